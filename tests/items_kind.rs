//! The one `items` test kind ("items in a table that meet conditions"): 第七条 and 第九条 are two
//! instances in the 2022 edition; here a later notice declares a NEW table and an award per
//! qualifying person over it — data only, no Rust.

use chrono::NaiveDate;
use hrs_widget::engine::{self, AnswerStore, Eligibility, Verdict};
use hrs_widget::policy::{self, Edition};
use rust_decimal::Decimal;
use serde_json::json;

/// The sample successor plus a table of trainees and “CNY 2,000 per certified trainee with at
/// least 40 hours whose course ended 3 months ago”.
fn edition_with_trainees() -> Edition {
    let text = policy::bundled()
        .iter()
        .find(|b| b.name == "sample-successor")
        .expect("bundled sample")
        .json;
    let mut v: serde_json::Value = serde_json::from_str(text).expect("json");
    let t = |zh: &str, en: &str| json!({"zh": zh, "en": en});
    let col = |c: &str, kind: &str, zh: &str| {
        json!({"path": format!("organisation.trainees[].{c}"), "kind": kind,
               "label": t(zh, c), "section": "measures.3"})
    };
    v["questions"]["organisation"]
        .as_array_mut()
        .expect("questions")
        .push(json!({
            "path": "organisation.trainees", "kind": "table", "label": t("培训学员", "Trainees"),
            "section": "measures.3",
            "columns": [col("name", "text", "姓名"), col("certified", "yes_no", "是否取得证书"),
                        col("hours", "count", "学时"), col("finished", "date", "结业日期")]
        }));
    let source = v["measures"][0]["source"].clone();
    v["measures"].as_array_mut().expect("measures").push(json!({
        "id": "measures.9.training", "label": t("培训补贴", "Training subsidy"),
        "source": source.clone(), "recipient": "organisation", "kind": "grant",
        "amount": {"amount": "range", "min": "2000", "max": "2000", "per": "person_year"},
        "conditions": [{
            "id": "measures.9.training.trainees", "label": t("合格学员", "Qualifying trainees"),
            "source": source,
            "test": {
                "test": "items", "table": "organisation.trainees", "name": "name",
                "branches": [{"checks": [
                    {"check": "yes", "column": "certified", "met": t("已取得证书", "certified"),
                     "not_met": t("未取得证书", "not certified"), "unknown": t("证书", "certificate")},
                    {"check": "count", "column": "hours", "min": 40,
                     "met": t("{n} 学时 ≥ {min}", "{n} hours ≥ {min}"),
                     "not_met": t("{n} 学时，不足 {min}", "{n} hours, under {min}"),
                     "unknown": t("学时", "hours")},
                    {"check": "months", "column": "finished", "months": 3,
                     "what": t("结业日期", "end of course"),
                     "met": t("{done} 结业满 {months} 个月", "{months} months since the course on {done}"),
                     "not_yet": t("{done} 起结业满 {months} 个月", "{months} months since the course from {done}"),
                     "unknown": t("结业日期", "end of course")}
                ]}],
                "wording": {
                    "none": t("没有学员", "no trainees"), "empty": t("未列出学员", "no trainees listed"),
                    "summary": t("{total} 名学员中 {n} 名符合：{names}", "{n} of {total} trainees qualify: {names}"),
                    "unknown": t("需补全学员信息", "needs the trainees' details"),
                    "not_met": t("还需 1 名合格学员", "1 qualifying trainee")
                }
            }
        }]
    }));
    Edition::from_json(&v.to_string()).expect("the edition loads")
}

/// Answers read through `e`'s declarations (its new table too).
fn answers(e: &Edition, trainees: serde_json::Value) -> AnswerStore {
    AnswerStore::from_value(
        e,
        json!({"format": "hrs-answers", "version": 1, "kind": "organisation",
        "organisation": {"hr_service_organisation": true, "trainees": trainees}}),
    )
    .expect("answers with the new table read")
}

