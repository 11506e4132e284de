//! The BER waterfall: BER against received average power, on a log scale.

use egui_plot::{HoverPosition, Line};

use super::{
    PlotInputs, Y_LABEL_GRIDS, base_plot, hovered, legend, marker, nice_grid, or, palette,
    reference_hline,
};
use crate::ui::format;

/// Smallest BER drawn; lower values are clamped to it before taking log10.
const BER_FLOOR: f64 = 1e-40;

/// "BER vs received power": log10(BER) against received average power, the target BER and the
/// worst channel's operating point.
pub fn waterfall_ui(ui: &mut egui::Ui, inputs: &PlotInputs<'_>) {
    ui.strong("BER vs received power");
    let report = inputs.report;
    let curve = log_curve(&inputs.curves.waterfall);
    let target = log_ber(report.target_ber);
    let received = report
        .channels
        .get(report.worst_channel)
        .map_or(report.received_power_dbm, |c| c.received_power_dbm);
    let current = log_ber(report.ber).and_then(|y| marker(ui, "operating point", received, y));
    let y_min = target.map_or(-15.0, |t| (t - 6.0).min(-15.0));
    base_plot(
        "plot_waterfall",
        "received average power (dBm)",
        "BER (log)",
    )
    .legend(legend())
    .y_grid_spacer(nice_grid(Y_LABEL_GRIDS, 1.0))
    .y_axis_formatter(|mark, _| power_of_ten_tick(mark.value))
    .include_y(y_min)
    .include_y(0.0)
    .include_x(or(received, -20.0) - 5.0)
    .include_x(or(received, -20.0) + 5.0)
    .label_formatter(|pos| Some(hover_label(pos)))
    .show(ui, |plot_ui| {
        plot_ui.line(Line::new("BER", curve).color(palette::CURVE).width(2.0));
        if let Some(a) = inputs.baseline {
            let points = log_curve(&a.curves.waterfall);
            plot_ui.line(super::baseline_line(&points));
        }
        if let Some(line) = target.and_then(|t| reference_hline("target BER", t)) {
            plot_ui.hline(line);
        }
        if let Some(points) = current {
            plot_ui.points(points);
        }
    });
}

/// log10 of a BER clamped to [`BER_FLOOR`], or `None` if the BER is not finite.
fn log_ber(ber: f64) -> Option<f64> {
    ber.is_finite().then(|| ber.max(BER_FLOOR).log10())
}

/// A (power, log10 BER) point, or `None` if either is not finite.
fn log_point(power_dbm: f64, ber: f64) -> Option<[f64; 2]> {
    let y = log_ber(ber)?;
    (power_dbm.is_finite() && y.is_finite()).then_some([power_dbm, y])
}

/// A y-axis tick label "1e-12" at whole powers of ten, nothing in between.
fn power_of_ten_tick(value: f64) -> String {
    if !value.is_finite() || (value - value.round()).abs() > 1e-9 {
        String::new()
    } else if value.round() == 0.0 {
        "1".to_owned()
    } else {
        format!("1e{:.0}", value.round())
    }
}

/// The hover read-out: received power and BER.
fn hover_label(pos: &HoverPosition<'_>) -> String {
    let (prefix, p) = hovered(pos);
    format!(
        "{prefix}received {}\nBER {}",
        format::with_unit(p.x, 2, "dBm"),
        format::ber(10f64.powf(p.y))
    )
}

/// The BER curve as (power, log10 BER) points, leaving out BERs too small to plot.
fn log_curve(waterfall: &[[f64; 2]]) -> Vec<[f64; 2]> {
    waterfall
        .iter()
        .filter_map(|&[p, ber]| log_point(p, ber))
        .collect()
}
