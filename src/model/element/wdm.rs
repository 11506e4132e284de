//! A WDM multiplexer or demultiplexer (AWG, echelle grating, ring bank, thin-film filter).

element_body! {
    /// A WDM multiplexer or demultiplexer.
    Wdm / WdmWire as "Wdm" {
        /// Insertion loss at the centre channel, dB (≥ 0).
        insertion_loss_db: f64,
        /// Extra loss of the outermost channels, dB (≥ 0); parabolic in between, zero at the
        /// centre.
        #[serde(default)]
        edge_extra_loss_db: f64,
        /// Isolation from each adjacent channel, dB (> 0); `None` if the element does not filter
        /// (a mux does not set receiver crosstalk).
        #[serde(default)]
        adjacent_isolation_db: Option<f64>,
    }
}

numeric_fields!(Wdm {
    insertion_loss_db: Real,
    edge_extra_loss_db: Real,
    adjacent_isolation_db: OptionalReal,
});

impl Wdm {
    /// The starting value of a new mux or demux (illustrative AWG).
    pub const fn starting(adjacent_isolation_db: Option<f64>) -> Self {
        Self {
            insertion_loss_db: 2.0,
            edge_extra_loss_db: 0.5,
            adjacent_isolation_db,
        }
    }
}
