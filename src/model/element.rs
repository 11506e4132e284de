//! The elements of the chain between laser and photodiode.
//!
//! In a file each element is written as its kind with its fields, e.g.
//! `Waveguide(name: "bus", length_cm: 1.0, loss_db_per_cm: 1.5)`. The loss each one contributes
//! is computed in `engine::chain`.

use super::{Provenance, Tolerance};
use serde::{Deserialize, Serialize};

/// One element of the optical chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Element {
    /// Fiber-to-chip edge (butt) coupler.
    EdgeCoupler(LumpedLoss),
    /// Fiber-to-chip grating coupler, with an optional finite optical bandwidth.
    GratingCoupler(GratingCoupler),
    /// On-chip waveguide with bends and crossings.
    Waveguide(Waveguide),
    /// Optical fiber.
    Fiber(Fiber),
    /// Fiber connector.
    Connector(LumpedLoss),
    /// Fusion or mechanical splice.
    Splice(LumpedLoss),
    /// 1:N power splitter.
    Splitter(Splitter),
    /// Optical modulator (microring or Mach–Zehnder).
    Modulator(Modulator),
    /// WDM multiplexer.
    Mux(Wdm),
    /// WDM demultiplexer.
    Demux(Wdm),
    /// Microring drop filter selecting one wavelength.
    RingDrop(RingDrop),
    /// Any other loss.
    Custom(LumpedLoss),
}

/// A fixed loss: coupler, connector, splice or custom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LumpedLoss {
    /// Display name.
    pub name: String,
    /// Insertion loss, dB (≥ 0).
    pub loss_db: f64,
    /// Spread of the loss, dB.
    #[serde(default)]
    pub tolerance: Option<Tolerance>,
    /// Where the number comes from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// A grating coupler: peak loss plus a parabolic-in-dB (Gaussian) passband.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GratingCoupler {
    /// Display name.
    pub name: String,
    /// Loss at the passband centre, dB (≥ 0).
    pub loss_db: f64,
    /// 1-dB optical bandwidth, nm; `None` for a flat passband.
    #[serde(default)]
    pub bandwidth_1db_nm: Option<f64>,
    /// Passband centre, nm; `None` for the centre of the laser grid.
    #[serde(default)]
    pub center_nm: Option<f64>,
    /// Spread of the loss, dB.
    #[serde(default)]
    pub tolerance: Option<Tolerance>,
    /// Where the number comes from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// An on-chip waveguide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waveguide {
    /// Display name.
    pub name: String,
    /// Length, cm (≥ 0).
    pub length_cm: f64,
    /// Propagation loss, dB/cm (≥ 0).
    pub loss_db_per_cm: f64,
    /// Number of bends.
    #[serde(default)]
    pub bends: u32,
    /// Loss per bend, dB.
    #[serde(default)]
    pub loss_db_per_bend: f64,
    /// Number of waveguide crossings.
    #[serde(default)]
    pub crossings: u32,
    /// Loss per crossing, dB.
    #[serde(default)]
    pub loss_db_per_crossing: f64,
    /// Spread of the total loss, dB.
    #[serde(default)]
    pub tolerance: Option<Tolerance>,
    /// Where the numbers come from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// An optical fiber.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fiber {
    /// Display name.
    pub name: String,
    /// Length, m (≥ 0).
    pub length_m: f64,
    /// Attenuation, dB/km (≥ 0).
    pub loss_db_per_km: f64,
    /// Spread of the total loss, dB.
    #[serde(default)]
    pub tolerance: Option<Tolerance>,
    /// Where the numbers come from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// A 1:N power splitter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Splitter {
    /// Display name.
    pub name: String,
    /// Number of output ports N (≥ 1).
    pub ways: u32,
    /// Excess loss beyond the ideal 10·log10 N, dB (≥ 0).
    #[serde(default)]
    pub excess_loss_db: f64,
    /// Spread of the total loss, dB.
    #[serde(default)]
    pub tolerance: Option<Tolerance>,
    /// Where the numbers come from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// An intensity modulator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modulator {
    /// Display name.
    pub name: String,
    /// Microring or Mach–Zehnder.
    pub kind: ModulatorKind,
    /// Insertion loss of the high ("1") level relative to the CW input, dB (≥ 0).
    pub insertion_loss_db: f64,
    /// Extinction ratio P1/P0, dB (> 0).
    pub extinction_ratio_db: f64,
    /// Spread of the insertion loss, dB.
    #[serde(default)]
    pub tolerance: Option<Tolerance>,
    /// Where the numbers come from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// Modulator technologies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModulatorKind {
    /// Microring resonator modulator (one ring per wavelength, thermally tuned).
    Microring,
    /// Mach–Zehnder modulator (broadband).
    MachZehnder,
}

