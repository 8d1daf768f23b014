//! Roster import (feature `docs`): read 入驻机构花名册 rows from a spreadsheet as staff keep
//! them — .xlsx (also .xls / .xlsb / .ods) through calamine, or .csv in UTF-8, UTF-16 (with
//! BOM) or GBK / GB18030 (what Excel in China saves), comma, semicolon or tab separated.
//!
//! The header row is found among the first rows and matched tolerantly (单位名称 / 机构名称,
//! 统一社会信用代码 / 信用代码, 营业收入 / 年营业收入 (元 or 万元), 服务业态, 是否人力资源服务企业,
//! 主营业务 …, plus the edition's own column labels; the table's other declared columns by their
//! labels, typed by their kind). Problems are reported per row — a bad
//! USCC check character, a revenue that is not a number, a duplicate code, an unknown service
//! format — and never reject the other rows. Every non-empty row is returned, in file order;
//! each error names its row as numbered in the file (1-based) and its index in `rows`, so the
//! user can fix or drop it.
//!
//! Pure: bytes in, data out. Only a file that cannot be read at all is an error.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Cursor;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::answers::AnswersKind;
use crate::engine::limits::{self, MAX_CSV_BYTES, MAX_ROWS};
use crate::engine::quantity::{self, QuantityError, QuantityKind};
use crate::engine::store::{AnswerStore, Row, Value};
use crate::engine::Answer;
use crate::policy::Edition;

use super::uscc;

#[path = "workbook_check.rs"]
mod workbook_check;

/// The roster fields a column can map to (names as in `park.roster[]`).
pub const FIELDS: [&str; 7] = [
    "name",
    "uscc",
    "service_format",
    "hr_service_firm",
    "hr_licence",
    "revenue_yuan",
    "main_business",
];

/// Common column names per field, besides the edition's own labels. Compared after
/// [`normalise_header`]; longer names are tried first when a header only contains one.
const ALIASES: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "单位名称",
            "机构名称",
            "企业名称",
            "公司名称",
            "入驻机构名称",
            "入驻机构",
            "入驻单位",
            "入驻企业",
            "名称",
            "name",
            "organisation",
            "organization",
            "company",
            "companyname",
        ],
    ),
    (
        "uscc",
        &[
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "统一信用代码",
            "统一代码",
            "uscc",
            "creditcode",
            "unifiedsocialcreditcode",
        ],
    ),
    (
        "service_format",
        &[
            "服务业态",
            "业态",
            "服务类型",
            "业务类型",
            "业态类型",
            "serviceformat",
            "format",
        ],
    ),
    (
        "hr_service_firm",
        &[
            "是否人力资源服务企业",
            "是否为人力资源服务企业",
            "是否人力资源服务机构",
            "是否为人力资源服务机构",
            "人力资源服务企业",
            "是否人力资源企业",
            "hrservicefirm",
            "hrfirm",
        ],
    ),
    (
        "hr_licence",
        &[
            "是否持有人力资源服务许可证或备案",
            "人力资源服务许可证或备案",
            "人力资源服务许可证",
            "人力资源服务许可",
            "许可证或备案",
            "许可备案",
            "hrlicence",
            "hrlicense",
        ],
    ),
    (
        "revenue_yuan",
        &[
            "营业收入",
            "年营业收入",
            "年度营业收入",
            "营收",
            "年营收",
            "收入",
            "revenue",
            "operatingrevenue",
            "revenueyuan",
        ],
    ),
    (
        "main_business",
        &[
            "主营业务",
            "主要业务",
            "经营范围",
            "主营",
            "mainbusiness",
            "business",
        ],
    ),
];

/// A problem with one row; the row is still returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// The row as numbered in the file (1-based; a spreadsheet's row number, a CSV's line).
    pub row: usize,
    /// Index of the row in [`Import::rows`].
    pub index: usize,
    /// The roster field (`uscc`, `revenue_yuan`, …).
    pub field: String,
    pub message_zh: String,
    pub message_en: String,
}

/// A file row left out, and why (a title line above the header, a totals or signature line, the
/// template's example row), so the user is told what was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedRow {
    /// The row as numbered in the file (1-based).
    pub row: usize,
    pub message_zh: String,
    pub message_en: String,
}

/// Where the rows came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSource {
    /// `csv` or `workbook`.
    pub kind: String,
    /// For CSV: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GBK` (decoded as GB18030, its superset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// For a workbook: the sheet read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The header row, 1-based as in the file.
    pub header_row: usize,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Import {
    /// Every non-empty data row, in file order (rows with errors included): rows of the
    /// edition's roster table (`park.roster`), cells by column key.
    pub rows: Vec<Row>,
    pub errors: Vec<RowError>,
    /// Matched header text → roster field.
    pub columns: BTreeMap<String, String>,
    /// File rows left out because they are totals or signature lines (1-based).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped_rows: Vec<usize>,
    /// Every non-empty file row not read as a roster row, with the reason: title lines above the
    /// header, totals and signature lines, the template's example row.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedRow>,
    /// What was changed in rows that are otherwise fine (control characters removed …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<RowError>,
    pub source: ImportSource,
}

