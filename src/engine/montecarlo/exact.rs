//! Exact yield of the linear margin model: no sampling, a stated numerical error.
//!
//! A lane's margin is its channel's nominal margin M_k plus one independent term per toleranced
//! parameter, e_i = g_i(δ_i) (−δ for a loss, +δ for the laser power, 10·log10(R/R₀) for a
//! noise-model responsivity; see [`super::Knob::shift`]). The terms fall in three groups by
//! scope: C (common to the chip), P (one per port) and L (one per lane), each the sum of its
//! terms, so its distribution is the convolution of theirs (Papoulis & Pillai, *Probability,
//! Random Variables and Stochastic Processes*, 4th ed., §6-2: the density of a sum of independent
//! variables is the convolution of their densities). With K channels, F fibers per port and N_p
//! ports, and S_L(x) = P(L ≥ x):
//!
//! - lane yield  = (1/K) Σ_k P(C + P + L ≥ t − M_k);
//! - port yield  = E_C[A(C)], A(c) = E_P[Π_k S_L(t − M_k − c − P)^F];
//! - chip yield  = E_C[A(C)^{N_p}] — ports are independent given the common draw, lanes given
//!   the common and port draws.
//!
//! Numerics: every term's distribution is put on one grid of step h by the exact probability of
//! each cell (j − ½)h < e ≤ (j + ½)h, i.e. the term rounded to the nearest grid point; the groups
//! are convolved by FFT (realfft); linear normal terms of one group are first merged into one
//! (a sum of independent normals is normal, σ² = Σσᵢ²). Rounding moves each term by at most h/2, so on every draw the
//! rounded lane margin is within n·h/2 of the true one (n terms); every yield, being monotone in
//! the target, is therefore bracketed by the rounded model's yields at t ± n·h/2 (plus the mass
//! cut from normal tails at ±8σ, 2·Q(8) ≈ 1.2e-15 per term). Those brackets are the stated error.
//! The central value smears each rounded sum by one cell (linear interpolation of the survival
//! function), which removes the rounding's first-order bias.
//! The power floor of received power ([`crate::units::Dbm::FLOOR`], far below any receiver) is
//! not modelled here.

use super::model::{Knob, MarginModel, Varied};
use super::table::{EffectTable, interpolate};
use crate::model::{Scope, Tolerance};
use realfft::RealFftPlanner;
use realfft::num_complex::Complex;
use serde::Serialize;
use statrs::function::erf::erfc;

/// Normal terms are cut at ±8σ: each loses 2·Q(8) = 1.2e-15 of its mass.
const NORMAL_CUT_SIGMAS: f64 = 8.0;
/// Mass cut per normal term: 2·Q(8) = erfc(8/√2).
const NORMAL_CUT_MASS: f64 = 1.244_192_114_854_357e-15;
/// A normal loss term whose floor at 0 is reached with at most this probability is merged with
/// the other normals as if linear (the probability joins the stated error).
const MERGE_FLOOR_MASS: f64 = 1e-6;
/// A linear normal term at least this many grid cells wide (σ/h) takes its closed-form spectrum
/// ([`normal_spectrum`]): the aliases it leaves out are below e^{−s²π²/2} = 10⁻¹³⁷.
const ANALYTIC_MIN_CELLS: f64 = 8.0;
/// Most grid points of the convolution.
const MAX_POINTS: usize = 1 << 15;
/// Grid points of the first, coarse convolution ([`exact_with`]).
const COARSE_POINTS: usize = 1 << 13;
/// A yield's bracket at most this wide is precise enough (0.01 percentage points; a default
/// Monte Carlo run's 95 % interval on a chip or port yield is wider): a coarse grid that reaches
/// it on every yield is kept, otherwise the convolution is run again on the finest grid.
pub const YIELD_TOLERANCE: f64 = 1e-4;
/// Finest grid step, dB: below this the rounding error is far under any part's spread.
const MIN_STEP_DB: f64 = 1e-4;
/// The responsivity ratio's floor ([`super::model`] caps the requirement's rise at 100 dB).
const MIN_RESPONSIVITY_RATIO: f64 = 1e-10;
/// Above this many products A(c) is correlated by FFT rather than summed directly.
const DIRECT_PRODUCTS: usize = 1 << 16;

/// How a term's deviation δ becomes its margin effect e.
#[derive(Clone, Copy, Debug)]
enum Map<'a> {
    /// e = δ (the laser power).
    Plus,
    /// e = −max(δ, −m): a loss never below 0, so e ≤ m.
    Minus { max_effect_db: f64 },
    /// e = 10·log10(max(1 + δ/R₀, 10⁻¹⁰)) (a noise-model responsivity).
    Log { nominal_a_per_w: f64 },
    /// A field tolerance's table (one envelope over the channels): e linear between the
    /// values at δ = lo + i·step, the end values beyond.
    Table {
        lo: f64,
        step: f64,
        values: &'a [f64],
    },
}

