//! The sweep view: any numeric input against any output, with the zero-margin crossings; with a
//! second input, a heat map.

use egui::{Color32, ComboBox, RichText};
use egui_plot::{Heatmap, Line, PlotPoint, Points, VLine};

use super::path_label;
use crate::engine::params;
use crate::engine::sweep::{Output, Sweep, SweepSpec};
use crate::engine::sweep2d::Sweep2d;
use crate::model::Link;
use crate::session::{Command, ExportKind, SweepAxis, SweepState};
use crate::ui::Thresholds;
use crate::ui::plots::{PLOT_HEIGHT, base_plot, finite, legend, marker, palette, reference_hline};
use crate::ui::widgets::real_drag;

/// The sweep view: edits the sweep's settings and shows its last result. Returns the command a
/// control asked for: an export, another input, or a new sweep when a setting changed.
pub fn sweep_ui(
    ui: &mut egui::Ui,
    state: &mut SweepState,
    link: &Link,
    thresholds: Thresholds,
) -> Option<Command> {
    let paths = params::numeric_paths(link);
    let before = state.settings();
    let mut command = None;
    egui::Grid::new("sweep_controls")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            if let Some(path) = spec_row(ui, "Input", "sweep_x", &mut state.x, link, &paths) {
                command = Some(Command::SetSweepInput(SweepAxis::X, path));
            }
            let label = ui.label("Output");
            ui.label_inputs_by(label.id, |ui| {
                ComboBox::from_id_salt("sweep_output")
                    .selected_text(state.output.label())
                    .show_ui(ui, |ui| {
                        for o in Output::ALL {
                            ui.selectable_value(&mut state.output, o, o.label());
                        }
                    })
            });
            ui.end_row();
            ui.label("");
            ui.horizontal(|ui| {
                ui.checkbox(&mut state.heat_map, "Heat map against a second input");
                if ui.button("Export CSV…").clicked() {
                    command = Some(Command::Export(ExportKind::SweepCsv));
                }
            });
            ui.end_row();
            if state.heat_map
                && let Some(path) =
                    spec_row(ui, "Second input", "sweep_y", &mut state.y, link, &paths)
            {
                command = Some(Command::SetSweepInput(SweepAxis::Y, path));
            }
        });
    if command.is_none() && state.settings() != before {
        command = Some(Command::RunSweep);
    }
    ui.separator();
    match (&state.result, state.heat_map, &state.grid) {
        (_, true, Some(Ok(grid))) => {
            let logs = (state.x.log, state.y.log);
            heat_map_ui(ui, grid, state.output, link, thresholds, logs);
        }
        (_, true, Some(Err(e))) | (Some(Err(e)), false, _) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("Cannot sweep: {e}"));
        }
        (Some(Ok(sweep)), false, _) => line_ui(ui, sweep, state.output, link, state.x.log),
        _ => {}
    }
    command
}

/// One input's row: path picker, from, to, points, log. Returns a newly chosen path.
fn spec_row(
    ui: &mut egui::Ui,
    title: &str,
    id: &str,
    spec: &mut SweepSpec,
    link: &Link,
    paths: &[String],
) -> Option<String> {
    let label = ui.label(title);
    let mut chosen = spec.path.clone();
    ui.vertical(|ui| {
        ui.label_inputs_by(label.id, |ui| {
            ComboBox::from_id_salt(id)
                .width(360.0)
                .height(400.0)
                .selected_text(path_label(link, &spec.path))
                .show_ui(ui, |ui| {
                    for p in paths {
                        ui.selectable_value(&mut chosen, p.clone(), path_label(link, p));
                    }
                })
        });
        ui.horizontal(|ui| {
            let range = -1e9..=1e9;
            let l = ui.label("from");
            ui.add(real_drag(&mut spec.from, "", range.clone()))
                .labelled_by(l.id);
            let l = ui.label("to");
            ui.add(real_drag(&mut spec.to, "", range)).labelled_by(l.id);
            let l = ui.label("points");
            ui.add(egui::DragValue::new(&mut spec.steps).range(2..=2001))
                .labelled_by(l.id);
            ui.checkbox(&mut spec.log, "log");
        });
    });
    ui.end_row();
    (chosen != spec.path).then_some(chosen)
}

