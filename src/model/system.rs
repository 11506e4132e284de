//! Signaling, penalty allocations, energy and package: the system around the optical chain.

use super::Fec;
use serde::{Deserialize, Serialize};

/// Modulation format and lane count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signaling {
    /// NRZ (OOK) or PAM4.
    pub modulation: Modulation,
    /// Bit rate per lane (per wavelength per fiber), Gb/s (> 0).
    pub bit_rate_gbps: f64,
    /// Data fibers per port in the modelled direction (≥ 1).
    #[serde(default = "one")]
    pub fibers_per_port: u32,
    /// Ports (≥ 1). Lanes = wavelengths × fibers_per_port × ports.
    #[serde(default = "one")]
    pub ports: u32,
    /// Extinction ratio of the launched signal, dB, for a link whose chain has no modulator
    /// element (a directly modulated laser or a transmitter module). Ignored when a modulator is
    /// present.
    #[serde(default)]
    pub extinction_ratio_db: Option<f64>,
    /// Forward error correction on each lane (default none).
    #[serde(default, skip_serializing_if = "Fec::is_none")]
    pub fec: Fec,
}

fn one() -> u32 {
    1
}

/// Intensity-modulation formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Modulation {
    /// Two-level on–off keying, 1 bit per symbol.
    Nrz,
    /// Four-level pulse-amplitude modulation, 2 bits per symbol (Gray coded).
    Pam4,
}

impl Modulation {
    /// Bits per symbol: 1 for NRZ, 2 for PAM4.
    pub fn bits_per_symbol(self) -> f64 {
        match self {
            Modulation::Nrz => 1.0,
            Modulation::Pam4 => 2.0,
        }
    }

    /// Number of levels M.
    pub fn levels(self) -> usize {
        match self {
            Modulation::Nrz => 2,
            Modulation::Pam4 => 4,
        }
    }
}

/// Entered penalty allocations. The extinction-ratio, RIN and WDM-crosstalk penalties are
/// computed by the engine and are not entered here.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penalties {
    /// Allocations such as dispersion/ISI, TDECQ, polarization, ageing.
    #[serde(default)]
    pub allocations: Vec<Allocation>,
}

/// One entered penalty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// Display name.
    pub name: String,
    /// Penalty, dB (≥ 0).
    pub db: f64,
    /// Why, and where the number comes from.
    #[serde(default)]
    pub note: String,
}

/// Electrical energy of everything besides the laser (the laser's comes from its optical power
/// and wall-plug efficiency). 1 mW per Gb/s = 1 pJ/bit. All default to 0 (not counted).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Energy {
    /// Modulator driver, pJ/bit.
    #[serde(default)]
    pub modulator_driver_pj_per_bit: f64,
    /// Thermal tuning power per microring, mW.
    #[serde(default)]
    pub ring_tuning_mw_per_ring: f64,
    /// Rings per lane; `None`: counted from the chain (microring modulators + ring drop filters).
    #[serde(default)]
    pub rings_per_lane: Option<u32>,
    /// TIA and receiver front end, pJ/bit.
    #[serde(default)]
    pub receiver_pj_per_bit: f64,
    /// SerDes and digital (clocking, retiming, FEC), pJ/bit.
    #[serde(default)]
    pub serdes_pj_per_bit: f64,
    /// Heater tuning efficiency, nm of red shift per mW of heater power. When set, the tuning
    /// power per ring is computed from the fields below ([`crate::engine::tuning`]) and
    /// `ring_tuning_mw_per_ring` is not used; `None`: the entered figure stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heater_efficiency_nm_per_mw: Option<f64>,
    /// Thermo-optic drift of the ring resonance, nm/K (`None`: 0, an athermal ring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thermo_optic_drift_nm_per_k: Option<f64>,
    /// Operating temperature range the rings are held over, K: maximum − minimum temperature
    /// (`None`: the case range `temperature.max_c − temperature.min_c` when both are set, else
    /// 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature_range_k: Option<f64>,
    /// Fabrication spread of the ring resonances, nm, as a full range (maximum − minimum of the
    /// as-built offsets, not ± and not σ; `None`: 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fab_spread_nm: Option<f64>,
    /// Each ring locks to the nearest channel red of its resonance and the data are rotated to
    /// match (channel reassignment), bounding the shift to about one channel spacing.
    #[serde(default, skip_serializing_if = "is_false")]
    pub channel_reassignment: bool,
}

/// For `skip_serializing_if`: a `false` flag is left out of the file.
fn is_false(b: &bool) -> bool {
    !*b
}

/// Fibers at the package edge, for bandwidth density.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// Fiber pitch along the edge, µm (> 0).
    #[serde(default = "default_fiber_pitch_um")]
    pub fiber_pitch_um: f64,
    /// Transmit data fibers per port; `None`: `signaling.fibers_per_port`.
    #[serde(default)]
    pub tx_fibers_per_port: Option<u32>,
    /// Receive data fibers per port; `None`: `signaling.fibers_per_port`.
    #[serde(default)]
    pub rx_fibers_per_port: Option<u32>,
    /// Laser-feed fibers per port (carry no data but take edge space).
    #[serde(default)]
    pub laser_fibers_per_port: u32,
}

/// Default fiber pitch: 127 µm.
///
/// Half the 250 µm pitch of standard fiber ribbons and V-groove arrays (Telcordia GR-20); 127 µm
/// arrays of 125 µm-cladding fiber (ITU-T G.652) are the usual pitch for co-packaged optics.
pub fn default_fiber_pitch_um() -> f64 {
    127.0
}

impl Default for Package {
    fn default() -> Self {
        Self {
            fiber_pitch_um: default_fiber_pitch_um(),
            tx_fibers_per_port: None,
            rx_fibers_per_port: None,
            laser_fibers_per_port: 0,
        }
    }
}

// Signaling's numeric fields, with those of a custom FEC, are walked in `src/model/walk.rs`
// (the FEC's fields sit inside an enum, which `numeric_fields!` cannot reach).

numeric_fields!(Energy {
    modulator_driver_pj_per_bit: Real,
    ring_tuning_mw_per_ring: Real,
    rings_per_lane: OptionalCount,
    receiver_pj_per_bit: Real,
    serdes_pj_per_bit: Real,
    heater_efficiency_nm_per_mw: OptionalReal,
    thermo_optic_drift_nm_per_k: OptionalReal,
    temperature_range_k: OptionalReal,
    fab_spread_nm: OptionalReal,
});

numeric_fields!(Package {
    fiber_pitch_um: Real,
    tx_fibers_per_port: OptionalCount,
    rx_fibers_per_port: OptionalCount,
    laser_fibers_per_port: Count,
});
