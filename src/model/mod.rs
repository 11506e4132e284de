//! The link model: the serde types a `.ron` link file holds. No computation, no I/O, no UI.
//!
//! Every field carries its unit in its name (`length_cm`, `loss_db_per_cm`, `power_dbm`). The
//! format is documented field by field in `docs/FORMAT.md`; defaults and their sources live on the
//! `default_*` functions below each type.

#[macro_use]
mod macros;
pub mod element;
mod fec;
pub mod field;
mod laser;
mod receiver;
pub mod standard;
mod system;
mod temperature;
pub mod tolerance;
mod walk;

pub use element::{
    Element, ElementKind, Fiber, GratingCoupler, LumpedLoss, Modulator, ModulatorKind, RingDrop,
    RingMode, Splitter, Waveguide, Wdm,
};
pub use fec::Fec;
pub use field::{Field, FieldDef, FieldMut, FieldPath, FieldRef, FieldSlot, Valid};
pub use laser::{Grid, Laser, SPEED_OF_LIGHT_M_PER_S, default_cw_wdm_center_nm};
pub use receiver::{PowerBasis, Receiver, Sensitivity, default_rate_scaling_db_per_decade};
pub use standard::{ChannelLimits, ReceiverLimits, Reflections, Standard, TransmitterLimits};
pub use system::{Allocation, Energy, Modulation, Package, Penalties, Signaling};
pub use temperature::Temperature;
pub use tolerance::{FieldTolerance, Scope, Tolerance};

use serde::{Deserialize, Serialize};

/// The file-format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// One optical link: source, element chain, receiver and the system around them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// File-format version ([`FORMAT_VERSION`]).
    pub version: u32,
    /// Short name shown in titles and reports.
    pub name: String,
    /// What the link is and what it models.
    #[serde(default)]
    pub description: String,
    /// Where the numbers come from: one citation per entry.
    #[serde(default)]
    pub references: Vec<String>,
    /// The (possibly remote, multi-wavelength) laser source.
    pub laser: Laser,
    /// The ordered chain of passive and active elements from laser to photodiode.
    pub elements: Vec<Element>,
    /// Photodiode and sensitivity.
    pub receiver: Receiver,
    /// Modulation format, rate and lane count.
    pub signaling: Signaling,
    /// Entered penalty allocations (ER, RIN and crosstalk penalties are computed).
    #[serde(default)]
    pub penalties: Penalties,
    /// Electrical power of everything besides the laser.
    #[serde(default)]
    pub energy: Energy,
    /// Fiber geometry at the package edge, for bandwidth density.
    #[serde(default)]
    pub package: Package,
    /// The case-temperature range the link must work over (its corners).
    #[serde(default, skip_serializing_if = "Temperature::is_unset")]
    pub temperature: Temperature,
    /// Spreads on any other numeric field, for Monte Carlo and the tornado.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tolerances: Vec<FieldTolerance>,
    /// The standard the link is judged against (a standards budget beside the physics one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<Standard>,
}

/// Where a number came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// What kind of source it is.
    pub basis: Basis,
    /// The citation or a short explanation.
    #[serde(default)]
    pub source: String,
}

/// Kinds of provenance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    /// A vendor datasheet.
    Datasheet,
    /// A standard (IEEE 802.3, MSA, ITU-T).
    Standard,
    /// A peer-reviewed paper or conference talk.
    Published,
    /// Measured by the user.
    Measured,
    /// Assumed or illustrative.
    Assumed,
}

impl Link {
    /// Number of wavelength channels on the laser grid.
    pub fn wavelength_count(&self) -> usize {
        self.laser.grid.count()
    }

    /// Renumbers the element paths of [`Link::tolerances`] after the chain changed: `moved(i)` is
    /// element i's new index, `None` if it was removed (its tolerances go with it).
    pub fn renumber_tolerances(&mut self, moved: impl Fn(usize) -> Option<usize>) {
        self.tolerances.retain_mut(|t| {
            let Some(rest) = t.path.strip_prefix("elements[") else {
                return true;
            };
            let Some((index, tail)) = rest.split_once(']') else {
                return true;
            };
            let Ok(i) = index.parse::<usize>() else {
                return true;
            };
            match moved(i) {
                Some(j) => {
                    t.path = format!("elements[{j}]{tail}");
                    true
                }
                None => false,
            }
        });
    }

    /// Lanes = wavelengths × data fibers per port × ports.
    pub fn lanes(&self) -> u64 {
        self.wavelength_count() as u64
            * u64::from(self.signaling.fibers_per_port)
            * u64::from(self.signaling.ports)
    }
}
