//! The organisation package's Word documents: the overview (measures it can get, ranges, caps,
//! the non-duplication decision, the totals, and per measure its conditions and the documents
//! that prove them) and one 申请表 per eligible or possible measure. Everything is read from
//! the outcome, the answers and the edition (its `evidence` lists).

use std::collections::BTreeSet;

use crate::engine::money;
use crate::engine::store::Value;
use crate::engine::{
    Answer, AnswerStore, AnswersKind, ConditionOutcome, Eligibility, MeasureOutcome,
    OrganisationOutcome, Verdict,
};
use crate::policy::{test_fields, DocumentId, Edition, Identity, QuestionKind};

use super::labels::{self, date_zh};
use super::normalise::wan;
use super::park::{cite_cell, document_title, question_label, text_seg, who};
use super::talent_xlsx::{PLACEMENTS_FILE, TALENTS_FILE};
use super::word::{self, cell, Cell, Para, Seg};
use super::{closing_text, props, PackageError, PackageInput};

pub(super) fn parts<'a>(
    input: &PackageInput<'a>,
) -> Result<(&'a AnswerStore, &'a OrganisationOutcome), PackageError> {
    let a = input.answers;
    if a.kind() != AnswersKind::Organisation {
        return Err(PackageError::Mismatch(
            "expected organisation answers".into(),
        ));
    }
    let o = input
        .outcome
        .organisation
        .as_ref()
        .ok_or_else(|| PackageError::Mismatch("the outcome has no organisation part".into()))?;
    Ok((a, o))
}

/// Does the measure list placements (第七条) or talents (第九条)? By its items' answer path.
pub(super) fn lists(m: &MeasureOutcome, e: &Edition, list: &str) -> bool {
    m.items.iter().any(|it| it.path.starts_with(list))
        || e.measure(&m.id).is_some_and(|spec| {
            spec.conditions
                .iter()
                .any(|c| test_fields(&c.test).iter().any(|f| f == list))
        })
}

