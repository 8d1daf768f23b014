//! Shared pieces of the package's workbooks: properties, CJK-aware column widths, the A4
//! landscape page set-up with print titles, and the formats every sheet uses.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::normalise::width_in_chars;
use super::word::xml_safe;
use super::{props, PackageError, PackageInput};

/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;
pub const FONT: &str = "宋体";

pub fn xerr(e: XlsxError) -> PackageError {
    PackageError::Xlsx(e.to_string())
}

/// Text as a cell gets it: characters XML cannot carry dropped, at most Excel's 32,767.
pub fn cell_text(s: &str) -> String {
    xml_safe(s).chars().take(32_767).collect()
}

/// The formats of a sheet.
pub struct Formats {
    pub base: Format,
    pub title: Format,
    pub note: Format,
    pub head: Format,
    pub text: Format,
    /// Forced text (`@`): codes such as the 统一社会信用代码 stay text when edited.
    pub code: Format,
    pub centre: Format,
    pub money: Format,
    pub blank: Format,
    pub total: Format,
    pub total_money: Format,
}

impl Formats {
    pub fn new() -> Formats {
        // 宋体 with the GB2312 charset (134), so Excel picks a Chinese face even where 宋体
        // itself is missing.
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_charset(134)
            .set_font_family(1)
            .set_font_size(11);
        let text = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: base
                .clone()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            note: base.clone().set_font_size(9).set_font_color("595959"),
            head: text
                .clone()
                .set_bold()
                .set_background_color("D9D9D9")
                .set_align(FormatAlign::Center),
            code: text.clone().set_num_format("@"),
            centre: text.clone().set_align(FormatAlign::Center),
            money: text.clone().set_num_format("#,##0.00"),
            blank: text.clone().set_background_color("FFFF00"),
            total: text.clone().set_bold(),
            total_money: text.clone().set_bold().set_num_format("#,##0.00"),
            text,
            base,
        }
    }
}

/// Title, subject (notice number), creator (widget name and version), the generation time,
/// and the edition, as-of date and hash in the comments.
pub fn set_properties(
    wb: &mut Workbook,
    input: &PackageInput,
    title: &str,
) -> Result<(), PackageError> {
    let p = props(input, title);
    let g = input.generated_at;
    use chrono::{Datelike, Timelike};
    let created = ExcelDateTime::from_ymd(
        u16::try_from(g.year()).unwrap_or(1970),
        g.month() as u8,
        g.day() as u8,
    )
    .and_then(|d| d.and_hms(g.hour() as u16, g.minute() as u8, g.second()))
    .map_err(xerr)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(p.title)
            .set_subject(p.subject)
            .set_author(p.creator)
            .set_keywords(p.keywords)
            .set_comment(p.description)
            .set_creation_datetime(&created),
    );
    Ok(())
}

/// A4 landscape, one page wide, the header row repeated on every page, page numbers.
pub fn page_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), PackageError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_landscape();
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(header_row, header_row).map_err(xerr)?;
    ws.set_footer("&C— &P —");
    Ok(())
}

/// Column widths from the widest content, counting a Chinese character as two (the header,
/// the first text of each column, wraps onto two lines): at least `min`, at most `max`
/// (longer text wraps). Returns the widths.
pub fn fit_columns(
    ws: &mut Worksheet,
    columns: &[Vec<String>],
    min: f64,
    max: f64,
) -> Result<Vec<f64>, PackageError> {
    let mut widths = Vec::with_capacity(columns.len());
    for (c, texts) in columns.iter().enumerate() {
        let widest = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let w = t.lines().map(width_in_chars).max().unwrap_or(0);
                if i == 0 {
                    w.div_ceil(2)
                } else {
                    w
                }
            })
            .max()
            .unwrap_or(0) as f64;
        let w = (widest * 2.0 + 2.0).clamp(min, max);
        ws.set_column_width(c as u16, w).map_err(xerr)?;
        widths.push(w);
    }
    Ok(widths)
}

/// The height (points) a row needs for its wrapped texts in columns of `widths`: a line is
/// about 15 points at 11-point 宋体, a Chinese character two width units.
pub fn row_height(cells: &[(usize, &str)], widths: &[f64]) -> f64 {
    let lines = cells
        .iter()
        .map(|(c, t)| {
            let per_line = widths.get(*c).map(|w| (w - 1.0).max(2.0)).unwrap_or(10.0);
            t.lines()
                .map(|l| {
                    ((width_in_chars(l) as f64 * 2.0) / per_line)
                        .ceil()
                        .max(1.0)
                })
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    (lines * 15.0).min(409.0)
}