/// One term: its deviation's distribution and its map to a margin effect.
#[derive(Clone, Copy, Debug)]
struct Term<'a> {
    tolerance: Tolerance,
    map: Map<'a>,
}

/// Which envelope of a field's per-channel effects the terms take ([`EffectTable::envelopes`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Envelope {
    Low = 0,
    Mean = 1,
    High = 2,
}

impl<'a> Term<'a> {
    /// `envelopes`: per field tolerance, its tables' [low, mean, high] envelopes.
    fn of(
        v: &Varied,
        tables: &'a [EffectTable],
        envelopes: &'a [[Vec<f64>; 3]],
        which: Envelope,
    ) -> Option<Self> {
        if v.tolerance.size().0 <= 0.0 {
            return None;
        }
        let map = match v.knob {
            Knob::Field { table } => Map::Table {
                lo: tables.get(table)?.deviation(0),
                step: tables.get(table)?.step(),
                values: &envelopes.get(table)?[which as usize],
            },
            Knob::LaserPower => Map::Plus,
            Knob::Loss { min_loss_db, .. } => Map::Minus {
                max_effect_db: min_loss_db,
            },
            Knob::Responsivity {
                nominal_a_per_w,
                moves_requirement,
            } => {
                if !moves_requirement {
                    return None;
                }
                Map::Log { nominal_a_per_w }
            }
        };
        Some(Self {
            tolerance: v.tolerance,
            map,
        })
    }

    /// Half-width of the deviation's (cut) support.
    fn reach(&self) -> f64 {
        match self.tolerance {
            Tolerance::Uniform { half_width, .. } | Tolerance::Triangular { half_width, .. } => {
                half_width
            }
            Tolerance::Normal { sigma, .. } => NORMAL_CUT_SIGMAS * sigma,
        }
    }

    /// P(δ ≤ x): uniform, symmetric triangular, or normal ½·erfc(−x/(σ√2)).
    fn deviation_cdf(&self, x: f64) -> f64 {
        match self.tolerance {
            Tolerance::Uniform { half_width: w, .. } => ((x + w) / (2.0 * w)).clamp(0.0, 1.0),
            Tolerance::Triangular { half_width: w, .. } => {
                if x <= -w {
                    0.0
                } else if x <= 0.0 {
                    (x + w).powi(2) / (2.0 * w * w)
                } else if x < w {
                    1.0 - (w - x).powi(2) / (2.0 * w * w)
                } else {
                    1.0
                }
            }
            Tolerance::Normal { sigma, .. } => 0.5 * erfc(-x / (sigma * std::f64::consts::SQRT_2)),
        }
    }

    /// The effect of deviation δ, dB.
    fn effect(&self, delta: f64) -> f64 {
        match self.map {
            Map::Plus => delta,
            Map::Minus { max_effect_db } => (-delta).min(max_effect_db),
            Map::Log { nominal_a_per_w } => {
                10.0 * (1.0 + delta / nominal_a_per_w)
                    .max(MIN_RESPONSIVITY_RATIO)
                    .log10()
            }
            Map::Table { lo, step, values } => interpolate(lo, step, values, delta),
        }
    }

