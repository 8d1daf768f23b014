//! Issue 16: the comparison table, its XLSX (read back with calamine), and the parks workbook
//! (template layout written, read back, evaluated like the answers file it came from).
#![cfg(feature = "docs")]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use hrs_widget::engine::compare::{self, CellState, Headline};
use hrs_widget::engine::{self, AnswerStore, AnswersKind, Verdict};
use hrs_widget::package::compare_xlsx::{self, CompareRequest};
use hrs_widget::policy::{self, Edition};
use hrs_widget::roster::parks;
use serde_json::{json, Value};

fn edition() -> Edition {
    policy::default_edition().expect("default edition")
}

fn example_text(name: &str) -> String {
    let p = format!(
        "{}/src/policy/examples/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn example(name: &str) -> AnswerStore {
    AnswerStore::from_json(&edition(), &example_text(name)).expect("example reads")
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 30).expect("date")
}

fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx");
    let range = wb.worksheet_range(name).expect("the sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

#[test]
fn the_barred_example_is_barred_and_otherwise_passes() {
    let o = engine::evaluate(&edition(), &example("park-barred"), as_of());
    let p = o.park.expect("park");
    assert!(p.summary.barred);
    assert_eq!(p.summary.not_met, 1, "only 第九条");
    assert_eq!(p.conditions[0].id, "park.9.barred");
}

#[test]
fn three_parks_give_their_headlines_and_the_firm_row_differs() {
    let e = edition();
    let (a, b, c) = (
        example("park-passes"),
        example("park-one-firm-short"),
        example("park-barred"),
    );
    let sets = vec![
        ("通过".to_string(), &a),
        ("差一家".to_string(), &b),
        ("被取消".to_string(), &c),
    ];
    let cmp = compare::compare(&e, AnswersKind::Park, &sets, as_of());
    let head = &cmp.rows[0];
    let states: Vec<CellState> = head.cells.iter().map(|x| x.state).collect();
    assert_eq!(
        states,
        [
            CellState::Headline(Headline::ParkReady),
            CellState::Headline(Headline::ParkNotReady),
            CellState::Headline(Headline::ParkBarred),
        ]
    );
    let barred = cmp
        .rows
        .iter()
        .find(|r| r.id == "park.9.barred")
        .expect("row");
    assert!(barred.differs);
    assert_eq!(barred.cells[2].state, CellState::Verdict(Verdict::NotMet));
    assert_eq!(compare::order_by_unmet(&cmp), vec![0, 1, 2]);
}

#[test]
fn the_comparison_xlsx_reads_back_with_words_citations_and_numeric_ranges() {
    let e = edition();
    // Two scenarios of one organisation: as it is, and on the city top-10 list next year.
    let mut now = example("organisation-capped").to_value();
    now["organisation"]["top10_listed"] = Value::Bool(false);
    let mut v = now.clone();
    v["organisation"]["top10_listed"] = Value::Bool(true);
    let request = json!({
        "kind": "organisation",
        "sets": [
            { "name": "现状", "answers": now },
            { "name": "入选10强", "answers": v },
            { "name": "坏的", "answers": { "format": "hrs-answers", "version": 1, "kind": "organisation",
                "organisation": { "revenue_yuan": "很多" } } },
        ],
        "unreadable": [ { "name": "other.json", "zh": "答卷类型不同（kind = park）", "en": "another kind" } ],
    });
    let bytes = CompareRequest::from_json(&request.to_string())
        .expect("request")
        .xlsx(&e, as_of())
        .expect("xlsx");
    let rows = sheet(&bytes, compare_xlsx::COMPARE_SHEET);
    let header: Vec<String> = rows[3].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "项目",
            "依据",
            "各答卷是否不同",
            "现状｜结论",
            "现状｜关键数字",
            "现状｜下限（元）",
            "现状｜上限（元）",
            "入选10强｜结论",
            "入选10强｜关键数字",
            "入选10强｜下限（元）",
            "入选10强｜上限（元）",
        ]
    );
    let top10 = rows
        .iter()
        .find(|r| text(&r[1]) == "《十项措施》第四条" && text(&r[0]).contains("10强"))
        .expect("the 10强 row, cited in words");
    assert_eq!(text(&top10[2]), "不同");
    assert_eq!(text(&top10[3]), "不可享受");
    assert_eq!(text(&top10[7]), "可享受");
    assert_eq!(top10[9], Data::Float(50000.0));
    assert_eq!(top10[10], Data::Float(50000.0));
    let all: Vec<String> = rows.iter().flatten().map(text).collect();
    assert!(
        all.iter().any(|s| s == "坏的"),
        "an unreadable set is listed"
    );
    assert!(
        all.iter().any(|s| s.contains("revenue_yuan")),
        "naming its field"
    );
    assert!(all.iter().any(|s| s == "other.json"));
    assert!(
        !all.iter().any(|s| s.contains("measures.4")),
        "no internal ids"
    );
}

