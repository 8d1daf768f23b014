//! The park package's Word documents: 申请报告 (第五条(一)1), 自评表 (第四条 / 第九条) and
//! 材料清单 (第五条(一)). Facts come from the answers, verdicts and reasons from the outcome,
//! headings, labels, citations and sentences of law from the edition.

use std::collections::BTreeSet;

use crate::engine::money;
use crate::engine::{Answer, Answers, ConditionOutcome, MaterialState, ParkAnswers, ParkOutcome};
use crate::policy::{DocumentId, Edition, Test};

use super::labels::{self, cite, date_zh};
use super::word::{self, cell, Cell, Seg};
use super::{PackageError, PackageInput, CHECKLIST_FILE, REPORT_FILE, ROSTER_FILE};
use super::{ANSWERS_FILE, SELF_ASSESSMENT_FILE};

const CN_NUM: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn cn_num(i: usize) -> String {
    CN_NUM
        .get(i)
        .map(|s| s.to_string())
        .unwrap_or_else(|| (i + 1).to_string())
}

pub(super) fn parts<'a>(
    input: &PackageInput<'a>,
) -> Result<(&'a ParkAnswers, &'a ParkOutcome), PackageError> {
    let answers = match input.answers {
        Answers::Park(p) => p,
        Answers::Organisation(_) => {
            return Err(PackageError::Mismatch("expected park answers".into()))
        }
    };
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

fn text_seg(a: &Answer<String>, e: &Edition, path: &str) -> Seg {
    match a {
        Answer::Value(v) if !v.trim().is_empty() => Seg::Text(v.trim().to_string()),
        _ => Seg::Blank(question_label(e, path)),
    }
}

fn name_or<'a>(a: &'a Answer<String>, fallback: &'a str) -> &'a str {
    match a {
        Answer::Value(v) if !v.trim().is_empty() => v.trim(),
        _ => fallback,
    }
}

/// A yes/no answer as one of two phrases, or a blank named by the question.
fn yes_no_seg(a: &Answer<bool>, e: &Edition, path: &str, yes: &str, no: &str) -> Seg {
    match a {
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

fn park_document_title(e: &Edition) -> String {
    e.documents
        .iter()
        .find(|d| d.id == DocumentId::Park)
        .map(|d| d.title.zh.clone())
        .unwrap_or_default()
}

fn footer_note(input: &PackageInput) -> String {
    format!(
        "{} · {} · sha256 {} · 评估日期 {}",
        input.edition.document_number,
        input.edition.id,
        input
            .edition
            .content_hash
            .chars()
            .take(12)
            .collect::<String>(),
        input.as_of().format("%Y-%m-%d")
    )
}

fn money_seg(a: &Answer<crate::engine::Yuan>, e: &Edition, path: &str) -> Seg {
    match a {
        Answer::Value(y) => Seg::Text(money::wan_and_yuan(y.0)),
        _ => Seg::Blank(question_label(e, path)),
    }
}

fn not_in_force(input: &PackageInput) -> Option<docx_rs::Paragraph> {
    (!input.outcome.in_force).then(|| {
        word::plain(
            &[Seg::Bold(input.outcome.in_force_note.zh.clone())],
            word::SIZE_SMALL,
        )
    })
}

/// 申请报告.docx, structured as 第五条(一)1 asks.
pub(super) fn report(
    input: &PackageInput,
    a: &ParkAnswers,
    o: &ParkOutcome,
) -> Result<Vec<u8>, PackageError> {
    let e = input.edition;
    let park_name = text_seg(&a.name, e, "park.name");
    let applicant = text_seg(&a.applicant_government, e, "park.applicant_government");
    let title = format!(
        "关于{}申报市级人力资源服务产业园的申请报告",
        name_or(&a.name, "")
    );
    let mut doc = word::document(&footer_note(input), &input.as_of().to_string());
    if let Some(p) = not_in_force(input) {
        doc = doc.add_paragraph(p);
    }
    doc = doc
        .add_paragraph(word::title(title.trim()))
        .add_paragraph(word::empty())
        .add_paragraph(word::text(format!("{}：", o.submission.to.zh)));

    let report_material = o
        .materials
        .iter()
        .find(|m| m.id == "park.5.1.report")
        .or_else(|| o.materials.first());
    let article = report_material
        .map(|m| m.source.cite.article.clone())
        .unwrap_or_default();
    doc = doc.add_paragraph(word::body(&[
        Seg::t(format!(
            "根据《{}》（{}）{}规定，",
            park_document_title(e),
            e.document_number,
            article
        )),
        applicant.clone(),
        Seg::t("现申报"),
        park_name.clone(),
        Seg::t("为市级人力资源服务产业园。现将有关情况报告如下："),
    ]));

    let mut bodies: Vec<Vec<docx_rs::Paragraph>> = vec![
        basic_facts(input, a, o),
        floor_area(e, a),
        resident_organisations(input, a, o),
        policies(e, a),
        benefits(e, a),
    ];
    let headings: Vec<String> = report_material
        .map(|m| m.contents.iter().map(|c| c.zh.clone()).collect())
        .unwrap_or_default();
    for (i, h) in headings.iter().enumerate() {
        doc = doc.add_paragraph(word::heading(&format!("{}、{}", cn_num(i), h)));
        let paras = if i < bodies.len() {
            std::mem::take(&mut bodies[i])
        } else {
            vec![word::body(&[Seg::Blank(h.clone())])]
        };
        for p in paras {
            doc = doc.add_paragraph(p);
        }
    }

    doc = doc
        .add_paragraph(word::body(&[Seg::t("特此申请，请予审核认定。")]))
        .add_paragraph(word::empty());
    // 附件: the other 第五条(一) materials, then the generated self-assessment.
    let mut attachments: Vec<String> = o
        .materials
        .iter()
        .filter(|m| Some(&m.id) != report_material.map(|r| &r.id))
        .map(|m| {
            let contents: Vec<&str> = m.contents.iter().map(|c| c.zh.as_str()).collect();
            format!("{}（{}）", m.label.zh, contents.join("、"))
        })
        .collect();
    attachments.push("自评表".into());
    for (i, att) in attachments.iter().enumerate() {
        let lead = if i == 0 { "附件：" } else { "　　　" };
        doc = doc.add_paragraph(word::plain(
            &[Seg::t(format!("{lead}{}．{att}", i + 1))],
            word::SIZE_BODY,
        ));
    }
    doc = doc
        .add_paragraph(word::empty())
        .add_paragraph(word::empty())
        .add_paragraph(word::right(&[applicant.clone(), Seg::t("（盖章）")]))
        .add_paragraph(word::right(&[Seg::t(date_zh(input.as_of()))]))
        .add_paragraph(word::empty())
        .add_table(word::signature_block(&[
            ("负责人（签字）：".into(), "经办人（签字）：".into()),
            (
                format!(
                    "联系人：{}",
                    name_or(&a.contact_person, &word::blank_text("联系人"))
                ),
                format!(
                    "联系电话：{}",
                    name_or(&a.contact_phone, &word::blank_text("联系电话"))
                ),
            ),
        ]));
    word::pack(doc)
}

fn basic_facts(input: &PackageInput, a: &ParkAnswers, o: &ParkOutcome) -> Vec<docx_rs::Paragraph> {
    let e = input.edition;
    let mut out = vec![word::body(&[
        text_seg(&a.name, e, "park.name"),
        Seg::t("位于"),
        text_seg(&a.district, e, "park.district"),
        text_seg(&a.address, e, "park.address"),
        Seg::t("，投资主体为"),
        text_seg(&a.investor, e, "park.investor"),
        Seg::t("，运营机构为"),
        text_seg(&a.operator_name, e, "park.operator_name"),
        Seg::t("。"),
    ])];
    let plan = match (&a.plan_report, &a.plan_report_topics) {
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
        &a.fits_city_planning,
        e,
        "park.fits_city_planning",
        "园区符合全市经济发展规划和区域产业布局需要。",
        "园区与全市经济发展规划和区域产业布局的衔接尚待论证。",
    ));
    out.push(word::body(&segs));
    let s = &o.summary;
    out.push(word::body(&[Seg::t(format!(
        "对照《{}》第四条自评：符合 {} 项，待评审判断 {} 项，不符合 {} 项，未知 {} 项（详见附件自评表）。",
        park_document_title(e),
        s.met,
        s.for_reviewers,
        s.not_met,
        s.unknown
    ))]));
    out
}

fn floor_area(e: &Edition, a: &ParkAnswers) -> Vec<docx_rs::Paragraph> {
    let area = match &a.floor_area_m2 {
        Answer::Value(m2) => Seg::Text(format!("{m2}")),
        _ => Seg::Blank(question_label(e, "park.floor_area_m2")),
    };
    vec![
        word::body(&[
            Seg::t("园区建筑总面积"),
            area,
            Seg::t("平方米，"),
            yes_no_seg(
                &a.physically_concentrated,
                e,
                "park.physically_concentrated",
                "物理形态相对集中。",
                "物理形态较为分散。",
            ),
            yes_no_seg(
                &a.supporting_services,
                e,
                "park.supporting_services",
                "园区基础设施较完善，能够为入驻机构提供人力资源流动配置、社会保障、就业创业等配套服务。",
                "园区配套服务尚不完善。",
            ),
        ]),
        word::body(&[
            Seg::t("园区楼宇、场地构成及产权情况："),
            Seg::Blank("楼宇及场地构成、产权单位、产权证明".into()),
            Seg::t("。"),
        ]),
    ]
}

fn resident_organisations(
    input: &PackageInput,
    a: &ParkAnswers,
    o: &ParkOutcome,
) -> Vec<docx_rs::Paragraph> {
    let e = input.edition;
    let r = &o.roster;
    let mut out = Vec::new();
    if r.rows == 0 {
        out.push(word::body(&[
            Seg::t("园区现有入驻机构"),
            Seg::Blank("入驻机构数量及其中人力资源服务企业数量".into()),
            Seg::t("。"),
        ]));
    } else {
        let mut s = format!(
            "园区现有入驻机构 {} 家，其中人力资源服务企业 {} 家",
            r.rows, r.hr_service_firms
        );
        if r.hr_service_firm_unknown > 0 {
            s.push_str(&format!(
                "（另有 {} 家未标明是否为人力资源服务企业）",
                r.hr_service_firm_unknown
            ));
        }
        if r.formats.is_empty() {
            s.push('。');
        } else {
            let labels: Vec<String> = r.formats.iter().map(|f| format_label(e, f)).collect();
            s.push_str(&format!(
                "，涵盖{}等 {} 类服务业态。",
                labels.join("、"),
                r.formats.len()
            ));
        }
        out.push(word::body(&[Seg::Text(s)]));
        if let Some(total) = r.revenue_known_total {
            let mut s = format!(
                "花名册所列机构年度营业收入合计 {}",
                money::wan_and_yuan(total)
            );
            if r.revenue_unknown_rows > 0 {
                s.push_str(&format!(
                    "（另有 {} 家营业收入未填写）",
                    r.revenue_unknown_rows
                ));
            }
            s.push('。');
            out.push(word::body(&[Seg::Text(s)]));
        }
    }
    let mut segs = vec![
        Seg::t("园区年度营业收入"),
        money_seg(&a.revenue_this_year_yuan, e, "park.revenue_this_year_yuan"),
        Seg::t("，上一年度"),
        money_seg(&a.revenue_last_year_yuan, e, "park.revenue_last_year_yuan"),
        Seg::t("。"),
    ];
    segs.push(yes_no_seg(
        &a.complete_service_chain,
        e,
        "park.complete_service_chain",
        "园区入驻机构类型、服务业态多元，已形成较为完整的人力资源服务产业链。",
        "园区人力资源服务产业链尚待完善。",
    ));
    out.push(word::body(&segs));
    out.push(word::body(&[Seg::t(format!(
        "入驻机构名单、统一社会信用代码、服务业态及营业收入详见附件《{}》。",
        ROSTER_FILE.trim_end_matches(".xlsx")
    ))]));
    out
}

fn policies(e: &Edition, a: &ParkAnswers) -> Vec<docx_rs::Paragraph> {
    let mut segs = vec![text_seg(&a.district, e, "park.district")];
    match &a.district_policy_document {
        Answer::Value(d) if !d.trim().is_empty() => {
            segs.push(Seg::Text(format!("已制定出台《{}》", d.trim())))
        }
        _ => {
            segs.push(Seg::t("已制定出台"));
            segs.push(Seg::Blank(question_label(
                e,
                "park.district_policy_document",
            )));
        }
    }
    segs.push(yes_no_seg(
        &a.in_district_plan,
        e,
        "park.in_district_plan",
        "，并已将支持人力资源服务业发展纳入当地经济社会发展规划。",
        "。",
    ));
    let mut out = vec![word::body(&segs)];
    let mut segs = vec![yes_no_seg(
        &a.operating_rules,
        e,
        "park.operating_rules",
        "园区运营管理服务机制健全，",
        "园区运营管理服务机制尚待健全，",
    )];
    segs.push(Seg::t("运营机构为"));
    segs.push(text_seg(&a.operator_name, e, "park.operator_name"));
    segs.push(Seg::t("；信息化宣传平台网址为"));
    segs.push(text_seg(&a.platform_url, e, "park.platform_url"));
    segs.push(Seg::t("，"));
    segs.push(yes_no_seg(
        &a.platform_active,
        e,
        "park.platform_active",
        "平台保持活跃并及时更新。",
        "平台活跃度和更新率有待提高。",
    ));
    out.push(word::body(&segs));
    out.push(word::body(&[
        Seg::t("政策落实情况："),
        Seg::Blank("已兑现的扶持资金、享受政策的机构数量、“线上+线下”服务平台建设情况等".into()),
        Seg::t("。"),
    ]));
    out
}

fn benefits(e: &Edition, a: &ParkAnswers) -> Vec<docx_rs::Paragraph> {
    let count = |v: &Answer<u32>, path: &str| match v {
        Answer::Value(n) => Seg::Text(format!(" {n} ")),
        _ => Seg::Blank(question_label(e, path)),
    };
    vec![
        word::body(&[
            Seg::t("园区已组织开展人力资源服务业展示交流、供需对接活动"),
            count(&a.events_held, "park.events_held"),
            Seg::t("场，吸引知名机构、头部企业、新锐企业入驻"),
            count(&a.notable_firms, "park.notable_firms"),
            Seg::t("家。"),
            yes_no_seg(
                &a.social_benefits,
                e,
                "park.social_benefits",
                "园区在促进就业创业、引进培育人才、服务产业集聚及助力经济社会发展等方面发挥了较好作用。",
                "园区在促进就业创业、引进培育人才、服务产业集聚等方面的作用有待加强。",
            ),
        ]),
        word::body(&[
            Seg::t("主要成效："),
            Seg::Blank("带动就业人数、服务人次、引进培育人才数量等".into()),
            Seg::t("。"),
        ]),
    ]
}

fn condition_cells(i: usize, c: &ConditionOutcome) -> Vec<Cell> {
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
        cell(cite(&c.source)),
        cell(label),
        vec![Seg::Bold(labels::verdict(&c.verdict))],
        reason,
    ]
}

/// 自评表.docx: every 第九条 / 第四条 condition with its verdict, reason and citation.
pub(super) fn self_assessment(
    input: &PackageInput,
    a: &ParkAnswers,
    o: &ParkOutcome,
) -> Result<Vec<u8>, PackageError> {
    let e = input.edition;
    let mut doc = word::document(&footer_note(input), &input.as_of().to_string());
    doc = doc
        .add_paragraph(word::title(&format!(
            "{}申报市级人力资源服务产业园自评表",
            name_or(&a.name, "")
        )))
        .add_paragraph(word::subtitle(&format!(
            "对照《{}》第四条（申报条件）及第九条",
            park_document_title(e)
        )))
        .add_paragraph(word::empty())
        .add_paragraph(word::plain(
            &[
                Seg::t("申报单位："),
                text_seg(&a.applicant_government, e, "park.applicant_government"),
            ],
            word::SIZE_SMALL,
        ))
        .add_paragraph(word::plain(
            &[Seg::t("产业园名称："), text_seg(&a.name, e, "park.name")],
            word::SIZE_SMALL,
        ))
        .add_paragraph(word::small(format!(
            "评估日期：{}　政策版本：{}（{}），sha256 {}",
            input.as_of().format("%Y-%m-%d"),
            e.id,
            e.document_number,
            e.content_hash
        )))
        .add_paragraph(word::small(input.outcome.in_force_note.zh.clone()));
    let s = &o.summary;
    doc = doc.add_paragraph(word::small(format!(
        "共 {} 项：符合 {} 项，待评审判断 {} 项，不符合 {} 项，未知 {} 项。{}",
        o.conditions.len(),
        s.met,
        s.for_reviewers,
        s.not_met,
        s.unknown,
        if s.ready_for_review {
            "无不符合或未知项；待评审判断项由评审专家认定。"
        } else {
            "尚有不符合或未知项：第四条为“原则上”要求，不符合项由评审专家综合判断；未知项请补充答卷。"
        }
    )));
    if s.barred {
        doc = doc.add_paragraph(word::plain(
            &[Seg::Bold(
                "注意：按第九条，该产业园在评估日期仍处于取消资格后不予重新认定的期限内。".into(),
            )],
            word::SIZE_SMALL,
        ));
    }
    doc = doc.add_paragraph(word::small(labels::cite_legend(e)));
    let rows: Vec<Vec<Cell>> = o
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| condition_cells(i, c))
        .collect();
    doc = doc.add_table(word::table(
        &["序号", "依据", "条件", "结论", "理由及差距"],
        rows,
        &[6, 16, 26, 12, 40],
    ));
    if !o.roster.issues.is_empty() {
        doc = doc
            .add_paragraph(word::empty())
            .add_paragraph(word::heading2("花名册问题"));
        for issue in &o.roster.issues {
            doc = doc.add_paragraph(word::small(format!(
                "花名册第 {} 行（{}）：{}",
                issue.row + 1,
                issue.field,
                issue.message.zh
            )));
        }
    }
    if !input.outcome.problems.is_empty() {
        doc = doc
            .add_paragraph(word::empty())
            .add_paragraph(word::heading2("答卷问题"));
        for p in &input.outcome.problems {
            doc = doc.add_paragraph(word::small(format!("{}：{}", p.field, p.message.zh)));
        }
    }
    doc = doc
        .add_paragraph(word::empty())
        .add_paragraph(word::heading2("条款原文"));
    let mut seen = BTreeSet::new();
    for c in &o.conditions {
        let key = (cite(&c.source), c.source.original.clone());
        if seen.insert(key.clone()) {
            doc = doc.add_paragraph(word::small(format!("{}：{}", key.0, key.1)));
        }
    }
    doc = doc
        .add_paragraph(word::empty())
        .add_table(word::signature_block(&[
            ("填表人（签字）：".into(), "审核人（签字）：".into()),
            (
                format!("{}（盖章）", name_or(&a.applicant_government, "申报单位")),
                format!("日期：{}", date_zh(input.as_of())),
            ),
        ]));
    word::pack(doc)
}

