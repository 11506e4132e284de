//! Monte Carlo yield: every toleranced parameter drawn from its distribution, the margin of every
//! lane of each sampled chip, and the share of lanes, ports and chips that close.
//!
//! One sample is one chip: each common tolerance is drawn once, each per-port tolerance once per
//! port, each per-lane tolerance once per lane ([`crate::model::Scope`]); a lane's margin is its
//! channel's margin under the sum of the three. [`exact`] computes the same yields without
//! sampling.
//!
//! Repeatable: samples are taken in chunks of [`CHUNK_SAMPLES`]; chunk c draws from its own
//! xoshiro256++ stream seeded by SplitMix64(seed, c), and chunks are merged in index order. The
//! result depends on the seed only, not on how many threads ran the chunks or in what order.

mod exact;
mod model;
mod table;
mod tally;
mod ziggurat;

pub use exact::{Exact, Layout, YIELD_TOLERANCE, exact};
pub use model::{Deviate, Knob, MarginModel, NORMAL_CORNER_SIGMAS, Shift, Varied, varied};
pub use table::{EffectTable, TABLE_POINTS};
pub use tally::{FINE_BINS, Range, Tally};

use super::LinkError;
use crate::model::{Link, Scope};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::SeedableRng;
use serde::Serialize;

/// Samples per chunk (the unit of work, of seeding and of progress).
pub const CHUNK_SAMPLES: u64 = 4096;

/// Default sample count.
pub const DEFAULT_SAMPLES: u64 = 100_000;

/// Largest sample count accepted.
pub const MAX_SAMPLES: u64 = 1_000_000_000;

/// What to run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    /// Number of sampled links.
    pub samples: u64,
    /// Seed of the random streams.
    pub seed: u64,
    /// Margin a sample must reach for the second yield figure, dB.
    pub target_margin_db: f64,
}

impl Spec {
    /// `samples` links from `seed`, the second yield at `target_margin_db`.
    pub fn new(samples: u64, seed: u64, target_margin_db: f64) -> Self {
        Self {
            samples,
            seed,
            target_margin_db,
        }
    }
}

impl Default for Spec {
    fn default() -> Self {
        Self {
            samples: DEFAULT_SAMPLES,
            seed: 1,
            target_margin_db: 0.0,
        }
    }
}

/// A compiled Monte Carlo run: the link's margin model and its samplers.
#[derive(Clone, Debug)]
pub struct MonteCarlo {
    /// The toleranced parameters, in sampling order.
    pub varied: Vec<Varied>,
    /// The nominal link's margin model.
    pub model: MarginModel,
    /// What to run.
    pub spec: Spec,
    /// Channels, fibers and ports of one chip.
    pub layout: Layout,
    /// The exact yields of the same model at the target.
    pub exact: Exact,
    /// The common, per-port and per-lane tolerances, compiled for sampling (per-lane field
    /// tolerances included: [`LaneBatch`] reads their tables by channel).
    by_scope: [Vec<Term>; 3],
    /// The common and per-port field tolerances: drawn once per chip or port, their effect
    /// read per channel.
    fields: [Vec<Term>; 2],
    range: Range,
}

/// One toleranced parameter as the sampling loop reads it: its sampler, how it moves the
/// margin, and its index in `varied` (kept small and contiguous: the loop runs per lane).
#[derive(Clone, Copy, Debug)]
struct Term {
    deviate: Deviate,
    knob: Knob,
    index: usize,
    /// [`Knob::linear`], unpacked for the loop: whether the received power moves by
    /// `sign · max(δ, floor_db)`.
    linear: bool,
    sign: f64,
    floor_db: f64,
}

impl Term {
    fn new(v: &Varied, index: usize) -> Self {
        let (linear, (sign, floor_db)) = match v.knob.linear() {
            Some(l) => (true, l),
            None => (false, (0.0, 0.0)),
        };
        Self {
            deviate: v.deviate(),
            knob: v.knob,
            index,
            linear,
            sign,
            floor_db,
        }
    }
}