impl Import {
    /// The rows without an error, for "drop the bad ones".
    pub fn good_rows(&self) -> Vec<Row> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.errors.iter().any(|e| e.index == *i))
            .map(|(_, r)| r.clone())
            .collect()
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing in it.
    Empty,
    /// Neither CSV text nor a workbook calamine can open.
    Unreadable(String),
    /// No row looks like a roster header.
    NoHeader,
    /// A CSV file over [`MAX_CSV_BYTES`] (its size in bytes), refused before it is read.
    CsvTooLarge(usize),
    /// More data rows than a table takes ([`MAX_ROWS`]); `n` is how many were counted before
    /// reading stopped (at least `MAX_ROWS + 1`).
    TooManyRows(usize),
    /// A workbook the check refused: what is wrong with it (a part too large, not well-formed,
    /// a DOCTYPE …), in English with the part named.
    Workbook(String),
}

impl ImportError {
    pub fn message_zh(&self) -> String {
        match self {
            ImportError::Empty => "文件为空。".into(),
            // The detail (`m`) comes from the readers in English: the Chinese message says what
            // to do instead of quoting it (one language per message).
            ImportError::Unreadable(_) => {
                "无法读取该文件：它不是可识别的 .xlsx、.xls、.ods 工作簿或 .csv 文本。请在 Excel 或 WPS 中打开后另存为 .xlsx 或 .csv（UTF-8）再导入。".into()
            }
            ImportError::NoHeader => format!(
                "未找到表头：前 {HEADER_SCAN_ROWS} 行中没有“机构名称”“统一社会信用代码”等列名。"
            ),
            ImportError::CsvTooLarge(n) => format!(
                "CSV 文件过大（{}），最多 {}：请分成几个文件导入，或另存为 .xlsx。",
                mb(*n),
                mb(MAX_CSV_BYTES)
            ),
            ImportError::TooManyRows(n) => format!(
                "行数过多（超过 {} 行，已读到 {n} 行），每个花名册最多 {MAX_ROWS} 行：请分批导入。",
                MAX_ROWS
            ),
            ImportError::Workbook(why) => {
                if why.contains(" MB") || why.contains("more than") {
                    "工作簿过大，无法读取（文件并未损坏）：其中某一部分超过 32 MB 或单元格过多。请删去多余的工作表或分批导入。".into()
                } else if why.contains("DOCTYPE") {
                    "工作簿含有 DOCTYPE 声明，Excel 和 WPS 不会写入这种内容，已拒绝读取。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。".into()
                } else {
                    "工作簿内容有误（可能已损坏或不完整），无法读取。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。".into()
                }
            }
        }
    }
    pub fn message_en(&self) -> String {
        match self {
            ImportError::Empty => "The file is empty.".into(),
            ImportError::Unreadable(m) => {
                format!("Cannot read this file (use .xlsx or .csv): {m}")
            }
            ImportError::NoHeader => format!(
                "No header row found: none of the first {HEADER_SCAN_ROWS} rows names columns such as 机构名称 (name) or 统一社会信用代码 (USCC)."
            ),
            ImportError::CsvTooLarge(n) => format!(
                "The CSV file is too large ({}); at most {}: split it into several files, or save it as .xlsx.",
                mb(*n),
                mb(MAX_CSV_BYTES)
            ),
            ImportError::TooManyRows(n) => format!(
                "Too many rows (more than {MAX_ROWS}; {n} read before stopping): a roster takes at most {MAX_ROWS} rows; import it in parts."
            ),
            ImportError::Workbook(why) => {
                if why.contains("larger than") {
                    format!("The workbook is too large to read (it is not damaged): {why}")
                } else if why.contains("DOCTYPE") {
                    format!("The workbook was refused: {why}")
                } else {
                    format!("The workbook's content is not valid, so it cannot be read: {why}")
                }
            }
        }
    }
}

/// `20 MB`, `1.5 MB`.
fn mb(bytes: usize) -> String {
    let tenths = bytes.saturating_mul(10) / (1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{} MB", tenths / 10)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message_zh(), self.message_en())
    }
}

impl std::error::Error for ImportError {}

/// How many rows from the top are searched for the header.
pub const HEADER_SCAN_ROWS: usize = 15;

/// Read a roster from `bytes`. The file name's extension is a hint; the bytes decide (a ZIP
/// or OLE signature is a workbook, anything else is CSV text).
pub fn import(bytes: &[u8], file_name: &str, edition: &Edition) -> Result<Import, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let workbook_ext = matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods");
    if is_zip || is_ole {
        import_workbook(bytes, edition)
    } else if bytes.len() > MAX_CSV_BYTES {
        // Refused before decoding: one 50 MB cell or a million rows must not take the memory
        // and the seconds to find out.
        Err(ImportError::CsvTooLarge(bytes.len()))
    } else if workbook_ext {
        Err(ImportError::Unreadable(format!(
            "“{file_name}” is not a valid .{ext} workbook"
        )))
    } else {
        import_csv(bytes, edition)
    }
}

