//! The widget's state: which flow and step the user is on, the answers of each flow as JSON
//! (the answers file format of `engine::answers`), and what the user typed that is not yet a
//! valid answer (drafts, with their messages). Views only dispatch [`Action`]s.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{json, Map, Value};
use yew::Reducible;

use crate::engine::answers::{Answers, AnswersError, AnswersKind, ANSWERS_FORMAT, ANSWERS_VERSION};
use crate::policy::Text;

/// Which part of the widget is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Flow {
    #[default]
    Start,
    Park,
    Organisation,
    Trainer,
}

impl Flow {
    pub fn id(self) -> &'static str {
        match self {
            Flow::Start => "start",
            Flow::Park => "park",
            Flow::Organisation => "organisation",
            Flow::Trainer => "trainer",
        }
    }
    pub fn from_id(id: &str) -> Flow {
        match id {
            "park" => Flow::Park,
            "organisation" => Flow::Organisation,
            "trainer" => Flow::Trainer,
            _ => Flow::Start,
        }
    }
}

/// Text typed into a number field, kept as typed (so "3000." is not rewritten under the cursor).
/// When it is not a valid answer, `error` says why and the answer itself is absent (unknown).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub raw: String,
    pub error: Option<Text>,
}

/// A message shown above the wizard (recovered state, imported file, storage off …).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: Text,
    pub is_error: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub flow: Flow,
    pub step: usize,
    /// Each flow's answers, shared between successive states so that an action which does not
    /// touch them (a step, a page, a notice) costs no copy of a 10,000-row roster.
    pub park: Rc<Value>,
    pub organisation: Rc<Value>,
    pub drafts: BTreeMap<String, Draft>,
    pub notices: Vec<Notice>,
    pub large_type: bool,
    /// The page shown of each table (by answer path), for long rosters.
    pub table_pages: BTreeMap<String, usize>,
    /// The sample the trainer is demonstrating: its own answers, never a flow's (issue 12 item 2).
    pub trainer: Option<TrainerDemo>,
}

/// A trainer sample being demonstrated. What-if changes go here; the user's own answers of
/// each flow are never read or written while the trainer shows a sample.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainerDemo {
    /// The sample's id (`park-passes`), to mark the chosen sample.
    pub sample: String,
    pub kind: AnswersKind,
    pub answers: Rc<Value>,
    /// Typed text of the what-if fields, apart from the user's own drafts.
    pub drafts: BTreeMap<String, Draft>,
}

impl Default for State {
    fn default() -> Self {
        State {
            flow: Flow::Start,
            step: 0,
            park: Rc::new(empty_answers(AnswersKind::Park)),
            organisation: Rc::new(empty_answers(AnswersKind::Organisation)),
            drafts: BTreeMap::new(),
            notices: Vec::new(),
            large_type: false,
            table_pages: BTreeMap::new(),
            trainer: None,
        }
    }
}

pub fn kind_id(kind: AnswersKind) -> &'static str {
    match kind {
        AnswersKind::Park => "park",
        AnswersKind::Organisation => "organisation",
    }
}

/// An answers file with nothing answered.
pub fn empty_answers(kind: AnswersKind) -> Value {
    let k = kind_id(kind);
    json!({ "format": ANSWERS_FORMAT, "version": ANSWERS_VERSION, "kind": k, k: {} })
}

