//! The document module's JavaScript API (`www/pkg/hrs_docs.js`), loaded by the widget with a
//! dynamic `import()` the first time a user asks for a package or imports a file, so the first
//! load never pays for docx / xlsx / zip / calamine.
//!
//! ```js
//! const docs = await import('./pkg/hrs_docs.js');
//! await docs.default();                                   // fetch + instantiate the wasm
//! // the 4th argument, optional: when the package is generated (local time, read by the caller)
//! const zip = docs.park_package(answersJson, '2024-06-30', '0.1.0', '2024-06-30T09:15:00');
//! const zip2 = docs.organisation_package(answersJson, '2024-06-30', '0.1.0');
//! const name = docs.package_file_name(answersJson, '2024-06-30');  // 某某产业园-申报材料-2024-06-30.zip
//! const result = JSON.parse(docs.import_roster(fileBytes, file.name, 'zh'));  // lang optional
//! const template = docs.roster_template();                // 入驻机构花名册模板.xlsx bytes
//! //  { rows: [{name, uscc, …}…], errors: [{row, index, field, message_zh, message_en}…],
//! //    columns: {header: field}, skipped_rows: [n…], skipped: [{row, message_zh, message_en}…],
//! //    source: {kind, encoding?, sheet?, header_row} }
//! ```
//!
//! Every failure is a `JsError` whose message is Chinese, then English; nothing here panics on
//! user input. The edition is the bundled default one, as in the widget.

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;

use crate::engine::{self, AnswerStore};
use crate::package::{self, PackageInput};
use crate::policy::{self, Edition};
use crate::roster::import;

fn edition() -> Result<Edition, JsError> {
    policy::default_edition().map_err(|e| JsError::new(&format!("政策版本无法加载 / {e}")))
}

fn date(as_of: &str) -> Result<NaiveDate, JsError> {
    NaiveDate::parse_from_str(as_of.trim(), "%Y-%m-%d").map_err(|_| {
        JsError::new(&format!(
            "评估日期“{as_of}”应为 YYYY-MM-DD 格式 / as_of {as_of:?} must be a date YYYY-MM-DD"
        ))
    })
}

/// `YYYY-MM-DDTHH:MM:SS` (seconds and fractions optional); absent or unreadable: the as-of
/// date at midnight, so a package never fails over its time stamp.
fn generated(at: Option<String>, as_of: NaiveDate) -> chrono::NaiveDateTime {
    at.and_then(|s| {
        let s = s.trim().to_string();
        [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
        ]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(&s, f).ok())
    })
    .unwrap_or_else(|| package::midnight(as_of))
}

/// The answers, read through the edition's declarations.
fn answers(edition: &Edition, json: &str) -> Result<AnswerStore, JsError> {
    AnswerStore::from_json(edition, json).map_err(|e| JsError::new(&format!("答卷无法读取 / {e}")))
}

fn build(
    answers_json: &str,
    as_of: &str,
    widget_version: &str,
    generated_at: Option<String>,
    want: engine::AnswersKind,
) -> Result<Vec<u8>, JsError> {
    let edition = edition()?;
    let answers = answers(&edition, answers_json)?;
    let as_of = date(as_of)?;
    let outcome = engine::evaluate(&edition, &answers, as_of);
    let input = PackageInput {
        edition: &edition,
        answers: &answers,
        outcome: &outcome,
        widget_version,
        generated_at: generated(generated_at, as_of),
    };
    let result = match want {
        engine::AnswersKind::Park => package::park_package(&input),
        engine::AnswersKind::Organisation => package::organisation_package(&input),
    };
    result.map_err(|e| JsError::new(&e.to_string()))
}

/// The park package (申请报告, 花名册, 自评表, 材料清单, answers, 说明) as ZIP bytes.
#[wasm_bindgen]
pub fn park_package(
    answers_json: &str,
    as_of: &str,
    widget_version: &str,
    generated_at: Option<String>,
) -> Result<Vec<u8>, JsError> {
    build(
        answers_json,
        as_of,
        widget_version,
        generated_at,
        engine::AnswersKind::Park,
    )
}

