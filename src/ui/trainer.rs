//! Trainer mode, made to be projected in a room: samples that each tell a one-line story with a
//! hint of what to show; a presenter layout with the sample's what-if toggles on one side and the
//! live verdicts and amounts on the other (what changed is highlighted for a few seconds); the
//! notice as an article browser with contents and search, each clause saying in words what the
//! widget does with it; and a self-test an official can read.
//!
//! A sample lives in the trainer's own state (`State::trainer`), never in a flow's answers: what-if
//! changes touch only the sample, and leaving the trainer returns to the user's answers untouched.
//!
//! The notice's full text and the named cases are not part of the first load: the widget fetches
//! them from `<edition>.extras.json` beside its own module (written by `scripts/build.sh`) when
//! the trainer opens, so the article browser and the self-test fill in a moment later.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::i18n::{colon, tr, trf, Key, Lang};
use super::questions::{question, Ctx};
use super::state::{Action, Flow};
use crate::engine::answers::Answer;
use crate::engine::store;
use crate::engine::{money, run_cases, Case, CaseFile, CaseResult, Eligibility, Outcome, Verdict};
use crate::policy::{self, Cited, DocumentId, Edition, QuestionKind, SourceUse};

use crate::policy::samples::{sample, Pair, Sample, SAMPLES};

fn pick(l: Lang, p: Pair) -> &'static str {
    match l {
        Lang::Zh => p.0,
        Lang::En => p.1,
    }
}

/// A sample that demonstrates one of `rules` (exact id or prefix).
fn sample_for(rules: &[&str]) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| {
        s.rules
            .iter()
            .any(|r| rules.iter().any(|id| id == r || id.starts_with(r)))
    })
}

/// `on_sample` loads a sample by id (and sets its evaluation date).
pub fn choose_sample(
    dispatch: &Callback<Action>,
    on_as_of: &Callback<NaiveDate>,
) -> Callback<&'static str> {
    let d = dispatch.clone();
    let on_as_of = on_as_of.clone();
    Callback::from(move |id: &'static str| {
        let Some(s) = sample(id) else { return };
        // The samples are checked by a native test; the state reads the file through the
        // edition's declarations.
        if let Ok(date) = NaiveDate::parse_from_str(s.as_of, "%Y-%m-%d") {
            on_as_of.emit(date);
        }
        d.emit(Action::TrainerSample(s.id.to_string(), s.json.to_string()));
    })
}

/// The trainer screen. `results` is the live outcome of the sample (rendered by the caller).
pub fn trainer_view(ctx: &Ctx, results: Html, on_as_of: &Callback<NaiveDate>) -> Html {
    let l = ctx.lang;
    let home = {
        let d = ctx.dispatch.clone();
        Callback::from(move |_| d.emit(Action::Go(Flow::Start)))
    };
    let on_sample = choose_sample(&ctx.dispatch, on_as_of);
    let chosen = ctx.state.trainer.as_ref().map(|t| t.sample.clone());
    let current = chosen.as_deref().and_then(sample);
    html! {
        <section class="trainer" aria-labelledby="hrs-trainer-title">
            <h2 id="hrs-trainer-title">{ tr(l, Key::TrainerTitle) }</h2>
            <h3 id="hrs-samples-title">{ tr(l, Key::Samples) }</h3>
            <ul class="samples" aria-labelledby="hrs-samples-title">
            { for SAMPLES.iter().map(|s| {
                let is_chosen = chosen.as_deref() == Some(s.id);
                let onclick = {
                    let on_sample = on_sample.clone();
                    let id = s.id;
                    Callback::from(move |_| on_sample.emit(id))
                };
                html! {
                    <li class={classes!("sample", is_chosen.then_some("chosen"))}>
                        <button type="button" data-sample={s.id} aria-pressed={is_chosen.to_string()} {onclick}>
                            <strong>{ pick(l, s.title) }</strong>
                            <span class="story">{ pick(l, s.story) }</span>
                        </button>
                    </li>
                }
            }) }
            </ul>
            <div class="presenter" data-sample={chosen.clone().unwrap_or_default()}>
                <div class="presenter-controls">
                    if let Some(s) = current {
                        <div class="chosen-sample" data-sample={s.id}>
                            <p class="chosen-title"><span class="tag">{ tr(l, Key::ChosenSample) }</span>{ " " }<strong>{ pick(l, s.title) }</strong></p>
                            <p class="story">{ pick(l, s.story) }</p>
                            <p class="show-hint"><strong>{ tr(l, Key::WhatToShow) }{ colon(l) }</strong>{ pick(l, s.show) }</p>
                            <p class="muted sample-as-of">{ trf(l, Key::SampleAsOf, &[("date", s.as_of)]) }</p>
                        </div>
                        { what_if(ctx) }
                    } else {
                        <p class="muted choose-first">{ tr(l, Key::ChooseSampleFirst) }</p>
                    }
                </div>
                <Changes lang={l} sample={AttrValue::from(chosen.clone().unwrap_or_default())} marks={Rc::new(marks(l, ctx.outcome))} />
                <div class="presenter-results">{ results }</div>
            </div>
            <TrainerExtras lang={l} edition={AttrValue::from(ctx.edition.id.clone())} hash={AttrValue::from(ctx.edition.content_hash.clone())} {on_sample} />
            <div class="toolbar no-print">
                <button type="button" class="home" onclick={home}>{ tr(l, Key::Home) }</button>
            </div>
        </section>
    }
}

// ---- what-if ---------------------------------------------------------------------------------

