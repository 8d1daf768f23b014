//! 对比 / Compare: several answers sets (parks, or scenarios of one organisation) side by side.
//! Sets come from answers files, the current flow's answers, saved scenarios, or a workbook of
//! parks (read by the document module). The table is `engine::compare::compare`'s; this view
//! renders it and decides nothing. Scenarios live in localStorage next to the saved state, under
//! `<storage key>:scenarios`, versioned and recovered like it.

use std::rc::Rc;

use chrono::NaiveDate;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::i18n::{tr, trf, Key, Lang};
use super::io;
use super::state::{self, kind_id};
use crate::engine::answers::{Answers, AnswersKind};
use crate::engine::compare::{self, Cell, Comparison, RowKind, Tone, MAX_SETS};
use crate::engine::{MaterialState, Outcome, Verdict};
use crate::policy::{Edition, Source, Text};

fn t(l: Lang, x: &Text) -> String {
    x.get(l.text_key()).to_string()
}

fn both(key: Key, args: &[(&str, &str)]) -> Text {
    Text::new(trf(Lang::Zh, key, args), trf(Lang::En, key, args))
}

// ---- the sets ----------------------------------------------------------------------------------

/// One answers set on the board.
#[derive(Clone, PartialEq)]
struct Set {
    id: u32,
    name: String,
    /// Where it came from, in words: `文件 a.json`, `当前填写`, `方案 X`, `工作簿 f.xlsx · 工作表 S`.
    origin: Text,
    /// The answers, or why they cannot be read (naming the file and the field).
    answers: Result<Rc<Answers>, Text>,
}

#[derive(Clone, PartialEq, Default)]
struct Board {
    sets: Vec<Set>,
    next_id: u32,
    /// Bumped whenever the sets or their names change (the comparison is memoised on it).
    version: u32,
    kind: Option<AnswersKind>,
    sorted: bool,
    /// The open cell: row id and set id.
    open: Option<(String, u32)>,
    /// The two sets whose differences are shown.
    diff: Option<(u32, u32)>,
    messages: Vec<Text>,
}

enum BoardAction {
    Add(Vec<(String, Text, Result<Rc<Answers>, Text>)>),
    Remove(u32),
    Rename(u32, String),
    Kind(AnswersKind),
    Sort(bool),
    Open(Option<(String, u32)>),
    Diff(Option<(u32, u32)>),
    ClearMessages,
}

impl Reducible for Board {
    type Action = BoardAction;
    fn reduce(self: Rc<Self>, action: BoardAction) -> Rc<Self> {
        let mut b = (*self).clone();
        match action {
            BoardAction::Add(new) => {
                for (name, origin, answers) in new {
                    if b.sets.len() >= MAX_SETS {
                        b.messages.push(both(
                            Key::CompareTooMany,
                            &[("name", &name), ("max", &MAX_SETS.to_string())],
                        ));
                        continue;
                    }
                    if b.kind.is_none() {
                        b.kind = answers.as_ref().ok().map(|a| a.kind());
                    }
                    b.sets.push(Set {
                        id: b.next_id,
                        name,
                        origin,
                        answers,
                    });
                    b.next_id += 1;
                }
                b.version += 1;
            }
            BoardAction::Remove(id) => {
                b.sets.retain(|s| s.id != id);
                if b.open.as_ref().is_some_and(|(_, s)| *s == id) {
                    b.open = None;
                }
                if b.diff.is_some_and(|(x, y)| x == id || y == id) {
                    b.diff = None;
                }
                b.version += 1;
            }
            BoardAction::Rename(id, name) => {
                if let Some(s) = b.sets.iter_mut().find(|s| s.id == id) {
                    s.name = name;
                }
                b.version += 1;
            }
            BoardAction::Kind(k) => {
                b.kind = Some(k);
                b.open = None;
                b.diff = None;
            }
            BoardAction::Sort(on) => b.sorted = on,
            BoardAction::Open(o) => b.open = o,
            BoardAction::Diff(d) => b.diff = d,
            BoardAction::ClearMessages => b.messages.clear(),
        }
        Rc::new(b)
    }
}

