//! A workbook of parks for the comparison view (issue 16), read in the document module.
//!
//! Two layouts, both in the template `package::parks_template` writes:
//! * **one park per sheet**: a sheet whose first row is `字段 | 填写 | 路径`; one answer per row
//!   (the path column decides; without it the question's Chinese or English label does), then a
//!   row `入驻机构花名册` followed by a roster with its header row, as in the roster template;
//! * **one park per row**: a sheet whose first row names answer fields (paths or labels), one
//!   park per row below it (no roster: the firm count is then unknown, never zero).
//!
//! Other sheets (说明) are skipped. Each park becomes an answers value, checked by the core; a
//! park that cannot be read names the sheet, the cell and the field.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::import::{self, ImportError, SheetRows};
use crate::engine::quantity::{self, QuantityKind};
use crate::engine::AnswerStore;
use crate::policy::{Edition, Question, QuestionKind, Text};

/// The mark above the roster in a one-park-per-sheet sheet.
pub const ROSTER_MARK: &str = "入驻机构花名册";
/// The header of a one-park-per-sheet sheet.
pub const SHEET_HEADER: [&str; 3] = ["字段", "填写", "路径"];
/// A path prefix for materials rows: `park.materials.<material id>`.
pub const MATERIALS_PREFIX: &str = "park.materials.";

/// One park read from the workbook.
#[derive(Debug, Clone, Serialize)]
pub struct WorkbookSet {
    pub name: String,
    /// `工作表 园区1` / `工作表 园区列表 第 3 行`.
    pub place: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkbookSets {
    pub sets: Vec<WorkbookSet>,
}

fn norm(s: &str) -> String {
    import::normalise_header(s)
}

/// The park question a header or label cell names: by path, or by its zh / en label.
fn question_for<'e>(e: &'e Edition, cell: &str) -> Option<&'e Question> {
    let c = cell.trim();
    if c.is_empty() {
        return None;
    }
    if let Some(q) = e.questions.park.iter().find(|q| q.path == c) {
        return Some(q);
    }
    let n = norm(c);
    e.questions
        .park
        .iter()
        .find(|q| norm(&q.label.zh) == n || norm(&q.label.en) == n)
}

fn cell_error(file: &str, place: &str, field: &str, why: &str) -> Text {
    Text::new(
        format!("“{file}”{place}：字段 {field} 无法读取：{why}"),
        format!("“{file}” {place}: field {field} could not be read: {why}"),
    )
}

/// A cell's text as the answer value for question `q` (`Null` when empty).
fn value_for(q: &Question, raw: &str) -> Result<Value, String> {
    let s = raw.trim();
    if s.is_empty() || s.starts_with("【待填写") {
        return Ok(Value::Null);
    }
    if matches!(s, "不清楚" | "不知道" | "未知") || s.eq_ignore_ascii_case("don't know") {
        return Ok(json!({ "dont_know": true }));
    }
    // The core's one number reader (820万, 1.2亿, full-width digits, units, bounds).
    let number = |kind: QuantityKind| -> Result<Decimal, String> {
        match quantity::read(kind, s) {
            Ok(Some(d)) => Ok(d),
            Ok(None) => Err(format!("“{s}” 不是数字 / not a number")),
            Err(e) => {
                let m = e.message(kind);
                Err(format!("“{s}”：{} / {}", m.zh, m.en))
            }
        }
    };
    Ok(match q.kind {
        QuestionKind::YesNo => match import::yes_no_cell(s) {
            Some(b) => Value::Bool(b),
            None => {
                return Err(format!(
                    "“{s}” 应为 是 / 否 / 不清楚 (yes / no / don't know)"
                ))
            }
        },
        QuestionKind::Text => Value::String(s.to_string()),
        QuestionKind::Yuan => Value::String(number(QuantityKind::Money)?.normalize().to_string()),
        QuestionKind::M2 => Value::String(number(QuantityKind::Area)?.normalize().to_string()),
        QuestionKind::Count => match quantity::read_count(s) {
            Ok(Some(n)) => Value::from(n),
            Ok(None) => return Err(format!("“{s}” 不是数字 / not a number")),
            Err(e) => {
                let m = e.message(QuantityKind::Count);
                return Err(format!("“{s}”：{} / {}", m.zh, m.en));
            }
        },
        QuestionKind::Date => {
            if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                Value::String(d.to_string())
            } else if let Ok(serial) = s.parse::<u32>() {
                // An Excel date cell: days since 1899-12-30.
                let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).ok_or("date")?;
                let d = base
                    .checked_add_days(chrono::Days::new(u64::from(serial)))
                    .ok_or_else(|| format!("“{s}” 不是日期 / not a date"))?;
                Value::String(d.to_string())
            } else {
                return Err(format!("“{s}” 应为 YYYY-MM-DD / a date YYYY-MM-DD"));
            }
        }
        QuestionKind::Choice => Value::String(choice(q, s)?),
        QuestionKind::MultiChoice => Value::Array(
            s.split(['、', ',', '，', ';', '；'])
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| choice(q, x).map(Value::String))
                .collect::<Result<_, _>>()?,
        ),
        _ => return Err("该字段不能在工作簿中填写 / not a workbook field".into()),
    })
}

fn choice(q: &Question, s: &str) -> Result<String, String> {
    let n = norm(s);
    q.options
        .iter()
        .find(|o| o.id == s || norm(&o.label.zh) == n || norm(&o.label.en) == n)
        .map(|o| o.id.clone())
        .ok_or_else(|| format!("“{s}” 不是可选项 / not an option"))
}