/// Scratch space for one chip's draws, kept across the chips of a chunk: each port's draw, then
/// the per-lane terms drawn term by term for every lane of the chip at once (one distribution
/// per tight loop), then summed lane by lane.
#[derive(Clone, Debug, Default)]
struct LaneBatch {
    /// Channels (wavelengths) per fiber: lane l carries channel l mod `channels`.
    channels: usize,
    /// Per port: the common and per-port draws.
    ports: Vec<Draw>,
    /// Row j: term j's margin effect on each lane of the chip (ports in order, each port's
    /// lanes channel-fastest).
    effects: Vec<f64>,
    /// Per lane: the sum of the received-power shifts of the per-lane draws, dB.
    received_db: Vec<f64>,
    /// Per lane: the sum of the requirement shifts, dB.
    required_db: Vec<f64>,
    /// Per lane: its margin, dB.
    margin_db: Vec<f64>,
    /// The deviations of the chip's common field tolerances, then a port's.
    field_deltas: Vec<f64>,
    /// Per port, per channel: the summed effect of the common and per-port field tolerances,
    /// dB, and the worst single effect so far with its parameter (index into `varied`).
    field_db: Vec<(f64, f64, usize)>,
}

impl LaneBatch {
    fn new(terms: usize, layout: Layout) -> Self {
        let lanes = layout.lanes_per_chip() as usize;
        let ports = layout.ports as usize;
        Self {
            channels: layout.channels.max(1),
            ports: Vec::with_capacity(ports),
            effects: vec![0.0; terms * lanes],
            received_db: vec![0.0; lanes],
            required_db: vec![0.0; lanes],
            margin_db: vec![0.0; lanes],
            field_deltas: Vec::new(),
            field_db: vec![(0.0, 0.0, NO_DRIVER); layout.channels.max(1) * ports],
        }
    }

    /// Draws every term of `terms` for every lane (a field tolerance's effect from its table at
    /// the lane's channel, lanes running channel-fastest, entered as a requirement shift).
    fn draw(&mut self, terms: &[Term], tables: &[EffectTable], rng: &mut Xoshiro256PlusPlus) {
        let lanes = self.received_db.len();
        let channels = self.channels;
        self.received_db.fill(0.0);
        self.required_db.fill(0.0);
        for (t, row) in terms.iter().zip(self.effects.chunks_exact_mut(lanes)) {
            if t.linear {
                let map = (t.sign, t.floor_db);
                t.deviate.fill_linear(rng, row, &mut self.received_db, map);
                continue;
            }
            t.deviate.fill(rng, row);
            if let Knob::Field { table } = t.knob {
                let Some(table) = tables.get(table) else {
                    row.fill(0.0);
                    continue;
                };
                for (l, (e, q)) in row.iter_mut().zip(&mut self.required_db).enumerate() {
                    *e = table.effect(l % channels, *e);
                    *q -= *e;
                }
            } else {
                for ((e, r), q) in row
                    .iter_mut()
                    .zip(&mut self.received_db)
                    .zip(&mut self.required_db)
                {
                    let s = t.knob.shift(*e);
                    *e = s.margin_db();
                    *r += s.received_db;
                    *q += s.required_db;
                }
            }
        }
    }
}

/// No parameter lowered the margin (a [`Draw`]'s `driver`).
const NO_DRIVER: usize = usize::MAX;

/// Running sum of shifts and the parameter that hurt most so far.
#[derive(Clone, Copy, Debug)]
struct Draw {
    shift: Shift,
    worst_effect_db: f64,
    /// Index into `varied`, or [`NO_DRIVER`].
    driver: usize,
}

impl Default for Draw {
    fn default() -> Self {
        Self {
            shift: Shift::default(),
            worst_effect_db: 0.0,
            driver: NO_DRIVER,
        }
    }
}

impl Draw {
    /// Adds one draw of every parameter in `terms` (the sums are kept in locals, not written
    /// back per term: this is the innermost loop).
    #[inline]
    fn draw<G: rand_xoshiro::rand_core::Rng + ?Sized>(self, terms: &[Term], rng: &mut G) -> Self {
        let (mut received, mut required) = (self.shift.received_db, self.shift.required_db);
        let (mut worst, mut driver) = (self.worst_effect_db, self.driver);
        for t in terms {
            let s = t.knob.shift(t.deviate.sample(rng));
            let effect = s.margin_db();
            if effect < worst {
                worst = effect;
                driver = t.index;
            }
            received += s.received_db;
            required += s.required_db;
        }
        Draw {
            shift: Shift {
                received_db: received,
                required_db: required,
            },
            worst_effect_db: worst,
            driver,
        }
    }

