//! Small building blocks over docx-rs for the package's Word documents: A4 pages, CJK fonts,
//! headings, body paragraphs with highlighted 【待填写：…】 blanks, tables, signature blocks.
//! Layout only: every word of content comes from the caller (the outcome or the edition).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Shading, SpecialIndentType, Table, TableCell, TableRow, WidthType,
};

use super::PackageError;

/// Body font: 宋体 (SimSun) for Chinese, Times New Roman for Latin text. LibreOffice and Word
/// substitute an installed CJK font when 宋体 is missing.
pub const FONT_BODY: &str = "宋体";
/// Heading font: 黑体 (SimHei).
pub const FONT_HEADING: &str = "黑体";
pub const FONT_LATIN: &str = "Times New Roman";

/// Half-points: 小二 18 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
pub const SIZE_TITLE: usize = 36;
pub const SIZE_HEADING: usize = 30;
pub const SIZE_BODY: usize = 28;
pub const SIZE_SMALL: usize = 24;
pub const SIZE_TABLE: usize = 21;

/// A4 in twentieths of a point, and the margins of a Chinese official document (GB/T 9704:
/// top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
pub const A4_W: u32 = 11906;
pub const A4_H: u32 = 16838;
const MARGIN_LEFT: i32 = 1587;
const MARGIN_RIGHT: i32 = 1474;
/// Width of the text block (twips).
pub const TEXT_W: usize = (A4_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

pub fn fonts(cjk: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(cjk)
        .ascii(FONT_LATIN)
        .hi_ansi(FONT_LATIN)
        .cs(FONT_LATIN)
}

/// A piece of a paragraph.
#[derive(Debug, Clone)]
pub enum Seg {
    Text(String),
    Bold(String),
    /// Something the applicant must still fill in: rendered `【待填写：label】`, highlighted.
    Blank(String),
}

impl Seg {
    pub fn t(s: impl Into<String>) -> Seg {
        Seg::Text(s.into())
    }
}

/// The text of a blank, as printed.
pub fn blank_text(label: &str) -> String {
    format!("【待填写：{label}】")
}

/// Drops characters XML 1.0 cannot carry (C0 controls other than tab / line ends, U+FFFE,
/// U+FFFF): typed or pasted into an answer, they would make the document unreadable.
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(*c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
        })
        .collect()
}

fn run(seg: &Seg, size: usize, font: &str) -> Run {
    let base = Run::new().size(size).fonts(fonts(font));
    match seg {
        Seg::Text(s) => base.add_text(xml_safe(s)),
        Seg::Bold(s) => base.bold().add_text(xml_safe(s)),
        Seg::Blank(label) => base
            .highlight("yellow")
            .add_text(xml_safe(&blank_text(label))),
    }
}

fn runs(mut p: Paragraph, segs: &[Seg], size: usize, font: &str) -> Paragraph {
    for s in segs {
        p = p.add_run(run(s, size, font));
    }
    p
}

/// A body paragraph with a two-character first-line indent.
pub fn body(segs: &[Seg]) -> Paragraph {
    // Two characters: twips for LibreOffice, `firstLineChars` for Word.
    runs(
        Paragraph::new()
            .indent(None, Some(SpecialIndentType::FirstLine(560)), None, None)
            .first_line_chars(200)
            .line_spacing(spacing()),
        segs,
        SIZE_BODY,
        FONT_BODY,
    )
}

/// 1.5 lines.
fn spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(360)
}

/// A paragraph without indent.
pub fn plain(segs: &[Seg], size: usize) -> Paragraph {
    runs(Paragraph::new(), segs, size, FONT_BODY)
}

pub fn text(s: impl Into<String>) -> Paragraph {
    plain(&[Seg::Text(s.into())], SIZE_BODY)
}

pub fn small(s: impl Into<String>) -> Paragraph {
    plain(&[Seg::Text(s.into())], SIZE_SMALL)
}

pub fn title(s: &str) -> Paragraph {
    Paragraph::new().align(AlignmentType::Center).add_run(
        Run::new()
            .size(SIZE_TITLE)
            .bold()
            .fonts(fonts(FONT_HEADING))
            .add_text(xml_safe(s)),
    )
}

pub fn subtitle(s: &str) -> Paragraph {
    Paragraph::new().align(AlignmentType::Center).add_run(
        Run::new()
            .size(SIZE_SMALL)
            .fonts(fonts(FONT_BODY))
            .add_text(xml_safe(s)),
    )
}

