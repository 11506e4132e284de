//! The Monte Carlo view: run settings, progress and cancel, yield, percentiles, the margin
//! histogram and the failure drivers. Results stream in while the run goes on.

use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, VLine};

use crate::engine::montecarlo::{MAX_SAMPLES, Summary};
use crate::model::Link;
use crate::session::mc_job::JobState;
use crate::session::{Command, ExportKind, McState};
use crate::ui::Thresholds;
use crate::ui::plots::{PLOT_HEIGHT, base_plot, legend, palette};
use crate::ui::widgets::real_drag;

/// The Monte Carlo view: edits the run's settings and shows its progress and results. Returns
/// the command a button asked for (run, cancel, export).
pub fn montecarlo_ui(
    ui: &mut egui::Ui,
    state: &mut McState,
    link: &Link,
    thresholds: Thresholds,
) -> Option<Command> {
    let mut command = None;
    let running = state.job.as_ref().is_some_and(|j| j.is_running());
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Samples");
        ui.add(
            egui::DragValue::new(&mut state.samples)
                .range(1..=MAX_SAMPLES)
                .speed(1000.0),
        )
        .labelled_by(label.id);
        let label = ui.label("Seed");
        ui.add(egui::DragValue::new(&mut state.seed))
            .labelled_by(label.id);
        let label = ui.label("Target margin");
        ui.add(real_drag(&mut state.target_db, "dB", -100.0..=100.0))
            .labelled_by(label.id);
        if running {
            if ui.button("Cancel").clicked() {
                command = Some(Command::CancelMonteCarlo);
            }
        } else if ui.button("Run").clicked() {
            command = Some(Command::RunMonteCarlo);
        }
        ui.separator();
        let has = state.latest().is_some();
        if ui
            .add_enabled(has, egui::Button::new("Export histogram CSV…"))
            .clicked()
        {
            command = Some(Command::Export(ExportKind::MonteCarloCsv));
        }
        if ui
            .add_enabled(has, egui::Button::new("Export JSON…"))
            .clicked()
        {
            command = Some(Command::Export(ExportKind::MonteCarloJson));
        }
    });
    if let Some(e) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    let Some(job) = state.job.as_mut() else {
        ui.weak(
            "Samples every tolerance of the link (elements, laser power, responsivity, and the \
             field tolerances: an ER, a bandwidth, a ring's Q, the case temperature) and counts \
             the share of lanes, ports and chips that close, sampled and exact. Set tolerances and \
             their scopes in the editor, then press Run.",
        );
        return command;
    };
    let seconds = job.seconds();
    let job_state = job.state();
    let stale = job.link != *link;
    ui.horizontal(|ui| match job_state {
        JobState::Running(f) => {
            ui.add(
                egui::ProgressBar::new(f as f32)
                    .desired_width(300.0)
                    .show_percentage(),
            );
            ui.label(format!("running, {seconds:.1} s"));
        }
        JobState::Finished => {
            ui.label(format!("Finished in {seconds:.2} s"));
        }
        JobState::Cancelled => {
            ui.label(
                RichText::new(format!("Cancelled after {seconds:.1} s: partial results")).strong(),
            );
        }
    });
    if stale {
        ui.label(
            RichText::new("The link has changed since this run: press Run for current results.")
                .color(Color32::from_rgb(230, 150, 20)),
        );
    }
    if let Some(s) = state.latest() {
        results_ui(ui, s, thresholds);
    }
    command
}

