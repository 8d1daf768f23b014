//! Trainer mode: ready-made sample cases, what-if toggles on the loaded sample, an article
//! browser (every clause the edition cites, with the rules that use it), and a self-test that
//! runs the edition's own named cases through the same engine.
//!
//! The notice's full text and the named cases are not part of the first load: the widget fetches
//! them from `<edition>.extras.json` beside its own module (written by `scripts/build.sh`) when
//! the trainer opens, so the article browser and the self-test fill in a moment later.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::i18n::{tr, trf, Key, Lang};
use super::questions::{question, Ctx};
use super::state::{Action, Flow};
use crate::engine::answers::{Answers, AnswersKind};
use crate::engine::{run_cases, CaseFile, CaseResult};
use crate::policy::{self, Edition, QuestionKind, Source};

/// The sample cases, as answers files kept beside the edition.
pub const SAMPLES: &[(&str, Key, &str)] = &[
    (
        "park-passes",
        Key::SamplePark,
        include_str!("../policy/examples/park-passes.json"),
    ),
    (
        "park-one-firm-short",
        Key::SampleParkShort,
        include_str!("../policy/examples/park-one-firm-short.json"),
    ),
    (
        "park-fails-two",
        Key::SampleParkFailsTwo,
        include_str!("../policy/examples/park-fails-two.json"),
    ),
    (
        "organisation-capped",
        Key::SampleCapped,
        include_str!("../policy/examples/organisation-capped.json"),
    ),
    (
        "organisation-both-branches",
        Key::SampleBoth,
        include_str!("../policy/examples/organisation-both-branches.json"),
    ),
    (
        "organisation-placement-agency",
        Key::SamplePlacement,
        include_str!("../policy/examples/organisation-placement-agency.json"),
    ),
];

pub fn trainer_view(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let home = {
        let d = ctx.dispatch.clone();
        Callback::from(move |_| d.emit(Action::Go(Flow::Start)))
    };
    html! {
        <section class="trainer" aria-labelledby="hrs-trainer-title">
            <h2 id="hrs-trainer-title">{ tr(l, Key::TrainerTitle) }</h2>
            <h3>{ tr(l, Key::Samples) }</h3>
            <ul class="samples">
            { for SAMPLES.iter().map(|(id, key, json)| {
                let onclick = {
                    let d = ctx.dispatch.clone();
                    let json = *json;
                    Callback::from(move |_| {
                        // The samples are checked by a native test; a broken one shows nothing.
                        if let Ok(a) = Answers::from_json(json) { d.emit(Action::TrainerSample(a)); }
                    })
                };
                html! { <li><button type="button" data-sample={*id} {onclick}>{ tr(l, *key) }</button></li> }
            }) }
            </ul>
            { what_if(ctx) }
            <TrainerExtras lang={l} edition={AttrValue::from(ctx.edition.id.clone())} hash={AttrValue::from(ctx.edition.content_hash.clone())} />
            <div class="toolbar no-print">
                <button type="button" class="home" onclick={home}>{ tr(l, Key::Home) }</button>
            </div>
        </section>
    }
}

/// The yes/no questions of the loaded sample's flow, as toggles; the results below update live.
fn what_if(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let Some(kind) = ctx.state.trainer_kind else {
        return html! {};
    };
    let qs = match kind {
        AnswersKind::Park => &ctx.edition.questions.park,
        AnswersKind::Organisation => &ctx.edition.questions.organisation,
    };
    html! {
        <div class="what-if">
            <h3>{ tr(l, Key::WhatIf) }</h3>
            <p class="muted">{ tr(l, Key::WhatIfHelp) }</p>
            <div class="what-if-grid">
                { for qs.iter().filter(|q| matches!(q.kind, QuestionKind::YesNo | QuestionKind::M2 | QuestionKind::Yuan) && !q.document_only)
                    .map(|q| question(ctx, q, &q.path)) }
            </div>
        </div>
    }
}

fn collect_sources(e: &Edition) -> Vec<(&Source, String)> {
    let mut out: Vec<(&Source, String)> = vec![(&e.validity_source, "validity".into())];
    out.extend(e.information.iter().map(|i| (&i.source, i.id.clone())));
    out.extend(
        e.service_formats
            .iter()
            .map(|f| (&f.source, format!("format.{}", f.id))),
    );
    out.push((&e.park.submission.source, "park.submission".into()));
    out.push((&e.park.barred.source, e.park.barred.id.clone()));
    out.extend(e.park.conditions.iter().map(|c| (&c.source, c.id.clone())));
    out.extend(e.park.materials.iter().map(|m| (&m.source, m.id.clone())));
    out.extend(e.park.procedure.iter().map(|s| (&s.source, s.id.clone())));
    out.extend(
        e.park
            .after_certification
            .iter()
            .map(|s| (&s.source, s.id.clone())),
    );
    for m in &e.measures {
        out.push((&m.source, m.id.clone()));
        out.extend(m.conditions.iter().map(|c| (&c.source, c.id.clone())));
        if let Some(cap) = &m.cap {
            out.push((&cap.source, cap.id.clone()));
        }
    }
    out.extend(e.non_duplication.iter().map(|g| (&g.source, g.id.clone())));
    out
}

