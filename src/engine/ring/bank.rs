//! The design-mode rings of a link and what they do to each WDM channel.
//!
//! Assumptions (stated in `docs/ENGINE.md`, "Microrings"):
//! - Each ring element stands for a bank of identical rings, one per channel, ring j tuned to
//!   channel j's frequency f_j.
//! - Transmit bus (microring modulators): every channel passes every other channel's ring.
//! - Receive bus (drop rings): the rings sit in grid order, so channel k passes the rings of the
//!   channels 0 … k−1 dropped before it, then is dropped by its own.
//! - Crosstalk: every other channel j reaches channel k's drop port through the Lorentzian at
//!   the folded detuning f_j − f_k, at the same power as the victim (equal power per channel at
//!   the rings; tilt and per-channel losses are not weighed in). X_k = Σ_j Π_rings D(Δf)/D₀.

use super::{RingDesign, frequency_ghz, loss_db};
use crate::engine::chain::ChannelPosition;
use crate::model::Link;

/// The design-mode rings of a link, split by bus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingBank {
    /// Microring modulators (all-pass rings on the transmit bus).
    pub transmit: Vec<RingDesign>,
    /// Drop filters (add-drop rings on the receive bus).
    pub receive: Vec<RingDesign>,
}

/// What the rings do to one channel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelRings {
    /// Loss of passing the other channels' rings on both buses, dB.
    pub through_loss_db: f64,
    /// Crosstalk-to-signal ratio at the drop port from every aggressor (linear); `None` without
    /// design-mode drop rings.
    pub crosstalk_ratio: Option<f64>,
}

impl RingBank {
    /// The design-mode rings of `link` (empty when every ring is in datasheet mode).
    pub fn of(link: &Link) -> Self {
        let mut bank = Self::default();
        for ring in RingDesign::all(&link.elements) {
            match ring.port {
                super::Port::AllPass => bank.transmit.push(ring),
                super::Port::AddDrop => bank.receive.push(ring),
            }
        }
        bank
    }

    /// Whether the link has no design-mode ring.
    pub fn is_empty(&self) -> bool {
        self.transmit.is_empty() && self.receive.is_empty()
    }

    /// Through-loss of channel `k` past one ring bank, dB: Σ over the rings it passes of
    /// −10·log10 T(f_k − f_j) (transmit: all j ≠ k; receive: j < k), summed as one logarithm of
    /// the product of the T's.
    pub fn through_loss_db(ring: &RingDesign, positions: &[ChannelPosition], k: usize) -> f64 {
        let frequencies = frequencies_ghz(positions);
        Geometry::new(&frequencies, ring.fsr_ghz).through_loss_db(ring, k)
    }

    /// The free spectral ranges of the bank's rings, each once, GHz.
    fn fsrs_ghz(&self) -> Vec<f64> {
        let mut fsrs: Vec<f64> = Vec::with_capacity(1);
        for ring in self.transmit.iter().chain(&self.receive) {
            if !fsrs.contains(&ring.fsr_ghz) {
                fsrs.push(ring.fsr_ghz);
            }
        }
        fsrs
    }

    /// What the rings do to every channel of `positions`, computed once for all of them.
    pub fn effects(&self, positions: &[ChannelPosition]) -> RingEffects {
        if self.is_empty() {
            return RingEffects::default();
        }
        self.effects_on(&RingGeometry::new(positions, &self.fsrs_ghz()))
    }

