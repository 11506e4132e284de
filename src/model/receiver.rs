//! The receiver: photodiode, TIA noise or a given sensitivity, and the BER target.

use super::{Provenance, Tolerance};
use serde::{Deserialize, Serialize};

/// Photodiode + TIA receiver.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receiver {
    /// Photodiode responsivity R, A/W (> 0). I = R·P.
    pub responsivity_a_per_w: f64,
    /// Photodiode dark current, nA (≥ 0); adds shot noise 2q·I_dark·B_n.
    #[serde(default)]
    pub dark_current_na: f64,
    /// BER the link must reach: 1e-12 for an unprotected link, or a pre-FEC threshold such as
    /// 2.4e-4 for RS(544,514) "KP4" FEC.
    #[serde(default = "default_target_ber")]
    pub target_ber: f64,
    /// Noise bandwidth B_n as a fraction of the symbol rate (0 < f ≤ 2).
    #[serde(default = "default_noise_bandwidth_fraction")]
    pub noise_bandwidth_fraction: f64,
    /// Photodiode 3-dB bandwidth (transit time and RC), GHz. `None`: not limiting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photodiode_bandwidth_ghz: Option<f64>,
    /// TIA / receiver front-end 3-dB bandwidth, GHz. `None`: not limiting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tia_bandwidth_ghz: Option<f64>,
    /// Overload: the highest average received power the receiver takes, dBm. `None`: not
    /// checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overload_dbm: Option<f64>,
    /// How the sensitivity is obtained.
    pub sensitivity: Sensitivity,
    /// Spread of the responsivity, A/W.
    #[serde(default)]
    pub responsivity_tolerance: Option<Tolerance>,
    /// Where the numbers come from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// Default target BER: 1e-12, the BER objective of unprotected IEEE 802.3 Ethernet PHYs
/// (e.g. the 10GBASE-R PMDs of IEEE 802.3 Clause 52 specify a BER of at most 10⁻¹²).
pub fn default_target_ber() -> f64 {
    1e-12
}

/// Default noise bandwidth: 0.5 × symbol rate.
///
/// Agrawal, *Fiber-Optic Communication Systems* (chapter "Optical Receivers", sections "Receiver Noise" and "Receiver Sensitivity") takes the receiver noise
/// bandwidth Δf ≈ B/2 for NRZ; the IEEE 802.3 TDECQ reference receiver is a 4th-order
/// Bessel–Thomson filter with a 3-dB bandwidth of 0.5 × the signaling rate (the TDECQ
/// measurement of IEEE 802.3 Clause 121, used by Clause 124). Personick's I₂ ≈ 0.56 (BSTJ 52, 1973) is a close alternative.
pub fn default_noise_bandwidth_fraction() -> f64 {
    0.5
}

/// Receiver sensitivity: stated by a datasheet/standard, or computed from the noise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Sensitivity {
    /// A stated sensitivity at a stated BER and bit rate.
    Given {
        /// The sensitivity, dBm.
        dbm: f64,
        /// Whether `dbm` is an average power or an OMA.
        basis: PowerBasis,
        /// The BER at which it is stated.
        ber: f64,
        /// The bit rate at which it is stated, Gb/s.
        bit_rate_gbps: f64,
        /// For an average-power sensitivity, the extinction ratio at which it was measured, dB
        /// (`None`: an ideal, infinite extinction ratio).
        #[serde(default)]
        reference_er_db: Option<f64>,
        /// How the required power scales with bit rate, dB per decade of rate.
        #[serde(default = "default_rate_scaling_db_per_decade")]
        rate_scaling_db_per_decade: f64,
    },
    /// Computed from thermal (TIA), shot and RIN noise.
    NoiseModel {
        /// TIA input-referred noise current density at low frequency, pA/√Hz (> 0).
        tia_noise_pa_per_sqrt_hz: f64,
        /// Corner of the f² rise of the input-referred noise, GHz: i_n²(f) = i_n0²·(1 + (f/f_c)²).
        /// `None`: white.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        f2_corner_ghz: Option<f64>,
    },
    /// A textbook front end: a load resistor R_L at temperature T followed by an amplifier of
    /// noise figure Fₙ; σ_T² = 4kT·Fₙ·B_n/R_L, with shot and RIN noise as in `NoiseModel`.
    FrontEnd {
        /// Load resistance R_L, Ω (> 0).
        load_resistance_ohm: f64,
        /// Temperature T, K (> 0).
        temperature_k: f64,
        /// Amplifier noise figure Fₙ, dB (≥ 0).
        noise_figure_db: f64,
    },
}

/// Default rate scaling of a given sensitivity: 5 dB/decade.
///
/// For a thermal-noise-limited receiver σ_T ∝ √B_n and B_n ∝ bit rate, so the required OMA
/// 2Qσ_T/R grows as √rate: 10·log10(√10) = 5 dB per decade (Agrawal, section "Receiver Sensitivity"; Personick 1973).
/// A front end dominated by f² noise grows faster (up to 15 dB/decade).
pub fn default_rate_scaling_db_per_decade() -> f64 {
    5.0
}

/// The power basis of a stated sensitivity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PowerBasis {
    /// Average optical power.
    Average,
    /// Optical modulation amplitude P1 − P0 (OMAouter for PAM4).
    Oma,
}
