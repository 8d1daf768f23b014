//! Questions that do not apply are not asked: `ask_if` in the edition, evaluated by the core.
//! A hidden answer is kept (going back restores it) and does not count.

use chrono::NaiveDate;
use hrs_widget::engine::{evaluate, AnswerStore, Eligibility, Outcome};
use hrs_widget::policy;

fn org(body: &str) -> Outcome {
    let text = format!(
        r#"{{"format":"hrs-answers","version":1,"kind":"organisation","organisation":{body}}}"#
    );
    let a = AnswerStore::from_json(&policy::default_edition().expect("edition"), &text)
        .expect("answers");
    let date = NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or(NaiveDate::MIN);
    evaluate(&policy::default_edition().expect("edition"), &a, date)
}

fn park(body: &str) -> Outcome {
    let text = format!(r#"{{"format":"hrs-answers","version":1,"kind":"park","park":{body}}}"#);
    let a = AnswerStore::from_json(&policy::default_edition().expect("edition"), &text)
        .expect("answers");
    let date = NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or(NaiveDate::MIN);
    evaluate(&policy::default_edition().expect("edition"), &a, date)
}

fn eligibility(o: &Outcome, id: &str) -> Eligibility {
    o.organisation
        .as_ref()
        .and_then(|x| x.measures.iter().find(|m| m.id == id))
        .map(|m| m.eligibility)
        .unwrap_or(Eligibility::Unknown)
}

#[test]
fn the_cancellation_date_is_asked_only_after_yes() {
    let o = park(r#"{"previously_cancelled":false,"cancelled_on":"2024-03-01"}"#);
    assert!(o.not_asked.contains(&"park.cancelled_on".to_string()));
    let o = park(r#"{"previously_cancelled":true}"#);
    assert!(!o.not_asked.contains(&"park.cancelled_on".to_string()));
}

#[test]
fn article_2_follow_ups_only_when_resident_and_hidden_answers_do_not_count() {
    let o = org(r#"{"district_has_contribution_policy":false}"#);
    assert!(o
        .not_asked
        .contains(&"organisation.district_has_contribution_policy".to_string()));
    // A hidden "no" does not make 第二条 not eligible: it is still open (resident in a park?).
    assert_eq!(eligibility(&o, "measures.2"), Eligibility::Unknown);
    // Every "what it would take" points at a question that is asked, never at a hidden one.
    let o2 = org(
        r#"{"hr_service_organisation":true,"registered_in_city":true,"district_has_contribution_policy":false}"#,
    );
    for t in &o2.headline.todo {
        if let Some(f) = &t.field {
            assert!(!o2.not_asked.contains(f), "{} links to hidden {f}", t.id);
        }
    }
    let todo = o2.headline.todo.iter().find(|t| t.id == "measures.2");
    assert_eq!(
        todo.and_then(|t| t.field.as_deref()),
        Some("organisation.resident_in_park"),
        "the link goes to the question that is asked"
    );
    // Once the gate opens, the kept answer counts again.
    let o = org(r#"{"resident_in_park":true,"district_has_contribution_policy":false}"#);
    assert_eq!(eligibility(&o, "measures.2"), Eligibility::NotEligible);
}

#[test]
fn headquarters_and_loans_follow_their_gates() {
    let o = org(
        r#"{"regional_backbone_or_integrity":false,"founded_by_individual":false,"small_or_micro":false}"#,
    );
    for p in [
        "organisation.headquarters_in_city",
        "organisation.meets_startup_loan_conditions",
        "organisation.applies_guarantee_loan",
    ] {
        assert!(o.not_asked.contains(&p.to_string()), "{p} hidden");
    }
    let o = org(
        r#"{"regional_backbone_or_integrity":true,"founded_by_individual":true,"small_or_micro":true}"#,
    );
    assert!(o
        .not_asked
        .iter()
        .all(|p| !p.contains("headquarters") && !p.contains("loan")));
}

#[test]
fn none_settles_articles_7_and_9_as_not_applicable() {
    let o = org(r#"{}"#);
    assert_eq!(eligibility(&o, "measures.7"), Eligibility::Unknown);
    let o = org(
        r#"{"has_placements":false,"has_talents":false,"placements":[{"talent":"甲","employer":"乙"}]}"#,
    );
    assert_eq!(eligibility(&o, "measures.7"), Eligibility::NotEligible);
    assert_eq!(eligibility(&o, "measures.9"), Eligibility::NotEligible);
    for p in [
        "organisation.placements",
        "organisation.talents",
        "organisation.founded_high_tech_enterprise",
        "organisation.tax_last_year_yuan",
    ] {
        assert!(o.not_asked.contains(&p.to_string()), "{p} hidden");
    }
    // Not answered: the lists are asked (older answers files keep working).
    let o = org(r#"{"placements":[{"talent":"甲","employer":"乙"}]}"#);
    assert!(!o.not_asked.contains(&"organisation.placements".to_string()));
}

#[test]
fn already_received_is_asked_only_for_measures_that_could_pay() {
    let o =
        org(r#"{"top10_listed":false,"national_integrity_title":true,"registered_in_city":true}"#);
    assert!(o
        .not_asked
        .contains(&r#"organisation.already_received["measures.4.top10"]"#.to_string()));
    assert!(!o
        .not_asked
        .contains(&r#"organisation.already_received["measures.4.integrity"]"#.to_string()));
}

#[test]
fn gates_have_no_cycles_and_point_to_yes_no_questions() {
    let e = policy::default_edition().expect("edition");
    for q in e.all_questions() {
        let mut p = q.path.clone();
        for _ in 0..8 {
            let Some(g) = e.question(&p).and_then(|q| q.ask_if.clone()) else {
                break;
            };
            let gate = e.question(&g.path).expect("gate is a question");
            assert_eq!(
                gate.kind,
                policy::QuestionKind::YesNo,
                "{} gates {}",
                g.path,
                q.path
            );
            assert_eq!(gate.section, q.section, "a gate is asked on the same step");
            p = g.path.clone();
        }
        assert!(
            e.question(&p).and_then(|q| q.ask_if.as_ref()).is_none(),
            "ask_if chain from {} is too long or cyclic",
            q.path
        );
    }
}

/// Questions asked per flow, before (every question) and after (relevance), for the stories of
/// the issue: printed with `--nocapture` for the report.
#[test]
fn questions_asked_per_flow() {
    let e = policy::default_edition().expect("edition");
    let count = |qs: &[policy::Question]| qs.len();
    let agency = org(
        r#"{"registered_in_city":true,"resident_in_park":false,"attracted_by_investment_promotion":true,"on_national_list":true,"regional_backbone_or_integrity":false,"founded_by_individual":false,"small_or_micro":false,"has_placements":true,"has_talents":false}"#,
    );
    let total_org = count(&e.questions.organisation);
    let asked_org = total_org
        - agency
            .not_asked
            .iter()
            .filter(|p| !p.contains("already_received["))
            .count();
    let park_o = park(r#"{"previously_cancelled":false}"#);
    let total_park = count(&e.questions.park);
    let asked_park = total_park - park_o.not_asked.len();
    println!("park: {asked_park} of {total_park} questions asked; organisation (agency): {asked_org} of {total_org}");
    assert!(asked_org + 8 <= total_org, "{asked_org} of {total_org}");
    assert!(asked_park < total_park);
}

/// Found by the agency walkthrough: 第二条's card said "需回答：属地是否出台经济贡献支持政策？"
/// after 入驻产业园 = 否, a question that is no longer shown. A condition whose question its
/// gate's answer hid asks for nothing; it stays unknown (never read as no).
#[test]
fn a_condition_hidden_by_its_gate_asks_for_nothing() {
    let o = org(r#"{"resident_in_park":false}"#);
    let m = o
        .organisation
        .as_ref()
        .and_then(|x| x.measures.iter().find(|m| m.id == "measures.2"));
    let hidden: Vec<_> = m
        .map(|m| m.conditions.iter())
        .into_iter()
        .flatten()
        .filter(|c| c.reason.zh.contains("不再询问"))
        .collect();
    assert!(
        !hidden.is_empty(),
        "第二条 has conditions on the hidden follow-ups"
    );
    for c in hidden {
        assert_eq!(c.verdict.as_str(), "unknown", "{}", c.id);
        assert!(
            c.gap.is_none(),
            "{} asks for a hidden field: {:?}",
            c.id,
            c.gap
        );
        assert!(
            c.reason.zh.contains("是否入驻人力资源服务产业园"),
            "{}",
            c.reason.zh
        );
    }
}
