//! The widget's state: which flow and step the user is on, the answers of each flow as JSON
//! (the answers file format of `engine::answers`), and what the user typed that is not yet a
//! valid answer (drafts, with their messages). Views only dispatch [`Action`]s.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::{json, Map, Value};
use yew::Reducible;

use super::i18n::{tr, trf, Key, Lang};
use crate::engine::answers::{Answers, AnswersError, AnswersKind, ANSWERS_FORMAT, ANSWERS_VERSION};
use crate::engine::limits::{self, MAX_ROWS};
use crate::policy::Text;

/// A text answer as it may be kept: without control or bidi characters and within its bound
/// (the field's `maxlength` says the same; this holds for pasted and scripted input too).
fn bounded_text(path: &str, value: Value) -> Value {
    let Value::String(text) = value else {
        return value;
    };
    let (clean, _) = limits::clean_text(&text);
    let max = limits::max_chars(path);
    let kept: String = if clean.len() > max {
        clean.chars().take(max).collect()
    } else {
        clean.into_owned()
    };
    Value::String(kept)
}

/// Rows that did not fit in a table (`0`: the one the user tried to add).
fn rows_refused(left_out: usize) -> Notice {
    let max = MAX_ROWS.to_string();
    let n = left_out.to_string();
    let key = if left_out == 0 {
        Key::TableFull
    } else {
        Key::RowsLeftOut
    };
    Notice {
        text: Text::new(
            trf(Lang::Zh, key, &[("max", &max), ("n", &n)]),
            trf(Lang::En, key, &[("max", &max), ("n", &n)]),
        ),
        is_error: true,
    }
}

/// A chrome string in both languages.
pub fn chrome(key: Key) -> Text {
    Text::new(tr(Lang::Zh, key), tr(Lang::En, key))
}

fn name_or_unnamed(v: &Value) -> Text {
    match answers_name(v) {
        Some(n) => Text::new(format!("“{n}”"), format!("“{n}”")),
        None => chrome(Key::Unnamed),
    }
}

/// Three-way merge of one flow's answers, field by field: a field only one side changed since
/// `base` takes that side's value; a field both changed to different values keeps `mine` and is
/// reported in `conflicts`. `None` when the result is `mine` unchanged.
pub fn merge_answers(
    base: &Value,
    mine: &Value,
    theirs: &Value,
    kind: &str,
    conflicts: &mut Vec<String>,
    taken: &mut Vec<String>,
) -> Option<Value> {
    if mine == theirs || theirs == base {
        return None;
    }
    let empty = Map::new();
    let fields = |v: &'_ Value| -> Map<String, Value> {
        v.get(kind)
            .and_then(Value::as_object)
            .unwrap_or(&empty)
            .clone()
    };
    let (b, m, t) = (fields(base), fields(mine), fields(theirs));
    let mut out = m.clone();
    let mut changed = false;
    let keys: std::collections::BTreeSet<&String> =
        b.keys().chain(m.keys()).chain(t.keys()).collect();
    for key in keys {
        let (bv, mv, tv) = (b.get(key), m.get(key), t.get(key));
        if mv == tv || tv == bv {
            continue;
        }
        if mv == bv {
            match tv {
                Some(v) => out.insert(key.clone(), v.clone()),
                None => out.remove(key),
            };
            taken.push(path::key(kind, key));
            changed = true;
        } else {
            conflicts.push(path::key(kind, key));
        }
    }
    if !changed {
        return None;
    }
    let mut merged = mine.clone();
    if let Some(obj) = merged.as_object_mut() {
        obj.insert(kind.to_string(), Value::Object(out));
    }
    Some(merged)
}

/// Which part of the widget is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Flow {
    #[default]
    Start,
    Park,
    Organisation,
    Trainer,
    /// 对比: several answers sets side by side (issue 16).
    Compare,
}

