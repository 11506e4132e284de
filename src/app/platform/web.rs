//! The browser side of [`super`] (wasm32 only): files through the browser's picker and
//! downloads, the URL fragment, the page title and the console.

use super::{FileBytes, Picked};
use crate::app::promise::Promise;
use crate::ui::dialogs::PathPurpose;
use std::path::{Path, PathBuf};
use wasm_bindgen::JsCast as _;
use web_time::Instant;

/// Asks for a path for `purpose`: opening goes through the browser's picker (the file's bytes
/// arrive later); saving and exporting are downloads under the `suggested` name; a scenario A
/// file has no picker here, so its path is typed.
pub fn pick(ctx: &egui::Context, purpose: PathPurpose, suggested: Option<&str>) -> Picked {
    match purpose {
        PathPurpose::Open => Picked::Reading(pick_open(ctx)),
        PathPurpose::SaveAs | PathPurpose::Export(_) => {
            Picked::Path(PathBuf::from(suggested.unwrap_or_default()))
        }
        PathPurpose::OpenBaseline => Picked::Unavailable,
    }
}

/// Opens the browser's file picker (rfd's async dialog); the chosen file resolves the promise,
/// and `ctx` is asked to repaint.
fn pick_open(ctx: &egui::Context) -> Promise<FileBytes> {
    let (promise, resolver) = Promise::new();
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let file = rfd::AsyncFileDialog::new()
            .add_filter("Photon Budget link", &["ron"])
            .pick_file()
            .await;
        if let Some(file) = file {
            let bytes = file.read().await;
            resolver.resolve((file.file_name(), bytes));
        }
        ctx.request_repaint();
    });
    promise
}

/// The first file dropped on the page this frame: it has only a name, so its bytes are read
/// asynchronously.
pub fn dropped(ctx: &egui::Context) -> Option<Picked> {
    let file = ctx.input(|i| i.raw.dropped_files.first().cloned())?;
    let (promise, resolver) = Promise::<FileBytes>::new();
    let waker = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.path().display().to_string();
        if let Ok(bytes) = file.bytes_async().await {
            resolver.resolve((name, bytes));
        }
        waker.request_repaint();
    });
    Some(Picked::Reading(promise))
}

/// Writes an output file as a download named after `path`'s file name.
pub fn write_output(path: &Path, bytes: &[u8], mime: &str) -> Result<(), String> {
    let name = path.file_name().map_or_else(
        || "photon-budget".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    download(&name, bytes, mime)
}

/// The link shared in the page URL (its fragment), if any.
pub fn shared_fragment() -> Option<String> {
    fragment()
}

/// Puts `fragment` in the page URL and returns the whole address (or just `#…` if the URL
/// cannot be set).
pub fn share_url(fragment: &str) -> String {
    set_fragment(fragment).unwrap_or_else(|| format!("#{fragment}"))
}

/// The first frame is on screen: says when, in the console. Never closes the page.
pub fn first_frame(_started: Instant) -> bool {
    log(&format!(
        "Photon Budget: first frame {:.0} ms after the page started loading",
        now_ms()
    ));
    false
}

/// No data folder in a browser: the document persists in the page's storage every frame it
/// changes.
pub fn data_dir(_app_id: &str) -> Option<PathBuf> {
    None
}

/// Offers `bytes` as a download named `name`.
fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let js = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).map_err(js)?;
    Ok(())
}

/// The page URL's fragment (after `#`), if any.
fn fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let hash = hash.trim_start_matches('#');
    (!hash.is_empty()).then(|| hash.to_owned())
}

/// Puts `fragment` in the page URL without reloading, and returns the whole URL.
fn set_fragment(fragment: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let base = format!(
        "{}{}{}",
        location.origin().ok()?,
        location.pathname().ok()?,
        location.search().ok()?
    );
    let url = format!("{base}#{fragment}");
    window
        .history()
        .ok()?
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .ok()?;
    Some(url)
}

/// Sets the page title (what the tab shows).
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// A warning in the browser console.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// A message in the browser console.
pub fn log(message: &str) {
    web_sys::console::log_1(&message.into());
}

/// Milliseconds since the page started loading (performance.now()).
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