    /// The effect's range, dB (deviations within [`Term::reach`]).
    fn effect_range(&self) -> (f64, f64) {
        if let Map::Table { values, .. } = self.map {
            return values
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                    (a.min(v), b.max(v))
                });
        }
        let (a, b) = (self.effect(-self.reach()), self.effect(self.reach()));
        (a.min(b), a.max(b))
    }

    /// The deviation's CDF at a table's nodes (empty for a closed-form map), for
    /// [`Term::effect_cdf`].
    fn node_cdfs(&self) -> Vec<f64> {
        match self.map {
            Map::Table { lo, step, values } => (0..values.len())
                .map(|i| self.deviation_cdf(lo + i as f64 * step))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// P(e ≤ y): every closed-form map is monotone in δ; a table is linear on each interval, so
    /// the δ with e ≤ y on it form one sub-interval whose probability the deviation's CDF gives
    /// (`nodes`: [`Term::node_cdfs`]).
    fn effect_cdf(&self, y: f64, nodes: &[f64]) -> f64 {
        match self.map {
            Map::Table { lo, step, values } => {
                let mut p = 0.0;
                for (i, (pair, cdf)) in values.windows(2).zip(nodes.windows(2)).enumerate() {
                    let (a, b) = (pair[0], pair[1]);
                    let (left_cdf, right_cdf) = (cdf[0], cdf[1]);
                    p += if a <= y && b <= y {
                        right_cdf - left_cdf
                    } else if a > y && b > y {
                        0.0
                    } else {
                        // The one crossing of e = y on the interval.
                        let left = lo + i as f64 * step;
                        let cross = left + (y - a) / (b - a) * step;
                        let at = self.deviation_cdf(cross.clamp(left, left + step));
                        if b > a { at - left_cdf } else { right_cdf - at }
                    };
                }
                // Deviations beyond the table read its end values.
                if values.first().is_some_and(|&v| v <= y) {
                    p += nodes.first().copied().unwrap_or(0.0);
                }
                if values.last().is_some_and(|&v| v <= y) {
                    p += 1.0 - nodes.last().copied().unwrap_or(1.0);
                }
                p
            }
            Map::Plus => self.deviation_cdf(y),
            // e ≤ y ⇔ δ ≥ −y (for y < m); every δ gives e ≤ m.
            Map::Minus { max_effect_db } => {
                if y >= max_effect_db {
                    1.0
                } else {
                    1.0 - self.deviation_cdf(-y)
                }
            }
            Map::Log { nominal_a_per_w } => {
                if y < 10.0 * MIN_RESPONSIVITY_RATIO.log10() {
                    0.0
                } else {
                    self.deviation_cdf(nominal_a_per_w * (10f64.powf(y / 10.0) - 1.0))
                }
            }
        }
    }

    /// Mass lost by cutting the deviation's support.
    fn cut_mass(&self) -> f64 {
        match self.tolerance {
            Tolerance::Normal { .. } => NORMAL_CUT_MASS,
            _ => 0.0,
        }
    }
}

/// A distribution on the grid: mass of the point (offset + j)·h in `mass[j]`.
#[derive(Clone, Debug, Default)]
struct Lattice {
    offset: i64,
    mass: Vec<f64>,
}

impl Lattice {
    /// A point mass at 0 (no term).
    fn point() -> Self {
        Self {
            offset: 0,
            mass: vec![1.0],
        }
    }

    /// P(X ≥ x) of the rounded variable (a step function of x).
    fn survival_step(&self, tail: &[f64], x_cells: f64) -> f64 {
        // Smallest index j with (offset + j) ≥ x_cells.
        let j = (x_cells - self.offset as f64).ceil();
        if j <= 0.0 {
            1.0
        } else if j >= self.mass.len() as f64 {
            0.0
        } else {
            tail[j as usize]
        }
    }

    /// P(X + U ≥ x), U uniform on one cell (±½): linear between the cell edges.
    fn survival_smeared(&self, tail: &[f64], x_cells: f64) -> f64 {
        let t = x_cells - self.offset as f64 + 0.5;
        if t <= 0.0 {
            return 1.0;
        }
        let n = self.mass.len();
        if t >= n as f64 {
            return 0.0;
        }
        let j = t as usize;
        let frac = t - j as f64;
        tail[j] - frac * self.mass[j]
    }

    /// out[i] ×= P(X ≥ x − i) (stepped, or smeared as [`Lattice::survival_smeared`]) for every
    /// i: the cell index falls by one per step and the fraction stays, so no rounding per point.
    fn multiply_survivals(&self, tail: &[f64], x_cells: f64, smeared: bool, out: &mut [f64]) {
        let x = x_cells - self.offset as f64;
        // First cell index and the share of its mass below the point.
        let (first, frac) = if smeared {
            let t = (x + 0.5).floor();
            (t, x + 0.5 - t)
        } else {
            (x.ceil(), 0.0)
        };
        let n = self.mass.len() as i64;
        // Point i reads cell j = first − i: j ≥ n reads 0, j < 0 (stepped: j ≤ 0) reads 1.
        let first = first.clamp(-1.0, (n + out.len() as i64) as f64) as i64;
        let lowest_read = if smeared { 0 } else { 1 };
        let len = out.len() as i64;
        // i < first − n + 1: every cell above the lattice.
        let zero_until = (first - n + 1).clamp(0, len) as usize;
        out[..zero_until].fill(0.0);
        // first − n + 1 ≤ i ≤ first − lowest_read: inside; reading downwards from cell first − i.
        let inside_until = (first - lowest_read + 1).clamp(zero_until as i64, len) as usize;
        for (i, o) in out[zero_until..inside_until].iter_mut().enumerate() {
            let j = (first - (zero_until + i) as i64) as usize;
            *o *= (tail[j] - frac * self.mass[j]).clamp(0.0, 1.0);
        }
    }

    /// tail[j] = Σ_{i ≥ j} mass[i], with a trailing 0.
    fn tail(&self) -> Vec<f64> {
        let mut tail = vec![0.0; self.mass.len() + 1];
        for j in (0..self.mass.len()).rev() {
            tail[j] = tail[j + 1] + self.mass[j];
        }
        tail
    }
}

/// The exact (numerical) yields and lane-margin percentiles.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exact {
    /// Share of lanes with margin ≥ the target.
    pub lane_yield: f64,
    /// Bounds on it from the grid (the true value lies within).
    pub lane_yield_bounds: (f64, f64),
    /// Share of ports with every lane ≥ the target.
    pub port_yield: f64,
    /// Bounds on it.
    pub port_yield_bounds: (f64, f64),
    /// Share of chips with every lane ≥ the target.
    pub chip_yield: f64,
    /// Bounds on it.
    pub chip_yield_bounds: (f64, f64),
    /// 1st, 5th and 50th percentiles of the lane margin, dB.
    pub percentiles_db: [f64; 3],
    /// Grid step, dB.
    pub step_db: f64,
    /// Largest shift of a lane margin by the grid, n·h/2, plus the field tables' measured
    /// interpolation and interaction errors, dB.
    pub margin_error_db: f64,
    /// Terms convolved.
    pub terms: usize,
}

