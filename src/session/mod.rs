//! The editing session, below both the app shell (`app`) and the panels
//! (`ui`): the open document, its evaluation and analyses, the commands that change them
//! and the status line. The app owns a session's values and runs its commands; the panels read
//! them and return commands. Nothing here draws or knows egui: all numbers come from
//! [`crate::engine`], and the work is done once per change of its inputs, never per frame.

pub mod analysis;
mod commands;
mod document;
mod evaluation;
pub mod explain;
pub mod explorer;
pub mod lesson;
pub mod mc_job;
pub mod montecarlo;

pub use analysis::{Analysis, Baseline, Shown, SweepAxis, SweepState, TornadoState};
pub use commands::{Command, ExportKind};
pub use document::{Document, Record};
pub use evaluation::{CURVE_POINTS, Evaluation};
pub use explain::{Explain, FieldFocus};
pub use explorer::{ExplorerPick, ExplorerState};
pub use lesson::LessonRun;
pub use montecarlo::McState;

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Shown in red.
    pub is_error: bool,
}