/// y as plotted: log10 for the BER.
fn plotted(output: Output, v: f64) -> f64 {
    if output == Output::Ber {
        v.max(1e-300).log10()
    } else {
        v
    }
}

fn y_label(output: Output) -> &'static str {
    if output == Output::Ber {
        "log10 BER"
    } else {
        output.label()
    }
}

/// x as plotted: log10 for a log sweep.
fn plotted_x(log: bool, x: f64) -> f64 {
    if log { x.log10() } else { x }
}

/// The 1-D curve with the 0 dB line, the zero-margin crossings and the current value.
fn line_ui(ui: &mut egui::Ui, sweep: &Sweep, output: Output, link: &Link, log: bool) {
    let points: Vec<[f64; 2]> = sweep
        .points
        .iter()
        .filter_map(|p| {
            p.values
                .first()
                .copied()
                .flatten()
                .map(|v| [plotted_x(log, p.x), plotted(output, v)])
        })
        .collect();
    let invalid = sweep.points.iter().filter(|p| p.error.is_some()).count();
    let crossings = &sweep.zero_margin_crossings;
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!(
            "{} vs {}",
            output.label(),
            path_label(link, &sweep.path)
        ));
        if crossings.is_empty() {
            ui.weak("· margin does not cross 0 dB in this range");
        } else {
            let list: Vec<String> = crossings.iter().map(|x| format!("{x:.4}")).collect();
            ui.label(
                RichText::new(format!("· 0 dB margin at {}", list.join(", ")))
                    .color(palette::REFERENCE),
            );
        }
        if invalid > 0 {
            ui.weak(format!(
                "· {invalid} point(s) invalid (outside the field's range)"
            ));
        }
    });
    let current = params::get(link, &sweep.path);
    let x_label = if log {
        format!("log10 {}", sweep.path)
    } else {
        sweep.path.clone()
    };
    let current_y = current.and_then(|x| {
        // The value at the current input, read off the curve (nearest point).
        sweep
            .points
            .iter()
            .min_by(|a, b| (a.x - x).abs().total_cmp(&(b.x - x).abs()))
            .and_then(|p| p.values.first().copied().flatten())
            .filter(|_| {
                let (lo, hi) = (sweep.points[0].x, sweep.points[sweep.points.len() - 1].x);
                (lo.min(hi)..=lo.max(hi)).contains(&x)
            })
    });
    let current_marker = match (current, current_y) {
        (Some(x), Some(y)) => marker(ui, "current value", plotted_x(log, x), plotted(output, y)),
        _ => None,
    };
    base_plot("plot_sweep", &x_label, y_label(output))
        .height(PLOT_HEIGHT * 1.6)
        .legend(legend())
        .show(ui, |plot_ui| {
            plot_ui.line(
                Line::new(output.label(), finite(&points))
                    .color(palette::CURVE)
                    .width(2.0),
            );
            if output == Output::Margin
                && let Some(h) = reference_hline("0 dB", 0.0)
            {
                plot_ui.hline(h);
            }
            for &x in crossings {
                plot_ui.vline(
                    VLine::new("0 dB margin crossing", plotted_x(log, x))
                        .color(palette::REFERENCE)
                        .style(egui_plot::LineStyle::dotted_dense()),
                );
            }
            if let Some(m) = current_marker {
                plot_ui.points(m);
            }
        });
}

/// A margin colour (red → amber → green by the thresholds) or a blue scale for other outputs.
fn cell_color(output: Output, thresholds: Thresholds, lo: f64, hi: f64) -> impl Fn(f64) -> Color32 {
    move |v: f64| {
        if !v.is_finite() {
            return Color32::from_gray(90);
        }
        if output == Output::Margin {
            let fail = thresholds.marginal_db;
            let pass = thresholds.pass_db;
            let (r, g) = if v < fail {
                let t = ((fail - v) / 6.0).clamp(0.0, 1.0) as f32;
                (1.0, 0.35 * (1.0 - t))
            } else if v < pass {
                let t = ((v - fail) / (pass - fail).max(1e-9)).clamp(0.0, 1.0) as f32;
                (0.95, 0.55 + 0.25 * t)
            } else {
                let t = ((v - pass) / 10.0).clamp(0.0, 1.0) as f32;
                (0.55 - 0.45 * t, 0.75 + 0.1 * t)
            };
            Color32::from_rgb((r * 230.0) as u8, (g * 220.0) as u8, 60)
        } else {
            let t = ((v - lo) / (hi - lo).max(1e-12)).clamp(0.0, 1.0) as f32;
            Color32::from_rgb(
                (30.0 + 200.0 * t) as u8,
                (60.0 + 150.0 * t) as u8,
                (160.0 - 100.0 * t) as u8,
            )
        }
    }
}

