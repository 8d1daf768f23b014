//! One question of the edition rendered as a form field. The question list, kinds, units and
//! labels come from the edition (`policy::Question`); fields read the typed answers of the state
//! (`engine::store`) and dispatch domain actions (set, don't know, clear, typed text). Messages at a field come from the input check here (is it a
//! number?) or from the engine's outcome (e.g. a USCC with a wrong check character).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::i18n::{tr, trf, Key, Lang};
use super::state::{Action, Draft, State};
use crate::engine::answers::{Answer, MaterialStatus};
use crate::engine::limits;
use crate::engine::quantity::{self, QuantityError, QuantityKind};
use crate::engine::store::Value;
use crate::engine::wizard;
use crate::engine::Outcome;
use crate::policy::{Edition, Question, QuestionKind, Text};

/// What every field needs to render and report.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub edition: &'a Edition,
    pub state: &'a State,
    pub outcome: Option<&'a Outcome>,
    pub dispatch: Callback<Action>,
    /// Loads the document module (roster import and template), when the host provides it.
    pub load_docs: Option<js_sys::Function>,
}

impl Ctx<'_> {
    fn t(&self, text: &Text) -> String {
        text.get(self.lang.text_key()).to_string()
    }
    /// The answer at `path` on the current screen (a field or a table cell).
    fn answer(&self, path: &str) -> Option<&Answer<Value>> {
        self.state.active_answers()?.get(path)
    }
    fn value(&self, path: &str) -> Option<&Value> {
        self.answer(path)?.value()
    }
    /// Messages the engine attached to this field (roster issues, problems).
    fn engine_messages(&self, path: &str) -> Vec<String> {
        let Some(o) = self.outcome else {
            return Vec::new();
        };
        let mut out: Vec<String> = o
            .problems
            .iter()
            .filter(|p| p.field == path)
            .map(|p| self.t(&p.message))
            .collect();
        if let Some(park) = &o.park {
            out.extend(
                park.roster
                    .issues
                    .iter()
                    .filter(|i| i.field == path)
                    .map(|i| self.t(&i.message)),
            );
        }
        out
    }
}

/// A DOM id for a field path, unique inside the widget's shadow root.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    id.extend(
        path.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }),
    );
    id
}

fn is_dont_know(a: Option<&Answer<Value>>) -> bool {
    matches!(a, Some(Answer::DontKnow))
}

/// Renders one question (`path` is the concrete path: table columns get their row index).
pub fn question(ctx: &Ctx, q: &Question, path: &str) -> Html {
    // Not asked given the other answers (the core's `ask_if` relevance): hidden, answer kept.
    if ctx
        .outcome
        .is_some_and(|o| o.not_asked.iter().any(|p| p == path))
    {
        return html! {};
    }
    match q.kind {
        QuestionKind::YesNo => yes_no(ctx, q, path),
        QuestionKind::Text => text_field(ctx, q, path),
        QuestionKind::Yuan | QuestionKind::M2 | QuestionKind::Count => number_field(ctx, q, path),
        QuestionKind::Date => date_field(ctx, q, path),
        QuestionKind::Choice => choice_field(ctx, q, path),
        QuestionKind::MultiChoice => multi_choice(ctx, q, path),
        QuestionKind::Table => table(ctx, q, path),
        QuestionKind::Materials => materials(ctx, q, path),
        QuestionKind::MeasureFlags => measure_flags(ctx, q, path),
    }
}

fn help(ctx: &Ctx, q: &Question, id: &str) -> Html {
    match &q.help {
        Some(h) => html! { <p class="help" id={format!("{id}-help")}>{ ctx.t(h) }</p> },
        None => html! {},
    }
}

