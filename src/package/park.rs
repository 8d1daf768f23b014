//! The park package's Word documents: 申请报告 (第五条(一)1) as a 公文, 自评表 (第四条 /
//! 第九条) and 材料清单 (第五条(一)). Facts come from the answers (normalised, see
//! [`super::normalise`]), verdicts and reasons from the outcome, headings, labels, citations,
//! evidence and sentences of law from the edition.

use std::collections::BTreeSet;

use docx_rs::AlignmentType;

use crate::engine::{
    Answer, AnswerStore, AnswersKind, ConditionOutcome, MaterialState, ParkOutcome,
};
use crate::policy::{DocumentId, Edition, Identity, Test};

use super::labels::{self, date_zh};
use super::normalise::{book_title, join_address, number, wan, width_in_chars};
use super::word::{self, cell, Cell, Para, Seg};
use super::{closing_text, props, PackageError, PackageInput};
use super::{ANSWERS_FILE, CHECKLIST_FILE, REPORT_FILE, ROSTER_FILE, SELF_ASSESSMENT_FILE};

const CN_NUM: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

pub(super) fn cn_num(i: usize) -> String {
    CN_NUM
        .get(i)
        .map(|s| s.to_string())
        .unwrap_or_else(|| (i + 1).to_string())
}

pub(super) fn parts<'a>(
    input: &PackageInput<'a>,
) -> Result<(&'a AnswerStore, &'a ParkOutcome), PackageError> {
    let answers = input.answers;
    if answers.kind() != AnswersKind::Park {
        return Err(PackageError::Mismatch("expected park answers".into()));
    }
    let outcome = input
        .outcome
        .park
        .as_ref()
        .ok_or_else(|| PackageError::Mismatch("the outcome has no park part".into()))?;
    Ok((answers, outcome))
}

/// The label of the question at `path`, for a blank (`【待填写：产业园名称】`).
pub(super) fn question_label(e: &Edition, path: &str) -> String {
    e.question(path)
        .map(|q| q.label.zh.clone())
        .unwrap_or_else(|| path.to_string())
}

/// The text answer at `path`, trimmed, if it says something.
pub(super) fn given<'a>(a: &'a AnswerStore, path: &str) -> Option<&'a str> {
    match a.answer(path).text() {
        Answer::Value(v) if !v.trim().is_empty() => Some(v.trim()),
        _ => None,
    }
}

/// The text answer at `path`, or a blank named by its question.
pub(super) fn text_seg(a: &AnswerStore, e: &Edition, path: &str) -> Seg {
    match given(a, path) {
        Some(v) => Seg::t(v),
        None => Seg::Blank(question_label(e, path)),
    }
}

/// The text naming `w` (the park, the government applying), or `fallback`.
fn name_or<'a>(a: &'a AnswerStore, w: Identity, fallback: &'a str) -> &'a str {
    a.identity(w).unwrap_or(fallback)
}

/// The path of the answer naming `w`, as the edition declares it (`identifies`); empty when
/// it declares none (then it reads as unanswered).
pub(super) fn who(a: &AnswerStore, w: Identity) -> String {
    a.declarations().identity_path(w).unwrap_or_default()
}

/// The yes/no answer at `path` as one of two phrases, or a blank named by the question.
fn yes_no_seg(a: &AnswerStore, e: &Edition, path: &str, yes: &str, no: &str) -> Seg {
    match a.answer(path).yes_no() {
        Answer::Value(true) => Seg::t(yes),
        Answer::Value(false) => Seg::t(no),
        _ => Seg::Blank(question_label(e, path)),
    }
}

/// Labels of the planning-report topics (`park.plan_report_topics`), from the edition.
fn topic_labels(e: &Edition, ids: &[String]) -> Vec<String> {
    let mut known = Vec::new();
    for c in &e.park.conditions {
        if let Test::Topics { required, .. } = &c.test {
            known.extend(required.iter());
        }
    }
    ids.iter()
        .map(|id| {
            known
                .iter()
                .find(|t| &t.id == id)
                .map(|t| t.label.zh.clone())
                .unwrap_or_else(|| id.clone())
        })
        .collect()
}