/// The sample's yes/no questions as toggle buttons (Enter / Space flips one, the arrow keys and
/// Page Up / Down move between them, as a presenter remote sends), then its amounts and areas.
fn what_if(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let Some(kind) = ctx.state.active_kind() else {
        return html! {};
    };
    let qs = crate::engine::wizard::questions(ctx.edition, kind);
    let answers = ctx.state.active_answers();
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let step: i32 = match e.key().as_str() {
            "ArrowDown" | "ArrowRight" | "PageDown" => 1,
            "ArrowUp" | "ArrowLeft" | "PageUp" => -1,
            _ => return,
        };
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        // button → its <li> → the neighbouring <li>'s button (wrapping round at the ends).
        let Some(li) = target.parent_element() else {
            return;
        };
        let Some(list) = li
            .parent_element()
            .filter(|p| p.class_name().contains("what-if-toggles"))
        else {
            return;
        };
        let next_li = if step > 0 {
            li.next_element_sibling()
                .or_else(|| list.first_element_child())
        } else {
            li.previous_element_sibling()
                .or_else(|| list.last_element_child())
        };
        if let Some(b) = next_li
            .and_then(|n| n.first_element_child())
            .and_then(|b| b.dyn_into::<HtmlElement>().ok())
        {
            e.prevent_default();
            let _ = b.focus();
        }
    });
    html! {
        <div class="what-if">
            <h3 id="hrs-what-if-title">{ tr(l, Key::WhatIf) }</h3>
            <p class="muted">{ tr(l, Key::WhatIfKeys) }</p>
            <ul class="what-if-toggles" aria-labelledby="hrs-what-if-title" {onkeydown}>
            { for qs.iter().filter(|q| q.kind == QuestionKind::YesNo && !q.document_only).map(|q| {
                let v = answers.and_then(|a| a.get(&q.path));
                let (state, pressed, word) = match v {
                    Some(Answer::Value(store::Value::Bool(true))) => ("yes", "true", Key::Yes),
                    Some(Answer::Value(store::Value::Bool(false))) => ("no", "false", Key::No),
                    Some(Answer::DontKnow | Answer::Value(_)) => ("dont_know", "mixed", Key::DontKnow),
                    Some(Answer::NotAnswered) | None => ("unanswered", "mixed", Key::NotAnswered),
                };
                let onclick = {
                    let d = ctx.dispatch.clone();
                    let path = q.path.clone();
                    let to = state != "yes";
                    Callback::from(move |_| d.emit(Action::SetAnswer(path.clone(), store::Value::Bool(to))))
                };
                html! {
                    <li>
                        <button type="button" class={classes!("what-if-toggle", state)} data-name={q.path.clone()} aria-pressed={pressed} {onclick}>
                            <span class="toggle-label">{ q.label.get(l.text_key()) }</span>
                            <span class={classes!("toggle-state", state)}>{ tr(l, word) }</span>
                        </button>
                    </li>
                }
            }) }
            </ul>
            <div class="what-if-numbers">
                { for qs.iter().filter(|q| matches!(q.kind, QuestionKind::M2 | QuestionKind::Yuan) && !q.document_only)
                    .map(|q| question(ctx, q, &q.path)) }
            </div>
        </div>
    }
}

// ---- presenter: what changed -------------------------------------------------------------------

/// One thing the room watches: a verdict or an amount, in words.
#[derive(Clone, PartialEq)]
struct Mark {
    /// `data-rule` / `data-measure` value of its card in the results.
    id: String,
    /// `《管理办法》第四条（三） 有较为完整的人力资源服务产业链`
    what: String,
    /// `符合`, `10–20 万元 · 可享受` …
    value: String,
}

pub fn verdict_word(l: Lang, v: &Verdict) -> String {
    match v {
        Verdict::Met => tr(l, Key::Met).into(),
        Verdict::NotMet => tr(l, Key::NotMet).into(),
        Verdict::Unknown => tr(l, Key::Unknown).into(),
        Verdict::ForReviewers => tr(l, Key::ForReviewers).into(),
        Verdict::NotYet { from } => trf(l, Key::NotYet, &[("date", &from.to_string())]),
    }
}

fn eligibility_word(l: Lang, e: &Eligibility) -> String {
    match e {
        Eligibility::Eligible => tr(l, Key::Eligible).into(),
        Eligibility::NotEligible => tr(l, Key::NotEligible).into(),
        Eligibility::Unknown => tr(l, Key::Unknown).into(),
        Eligibility::NotYet { from } => trf(l, Key::EligibleFrom, &[("date", &from.to_string())]),
    }
}

/// Money in the language's one system: 万元 in Chinese, CNY in English.
fn money_range(l: Lang, r: &crate::engine::MoneyRange) -> String {
    match l {
        Lang::Zh => money::range_wan(r),
        Lang::En => money::range_cny(r),
    }
}

fn marks(l: Lang, o: Option<&Outcome>) -> Vec<Mark> {
    let Some(o) = o else { return Vec::new() };
    let k = l.text_key();
    let mut out = Vec::new();
    let sep = " ";
    if let Some(p) = &o.park {
        for c in &p.conditions {
            out.push(Mark {
                id: c.id.clone(),
                what: format!("{}{sep}{}", c.source.cite.in_words(k), c.label.get(k)),
                value: verdict_word(l, &c.verdict),
            });
        }
    }
    if let Some(org) = &o.organisation {
        for m in &org.measures {
            let mut value = eligibility_word(l, &m.eligibility);
            if let Some(a) = &m.amount {
                value = format!("{value} · {}", money_range(l, &a.range));
            }
            out.push(Mark {
                id: m.id.clone(),
                what: format!("{}{sep}{}", m.source.cite.in_words(k), m.label.get(k)),
                value,
            });
            for c in &m.conditions {
                out.push(Mark {
                    id: c.id.clone(),
                    what: format!("{}{sep}{}", c.source.cite.in_words(k), c.label.get(k)),
                    value: verdict_word(l, &c.verdict),
                });
            }
        }
    }
    out
}

/// A change the room should see: what, from, to.
#[derive(Clone, PartialEq)]
struct Change {
    id: String,
    what: String,
    before: String,
    after: String,
}

