//! The answer store: what a user told the widget, typed by the edition's declarations and keyed
//! by path ([`super::path`]).
//!
//! Each field the edition's `questions` declare holds an [`Answer`] of a [`Value`] of its
//! declared kind (yes/no, money 元, area m², count, date, text, choice, list of ids); a table
//! holds [`Row`]s whose cells are typed by the table's `columns`; `materials` and
//! `measure_flags` hold their maps. There is ONE reader from the answers JSON (version 1, or an
//! older version migrated first) through the declarations — no per-field Rust — and one writer
//! back to the same JSON.
//!
//! The store is what the widget edits ([`AnswerStore::set`], [`AnswerStore::set_text`],
//! [`AnswerStore::add_row`] …): every change is checked against the declaration and a refusal is
//! a message for the field, in zh and en.
//!
//! Written back, a file reads as it was read: keys in JSON's sorted order, amounts with the
//! decimals they were given. Two differences from the file as typed are kept on purpose: a
//! count given as text (`"20家"`) is written as the number (`20`), and a `null` field is left out
//! (both read as before).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

use super::answers::{Answer, AnswersError, AnswersKind, MaterialStatus};
use super::answers::{ANSWERS_FORMAT, ANSWERS_VERSION};
use super::limits::{self, MAX_ROWS};
use super::path::{self, Seg};
use super::quantity::{self, QuantityError, QuantityKind};
use crate::policy::{AskIf, Edition, Identity, Question, QuestionKind, Text};

/// A value of a field, typed by the field's declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// yes (`true`) / no (`false`)
    Bool(bool),
    /// free text
    Text(String),
    /// the id of one option of a choice
    Choice(String),
    /// an amount in 元, never negative, with the decimals it was given
    Money(Decimal),
    /// an area in m²
    Area(Decimal),
    /// a whole number
    Count(u32),
    /// a date
    Date(NaiveDate),
    /// the ids of several options
    List(Vec<String>),
}

impl Value {
    /// Money, area or a count as a decimal.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Money(d) | Value::Area(d) => Some(*d),
            Value::Count(n) => Some(Decimal::from(*n)),
            _ => None,
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// Text or a choice's id.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(s) | Value::Choice(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
    pub fn as_list(&self) -> Option<&[String]> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    /// The value as answers JSON.
    fn to_json(&self) -> Json {
        match self {
            Value::Bool(b) => Json::Bool(*b),
            Value::Text(s) | Value::Choice(s) => Json::String(s.clone()),
            Value::Money(d) | Value::Area(d) => Json::String(d.to_string()),
            Value::Count(n) => Json::from(*n),
            Value::Date(d) => Json::String(d.format("%Y-%m-%d").to_string()),
            Value::List(l) => Json::Array(l.iter().cloned().map(Json::String).collect()),
        }
    }

    /// Does this value fit a field of kind `kind`?
    fn fits(&self, kind: QuestionKind) -> bool {
        matches!(
            (self, kind),
            (Value::Bool(_), QuestionKind::YesNo)
                | (Value::Text(_), QuestionKind::Text)
                | (Value::Choice(_), QuestionKind::Choice)
                | (Value::Money(_), QuestionKind::Yuan)
                | (Value::Area(_), QuestionKind::M2)
                | (Value::Count(_), QuestionKind::Count)
                | (Value::Date(_), QuestionKind::Date)
                | (Value::List(_), QuestionKind::MultiChoice)
        )
    }
}

/// Typed reads of one answer (a field's or a cell's), for the readers outside the engine (the
/// documents, the CLI): a value of another kind reads as not answered — the store never holds
/// one, since every value is checked against its declaration on the way in.
impl Answer<Value> {
    fn typed<'a, T>(&'a self, f: impl FnOnce(&'a Value) -> Option<T>) -> Answer<T> {
        match self {
            Answer::Value(v) => f(v).map_or(Answer::NotAnswered, Answer::Value),
            Answer::DontKnow => Answer::DontKnow,
            Answer::NotAnswered => Answer::NotAnswered,
        }
    }
    /// Text or a choice's id.
    pub fn text(&self) -> Answer<&str> {
        self.typed(Value::as_str)
    }
    pub fn yes_no(&self) -> Answer<bool> {
        self.typed(Value::as_bool)
    }
    /// Money, area or a count as a decimal.
    pub fn number(&self) -> Answer<Decimal> {
        self.typed(Value::number)
    }
    pub fn count(&self) -> Answer<u32> {
        self.typed(|v| match v {
            Value::Count(n) => Some(*n),
            _ => None,
        })
    }
    pub fn date(&self) -> Answer<NaiveDate> {
        self.typed(Value::as_date)
    }
    pub fn list(&self) -> Answer<&[String]> {
        self.typed(Value::as_list)
    }
}

/// The measure-flags answers (`already_received`): measure id → yes / no / don't know.
pub type MeasureFlags = BTreeMap<String, Answer<bool>>;

/// One field's declaration, as the store needs it: its key (the last step of its path), kind,
/// option ids and, for a table, its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDecl {
    pub key: String,
    pub kind: QuestionKind,
    pub options: Vec<String>,
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub columns: Vec<FieldDecl>,
    /// For a table: the column a re-imported row is merged by (`uscc`), as the edition says.
    pub merge_by: Option<String>,
    /// Whom a text answer names (the applicant's name …), as the edition says.
    pub identifies: Vec<Identity>,
    /// The question's `ask_if`, with its gate resolved to a position among the same
    /// declarations (resolved once, when the declarations are made: the engine reads a field's
    /// relevance on every read of it).
    pub ask_if: Option<Gate>,
}

/// A field's `ask_if` gate ([`crate::policy::AskIf`]) resolved among its declarations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gate {
    /// The position of the gate's yes/no field; `None` when these declarations have no yes/no
    /// field at its path (then the gate reads as unanswered).
    pub at: Option<usize>,
    pub equals: bool,
    pub or_unanswered: bool,
}

impl FieldDecl {
    fn of(q: &Question) -> FieldDecl {
        FieldDecl {
            key: field_key(q).into_owned(),
            kind: q.kind,
            options: q.options.iter().map(|o| o.id.clone()).collect(),
            min: q.min,
            max: q.max,
            columns: q.columns.iter().map(FieldDecl::of).collect(),
            merge_by: q.merge_by.clone(),
            identifies: q.identifies.clone(),
            ask_if: None,
        }
    }