/// A WDM multiplexer or demultiplexer (AWG, echelle grating, ring bank, thin-film filter).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wdm {
    /// Display name.
    pub name: String,
    /// Insertion loss at the centre channel, dB (≥ 0).
    pub insertion_loss_db: f64,
    /// Extra loss of the outermost channels, dB (≥ 0); parabolic in between, zero at the centre.
    #[serde(default)]
    pub edge_extra_loss_db: f64,
    /// Isolation from each adjacent channel, dB (> 0); `None` if the element does not filter
    /// (a mux does not set receiver crosstalk).
    #[serde(default)]
    pub adjacent_isolation_db: Option<f64>,
    /// Spread of the insertion loss, dB.
    #[serde(default)]
    pub tolerance: Option<Tolerance>,
    /// Where the numbers come from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

/// A microring add-drop filter used on its drop port.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RingDrop {
    /// Display name.
    pub name: String,
    /// Drop-port loss at resonance, dB (≥ 0).
    pub drop_loss_db: f64,
    /// Isolation from each adjacent channel, dB (> 0).
    #[serde(default)]
    pub adjacent_isolation_db: Option<f64>,
    /// Spread of the drop loss, dB.
    #[serde(default)]
    pub tolerance: Option<Tolerance>,
    /// Where the numbers come from.
    #[serde(default)]
    pub provenance: Option<Provenance>,
}

impl Element {
    /// The element's display name.
    pub fn name(&self) -> &str {
        match self {
            Element::EdgeCoupler(e)
            | Element::Connector(e)
            | Element::Splice(e)
            | Element::Custom(e) => &e.name,
            Element::GratingCoupler(e) => &e.name,
            Element::Waveguide(e) => &e.name,
            Element::Fiber(e) => &e.name,
            Element::Splitter(e) => &e.name,
            Element::Modulator(e) => &e.name,
            Element::Mux(e) | Element::Demux(e) => &e.name,
            Element::RingDrop(e) => &e.name,
        }
    }

    /// The kind as written in files (`"Waveguide"`, `"EdgeCoupler"`, …).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Element::EdgeCoupler(_) => "EdgeCoupler",
            Element::GratingCoupler(_) => "GratingCoupler",
            Element::Waveguide(_) => "Waveguide",
            Element::Fiber(_) => "Fiber",
            Element::Connector(_) => "Connector",
            Element::Splice(_) => "Splice",
            Element::Splitter(_) => "Splitter",
            Element::Modulator(_) => "Modulator",
            Element::Mux(_) => "Mux",
            Element::Demux(_) => "Demux",
            Element::RingDrop(_) => "RingDrop",
            Element::Custom(_) => "Custom",
        }
    }

    /// The element's tolerance, if any.
    pub fn tolerance(&self) -> Option<Tolerance> {
        match self {
            Element::EdgeCoupler(e)
            | Element::Connector(e)
            | Element::Splice(e)
            | Element::Custom(e) => e.tolerance,
            Element::GratingCoupler(e) => e.tolerance,
            Element::Waveguide(e) => e.tolerance,
            Element::Fiber(e) => e.tolerance,
            Element::Splitter(e) => e.tolerance,
            Element::Modulator(e) => e.tolerance,
            Element::Mux(e) | Element::Demux(e) => e.tolerance,
            Element::RingDrop(e) => e.tolerance,
        }
    }

    /// Adjacent-channel isolation, dB, for the filtering elements that set receiver crosstalk.
    pub fn adjacent_isolation_db(&self) -> Option<f64> {
        match self {
            Element::Demux(e) => e.adjacent_isolation_db,
            Element::RingDrop(e) => e.adjacent_isolation_db,
            _ => None,
        }
    }
}

/// The element kinds, in the order the "add element" menu lists them.
pub const ELEMENT_KINDS: [&str; 12] = [
    "EdgeCoupler",
    "GratingCoupler",
    "Waveguide",
    "Fiber",
    "Connector",
    "Splice",
    "Splitter",
    "Modulator",
    "Mux",
    "Demux",
    "RingDrop",
    "Custom",
];