#[derive(Properties, PartialEq)]
struct PresenterProps {
    lang: Lang,
    /// The chosen sample's id ("" when none).
    sample: AttrValue,
    marks: Rc<Vec<Mark>>,
}

/// How long a change stays highlighted.
const HIGHLIGHT_MS: u32 = 4000;

/// Lays out the what-if controls beside the live results (wide screens) and shows what a change
/// changed: a line naming each verdict or amount that moved, and their cards highlighted for a
/// few seconds. Choosing a sample brings the presenter to the top of the screen.
///
/// It renders only the line of changes (a component of its own, so that its re-render never
/// touches the toggles or a field being typed in); the presenter grid is its parent element.
#[function_component(Changes)]
fn changes_view(props: &PresenterProps) -> Html {
    let l = props.lang;
    let node = use_node_ref();
    let presenter = {
        let node = node.clone();
        move || node.cast::<Element>().and_then(|n| n.parent_element())
    };
    let previous = use_mut_ref(|| (props.sample.clone(), props.marks.clone()));
    let changes = use_state(Vec::<Change>::new);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        let previous = previous.clone();
        let changes = changes.clone();
        let presenter = presenter.clone();
        use_effect_with(
            (props.sample.clone(), props.marks.clone()),
            move |(sample, marks)| {
                let (old_sample, old_marks) = previous.borrow().clone();
                if *sample != old_sample {
                    changes.set(Vec::new());
                    // A sample was chosen: bring its toggles and results to the top.
                    if !sample.is_empty() {
                        if let Some(el) = presenter() {
                            el.scroll_into_view_with_bool(true);
                        }
                    }
                } else if old_marks != *marks {
                    let before: BTreeMap<&str, &Mark> =
                        old_marks.iter().map(|m| (m.id.as_str(), m)).collect();
                    let found: Vec<Change> = marks
                        .iter()
                        .filter_map(|m| {
                            let b = before.get(m.id.as_str())?;
                            (b.value != m.value).then(|| Change {
                                id: m.id.clone(),
                                what: m.what.clone(),
                                before: b.value.clone(),
                                after: m.value.clone(),
                            })
                        })
                        .collect();
                    if !found.is_empty() {
                        changes.set(found);
                    }
                }
                *previous.borrow_mut() = (sample.clone(), marks.clone());
            },
        );
    }
    {
        // Highlight the cards that changed, for a few seconds, and bring the first into view
        // inside the results column (the page itself does not move).
        let presenter = presenter.clone();
        let timer = timer.clone();
        use_effect_with((*changes).clone(), move |changes| {
            let Some(root) = presenter() else {
                return;
            };
            clear_highlights(&root);
            let column = root
                .query_selector(".presenter-results")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<HtmlElement>().ok());
            let mut first: Option<HtmlElement> = None;
            for c in changes {
                for attr in ["data-rule", "data-measure"] {
                    let sel = format!(
                        ".presenter-results [{attr}=\"{}\"]:not([data-changed])",
                        c.id
                    );
                    while let Ok(Some(el)) = root.query_selector(&sel) {
                        let _ = el.set_attribute("data-changed", "true");
                        // Bring a card into view (the headline's to-do list names rules too).
                        if first.is_none() && el.class_name().contains("card") {
                            first = el.dyn_into::<HtmlElement>().ok();
                        }
                    }
                }
            }
            if let (Some(col), Some(el)) = (column, first) {
                // Where the card sits inside the column's scrolled content (whatever wraps it).
                let (c, r) = (
                    col.get_bounding_client_rect(),
                    el.get_bounding_client_rect(),
                );
                let view_top = col.scroll_top();
                let top = (r.top() - c.top()) as i32 + view_top - 8;
                let bottom = (r.bottom() - c.top()) as i32 + view_top;
                let view_bottom = view_top + col.client_height();
                if top < view_top || bottom > view_bottom {
                    col.set_scroll_top(top.max(0));
                }
            }
            if !changes.is_empty() {
                let root = root.clone();
                *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                    HIGHLIGHT_MS,
                    move || clear_highlights(&root),
                ));
            }
        });
    }
    html! {
            <div class="presenter-changes" ref={node} role="status" aria-live="polite">
                if !changes.is_empty() {
                    <p class="changes-title"><strong>{ tr(l, Key::JustChanged) }{ colon(l) }</strong></p>
                    <ul class="changes">
                    { for changes.iter().map(|c| html! {
                        <li data-change={c.id.clone()}>{ &c.what }{ colon(l) }<span class="before">{ &c.before }</span>{ " → " }<strong class="after">{ &c.after }</strong></li>
                    }) }
                    </ul>
                }
            </div>
    }
}

fn clear_highlights(root: &Element) {
    while let Ok(Some(el)) = root.query_selector("[data-changed]") {
        let _ = el.remove_attribute("data-changed");
    }
}

// ---- extras: article browser and self-test -----------------------------------------------------

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
    /// The edition's own text, for an edition not bundled into the wasm (a sample).
    #[serde(default)]
    edition_json: Option<String>,
}

/// What the article browser and the self-test show, computed once when the extras arrive.
struct Extras {
    edition: Edition,
    articles: Vec<Article>,
    cases: Option<Result<(CaseFile, Vec<CaseResult>), String>>,
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
    let edition = match (policy::load_bundled(id), &file.edition_json) {
        (Some(Ok(e)), _) => e,
        (Some(Err(e)), _) => return Err(e.to_string()),
        // A sample edition comes with its extras; its hash was checked above.
        (None, Some(text)) => {
            Edition::from_json_hashed(text, &file.edition_sha256).map_err(|e| e.to_string())?
        }
        (None, None) => return Err(format!("no bundled edition {id}")),
    };
    let cases = file.cases.map(|v| {
        CaseFile::from_value(v).map(|c| {
            let results = run_cases(&edition, &c);
            (c, results)
        })
    });
    let articles = match &file.original {
        Some(text) => parse_notice(&edition, text),
        None => Vec::new(),
    };
    Ok(Extras {
        edition,
        articles,
        cases,
    })
}

