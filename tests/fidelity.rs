//! Issue 11, policy fidelity: what the named cases cannot say with a verdict alone — the
//! count's breakdown in words, the rows "what it would take" names, the reading notes.

use chrono::NaiveDate;
use hrs_widget::engine::{evaluate, Answers, ConditionOutcome, FirmStatus, Outcome, Verdict};
use hrs_widget::policy::{self, Edition};
use serde_json::{json, Value};

fn edition() -> Edition {
    policy::default_edition().expect("edition")
}

fn example(file: &str) -> Value {
    let path = format!("{}/src/policy/examples/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("example");
    serde_json::from_str(&text).expect("json")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn eval(v: &Value, as_of: &str) -> Outcome {
    let answers = Answers::from_json(&v.to_string()).expect("answers");
    evaluate(&edition(), &answers, date(as_of))
}

fn park_condition<'a>(o: &'a Outcome, id: &str) -> &'a ConditionOutcome {
    o.park
        .as_ref()
        .expect("park")
        .conditions
        .iter()
        .find(|c| c.id == id)
        .expect("condition")
}

#[test]
fn the_passing_park_counts_twenty_verifiable_firms_and_leaves_out_the_supporting_formats() {
    let o = eval(&example("park-passes.json"), "2024-09-30");
    let c = park_condition(&o, "park.4.3.firms");
    assert_eq!(c.verdict, Verdict::Met);
    assert!(
        c.reason.zh.contains("计入 20 家 = 20 家可核验 + 0 家待核"),
        "{}",
        c.reason.zh
    );
    assert!(c
        .reason
        .en
        .contains("20 counted = 20 verifiable + 0 pending"));
    let r = &o.park.as_ref().expect("park").roster;
    let not_counted: Vec<&str> = r
        .firm_count
        .rows
        .iter()
        .filter(|x| x.status == FirmStatus::NotCounted)
        .map(|x| x.name.as_str())
        .collect();
    assert_eq!(
        not_counted,
        [
            "赛罕法务咨询有限公司",
            "阴山财务审计有限公司",
            "敕勒川信息软件有限公司"
        ]
    );
}

#[test]
fn seventeen_verifiable_and_three_pending_are_for_the_reviewers_and_the_gap_names_the_rows() {
    let mut v = example("park-passes.json");
    for i in [20, 21, 22] {
        v["park"]["roster"][i]["uscc"] = json!("");
    }
    v["park"]["roster"][22]["uscc"] = json!("91150200MA01742180"); // check character wrong
    let o = eval(&v, "2024-09-30");
    let c = park_condition(&o, "park.4.3.firms");
    assert_eq!(c.verdict, Verdict::ForReviewers);
    assert!(
        c.reason.zh.contains("计入 20 家 = 17 家可核验 + 3 家待核"),
        "{}",
        c.reason.zh
    );
    let gap = c.gap.as_ref().expect("gap");
    for name in [
        "第 21 行 北疆创业服务有限公司（未填写统一社会信用代码",
        "第 22 行 包钢人力资源外包有限公司",
        "第 23 行 包头英才高级人才寻访有限公司（统一社会信用代码未通过 GB 32100-2015 校验",
    ] {
        assert!(gap.text.zh.contains(name), "{name} not in {}", gap.text.zh);
    }
    assert_eq!(
        gap.fields,
        [
            "park.roster[20].uscc",
            "park.roster[21].uscc",
            "park.roster[22].uscc"
        ]
    );
}

#[test]
fn a_supporting_format_firm_with_a_licence_is_pending_and_says_why() {
    let mut v = example("park-passes.json");
    v["park"]["roster"][17]["hr_service_firm"] = json!(true);
    v["park"]["roster"][17]["hr_licence"] = json!(true);
    v["park"]["roster"][22]["hr_service_firm"] = json!(false);
    let o = eval(&v, "2024-09-30");
    let c = park_condition(&o, "park.4.3.firms");
    assert_eq!(c.verdict, Verdict::ForReviewers);
    assert!(c.reason.zh.contains("19 家可核验 + 1 家待核"));
    let gap = c.gap.as_ref().expect("gap");
    assert!(
        gap.text.zh.contains("赛罕法务咨询有限公司"),
        "{}",
        gap.text.zh
    );
    assert!(gap.text.zh.contains("上下游服务业态"), "{}", gap.text.zh);
    assert_eq!(gap.fields, ["park.roster[17].hr_licence"]);
}

#[test]
fn the_count_rule_carries_a_reading_note() {
    let e = edition();
    let c = e
        .park
        .conditions
        .iter()
        .find(|c| c.id == "park.4.3.firms")
        .expect("rule");
    let r = c.source.reading.as_ref().expect("a reading note");
    assert!(r.zh.contains("二（六）") && r.en.contains("二(六)"));
}

fn measure_condition<'a>(o: &'a Outcome, id: &str) -> &'a ConditionOutcome {
    o.organisation
        .as_ref()
        .expect("organisation")
        .measures
        .iter()
        .flat_map(|m| m.conditions.iter())
        .find(|c| c.id == id)
        .expect("condition")
}

