//! The self-contained HTML report: one file (XHTML-compatible markup, inline CSS and SVG, no
//! scripts or external resources) holding the inputs, the results, the plots and the sources.
//!
//! The markup is written with `maud`'s `html!` templates, which escape every interpolated value
//! unless it is wrapped in `PreEscaped` (done only for the inline SVG plots, which escape their
//! own text, and the two `<meta/>` tags, written self-closed so the file also parses as XML —
//! maud writes void elements HTML5-style, `<meta>`, which an XML parser rejects). maud expands
//! at compile time: no template files, no runtime engine, and it builds for wasm32.
//!
//! The switch to maud changed no markup, only how it is produced: `report --preset teraphy-8l`
//! is 40 563 bytes from the hand-pushed strings it replaced and 40 561 from maud (`'` is no
//! longer written `&#39;`, and a numeric cell reading "< 1e-300" is now escaped, which the
//! hand-written cells were not); `textbook-keiser-lan` 31 306 → 31 284 bytes.

mod capacity;
mod derivations;
mod plots;
mod sections;

use crate::engine::Report;
use crate::engine::curves::Curves;
use crate::engine::montecarlo::Summary;
use crate::engine::tornado::Tornado;
use crate::model::Link;
use crate::present::{self, Thresholds};
use maud::{DOCTYPE, Markup, PreEscaped, html};
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
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#f3f3f3}\
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #ccc;border-radius:6px;padding:8px 12px;min-width:150px}\
.card b{display:block;font-size:1.4em}.pass{color:#1e8c46}.marginal{color:#b4700a}.fail{color:#c42828}\
.plots{display:flex;flex-wrap:wrap;gap:12px}pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}\
.meta{color:#555;font-size:0.9em}.warn{color:#b4700a}";

/// A number with `decimals`, or "—" if not finite (the rule of [`present`]).
fn num(v: f64, decimals: usize) -> String {
    present::fixed(v, decimals)
}

/// One table cell: its content and whether it is numeric (right-aligned).
struct Cell {
    numeric: bool,
    content: Markup,
}

/// A text cell (escaped).
fn text(s: &str) -> Cell {
    Cell {
        numeric: false,
        content: html! { (s) },
    }
}

/// A numeric cell from a number.
fn n(v: f64, decimals: usize) -> Cell {
    numeric(&num(v, decimals))
}

/// A numeric cell from text (escaped).
fn numeric(s: &str) -> Cell {
    Cell {
        numeric: true,
        content: html! { (s) },
    }
}

/// A table from a header and rows of cells.
fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<Cell>>) -> Markup {
    html! {
        table {
            tr { @for h in header { th { (h) } } }
            @for row in rows {
                tr {
                    @for cell in row {
                        @if cell.numeric { td class="n" { (cell.content) } } @else { td { (cell.content) } }
                    }
                }
            }
        }
    }
}

