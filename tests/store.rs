//! The typed answer store (`engine::store`): one reader through the edition's declarations, one
//! writer back to the same version-1 JSON, and the edits the widget makes.

use hrs_widget::engine::answers::{AnswersKind, MaterialStatus};
use hrs_widget::engine::store::{AnswerStore, Value};
use hrs_widget::engine::{cases, Answer};
use hrs_widget::policy::{self, Edition};
use rust_decimal::Decimal;
use serde_json::json;

fn edition() -> Edition {
    policy::default_edition().expect("edition")
}

fn sample() -> Edition {
    policy::load_bundled("sample-successor")
        .expect("bundled")
        .expect("loads")
}

fn dir_files(dir: &str) -> Vec<(String, String)> {
    let dir = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (p.display().to_string(), text)
        })
        .collect();
    out.sort();
    out
}

/// A file read by the store and written back is (for a version-1 file) the file itself, and
/// reads back to the same answers.
fn round_trips(ed: &Edition, name: &str, value: serde_json::Value) {
    let store = AnswerStore::from_value(ed, value.clone())
        .unwrap_or_else(|e| panic!("{name}: the store reads it: {e}"));
    let written = store.to_value();
    if value["version"] == json!(1) {
        // A `null` field is left out (documented in engine::store).
        let mut v = value.clone();
        for kind in ["park", "organisation"] {
            if let Some(m) = v.get_mut(kind).and_then(serde_json::Value::as_object_mut) {
                m.retain(|_, x| !x.is_null());
            }
        }
        assert_eq!(written, v, "{name}: a version-1 file reads back as itself");
    }
    let again = AnswerStore::from_value(ed, written).expect("reads its own output");
    assert_eq!(again, store, "{name}: stable");
}

#[test]
fn every_shipped_example_round_trips() {
    let ed = edition();
    let files = dir_files("src/policy/examples");
    assert!(files.len() >= 10);
    for (name, text) in files {
        round_trips(&ed, &name, serde_json::from_str(&text).expect("json"));
    }
}

#[test]
fn answers_files_and_share_link_fixtures_round_trip() {
    let ed = edition();
    let mut n = 0;
    for dir in [
        "tests/fuzz/seeds/answers_json",
        "tests/fuzz/seeds/share_fragment",
    ] {
        for (name, text) in dir_files(dir) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            // A seed the reader takes round-trips; one it refuses is refused with a message
            // (at the field's path when a field is wrong).
            match AnswerStore::from_value(&ed, v.clone()) {
                Ok(_) => round_trips(&ed, &name, v),
                Err(e) => assert!(!e.message.is_empty(), "{name}"),
            }
            n += 1;
        }
    }
    assert!(n >= 10, "{n}");
}

#[test]
fn every_case_of_both_editions_round_trips() {
    for (ed, file) in [
        (edition(), "src/policy/editions/baotou-2022-55.cases.json"),
        (sample(), "src/policy/editions/sample-successor.cases.json"),
    ] {
        let text = std::fs::read_to_string(format!("{}/{file}", env!("CARGO_MANIFEST_DIR")))
            .expect("cases");
        let cf = cases::CaseFile::from_json(&text).expect("cases file");
        let all = cf
            .cases
            .iter()
            .chain(cf.pairs.iter().flat_map(|p| [&p.pass, &p.flip]));
        let mut n = 0;
        for case in all {
            let mut v = cf.bases[&case.base].clone();
            for (path, value) in &case.set {
                cases::set_path(&mut v, path, value.clone()).expect("set");
            }
            let store = AnswerStore::from_value(&ed, v.clone())
                .unwrap_or_else(|e| panic!("{}: {e}", case.name));
            // Written back and read again: the same answers (the sample's own fields too).
            let again = AnswerStore::from_value(&ed, store.to_value()).expect("reads back");
            assert_eq!(again, store, "{}: same answers", case.name);
            n += 1;
        }
        assert!(n > 10, "{file}: {n}");
    }
}

fn park(body: serde_json::Value) -> serde_json::Value {
    json!({"format":"hrs-answers","version":1,"kind":"park","park":body})
}

fn err_path(ed: &Edition, v: serde_json::Value) -> (String, String) {
    let e = AnswerStore::from_value(ed, v).expect_err("refused");
    (e.path.clone(), e.to_string())
}