const NO_LONGER: &str = "届时本通知已不再有效（有效期至 2025-12-31）";

#[test]
fn a_bar_ending_after_the_notice_says_the_notice_will_no_longer_be_in_force() {
    let mut v = example("park-passes.json");
    v["park"]["previously_cancelled"] = json!(true);
    v["park"]["cancelled_on"] = json!("2023-03-01");
    let o = eval(&v, "2024-09-30");
    let c = park_condition(&o, "park.9.barred");
    assert_eq!(c.verdict, Verdict::NotMet);
    let gap = c.gap.as_ref().expect("gap");
    assert_eq!(
        gap.from,
        Some(date("2026-03-02")),
        "the bar lifts the day after 2026-03-01"
    );
    assert!(
        gap.text.zh.contains("2026-03-02 起可重新申请认定"),
        "{}",
        gap.text.zh
    );
    assert!(gap.text.zh.contains(NO_LONGER), "{}", gap.text.zh);
    assert!(gap
        .text
        .en
        .contains("the notice will no longer be in force then"));
    // Inside the window no such note.
    v["park"]["cancelled_on"] = json!("2022-03-01");
    let o = eval(&v, "2024-09-30");
    let c = park_condition(&o, "park.9.barred");
    let gap = c.gap.as_ref().expect("gap");
    assert!(!gap.text.zh.contains("不再有效"), "{}", gap.text.zh);
}

#[test]
fn not_yet_eligible_after_the_notice_ends_says_so_on_the_condition_and_the_measure() {
    let mut v = example("organisation-both-branches.json");
    v["organisation"]["operating_since"] = json!("2025-03-01");
    let o = eval(&v, "2025-09-30");
    let c = measure_condition(&o, "measures.3.hq.year");
    assert_eq!(
        c.verdict,
        Verdict::NotYet {
            from: date("2026-03-01")
        }
    );
    assert!(
        c.gap.as_ref().expect("gap").text.zh.contains(NO_LONGER),
        "{:?}",
        c.gap
    );
    let m = o
        .organisation
        .as_ref()
        .expect("org")
        .measures
        .iter()
        .find(|m| m.id == "measures.3.hq")
        .expect("hq");
    assert!(
        m.notes.iter().any(|n| n.zh.contains(NO_LONGER)),
        "{:?}",
        m.notes
    );
}

#[test]
fn dates_after_the_as_of_date_are_problems_at_their_fields() {
    let mut v = example("park-passes.json");
    v["park"]["previously_cancelled"] = json!(true);
    v["park"]["cancelled_on"] = json!("2024-10-01");
    let o = eval(&v, "2024-09-30");
    assert_eq!(
        park_condition(&o, "park.9.barred").verdict,
        Verdict::Unknown
    );
    let p = o
        .problems
        .iter()
        .find(|p| p.field == "park.cancelled_on")
        .expect("a problem at the field");
    assert!(p
        .message
        .zh
        .contains("取消日期（2024-10-01）晚于评估日期 2024-09-30"));
}

#[test]
fn an_unsettled_higher_award_is_not_given_up_and_the_decision_names_what_would_settle_it() {
    let mut v = example("organisation-both-branches.json");
    v["organisation"]
        .as_object_mut()
        .expect("object")
        .remove("on_national_list");
    let o = eval(&v, "2024-09-30");
    let org = o.organisation.as_ref().expect("org");
    let g = &org.non_duplication[0];
    assert!(g.given_up.is_empty(), "{g:?}");
    assert_eq!(g.undecided, ["measures.3.brand", "measures.3.hq"]);
    assert_eq!(
        g.possible.map(|r| (r.min.to_string(), r.max.to_string())),
        Some(("100000".into(), "200000".into()))
    );
    assert_eq!(g.settle, ["organisation.on_national_list"]);
    assert!(g.reason.zh.contains("暂不放弃任何一项"), "{}", g.reason.zh);
    assert!(g.reason.zh.contains("10–20 万元"), "{}", g.reason.zh);
    assert!(
        !g.reason.zh.contains("measures."),
        "no internal ids: {}",
        g.reason.zh
    );
}

#[test]
fn a_cap_of_zero_is_not_eligible_now_with_the_reason() {
    let mut v = example("organisation-both-branches.json");
    v["organisation"]["local_contribution_two_years_yuan"] = json!("0");
    let o = eval(&v, "2024-09-30");
    let c = measure_condition(&o, "measures.3.brand.cap");
    assert_eq!(c.verdict, Verdict::NotMet);
    assert!(
        c.reason.zh.starts_with("暂不能享受：奖励不能超过"),
        "{}",
        c.reason.zh
    );
    assert!(c.reason.en.contains("not eligible now"), "{}", c.reason.en);
    let m = &o.organisation.as_ref().expect("org").measures;
    assert!(m
        .iter()
        .all(|m| !m.id.starts_with("measures.3.") || m.amount.is_none()));
}