/// The name a set gets: the park's or organisation's name if answered, else `fallback`.
fn set_name(a: &Answers, fallback: &str) -> String {
    let v = a.to_value();
    let k = kind_id(a.kind());
    v.get(k)
        .and_then(|x| x.get("name"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| fallback.to_string())
}

/// An answers file's text → a set (or the reason it cannot be read, naming file and field).
fn set_from_json(file: &str, text: &str) -> (String, Text, Result<Rc<Answers>, Text>) {
    let origin = both(Key::CompareFromFile, &[("name", file)]);
    match Answers::from_json(text) {
        Ok(a) => (set_name(&a, file), origin, Ok(Rc::new(a))),
        Err(e) => {
            let field = if e.path.is_empty() {
                "—".to_string()
            } else {
                e.path.clone()
            };
            let why = both(
                Key::CompareUnreadable,
                &[("name", file), ("field", &field), ("why", &e.message)],
            );
            (file.to_string(), origin, Err(why))
        }
    }
}

// ---- scenarios in localStorage --------------------------------------------------------------

const SCENARIOS_FORMAT: &str = "hrs-widget-scenarios";
const SCENARIOS_VERSION: u64 = 1;

/// A saved scenario: a named answers file.
#[derive(Clone, PartialEq, Debug)]
pub struct Scenario {
    pub name: String,
    pub saved_on: String,
    pub answers: Value,
    pub kind: AnswersKind,
}

/// What was read from storage.
#[derive(Clone, PartialEq, Default, Debug)]
pub struct Scenarios {
    pub list: Vec<Scenario>,
    /// Entries that could not be read at all: kept verbatim and written back, so nothing is lost.
    pub kept: Vec<Value>,
    /// What happened while reading (recovered fields, kept entries, a backup made).
    pub messages: Vec<Text>,
    /// False when the record is of a newer version: it is shown but never overwritten.
    pub writable: bool,
}

fn scenarios_key(key: &str) -> String {
    format!("{key}:scenarios")
}

/// Reads the scenarios record. A record that is not readable at all is copied to
/// `<key>:scenarios:corrupt` before anything new is written (nothing is lost).
pub fn read_scenarios(text: &str) -> (Scenarios, bool) {
    let mut out = Scenarios {
        writable: true,
        ..Default::default()
    };
    let v: Value = match serde_json::from_str::<Value>(text) {
        Ok(v) if v.get("format").and_then(Value::as_str) == Some(SCENARIOS_FORMAT) => v,
        _ => {
            out.messages.push(both(Key::ScenariosCorrupt, &[]));
            return (out, true);
        }
    };
    let version = v.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > SCENARIOS_VERSION {
        out.writable = false;
        out.messages.push(both(Key::ScenariosNewer, &[]));
    }
    let entries = v
        .get("scenarios")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, entry) in entries.into_iter().enumerate() {
        let name = entry
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| format!("#{}", i + 1));
        let kind = match entry
            .get("answers")
            .and_then(|a| a.get("kind"))
            .and_then(Value::as_str)
        {
            Some("park") => Some(AnswersKind::Park),
            Some("organisation") => Some(AnswersKind::Organisation),
            _ => None,
        };
        let (Some(kind), Some(answers)) = (kind, entry.get("answers").cloned()) else {
            out.messages
                .push(both(Key::ScenarioKept, &[("name", &name)]));
            out.kept.push(entry);
            continue;
        };
        let (recovered, dropped) = state::recover_answers(answers, kind);
        if !dropped.is_empty() {
            out.messages
                .push(both(Key::ScenarioRecovered, &[("name", &name)]));
            out.messages.extend(dropped);
        }
        out.list.push(Scenario {
            name,
            saved_on: entry
                .get("saved_on")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            answers: recovered.to_value(),
            kind,
        });
    }
    (out, false)
}

pub fn scenarios_text(s: &Scenarios) -> String {
    let mut list: Vec<Value> = s
        .list
        .iter()
        .map(|x| json!({ "name": x.name, "saved_on": x.saved_on, "answers": x.answers }))
        .collect();
    list.extend(s.kept.iter().cloned());
    json!({ "format": SCENARIOS_FORMAT, "version": SCENARIOS_VERSION, "scenarios": list })
        .to_string()
}

/// Loads the scenarios of this widget; a corrupt record is backed up first.
fn load_scenarios(key: &str) -> Scenarios {
    let k = scenarios_key(key);
    match io::load(&k) {
        Ok(Some(text)) => {
            let (s, corrupt) = read_scenarios(&text);
            if corrupt {
                let backup = format!("{k}:corrupt");
                // Never overwrite an earlier backup: the first corrupt copy stays.
                if !matches!(io::load(&backup), Ok(Some(_))) {
                    let _ = io::save(&backup, &text);
                }
                let _ = io::save(&k, &scenarios_text(&s));
            }
            s
        }
        Ok(None) => Scenarios {
            writable: true,
            ..Default::default()
        },
        Err(_) => Scenarios {
            writable: false,
            messages: vec![both(Key::StorageOff, &[])],
            ..Default::default()
        },
    }
}

/// Saves `answers` as a new scenario named `name` (a taken name gets ` (2)`, ` (3)` …: nothing
/// saved before is replaced). Returns the name used.
fn save_scenario(key: &str, name: &str, answers: Value, today: NaiveDate) -> Result<String, Text> {
    let mut s = load_scenarios(key);
    if !s.writable {
        return Err(both(Key::ScenariosNewer, &[]));
    }
    let base = name.trim();
    let base = if base.is_empty() { "方案" } else { base };
    let mut name = base.to_string();
    let mut n = 2;
    while s.list.iter().any(|x| x.name == name) {
        name = format!("{base} ({n})");
        n += 1;
    }
    let kind = if answers.get("kind").and_then(Value::as_str) == Some("park") {
        AnswersKind::Park
    } else {
        AnswersKind::Organisation
    };
    s.list.push(Scenario {
        name: name.clone(),
        saved_on: today.to_string(),
        answers,
        kind,
    });
    io::save(&scenarios_key(key), &scenarios_text(&s)).map_err(|p| {
        both(
            match p {
                io::StorageProblem::Full => Key::StorageFull,
                io::StorageProblem::Unavailable => Key::StorageOff,
            },
            &[],
        )
    })?;
    Ok(name)
}

fn delete_scenario(key: &str, name: &str) -> Scenarios {
    let mut s = load_scenarios(key);
    if s.writable {
        s.list.retain(|x| x.name != name);
        let _ = io::save(&scenarios_key(key), &scenarios_text(&s));
    }
    s
}

// ---- 另存为方案 (in the wizard) ---------------------------------------------------------------

#[derive(Properties, PartialEq, Clone)]
pub struct SaveScenarioProps {
    pub lang: Lang,
    pub answers: Rc<Value>,
    pub storage_key: Option<AttrValue>,
    pub today: NaiveDate,
}