fn amount_text(m: &MeasureOutcome) -> String {
    match &m.amount {
        Some(a) => {
            let mut s = format!(
                "{}（{}）",
                money::range_wan(&a.range),
                money::range_yuan(&a.range)
            );
            match a.persons {
                Some(0) => s.push_str("，暂无符合条件的人员"),
                Some(n) => s.push_str(&format!("，按{n}人计")),
                None => {}
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
        cap.source.cite.in_words("zh")
    )
}

/// The documents that prove a condition, from the edition, one per line.
fn evidence_cell(e: &Edition, c: &ConditionOutcome) -> Cell {
    super::evidence_cell(e, &c.id).unwrap_or_else(|| vec![Seg::Blank("佐证材料".into())])
}

fn summary_rows(measures: &[&MeasureOutcome], name_of: &dyn Fn(&str) -> String) -> Vec<Vec<Cell>> {
    measures
        .iter()
        .map(|m| {
            vec![
                cell(m.label.zh.clone()),
                cite_cell(&m.source),
                cell(format!(
                    "{}·{}",
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

/// The measures that get a 申请表, in the package's order: eligible ones first, then the
/// possible ones, each in the order of the text. A measure whose eligibility is unknown is
/// possible only when a condition of its own holds — one whose answers at most two measures
/// read (`registered_in_city` or “is it an HR-service organisation”, asked of every measure,
/// say nothing about a particular one).
pub(super) fn prepared<'o>(e: &Edition, o: &'o OrganisationOutcome) -> Vec<&'o MeasureOutcome> {
    let mut readers: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for m in &e.measures {
        let fields: BTreeSet<String> = m
            .conditions
            .iter()
            .flat_map(|c| test_fields(&c.test))
            .collect();
        for f in fields {
            *readers.entry(f).or_default() += 1;
        }
    }
    let own = |m: &MeasureOutcome, c: &ConditionOutcome| {
        e.measure(&m.id)
            .and_then(|spec| spec.conditions.iter().find(|x| x.id == c.id))
            .is_some_and(|x| {
                test_fields(&x.test)
                    .iter()
                    .all(|f| readers.get(f).copied().unwrap_or(0) <= 2)
            })
    };
    let possible_now = |m: &MeasureOutcome| match m.eligibility {
        Eligibility::NotYet { .. } => true,
        Eligibility::Unknown => m.conditions.iter().any(|c| {
            matches!(
                c.verdict,
                Verdict::Met | Verdict::ForReviewers | Verdict::NotYet { .. }
            ) && own(m, c)
        }),
        _ => false,
    };
    let eligible = o
        .measures
        .iter()
        .filter(|m| m.eligibility == Eligibility::Eligible);
    let possible = o.measures.iter().filter(|m| possible_now(m));
    eligible.chain(possible).collect()
}

/// The file name of the 申请表 of the `n`-th prepared measure.
pub(super) fn form_file_name(n: usize, m: &MeasureOutcome) -> String {
    let label = super::sanitise_file_name(&m.label.zh);
    format!("申请表{:02}-{label}.docx", n)
}

/// 政策享受测算及佐证材料清单.docx.
pub(super) fn overview(input: &PackageInput) -> Result<Vec<u8>, PackageError> {
    let (a, o) = parts(input)?;
    let e = input.edition;
    let as_of = input.as_of();
    let width = word::TEXT_W_LANDSCAPE;
    let label_of = |id: &str| -> String {
        o.measures
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.label.zh.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let name = a.identity(Identity::Name).unwrap_or_default().to_string();
    let title = format!("{name}政策享受测算及佐证材料清单");
    let measures_title = document_title(e, DocumentId::Measures);
    let mut doc = word::form(true)
        .add_paragraph(word::form_title(&title))
        .add_paragraph(word::form_subtitle(&format!(
            "依据《{measures_title}》（{}）",
            e.document_number
        )))
        .add_paragraph(word::small_segs(&[
            Seg::t("机构名称："),
            text_seg(a, e, &who(a, Identity::Name)),
            Seg::t("　　统一社会信用代码："),
            text_seg(a, e, &who(a, Identity::Code)),
            Seg::t("　　所在旗县区："),
            text_seg(a, e, "organisation.district"),
            Seg::t(format!("　　评估日期：{}", date_zh(as_of))),
        ]))
        .add_paragraph(word::small(
            "金额为按答卷测算的范围，“经考核评估后”的金额在范围内由审核确定；测算仅供参考，不构成承诺。",
        ));

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
    let head = ["措施", "依据", "对象·类型", "金额范围", "上限", "结论"];
    let weights = [18, 12, 12, 22, 22, 14];

    doc = doc.add_paragraph(word::form_heading("一、可享受的措施"));
    if eligible.is_empty() {
        doc = doc.add_paragraph(word::small("按答卷测算，暂无可确定享受的措施。"));
    } else {
        doc = doc.add_table(word::table(
            &head,
            summary_rows(&eligible, &label_of),
            &weights,
            width,
        ));
    }
    doc = doc.add_paragraph(word::form_heading("二、条件待确认或将来可享受的措施"));
    if possible.is_empty() {
        doc = doc.add_paragraph(word::small("无。"));
    } else {
        doc = doc.add_table(word::table(
            &head,
            summary_rows(&possible, &label_of),
            &weights,
            width,
        ));
    }

    doc = doc.add_paragraph(word::form_heading("三、不重复享受（就高从优）"));
    if o.non_duplication.is_empty() {
        doc = doc.add_paragraph(word::small("无。"));
    }
    for d in &o.non_duplication {
        // The core's sentence, with the numbers: which is higher, so which is counted (or why
        // nothing is given up yet) — the same words as the widget and the CLI.
        let why = crate::engine::headline::non_duplication(o, d);
        doc = doc.add_paragraph(word::small_segs(&[
            Seg::Bold(format!("{}：", d.label.zh)),
            Seg::Text(format!(
                "{}（{}）",
                // The documents write numbers and units tight (`10–20万元`); the spaces the
                // screen puts around 高于 go too.
                cjk_tight(&name_ids(&why.zh, o)),
                d.source.cite.in_words("zh")
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
        doc = doc.add_paragraph(word::small(format!(
            "申请人已就同一事项享受同类政策：{}，不重复计入合计。",
            already.join("、")
        )));
    }

    doc = doc.add_paragraph(word::form_heading("四、合计"));
    if o.totals.is_empty() {
        doc = doc.add_paragraph(word::small("无可计入合计的金额。"));
    }
    for t in &o.totals {
        let measures: Vec<String> = t.measures.iter().map(|m| label_of(m)).collect();
        let mut s = format!(
            "{}·{}：可享受{}（{}）",
            labels::recipient(t.recipient),
            labels::money_kind(t.kind),
            money::range_wan(&t.eligible),
            money::range_yuan(&t.eligible)
        );
        if t.possible.max > rust_decimal::Decimal::ZERO {
            s.push_str(&format!(
                "；条件待确认的另可能有{}（{}）",
                money::range_wan(&t.possible),
                money::range_yuan(&t.possible)
            ));
        }
        if !measures.is_empty() {
            s.push_str(&format!("；计入：{}", measures.join("、")));
        }
        s.push('。');
        doc = doc.add_paragraph(word::small(s));
    }

    // Per measure that gets a 申请表 (eligible, or possible with a condition already holding);
    // measures nothing was answered about stay in the table of section 二.
    doc = doc.add_paragraph(word::form_heading("五、逐项条件及应附佐证材料"));
    let forms = prepared(e, o);
    if forms.is_empty() {
        doc = doc.add_paragraph(word::small("无。"));
    }
    for (i, m) in forms.iter().enumerate() {
        let form = format!("（申请表：{}）", form_file_name(i + 1, m));
        doc = doc.add_paragraph(
            Para::FORM
                .font(word::FONT_KAI)
                .keep()
                .before(120)
                .text(format!(
                    "{}．{}（{}）——{}{form}",
                    i + 1,
                    m.label.zh,
                    m.source.cite.in_words("zh"),
                    labels::eligibility(&m.eligibility),
                )),
        );
        doc = doc.add_paragraph(Para::FORM.size(word::XIAOSI).keep().text(format!(
            "金额：{}；上限：{}",
            amount_text(m),
            cap_text(m)
        )));
        if let Some(a) = &m.amount {
            doc = doc.add_paragraph(Para::FORM.size(word::XIAOSI).keep().text(a.note.zh.clone()));
        }
        for n in &m.notes {
            doc = doc.add_paragraph(Para::FORM.size(word::XIAOSI).keep().text(n.zh.clone()));
        }
        if lists(m, e, "organisation.placements") {
            doc = doc.add_paragraph(
                Para::FORM
                    .size(word::XIAOSI)
                    .keep()
                    .text(format!("逐人情况见{PLACEMENTS_FILE}。")),
            );
        }
        if lists(m, e, "organisation.talents") {
            doc = doc.add_paragraph(
                Para::FORM
                    .size(word::XIAOSI)
                    .keep()
                    .text(format!("逐人情况见{TALENTS_FILE}。")),
            );
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
                    cite_cell(&c.source),
                    cell(c.label.zh.clone()),
                    vec![Seg::Bold(labels::verdict(&c.verdict))],
                    reason,
                    evidence_cell(e, c),
                ]
            })
            .collect();
        doc = doc.add_table(word::table(
            &["依据", "条件", "结论", "理由", "应附佐证材料"],
            rows,
            &[12, 20, 10, 26, 32],
            width,
        ));
    }

    if !not_eligible.is_empty() {
        doc = doc.add_paragraph(word::form_heading("六、不符合条件的措施"));
        for m in &not_eligible {
            let failed: Vec<String> = m
                .conditions
                .iter()
                .filter(|c| c.verdict == crate::engine::Verdict::NotMet)
                .map(|c| format!("{}（{}）", c.label.zh, c.reason.zh))
                .collect();
            doc = doc.add_paragraph(word::small_segs(&[
                Seg::Bold(format!(
                    "{}（{}）：",
                    m.label.zh,
                    m.source.cite.in_words("zh")
                )),
                Seg::Text(failed.join("；")),
            ]));
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
    let mut originals = Vec::new();
    for m in &forms {
        for s in std::iter::once(&m.source).chain(m.conditions.iter().map(|c| &c.source)) {
            let key = (s.cite.in_words("zh"), s.original.clone());
            if seen.insert(key.clone()) {
                originals.push(key);
            }
        }
    }
    let n = originals.len();
    for (i, (cite, original)) in originals.into_iter().enumerate() {
        let p = Para::FORM.size(word::XIAOSI);
        let p = if i + 1 == n { p.keep() } else { p };
        doc = doc.add_paragraph(p.text(format!("{cite}：{original}")));
    }
    for p in signature(None, &name, as_of, width) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(word::closing_line(&closing_text(input)));
    word::pack(doc, &props(input, &title))
}

/// The engine's reasons may name measures by id (`measures.3.brand`): a reader sees the
/// measure's name instead (longest ids first, so `measures.3.brand` is not read as
/// `measures.3`).
/// Drops a space between two Chinese characters (`万元 高于 总部` → `万元高于总部`).
fn cjk_tight(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let cjk = |c: Option<&char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| !(*c == ' ' && i > 0 && cjk(chars.get(i - 1)) && cjk(chars.get(i + 1))))
        .map(|(_, c)| *c)
        .collect()
}

fn name_ids(text: &str, o: &OrganisationOutcome) -> String {
    let mut ids: Vec<&MeasureOutcome> = o.measures.iter().collect();
    ids.sort_by_key(|m| std::cmp::Reverse(m.id.len()));
    let mut out = text.to_string();
    for m in ids {
        if out.contains(m.id.as_str()) {
            out = out.replace(m.id.as_str(), &format!("“{}”", m.label.zh));
        }
    }
    out
}

fn signature(
    lead: Option<&str>,
    name: &str,
    as_of: chrono::NaiveDate,
    width: usize,
) -> Vec<docx_rs::Paragraph> {
    word::form_signature(
        lead,
        &[
            ("法定代表人（签字）：".into(), "经办人（签字）：".into()),
            (
                format!(
                    "{}（盖章）",
                    if name.is_empty() {
                        "申请机构"
                    } else {
                        name
                    }
                ),
                String::new(),
            ),
            (format!("日期：{}", date_zh(as_of)), String::new()),
        ],
        width,
    )
}

/// The user's answer at `path` in words (是 / 否 / 68000万元 / 2023年3月1日 / the option's
/// label), or `None` when it was not given.
fn answer_words(e: &Edition, answers: &AnswerStore, path: &str) -> Option<String> {
    let q = e.question(path)?;
    if q.kind == QuestionKind::Table {
        let rows = answers.rows(path).len();
        let file = if path.ends_with("placements") {
            PLACEMENTS_FILE
        } else {
            TALENTS_FILE
        };
        return (rows > 0).then(|| format!("列出{rows}人，见{file}"));
    }
    Some(match answers.get(path)? {
        Answer::NotAnswered => return None,
        Answer::DontKnow => "不清楚".into(),
        Answer::Value(Value::Bool(b)) => if *b { "是" } else { "否" }.into(),
        Answer::Value(Value::Money(d)) => wan(*d),
        Answer::Value(Value::Date(d)) => date_zh(*d),
        Answer::Value(Value::Choice(id)) => q
            .options
            .iter()
            .find(|o| &o.id == id)
            .map(|o| o.label.zh.clone())
            .unwrap_or_else(|| id.clone()),
        Answer::Value(Value::Text(s)) => s.clone(),
        Answer::Value(Value::Area(d)) => d.to_string(),
        Answer::Value(Value::Count(n)) => n.to_string(),
        // As the answers file writes the list (no organisation question is a list today).
        Answer::Value(Value::List(l)) => serde_json::to_string(l).unwrap_or_default(),
    })
}

/// One 申请表 (application form) for measure `m`: the applicant, the measure and its
/// citation, the amount range, each condition with the user's answers, the verdict and the
/// documents to attach; a commitment and the signature lines.
pub(super) fn application_form(
    input: &PackageInput,
    m: &MeasureOutcome,
) -> Result<Vec<u8>, PackageError> {
    let (a, o) = parts(input)?;
    let e = input.edition;
    let as_of = input.as_of();
    let width = word::TEXT_W;
    let name = a.identity(Identity::Name).unwrap_or_default().to_string();
    let title = format!("{}申请表", m.label.zh);
    let mut rows: Vec<(String, Cell)> = vec![
        (
            "申请单位".into(),
            vec![text_seg(a, e, &who(a, Identity::Name))],
        ),
        (
            "统一社会信用代码".into(),
            vec![text_seg(a, e, &who(a, Identity::Code))],
        ),
        (
            "所在旗县区".into(),
            vec![text_seg(a, e, "organisation.district")],
        ),
        (
            "联系人及电话".into(),
            vec![Seg::Blank("联系人、联系电话".into())],
        ),
        ("申请事项".into(), cell(m.label.zh.clone())),
        (
            "政策依据".into(),
            vec![
                Seg::Bold(m.source.cite.in_words("zh")),
                Seg::t(format!("：{}", m.source.original)),
            ],
        ),
        (
            "测算金额".into(),
            cell(format!(
                "{}{}",
                amount_text(m),
                m.amount
                    .as_ref()
                    .map(|x| format!("。{}", x.note.zh))
                    .unwrap_or_default()
            )),
        ),
        ("上限".into(), cell(cap_text(m))),
        (
            "自评结论".into(),
            vec![Seg::Bold(labels::eligibility(&m.eligibility))],
        ),
    ];
    if m.amount.as_ref().is_some_and(|x| x.after_assessment) {
        rows.push(("说明".into(), cell("金额经考核评估后在上述范围内确定。")));
    }
    // Where 就高从优 chooses between this measure and another, the form says which and why,
    // with the numbers (the core's sentence, as on screen and in the 测算 document).
    if let Some(d) = o.non_duplication.iter().find(|d| {
        (d.kept.as_deref() == Some(m.id.as_str()) && !d.given_up.is_empty())
            || d.given_up.contains(&m.id)
            || (d.undecided.len() > 1 && d.undecided.contains(&m.id))
    }) {
        let why = crate::engine::headline::non_duplication(o, d);
        rows.push(("不重复享受".into(), cell(cjk_tight(&why.zh))));
    }
    let mut doc = word::form(false)
        .add_paragraph(word::form_title(&title))
        .add_paragraph(word::form_subtitle(&format!(
            "依据《{}》{}",
            document_title(e, DocumentId::Measures),
            m.source.cite.in_words("zh").replace("《十项措施》", "")
        )))
        .add_table(word::form_table(rows, width));

    doc = doc.add_paragraph(word::form_heading("申请条件及佐证材料"));
    let cond_rows: Vec<Vec<Cell>> = m
        .conditions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let fields = e
                .measure(&m.id)
                .and_then(|spec| spec.conditions.iter().find(|x| x.id == c.id))
                .map(|x| test_fields(&x.test))
                .unwrap_or_default();
            let mut given: Cell = Vec::new();
            for f in &fields {
                if !given.is_empty() {
                    given.push(Seg::Break);
                }
                let label = question_label(e, f);
                let label = label.trim_end_matches(['？', '?']);
                match answer_words(e, a, f) {
                    Some(v) => given.push(Seg::Text(format!("{label}：{v}"))),
                    None => {
                        given.push(Seg::t(format!("{label}：")));
                        given.push(Seg::Blank(if f.ends_with("placements") {
                            format!("在{PLACEMENTS_FILE}中列出")
                        } else if f.ends_with("talents") {
                            format!("在{TALENTS_FILE}中列出")
                        } else {
                            "请填写".into()
                        }));
                    }
                }
            }
            if given.is_empty() {
                given = cell("—");
            }
            vec![
                cell((i + 1).to_string()),
                cell(c.label.zh.clone()),
                given,
                vec![Seg::Bold(labels::verdict(&c.verdict))],
                evidence_cell(e, c),
            ]
        })
        .collect();
    if cond_rows.is_empty() {
        doc = doc.add_paragraph(word::small("本项无单列条件。"));
    } else {
        doc = doc.add_table(word::table(
            &["序号", "条件", "申报情况", "自评结论", "应附佐证材料"],
            cond_rows,
            &[6, 22, 30, 12, 30],
            width,
        ));
    }
    if lists(m, e, "organisation.placements") {
        doc = doc.add_paragraph(word::small(format!("逐人情况见{PLACEMENTS_FILE}。")));
    }
    if lists(m, e, "organisation.talents") {
        doc = doc.add_paragraph(word::small(format!("逐人情况见{TALENTS_FILE}。")));
    }
    for p in signature(
        Some("本单位承诺：所填信息及所附材料真实、准确、完整，如有不实，愿承担相应责任。"),
        &name,
        as_of,
        width,
    ) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(word::closing_line(&closing_text(input)));
    word::pack(doc, &props(input, &title))
}
