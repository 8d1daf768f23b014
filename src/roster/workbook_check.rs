//! Checks a ZIP workbook (.xlsx, .ods) before calamine reads it, and hands calamine only the
//! parts it checked.
//!
//! calamine trusts what a workbook says: it reads a sheet into a dense grid spanning every cell
//! reference, reserves `<sst uniqueCount>` strings up front, expands ODS repeat counts, clones a
//! shared string into every cell that uses it, multiplies cell references into a `u32`, and its
//! ODS reader loops forever at the end of a `content.xml` whose table is not closed. Fuzzing
//! found each of these (bugs 2–6 in `tests/fuzz/README.md`).
//!
//! So every XML part of the ZIP is read here first with quick-xml — the same tokenizer, version
//! and settings calamine uses, so both see the same elements and attributes however the XML is
//! written (spaces around `=`, single quotes, namespace prefixes) — and is refused unless
//!
//! * it is well-formed: every element closed by an end tag of the same name;
//! * every cell / row / dimension reference calamine would parse lies in Excel's grid
//!   (`XFD1048576`);
//! * following calamine's own reading of the part (where a cell without `r` goes, which ODS
//!   cells and rows are repeated and how far, which cells are empty), the cells calamine and the
//!   import will lay out stay under [`MAX_SHEET_CELLS`] and the text they copy under
//!   [`MAX_TEXT_BYTES`], for the whole workbook.
//!
//! calamine then gets a new ZIP (stored, not compressed) holding only the checked XML parts and
//! the ODS `mimetype`, so no part it reads escaped the check. Binary .xlsb workbooks and OLE
//! (.xls) files go to calamine unchanged.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Most decompressed bytes read from one part (a 10,000-row roster sheet is ~4 MB).
pub const MAX_PART_BYTES: u64 = 32 << 20;
/// Most decompressed bytes of all the parts kept.
pub const MAX_TOTAL_BYTES: u64 = 3 * MAX_PART_BYTES;
/// Most cells laid out for all sheets together (calamine's dense grids and the import's rows).
pub const MAX_SHEET_CELLS: u64 = 4_000_000;
/// Most bytes of text copied into cells (a shared string or a repeated ODS cell is copied into
/// every cell showing it).
pub const MAX_TEXT_BYTES: u64 = 64 << 20;
/// Excel's grid, which is also calamine's ODS limit.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLS: u64 = 16_384;
/// A shared-strings count calamine may reserve whatever the part holds.
const FREE_STRINGS: u64 = 100_000;

/// What calamine is to read.
#[derive(Debug)]
pub enum Checked {
    /// Not a ZIP the `zip` crate can open (an OLE .xls, or damaged): the bytes as they are.
    NotZip,
    /// A binary .xlsb workbook (`xl/workbook.bin`): the bytes as they are, read as .xlsb only.
    Xlsb,
    /// A new ZIP holding only the checked parts.
    Zip(Vec<u8>),
}

/// Checks the ZIP in `bytes`; `Err` says why it is refused.
pub fn check_zip(bytes: &[u8]) -> Result<Checked, String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(Checked::NotZip);
    };
    if zip
        .file_names()
        .any(|n| n.replace('\\', "/").eq_ignore_ascii_case("xl/workbook.bin"))
    {
        return Ok(Checked::Xlsb);
    }
    let parts = read_parts(&mut zip)?;
    check_parts(&parts)?;
    rebuild(&mut zip, &parts).map(Checked::Zip)
}

/// A part kept for calamine: its index in the ZIP, name and decompressed bytes.
type Part = (usize, String, Vec<u8>);

/// The XML parts (`*.xml`, `*.rels`) and the `mimetype` of `zip`, decompressed.
fn read_parts(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut names = HashSet::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        // An entry the zip crate cannot open (encrypted, unknown method) is left out: calamine
        // could not read it either.
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        let lower = name.to_ascii_lowercase();
        let keep = lower.ends_with(".xml") || lower.ends_with(".rels") || name == "mimetype";
        if !keep || !names.insert(name.clone()) {
            continue;
        }
        let mut data = Vec::with_capacity(entry.size().min(MAX_PART_BYTES) as usize);
        (&mut entry)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("{name}: {e}"))?;
        if data.len() as u64 > MAX_PART_BYTES {
            return Err(format!("{name} is larger than {} MB", MAX_PART_BYTES >> 20));
        }
        total += data.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(format!(
                "its parts are larger than {} MB",
                MAX_TOTAL_BYTES >> 20
            ));
        }
        parts.push((i, name, data));
    }
    Ok(parts)
}

/// Checks every XML part, and what they make calamine allocate together.
fn check_parts(parts: &[Part]) -> Result<(), String> {
    let mut budget = Budget::default();
    for (_, name, data) in parts {
        if name != "mimetype" {
            check_part(name, data, &mut budget)?;
        }
    }
    budget.add_sheets()
}

