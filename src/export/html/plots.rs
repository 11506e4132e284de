//! The report's plots (inline SVG from [`svg`]) and the channel table under them.

use super::{n, numeric, table};
use crate::engine::Report;
use crate::engine::curves::Curves;
use crate::export::svg::{self, HLine, Series};
use crate::present;
use maud::{Markup, PreEscaped, html};

/// Staircase, margin and capacity vs length, margin vs laser power, the BER waterfall, margin
/// per channel; then the channel table.
pub(super) fn plots(r: &Report, curves: &Curves) -> Markup {
    let mut charts: Vec<String> = Vec::new();
    let stairs: Vec<[f64; 2]> = r
        .stages
        .iter()
        .enumerate()
        .flat_map(|(i, s)| [[i as f64, s.power_dbm], [i as f64 + 1.0, s.power_dbm]])
        .collect();
    charts.push(svg::line_chart(
        "Power staircase (worst channel)",
        "element #",
        "power (dBm)",
        &[Series {
            name: "power after element",
            points: &stairs,
            color: "#f08c1e",
            dashed: false,
        }],
        &[HLine {
            name: "sensitivity + penalties",
            y: r.sensitivity_dbm + r.total_penalty_db,
        }],
    ));
    if let Some(len) = &curves.length {
        // Limits far above the max rate (a Tb/s noise limit beside a bandwidth-limited 60 Gb/s)
        // would flatten the curve that matters: points above 3× the max rate (or the Shannon
        // bound, if lower) are left out, so those lines enter the chart from its top.
        let top = len
            .max_bit_rate_gbps
            .iter()
            .map(|p| p[1])
            .filter(|v| v.is_finite())
            .fold(0.0f64, f64::max);
        let cap = top.max(r.shannon_capacity_gbps.min(3.0 * top)) * 1.15;
        let under = |points: &[[f64; 2]]| -> Vec<[f64; 2]> {
            points
                .iter()
                .copied()
                .filter(|p| cap <= 0.0 || p[1] <= cap)
                .collect()
        };
        let (shannon, noise, bandwidth, dispersion) = (
            under(&len.shannon_gbps),
            under(&len.noise_limit_gbps),
            under(&len.bandwidth_limit_gbps),
            under(&len.dispersion_limit_gbps),
        );
        charts.push(svg::line_chart(
            &format!("Margin vs length of {}", len.name),
            &format!("length ({})", len.unit),
            "margin (dB)",
            &[Series {
                name: "margin",
                points: &len.margin_db,
                color: "#3c82dc",
                dashed: false,
            }],
            &[HLine {
                name: "0 dB",
                y: 0.0,
            }],
        ));
        charts.push(svg::line_chart(
            &format!("Capacity vs length of {}", len.name),
            &format!("length ({})", len.unit),
            "bit rate (Gb/s)",
            &[
                Series {
                    name: "max bit rate at 0 dB margin",
                    points: &len.max_bit_rate_gbps,
                    color: "#3c82dc",
                    dashed: false,
                },
                Series {
                    name: "Shannon bound",
                    points: &shannon,
                    color: "#965ad2",
                    dashed: true,
                },
                Series {
                    name: "noise limit",
                    points: &noise,
                    color: "#28aa50",
                    dashed: true,
                },
                Series {
                    name: "bandwidth limit",
                    points: &bandwidth,
                    color: "#f08c1e",
                    dashed: true,
                },
                Series {
                    name: "dispersion limit",
                    points: &dispersion,
                    color: "#d73232",
                    dashed: true,
                },
            ],
            &[],
        ));
    }
    charts.push(svg::line_chart(
        "Margin vs laser power per λ",
        "laser power (dBm)",
        "margin (dB)",
        &[Series {
            name: "margin",
            points: &curves.laser,
            color: "#3c82dc",
            dashed: false,
        }],
        &[HLine {
            name: "0 dB",
            y: 0.0,
        }],
    ));
    // Down to 10⁻²⁰ (or 6 decades below the target): the waterfall's useful part.
    let floor = (r.target_ber.log10() - 6.0).min(-20.0);
    let log_ber: Vec<[f64; 2]> = curves
        .waterfall
        .iter()
        .map(|p| [p[0], p[1].max(1e-300).log10()])
        .filter(|p| p[1] >= floor)
        .collect();
    charts.push(svg::line_chart(
        "BER waterfall",
        "received average power (dBm)",
        "log10 BER",
        &[Series {
            name: "BER",
            points: &log_ber,
            color: "#3c82dc",
            dashed: false,
        }],
        &[HLine {
            name: "target BER",
            y: r.target_ber.log10(),
        }],
    ));
    let bars: Vec<(String, f64)> = r
        .channels
        .iter()
        .map(|c| (format!("{:.1}", c.wavelength_nm), c.margin_db))
        .collect();
    charts.push(svg::bar_chart(
        "Margin per wavelength channel (nm)",
        "margin (dB)",
        &bars,
        |m| if m >= 0.0 { "#28aa50" } else { "#d73232" },
    ));
    let rows = r.channels.iter().map(|c| {
        vec![
            n(c.wavelength_nm, 2),
            n(c.laser_power_dbm, 2),
            n(c.loss_db, 3),
            n(c.received_power_dbm, 3),
            n(c.crosstalk_penalty_db, 3),
            n(c.margin_db, 3),
            numeric(&present::ber(c.ber, 2)),
            n(c.isi_penalty_db, 3),
            n(c.rise_time_ps, 2),
            n(c.dispersion_ps_per_nm, 3),
        ]
    });
    html! {
        h2 { "Plots" }
        div class="plots" { @for chart in &charts { (PreEscaped(chart)) } }
        h3 { "Channels" }
        (table(
            &[
                "λ, nm",
                "Laser, dBm",
                "Loss, dB",
                "Received, dBm",
                "Crosstalk, dB",
                "Margin, dB",
                "BER",
                "ISI, dB",
                "Rise time, ps",
                "Dispersion, ps/nm",
            ],
            rows,
        ))
    }
}
