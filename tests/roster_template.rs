//! Issue 10 (the roster as a person uses it): the 下载花名册模板 workbook is read back by the
//! importer with every column matched and its example row skipped; a CSV whose first line is a
//! one-cell title is read, the title reported as skipped; a file that cannot be read at all has
//! a Chinese message with no English in it; importing the same file twice with 追加 merges.
#![cfg(feature = "docs")]

use hrs_widget::engine::answers::AnswersKind;
use hrs_widget::engine::store::{AnswerStore, Value};
use hrs_widget::package;
use hrs_widget::policy::{self, Edition};
use hrs_widget::roster::import::{self, ImportError, FIELDS, TEMPLATE_EXAMPLE_NAME};

fn edition() -> Edition {
    policy::default_edition().expect("default edition")
}

/// No Latin letters in a Chinese message (file formats such as .xlsx / CSV / UTF-8 and the
/// standard's name GB 32100 aside).
fn no_english(zh: &str) {
    let mut t = zh.to_string();
    for allowed in [
        ".xlsx", ".xls", ".ods", ".csv", "CSV", "UTF-8", "Excel", "WPS", "DOCTYPE", "GB", "MB",
    ] {
        t = t.replace(allowed, "");
    }
    assert!(
        !t.chars().any(|c| c.is_ascii_alphabetic()),
        "English inside a Chinese message: {zh}"
    );
}

#[test]
fn the_template_has_every_column_the_importer_reads_and_reads_back_with_its_example_skipped() {
    let e = edition();
    let bytes = package::roster_template(&e).expect("template");
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let got = import::import(&bytes, "入驻机构花名册模板.xlsx", &e).expect("reads back");
    let mut matched: Vec<&str> = got.columns.values().map(String::as_str).collect();
    matched.sort_unstable();
    let mut all = FIELDS.to_vec();
    all.sort_unstable();
    assert_eq!(
        matched, all,
        "every column the importer reads, HR licence / 备案 included"
    );
    assert_eq!(got.source.header_row, 1);
    assert!(got.rows.is_empty(), "the example row is not a firm");
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.skipped.len(), 1);
    assert_eq!(got.skipped[0].row, 2);
    assert!(got.skipped[0].message_zh.contains("示例"));

    // The example row itself is a clean row: with its mark removed it imports without a problem.
    let sheets = import::workbook_sheets(&bytes).expect("sheets");
    let (name, rows) = &sheets[0];
    assert_eq!(name, "入驻机构花名册");
    let mut rows = rows.clone();
    assert_eq!(rows[1].1[0], TEMPLATE_EXAMPLE_NAME);
    rows[1].1[0] = "包头某某人力资源服务有限公司".into();
    let (read, problems) = import::roster_from_rows(&rows, &e).expect("header");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].text("uscc").len(), 18);
    assert!(read[0]
        .get("hr_licence")
        .yes_no()
        .value()
        .copied()
        .unwrap_or(false));
    assert_eq!(
        read[0]
            .get("revenue_yuan")
            .number()
            .value()
            .map(|y| y.to_string()),
        Some("3250000".into())
    );
}

#[test]
fn a_csv_whose_first_line_is_a_one_cell_title_is_read_and_the_title_reported_as_skipped() {
    let e = edition();
    let csv = "某某产业园入驻企业花名册\n\
               机构名称,统一社会信用代码,服务业态,是否为人力资源服务企业,年度营业收入（元）\n\
               鹿城人力资源有限公司,91150200MA0N2X3Y4X,中高端服务,是,820万\n";
    // The check character of the code above is not known here: only the reading matters.
    for (name, text) in [
        ("title.csv", csv.to_string()),
        ("title-crlf.csv", csv.replace('\n', "\r\n")),
        ("title-semicolon.csv", csv.replace(',', ";")),
        ("title-tab.csv", csv.replace(',', "\t")),
    ] {
        let got = import::import(text.as_bytes(), name, &e).expect(name);
        assert_eq!(got.source.header_row, 2, "{name}");
        assert_eq!(got.rows.len(), 1, "{name}");
        assert_eq!(got.rows[0].text("name"), "鹿城人力资源有限公司", "{name}");
        assert_eq!(
            got.rows[0]
                .get("revenue_yuan")
                .number()
                .value()
                .map(|y| y.to_string()),
            Some("8200000".into()),
            "{name}"
        );
        assert_eq!(got.skipped.len(), 1, "{name}");
        assert_eq!(got.skipped[0].row, 1);
        assert!(
            got.skipped[0]
                .message_zh
                .contains("某某产业园入驻企业花名册")
                && got.skipped[0].message_zh.contains("标题"),
            "{}",
            got.skipped[0].message_zh
        );
        no_english(&got.skipped[0].message_zh);
    }
}

