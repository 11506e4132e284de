//! Small self-contained SVG charts (lines and bars) for the HTML report: no scripts, no external
//! resources, readable in any browser offline.
//!
//! Why not plotters' SVG backend (`plotters` 0.3.7, `default-features = false`, features
//! `svg_backend` + `line_series`), which was tried on the same data — the teraphy-8l preset's
//! margin-vs-laser-power (200 points), margin-vs-length (200) and BER-waterfall (81) charts,
//! 560 × 300 px, title, axis labels, one series and a 0 dB line each:
//! - Size: 11 275 bytes for the three here against 28 784 from plotters with its light grid
//!   turned off (82 772 with its default mesh): 2.6× larger, since plotters writes every tick as
//!   its own `<polyline>`/`<line>` with `opacity="1"` and full font sizes like
//!   `10.483870967741936`. The report's six charts are 23.3 kB of its 40.6 kB, so the report
//!   would grow to about 75 kB.
//! - Fidelity: plotters snaps coordinates to whole pixels (here: 0.1 px), and without a font
//!   crate it lays text out by a crude estimate (0.7 em per byte, so "λ" counts double); the
//!   charts' `<title>` (screen readers, bar tooltips) would be lost.
//! - Offline and wasm32: the SVG text itself needs no font files, but on wasm32 plotters
//!   measures every label by inserting a `<span>` into the page's DOM (with `unwrap()`s), so the
//!   engine-only wasm build (`--no-default-features`, which includes `export`) would gain
//!   wasm-bindgen and web-sys, and a report rendered outside a page (a worker) would panic.
//!
//! So the plotter stays: ~250 lines with tests, text escaped by [`esc`] like the page around it.

use std::fmt::Write;

/// Chart size, px.
const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 300.0;
/// Plot-area margins: left, right, top, bottom, px.
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 30.0;
const BOTTOM: f64 = 46.0;

/// One line series.
pub struct Series<'a> {
    /// Legend name.
    pub name: &'a str,
    /// Points (non-finite ones are skipped).
    pub points: &'a [[f64; 2]],
    /// CSS colour.
    pub color: &'a str,
    /// Dashed line.
    pub dashed: bool,
}

/// A horizontal reference line.
pub struct HLine<'a> {
    /// Label drawn at its right end.
    pub name: &'a str,
    /// Its y.
    pub y: f64,
}

/// Text with XML's special characters escaped (the same four as `maud` escapes, so text reads
/// the same in the charts and the page around them; values are always in double quotes).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The smallest 1, 2 or 5 × 10^k giving at most ~`max_ticks` ticks over `span`.
fn tick_step(span: f64, max_ticks: f64) -> f64 {
    let raw = (span / max_ticks).max(1e-12);
    let decade = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * decade)
}

/// A tick label with the decimals its step needs.
fn tick_text(value: f64, step: f64) -> String {
    let decimals = (-step.log10()).ceil().clamp(0.0, 6.0) as usize;
    let v = if value.abs() < step * 1e-6 {
        0.0
    } else {
        value
    };
    format!("{v:.decimals$}")
}

/// Axis range with 5 % padding; a flat or empty range gets ±1.
fn padded(lo: f64, hi: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-12 {
        return (lo - 1.0, hi + 1.0);
    }
    let pad = 0.05 * (hi - lo);
    (lo - pad, hi + pad)
}

/// Maps data to pixels.
struct Frame {
    x: (f64, f64),
    y: (f64, f64),
}

impl Frame {
    fn px(&self, x: f64) -> f64 {
        LEFT + (x - self.x.0) / (self.x.1 - self.x.0) * (WIDTH - LEFT - RIGHT)
    }
    fn py(&self, y: f64) -> f64 {
        HEIGHT - BOTTOM - (y - self.y.0) / (self.y.1 - self.y.0) * (HEIGHT - TOP - BOTTOM)
    }
}

