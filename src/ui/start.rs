//! Issue 17: the start screen — the top bar, the policy header (评估日期) and "您要做什么？" —
//! as one piece of view code that both builds render: the full widget (`App`, on its start
//! flow) and the small start module (feature `start`, `hrs_widget_start`), which is all a
//! first visit downloads before its first question. The start module has no engine, no edition
//! reader and no saved state: on a choice it hands the language, the date, large type and the
//! flow to the loader, which mounts the wizard module in its place (www/hrs-widget.js).

#[cfg(feature = "start")]
use std::rc::Rc;

#[cfg(feature = "start")]
use chrono::NaiveDate;
#[cfg(feature = "start")]
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[cfg(feature = "start")]
use super::header::PolicyHeader;
use super::i18n::{tr, Key, Lang};
#[cfg(feature = "start")]
use crate::policy::facts::{facts_for, parse_ymd, HeaderFacts};

/// The bar above the header: the tool's name, 大字号 and the language switch.
pub fn top_bar(
    l: Lang,
    large_type: bool,
    on_large: Callback<MouseEvent>,
    on_lang: Callback<MouseEvent>,
) -> Html {
    html! {
        <div class="toolbar top-bar no-print">
            <span class="widget-title" role="heading" aria-level="1">{ tr(l, Key::WidgetTitle) }</span>
            <span class="spacer"></span>
            <button type="button" class="large-toggle" aria-pressed={large_type.to_string()} onclick={on_large}>{ tr(l, Key::LargeType) }</button>
            <button type="button" class="lang-toggle" lang={l.other().tag()} onclick={on_lang}>
                { tr(l, Key::SwitchLanguage) }
            </button>
        </div>
    }
}

/// "您要做什么？" and its four choices; `choose` gets the flow's id (`state::Flow::id`). `busy`:
/// the choice whose module is still downloading, which says so (its click is kept).
pub fn start_view(l: Lang, choose: &Callback<&'static str>, busy: Option<&str>) -> Html {
    let card = |flow: &'static str, title: Key, desc: Key| {
        let c = choose.clone();
        let is_busy = busy == Some(flow);
        html! {
            <button type="button" class="choice-card" data-flow={flow} aria-busy={is_busy.then_some("true")}
                onclick={Callback::from(move |_: MouseEvent| c.emit(flow))}>
                <strong>{ tr(l, title) }</strong>
                <span>{ tr(l, if is_busy { Key::StartLoading } else { desc }) }</span>
            </button>
        }
    };
    html! {
        <section class="start" aria-labelledby="hrs-start-title">
            <h2 id="hrs-start-title">{ tr(l, Key::StartTitle) }</h2>
            <div class="choices-grid">
                { card("park", Key::ChoosePark, Key::ChooseParkDesc) }
                { card("organisation", Key::ChooseOrg, Key::ChooseOrgDesc) }
                { card("trainer", Key::ChooseTrainer, Key::ChooseTrainerDesc) }
                // --- issue 16 ---
                { card("compare", Key::ChooseCompare, Key::ChooseCompareDesc) }
            </div>
        </section>
    }
}

#[cfg(feature = "start")]
#[derive(Properties, PartialEq, Clone)]
pub struct StartProps {
    pub lang: Lang,
    pub as_of: Option<NaiveDate>,
    pub today: NaiveDate,
    pub edition: Rc<HeaderFacts>,
    /// `(flow, lang, asOf, largeType)` → the loader mounts that flow's module here; `lang` and
    /// `asOf` are `null` unless the user picked them (else the host's stay in force).
    pub on_choice: js_sys::Function,
}

