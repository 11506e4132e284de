//! Choosing a path (native dialog) is kept apart from loading/saving a path, so both can be
//! tested and a typed path can stand in when no dialog is available.

use std::path::PathBuf;
#[cfg(not(target_arch = "wasm32"))]
use std::time::Duration;
#[cfg(not(target_arch = "wasm32"))]
use web_time::Instant;

/// What a native file dialog gave.
#[derive(Debug, PartialEq)]
pub enum Picked {
    /// The user chose this path.
    Path(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown (no desktop portal): ask for a typed path instead.
    Unavailable,
}

#[cfg(not(target_arch = "wasm32"))]
/// rfd's portal backend needs a D-Bus session; without one it returns at once with nothing.
fn portal_possible() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

#[cfg(not(target_arch = "wasm32"))]
/// A dialog that closes with nothing faster than a person could cancel it was never shown.
const HUMAN_CANCEL: Duration = Duration::from_millis(150);

#[cfg(not(target_arch = "wasm32"))]
fn classify(result: Option<PathBuf>, started: Instant) -> Picked {
    match result {
        Some(p) => Picked::Path(p),
        None if started.elapsed() < HUMAN_CANCEL => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// Asks for a link file to open.
pub fn pick_open() -> Picked {
    if !portal_possible() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    let result = rfd::FileDialog::new()
        .set_title("Open link")
        .add_filter("Photon Budget link", &["ron"])
        .pick_file();
    classify(result, started)
}

#[cfg(not(target_arch = "wasm32"))]
/// Asks where to save a link file.
pub fn pick_save(suggested_name: &str) -> Picked {
    if !portal_possible() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    let result = rfd::FileDialog::new()
        .set_title("Save link as")
        .add_filter("Photon Budget link", &["ron"])
        .set_file_name(suggested_name)
        .save_file();
    classify(result, started)
}

#[cfg(not(target_arch = "wasm32"))]
/// Asks where to write an export (`what`, e.g. "HTML report", with its extension).
pub fn pick_export(what: &str, extension: &str, suggested_name: &str) -> Picked {
    if !portal_possible() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    let result = rfd::FileDialog::new()
        .set_title(format!("Export {what}"))
        .add_filter(what, &[extension])
        .set_file_name(suggested_name)
        .save_file();
    classify(result, started)
}

/// In a browser the app opens files through [`super::web::pick_open`] and saves by download; the
/// synchronous dialogs do not exist there.
#[cfg(target_arch = "wasm32")]
pub fn pick_open() -> Picked {
    Picked::Unavailable
}

/// See [`pick_open`]: no synchronous dialog in a browser.
#[cfg(target_arch = "wasm32")]
pub fn pick_save(_suggested_name: &str) -> Picked {
    Picked::Unavailable
}

/// See [`pick_open`]: no synchronous dialog in a browser.
#[cfg(target_arch = "wasm32")]
pub fn pick_export(_what: &str, _extension: &str, _suggested_name: &str) -> Picked {
    Picked::Unavailable
}