/// Read a workbook (xlsx, xls, xlsb, ods): the first sheet with a roster header.
pub fn import_workbook(bytes: &[u8], edition: &Edition) -> Result<Import, ImportError> {
    use calamine::Reader;
    use workbook_check::Checked;
    // calamine reads only what `check_zip` checked (see src/roster/workbook_check.rs).
    let checked = workbook_check::check_zip(bytes).map_err(ImportError::Workbook)?;
    let opened = match checked {
        Checked::Zip(zip) => {
            calamine::open_workbook_auto_from_rs(Cursor::new(zip)).map_err(|e| e.to_string())
        }
        Checked::NotZip => calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
            .map_err(|e| e.to_string()),
        Checked::Xlsb => {
            calamine::open_workbook_from_rs::<calamine::Xlsb<_>, _>(Cursor::new(bytes.to_vec()))
                .map(calamine::Sheets::Xlsb)
                .map_err(|e| e.to_string())
        }
    };
    let mut wb = opened.map_err(ImportError::Unreadable)?;
    let sheets = wb.worksheets();
    if sheets.iter().all(|(_, r)| r.is_empty()) {
        return Err(ImportError::Empty);
    }
    for (name, range) in sheets {
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let grid: Vec<(usize, Vec<String>)> = range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                let mut line = vec![String::new(); col0 as usize];
                line.extend(cells.iter().map(cell_text));
                (row0 as usize + i + 1, line)
            })
            .collect();
        if let Some(result) = from_grid(&grid, edition, &OddLines::new()) {
            if result.rows.len() > MAX_ROWS {
                return Err(ImportError::TooManyRows(result.rows.len()));
            }
            return Ok(result.into_import(ImportSource {
                kind: "workbook".into(),
                encoding: None,
                sheet: Some(name),
                header_row: 0,
            }));
        }
    }
    Err(ImportError::NoHeader)
}

/// A cell as text. Numbers keep their shortest round-trip form (`3250000`, `12.5`), so a
/// revenue read from a float cell is the number Excel shows, not a binary approximation.
fn cell_text(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Decode CSV bytes: BOM first (UTF-8, UTF-16), then strict UTF-8, else GBK (as GB18030).
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let name = if enc == encoding_rs::UTF_8 {
            "UTF-8"
        } else if enc == encoding_rs::UTF_16LE {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        return (text.into_owned(), name);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "GBK")
        }
    }
}

/// Decode CSV bytes line by line: BOM first (UTF-8, UTF-16); then UTF-8 if the whole file is;
/// else, when some lines are UTF-8 with Chinese text, the file is UTF-8 and each other line is
/// odd (read as GBK if it is, else with replacement characters); else GBK (as GB18030), lines
/// that are not GBK either being odd. The odd lines are reported on their rows, never imported
/// silently as mojibake.
pub fn decode_lines(bytes: &[u8]) -> (String, &'static str, OddLines) {
    let mut odd = OddLines::new();
    if encoding_rs::Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok() {
        let (text, name) = decode_text(bytes);
        return (text, name, odd);
    }
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let utf8_file = lines
        .iter()
        .any(|l| !l.is_ascii() && std::str::from_utf8(l).is_ok());
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let n = i + 1;
        if utf8_file {
            if let Ok(s) = std::str::from_utf8(line) {
                text.push_str(s);
                continue;
            }
        }
        let (decoded, _, malformed) = encoding_rs::GB18030.decode(line);
        if malformed {
            odd.insert(n, OddLine::Invalid);
            text.push_str(&String::from_utf8_lossy(line));
        } else {
            if utf8_file {
                odd.insert(n, OddLine::Gbk);
            }
            text.push_str(&decoded);
        }
    }
    (text, if utf8_file { "UTF-8" } else { "GBK" }, odd)
}

