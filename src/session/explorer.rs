//! State of the ring explorer view: the Q × spacing map (recomputed on every change of the link,
//! fast enough for live edits), the Pareto sweep and the optimiser (recomputed on every change
//! of the link or the settings while the view is shown; 200 reports by default, ≈ 5 ms).

use crate::engine::explore::{
    self, Axis, Config, MapSpec, Optimum, ParetoSpec, ParetoSweep, RingMap, optimum,
};
use crate::model::Link;

/// What a click in the explorer loads into the link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExplorerPick {
    /// A map point: every ring's loaded Q and the grid's spacing.
    Map {
        /// Loaded Q.
        loaded_q: f64,
        /// Channel spacing, GHz.
        spacing_ghz: f64,
    },
    /// A configuration of the Pareto sweep (count, rate, Q, modulation, and the ports that
    /// reach `target_tbps`).
    Config {
        /// The configuration.
        config: Config,
        /// The target aggregate payload bandwidth, Tb/s.
        target_tbps: f64,
        /// Channel spacing, GHz.
        spacing_ghz: f64,
    },
}

impl ExplorerPick {
    /// `link` with the pick loaded.
    pub fn apply(&self, link: &Link) -> Link {
        match *self {
            ExplorerPick::Map {
                loaded_q,
                spacing_ghz,
            } => explore::with_point(link, loaded_q, spacing_ghz),
            ExplorerPick::Config {
                config,
                target_tbps,
                spacing_ghz,
            } => explore::pareto::with_config(link, &config, target_tbps, spacing_ghz),
        }
    }
}

/// The explorer's settings and results.
#[derive(Default)]
pub struct ExplorerState {
    /// Margin a point needs to be feasible, dB.
    pub target_margin_db: f64,
    /// Target aggregate payload bandwidth of the Pareto sweep, Tb/s (`None`: the link's own,
    /// taken the first time).
    pub target_tbps: Option<f64>,
    /// Points per map axis.
    pub side: usize,
    /// The map (or why there is none).
    pub map: Option<Result<RingMap, String>>,
    /// The Pareto sweep (or why there is none).
    pub pareto: Option<Result<ParetoSweep, String>>,
    /// The optimiser's answer.
    pub optimum: Option<Optimum>,
    /// Link revision and settings of the results.
    last: Option<(u64, u64, Option<u64>, usize)>,
    runs: u64,
}

/// Points per map axis by default (the 100 × 100 map the bench times).
pub const DEFAULT_MAP_SIDE: usize = 100;

impl ExplorerState {
    /// Recomputes if the link (its `revision`) or the settings changed; true if it did.
    pub fn update(&mut self, link: &Link, revision: u64) -> bool {
        if self.side == 0 {
            self.side = DEFAULT_MAP_SIDE;
        }
        let key = (
            revision,
            self.target_margin_db.to_bits(),
            self.target_tbps.map(f64::to_bits),
            self.side,
        );
        if self.last == Some(key) {
            return false;
        }
        let mut spec = MapSpec::default_for(link);
        spec.loaded_q = Axis {
            points: self.side,
            ..spec.loaded_q
        };
        spec.spacing_ghz = Axis {
            points: self.side,
            ..spec.spacing_ghz
        };
        spec.target_margin_db = self.target_margin_db;
        self.map = Some(explore::ring_map(link, &spec).map_err(|e| e.to_string()));
        let mut pareto = ParetoSpec::default_for(link);
        let target = *self.target_tbps.get_or_insert(pareto.target_tbps);
        pareto.target_tbps = target;
        pareto.target_margin_db = self.target_margin_db;
        let sweep = explore::pareto_sweep(link, &pareto);
        self.optimum = sweep.as_ref().ok().and_then(optimum);
        self.pareto = Some(sweep.map_err(|e| e.to_string()));
        self.last = Some((
            revision,
            self.target_margin_db.to_bits(),
            self.target_tbps.map(f64::to_bits),
            self.side,
        ));
        self.runs += 1;
        true
    }

    /// How many times the explorer has been computed.
    pub fn runs(&self) -> u64 {
        self.runs
    }
}
