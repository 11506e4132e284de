//! A microring add-drop filter used on its drop port, and the two ways a ring is described.

use serde::{Deserialize, Serialize};

element_body! {
    /// A microring drop filter: one ring per channel on the receive bus, all of this design,
    /// each tuned to its own channel.
    RingDrop / RingDropWire as "RingDrop" {
        /// Datasheet (entered drop loss and isolation) or design (from radius, group index and
        /// the two Qs). Left out of a file in datasheet mode.
        #[serde(default, skip_serializing_if = "RingMode::is_datasheet")]
        mode: RingMode,
        /// Drop-port loss at resonance, dB (≥ 0). Datasheet mode only: design mode derives it.
        #[serde(default)]
        drop_loss_db: f64,
        /// Isolation from each adjacent channel, dB (> 0). Datasheet mode only: design mode
        /// computes the crosstalk of every channel from the Lorentzian.
        #[serde(default)]
        adjacent_isolation_db: Option<f64>,
        /// Loaded Q: the drop response is a Lorentzian of full width c/(λ·Q), a first-order
        /// low-pass of c/(2λ·Q) for the signal. `None`: not limiting (required in design mode).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        loaded_q: Option<f64>,
        /// Ring radius, µm (design mode).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        radius_um: Option<f64>,
        /// Group index of the ring waveguide (design mode).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group_index: Option<f64>,
        /// Intrinsic (unloaded) Q, from the ring's own loss (design mode; above the loaded Q).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        intrinsic_q: Option<f64>,
    }
}

numeric_fields!(RingDrop {
    drop_loss_db: Real,
    adjacent_isolation_db: OptionalReal,
    loaded_q: OptionalReal,
    radius_um: OptionalReal,
    group_index: OptionalReal,
    intrinsic_q: OptionalReal,
});

impl RingDrop {
    /// The starting value of a new drop filter (illustrative datasheet ring).
    pub const STARTING: Self = Self {
        mode: RingMode::Datasheet,
        drop_loss_db: 1.0,
        adjacent_isolation_db: Some(20.0),
        loaded_q: None,
        radius_um: None,
        group_index: None,
        intrinsic_q: None,
    };
}

/// How a microring's optical properties are given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RingMode {
    /// Entered figures (drop loss, adjacent isolation, loaded Q), as from a datasheet.
    #[default]
    Datasheet,
    /// From the ring's design: radius and group index (FSR), loaded and intrinsic Q (linewidth,
    /// drop and through transmission, Lorentzian responses): `engine::ring`.
    Design,
}

impl RingMode {
    /// Whether this is the datasheet mode (the default, left out of files).
    pub fn is_datasheet(&self) -> bool {
        *self == RingMode::Datasheet
    }
}
