//! The application packages: unzip what the builders produce and read it back — the DOCX
//! XML, the XLSX through calamine and its sheet XML, the answers file, 说明.txt — and render
//! the documents to PDF with LibreOffice to check the Chinese text survives.
#![cfg(feature = "docs")]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use hrs_widget::engine::{self, AnswerStore, AnswersError, AnswersKind, Outcome};
use hrs_widget::package::normalise::tighten;
use hrs_widget::package::{self, PackageError, PackageInput};
use hrs_widget::policy::{self, Edition};

const VERSION: &str = "0.1.0-test";

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 30).expect("date")
}

fn example(name: &str) -> AnswerStore {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/policy/examples")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("example answers");
    read(&text).expect("valid answers")
}

fn edition() -> Edition {
    policy::default_edition().expect("default edition")
}

/// Answers read through the default edition's declarations.
fn read(text: &str) -> Result<AnswerStore, AnswersError> {
    AnswerStore::from_json(&edition(), text)
}

fn evaluate(edition: &Edition, answers: &AnswerStore) -> Outcome {
    hrs_widget::engine::evaluate(edition, answers, as_of())
}

fn build(edition: &Edition, answers: &AnswerStore) -> (Outcome, Vec<u8>) {
    let outcome = evaluate(edition, answers);
    let input = PackageInput {
        edition,
        answers,
        outcome: &outcome,
        widget_version: VERSION,
        generated_at: hrs_widget::package::midnight(as_of()),
    };
    let bytes = match answers.kind() {
        AnswersKind::Park => package::park_package(&input),
        AnswersKind::Organisation => package::organisation_package(&input),
    }
    .expect("package");
    (outcome, bytes)
}

/// name → bytes, in archive order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).expect("read entry");
        out.push((f.name().to_string(), buf));
    }
    out
}

fn entry<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b.as_slice())
        .unwrap_or_else(|| panic!("{name} missing from the package"))
}

fn part(office_file: &[u8], name: &str) -> String {
    let files = unzip(office_file);
    String::from_utf8(entry(&files, name).to_vec()).expect("utf-8 xml")
}

/// The visible text of a WordprocessingML part (the `<w:t>` runs joined).
fn docx_text(office_file: &[u8]) -> String {
    let xml = part(office_file, "word/document.xml");
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        if rest[..open_end].ends_with('/') {
            rest = &rest[open_end..];
            continue;
        }
        let Some(close) = rest.find("</w:t>") else {
            break;
        };
        out.push_str(&rest[open_end + 1..close]);
        rest = &rest[close..];
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

#[test]
fn the_park_package_holds_the_report_roster_self_assessment_checklist_answers_and_readme() {
    let e = edition();
    let (_, zip) = build(&e, &example("park-passes.json"));
    let names: Vec<String> = unzip(&zip).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "申请报告.docx",
            "入驻机构花名册.xlsx",
            "自评表.docx",
            "材料清单.docx",
            "自评答卷.hrs-answers.json",
            "说明.txt"
        ]
    );
}

