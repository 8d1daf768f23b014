//! The named pass/flip cases beside each bundled edition: every one passes,
//! and every condition id has a pair.

use hrs_widget::engine::cases::{missing_pairs, CaseFile};
use hrs_widget::engine::run_cases;
use hrs_widget::policy::{self, Edition};

fn bundled_with_cases() -> Vec<(Edition, CaseFile)> {
    policy::bundled()
        .iter()
        .map(|b| {
            let e = Edition::from_json(b.json).unwrap_or_else(|err| panic!("{}: {err}", b.name));
            let c = CaseFile::from_json(
                b.cases_json
                    .unwrap_or_else(|| panic!("{} has no cases file", b.name)),
            )
            .unwrap_or_else(|err| panic!("{} cases: {err}", b.name));
            (e, c)
        })
        .collect()
}

#[test]
fn every_bundled_edition_has_cases_and_they_all_pass() {
    let all = bundled_with_cases();
    assert!(!all.is_empty());
    for (e, c) in &all {
        let results = run_cases(e, c);
        let failed: Vec<String> = results
            .iter()
            .filter(|r| !r.passed)
            .map(|r| format!("{}: {}", r.name, r.failures.join("; ")))
            .collect();
        assert!(
            failed.is_empty(),
            "{} failing cases:\n{}",
            e.id,
            failed.join("\n")
        );
        assert!(results.len() >= 2 * c.pairs.len());
    }
}

#[test]
fn every_condition_id_has_a_pass_and_a_flip_case() {
    for (e, c) in &bundled_with_cases() {
        let missing = missing_pairs(e, c);
        assert!(
            missing.is_empty(),
            "{}: conditions without a pass/flip pair: {missing:?}",
            e.id
        );
        for p in &c.pairs {
            assert!(
                e.condition_ids().contains(&p.rule.as_str()),
                "pair for unknown rule {}",
                p.rule
            );
        }
    }
}

#[test]
fn a_pair_whose_flip_does_not_flip_is_caught() {
    let (e, mut c) = bundled_with_cases().remove(0);
    // Make the area flip set the area to a passing value: the case must fail.
    let pair = c
        .pairs
        .iter_mut()
        .find(|p| p.rule == "park.4.2.area")
        .expect("area pair");
    pair.flip
        .set
        .insert("park.floor_area_m2".into(), serde_json::json!("3000"));
    let results = run_cases(&e, &c);
    assert!(results
        .iter()
        .any(|r| !r.passed && r.rule.as_deref() == Some("park.4.2.area")));
}

#[test]
fn a_flip_that_changes_another_rules_input_is_caught() {
    let (e, mut c) = bundled_with_cases().remove(0);
    let pair = c
        .pairs
        .iter_mut()
        .find(|p| p.rule == "park.4.2.area")
        .expect("area pair");
    pair.flip
        .set
        .insert("park.events_held".into(), serde_json::json!(0));
    let results = run_cases(&e, &c);
    let r = results
        .iter()
        .find(|r| r.rule.as_deref() == Some("park.4.2.area") && !r.passed)
        .expect("the pair is flagged");
    assert!(
        r.failures.iter().any(|f| f.contains("does not read")),
        "{:?}",
        r.failures
    );
}

#[test]
fn a_missing_pair_is_reported() {
    let (e, mut c) = bundled_with_cases().remove(0);
    c.pairs.retain(|p| p.rule != "measures.7.placement");
    assert_eq!(missing_pairs(&e, &c), vec!["measures.7.placement"]);
}
