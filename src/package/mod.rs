//! The pre-filled application packages (feature `docs`): builders that turn an evaluation into
//! the files a district officer hands in, as bytes.
//!
//! * Park package (第五条(一)): 申请报告.docx, 入驻机构花名册.xlsx, 自评表.docx (第四条 and 第九条,
//!   one row per condition), 材料清单.docx (第五条(一) materials, ready / missing), the answers
//!   file and 说明.txt, in one ZIP.
//! * Organisation package: one DOCX with the measures, ranges, caps, the non-duplication
//!   decision and per measure its conditions and the evidence to attach; the answers file;
//!   说明.txt.
//!
//! Pure: the builders take the edition, the answers, the engine's [`Outcome`] (which carries
//! the as-of date) and the widget version. No clock, no DOM, no IO. They render the outcome
//! and decide nothing: every verdict, amount, cap and non-duplication choice is the engine's;
//! every label, citation and sentence of law is the edition's.

pub mod compare_xlsx;
mod labels;
pub mod normalise;
mod organisation;
mod park;
mod roster_xlsx;
pub use roster_xlsx::roster_template;
mod talent_xlsx;
pub mod word;
mod xlsx;

pub use talent_xlsx::{PLACEMENTS_FILE, TALENTS_FILE};

use std::fmt;
use std::io::{Cursor, Write};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::engine::{self, AnswerStore, AnswersKind, Outcome};
use crate::policy::{Edition, Identity, Text};

/// The widget's name, written with its version as each document's creator.
pub const WIDGET_NAME: &str = "包头市人力资源服务业政策自评部件";

/// The application report (第五条(一)1).
pub const REPORT_FILE: &str = "申请报告.docx";
/// The roster of resident organisations (第五条(一)4).
pub const ROSTER_FILE: &str = "入驻机构花名册.xlsx";
/// The self-assessment against 第四条 (and 第九条).
pub const SELF_ASSESSMENT_FILE: &str = "自评表.docx";
/// The 第五条(一) checklist.
pub const CHECKLIST_FILE: &str = "材料清单.docx";
/// The organisation's measures, amounts and evidence (with one 申请表 per measure beside it).
pub const ORGANISATION_FILE: &str = "政策享受测算及佐证材料清单.docx";
/// The answers, to re-open the package in the widget.
pub const ANSWERS_FILE: &str = "自评答卷.hrs-answers.json";
/// What is in the package.
pub const README_FILE: &str = "说明.txt";

/// What a package is built from.
#[derive(Debug, Clone, Copy)]
pub struct PackageInput<'a> {
    pub edition: &'a Edition,
    /// The answers, typed by the edition's declarations.
    pub answers: &'a AnswerStore,
    /// The evaluation of these answers under `edition`; its `as_of` dates the package.
    pub outcome: &'a Outcome,
    /// The widget's version, written into 说明.txt and each document's properties.
    pub widget_version: &'a str,
    /// When the package is generated: read from the clock at the edge (the widget, the CLI)
    /// and passed in; the documents' creation time and closing line.
    pub generated_at: NaiveDateTime,
}

impl PackageInput<'_> {
    pub fn as_of(&self) -> NaiveDate {
        self.outcome.as_of
    }
}

/// The generation time for callers that have none: the as-of date at midnight.
pub fn midnight(date: NaiveDate) -> NaiveDateTime {
    date.and_time(chrono::NaiveTime::MIN)
}

