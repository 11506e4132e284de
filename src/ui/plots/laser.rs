//! Margin against the laser power per wavelength.

use egui_plot::{HoverPosition, Line};

use super::{
    PlotInputs, base_plot, finite, hovered, legend, marker, or, palette, range, reference_hline,
};
use crate::ui::format;

/// "Margin vs laser power": the margin curve, 0 dB and the current laser power.
pub fn laser_ui(ui: &mut egui::Ui, inputs: &PlotInputs<'_>) {
    ui.strong("Margin vs laser power");
    let curve = finite(&inputs.curves.laser);
    let power = inputs.link.laser.power_dbm;
    let margin = inputs.report.margin_db;
    let current = marker(ui, "current laser power", power, margin);
    let (x_lo, x_hi) =
        range(curve.iter().map(|p| p[0]).chain([or(power, 0.0)])).unwrap_or((-10.0, 10.0));
    let (y_lo, y_hi) =
        range(curve.iter().map(|p| p[1]).chain([0.0, or(margin, 0.0)])).unwrap_or((-3.0, 3.0));
    base_plot("plot_laser", "laser power per λ (dBm)", "margin (dB)")
        .legend(legend())
        .include_x(x_lo - 1.0)
        .include_x(x_hi + 1.0)
        .include_y(y_lo - 1.0)
        .include_y(y_hi + 1.0)
        .label_formatter(|pos| Some(hover_label(pos)))
        .show(ui, |plot_ui| {
            plot_ui.line(Line::new("margin", curve).color(palette::CURVE).width(2.0));
            if let Some(a) = inputs.baseline {
                plot_ui.line(super::baseline_line(&a.curves.laser));
            }
            if let Some(line) = reference_hline("0 dB", 0.0) {
                plot_ui.hline(line);
            }
            if let Some(points) = current {
                plot_ui.points(points);
            }
        });
}

/// The hover read-out: laser power and margin.
fn hover_label(pos: &HoverPosition<'_>) -> String {
    let (prefix, p) = hovered(pos);
    format!(
        "{prefix}laser {} per λ\nmargin {}",
        format::with_unit(p.x, 2, "dBm"),
        format::with_unit(p.y, 2, "dB")
    )
}