#[derive(Properties, PartialEq)]
struct ExtrasProps {
    lang: Lang,
    edition: AttrValue,
    hash: AttrValue,
    /// Loads a sample (from a clause's "show" button).
    on_sample: Callback<&'static str>,
}

/// The article browser and the self-test: fetches the edition's extras once, when the trainer
/// opens, and says so clearly if they cannot be had.
#[function_component(TrainerExtras)]
fn trainer_extras(props: &ExtrasProps) -> Html {
    let l = props.lang;
    let loaded = use_state(|| None::<Rc<Result<Extras, String>>>);
    let query = use_state(String::new);
    let list_ref = use_node_ref();
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
            article_browser(l, x, &query, &list_ref, &props.on_sample),
            match &x.cases {
                Some(Ok((file, results))) => self_test(l, &x.edition, file, results),
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

// ---- the notice, article by article --------------------------------------------------------------

/// One block of the article browser: an article (第四条), a section of the plan (二、服务业态),
/// a closing paragraph, or the notice's cover.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// A DOM id, unique in the widget.
    pub anchor: String,
    pub doc: Option<DocumentId>,
    /// The chapter (第二章 申报与认定), if the document has chapters.
    pub chapter: Option<String>,
    /// How citations name it: `第四条`, `二、服务业态`, `末段`; empty for a preamble.
    pub key: String,
    pub heading: String,
    pub clauses: Vec<Clause>,
}

/// A paragraph inside an article: its own text, and the clause citations use (`(三)`, `(一)1`).
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    pub key: Option<String>,
    pub text: String,
}

const NUMERALS: &str = "一二三四五六七八九十";

/// `第四条…` → `第四条`.
fn article_prefix(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('第')?;
    let n = rest
        .char_indices()
        .take_while(|(_, c)| NUMERALS.contains(*c))
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    rest[n..]
        .starts_with('条')
        .then(|| &line[..'第'.len_utf8() + n + '条'.len_utf8()])
}

/// `第二章  申报与认定` → `第二章 申报与认定`.
fn chapter(line: &str) -> Option<String> {
    let rest = line.strip_prefix('第')?;
    let n: String = rest.chars().take_while(|c| NUMERALS.contains(*c)).collect();
    let after = rest[n.len()..].strip_prefix('章')?;
    if n.is_empty() {
        return None;
    }
    let title: String = after.chars().filter(|c| !c.is_whitespace()).collect();
    Some(format!("第{n}章 {title}"))
}

/// `（三）…` → `(三)`.
fn clause_prefix(line: &str) -> Option<String> {
    let rest = line.strip_prefix('（')?;
    let n: String = rest.chars().take_while(|c| NUMERALS.contains(*c)).collect();
    (!n.is_empty() && rest[n.len()..].starts_with('）')).then(|| format!("({n})"))
}

/// `一、发展定位和目标` (a section of the plan).
fn section_heading(line: &str) -> bool {
    let n = line.chars().take_while(|c| NUMERALS.contains(*c)).count();
    n > 0 && line.chars().nth(n) == Some('、') && line.chars().count() < 20
}

/// `1．申请报告…` → `1`.
fn item_prefix(line: &str) -> Option<char> {
    let mut cs = line.chars();
    let d = cs.next().filter(char::is_ascii_digit)?;
    matches!(cs.next(), Some('．' | '.')).then_some(d)
}

/// The notice's original text as article blocks: each document, its chapters and articles, the
/// clauses inside an article as its paragraphs (wrapped title lines joined, not numbered).
pub fn parse_notice(edition: &Edition, text: &str) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::new();
    let mut doc: Option<DocumentId> = None;
    let mut chap: Option<String> = None;
    let mut cover_title: Option<String> = None;
    let new = |out: &mut Vec<Article>,
               doc: Option<DocumentId>,
               chap: &Option<String>,
               key: &str,
               heading: String| {
        let anchor = format!(
            "art-{}-{}",
            doc.map(DocumentId::as_str).unwrap_or("notice"),
            out.len()
        );
        out.push(Article {
            anchor,
            doc,
            chapter: chap.clone(),
            key: key.to_string(),
            heading,
            clauses: Vec::new(),
        });
    };
    for line in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(d) = edition.documents.iter().find(|d| d.title.zh == line) {
            doc = Some(d.id);
            chap = None;
            new(&mut out, doc, &chap, "", String::new());
            continue;
        }
        if out.is_empty() {
            new(&mut out, None, &None, "", String::new());
        }
        if doc.is_none() {
            // The cover: the notice's title is wrapped over several lines; join them.
            if let Some(t) = cover_title.as_mut() {
                t.push_str(line);
                if line.ends_with("通知") {
                    let title = cover_title.take().unwrap_or_default();
                    push_clause(&mut out, None, title);
                }
                continue;
            }
            if line.starts_with("包头市人民政府办公室")
                && !line.contains('。')
                && out.last().is_some_and(|a| a.clauses.len() <= 1)
            {
                cover_title = Some(line.to_string());
                continue;
            }
            push_clause(&mut out, None, line.to_string());
            continue;
        }
        if line.starts_with("抄送") {
            doc = None;
            chap = None;
            new(&mut out, None, &None, "抄送", "抄送".into());
            push_clause(&mut out, None, line.to_string());
            continue;
        }
        if let Some(c) = chapter(line) {
            chap = Some(c);
            continue;
        }
        if let Some(a) = article_prefix(line) {
            new(&mut out, doc, &chap, a, a.to_string());
            let rest = line[a.len()..].trim();
            if !rest.is_empty() {
                push_clause(&mut out, None, rest.to_string());
            }
            continue;
        }
        if doc == Some(DocumentId::Plan) && section_heading(line) {
            new(&mut out, doc, &chap, line, line.to_string());
            continue;
        }
        if line.starts_with("本《方案》") || line.starts_with("本措施") {
            new(&mut out, doc, &chap, "末段", "末段".into());
            push_clause(&mut out, None, line.to_string());
            continue;
        }
        if let Some(c) = clause_prefix(line) {
            push_clause(&mut out, Some(c), line.to_string());
            continue;
        }
        if let Some(d) = item_prefix(line) {
            let parent = out
                .last()
                .and_then(|a| a.clauses.iter().rev().find_map(|c| c.key.clone()))
                .map(|k| k.chars().take_while(|c| *c != ')').collect::<String>() + ")")
                .unwrap_or_default();
            push_clause(&mut out, Some(format!("{parent}{d}")), line.to_string());
            continue;
        }
        push_clause(&mut out, None, line.to_string());
    }
    out.retain(|a| !a.clauses.is_empty() || !a.heading.is_empty());
    out
}