fn format_label(e: &Edition, id: &str) -> String {
    e.service_format(id)
        .map(|f| f.label.zh.clone())
        .unwrap_or_else(|| id.to_string())
}

pub(super) fn document_title(e: &Edition, id: DocumentId) -> String {
    e.documents
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.title.zh.clone())
        .unwrap_or_default()
}

fn money_seg(a: &AnswerStore, e: &Edition, path: &str) -> Seg {
    match a.answer(path).number() {
        Answer::Value(y) => Seg::Text(wan(y)),
        _ => Seg::Blank(question_label(e, path)),
    }
}

/// `2024年度` when the user gave the revenue's year.
pub(super) fn revenue_year(a: &AnswerStore) -> Option<String> {
    match a.answer("park.revenue_year").count() {
        Answer::Value(y) if (1949..=9999).contains(&y) => Some(format!("{y}年度")),
        _ => None,
    }
}

/// What the report attaches, in order: the other 第五条(一) materials, then the 自评表.
/// Each is named once; its contents are added only where they say more than its name.
fn attachments(o: &ParkOutcome) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = o
        .materials
        .iter()
        .filter(|m| m.id != REPORT_MATERIAL)
        .map(|m| {
            let label = m.label.zh.trim_end_matches(['。', '；']).to_string();
            let extra: Vec<&str> = m
                .contents
                .iter()
                .map(|c| c.zh.as_str())
                .filter(|c| !label.contains(c))
                .collect();
            let text = if extra.is_empty() {
                label
            } else {
                format!("{label}（{}）", extra.join("、"))
            };
            (Some(m.id.clone()), text)
        })
        .collect();
    out.push((
        None,
        SELF_ASSESSMENT_FILE.trim_end_matches(".docx").to_string(),
    ));
    out
}

const REPORT_MATERIAL: &str = "park.5.1.report";
const ROSTER_MATERIAL: &str = "park.5.1.roster";

/// `附件N` of the material `id` (or of the 自评表 for `None`).
fn attachment_no(list: &[(Option<String>, String)], id: Option<&str>) -> String {
    list.iter()
        .position(|(m, _)| m.as_deref() == id)
        .map(|i| format!("附件{}", i + 1))
        .unwrap_or_else(|| "附件".into())
}

