//! The power budget: received power, each element's loss, the penalties, the margin, the laser
//! power for zero margin and the reach.

use super::format::{number as n, sum};
use super::{Draft, Inputs};
use crate::engine::{Report, bandwidth, budget, chain, evaluate, penalties};
use crate::model::{Element, ElementKind, Link};

const SRC_BUDGET: &str = "engine::budget: margin_k = received_k − (sensitivity + ER penalty + RIN \
                          penalty) − crosstalk_k − ISI_k − allocations, all average powers";
const SRC_LASER: &str = "engine::budget::laser_channel_dbm: P + tilt·u/2 − ripple/2 + offset_k, u \
                         the channel's normalised position (−1 first … +1 last)";
const SRC_ER: &str = "Agrawal, Fiber-Optic Communication Systems, \"Sensitivity Degradation\": \
                      the extra average power a finite extinction ratio (then RIN) needs for the \
                      same Q; thermal-limited closed form 10·log10((r+1)/(r−1))";
const SRC_XT: &str = "Agrawal, Fiber-Optic Communication Systems, \"Heterowavelength Linear \
                      Crosstalk\": δ_X = −10·log10(1 − X), X = n_adj·10^(−ISO/10)";
const SRC_ISI: &str = "engine::bandwidth: Gaussian response, inner-eye opening 1 − 2M·Qf(T/2σ), \
                       σ = t_sys/2.563; penalty −10·log10(opening)";
const SRC_SOLVE: &str = "engine::solve: every passive loss enters the margin linearly in dB: \
                         margin(ℓ) = margin₀ − α(ℓ − ℓ₀), margin(P) = margin₀ + (P − P₀)";
const SRC_CHAIN: &str = "engine::chain::element_loss (Keiser, Optical Fiber Communications; \
                         Agrawal, \"Extinction Ratio\"; Marchetti et al. 2019; Smit and van Dam \
                         1996)";

/// The budget's derivations.
pub(super) fn drafts(link: &Link, r: &Report, out: &mut Vec<Draft>) {
    let w = &r.channels[r.worst_channel];
    let positions = budget::channel_positions(link);
    let u = positions
        .get(r.worst_channel)
        .map_or(0.0, |p| p.normalized_offset());
    let laser = &link.laser;
    let offset = laser
        .channel_offsets_db
        .get(r.worst_channel)
        .copied()
        .unwrap_or(0.0);
    let k = r.worst_channel;
    out.push(
        Draft::new(
            "margin_db",
            r.margin_db,
            "dB",
            format!("margin = P_rx − S − Σ penalties (worst channel, {k})"),
            format!(
                "{} − {} − ({})",
                n(r.received_power_dbm),
                n(r.sensitivity_dbm),
                sum(r.penalties.iter().map(|p| p.db))
            ),
        )
        .inputs(Inputs::moving(&[""]))
        .depends_on(
            [
                "received_power_dbm".to_owned(),
                "sensitivity_dbm".to_owned(),
            ]
            .into_iter()
            .chain((0..r.penalties.len()).map(|i| format!("penalties[{i}].db"))),
        )
        .source(SRC_BUDGET),
    );
    out.push(
        Draft::new(
            "received_power_dbm",
            r.received_power_dbm,
            "dBm",
            format!(
                "P_rx = P_λ − L_total, P_λ = P + tilt·u/2 − ripple/2 + offset (channel {k}, u = {})",
                n(u)
            ),
            format!(
                "{} + {} × {} / 2 − {} / 2 + {} − {}",
                n(laser.power_dbm),
                n(laser.tilt_db),
                n(u),
                n(laser.ripple_db),
                n(offset),
                n(w.loss_db)
            ),
        )
        .inputs(
            Inputs::direct([
                "laser.power_dbm".to_owned(),
                "laser.tilt_db".to_owned(),
                "laser.ripple_db".to_owned(),
                format!("laser.channel_offsets_db[{k}]"),
            ])
            .and_moving(&["elements["]),
        )
        .depends_on(["total_loss_db"])
        .source(SRC_LASER),
    );
    out.push(
        Draft::new(
            "total_loss_db",
            r.total_loss_db,
            "dB",
            format!("L_total = Σ element losses (channel {k})"),
            sum(r.stages.iter().skip(1).map(|s| s.loss_db)),
        )
        .inputs(Inputs::moving(&["elements["]))
        .depends_on((1..r.stages.len()).map(|i| format!("stages[{i}].loss_db")))
        .source(SRC_CHAIN),
    );
    // Stages after the laser: one per element, each design-mode ring followed by its bus
    // through-loss.
    let mut stage = 1;
    for (i, element) in link.elements.iter().enumerate() {
        let (Some(s), Some(pos)) = (r.stages.get(stage), positions.get(k)) else {
            break;
        };
        let loss = chain::element_loss(element, pos).0;
        out.push(element_loss(i, stage, element, s.loss_db, loss, pos));
        stage += 1;
        if let Some(s) = r.stages.get(stage).filter(|s| s.kind == "RingThrough") {
            out.push(super::rings::through(
                i, element, &positions, k, stage, s.loss_db,
            ));
            stage += 1;
        }
    }
    penalty_drafts(link, r, out);
    out.push(
        Draft::new(
            "laser_power_for_zero_margin_dbm",
            r.laser_power_for_zero_margin_dbm,
            "dBm",
            "P₀ = P − margin (the margin moves dB for dB with the laser power)",
            format!("{} − {}", n(laser.power_dbm), n(r.margin_db)),
        )
        .inputs(Inputs::direct(["laser.power_dbm"]).and_moving(&[""]))
        .depends_on(["margin_db"])
        .source(SRC_SOLVE),
    );
    reach_drafts(link, r, out);
}

