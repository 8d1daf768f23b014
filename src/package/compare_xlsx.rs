//! 对比表.xlsx (issue 16): the comparison table as one sheet — a row per condition / measure, per
//! set its verdict in words and its key figure, amount ranges as two numeric columns (下限, 上限),
//! the citation in words as a column. Renders `engine::compare::Comparison`; decides nothing.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::engine::compare::{Comparison, RowKind};
use crate::engine::AnswersKind;
use crate::policy::{Edition, Text};

use super::PackageError;

const PAPER_A4: u8 = 9;
const FONT: &str = "宋体";

fn xerr(e: XlsxError) -> PackageError {
    PackageError::Xlsx(e.to_string())
}

/// The sheet's name.
pub const COMPARE_SHEET: &str = "对比";

/// The comparison as XLSX bytes. `unreadable`: sets that are not in the table (another kind,
/// or unreadable), with why, listed under it.
pub fn comparison_xlsx(
    edition: &Edition,
    c: &Comparison,
    unreadable: &[(String, Text)],
) -> Result<Vec<u8>, PackageError> {
    let mut wb = Workbook::new();
    let base = Format::new()
        .set_font_name(FONT)
        .set_font_charset(134)
        .set_font_family(1)
        .set_font_size(10);
    let cell = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let head = cell
        .clone()
        .set_bold()
        .set_background_color("D9D9D9")
        .set_align(FormatAlign::Center);
    let differs = cell.clone().set_background_color("FFF2CC");
    let money = cell.clone().set_num_format("#,##0.00");
    let money_differs = money.clone().set_background_color("FFF2CC");
    let title = base.clone().set_bold().set_font_size(14);
    let note = base.clone().set_font_size(9);

    let ws = wb.add_worksheet();
    ws.set_name(COMPARE_SHEET).map_err(xerr)?;
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    let with_ranges = c.kind == AnswersKind::Organisation;
    let per_set: u16 = if with_ranges { 4 } else { 2 };
    let what = if with_ranges {
        "机构方案对比"
    } else {
        "产业园对比"
    };
    ws.write_string_with_format(
        0,
        0,
        format!("{what}（{} 个答卷）", c.columns.len()),
        &title,
    )
    .map_err(xerr)?;
    let in_force = c
        .columns
        .first()
        .map(|x| x.outcome.in_force_note.zh.clone())
        .unwrap_or_default();
    ws.write_string_with_format(
        1,
        0,
        format!(
            "评估日期：{}　政策版本：{}（版本校验码 {}）　{in_force}",
            c.as_of.format("%Y-%m-%d"),
            edition.document_number,
            crate::engine::text::check_code(&edition.content_hash)
        ),
        &note,
    )
    .map_err(xerr)?;

    let header_row = 3u32;
    let fixed = ["项目", "依据", "各答卷是否不同"];
    for (i, h) in fixed.iter().enumerate() {
        ws.write_string_with_format(header_row, i as u16, *h, &head)
            .map_err(xerr)?;
    }
    ws.set_column_width(0, 30).map_err(xerr)?;
    ws.set_column_width(1, 22).map_err(xerr)?;
    ws.set_column_width(2, 10).map_err(xerr)?;
    let first_set_col = fixed.len() as u16;
    for (j, col) in c.columns.iter().enumerate() {
        let c0 = first_set_col + j as u16 * per_set;
        let mut heads = vec![
            format!("{}｜结论", col.name),
            format!("{}｜关键数字", col.name),
        ];
        if with_ranges {
            heads.push(format!("{}｜下限（元）", col.name));
            heads.push(format!("{}｜上限（元）", col.name));
        }
        for (k, h) in heads.iter().enumerate() {
            ws.write_string_with_format(header_row, c0 + k as u16, h, &head)
                .map_err(xerr)?;
            ws.set_column_width(c0 + k as u16, if k < 2 { 16 } else { 14 })
                .map_err(xerr)?;
        }
    }
    ws.set_freeze_panes(header_row + 1, first_set_col)
        .map_err(xerr)?;

    for (i, r) in c.rows.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        let (f, m) = if r.differs {
            (&differs, &money_differs)
        } else {
            (&cell, &money)
        };
        let label = match (&r.source, r.kind) {
            (Some(s), RowKind::Measure) => format!("{} {}", s.cite.article, r.label.zh),
            _ => r.label.zh.clone(),
        };
        ws.write_string_with_format(row, 0, label, f)
            .map_err(xerr)?;
        let cite = r
            .source
            .as_ref()
            .map(|s| s.cite.in_words("zh"))
            .unwrap_or_default();
        ws.write_string_with_format(row, 1, cite, f).map_err(xerr)?;
        ws.write_string_with_format(row, 2, if r.differs { "不同" } else { "相同" }, f)
            .map_err(xerr)?;
        for (j, x) in r.cells.iter().enumerate() {
            let c0 = first_set_col + j as u16 * per_set;
            ws.write_string_with_format(row, c0, x.state.words().zh, f)
                .map_err(xerr)?;
            let fig = x.figure.as_ref().map(|t| t.zh.clone()).unwrap_or_default();
            ws.write_string_with_format(row, c0 + 1, fig, f)
                .map_err(xerr)?;
            if with_ranges {
                match x.range {
                    Some(range) => {
                        // Spreadsheet numbers are binary floats; the exact amounts are in the
                        // key-figure column as text.
                        let (lo, hi) = (
                            range.min.to_f64().unwrap_or_default(),
                            range.max.to_f64().unwrap_or_default(),
                        );
                        ws.write_number_with_format(row, c0 + 2, lo, m)
                            .map_err(xerr)?;
                        ws.write_number_with_format(row, c0 + 3, hi, m)
                            .map_err(xerr)?;
                    }
                    None => {
                        ws.write_blank(row, c0 + 2, f).map_err(xerr)?;
                        ws.write_blank(row, c0 + 3, f).map_err(xerr)?;
                    }
                }
            }
        }
    }
    let mut row = header_row + 2 + c.rows.len() as u32;
    if !unreadable.is_empty() {
        ws.write_string_with_format(row, 0, "未列入表中的答卷", &title)
            .map_err(xerr)?;
        row += 1;
        for (name, why) in unreadable {
            ws.write_string_with_format(row, 0, name, &note)
                .map_err(xerr)?;
            ws.write_string_with_format(row, 1, &why.zh, &note)
                .map_err(xerr)?;
            row += 1;
        }
        row += 1;
    }
    ws.write_string_with_format(
        row,
        0,
        "金额区间为“经考核评估后”确定的估算，不是承诺；贷款不计入奖补合计。",
        &note,
    )
    .map_err(xerr)?;
    wb.save_to_buffer().map_err(xerr)
}

