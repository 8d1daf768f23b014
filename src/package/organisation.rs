//! The organisation package's DOCX: the measures it can get (ranges, caps), the
//! non-duplication decision, the totals, and per measure its conditions and the evidence to
//! attach. Everything is read from the outcome and the edition.

use std::collections::BTreeSet;

use crate::engine::money;
use crate::engine::{
    Answer, Answers, ConditionOutcome, Eligibility, MeasureOutcome, OrganisationAnswers,
    OrganisationOutcome,
};
use crate::policy::{DocumentId, Edition};

use super::labels::{self, cite, date_zh};
use super::park::question_label;
use super::word::{self, cell, Cell, Seg};
use super::{PackageError, PackageInput};

fn parts<'a>(
    input: &PackageInput<'a>,
) -> Result<(&'a OrganisationAnswers, &'a OrganisationOutcome), PackageError> {
    let a = match input.answers {
        Answers::Organisation(o) => o,
        Answers::Park(_) => {
            return Err(PackageError::Mismatch(
                "expected organisation answers".into(),
            ))
        }
    };
    let o = input
        .outcome
        .organisation
        .as_ref()
        .ok_or_else(|| PackageError::Mismatch("the outcome has no organisation part".into()))?;
    Ok((a, o))
}

fn text_seg(a: &Answer<String>, e: &Edition, path: &str) -> Seg {
    match a {
        Answer::Value(v) if !v.trim().is_empty() => Seg::Text(v.trim().to_string()),
        _ => Seg::Blank(question_label(e, path)),
    }
}

fn measures_title(e: &Edition) -> String {
    e.documents
        .iter()
        .find(|d| d.id == DocumentId::Measures)
        .map(|d| d.title.zh.clone())
        .unwrap_or_default()
}

fn amount_text(m: &MeasureOutcome) -> String {
    match &m.amount {
        Some(a) => {
            let mut s = format!(
                "{}（{}）",
                money::range_wan(&a.range),
                money::range_yuan(&a.range)
            );
            if let Some(n) = a.persons {
                s.push_str(&format!("，{n} 人"));
            }
            s
        }
        None => format!("—（{}）", labels::money_kind(m.kind)),
    }
}

fn cap_text(m: &MeasureOutcome) -> String {
    let Some(cap) = m.amount.as_ref().and_then(|a| a.cap.as_ref()) else {
        return "—".into();
    };
    let amount = cap
        .cap
        .map(money::wan_and_yuan)
        .unwrap_or_else(|| word::blank_text(&cap.label.zh));
    format!(
        "{}：{}{}（{}）",
        cap.label.zh,
        amount,
        if cap.applied {
            "，已按上限压低"
        } else {
            ""
        },
        cite(&cap.source)
    )
}

/// The evidence to attach for one condition. The edition names no documents per condition,
/// so the document asks for proof of the condition itself, by its label and citation.
fn evidence(c: &ConditionOutcome) -> Cell {
    vec![Seg::Text(format!("能证明“{}”的材料", c.label.zh))]
}

fn summary_rows(measures: &[&MeasureOutcome], name_of: &dyn Fn(&str) -> String) -> Vec<Vec<Cell>> {
    measures
        .iter()
        .map(|m| {
            vec![
                cell(m.label.zh.clone()),
                cell(cite(&m.source)),
                cell(format!(
                    "{} · {}",
                    labels::recipient(m.recipient),
                    labels::money_kind(m.kind)
                )),
                vec![Seg::Bold(amount_text(m))],
                cell(cap_text(m)),
                cell(format!(
                    "{}；{}",
                    labels::eligibility(&m.eligibility),
                    labels::counting(&m.counting, name_of)
                )),
            ]
        })
        .collect()
}