    /// The same draw with its worst single effect and driver replaced (a channel's, once the
    /// field tolerances' effects on it are counted).
    fn with_worst(self, worst_effect_db: f64, driver: usize) -> Self {
        Draw {
            worst_effect_db,
            driver,
            ..self
        }
    }

    /// The driver as the tally takes it.
    fn driver(&self) -> Option<usize> {
        (self.driver != NO_DRIVER).then_some(self.driver)
    }

    /// The driver of a lane of this draw whose per-lane draws had margin effects `effects`
    /// (one per term of `terms`): what [`Draw::draw`] would have tracked, the first parameter
    /// with the lowest effect below 0.
    fn driver_with(&self, terms: &[Term], effects: impl Iterator<Item = f64>) -> Option<usize> {
        let (mut worst, mut driver) = (self.worst_effect_db, self.driver);
        for (t, e) in terms.iter().zip(effects) {
            if e < worst {
                worst = e;
                driver = t.index;
            }
        }
        (driver != NO_DRIVER).then_some(driver)
    }
}

/// Per channel k, into `out[k]`: the summed effect of the field tolerances `terms` at
/// deviations `deltas` (from their tables), and the worst single effect with its parameter,
/// starting from the linear draw `draw`'s.
fn field_effects<'a>(
    terms: impl Iterator<Item = &'a Term> + Clone,
    deltas: &[f64],
    tables: &[EffectTable],
    draw: &Draw,
    out: &mut [(f64, f64, usize)],
) {
    for (k, slot) in out.iter_mut().enumerate() {
        let (mut sum, mut worst, mut driver) = (0.0, draw.worst_effect_db, draw.driver);
        for (t, &delta) in terms.clone().zip(deltas) {
            let Knob::Field { table } = t.knob else {
                continue;
            };
            let Some(table) = tables.get(table) else {
                continue;
            };
            let e = table.effect(k, delta);
            sum += e;
            if e < worst {
                worst = e;
                driver = t.index;
            }
        }
        *slot = (sum, worst, driver);
    }
}

