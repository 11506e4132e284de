//! The engine's results for the current link, recomputed only when the link changes.

use crate::engine::curves::{Curves, curves};
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
}

impl Evaluation {
    /// Re-evaluates if `link` or the swept element changed; returns true if it did.
    pub fn update(&mut self, link: &Link, sweep_element: Option<usize>) -> bool {
        if let Some((last, last_sweep)) = &self.input
            && last == link
            && *last_sweep == sweep_element
        {
            return false;
        }
        match evaluate(link) {
            Ok(report) => {
                self.curves = Some(curves(link, &report, sweep_element, CURVE_POINTS));
                self.report = Some(report);
                self.error = None;
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
}