/// 材料清单.docx: the 第五条(一) materials with their state, and what follows submission.
pub(super) fn checklist(
    input: &PackageInput,
    a: &ParkAnswers,
    o: &ParkOutcome,
) -> Result<Vec<u8>, PackageError> {
    let e = input.edition;
    let mut doc = word::document(&footer_note(input), &input.as_of().to_string());
    doc = doc
        .add_paragraph(word::title(&format!(
            "{}申报材料清单",
            name_or(&a.name, "市级人力资源服务产业园")
        )))
        .add_paragraph(word::subtitle(&format!(
            "《{}》{} {}",
            park_document_title(e),
            o.submission.source.cite.article,
            o.submission.source.cite.clause.clone().unwrap_or_default()
        )))
        .add_paragraph(word::empty())
        .add_paragraph(word::plain(
            &[
                Seg::t("申报单位："),
                text_seg(&a.applicant_government, e, "park.applicant_government"),
                Seg::t(format!(
                    "（{}）　受理单位：{}",
                    o.submission.by.zh, o.submission.to.zh
                )),
            ],
            word::SIZE_SMALL,
        ))
        .add_paragraph(word::small(format!(
            "评估日期：{}　{}",
            input.as_of().format("%Y-%m-%d"),
            input.outcome.in_force_note.zh
        )));
    let in_package = |id: &str| -> Cell {
        match id {
            "park.5.1.report" => cell(format!("{REPORT_FILE}（预填草稿，补充后签字盖章）")),
            "park.5.1.roster" => cell(format!("{ROSTER_FILE}（花名册；经营佐证材料另附）")),
            _ => vec![Seg::Blank("另行准备".into())],
        }
    };
    let rows: Vec<Vec<Cell>> = o
        .materials
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let contents: Vec<&str> = m.contents.iter().map(|c| c.zh.as_str()).collect();
            let state = labels::material_state(m.status);
            vec![
                cell((i + 1).to_string()),
                cell(m.label.zh.clone()),
                cell(contents.join("；")),
                cell(cite(&m.source)),
                if m.status == MaterialState::Ready {
                    cell(format!("☑ {state}"))
                } else {
                    vec![Seg::Bold(format!("☐ {state}"))]
                },
                in_package(&m.id),
            ]
        })
        .collect();
    doc = doc.add_table(word::table(
        &["序号", "材料", "主要内容", "依据", "状态", "本材料包中"],
        rows,
        &[6, 18, 30, 14, 10, 22],
    ));
    let missing: Vec<&str> = o
        .materials
        .iter()
        .filter(|m| m.status != MaterialState::Ready)
        .map(|m| m.label.zh.as_str())
        .collect();
    doc =
        doc.add_paragraph(word::empty())
            .add_paragraph(word::small(if o.summary.materials_ready {
                "第五条(一)所列材料均已备齐。".to_string()
            } else {
                format!(
                    "尚未备齐（缺或未确认）{} 项：{}。",
                    missing.len(),
                    missing.join("；")
                )
            }));
    doc = doc.add_paragraph(word::small(format!(
        "本材料包另含：{SELF_ASSESSMENT_FILE}（第四条自评）、{CHECKLIST_FILE}（本清单）、{ANSWERS_FILE}（自评答卷，可在自评工具中重新打开）。"
    )));
    doc = doc
        .add_paragraph(word::empty())
        .add_paragraph(word::heading2("申报审核程序"));
    for (i, s) in o.procedure.iter().enumerate() {
        doc = doc.add_paragraph(word::small(format!(
            "{}．{}（{}；{}）",
            i + 1,
            s.label.zh,
            s.actor.zh,
            cite(&s.source)
        )));
    }
    if !o.after_certification.is_empty() {
        doc = doc.add_paragraph(word::heading2("认定后"));
        for (i, s) in o.after_certification.iter().enumerate() {
            doc = doc.add_paragraph(word::small(format!(
                "{}．{}（{}；{}）",
                i + 1,
                s.label.zh,
                s.actor.zh,
                cite(&s.source)
            )));
        }
    }
    doc = doc
        .add_paragraph(word::empty())
        .add_table(word::signature_block(&[
            (
                "经办人（签字）：".into(),
                format!("日期：{}", date_zh(input.as_of())),
            ),
            (
                format!("{}（盖章）", name_or(&a.applicant_government, "申报单位")),
                String::new(),
            ),
        ]));
    word::pack(doc)
}