/// Read CSV text (comma, semicolon or tab separated).
pub fn import_csv(bytes: &[u8], edition: &Edition) -> Result<Import, ImportError> {
    let (text, encoding, odd) = decode_lines(bytes);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let delimiter = guess_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    // Line numbers from byte offsets (csv's own line count is off with CRLF line ends).
    let (mut line, mut counted_to) = (1usize, 0usize);
    for (i, rec) in reader.records().enumerate() {
        match rec {
            Ok(r) => {
                // A record's position may point at the line end before it: skip to its text.
                let start = r.position().map(|p| {
                    let mut at = p.byte() as usize;
                    while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
                        at += 1;
                    }
                    at
                });
                let line = match start {
                    Some(at) if at >= counted_to && at <= text.len() => {
                        line += line_ends(text.as_bytes(), counted_to, at);
                        counted_to = at;
                        line
                    }
                    _ => i + 1,
                };
                grid.push((line, r.iter().map(str::to_string).collect::<Vec<_>>()));
            }
            Err(e) => return Err(ImportError::Unreadable(e.to_string())),
        }
        // Stop reading once the file has more rows than a roster takes (plus room for title
        // and header lines above the table).
        if grid.len() > MAX_ROWS + HEADER_SCAN_ROWS {
            return Err(ImportError::TooManyRows(grid.len()));
        }
    }
    // Which records hold an odd line: a record runs from its line to the next record's.
    let mut odd_records = OddLines::new();
    for (i, (line, _)) in grid.iter().enumerate() {
        let end = grid.get(i + 1).map_or(usize::MAX, |(next, _)| *next);
        if let Some((_, kind)) = odd.range(*line..end.max(*line + 1)).next() {
            odd_records.insert(*line, *kind);
        }
    }
    let result = from_grid(&grid, edition, &odd_records).ok_or(ImportError::NoHeader)?;
    if result.rows.len() > MAX_ROWS {
        return Err(ImportError::TooManyRows(result.rows.len()));
    }
    Ok(result.into_import(ImportSource {
        kind: "csv".into(),
        encoding: Some(encoding.into()),
        sheet: None,
        header_row: 0,
    }))
}

/// The separator of a CSV text: the one used most on the first line that has any (the header,
/// or a title line written with separators). Not simply the first line: a one-cell title line
/// (某某产业园入驻企业花名册) has no separator at all. A tie goes to the comma, then tab,
/// semicolon, bar.
fn guess_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 4] = [b',', b'\t', b';', b'|'];
    let Some(line) = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(HEADER_SCAN_ROWS)
        .find(|l| l.bytes().any(|b| CANDIDATES.contains(&b)))
    else {
        return b',';
    };
    let mut best = (b',', 0usize);
    for d in CANDIDATES {
        let n = line.bytes().filter(|b| *b == d).count();
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// Line ends in `bytes[from..to]`: LF, CRLF (counted once) and a lone CR, as the CSV reader
/// treats them.
fn line_ends(bytes: &[u8], from: usize, to: usize) -> usize {
    (from..to)
        .filter(|&i| match bytes[i] {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        })
        .count()
}

/// A header cell reduced for comparison: no spaces, `*` marks, brackets with their contents
/// (units such as （元）), underscores or case.
pub fn normalise_header(h: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in h.chars() {
        match ch {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '*' | '_' | '-' | '：' | ':' | '?' | '？') => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The roster table's answer path (the table the edition's roster tests name, `park.roster`).
fn roster_table(edition: &Edition) -> &str {
    crate::engine::wizard::roster_table(edition).unwrap_or("park.roster")
}

/// The declared columns of the roster table that [`FIELDS`] does not know (a successor's
/// `staff`), by key: read by their declaration (labels, kind), not dropped in silence.
fn declared_columns(edition: &Edition) -> Vec<(&str, &crate::policy::Question)> {
    edition
        .question(roster_table(edition))
        .map(|t| {
            t.columns
                .iter()
                .filter_map(|c| Some((c.path.rsplit_once("[].")?.1, c)))
                .filter(|(k, _)| !FIELDS.contains(k))
                .collect()
        })
        .unwrap_or_default()
}

/// The alias table plus the edition's own column labels (`park.roster[].*`), and the labels
/// and keys of the table's other declared columns.
fn aliases(edition: &Edition) -> Vec<(String, &str)> {
    let table = roster_table(edition);
    let mut out: Vec<(String, &str)> = Vec::new();
    for (field, names) in ALIASES {
        out.push((normalise_header(field), field));
        for n in *names {
            out.push((normalise_header(n), field));
        }
        if let Some(q) = edition.question(&format!("{table}[].{field}")) {
            out.push((normalise_header(&q.label.zh), field));
            out.push((normalise_header(&q.label.en), field));
        }
    }
    for (key, q) in declared_columns(edition) {
        out.push((normalise_header(key), key));
        out.push((normalise_header(&q.label.zh), key));
        out.push((normalise_header(&q.label.en), key));
    }
    out.retain(|(a, _)| !a.is_empty());
    out
}

/// Map the cells of one row to fields: exact names first, then the longest name contained
/// in a header. Each field and each column is used once.
fn match_header<'e>(cells: &[String], edition: &'e Edition) -> BTreeMap<usize, &'e str> {
    let names = aliases(edition);
    let norm: Vec<String> = cells.iter().map(|c| normalise_header(c)).collect();
    let mut by_col: BTreeMap<usize, &'e str> = BTreeMap::new();
    let mut used: Vec<&'e str> = Vec::new();
    for (i, h) in norm.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        if let Some((_, f)) = names.iter().find(|(a, f)| a == h && !used.contains(f)) {
            by_col.insert(i, f);
            used.push(f);
        }
    }
    let mut by_len: Vec<&(String, &'e str)> = names.iter().collect();
    by_len.sort_by_key(|(a, _)| std::cmp::Reverse(a.chars().count()));
    for (i, h) in norm.iter().enumerate() {
        if h.is_empty() || by_col.contains_key(&i) {
            continue;
        }
        // Short aliases (名称, 收入, 业态) only count inside short headers, so that a long
        // sentence in a title row is not taken for a header.
        if let Some((_, f)) = by_len.iter().find(|(a, f)| {
            !used.contains(f)
                && h.contains(a.as_str())
                && h.chars().count() <= a.chars().count() + 8
        }) {
            by_col.insert(i, f);
            used.push(f);
        }
    }
    by_col
}