impl Exact {
    /// Whether every yield's bracket is at most `tolerance` wide.
    pub fn within(&self, tolerance: f64) -> bool {
        [
            self.lane_yield_bounds,
            self.port_yield_bounds,
            self.chip_yield_bounds,
        ]
        .iter()
        .all(|&(lo, hi)| hi - lo <= tolerance)
    }
}

/// The link's structure: K channels per fiber, F fibers per port, N_p ports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// Wavelengths per fiber.
    pub channels: usize,
    /// Fibers per port.
    pub fibers_per_port: u32,
    /// Ports per chip.
    pub ports: u32,
}

impl Layout {
    /// Lanes per port.
    pub fn lanes_per_port(&self) -> u64 {
        self.channels as u64 * u64::from(self.fibers_per_port)
    }

    /// Lanes per chip.
    pub fn lanes_per_chip(&self) -> u64 {
        self.lanes_per_port() * u64::from(self.ports)
    }
}

/// Channel spreads of a field's effect up to this are taken as one effect (the mean), the
/// spread joining the bracket; wider ones run the envelopes.
const SPREAD_AS_ERROR_DB: f64 = 1e-6;

/// The exact yields of `model` with the tolerances `varied` at `target_db`.
///
/// A field tolerance's effect may differ by channel ([`EffectTable`]); the convolution takes
/// one effect per term, so it is run with each table's lowest, mean and highest effect over the
/// channels: the lowest gives the lower bounds, the highest the upper bounds, the mean the
/// central values. Every table's measured interpolation error and the measured interaction
/// between tables widen the bracket like the grid's rounding (added to `margin_error_db`).
pub fn exact(model: &MarginModel, varied: &[Varied], layout: Layout, target_db: f64) -> Exact {
    let envelopes: Vec<[Vec<f64>; 3]> = model.tables.iter().map(EffectTable::envelopes).collect();
    let spread = model
        .tables
        .iter()
        .any(|t| t.channel_spread_db > SPREAD_AS_ERROR_DB);
    // A table's mean effect is within half its channel spread of every channel's.
    let table_error_db = model
        .tables
        .iter()
        .map(|t| {
            t.interpolation_error_db
                + if spread {
                    0.0
                } else {
                    t.channel_spread_db / 2.0
                }
        })
        .sum::<f64>()
        + model.interaction_error_db;
    let run = |which: Envelope| {
        let terms: Vec<(Scope, Term)> = varied
            .iter()
            .filter_map(|v| {
                Term::of(v, &model.tables, &envelopes, which).map(|t| (v.tolerance.scope(), t))
            })
            .collect();
        exact_with(model, terms, layout, target_db, table_error_db)
    };
    if !spread {
        return run(Envelope::Mean);
    }
    let (low, (mean, high)) = both(
        || run(Envelope::Low),
        || both(|| run(Envelope::Mean), || run(Envelope::High)),
    );
    Exact {
        lane_yield_bounds: (low.lane_yield_bounds.0, high.lane_yield_bounds.1),
        port_yield_bounds: (low.port_yield_bounds.0, high.port_yield_bounds.1),
        chip_yield_bounds: (low.chip_yield_bounds.0, high.chip_yield_bounds.1),
        ..mean
    }
}

/// `f` of every item: across the cores with the `parallel` feature, else in order.
#[cfg(feature = "parallel")]
fn each<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(f).collect()
}

/// `f` of every item: across the cores with the `parallel` feature, else in order.
#[cfg(not(feature = "parallel"))]
fn each<T, R>(items: &[T], f: impl Fn(&T) -> R) -> Vec<R> {
    items.iter().map(f).collect()
}

/// `(a(), b())`: on two cores with the `parallel` feature, else in order.
#[cfg(feature = "parallel")]
fn both<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    rayon::join(a, b)
}