/// SplitMix64's output function (Steele, Lea & Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): decorrelates the chunk seeds.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl MonteCarlo {
    /// Compiles `link` for `spec`. Invalid links and sample counts are errors naming the field.
    pub fn new(link: &Link, spec: Spec) -> Result<Self, LinkError> {
        if !(1..=MAX_SAMPLES).contains(&spec.samples) {
            return Err(LinkError::invalid(
                "samples",
                format!("{} is not 1 to {MAX_SAMPLES}", spec.samples),
            ));
        }
        if !spec.target_margin_db.is_finite() {
            return Err(LinkError::NotFinite {
                field: "target_margin_db".into(),
                value: spec.target_margin_db,
            });
        }
        let model = MarginModel::new(link)?;
        let varied = varied(link);
        // The histogram spans every parameter at once at its corner (normal: ±6σ) around the
        // nominal margin and the target, plus 0.5 dB.
        let span: f64 = varied
            .iter()
            .map(|v| {
                let (lo, hi) = v.corners();
                let k = if matches!(v.tolerance, crate::model::Tolerance::Normal { .. }) {
                    2.0
                } else {
                    1.0
                };
                if let Knob::Field { table } = v.knob {
                    return model
                        .tables
                        .get(table)
                        .map_or(0.0, EffectTable::largest_effect_db);
                }
                let (a, b) = (
                    v.knob.shift(k * lo).margin_db(),
                    v.knob.shift(k * hi).margin_db(),
                );
                a.abs().max(b.abs())
            })
            .sum::<f64>()
            + 0.5;
        let margins = model.channel_margins_db();
        let lowest = margins.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = margins.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lo = lowest.min(spec.target_margin_db) - span;
        let hi = highest.max(spec.target_margin_db) + span;
        let layout = Layout {
            channels: model.channel_count(),
            fibers_per_port: link.signaling.fibers_per_port.max(1),
            ports: link.signaling.ports.max(1),
        };
        let mut by_scope: [Vec<Term>; 3] = Default::default();
        let mut fields: [Vec<Term>; 2] = Default::default();
        for (i, v) in varied.iter().enumerate() {
            let field = matches!(v.knob, Knob::Field { .. });
            match v.tolerance.scope() {
                Scope::Common if field => fields[0].push(Term::new(v, i)),
                Scope::Port if field => fields[1].push(Term::new(v, i)),
                Scope::Common => by_scope[0].push(Term::new(v, i)),
                Scope::Port => by_scope[1].push(Term::new(v, i)),
                Scope::Lane => by_scope[2].push(Term::new(v, i)),
            }
        }
        let exact = exact(&model, &varied, layout, spec.target_margin_db);
        Ok(Self {
            varied,
            model,
            spec,
            layout,
            exact,
            by_scope,
            fields,
            range: Range {
                lo_db: lo,
                hi_db: hi,
            },
        })
    }

    /// Number of chunks in the run.
    pub fn chunk_count(&self) -> u64 {
        self.spec.samples.div_ceil(CHUNK_SAMPLES)
    }

    /// An empty tally for this run.
    pub fn empty_tally(&self) -> Tally {
        Tally::new(
            self.range,
            self.spec.target_margin_db,
            self.model.nominal_margin_db,
            self.varied.len(),
        )
    }

    /// Runs chunk `chunk` (the last one may be short).
    pub fn run_chunk(&self, chunk: u64) -> Tally {
        let mut tally = self.empty_tally();
        let start = chunk * CHUNK_SAMPLES;
        let n = CHUNK_SAMPLES.min(self.spec.samples.saturating_sub(start));
        let mut rng =
            Xoshiro256PlusPlus::seed_from_u64(splitmix64(self.spec.seed ^ splitmix64(chunk)));
        let mut batch = LaneBatch::new(self.by_scope[2].len(), self.layout);
        for _ in 0..n {
            self.run_chip(&mut rng, &mut tally, &mut batch);
        }
        tally
    }

    /// Samples one chip into `tally` (`batch`: scratch for one port's per-lane draws). Without
    /// per-port or per-lane tolerances, identical ports (or fibers) are evaluated once and
    /// counted for all.
    #[inline]
    fn run_chip(&self, rng: &mut Xoshiro256PlusPlus, tally: &mut Tally, batch: &mut LaneBatch) {
        let [common, port, lane] = &self.by_scope;
        let [common_fields, port_fields] = &self.fields;
        let has_fields = !(common_fields.is_empty() && port_fields.is_empty());
        let tables = &self.model.tables;
        let target = self.spec.target_margin_db;
        let channels = self.layout.channels;
        let fibers = u64::from(self.layout.fibers_per_port);
        let chip = Draw::default().draw(common, rng);
        if has_fields {
            batch.field_deltas.clear();
            for t in common_fields {
                batch.field_deltas.push(t.deviate.sample(rng));
            }
        }
        let (port_runs, port_weight) =
            if port.is_empty() && lane.is_empty() && port_fields.is_empty() {
                (1, u64::from(self.layout.ports))
            } else {
                (self.layout.ports, 1)
            };
        let mut chip_worst = (f64::INFINITY, None);
        let (mut lanes_passing, mut ports_passing) = (0u64, 0u64);

        // Every port's draw and its channels' field effects, then every lane's draws.
        batch.ports.clear();
        for field_db in batch
            .field_db
            .chunks_exact_mut(channels.max(1))
            .take(port_runs as usize)
        {
            let at_port = chip.draw(port, rng);
            if has_fields {
                batch.field_deltas.truncate(common_fields.len());
                for t in port_fields {
                    batch.field_deltas.push(t.deviate.sample(rng));
                }
                field_effects(
                    common_fields.iter().chain(port_fields),
                    &batch.field_deltas,
                    tables,
                    &at_port,
                    field_db,
                );
            }
            batch.ports.push(at_port);
        }
        if !lane.is_empty() {
            batch.draw(lane, tables, rng);
        }
        let lanes_per_port = (channels * fibers as usize).max(1);
        for (p, &at_port) in batch.ports.iter().enumerate() {
            let field_db = batch.field_db.chunks_exact(channels.max(1)).nth(p);
            // Channel k's summed field effect and its draw with the field drivers counted.
            let at_channel = |k: usize| -> (f64, Draw) {
                match field_db.and_then(|f| f.get(k)) {
                    Some(&(sum, worst, driver)) if has_fields => {
                        (sum, at_port.with_worst(worst, driver))
                    }
                    _ => (0.0, at_port),
                }
            };
            let mut port_worst = (f64::INFINITY, None);
            if lane.is_empty() {
                for k in 0..channels {
                    let (extra, draw) = at_channel(k);
                    let m = self.model.channel_margin_db(k, at_port.shift) + extra;
                    let (driver, lanes) = (draw.driver(), fibers * port_weight);
                    tally.add_lanes(m, driver, lanes);
                    if m >= target {
                        lanes_passing += lanes;
                    }
                    if m < port_worst.0 {
                        port_worst = (m, driver);
                    }
                }
            } else {
                // The port's lanes' margins in one pass (lane l of the port carries channel
                // l mod K), counting the passing lanes and finding the port's worst; the
                // drivers of the failing lanes (few) in a second.
                let first = p * lanes_per_port;
                let lanes = first..first + lanes_per_port;
                let (Some(margins), Some(rx), Some(req)) = (
                    batch.margin_db.get_mut(lanes.clone()),
                    batch.received_db.get(lanes.clone()),
                    batch.required_db.get(lanes),
                ) else {
                    continue;
                };
                self.model.lane_margins_db(at_port.shift, rx, req, margins);
                if let (true, Some(field_db)) = (has_fields, field_db) {
                    for m in margins.chunks_exact_mut(channels.max(1)) {
                        for (m, &(extra, _, _)) in m.iter_mut().zip(field_db) {
                            *m += extra;
                        }
                    }
                }
                let (mut passing, mut worst_lane) = (0u64, 0);
                for (l, &m) in margins.iter().enumerate() {
                    passing += u64::from(m >= target);
                    if m < port_worst.0 {
                        port_worst.0 = m;
                        worst_lane = l;
                    }
                }
                tally.add_passing_lanes(passing);
                lanes_passing += passing;
                if passing < margins.len() as u64 {
                    for (l, &m) in margins.iter().enumerate() {
                        if m >= target {
                            continue;
                        }
                        let (_, draw) = at_channel(l % channels.max(1));
                        let effects = batch
                            .effects
                            .iter()
                            .skip(first + l)
                            .step_by(batch.received_db.len().max(1))
                            .copied();
                        let driver = draw.driver_with(lane, effects);
                        tally.add_lanes(m, driver, 1);
                        if l == worst_lane {
                            port_worst.1 = driver;
                        }
                    }
                }
            }
            tally.add_ports(port_worst.0, port_worst.1, port_weight);
            if port_worst.0 >= target {
                ports_passing += port_weight;
            }
            if port_worst.0 < chip_worst.0 {
                chip_worst = port_worst;
            }
        }
        tally.add(chip_worst.0, chip_worst.1);
        tally.add_shares(
            lanes_passing as f64 / self.layout.lanes_per_chip() as f64,
            ports_passing as f64 / f64::from(self.layout.ports),
        );
    }

    /// Runs chunks `chunks` and merges each into `into`, in chunk order: on all cores with the
    /// `parallel` feature, else on this thread. Running 0..n in one call or in consecutive
    /// pieces gives bit-identical tallies.
    pub fn run_chunks(&self, chunks: std::ops::Range<u64>, into: &mut Tally) {
        // Batches bound the memory of pending tallies.
        const BATCH: u64 = 64;
        let mut start = chunks.start;
        while start < chunks.end {
            let end = (start + BATCH).min(chunks.end);
            for t in self.run_batch(start..end) {
                into.merge(&t);
            }
            start = end;
        }
    }

    #[cfg(feature = "parallel")]
    fn run_batch(&self, chunks: std::ops::Range<u64>) -> Vec<Tally> {
        use rayon::prelude::*;
        chunks.into_par_iter().map(|c| self.run_chunk(c)).collect()
    }

    #[cfg(not(feature = "parallel"))]
    fn run_batch(&self, chunks: std::ops::Range<u64>) -> Vec<Tally> {
        chunks.map(|c| self.run_chunk(c)).collect()
    }

    /// Runs every sample.
    pub fn run(&self) -> Tally {
        let mut total = self.empty_tally();
        self.run_chunks(0..self.chunk_count(), &mut total);
        total
    }

    /// The summary of `tally` (complete or partial).
    pub fn summary(&self, tally: &Tally) -> Summary {
        let n = tally.count.max(1) as f64;
        let yield_fraction = tally.pass_zero as f64 / n;
        let (lo, width, counts) = tally.coarse(HISTOGRAM_BARS);
        let drivers_of = |counts: &[u64], failed: u64| -> Vec<Driver> {
            let mut out: Vec<Driver> = self
                .varied
                .iter()
                .zip(counts)
                .map(|(v, &failures)| Driver {
                    label: v.label.clone(),
                    path: v.path.clone(),
                    scope: v.tolerance.scope().label(),
                    failures,
                    share: failures as f64 / failed.max(1) as f64,
                })
                .collect();
            out.sort_by_key(|d| std::cmp::Reverse(d.failures));
            out
        };
        let lanes_per_chip = self.layout.lanes_per_chip();
        let lane_ci = clustered_wilson(
            tally.lanes_pass,
            tally.count,
            lanes_per_chip,
            tally.lane_share_sq,
        );
        let port_ci = clustered_wilson(
            tally.ports_pass,
            tally.count,
            u64::from(self.layout.ports),
            tally.port_share_sq,
        );
        let e = &self.exact;
        Summary {
            samples: tally.count,
            requested_samples: self.spec.samples,
            seed: self.spec.seed,
            target_margin_db: self.spec.target_margin_db,
            nominal_margin_db: self.model.nominal_margin_db,
            lanes_per_chip,
            ports_per_chip: self.layout.ports,
            lane_samples: tally.lanes,
            lane_yield: tally.lanes_pass as f64 / tally.lanes.max(1) as f64,
            lane_yield_ci95: lane_ci,
            port_yield: tally.ports_pass as f64 / tally.ports.max(1) as f64,
            port_yield_ci95: port_ci,
            chip_yield: tally.pass_target as f64 / n,
            chip_yield_ci95: wilson_interval(tally.pass_target as f64, tally.count as f64),
            exact_lane_yield: e.lane_yield,
            exact_lane_yield_bounds: e.lane_yield_bounds,
            exact_port_yield: e.port_yield,
            exact_port_yield_bounds: e.port_yield_bounds,
            exact_chip_yield: e.chip_yield,
            exact_chip_yield_bounds: e.chip_yield_bounds,
            exact_p1_margin_db: e.percentiles_db[0],
            exact_p5_margin_db: e.percentiles_db[1],
            exact_p50_margin_db: e.percentiles_db[2],
            exact_step_db: e.step_db,
            exact_margin_error_db: e.margin_error_db,
            field_tables: self
                .varied
                .iter()
                .filter_map(|v| match v.knob {
                    Knob::Field { table } => self.model.tables.get(table).map(|t| FieldTable {
                        path: v.path.clone(),
                        interpolation_error_db: t.interpolation_error_db,
                        channel_spread_db: t.channel_spread_db,
                        largest_effect_db: t.largest_effect_db(),
                    }),
                    _ => None,
                })
                .collect(),
            field_interaction_error_db: self.model.interaction_error_db,
            yield_fraction,
            yield_standard_error: (yield_fraction * (1.0 - yield_fraction) / n).sqrt(),
            yield_ci95: wilson_interval(tally.pass_zero as f64, tally.count as f64),
            yield_at_target: tally.pass_target as f64 / n,
            mean_margin_db: tally.mean_db(),
            std_margin_db: tally.std_db(),
            min_margin_db: if tally.count > 0 { tally.min_db } else { 0.0 },
            max_margin_db: if tally.count > 0 { tally.max_db } else { 0.0 },
            p1_margin_db: tally.quantile_db(0.01),
            p5_margin_db: tally.quantile_db(0.05),
            p50_margin_db: tally.quantile_db(0.50),
            percentile_resolution_db: tally.range.bin_width_db(),
            histogram: Histogram {
                lower_edge_db: lo,
                bin_width_db: width,
                counts,
            },
            drivers: drivers_of(&tally.drivers, tally.count - tally.pass_target),
            lane_drivers: drivers_of(&tally.lane_drivers, tally.lanes - tally.lanes_pass),
            port_drivers: drivers_of(&tally.port_drivers, tally.ports - tally.ports_pass),
            parameters: self.varied.clone(),
        }
    }
}