impl Flow {
    pub fn id(self) -> &'static str {
        match self {
            Flow::Start => "start",
            Flow::Park => "park",
            Flow::Organisation => "organisation",
            Flow::Trainer => "trainer",
            Flow::Compare => "compare",
        }
    }
    pub fn from_id(id: &str) -> Flow {
        match id {
            "park" => Flow::Park,
            "organisation" => Flow::Organisation,
            "trainer" => Flow::Trainer,
            "compare" => Flow::Compare,
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
    /// Answers from a share link that differ from the saved ones: shown with the choice
    /// "打开分享的答案 / 保留我的答案" until the user makes it (saved, so a reload keeps asking).
    pub pending_share: Option<Rc<Value>>,
    /// The answers file set aside by the last such choice (the one not chosen), restorable.
    pub previous: Option<Rc<Value>>,
    /// Why the latest state is not in storage; `None` once a write succeeds.
    pub unsaved: Option<Unsaved>,
    /// Parts of the saved record could not be read: its original is kept under `…:backup`
    /// until the user has dismissed the notice that says so.
    pub recovered: bool,
    /// Issue 10: table cells the user has been in and left (`park.roster[3].uscc`). A cell left
    /// empty says what it needs neutrally until then, not in red.
    pub touched: BTreeSet<String>,
    /// Issue 10: the user has asked for the results (the review step): every empty cell's
    /// requirement is shown as a problem from then on.
    pub show_missing: bool,
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

/// Why the state is not saved (said for as long as it is true).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsaved {
    /// The browser's storage is full.
    Full,
    /// The browser's storage is off or refuses access.
    Off,
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
            pending_share: None,
            previous: None,
            unsaved: None,
            recovered: false,
            touched: BTreeSet::new(),
            show_missing: false,
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

/// The kind an answers value is about (`"kind"`), if it says.
pub fn kind_of_answers(v: &Value) -> Option<AnswersKind> {
    match v.get("kind").and_then(Value::as_str) {
        Some("park") => Some(AnswersKind::Park),
        Some("organisation") => Some(AnswersKind::Organisation),
        _ => None,
    }
}

/// Whether an answers value holds no answer at all.
pub fn is_empty_answers(v: &Value) -> bool {
    kind_of_answers(v)
        .and_then(|k| v.get(kind_id(k)))
        .and_then(Value::as_object)
        .is_none_or(|o| o.values().all(Value::is_null))
}

/// The name the answers give (park or organisation name), for telling two versions apart.
pub fn answers_name(v: &Value) -> Option<String> {
    let k = kind_id(kind_of_answers(v)?);
    let name = v.get(k)?.get("name")?.as_str()?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

fn flow_of(kind: AnswersKind) -> Flow {
    match kind {
        AnswersKind::Park => Flow::Park,
        AnswersKind::Organisation => Flow::Organisation,
    }
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
    /// Forgets typed text under a path prefix (answers replaced, or rows that moved), and which
    /// of those fields the user had left.
    fn drop_drafts(&mut self, prefix: &str) {
        self.drafts.retain(|k, _| !k.starts_with(prefix));
        self.touched.retain(|k| !k.starts_with(prefix));
    }
    /// The answers kind the current screen works on.
    pub fn active_kind(&self) -> Option<AnswersKind> {
        match self.flow {
            Flow::Park => Some(AnswersKind::Park),
            Flow::Organisation => Some(AnswersKind::Organisation),
            Flow::Trainer => self.trainer.as_ref().map(|t| t.kind),
            Flow::Start | Flow::Compare => None,
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
    /// Issue 10: a roster file's rows when the table has rows: `true` 追加 (merged by
    /// 统一社会信用代码, `roster::merge::append`), `false` 替换.
    ImportRows(String, Vec<Value>, bool),
    /// Issue 10: the user left this table cell.
    Touched(String),
    /// Issue 10: the user asked for the results: empty cells' requirements show as problems.
    ShowMissing,
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
    /// A share link arrived (at load or by `hashchange`): loaded at once when it changes
    /// nothing the user has, else held for the user's choice.
    ShareArrived(Answers),
    /// The user's choice on a held share link: `true` opens it, `false` keeps their answers.
    /// Either way the other version becomes [`State::previous`].
    ShareChoice(bool),
    /// Swap the current answers of the previous version's kind with the previous version.
    RestorePrevious,
    /// Another tab saved the record: merge its answers into ours field by field.
    OtherTab(Box<OtherTab>),
    /// Whether the latest state reached storage.
    SaveStatus(Option<Unsaved>),
}

/// What another tab wrote, with what this tab last knew of the record (the common base).
pub struct OtherTab {
    pub base: State,
    pub theirs: State,
    /// The policy's label of an answer path, for the notice about fields both tabs changed.
    pub label: Rc<dyn Fn(&str) -> Text>,
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
                    let value = bounded_text(&path, value);
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
                    let full = rows.len() >= MAX_ROWS;
                    if !full {
                        rows.push(Value::Object(Map::new()));
                    }
                    set_path(v, &path, rows_value(rows));
                    if full {
                        s.notices.push(rows_refused(0));
                    }
                }
            }
            Action::AppendRows(path, new_rows) => {
                if let Some((v, _)) = s.edit_target(&path) {
                    let mut rows = take_rows(v, &path);
                    // A table holds at most MAX_ROWS rows whatever adds them (an import on top
                    // of rows typed meanwhile): the rest are not added, and that is said.
                    let room = MAX_ROWS.saturating_sub(rows.len());
                    let left_out = new_rows.len().saturating_sub(room);
                    rows.extend(new_rows.into_iter().take(room));
                    set_path(v, &path, rows_value(rows));
                    if left_out > 0 {
                        s.notices.push(rows_refused(left_out));
                    }
                }
            }
            Action::ImportRows(path, new_rows, append) => {
                if let Some((v, drafts)) = s.edit_target(&path) {
                    let rows = take_rows(v, &path);
                    let before = if append { rows.clone() } else { Vec::new() };
                    let (rows, count) = if append {
                        crate::roster::merge::append(rows, new_rows)
                    } else {
                        crate::roster::merge::replace(new_rows)
                    };
                    // What was typed stays as typed (1350万 is not redrawn as 13500000) where
                    // the merge left the cell as it was; a merged cell or a replaced row shows
                    // its new value.
                    let prefix = format!("{path}[");
                    drafts.retain(|k, _| {
                        let Some(rest) = k.strip_prefix(&prefix) else {
                            return true;
                        };
                        let Some((i, field)) = rest.split_once("].") else {
                            return false;
                        };
                        let Ok(i) = i.parse::<usize>() else {
                            return false;
                        };
                        let cell = |rows: &[Value]| rows.get(i).and_then(|r| r.get(field)).cloned();
                        append && i < before.len() && cell(&before) == cell(&rows)
                    });
                    set_path(v, &path, rows_value(rows));
                    if !append {
                        s.touched.retain(|k| !k.starts_with(&prefix));
                    }
                    if count.left_out > 0 {
                        s.notices.push(rows_refused(count.left_out));
                    }
                }
            }
            Action::Touched(path) => {
                if s.touched.contains(&path) {
                    return self;
                }
                s.touched.insert(path);
            }
            Action::ShowMissing => {
                if s.show_missing {
                    return self;
                }
                s.show_missing = true;
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
                    // Cells the user left keep that mark on the row they moved with.
                    s.touched = shift_rows(&s.touched, &prefix, index);
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
                s.show_missing = false;
            }
            Action::Notice(n) => s.notices.push(n),
            Action::DismissNotices => {
                s.notices.clear();
                s.recovered = false;
            }
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
            Action::ShareArrived(answers) => {
                let kind = answers.kind();
                let shared = answers.to_value();
                let mine = s.answers_json(kind);
                if is_empty_answers(mine) || *mine == shared {
                    s.drop_drafts(&format!("{}.", kind_id(kind)));
                    *s.answers_json_mut(kind) = shared;
                    s.notices.push(Notice {
                        text: chrome(Key::ShareLoaded),
                        is_error: false,
                    });
                } else {
                    s.pending_share = Some(Rc::new(shared));
                }
                if s.flow != flow_of(kind) {
                    s.step = 0;
                }
                s.flow = flow_of(kind);
            }
            Action::ShareChoice(open) => {
                let Some(shared) = s.pending_share.take() else {
                    return self;
                };
                let Some(kind) = kind_of_answers(&shared) else {
                    return Rc::new(s);
                };
                let mine = s.answers_rc(kind).clone();
                let (kept, set_aside) = if open {
                    s.drop_drafts(&format!("{}.", kind_id(kind)));
                    *s.answers_json_mut(kind) = (*shared).clone();
                    (shared, mine)
                } else {
                    (mine, shared)
                };
                let kept_name = name_or_unnamed(&kept);
                let aside_name = name_or_unnamed(&set_aside);
                let key = if open {
                    Key::ShareOpened
                } else {
                    Key::ShareKeptMine
                };
                s.notices.push(Notice {
                    text: Text::new(
                        trf(
                            Lang::Zh,
                            key,
                            &[("kept", &kept_name.zh), ("aside", &aside_name.zh)],
                        ),
                        trf(
                            Lang::En,
                            key,
                            &[("kept", &kept_name.en), ("aside", &aside_name.en)],
                        ),
                    ),
                    is_error: false,
                });
                s.previous = Some(set_aside);
            }
            Action::RestorePrevious => {
                let Some(previous) = s.previous.take() else {
                    return self;
                };
                let Some(kind) = kind_of_answers(&previous) else {
                    return Rc::new(s);
                };
                s.drop_drafts(&format!("{}.", kind_id(kind)));
                let current = s.answers_rc(kind).clone();
                *s.answers_json_mut(kind) = (*previous).clone();
                s.previous = Some(current);
                if s.flow != flow_of(kind) {
                    s.step = 0;
                }
                s.flow = flow_of(kind);
            }
            Action::OtherTab(other) => {
                let OtherTab {
                    base,
                    theirs,
                    label,
                } = *other;
                let mut conflicts = Vec::new();
                let mut taken = Vec::new();
                let mut changed = false;
                for kind in [AnswersKind::Park, AnswersKind::Organisation] {
                    let mine = s.answers_rc(kind);
                    let merged = merge_answers(
                        base.answers_json(kind),
                        mine,
                        theirs.answers_json(kind),
                        kind_id(kind),
                        &mut conflicts,
                        &mut taken,
                    );
                    if let Some(merged) = merged {
                        changed = true;
                        *s.answers_json_mut(kind) = merged;
                    }
                }
                // A field taken from the other tab comes with what was typed there (drafts);
                // elsewhere the other tab's drafts fill only paths this tab has none for.
                let under = |path: &str, field: &str| {
                    path == field
                        || path.starts_with(&format!("{field}."))
                        || path.starts_with(&format!("{field}["))
                };
                for field in &taken {
                    s.drafts.retain(|p, _| !under(p, field));
                }
                for (path, draft) in theirs.drafts {
                    let from_taken = taken.iter().any(|f| under(&path, f));
                    if from_taken
                        || (!s.drafts.contains_key(&path) && base.drafts.get(&path) != Some(&draft))
                    {
                        s.drafts.insert(path, draft);
                        changed = true;
                    }
                }
                for (mine, base_v, theirs_v) in [
                    (
                        &mut s.pending_share,
                        &base.pending_share,
                        theirs.pending_share,
                    ),
                    (&mut s.previous, &base.previous, theirs.previous),
                ] {
                    if *mine == *base_v && theirs_v != *base_v {
                        *mine = theirs_v;
                        changed = true;
                    }
                }
                if !conflicts.is_empty() {
                    let names: Vec<Text> = conflicts.iter().map(|p| label(p)).collect();
                    let join = |zh: bool| {
                        names
                            .iter()
                            .map(|t| if zh { t.zh.as_str() } else { t.en.as_str() })
                            .collect::<Vec<_>>()
                            .join(if zh { "、" } else { ", " })
                    };
                    s.notices.push(Notice {
                        text: Text::new(
                            trf(Lang::Zh, Key::OtherTabConflict, &[("fields", &join(true))]),
                            trf(Lang::En, Key::OtherTabConflict, &[("fields", &join(false))]),
                        ),
                        is_error: true,
                    });
                    changed = true;
                }
                // Nothing new: the same state, so nothing re-renders or is written back (two tabs
                // must not echo each other's writes).
                if !changed {
                    return self;
                }
            }
            Action::SaveStatus(status) => {
                if s.unsaved == status {
                    return self;
                }
                s.unsaved = status;
            }
        }
        Rc::new(s)
    }
}

// ---- JSON paths: the core's one grammar (`park.roster[3].uscc`, `x.map["id.with.dots"]`) --------

use crate::engine::path;

/// Takes the rows of the table at `path` out (leaving `Null`), to change them without a copy;
/// no rows if there is no table there.
fn take_rows(root: &mut Value, path: &str) -> Vec<Value> {
    match path::get_mut(root, path) {
        Some(Value::Array(rows)) => std::mem::take(rows),
        _ => Vec::new(),
    }
}

/// A table's value: its rows, or nothing (`Null` removes the key) when there are none.
/// `park.roster[k].x` marks after a removed row `index`: that row's dropped, later rows' moved
/// up one.
fn shift_rows(marks: &BTreeSet<String>, prefix: &str, index: usize) -> BTreeSet<String> {
    marks
        .iter()
        .filter_map(|k| {
            let Some(rest) = k.strip_prefix(prefix) else {
                return Some(k.clone());
            };
            let (n, tail) = rest.split_once(']')?;
            let n: usize = n.parse().ok()?;
            match n.cmp(&index) {
                std::cmp::Ordering::Less => Some(k.clone()),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(format!("{prefix}{}]{tail}", n - 1)),
            }
        })
        .collect()
}

fn rows_value(rows: Vec<Value>) -> Value {
    if rows.is_empty() {
        Value::Null
    } else {
        Value::Array(rows)
    }
}

pub fn get_path<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    path::get(root, path)
}