#[test]
fn errors_name_the_field_as_the_answers_reader_does() {
    let ed = edition();
    let (p, m) = err_path(&ed, park(json!({"floor_area":"3000"})));
    assert_eq!(p, "park.floor_area", "{m}");
    assert!(m.contains("floor_area"));
    let (p, _) = err_path(&ed, park(json!({"roster":[{"name":"a","colour":"red"}]})));
    assert_eq!(p, "park.roster[0].colour");
    let (_, m) = err_path(
        &ed,
        json!({"format":"hrs-answers","version":1,"kind":"park","extra":1}),
    );
    assert!(m.contains("extra"), "{m}");
    let (p, _) = err_path(&ed, park(json!({"physically_concentrated":"yes"})));
    assert_eq!(p, "park.physically_concentrated");
    let (p, _) = err_path(&ed, park(json!({"events_held":-1})));
    assert_eq!(p, "park.events_held");
    let (p, _) = err_path(&ed, park(json!({"cancelled_on":"2023-02-30"})));
    assert_eq!(p, "park.cancelled_on");
    let (p, m) = err_path(&ed, park(json!({"floor_area_m2":"-5"})));
    assert_eq!(p, "park.floor_area_m2");
    assert!(m.contains("must not be negative"), "{m}");
    let (p, m) = err_path(
        &ed,
        park(json!({"roster":[{"name":"a","revenue_yuan":"twelve"}]})),
    );
    assert_eq!(p, "park.roster[0].revenue_yuan");
    assert!(m.contains("cannot read"), "{m}");
    let (p, _) = err_path(
        &ed,
        json!({"format":"hrs-answers","version":1,"kind":"park","organisation":{}}),
    );
    assert_eq!(p, "organisation");
    // A key with dots is one step of the path, quoted.
    let (p, _) = err_path(
        &ed,
        json!({"format":"hrs-answers","version":1,"kind":"organisation",
               "organisation":{"already_received":{"measures.3.brand":"yes"}}}),
    );
    assert_eq!(p, "organisation.already_received[\"measures.3.brand\"]");
}

#[test]
fn values_are_typed_by_the_declaration() {
    let ed = edition();
    let s = AnswerStore::from_value(
        &ed,
        park(json!({
            "floor_area_m2": 3000,
            "revenue_this_year_yuan": "820万",
            "events_held": "12场",
            "plan_report": {"dont_know": true},
            "cancelled_on": "2021-03-01",
            "plan_report_topics": ["goals"],
            "roster": [{"name":"甲","uscc":"91150200MA0N000000","service_format":"high_end"}],
            "materials": {"park.5.1.report": "ready"}
        })),
    )
    .expect("reads");
    assert_eq!(s.kind(), AnswersKind::Park);
    assert_eq!(
        s.get("park.floor_area_m2"),
        Some(&Answer::Value(Value::Area(Decimal::from(3000))))
    );
    assert_eq!(
        s.field("revenue_this_year_yuan")
            .value()
            .and_then(Value::number),
        Some(Decimal::from(8_200_000))
    );
    assert_eq!(
        s.get("park.events_held"),
        Some(&Answer::Value(Value::Count(12)))
    );
    assert_eq!(s.get("park.plan_report"), Some(&Answer::DontKnow));
    assert_eq!(s.get("park.investor"), Some(&Answer::NotAnswered));
    assert_eq!(s.get("park.nonsense"), None);
    assert_eq!(s.rows("roster").len(), 1);
    assert_eq!(s.rows("park.roster")[0].text("uscc"), "91150200MA0N000000");
    assert_eq!(
        s.get("park.roster[0].service_format"),
        Some(&Answer::Value(Value::Choice("high_end".into())))
    );
    assert_eq!(
        s.materials().get("park.5.1.report"),
        Some(&MaterialStatus::Ready)
    );
    // Counts are written as numbers.
    assert_eq!(s.to_value()["park"]["events_held"], json!(12));
}

