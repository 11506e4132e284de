//! Running a guided lesson: Help → Lessons loads its preset; each step points the editor at its
//! field and the explain panel at the quantity to watch; "Do it" makes the step's change as an
//! ordinary (undoable) edit.

use super::PhotonApp;
use crate::io::{self, lessons};
use crate::session::{FieldFocus, LessonRun};
use crate::ui::lesson::{LessonAction, lesson_window};

impl PhotonApp {
    /// Starts lesson `index`: its preset replaces the document, then its first step shows.
    pub(super) fn start_lesson(&mut self, ctx: &egui::Context, index: usize) {
        let Some(lesson) = lessons::lessons().into_iter().nth(index) else {
            return;
        };
        self.load_preset(&lesson.preset);
        self.lesson = Some(LessonRun::new(lesson));
        self.enter_step(ctx);
    }

    /// Shows the current step: its field highlighted, its quantity explained.
    fn enter_step(&mut self, ctx: &egui::Context) {
        let Some(step) = self.lesson.as_ref().and_then(LessonRun::current) else {
            return;
        };
        let now = ctx.input(|i| i.time);
        if let Some(field) = &step.field {
            self.explain.focus = Some(FieldFocus::new(field.clone(), now));
        }
        if let Some(key) = &step.watch {
            self.explain.open(key.clone());
        }
    }

    /// Makes the current step's change.
    fn do_step(&mut self) {
        let Some(step) = self.lesson.as_ref().and_then(LessonRun::current) else {
            return;
        };
        let mut link = self.doc.link.clone();
        for (path, value) in &step.set {
            match io::set_number(&link, path, &value.to_string()) {
                Ok(changed) => link = changed,
                Err(e) => {
                    self.set_status(e.to_string(), true);
                    return;
                }
            }
        }
        if let Some(m) = step.modulation {
            link.signaling.modulation = m;
        }
        self.doc.link = link;
    }

    /// The lesson window, while a lesson runs.
    pub(super) fn lesson_ui(&mut self, ctx: &egui::Context) {
        let Some(run) = &self.lesson else {
            return;
        };
        let moved = match lesson_window(ctx, run) {
            None => return,
            Some(LessonAction::Close) => {
                self.lesson = None;
                false
            }
            Some(LessonAction::DoIt) => {
                self.do_step();
                false
            }
            Some(LessonAction::Next) => self.lesson.as_mut().is_some_and(LessonRun::forward),
            Some(LessonAction::Back) => self.lesson.as_mut().is_some_and(LessonRun::backward),
        };
        if moved {
            self.enter_step(ctx);
        }
        ctx.request_repaint();
    }
}
