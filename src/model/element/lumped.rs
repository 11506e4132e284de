//! A fixed loss: edge coupler, connector, splice or any other loss.

element_body! {
    /// A fixed insertion loss.
    LumpedLoss / LumpedLossWire as "LumpedLoss" {
        /// Insertion loss, dB (≥ 0).
        loss_db: f64,
    }
}

numeric_fields!(LumpedLoss { loss_db: Real });
