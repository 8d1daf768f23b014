//! Evaluation of conditions and measures, with the thresholds the edition gives; nothing here
//! knows a number of the policy. The rooms:
//! - this file: what a test sees ([`Ctx`]: answers, as-of date, questions asked), the raw result
//!   of a test ([`Eval`]) and one condition with its judgement flag;
//! - `fields`: an answer read by its path, through its type;
//! - `kinds`: each test kind over single answers; `roster`: roster counting; `items`: tests
//!   over the items of a table;
//! - `park`: the park's evaluation; `measures`: the organisation's measures and amounts;
//!   `non_duplication`: 就高从优 groups and the totals;
//! - `wording`: numbers, amounts and dates as zh / en text.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::engine::uscc;
use crate::policy::{
    AmountSpec, Condition, Edition, ItemBranch, ItemsWording, Measure, MoneyKind, NonDupGroup, Per,
    Recipient, RosterColumns, Source, Test, Text, Unit, SUBMISSION_ID,
};

use super::answers::{Answer, AnswersKind, MaterialStatus};
use super::money;
use super::outcome::*;
use super::period;
use super::store::AnswerStore;

mod fields;
mod items;
mod kinds;
mod measures;
mod non_duplication;
mod park;
mod roster;
mod wording;

pub(crate) use measures::organisation;
pub(crate) use park::park;

use fields::*;
use items::*;
use kinds::*;
use non_duplication::*;
use roster::*;
use wording::*;

/// The shared label and source of rule `id` (`Arc` clones), or fresh copies.
fn shared(ed: &Edition, id: &str, label: &Text, source: &Source) -> (Arc<Text>, Arc<Source>) {
    match ed.shared(id) {
        Some(x) => (Arc::clone(&x.label), Arc::clone(&x.source)),
        None => (Arc::new(label.clone()), Arc::new(source.clone())),
    }
}

fn sl(ed: &Edition, id: &str, label: &Text) -> Arc<Text> {
    ed.shared(id)
        .map_or_else(|| Arc::new(label.clone()), |x| Arc::clone(&x.label))
}

fn ss(ed: &Edition, id: &str, source: &Source) -> Arc<Source> {
    ed.shared(id)
        .map_or_else(|| Arc::new(source.clone()), |x| Arc::clone(&x.source))
}

/// A question's label in zh and en.
struct Label<'b> {
    zh: &'b str,
    en: &'b str,
}

/// What a test sees.
struct Ctx<'a> {
    edition: &'a Edition,
    /// The answers, typed by the edition's declarations.
    store: &'a AnswerStore,
    as_of: NaiveDate,
    /// The roster summary, computed once (for the roster columns of the first roster test).
    roster: std::cell::OnceCell<(&'a RosterColumns, RosterSummary)>,
}

impl<'a> Ctx<'a> {
    /// What the roster `cols` names adds up to (`None`: these answers have no such table).
    fn roster(&self, cols: &'a RosterColumns) -> Option<std::borrow::Cow<'_, RosterSummary>> {
        let rows = self.roster_rows(cols)?;
        let (cached, s) = self
            .roster
            .get_or_init(|| (cols, roster_summary(self.edition, cols, rows)));
        // Every roster test of an edition names one roster; another one is counted afresh.
        Some(if *cached == cols {
            std::borrow::Cow::Borrowed(s)
        } else {
            std::borrow::Cow::Owned(roster_summary(self.edition, cols, rows))
        })
    }

    /// The rows of the roster table `cols` names (`None` when these answers declare no such
    /// table: an organisation's answers, say).
    fn roster_rows(&self, cols: &RosterColumns) -> Option<&'a [crate::engine::store::Row]> {
        let i = self.position(&cols.table)?;
        let d = self.store.declarations().fields().get(i)?;
        (d.kind == crate::policy::QuestionKind::Table).then(|| self.store.rows(&cols.table))
    }

