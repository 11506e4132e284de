//! The two halves of the margin, shared by [`super::evaluate`] and the fast margin-only paths
//! (sweeps, Monte Carlo): what the receiver needs, and what each channel receives.
//!
//! margin_k = received_k − (sensitivity + ER penalty + RIN penalty) − crosstalk_k − ISI_k
//! − allocations (all on the average-power basis of [`super::POWER_BASIS`]).

use super::bandwidth::{ChannelRise, Response};
use super::chain::{self, ChannelPosition};
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
    /// Rise times at the link's bit rate.
    pub rise: ChannelRise,
    /// ISI penalty ([`super::bandwidth`]); `None` when ISI closes the eye.
    pub isi: Option<Db>,
}

impl ChannelBudget {
    /// Crosstalk penalty with a closed eye counted as [`UNREACHABLE_PENALTY_DB`].
    pub fn crosstalk_db(&self) -> Db {
        self.crosstalk.unwrap_or(Db(UNREACHABLE_PENALTY_DB))
    }

    /// ISI penalty with a closed eye counted as [`UNREACHABLE_PENALTY_DB`].
    pub fn isi_db(&self) -> Db {
        self.isi.unwrap_or(Db(UNREACHABLE_PENALTY_DB))
    }

    /// The channel's own penalties: crosstalk + ISI.
    pub fn penalty_db(&self) -> Db {
        self.crosstalk_db() + self.isi_db()
    }
}

/// Every channel's budget, in grid order, passed to `visit`; `isolation_db` from
/// [`chain::receive_isolation_db`]. Losses that are the same on every channel are summed once,
/// and the datasheet crosstalk penalty is computed once per neighbour count; the ISI penalty is
/// each channel's own (dispersion depends on the wavelength), given in `rises`
/// ([`channel_responses`]). Design-mode rings
/// ([`RingBank`]) add each channel's bus through-loss, and their Lorentzian responses give its
/// crosstalk from every aggressor, suppressed further by any entered isolation. Returns what the
/// rings do to every channel, for the staircase and the ring summaries.
pub(crate) fn for_each_channel(
    link: &Link,
    positions: &[ChannelPosition],
    isolation_db: Option<f64>,
    rises: &[ChannelResponse],
    rings: &RingEffects,
    mut visit: impl FnMut(&ChannelPosition, ChannelBudget),
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
    for (pos, &(rise, isi)) in positions.iter().zip(rises) {
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
                rise,
                isi,
            },
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
    // Channels without dispersion share one rise time: its penalty is computed once.
    let mut last: Option<(f64, Option<Db>)> = None;
    positions
        .iter()
        .map(|pos| {
            let rise = response.channel(pos.wavelength_nm, rate_gbps, None);
            let isi = match last {
                Some((total_ps, isi)) if total_ps.to_bits() == rise.total_ps.to_bits() => isi,
                _ => response.isi(rise.total_ps, rate_gbps),
            };
            last = Some((rise.total_ps, isi));
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

/// [`worst_margin`] of a link already validated (sweeps validate once, then per point only what
/// changed: `validate::validate_point`).
pub(crate) fn worst_margin_unchecked(link: &Link, cache: &mut RequirementCache) -> WorstMargin {
    let req = cache.get(link);
    let isolation = chain::receive_isolation_db(link);
    let mut worst = WorstMargin {
        margin_db: f64::INFINITY,
        received_power_dbm: 0.0,
        channel: 0,
    };
    let positions = channel_positions(link);
    let terms = cache.channel_terms(link, &positions);
    let (rises, rings) = (&terms.rises, &terms.rings);
    for_each_channel(link, &positions, isolation, rises, rings, |pos, b| {
        let margin = req.margin(b.received, b.penalty_db()).0;
        // The first of equal margins is the worst, as in `evaluate`.
        if margin < worst.margin_db {
            worst = WorstMargin {
                margin_db: margin,
                received_power_dbm: b.received.0,
                channel: pos.index,
            };
        }
    });
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
    /// The design-mode rings.
    bank: RingBank,
    /// Each channel's rise times and ISI penalty.
    rises: Vec<ChannelResponse>,
    /// What the rings do to each channel.
    rings: RingEffects,
}

impl ChannelTerms {
    /// Whether these terms were computed from exactly these inputs.
    fn matches(
        &self,
        response: &Response,
        rate_gbps: f64,
        positions: &[ChannelPosition],
        bank: &RingBank,
    ) -> bool {
        self.rate_gbps.to_bits() == rate_gbps.to_bits()
            && self.wavelengths_nm.len() == positions.len()
            && self
                .wavelengths_nm
                .iter()
                .zip(positions)
                .all(|(w, p)| w.to_bits() == p.wavelength_nm.to_bits())
            && self.response == *response
            && self.bank == *bank
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
}

impl RequirementCache {
    /// The per-channel terms of `link` on the grid `positions`, recomputed only if their inputs
    /// changed (memoisation of pure functions: the values are those a fresh computation gives).
    fn channel_terms(&mut self, link: &Link, positions: &[ChannelPosition]) -> &ChannelTerms {
        let response = Response::of(link);
        let bank = RingBank::of(link);
        let rate_gbps = link.signaling.bit_rate_gbps;
        if self
            .channels
            .as_ref()
            .is_some_and(|t| !t.matches(&response, rate_gbps, positions, &bank))
        {
            self.channels = None;
        }
        let geometry = &mut self.rings;
        self.channels.get_or_insert_with(|| ChannelTerms {
            rises: channel_responses(&response, positions, rate_gbps),
            rings: bank.effects_cached(positions, geometry),
            wavelengths_nm: positions.iter().map(|p| p.wavelength_nm).collect(),
            response,
            rate_gbps,
            bank,
        })
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