/// 95 % interval of a share of units sampled in clusters (lanes or ports, in chips): the Wilson
/// interval at the effective sample size n_eff = n/deff, where the design effect deff =
/// Var(p̂)/(p̂(1 − p̂)/n) compares the spread of the chips' shares with a binomial's (L. Kish,
/// *Survey Sampling*, Wiley 1965, §8.2; E. L. Korn & B. I. Graubard, "Confidence intervals for
/// proportions with small expected number of positive counts estimated from survey data",
/// Survey Methodology 24, 193 (1998)). n_eff lies between the chip count (every unit of a chip
/// alike) and the unit count (independent units); at p̂ = 0 or 1 the chips are the units.
pub fn clustered_wilson(
    passed: u64,
    chips: u64,
    units_per_chip: u64,
    share_sq_sum: f64,
) -> (f64, f64) {
    let units = chips * units_per_chip.max(1);
    if chips < 2 || units == 0 {
        return wilson_interval(passed as f64, units as f64);
    }
    let (n, c) = (units as f64, chips as f64);
    let p = passed as f64 / n;
    let binomial = p * (1.0 - p) / n;
    let n_eff = if binomial > 0.0 {
        let between = ((share_sq_sum - c * p * p) / (c - 1.0)).max(0.0) / c;
        (n * binomial / between.max(f64::MIN_POSITIVE)).clamp(c, n)
    } else {
        c
    };
    wilson_interval(p * n_eff, n_eff)
}

