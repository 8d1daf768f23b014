//! Small building blocks over docx-rs for the package's Word documents.
//!
//! Two layouts:
//! * [`gongwen`]: the 申请报告 as a 公文 after GB/T 9704-2012 党政机关公文格式 — A4, margins
//!   37 / 35 / 28 / 26 mm, 22 lines of 28 characters (exact line pitch 28.95 pt), title in
//!   方正小标宋简体 二号, body in 仿宋_GB2312 三号, 一、 headings in 黑体, （一） headings in
//!   楷体_GB2312, page numbers `— 1 —` in 宋体 四号, odd pages right and even pages left.
//! * [`form`]: the forms and lists (自评表, 材料清单, 申请表) with the same faces at form sizes,
//!   portrait or landscape.
//!
//! docx-rs cannot write a font table with fallbacks, document properties beyond dates, or
//! repeated table headers, so [`pack`] patches those parts of its output (`word/fontTable.xml`
//! is replaced: every face with its `w:altName` fallback and the GB2312 charset, so Word and
//! WPS on a government PC that lacks 方正小标宋简体 or 仿宋_GB2312 pick 黑体 / 仿宋 / 楷体).
//! Layout only: every word of content comes from the caller (the outcome or the edition).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, Footer, LineSpacing, LineSpacingType,
    PageMargin, PageNum, PageOrientationType, Paragraph, Run, RunFonts, Shading, SpecialIndentType,
    Tab, TabValueType, Table, TableCell, TableRow, WidthType,
};

use super::normalise::tighten;
use super::PackageError;

/// 方正小标宋简体: the title face of GB/T 9704 (falls back to 黑体 where it is not installed).
pub const FONT_TITLE: &str = "方正小标宋简体";
/// 仿宋_GB2312: the body face (falls back to 仿宋).
pub const FONT_BODY: &str = "仿宋_GB2312";
/// 黑体: first-level headings (一、) and table headers.
pub const FONT_HEADING: &str = "黑体";
/// 楷体_GB2312: second-level headings (（一）), falls back to 楷体.
pub const FONT_KAI: &str = "楷体_GB2312";
/// 宋体: page numbers (GB/T 9704 7.5: 4号半角宋体阿拉伯数字).
pub const FONT_SONG: &str = "宋体";

/// Every face the documents name, with the face Word / WPS use where it is missing
/// (`w:altName`) and its family, written into `word/fontTable.xml`.
pub const FONT_TABLE: &[(&str, &str, &str)] = &[
    (FONT_TITLE, "黑体", "script"),
    (FONT_BODY, "仿宋", "modern"),
    (FONT_KAI, "楷体", "modern"),
    (FONT_HEADING, "SimHei", "modern"),
    (FONT_SONG, "SimSun", "auto"),
    ("仿宋", "FangSong", "modern"),
    ("楷体", "KaiTi", "modern"),
];

/// Half-points: 二号 22 pt, 小二 18 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt,
/// 小五 9 pt.
pub const ERHAO: usize = 44;
pub const XIAOER: usize = 36;
pub const SANHAO: usize = 32;
pub const SIHAO: usize = 28;
pub const XIAOSI: usize = 24;
pub const WUHAO: usize = 21;
pub const XIAOWU: usize = 18;

/// A4 in twentieths of a point, and the GB/T 9704 margins: top 37 mm, bottom 35 mm,
/// left 28 mm, right 26 mm.
pub const A4_W: u32 = 11906;
pub const A4_H: u32 = 16838;
const MARGIN_TOP: i32 = 2098;
const MARGIN_BOTTOM: i32 = 1984;
const MARGIN_LEFT: i32 = 1587;
const MARGIN_RIGHT: i32 = 1474;
/// The 公文 line pitch: 225 mm of text block / 22 lines = 28.95 pt.
pub const GONGWEN_LINE: i32 = 579;