#[test]
fn the_widgets_edits_are_checked_against_the_declaration() {
    let ed = edition();
    let mut s = AnswerStore::new(&ed, AnswersKind::Park);
    s.set_text("park.floor_area_m2", "3,200平方米")
        .expect("area");
    assert_eq!(
        s.get("park.floor_area_m2"),
        Some(&Answer::Value(Value::Area(Decimal::from(3200))))
    );
    let e = s
        .set_text("park.floor_area_m2", "abc")
        .expect_err("not a number");
    assert!(!e.zh.is_empty() && !e.en.is_empty());
    let e = s
        .set("park.floor_area_m2", Value::Bool(true))
        .expect_err("kind");
    assert!(e.en.contains("another kind"), "{}", e.en);
    assert!(s.set("park.nonsense", Value::Bool(true)).is_err());
    s.set_dont_know("park.plan_report").expect("dk");
    assert_eq!(s.get("park.plan_report"), Some(&Answer::DontKnow));
    s.set_text("park.plan_report", "是").expect("yes");
    assert_eq!(
        s.get("park.plan_report"),
        Some(&Answer::Value(Value::Bool(true)))
    );
    s.clear("park.plan_report").expect("clear");
    assert_eq!(s.get("park.plan_report"), Some(&Answer::NotAnswered));
    // A count outside the declaration's min–max is refused at the field.
    assert!(s.set_text("park.revenue_year", "1999").is_err());
    s.set_text("park.revenue_year", "2024").expect("year");

    // Tables: rows, cells, a choice among the options.
    assert_eq!(s.add_row("park.roster"), Ok(0));
    assert_eq!(s.add_row("roster"), Ok(1));
    s.set_text("park.roster[1].uscc", "91150200MA0N000000")
        .expect("cell");
    assert!(s.set_text("park.roster[1].service_format", "spa").is_err());
    s.set_text("park.roster[1].service_format", "high_end")
        .expect("choice");
    assert!(
        s.set_text("park.roster[7].uscc", "x").is_err(),
        "no such row"
    );
    assert!(s.add_row("park.floor_area_m2").is_err(), "not a table");
    assert!(s.remove_row("park.roster", 0));
    assert_eq!(s.rows("roster").len(), 1);
    assert_eq!(s.rows("roster")[0].text("uscc"), "91150200MA0N000000");

    // 追加 merges by code, 替换 replaces.
    let incoming = s
        .read_rows(
            "park.roster",
            &[
                json!({"uscc":"91150200ma0n000000","revenue_yuan":"100"}),
                json!({"name":"乙"}),
            ],
            0,
        )
        .expect("rows");
    // The key is the table's declared `merge_by` (the edition's data, not the caller's).
    assert_eq!(
        s.declarations()
            .field("roster")
            .and_then(|d| d.merge_by.as_deref()),
        Some("uscc")
    );
    let c = s.append_rows("park.roster", incoming).expect("append");
    assert_eq!((c.incoming, c.added, c.merged, c.left_out), (2, 1, 1, 0));
    assert_eq!(s.rows("roster").len(), 2);
    assert_eq!(
        s.rows("roster")[0]
            .value("revenue_yuan")
            .and_then(Value::number),
        Some(Decimal::from(100))
    );
    assert_eq!(
        s.rows("roster")[0].value("service_format"),
        Some(&Value::Choice("high_end".into())),
        "the roster keeps what the file does not say"
    );
    let bad = s.read_rows("park.roster", &[json!({"revenue_yuan":"x"})], 5);
    assert_eq!(
        bad.expect_err("bad cell").path,
        "park.roster[5].revenue_yuan"
    );
    let c = s.replace_rows("park.roster", Vec::new()).expect("replace");
    assert_eq!(c.added, 0);
    assert!(s.rows("roster").is_empty());

    // Materials.
    s.set_material("park.5.1.report", Some(MaterialStatus::Missing))
        .expect("material");
    assert_eq!(
        s.to_value()["park"]["materials"],
        json!({"park.5.1.report":"missing"})
    );
    s.set_material("park.5.1.report", None).expect("material");
    assert!(s.to_value()["park"].get("materials").is_none());

    // What was set reads back as the same answers.
    let again = AnswerStore::from_value(&ed, s.to_value()).expect("reads");
    assert_eq!(again, s);
}

#[test]
fn measure_flags_take_quoted_keys() {
    let ed = edition();
    let mut s = AnswerStore::new(&ed, AnswersKind::Organisation);
    let p = hrs_widget::engine::path::key("organisation.already_received", "measures.3.brand");
    s.set(&p, Value::Bool(true)).expect("flag");
    assert_eq!(
        s.flag("already_received", "measures.3.brand"),
        Answer::Value(true)
    );
    s.set_dont_know(&p).expect("dk");
    assert_eq!(
        s.flag("already_received", "measures.3.brand"),
        Answer::DontKnow
    );
    assert_eq!(
        s.to_value()["organisation"]["already_received"],
        json!({"measures.3.brand": {"dont_know": true}})
    );
}