pub(super) fn document(input: &PackageInput) -> Result<Vec<u8>, PackageError> {
    let (a, o) = parts(input)?;
    let e = input.edition;
    let as_of = input.as_of();
    let label_of = |id: &str| -> String {
        o.measures
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.label.zh.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let footer = format!(
        "{} · {} · sha256 {} · 评估日期 {}",
        e.document_number,
        e.id,
        e.content_hash.chars().take(12).collect::<String>(),
        as_of.format("%Y-%m-%d")
    );
    let name = match &a.name {
        Answer::Value(n) if !n.trim().is_empty() => n.trim().to_string(),
        _ => String::new(),
    };
    let mut doc = word::document(&footer, &as_of.to_string())
        .add_paragraph(word::title(&format!("{name}政策享受测算及佐证材料清单")))
        .add_paragraph(word::subtitle(&format!(
            "依据《{}》（{}）",
            measures_title(e),
            e.document_number
        )))
        .add_paragraph(word::empty())
        .add_paragraph(word::plain(
            &[
                Seg::t("机构名称："),
                text_seg(&a.name, e, "organisation.name"),
                Seg::t("　统一社会信用代码："),
                text_seg(&a.uscc, e, "organisation.uscc"),
            ],
            word::SIZE_SMALL,
        ))
        .add_paragraph(word::plain(
            &[
                Seg::t("所在旗县区："),
                text_seg(&a.district, e, "organisation.district"),
                Seg::t(format!(
                    "　评估日期：{}　政策版本：{}，sha256 {}",
                    as_of.format("%Y-%m-%d"),
                    e.id,
                    e.content_hash
                )),
            ],
            word::SIZE_SMALL,
        ))
        .add_paragraph(word::small(input.outcome.in_force_note.zh.clone()))
        .add_paragraph(word::small(
            "金额为按答卷测算的范围（万元及元），“经考核评估后”的金额在范围内由审核确定；测算仅供参考，不构成承诺。",
        ))
        .add_paragraph(word::small(labels::cite_legend(e)));

    let eligible: Vec<&MeasureOutcome> = o
        .measures
        .iter()
        .filter(|m| m.eligibility == Eligibility::Eligible)
        .collect();
    let possible: Vec<&MeasureOutcome> = o
        .measures
        .iter()
        .filter(|m| {
            matches!(
                m.eligibility,
                Eligibility::Unknown | Eligibility::NotYet { .. }
            )
        })
        .collect();
    let not_eligible: Vec<&MeasureOutcome> = o
        .measures
        .iter()
        .filter(|m| m.eligibility == Eligibility::NotEligible)
        .collect();
    let head = ["措施", "依据", "对象 · 类型", "金额范围", "上限", "结论"];
    let weights = [20, 12, 14, 20, 20, 14];

    doc = doc
        .add_paragraph(word::empty())
        .add_paragraph(word::heading("一、可享受的措施"));
    if eligible.is_empty() {
        doc = doc.add_paragraph(word::body(&[Seg::t("按答卷测算，暂无可确定享受的措施。")]));
    } else {
        doc = doc.add_table(word::table(
            &head,
            summary_rows(&eligible, &label_of),
            &weights,
        ));
    }
    doc = doc.add_paragraph(word::heading("二、条件待确认或将来可享受的措施"));
    if possible.is_empty() {
        doc = doc.add_paragraph(word::body(&[Seg::t("无。")]));
    } else {
        doc = doc.add_table(word::table(
            &head,
            summary_rows(&possible, &label_of),
            &weights,
        ));
    }

    doc = doc.add_paragraph(word::heading("三、不重复享受（就高从优）"));
    if o.non_duplication.is_empty() {
        doc = doc.add_paragraph(word::body(&[Seg::t("无。")]));
    }
    for d in &o.non_duplication {
        let kept = d
            .kept
            .as_deref()
            .map(|k| format!("保留“{}”", label_of(k)))
            .unwrap_or_else(|| "暂无可保留的措施".into());
        let given: Vec<String> = d
            .given_up
            .iter()
            .map(|g| format!("“{}”", label_of(g)))
            .collect();
        let given = if given.is_empty() {
            String::new()
        } else {
            format!("，不重复享受{}", given.join("、"))
        };
        doc = doc.add_paragraph(word::body(&[
            Seg::Bold(format!("{}：", d.label.zh)),
            Seg::Text(format!(
                "{kept}{given}。{}（{}）",
                d.reason.zh,
                cite(&d.source)
            )),
        ]));
    }
    let already: Vec<String> = o
        .measures
        .iter()
        .filter(|m| m.already_received)
        .map(|m| format!("“{}”", m.label.zh))
        .collect();
    if !already.is_empty() {
        doc = doc.add_paragraph(word::body(&[Seg::Text(format!(
            "申请人已就同一事项享受同类政策：{}，不重复计入合计。",
            already.join("、")
        ))]));
    }

    doc = doc.add_paragraph(word::heading("四、合计"));
    if o.totals.is_empty() {
        doc = doc.add_paragraph(word::body(&[Seg::t("无可计入合计的金额。")]));
    }
    for t in &o.totals {
        let measures: Vec<String> = t.measures.iter().map(|m| label_of(m)).collect();
        let mut s = format!(
            "{} · {}：可享受 {}（{}）",
            labels::recipient(t.recipient),
            labels::money_kind(t.kind),
            money::range_wan(&t.eligible),
            money::range_yuan(&t.eligible)
        );
        if t.possible.max > rust_decimal::Decimal::ZERO {
            s.push_str(&format!(
                "；条件待确认的另可能有 {}（{}）",
                money::range_wan(&t.possible),
                money::range_yuan(&t.possible)
            ));
        }
        if !measures.is_empty() {
            s.push_str(&format!("；计入：{}", measures.join("、")));
        }
        s.push('。');
        doc = doc.add_paragraph(word::body(&[Seg::Text(s)]));
    }

    doc = doc.add_paragraph(word::heading("五、逐项条件及应附佐证材料"));
    for (i, m) in eligible.iter().chain(possible.iter()).enumerate() {
        doc = doc.add_paragraph(word::heading2(&format!(
            "{}．{}（{}）— {}",
            i + 1,
            m.label.zh,
            cite(&m.source),
            labels::eligibility(&m.eligibility)
        )));
        doc = doc.add_paragraph(word::small(format!(
            "金额：{}；上限：{}",
            amount_text(m),
            cap_text(m)
        )));
        if let Some(a) = &m.amount {
            doc = doc.add_paragraph(word::small(a.note.zh.clone()));
        }
        for n in &m.notes {
            doc = doc.add_paragraph(word::small(n.zh.clone()));
        }
        if !m.items.is_empty() {
            for it in &m.items {
                doc = doc.add_paragraph(word::small(format!(
                    "· {}：{}，{}",
                    if it.name.trim().is_empty() {
                        it.path.as_str()
                    } else {
                        it.name.as_str()
                    },
                    labels::verdict(&it.verdict),
                    it.reason.zh
                )));
            }
        }
        if m.conditions.is_empty() {
            continue;
        }
        let rows: Vec<Vec<Cell>> = m
            .conditions
            .iter()
            .map(|c| {
                let mut reason = vec![Seg::Text(c.reason.zh.clone())];
                if let Some(g) = &c.gap {
                    reason.push(Seg::Bold(format!("；差距：{}", g.text.zh)));
                }
                vec![
                    cell(cite(&c.source)),
                    cell(c.label.zh.clone()),
                    vec![Seg::Bold(labels::verdict(&c.verdict))],
                    reason,
                    evidence(c),
                ]
            })
            .collect();
        doc = doc.add_table(word::table(
            &["依据", "条件", "结论", "理由", "应附佐证材料"],
            rows,
            &[14, 22, 12, 28, 24],
        ));
    }

    if !not_eligible.is_empty() {
        doc = doc.add_paragraph(word::heading("六、不符合条件的措施"));
        for m in &not_eligible {
            let failed: Vec<String> = m
                .conditions
                .iter()
                .filter(|c| c.verdict == crate::engine::Verdict::NotMet)
                .map(|c| format!("{}（{}）", c.label.zh, c.reason.zh))
                .collect();
            doc = doc.add_paragraph(word::body(&[
                Seg::Bold(format!("{}（{}）：", m.label.zh, cite(&m.source))),
                Seg::Text(failed.join("；")),
            ]));
        }
    }
    if !input.outcome.problems.is_empty() {
        doc = doc.add_paragraph(word::heading2("答卷问题"));
        for p in &input.outcome.problems {
            doc = doc.add_paragraph(word::small(format!("{}：{}", p.field, p.message.zh)));
        }
    }

    doc = doc.add_paragraph(word::heading2("条款原文"));
    let mut seen = BTreeSet::new();
    for m in eligible.iter().chain(possible.iter()) {
        for s in std::iter::once(&m.source).chain(m.conditions.iter().map(|c| &c.source)) {
            let key = (cite(s), s.original.clone());
            if seen.insert(key.clone()) {
                doc = doc.add_paragraph(word::small(format!("{}：{}", key.0, key.1)));
            }
        }
    }
    doc = doc
        .add_paragraph(word::empty())
        .add_table(word::signature_block(&[
            ("法定代表人（签字）：".into(), "经办人（签字）：".into()),
            (
                format!(
                    "{}（盖章）",
                    if name.is_empty() {
                        "申请机构"
                    } else {
                        name.as_str()
                    }
                ),
                format!("日期：{}", date_zh(as_of)),
            ),
        ]));
    word::pack(doc)
}
