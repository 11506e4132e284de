//! An optical fiber.

element_body! {
    /// An optical fiber.
    Fiber / FiberWire as "Fiber" {
        /// Length, m (≥ 0).
        length_m: f64,
        /// Attenuation, dB/km (≥ 0).
        loss_db_per_km: f64,
        /// Zero-dispersion wavelength λ₀, nm. `None`: the ITU-T G.652 range 1300–1324 nm, at
        /// whichever end gives the larger |D| (the standard's worst case).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        zero_dispersion_nm: Option<f64>,
        /// Zero-dispersion slope S₀, ps/(nm²·km). `None`: G.652's maximum, 0.092.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dispersion_slope_ps_per_nm2_km: Option<f64>,
        /// Modal bandwidth of a multimode fiber, MHz·km. `None`: single-mode.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        modal_bandwidth_mhz_km: Option<f64>,
    }
}

numeric_fields!(Fiber {
    length_m: Real,
    loss_db_per_km: Real,
    zero_dispersion_nm: OptionalReal,
    dispersion_slope_ps_per_nm2_km: OptionalReal,
    modal_bandwidth_mhz_km: OptionalReal,
});
