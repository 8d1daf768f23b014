//! Reading an answer by its path (`park.floor_area_m2`, `organisation.revenue_yuan`) from the
//! typed answer store, through the field's declared kind; and a table's rows and cells.

#[allow(clippy::wildcard_imports)]
use super::*;

use crate::engine::store::{AnswerStore, FieldDecl, Row, Value};
use crate::policy::QuestionKind;

/// An answer (a field's or a table cell's), seen through its declared kind.
pub(super) enum Field<'a> {
    Bool(Answer<bool>),
    Text(Answer<&'a str>),
    Num(Answer<Decimal>),
    Date(Answer<NaiveDate>),
    List(Answer<&'a [String]>),
}

/// A cell of a table row: the same view as a field.
pub(super) type Cell<'a> = Field<'a>;

/// `a`, of a field or column declared `kind`, seen through that kind; `None` for a table or a
/// map (not a single answer).
fn typed(kind: QuestionKind, a: &Answer<Value>) -> Option<Field<'_>> {
    fn view<'v, T>(a: &'v Answer<Value>, f: impl Fn(&'v Value) -> Option<T>) -> Answer<T> {
        match a {
            Answer::NotAnswered => Answer::NotAnswered,
            Answer::DontKnow => Answer::DontKnow,
            // The store checks a value against its declaration: a mismatch cannot be there;
            // read as not answered all the same (never a wrong verdict).
            Answer::Value(v) => f(v).map_or(Answer::NotAnswered, Answer::Value),
        }
    }
    Some(match kind {
        QuestionKind::YesNo => Field::Bool(view(a, Value::as_bool)),
        QuestionKind::Text | QuestionKind::Choice => Field::Text(view(a, Value::as_str)),
        QuestionKind::Yuan | QuestionKind::M2 | QuestionKind::Count => {
            Field::Num(view(a, Value::number))
        }
        QuestionKind::Date => Field::Date(view(a, Value::as_date)),
        QuestionKind::MultiChoice => Field::List(view(a, Value::as_list)),
        QuestionKind::Table | QuestionKind::Materials | QuestionKind::MeasureFlags => return None,
    })
}

/// The store's field at `path` (`park.floor_area_m2`), by its declared key; `None` when the
/// answers are of the other kind or do not declare it as a single answer.
pub(super) fn store_field<'a>(store: &'a AnswerStore, path: &str) -> Option<Field<'a>> {
    field_at(store, field_position(store, path)?)
}

/// The position of the field at `path` among the store's declarations.
pub(super) fn field_position(store: &AnswerStore, path: &str) -> Option<usize> {
    store.declarations().position_of_path(path)
}

/// The store's field at declaration position `i`, through its declared kind.
pub(super) fn field_at(store: &AnswerStore, i: usize) -> Option<Field<'_>> {
    let d = store.declarations().fields().get(i)?;
    typed(d.kind, store.answer_at(i))
}

/// The key of `path` under the store's own kind (`park.roster` → `roster`).
fn own_key<'p>(store: &AnswerStore, path: &'p str) -> Option<&'p str> {
    let kind = match store.kind() {
        AnswersKind::Park => "park",
        AnswersKind::Organisation => "organisation",
    };
    path.strip_prefix(kind)?.strip_prefix('.')
}

/// The same field, read as not answered.
pub(super) fn not_answered(f: Field<'_>) -> Field<'static> {
    match f {
        Field::Bool(_) => Field::Bool(Answer::NotAnswered),
        Field::Text(_) => Field::Text(Answer::NotAnswered),
        Field::Num(_) => Field::Num(Answer::NotAnswered),
        Field::Date(_) => Field::Date(Answer::NotAnswered),
        Field::List(_) => Field::List(Answer::NotAnswered),
    }
}

/// A row of a table, read by its columns' declarations.
#[derive(Clone, Copy)]
pub(super) struct RowRef<'a> {
    table: &'a FieldDecl,
    row: &'a Row,
}

impl<'a> RowRef<'a> {
    /// The cell of `column`; `None` when the table declares no such column.
    pub(super) fn cell(&self, column: &str) -> Option<Cell<'a>> {
        let c = self.table.column(column)?;
        typed(c.kind, self.row.get(column))
    }

    /// The text of a text or choice cell ("" when it has none).
    pub(super) fn text(&self, column: &str) -> &'a str {
        self.row.text(column)
    }
}

/// The rows of the table at `path` (`organisation.placements`), `None` when the answers
/// declare no such table. A table's rows count whatever its `ask_if` (the “any?” answer
/// settles the test).
pub(super) fn table_rows<'a>(ctx: &Ctx<'a>, path: &str) -> Option<Vec<RowRef<'a>>> {
    let store = ctx.store;
    let key = own_key(store, path)?;
    let table = store
        .declarations()
        .field(key)
        .filter(|d| d.kind == QuestionKind::Table)?;
    Some(
        store
            .rows(key)
            .iter()
            .map(|row| RowRef { table, row })
            .collect(),
    )
}
