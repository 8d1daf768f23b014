//! Roster import: UTF-8 CSV, GBK CSV (as Excel in China saves it), XLSX, the package's own
//! 花名册 read back, and broken files. Row-level problems are listed; good rows are kept.
#![cfg(feature = "docs")]

use std::path::Path;

use chrono::NaiveDate;
use hrs_widget::engine::{Answer, AnswerStore, StoreRow};
use hrs_widget::package::{self, PackageInput};
use hrs_widget::policy::{self, Edition};
use hrs_widget::roster::import::{self, Import, ImportError};
use rust_decimal::Decimal;

fn edition() -> Edition {
    policy::default_edition().expect("default edition")
}

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roster")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn revenue(r: &StoreRow) -> Option<String> {
    r.get("revenue_yuan")
        .number()
        .value()
        .map(|y| y.to_string())
}

/// (file row, field) of every error.
fn error_keys(i: &Import) -> Vec<(usize, &str)> {
    i.errors.iter().map(|e| (e.row, e.field.as_str())).collect()
}

#[test]
fn utf8_csv_with_bom_reads_every_row_and_lists_bad_check_character_non_numeric_revenue_and_duplicate(
) {
    let e = edition();
    let got = import::import(&fixture("utf8.csv"), "花名册.csv", &e).expect("import");
    assert_eq!(got.source.kind, "csv");
    assert_eq!(got.source.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(got.source.header_row, 1);
    assert_eq!(got.rows.len(), 6, "every row is returned, good or bad");
    assert_eq!(
        error_keys(&got),
        [(4, "uscc"), (5, "revenue_yuan"), (6, "uscc")]
    );
    let check = &got.errors[0];
    assert!(check.message_zh.contains("校验码"), "{}", check.message_zh);
    assert!(check.message_en.contains("check character"));
    assert_eq!(check.index, 2);
    assert!(got.errors[1].message_zh.contains("约两百万"));
    assert!(
        got.errors[2].message_zh.contains("第 2 行"),
        "{}",
        got.errors[2].message_zh
    );

    // Columns matched from the file's own names.
    let col = |h: &str| got.columns.get(h).map(String::as_str);
    assert_eq!(col("单位名称"), Some("name"));
    assert_eq!(col("统一社会信用代码"), Some("uscc"));
    assert_eq!(col("服务业态"), Some("service_format"));
    assert_eq!(col("是否人力资源服务企业"), Some("hr_service_firm"));
    assert_eq!(col("年营业收入（万元）"), Some("revenue_yuan"));
    assert_eq!(col("主营业务"), Some("main_business"));
    assert!(!got.columns.contains_key("序号"));

    // Values: 万元 header scales; labels, examples map to format ids.
    let r = &got.rows;
    assert_eq!(r[0].text("name"), "鹿城人力资源有限公司");
    assert_eq!(r[0].text("uscc"), "91150200MA0007919Y");
    assert_eq!(revenue(&r[0]).as_deref(), Some("3000000"));
    assert_eq!(revenue(&r[1]).as_deref(), Some("12505000"));
    assert_eq!(r[0].text("service_format"), "platform");
    assert_eq!(r[1].text("service_format"), "high_end");
    assert_eq!(r[4].get("hr_service_firm").yes_no(), Answer::Value(true));
    assert_eq!(
        r[5].get("hr_service_firm").yes_no(),
        Answer::Value(false),
        "an audit firm (plan 二(六)) is not an HR-service firm"
    );
    assert_eq!(
        *r[5].get("revenue_yuan"),
        Answer::NotAnswered,
        "empty stays unanswered"
    );
    assert_eq!(r[0].text("main_business"), "网络招聘");

    // The good rows are the ones without errors.
    let good: Vec<String> = got
        .good_rows()
        .iter()
        .map(|r| r.text("name").to_string())
        .collect();
    assert_eq!(
        good,
        [
            "鹿城人力资源有限公司",
            "北方猎头咨询有限公司",
            "阴山财务审计有限公司"
        ]
    );
}

#[test]
fn gbk_csv_as_excel_saves_it_is_decoded_and_other_header_names_match() {
    let e = edition();
    let bytes = fixture("gbk.csv");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "fixture is really GBK"
    );
    let got = import::import(&bytes, "roster.csv", &e).expect("import");
    assert_eq!(got.source.encoding.as_deref(), Some("GBK"));
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.rows.len(), 3);
    assert_eq!(got.rows[0].text("name"), "鹿城人力资源有限公司");
    assert_eq!(got.rows[1].text("name"), "北方猎头咨询有限公司");
    assert_eq!(got.rows[0].text("service_format"), "platform");
    assert_eq!(got.rows[1].text("service_format"), "high_end");
    assert_eq!(got.rows[2].text("service_format"), "new_formats");
    assert_eq!(revenue(&got.rows[1]).as_deref(), Some("12505000"));
    let col = |h: &str| got.columns.get(h).map(String::as_str);
    assert_eq!(col("机构名称"), Some("name"));
    assert_eq!(col("信用代码"), Some("uscc"));
    assert_eq!(col("业态"), Some("service_format"));
    assert_eq!(col("人力资源服务企业"), Some("hr_service_firm"));
    assert_eq!(col("营业收入(元)"), Some("revenue_yuan"));
    assert_eq!(col("经营范围"), Some("main_business"));
}