/// The heat map with the 0 dB contour (cells where the margin changes sign) and the current
/// operating point.
fn heat_map_ui(
    ui: &mut egui::Ui,
    grid: &Sweep2d,
    output: Output,
    link: &Link,
    thresholds: Thresholds,
    (x_log, y_log): (bool, bool),
) {
    let (nx, ny) = (grid.xs.len(), grid.ys.len());
    if nx < 2 || ny < 2 {
        return;
    }
    let values: Vec<f64> = grid
        .values
        .iter()
        .map(|v| v.map_or(f64::NAN, |v| plotted(output, v)))
        .collect();
    let (lo, hi) = values
        .iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!(
            "{} over {} × {}",
            output.label(),
            path_label(link, &grid.x_path),
            path_label(link, &grid.y_path)
        ));
        if lo.is_finite() {
            ui.weak(format!("· range {lo:.3} … {hi:.3}"));
        }
    });
    // Cells are centred on the grid values (uniform spacing, in log10 on a log axis).
    let (px, py) = (|x| plotted_x(x_log, x), |y| plotted_x(y_log, y));
    let (x0, x1) = (px(grid.xs[0]), px(grid.xs[nx - 1]));
    let (y0, y1) = (py(grid.ys[0]), py(grid.ys[ny - 1]));
    let dx = (x1 - x0) / (nx - 1) as f64;
    let dy = (y1 - y0) / (ny - 1) as f64;
    let contour: Vec<[f64; 2]> = zero_contour(grid)
        .into_iter()
        .map(|[x, y]| [px(x), py(y)])
        .collect();
    let current_marker = match (
        params::get(link, &grid.x_path),
        params::get(link, &grid.y_path),
    ) {
        (Some(x), Some(y)) => marker(ui, "current value", px(x), py(y)),
        _ => None,
    };
    let color = cell_color(output, thresholds, lo, hi);
    let axis = |log: bool, path: &str| {
        if log {
            format!("log10 {path}")
        } else {
            path.to_owned()
        }
    };
    base_plot(
        "plot_heat_map",
        &axis(x_log, &grid.x_path),
        &axis(y_log, &grid.y_path),
    )
    .height(PLOT_HEIGHT * 1.8)
    .legend(legend())
    .show(ui, |plot_ui| {
        plot_ui.heatmap(
            Heatmap::new(values, nx)
                .at(PlotPoint::new(x0 - dx / 2.0, y0 - dy / 2.0))
                .tile_size(dx as f32, dy as f32)
                .show_labels(false)
                .custom_mapping(Box::new(color))
                .name(output.label()),
        );
        if !contour.is_empty() {
            plot_ui.points(
                Points::new("0 dB margin", contour)
                    .radius(2.0)
                    .color(Color32::WHITE),
            );
        }
        if let Some(m) = current_marker {
            plot_ui.points(m);
        }
    });
}

/// Points where the margin crosses 0 dB between neighbouring cells (linear interpolation along
/// rows and columns).
fn zero_contour(grid: &Sweep2d) -> Vec<[f64; 2]> {
    if grid.output != Output::Margin.key() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let (nx, ny) = (grid.xs.len(), grid.ys.len());
    for j in 0..ny {
        for i in 0..nx {
            let Some(v) = grid.at(i, j) else { continue };
            if i + 1 < nx
                && let Some(w) = grid.at(i + 1, j)
                && (v < 0.0) != (w < 0.0)
            {
                let t = v / (v - w);
                out.push([grid.xs[i] + t * (grid.xs[i + 1] - grid.xs[i]), grid.ys[j]]);
            }
            if j + 1 < ny
                && let Some(w) = grid.at(i, j + 1)
                && (v < 0.0) != (w < 0.0)
            {
                let t = v / (v - w);
                out.push([grid.xs[i], grid.ys[j] + t * (grid.ys[j + 1] - grid.ys[j])]);
            }
        }
    }
    out
}
