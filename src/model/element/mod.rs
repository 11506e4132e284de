//! The elements of the chain between laser and photodiode.
//!
//! An [`Element`] is its name, tolerance and provenance (what every element has) around its
//! [`ElementKind`]: the kind's own data. In a file it is written as its kind with all its fields,
//! `Waveguide(name: "bus", length_cm: 1.0, loss_db_per_cm: 1.5)`. The loss each kind contributes
//! is computed in `engine::chain`.
//!
//! The kinds are listed once, in [`element_kinds!`] below; adding a kind is described step by step
//! in `docs/ARCHITECTURE.md`.

mod fiber;
mod grating;
mod lumped;
mod modulator;
mod ring;
mod splitter;
mod waveguide;
mod wdm;

pub use fiber::Fiber;
pub use grating::GratingCoupler;
pub use lumped::LumpedLoss;
pub use modulator::{Modulator, ModulatorKind};
pub use ring::{RingDrop, RingMode};
pub use splitter::Splitter;
pub use waveguide::Waveguide;
pub use wdm::Wdm;

use super::field::{GroupDefs, LazyPath};
use super::{Basis, FieldDef, FieldMut, FieldPath, FieldRef, Provenance, Tolerance};
use serde::{Deserialize, Serialize};
use std::ops::ControlFlow;

/// One element of the optical chain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "ElementWire", into = "ElementWire")]
pub struct Element {
    /// Display name.
    pub name: String,
    /// What it is, with its own parameters.
    pub kind: ElementKind,
    /// Spread of its loss, dB (for Monte Carlo and the tornado).
    pub tolerance: Option<Tolerance>,
    /// Where its numbers come from.
    pub provenance: Option<Provenance>,
}

