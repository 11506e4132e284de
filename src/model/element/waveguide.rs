//! An on-chip waveguide with bends and crossings.

element_body! {
    /// An on-chip waveguide.
    Waveguide / WaveguideWire as "Waveguide" {
        /// Length, cm (≥ 0).
        length_cm: f64,
        /// Propagation loss, dB/cm (≥ 0).
        loss_db_per_cm: f64,
        /// Number of bends.
        #[serde(default)]
        bends: u32,
        /// Loss per bend, dB.
        #[serde(default)]
        loss_db_per_bend: f64,
        /// Number of waveguide crossings.
        #[serde(default)]
        crossings: u32,
        /// Loss per crossing, dB.
        #[serde(default)]
        loss_db_per_crossing: f64,
        /// Total optical power (all channels) above which nonlinear loss sets in, dBm: two-photon
        /// and free-carrier absorption in silicon. `None`: not checked (e.g. silicon nitride).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        nonlinear_onset_dbm: Option<f64>,
    }
}

numeric_fields!(Waveguide {
    length_cm: Real,
    loss_db_per_cm: Real,
    bends: Count,
    loss_db_per_bend: Real,
    crossings: Count,
    loss_db_per_crossing: Real,
    nonlinear_onset_dbm: OptionalReal,
});

/// Nonlinear-loss onset of a silicon strip waveguide, dBm: 20 dBm (100 mW).
///
/// Two-photon absorption adds α_TPA = β·P/A_eff: with β ≈ 0.8 cm/GW near 1.3–1.55 µm (A. D.
/// Bristow, N. Rotenberg, H. M. van Driel, "Two-photon absorption and Kerr coefficients of
/// silicon for 850–2200 nm", Appl. Phys. Lett. 90, 191104 (2007)) and A_eff ≈ 0.1 µm² (a
/// 450 × 220 nm strip), 100 mW gives 0.08 cm⁻¹ ≈ 0.35 dB/cm, comparable to the linear loss,
/// and the free carriers it creates absorb in proportion to P² beyond (Q. Lin, O. J. Painter,
/// G. P. Agrawal, "Nonlinear optical phenomena in silicon waveguides: modeling and
/// applications", Opt. Express 15, 16604 (2007)).
pub const SILICON_NONLINEAR_ONSET_DBM: f64 = 20.0;

impl Waveguide {
    /// The starting value of a new waveguide (illustrative silicon strip).
    pub const STARTING: Self = Self {
        length_cm: 1.0,
        loss_db_per_cm: 2.0,
        bends: 0,
        loss_db_per_bend: 0.02,
        crossings: 0,
        loss_db_per_crossing: 0.1,
        nonlinear_onset_dbm: Some(SILICON_NONLINEAR_ONSET_DBM),
    };
}