/// 申请报告.docx: a 公文 (GB/T 9704-2012) with the five parts 第五条(一)1 asks for.
pub(super) fn report(
    input: &PackageInput,
    a: &AnswerStore,
    o: &ParkOutcome,
) -> Result<Vec<u8>, PackageError> {
    let e = input.edition;
    let park_name = text_seg(a, e, &who(a, Identity::Name));
    let applicant = text_seg(a, e, &who(a, Identity::Applicant));
    let title = format!(
        "关于{}申报市级人力资源服务产业园的申请报告",
        name_or(a, Identity::Name, "")
    );
    let list = attachments(o);

    let mut doc = word::gongwen()
        .add_paragraph(word::gongwen_title(title.trim()))
        .add_paragraph(word::gongwen_blank(false))
        // 主送机关: the bureau's full name, flush left.
        .add_paragraph(
            Para::BODY
                .first(0)
                .keep()
                .text(format!("{}：", o.submission.to.zh)),
        );

    let report_material = o.materials.iter().find(|m| m.id == REPORT_MATERIAL);
    let article = report_material
        .map(|m| m.source.cite.article.clone())
        .unwrap_or_default();
    doc = doc.add_paragraph(word::body(&[
        Seg::t(format!(
            "根据《{}》（{}）{}规定，",
            document_title(e, DocumentId::Park),
            e.document_number,
            article
        )),
        applicant.clone(),
        Seg::t("现申报"),
        park_name.clone(),
        Seg::t("为市级人力资源服务产业园。现将有关情况报告如下："),
    ]));

    let mut bodies: Vec<Vec<docx_rs::Paragraph>> = vec![
        basic_facts(input, a, o, &list),
        floor_area(e, a, &list),
        resident_organisations(input, a, o, &list),
        policies(e, a),
        benefits(e, a, true),
    ];
    let headings: Vec<String> = report_material
        .map(|m| m.contents.iter().map(|c| c.zh.clone()).collect())
        .unwrap_or_default();
    for (i, h) in headings.iter().enumerate() {
        doc = doc.add_paragraph(word::h1(&format!("{}、{}", cn_num(i), h)));
        let paras = if i < bodies.len() {
            std::mem::take(&mut bodies[i])
        } else {
            vec![word::body(&[Seg::Blank(h.clone())])]
        };
        for p in paras {
            doc = doc.add_paragraph(p);
        }
    }

    // From the closing sentence to the seal, one block that never splits across pages.
    doc = doc
        .add_paragraph(Para::BODY.keep().text("特此申请，请予审核认定。"))
        .add_paragraph(word::gongwen_blank(true));
    // 附件说明 (GB/T 9704 7.3.4): 左空二字 "附件：1.…", later items aligned under the
    // first number, a wrapped name aligned with the first character of the name.
    let five = word::chars(5, word::SANHAO);
    let one = word::chars(1, word::SANHAO);
    for (i, (_, att)) in list.iter().enumerate() {
        let lead = if i == 0 { "附件：" } else { "" };
        let p = Para::BODY
            .first(0)
            .align(AlignmentType::Left)
            .left(five + one)
            .keep();
        let p = if i == 0 {
            // Hanging by 附件：1. (four characters) from 6 → starts at 2.
            p.first(-4)
        } else {
            p.first(-1)
        };
        doc = doc.add_paragraph(p.text(format!("{lead}{}.{att}", i + 1)));
    }
    // Room for the seal: three lines, then 署名 centred over 成文日期, which is 右空四字.
    for _ in 0..3 {
        doc = doc.add_paragraph(word::gongwen_blank(true));
    }
    let date = date_zh(input.as_of());
    let signer = name_or(a, Identity::Applicant, "");
    let date_w = width_in_chars(&date);
    let right_of = |w: usize| -> i32 {
        // Centre of the signer over the centre of the date, which ends four characters in.
        let twice = 8 + date_w as i64 - w as i64;
        (twice.max(0) as i32) * word::chars(1, word::SANHAO) / 2
    };
    let signer_w = if signer.is_empty() {
        width_in_chars(&word::blank_text(&question_label(
            e,
            &who(a, Identity::Applicant),
        )))
    } else {
        width_in_chars(signer)
    };
    doc = doc
        .add_paragraph(
            Para::BODY
                .first(0)
                .align(AlignmentType::Right)
                .right(right_of(signer_w))
                .keep()
                .build(std::slice::from_ref(&applicant)),
        )
        .add_paragraph(
            Para::BODY
                .first(0)
                .align(AlignmentType::Right)
                .right(word::chars(4, word::SANHAO))
                .keep()
                .text(date),
        )
        .add_paragraph(Para::BODY.keep().build(&[
            Seg::t("（联系人："),
            text_seg(a, e, "park.contact_person"),
            Seg::t("；联系电话："),
            text_seg(a, e, "park.contact_phone"),
            Seg::t("）"),
        ]))
        .add_paragraph(word::closing_line(&closing_text(input)));
    word::pack(doc, &props(input, &title))
}

