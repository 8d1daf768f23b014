//! The fuzz targets' bodies: one function per target, taking the fuzzer's bytes.
//!
//! Shared with the native regression test `tests/fuzz_regressions.rs`, which includes this file
//! with `#[path]`, so every saved input (seed or crash) is replayed through exactly the code the
//! fuzzer ran. Each function returns `Ok(())` when the input was read, or `Err(message)` for a
//! clean rejection; anything else — a panic, a failed invariant — is a bug.
//!
//! Besides "no panic", the targets check a few invariants of what was read:
//! * answers that parse evaluate (in force and out of force), and read back unchanged from the
//!   file the widget saves and from the share link it makes;
//! * an imported roster's errors point at rows that exist, below the header; it serialises for
//!   the widget, and a park answers file holding its rows evaluates.

use std::io::{Cursor, Write};
use std::sync::OnceLock;

use base64::Engine;
use hrs_widget::engine::share::{decode_share_fragment, share_fragment, SHARE_PREFIX};
use hrs_widget::engine::{self, AnswerStore, AnswersKind, StoreRow};
use hrs_widget::policy::{self, Edition};
use hrs_widget::roster::import::{self, ImportError};

/// Every target, as named under `tests/fuzz/fuzz_targets/`, `seeds/` and `regressions/`.
pub const TARGETS: [&str; 7] = [
    "answers_json",
    "share_fragment",
    "share_fragment_raw",
    "roster_csv",
    "roster_xlsx",
    "roster_xlsx_xml",
    "roster_ods_xml",
];

/// Runs the target named `target` on `data` (skipping open bugs' inputs unless
/// `FUZZ_SKIP_KNOWN_BUGS=0`, see [`known_workbook_bug`]).
pub fn run(target: &str, data: &[u8]) -> Result<(), String> {
    run_with(target, data, skip_known_bugs())
}

/// [`run`], skipping inputs of open bugs if `skip_known`.
pub fn run_with(target: &str, data: &[u8], skip_known: bool) -> Result<(), String> {
    match target {
        "answers_json" => answers_json(data),
        "share_fragment" => share_fragment_b64(data),
        "share_fragment_raw" => share_fragment_raw(data),
        "roster_csv" => roster_csv(data),
        "roster_xlsx" => roster_xlsx(data, skip_known),
        "roster_xlsx_xml" => roster_xlsx_xml(data, skip_known),
        "roster_ods_xml" => roster_ods_xml(data, skip_known),
        other => panic!("unknown fuzz target {other}"),
    }
}

/// Whether the workbook targets skip inputs of open bugs: yes unless `FUZZ_SKIP_KNOWN_BUGS=0`.
pub fn skip_known_bugs() -> bool {
    static SKIP: OnceLock<bool> = OnceLock::new();
    *SKIP.get_or_init(|| std::env::var("FUZZ_SKIP_KNOWN_BUGS").map_or(true, |v| v != "0"))
}

/// The default edition, loaded once.
pub fn edition() -> &'static Edition {
    static EDITION: OnceLock<Edition> = OnceLock::new();
    EDITION.get_or_init(|| policy::default_edition().expect("the default edition loads"))
}

/// `AnswerStore::from_json` (the default edition's declarations) on the input (as UTF-8, invalid sequences replaced), then
/// [`check_answers`] on what parses.
pub fn answers_json(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    match AnswerStore::from_json(edition(), &text) {
        Ok(answers) => {
            check_answers(&answers);
            Ok(())
        }
        Err(e) => clean(e.to_string()),
    }
}

/// `decode_share_fragment("#hrs=" + base64url(input))`: the input is the JSON a link carries,
/// so the fuzzer works on the JSON stage rather than on base64.
pub fn share_fragment_b64(data: &[u8]) -> Result<(), String> {
    let fragment = format!(
        "{SHARE_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
    );
    match decode_share_fragment(edition(), &fragment) {
        Some(result) => share_result(result),
        None => panic!("a fragment starting with {SHARE_PREFIX} is not taken as a share link"),
    }
}

