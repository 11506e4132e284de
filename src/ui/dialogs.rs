//! Modal dialogs: the unsaved-changes question and the typed-path prompt (used when no native
//! file dialog is available, and from File → Open path… / Save to path…).

use crate::session::{Command, ExportKind, Record};
use egui::{Context, Id, Modal, RichText};

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open the file.
    Open,
    /// Save to the file.
    SaveAs,
    /// Write an export to the file.
    Export(ExportKind),
    /// Open the file as scenario A.
    OpenBaseline,
}

impl PathPurpose {
    /// The prompt's heading.
    fn heading(self) -> String {
        match self {
            PathPurpose::Open => "Open a link file".into(),
            PathPurpose::SaveAs => "Save the link as".into(),
            PathPurpose::Export(kind) => format!("Export the {}", kind.title()),
            PathPurpose::OpenBaseline => "Open a link file as scenario A".into(),
        }
    }

    /// The confirm button's text.
    fn action(self) -> &'static str {
        match self {
            PathPurpose::Open | PathPurpose::OpenBaseline => "Open",
            PathPurpose::SaveAs => "Save",
            PathPurpose::Export(_) => "Export",
        }
    }
}

/// The dialog currently open.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// None.
    None,
    /// "Unsaved changes — save, discard or cancel?" before running the command.
    ConfirmDiscard(Command),
    /// "Restore the unsaved work an earlier run left behind?"
    RestoreAutosave(Box<Record>),
    /// Type a path.
    PathPrompt {
        /// Open or save.
        purpose: PathPurpose,
        /// The text typed so far.
        text: String,
    },
}

/// What the user answered.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogOutcome {
    /// Nothing yet.
    None,
    /// Closed without doing anything.
    Cancel,
    /// Discard the changes and run the command.
    Discard(Command),
    /// Save, then run the command.
    SaveThen(Command),
    /// Use this typed path.
    Path(PathPurpose, String),
    /// Restore the autosaved link.
    Restore(Box<Record>),
    /// Delete the autosave.
    DiscardAutosave,
}

impl Dialog {
    /// A path prompt, pre-filled with `suggested`.
    pub fn path_prompt(purpose: PathPurpose, suggested: Option<String>) -> Self {
        Dialog::PathPrompt {
            purpose,
            text: suggested.unwrap_or_default(),
        }
    }

    /// Shows the dialog (if any) and returns the user's answer.
    pub fn show(&mut self, ctx: &Context) -> DialogOutcome {
        match self {
            Dialog::None => DialogOutcome::None,
            Dialog::ConfirmDiscard(command) => {
                let command = command.clone();
                let modal = Modal::new(Id::unique("confirm_discard")).show(ctx, |ui| {
                    ui.heading("Unsaved changes");
                    ui.label("The link has changes that are not saved. Save them first?");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            return DialogOutcome::SaveThen(command.clone());
                        }
                        if ui.button("Discard changes").clicked() {
                            return DialogOutcome::Discard(command.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            return DialogOutcome::Cancel;
                        }
                        DialogOutcome::None
                    })
                    .inner
                });
                outcome(modal)
            }
            Dialog::RestoreAutosave(record) => {
                let record = record.clone();
                let modal = Modal::new(Id::unique("restore_autosave")).show(ctx, |ui| {
                    ui.heading("Restore unsaved work?");
                    let from = match &record.path {
                        Some(p) => format!("of {}", p.display()),
                        None => "of an unsaved document".to_owned(),
                    };
                    ui.label(format!(
                        "Photon Budget did not close normally. It kept the unsaved changes {from} \
                         (\"{}\").",
                        record.link.name
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            return DialogOutcome::Restore(record.clone());
                        }
                        if ui.button("Discard them").clicked() {
                            return DialogOutcome::DiscardAutosave;
                        }
                        DialogOutcome::None
                    })
                    .inner
                });
                // Only an answer closes it: the autosave must not be overwritten by new edits
                // before the user has chosen.
                modal.inner
            }
            Dialog::PathPrompt { purpose, text } => {
                let purpose = *purpose;
                let modal = Modal::new(Id::unique("path_prompt")).show(ctx, |ui| {
                    ui.heading(purpose.heading());
                    ui.label(
                        RichText::new("Type the file's path (no file dialog is available here).")
                            .weak(),
                    );
                    let label = ui.label("Path");
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(text)
                                .desired_width(420.0)
                                .hint_text("/path/to/link.ron"),
                        )
                        .labelled_by(label.id);
                    let entered =
                        edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let ok = purpose.action();
                        if (ui
                            .add_enabled(!text.trim().is_empty(), egui::Button::new(ok))
                            .clicked()
                            || entered)
                            && !text.trim().is_empty()
                        {
                            return DialogOutcome::Path(purpose, text.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            return DialogOutcome::Cancel;
                        }
                        DialogOutcome::None
                    })
                    .inner
                });
                outcome(modal)
            }
        }
    }
}

/// The answer of a modal: its buttons', or Cancel for Escape / a click outside.
fn outcome(modal: egui::ModalResponse<DialogOutcome>) -> DialogOutcome {
    if modal.inner == DialogOutcome::None && modal.should_close() {
        DialogOutcome::Cancel
    } else {
        modal.inner
    }
}
