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
    }
}

numeric_fields!(Waveguide {
    length_cm: Real,
    loss_db_per_cm: Real,
    bends: Count,
    loss_db_per_bend: Real,
    crossings: Count,
    loss_db_per_crossing: Real,
});

impl Waveguide {
    /// The starting value of a new waveguide (illustrative silicon strip).
    pub const STARTING: Self = Self {
        length_cm: 1.0,
        loss_db_per_cm: 2.0,
        bends: 0,
        loss_db_per_bend: 0.02,
        crossings: 0,
        loss_db_per_crossing: 0.1,
    };
}
