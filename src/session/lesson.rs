//! A guided lesson being run: which lesson, which step.

use crate::io::lessons::{Lesson, LessonStep};

/// A lesson in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonRun {
    /// The lesson.
    pub lesson: Lesson,
    /// The step shown (0-based).
    pub step: usize,
}

impl LessonRun {
    /// The lesson at its first step.
    pub fn new(lesson: Lesson) -> Self {
        Self { lesson, step: 0 }
    }

    /// The step shown.
    pub fn current(&self) -> Option<&LessonStep> {
        self.lesson.steps.get(self.step)
    }

    /// True on the last step.
    pub fn is_last(&self) -> bool {
        self.step + 1 >= self.lesson.steps.len()
    }

    /// Goes to the next step; false if there is none.
    pub fn forward(&mut self) -> bool {
        if self.is_last() {
            return false;
        }
        self.step += 1;
        true
    }

    /// Goes to the step before; false if there is none.
    pub fn backward(&mut self) -> bool {
        if self.step == 0 {
            return false;
        }
        self.step -= 1;
        true
    }
}
