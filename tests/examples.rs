//! The example answer files under src/policy/examples/ evaluate as intended.

use chrono::NaiveDate;
use hrs_widget::engine::{
    evaluate, AnswerStore, Counting, Eligibility, MoneyRange, Outcome, Verdict,
};
use hrs_widget::policy::{self, MoneyKind, Recipient};
use rust_decimal::Decimal;

fn run(file: &str, as_of: &str) -> Outcome {
    let path = format!("{}/src/policy/examples/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let e = policy::default_edition().expect("edition");
    let answers = AnswerStore::from_json(&e, &text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let date = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap_or(NaiveDate::MIN);
    evaluate(&e, &answers, date)
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

#[test]
fn the_passing_park_passes() {
    let o = run("park-passes.json", "2024-09-30");
    let p = o.park.as_ref().expect("park outcome");
    assert_eq!(p.summary.not_met, 0);
    assert_eq!(p.summary.unknown, 0);
    assert!(p.summary.ready_for_review);
    assert!(p.summary.materials_ready);
    assert!(!p.summary.barred);
    assert!(
        p.summary.for_reviewers > 0,
        "judgement items are left to the reviewers"
    );
    assert_eq!(p.roster.hr_service_firms, 20);
    assert_eq!(p.roster.formats.len(), 6);
    assert!(p.roster.issues.is_empty(), "{:?}", p.roster.issues);
    assert_eq!(p.procedure.len(), 3);
    assert!(p.submission.to.zh.contains("人力资源和社会保障局"));
    assert!(o.problems.is_empty());
    assert!(o.in_force);
    assert_eq!(o.edition.id, "baotou-2022-55");
}

#[test]
fn the_failing_park_fails_on_exactly_two_conditions_with_gaps() {
    let o = run("park-fails-two.json", "2024-09-30");
    let p = o.park.as_ref().expect("park outcome");
    let failed: Vec<_> = p
        .conditions
        .iter()
        .filter(|c| c.verdict == Verdict::NotMet)
        .collect();
    let ids: Vec<_> = failed.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["park.4.2.area", "park.4.3.firms"]);
    for c in &failed {
        assert!(c.in_principle);
        let g = c.gap.as_ref().expect("a gap for every unmet condition");
        assert!(g.numbers.is_some());
    }
    assert_eq!(
        failed[0].gap.as_ref().map(|g| g.text.zh.as_str()),
        Some("还差 200 平方米")
    );
    assert_eq!(
        failed[1].gap.as_ref().map(|g| g.text.en.as_str()),
        Some("2 more HR-service firm(s)")
    );
    assert!(!p.summary.materials_ready);
    assert!(!p.summary.ready_for_review);
}

#[test]
fn the_capped_organisation_is_capped_by_its_contribution() {
    let o = run("organisation-capped.json", "2024-09-30");
    let org = o.organisation.as_ref().expect("org outcome");
    let brand = org
        .measures
        .iter()
        .find(|m| m.id == "measures.3.brand")
        .expect("brand");
    assert_eq!(brand.eligibility, Eligibility::Eligible);
    let a = brand.amount.as_ref().expect("amount");
    assert_eq!(a.uncapped, MoneyRange::new(d("100000"), d("200000")));
    assert_eq!(a.range, MoneyRange::new(d("100000"), d("126500")));
    assert!(a.cap.as_ref().is_some_and(|c| c.applied));
    // 第二条 goes to the district, not into the organisation's grants.
    let district = org
        .totals
        .iter()
        .find(|t| t.recipient == Recipient::District)
        .expect("district total");
    assert_eq!(district.eligible, MoneyRange::new(d("38000"), d("38000")));
}

#[test]
fn the_organisation_qualifying_for_both_branches_keeps_one() {
    let o = run("organisation-both-branches.json", "2024-09-30");
    let org = o.organisation.as_ref().expect("org outcome");
    let get = |id: &str| org.measures.iter().find(|m| m.id == id).expect("measure");
    assert_eq!(get("measures.3.brand").eligibility, Eligibility::Eligible);
    assert_eq!(get("measures.3.hq").eligibility, Eligibility::Eligible);
    assert_eq!(get("measures.3.brand").counting, Counting::Counted);
    assert!(
        matches!(get("measures.3.hq").counting, Counting::GivenUp { ref kept, .. } if kept == "measures.3.brand")
    );
    let dec = &org.non_duplication[0];
    assert_eq!(dec.kept.as_deref(), Some("measures.3.brand"));
    assert_eq!(dec.given_up, ["measures.3.hq"]);
    assert!(dec.reason.zh.contains("就高从优"));
    let grants = org
        .totals
        .iter()
        .find(|t| t.recipient == Recipient::Organisation && t.kind == MoneyKind::Grant)
        .expect("grants");
    // brand 10–20万 + top-10 5万; the 10万 headquarters subsidy is not added.
    assert_eq!(grants.eligible, MoneyRange::new(d("150000"), d("250000")));
}

#[test]
fn the_placement_agency_gets_one_range_and_a_list() {
    let o = run("organisation-placement-agency.json", "2024-09-30");
    let org = o.organisation.as_ref().expect("org outcome");
    let m = org
        .measures
        .iter()
        .find(|m| m.id == "measures.7")
        .expect("第七条");
    assert_eq!(m.eligibility, Eligibility::Eligible);
    assert_eq!(
        m.amount.as_ref().map(|a| a.range),
        Some(MoneyRange::new(d("50000"), d("500000")))
    );
    let qualifying: Vec<_> = m
        .items
        .iter()
        .filter(|i| i.verdict == Verdict::Met)
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(qualifying, ["张工程师", "李博士"]);
    assert_eq!(m.items.len(), 4);
    // The guarantee loan is a loan: its own total, never in grants.
    let loans = org
        .totals
        .iter()
        .find(|t| t.kind == MoneyKind::Loan)
        .expect("loan total");
    assert_eq!(loans.eligible.max, d("3000000"));
    let grants = org
        .totals
        .iter()
        .find(|t| t.recipient == Recipient::Organisation && t.kind == MoneyKind::Grant)
        .expect("grants");
    assert_eq!(grants.eligible, MoneyRange::new(d("50000"), d("500000")));
    // Earlier, 李博士 (from 2024-03-15) was not yet there: 张工程师 alone.
    let o = run("organisation-placement-agency.json", "2024-08-01");
    let m = o
        .organisation
        .as_ref()
        .and_then(|org| org.measures.iter().find(|m| m.id == "measures.7"))
        .expect("第七条");
    let qualifying: Vec<_> = m
        .items
        .iter()
        .filter(|i| i.verdict == Verdict::Met)
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(qualifying, ["张工程师"]);
}

#[test]
fn outside_the_window_the_outcome_says_so_and_still_evaluates() {
    let o = run("park-passes.json", "2026-11-26");
    assert!(!o.in_force);
    assert!(o.in_force_note.zh.contains("不在有效期内"));
    assert!(o.in_force_note.en.contains("not in force"));
    assert_eq!(o.park.as_ref().map(|p| p.summary.not_met), Some(0));
}

#[test]
fn every_verdict_and_amount_carries_its_citation_and_original() {
    for (file, date) in [
        ("park-passes.json", "2024-09-30"),
        ("organisation-capped.json", "2024-09-30"),
    ] {
        let o = run(file, date);
        let json = serde_json::to_value(&o).expect("serialises");
        assert_eq!(
            json["edition"]["content_hash"].as_str().map(str::len),
            Some(64)
        );
        if let Some(p) = &o.park {
            for c in &p.conditions {
                assert!(!c.source.original.is_empty() && !c.source.cite.article.is_empty());
            }
        }
        if let Some(org) = &o.organisation {
            for m in &org.measures {
                assert!(!m.source.original.is_empty());
                if let Some(cap) = m.amount.as_ref().and_then(|a| a.cap.as_ref()) {
                    assert!(!cap.source.original.is_empty());
                }
            }
        }
        // The outcome reads back from its JSON.
        let back: Outcome = serde_json::from_value(json).expect("outcome round-trips");
        assert_eq!(back, o);
    }
}