/// Opens the SVG, draws the title, grid, ticks and axis labels.
fn axes(out: &mut String, title: &str, x_label: &str, y_label: &str, f: &Frame, x_ticks: bool) {
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{t}" font-family="sans-serif" font-size="11"><title>{t}</title><rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/><text x="{cx}" y="18" text-anchor="middle" font-size="13" font-weight="bold">{t}</text>"##,
        t = esc(title),
        cx = WIDTH / 2.0
    );
    let (x0, x1, y0, y1) = (LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM);
    let ystep = tick_step(f.y.1 - f.y.0, 6.0);
    let mut v = (f.y.0 / ystep).ceil() * ystep;
    while v <= f.y.1 + 1e-9 * ystep {
        let y = f.py(v);
        let _ = write!(
            out,
            r##"<line x1="{x0}" y1="{y:.1}" x2="{x1}" y2="{y:.1}" stroke="#e4e4e4"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{l}</text>"##,
            tx = x0 - 4.0,
            ty = y + 4.0,
            l = tick_text(v, ystep)
        );
        v += ystep;
    }
    if x_ticks {
        vertical_grid(out, f.x, (y0, y1), 7.0, |v| f.px(v));
    }
    let _ = write!(
        out,
        r##"<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="none" stroke="#888888"/><text x="{cx}" y="{by}" text-anchor="middle">{xl}</text><text transform="translate(14 {cy}) rotate(-90)" text-anchor="middle">{yl}</text>"##,
        w = x1 - x0,
        h = y1 - y0,
        cx = (x0 + x1) / 2.0,
        by = HEIGHT - 8.0,
        cy = (y0 + y1) / 2.0,
        xl = esc(x_label),
        yl = esc(y_label)
    );
}

/// A line chart of `series` with horizontal reference lines.
pub fn line_chart(
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[Series<'_>],
    hlines: &[HLine<'_>],
) -> String {
    let finite = |p: &&[f64; 2]| p[0].is_finite() && p[1].is_finite();
    let all = || series.iter().flat_map(|s| s.points.iter().filter(finite));
    let fold = |it: &mut dyn Iterator<Item = f64>| {
        it.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        })
    };
    let (xlo, xhi) = fold(&mut all().map(|p| p[0]));
    let (ylo, yhi) = fold(
        &mut all()
            .map(|p| p[1])
            .chain(hlines.iter().map(|h| h.y).filter(|y| y.is_finite())),
    );
    let (xlo, xhi) = if xlo.is_finite() && xhi > xlo {
        (xlo, xhi)
    } else {
        padded(xlo, xhi)
    };
    let f = Frame {
        x: (xlo, xhi),
        y: padded(ylo, yhi),
    };
    let mut out = String::new();
    axes(&mut out, title, x_label, y_label, &f, true);
    for h in hlines.iter().filter(|h| h.y.is_finite()) {
        let y = f.py(h.y);
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{x2}" y2="{y:.1}" stroke="#d73232" stroke-dasharray="5 3"/><text x="{tx}" y="{ty:.1}" text-anchor="end" fill="#d73232">{n}</text>"##,
            x2 = WIDTH - RIGHT,
            tx = WIDTH - RIGHT - 4.0,
            ty = y - 4.0,
            n = esc(h.name)
        );
    }
    for (k, s) in series.iter().enumerate() {
        let pts: Vec<String> = s
            .points
            .iter()
            .filter(finite)
            .map(|p| format!("{:.1},{:.1}", f.px(p[0]), f.py(p[1])))
            .collect();
        if pts.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            r##"<polyline fill="none" stroke="{c}" stroke-width="2"{d} points="{p}"/><line x1="{lx}" y1="{ly}" x2="{lx2}" y2="{ly}" stroke="{c}" stroke-width="2"{d}/><text x="{tx}" y="{ty}">{n}</text>"##,
            c = esc(s.color),
            d = if s.dashed {
                r#" stroke-dasharray="6 3""#
            } else {
                ""
            },
            p = pts.join(" "),
            lx = LEFT + 8.0,
            lx2 = LEFT + 26.0,
            ly = TOP + 12.0 + 14.0 * k as f64,
            tx = LEFT + 30.0,
            ty = TOP + 16.0 + 14.0 * k as f64,
            n = esc(s.name)
        );
    }
    out.push_str("</svg>");
    out
}