#[test]
fn a_successor_editions_own_fields_are_read_by_its_declarations() {
    let ed = sample();
    let mut s = AnswerStore::new(&ed, AnswersKind::Park);
    s.set_text("park.resident_staff_total", "600人")
        .expect("declared count");
    assert_eq!(
        s.get("park.resident_staff_total"),
        Some(&Answer::Value(Value::Count(600)))
    );
    // A field the sample does not declare is not one of its answers.
    assert!(s.set_text("park.investor", "x").is_err());
    let e = AnswerStore::from_value(&ed, park(json!({"investor":"x"}))).expect_err("unknown");
    assert_eq!(e.path, "park.investor");
}

#[test]
fn version_0_files_are_migrated_first() {
    let ed = edition();
    let s = AnswerStore::from_value(
        &ed,
        json!({"format":"hrs-answers","version":0,"kind":"park",
               "data":{"area_m2":"3200","investor":"unknown"}}),
    )
    .expect("v0");
    assert_eq!(
        s.get("park.floor_area_m2"),
        Some(&Answer::Value(Value::Area(Decimal::from(3200))))
    );
    assert_eq!(s.get("park.investor"), Some(&Answer::DontKnow));
}

/// Saved states as the widget writes them (`hrs-widget-state` records, as the e2e files seed
/// them): each flow's answers read into the store and written back as they were; a bad value
/// is refused at the same path as today's reader names (the widget's recovery starts there).
#[test]
fn saved_state_records_round_trip_and_name_a_bad_value_where_the_reader_does() {
    let ed = edition();
    let records = [
        json!({"format":"hrs-widget-state","version":1,"flow":"park","step":3,
            "park":{"format":"hrs-answers","version":1,"kind":"park",
                    "park":{"floor_area_m2":"3200","name":"长链接园",
                            "roster":[{"name":"企业1","uscc":"91150200MA0N000000"}]}}}),
        json!({"format":"hrs-widget-state","version":1,"flow":"organisation","step":2,
            "organisation":{"format":"hrs-answers","version":1,"kind":"organisation",
                "organisation":{"hr_service_organisation":true,
                    "already_received":{"measures.3.brand":{"dont_know":true},"measures.4.top10":false},
                    "placements":[{"talent":"甲","employer":"乙","contract_months":24}]}}}),
        json!({"format":"hrs-widget-state","version":1,"flow":"park","step":0,
            "park":{"format":"hrs-answers","version":0,"kind":"park","data":{"area_m2":"3200"}}}),
    ];
    for r in records {
        for kind in ["park", "organisation"] {
            let Some(answers) = r.get(kind) else { continue };
            round_trips(&ed, &format!("saved {kind}"), answers.clone());
        }
    }
    let bad = json!({"format":"hrs-answers","version":1,"kind":"park",
                     "park":{"floor_area_m2":"3200","events_held":"many"}});
    let store = AnswerStore::from_value(&ed, bad).expect_err("refused");
    assert_eq!(store.path, "park.events_held");
}