/// A headline card.
fn card(id: &str, label: &str, value: &str, class: &str) -> Markup {
    html! { div class="card" { span { (label) } b id=(id) class=(class) { (value) } } }
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
    let class = judged.css_class();
    // The engine's derivation of every number, for the appendix (none if one cannot be made:
    // the report itself is then all there is).
    let explained = crate::engine::explain::derivations_of(link, r).unwrap_or_default();
    let version = env!("CARGO_PKG_VERSION");
    let meta = format!(
        "<meta charset=\"utf-8\"/><meta name=\"generator\" content=\"Photon Budget {version}\"/>"
    );
    let page = html! {
        (DOCTYPE) "\n"
        html xmlns="http://www.w3.org/1999/xhtml" lang="en" {
            head {
                (PreEscaped(meta))
                title { (link.name) " — link budget report" }
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { (link.name) }
                p { (link.description) }
                p class="meta" {
                    "Photon Budget " span id="app-version" { (version) } " · source: " (input.source)
                    " · SHA-256 of the link file: " code id="sha256" { (sha256_hex(input.link_text.as_bytes())) }
                }
                h2 { "Result" }
                div class="cards" {
                    @if let Some(s) = &r.standard {
                        (card("standard-closure", "Standard closure, dB", &num(s.closure_margin_db, 3),
                            if s.closes && s.compliant { "pass" } else { "fail" }))
                    }
                    (card("margin", "Link margin (worst channel), dB", &num(r.margin_db, 3), class))
                    (card("verdict", "Verdict", judged.label(), class))
                    (card("received", "Received average power, dBm", &num(r.received_power_dbm, 3), ""))
                    (card("sensitivity", "Sensitivity, dBm", &num(r.sensitivity_dbm, 3), ""))
                    (card("ber", "BER (worst channel)", &present::ber(r.ber, 3), ""))
                    (card("max-rate", "Max bit rate per lane", &present::rate_gbps(r.max_bit_rate_gbps), ""))
                    (card("limit", "Capacity limited by", r.capacity_limit, ""))
                    (card("energy", "Energy per bit, pJ/bit", &num(r.energy_pj_per_bit, 3), ""))
                    (card("aggregate", "Aggregate bandwidth", &present::rate_tbps(r.aggregate_bandwidth_tbps), ""))
                    (card("density", "Bandwidth density", &present::density_tbps_per_mm(r.bandwidth_density_tbps_per_mm), ""))
                    @if r.fec.is_some() {
                        (card("payload", &format!("Aggregate payload ({} FEC)", r.fec_name), &present::rate_tbps(r.aggregate_payload_tbps), ""))
                        (card("post-fec-ber", "Post-FEC BER", &present::ber(r.post_fec_ber, 3), ""))
                        (card("energy-payload", "Energy per payload bit, pJ/bit", &num(r.energy_pj_per_payload_bit, 3), ""))
                        (card("payload-density", "Payload density", &present::density_tbps_per_mm(r.payload_density_tbps_per_mm), ""))
                    }
                }
                p {
                    "Thresholds: pass ≥ " (pass_db) " dB, marginal ≥ " (marginal_db) " dB. Power basis: "
                    (r.power_basis) ". Q = " (num(r.q_factor, 3)) " (target " (num(r.q_target, 3))
                    "), target BER " (format!("{:e}", r.target_ber)) ", Shannon bound "
                    (present::rate_gbps(r.shannon_capacity_gbps)) " at SNR " (num(r.snr_db, 2)) " dB, "
                    (r.lanes) " lanes (" (r.segment) ")."
                }
                @for w in &r.warnings { p class="warn" { "Warning: " (w) } }
                (sections::compliance(r))
                (sections::inputs(link))
                (sections::staircase(r))
                (capacity::capacity(r))
                (plots::plots(r, input.curves))
                (sections::penalties(r))
                (sections::corners(r))
                (sections::energy(r))
                @if let Some(t) = input.tornado { (sections::tornado(t)) }
                @if let Some(s) = input.montecarlo { (sections::montecarlo(s)) }
                (sections::sources(link))
                h2 { "Link file" }
                p class="meta" { "The complete input; its SHA-256 is given above." }
                pre id="link-file" { (input.link_text) }
                (derivations::appendix(&explained, link, r))
            }
        }
        "\n"
    };
    page.into_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_report_parses_as_xml_and_escapes_its_text() {
        for p in crate::io::presets() {
            let mut link = crate::io::preset(p.name).unwrap();
            link.name = format!("{} <b>&\"'", link.name);
            let html = render(&link, p.text, "a <source>", (3.0, 0.0), None, None).unwrap();
            let doc = roxmltree::Document::parse_with_options(
                &html,
                roxmltree::ParsingOptions {
                    allow_dtd: true,
                    ..Default::default()
                },
            )
            .unwrap_or_else(|e| panic!("{}: {e}", p.name));
            let h1 = doc
                .descendants()
                .find(|n| n.has_tag_name("h1"))
                .and_then(|n| n.text())
                .unwrap();
            assert_eq!(h1, link.name, "{}", p.name);
            assert!(!html.contains("<b>&"), "{}", p.name);
        }
    }
}
