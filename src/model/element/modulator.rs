//! An intensity modulator: microring or Mach–Zehnder.

use serde::{Deserialize, Serialize};

element_body! {
    /// An intensity modulator.
    Modulator / ModulatorWire as "Modulator" {
        /// Microring or Mach–Zehnder.
        kind: ModulatorKind,
        /// Insertion loss of the high ("1") level relative to the CW input, dB (≥ 0).
        insertion_loss_db: f64,
        /// Extinction ratio P1/P0, dB (> 0).
        extinction_ratio_db: f64,
    }
}

numeric_fields!(Modulator {
    insertion_loss_db: Real,
    extinction_ratio_db: Real,
});

/// Modulator technologies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModulatorKind {
    /// Microring resonator modulator (one ring per wavelength, thermally tuned).
    Microring,
    /// Mach–Zehnder modulator (broadband).
    MachZehnder,
}

impl Modulator {
    /// The starting value of a new modulator (illustrative microring).
    pub const STARTING: Self = Self {
        kind: ModulatorKind::Microring,
        insertion_loss_db: 1.0,
        extinction_ratio_db: 6.0,
    };
}