    /// [`Self::effects`] on a grid whose geometry is already known (it must hold every FSR of
    /// the bank; [`RingGeometry::covers`]).
    pub(crate) fn effects_on(&self, geometry: &RingGeometry) -> RingEffects {
        if self.is_empty() {
            return RingEffects::default();
        }
        let n = geometry.frequencies.len();
        let of = |ring: &RingDesign| geometry.for_fsr(ring.fsr_ghz);
        let through = self
            .transmit
            .iter()
            .chain(&self.receive)
            .map(|ring| {
                let parts = match of(ring) {
                    Some(g) => g.through_all(ring),
                    None => vec![Through::Linear(1.0); n],
                };
                (ring.element, ring.port, parts)
            })
            .collect();
        let drops: Vec<(&RingDesign, &Geometry)> = self
            .receive
            .iter()
            .filter_map(|ring| of(ring).map(|g| (ring, g)))
            .collect();
        let crosstalk = (!self.receive.is_empty()).then(|| {
            (0..n)
                .map(|k| match drops.as_slice() {
                    // One drop bank (the usual case): Σ_j 1/(1 + x²) in one pass.
                    [(ring, geometry)] => geometry.crosstalk_ratio(ring.loaded_q, k),
                    _ => (0..n)
                        .filter(|&j| j != k)
                        .map(|j| {
                            drops
                                .iter()
                                .map(|(ring, g)| g.relative_drop(ring.loaded_q, j, k))
                                .product::<f64>()
                        })
                        .sum(),
                })
                .collect()
        });
        RingEffects { through, crosstalk }
    }

    /// [`Self::effects`] with the grid's geometry kept in `cache` between calls on the same
    /// grid and FSRs (sweeps over ring Q: the detunings do not change).
    pub(crate) fn effects_cached(
        &self,
        positions: &[ChannelPosition],
        cache: &mut Option<RingGeometry>,
    ) -> RingEffects {
        if self.is_empty() {
            return RingEffects::default();
        }
        let fsrs = self.fsrs_ghz();
        match cache {
            Some(g) if g.covers(positions, &fsrs) => {}
            _ => *cache = Some(RingGeometry::new(positions, &fsrs)),
        }
        match cache {
            Some(g) => self.effects_on(g),
            None => self.effects(positions),
        }
    }

    /// What the rings do to channel `k` of `positions` (for one channel; [`Self::effects`] for
    /// all).
    pub fn channel(&self, positions: &[ChannelPosition], k: usize) -> ChannelRings {
        self.effects(positions).channel(k)
    }
}

/// The optical frequencies of `positions`, GHz.
fn frequencies_ghz(positions: &[ChannelPosition]) -> Vec<f64> {
    positions
        .iter()
        .map(|p| frequency_ghz(p.wavelength_nm))
        .collect()
}

/// The detunings of a grid for every FSR of a bank's rings: what [`RingBank::effects`] needs
/// that does not depend on the rings' Q, kept between the points of a sweep over Q.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RingGeometry {
    /// The grid's frequencies, GHz.
    frequencies: Vec<f64>,
    /// One geometry per FSR.
    per_fsr: Vec<Geometry>,
}

impl RingGeometry {
    /// The geometry of the grid `positions` for rings of the free spectral ranges `fsrs_ghz`.
    pub(crate) fn new(positions: &[ChannelPosition], fsrs_ghz: &[f64]) -> Self {
        let frequencies = frequencies_ghz(positions);
        let per_fsr = fsrs_ghz
            .iter()
            .map(|&fsr| Geometry::new(&frequencies, fsr))
            .collect();
        Self {
            frequencies,
            per_fsr,
        }
    }

    /// Whether this is the geometry of the grid `positions` and holds every FSR of `fsrs_ghz`.
    fn covers(&self, positions: &[ChannelPosition], fsrs_ghz: &[f64]) -> bool {
        self.frequencies.len() == positions.len()
            && self
                .frequencies
                .iter()
                .zip(positions)
                .all(|(&f, p)| f == frequency_ghz(p.wavelength_nm))
            && fsrs_ghz.iter().all(|&fsr| self.for_fsr(fsr).is_some())
    }

    fn for_fsr(&self, fsr_ghz: f64) -> Option<&Geometry> {
        self.per_fsr.iter().find(|g| g.fsr_ghz == fsr_ghz)
    }
}