type Grid = [(usize, Vec<String>)];

/// What [`from_grid`] read under the header it found.
struct GridResult {
    rows: Vec<Row>,
    errors: Vec<RowError>,
    columns: BTreeMap<String, String>,
    skipped_rows: Vec<usize>,
    skipped: Vec<SkippedRow>,
    header_row: usize,
    notes: Vec<RowError>,
}

impl GridResult {
    fn into_import(self, source: ImportSource) -> Import {
        Import {
            rows: self.rows,
            errors: self.errors,
            columns: self.columns,
            skipped_rows: self.skipped_rows,
            skipped: self.skipped,
            notes: self.notes,
            source: ImportSource {
                header_row: self.header_row,
                ..source
            },
        }
    }
}

/// Lines of a CSV file not in the file's encoding (1-based line → what is wrong).
pub type OddLines = BTreeMap<usize, OddLine>;

/// A line whose bytes are not in the encoding of the rest of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OddLine {
    /// Not UTF-8 in a UTF-8 file, but reads as GBK: read as GBK, to be checked.
    Gbk,
    /// Neither the file's encoding nor GBK: characters were replaced (�).
    Invalid,
}

/// Find the header among the first rows (the one matching most fields, at least a name or
/// code column and two fields in all), then read the rows below it.
fn from_grid(grid: &Grid, edition: &Edition, odd: &OddLines) -> Option<GridResult> {
    let mut best: Option<(usize, BTreeMap<usize, &str>)> = None;
    for (i, (_, cells)) in grid.iter().enumerate().take(HEADER_SCAN_ROWS) {
        let m = match_header(cells, edition);
        let has_key = m.values().any(|f| *f == "name" || *f == "uscc");
        if has_key && m.len() >= 2 && best.as_ref().is_none_or(|(_, b)| m.len() > b.len()) {
            best = Some((i, m));
        }
    }
    let (hi, map) = best?;
    let header_cells = &grid[hi].1;
    let columns: BTreeMap<String, String> = map
        .iter()
        .map(|(c, f)| {
            (
                header_cells
                    .get(*c)
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default(),
                f.to_string(),
            )
        })
        .collect();
    // Revenue in 万元 when the header says so.
    let revenue_in_wan = map
        .iter()
        .find(|(_, f)| **f == "revenue_yuan")
        .and_then(|(c, _)| header_cells.get(*c))
        .is_some_and(|h| h.contains("万元") || h.contains("万"));
    let col_of = |field: &str| map.iter().find(|(_, f)| **f == field).map(|(c, _)| *c);
    let mut cols: HashMap<&str, Option<usize>> = FIELDS.iter().map(|f| (*f, col_of(f))).collect();
    let cols_extra: Vec<&str> = map
        .values()
        .copied()
        .filter(|f| !FIELDS.contains(f))
        .collect();
    for f in &cols_extra {
        cols.insert(f, col_of(f));
    }

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    let mut skipped_rows = Vec::new();
    // Lines above the header with text in them: a title (某某产业园入驻企业花名册), a date or unit
    // line. Not read as rows, and said.
    let mut skipped: Vec<SkippedRow> = grid[..hi]
        .iter()
        .filter_map(|(line, cells)| {
            let text: Vec<&str> = cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect();
            (!text.is_empty()).then(|| {
                let shown = short(&text.join(" "));
                SkippedRow {
                    row: *line,
                    message_zh: format!("“{shown}”在表头之上，视为标题，未作为机构导入"),
                    message_en: format!(
                        "“{shown}” is above the header: read as a title, not as a firm"
                    ),
                }
            })
        })
        .collect();
    let mut seen_codes: HashMap<String, usize> = HashMap::new();
    let table = roster_table(edition);
    let extra: Vec<(&str, &crate::policy::Question)> = declared_columns(edition)
        .into_iter()
        .filter(|(k, _)| cols_extra.contains(k))
        .collect();
    // One scratch row the extra cells are typed in (only when there are such columns).
    let mut scratch = AnswerStore::new(edition, AnswersKind::Park);
    if !extra.is_empty() && scratch.add_row(table).is_err() {
        return None;
    }
    for (line, cells) in &grid[hi + 1..] {
        let get = |field: &str| -> String {
            cols.get(field)
                .copied()
                .flatten()
                .and_then(|c| cells.get(c))
                .map(|s| clean_cell(s))
                .unwrap_or_default()
        };
        let values: Vec<String> = FIELDS
            .iter()
            .chain(cols_extra.iter())
            .map(|f| get(f))
            .collect();
        if values.iter().all(|v| v.is_empty()) {
            continue;
        }
        if is_totals_or_signature(cells, &values) {
            skipped_rows.push(*line);
            skipped.push(SkippedRow {
                row: *line,
                message_zh: "合计行或签字盖章行，未作为机构导入".into(),
                message_en: "a totals or signature line, not read as a firm".into(),
            });
            continue;
        }
        if values.first().is_some_and(|n| n == TEMPLATE_EXAMPLE_NAME) {
            skipped.push(SkippedRow {
                row: *line,
                message_zh: "模板的示例行，未导入".into(),
                message_en: "the template's example row, not imported".into(),
            });
            continue;
        }
        let index = rows.len();
        let mut err = |field: &str, zh: String, en: String| {
            errors.push(RowError {
                row: *line,
                index,
                field: field.to_string(),
                message_zh: zh,
                message_en: en,
            })
        };
        match odd.get(line) {
            Some(OddLine::Gbk) => err(
                "name",
                "此行不是 UTF-8 编码（文件其余部分是），已按 GBK 读取：请核对文字是否正确".into(),
                "this line is not UTF-8 like the rest of the file; it was read as GBK: check its text".into(),
            ),
            Some(OddLine::Invalid) => err(
                "name",
                "此行含有无法识别的编码，部分文字已替换为 �：请修正后重新导入".into(),
                "this line has bytes in no known encoding; some characters were replaced by �: fix it and import again".into(),
            ),
            None => {}
        }
        // Texts lose control and bidi characters (said in a note) and are cut to their bound
        // (an error on the row): a name never hides text, reverses it, or breaks a document.
        let mut text_cell =
            |field: &str, errors_here: &mut Vec<(String, String, String)>| -> String {
                let raw = get(field);
                let (clean, removed) = limits::clean_text(&raw);
                let mut value = clean.into_owned();
                if removed.any() {
                    notes.push(RowError {
                        row: *line,
                        index,
                        field: field.to_string(),
                        message_zh: format!(
                            "已删除 {} 个不可见的控制字符",
                            removed.controls + removed.bidi
                        ),
                        message_en: format!(
                            "{} invisible control character(s) removed",
                            removed.controls + removed.bidi
                        ),
                    });
                }
                let max = limits::max_chars(field);
                let n = value.chars().count();
                if n > max {
                    value = value.chars().take(max).collect();
                    let m = limits::too_long(n, max);
                    errors_here.push((
                        field.to_string(),
                        format!("{}，已截断", m.zh),
                        format!("{}; cut short", m.en),
                    ));
                }
                value
            };
        let mut text_errors = Vec::new();
        let name = text_cell("name", &mut text_errors);
        let main_business = text_cell("main_business", &mut text_errors);
        for (field, zh, en) in text_errors {
            err(&field, zh, en);
        }
        if name.is_empty() {
            err(
                "name",
                "缺少机构名称".into(),
                "the organisation's name is missing".into(),
            );
        }
        // 统一社会信用代码: spaces removed, upper case; checked, duplicates flagged.
        let code: String = get("uscc")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase();
        if code.is_empty() {
            err(
                "uscc",
                "缺少统一社会信用代码".into(),
                "the USCC is missing".into(),
            );
        } else {
            if let Err(e) = uscc::validate(&code) {
                err("uscc", e.zh(), e.to_string());
            }
            match seen_codes.get(&code) {
                Some(first) => err(
                    "uscc",
                    format!("统一社会信用代码与第 {first} 行重复"),
                    format!("duplicate USCC: same as row {first}"),
                ),
                None => {
                    seen_codes.insert(code.clone(), *line);
                }
            }
        }
        // Name and code are always there (empty when the file has none), as the table's key
        // columns; the business only when given.
        let mut row = Row::default()
            .with("name", Answer::Value(Value::Text(name)))
            .with("uscc", Answer::Value(Value::Text(code)));
        if !main_business.is_empty() {
            row = row.with("main_business", Answer::Value(Value::Text(main_business)));
        }

        let fmt = get("service_format");
        if !fmt.is_empty() {
            match service_format_id(&fmt, edition) {
                Some(id) => row = row.with("service_format", Answer::Value(Value::Choice(id))),
                None => {
                    let known: Vec<&str> = edition
                        .service_formats
                        .iter()
                        .map(|f| f.label.zh.as_str())
                        .collect();
                    err(
                        "service_format",
                        format!("无法识别的服务业态“{fmt}”，应为：{}", known.join("、")),
                        format!(
                            "unknown service format {fmt:?}; expected one of: {}",
                            edition
                                .service_formats
                                .iter()
                                .map(|f| f.label.en.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                }
            }
        }

        let hr = get("hr_service_firm");
        if !hr.is_empty() {
            match yes_no(&hr) {
                Some(b) => row = row.with("hr_service_firm", Answer::Value(Value::Bool(b))),
                None => err(
                    "hr_service_firm",
                    format!("“{hr}”应为“是”或“否”"),
                    format!("{hr:?} should be yes or no (是 / 否)"),
                ),
            }
        }

        let licence = get("hr_licence");
        if !licence.is_empty() {
            match yes_no(&licence) {
                Some(b) => row = row.with("hr_licence", Answer::Value(Value::Bool(b))),
                None => err(
                    "hr_licence",
                    format!("“{licence}”应为“是”或“否”"),
                    format!("{licence:?} should be yes or no (是 / 否)"),
                ),
            }
        }

        let revenue = get("revenue_yuan");
        if !revenue.is_empty() {
            match parse_money(&revenue, revenue_in_wan) {
                Ok(y) => row = row.with("revenue_yuan", Answer::Value(Value::Money(y))),
                Err(e) => {
                    let m = e.message(QuantityKind::Money);
                    err(
                        "revenue_yuan",
                        format!("营业收入“{revenue}”：{}", m.zh),
                        format!("revenue {revenue:?}: {}", m.en),
                    )
                }
            }
        }
        // The table's other declared columns, each typed as the form types it (the store's
        // `set_text` on a scratch row): a cell it refuses is a row problem, not a silent gap.
        for (key, q) in &extra {
            let text = get(key);
            if text.is_empty() {
                continue;
            }
            // A choice may be written by its option's label.
            let text = q
                .options
                .iter()
                .find(|o| o.label.zh == text || o.label.en.eq_ignore_ascii_case(&text))
                .map_or(text.clone(), |o| o.id.clone());
            match scratch.set_text(&format!("{table}[0].{key}"), &text) {
                Ok(()) => {
                    let cell = scratch.rows(table).first().map(|r| r.get(key).clone());
                    if let Some(a) = cell {
                        row = row.with(key, a);
                    }
                }
                Err(m) => err(
                    key,
                    format!("{}“{text}”：{}", q.label.zh, m.zh),
                    format!("{} {text:?}: {}", q.label.en, m.en),
                ),
            }
        }
        rows.push(row);
    }
    Some(GridResult {
        rows,
        errors,
        columns,
        skipped_rows,
        skipped,
        header_row: grid[hi].0,
        notes,
    })
}

/// A line's text cut to 30 characters for a message.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        out.push('…');
    }
    out
}

/// The name in the template's example row ([`crate::package::roster_template`]): a row with this
/// name is the example, left out when the template is imported.
pub const TEMPLATE_EXAMPLE_NAME: &str = "（示例，导入时跳过）包头某某人力资源服务有限公司";

/// Trimmed cell text; the package's own 【待填写】 placeholders read as empty.
fn clean_cell(s: &str) -> String {
    let t = s.trim().trim_matches('\u{feff}').trim();
    if t.starts_with("【待填写") || t == "—" || t == "-" {
        String::new()
    } else {
        t.to_string()
    }
}

fn is_totals_or_signature(cells: &[String], values: &[String]) -> bool {
    let first_two = cells.iter().take(2).map(|c| normalise_header(c));
    let totals = first_two
        .into_iter()
        .any(|c| matches!(c.as_str(), "合计" | "总计" | "小计" | "total" | "sum"));
    let sign = values
        .first()
        .is_some_and(|n| n.contains("签字") || n.contains("盖章"))
        && values.iter().skip(1).all(|v| v.is_empty());
    totals || sign
}

fn yes_no(s: &str) -> Option<bool> {
    let t = s.trim().to_lowercase();
    match t.as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" | "✓" | "✔" | "对" | "有" => Some(true),
        "否" | "n" | "no" | "false" | "0" | "×" | "✗" | "x" | "不是" | "非" | "无" => {
            Some(false)
        }
        _ => None,
    }
}