/// Review R1: every way in (a file, a share link, a saved record, imported rows) is held to the
/// declaration's options and min–max, refused at the field's path — not taken in and then
/// failing later in the engine with no field named.
#[test]
fn reads_refuse_values_the_declaration_forbids_and_name_the_field() {
    let ed = edition();
    let org = |body: serde_json::Value| json!({"format":"hrs-answers","version":1,"kind":"organisation","organisation":body});
    let (p, m) = err_path(&ed, org(json!({"talents":[{"name":"甲","basis":"foo"}]})));
    assert_eq!(p, "organisation.talents[0].basis", "{m}");
    assert!(m.contains("foo") && m.contains("catalogue"), "{m}");
    let (p, m) = err_path(
        &ed,
        org(json!({"talents":[{"name":"甲"},{"name":"乙","category":300}]})),
    );
    assert_eq!(p, "organisation.talents[1].category", "{m}");
    assert!(m.contains("between 1 and 7"), "{m}");
    let (p, _) = err_path(
        &ed,
        org(json!({"placements":[{"talent":"甲","contract_months":0}]})),
    );
    assert_eq!(p, "organisation.placements[0].contract_months");
    let (p, _) = err_path(
        &ed,
        park(json!({"roster":[{"name":"a","service_format":"nonsense"}]})),
    );
    assert_eq!(p, "park.roster[0].service_format");
    // A list of option ids, and a field's own choice, are checked too.
    let choice_fields: Vec<(String, bool)> = ed
        .questions
        .park
        .iter()
        .filter(|q| !q.options.is_empty())
        .map(|q| (q.path.clone(), q.kind == policy::QuestionKind::MultiChoice))
        .collect();
    assert!(!choice_fields.is_empty());
    for (path, multi) in choice_fields {
        let key = path.trim_start_matches("park.").to_string();
        let bad = if multi {
            json!(["nope"])
        } else {
            json!("nope")
        };
        let (p, m) = err_path(&ed, park(json!({ key: bad })));
        assert_eq!(p, path, "{m}");
    }
    // Imported rows: the cell is named, counted from where the import starts.
    let store = AnswerStore::new(&ed, AnswersKind::Organisation);
    let e = store
        .read_rows(
            "talents",
            &[
                json!({"name":"甲","basis":"catalogue","category":2}),
                json!({"name":"乙","category":8}),
            ],
            4,
        )
        .expect_err("refused");
    assert_eq!(e.path, "organisation.talents[5].category");
    // Within the bounds still reads.
    AnswerStore::from_value(
        &ed,
        org(json!({"talents":[{"name":"甲","basis":"catalogue","category":7}]})),
    )
    .expect("reads");
}

/// The column a 追加 merges by is the edition's data (`merge_by` on the table): an edition that
/// merges its roster by name, or declares no key at all, needs no Rust.
#[test]
fn the_merge_key_is_the_tables_declaration() {
    use hrs_widget::engine::store::Declarations;
    use std::sync::Arc;
    let with_key = |key: Option<&str>| {
        let mut e = edition();
        for q in e
            .data
            .questions
            .park
            .iter_mut()
            .filter(|q| q.path == "park.roster")
        {
            q.merge_by = key.map(str::to_string);
        }
        AnswerStore::empty(Arc::new(Declarations::of(&e, AnswersKind::Park)))
    };
    let rows = |s: &AnswerStore, v: Vec<serde_json::Value>| {
        s.read_rows("park.roster", &v, 0).expect("rows")
    };
    let file = || {
        vec![
            json!({"name": "甲", "uscc": "91150200MA0N000000"}),
            json!({"name": "乙", "uscc": "91150200MA0N000000"}),
        ]
    };
    // By name: the second row of the same code is another firm.
    let mut by_name = with_key(Some("name"));
    let first = rows(&by_name, vec![json!({"name": "甲"})]);
    by_name.append_rows("park.roster", first).expect("append");
    let c = by_name
        .append_rows("park.roster", rows(&by_name, file()))
        .expect("append");
    assert_eq!((c.added, c.merged), (1, 1));
    // No key: every row is added.
    let mut none = with_key(None);
    let c = none
        .append_rows("park.roster", rows(&none, file()))
        .expect("append");
    let c2 = none
        .append_rows("park.roster", rows(&none, file()))
        .expect("append");
    assert_eq!((c.added + c2.added, c2.merged), (4, 0));
}