#[test]
fn every_message_of_an_unreadable_file_is_in_one_language() {
    let e = edition();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.csv", b"  \n".to_vec()),
        ("no-header.csv", "甲,乙\n1,2\n".as_bytes().to_vec()),
        (
            "not-a-workbook.xlsx",
            b"this is text, not a workbook".to_vec(),
        ),
        ("zip.xlsx", b"PK\x03\x04garbage".to_vec()),
    ];
    for (name, bytes) in cases {
        let err = import::import(&bytes, name, &e).expect_err(name);
        no_english(&err.message_zh());
        assert!(
            !err.message_en()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                || err.message_en().contains("机构名称"),
            "{name}: Chinese inside the English message: {}",
            err.message_en()
        );
    }
    for e in [
        ImportError::Workbook("xl/worksheets/sheet1.xml is larger than 32 MB".into()),
        ImportError::Workbook("xl/worksheets/sheet1.xml: not well-formed XML (x)".into()),
        ImportError::Workbook("xl/workbook.xml: a DOCTYPE declaration".into()),
        ImportError::Unreadable("invalid zip archive".into()),
    ] {
        no_english(&e.message_zh());
    }
    // Row problems: a bad revenue, a bad code, a yes/no that is neither.
    let csv = "机构名称,统一社会信用代码,是否为人力资源服务企业,年度营业收入（元）\n\
               甲公司,91150200MA0000001,maybe,about three million\n";
    let got = import::import(csv.as_bytes(), "rows.csv", &e).expect("rows");
    assert_eq!(got.errors.len(), 3, "{:?}", got.errors);
    for err in &got.errors {
        // The cell's own text is quoted as it is; the rest is Chinese.
        let zh = err
            .message_zh
            .replace("about three million", "")
            .replace("maybe", "");
        no_english(&zh);
    }
}

#[test]
fn the_same_file_imported_twice_with_append_merges_instead_of_doubling() {
    let e = edition();
    let mut csv = String::from("机构名称,统一社会信用代码,年度营业收入（元）\n");
    for i in 0..17 {
        csv.push_str(&format!("第{i}号公司,91150200MA{i:08},{}\n", 100 + i));
    }
    let rows = |csv: &str| {
        import::import(csv.as_bytes(), "r.csv", &e)
            .expect("import")
            .rows
    };
    // The key the roster table declares (统一社会信用代码), as the widget merges by.
    let key = e
        .question("park.roster")
        .and_then(|q| q.merge_by.clone())
        .expect("the roster declares its merge key");
    assert_eq!(key, "uscc");
    // The widget's path: the reducer's `ImportRows` calls the store's 追加.
    let mut store = AnswerStore::new(&e, AnswersKind::Park);
    store
        .append_rows("park.roster", rows(&csv))
        .expect("append");
    let once = store.clone();
    let count = store
        .append_rows("park.roster", rows(&csv))
        .expect("append");
    assert_eq!(store.rows("park.roster").len(), 17);
    assert_eq!((count.added, count.merged), (0, 17));
    assert_eq!(store, once, "the same file again changes nothing");
    // A later file with new revenue for one firm and a new firm.
    let later = "统一社会信用代码,年度营业收入（元）,机构名称\n\
                 91150200MA00000003,999,\n\
                 91150200MA99999999,5,新公司\n";
    let count = store
        .append_rows("park.roster", rows(later))
        .expect("append");
    assert_eq!((count.added, count.merged), (1, 1));
    let after = store.rows("park.roster");
    assert_eq!(after.len(), 18);
    assert_eq!(
        after[3].value("revenue_yuan").and_then(Value::number),
        Some(999.into())
    );
    assert_eq!(
        after[3].text("name"),
        "第3号公司",
        "an empty name cell keeps the name"
    );
}

/// Review R4 (the importer): a column the roster table declares beyond the ones the importer
/// has aliases for (a successor's 从业人员数 `staff`) is read from the file by its declared label,
/// typed by its declared kind as the form types it; a cell that kind refuses is a row problem
/// naming the column, not a silent gap.
#[test]
fn a_column_the_roster_table_declares_is_imported_by_its_label_and_kind() {
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "baotou-2022-55")
        .expect("bundled 2022 edition");
    let mut v: serde_json::Value = serde_json::from_str(b.json).expect("json");
    for q in v["questions"]["park"].as_array_mut().expect("park") {
        if q["path"] == "park.roster" {
            q["columns"]
                .as_array_mut()
                .expect("columns")
                .push(serde_json::json!({
                    "path": "park.roster[].staff",
                    "kind": "count",
                    "label": {"zh": "从业人员数", "en": "Staff"},
                    "section": "park.4.3"
                }));
        }
    }
    let e = Edition::from_json(&v.to_string()).expect("the edition with a staff column loads");
    let csv = "机构名称,统一社会信用代码,从业人员数\n\
               甲公司,91150200MA0000001,12\n\
               乙公司,91150200MA0000002,很多\n";
    let got = import::import(csv.as_bytes(), "r.csv", &e).expect("import");
    assert_eq!(got.rows.len(), 2);
    assert_eq!(
        got.rows[0].value("staff").and_then(|x| x.number()),
        Some(12.into()),
        "the declared column is read, typed as a count"
    );
    assert!(got.rows[1].value("staff").is_none());
    let staff: Vec<_> = got.errors.iter().filter(|r| r.field == "staff").collect();
    assert_eq!(staff.len(), 1, "{:?}", got.errors);
    assert!(
        staff[0].message_zh.starts_with("从业人员数“很多”"),
        "{}",
        staff[0].message_zh
    );
    assert_eq!(
        got.columns.get("从业人员数").map(String::as_str),
        Some("staff")
    );
}