/// `decode_share_fragment` on the raw input (as UTF-8, invalid sequences replaced).
pub fn share_fragment_raw(data: &[u8]) -> Result<(), String> {
    let fragment = String::from_utf8_lossy(data);
    match decode_share_fragment(edition(), &fragment) {
        Some(result) => share_result(result),
        None => {
            assert!(!fragment.starts_with(SHARE_PREFIX));
            clean("not a share link".into())
        }
    }
}

fn share_result(result: Result<AnswerStore, policy::Text>) -> Result<(), String> {
    match result {
        Ok(answers) => {
            check_answers(&answers);
            Ok(())
        }
        Err(text) => {
            assert!(!text.zh.is_empty(), "share-link error without Chinese text");
            clean(text.en)
        }
    }
}

/// What must hold for any answers that were read.
pub fn check_answers(answers: &AnswerStore) {
    let ed = edition();
    for date in [Some(ed.valid_from), ed.valid_until.succ_opt()]
        .into_iter()
        .flatten()
    {
        let outcome = engine::evaluate(ed, answers, date);
        serde_json::to_string(&outcome).expect("an outcome serialises");
    }
    let json = answers.to_json();
    match AnswerStore::from_json(ed, &json) {
        Ok(back) => assert_eq!(&back, answers, "answers change when saved and read back"),
        Err(e) => panic!("saved answers do not read back: {e}\n{json}"),
    }
    let fragment = share_fragment(answers);
    match decode_share_fragment(ed, &fragment) {
        Some(Ok(back)) => assert_eq!(&back, answers, "answers change through a share link"),
        other => panic!("a share link made from answers does not read back: {other:?}"),
    }
}

/// `roster::import::import_csv` (UTF-8 / UTF-16 / GBK text, any separator).
pub fn roster_csv(data: &[u8]) -> Result<(), String> {
    imported(import::import_csv(data, edition()))
}

/// `roster::import::import` of a file named `roster.xlsx` (the bytes decide: a ZIP or OLE
/// signature is read as a workbook).
pub fn roster_xlsx(data: &[u8], skip_known: bool) -> Result<(), String> {
    if skip_known {
        if let Some(skip) = known_workbook_bug_in_zip(data) {
            return skip;
        }
    }
    imported(import::import(data, "roster.xlsx", edition()))
}

/// Separates the sheet XML from the shared-strings XML in a `roster_xlsx_xml` input.
pub const XML_SPLIT: &[u8] = b"\n--sharedStrings--\n";

/// A structure-aware XLSX target: the input is `sheet1.xml`, then [`XML_SPLIT`], then
/// `sharedStrings.xml`; they are zipped (stored, with correct CRCs) with a fixed workbook around
/// them and imported. Mutating a real .xlsx rarely gets past the ZIP's compression and CRCs;
/// this puts the fuzzer on calamine's sheet reading and on the import's header and row logic.
pub fn roster_xlsx_xml(data: &[u8], skip_known: bool) -> Result<(), String> {
    let (sheet, strings) = match data.windows(XML_SPLIT.len()).position(|w| w == XML_SPLIT) {
        Some(at) => (&data[..at], Some(&data[at + XML_SPLIT.len()..])),
        None => (data, None),
    };
    if skip_known {
        if let Some(skip) = known_workbook_bug(data) {
            return skip;
        }
    }
    let xlsx = xlsx_from_parts(sheet, strings);
    imported(import::import(&xlsx, "roster.xlsx", edition()))
}

/// A structure-aware OpenDocument target: the input is `content.xml`, zipped (stored) with the
/// `mimetype` and manifest an .ods needs, and imported under an .xlsx name — the import reads
/// any ZIP by its content, so this is what an .ods (or one renamed to .xlsx) reaches.
pub fn roster_ods_xml(data: &[u8], skip_known: bool) -> Result<(), String> {
    if skip_known {
        if let Some(skip) = known_workbook_bug(data) {
            return skip;
        }
    }
    const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let ods = zip_stored(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("content.xml", data),
    ]);
    imported(import::import(&ods, "roster.xlsx", edition()))
}