/// A ZIP of `parts` only, each copied as it is compressed in `zip`: calamine inflates the same
/// bytes that were checked.
fn rebuild(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, parts: &[Part]) -> Result<Vec<u8>, String> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (i, name, _) in parts {
        zip.by_index_raw(*i)
            .and_then(|entry| out.raw_copy_file(entry))
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

/// What all the parts of one workbook may make calamine and the import allocate.
#[derive(Default)]
struct Budget {
    cells: u64,
    text: u64,
    /// Length of each shared string (the longest at that index if several parts have an `<sst>`).
    shared_lengths: Vec<u32>,
    /// The .xlsx worksheet parts.
    sheets: Vec<SheetPart>,
    /// The shared-string index of every cell reading one, in the part being checked.
    shared_refs: Vec<u64>,
    /// `<sheet>` elements (workbook.xml lists one per sheet; calamine reads the part each names,
    /// and two may name the same part).
    sheet_elements: u64,
}

/// An .xlsx worksheet part: the cells its grid spans, the shared strings its cells show.
struct SheetPart {
    span: u64,
    shared_refs: Vec<u64>,
}

impl Budget {
    fn add_cells(&mut self, n: u64) -> Result<(), String> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > MAX_SHEET_CELLS {
            return Err(format!("its sheets span more than {MAX_SHEET_CELLS} cells"));
        }
        Ok(())
    }

    fn add_text(&mut self, n: u64) -> Result<(), String> {
        self.text = self.text.saturating_add(n);
        if self.text > MAX_TEXT_BYTES {
            return Err(format!(
                "its cells repeat more than {} MB of text",
                MAX_TEXT_BYTES >> 20
            ));
        }
        Ok(())
    }

    /// Adds what the .xlsx worksheets lay out: each part once, or — if the workbook names the
    /// same part for several sheets — as many times as there are sheets, the largest each time.
    fn add_sheets(&mut self) -> Result<(), String> {
        let sheets = std::mem::take(&mut self.sheets);
        let reads = self.sheet_elements.max(1);
        let (mut cells, mut largest) = (0u64, 0u64);
        let (mut text, mut longest) = (0u64, 0u64);
        for sheet in &sheets {
            cells = cells.saturating_add(sheet.span);
            largest = largest.max(sheet.span);
            let mut shown = 0u64;
            for &i in &sheet.shared_refs {
                let len = usize::try_from(i)
                    .ok()
                    .and_then(|i| self.shared_lengths.get(i))
                    .copied()
                    .unwrap_or(0);
                shown = shown.saturating_add(u64::from(len));
            }
            text = text.saturating_add(shown);
            longest = longest.max(shown);
        }
        self.add_cells(cells.max(reads.saturating_mul(largest)))?;
        self.add_text(text.max(reads.saturating_mul(longest)))
    }
}

/// Checks one XML part (see the module documentation).
fn check_part(name: &str, xml: &[u8], budget: &mut Budget) -> Result<(), String> {
    let mut reader = Reader::from_reader(xml);
    let config = reader.config_mut();
    // As calamine reads (`xml_reader` in calamine's xlsx, `parse_content` in its ods), so that
    // both tokenize alike; end names are compared here instead.
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = false;

    let mut open = OpenElements::default();
    let mut sheet = SheetScan::default();
    let mut strings = SharedStringsScan::default();
    let mut ods = (name == "content.xml").then(OdsScan::default);
    let room = (xml.len() as u64 / 8 + 16).max(FREE_STRINGS);
    let at = |e: String| format!("{name}: {e}");
    loop {
        let event = reader
            .read_event()
            .map_err(|e| at(format!("not well-formed XML ({e})")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let local = e.local_name();
                let local = local.as_ref();
                if local == b"sheet" {
                    budget.sheet_elements += 1;
                }
                sheet.start(e, local).map_err(at)?;
                strings.start(e, local, room).map_err(at)?;
                if let Some(ods) = &mut ods {
                    ods.start(e).map_err(at)?;
                }
                if empty {
                    // As calamine sees it (`expand_empty_elements`): a start, then an end.
                    sheet.end(local);
                    strings.end(local);
                    if let Some(ods) = &mut ods {
                        ods.end(e.name().as_ref(), budget).map_err(at)?;
                    }
                } else {
                    open.push(e.name().as_ref());
                }
            }
            Event::End(ref e) => {
                let qname = e.name();
                if !open.pop(qname.as_ref()) {
                    return Err(at(format!(
                        "end tag </{}> does not close the open element",
                        String::from_utf8_lossy(qname.as_ref())
                    )));
                }
                let local = e.local_name();
                sheet.end(local.as_ref());
                strings.end(local.as_ref());
                if let Some(ods) = &mut ods {
                    ods.end(qname.as_ref(), budget).map_err(at)?;
                }
            }
            Event::Text(ref t) => {
                sheet.text(t, budget);
                strings.text(t.len());
                if let Some(ods) = &mut ods {
                    ods.text(t.len());
                }
            }
            Event::CData(ref t) => {
                strings.text(t.len());
                if let Some(ods) = &mut ods {
                    ods.text(t.len());
                }
            }
            Event::GeneralRef(ref r) => {
                // `&name;` stands for at most as many bytes as it takes.
                strings.text(r.len() + 2);
                if let Some(ods) = &mut ods {
                    ods.text(r.len() + 2);
                }
            }
            Event::Eof => break,
            // Entities declared in a DOCTYPE are what XML bombs and external-entity tricks are
            // made of; Excel and LibreOffice never write one, and calamine reads such a part as
            // an empty or unknown file. Refused here, with that said (issue 12).
            Event::DocType(_) => {
                return Err(at(
                    "contains a DOCTYPE declaration, which Excel and LibreOffice never write: \
                     the file was made by another program or altered"
                        .into(),
                ))
            }
            // Comments, processing instructions, declarations.
            _ => {
                if let Some(ods) = &mut ods {
                    ods.other();
                }
            }
        }
    }
    if let Some(last) = open.last() {
        return Err(at(format!(
            "element <{}> is not closed",
            String::from_utf8_lossy(last)
        )));
    }
    sheet.finish(budget);
    strings.finish(budget);
    if let Some(ods) = &mut ods {
        ods.finish(budget).map_err(at)?;
    }
    Ok(())
}