    /// A field's answer; a question that is not asked (its `ask_if` does not hold) reads as not
    /// answered: its answer is kept but does not count.
    fn field(&self, path: &str) -> Option<Field<'a>> {
        let i = self.position(path)?;
        let f = field_at(self.store, i)?;
        Some(if self.asked_at(i, 0) {
            f
        } else {
            not_answered(f)
        })
    }

    /// The position of the field at `path` among the store's declarations (`None`: a field of
    /// the other kind of answers, or not declared).
    fn position(&self, path: &str) -> Option<usize> {
        field_position(self.store, path)
    }

    /// Is the question at `path` asked, given the other answers? (Questions without `ask_if`
    /// always are.)
    fn asked(&self, path: &str) -> bool {
        if let Some(i) = self.position(path) {
            return self.asked_at(i, 0);
        }
        // Not a field of these answers: its gate, if any, read as any field is.
        let Some(g) = self.edition.question(path).and_then(|q| q.ask_if.as_ref()) else {
            return true;
        };
        match self.field(&g.path) {
            Some(Field::Bool(Answer::Value(b))) => b == g.equals,
            _ => g.or_unanswered,
        }
    }

    /// Is the field at declaration position `i` asked? Its gate was resolved to a position when
    /// the declarations were made. Gates may be gated themselves; the edition has no cycles
    /// (tested), and `depth` bounds the walk all the same (never a stack overflow).
    fn asked_at(&self, i: usize, depth: u8) -> bool {
        let Some(g) = self
            .store
            .declarations()
            .fields()
            .get(i)
            .and_then(|d| d.ask_if)
        else {
            return true;
        };
        match g.at {
            Some(j) if depth < 16 && self.asked_at(j, depth + 1) => match self.store.answer_at(j) {
                Answer::Value(crate::engine::store::Value::Bool(b)) => *b == g.equals,
                _ => g.or_unanswered,
            },
            _ => g.or_unanswered,
        }
    }

    /// The label of a question (the path itself if unknown), borrowed: it is written into
    /// other texts.
    fn label<'b>(&'b self, path: &'b str) -> Label<'b> {
        let (zh, en) = self.label_ref(path);
        Label { zh, en }
    }

    /// The label of a question, borrowed (the path itself if unknown).
    fn label_ref<'b>(&'b self, path: &'b str) -> (&'b str, &'b str) {
        match self.edition.question(path) {
            Some(q) => (q.label.zh.as_str(), q.label.en.as_str()),
            None => (path, path),
        }
    }

    /// The gap of an unanswered field (of its gate, while the field is not asked).
    fn needs(&self, path: &str) -> Gap {
        let path = self.asked_gate(path);
        let (zh, en) = self.label_ref(path);
        Gap {
            text: Text::new(cat(&["需回答：", zh]), cat(&["needs an answer: ", en])),
            numbers: None,
            from: None,
            fields: vec![path.to_string()],
        }
    }
}

impl Ctx<'_> {
    /// The question to answer first for `path`: itself, or (while it is not asked) its gate.
    fn asked_gate<'p>(&'p self, path: &'p str) -> &'p str {
        let mut p = path;
        // Bounded: gates are a short chain in the data.
        for _ in 0..8 {
            if self.asked(p) {
                return p;
            }
            match self.edition.question(p).and_then(|q| q.ask_if.as_ref()) {
                Some(g) => p = g.path.as_str(),
                None => return p,
            }
        }
        p
    }
}

/// The questions not asked, given the answers (their `ask_if` does not hold): the view hides
/// them; their answers are kept and do not count.
pub(crate) fn not_asked(edition: &Edition, store: &AnswerStore) -> Vec<String> {
    let questions = match store.kind() {
        AnswersKind::Park => &edition.questions.park,
        AnswersKind::Organisation => &edition.questions.organisation,
    };
    let ctx = Ctx {
        edition,
        store,
        as_of: NaiveDate::MIN,
        roster: std::cell::OnceCell::new(),
    };
    questions
        .iter()
        .filter(|q| q.ask_if.is_some() && !ctx.asked(&q.path))
        .map(|q| q.path.clone())
        .collect()
}

/// The raw result of a test, before the judgement flag.
struct Eval {
    verdict: Verdict,
    reason: Text,
    gap: Option<Gap>,
    items: Vec<ItemOutcome>,
    persons: u32,
}