/// What every pair of channels needs of a grid, for rings of one FSR, independent of their Q:
/// the Lorentzian of channel k at the ring resonant on channel j is 1/(1 + x²) with
/// x = 2Δ/FWHM_j = Δ·2Q_L/f_j (Δ = f_k − f_j folded into ±FSR/2), so x² = Q_L²·c_j·Δ²_kj with
/// c_j = (2/f_j)² and Δ²_kj (symmetric: the folding rounds ties to even, an odd function).
#[derive(Clone, Debug, PartialEq)]
struct Geometry {
    /// The FSR the detunings were folded by, GHz.
    fsr_ghz: f64,
    /// Channel count n.
    n: usize,
    /// Δ²_kj at `k·n + j`, GHz² (0 on the diagonal).
    detuning2: Vec<f64>,
    /// c_j = (2/f_j)², 1/GHz².
    c: Vec<f64>,
}

/// Independent running products in [`Geometry::through`]: four chains instead of one let the
/// multiplications overlap (and vectorise) rather than wait on each other.
const LANES: usize = 4;

/// Bounds of each running product of [`Geometry::through`] within which the product of all
/// [`LANES`] of them stays far inside the range of an f64 (1e-280 … 1e280).
const LANE_RANGE: f64 = 1e70;

/// 2⁵² + 2⁵¹: adding and subtracting it rounds an |x| < 2⁵¹ to the nearest integer, ties to
/// even, in the default rounding mode (without a call to `round`).
const ROUNDER: f64 = 6_755_399_441_055_744.0;