/// `1,234,567.50`, `3250000元`, `￥12.5万` (→ 125000), `12.5` with a 万元 header: the core's
/// one quantity reader; an empty cell here was filtered out before.
fn parse_money(s: &str, in_wan: bool) -> Result<Decimal, QuantityError> {
    let scale = if in_wan {
        Decimal::from(10_000)
    } else {
        Decimal::ONE
    };
    quantity::read_scaled(QuantityKind::Money, s, scale)?.ok_or(QuantityError::NotANumber)
}

/// The edition's service-format id for a cell: its id, its Chinese or English label (or the
/// label without 服务), the plan's numbering (1–6), or one of its typical activities.
fn service_format_id(cell: &str, edition: &Edition) -> Option<String> {
    let c = normalise_header(cell);
    let formats = &edition.service_formats;
    if let Ok(n) = c.parse::<usize>() {
        return formats.get(n.checked_sub(1)?).map(|f| f.id.clone());
    }
    for f in formats {
        let zh = normalise_header(&f.label.zh);
        if c == normalise_header(&f.id)
            || c == zh
            || c == normalise_header(&f.label.en)
            || c == zh.trim_end_matches("服务")
        {
            return Some(f.id.clone());
        }
    }
    for f in formats {
        let zh = normalise_header(&f.label.zh);
        if c.contains(&zh) || (c.chars().count() >= 2 && zh.contains(&c)) {
            return Some(f.id.clone());
        }
    }
    for f in formats {
        let hit = f
            .examples
            .zh
            .split(['、', '，', ',', '；', ';', '/', ' ', '（', '）', '(', ')'])
            .map(normalise_header)
            .filter(|x| x.chars().count() >= 2)
            .any(|x| c == x || c.contains(&x));
        if hit {
            return Some(f.id.clone());
        }
    }
    None
}