/// "另存为方案": the current answers saved under a name, to compare later.
#[function_component(SaveScenario)]
pub fn save_scenario_view(p: &SaveScenarioProps) -> Html {
    let l = p.lang;
    let name = use_state(String::new);
    let said = use_state(|| None::<Result<String, Text>>);
    let on_input = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            name.set(input.value());
        })
    };
    let on_save = {
        let (name, said, key, answers, today) = (
            name.clone(),
            said.clone(),
            p.storage_key.clone(),
            p.answers.clone(),
            p.today,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(key) = key.as_ref() else {
                said.set(Some(Err(both(Key::StorageOff, &[]))));
                return;
            };
            said.set(Some(save_scenario(key, &name, (*answers).clone(), today)));
        })
    };
    html! {
        <form class="save-scenario no-print" onsubmit={on_save}>
            <label for="hrs-scenario-name">{ tr(l, Key::ScenarioName) }</label>
            <input id="hrs-scenario-name" type="text" maxlength="80" value={(*name).clone()} oninput={on_input} />
            <button type="submit" data-action="save-scenario">{ tr(l, Key::SaveAsScenario) }</button>
            { match &*said {
                Some(Ok(n)) => html! { <p role="status" class="saved">{ trf(l, Key::ScenarioSaved, &[("name", n)]) }</p> },
                Some(Err(e)) => html! { <p role="alert" class="field-error">{ t(l, e) }</p> },
                None => html! {},
            } }
        </form>
    }
}

// ---- the comparison view ------------------------------------------------------------------------

#[derive(Properties, Clone)]
pub struct CompareProps {
    pub lang: Lang,
    pub edition: Rc<Edition>,
    pub as_of: NaiveDate,
    /// The current flows' answers ("当前填写").
    pub park: Rc<Value>,
    pub organisation: Rc<Value>,
    pub storage_key: Option<AttrValue>,
    pub load_docs: Option<js_sys::Function>,
    pub on_home: Callback<()>,
}

impl PartialEq for CompareProps {
    fn eq(&self, o: &Self) -> bool {
        self.lang == o.lang
            && Rc::ptr_eq(&self.edition, &o.edition)
            && self.as_of == o.as_of
            && Rc::ptr_eq(&self.park, &o.park)
            && Rc::ptr_eq(&self.organisation, &o.organisation)
            && self.storage_key == o.storage_key
            && self.on_home == o.on_home
    }
}

/// The comparison of the readable sets of the board's kind, with the set id of each column.
struct Table {
    cmp: Comparison,
    ids: Vec<u32>,
}

/// The XLSX export's request (read by `docs_wasm::compare_xlsx`).
fn export_request(kind: AnswersKind, board: &Board, order: &[u32]) -> String {
    let sets: Vec<Value> = order
        .iter()
        .filter_map(|id| board.sets.iter().find(|s| s.id == *id))
        .filter_map(|s| {
            let a = s.answers.as_ref().ok()?;
            Some(json!({ "name": s.name, "answers": a.to_value() }))
        })
        .collect();
    let unreadable: Vec<Value> = board
        .sets
        .iter()
        .filter_map(|s| match &s.answers {
            Err(e) => Some(json!({ "name": s.name, "zh": e.zh, "en": e.en })),
            Ok(a) if a.kind() != kind => Some(json!({ "name": s.name,
                "zh": format!("答卷类型不同（kind = {}）", kind_id(a.kind())),
                "en": format!("another kind of answers (kind = {})", kind_id(a.kind())) })),
            Ok(_) => None,
        })
        .collect();
    json!({ "kind": kind_id(kind), "sets": sets, "unreadable": unreadable }).to_string()
}

/// The files chosen in a file input, read.
async fn read_files(input: &HtmlInputElement) -> Vec<(String, Result<Vec<u8>, String>)> {
    let mut out = Vec::new();
    let Some(list) = input.files() else {
        return out;
    };
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .map(|b| js_sys::Uint8Array::new(&b).to_vec())
            .map_err(|e| io::js_error_text(&e));
        out.push((file.name(), bytes));
    }
    out
}

fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || [".xlsx", ".xls", ".ods", ".xlsm"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// What `import_parks_workbook` returns (see `docs_wasm`).
#[derive(serde::Deserialize)]
struct WorkbookSets {
    #[serde(default)]
    sets: Vec<WorkbookSet>,
}

#[derive(serde::Deserialize)]
struct WorkbookSet {
    name: String,
    place: Text,
    #[serde(default)]
    answers: Option<Value>,
    #[serde(default)]
    error: Option<Text>,
}

/// Reads the chosen files into sets: answers files directly, workbooks through the document
/// module. Each unreadable file becomes a set with its message; the others are unaffected.
async fn import_files(
    files: Vec<(String, Result<Vec<u8>, String>)>,
    loader: Option<js_sys::Function>,
) -> Vec<(String, Text, Result<Rc<Answers>, Text>)> {
    let mut out = Vec::new();
    for (name, bytes) in files {
        let origin = both(Key::CompareFromFile, &[("name", &name)]);
        let bytes = match bytes {
            Ok(b) => b,
            Err(why) => {
                let e = both(
                    Key::CompareUnreadable,
                    &[("name", &name), ("field", "—"), ("why", &why)],
                );
                out.push((name, origin, Err(e)));
                continue;
            }
        };
        if !is_workbook(&name, &bytes) {
            let text = String::from_utf8_lossy(&bytes);
            out.push(set_from_json(&name, &text));
            continue;
        }
        let result: Result<WorkbookSets, String> = async {
            let loader = loader
                .clone()
                .ok_or_else(|| "document module unavailable".to_string())?;
            let module = io::docs_module(&loader)
                .await
                .map_err(|e| io::js_error_text(&e))?;
            let v = io::call_async(
                &module,
                "import_parks_workbook",
                &[
                    js_sys::Uint8Array::from(&bytes[..]).into(),
                    JsValue::from_str(&name),
                ],
            )
            .await
            .map_err(|e| io::js_error_text(&e))?;
            serde_json::from_str(&v.as_string().unwrap_or_default()).map_err(|e| e.to_string())
        }
        .await;
        match result {
            Ok(wb) => {
                for s in wb.sets {
                    let origin = both(
                        Key::CompareFromWorkbook,
                        &[("name", &name), ("place", &s.place.zh)],
                    );
                    let origin = Text::new(
                        origin.zh,
                        trf(
                            Lang::En,
                            Key::CompareFromWorkbook,
                            &[("name", &name), ("place", &s.place.en)],
                        ),
                    );
                    let answers = match (s.answers, s.error) {
                        (_, Some(e)) => Err(e),
                        (Some(v), None) => Answers::from_value(v).map(Rc::new).map_err(|e| {
                            both(
                                Key::CompareUnreadable,
                                &[("name", &name), ("field", &e.path), ("why", &e.message)],
                            )
                        }),
                        (None, None) => Err(both(
                            Key::CompareUnreadable,
                            &[("name", &name), ("field", "—"), ("why", "")],
                        )),
                    };
                    out.push((s.name, origin, answers));
                }
            }
            Err(why) => {
                let e = both(
                    Key::CompareUnreadable,
                    &[("name", &name), ("field", "—"), ("why", &why)],
                );
                out.push((name.clone(), origin, Err(e)));
            }
        }
    }
    out
}

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "badge met",
        Tone::Bad => "badge not-met",
        Tone::Open => "badge unknown",
        Tone::Review => "badge review",
    }
}

