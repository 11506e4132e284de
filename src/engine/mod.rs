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

pub mod ber;
pub mod budget;
pub mod capacity;
pub mod chain;
pub mod curves;
pub mod diff;
pub mod energy;
mod error;
pub mod fec;
pub mod montecarlo;
pub mod noise;
pub mod params;
pub mod penalties;
pub mod receiver;
mod report;
pub mod roots;
pub mod solve;
pub mod sweep;
pub mod sweep2d;
pub mod tornado;
mod validate;

pub use error::LinkError;
pub use report::{Channel, Density, EnergyBreakdown, Penalty, Reach, Report, Stage};
pub use validate::validate;

use crate::model::{ElementKind, Link};
use crate::units::{Db, Dbm};
use chain::ChannelPosition;
use noise::Noise;
use penalties::UNREACHABLE_PENALTY_DB;

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

/// [`evaluate`], optionally without the bit-rate capacity search (the costliest part). Without
/// it `max_bit_rate_gbps` is reported as 0; sweeps that do not record it use this.
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
    let oma_factor = Db::from_linear(2.0 * (er - 1.0) / (er + 1.0));
    let mut channels = Vec::with_capacity(positions.len());
    let mut laser_channel_mw = Vec::with_capacity(positions.len());
    budget::for_each_channel(link, &positions, isolation_db, |pos, b| {
        laser_channel_mw.push(b.laser.to_mw().0);
        if b.crosstalk.is_none() {
            warnings.push(format!(
                "crosstalk closes the eye of channel {} ({:.2} nm): isolation {} dB is too low",
                pos.index,
                pos.wavelength_nm,
                isolation_db.unwrap_or(0.0)
            ));
        }
        let crosstalk = b.crosstalk_db();
        let received = b.received;
        let total_penalty = req.total_penalty(crosstalk);
        let margin = req.margin(received, crosstalk);
        let effective = received - crosstalk - allocations;
        let q = noise.q_factor(effective.to_watts(), er, modulation);
        channels.push(Channel {
            wavelength_nm: pos.wavelength_nm,
            laser_power_dbm: b.laser.0,
            loss_db: b.loss.0,
            received_power_dbm: received.0,
            received_oma_dbm: (received + oma_factor).0,
            crosstalk_penalty_db: crosstalk.0,
            total_penalty_db: total_penalty.0,
            margin_db: margin.0,
            q_factor: q,
            ber: ber::ber_from_q(modulation, q),
        });
    });
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
    let stages = staircase(link, &positions[worst], Dbm(w.laser_power_dbm));

    // Penalties of the worst channel.
    let mut penalty_list = vec![
        Penalty {
            name: "Extinction ratio".into(),
            db: er_penalty.0,
            computed: true,
            note: format!(
                "ER {er_db:.2} dB; thermal-limited closed form 10·log10((r+1)/(r−1)) = {:.3} dB",
                penalties::extinction_ratio_penalty(er).0
            ),
        },
        Penalty {
            name: "Laser RIN".into(),
            db: rin_penalty.0,
            computed: true,
            note: format!(
                "RIN {} dB/Hz over the noise bandwidth",
                link.laser.rin_db_per_hz
            ),
        },
    ];
    if let (Some(iso), true) = (isolation_db, count > 1) {
        penalty_list.push(Penalty {
            name: "WDM crosstalk".into(),
            db: w.crosstalk_penalty_db,
            computed: true,
            note: format!(
                "{} adjacent channel(s) at {iso} dB isolation",
                positions[worst].adjacent_count()
            ),
        });
    }
    penalty_list.extend(link.penalties.allocations.iter().map(|a| Penalty {
        name: a.name.clone(),
        db: a.db,
        computed: false,
        note: a.note.clone(),
    }));

    // Capacity.
    let effective_worst = Dbm(w.received_power_dbm) - Db(w.crosstalk_penalty_db) - allocations;
    let guess = rate_gbps * 10f64.powf(w.margin_db.clamp(-60.0, 60.0) / 5.0);
    let (max_bit_rate_gbps, max_bit_rate_capped) = if with_capacity {
        max_rate_at(link, effective_worst, guess)
    } else {
        (0.0, false)
    };
    let bandwidth_hz = receiver::noise_bandwidth_hz(link, rate_gbps);
    let snr = snr_at(link, &noise, Dbm(w.received_power_dbm));
    let shannon_capacity_gbps = capacity::shannon_capacity_gbps(bandwidth_hz * 1e-9, snr);

    // Energy, density, reach.
    let energy = energy::energy(link, &laser_channel_mw);
    let (density_tbps_per_mm, density) = energy::density(link);
    let lanes = link.lanes();
    let aggregate_bandwidth_tbps = lanes as f64 * rate_gbps * 1e-3;
    let payload_fraction = fec::payload_fraction(link);
    let fec = fec::summary(link, w.ber);
    let post_fec_ber = fec
        .as_ref()
        .map_or(w.ber, |f| f.at_operating_point.post_fec_ber);
    let reach = solve::reach(link, w.margin_db);

    Ok(Report {
        margin_db: w.margin_db,
        received_power_dbm: w.received_power_dbm,
        received_oma_dbm: w.received_oma_dbm,
        sensitivity_dbm: sensitivity.0,
        power_basis: POWER_BASIS.into(),
        total_loss_db: w.loss_db,
        total_penalty_db: w.total_penalty_db,
        ber: w.ber,
        log10_ber: ber::log10_ber_from_q(modulation, w.q_factor),
        q_factor: w.q_factor,
        q_target,
        target_ber,
        max_bit_rate_gbps,
        max_bit_rate_capped,
        shannon_capacity_gbps,
        snr_db: 10.0 * snr.log10(),
        aggregate_bandwidth_tbps,
        segment: energy::segment(aggregate_bandwidth_tbps).into(),
        lanes,
        energy_pj_per_bit: energy.total_pj_per_bit,
        fec_name: link.signaling.fec.name().into(),
        payload_rate_gbps: rate_gbps * payload_fraction,
        aggregate_payload_tbps: aggregate_bandwidth_tbps * payload_fraction,
        energy_pj_per_payload_bit: energy.total_pj_per_bit / payload_fraction,
        post_fec_ber,
        fec,
        bandwidth_density_tbps_per_mm: density_tbps_per_mm,
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
        warnings,
    })
}

