//! The `photon-budget` binary: the desktop app, or the command line when given a command. Built
//! for `wasm32-unknown-unknown`, the same app runs in a web page (see `web/`).

#[cfg(not(target_arch = "wasm32"))]
use clap::Parser;
#[cfg(not(target_arch = "wasm32"))]
use photon_budget::cli::{Cli, run};
#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

/// The web page: the app on the canvas `#photon_budget_canvas`, the link from the URL fragment
/// if there is one. (The command line does not exist in a browser.)
#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast as _;
    let started = web_time::Instant::now();
    wasm_bindgen_futures::spawn_local(async move {
        let canvas = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("photon_budget_canvas"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok());
        let Some(canvas) = canvas else {
            web_sys::console::error_1(&"Photon Budget: no canvas #photon_budget_canvas".into());
            return;
        };
        let result = eframe::WebRunner::new()
            .start(
                canvas,
                eframe::WebOptions::default(),
                Box::new(move |cc| {
                    let mut app = photon_budget::app::PhotonApp::new(cc, None);
                    app.started = Some(started);
                    Ok(Box::new(app))
                }),
            )
            .await;
        if let Err(e) = result {
            web_sys::console::error_1(&e);
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    let started = web_time::Instant::now();
    let cli = Cli::parse();
    #[cfg(feature = "gui")]
    if cli.command.is_none() {
        return run_app(cli.file, started);
    }
    run(cli)
}

/// Opens the window (about 1440×900) on `file`, the last document, or the default link.
#[cfg(all(feature = "gui", not(target_arch = "wasm32")))]
fn run_app(file: Option<std::path::PathBuf>, started: web_time::Instant) -> ExitCode {
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
