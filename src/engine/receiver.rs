//! The receiver's noise at a given bit rate, for both ways of stating sensitivity.

use super::ber::q_from_ber;
use super::noise::{ELEMENTARY_CHARGE_C, Noise};
use crate::model::{Link, PowerBasis, Sensitivity};
use crate::units::{Db, Dbm};

/// Receiver noise bandwidth at `bit_rate_gbps`, Hz: B_n = f·(bit rate / bits per symbol).
pub fn noise_bandwidth_hz(link: &Link, bit_rate_gbps: f64) -> f64 {
    bandwidth_hz(
        link.receiver.noise_bandwidth_fraction,
        link.signaling.modulation.bits_per_symbol(),
        bit_rate_gbps,
    )
}

/// B_n = f·(bit rate / bits per symbol), Hz, from the fraction f and the bits per symbol.
fn bandwidth_hz(fraction: f64, bits_per_symbol: f64, bit_rate_gbps: f64) -> f64 {
    let symbol_rate_hz = bit_rate_gbps * 1e9 / bits_per_symbol;
    fraction * symbol_rate_hz
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

/// Boltzmann constant k, J/K (exact, SI 2019).
pub const BOLTZMANN_J_PER_K: f64 = 1.380_649e-23;

/// Thermal (front-end) noise variance over a brick-wall noise bandwidth `bandwidth_hz`, A²:
///
/// - TIA noise density i_n0 with an f² corner f_c: i_n²(f) = i_n0²·(1 + (f/f_c)²), so
///   σ_T² = ∫₀^B i_n²(f) df = i_n0²·(B + B³/(3f_c²)) (the I₂·B and I₃·B³ terms of S. D. Personick,
///   "Receiver design for digital fiber optic communication systems", BSTJ 52, 843 (1973));
/// - a load resistor R_L at temperature T and an amplifier of noise figure Fₙ:
///   σ_T² = 4kT·Fₙ·B/R_L (G. P. Agrawal, *Fiber-Optic Communication Systems*, chapter "Optical
///   Receivers", section "Receiver Noise", thermal noise).
///
/// 0 for a given sensitivity (its noise is derived from the stated value instead).
pub fn thermal_variance_a2(sensitivity: &Sensitivity, bandwidth_hz: f64) -> f64 {
    match sensitivity {
        Sensitivity::NoiseModel {
            tia_noise_pa_per_sqrt_hz,
            f2_corner_ghz,
        } => {
            let i_n = tia_noise_pa_per_sqrt_hz * 1e-12;
            let f2 = f2_corner_ghz.map_or(0.0, |fc| {
                let fc_hz = fc * 1e9;
                bandwidth_hz.powi(3) / (3.0 * fc_hz * fc_hz)
            });
            i_n * i_n * (bandwidth_hz + f2)
        }
        Sensitivity::FrontEnd {
            load_resistance_ohm,
            temperature_k,
            noise_figure_db,
        } => {
            4.0 * BOLTZMANN_J_PER_K
                * temperature_k
                * Db(*noise_figure_db).to_linear()
                * bandwidth_hz
                / load_resistance_ohm
        }
        Sensitivity::Given { .. } => 0.0,
    }
}

/// RIN as a linear power ratio per Hz: RIN_lin = 10^(RIN[dB/Hz]/10).
pub fn rin_linear_per_hz(link: &Link) -> f64 {
    Db(link.laser.rin_db_per_hz).to_linear()
}

/// The receiver's noise at `bit_rate_gbps` ([`NoiseLaw::at`] of [`NoiseLaw::of`]).
pub fn noise_at(link: &Link, bit_rate_gbps: f64) -> Noise {
    NoiseLaw::of(link).at(bit_rate_gbps)
}

/// The receiver's noise as a function of the bit rate: what [`noise_at`] needs that does not
/// depend on the rate, worked out once (the capacity search asks for the noise at dozens of
/// rates).
///
/// - Noise model: σ_T² = i_n²·B_n, shot 2q(I + I_d)·B_n, RIN_lin·I²·B_n (Agrawal, *Fiber-Optic
///   Communication Systems*, chapter "Optical Receivers", section "Receiver Noise").
/// - Given sensitivity S at BER₀ and rate₀: the receiver is taken as thermal-noise limited, with
///   the equivalent σ that makes S exact: OMA_S = 2(M − 1)·Q₀·σ₀/R, Q₀ = Q(BER₀) (for NRZ the
///   familiar OMA = 2Qσ/R). An average-power S at extinction ratio r₀ has
///   OMA_S = 2S(r₀ − 1)/(r₀ + 1). σ then scales with rate as (rate/rate₀)^(s/10) for a scaling of
///   s dB/decade (5 dB/decade = the white-noise √B_n law). RIN is added on top; shot noise and dark
///   current are already inside the stated S.
#[derive(Clone, Debug)]
pub struct NoiseLaw {
    /// Noise bandwidth per symbol rate f (B_n = f·rate/bits per symbol).
    bandwidth_fraction: f64,
    /// Bits per symbol.
    bits_per_symbol: f64,
    /// RIN_lin, 1/Hz.
    rin_linear_per_hz: f64,
    /// Responsivity, A/W.
    responsivity_a_per_w: f64,
    /// How the thermal (front-end) noise grows with the noise bandwidth.
    thermal: Thermal,
}

/// The thermal part of a [`NoiseLaw`].
#[derive(Clone, Debug)]
enum Thermal {
    /// The noise model or the textbook front end ([`thermal_variance_a2`]: i_n²·(B + B³/(3f_c²))
    /// or 4kT·Fₙ·B/R_L); shot noise and dark current on top.
    Model {
        /// The sensitivity it came from.
        sensitivity: Sensitivity,
        /// Dark current, A.
        dark_current_a: f64,
    },
    /// σ = σ₀·(rate/rate₀)^(s/10), no shot noise (it is inside the stated sensitivity).
    Given {
        /// σ₀ at the reference rate, A.
        sigma_ref_a: f64,
        /// The reference rate, Gb/s.
        reference_rate_gbps: f64,
        /// s/10 for a scaling of s dB/decade.
        exponent: f64,
    },
}

impl NoiseLaw {
    /// The noise law of `link`'s receiver.
    pub fn of(link: &Link) -> Self {
        let rx = &link.receiver;
        let thermal = match &rx.sensitivity {
            Sensitivity::NoiseModel { .. } | Sensitivity::FrontEnd { .. } => Thermal::Model {
                sensitivity: rx.sensitivity.clone(),
                dark_current_a: rx.dark_current_na * 1e-9,
            },
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
                Thermal::Given {
                    sigma_ref_a: rx.responsivity_a_per_w * oma_w / (2.0 * steps * q_ref),
                    reference_rate_gbps: *reference_rate_gbps,
                    exponent: rate_scaling_db_per_decade / 10.0,
                }
            }
        };
        Self {
            bandwidth_fraction: rx.noise_bandwidth_fraction,
            bits_per_symbol: link.signaling.modulation.bits_per_symbol(),
            rin_linear_per_hz: rin_linear_per_hz(link),
            responsivity_a_per_w: rx.responsivity_a_per_w,
            thermal,
        }
    }

    /// The noise at `bit_rate_gbps`.
    pub fn at(&self, bit_rate_gbps: f64) -> Noise {
        let bandwidth_hz =
            bandwidth_hz(self.bandwidth_fraction, self.bits_per_symbol, bit_rate_gbps);
        let rin_coefficient = self.rin_linear_per_hz * bandwidth_hz;
        match &self.thermal {
            Thermal::Model {
                sensitivity,
                dark_current_a,
            } => Noise {
                responsivity_a_per_w: self.responsivity_a_per_w,
                thermal_variance_a2: thermal_variance_a2(sensitivity, bandwidth_hz),
                shot_coefficient_a: 2.0 * ELEMENTARY_CHARGE_C * bandwidth_hz,
                dark_current_a: *dark_current_a,
                rin_coefficient,
            },
            Thermal::Given {
                sigma_ref_a,
                reference_rate_gbps,
                exponent,
            } => {
                let sigma = sigma_ref_a * (bit_rate_gbps / reference_rate_gbps).powf(*exponent);
                Noise {
                    responsivity_a_per_w: self.responsivity_a_per_w,
                    thermal_variance_a2: sigma * sigma,
                    shot_coefficient_a: 0.0,
                    dark_current_a: 0.0,
                    rin_coefficient,
                }
            }
        }
    }
}