/// The names of the open elements, in one buffer.
#[derive(Default)]
struct OpenElements {
    names: Vec<u8>,
    ends: Vec<usize>,
}

impl OpenElements {
    fn push(&mut self, name: &[u8]) {
        self.names.extend_from_slice(name);
        self.ends.push(self.names.len());
    }

    /// Closes the last open element if it is named `name`.
    fn pop(&mut self, name: &[u8]) -> bool {
        match self.last() {
            Some(last) if last == name => {
                self.ends.pop();
                let start = self.ends.last().copied().unwrap_or(0);
                self.names.truncate(start);
                true
            }
            _ => false,
        }
    }

    fn last(&self) -> Option<&[u8]> {
        let end = *self.ends.last()?;
        let start = self.ends.len().checked_sub(2).map_or(0, |i| self.ends[i]);
        Some(&self.names[start..end])
    }
}

/// An attribute's raw key and value.
type Attribute<'e> = (&'e [u8], &'e [u8]);

/// The attributes of `e` as calamine reads them (its `RawAttrIter`, calamine/src/attrs.rs): the
/// raw key (spaces before `=` trimmed, prefix kept) and the raw value between either quote; an
/// error for a key without `=` or a value without quotes.
fn attributes<'e>(e: &'e BytesStart<'_>) -> Attributes<'e> {
    Attributes {
        raw: e.attributes_raw(),
        pos: 0,
    }
}

struct Attributes<'e> {
    raw: &'e [u8],
    pos: usize,
}

impl<'e> Iterator for Attributes<'e> {
    type Item = Result<Attribute<'e>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let mut pos = self.pos;
        while raw.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        if pos >= raw.len() {
            self.pos = pos;
            return None;
        }
        // After an error, nothing more.
        self.pos = raw.len();
        let key_start = pos;
        match raw[pos..].iter().position(|&b| b == b'=') {
            Some(n) => pos += n,
            None => return Some(Err("attribute without a value".into())),
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while raw.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let quote = match raw.get(pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Some(Err("attribute value without quotes".into())),
        };
        pos += 1;
        let end = raw[pos..]
            .iter()
            .position(|&b| b == quote)
            .map_or(raw.len(), |n| pos + n);
        self.pos = (end + 1).min(raw.len());
        Some(Ok((key, &raw[pos..end])))
    }
}

/// The first attribute `key` of `e` (calamine's `raw_attr`).
fn attribute<'e>(e: &'e BytesStart<'_>, key: &[u8]) -> Result<Option<&'e [u8]>, String> {
    for attr in attributes(e) {
        let (k, v) = attr?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// A cell reference as calamine's `get_row_and_optional_column` reads it (letters, then
/// digits): `(column, row)`, both 1-based. Refused unless it is in Excel's grid.
fn cell_ref(value: &[u8]) -> Result<(Option<u64>, u64), String> {
    let bad = || {
        format!(
            "cell reference “{}” out of range",
            String::from_utf8_lossy(&value[..value.len().min(40)])
        )
    };
    let letters = value.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (l, d) = value.split_at(letters);
    if d.is_empty() || !d.iter().all(u8::is_ascii_digit) || l.len() > 3 {
        return Err(bad());
    }
    let d = &d[d.iter().take_while(|&&b| b == b'0').count()..];
    if d.len() > 7 {
        return Err(bad());
    }
    let row = d.iter().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let col = l.iter().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1
    });
    if row == 0 || row > MAX_ROWS || col > MAX_COLS {
        return Err(bad());
    }
    Ok(((col > 0).then_some(col), row))
}

/// A cell reference that must have a column (`<c r>`, each end of `<dimension ref>`):
/// `(row, column)`, 0-based as calamine keeps them.
fn cell_position(value: &[u8]) -> Result<(u64, u64), String> {
    match cell_ref(value)? {
        (Some(col), row) => Ok((row - 1, col - 1)),
        (None, _) => Err(format!(
            "cell reference “{}” without a column",
            String::from_utf8_lossy(value)
        )),
    }
}