/// The highest bit rate at which a channel whose effective received power (received − crosstalk
/// − allocations) is `effective` still has zero margin; see [`capacity::max_rate_gbps`].
pub(crate) fn max_rate_at(link: &Link, effective: Dbm, guess_gbps: f64) -> (f64, bool) {
    let modulation = link.signaling.modulation;
    let er = Db(extinction_ratio_db(link)).to_linear();
    let q_target = ber::q_from_ber(modulation, fec::target_ber(link));
    let margin_at = |rate: f64| -> f64 {
        let n = receiver::noise_at(link, rate);
        match budget::required_dbm(&n, q_target, er, modulation) {
            Some(req) => (effective - req).0,
            None => -UNREACHABLE_PENALTY_DB,
        }
    };
    capacity::max_rate_gbps(margin_at, guess_gbps)
}

/// Electrical SNR (R·P̄)²/σ² at received average power `received` (floored at 1e-300).
pub(crate) fn snr_at(link: &Link, noise: &Noise, received: Dbm) -> f64 {
    let signal_a = link.receiver.responsivity_a_per_w * received.to_watts();
    (signal_a * signal_a / noise.variance_a2(signal_a)).max(1e-300)
}

/// Power after each element for one channel, laser first.
fn staircase(link: &Link, pos: &ChannelPosition, laser: Dbm) -> Vec<Stage> {
    let mut power = laser;
    let mut stages = Vec::with_capacity(link.elements.len() + 1);
    stages.push(Stage {
        name: "Laser".into(),
        kind: "Laser".into(),
        loss_db: 0.0,
        power_dbm: power.0,
        power_mw: power.to_mw().0,
    });
    for element in &link.elements {
        let loss = chain::element_loss(element, pos);
        power = Dbm((power - loss).0.max(Dbm::FLOOR.0));
        stages.push(Stage {
            name: element.name().to_owned(),
            kind: element.kind_name().to_owned(),
            loss_db: loss.0,
            power_dbm: power.0,
            power_mw: power.to_mw().0,
        });
    }
    stages
}
