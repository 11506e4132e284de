//! The browser side of the app (wasm32 only): files through the browser's picker and downloads,
//! the URL fragment, the page title and the console.

use std::sync::{Arc, Mutex};
use wasm_bindgen::JsCast as _;

/// A file the browser's picker delivered: its name and bytes.
pub type PickedFile = Arc<Mutex<Option<(String, Vec<u8>)>>>;

/// Opens the browser's file picker (rfd's async dialog); the chosen file lands in the returned
/// slot, and `ctx` is asked to repaint.
pub fn pick_open(ctx: &egui::Context) -> PickedFile {
    let slot = PickedFile::default();
    let (out, ctx) = (Arc::clone(&slot), ctx.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let file = rfd::AsyncFileDialog::new()
            .add_filter("Photon Budget link", &["ron"])
            .pick_file()
            .await;
        if let Some(file) = file {
            let bytes = file.read().await;
            if let Ok(mut s) = out.lock() {
                *s = Some((file.file_name(), bytes));
            }
        }
        ctx.request_repaint();
    });
    slot
}

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
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
pub fn fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let hash = hash.trim_start_matches('#');
    (!hash.is_empty()).then(|| hash.to_owned())
}

/// Puts `fragment` in the page URL without reloading, and returns the whole URL.
pub fn set_fragment(fragment: &str) -> Option<String> {
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
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
