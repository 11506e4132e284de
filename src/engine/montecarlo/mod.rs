//! Monte Carlo yield: every toleranced parameter drawn from its distribution, the margin of each
//! sampled link, and the share of a production run that closes.
//!
//! Repeatable: samples are taken in chunks of [`CHUNK_SAMPLES`]; chunk c draws from its own
//! xoshiro256++ stream seeded by SplitMix64(seed, c), and chunks are merged in index order. The
//! result depends on the seed only, not on how many threads ran the chunks or in what order.

mod model;
mod tally;

pub use model::{Deviate, Knob, MarginModel, NORMAL_CORNER_SIGMAS, Shift, Varied, varied};
pub use tally::{FINE_BINS, Range, Tally};

use super::LinkError;
use crate::model::Link;
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
    deviates: Vec<Deviate>,
    /// The nominal link's margin model.
    pub model: MarginModel,
    /// What to run.
    pub spec: Spec,
    range: Range,
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
        let deviates = varied.iter().map(Varied::deviate).collect();
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
                let (a, b) = (
                    v.knob.shift(k * lo).margin_db(),
                    v.knob.shift(k * hi).margin_db(),
                );
                a.abs().max(b.abs())
            })
            .sum::<f64>()
            + 0.5;
        let lo = model.nominal_margin_db.min(spec.target_margin_db) - span;
        let hi = model.nominal_margin_db.max(spec.target_margin_db) + span;
        Ok(Self {
            varied,
            deviates,
            model,
            spec,
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
        for _ in 0..n {
            let mut shift = Shift::default();
            let mut driver = None;
            let mut worst_effect = 0.0;
            for (i, (v, d)) in self.varied.iter().zip(&self.deviates).enumerate() {
                let s = v.knob.shift(d.sample(&mut rng));
                let effect = s.margin_db();
                if effect < worst_effect {
                    worst_effect = effect;
                    driver = Some(i);
                }
                shift.received_db += s.received_db;
                shift.required_db += s.required_db;
            }
            tally.add(self.model.margin_db(shift), driver);
        }
        tally
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
        let mut drivers: Vec<Driver> = self
            .varied
            .iter()
            .zip(&tally.drivers)
            .map(|(v, &failures)| Driver {
                label: v.label.clone(),
                path: v.path.clone(),
                failures,
                share: failures as f64 / (tally.count - tally.pass_target).max(1) as f64,
            })
            .collect();
        drivers.sort_by_key(|d| std::cmp::Reverse(d.failures));
        Summary {
            samples: tally.count,
            requested_samples: self.spec.samples,
            seed: self.spec.seed,
            target_margin_db: self.spec.target_margin_db,
            nominal_margin_db: self.model.nominal_margin_db,
            yield_fraction,
            yield_standard_error: (yield_fraction * (1.0 - yield_fraction) / n).sqrt(),
            yield_ci95: wilson_interval(tally.pass_zero, tally.count),
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
            drivers,
            parameters: self.varied.clone(),
        }
    }
}

/// z for a two-sided 95 % interval: Φ⁻¹(0.975) = 1.959964.
const Z_95: f64 = 1.959_963_984_540_054;

/// Wilson score interval of k successes in n trials at 95 %: (p̂ + z²/2n ± z√(p̂(1−p̂)/n +
/// z²/4n²)) / (1 + z²/n) (E. B. Wilson, "Probable inference, the law of succession, and
/// statistical inference", JASA 22, 209 (1927)).
pub fn wilson_interval(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (n, p) = (n as f64, k as f64 / n as f64);
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
    /// Failing samples (below the target) in which its deviation cost the most margin.
    pub failures: u64,
    /// `failures` as a share of all failing samples.
    pub share: f64,
}

/// The results of a Monte Carlo run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Samples taken so far.
    pub samples: u64,
    /// Samples asked for.
    pub requested_samples: u64,
    /// Seed.
    pub seed: u64,
    /// Margin target of `yield_at_target`, dB.
    pub target_margin_db: f64,
    /// Margin of the nominal link, dB.
    pub nominal_margin_db: f64,
    /// Share of samples with margin ≥ 0 dB.
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
    /// Failure drivers, most frequent first.
    pub drivers: Vec<Driver>,
    /// The toleranced parameters.
    pub parameters: Vec<Varied>,
}

/// Runs `spec` on `link` to the end.
pub fn run(link: &Link, spec: Spec) -> Result<Summary, LinkError> {
    let mc = MonteCarlo::new(link, spec)?;
    let tally = mc.run();
    Ok(mc.summary(&tally))
}
