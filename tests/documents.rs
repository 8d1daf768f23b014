//! The packages read as a reviewer at 市人社局 reads them: every document of the shipped
//! examples' packages is rendered by LibreOffice to PDF, its text read back page by page
//! (pdftotext), and each page turned into a PNG under `tests/e2e/artifacts/documents/` to look
//! at. Also: snapshots of the document XML (reviewed when they change; `UPDATE_SNAPSHOTS=1`
//! rewrites them), and hostile values that must come out as text.
#![cfg(feature = "docs")]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use hrs_widget::engine::{AnswerStore, AnswerValue, AnswersKind};
use hrs_widget::package::{self, PackageInput};
use hrs_widget::policy::{self, Edition};

const VERSION: &str = "0.1.0-test";

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 30).expect("date")
}

fn generated() -> NaiveDateTime {
    as_of().and_hms_opt(9, 30, 0).expect("time")
}

const EXAMPLES: [&str; 6] = [
    "park-passes",
    "park-fails-two",
    "park-one-firm-short",
    "organisation-both-branches",
    "organisation-capped",
    "organisation-placement-agency",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> AnswerStore {
    let path = root()
        .join("src/policy/examples")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).expect("example answers");
    AnswerStore::from_json(&edition(), &text).expect("valid answers")
}

fn edition() -> Edition {
    policy::default_edition().expect("default edition")
}

/// The package's files (name → bytes) for `answers`, generated at [`generated`].
fn files(e: &Edition, answers: &AnswerStore) -> Vec<(String, Vec<u8>)> {
    let outcome = hrs_widget::engine::evaluate(e, answers, as_of());
    let input = PackageInput {
        edition: e,
        answers,
        outcome: &outcome,
        widget_version: VERSION,
        generated_at: generated(),
    };
    match answers.kind() {
        AnswersKind::Park => package::park_files(&input),
        AnswersKind::Organisation => package::organisation_files(&input),
    }
    .expect("package")
    .into_iter()
    .map(|f| (f.name, f.bytes))
    .collect()
}

fn office(name: &str) -> bool {
    name.ends_with(".docx") || name.ends_with(".xlsx")
}

fn part(office_file: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(office_file)).expect("a zip");
    let mut f = z.by_name(name).unwrap_or_else(|_| panic!("{name} missing"));
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8");
    s
}

// ---- snapshots of the document XML ----

/// One element per line, so a change reads as a small diff.
fn pretty(xml: &str) -> String {
    let mut s = xml.replace("><", ">\n<");
    s.push('\n');
    s
}

fn check_snapshot(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(path, actual).expect("write snapshot");
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.lines().count().min(actual.lines().count()));
            failures.push(format!(
                "{} differs from line {}: {:?} → {:?}",
                path.display(),
                line + 1,
                expected.lines().nth(line).unwrap_or(""),
                actual.lines().nth(line).unwrap_or("")
            ));
        }
        Err(_) => failures.push(format!("{} missing", path.display())),
    }
}

