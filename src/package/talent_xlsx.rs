//! The organisation package's two lists of people, as workbooks: 人才推荐名册 (第七条: the
//! talents the organisation placed) and 高层次人才名册 (第九条: high-level talents, principals
//! and technical heads). Each row carries the engine's verdict on that person, in words.

use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;

use crate::engine::store::{Row, Value};
use crate::engine::{period, ItemOutcome, MeasureOutcome};
use crate::policy::{Edition, Identity, ItemBranch, ItemCheck, Test};

use super::labels::{self, date_zh};
use super::park::question_label;
use super::xlsx::{self, cell_text, xerr, Formats};
use super::{closing_text, PackageError, PackageInput};

pub const PLACEMENTS_FILE: &str = "人才推荐名册.xlsx";
pub const TALENTS_FILE: &str = "高层次人才名册.xlsx";

/// Whole months worked from `start` to `as_of`: the last `n` whose period (the core's one period
/// rule, 民法典 第二百零一/二百零二条) has ended by `as_of`, as the engine counts 满6个月. A display
/// figure: the verdict is the engine's.
pub fn months_worked(start: NaiveDate, as_of: NaiveDate) -> Option<u32> {
    if as_of < start {
        return Some(0);
    }
    let mut n = 0u32;
    // At most 1200 steps (a century): dates come from the user.
    while n < 1200 {
        let next = period::last_day(start, n + 1)?;
        if next > as_of {
            return Some(n);
        }
        n += 1;
    }
    Some(n)
}

fn item_for(m: &MeasureOutcome, index: usize) -> Option<&ItemOutcome> {
    m.items.iter().find(|it| it.index == index)
}

fn verdict_cells(item: Option<&ItemOutcome>) -> (String, String) {
    match item {
        Some(it) => (labels::verdict(&it.verdict), it.reason.zh.clone()),
        None => ("—".into(), String::new()),
    }
}

