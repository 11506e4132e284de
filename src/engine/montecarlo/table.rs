//! Field tolerances through tables: the fast path for parameters that do not enter the margin
//! linearly (an extinction ratio, a bandwidth, a ring's Q, the case temperature).
//!
//! For a [`FieldTolerance`] on field x with deviation δ, channel k's margin change
//! e_k(δ) = M_k(x₀ + δ) − M_k(x₀) is computed by re-evaluating the link at [`TABLE_POINTS`]
//! evenly spaced deviations over the spread's reach (± its half-width; ±8σ for a normal
//! spread) and read between them by linear interpolation. The table's own error is measured, not
//! assumed: the link is also evaluated at every interval's midpoint, and the largest
//! |M_k(mid) − interpolated| is [`EffectTable::interpolation_error_db`] (for a twice-differentiable
//! margin the error of linear interpolation is h²/8·|M''|, largest at the midpoint: Burden &
//! Faires, *Numerical Analysis*, 9th ed., Thm. 3.3).
//!
//! A lane's margin under several tolerances is taken as the nominal margin plus each term's
//! effect. For the closed-form terms (losses, laser power, responsivity) this is exact: they move
//! every channel's received power, or the photocurrent the receiver needs, by a fixed number of
//! dB, and no tabulated field's effect depends on the received power level (crosstalk is a ratio
//! of equal-power channels, ISI an eye closure, the ER and RIN penalties ratios). Between two
//! tabulated fields it is an approximation: [`interaction_error_db`] measures it at the corners
//! of up to [`INTERACTION_TERMS`] tabulated fields moved together.
//!
//! A deviation that takes the field outside its accepted range is clamped to the range (an ER
//! cannot go below 0 dB); a moved link that fails validation otherwise (a loaded Q pushed past
//! its intrinsic Q) is an error naming the tolerance, the value and the reason.

use super::model::MarginModel;
use crate::engine::LinkError;
use crate::engine::corners::at_temperature;
use crate::model::{FieldTolerance, Link, Tolerance, field};

/// Points of a table (64 intervals).
pub const TABLE_POINTS: usize = 65;

/// Tabulated fields moved together at their corners to measure the interaction (2⁸ = 256
/// evaluations at most; further fields stay nominal in that check).
pub const INTERACTION_TERMS: usize = 8;

/// A normal spread is tabulated over ±8σ (beyond, a deviation reads the end of the table; the
/// exact yield cuts the same tails).
pub const NORMAL_REACH_SIGMAS: f64 = 8.0;

/// The path whose tolerance moves the case temperature, and with it every field that follows it.
pub const CASE_TEMPERATURE: &str = "temperature.typical_c";

/// One field tolerance's margin effect per channel.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectTable {
    /// The deviation of the first point, in the field's unit.
    lo: f64,
    /// The spacing of the points.
    step: f64,
    /// effects[k·TABLE_POINTS + i]: channel k's margin change at deviation lo + i·step, dB.
    effects: Vec<f64>,
    /// Largest |margin at an interval's midpoint − the interpolated margin|, dB.
    pub interpolation_error_db: f64,
    /// Largest difference between two channels' effects at one deviation, dB (0 when every
    /// channel moves alike).
    pub channel_spread_db: f64,
}

impl EffectTable {
    /// Channel `k`'s margin change at deviation `delta`, dB (linear between points, the end
    /// values beyond the reach).
    #[inline]
    pub fn effect(&self, k: usize, delta: f64) -> f64 {
        interpolate(self.lo, self.step, self.row(k), delta)
    }

    /// Channel `k`'s effects at the table's points, dB.
    pub fn row(&self, k: usize) -> &[f64] {
        &self.effects[k * TABLE_POINTS..(k + 1) * TABLE_POINTS]
    }

    /// Number of channels tabulated.
    pub fn channels(&self) -> usize {
        self.effects.len() / TABLE_POINTS
    }

    /// The deviation of point `i`.
    pub fn deviation(&self, i: usize) -> f64 {
        self.lo + i as f64 * self.step
    }

    /// The spacing of the points, in the field's unit.
    pub fn step(&self) -> f64 {
        self.step
    }

    /// Per point, the lowest, mean and highest effect over the channels.
    pub fn envelopes(&self) -> [Vec<f64>; 3] {
        let k = self.channels().max(1);
        let mut out = [
            vec![f64::INFINITY; TABLE_POINTS],
            vec![0.0; TABLE_POINTS],
            vec![f64::NEG_INFINITY; TABLE_POINTS],
        ];
        for c in 0..self.channels() {
            for (i, &e) in self.row(c).iter().enumerate() {
                out[0][i] = out[0][i].min(e);
                out[1][i] += e / k as f64;
                out[2][i] = out[2][i].max(e);
            }
        }
        out
    }

    /// Largest |effect| anywhere in the table, dB.
    pub fn largest_effect_db(&self) -> f64 {
        self.effects.iter().fold(0.0, |a, e| a.max(e.abs()))
    }
}

/// The value at `delta` of points `values` at deviations lo + i·step: linear between points, the
/// end values beyond (0 without points).
#[inline]
pub fn interpolate(lo: f64, step: f64, values: &[f64], delta: f64) -> f64 {
    let last = values.len().saturating_sub(1);
    let x = ((delta - lo) / step).clamp(0.0, last as f64);
    let i = (x as usize).min(last.saturating_sub(1));
    let f = x - i as f64;
    match (values.get(i), values.get(i + 1)) {
        (Some(a), Some(b)) => a + f * (b - a),
        (Some(a), None) => *a,
        _ => 0.0,
    }
}

