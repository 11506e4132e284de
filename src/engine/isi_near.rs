//! The ISI penalty of channels whose rise times differ by parts in 10⁹ or less (a short fiber's
//! dispersion on WDM channels), from one channel's penalty and its slope instead of an error
//! function per channel.
//!
//! With x = S/t (S = T·2.563/2, [`super::bandwidth::eye_opening`]) the penalty is
//! P(t) = −(10/ln 10)·ln(1 − 2M·Qf(x)), and since dQf/dx = −φ(x) (φ the standard normal density)
//! and dx/dt = −x/t,
//!
//! P′(t) = (10/ln 10)·2M·φ(x)·x/(t·o),  o = 1 − 2M·Qf(x) the eye opening.
//!
//! P(t + δ) = P(t) + P′(t)·δ + ½P″(ξ)·δ², and differentiating once more (φ′ = −xφ),
//!
//! P″(t) = (P′(t)/t)·(x² − 2 + 2M·φ(x)·x/o),
//!
//! so with |δ| ≤ 10⁻⁹·t the neglected term is at most ½·10⁻¹⁸·t·P′·(x² + 2 + 2M·φ(x)·x/o). For a
//! well-open eye (P′·t of order a dB, x a few) that is ~10⁻¹⁷ dB, below the rounding of the
//! exact computation itself; as the eye closes, o → 0 and P′ grow, so the tangent is used only
//! while o ≥ 10⁻³, where the bound stays under 10⁻⁹ dB. Farther rise times, or a nearly closed
//! eye, are computed exactly.

use super::bandwidth::{GAUSSIAN_RISE_TIME_SIGMAS, eye_opening, isi_penalty_of_opening};
use crate::units::Db;

/// The largest |δ|/t at which [`IsiNear::at`] extrapolates.
const NEAR_RELATIVE: f64 = 1e-9;

/// The smallest eye opening at which [`IsiNear::at`] extrapolates.
const MIN_OPENING: f64 = 1e-3;

/// 1/√(2π), the standard normal density's factor.
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

/// The ISI penalty at one rise time, and its slope there once asked for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IsiNear {
    /// The rise time it was computed at, ps.
    rise_ps: f64,
    /// The penalty there (`None`: the eye is closed).
    penalty: Option<Db>,
    /// T/2σ there.
    x: f64,
    /// The eye opening there.
    opening: f64,
    /// The number of levels.
    levels: usize,
    /// dP/dt there, dB/ps, once computed; NaN where it may not be used (a nearly closed eye).
    slope_db_per_ps: Option<f64>,
}

impl IsiNear {
    /// The penalty at `rise_ps` for a symbol of `symbol_period_ps` and `levels` levels
    /// ([`super::bandwidth::isi_penalty`]); its slope is computed when first needed.
    pub fn new(rise_ps: f64, symbol_period_ps: f64, levels: usize) -> Self {
        let opening = eye_opening(rise_ps, symbol_period_ps, levels);
        Self {
            rise_ps,
            penalty: isi_penalty_of_opening(opening),
            x: symbol_period_ps * GAUSSIAN_RISE_TIME_SIGMAS / (2.0 * rise_ps),
            opening,
            levels,
            slope_db_per_ps: None,
        }
    }

    /// The penalty this was computed with.
    pub fn penalty(&self) -> Option<Db> {
        self.penalty
    }

    /// dP/dt at this rise time, dB/ps (NaN for a nearly closed eye or no rise time).
    fn slope_db_per_ps(&mut self) -> f64 {
        *self.slope_db_per_ps.get_or_insert_with(|| {
            if self.rise_ps <= 0.0 || self.opening < MIN_OPENING {
                return f64::NAN;
            }
            let density = FRAC_1_SQRT_2PI * (-0.5 * self.x * self.x).exp();
            (10.0 / std::f64::consts::LN_10) * 2.0 * self.levels as f64 * density * self.x
                / (self.rise_ps * self.opening)
        })
    }

    /// The penalty at `rise_ps` by the tangent, if `rise_ps` is within a relative 10⁻⁹ of this
    /// one's (and the eye is open well enough); `None`: compute it exactly.
    pub fn at(&mut self, rise_ps: f64) -> Option<Option<Db>> {
        let delta = rise_ps - self.rise_ps;
        if delta == 0.0 {
            return Some(self.penalty);
        }
        if delta.abs() > NEAR_RELATIVE * self.rise_ps {
            return None;
        }
        let penalty = self.penalty?;
        let slope = self.slope_db_per_ps();
        slope
            .is_finite()
            .then_some(Some(Db(penalty.0 + slope * delta)))
    }
}