/// A bar chart: one bar per (label, value), coloured by `color_of`, with a 0 line.
pub fn bar_chart(
    title: &str,
    y_label: &str,
    bars: &[(String, f64)],
    color_of: impl Fn(f64) -> &'static str,
) -> String {
    let (lo, hi) = bars
        .iter()
        .map(|b| b.1)
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let f = Frame {
        x: (0.0, bars.len().max(1) as f64),
        y: padded(lo, hi),
    };
    let mut out = String::new();
    axes(&mut out, title, "", y_label, &f, false);
    let slot = (WIDTH - LEFT - RIGHT) / bars.len().max(1) as f64;
    let label_every = (bars.len() / 16).max(1);
    for (i, (label, v)) in bars.iter().enumerate() {
        if !v.is_finite() {
            continue;
        }
        let (y_top, y_bot) = (f.py(v.max(0.0)), f.py(v.min(0.0)));
        let x = LEFT + slot * i as f64 + slot * 0.15;
        let _ = write!(
            out,
            r##"<rect x="{x:.1}" y="{y_top:.1}" width="{w:.1}" height="{h:.1}" fill="{c}"><title>{t}: {v:.3}</title></rect>"##,
            w = slot * 0.7,
            h = (y_bot - y_top).max(0.5),
            c = color_of(*v),
            t = esc(label)
        );
        if i % label_every == 0 {
            let _ = write!(
                out,
                r##"<text x="{cx:.1}" y="{ty}" text-anchor="middle">{l}</text>"##,
                cx = x + slot * 0.35,
                ty = HEIGHT - BOTTOM + 14.0,
                l = esc(label)
            );
        }
    }
    let y0 = f.py(0.0);
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" y1="{y0:.1}" x2="{x2}" y2="{y0:.1}" stroke="#444444"/></svg>"##,
        x2 = WIDTH - RIGHT
    );
    out
}

/// One bar of [`hbar_chart`].
pub struct HBar<'a> {
    /// Label drawn left of the bar.
    pub label: &'a str,
    /// Tooltip (`<title>`) of the bar, e.g. what sets it.
    pub tooltip: &'a str,
    /// Its length (non-finite bars are skipped).
    pub value: f64,
    /// CSS colour.
    pub color: &'a str,
}

/// Width of a horizontal bar chart, and of its label column, px.
const HBAR_WIDTH: f64 = 720.0;
const HBAR_LABELS: f64 = 250.0;
/// Height of one row of a horizontal bar chart, px.
const HBAR_ROW: f64 = 22.0;

/// A horizontal bar chart: one labelled row per bar with its value at the bar's end, and an
/// optional dashed vertical reference line (name, x) such as an allowance.
pub fn hbar_chart(
    title: &str,
    x_label: &str,
    bars: &[HBar<'_>],
    vline: Option<(&str, f64)>,
) -> String {
    let hi = bars
        .iter()
        .map(|b| b.value)
        .chain(vline.map(|v| v.1))
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let hi = if hi > 0.0 { hi * 1.15 } else { 1.0 };
    let (x0, x1) = (HBAR_LABELS + 10.0, HBAR_WIDTH - 16.0);
    let top = 44.0;
    let height = top + HBAR_ROW * bars.len() as f64 + 34.0;
    let px = |v: f64| x0 + v / hi * (x1 - x0);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {HBAR_WIDTH} {height}" width="{HBAR_WIDTH}" height="{height}" role="img" aria-label="{t}" font-family="sans-serif" font-size="11"><title>{t}</title><rect x="0" y="0" width="{HBAR_WIDTH}" height="{height}" fill="#ffffff"/><text x="{cx}" y="18" text-anchor="middle" font-size="13" font-weight="bold">{t}</text>"##,
        t = esc(title),
        cx = HBAR_WIDTH / 2.0
    );
    let bottom = top + HBAR_ROW * bars.len() as f64;
    vertical_grid(&mut out, (0.0, hi), (top, bottom), 6.0, px);
    for (i, b) in bars.iter().enumerate() {
        let y = top + HBAR_ROW * i as f64;
        let _ = write!(
            out,
            r##"<text x="{HBAR_LABELS}" y="{ty:.1}" text-anchor="end">{l}</text>"##,
            ty = y + 15.0,
            l = esc(b.label)
        );
        if !b.value.is_finite() {
            continue;
        }
        let w = (px(b.value) - x0).max(0.5);
        let _ = write!(
            out,
            r##"<rect x="{x0}" y="{ry:.1}" width="{w:.1}" height="{h:.1}" fill="{c}"><title>{tt}</title></rect><text x="{tx:.1}" y="{ty:.1}">{v:.2}</text>"##,
            ry = y + 4.0,
            h = HBAR_ROW - 8.0,
            c = esc(b.color),
            tt = esc(b.tooltip),
            tx = x0 + w + 4.0,
            ty = y + 15.0,
            v = b.value
        );
    }
    if let Some((name, x)) = vline.filter(|v| v.1.is_finite()) {
        let x = px(x);
        let _ = write!(
            out,
            r##"<line x1="{x:.1}" y1="{y0}" x2="{x:.1}" y2="{bottom}" stroke="#d73232" stroke-dasharray="5 3"/><text x="{x:.1}" y="{ty}" text-anchor="middle" fill="#d73232">{n}</text>"##,
            y0 = top - 8.0,
            ty = top - 12.0,
            n = esc(name)
        );
    }
    let _ = write!(
        out,
        r##"<line x1="{x0}" y1="{top}" x2="{x0}" y2="{bottom}" stroke="#444444"/><text x="{cx}" y="{by}" text-anchor="middle">{xl}</text></svg>"##,
        cx = (x0 + x1) / 2.0,
        by = height - 6.0,
        xl = esc(x_label)
    );
    out
}

