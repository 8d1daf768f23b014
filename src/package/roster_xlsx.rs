//! 入驻机构花名册.xlsx: the roster as answered, with the engine's row issues and its totals as
//! formulas (SUM / COUNTIF) whose cached values are the engine's numbers.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Formula, Workbook};

use crate::engine::{Answer, AnswerStore, FirmStatus, ParkOutcome};
use crate::policy::Identity;

use super::labels::date_zh;
use super::park::{question_label, revenue_year, who};
use super::word::blank_text;
use super::xlsx::{self, cell_text, xerr, Formats};
use super::{closing_text, PackageError, PackageInput};

pub(super) fn roster(
    input: &PackageInput,
    a: &AnswerStore,
    o: &ParkOutcome,
) -> Result<Vec<u8>, PackageError> {
    let e = input.edition;
    let mut wb = Workbook::new();
    let park_name = match a.identity(Identity::Name) {
        Some(n) => cell_text(n),
        None => blank_text(&question_label(e, &who(a, Identity::Name))),
    };
    let roster = a.rows("park.roster");
    let title = format!("{park_name}入驻机构花名册");
    xlsx::set_properties(&mut wb, input, &title)?;
    let f = Formats::new();

    let ws = wb.add_worksheet();
    ws.set_name("入驻机构花名册").map_err(xerr)?;
    const HEADER_ROW: u32 = 2;
    const FIRST: u32 = 3;
    xlsx::page_setup(ws, HEADER_ROW)?;

    let col = |path: &str| question_label(e, &format!("park.roster[].{path}"));
    // 年度营业收入（元） → 2024年度营业收入（元） when the year is known.
    let revenue_head = match revenue_year(a) {
        Some(y) => format!("{y}营业收入（元）"),
        None => col("revenue_yuan"),
    };
    let headers = [
        "序号".to_string(),
        col("name"),
        col("uscc"),
        col("service_format"),
        col("hr_service_firm"),
        col("hr_licence"),
        revenue_head,
        col("main_business"),
        "计入营业收入合计".to_string(),
        "计入人力资源服务企业数".to_string(),
        "备注".to_string(),
    ];
    let last_col = (headers.len() - 1) as u16;
    ws.merge_range(0, 0, 0, last_col, &title, &f.title)
        .map_err(xerr)?;
    ws.set_row_height(0, 30).map_err(xerr)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!(
            "评估日期：{}　　黄色单元格为待填写项；“计入”两列及合计行由自评工具按统一社会信用代码去重后得出",
            date_zh(input.as_of())
        ),
        &f.note,
    )
    .map_err(xerr)?;
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, i as u16, h, &f.head)
            .map_err(xerr)?;
    }
    ws.set_freeze_panes(FIRST, 0).map_err(xerr)?;

    let mut columns: Vec<Vec<String>> = headers.iter().map(|h| vec![h.clone()]).collect();
    // What each row shows in its wrapping columns, for its height.
    let mut row_texts: Vec<Vec<(usize, String)>> = vec![Vec::new(); roster.len()];
    let mut keep = |c: usize, s: &str| {
        if let Some(v) = columns.get_mut(c) {
            v.push(s.to_string());
        }
    };
    let r = &o.roster;
    let yes_no = |b: bool| if b { "是" } else { "否" };
    // Per row, looked up once (a roster may have 10,000 rows): in the totals (past the
    // repeats), and in the engine's count of HR-service firms — verified rows (not listed
    // among the others) and rows pending a check.
    let mut in_totals = vec![false; roster.len()];
    for &i in &r.counted_rows {
        if let Some(x) = in_totals.get_mut(i) {
            *x = true;
        }
    }
    let mut hr_firm = vec![true; roster.len()];
    for x in &r.firm_count.rows {
        if let Some(v) = hr_firm.get_mut(x.row) {
            *v = x.status == FirmStatus::Pending;
        }
    }
    let hr_firm_row = |i: usize| hr_firm.get(i).copied().unwrap_or(false);
    let mut licence_wanted = vec![false; roster.len()];
    for x in &r.firm_count.rows {
        if x.field.ends_with(".hr_licence") && x.status == FirmStatus::Unknown {
            if let Some(v) = licence_wanted.get_mut(x.row) {
                *v = true;
            }
        }
    }
    let mut notes_of: Vec<Vec<&str>> = vec![Vec::new(); roster.len()];
    for x in &r.issues {
        if let Some(v) = notes_of.get_mut(x.row) {
            v.push(x.message.zh.as_str());
        }
    }
    for (i, row) in roster.iter().enumerate() {
        let y = FIRST + i as u32;
        ws.write_number_with_format(y, 0, (i + 1) as f64, &f.centre)
            .map_err(xerr)?;
        let name = cell_text(row.text("name").trim());
        if name.is_empty() {
            ws.write_blank(y, 1, &f.blank)
        } else {
            keep(1, &name);
            ws.write_string_with_format(y, 1, &name, &f.text)
        }
        .map_err(xerr)?;
        let code = cell_text(row.text("uscc").trim());
        if code.is_empty() {
            ws.write_blank(y, 2, &f.blank)
        } else {
            keep(2, &code);
            ws.write_string_with_format(y, 2, &code, &f.code)
        }
        .map_err(xerr)?;
        match row.get("service_format").text() {
            Answer::Value(id) => {
                let label = e
                    .service_format(id)
                    .map(|x| x.label.zh.clone())
                    .unwrap_or_else(|| cell_text(id));
                keep(3, &label);
                ws.write_string_with_format(y, 3, &label, &f.text)
            }
            _ => ws.write_blank(y, 3, &f.blank),
        }
        .map_err(xerr)?;
        match row.get("hr_service_firm").yes_no() {
            Answer::Value(b) => ws.write_string_with_format(y, 4, yes_no(b), &f.centre),
            _ => ws.write_blank(y, 4, &f.blank),
        }
        .map_err(xerr)?;
        // Asked only of rows in a supporting (上下游) format: a yellow blank where the engine
        // waits for it, a dash where it is not asked.
        match row.get("hr_licence").yes_no() {
            Answer::Value(b) => ws.write_string_with_format(y, 5, yes_no(b), &f.centre),
            _ if licence_wanted.get(i).copied().unwrap_or(false) => ws.write_blank(y, 5, &f.blank),
            _ => ws.write_string_with_format(y, 5, "—", &f.centre),
        }
        .map_err(xerr)?;
        match row.get("revenue_yuan").number() {
            Answer::Value(v) => match v.to_f64() {
                Some(n) => ws.write_number_with_format(y, 6, n, &f.money),
                None => ws.write_string_with_format(y, 6, v.to_string(), &f.text),
            },
            _ => ws.write_blank(y, 6, &f.blank),
        }
        .map_err(xerr)?;
        let business = cell_text(row.text("main_business").trim());
        keep(7, &business);
        ws.write_string_with_format(y, 7, &business, &f.text)
            .map_err(xerr)?;
        ws.write_string_with_format(
            y,
            8,
            yes_no(in_totals.get(i).copied().unwrap_or(false)),
            &f.centre,
        )
        .map_err(xerr)?;
        ws.write_string_with_format(y, 9, yes_no(hr_firm_row(i)), &f.centre)
            .map_err(xerr)?;
        let notes = notes_of.get(i).map(|v| v.join("；")).unwrap_or_default();
        keep(10, &notes);
        if let Some(t) = row_texts.get_mut(i) {
            t.extend([(1, name), (7, business), (10, notes.clone())]);
        }
        ws.write_string_with_format(y, 10, &notes, &f.text)
            .map_err(xerr)?;
    }

    // 合计: formulas over the rows, cached with the engine's numbers (the same by
    // construction: the formulas count the engine's 是 marks).
    let t = FIRST + roster.len() as u32;
    let (top, bottom) = (FIRST + 1, t.max(FIRST + 1));
    let range = |c: char| format!("{c}{top}:{c}{bottom}");
    ws.write_string_with_format(t, 0, "合计", &f.total)
        .map_err(xerr)?;
    ws.write_formula_with_format(
        t,
        1,
        Formula::new(format!("=COUNT({})&\"家\"", range('A'))).set_result(format!("{}家", r.rows)),
        &f.total,
    )
    .map_err(xerr)?;
    ws.write_blank(t, 2, &f.total).map_err(xerr)?;
    ws.write_string_with_format(t, 3, format!("{}类业态", r.formats.len()), &f.total)
        .map_err(xerr)?;
    ws.write_blank(t, 4, &f.total).map_err(xerr)?;
    ws.write_blank(t, 5, &f.total).map_err(xerr)?;
    let revenue = r
        .revenue_known_total
        .and_then(|d| d.to_f64())
        .unwrap_or(0.0);
    ws.write_formula_with_format(
        t,
        6,
        Formula::new(format!("=SUMIF({},\"是\",{})", range('I'), range('G')))
            .set_result(revenue.to_string()),
        &f.total_money,
    )
    .map_err(xerr)?;
    ws.write_blank(t, 7, &f.total).map_err(xerr)?;
    ws.write_formula_with_format(
        t,
        8,
        Formula::new(format!("=COUNTIF({},\"是\")", range('I')))
            .set_result(r.counted_rows.len().to_string()),
        &f.total,
    )
    .map_err(xerr)?;
    ws.write_formula_with_format(
        t,
        9,
        Formula::new(format!("=COUNTIF({},\"是\")", range('J')))
            .set_result(r.hr_service_firms.to_string()),
        &f.total,
    )
    .map_err(xerr)?;
    ws.write_blank(t, 10, &f.total).map_err(xerr)?;

    let mut notes = Vec::new();
    if r.revenue_unknown_rows > 0 {
        notes.push(format!(
            "{}家营业收入未填写，未计入合计",
            r.revenue_unknown_rows
        ));
    }
    if r.hr_service_firm_unknown > 0 {
        notes.push(format!(
            "{}家未标明是否为人力资源服务企业",
            r.hr_service_firm_unknown
        ));
    }
    if r.format_unknown > 0 {
        notes.push(format!("{}家服务业态未填写", r.format_unknown));
    }
    let mut y = t + 1;
    if !notes.is_empty() {
        ws.merge_range(
            y,
            0,
            y,
            last_col,
            &format!("说明：{}。", notes.join("；")),
            &f.base,
        )
        .map_err(xerr)?;
        y += 1;
    }
    // From the name column on, so the roster importer reads it as a signature row.
    ws.merge_range(
        y + 1,
        1,
        y + 1,
        last_col,
        "填报人（签字）：　　　　　　　　审核人（签字）：　　　　　　　　申报单位（盖章）：",
        &f.base,
    )
    .map_err(xerr)?;
    ws.merge_range(y + 3, 0, y + 3, last_col, &closing_text(input), &f.note)
        .map_err(xerr)?;

    // Width of the totals' text too.
    if let Some(c) = columns.get_mut(1) {
        c.push(format!("{}家", r.rows));
    }
    let mut widths = xlsx::fit_columns(ws, &columns, 6.0, 40.0)?;
    for (c, w) in [
        (0, 6.0),
        (2, 22.0),
        (4, 12.0),
        (5, 18.0),
        (7, 10.0),
        (8, 12.0),
    ] {
        ws.set_column_width(c as u16, w).map_err(xerr)?;
        if let Some(x) = widths.get_mut(c) {
            *x = w;
        }
    }
    ws.set_row_height(HEADER_ROW, 32).map_err(xerr)?;
    for (i, row) in row_texts.iter().enumerate() {
        let cells: Vec<(usize, &str)> = row.iter().map(|(c, s)| (*c, s.as_str())).collect();
        ws.set_row_height(FIRST + i as u32, xlsx::row_height(&cells, &widths))
            .map_err(xerr)?;
    }

    wb.save_to_buffer().map_err(xerr)
}

