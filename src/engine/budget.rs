//! The two halves of the margin, shared by [`super::evaluate`] and the fast margin-only paths
//! (sweeps, Monte Carlo): what the receiver needs, and what each channel receives.
//!
//! margin_k = received_k − (sensitivity + ER penalty + RIN penalty) − crosstalk_k − ISI_k
//! − allocations (all on the average-power basis of [`super::POWER_BASIS`]).

use super::bandwidth::{ChannelRise, Response};
use super::chain::{self, ChannelPosition};
use super::isi_near::{IsiAnchors, tangent_or_exact};
use super::noise::Noise;
use super::penalties::{self, UNREACHABLE_PENALTY_DB};
use super::ring::{RingBank, RingEffects, RingGeometry};
use super::{LinkError, ber, extinction_ratio_db, receiver, validate};
use crate::model::{Link, Modulation};
use crate::units::{Db, Dbm};

/// What the receiver needs, independent of the chain's losses.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Requirement {
    /// Average power for the target BER at infinite ER without RIN.
    pub sensitivity: Dbm,
    /// Extinction-ratio penalty (computed from the noise model).
    pub er_penalty: Db,
    /// RIN penalty; [`UNREACHABLE_PENALTY_DB`] at a RIN BER floor.
    pub rin_penalty: Db,
    /// True when RIN caps Q below the target (no power closes the link).
    pub rin_floor: bool,
    /// Average power for the target BER with the link's ER and RIN (`None`: the RIN floor).
    pub required: Option<Dbm>,
    /// Q the target BER needs.
    pub q_target: f64,
    /// Noise at the link's bit rate.
    pub noise: Noise,
    /// Extinction ratio, linear.
    pub er_linear: f64,
    /// Sum of the entered penalty allocations.
    pub allocations: Db,
}

impl Requirement {
    /// The penalties a channel pays in all, given its own (crosstalk + ISI).
    pub fn total_penalty(&self, channel_penalty: Db) -> Db {
        self.er_penalty + self.rin_penalty + channel_penalty + self.allocations
    }

    /// A channel's margin: received − sensitivity − Σ penalties.
    pub fn margin(&self, received: Dbm, channel_penalty: Db) -> Db {
        received - self.sensitivity - self.total_penalty(channel_penalty)
    }
}

/// The average power the receiver needs for `q_target`, dBm; `None` at a BER floor.
pub(crate) fn required_dbm(
    noise: &Noise,
    q_target: f64,
    er: f64,
    modulation: Modulation,
) -> Option<Dbm> {
    noise
        .required_power_w(q_target, er, modulation)
        .map(Dbm::from_watts)
}

/// The receiver's requirement: sensitivity (ideal ER, no RIN), then the ER and RIN penalties as
/// the extra power each needs for the same Q (Agrawal, *Fiber-Optic Communication Systems*,
/// "Sensitivity Degradation").
pub(crate) fn requirement(link: &Link) -> Requirement {
    let modulation = link.signaling.modulation;
    let er_linear = Db(extinction_ratio_db(link)).to_linear();
    let q_target = ber::q_from_ber(modulation, super::fec::target_ber(link));
    let noise = receiver::noise_at(link, link.signaling.bit_rate_gbps);
    let plain = noise.without_rin();
    let sensitivity = required_dbm(&plain, q_target, f64::INFINITY, modulation).unwrap_or(Dbm(0.0));
    let with_er = required_dbm(&plain, q_target, er_linear, modulation).unwrap_or(sensitivity);
    let all = required_dbm(&noise, q_target, er_linear, modulation);
    Requirement {
        sensitivity,
        er_penalty: with_er - sensitivity,
        rin_penalty: all.map_or(Db(UNREACHABLE_PENALTY_DB), |a| a - with_er),
        rin_floor: all.is_none(),
        required: all,
        q_target,
        noise,
        er_linear,
        allocations: link.penalties.allocations.iter().map(|a| Db(a.db)).sum(),
    }
}

