//! Input that becomes commands: keyboard shortcuts, files dropped on the window, and the close
//! button while there are unsaved changes.

use super::platform::{self, Picked};
use super::{Command, PhotonApp};
use crate::ui::dialogs::Dialog;
use egui::{Key, KeyboardShortcut, Modifiers};

/// The keyboard shortcuts; the shifted ones first, so Ctrl+Shift+S is not taken for Ctrl+S.
fn shortcuts() -> [(KeyboardShortcut, Command); 7] {
    let shift = Modifiers::COMMAND | Modifiers::SHIFT;
    let plain = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
    [
        (KeyboardShortcut::new(shift, Key::S), Command::SaveAsDialog),
        (KeyboardShortcut::new(shift, Key::Z), Command::Redo),
        (plain(Key::N), Command::New),
        (plain(Key::O), Command::OpenDialog),
        (plain(Key::S), Command::Save),
        (plain(Key::Z), Command::Undo),
        (plain(Key::Y), Command::Redo),
    ]
}

impl PhotonApp {
    /// Keyboard shortcuts and dropped files become commands; closing the window with unsaved
    /// changes asks first.
    pub(super) fn input_commands(&mut self, ctx: &egui::Context) {
        for (shortcut, command) in shortcuts() {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.push(command);
            }
        }
        match platform::dropped(ctx) {
            Some(Picked::Path(path)) => self.push(Command::Open(path)),
            Some(Picked::Reading(file)) => self.pending_file = Some(file),
            Some(Picked::Cancelled | Picked::Unavailable) | None => {}
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Dialog::ConfirmDiscard(Command::Quit);
        }
    }
}

/// While a file is dragged over the window, says what dropping it does.
pub(super) fn drop_hint_ui(ctx: &egui::Context) {
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