/// `(a(), b())`: on two cores with the `parallel` feature, else in order.
#[cfg(not(feature = "parallel"))]
fn both<A, B>(a: impl FnOnce() -> A, b: impl FnOnce() -> B) -> (A, B) {
    (a(), b())
}

/// Each thread's FFT planner (it keeps its plans and their twiddle factors between calls) and
/// buffers (reused: a fresh buffer per transform costs its page faults).
#[derive(Default)]
struct Work {
    planner: RealFftPlanner<f64>,
    real: Vec<f64>,
    scratch: Vec<Complex<f64>>,
}

thread_local! {
    static WORK: std::cell::RefCell<Work> = std::cell::RefCell::new(Work::default());
}

/// The spectrum (forward real FFT of `points` values) of the values `fill` writes into a zeroed
/// buffer; a transform that fails (impossible for buffers of the planned length) gives 1, a point
/// mass at 0.
fn spectrum_of(points: usize, fill: impl FnOnce(&mut [f64])) -> Vec<Complex<f64>> {
    WORK.with(|w| {
        let w = &mut *w.borrow_mut();
        let forward = w.planner.plan_fft_forward(points);
        w.real.clear();
        w.real.resize(points, 0.0);
        fill(&mut w.real);
        w.scratch
            .resize(forward.get_scratch_len(), Complex::new(0.0, 0.0));
        let mut out = forward.make_output_vec();
        if forward
            .process_with_scratch(&mut w.real, &mut out, &mut w.scratch)
            .is_err()
        {
            out.fill(Complex::new(1.0, 0.0));
        }
        out
    })
}

/// The spectrum (as [`spectrum_of`] gives it) of a zero-mean normal of `sigma_cells` grid
/// cells, rounded to the grid and placed from cell `lo`: with p_j = P(j − ½ < X ≤ j + ½),
/// Σ_j p_j·e^{−iωj} = Σ_k ĝ(ω + 2πk)·sinc((ω + 2πk)/2) by Poisson's summation formula, ĝ(ω) =
/// e^{−s²ω²/2} (E. M. Stein and R. Shakarchi, *Fourier Analysis*, Princeton 2003, chapter 5,
/// Poisson summation formula); for |ω| ≤ π and s ≥ [`ANALYTIC_MIN_CELLS`] every k ≠ 0 term is
/// below e^{−s²π²/2} < 10⁻¹³⁷, so X_m = e^{iω_m·lo}·e^{−s²ω_m²/2}·sinc(ω_m/2), ω_m = 2πm/N. The
/// bins where e^{−s²ω²/2} underflows are zero; the tails beyond the grid's ±8σ wrap as for a
/// tabulated term (within [`NORMAL_CUT_MASS`]).
fn normal_spectrum(points: usize, lo: i64, sigma_cells: f64) -> Vec<Complex<f64>> {
    let mut out = vec![Complex::new(0.0, 0.0); points / 2 + 1];
    let n = points as i64;
    let step = std::f64::consts::TAU / points as f64;
    for (m, x) in out.iter_mut().enumerate() {
        let omega = step * m as f64;
        let exponent = 0.5 * (sigma_cells * omega).powi(2);
        if exponent > 745.0 {
            break;
        }
        let sinc = if m == 0 {
            1.0
        } else {
            (omega / 2.0).sin() / (omega / 2.0)
        };
        // e^{iω·lo} with the angle reduced exactly: ω·lo = 2π·((m·lo) mod N)/N.
        let turns = (m as i64 * lo).rem_euclid(n) as f64;
        let (sin, cos) = (step * turns).sin_cos();
        *x = Complex::new(cos, sin) * ((-exponent).exp() * sinc);
    }
    out
}

/// The `points` real values (inverse FFT, scaled by 1/points) of `spectrum`, passed to `read`.
fn values_of<R>(
    points: usize,
    mut spectrum: Vec<Complex<f64>>,
    read: impl FnOnce(Option<&[f64]>) -> R,
) -> R {
    WORK.with(|w| {
        let w = &mut *w.borrow_mut();
        let inverse = w.planner.plan_fft_inverse(points);
        w.real.clear();
        w.real.resize(points, 0.0);
        w.scratch
            .resize(inverse.get_scratch_len(), Complex::new(0.0, 0.0));
        let ok = inverse
            .process_with_scratch(&mut spectrum, &mut w.real, &mut w.scratch)
            .is_ok();
        let scale = 1.0 / points as f64;
        w.real.iter_mut().for_each(|x| *x *= scale);
        read(ok.then_some(&w.real[..]))
    })
}