fn material_value(s: &str) -> Result<Value, String> {
    match norm(s).as_str() {
        "" => Ok(Value::Null),
        "已备齐" | "备齐" | "ready" | "是" | "有" => Ok(json!("ready")),
        "缺" | "缺少" | "missing" | "否" | "无" => Ok(json!("missing")),
        _ => Err(format!("“{s}” 应为 已备齐 / 缺 (ready / missing)")),
    }
}

/// Sets one answer into `park` (a JSON object of the park's answers).
fn put(
    e: &Edition,
    park: &mut Map<String, Value>,
    key: &str,
    raw: &str,
) -> Result<(), (String, String)> {
    if let Some(id) = key.strip_prefix(MATERIALS_PREFIX) {
        let v = material_value(raw).map_err(|w| (key.to_string(), w))?;
        if !v.is_null() {
            let m = park
                .entry("materials")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(m) = m.as_object_mut() {
                m.insert(id.to_string(), v);
            }
        }
        return Ok(());
    }
    let Some(q) = question_for(e, key) else {
        return Err((
            key.to_string(),
            "不是园区答卷的字段 / not a park answer field".into(),
        ));
    };
    let v = value_for(q, raw).map_err(|w| (q.path.clone(), w))?;
    if !v.is_null() {
        let field = q.path.trim_start_matches("park.").to_string();
        park.insert(field, v);
    }
    Ok(())
}

fn finish(e: &Edition, file: &str, place: Text, park: Map<String, Value>) -> WorkbookSet {
    let name = park
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| place.zh.clone());
    let value = json!({ "format": "hrs-answers", "version": 1, "kind": "park", "park": park });
    match AnswerStore::from_value(e, value.clone()) {
        Ok(_) => WorkbookSet {
            name,
            place,
            answers: Some(value),
            error: None,
        },
        Err(err) => WorkbookSet {
            name,
            error: Some(cell_error(file, &place.zh, &err.path, &err.message)),
            place,
            answers: None,
        },
    }
}

fn is_sheet_header(cells: &[String]) -> bool {
    cells
        .first()
        .is_some_and(|c| norm(c) == norm(SHEET_HEADER[0]) || norm(c) == "field")
}

/// One park per sheet: `字段 | 填写 | 路径` rows, then the roster.
fn read_sheet_layout(
    e: &Edition,
    file: &str,
    sheet: &str,
    rows: &SheetRows,
) -> Option<WorkbookSet> {
    let place = Text::new(format!("工作表 {sheet}"), format!("sheet {sheet}"));
    let mut park = Map::new();
    let mut roster_at = None;
    for (i, (line, cells)) in rows.iter().enumerate().skip(1) {
        let label = cells.first().map(String::as_str).unwrap_or("");
        if norm(label) == norm(ROSTER_MARK) {
            roster_at = Some(i + 1);
            break;
        }
        let raw = cells.get(1).map(String::as_str).unwrap_or("");
        let path = cells.get(2).map(String::as_str).unwrap_or("").trim();
        let key = if path.is_empty() { label } else { path };
        if key.trim().is_empty() || raw.trim().is_empty() {
            continue;
        }
        if let Err((field, why)) = put(e, &mut park, key, raw) {
            let at = format!("{}（第 {line} 行）", place.zh);
            return Some(WorkbookSet {
                name: sheet.to_string(),
                error: Some(cell_error(file, &at, &field, &why)),
                place,
                answers: None,
            });
        }
    }
    if let Some(at) = roster_at {
        if let Some((roster, _problems)) = import::roster_from_rows(&rows[at..], e) {
            if !roster.is_empty() {
                park.insert(
                    "roster".into(),
                    serde_json::to_value(roster).unwrap_or(Value::Null),
                );
            }
        }
    }
    if park.is_empty() {
        return None; // a blank template sheet
    }
    Some(finish(e, file, place, park))
}

/// One park per row under a header row of field paths or labels.
fn read_row_layout(e: &Edition, file: &str, sheet: &str, rows: &SheetRows) -> Vec<WorkbookSet> {
    let Some((_, header)) = rows.first() else {
        return Vec::new();
    };
    let keys: Vec<Option<String>> = header
        .iter()
        .map(|h| {
            let h = h.trim();
            if h.starts_with(MATERIALS_PREFIX) {
                Some(h.to_string())
            } else {
                question_for(e, h).map(|q| q.path.clone())
            }
        })
        .collect();
    if keys.iter().flatten().count() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (line, cells) in rows.iter().skip(1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let place = Text::new(
            format!("工作表 {sheet} 第 {line} 行"),
            format!("sheet {sheet} row {line}"),
        );
        let mut park = Map::new();
        let mut failed = None;
        for (key, raw) in keys.iter().zip(cells.iter()) {
            let Some(key) = key else { continue };
            if raw.trim().is_empty() {
                continue;
            }
            if let Err((field, why)) = put(e, &mut park, key, raw) {
                failed = Some(cell_error(file, &place.zh, &field, &why));
                break;
            }
        }
        out.push(match failed {
            Some(err) => WorkbookSet {
                name: format!("{sheet} {line}"),
                place,
                answers: None,
                error: Some(err),
            },
            None => finish(e, file, place, park),
        });
    }
    out
}

/// Reads every park of a workbook.
pub fn read_parks_workbook(
    bytes: &[u8],
    file: &str,
    e: &Edition,
) -> Result<WorkbookSets, ImportError> {
    let mut sets = Vec::new();
    for (name, rows) in import::workbook_sheets(bytes)? {
        match rows.first() {
            Some((_, first)) if is_sheet_header(first) => {
                sets.extend(read_sheet_layout(e, file, &name, &rows));
            }
            Some(_) => sets.extend(read_row_layout(e, file, &name, &rows)),
            None => {}
        }
    }
    if sets.is_empty() {
        return Err(ImportError::NoHeader);
    }
    Ok(WorkbookSets { sets })
}
