//! The standards budget: a link judged the way an IEEE 802.3 clause judges it.
//!
//! A clause does not close a link with a noise model. It bounds the transmitter (OMAouter,
//! TDECQ, OMAouter − TDECQ, extinction ratio, RIN referred to OMA), the channel (insertion loss,
//! discrete reflections, dispersion through the reach) and the receiver (stressed sensitivity),
//! and sets the limits so that any compliant transmitter through any compliant channel into any
//! compliant receiver works. This module reads the link's own numbers (launch power, extinction
//! ratio, RIN, element losses, wavelengths, fibers) and the two values only a standard asks for
//! (the transmitter's TDECQ, the channel's reflections, [`Standard`]), and reports:
//!
//! - **compliance**: each spec line with its limit, the design's value and whether it is met;
//! - **closure by the standard's arithmetic**: OMA at TP3 = Tx OMA − channel IL − allocations
//!   against the OMA a receiver needs from a transmitter of that TDECQ,
//!   RS(TDECQ) + (SRS − RS(SECQ)), with RS(x) = max(floor, x − offset) the clause's sensitivity
//!   equation and SRS the stressed receiver sensitivity at the test's SECQ (IEEE Std 802.3-2022
//!   Clause 124 transmit, receive and illustrative power budget tables). At the clause's corners
//!   (OMA at its minimum for the maximum TDECQ, the maximum channel loss) this is the clause's
//!   own closure: 1.2 − 3.0 − (−1.9) = 0.1 dB for 400GBASE-DR4, the 6.5 dB power budget less
//!   3.0 dB of channel and 3.4 dB of TDECQ;
//! - **design margin**: how much better the design closes than a worst-case compliant link
//!   (closure at the design's values − closure at the clause's corners).
//!
//! RIN is a compliance line only: the clause already counts it inside the measured TDECQ, so the
//! standard's arithmetic does not count it again (the physics budget, which has no TDECQ, does).

use super::budget::laser_channel_dbm;
use super::chain::{ChannelPosition, element_loss};
use super::dispersion::{self, G652_MAX_SLOPE_PS_PER_NM2_KM, G652_ZERO_DISPERSION_RANGE_NM};
use crate::model::{Link, Reflections, Standard};
use serde::Serialize;
use std::borrow::Cow;

/// A value within this of its limit meets it (the rounding of entered values: a launch power
/// entered to 0.1 µdB).
const PASS_TOLERANCE: f64 = 1e-6;

/// One line of the compliance table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComplianceLine {
    /// The spec line, as the clause names it.
    pub item: Cow<'static, str>,
    /// "transmitter", "channel" or "receiver".
    pub section: &'static str,
    /// The limit.
    pub limit: f64,
    /// Whether the limit is a minimum ("min") or a maximum ("max").
    pub bound: &'static str,
    /// The design's value (the worst lane's).
    pub value: f64,
    /// Unit of `limit` and `value`.
    pub unit: &'static str,
    /// The value is within the limit.
    pub pass: bool,
    /// How far inside the limit the value is (negative: outside), in `unit`.
    pub headroom: f64,
}

/// The standards budget's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandardSummary {
    /// The clause.
    pub clause: String,
    /// The limits come from a draft.
    pub draft: bool,
    /// Every compliance line passes.
    pub compliant: bool,
    /// The link closes by the standard's arithmetic (`closure_margin_db` ≥ 0).
    pub closes: bool,
    /// Closure by the standard's arithmetic with the design's values, worst lane, dB.
    pub closure_margin_db: f64,
    /// The clause's own closure at its corners, dB.
    pub spec_margin_db: f64,
    /// `closure_margin_db − spec_margin_db`: how much better than a worst-case compliant link.
    pub design_margin_db: f64,
    /// OMAouter the transmitter needs at its TDECQ and extinction ratio, dBm.
    pub required_tx_oma_dbm: f64,
    /// OMAouter the receiver needs at TP3 from a transmitter of that TDECQ, dBm.
    pub required_rx_oma_dbm: f64,
    /// The design's OMAouter at TP3, worst lane, dBm.
    pub received_oma_dbm: f64,
    /// The lane with the least OMA at TP3.
    pub worst_lane: usize,
    /// Its average launch power at TP2, dBm.
    pub launch_average_dbm: f64,
    /// Its channel insertion loss (TP2 to TP3), dB.
    pub channel_loss_db: f64,
    /// OMA/P̄ at the link's extinction ratio, 10·log10(2(r − 1)/(r + 1)), dB.
    pub oma_over_average_db: f64,
    /// What the stressed test adds beyond the sensitivity equation, SRS − RS(SECQ), dB.
    pub stress_allowance_db: f64,
    /// Sum of the clause's named allocations, dB.
    pub allocations_db: f64,
    /// MPI penalty of the design's reflections ([`mpi_penalty_db`]); `None` without any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mpi_penalty_db: Option<f64>,
    /// MPI penalty of the reflections the clause allows at the same count; `None` when the
    /// clause gives no reflectance limits or the design has no reflections.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mpi_reference_db: Option<f64>,
}

