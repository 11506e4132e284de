//! The `photon-budget` binary: the desktop app, or the command line when given a command.

use clap::Parser;
use photon_budget::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    #[cfg(feature = "gui")]
    if cli.command.is_none() {
        return run_app(cli.file, started);
    }
    run(cli)
}

/// Opens the window (about 1440×900) on `file`, the last document, or the default link.
#[cfg(feature = "gui")]
fn run_app(file: Option<std::path::PathBuf>, started: std::time::Instant) -> ExitCode {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Photon Budget")
        .with_app_id(photon_budget::app::APP_ID)
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([960.0, 600.0]);
    match eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => eprintln!("warning: app icon not loaded: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Photon Budget",
        options,
        Box::new(move |cc| {
            let mut app = photon_budget::app::PhotonApp::new(cc, file);
            app.started = Some(started);
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not start the app: {e}");
            ExitCode::FAILURE
        }
    }
}
