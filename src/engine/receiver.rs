//! The receiver's noise at a given bit rate, for both ways of stating sensitivity.

use super::ber::q_from_ber;
use super::noise::{ELEMENTARY_CHARGE_C, Noise};
use crate::model::{Link, PowerBasis, Sensitivity};
use crate::units::{Db, Dbm};

/// Receiver noise bandwidth at `bit_rate_gbps`, Hz: B_n = f·(bit rate / bits per symbol).
pub fn noise_bandwidth_hz(link: &Link, bit_rate_gbps: f64) -> f64 {
    let symbol_rate_hz = bit_rate_gbps * 1e9 / link.signaling.modulation.bits_per_symbol();
    link.receiver.noise_bandwidth_fraction * symbol_rate_hz
}

/// hc/q in nm·V: 1239.84198… (exact from the 2019 SI values of h, c and q, CODATA 2018).
const HC_OVER_Q_NM_V: f64 = 6.626_070_15e-34 * 299_792_458.0 / 1.602_176_634e-19 * 1e9;

/// The quantum limit of a photodiode's responsivity at `wavelength_nm`, A/W: every photon gives
/// one electron (η = 1), R = ηqλ/(hc) = λ[nm]/1239.84 (Agrawal, *Fiber-Optic Communication
/// Systems*, chapter "Optical Receivers", section "Responsivity and quantum efficiency"; Keiser,
/// *Optical Fiber Communications*, photodetector responsivity R = ηq/hν). 1.057 A/W at 1310 nm.
/// Only avalanche gain exceeds it.
pub fn quantum_limit_a_per_w(wavelength_nm: f64) -> f64 {
    wavelength_nm / HC_OVER_Q_NM_V
}

/// RIN as a linear power ratio per Hz: RIN_lin = 10^(RIN[dB/Hz]/10).
pub fn rin_linear_per_hz(link: &Link) -> f64 {
    Db(link.laser.rin_db_per_hz).to_linear()
}

/// The receiver's noise at `bit_rate_gbps`.
///
/// - Noise model: σ_T² = i_n²·B_n, shot 2q(I + I_d)·B_n, RIN_lin·I²·B_n (Agrawal, *Fiber-Optic
///   Communication Systems*, chapter "Optical Receivers", section "Receiver Noise").
/// - Given sensitivity S at BER₀ and rate₀: the receiver is taken as thermal-noise limited, with
///   the equivalent σ that makes S exact: OMA_S = 2(M − 1)·Q₀·σ₀/R, Q₀ = Q(BER₀) (for NRZ the
///   familiar OMA = 2Qσ/R). An average-power S at extinction ratio r₀ has
///   OMA_S = 2S(r₀ − 1)/(r₀ + 1). σ then scales with rate as (rate/rate₀)^(s/10) for a scaling of
///   s dB/decade (5 dB/decade = the white-noise √B_n law). RIN is added on top; shot noise and dark
///   current are already inside the stated S.
pub fn noise_at(link: &Link, bit_rate_gbps: f64) -> Noise {
    let rx = &link.receiver;
    let bandwidth_hz = noise_bandwidth_hz(link, bit_rate_gbps);
    let rin_coefficient = rin_linear_per_hz(link) * bandwidth_hz;
    match &rx.sensitivity {
        Sensitivity::NoiseModel {
            tia_noise_pa_per_sqrt_hz,
        } => {
            let i_n = tia_noise_pa_per_sqrt_hz * 1e-12;
            Noise {
                responsivity_a_per_w: rx.responsivity_a_per_w,
                thermal_variance_a2: i_n * i_n * bandwidth_hz,
                shot_coefficient_a: 2.0 * ELEMENTARY_CHARGE_C * bandwidth_hz,
                dark_current_a: rx.dark_current_na * 1e-9,
                rin_coefficient,
            }
        }
        Sensitivity::Given {
            dbm,
            basis,
            ber,
            bit_rate_gbps: reference_rate_gbps,
            reference_er_db,
            rate_scaling_db_per_decade,
        } => {
            let stated_w = Dbm(*dbm).to_watts();
            let oma_w = match basis {
                PowerBasis::Oma => stated_w,
                PowerBasis::Average => match reference_er_db {
                    Some(er_db) => {
                        let r = Db(*er_db).to_linear();
                        2.0 * stated_w * (r - 1.0) / (r + 1.0)
                    }
                    None => 2.0 * stated_w,
                },
            };
            let modulation = link.signaling.modulation;
            let steps = (modulation.levels() - 1) as f64;
            let q_ref = q_from_ber(modulation, *ber);
            let sigma_ref = rx.responsivity_a_per_w * oma_w / (2.0 * steps * q_ref);
            let sigma = sigma_ref
                * (bit_rate_gbps / reference_rate_gbps).powf(rate_scaling_db_per_decade / 10.0);
            Noise {
                responsivity_a_per_w: rx.responsivity_a_per_w,
                thermal_variance_a2: sigma * sigma,
                shot_coefficient_a: 0.0,
                dark_current_a: 0.0,
                rin_coefficient,
            }
        }
    }
}