impl Geometry {
    fn new(frequencies: &[f64], fsr_ghz: f64) -> Self {
        let n = frequencies.len();
        let (low, high) = frequencies
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &f| {
                (lo.min(f), hi.max(f))
            });
        // Whether some detuning on the grid exceeds ±FSR/2 and must be folded
        // ([`super::fold_detuning_ghz`]).
        let folds = fsr_ghz.is_finite() && fsr_ghz > 0.0 && high - low > 0.5 * fsr_ghz;
        let inverse_fsr = if folds { 1.0 / fsr_ghz } else { 0.0 };
        let mut detuning2 = vec![0.0; n * n];
        for (row, &f_k) in detuning2.chunks_exact_mut(n.max(1)).zip(frequencies) {
            for (slot, &f_j) in row.iter_mut().zip(frequencies) {
                let mut detuning = f_k - f_j;
                if folds {
                    let turns = (detuning * inverse_fsr + ROUNDER) - ROUNDER;
                    detuning -= fsr_ghz * turns;
                }
                *slot = detuning * detuning;
            }
        }
        let c: Vec<f64> = frequencies
            .iter()
            .map(|f| {
                let u = 2.0 / f;
                u * u
            })
            .collect();
        Self {
            fsr_ghz,
            n,
            detuning2,
            c,
        }
    }

    /// Σ over aggressors j ≠ k of D(Δf)/D₀ at the drop ring (loaded Q `q`) of channel `k`:
    /// x² = Q²·c_k·Δ²_kj (the aggressor's detuning at channel k's ring).
    fn crosstalk_ratio(&self, q: f64, k: usize) -> f64 {
        let Some(&c_k) = self.c.get(k) else {
            return 0.0;
        };
        let a = q * q * c_k;
        let mut sum = 0.0;
        for row in self.others(k) {
            // Two aggressors per division: 1/p + 1/q = (p + q)/(p·q), each p ≤ 1 + F².
            let mut pairs = row.chunks_exact(2);
            for pair in &mut pairs {
                let (p, q) = (1.0 + a * pair[0], 1.0 + a * pair[1]);
                sum += (p + q) / (p * q);
            }
            for &d2 in pairs.remainder() {
                sum += 1.0 / (1.0 + a * d2);
            }
        }
        sum
    }

    /// D(Δf)/D₀ of aggressor `j` at the drop ring (loaded Q `q`) of channel `k`.
    fn relative_drop(&self, q: f64, j: usize, k: usize) -> f64 {
        let (Some(&d2), Some(&c_k)) = (self.detuning2.get(k * self.n + j), self.c.get(k)) else {
            return 0.0;
        };
        1.0 / (1.0 + q * q * c_k * d2)
    }

    /// −10·log10 Π T over the rings of `ring`'s bank that channel `k` passes (see
    /// [`RingBank::through_loss_db`]), with T = 1 − (1 − T₀)/(1 + x²) = (d − (1 − T₀))/d,
    /// d = 1 + x² = 1 + Q_L²·c_j·Δ²_kj: numerators and denominators multiply apart (no
    /// division per ring) in [`LANES`] running products, each T floored at 1e-30 as
    /// [`loss_db`] floors it. Every folded detuning is at most FSR/2, so every d ≤ 1 + F² (F
    /// the finesse) and the products of one bus stay in range; where one would not (a huge
    /// finesse, a long bus, coinciding channels), the rings are summed one logarithm at a time
    /// instead.
    fn through_loss_db(&self, ring: &RingDesign, k: usize) -> f64 {
        self.through(ring, k).db()
    }

    /// [`Self::through`] of every channel, in grid order.
    fn through_all(&self, ring: &RingDesign) -> Vec<Through> {
        let (qc, peak) = (self.q2_c(ring), ring.peak_through());
        (0..self.n)
            .map(|k| self.through_at(ring.port, &qc, peak, k))
            .collect()
    }

    /// [`Self::through_loss_db`] before its logarithm where the product is in range.
    fn through(&self, ring: &RingDesign, k: usize) -> Through {
        if k >= self.n {
            return Through::Linear(1.0);
        }
        self.through_at(ring.port, &self.q2_c(ring), ring.peak_through(), k)
    }

    /// Q_L²·c_j of every ring j of `ring`'s bank (x² = this·Δ²_kj), 1/GHz².
    fn q2_c(&self, ring: &RingDesign) -> Vec<f64> {
        let q2 = ring.loaded_q * ring.loaded_q;
        self.c.iter().map(|c_j| q2 * c_j).collect()
    }

    /// [`Self::through`] with every ring's Q_L²·c_j (`qc`, [`Self::q2_c`]) and the peak
    /// transmission T₀ given (`k` < n).
    ///
    /// On the transmit bus the product runs over the whole row, channel k's own ring too
    /// (Δ² = 0: d = 1, its factor 1 − (1 − T₀)), and that factor is divided out: one straight
    /// pass instead of two around the diagonal.
    fn through_at(&self, port: super::Port, qc: &[f64], peak: f64, k: usize) -> Through {
        let (passed, own) = match port {
            super::Port::AllPass => (self.n, true),
            super::Port::AddDrop => (k, false),
        };
        let dip = 1.0 - peak;
        let row = &self.detuning2[k * self.n..k * self.n + passed];
        let qc = &qc[..passed];
        // (d − 1 + T₀)/d ≥ T₀ for d ≥ 1: with T₀ ≥ 1e-30 the floor never binds, and the rings
        // multiply in LANES running products.
        if peak >= 1e-30 {
            let (mut numerator, mut denominator) = ([1.0; LANES], [1.0; LANES]);
            multiply_lanes(&mut numerator, &mut denominator, row, qc, dip);
            let in_range = numerator.iter().all(|&x| x > 1.0 / LANE_RANGE)
                && denominator.iter().all(|&x| x < LANE_RANGE);
            if in_range {
                let mut n = numerator.iter().product::<f64>();
                if own {
                    n /= 1.0 - dip;
                }
                let d = denominator.iter().product::<f64>();
                return Through::Linear(n / d);
            }
        }
        let mut sum_db = 0.0;
        for (j, (d2, qc_j)) in row.iter().zip(qc).enumerate() {
            if j != k {
                let d = 1.0 + qc_j * d2;
                sum_db += loss_db(floored(d - dip, 1e-30 * d) / d);
            }
        }
        Through::Db(sum_db)
    }

    /// Row `k` of Δ² (`k` < n) without its diagonal: the detunings before and after it.
    fn others(&self, k: usize) -> [&[f64]; 2] {
        let row = &self.detuning2[k * self.n..(k + 1) * self.n];
        [&row[..k], &row[k + 1..]]
    }
}