/// The document properties of one document of a package: title, subject = the notice's
/// number, creator = the widget's name and version, created = the generation time; the
/// edition id, as-of date and content hash as description and keywords.
pub(crate) fn props(input: &PackageInput, title: &str) -> word::Props {
    let e = input.edition;
    word::Props {
        title: title.trim().to_string(),
        subject: e.document_number.clone(),
        creator: format!("{WIDGET_NAME} {}", input.widget_version),
        description: format!(
            "{}；政策版本 {}；评估日期 {}；版本内容哈希（sha256）{}",
            e.document_number,
            e.id,
            input.as_of().format("%Y-%m-%d"),
            e.content_hash
        ),
        keywords: format!(
            "{};{};{}",
            e.document_number,
            e.id,
            input.as_of().format("%Y-%m-%d")
        ),
        created: input.generated_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// The one small line at the end of each document: which tool made it, under which edition
/// (with the first characters of its content hash), when, and that it is for reference.
pub(crate) fn closing_text(input: &PackageInput) -> String {
    let e = input.edition;
    let generated = input.generated_at.date();
    let as_of = if generated == input.as_of() {
        String::new()
    } else {
        format!("（评估日期 {}）", input.as_of().format("%Y-%m-%d"))
    };
    let not_in_force = if input.outcome.in_force {
        String::new()
    } else {
        format!(
            "评估日期不在政策有效期（{} 至 {}）内。",
            input.outcome.edition.valid_from.format("%Y-%m-%d"),
            input.outcome.edition.valid_until.format("%Y-%m-%d")
        )
    };
    format!(
        "本材料由{WIDGET_NAME} {} 依据{}（版本校验码 {}）于 {} 生成{as_of}，仅供申报参考。{not_in_force}",
        input.widget_version,
        e.document_number,
        engine::text::check_code(&e.content_hash),
        generated.format("%Y-%m-%d"),
    )
}

/// The documents that prove the condition `id`, from the edition's `evidence`.
fn evidence_of<'e>(e: &'e Edition, id: &str) -> &'e [Text] {
    std::iter::once(&e.park.barred)
        .chain(e.park.conditions.iter())
        .chain(e.measures.iter().flat_map(|m| m.conditions.iter()))
        .find(|c| c.id == id)
        .map(|c| c.evidence.as_slice())
        .unwrap_or(&[])
}

/// A table cell listing those documents one per line ("1．营业执照"); `None` when the edition
/// names none, so each document says so in its own way.
pub(crate) fn evidence_cell(e: &Edition, id: &str) -> Option<word::Cell> {
    let list = evidence_of(e, id);
    if list.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for (i, t) in list.iter().enumerate() {
        if i > 0 {
            out.push(word::Seg::Break);
        }
        out.push(word::Seg::Text(format!("{}．{}", i + 1, t.zh)));
    }
    Some(out)
}

/// One file of a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why a package could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// Park answers were given for an organisation package or the other way round.
    WrongKind {
        expected: AnswersKind,
        found: AnswersKind,
    },
    /// The outcome does not belong to these answers / this edition.
    Mismatch(String),
    Docx(String),
    Xlsx(String),
    Zip(String),
}

fn kind_zh(k: AnswersKind) -> &'static str {
    match k {
        AnswersKind::Park => "产业园（park）",
        AnswersKind::Organisation => "人力资源服务机构（organisation）",
    }
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::WrongKind { expected, found } => write!(
                f,
                "答卷类型为{}，此材料包需要{}的答卷 / the answers are about a {:?}, this package needs {:?} answers",
                kind_zh(*found),
                kind_zh(*expected),
                found,
                expected
            ),
            PackageError::Mismatch(m) => write!(f, "outcome does not match: {m}"),
            PackageError::Docx(m) => write!(f, "DOCX: {m}"),
            PackageError::Xlsx(m) => write!(f, "XLSX: {m}"),
            PackageError::Zip(m) => write!(f, "ZIP: {m}"),
        }
    }
}

impl std::error::Error for PackageError {}

fn check(input: &PackageInput, expected: AnswersKind) -> Result<(), PackageError> {
    let found = input.answers.kind();
    if found != expected {
        return Err(PackageError::WrongKind { expected, found });
    }
    if input.outcome.kind != found {
        return Err(PackageError::Mismatch(format!(
            "outcome is of kind {:?}, answers of kind {found:?}",
            input.outcome.kind
        )));
    }
    if input.outcome.edition.content_hash != input.edition.content_hash {
        return Err(PackageError::Mismatch(
            "outcome was evaluated under another edition".into(),
        ));
    }
    Ok(())
}