/// The engine reads a field by its position among the store's declarations; a store typed by
/// another edition's declarations (a widget whose edition changed under it) is read through
/// the evaluated edition's own first, so it evaluates as the same answers read by that edition.
#[test]
fn a_store_of_another_edition_is_evaluated_through_this_editions_declarations() {
    let load = |name: &str| policy::load_bundled(name).expect("bundled").expect("loads");
    let (e2022, sample) = (load("baotou-2022-55"), load("sample-successor"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
    for file in ["park-passes.json", "organisation-both-branches.json"] {
        let text = std::fs::read_to_string(format!(
            "{}/src/policy/examples/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("example");
        let of_2022 = AnswerStore::from_json(&e2022, &text).expect("reads");
        let file_value: serde_json::Value = serde_json::from_str(&text).expect("json");
        let kind = of_2022.kind();
        let body = &file_value[match kind {
            AnswersKind::Park => "park",
            AnswersKind::Organisation => "organisation",
        }];
        for e in [&sample, &e2022] {
            // The same file read by the evaluated edition (what it does not declare left out).
            let decls = std::sync::Arc::new(hrs_widget::engine::store::Declarations::of(e, kind));
            let (own, errors) = AnswerStore::read_lenient(decls, body);
            assert!(errors.is_empty(), "{file} under {}: {errors:?}", e.id);
            let through_store = hrs_widget::engine::evaluate(e, &of_2022, as_of);
            let through_own = hrs_widget::engine::evaluate(e, &own, as_of);
            assert_eq!(
                serde_json::to_value(&through_store).ok(),
                serde_json::to_value(&through_own).ok(),
                "{file} under {}",
                e.id
            );
        }
    }
}

/// An edition edited in memory keeps its content hash; a store typed by the edition before the
/// edit is still read through the edited edition's declarations (here: a gate turned round),
/// never through declarations it no longer has.
#[test]
fn a_store_typed_before_an_in_memory_edit_is_read_through_the_edited_declarations() {
    let e = policy::load_bundled("baotou-2022-55")
        .expect("bundled")
        .expect("loads");
    let text = r#"{"format":"hrs-answers","version":1,"kind":"park","park":{
        "previously_cancelled":true,"cancelled_on":"2023-03-01"}}"#;
    let before = AnswerStore::from_json(&e, text).expect("reads");
    let mut edited = e.clone();
    let q = edited
        .data
        .questions
        .park
        .iter_mut()
        .find(|q| q.path == "park.cancelled_on")
        .expect("cancelled_on");
    let gate = q.ask_if.as_mut().expect("gated");
    gate.equals = !gate.equals;
    assert_eq!(edited.content_hash, e.content_hash, "the hash stays");
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or_default();
    let stale = hrs_widget::engine::evaluate(&edited, &before, as_of);
    let fresh = hrs_widget::engine::evaluate(
        &edited,
        &AnswerStore::from_json(&edited, text).expect("reads"),
        as_of,
    );
    assert_eq!(
        serde_json::to_value(&stale).ok(),
        serde_json::to_value(&fresh).ok()
    );
    // And an edition whose questions are the same (a label edited) reads the store as it is.
    let mut relabelled = e.clone();
    relabelled.data.questions.park[0].label.zh.push('？');
    assert!(before.declarations().of_edition(&relabelled));
    assert!(!before.declarations().of_edition(&edited));
}

/// A stored answer the evaluated edition does not take is left out and said at its field in
/// both languages: the Chinese half is Chinese, not the reader's English message.
#[test]
fn an_answer_the_edition_refuses_is_said_in_chinese_and_english() {
    let e = policy::load_bundled("baotou-2022-55")
        .expect("bundled")
        .expect("loads");
    let mut fewer = e.clone();
    let q = fewer
        .data
        .questions
        .park
        .iter_mut()
        .find(|q| q.path == "park.events_held")
        .expect("events_held");
    q.max = Some(10);
    let text = r#"{"format":"hrs-answers","version":1,"kind":"park","park":{"events_held":50}}"#;
    let store = AnswerStore::from_json(&e, text).expect("reads");
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or_default();
    let o = hrs_widget::engine::evaluate(&fewer, &store, as_of);
    let p = o
        .problems
        .iter()
        .find(|p| p.field == "park.events_held")
        .expect("a problem at the field");
    assert!(
        !p.message.zh.chars().any(|c| c.is_ascii_alphabetic()),
        "zh: {}",
        p.message.zh
    );
    assert!(p.message.zh.contains("未计入"), "zh: {}", p.message.zh);
    assert!(p.message.en.contains("10"), "en: {}", p.message.en);
}

/// The lenient reader (a store read through another edition's declarations) says what it
/// leaves out: a table that is not a list of rows, a row that is not an object.
#[test]
fn the_lenient_reader_names_a_table_or_row_it_cannot_read() {
    use hrs_widget::engine::store::Declarations;
    use hrs_widget::engine::AnswersKind;
    let e = policy::load_bundled("baotou-2022-55")
        .expect("bundled")
        .expect("loads");
    let decls = std::sync::Arc::new(Declarations::of(&e, AnswersKind::Park));
    let (store, errors) = AnswerStore::read_lenient(
        decls.clone(),
        &serde_json::json!({"roster": "三家", "floor_area_m2": "5200"}),
    );
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["park.roster"]);
    assert!(store.rows("roster").is_empty());
    let (store, errors) = AnswerStore::read_lenient(
        decls,
        &serde_json::json!({"roster": [7, {"name": "鹿城人力资源有限公司"}]}),
    );
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["park.roster[0]"]);
    assert_eq!(
        store.rows("roster").len(),
        1,
        "the row that is not an object is left out"
    );
}