/// The loss of element `i`, staircase entry `stage` (`reported` there; `loss` its formula's
/// value).
fn element_loss(
    i: usize,
    stage: usize,
    element: &Element,
    reported: f64,
    loss: f64,
    pos: &chain::ChannelPosition,
) -> Draft {
    let p = |key: &str| format!("elements[{i}].{key}");
    let key = format!("stages[{stage}].loss_db");
    let (equation, lhs, inputs): (String, String, Vec<String>) = match &element.kind {
        ElementKind::EdgeCoupler(e)
        | ElementKind::Connector(e)
        | ElementKind::Splice(e)
        | ElementKind::Isolator(e)
        | ElementKind::Custom(e) => (
            "L = the entered insertion loss".into(),
            n(e.loss_db),
            vec![p("loss_db")],
        ),
        ElementKind::Waveguide(wg) => (
            "L = α·ℓ + N_bend·L_bend + N_cross·L_cross".into(),
            format!(
                "{} × {} + {} × {} + {} × {}",
                n(wg.loss_db_per_cm),
                n(wg.length_cm),
                wg.bends,
                n(wg.loss_db_per_bend),
                wg.crossings,
                n(wg.loss_db_per_crossing)
            ),
            vec![
                p("loss_db_per_cm"),
                p("length_cm"),
                p("bends"),
                p("loss_db_per_bend"),
                p("crossings"),
                p("loss_db_per_crossing"),
            ],
        ),
        ElementKind::Fiber(f) => (
            "L = α[dB/km] · ℓ[m] / 1000".into(),
            format!("{} × {} / 1000", n(f.loss_db_per_km), n(f.length_m)),
            vec![p("loss_db_per_km"), p("length_m")],
        ),
        ElementKind::Splitter(s) => (
            "L = 10·log10(N) + excess loss (ideal 1:N split)".into(),
            format!("10 × log10({}) + {}", s.ways, n(s.excess_loss_db)),
            vec![p("ways"), p("excess_loss_db")],
        ),
        ElementKind::Modulator(m) => (
            "L = IL + 10·log10(2/(1 + 1/r)), r = 10^(ER/10) (average power of P1 and P0 = P1/r)"
                .into(),
            format!(
                "{} + 10 × log10(2 / (1 + 1 / 10^({} / 10)))",
                n(m.insertion_loss_db),
                n(m.extinction_ratio_db)
            ),
            vec![p("insertion_loss_db"), p("extinction_ratio_db")],
        ),
        ElementKind::GratingCoupler(g) => {
            let offset = match g.bandwidth_1db_nm {
                Some(bw) if bw > 0.0 => {
                    let center = g.center_nm.unwrap_or(pos.grid_center_nm);
                    format!(
                        " + (2 × ({} − {}) / {})^2",
                        n(pos.wavelength_nm),
                        n(center),
                        n(bw)
                    )
                }
                _ => String::new(),
            };
            (
                "L = L₀ + (2Δλ/BW₁dB)² (Gaussian passband, parabolic in dB)".into(),
                format!("{}{offset}", n(g.loss_db)),
                vec![p("loss_db"), p("bandwidth_1db_nm"), p("center_nm")],
            )
        }
        ElementKind::Mux(wdm) | ElementKind::Demux(wdm) => {
            let u = pos.normalized_offset();
            (
                "L = IL + edge extra loss · u², u the channel's offset from the grid centre".into(),
                format!(
                    "{} + {} × {}^2",
                    n(wdm.insertion_loss_db),
                    n(wdm.edge_extra_loss_db),
                    n(u)
                ),
                vec![p("insertion_loss_db"), p("edge_extra_loss_db")],
            )
        }
        // Ring drop filters (their model is being extended) and any new kind.
        _ => generic(element, reported),
    };
    // A formula that does not give the staircase's number (a kind whose loss model changed):
    // state the engine's number and name every field of the element.
    let (equation, lhs, inputs) = if (loss - reported).abs() > 1e-9 * reported.abs().max(1.0) {
        generic(element, reported)
    } else {
        (equation, lhs, inputs)
    };
    let inputs = if inputs.is_empty() {
        Inputs::moving(&[&format!("elements[{i}].")])
    } else {
        Inputs::direct(inputs)
    };
    Draft::new(
        key,
        reported,
        "dB",
        format!("{} \"{}\": {equation}", element.kind_name(), element.name()),
        lhs,
    )
    .inputs(inputs)
    .source(SRC_CHAIN)
}