/// The field's message line: always rendered (empty when there is nothing to say) so that a
/// message appearing or going away never re-creates the input before it.
///
/// Issue 10: a table cell left empty (a new roster row's 统一社会信用代码) says what it needs
/// neutrally — "必填", not a red "未填写…" — until the user has been in the cell and left it, or
/// has asked for the results.
fn messages(ctx: &Ctx, path: &str, id: &str, own: Option<String>) -> (Html, bool) {
    let engine = ctx.engine_messages(path);
    let pending = own.is_none()
        && !engine.is_empty()
        && path.contains('[')
        && is_empty_answer(ctx.answer(path))
        && !ctx.state.show_missing
        && !ctx.state.touched.contains(path);
    let all: Vec<String> = if pending {
        vec![tr(ctx.lang, Key::Required).to_string()]
    } else {
        own.into_iter().chain(engine).collect()
    };
    let has = !pending && !all.is_empty();
    (
        html! {
            <p class={classes!("field-error", pending.then_some("pending"))} id={format!("{id}-error")} aria-live="polite">
                { for all.into_iter().map(|m| html! { <span>{ m }</span> }) }
            </p>
        },
        has,
    )
}

/// No answer, or an empty text.
fn is_empty_answer(a: Option<&Answer<Value>>) -> bool {
    match a {
        None | Some(Answer::NotAnswered) => true,
        Some(Answer::Value(Value::Text(s))) => s.trim().is_empty(),
        _ => false,
    }
}

fn described_by(q: &Question, id: &str, has_error: bool, read_back: bool) -> Option<AttrValue> {
    let mut ids = Vec::new();
    if q.help.is_some() {
        ids.push(format!("{id}-help"));
    }
    if read_back {
        ids.push(format!("{id}-readback"));
    }
    if has_error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| AttrValue::from(ids.join(" ")))
}

/// Yes / no / don't know, as a radio group. "Don't know" is its own answer.
fn yes_no(ctx: &Ctx, q: &Question, path: &str) -> Html {
    let a = ctx.answer(path).map(|a| match a {
        Answer::Value(v) => Answer::Value(v.as_bool() == Some(true)),
        Answer::DontKnow => Answer::DontKnow,
        Answer::NotAnswered => Answer::NotAnswered,
    });
    yes_no_group(ctx, &ctx.t(&q.label), path, a.unwrap_or_default(), q, false)
}

/// A yes / no / don't know group for the answer at `path` (a field, or a key of a map such as
/// `organisation.already_received["measures.3.brand"]` when `nested`).
fn yes_no_group(
    ctx: &Ctx,
    label: &str,
    path: &str,
    a: Answer<bool>,
    q: &Question,
    nested: bool,
) -> Html {
    let id = field_id(path);
    let l = ctx.lang;
    let current = match a {
        Answer::Value(true) => "yes",
        Answer::Value(false) => "no",
        Answer::DontKnow => "dont_know",
        Answer::NotAnswered => "",
    };
    let (msgs, has_error) = messages(ctx, path, &id, None);
    let option = |key: &'static str, text: Key, value: Option<bool>| {
        let onchange = {
            let dispatch = ctx.dispatch.clone();
            let path = path.to_string();
            Callback::from(move |_: Event| {
                dispatch.emit(match value {
                    Some(b) => Action::SetAnswer(path.clone(), Value::Bool(b)),
                    None => Action::SetDontKnow(path.clone()),
                })
            })
        };
        html! {
            <label class="choice">
                <input type="radio" name={id.clone()} value={key} checked={current == key} {onchange} />
                { tr(l, text) }
            </label>
        }
    };
    html! {
        <fieldset class="q q-yesno" data-name={path.to_string()} aria-describedby={described_by(q, &id, has_error, false).filter(|_| !nested || has_error)}>
            <legend>{ label }</legend>
            if !nested { { help(ctx, q, &id) } }
            <div class="choices">
                { option("yes", Key::Yes, Some(true)) }
                { option("no", Key::No, Some(false)) }
                { option("dont_know", Key::DontKnow, None) }
            </div>
            { msgs }
        </fieldset>
    }
}

fn text_field(ctx: &Ctx, q: &Question, path: &str) -> Html {
    let id = field_id(path);
    let value = ctx
        .value(path)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let (msgs, has_error) = messages(ctx, path, &id, None);
    let commit = {
        let dispatch = ctx.dispatch.clone();
        let path = path.to_string();
        move |v: String| {
            dispatch.emit(if v.trim().is_empty() {
                Action::ClearAnswer(path.clone())
            } else {
                Action::SetAnswer(path.clone(), Value::Text(v))
            });
        }
    };
    let oninput = {
        Callback::from(move |e: InputEvent| {
            if composing(&e) {
                return;
            }
            let input: HtmlInputElement = e.target_unchecked_into();
            commit(input.value());
        })
    };
    html! {
        <div class="q q-text" data-name={path.to_string()}>
            <label for={id.clone()}>{ ctx.t(&q.label) }</label>
            { help(ctx, q, &id) }
            <input id={id.clone()} type="text" {value} {oninput} maxlength={limits::max_chars(path).to_string()}
                aria-invalid={has_error.to_string()} aria-describedby={described_by(q, &id, has_error, false)} />
            { msgs }
        </div>
    }
}

