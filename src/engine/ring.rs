//! Microrings from their design: free spectral range, linewidth, the Lorentzian drop and through
//! responses of coupled-mode theory, and what a bank of rings on one bus does to each WDM channel
//! (crosstalk from every aggressor, through-loss of the other rings).
//!
//! A ring of loaded Q `Q_L` (energy decay rate 2/τ, 1/τ = 1/τ_i + 1/τ_e summed over the bus
//! couplings) is a single-pole resonator: near its resonance f₀ every port's power response is a
//! Lorentzian of full width at half maximum FWHM = f₀/Q_L (H. A. Haus, *Waves and Fields in
//! Optoelectronics*, Prentice-Hall 1984, ch. 7 "Coupling of modes — resonators"; B. E. Little et
//! al., "Microring resonator channel dropping filters", J. Lightwave Technol. 15(6), 998 (1997);
//! W. Bogaerts et al., "Silicon microring resonators", Laser Photonics Rev. 6(1), 47 (2012)).
//! Every function here takes frequencies in GHz.

mod bank;
mod design;
mod summary;

pub(crate) use bank::RingGeometry;
pub use bank::{RingBank, RingEffects};
pub use design::{Port, RingDesign};
pub use summary::{RingSummary, headline, summaries};

use crate::engine::chain::ChannelPosition;
use crate::model::{Link, SPEED_OF_LIGHT_M_PER_S};

/// Optical frequency of a wavelength, GHz: f = c/λ.
pub fn frequency_ghz(wavelength_nm: f64) -> f64 {
    SPEED_OF_LIGHT_M_PER_S / wavelength_nm
}

/// Free spectral range of a ring of radius R and group index n_g, GHz: FSR = c/(n_g·L) with
/// L = 2πR the round trip (Bogaerts et al. 2012, eq. for the FSR; in wavelength λ²/(n_g·L)).
/// R = 2.5 µm, n_g = 4.78: 3.995 THz (32 nm at 1.55 µm, S. Xiao et al., J. Lightwave Technol.
/// 26(2), 228 (2008)).
pub fn fsr_ghz(radius_um: f64, group_index: f64) -> f64 {
    let round_trip_m = 2.0 * std::f64::consts::PI * radius_um * 1e-6;
    SPEED_OF_LIGHT_M_PER_S / (group_index * round_trip_m) * 1e-9
}

/// Full width at half maximum of a resonance at f₀ with loaded Q, GHz: FWHM = f₀/Q_L (Haus,
/// ch. 7: Q = ω₀τ/2, the power Lorentzian's half width is 1/τ). 57.2 GHz at 1310 nm, Q_L 4000.
pub fn linewidth_ghz(frequency_ghz: f64, loaded_q: f64) -> f64 {
    frequency_ghz / loaded_q
}

/// The normalised Lorentzian 1/(1 + (2Δf/FWHM)²): 1 on resonance, ½ at Δf = ±FWHM/2 (Haus,
/// ch. 7; Little et al. 1997, eq. for the drop response).
pub fn lorentzian(detuning_ghz: f64, fwhm_ghz: f64) -> f64 {
    let x = 2.0 * detuning_ghz / fwhm_ghz;
    1.0 / (1.0 + x * x)
}

/// A detuning folded into [−FSR/2, FSR/2]: a ring resonates every FSR, so a channel one FSR
/// away sits on a resonance again (Bogaerts et al. 2012, the periodic response).
pub fn fold_detuning_ghz(detuning_ghz: f64, fsr_ghz: f64) -> f64 {
    if !(fsr_ghz.is_finite() && fsr_ghz > 0.0) {
        return detuning_ghz;
    }
    detuning_ghz - fsr_ghz * (detuning_ghz / fsr_ghz).round()
}

/// Drop-port power transmission at resonance of a symmetric add-drop ring (both bus couplings
/// equal): D₀ = (1 − Q_L/Q_i)² (coupled-mode theory: with 1/τ = 1/τ_i + 2/τ_e, the drop field is
/// (2/τ_e)/(1/τ) = 1 − τ/τ_i and Q ∝ τ; Little et al. 1997; Bogaerts et al. 2012). Q_L 4000,
/// Q_i 50 000: 0.8464 (0.72 dB).
pub fn add_drop_peak_drop(loaded_q: f64, intrinsic_q: f64) -> f64 {
    let r = 1.0 - loaded_q / intrinsic_q;
    r * r
}

