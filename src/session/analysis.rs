//! State of the analysis views: the sweep and heat map, the tornado (each recomputed once when
//! the link or its settings change, and only while shown), the Monte Carlo run, and the pinned
//! scenario A.

use super::montecarlo::McState;
use crate::engine::curves::{Curves, curves};
use crate::engine::params;
use crate::engine::sweep::{Output, Sweep, SweepSpec, sweep};
use crate::engine::sweep2d::{Sweep2d, sweep2d};
use crate::engine::tornado::{Tornado, tornado};
use crate::engine::{Report, evaluate};
use crate::model::Link;

/// Points of a sweep the app computes by default.
pub const DEFAULT_SWEEP_POINTS: usize = 201;
/// Points per axis of the default heat map.
pub const DEFAULT_HEAT_MAP_POINTS: usize = 41;

/// A sweep's inputs and its last result.
#[derive(Default)]
pub struct SweepState {
    /// The swept input.
    pub x: SweepSpec,
    /// The recorded output.
    pub output: Output,
    /// Sweep a second input too and show a heat map.
    pub heat_map: bool,
    /// The second input.
    pub y: SweepSpec,
    /// The link revision (see [`super::Evaluation::revision`]) and settings of the result.
    last: Option<(u64, SweepSpec, SweepSpec, Output, bool)>,
    /// The 1-D result (or why there is none).
    pub result: Option<Result<Sweep, String>>,
    /// The heat map (or why there is none).
    pub grid: Option<Result<Sweep2d, String>>,
    runs: u64,
}

/// One of the sweep's two inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SweepAxis {
    /// The swept input (x).
    X,
    /// The heat map's second input (y).
    Y,
}

impl SweepAxis {
    /// Points along this axis when it is retargeted.
    pub fn default_points(self) -> usize {
        match self {
            SweepAxis::X => DEFAULT_SWEEP_POINTS,
            SweepAxis::Y => DEFAULT_HEAT_MAP_POINTS,
        }
    }
}

/// A sensible range around an input's current value: ½× to 2× (0 to 1 for a zero value, ±10
/// for a negative one such as a power in dBm).
pub fn default_range(value: f64) -> (f64, f64) {
    if value > 0.0 {
        (0.0, 2.0 * value)
    } else if value < 0.0 {
        (value - 10.0, value + 10.0)
    } else {
        (0.0, 1.0)
    }
}

/// The zero-margin length of the waveguide or fiber whose length `path` names.
fn reach_of(link: &Link, path: &str) -> Option<f64> {
    let field = crate::model::field::find(link, path)?;
    if !matches!(field.path.key(), "length_cm" | "length_m") {
        return None;
    }
    let index = field.path.element()?;
    evaluate(link)
        .ok()?
        .reach
        .iter()
        .find(|r| r.element == index)?
        .max_length
        .filter(|m| m.is_finite() && *m > 0.0)
}

impl SweepState {
    /// Points `spec` at `path` with a range around its current value in `link`.
    pub fn retarget(spec: &mut SweepSpec, link: &Link, path: &str, steps: usize) {
        let value = params::get(link, path).unwrap_or(0.0);
        let (from, to) = if path.ends_with("power_dbm") {
            (value - 10.0, value + 10.0)
        } else if let Some(reach) = reach_of(link, path) {
            // A length: from 0 to a quarter beyond the zero-margin length, so the crossing shows.
            (0.0, 1.25 * reach.max(value))
        } else {
            default_range(value)
        };
        *spec = SweepSpec {
            path: path.to_owned(),
            from,
            to,
            steps,
            log: false,
        };
    }

    /// Points the input on `axis` at `path`, with a range around its current value in `link`.
    pub fn set_input(&mut self, axis: SweepAxis, link: &Link, path: &str) {
        let spec = match axis {
            SweepAxis::X => &mut self.x,
            SweepAxis::Y => &mut self.y,
        };
        Self::retarget(spec, link, path, axis.default_points());
    }

    /// The settings the result depends on (besides the link).
    pub fn settings(&self) -> (SweepSpec, SweepSpec, Output, bool) {
        (self.x.clone(), self.y.clone(), self.output, self.heat_map)
    }