/// The core's quantity kind of a number question.
fn quantity_kind(kind: QuestionKind) -> QuantityKind {
    match kind {
        QuestionKind::Yuan => QuantityKind::Money,
        QuestionKind::M2 => QuantityKind::Area,
        _ => QuantityKind::Count,
    }
}

/// Reads a typed number through the core's one reader (`820万`, `８２００`, `3500㎡` …).
/// Returns the typed answer (`None` when empty) or the plain message.
pub fn check_number(kind: QuestionKind, raw: &str) -> Result<Option<Value>, Text> {
    let qk = quantity_kind(kind);
    match quantity::read(qk, raw) {
        Ok(None) => Ok(None),
        Ok(Some(d)) if qk == QuantityKind::Count => u32::try_from(d)
            .map(|n| Some(Value::Count(n)))
            .map_err(|_| QuantityError::TooLarge.message(qk)),
        Ok(Some(d)) if qk == QuantityKind::Area => Ok(Some(Value::Area(d))),
        Ok(Some(d)) => Ok(Some(Value::Money(d))),
        Err(e) => Err(e.message(qk)),
    }
}

/// A count within the range its question gives in the edition (a category 1–7), or the field's
/// message saying the range (issue 12: `300` used to become a raw "expected u8" later).
fn in_range(
    v: Option<Value>,
    (min, max): (Option<u32>, Option<u32>),
) -> Result<Option<Value>, Text> {
    let Some(Value::Count(n)) = v else {
        return Ok(v);
    };
    let n = u64::from(n);
    let (lo, hi) = (min.unwrap_or(0), max.unwrap_or(quantity::MAX_COUNT));
    if n < u64::from(lo) || n > u64::from(hi) {
        let (lo, hi) = (lo.to_string(), hi.to_string());
        let args = [("min", lo.as_str()), ("max", hi.as_str())];
        return Err(Text::new(
            trf(Lang::Zh, Key::CountRange, &args),
            trf(Lang::En, Key::CountRange, &args),
        ));
    }
    Ok(v)
}

/// Is an input method composing text in this event's field? Then nothing is dispatched: a
/// re-render would commit or reset the half-typed text under the caret. When the composition
/// ends, the widget's root sends the field one more `input` event (see `ui::app`), which
/// commits the composed text whole.
fn composing(e: &InputEvent) -> bool {
    e.is_composing()
}

