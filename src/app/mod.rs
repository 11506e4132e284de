//! The desktop app: the document, its evaluation, undo, files and the frame loop. The panels live
//! in [`crate::ui`]; all numbers come from [`crate::engine`].

pub mod analysis;
pub mod autosave;
mod commands;
mod document;
mod evaluation;
mod exports;
pub mod file_dialog;
pub mod mc_job;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use commands::{Command, ExportKind};
pub use document::Document;
pub use evaluation::{CURVE_POINTS, Evaluation};

use crate::io::{self, DEFAULT_PRESET};
use crate::model::Link;
use crate::ui::dialogs::{Dialog, DialogOutcome, PathPurpose};
use crate::ui::{self, Thresholds, widgets::Fields};
use egui::util::undoer::Undoer;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the app remembers between runs (eframe persistence).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Dark (true) or light theme.
    pub dark_mode: bool,
    /// Margin colour thresholds.
    pub thresholds: Thresholds,
    /// The element the length plots sweep (`None`: automatic).
    pub sweep_element: Option<usize>,
    /// The view in the results area.
    pub view: ui::analysis::View,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            dark_mode: true,
            thresholds: Thresholds::default(),
            sweep_element: None,
            view: ui::analysis::View::default(),
        }
    }
}

/// The persisted state: settings and the open document.
#[derive(Serialize, Deserialize)]
struct Persisted {
    settings: Settings,
    document: Document,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Shown in red.
    pub is_error: bool,
}

/// The Photon Budget app.
pub struct PhotonApp {
    /// The open document.
    pub doc: Document,
    /// Results of the current link.
    pub eval: Evaluation,
    /// Undo/redo over every edit of the link.
    pub undoer: Undoer<Link>,
    /// Remembered settings.
    pub settings: Settings,
    /// The status-bar message.
    pub status: Option<Status>,
    /// The open dialog, if any.
    pub dialog: Dialog,
    /// Use native file dialogs (false in tests: always the typed path).
    pub native_dialogs: bool,
    /// The analysis views' state.
    pub analysis: analysis::Analysis,
    /// Autosave of unsaved changes (off unless set, e.g. by [`PhotonApp::new`]).
    pub autosave: autosave::Autosave,
    pending_png: Option<exports::PendingPng>,
    commands: Vec<Command>,
    allow_close: bool,
    title: String,
    theme_applied: Option<bool>,
    fonts_installed: bool,
    /// When the process started, for the start-up probe (see [`STARTUP_PROBE_ENV`]).
    pub started: Option<web_time::Instant>,
    /// A file the browser is reading (picker or drop): its name and bytes once read.
    pending_file: Option<PendingFile>,
}

/// A file being read (in a browser, asynchronously): its name and bytes once read.
pub type PendingFile = std::sync::Arc<std::sync::Mutex<Option<(String, Vec<u8>)>>>;

/// Writes an output file: atomically to `path` on the desktop; in a browser, as a download named
/// after `path`'s file name.
pub fn write_output(path: &Path, bytes: &[u8], mime: &str) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    {
        let name = path.file_name().map_or_else(
            || "photon-budget".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        web::download(&name, bytes, mime)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = mime;
        io::write_atomic(path, bytes).map_err(|e| e.to_string())
    }
}

/// The app's id: window class, and the name of its data folder (eframe persistence, autosave).
pub const APP_ID: &str = "photon-budget";

/// With this environment variable set, the app prints the time from process start to its first
/// frame on stderr and closes: `PHOTON_BUDGET_STARTUP_PROBE=1 photon-budget`.
pub const STARTUP_PROBE_ENV: &str = "PHOTON_BUDGET_STARTUP_PROBE";

impl PhotonApp {
    /// An app showing `link` (untitled).
    pub fn with_link(link: Link) -> Self {
        Self::with_document(Document::new(link, None), Settings::default())
    }

    /// An app on the default preset.
    pub fn with_default_link() -> Self {
        let mut app = Self::with_link(default_link());
        app.status = None;
        app
    }