// --- issue 16: a workbook of parks (src/roster/parks.rs) is read through the same checked path ---

/// A sheet's rows as cell text, each with its 1-based row number.
pub type SheetRows = Vec<(usize, Vec<String>)>;

/// Every sheet of a workbook (xlsx, xls, xlsb, ods) as rows of cell text, read only after
/// `workbook_check` has checked it, like a roster.
pub fn workbook_sheets(bytes: &[u8]) -> Result<Vec<(String, SheetRows)>, ImportError> {
    use calamine::Reader;
    use workbook_check::Checked;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    let checked = workbook_check::check_zip(bytes)
        .map_err(|why| ImportError::Unreadable(format!("damaged workbook: {why}")))?;
    let opened = match checked {
        Checked::Zip(zip) => {
            calamine::open_workbook_auto_from_rs(Cursor::new(zip)).map_err(|e| e.to_string())
        }
        Checked::NotZip => calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
            .map_err(|e| e.to_string()),
        Checked::Xlsb => {
            calamine::open_workbook_from_rs::<calamine::Xlsb<_>, _>(Cursor::new(bytes.to_vec()))
                .map(calamine::Sheets::Xlsb)
                .map_err(|e| e.to_string())
        }
    };
    let mut wb = opened.map_err(ImportError::Unreadable)?;
    Ok(wb
        .worksheets()
        .into_iter()
        .map(|(name, range)| {
            let (row0, col0) = range.start().unwrap_or((0, 0));
            let rows = range
                .rows()
                .enumerate()
                .map(|(i, cells)| {
                    let mut line = vec![String::new(); col0 as usize];
                    line.extend(cells.iter().map(cell_text));
                    (row0 as usize + i + 1, line)
                })
                .collect();
            (name, rows)
        })
        .collect())
}