/// An element whose loss is stated as the engine computes it.
fn generic(element: &Element, reported: f64) -> (String, String, Vec<String>) {
    (
        format!(
            "L = the {} loss model of engine::chain at this channel",
            element.kind_name()
        ),
        n(reported),
        Vec::new(),
    )
}

/// Each penalty of the worst channel.
fn penalty_drafts(link: &Link, r: &Report, out: &mut Vec<Draft>) {
    let req = budget::requirement(link);
    let modulation = link.signaling.modulation;
    let plain = req.noise.without_rin();
    let with_er = budget::required_dbm(&plain, req.q_target, req.er_linear, modulation);
    let w = &r.channels[r.worst_channel];
    let mut allocation = 0;
    for (k, p) in r.penalties.iter().enumerate() {
        let key = format!("penalties[{k}].db");
        let draft = match (p.computed, &*p.name) {
            (true, "Extinction ratio") => {
                let er = with_er.map_or(r.sensitivity_dbm, |d| d.0);
                Draft::new(
                    key,
                    p.db,
                    "dB",
                    format!(
                        "δ_ER = P̄(Q_target; r) − P̄(Q_target; r → ∞) = required power at the ER \
                         − sensitivity (thermal-limited reference: 10·log10((r+1)/(r−1)) = {} dB)",
                        n(penalties::extinction_ratio_penalty(req.er_linear).0)
                    ),
                    format!("{} − {}", n(er), n(r.sensitivity_dbm)),
                )
                .inputs(er_inputs(link))
                .depends_on(["sensitivity_dbm"])
                .source(SRC_ER)
            }
            (true, "Laser RIN") => {
                let lhs = match (req.required, with_er) {
                    (Some(all), Some(er)) => format!("{} − {}", n(all.0), n(er.0)),
                    _ => n(p.db),
                };
                Draft::new(
                    key,
                    p.db,
                    "dB",
                    "δ_RIN = P̄(Q_target; r, RIN) − P̄(Q_target; r) (99 dB when RIN floors Q below \
                     the target)",
                    lhs,
                )
                .inputs(Inputs::direct(["laser.rin_db_per_hz"]).and_moving(&["receiver."]))
                .source(SRC_ER)
            }
            (true, "ISI (bandwidth, dispersion)") => {
                let symbol = r.rise_time_budget.symbol_period_ps;
                let opening = bandwidth::eye_opening(w.rise_time_ps, symbol, modulation.levels());
                Draft::new(
                    key,
                    p.db,
                    "dB",
                    format!(
                        "δ_ISI = −10·log10(1 − 2M·Qf(T/2σ)), σ = t_sys/2.563; t_sys = {} ps, T = {} ps",
                        n(w.rise_time_ps),
                        n(symbol)
                    ),
                    format!("-10 × log10({})", n(opening)),
                )
                .inputs(
                    Inputs::direct(
                        r.rise_time_budget
                            .parts
                            .iter()
                            .map(|part| part.path.to_string())
                            .chain(["signaling.bit_rate_gbps".to_owned()]),
                    )
                    .and_moving(&["elements[", "receiver."]),
                )
                .source(SRC_ISI)
            }
            (true, "WDM crosstalk")
                if link.elements.iter().enumerate().any(|(i, e)| {
                    crate::engine::ring::RingDesign::of(i, e)
                        .is_some_and(|d| d.port == crate::engine::ring::Port::AddDrop)
                }) =>
            {
                let ratio_db = r
                    .channels
                    .get(r.worst_channel)
                    .and_then(|c| c.crosstalk_db)
                    .unwrap_or(f64::NEG_INFINITY);
                super::rings::crosstalk(key, p.db, ratio_db, &link.elements)
            }
            (true, "WDM crosstalk") => {
                let iso = crate::engine::chain::receive_isolation_db(link).unwrap_or(0.0);
                let adjacent = budget::channel_positions(link)
                    .get(r.worst_channel)
                    .map_or(0, |p| p.adjacent_count());
                let paths = link.elements.iter().enumerate().filter_map(|(i, e)| {
                    e.adjacent_isolation_db()
                        .map(|_| format!("elements[{i}].adjacent_isolation_db"))
                });
                Draft::new(
                    key,
                    p.db,
                    "dB",
                    "δ_X = −10·log10(1 − n_adj·10^(−ISO/10)), ISO the receive filters' summed \
                     adjacent-channel isolation",
                    format!("-10 × log10(1 − {adjacent} × 10^(-{} / 10))", n(iso)),
                )
                .inputs(Inputs::direct(paths))
                .source(SRC_XT)
            }
            _ => {
                let path = format!("penalties.allocations[{allocation}].db");
                allocation += 1;
                Draft::new(
                    key,
                    p.db,
                    "dB",
                    format!("\"{}\": an entered allocation", p.name),
                    n(p.db),
                )
                .inputs(Inputs::direct([path]))
                .source("the link file's penalty allocation")
            }
        };
        out.push(draft);
    }
}