/// The files of the park package, in the order of the ZIP.
pub fn park_files(input: &PackageInput) -> Result<Vec<PackageFile>, PackageError> {
    check(input, AnswersKind::Park)?;
    let (answers, outcome) = park::parts(input)?;
    let file = |name: &str, bytes: Vec<u8>| PackageFile {
        name: name.to_string(),
        bytes,
    };
    let mut files = vec![
        file(REPORT_FILE, park::report(input, answers, outcome)?),
        file(ROSTER_FILE, roster_xlsx::roster(input, answers, outcome)?),
        file(
            SELF_ASSESSMENT_FILE,
            park::self_assessment(input, answers, outcome)?,
        ),
        file(CHECKLIST_FILE, park::checklist(input, answers, outcome)?),
        file(ANSWERS_FILE, input.answers.to_json().into_bytes()),
    ];
    let readme = readme(input, &files);
    files.push(file(README_FILE, readme.into_bytes()));
    Ok(files)
}

/// The files of the organisation package, in the order of the ZIP.
pub fn organisation_files(input: &PackageInput) -> Result<Vec<PackageFile>, PackageError> {
    check(input, AnswersKind::Organisation)?;
    let (answers, outcome) = organisation::parts(input)?;
    let e = input.edition;
    let mut files = vec![PackageFile {
        name: ORGANISATION_FILE.into(),
        bytes: organisation::overview(input)?,
    }];
    let prepared = organisation::prepared(e, outcome);
    for (i, m) in prepared.iter().enumerate() {
        files.push(PackageFile {
            name: organisation::form_file_name(i + 1, m),
            bytes: organisation::application_form(input, m)?,
        });
    }
    // The lists of people, where a prepared measure asks for them or people were listed.
    if let Some(m) = outcome
        .measures
        .iter()
        .find(|m| organisation::lists(m, e, "organisation.placements"))
    {
        if prepared.iter().any(|p| p.id == m.id) || !answers.rows("placements").is_empty() {
            files.push(PackageFile {
                name: PLACEMENTS_FILE.into(),
                bytes: talent_xlsx::placements(input, m)?,
            });
        }
    }
    if let Some(m) = outcome
        .measures
        .iter()
        .find(|m| organisation::lists(m, e, "organisation.talents"))
    {
        if prepared.iter().any(|p| p.id == m.id) || !answers.rows("talents").is_empty() {
            files.push(PackageFile {
                name: TALENTS_FILE.into(),
                bytes: talent_xlsx::talents(input, m)?,
            });
        }
    }
    files.push(PackageFile {
        name: ANSWERS_FILE.into(),
        bytes: input.answers.to_json().into_bytes(),
    });
    let readme = readme(input, &files);
    files.push(PackageFile {
        name: README_FILE.into(),
        bytes: readme.into_bytes(),
    });
    Ok(files)
}

/// The park package as ZIP bytes.
pub fn park_package(input: &PackageInput) -> Result<Vec<u8>, PackageError> {
    zip_files(&park_files(input)?, input.as_of())
}

/// The organisation package as ZIP bytes.
pub fn organisation_package(input: &PackageInput) -> Result<Vec<u8>, PackageError> {
    zip_files(&organisation_files(input)?, input.as_of())
}

/// Evaluate `answers` under `edition` as of `as_of` and build the package of their kind.
pub fn build_package(
    edition: &Edition,
    answers: &AnswerStore,
    as_of: NaiveDate,
    widget_version: &str,
) -> Result<Vec<u8>, PackageError> {
    let outcome = engine::evaluate(edition, answers, as_of);
    let input = PackageInput {
        edition,
        answers,
        outcome: &outcome,
        widget_version,
        generated_at: midnight(as_of),
    };
    match answers.kind() {
        AnswersKind::Park => park_package(&input),
        AnswersKind::Organisation => organisation_package(&input),
    }
}

