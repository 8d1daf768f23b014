//! The widget's state: which flow and step the user is on, the answers of each flow as the
//! core's typed store (`engine::store::AnswerStore`: each field typed by its declaration in the
//! edition, keyed by path), and what the user typed that is not yet a valid answer (drafts, with
//! their messages). Views only dispatch domain [`Action`]s (set an answer, don't know, add or
//! remove a row, import rows, set a material …). JSON exists only at the edges: the saved record,
//! share links, answers files and the document worker.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::Arc;

use serde_json::{json, Map, Value};
use yew::Reducible;

use super::i18n::{tr, trf, Key, Lang};
use crate::engine::answers::{
    AnswersError, AnswersKind, MaterialStatus, ANSWERS_FORMAT, ANSWERS_VERSION,
};
use crate::engine::limits::{self, MAX_ROWS};
use crate::engine::store::{self, AnswerStore, Declarations, MergeCount, Row};
use crate::policy::{Edition, Identity, Text};

/// A text answer as it may be kept: without control or bidi characters and within its bound
/// (the field's `maxlength` says the same; this holds for pasted and scripted input too).
fn bounded_text(path: &str, value: store::Value) -> store::Value {
    let store::Value::Text(text) = value else {
        return value;
    };
    let (clean, _) = limits::clean_text(&text);
    let max = limits::max_chars(path);
    let kept: String = if clean.chars().count() > max {
        clean.chars().take(max).collect()
    } else {
        clean.into_owned()
    };
    store::Value::Text(kept)
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

/// A refusal of the store (a value that does not fit its field), said, never dropped silently.
fn refused(text: Text) -> Notice {
    Notice {
        text,
        is_error: true,
    }
}

/// A chrome string in both languages.
pub fn chrome(key: Key) -> Text {
    Text::new(tr(Lang::Zh, key), tr(Lang::En, key))
}

fn name_or_unnamed(v: &AnswerStore) -> Text {
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

/// What the reducer did with a roster file's rows (review R7): the import report says this
/// count, so what it says is what the table holds (a view's own re-reading of the rows could
/// differ when a cell was refused).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowsImported {
    /// The table's answer path (`park.roster`).
    pub table: String,
    /// Rows in the table before the import.
    pub before: usize,
    /// 追加 (`true`) or 替换.
    pub append: bool,
    pub count: MergeCount,
    /// Cells of the file's rows the table's declarations refused (`park.roster[2].service_format`),
    /// left empty; the report names them by their labels.
    pub dropped: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub flow: Flow,
    pub step: usize,
    /// Each flow's typed answers, shared between successive states so that an action which
    /// does not touch them (a step, a page, a notice) costs no copy of a 10,000-row roster.
    pub park: Rc<AnswerStore>,
    pub organisation: Rc<AnswerStore>,
    pub drafts: BTreeMap<String, Draft>,
    pub notices: Vec<Notice>,
    pub large_type: bool,
    /// The page shown of each table (by answer path), for long rosters.
    pub table_pages: BTreeMap<String, usize>,
    /// The sample the trainer is demonstrating: its own answers, never a flow's (issue 12 item 2).
    pub trainer: Option<TrainerDemo>,
    /// Answers from a share link that differ from the saved ones: shown with the choice
    /// "打开分享的答案 / 保留我的答案" until the user makes it (saved, so a reload keeps asking).
    pub pending_share: Option<Rc<AnswerStore>>,
    /// The answers set aside by the last such choice (the one not chosen), restorable.
    pub previous: Option<Rc<AnswerStore>>,
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
    /// The language the user switched to (on the start screen or the top bar); `None`: the
    /// host's. Saved, and handed over by the start module, so a reload or a host `update()`
    /// that changes something else keeps it (review R2).
    pub lang: Option<Lang>,
    /// The as-of date the user picked (评估日期); `None`: the host's `as-of`, else today.
    /// Saved and handed over for the same reasons.
    pub as_of: Option<chrono::NaiveDate>,
    /// The last roster import, as the reducer counted it (not saved: a report of this page).
    pub imported: Option<RowsImported>,
}

/// A trainer sample being demonstrated. What-if changes go here; the user's own answers of
/// each flow are never read or written while the trainer shows a sample.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainerDemo {
    /// The sample's id (`park-passes`), to mark the chosen sample.
    pub sample: String,
    pub kind: AnswersKind,
    pub answers: Rc<AnswerStore>,
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

/// A state with no edition behind it (the edition did not load): nothing can be answered. Equal
/// to a fresh [`State::new`] of any edition (stores compare by their answers).
impl Default for State {
    fn default() -> Self {
        State::with(
            Arc::new(Declarations::none(AnswersKind::Park)),
            Arc::new(Declarations::none(AnswersKind::Organisation)),
        )
    }
}

pub fn kind_id(kind: AnswersKind) -> &'static str {
    match kind {
        AnswersKind::Park => "park",
        AnswersKind::Organisation => "organisation",
    }
}

