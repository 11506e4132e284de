//! The desktop side of [`super`]: rfd's file dialogs, files written atomically, the start-up
//! probe. Choosing a path is kept apart from loading/saving it, so both can be tested and a
//! typed path can stand in when no dialog is available.

use super::{Picked, STARTUP_PROBE_ENV};
use crate::io;
use crate::ui::dialogs::PathPurpose;
use std::path::{Path, PathBuf};
use std::time::Duration;
use web_time::Instant;

/// rfd's portal backend needs a D-Bus session; without one it returns at once with nothing.
fn portal_possible() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// A dialog that closes with nothing faster than a person could cancel it was never shown.
const HUMAN_CANCEL: Duration = Duration::from_millis(150);

fn classify(result: Option<PathBuf>, started: Instant) -> Picked {
    match result {
        Some(p) => Picked::Path(p),
        None if started.elapsed() < HUMAN_CANCEL => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// Asks for a path for `purpose` in a native dialog (`suggested`: the file name offered for a
/// save or an export).
pub fn pick(_ctx: &egui::Context, purpose: PathPurpose, suggested: Option<&str>) -> Picked {
    if !portal_possible() {
        return Picked::Unavailable;
    }
    let started = Instant::now();
    let link = |title: &str| {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter("Photon Budget link", &["ron"])
    };
    let name = suggested.unwrap_or_default();
    let result = match purpose {
        PathPurpose::Open | PathPurpose::OpenBaseline => link("Open link").pick_file(),
        PathPurpose::SaveAs => link("Save link as").set_file_name(name).save_file(),
        PathPurpose::Export(kind) => rfd::FileDialog::new()
            .set_title(format!("Export {}", kind.title()))
            .add_filter(kind.title(), &[kind.extension()])
            .set_file_name(name)
            .save_file(),
    };
    classify(result, started)
}

/// The first file dropped on the window this frame (files without a path are ignored).
pub fn dropped(ctx: &egui::Context) -> Option<Picked> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_owned())
            .find(|p| !p.as_os_str().is_empty())
    })
    .map(Picked::Path)
}

/// Writes an output file atomically to `path`.
pub fn write_output(path: &Path, bytes: &[u8], _mime: &str) -> Result<(), String> {
    io::write_atomic(path, bytes).map_err(|e| e.to_string())
}

/// The link shared in the page URL: none on the desktop.
pub fn shared_fragment() -> Option<String> {
    None
}

/// The address to copy for a shared link: on the desktop, just the `#…` fragment.
pub fn share_url(fragment: &str) -> String {
    format!("#{fragment}")
}

/// The window title is set by a viewport command; nothing more to do on the desktop.
pub fn set_title(_title: &str) {}

/// A warning for the developer console: none on the desktop (the status bar says it).
pub fn warn(_message: &str) {}

/// A message for the developer console: none on the desktop.
pub fn log(_message: &str) {}

/// The first frame is on screen. With [`STARTUP_PROBE_ENV`] set, prints the time since
/// `started` and returns true: the app then closes.
pub fn first_frame(started: Instant) -> bool {
    if std::env::var_os(STARTUP_PROBE_ENV).is_none() {
        return false;
    }
    eprintln!(
        "first frame after {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    true
}

/// The app's data folder (eframe's storage folder for `app_id`), for the autosave.
pub fn data_dir(app_id: &str) -> Option<PathBuf> {
    eframe::storage_dir(app_id)
}
