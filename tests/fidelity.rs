//! Issue 11, policy fidelity: what the named cases cannot say with a verdict alone — the
//! count's breakdown in words, the rows "what it would take" names, the reading notes.

use chrono::NaiveDate;
use hrs_widget::engine::{evaluate, AnswerStore, ConditionOutcome, FirmStatus, Outcome, Verdict};
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
    let answers = AnswerStore::from_json(&edition(), &v.to_string()).expect("answers");
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

/// Every paragraph (non-blank line) of the notice is cited by some item of the edition, or
/// listed as having no effect on an applicant with a reason.
#[test]
fn every_paragraph_of_the_notice_is_accounted_for() {
    let e = edition();
    let text = include_str!("../src/policy/editions/baotou-2022-55.original.txt");
    let v: Value = serde_json::from_str(include_str!("../src/policy/editions/baotou-2022-55.json"))
        .expect("edition json");
    // Every `source` object in the file, wherever it sits.
    fn originals(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let (Some(Value::String(o)), Some(_)) = (m.get("original"), m.get("cite")) {
                    out.push(o.clone());
                }
                m.values().for_each(|x| originals(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| originals(x, out)),
            _ => {}
        }
    }
    let mut cited = Vec::new();
    originals(&v, &mut cited);
    for ne in &e.no_effect {
        assert!(
            text.contains(&ne.source.original),
            "{}: not verbatim",
            ne.id
        );
        assert!(
            !ne.reason.zh.is_empty() && !ne.reason.en.is_empty(),
            "{}: no reason",
            ne.id
        );
    }
    let mut missing = Vec::new();
    for line in text.lines() {
        let p = line.trim().trim_matches('\u{3000}').trim();
        if p.is_empty() {
            continue;
        }
        if !cited
            .iter()
            .any(|o| p.contains(o.as_str()) || o.contains(p))
        {
            missing.push(p.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "paragraphs not accounted for: {missing:#?}"
    );
}

/// The sentences the issue named as missing are cited by an item with an effect (not only by
/// the no-effect list).
#[test]
fn the_named_sentences_are_cited_by_items() {
    let e = edition();
    let info: Vec<&str> = e
        .information
        .iter()
        .map(|i| i.source.original.as_str())
        .chain(
            e.park
                .after_certification
                .iter()
                .map(|s| s.source.original.as_str()),
        )
        .collect();
    for needle in [
        "经市人力资源和社会保障局同意",
        "市人社局负责市级产业园的审核认定",
        "对考核为优秀的予以通报表扬，对考核不合格的进行通报，并限期整改",
        "给予经济贡献奖励",
        "协调争取更多企业家入选自治区人力资源服务业领军人才培养工程",
        "鼓励机构注册和使用自主人力资源服务商标",
    ] {
        assert!(
            info.iter().any(|o| o.contains(needle)),
            "{needle} is not cited by an item"
        );
    }
    let first = e
        .no_effect
        .iter()
        .find(|n| n.id == "park.1")
        .expect("第一条");
    assert!(first.source.original.contains("人力资源市场暂行条例"));
    // 三(六) says how it relates to 第九条.
    let plan36 = e
        .information
        .iter()
        .find(|i| i.id == "plan.3.6.contribution_award")
        .expect("plan 三(六)");
    let r = plan36.source.reading.as_ref().expect("reading");
    assert!(r.zh.contains("第九条") && r.zh.contains("不重复享受"));
    // The organisation flow asks first whether the applicant is an HR-service organisation.
    assert_eq!(
        e.questions.organisation[0].path,
        "organisation.hr_service_organisation"
    );
    assert!(e.applicant.is_some());
}

/// The answers reader and the JSON Schema agree on numbers, both ways: on a corpus of written
/// numbers within the bounds, the schema's pattern matches exactly when the reader accepts.
/// (Magnitude bounds — 10¹⁴ 元, 10⁸ m², 10⁶ — are the reader's; the schema states them and
/// puts them on JSON numbers as `maximum`.)
#[test]
fn the_answers_reader_and_the_schema_agree_on_numbers() {
    let schema: Value =
        serde_json::from_str(include_str!("../src/engine/answers.schema.json")).expect("schema");
    let pattern = |def: &str| -> regex::Regex {
        let p = schema["$defs"][def]["anyOf"][0]["pattern"]
            .as_str()
            .expect("pattern");
        regex::Regex::new(p).expect("a valid pattern")
    };
    // Which field of each kind the reader is tried on.
    let cases: [(&str, &str, &str, &[&str]); 3] = [
        (
            "money",
            "park",
            "revenue_this_year_yuan",
            &[
                "8200000",
                "8,200,000",
                "820万",
                "820万元",
                "1.2亿",
                "¥8200000",
                "￥ 8,200,000 元",
                "８２０００００",
                "99999999.99",
                "1.50",
                "1.10",
                "3千",
                "1.2345万",
                "2万亿",
                "0",
                "100 000",
                "1.001",
                "1,5",
                "1234,567",
                "abc",
                "820万平方米",
                "1.2.3",
                "12.345",
                "",
                "-5",
                "5元整",
                "RMB 100",
                "100 yuan",
                "1.0000001万",
            ],
        ),
        (
            "area",
            "park",
            "floor_area_m2",
            &[
                "3000",
                "3,000",
                "3500平方米",
                "3500㎡",
                "3500 m2",
                "2999.99",
                "3000.12345",
                "1.5万",
                "３０００",
                "3000元",
                "x",
                "3,00",
                "0.0001",
                "3500平",
            ],
        ),
        (
            "count",
            "park",
            "events_held",
            &[
                "3", "20家", "６", "3.0", "3.5", "1万", "1.5千", "1,000", "二十", "6个月", "20元",
                "12 个", "",
            ],
        ),
    ];
    for (def, kind, field, samples) in cases {
        let re = pattern(def);
        for s in samples {
            let file =
                json!({"format": "hrs-answers", "version": 1, "kind": kind, kind: {field: s}});
            let read = AnswerStore::from_json(&edition(), &file.to_string());
            // An empty string is "not answered" to the reader; the schema says so with null.
            if s.trim().is_empty() {
                continue;
            }
            assert_eq!(
                read.is_ok(),
                re.is_match(s),
                "{def} {s:?}: reader {}, schema pattern {}",
                if read.is_ok() { "accepts" } else { "refuses" },
                if re.is_match(s) {
                    "matches"
                } else {
                    "does not match"
                },
            );
        }
    }
    // Counts accept "3" like money does — in the talents table too.
    let file = json!({"format": "hrs-answers", "version": 1, "kind": "organisation",
        "organisation": {"talents": [{"category": "3"}], "placements": [{"contract_months": "24"}]}});
    assert!(AnswerStore::from_json(&edition(), &file.to_string()).is_ok());
}