/// One level of the yield table: sampled yield, its interval, exact yield and its bounds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YieldRow {
    /// "Lane", "Port" or "Chip".
    pub level: &'static str,
    /// Sampled share.
    pub sampled: f64,
    /// Its 95 % interval.
    pub ci95: (f64, f64),
    /// Exact share.
    pub exact: f64,
    /// Bounds on the exact share.
    pub bounds: (f64, f64),
}

impl Summary {
    /// The lane, port and chip rows of the yield table, in that order.
    pub fn yield_rows(&self) -> [YieldRow; 3] {
        let row = |level, sampled, ci95, exact, bounds| YieldRow {
            level,
            sampled,
            ci95,
            exact,
            bounds,
        };
        [
            row(
                "Lane",
                self.lane_yield,
                self.lane_yield_ci95,
                self.exact_lane_yield,
                self.exact_lane_yield_bounds,
            ),
            row(
                "Port",
                self.port_yield,
                self.port_yield_ci95,
                self.exact_port_yield,
                self.exact_port_yield_bounds,
            ),
            row(
                "Chip",
                self.chip_yield,
                self.chip_yield_ci95,
                self.exact_chip_yield,
                self.exact_chip_yield_bounds,
            ),
        ]
    }
}

/// z for a two-sided 95 % interval: Φ⁻¹(0.975) = 1.959964.
const Z_95: f64 = 1.959_963_984_540_054;

