//! The self-contained HTML report: one file (XHTML-compatible markup, inline CSS and SVG, no
//! scripts or external resources) holding the inputs, the results, the plots and the sources.

use super::svg::{self, HLine, Series, esc};
use crate::engine::Report;
use crate::engine::curves::Curves;
use crate::engine::montecarlo::Summary;
use crate::engine::tornado::Tornado;
use crate::model::{Basis, Link, Modulation};
use crate::present::{self, EnergyPart, Thresholds};
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// Everything a report shows.
pub struct ReportInput<'a> {
    /// The link.
    pub link: &'a Link,
    /// Its evaluation.
    pub report: &'a Report,
    /// Its curves.
    pub curves: &'a Curves,
    /// The exact bytes of the link file (hashed, and shown as the complete input).
    pub link_text: &'a str,
    /// Where the link came from (a path or a preset name).
    pub source: &'a str,
    /// Margin at or above which the link passes, and at or above which it is marginal, dB.
    pub thresholds_db: (f64, f64),
    /// A tornado, if one was computed.
    pub tornado: Option<&'a Tornado>,
    /// A Monte Carlo summary, if one was run.
    pub montecarlo: Option<&'a Summary>,
}

/// SHA-256 of `bytes` as lowercase hex (FIPS 180-4, via the `sha2` crate).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

const CSS: &str = "body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1180px;color:#1c1c1c;line-height:1.4}\
h1{margin-bottom:0}h2{border-bottom:1px solid #ccc;padding-bottom:2px;margin-top:28px}\
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}\
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #ccc;border-radius:6px;padding:8px 12px;min-width:150px}\
.card b{display:block;font-size:1.4em}.pass{color:#1e8c46}.marginal{color:#b4700a}.fail{color:#c42828}\
.plots{display:flex;flex-wrap:wrap;gap:12px}pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}\
.meta{color:#555;font-size:0.9em}.warn{color:#b4700a}";

/// A number with `decimals`, or "—" if not finite (the rule of [`present`]).
fn num(v: f64, decimals: usize) -> String {
    present::fixed(v, decimals)
}

