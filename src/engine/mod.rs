//! The link engine: pure, deterministic functions from a [`Link`] to a [`Report`].
//!
//! No egui, no I/O, no clocks: the same code serves the CLI, the GUI, the tests and the
//! WebAssembly build (`web/`). Threads appear only in Monte Carlo, behind the `parallel` feature
//! (rayon); without it, as in the browser, the same chunks run in order on one thread.
//!
//! Power bookkeeping: every power in the chain is an **average** power. The sensitivity is the
//! average power an ideal receiver input (infinite extinction ratio, no RIN) needs at the target
//! BER; the finite extinction ratio, RIN and WDM crosstalk then appear as penalties, so that
//! margin = received − sensitivity − Σ penalties holds on one basis.

pub mod bandwidth;
pub mod ber;
pub mod budget;
pub mod capacity;
pub mod chain;
pub mod corners;
pub mod curves;
pub mod diff;
pub mod dispersion;
pub mod energy;
mod error;
pub mod explain;
pub mod explore;
pub mod fec;
mod fixed;
mod isi_near;
pub mod montecarlo;
pub mod noise;
mod note;
pub mod params;
pub mod penalties;
pub mod receiver;
mod report;
pub mod ring;
pub mod roots;
pub mod solve;
mod staircase;
pub mod standards;
pub mod sweep;
pub mod sweep2d;
pub mod tornado;
pub mod tuning;
mod validate;

pub use error::LinkError;
pub use note::{DensityCounted, Note};
pub use report::{
    Channel, Density, EnergyBreakdown, Penalty, Reach, Report, RiseTimeBudget, Stage,
};
pub use validate::{validate, validate_field_tolerances};

use crate::model::{ElementKind, Link};
use crate::units::{Db, Dbm, ten_log10};
use bandwidth::Response;
use chain::ChannelPosition;

/// The description of the power basis that `received_power_dbm` and `sensitivity_dbm` share.
pub const POWER_BASIS: &str = "average power; sensitivity referred to an ideal (infinite) extinction ratio without RIN, \
     ER/RIN/crosstalk as penalties";

/// The signal's extinction ratio, dB: the modulator's if the chain has one, else the entered
/// transmitter ER (validation guarantees one of them).
pub fn extinction_ratio_db(link: &Link) -> f64 {
    link.elements
        .iter()
        .find_map(|e| match &e.kind {
            ElementKind::Modulator(m) => Some(m.extinction_ratio_db),
            _ => None,
        })
        .or(link.signaling.extinction_ratio_db)
        .unwrap_or(f64::INFINITY)
}

/// Evaluates a link: staircase, per-channel margins, penalties, BER, capacity, energy, density
/// and reach. Invalid input is a [`LinkError`] naming the field; a link that does not close is a
/// result with negative margin.
pub fn evaluate(link: &Link) -> Result<Report, LinkError> {
    evaluate_with(link, true)
}