/// Σ_{i<j} √(R_i·R_j) over every pair of the discrete reflections (linear reflectances): the
/// amplitude of the doubly reflected fields relative to the signal's.
pub fn pair_amplitude_sum(reflections: &[Reflections]) -> f64 {
    // Σ_{i<j} a_i a_j = ((Σ a)² − Σ a²)/2 with a = √R.
    let (mut sum, mut squares) = (0.0, 0.0);
    for r in reflections {
        let a = 10f64.powf(r.reflectance_db / 20.0);
        let n = f64::from(r.count);
        sum += n * a;
        squares += n * a * a;
    }
    ((sum * sum - squares) / 2.0).max(0.0)
}

/// Worst-case multipath-interference (MPI) penalty of an M-level intensity signal of extinction
/// ratio r, dB: δ = −10·log10(1 − 2S·ρ), `None` when the eye closes.
///
/// Two reflections R_i, R_j send a copy of the signal of power R_i·R_j·P back onto it; it beats
/// with the signal as 2√(R_i·R_j)·P·cos φ (J. L. Gimlett and N. K. Cheung, "Effects of
/// phase-to-intensity noise conversion by multiple reflections on gigabit-per-second DFB laser
/// transmission systems", J. Lightwave Technol. 7(6), 888–895, 1989). With every beat at its
/// peak, a level P_k moves by up to 2S·P_k, S = Σ_{i<j} √(R_i·R_j), and the top eye (levels
/// P_{M−1}, P_{M−2}, opening d = OMA/(M−1)) closes by 2S·(P_{M−1} + P_{M−2}):
/// ρ = (P_{M−1} + P_{M−2})/d = (2r(M−1) − (r − 1))/(r − 1). The receiver needs 1/(1 − 2Sρ)
/// more power for the same opening. For M = 2 and r → ∞ this is the worst-case coherent
/// crosstalk penalty −10·log10(1 − 2√ε) of R. Ramaswami, K. N. Sivarajan and G. H. Sasaki,
/// *Optical Networks*, 3rd ed., section "Intrachannel Crosstalk". IEEE 802.3's link models
/// discount this peak bound; it is used undiscounted here (conservative).
pub fn mpi_penalty_db(reflections: &[Reflections], levels: u32, er_linear: f64) -> Option<f64> {
    let s = pair_amplitude_sum(reflections);
    let m = f64::from(levels.max(2));
    let rho = if er_linear.is_finite() {
        (2.0 * er_linear * (m - 1.0) - (er_linear - 1.0)) / (er_linear - 1.0)
    } else {
        2.0 * (m - 1.0) - 1.0
    };
    let closed = 2.0 * s * rho;
    (closed < 1.0).then(|| -crate::units::ten_log10(1.0 - closed))
}

/// The largest reflectance the clause allows for `count` reflections: the row with the smallest
/// count ≥ `count` (a channel with fewer reflections may have each as bright as that row
/// allows); `None` beyond the table or without one.
pub fn reflectance_limit_db(standard: &Standard, count: u32) -> Option<f64> {
    standard
        .reflectance_limits
        .iter()
        .filter(|l| l.count >= count)
        .min_by_key(|l| l.count)
        .map(|l| l.reflectance_db)
}

