//! Bounds on what people enter, on every input path (issue 12, items 7–14): huge CSV files,
//! tables of too many rows, texts too long, mixed encodings, control and bidi characters, count
//! ranges in the edition, and import messages that say what is wrong. Native checks of the core
//! and the importer; the browser tests (tests/e2e/limits.test.mjs) drive the same through the UI.

#[path = "fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz;

use hrs_widget::engine::limits::{MAX_CSV_BYTES, MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_ROWS};
use hrs_widget::engine::share::{decode_share_fragment, SHARE_PREFIX};
use hrs_widget::engine::AnswerStore;
use hrs_widget::roster::import::{import, ImportError};

const HEADER: &str = "机构名称,统一社会信用代码,是否为人力资源服务企业\n";

fn park(fields: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"format": "hrs-answers", "version": 1, "kind": "park", "park": fields})
}

#[test]
fn a_csv_over_20_mb_is_refused_with_its_size_before_it_is_decoded() {
    let mut csv = HEADER.as_bytes().to_vec();
    csv.extend(std::iter::repeat_n(b'a', MAX_CSV_BYTES)); // one 20 MB cell
    let e = import(&csv, "roster.csv", fuzz::edition()).expect_err("refused");
    assert!(matches!(e, ImportError::CsvTooLarge(_)), "{e}");
    assert!(e.message_zh().contains("最多 20 MB"), "{}", e.message_zh());
    assert!(
        e.message_en().contains("at most 20 MB"),
        "{}",
        e.message_en()
    );
}

#[test]
fn a_csv_of_more_rows_than_a_roster_takes_is_refused_and_reading_stops_early() {
    let mut csv = String::from(HEADER);
    for _ in 0..MAX_ROWS + 100 {
        csv.push_str("甲,91150200MA0N000000,是\n");
    }
    let e = import(csv.as_bytes(), "roster.csv", fuzz::edition()).expect_err("refused");
    assert!(
        matches!(e, ImportError::TooManyRows(n) if n <= MAX_ROWS + 16),
        "{e}"
    );
    assert!(
        e.message_en().contains("at most 20000 rows"),
        "{}",
        e.message_en()
    );
    // At the bound itself the file reads.
    let mut csv = String::from(HEADER);
    for _ in 0..MAX_ROWS {
        csv.push_str("甲,91150200MA0N000000,是\n");
    }
    let ok = import(csv.as_bytes(), "roster.csv", fuzz::edition()).expect("reads");
    assert_eq!(ok.rows.len(), MAX_ROWS);
}

#[test]
fn a_share_link_or_answers_file_of_too_many_empty_rows_is_refused_naming_the_table() {
    let rows: Vec<serde_json::Value> = (0..MAX_ROWS + 1).map(|_| serde_json::json!({})).collect();
    let file = park(serde_json::json!({ "roster": rows }));
    let e = AnswerStore::from_value(fuzz::edition(), file.clone()).expect_err("refused");
    assert_eq!(e.path, "park.roster");
    assert!(e.message.contains("at most 20000"), "{e}");
    let fragment = format!(
        "{SHARE_PREFIX}{}",
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            file.to_string()
        )
    );
    let e = decode_share_fragment(fuzz::edition(), &fragment)
        .expect("a link")
        .expect_err("refused");
    assert!(e.en.contains("park.roster"), "{}", e.en);
    for table in ["placements", "talents"] {
        let rows: Vec<serde_json::Value> =
            (0..MAX_ROWS + 1).map(|_| serde_json::json!({})).collect();
        let file = serde_json::json!({"format": "hrs-answers", "version": 1, "kind": "organisation",
            "organisation": { table: rows }});
        let e = AnswerStore::from_value(fuzz::edition(), file).expect_err("refused");
        assert_eq!(e.path, format!("organisation.{table}"));
    }
}

#[test]
fn a_text_over_its_bound_is_refused_at_the_field_it_names() {
    let long = "园".repeat(MAX_NAME_CHARS + 1);
    let e = AnswerStore::from_value(fuzz::edition(), park(serde_json::json!({ "name": long })))
        .expect_err("refused");
    assert_eq!(e.path, "park.name");
    assert!(e.message.contains("at most 500"), "{e}");
    let row =
        serde_json::json!({"name": "甲", "main_business": "业".repeat(MAX_DESCRIPTION_CHARS + 1)});
    let e = AnswerStore::from_value(
        fuzz::edition(),
        park(serde_json::json!({ "roster": [row] })),
    )
    .expect_err("refused");
    assert_eq!(e.path, "park.roster[0].main_business");
    // A description may be longer than a name.
    let row =
        serde_json::json!({"name": "甲", "main_business": "业".repeat(MAX_DESCRIPTION_CHARS)});
    assert!(AnswerStore::from_value(
        fuzz::edition(),
        park(serde_json::json!({ "roster": [row] }))
    )
    .is_ok());
}

#[test]
fn an_imported_cell_over_its_bound_is_cut_and_its_row_says_so() {
    let csv = format!("{HEADER}{},91150200MA0N000000,是\n", "名".repeat(40_000));
    let got = import(csv.as_bytes(), "roster.csv", fuzz::edition()).expect("reads");
    assert_eq!(got.rows[0].text("name").chars().count(), MAX_NAME_CHARS);
    let e = got
        .errors
        .iter()
        .find(|e| e.field == "name")
        .expect("an error on the name");
    assert!(
        e.message_zh.contains("40000 个字符，最多 500 个，已截断"),
        "{}",
        e.message_zh
    );
    // The rows the widget receives read as answers (no field too long for the package).
    let file = park(serde_json::json!({ "roster": got.rows }));
    assert!(AnswerStore::from_value(fuzz::edition(), file).is_ok());
}