#[test]
fn gbk_bytes_made_here_match_the_utf8_reading() {
    let e = edition();
    let text = "单位名称,统一社会信用代码,营业收入\r\n包头云聘网络科技有限公司,91150200MA0047514P,4500000\r\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let a = import::import(&gbk, "x.csv", &e).expect("gbk");
    let b = import::import(text.as_bytes(), "x.csv", &e).expect("utf-8");
    assert_eq!(a.rows, b.rows);
    assert_eq!(a.rows[0].text("name"), "包头云聘网络科技有限公司");
}

#[test]
fn semicolon_and_tab_separated_csv_are_read() {
    let e = edition();
    for sep in [";", "\t"] {
        let text = format!(
            "机构名称{sep}统一社会信用代码{sep}年营业收入\n鹿城人力资源有限公司{sep}91150200MA0007919Y{sep}1.5万元\n"
        );
        let got = import::import(text.as_bytes(), "r.csv", &e).expect("import");
        assert_eq!(got.rows.len(), 1, "{sep:?}");
        assert_eq!(revenue(&got.rows[0]).as_deref(), Some("15000"));
    }
}

/// An .xlsx as staff make it: a title row, then the header, numbers as numbers.
fn staff_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("花名册").expect("name");
    ws.write_string(0, 0, "某某产业园入驻机构名单（2024年）")
        .expect("title");
    let header = [
        "机构名称",
        "统一社会信用代码",
        "服务业态",
        "是否为人力资源服务企业",
        "年度营业收入（元）",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).expect("header");
    }
    let rows: [(&str, &str, &str, &str, f64); 3] = [
        (
            "鹿城人力资源有限公司",
            "91150200MA0007919Y",
            "传统服务",
            "是",
            3_000_000.0,
        ),
        (
            "北方猎头咨询有限公司",
            "91150200MA0015838H",
            "猎头",
            "是",
            3_250_000.5,
        ),
        ("坏代码公司", "91150200MA0015838X", "劳务协作", "否", 100.0),
    ];
    for (i, (n, c, f, hr, rev)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, *n).expect("n");
        ws.write_string(r, 1, *c).expect("c");
        ws.write_string(r, 2, *f).expect("f");
        ws.write_string(r, 3, *hr).expect("hr");
        ws.write_number(r, 4, *rev).expect("rev");
    }
    // A second row with text where a number belongs.
    ws.write_string(6, 0, "文字收入公司").expect("n");
    ws.write_string(6, 1, "91150200MA0031676N").expect("c");
    ws.write_string(6, 4, "三百万").expect("rev");
    wb.save_to_buffer().expect("xlsx")
}

#[test]
fn xlsx_with_a_title_row_is_read_from_the_header_down_with_excel_row_numbers() {
    let e = edition();
    let got = import::import(&staff_xlsx(), "名单.xlsx", &e).expect("import");
    assert_eq!(got.source.kind, "workbook");
    assert_eq!(got.source.sheet.as_deref(), Some("花名册"));
    assert_eq!(got.source.header_row, 3);
    assert_eq!(got.rows.len(), 4);
    assert_eq!(revenue(&got.rows[0]).as_deref(), Some("3000000"));
    assert_eq!(revenue(&got.rows[1]).as_deref(), Some("3250000.5"));
    assert_eq!(got.rows[0].text("service_format"), "traditional");
    assert_eq!(got.rows[2].text("service_format"), "labour_cooperation");
    assert_eq!(error_keys(&got), [(6, "uscc"), (7, "revenue_yuan")]);
}