/// One lane's design values at the clause's reference points.
struct Lane {
    wavelength_nm: f64,
    tx_average_dbm: f64,
    channel_loss_db: f64,
    dispersion_ps_per_nm: f64,
}

/// The compliance table and the closure of `link` (its channels at `positions`) against its
/// standard; `None` without one.
/// `levels`: 2 for NRZ, 4 for PAM4; `receiver_oma_dbm`: the design receiver's own sensitivity
/// (OMA at the target BER, clean signal).
pub(crate) fn assess(
    link: &Link,
    positions: &[ChannelPosition],
    levels: u32,
    receiver_oma_dbm: f64,
) -> Option<(StandardSummary, Vec<ComplianceLine>)> {
    let standard = link.standard.as_ref()?;
    let (tx, channel, rx) = (&standard.transmitter, &standard.channel, &standard.receiver);
    let er_db = super::extinction_ratio_db(link);
    let er = 10f64.powf(er_db / 10.0);
    let oma_over_average_db = super::chain::oma_over_average(er).0;
    let split = (standard.channel_from as usize).min(link.elements.len());
    let fibers: Vec<_> = dispersion::fibers(link)
        .into_iter()
        .filter(|f| f.element >= split)
        .collect();
    let lanes: Vec<Lane> = positions
        .iter()
        .map(|pos: &ChannelPosition| {
            let loss = |range: std::ops::Range<usize>| -> f64 {
                link.elements[range]
                    .iter()
                    .map(|e| element_loss(e, pos).0)
                    .sum()
            };
            Lane {
                wavelength_nm: pos.wavelength_nm,
                tx_average_dbm: laser_channel_dbm(link, pos).0 - loss(0..split),
                channel_loss_db: loss(split..link.elements.len()),
                dispersion_ps_per_nm: fibers
                    .iter()
                    .map(|f| f.coefficient(pos.wavelength_nm) * f.length_km)
                    .sum(),
            }
        })
        .collect();
    let worst = |f: &dyn Fn(&Lane) -> f64, max: bool| -> f64 {
        let values = lanes.iter().map(f);
        if max {
            values.fold(f64::NEG_INFINITY, f64::max)
        } else {
            values.fold(f64::INFINITY, f64::min)
        }
    };
    let tdecq = standard.tdecq_db;
    let mut lines = Vec::with_capacity(24);
    let mut line = |item: Cow<'static, str>, section, bound, limit: f64, value: f64, unit| {
        let headroom = if bound == "min" {
            value - limit
        } else {
            limit - value
        };
        lines.push(ComplianceLine {
            item,
            section,
            limit,
            bound,
            value,
            unit,
            pass: headroom >= -PASS_TOLERANCE,
            headroom,
        });
    };

    // Transmitter.
    let tx_oma_min = worst(&|l| l.tx_average_dbm, false) + oma_over_average_db;
    let tx_oma_max = worst(&|l| l.tx_average_dbm, true) + oma_over_average_db;
    let required_tx_oma = tx.oma_required_dbm(tdecq, er_db);
    let t = "transmitter";
    line(
        Cow::Borrowed("OMAouter (at its TDECQ)"),
        t,
        "min",
        required_tx_oma,
        tx_oma_min,
        "dBm",
    );
    line(
        Cow::Borrowed("OMAouter"),
        t,
        "max",
        tx.oma_max_dbm,
        tx_oma_max,
        "dBm",
    );
    line(
        Cow::Borrowed("OMAouter − TDECQ"),
        t,
        "min",
        tx.oma_minus_tdecq_at(er_db),
        tx_oma_min - tdecq,
        "dBm",
    );
    line(
        Cow::Borrowed("TDECQ"),
        t,
        "max",
        tx.tdecq_max_db,
        tdecq,
        "dB",
    );
    line(
        Cow::Borrowed("Extinction ratio"),
        t,
        "min",
        tx.extinction_ratio_min_db,
        er_db.min(1e3),
        "dB",
    );
    line(
        Cow::Borrowed("Average launch power"),
        t,
        "min",
        tx.average_power_min_dbm,
        worst(&|l| l.tx_average_dbm, false),
        "dBm",
    );
    line(
        Cow::Borrowed("Average launch power"),
        t,
        "max",
        tx.average_power_max_dbm,
        worst(&|l| l.tx_average_dbm, true),
        "dBm",
    );
    // RIN referred to OMA: noise/OMA² = (noise/P̄²)·(P̄/OMA)².
    line(
        Cow::Owned(format!(
            "RIN{}OMA",
            super::fixed::Fixed(tx.rin_return_loss_db, 1)
        )),
        t,
        "max",
        tx.rin_oma_max_db_per_hz,
        link.laser.rin_db_per_hz - 2.0 * oma_over_average_db,
        "dB/Hz",
    );
    // Each lane's wavelength inside its range: the smallest distance to an edge.
    let inside = lanes
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (lo, hi) = tx.lane_range_nm(i);
            (l.wavelength_nm - lo).min(hi - l.wavelength_nm)
        })
        .fold(f64::INFINITY, f64::min);
    line(
        Cow::Borrowed("Lane wavelength inside its range"),
        t,
        "min",
        0.0,
        inside,
        "nm",
    );

    // Channel.
    let c = "channel";
    let il_max = worst(&|l| l.channel_loss_db, true);
    line(
        Cow::Borrowed("Channel insertion loss"),
        c,
        "max",
        channel.insertion_loss_max_db,
        il_max,
        "dB",
    );
    if channel.insertion_loss_min_db > 0.0 {
        line(
            Cow::Borrowed("Channel insertion loss"),
            c,
            "min",
            channel.insertion_loss_min_db,
            worst(&|l| l.channel_loss_db, false),
            "dB",
        );
    }
    let fiber_m: f64 = fibers.iter().map(|f| f.length_km * 1e3).sum();
    line(
        Cow::Borrowed("Operating distance"),
        c,
        "max",
        channel.reach_m,
        fiber_m,
        "m",
    );
    // The clause's dispersion limits: ITU-T G.652's worst case (λ₀ 1300–1324 nm, S₀ ≤ 0.092)
    // at the lane's range edges over the reach.
    let reach_km = channel.reach_m * 1e-3;
    let (zero_lo, zero_hi) = G652_ZERO_DISPERSION_RANGE_NM;
    let d = |nm, zero| dispersion::dispersion_ps_per_nm_km(nm, zero, G652_MAX_SLOPE_PS_PER_NM2_KM);
    let (mut low_room, mut high_room) = ((f64::INFINITY, 0.0, 0.0), (f64::INFINITY, 0.0, 0.0));
    for (i, l) in lanes.iter().enumerate() {
        let (lo, hi) = tx.lane_range_nm(i);
        let (min_limit, max_limit) = (d(lo, zero_hi) * reach_km, d(hi, zero_lo) * reach_km);
        if l.dispersion_ps_per_nm - min_limit < low_room.0 {
            low_room = (
                l.dispersion_ps_per_nm - min_limit,
                min_limit,
                l.dispersion_ps_per_nm,
            );
        }
        if max_limit - l.dispersion_ps_per_nm < high_room.0 {
            high_room = (
                max_limit - l.dispersion_ps_per_nm,
                max_limit,
                l.dispersion_ps_per_nm,
            );
        }
    }
    if !lanes.is_empty() && reach_km > 0.0 {
        line(
            Cow::Borrowed("Chromatic dispersion"),
            c,
            "min",
            low_room.1,
            low_room.2,
            "ps/nm",
        );
        line(
            Cow::Borrowed("Chromatic dispersion"),
            c,
            "max",
            high_room.1,
            high_room.2,
            "ps/nm",
        );
    }
    let count: u32 = standard.reflections.iter().map(|r| r.count).sum();
    let brightest = standard
        .reflections
        .iter()
        .filter(|r| r.count > 0)
        .map(|r| r.reflectance_db)
        .fold(f64::NEG_INFINITY, f64::max);
    let allowed = (count > 0)
        .then(|| reflectance_limit_db(standard, count))
        .flatten();
    if let Some(limit) = allowed {
        line(
            Cow::Owned(format!("Discrete reflectance ({count} reflections)")),
            c,
            "max",
            limit,
            brightest,
            "dB",
        );
    } else if let Some(last) = standard.reflectance_limits.iter().max_by_key(|l| l.count)
        && count > 0
    {
        // More reflections than the table covers: held to its strictest row.
        line(
            Cow::Owned(format!(
                "Discrete reflectance ({count} reflections, beyond the table's {})",
                last.count
            )),
            c,
            "max",
            last.reflectance_db,
            brightest,
            "dB",
        );
    }
    let mpi = (count > 0)
        .then(|| mpi_penalty_db(&standard.reflections, levels, er))
        .map(|p| p.unwrap_or(super::penalties::UNREACHABLE_PENALTY_DB));
    let mpi_reference = allowed.and_then(|limit| {
        mpi_penalty_db(
            &[Reflections {
                count,
                reflectance_db: limit,
            }],
            levels,
            er,
        )
    });
    if let (Some(value), Some(limit)) = (mpi, mpi_reference) {
        line(
            Cow::Borrowed("MPI penalty (at the allowed reflections)"),
            c,
            "max",
            limit,
            value,
            "dB",
        );
    }

    // Receiver.
    let r = "receiver";
    // The lane with the least OMA at TP3.
    let (worst_lane, worst_at_tp3) = lanes.iter().enumerate().min_by(|(_, a), (_, b)| {
        (a.tx_average_dbm - a.channel_loss_db).total_cmp(&(b.tx_average_dbm - b.channel_loss_db))
    })?;
    let received_oma =
        worst_at_tp3.tx_average_dbm - worst_at_tp3.channel_loss_db + oma_over_average_db;
    let allocations = standard.allocations.iter().fold(0.0, |sum, a| sum + a.db);
    let required_rx_oma = rx.required_oma_dbm(tdecq);
    line(
        Cow::Borrowed("OMAouter at TP3 (needed from this TDECQ)"),
        r,
        "min",
        required_rx_oma + allocations,
        received_oma,
        "dBm",
    );
    let received = |l: &Lane| l.tx_average_dbm - l.channel_loss_db;
    for (bound, limit, max) in [
        ("max", rx.average_power_max_dbm, true),
        ("min", rx.average_power_min_dbm, false),
    ] {
        line(
            Cow::Borrowed("Average receive power"),
            r,
            bound,
            limit,
            worst(&received, max),
            "dBm",
        );
    }
    line(
        Cow::Borrowed("Receiver sensitivity (OMAouter, clean signal)"),
        r,
        "max",
        rx.sensitivity_dbm(0.0),
        receiver_oma_dbm,
        "dBm",
    );

    let closure = received_oma - allocations - required_rx_oma;
    // The clause's corner: the smallest OMA any compliant transmitter may launch at the maximum
    // TDECQ (the lower of the OMA − TDECQ rules), through the lossiest channel.
    let lowest_rule = tx
        .low_er_oma_minus_tdecq_min_dbm
        .map_or(tx.oma_minus_tdecq_min_dbm, |low| {
            low.min(tx.oma_minus_tdecq_min_dbm)
        });
    let spec = tx.oma_min_dbm.max(lowest_rule + tx.tdecq_max_db)
        - channel.insertion_loss_max_db
        - allocations
        - rx.required_oma_dbm(tx.tdecq_max_db);
    let summary = StandardSummary {
        clause: standard.clause.clone(),
        draft: standard.draft,
        compliant: lines.iter().all(|l| l.pass),
        closes: closure >= 0.0,
        closure_margin_db: closure,
        spec_margin_db: spec,
        design_margin_db: closure - spec,
        required_tx_oma_dbm: required_tx_oma,
        required_rx_oma_dbm: required_rx_oma,
        received_oma_dbm: received_oma,
        worst_lane,
        launch_average_dbm: worst_at_tp3.tx_average_dbm,
        channel_loss_db: worst_at_tp3.channel_loss_db,
        oma_over_average_db,
        stress_allowance_db: rx.stress_allowance_db(),
        allocations_db: allocations,
        mpi_penalty_db: mpi,
        mpi_reference_db: mpi_reference,
    };
    Some((summary, lines))
}