fn number_field(ctx: &Ctx, q: &Question, path: &str) -> Html {
    let id = field_id(path);
    let l = ctx.lang;
    let a = ctx.answer(path);
    let v = a.and_then(Answer::value);
    let dk = is_dont_know(a);
    let draft = ctx.state.draft(path);
    let shown = match (draft, v.and_then(Value::number)) {
        (Some(d), _) => d.raw.clone(),
        (None, Some(n)) => n.to_string(),
        _ => String::new(),
    };
    let own = draft.and_then(|d| d.error.as_ref()).map(|e| ctx.t(e));
    let (msgs, has_error) = messages(ctx, path, &id, own);
    // A count shows its own unit (场, 家, 个月) or none: a year is not "2024 个".
    let unit = match q.kind {
        QuestionKind::Yuan => Some(tr(l, Key::UnitYuan).to_string()),
        QuestionKind::M2 => Some(tr(l, Key::UnitM2).to_string()),
        _ => q.unit.as_ref().map(|u| ctx.t(u)),
    };
    let qk = quantity_kind(q.kind);
    // What the value was read as, at once; a count says it only when the text was not plain.
    let value_decimal = v.and_then(Value::number);
    let read_back = match value_decimal {
        Some(d) if draft.is_none_or(|x| x.error.is_none()) => {
            let plain = shown.trim() == d.to_string();
            if qk == QuantityKind::Count && plain {
                String::new()
            } else {
                ctx.t(&quantity::read_back(qk, d))
            }
        }
        _ => String::new(),
    };
    let dispatch_typed = {
        let dispatch = ctx.dispatch.clone();
        let path = path.to_string();
        let kind = q.kind;
        let range = (q.min, q.max);
        move |raw: String| {
            let (value, error) = match check_number(kind, &raw).and_then(|v| in_range(v, range)) {
                Ok(v) => (v, None),
                Err(m) => (None, Some(m)),
            };
            dispatch.emit(Action::Typed(path.clone(), Draft { raw, error }, value));
        }
    };
    let oninput = {
        Callback::from(move |e: InputEvent| {
            if composing(&e) {
                return;
            }
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch_typed(input.value());
        })
    };
    let inputmode = if q.kind == QuestionKind::Count {
        "numeric"
    } else {
        "decimal"
    };
    // Stable DOM: the read-back and message lines are always there (only their text changes),
    // so the input is never re-created under the caret.
    html! {
        <div class="q q-number" data-name={path.to_string()}>
            <label for={id.clone()}>{ ctx.t(&q.label) }</label>
            { help(ctx, q, &id) }
            <div class="input-row">
                <input id={id.clone()} type="text" {inputmode} value={shown} {oninput} disabled={dk} maxlength="40"
                    aria-invalid={has_error.to_string()} aria-describedby={described_by(q, &id, has_error, true)} />
                if let Some(unit) = unit { <span class="unit">{ unit }</span> }
                { dont_know_box(ctx, path, dk) }
            </div>
            <p class="hint readback" id={format!("{id}-readback")}>{ read_back }</p>
            { msgs }
        </div>
    }
}

/// The "don't know" tick beside a number or date: its own answer, which also clears typed text.
fn dont_know_box(ctx: &Ctx, path: &str, checked: bool) -> Html {
    let onchange = {
        let dispatch = ctx.dispatch.clone();
        let path = path.to_string();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(if input.checked() {
                Action::SetDontKnow(path.clone())
            } else {
                Action::ClearAnswer(path.clone())
            });
        })
    };
    html! {
        <label class="choice dk">
            <input type="checkbox" {checked} {onchange} />
            { tr(ctx.lang, Key::DontKnow) }
        </label>
    }
}

fn date_field(ctx: &Ctx, q: &Question, path: &str) -> Html {
    let id = field_id(path);
    let dk = is_dont_know(ctx.answer(path));
    let value = ctx
        .value(path)
        .and_then(Value::as_date)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let (msgs, has_error) = messages(ctx, path, &id, None);
    let onchange = {
        let dispatch = ctx.dispatch.clone();
        let path = path.to_string();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            // An empty or partial date is no answer.
            dispatch.emit(
                match chrono::NaiveDate::parse_from_str(&input.value(), "%Y-%m-%d") {
                    Ok(d) => Action::SetAnswer(path.clone(), Value::Date(d)),
                    Err(_) => Action::ClearAnswer(path.clone()),
                },
            );
        })
    };
    html! {
        <div class="q q-date" data-name={path.to_string()}>
            <label for={id.clone()}>{ ctx.t(&q.label) }</label>
            { help(ctx, q, &id) }
            <div class="input-row">
                <input id={id.clone()} type="date" {value} {onchange} disabled={dk}
                    aria-invalid={has_error.to_string()} aria-describedby={described_by(q, &id, has_error, false)} />
                { dont_know_box(ctx, path, dk) }
            </div>
            { msgs }
        </div>
    }
}