impl Element {
    /// A new element of `kind` (one of [`ELEMENT_KINDS`]) with illustrative starting values
    /// (typical silicon-photonics and fiber figures, marked `Assumed`; the presets carry sourced
    /// numbers). `None` for an unknown kind.
    pub fn new_of_kind(kind: &str) -> Option<Element> {
        let provenance = Some(Provenance {
            basis: super::Basis::Assumed,
            source: "starting value of a new element; replace with your own".into(),
        });
        let lumped = |name: &str, loss_db: f64| LumpedLoss {
            name: name.into(),
            loss_db,
            tolerance: None,
            provenance: provenance.clone(),
        };
        let wdm = |name: &str, isolation: Option<f64>| Wdm {
            name: name.into(),
            insertion_loss_db: 2.0,
            edge_extra_loss_db: 0.5,
            adjacent_isolation_db: isolation,
            tolerance: None,
            provenance: provenance.clone(),
        };
        Some(match kind {
            "EdgeCoupler" => Element::EdgeCoupler(lumped("Edge coupler", 1.5)),
            "GratingCoupler" => Element::GratingCoupler(GratingCoupler {
                name: "Grating coupler".into(),
                loss_db: 2.5,
                bandwidth_1db_nm: Some(25.0),
                center_nm: None,
                tolerance: None,
                provenance,
            }),
            "Waveguide" => Element::Waveguide(Waveguide {
                name: "Waveguide".into(),
                length_cm: 1.0,
                loss_db_per_cm: 2.0,
                bends: 0,
                loss_db_per_bend: 0.02,
                crossings: 0,
                loss_db_per_crossing: 0.1,
                tolerance: None,
                provenance,
            }),
            "Fiber" => Element::Fiber(Fiber {
                name: "Fiber".into(),
                length_m: 10.0,
                loss_db_per_km: 0.5,
                tolerance: None,
                provenance,
            }),
            "Connector" => Element::Connector(lumped("Connector", 0.5)),
            "Splice" => Element::Splice(lumped("Splice", 0.1)),
            "Splitter" => Element::Splitter(Splitter {
                name: "1:2 splitter".into(),
                ways: 2,
                excess_loss_db: 0.2,
                tolerance: None,
                provenance,
            }),
            "Modulator" => Element::Modulator(Modulator {
                name: "Modulator".into(),
                kind: ModulatorKind::Microring,
                insertion_loss_db: 1.0,
                extinction_ratio_db: 6.0,
                tolerance: None,
                provenance,
            }),
            "Mux" => Element::Mux(wdm("WDM mux", None)),
            "Demux" => Element::Demux(wdm("WDM demux", Some(25.0))),
            "RingDrop" => Element::RingDrop(RingDrop {
                name: "Ring drop filter".into(),
                drop_loss_db: 1.0,
                adjacent_isolation_db: Some(20.0),
                tolerance: None,
                provenance,
            }),
            "Custom" => Element::Custom(lumped("Custom loss", 1.0)),
            _ => return None,
        })
    }

    /// The element's tolerance, mutably.
    pub fn tolerance_mut(&mut self) -> &mut Option<Tolerance> {
        match self {
            Element::EdgeCoupler(e)
            | Element::Connector(e)
            | Element::Splice(e)
            | Element::Custom(e) => &mut e.tolerance,
            Element::GratingCoupler(e) => &mut e.tolerance,
            Element::Waveguide(e) => &mut e.tolerance,
            Element::Fiber(e) => &mut e.tolerance,
            Element::Splitter(e) => &mut e.tolerance,
            Element::Modulator(e) => &mut e.tolerance,
            Element::Mux(e) | Element::Demux(e) => &mut e.tolerance,
            Element::RingDrop(e) => &mut e.tolerance,
        }
    }

    /// The element's name, mutably.
    pub fn name_mut(&mut self) -> &mut String {
        match self {
            Element::EdgeCoupler(e)
            | Element::Connector(e)
            | Element::Splice(e)
            | Element::Custom(e) => &mut e.name,
            Element::GratingCoupler(e) => &mut e.name,
            Element::Waveguide(e) => &mut e.name,
            Element::Fiber(e) => &mut e.name,
            Element::Splitter(e) => &mut e.name,
            Element::Modulator(e) => &mut e.name,
            Element::Mux(e) | Element::Demux(e) => &mut e.name,
            Element::RingDrop(e) => &mut e.name,
        }
    }

    /// Where the element's numbers come from, if given.
    pub fn provenance(&self) -> Option<&Provenance> {
        match self {
            Element::EdgeCoupler(e)
            | Element::Connector(e)
            | Element::Splice(e)
            | Element::Custom(e) => e.provenance.as_ref(),
            Element::GratingCoupler(e) => e.provenance.as_ref(),
            Element::Waveguide(e) => e.provenance.as_ref(),
            Element::Fiber(e) => e.provenance.as_ref(),
            Element::Splitter(e) => e.provenance.as_ref(),
            Element::Modulator(e) => e.provenance.as_ref(),
            Element::Mux(e) | Element::Demux(e) => e.provenance.as_ref(),
            Element::RingDrop(e) => e.provenance.as_ref(),
        }
    }

    /// The element's provenance, mutably.
    pub fn provenance_mut(&mut self) -> &mut Option<Provenance> {
        match self {
            Element::EdgeCoupler(e)
            | Element::Connector(e)
            | Element::Splice(e)
            | Element::Custom(e) => &mut e.provenance,
            Element::GratingCoupler(e) => &mut e.provenance,
            Element::Waveguide(e) => &mut e.provenance,
            Element::Fiber(e) => &mut e.provenance,
            Element::Splitter(e) => &mut e.provenance,
            Element::Modulator(e) => &mut e.provenance,
            Element::Mux(e) | Element::Demux(e) => &mut e.provenance,
            Element::RingDrop(e) => &mut e.provenance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_template_of_that_kind() {
        for kind in ELEMENT_KINDS {
            let e = Element::new_of_kind(kind).unwrap();
            assert_eq!(e.kind_name(), kind);
        }
        assert!(Element::new_of_kind("Teleporter").is_none());
    }
}