/// A table from a header and rows of (already escaped) cells; cells starting with '\u{1}' are
/// numeric (right-aligned).
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            match cell.strip_prefix('\u{1}') {
                Some(n) => {
                    let _ = write!(out, "<td class=\"n\">{n}</td>");
                }
                None => {
                    let _ = write!(out, "<td>{cell}</td>");
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// A numeric cell.
fn n(v: f64, decimals: usize) -> String {
    format!("\u{1}{}", num(v, decimals))
}

fn card(out: &mut String, id: &str, label: &str, value: &str, class: &str) {
    let _ = write!(
        out,
        "<div class=\"card\"><span>{}</span><b id=\"{id}\" class=\"{class}\">{value}</b></div>",
        esc(label)
    );
}

/// The report as one HTML document.
pub fn report_html(input: &ReportInput<'_>) -> String {
    let (link, r) = (input.link, input.report);
    let (pass_db, marginal_db) = input.thresholds_db;
    let judged = Thresholds {
        pass_db,
        marginal_db,
    }
    .verdict(r.margin_db);
    let (verdict, class) = (judged.label(), judged.css_class());
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>\
         <meta name=\"generator\" content=\"Photon Budget {v}\"/><title>{t} — link budget report</title>\
         <style>{CSS}</style></head><body>",
        v = env!("CARGO_PKG_VERSION"),
        t = esc(&link.name)
    );
    let _ = write!(
        out,
        "<h1>{}</h1><p>{}</p><p class=\"meta\">Photon Budget <span id=\"app-version\">{}</span> · \
         source: {} · SHA-256 of the link file: <code id=\"sha256\">{}</code></p>",
        esc(&link.name),
        esc(&link.description),
        env!("CARGO_PKG_VERSION"),
        esc(input.source),
        sha256_hex(input.link_text.as_bytes())
    );

    // Headline.
    out.push_str("<h2>Result</h2><div class=\"cards\">");
    card(
        &mut out,
        "margin",
        "Link margin (worst channel), dB",
        &num(r.margin_db, 3),
        class,
    );
    card(&mut out, "verdict", "Verdict", verdict, class);
    card(
        &mut out,
        "received",
        "Received average power, dBm",
        &num(r.received_power_dbm, 3),
        "",
    );
    card(
        &mut out,
        "sensitivity",
        "Sensitivity, dBm",
        &num(r.sensitivity_dbm, 3),
        "",
    );
    card(
        &mut out,
        "ber",
        "BER (worst channel)",
        &present::ber(r.ber, 3),
        "",
    );
    card(
        &mut out,
        "max-rate",
        "Max bit rate per lane",
        &present::rate_gbps(r.max_bit_rate_gbps),
        "",
    );
    card(
        &mut out,
        "energy",
        "Energy per bit, pJ/bit",
        &num(r.energy_pj_per_bit, 3),
        "",
    );
    card(
        &mut out,
        "aggregate",
        "Aggregate bandwidth",
        &present::rate_tbps(r.aggregate_bandwidth_tbps),
        "",
    );
    card(
        &mut out,
        "density",
        "Bandwidth density",
        &present::density_tbps_per_mm(r.bandwidth_density_tbps_per_mm),
        "",
    );
    out.push_str("</div>");
    let _ = write!(
        out,
        "<p>Thresholds: pass ≥ {pass_db} dB, marginal ≥ {marginal_db} dB. Power basis: {}. \
         Q = {} (target {}), target BER {:e}, Shannon bound {} at SNR {} dB, {} lanes ({}).</p>",
        esc(&r.power_basis),
        num(r.q_factor, 3),
        num(r.q_target, 3),
        r.target_ber,
        present::rate_gbps(r.shannon_capacity_gbps),
        num(r.snr_db, 2),
        r.lanes,
        esc(&r.segment)
    );
    for w in &r.warnings {
        let _ = write!(out, "<p class=\"warn\">Warning: {}</p>", esc(w));
    }

    inputs_section(&mut out, link);
    staircase_section(&mut out, r);
    plots_section(&mut out, r, input.curves);
    penalties_section(&mut out, r);
    energy_section(&mut out, r);
    if let Some(t) = input.tornado {
        tornado_section(&mut out, t);
    }
    if let Some(s) = input.montecarlo {
        montecarlo_section(&mut out, s);
    }
    sources_section(&mut out, link);
    let _ = writeln!(
        out,
        "<h2>Link file</h2><p class=\"meta\">The complete input; its SHA-256 is given above.</p><pre id=\"link-file\">{}</pre></body></html>",
        esc(input.link_text)
    );
    out
}

fn inputs_section(out: &mut String, link: &Link) {
    let l = &link.laser;
    let s = &link.signaling;
    let modulation = match s.modulation {
        Modulation::Nrz => "NRZ",
        Modulation::Pam4 => "PAM4",
    };
    out.push_str("<h2>Inputs</h2>");
    table(
        out,
        &["Quantity", "Value"],
        &[
            vec!["Laser power per λ, dBm".into(), n(l.power_dbm, 2)],
            vec!["Wavelengths".into(), n(link.wavelength_count() as f64, 0)],
            vec!["Laser RIN, dB/Hz".into(), n(l.rin_db_per_hz, 1)],
            vec!["Wall-plug efficiency".into(), n(l.wall_plug_efficiency, 3)],
            vec!["Modulation".into(), modulation.into()],
            vec![
                "Bit rate per lane".into(),
                format!("\u{1}{}", present::rate_gbps(s.bit_rate_gbps)),
            ],
            vec![
                "Responsivity, A/W".into(),
                n(link.receiver.responsivity_a_per_w, 3),
            ],
            vec![
                "Target BER".into(),
                format!("{:e}", link.receiver.target_ber),
            ],
        ],
    );
}

fn staircase_section(out: &mut String, r: &Report) {
    out.push_str("<h2>Power staircase and loss table (worst channel)</h2>");
    let rows: Vec<Vec<String>> = r
        .stages
        .iter()
        .enumerate()
        .map(|(i, st)| {
            vec![
                n(i as f64, 0),
                esc(&st.kind),
                esc(&st.name),
                n(st.loss_db, 3),
                n(st.power_dbm, 3),
                n(st.power_mw, 4),
            ]
        })
        .collect();
    table(
        out,
        &[
            "#",
            "Kind",
            "Name",
            "Loss, dB",
            "Power after, dBm",
            "Power after, mW",
        ],
        &rows,
    );
    let _ = write!(
        out,
        "<p>Total loss {} dB · received {} dBm · sensitivity {} dBm · penalties {} dB · margin <b>{}</b> dB</p>",
        num(r.total_loss_db, 3),
        num(r.received_power_dbm, 3),
        num(r.sensitivity_dbm, 3),
        num(r.total_penalty_db, 3),
        num(r.margin_db, 3)
    );
}

fn plots_section(out: &mut String, r: &Report, curves: &Curves) {
    out.push_str("<h2>Plots</h2><div class=\"plots\">");
    let stairs: Vec<[f64; 2]> = r
        .stages
        .iter()
        .enumerate()
        .flat_map(|(i, s)| [[i as f64, s.power_dbm], [i as f64 + 1.0, s.power_dbm]])
        .collect();
    out.push_str(&svg::line_chart(
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
        out.push_str(&svg::line_chart(
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
        out.push_str(&svg::line_chart(
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
                    points: &len.shannon_gbps,
                    color: "#965ad2",
                    dashed: true,
                },
            ],
            &[],
        ));
    }
    out.push_str(&svg::line_chart(
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
    out.push_str(&svg::line_chart(
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
    out.push_str(&svg::bar_chart(
        "Margin per wavelength channel (nm)",
        "margin (dB)",
        &bars,
        |m| if m >= 0.0 { "#28aa50" } else { "#d73232" },
    ));
    out.push_str("</div>");
    out.push_str("<h3>Channels</h3>");
    let rows: Vec<Vec<String>> = r
        .channels
        .iter()
        .map(|c| {
            vec![
                n(c.wavelength_nm, 2),
                n(c.laser_power_dbm, 2),
                n(c.loss_db, 3),
                n(c.received_power_dbm, 3),
                n(c.crosstalk_penalty_db, 3),
                n(c.margin_db, 3),
                format!("\u{1}{}", present::ber(c.ber, 2)),
            ]
        })
        .collect();
    table(
        out,
        &[
            "λ, nm",
            "Laser, dBm",
            "Loss, dB",
            "Received, dBm",
            "Crosstalk, dB",
            "Margin, dB",
            "BER",
        ],
        &rows,
    );
}

fn penalties_section(out: &mut String, r: &Report) {
    out.push_str("<h2>Penalties</h2>");
    let rows: Vec<Vec<String>> = r
        .penalties
        .iter()
        .map(|p| {
            vec![
                esc(&p.name),
                n(p.db, 3),
                if p.computed { "computed" } else { "allocated" }.into(),
                esc(&p.note),
            ]
        })
        .collect();
    table(out, &["Penalty", "dB", "How", "Note"], &rows);
}

fn energy_section(out: &mut String, r: &Report) {
    let e = &r.energy;
    out.push_str("<h2>Energy and density</h2>");
    let mut rows: Vec<Vec<String>> = EnergyPart::ALL
        .iter()
        .map(|part| vec![esc(part.label()), n(part.pj_per_bit(e), 3)])
        .collect();
    rows.push(vec!["<b>Total</b>".into(), n(e.total_pj_per_bit, 3)]);
    table(out, &["Part", "pJ/bit"], &rows);
    let _ = write!(
        out,
        "<p>Total power {} for {} ({}). Bandwidth density {} ({}).</p>",
        present::power_w(e.total_power_w),
        present::rate_tbps(r.aggregate_bandwidth_tbps),
        esc(&r.segment),
        present::density_tbps_per_mm(r.bandwidth_density_tbps_per_mm),
        esc(&r.density.counted)
    );
    if !r.reach.is_empty() {
        let rows: Vec<Vec<String>> = r
            .reach
            .iter()
            .map(|x| {
                vec![
                    esc(&x.name),
                    format!("\u{1}{} {}", num(x.length, 3), esc(&x.unit)),
                    format!(
                        "\u{1}{}",
                        x.max_length
                            .map(|m| format!("{} {}", num(m, 3), esc(&x.unit)))
                            .unwrap_or_else(|| "unlimited".into())
                    ),
                ]
            })
            .collect();
        out.push_str("<h3>Reach</h3>");
        table(out, &["Element", "Length", "Length at 0 dB margin"], &rows);
    }
}

fn tornado_section(out: &mut String, t: &Tornado) {
    out.push_str("<h2>Sensitivity (tornado)</h2>");
    let rows: Vec<Vec<String>> = t
        .bars
        .iter()
        .map(|b| {
            vec![
                esc(&b.parameter.label),
                n(b.margin_low_db, 3),
                n(b.margin_high_db, 3),
                n(b.swing_db, 3),
                format!(
                    "\u{1}{} dB/{}",
                    num(b.derivative_db_per_unit, 4),
                    esc(b.parameter.unit)
                ),
            ]
        })
        .collect();
    table(
        out,
        &[
            "Parameter",
            "Margin at low corner, dB",
            "Margin at high corner, dB",
            "Swing, dB",
            "∂margin/∂parameter",
        ],
        &rows,
    );
}

fn montecarlo_section(out: &mut String, s: &Summary) {
    let _ = write!(
        out,
        "<h2>Monte Carlo yield</h2><p>{} samples, seed {}: yield <b id=\"yield\">{}</b> % \
         (± {} %), {} % at ≥ {} dB; margin P1 {} / P5 {} / P50 {} dB, mean {} dB, σ {} dB.</p>",
        s.samples,
        s.seed,
        num(100.0 * s.yield_fraction, 3),
        num(100.0 * s.yield_standard_error, 3),
        num(100.0 * s.yield_at_target, 3),
        num(s.target_margin_db, 2),
        num(s.p1_margin_db, 3),
        num(s.p5_margin_db, 3),
        num(s.p50_margin_db, 3),
        num(s.mean_margin_db, 3),
        num(s.std_margin_db, 3)
    );
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
    out.push_str(&svg::bar_chart(
        "Margin histogram (bar centres, dB)",
        "samples",
        &bars,
        |_| "#3c82dc",
    ));
}

fn sources_section(out: &mut String, link: &Link) {
    out.push_str("<h2>Sources</h2><ol>");
    for r in &link.references {
        let _ = write!(out, "<li>{}</li>", esc(r));
    }
    out.push_str("</ol>");
    let mut rows = Vec::new();
    let basis = |b: Basis| format!("{b:?}");
    if let Some(p) = &link.laser.provenance {
        rows.push(vec!["Laser".into(), basis(p.basis), esc(&p.source)]);
    }
    for e in &link.elements {
        if let Some(p) = e.provenance() {
            rows.push(vec![esc(e.name()), basis(p.basis), esc(&p.source)]);
        }
    }
    if let Some(p) = &link.receiver.provenance {
        rows.push(vec!["Receiver".into(), basis(p.basis), esc(&p.source)]);
    }
    if !rows.is_empty() {
        table(out, &["Part", "Basis", "Source"], &rows);
    }
}

/// Evaluates `link` (report, curves for the length sweep of `sweep_element`, tornado) and
/// renders the report; the same call serves the CLI and the app.
pub fn render(
    link: &Link,
    link_text: &str,
    source: &str,
    thresholds_db: (f64, f64),
    sweep_element: Option<usize>,
    montecarlo: Option<&Summary>,
) -> Result<String, crate::engine::LinkError> {
    let report = crate::engine::evaluate(link)?;
    let curves = crate::engine::curves::curves(
        link,
        &report,
        sweep_element,
        crate::engine::curves::DEFAULT_POINTS,
    );
    let tornado = crate::engine::tornado::tornado(link)?;
    Ok(report_html(&ReportInput {
        link,
        report: &report,
        curves: &curves,
        link_text,
        source,
        thresholds_db,
        tornado: (!tornado.bars.is_empty()).then_some(&tornado),
        montecarlo,
    }))
}