#[test]
fn a_utf8_csv_with_one_gbk_line_reports_that_row_instead_of_importing_mojibake() {
    let mut csv = HEADER.as_bytes().to_vec();
    csv.extend("鹿城人力资源有限公司,91150200MA0007919Y,是\n".as_bytes());
    let (gbk, _, _) = encoding_rs::GBK.encode("北方猎头咨询有限公司,91150200MA0015838H,是\n");
    csv.extend(gbk.iter());
    csv.extend("包头劳务协作公司,91150200MA0031676N,是\n".as_bytes());
    let got = import(&csv, "roster.csv", fuzz::edition()).expect("reads");
    assert_eq!(got.source.encoding.as_deref(), Some("UTF-8"));
    let odd: Vec<usize> = got
        .errors
        .iter()
        .filter(|e| e.message_en.contains("not UTF-8"))
        .map(|e| e.row)
        .collect();
    assert_eq!(odd, [3], "{:?}", got.errors);
    assert_eq!(
        got.rows[1].text("name"),
        "北方猎头咨询有限公司",
        "read as GBK, not mojibake"
    );
    assert_eq!(got.rows[0].text("name"), "鹿城人力资源有限公司");
    // Bytes in no encoding: the row says characters were replaced.
    let mut csv = HEADER.as_bytes().to_vec();
    csv.extend("鹿城人力资源有限公司,91150200MA0007919Y,是\n".as_bytes());
    csv.extend(b"\x81\x20\x81\x20,91150200MA0015838H,\xa1\n");
    let got = import(&csv, "roster.csv", fuzz::edition()).expect("reads");
    assert!(
        got.errors
            .iter()
            .any(|e| e.row == 3 && e.message_en.contains("no known encoding")),
        "{:?}",
        got.errors
    );
}

#[test]
fn nul_control_and_bidi_characters_are_stripped_from_imported_names_with_a_note() {
    let csv = format!("{HEADER}鹿城\u{0}人力\u{7}资源\u{202E}有限公司,91150200MA0007919Y,是\n");
    let got = import(csv.as_bytes(), "roster.csv", fuzz::edition()).expect("reads");
    assert_eq!(got.rows[0].text("name"), "鹿城人力资源有限公司");
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let note = got.notes.first().expect("a note");
    assert_eq!(note.row, 2);
    assert!(
        note.message_zh.contains("已删除 3 个不可见的控制字符"),
        "{}",
        note.message_zh
    );
}

#[test]
fn bidi_overrides_in_answers_are_stripped_from_names_for_screen_and_documents() {
    let a = AnswerStore::from_value(fuzz::edition(), park(serde_json::json!({ "name": "产业园\u{202E}区园业产", "operator_name": "运营\u{2066}方\u{2069}" })))
        .expect("reads");
    let v = a.to_value();
    assert_eq!(v["park"]["name"], "产业园区园业产");
    assert_eq!(v["park"]["operator_name"], "运营方");
}

#[test]
fn a_workbook_with_a_doctype_says_so_instead_of_empty_or_unknown_format() {
    let sheet = br#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#;
    let xlsx = fuzz::xlsx_from_parts(sheet, None);
    let e = import(&xlsx, "roster.xlsx", fuzz::edition()).expect_err("refused");
    assert!(e.message_en().contains("DOCTYPE"), "{}", e.message_en());
    assert!(
        !e.message_en().contains("empty") && !e.message_en().contains("detect"),
        "{}",
        e.message_en()
    );
    assert!(e.message_zh().contains("DOCTYPE"), "{}", e.message_zh());
}

#[test]
fn a_workbook_part_over_32_mb_is_called_too_large_not_damaged() {
    let mut sheet = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#.to_vec();
    sheet.extend(std::iter::repeat_n(b'a', 33 << 20));
    sheet.extend(b"</t></is></c></row></sheetData></worksheet>");
    let xlsx = fuzz::xlsx_from_parts(&sheet, None);
    let e = import(&xlsx, "roster.xlsx", fuzz::edition()).expect_err("refused");
    assert!(
        e.message_en().contains("too large") && e.message_en().contains("not damaged"),
        "{}",
        e.message_en()
    );
    assert!(
        e.message_zh().contains("过大") && e.message_zh().contains("并未损坏"),
        "{}",
        e.message_zh()
    );
}

#[test]
fn every_count_question_of_every_edition_has_its_range() {
    let mut editions = vec![fuzz::edition().clone()];
    let testland = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/testland-2026-1.json"
    ))
    .expect("fixture");
    editions.push(hrs_widget::policy::Edition::from_json(&testland).expect("testland"));
    for e in editions {
        let mut qs: Vec<&hrs_widget::policy::Question> = Vec::new();
        for q in e
            .questions
            .park
            .iter()
            .chain(e.questions.organisation.iter())
        {
            qs.push(q);
            qs.extend(q.columns.iter());
        }
        for q in qs {
            if q.kind == hrs_widget::policy::QuestionKind::Count {
                let (Some(min), Some(max)) = (q.min, q.max) else {
                    panic!("{}: {} has no range", e.id, q.path);
                };
                assert!(
                    min <= max && max <= hrs_widget::engine::quantity::MAX_COUNT,
                    "{}",
                    q.path
                );
            }
        }
        let category = e
            .questions
            .organisation
            .iter()
            .flat_map(|q| q.columns.iter())
            .find(|q| q.path.ends_with("talents[].category"))
            .expect("category");
        assert_eq!(
            (category.min, category.max),
            (Some(1), Some(7)),
            "the catalogue's categories 1–7"
        );
    }
}