fn cell_badge(l: Lang, c: &Cell) -> Html {
    html! { <span class={tone_class(c.state.tone())} data-state={c.state.id()}>{ t(l, &c.state.words()) }</span> }
}

fn source_block(l: Lang, s: &Source) -> Html {
    html! {
        <div class="compare-cite">
            <p><strong>{ tr(l, Key::Citation) }{ "：" }</strong><span class="cite">{ s.cite.in_words(l.text_key()) }</span></p>
            <blockquote lang="zh-CN" class="original">{ &s.original }</blockquote>
        </div>
    }
}

fn verdict_words(l: Lang, v: &Verdict) -> String {
    t(l, &compare::CellState::Verdict(*v).words())
}

/// The open cell: the verdict, why, what it would take, and the law, for that set.
fn detail_view(
    l: Lang,
    row_id: &str,
    set_name: &str,
    o: &Outcome,
    on_close: Callback<MouseEvent>,
) -> Html {
    let mut body: Vec<Html> = Vec::new();
    let cond_line = |c: &crate::engine::ConditionOutcome| {
        html! {
            <li data-rule={c.id.clone()}>
                <span class={tone_class(compare::CellState::Verdict(c.verdict).tone())}>{ verdict_words(l, &c.verdict) }</span>
                { " " }<strong>{ t(l, &c.label) }</strong>{ "：" }{ t(l, &c.reason) }
                if let Some(g) = &c.gap { <p class="gap"><strong>{ tr(l, Key::WhatItTakes) }{ "：" }</strong>{ t(l, &g.text) }</p> }
            </li>
        }
    };
    let mut title = String::new();
    if let Some(p) = &o.park {
        if row_id == "park.materials" {
            title = tr(l, Key::Materials).to_string();
            body.push(html! { <ul>{ for p.materials.iter().map(|m| html! {
                <li>{ match m.status { MaterialState::Ready => tr(l, Key::Ready), MaterialState::Missing => tr(l, Key::Missing), MaterialState::NotAnswered => tr(l, Key::NotConfirmed) } }{ " · " }{ t(l, &m.label) }</li>
            }) }</ul> });
            if let Some(m) = p.materials.first() {
                body.push(source_block(l, &m.source));
            }
        } else if row_id == "headline" {
            title = tr(l, Key::CompareHeadline).to_string();
            body.push(html! { <ul class="detail-conditions">{ for p.conditions.iter().filter(|c| c.gap.is_some()).map(cond_line) }</ul> });
        } else if let Some(c) = p.conditions.iter().find(|c| c.id == row_id) {
            title = t(l, &c.label);
            body.push(html! { <ul class="detail-conditions">{ cond_line(c) }</ul> });
            body.push(source_block(l, &c.source));
        }
    }
    if let Some(org) = &o.organisation {
        if row_id == "headline" {
            title = tr(l, Key::CompareHeadline).to_string();
            body.push(html! { <ul>{ for org.totals.iter().map(|tot| html! {
                <li>{ t(l, &compare::range_text(&tot.eligible, tot.kind)) }{ " · " }{ format!("{:?} / {:?}", tot.recipient, tot.kind).to_lowercase() }</li>
            }) }</ul> });
        } else if let Some(m) = org.measures.iter().find(|m| m.id == row_id) {
            title = format!("{} {}", m.source.cite.article, t(l, &m.label));
            body.push(html! { <ul class="detail-conditions">{ for m.conditions.iter().map(cond_line) }</ul> });
            if let Some(a) = &m.amount {
                body.push(html! { <p class="note">{ t(l, &a.note) }</p> });
            }
            body.push(source_block(l, &m.source));
        }
    }
    html! {
        <section class="compare-detail" aria-labelledby="hrs-compare-detail-title" data-row={row_id.to_string()}>
            <h3 id="hrs-compare-detail-title" tabindex="-1">{ set_name.to_string() }{ " — " }{ title }</h3>
            { for body }
            <button type="button" class="close-detail" onclick={on_close}>{ tr(l, Key::Close) }</button>
        </section>
    }
}

fn answer_text(l: Lang, v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => tr(l, Key::NotAnsweredShort).to_string(),
        Some(Value::Bool(true)) => tr(l, Key::Yes).to_string(),
        Some(Value::Bool(false)) => tr(l, Key::No).to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => format!("{} ×", a.len()),
        Some(Value::Object(o)) if o.contains_key("dont_know") => {
            tr(l, Key::DontKnowShort).to_string()
        }
        Some(other) => other.to_string(),
    }
}