fn basic_facts(
    input: &PackageInput,
    a: &AnswerStore,
    o: &ParkOutcome,
    list: &[(Option<String>, String)],
) -> Vec<docx_rs::Paragraph> {
    let e = input.edition;
    let location = match (given(a, "park.district"), given(a, "park.address")) {
        (Some(d), Some(addr)) => Seg::Text(join_address(d, addr)),
        (None, Some(addr)) => Seg::t(addr),
        (Some(d), None) => Seg::Text(format!("{d}{}", word::blank_text("详细地址"))),
        (None, None) => Seg::Blank(question_label(e, "park.address")),
    };
    let mut out = vec![word::body(&[
        text_seg(a, e, &who(a, Identity::Name)),
        Seg::t("位于"),
        location,
        Seg::t("，投资主体为"),
        text_seg(a, e, "park.investor"),
        Seg::t("，运营机构为"),
        text_seg(a, e, "park.operator_name"),
        Seg::t("。"),
    ])];
    let plan = match (
        a.answer("park.plan_report").yes_no(),
        a.answer("park.plan_report_topics").list(),
    ) {
        (Answer::Value(true), Answer::Value(topics)) if !topics.is_empty() => {
            vec![Seg::t(format!(
                "园区已形成规划报告，对{}等进行了论证。",
                topic_labels(e, topics).join("、")
            ))]
        }
        (Answer::Value(true), _) => vec![
            Seg::t("园区已形成规划报告，论证了"),
            Seg::Blank(question_label(e, "park.plan_report_topics")),
            Seg::t("。"),
        ],
        (Answer::Value(false), _) => vec![Seg::t("园区尚未形成规划报告。")],
        _ => vec![
            Seg::Blank(question_label(e, "park.plan_report")),
            Seg::t("。"),
        ],
    };
    let mut segs = plan;
    segs.push(yes_no_seg(
        a,
        e,
        "park.fits_city_planning",
        "园区符合全市经济发展规划和区域产业布局需要。",
        "园区与全市经济发展规划和区域产业布局的衔接尚待论证。",
    ));
    out.push(word::body(&segs));
    let s = &o.summary;
    out.push(word::body(&[Seg::t(format!(
        "对照《{}》第四条自评：符合{}项，由评审认定{}项，不符合{}项，待确认{}项（详见{}）。",
        document_title(e, DocumentId::Park),
        s.met,
        s.for_reviewers,
        s.not_met,
        s.unknown,
        attachment_no(list, None)
    ))]));
    out
}

fn floor_area(
    e: &Edition,
    a: &AnswerStore,
    list: &[(Option<String>, String)],
) -> Vec<docx_rs::Paragraph> {
    let area = match a.answer("park.floor_area_m2").number() {
        Answer::Value(m2) => Seg::Text(number(m2)),
        _ => Seg::Blank(question_label(e, "park.floor_area_m2")),
    };
    let plan_attachment = list
        .iter()
        .position(|(m, _)| m.as_deref() == Some("park.5.1.plan"))
        .map(|i| format!("（产权证明见附件{}）", i + 1))
        .unwrap_or_default();
    vec![
        word::body(&[
            Seg::t("园区建筑总面积"),
            area,
            Seg::t("平方米，"),
            yes_no_seg(
            a,
                e,
                "park.physically_concentrated",
                "物理形态相对集中。",
                "物理形态较为分散。",
            ),
            yes_no_seg(
            a,
                e,
                "park.supporting_services",
                "园区基础设施较完善，能够为入驻机构提供人力资源流动配置、社会保障、就业创业等配套服务。",
                "园区配套服务尚不完善。",
            ),
        ]),
        word::body(&[
            Seg::t("园区楼宇、场地构成及产权情况："),
            Seg::Blank("楼宇及场地构成、产权单位".into()),
            Seg::t(format!("{plan_attachment}。")),
        ]),
    ]
}