/// The organisation package (overview, one 申请表 per measure, the lists of people, answers,
/// 说明) as ZIP bytes.
#[wasm_bindgen]
pub fn organisation_package(
    answers_json: &str,
    as_of: &str,
    widget_version: &str,
    generated_at: Option<String>,
) -> Result<Vec<u8>, JsError> {
    build(
        answers_json,
        as_of,
        widget_version,
        generated_at,
        engine::AnswersKind::Organisation,
    )
}

/// The ZIP's file name: park (or organisation) name, what it is, the date; safe on every file
/// system. Unreadable answers or date still give a usable name.
#[wasm_bindgen]
pub fn package_file_name(answers_json: &str, as_of: &str) -> String {
    let date = NaiveDate::parse_from_str(as_of.trim(), "%Y-%m-%d").ok();
    let answers = edition()
        .ok()
        .map(|e| AnswerStore::from_json(&e, answers_json));
    match (answers, date) {
        (Some(Ok(a)), Some(d)) => package::package_file_name(&a, d),
        (_, d) => {
            let d = d
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| package::sanitise_file_name(as_of));
            if d.is_empty() {
                "申报材料.zip".into()
            } else {
                format!("申报材料-{d}.zip")
            }
        }
    }
}

/// Read a roster from an .xlsx / .csv file's bytes; JSON as described in the module docs.
/// `lang` (`zh` / `en`, optional): the language of the error when the file cannot be read at
/// all — the widget passes its UI language, so a message is in one language only; without it
/// the message is Chinese, then English.
#[wasm_bindgen]
pub fn import_roster(
    bytes: &[u8],
    file_name: &str,
    lang: Option<String>,
) -> Result<String, JsError> {
    let edition = edition()?;
    let result = import::import(bytes, file_name, &edition).map_err(|e| {
        JsError::new(&match lang.as_deref() {
            Some("zh") => e.message_zh(),
            Some("en") => e.message_en(),
            _ => format!("{} / {}", e.message_zh(), e.message_en()),
        })
    })?;
    serde_json::to_string(&result).map_err(|e| JsError::new(&e.to_string()))
}

/// The roster template (下载花名册模板) as XLSX bytes: the columns the importer reads and one
/// example row (skipped when imported).
#[wasm_bindgen]
pub fn roster_template() -> Result<Vec<u8>, JsError> {
    let edition = edition()?;
    package::roster_template(&edition).map_err(|e| JsError::new(&e.to_string()))
}

// --- issue 16: the comparison view's documents ---

/// The comparison as XLSX bytes. `request_json`:
/// `{"kind": "park"|"organisation", "sets": [{"name", "answers"}…], "unreadable": [{"name", "zh", "en"}…]}`;
/// the sets are evaluated again here with the same engine (one table for screen and file).
#[wasm_bindgen]
pub fn compare_xlsx(request_json: &str, as_of: &str) -> Result<Vec<u8>, JsError> {
    let edition = edition()?;
    let as_of = date(as_of)?;
    let request = crate::package::compare_xlsx::CompareRequest::from_json(request_json)
        .map_err(|e| JsError::new(&e))?;
    request
        .xlsx(&edition, as_of)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The parks workbook template (one park per sheet, or per row).
#[wasm_bindgen]
pub fn parks_workbook_template() -> Result<Vec<u8>, JsError> {
    let edition = edition()?;
    crate::package::compare_xlsx::parks_template(&edition).map_err(|e| JsError::new(&e.to_string()))
}

/// Reads a workbook of parks: JSON `{"sets": [{"name", "place": {zh,en}, "answers"? , "error"?}…]}`.
#[wasm_bindgen]
pub fn import_parks_workbook(bytes: &[u8], file_name: &str) -> Result<String, JsError> {
    let edition = edition()?;
    let sets = crate::roster::parks::read_parks_workbook(bytes, file_name, &edition).map_err(|e| {
        let (zh, en) = match e {
            import::ImportError::NoHeader => (
                "没有找到园区：工作表首行应为“字段 | 填写 | 路径”（每表一个园区）或字段名称（每行一个园区），请使用模板。".to_string(),
                "No park found: a sheet's first row must be 字段 | 填写 | 路径 (one park per sheet) or field names (one park per row); use the template.".to_string(),
            ),
            other => (other.message_zh(), other.message_en()),
        };
        JsError::new(&format!("“{file_name}”：{zh} / {en}"))
    })?;
    serde_json::to_string(&sets).map_err(|e| JsError::new(&e.to_string()))
}