/// Lists the element kinds once: the enum, its file form, its name, its fields (defined in the
/// field table under the kind's name) and its starting values all follow from this list.
macro_rules! element_kinds {
    ($(
        $(#[$doc:meta])*
        $Kind:ident($Body:ident / $Wire:path) {
            start: $name:literal, $start:expr $(,)?
        }
    ),* $(,)?) => {
        /// What an element is, with its own parameters.
        #[derive(Clone, Debug, PartialEq)]
        pub enum ElementKind {
            $( $(#[$doc])* $Kind($Body), )*
        }

        /// An element as a file writes it: the kind around all its fields.
        #[derive(Serialize, Deserialize)]
        enum ElementWire {
            $( $Kind($Wire), )*
        }

        impl From<ElementWire> for Element {
            fn from(wire: ElementWire) -> Self {
                match wire {
                    $( ElementWire::$Kind(w) => w.into_element(ElementKind::$Kind), )*
                }
            }
        }

        impl From<Element> for ElementWire {
            fn from(e: Element) -> Self {
                match e.kind {
                    $( ElementKind::$Kind(body) => ElementWire::$Kind(
                        <$Wire>::from_parts(e.name, e.tolerance, e.provenance, body),
                    ), )*
                }
            }
        }

        impl ElementKind {
            /// The kind as written in files (`"Waveguide"`, `"EdgeCoupler"`, …).
            pub fn name(&self) -> &'static str {
                match self {
                    $( ElementKind::$Kind(_) => stringify!($Kind), )*
                }
            }

            /// Yields each numeric field of the kind with its definition (from the table under
            /// the kind's name, resolved once per kind).
            pub(crate) fn walk_fields<'a, F>(
                &'a self,
                at: &dyn Fn(&'static str) -> FieldPath,
                f: &mut F,
            ) -> ControlFlow<()>
            where
                F: FnMut(LazyPath<'_>, &'static FieldDef, FieldRef<'a>) -> ControlFlow<()> + ?Sized,
            {
                match self {
                    $( ElementKind::$Kind(b) => {
                        static DEFS: GroupDefs = GroupDefs::new(stringify!($Kind), $Body::FIELD_KEYS);
                        b.walk_fields(&DEFS, at, f)
                    } )*
                }
            }

            /// As `walk_fields`, with handles to change each field.
            pub(crate) fn walk_fields_mut<'a, F>(
                &'a mut self,
                at: &dyn Fn(&'static str) -> FieldPath,
                f: &mut F,
            ) -> ControlFlow<()>
            where
                F: FnMut(LazyPath<'_>, &'static FieldDef, FieldMut<'a>) -> ControlFlow<()> + ?Sized,
            {
                match self {
                    $( ElementKind::$Kind(b) => {
                        static DEFS: GroupDefs = GroupDefs::new(stringify!($Kind), $Body::FIELD_KEYS);
                        b.walk_fields_mut(&DEFS, at, f)
                    } )*
                }
            }
        }

        impl Element {
            /// One new element of every kind, in the order of the "add element" menu, with
            /// illustrative starting values (marked `Assumed`; the presets carry sourced numbers).
            pub fn starting_set() -> Vec<Element> {
                vec![ $( Element::starting($name, ElementKind::$Kind($start)), )* ]
            }
        }
    };
}

element_kinds! {
    /// Fiber-to-chip edge (butt) coupler.
    EdgeCoupler(LumpedLoss / lumped::LumpedLossWire) {
        start: "Edge coupler", LumpedLoss { loss_db: 1.5 },
    },
    /// Fiber-to-chip grating coupler, with an optional finite optical bandwidth.
    GratingCoupler(GratingCoupler / grating::GratingCouplerWire) {
        start: "Grating coupler", GratingCoupler::STARTING,
    },
    /// On-chip waveguide with bends and crossings.
    Waveguide(Waveguide / waveguide::WaveguideWire) {
        start: "Waveguide", Waveguide::STARTING,
    },
    /// Optical fiber.
    Fiber(Fiber / fiber::FiberWire) {
        start: "Fiber", Fiber { length_m: 10.0, loss_db_per_km: 0.5, zero_dispersion_nm: None, dispersion_slope_ps_per_nm2_km: None, modal_bandwidth_mhz_km: None },
    },
    /// Fiber connector.
    Connector(LumpedLoss / lumped::LumpedLossWire) {
        start: "Connector", LumpedLoss { loss_db: 0.5 },
    },
    /// Fusion or mechanical splice.
    Splice(LumpedLoss / lumped::LumpedLossWire) {
        start: "Splice", LumpedLoss { loss_db: 0.1 },
    },
    /// Optical isolator (one-way Faraday device), e.g. after a laser.
    Isolator(LumpedLoss / lumped::LumpedLossWire) {
        start: "Isolator", LumpedLoss { loss_db: 0.5 },
    },
    /// 1:N power splitter.
    Splitter(Splitter / splitter::SplitterWire) {
        start: "1:2 splitter", Splitter { ways: 2, excess_loss_db: 0.2 },
    },
    /// Optical modulator (microring or Mach–Zehnder).
    Modulator(Modulator / modulator::ModulatorWire) {
        start: "Modulator", Modulator::STARTING,
    },
    /// WDM multiplexer.
    Mux(Wdm / wdm::WdmWire) {
        start: "WDM mux", Wdm::starting(None),
    },
    /// WDM demultiplexer.
    Demux(Wdm / wdm::WdmWire) {
        start: "WDM demux", Wdm::starting(Some(25.0)),
    },
    /// Microring drop filter selecting one wavelength.
    RingDrop(RingDrop / ring::RingDropWire) {
        start: "Ring drop filter", RingDrop::STARTING,
    },
    /// Any other loss.
    Custom(LumpedLoss / lumped::LumpedLossWire) {
        start: "Custom loss", LumpedLoss { loss_db: 1.0 },
    },
}

impl Element {
    /// A new element with no tolerance and no provenance.
    pub fn new(name: impl Into<String>, kind: ElementKind) -> Self {
        Self {
            name: name.into(),
            kind,
            tolerance: None,
            provenance: None,
        }
    }

    /// A starting element of the "add element" menu, its provenance saying so.
    fn starting(name: &str, kind: ElementKind) -> Self {
        Self {
            provenance: Some(Provenance {
                basis: Basis::Assumed,
                source: "starting value of a new element; replace with your own".into(),
            }),
            ..Self::new(name, kind)
        }
    }

    /// The element's display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The kind as written in files (`"Waveguide"`, `"EdgeCoupler"`, …).
    pub fn kind_name(&self) -> &'static str {
        self.kind.name()
    }

    /// The element's tolerance, if any.
    pub fn tolerance(&self) -> Option<Tolerance> {
        self.tolerance
    }

    /// The element's tolerance, mutably.
    pub fn tolerance_mut(&mut self) -> &mut Option<Tolerance> {
        &mut self.tolerance
    }

    /// The element's name, mutably.
    pub fn name_mut(&mut self) -> &mut String {
        &mut self.name
    }

    /// Where the element's numbers come from, if given.
    pub fn provenance(&self) -> Option<&Provenance> {
        self.provenance.as_ref()
    }

    /// The element's provenance, mutably.
    pub fn provenance_mut(&mut self) -> &mut Option<Provenance> {
        &mut self.provenance
    }

    /// Adjacent-channel isolation, dB, for the filtering elements that set receiver crosstalk.
    pub fn adjacent_isolation_db(&self) -> Option<f64> {
        match &self.kind {
            ElementKind::Demux(w) => w.adjacent_isolation_db,
            // A designed ring's isolation follows from its Lorentzian (`engine::ring`).
            ElementKind::RingDrop(r) if r.mode == RingMode::Design => None,
            ElementKind::RingDrop(r) => r.adjacent_isolation_db,
            ElementKind::EdgeCoupler(_)
            | ElementKind::GratingCoupler(_)
            | ElementKind::Waveguide(_)
            | ElementKind::Fiber(_)
            | ElementKind::Connector(_)
            | ElementKind::Splice(_)
            | ElementKind::Isolator(_)
            | ElementKind::Splitter(_)
            | ElementKind::Modulator(_)
            | ElementKind::Mux(_)
            | ElementKind::Custom(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_in_the_starting_set_once() {
        let set = Element::starting_set();
        let names: Vec<&str> = set.iter().map(Element::kind_name).collect();
        assert_eq!(names.len(), 13);
        for (i, n) in names.iter().enumerate() {
            assert!(!names[i + 1..].contains(n), "{n} twice");
        }
    }

    #[test]
    fn file_form_is_the_kind_around_all_fields() {
        let mut w = Element::new("bus", ElementKind::Waveguide(Waveguide::STARTING));
        w.tolerance = Some(Tolerance::uniform(0.5));
        let text = ron::to_string(&w).unwrap();
        // RON writes a newtype variant with its struct inside (`io` saves with
        // `unwrap_variant_newtypes`, which drops the inner parentheses).
        assert!(
            text.starts_with("Waveguide((name:\"bus\",length_cm:"),
            "{text}"
        );
        assert!(
            text.contains("tolerance:Some(Uniform(half_width:0.5))"),
            "{text}"
        );
        let back: Element = ron::from_str(&text).unwrap();
        assert_eq!(back, w);
        let typo = text.replace("length_cm", "lenght_cm");
        let err = ron::from_str::<Element>(&typo).unwrap_err().to_string();
        assert!(err.contains("lenght_cm"), "{err}");
    }
}
