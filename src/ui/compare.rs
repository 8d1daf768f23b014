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
use crate::engine::answers::AnswersKind;
use crate::engine::compare::{self, CellState, Comparison, RowKind, Tone, MAX_SETS};
use crate::engine::store::AnswerStore;
use crate::engine::{MaterialState, Outcome};
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
    answers: Result<Rc<AnswerStore>, Text>,
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
    Add(Vec<(String, Text, Result<Rc<AnswerStore>, Text>)>),
    Remove(u32),
    Rename(u32, String),
    Kind(AnswersKind),
    Sort(bool),
    Open(Option<(String, u32)>),
    Diff(Option<(u32, u32)>),
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
        }
        Rc::new(b)
    }
}

/// The name a set gets: the park's or organisation's name if answered, else `fallback`.
fn set_name(a: &AnswerStore, fallback: &str) -> String {
    a.identity(crate::policy::Identity::Name)
        .unwrap_or(fallback)
        .to_string()
}

/// An answers file's text → a set, read through `edition`'s declarations (or the reason it
/// cannot be read, naming file and field).
fn set_from_json(
    edition: &Edition,
    file: &str,
    text: &str,
) -> (String, Text, Result<Rc<AnswerStore>, Text>) {
    let origin = both(Key::CompareFromFile, &[("name", file)]);
    match AnswerStore::from_json(edition, text) {
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
    /// Something was dropped or kept aside while reading: the record as it was is copied to
    /// `<key>:scenarios:backup` before it is first written again.
    pub recovered: bool,
}

fn scenarios_key(key: &str) -> String {
    format!("{key}:scenarios")
}

/// Reads the scenarios record; with an edition, each scenario's answers are read through its
/// declarations and what does not read is dropped and said (without one, they are kept as
/// they are: saving or deleting another scenario loses nothing). A record that is not readable
/// at all is copied to `<key>:scenarios:corrupt` before anything new is written (nothing is
/// lost).
pub fn read_scenarios(text: &str, edition: Option<&Edition>) -> (Scenarios, bool) {
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
            out.recovered = true;
            out.messages
                .push(both(Key::ScenarioKept, &[("name", &name)]));
            out.kept.push(entry);
            continue;
        };
        let (recovered, dropped) = match edition {
            Some(e) => state::recover_answers_file(e, answers, kind),
            None => (answers, Vec::new()),
        };
        if !dropped.is_empty() {
            out.recovered = true;
            let list = dropped.join("、");
            out.messages.push(both(
                Key::ScenarioRecovered,
                &[("name", &name), ("fields", &list)],
            ));
        }
        out.list.push(Scenario {
            name,
            saved_on: entry
                .get("saved_on")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            answers: recovered,
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
fn load_scenarios(key: &str, edition: Option<&Edition>) -> Scenarios {
    let k = scenarios_key(key);
    match io::load(&k) {
        Ok(Some(text)) => {
            let (s, corrupt) = read_scenarios(&text, edition);
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
    let mut s = load_scenarios(key, None);
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
    write_scenarios(key, &s).map_err(|p| {
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

/// Writes the scenarios; a record that needed recovery is first kept as it was (once).
fn write_scenarios(key: &str, s: &Scenarios) -> Result<(), io::StorageProblem> {
    let k = scenarios_key(key);
    if s.recovered {
        let backup = format!("{k}:backup");
        if let (Ok(Some(old)), Ok(None)) = (io::load(&k), io::load(&backup)) {
            io::save(&backup, &old)?;
        }
    }
    io::save(&k, &scenarios_text(s))
}

/// Removes the scenario `name` from the stored record and returns the record as `edition`
/// shows it. The record is rewritten from the raw entries (read without an edition): the
/// others are written back untouched, even fields the shown edition does not declare (they may
/// belong to the edition they were saved under).
fn delete_scenario(key: &str, name: &str, edition: &Edition) -> Scenarios {
    let mut raw = load_scenarios(key, None);
    if raw.writable {
        raw.list.retain(|x| x.name != name);
        let _ = write_scenarios(key, &raw);
    }
    load_scenarios(key, Some(edition))
}

// ---- 另存为方案 (in the wizard) ---------------------------------------------------------------

#[derive(Properties, PartialEq, Clone)]
pub struct SaveScenarioProps {
    pub lang: Lang,
    pub answers: Rc<AnswerStore>,
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
            said.set(Some(save_scenario(key, &name, answers.to_value(), today)));
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
    pub park: Rc<AnswerStore>,
    pub organisation: Rc<AnswerStore>,
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

/// A `{zh, en}` object of the document module's JSON.
fn text_of(v: &Value) -> Option<Text> {
    Some(Text::new(v.get("zh")?.as_str()?, v.get("en")?.as_str()?))
}

/// Reads the chosen files into sets: answers files directly, workbooks through the document
/// module. Each unreadable file becomes a set with its message; the others are unaffected.
async fn import_files(
    edition: &Edition,
    files: Vec<(String, Result<Vec<u8>, String>)>,
    loader: Option<js_sys::Function>,
) -> Vec<(String, Text, Result<Rc<AnswerStore>, Text>)> {
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
            match String::from_utf8(bytes) {
                Ok(text) => out.push(set_from_json(edition, &name, &text)),
                Err(_) => {
                    let why = "not UTF-8 text / 不是 UTF-8 文本";
                    let e = both(
                        Key::CompareUnreadable,
                        &[("name", &name), ("field", "—"), ("why", why)],
                    );
                    out.push((name, origin, Err(e)));
                }
            }
            continue;
        }
        let result: Result<Value, String> = async {
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
                let sets = wb
                    .get("sets")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                for s in sets {
                    let place = s.get("place").and_then(text_of).unwrap_or_default();
                    let origin = Text::new(
                        trf(
                            Lang::Zh,
                            Key::CompareFromWorkbook,
                            &[("name", &name), ("place", &place.zh)],
                        ),
                        trf(
                            Lang::En,
                            Key::CompareFromWorkbook,
                            &[("name", &name), ("place", &place.en)],
                        ),
                    );
                    let set_name = s
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or(&name)
                        .to_string();
                    let answers =
                        match (s.get("answers").cloned(), s.get("error").and_then(text_of)) {
                            (_, Some(e)) => Err(e),
                            (Some(v), None) => AnswerStore::from_value(edition, v)
                                .map(Rc::new)
                                .map_err(|e| {
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
                    out.push((set_name, origin, answers));
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

// The table, the open cell and the differences are rendered as HTML text (escaped) and handed
// to Yew as one raw node each, with one click handler on their container: a 50 × 40 table as
// virtual DOM would cost the first-load wasm tens of KB and each render thousands of nodes to
// diff; as text it is one string, rebuilt only when the sets, the order or the date change.

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
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

fn badge(out: &mut String, l: Lang, state: &CellState) {
    out.push_str(&format!(
        "<span class=\"{}\" data-state=\"{}\">{}</span>",
        tone_class(state.tone()),
        state.id(),
        esc(&t(l, &state.words()))
    ));
}

/// The table: one column per set (in `order`), one row per condition / measure.
fn table_html(l: Lang, cmp: &Comparison, order: &[usize], ids: &[u32]) -> String {
    let mut o = String::with_capacity(256 * cmp.rows.len() * (cmp.columns.len() + 1));
    o.push_str(&format!(
        "<table class=\"compare-table\" data-columns=\"{}\"><caption id=\"hrs-compare-caption\">{}</caption><thead><tr><th scope=\"col\" class=\"row-head\">{}</th>",
        cmp.columns.len(),
        esc(&trf(l, Key::CompareCaption, &[("n", &cmp.columns.len().to_string()), ("as_of", &cmp.as_of.to_string())])),
        tr(l, Key::CompareItem)
    ));
    for &i in order {
        let c = &cmp.columns[i];
        o.push_str(&format!(
            "<th scope=\"col\" class=\"set-head\" data-set=\"{n}\" data-unmet=\"{u}\"><span class=\"set-name\">{n}</span><span class=\"unmet\">{un}</span></th>",
            n = esc(&c.name),
            u = c.unmet,
            un = esc(&trf(l, Key::CompareUnmet, &[("n", &c.unmet.to_string())]))
        ));
    }
    o.push_str("</tr></thead><tbody>");
    for r in &cmp.rows {
        let mut class = String::new();
        if r.differs {
            class.push_str("differs");
        }
        if r.kind == RowKind::Headline {
            class.push_str(" headline");
        }
        let label = t(l, &r.label);
        o.push_str(&format!(
            "<tr class=\"{class}\" data-row=\"{id}\" data-differs=\"{d}\"><th scope=\"row\" class=\"row-head\"><span class=\"label\">{lb}</span>",
            id = esc(&r.id),
            d = r.differs,
            lb = esc(&label)
        ));
        if let Some(s) = &r.source {
            o.push_str(&format!(
                "<span class=\"cite\">{}</span>",
                esc(&s.cite.in_words(l.text_key()))
            ));
        }
        if r.differs {
            o.push_str(&format!(
                "<span class=\"differs-mark\">{}</span>",
                tr(l, Key::CompareDiffers)
            ));
        }
        o.push_str("</th>");
        for &i in order {
            let c = &r.cells[i];
            let name = &cmp.columns[i].name;
            // The button's name is what it shows, after the set and row it belongs to.
            o.push_str(&format!(
                "<td data-state=\"{st}\" data-set=\"{n}\"><button type=\"button\" class=\"cell\" data-cell-row=\"{id}\" data-cell-set=\"{sid}\"><span class=\"visually-hidden\">{n} · {lb}：</span>",
                st = c.state.id(),
                n = esc(name),
                id = esc(&r.id),
                sid = ids[i],
                lb = esc(&label)
            ));
            badge(&mut o, l, &c.state);
            if let Some(f) = &c.figure {
                o.push_str(&format!("<span class=\"figure\">{}</span>", esc(&t(l, f))));
            }
            o.push_str("</button></td>");
        }
        o.push_str("</tr>");
    }
    o.push_str("</tbody></table>");
    o
}

fn source_html(o: &mut String, l: Lang, s: &Source) {
    o.push_str(&format!(
        "<div class=\"compare-cite\"><p><strong>{}：</strong><span class=\"cite\">{}</span></p><blockquote lang=\"zh-CN\" class=\"original\">{}</blockquote></div>",
        tr(l, Key::Citation),
        esc(&s.cite.in_words(l.text_key())),
        esc(&s.original)
    ));
}

fn condition_html(o: &mut String, l: Lang, c: &crate::engine::ConditionOutcome) {
    o.push_str(&format!("<li data-rule=\"{}\">", esc(&c.id)));
    badge(o, l, &CellState::Verdict(c.verdict));
    o.push_str(&format!(
        " <strong>{}</strong>：{}",
        esc(&t(l, &c.label)),
        esc(&t(l, &c.reason))
    ));
    if let Some(g) = &c.gap {
        o.push_str(&format!(
            "<p class=\"gap\"><strong>{}：</strong>{}</p>",
            tr(l, Key::WhatItTakes),
            esc(&t(l, &g.text))
        ));
    }
    o.push_str("</li>");
}

/// The open cell: the verdict, why, what it would take, and the law, for that set.
fn detail_html(l: Lang, row_id: &str, set_name: &str, out: &Outcome) -> String {
    let mut body = String::new();
    if row_id == "headline" {
        // The core's one-sentence answer, as the results page shows it.
        body.push_str(&format!(
            "<p class=\"headline-text\">{}</p>",
            esc(&t(l, &out.headline.text))
        ));
    }
    let mut title = String::new();
    if let Some(p) = &out.park {
        if row_id == "park.materials" {
            let article = p.materials.first().map(|m| m.source.cite.article.as_str());
            title = crate::engine::wizard::materials_heading(article)
                .get(l.text_key())
                .to_string();
            body.push_str("<ul>");
            for m in &p.materials {
                let st = match m.status {
                    MaterialState::Ready => tr(l, Key::Ready),
                    MaterialState::Missing => tr(l, Key::Missing),
                    MaterialState::NotAnswered => tr(l, Key::NotConfirmed),
                };
                body.push_str(&format!("<li>{st} · {}</li>", esc(&t(l, &m.label))));
            }
            body.push_str("</ul>");
            if let Some(m) = p.materials.first() {
                source_html(&mut body, l, &m.source);
            }
        } else if row_id == "headline" {
            title = tr(l, Key::CompareHeadline).to_string();
            body.push_str("<ul class=\"detail-conditions\">");
            for c in p.conditions.iter().filter(|c| c.gap.is_some()) {
                condition_html(&mut body, l, c);
            }
            body.push_str("</ul>");
        } else if let Some(c) = p.conditions.iter().find(|c| c.id == row_id) {
            title = t(l, &c.label);
            body.push_str("<ul class=\"detail-conditions\">");
            condition_html(&mut body, l, c);
            body.push_str("</ul>");
            source_html(&mut body, l, &c.source);
        }
    }
    if let Some(org) = &out.organisation {
        let measures: Vec<&crate::engine::MeasureOutcome> = if row_id == "headline" {
            title = tr(l, Key::CompareHeadline).to_string();
            org.measures.iter().filter(|m| m.amount.is_some()).collect()
        } else {
            org.measures.iter().filter(|m| m.id == row_id).collect()
        };
        for m in measures {
            if row_id != "headline" {
                title = format!("{} {}", m.source.cite.article, t(l, &m.label));
            } else {
                body.push_str(&format!(
                    "<h4>{} {}</h4>",
                    esc(&m.source.cite.article),
                    esc(&t(l, &m.label))
                ));
            }
            body.push_str("<ul class=\"detail-conditions\">");
            for c in &m.conditions {
                condition_html(&mut body, l, c);
            }
            body.push_str("</ul>");
            if let Some(a) = &m.amount {
                body.push_str(&format!("<p class=\"note\">{}</p>", esc(&t(l, &a.note))));
            }
            if row_id != "headline" {
                source_html(&mut body, l, &m.source);
            }
        }
    }
    format!(
        "<section class=\"compare-detail\" aria-labelledby=\"hrs-compare-detail-title\" data-row=\"{}\"><h3 id=\"hrs-compare-detail-title\" tabindex=\"-1\">{} — {}</h3>{body}<button type=\"button\" class=\"close-detail\" data-close=\"detail\">{}</button></section>",
        esc(row_id),
        esc(set_name),
        esc(&title),
        tr(l, Key::Close)
    )
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
fn diff_html(l: Lang, e: &Edition, table: &Table, board: &Board, a: u32, b: u32) -> String {
    let (Some(ia), Some(ib)) = (
        table.ids.iter().position(|x| *x == a),
        table.ids.iter().position(|x| *x == b),
    ) else {
        return String::new();
    };
    let value = |id: u32| {
        board
            .sets
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.answers.as_ref().ok())
            .map(|x| x.to_value())
    };
    let (Some(va), Some(vb)) = (value(a), value(b)) else {
        return String::new();
    };
    let cmp = &table.cmp;
    let changes = compare::answer_changes(&va, &vb);
    let changed = compare::changed_rows(cmp, ia, ib);
    let mut o = format!(
        "<section class=\"compare-diff\" aria-labelledby=\"hrs-compare-diff-title\"><h3 id=\"hrs-compare-diff-title\">{}</h3><h4>{}</h4>",
        esc(&trf(l, Key::DiffTitle, &[("a", &cmp.columns[ia].name), ("b", &cmp.columns[ib].name)])),
        tr(l, Key::DiffAnswers)
    );
    if changes.is_empty() {
        o.push_str(&format!("<p>{}</p>", tr(l, Key::DiffNone)));
    }
    o.push_str("<ul class=\"diff-answers\">");
    for path in &changes {
        let qp = compare::question_path(path);
        let label = e
            .question(&qp)
            .map(|q| t(l, &q.label))
            .unwrap_or_else(|| path.clone());
        // The rows this answer is read by (a measure's condition belongs to the measure's row)
        // that do change between the two sets.
        let affects: Vec<String> = e
            .rules_using(&qp)
            .iter()
            .filter_map(|id| {
                changed
                    .iter()
                    .find(|r| *id == r.id || id.starts_with(&format!("{}.", r.id)))
            })
            .map(|r| t(l, &r.label))
            .collect();
        o.push_str(&format!(
            "<li data-path=\"{}\"><strong>{}</strong>：{} → {}",
            esc(path),
            esc(&label),
            esc(&answer_text(l, crate::engine::path::get(&va, path))),
            esc(&answer_text(l, crate::engine::path::get(&vb, path)))
        ));
        if !affects.is_empty() {
            o.push_str(&format!(
                "<span class=\"affects\"> · {}：{}</span>",
                tr(l, Key::DiffAffects),
                esc(&affects.join("、"))
            ));
        }
        o.push_str("</li>");
    }
    o.push_str(&format!("</ul><h4>{}</h4>", tr(l, Key::DiffResults)));
    if changed.is_empty() {
        o.push_str(&format!("<p>{}</p>", tr(l, Key::DiffNone)));
    }
    o.push_str("<ul class=\"diff-results\">");
    for r in &changed {
        o.push_str(&format!(
            "<li data-row=\"{}\"><strong>{}</strong>：",
            esc(&r.id),
            esc(&t(l, &r.label))
        ));
        for (k, i) in [ia, ib].into_iter().enumerate() {
            if k == 1 {
                o.push_str(" → ");
            }
            badge(&mut o, l, &r.cells[i].state);
            if let Some(f) = &r.cells[i].figure {
                o.push_str(&format!(" {}", esc(&t(l, f))));
            }
        }
        o.push_str("</li>");
    }
    o.push_str("</ul></section>");
    o
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

/// A button of the view's toolbars: `data-action` is what the one click handler reads.
fn button(o: &mut String, action: &str, label: &str, pressed: Option<bool>, disabled: bool) {
    o.push_str(&format!("<button type=\"button\" data-action=\"{action}\""));
    if let Some(p) = pressed {
        o.push_str(&format!(" aria-pressed=\"{p}\""));
    }
    if disabled {
        o.push_str(" disabled");
    }
    o.push_str(&format!(">{}</button>", esc(label)));
}

fn kind_label(l: Lang, k: AnswersKind) -> &'static str {
    tr(
        l,
        if k == AnswersKind::Park {
            Key::CompareParks
        } else {
            Key::CompareOrgs
        },
    )
}

/// Title, what to compare, and the ways to add sets.
fn head_html(l: Lang, kind: AnswersKind, busy: bool) -> String {
    let mut o = format!(
        "<h2 id=\"hrs-compare-title\">{}</h2><p class=\"muted\">{}</p><div class=\"toolbar no-print\" role=\"group\" aria-label=\"{}\">",
        tr(l, Key::CompareTitle),
        tr(l, Key::CompareHelp),
        tr(l, Key::CompareKind)
    );
    for k in [AnswersKind::Park, AnswersKind::Organisation] {
        button(
            &mut o,
            &format!("kind-{}", kind_id(k)),
            kind_label(l, k),
            Some(k == kind),
            false,
        );
    }
    o.push_str(&format!(
        "</div><div class=\"compare-add no-print\"><h3>{}</h3><div class=\"toolbar\"><label class=\"file-button\">{}<input type=\"file\" multiple accept=\".json,application/json,.xlsx,.xls,.ods\" data-action=\"compare-import\"{}></label>",
        tr(l, Key::CompareAdd),
        tr(l, if busy { Key::Working } else { Key::CompareImport }),
        if busy { " disabled" } else { "" }
    ));
    button(
        &mut o,
        "compare-current",
        tr(l, Key::CompareAddCurrent),
        None,
        false,
    );
    button(
        &mut o,
        "compare-template",
        tr(l, Key::CompareTemplate),
        None,
        false,
    );
    o.push_str(&format!(
        "</div><p class=\"muted\">{}</p></div>",
        trf(l, Key::CompareLimit, &[("max", &MAX_SETS.to_string())])
    ));
    o
}

/// The saved scenarios, each with "加入对比" and "移除".
fn scenarios_html(l: Lang, s: &Scenarios) -> String {
    let mut o = format!(
        "<details class=\"scenarios no-print\"{}><summary>{}</summary>",
        if s.list.is_empty() { "" } else { " open" },
        trf(l, Key::Scenarios, &[("n", &s.list.len().to_string())])
    );
    for m in &s.messages {
        o.push_str(&format!(
            "<p class=\"notice error\" role=\"status\">{}</p>",
            esc(&t(l, m))
        ));
    }
    o.push_str("<ul>");
    for (i, x) in s.list.iter().enumerate() {
        o.push_str(&format!(
            "<li data-scenario=\"{n}\"><strong>{n}</strong> · {} · {} <button type=\"button\" data-action=\"add-scenario\" data-index=\"{i}\">{}</button> <button type=\"button\" data-action=\"delete-scenario\" data-index=\"{i}\">{}</button></li>",
            kind_label(l, x.kind),
            esc(&x.saved_on),
            tr(l, Key::CompareAddScenario),
            tr(l, Key::Remove),
            n = esc(&x.name)
        ));
    }
    o.push_str("</ul></details>");
    o
}

/// The sets added: a name each (editable: typing renames, by the one input handler) and where
/// it came from. Rebuilt when sets are added or removed, not while a name is typed.
fn sets_html(l: Lang, sets: &[Set]) -> String {
    if sets.is_empty() {
        return String::new();
    }
    let mut o = format!(
        "<details class=\"compare-sets no-print\"{}><summary>{}</summary><ol>",
        if sets.len() <= 12 { " open" } else { "" },
        trf(l, Key::CompareSets, &[("n", &sets.len().to_string())])
    );
    for s in sets {
        o.push_str(&format!(
            "<li><label for=\"hrs-set-name-{id}\" class=\"visually-hidden\">{}</label><input id=\"hrs-set-name-{id}\" type=\"text\" class=\"set-name\" maxlength=\"80\" data-set-id=\"{id}\" value=\"{}\"> <span class=\"muted\">{}</span> <button type=\"button\" id=\"hrs-remove-{id}\" class=\"remove-set\" data-action=\"remove-set\" data-id=\"{id}\" aria-labelledby=\"hrs-remove-{id} hrs-set-name-{id}\">{}</button></li>",
            tr(l, Key::CompareSetName),
            esc(&s.name),
            esc(&t(l, &s.origin)),
            tr(l, Key::Remove),
            id = s.id
        ));
    }
    o.push_str("</ol></details>");
    o
}

/// Sort, differences, export, print; and the pair of sets the differences compare.
fn tools_html(l: Lang, board: &Board, table: &Table, busy: bool) -> String {
    let n = table.cmp.columns.len();
    let mut o = String::from("<div class=\"toolbar no-print compare-tools\">");
    button(
        &mut o,
        "compare-sort",
        tr(l, Key::CompareSort),
        Some(board.sorted),
        false,
    );
    button(
        &mut o,
        "compare-diff",
        tr(l, Key::Diff),
        Some(board.diff.is_some()),
        n < 2,
    );
    button(
        &mut o,
        "compare-export",
        tr(l, Key::CompareExport),
        None,
        busy,
    );
    button(&mut o, "compare-print", tr(l, Key::Print), None, false);
    o.push_str("</div>");
    o
}

fn diff_pick_html(l: Lang, table: &Table, pair: (u32, u32)) -> String {
    let mut o = String::from("<div class=\"compare-diff-pick no-print\">");
    for (which, chosen, key) in [("a", pair.0, Key::DiffFrom), ("b", pair.1, Key::DiffTo)] {
        o.push_str(&format!(
            "<label for=\"hrs-diff-{which}\">{}</label> <select id=\"hrs-diff-{which}\" data-diff=\"{which}\">",
            tr(l, key)
        ));
        for (i, id) in table.ids.iter().enumerate() {
            o.push_str(&format!(
                "<option value=\"{id}\"{}>{}</option>",
                if *id == chosen { " selected" } else { "" },
                esc(&table.cmp.columns[i].name)
            ));
        }
        o.push_str("</select> ");
    }
    o.push_str("</div>");
    o
}

/// What the one click handler needs.
#[derive(Clone)]
struct Handles {
    board: UseReducerDispatcher<Board>,
    scenarios: UseStateHandle<Scenarios>,
    busy: UseStateHandle<bool>,
    error: UseStateHandle<Option<String>>,
    node: NodeRef,
}

#[function_component(Compare)]
pub fn compare_view(p: &CompareProps) -> Html {
    let l = p.lang;
    let board = use_reducer(Board::default);
    let scenarios = {
        let (key, edition) = (p.storage_key.clone(), p.edition.clone());
        use_state(move || {
            key.as_deref()
                .map(|k| load_scenarios(k, Some(&edition)))
                .unwrap_or_default()
        })
    };
    let busy = use_state(|| false);
    let export_error = use_state(|| None::<String>);
    let node = use_node_ref();
    let kind = board.kind.unwrap_or(AnswersKind::Park);

    let table: Rc<Table> = {
        let board = board.clone();
        let edition = p.edition.clone();
        use_memo((board.version, kind, p.as_of), move |(_, kind, as_of)| {
            let readable: Vec<(&Set, &AnswerStore)> = board
                .sets
                .iter()
                .filter_map(|s| Some((s, &**s.answers.as_ref().ok()?)))
                .filter(|(_, a)| a.kind() == *kind)
                .collect();
            let sets: Vec<(String, &AnswerStore)> =
                readable.iter().map(|(s, a)| (s.name.clone(), *a)).collect();
            Table {
                cmp: compare::compare(&edition, *kind, &sets, *as_of),
                ids: readable.iter().map(|(s, _)| s.id).collect(),
            }
        })
    };
    let sorted = board.sorted;
    let order: Rc<Vec<usize>> = {
        let table = table.clone();
        use_memo((board.version, kind, p.as_of, sorted), move |_| {
            if sorted {
                compare::order_by_unmet(&table.cmp)
            } else {
                (0..table.cmp.columns.len()).collect()
            }
        })
    };
    let table_text: Rc<AttrValue> = {
        let (table, order) = (table.clone(), order.clone());
        use_memo((board.version, kind, p.as_of, sorted, l), move |_| {
            AttrValue::from(table_html(l, &table.cmp, &order, &table.ids))
        })
    };
    let sets_text: Rc<AttrValue> = {
        let members: Vec<u32> = board.sets.iter().map(|s| s.id).collect();
        let board = board.clone();
        use_memo((members, l), move |_| {
            AttrValue::from(sets_html(l, &board.sets))
        })
    };

    {
        // An opened cell's panel takes the focus (keyboard and screen-reader users land on it).
        let node = node.clone();
        use_effect_with(board.open.clone(), move |open| {
            if open.is_some() {
                let el = node
                    .cast::<web_sys::Element>()
                    .and_then(|n| n.query_selector("#hrs-compare-detail-title").ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(el) = el {
                    let _ = el.focus();
                }
            }
        });
    }
    let h = Handles {
        board: board.dispatcher(),
        scenarios: scenarios.clone(),
        busy: busy.clone(),
        error: export_error.clone(),
        node: node.clone(),
    };
    let on_click = {
        let h = h.clone();
        let edition = p.edition.clone();
        let (key, loader, on_home) = (
            p.storage_key.clone(),
            p.load_docs.clone(),
            p.on_home.clone(),
        );
        let current = match kind {
            AnswersKind::Park => p.park.clone(),
            AnswersKind::Organisation => p.organisation.clone(),
        };
        let ids: Vec<u32> = order
            .iter()
            .filter_map(|i| table.ids.get(*i).copied())
            .collect();
        let request = export_request(kind, &board, &ids);
        let (as_of, diff, first_two) = (
            p.as_of.to_string(),
            board.diff,
            (table.ids.first().copied(), table.ids.get(1).copied()),
        );
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let Some(el) = target
                .closest("[data-action], [data-cell-row], [data-close]")
                .ok()
                .flatten()
            else {
                return;
            };
            let attr = |n: &str| el.get_attribute(n).unwrap_or_default();
            let index = attr("data-index").parse::<usize>().ok();
            if let Some(set) = el
                .get_attribute("data-cell-set")
                .and_then(|s| s.parse().ok())
            {
                h.board
                    .dispatch(BoardAction::Open(Some((attr("data-cell-row"), set))));
                return;
            }
            if el.has_attribute("data-close") {
                h.board.dispatch(BoardAction::Open(None));
                return;
            }
            match attr("data-action").as_str() {
                "kind-park" => h.board.dispatch(BoardAction::Kind(AnswersKind::Park)),
                "kind-organisation" => h
                    .board
                    .dispatch(BoardAction::Kind(AnswersKind::Organisation)),
                "compare-current" => {
                    let origin = both(Key::CompareCurrent, &[]);
                    let set = set_from_value(
                        &edition,
                        tr(Lang::Zh, Key::CompareCurrent),
                        origin,
                        current.to_value(),
                    );
                    h.board.dispatch(BoardAction::Add(vec![set]));
                }
                "compare-sort" => h.board.dispatch(BoardAction::Sort(!sorted)),
                "compare-diff" => h.board.dispatch(BoardAction::Diff(match (diff, first_two) {
                    (None, (Some(a), Some(b))) => Some((a, b)),
                    _ => None,
                })),
                "compare-export" => download(
                    &h,
                    loader.clone(),
                    "compare_xlsx",
                    vec![request.clone(), as_of.clone()],
                    format!("对比-{as_of}.xlsx"),
                ),
                "compare-template" => download(
                    &h,
                    loader.clone(),
                    "parks_workbook_template",
                    Vec::new(),
                    "园区对比工作簿模板.xlsx".into(),
                ),
                "compare-print" => print_landscape(),
                "home" => on_home.emit(()),
                "remove-set" => {
                    if let Ok(id) = attr("data-id").parse() {
                        h.board.dispatch(BoardAction::Remove(id));
                    }
                }
                "add-scenario" => {
                    if let Some(s) = index.and_then(|i| h.scenarios.list.get(i)) {
                        let origin = both(Key::CompareFromScenario, &[("name", &s.name)]);
                        let (_, origin, answers) =
                            set_from_value(&edition, &s.name, origin, s.answers.clone());
                        h.board
                            .dispatch(BoardAction::Add(vec![(s.name.clone(), origin, answers)]));
                    }
                }
                "delete-scenario" => {
                    if let (Some(k), Some(s)) =
                        (key.as_ref(), index.and_then(|i| h.scenarios.list.get(i)))
                    {
                        h.scenarios.set(delete_scenario(k, &s.name, &edition));
                    }
                }
                _ => {}
            }
        })
    };
    let on_change = {
        let h = h.clone();
        let edition = p.edition.clone();
        let loader = p.load_docs.clone();
        let diff = board.diff;
        Callback::from(move |e: Event| {
            let Some(target) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            if let Some(which) = target.get_attribute("data-diff") {
                let sel: web_sys::HtmlSelectElement = target.unchecked_into();
                if let (Ok(id), Some((a, b))) = (sel.value().parse::<u32>(), diff) {
                    h.board.dispatch(BoardAction::Diff(Some(if which == "a" {
                        (id, b)
                    } else {
                        (a, id)
                    })));
                }
            } else if target.get_attribute("data-action").as_deref() == Some("compare-import") {
                let input: HtmlInputElement = target.unchecked_into();
                let (board, loader, busy) = (h.board.clone(), loader.clone(), h.busy.clone());
                let edition = edition.clone();
                busy.set(true);
                yew::platform::spawn_local(async move {
                    let files = read_files(&input).await;
                    input.set_value("");
                    let sets = import_files(&edition, files, loader).await;
                    board.dispatch(BoardAction::Add(sets));
                    busy.set(false);
                });
            }
        })
    };
    let on_input = {
        let board = h.board.clone();
        Callback::from(move |e: InputEvent| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(id) = input
                .get_attribute("data-set-id")
                .and_then(|s| s.parse().ok())
            {
                board.dispatch(BoardAction::Rename(id, input.value()));
            }
        })
    };

    let cmp = &table.cmp;
    let mut problems = String::new();
    for m in board
        .messages
        .iter()
        .map(|m| t(l, m))
        .chain(board.sets.iter().filter_map(|s| match &s.answers {
            Err(e) => Some(t(l, e)),
            Ok(a) if a.kind() != kind => Some(trf(
                l,
                Key::CompareOtherKind,
                &[
                    ("name", &s.name),
                    ("kind", kind_id(a.kind())),
                    ("want", kind_label(l, kind)),
                ],
            )),
            Ok(_) => None,
        }))
    {
        problems.push_str(&format!("<li class=\"notice error\">{}</li>", esc(&m)));
    }
    let mut body = String::new();
    if cmp.columns.is_empty() {
        body.push_str(&format!(
            "<p class=\"compare-empty\">{}</p>",
            tr(l, Key::CompareEmpty)
        ));
    } else {
        body.push_str(&tools_html(l, &board, &table, *busy));
        if let Some(e) = &*export_error {
            body.push_str(&format!(
                "<p class=\"field-error\" role=\"alert\">{}</p>",
                esc(e)
            ));
        }
        if let Some(c) = cmp.columns.first().filter(|c| !c.outcome.in_force) {
            body.push_str(&format!(
                "<p class=\"banner not-in-force\">{}</p>",
                esc(&t(l, &c.outcome.in_force_note))
            ));
        }
    }
    let mut after = String::new();
    if let Some((row, c)) = board.open.as_ref().and_then(|(row, id)| {
        let col = table.ids.iter().position(|x| x == id)?;
        Some((row, cmp.columns.get(col)?))
    }) {
        after.push_str(&detail_html(l, row, &c.name, &c.outcome));
    }
    if let Some(pair) = board.diff {
        after.push_str(&diff_pick_html(l, &table, pair));
        after.push_str(&diff_html(l, &p.edition, &table, &board, pair.0, pair.1));
    }
    let raw = |s: String| Html::from_html_unchecked(AttrValue::from(s));
    let mut home = String::from("<div class=\"toolbar step-nav no-print\">");
    button(&mut home, "home", tr(l, Key::Home), None, false);
    home.push_str("</div>");

    html! {
        <section class="compare" aria-labelledby="hrs-compare-title" data-kind={kind_id(kind)} ref={node}
            onclick={on_click} onchange={on_change} oninput={on_input}>
            { raw(head_html(l, kind, *busy)) }
            { raw(scenarios_html(l, &scenarios)) }
            if !problems.is_empty() {
                <div class="compare-problems" role="alert">{ raw(format!("<ul>{problems}</ul>")) }</div>
            }
            { Html::from_html_unchecked((*sets_text).clone()) }
            { raw(body) }
            if !cmp.columns.is_empty() {
                <div class="compare-wrap" role="region" aria-labelledby="hrs-compare-caption" tabindex="0">
                    { Html::from_html_unchecked((*table_text).clone()) }
                </div>
            }
            { raw(after) }
            { raw(home) }
        </section>
    }
}

/// Builds a file in the document module and offers it as a download.
fn download(
    h: &Handles,
    loader: Option<js_sys::Function>,
    what: &'static str,
    args: Vec<String>,
    name: String,
) {
    let (Some(loader), Some(el)) = (loader, h.node.cast::<web_sys::Element>()) else {
        h.error
            .set(Some("document module unavailable / 文档模块不可用".into()));
        return;
    };
    let (busy, err) = (h.busy.clone(), h.error.clone());
    busy.set(true);
    err.set(None);
    yew::platform::spawn_local(async move {
        let r: Result<(), JsValue> = async {
            let module = io::docs_module(&loader).await?;
            let args: Vec<JsValue> = args.iter().map(|a| JsValue::from_str(a)).collect();
            let out = io::call_async(&module, what, &args).await?;
            let bytes = js_sys::Uint8Array::new(&out).to_vec();
            io::download(&el, &name, XLSX_MIME, &bytes)
        }
        .await;
        busy.set(false);
        if let Err(e) = r {
            err.set(Some(io::js_error_text(&e)));
        }
    });
}

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An answers value (the current flow's, a scenario's) → a set, read through `edition`'s
/// declarations.
fn set_from_value(
    edition: &Edition,
    label: &str,
    origin: Text,
    v: Value,
) -> (String, Text, Result<Rc<AnswerStore>, Text>) {
    match AnswerStore::from_value(edition, v) {
        Ok(a) => (set_name(&a, label), origin, Ok(Rc::new(a))),
        Err(e) => (
            label.to_string(),
            origin,
            Err(both(
                Key::CompareUnreadable,
                &[("name", label), ("field", &e.path), ("why", &e.message)],
            )),
        ),
    }
}