/// Wilson score interval of k successes in n trials at 95 %: (p̂ + z²/2n ± z√(p̂(1−p̂)/n +
/// z²/4n²)) / (1 + z²/n) (E. B. Wilson, "Probable inference, the law of succession, and
/// statistical inference", JASA 22, 209 (1927)).
/// `k` and `n` may be fractional (an effective sample size).
pub fn wilson_interval(k: f64, n: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (0.0, 1.0);
    }
    let p = k / n;
    let z2 = Z_95 * Z_95;
    let center = p + z2 / (2.0 * n);
    let half = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let d = 1.0 + z2 / n;
    (
        ((center - half) / d).max(0.0),
        ((center + half) / d).min(1.0),
    )
}

/// Bars of the summary's histogram.
pub const HISTOGRAM_BARS: usize = 60;

/// A margin histogram.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Histogram {
    /// Lower edge of the first bar, dB.
    pub lower_edge_db: f64,
    /// Width of each bar, dB.
    pub bin_width_db: f64,
    /// Samples per bar.
    pub counts: Vec<u64>,
}

/// How often a parameter was the main cause of a failing sample.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Driver {
    /// The parameter.
    pub label: String,
    /// Its path.
    pub path: String,
    /// Its scope: "common", "per port" or "per lane".
    pub scope: &'static str,
    /// Failing lanes, ports or chips (below the target) whose worst lane its deviation cost the
    /// most margin.
    pub failures: u64,
    /// `failures` as a share of all failing samples.
    pub share: f64,
}