    fn with_document(doc: Document, settings: Settings) -> Self {
        let mut app = Self {
            doc,
            eval: Evaluation::default(),
            undoer: Undoer::default(),
            settings,
            status: None,
            dialog: Dialog::None,
            native_dialogs: true,
            analysis: analysis::Analysis::default(),
            autosave: autosave::Autosave::default(),
            pending_png: None,
            pending_file: None,
            commands: Vec::new(),
            allow_close: false,
            title: String::new(),
            theme_applied: None,
            fonts_installed: false,
            started: None,
        };
        app.eval.update(&app.doc.link, app.settings.sweep_element);
        app
    }

    /// Creates the app at start-up: `file` if given, else the last document, else the default.
    /// A saved state that cannot be read falls back to the default with a warning.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let stored = cc.storage.and_then(|s| s.get_string(eframe::APP_KEY));
        let (doc, settings, corrupt) = restore(stored.as_deref());
        let mut app = Self::with_document(doc, settings);
        if corrupt {
            app.set_status(
                "The saved session could not be read; opened the default link.",
                true,
            );
        }
        if let Some(path) = file {
            app.open_path(&path);
        }
        // A shared link in the page URL opens in place of the last session (undo brings it back).
        #[cfg(target_arch = "wasm32")]
        if let Some(fragment) = web::fragment() {
            app.open_fragment(&fragment);
        }
        app.autosave = autosave::Autosave::to(autosave::default_file(APP_ID));
        app.offer_autosave();
        app
    }

    /// If an earlier run left an autosave behind (it did not exit cleanly), asks whether to
    /// restore it.
    pub fn offer_autosave(&mut self) {
        let Some(file) = self.autosave.file.clone() else {
            return;
        };
        match autosave::read(&file) {
            Some(Ok(record)) => self.dialog = Dialog::RestoreAutosave(Box::new(record)),
            Some(Err(e)) => self.set_status(format!("An autosave could not be read: {e}"), true),
            None => {}
        }
    }

    /// Restores an autosaved link as the (unsaved) document.
    fn restore_autosave(&mut self, record: autosave::Record) {
        let saved = record
            .path
            .as_deref()
            .and_then(|p| io::load(p).ok())
            .unwrap_or_else(default_link);
        self.undoer.add_undo(&self.doc.link);
        self.doc = Document::recovered(record.link, record.path, saved);
        self.settings.sweep_element = None;
        self.set_status("Restored the unsaved changes of the last session", false);
    }

    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn set_status(&mut self, text: impl Into<String>, is_error: bool) {
        self.status = Some(Status {
            text: text.into(),
            is_error,
        });
    }

    /// Opens a file (no unsaved-changes check: see [`Command::Open`]). A file that cannot be read
    /// leaves the current document as it is and says why.
    pub fn open_path(&mut self, path: &Path) {
        match io::load(path) {
            Ok(link) => {
                self.undoer.add_undo(&self.doc.link);
                self.doc = Document::new(link, Some(path.to_owned()));
                self.settings.sweep_element = None;
                self.set_status(format!("Opened {}", path.display()), false);
            }
            Err(e) => self.set_status(format!("Could not open: {e}"), true),
        }
    }

    /// Opens a file's content (a browser gives bytes and a name, no path). Unreadable content
    /// leaves the current document as it is and says why.
    pub fn open_bytes(&mut self, name: &str, bytes: &[u8]) {
        let link = std::str::from_utf8(bytes)
            .map_err(|_| format!("{name}: not a text file"))
            .and_then(|text| io::from_ron_str(text, name).map_err(|e| e.to_string()));
        match link {
            Ok(link) => {
                self.undoer.add_undo(&self.doc.link);
                self.doc = Document::new(link, None);
                self.settings.sweep_element = None;
                self.set_status(format!("Opened {name}"), false);
            }
            Err(e) => self.set_status(format!("Could not open: {e}"), true),
        }
    }

    /// Opens the link in a shared URL fragment (`#link=…`); a damaged one leaves the default link
    /// with a message (and a console warning in a browser).
    pub fn open_fragment(&mut self, fragment: &str) {
        match io::share::decode(fragment) {
            Ok(link) => {
                self.undoer.add_undo(&self.doc.link);
                self.doc = Document::new(link, None);
                self.settings.sweep_element = None;
                self.set_status("Opened the link from the URL", false);
            }
            Err(e) => {
                let message =
                    format!("Could not open the shared link: {e}. Showing the default link.");
                #[cfg(target_arch = "wasm32")]
                web::warn(&format!("Photon Budget: {message}"));
                self.doc = Document::new(default_link(), None);
                self.set_status(message, true);
            }
        }
    }

    /// Puts the current link in the page URL (in a browser) and copies the shareable address.
    fn share_link(&mut self, ctx: &egui::Context) {
        match io::share::encode(&self.doc.link) {
            Ok(fragment) => {
                #[cfg(target_arch = "wasm32")]
                let url = web::set_fragment(&fragment).unwrap_or_else(|| format!("#{fragment}"));
                #[cfg(not(target_arch = "wasm32"))]
                let url = format!("#{fragment}");
                let n = url.len();
                ctx.copy_text(url);
                self.set_status(
                    format!("Copied a {n}-character link to this design (the web app opens it)"),
                    false,
                );
            }
            Err(e) => self.set_status(format!("Could not share: {e}"), true),
        }
    }

    /// Takes a file the browser has finished reading.
    fn poll_pending_file(&mut self) {
        let done = self
            .pending_file
            .as_ref()
            .and_then(|p| p.lock().ok().and_then(|mut slot| slot.take()));
        if let Some((name, bytes)) = done {
            self.pending_file = None;
            self.open_bytes(&name, &bytes);
        }
    }

    /// Saves to `path` atomically. On failure the document stays open and dirty.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let written = io::to_ron_string(&self.doc.link)
            .map_err(|e| e.to_string())
            .and_then(|text| write_output(path, text.as_bytes(), "text/plain"));
        match written {
            Ok(()) => {
                self.doc.mark_saved(path);
                self.set_status(format!("Saved {}", path.display()), false);
                true
            }
            Err(e) => {
                self.set_status(format!("Could not save: {e}"), true);
                false
            }
        }
    }

    /// Applies one command; `confirmed` skips the unsaved-changes question.
    fn apply(&mut self, ctx: &egui::Context, command: Command, confirmed: bool) {
        if command.discards_document() && self.doc.is_dirty() && !confirmed {
            self.dialog = Dialog::ConfirmDiscard(command);
            return;
        }
        match command {
            Command::New => {
                self.undoer.add_undo(&self.doc.link);
                self.doc = Document::new(default_link(), None);
                self.settings.sweep_element = None;
                self.set_status("New link from the default preset", false);
            }
            Command::OpenDialog => self.open_dialog(ctx),
            Command::Open(path) => self.open_path(&path),
            Command::LoadPreset(name) => match io::preset(&name) {
                Ok(link) => {
                    self.undoer.add_undo(&self.doc.link);
                    self.doc = Document::new(link, None);
                    self.settings.sweep_element = None;
                    self.set_status(format!("Loaded preset {name}"), false);
                }
                Err(e) => self.set_status(e.to_string(), true),
            },
            Command::Save => match self.doc.path.clone() {
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.save_dialog(),
            },
            Command::SaveAsDialog => self.save_dialog(),
            Command::SaveAs(path) => {
                self.save_to(&path);
            }
            Command::PromptOpenPath => self.dialog = Dialog::path_prompt(PathPurpose::Open, None),
            Command::PromptSavePath => {
                self.dialog = Dialog::path_prompt(PathPurpose::SaveAs, self.suggested_path())
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
            Command::Export(kind) => self.export_dialog(kind),
            Command::ExportTo(kind, path) => self.export_to(ctx, kind, &path),
            Command::PinBaseline => {
                let label = match &self.doc.path {
                    Some(p) => format!("pinned from {}", p.display()),
                    None => "pinned from the unsaved document".to_owned(),
                };
                self.set_baseline(&self.doc.link.clone(), label);
            }
            Command::OpenBaselineDialog => {
                let picked = if self.native_dialogs {
                    file_dialog::pick_open()
                } else {
                    file_dialog::Picked::Unavailable
                };
                match picked {
                    file_dialog::Picked::Path(p) => self.push(Command::OpenBaseline(p)),
                    file_dialog::Picked::Cancelled => {}
                    file_dialog::Picked::Unavailable => {
                        self.dialog = Dialog::path_prompt(PathPurpose::OpenBaseline, None)
                    }
                }
            }
            Command::OpenBaseline(path) => match io::load(&path) {
                Ok(link) => self.set_baseline(&link, path.display().to_string()),
                Err(e) => self.set_status(format!("Could not open A: {e}"), true),
            },
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
        }
    }

    /// Pins `link` as scenario A.
    fn set_baseline(&mut self, link: &Link, label: String) {
        match analysis::Baseline::new(link, label, self.settings.sweep_element) {
            Ok(a) => {
                self.set_status(format!("Scenario A: {} ({})", a.link.name, a.label), false);
                self.analysis.baseline = Some(a);
            }
            Err(e) => self.set_status(format!("Cannot pin A: {e}"), true),
        }
    }

    fn suggested_path(&self) -> Option<String> {
        Some(match &self.doc.path {
            Some(p) => p.display().to_string(),
            None => format!("{}.ron", file_stem(&self.doc.link.name)),
        })
    }

    fn open_dialog(&mut self, ctx: &egui::Context) {
        #[cfg(target_arch = "wasm32")]
        if self.native_dialogs {
            self.pending_file = Some(web::pick_open(ctx));
            return;
        }
        let _ = ctx;
        let picked = if self.native_dialogs {
            file_dialog::pick_open()
        } else {
            file_dialog::Picked::Unavailable
        };
        match picked {
            file_dialog::Picked::Path(p) => self.open_path(&p),
            file_dialog::Picked::Cancelled => {}
            file_dialog::Picked::Unavailable => {
                self.dialog = Dialog::path_prompt(PathPurpose::Open, None)
            }
        }
    }

    fn save_dialog(&mut self) {
        let name = self.suggested_path().unwrap_or_else(|| "link.ron".into());
        // In a browser, saving is a download of the file.
        #[cfg(target_arch = "wasm32")]
        if self.native_dialogs {
            self.save_to(Path::new(&name));
            return;
        }
        let picked = if self.native_dialogs {
            file_dialog::pick_save(&name)
        } else {
            file_dialog::Picked::Unavailable
        };
        match picked {
            file_dialog::Picked::Path(p) => {
                self.save_to(&p);
            }
            file_dialog::Picked::Cancelled => {}
            file_dialog::Picked::Unavailable => {
                self.dialog = Dialog::path_prompt(PathPurpose::SaveAs, Some(name))
            }
        }
    }

    /// Keyboard shortcuts and dropped files become commands.
    fn input_commands(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let shortcuts = [
            (KeyboardShortcut::new(shift, Key::S), Command::SaveAsDialog),
            (KeyboardShortcut::new(shift, Key::Z), Command::Redo),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::N),
                Command::New,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
                Command::OpenDialog,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
                Command::Save,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
                Command::Undo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
                Command::Redo,
            ),
        ];
        for (shortcut, command) in shortcuts {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.push(command);
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(path) = dropped.into_iter().next() {
            self.push(Command::Open(path));
        }
        // In a browser a dropped file has only a name: read its bytes asynchronously.
        #[cfg(target_arch = "wasm32")]
        {
            let _ = dropped;
            let file = ctx.input(|i| i.raw.dropped_files.first().cloned());
            if let Some(file) = file {
                let slot = PendingFile::default();
                self.pending_file = Some(std::sync::Arc::clone(&slot));
                let waker = ctx.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let name = file.path().display().to_string();
                    if let Ok(bytes) = file.bytes_async().await
                        && let Ok(mut s) = slot.lock()
                    {
                        *s = Some((name, bytes));
                    }
                    waker.request_repaint();
                });
            }
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Dialog::ConfirmDiscard(Command::Quit);
        }
    }

    /// egui's proportional font lacks arrows and some symbols; the bundled monospace font (Hack)
    /// has them, so it becomes the last fallback.
    fn install_fonts(&mut self, ctx: &egui::Context) {
        if self.fonts_installed {
            return;
        }
        let mut fonts = egui::FontDefinitions::default();
        if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Proportional)
            && !list.iter().any(|f| f == "Hack")
        {
            list.push("Hack".to_owned());
        }
        ctx.set_fonts(fonts);
        self.fonts_installed = true;
    }

    fn apply_theme_and_title(&mut self, ctx: &egui::Context) {
        if self.theme_applied != Some(self.settings.dark_mode) {
            ctx.set_theme(if self.settings.dark_mode {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.theme_applied = Some(self.settings.dark_mode);
        }
        let title = self.doc.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            #[cfg(target_arch = "wasm32")]
            web::set_title(&title);
            self.title = title;
        }
    }

    fn dialog_ui(&mut self, ctx: &egui::Context) {
        match self.dialog.show(ctx) {
            DialogOutcome::None => {}
            DialogOutcome::Cancel => self.dialog = Dialog::None,
            DialogOutcome::Discard(command) => {
                self.dialog = Dialog::None;
                self.apply(ctx, command, true);
            }
            DialogOutcome::SaveThen(command) => {
                self.dialog = Dialog::None;
                let saved = match self.doc.path.clone() {
                    Some(path) => self.save_to(&path),
                    None => {
                        self.dialog =
                            Dialog::path_prompt(PathPurpose::SaveAs, self.suggested_path());
                        false
                    }
                };
                if saved {
                    self.apply(ctx, command, true);
                }
            }
            DialogOutcome::Restore(record) => {
                self.dialog = Dialog::None;
                self.restore_autosave(*record);
            }
            DialogOutcome::DiscardAutosave => {
                self.dialog = Dialog::None;
                self.autosave.remove();
            }
            DialogOutcome::Path(purpose, text) => {
                self.dialog = Dialog::None;
                let path = PathBuf::from(text.trim());
                match purpose {
                    PathPurpose::Open => self.open_path(&path),
                    PathPurpose::SaveAs => {
                        self.save_to(&path);
                    }
                    PathPurpose::Export(kind) => self.export_to(ctx, kind, &path),
                    PathPurpose::OpenBaseline => self.push(Command::OpenBaseline(path)),
                }
            }
        }
    }

    /// One frame: input → panels (the editor mutates the link) → evaluation → results → commands.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.install_fonts(&ctx);
        self.input_commands(&ctx);
        self.eval
            .update(&self.doc.link, self.settings.sweep_element);

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
                    };
                    ui::editor::editor_ui(ui, &mut self.doc.link, fields);
                });
            });
        if self
            .eval
            .update(&self.doc.link, self.settings.sweep_element)
        {
            ctx.request_repaint();
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui::headline::headline_ui(ui, &self.eval, &self.doc.link, self.settings.thresholds);
            ui.separator();
            ui::analysis::tabs_ui(ui, &mut self.settings.view);
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| self.view_ui(ui));
        });
        self.poll_png();
        self.poll_pending_file();
        self.analysis.montecarlo.pump(&ctx);
        let now = ctx.input(|i| i.time);
        let path = self.doc.path.clone();
        if let Some(e) =
            self.autosave
                .tick(now, &self.doc.link, path.as_deref(), self.doc.is_dirty())
        {
            self.set_status(e, true);
        }
        let time = ctx.input(|i| i.time);
        self.undoer.feed_state(time, &self.doc.link);
        drop_hint_ui(&ctx);
        self.dialog_ui(&ctx);
        for command in std::mem::take(&mut self.commands) {
            self.apply(&ctx, command, false);
            // Its effects (a dialog, a new document) show in the next frame.
            ctx.request_repaint();
        }
        self.apply_theme_and_title(&ctx);
        #[cfg(target_arch = "wasm32")]
        if self.started.take().is_some() {
            web::log(&format!(
                "Photon Budget: first frame {:.0} ms after the page started loading",
                web::now_ms()
            ));
        }
        if let Some(started) = self.started.take()
            && std::env::var_os(STARTUP_PROBE_ENV).is_some()
        {
            eprintln!(
                "first frame after {:.1} ms",
                started.elapsed().as_secs_f64() * 1e3
            );
            self.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl PhotonApp {
    /// The chosen results view.
    fn view_ui(&mut self, ui: &mut egui::Ui) {
        let thresholds = self.settings.thresholds;
        let command = match self.settings.view {
            ui::analysis::View::Plots => {
                if let (Some(report), Some(curves)) = (&self.eval.report, &self.eval.curves) {
                    let baseline = self
                        .analysis
                        .baseline
                        .as_ref()
                        .map(|a| ui::plots::Baseline {
                            report: &a.report,
                            curves: &a.curves,
                        });
                    let inputs = ui::plots::PlotInputs {
                        link: &self.doc.link,
                        report,
                        curves,
                        thresholds,
                        baseline,
                    };
                    ui::plots::plots_ui(ui, &inputs, &mut self.settings.sweep_element);
                    ui.separator();
                    ui::loss_table::loss_table_ui(ui, report);
                }
                None
            }
            ui::analysis::View::Sweep => {
                ui::analysis::sweep_ui(ui, &mut self.analysis.sweep, &self.doc.link, thresholds)
            }
            ui::analysis::View::MonteCarlo => ui::analysis::montecarlo_ui(
                ui,
                &mut self.analysis.montecarlo,
                &self.doc.link,
                thresholds,
            ),
            ui::analysis::View::Tornado => {
                let t = crate::engine::tornado::tornado(&self.doc.link).map_err(|e| e.to_string());
                ui::analysis::tornado_ui(ui, t.as_ref().map_err(Clone::clone))
            }
            ui::analysis::View::Compare => ui::analysis::compare_ui(
                ui,
                self.analysis.baseline.as_ref(),
                &self.doc.link,
                self.eval.report.as_ref(),
            ),
        };
        if let Some(c) = command {
            self.push(c);
        }
    }
}

impl eframe::App for PhotonApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let persisted = Persisted {
            settings: self.settings.clone(),
            document: self.doc.clone(),
        };
        eframe::set_value(storage, eframe::APP_KEY, &persisted);
    }
}