/// Multiplies into [`LANES`] running products the numerators d − (1 − T₀) and denominators d,
/// d = 1 + qc_j·Δ²_j, of the rings with detunings² `d2s` and Q_L²·c_j `qcs`.
#[inline(always)]
fn multiply_lanes(
    numerator: &mut [f64; LANES],
    denominator: &mut [f64; LANES],
    d2s: &[f64],
    qcs: &[f64],
    dip: f64,
) {
    let len = d2s.len().min(qcs.len());
    let (d2_chunks, d2_rest) = d2s[..len].as_chunks::<LANES>();
    let (qc_chunks, qc_rest) = qcs[..len].as_chunks::<LANES>();
    for (d2, qc) in d2_chunks.iter().zip(qc_chunks) {
        for lane in 0..LANES {
            let d = 1.0 + qc[lane] * d2[lane];
            numerator[lane] *= d - dip;
            denominator[lane] *= d;
        }
    }
    for (lane, (d2, qc)) in d2_rest.iter().zip(qc_rest).enumerate() {
        let d = 1.0 + qc * d2;
        numerator[lane] *= d - dip;
        denominator[lane] *= d;
    }
}

/// `value`, or `floor` where it is below (a compare and a select: no NaN case, the inputs are
/// finite by validation).
#[inline(always)]
fn floored(value: f64, floor: f64) -> f64 {
    if value > floor { value } else { floor }
}

/// A channel's transmission past one bank of rings: linear where it is in range (the usual
/// case: one logarithm per channel for all banks together), or already in dB.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Through {
    /// Π T, within (1e-290, 1].
    Linear(f64),
    /// −10·log10 Π T, dB (a product that would leave the range of an f64).
    Db(f64),
}

impl Through {
    fn db(self) -> f64 {
        match self {
            Through::Linear(t) => loss_db(t),
            Through::Db(db) => db,
        }
    }
}

/// What the design-mode rings do to every channel of a grid ([`RingBank::effects`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingEffects {
    /// Per ring (transmit bank first): its element, coupling and every channel's transmission
    /// past it.
    through: Vec<(usize, super::Port, Vec<Through>)>,
    /// Every channel's crosstalk ratio at its drop port; `None` without design-mode drop rings.
    crosstalk: Option<Vec<f64>>,
}

impl RingEffects {
    /// Whether no design-mode ring acts.
    pub fn is_empty(&self) -> bool {
        self.through.is_empty()
    }

    /// Channel `k`'s through-loss past every bank, dB: one logarithm of the
    /// product of the transmissions while it stays above the 1e-30 floor of [`loss_db`] (below,
    /// each bank's own dB is added, floored as before).
    fn through_loss_db(&self, k: usize) -> f64 {
        let (mut product, mut sum_db) = (1.0, 0.0);
        for (_, _, parts) in &self.through {
            match parts.get(k) {
                Some(Through::Linear(t)) if product * t > 1e-30 => product *= t,
                Some(part) => sum_db += part.db(),
                None => {}
            }
        }
        sum_db + loss_db(product)
    }

    /// What the rings do to channel `k`.
    pub fn channel(&self, k: usize) -> ChannelRings {
        ChannelRings {
            through_loss_db: self.through_loss_db(k),
            crosstalk_ratio: self
                .crosstalk
                .as_ref()
                .map(|x| x.get(k).copied().unwrap_or(0.0)),
        }
    }

    /// Channel `k`'s through-loss past the rings of element `element`, dB (`None`: not a
    /// design-mode ring).
    pub fn through_db(&self, element: usize, k: usize) -> Option<f64> {
        self.through
            .iter()
            .find(|(e, _, _)| *e == element)
            .and_then(|(_, _, parts)| parts.get(k).map(|p| p.db()))
    }

    /// The largest through-loss any channel takes past the rings of `element`, dB.
    pub fn worst_through_db(&self, element: usize) -> Option<f64> {
        self.through
            .iter()
            .find(|(e, _, _)| *e == element)
            .map(|(_, _, parts)| {
                // The least transmission is the largest loss: one logarithm for the linear ones.
                let least = parts.iter().fold(1.0, |least, p| match p {
                    Through::Linear(t) => f64::min(least, *t),
                    Through::Db(_) => least,
                });
                parts.iter().fold(loss_db(least), |worst, p| match p {
                    Through::Db(db) => f64::max(worst, *db),
                    Through::Linear(_) => worst,
                })
            })
    }
}