/// The results of a Monte Carlo run. A sample is one chip; its margin is its worst lane's
/// (the histogram, moments and percentiles are of that margin).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Chips sampled so far.
    pub samples: u64,
    /// Chips asked for.
    pub requested_samples: u64,
    /// Seed.
    pub seed: u64,
    /// Margin a lane must reach to pass, dB (every yield but `yield_fraction`).
    pub target_margin_db: f64,
    /// Worst-channel margin of the nominal link, dB.
    pub nominal_margin_db: f64,
    /// Lanes per chip (wavelengths × fibers per port × ports).
    pub lanes_per_chip: u64,
    /// Ports per chip.
    pub ports_per_chip: u32,
    /// Lane margins sampled (chips × lanes per chip).
    pub lane_samples: u64,
    /// Share of lanes at or above the target.
    pub lane_yield: f64,
    /// Its 95 % interval ([`clustered_wilson`]: lanes of one chip share its common draws).
    pub lane_yield_ci95: (f64, f64),
    /// Share of ports with every lane at or above the target.
    pub port_yield: f64,
    /// Its 95 % interval ([`clustered_wilson`]).
    pub port_yield_ci95: (f64, f64),
    /// Share of chips with every lane at or above the target (= `yield_at_target`).
    pub chip_yield: f64,
    /// Its 95 % Wilson interval (chips are independent).
    pub chip_yield_ci95: (f64, f64),
    /// Lane yield of the same model computed without sampling ([`exact`]).
    pub exact_lane_yield: f64,
    /// Bounds the true lane yield lies within (the grid's error).
    pub exact_lane_yield_bounds: (f64, f64),
    /// Exact port yield.
    pub exact_port_yield: f64,
    /// Its bounds.
    pub exact_port_yield_bounds: (f64, f64),
    /// Exact chip yield.
    pub exact_chip_yield: f64,
    /// Its bounds.
    pub exact_chip_yield_bounds: (f64, f64),
    /// Exact 1st percentile of the lane margin, dB.
    pub exact_p1_margin_db: f64,
    /// Exact 5th percentile, dB.
    pub exact_p5_margin_db: f64,
    /// Exact median, dB.
    pub exact_p50_margin_db: f64,
    /// Grid step of the exact computation, dB.
    pub exact_step_db: f64,
    /// Largest shift of a lane margin by that grid and the field tables, dB.
    pub exact_margin_error_db: f64,
    /// Per field tolerance: how well its table holds.
    pub field_tables: Vec<FieldTable>,
    /// Largest miss of the summed field effects against a re-evaluation with the fields moved
    /// together at their corners, dB.
    pub field_interaction_error_db: f64,
    /// Share of chips whose every lane has margin ≥ 0 dB.
    pub yield_fraction: f64,
    /// Its binomial standard error √(y(1 − y)/N).
    pub yield_standard_error: f64,
    /// 95 % confidence interval of the yield (Wilson score interval; stays informative at 0 or
    /// 100 %, where the standard error is 0).
    pub yield_ci95: (f64, f64),
    /// Share of samples with margin ≥ the target.
    pub yield_at_target: f64,
    /// Mean margin, dB.
    pub mean_margin_db: f64,
    /// Standard deviation of the margin, dB.
    pub std_margin_db: f64,
    /// Smallest sampled margin, dB.
    pub min_margin_db: f64,
    /// Largest sampled margin, dB.
    pub max_margin_db: f64,
    /// 1st percentile of the margin, dB.
    pub p1_margin_db: f64,
    /// 5th percentile, dB.
    pub p5_margin_db: f64,
    /// Median, dB.
    pub p50_margin_db: f64,
    /// Resolution of the percentiles (one fine histogram bin), dB.
    pub percentile_resolution_db: f64,
    /// Margin histogram.
    pub histogram: Histogram,
    /// Failure drivers of chips (the cause of each failing chip's worst lane), most frequent
    /// first.
    pub drivers: Vec<Driver>,
    /// Failure drivers of lanes.
    pub lane_drivers: Vec<Driver>,
    /// Failure drivers of ports (the cause of each failing port's worst lane).
    pub port_drivers: Vec<Driver>,
    /// The toleranced parameters.
    pub parameters: Vec<Varied>,
}

/// How well one field tolerance's table holds ([`EffectTable`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldTable {
    /// The field's path.
    pub path: String,
    /// Largest |midpoint re-evaluation − interpolation| over channels and intervals, dB.
    pub interpolation_error_db: f64,
    /// Largest difference between two channels' effects at one deviation, dB.
    pub channel_spread_db: f64,
    /// Largest |effect| over the spread's reach, dB.
    pub largest_effect_db: f64,
}

/// Runs `spec` on `link` to the end.
pub fn run(link: &Link, spec: Spec) -> Result<Summary, LinkError> {
    let mc = MonteCarlo::new(link, spec)?;
    let tally = mc.run();
    Ok(mc.summary(&tally))
}