#[test]
fn a_new_table_and_a_per_person_award_over_it_need_no_rust() {
    let e = edition_with_trainees();
    let as_of = NaiveDate::from_ymd_opt(2026, 9, 30).expect("date");
    let a = answers(
        &e,
        json!([
            {"name": "甲", "certified": true, "hours": 48, "finished": "2026-03-01"},
            {"name": "乙", "certified": true, "hours": "60", "finished": "2026-05-31"},
            {"name": "丙", "certified": false, "hours": 80, "finished": "2026-01-01"},
            {"name": "丁", "certified": true, "hours": 20, "finished": "2026-01-01"},
            {"name": "戊", "certified": true, "hours": 40, "finished": "2026-08-01"}
        ]),
    );
    let o = engine::evaluate(&e, &a, as_of);
    let org = o.organisation.as_ref().expect("organisation");
    let m = org
        .measures
        .iter()
        .find(|m| m.id == "measures.9.training")
        .expect("the new measure");
    let c = m
        .conditions
        .iter()
        .find(|c| c.id == "measures.9.training.trainees")
        .expect("its condition");
    assert_eq!(c.verdict, Verdict::Met, "{:?}", c.reason);
    assert!(
        c.reason.zh.contains("5 名学员中 2 名符合：甲、乙"),
        "{}",
        c.reason.zh
    );
    let verdicts: Vec<_> = m
        .items
        .iter()
        .map(|i| (i.name.as_str(), i.verdict))
        .collect();
    assert_eq!(verdicts[0], ("甲", Verdict::Met));
    assert_eq!(verdicts[1], ("乙", Verdict::Met), "{:?}", m.items[1].reason);
    assert_eq!(verdicts[2], ("丙", Verdict::NotMet));
    assert_eq!(verdicts[3], ("丁", Verdict::NotMet));
    assert!(
        matches!(verdicts[4].1, Verdict::NotYet { from } if from == NaiveDate::from_ymd_opt(2026, 11, 1).expect("d")),
        "{:?}",
        m.items[4]
    );
    assert!(
        m.items[3].reason.zh.contains("20 学时，不足 40"),
        "{}",
        m.items[3].reason.zh
    );
    // Per person and year: the two who qualify.
    assert_eq!(m.eligibility, Eligibility::Eligible);
    let amount = m.amount.as_ref().expect("an amount");
    assert_eq!(amount.range.max, Decimal::from(4000), "{amount:?}");

    // No rows listed: unknown, asking for the table; a bad cell is named by its path.
    let o = engine::evaluate(&e, &answers(&e, json!([])), as_of);
    let m = &o.organisation.as_ref().expect("org").measures;
    let m = m.iter().find(|m| m.id == "measures.9.training").expect("m");
    assert!(matches!(
        m.conditions.last().map(|c| c.verdict),
        Some(Verdict::Unknown)
    ));
    let bad = AnswerStore::from_value(
        &e,
        json!({"format": "hrs-answers", "version": 1,
        "kind": "organisation", "organisation": {"trainees": [{"name": "x", "hours": "lots"}]}}),
    )
    .expect_err("a bad cell");
    assert_eq!(bad.path, "organisation.trainees[0].hours");
    let bad = AnswerStore::from_value(
        &e,
        json!({"format": "hrs-answers", "version": 1,
        "kind": "organisation", "organisation": {"trainees": [{"colour": "red"}]}}),
    )
    .expect_err("an unknown column");
    assert_eq!(bad.path, "organisation.trainees[0].colour");

    // The rows are written back as they were read.
    let back = AnswerStore::from_value(&e, a.to_value()).expect("reads its own output");
    assert_eq!(back, a);
}

/// Review L7: a field declared again with another kind is read by the declaration of the edition
/// the answers are read with (each read goes through its own edition's declarations; there is no
/// registry that could keep an older kind).
#[test]
fn a_field_declared_again_takes_the_latest_declarations_kind() {
    let with_field = |kind: &str| {
        let text = policy::bundled()
            .iter()
            .find(|b| b.name == "sample-successor")
            .expect("bundled sample")
            .json;
        let mut v: serde_json::Value = serde_json::from_str(text).expect("json");
        v["questions"]["organisation"]
            .as_array_mut()
            .expect("questions")
            .push(json!({"path": "organisation.l7_probe", "kind": kind,
                         "label": {"zh": "探针", "en": "probe"}, "section": "measures.3"}));
        Edition::from_json(&v.to_string()).expect("loads")
    };
    let read = |e: &Edition, value: serde_json::Value| {
        AnswerStore::from_value(
            e,
            json!({"format": "hrs-answers", "version": 1, "kind": "organisation",
            "organisation": {"l7_probe": value}}),
        )
    };
    let count = with_field("count");
    assert!(read(&count, json!(3)).is_ok());
    let yes_no = with_field("yes_no");
    assert!(
        read(&yes_no, json!(true)).is_ok(),
        "the later declaration (yes/no) reads"
    );
    assert!(
        read(&yes_no, json!(3)).is_err(),
        "a count is no longer a yes/no"
    );
    assert!(
        read(&count, json!(3)).is_ok(),
        "each read by its own edition"
    );
}