/// Width of the text block (twips) of a portrait page.
pub const TEXT_W: usize = (A4_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
/// Width of the text block (twips) of a landscape page (forms use 20 mm margins).
pub const TEXT_W_LANDSCAPE: usize = (A4_H as i32 - 2 * 1134) as usize;

/// One character of `size` half-points, in twips.
pub fn chars(n: usize, size: usize) -> i32 {
    (n * size * 10) as i32
}

pub fn fonts(cjk: &str) -> RunFonts {
    // Digits and Latin letters in the same face as the Chinese, as 公文 templates do.
    RunFonts::new()
        .east_asia(cjk)
        .ascii(cjk)
        .hi_ansi(cjk)
        .cs(cjk)
}

/// A piece of a paragraph.
#[derive(Debug, Clone)]
pub enum Seg {
    Text(String),
    Bold(String),
    /// Something the applicant must still fill in: rendered `【待填写：label】`, highlighted.
    Blank(String),
    /// A line break inside the paragraph (a table cell's second line).
    Break,
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

/// Escapes text for an XML attribute or element written by hand (document properties).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in xml_safe(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn run(seg: &Seg, size: usize, font: &str) -> Run {
    let base = Run::new().size(size).fonts(fonts(font));
    match seg {
        Seg::Text(s) => base.add_text(tighten(&xml_safe(s))),
        Seg::Bold(s) => base.bold().add_text(tighten(&xml_safe(s))),
        Seg::Blank(label) => base
            .highlight("yellow")
            .add_text(xml_safe(&blank_text(label))),
        Seg::Break => base.add_break(BreakType::TextWrapping),
    }
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy)]
pub struct Para {
    pub size: usize,
    pub font: &'static str,
    pub align: Option<AlignmentType>,
    /// First-line indent in characters (negative: hanging).
    pub first: i32,
    /// Left and right indent in twips.
    pub left: i32,
    pub right: i32,
    /// Exact line pitch in twips; `None`: single (1.0) spacing scaled by `auto`.
    pub exact: Option<i32>,
    pub auto: i32,
    pub before: u32,
    pub after: u32,
    pub keep_next: bool,
    pub keep_lines: bool,
}

impl Para {
    /// The 公文 body: 仿宋_GB2312 三号, two characters' indent, 28.95 pt lines.
    pub const BODY: Para = Para {
        size: SANHAO,
        font: FONT_BODY,
        align: Some(AlignmentType::Both),
        first: 2,
        left: 0,
        right: 0,
        exact: Some(GONGWEN_LINE),
        auto: 240,
        before: 0,
        after: 0,
        keep_next: false,
        keep_lines: false,
    };
    /// Form text: 仿宋_GB2312 四号, 1.25 lines.
    pub const FORM: Para = Para {
        size: SIHAO,
        font: FONT_BODY,
        align: None,
        first: 0,
        left: 0,
        right: 0,
        exact: None,
        auto: 300,
        before: 0,
        after: 0,
        keep_next: false,
        keep_lines: false,
    };

    pub fn size(self, size: usize) -> Para {
        Para { size, ..self }
    }
    pub fn font(self, font: &'static str) -> Para {
        Para { font, ..self }
    }
    pub fn align(self, a: AlignmentType) -> Para {
        Para {
            align: Some(a),
            ..self
        }
    }
    pub fn first(self, first: i32) -> Para {
        Para { first, ..self }
    }
    pub fn left(self, left: i32) -> Para {
        Para { left, ..self }
    }
    pub fn right(self, right: i32) -> Para {
        Para { right, ..self }
    }
    pub fn before(self, before: u32) -> Para {
        Para { before, ..self }
    }
    pub fn after(self, after: u32) -> Para {
        Para { after, ..self }
    }
    /// Keep with the next paragraph and keep the lines together (headings, signature blocks).
    pub fn keep(self) -> Para {
        Para {
            keep_next: true,
            keep_lines: true,
            ..self
        }
    }
    pub fn keep_lines(self) -> Para {
        Para {
            keep_lines: true,
            ..self
        }
    }

