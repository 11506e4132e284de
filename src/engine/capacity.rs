//! Bit-rate capacity: the highest rate at zero margin (noise, ISI and dispersion together), the
//! limit that binds, and the Shannon bound of the same channel.

use super::bandwidth::{self, ChannelLaw, ChannelRise, Response};
use super::budget;
use super::isi_near::tangent_or_exact;
use super::noise::Noise;
use super::penalties::UNREACHABLE_PENALTY_DB;
use super::roots::{Weight, root_from};
use super::{ber, extinction_ratio_db, fec, receiver};
use crate::model::{Link, Sensitivity};
use crate::units::{Db, Dbm, ten_log10};
use serde::Serialize;
use std::cell::Cell;

/// The lowest rate the capacity search considers, Gb/s; a link that does not close here has
/// capacity 0.
pub const MIN_RATE_SEARCH_GBPS: f64 = 1e-3;
/// The highest rate the capacity search considers, Gb/s (100 Tb/s per lane).
pub const MAX_RATE_SEARCH_GBPS: f64 = 1e5;

/// Shannon capacity of an AWGN channel, C = B·log2(1 + SNR) (C. E. Shannon, "A Mathematical
/// Theory of Communication", BSTJ 27 (1948), Theorem 17). In Gb/s for B in GHz. For an IM/DD link
/// this is an upper bound on the electrical channel, not an achievable IM/DD rate.
pub fn shannon_capacity_gbps(bandwidth_ghz: f64, snr_linear: f64) -> f64 {
    bandwidth_ghz * (1.0 + snr_linear.max(0.0)).log2()
}

/// The highest rate at which `margin_db(rate)` ≥ 0, given that the margin falls with rate.
/// Returns (rate, capped): 0 if even [`MIN_RATE_SEARCH_GBPS`] fails, and
/// ([`MAX_RATE_SEARCH_GBPS`], true) if that still closes.
///
/// `margin_db` must be a function of the rate alone: a margin it returned once is reused.
///
/// `guess` seeds the bracket: for a white-noise receiver the required power grows as √rate, so
/// rate_max ≈ rate·10^(margin/5).
pub fn max_rate_gbps(margin_db: impl FnMut(f64) -> f64, guess_gbps: f64) -> (f64, bool) {
    max_rate_near(margin_db, guess_gbps, 0.2)
}

/// [`max_rate_gbps`] with the first bracket ln(guess) ± `half_width`: a narrower one saves
/// receiver solves when the guess is good.
pub(crate) fn max_rate_near(
    margin_db: impl FnMut(f64) -> f64,
    guess_gbps: f64,
    half_width: f64,
) -> (f64, bool) {
    max_rate_widening(margin_db, guess_gbps, half_width, WIDEST_STEP)
}

/// The largest step, in ln(rate), by which a first bracket that missed the root widens (×4).
const WIDEST_STEP: f64 = 1.4;

/// [`max_rate_near`] whose first bracket, if it misses, widens in steps of `first_step` in
/// ln(rate), ×4 each time up to [`WIDEST_STEP`]: a curve's searches, seeded close to the root,
/// stay in a narrow bracket when they miss it by little.
pub(crate) fn max_rate_widening(
    mut margin_db: impl FnMut(f64) -> f64,
    guess_gbps: f64,
    half_width: f64,
    first_step: f64,
) -> (f64, bool) {
    let f = |ln_rate: f64, m: &mut dyn FnMut(f64) -> f64| m(ln_rate.exp());
    let lo_limit = MIN_RATE_SEARCH_GBPS.ln();
    let hi_limit = MAX_RATE_SEARCH_GBPS.ln();
    let guess = guess_gbps
        .clamp(MIN_RATE_SEARCH_GBPS, MAX_RATE_SEARCH_GBPS)
        .ln();
    // Bracket around the guess, widening until the sign changes or a limit is hit. Each
    // margin is a receiver solve, so a bound that moves keeps its known margin.
    let (mut lo, mut hi) = (
        (guess - half_width).max(lo_limit),
        (guess + half_width).min(hi_limit),
    );
    let mut step = first_step.min(WIDEST_STEP);
    let mut f_lo = f(lo, &mut margin_db);
    let mut known_f_hi = None;
    while f_lo < 0.0 {
        if lo <= lo_limit {
            return (0.0, false);
        }
        (hi, known_f_hi) = (lo, Some(f_lo));
        lo = (lo - step).max(lo_limit);
        step = (4.0 * step).min(WIDEST_STEP);
        f_lo = f(lo, &mut margin_db);
    }
    let mut f_hi = known_f_hi.unwrap_or_else(|| f(hi, &mut margin_db));
    while f_hi >= 0.0 {
        if hi >= hi_limit {
            return (MAX_RATE_SEARCH_GBPS, true);
        }
        (lo, f_lo) = (hi, f_hi);
        hi = (hi + step).min(hi_limit);
        step = (4.0 * step).min(WIDEST_STEP);
        f_hi = f(hi, &mut margin_db);
    }
    let ln_rate = root_from(
        Weight::AndersonBjorck,
        |x| margin_db(x.exp()),
        (lo, f_lo),
        (hi, f_hi),
        1e-9,
        1e-7,
    );
    (ln_rate.exp(), false)
}