/// The grid's channels, in order.
pub(crate) fn channel_positions(link: &Link) -> Vec<ChannelPosition> {
    let wavelengths = link.laser.grid.wavelengths_nm();
    let count = wavelengths.len();
    let grid_center_nm = match (wavelengths.first(), wavelengths.last()) {
        (Some(a), Some(b)) => (a + b) / 2.0,
        _ => 0.0,
    };
    wavelengths
        .iter()
        .enumerate()
        .map(|(index, &wavelength_nm)| ChannelPosition {
            index,
            count,
            wavelength_nm,
            grid_center_nm,
        })
        .collect()
}

/// Power per channel at the laser output, dBm: P + tilt·u/2 − ripple/2 + offset_k, with u the
/// channel's normalised position (−1 first … +1 last).
pub(crate) fn laser_channel_dbm(link: &Link, channel: &ChannelPosition) -> Dbm {
    let laser = &link.laser;
    let offset = laser
        .channel_offsets_db
        .get(channel.index)
        .copied()
        .unwrap_or(0.0);
    Dbm(laser.power_dbm) + Db(laser.tilt_db * channel.normalized_offset() / 2.0)
        - Db(laser.ripple_db / 2.0)
        + Db(offset)
}

/// One channel's power budget.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChannelBudget {
    /// Laser output for this channel.
    pub laser: Dbm,
    /// Sum of the chain's losses for this channel.
    pub loss: Db,
    /// Received average power (floored at [`Dbm::FLOOR`]).
    pub received: Dbm,
    /// WDM crosstalk penalty; `None` when crosstalk closes the eye.
    pub crosstalk: Option<Db>,
    /// Crosstalk-to-signal ratio X behind the penalty (0 without crosstalk).
    pub crosstalk_ratio: f64,
    /// Loss of passing the other channels' design-mode rings (included in `loss`); `None`
    /// without ring designs.
    pub ring_through: Option<Db>,
}

impl ChannelBudget {
    /// Crosstalk penalty with a closed eye counted as [`UNREACHABLE_PENALTY_DB`].
    pub fn crosstalk_db(&self) -> Db {
        self.crosstalk.unwrap_or(Db(UNREACHABLE_PENALTY_DB))
    }

    /// The channel's own penalties: crosstalk + ISI (`isi` from [`channel_responses`]).
    pub fn penalty_db(&self, isi: Option<Db>) -> Db {
        self.crosstalk_db() + isi_db(isi)
    }
}

/// An ISI penalty with a closed eye (`None`) counted as [`UNREACHABLE_PENALTY_DB`].
pub(crate) fn isi_db(isi: Option<Db>) -> Db {
    isi.unwrap_or(Db(UNREACHABLE_PENALTY_DB))
}

