//! Numbers at the edge of what a decimal holds never panic (issue 12, item 6). Each reproduction
//! of the adversarial pass is here as sent: either the reader refuses the number at its field, or
//! the evaluation turns the overflow into a problem on that answer. Then a property: no answers
//! file, whatever numbers it carries, makes `evaluate` (or the text rendering) panic.

use chrono::NaiveDate;
use hrs_widget::engine::{self, evaluate, Answer, AnswerStore, AnswerValue, Outcome, StoreRow};
use hrs_widget::policy::{self, Edition};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn edition() -> Edition {
    policy::default_edition().expect("edition")
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or(NaiveDate::MIN)
}

const DECIMAL_MAX: &str = "79228162514264337593543950335";
const TINY: &str = "0.0000000000000000000000000001";

fn passing_park_json() -> serde_json::Value {
    serde_json::from_str(include_str!("../src/policy/examples/park-passes.json")).expect("example")
}

/// Reads and evaluates an answers file: `Err(message)` if the reader refuses it, else the
/// outcome. Either way nothing panics (a panic fails the test).
fn read_and_evaluate(v: &serde_json::Value) -> Result<Outcome, String> {
    let answers = AnswerStore::from_json(&edition(), &v.to_string()).map_err(|e| e.to_string())?;
    let o = evaluate(&edition(), &answers, as_of());
    // Everything downstream of the outcome renders it too.
    let _ = engine::text::render(&o, "zh");
    let _ = engine::text::render(&o, "en");
    let _ = serde_json::to_string(&o).map_err(|e| e.to_string())?;
    Ok(o)
}

/// Refused at the field, or evaluated with a problem naming the field.
fn refused_or_problem_at(v: &serde_json::Value, field: &str) {
    match read_and_evaluate(v) {
        Err(message) => assert!(message.contains(field), "{message}"),
        Ok(o) => assert!(
            o.problems.iter().any(|p| p.field.starts_with(field))
                || o.park.as_ref().is_some_and(|p| p
                    .roster
                    .issues
                    .iter()
                    .any(|i| i.field.starts_with(field))),
            "no problem at {field}: {:?}",
            o.problems
        ),
    }
}

#[test]
fn this_years_revenue_at_the_decimal_maximum_over_last_years_one_yuan_does_not_panic() {
    let mut v = passing_park_json();
    v["park"]["revenue_this_year_yuan"] = DECIMAL_MAX.into();
    v["park"]["revenue_last_year_yuan"] = "1".into();
    refused_or_problem_at(&v, "park.revenue");
}

#[test]
fn two_roster_revenues_of_5e28_do_not_panic() {
    let mut v = passing_park_json();
    v["park"]["roster"][0]["revenue_yuan"] = "5e28".into();
    v["park"]["roster"][1]["revenue_yuan"] = "5e28".into();
    refused_or_problem_at(&v, "park.roster[");
}

#[test]
fn last_years_revenue_of_one_ten_octillionth_does_not_panic() {
    let mut v = passing_park_json();
    v["park"]["revenue_this_year_yuan"] = "200000000".into();
    v["park"]["revenue_last_year_yuan"] = TINY.into();
    refused_or_problem_at(&v, "park.revenue_last_year_yuan");
}

#[test]
fn last_year_at_the_maximum_and_this_year_zero_does_not_panic() {
    let mut v = passing_park_json();
    v["park"]["revenue_this_year_yuan"] = "0".into();
    v["park"]["revenue_last_year_yuan"] = DECIMAL_MAX.into();
    // No growth is a plain answer here (the gap rounds within a decimal): refused or evaluated.
    if let Ok(o) = read_and_evaluate(&v) {
        assert_eq!(verdict(&o, "park.4.3.growth"), engine::Verdict::NotMet);
    }
}

// The same inputs handed straight to the engine (as a caller that skips the reader would): the
// checked arithmetic alone turns each overflow into a problem on the answer.

fn park_with(f: impl FnOnce(&mut AnswerStore)) -> Outcome {
    let mut p = AnswerStore::from_value(&edition(), passing_park_json()).expect("example");
    f(&mut p);
    evaluate(&edition(), &p, as_of())
}