#[test]
fn the_report_follows_article_5_1_1_addressed_to_the_bureau_with_stamp_block_on_a4() {
    let e = edition();
    let answers = example("park-passes.json");
    let (_, zip) = build(&e, &answers);
    let files = unzip(&zip);
    let docx = entry(&files, "申请报告.docx");
    let text = docx_text(docx);
    for needle in [
        "关于包头市人力资源服务产业园（示例）申报市级人力资源服务产业园的申请报告",
        "包头市人力资源和社会保障局：",
        "昆都仑区人民政府",
        "一、产业园基本情况",
        "二、建筑面积",
        "三、入驻机构情况",
        "四、支持政策及落实情况",
        "五、经济社会效益等情况",
        "5200平方米",
        "人力资源服务企业20家",
        "《昆都仑区支持人力资源服务业发展若干措施》",
        "2024年度营业收入12500万元",
        "万元，主要原因是【待填写：差额原因",
        "附件：1.",
        "2024年6月30日",
        "（联系人：王明；联系电话：0472-0000000）",
        "仅供申报参考",
    ] {
        assert!(text.contains(needle), "report lacks {needle:?}:\n{text}");
    }
    // What the answers cannot know is a marked blank.
    assert!(text.contains("【待填写："), "{text}");
    let xml = part(docx, "word/document.xml");
    assert!(
        xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
        "A4"
    );
    // GB/T 9704 faces, each with its fallback in the font table.
    for face in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(xml.contains(face), "{face} named");
    }
    let fonts = part(docx, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    assert!(fonts.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>"#));
    // 37 / 35 / 28 / 26 mm margins, page numbers on odd and even pages.
    assert!(xml.contains(r#"w:top="2098""#) && xml.contains(r#"w:bottom="1984""#));
    assert!(xml.contains(r#"w:left="1587""#) && xml.contains(r#"w:right="1474""#));
    assert!(!text.contains("sha256") && !text.contains("负责人（签字）"));
    assert!(
        xml.contains(r#"w:highlight w:val="yellow""#),
        "blanks highlighted"
    );
}

#[test]
fn unknown_answers_become_blanks_named_by_the_question() {
    let e = edition();
    let answers =
        read(r#"{"format":"hrs-answers","version":1,"kind":"park","park":{}}"#).expect("answers");
    let (_, zip) = build(&e, &answers);
    let files = unzip(&zip);
    let text = docx_text(entry(&files, "申请报告.docx"));
    for blank in [
        "【待填写：产业园名称】",
        "【待填写：申报单位（旗县区人民政府或稀土高新区管委会）】",
        "【待填写：园区建筑总面积（平方米）】",
        "【待填写：旗县区扶持政策文件名称】",
    ] {
        assert!(text.contains(blank), "missing {blank}:\n{text}");
    }
    // The roster and the other documents still build, with an empty roster.
    let mut xlsx: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(entry(&files, "入驻机构花名册.xlsx").to_vec()))
            .expect("xlsx");
    let range = xlsx.worksheet_range("入驻机构花名册").expect("sheet");
    assert_eq!(cell_str(&range, 3, 0), "合计");
}

fn cell_str(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

#[test]
fn the_roster_reads_back_with_calamine_with_codes_formats_and_a_totals_row() {
    let e = edition();
    let answers = example("park-passes.json");
    let (outcome, zip) = build(&e, &answers);
    let files = unzip(&zip);
    let bytes = entry(&files, "入驻机构花名册.xlsx").to_vec();
    let park_roster = answers.rows("roster");
    let roster = &outcome.park.as_ref().expect("park outcome").roster;

    let mut xlsx: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).expect("xlsx");
    let range = xlsx.worksheet_range("入驻机构花名册").expect("sheet");
    assert!(cell_str(&range, 0, 0).contains("入驻机构花名册"));
    let header: Vec<String> = (0..11).map(|c| cell_str(&range, 2, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "机构名称",
            "统一社会信用代码",
            "服务业态",
            "是否为人力资源服务企业",
            "是否持有人力资源服务许可证或备案",
            // The year the user gave is kept in the header.
            "2024年度营业收入（元）",
            "主营业务",
            "计入营业收入合计",
            "计入人力资源服务企业数",
            "备注"
        ]
    );
    for (i, row) in park_roster.iter().enumerate() {
        let r = 3 + i as u32;
        assert_eq!(cell_str(&range, r, 1), row.text("name"));
        assert_eq!(cell_str(&range, r, 2), row.text("uscc"));
        let fmt = row.text("service_format");
        let label = &e.service_format(fmt).expect("known format").label.zh;
        assert_eq!(&cell_str(&range, r, 3), label);
        let hr = row.get("hr_service_firm").yes_no();
        let hr = *hr.value().expect("hr");
        assert_eq!(cell_str(&range, r, 4), if hr { "是" } else { "否" });
        let revenue = row.get("revenue_yuan").number();
        let revenue = revenue.value().expect("revenue");
        assert_eq!(cell_str(&range, r, 6), revenue.to_string());
    }
    let total_row = 3 + park_roster.len() as u32;
    assert_eq!(cell_str(&range, total_row, 0), "合计");
    // Totals are formulas whose cached values are the engine's numbers.
    assert_eq!(cell_str(&range, total_row, 1), format!("{}家", roster.rows));
    assert_eq!(
        cell_str(&range, total_row, 9),
        roster.hr_service_firms.to_string()
    );
    let total = roster.revenue_known_total.expect("known total");
    assert_eq!(cell_str(&range, total_row, 6), total.to_string());
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let last = 3 + park_roster.len();
    for f in [
        format!("<f>COUNT(A4:A{last})&amp;\"家\"</f>"),
        format!("<f>SUMIF(I4:I{last},\"是\",G4:G{last})</f>"),
        format!("<f>COUNTIF(J4:J{last},\"是\")</f>"),
    ] {
        assert!(sheet.contains(&f), "{f} in {sheet}");
    }
    // The USCC column is text (`@`), so editing a code never turns it into a number.
    assert!(part(&bytes, "xl/styles.xml").contains(r#"formatCode="@""#));
    // A4 landscape, header row repeated on every printed page.
    assert!(sheet.contains(r#"orientation="landscape""#));
    assert!(part(&bytes, "xl/workbook.xml").contains("_xlnm.Print_Titles"));

    // The sheet XML keeps the Chinese text intact (shared strings) and prints on A4.
    let strings = part(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("鹿城人力资源有限公司"));
    assert!(strings.contains("统一社会信用代码"));
    assert!(sheet.contains(r#"paperSize="9""#), "A4 paper");
    assert!(part(&bytes, "xl/styles.xml").contains("宋体"));
}

#[test]
fn the_self_assessment_lists_every_condition_with_verdict_reason_and_citation() {
    let e = edition();
    let (outcome, zip) = build(&e, &example("park-fails-two.json"));
    let files = unzip(&zip);
    let text = docx_text(entry(&files, "自评表.docx"));
    let park = outcome.park.as_ref().expect("park");
    for c in &park.conditions {
        // Numbers and units are written one way in the documents (no space between).
        assert!(
            text.contains(&tighten(&c.label.zh)),
            "missing {}",
            c.label.zh
        );
        assert!(
            text.contains(&tighten(&c.reason.zh)),
            "missing reason of {}",
            c.id
        );
        // The citation on two lines of its cell: 《管理办法》 / 第四条（三）.
        assert!(text.contains(&c.source.cite.to_string()));
    }
    assert!(text.contains("不符合"));
    assert!(text.contains("差距：还差200平方米"), "{text}");
    // The documents that prove each condition, from the edition's evidence.
    assert!(text.contains("不动产权证书或房屋租赁合同"), "{text}");
    assert!(!text.contains("sha256"), "no hash in the body");
    assert!(text.contains("《管理办法》第四条（三）"));
    assert!(text.contains("条款原文"));
    assert!(text.contains("（盖章）"));
}

#[test]
fn the_checklist_shows_each_article_5_material_ready_or_missing() {
    let e = edition();
    let (outcome, zip) = build(&e, &example("park-fails-two.json"));
    let files = unzip(&zip);
    let text = docx_text(entry(&files, "材料清单.docx"));
    let park = outcome.park.as_ref().expect("park");
    for m in &park.materials {
        assert!(text.contains(&m.label.zh));
    }
    // Each material is 已备齐 (nothing to fill) or 待准备 (with what to prepare).
    assert!(text.contains("已备齐"));
    assert!(text.contains("待准备"));
    assert!(!text.contains("待填写"), "{text}");
    assert!(text.contains("申报审核程序"));
}

#[test]
fn the_answers_file_reopens_to_the_same_answers_and_the_readme_names_edition_date_and_version() {
    let e = edition();
    let answers = example("park-passes.json");
    let (outcome, zip) = build(&e, &answers);
    let files = unzip(&zip);
    let reopened =
        read(std::str::from_utf8(entry(&files, "自评答卷.hrs-answers.json")).expect("utf-8"))
            .expect("answers file");
    assert_eq!(reopened, answers);

    let readme = String::from_utf8(entry(&files, "说明.txt").to_vec()).expect("utf-8");
    let readme = readme.trim_start_matches('\u{feff}');
    for needle in [
        "申请报告.docx",
        "入驻机构花名册.xlsx",
        "自评表.docx",
        "材料清单.docx",
        "自评答卷.hrs-answers.json",
        "说明.txt",
        "baotou-2022-55",
        e.content_hash.as_str(),
        "2024-06-30",
        VERSION,
    ] {
        assert!(readme.contains(needle), "说明.txt lacks {needle}");
    }
    assert_eq!(outcome.edition.content_hash, e.content_hash);
}

#[test]
fn the_organisation_package_shows_measures_ranges_caps_non_duplication_and_evidence() {
    let e = edition();
    let answers = example("organisation-capped.json");
    let (outcome, zip) = build(&e, &answers);
    let files = unzip(&zip);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "政策享受测算及佐证材料清单.docx",
            "申请表01-产业园入驻机构市本级留成部分奖补属地.docx",
            "申请表02-知名品牌入驻奖励.docx",
            "自评答卷.hrs-answers.json",
            "说明.txt"
        ]
    );
    // A 申请表 names the measure, its citation in words, the user's answers and the evidence.
    let form = docx_text(entry(&files, "申请表02-知名品牌入驻奖励.docx"));
    for needle in [
        "知名品牌入驻奖励申请表",
        "《十项措施》第三条",
        "营业收入（元）：6800万元",
        "全国服务业500强或人力资源服务机构100强榜单（发布文件或公告）",
        "本单位承诺",
        "（盖章）",
    ] {
        assert!(form.contains(needle), "申请表 lacks {needle:?}:\n{form}");
    }
    let text = docx_text(entry(&files, "政策享受测算及佐证材料清单.docx"));
    let org = outcome.organisation.as_ref().expect("organisation");
    for m in org
        .measures
        .iter()
        .filter(|m| m.eligibility == engine::Eligibility::Eligible)
    {
        assert!(
            text.contains(&m.label.zh),
            "missing eligible {}",
            m.label.zh
        );
    }
    for needle in [
        "一、可享受的措施",
        "三、不重复享受（就高从优）",
        "四、合计",
        "五、逐项条件及应附佐证材料",
        "10–12.65万元",
        "已按上限压低",
        "应附佐证材料",
        "示例全国百强人力资源集团包头分公司",
    ] {
        assert!(text.contains(needle), "organisation docx lacks {needle:?}");
    }
    for d in &org.non_duplication {
        assert!(text.contains(&d.label.zh));
    }
    let reopened =
        read(std::str::from_utf8(entry(&files, "自评答卷.hrs-answers.json")).expect("utf-8"))
            .expect("answers");
    assert_eq!(reopened, answers);
}

#[test]
fn asking_for_the_wrong_package_is_an_error_not_a_panic() {
    let e = edition();
    let answers = example("organisation-capped.json");
    let outcome = evaluate(&e, &answers);
    let input = PackageInput {
        edition: &e,
        answers: &answers,
        outcome: &outcome,
        widget_version: VERSION,
        generated_at: hrs_widget::package::midnight(as_of()),
    };
    assert!(matches!(
        package::park_package(&input),
        Err(PackageError::WrongKind { .. })
    ));
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let e = edition();
    let answers = example("park-passes.json");
    assert_eq!(build(&e, &answers).1, build(&e, &answers).1);
}

#[test]
fn the_zip_is_named_after_the_park_and_the_date() {
    let answers = example("park-passes.json");
    assert_eq!(
        package::package_file_name(&answers, as_of()),
        "包头市人力资源服务产业园（示例）-申报材料-2024-06-30.zip"
    );
    let odd =
        read(r#"{"format":"hrs-answers","version":1,"kind":"park","park":{"name":"  A/B:园*? "}}"#)
            .expect("answers");
    assert_eq!(
        package::package_file_name(&odd, as_of()),
        "AB园-申报材料-2024-06-30.zip"
    );
    let none =
        read(r#"{"format":"hrs-answers","version":1,"kind":"organisation"}"#).expect("answers");
    assert_eq!(
        package::package_file_name(&none, as_of()),
        "人力资源服务机构-政策享受材料-2024-06-30.zip"
    );
}

/// Review R3: the applicant's name, the body applying and its code are the answers the edition
/// declares as `identifies`, wherever they are: an edition naming the park by `park.park_name`,
/// the government by `park.applying_body` and the organisation's code by
/// `organisation.credit_code` gets the same ZIP name, titles, signer and code check.
#[test]
fn the_documents_name_the_applicant_by_the_fields_the_edition_identifies() {
    let json = policy::bundled()
        .iter()
        .find(|b| b.name == "baotou-2022-55")
        .expect("bundled 2022 edition")
        .json
        .replace("\"park.name\"", "\"park.park_name\"")
        .replace("\"park.applicant_government\"", "\"park.applying_body\"")
        .replace("\"organisation.uscc\"", "\"organisation.credit_code\"");
    let e = Edition::from_json(&json).expect("the renamed edition loads");
    let renamed = |file: &str, kind: &str, keys: &[(&str, &str)]| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/policy/examples")
            .join(file);
        let mut v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("example")).expect("json");
        let body = v[kind].as_object_mut().expect("answers body");
        for (from, to) in keys {
            let x = body.remove(*from).expect("the example answers it");
            body.insert((*to).to_string(), x);
        }
        AnswerStore::from_value(&e, v).expect("reads under the renamed edition")
    };
    let park = renamed(
        "park-passes.json",
        "park",
        &[
            ("name", "park_name"),
            ("applicant_government", "applying_body"),
        ],
    );
    assert_eq!(
        package::package_file_name(&park, as_of()),
        "包头市人力资源服务产业园（示例）-申报材料-2024-06-30.zip"
    );
    let files = unzip(&build(&e, &park).1);
    let report = docx_text(entry(&files, "申请报告.docx"));
    assert!(
        report.contains("关于包头市人力资源服务产业园（示例）申报市级人力资源服务产业园的申请报告"),
        "{report}"
    );
    assert!(report.contains("昆都仑区人民政府"), "{report}");
    let assessment = docx_text(entry(&files, "自评表.docx"));
    assert!(
        assessment.contains("包头市人力资源服务产业园（示例）申报市级人力资源服务产业园自评表"),
        "{assessment}"
    );
    // The organisation's code is checked where the edition declares it.
    let mut org = renamed(
        "organisation-capped.json",
        "organisation",
        &[("uscc", "credit_code")],
    );
    org.set_text("organisation.credit_code", "91150203MA13QX7K2X")
        .expect("a text answer");
    let o = evaluate(&e, &org);
    let problems = &o.problems;
    assert!(
        problems
            .iter()
            .any(|p| p.field == "organisation.credit_code"),
        "{problems:?}"
    );
    let files = unzip(&build(&e, &org).1);
    let list = docx_text(entry(&files, "政策享受测算及佐证材料清单.docx"));
    assert!(list.contains("91150203MA13QX7K2X"), "{list}");
}

// ---- LibreOffice: the documents render, with their Chinese headings, to PDF ----

fn scratch_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "hrs-package-{tag}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Converts `files` to PDF with one headless LibreOffice run (its own profile, so parallel
/// runs don't collide) and returns the text of each PDF (pdftotext), by input file name.
fn to_pdf_text(dir: &Path, files: &[(&str, &[u8])]) -> BTreeMap<String, String> {
    let mut paths = Vec::new();
    for (name, bytes) in files {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write input");
        paths.push(p);
    }
    let profile = dir.join("lo-profile");
    let out = dir.join("pdf");
    let status = Command::new("soffice")
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
        .arg(&out)
        .args(&paths)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run soffice ({e}); install LibreOffice with `scripts/setup.sh test`")
        });
    assert!(status.status.success(), "soffice failed: {status:?}");
    let mut texts = BTreeMap::new();
    for (name, _) in files {
        let stem = Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let pdf = out.join(format!("{stem}.pdf"));
        assert!(pdf.exists(), "no PDF for {name}: {status:?}");
        let text = Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap_or_else(|e| {
                panic!("cannot run pdftotext ({e}); install poppler-utils with `scripts/setup.sh test`")
            });
        assert!(text.status.success());
        texts.insert(
            name.to_string(),
            String::from_utf8_lossy(&text.stdout).into_owned(),
        );
    }
    texts
}

/// pdftotext may break lines anywhere in a table cell: compare without whitespace.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn libreoffice_renders_the_docx_and_xlsx_to_pdf_with_the_chinese_headings() {
    let e = edition();
    let (_, park_zip) = build(&e, &example("park-fails-two.json"));
    let (_, org_zip) = build(&e, &example("organisation-capped.json"));
    let park = unzip(&park_zip);
    let org = unzip(&org_zip);
    let dir = scratch_dir("pdf");
    let inputs: Vec<(&str, &[u8])> = vec![
        ("申请报告.docx", entry(&park, "申请报告.docx")),
        ("入驻机构花名册.xlsx", entry(&park, "入驻机构花名册.xlsx")),
        ("自评表.docx", entry(&park, "自评表.docx")),
        ("材料清单.docx", entry(&park, "材料清单.docx")),
        (
            "政策享受测算及佐证材料清单.docx",
            entry(&org, "政策享受测算及佐证材料清单.docx"),
        ),
    ];
    let texts = to_pdf_text(&dir, &inputs);
    let expect: &[(&str, &[&str])] = &[
        (
            "申请报告.docx",
            &[
                "申请报告",
                "包头市人力资源和社会保障局：",
                "一、产业园基本情况",
                "二、建筑面积",
                "三、入驻机构情况",
                "四、支持政策及落实情况",
                "五、经济社会效益等情况",
                "昆都仑区人民政府",
                "【待填写：",
            ],
        ),
        (
            "入驻机构花名册.xlsx",
            &[
                "入驻机构花名册",
                "统一社会信用代码",
                "鹿城人力资源有限公司",
                "合计",
            ],
        ),
        ("自评表.docx", &["自评表", "条款原文", "不符合"]),
        (
            "材料清单.docx",
            &["申报材料清单", "申请报告", "申报审核程序"],
        ),
        (
            "政策享受测算及佐证材料清单.docx",
            &["一、可享受的措施", "四、合计", "应附佐证材料"],
        ),
    ];
    for (file, needles) in expect {
        let text = squeeze(texts.get(*file).map(String::as_str).unwrap_or_default());
        for n in *needles {
            assert!(
                text.contains(&squeeze(n)),
                "PDF of {file} lacks {n:?}; got:\n{text}"
            );
        }
    }
    // HRS_KEEP_PDF=1 keeps the PDFs to look at (pdftoppm -png turns them into images).
    if std::env::var_os("HRS_KEEP_PDF").is_some() {
        eprintln!("PDFs kept in {}", dir.join("pdf").display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn typed_markup_and_control_characters_cannot_break_the_documents() {
    let e = edition();
    let answers = read(
        r#"{"format":"hrs-answers","version":1,"kind":"park","park":{
            "name":"A<&>\"'\u0001园\u000b","investor":"]]>x",
            "roster":[{"name":"<w:t>坏</w:t>\u0002","uscc":"bad","revenue_yuan":"1"}]}}"#,
    )
    .expect("answers");
    let (_, zip) = build(&e, &answers);
    let files = unzip(&zip);
    for name in ["申请报告.docx", "自评表.docx", "材料清单.docx"] {
        let xml = part(entry(&files, name), "word/document.xml");
        assert!(!xml.contains('\u{1}') && !xml.contains('\u{b}'), "{name}");
        assert!(!xml.contains("<w:t>坏"), "{name}: markup escaped");
    }
    let text = docx_text(entry(&files, "申请报告.docx"));
    assert!(text.contains("A<&>\"'园"), "{text}");
    let mut xlsx: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(entry(&files, "入驻机构花名册.xlsx").to_vec()))
            .expect("xlsx");
    let range = xlsx.worksheet_range("入驻机构花名册").expect("sheet");
    assert!(cell_str(&range, 3, 1).starts_with("<w:t>坏</w:t>"));
}

#[test]
fn the_talent_list_shows_each_persons_answers_by_its_declaration_and_dashes_what_their_basis_does_not_ask(
) {
    let e = edition();
    let answers = read(
        r#"{"format":"hrs-answers","version":1,"kind":"organisation","organisation":{
            "hr_service_organisation":true,"registered_in_city":true,"has_talents":true,
            "founded_high_tech_enterprise":true,
            "talents":[
              {"name":"甲","basis":"catalogue","category":3,"brought_in":true,"full_time":true},
              {"name":"乙","basis":"principal","full_time":true,"full_time_since":"2021-01-01"},
              {"name":"丙"}]}}"#,
    )
    .expect("answers");
    let (_, zip) = build(&e, &answers);
    let files = unzip(&zip);
    let bytes = entry(&files, package::TALENTS_FILE).to_vec();
    let mut xlsx: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    let range = xlsx.worksheet_range("高层次人才名册").expect("sheet");
    let row = |r: u32| -> Vec<String> { (1..9).map(|c| cell_str(&range, r, c)).collect() };
    let header = row(2);
    assert_eq!(header[0], "姓名");
    assert_eq!(header[2], "人才目录层次（1–7 类）");
    let a = row(3);
    assert_eq!(
        &a[..6],
        ["甲", "全职引进的目录人才", "3类", "是", "是", "—"].map(String::from),
        "{a:?}"
    );
    assert_eq!(a[6], "符合");
    let b = row(4);
    assert_eq!(
        b[2], "—",
        "the catalogue level is not asked of a principal: {b:?}"
    );
    assert_eq!(b[3], "—");
    assert_eq!(b[5], "2021年1月1日");
    assert_eq!(b[6], "符合", "{b:?}");
    // A person whose basis is not given yet: every column may still be asked (blank to fill).
    let c = row(5);
    assert_eq!(&c[1..6], ["", "", "", "", ""].map(String::from), "{c:?}");
}

/// Review R5: answers the edition's declarations refuse (a catalogue level outside 1–7) are an
/// error naming the field — not a talent list silently empty.
#[test]
fn a_talent_list_from_answers_the_edition_refuses_is_an_error_naming_the_field() {
    let e = edition();
    // The package reads the answers through the declarations: they never reach a builder.
    let err = AnswerStore::from_json(
        &e,
        r#"{"format":"hrs-answers","version":1,"kind":"organisation","organisation":{
            "hr_service_organisation":true,"has_talents":true,
            "talents":[{"name":"甲","basis":"catalogue","category":9}]}}"#,
    )
    .expect_err("refused");
    assert!(
        err.to_string().contains("organisation.talents[0].category"),
        "{err}"
    );
}