/// Every channel's budget, in grid order, passed to `visit` with the channel's entry of
/// `responses` (its rise times and ISI penalty, [`channel_responses`], or whatever per-channel
/// value the caller pairs with it); `isolation_db` from [`chain::receive_isolation_db`]. Losses
/// that are the same on every channel are summed once, and the datasheet crosstalk penalty is
/// computed once per neighbour count. Design-mode rings
/// ([`RingBank`]) add each channel's bus through-loss, and their Lorentzian responses give its
/// crosstalk from every aggressor, suppressed further by any entered isolation. Returns what the
/// rings do to every channel, for the staircase and the ring summaries.
pub(crate) fn for_each_channel<R: Copy>(
    link: &Link,
    positions: &[ChannelPosition],
    isolation_db: Option<f64>,
    responses: &[R],
    rings: &RingEffects,
    mut visit: impl FnMut(&ChannelPosition, ChannelBudget, R),
) {
    let Some(first) = positions.first() else {
        return;
    };
    let flat_loss: Db = link
        .elements
        .iter()
        .filter(|e| !chain::varies_with_wavelength(e))
        .map(|e| chain::element_loss(e, first))
        .sum();
    // The elements whose loss depends on the channel, found once (a few at most).
    let varying: Vec<&crate::model::Element> = link
        .elements
        .iter()
        .filter(|e| chain::varies_with_wavelength(e))
        .collect();
    let ratio_for = |adjacent: u32| match isolation_db {
        Some(iso) if first.count > 1 => f64::from(adjacent) * Db(-iso).to_linear(),
        _ => 0.0,
    };
    let crosstalk_for = |adjacent: u32| match isolation_db {
        Some(iso) if first.count > 1 => penalties::crosstalk_penalty(adjacent, iso),
        _ => Some(Db(0.0)),
    };
    let crosstalk = [crosstalk_for(0), crosstalk_for(1), crosstalk_for(2)];
    let entered_suppression = isolation_db.map_or(1.0, |iso| Db(-iso).to_linear());
    for (pos, &response) in positions.iter().zip(responses) {
        let laser = laser_channel_dbm(link, pos);
        let mut loss = varying
            .iter()
            .fold(flat_loss, |sum, e| sum + chain::element_loss(e, pos));
        let adjacent = pos.adjacent_count().min(2);
        let (mut penalty, mut ratio) = (crosstalk[adjacent as usize], ratio_for(adjacent));
        let mut ring_through = None;
        if !rings.is_empty() {
            let effect = rings.channel(pos.index);
            loss += Db(effect.through_loss_db);
            ring_through = Some(Db(effect.through_loss_db));
            if let Some(x) = effect.crosstalk_ratio {
                ratio = x * entered_suppression;
                penalty = penalties::crosstalk_penalty_from_ratio(ratio);
            }
        }
        visit(
            pos,
            ChannelBudget {
                laser,
                loss,
                received: Dbm((laser - loss).0.max(Dbm::FLOOR.0)),
                crosstalk: penalty,
                crosstalk_ratio: ratio,
                ring_through,
            },
            response,
        );
    }
}

/// A channel's rise times at the link's bit rate and its ISI penalty (`None`: the eye is
/// closed).
pub(crate) type ChannelResponse = (ChannelRise, Option<Db>);

/// Every channel's rise times and ISI penalty at `rate_gbps`, in grid order
/// ([`Response::channel`], [`Response::isi`]): what [`for_each_channel`] takes.
pub(crate) fn channel_responses(
    response: &Response,
    positions: &[ChannelPosition],
    rate_gbps: f64,
) -> Vec<ChannelResponse> {
    // Channels whose rise times differ by parts in 10⁹ or less (a short fiber's dispersion)
    // take their penalty by the tangent at the last one computed exactly ([`tangent_or_exact`]).
    let mut anchor = None;
    let (symbol_ps, levels) = (response.symbol_period_ps(rate_gbps), response.levels);
    positions
        .iter()
        .map(|pos| {
            let rise = response.channel(pos.wavelength_nm, rate_gbps, None);
            let isi = tangent_or_exact(&mut anchor, rise.total_ps, symbol_ps, levels);
            (rise, isi)
        })
        .collect()
}

/// The worst channel's margin and received power.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorstMargin {
    /// Worst-channel margin, dB (equals `Report::margin_db`).
    pub margin_db: f64,
    /// That channel's received average power, dBm (equals `Report::received_power_dbm`).
    pub received_power_dbm: f64,
    /// Its index on the grid.
    pub channel: usize,
}

/// Margin without the report: the same numbers as [`super::evaluate`] for `margin_db` and
/// `received_power_dbm`, for sweeps that need nothing else. `cache` keeps the receiver's
/// requirement between calls whose receiver-side inputs are unchanged (the costly root solves).
pub fn worst_margin(link: &Link, cache: &mut RequirementCache) -> Result<WorstMargin, LinkError> {
    validate(link)?;
    Ok(worst_margin_unchecked(link, cache))
}

/// Slack of the ISI bounds in [`worst_margin_unchecked`], dB: far above the rounding of one
/// penalty, far below any difference a margin shows.
const ISI_BOUND_SLACK_DB: f64 = 1e-6;

