//! Deferred commands: collected while drawing, applied at the end of the frame.

use std::path::PathBuf;

/// Something the user asked for that changes the document or the files.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A new document (the default preset, untitled).
    New,
    /// Ask for a file to open (native dialog, or a typed path).
    OpenDialog,
    /// Open this file.
    Open(PathBuf),
    /// Open a built-in preset as an untitled document.
    LoadPreset(String),
    /// Save to the document's file (or ask for one).
    Save,
    /// Ask where to save (native dialog, or a typed path).
    SaveAsDialog,
    /// Save to this file.
    SaveAs(PathBuf),
    /// Type a path to open.
    PromptOpenPath,
    /// Type a path to save to.
    PromptSavePath,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Close the window.
    Quit,
}

impl Command {
    /// True for commands that replace the document (and so would lose unsaved changes).
    pub fn discards_document(&self) -> bool {
        matches!(
            self,
            Command::New
                | Command::OpenDialog
                | Command::Open(_)
                | Command::LoadPreset(_)
                | Command::PromptOpenPath
                | Command::Quit
        )
    }
}