/// One channel's penalty in a walk over a grid in order: by the tangent at `anchor` (the last
/// channel computed exactly) if its rise time is near enough ([`IsiNear::at`]), else exactly, and
/// then it is the anchor. Every channel's penalty is thus a function of the rise times alone.
pub(crate) fn tangent_or_exact(
    anchor: &mut Option<IsiNear>,
    rise_ps: f64,
    symbol_period_ps: f64,
    levels: usize,
) -> Option<Db> {
    if let Some(penalty) = anchor.as_mut().and_then(|a| a.at(rise_ps)) {
        return penalty;
    }
    let exact = IsiNear::new(rise_ps, symbol_period_ps, levels);
    *anchor = Some(exact);
    exact.penalty()
}

/// The penalties of [`tangent_or_exact`]'s walk for any one channel without computing the
/// channels before it: the walk is replayed on the rise times, and a channel's penalty is
/// computed only where the walk needs its slope. The report (which walks every channel) and a
/// sweep's margin-only path (which needs one or two) give the same numbers.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct IsiAnchors {
    symbol_period_ps: f64,
    levels: usize,
    /// Each channel's exact penalty (and slope), once computed.
    exact: Vec<Option<IsiNear>>,
}

impl IsiAnchors {
    /// For `channels` channels at a symbol period of `symbol_period_ps`, `levels` levels.
    pub(crate) fn new(channels: usize, symbol_period_ps: f64, levels: usize) -> Self {
        Self {
            symbol_period_ps,
            levels,
            exact: vec![None; channels],
        }
    }

    /// Forgets every penalty computed (the rise times changed).
    pub(crate) fn clear(&mut self) {
        self.exact.iter_mut().for_each(|a| *a = None);
    }

    /// Channel `j`'s exact penalty, computed once.
    fn exact(&mut self, j: usize, rise_ps: f64) -> IsiNear {
        let (symbol, levels) = (self.symbol_period_ps, self.levels);
        match self.exact.get_mut(j) {
            Some(slot) => *slot.get_or_insert_with(|| IsiNear::new(rise_ps, symbol, levels)),
            None => IsiNear::new(rise_ps, symbol, levels),
        }
    }

    /// The tangent from anchor `j` (rise time `anchor_ps`) at `rise_ps`, if the walk takes it:
    /// only then is the anchor's own penalty computed.
    fn tangent_from(&mut self, j: usize, anchor_ps: f64, rise_ps: f64) -> Option<Option<Db>> {
        if (rise_ps - anchor_ps).abs() > NEAR_RELATIVE * anchor_ps {
            return None;
        }
        let mut anchor = self.exact(j, anchor_ps);
        let penalty = anchor.at(rise_ps);
        if let Some(slot) = self.exact.get_mut(j) {
            // Keep the slope `at` computed.
            *slot = Some(anchor);
        }
        penalty
    }

