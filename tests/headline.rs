//! The headline at the top of the results: one sentence computed by the core, not-met items first,
//! each with what it would take and the answer that settles it; "not in force" wins.

use chrono::NaiveDate;
use hrs_widget::engine::headline::HeadlineState;
use hrs_widget::engine::{evaluate, AnswerStore, Outcome};
use hrs_widget::policy;

fn run(file: &str, as_of: &str) -> Outcome {
    let path = format!("{}/src/policy/examples/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let e = policy::default_edition().expect("edition");
    let answers = AnswerStore::from_json(&e, &text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let date = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap_or(NaiveDate::MIN);
    evaluate(&e, &answers, date)
}

#[test]
fn a_passing_park_can_apply_and_the_reviewers_items_are_named() {
    let o = run("park-passes.json", "2024-09-30");
    assert_eq!(o.headline.state, HeadlineState::Ready);
    assert!(
        o.headline.text.zh.starts_with("可以申报"),
        "{}",
        o.headline.text.zh
    );
    assert!(
        o.headline.text.zh.contains("由评审认定"),
        "{}",
        o.headline.text.zh
    );
    assert!(o.headline.todo.is_empty());
}

#[test]
fn a_failing_park_counts_what_is_not_met_and_lists_it_first_with_the_field() {
    let o = run("park-fails-two.json", "2024-09-30");
    let p = o.park.as_ref().expect("park");
    let h = &o.headline;
    assert_eq!(h.state, HeadlineState::NotReady);
    assert!(h.text.zh.starts_with("暂不具备申报条件："), "{}", h.text.zh);
    assert!(
        h.text
            .zh
            .contains(&format!("{} 项不符合", p.summary.not_met)),
        "{}",
        h.text.zh
    );
    let first_unknown = h.todo.iter().position(|t| t.verdict != "not_met");
    let last_not_met = h.todo.iter().rposition(|t| t.verdict == "not_met");
    if let (Some(u), Some(n)) = (first_unknown, last_not_met) {
        assert!(n < u, "not-met items come first");
    }
    assert_eq!(
        h.todo.iter().filter(|t| t.verdict == "not_met").count() as u32,
        p.summary.not_met
    );
    for t in h.todo.iter().filter(|t| t.verdict == "not_met") {
        assert!(
            t.what_it_takes.is_some(),
            "{} says what it would take",
            t.id
        );
        assert!(t.cite.zh.starts_with('《'), "cited in words: {}", t.cite.zh);
        assert!(!t.label.zh.contains("park."), "no ids: {}", t.label.zh);
    }
    assert!(h.todo.iter().any(|t| t.field.is_some()));
}

#[test]
fn not_in_force_wins_over_can_apply() {
    let o = run("park-passes.json", "2026-12-05");
    assert!(!o.in_force);
    assert_eq!(o.headline.state, HeadlineState::NotInForce);
    assert!(
        o.headline.text.zh.starts_with("不能据此申报"),
        "{}",
        o.headline.text.zh
    );
    assert!(
        o.headline.text.en.starts_with("Cannot apply"),
        "{}",
        o.headline.text.en
    );
}

#[test]
fn an_organisation_hears_what_it_can_get_now_and_what_is_pending() {
    let o = run("organisation-placement-agency.json", "2024-09-30");
    let h = &o.headline;
    assert!(
        h.text.zh.starts_with("现可享受") || h.text.zh.starts_with("目前还没有确定"),
        "{}",
        h.text.zh
    );
    assert!(
        h.text.zh.contains("万元") || h.state != HeadlineState::Ready,
        "{}",
        h.text.zh
    );
    for t in &h.todo {
        assert!(
            t.verdict == "unknown" || t.verdict == "not_yet",
            "{}",
            t.verdict
        );
    }
}

#[test]
fn verdict_words_are_one_vocabulary() {
    use hrs_widget::engine::{Eligibility, Verdict};
    assert_eq!(Verdict::Unknown.words().zh, "待确认");
    assert_eq!(Eligibility::Unknown.words().zh, "待确认");
    assert_eq!(Verdict::ForReviewers.words().zh, "由评审认定");
}

/// The text rendering (CLI) heads the materials as the widget does
/// (`wizard::materials_heading`), by the article the edition cites for them.
#[test]
fn the_text_rendering_heads_the_materials_by_the_editions_article() {
    let e = policy::default_edition().expect("edition");
    let path = format!(
        "{}/src/policy/examples/park-passes.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let a = hrs_widget::engine::AnswerStore::from_json(&e, &text).expect("reads");
    let date = NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or(NaiveDate::MIN);
    let mut o = hrs_widget::engine::evaluate(&e, &a, date);
    // An edition citing its materials under another article.
    for m in &mut o.park.as_mut().expect("park").materials {
        std::sync::Arc::make_mut(&mut m.source).cite.article = "第六条".into();
    }
    let zh = hrs_widget::engine::text::render_for(&o, Some(&e), "zh");
    assert!(zh.contains("\n申报材料（第六条）：\n"), "{zh}");
    assert!(!zh.contains("（第五条）："), "{zh}");
    let en = hrs_widget::engine::text::render_for(&o, Some(&e), "en");
    assert!(en.contains("\nApplication materials (第六条):\n"), "{en}");
}
