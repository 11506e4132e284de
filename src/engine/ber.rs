//! Q factor ↔ BER for Gaussian noise.

use crate::model::Modulation;
use statrs::function::erf::{erfc, erfc_inv};
use std::f64::consts::{FRAC_1_SQRT_2, SQRT_2};

/// Gaussian tail probability Qf(x) = ½·erfc(x/√2).
///
/// Agrawal, *Fiber-Optic Communication Systems*, chapter "Optical Receivers", section "Bit-Error
/// Rate": BER = ½·erfc(Q/√2).
pub fn gaussian_tail(x: f64) -> f64 {
    // ×(1/√2) rather than ÷√2: the same to an ulp, without a division's latency on the path of
    // every BER and ISI penalty.
    0.5 * erfc(x * FRAC_1_SQRT_2)
}

/// Inverse of [`gaussian_tail`]: x = √2·erfc⁻¹(2p), for 0 < p < 1.
pub fn inverse_gaussian_tail(p: f64) -> f64 {
    SQRT_2 * erfc_inv(2.0 * p)
}

/// Multiplier a in BER = a·Qf(Q).
///
/// NRZ: a = 1 (Agrawal, "Bit-Error Rate"). PAM4 with equal eyes and Gray coding: SER = 2(M−1)/M·Qf(Q)
/// = (3/2)·Qf(Q) and BER ≈ SER/log2 M, so a = 3/4 (Proakis & Salehi, *Digital Communications*,
/// 5th ed., error probability of M-ary PAM in AWGN; with Gray coding BER ≈ SER/k).
fn ber_multiplier(modulation: Modulation) -> f64 {
    match modulation {
        Modulation::Nrz => 1.0,
        Modulation::Pam4 => 0.75,
    }
}

/// BER at a given Q (the worst eye's Q for PAM4).
pub fn ber_from_q(modulation: Modulation, q: f64) -> f64 {
    ber_multiplier(modulation) * gaussian_tail(q)
}

/// log10 of the BER at a given Q, finite where the BER itself underflows. Where
/// [`ber_from_q`] is at least 1e-300 this is its log10; beyond (Q ≳ 37) it is the log of the
/// asymptotic series erfc(x) ≈ e^(−x²)/(x·√π)·(1 − 1/(2x²) + 3/(4x⁴)) at x = Q/√2 (Abramowitz &
/// Stegun, *Handbook of Mathematical Functions*, eq. 7.1.23), whose next term is below 1e-7 of
/// the sum there.
pub fn log10_ber_from_q(modulation: Modulation, q: f64) -> f64 {
    let ber = ber_from_q(modulation, q);
    if ber >= 1e-300 || !q.is_finite() {
        return ber.log10().max(f64::MIN);
    }
    let x = q / SQRT_2;
    let x2 = x * x;
    let ln_erfc = -x2 - (x * std::f64::consts::PI.sqrt()).ln()
        + (1.0 - 1.0 / (2.0 * x2) + 3.0 / (4.0 * x2 * x2)).ln();
    ((0.5 * ber_multiplier(modulation)).ln() + ln_erfc) / std::f64::consts::LN_10
}

/// The Q needed for a BER: Q = Qf⁻¹(BER/a) with a from [`ber_from_q`].
pub fn q_from_ber(modulation: Modulation, ber: f64) -> f64 {
    inverse_gaussian_tail(ber / ber_multiplier(modulation))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_for_standard_bers() {
        // Agrawal, "Bit-Error Rate": BER 1e-9 ↔ Q ≈ 6; tables of the Gaussian tail give
        // Qf⁻¹(1e-12) = 7.0345, Qf⁻¹(1e-9) = 5.9978.
        assert!((q_from_ber(Modulation::Nrz, 1e-12) - 7.034).abs() < 0.005);
        assert!((q_from_ber(Modulation::Nrz, 1e-9) - 5.998).abs() < 0.002);
    }

    #[test]
    fn ber_at_q6() {
        // ½·erfc(6/√2) = 9.866e-10.
        let ber = ber_from_q(Modulation::Nrz, 6.0);
        assert!((ber - 9.866e-10).abs() / 9.866e-10 < 1e-3, "{ber}");
    }

    #[test]
    fn pam4_needs_q_for_four_thirds_ber() {
        // By hand: BER = (3/4)·Qf(q) = 1e-12 → Qf(q) = 1.333e-12 → q = Qf⁻¹(1.333e-12) = 6.994.
        let q = q_from_ber(Modulation::Pam4, 1e-12);
        assert!((q - 6.994).abs() < 0.003, "{q}");
    }

    #[test]
    fn log10_ber_is_finite_past_underflow_and_continuous_at_the_switch() {
        // Q = 6: log10(9.866e-10) = −9.0059.
        assert!((log10_ber_from_q(Modulation::Nrz, 6.0) + 9.0059).abs() < 1e-3);
        // Just below and just above the switch (BER 1e-300 near Q = 37.0) the two ways agree.
        let q_switch = q_from_ber(Modulation::Nrz, 1e-300);
        let below = log10_ber_from_q(Modulation::Nrz, q_switch - 1e-9);
        let above = log10_ber_from_q(Modulation::Nrz, q_switch + 1e-9);
        assert!(
            (below + 300.0).abs() < 1e-4 && (above - below).abs() < 1e-5,
            "{below} {above}"
        );
        // Q = 45.5 (the Keiser LAN link): the BER underflows to 0; ½·erfc(45.5/√2) evaluated
        // with 50-digit arithmetic is 10^−451.606386437.
        assert_eq!(ber_from_q(Modulation::Nrz, 45.5), 0.0);
        let l = log10_ber_from_q(Modulation::Nrz, 45.5);
        assert!((l + 451.606_386_437).abs() < 1e-8, "{l}");
        // PAM4's ¾ shifts it by log10(¾) = −0.1249.
        let d = log10_ber_from_q(Modulation::Pam4, 45.5) - l;
        assert!((d - 0.75f64.log10()).abs() < 1e-9, "{d}");
    }

    #[test]
    fn round_trip() {
        for ber in [1e-15, 1e-12, 2.4e-4, 1e-2] {
            let q = q_from_ber(Modulation::Pam4, ber);
            assert!((ber_from_q(Modulation::Pam4, q) / ber - 1.0).abs() < 1e-9);
        }
    }
}