    /// Channel `k`'s penalty, `rise(j)` giving channel j's rise time, ps (`None`: a closed eye).
    pub(crate) fn penalty(&mut self, k: usize, rise: impl Fn(usize) -> f64) -> Option<Db> {
        let mut anchor: Option<usize> = None;
        for i in 0..k {
            let r = rise(i);
            anchor = Some(match anchor {
                Some(j) if self.tangent_from(j, rise(j), r).is_some() => j,
                _ => i,
            });
        }
        let own = rise(k);
        if let Some(j) = anchor
            && let Some(penalty) = self.tangent_from(j, rise(j), own)
        {
            return penalty;
        }
        self.exact(k, own).penalty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bandwidth::isi_penalty;

    #[test]
    fn the_tangent_meets_the_exact_penalty() {
        // NRZ at 25 Gb/s (T = 40 ps), PAM4 at 50 GBd (T = 20 ps): rise times across the open
        // eye; the tangent at t against the exact penalty at t(1 ± 9e-10), to 1e-13 relative
        // (1e-14 dB where the penalty is ~1e-9 dB and 1 − opening rounds at 1e-16).
        for (symbol_ps, levels) in [(40.0, 2), (20.0, 4)] {
            for fraction in [0.2, 0.5, 0.7, 0.9] {
                let t = fraction * symbol_ps;
                let mut near = IsiNear::new(t, symbol_ps, levels);
                assert_eq!(near.penalty(), isi_penalty(t, symbol_ps, levels));
                for relative in [9e-10, -9e-10, 4e-10] {
                    let at = t * (1.0 + relative);
                    let exact = isi_penalty(at, symbol_ps, levels).unwrap().0;
                    let by_tangent = near.at(at).unwrap().unwrap().0;
                    assert!(
                        (by_tangent - exact).abs() <= 1e-13 * exact + 1e-14,
                        "{symbol_ps} ps, t {t}: {by_tangent} vs {exact}"
                    );
                }
                // The slope itself, against a central difference over ±1e-5·t (its rounding
                // error, ~1e-16·P/h, allows 1e-11 dB/ps where the penalty is ~1e-9 dB).
                let h = 1e-5 * t;
                let numeric = (isi_penalty(t + h, symbol_ps, levels).unwrap().0
                    - isi_penalty(t - h, symbol_ps, levels).unwrap().0)
                    / (2.0 * h);
                assert!(
                    (near.slope_db_per_ps() - numeric).abs() <= 1e-6 * numeric.abs() + 1e-11,
                    "{} vs {numeric}",
                    near.slope_db_per_ps()
                );
                // Too far: computed exactly instead.
                assert_eq!(near.at(t * (1.0 + 1e-6)), None);
            }
        }
    }

    #[test]
    fn a_channel_s_penalty_does_not_depend_on_what_was_asked_before() {
        // Five rise times: two within 1e-10 of the first (by its tangent), one 1e-3 away (an
        // anchor of its own, exact), one within 1e-10 of that one.
        let rises = [
            20.0,
            20.0 * (1.0 + 1e-10),
            20.0 * (1.0 - 5e-11),
            20.02,
            20.02 * (1.0 + 2e-10),
        ];
        let rise = |j: usize| rises[j];
        let mut anchor = None;
        let walked: Vec<Option<Db>> = rises
            .iter()
            .map(|&r| tangent_or_exact(&mut anchor, r, 40.0, 2))
            .collect();
        let asked = |order: &mut dyn Iterator<Item = usize>| {
            let mut a = IsiAnchors::new(rises.len(), 40.0, 2);
            let mut v = vec![None; rises.len()];
            for k in order {
                v[k] = a.penalty(k, rise);
            }
            v
        };
        assert_eq!(asked(&mut (0..5)), walked);
        assert_eq!(asked(&mut (0..5).rev()), walked);
        assert_eq!(asked(&mut [4, 1, 3].into_iter()), {
            let mut v = walked.clone();
            v[0] = None;
            v[2] = None;
            v
        });
        // Each is the exact penalty to 1e-13 relative; the anchors exactly so.
        for (k, p) in walked.iter().enumerate() {
            let exact = isi_penalty(rises[k], 40.0, 2).unwrap().0;
            assert!((p.unwrap().0 - exact).abs() <= 1e-13 * exact, "{k}");
        }
        assert_eq!(walked[0], isi_penalty(rises[0], 40.0, 2));
        assert_eq!(walked[3], isi_penalty(rises[3], 40.0, 2));
    }

    #[test]
    fn a_closed_or_nearly_closed_eye_is_never_extrapolated() {
        // NRZ closes at Qf(x) = 1/4: x = 0.6745, t = 2.563·T/(2·0.6745) = 1.9 T = 76.0 ps.
        let mut closed = IsiNear::new(2.0 * 40.0, 40.0, 2);
        assert_eq!(closed.penalty(), None);
        assert_eq!(closed.at(80.0), Some(None));
        assert_eq!(closed.at(80.0 * (1.0 + 1e-12)), None);
        // Just open (opening 5.8e-4 < 1e-3): the exact penalty only.
        let t = 75.95;
        let mut nearly = IsiNear::new(t, 40.0, 2);
        let opening = eye_opening(t, 40.0, 2);
        assert!(opening > 0.0 && opening < 1e-3, "{opening}");
        assert_eq!(nearly.at(t * (1.0 + 1e-12)), None);
    }
}