impl State {
    pub fn answers_json(&self, kind: AnswersKind) -> &Value {
        self.answers_rc(kind)
    }
    /// The answers of a flow as a shared value: cheap to clone and to compare (by pointer first).
    pub fn answers_rc(&self, kind: AnswersKind) -> &Rc<Value> {
        match kind {
            AnswersKind::Park => &self.park,
            AnswersKind::Organisation => &self.organisation,
        }
    }
    /// The answers the current screen shows: the sample's in trainer mode, else the flow's.
    pub fn active_answers(&self) -> Option<&Rc<Value>> {
        match (self.flow, &self.trainer) {
            (Flow::Trainer, Some(t)) => Some(&t.answers),
            (Flow::Trainer, None) => None,
            _ => self.active_kind().map(|k| self.answers_rc(k)),
        }
    }
    /// What was typed at `path` on the current screen (trainer drafts are kept apart).
    pub fn draft(&self, path: &str) -> Option<&Draft> {
        match (self.flow, &self.trainer) {
            (Flow::Trainer, Some(t)) => t.drafts.get(path),
            (Flow::Trainer, None) => None,
            _ => self.drafts.get(path),
        }
    }
    /// The answers an edit at `path` changes, and the drafts beside them: in trainer mode the
    /// sample's own copy (so a what-if never touches the user's answers), else the flow's.
    fn edit_target(&mut self, path: &str) -> Option<(&mut Value, &mut BTreeMap<String, Draft>)> {
        let kind = kind_of_path(path)?;
        if self.flow == Flow::Trainer {
            let t = self.trainer.as_mut().filter(|t| t.kind == kind)?;
            return Some((Rc::make_mut(&mut t.answers), &mut t.drafts));
        }
        let answers = Rc::make_mut(match kind {
            AnswersKind::Park => &mut self.park,
            AnswersKind::Organisation => &mut self.organisation,
        });
        Some((answers, &mut self.drafts))
    }
    /// The answers to change: copied first if an earlier state still shares them.
    fn answers_json_mut(&mut self, kind: AnswersKind) -> &mut Value {
        Rc::make_mut(match kind {
            AnswersKind::Park => &mut self.park,
            AnswersKind::Organisation => &mut self.organisation,
        })
    }
    /// The typed answers of a flow. The JSON is only ever written through validated actions, so
    /// this fails only on a programming error; the error is shown, never unwrapped.
    pub fn answers(&self, kind: AnswersKind) -> Result<Answers, AnswersError> {
        Answers::from_value(self.answers_json(kind).clone())
    }
    /// Forgets typed text under a path prefix (answers replaced, or rows that moved).
    fn drop_drafts(&mut self, prefix: &str) {
        self.drafts.retain(|k, _| !k.starts_with(prefix));
    }
    /// The answers kind the current screen works on.
    pub fn active_kind(&self) -> Option<AnswersKind> {
        match self.flow {
            Flow::Park => Some(AnswersKind::Park),
            Flow::Organisation => Some(AnswersKind::Organisation),
            Flow::Trainer => self.trainer.as_ref().map(|t| t.kind),
            Flow::Start => None,
        }
    }
}

pub enum Action {
    Go(Flow),
    Step(usize),
    /// Set the answer at `path` (`park.floor_area_m2`); `Value::Null` removes it. Clears a draft.
    Set(String, Value),
    /// What the user typed at `path`, and the answer it gives (`Null` when empty or invalid).
    Typed(String, Draft, Value),
    AddRow(String),
    /// Append rows (a roster import) to the table at the path.
    AppendRows(String, Vec<Value>),
    /// Show page `n` of the table at the path.
    TablePage(String, usize),
    RemoveRow(String, usize),
    /// Replace a flow's answers (import, share link, sample); `notice` says what happened.
    Load(Answers, Option<Notice>),
    /// Start a flow's answers afresh.
    Clear(AnswersKind),
    Notice(Notice),
    DismissNotices,
    LargeType(bool),
    /// Show a trainer sample (its id and answers) in the trainer's own state.
    TrainerSample(String, Answers),
    /// Restore a whole state (from storage).
    Restore(Box<State>),
}

fn kind_of_path(path: &str) -> Option<AnswersKind> {
    if path.starts_with("park.") || path == "park" {
        Some(AnswersKind::Park)
    } else if path.starts_with("organisation.") || path == "organisation" {
        Some(AnswersKind::Organisation)
    } else {
        None
    }
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Go(flow) => {
                if s.flow != flow {
                    s.step = 0;
                }
                s.flow = flow;
            }
            Action::Step(step) => s.step = step,
            Action::Set(path, value) => {
                if let Some((answers, drafts)) = s.edit_target(&path) {
                    drafts.remove(&path);
                    set_path(answers, &path, value);
                }
            }
            Action::Typed(path, draft, value) => {
                if let Some((answers, drafts)) = s.edit_target(&path) {
                    set_path(answers, &path, value);
                    drafts.insert(path, draft);
                }
            }
            Action::AddRow(path) => {
                if let Some((v, _)) = s.edit_target(&path) {
                    let mut rows = take_rows(v, &path);
                    rows.push(Value::Object(Map::new()));
                    set_path(v, &path, rows_value(rows));
                }
            }
            Action::AppendRows(path, new_rows) => {
                if let Some((v, _)) = s.edit_target(&path) {
                    let mut rows = take_rows(v, &path);
                    rows.extend(new_rows);
                    set_path(v, &path, rows_value(rows));
                }
            }
            Action::TablePage(path, page) => {
                s.table_pages.insert(path, page);
            }
            Action::RemoveRow(path, index) => {
                if let Some((v, drafts)) = s.edit_target(&path) {
                    let mut rows = take_rows(v, &path);
                    if index < rows.len() {
                        rows.remove(index);
                    }
                    set_path(v, &path, rows_value(rows));
                    // Drafts of this table's rows refer to positions that moved: drop them.
                    let prefix = format!("{path}[");
                    drafts.retain(|k, _| !k.starts_with(&prefix));
                }
            }
            Action::Load(answers, notice) => {
                let kind = answers.kind();
                s.drop_drafts(&format!("{}.", kind_id(kind)));
                *s.answers_json_mut(kind) = answers.to_value();
                s.notices.extend(notice);
            }
            Action::Clear(kind) => {
                s.drop_drafts(&format!("{}.", kind_id(kind)));
                *s.answers_json_mut(kind) = empty_answers(kind);
                s.step = 0;
            }
            Action::Notice(n) => s.notices.push(n),
            Action::DismissNotices => s.notices.clear(),
            Action::LargeType(on) => s.large_type = on,
            Action::TrainerSample(sample, answers) => {
                s.trainer = Some(TrainerDemo {
                    sample,
                    kind: answers.kind(),
                    answers: Rc::new(answers.to_value()),
                    drafts: BTreeMap::new(),
                });
            }
            Action::Restore(state) => return Rc::new(*state),
        }
        Rc::new(s)
    }
}