/// Write files into a ZIP. Entries are dated `date` (not the clock), so the same inputs give
/// the same bytes. DOCX and XLSX are already compressed and are stored; text is deflated.
pub fn zip_files(files: &[PackageFile], date: NaiveDate) -> Result<Vec<u8>, PackageError> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    let zerr = |e: zip::result::ZipError| PackageError::Zip(e.to_string());
    let stamp = u16::try_from(date.year())
        .ok()
        .and_then(|y| {
            zip::DateTime::from_date_and_time(y, date.month() as u8, date.day() as u8, 0, 0, 0).ok()
        })
        .unwrap_or_default();
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for f in files {
        // Office files are ZIPs already: stored, not compressed twice.
        let stored = f.name.ends_with(".docx") || f.name.ends_with(".xlsx");
        let options = SimpleFileOptions::default()
            .last_modified_time(stamp)
            .unix_permissions(0o644)
            .compression_method(if stored {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            });
        zw.start_file(f.name.as_str(), options).map_err(zerr)?;
        zw.write_all(&f.bytes)
            .map_err(|e| PackageError::Zip(e.to_string()))?;
    }
    Ok(zw.finish().map_err(zerr)?.into_inner())
}

/// The package's file name: the park's (or organisation's) name, what it is and the as-of
/// date, e.g. `某某产业园-申报材料-2024-06-30.zip`, safe for Windows, macOS and Linux.
pub fn package_file_name(answers: &AnswerStore, as_of: NaiveDate) -> String {
    let (fallback, what) = match answers.kind() {
        AnswersKind::Park => ("产业园", "申报材料"),
        AnswersKind::Organisation => ("人力资源服务机构", "政策享受材料"),
    };
    let name = answers
        .identity(Identity::Name)
        .map_or_else(String::new, sanitise_file_name);
    let name = if name.is_empty() {
        fallback.to_string()
    } else {
        name
    };
    format!("{name}-{what}-{}.zip", as_of.format("%Y-%m-%d"))
}

/// Make a text safe as (part of) a file name: drops characters Windows forbids
/// (`\ / : * ? " < > |`) and control characters, folds whitespace to one space, trims dots
/// and spaces at the ends and keeps at most 60 characters.
pub fn sanitise_file_name(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for ch in s.chars() {
        if ch.is_control() || "\\/:*?\"<>|".contains(ch) {
            continue;
        }
        if ch.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(ch);
    }
    let trimmed: String = out
        .trim_matches(|c: char| c == '.' || c == ' ')
        .chars()
        .take(60)
        .collect();
    trimmed.trim_end_matches([' ', '.']).to_string()
}