    pub fn build(&self, segs: &[Seg]) -> Paragraph {
        let spacing = match self.exact {
            Some(line) => LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(line),
            None => LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(self.auto),
        }
        .before(self.before)
        .after(self.after);
        let special = match self.first {
            0 => None,
            n if n > 0 => Some(SpecialIndentType::FirstLine(chars(n as usize, self.size))),
            n => Some(SpecialIndentType::Hanging(chars(
                n.unsigned_abs() as usize,
                self.size,
            ))),
        };
        let mut p = Paragraph::new()
            .line_spacing(spacing)
            .widow_control(true)
            .keep_next(self.keep_next)
            .keep_lines(self.keep_lines);
        if special.is_some() || self.left != 0 || self.right != 0 {
            p = p.indent(
                Some(self.left),
                special,
                (self.right != 0).then_some(self.right),
                None,
            );
        }
        if let Some(a) = self.align {
            p = p.align(a);
        }
        for s in segs {
            p = p.add_run(run(s, self.size, self.font));
        }
        p
    }

    pub fn text(&self, s: impl Into<String>) -> Paragraph {
        self.build(&[Seg::Text(s.into())])
    }
}

/// The 公文 body paragraph.
pub fn body(segs: &[Seg]) -> Paragraph {
    Para::BODY.build(segs)
}

/// An empty 公文 line (keeps the 22-line grid).
pub fn gongwen_blank(keep: bool) -> Paragraph {
    let p = Para::BODY.first(0);
    if keep {
        p.keep().build(&[])
    } else {
        p.build(&[])
    }
}

/// The 公文 title: 方正小标宋简体 二号, centred.
pub fn gongwen_title(s: &str) -> Paragraph {
    Para::BODY
        .first(0)
        .font(FONT_TITLE)
        .size(ERHAO)
        .align(AlignmentType::Center)
        .keep()
        .text(s)
}

/// 一、 heading: 黑体 三号, indented two characters, kept with what follows.
pub fn h1(s: &str) -> Paragraph {
    Para::BODY.font(FONT_HEADING).keep().text(s)
}

/// （一） heading: 楷体_GB2312 三号, indented two characters, kept with what follows.
pub fn h2(s: &str) -> Paragraph {
    Para::BODY.font(FONT_KAI).keep().text(s)
}

/// A form's title: 方正小标宋简体 小二, centred.
pub fn form_title(s: &str) -> Paragraph {
    Para::FORM
        .font(FONT_TITLE)
        .size(XIAOER)
        .align(AlignmentType::Center)
        .after(120)
        .keep()
        .text(s)
}

/// A form's subtitle: 楷体 四号, centred.
pub fn form_subtitle(s: &str) -> Paragraph {
    Para::FORM
        .font(FONT_KAI)
        .align(AlignmentType::Center)
        .after(120)
        .keep()
        .text(s)
}

/// A form's section heading: 黑体 四号.
pub fn form_heading(s: &str) -> Paragraph {
    Para::FORM.font(FONT_HEADING).before(160).keep().text(s)
}

/// A line of form text in 仿宋 小四.
pub fn small(s: impl Into<String>) -> Paragraph {
    Para::FORM.size(XIAOSI).text(s)
}

pub fn small_segs(segs: &[Seg]) -> Paragraph {
    Para::FORM.size(XIAOSI).build(segs)
}

/// The one line at the end of each document that names the tool, the edition, its check code
/// and the date: 小五, grey.
pub fn closing_line(s: &str) -> Paragraph {
    Paragraph::new()
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(240)
                .before(240),
        )
        .snap_to_grid(false)
        .keep_lines(true)
        .widow_control(true)
        .add_run(
            Run::new()
                .size(XIAOWU)
                .color("595959")
                .fonts(fonts(FONT_BODY))
                .add_text(xml_safe(s)),
        )
}

/// A table cell's content.
pub type Cell = Vec<Seg>;

pub fn cell(s: impl Into<String>) -> Cell {
    vec![Seg::Text(s.into())]
}