// ---- JSON paths: `park.roster[3].uscc` -------------------------------------------------------

#[derive(Debug, PartialEq)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        for idx in rest.split('[').filter(|x| !x.is_empty()) {
            if let Ok(n) = idx.trim_end_matches(']').parse() {
                out.push(Seg::Index(n));
            }
        }
    }
    out
}

/// Takes the rows of the table at `path` out (leaving `Null`), to change them without a copy;
/// no rows if there is no table there.
fn take_rows(root: &mut Value, path: &str) -> Vec<Value> {
    let mut v = root;
    for seg in segments(path) {
        let next = match seg {
            Seg::Key(k) => v.get_mut(k),
            Seg::Index(i) => v.get_mut(i),
        };
        match next {
            Some(x) => v = x,
            None => return Vec::new(),
        }
    }
    match v {
        Value::Array(rows) => std::mem::take(rows),
        _ => Vec::new(),
    }
}

/// A table's value: its rows, or nothing (`Null` removes the key) when there are none.
fn rows_value(rows: Vec<Value>) -> Value {
    if rows.is_empty() {
        Value::Null
    } else {
        Value::Array(rows)
    }
}

pub fn get_path<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    let mut v = root;
    for seg in segments(path) {
        v = match seg {
            Seg::Key(k) => v.get(k)?,
            Seg::Index(i) => v.get(i)?,
        };
    }
    Some(v)
}

/// Sets `path` to `value`, creating objects on the way; `Null` removes a key.
pub fn set_path(root: &mut Value, path: &str, value: Value) {
    let segs = segments(path);
    let Some((last, init)) = segs.split_last() else {
        return;
    };
    let mut v = root;
    for seg in init {
        v = match seg {
            Seg::Key(k) => {
                if !v.is_object() {
                    *v = Value::Object(Map::new());
                }
                let Some(obj) = v.as_object_mut() else { return };
                obj.entry(k.to_string())
                    .or_insert(Value::Object(Map::new()))
            }
            Seg::Index(i) => match v.get_mut(*i) {
                Some(x) => x,
                None => return,
            },
        };
    }
    match last {
        Seg::Key(k) => {
            if !v.is_object() {
                *v = Value::Object(Map::new());
            }
            if let Some(obj) = v.as_object_mut() {
                if value.is_null() {
                    obj.remove(*k);
                } else {
                    obj.insert(k.to_string(), value);
                }
            }
        }
        Seg::Index(i) => {
            if let Some(slot) = v.get_mut(*i) {
                *slot = value;
            }
        }
    }
}

// ---- saving: one versioned record in localStorage ---------------------------------------------

pub const STATE_FORMAT: &str = "hrs-widget-state";
pub const STATE_VERSION: u64 = 1;

/// The saved record, borrowing the state: written straight to text, so saving a long roster
/// makes no copy of it first.
#[derive(serde::Serialize)]
struct Saved<'a> {
    format: &'static str,
    version: u64,
    flow: &'static str,
    step: usize,
    large_type: bool,
    park: &'a Value,
    organisation: &'a Value,
    /// What was typed but is not (yet) a valid answer is kept too: nothing entered is lost.
    drafts: BTreeMap<&'a str, SavedDraft<'a>>,
    /// The trainer's sample with its what-if changes, apart from the flows' answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    trainer: Option<SavedTrainer<'a>>,
}

#[derive(serde::Serialize)]
struct SavedTrainer<'a> {
    sample: &'a str,
    answers: &'a Value,
}

#[derive(serde::Serialize)]
struct SavedDraft<'a> {
    raw: &'a str,
    error: Option<SavedText<'a>>,
}

#[derive(serde::Serialize)]
struct SavedText<'a> {
    zh: &'a str,
    en: &'a str,
}

