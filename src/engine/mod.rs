//! The pure engine: `(edition, answers, as-of date) → outcome`.
//!
//! No clock, no IO, no DOM: the as-of date is passed in. Evaluation never
//! stops at the first failure: every condition gets a verdict.

pub mod answers;
pub mod cases;
pub mod compare;
pub(crate) mod digits;
pub mod headline;
pub mod limits;
pub mod migrate;
pub mod money;
pub mod outcome;
pub mod path;
pub mod period;
pub mod quantity;
mod rules;
pub mod share;
pub mod store;
pub mod text;
pub mod uscc;
pub mod wizard;

pub use answers::{Answer, AnswersError, AnswersKind, MaterialStatus};
pub use cases::{run_cases, Case, CaseFile, CaseResult};
pub use outcome::*;
pub use store::{AnswerStore, Row as StoreRow, Value as AnswerValue};

use chrono::NaiveDate;

use crate::policy::{Edition, Text};

/// Reads `body` (what is under `park` / `organisation`) through `edition`'s declarations and
/// evaluates it: a value the edition's declaration does not take is left out, and said at its
/// field.
fn evaluate_read(
    edition: &Edition,
    kind: AnswersKind,
    body: &serde_json::Value,
    as_of: NaiveDate,
) -> Outcome {
    let decls = std::sync::Arc::new(store::Declarations::of(edition, kind));
    let (store, errors) = AnswerStore::read_lenient(decls, body);
    let mut outcome = evaluate(edition, &store, as_of);
    // The reader says what is wrong in English only; the Chinese half says what became of it.
    outcome.problems.extend(errors.into_iter().map(|e| Problem {
        message: Text::new(
            "已保存的答案不符合本版政策对此项的填写要求，未计入评估。",
            e.message,
        ),
        field: e.path,
    }));
    outcome
}

/// “…于 as_of 有效（有效期 from 至 until）。”, or the note that it is not in force then. Written
/// piece by piece (dates without the formatting machinery: every evaluation says it).
fn in_force_note(edition: &Edition, as_of: NaiveDate, in_force: bool) -> Text {
    let n = edition.document_number.as_str();
    let (from, until) = (edition.valid_from, edition.valid_until);
    let write = |parts: &[Piece<'_>]| {
        let mut s = String::with_capacity(parts.len() * 12 + n.len() + 64);
        for p in parts {
            match p {
                Piece::S(t) => s.push_str(t),
                Piece::D(d) => period::push_date(&mut s, *d),
            }
        }
        s
    };
    use Piece::{D, S};
    if in_force {
        Text::new(
            write(&[
                S(n),
                S(" 于 "),
                D(as_of),
                S(" 有效（有效期 "),
                D(from),
                S(" 至 "),
                D(until),
                S("）。"),
            ]),
            write(&[
                S(n),
                S(" is in force on "),
                D(as_of),
                S(" (valid "),
                D(from),
                S(" to "),
                D(until),
                S(")."),
            ]),
        )
    } else {
        Text::new(
            write(&[
                S("注意："),
                S(n),
                S(" 在 "),
                D(as_of),
                S(" 不在有效期内（有效期 "),
                D(from),
                S(" 至 "),
                D(until),
                S("），以下评估仅供参考。"),
            ]),
            write(&[
                S("Note: "),
                S(n),
                S(" is not in force on "),
                D(as_of),
                S(" (valid "),
                D(from),
                S(" to "),
                D(until),
                S("); the evaluation below is for reference only."),
            ]),
        )
    }
}

/// A piece of a note: text or a date.
enum Piece<'a> {
    S(&'a str),
    D(NaiveDate),
}

/// Evaluate the answers in `store` under `edition` as of `as_of`. The engine reads the store
/// through its declarations (a field's kind, its gate by position): a store typed by another
/// edition's declarations is read through `edition`'s first.
pub fn evaluate(edition: &Edition, store: &AnswerStore, as_of: NaiveDate) -> Outcome {
    if !store.declarations().of_edition(edition) {
        let value = store.to_value();
        let body = value
            .get(match store.kind() {
                AnswersKind::Park => "park",
                AnswersKind::Organisation => "organisation",
            })
            .unwrap_or(&serde_json::Value::Null);
        return evaluate_read(edition, store.kind(), body, as_of);
    }
    let in_force = edition.in_force_on(as_of);
    let in_force_note = in_force_note(edition, as_of, in_force);
    let mut problems = Vec::new();
    let (park, organisation) = match store.kind() {
        AnswersKind::Park => (
            Some(rules::park(edition, store, as_of, &mut problems)),
            None,
        ),
        AnswersKind::Organisation => (
            None,
            Some(rules::organisation(edition, store, as_of, &mut problems)),
        ),
    };
    let mut not_asked = rules::not_asked(edition, store);
    if let (Some(o), Some((flags, _))) = (&organisation, store.measure_flags()) {
        // "Already received a similar benefit?" matters only where the measure could pay.
        let flags = path::key("organisation", flags);
        not_asked.extend(
            o.measures
                .iter()
                .filter(|m| m.eligibility == Eligibility::NotEligible)
                .map(|m| path::key(&flags, &m.id)),
        );
    }
    let headline = match (&park, &organisation) {
        (Some(p), _) => headline::park(edition, p),
        (_, Some(o)) => headline::organisation(o),
        _ => headline::Headline::default(),
    };
    let headline = if in_force {
        headline
    } else {
        headline::not_in_force(headline, as_of, edition.valid_from, edition.valid_until)
    };
    Outcome {
        format: "hrs-outcome".into(),
        version: OUTCOME_VERSION,
        edition: EditionRef {
            id: edition.id.clone(),
            document_number: edition.document_number.clone(),
            content_hash: edition.content_hash.clone(),
            valid_from: edition.valid_from,
            valid_until: edition.valid_until,
        },
        as_of,
        in_force,
        in_force_note,
        kind: store.kind(),
        park,
        organisation,
        problems,
        not_asked,
        headline,
    }
}