/// The parks workbook template (`roster::parks` reads it): a 说明 sheet, one sheet per park
/// (`园区1`, `园区2`: 字段 | 填写 | 路径 rows, then the roster) and a `园区列表` sheet with one park
/// per row.
pub fn parks_template(edition: &Edition) -> Result<Vec<u8>, PackageError> {
    use crate::policy::QuestionKind;
    use crate::roster::parks::{MATERIALS_PREFIX, ROSTER_MARK, SHEET_HEADER};
    let mut wb = Workbook::new();
    let base = Format::new()
        .set_font_name(FONT)
        .set_font_charset(134)
        .set_font_family(1)
        .set_font_size(10);
    let head = base
        .clone()
        .set_bold()
        .set_background_color("D9D9D9")
        .set_border(FormatBorder::Thin);
    let path_fmt = base.clone().set_font_color("808080");
    let hint = |k: QuestionKind| match k {
        QuestionKind::YesNo => "是 / 否 / 不清楚",
        QuestionKind::Yuan => "元（可写 万 / 亿）",
        QuestionKind::M2 => "平方米",
        QuestionKind::Count => "整数",
        QuestionKind::Date => "YYYY-MM-DD",
        QuestionKind::MultiChoice => "用“、”分隔",
        _ => "",
    };
    let fields: Vec<(String, String, &'static str)> = edition
        .questions
        .park
        .iter()
        .filter(|q| !matches!(q.kind, QuestionKind::Table | QuestionKind::Materials))
        .map(|q| (q.label.zh.clone(), q.path.clone(), hint(q.kind)))
        .chain(edition.park.materials.iter().map(|m| {
            (
                format!("申报材料：{}", m.label.zh),
                format!("{MATERIALS_PREFIX}{}", m.id),
                "已备齐 / 缺",
            )
        }))
        .collect();

    let about = wb.add_worksheet();
    about.set_name("说明").map_err(xerr)?;
    about.set_column_width(0, 100).map_err(xerr)?;
    let lines = [
        "园区对比工作簿：在“对比”中导入本文件，每个园区成为表中的一列。".to_string(),
        "方式一（每个园区一个工作表）：复制“园区1”工作表，在“填写”列填写答案；“路径”列勿改。".to_string(),
        format!("  在“{ROSTER_MARK}”一行之下按表头填写入驻机构（与花名册模板相同的列）。"),
        "方式二（每个园区一行）：在“园区列表”工作表中每行填写一个园区；表头为字段路径或字段名称。此方式不含花名册，人力资源服务企业数量将显示为待确认。".to_string(),
        "是/否题填“是”“否”或“不清楚”；金额以元为单位，可写“1.2亿”“950万”；日期写 YYYY-MM-DD。空白表示未填写（待确认，绝不当作“否”或 0）。".to_string(),
        format!("政策版本：{}", edition.document_number),
    ];
    for (i, l) in lines.iter().enumerate() {
        about
            .write_string_with_format(i as u32, 0, l, &base)
            .map_err(xerr)?;
    }

    for sheet in ["园区1", "园区2"] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).map_err(xerr)?;
        for (c, h) in SHEET_HEADER.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &head)
                .map_err(xerr)?;
        }
        ws.write_string_with_format(0, 3, "说明", &head)
            .map_err(xerr)?;
        ws.set_column_width(0, 44).map_err(xerr)?;
        ws.set_column_width(1, 30).map_err(xerr)?;
        ws.set_column_width(2, 34).map_err(xerr)?;
        ws.set_column_width(3, 20).map_err(xerr)?;
        for (i, (label, path, h)) in fields.iter().enumerate() {
            let r = 1 + i as u32;
            ws.write_string_with_format(r, 0, label, &base)
                .map_err(xerr)?;
            ws.write_string_with_format(r, 2, path, &path_fmt)
                .map_err(xerr)?;
            ws.write_string_with_format(r, 3, *h, &path_fmt)
                .map_err(xerr)?;
        }
        let r = 2 + fields.len() as u32;
        ws.write_string_with_format(r, 0, ROSTER_MARK, &head)
            .map_err(xerr)?;
        let col = |p: &str| {
            edition
                .question(&format!("park.roster[].{p}"))
                .map(|q| q.label.zh.clone())
                .unwrap_or_else(|| p.to_string())
        };
        let roster_head = [
            col("name"),
            col("uscc"),
            col("service_format"),
            col("hr_service_firm"),
            col("revenue_yuan"),
            col("main_business"),
        ];
        for (c, h) in roster_head.iter().enumerate() {
            ws.write_string_with_format(r + 1, c as u16, h, &head)
                .map_err(xerr)?;
        }
    }

    let list = wb.add_worksheet();
    list.set_name("园区列表").map_err(xerr)?;
    for (c, (_, path, _)) in fields.iter().enumerate() {
        list.write_string_with_format(0, c as u16, path, &head)
            .map_err(xerr)?;
        list.set_column_width(c as u16, 18).map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

/// What the widget sends to export a comparison (see `docs_wasm::compare_xlsx`).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct CompareRequest {
    pub kind: AnswersKind,
    pub sets: Vec<RequestSet>,
    #[serde(default)]
    pub unreadable: Vec<RequestUnreadable>,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct RequestSet {
    pub name: String,
    pub answers: serde_json::Value,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct RequestUnreadable {
    pub name: String,
    pub zh: String,
    pub en: String,
}

impl CompareRequest {
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("对比请求无法读取 / bad comparison request: {e}"))
    }

    /// Evaluates the sets (an unreadable one is listed below the table, naming its field) and
    /// writes the XLSX.
    pub fn xlsx(
        &self,
        edition: &Edition,
        as_of: chrono::NaiveDate,
    ) -> Result<Vec<u8>, PackageError> {
        let mut unreadable: Vec<(String, Text)> = self
            .unreadable
            .iter()
            .map(|u| (u.name.clone(), Text::new(u.zh.clone(), u.en.clone())))
            .collect();
        let mut good = Vec::new();
        for s in &self.sets {
            match crate::engine::AnswerStore::from_value(edition, s.answers.clone()) {
                Ok(a) => good.push((s.name.clone(), a)),
                Err(e) => unreadable.push((
                    s.name.clone(),
                    Text::new(
                        format!("字段 {}：{}", e.path, e.message),
                        format!("field {}: {}", e.path, e.message),
                    ),
                )),
            }
        }
        let sets: Vec<(String, &crate::engine::AnswerStore)> =
            good.iter().map(|(n, a)| (n.clone(), a)).collect();
        let c = crate::engine::compare::compare(edition, self.kind, &sets, as_of);
        comparison_xlsx(edition, &c, &unreadable)
    }
}