/// What is saved, as text: the flow, step and both answers files.
pub fn to_saved(s: &State) -> String {
    let saved = Saved {
        format: STATE_FORMAT,
        version: STATE_VERSION,
        flow: s.flow.id(),
        step: s.step,
        large_type: s.large_type,
        park: &s.park,
        organisation: &s.organisation,
        drafts: s
            .drafts
            .iter()
            .map(|(k, d)| {
                let error = d.error.as_ref().map(|e| SavedText {
                    zh: &e.zh,
                    en: &e.en,
                });
                (k.as_str(), SavedDraft { raw: &d.raw, error })
            })
            .collect(),
        trainer: s.trainer.as_ref().map(|t| SavedTrainer {
            sample: &t.sample,
            answers: &t.answers,
        }),
    };
    // Serialising borrowed strings and JSON values cannot fail.
    serde_json::to_string(&saved).unwrap_or_default()
}

/// Reads a saved record, recovering what it can. Returns the state and what was dropped.
pub fn from_saved(text: &str) -> (State, Vec<Text>) {
    let mut lost = Vec::new();
    let mut s = State::default();
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => {
            lost.push(Text::new(
                "保存的数据已损坏，无法读取，已重新开始。",
                "The saved data was corrupt and could not be read; starting afresh.",
            ));
            return (s, lost);
        }
    };
    if v.get("format").and_then(Value::as_str) != Some(STATE_FORMAT) {
        lost.push(Text::new(
            "保存的数据不是本工具的格式，已忽略。",
            "The saved data was not in this tool's format and was ignored.",
        ));
        return (s, lost);
    }
    s.flow = Flow::from_id(v.get("flow").and_then(Value::as_str).unwrap_or("start"));
    s.step = v.get("step").and_then(Value::as_u64).unwrap_or(0).min(64) as usize;
    s.large_type = v
        .get("large_type")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if let Some(drafts) = v.get("drafts").and_then(Value::as_object) {
        for (path, d) in drafts {
            let Some(raw) = d.get("raw").and_then(Value::as_str) else {
                continue;
            };
            let error = d
                .get("error")
                .and_then(|e| Some(Text::new(e.get("zh")?.as_str()?, e.get("en")?.as_str()?)));
            if kind_of_path(path).is_some() {
                s.drafts.insert(
                    path.clone(),
                    Draft {
                        raw: raw.to_string(),
                        error,
                    },
                );
            }
        }
    }
    // The trainer's sample: kept if it still reads, else quietly dropped (the trainer picks
    // it again; none of the user's answers are in it).
    if let Some(t) = v.get("trainer") {
        let sample = t.get("sample").and_then(Value::as_str).unwrap_or("");
        let answers = t.get("answers").cloned().map(Answers::from_value);
        if let (false, Some(Ok(a))) = (sample.is_empty(), answers) {
            s.trainer = Some(TrainerDemo {
                sample: sample.to_string(),
                kind: a.kind(),
                answers: Rc::new(a.to_value()),
                drafts: BTreeMap::new(),
            });
        }
    }
    for kind in [AnswersKind::Park, AnswersKind::Organisation] {
        if let Some(saved) = v.get(kind_id(kind)) {
            let (answers, dropped) = recover_answers(saved.clone(), kind);
            *s.answers_json_mut(kind) = answers.to_value();
            lost.extend(dropped);
        }
    }
    (s, lost)
}

/// Reads an answers value, dropping fields that fail (one at a time, by the path the error
/// names) until the rest reads. Older versions migrate through the core.
pub fn recover_answers(mut value: Value, kind: AnswersKind) -> (Answers, Vec<Text>) {
    let mut dropped = Vec::new();
    for _ in 0..32 {
        match Answers::from_value(value.clone()) {
            Ok(a) if a.kind() == kind => return (a, dropped),
            Ok(_) => break,
            Err(e) if !e.path.is_empty() && get_path(&value, &e.path).is_some() => {
                dropped.push(Text::new(
                    format!("已恢复保存的答案，但字段 {} 无法读取，已清除。", e.path),
                    format!(
                        "Saved answers recovered, but field {} could not be read and was cleared.",
                        e.path
                    ),
                ));
                set_path(&mut value, &e.path, Value::Null);
            }
            Err(_) => break,
        }
    }
    if dropped.is_empty() {
        dropped.push(Text::new(
            "保存的答案无法读取，已重新开始。",
            "The saved answers could not be read; starting afresh.",
        ));
    }
    let empty = Answers::from_value(empty_answers(kind));
    match empty {
        Ok(a) => (a, dropped),
        Err(_) => (Answers::Park(Default::default()), dropped),
    }
}

// ---- share links: in the core (`engine::share`), re-exported for the views ----------------------

pub use crate::engine::share::{decode_share_fragment, share_fragment};
