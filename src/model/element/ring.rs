//! A microring add-drop filter used on its drop port.

element_body! {
    /// A microring drop filter.
    RingDrop / RingDropWire as "RingDrop" {
        /// Drop-port loss at resonance, dB (≥ 0).
        drop_loss_db: f64,
        /// Isolation from each adjacent channel, dB (> 0).
        #[serde(default)]
        adjacent_isolation_db: Option<f64>,
        /// Loaded Q: the drop response is a Lorentzian of full width c/(λ·Q), a first-order
        /// low-pass of c/(2λ·Q) for the signal. `None`: not limiting.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        loaded_q: Option<f64>,
    }
}

numeric_fields!(RingDrop {
    drop_loss_db: Real,
    adjacent_isolation_db: OptionalReal,
    loaded_q: OptionalReal,
});