    /// Was this declaration made from `q` (its gate aside, which [`Declarations::of_edition`]
    /// compares)?
    fn describes(&self, q: &Question) -> bool {
        let key_of_path = q
            .path
            .strip_suffix(self.key.as_str())
            .is_some_and(|head| head.is_empty() || head.ends_with('.'));
        key_of_path
            && self.kind == q.kind
            && self.min == q.min
            && self.max == q.max
            && self.merge_by == q.merge_by
            && self.identifies == q.identifies
            && self.options.len() == q.options.len()
            && self.options.iter().zip(&q.options).all(|(a, b)| *a == b.id)
            && self.columns.len() == q.columns.len()
            && self
                .columns
                .iter()
                .zip(&q.columns)
                .all(|(c, q)| c.describes(q))
    }

    /// The column `key` of a table.
    pub fn column(&self, key: &str) -> Option<&FieldDecl> {
        self.columns.iter().find(|c| c.key == key)
    }
}

/// The fields an edition declares for one kind of answers, sorted by key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declarations {
    pub kind: AnswersKind,
    /// The content hash of the edition they were made from (for display and logs; whether a
    /// store can be read as it is under an edition is [`Declarations::of_edition`]).
    pub edition: String,
    fields: Vec<FieldDecl>,
    /// What they were made from, question by question in the edition's order: the question's
    /// position among `fields` and its `ask_if` as written ([`Declarations::of_edition`]
    /// compares these with an edition's questions, not its hash, which an in-memory edit keeps).
    made_from: Vec<(usize, Option<AskIf>)>,
    /// Where the questions they were made from live (address and length of the edition's
    /// question list): the same list under the same hash is read without comparing.
    made_at: (usize, usize),
    /// The positions of `fields` by key (`floor_area_m2`): the one look-up of a field, by key
    /// or by full path (the engine reads the edition's field paths often: one hash, one compare).
    by_key: KeyIndex,
}

type KeyIndex = std::collections::HashMap<
    String,
    usize,
    std::hash::BuildHasherDefault<crate::policy::FxHasher>,
>;

impl Declarations {
    /// The declarations of `kind` in `edition`'s `questions`.
    pub fn of(edition: &Edition, kind: AnswersKind) -> Declarations {
        let qs = match kind {
            AnswersKind::Park => &edition.questions.park,
            AnswersKind::Organisation => &edition.questions.organisation,
        };
        let mut fields: Vec<FieldDecl> = qs.iter().map(FieldDecl::of).collect();
        fields.sort_by(|a, b| a.key.cmp(&b.key));
        fields.dedup_by(|a, b| a.key == b.key);
        let by_key = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.key.clone(), i))
            .collect();
        let mut decls = Declarations {
            kind,
            edition: edition.content_hash.clone(),
            fields,
            by_key,
            made_from: Vec::with_capacity(qs.len()),
            made_at: (qs.as_ptr() as usize, qs.len()),
        };
        // Each gate by its position (a gate is a field of the same kind: `park.x` gates `park.y`).
        let kind_key = kind_key(kind);
        for q in qs {
            let i = decls.position(&field_key(q));
            decls
                .made_from
                .push((i.unwrap_or(usize::MAX), q.ask_if.clone()));
            let (Some(g), Some(i)) = (q.ask_if.as_ref(), i) else {
                continue;
            };
            let at = g
                .path
                .strip_prefix(kind_key)
                .and_then(|r| r.strip_prefix('.'))
                .and_then(|k| decls.position(k))
                .filter(|&j| decls.fields[j].kind == QuestionKind::YesNo);
            decls.fields[i].ask_if = Some(Gate {
                at,
                equals: g.equals,
                or_unanswered: g.or_unanswered,
            });
        }
        decls
    }

    /// The position of the answer that names `who` (the applicant's name, the body applying,
    /// its code), as the edition's `identifies` declares it: the one place the documents, the
    /// comparison and the engine find it.
    pub fn identity_position(&self, who: Identity) -> Option<usize> {
        self.fields.iter().position(|d| d.identifies.contains(&who))
    }

    /// The path of the answer that names `who` (`park.name`, `organisation.uscc`).
    pub fn identity_path(&self, who: Identity) -> Option<String> {
        let d = self.fields.get(self.identity_position(who)?)?;
        Some(format!("{}.{}", kind_key(self.kind), d.key))
    }

    /// The position of the field at `path` (`park.floor_area_m2`; `None`: not a field of these
    /// declarations).
    pub fn position_of_path(&self, path: &str) -> Option<usize> {
        let key = path.strip_prefix(kind_key(self.kind))?.strip_prefix('.')?;
        self.position(key)
    }

    /// Do these declarations say what `edition`'s questions of their kind say (each field's
    /// key, kind, options, bounds, columns, merge key, identities and gate)? Then a store typed
    /// by them is read under `edition` as it is. Compared, not trusted to the content hash: an
    /// edition edited in memory keeps its hash; one that differs only in texts reads alike.
    /// The very question list they were made from (same address, length and hash: the
    /// evaluation of a widget's own store) is not compared again — an edit in place of the
    /// edition a store was made from is the one case this trusts.
    pub fn of_edition(&self, edition: &Edition) -> bool {
        let qs = match self.kind {
            AnswersKind::Park => &edition.questions.park,
            AnswersKind::Organisation => &edition.questions.organisation,
        };
        if self.made_at == (qs.as_ptr() as usize, qs.len()) && self.edition == edition.content_hash
        {
            return true;
        }
        qs.len() == self.made_from.len()
            && qs.iter().zip(&self.made_from).all(|(q, (i, gate))| {
                q.ask_if == *gate && self.fields.get(*i).is_some_and(|d| d.describes(q))
            })
    }

    /// The field `key` (`floor_area_m2`, `roster`).
    pub fn field(&self, key: &str) -> Option<&FieldDecl> {
        self.position(key).map(|i| &self.fields[i])
    }

    /// The position of field `key` among the declarations (a store's slot).
    pub fn position(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    pub fn fields(&self) -> &[FieldDecl] {
        &self.fields
    }

    /// No fields at all: the answers of a widget whose edition did not load (nothing can be
    /// set; every such store is empty and equal to an empty store of the same kind).
    pub fn none(kind: AnswersKind) -> Declarations {
        Declarations {
            kind,
            edition: String::new(),
            fields: Vec::new(),
            by_key: KeyIndex::default(),
            made_from: Vec::new(),
            made_at: (0, 0),
        }
    }
}

/// The key of a question's field: the last step of its path.
fn field_key(q: &Question) -> std::borrow::Cow<'_, str> {
    match path::parse(&q.path).ok().and_then(|s| s.into_iter().last()) {
        Some(Seg::Key(k)) => k,
        _ => std::borrow::Cow::Borrowed(q.path.as_str()),
    }
}

fn kind_key(kind: AnswersKind) -> &'static str {
    match kind {
        AnswersKind::Park => "park",
        AnswersKind::Organisation => "organisation",
    }
}

