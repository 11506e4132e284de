//! The report's sections below the headline, each a `maud` template.

use super::{Cell, n, num, numeric, table, text};
use crate::engine::Report;
use crate::engine::montecarlo::Summary;
use crate::engine::tornado::Tornado;
use crate::export::svg;
use crate::model::{Basis, Link, Modulation};
use crate::present::{self, EnergyPart};
use maud::{Markup, PreEscaped, html};

/// The main inputs.
pub(super) fn inputs(link: &Link) -> Markup {
    let l = &link.laser;
    let s = &link.signaling;
    let modulation = match s.modulation {
        Modulation::Nrz => "NRZ",
        Modulation::Pam4 => "PAM4",
    };
    html! {
        h2 { "Inputs" }
        (table(
            &["Quantity", "Value"],
            [
                vec![text("Laser power per λ, dBm"), n(l.power_dbm, 2)],
                vec![text("Wavelengths"), n(link.wavelength_count() as f64, 0)],
                vec![text("Laser RIN, dB/Hz"), n(l.rin_db_per_hz, 1)],
                vec![text("Wall-plug efficiency"), n(l.wall_plug_efficiency, 3)],
                vec![text("Modulation"), text(modulation)],
                vec![text("Bit rate per lane"), numeric(&present::rate_gbps(s.bit_rate_gbps))],
                vec![text("Responsivity, A/W"), n(link.receiver.responsivity_a_per_w, 3)],
                vec![text("Target BER"), text(&format!("{:e}", link.receiver.target_ber))],
            ],
        ))
    }
}

/// The staircase table and the budget line under it.
pub(super) fn staircase(r: &Report) -> Markup {
    let rows = r.stages.iter().enumerate().map(|(i, st)| {
        vec![
            n(i as f64, 0),
            text(st.kind),
            text(&st.name),
            n(st.loss_db, 3),
            n(st.power_dbm, 3),
            n(st.power_mw(), 4),
        ]
    });
    html! {
        h2 { "Power staircase and loss table (worst channel)" }
        (table(
            &["#", "Kind", "Name", "Loss, dB", "Power after, dBm", "Power after, mW"],
            rows,
        ))
        p {
            "Total loss " (num(r.total_loss_db, 3)) " dB · received " (num(r.received_power_dbm, 3))
            " dBm · sensitivity " (num(r.sensitivity_dbm, 3)) " dBm · penalties "
            (num(r.total_penalty_db, 3)) " dB · margin " b { (num(r.margin_db, 3)) } " dB"
        }
    }
}

/// The penalties table.
pub(super) fn penalties(r: &Report) -> Markup {
    let rows = r.penalties.iter().map(|p| {
        vec![
            text(&p.name),
            n(p.db, 3),
            text(if p.computed { "computed" } else { "allocated" }),
            text(&p.note.to_string()),
        ]
    });
    html! {
        h2 { "Penalties" }
        (table(&["Penalty", "dB", "How", "Note"], rows))
    }
}

/// The standards budget, when the link names a standard: the verdict, the compliance table and
/// the closure by the clause's arithmetic.
pub(super) fn compliance(r: &Report) -> Markup {
    use crate::present::compliance::{limit_text, pass_text, signed_2, value_text, verdict_text};
    let Some(s) = &r.standard else {
        return html! {};
    };
    let rows = r.compliance.iter().map(|l| {
        vec![
            text(l.section),
            text(&l.item),
            numeric(&limit_text(l)),
            numeric(&value_text(l)),
            numeric(&signed_2(l.headroom)),
            Cell {
                numeric: false,
                content: html! { span class=(if l.pass { "pass" } else { "fail" }) { (pass_text(l)) } },
            },
        ]
    });
    html! {
        h2 id="compliance" { "Standards compliance — " (s.clause) @if s.draft { " (DRAFT)" } }
        p class=(if s.closes && s.compliant { "pass" } else { "fail" }) { (verdict_text(s, &r.compliance)) }
        (table(&["Section", "Spec line", "Limit", "Value", "Inside by", ""], rows))
        p {
            "Closure by the standard: OMA at TP3 " (num(s.received_oma_dbm, 2)) " dBm (lane "
            (s.worst_lane) ": launch " (num(s.launch_average_dbm, 2)) " dBm average − channel "
            (num(s.channel_loss_db, 2)) " dB, OMA/P̄ " (num(s.oma_over_average_db, 2))
            " dB) − allocations " (num(s.allocations_db, 2)) " dB − the OMA needed from a \
            transmitter of this TDECQ " (num(s.required_rx_oma_dbm, 2)) " dBm = "
            (num(s.closure_margin_db, 2)) " dB. The clause's own corners close by "
            (num(s.spec_margin_db, 2)) " dB. RIN is inside TDECQ here; the physics margin \
            above counts it as noise."
        }
        @if let (Some(mpi), Some(reference)) = (s.mpi_penalty_db, s.mpi_reference_db) {
            p { "MPI penalty of the channel's reflections " (num(mpi, 3)) " dB (" (num(reference, 3))
                " dB for as many at the clause's limit; worst-case beat, not in the closure)." }
        }
    }
}