fn choice_field(ctx: &Ctx, q: &Question, path: &str) -> Html {
    let id = field_id(path);
    let l = ctx.lang;
    let current = if is_dont_know(ctx.answer(path)) {
        "__dont_know".to_string()
    } else {
        ctx.value(path)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let options: Vec<(String, String)> = wizard::options(q)
        .into_iter()
        .map(|(id, label)| (id.to_string(), ctx.t(label)))
        .collect();
    let (msgs, has_error) = messages(ctx, path, &id, None);
    let onchange = {
        let dispatch = ctx.dispatch.clone();
        let path = path.to_string();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            dispatch.emit(match v.as_str() {
                "" => Action::ClearAnswer(path.clone()),
                "__dont_know" => Action::SetDontKnow(path.clone()),
                _ => Action::SetAnswer(path.clone(), Value::Choice(v)),
            });
        })
    };
    html! {
        <div class="q q-choice" data-name={path.to_string()}>
            <label for={id.clone()}>{ ctx.t(&q.label) }</label>
            { help(ctx, q, &id) }
            <select id={id.clone()} {onchange} aria-invalid={has_error.to_string()} aria-describedby={described_by(q, &id, has_error, false)}>
                <option value="" selected={current.is_empty()}>{ tr(l, Key::NotSelected) }</option>
                { for options.into_iter().map(|(oid, label)| html! {
                    <option value={oid.clone()} selected={current == oid}>{ label }</option>
                }) }
                <option value="__dont_know" selected={current == "__dont_know"}>{ tr(l, Key::DontKnow) }</option>
            </select>
            { msgs }
        </div>
    }
}

fn multi_choice(ctx: &Ctx, q: &Question, path: &str) -> Html {
    let id = field_id(path);
    let chosen: Vec<String> = ctx
        .value(path)
        .and_then(Value::as_list)
        .map(<[String]>::to_vec)
        .unwrap_or_default();
    let (msgs, has_error) = messages(ctx, path, &id, None);
    html! {
        <fieldset class="q q-multi" data-name={path.to_string()} aria-describedby={described_by(q, &id, has_error, false)}>
            <legend>{ ctx.t(&q.label) }</legend>
            { help(ctx, q, &id) }
            <div class="choices">
            { for q.options.iter().map(|o| {
                let checked = chosen.contains(&o.id);
                let onchange = {
                    let dispatch = ctx.dispatch.clone();
                    let path = path.to_string();
                    let oid = o.id.clone();
                    let chosen = chosen.clone();
                    Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        let mut next: Vec<String> = chosen.iter().filter(|x| **x != oid).cloned().collect();
                        if input.checked() { next.push(oid.clone()); }
                        dispatch.emit(if next.is_empty() {
                            Action::ClearAnswer(path.clone())
                        } else {
                            Action::SetAnswer(path.clone(), Value::List(next))
                        });
                    })
                };
                html! {
                    <label class="choice"><input type="checkbox" {checked} {onchange} />{ ctx.t(&o.label) }</label>
                }
            }) }
            </div>
            { msgs }
        </fieldset>
    }
}

/// A list of rows (roster, placements, talents): add, edit, remove.
/// Rows shown at once in a table: long rosters (hundreds or thousands of rows) are paged so that
/// each answer re-renders a page, not the whole list.
pub const ROWS_PER_PAGE: usize = 25;