pub fn heading(s: &str) -> Paragraph {
    Paragraph::new()
        .keep_next(true)
        .line_spacing(spacing().before(120))
        .add_run(
            Run::new()
                .size(SIZE_HEADING)
                .fonts(fonts(FONT_HEADING))
                .add_text(xml_safe(s)),
        )
}

pub fn heading2(s: &str) -> Paragraph {
    Paragraph::new()
        .keep_next(true)
        .line_spacing(spacing().before(120))
        .add_run(
            Run::new()
                .size(SIZE_BODY)
                .bold()
                .fonts(fonts(FONT_BODY))
                .add_text(xml_safe(s)),
        )
}

pub fn empty() -> Paragraph {
    Paragraph::new()
}

pub fn right(segs: &[Seg]) -> Paragraph {
    runs(
        Paragraph::new().align(AlignmentType::Right),
        segs,
        SIZE_BODY,
        FONT_BODY,
    )
}

/// A table cell's content.
pub type Cell = Vec<Seg>;

pub fn cell(s: impl Into<String>) -> Cell {
    vec![Seg::Text(s.into())]
}

/// A bordered table with a shaded header row; `widths` are relative weights.
pub fn table(header: &[&str], rows: Vec<Vec<Cell>>, weights: &[usize]) -> Table {
    let total: usize = weights.iter().sum::<usize>().max(1);
    let widths: Vec<usize> = weights.iter().map(|w| TEXT_W * w / total).collect();
    let width_of = |i: usize| widths.get(i).copied().unwrap_or(TEXT_W / 4);
    let mut out = Vec::with_capacity(rows.len() + 1);
    out.push(
        TableRow::new(
            header
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    TableCell::new()
                        .width(width_of(i), WidthType::Dxa)
                        .shading(Shading::new().fill("D9D9D9"))
                        .add_paragraph(
                            Paragraph::new().align(AlignmentType::Center).add_run(
                                Run::new()
                                    .size(SIZE_TABLE)
                                    .bold()
                                    .fonts(fonts(FONT_HEADING))
                                    .add_text(xml_safe(h)),
                            ),
                        )
                })
                .collect(),
        )
        .cant_split(),
    );
    for row in rows {
        out.push(
            TableRow::new(
                row.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        TableCell::new()
                            .width(width_of(i), WidthType::Dxa)
                            .add_paragraph(runs(Paragraph::new(), c, SIZE_TABLE, FONT_BODY))
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(out)
        .set_grid(widths.clone())
        .width(TEXT_W, WidthType::Dxa)
}

/// A borderless two-column block of signature / stamp lines.
pub fn signature_block(lines: &[(String, String)]) -> Table {
    let w = TEXT_W / 2;
    let rows = lines
        .iter()
        .map(|(l, r)| {
            TableRow::new(vec![
                TableCell::new()
                    .width(w, WidthType::Dxa)
                    .add_paragraph(plain(&[Seg::t(l.as_str())], SIZE_BODY)),
                TableCell::new()
                    .width(w, WidthType::Dxa)
                    .add_paragraph(plain(&[Seg::t(r.as_str())], SIZE_BODY)),
            ])
            .row_height(600.0)
        })
        .collect();
    Table::without_borders(rows)
        .set_grid(vec![w, w])
        .width(TEXT_W, WidthType::Dxa)
}

/// A new A4 document with the project's fonts, margins and a footer that names the policy
/// edition and numbers the pages. `date` (the as-of date) is written as the document's
/// creation date so the same inputs give the same bytes.
pub fn document(footer_note: &str, date: &str) -> Docx {
    let stamp = format!("{date}T00:00:00Z");
    Docx::new()
        .page_size(A4_W, A4_H)
        .page_margin(PageMargin {
            top: 2098,
            left: MARGIN_LEFT,
            bottom: 1984,
            right: MARGIN_RIGHT,
            header: 851,
            footer: 992,
            gutter: 0,
        })
        .default_fonts(fonts(FONT_BODY))
        .default_size(SIZE_BODY)
        .created_at(&stamp)
        .updated_at(&stamp)
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(
                        Run::new()
                            .size(18)
                            .fonts(fonts(FONT_BODY))
                            .add_text(xml_safe(&format!("{footer_note}　第 "))),
                    )
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().size(18).fonts(fonts(FONT_BODY)).add_text(" 页")),
            ),
        )
}

/// Pack a document into .docx bytes.
pub fn pack(doc: Docx) -> Result<Vec<u8>, PackageError> {
    let mut buf = Cursor::new(Vec::new());
    doc.pack(&mut buf)
        .map_err(|e| PackageError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}