/// The document and settings to start with, from the saved session text (eframe storage). A
/// session that cannot be read, or whose link is no longer valid, gives the default link; the
/// flag says so, for a warning.
pub fn restore(stored: Option<&str>) -> (Document, Settings, bool) {
    let fresh = || Document::new(default_link(), None);
    let Some(text) = stored else {
        return (fresh(), Settings::default(), false);
    };
    match ron::from_str::<Persisted>(text) {
        Ok(p) if crate::engine::validate(&p.document.link).is_ok() => {
            (p.document, p.settings, false)
        }
        Ok(p) => (fresh(), p.settings, true),
        Err(_) => (fresh(), Settings::default(), true),
    }
}

/// While a file is dragged over the window, says what dropping it does.
fn drop_hint_ui(ctx: &egui::Context) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_hint"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop a .ron link file to open it",
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}

/// The saved-session text for `app`, as eframe stores it.
pub fn session_text(app: &PhotonApp) -> Option<String> {
    ron::to_string(&Persisted {
        settings: app.settings.clone(),
        document: app.doc.clone(),
    })
    .ok()
}

/// The built-in default link. The presets are embedded and tested; should one ever fail to
/// load, a minimal valid link stands in so the app still opens.
pub fn default_link() -> Link {
    io::preset(DEFAULT_PRESET).unwrap_or_else(|_| fallback_link())
}