/// An answers file with nothing answered (JSON: for the edges that write files).
pub fn empty_answers(kind: AnswersKind) -> Value {
    let k = kind_id(kind);
    json!({ "format": ANSWERS_FORMAT, "version": ANSWERS_VERSION, "kind": k, k: {} })
}

/// The kind an answers JSON value is about (`"kind"`), if it says.
pub fn kind_of_answers(v: &Value) -> Option<AnswersKind> {
    match v.get("kind").and_then(Value::as_str) {
        Some("park") => Some(AnswersKind::Park),
        Some("organisation") => Some(AnswersKind::Organisation),
        _ => None,
    }
}

/// Whether a store holds no answer at all.
pub fn is_empty_answers(a: &AnswerStore) -> bool {
    *a == AnswerStore::empty(a.declarations().clone())
}

/// The name the answers give (park or organisation name: the field the edition declares as
/// `identifies` name), for telling two versions apart.
pub fn answers_name(a: &AnswerStore) -> Option<String> {
    a.identity(Identity::Name).map(str::to_string)
}

/// Reads an answers file's text (any kind) through the declarations of `like`'s edition.
pub fn read_file(like: &State, text: &str) -> Result<AnswerStore, AnswersError> {
    let value: Value = serde_json::from_str(text).map_err(|e| AnswersError {
        path: String::new(),
        message: format!("not valid JSON: {e}"),
    })?;
    read_any(like, value)
}

/// Reads an answers value of either kind through the declarations of `like`'s edition.
pub fn read_any(like: &State, value: Value) -> Result<AnswerStore, AnswersError> {
    let value = crate::engine::migrate::migrate(value)?;
    let kind = kind_of_answers(&value).ok_or_else(|| AnswersError {
        path: "kind".into(),
        message: "expected \"park\" or \"organisation\"".into(),
    })?;
    read_answers(like.declarations(kind), value)
}

/// Reads an answers JSON value (any supported version, bounded and cleaned by the core's
/// limits) through `decls`: the one reader of the widget's edges (saved state, share links,
/// answers files, samples). Errors name the field in the core's path grammar.
pub fn read_answers(decls: &Arc<Declarations>, value: Value) -> Result<AnswerStore, AnswersError> {
    let mut value = crate::engine::migrate::migrate(value)?;
    limits::check_answers_value(&mut value)?;
    let k = kind_id(decls.kind);
    if kind_of_answers(&value) != Some(decls.kind) {
        return Err(AnswersError {
            path: "kind".into(),
            message: format!("expected \"{k}\""),
        });
    }
    let body = value.get(k).cloned().unwrap_or(Value::Null);
    AnswerStore::read_body(decls.clone(), &body)
}

fn flow_of(kind: AnswersKind) -> Flow {
    match kind {
        AnswersKind::Park => Flow::Park,
        AnswersKind::Organisation => Flow::Organisation,
    }
}