/// Sets an amount at `path` as it is: the store's setter, unlike its reader, holds an amount to
/// no bound (as a caller that skips the reader would).
fn money(p: &mut AnswerStore, path: &str, d: Decimal) {
    if let Err(e) = p.set(path, AnswerValue::Money(d)) {
        panic!("{path}: {}", e.en);
    }
}

fn verdict(o: &Outcome, id: &str) -> engine::Verdict {
    o.park
        .as_ref()
        .and_then(|p| p.conditions.iter().find(|c| c.id == id))
        .map(|c| c.verdict)
        .unwrap_or(engine::Verdict::Unknown)
}

#[test]
fn growth_over_a_tiny_last_year_stands_and_its_rate_is_named_beyond_range() {
    let o = park_with(|p| {
        money(p, "park.revenue_this_year_yuan", Decimal::MAX);
        money(p, "park.revenue_last_year_yuan", Decimal::new(1, 28));
    });
    // Growth is there (this year > last year); how clear it is stays the reviewers' call.
    assert_eq!(
        verdict(&o, "park.4.3.growth"),
        engine::Verdict::ForReviewers
    );
    let p = o
        .problems
        .iter()
        .find(|p| p.field == "park.revenue_last_year_yuan")
        .expect("a problem on last year's revenue");
    assert!(p.message.zh.contains("超出可计算范围"), "{:?}", p.message);
}

#[test]
fn no_growth_from_the_maximum_to_zero_is_not_met_without_a_panic() {
    let o = park_with(|p| {
        money(p, "park.revenue_this_year_yuan", Decimal::ZERO);
        money(p, "park.revenue_last_year_yuan", Decimal::MAX);
    });
    assert_eq!(verdict(&o, "park.4.3.growth"), engine::Verdict::NotMet);
}

#[test]
fn roster_revenues_past_the_decimal_maximum_leave_the_total_unknown_and_name_the_row() {
    let o = park_with(|p| {
        for i in 0..p.rows("roster").len().min(3) {
            let big = Decimal::from_scientific("5e28").unwrap_or(Decimal::MAX);
            money(p, &format!("park.roster[{i}].revenue_yuan"), big);
        }
    });
    let roster = &o.park.as_ref().expect("park").roster;
    assert_eq!(
        roster.revenue_known_total, None,
        "unknown, never a wrong sum"
    );
    assert!(roster
        .issues
        .iter()
        .any(|i| i.field == "park.roster[1].revenue_yuan"
            && i.message.en.contains("total is unknown")));
}

#[test]
fn organisation_amounts_at_the_decimal_maximum_do_not_panic() {
    let mut o = AnswerStore::from_json(
        &edition(),
        include_str!("../src/policy/examples/organisation-capped.json"),
    )
    .expect("example");
    for key in [
        "city_retained_contribution_yuan",
        "revenue_yuan",
        "local_contribution_two_years_yuan",
        "tax_last_year_yuan",
    ] {
        money(&mut o, &format!("organisation.{key}"), Decimal::MAX);
    }
    let out = evaluate(&edition(), &o, as_of());
    let _ = engine::text::render(&out, "en");
    for t in &out.organisation.expect("organisation").totals {
        assert!(t.eligible.min <= t.eligible.max);
    }
}

// ---- property: no answers file makes evaluate panic ---------------------------------------------

/// Numbers as an answers file may carry them: the edges of a decimal, exponents, many decimals,
/// negative zero, and ordinary amounts.
fn number() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::from(DECIMAL_MAX)),
        Just(serde_json::Value::from(TINY)),
        Just(serde_json::Value::from("5e28")),
        Just(serde_json::Value::from("7.9228162514264337593543950335e28")),
        Just(serde_json::Value::from("1e-28")),
        Just(serde_json::Value::from("-0")),
        Just(serde_json::Value::from("0")),
        Just(serde_json::json!(1e300)),
        Just(serde_json::json!(u64::MAX)),
        (0u64..u64::MAX, 0u32..29).prop_map(|(m, s)| Decimal::from_i128_with_scale(
            i128::from(m),
            s
        )
        .to_string()
        .into()),
        (0u64..200_000_000_000).prop_map(serde_json::Value::from),
    ]
}