/// [`evaluate`], optionally without the bit-rate capacity search (the costliest part) and the
/// temperature corners. Without them `max_bit_rate_gbps` is reported as 0 and `corners` is
/// empty; sweeps that do not record them use this.
pub(crate) fn evaluate_with(link: &Link, with_capacity: bool) -> Result<Report, LinkError> {
    validate(link)?;
    let modulation = link.signaling.modulation;
    let rate_gbps = link.signaling.bit_rate_gbps;
    let er_db = extinction_ratio_db(link);
    let target_ber = fec::target_ber(link);
    let req = budget::requirement(link);
    let (er, q_target, noise) = (req.er_linear, req.q_target, req.noise);
    let (sensitivity, er_penalty, rin_penalty, allocations) = (
        req.sensitivity,
        req.er_penalty,
        req.rin_penalty,
        req.allocations,
    );
    let mut warnings = Vec::new();
    if let Some(code) = fec::code(&link.signaling.fec)
        && link.receiver.target_ber != code.pre_fec_ber_threshold
    {
        warnings.push(format!(
            "receiver.target_ber {:e} is not used: with {} FEC the target is its pre-FEC \
             threshold {:e}",
            link.receiver.target_ber, code.name, code.pre_fec_ber_threshold
        ));
    }
    if req.rin_floor {
        warnings.push(format!(
            "RIN of {} dB/Hz limits Q to {:.2}, below the {:.2} that BER {:e} needs: no laser \
             power closes this link at {} Gb/s",
            link.laser.rin_db_per_hz,
            noise.q_ceiling(er, modulation),
            q_target,
            target_ber,
            rate_gbps
        ));
    }

    // Channels.
    let positions = budget::channel_positions(link);
    let shortest_nm = positions
        .iter()
        .map(|p| p.wavelength_nm)
        .fold(f64::INFINITY, f64::min);
    let limit_a_per_w = receiver::quantum_limit_a_per_w(shortest_nm);
    if link.receiver.responsivity_a_per_w > limit_a_per_w {
        warnings.push(format!(
            "receiver.responsivity_a_per_w: {} A/W is above the quantum limit qλ/hc = {:.3} A/W \
             at {:.1} nm (every photon one electron); only an avalanche photodiode's gain gets \
             there",
            link.receiver.responsivity_a_per_w, limit_a_per_w, shortest_nm
        ));
    }
    let isolation_db = chain::receive_isolation_db(link);
    let rings = ring::RingBank::of(link);
    warnings.extend(ring::fsr_warnings(link, &positions));
    let response = Response::of(link);
    let oma_factor = chain::oma_over_average(er);
    let mut channels = Vec::with_capacity(positions.len());
    let mut laser_channel_mw = Vec::with_capacity(positions.len());
    // Each channel's unfloored received power and own penalty, for the temperature corners.
    let mut unfloored = Vec::with_capacity(positions.len());
    let mut lane = Vec::with_capacity(positions.len());
    let ring_effects = rings.effects(&positions);
    budget::for_each_channel(
        link,
        &positions,
        isolation_db,
        &budget::channel_responses(&response, &positions, rate_gbps),
        &ring_effects,
        |pos, b, (rise, isi)| {
            laser_channel_mw.push(b.laser.to_mw().0);
            unfloored.push(((b.laser - b.loss).0, b.penalty_db(isi).0));
            if b.crosstalk.is_none() {
                warnings.push(if rings.is_empty() {
                    format!(
                        "crosstalk closes the eye of channel {} ({:.2} nm): isolation {} dB is too \
                     low",
                        pos.index,
                        pos.wavelength_nm,
                        isolation_db.unwrap_or(0.0)
                    )
                } else {
                    format!(
                        "crosstalk closes the eye of channel {} ({:.2} nm): the drop rings pass \
                     {:.1} dB of crosstalk (widen the spacing, raise the loaded Q, or check the \
                     FSR)",
                        pos.index,
                        pos.wavelength_nm,
                        ten_log10(b.crosstalk_ratio)
                    )
                });
            }
            if isi.is_none() {
                warnings.push(format!(
                    "ISI closes the eye of channel {} ({:.2} nm): a {:.1} ps rise time against a \
                 {:.1} ps symbol",
                    pos.index,
                    pos.wavelength_nm,
                    rise.total_ps,
                    response.symbol_period_ps(rate_gbps)
                ));
            }
            let crosstalk = b.crosstalk_db();
            let received = b.received;
            let total_penalty = req.total_penalty(b.penalty_db(isi));
            let margin = req.margin(received, b.penalty_db(isi));
            let effective = received - b.penalty_db(isi) - allocations;
            lane.push((
                received - crosstalk - allocations,
                pos.wavelength_nm,
                rise.total_ps,
            ));
            let q = noise.q_factor(effective.to_watts(), er, modulation);
            channels.push(Channel {
                wavelength_nm: pos.wavelength_nm,
                laser_power_dbm: b.laser.0,
                loss_db: b.loss.0,
                received_power_dbm: received.0,
                received_oma_dbm: (received + oma_factor).0,
                crosstalk_penalty_db: crosstalk.0,
                crosstalk_db: (b.crosstalk_ratio > 0.0).then(|| ten_log10(b.crosstalk_ratio)),
                ring_through_loss_db: b.ring_through.map(|d| d.0),
                total_penalty_db: total_penalty.0,
                margin_db: margin.0,
                q_factor: q,
                ber: ber::ber_from_q(modulation, q),
                isi_penalty_db: budget::isi_db(isi).0,
                rise_time_ps: rise.total_ps,
                dispersion_ps_per_nm: rise.dispersion_ps_per_nm,
            });
        },
    );
    let worst = channels
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.margin_db.total_cmp(&b.1.margin_db))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let w = channels[worst].clone();
    if w.received_power_dbm < -100.0 {
        warnings.push(format!(
            "no light left: {:.1} dBm reaches the receiver",
            w.received_power_dbm
        ));
    }
    let count = positions.len();

    // Staircase of the worst channel.
    let stages = staircase::staircase(
        link,
        &positions,
        worst,
        Dbm(w.laser_power_dbm),
        &ring_effects,
    );

    // Penalties of the worst channel.
    let mut penalty_list = Vec::with_capacity(4 + link.penalties.allocations.len());
    penalty_list.extend([
        Penalty {
            name: "Extinction ratio".into(),
            db: er_penalty.0,
            computed: true,
            note: Note::ExtinctionRatio {
                er_db,
                closed_form_db: penalties::extinction_ratio_penalty(er).0,
            },
        },
        Penalty {
            name: "Laser RIN".into(),
            db: rin_penalty.0,
            computed: true,
            note: Note::Rin {
                rin_db_per_hz: link.laser.rin_db_per_hz,
            },
        },
    ]);
    if response.is_limited() {
        penalty_list.push(Penalty {
            name: "ISI (bandwidth, dispersion)".into(),
            db: w.isi_penalty_db,
            computed: true,
            note: Note::Isi {
                rise_ps: w.rise_time_ps,
                symbol_ps: response.symbol_period_ps(rate_gbps),
            },
        });
    }
    if !rings.receive.is_empty() && count > 1 {
        penalty_list.push(Penalty {
            name: "WDM crosstalk".into(),
            db: w.crosstalk_penalty_db,
            computed: true,
            note: Note::RingCrosstalk {
                aggressors: count - 1,
                crosstalk_db: w.crosstalk_db.unwrap_or(f64::NEG_INFINITY),
                isolation_db,
            },
        });
    } else if let (Some(iso), true) = (isolation_db, count > 1) {
        penalty_list.push(Penalty {
            name: "WDM crosstalk".into(),
            db: w.crosstalk_penalty_db,
            computed: true,
            note: Note::AdjacentCrosstalk {
                adjacent: positions[worst].adjacent_count(),
                isolation_db: iso,
            },
        });
    }
    penalty_list.extend(link.penalties.allocations.iter().map(|a| Penalty {
        name: a.name.clone().into(),
        db: a.db,
        computed: false,
        note: Note::Text(a.note.clone()),
    }));

    // Capacity.
    let capacity_lane = capacity::Lane::for_requirement(link, &response, &lane, &req);
    let (capacity, limits) = if with_capacity {
        // Without ISI the white-noise law rate·10^(margin/5) is a close seed.
        let noise_margin = (w.margin_db + w.isi_penalty_db).clamp(-60.0, 60.0);
        capacity_lane.capacity_and_limits(rate_gbps * Db(2.0 * noise_margin).to_linear())
    } else {
        let none = capacity::Capacity {
            max_bit_rate_gbps: 0.0,
            capped: false,
            limit: "noise",
        };
        let limits = capacity::CapacityLimits {
            noise_gbps: 0.0,
            bandwidth_gbps: None,
            dispersion_gbps: None,
        };
        (none, limits)
    };
    let bandwidth_hz = receiver::noise_bandwidth_hz(link, rate_gbps);
    let received_worst = Dbm(w.received_power_dbm);
    let channel_bandwidth_ghz =
        response.channel_bandwidth_ghz(positions[worst].wavelength_nm, None);
    let shannon_capacity_gbps =
        capacity::shannon_bound_gbps(link, received_worst, channel_bandwidth_ghz);
    let snr = capacity::signal_power_a2(link, received_worst)
        / noise.variance_a2(link.receiver.responsivity_a_per_w * received_worst.to_watts());
    let rise_time_budget = rise_time_budget(link, &response, &positions[worst], worst);
    warnings.extend(power_checks(link, &positions, &channels, &laser_channel_mw));

    // Energy, density, reach.
    let energy = energy::energy(link, &laser_channel_mw);
    warnings.extend(tuning::warnings(
        link,
        &energy.ring_tuning,
        energy.rings_per_lane,
    ));
    let (density_tbps_per_mm, density) = energy::density(link);
    let lanes = link.lanes();
    let aggregate_bandwidth_tbps = lanes as f64 * rate_gbps * 1e-3;
    let payload_fraction = fec::payload_fraction(link);
    let fec = fec::summary(link, w.ber);
    let post_fec_ber = fec
        .as_ref()
        .map_or(w.ber, |f| f.at_operating_point.post_fec_ber);
    let reach = solve::reach(link, &response, &channels);
    let center_nm = positions.first().map_or(1310.0, |p| p.grid_center_nm);
    let (fsr_ghz, ring_linewidth_ghz) = ring::headline(&rings, center_nm);
    let corners = if with_capacity {
        let corners = corners::corners(link, &req, &unfloored, &laser_channel_mw);
        warnings.extend(corners::warnings(w.margin_db, &corners));
        corners
    } else {
        Vec::new()
    };

    // The design receiver's sensitivity as an OMA: the ideal-ER average power + 3.01 dB
    // (OMA = 2P̄ at an infinite extinction ratio).
    let receiver_oma_dbm = sensitivity.0 + Db::from_linear(2.0).0;
    let (standard, compliance) = match standards::assess(
        link,
        &positions,
        modulation.levels() as u32,
        receiver_oma_dbm,
    ) {
        Some((summary, lines)) => (Some(summary), lines),
        None => (None, Vec::new()),
    };

    Ok(Report {
        margin_db: w.margin_db,
        received_power_dbm: w.received_power_dbm,
        received_oma_dbm: w.received_oma_dbm,
        sensitivity_dbm: sensitivity.0,
        power_basis: POWER_BASIS,
        total_loss_db: w.loss_db,
        total_penalty_db: w.total_penalty_db,
        ber: w.ber,
        log10_ber: ber::log10_ber_from_q(modulation, w.q_factor),
        q_factor: w.q_factor,
        q_target,
        target_ber,
        max_bit_rate_gbps: capacity.max_bit_rate_gbps,
        max_bit_rate_capped: capacity.capped,
        capacity_limit: capacity.limit,
        capacity_limits: limits,
        shannon_capacity_gbps,
        channel_bandwidth_ghz,
        snr_db: ten_log10(snr.max(1e-300)),
        rise_time_ps: w.rise_time_ps,
        rise_time_budget,
        isi_penalty_db: w.isi_penalty_db,
        aggregate_bandwidth_tbps,
        segment: energy::segment(aggregate_bandwidth_tbps),
        lanes,
        energy_pj_per_bit: energy.total_pj_per_bit,
        fec_name: link.signaling.fec.name(),
        payload_rate_gbps: rate_gbps * payload_fraction,
        aggregate_payload_tbps: aggregate_bandwidth_tbps * payload_fraction,
        energy_pj_per_payload_bit: energy.total_pj_per_bit / payload_fraction,
        tuning_mw_per_ring: energy.ring_tuning.mw_per_ring,
        post_fec_ber,
        fec,
        bandwidth_density_tbps_per_mm: density_tbps_per_mm,
        payload_density_tbps_per_mm: density_tbps_per_mm * payload_fraction,
        laser_power_for_zero_margin_dbm: link.laser.power_dbm - w.margin_db,
        worst_channel: worst,
        extinction_ratio_db: er_db,
        noise_bandwidth_ghz: bandwidth_hz * 1e-9,
        stages,
        channels,
        penalties: penalty_list,
        energy,
        density,
        reach,
        fsr_ghz,
        ring_linewidth_ghz,
        rings: ring::summaries(link, center_nm, &ring_effects),
        corners,
        standard,
        compliance,
        warnings,
    })
}

