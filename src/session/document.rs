//! The open document: the link, where it lives, and what was last saved; and the record of an
//! autosaved one.

use crate::model::Link;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A link being edited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The link as edited.
    pub link: Link,
    /// The file it was opened from or saved to; `None` for a new document or a preset.
    pub path: Option<PathBuf>,
    /// The link as last opened or saved, for the unsaved-changes mark.
    saved: Link,
}

impl Document {
    /// A document for `link`, clean, at `path`.
    pub fn new(link: Link, path: Option<PathBuf>) -> Self {
        Self {
            saved: link.clone(),
            link,
            path,
        }
    }

    /// A recovered document: `link` as edited, compared against `saved` (what its file holds).
    pub fn recovered(link: Link, path: Option<PathBuf>, saved: Link) -> Self {
        Self { link, path, saved }
    }

    /// True when the link differs from what was last opened or saved.
    pub fn is_dirty(&self) -> bool {
        self.link != self.saved
    }

    /// Records that the current link was saved to `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.saved = self.link.clone();
        self.path = Some(path.to_owned());
    }

    /// The document's name: its file name, or the link's name and "(unsaved)".
    pub fn title_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => format!("{} (unsaved)", self.link.name),
        }
    }

    /// The window title: "Photon Budget — file.ron *".
    pub fn title(&self) -> String {
        let name = self.title_name();
        let dirty = if self.is_dirty() { " *" } else { "" };
        format!("Photon Budget — {name}{dirty}")
    }
}

/// What an autosave holds: the link and the file it belongs to (if any).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The document's file, `None` for an unsaved document.
    pub path: Option<PathBuf>,
    /// The link as it was.
    pub link: Link,
}