/// What bounds a lane's rate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityLimits {
    /// The maximum rate with ISI left out: receiver noise alone, Gb/s.
    pub noise_gbps: f64,
    /// The rate at which the parts' rise time (source, modulator, driver, rings, photodiode,
    /// TIA) alone fills the rise-time allowance, Gb/s; `None`: no part limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bandwidth_gbps: Option<f64>,
    /// The rate at which dispersion (chromatic and modal) alone fills the allowance on the most
    /// dispersed channel, Gb/s; `None`: no fiber.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispersion_gbps: Option<f64>,
}

/// The capacity search's result.
#[derive(Clone, Debug, PartialEq)]
pub struct Capacity {
    /// Highest rate at which every channel of the lane keeps margin ≥ 0, Gb/s.
    pub max_bit_rate_gbps: f64,
    /// True when the search ceiling was reached.
    pub capped: bool,
    /// What binds: "noise", "bandwidth" or "dispersion".
    pub limit: &'static str,
}

/// The channels of a lane as the capacity search sees them.
#[derive(Clone, Debug)]
pub(crate) struct Lane<'a> {
    link: &'a Link,
    response: &'a Response,
    /// (effective power received − crosstalk − allocations, wavelength in nm) of the channels
    /// that can bind: those no other channel beats on both power and dispersion.
    channels: Vec<(Dbm, f64)>,
    /// Each channel's rate-independent rise time (dispersion, modal), in `channels`' order.
    laws: Vec<ChannelLaw>,
    q_target: f64,
    er: f64,
    /// The receiver's noise at any rate.
    noise: receiver::NoiseLaw,
    /// A fiber's length replaced (chain index, km), for length sweeps.
    length_override: Option<(usize, f64)>,
    /// The required power tabulated over the search range, for the many searches of a curve.
    table: Option<std::rc::Rc<RequiredTable>>,
    /// The last few receiver solves, (rate, dBm; NaN at a BER floor): the searches ask for some
    /// rates twice (the operating rate, the maximum found).
    solved: Cell<[(f64, f64); SOLVED]>,
    /// Where the next solve goes in `solved`.
    next_solved: Cell<usize>,
    /// The last [`Self::margin`] with ISI, (rate, margin, binding channel): the search checks
    /// its root with it and [`Self::capacity_from`] asks again at the same rate.
    last_isi_margin: Cell<(f64, f64, usize)>,
}

/// A channel other than the one solved binds the lane only if its margin at that root is
/// lower by more than this, dB (the root's own margin is zero to the search's tolerance).
const ROOT_MARGIN_TOLERANCE_DB: f64 = 1e-9;

/// How many receiver solves a [`Lane`] remembers.
const SOLVED: usize = 4;

/// The power the receiver needs, tabulated on a log grid of rates (dBm; NaN at a BER floor) and
/// interpolated linearly in ln(rate). The requirement is smooth in ln(rate) (about 5 dB per
/// decade), so 512 points over the 8 decades of the search keep the interpolation error far
/// below a plot's resolution; only curves use it, never a reported number.
///
/// Each grid point is solved the first time an interpolation needs it (a curve's searches stay
/// within a decade or two of its rates), to the same value a full table would hold.
#[derive(Debug)]
struct RequiredTable {
    ln_low: f64,
    step: f64,
    /// The solved grid points (`None`: not solved yet).
    dbm: Vec<Cell<Option<f64>>>,
}

impl RequiredTable {
    const POINTS: usize = 512;

    /// The table over the search range, nothing solved yet.
    fn new() -> Self {
        let ln_low = MIN_RATE_SEARCH_GBPS.ln();
        Self {
            ln_low,
            step: (MAX_RATE_SEARCH_GBPS.ln() - ln_low) / (Self::POINTS - 1) as f64,
            dbm: vec![Cell::new(None); Self::POINTS],
        }
    }

    /// Grid point `i`, dBm (NaN at a BER floor), solved with `solve` the first time.
    fn point(&self, i: usize, solve: impl Fn(f64) -> Option<Dbm>) -> f64 {
        if let Some(dbm) = self.dbm[i].get() {
            return dbm;
        }
        let rate = (self.ln_low + self.step * i as f64)
            .exp()
            .min(MAX_RATE_SEARCH_GBPS);
        let dbm = solve(rate).map_or(f64::NAN, |d| d.0);
        self.dbm[i].set(Some(dbm));
        dbm
    }

