//! A made-up second edition with other thresholds and dates evaluates with
//! no code change.

use chrono::NaiveDate;
use hrs_widget::engine::cases::CaseFile;
use hrs_widget::engine::{evaluate, run_cases, AnswerStore, Verdict};
use hrs_widget::policy::{self, Edition};

const EDITION: &str = include_str!("fixtures/testland-2026-1.json");
const CASES: &str = include_str!("fixtures/testland-2026-1.cases.json");

#[test]
fn the_made_up_edition_loads_and_its_cases_pass() {
    let e = Edition::from_json(EDITION).expect("loads");
    assert_eq!(e.id, "testland-2026-1");
    let c = CaseFile::from_json(CASES).expect("cases load");
    let results = run_cases(&e, &c);
    let failed: Vec<_> = results
        .iter()
        .filter(|r| !r.passed)
        .map(|r| format!("{}: {:?}", r.name, r.failures))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(results.len(), c.cases.len());
}

#[test]
fn the_same_answers_differ_between_editions() {
    let old = policy::default_edition().expect("default");
    // Read once, through the 2022 edition's declarations; each edition reads the fields it
    // declares.
    let a = AnswerStore::from_json(
        &old,
        include_str!("../src/policy/examples/park-passes.json"),
    )
    .expect("answers");
    let new = Edition::from_json(EDITION).expect("new");
    let date = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or(NaiveDate::MIN);
    let o_old = evaluate(&old, &a, date);
    let o_new = evaluate(&new, &a, date);
    assert!(!o_old.in_force);
    assert!(o_new.in_force);
    assert_ne!(o_old.edition.content_hash, o_new.edition.content_hash);
    let rev = |o: &hrs_widget::engine::Outcome| {
        o.park
            .as_ref()
            .and_then(|p| p.conditions.iter().find(|c| c.id == "park.4.3.revenue"))
            .map(|c| c.verdict)
    };
    assert_eq!(rev(&o_old), Some(Verdict::Met));
    assert_eq!(rev(&o_new), Some(Verdict::NotMet));
}