fn results_ui(ui: &mut egui::Ui, s: &Summary, thresholds: Thresholds) {
    if s.parameters.is_empty() {
        ui.weak("This link has no tolerances: every sample is the nominal link.");
    }
    let yield_color = |y: f64| {
        if y >= 0.99 {
            thresholds.color(thresholds.pass_db)
        } else if y >= 0.9 {
            thresholds.color(thresholds.marginal_db)
        } else {
            thresholds.color(thresholds.marginal_db - 1.0)
        }
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} chips × {} lanes = {} lane samples",
            s.samples, s.lanes_per_chip, s.lane_samples
        ));
        ui.separator();
        ui.label(format!(
            "a lane passes at margin ≥ {:.2} dB",
            s.target_margin_db
        ));
    });
    egui::Grid::new("mc_yields")
        .num_columns(5)
        .spacing([16.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            ui.strong("Yield");
            ui.strong("Sampled")
                .on_hover_text("Share of sampled lanes, ports or chips that pass");
            ui.strong("95 % interval").on_hover_text(
                "Wilson score interval; for lanes and ports at the effective sample size \
                 (lanes of one chip share its common draws)",
            );
            ui.strong("Exact").on_hover_text(
                "The same yield computed without sampling: the distribution of the margin's \
                 terms convolved on a grid; the bracket is the grid's error bound",
            );
            ui.strong("Agree");
            ui.end_row();
            for r in s.yield_rows() {
                let (name, y, ci, exact, bounds) = (r.level, r.sampled, r.ci95, r.exact, r.bounds);
                ui.label(name);
                ui.label(
                    RichText::new(format!("{:.3} %", 100.0 * y))
                        .size(18.0)
                        .strong()
                        .color(yield_color(y)),
                );
                ui.weak(format!("{:.3}–{:.3} %", 100.0 * ci.0, 100.0 * ci.1));
                ui.label(format!(
                    "{:.4} % [{:.4}–{:.4}]",
                    100.0 * exact,
                    100.0 * bounds.0,
                    100.0 * bounds.1
                ));
                let agree = ci.0 <= bounds.1 && bounds.0 <= ci.1;
                ui.label(if agree { "✔ within" } else { "✖ apart" })
                    .on_hover_text("Whether the sampled interval and the exact bracket overlap");
                ui.end_row();
            }
        });
    egui::Grid::new("mc_stats")
        .num_columns(6)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for (name, v) in [
                ("P1", s.p1_margin_db),
                ("P5", s.p5_margin_db),
                ("P50", s.p50_margin_db),
                ("mean", s.mean_margin_db),
                ("σ", s.std_margin_db),
                ("nominal", s.nominal_margin_db),
            ] {
                ui.label(format!("{name}: {v:.3} dB"));
            }
            ui.end_row();
            for (name, v) in [
                ("lane P1 (exact)", s.exact_p1_margin_db),
                ("lane P5", s.exact_p5_margin_db),
                ("lane P50", s.exact_p50_margin_db),
            ] {
                ui.weak(format!("{name}: {v:.3} dB"));
            }
            let what = if s.field_tables.is_empty() {
                "grid"
            } else {
                "grid + tables"
            };
            ui.weak(format!("{what} ±{:.4} dB", s.exact_margin_error_db))
                .on_hover_text(
                    "How far the exact computation may move a lane margin: the convolution \
                     grid's rounding, plus each field table's measured interpolation error and \
                     the measured interaction between field tables. The exact bounds use it.",
                );
            ui.end_row();
        });
    if !s.field_tables.is_empty() {
        let tables: Vec<String> = s
            .field_tables
            .iter()
            .map(|t| {
                format!(
                    "{}: effect ≤ {:.3} dB, interpolation {:.1e} dB",
                    t.path, t.largest_effect_db, t.interpolation_error_db
                )
            })
            .collect();
        ui.weak(format!(
            "Field tables — {}; interaction {:.1e} dB",
            tables.join("; "),
            s.field_interaction_error_db
        ))
        .on_hover_text(
            "Each field tolerance is sampled through a table of the re-evaluated margin per \
             channel (65 points over its spread). Interpolation: the largest miss at the \
             intervals' midpoints. Interaction: the largest miss of the summed effects when the \
             fields move together to their corners.",
        );
    }
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            histogram_ui(left, s);
            drivers_ui(right, s);
        }
    });
}

fn histogram_ui(ui: &mut egui::Ui, s: &Summary) {
    ui.strong("Histogram of each chip's worst-lane margin");
    let h = &s.histogram;
    let bars: Vec<Bar> = h
        .counts
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let center = h.lower_edge_db + (i as f64 + 0.5) * h.bin_width_db;
            let color = if center < 0.0 {
                palette::REFERENCE
            } else {
                palette::CURVE
            };
            Bar::new(center, n as f64)
                .width(h.bin_width_db * 0.95)
                .fill(color)
        })
        .collect();
    base_plot("plot_mc_histogram", "margin (dB)", "samples")
        .height(PLOT_HEIGHT)
        .legend(legend())
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(BarChart::new("samples", bars).color(palette::CURVE));
            for (name, x) in [("P1", s.p1_margin_db), ("P5", s.p5_margin_db)] {
                plot_ui.vline(
                    VLine::new(name, x)
                        .color(palette::NEUTRAL)
                        .style(egui_plot::LineStyle::dashed_dense()),
                );
            }
            plot_ui.vline(VLine::new("0 dB", 0.0).color(palette::REFERENCE));
        });
}

fn drivers_ui(ui: &mut egui::Ui, s: &Summary) {
    ui.strong("Failure drivers");
    let failing: u64 = s.lane_drivers.iter().map(|d| d.failures).sum();
    if failing == 0 {
        ui.weak("No lane fell below the target margin.");
        return;
    }
    ui.weak(
        "Share of failing lanes, ports and chips in which each parameter cost their worst \
         lane the most margin.",
    );
    let share = |list: &[crate::engine::montecarlo::Driver], path: &str| {
        list.iter()
            .find(|d| d.path == path)
            .map_or(0.0, |d| d.share)
    };
    egui::Grid::new("mc_drivers")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in ["Parameter", "Scope", "Lanes", "Ports", "Chips"] {
                ui.strong(h);
            }
            ui.end_row();
            for d in s.lane_drivers.iter().filter(|d| d.failures > 0) {
                ui.label(&d.label);
                ui.weak(d.scope);
                ui.label(format!("{:.1} %", 100.0 * d.share));
                ui.label(format!("{:.1} %", 100.0 * share(&s.port_drivers, &d.path)));
                ui.label(format!("{:.1} %", 100.0 * share(&s.drivers, &d.path)));
                ui.end_row();
            }
        });
}
