//! The Yew widget: a thin layer over the policy core. It renders what `engine::evaluate` returns
//! and decides nothing itself. Entry point for hosts: `mount_widget` (called by www/hrs-widget.js,
//! which provides the `<hrs-policy-widget>` custom element and the JS `mount()`).

// Issue 17: with feature `start` alone this is the start module (hrs_widget_start): the start
// screen (start.rs, header.rs, i18n.rs) and nothing of the wizard; `widget` adds the rest.
#[cfg(feature = "widget")]
mod app;
// The comparison and the trainer are in the full module only (feature `widget-full`); the first
// module keeps compare.rs for 另存为方案 on a wizard's review step and drops the rest (unused).
#[cfg(feature = "widget")]
#[cfg_attr(not(feature = "widget-full"), allow(dead_code))]
mod compare;
#[cfg(feature = "widget")]
mod crash;
#[cfg(feature = "widget")]
mod files;
mod header;
pub mod i18n;
#[cfg(feature = "widget")]
mod io;
#[cfg(all(feature = "widget", not(feature = "widget-full")))]
mod on_demand;
#[cfg(feature = "widget")]
mod persist;
#[cfg(feature = "widget")]
mod questions;
#[cfg(feature = "widget")]
mod results;
mod start;
#[cfg(feature = "widget")]
pub mod state;
#[cfg(feature = "widget-full")]
mod trainer;

use chrono::NaiveDate;
#[cfg(feature = "widget")]
use wasm_bindgen::prelude::*;
#[cfg(feature = "widget")]
use yew::AppHandle;

#[cfg(feature = "widget")]
pub use app::{App, AppProps, LoadedEdition};
#[cfg(feature = "widget")]
use i18n::Lang;

/// Today's date in the browser's local time zone: the one place the widget reads the clock.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(NaiveDate::MIN)
}

#[cfg(feature = "widget")]
/// Now, in the browser's local time, as `YYYY-MM-DDTHH:MM:SS`: when a package is generated
/// (its documents' creation time and closing line). Read here, at the edge, and passed in.
pub fn now_local() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes(),
        now.get_seconds()
    )
}

#[cfg(feature = "widget")]
/// Parses a host-supplied `as-of` value; anything that is not a real `YYYY-MM-DD` date is ignored
/// (the widget then uses today).
pub fn parse_as_of(value: Option<String>) -> Option<NaiveDate> {
    value.as_deref().and_then(crate::policy::facts::parse_ymd)
}

#[cfg(feature = "widget")]
/// A mounted widget, returned to JavaScript.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<App>>,
    today: NaiveDate,
    storage_key: Option<String>,
    load_docs: Option<js_sys::Function>,
    open_full: Option<js_sys::Function>,
    edition: Option<String>,
    loaded_edition: Option<app::LoadedEdition>,
}

#[cfg(feature = "widget")]
#[wasm_bindgen]
impl WidgetHandle {
    /// Applies new host options (the custom element's `lang` / `as-of` attributes).
    pub fn update(&mut self, lang: &str, as_of: Option<String>) {
        let props = AppProps {
            lang: Lang::parse(lang),
            as_of: parse_as_of(as_of),
            today: self.today,
            storage_key: self.storage_key.clone().map(Into::into),
            load_docs: self.load_docs.clone(),
            open_full: self.open_full.clone(),
            initial: None,
            edition: self.edition.clone().map(Into::into),
            loaded_edition: self.loaded_edition.clone(),
        };
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
    }

    /// Unmounts the widget and frees it.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

#[cfg(feature = "widget")]
/// Renders the widget into `container` (inside the host element's shadow root).
/// `storage_key`: the localStorage key for this widget's answers (`None`: keep nothing).
/// `load_docs`: a JS function returning a promise of the document module.
/// `open_full`: in the first module, a JS function `(saved, lang, asOf) → Promise` that loads the
/// full module and mounts it here in this widget's place (the trainer and the comparison are
/// there only); `initial`: the saved state the first module handed over, read instead of
/// localStorage (it is the newest, and the only copy when nothing is kept in storage).
/// `edition`: an edition's id (the `edition` attribute), read at mount; `edition_json` and
/// `edition_sha256`: its text and content hash when it is not bundled (a sample edition, fetched
/// by the loader). `None` or an unknown id: the
/// default edition.
// A JS export called positionally by the loader: one argument per host option.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn mount_widget(
    container: web_sys::Element,
    lang: &str,
    as_of: Option<String>,
    storage_key: Option<String>,
    load_docs: Option<js_sys::Function>,
    open_full: Option<js_sys::Function>,
    initial: Option<String>,
    edition: Option<String>,
    edition_json: Option<String>,
    edition_sha256: Option<String>,
) -> WidgetHandle {
    let today = today();
    // Read before the first render, so saved answers read through its declarations on restore.
    // Its content hash comes with it (hashed by scripts/build.sh): the browser does not hash.
    let loaded_edition = edition_json
        .zip(edition_sha256)
        .and_then(|(text, hash)| crate::policy::Edition::from_json_hashed(&text, &hash).ok())
        .filter(|e| edition.as_deref() == Some(e.id.as_str()))
        .map(|e| app::LoadedEdition(std::rc::Rc::new(e)));
    let props = AppProps {
        lang: Lang::parse(lang),
        as_of: parse_as_of(as_of),
        today,
        storage_key: storage_key.clone().map(Into::into),
        load_docs: load_docs.clone(),
        open_full: open_full.clone(),
        initial: initial.map(Into::into),
        edition: edition.clone().map(Into::into),
        loaded_edition: loaded_edition.clone(),
    };
    let app = yew::Renderer::<App>::with_root_and_props(container, props).render();
    WidgetHandle {
        app: Some(app),
        today,
        storage_key,
        load_docs,
        open_full,
        edition,
        loaded_edition,
    }
}
