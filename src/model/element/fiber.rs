//! An optical fiber.

element_body! {
    /// An optical fiber.
    Fiber / FiberWire as "Fiber" {
        /// Length, m (≥ 0).
        length_m: f64,
        /// Attenuation, dB/km (≥ 0).
        loss_db_per_km: f64,
    }
}

numeric_fields!(Fiber {
    length_m: Real,
    loss_db_per_km: Real,
});