/// The temperature corners, when the link has them.
pub(super) fn corners(r: &Report) -> Markup {
    let rows = r.corners.iter().map(|c| {
        vec![
            text(c.label),
            n(c.temperature_c, 1),
            n(c.margin_db, 2),
            n(c.laser_power_dbm, 2),
            n(c.wall_plug_efficiency, 3),
            n(c.tuning_mw_per_ring, 2),
            n(c.energy_pj_per_payload_bit, 3),
        ]
    });
    html! {
        @if !r.corners.is_empty() {
            h2 { "Temperature corners" }
            p { "The link at its minimum, typical and maximum case temperature: laser power and \
                 wall-plug efficiency move by their temperature coefficients, the rings' heaters \
                 by the drift left to correct, a front end's noise temperature with the case." }
            (table(
                &["Corner", "°C", "Margin dB", "Laser dBm", "WPE", "Tuning mW/ring", "pJ/payload bit"],
                rows,
            ))
        }
    }
}

/// Energy per bit by part, totals, density and reach.
pub(super) fn energy(r: &Report) -> Markup {
    let e = &r.energy;
    let total = Cell {
        numeric: false,
        content: html! { b { "Total" } },
    };
    let parts = EnergyPart::shown(e)
        .map(|part| vec![text(part.label()), n(part.pj_per_bit(e), 3)])
        .chain([vec![total, n(e.total_pj_per_bit, 3)]]);
    let reach = r.reach.iter().map(|x| {
        let max = x.max_length.map_or_else(
            || "unlimited".to_owned(),
            |m| format!("{} {}", num(m, 3), x.unit),
        );
        let alone = |v: Option<f64>| {
            numeric(&v.map_or_else(
                || "unlimited".to_owned(),
                |m| format!("{} {}", num(m, 3), x.unit),
            ))
        };
        vec![
            text(&x.name),
            numeric(&format!("{} {}", num(x.length, 3), x.unit)),
            numeric(&max),
            text(x.limit),
            alone(x.loss_limited_length),
            alone(x.dispersion_limited_length),
        ]
    });
    html! {
        h2 { "Energy and density" }
        (table(&["Part", "pJ/bit"], parts))
        p {
            "Total power " (present::power_w(e.total_power_w)) " for "
            (present::rate_tbps(r.aggregate_bandwidth_tbps)) " (" (r.segment)
            "). Bandwidth density " (present::density_tbps_per_mm(r.bandwidth_density_tbps_per_mm))
            " (" (r.density.counted) ")"
            @if r.fec.is_some() {
                "; per payload bit (" (r.fec_name) " FEC) "
                (present::density_tbps_per_mm(r.payload_density_tbps_per_mm)) ", "
                (present::rate_tbps(r.aggregate_payload_tbps)) " aggregate payload, "
                (num(r.energy_pj_per_payload_bit, 3)) " pJ per payload bit"
            }
            "."
        }
        @if !r.reach.is_empty() {
            h3 { "Reach" }
            (table(
                &[
                    "Element",
                    "Length",
                    "Length at 0 dB margin",
                    "Limited by",
                    "Loss alone",
                    "Dispersion alone",
                ],
                reach,
            ))
        }
    }
}