/// A ZIP with `parts` stored (not compressed), in order.
pub fn zip_stored(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        zip.start_file(*name, stored).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// An .xlsx (ZIP, stored) with one sheet `花名册` made of `sheet_xml`, and `shared_strings` if any.
pub fn xlsx_from_parts(sheet_xml: &[u8], shared_strings: Option<&[u8]>) -> Vec<u8> {
    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ];
    if let Some(s) = shared_strings {
        parts.push(("xl/sharedStrings.xml", s));
    }
    zip_stored(&parts)
}

/// Inputs of open bugs the workbook targets skip while the bug is open, so the fuzzer can look
/// past them (`FUZZ_SKIP_KNOWN_BUGS=0` to fuzz them too): none now. Bugs 5 and 6 (XML the
/// import's old byte-pattern pre-scan missed; an unclosed ODS table that made calamine loop
/// forever) were skipped here until the import checked workbook XML with a real XML reader
/// (src/roster/workbook_check.rs). While a new bug is open, return
/// `Some(clean("skipped: known bug N (…)".into()))` for its inputs here.
pub fn known_workbook_bug(xml: &[u8]) -> Option<Result<(), String>> {
    let _ = xml;
    None
}

/// [`known_workbook_bug`] on the parts of a ZIP (up to 16 MiB each).
pub fn known_workbook_bug_in_zip(data: &[u8]) -> Option<Result<(), String>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(data)).ok()?;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let mut xml = Vec::new();
        if entry.take(16 << 20).read_to_end(&mut xml).is_err() && xml.is_empty() {
            continue;
        }
        if let Some(skip) = known_workbook_bug(&xml) {
            return Some(skip);
        }
    }
    None
}

/// What must hold for any import result.
fn imported(result: Result<import::Import, ImportError>) -> Result<(), String> {
    let imp = match result {
        Ok(imp) => imp,
        Err(e) => {
            assert!(
                !e.message_zh().is_empty(),
                "import error without Chinese text"
            );
            return clean(e.message_en());
        }
    };
    assert!(imp.source.header_row >= 1, "header row numbered from 1");
    for e in &imp.errors {
        assert!(
            e.index < imp.rows.len(),
            "error on a row that is not returned: {e:?}"
        );
        assert!(
            e.row > imp.source.header_row,
            "error not below the header row {}: {e:?}",
            imp.source.header_row
        );
        assert!(
            !e.message_zh.is_empty() && !e.message_en.is_empty(),
            "error without text"
        );
    }
    serde_json::to_string(&imp).expect("an import serialises");
    let good = imp.good_rows();
    assert!(good.len() <= imp.rows.len());
    for roster in [imp.rows, good] {
        evaluate_roster(roster);
    }
    Ok(())
}

/// Evaluates park answers holding `roster`, as the widget does after an import: the rows, as
/// JSON, read through the roster table's declarations (they always do) and replace the table.
fn evaluate_roster(roster: Vec<StoreRow>) {
    let ed = edition();
    let mut store = AnswerStore::new(ed, AnswersKind::Park);
    let json: Vec<serde_json::Value> = roster.iter().map(StoreRow::to_json).collect();
    let rows = store
        .read_rows("park.roster", &json, 0)
        .unwrap_or_else(|e| panic!("imported rows do not read as the roster: {e}"));
    if let Err(e) = store.replace_rows("park.roster", rows) {
        panic!("the roster takes the rows: {}", e.en);
    }
    let outcome = engine::evaluate(ed, &store, ed.valid_from);
    serde_json::to_string(&outcome).expect("an outcome serialises");
}

fn clean(message: String) -> Result<(), String> {
    assert!(!message.trim().is_empty(), "an error without a message");
    Err(message)
}