/// 差异: which answers differ between two sets, and which results they change.
fn diff_view(l: Lang, e: &Edition, table: &Table, board: &Board, a: u32, b: u32) -> Html {
    let (Some(ia), Some(ib)) = (
        table.ids.iter().position(|x| *x == a),
        table.ids.iter().position(|x| *x == b),
    ) else {
        return html! {};
    };
    let name = |id: u32| {
        board
            .sets
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    let va = board
        .sets
        .iter()
        .find(|s| s.id == a)
        .and_then(|s| s.answers.as_ref().ok())
        .map(|x| x.to_value());
    let vb = board
        .sets
        .iter()
        .find(|s| s.id == b)
        .and_then(|s| s.answers.as_ref().ok())
        .map(|x| x.to_value());
    let (Some(va), Some(vb)) = (va, vb) else {
        return html! {};
    };
    let changes = compare::answer_changes(&va, &vb);
    let changed = compare::changed_rows(&table.cmp, ia, ib);
    let row_label = |id: &str| {
        table
            .cmp
            .rows
            .iter()
            .find(|r| id == r.id || id.starts_with(&format!("{}.", r.id)))
    };
    html! {
        <section class="compare-diff" aria-labelledby="hrs-compare-diff-title">
            <h3 id="hrs-compare-diff-title">{ trf(l, Key::DiffTitle, &[("a", &name(a)), ("b", &name(b))]) }</h3>
            <h4>{ tr(l, Key::DiffAnswers) }</h4>
            if changes.is_empty() { <p>{ tr(l, Key::DiffNone) }</p> }
            <ul class="diff-answers">{ for changes.iter().map(|path| {
                let q = e.question(&compare::question_path(path));
                let label = q.map(|q| t(l, &q.label)).unwrap_or_else(|| path.clone());
                let affects: Vec<String> = e.rules_using(&compare::question_path(path)).iter()
                    .filter_map(|id| row_label(id))
                    .filter(|r| changed.iter().any(|c| c.id == r.id))
                    .map(|r| t(l, &r.label))
                    .collect();
                html! {
                    <li data-path={path.clone()}>
                        <strong>{ label }</strong>{ "：" }{ answer_text(l, state::get_path(&va, path)) }{ " → " }{ answer_text(l, state::get_path(&vb, path)) }
                        if !affects.is_empty() { <span class="affects">{ " · " }{ tr(l, Key::DiffAffects) }{ "：" }{ affects.join("、") }</span> }
                    </li>
                }
            }) }</ul>
            <h4>{ tr(l, Key::DiffResults) }</h4>
            if changed.is_empty() { <p>{ tr(l, Key::DiffNone) }</p> }
            <ul class="diff-results">{ for changed.iter().map(|r| html! {
                <li data-row={r.id.clone()}>
                    <strong>{ t(l, &r.label) }</strong>{ "：" }
                    { cell_badge(l, &r.cells[ia]) }{ " " }{ r.cells[ia].figure.as_ref().map(|f| t(l, f)).unwrap_or_default() }
                    { " → " }
                    { cell_badge(l, &r.cells[ib]) }{ " " }{ r.cells[ib].figure.as_ref().map(|f| t(l, f)).unwrap_or_default() }
                </li>
            }) }</ul>
        </section>
    }
}

/// Prints the page in A4 landscape: an `@page` rule must be in the document (a shadow root's
/// is ignored), so a constructed stylesheet is adopted for the print and dropped after it
/// (constructed sheets need no inline style, so a strict CSP allows them).
fn print_landscape() {
    let Some(w) = web_sys::window() else { return };
    let Some(doc) = w.document() else { return };
    let added: Option<JsValue> = (|| {
        let ctor: js_sys::Function = js_sys::Reflect::get(&w, &"CSSStyleSheet".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let sheet = js_sys::Reflect::construct(&ctor, &js_sys::Array::new()).ok()?;
        let replace: js_sys::Function = js_sys::Reflect::get(&sheet, &"replaceSync".into())
            .ok()?
            .dyn_into()
            .ok()?;
        replace
            .call1(
                &sheet,
                &"@page { size: A4 landscape; margin: 12mm 10mm; }".into(),
            )
            .ok()?;
        let list = js_sys::Reflect::get(&doc, &"adoptedStyleSheets".into()).ok()?;
        let list: js_sys::Array = js_sys::Array::from(&list);
        list.push(&sheet);
        js_sys::Reflect::set(&doc, &"adoptedStyleSheets".into(), &list).ok()?;
        Some(sheet)
    })();
    let _ = w.print();
    if let Some(sheet) = added {
        if let Ok(list) = js_sys::Reflect::get(&doc, &"adoptedStyleSheets".into()) {
            let kept: js_sys::Array = js_sys::Array::from(&list)
                .iter()
                .filter(|s| s != &sheet)
                .collect();
            let _ = js_sys::Reflect::set(&doc, &"adoptedStyleSheets".into(), &kept);
        }
    }
}

#[function_component(Compare)]
pub fn compare_view(p: &CompareProps) -> Html {
    let l = p.lang;
    let board = use_reducer(Board::default);
    let scenarios = {
        let key = p.storage_key.clone();
        use_state(move || key.as_deref().map(load_scenarios).unwrap_or_default())
    };
    let busy = use_state(|| false);
    let export_error = use_state(|| None::<String>);
    let node = use_node_ref();
    let kind = board.kind.unwrap_or(AnswersKind::Park);

    let table: Rc<Table> = {
        let board = board.clone();
        let edition = p.edition.clone();
        use_memo((board.version, kind, p.as_of), move |(_, kind, as_of)| {
            let readable: Vec<(String, Rc<Answers>, u32)> = board
                .sets
                .iter()
                .filter_map(|s| Some((s.name.clone(), s.answers.as_ref().ok()?.clone(), s.id)))
                .filter(|(_, a, _)| a.kind() == *kind)
                .collect();
            let sets: Vec<(String, &Answers)> =
                readable.iter().map(|(n, a, _)| (n.clone(), &**a)).collect();
            Table {
                cmp: compare::compare(&edition, *kind, &sets, *as_of),
                ids: readable.iter().map(|(_, _, id)| *id).collect(),
            }
        })
    };
    let order: Vec<usize> = if board.sorted {
        compare::order_by_unmet(&table.cmp)
    } else {
        (0..table.cmp.columns.len()).collect()
    };

    let on_files = {
        let board = board.dispatcher();
        let loader = p.load_docs.clone();
        let busy = busy.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (board, loader, busy) = (board.clone(), loader.clone(), busy.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                let files = read_files(&input).await;
                input.set_value("");
                let sets = import_files(files, loader).await;
                board.dispatch(BoardAction::Add(sets));
                busy.set(false);
            });
        })
    };
    let add_current = {
        let board = board.dispatcher();
        let json = match kind {
            AnswersKind::Park => p.park.clone(),
            AnswersKind::Organisation => p.organisation.clone(),
        };
        Callback::from(move |_| {
            let label = tr(Lang::Zh, Key::CompareCurrent);
            let origin = both(Key::CompareCurrent, &[]);
            let set = match Answers::from_value((*json).clone()) {
                Ok(a) => (set_name(&a, label), origin, Ok(Rc::new(a))),
                Err(e) => (
                    label.to_string(),
                    origin,
                    Err(both(
                        Key::CompareUnreadable,
                        &[("name", label), ("field", &e.path), ("why", &e.message)],
                    )),
                ),
            };
            board.dispatch(BoardAction::Add(vec![set]));
        })
    };
    let add_scenario = |s: &Scenario| {
        let board = board.dispatcher();
        let s = s.clone();
        Callback::from(move |_| {
            let origin = both(Key::CompareFromScenario, &[("name", &s.name)]);
            let answers = Answers::from_value(s.answers.clone())
                .map(Rc::new)
                .map_err(|e| {
                    both(
                        Key::CompareUnreadable,
                        &[("name", &s.name), ("field", &e.path), ("why", &e.message)],
                    )
                });
            board.dispatch(BoardAction::Add(vec![(s.name.clone(), origin, answers)]));
        })
    };
    let del_scenario = |s: &Scenario| {
        let scenarios = scenarios.clone();
        let key = p.storage_key.clone();
        let name = s.name.clone();
        Callback::from(move |_| {
            if let Some(k) = key.as_ref() {
                scenarios.set(delete_scenario(k, &name));
            }
        })
    };
    let on_kind = |k: AnswersKind| {
        let board = board.dispatcher();
        Callback::from(move |_| board.dispatch(BoardAction::Kind(k)))
    };
    let on_sort = {
        let on = board.sorted;
        let board = board.dispatcher();
        Callback::from(move |_| board.dispatch(BoardAction::Sort(!on)))
    };
    let on_export = {
        let (busy, err, node) = (busy.clone(), export_error.clone(), node.clone());
        let loader = p.load_docs.clone();
        let req = export_request(
            kind,
            &board,
            &order
                .iter()
                .filter_map(|i| table.ids.get(*i).copied())
                .collect::<Vec<_>>(),
        );
        let as_of = p.as_of.to_string();
        Callback::from(move |_| {
            let (Some(loader), Some(el)) = (loader.clone(), node.cast::<web_sys::Element>()) else {
                err.set(Some("document module unavailable / 文档模块不可用".into()));
                return;
            };
            let (busy, err, req, as_of) = (busy.clone(), err.clone(), req.clone(), as_of.clone());
            busy.set(true);
            err.set(None);
            yew::platform::spawn_local(async move {
                let r: Result<(), JsValue> = async {
                    let module = io::docs_module(&loader).await?;
                    let out = io::call_async(
                        &module,
                        "compare_xlsx",
                        &[JsValue::from_str(&req), JsValue::from_str(&as_of)],
                    )
                    .await?;
                    let bytes = js_sys::Uint8Array::new(&out).to_vec();
                    io::download(
                        &el,
                        &format!("对比-{as_of}.xlsx"),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        &bytes,
                    )
                }
                .await;
                busy.set(false);
                if let Err(e) = r {
                    err.set(Some(io::js_error_text(&e)));
                }
            });
        })
    };
    let on_template = {
        let (err, node) = (export_error.clone(), node.clone());
        let loader = p.load_docs.clone();
        Callback::from(move |_| {
            let (Some(loader), Some(el)) = (loader.clone(), node.cast::<web_sys::Element>()) else {
                return;
            };
            let err = err.clone();
            yew::platform::spawn_local(async move {
                let r: Result<(), JsValue> = async {
                    let module = io::docs_module(&loader).await?;
                    let out = io::call_async(&module, "parks_workbook_template", &[]).await?;
                    let bytes = js_sys::Uint8Array::new(&out).to_vec();
                    io::download(
                        &el,
                        "园区对比工作簿模板.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        &bytes,
                    )
                }
                .await;
                if let Err(e) = r {
                    err.set(Some(io::js_error_text(&e)));
                }
            });
        })
    };
    let on_print = Callback::from(|_| print_landscape());
    let home = {
        let h = p.on_home.clone();
        Callback::from(move |_| h.emit(()))
    };
    let dismiss = {
        let board = board.dispatcher();
        Callback::from(move |_| board.dispatch(BoardAction::ClearMessages))
    };

    // The diff pair: the two sets chosen (default: the first two columns).
    let diff_select = |first: bool| {
        let board_d = board.dispatcher();
        let current = board.diff;
        let ids = table.ids.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let Ok(id) = sel.value().parse::<u32>() else {
                return;
            };
            let (a, b) = current.unwrap_or((
                ids.first().copied().unwrap_or(0),
                ids.get(1).copied().unwrap_or(0),
            ));
            board_d.dispatch(BoardAction::Diff(Some(if first {
                (id, b)
            } else {
                (a, id)
            })));
        })
    };
    let show_diff = {
        let board_d = board.dispatcher();
        let current = board.diff;
        let ids = table.ids.clone();
        Callback::from(move |_| {
            if current.is_some() {
                board_d.dispatch(BoardAction::Diff(None));
            } else if ids.len() >= 2 {
                board_d.dispatch(BoardAction::Diff(Some((ids[0], ids[1]))));
            }
        })
    };

    let cmp = &table.cmp;
    let excluded: Vec<&Set> = board
        .sets
        .iter()
        .filter(|s| !matches!(&s.answers, Ok(a) if a.kind() == kind))
        .collect();
    let kind_label = |k: AnswersKind| {
        tr(
            l,
            if k == AnswersKind::Park {
                Key::CompareParks
            } else {
                Key::CompareOrgs
            },
        )
    };
    let open_detail = board.open.as_ref().and_then(|(row, id)| {
        let col = table.ids.iter().position(|x| x == id)?;
        let c = cmp.columns.get(col)?;
        let close = {
            let board = board.dispatcher();
            Callback::from(move |_| board.dispatch(BoardAction::Open(None)))
        };
        Some(detail_view(l, row, &c.name, &c.outcome, close))
    });
    let relevant_scenarios: Vec<&Scenario> = scenarios.list.iter().collect();

    html! {
        <section class="compare" aria-labelledby="hrs-compare-title" data-kind={kind_id(kind)} ref={node.clone()}>
            <h2 id="hrs-compare-title">{ tr(l, Key::CompareTitle) }</h2>
            <p class="muted">{ tr(l, Key::CompareHelp) }</p>
            <div class="toolbar no-print" role="group" aria-label={tr(l, Key::CompareKind)}>
                <button type="button" data-kind="park" aria-pressed={(kind == AnswersKind::Park).to_string()} onclick={on_kind(AnswersKind::Park)}>{ kind_label(AnswersKind::Park) }</button>
                <button type="button" data-kind="organisation" aria-pressed={(kind == AnswersKind::Organisation).to_string()} onclick={on_kind(AnswersKind::Organisation)}>{ kind_label(AnswersKind::Organisation) }</button>
            </div>
            <div class="compare-add no-print">
                <h3>{ tr(l, Key::CompareAdd) }</h3>
                <div class="toolbar">
                    <label class="file-button">
                        { if *busy { tr(l, Key::Working) } else { tr(l, Key::CompareImport) } }
                        <input type="file" multiple=true accept=".json,application/json,.xlsx,.xls,.ods" data-action="compare-import" disabled={*busy} onchange={on_files} />
                    </label>
                    <button type="button" data-action="compare-current" onclick={add_current}>{ tr(l, Key::CompareAddCurrent) }</button>
                    <button type="button" data-action="compare-template" onclick={on_template}>{ tr(l, Key::CompareTemplate) }</button>
                </div>
                <p class="muted">{ trf(l, Key::CompareLimit, &[("max", &MAX_SETS.to_string())]) }</p>
                <details class="scenarios" open={!relevant_scenarios.is_empty()}>
                    <summary>{ trf(l, Key::Scenarios, &[("n", &relevant_scenarios.len().to_string())]) }</summary>
                    { for scenarios.messages.iter().map(|m| html! { <p class="notice error" role="status">{ t(l, m) }</p> }) }
                    <ul>{ for relevant_scenarios.iter().map(|s| html! {
                        <li data-scenario={s.name.clone()}>
                            <strong>{ &s.name }</strong>{ " · " }{ kind_label(s.kind) }{ " · " }{ &s.saved_on }{ " " }
                            <button type="button" data-action="add-scenario" onclick={add_scenario(s)}>{ tr(l, Key::CompareAddScenario) }</button>
                            <button type="button" data-action="delete-scenario" onclick={del_scenario(s)}>{ tr(l, Key::Remove) }</button>
                        </li>
                    }) }</ul>
                </details>
            </div>
            if !board.messages.is_empty() {
                <div class="notices" role="status">
                    <ul>{ for board.messages.iter().map(|m| html! { <li class="notice error">{ t(l, m) }</li> }) }</ul>
                    <button type="button" class="dismiss" onclick={dismiss}>{ tr(l, Key::Dismiss) }</button>
                </div>
            }
            if !excluded.is_empty() {
                <div class="compare-problems" role="alert">
                    <ul>{ for excluded.iter().map(|s| html! {
                        <li class="notice error" data-set={s.name.clone()}>{ match &s.answers {
                            Err(e) => t(l, e),
                            Ok(a) => trf(l, Key::CompareOtherKind, &[("name", &s.name), ("kind", kind_id(a.kind())), ("want", kind_label(kind))]),
                        } }</li>
                    }) }</ul>
                </div>
            }
            if !board.sets.is_empty() {
                <details class="compare-sets no-print" open={board.sets.len() <= 12}>
                    <summary>{ trf(l, Key::CompareSets, &[("n", &board.sets.len().to_string())]) }</summary>
                    <ol>{ for board.sets.iter().map(|s| {
                        let id = s.id;
                        let rename = {
                            let b = board.dispatcher();
                            Callback::from(move |e: InputEvent| {
                                let i: HtmlInputElement = e.target_unchecked_into();
                                b.dispatch(BoardAction::Rename(id, i.value()));
                            })
                        };
                        let remove = {
                            let b = board.dispatcher();
                            Callback::from(move |_| b.dispatch(BoardAction::Remove(id)))
                        };
                        let input_id = format!("hrs-set-name-{id}");
                        html! {
                            <li data-set-id={id.to_string()}>
                                <label for={input_id.clone()} class="visually-hidden">{ tr(l, Key::CompareSetName) }</label>
                                <input id={input_id} type="text" class="set-name" maxlength="80" value={s.name.clone()} oninput={rename} />
                                <span class="muted">{ " " }{ t(l, &s.origin) }{ " " }</span>
                                <button type="button" class="remove-set" onclick={remove} aria-label={trf(l, Key::CompareRemoveSet, &[("name", &s.name)])}>{ tr(l, Key::Remove) }</button>
                            </li>
                        }
                    }) }</ol>
                </details>
            }
            if !cmp.columns.is_empty() {
                <div class="toolbar no-print compare-tools">
                    <button type="button" data-action="compare-sort" aria-pressed={board.sorted.to_string()} onclick={on_sort}>{ tr(l, Key::CompareSort) }</button>
                    <button type="button" data-action="compare-diff" aria-pressed={board.diff.is_some().to_string()} disabled={cmp.columns.len() < 2} onclick={show_diff}>{ tr(l, Key::Diff) }</button>
                    <button type="button" data-action="compare-export" disabled={*busy} onclick={on_export}>{ tr(l, Key::CompareExport) }</button>
                    <button type="button" data-action="compare-print" onclick={on_print}>{ tr(l, Key::Print) }</button>
                </div>
                if let Some(e) = &*export_error { <p class="field-error" role="alert">{ e.clone() }</p> }
                if !cmp.columns.first().map(|c| c.outcome.in_force).unwrap_or(true) {
                    <p class="banner not-in-force">{ cmp.columns.first().map(|c| t(l, &c.outcome.in_force_note)).unwrap_or_default() }</p>
                }
                <div class="compare-wrap" role="region" aria-labelledby="hrs-compare-caption" tabindex="0">
                <table class="compare-table" data-columns={cmp.columns.len().to_string()}>
                    <caption id="hrs-compare-caption">{ trf(l, Key::CompareCaption, &[("n", &cmp.columns.len().to_string()), ("as_of", &cmp.as_of.to_string())]) }</caption>
                    <thead><tr>
                        <th scope="col" class="row-head">{ tr(l, Key::CompareItem) }</th>
                        { for order.iter().map(|&i| { let c = &cmp.columns[i]; html! {
                            <th scope="col" class="set-head" data-set={c.name.clone()} data-unmet={c.unmet.to_string()}>
                                <span class="set-name">{ &c.name }</span>
                                <span class="unmet">{ trf(l, Key::CompareUnmet, &[("n", &c.unmet.to_string())]) }</span>
                            </th>
                        } }) }
                    </tr></thead>
                    <tbody>
                    { for cmp.rows.iter().map(|r| html! {
                        <tr class={classes!(r.differs.then_some("differs"), (r.kind == RowKind::Headline).then_some("headline"))} data-row={r.id.clone()} data-differs={r.differs.to_string()}>
                            <th scope="row" class="row-head">
                                <span class="label">{ t(l, &r.label) }</span>
                                if let Some(s) = &r.source { <span class="cite">{ s.cite.in_words(l.text_key()) }</span> }
                                if r.differs { <span class="differs-mark">{ tr(l, Key::CompareDiffers) }</span> }
                            </th>
                            { for order.iter().map(|&i| {
                                let c = &r.cells[i];
                                let set_id = table.ids[i];
                                let is_open = board.open.as_ref().is_some_and(|(row, s)| *row == r.id && *s == set_id);
                                let open = {
                                    let b = board.dispatcher();
                                    let row = r.id.clone();
                                    Callback::from(move |_| b.dispatch(BoardAction::Open(if is_open { None } else { Some((row.clone(), set_id)) })))
                                };
                                html! {
                                    <td data-state={c.state.id()} data-set={cmp.columns[i].name.clone()}>
                                        <button type="button" class="cell" aria-expanded={is_open.to_string()} onclick={open}
                                            aria-label={format!("{} · {} · {}", cmp.columns[i].name, t(l, &r.label), t(l, &c.state.words()))}>
                                            { cell_badge(l, c) }
                                            if let Some(f) = &c.figure { <span class="figure">{ t(l, f) }</span> }
                                        </button>
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
                { open_detail.unwrap_or_default() }
                if cmp.columns.len() >= 2 {
                    <div class="compare-diff-pick no-print">
                        <label for="hrs-diff-a">{ tr(l, Key::DiffFrom) }</label>
                        <select id="hrs-diff-a" onchange={diff_select(true)}>
                            { for table.ids.iter().enumerate().map(|(i, id)| html! {
                                <option value={id.to_string()} selected={board.diff.map(|d| d.0 == *id).unwrap_or(i == 0)}>{ &cmp.columns[i].name }</option>
                            }) }
                        </select>
                        <label for="hrs-diff-b">{ tr(l, Key::DiffTo) }</label>
                        <select id="hrs-diff-b" onchange={diff_select(false)}>
                            { for table.ids.iter().enumerate().map(|(i, id)| html! {
                                <option value={id.to_string()} selected={board.diff.map(|d| d.1 == *id).unwrap_or(i == 1)}>{ &cmp.columns[i].name }</option>
                            }) }
                        </select>
                    </div>
                }
                if let Some((a, b)) = board.diff { { diff_view(l, &p.edition, &table, &board, a, b) } }
            } else {
                <p class="compare-empty">{ tr(l, Key::CompareEmpty) }</p>
            }
            <div class="toolbar step-nav no-print">
                <button type="button" class="home" onclick={home}>{ tr(l, Key::Home) }</button>
            </div>
        </section>
    }
}