/// [`worst_margin`] of a link already validated (sweeps validate once, then per point only what
/// changed: `validate::validate_point`).
///
/// The ISI penalty grows with a channel's rise time, so every channel's margin lies between its
/// margins with the penalty of the fastest and of the slowest channel's rise time. Only the
/// channels whose lower bound reaches the least upper bound can be the worst (or tie with it):
/// their penalties are computed exactly, the others' not at all — the same numbers as weighing
/// every channel, with two penalties instead of one per channel where dispersion sets the
/// channels apart.
pub(crate) fn worst_margin_unchecked(link: &Link, cache: &mut RequirementCache) -> WorstMargin {
    let req = cache.get(link);
    let isolation = chain::receive_isolation_db(link);
    let mut worst = WorstMargin {
        margin_db: f64::INFINITY,
        received_power_dbm: 0.0,
        channel: 0,
    };
    let positions = channel_positions(link);
    let mut rows = std::mem::take(&mut cache.rows);
    rows.clear();
    let terms = cache.channel_terms(link, &positions);
    for_each_channel(
        link,
        &positions,
        isolation,
        &terms.rises,
        &terms.rings,
        |_, b, rise| rows.push((b.received, b.crosstalk_db(), rise.total_ps)),
    );
    let bounds = *terms.bounds.get_or_insert_with(|| {
        let (fastest, slowest) = rows
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), r| {
                (lo.min(r.2), hi.max(r.2))
            });
        let isi = |rise: f64| terms.response.isi(rise, terms.rate_gbps);
        (isi(fastest), isi(slowest))
    });
    // The worst margin is at most the least upper bound (every channel at the fastest rise's
    // penalty); a channel can be the worst only if its lower bound (the slowest rise's penalty)
    // reaches it. The bounds hold where the slowest channel's eye is open (every penalty then
    // below the closed eye's [`UNREACHABLE_PENALTY_DB`]); otherwise every channel is weighed.
    let fastest = isi_db(bounds.0);
    let least_upper = rows
        .iter()
        .map(|&(received, crosstalk, _)| req.margin(received, crosstalk + fastest).0)
        .fold(f64::INFINITY, f64::min);
    let slowest = match bounds.1 {
        Some(slowest) if slowest.0 <= UNREACHABLE_PENALTY_DB => Some(slowest),
        _ => None,
    };
    for (k, &(received, crosstalk, rise)) in rows.iter().enumerate() {
        if let Some(slowest) = slowest
            && req.margin(received, crosstalk + slowest).0 > least_upper + ISI_BOUND_SLACK_DB
        {
            continue;
        }
        let Some(slot) = terms.isi.get_mut(k) else {
            continue;
        };
        let (anchors, rises) = (&mut terms.anchors, &terms.rises);
        let isi = *slot.get_or_insert_with(|| {
            anchors.penalty(k, |j| rises.get(j).map_or(rise, |r| r.total_ps))
        });
        // The same sum as `ChannelBudget::penalty_db`: the report's margin to the bit.
        let margin = req.margin(received, crosstalk + isi_db(isi)).0;
        // The first of equal margins is the worst, as in `evaluate`.
        if margin < worst.margin_db {
            worst = WorstMargin {
                margin_db: margin,
                received_power_dbm: received.0,
                channel: k,
            };
        }
    }
    cache.rows = rows;
    worst
}

/// The receiver-side inputs a [`Requirement`] depends on.
#[derive(Clone, Debug)]
struct RequirementKey {
    receiver: crate::model::Receiver,
    signaling: crate::model::Signaling,
    rin_db_per_hz: f64,
    er_db: f64,
    allocations: Vec<f64>,
}

impl RequirementKey {
    fn of(link: &Link) -> Self {
        Self {
            receiver: link.receiver.clone(),
            signaling: link.signaling.clone(),
            rin_db_per_hz: link.laser.rin_db_per_hz,
            er_db: extinction_ratio_db(link),
            allocations: link.penalties.allocations.iter().map(|a| a.db).collect(),
        }
    }

    /// Whether `link` has these inputs (compared in place, without allocating).
    fn matches(&self, link: &Link) -> bool {
        self.receiver == link.receiver
            && self.signaling == link.signaling
            && self.rin_db_per_hz.to_bits() == link.laser.rin_db_per_hz.to_bits()
            && self.er_db.to_bits() == extinction_ratio_db(link).to_bits()
            && self.allocations.iter().map(|a| a.to_bits()).eq(link
                .penalties
                .allocations
                .iter()
                .map(|a| a.db.to_bits()))
    }
}