/// Sets `path` to `value`, creating objects on the way; `Null` removes a key. A path that does
/// not read, or a row that is not there, changes nothing.
pub fn set_path(root: &mut Value, path: &str, value: Value) {
    let _ = path::set(root, path, value);
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pending_share: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<&'a Value>,
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
        pending_share: s.pending_share.as_deref(),
        previous: s.previous.as_deref(),
        trainer: s.trainer.as_ref().map(|t| SavedTrainer {
            sample: &t.sample,
            answers: &t.answers,
        }),
    };
    // Serialising borrowed strings and JSON values cannot fail.
    serde_json::to_string(&saved).unwrap_or_default()
}

/// Reads a saved record, recovering every part that reads. Returns the state and, when parts
/// were dropped, one grouped notice naming them (the caller keeps the original as a backup).
pub fn from_saved(text: &str) -> (State, Option<Text>) {
    let mut s = State::default();
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => {
            return (
                s,
                Some(Text::new(
                    "保存的数据已损坏，无法读取，已重新开始（原始数据已备份）。",
                    "The saved data was corrupt and could not be read; starting afresh (the original is kept as a backup).",
                )),
            );
        }
    };
    if v.get("format").and_then(Value::as_str) != Some(STATE_FORMAT) {
        return (
            s,
            Some(Text::new(
                "保存的数据不是本工具的格式，已忽略（原始数据已备份）。",
                "The saved data was not in this tool's format and was ignored (the original is kept as a backup).",
            )),
        );
    }
    let mut dropped: Vec<String> = Vec::new();
    s.flow = Flow::from_id(v.get("flow").and_then(Value::as_str).unwrap_or("start"));
    s.step = v.get("step").and_then(Value::as_u64).unwrap_or(0).min(64) as usize;
    s.large_type = v
        .get("large_type")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if let Some(drafts) = v.get("drafts").and_then(Value::as_object) {
        for (path, d) in drafts {
            let Some(raw) = d.get("raw").and_then(Value::as_str) else {
                dropped.push(format!("drafts.{path}"));
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
            let (answers, lost) = recover_answers(saved.clone(), kind);
            *s.answers_json_mut(kind) = answers.to_value();
            dropped.extend(lost);
        }
    }
    for (name, slot) in [
        ("pending_share", &mut s.pending_share),
        ("previous", &mut s.previous),
    ] {
        let Some(saved) = v.get(name).filter(|x| !x.is_null()) else {
            continue;
        };
        match kind_of_answers(saved) {
            Some(kind) => {
                let (answers, lost) = recover_answers(saved.clone(), kind);
                *slot = Some(Rc::new(answers.to_value()));
                dropped.extend(lost.into_iter().map(|p| format!("{name}:{p}")));
            }
            None => dropped.push(name.to_string()),
        }
    }
    if dropped.is_empty() {
        return (s, None);
    }
    s.recovered = true;
    (s, Some(dropped_notice(&dropped)))
}