/// A minimal valid link: one 1310 nm NRZ lane, laser facing the photodiode.
pub fn fallback_link() -> Link {
    Link {
        version: crate::model::FORMAT_VERSION,
        name: "New link".into(),
        description: String::new(),
        references: Vec::new(),
        laser: crate::model::Laser {
            power_dbm: 0.0,
            grid: crate::model::Grid::Explicit {
                wavelengths_nm: vec![1310.0],
            },
            tilt_db: 0.0,
            ripple_db: 0.0,
            channel_offsets_db: Vec::new(),
            rin_db_per_hz: -150.0,
            wall_plug_efficiency: 0.2,
            remote: false,
            fibers_per_output: 1,
            power_tolerance: None,
            provenance: None,
        },
        elements: Vec::new(),
        receiver: crate::model::Receiver {
            responsivity_a_per_w: 0.9,
            dark_current_na: 0.0,
            target_ber: 1e-12,
            noise_bandwidth_fraction: 0.5,
            sensitivity: crate::model::Sensitivity::NoiseModel {
                tia_noise_pa_per_sqrt_hz: 10.0,
            },
            responsivity_tolerance: None,
            provenance: None,
        },
        signaling: crate::model::Signaling {
            modulation: crate::model::Modulation::Nrz,
            bit_rate_gbps: 25.0,
            fibers_per_port: 1,
            ports: 1,
            extinction_ratio_db: Some(6.0),
        },
        penalties: Default::default(),
        energy: Default::default(),
        package: Default::default(),
    }
}

/// A file name from a link name: letters, digits and dashes.
fn file_stem(name: &str) -> String {
    // Lower-case letters and digits; every other run of characters becomes one '-'.
    let mut stem = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_matches('-').chars().take(40).collect();
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "link".into()
    } else {
        stem.to_owned()
    }
}
