//! Closed-form power penalties.

use crate::units::Db;

/// Penalty reported when a target cannot be reached at any power (a BER floor), dB. Keeps every
/// result finite; the report also carries a warning.
pub const UNREACHABLE_PENALTY_DB: f64 = 99.0;

/// Extinction-ratio penalty for a thermal-noise-limited receiver, relative to r → ∞:
/// δ_ex = 10·log10((r + 1)/(r − 1)) dB, r = P1/P0 (Agrawal, *Fiber-Optic Communication Systems*,
/// section "Extinction Ratio" under "Sensitivity Degradation"). r = 10 (10 dB) → 0.872 dB.
///
/// The engine computes the ER penalty exactly from its noise model (which equals this formula
/// when thermal noise dominates); this closed form is kept as the reference.
pub fn extinction_ratio_penalty(er_linear: f64) -> Db {
    Db::from_linear((er_linear + 1.0) / (er_linear - 1.0))
}

/// Heterowavelength (incoherent, out-of-band) WDM crosstalk penalty: δ_X = −10·log10(1 − X), with
/// X the crosstalk-to-signal power ratio, here X = n_adj·10^(−ISO/10) for n_adj adjacent channels
/// leaking through a filter of adjacent-channel isolation ISO (Agrawal, *Fiber-Optic Communication
/// Systems*, chapter "Multichannel Systems", section "Heterowavelength Linear Crosstalk";
/// worst case: every aggressor at "1"). `None` when X ≥ 1 (the eye is closed).
pub fn crosstalk_penalty(adjacent_channels: u32, isolation_db: f64) -> Option<Db> {
    crosstalk_penalty_from_ratio(f64::from(adjacent_channels) * Db(-isolation_db).to_linear())
}

/// The same penalty from the crosstalk-to-signal ratio X itself: −10·log10(1 − X) (Agrawal,
/// ibid.); `None` when X ≥ 1. The design-mode rings compute X from their Lorentzian responses
/// ([`super::ring::RingBank`]).
pub fn crosstalk_penalty_from_ratio(x: f64) -> Option<Db> {
    // `+ 0.0` turns the −0 of X = 0 into 0.
    (x < 1.0).then(|| Db(-super::ring::DB_PER_NEPER_POWER * (-x).ln_1p() + 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn er_penalty_at_10_db() {
        // 10·log10(11/9) = 0.8715 dB.
        assert!((extinction_ratio_penalty(10.0).0 - 0.8715).abs() < 1e-4);
    }

    #[test]
    fn crosstalk_two_neighbours_at_20_db() {
        // X = 2·0.01 = 0.02: −10·log10(0.98) = 0.0877 dB.
        let p = crosstalk_penalty(2, 20.0).unwrap();
        assert!((p.0 - 0.08774).abs() < 1e-5);
        assert!(crosstalk_penalty(2, 2.0).is_none());
        assert_eq!(crosstalk_penalty(0, 5.0).unwrap().0, 0.0);
    }
}