fn resident_organisations(
    input: &PackageInput,
    a: &AnswerStore,
    o: &ParkOutcome,
    list: &[(Option<String>, String)],
) -> Vec<docx_rs::Paragraph> {
    let e = input.edition;
    let r = &o.roster;
    let mut out = vec![word::h2("（一）入驻机构")];
    if r.rows == 0 {
        out.push(word::body(&[
            Seg::t("园区现有入驻机构"),
            Seg::Blank("入驻机构数量及其中人力资源服务企业数量".into()),
            Seg::t("。"),
        ]));
    } else {
        let mut s = format!(
            "园区现有入驻机构{}家，其中人力资源服务企业{}家",
            r.rows, r.hr_service_firms
        );
        if r.hr_service_firm_unknown > 0 {
            s.push_str(&format!(
                "（另有{}家未标明是否为人力资源服务企业）",
                r.hr_service_firm_unknown
            ));
        }
        if r.formats.is_empty() {
            s.push('。');
        } else {
            let labels: Vec<String> = r.formats.iter().map(|f| format_label(e, f)).collect();
            s.push_str(&format!(
                "，涵盖{}等{}类服务业态。",
                labels.join("、"),
                r.formats.len()
            ));
        }
        out.push(word::body(&[Seg::Text(s)]));
    }
    out.push(word::body(&[
        yes_no_seg(
            a,
            e,
            "park.complete_service_chain",
            "园区入驻机构类型、服务业态多元，已形成较为完整的人力资源服务产业链。",
            "园区人力资源服务产业链尚待完善。",
        ),
        Seg::t(format!(
            "入驻机构名单、统一社会信用代码、服务业态及营业收入详见{}。",
            attachment_no(list, Some(ROSTER_MATERIAL))
        )),
    ]));

    out.push(word::h2("（二）营业收入"));
    let year = revenue_year(a).unwrap_or_else(|| "年度".into());
    out.push(word::body(&[
        Seg::t(format!("园区{year}营业收入")),
        money_seg(a, e, "park.revenue_this_year_yuan"),
        Seg::t("，上一年度"),
        money_seg(a, e, "park.revenue_last_year_yuan"),
        Seg::t("。"),
    ]));
    if let Some(total) = r.revenue_known_total {
        let mut s = format!("花名册所列机构{year}营业收入合计{}", wan(total));
        if r.revenue_unknown_rows > 0 {
            s.push_str(&format!(
                "（另有{}家营业收入未填写）",
                r.revenue_unknown_rows
            ));
        }
        match a.answer("park.revenue_this_year_yuan").number() {
            Answer::Value(park) if park == total => {
                s.push_str("，与园区年度营业收入一致。");
                out.push(word::body(&[Seg::Text(s)]));
            }
            Answer::Value(park) => {
                // A sentence the applicant keeps or edits: the difference and a blank for why.
                let (more, diff) = if total > park {
                    ("高于", total - park)
                } else {
                    ("低于", park - total)
                };
                s.push_str(&format!(
                    "，{more}园区年度营业收入{}，相差{}，主要原因是",
                    wan(park),
                    wan(diff)
                ));
                out.push(word::body(&[
                    Seg::Text(s),
                    Seg::Blank("差额原因，如统计口径不同、部分入驻机构未纳入花名册等".into()),
                    Seg::t("。"),
                ]));
            }
            _ => {
                s.push('。');
                out.push(word::body(&[Seg::Text(s)]));
            }
        }
    }
    out
}

fn policies(e: &Edition, a: &AnswerStore) -> Vec<docx_rs::Paragraph> {
    let mut segs = vec![text_seg(a, e, "park.district")];
    match given(a, "park.district_policy_document") {
        Some(d) => segs.push(Seg::Text(format!("已制定出台{}", book_title(d)))),
        None => {
            segs.push(Seg::t("已制定出台"));
            segs.push(Seg::Blank(question_label(
                e,
                "park.district_policy_document",
            )));
        }
    }
    segs.push(yes_no_seg(
        a,
        e,
        "park.in_district_plan",
        "，并已将支持人力资源服务业发展纳入当地经济社会发展规划。",
        "。",
    ));
    let mut out = vec![word::h2("（一）扶持政策"), word::body(&segs)];
    let mut segs = vec![yes_no_seg(
        a,
        e,
        "park.operating_rules",
        "园区运营管理服务机制健全，",
        "园区运营管理服务机制尚待健全，",
    )];
    segs.push(Seg::t("运营机构为"));
    segs.push(text_seg(a, e, "park.operator_name"));
    segs.push(Seg::t("；信息化宣传平台网址为"));
    segs.push(text_seg(a, e, "park.platform_url"));
    segs.push(Seg::t("，"));
    segs.push(yes_no_seg(
        a,
        e,
        "park.platform_active",
        "平台保持活跃并及时更新。",
        "平台活跃度和更新率有待提高。",
    ));
    out.push(word::h2("（二）运营管理"));
    out.push(word::body(&segs));
    out.push(word::h2("（三）政策落实情况"));
    out.push(word::body(&[
        Seg::Blank("已兑现的扶持资金、享受政策的机构数量、“线上+线下”服务平台建设情况等".into()),
        Seg::t("。"),
    ]));
    out
}