/// [`exact`] of the terms `terms`; `table_error_db` widens the bracket. The convolution runs
/// first on a grid of at most [`COARSE_POINTS`] points; if a yield's bracket is wider than
/// [`YIELD_TOLERANCE`] there (a large chip's yield moves fast with the margin), it runs again
/// on the finest grid of [`MAX_POINTS`].
fn exact_with(
    model: &MarginModel,
    terms: Vec<(Scope, Term)>,
    layout: Layout,
    target_db: f64,
    table_error_db: f64,
) -> Exact {
    let (terms, floor_mass) = merge_normals(terms);
    let run = |max_points| {
        exact_on(
            model,
            &terms,
            floor_mass,
            layout,
            target_db,
            table_error_db,
            max_points,
        )
    };
    let coarse = run(COARSE_POINTS);
    if coarse.within(YIELD_TOLERANCE) || coarse.step_db <= MIN_STEP_DB {
        return coarse;
    }
    run(MAX_POINTS)
}

/// [`exact_with`] on a grid of at most `max_points` points.
fn exact_on(
    model: &MarginModel,
    terms: &[(Scope, Term)],
    floor_mass: f64,
    layout: Layout,
    target_db: f64,
    table_error_db: f64,
    max_points: usize,
) -> Exact {
    let margins = model.channel_margins_db();
    let ranges: Vec<(f64, f64)> = terms.iter().map(|(_, t)| t.effect_range()).collect();
    let span: f64 = ranges.iter().map(|(a, b)| b - a).sum();
    let step_db = (span / (max_points - 8 - 2 * terms.len()) as f64).max(MIN_STEP_DB);
    // Each term occupies its cells plus one at each end; the sum, their total.
    let cells: Vec<(i64, i64)> = ranges
        .iter()
        .map(|&(a, b)| ((a / step_db).round() as i64, (b / step_db).round() as i64))
        .collect();
    let total: usize = cells
        .iter()
        .map(|(a, b)| (b - a + 1) as usize)
        .sum::<usize>()
        + 1;
    let points = total.next_power_of_two().max(64);

    // Each term's cell masses and their spectrum (the terms across the cores).
    let jobs: Vec<(&Term, (i64, i64))> = terms.iter().map(|(_, t)| t).zip(cells).collect();
    let spectra = each(&jobs, |&(term, (lo, hi))| {
        // A linear normal term wide on the grid has a closed-form spectrum.
        if let (Map::Plus, Tolerance::Normal { sigma, .. }) = (term.map, term.tolerance)
            && sigma / step_db >= ANALYTIC_MIN_CELLS
        {
            return normal_spectrum(points, lo, sigma / step_db);
        }
        let nodes = term.node_cdfs();
        spectrum_of(points, |buffer| {
            let mut below = term.effect_cdf((lo as f64 - 0.5) * step_db, &nodes);
            for j in lo..=hi {
                let upper = if j == hi {
                    1.0
                } else {
                    term.effect_cdf((j as f64 + 0.5) * step_db, &nodes)
                };
                buffer[(j - lo) as usize] = (upper - below).max(0.0);
                below = upper;
            }
        })
    });
    // Each scope group's spectrum (the product of its terms'), offset and whether it has a term.
    let mut group: [Option<Vec<Complex<f64>>>; 3] = [None, None, None];
    let mut offsets = [0i64; 3];
    let mut cut_mass = 0.0;
    for (((scope, term), (_, (lo, _))), spectrum) in terms.iter().zip(&jobs).zip(spectra) {
        cut_mass += term.cut_mass();
        let g = scope_index(*scope);
        offsets[g] += lo;
        group[g] = Some(match group[g].take() {
            None => spectrum,
            Some(mut product) => {
                product.iter_mut().zip(&spectrum).for_each(|(a, b)| *a *= b);
                product
            }
        });
    }
    // An inverse transform's values carry round-off up to about ε·log2(N) (the masses sum to
    // 1; J. C. Schatzman, "Accuracy of the discrete Fourier transform and the fast Fourier
    // transform", SIAM J. Sci. Comput. 17(5), 1150 (1996)): values below that level at either
    // end are noise and are trimmed. At most N·ε·log2(N) of mass goes per lattice, added to
    // the bracket below.
    let round_off = f64::EPSILON * (points as f64).log2();
    let back = |spectrum: Vec<Complex<f64>>, offset: i64| -> Lattice {
        values_of(points, spectrum, |values| {
            let Some(values) = values else {
                return Lattice::point();
            };
            let last = values.iter().rposition(|&m| m > round_off).unwrap_or(0);
            let first = values[..=last]
                .iter()
                .position(|&m| m > round_off)
                .unwrap_or(0);
            Lattice {
                offset: offset + first as i64,
                mass: values[first..=last].iter().map(|m| m.max(0.0)).collect(),
            }
        })
    };
    // The sum of every term: the product of the groups' spectra (one group's own, if alone).
    let present: Vec<&Vec<Complex<f64>>> = group.iter().flatten().collect();
    let all_spec: Option<Vec<Complex<f64>>> = match present.as_slice() {
        [] | [_] => None,
        [first, rest @ ..] => Some(rest.iter().fold((*first).clone(), |mut acc, s| {
            acc.iter_mut().zip(s.iter()).for_each(|(a, b)| *a *= b);
            acc
        })),
    };
    // The groups' and the sum's lattices (the transforms across the cores); an empty group is
    // a point mass at 0.
    let alone = group.iter().position(Option::is_some);
    let [c_spec, p_spec, l_spec] = group;
    let lattice = |spec: Option<Vec<Complex<f64>>>, g: usize| {
        spec.map_or_else(Lattice::point, |s| back(s, offsets[g]))
    };
    let ((common, port), (lane, sum)) = both(
        || both(|| lattice(c_spec, 0), || lattice(p_spec, 1)),
        || {
            both(
                || lattice(l_spec, 2),
                || all_spec.map(|s| back(s, offsets.iter().sum())),
            )
        },
    );
    let all = match (sum, alone) {
        (Some(sum), _) => sum,
        (None, Some(0)) => common.clone(),
        (None, Some(1)) => port.clone(),
        (None, Some(_)) => lane.clone(),
        (None, None) => Lattice::point(),
    };
    let n = terms.len() as f64;
    let margin_error_db = n * step_db / 2.0 + table_error_db;
    // Cut tails, plus the transforms' round-off (≲ ε·log2(N) per point, N points) and the
    // masses trimmed as round-off from each of the (at most three) lattices a yield reads.
    let slack = cut_mass + floor_mass + 4.0 * points as f64 * round_off;
    let h = step_db;
    let lane_tail = lane.tail();
    let all_tail = all.tail();
    let k = margins.len().max(1) as f64;
    let margins_cells: Vec<f64> = margins.iter().map(|m| m / h).collect();

    // Lane yield: (1/K) Σ_k P(T ≥ t − M_k), T the sum of every term.
    let lane_at = |t: f64, smeared: bool| -> f64 {
        margins
            .iter()
            .map(|m| {
                let x = (t - m) / h;
                if smeared {
                    all.survival_smeared(&all_tail, x)
                } else {
                    all.survival_step(&all_tail, x)
                }
            })
            .sum::<f64>()
            / k
    };
    // Port and chip yields at `t`.
    let chip_at = |t: f64, smeared: bool| -> (f64, f64) {
        port_and_chip(
            &common,
            &port,
            (&lane, &lane_tail),
            &margins_cells,
            layout,
            t / h,
            smeared,
        )
    };
    let lane_yield = lane_at(target_db, true).clamp(0.0, 1.0);
    let hi = target_db - margin_error_db;
    let lo = target_db + margin_error_db;
    // The central value and the bounds (across the cores).
    let ((port_yield, chip_yield), ((port_hi, chip_hi), (port_lo, chip_lo))) = both(
        || chip_at(target_db, true),
        || both(|| chip_at(hi, false), || chip_at(lo, false)),
    );
    let bounds = |a: f64, b: f64| ((a - slack).max(0.0), (b + slack).min(1.0));

    // Percentiles of the lane margin: F(m) = 1 − (1/K) Σ_k P(T ≥ m − M_k), by bisection.
    let percentile = |p: f64| -> f64 {
        let (min_m, max_m) = margins
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &m| {
                (a.min(m), b.max(m))
            });
        let mut a = min_m + (all.offset as f64 - 1.0) * h;
        let mut b = max_m + (all.offset as f64 + all.mass.len() as f64 + 1.0) * h;
        if !(a.is_finite() && b.is_finite()) {
            return 0.0;
        }
        for _ in 0..80 {
            let mid = 0.5 * (a + b);
            if 1.0 - lane_at(mid, true) < p {
                a = mid;
            } else {
                b = mid;
            }
        }
        0.5 * (a + b)
    };
    Exact {
        lane_yield,
        lane_yield_bounds: bounds(lane_at(lo, false), lane_at(hi, false)),
        port_yield: port_yield.clamp(0.0, 1.0),
        port_yield_bounds: bounds(port_lo, port_hi),
        chip_yield: chip_yield.clamp(0.0, 1.0),
        chip_yield_bounds: bounds(chip_lo, chip_hi),
        percentiles_db: [percentile(0.01), percentile(0.05), percentile(0.5)],
        step_db,
        margin_error_db,
        terms: terms.len(),
    }
}

