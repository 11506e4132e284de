//! Margin of every wavelength channel.

use egui_plot::{Bar, BarChart};

use super::{PlotInputs, base_plot, hovered, palette, range, reference_hline, stroke_of};
use crate::engine::Channel;
use crate::ui::format;

/// "Margin per wavelength": one bar per channel at its wavelength, coloured by verdict, and 0 dB.
pub fn channels_ui(ui: &mut egui::Ui, inputs: &PlotInputs<'_>) {
    ui.strong("Margin per wavelength");
    let channels = &inputs.report.channels;
    let spacing = channel_spacing(channels);
    let bars: Vec<Bar> = channels
        .iter()
        .filter(|c| c.wavelength_nm.is_finite() && c.margin_db.is_finite())
        .map(|c| {
            let color = inputs.thresholds.color(c.margin_db);
            Bar::new(c.wavelength_nm, c.margin_db)
                .width(0.6 * spacing)
                .fill(color)
                .stroke(stroke_of(color))
        })
        .collect();
    let (x_lo, x_hi) = range(channels.iter().map(|c| c.wavelength_nm)).unwrap_or((1310.0, 1310.0));
    let (y_lo, y_hi) =
        range(channels.iter().map(|c| c.margin_db).chain([0.0])).unwrap_or((0.0, 0.0));
    let chart = BarChart::new("margin", bars)
        .color(palette::CURVE)
        .element_formatter(Box::new(|bar, _| bar_label(bar.argument, bar.value)));
    base_plot("plot_channels", "wavelength (nm)", "margin (dB)")
        .include_x(x_lo - spacing)
        .include_x(x_hi + spacing)
        .include_y(y_lo - 1.0)
        .include_y(y_hi + 1.0)
        .label_formatter(|pos| {
            let (_, p) = hovered(pos);
            Some(bar_label(p.x, p.y))
        })
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(chart);
            if let Some(a) = inputs.baseline {
                let points: Vec<[f64; 2]> = a
                    .report
                    .channels
                    .iter()
                    .map(|c| [c.wavelength_nm, c.margin_db])
                    .collect();
                plot_ui.points(
                    egui_plot::Points::new(super::BASELINE_NAME, super::finite(&points))
                        .radius(4.0)
                        .shape(egui_plot::MarkerShape::Diamond)
                        .color(super::palette::BASELINE),
                );
            }
            if let Some(line) = reference_hline("0 dB", 0.0) {
                plot_ui.hline(line);
            }
        });
}

/// The smallest spacing between distinct wavelengths, nm; 1 nm for a single channel.
fn channel_spacing(channels: &[Channel]) -> f64 {
    let mut wavelengths: Vec<f64> = channels
        .iter()
        .map(|c| c.wavelength_nm)
        .filter(|w| w.is_finite())
        .collect();
    wavelengths.sort_by(f64::total_cmp);
    wavelengths
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if b - a > 1e-9 => Some(b - a),
            _ => None,
        })
        .fold(None, |acc: Option<f64>, d| {
            Some(acc.map_or(d, |m| m.min(d)))
        })
        .unwrap_or(1.0)
}

/// "λ … nm / margin … dB".
fn bar_label(wavelength_nm: f64, margin_db: f64) -> String {
    format!(
        "λ {}\nmargin {}",
        format::with_unit(wavelength_nm, 2, "nm"),
        format::with_unit(margin_db, 2, "dB")
    )
}