/// The roster under the first roster header among `rows` (a parks workbook sheet's rows after
/// its 入驻机构花名册 mark): rows, and the problems of rows (the rows are kept).
pub fn roster_from_rows(
    rows: &[(usize, Vec<String>)],
    edition: &Edition,
) -> Option<(Vec<Row>, Vec<RowError>)> {
    from_grid(rows, edition, &OddLines::new()).map(|g| (g.rows, g.errors))
}

/// A yes/no cell (是 / 否 / √ / ×, yes / no …).
pub fn yes_no_cell(s: &str) -> Option<bool> {
    yes_no(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalise() {
        assert_eq!(normalise_header(" 年度营业收入（元）* "), "年度营业收入");
        assert_eq!(normalise_header("USCC"), "uscc");
        assert_eq!(
            normalise_header("是否为人力资源服务企业？"),
            "是否为人力资源服务企业"
        );
    }

    #[test]
    fn money_reads_units() {
        let d = |s: &str, w: bool| parse_money(s, w).ok().map(|d| d.to_string());
        assert_eq!(d("1,234,567.50", false).as_deref(), Some("1234567.5"));
        assert_eq!(d("12.5万", false).as_deref(), Some("125000"));
        assert_eq!(d("12.5", true).as_deref(), Some("125000"));
        assert_eq!(d("3250000元", false).as_deref(), Some("3250000"));
        assert_eq!(d("1.2亿", false).as_deref(), Some("120000000"));
        assert_eq!(d("８２０万元", false).as_deref(), Some("8200000"));
        assert!(d("about 3 million", false).is_none());
        assert!(d("100000000000001", false).is_none());
        assert!(d("-5", false).is_none());
    }

    #[test]
    fn yes_no_words() {
        assert_eq!(yes_no("是"), Some(true));
        assert_eq!(yes_no("否"), Some(false));
        assert_eq!(yes_no("Yes"), Some(true));
        assert_eq!(yes_no("maybe"), None);
    }
}
