//! The lesson window: the step's text, and Previous / Do it / Next / End lesson.

use crate::session::LessonRun;
use egui::{Context, RichText};

/// What the lesson window asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonAction {
    /// The step before.
    Back,
    /// Apply the step's change to the link.
    DoIt,
    /// The next step.
    Next,
    /// End the lesson.
    Close,
}

/// Draws the lesson window (bottom centre); returns what the user asked for.
pub fn lesson_window(ctx: &Context, run: &LessonRun) -> Option<LessonAction> {
    let mut action = None;
    let Some(step) = run.current() else {
        return Some(LessonAction::Close);
    };
    egui::Window::new(format!("Lesson: {}", run.lesson.title))
        .id(egui::Id::unique("lesson_window"))
        .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -40.0])
        .default_width(460.0)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.weak(format!(
                "Step {} of {}",
                run.step + 1,
                run.lesson.steps.len()
            ));
            let text = super::explain::displayable(ctx, &step.text, egui::FontFamily::Proportional);
            ui.add(egui::Label::new(RichText::new(text).size(14.0)).wrap());
            if let Some(field) = &step.field {
                ui.weak(format!("Highlighted in the editor: {field}"));
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(run.step > 0, egui::Button::new("Previous"))
                    .clicked()
                {
                    action = Some(LessonAction::Back);
                }
                if step.has_change()
                    && ui
                        .button("Do it")
                        .on_hover_text("Make this step's change (Ctrl+Z undoes it)")
                        .clicked()
                {
                    action = Some(LessonAction::DoIt);
                }
                let next = if run.is_last() { "Finish" } else { "Next" };
                if ui.button(next).clicked() {
                    action = Some(if run.is_last() {
                        LessonAction::Close
                    } else {
                        LessonAction::Next
                    });
                }
                if ui.button("End lesson").clicked() {
                    action = Some(LessonAction::Close);
                }
            });
        });
    action
}
