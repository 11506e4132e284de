//! The tornado view: each toleranced parameter's margin at its low and high corner (bars sorted
//! by swing) and ∂margin/∂parameter.

use egui_plot::{Bar, BarChart, VLine};

use crate::engine::tornado::Tornado;
use crate::present::{per_unit, tolerance_text};
use crate::session::{Command, ExportKind};
use crate::ui::plots::{PLOT_HEIGHT, base_plot, legend, palette};

/// The tornado view. Returns an export request.
pub fn tornado_ui(ui: &mut egui::Ui, tornado: Result<&Tornado, String>) -> Option<Command> {
    let t = match tornado {
        Ok(t) => t,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("Cannot compute: {e}"));
            return None;
        }
    };
    let mut command = None;
    ui.horizontal(|ui| {
        ui.label(format!("Nominal margin {:.3} dB", t.nominal_margin_db));
        if ui.button("Export CSV…").clicked() {
            command = Some(Command::Export(ExportKind::TornadoCsv));
        }
    });
    if t.bars.is_empty() {
        ui.weak(
            "No toleranced parameters: give elements, the laser power or the responsivity a \
             tolerance in the editor.",
        );
        return command;
    }
    ui.weak("Each bar: the margin with one parameter at its low and its high corner (±half-width; ±3σ for a normal spread), all others nominal.");
    let n = t.bars.len();
    let mut low = Vec::with_capacity(n);
    let mut high = Vec::with_capacity(n);
    for (k, b) in t.bars.iter().enumerate() {
        // Largest swing on top.
        let y = (n - 1 - k) as f64;
        let base = t.nominal_margin_db;
        low.push(
            Bar::new(y, b.margin_low_db - base)
                .base_offset(base)
                .name(format!("{} low", b.parameter.label))
                .fill(palette::CURVE_2),
        );
        high.push(
            Bar::new(y, b.margin_high_db - base)
                .base_offset(base)
                .name(format!("{} high", b.parameter.label))
                .fill(palette::CURVE),
        );
    }
    let labels: Vec<String> = t
        .bars
        .iter()
        .rev()
        .map(|b| b.parameter.label.clone())
        .collect();
    base_plot("plot_tornado", "margin (dB)", "")
        .height((PLOT_HEIGHT * 0.5 + 26.0 * n as f32).max(PLOT_HEIGHT))
        .legend(legend().position(egui_plot::Corner::LeftTop))
        .y_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_axis_min_width(180.0)
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(
                BarChart::new("low corner", low)
                    .color(palette::CURVE_2)
                    .horizontal()
                    .width(0.6),
            );
            plot_ui.bar_chart(
                BarChart::new("high corner", high)
                    .color(palette::CURVE)
                    .horizontal()
                    .width(0.6),
            );
            plot_ui.vline(VLine::new("nominal", t.nominal_margin_db).color(palette::NEUTRAL));
            plot_ui.vline(VLine::new("0 dB", 0.0).color(palette::REFERENCE));
        });
    egui::Grid::new("tornado_table")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for h in [
                "Parameter",
                "Tolerance",
                "Margin low",
                "Margin high",
                "Swing",
                "∂margin/∂param",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for b in &t.bars {
                let p = &b.parameter;
                ui.label(&p.label);
                ui.label(tolerance_text(&p.tolerance, p.unit));
                ui.label(format!("{:.3} dB", b.margin_low_db));
                ui.label(format!("{:.3} dB", b.margin_high_db));
                ui.label(format!("{:.3} dB", b.swing_db));
                ui.label(format!(
                    "{:+.4} {}",
                    b.derivative_db_per_unit,
                    per_unit(p.unit)
                ));
                ui.end_row();
            }
        });
    command
}