fn table(ctx: &Ctx, q: &Question, path: &str) -> Html {
    let l = ctx.lang;
    let rows = ctx.state.active_answers().map_or(0, |a| a.rows(path).len());
    let pages = rows.div_ceil(ROWS_PER_PAGE).max(1);
    let page = ctx
        .state
        .table_pages
        .get(path)
        .copied()
        .unwrap_or(0)
        .min(pages - 1);
    let first = page * ROWS_PER_PAGE;
    let last = (first + ROWS_PER_PAGE).min(rows);
    let add = {
        let dispatch = ctx.dispatch.clone();
        let path = path.to_string();
        Callback::from(move |_| {
            dispatch.emit(Action::AddRow(path.clone()));
            // Show the new row: it is on the last page.
            dispatch.emit(Action::TablePage(
                path.clone(),
                (rows + 1).div_ceil(ROWS_PER_PAGE).saturating_sub(1),
            ));
        })
    };
    let go = |p: usize| {
        let dispatch = ctx.dispatch.clone();
        let path = path.to_string();
        Callback::from(move |_| dispatch.emit(Action::TablePage(path.clone(), p)))
    };
    // The table the roster tests count (the core says which): its import, counts and layout.
    let is_roster = crate::engine::wizard::roster_table(ctx.edition) == Some(path);
    let counts = match (is_roster, ctx.outcome.and_then(|o| o.park.as_ref())) {
        (true, Some(p)) => html! {
            <p class="roster-counts" role="status">{ trf(l, Key::RosterCounts, &[
                ("rows", &p.roster.rows.to_string()),
                ("firms", &p.roster.hr_service_firms.to_string()),
                ("formats", &p.roster.formats.len().to_string()),
            ]) }</p>
        },
        _ => html! {},
    };
    let pager = if pages > 1 {
        html! {
            <div class="toolbar pager">
                <button type="button" class="page-prev" disabled={page == 0} onclick={go(page.saturating_sub(1))}>{ tr(l, Key::PrevPage) }</button>
                <span class="page-of">{ trf(l, Key::RowsOf, &[
                    ("first", &(first + 1).to_string()), ("last", &last.to_string()), ("total", &rows.to_string()),
                ]) }</span>
                <button type="button" class="page-next" disabled={page + 1 >= pages} onclick={go(page + 1)}>{ tr(l, Key::NextPage) }</button>
            </div>
        }
    } else {
        html! {}
    };
    let remove = |i: usize| {
        let dispatch = ctx.dispatch.clone();
        let path = path.to_string();
        Callback::from(move |_| dispatch.emit(Action::RemoveRow(path.clone(), i)))
    };
    let body = if is_roster && rows > 0 {
        roster_rows(ctx, q, first..last, &remove)
    } else {
        html! {
            { for (first..last).map(|i| {
                let n = (i + 1).to_string();
                html! {
                    <fieldset class="table-row" data-row={i.to_string()} key={i}>
                        <legend>{ trf(l, Key::Row, &[("n", &n)]) }</legend>
                        <div class="row-fields">
                        { for q.columns.iter().map(|c| {
                            let col_path = c.path.replacen("[]", &format!("[{i}]"), 1);
                            question(ctx, c, &col_path)
                        }) }
                        </div>
                        <button type="button" class="remove-row" onclick={remove(i)}>{ trf(l, Key::RemoveRow, &[("n", &n)]) }</button>
                    </fieldset>
                }
            }) }
        }
    };
    html! {
        <fieldset class={classes!("q", "q-table", is_roster.then_some("q-roster"))} data-name={path.to_string()}>
            <legend>{ ctx.t(&q.label) }</legend>
            { help(ctx, q, &field_id(path)) }
            // Issue 10: the roster's import (and template) at its top, where a long roster starts.
            if is_roster { { super::files::roster_import(ctx, path) } }
            { counts }
            if rows == 0 { <p class="muted">{ tr(l, Key::NoRows) }</p> }
            { pager.clone() }
            { body }
            { pager }
            <button type="button" class="add-row" onclick={add}>{ tr(l, Key::AddRow) }</button>
        </fieldset>
    }
}