fn push_clause(out: &mut [Article], key: Option<String>, text: String) {
    if let Some(a) = out.last_mut() {
        a.clauses.push(Clause { key, text });
    }
}

fn use_key(u: SourceUse) -> Key {
    match u {
        SourceUse::Condition => Key::UseCondition,
        SourceUse::Measure => Key::UseMeasure,
        SourceUse::Cap => Key::UseCap,
        SourceUse::Material => Key::UseMaterial,
        SourceUse::Step => Key::UseStep,
        SourceUse::Format => Key::UseFormat,
        SourceUse::NonDup => Key::UseNonDup,
        SourceUse::Info => Key::UseInfo,
        SourceUse::Validity => Key::UseValidity,
    }
}

/// "本计算器用它：判断 集聚规模…；测算 …" for the sources citing (doc, article, clause): the
/// core's list of what cites that paragraph (`Edition::cited_at`), in words.
fn uses_line(
    l: Lang,
    uses: &[Cited<'_>],
    doc: Option<DocumentId>,
    article: &str,
    clause: Option<&str>,
) -> Option<(String, Vec<String>)> {
    let doc = doc?;
    let k = l.text_key();
    let mut by_use: BTreeMap<SourceUse, Vec<&str>> = BTreeMap::new();
    let mut ids = Vec::new();
    for c in Edition::cited_at(uses, doc, article, clause) {
        let labels = by_use.entry(c.used_as).or_default();
        let label = c.label.get(k);
        if !labels.contains(&label) {
            labels.push(label);
        }
        ids.push(c.id.clone());
    }
    if by_use.is_empty() {
        return None;
    }
    // Labels may hold 、 themselves: separate them with ；, and kinds of use with 。
    let (list_sep, part_sep) = match l {
        Lang::Zh => ("；", "。"),
        Lang::En => ("; ", "; also "),
    };
    let parts: Vec<String> = by_use
        .iter()
        .map(|(u, labels)| {
            format!(
                "{}{}{}",
                tr(l, use_key(*u)),
                colon(l),
                labels.join(list_sep)
            )
        })
        .collect();
    Some((parts.join(part_sep), ids))
}

/// `text` with every occurrence of `q` marked.
fn marked(text: &str, q: &str) -> Html {
    if q.is_empty() {
        return html! { { text.to_string() } };
    }
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(q) {
        parts.push(html! { { rest[..i].to_string() } });
        parts.push(html! { <mark>{ q.to_string() }</mark> });
        rest = &rest[i + q.len()..];
    }
    parts.push(html! { { rest.to_string() } });
    html! { { for parts } }
}

fn doc_title(e: &Edition, l: Lang, doc: Option<DocumentId>) -> String {
    match doc.and_then(|d| e.documents.iter().find(|x| x.id == d)) {
        Some(d) => d.title.get(l.text_key()).to_string(),
        None => tr(l, Key::TheNotice).to_string(),
    }
}

fn heading_of(l: Lang, a: &Article) -> String {
    match a.key.as_str() {
        "" => tr(l, Key::Preamble).to_string(),
        "末段" => tr(l, Key::ClosingParagraph).to_string(),
        "抄送" => tr(l, Key::CopiesTo).to_string(),
        _ => a.heading.clone(),
    }
}

fn article_browser(
    l: Lang,
    x: &Extras,
    query: &UseStateHandle<String>,
    list_ref: &NodeRef,
    on_sample: &Callback<&'static str>,
) -> Html {
    if x.articles.is_empty() {
        return html! { <p class="muted">{ tr(l, Key::NoFullText) }</p> };
    }
    let uses = x.edition.cited();
    let q = query.trim().to_string();
    let hits: Vec<&Article> = x
        .articles
        .iter()
        .filter(|a| {
            q.is_empty()
                || a.heading.contains(q.as_str())
                || a.clauses.iter().any(|c| c.text.contains(q.as_str()))
        })
        .collect();
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
        })
    };
    let jump = |anchor: String| {
        let list_ref = list_ref.clone();
        Callback::from(move |_| {
            let Some(list) = list_ref.cast::<Element>() else {
                return;
            };
            if let Ok(Some(el)) = list.query_selector(&format!("#{anchor}")) {
                el.scroll_into_view_with_bool(true);
                if let Ok(h) = el.dyn_into::<HtmlElement>() {
                    let _ = h.focus();
                }
            }
        })
    };
    // Contents: each document, its chapters, its articles.
    let mut docs: Vec<(Option<DocumentId>, Vec<&Article>)> = Vec::new();
    for a in &x.articles {
        match docs.last_mut() {
            Some((d, list)) if *d == a.doc => list.push(a),
            _ => docs.push((a.doc, vec![a])),
        }
    }
    let contents = html! {
        <nav class="article-contents" aria-label={tr(l, Key::Contents)}>
            <h4>{ tr(l, Key::Contents) }</h4>
            <ol>
            { for docs.iter().filter(|(d, _)| d.is_some()).map(|(d, list)| {
                let mut chapters: Vec<(Option<String>, Vec<&Article>)> = Vec::new();
                for a in list.iter().filter(|a| !a.key.is_empty()) {
                    match chapters.last_mut() {
                        Some((c, v)) if *c == a.chapter => v.push(a),
                        _ => chapters.push((a.chapter.clone(), vec![a])),
                    }
                }
                html! {
                    <li class="contents-doc">
                        <button type="button" class="contents-link doc-link" onclick={jump(list[0].anchor.clone())}>{ doc_title(&x.edition, l, *d) }</button>
                        { for chapters.iter().map(|(c, arts)| html! {
                            <div class="contents-chapter">
                                if let Some(c) = c { <span class="chapter-name">{ c.clone() }</span> }
                                <ul class="contents-articles">
                                { for arts.iter().map(|a| html! {
                                    <li><button type="button" class="contents-link" onclick={jump(a.anchor.clone())}>{ short_heading(l, a) }</button></li>
                                }) }
                                </ul>
                            </div>
                        }) }
                    </li>
                }
            }) }
            </ol>
        </nav>
    };
    let mut last_doc: Option<Option<DocumentId>> = None;
    let mut last_chapter: Option<String> = None;
    let blocks: Vec<Html> = hits
        .iter()
        .map(|a| {
            // The copies-to lines close the notice: no heading of their own.
            let doc_head = (last_doc != Some(a.doc) && a.key != "抄送").then(|| {
                last_chapter = None;
                html! { <h4 class="doc-heading" lang="zh-CN">{ doc_title(&x.edition, Lang::Zh, a.doc) }</h4> }
            });
            last_doc = Some(a.doc);
            let chap_head = (a.chapter.is_some() && a.chapter != last_chapter).then(|| {
                html! { <p class="chapter-heading" lang="zh-CN">{ a.chapter.clone().unwrap_or_default() }</p> }
            });
            last_chapter = a.chapter.clone();
            let whole = uses_line(l, &uses, a.doc, &a.key, None);
            let mut ids: Vec<String> = whole.as_ref().map(|w| w.1.clone()).unwrap_or_default();
            let clauses: Vec<Html> = a
                .clauses
                .iter()
                .map(|c| {
                    let used = c
                        .key
                        .as_deref()
                        .and_then(|k| uses_line(l, &uses, a.doc, &a.key, Some(k)));
                    if let Some((_, i)) = &used {
                        ids.extend(i.iter().cloned());
                    }
                    let show = used.as_ref().and_then(|(_, i)| {
                        let refs: Vec<&str> = i.iter().map(String::as_str).collect();
                        sample_for(&refs)
                    });
                    html! {
                        <div class="clause" data-clause={c.key.clone()} data-used={used.is_some().to_string()}>
                            <p class="clause-text" lang="zh-CN">{ marked(&c.text, &q) }</p>
                            if let Some((line, _)) = &used {
                                <p class="widget-use">{ tr(l, Key::WidgetUses) }{ line.clone() }</p>
                            }
                            if let Some(s) = show { { show_button(l, s, on_sample) } }
                        </div>
                    }
                })
                .collect();
            let article_show = whole.as_ref().and_then(|(_, i)| {
                let refs: Vec<&str> = i.iter().map(String::as_str).collect();
                sample_for(&refs)
            });
            html! {
                <>
                    { for doc_head }
                    { for chap_head }
                    <article class="article" id={a.anchor.clone()} tabindex="-1" data-doc={a.doc.map(DocumentId::as_str).unwrap_or("notice")} data-article={a.key.clone()} aria-label={format!("{} {}", doc_title(&x.edition, l, a.doc), heading_of(l, a))}>
                        <h5 class="article-heading" lang={if a.key.is_empty() || a.key == "末段" || a.key == "抄送" { l.tag() } else { "zh-CN" }}>{ marked(&heading_of(l, a), &q) }</h5>
                        { for clauses }
                        if let Some((line, _)) = &whole {
                            <p class="widget-use">{ tr(l, Key::WidgetUses) }{ line.clone() }</p>
                        }
                        if let Some(s) = article_show { { show_button(l, s, on_sample) } }
                    </article>
                </>
            }
        })
        .collect();
    html! {
        <div class="article-browser-body">
            <div class="article-search">
                <label for="hrs-article-search">{ tr(l, Key::SearchText) }</label>
                <input id="hrs-article-search" type="search" class="search" value={(**query).clone()} {oninput} />
                <p class="search-hits muted" role="status">
                    if q.is_empty() { { trf(l, Key::ArticleCount, &[("n", &x.articles.len().to_string())]) } }
                    else if hits.is_empty() { { trf(l, Key::SearchNone, &[("q", &q)]) } }
                    else { { trf(l, Key::SearchHits, &[("n", &hits.len().to_string()), ("q", &q)]) } }
                </p>
            </div>
            <div class="article-layout">
                { contents }
                <div class="articles" ref={list_ref.clone()}>{ for blocks }</div>
            </div>
        </div>
    }
}