/// One list: title, header, rows (`None` = a yellow blank), a closing line.
fn sheet(
    input: &PackageInput,
    title: &str,
    sheet_name: &str,
    note: &str,
    headers: &[String],
    rows: Vec<Vec<Option<String>>>,
) -> Result<Vec<u8>, PackageError> {
    let mut wb = Workbook::new();
    xlsx::set_properties(&mut wb, input, title)?;
    let f = Formats::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name).map_err(xerr)?;
    xlsx::page_setup(ws, 2)?;
    let last = (headers.len() - 1) as u16;
    ws.merge_range(0, 0, 0, last, title, &f.title)
        .map_err(xerr)?;
    ws.set_row_height(0, 30).map_err(xerr)?;
    ws.merge_range(1, 0, 1, last, note, &f.note).map_err(xerr)?;
    let mut columns: Vec<Vec<String>> = headers.iter().map(|h| vec![h.clone()]).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, h, &f.head)
            .map_err(xerr)?;
    }
    ws.set_row_height(2, 32).map_err(xerr)?;
    ws.set_freeze_panes(3, 0).map_err(xerr)?;
    // An empty list gets five blank rows to fill in.
    let rows = if rows.is_empty() {
        vec![vec![None; headers.len() - 1]; 5]
    } else {
        rows
    };
    let n = rows.len();
    let mut texts: Vec<Vec<(usize, String)>> = Vec::with_capacity(n);
    for (i, row) in rows.into_iter().enumerate() {
        let y = 3 + i as u32;
        ws.write_number_with_format(y, 0, (i + 1) as f64, &f.centre)
            .map_err(xerr)?;
        let mut row_texts = Vec::new();
        for (c, v) in row.into_iter().enumerate() {
            let col = (c + 1) as u16;
            match v {
                Some(s) => {
                    let s = cell_text(&s);
                    if let Some(k) = columns.get_mut(c + 1) {
                        k.push(s.clone());
                    }
                    row_texts.push((c + 1, s.clone()));
                    ws.write_string_with_format(y, col, &s, &f.text)
                }
                None => ws.write_blank(y, col, &f.blank),
            }
            .map_err(xerr)?;
        }
        texts.push(row_texts);
    }
    let y = 3 + n as u32;
    ws.merge_range(
        y + 1,
        0,
        y + 1,
        last,
        "申请机构（盖章）：　　　　　　　　经办人（签字）：　　　　　　　　联系电话：",
        &f.base,
    )
    .map_err(xerr)?;
    ws.merge_range(y + 3, 0, y + 3, last, &closing_text(input), &f.note)
        .map_err(xerr)?;
    let widths = xlsx::fit_columns(ws, &columns, 8.0, 36.0)?;
    ws.set_column_width(0, 6).map_err(xerr)?;
    for (i, row) in texts.iter().enumerate() {
        let cells: Vec<(usize, &str)> = row.iter().map(|(c, s)| (*c, s.as_str())).collect();
        ws.set_row_height(3 + i as u32, xlsx::row_height(&cells, &widths))
            .map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

/// A column of a list of people.
enum Col<'c> {
    /// The answer in this column of the table, as its declaration reads.
    Answer(&'c str),
    /// A count with its unit (`3类`).
    WithUnit(&'c str),
    /// Whole months from the date in this column to the as-of date (a display figure).
    MonthsTo(&'c str),
}

/// The columns an item test of `m` does not read for rows whose branch column holds another
/// value: such a cell, when empty, is “—” (not asked of this row), not a blank to fill.
fn not_for_row(e: &Edition, m: &MeasureOutcome, row: &Row, column: &str) -> bool {
    let Some(Test::Items {
        branch_by: Some(by),
        branches,
        ..
    }) = e.measure(&m.id).and_then(|spec| {
        spec.conditions
            .iter()
            .map(|c| &c.test)
            .find(|t| matches!(t, Test::Items { .. }))
    })
    else {
        return false;
    };
    let reads = |b: &ItemBranch| {
        b.checks.iter().any(|c| match c {
            ItemCheck::Yes { column: x, .. }
            | ItemCheck::Count { column: x, .. }
            | ItemCheck::Months { column: x, .. } => x == column,
            ItemCheck::Record { .. } => false,
        })
    };
    let value = row.text(by);
    let own: Vec<&ItemBranch> = branches
        .iter()
        .filter(|b| b.when.iter().any(|w| w == value))
        .collect();
    // A row whose branch is not known yet: every column may still be asked.
    !own.is_empty() && !own.iter().any(|b| reads(b)) && branches.iter().any(reads)
}

/// The rule a list of people is about, in the edition's words: the original sentence of the
/// measure's condition that counts the rows of `table` (“与市内企业签订1年以上劳动合同且工作满6个月的”),
/// quoted; nothing when the edition has none (another edition's wording never shows).
fn rule_words(e: &Edition, measure: &str, table: &str) -> String {
    e.measure(measure)
        .and_then(|spec| {
            spec.conditions
                .iter()
                .find(|c| matches!(&c.test, Test::Items { table: t, .. } if t == table))
        })
        .map(|c| c.source.original.trim())
        .filter(|o| !o.is_empty())
        .map_or_else(String::new, |o| format!("“{o}”"))
}

/// One line of a list: a cell per column (none: blank).
type Line = Vec<Option<String>>;

/// One list of people: a row per row of `table`, the columns `cols`, the engine's verdict and
/// reason for each row.
fn list(
    input: &PackageInput,
    m: &MeasureOutcome,
    table: &str,
    cols: &[Col<'_>],
) -> Result<(Vec<String>, Vec<Line>), PackageError> {
    let e = input.edition;
    let as_of = input.as_of();
    let column = |c: &str| format!("{table}[].{c}");
    let mut headers = vec!["序号".to_string()];
    headers.extend(cols.iter().map(|c| match c {
        Col::Answer(k) | Col::WithUnit(k) => question_label(e, &column(k)),
        Col::MonthsTo(_) => format!("截至{}已工作（月）", date_zh(as_of)),
    }));
    headers.extend(["是否符合".to_string(), "说明".to_string()]);
    let rows = input
        .answers
        .rows(table)
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let (verdict, reason) = verdict_cells(item_for(m, i));
            let mut cells: Vec<Option<String>> = cols
                .iter()
                .map(|c| {
                    let (Col::Answer(k) | Col::WithUnit(k) | Col::MonthsTo(k)) = c;
                    let shown = match (c, row.value(k)) {
                        (_, None) => None,
                        (Col::MonthsTo(_), Some(Value::Date(d))) => {
                            months_worked(*d, as_of).map(|n| n.to_string())
                        }
                        (Col::MonthsTo(_), Some(_)) => None,
                        (Col::WithUnit(_), Some(Value::Count(n))) => {
                            let unit = e.question(&column(k)).and_then(|q| q.unit.as_ref());
                            Some(format!("{n}{}", unit.map_or("", |u| u.zh.as_str())))
                        }
                        (_, Some(v)) => cell_words(e, &column(k), v),
                    };
                    match shown {
                        None if !matches!(c, Col::MonthsTo(_)) && not_for_row(e, m, row, k) => {
                            Some("—".into())
                        }
                        other => other,
                    }
                })
                .collect();
            cells.extend([Some(verdict), Some(reason)]);
            cells
        })
        .collect();
    Ok((headers, rows))
}

/// An answer in words for a list: text trimmed, 是 / 否, a date in Chinese, an option's label.
fn cell_words(e: &Edition, path: &str, v: &Value) -> Option<String> {
    match v {
        Value::Text(s) => (!s.trim().is_empty()).then(|| s.trim().to_string()),
        Value::Bool(b) => Some(if *b { "是" } else { "否" }.into()),
        Value::Date(d) => Some(date_zh(*d)),
        Value::Choice(id) => Some(
            e.question(path)
                .and_then(|q| q.options.iter().find(|o| &o.id == id))
                .map_or_else(|| id.clone(), |o| o.label.zh.clone()),
        ),
        Value::Count(n) => Some(n.to_string()),
        Value::Money(d) | Value::Area(d) => Some(d.normalize().to_string()),
        Value::List(l) => Some(l.join("、")),
    }
}

/// A list file: `name` (人才推荐名册) after the organisation's name as its title and sheet, the
/// rule in the notice's own words, the as-of date and `tail`.
fn list_file(
    input: &PackageInput,
    m: &MeasureOutcome,
    table: &str,
    cols: &[Col<'_>],
    name: &str,
    tail: &str,
) -> Result<Vec<u8>, PackageError> {
    let (headers, rows) = list(input, m, table, cols)?;
    let org_name = input.answers.identity(Identity::Name).unwrap_or_default();
    let title = format!("{org_name}{name}");
    let note = format!(
        "依据{}{}。评估日期：{}。{tail}",
        m.source.cite.in_words("zh"),
        rule_words(input.edition, &m.id, table),
        date_zh(input.as_of())
    );
    sheet(input, &title, name, &note, &headers, rows)
}

/// 人才推荐名册.xlsx for 第七条: talent, employer, contract start and length, months worked
/// on the as-of date, qualifies?
pub(super) fn placements(
    input: &PackageInput,
    m: &MeasureOutcome,
) -> Result<Vec<u8>, PackageError> {
    use Col::{Answer as A, MonthsTo};
    let cols = [
        A("talent"),
        A("employer"),
        A("employer_in_city"),
        A("contract_start"),
        A("contract_months"),
        MonthsTo("contract_start"),
    ];
    list_file(
        input,
        m,
        "organisation.placements",
        &cols,
        "人才推荐名册",
        "黄色单元格为待填写项。",
    )
}

/// 高层次人才名册.xlsx for 第九条.
pub(super) fn talents(input: &PackageInput, m: &MeasureOutcome) -> Result<Vec<u8>, PackageError> {
    use Col::{Answer as A, WithUnit};
    let cols = [
        A("name"),
        A("basis"),
        WithUnit("category"),
        A("brought_in"),
        A("full_time"),
        A("full_time_since"),
    ];
    list_file(
        input,
        m,
        "organisation.talents",
        &cols,
        "高层次人才名册",
        "",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_end_on_the_corresponding_day_or_the_months_last() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(months_worked(d(2024, 1, 31), d(2024, 7, 30)), Some(5));
        assert_eq!(months_worked(d(2024, 1, 31), d(2024, 7, 31)), Some(6));
        assert_eq!(months_worked(d(2024, 1, 31), d(2024, 2, 29)), Some(1));
        assert_eq!(months_worked(d(2024, 6, 1), d(2024, 5, 1)), Some(0));
    }

    /// The lists' notes quote the edition's own sentence of the rule (no 2022 wording in Rust):
    /// an edition that words 第七条 differently shows its words.
    #[test]
    fn the_lists_rule_is_the_editions_words() {
        let Ok(mut e) = crate::policy::default_edition() else {
            panic!("the bundled edition loads");
        };
        assert_eq!(
            rule_words(&e, "measures.7", "organisation.placements"),
            "“与市内企业签订1年以上劳动合同且工作满6个月的”"
        );
        assert!(rule_words(&e, "measures.9", "organisation.talents").contains("六类及以上层次人才"));
        for m in e.data.measures.iter_mut().filter(|m| m.id == "measures.7") {
            for c in &mut m.conditions {
                c.source.original = "样例：推荐人才工作满3个月的".into();
            }
        }
        assert_eq!(
            rule_words(&e, "measures.7", "organisation.placements"),
            "“样例：推荐人才工作满3个月的”"
        );
        // No items rule over the table: no rule words, never another edition's.
        assert_eq!(rule_words(&e, "measures.7", "organisation.talents"), "");
    }
}