/// The start module's whole widget: what `App` shows on its start flow, and nothing else.
#[cfg(feature = "start")]
#[function_component(Start)]
pub fn start(p: &StartProps) -> Html {
    // The user's own picks (`None`: the host's), kept apart from the host's options so the
    // hand-over says which is which (R2); a host option wins when the host changes it, as in `App`.
    let lang = use_state(|| None::<Lang>);
    let as_of = use_state(|| None::<NaiveDate>);
    let large = use_state(|| false);
    let busy = use_state(|| None::<&'static str>);
    {
        let lang = lang.clone();
        let host = use_mut_ref(|| p.lang);
        use_effect_with(p.lang, move |l| {
            if std::mem::replace(&mut *host.borrow_mut(), *l) != *l {
                lang.set(None);
            }
        });
    }
    {
        let as_of = as_of.clone();
        let host = use_mut_ref(|| p.as_of);
        use_effect_with(p.as_of, move |a| {
            if std::mem::replace(&mut *host.borrow_mut(), *a) != *a {
                as_of.set(None);
            }
        });
    }
    let l = lang.unwrap_or(p.lang);
    let shown_as_of = as_of.or(p.as_of).unwrap_or(p.today);
    let on_large = {
        let large = large.clone();
        Callback::from(move |_| large.set(!*large))
    };
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |_| lang.set(Some(l.other())))
    };
    let on_as_of = {
        let as_of = as_of.clone();
        Callback::from(move |d: NaiveDate| as_of.set(Some(d)))
    };
    let choose = {
        let busy = busy.clone();
        Callback::from(move |flow: &'static str| busy.set(Some(flow)))
    };
    {
        // The loader is told the choice, and told again whenever the language, the date or large
        // type change while its module downloads: what is mounted is what is on screen then.
        let f = p.on_choice.clone();
        use_effect_with(
            (*busy, *lang, *as_of, *large),
            move |(busy, lang, as_of, large)| {
                if let Some(flow) = busy {
                    let args = js_sys::Array::of4(
                        &JsValue::from_str(flow),
                        &lang.map_or(JsValue::NULL, |l| JsValue::from_str(l.tag())),
                        &as_of.map_or(JsValue::NULL, |d| JsValue::from_str(&d.to_string())),
                        &JsValue::from_bool(*large),
                    );
                    let _ = f.apply(&JsValue::NULL, &args);
                }
            },
        );
    }
    html! {
        <div class={classes!("widget", large.then_some("large-type"))} lang={l.tag()}>
            { top_bar(l, *large, on_large, on_lang) }
            <PolicyHeader edition={p.edition.clone()} lang={l} as_of={shown_as_of} {on_as_of} />
            { start_view(l, &choose, *busy) }
        </div>
    }
}

/// The start module's mounted widget, returned to JavaScript.
#[cfg(feature = "start")]
#[wasm_bindgen]
pub struct StartHandle {
    app: Option<yew::AppHandle<Start>>,
    props: StartProps,
}

#[cfg(feature = "start")]
#[wasm_bindgen]
impl StartHandle {
    /// Applies new host options (the custom element's `lang` / `as-of` attributes).
    pub fn update(&mut self, lang: &str, as_of: Option<String>) {
        self.props.lang = Lang::parse(lang);
        self.props.as_of = as_of.as_deref().and_then(parse_ymd);
        if let Some(app) = self.app.as_mut() {
            app.update(self.props.clone());
        }
    }

    /// Unmounts the start screen (the loader mounts the chosen flow's module in its place).
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Renders the start screen into `container`, or returns `None` when `edition` names an edition
/// this module does not carry (a sample fetched on demand): the loader then mounts the widget.
#[cfg(feature = "start")]
#[wasm_bindgen]
pub fn mount_start(
    container: web_sys::Element,
    lang: &str,
    as_of: Option<String>,
    edition: Option<String>,
    on_choice: js_sys::Function,
) -> Option<StartHandle> {
    let facts = facts_for(edition.as_deref())?;
    let props = StartProps {
        lang: Lang::parse(lang),
        as_of: as_of.as_deref().and_then(parse_ymd),
        today: super::today(),
        edition: Rc::new(HeaderFacts::from(facts)),
        on_choice,
    };
    let app = yew::Renderer::<Start>::with_root_and_props(container, props.clone()).render();
    Some(StartHandle {
        app: Some(app),
        props,
    })
}