/// One line per file: what it is, for 说明.txt.
fn describe(name: &str) -> (&'static str, &'static str) {
    if name.starts_with("申请表") {
        return (
            "申请表：一项措施一份，列申请事项、政策依据、测算金额、各项条件的申报情况、自评结论和应附佐证材料；补全黄色空项后签字盖章",
            "application form, one per measure: the measure, its citation, the amount, each condition with the answers, the verdict and the documents to attach",
        );
    }
    match name {
        REPORT_FILE => (
            "申请报告（第五条(一)1），已按答卷预填；黄色【待填写：…】处须补充，经旗县区人民政府或稀土高新区管委会签字盖章后提交市人社局",
            "application report (park 第五条(一)1), pre-filled; fill in the highlighted 【待填写：…】 blanks, then sign and stamp",
        ),
        ROSTER_FILE => (
            "入驻机构花名册（第五条(一)4），含统一社会信用代码、服务业态、是否人力资源服务企业、营业收入及合计行（公式）",
            "roster of resident organisations with USCC, service format, HR-service firm, revenue and a totals row (formulas)",
        ),
        SELF_ASSESSMENT_FILE => (
            "自评表：对照第四条（及第九条）逐项列出结论、理由和依据",
            "self-assessment against 第四条 (and 第九条): verdict, reason and citation per condition",
        ),
        CHECKLIST_FILE => (
            "材料清单：第五条(一)申报材料，已备齐 / 待准备（及须准备的内容）",
            "checklist of the 第五条(一) materials, ready / to prepare (and what)",
        ),
        ORGANISATION_FILE => (
            "政策享受测算：可享受的措施、金额范围、上限、不重复享受（就高从优）决定，以及每项措施的条件和应附佐证材料",
            "measures, ranges, caps, the non-duplication decision, and per measure its conditions and the evidence to attach",
        ),
        PLACEMENTS_FILE => (
            "人才推荐名册（第七条）：推荐的人才、用人单位、合同起始日及期限、截至评估日已工作月数、是否符合",
            "placed talents (第七条): talent, employer, contract start and length, months worked on the as-of date, qualifies?",
        ),
        TALENTS_FILE => (
            "高层次人才名册（第九条）：人才、认定依据、目录类别、是否全职、是否符合",
            "high-level talents (第九条): person, basis, catalogue category, full-time, qualifies?",
        ),
        ANSWERS_FILE => (
            "自评答卷：在自评工具中导入此文件即可继续编辑并重新生成材料包",
            "the answers: import this file into the widget to continue and regenerate the package",
        ),
        README_FILE => ("本说明", "this file"),
        _ => ("", ""),
    }
}

/// 说明.txt: the files, the edition (id and content hash), the as-of date and the widget
/// version. UTF-8 with a byte-order mark and CRLF line ends, so Windows Notepad shows it.
fn readme(input: &PackageInput, files: &[PackageFile]) -> String {
    let o = input.outcome;
    let e = input.edition;
    let who = match input.answers.kind() {
        AnswersKind::Park => "产业园",
        AnswersKind::Organisation => "机构",
    };
    let subject = match input.answers.identity(Identity::Name) {
        Some(n) => format!("{who}：{n}"),
        None => format!("{who}：（名称未填写）"),
    };
    let mut lines: Vec<String> = vec![
        format!("{} — 材料包说明 / About this package", e.document_number),
        String::new(),
        subject,
        format!("评估日期 / as of: {}", o.as_of.format("%Y-%m-%d")),
        format!(
            "政策版本 / policy edition: {}（{}）",
            o.edition.id, o.edition.document_number
        ),
        format!(
            "版本内容哈希 / edition content hash (sha256): {}",
            o.edition.content_hash
        ),
        format!(
            "政策有效期 / in force: {} 至 {}",
            o.edition.valid_from.format("%Y-%m-%d"),
            o.edition.valid_until.format("%Y-%m-%d")
        ),
        o.in_force_note.zh.clone(),
        o.in_force_note.en.clone(),
        format!("生成工具版本 / widget version: {}", input.widget_version),
        String::new(),
        "文件 / files:".into(),
    ];
    let mut all: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    all.push(README_FILE);
    for name in all {
        let (zh, en) = describe(name);
        lines.push(format!("  {name}"));
        lines.push(format!("      {zh}"));
        lines.push(format!("      {en}"));
    }
    lines.push(String::new());
    lines.push(
        "本材料包由自评工具根据答卷在浏览器中生成，结论仅为自评参考，以市人社局审核认定为准。"
            .into(),
    );
    lines.push(format!("解释权：{}", e.interpreted_by.zh));
    lines.push(
        "Generated in the browser from the answers. A self-assessment, not a decision: the bureau decides."
            .into(),
    );
    let mut out = String::from("\u{feff}");
    out.push_str(&lines.join("\r\n"));
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_sanitised() {
        assert_eq!(sanitise_file_name("  a/b:c*d?  e  "), "abcd e");
        assert_eq!(sanitise_file_name("..某某产业园.."), "某某产业园");
        assert_eq!(sanitise_file_name("x\u{0}y\nz"), "xyz");
        assert_eq!(sanitise_file_name(&"园".repeat(100)).chars().count(), 60);
    }
}