/// The rise-time budget of the channel at `pos` (index `channel`) at the link's rate.
fn rise_time_budget(
    link: &Link,
    response: &Response,
    pos: &ChannelPosition,
    channel: usize,
) -> RiseTimeBudget {
    let rate = link.signaling.bit_rate_gbps;
    let rise = response.channel(pos.wavelength_nm, rate, None);
    let mut parts = bandwidth::parts(link);
    let longest_fiber = response
        .fibers
        .iter()
        .max_by(|a, b| a.length_km.total_cmp(&b.length_km));
    if let Some(f) = longest_fiber {
        parts.push(bandwidth::RiseTimePart {
            name: bandwidth::PartName::ChromaticDispersion {
                ps_per_nm: rise.dispersion_ps_per_nm,
                wavelength_nm: pos.wavelength_nm,
            },
            path: bandwidth::PartPath {
                element: Some(f.element),
                key: "length_m",
            },
            bandwidth_ghz: None,
            rise_time_ps: rise.chromatic_ps,
        });
        if let Some(mmf) = response
            .fibers
            .iter()
            .find(|f| f.modal_bandwidth_mhz_km.is_some())
        {
            parts.push(bandwidth::RiseTimePart {
                name: bandwidth::PartName::Fixed("Modal dispersion"),
                path: bandwidth::PartPath {
                    element: Some(mmf.element),
                    key: "modal_bandwidth_mhz_km",
                },
                bandwidth_ghz: None,
                rise_time_ps: rise.modal_ps,
            });
        }
    }
    let symbol_period_ps = response.symbol_period_ps(rate);
    let allowance_fraction = bandwidth::allowance_fraction(link.signaling.modulation);
    let allowed_ps = allowance_fraction * symbol_period_ps;
    RiseTimeBudget {
        channel,
        parts,
        total_ps: rise.total_ps,
        bit_period_ps: 1e3 / rate,
        symbol_period_ps,
        allowance_fraction,
        allowed_ps,
        within_allowance: rise.total_ps <= allowed_ps,
    }
}