/// The terms with every linear normal term of a scope replaced by one: a sum of independent
/// normals is normal with σ² = Σσᵢ² (Papoulis & Pillai, §6-2), so the merge is exact, and fewer
/// rounded terms mean fewer transforms and a tighter bracket. Linear: the laser power, or a loss
/// whose floor at 0 is reached with probability ≤ [`MERGE_FLOOR_MASS`]; the sum of those
/// probabilities is returned and widens the bracket.
fn merge_normals(terms: Vec<(Scope, Term)>) -> (Vec<(Scope, Term)>, f64) {
    let mut variance = [0.0f64; 3];
    let mut out = Vec::with_capacity(terms.len());
    let mut floor_mass = 0.0;
    for (scope, term) in terms {
        // How often the term is not linear: P(δ < −m) for a loss with its floor at 0.
        let bent = match (term.map, term.tolerance) {
            (Map::Plus, _) => Some(0.0),
            (Map::Minus { max_effect_db }, Tolerance::Normal { .. }) => {
                Some(term.deviation_cdf(-max_effect_db)).filter(|&p| p <= MERGE_FLOOR_MASS)
            }
            _ => None,
        };
        match (term.tolerance, bent) {
            (Tolerance::Normal { sigma, .. }, Some(p)) => {
                variance[scope_index(scope)] += sigma * sigma;
                floor_mass += p;
            }
            _ => out.push((scope, term)),
        }
    }
    for (scope, v) in Scope::ALL.into_iter().zip(variance) {
        if v > 0.0 {
            out.push((
                scope,
                Term {
                    tolerance: Tolerance::normal(v.sqrt()),
                    map: Map::Plus,
                },
            ));
        }
    }
    (out, floor_mass)
}