impl Eval {
    fn new(verdict: Verdict, reason: Text, gap: Option<Gap>) -> Eval {
        Eval {
            verdict,
            reason,
            gap,
            items: Vec::new(),
            persons: 0,
        }
    }
    fn unknown(ctx: &Ctx, path: &str, a_dont_know: bool) -> Eval {
        Eval::unknown_needing(ctx, path, a_dont_know, [&[], &[]])
    }
    /// [`Eval::unknown`], its gap text followed by `more` (zh, en parts): what the answer must
    /// be, written once into the text.
    fn unknown_needing(ctx: &Ctx, path: &str, a_dont_know: bool, more: [&[&str]; 2]) -> Eval {
        let (reason, asked) = Eval::unknown_why(ctx, path, a_dont_know);
        let gap = asked.map(|(zh, en)| {
            let joined = |head: &[&str], more: &[&str]| {
                let mut s = String::with_capacity(head.iter().chain(more).map(|p| p.len()).sum());
                head.iter().chain(more).for_each(|p| s.push_str(p));
                s
            };
            Gap {
                text: Text::new(
                    joined(&["需回答：", zh], more[0]),
                    joined(&["needs an answer: ", en], more[1]),
                ),
                numbers: None,
                from: None,
                fields: vec![path.to_string()],
            }
        });
        Eval::new(Verdict::Unknown, reason, gap)
    }
    /// Why the answer at `path` is unknown, and its label (zh, en) when it is to be asked
    /// (`None`: a question its gate's answer made irrelevant — nothing to answer here, no 需回答
    /// pointing at a field that is not shown; the gate's own condition says why).
    fn unknown_why<'c>(
        ctx: &'c Ctx,
        path: &'c str,
        a_dont_know: bool,
    ) -> (Text, Option<(&'c str, &'c str)>) {
        if !ctx.asked(path) {
            let gate = ctx.asked_gate(path);
            if gate != path && matches!(ctx.field(gate), Some(Field::Bool(Answer::Value(_)))) {
                let (zh, en) = ctx.label_ref(gate);
                let reason = Text::new(
                    cat(&["按“", zh, "”的答复，不再询问"]),
                    cat(&["Not asked, given the answer to “", en, "”"]),
                );
                return (reason, None);
            }
        }
        let (zh, en) = ctx.label_ref(path);
        let reason = if a_dont_know {
            Text::new(
                cat(&["“", zh, "”答复为不清楚"]),
                cat(&["“", en, "” was answered “don't know”"]),
            )
        } else {
            Text::new(
                cat(&["“", zh, "”尚未回答"]),
                cat(&["“", en, "” is not answered"]),
            )
        };
        (reason, Some((zh, en)))
    }
    /// A number so large that the arithmetic on it leaves what a decimal holds: unknown, with
    /// the field to correct (the reader bounds amounts; this is the last line, never a panic).
    fn beyond_range(ctx: &Ctx, path: &str, problems: &mut Vec<Problem>) -> Eval {
        let (zh, en) = ctx.label_ref(path);
        let t = beyond_range_text();
        problems.push(Problem {
            field: path.to_string(),
            message: t.clone(),
        });
        Eval::new(
            Verdict::Unknown,
            t,
            Some(Gap {
                text: Text::new(cat(&["请核对：", zh]), cat(&["check: ", en])),
                numbers: None,
                from: None,
                fields: vec![path.to_string()],
            }),
        )
    }
    fn bad_field(path: &str) -> Eval {
        Eval::new(
            Verdict::Unknown,
            Text::new(
                format!("版本数据引用了无法读取的字段 {path}"),
                format!("the edition refers to a field that cannot be read: {path}"),
            ),
            None,
        )
    }
}

/// A start date after the as-of date is a problem at its field, never a silent verdict.
fn future_date(
    ctx: &Ctx,
    d: NaiveDate,
    field: String,
    what: (&str, &str),
    problems: &mut Vec<Problem>,
) -> bool {
    if d <= ctx.as_of {
        return false;
    }
    problems.push(Problem {
        field,
        message: Text::new(
            format!("{}（{d}）晚于评估日期 {}", what.0, ctx.as_of),
            format!("the {} ({d}) is after the as-of date {}", what.1, ctx.as_of),
        ),
    });
    true
}

fn out_of_range(field: String, problems: &mut Vec<Problem>) {
    problems.push(Problem {
        field,
        message: Text::new("日期超出可计算范围", "date out of range"),
    });
}

/// Evaluate one condition: its test, then the judgement flag.
fn condition<'a>(
    ctx: &Ctx<'a>,
    c: &'a Condition,
    problems: &mut Vec<Problem>,
) -> (ConditionOutcome, Vec<ItemOutcome>, u32) {
    let e = eval_test(ctx, &c.test, problems);
    let mut verdict = e.verdict;
    let mut reason = e.reason;
    if c.judgement && verdict == Verdict::Met {
        verdict = Verdict::ForReviewers;
        reason = Text::new(
            format!("{}；是否满足由评审认定", reason.zh),
            format!(
                "{}; whether it is met is for the reviewers to judge",
                reason.en
            ),
        );
    }
    if c.in_principle && verdict == Verdict::NotMet {
        reason = Text::new(
            format!("{}（本条为“原则上”要求，由评审专家综合判断）", reason.zh),
            format!(
                "{} (an “in principle” requirement: the reviewers weigh it)",
                reason.en
            ),
        );
    }
    let (label, source) = shared(ctx.edition, &c.id, &c.label, &c.source);
    (
        ConditionOutcome {
            id: c.id.clone(),
            label,
            source,
            verdict,
            in_principle: c.in_principle,
            reason,
            gap: e.gap,
        },
        e.items,
        e.persons,
    )
}
