//! Issue 17, first module only: the trainer and the comparison live in the full module
//! (hrs_widget_full, feature `widget-full`), which the loader fetches when the user opens either.
//! This view stands in their place meanwhile: it writes the state (the flow already says which of
//! the two was opened) and hands it, with the language and the as-of date on screen, to the
//! loader's `open_full`, which mounts the full module here. Nothing typed is lost: the full
//! module starts from exactly this state.

use chrono::NaiveDate;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::i18n::{tr, Key, Lang};
use super::io;

#[derive(Properties, PartialEq)]
pub struct OpenFullProps {
    pub lang: Lang,
    pub as_of: NaiveDate,
    /// The widget's state as saved text (`state::to_saved`).
    pub saved: AttrValue,
    pub storage_key: Option<AttrValue>,
    pub open_full: Option<js_sys::Function>,
    pub on_home: Callback<()>,
}

#[function_component(OpenFull)]
pub fn open_full(p: &OpenFullProps) -> Html {
    let failed = use_state(|| p.open_full.is_none());
    {
        let failed = failed.clone();
        let open = p.open_full.clone();
        let args = (
            p.saved.clone(),
            p.storage_key.clone(),
            p.lang.tag(),
            p.as_of.to_string(),
        );
        use_effect_with((), move |_| {
            let (saved, key, lang, as_of) = args;
            if let Some(open) = open {
                // Written at once rather than by the save timer: the full module reads it.
                if let Some(key) = key {
                    let _ = io::save(&key, &saved);
                }
                let started = open.call3(
                    &JsValue::NULL,
                    &JsValue::from_str(&saved),
                    &JsValue::from_str(lang),
                    &JsValue::from_str(&as_of),
                );
                match started.map(JsCast::dyn_into::<js_sys::Promise>) {
                    Ok(Ok(promise)) => wasm_bindgen_futures::spawn_local(async move {
                        // On success this widget is already gone; only a failure is shown.
                        if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                            failed.set(true);
                        }
                    }),
                    _ => failed.set(true),
                }
            }
        });
    }
    let l = p.lang;
    let home = p.on_home.reform(|_: MouseEvent| ());
    html! {
        <section class="on-demand" aria-busy={(!*failed).to_string()}>
            if *failed {
                <p class="banner bad" role="alert">{ tr(l, Key::FullFailed) }</p>
                <button type="button" class="home" onclick={home}>{ tr(l, Key::Home) }</button>
            } else {
                <p role="status">{ tr(l, Key::FullLoading) }</p>
            }
        </section>
    }
}
