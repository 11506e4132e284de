//! Files and the document: open (a path, a browser's bytes, a shared URL), save, replace the
//! document, restore an autosave, and pick a path — the platform's dialog, or a typed path when
//! there is none.

use super::persistence::default_link;
use super::platform::{self, Picked};
use super::promise;
use super::{PhotonApp, autosave};
use crate::io;
use crate::session::Document;
use crate::ui::dialogs::{Dialog, PathPurpose};
use std::path::Path;

impl PhotonApp {
    /// Replaces the document with `doc` (the old link stays on the undo stack) and says so.
    fn replace_document(&mut self, doc: Document, status: impl Into<String>) {
        self.undoer.add_undo(&self.doc.link);
        self.doc = doc;
        self.settings.sweep_element = None;
        self.set_status(status, false);
    }

    /// A new, untitled document on the default preset.
    pub(super) fn new_document(&mut self) {
        self.replace_document(
            Document::new(default_link(), None),
            "New link from the default preset",
        );
    }

    /// Opens a built-in preset as an untitled document.
    pub(super) fn load_preset(&mut self, name: &str) {
        match io::preset(name) {
            Ok(link) => {
                self.replace_document(Document::new(link, None), format!("Loaded preset {name}"))
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    /// Opens a file (no unsaved-changes check: see [`super::Command::Open`]). A file that cannot
    /// be read leaves the current document as it is and says why.
    pub fn open_path(&mut self, path: &Path) {
        match io::load(path) {
            Ok(link) => self.replace_document(
                Document::new(link, Some(path.to_owned())),
                format!("Opened {}", path.display()),
            ),
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
            Ok(link) => self.replace_document(Document::new(link, None), format!("Opened {name}")),
            Err(e) => self.set_status(format!("Could not open: {e}"), true),
        }
    }

    /// Opens the link in a shared URL fragment (`#link=…`); a damaged one leaves the default link
    /// with a message (and a console warning in a browser).
    pub fn open_fragment(&mut self, fragment: &str) {
        match io::share::decode(fragment) {
            Ok(link) => {
                self.replace_document(Document::new(link, None), "Opened the link from the URL")
            }
            Err(e) => {
                let message =
                    format!("Could not open the shared link: {e}. Showing the default link.");
                platform::warn(&format!("Photon Budget: {message}"));
                self.doc = Document::new(default_link(), None);
                self.set_status(message, true);
            }
        }
    }

    /// Opens a file the browser has finished reading.
    pub(super) fn poll_pending_file(&mut self) {
        if let Some((name, bytes)) = promise::poll(&mut self.pending_file) {
            self.open_bytes(&name, &bytes);
        }
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
    pub(super) fn restore_autosave(&mut self, record: autosave::Record) {
        let saved = record
            .path
            .as_deref()
            .and_then(|p| io::load(p).ok())
            .unwrap_or_else(default_link);
        self.replace_document(
            Document::recovered(record.link, record.path, saved),
            "Restored the unsaved changes of the last session",
        );
    }

    /// Saves to `path` atomically. On failure the document stays open and dirty.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let written = io::to_ron_string(&self.doc.link)
            .map_err(|e| e.to_string())
            .and_then(|text| platform::write_output(path, text.as_bytes(), "text/plain"));
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

    /// The document's path, or a file name made from the link's name.
    pub(super) fn suggested_path(&self) -> String {
        match &self.doc.path {
            Some(p) => p.display().to_string(),
            None => format!("{}.ron", file_stem(&self.doc.link.name)),
        }
    }

    /// Asks for a path for `purpose` — the platform's dialog, or a typed path when there is none
    /// (or `native_dialogs` is off) — and uses it. `suggested` pre-fills a save or an export.
    pub(super) fn pick_path(
        &mut self,
        ctx: &egui::Context,
        purpose: PathPurpose,
        suggested: Option<String>,
    ) {
        let picked = if self.native_dialogs {
            platform::pick(ctx, purpose, suggested.as_deref())
        } else {
            Picked::Unavailable
        };
        match picked {
            Picked::Path(path) => self.use_path(ctx, purpose, &path),
            Picked::Reading(file) => self.pending_file = Some(file),
            Picked::Cancelled => {}
            Picked::Unavailable => self.dialog = Dialog::path_prompt(purpose, suggested),
        }
    }

    /// Does what a picked or typed path was for.
    pub(super) fn use_path(&mut self, ctx: &egui::Context, purpose: PathPurpose, path: &Path) {
        match purpose {
            PathPurpose::Open => self.open_path(path),
            PathPurpose::SaveAs => {
                self.save_to(path);
            }
            PathPurpose::Export(kind) => self.export_to(ctx, kind, path),
            PathPurpose::OpenBaseline => self.open_baseline(path),
        }
    }

    /// Puts the current link in the page URL (in a browser) and copies the shareable address.
    pub(super) fn share_link(&mut self, ctx: &egui::Context) {
        match io::share::encode(&self.doc.link) {
            Ok(fragment) => {
                let url = platform::share_url(&fragment);
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
}

/// A file name from a link name: letters, digits and dashes.
pub(super) fn file_stem(name: &str) -> String {
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
