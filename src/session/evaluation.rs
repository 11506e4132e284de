//! The engine's results for the current link, recomputed only when the link changes.

use crate::engine::curves::{Curves, curves};
use crate::engine::explain::{Derivation, derivations_of};
use crate::engine::{LinkError, Report, evaluate};
use crate::model::Link;

pub use crate::engine::curves::DEFAULT_POINTS as CURVE_POINTS;

/// The last evaluation: the last valid report and curves, and the current input's error.
#[derive(Default)]
pub struct Evaluation {
    input: Option<(Link, Option<usize>)>,
    /// The report of the last valid input.
    pub report: Option<Report>,
    /// The curves of the last valid input.
    pub curves: Option<Curves>,
    /// Why the current input cannot be evaluated; the report and curves are then stale.
    pub error: Option<LinkError>,
    /// The link of the last valid input (the one the report belongs to).
    valid: Option<Link>,
    /// The derivations of the report, computed on first use after each change of the link.
    derivations: Option<Vec<Derivation>>,
    revision: u64,
    runs: u64,
    derivation_runs: u64,
}

impl Evaluation {
    /// Re-evaluates if `link` or the swept element changed; returns true if it did.
    pub fn update(&mut self, link: &Link, sweep_element: Option<usize>) -> bool {
        let link_changed = match &self.input {
            Some((last, last_sweep)) if last == link => {
                if *last_sweep == sweep_element {
                    return false;
                }
                false
            }
            _ => true,
        };
        self.runs += 1;
        if link_changed {
            self.revision += 1;
        }
        match evaluate(link) {
            Ok(report) => {
                self.curves = Some(curves(link, &report, sweep_element, CURVE_POINTS));
                self.report = Some(report);
                self.error = None;
                if link_changed {
                    self.valid = Some(link.clone());
                    self.derivations = None;
                }
            }
            Err(e) => self.error = Some(e),
        }
        self.input = Some((link.clone(), sweep_element));
        true
    }

    /// True when the shown results belong to an earlier, valid input.
    pub fn is_stale(&self) -> bool {
        self.error.is_some()
    }

    /// Counts the changes of the evaluated link: analyses that depend on the link alone compare
    /// it with the revision they were computed at, instead of comparing links.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The report of the last valid link with the derivation of each of its numbers (see
    /// [`crate::engine::explain`]), computed once per change of the valid link, on first use:
    /// an idle frame, or an edit while nobody looks at a derivation, costs nothing. `None`
    /// before the first valid link.
    pub fn explained(&mut self) -> Option<(&Report, &[Derivation])> {
        let (link, report) = (self.valid.as_ref()?, self.report.as_ref()?);
        let derivations = self.derivations.get_or_insert_with(|| {
            self.derivation_runs += 1;
            derivations_of(link, report).unwrap_or_default()
        });
        Some((report, derivations))
    }

    /// How many times the derivations have been computed.
    pub fn derivation_runs(&self) -> u64 {
        self.derivation_runs
    }

    /// How many times the link has been evaluated (once per edit; never on an idle frame).
    pub fn runs(&self) -> u64 {
        self.runs
    }
}