/// The tornado table.
pub(super) fn tornado(t: &Tornado) -> Markup {
    let rows = t.bars.iter().map(|b| {
        vec![
            text(&b.parameter.label),
            n(b.margin_low_db, 3),
            n(b.margin_high_db, 3),
            n(b.swing_db, 3),
            numeric(&format!(
                "{} dB/{}",
                num(b.derivative_db_per_unit, 4),
                b.parameter.unit
            )),
        ]
    });
    html! {
        h2 { "Sensitivity (tornado)" }
        (table(
            &[
                "Parameter",
                "Margin at low corner, dB",
                "Margin at high corner, dB",
                "Swing, dB",
                "∂margin/∂parameter",
            ],
            rows,
        ))
    }
}

/// The Monte Carlo summary and its histogram.
pub(super) fn montecarlo(s: &Summary) -> Markup {
    let h = &s.histogram;
    let bars: Vec<(String, f64)> = h
        .counts
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            (
                format!("{:.2}", h.lower_edge_db + (i as f64 + 0.5) * h.bin_width_db),
                c as f64,
            )
        })
        .collect();
    let chart = svg::bar_chart(
        "Margin histogram (bar centres, dB)",
        "samples",
        &bars,
        |_| "#3c82dc",
    );
    html! {
        h2 { "Monte Carlo yield" }
        p {
            (s.samples) " chips (" (s.lane_samples) " lanes), seed " (s.seed) ": lane yield " b id="yield" { (num(100.0 * s.yield_fraction, 3)) }
            " % (± " (num(100.0 * s.yield_standard_error, 3)) " %), " (num(100.0 * s.yield_at_target, 3))
            " % at ≥ " (num(s.target_margin_db, 2)) " dB; margin P1 " (num(s.p1_margin_db, 3))
            " / P5 " (num(s.p5_margin_db, 3)) " / P50 " (num(s.p50_margin_db, 3)) " dB, mean "
            (num(s.mean_margin_db, 3)) " dB, σ " (num(s.std_margin_db, 3)) " dB."
        }
        table {
            tr { th { "Yield at ≥ " (num(s.target_margin_db, 2)) " dB" } th { "Sampled" } th { "95 % interval" } th { "Exact" } th { "Exact bounds" } }
            @for r in s.yield_rows() {
                @let (name, y, ci, exact, bounds) = (r.level, r.sampled, r.ci95, r.exact, r.bounds);
                tr {
                    td { (name) }
                    td { (num(100.0 * y, 3)) " %" }
                    td { (num(100.0 * ci.0, 3)) "–" (num(100.0 * ci.1, 3)) " %" }
                    td { (num(100.0 * exact, 4)) " %" }
                    td { (num(100.0 * bounds.0, 4)) "–" (num(100.0 * bounds.1, 4)) " %" }
                }
            }
        }
        p {
            "A chip has " (s.lanes_per_chip) " lanes in " (s.ports_per_chip) " ports. Exact lane-margin P1 / P5 / P50: "
            (num(s.exact_p1_margin_db, 3)) " / " (num(s.exact_p5_margin_db, 3)) " / " (num(s.exact_p50_margin_db, 3))
            " dB (grid " (num(s.exact_step_db, 5)) " dB; every margin within ±" (num(s.exact_margin_error_db, 4)) " dB)."
        }
        (PreEscaped(chart))
    }
}

/// The link's references and the provenance of its parts.
pub(super) fn sources(link: &Link) -> Markup {
    let basis = |b: Basis| format!("{b:?}");
    let mut rows = Vec::new();
    if let Some(p) = &link.laser.provenance {
        rows.push(vec![text("Laser"), text(&basis(p.basis)), text(&p.source)]);
    }
    for e in &link.elements {
        if let Some(p) = e.provenance() {
            rows.push(vec![text(e.name()), text(&basis(p.basis)), text(&p.source)]);
        }
    }
    if let Some(p) = &link.receiver.provenance {
        rows.push(vec![
            text("Receiver"),
            text(&basis(p.basis)),
            text(&p.source),
        ]);
    }
    html! {
        h2 { "Sources" }
        ol { @for r in &link.references { li { (r) } } }
        @if !rows.is_empty() { (table(&["Part", "Basis", "Source"], rows)) }
    }
}