fn short_heading(l: Lang, a: &Article) -> String {
    match a.key.as_str() {
        "末段" | "抄送" => heading_of(l, a),
        k => k
            .split('、')
            .next()
            .map(|n| {
                if k.contains('、') {
                    format!("{n}、")
                } else {
                    n.to_string()
                }
            })
            .unwrap_or_default(),
    }
}

fn show_button(l: Lang, s: &'static Sample, on_sample: &Callback<&'static str>) -> Html {
    let onclick = {
        let on_sample = on_sample.clone();
        let id = s.id;
        Callback::from(move |_| on_sample.emit(id))
    };
    html! {
        <button type="button" class="show-sample" data-show-sample={s.id} {onclick}>{ trf(l, Key::ShowSample, &[("sample", pick(l, s.title))]) }</button>
    }
}

// ---- self-test ---------------------------------------------------------------------------------

fn expected_verdict(l: Lang, want: &str) -> String {
    let (word, date) = want.split_once(':').unwrap_or((want, ""));
    let key = match word {
        "met" => Key::Met,
        "not_met" => Key::NotMet,
        "unknown" => Key::Unknown,
        "for_reviewers" => Key::ForReviewers,
        "eligible" => Key::Eligible,
        "not_eligible" => Key::NotEligible,
        "not_yet" if !date.is_empty() => return trf(l, Key::NotYet, &[("date", date)]),
        "not_yet" => Key::NotYetPlain,
        _ => return want.to_string(),
    };
    tr(l, key).to_string()
}