/// The measure-flags field is found by its declared kind, under whatever key the edition gives
/// it: the questions not asked name it by that key, never by the 2022 name.
#[test]
fn the_measure_flags_are_named_by_their_declared_key() {
    let mut e = policy::load_bundled("baotou-2022-55")
        .expect("bundled")
        .expect("loads");
    let q = e
        .data
        .questions
        .organisation
        .iter_mut()
        .find(|q| q.path == "organisation.already_received")
        .expect("already_received");
    q.path = "organisation.received_before".into();
    // Not an HR service organisation registered in the city: measures it cannot get.
    let text = r#"{"format":"hrs-answers","version":1,"kind":"organisation","organisation":{
        "hr_service_organisation":false,"registered_in_city":false}}"#;
    let store = AnswerStore::from_json(&e, text).expect("reads");
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or_default();
    let o = hrs_widget::engine::evaluate(&e, &store, as_of);
    assert!(
        o.not_asked
            .iter()
            .any(|p| p.starts_with("organisation.received_before[")),
        "{:?}",
        o.not_asked
    );
    assert!(
        !o.not_asked
            .iter()
            .any(|p| p.starts_with("organisation.already_received")),
        "{:?}",
        o.not_asked
    );
}

/// 追加 and 替换 as the widget's reducer does them (`AnswerStore::append_rows` / `replace_rows`,
/// moved here from the deleted `roster::merge`): the same file twice merges every row and adds
/// none; two rows of one file with one code are both added (the import flags the duplicate);
/// a full table takes no more rows and counts those left out.
#[test]
fn append_never_doubles_a_firm_and_a_full_roster_takes_no_more_rows() {
    use hrs_widget::engine::limits::MAX_ROWS;
    use hrs_widget::engine::store::Row;
    let ed = edition();
    let firm =
        |name: &str, code: &str| json!({ "name": name, "uscc": code, "revenue_yuan": "100" });
    let mut s = AnswerStore::new(&ed, AnswersKind::Park);
    let file: Vec<serde_json::Value> = (0..17)
        .map(|i| firm(&format!("第{i}号公司"), &format!("91150200MA{i:08}")))
        .collect();
    let rows =
        |s: &AnswerStore, v: &[serde_json::Value]| s.read_rows("park.roster", v, 0).expect("rows");
    let c = s
        .append_rows("park.roster", rows(&s, &file))
        .expect("append");
    assert_eq!((c.added, c.merged), (17, 0));
    let once = s.clone();
    let c = s
        .append_rows("park.roster", rows(&s, &file))
        .expect("append");
    assert_eq!((c.incoming, c.added, c.merged, c.left_out), (17, 0, 17, 0));
    assert_eq!(s, once, "not 34 rows");

    let mut s = AnswerStore::new(&ed, AnswersKind::Park);
    let twins = [firm("甲", "A1"), firm("甲'", "A1")];
    let c = s
        .append_rows("park.roster", rows(&s, &twins))
        .expect("append");
    assert_eq!((s.rows("park.roster").len(), c.added), (2, 2));

    let mut s = AnswerStore::new(&ed, AnswersKind::Park);
    s.replace_rows("park.roster", vec![Row::default(); MAX_ROWS])
        .expect("replace");
    let c = s
        .append_rows("park.roster", rows(&s, &[firm("x", "X1"), firm("y", "Y1")]))
        .expect("append");
    assert_eq!(s.rows("park.roster").len(), MAX_ROWS);
    assert_eq!((c.added, c.left_out), (0, 2));
    let c = s
        .replace_rows("park.roster", vec![Row::default(); MAX_ROWS + 3])
        .expect("replace");
    assert_eq!(
        (s.rows("park.roster").len(), c.added, c.left_out),
        (MAX_ROWS, MAX_ROWS, 3)
    );
}
