//! The sample successor edition (`src/policy/editions/sample-successor.json`, a made-up notice
//! for 2026–2028) has fields, questions, conditions and award shapes the 2022 edition lacks, and
//! runs with no Rust of its own: the engine, the CLI, the cases and the documents read it from
//! the data. Its named cases are run with every bundled edition's by `tests/cases.rs`.

use chrono::NaiveDate;
use hrs_widget::engine::{evaluate, Answer, AnswerStore, AnswerValue, Eligibility};
use hrs_widget::policy::{self, generate, Edition};

fn sample() -> Edition {
    policy::load_bundled("sample-successor")
        .expect("bundled")
        .expect("loads")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

const ORG: &str = r#"{"format":"hrs-answers","version":1,"kind":"organisation","organisation":{
    "hr_service_organisation":true,"registered_in_city":true,"revenue_yuan":"6亿",
    "tier_award_received_yuan":"100000","specialised_level":"region","resident_in_park":true,
    "staff_count":"620人"}}"#;

#[test]
fn the_sample_says_it_is_one_and_is_never_chosen_by_date() {
    let e = sample();
    assert!(e.sample);
    assert!(e.title.zh.contains("样例") && e.title.en.contains("SAMPLE"));
    assert_eq!(
        (e.valid_from, e.valid_until),
        (date(2026, 1, 1), date(2028, 12, 31))
    );
    // In force on 2026-12-05, but a made-up notice is only used when named.
    assert!(e.in_force_on(date(2026, 12, 5)));
    let by_date = policy::edition_for(date(2026, 12, 5)).expect("edition");
    assert_eq!(by_date.id, policy::DEFAULT_EDITION);
}

#[test]
fn fields_only_the_sample_declares_are_read_typed_and_written_back() {
    let e = sample();
    let o = AnswerStore::from_json(&e, ORG).expect("reads");
    assert_eq!(
        *o.field("staff_count"),
        Answer::Value(AnswerValue::Count(620))
    );
    assert_eq!(
        *o.field("specialised_level"),
        Answer::Value(AnswerValue::Choice("region".into()))
    );
    // Written back and read again: the same answers.
    let again = AnswerStore::from_value(&e, o.to_value()).expect("round trip");
    assert_eq!(again, o);
    // A bad value names its field; a field the edition does not declare is an error.
    let bad = ORG.replace("\"620人\"", "\"many\"");
    let err = AnswerStore::from_json(&e, &bad).expect_err("bad count");
    assert_eq!(err.path, "organisation.staff_count");
    let unknown = ORG.replace("staff_count", "staff_counts");
    assert!(AnswerStore::from_json(&e, &unknown).is_err());
}