/// Through-port power transmission at resonance of a symmetric add-drop ring:
/// T₀ = (Q_L/Q_i)² (the through field is (1/τ_i)/(1/τ); same sources). Q_L 4000, Q_i 50 000:
/// 0.0064.
pub fn add_drop_peak_through(loaded_q: f64, intrinsic_q: f64) -> f64 {
    let r = loaded_q / intrinsic_q;
    r * r
}

/// Through-port power transmission at resonance of an all-pass ring (one bus, a microring
/// modulator): T₀ = (1 − 2Q_L/Q_i)², zero at critical coupling Q_L = Q_i/2 (the through field is
/// (1/τ_i − 1/τ_e)/(1/τ_i + 1/τ_e); Haus ch. 7; Bogaerts et al. 2012). Q_L 5000, Q_i 50 000: 0.64.
pub fn all_pass_peak_through(loaded_q: f64, intrinsic_q: f64) -> f64 {
    let r = 1.0 - 2.0 * loaded_q / intrinsic_q;
    r * r
}

/// Drop-port power transmission at detuning Δf: D(Δf) = D₀/(1 + (2Δf/FWHM)²).
pub fn drop_response(peak_drop: f64, detuning_ghz: f64, fwhm_ghz: f64) -> f64 {
    peak_drop * lorentzian(detuning_ghz, fwhm_ghz)
}

/// Through-port power transmission at detuning Δf: T(Δf) = 1 − (1 − T₀)/(1 + (2Δf/FWHM)²)
/// (exact in coupled-mode theory for the add-drop and the all-pass ring alike: 1 − |t|² is a
/// Lorentzian of the same width; Haus ch. 7).
pub fn through_response(peak_through: f64, detuning_ghz: f64, fwhm_ghz: f64) -> f64 {
    1.0 - (1.0 - peak_through) * lorentzian(detuning_ghz, fwhm_ghz)
}

/// Power as dB of loss: −10·log10(t) (a transmission t ≤ 1 is a loss ≥ 0; 0 counts as the
/// floor of 300 dB so that every number stays finite).
pub fn loss_db(transmission: f64) -> f64 {
    -crate::units::ten_log10(transmission.max(1e-30)) + 0.0
}

/// 10/ln 10: dB per natural-log unit of a power ratio.
pub const DB_PER_NEPER_POWER: f64 = 10.0 / std::f64::consts::LN_10;

/// Ring-design checks: an FSR shorter than the comb (channels × spacing) folds aggressors onto
/// the resonances. The warning names the field.
pub(crate) fn fsr_warnings(link: &Link, positions: &[ChannelPosition]) -> Vec<String> {
    let mut warnings = Vec::new();
    let count = positions.len();
    let frequencies = positions.iter().map(|p| frequency_ghz(p.wavelength_nm));
    let (low, high) = frequencies.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), f| {
        (lo.min(f), hi.max(f))
    });
    let comb_ghz = if count > 1 {
        (high - low) * count as f64 / (count - 1) as f64
    } else {
        0.0
    };
    for design in RingDesign::all(&link.elements) {
        let i = design.element;
        if count > 1 && design.fsr_ghz < comb_ghz {
            warnings.push(format!(
                "elements[{i}].radius_um: the ring's FSR of {:.0} GHz is below the comb's \
                 {count} channels × {:.0} GHz = {comb_ghz:.0} GHz, so channels one FSR apart \
                 land on the same resonance (use a smaller radius)",
                design.fsr_ghz,
                comb_ghz / count as f64,
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_at_hand_computed_points() {
        // FWHM 50 GHz, Δf 25 GHz: half power.
        assert!((lorentzian(25.0, 50.0) - 0.5).abs() < 1e-15);
        // Δf 100 GHz: 1/(1 + 16) = 0.0588.
        assert!((lorentzian(100.0, 50.0) - 1.0 / 17.0).abs() < 1e-15);
        // T₀ = 0.0064: T at half width = 1 − 0.9936/2 = 0.5032.
        assert!((through_response(0.0064, 25.0, 50.0) - 0.5032).abs() < 1e-12);
        assert!((add_drop_peak_drop(4000.0, 50_000.0) - 0.8464).abs() < 1e-12);
        assert!((all_pass_peak_through(5000.0, 50_000.0) - 0.64).abs() < 1e-12);
    }

    #[test]
    fn folding_puts_one_fsr_on_resonance() {
        assert!(fold_detuning_ghz(4000.0, 4000.0).abs() < 1e-9);
        assert!((fold_detuning_ghz(3000.0, 4000.0) + 1000.0).abs() < 1e-9);
        assert!((fold_detuning_ghz(-1500.0, 4000.0) + 1500.0).abs() < 1e-9);
    }
}