    /// The highest rate whose interpolated requirement is at most `dbm`, and whether that is
    /// the top of the search range: the root a search of `dbm` − requirement would converge to,
    /// found exactly. The requirement rises with the rate, so the last grid point that meets
    /// `dbm` is found by bisection, and the rate inside the next segment by inverting its
    /// straight line (a BER floor at its far end: the grid point itself).
    fn max_rate(&self, dbm: f64, solve: impl Fn(f64) -> Option<Dbm>) -> (f64, bool) {
        let meets = |i: usize| self.point(i, &solve) <= dbm;
        let last = Self::POINTS - 1;
        if !meets(0) {
            return (0.0, false);
        }
        if meets(last) {
            return (MAX_RATE_SEARCH_GBPS, true);
        }
        let (mut lo, mut hi) = (0, last);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if meets(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let (a, b) = (self.point(lo, &solve), self.point(hi, &solve));
        let fraction = if b.is_finite() {
            ((dbm - a) / (b - a)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let ln_rate = self.ln_low + self.step * (lo as f64 + fraction);
        (ln_rate.exp().min(MAX_RATE_SEARCH_GBPS), false)
    }

    /// The interpolated requirement at `rate` (`None`: a BER floor at either grid point).
    fn required(&self, rate: f64, solve: impl Fn(f64) -> Option<Dbm>) -> Option<Dbm> {
        let x = ((rate.ln() - self.ln_low) / self.step).clamp(0.0, (Self::POINTS - 1) as f64);
        let i = (x as usize).min(Self::POINTS - 2);
        let f = x - i as f64;
        let v = self.point(i, &solve) * (1.0 - f) + self.point(i + 1, &solve) * f;
        v.is_finite().then_some(Dbm(v))
    }
}

impl<'a> Lane<'a> {
    /// The lane of `link`, from every channel's (effective power, wavelength in nm, rise time at
    /// the operating rate in ps).
    pub fn new(link: &'a Link, response: &'a Response, all: &[(Dbm, f64, f64)]) -> Self {
        let q_target = ber::q_from_ber(link.signaling.modulation, fec::target_ber(link));
        let er = Db(extinction_ratio_db(link)).to_linear();
        Self::with_targets(link, response, all, q_target, er)
    }

    /// [`Self::new`] for the link whose requirement at its operating rate is `req`: its Q
    /// target and extinction ratio (the same numbers `new` computes), and the power it needs
    /// there ([`Self::knowing`]).
    pub fn for_requirement(
        link: &'a Link,
        response: &'a Response,
        all: &[(Dbm, f64, f64)],
        req: &budget::Requirement,
    ) -> Self {
        Self::with_targets(link, response, all, req.q_target, req.er_linear)
            .knowing(link.signaling.bit_rate_gbps, req.required)
    }

    /// [`Self::new`] with the Q target and the linear extinction ratio given.
    fn with_targets(
        link: &'a Link,
        response: &'a Response,
        all: &[(Dbm, f64, f64)],
        q_target: f64,
        er: f64,
    ) -> Self {
        let mut channels = all
            .iter()
            .enumerate()
            .filter(|&(k, &(p, _, spread_k))| {
                !all.iter().enumerate().any(|(j, &(q, _, spread_j))| {
                    j != k
                        && q.0 <= p.0
                        && spread_j >= spread_k
                        && (q.0 < p.0 || spread_j > spread_k || j < k)
                })
            })
            .map(|(_, &(p, nm, _))| (p, nm))
            .collect::<Vec<_>>();
        // Ascending effective power: of equal margins the first (weakest) channel binds.
        channels.sort_by(|a, b| a.0.0.total_cmp(&b.0.0));
        let laws = channels
            .iter()
            .map(|&(_, nm)| response.channel_law(nm, None))
            .collect();
        Self {
            link,
            response,
            channels,
            laws,
            q_target,
            er,
            noise: receiver::NoiseLaw::of(link),
            length_override: None,
            table: None,
            solved: Cell::new([(f64::NAN, f64::NAN); SOLVED]),
            next_solved: Cell::new(0),
            last_isi_margin: Cell::new((f64::NAN, f64::NAN, 0)),
        }
    }

    /// The same lane told the power its receiver needs at `rate` (`None`: a BER floor), solved
    /// already (`budget::requirement` solves the operating rate).
    pub fn knowing(self, rate: f64, required: Option<Dbm>) -> Self {
        self.remember(rate, required);
        self
    }

    /// Records a receiver solve in `solved`.
    fn remember(&self, rate: f64, required: Option<Dbm>) {
        let mut solved = self.solved.get();
        let next = self.next_solved.get();
        solved[next] = (rate, required.map_or(f64::NAN, |d| d.0));
        self.solved.set(solved);
        self.next_solved.set((next + 1) % SOLVED);
    }

    /// The same lane with its requirement tabulated once for many searches (the curves); the
    /// searches then interpolate instead of solving the noise model at every rate.
    pub fn tabulated(mut self) -> Self {
        self.table = Some(std::rc::Rc::new(RequiredTable::new()));
        self.forget_margin();
        self
    }

    /// The same lane with the fiber at chain index `element` `km` long.
    pub fn with_fiber_length(mut self, element: usize, km: f64) -> Self {
        self.length_override = Some((element, km));
        self.laws = self
            .channels
            .iter()
            .map(|&(_, nm)| self.response.channel_law(nm, self.length_override))
            .collect();
        self.forget_margin();
        self
    }

    /// The same lane with every channel's effective power lowered by `loss`.
    pub fn with_extra_loss(mut self, loss: Db) -> Self {
        for c in &mut self.channels {
            c.0 = c.0 - loss;
        }
        self.forget_margin();
        self
    }

    /// Drops the remembered margin of [`Self::margin`] (the lane it was computed on changed).
    fn forget_margin(&mut self) {
        self.last_isi_margin.set((f64::NAN, f64::NAN, 0));
    }

    /// The lowest effective power of the lane's channels, dBm (`None`: no channel).
    fn weakest(&self) -> Option<f64> {
        self.channels.iter().map(|c| c.0.0).reduce(f64::min)
    }

    /// The narrowest channel bandwidth of the lane, GHz
    /// ([`Response::channel_bandwidth_ghz`]; `None`: nothing limits it).
    pub fn channel_bandwidth_ghz(&self) -> Option<f64> {
        self.channels
            .iter()
            .filter_map(|&(_, nm)| {
                self.response
                    .channel_bandwidth_ghz(nm, self.length_override)
            })
            .reduce(f64::min)
    }

    /// Power the receiver needs at `rate`, dBm (`None`: a BER floor).
    fn required(&self, rate: f64) -> Option<Dbm> {
        if let Some(table) = &self.table {
            return table.required(rate, |r| self.solve_required(r));
        }
        if let Some(&(_, dbm)) = self.solved.get().iter().find(|(r, _)| *r == rate) {
            return dbm.is_finite().then_some(Dbm(dbm));
        }
        let required = self.solve_required(rate);
        self.remember(rate, required);
        required
    }

    /// The receiver solve behind [`Self::required`], dBm (`None`: a BER floor).
    fn solve_required(&self, rate: f64) -> Option<Dbm> {
        let noise = self.noise.at(rate);
        budget::required_dbm(
            &noise,
            self.q_target,
            self.er,
            self.link.signaling.modulation,
        )
    }

    /// ISI penalty of a rise time of `rise_ps` at `rate`, dB (closed eye: the unreachable
    /// penalty).
    fn isi_of(&self, rise_ps: f64, rate: f64) -> f64 {
        self.response
            .isi(rise_ps, rate)
            .map_or(UNREACHABLE_PENALTY_DB, |d| d.0)
    }

    /// ISI penalty of channel `k` at `rate`, dB (closed eye: the unreachable penalty).
    fn isi(&self, k: usize, rate: f64) -> f64 {
        let rise = self.rise(k, rate).total_ps;
        self.response
            .isi(rise, rate)
            .map_or(UNREACHABLE_PENALTY_DB, |d| d.0)
    }

    /// Channel `k`'s rise times at `rate` (from its [`ChannelLaw`]; no fiber loop per rate).
    fn rise(&self, k: usize, rate: f64) -> ChannelRise {
        let law = self.laws.get(k).copied().unwrap_or_default();
        self.response.rise_at(&law, rate)
    }

    /// Channel `k`'s effective power at `rate`, dBm: its power less its ISI penalty (left out
    /// unless `with_isi`; a closed eye costs the unreachable penalty).
    fn effective(&self, k: usize, rate: f64, with_isi: bool) -> f64 {
        let Some(&(p, _)) = self.channels.get(k) else {
            return f64::INFINITY;
        };
        if !with_isi {
            return p.0;
        }
        p.0 - self.isi_of(self.rise(k, rate).total_ps, rate)
    }

    /// The margin at `rate` of a channel whose effective power is `effective` dBm, in dB.
    ///
    /// Solved: the margin, effective power − required power. Otherwise, without a receiver
    /// solve, 10·log10(Q/Q_target): Q rises with power, so it reaches Q_target exactly where that
    /// margin reaches 0 (for a thermal-limited receiver the two are equal, Q ∝ P̄).
    fn margin_of(&self, effective: f64, rate: f64) -> f64 {
        if self.table.is_some() {
            return match self.required(rate) {
                Some(required) => effective - required.0,
                None => -UNREACHABLE_PENALTY_DB,
            };
        }
        let noise = self.noise.at(rate);
        let modulation = self.link.signaling.modulation;
        let q = noise.q_factor(Dbm(effective).to_watts(), self.er, modulation);
        ten_log10(q / self.q_target).max(-UNREACHABLE_PENALTY_DB)
    }

    /// A function of `rate` that is ≥ 0 exactly where every channel keeps margin ≥ 0, in dB
    /// ([`Self::margin_of`] of the least effective power), and the index in `channels` of the
    /// channel that binds; ISI left out unless `with_isi`. Every channel is weighed: `new` keeps
    /// only channels that no other beats on both power and dispersion, so in ascending power they
    /// come in ascending dispersion, and a stronger channel's larger ISI can make it the worst.
    fn margin(&self, rate: f64, with_isi: bool) -> (f64, usize) {
        if with_isi {
            return self.margin_knowing(rate, None);
        }
        let (effective, k) = (0..self.channels.len())
            .map(|k| (self.effective(k, rate, false), k))
            .fold(
                (f64::INFINITY, 0),
                |worst, c| if c.0 < worst.0 { c } else { worst },
            );
        (self.margin_of(effective, rate), k)
    }

    /// [`Self::margin`] with ISI, given one channel's effective power at `rate` if known
    /// (`Some((index, dBm))`), so that it is not computed again.
    fn margin_knowing(&self, rate: f64, known: Option<(usize, f64)>) -> (f64, usize) {
        let (last_rate, last_margin, last_k) = self.last_isi_margin.get();
        if last_rate == rate {
            return (last_margin, last_k);
        }
        // Channels whose rise times differ by parts in 10⁹ or less take their penalty by the
        // tangent at the last one computed exactly ([`tangent_or_exact`]).
        let mut anchor = None;
        let symbol_ps = self.response.symbol_period_ps(rate);
        let (effective, k) = (0..self.channels.len())
            .map(|k| match known {
                Some((j, effective)) if j == k => (effective, k),
                _ => {
                    let power = self.channels.get(k).map_or(f64::INFINITY, |c| c.0.0);
                    let rise = self.rise(k, rate).total_ps;
                    let isi = tangent_or_exact(&mut anchor, rise, symbol_ps, self.response.levels);
                    (power - isi.map_or(UNREACHABLE_PENALTY_DB, |d| d.0), k)
                }
            })
            .fold(
                (f64::INFINITY, 0),
                |worst, c| if c.0 < worst.0 { c } else { worst },
            );
        let margin = self.margin_of(effective, rate);
        self.last_isi_margin.set((rate, margin, k));
        (margin, k)
    }

    /// The highest rate at zero margin with ISI, searched channel by channel: the lane's
    /// maximum is the least of its channels' (each channel's margin falls with the rate), so
    /// channel `k` (an index in `channels`) is solved alone ([`max_rate_widening`], first bracket
    /// ln(guess) ± `half_width`, widening from `first_step`), and if another channel is short at
    /// that rate, that one next, from there down. One or two single-channel searches replace a
    /// search over every channel. Returns (rate, capped, the channel that binds it).
    fn max_rate_from_channel(
        &self,
        mut k: usize,
        guess_gbps: f64,
        half_width: f64,
        first_step: f64,
    ) -> (f64, bool, usize) {
        let mut guess = guess_gbps;
        let mut found = (0.0, false);
        for _ in 0..self.channels.len().max(1) {
            // The root's own effective power, from the search's last margin (at the root).
            let last = Cell::new((f64::NAN, f64::NAN));
            found = max_rate_widening(
                |rate| {
                    let effective = self.effective(k, rate, true);
                    last.set((rate, effective));
                    self.margin_of(effective, rate)
                },
                guess,
                half_width,
                first_step,
            );
            let rate = found.0;
            if rate <= 0.0 {
                // Channel k fails at every rate, and so does the lane.
                return (found.0, found.1, k);
            }
            let (last_rate, last_effective) = last.get();
            let own_effective = if last_rate == rate {
                last_effective
            } else {
                self.effective(k, rate, true)
            };
            let (lane, worst) = self.margin_knowing(rate, Some((k, own_effective)));
            if worst == k || lane >= self.margin_of(own_effective, rate) - ROOT_MARGIN_TOLERANCE_DB
            {
                return (found.0, found.1, k);
            }
            (k, guess) = (worst, rate);
        }
        (found.0, found.1, k)
    }

    /// The highest rate at zero margin with ISI for a point of a curve, seeded by its
    /// neighbour's: the first bracket ln(`guess_gbps`) ± `half_width`, and the search starts
    /// with the channel that bound the neighbour (`None`: the one binding at the guess).
    /// Returns (rate, capped, the channel that binds it).
    pub fn max_rate_after(
        &self,
        guess_gbps: f64,
        half_width: f64,
        channel: Option<usize>,
    ) -> (f64, bool, usize) {
        let k = match channel {
            Some(k) if k < self.channels.len() => k,
            _ => self.margin(guess_gbps, true).1,
        };
        self.max_rate_from_channel(k, guess_gbps, half_width, 4.0 * half_width)
    }

    /// The highest rate at zero margin with ISI left out (receiver noise alone), with
    /// `guess_gbps` seeding the search; a tabulated lane inverts its table instead.
    pub fn noise_max_rate(&self, guess_gbps: f64) -> (f64, bool) {
        if let (Some(table), Some(weakest)) = (&self.table, self.weakest()) {
            return table.max_rate(weakest, |r| self.solve_required(r));
        }
        max_rate_gbps(|rate| self.margin(rate, false).0, guess_gbps)
    }

    /// A seed for the search with ISI: `guess_gbps`, but no higher than where the parts' rise
    /// time alone nearly closes the eye.
    pub fn isi_seed(&self, guess_gbps: f64) -> f64 {
        if self.response.parts_ps2 > 0.0 {
            // The parts fill the allowance at 0.6–0.7 symbols per rise time and close the eye
            // at 1.1–1.9: a bandwidth-limited maximum lies between, near 1.2.
            let within = 1.2 * self.response.bits_per_symbol * 1e3 / self.response.parts_ps2.sqrt();
            guess_gbps.min(within)
        } else {
            guess_gbps
        }
    }

    /// The maximum rate and each limit alone ([`Self::limits`]), computed together: the limits
    /// come first, and the maximum, which lies below each, is searched just under the lowest.
    pub fn capacity_and_limits(&self, noise_guess_gbps: f64) -> (Capacity, CapacityLimits) {
        // The white-noise seed is within a few per cent unless shot noise or RIN dominate.
        let noise = max_rate_near(|rate| self.margin(rate, false).0, noise_guess_gbps, 0.05);
        if !self.response.is_limited() {
            let capacity = self.capacity_from(noise);
            let limits = self.limits_given(noise.0);
            return (capacity, limits);
        }
        let (limits, start) = self.limits_and_start(noise.0);
        let lowest = [limits.bandwidth_gbps, limits.dispersion_gbps]
            .into_iter()
            .flatten()
            .filter(|r| *r > 0.0)
            .fold(limits.noise_gbps, f64::min);
        // The maximum lies below the lowest limit, mostly within 20 % of it.
        let (rate, capped, _) = self.max_rate_from_channel(start, 0.9 * lowest, 0.11, WIDEST_STEP);
        (self.capacity_from((rate, capped)), limits)
    }

    /// The [`Capacity`] of a search result, naming the limit that binds it: at the maximum rate, whichever of the
    /// required power's rise (noise) and the ISI penalty's rise since the operating rate is
    /// larger; ISI is "dispersion" when dispersion dominates the channel's rise time, else
    /// "bandwidth".
    fn capacity_from(&self, (rate, capped): (f64, bool)) -> Capacity {
        let op = self.link.signaling.bit_rate_gbps;
        let mut limit = "noise";
        if rate > 0.0 && !capped {
            let (margin, k) = self.margin(rate, true);
            let power = self.channels.get(k).map_or(0.0, |c| c.0.0);
            let isi_at_rate = self.isi(k, rate);
            // The binding channel's margin is zero at the maximum (to the search's tolerance),
            // so the power its receiver needs there is its effective power less that margin
            // (exactly so for a thermal-limited receiver or a tabulated requirement, whose
            // margin is in dB of power): no receiver solve at the maximum rate.
            let required_at_rate = power - isi_at_rate - margin;
            let delta_noise = match self.required(op) {
                Some(at_op) => (required_at_rate - at_op.0).abs(),
                None => 0.0,
            };
            let delta_isi = (isi_at_rate - self.isi(k, op)).abs();
            if delta_isi > delta_noise {
                let rise = self.rise(k, rate);
                let dispersion_ps2 = rise.chromatic_ps.powi(2) + rise.modal_ps.powi(2);
                limit = if dispersion_ps2 > self.response.parts_ps2 {
                    "dispersion"
                } else {
                    "bandwidth"
                };
            }
        }
        Capacity {
            max_bit_rate_gbps: rate,
            capped,
            limit,
        }
    }

    /// The three limits drawn on the capacity plot (see [`CapacityLimits`]): each alone, so the
    /// maximum rate, which meets all at once, lies below each.
    pub fn limits(&self, guess_gbps: f64, capacity: &Capacity) -> CapacityLimits {
        // Without any band limit the search with ISI already was the noise-only one.
        let noise_gbps = if self.response.is_limited() {
            self.noise_max_rate(guess_gbps).0
        } else {
            capacity.max_bit_rate_gbps
        };
        self.limits_given(noise_gbps)
    }

    /// [`Self::limits`] with the noise-only limit already known.
    fn limits_given(&self, noise_gbps: f64) -> CapacityLimits {
        self.limits_and_start(noise_gbps).0
    }

    /// [`Self::limits_given`], and the channel most likely to bind the maximum rate, where the
    /// search with ISI starts: the one whose whole rise time (parts and dispersion) reaches
    /// its own allowance at the lowest rate (the channels' allowances differ by their power).
    /// A wrong pick costs a second search, never a wrong result.
    fn limits_and_start(&self, noise_gbps: f64) -> (CapacityLimits, usize) {
        let required = self.required(self.link.signaling.bit_rate_gbps);
        // Per channel: the rise time per symbol its ISI may reach with the noise of the
        // operating rate (`None`: the link fails even without ISI).
        let symbols: Vec<Option<f64>> = self
            .channels
            .iter()
            .map(|c| self.symbols_per_rise((c.0 - required?).0))
            .collect();
        let bits = self.response.bits_per_symbol;
        let bandwidth_gbps = (self.response.parts_ps2 > 0.0).then(|| {
            let lowest = self
                .channels
                .iter()
                .enumerate()
                .reduce(|a, b| if b.1.0.0 < a.1.0.0 { b } else { a })
                .map(|(k, _)| k);
            lowest.and_then(|k| symbols[k]).map_or(0.0, |a| {
                (bits * a * 1e3 / self.response.parts_ps2.sqrt()).min(MAX_RATE_SEARCH_GBPS)
            })
        });
        let dispersion_gbps = self
            .channels
            .iter()
            .zip(&symbols)
            .enumerate()
            .filter_map(|(k, (_, s))| self.dispersion_limit_gbps(k, s.unwrap_or(0.0)))
            .reduce(f64::min);
        let start = self
            .channels
            .iter()
            .zip(&symbols)
            .enumerate()
            .map(|(k, (_, s))| {
                let limit = self.rise_limit_gbps(k, s.unwrap_or(0.0), self.response.parts_ps2);
                (k, limit.unwrap_or(f64::INFINITY))
            })
            .fold((0, f64::INFINITY), |a, b| if b.1 < a.1 { b } else { a })
            .0;
        let limits = CapacityLimits {
            noise_gbps,
            bandwidth_gbps,
            dispersion_gbps,
        };
        (limits, start)
    }

    /// The largest t_sys/T the ISI penalty may reach when `allowed_db` of margin is left for it:
    /// 10^(−δ/10) = 1 − 2M·Qf(x), t/T = 2.5631/(2x). `None` when nothing is left; infinite when
    /// even a closed eye is allowed.
    fn symbols_per_rise(&self, allowed_db: f64) -> Option<f64> {
        if allowed_db.is_nan() || allowed_db <= 0.0 {
            return None;
        }
        let opening = Db(-allowed_db).to_linear();
        let tail = (1.0 - opening) / (2.0 * self.response.levels as f64);
        if tail >= 0.5 {
            return Some(f64::INFINITY);
        }
        let x = super::ber::inverse_gaussian_tail(tail);
        Some(bandwidth::GAUSSIAN_RISE_TIME_SIGMAS / (2.0 * x))
    }

    /// The rate at which dispersion alone reaches `symbols` rise times per symbol on channel
    /// `k`: with u = R_s², (DL)²(Δλ_src² + k²u) + t_mod² = symbols²·10⁶/u (ps, GBd), k = λ²/c,
    /// a quadratic in u. `None` without dispersion.
    fn dispersion_limit_gbps(&self, k: usize, symbols: f64) -> Option<f64> {
        self.rise_limit_gbps(k, symbols, 0.0)
    }

    /// [`Self::dispersion_limit_gbps`] with the parts' rise time too, t_parts² = `parts_ps2`
    /// (added to t_mod²): the rate at which the channel's whole rise time reaches `symbols`.
    fn rise_limit_gbps(&self, k: usize, symbols: f64, parts_ps2: f64) -> Option<f64> {
        let law = self.laws.get(k)?;
        let dl2 = law.dispersion_ps_per_nm.powi(2);
        let width_per_gbd = super::dispersion::signal_width_nm(law.wavelength_nm, 1.0);
        let width2 = self.response.source_width_nm.unwrap_or(0.0).powi(2);
        let a = dl2 * width_per_gbd * width_per_gbd;
        let b = dl2 * width2 + law.modal_ps.powi(2) + parts_ps2;
        if !symbols.is_finite() {
            return Some(MAX_RATE_SEARCH_GBPS);
        }
        let c = symbols * symbols * 1e6;
        let u = if a > 0.0 {
            (-b + (b * b + 4.0 * a * c).sqrt()) / (2.0 * a)
        } else if b > 0.0 {
            c / b
        } else {
            return None;
        };
        Some(self.response.bits_per_symbol * u.sqrt())
    }
}

/// The Shannon bound of the worst channel's electrical channel, Gb/s:
/// C = max over B ≤ B_ch of B·log2(1 + S/N(B)), with
/// - S the modulated signal's power, the variance of the M equiprobable, equally spaced
///   photocurrent levels: (R·OMA)²·(M + 1)/(12(M − 1)) ((R·OMA)²/4 for NRZ); the DC photocurrent
///   carries no information ([`signal_power_a2`]);
/// - N(B) the receiver's noise over a bandwidth B at the average photocurrent;
/// - B_ch = 0.35/t the channel's own 3-dB bandwidth, t the rise time of its parts, modal
///   dispersion and source width ([`Response::channel_bandwidth_ghz`]; unbounded without any:
///   then white noise gives the wideband limit S/(N₀·ln 2)).
///
/// A band narrower than B_ch is allowed because noise that grows faster than B (f² noise) can
/// make the widest band not the best. C. E. Shannon, "A Mathematical Theory of Communication",
/// BSTJ 27 (1948), Theorem 17; the wideband limit: Shannon, "Communication in the presence of
/// noise", Proc. IRE 37, 10 (1949).
pub fn shannon_bound_gbps(link: &Link, received: Dbm, channel_bandwidth_ghz: Option<f64>) -> f64 {
    let signal = signal_power_a2(link, received);
    let current = link.receiver.responsivity_a_per_w * received.to_watts();
    let law = receiver::NoiseLaw::of(link);
    let noise_over = |bandwidth_ghz: f64| noise_over_with(link, &law, bandwidth_ghz, current);
    let white = white_noise(link);
    let at = |b: f64| shannon_capacity_gbps(b, signal / noise_over(b));
    match (white, channel_bandwidth_ghz) {
        (true, Some(b)) => at(b),
        // Wideband limit S/(N₀·ln 2), N₀ the noise per Hz.
        (true, None) => signal / (noise_over(1.0) * 1e-9 * std::f64::consts::LN_2) * 1e-9,
        (false, limit) => {
            let top = limit.unwrap_or(MAX_RATE_SEARCH_GBPS);
            (0..=64)
                .map(|i| at(top * 10f64.powf(-8.0 * f64::from(64 - i) / 64.0)))
                .fold(0.0, f64::max)
        }
    }
}

/// Power of the modulated photocurrent, A²: the variance (R·OMA)²·(M + 1)/(12(M − 1)) of M
/// equiprobable, equally spaced levels (Proakis and Salehi, *Digital Communications*, energy of
/// M-ary PAM).
pub fn signal_power_a2(link: &Link, received: Dbm) -> f64 {
    let er = Db(extinction_ratio_db(link)).to_linear();
    let (low, high) = super::noise::level_fractions(er);
    let m = link.signaling.modulation.levels() as f64;
    let amplitude = link.receiver.responsivity_a_per_w * received.to_watts() * (high - low);
    amplitude * amplitude * (m + 1.0) / (12.0 * (m - 1.0))
}

/// Noise over a bandwidth of `bandwidth_ghz` at photocurrent `current_a`, A².
pub fn noise_over_a2(link: &Link, bandwidth_ghz: f64, current_a: f64) -> f64 {
    noise_over_with(
        link,
        &receiver::NoiseLaw::of(link),
        bandwidth_ghz,
        current_a,
    )
}

/// [`noise_over_a2`] with the receiver's noise law (`law`, of `link`) worked out already.
fn noise_over_with(
    link: &Link,
    law: &receiver::NoiseLaw,
    bandwidth_ghz: f64,
    current_a: f64,
) -> f64 {
    let modulation = link.signaling.modulation;
    let rate =
        bandwidth_ghz * modulation.bits_per_symbol() / link.receiver.noise_bandwidth_fraction;
    let noise: Noise = law.at(rate);
    noise.variance_a2(current_a).max(1e-300)
}

/// Whether the receiver's noise is white (its variance grows as the bandwidth): no f² corner,
/// a textbook front end, or a given sensitivity scaling at 5 dB/decade.
pub(crate) fn white_noise(link: &Link) -> bool {
    match &link.receiver.sensitivity {
        Sensitivity::NoiseModel { f2_corner_ghz, .. } => f2_corner_ghz.is_none(),
        Sensitivity::FrontEnd { .. } => true,
        Sensitivity::Given {
            rate_scaling_db_per_decade,
            ..
        } => *rate_scaling_db_per_decade == 5.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shannon_10ghz_20db() {
        // 10 GHz·log2(1 + 100) = 66.58 Gb/s.
        assert!((shannon_capacity_gbps(10.0, 100.0) - 66.58).abs() < 0.01);
    }

    #[test]
    fn white_noise_law_rate() {
        // margin(rate) = 6 − 5·log10(rate/10): zero at 10·10^(6/5) = 158.49 Gb/s.
        let (rate, capped) = max_rate_gbps(|r| 6.0 - 5.0 * (r / 10.0).log10(), 10.0);
        assert!(!capped);
        assert!((rate - 158.489).abs() < 0.01, "{rate}");
    }

    #[test]
    fn limits() {
        assert_eq!(max_rate_gbps(|_| -1.0, 10.0), (0.0, false));
        assert_eq!(max_rate_gbps(|_| 1.0, 10.0), (MAX_RATE_SEARCH_GBPS, true));
    }

    #[test]
    fn widening_bracket_finds_a_root_far_from_its_seed() {
        // The same white-noise law, seeded a decade off with a first bracket of ±0.001.
        let margin = |r: f64| 6.0 - 5.0 * (r / 10.0).log10();
        for seed in [15.8, 1584.9] {
            let (rate, capped) = max_rate_widening(margin, seed, 1e-3, 4e-3);
            assert!(!capped && (rate - 158.489).abs() < 0.01, "{rate}");
        }
    }

    #[test]
    fn table_inversion_is_the_search_on_the_table() {
        // A tabulated lane's noise-only maximum, by inverting the table, against the search of
        // the same interpolated margin, for a lane that closes, one at the floor of the range
        // and one that never fails.
        let link = crate::io::preset("textbook-keiser-lan").unwrap();
        let response = Response::of(&link);
        for (dbm, kind) in [(-30.0, "closes"), (-80.0, "never"), (40.0, "capped")] {
            let lane = Lane::new(&link, &response, &[(Dbm(dbm), 850.0, 0.0)]).tabulated();
            let inverted = lane.noise_max_rate(1.0);
            let searched = max_rate_gbps(|rate| lane.margin(rate, false).0, 1.0);
            let found = match inverted {
                (0.0, false) => "never",
                (_, true) => "capped",
                _ => "closes",
            };
            assert_eq!((found, inverted.1), (kind, searched.1), "{dbm}");
            assert!(
                (inverted.0 - searched.0).abs() <= 1e-8 * searched.0,
                "{dbm}: {inverted:?} {searched:?}"
            );
        }
    }
}
