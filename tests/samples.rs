//! The trainer's samples (src/ui/trainer.rs, answers files under src/policy/examples/) tell the
//! truth: each evaluates, at the date it is told at, to what its one-line story says.

use chrono::NaiveDate;
use hrs_widget::engine::{evaluate, AnswerStore, Counting, Eligibility, Outcome, Verdict};
use hrs_widget::policy;
use hrs_widget::policy::samples::{sample, SAMPLES};

fn run(id: &str) -> Outcome {
    let s = sample(id).unwrap_or_else(|| panic!("no sample {id}"));
    let answers = AnswerStore::from_json(&policy::default_edition().expect("edition"), s.json)
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    let date = NaiveDate::parse_from_str(s.as_of, "%Y-%m-%d").expect("sample date");
    evaluate(&policy::default_edition().expect("edition"), &answers, date)
}

fn verdict(o: &Outcome, id: &str) -> Verdict {
    let p = o.park.as_ref().expect("park outcome");
    p.conditions.iter().find(|c| c.id == id).expect(id).verdict
}

fn measure<'o>(o: &'o Outcome, id: &str) -> &'o hrs_widget::engine::MeasureOutcome {
    let org = o.organisation.as_ref().expect("organisation outcome");
    org.measures.iter().find(|m| m.id == id).expect(id)
}

#[test]
fn every_sample_reads_and_has_a_story_a_hint_and_a_date() {
    for s in SAMPLES {
        assert!(
            AnswerStore::from_json(&policy::default_edition().expect("edition"), s.json).is_ok(),
            "{}",
            s.id
        );
        for t in [s.title, s.story, s.show] {
            assert!(!t.0.is_empty() && !t.1.is_empty(), "{}", s.id);
            assert!(
                !t.1.contains('：') && !t.1.contains("万元"),
                "{}: English text {:?}",
                s.id,
                t.1
            );
        }
        assert!(
            NaiveDate::parse_from_str(s.as_of, "%Y-%m-%d").is_ok(),
            "{}",
            s.id
        );
    }
}

#[test]
fn the_stories_are_true() {
    let o = run("park-passes");
    assert_eq!(o.park.as_ref().map(|p| p.summary.not_met), Some(0));
    assert_eq!(
        verdict(&run("park-one-firm-short"), "park.4.3.firms"),
        Verdict::NotMet
    );
    // 20 firms reported, one of them a legal consultancy without a licence: 19 count.
    let up = run("park-upstream-firm");
    assert_eq!(verdict(&up, "park.4.3.firms"), Verdict::NotMet);
    assert_eq!(
        up.park.as_ref().map(|p| p.roster.hr_service_firms),
        Some(19)
    );
    let two = run("park-fails-two");
    assert_eq!(verdict(&two, "park.4.2.area"), Verdict::NotMet);
    assert_eq!(verdict(&two, "park.4.3.firms"), Verdict::NotMet);
    assert_eq!(
        verdict(&run("park-cancelled"), "park.9.barred"),
        Verdict::NotMet
    );
    // What its hint shows: still barred on 2026-06-30 (the period's last day), free on 2026-07-01.
    let cancelled = |date: &str| {
        let s = sample("park-cancelled").expect("sample");
        let a = AnswerStore::from_json(&policy::default_edition().expect("edition"), s.json)
            .expect("answers");
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
        let e = policy::default_edition().expect("edition");
        verdict(&evaluate(&e, &a, d), "park.9.barred")
    };
    assert_eq!(cancelled("2026-06-30"), Verdict::NotMet);
    assert_eq!(cancelled("2026-07-01"), Verdict::Met);
    let capped = run("organisation-capped");
    let brand = measure(&capped, "measures.3.brand")
        .amount
        .as_ref()
        .expect("amount");
    assert_eq!(brand.range.max.to_string(), "126500");
    let both = run("organisation-both-branches");
    assert!(matches!(
        measure(&both, "measures.3.hq").counting,
        Counting::GivenUp { .. }
    ));
    let lg = run("organisation-loan-and-grant");
    assert_eq!(
        measure(&lg, "measures.6.startup").eligibility,
        Eligibility::Eligible
    );
    assert_eq!(
        measure(&lg, "measures.4.top10").eligibility,
        Eligibility::Eligible
    );
    assert_eq!(
        measure(&run("organisation-placement-agency"), "measures.7").eligibility,
        Eligibility::Eligible
    );
    let expired = run("organisation-after-expiry");
    assert!(!expired.in_force);
    assert_eq!(
        measure(&expired, "measures.4.top10").eligibility,
        Eligibility::Eligible
    );
}

#[test]
fn every_named_case_reads_as_a_sentence_in_both_languages() {
    // The self-test shows these to officials: a real sentence each, never a template.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/policy/editions/baotou-2022-55.cases.json"
    );
    let text = std::fs::read_to_string(path).expect("cases file");
    let file = hrs_widget::engine::CaseFile::from_json(&text).expect("cases");
    let all = file
        .pairs
        .iter()
        .flat_map(|p| [&p.pass, &p.flip])
        .chain(file.cases.iter());
    for c in all {
        assert!(
            !c.name.contains("holds in the passing"),
            "templated: {}",
            c.name
        );
        let zh = c
            .name_zh
            .as_deref()
            .unwrap_or_else(|| panic!("no name_zh: {}", c.name));
        assert!(
            zh.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{zh}"
        );
        assert!(
            !zh.contains("park.") && !zh.contains("measures."),
            "rule id in {zh}"
        );
    }
}