/// The per-channel terms of the margin that neither the chain's losses nor the laser power
/// change: rise times and ISI ([`channel_responses`]) and what the design-mode rings do
/// ([`RingBank::effects`]), with the inputs they are functions of.
#[derive(Clone, Debug)]
struct ChannelTerms {
    /// The link's response (parts, fibers, source width, format).
    response: Response,
    /// The bit rate, Gb/s.
    rate_gbps: f64,
    /// The grid, nm.
    wavelengths_nm: Vec<f64>,
    /// Each channel's rise times.
    rises: Vec<ChannelRise>,
    /// Each channel's ISI penalty, once computed ([`worst_margin_unchecked`] computes only the
    /// ones it needs).
    isi: Vec<Option<Option<Db>>>,
    /// The penalties behind `isi`, as [`channel_responses`] computes them.
    anchors: IsiAnchors,
    /// The ISI penalties at the least and the largest rise time of the grid.
    bounds: Option<(Option<Db>, Option<Db>)>,
    /// The design-mode rings.
    bank: RingBank,
    /// What the rings do to each channel.
    rings: RingEffects,
}

impl ChannelTerms {
    /// Whether these terms hold the rise times of this grid, rate and dispersion (the fixed
    /// parts' Σ t² aside).
    fn same_channels(
        &self,
        response: &Response,
        rate_gbps: f64,
        positions: &[ChannelPosition],
    ) -> bool {
        self.rate_gbps.to_bits() == rate_gbps.to_bits()
            && self.wavelengths_nm.len() == positions.len()
            && self
                .wavelengths_nm
                .iter()
                .zip(positions)
                .all(|(w, p)| w.to_bits() == p.wavelength_nm.to_bits())
            && self.response.same_but_parts(response)
    }

    /// Each channel's rise times with the fixed parts' Σ t² `parts_ps2`, the ISI penalties
    /// forgotten.
    fn set_parts(&mut self, parts_ps2: f64) {
        self.response.parts_ps2 = parts_ps2;
        for rise in &mut self.rises {
            rise.total_ps =
                super::bandwidth::system_rise_time_ps(parts_ps2, rise.chromatic_ps, rise.modal_ps);
        }
        self.isi.iter_mut().for_each(|isi| *isi = None);
        self.anchors.clear();
        self.bounds = None;
    }
}

/// The last [`Requirement`] and the inputs it was computed from.
#[derive(Clone, Debug, Default)]
pub struct RequirementCache {
    last: Option<(RequirementKey, Requirement)>,
    /// The ring detunings of the last grid (they do not change when only the rings' Q does).
    rings: Option<RingGeometry>,
    /// The last per-channel penalty terms (a sweep of a length or of the laser power keeps
    /// them: only the powers change from point to point).
    channels: Option<ChannelTerms>,
    /// Scratch of [`worst_margin_unchecked`]: each channel's received power, crosstalk penalty
    /// and rise time.
    rows: Vec<(Dbm, Db, f64)>,
}

