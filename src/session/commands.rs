//! Deferred commands: collected while drawing, applied at the end of the frame.

use super::analysis::SweepAxis;
use super::explorer::ExplorerPick;
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
    /// Ask where to write an export, then write it.
    Export(ExportKind),
    /// Write an export to this file.
    ExportTo(ExportKind, PathBuf),
    /// Pin the current link as scenario A.
    PinBaseline,
    /// Ask for a link file to open as scenario A.
    OpenBaselineDialog,
    /// Open this file as scenario A.
    OpenBaseline(PathBuf),
    /// Pin the current link as A, then ask for a file to open as the document (B).
    OpenAsB,
    /// Put the link in the page URL and copy the address (web), or copy the fragment.
    ShareLink,
    /// Forget scenario A.
    ClearBaseline,
    /// Swap A and the document (B): edit A, keep B pinned (undoable).
    SwapBaseline,
    /// Sweep this input (a path) on this axis, over a range around its current value.
    SetSweepInput(SweepAxis, String),
    /// Recompute the sweep (its settings changed).
    RunSweep,
    /// Start a Monte Carlo run with the view's settings (cancelling a running one).
    RunMonteCarlo,
    /// Stop the running Monte Carlo run after its current batch.
    CancelMonteCarlo,
    /// Start the built-in lesson with this index (Help → Lessons): its preset replaces the
    /// document.
    StartLesson(usize),
    /// Load a ring explorer point into the link (undoable).
    LoadExplorerPick(ExplorerPick),
}

/// What can be exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The self-contained HTML report.
    ReportHtml,
    /// The full report as JSON.
    ReportJson,
    /// Every plotted curve as CSV.
    CurvesCsv,
    /// The sweep (or heat map) as CSV.
    SweepCsv,
    /// The Monte Carlo histogram as CSV.
    MonteCarloCsv,
    /// The Monte Carlo summary as JSON.
    MonteCarloJson,
    /// The tornado as CSV.
    TornadoCsv,
    /// The A/B diff as CSV.
    CompareCsv,
    /// A PNG of the window.
    WindowPng,
    /// The ring explorer's Q × spacing map as CSV.
    ExplorerMapCsv,
    /// The ring explorer's Pareto sweep (front marked) as CSV.
    ExplorerParetoCsv,
    /// The ring explorer's map, sweep and optimum as JSON.
    ExplorerJson,
}

impl ExportKind {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::ReportHtml => "html",
            ExportKind::ReportJson | ExportKind::MonteCarloJson | ExportKind::ExplorerJson => {
                "json"
            }
            ExportKind::WindowPng => "png",
            _ => "csv",
        }
    }

    /// What it is, for dialog titles.
    pub fn title(self) -> &'static str {
        match self {
            ExportKind::ReportHtml => "HTML report",
            ExportKind::ReportJson => "report JSON",
            ExportKind::CurvesCsv => "plotted curves CSV",
            ExportKind::SweepCsv => "sweep CSV",
            ExportKind::MonteCarloCsv => "Monte Carlo histogram CSV",
            ExportKind::MonteCarloJson => "Monte Carlo JSON",
            ExportKind::TornadoCsv => "tornado CSV",
            ExportKind::CompareCsv => "A/B comparison CSV",
            ExportKind::WindowPng => "window PNG",
            ExportKind::ExplorerMapCsv => "ring explorer map CSV",
            ExportKind::ExplorerParetoCsv => "ring explorer Pareto CSV",
            ExportKind::ExplorerJson => "ring explorer JSON",
        }
    }

    /// The suffix of the suggested file name.
    pub fn suffix(self) -> &'static str {
        match self {
            ExportKind::ReportHtml | ExportKind::ReportJson => "report",
            ExportKind::CurvesCsv => "curves",
            ExportKind::SweepCsv => "sweep",
            ExportKind::MonteCarloCsv => "montecarlo-histogram",
            ExportKind::MonteCarloJson => "montecarlo",
            ExportKind::TornadoCsv => "tornado",
            ExportKind::CompareCsv => "compare",
            ExportKind::WindowPng => "window",
            ExportKind::ExplorerMapCsv => "ring-map",
            ExportKind::ExplorerParetoCsv => "ring-pareto",
            ExportKind::ExplorerJson => "ring-explorer",
        }
    }
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
                | Command::StartLesson(_)
                | Command::PromptOpenPath
                | Command::Quit
        )
    }
}
