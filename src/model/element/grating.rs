//! A fiber-to-chip grating coupler: peak loss plus a parabolic-in-dB (Gaussian) passband.

element_body! {
    /// A grating coupler.
    GratingCoupler / GratingCouplerWire as "GratingCoupler" {
        /// Loss at the passband centre, dB (≥ 0).
        loss_db: f64,
        /// 1-dB optical bandwidth, nm; `None` for a flat passband.
        #[serde(default)]
        bandwidth_1db_nm: Option<f64>,
        /// Passband centre, nm; `None` for the centre of the laser grid.
        #[serde(default)]
        center_nm: Option<f64>,
    }
}

numeric_fields!(GratingCoupler {
    loss_db: Real,
    bandwidth_1db_nm: OptionalReal,
    center_nm: OptionalReal,
});

impl GratingCoupler {
    /// The starting value of a new grating coupler (illustrative).
    pub const STARTING: Self = Self {
        loss_db: 2.5,
        bandwidth_1db_nm: Some(25.0),
        center_nm: None,
    };
}