/// One row of a table: its cells by column key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    cells: BTreeMap<String, Answer<Value>>,
}

impl Row {
    /// The cell of column `key` (not answered when absent).
    pub fn get(&self, key: &str) -> &Answer<Value> {
        self.cells.get(key).unwrap_or(&NOT_ANSWERED)
    }
    /// The cell's value, if it has one.
    pub fn value(&self, key: &str) -> Option<&Value> {
        self.get(key).value()
    }
    /// The text of a text or choice cell ("" when it has none).
    pub fn text(&self, key: &str) -> &str {
        self.value(key).and_then(Value::as_str).unwrap_or("")
    }
    pub fn cells(&self) -> impl Iterator<Item = (&str, &Answer<Value>)> {
        self.cells.iter().map(|(k, v)| (k.as_str(), v))
    }
    /// This row with the cell of column `key` set to `a` (removed when not answered): for a
    /// reader that types its cells itself (the roster importer).
    pub fn with(mut self, key: &str, a: Answer<Value>) -> Row {
        self.put(key, a);
        self
    }
    /// The row as answers JSON (the cells that say something).
    pub fn to_json(&self) -> Json {
        Json::Object(
            self.cells
                .iter()
                .filter_map(|(k, a)| Some((k.clone(), answer_json(a)?)))
                .collect(),
        )
    }
    fn put(&mut self, key: &str, a: Answer<Value>) {
        if a.is_not_answered() {
            self.cells.remove(key);
        } else {
            self.cells.insert(key.to_string(), a);
        }
    }
}

static NOT_ANSWERED: Answer<Value> = Answer::NotAnswered;

/// What one field of the store holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A single answer.
    One(Answer<Value>),
    /// Materials: ready / missing, by material id.
    Materials(BTreeMap<String, MaterialStatus>),
    /// Yes / no / don't know by measure id (“already received”).
    Flags(BTreeMap<String, Answer<bool>>),
}

/// What a 追加 or 替换 of rows did ([`AnswerStore::append_rows`], [`AnswerStore::replace_rows`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct MergeCount {
    /// Rows in the file.
    pub incoming: usize,
    /// Rows added at the end (a key not in the table, or none).
    pub added: usize,
    /// Rows merged into a row with the same key (统一社会信用代码).
    pub merged: usize,
    /// Rows not added because the table is full ([`MAX_ROWS`]).
    pub left_out: usize,
}

/// A row's merge key as compared (a table's declared `merge_by` column, 统一社会信用代码): its
/// text without spaces, in upper case; `None` when that leaves nothing.
pub fn merge_key(text: &str) -> Option<String> {
    let key: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    (!key.is_empty()).then_some(key)
}

/// 追加, the one rule for any kind of row: a row of `incoming` whose `key` is already held by a
/// row of `rows` is folded into the first such row (`fold`: the incoming values win where they
/// say something); the others are added at the end, up to [`MAX_ROWS`] (the rest counted as
/// left out). Incoming rows are matched against the rows there before, so two rows of one file
/// with one key are not folded together (the import flags them as duplicates).
pub fn append_by_key<R>(
    rows: &mut Vec<R>,
    incoming: Vec<R>,
    key: impl Fn(&R) -> Option<String>,
    mut fold: impl FnMut(&mut R, R),
) -> MergeCount {
    let mut count = MergeCount {
        incoming: incoming.len(),
        ..MergeCount::default()
    };
    let mut by_key = std::collections::HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(k) = key(r) {
            by_key.entry(k).or_insert(i);
        }
    }
    for new in incoming {
        match key(&new).and_then(|k| by_key.get(&k).copied()) {
            Some(i) => {
                if let Some(target) = rows.get_mut(i) {
                    fold(target, new);
                }
                count.merged += 1;
            }
            None if rows.len() < MAX_ROWS => {
                rows.push(new);
                count.added += 1;
            }
            None => count.left_out += 1,
        }
    }
    count
}

/// Typed answers of one kind (park or organisation), keyed by path.
#[derive(Debug, Clone)]
pub struct AnswerStore {
    decls: Arc<Declarations>,
    /// What each declared field holds, by its position in the declarations (sorted by key):
    /// a field is found with one search of the declarations, not a second one by name.
    entries: Vec<Option<Entry>>,
    /// Tables' rows, by table key.
    tables: BTreeMap<String, Vec<Row>>,
}

impl PartialEq for AnswerStore {
    fn eq(&self, other: &Self) -> bool {
        self.decls.kind == other.decls.kind
            && self.held().eq(other.held())
            && self.tables == other.tables
    }
}
impl Eq for AnswerStore {}

fn err(path: impl Into<String>, message: impl Into<String>) -> AnswersError {
    AnswersError {
        path: path.into(),
        message: message.into(),
    }
}

/// Not answered (`null` → `Some(false)`), don't know (`Some(true)`), or a value (`None`).
fn state(v: &Json) -> Option<bool> {
    match v {
        Json::Null => Some(false),
        Json::Object(m) if m.len() == 1 && m.get("dont_know") == Some(&Json::Bool(true)) => {
            Some(true)
        }
        _ => None,
    }
}

fn quantity_kind(kind: QuestionKind) -> Option<(QuantityKind, &'static str)> {
    Some(match kind {
        QuestionKind::Yuan => (QuantityKind::Money, "amount in yuan"),
        QuestionKind::M2 => (QuantityKind::Area, "area in m²"),
        QuestionKind::Count => (QuantityKind::Count, "count"),
        _ => return None,
    })
}

