//! The policy's identity: notice number, its documents, validity window, and whether it is in
//! force on the as-of date — all read from the edition data. One component for the full widget
//! and the start module (issue 17): it takes the edition's [`HeaderFacts`], which the widget
//! builds from the loaded edition and the start module from build.rs's generated facts.

use std::rc::Rc;

use chrono::NaiveDate;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::i18n::{colon, tr, Key, Lang};
use crate::engine::wizard::{self, Force};
use crate::policy::facts::{parse_ymd, HeaderFacts};

#[derive(Properties, Clone, PartialEq)]
pub struct HeaderProps {
    pub edition: Rc<HeaderFacts>,
    pub lang: Lang,
    pub as_of: NaiveDate,
    pub on_as_of: Callback<NaiveDate>,
}

#[function_component(PolicyHeader)]
pub fn policy_header(props: &HeaderProps) -> Html {
    let e = &props.edition;
    let l = props.lang;
    let k = l.text_key();
    let force = wizard::force_within(e.valid_from, e.valid_until, props.as_of);
    let (banner_class, banner_text) = match force {
        Force::InForce => ("banner in-force", tr(l, Key::InForce)),
        Force::NotYet => ("banner not-in-force", tr(l, Key::NotYetInForce)),
        Force::Ended => ("banner not-in-force", tr(l, Key::NotInForce)),
    };
    let on_change = {
        let cb = props.on_as_of.clone();
        Callback::from(move |ev: Event| {
            let input: HtmlInputElement = ev.target_unchecked_into();
            // An empty or partial date is ignored; the last valid one stays in effect.
            if let Some(d) = parse_ymd(&input.value()) {
                cb.emit(d);
            }
        })
    };
    html! {
        <section class="policy-header" aria-labelledby="hrs-policy-title">
            <h2 id="hrs-policy-title" class="edition-title">{ e.title.get(k) }</h2>
            <p class="notice-no">{ &e.document_number }</p>
            <p>{ wizard::documents_count_sentence(e.documents.len()).get(k).to_string() }</p>
            <ol class="doc-list">
                { for e.documents.iter().map(|(id, title)| html! {
                    <li class="doc-title" data-doc={id.clone()}>{ title.get(k) }</li>
                }) }
            </ol>
            <p class="window">
                { tr(l, Key::ValidWindow) }{ colon(l) }
                <time class="valid-from" datetime={e.valid_from.to_string()}>{ e.valid_from.to_string() }</time>
                { " → " }
                <time class="valid-until" datetime={e.valid_until.to_string()}>{ e.valid_until.to_string() }</time>
            </p>
            <div class="toolbar">
                <label for="hrs-as-of">{ tr(l, Key::AsOf) }</label>
                <input id="hrs-as-of" type="date" class="as-of" value={props.as_of.to_string()} onchange={on_change} />
            </div>
            <p class={banner_class} role="status" data-in-force={(force == Force::InForce).to_string()}>{ banner_text }</p>
            // Neither the edition's id nor its content hash is shown here: the notice is named by
            // its title and number above, and the hash appears once, as the 版本校验码 in the
            // results' closing details line.
        </section>
    }
}
