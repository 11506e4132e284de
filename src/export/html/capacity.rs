//! The report's capacity section: the binding limit, each limit on its own, the Shannon bound,
//! and Keiser's rise-time budget as a table and a bar chart.

use super::{Cell, n, num, numeric, table, text};
use crate::engine::Report;
use crate::export::svg::{self, HBar};
use crate::present;
use maud::{Markup, PreEscaped, html};

/// A rate, or `none` (why there is no limit) when the limit does not apply.
fn limit(v: Option<f64>, none: &str) -> Cell {
    match v {
        Some(g) => numeric(&present::rate_gbps(g)),
        None => text(none),
    }
}

/// Capacity: max rate, the limit that binds, each limit, Shannon at the channel bandwidth.
pub(super) fn capacity(r: &Report) -> Markup {
    let l = &r.capacity_limits;
    let binding = |name: &str| {
        if r.capacity_limit == name {
            "binds"
        } else {
            ""
        }
    };
    let rows = [
        vec![
            text("Noise (ISI left out)"),
            numeric(&present::rate_gbps(l.noise_gbps)),
            text(binding("noise")),
        ],
        vec![
            text("Bandwidth (the parts' ISI alone uses up the margin)"),
            limit(l.bandwidth_gbps, "no part limits"),
            text(binding("bandwidth")),
        ],
        vec![
            text("Dispersion (its ISI alone uses up the margin)"),
            limit(l.dispersion_gbps, "no fiber"),
            text(binding("dispersion")),
        ],
        vec![
            text("Shannon bound (upper bound, not an IM/DD rate)"),
            numeric(&present::rate_gbps(r.shannon_capacity_gbps)),
            text(""),
        ],
    ];
    let bandwidth = r
        .channel_bandwidth_ghz
        .map_or_else(|| "unbounded".to_owned(), |b| format!("{} GHz", num(b, 2)));
    html! {
        h2 { "Capacity" }
        p {
            "Max bit rate per lane at 0 dB margin " b { (present::rate_gbps(r.max_bit_rate_gbps)) }
            ", " b id="capacity-limit" { (r.capacity_limit) } "-limited. Shannon bound at the channel's own bandwidth "
            (bandwidth) " (0.35/t) and SNR " (num(r.snr_db, 2)) " dB: "
            (present::rate_gbps(r.shannon_capacity_gbps)) "."
        }
        (table(&["Limit", "Rate per lane", ""], rows))
        (rise_time(r))
    }
}

/// The rise-time budget of the worst channel: a table and a horizontal bar chart with the
/// allowance.
fn rise_time(r: &Report) -> Markup {
    let b = &r.rise_time_budget;
    let rows = b
        .parts
        .iter()
        .map(|p| {
            vec![
                text(&p.name.to_string()),
                text(&p.path.to_string()),
                p.bandwidth_ghz.map_or_else(|| text("—"), |g| n(g, 2)),
                n(p.rise_time_ps, 2),
            ]
        })
        .chain([vec![
            Cell {
                numeric: false,
                content: html! { b { "t_sys = √Σt²" } },
            },
            text(""),
            text(""),
            n(b.total_ps, 2),
        ]]);
    let names: Vec<(String, String)> = b
        .parts
        .iter()
        .map(|p| (p.name.to_string(), p.path.to_string()))
        .collect();
    let mut bars: Vec<HBar<'_>> = b
        .parts
        .iter()
        .zip(&names)
        .map(|(p, (name, path))| HBar {
            label: name,
            tooltip: path,
            value: p.rise_time_ps,
            color: "#3c82dc",
        })
        .collect();
    bars.push(HBar {
        label: "t_sys",
        tooltip: "root-sum-square of the parts",
        value: b.total_ps,
        color: if b.within_allowance {
            "#28aa50"
        } else {
            "#d73232"
        },
    });
    let allowance = format!("allowance {} ps", num(b.allowed_ps, 2));
    let chart = svg::hbar_chart(
        &format!("Rise-time budget (channel {})", b.channel),
        "10–90 % rise time (ps)",
        &bars,
        Some((allowance.as_str(), b.allowed_ps)),
    );
    let verdict = if b.within_allowance {
        "within the allowance"
    } else {
        "exceeds the allowance"
    };
    html! {
        h3 { "Rise-time budget (worst channel)" }
        (table(&["Part", "Set by", "Bandwidth, GHz", "Rise time, ps"], rows))
        p {
            "t_sys " b id="rise-time" { (num(b.total_ps, 2)) } " ps " (verdict) " "
            (num(b.allowance_fraction, 3)) " × symbol period " (num(b.symbol_period_ps, 2)) " ps = "
            (num(b.allowed_ps, 2)) " ps (bit period " (num(b.bit_period_ps, 2)) " ps); ISI penalty "
            span id="isi" { (num(r.isi_penalty_db, 3)) } " dB."
        }
        (PreEscaped(chart))
    }
}