/// The extinction ratio's field: the modulator's, else the signal's.
fn er_inputs(link: &Link) -> Inputs {
    let modulator = link
        .elements
        .iter()
        .position(|e| matches!(e.kind, ElementKind::Modulator(_)));
    Inputs::direct([modulator.map_or_else(
        || "signaling.extinction_ratio_db".to_owned(),
        |i| format!("elements[{i}].extinction_ratio_db"),
    )])
    .and_moving(&["receiver."])
}

/// The maximum length of each waveguide and fiber.
fn reach_drafts(link: &Link, r: &Report, out: &mut Vec<Draft>) {
    for (j, reach) in r.reach.iter().enumerate() {
        let Some(max) = reach.max_length else {
            continue;
        };
        let Some(element) = link.elements.get(reach.element) else {
            continue;
        };
        let Some((length, per_unit, unit)) = chain::loss_per_length(element) else {
            continue;
        };
        let key = format!("reach[{j}].max_length");
        let path = format!(
            "elements[{}].{}",
            reach.element,
            if unit == "m" { "length_m" } else { "length_cm" }
        );
        let unclamped = length + r.margin_db / per_unit;
        let loss_only = unclamped.max(0.0);
        let draft = if per_unit > 0.0 && unclamped < 0.0 && max == 0.0 {
            // The link does not close even without this element's length.
            Draft::new(
                key,
                max,
                unit,
                format!(
                    "ℓ_max = max(0, ℓ₀ + margin/α) = 0: the link does not close even at zero \
                     length (ℓ₀ + margin/α = {} {unit})",
                    n(unclamped)
                ),
                n(0.0),
            )
        } else if per_unit > 0.0 && (loss_only - max).abs() <= 1e-9 * max.abs().max(1.0) {
            Draft::new(
                key,
                max,
                unit,
                format!("ℓ_max = ℓ₀ + margin/α (α = loss per {unit}; loss limits)"),
                format!("{} + {} / {}", n(length), n(r.margin_db), n(per_unit)),
            )
        } else {
            // Solved: margin(ℓ_max) = 0 with loss and dispersion; the check evaluates the link
            // at the solution.
            let mut at = link.clone();
            let set = crate::engine::params::field_mut(&mut at, &path)
                .is_some_and(|f| f.set(max).is_ok());
            let margin = set
                .then(|| evaluate(&at).ok())
                .flatten()
                .map(|rep| rep.margin_db);
            match margin {
                Some(m) if per_unit > 0.0 && max > 0.0 => Draft::new(
                    key,
                    max,
                    unit,
                    format!(
                        "solved: margin(ℓ_max) = 0 with loss and dispersion ({} limits); check: \
                         ℓ_max + margin(ℓ_max)/α",
                        reach.limit
                    ),
                    format!("{} + {} / {}", n(max), n(m), n(per_unit)),
                ),
                _ => Draft::new(
                    key,
                    max,
                    unit,
                    format!("solved: margin(ℓ_max) = 0 ({} limits)", reach.limit),
                    n(max),
                ),
            }
        };
        out.push(
            draft
                .inputs(Inputs::direct([path]).and_moving(&[""]))
                .depends_on(["margin_db"])
                .source(SRC_SOLVE),
        );
    }
}