fn count() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::json!(u32::MAX)),
        Just(serde_json::json!(u64::MAX)),
        Just(serde_json::json!(300)),
        Just(serde_json::json!(0)),
        (0u32..2_000_000).prop_map(serde_json::Value::from),
    ]
}

prop_compose! {
    fn park_file()(
        this_year in number(), last_year in number(), area in number(),
        events in count(), firms in count(),
        revenues in proptest::collection::vec(proptest::option::of(number()), 0..40),
    ) -> serde_json::Value {
        let mut v = passing_park_json();
        v["park"]["revenue_this_year_yuan"] = this_year;
        v["park"]["revenue_last_year_yuan"] = last_year;
        v["park"]["floor_area_m2"] = area;
        v["park"]["events_held"] = events;
        v["park"]["notable_firms"] = firms;
        let rows: Vec<serde_json::Value> = revenues.into_iter().enumerate().map(|(i, r)| {
            let mut row = serde_json::json!({
                "name": format!("企业{i}"),
                "uscc": "91150200MA0N000000",
                "hr_service_firm": true,
                "service_format": "traditional",
            });
            if let Some(r) = r { row["revenue_yuan"] = r; }
            row
        }).collect();
        if !rows.is_empty() {
            v["park"]["roster"] = rows.into();
        }
        v
    }
}

prop_compose! {
    fn organisation_file()(
        retained in number(), revenue in number(), contribution in number(), tax in number(),
        months in count(), categories in proptest::collection::vec(count(), 0..6),
    ) -> serde_json::Value {
        let mut v: serde_json::Value = serde_json::from_str(include_str!(
            "../src/policy/examples/organisation-capped.json"
        )).expect("example");
        let o = &mut v["organisation"];
        o["city_retained_contribution_yuan"] = retained;
        o["revenue_yuan"] = revenue;
        o["local_contribution_two_years_yuan"] = contribution;
        o["tax_last_year_yuan"] = tax;
        o["placements"] = serde_json::json!([{
            "talent": "甲", "employer": "乙", "employer_in_city": true,
            "contract_start": "2023-01-31", "contract_months": months,
        }]);
        o["talents"] = categories.into_iter().map(|c| serde_json::json!({
            "name": "丙", "basis": "catalogue", "category": c, "full_time": true,
        })).collect::<Vec<_>>().into();
        v
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_park_answers_file_makes_evaluate_panic(v in park_file()) {
        let _ = read_and_evaluate(&v);
    }

    #[test]
    fn no_organisation_answers_file_makes_evaluate_panic(v in organisation_file()) {
        let _ = read_and_evaluate(&v);
    }

    #[test]
    fn no_roster_of_huge_revenues_makes_evaluate_panic(
        revenues in proptest::collection::vec(prop_oneof![
            Just(Decimal::MAX), Just(Decimal::new(1, 28)), (0u64..u64::MAX).prop_map(Decimal::from)
        ], 0..30),
        this_year in prop_oneof![Just(Decimal::MAX), Just(Decimal::ZERO), Just(Decimal::new(1, 28))],
        last_year in prop_oneof![Just(Decimal::MAX), Just(Decimal::ZERO), Just(Decimal::new(1, 28))],
    ) {
        let o = park_with(|p| {
            money(p, "park.revenue_this_year_yuan", this_year);
            money(p, "park.revenue_last_year_yuan", last_year);
            let rows = revenues.into_iter().map(|r| StoreRow::default()
                .with("uscc", Answer::Value(AnswerValue::Text("91150200MA0N000000".into())))
                .with("revenue_yuan", Answer::Value(AnswerValue::Money(r)))
            ).collect();
            if let Err(e) = p.replace_rows("park.roster", rows) {
                panic!("roster: {}", e.en);
            }
        });
        let _ = engine::text::render(&o, "zh");
    }
}