/// Vertical grid lines from `top` to `bottom` at round values over `range` (about `target` of
/// them), each labelled below; `px` maps a value to its x.
fn vertical_grid(
    out: &mut String,
    range: (f64, f64),
    (top, bottom): (f64, f64),
    target: f64,
    px: impl Fn(f64) -> f64,
) {
    let step = tick_step(range.1 - range.0, target);
    let mut v = (range.0 / step).ceil() * step;
    while v <= range.1 + 1e-9 * step {
        let x = px(v);
        let _ = write!(
            out,
            r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{bottom}" stroke="#eeeeee"/><text x="{x:.1}" y="{ty}" text-anchor="middle">{l}</text>"##,
            ty = bottom + 14.0,
            l = tick_text(v, step)
        );
        v += step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_follow_1_2_5() {
        assert_eq!(tick_step(10.0, 5.0), 2.0);
        assert_eq!(tick_step(0.7, 7.0), 0.1);
        assert_eq!(tick_step(30.0, 6.0), 5.0);
        assert_eq!(tick_text(0.30000000000000004, 0.1), "0.3");
    }

    #[test]
    fn charts_escape_text_and_skip_non_finite_points() {
        let pts = [[0.0, 1.0], [1.0, f64::NAN], [2.0, 3.0]];
        let svg = line_chart(
            "a < b & c",
            "x",
            "y",
            &[Series {
                name: "s",
                points: &pts,
                color: "#000",
                dashed: false,
            }],
            &[HLine {
                name: "0 dB",
                y: 0.0,
            }],
        );
        assert!(svg.contains("a &lt; b &amp; c"));
        assert!(!svg.contains("NaN"));
        assert_eq!(svg.matches("<polyline").count(), 1);
        let bars = bar_chart(
            "b",
            "dB",
            &[("λ0".into(), -1.0), ("λ1".into(), 2.0)],
            |_| "#123",
        );
        assert_eq!(bars.matches("<rect x=").count(), 1 + 2 + 1);
        let h = hbar_chart(
            "rise <time>",
            "ps",
            &[
                HBar {
                    label: "TIA & PD",
                    tooltip: "receiver.tia_bandwidth_ghz",
                    value: 5.0,
                    color: "#3c82dc",
                },
                HBar {
                    label: "none",
                    tooltip: "",
                    value: f64::NAN,
                    color: "#000",
                },
            ],
            Some(("allowance", 7.0)),
        );
        assert!(h.contains("TIA &amp; PD") && h.contains("rise &lt;time&gt;"));
        assert!(!h.contains("NaN"));
        assert_eq!(h.matches("<rect x=").count(), 1 + 1);
    }
}