// --- issue 10: 下载花名册模板 ---

/// The roster template (下载花名册模板): one sheet whose header row names every column the
/// importer reads (`roster::import::FIELDS`, in the edition's own words), one example row the
/// importer skips ([`crate::roster::import::TEMPLATE_EXAMPLE_NAME`]), ruled rows to fill, drop-down
/// lists for 服务业态 and 是 / 否 (a warning, not a refusal: the importer reads more spellings),
/// and a 填写说明 sheet. Pure: the edition in, the XLSX bytes out.
pub fn roster_template(e: &crate::policy::Edition) -> Result<Vec<u8>, PackageError> {
    use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle};

    use crate::roster::import::{FIELDS, TEMPLATE_EXAMPLE_NAME};
    use crate::roster::uscc;

    /// Empty ruled rows under the example.
    const ROWS: u32 = 100;
    let mut wb = Workbook::new();
    let f = Formats::new();
    let label = |field: &str| question_label(e, &format!("park.roster[].{field}"));
    let ws = wb.add_worksheet();
    ws.set_name("入驻机构花名册").map_err(xerr)?;
    let widths = [34.0, 22.0, 18.0, 14.0, 18.0, 18.0, 30.0];
    for (c, field) in FIELDS.iter().enumerate() {
        let col = c as u16;
        ws.write_string_with_format(0, col, label(field), &f.head)
            .map_err(xerr)?;
        ws.set_column_width(col, widths.get(c).copied().unwrap_or(16.0))
            .map_err(xerr)?;
    }
    ws.set_row_height(0, 32).map_err(xerr)?;
    ws.set_freeze_panes(1, 0).map_err(xerr)?;

    // The example: a code whose check character is right, so it would import cleanly.
    let head17 = "91150200MA0N2X3Y4";
    let code = uscc::check_char(head17)
        .map(|c| format!("{head17}{c}"))
        .map_err(|err| PackageError::Xlsx(err.to_string()))?;
    let format_label = e
        .service_formats
        .first()
        .map(|s| s.label.zh.clone())
        .unwrap_or_default();
    let example = |field: &str| -> String {
        match field {
            "name" => TEMPLATE_EXAMPLE_NAME.into(),
            "uscc" => code.clone(),
            "service_format" => format_label.clone(),
            "hr_service_firm" | "hr_licence" => "是".into(),
            "revenue_yuan" => "3250000".into(),
            "main_business" => "人才招聘、劳务派遣".into(),
            _ => String::new(),
        }
    };
    let example_fmt = f.text.clone().set_font_color("808080").set_italic();
    for (c, field) in FIELDS.iter().enumerate() {
        let col = c as u16;
        let v = example(field);
        if *field == "revenue_yuan" {
            let n: f64 = v.parse().unwrap_or(0.0);
            ws.write_number_with_format(1, col, n, &example_fmt.clone().set_num_format("0"))
        } else if *field == "uscc" {
            ws.write_string_with_format(1, col, &v, &example_fmt.clone().set_num_format("@"))
        } else {
            ws.write_string_with_format(1, col, &v, &example_fmt)
        }
        .map_err(xerr)?;
    }
    for r in 2..2 + ROWS {
        for (c, field) in FIELDS.iter().enumerate() {
            let fmt = if *field == "uscc" { &f.code } else { &f.text };
            ws.write_blank(r, c as u16, fmt).map_err(xerr)?;
        }
    }
    let column_of = |field: &str| FIELDS.iter().position(|x| *x == field).map(|c| c as u16);
    let formats: Vec<String> = e
        .service_formats
        .iter()
        .map(|s| s.label.zh.clone())
        .collect();
    let lists: [(&str, Vec<String>); 3] = [
        ("service_format", formats),
        ("hr_service_firm", vec!["是".into(), "否".into()]),
        ("hr_licence", vec!["是".into(), "否".into()]),
    ];
    for (field, values) in lists {
        let Some(col) = column_of(field) else {
            continue;
        };
        let v = DataValidation::new()
            .allow_list_strings(&values)
            .map_err(xerr)?
            .set_error_style(DataValidationErrorStyle::Warning);
        ws.add_data_validation(1, col, 1 + ROWS, col, &v)
            .map_err(xerr)?;
    }

    let about = wb.add_worksheet();
    about.set_name("填写说明").map_err(xerr)?;
    about.set_column_width(0, 110).map_err(xerr)?;
    let formats_zh: Vec<&str> = e
        .service_formats
        .iter()
        .map(|s| s.label.zh.as_str())
        .collect();
    let lines = [
        "入驻机构花名册模板：在“入驻机构花名册”工作表中每行填写一家入驻机构，表头勿改；填好后在自评工具的花名册处“从 Excel/CSV 导入花名册”。".to_string(),
        "第 2 行是示例（名称以“（示例，导入时跳过）”开头），导入时不计入，可保留或删除。".to_string(),
        format!("{}：18 位，按 GB 32100-2015 校验；同一代码只计一家，再次导入选择“追加”时按此代码合并。", label("uscc")),
        format!("{}：{}。", label("service_format"), formats_zh.join("、")),
        format!("{}、{}：填“是”或“否”；不清楚可留空（视为待确认，不当作“否”）。", label("hr_service_firm"), label("hr_licence")),
        format!("{}：以元为单位，可写“3250000”“325万”“1.2亿”；表头写“（万元）”时按万元读。", label("revenue_yuan")),
        format!("政策版本：{}。", e.document_number),
    ];
    for (i, l) in lines.iter().enumerate() {
        about
            .write_string_with_format(i as u32, 0, l, &f.base)
            .map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}
