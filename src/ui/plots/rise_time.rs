//! Keiser's rise-time budget of the worst channel: one bar per part, t_sys, and the allowance.

use egui::{Align2, Color32, Grid, RichText};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text, VLine};

use super::{PLOT_HEIGHT, PlotInputs, body_text, hovered, palette, stroke_of, tick_label};
use crate::engine::RiseTimeBudget;
use crate::ui::format;

/// Height of one bar's row in the plot, px.
const ROW_HEIGHT: f32 = 40.0;
/// Thickness of a bar, in rows.
const BAR_WIDTH: f64 = 0.4;

/// "Rise-time budget": one horizontal bar per part (its 10–90 % rise time) and t_sys, a dashed
/// line at the allowance, and the same numbers in a table. Hovering a bar shows the input that
/// sets it and its bandwidth.
pub fn rise_time_ui(ui: &mut egui::Ui, inputs: &PlotInputs<'_>) {
    let b = &inputs.report.rise_time_budget;
    ui.strong(format!("Rise-time budget (channel {})", b.channel));
    let within = if b.within_allowance {
        "within"
    } else {
        "exceeds"
    };
    ui.label(format!(
        "t_sys {} {within} the allowance {} ({} × symbol period)",
        format::with_unit(b.total_ps, 2, "ps"),
        format::with_unit(b.allowed_ps, 2, "ps"),
        format::number(b.allowance_fraction, 3)
    ));
    bars_plot(ui, b);
    parts_table(ui, b);
}

/// The bars: parts from the top, t_sys at the bottom (y = 0), each labelled with its name above
/// and its rise time at its end.
fn bars_plot(ui: &mut egui::Ui, b: &RiseTimeBudget) {
    let rows = b.parts.len() + 1;
    let total_color = if b.within_allowance {
        Color32::from_rgb(40, 170, 80)
    } else {
        palette::REFERENCE
    };
    // (name, rise time, hover text, colour), top to bottom.
    let items: Vec<(String, f64, String, Color32)> = b
        .parts
        .iter()
        .map(|p| {
            let bandwidth = p.bandwidth_ghz.map_or_else(
                || "dispersion".to_owned(),
                |g| format::with_unit(g, 2, "GHz"),
            );
            let hover = format!(
                "{}\nset by {}\nbandwidth {bandwidth}\nrise time {}",
                p.name,
                p.path,
                format::with_unit(p.rise_time_ps, 2, "ps")
            );
            (p.name.to_string(), p.rise_time_ps, hover, palette::CURVE)
        })
        .chain([(
            "t_sys".to_owned(),
            b.total_ps,
            format!(
                "t_sys = √Σt² {}\nallowance {}",
                format::with_unit(b.total_ps, 2, "ps"),
                format::with_unit(b.allowed_ps, 2, "ps")
            ),
            total_color,
        )])
        .collect();
    let y_of = |i: usize| (rows - 1 - i) as f64;
    let bars: Vec<Bar> = items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.1.is_finite())
        .map(|(i, (name, t, _, color))| {
            Bar::new(y_of(i), *t)
                .name(name)
                .width(BAR_WIDTH)
                .fill(*color)
                .stroke(stroke_of(*color))
        })
        .collect();
    let hovers: Vec<String> = items.iter().map(|item| item.2.clone()).collect();
    let chart = BarChart::new("rise time", bars)
        .horizontal()
        .color(palette::CURVE)
        .element_formatter(Box::new(move |bar, _| {
            let i = (rows as f64 - 1.0 - bar.argument).round().max(0.0) as usize;
            hovers.get(i).cloned().unwrap_or_default()
        }));
    let x_max = items
        .iter()
        .map(|item| item.1)
        .chain([b.allowed_ps])
        .filter(|v| v.is_finite())
        .fold(1.0, f64::max);
    let height = PLOT_HEIGHT.max(ROW_HEIGHT * rows as f32 + 40.0);
    Plot::new("plot_rise_time")
        .height(height)
        .allow_scroll(false)
        .x_axis_label("10–90 % rise time (ps)")
        .show_y(false)
        .show_axes([true, false])
        .x_axis_formatter(|mark, _| tick_label(mark))
        .include_x(0.0)
        .include_x(1.25 * x_max)
        .include_y(-0.6)
        .include_y(rows as f64 - 0.2)
        .label_formatter(|pos| {
            Some(format!(
                "t {}",
                format::with_unit(hovered(pos).1.x, 2, "ps")
            ))
        })
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(chart);
            for (i, (name, t, _, _)) in items.iter().enumerate() {
                let y = y_of(i);
                plot_ui.text(
                    Text::new(
                        "",
                        PlotPoint::new(0.0, y + BAR_WIDTH / 2.0),
                        body_text(name.clone()),
                    )
                    .anchor(Align2::LEFT_BOTTOM),
                );
                if t.is_finite() {
                    plot_ui.text(
                        Text::new(
                            "",
                            PlotPoint::new(*t, y),
                            body_text(format!(" {}", format::with_unit(*t, 2, "ps"))),
                        )
                        .anchor(Align2::LEFT_CENTER),
                    );
                }
            }
            if b.allowed_ps.is_finite() {
                plot_ui.vline(
                    VLine::new(
                        format!("allowance {}", format::with_unit(b.allowed_ps, 2, "ps")),
                        b.allowed_ps,
                    )
                    .color(palette::REFERENCE)
                    .style(egui_plot::LineStyle::dashed_dense()),
                );
                plot_ui.text(
                    Text::new(
                        "",
                        PlotPoint::new(b.allowed_ps, rows as f64 - 0.2),
                        body_text("allowance".to_owned()).color(palette::REFERENCE),
                    )
                    .anchor(Align2::LEFT_TOP),
                );
            }
        });
}

/// The parts as a table: name (hover: the input that sets it), bandwidth, rise time; t_sys and
/// the allowance.
fn parts_table(ui: &mut egui::Ui, b: &RiseTimeBudget) {
    Grid::new("rise_time_table")
        .num_columns(4)
        .striped(true)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            for h in ["part (hover: the input that sets it)", "GHz", "ps"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for p in &b.parts {
                ui.label(p.name.to_string())
                    .on_hover_text(format!("set by {}", p.path));
                ui.label(
                    p.bandwidth_ghz
                        .map_or_else(|| "—".to_owned(), |g| format::number(g, 2)),
                );
                ui.label(format::number(p.rise_time_ps, 2));
                ui.end_row();
            }
            ui.label(RichText::new("t_sys = √Σt²").strong());
            ui.label("");
            ui.label(RichText::new(format::number(b.total_ps, 2)).strong());
            ui.end_row();
            ui.label(format!(
                "allowance: {} × symbol period {}",
                format::number(b.allowance_fraction, 3),
                format::with_unit(b.symbol_period_ps, 2, "ps")
            ));
            ui.label("");
            ui.label(format::number(b.allowed_ps, 2));
            ui.end_row();
        });
}