#[test]
fn the_document_xml_of_every_shipped_example_matches_its_reviewed_snapshot() {
    let e = edition();
    let mut failures = Vec::new();
    for ex in EXAMPLES {
        for (name, bytes) in files(&e, &example(ex)) {
            if !office(&name) {
                continue;
            }
            let dir = root().join("tests/snapshots").join(ex).join(&name);
            let parts: &[&str] = if name.ends_with(".docx") {
                &["word/document.xml", "docProps/core.xml"]
            } else {
                &[
                    "xl/worksheets/sheet1.xml",
                    "xl/sharedStrings.xml",
                    "docProps/core.xml",
                ]
            };
            for p in parts {
                let file = dir.join(p.replace('/', "__"));
                check_snapshot(&file, &pretty(&part(&bytes, p)), &mut failures);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "snapshots changed (review, then UPDATE_SNAPSHOTS=1):\n{}",
        failures.join("\n")
    );
}

#[test]
fn document_properties_name_title_notice_number_widget_and_the_generation_time() {
    let e = edition();
    for ex in ["park-passes", "organisation-both-branches"] {
        for (name, bytes) in files(&e, &example(ex)) {
            if !office(&name) {
                continue;
            }
            let core = part(&bytes, "docProps/core.xml");
            assert!(core.contains("<dc:title>"), "{name}: {core}");
            assert!(
                core.contains(&format!("<dc:subject>{}</dc:subject>", e.document_number)),
                "{name}: {core}"
            );
            assert!(
                core.contains(&format!(
                    "<dc:creator>{} {VERSION}</dc:creator>",
                    package::WIDGET_NAME
                )),
                "{name}: {core}"
            );
            assert!(!core.contains("unknown"), "{name}: {core}");
            assert!(core.contains("2024-06-30T09:30:00Z"), "{name}: {core}");
            assert!(core.contains(&e.content_hash), "{name}: hash in properties");
        }
    }
}

// ---- LibreOffice → PDF → text and page images ----

fn artifacts() -> PathBuf {
    root().join("tests/e2e/artifacts/documents")
}

struct Rendered {
    pages: Vec<String>,
}

/// Converts every office file of `files` in `dir` with one LibreOffice run (its own profile),
/// reads each PDF's text page by page and renders each page to PNG.
fn render(dir: &Path, files: &[(String, Vec<u8>)]) -> BTreeMap<String, Rendered> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("dir");
    let mut paths = Vec::new();
    for (name, bytes) in files.iter().filter(|(n, _)| office(n)) {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        paths.push(p);
    }
    let profile = std::env::temp_dir().join(format!(
        "hrs-documents-lo-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .args(&paths)
        .output()
        .unwrap_or_else(|e| panic!("cannot run soffice ({e}); `scripts/setup.sh test`"));
    assert!(out.status.success(), "soffice failed: {out:?}");
    let _ = std::fs::remove_dir_all(&profile);
    let mut result = BTreeMap::new();
    for (name, _) in files.iter().filter(|(n, _)| office(n)) {
        let stem = Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        let pdf = dir.join(format!("{stem}.pdf"));
        assert!(pdf.exists(), "no PDF for {name}: {out:?}");
        let text = Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        // Pages are separated by form feeds; the last one ends the text.
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
        if pages.last().is_some_and(|p| p.trim().is_empty()) {
            pages.pop();
        }
        let png = Command::new("pdftoppm")
            .args(["-png", "-r", "60"])
            .arg(&pdf)
            .arg(dir.join(stem))
            .output()
            .expect("pdftoppm");
        assert!(png.status.success(), "pdftoppm: {png:?}");
        result.insert(name.clone(), Rendered { pages });
    }
    result
}

/// pdftotext may break lines anywhere: compare without whitespace.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Does `text` show an internal id starting with `prefix` (`park.4.3`, `measures.3.brand`)?
/// Not when the prefix is part of a word or an address (`hr-park.example.cn`).
fn has_id(text: &str, prefix: &str) -> bool {
    text.match_indices(prefix).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + prefix.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/' || c == '.')
            && (prefix == "sha256"
                || after.is_some_and(|c| c.is_ascii_digit() || c.is_ascii_lowercase()))
    })
}

/// A line that belongs to a signature / seal block, a page number or the closing line.
fn signature_like(line: &str) -> bool {
    let l = squeeze(line);
    l.is_empty()
        || l.contains("（签字）")
        || l.contains("（盖章）")
        || l.starts_with("日期：")
        || l.starts_with("（联系人：")
        || l.starts_with("本材料由")
        || l.starts_with("—")
        || (l.ends_with('日') && l.contains('年') && l.contains('月') && l.chars().count() <= 12)
        || l.ends_with("人民政府")
        || l.ends_with("管委会")
        || l.contains("仅供申报参考")
        || l.contains("评估日期不在政策有效期")
        || l.starts_with("生成")
}

#[test]
fn libreoffice_renders_every_document_and_no_page_is_only_a_signature_no_id_no_contradiction() {
    let e = edition();
    let mut summary = Vec::new();
    for ex in EXAMPLES {
        let files = files(&e, &example(ex));
        let rendered = render(&artifacts().join(ex), &files);
        for (name, r) in &rendered {
            summary.push(format!("{ex}/{name}: {} pages", r.pages.len()));
            assert!(!r.pages.is_empty(), "{ex}/{name}: no pages");
            for (i, page) in r.pages.iter().enumerate() {
                let body = squeeze(page);
                // The first page is never only a signature block; later pages must hold
                // something besides one.
                assert!(
                    page.lines().any(|l| !signature_like(l)),
                    "{ex}/{name} page {} holds only a signature block:\n{page}",
                    i + 1
                );
                for id in ["measures.", "park.", "sha256", "organisation."] {
                    assert!(
                        !has_id(&body, id),
                        "{ex}/{name} page {} shows an internal id {id:?}:\n{page}",
                        i + 1
                    );
                }
                for line in page.lines() {
                    assert!(
                        !(line.contains("已备齐") && line.contains("待填写")),
                        "{ex}/{name}: 已备齐 beside 待填写: {line}"
                    );
                }
            }
            let all = squeeze(&r.pages.join(""));
            assert!(
                !all.contains("《《") && !all.contains("》》"),
                "{ex}/{name}: doubled 书名号"
            );
        }
        if ex.starts_with("park") {
            let report = squeeze(&rendered["申请报告.docx"].pages.join(""));
            for needle in [
                "包头市人力资源和社会保障局：",
                "一、产业园基本情况",
                "二、建筑面积",
                "三、入驻机构情况",
                "四、支持政策及落实情况",
                "五、经济社会效益等情况",
                "附件：1.",
                "—1—",
                "仅供申报参考",
            ] {
                assert!(
                    report.contains(needle),
                    "{ex}/申请报告 lacks {needle}:\n{report}"
                );
            }
            // 附件说明 names each attachment once.
            let att = report.split("附件：").nth(1).unwrap_or("");
            assert_eq!(att.matches("自评表").count(), 1, "{ex}: {att}");
            // The edition's check code appears once, in the closing line.
            assert_eq!(report.matches("版本校验码").count(), 1, "{ex}");
            let roster = squeeze(&rendered["入驻机构花名册.xlsx"].pages.join(""));
            assert!(roster.contains("合计"), "{ex}: {roster}");
        } else {
            assert!(
                rendered.keys().any(|n| n.starts_with("申请表")),
                "{ex}: no 申请表 in {:?}",
                rendered.keys().collect::<Vec<_>>()
            );
        }
    }
    let list = summary.join("\n");
    std::fs::write(artifacts().join("page-counts.txt"), format!("{list}\n")).expect("summary");
    eprintln!("{list}");
}

// ---- hostile values ----

#[test]
fn hostile_values_come_out_as_text_in_docx_and_xlsx_and_open_in_libreoffice() {
    let e = edition();
    let long = "长".repeat(5000);
    let park = serde_json::json!({
        "format": "hrs-answers", "version": 1, "kind": "park",
        "park": {
            "name": "=HYPERLINK(\"http://x\",\"园\")",
            "district": "+青山区",
            "applicant_government": "@SUM(1+1)",
            "address": "-2+3\u{1}\u{7}幸福路",
            "investor": "x",
            "district_policy_document": "=1+1",
            "revenue_this_year_yuan": "1000",
            "roster": [
                {"name": "=1+1", "uscc": "+86 123", "main_business": "@cmd|' /C calc'!A0",
                 "revenue_yuan": "10", "hr_service_firm": true},
                {"name": "y", "uscc": "\u{1b}[31m", "revenue_yuan": "20"}
            ]
        }
    });
    let org = serde_json::json!({
        "format": "hrs-answers", "version": 1, "kind": "organisation",
        "organisation": {
            "name": "=1+1", "uscc": "@A1", "district": "+1",
            "registered_in_city": true,
            "placements": [{"talent": "=cmd()", "employer": "z", "employer_in_city": true,
                            "contract_start": "2023-01-01", "contract_months": 24}],
            "talents": [{"name": "+1\u{2}", "basis": "catalogue", "category": 3, "full_time": true}]
        }
    });
    for (tag, json) in [("hostile-park", park), ("hostile-organisation", org)] {
        // The answers reader refuses texts over its bounds (issue 12); the documents must cope
        // with 5,000-character names all the same, so they are put in after reading.
        let mut answers = AnswerStore::from_value(&e, json.clone()).expect("answers");
        let text = |t: &str| AnswerValue::Text(t.to_string());
        match answers.kind() {
            AnswersKind::Park => {
                answers.set("park.investor", text(&long)).expect("set");
                answers
                    .set("park.roster[1].name", text(&long))
                    .expect("set");
            }
            AnswersKind::Organisation => {
                // The answers are read through the store, which holds texts to their bounds:
                // 5,000 characters are refused with the cell named (review R5: the lists of
                // people never come out silently empty); 500 are listed.
                let mut too_long = json;
                too_long["organisation"]["placements"][0]["employer"] = long.clone().into();
                let refused = AnswerStore::from_value(&e, too_long)
                    .err()
                    .map(|err| err.to_string())
                    .unwrap_or_default();
                assert!(
                    refused.contains("organisation.placements[0].employer"),
                    "{refused}"
                );
                answers
                    .set(
                        "organisation.placements[0].employer",
                        text(&"长".repeat(500)),
                    )
                    .expect("set");
            }
        }
        let files = files(&e, &answers);
        for (name, bytes) in files.iter().filter(|(n, _)| office(n)) {
            let main = if name.ends_with(".docx") {
                "word/document.xml"
            } else {
                "xl/worksheets/sheet1.xml"
            };
            let xml = part(bytes, main);
            assert!(
                !xml.contains('\u{1}') && !xml.contains('\u{2}') && !xml.contains('\u{1b}'),
                "{tag}/{name}: control characters"
            );
            if name.ends_with(".xlsx") {
                // The only formulas are the totals the builder writes.
                for f in xml.split("<f>").skip(1) {
                    let f = f.split("</f>").next().unwrap_or("");
                    assert!(
                        f.starts_with("COUNT") || f.starts_with("SUMIF"),
                        "{tag}/{name}: unexpected formula {f}"
                    );
                }
                let strings = part(bytes, "xl/sharedStrings.xml");
                assert!(
                    strings.contains("=1+1")
                        || strings.contains("=cmd()")
                        || strings.contains("+1"),
                    "{tag}/{name}"
                );
            }
        }
        let rendered = render(&artifacts().join(tag), &files);
        for (name, r) in &rendered {
            let text = squeeze(&r.pages.join(""));
            assert!(!r.pages.is_empty(), "{tag}/{name}");
            if name == "申请报告.docx" || name == "入驻机构花名册.xlsx" {
                assert!(
                    text.contains("=1+1"),
                    "{tag}/{name}: the formula-like text is shown as typed"
                );
            }
        }
    }
}