/// `last`: the report's last section, whose last paragraph stays with 特此申请 and the seal.
fn benefits(e: &Edition, a: &AnswerStore, last: bool) -> Vec<docx_rs::Paragraph> {
    let closing = if last { Para::BODY.keep() } else { Para::BODY };
    let count = |path: &str| match a.answer(path).count() {
        Answer::Value(n) => Seg::Text(n.to_string()),
        _ => Seg::Blank(question_label(e, path)),
    };
    vec![
        word::body(&[
            Seg::t("园区已组织开展人力资源服务业展示交流、供需对接活动"),
            count("park.events_held"),
            Seg::t("场，吸引知名机构、头部企业、新锐企业入驻"),
            count("park.notable_firms"),
            Seg::t("家。"),
            yes_no_seg(
            a,
                e,
                "park.social_benefits",
                "园区在促进就业创业、引进培育人才、服务产业集聚及助力经济社会发展等方面发挥了较好作用。",
                "园区在促进就业创业、引进培育人才、服务产业集聚等方面的作用有待加强。",
            ),
        ]),
        closing.build(&[
            Seg::t("主要成效："),
            Seg::Blank("带动就业人数、服务人次、引进培育人才数量等".into()),
            Seg::t("。"),
        ]),
    ]
}

/// A citation in words on two lines (`《管理办法》` / `第四条（二）`), so a narrow column
/// breaks it where a reader would.
pub(super) fn cite_cell(s: &crate::policy::Source) -> Cell {
    let words = s.cite.in_words("zh");
    match words.split_once('》') {
        Some((doc, rest)) if !rest.is_empty() => {
            vec![Seg::Text(format!("{doc}》")), Seg::Break, Seg::t(rest)]
        }
        _ => cell(words),
    }
}

fn evidence_cell(e: &Edition, id: &str) -> Cell {
    super::evidence_cell(e, id).unwrap_or_else(|| cell("—"))
}

fn condition_cells(e: &Edition, i: usize, c: &ConditionOutcome) -> Vec<Cell> {
    let mut label = c.label.zh.clone();
    if c.in_principle {
        label.push_str("（原则上）");
    }
    let mut reason = vec![Seg::Text(c.reason.zh.clone())];
    if let Some(g) = &c.gap {
        reason.push(Seg::Bold(format!("；差距：{}", g.text.zh)));
    }
    vec![
        cell((i + 1).to_string()),
        cite_cell(&c.source),
        cell(label),
        vec![Seg::Bold(labels::verdict(&c.verdict))],
        reason,
        evidence_cell(e, &c.id),
    ]
}

