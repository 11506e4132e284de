//! Photon Budget: photonic link budget calculator.
//!
//! Layers, each depending only on those above it:
//! - [`units`]: dB/dBm/mW newtypes;
//! - [`model`]: the serde types of a link file;
//! - [`engine`]: pure computation, `evaluate(&Link) -> Result<Report, LinkError>`;
//! - [`io`]: RON load/save and the built-in presets;
//! - [`present`]: the verdict, number formatting and the energy parts, shared by every output;
//! - [`export`]: CSV and the HTML report;
//! - [`cli`]: the headless command line;
//! - `session`, `ui` and `app` (feature `gui`): the desktop app. `session` holds the document,
//!   its evaluation and analyses and the commands; `ui` draws panels over a session (one file per
//!   panel) and returns commands; `app` is the eframe shell that owns both and runs the commands.

/// mimalloc for every binary built on the crate (app, CLI, tests, benchmarks, the Python module).
#[cfg(all(feature = "mimalloc", not(target_arch = "wasm32")))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod cli;
pub mod engine;
pub mod export;
pub mod io;
pub mod model;
pub mod present;
pub mod units;

#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod session;
#[cfg(feature = "gui")]
pub mod ui;
