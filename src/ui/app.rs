//! The widget's root component.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use super::header::PolicyHeader;
use super::i18n::{tr, Key, Lang};
use crate::policy::{self, Edition};

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Language asked for by the host (attribute / option); the user can switch it.
    pub lang: Lang,
    /// As-of date asked for by the host; `None` means today.
    pub as_of: Option<NaiveDate>,
    /// Today, read once at mount.
    pub today: NaiveDate,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let edition = use_memo((), |_| policy::default_edition().map(Rc::new));
    let lang = use_state(|| props.lang);
    let as_of = use_state(|| props.as_of.unwrap_or(props.today));
    {
        // The host's attributes win whenever they change.
        let lang = lang.clone();
        use_effect_with(props.lang, move |l| lang.set(*l));
    }
    {
        let as_of = as_of.clone();
        use_effect_with((props.as_of, props.today), move |(a, today)| {
            as_of.set(a.unwrap_or(*today))
        });
    }
    let l = *lang;
    let on_toggle_lang = {
        let lang = lang.clone();
        Callback::from(move |_| lang.set(lang.other()))
    };
    let on_as_of = {
        let as_of = as_of.clone();
        Callback::from(move |d: NaiveDate| as_of.set(d))
    };
    let body = match edition.as_ref() {
        Ok(e) => html! {
            <PolicyHeader edition={Rc::clone(e)} lang={l} as_of={*as_of} {on_as_of} />
        },
        Err(err) => html! {
            <p role="alert" class="banner not-in-force">{ tr(l, Key::LoadError) }{ ": " }{ err.to_string() }</p>
        },
    };
    html! {
        <div class="widget" lang={l.tag()}>
            <div class="toolbar top-bar">
                <h1 class="widget-title">{ tr(l, Key::WidgetTitle) }</h1>
                <button type="button" class="lang-toggle" lang={l.other().tag()} onclick={on_toggle_lang}>
                    { tr(l, Key::SwitchLanguage) }
                </button>
            </div>
            { body }
        </div>
    }
}

/// The edition is parsed once per widget; `Edition` has no `PartialEq`-cheap identity, so props
/// compare by id + hash.
pub fn same_edition(a: &Edition, b: &Edition) -> bool {
    a.id == b.id && a.content_hash == b.content_hash
}
