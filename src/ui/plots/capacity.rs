//! Bit-rate capacity against the length of the swept element.

use egui_plot::{HLine, HoverPosition, Line, LineStyle};

use super::length::{length_label, no_sweep};
use super::{PlotInputs, base_plot, finite, hovered, legend, marker, or, palette, range};
use crate::engine::curves::LengthSweep;
use crate::ui::format;

/// "Bit-rate capacity vs <name> length": the highest rate at 0 dB margin, each of its limits
/// (noise, bandwidth, dispersion), the Shannon bound, the operating rate and the current point.
pub fn capacity_ui(ui: &mut egui::Ui, inputs: &PlotInputs<'_>) {
    let Some(sweep) = inputs.curves.length.as_ref() else {
        ui.strong("Bit-rate capacity vs length");
        no_sweep(ui);
        return;
    };
    ui.strong(format!("Bit-rate capacity vs {} length", sweep.name));
    let max_rate = finite(&sweep.max_bit_rate_gbps);
    let shannon = finite(&sweep.shannon_gbps);
    let operating = inputs.link.signaling.bit_rate_gbps;
    let current = marker(
        ui,
        "current length",
        sweep.current_length,
        inputs.report.max_bit_rate_gbps,
    );
    let (x_max, y_max) = extent(
        &max_rate,
        sweep,
        operating,
        inputs.report.shannon_capacity_gbps,
    );
    let unit = sweep.unit;
    base_plot(
        "plot_capacity",
        &length_label(sweep),
        "bit rate per lane (Gb/s)",
    )
    .legend(legend())
    .include_x(0.0)
    .include_x(x_max)
    .default_y_bounds(0.0, y_max)
    .label_formatter(move |pos| Some(hover_label(pos, unit)))
    .show(ui, |plot_ui| {
        if let Some(a) = super::length::baseline_sweep(inputs, sweep) {
            plot_ui.line(super::baseline_line(&a.max_bit_rate_gbps));
        }
        plot_ui.line(
            Line::new("max rate at 0 dB margin", max_rate)
                .color(palette::CURVE)
                .width(2.0),
        );
        for (name, points, color) in [
            (
                "noise limit (no ISI)",
                &sweep.noise_limit_gbps,
                palette::NOISE_LIMIT,
            ),
            (
                "bandwidth limit",
                &sweep.bandwidth_limit_gbps,
                palette::BANDWIDTH_LIMIT,
            ),
            (
                "dispersion limit",
                &sweep.dispersion_limit_gbps,
                palette::DISPERSION_LIMIT,
            ),
        ] {
            if !points.is_empty() {
                plot_ui.line(
                    Line::new(name, finite(points))
                        .color(color)
                        .style(LineStyle::dashed_dense())
                        .width(1.5),
                );
            }
        }
        plot_ui.line(
            Line::new("Shannon bound at channel bandwidth", shannon)
                .color(palette::CURVE_2)
                .style(LineStyle::dashed_loose()),
        );
        if operating.is_finite() {
            plot_ui.hline(
                HLine::new("operating rate", operating)
                    .color(palette::NEUTRAL)
                    .width(1.5),
            );
        }
        if let Some(points) = current {
            plot_ui.points(points);
        }
    });
}

/// The x extent and the fixed y range's top: room above the max-rate curve, the operating rate
/// and the Shannon bound at the current length, but at most 3× the max rate. Limits far above
/// the max rate (a noise limit of Tb/s beside a bandwidth-limited 60 Gb/s) leave the top of the
/// plot rather than flatten the curve that matters.
fn extent(max_rate: &[[f64; 2]], sweep: &LengthSweep, operating: f64, shannon: f64) -> (f64, f64) {
    let x_max = range(max_rate.iter().map(|p| p[0]).chain([sweep.current_length]))
        .map_or(1.0, |(_, hi)| hi.max(1e-3));
    let top = range(max_rate.iter().map(|p| p[1]).chain([or(operating, 0.0)]))
        .map_or(1.0, |(_, hi)| hi.max(1e-3));
    let y_max = 1.15 * top.max(or(shannon, 0.0).min(3.0 * top));
    (x_max, y_max)
}

/// The hover read-out: length and bit rate.
fn hover_label(pos: &HoverPosition<'_>, unit: &str) -> String {
    let (prefix, p) = hovered(pos);
    format!(
        "{prefix}length {}\nrate {}",
        format::with_unit(p.x, 3, unit),
        format::rate_gbps(p.y)
    )
}
