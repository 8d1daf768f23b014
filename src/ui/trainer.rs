//! Trainer mode: ready-made sample cases, what-if toggles on the loaded sample, an article
//! browser (every clause the edition cites, with the rules that use it), and a self-test that
//! runs the edition's own named cases through the same engine.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::i18n::{tr, trf, Key};
use super::questions::{question, Ctx};
use super::state::{Action, Flow};
use crate::engine::answers::{Answers, AnswersKind};
use crate::engine::{run_cases, CaseFile};
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
            <details class="article-browser">
                <summary>{ tr(l, Key::ArticleBrowser) }</summary>
                { article_browser(ctx) }
            </details>
            <details class="self-test">
                <summary>{ tr(l, Key::SelfTest) }</summary>
                { self_test(ctx) }
            </details>
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

/// The article browser: the notice's full original text paragraph by paragraph, each paragraph
/// with the rules whose original sentence it contains; where an edition has no full text kept,
/// every cited clause by document and article.
fn article_browser(ctx: &Ctx) -> Html {
    let original = policy::bundled()
        .iter()
        .find(|b| b.name == ctx.edition.id)
        .and_then(|b| b.original);
    match original {
        Some(text) => full_text_browser(ctx, text),
        None => cited_clauses(ctx),
    }
}

fn full_text_browser(ctx: &Ctx, text: &str) -> Html {
    let l = ctx.lang;
    let sources = collect_sources(ctx.edition);
    let titles: Vec<&str> = ctx
        .edition
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
/// that use each.
fn cited_clauses(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let e = ctx.edition;
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

fn self_test(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let e = ctx.edition;
    let Some(bundled) = policy::bundled().iter().find(|b| b.name == e.id) else {
        return html! {};
    };
    let Some(json) = bundled.cases_json else {
        return html! {};
    };
    let cases = match CaseFile::from_json(json) {
        Ok(c) => c,
        Err(err) => return html! { <p class="field-error">{ err }</p> },
    };
    let results = run_cases(e, &cases);
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