/// Physical-limit checks on power: received power above the receiver's overload, and total
/// power into a waveguide above its nonlinear-loss onset. Each warning names the field.
/// `laser_channel_mw`: each channel's laser power, mW.
fn power_checks(
    link: &Link,
    positions: &[ChannelPosition],
    channels: &[Channel],
    laser_channel_mw: &[f64],
) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Some(overload) = link.receiver.overload_dbm
        && let Some((k, c)) = channels
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.received_power_dbm.total_cmp(&b.1.received_power_dbm))
        && c.received_power_dbm > overload
    {
        warnings.push(format!(
            "receiver.overload_dbm: channel {k} receives {:.2} dBm, above the receiver's \
             {overload} dBm overload (attenuate, or lower laser.power_dbm)",
            c.received_power_dbm
        ));
    }
    // Losses only lower the power: if all channels together leave the laser below every onset,
    // no waveguide can exceed its own.
    let launched_mw: f64 = laser_channel_mw.iter().sum();
    let lowest_onset = link
        .elements
        .iter()
        .filter_map(|e| match &e.kind {
            ElementKind::Waveguide(wg) => wg.nonlinear_onset_dbm,
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    if crate::units::Milliwatts(launched_mw).to_dbm().0 <= lowest_onset {
        return warnings;
    }
    for (i, e) in link.elements.iter().enumerate() {
        let ElementKind::Waveguide(wg) = &e.kind else {
            continue;
        };
        let Some(onset) = wg.nonlinear_onset_dbm else {
            continue;
        };
        let total_mw: f64 = positions
            .iter()
            .map(|pos| {
                let before: Db = link.elements[..i]
                    .iter()
                    .map(|el| chain::element_loss(el, pos))
                    .sum();
                (budget::laser_channel_dbm(link, pos) - before).to_mw().0
            })
            .sum();
        let total = crate::units::Milliwatts(total_mw).to_dbm();
        if total.0 > onset {
            warnings.push(format!(
                "elements[{i}].nonlinear_onset_dbm: {:.1} dBm (all channels) enters \"{}\", \
                 above its {onset} dBm onset of two-photon and free-carrier absorption; the \
                 budget does not include that loss (lower laser.power_dbm)",
                total.0,
                e.name()
            ));
        }
    }
    warnings
}
