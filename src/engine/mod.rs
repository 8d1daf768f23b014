//! The pure engine: `(edition, answers, as-of date) → outcome`.
//!
//! No clock, no IO, no DOM: the as-of date is passed in. Evaluation never
//! stops at the first failure: every condition gets a verdict.

pub mod answers;
pub mod cases;
pub mod compare;
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
    outcome.problems.extend(errors.into_iter().map(|e| Problem {
        message: Text::new(e.message.clone(), e.message),
        field: e.path,
    }));
    outcome
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
    let in_force_note = if in_force {
        Text::new(
            format!(
                "{} 于 {} 有效（有效期 {} 至 {}）。",
                edition.document_number, as_of, edition.valid_from, edition.valid_until
            ),
            format!(
                "{} is in force on {} (valid {} to {}).",
                edition.document_number, as_of, edition.valid_from, edition.valid_until
            ),
        )
    } else {
        Text::new(
            format!(
                "注意：{} 在 {} 不在有效期内（有效期 {} 至 {}），以下评估仅供参考。",
                edition.document_number, as_of, edition.valid_from, edition.valid_until
            ),
            format!(
                "Note: {} is not in force on {} (valid {} to {}); the evaluation below is for reference only.",
                edition.document_number, as_of, edition.valid_from, edition.valid_until
            ),
        )
    };
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
    if let Some(o) = &organisation {
        // "Already received a similar benefit?" matters only where the measure could pay.
        not_asked.extend(
            o.measures
                .iter()
                .filter(|m| m.eligibility == Eligibility::NotEligible)
                .map(|m| path::key("organisation.already_received", &m.id)),
        );
    }
    let headline = match (&park, &organisation) {
        (Some(p), _) => headline::park(p),
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