impl RequirementCache {
    /// The per-channel terms of `link` on the grid `positions`, recomputed only where their
    /// inputs changed (memoisation of pure functions: the values are those a fresh computation
    /// gives). A change of the fixed parts' bandwidths (a ring's Q) recomputes only the rise
    /// times' sums; a change of the rings only their effects.
    fn channel_terms(&mut self, link: &Link, positions: &[ChannelPosition]) -> &mut ChannelTerms {
        let response = Response::of(link);
        let bank = RingBank::of(link);
        let rate_gbps = link.signaling.bit_rate_gbps;
        let terms = match self.channels.take() {
            Some(mut terms) if terms.same_channels(&response, rate_gbps, positions) => {
                if terms.response.parts_ps2.to_bits() != response.parts_ps2.to_bits() {
                    terms.set_parts(response.parts_ps2);
                }
                if terms.bank != bank {
                    terms.rings = bank.effects_cached(positions, &mut self.rings);
                    terms.bank = bank;
                }
                terms
            }
            _ => {
                let rises: Vec<ChannelRise> = positions
                    .iter()
                    .map(|p| response.channel(p.wavelength_nm, rate_gbps, None))
                    .collect();
                ChannelTerms {
                    isi: vec![None; rises.len()],
                    anchors: IsiAnchors::new(
                        rises.len(),
                        response.symbol_period_ps(rate_gbps),
                        response.levels,
                    ),
                    rises,
                    bounds: None,
                    rings: bank.effects_cached(positions, &mut self.rings),
                    wavelengths_nm: positions.iter().map(|p| p.wavelength_nm).collect(),
                    response,
                    rate_gbps,
                    bank,
                }
            }
        };
        self.channels.insert(terms)
    }

    /// The requirement of `link`, recomputed only if its receiver-side inputs changed.
    pub(crate) fn get(&mut self, link: &Link) -> Requirement {
        match &self.last {
            Some((key, req)) if key.matches(link) => *req,
            _ => {
                let req = requirement(link);
                self.last = Some((RequirementKey::of(link), req));
                req
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, params};
    use crate::io::{preset, presets};

    #[test]
    fn worst_margin_equals_the_report_on_every_preset() {
        let mut cache = RequirementCache::default();
        for name in presets().iter().map(|p| p.name) {
            let link = preset(name).unwrap();
            let r = evaluate(&link).unwrap();
            let w = worst_margin(&link, &mut cache).unwrap();
            assert_eq!(w.margin_db, r.margin_db, "{name}");
            assert_eq!(w.received_power_dbm, r.received_power_dbm, "{name}");
            assert_eq!(w.channel, r.worst_channel, "{name}");
        }
    }

    #[test]
    fn the_isi_bounds_keep_the_worst_channel_when_dispersion_sets_channels_apart() {
        // 400GBASE-FR4 with its first channel moved to 1143.9 nm: 9.7 ps of rise time there
        // (0.229 dB of ISI) against under 2 ps (no ISI) on the others. With a laser tilt either
        // way, the slowest channel is the worst or is not; each case must match the report.
        let mut cache = RequirementCache::default();
        for tilt_db in [-3.0, -0.5, 0.0, 0.5, 3.0] {
            let mut link = preset("400gbase-fr4").unwrap();
            for (path, value) in [
                ("laser.grid.wavelengths_nm[0]", 1143.9),
                ("laser.tilt_db", tilt_db),
            ] {
                params::field_mut(&mut link, path)
                    .unwrap()
                    .set(value)
                    .unwrap();
            }
            let r = evaluate(&link).unwrap();
            assert!(r.channels[0].isi_penalty_db > 0.2, "{tilt_db}");
            assert_eq!(r.channels[1].isi_penalty_db, 0.0, "{tilt_db}");
            let w = worst_margin(&link, &mut cache).unwrap();
            assert_eq!(w.margin_db, r.margin_db, "{tilt_db}");
            assert_eq!(w.channel, r.worst_channel, "{tilt_db}");
        }
    }

    #[test]
    fn the_cache_follows_receiver_edits() {
        let mut link = preset("teraphy-8l").unwrap();
        let mut cache = RequirementCache::default();
        let before = worst_margin(&link, &mut cache).unwrap().margin_db;
        // Halving the responsivity of a noise-model receiver costs 10·log10 2 = 3.01 dB: the
        // required photocurrent is unchanged, so the required power doubles.
        let r = params::get(&link, "receiver.responsivity_a_per_w").unwrap();
        params::field_mut(&mut link, "receiver.responsivity_a_per_w")
            .unwrap()
            .set(r / 2.0)
            .unwrap();
        let after = worst_margin(&link, &mut cache).unwrap().margin_db;
        assert_eq!(after, evaluate(&link).unwrap().margin_db);
        assert!((before - after - 10.0 * 2f64.log10()).abs() < 1e-6);
    }
}