/// 自评表.docx: every 第九条 / 第四条 condition with its verdict, reason, citation and the
/// documents that prove it; A4 landscape.
pub(super) fn self_assessment(
    input: &PackageInput,
    a: &AnswerStore,
    o: &ParkOutcome,
) -> Result<Vec<u8>, PackageError> {
    let e = input.edition;
    let width = word::TEXT_W_LANDSCAPE;
    let title = format!(
        "{}申报市级人力资源服务产业园自评表",
        name_or(a, Identity::Name, "")
    );
    let park_title = document_title(e, DocumentId::Park);
    // The bar's article as this edition numbers it (2022: 第九条).
    let bar = &e.park.barred.source.cite;
    let bar_article = format!("{}{}", bar.article, bar.clause.as_deref().unwrap_or(""));
    let mut doc = word::form(true)
        .add_paragraph(word::form_title(&title))
        .add_paragraph(word::form_subtitle(&format!(
            "对照《{park_title}》第四条（申报条件）及{bar_article}"
        )))
        .add_paragraph(word::small_segs(&[
            Seg::t("申报单位："),
            text_seg(a, e, &who(a, Identity::Applicant)),
            Seg::t("　　产业园名称："),
            text_seg(a, e, &who(a, Identity::Name)),
            Seg::t(format!("　　评估日期：{}", date_zh(input.as_of()))),
        ]));
    let s = &o.summary;
    doc = doc.add_paragraph(word::small(format!(
        "共{}项：符合{}项，由评审认定{}项，不符合{}项，待确认{}项。{}",
        o.conditions.len(),
        s.met,
        s.for_reviewers,
        s.not_met,
        s.unknown,
        if s.ready_for_review {
            "无不符合或待确认项；“由评审认定”项由评审专家认定。"
        } else {
            "尚有不符合或待确认项：第四条为“原则上”要求，不符合项由评审专家综合判断；待确认项请补充后重新生成。"
        }
    )));
    if s.barred {
        doc = doc.add_paragraph(word::small_segs(&[Seg::Bold(format!(
            "注意：按{bar_article}，该产业园在评估日期仍处于取消资格后不予重新认定的期限内。"
        ))]));
    }
    let rows: Vec<Vec<Cell>> = o
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| condition_cells(e, i, c))
        .collect();
    doc = doc.add_table(word::table(
        &["序号", "依据", "条件", "自评结论", "理由及差距", "佐证材料"],
        rows,
        &[5, 12, 20, 10, 28, 25],
        width,
    ));
    doc = doc.add_paragraph(word::small(format!(
        "注：《管理办法》指《{park_title}》（{}）。",
        e.document_number
    )));
    if !o.roster.issues.is_empty() {
        doc = doc.add_paragraph(word::form_heading("花名册问题"));
        for issue in &o.roster.issues {
            doc = doc.add_paragraph(word::small(format!(
                "花名册第{}行：{}",
                issue.row + 1,
                issue.message.zh
            )));
        }
    }
    if !input.outcome.problems.is_empty() {
        doc = doc.add_paragraph(word::form_heading("答卷问题"));
        for p in &input.outcome.problems {
            let label = question_label(e, &p.field);
            doc = doc.add_paragraph(word::small(format!("{label}：{}", p.message.zh)));
        }
    }
    doc = doc.add_paragraph(word::form_heading("条款原文"));
    let mut seen = BTreeSet::new();
    let originals: Vec<(String, String)> = o
        .conditions
        .iter()
        .map(|c| (c.source.cite.in_words("zh"), c.source.original.clone()))
        .filter(|k| seen.insert(k.clone()))
        .collect();
    let n = originals.len();
    for (i, (cite, original)) in originals.into_iter().enumerate() {
        let p = Para::FORM.size(word::XIAOSI);
        // The last sentence goes with the signature lines.
        let p = if i + 1 == n { p.keep() } else { p };
        doc = doc.add_paragraph(p.text(format!("{cite}：{original}")));
    }
    for p in word::form_signature(
        None,
        &[
            ("填表人（签字）：".into(), "审核人（签字）：".into()),
            (
                format!("{}（盖章）", name_or(a, Identity::Applicant, "申报单位")),
                format!("日期：{}", date_zh(input.as_of())),
            ),
        ],
        width,
    ) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(word::closing_line(&closing_text(input)));
    word::pack(doc, &props(input, &title))
}