/// How many dropped parts the notice names; the rest are counted.
const NAMED_IN_NOTICE: usize = 12;

/// One notice for everything recovery dropped.
fn dropped_notice(dropped: &[String]) -> Text {
    let shown = dropped
        .iter()
        .take(NAMED_IN_NOTICE)
        .map(String::as_str)
        .collect::<Vec<_>>();
    let more = dropped.len().saturating_sub(NAMED_IN_NOTICE);
    let n = dropped.len().to_string();
    let (mut zh, mut en) = (shown.join("、"), shown.join(", "));
    if more > 0 {
        zh.push_str(&format!(" 等，另有 {more} 项"));
        en.push_str(&format!(", and {more} more"));
    }
    Text::new(
        trf(Lang::Zh, Key::RecoveredParts, &[("n", &n), ("list", &zh)]),
        trf(Lang::En, Key::RecoveredParts, &[("n", &n), ("list", &en)]),
    )
}

/// Reads an answers value, keeping every part that reads: in one pass, each field is read on its
/// own; a table keeps its readable rows (and, in a row that fails, its readable fields); a map
/// keeps its readable entries. Returns the answers and the paths of what was dropped, however
/// many. Older versions migrate through the core first.
pub fn recover_answers(value: Value, kind: AnswersKind) -> (Answers, Vec<String>) {
    if let Ok(a) = Answers::from_value(value.clone()) {
        if a.kind() == kind {
            return (a, Vec::new());
        }
    }
    let k = kind_id(kind);
    let empty = || {
        Answers::from_value(empty_answers(kind)).unwrap_or(match kind {
            AnswersKind::Park => Answers::Park(Default::default()),
            AnswersKind::Organisation => Answers::Organisation(Default::default()),
        })
    };
    let migrated = crate::engine::migrate::migrate(value.clone()).unwrap_or(value);
    let Some(fields) = migrated.get(k).and_then(Value::as_object) else {
        return (empty(), vec![k.to_string()]);
    };
    // Reads `{k: {key: v}}` alone.
    let reads = |key: &str, v: &Value| -> bool {
        let mut one = empty_answers(kind);
        set_field(&mut one, k, key, v.clone());
        matches!(Answers::from_value(one), Ok(a) if a.kind() == kind)
    };
    let mut dropped = Vec::new();
    let mut kept = Map::new();
    for (key, v) in fields {
        if reads(key, v) {
            kept.insert(key.clone(), v.clone());
            continue;
        }
        match v {
            Value::Array(rows) => {
                let mut good = Vec::with_capacity(rows.len());
                for (i, row) in rows.iter().enumerate() {
                    if reads(key, &Value::Array(vec![row.clone()])) {
                        good.push(row.clone());
                        continue;
                    }
                    let Value::Object(cells) = row else {
                        dropped.push(path::index(&path::key(k, key), i));
                        continue;
                    };
                    let mut fixed = Map::new();
                    for (cell, cv) in cells {
                        let mut one = Map::new();
                        one.insert(cell.clone(), cv.clone());
                        if reads(key, &Value::Array(vec![Value::Object(one)])) {
                            fixed.insert(cell.clone(), cv.clone());
                        } else {
                            dropped.push(path::key(&path::index(&path::key(k, key), i), cell));
                        }
                    }
                    good.push(Value::Object(fixed));
                }
                if !good.is_empty() {
                    kept.insert(key.clone(), Value::Array(good));
                }
            }
            Value::Object(entries) => {
                let mut good = Map::new();
                for (entry, ev) in entries {
                    let mut one = Map::new();
                    one.insert(entry.clone(), ev.clone());
                    if reads(key, &Value::Object(one)) {
                        good.insert(entry.clone(), ev.clone());
                    } else {
                        dropped.push(path::key(&path::key(k, key), entry));
                    }
                }
                if !good.is_empty() {
                    kept.insert(key.clone(), Value::Object(good));
                }
            }
            _ => dropped.push(path::key(k, key)),
        }
    }
    let mut out = empty_answers(kind);
    if let Some(obj) = out.as_object_mut() {
        obj.insert(k.to_string(), Value::Object(kept));
    }
    match Answers::from_value(out) {
        Ok(a) if a.kind() == kind => (a, dropped),
        // Parts that read alone but not together (a rule across fields): start afresh, and say
        // the whole flow was dropped.
        _ => (empty(), vec![k.to_string()]),
    }
}

fn set_field(file: &mut Value, kind: &str, key: &str, v: Value) {
    if let Some(obj) = file.get_mut(kind).and_then(Value::as_object_mut) {
        obj.insert(key.to_string(), v);
    }
}

// ---- share links: in the core (`engine::share`), re-exported for the views ----------------------

pub use crate::engine::share::{decode_share_fragment, share_fragment};
