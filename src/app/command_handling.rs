//! Running commands: those the panels, the menu and the shortcuts queued during the frame, and
//! the answers of the open dialog. Work that takes time (sweeps, Monte Carlo runs) starts here,
//! never inside a panel.

use super::{Command, PhotonApp};
use crate::model::Link;
use crate::session::Baseline;
use crate::ui::dialogs::{Dialog, DialogOutcome, PathPurpose};
use std::path::{Path, PathBuf};

impl PhotonApp {
    /// Applies one command; `confirmed` skips the unsaved-changes question.
    pub(super) fn apply(&mut self, ctx: &egui::Context, command: Command, confirmed: bool) {
        if command.discards_document() && self.doc.is_dirty() && !confirmed {
            self.dialog = Dialog::ConfirmDiscard(command);
            return;
        }
        match command {
            Command::New => self.new_document(),
            Command::OpenDialog => self.pick_path(ctx, PathPurpose::Open, None),
            Command::Open(path) => self.open_path(&path),
            Command::LoadPreset(name) => self.load_preset(&name),
            Command::StartLesson(i) => self.start_lesson(ctx, i),
            Command::Save => match self.doc.path.clone() {
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.save_dialog(ctx),
            },
            Command::SaveAsDialog => self.save_dialog(ctx),
            Command::SaveAs(path) => {
                self.save_to(&path);
            }
            Command::PromptOpenPath => self.dialog = Dialog::path_prompt(PathPurpose::Open, None),
            Command::PromptSavePath => {
                self.dialog = Dialog::path_prompt(PathPurpose::SaveAs, Some(self.suggested_path()))
            }
            Command::Undo => {
                if let Some(previous) = self.undoer.undo(&self.doc.link) {
                    self.doc.link = previous.clone();
                }
            }
            Command::Redo => {
                if let Some(next) = self.undoer.redo(&self.doc.link) {
                    self.doc.link = next.clone();
                }
            }
            Command::Quit => {
                // Leaving on purpose (saved, or changes discarded): nothing to restore.
                self.autosave.remove();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::Export(kind) => self.export_dialog(ctx, kind),
            Command::ExportTo(kind, path) => self.export_to(ctx, kind, &path),
            Command::PinBaseline => self.pin_baseline(),
            Command::OpenBaselineDialog => self.pick_path(ctx, PathPurpose::OpenBaseline, None),
            Command::OpenBaseline(path) => self.open_baseline(&path),
            Command::ShareLink => self.share_link(ctx),
            Command::OpenAsB => {
                self.push(Command::PinBaseline);
                self.push(Command::OpenDialog);
            }
            Command::ClearBaseline => {
                self.analysis.baseline = None;
                self.set_status("Scenario A cleared", false);
            }
            Command::SwapBaseline => {
                if let Some(a) = self.analysis.baseline.take() {
                    let b = std::mem::replace(&mut self.doc.link, a.link);
                    self.undoer.add_undo(&b);
                    self.set_baseline(&b, "previous B".into());
                }
            }
            Command::SetSweepInput(axis, path) => {
                self.analysis.sweep.set_input(axis, &self.doc.link, &path);
                self.run_sweep();
            }
            Command::RunSweep => self.run_sweep(),
            Command::RunMonteCarlo => {
                let waker = ctx.clone();
                let link = &self.doc.link;
                self.analysis
                    .montecarlo
                    .start(link, move || waker.request_repaint());
            }
            Command::CancelMonteCarlo => self.analysis.montecarlo.cancel(),
            Command::LoadExplorerPick(pick) => {
                let loaded = pick.apply(&self.doc.link);
                let before = std::mem::replace(&mut self.doc.link, loaded);
                self.undoer.add_undo(&before);
                self.set_status("Ring explorer point loaded (Undo restores the link)", false);
            }
        }
    }

    /// Recomputes the sweep for its new settings.
    fn run_sweep(&mut self) {
        let revision = self.eval.revision();
        self.analysis.sweep.update(&self.doc.link, revision);
    }

    /// Asks where to save the link, then saves it.
    fn save_dialog(&mut self, ctx: &egui::Context) {
        let name = self.suggested_path();
        self.pick_path(ctx, PathPurpose::SaveAs, Some(name));
    }

    /// Pins the current link as scenario A.
    fn pin_baseline(&mut self) {
        let label = match &self.doc.path {
            Some(p) => format!("pinned from {}", p.display()),
            None => "pinned from the unsaved document".to_owned(),
        };
        self.set_baseline(&self.doc.link.clone(), label);
    }

    /// Opens a link file as scenario A.
    pub(super) fn open_baseline(&mut self, path: &Path) {
        match crate::io::load(path) {
            Ok(link) => self.set_baseline(&link, path.display().to_string()),
            Err(e) => self.set_status(format!("Could not open A: {e}"), true),
        }
    }

    /// Pins `link` as scenario A.
    fn set_baseline(&mut self, link: &Link, label: String) {
        match Baseline::new(link, label, self.settings.sweep_element) {
            Ok(a) => {
                self.set_status(format!("Scenario A: {} ({})", a.link.name, a.label), false);
                self.analysis.baseline = Some(a);
            }
            Err(e) => self.set_status(format!("Cannot pin A: {e}"), true),
        }
    }

    /// Shows the open dialog (if any) and acts on its answer.
    pub(super) fn dialog_ui(&mut self, ctx: &egui::Context) {
        let outcome = self.dialog.show(ctx);
        if outcome != DialogOutcome::None {
            self.dialog = Dialog::None;
        }
        match outcome {
            DialogOutcome::None | DialogOutcome::Cancel => {}
            DialogOutcome::Discard(command) => self.apply(ctx, command, true),
            DialogOutcome::SaveThen(command) => {
                let saved = match self.doc.path.clone() {
                    Some(path) => self.save_to(&path),
                    None => {
                        self.dialog =
                            Dialog::path_prompt(PathPurpose::SaveAs, Some(self.suggested_path()));
                        false
                    }
                };
                if saved {
                    self.apply(ctx, command, true);
                }
            }
            DialogOutcome::Restore(record) => self.restore_autosave(*record),
            DialogOutcome::DiscardAutosave => self.autosave.remove(),
            DialogOutcome::Path(purpose, text) => {
                self.use_path(ctx, purpose, &PathBuf::from(text.trim()))
            }
        }
    }
}