#[test]
fn the_packages_own_roster_reads_back_to_the_same_rows() {
    let e = edition();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/policy/examples/park-passes.json"),
    )
    .expect("example");
    let answers = AnswerStore::from_json(&e, &text).expect("answers");
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 30).expect("date");
    let outcome = hrs_widget::engine::evaluate(&e, &answers, as_of);
    let input = PackageInput {
        edition: &e,
        answers: &answers,
        outcome: &outcome,
        widget_version: "test",
        generated_at: hrs_widget::package::midnight(as_of),
    };
    let files = package::park_files(&input).expect("files");
    let xlsx = files
        .iter()
        .find(|f| f.name == package::ROSTER_FILE)
        .expect("roster");
    let got = import::import(&xlsx.bytes, &xlsx.name, &e).expect("import");
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.rows, answers.rows("roster"), "round trip");
    assert_eq!(
        got.skipped_rows.len(),
        2,
        "totals and signature rows skipped"
    );
}

fn seed(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/seeds/roster_xlsx")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The fuzzer's seed `staff.xlsx` opened in LibreOffice Calc and saved as .ods and as .xlsx (its
/// own writer; the .ods repeats empty rows and cells to the end of the grid): read like the
/// original.
#[test]
fn workbooks_saved_by_libreoffice_read_like_the_original() {
    let e = edition();
    let original = import::import(&seed("staff.xlsx"), "staff.xlsx", &e).expect("import");
    for name in ["libreoffice-staff.ods", "libreoffice-staff.xlsx"] {
        let got = import::import(&seed(name), name, &e).expect(name);
        assert_eq!(got.source.header_row, original.source.header_row, "{name}");
        assert_eq!(got.rows, original.rows, "{name}");
        assert_eq!(error_keys(&got), error_keys(&original), "{name}");
    }
}

/// A roster of `n` rows as staff would keep it: text, numbers and a long-ish description.
fn large_roster(n: usize) -> Vec<[String; 6]> {
    let mut rows = vec![[
        "机构名称".to_string(),
        "统一社会信用代码".into(),
        "服务业态".into(),
        "是否为人力资源服务企业".into(),
        "年度营业收入（元）".into(),
        "主营业务".into(),
    ]];
    for i in 0..n {
        rows.push([
            format!("第{i}号人力资源服务有限公司"),
            format!("91150200MA{:08}", i),
            ["传统服务", "猎头", "劳务协作", "人力资源外包"][i % 4].into(),
            if i % 3 == 0 { "否" } else { "是" }.into(),
            format!("{}", 1_000_000 + i * 37),
            "人力资源供求信息的收集和发布、就业和创业指导、人力资源管理咨询、人力资源测评".into(),
        ]);
    }
    rows
}

fn large_xlsx(rows: &[[String; 6]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if r > 0 && c == 4 {
                let n: f64 = cell.parse().expect("number");
                ws.write_number(r as u32, c as u16, n).expect("cell");
            } else {
                ws.write_string(r as u32, c as u16, cell).expect("cell");
            }
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

/// An .ods written the way LibreOffice writes one: trailing empty cells and rows repeated to
/// the end of the grid.
fn large_ods(rows: &[[String; 6]]) -> Vec<u8> {
    use std::io::Write;
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="花名册" table:style-name="ta1"><table:table-column table:number-columns-repeated="6"/>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(r#"<table:table-row table:style-name="ro1">"#);
        for (c, cell) in row.iter().enumerate() {
            if r > 0 && c == 4 {
                xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="float" office:value="{cell}" calcext:value-type="float"><text:p>{cell}</text:p></table:table-cell>"#
                ));
            } else {
                xml.push_str(&format!(
                    r#"<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>{cell}</text:p></table:table-cell>"#
                ));
            }
        }
        xml.push_str(
            r#"<table:table-cell table:number-columns-repeated="16378"/></table:table-row>"#,
        );
    }
    xml.push_str(&format!(
        r#"<table:table-row table:style-name="ro1" table:number-rows-repeated="{}"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        1_048_576 - rows.len()
    ));
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).expect("zip");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("zip");
    zip.start_file("content.xml", deflated).expect("zip");
    zip.write_all(xml.as_bytes()).expect("zip");
    zip.start_file("META-INF/manifest.xml", deflated)
        .expect("zip");
    zip.write_all(manifest.as_bytes()).expect("zip");
    zip.finish().expect("zip").into_inner()
}