/// The half-width the table spans: the spread's half-width, or 8σ.
pub fn reach(spread: &Tolerance) -> f64 {
    match *spread {
        Tolerance::Uniform { half_width, .. } | Tolerance::Triangular { half_width, .. } => {
            half_width
        }
        Tolerance::Normal { sigma, .. } => NORMAL_REACH_SIGMAS * sigma,
    }
}

/// `link` with the field at `path` moved by `delta` (clamped to the field's accepted range);
/// the case temperature moves every field that follows it ([`at_temperature`]). The copy has no
/// field tolerances of its own.
pub fn moved(link: &Link, path: &str, delta: f64) -> Result<Link, String> {
    if path == CASE_TEMPERATURE {
        let mut out = at_temperature(link, link.temperature.typical_c + delta);
        out.tolerances.clear();
        return Ok(out);
    }
    let mut out = link.clone();
    out.tolerances.clear();
    let slot = field::find_mut(&mut out, path).ok_or_else(|| format!("no field `{path}`"))?;
    let nominal = slot
        .value
        .value()
        .ok_or_else(|| format!("`{path}` is not set"))?;
    let valid = slot.def.valid;
    slot.value
        .set((nominal + delta).clamp(valid.editor_min(), valid.max))?;
    Ok(out)
}

/// Every channel's margin of `link` (closed-form terms only), dB.
fn channel_margins(link: &Link) -> Result<Vec<f64>, LinkError> {
    Ok(MarginModel::closed_form(link)?.channel_margins_db())
}

/// The error of tolerance `index` at `path` moved by `delta`.
fn at_point(index: usize, path: &str, delta: f64, why: impl std::fmt::Display) -> LinkError {
    LinkError::invalid(
        format!("tolerances[{index}]"),
        format!("with `{path}` moved by {delta:+}: {why}"),
    )
}

/// Tabulates tolerance `index` of `link` (`nominal`: every channel's nominal margin).
pub fn tabulate(
    link: &Link,
    nominal: &[f64],
    index: usize,
    tolerance: &FieldTolerance,
) -> Result<EffectTable, LinkError> {
    let path = tolerance.path.as_str();
    let half = reach(&tolerance.spread);
    let channels = nominal.len();
    let evaluate = |delta: f64| -> Result<Vec<f64>, LinkError> {
        let link = moved(link, path, delta).map_err(|e| at_point(index, path, delta, e))?;
        let margins = channel_margins(&link).map_err(|e| at_point(index, path, delta, e))?;
        if margins.len() != channels {
            return Err(at_point(index, path, delta, "the channel count changed"));
        }
        Ok(margins.iter().zip(nominal).map(|(m, m0)| m - m0).collect())
    };
    let (lo, step) = if half > 0.0 {
        (-half, 2.0 * half / (TABLE_POINTS - 1) as f64)
    } else {
        (0.0, 1.0)
    };
    let mut effects = vec![0.0; channels * TABLE_POINTS];
    if half > 0.0 {
        for i in 0..TABLE_POINTS {
            for (k, e) in evaluate(lo + i as f64 * step)?.into_iter().enumerate() {
                effects[k * TABLE_POINTS + i] = e;
            }
        }
    }
    let mut table = EffectTable {
        lo,
        step,
        effects,
        interpolation_error_db: 0.0,
        channel_spread_db: 0.0,
    };
    if half > 0.0 {
        for i in 0..TABLE_POINTS - 1 {
            let mid = lo + (i as f64 + 0.5) * step;
            for (k, e) in evaluate(mid)?.into_iter().enumerate() {
                let error = (e - table.effect(k, mid)).abs();
                table.interpolation_error_db = table.interpolation_error_db.max(error);
            }
        }
    }
    let [low, _, high] = table.envelopes();
    table.channel_spread_db = low.iter().zip(&high).fold(0.0, |a, (l, h)| a.max(h - l));
    Ok(table)
}

/// How far the sum of the tabulated effects is from the re-evaluated margin when the first
/// [`INTERACTION_TERMS`] tabulated fields sit at their corners together (every sign pattern;
/// `corners[j]`: field j's low and high deviations), worst channel, dB. 0 with fewer than two.
pub fn interaction_error_db(
    link: &Link,
    nominal: &[f64],
    tables: &[EffectTable],
    corners: &[(f64, f64)],
) -> Result<f64, LinkError> {
    let n = tables.len().min(INTERACTION_TERMS);
    if n < 2 {
        return Ok(0.0);
    }
    let mut worst: f64 = 0.0;
    for pattern in 0u32..(1 << n) {
        let mut at = link.clone();
        let mut deltas = Vec::with_capacity(n);
        for (j, t) in link.tolerances.iter().take(n).enumerate() {
            let (lo, hi) = corners[j];
            let delta = if pattern & (1 << j) == 0 { lo } else { hi };
            at = moved(&at, &t.path, delta).map_err(|e| at_point(j, &t.path, delta, e))?;
            deltas.push(delta);
        }
        let margins = channel_margins(&at)?;
        for (k, (m, m0)) in margins.iter().zip(nominal).enumerate() {
            let sum: f64 = tables
                .iter()
                .zip(&deltas)
                .map(|(t, &d)| t.effect(k, d))
                .sum();
            worst = worst.max((m - m0 - sum).abs());
        }
    }
    Ok(worst)
}