/// (document, article, clause) of a cited clause.
type ClauseKey = (String, String, String);
/// The clause's original sentences and the rule ids citing it.
type ClauseUse = (Vec<String>, Vec<String>);

/// `<edition>.extras.json`: the parts of a bundled edition the widget fetches on demand.
#[derive(Deserialize)]
struct ExtrasFile {
    format: String,
    edition: String,
    /// sha256 of the edition file the extras belong to (its `content_hash`).
    edition_sha256: String,
    /// The named cases (`<edition>.cases.json`), if the edition has any.
    #[serde(default)]
    cases: Option<serde_json::Value>,
    /// The notice's full original text (`<edition>.original.txt`), if kept.
    #[serde(default)]
    original: Option<String>,
}

/// What the article browser and the self-test show, computed once when the extras arrive.
struct Extras {
    edition: Edition,
    original: Option<String>,
    cases: Option<Result<Vec<CaseResult>, String>>,
}

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

/// The URL of `<edition>.extras.json`, beside this module's own JS file (`pkg/`).
fn extras_url(edition: &str) -> Result<String, JsValue> {
    let base = IMPORT_META.with(ImportMeta::url);
    Ok(web_sys::Url::new_with_base(&format!("{edition}.extras.json"), &base)?.href())
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let js = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(js)?
        .dyn_into()
        .map_err(js)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(js)?)
        .await
        .map_err(js)?;
    text.as_string().ok_or_else(|| "not text".into())
}

/// Fetches and checks the extras of the bundled edition `id` whose content hash is `hash`.
async fn load_extras(id: &str, hash: &str) -> Result<Extras, String> {
    let url = extras_url(id).map_err(|e| format!("{e:?}"))?;
    let text = fetch_text(&url).await.map_err(|e| format!("{url}: {e}"))?;
    let file: ExtrasFile = serde_json::from_str::<serde_json::Value>(&text)
        .and_then(serde_json::from_value)
        .map_err(|e| format!("{url}: {e}"))?;
    if file.format != "hrs-edition-extras" || file.edition != id || file.edition_sha256 != hash {
        return Err(format!(
            "{url}: made for another edition ({})",
            file.edition
        ));
    }
    let edition = match policy::load_bundled(id) {
        Some(Ok(e)) => e,
        Some(Err(e)) => return Err(e.to_string()),
        None => return Err(format!("no bundled edition {id}")),
    };
    let cases = file
        .cases
        .map(|v| CaseFile::from_value(v).map(|c| run_cases(&edition, &c)));
    Ok(Extras {
        edition,
        original: file.original,
        cases,
    })
}

#[derive(Properties, PartialEq)]
struct ExtrasProps {
    lang: Lang,
    edition: AttrValue,
    hash: AttrValue,
}

/// The article browser and the self-test: fetches the edition's extras once, when the trainer
/// opens, and says so clearly if they cannot be had.
#[function_component(TrainerExtras)]
fn trainer_extras(props: &ExtrasProps) -> Html {
    let l = props.lang;
    let loaded = use_state(|| None::<Rc<Result<Extras, String>>>);
    {
        let loaded = loaded.clone();
        use_effect_with(
            (props.edition.clone(), props.hash.clone()),
            move |(id, hash)| {
                loaded.set(None);
                let (id, hash) = (id.clone(), hash.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    loaded.set(Some(Rc::new(load_extras(&id, &hash).await)));
                });
            },
        );
    }
    let (browser, test) = match loaded.as_deref() {
        None => {
            let wait = html! { <p class="muted" role="status">{ tr(l, Key::ExtrasLoading) }</p> };
            (wait.clone(), wait)
        }
        Some(Err(why)) => {
            let msg = html! { <p class="field-error" role="alert">{ trf(l, Key::ExtrasFailed, &[("why", why)]) }</p> };
            (msg.clone(), msg)
        }
        Some(Ok(x)) => (
            match &x.original {
                Some(text) => full_text_browser(l, &x.edition, text),
                None => cited_clauses(l, &x.edition),
            },
            match &x.cases {
                Some(Ok(results)) => self_test(l, results),
                Some(Err(err)) => html! { <p class="field-error">{ err }</p> },
                None => html! {},
            },
        ),
    };
    html! {
        <>
            <details class="article-browser">
                <summary>{ tr(l, Key::ArticleBrowser) }</summary>
                { browser }
            </details>
            <details class="self-test">
                <summary>{ tr(l, Key::SelfTest) }</summary>
                { test }
            </details>
        </>
    }
}