/// Issue 10: the roster's rows as one table — a line per firm, a column per field, the field's
/// label in the column head — on a wide widget; the same markup reads as one card per row on a
/// phone (CSS container query in `hrs-widget.css`). Each cell is the column's question (same
/// input, same always-present message line), its own label kept for screen readers and shown on
/// cards. Leaving a cell marks it touched (see `messages`).
fn roster_rows(
    ctx: &Ctx,
    q: &Question,
    range: std::ops::Range<usize>,
    remove: &dyn Fn(usize) -> Callback<MouseEvent>,
) -> Html {
    let l = ctx.lang;
    let touch = |cell: String| {
        let dispatch = ctx.dispatch.clone();
        let already = ctx.state.touched.contains(&cell);
        Callback::from(move |_: FocusEvent| {
            if !already {
                dispatch.emit(Action::Touched(cell.clone()));
            }
        })
    };
    html! {
        <div class="roster-wrap">
            <table class="roster-table">
                <caption class="visually-hidden">{ ctx.t(&q.label) }</caption>
                <thead>
                    <tr>
                        <th scope="col" class="col-no">{ tr(l, Key::RosterRowNo) }</th>
                        { for q.columns.iter().map(|c| {
                            let field = crate::engine::path::last_key(&c.path).unwrap_or_default();
                            html! { <th scope="col" class={format!("col-{field}")}>{ ctx.t(&c.label) }</th> }
                        }) }
                        <th scope="col" class="col-actions"><span class="visually-hidden">{ tr(l, Key::RosterActions) }</span></th>
                    </tr>
                </thead>
                <tbody>
                { for range.map(|i| {
                    let n = (i + 1).to_string();
                    html! {
                        <tr class="table-row" data-row={i.to_string()} key={i}>
                            // The full "第 1 行" on a card; the bare number in a table line
                            // (the full text stays for screen readers).
                            <th scope="row" class="row-no">
                                <span class="row-full">{ trf(l, Key::Row, &[("n", &n)]) }</span>
                                <span class="row-num" aria-hidden="true">{ n.clone() }</span>
                            </th>
                            { for q.columns.iter().map(|c| {
                                let col_path = c.path.replacen("[]", &format!("[{i}]"), 1);
                                let field = crate::engine::path::last_key(&c.path).unwrap_or_default();
                                html! {
                                    <td class={format!("cell col-{field}")} onfocusout={touch(col_path.clone())}>
                                        { question(ctx, c, &col_path) }
                                    </td>
                                }
                            }) }
                            <td class="cell col-actions">
                                // "删除第 1 行" on a card, "删除" in a table line; the name is the
                                // full text either way (it contains the visible word).
                                <button type="button" class="remove-row" onclick={remove(i)} aria-label={trf(l, Key::RemoveRow, &[("n", &n)])}>
                                    <span class="rm-full">{ trf(l, Key::RemoveRow, &[("n", &n)]) }</span>
                                    <span class="rm-short">{ tr(l, Key::RemoveShort) }</span>
                                </button>
                            </td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </div>
    }
}

/// 第五条 materials: a tickable checklist (ticked = ready, unticked = missing once touched).
fn materials(ctx: &Ctx, q: &Question, path: &str) -> Html {
    let l = ctx.lang;
    let current = ctx.state.active_answers().map(|a| a.materials());
    html! {
        <fieldset class="q q-materials" data-name={path.to_string()}>
            <legend>{ ctx.t(&q.label) }</legend>
            { for ctx.edition.park.materials.iter().map(|m| {
                let state = current.and_then(|c| c.get(&m.id)).copied();
                let onchange = {
                    let dispatch = ctx.dispatch.clone();
                    let id = m.id.clone();
                    Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        let status = if input.checked() { MaterialStatus::Ready } else { MaterialStatus::Missing };
                        dispatch.emit(Action::SetMaterial(id.clone(), Some(status)));
                    })
                };
                let status = match state {
                    Some(MaterialStatus::Ready) => tr(l, Key::Ready),
                    Some(MaterialStatus::Missing) => tr(l, Key::Missing),
                    None => tr(l, Key::NotConfirmed),
                };
                html! {
                    <div class="material" data-material={m.id.clone()}>
                        <label class="choice">
                            <input type="checkbox" checked={state == Some(MaterialStatus::Ready)} {onchange} />
                            { ctx.t(&m.label) }{ " — " }<span class="status">{ status }</span>
                        </label>
                        <ul class="contents">{ for m.contents.iter().map(|c| html! { <li>{ ctx.t(c) }</li> }) }</ul>
                    </div>
                }
            }) }
        </fieldset>
    }
}

/// Per measure with money: has a similar benefit already been received for the same matter?
fn measure_flags(ctx: &Ctx, q: &Question, path: &str) -> Html {
    // The map's key in the answers (`already_received`), for reading its flags: the path's
    // last step in the core's grammar (a quoted key with dots is one step).
    let field = crate::engine::path::last_key(path).unwrap_or(std::borrow::Cow::Borrowed(path));
    html! {
        <div class="q q-flags" data-name={path.to_string()}>
            <h3>{ ctx.t(&q.label) }</h3>
            { help(ctx, q, &field_id(path)) }
            { for wizard::flagged_measures(ctx.edition)
                .filter(|m| ctx.outcome.is_none_or(|o| !o.not_asked.contains(&crate::engine::path::key(path, &m.id))))
                .map(|m| {
                let label = format!("{} {}", m.source.cite.in_words(ctx.lang.text_key()), ctx.t(&m.label));
                let sub_path = crate::engine::path::key(path, &m.id);
                let a = ctx.state.active_answers().map(|s| s.flag(&field, &m.id)).unwrap_or_default();
                yes_no_group(ctx, &label, &sub_path, a, q, true)
            }) }
        </div>
    }
}