/// 材料清单.docx: the 第五条(一) materials, each either 已备齐 or 待准备 with what to prepare,
/// and what follows submission.
pub(super) fn checklist(
    input: &PackageInput,
    a: &AnswerStore,
    o: &ParkOutcome,
) -> Result<Vec<u8>, PackageError> {
    let e = input.edition;
    let width = word::TEXT_W;
    let title = format!(
        "{}申报材料清单",
        name_or(a, Identity::Name, "市级人力资源服务产业园")
    );
    let mut doc = word::form(false)
        .add_paragraph(word::form_title(&title))
        .add_paragraph(word::form_subtitle(&format!(
            "《{}》{}",
            document_title(e, DocumentId::Park),
            o.submission
                .source
                .cite
                .in_words("zh")
                .replace("《管理办法》", "")
        )))
        .add_paragraph(word::small_segs(&[
            Seg::t("申报单位："),
            text_seg(a, e, &who(a, Identity::Applicant)),
            Seg::t(format!(
                "（{}）　受理单位：{}",
                o.submission.by.zh, o.submission.to.zh
            )),
        ]))
        .add_paragraph(word::small(format!("评估日期：{}", date_zh(input.as_of()))));
    let ready = |s: MaterialState| s == MaterialState::Ready;
    let rows: Vec<Vec<Cell>> = o
        .materials
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let contents: Vec<&str> = m.contents.iter().map(|c| c.zh.as_str()).collect();
            // Either 已备齐 with nothing to do, or 待准备 with what to prepare.
            let (state, todo) = if ready(m.status) {
                let note = match m.id.as_str() {
                    REPORT_MATERIAL => {
                        format!("以申报单位盖章定稿为准（本包附预填稿{REPORT_FILE}）")
                    }
                    ROSTER_MATERIAL => format!("本包附{ROSTER_FILE}"),
                    _ => "—".into(),
                };
                (
                    labels::material_state(m.status).to_string(),
                    vec![Seg::Text(note)],
                )
            } else {
                let unconfirmed = if m.status == MaterialState::NotAnswered {
                    "（答卷未确认是否备齐）"
                } else {
                    ""
                };
                let what = match m.id.as_str() {
                    REPORT_MATERIAL => {
                        format!("补全本包{REPORT_FILE}中黄色标出的空项，经申报单位盖章")
                    }
                    ROSTER_MATERIAL => {
                        format!("核对本包{ROSTER_FILE}，另备主营业务及经营情况佐证材料")
                    }
                    _ => format!("准备{}", contents.join("、")),
                };
                (
                    format!("{}{unconfirmed}", labels::material_state(m.status)),
                    vec![Seg::Text(what)],
                )
            };
            vec![
                cell((i + 1).to_string()),
                cell(m.label.zh.clone()),
                cell(contents.join("；")),
                cite_cell(&m.source),
                vec![Seg::Bold(state)],
                todo,
            ]
        })
        .collect();
    doc = doc.add_table(word::table(
        &["序号", "材料", "主要内容", "依据", "状态", "说明"],
        rows,
        &[6, 15, 24, 19, 11, 25],
        width,
    ));
    let missing: Vec<&str> = o
        .materials
        .iter()
        .filter(|m| !ready(m.status))
        .map(|m| m.label.zh.as_str())
        .collect();
    doc = doc.add_paragraph(word::small(if missing.is_empty() {
        "第五条（一）所列材料均已备齐。".to_string()
    } else {
        format!("待准备{}项：{}。", missing.len(), missing.join("；"))
    }));
    doc = doc.add_paragraph(word::small(format!(
        "本材料包另含：{SELF_ASSESSMENT_FILE}（第四条自评及佐证材料）、{CHECKLIST_FILE}（本清单）、{ANSWERS_FILE}（自评答卷，可在自评工具中重新打开）。"
    )));
    doc = doc.add_paragraph(word::form_heading("申报审核程序"));
    for (i, s) in o.procedure.iter().enumerate() {
        doc = doc.add_paragraph(word::small(format!(
            "{}．{}（{}；{}）",
            i + 1,
            s.label.zh,
            s.actor.zh,
            s.source.cite.in_words("zh")
        )));
    }
    if !o.after_certification.is_empty() {
        doc = doc.add_paragraph(word::form_heading("认定后"));
        let n = o.after_certification.len();
        for (i, s) in o.after_certification.iter().enumerate() {
            let p = Para::FORM.size(word::XIAOSI);
            let p = if i + 1 == n { p.keep() } else { p };
            doc = doc.add_paragraph(p.text(format!(
                "{}．{}（{}；{}）",
                i + 1,
                s.label.zh,
                s.actor.zh,
                s.source.cite.in_words("zh")
            )));
        }
    }
    for p in word::form_signature(
        None,
        &[
            (
                "经办人（签字）：".into(),
                format!("日期：{}", date_zh(input.as_of())),
            ),
            (
                format!("{}（盖章）", name_or(a, Identity::Applicant, "申报单位")),
                String::new(),
            ),
        ],
        width,
    ) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(word::closing_line(&closing_text(input)));
    word::pack(doc, &props(input, &title))
}
