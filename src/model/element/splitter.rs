//! A 1:N power splitter.

element_body! {
    /// A 1:N power splitter.
    Splitter / SplitterWire as "Splitter" {
        /// Number of output ports N (≥ 1).
        ways: u32,
        /// Excess loss beyond the ideal 10·log10 N, dB (≥ 0).
        #[serde(default)]
        excess_loss_db: f64,
    }
}

numeric_fields!(Splitter {
    ways: Count,
    excess_loss_db: Real,
});
