//! 入驻机构花名册.xlsx: the roster as answered, with the engine's row issues and its totals.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use crate::engine::{Answer, ParkAnswers, ParkOutcome};

use super::park::question_label;
use super::word::blank_text;
use super::{PackageError, PackageInput};

/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;
const FONT: &str = "宋体";

fn xerr(e: XlsxError) -> PackageError {
    PackageError::Xlsx(e.to_string())
}

pub(super) fn roster(
    input: &PackageInput,
    a: &ParkAnswers,
    o: &ParkOutcome,
) -> Result<Vec<u8>, PackageError> {
    let e = input.edition;
    let mut wb = Workbook::new();
    let as_of = input.as_of();
    let created =
        ExcelDateTime::parse_from_str(&as_of.format("%Y-%m-%d").to_string()).map_err(xerr)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("入驻机构花名册")
            .set_comment(format!(
                "{} {} sha256 {} as of {}",
                e.id,
                e.document_number,
                e.content_hash,
                as_of.format("%Y-%m-%d")
            ))
            .set_creation_datetime(&created),
    );

    // 宋体 with the GB2312 charset (134) and the roman family (1), so Excel picks a Chinese
    // font even where 宋体 itself is missing.
    let base = Format::new()
        .set_font_name(FONT)
        .set_font_charset(134)
        .set_font_family(1)
        .set_font_size(11);
    let border = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
    let title_fmt = base
        .clone()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let note_fmt = base.clone().set_font_size(9);
    let head = border
        .clone()
        .set_bold()
        .set_background_color("D9D9D9")
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let centre = border.clone().set_align(FormatAlign::Center);
    let money_fmt = border.clone().set_num_format("#,##0.00");
    let blank_fmt = border.clone().set_background_color("FFFF00");
    let total_fmt = border.clone().set_bold();
    let total_money = money_fmt.clone().set_bold();

    let ws = wb.add_worksheet();
    ws.set_name("入驻机构花名册").map_err(xerr)?;
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(2, 2).map_err(xerr)?;
    ws.set_footer(format!(
        "&L{} · {}&C第 &P 页 / 共 &N 页&R评估日期 {}",
        e.document_number,
        e.id,
        as_of.format("%Y-%m-%d")
    ));

    let park_name = match &a.name {
        Answer::Value(n) if !n.trim().is_empty() => n.trim().to_string(),
        _ => blank_text(&question_label(e, "park.name")),
    };
    let col = |path: &str| question_label(e, &format!("park.roster[].{path}"));
    let headers = [
        "序号".to_string(),
        col("name"),
        col("uscc"),
        col("service_format"),
        col("hr_service_firm"),
        col("revenue_yuan"),
        col("main_business"),
        "备注".to_string(),
    ];
    let widths = [6.0, 32.0, 22.0, 16.0, 14.0, 18.0, 28.0, 40.0];
    let last_col = (headers.len() - 1) as u16;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("{park_name}入驻机构花名册"),
        &title_fmt,
    )
    .map_err(xerr)?;
    ws.set_row_height(0, 30).map_err(xerr)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!(
            "评估日期：{}　政策版本：{}（{}）　{}",
            as_of.format("%Y-%m-%d"),
            e.id,
            e.document_number,
            input.outcome.in_force_note.zh
        ),
        &note_fmt,
    )
    .map_err(xerr)?;
    for (i, (h, w)) in headers.iter().zip(widths).enumerate() {
        let c = i as u16;
        ws.set_column_width(c, w).map_err(xerr)?;
        ws.write_string_with_format(2, c, h, &head).map_err(xerr)?;
    }
    ws.set_row_height(2, 32).map_err(xerr)?;
    ws.set_freeze_panes(3, 0).map_err(xerr)?;

    let pending = "【待填写】";
    for (i, r) in a.roster.iter().enumerate() {
        let row = 3 + i as u32;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &centre)
            .map_err(xerr)?;
        let text = |s: &str| {
            if s.trim().is_empty() {
                None
            } else {
                Some(s.trim().to_string())
            }
        };
        match text(&r.name) {
            Some(s) => ws.write_string_with_format(row, 1, &s, &border),
            None => ws.write_string_with_format(row, 1, pending, &blank_fmt),
        }
        .map_err(xerr)?;
        match text(&r.uscc) {
            Some(s) => ws.write_string_with_format(row, 2, &s, &border),
            None => ws.write_string_with_format(row, 2, pending, &blank_fmt),
        }
        .map_err(xerr)?;
        match &r.service_format {
            Answer::Value(id) => {
                let label = e
                    .service_format(id)
                    .map(|f| f.label.zh.clone())
                    .unwrap_or_else(|| id.clone());
                ws.write_string_with_format(row, 3, &label, &border)
            }
            _ => ws.write_string_with_format(row, 3, pending, &blank_fmt),
        }
        .map_err(xerr)?;
        match &r.hr_service_firm {
            Answer::Value(b) => {
                ws.write_string_with_format(row, 4, if *b { "是" } else { "否" }, &centre)
            }
            _ => ws.write_string_with_format(row, 4, pending, &blank_fmt),
        }
        .map_err(xerr)?;
        match &r.revenue_yuan {
            Answer::Value(y) => match y.0.to_f64() {
                Some(v) => ws.write_number_with_format(row, 5, v, &money_fmt),
                None => ws.write_string_with_format(row, 5, y.0.to_string(), &border),
            },
            _ => ws.write_string_with_format(row, 5, pending, &blank_fmt),
        }
        .map_err(xerr)?;
        ws.write_string_with_format(row, 6, r.main_business.trim(), &border)
            .map_err(xerr)?;
        let notes: Vec<&str> = o
            .roster
            .issues
            .iter()
            .filter(|x| x.row == i)
            .map(|x| x.message.zh.as_str())
            .collect();
        ws.write_string_with_format(row, 7, notes.join("；"), &border)
            .map_err(xerr)?;
    }

    // Totals row: the engine's roster summary (duplicates by USCC counted once).
    let r = &o.roster;
    let row = 3 + a.roster.len() as u32;
    ws.set_row_height(row, 48).map_err(xerr)?;
    ws.write_string_with_format(row, 0, "合计", &total_fmt)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 1, format!("{} 家", r.rows), &total_fmt)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 2, "", &total_fmt)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 3, format!("{} 类业态", r.formats.len()), &total_fmt)
        .map_err(xerr)?;
    ws.write_string_with_format(
        row,
        4,
        format!("人力资源服务企业 {} 家", r.hr_service_firms),
        &total_fmt,
    )
    .map_err(xerr)?;
    match r.revenue_known_total.and_then(|d| d.to_f64()) {
        Some(v) => ws.write_number_with_format(row, 5, v, &total_money),
        None => ws.write_string_with_format(row, 5, "—", &total_fmt),
    }
    .map_err(xerr)?;
    ws.write_string_with_format(row, 6, "", &total_fmt)
        .map_err(xerr)?;
    let mut notes = Vec::new();
    if r.revenue_unknown_rows > 0 {
        notes.push(format!(
            "{} 家营业收入未填写，未计入合计",
            r.revenue_unknown_rows
        ));
    }
    if r.hr_service_firm_unknown > 0 {
        notes.push(format!(
            "{} 家未标明是否为人力资源服务企业",
            r.hr_service_firm_unknown
        ));
    }
    if r.format_unknown > 0 {
        notes.push(format!("{} 家服务业态未填写", r.format_unknown));
    }
    notes.push("人力资源服务企业数按统一社会信用代码去重".into());
    ws.write_string_with_format(row, 7, notes.join("；"), &total_fmt)
        .map_err(xerr)?;
    ws.write_string_with_format(
        row + 2,
        1,
        "填报人（签字）：　　　　　　　　审核人（签字）：　　　　　　　　申报单位（盖章）：",
        &base,
    )
    .map_err(xerr)?;

    wb.save_to_buffer().map_err(xerr)
}
