//! The seam between the desktop and the browser: the one place that tells them apart. Both sides
//! offer the same functions; the rest of the app calls these and has no `cfg(target_arch)`.
//!
//! | | desktop ([`native`]) | browser (`web`) |
//! |---|---|---|
//! | pick a path | rfd's dialog (or none: typed path) | the browser's picker (open), a download (save) |
//! | dropped file | its path | its bytes, read asynchronously |
//! | write a file | atomically to the path | a download named after the path |
//! | shared link | `#…` text | the page URL |
//! | messages | — | the console |

use super::promise::Promise;
use std::path::PathBuf;

#[cfg(not(target_arch = "wasm32"))]
pub mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;

#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
pub use web::*;

/// With this environment variable set, the desktop app prints the time from process start to its
/// first frame on stderr and closes: `PHOTON_BUDGET_STARTUP_PROBE=1 photon-budget`.
pub const STARTUP_PROBE_ENV: &str = "PHOTON_BUDGET_STARTUP_PROBE";

/// A file's name and bytes, read by the browser.
pub type FileBytes = (String, Vec<u8>);

/// What asking for a path gave.
pub enum Picked {
    /// This path (chosen in a dialog, dropped, or a download's name).
    Path(PathBuf),
    /// A file the browser is reading: its name and bytes arrive later.
    Reading(Promise<FileBytes>),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown: ask for a typed path instead.
    Unavailable,
}