/// A bordered table with a shaded header row that repeats on every page; `weights` are
/// relative widths of a text block `width` twips wide. Rows never split across pages.
pub fn table(header: &[&str], rows: Vec<Vec<Cell>>, weights: &[usize], width: usize) -> Table {
    table_sized(header, rows, weights, width, WUHAO)
}

pub fn table_sized(
    header: &[&str],
    rows: Vec<Vec<Cell>>,
    weights: &[usize],
    width: usize,
    size: usize,
) -> Table {
    let total: usize = weights.iter().sum::<usize>().max(1);
    let widths: Vec<usize> = weights.iter().map(|w| width * w / total).collect();
    let width_of = |i: usize| widths.get(i).copied().unwrap_or(width / 4);
    let cell_para = Para::FORM.size(size).exact_none_auto(240);
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
                            cell_para
                                .font(FONT_HEADING)
                                .align(AlignmentType::Center)
                                .text(*h),
                        )
                })
                .collect(),
        )
        .cant_split()
        // Marker turned into <w:tblHeader/> by `pack` (docx-rs has no repeat-header API).
        .grid_before(0),
    );
    for row in rows {
        out.push(
            TableRow::new(
                row.iter()
                    .enumerate()
                    .map(|(i, c)| {
                        TableCell::new()
                            .width(width_of(i), WidthType::Dxa)
                            .add_paragraph(cell_para.build(c))
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(out)
        .set_grid(widths.clone())
        .width(width, WidthType::Dxa)
}

impl Para {
    fn exact_none_auto(self, auto: i32) -> Para {
        Para {
            exact: None,
            auto,
            ..self
        }
    }
}

/// A two-column key / value form table (申请表): labels shaded, values as given.
pub fn form_table(rows: Vec<(String, Cell)>, width: usize) -> Table {
    let w1 = width * 26 / 100;
    let w2 = width - w1;
    let p = Para::FORM.size(XIAOSI).exact_none_auto(260);
    let rows = rows
        .into_iter()
        .map(|(k, v)| {
            TableRow::new(vec![
                TableCell::new()
                    .width(w1, WidthType::Dxa)
                    .shading(Shading::new().fill("F2F2F2"))
                    .add_paragraph(p.font(FONT_HEADING).text(k)),
                TableCell::new()
                    .width(w2, WidthType::Dxa)
                    .add_paragraph(p.build(&v)),
            ])
            .cant_split()
        })
        .collect();
    Table::new(rows)
        .set_grid(vec![w1, w2])
        .width(width, WidthType::Dxa)
}

/// Signature lines of a form (after an optional lead sentence such as a commitment) as ONE
/// paragraph that cannot split, kept with the closing line after it, so a page never holds
/// only a signature block or only the closing line. (LibreOffice ignores keep-with-next on a
/// paragraph that directly follows a table, so the lead sentence is part of the block.)
pub fn form_signature(
    lead: Option<&str>,
    lines: &[(String, String)],
    width: usize,
) -> Vec<Paragraph> {
    let run = |s: &str| {
        Run::new()
            .size(SIHAO)
            .fonts(fonts(FONT_BODY))
            .add_text(tighten(&xml_safe(s)))
    };
    let mut p = Para::FORM
        .before(240)
        .keep()
        .exact_none_auto(360)
        .build(&[]);
    p = p.add_tab(Tab::new().val(TabValueType::Left).pos(width / 2));
    let mut first = true;
    if let Some(lead) = lead {
        p = p.add_run(run(lead));
        first = false;
    }
    for (l, r) in lines {
        if !first {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        first = false;
        p = p.add_run(run(l));
        if !r.is_empty() {
            p = p.add_run(Run::new().add_tab()).add_run(run(r));
        }
    }
    vec![p]
}

/// The page number `— 1 —` (GB/T 9704 7.5): 宋体 四号, odd pages right and even pages left,
/// one character in from the text block's edge.
fn page_number(even: bool) -> Footer {
    let one = chars(1, SIHAO);
    let (align, left, right) = if even {
        (AlignmentType::Left, one, 0)
    } else {
        (AlignmentType::Right, 0, one)
    };
    let r = || Run::new().size(SIHAO).fonts(fonts(FONT_SONG));
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(align)
            .indent(Some(left), None, Some(right), None)
            .add_run(r().add_text("— "))
            .add_page_num(PageNum::new())
            .add_run(r().add_text(" —")),
    )
}

fn base(landscape: bool) -> Docx {
    let mut doc = Docx::new()
        .default_fonts(fonts(FONT_BODY))
        .default_size(SANHAO)
        .footer(page_number(false))
        .even_footer(page_number(true));
    if landscape {
        doc = doc
            .page_size(A4_H, A4_W)
            .page_orient(PageOrientationType::Landscape)
            .page_margin(
                PageMargin::new()
                    .top(1134)
                    .bottom(1134)
                    .left(1134)
                    .right(1134)
                    .header(567)
                    .footer(567),
            );
    } else {
        doc = doc.page_size(A4_W, A4_H).page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(851)
                // The number's top sits 7 mm below the text block.
                .footer(1247)
                .gutter(0),
        );
    }
    doc
}

/// A 公文 page set: A4, GB/T 9704 margins, 22 lines per page, `— 1 —` page numbers.
pub fn gongwen() -> Docx {
    let mut doc = base(false);
    doc.document.section_property = doc.document.section_property.clone().doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(GONGWEN_LINE as usize),
    );
    doc
}

/// A form page set: A4 portrait with the 公文 margins, or landscape with 20 mm margins.
pub fn form(landscape: bool) -> Docx {
    base(landscape)
}

/// What `docProps/core.xml` says about a document.
#[derive(Debug, Clone)]
pub struct Props {
    pub title: String,
    /// The notice number (包府办发〔2022〕55号).
    pub subject: String,
    /// The widget's name and version.
    pub creator: String,
    /// Edition id, as-of date, content hash.
    pub description: String,
    pub keywords: String,
    /// W3CDTF, e.g. `2025-06-30T09:15:00Z`: the generation time passed in.
    pub created: String,
}

impl Props {
    pub fn core_xml(&self) -> String {
        format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                "\n",
                r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
                "<dc:title>{title}</dc:title>",
                "<dc:subject>{subject}</dc:subject>",
                "<dc:creator>{creator}</dc:creator>",
                "<cp:keywords>{keywords}</cp:keywords>",
                "<dc:description>{description}</dc:description>",
                "<cp:lastModifiedBy>{creator}</cp:lastModifiedBy>",
                "<cp:revision>1</cp:revision>",
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>"#,
                r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>"#,
                "<dc:language>zh-CN</dc:language>",
                "</cp:coreProperties>"
            ),
            title = xml_escape(&self.title),
            subject = xml_escape(&self.subject),
            creator = xml_escape(&self.creator),
            keywords = xml_escape(&self.keywords),
            description = xml_escape(&self.description),
            created = xml_escape(&self.created),
        )
    }
}

/// `word/fontTable.xml`: every face of [`FONT_TABLE`] with its fallback and the GB2312 charset.
fn font_table_xml() -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    for (name, alt, family) in FONT_TABLE {
        s.push_str(&format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>"#
        ));
    }
    s.push_str(r#"<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#);
    s.push_str("</w:fonts>");
    s
}

/// Pack a document into .docx bytes with its properties, font table and repeated table
/// headers.
pub fn pack(doc: Docx, props: &Props) -> Result<Vec<u8>, PackageError> {
    let mut xml = doc.build();
    xml.doc_props.core = props.core_xml().into_bytes();
    xml.font_table = font_table_xml().into_bytes();
    let document = String::from_utf8(std::mem::take(&mut xml.document))
        .map_err(|e| PackageError::Docx(e.to_string()))?;
    xml.document = document
        .replace(r#"<w:gridBefore w:val="0" />"#, "<w:tblHeader />")
        .into_bytes();
    let mut buf = Cursor::new(Vec::new());
    xml.pack(&mut buf)
        .map_err(|e| PackageError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}