    /// Fills empty specs from `link`: the first length (else the laser power) and the first
    /// lumped loss (else the responsivity).
    fn ensure_targets(&mut self, link: &Link) {
        if !self.x.path.is_empty() && !self.y.path.is_empty() {
            return;
        }
        let paths = params::numeric_paths(link);
        let find = |suffixes: &[&str]| {
            paths
                .iter()
                .find(|p| suffixes.iter().any(|s| p.ends_with(s)))
                .cloned()
        };
        if self.x.path.is_empty() {
            let path =
                find(&[".length_cm", ".length_m"]).unwrap_or_else(|| "laser.power_dbm".into());
            self.set_input(SweepAxis::X, link, &path);
        }
        if self.y.path.is_empty() {
            let path =
                find(&[".loss_db"]).unwrap_or_else(|| "receiver.responsivity_a_per_w".into());
            self.set_input(SweepAxis::Y, link, &path);
        }
    }

    /// Recomputes if the link (its `revision`) or the settings changed; returns true if it did.
    pub fn update(&mut self, link: &Link, revision: u64) -> bool {
        self.ensure_targets(link);
        let (x, y, output, heat_map) = self.settings();
        let key = (revision, x, y, output, heat_map);
        if self.last.as_ref() == Some(&key) {
            return false;
        }
        self.result = Some(sweep(link, &self.x, &[self.output]).map_err(|e| e.to_string()));
        self.grid = self.heat_map.then(|| {
            let x = SweepSpec {
                steps: self.x.steps.min(MAX_HEAT_MAP_SIDE),
                ..self.x.clone()
            };
            sweep2d(link, &x, &self.y, self.output).map_err(|e| e.to_string())
        });
        self.last = Some(key);
        self.runs += 1;
        true
    }

    /// How many times the sweep has been computed.
    pub fn runs(&self) -> u64 {
        self.runs
    }
}

/// Largest heat-map side the app computes live.
pub const MAX_HEAT_MAP_SIDE: usize = 201;

/// The tornado of the link, computed once per link revision while the tornado view is shown.
#[derive(Default)]
pub struct TornadoState {
    revision: Option<u64>,
    /// The tornado (or why there is none).
    pub result: Option<Result<Tornado, String>>,
    runs: u64,
}

impl TornadoState {
    /// Recomputes if the link (its `revision`) changed; returns true if it did.
    pub fn update(&mut self, link: &Link, revision: u64) -> bool {
        if self.revision == Some(revision) {
            return false;
        }
        self.result = Some(tornado(link).map_err(|e| e.to_string()));
        self.revision = Some(revision);
        self.runs += 1;
        true
    }

    /// How many times the tornado has been computed.
    pub fn runs(&self) -> u64 {
        self.runs
    }
}

/// Scenario A: a pinned link with its results.
pub struct Baseline {
    /// Where it came from ("pinned", or a file name).
    pub label: String,
    /// The link.
    pub link: Link,
    /// Its report.
    pub report: Report,
    /// Its curves.
    pub curves: Curves,
}

impl Baseline {
    /// Evaluates `link` as scenario A.
    pub fn new(link: &Link, label: String, sweep_element: Option<usize>) -> Result<Self, String> {
        let report = evaluate(link).map_err(|e| e.to_string())?;
        let curves = curves(link, &report, sweep_element, super::CURVE_POINTS);
        Ok(Self {
            label,
            link: link.clone(),
            report,
            curves,
        })
    }
}

/// Every analysis view's state.
#[derive(Default)]
pub struct Analysis {
    /// The sweep view.
    pub sweep: SweepState,
    /// The tornado view.
    pub tornado: TornadoState,
    /// The Monte Carlo view.
    pub montecarlo: McState,
    /// Scenario A, if pinned.
    pub baseline: Option<Baseline>,
    /// The ring explorer view.
    pub explorer: super::ExplorerState,
}

/// Which analyses the results area shows: only those are kept up to date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    /// The sweep (or heat map).
    pub sweep: bool,
    /// The tornado.
    pub tornado: bool,
    /// The ring explorer.
    pub explorer: bool,
}

impl Analysis {
    /// Brings the shown analyses up to date with `link` at `revision` (see
    /// [`super::Evaluation::revision`]); each is computed only if its inputs changed. Returns
    /// true if anything was computed.
    pub fn refresh(&mut self, link: &Link, revision: u64, shown: Shown) -> bool {
        let swept = shown.sweep && self.sweep.update(link, revision);
        let tornado = shown.tornado && self.tornado.update(link, revision);
        let explored = shown.explorer && self.explorer.update(link, revision);
        swept || tornado || explored
    }
}
