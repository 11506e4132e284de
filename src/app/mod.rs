//! The desktop app shell: it owns the session (the document, its evaluation and analyses, see
//! [`crate::session`]) and the view settings, lays out the panels of [`crate::ui`] each frame and
//! runs the commands they return. All numbers come from [`crate::engine`].
//!
//! Split by job, as rerun's viewer splits its app:
//! - `frame`: one frame — the panels in order, the evaluation and analyses refreshed once;
//! - `command_handling`: the commands, and the answers of the dialogs;
//! - `files`: open, save, replace the document, pick a path (dialog or typed), share a link;
//! - `exports`: reports, CSV, JSON and the window PNG;
//! - `input`: keyboard shortcuts, dropped files, the window's close button;
//! - `lessons`: the guided lesson being run;
//! - `appearance`: fonts, theme and title;
//! - `persistence`: the saved session and the default link;
//! - [`autosave`]: unsaved work kept through a crash;
//! - [`platform`]: the desktop/browser seam, the one place with `cfg(target_arch)`;
//! - `promise`: values that arrive later (browser files, the screenshot).

mod appearance;
pub mod autosave;
mod command_handling;
mod exports;
mod files;
mod frame;
mod input;
mod lessons;
mod persistence;
pub mod platform;
mod promise;

pub use crate::session::{
    CURVE_POINTS, Command, Document, Evaluation, ExportKind, Status, analysis, mc_job,
};
pub use crate::ui::Settings;
pub use persistence::{default_link, fallback_link, restore, session_text};
pub use platform::{STARTUP_PROBE_ENV, write_output};

use crate::model::Link;
use crate::session::{Analysis, Explain, LessonRun};
use crate::ui::dialogs::Dialog;
use egui::util::undoer::Undoer;
use std::path::PathBuf;

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
    pub analysis: Analysis,
    /// The explain panel, and the editor field it last pointed at.
    pub explain: Explain,
    /// The guided lesson running, if any.
    pub lesson: Option<LessonRun>,
    /// Autosave of unsaved changes (off unless set, e.g. by [`PhotonApp::new`]).
    pub autosave: autosave::Autosave,
    /// When the process started, for the start-up probe (see [`STARTUP_PROBE_ENV`]).
    pub started: Option<web_time::Instant>,
    pending_png: Option<exports::PendingPng>,
    /// A file the browser is reading (picker or drop): its name and bytes once read.
    pending_file: Option<promise::Promise<platform::FileBytes>>,
    commands: Vec<Command>,
    allow_close: bool,
    appearance: appearance::Appearance,
}

/// The app's id: window class, and the name of its data folder (eframe persistence, autosave).
pub const APP_ID: &str = "photon-budget";

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
            analysis: Analysis::default(),
            explain: Explain::default(),
            lesson: None,
            autosave: autosave::Autosave::default(),
            started: None,
            pending_png: None,
            pending_file: None,
            commands: Vec::new(),
            allow_close: false,
            appearance: appearance::Appearance::default(),
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
        if let Some(fragment) = platform::shared_fragment() {
            app.open_fragment(&fragment);
        }
        app.autosave = autosave::Autosave::to(autosave::default_file(APP_ID));
        app.offer_autosave();
        app
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
}

impl eframe::App for PhotonApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted());
    }
}
