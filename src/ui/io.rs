//! The widget's only contact with the browser beyond rendering: localStorage (one key), the URL
//! fragment (share links), file downloads and uploads, and the document module loaded on demand.
//! Nothing here sends data anywhere.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why saving did not work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// localStorage is disabled or throws on access (private mode, policy).
    Unavailable,
    /// A write failed (quota exceeded).
    Full,
}

fn storage() -> Result<web_sys::Storage, StorageProblem> {
    let window = web_sys::window().ok_or(StorageProblem::Unavailable)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err(StorageProblem::Unavailable),
    }
}

pub fn load(key: &str) -> Result<Option<String>, StorageProblem> {
    storage()?
        .get_item(key)
        .map_err(|_| StorageProblem::Unavailable)
}

pub fn save(key: &str, value: &str) -> Result<(), StorageProblem> {
    storage()?
        .set_item(key, value)
        .map_err(|_| StorageProblem::Full)
}

/// Removes a key (the backup of a recovered record, once its notice was seen).
pub fn remove(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Takes the fragment out of the address bar without a reload or a history entry, so a share
/// link that was read does not win again on the next reload.
pub fn clear_fragment() {
    let Some(w) = web_sys::window() else { return };
    let loc = w.location();
    let url = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's URL fragment (`#…`), or empty.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page's URL with `fragment` in place of its own.
pub fn url_with_fragment(fragment: &str) -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}{fragment}")
}

/// Offers `bytes` as a file download. `near` is any element of the widget (the link is added
/// there for the click, then removed).
pub fn download(
    near: &web_sys::Element,
    name: &str,
    mime: &str,
    bytes: &[u8],
) -> Result<(), JsValue> {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("visually-hidden");
    near.append_child(&a)?;
    a.click();
    a.remove();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// The bytes of the first file chosen in a file input.
pub async fn read_file(
    input: &web_sys::HtmlInputElement,
) -> Result<Option<(String, Vec<u8>)>, JsValue> {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return Ok(None);
    };
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(Some((file.name(), Uint8Array::new(&buffer).to_vec())))
}

/// Loads the document module (DOCX / XLSX / ZIP, roster import) through the host-provided
/// loader (www/hrs-widget.js fetches `pkg/hrs_docs.js` the first time).
pub async fn docs_module(loader: &Function) -> Result<JsValue, JsValue> {
    let promise: Promise = loader.call0(&JsValue::NULL)?.dyn_into()?;
    JsFuture::from(promise).await
}

/// Calls `module[name](...args)`.
pub fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(module, &JsValue::from_str(name))?.dyn_into()?;
    let list = Array::new();
    for a in args {
        list.push(a);
    }
    f.apply(module, &list)
}

/// Calls `module[name](...args)` and waits for its result: the document module runs in a worker
/// (its functions return promises) or, where workers are unavailable, in the page.
pub async fn call_async(
    module: &JsValue,
    name: &str,
    args: &[JsValue],
) -> Result<JsValue, JsValue> {
    let value = call(module, name, args)?;
    JsFuture::from(Promise::resolve(&value)).await
}

/// A readable message from a JS error value.
pub fn js_error_text(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}
