//! State of the analysis views: the sweep and heat map (recomputed when the link or the spec
//! changes), the Monte Carlo run, and the pinned scenario A.

use super::mc_job::McJob;
use crate::engine::curves::{Curves, curves};
use crate::engine::montecarlo::{DEFAULT_SAMPLES, Spec, Summary};
use crate::engine::params;
use crate::engine::sweep::{Output, Sweep, SweepSpec, sweep};
use crate::engine::sweep2d::{Sweep2d, sweep2d};
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
    last: Option<(Link, SweepSpec, SweepSpec, Output, bool)>,
    /// The 1-D result (or why there is none).
    pub result: Option<Result<Sweep, String>>,
    /// The heat map (or why there is none).
    pub grid: Option<Result<Sweep2d, String>>,
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

    /// Fills empty specs from `link`: the first length (else the laser power) and the first
    /// lumped loss (else the responsivity).
    fn ensure_targets(&mut self, link: &Link) {
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
            Self::retarget(&mut self.x, link, &path, DEFAULT_SWEEP_POINTS);
        }
        if self.y.path.is_empty() {
            let path =
                find(&[".loss_db"]).unwrap_or_else(|| "receiver.responsivity_a_per_w".into());
            Self::retarget(&mut self.y, link, &path, DEFAULT_HEAT_MAP_POINTS);
        }
    }

    /// Recomputes if the link or the spec changed; returns true if it did.
    pub fn update(&mut self, link: &Link) -> bool {
        self.ensure_targets(link);
        let key = (
            link.clone(),
            self.x.clone(),
            self.y.clone(),
            self.output,
            self.heat_map,
        );
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
        true
    }
}

/// Largest heat-map side the app computes live.
pub const MAX_HEAT_MAP_SIDE: usize = 201;

/// The Monte Carlo view's settings and run.
pub struct McState {
    /// Samples per run.
    pub samples: u64,
    /// Seed.
    pub seed: u64,
    /// Margin target for the second yield, dB.
    pub target_db: f64,
    /// The current or last run.
    pub job: Option<McJob>,
    /// Why the last run could not start.
    pub error: Option<String>,
}

impl Default for McState {
    fn default() -> Self {
        Self {
            samples: DEFAULT_SAMPLES,
            seed: 1,
            target_db: 0.0,
            job: None,
            error: None,
        }
    }
}

impl McState {
    /// The spec of the next run.
    pub fn spec(&self) -> Spec {
        Spec {
            samples: self.samples,
            seed: self.seed,
            target_margin_db: self.target_db,
        }
    }

    /// Starts a run on `link` (cancelling any running one).
    pub fn start(&mut self, link: &Link, ctx: &egui::Context) {
        if let Some(job) = &self.job {
            job.cancel();
        }
        let ctx = ctx.clone();
        match McJob::start(link, self.spec(), move || ctx.request_repaint()) {
            Ok(job) => {
                self.job = Some(job);
                self.error = None;
            }
            Err(e) => {
                self.job = None;
                self.error = Some(e.to_string());
            }
        }
    }

    /// Lets a browser run make progress this frame (see [`McJob::pump`]).
    pub fn pump(&mut self, ctx: &egui::Context) {
        if let Some(job) = &mut self.job
            && job.pump()
        {
            ctx.request_repaint();
        }
    }

    /// The latest (partial or final) results.
    pub fn summary(&self) -> Option<Summary> {
        self.job.as_ref().and_then(McJob::summary)
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
    /// The Monte Carlo view.
    pub montecarlo: McState,
    /// Scenario A, if pinned.
    pub baseline: Option<Baseline>,
}
