//! One frame: input → menu and status → the editor (which mutates the link) → the evaluation and
//! the shown analyses, each recomputed once if its inputs changed → results → dialogs → commands.

use super::{PhotonApp, platform};
use crate::session::mc_job::Pumped;
use crate::session::{FieldFocus, Shown};
use crate::ui::dialogs::Dialog;
use crate::ui::explain::{ExplainAction, ExplainInputs};
use crate::ui::{self, analysis::View, widgets::Fields};

impl PhotonApp {
    /// One frame of the whole app.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.appearance.install_fonts(&ctx);
        self.input_commands(&ctx);
        self.close_explain_on_escape(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| {
            for command in ui::menu::menu_ui(ui, &mut self.settings, &self.undoer, &self.doc.link) {
                self.commands.push(command);
            }
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui::status::status_ui(ui, self.status.as_ref(), &self.eval, &self.doc);
        });
        egui::Panel::left("editor")
            .resizable(true)
            .default_size(440.0)
            .min_size(340.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let fields = Fields {
                        error: self.eval.error.as_ref(),
                        focus: self.explain.focus.as_ref(),
                    };
                    ui::editor::editor_ui(ui, &mut self.doc.link, fields);
                });
            });
        self.track_focus(&ctx);
        // The one evaluation of the frame; it does work only if the link changed (an edit above,
        // or a command at the end of the last frame). The menu and status bar drawn above then
        // show the new results in the next frame.
        if self
            .eval
            .update(&self.doc.link, self.settings.sweep_element)
        {
            ctx.request_repaint();
        }
        self.explain_panel_ui(ui);
        egui::CentralPanel::default().show(ui, |ui| {
            let thresholds = self.settings.thresholds;
            if let Some(key) = ui::headline::headline_ui(ui, &self.eval, &self.doc.link, thresholds)
            {
                self.explain.open(key);
            }
            ui.separator();
            ui::analysis::tabs_ui(ui, &mut self.settings.view);
            ui.separator();
            self.refresh_analyses(&ctx);
            egui::ScrollArea::vertical().show(ui, |ui| self.view_ui(ui));
        });
        self.poll_png();
        self.poll_pending_file();
        let now = ctx.input(|i| i.time);
        let path = self.doc.path.clone();
        if let Some(e) =
            self.autosave
                .tick(now, &self.doc.link, path.as_deref(), self.doc.is_dirty())
        {
            self.set_status(e, true);
        }
        self.undoer.feed_state(now, &self.doc.link);
        super::input::drop_hint_ui(&ctx);
        self.lesson_ui(&ctx);
        self.dialog_ui(&ctx);
        for command in std::mem::take(&mut self.commands) {
            self.apply(&ctx, command, false);
            // Its effects (a dialog, a new document) show in the next frame.
            ctx.request_repaint();
        }
        let title = self.doc.title();
        self.appearance.apply(&ctx, self.settings.dark_mode, title);
        if let Some(started) = self.started.take()
            && platform::first_frame(started)
        {
            self.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Brings the shown analysis up to date with the evaluated link (once per change, not per
    /// frame), and lets a Monte Carlo run report its progress.
    fn refresh_analyses(&mut self, ctx: &egui::Context) {
        let view = self.settings.view;
        let shown = Shown {
            sweep: view == View::Sweep,
            tornado: view == View::Tornado,
            explorer: view == View::Explorer,
        };
        self.analysis
            .refresh(&self.doc.link, self.eval.revision(), shown);
        match self.analysis.montecarlo.poll() {
            Pumped::Idle => {}
            Pumped::More => ctx.request_repaint(),
            // The result in the console too, so a browser test can compare it with the CLI.
            Pumped::Ended(s) => platform::log(&format!(
                "Photon Budget: Monte Carlo done: samples={} seed={} yield={} p5={} mean={}",
                s.samples, s.seed, s.yield_fraction, s.p5_margin_db, s.mean_margin_db
            )),
        }
    }

    /// The chosen results view.
    fn view_ui(&mut self, ui: &mut egui::Ui) {
        let thresholds = self.settings.thresholds;
        let link = &self.doc.link;
        let analysis = &mut self.analysis;
        let command = match self.settings.view {
            View::Plots => {
                if let (Some(report), Some(curves)) = (&self.eval.report, &self.eval.curves) {
                    if let Some(key) = ui::compliance::compliance_ui(ui, report) {
                        self.explain.open(key);
                    }
                    if report.standard.is_some() {
                        ui.separator();
                    }
                    let baseline = analysis.baseline.as_ref().map(|a| ui::plots::Baseline {
                        report: &a.report,
                        curves: &a.curves,
                    });
                    let inputs = ui::plots::PlotInputs {
                        link,
                        report,
                        curves,
                        thresholds,
                        baseline,
                    };
                    ui::plots::plots_ui(ui, &inputs, &mut self.settings.sweep_element);
                    ui.separator();
                    if let Some(key) = ui::loss_table::loss_table_ui(ui, report) {
                        self.explain.open(key);
                    }
                }
                None
            }
            View::Sweep => ui::analysis::sweep_ui(ui, &mut analysis.sweep, link, thresholds),
            View::MonteCarlo => {
                ui::analysis::montecarlo_ui(ui, &mut analysis.montecarlo, link, thresholds)
            }
            View::Tornado => match &analysis.tornado.result {
                Some(t) => ui::analysis::tornado_ui(ui, t.as_ref().map_err(Clone::clone)),
                None => None,
            },
            View::Explorer => ui::analysis::explorer_ui(ui, &mut analysis.explorer, link),
            View::Compare => ui::analysis::compare_ui(
                ui,
                analysis.baseline.as_ref(),
                link,
                self.eval.report.as_ref(),
            ),
        };
        if let Some(c) = command {
            self.push(c);
        }
    }

    /// The explain panel on the right, while a quantity is chosen. Its derivations are the
    /// evaluation's, computed once per change of the link.
    fn explain_panel_ui(&mut self, ui: &mut egui::Ui) {
        if !self.explain.is_open() {
            return;
        }
        let now = ui.input(|i| i.time);
        let Some((report, derivations)) = self.eval.explained() else {
            return;
        };
        let inputs = ExplainInputs {
            derivations,
            link: &self.doc.link,
            report,
        };
        let explain = &self.explain;
        let action = egui::Panel::right("explain")
            .resizable(true)
            .default_size(380.0)
            .min_size(280.0)
            .show(ui, |ui| ui::explain::explain_ui(ui, explain, &inputs))
            .inner;
        match action {
            Some(ExplainAction::Open(key)) => self.explain.open(key),
            Some(ExplainAction::Back) => self.explain.back(),
            Some(ExplainAction::Close) => self.explain.close(),
            Some(ExplainAction::Focus(path)) => {
                self.explain.focus = Some(FieldFocus::new(path, now));
            }
            None => return,
        }
        ui.ctx().request_repaint();
    }

    /// Esc closes the explain panel, unless a dialog, a menu or a text field has the key.
    fn close_explain_on_escape(&mut self, ctx: &egui::Context) {
        if self.explain.is_open()
            && matches!(self.dialog, Dialog::None)
            && !ctx.text_edit_focused()
            && !ctx.any_popup_open()
            && ctx.input(|i| i.key_pressed(egui::Key::Escape))
        {
            self.explain.close();
        }
    }

    /// After the editor: whether it reached the field pointed at; until it has, the next frame
    /// follows at once (its section opens, then it scrolls there).
    fn track_focus(&mut self, ctx: &egui::Context) {
        let reached = ctx.data_mut(|d| d.remove_temp::<bool>(ui::widgets::focus_reached_id()));
        if let Some(focus) = &mut self.explain.focus
            && focus.is_pending()
        {
            focus.drawn(reached.unwrap_or(false));
            ctx.request_repaint();
        }
    }
}