/// A 10,000-row roster is within the import's workbook limits, as .xlsx and as .ods.
#[test]
fn a_10000_row_roster_imports_from_xlsx_and_ods() {
    let e = edition();
    let rows = large_roster(10_000);
    for (name, bytes) in [
        ("large.xlsx", large_xlsx(&rows)),
        ("large.ods", large_ods(&rows)),
    ] {
        // The fastest of a few runs (the machine is shared): `cargo test --profile bench`.
        let mut fastest = std::time::Duration::MAX;
        let mut got = None;
        for _ in 0..if cfg!(debug_assertions) { 1 } else { 5 } {
            let start = std::time::Instant::now();
            got = Some(import::import(&bytes, name, &e).expect(name));
            fastest = fastest.min(start.elapsed());
        }
        let got = got.expect("imported");
        eprintln!("{name}: {} KB, imported in {fastest:?}", bytes.len() / 1024);
        assert_eq!(got.rows.len(), 10_000, "{name}");
        assert_eq!(got.rows[9_999].text("name"), "第9999号人力资源服务有限公司");
    }
}

#[test]
fn broken_files_are_errors_with_a_message_not_panics() {
    let e = edition();
    let err = |name: &str| import::import(&fixture(name), name, &e).expect_err(name);
    assert_eq!(err("empty.csv"), ImportError::Empty);
    assert_eq!(err("no-header.csv"), ImportError::NoHeader);
    assert!(matches!(
        err("not-a-workbook.xlsx"),
        ImportError::Unreadable(_)
    ));
    assert!(matches!(
        err("zip-not-xlsx.xlsx"),
        ImportError::Unreadable(_)
    ));
    for e in [ImportError::Empty, ImportError::NoHeader] {
        assert!(!e.message_zh().is_empty() && !e.message_en().is_empty());
    }
    // A truncated workbook.
    let mut cut = staff_xlsx();
    cut.truncate(cut.len() / 2);
    assert!(import::import(&cut, "cut.xlsx", &e).is_err());
    // Random bytes named .csv: decoded as text, no header found.
    let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(import::import(&noise, "noise.csv", &e).is_err());
    // Only a header: no rows, no errors.
    let only = import::import("机构名称,统一社会信用代码\n".as_bytes(), "h.csv", &e).expect("ok");
    assert!(only.rows.is_empty() && only.errors.is_empty());
}

#[test]
fn the_json_the_widget_receives_has_rows_errors_and_columns() {
    let e = edition();
    let got = import::import(&fixture("utf8.csv"), "花名册.csv", &e).expect("import");
    let v: serde_json::Value = serde_json::to_value(&got).expect("json");
    assert!(v["rows"].is_array());
    assert_eq!(v["errors"][0]["row"], 4);
    assert_eq!(v["errors"][0]["field"], "uscc");
    assert!(v["errors"][0]["message_zh"].is_string());
    assert!(v["errors"][0]["message_en"].is_string());
    assert_eq!(v["columns"]["统一社会信用代码"], "uscc");
    // Rows are answers-file rows: they load as a park roster.
    let answers = serde_json::json!({
        "format": "hrs-answers", "version": 1, "kind": "park",
        "park": { "roster": v["rows"] }
    });
    let parsed = AnswerStore::from_value(&e, answers).expect("rows are valid answers");
    let roster = parsed.rows("roster");
    assert_eq!(roster.len(), 6);
    assert_eq!(
        roster[1].get("revenue_yuan").number().value().copied(),
        Some(Decimal::from(12_505_000))
    );
}

#[test]
fn a_quoted_cell_over_two_lines_keeps_the_file_line_numbers_of_later_rows() {
    let e = edition();
    let text = "机构名称,统一社会信用代码,营业收入\r\n\"鹿城人力资源\r\n有限公司\",91150200MA0007919Y,100\r\n坏收入公司,91150200MA0015838H,很多\r\n";
    let got = import::import(text.as_bytes(), "r.csv", &e).expect("import");
    assert_eq!(got.rows[0].text("name"), "鹿城人力资源\r\n有限公司");
    assert_eq!(error_keys(&got), [(4, "revenue_yuan")]);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000), ext in "(csv|xlsx|xls|txt)") {
            let _ = import::import(&bytes, &format!("f.{ext}"), &edition());
        }

        #[test]
        fn on_any_text_with_a_header(body in "[0-9A-Z,;\t\"\r\n 是否万元.,-]{0,400}") {
            let text = format!("机构名称,统一社会信用代码,服务业态,是否人力资源服务企业,营业收入（万元）\n{body}");
            let got = import::import(text.as_bytes(), "r.csv", &edition());
            prop_assert!(got.is_ok());
        }

        #[test]
        fn on_a_damaged_workbook(at in 0usize..4000, byte in any::<u8>()) {
            let mut x = staff_xlsx();
            let i = at % x.len();
            x[i] = byte;
            let _ = import::import(&x, "d.xlsx", &edition());
        }
    }
}
