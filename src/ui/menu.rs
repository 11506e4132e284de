//! The menu bar: File, Presets, Edit, View, Help.

use crate::io::presets;
use crate::model::Link;
use crate::session::{Command, ExportKind};
use crate::ui::Settings;
use egui::Ui;
use egui::util::undoer::Undoer;

/// Draws the menu bar and returns the commands chosen.
pub fn menu_ui(
    ui: &mut Ui,
    settings: &mut Settings,
    undoer: &Undoer<Link>,
    link: &Link,
) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for (label, shortcut, command) in [
                ("New", "Ctrl+N", Command::New),
                ("Open…", "Ctrl+O", Command::OpenDialog),
                ("Open path…", "", Command::PromptOpenPath),
                ("Save", "Ctrl+S", Command::Save),
                ("Save As…", "Ctrl+Shift+S", Command::SaveAsDialog),
                ("Save to path…", "", Command::PromptSavePath),
            ] {
                let button = if shortcut.is_empty() {
                    egui::Button::new(label)
                } else {
                    egui::Button::new(label).shortcut_text(shortcut)
                };
                if ui.add(button).clicked() {
                    commands.push(command);
                    ui.close();
                }
            }
            ui.separator();
            ui.menu_button("Export", |ui| {
                for kind in [
                    ExportKind::ReportHtml,
                    ExportKind::ReportJson,
                    ExportKind::CurvesCsv,
                    ExportKind::TornadoCsv,
                    ExportKind::WindowPng,
                ] {
                    let title = kind.title();
                    let label = format!("{}{}…", title[..1].to_uppercase(), &title[1..]);
                    if ui.button(label).clicked() {
                        commands.push(Command::Export(kind));
                        ui.close();
                    }
                }
            });
            if ui
                .button("Share link (copy URL)")
                .on_hover_text("The web app's address with this link compressed into it")
                .clicked()
            {
                commands.push(Command::ShareLink);
                ui.close();
            }
            if ui
                .button("Pin as scenario A")
                .on_hover_text("Compare your further edits (B) against this link (A)")
                .clicked()
            {
                commands.push(Command::PinBaseline);
                settings.view = crate::ui::analysis::View::Compare;
                ui.close();
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                commands.push(Command::Quit);
                ui.close();
            }
        });
        ui.menu_button("Presets", |ui| {
            for p in presets() {
                let title = crate::io::preset(p.name)
                    .map(|l| l.name)
                    .unwrap_or_default();
                if ui.button(p.name).on_hover_text(title).clicked() {
                    commands.push(Command::LoadPreset(p.name.to_owned()));
                    ui.close();
                }
            }
        });
        ui.menu_button("Edit", |ui| {
            if ui
                .add_enabled(
                    undoer.has_undo(link),
                    egui::Button::new("Undo").shortcut_text("Ctrl+Z"),
                )
                .clicked()
            {
                commands.push(Command::Undo);
                ui.close();
            }
            if ui
                .add_enabled(
                    undoer.has_redo(link),
                    egui::Button::new("Redo").shortcut_text("Ctrl+Y"),
                )
                .clicked()
            {
                commands.push(Command::Redo);
                ui.close();
            }
        });
        ui.menu_button("View", |ui| {
            let label = if settings.dark_mode {
                "Light theme"
            } else {
                "Dark theme"
            };
            if ui.button(label).clicked() {
                settings.dark_mode = !settings.dark_mode;
                ui.close();
            }
            ui.separator();
            for v in crate::ui::analysis::View::ALL {
                if ui.selectable_label(settings.view == v, v.title()).clicked() {
                    settings.view = v;
                    ui.close();
                }
            }
            ui.separator();
            ui.label("Margin thresholds");
            ui.horizontal(|ui| {
                let l = ui.label("pass ≥");
                ui.add(
                    egui::DragValue::new(&mut settings.thresholds.pass_db)
                        .range(-50.0..=50.0)
                        .speed(0.1)
                        .suffix(" dB"),
                )
                .labelled_by(l.id);
            });
            ui.horizontal(|ui| {
                let l = ui.label("marginal ≥");
                ui.add(
                    egui::DragValue::new(&mut settings.thresholds.marginal_db)
                        .range(-50.0..=settings.thresholds.pass_db)
                        .speed(0.1)
                        .suffix(" dB"),
                )
                .labelled_by(l.id);
            });
        });
        ui.menu_button("Help", |ui| {
            ui.menu_button("Lessons", |ui| {
                for (i, lesson) in crate::io::lessons::lessons().iter().enumerate() {
                    if ui
                        .button(&lesson.title)
                        .on_hover_text(format!("Opens the preset {}", lesson.preset))
                        .clicked()
                    {
                        commands.push(Command::StartLesson(i));
                        ui.close();
                    }
                }
            });
        });
        let theme = if settings.dark_mode { "☀" } else { "🌙" };
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(theme)
                .on_hover_text("Toggle dark/light theme")
                .clicked()
            {
                settings.dark_mode = !settings.dark_mode;
            }
        });
    });
    commands
}