/// The article browser: the notice's full original text paragraph by paragraph, each paragraph
/// with the rules whose original sentence it contains.
fn full_text_browser(l: Lang, edition: &Edition, text: &str) -> Html {
    let sources = collect_sources(edition);
    let titles: Vec<&str> = edition
        .documents
        .iter()
        .map(|d| d.title.zh.as_str())
        .collect();
    html! {
        <ol class="articles full-text" lang="zh-CN">
        { for text.lines().map(str::trim).filter(|p| !p.is_empty()).enumerate().map(|(i, p)| {
            let rules: Vec<&str> = sources
                .iter()
                .filter(|(s, _)| !s.original.trim().is_empty() && p.contains(s.original.trim().trim_end_matches(['。', '；', ';'])))
                .map(|(_, id)| id.as_str())
                .collect();
            let is_title = titles.contains(&p);
            html! {
                <li class={classes!("paragraph", is_title.then_some("doc-heading"))} data-paragraph={i.to_string()} data-cited={(!rules.is_empty()).to_string()}>
                    if is_title { <h4>{ p }</h4> } else { <p>{ p }</p> }
                    if !rules.is_empty() {
                        <p class="muted" lang={l.tag()}>{ tr(l, Key::UsedBy) }{ "：" }{ for rules.iter().map(|r| html! { <code class="rule-id">{ *r }</code> }) }</p>
                    }
                </li>
            }
        }) }
        </ol>
    }
}

/// Every cited clause, by document and article, with the original sentence(s) and the rules
/// that use each (for an edition that keeps no full text).
fn cited_clauses(l: Lang, e: &Edition) -> Html {
    // (document order, article, clause) → (original sentences, rule ids)
    let mut clauses: BTreeMap<ClauseKey, ClauseUse> = BTreeMap::new();
    let mut order: Vec<ClauseKey> = Vec::new();
    for (s, rule) in collect_sources(e) {
        let key = (
            s.cite.document.as_str().to_string(),
            s.cite.article.clone(),
            s.cite.clause.clone().unwrap_or_default(),
        );
        if !clauses.contains_key(&key) {
            order.push(key.clone());
        }
        let entry = clauses.entry(key).or_default();
        if !entry.0.contains(&s.original) {
            entry.0.push(s.original.clone());
        }
        entry.1.push(rule);
    }
    html! {
        <div class="articles">
        { for e.documents.iter().map(|d| {
            let doc = d.id.as_str();
            html! {
                <section class="article-doc" data-doc={doc}>
                    <h4>{ d.title.get(l.text_key()) }</h4>
                    <ul>
                    { for order.iter().filter(|k| k.0 == doc).map(|k| {
                        let (originals, rules) = &clauses[k];
                        html! {
                            <li class="clause" data-article={k.1.clone()}>
                                <strong>{ format!("{}{}", k.1, k.2) }</strong>
                                { for originals.iter().map(|o| html! { <blockquote lang="zh-CN">{ o }</blockquote> }) }
                                <p class="muted">{ tr(l, Key::UsedBy) }{ "：" }{ for rules.iter().map(|r| html! { <code class="rule-id">{ r }</code> }) }</p>
                            </li>
                        }
                    }) }
                    </ul>
                </section>
            }
        }) }
        </div>
    }
}

fn self_test(l: Lang, results: &[CaseResult]) -> Html {
    let pass = results.iter().filter(|r| r.passed).count();
    let fail = results.len() - pass;
    html! {
        <div class="self-test-results">
            <p class="muted">{ tr(l, Key::SelfTestHelp) }</p>
            <p class="self-test-summary" data-pass={pass.to_string()} data-fail={fail.to_string()}>
                { trf(l, Key::SelfTestSummary, &[("pass", &pass.to_string()), ("fail", &fail.to_string())]) }
            </p>
            <ol class="cases">
            { for results.iter().map(|r| html! {
                <li data-passed={r.passed.to_string()}>
                    <span class={if r.passed { "badge met" } else { "badge not-met" }}>{ tr(l, if r.passed { Key::Pass } else { Key::Fail }) }</span>
                    { " " }{ &r.name }
                </li>
            }) }
            </ol>
        </div>
    }
}
