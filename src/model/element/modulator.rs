//! An intensity modulator: microring or Mach–Zehnder.

use super::RingMode;
use serde::{Deserialize, Serialize};

element_body! {
    /// An intensity modulator.
    Modulator / ModulatorWire as "Modulator" {
        /// Microring or Mach–Zehnder.
        kind: ModulatorKind,
        /// A microring's description: datasheet (entered figures) or design (from radius, group
        /// index and the two Qs). Left out of a file in datasheet mode.
        #[serde(default, skip_serializing_if = "RingMode::is_datasheet")]
        mode: RingMode,
        /// Insertion loss of the high ("1") level relative to the CW input, dB (≥ 0).
        insertion_loss_db: f64,
        /// Extinction ratio P1/P0, dB (> 0).
        extinction_ratio_db: f64,
        /// Electro-optic 3-dB bandwidth of the modulator itself, GHz: an MZM's or EAM's EO
        /// bandwidth, a microring's electrical (RC) limit. `None`: not limiting.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bandwidth_ghz: Option<f64>,
        /// 3-dB bandwidth of its driver, GHz. `None`: not limiting.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        driver_bandwidth_ghz: Option<f64>,
        /// A microring's loaded Q: its photon lifetime limits the bandwidth to c/(λ·Q).
        /// `None`: not limiting (and always for a Mach–Zehnder).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        loaded_q: Option<f64>,
        /// Microring radius, µm (design mode).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        radius_um: Option<f64>,
        /// Group index of the ring waveguide (design mode).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group_index: Option<f64>,
        /// Intrinsic (unloaded) Q of the ring (design mode; above the loaded Q).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        intrinsic_q: Option<f64>,
    }
}

numeric_fields!(Modulator {
    insertion_loss_db: Real,
    extinction_ratio_db: Real,
    bandwidth_ghz: OptionalReal,
    driver_bandwidth_ghz: OptionalReal,
    loaded_q: OptionalReal,
    radius_um: OptionalReal,
    group_index: OptionalReal,
    intrinsic_q: OptionalReal,
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
        mode: RingMode::Datasheet,
        insertion_loss_db: 1.0,
        extinction_ratio_db: 6.0,
        bandwidth_ghz: None,
        driver_bandwidth_ghz: None,
        loaded_q: None,
        radius_um: None,
        group_index: None,
        intrinsic_q: None,
    };
}