/// Reads one answer of a field declared `d` (a scalar kind) from JSON.
fn read_answer(d: &FieldDecl, v: &Json) -> Result<Answer<Value>, String> {
    match state(v) {
        Some(false) => return Ok(Answer::NotAnswered),
        Some(true) => return Ok(Answer::DontKnow),
        None => {}
    }
    let value = match d.kind {
        QuestionKind::YesNo => Value::Bool(
            v.as_bool()
                .ok_or_else(|| format!("expected true or false, found {v}"))?,
        ),
        QuestionKind::Text => Value::Text(
            v.as_str()
                .ok_or_else(|| format!("expected a text, found {v}"))?
                .to_string(),
        ),
        QuestionKind::Choice => {
            let id = v
                .as_str()
                .ok_or_else(|| format!("expected the id of an option, found {v}"))?;
            Value::Choice(id.to_string())
        }
        QuestionKind::Yuan | QuestionKind::M2 | QuestionKind::Count => {
            let (qk, what) = quantity_kind(d.kind).unwrap_or((QuantityKind::Count, "count"));
            let n = super::answers::parse_decimal_value(v, qk, what)?;
            match d.kind {
                QuestionKind::Yuan => Value::Money(n),
                QuestionKind::M2 => Value::Area(n),
                _ => Value::Count(
                    u32::try_from(n).map_err(|_| format!("count: {v} is not a whole number"))?,
                ),
            }
        }
        QuestionKind::Date => Value::Date(
            v.as_str()
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                .ok_or_else(|| format!("expected a date YYYY-MM-DD, found {v}"))?,
        ),
        QuestionKind::MultiChoice => Value::List(
            v.as_array()
                .and_then(|a| {
                    a.iter()
                        .map(|x| x.as_str().map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or_else(|| format!("expected a list of ids, found {v}"))?,
        ),
        QuestionKind::Table | QuestionKind::Materials | QuestionKind::MeasureFlags => {
            return Err("not a single answer".into())
        }
    };
    // A file, link, saved record or import is held to the same bounds as what the user sets
    // (options, min–max): a value the declaration forbids is refused here, at its path, not
    // later by the engine with no field named.
    check_value(d, &value).map_err(|t| t.en)?;
    Ok(Answer::Value(value))
}

/// Like [`read_answer`], an amount or area taken as the decimal it is, without the reader's
/// bounds: for answers another reader already took (the engine's checked arithmetic is the
/// line that holds for any number).
fn read_answer_as_is(d: &FieldDecl, v: &Json) -> Result<Answer<Value>, String> {
    if matches!(d.kind, QuestionKind::Yuan | QuestionKind::M2) {
        if let Some(n) = v.as_str().and_then(|s| s.parse::<Decimal>().ok()) {
            return Ok(Answer::Value(if d.kind == QuestionKind::Yuan {
                Value::Money(n)
            } else {
                Value::Area(n)
            }));
        }
    }
    read_answer(d, v)
}

/// Reads a row of table `t` at `at` (`park.roster[3]`).
fn read_row(t: &FieldDecl, v: &Json, at: &str) -> Result<Row, AnswersError> {
    let Json::Object(m) = v else {
        return Err(err(at, format!("expected a row (an object), found {v}")));
    };
    let mut row = Row::default();
    for (k, x) in m {
        let p = path::key(at, k);
        let c = t
            .column(k)
            .ok_or_else(|| err(&p, format!("unknown field `{k}`")))?;
        let a = read_answer(c, x).map_err(|m| err(&p, m))?;
        row.put(k, a);
    }
    Ok(row)
}

fn read_table(d: &FieldDecl, v: &Json, at: &str) -> Result<Vec<Row>, AnswersError> {
    match v {
        Json::Null => Ok(Vec::new()),
        Json::Array(rows) => rows
            .iter()
            .enumerate()
            .map(|(i, r)| read_row(d, r, &path::index(at, i)))
            .collect(),
        other => Err(err(at, format!("expected a list of rows, found {other}"))),
    }
}

fn read_entry(d: &FieldDecl, v: &Json, at: &str) -> Result<Entry, AnswersError> {
    Ok(match d.kind {
        QuestionKind::Materials => Entry::Materials(match v {
            Json::Null => BTreeMap::new(),
            Json::Object(m) => m
                .iter()
                .map(|(k, x)| {
                    let s = match x.as_str() {
                        Some("ready") => MaterialStatus::Ready,
                        Some("missing") => MaterialStatus::Missing,
                        _ => {
                            return Err(err(
                                path::key(at, k),
                                format!("expected \"ready\" or \"missing\", found {x}"),
                            ))
                        }
                    };
                    Ok((k.clone(), s))
                })
                .collect::<Result<_, _>>()?,
            other => {
                return Err(err(
                    at,
                    format!("expected a map of materials, found {other}"),
                ))
            }
        }),
        QuestionKind::MeasureFlags => Entry::Flags(match v {
            Json::Null => BTreeMap::new(),
            Json::Object(m) => m
                .iter()
                .map(|(k, x)| {
                    let a = match state(x) {
                        Some(false) => Answer::NotAnswered,
                        Some(true) => Answer::DontKnow,
                        None => Answer::Value(x.as_bool().ok_or_else(|| {
                            err(
                                path::key(at, k),
                                format!("expected true or false, found {x}"),
                            )
                        })?),
                    };
                    Ok((k.clone(), a))
                })
                .collect::<Result<_, _>>()?,
            other => return Err(err(at, format!("expected a map of yes/no, found {other}"))),
        }),
        _ => Entry::One(read_answer(d, v).map_err(|m| err(at, m))?),
    })
}

fn answer_json(a: &Answer<Value>) -> Option<Json> {
    match a {
        Answer::NotAnswered => None,
        Answer::DontKnow => Some(serde_json::json!({"dont_know": true})),
        Answer::Value(v) => Some(v.to_json()),
    }
}

fn rows_json(rows: &[Row]) -> Option<Json> {
    if rows.is_empty() {
        return None;
    }
    Some(Json::Array(rows.iter().map(Row::to_json).collect()))
}

/// A row serialises as its answers JSON (an import's rows, sent to the widget).
impl serde::Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

fn entry_json(e: &Entry) -> Option<Json> {
    match e {
        Entry::One(a) => answer_json(a),
        Entry::Materials(m) if m.is_empty() => None,
        Entry::Materials(m) => Some(Json::Object(
            m.iter()
                .map(|(k, s)| {
                    let s = match s {
                        MaterialStatus::Ready => "ready",
                        MaterialStatus::Missing => "missing",
                    };
                    (k.clone(), Json::String(s.into()))
                })
                .collect(),
        )),
        Entry::Flags(m) if m.is_empty() => None,
        Entry::Flags(m) => Some(Json::Object(
            m.iter()
                .map(|(k, a)| {
                    let v = match a {
                        Answer::NotAnswered => Json::Null,
                        Answer::DontKnow => serde_json::json!({"dont_know": true}),
                        Answer::Value(b) => Json::Bool(*b),
                    };
                    (k.clone(), v)
                })
                .collect(),
        )),
    }
}

/// A message for the field (zh / en).
fn msg(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(zh.into(), en.into())
}

/// What a count's declared bounds allow, naming only the bounds declared (a question with a
/// `min` alone is “at least 3”, not “between 3 and 4294967295”). The store's refusal and the
/// CLI's message say it alike.
pub fn bounds_words(min: Option<u32>, max: Option<u32>) -> Text {
    match (min, max) {
        (Some(lo), Some(hi)) => msg(
            format!("应在 {lo} 到 {hi} 之间"),
            format!("should be between {lo} and {hi}"),
        ),
        (Some(lo), None) => msg(format!("应不少于 {lo}"), format!("should be at least {lo}")),
        (None, Some(hi)) => msg(format!("应不超过 {hi}"), format!("should be at most {hi}")),
        (None, None) => msg("应为整数", "should be a whole number"),
    }
}

/// Where a path points in the store.
enum Place<'p> {
    /// A field (`park.floor_area_m2`, `park.roster`).
    Field(String),
    /// A cell (`park.roster[3].uscc`): table, row, column.
    Cell(String, usize, String),
    /// A key of a map field (`organisation.already_received["measures.3.brand"]`).
    MapKey(String, std::borrow::Cow<'p, str>),
}

impl AnswerStore {
    /// An empty store of `kind` for `edition`.
    pub fn new(edition: &Edition, kind: AnswersKind) -> AnswerStore {
        AnswerStore::empty(Arc::new(Declarations::of(edition, kind)))
    }

    /// An empty store over these declarations.
    pub fn empty(decls: Arc<Declarations>) -> AnswerStore {
        AnswerStore {
            decls,
            entries: Vec::new(),
            tables: BTreeMap::new(),
        }
    }

    pub fn kind(&self) -> AnswersKind {
        self.decls.kind
    }

    pub fn declarations(&self) -> &Arc<Declarations> {
        &self.decls
    }

    fn kind_key(&self) -> &'static str {
        kind_key(self.decls.kind)
    }

    /// Reads an answers file (any supported version) through `edition`'s declarations. Errors
    /// name the field.
    pub fn from_json(edition: &Edition, text: &str) -> Result<AnswerStore, AnswersError> {
        let value: Json =
            serde_json::from_str(text).map_err(|e| err("", format!("not valid JSON: {e}")))?;
        AnswerStore::from_value(edition, value)
    }

    /// Like [`AnswerStore::from_json`], from a parsed value.
    pub fn from_value(edition: &Edition, value: Json) -> Result<AnswerStore, AnswersError> {
        let mut value = super::migrate::migrate(value)?;
        limits::check_answers_value(&mut value)?;
        let Json::Object(mut top) = value else {
            return Err(err("", "expected a JSON object"));
        };
        let kind = match top.get("kind") {
            Some(Json::String(k)) if k == "park" => AnswersKind::Park,
            Some(Json::String(k)) if k == "organisation" => AnswersKind::Organisation,
            Some(other) => {
                return Err(err(
                    "kind",
                    format!("unknown variant {other}, expected one of `park`, `organisation`"),
                ))
            }
            None => return Err(err("", "missing field `kind`")),
        };
        let (this, other) = match kind {
            AnswersKind::Park => ("park", "organisation"),
            AnswersKind::Organisation => ("organisation", "park"),
        };
        if top.contains_key(other) {
            return Err(err(other, format!("not allowed when kind is \"{this}\"")));
        }
        for k in top.keys() {
            if !matches!(
                k.as_str(),
                "format" | "version" | "kind" | "park" | "organisation"
            ) {
                return Err(err(k.as_str(), format!("unknown field `{k}`")));
            }
        }
        let body = top.remove(this).unwrap_or(Json::Null);
        AnswerStore::read_body(Arc::new(Declarations::of(edition, kind)), &body)
    }

    /// Reads the object under `park` / `organisation` through `decls`.
    pub fn read_body(decls: Arc<Declarations>, body: &Json) -> Result<AnswerStore, AnswersError> {
        let mut store = AnswerStore::empty(decls);
        let at = store.kind_key();
        let fields = match body {
            Json::Null => return Ok(store),
            Json::Object(m) => m,
            other => return Err(err(at, format!("expected an object, found {other}"))),
        };
        for (k, v) in fields {
            let p = path::key(at, k);
            let d = store
                .decls
                .field(k)
                .ok_or_else(|| err(&p, format!("unknown field `{k}`")))?;
            if d.kind == QuestionKind::Table {
                let rows = read_table(d, v, &p)?;
                if !rows.is_empty() {
                    store.tables.insert(k.clone(), rows);
                }
            } else {
                // A `null` holds nothing (as when the field is left out), so a file and what it
                // writes back read as equal.
                let e = read_entry(d, v, &p)?;
                if !matches!(e, Entry::One(Answer::NotAnswered)) {
                    store.put_entry(k, Some(e));
                }
            }
        }
        Ok(store)
    }

    /// Like [`AnswerStore::read_body`], keeping what reads: a field or column `decls` does not
    /// declare is left out (it cannot count: the engine reads declared fields only) and a value
    /// that does not read is left out with its error. For answers already read by another
    /// reader or under another edition's declarations, handed to the engine.
    pub fn read_lenient(decls: Arc<Declarations>, body: &Json) -> (AnswerStore, Vec<AnswersError>) {
        let mut store = AnswerStore::empty(decls);
        let mut errors = Vec::new();
        let Json::Object(fields) = body else {
            return (store, errors);
        };
        let at = store.kind_key();
        let decls = Arc::clone(&store.decls);
        for (k, v) in fields {
            let Some(d) = decls.field(k) else { continue };
            let p = path::key(at, k);
            if d.kind == QuestionKind::Table {
                let Json::Array(rows) = v else {
                    errors.push(err(&p, "expected a list of rows"));
                    continue;
                };
                let rows: Vec<Row> = rows
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| {
                        let mut row = Row::default();
                        // Left out, as the widget's reader leaves it out, and said.
                        let Json::Object(m) = r else {
                            errors.push(err(path::index(&p, i), "expected a row (an object)"));
                            return None;
                        };
                        for (c, x) in m {
                            let Some(cd) = d.column(c) else { continue };
                            match read_answer_as_is(cd, x) {
                                Ok(a) => row.put(c, a),
                                Err(m) => errors.push(err(path::key(&path::index(&p, i), c), m)),
                            }
                        }
                        Some(row)
                    })
                    .collect();
                if !rows.is_empty() {
                    store.tables.insert(k.clone(), rows);
                }
            } else {
                let e = match d.kind {
                    QuestionKind::Materials | QuestionKind::MeasureFlags => read_entry(d, v, &p),
                    _ => read_answer_as_is(d, v)
                        .map(Entry::One)
                        .map_err(|m| err(&p, m)),
                };
                match e {
                    Ok(e) => store.put_entry(k, Some(e)),
                    Err(e) => errors.push(e),
                }
            }
        }
        (store, errors)
    }

    /// The answers as a current-version JSON value.
    pub fn to_value(&self) -> Json {
        let body: Map<String, Json> = self
            .held()
            .filter_map(|(k, e)| Some((k.to_string(), entry_json(e)?)))
            .chain(
                self.tables
                    .iter()
                    .filter_map(|(k, r)| Some((k.clone(), rows_json(r)?))),
            )
            .collect();
        let mut top = Map::new();
        top.insert("format".into(), Json::String(ANSWERS_FORMAT.into()));
        top.insert("version".into(), Json::from(ANSWERS_VERSION));
        top.insert("kind".into(), Json::String(self.kind_key().into()));
        top.insert(self.kind_key().into(), Json::Object(body));
        Json::Object(top)
    }

    /// The answers as current-version, pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// Where `p` points, checked against the declarations.
    fn place<'p>(&self, p: &'p str) -> Result<(Place<'p>, &FieldDecl), Text> {
        let bad = || {
            msg(
                format!("无法识别的字段路径：{p}"),
                format!("not a field of these answers: {p}"),
            )
        };
        let segs = path::parse(p).map_err(|e| msg(e.clone(), e))?;
        let mut it = segs.into_iter();
        match it.next() {
            Some(Seg::Key(k)) if k == self.kind_key() => {}
            _ => return Err(bad()),
        }
        let Some(Seg::Key(field)) = it.next() else {
            return Err(bad());
        };
        let d = self.decls.field(&field).ok_or_else(bad)?;
        let place = match (it.next(), it.next(), it.next()) {
            (None, _, _) => (Place::Field(field.into_owned()), d),
            (Some(Seg::Index(i)), Some(Seg::Key(col)), None) if d.kind == QuestionKind::Table => {
                let c = d.column(&col).ok_or_else(bad)?;
                (Place::Cell(field.into_owned(), i, col.into_owned()), c)
            }
            (Some(Seg::Key(k)), None, None)
                if matches!(d.kind, QuestionKind::Materials | QuestionKind::MeasureFlags) =>
            {
                (Place::MapKey(field.into_owned(), k), d)
            }
            _ => return Err(bad()),
        };
        Ok(place)
    }

    /// The entry of field `key`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(self.decls.position(key)?)?.as_ref()
    }

    /// The fields that hold something, in key order, with what they hold.
    fn held(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.decls
            .fields()
            .iter()
            .zip(&self.entries)
            .filter_map(|(d, e)| Some((d.key.as_str(), e.as_ref()?)))
    }

    /// Puts (or, with `None`, removes) the entry of declared field `key`.
    fn put_entry(&mut self, key: &str, e: Option<Entry>) {
        let Some(i) = self.decls.position(key) else {
            return;
        };
        if self.entries.len() <= i {
            if e.is_none() {
                return;
            }
            self.entries.resize_with(self.decls.fields().len(), || None);
        }
        if let Some(slot) = self.entries.get_mut(i) {
            *slot = e;
        }
    }

    /// The entry of declared field `key`, to change.
    fn entry_mut(&mut self, key: &str) -> Option<&mut Option<Entry>> {
        let i = self.decls.position(key)?;
        if self.entries.len() <= i {
            self.entries.resize_with(self.decls.fields().len(), || None);
        }
        self.entries.get_mut(i)
    }

    /// The answer at a field or cell path (`park.floor_area_m2`, `park.roster[3].uscc`); not
    /// answered when the path is declared but holds nothing, `None` when it is not a single
    /// answer of these answers.
    pub fn get(&self, p: &str) -> Option<&Answer<Value>> {
        match self.place(p).ok()?.0 {
            Place::Field(k) => match self.entry(&k) {
                Some(Entry::One(a)) => Some(a),
                None => Some(&NOT_ANSWERED),
                Some(_) => None,
            },
            Place::Cell(t, i, c) => Some(self.rows(&t).get(i)?.get(&c)),
            Place::MapKey(..) => None,
        }
    }

    /// The declaration of field `key` and its answer (not answered when it holds none or is not
    /// a single answer), with one search.
    pub fn declared_field(&self, key: &str) -> Option<(&FieldDecl, &Answer<Value>)> {
        let i = self.decls.position(key)?;
        let a = match self.entries.get(i) {
            Some(Some(Entry::One(a))) => a,
            _ => &NOT_ANSWERED,
        };
        Some((&self.decls.fields()[i], a))
    }

    /// The single answer of the field at `position` among the declarations (not answered when
    /// it holds none or is not a single answer).
    pub fn answer_at(&self, position: usize) -> &Answer<Value> {
        match self.entries.get(position) {
            Some(Some(Entry::One(a))) => a,
            _ => &NOT_ANSWERED,
        }
    }

    /// The text naming `who` (the edition's `identifies`), trimmed; `None` when not declared,
    /// not answered or blank.
    pub fn identity(&self, who: Identity) -> Option<&str> {
        let text = self
            .answer_at(self.decls.identity_position(who)?)
            .value()?
            .as_str()?
            .trim();
        (!text.is_empty()).then_some(text)
    }

    /// The answer at a field or cell path, not answered where [`AnswerStore::get`] has none:
    /// for readers that only show answers (the documents).
    pub fn answer(&self, p: &str) -> &Answer<Value> {
        self.get(p).unwrap_or(&NOT_ANSWERED)
    }

    /// The answer of field `key` of this kind (`floor_area_m2`), without parsing a path.
    pub fn field(&self, key: &str) -> &Answer<Value> {
        match self.entry(key) {
            Some(Entry::One(a)) => a,
            _ => &NOT_ANSWERED,
        }
    }

    /// Sets the answer at a field or cell path. Refused (with a message for the field) when the
    /// path is not declared, the value is not of the field's kind, a choice is not one of its
    /// options, a count is outside its `min`–`max`, or the row does not exist.
    pub fn set(&mut self, p: &str, value: Value) -> Result<(), Text> {
        let (place, d) = self.place(p)?;
        // A key of a map field (a measure flag, a material) takes yes / no.
        let kind = match place {
            Place::MapKey(..) => QuestionKind::YesNo,
            _ => d.kind,
        };
        if !value.fits(kind) {
            return Err(msg(
                format!("{p} 的答复类型不对"),
                format!("{p} takes another kind of answer"),
            ));
        }
        check_value(d, &value)?;
        self.put(place, Answer::Value(value))
    }

    /// Reads `raw` as typed in the field at `p` (the one quantity reader for numbers,
    /// `YYYY-MM-DD` for dates, 是/否 for yes/no, cleaned text) and sets it; an empty text clears
    /// the answer. The message says what is wrong, for the field.
    pub fn set_text(&mut self, p: &str, raw: &str) -> Result<(), Text> {
        let (place, d) = self.place(p)?;
        let kind = match place {
            Place::MapKey(..) => QuestionKind::YesNo,
            _ => d.kind,
        };
        let t = raw.trim();
        if t.is_empty() && kind != QuestionKind::Text {
            return self.put(place, Answer::NotAnswered);
        }
        let value = match kind {
            QuestionKind::YesNo => Value::Bool(match t {
                "true" | "是" | "yes" | "Yes" | "YES" | "y" | "Y" => true,
                "false" | "否" | "no" | "No" | "NO" | "n" | "N" => false,
                _ => {
                    return Err(msg(
                        format!("“{t}”应为“是”或“否”"),
                        format!("“{t}” should be yes or no"),
                    ))
                }
            }),
            QuestionKind::Text => {
                let (clean, _) = limits::clean_text(raw);
                let max = limits::max_chars(p);
                let n = clean.chars().count();
                if n > max {
                    return Err(limits::too_long(n, max));
                }
                Value::Text(clean.into_owned())
            }
            QuestionKind::Choice => Value::Choice(t.to_string()),
            QuestionKind::Yuan | QuestionKind::M2 | QuestionKind::Count => {
                let (qk, _) = quantity_kind(kind).unwrap_or((QuantityKind::Count, "count"));
                let n = match quantity::read(qk, t) {
                    Ok(Some(n)) => n,
                    Ok(None) => return self.put(place, Answer::NotAnswered),
                    Err(e) => return Err(e.message(qk)),
                };
                match kind {
                    QuestionKind::Yuan => Value::Money(n),
                    QuestionKind::M2 => Value::Area(n),
                    _ => Value::Count(
                        u32::try_from(n)
                            .map_err(|_| QuantityError::TooPrecise.message(QuantityKind::Count))?,
                    ),
                }
            }
            QuestionKind::Date => {
                Value::Date(NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
                    msg(
                        format!("{t} 不是有效日期（应为 YYYY-MM-DD，如 2024-09-30）"),
                        format!("{t} is not a valid date (YYYY-MM-DD, e.g. 2024-09-30)"),
                    )
                })?)
            }
            QuestionKind::MultiChoice => Value::List(
                t.split([',', '，', '、'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            QuestionKind::Table | QuestionKind::Materials | QuestionKind::MeasureFlags => {
                return Err(msg(
                    format!("{p} 不是单个答复"),
                    format!("{p} is not a single answer"),
                ))
            }
        };
        check_value(d, &value)?;
        self.put(place, Answer::Value(value))
    }

    /// The user said “don't know” at `p` (a field, a cell or a measure flag).
    pub fn set_dont_know(&mut self, p: &str) -> Result<(), Text> {
        let (place, _) = self.place(p)?;
        self.put(place, Answer::DontKnow)
    }

    /// Takes the answer at `p` back to not answered (a table field: no rows; a map key: gone).
    pub fn clear(&mut self, p: &str) -> Result<(), Text> {
        let (place, _) = self.place(p)?;
        match place {
            Place::Field(k) => {
                self.put_entry(&k, None);
                self.tables.remove(&k);
                Ok(())
            }
            place => self.put(place, Answer::NotAnswered),
        }
    }

    fn put(&mut self, place: Place<'_>, a: Answer<Value>) -> Result<(), Text> {
        match place {
            Place::Field(k) => {
                let d = self.decls.field(&k).map(|d| d.kind);
                if matches!(
                    d,
                    Some(
                        QuestionKind::Table | QuestionKind::Materials | QuestionKind::MeasureFlags
                    )
                ) {
                    return Err(msg(
                        format!("{k} 不是单个答复"),
                        format!("{k} is not a single answer"),
                    ));
                }
                if a.is_not_answered() {
                    self.put_entry(&k, None);
                } else {
                    self.put_entry(&k, Some(Entry::One(a)));
                }
                Ok(())
            }
            Place::Cell(t, i, c) => {
                let key = self.table_key(&t);
                let row = self.tables.get_mut(key).and_then(|r| r.get_mut(i));
                let row = row.ok_or_else(|| {
                    msg(
                        format!("第 {} 行不存在", i + 1),
                        format!("there is no row {}", i + 1),
                    )
                })?;
                row.put(&c, a);
                Ok(())
            }
            Place::MapKey(field, key) => {
                let kind = self.decls.field(&field).map(|d| d.kind);
                let Some(slot) = self.entry_mut(&field) else {
                    return Ok(());
                };
                match slot {
                    Some(e) => match e {
                        Entry::Flags(m) => {
                            m.insert(key.into_owned(), answer_bool(a));
                        }
                        Entry::Materials(m) => set_material_in(m, &key, a),
                        Entry::One(_) => {}
                    },
                    v @ None => {
                        if kind == Some(QuestionKind::MeasureFlags) {
                            let mut m = BTreeMap::new();
                            m.insert(key.into_owned(), answer_bool(a));
                            *v = Some(Entry::Flags(m));
                        } else {
                            let mut m = BTreeMap::new();
                            set_material_in(&mut m, &key, a);
                            *v = Some(Entry::Materials(m));
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// The rows of table `key` (`roster`), or of a table path (`park.roster`).
    pub fn rows(&self, table: &str) -> &[Row] {
        self.tables
            .get(self.table_key(table))
            .map_or(&[], Vec::as_slice)
    }

    fn table_key<'t>(&self, table: &'t str) -> &'t str {
        table
            .strip_prefix(self.kind_key())
            .and_then(|r| r.strip_prefix('.'))
            .unwrap_or(table)
    }

    fn rows_mut(&mut self, table: &str) -> &mut Vec<Row> {
        let key = self.table_key(table).to_string();
        self.tables.entry(key).or_default()
    }

    fn is_table(&self, table: &str) -> Result<&FieldDecl, Text> {
        let key = self.table_key(table);
        self.decls
            .field(key)
            .filter(|d| d.kind == QuestionKind::Table)
            .ok_or_else(|| {
                msg(
                    format!("{table} 不是表格"),
                    format!("{table} is not a table"),
                )
            })
    }

    /// Adds an empty row at the end of `table`; its index.
    pub fn add_row(&mut self, table: &str) -> Result<usize, Text> {
        self.is_table(table)?;
        let rows = self.rows_mut(table);
        if rows.len() >= MAX_ROWS {
            return Err(limits::too_many_rows(rows.len() + 1));
        }
        rows.push(Row::default());
        Ok(rows.len() - 1)
    }

    /// Removes row `i` of `table`; false when there is none.
    pub fn remove_row(&mut self, table: &str, i: usize) -> bool {
        if self.is_table(table).is_err() {
            return false;
        }
        let key = self.table_key(table).to_string();
        let rows = self.rows_mut(table);
        let removed = i < rows.len();
        if removed {
            rows.remove(i);
        }
        if rows.is_empty() {
            self.tables.remove(&key);
        }
        removed
    }

    /// Reads rows of `table` from JSON objects (an import), typed by its columns; errors name
    /// the cell (`park.roster[2].revenue_yuan`, counting from `first`).
    pub fn read_rows(
        &self,
        table: &str,
        rows: &[Json],
        first: usize,
    ) -> Result<Vec<Row>, AnswersError> {
        let d = self.is_table(table).map_err(|m| err(table, m.en))?;
        let at = path::key(self.kind_key(), &d.key);
        rows.iter()
            .enumerate()
            .map(|(i, r)| read_row(d, r, &path::index(&at, first + i)))
            .collect()
    }

    /// 替换: `incoming` instead of the rows there, at most [`MAX_ROWS`].
    pub fn replace_rows(&mut self, table: &str, incoming: Vec<Row>) -> Result<MergeCount, Text> {
        self.is_table(table)?;
        let n = incoming.len();
        let rows: Vec<Row> = incoming.into_iter().take(MAX_ROWS).collect();
        let count = MergeCount {
            incoming: n,
            added: rows.len(),
            merged: 0,
            left_out: n - rows.len(),
        };
        if rows.is_empty() {
            let key = self.table_key(table).to_string();
            self.tables.remove(&key);
        } else {
            *self.rows_mut(table) = rows;
        }
        Ok(count)
    }

    /// 追加: a row whose text in the table's declared `merge_by`
    /// column (compared without spaces, upper case) is already in the table is merged into that
    /// row — the incoming values win where they say something — and the other rows are added,
    /// up to [`MAX_ROWS`]. A table that declares no such column only adds.
    pub fn append_rows(&mut self, table: &str, incoming: Vec<Row>) -> Result<MergeCount, Text> {
        let match_by = self.is_table(table)?.merge_by.clone();
        let key = |r: &Row| merge_key(r.text(match_by.as_deref()?));
        let rows = self.rows_mut(table);
        Ok(append_by_key(rows, incoming, key, |target, new| {
            for (k, a) in new.cells {
                let says = match &a {
                    Answer::NotAnswered => false,
                    Answer::Value(Value::Text(s)) => !s.trim().is_empty(),
                    _ => true,
                };
                if says {
                    target.cells.insert(k, a);
                }
            }
        }))
    }

    /// The materials (第五条) by id.
    pub fn materials(&self) -> &BTreeMap<String, MaterialStatus> {
        static EMPTY: BTreeMap<String, MaterialStatus> = BTreeMap::new();
        self.entries
            .iter()
            .find_map(|e| match e {
                Some(Entry::Materials(m)) => Some(m),
                _ => None,
            })
            .unwrap_or(&EMPTY)
    }

    /// The declared key of the materials field (`materials`) and what it holds; `None` when
    /// these answers declare none.
    pub fn materials_entry(&self) -> Option<(&str, &BTreeMap<String, MaterialStatus>)> {
        let key = self.map_key(QuestionKind::Materials)?;
        Some((key, self.materials()))
    }

    /// The declared key of the measure-flags field (`already_received`) and its flags (`None`:
    /// none answered); `None` when these answers declare no such field.
    pub fn measure_flags(&self) -> Option<(&str, Option<&MeasureFlags>)> {
        let key = self.map_key(QuestionKind::MeasureFlags)?;
        Some((key, self.flags(key)))
    }

    fn map_key(&self, kind: QuestionKind) -> Option<&str> {
        self.decls
            .fields()
            .iter()
            .find(|d| d.kind == kind)
            .map(|d| d.key.as_str())
    }

    /// Sets (or, with `None`, removes) the status of material `id`.
    pub fn set_material(&mut self, id: &str, status: Option<MaterialStatus>) -> Result<(), Text> {
        let key = self
            .decls
            .fields()
            .iter()
            .find(|d| d.kind == QuestionKind::Materials)
            .map(|d| d.key.clone())
            .ok_or_else(|| msg("这些答复没有申报材料", "these answers have no materials"))?;
        let Some(slot) = self.entry_mut(&key) else {
            return Ok(());
        };
        let e = slot.get_or_insert_with(|| Entry::Materials(BTreeMap::new()));
        if let Entry::Materials(m) = e {
            match status {
                Some(s) => {
                    m.insert(id.to_string(), s);
                }
                None => {
                    m.remove(id);
                }
            }
            if m.is_empty() {
                *slot = None;
            }
        }
        Ok(())
    }

    /// The yes / no / don't know of map field `field` (`already_received`) for `id`.
    pub fn flag(&self, field: &str, id: &str) -> Answer<bool> {
        match self.entry(field) {
            Some(Entry::Flags(m)) => m.get(id).cloned().unwrap_or_default(),
            _ => Answer::NotAnswered,
        }
    }

    /// The flags of map field `field`.
    pub fn flags(&self, field: &str) -> Option<&BTreeMap<String, Answer<bool>>> {
        match self.entry(field) {
            Some(Entry::Flags(m)) => Some(m),
            _ => None,
        }
    }
}

fn answer_bool(a: Answer<Value>) -> Answer<bool> {
    match a {
        Answer::Value(Value::Bool(b)) => Answer::Value(b),
        Answer::Value(_) | Answer::NotAnswered => Answer::NotAnswered,
        Answer::DontKnow => Answer::DontKnow,
    }
}

fn set_material_in(m: &mut BTreeMap<String, MaterialStatus>, key: &str, a: Answer<Value>) {
    match a {
        Answer::Value(Value::Bool(true)) => {
            m.insert(key.to_string(), MaterialStatus::Ready);
        }
        Answer::Value(Value::Bool(false)) => {
            m.insert(key.to_string(), MaterialStatus::Missing);
        }
        _ => {
            m.remove(key);
        }
    }
}

/// The declaration's own bounds: a choice among its options, a count within `min`–`max`.
fn check_value(d: &FieldDecl, v: &Value) -> Result<(), Text> {
    match v {
        Value::Choice(id) if !d.options.is_empty() && !d.options.iter().any(|o| o == id) => {
            Err(msg(
                format!("“{id}”不是可选项，应为：{}", d.options.join("、")),
                format!("“{id}” is not one of: {}", d.options.join(", ")),
            ))
        }
        Value::List(ids) if !d.options.is_empty() => {
            match ids.iter().find(|id| !d.options.contains(id)) {
                Some(id) => Err(msg(
                    format!("“{id}”不是可选项，应为：{}", d.options.join("、")),
                    format!("“{id}” is not one of: {}", d.options.join(", ")),
                )),
                None => Ok(()),
            }
        }
        Value::Count(n) => {
            let (lo, hi) = (d.min.unwrap_or(0), d.max.unwrap_or(u32::MAX));
            if *n < lo || *n > hi {
                Err(bounds_words(d.min, d.max))
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}