#[test]
fn the_tiered_award_tops_up_and_the_specialised_levels_keep_the_highest() {
    let e = sample();
    let a = AnswerStore::from_json(&e, ORG).expect("reads");
    let o = evaluate(&e, &a, date(2026, 12, 5));
    assert!(o.in_force);
    let org = o.organisation.expect("organisation");
    let m = |id: &str| {
        org.measures
            .iter()
            .find(|m| m.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let tier = m("measures.1.revenue");
    assert_eq!(tier.eligibility, Eligibility::Eligible);
    let range = tier.amount.as_ref().map(|a| a.range).unwrap_or_default();
    assert_eq!((range.min, range.max), (200_000.into(), 200_000.into()));
    assert!(tier.notes.iter().any(|n| n.zh.contains("补差")));
    assert_eq!(
        m("measures.2.national").eligibility,
        Eligibility::NotEligible
    );
    let group = &org.non_duplication[0];
    assert_eq!(group.kept.as_deref(), Some("measures.2.region"));
    // The sample's verdicts cite the law in words, never an id.
    let staff = m("measures.3.staff");
    assert!(staff.source.cite.in_words("zh").contains("第三条"));
}

#[test]
fn the_cli_runs_the_samples_cases_and_evaluates_with_it_by_name() {
    let bin = env!("CARGO_BIN_EXE_hrs-check");
    let out = std::process::Command::new(bin)
        .args(["cases", "--edition", "sample-successor"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains(" passed, 0 failed"), "{text}");
    let dir = std::env::temp_dir().join(format!("hrs-sample-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("org.json");
    std::fs::write(&file, ORG).expect("write");
    let out = std::process::Command::new(bin)
        .args([
            "evaluate",
            "--edition",
            "sample-successor",
            "--as-of",
            "2026-12-05",
        ])
        .args(["--format", "text", "--lang", "zh"])
        .arg(&file)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("样例") && text.contains("补差 20 万元"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_samples_schema_and_field_table_carry_its_new_questions() {
    let e = sample();
    let schema = generate::answers_schema(&e);
    let table = generate::answers_fields_markdown(&e);
    for p in [
        "organisation.staff_count",
        "organisation.specialised_level",
        "organisation.tier_award_received_yuan",
        "park.resident_staff_total",
    ] {
        assert!(table.contains(&format!("| `{p}` |")), "{p}");
        let key = p.rsplit('.').next().unwrap_or(p);
        assert!(schema.contains(&format!("\"{key}\"")), "{p}");
    }
}

#[cfg(feature = "docs")]
#[test]
fn the_documents_are_built_for_the_sample() {
    use hrs_widget::package::{self, PackageInput};
    let e = sample();
    for text in [
        ORG.to_string(),
        r#"{"format":"hrs-answers","version":1,"kind":"park","park":{"name":"样例产业园",
            "floor_area_m2":"6000","resident_staff_total":620,"revenue_this_year_yuan":"3.5亿"}}"#
            .to_string(),
    ] {
        let a = hrs_widget::engine::AnswerStore::from_json(&e, &text).expect("reads");
        let o = hrs_widget::engine::evaluate(&e, &a, date(2026, 12, 5));
        let input = PackageInput {
            edition: &e,
            answers: &a,
            outcome: &o,
            widget_version: "test",
            generated_at: package::midnight(date(2026, 12, 5)),
        };
        let zip = match a.kind() {
            hrs_widget::engine::AnswersKind::Park => package::park_package(&input),
            hrs_widget::engine::AnswersKind::Organisation => package::organisation_package(&input),
        }
        .expect("a package");
        assert!(zip.len() > 1000);
    }
}

/// Every text the sample's outcomes show — for unanswered answers of each kind and for each of
/// its cases — names fields by their labels, never by an internal path (a field only the sample
/// declares, such as `organisation.specialised_level`, is read by its declaration).
#[test]
fn the_samples_outcome_texts_name_no_internal_path() {
    fn texts<'v>(v: &'v serde_json::Value, out: &mut Vec<&'v str>) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(zh), Some(en)) = (
                    m.get("zh").and_then(|x| x.as_str()),
                    m.get("en").and_then(|x| x.as_str()),
                ) {
                    out.extend([zh, en]);
                }
                m.values().for_each(|x| texts(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
            _ => {}
        }
    }
    let e = sample();
    let mut answers: Vec<AnswerStore> = ["park", "organisation"]
        .iter()
        .map(|k| {
            AnswerStore::from_json(
                &e,
                &format!(r#"{{"format":"hrs-answers","version":1,"kind":"{k}"}}"#),
            )
            .expect("empty answers")
        })
        .collect();
    answers.push(AnswerStore::from_json(&e, ORG).expect("ORG"));
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "sample-successor")
        .expect("bundled");
    let cases =
        hrs_widget::engine::CaseFile::from_json(b.cases_json.expect("cases")).expect("cases");
    for c in &cases.cases {
        answers.push(hrs_widget::engine::cases::case_answers(&e, &cases, c).expect("case answers"));
    }
    for a in &answers {
        let o = evaluate(&e, a, date(2026, 12, 5));
        let v = serde_json::to_value(&o).expect("outcome");
        let mut all = Vec::new();
        texts(&v, &mut all);
        assert!(all.len() > 10);
        for t in all {
            assert!(
                !t.contains("organisation.") && !t.contains("park."),
                "an internal path in a text: {t}"
            );
        }
    }
}

/// A park still barred says its edition's bar: the sample's 24 months (两年) and
/// 《管理办法（样例）》第八条 — in the headline and in the 自评表 — while the 2022 notice's
/// sentence stays word for word.
#[test]
fn a_barred_park_is_told_its_editions_period_and_article() {
    let text = r#"{"format":"hrs-answers","version":1,"kind":"park","park":{"name":"样例产业园",
        "previously_cancelled":true,"cancelled_on":"2025-06-01"}}"#;
    let on = date(2026, 12, 5);
    let sample = sample();
    let y2022 = policy::load_bundled(policy::DEFAULT_EDITION)
        .expect("bundled")
        .expect("loads");
    // Each edition on a day it is in force (the 2022 notice ran to 2025-12-31).
    let day = |e: &Edition| if e.sample { on } else { date(2025, 9, 30) };
    let headline = |e: &Edition| {
        let a = hrs_widget::engine::AnswerStore::from_json(e, text).expect("reads");
        let o = hrs_widget::engine::evaluate(e, &a, day(e));
        assert_eq!(
            o.headline.state,
            hrs_widget::engine::headline::HeadlineState::Barred
        );
        o.headline.text
    };
    let s = headline(&sample);
    assert_eq!(
        s.zh,
        "暂不能申报：曾被取消资格，两年内不予重新认定（《管理办法（样例）》第八条）。"
    );
    assert_eq!(
        s.en,
        "Cannot apply yet: the park's qualification was cancelled and it cannot be certified again within two years (Park Measures (sample) 第八条)."
    );
    let old = headline(&y2022);
    assert_eq!(
        old.zh,
        "暂不能申报：曾被取消资格，三年内不予重新认定（《管理办法》第九条）。"
    );
    #[cfg(feature = "docs")]
    {
        use hrs_widget::package::{self, PackageInput};
        use std::io::Read;
        let doc = |e: &Edition| {
            let a = hrs_widget::engine::AnswerStore::from_json(e, text).expect("reads");
            let o = hrs_widget::engine::evaluate(e, &a, day(e));
            let input = PackageInput {
                edition: e,
                answers: &a,
                outcome: &o,
                widget_version: "test",
                generated_at: package::midnight(day(e)),
            };
            let zip = package::park_package(&input).expect("a package");
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("zip");
            let mut docx = Vec::new();
            z.by_name(package::SELF_ASSESSMENT_FILE)
                .expect("自评表")
                .read_to_end(&mut docx)
                .expect("read");
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("docx");
            let mut xml = String::new();
            z.by_name("word/document.xml")
                .expect("document.xml")
                .read_to_string(&mut xml)
                .expect("read");
            xml
        };
        let xml = doc(&sample);
        assert!(
            xml.contains("注意：按第八条，"),
            "the sample's 自评表 names 第八条"
        );
        assert!(xml.contains("第四条（申报条件）及第八条"));
        assert!(
            !xml.contains("第九条"),
            "no 2022 article in the sample's 自评表"
        );
        let xml = doc(&y2022);
        assert!(xml
            .contains("注意：按第九条，该产业园在评估日期仍处于取消资格后不予重新认定的期限内。"));
    }
}