/// Writes a park's answers in the one-park-per-sheet layout (and the same park per row).
fn park_workbook(a: &Value) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let park = a["park"].as_object().expect("park");
    let cell = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "是".into(),
        Value::Bool(false) => "否".into(),
        Value::Array(x) => x
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("、"),
        other => other.to_string(),
    };
    let ws = wb.add_worksheet();
    ws.set_name("园区甲").expect("name");
    for (c, h) in parks::SHEET_HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    let mut r = 1;
    for (k, v) in park {
        match k.as_str() {
            "roster" => {}
            "materials" => {
                for (id, s) in v.as_object().expect("materials") {
                    ws.write_string(r, 1, if s == "ready" { "已备齐" } else { "缺" })
                        .expect("write");
                    ws.write_string(r, 2, format!("{}{id}", parks::MATERIALS_PREFIX))
                        .expect("write");
                    r += 1;
                }
            }
            _ => {
                ws.write_string(r, 1, cell(v)).expect("write");
                ws.write_string(r, 2, format!("park.{k}")).expect("write");
                r += 1;
            }
        }
    }
    ws.write_string(r + 1, 0, parks::ROSTER_MARK)
        .expect("write");
    let heads = [
        "机构名称",
        "统一社会信用代码",
        "服务业态",
        "是否为人力资源服务企业",
        "年度营业收入（元）",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string(r + 2, c as u16, *h).expect("write");
    }
    for (i, row) in park["roster"]
        .as_array()
        .expect("roster")
        .iter()
        .enumerate()
    {
        let line = r + 3 + i as u32;
        for (c, k) in [
            "name",
            "uscc",
            "service_format",
            "hr_service_firm",
            "revenue_yuan",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(line, c as u16, cell(&row[*k]))
                .expect("write");
        }
    }
    // The same park, one per row, without its roster; and a row with a bad area.
    let list = wb.add_worksheet();
    list.set_name("园区列表").expect("name");
    list.write_string(0, 0, "park.name").expect("write");
    list.write_string(0, 1, "园区建筑总面积（平方米）")
        .expect("write");
    list.write_string(0, 2, "park.previously_cancelled")
        .expect("write");
    list.write_string(1, 0, "乙园").expect("write");
    list.write_string(1, 1, "3,200").expect("write");
    list.write_string(1, 2, "否").expect("write");
    list.write_string(2, 0, "丙园").expect("write");
    list.write_string(2, 1, "很大").expect("write");
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn a_parks_workbook_reads_back_to_the_same_evaluation_and_names_the_bad_cell() {
    let e = edition();
    let original = example("park-passes");
    let bytes = park_workbook(&original.to_value());
    let got = parks::read_parks_workbook(&bytes, "园区.xlsx", &e).expect("read");
    assert_eq!(got.sets.len(), 3);
    let first = &got.sets[0];
    assert!(first.error.is_none(), "{:?}", first.error);
    let read = AnswerStore::from_value(&edition(), first.answers.clone().expect("answers"))
        .expect("valid");
    let (o1, o2) = (
        engine::evaluate(&e, &original, as_of()),
        engine::evaluate(&e, &read, as_of()),
    );
    let (p1, p2) = (o1.park.expect("park"), o2.park.expect("park"));
    assert_eq!(p1.summary, p2.summary);
    assert_eq!(p1.roster.hr_service_firms, p2.roster.hr_service_firms);
    assert_eq!(got.sets[1].name, "乙园");
    assert!(got.sets[1].answers.is_some());
    let bad = got.sets[2].error.as_ref().expect("the bad area is named");
    assert!(
        bad.zh.contains("园区.xlsx")
            && bad.zh.contains("park.floor_area_m2")
            && bad.zh.contains("第 3 行"),
        "{}",
        bad.zh
    );
}

/// The workbook the browser test imports (tests/fixtures/compare/parks.xlsx): written by this
/// test when `HRS_WRITE_FIXTURES=1`, otherwise checked to read as three parks.
#[test]
fn the_parks_workbook_fixture_reads_as_three_parks() {
    let path = format!(
        "{}/tests/fixtures/compare/parks.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var("HRS_WRITE_FIXTURES").as_deref() == Ok("1") {
        let bytes = park_workbook(&example("park-passes").to_value());
        std::fs::create_dir_all(std::path::Path::new(&path).parent().expect("dir")).expect("dir");
        std::fs::write(&path, bytes).expect("write");
    }
    let bytes = std::fs::read(&path).expect("fixture");
    let got = parks::read_parks_workbook(&bytes, "parks.xlsx", &edition()).expect("read");
    let names: Vec<&str> = got.sets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["包头市人力资源服务产业园（示例）", "乙园", "园区列表 3"]
    );
}

#[test]
fn the_template_has_both_layouts_and_reads_as_no_park_until_filled() {
    let e = edition();
    let bytes = compare_xlsx::parks_template(&e).expect("template");
    let rows = sheet(&bytes, "园区1");
    assert_eq!(text(&rows[0][0]), "字段");
    assert!(rows.iter().any(|r| text(&r[2]) == "park.floor_area_m2"));
    assert!(rows.iter().any(|r| text(&r[0]) == parks::ROSTER_MARK));
    let list = sheet(&bytes, "园区列表");
    assert!(list[0].iter().any(|c| text(c) == "park.name"));
    assert!(parks::read_parks_workbook(&bytes, "模板.xlsx", &e).is_err());
}