impl State {
    /// A fresh state for `edition`: each flow's answers typed by its declarations.
    pub fn new(edition: &Edition) -> State {
        State::with(
            Arc::new(Declarations::of(edition, AnswersKind::Park)),
            Arc::new(Declarations::of(edition, AnswersKind::Organisation)),
        )
    }
    fn with(park: Arc<Declarations>, organisation: Arc<Declarations>) -> State {
        State {
            flow: Flow::Start,
            step: 0,
            park: Rc::new(AnswerStore::empty(park)),
            organisation: Rc::new(AnswerStore::empty(organisation)),
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
            lang: None,
            as_of: None,
            imported: None,
        }
    }
    /// A fresh state with the same declarations as this one (for reading a saved record).
    pub fn fresh(&self) -> State {
        State::with(
            self.park.declarations().clone(),
            self.organisation.declarations().clone(),
        )
    }
    /// The declarations the answers of `kind` are typed by.
    pub fn declarations(&self, kind: AnswersKind) -> &Arc<Declarations> {
        self.answers_rc(kind).declarations()
    }
    /// The answers of a flow as a shared value: cheap to clone and to compare (by pointer first).
    pub fn answers_rc(&self, kind: AnswersKind) -> &Rc<AnswerStore> {
        match kind {
            AnswersKind::Park => &self.park,
            AnswersKind::Organisation => &self.organisation,
        }
    }
    /// The answers the current screen shows: the sample's in trainer mode, else the flow's.
    pub fn active_answers(&self) -> Option<&Rc<AnswerStore>> {
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
    fn edit_target(
        &mut self,
        path: &str,
    ) -> Option<(&mut AnswerStore, &mut BTreeMap<String, Draft>)> {
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
    fn answers_mut(&mut self, kind: AnswersKind) -> &mut Rc<AnswerStore> {
        match kind {
            AnswersKind::Park => &mut self.park,
            AnswersKind::Organisation => &mut self.organisation,
        }
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
    /// Set the answer at `path` (`park.floor_area_m2`, `park.roster[3].uscc`,
    /// `organisation.already_received["measures.3.brand"]`). Clears a draft.
    SetAnswer(String, store::Value),
    /// The user said "don't know" at `path`. Clears a draft.
    SetDontKnow(String),
    /// Takes the answer at `path` back to not answered. Clears a draft.
    ClearAnswer(String),
    /// What the user typed at `path` (kept verbatim, with its message while invalid), and the
    /// answer it gives (`None` when empty or invalid: the answer is then not answered).
    Typed(String, Draft, Option<store::Value>),
    /// A material of the application: ready / missing, or not answered (`None`).
    SetMaterial(String, Option<MaterialStatus>),
    AddRow(String),
    /// Issue 10: a roster file's rows (as the document worker returns them) for the table at
    /// the path: `true` 追加 (merged by the column the table declares, 统一社会信用代码), `false`
    /// 替换.
    ImportRows(String, Vec<Value>, bool),
    /// Issue 10: the user left this table cell.
    Touched(String),
    /// Issue 10: the user asked for the results: empty cells' requirements show as problems.
    ShowMissing,
    /// Show page `n` of the table at the path.
    TablePage(String, usize),
    RemoveRow(String, usize),
    /// Replace a flow's answers (a sample, a scenario); `notice` says what happened.
    Load(AnswerStore, Option<Notice>),
    /// An answers file the user chose (its name and text) while on the flow of `AnswersKind`:
    /// read through the declarations and loaded into its own flow, or refused naming the field.
    ImportFile(String, String, AnswersKind),
    /// Start a flow's answers afresh.
    Clear(AnswersKind),
    Notice(Notice),
    DismissNotices,
    LargeType(bool),
    /// The user switched the language (`Some`), or the host changed its `lang` (`None`: the
    /// host's wins from then on).
    Lang(Option<Lang>),
    /// The user picked an as-of date (`Some`), or the host changed its `as-of` (`None`).
    AsOf(Option<chrono::NaiveDate>),
    /// Show a trainer sample (its id and answers file) in the trainer's own state.
    TrainerSample(String, String),
    /// Restore a whole state (from storage).
    Restore(Box<State>),
    /// A share link arrived (at load or by `hashchange`): loaded at once when it changes
    /// nothing the user has, else held for the user's choice.
    ShareArrived(AnswerStore),
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

/// The texts of imported rows as they may be kept (as [`bounded_text`]): the store holds only
/// bounded, clean text, so the engine reads it without a bounds pass.
fn bound_rows(rows: &mut [Value]) {
    for cells in rows.iter_mut().filter_map(Value::as_object_mut) {
        for (cell, v) in cells.iter_mut() {
            if let Value::String(t) = v {
                let (clean, _) = limits::clean_text(t);
                let max = limits::max_chars(cell);
                if clean.chars().count() > max || matches!(clean, std::borrow::Cow::Owned(_)) {
                    *t = clean.chars().take(max).collect();
                }
            }
        }
    }
}

/// Rows from the document worker (JSON objects) typed by the table's columns. A row that does
/// not read keeps the cells that do; what was left out is named (`park.roster[3].revenue_yuan`).
fn read_rows(
    store: &AnswerStore,
    table: &str,
    rows: &[Value],
    first: usize,
) -> (Vec<Row>, Vec<String>) {
    if let Ok(all) = store.read_rows(table, rows, first) {
        return (all, Vec::new());
    }
    let mut good = Vec::with_capacity(rows.len());
    let mut lost = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match store.read_rows(table, std::slice::from_ref(row), first + i) {
            Ok(r) => good.extend(r),
            Err(e) => {
                let Value::Object(cells) = row else {
                    lost.push(e.path);
                    continue;
                };
                let kept: Map<String, Value> = cells
                    .iter()
                    .filter(|(c, v)| {
                        let mut one = Map::new();
                        one.insert((*c).clone(), (*v).clone());
                        let ok = store
                            .read_rows(table, &[Value::Object(one)], first + i)
                            .is_ok();
                        if !ok {
                            lost.push(path::key(&path::index(table, first + i), c));
                        }
                        ok
                    })
                    .map(|(c, v)| (c.clone(), v.clone()))
                    .collect();
                good.extend(
                    store
                        .read_rows(table, &[Value::Object(kept)], first + i)
                        .unwrap_or_default(),
                );
            }
        }
    }
    (good, lost)
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
            Action::SetAnswer(path, value) => {
                if let Some((answers, drafts)) = s.edit_target(&path) {
                    drafts.remove(&path);
                    if let Err(m) = answers.set(&path, bounded_text(&path, value)) {
                        s.notices.push(refused(m));
                    }
                }
            }
            Action::SetDontKnow(path) => {
                if let Some((answers, drafts)) = s.edit_target(&path) {
                    drafts.remove(&path);
                    if let Err(m) = answers.set_dont_know(&path) {
                        s.notices.push(refused(m));
                    }
                }
            }
            Action::ClearAnswer(path) => {
                if let Some((answers, drafts)) = s.edit_target(&path) {
                    drafts.remove(&path);
                    // Clearing what is not there (a row removed meanwhile) changes nothing.
                    let _ = answers.clear(&path);
                }
            }
            Action::Typed(path, mut draft, value) => {
                if let Some((answers, drafts)) = s.edit_target(&path) {
                    let set = match value {
                        Some(v) => answers.set(&path, v),
                        None => answers.clear(&path),
                    };
                    // Refused (e.g. out of the field's range): the answer is not given, and
                    // the typed text stays with the message why.
                    if let Err(m) = set {
                        let _ = answers.clear(&path);
                        draft.error.get_or_insert(m);
                    }
                    drafts.insert(path, draft);
                }
            }
            Action::SetMaterial(id, status) => {
                let Some(kind) = s.active_kind() else {
                    return self;
                };
                let path = path::key(&format!("{}.materials", kind_id(kind)), &id);
                if let Some((answers, _)) = s.edit_target(&path) {
                    if let Err(m) = answers.set_material(&id, status) {
                        s.notices.push(refused(m));
                    }
                }
            }
            Action::AddRow(path) => {
                if let Some((answers, _)) = s.edit_target(&path) {
                    let full = answers.rows(&path).len() >= MAX_ROWS;
                    match answers.add_row(&path) {
                        Ok(_) => {}
                        Err(_) if full => s.notices.push(rows_refused(0)),
                        Err(m) => s.notices.push(refused(m)),
                    }
                }
            }
            Action::ImportRows(path, mut new_rows, append) => {
                s.imported = None;
                if let Some((answers, drafts)) = s.edit_target(&path) {
                    bound_rows(&mut new_rows);
                    let (rows, lost) = read_rows(answers, &path, &new_rows, 0);
                    let had = answers.rows(&path).len();
                    let before: Vec<Row> = if append {
                        answers.rows(&path).to_vec()
                    } else {
                        Vec::new()
                    };
                    let count = if append {
                        answers.append_rows(&path, rows)
                    } else {
                        answers.replace_rows(&path, rows)
                    };
                    let after = answers.rows(&path);
                    // What was typed stays as typed (1350万 is not redrawn as 13500000) where
                    // the merge left the cell as it was; a merged cell or a replaced row shows
                    // its new value.
                    drafts.retain(|k, _| {
                        let Some(i) = path::row_in(k, &path) else {
                            return true;
                        };
                        let Some(field) = path::last_key(k) else {
                            return false;
                        };
                        let cell = |rows: &[Row]| rows.get(i).map(|r| r.get(&field).clone());
                        append && i < before.len() && cell(&before) == cell(after)
                    });
                    if !append {
                        s.touched.retain(|k| path::row_in(k, &path).is_none());
                    }
                    match count {
                        Ok(c) => {
                            if c.left_out > 0 {
                                s.notices.push(rows_refused(c.left_out));
                            }
                            s.imported = Some(RowsImported {
                                table: path.clone(),
                                before: had,
                                append,
                                count: c,
                                dropped: lost,
                            });
                        }
                        Err(m) => s.notices.push(refused(m)),
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
                if let Some((answers, drafts)) = s.edit_target(&path) {
                    answers.remove_row(&path, index);
                    // What the user typed in the other rows moves with its row (a draft may be
                    // text that is not an answer yet: dropping it would lose it); the removed
                    // row's drafts go with it.
                    *drafts = std::mem::take(drafts)
                        .into_iter()
                        .filter_map(|(k, d)| shifted_key(&k, &path, index).map(|k| (k, d)))
                        .collect();
                    // Cells the user left keep that mark on the row they moved with.
                    s.touched = shift_rows(&s.touched, &path, index);
                }
            }
            Action::Load(answers, notice) => {
                let kind = answers.kind();
                s.drop_drafts(&format!("{}.", kind_id(kind)));
                *s.answers_mut(kind) = Rc::new(answers);
                s.notices.extend(notice);
            }
            Action::ImportFile(name, text, current) => {
                let notice = |key: Key, why: &str, is_error: bool| Notice {
                    text: Text::new(
                        trf(Lang::Zh, key, &[("name", &name), ("why", why)]),
                        trf(Lang::En, key, &[("name", &name), ("why", why)]),
                    ),
                    is_error,
                };
                match read_file(&s, &text) {
                    Ok(answers) => {
                        let kind = answers.kind();
                        s.drop_drafts(&format!("{}.", kind_id(kind)));
                        *s.answers_mut(kind) = Rc::new(answers);
                        s.notices.push(notice(Key::Imported, "", false));
                        if kind != current {
                            s.notices.push(Notice {
                                text: chrome(Key::WrongKind),
                                is_error: false,
                            });
                            s.step = 0;
                            s.flow = flow_of(kind);
                        }
                    }
                    Err(e) => s
                        .notices
                        .push(notice(Key::ImportFailed, &e.to_string(), true)),
                }
            }
            Action::Clear(kind) => {
                s.drop_drafts(&format!("{}.", kind_id(kind)));
                let empty = AnswerStore::empty(s.declarations(kind).clone());
                *s.answers_mut(kind) = Rc::new(empty);
                s.step = 0;
                s.show_missing = false;
            }
            Action::Notice(n) => s.notices.push(n),
            Action::DismissNotices => {
                s.notices.clear();
                s.recovered = false;
            }
            Action::LargeType(on) => s.large_type = on,
            Action::Lang(l) => s.lang = l,
            Action::AsOf(d) => s.as_of = d,
            Action::TrainerSample(sample, file) => match read_file(&s, &file) {
                Ok(answers) => {
                    s.trainer = Some(TrainerDemo {
                        sample,
                        kind: answers.kind(),
                        answers: Rc::new(answers),
                        drafts: BTreeMap::new(),
                    });
                }
                Err(e) => s
                    .notices
                    .push(refused(Text::new(e.to_string(), e.to_string()))),
            },
            Action::Restore(state) => return Rc::new(*state),
            Action::ShareArrived(shared) => {
                let kind = shared.kind();
                let mine = s.answers_rc(kind);
                if is_empty_answers(mine) || **mine == shared {
                    s.drop_drafts(&format!("{}.", kind_id(kind)));
                    *s.answers_mut(kind) = Rc::new(shared);
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
                let kind = shared.kind();
                let mine = s.answers_rc(kind).clone();
                let (kept, set_aside) = if open {
                    s.drop_drafts(&format!("{}.", kind_id(kind)));
                    *s.answers_mut(kind) = shared.clone();
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
                let kind = previous.kind();
                s.drop_drafts(&format!("{}.", kind_id(kind)));
                let current = std::mem::replace(s.answers_mut(kind), previous);
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
                    // The saved record is an edge: the merge is by field of the answers file.
                    let merged = merge_answers(
                        &base.answers_rc(kind).to_value(),
                        &s.answers_rc(kind).to_value(),
                        &theirs.answers_rc(kind).to_value(),
                        kind_id(kind),
                        &mut conflicts,
                        &mut taken,
                    );
                    let decls = s.declarations(kind).clone();
                    if let Some(merged) = merged.and_then(|m| read_answers(&decls, m).ok()) {
                        changed = true;
                        *s.answers_mut(kind) = Rc::new(merged);
                    }
                }
                // A field taken from the other tab comes with what was typed there (drafts);
                // elsewhere the other tab's drafts fill only paths this tab has none for.
                let under = |p: &str, field: &str| path::within(p, field);
                for field in &taken {
                    s.drafts.retain(|p, _| !under(p, field));
                }
                for (p, draft) in theirs.drafts {
                    let from_taken = taken.iter().any(|f| under(&p, f));
                    if from_taken
                        || (!s.drafts.contains_key(&p) && base.drafts.get(&p) != Some(&draft))
                    {
                        s.drafts.insert(p, draft);
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

use crate::engine::path;

/// `park.roster[k].x` marks after a removed row `index` of `table`: that row's dropped, later
/// rows' moved up one.
fn shift_rows(marks: &BTreeSet<String>, table: &str, index: usize) -> BTreeSet<String> {
    marks
        .iter()
        .filter_map(|k| shifted_key(k, table, index))
        .collect()
}

/// A path's key once row `index` of `table` (`park.roster`) is removed: rows after it move up
/// one, the removed row's keys are gone (`None`), other keys stay (read in the core's path
/// grammar, so a quoted key with dots or brackets is one step).
fn shifted_key(k: &str, table: &str, index: usize) -> Option<String> {
    let Some(n) = path::row_in(k, table) else {
        return Some(k.to_string());
    };
    match n.cmp(&index) {
        std::cmp::Ordering::Less => Some(k.to_string()),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => path::with_row(k, table, n - 1),
    }
}

// ---- saving: one versioned record in localStorage (an edge: the answers as JSON) ----------------

pub const STATE_FORMAT: &str = "hrs-widget-state";
pub const STATE_VERSION: u64 = 1;

/// The saved record: the answers written as their files (the store's one writer).
#[derive(serde::Serialize)]
struct Saved<'a> {
    format: &'static str,
    version: u64,
    flow: &'static str,
    step: usize,
    large_type: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<String>,
    park: Value,
    organisation: Value,
    /// What was typed but is not (yet) a valid answer is kept too: nothing entered is lost.
    drafts: BTreeMap<&'a str, SavedDraft<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pending_share: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<Value>,
    /// The trainer's sample with its what-if changes, apart from the flows' answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    trainer: Option<SavedTrainer<'a>>,
}

#[derive(serde::Serialize)]
struct SavedTrainer<'a> {
    sample: &'a str,
    answers: Value,
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
        lang: s.lang.map(Lang::tag),
        as_of: s.as_of.map(|d| d.to_string()),
        park: s.park.to_value(),
        organisation: s.organisation.to_value(),
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
        pending_share: s.pending_share.as_ref().map(|a| a.to_value()),
        previous: s.previous.as_ref().map(|a| a.to_value()),
        trainer: s.trainer.as_ref().map(|t| SavedTrainer {
            sample: &t.sample,
            answers: t.answers.to_value(),
        }),
    };
    // Serialising strings and JSON values cannot fail.
    serde_json::to_string(&saved).unwrap_or_default()
}

/// Reads a saved record into a state like `like` (its edition's declarations), recovering
/// every part that reads. Returns the state and, when parts were dropped, one grouped notice
/// naming them (the caller keeps the original as a backup).
pub fn from_saved(like: &State, text: &str) -> (State, Option<Text>) {
    let mut s = like.fresh();
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
    // Not a real date or no language: the host's (nothing of the user's is lost by that).
    s.lang = v.get("lang").and_then(Value::as_str).map(Lang::parse);
    s.as_of = v
        .get("as_of")
        .and_then(Value::as_str)
        .and_then(crate::policy::facts::parse_ymd);
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
        let answers = t.get("answers").filter(|_| !sample.is_empty());
        let read = answers.and_then(|a| {
            let kind = kind_of_answers(a)?;
            read_answers(s.declarations(kind), a.clone()).ok()
        });
        if let Some(a) = read {
            s.trainer = Some(TrainerDemo {
                sample: sample.to_string(),
                kind: a.kind(),
                answers: Rc::new(a),
                drafts: BTreeMap::new(),
            });
        }
    }
    for kind in [AnswersKind::Park, AnswersKind::Organisation] {
        if let Some(saved) = v.get(kind_id(kind)) {
            let (answers, lost) = recover_answers(s.declarations(kind), saved.clone());
            *s.answers_mut(kind) = Rc::new(answers);
            dropped.extend(lost);
        }
    }
    for name in ["pending_share", "previous"] {
        let Some(saved) = v.get(name).filter(|x| !x.is_null()) else {
            continue;
        };
        match kind_of_answers(saved) {
            Some(kind) => {
                let (answers, lost) = recover_answers(s.declarations(kind), saved.clone());
                let slot = if name == "previous" {
                    &mut s.previous
                } else {
                    &mut s.pending_share
                };
                *slot = Some(Rc::new(answers));
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

/// Reads an answers value through `decls`, keeping every part that reads. The store's reader
/// names the first bad value by its path in the core's grammar (`park.roster[3].uscc`,
/// `organisation.already_received["measures.3.brand"]`); recovery resets exactly such parts: in
/// one pass, each field is read on its own; a table keeps its readable rows (and, in a row that
/// fails, its readable cells); a map keeps its readable entries. Returns the answers and the
/// paths of what was dropped, however many. Older versions migrate through the core first.
pub fn recover_answers(decls: &Arc<Declarations>, value: Value) -> (AnswerStore, Vec<String>) {
    if let Ok(a) = read_answers(decls, value.clone()) {
        return (a, Vec::new());
    }
    let (kept, dropped) = recover_json(value, decls.kind, &|v| read_answers(decls, v).is_ok());
    match read_answers(decls, kept) {
        Ok(a) => (a, dropped),
        // Parts that read alone but not together (a rule across fields): start afresh, and say
        // the whole flow was dropped.
        Err(_) => (
            AnswerStore::empty(decls.clone()),
            vec![kind_id(decls.kind).to_string()],
        ),
    }
}

/// [`recover_answers`] for an answers file kept as a file (a saved scenario of the comparison),
/// read through `edition`'s declarations: the file as it was when it reads, else the file of
/// what reads.
pub fn recover_answers_file(
    edition: &crate::policy::Edition,
    value: Value,
    kind: AnswersKind,
) -> (Value, Vec<String>) {
    let decls = Arc::new(Declarations::of(edition, kind));
    let reads = |v: Value| read_answers(&decls, v).is_ok();
    if reads(value.clone()) {
        return (value, Vec::new());
    }
    let (kept, dropped) = recover_json(value, kind, &reads);
    if reads(kept.clone()) {
        (kept, dropped)
    } else {
        (empty_answers(kind), vec![kind_id(kind).to_string()])
    }
}

/// The one recovery pass over an answers file: each field alone through `reads`, a table's
/// rows and a failing row's cells alone, a map's entries alone. Returns the file of what reads
/// and the paths (core grammar) of what does not.
fn recover_json(
    value: Value,
    kind: AnswersKind,
    reads: &dyn Fn(Value) -> bool,
) -> (Value, Vec<String>) {
    let k = kind_id(kind);
    let migrated = crate::engine::migrate::migrate(value.clone()).unwrap_or(value);
    let Some(fields) = migrated.get(k).and_then(Value::as_object) else {
        return (empty_answers(kind), vec![k.to_string()]);
    };
    // Reads `{k: {key: v}}` alone.
    let reads = |key: &str, v: &Value| -> bool {
        let mut one = empty_answers(kind);
        set_field(&mut one, k, key, v.clone());
        reads(one)
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
    (out, dropped)
}

fn set_field(file: &mut Value, kind: &str, key: &str, v: Value) {
    if let Some(obj) = file.get_mut(kind).and_then(Value::as_object_mut) {
        obj.insert(key.to_string(), v);
    }
}

// ---- share links: in the core (`engine::share`), re-exported for the views ----------------------

pub use crate::engine::share::{decode_share_fragment, share_fragment};