/// A whole number as calamine parses counts (digits only, Rust's `parse` after unescaping);
/// `None` if it is not one.
fn count(value: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(value).ok()?;
    let text = quick_xml::escape::unescape(text).ok()?;
    let digits = text.strip_prefix('+').unwrap_or(&text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

/// An .xlsx worksheet part, read as calamine's `XlsxCellReader` reads it: `<dimension ref>`
/// before `<sheetData>`; inside it, `<row r>` and `<c r>` (any prefix, any depth) place the
/// cells, a cell without `r` goes after the previous one; the first `</sheetData>` ends it.
#[derive(Default)]
struct SheetScan {
    phase: SheetPhase,
    /// calamine's `row_index` / `col_index` (0-based).
    row: u64,
    col: u64,
    cell: Option<CellScan>,
    /// First and last row, and last column, of the cells with a value.
    rows: Option<(u64, u64)>,
    last_col: u64,
}

#[derive(Default, PartialEq)]
enum SheetPhase {
    #[default]
    Before,
    Data,
    After,
}

struct CellScan {
    /// Elements open inside the `<c>`: calamine reads them as its value.
    depth: u32,
    pos: (u64, u64),
    /// Has a child element (`<v>`, `<is>`, `<f>`): without one a cell is empty.
    valued: bool,
    /// `t="s"`: the value is an index into the shared strings.
    shared: bool,
}

impl SheetScan {
    fn start(&mut self, e: &BytesStart<'_>, local: &[u8]) -> Result<(), String> {
        match self.phase {
            SheetPhase::Before => {
                if local == b"dimension" {
                    for attr in attributes(e) {
                        let (key, value) = attr?;
                        if key == b"ref" {
                            check_dimension(value)?;
                        }
                    }
                } else if local == b"sheetData" {
                    self.phase = SheetPhase::Data;
                }
            }
            SheetPhase::Data => {
                if let Some(cell) = &mut self.cell {
                    cell.depth += 1;
                    cell.valued = true;
                } else if local == b"row" {
                    let mut r = None;
                    for attr in attributes(e) {
                        let (key, value) = attr?;
                        if key == b"r" {
                            if r.is_some() {
                                return Err("a row with two references".into());
                            }
                            r = Some(cell_ref(value)?.1);
                        }
                    }
                    if let Some(row) = r {
                        self.row = row - 1;
                    }
                } else if local == b"c" {
                    let mut r = None;
                    let mut shared = false;
                    for attr in attributes(e) {
                        let (key, value) = attr?;
                        if key == b"r" {
                            if r.is_some() {
                                return Err("a cell with two references".into());
                            }
                            r = Some(cell_position(value)?);
                        } else if key == b"t" {
                            shared |= value == b"s";
                        }
                    }
                    let pos = r.unwrap_or((self.row, self.col));
                    self.col = pos.1;
                    self.cell = Some(CellScan {
                        depth: 0,
                        pos,
                        valued: false,
                        shared,
                    });
                }
            }
            SheetPhase::After => {}
        }
        Ok(())
    }

    fn end(&mut self, local: &[u8]) {
        if self.phase != SheetPhase::Data {
            return;
        }
        if let Some(cell) = &mut self.cell {
            if cell.depth > 0 {
                cell.depth -= 1;
                return;
            }
            // The cell's own end tag (the part is well-formed).
            let (row, col) = cell.pos;
            if cell.valued {
                self.rows = Some(match self.rows {
                    Some((first, last)) => (first.min(row), last.max(row)),
                    None => (row, row),
                });
                self.last_col = self.last_col.max(col);
            }
            self.col = col + 1;
            self.cell = None;
        } else if local == b"row" {
            self.row += 1;
            self.col = 0;
        } else if local == b"sheetData" {
            self.phase = SheetPhase::After;
        }
    }

    fn text(&mut self, text: &[u8], budget: &mut Budget) {
        if let Some(cell) = &self.cell {
            if cell.shared && self.phase == SheetPhase::Data {
                // calamine parses the index with atoi (digits only) and takes 0 otherwise.
                let index = if !text.is_empty() && text.iter().all(u8::is_ascii_digit) {
                    text.iter().fold(0u64, |n, b| {
                        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
                    })
                } else {
                    0
                };
                budget.shared_refs.push(index);
            }
        }
    }

    /// The cells of the grid laid out for this sheet: every row from the first to the last with
    /// a value, every column from A (the import pads rows from column A) to the last.
    fn span(&self) -> u64 {
        self.rows
            .map_or(0, |(first, last)| (last - first + 1) * (self.last_col + 1))
    }

    /// Records the part as a worksheet if it has a `<sheetData>`.
    fn finish(&mut self, budget: &mut Budget) {
        let shared_refs = std::mem::take(&mut budget.shared_refs);
        if self.phase != SheetPhase::Before {
            budget.sheets.push(SheetPart {
                span: self.span(),
                shared_refs,
            });
        }
    }
}

/// `<dimension ref="A1:F8">` as calamine's `get_dimension` reads it: one or two references,
/// the second not before the first (calamine subtracts them as `u32`).
fn check_dimension(value: &[u8]) -> Result<(), String> {
    let ends = value
        .split(|&b| b == b':')
        .map(cell_position)
        .collect::<Result<Vec<_>, _>>()?;
    match ends[..] {
        [_] => Ok(()),
        [(r0, c0), (r1, c1)] if r0 <= r1 && c0 <= c1 => Ok(()),
        _ => Err(format!(
            "sheet dimension “{}” is not a range",
            String::from_utf8_lossy(&value[..value.len().min(40)])
        )),
    }
}

/// An .xlsx shared-strings part, read as calamine's `read_shared_strings` reads it: the first
/// `<sst>` (its `uniqueCount` is reserved up front), then each `<si>` is one string, up to the
/// first `</sst>`.
#[derive(Default)]
struct SharedStringsScan {
    phase: SheetPhase,
    /// Inside an `<si>`: elements open in it, bytes of text so far.
    si: Option<(u32, u64)>,
    lengths: Vec<u32>,
}

impl SharedStringsScan {
    fn start(&mut self, e: &BytesStart<'_>, local: &[u8], room: u64) -> Result<(), String> {
        match self.phase {
            SheetPhase::Before if local == b"sst" => {
                if let Some(value) = attribute(e, b"uniqueCount")? {
                    // calamine: atoi (digits only), then `Vec::reserve`.
                    if !value.is_empty() && value.iter().all(u8::is_ascii_digit) {
                        let n = value.iter().fold(0u64, |n, b| {
                            n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
                        });
                        if n > room {
                            return Err("shared-strings count larger than the part".into());
                        }
                    }
                }
                self.phase = SheetPhase::Data;
            }
            SheetPhase::Data => match &mut self.si {
                Some((depth, _)) => {
                    if local == b"si" {
                        // calamine would end the outer string at the inner one's end tag and
                        // number the rest differently.
                        return Err("a shared string inside a shared string".into());
                    }
                    *depth += 1;
                }
                None if local == b"si" => self.si = Some((0, 0)),
                None => {}
            },
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, local: &[u8]) {
        if self.phase != SheetPhase::Data {
            return;
        }
        match &mut self.si {
            Some((depth, len)) => {
                if *depth > 0 {
                    *depth -= 1;
                } else {
                    self.lengths.push(u32::try_from(*len).unwrap_or(u32::MAX));
                    self.si = None;
                }
            }
            None if local == b"sst" => self.phase = SheetPhase::After,
            None => {}
        }
    }

    fn text(&mut self, len: usize) {
        if let Some((_, total)) = &mut self.si {
            *total = total.saturating_add(len as u64);
        }
    }

    fn finish(&mut self, budget: &mut Budget) {
        let lengths = &mut budget.shared_lengths;
        for (i, len) in self.lengths.drain(..).enumerate() {
            match lengths.get_mut(i) {
                Some(l) => *l = (*l).max(len),
                None => lengths.push(len),
            }
        }
    }
}

/// An OpenDocument `content.xml`, read as calamine's `parse_content` / `read_table` /
/// `read_row` / `get_datatype` read it (element and attribute names with the usual prefixes,
/// exactly): each named `<table:table>` up to its first `</table:table>`; rows repeated
/// `table:number-rows-repeated` times up to 1,048,576 rows; in a row, cells repeated
/// `table:number-columns-repeated` times up to 16,384 columns, empty cells laid out only before
/// a cell with a value; the grid spans the rows from the first to the last with a value.
#[derive(Default)]
struct OdsScan {
    state: OdsState,
    /// calamine gives up on this file here (an unexpected node): nothing after counts.
    failed: bool,
    table: TableScan,
    row: RowScan,
    cell: OdsCell,
}

#[derive(Default, PartialEq)]
enum OdsState {
    #[default]
    Top,
    NamedExpressions,
    Table,
    Row,
    Cell,
}

#[derive(Default)]
struct TableScan {
    rows: u64,
    /// Cells calamine keeps while reading (each row as written, once).
    cells: u64,
    /// Rows laid out from the first with a value up to the current one; up to the last one.
    since_first: Option<u64>,
    to_last: u64,
    last_col: u64,
    text: u64,
}

#[derive(Default)]
struct RowScan {
    repeats: u64,
    cells: u64,
    empty_pending: u64,
    last_valued: Option<u64>,
    text: u64,
}

#[derive(Default)]
struct OdsCell {
    covered: bool,
    /// `office:value-type="string"` without a value attribute: calamine reads the content up
    /// to the first cell end tag, skipping `<office:annotation>`s.
    string: bool,
    in_annotation: bool,
    /// Otherwise: same-named elements open inside it (calamine's `read_to_end_into`).
    depth: u32,
    repeats: u64,
    valued: bool,
    text: u64,
}

const CELL: &[u8] = b"table:table-cell";
const COVERED_CELL: &[u8] = b"table:covered-table-cell";

impl OdsScan {
    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), String> {
        if self.failed {
            return Ok(());
        }
        let qname = e.name();
        let name = qname.as_ref();
        match self.state {
            OdsState::Top => {
                if name == b"table:table" {
                    if attribute(e, b"table:name")?.is_some() {
                        self.state = OdsState::Table;
                        self.table = TableScan::default();
                    }
                } else if name == b"table:named-expressions" {
                    self.state = OdsState::NamedExpressions;
                }
            }
            OdsState::NamedExpressions => {
                if name != b"table:named-range" && name != b"table:named-expression" {
                    self.failed = true;
                }
            }
            OdsState::Table => {
                if name == b"table:table-row" {
                    let repeats = repeat(e, b"table:number-rows-repeated")?;
                    let repeats = repeats.min(MAX_ROWS.saturating_sub(self.table.rows));
                    self.table.rows += repeats;
                    self.row = RowScan {
                        repeats,
                        ..RowScan::default()
                    };
                    self.state = OdsState::Row;
                }
            }
            OdsState::Row => {
                if name == CELL || name == COVERED_CELL {
                    self.cell = cell(e, name == COVERED_CELL)?;
                    self.state = OdsState::Cell;
                } else {
                    self.failed = true;
                }
            }
            OdsState::Cell => {
                let cell = &mut self.cell;
                if cell.string {
                    if cell.in_annotation {
                    } else if name == b"office:annotation" {
                        cell.in_annotation = true;
                    } else if name == b"text:p" {
                        cell.text += 1;
                    } else if name == b"text:s" {
                        let spaces = attribute(e, b"text:c")?.and_then(count).unwrap_or(1);
                        cell.text = cell.text.saturating_add(spaces);
                    }
                } else if name == if cell.covered { COVERED_CELL } else { CELL } {
                    cell.depth += 1;
                }
            }
        }
        Ok(())
    }

    fn end(&mut self, name: &[u8], budget: &mut Budget) -> Result<(), String> {
        if self.failed {
            return Ok(());
        }
        match self.state {
            OdsState::Top => {}
            OdsState::NamedExpressions => {
                if name == b"table:named-expressions" {
                    self.state = OdsState::Top;
                } else if name != b"table:named-range" && name != b"table:named-expression" {
                    self.failed = true;
                }
            }
            OdsState::Table => {
                if name == b"table:table" {
                    self.end_table(budget)?;
                    self.state = OdsState::Top;
                }
            }
            OdsState::Row => {
                if name == b"table:table-row" {
                    self.end_row();
                    self.state = OdsState::Table;
                } else {
                    self.failed = true;
                }
            }
            OdsState::Cell => {
                let cell = &mut self.cell;
                let done = if cell.string {
                    if cell.in_annotation {
                        cell.in_annotation = name != b"office:annotation";
                        false
                    } else {
                        name == CELL || name == COVERED_CELL
                    }
                } else if name == if cell.covered { COVERED_CELL } else { CELL } {
                    if cell.depth == 0 {
                        true
                    } else {
                        cell.depth -= 1;
                        false
                    }
                } else {
                    false
                };
                if done {
                    self.end_cell();
                    self.state = OdsState::Row;
                }
            }
        }
        Ok(())
    }

    fn text(&mut self, len: usize) {
        match self.state {
            OdsState::Cell if self.cell.string && !self.cell.in_annotation => {
                self.cell.text = self.cell.text.saturating_add(len as u64);
            }
            _ => self.other(),
        }
    }

    /// A node that is not an element (text, comment, processing instruction …).
    fn other(&mut self) {
        if matches!(self.state, OdsState::Row | OdsState::NamedExpressions) {
            self.failed = true;
        }
    }

    fn end_cell(&mut self) {
        let (row, cell) = (&mut self.row, &self.cell);
        let empties = row.empty_pending.min(MAX_COLS.saturating_sub(row.cells));
        row.cells += empties;
        row.empty_pending = 0;
        let repeats = cell.repeats.min(MAX_COLS.saturating_sub(row.cells));
        if cell.valued {
            row.cells += repeats;
            if repeats > 0 {
                row.last_valued = Some(row.cells - 1);
            }
            row.text = row.text.saturating_add(repeats.saturating_mul(cell.text));
        } else {
            row.empty_pending = repeats;
        }
    }

    fn end_row(&mut self) {
        let (table, row) = (&mut self.table, &self.row);
        table.cells = table.cells.saturating_add(row.cells);
        let laid_out = row.repeats.max(1);
        if row.last_valued.is_some() && table.since_first.is_none() {
            table.since_first = Some(0);
        }
        if let Some(n) = &mut table.since_first {
            *n = n.saturating_add(laid_out);
        }
        if let Some(last) = row.last_valued {
            table.to_last = table.since_first.unwrap_or(0);
            table.last_col = table.last_col.max(last);
        }
        // The row as read, then once per repeat in the grid.
        table.text = table
            .text
            .saturating_add((1 + row.repeats).saturating_mul(row.text));
    }

    fn end_table(&mut self, budget: &mut Budget) -> Result<(), String> {
        let table = std::mem::take(&mut self.table);
        let span = if table.since_first.is_some() {
            table.to_last.saturating_mul(table.last_col + 1)
        } else {
            0
        };
        budget.add_cells(table.cells.saturating_add(span))?;
        budget.add_text(table.text)
    }

    fn finish(&mut self, budget: &mut Budget) -> Result<(), String> {
        if !self.failed && self.state != OdsState::Top {
            self.end_table(budget)?;
        }
        Ok(())
    }
}

/// A repeat count (`table:number-rows-repeated`, `table:number-columns-repeated`); 1 without
/// one.
fn repeat(e: &BytesStart<'_>, key: &[u8]) -> Result<u64, String> {
    match attribute(e, key)? {
        None => Ok(1),
        Some(value) => count(value).ok_or_else(|| {
            format!(
                "repeat count “{}” is not a number",
                String::from_utf8_lossy(&value[..value.len().min(40)])
            )
        }),
    }
}

/// A `<table:table-cell>` start as calamine's `get_datatype` reads its attributes.
fn cell(e: &BytesStart<'_>, covered: bool) -> Result<OdsCell, String> {
    let repeats = repeat(e, b"table:number-columns-repeated")?;
    let mut value_set = false;
    let mut string = false;
    let mut formula = false;
    let mut text = 0u64;
    for attr in attributes(e) {
        let (key, value) = attr?;
        match key {
            b"office:value"
            | b"office:string-value"
            | b"office:date-value"
            | b"office:time-value"
            | b"office:boolean-value"
                if !value_set =>
            {
                value_set = true;
                text += value.len() as u64;
            }
            b"office:value-type" if !value_set => string = value == b"string",
            b"table:formula" => {
                formula |= !value.is_empty();
                text += value.len() as u64;
            }
            _ => {}
        }
    }
    let string = string && !value_set;
    Ok(OdsCell {
        covered,
        string,
        in_annotation: false,
        depth: 0,
        repeats,
        valued: value_set || string || formula,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn part(xml: &str) -> Result<Budget, String> {
        let mut budget = Budget::default();
        check_part("xl/worksheets/sheet1.xml", xml.as_bytes(), &mut budget)?;
        budget.add_sheets()?;
        Ok(budget)
    }

    fn ods(xml: &str) -> Result<Budget, String> {
        let mut budget = Budget::default();
        check_part("content.xml", xml.as_bytes(), &mut budget)?;
        Ok(budget)
    }

    #[test]
    fn references_are_read_as_calamine_reads_them() {
        assert_eq!(cell_ref(b"A1"), Ok((Some(1), 1)));
        assert_eq!(cell_ref(b"xfd1048576"), Ok((Some(16_384), 1_048_576)));
        assert_eq!(cell_ref(b"7"), Ok((None, 7)));
        for bad in [
            &b"XFE1"[..],
            b"A1048577",
            b"A0",
            b"A",
            b"",
            b"traditional2",
            b"A1B",
            b"$A$1",
            b"A99999999999",
        ] {
            assert!(cell_ref(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn a_sheet_spans_its_rows_from_the_first_value_and_its_columns_from_a() {
        let b = part(r#"<worksheet><dimension ref="B3:C4"/><sheetData><row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c></row><row><c r="B4" s="1"/><c><v>3</v></c></row></sheetData></worksheet>"#).unwrap();
        // Rows 3–4, columns A–C.
        assert_eq!(b.cells, 2 * 3);
    }

    #[test]
    fn xml_written_any_way_calamine_reads_is_checked() {
        for xml in [
            r#"<worksheet><sheetData><row><c r = "XFD1048576"><v>1</v></c><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#,
            r#"<x:worksheet xmlns:x="x"><x:sheetData><x:row><x:c r='XFD1048576'><x:v>1</x:v></x:c><x:c r='A1'><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"#,
            r#"<worksheet><sheetData><row r="traditional2"/></sheetData></worksheet>"#,
            r#"<worksheet><dimension ref="B2:A1"/><sheetData/></worksheet>"#,
            r#"<worksheet><sheetData><row><c><v>1</v></c></row></worksheet>"#,
            r#"<worksheet><sheetData><row></c></sheetData></worksheet>"#,
            r#"<sst uniqueCount = '99999999999'><si><t>a</t></si></sst>"#,
        ] {
            assert!(part(xml).is_err(), "{xml}");
        }
    }

    #[test]
    fn shared_strings_shown_in_many_cells_count_each_time() {
        let long = "x".repeat(1 << 20);
        let cells = r#"<c t="s"><v>1</v></c>"#.repeat(65);
        let mut budget = Budget::default();
        let sst = format!(r#"<sst uniqueCount="2"><si><t>a</t></si><si><t>{long}</t></si></sst>"#);
        check_part("xl/sharedStrings.xml", sst.as_bytes(), &mut budget).unwrap();
        let sheet = format!(r#"<worksheet><sheetData><row>{cells}</row></sheetData></worksheet>"#);
        check_part("xl/worksheets/sheet1.xml", sheet.as_bytes(), &mut budget).unwrap();
        assert!(budget.add_sheets().is_err());
    }

    #[test]
    fn a_sheet_named_many_times_counts_each_time() {
        let mut budget = Budget::default();
        let sheets = r#"<sheet name="s" sheetId="1" r:id="rId1"/>"#.repeat(100);
        let workbook = format!(r#"<workbook><sheets>{sheets}</sheets></workbook>"#);
        check_part("xl/workbook.xml", workbook.as_bytes(), &mut budget).unwrap();
        let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="CV1"><v>1</v></c></row><row r="500"><c r="A500"><v>1</v></c></row></sheetData></worksheet>"#;
        check_part("xl/worksheets/sheet1.xml", sheet.as_bytes(), &mut budget).unwrap();
        // 500 rows × 100 columns, read 100 times.
        assert!(budget.add_sheets().is_err());
    }

    #[test]
    fn ods_repeats_count_as_calamine_lays_them_out() {
        let head = r#"<office:document-content><office:body><office:spreadsheet><table:table table:name="s">"#;
        let tail = "</table:table></office:spreadsheet></office:body></office:document-content>";
        // LibreOffice's trailing empty rows and columns lay out nothing.
        let b = ods(&format!(
            r#"{head}<table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>{tail}"#
        ))
        .unwrap();
        assert_eq!(b.cells, 2);
        // Empty cells before a value are laid out, and so are empty rows between values.
        assert!(ods(&format!(
            r#"{head}<table:table-row table:number-rows-repeated="9000"><table:table-cell table:number-columns-repeated="9000"/><table:table-cell office:value="1"/></table:table-row>{tail}"#
        ))
        .is_err());
        assert!(ods(&format!(
            r#"{head}<table:table-row><table:table-cell office:value="1"/></table:table-row><table:table-row table:number-rows-repeated='9000'><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated = "9000"/><table:table-cell office:value="1"/></table:table-row>{tail}"#
        ))
        .is_err());
        // Spaces a cell's text asks for are text too.
        assert!(ods(&format!(
            r#"{head}<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="99999999999"/></text:p></table:table-cell></table:table-row>{tail}"#
        ))
        .is_err());
        // An unclosed table (calamine would loop forever).
        assert!(ods(&format!(r#"{head}<table:table-row/>"#)).is_err());
    }

    #[test]
    fn open_elements_match_their_end_tags() {
        let mut open = OpenElements::default();
        open.push(b"a");
        open.push(b"bc");
        assert_eq!(open.last(), Some(&b"bc"[..]));
        assert!(!open.pop(b"a"));
        assert!(open.pop(b"bc"));
        assert!(open.pop(b"a"));
        assert_eq!(open.last(), None);
    }

    /// The check's cost on a 10,000-row roster next to calamine's own reading. Run optimised:
    /// `cargo test --profile bench --features docs --lib -- --ignored --nocapture check_cost`.
    #[test]
    #[ignore = "timing; run in release"]
    fn check_cost_on_a_10000_row_roster() {
        use calamine::Reader;
        use std::time::{Duration, Instant};
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let mut ods = String::from(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="s">"#,
        );
        for r in 0..=10_000u32 {
            ods.push_str("<table:table-row>");
            for c in 0..6u16 {
                // As in a roster: unique names and codes, repeated formats and descriptions.
                let text = match c {
                    0 => format!("第{r}号人力资源服务有限公司"),
                    1 => format!("91150200MA{r:08}"),
                    2 => ["传统服务", "猎头", "劳务协作", "人力资源外包"][r as usize % 4].into(),
                    3 => if r % 3 == 0 { "否" } else { "是" }.into(),
                    _ => "人力资源供求信息的收集和发布、就业和创业指导、人力资源管理咨询".into(),
                };
                if c == 4 {
                    ws.write_number(r, c, f64::from(r) * 37.0).unwrap();
                    ods.push_str(&format!(r#"<table:table-cell office:value-type="float" office:value="{}"><text:p>{}</text:p></table:table-cell>"#, r * 37, r * 37));
                } else {
                    ws.write_string(r, c, &text).unwrap();
                    ods.push_str(&format!(r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#));
                }
            }
            ods.push_str(
                r#"<table:table-cell table:number-columns-repeated="16378"/></table:table-row>"#,
            );
        }
        ods.push_str(r#"<table:table-row table:number-rows-repeated="1038575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#);
        let xlsx = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file(
            "META-INF/manifest.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(br#"<manifest:manifest xmlns:manifest="m"/>"#)
            .unwrap();
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(ods.as_bytes()).unwrap();
        let ods = zip.finish().unwrap().into_inner();
        for (name, bytes) in [("xlsx", xlsx), ("ods", ods)] {
            let runs = 20u32;
            let (mut phases, mut read) = ([Duration::MAX; 3], [Duration::MAX; 2]);
            for _ in 0..runs {
                let t = Instant::now();
                let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
                let parts = read_parts(&mut zip).unwrap();
                phases[0] = phases[0].min(t.elapsed());
                let t = Instant::now();
                check_parts(&parts).unwrap();
                phases[1] = phases[1].min(t.elapsed());
                let t = Instant::now();
                let checked = rebuild(&mut zip, &parts).unwrap();
                phases[2] = phases[2].min(t.elapsed());
                for (i, zip) in [&bytes, &checked].into_iter().enumerate() {
                    let t = Instant::now();
                    let mut wb =
                        calamine::open_workbook_auto_from_rs(Cursor::new(zip.clone())).unwrap();
                    let sheets = wb.worksheets();
                    read[i] = read[i].min(t.elapsed());
                    assert_eq!(sheets[0].1.height(), 10_001);
                }
            }
            eprintln!(
                "{name} ({} KB): unzip {:?} + check {:?} + rebuild {:?}; calamine open + \
                 worksheets on the original {:?}, on the rebuilt ZIP {:?} (fastest of {runs})",
                bytes.len() / 1024,
                phases[0],
                phases[1],
                phases[2],
                read[0],
                read[1]
            );
        }
    }
}