fn counting_word(l: Lang, c: &str) -> String {
    match c {
        "counted" => tr(l, Key::Counted).into(),
        "not_counted" => tr(l, Key::NotCounted).into(),
        "given_up" => tr(l, Key::GivenUpShort).into(),
        "already_received" => tr(l, Key::AlreadyReceived).into(),
        other => other.into(),
    }
}

fn yuan_range(l: Lang, min: &str, max: &str) -> String {
    use std::str::FromStr;
    match (
        rust_decimal::Decimal::from_str(min),
        rust_decimal::Decimal::from_str(max),
    ) {
        (Ok(a), Ok(b)) => money_range(l, &crate::engine::MoneyRange::new(a, b)),
        _ => format!("{min}–{max}"),
    }
}

/// The expected answers of a case, in words: `《管理办法》第四条（二） 不符合`.
fn expected_words(l: Lang, e: &Edition, c: &Case) -> Vec<String> {
    let k = l.text_key();
    let cite = |id: &str| {
        e.rule_source(id)
            .map(|(c, _)| c.in_words(k))
            .unwrap_or_else(|| id.to_string())
    };
    let label = |id: &str| {
        e.rule_source(id)
            .map(|(_, t)| t.get(k).to_string())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (id, want) in &c.expect.verdicts {
        out.push(format!(
            "{} {}{}{}",
            cite(id),
            label(id),
            colon(l),
            expected_verdict(l, want)
        ));
    }
    for (id, [min, max]) in &c.expect.amounts {
        out.push(format!(
            "{} {}{}{}",
            cite(id),
            label(id),
            colon(l),
            yuan_range(l, min, max)
        ));
    }
    for (id, want) in &c.expect.counting {
        out.push(format!(
            "{} {}{}{}",
            cite(id),
            label(id),
            colon(l),
            counting_word(l, want)
        ));
    }
    if let Some(f) = c.expect.in_force {
        out.push(
            tr(
                l,
                if f {
                    Key::ExpectInForce
                } else {
                    Key::ExpectNotInForce
                },
            )
            .to_string(),
        );
    }
    if let Some([min, max]) = &c.expect.organisation_grants {
        out.push(format!(
            "{}{}{}",
            tr(l, Key::GrantsTotal),
            colon(l),
            yuan_range(l, min, max)
        ));
    }
    out
}

/// Where a case belongs: the document and article of the first rule it expects something of.
fn case_group(e: &Edition, c: &Case) -> (DocumentId, String) {
    let first = c
        .expect
        .verdicts
        .keys()
        .chain(c.expect.amounts.keys())
        .chain(c.expect.counting.keys())
        .find_map(|id| e.rule_source(id));
    match first {
        Some((cite, _)) => (cite.document, cite.article.clone()),
        None if c.expect.organisation_grants.is_some() => {
            (DocumentId::Measures, "末段".to_string())
        }
        None => (
            e.validity_source.cite.document,
            e.validity_source.cite.article.clone(),
        ),
    }
}

/// An answer value in words.
fn value_words(l: Lang, v: &Value) -> String {
    match v {
        Value::Bool(true) => tr(l, Key::Yes).into(),
        Value::Bool(false) => tr(l, Key::No).into(),
        Value::Null => tr(l, Key::NotAnswered).into(),
        Value::String(s) if s.trim().is_empty() => tr(l, Key::Blank).into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) if o.get("dont_know") == Some(&Value::Bool(true)) => {
            tr(l, Key::DontKnow).into()
        }
        Value::Array(a) if a.is_empty() => tr(l, Key::Empty).into(),
        Value::Array(a) => a
            .iter()
            .map(|x| value_words(l, x))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(o) => o
            .iter()
            .map(|(k, v)| format!("{k} = {}", value_words(l, v)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// An answer path in words: `花名册 第 20 行 · 是否人力资源服务企业`.
fn path_words(l: Lang, e: &Edition, path: &str) -> String {
    let k = l.text_key();
    // `organisation.already_received["measures.4.top10"]` names a measure.
    if let Some((head, rest)) = path.split_once("[\"") {
        let id = rest.trim_end_matches("\"]");
        let what = e
            .question(head)
            .map(|q| q.label.get(k).to_string())
            .unwrap_or_else(|| head.to_string());
        let m = e
            .rule_source(id)
            .map(|(c, t)| format!("{} {}", c.in_words(k), t.get(k)))
            .unwrap_or_else(|| id.to_string());
        return format!("{what} · {m}");
    }
    if let Some((table, rest)) = path.split_once('[') {
        let (n, col) = rest.split_once(']').unwrap_or((rest, ""));
        let col = col.trim_start_matches('.');
        let tq = e.question(table);
        let t = tq
            .map(|q| q.label.get(k).to_string())
            .unwrap_or_else(|| table.to_string());
        let row = n.parse::<usize>().map(|i| i + 1).unwrap_or(0);
        let row = trf(l, Key::Row, &[("n", &row.to_string())]);
        if col.is_empty() {
            return format!("{t} · {row}");
        }
        let c = tq
            .and_then(|q| {
                q.columns
                    .iter()
                    .find(|c| c.path == col || c.path.ends_with(&format!(".{col}")))
            })
            .map(|q| q.label.get(k).to_string())
            .unwrap_or_else(|| col.to_string());
        return format!("{t} · {row} · {c}");
    }
    e.question(path)
        .map(|q| q.label.get(k).to_string())
        .unwrap_or_else(|| path.to_string())
}

fn base_words(l: Lang, base: &str) -> String {
    match base {
        "park_passes" => tr(l, Key::BaseParkPasses).into(),
        "organisation_all" => tr(l, Key::BaseOrgAll).into(),
        "organisation_empty" => tr(l, Key::BaseOrgEmpty).into(),
        other => other.into(),
    }
}

/// The cases of the file in the order `run_cases` reports them: each pair's pass and flip case,
/// then the other cases.
fn cases_in_order(file: &CaseFile) -> Vec<&Case> {
    let mut out: Vec<&Case> = Vec::new();
    for p in &file.pairs {
        out.push(&p.pass);
        out.push(&p.flip);
    }
    out.extend(file.cases.iter());
    out
}

/// Cases of one article: (document, article) and (index, case) in the file's order.
type CaseGroup<'a> = ((DocumentId, String), Vec<(usize, &'a Case)>);

fn self_test(l: Lang, e: &Edition, file: &CaseFile, results: &[CaseResult]) -> Html {
    let k = l.text_key();
    let cases = cases_in_order(file);
    // A result for another edition comes first when the file is not this edition's.
    let offset = results.len().saturating_sub(cases.len());
    let fail = results.iter().filter(|r| !r.passed).count();
    let n = results.len();
    let summary = if fail == 0 {
        trf(l, Key::SelfTestAllPass, &[("n", &n.to_string())])
    } else {
        trf(
            l,
            Key::SelfTestSomeFail,
            &[("n", &n.to_string()), ("fail", &fail.to_string())],
        )
    };
    // Group by document and article, in the order the documents appear in the edition.
    let mut groups: Vec<CaseGroup> = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let g = case_group(e, c);
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push((i, c)),
            None => groups.push((g, vec![(i, c)])),
        }
    }
    let doc_order = |d: DocumentId| e.documents.iter().position(|x| x.id == d).unwrap_or(9);
    groups.sort_by_key(|((d, a), _)| (doc_order(*d), article_number(a)));
    html! {
        <div class="self-test-results">
            <p class="self-test-summary" data-pass={(n - fail).to_string()} data-fail={fail.to_string()}>
                <span class={if fail == 0 { "badge met" } else { "badge not-met" }}>{ tr(l, if fail == 0 { Key::Pass } else { Key::Fail }) }</span>
                { " " }{ summary }
            </p>
            <p class="muted">{ tr(l, Key::SelfTestExplain) }</p>
            if offset > 0 {
                <ul class="cases">{ for results[..offset].iter().map(|r| html! { <li data-passed="false">{ &r.name }{ colon(l) }{ r.failures.join("; ") }</li> }) }</ul>
            }
            { for groups.iter().map(|((doc, article), list)| {
                let title = e.citation(*doc, article, None).in_words(k);
                let title = if article == "末段" { format!("{} {}", e.short_title(*doc, k), tr(l, Key::ClosingParagraph)) } else { title };
                let passed = list.iter().filter(|(i, _)| results.get(i + offset).is_some_and(|r| r.passed)).count();
                html! {
                    <section class="case-group" data-doc={doc.as_str()} data-article={article.clone()}>
                        <h4>{ title }{ " " }<span class="muted group-count">{ trf(l, Key::GroupCount, &[("pass", &passed.to_string()), ("n", &list.len().to_string())]) }</span></h4>
                        <ul class="cases">
                        { for list.iter().map(|(i, c)| {
                            let r = results.get(i + offset);
                            let ok = r.is_some_and(|r| r.passed);
                            let sentence = match l { Lang::Zh => c.name_zh.clone().unwrap_or_else(|| c.name.clone()), Lang::En => c.name.clone() };
                            let expected = expected_words(l, e, c);
                            html! {
                                <li class="case" data-passed={ok.to_string()}>
                                    <details>
                                        <summary>
                                            <span class={if ok { "badge met" } else { "badge not-met" }}>{ tr(l, if ok { Key::Pass } else { Key::Fail }) }</span>
                                            { " " }<span class="case-sentence" lang={if l == Lang::Zh && c.name_zh.is_none() { "en" } else { l.tag() }}>{ sentence }</span>
                                            <span class="case-expect">{ " → " }{ expected.join(if l == Lang::Zh { "；" } else { "; " }) }</span>
                                        </summary>
                                        <div class="case-inputs">
                                            <p><strong>{ tr(l, Key::CaseInputs) }{ colon(l) }</strong>{ base_words(l, &c.base) }</p>
                                            <ul>
                                                { for c.set.iter().map(|(p, v)| html! { <li>{ path_words(l, e, p) }{ colon(l) }<span class="value">{ value_words(l, v) }</span></li> }) }
                                                <li>{ tr(l, Key::AsOf) }{ colon(l) }{ c.as_of.unwrap_or(file.as_of).to_string() }</li>
                                            </ul>
                                            if let Some(r) = r.filter(|r| !r.passed) {
                                                <p class="field-error">{ r.failures.join("; ") }</p>
                                            }
                                        </div>
                                    </details>
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

/// `第十一条` → 11, for ordering groups as the law does.
fn article_number(a: &str) -> u32 {
    let digits: Vec<u32> = a
        .trim_start_matches('第')
        .chars()
        .take_while(|c| NUMERALS.contains(*c))
        .filter_map(|c| NUMERALS.chars().position(|x| x == c).map(|p| p as u32 + 1))
        .collect();
    match digits.as_slice() {
        [] => 99,
        [n] => *n,
        [10, n] => 10 + n,
        [t, 10] => t * 10,
        [t, 10, n] => t * 10 + n,
        _ => 98,
    }
}