/// Index of a scope's group: 0 common, 1 port, 2 lane.
fn scope_index(scope: Scope) -> usize {
    match scope {
        Scope::Common => 0,
        Scope::Port => 1,
        Scope::Lane => 2,
    }
}

/// (port yield, chip yield) at target `t_cells`, nominal margins `margins_cells` (in grid cells):
/// with v = c + u the chip's and port's draws, Q(v) = Π_k S_L(t − M_k − v)^F, A(c) = Σ_u p_P(u)·Q(c + u), port = Σ_c
/// p_C(c)·A(c), chip = Σ_c p_C(c)·A(c)^{N_p}.
#[allow(clippy::too_many_arguments)]
fn port_and_chip(
    common: &Lattice,
    port: &Lattice,
    (lane, lane_tail): (&Lattice, &[f64]),
    margins_cells: &[f64],
    layout: Layout,
    t_cells: f64,
    smeared: bool,
) -> (f64, f64) {
    let v0 = common.offset + port.offset;
    let nv = common.mass.len() + port.mass.len() - 1;
    let fibers = i32::try_from(layout.fibers_per_port).unwrap_or(i32::MAX);
    // Q(v) for v = v0, v0 + 1, …: each channel's survival read along the lane's tail.
    let mut q = vec![1.0; nv];
    for m in margins_cells {
        lane.multiply_survivals(lane_tail, t_cells - m - v0 as f64, smeared, &mut q);
    }
    if fibers != 1 {
        q.iter_mut().for_each(|x| *x = power(*x, fibers));
    }
    let a = correlate(&q, &port.mass, common.mass.len());
    let ports = i32::try_from(layout.ports).unwrap_or(i32::MAX);
    let (mut port_yield, mut chip_yield) = (0.0, 0.0);
    for (&pc, &a) in common.mass.iter().zip(&a) {
        let a = a.clamp(0.0, 1.0);
        port_yield += pc * a;
        chip_yield += pc * power(a, ports);
    }
    (port_yield, chip_yield)
}

/// xⁿ by repeated squaring (n ≥ 0; `f64::powi` is a library call on this target).
fn power(x: f64, n: i32) -> f64 {
    let (mut result, mut base, mut n) = (1.0, x, n.max(0));
    while n > 0 {
        if n & 1 == 1 {
            result *= base;
        }
        base *= base;
        n >>= 1;
    }
    result
}

/// A[c] = Σ_u p[u]·q[c + u] for c in 0..count (q has count + p.len() − 1 values): directly, or
/// for long inputs as a convolution of q with p reversed by FFT.
fn correlate(q: &[f64], p: &[f64], count: usize) -> Vec<f64> {
    if count * p.len() <= DIRECT_PRODUCTS {
        return (0..count)
            .map(|c| p.iter().zip(&q[c..]).map(|(pu, qv)| pu * qv).sum())
            .collect();
    }
    let n = (q.len() + p.len()).next_power_of_two();
    let mut product = spectrum_of(n, |buffer| buffer[..q.len()].copy_from_slice(q));
    let reversed = spectrum_of(n, |buffer| {
        for (slot, &v) in buffer.iter_mut().zip(p.iter().rev()) {
            *slot = v;
        }
    });
    product.iter_mut().zip(&reversed).for_each(|(a, b)| *a *= b);
    // (q ⊛ reverse(p))[c + len(p) − 1] = Σ_u p[u]·q[c + u].
    values_of(n, product, |out| match out {
        Some(out) => (0..count).map(|c| out[c + p.len() - 1]).collect(),
        None => vec![0.0; count],
    })
}
