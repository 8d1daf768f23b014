//! The one-sentence answer at the top of the results (and of the print), and the items to settle
//! first — computed here, in the core, so the widget, the print and the CLI say the same thing.
//!
//! Order of precedence: a policy not in force on the as-of date wins over everything ("不能据此
//! 申报"), then 第九条's bar, then not-met / to-be-confirmed counts, then "可以申报".

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::outcome::*;
use super::{money, period};
use crate::policy::{Edition, MoneyKind, Recipient, Source, Test, Text};

/// What the headline says, as a stable word for styling and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadlineState {
    /// The policy is not in force on the as-of date: nothing can be applied for under it.
    NotInForce,
    /// 第九条: the park cannot be certified again yet.
    Barred,
    /// Some condition is not met or not yet known.
    #[default]
    NotReady,
    /// Park: nothing is unmet or unknown. Organisation: some money is available now.
    Ready,
    /// Organisation: nothing is available now (and nothing is pending).
    Nothing,
}

/// One item to settle, with what it would take and the answer that settles it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoItem {
    /// The condition's (or measure's) id.
    pub id: String,
    /// `not_met`, `unknown` or `not_yet` (the verdict words of [`Verdict::words`]).
    pub verdict: String,
    /// The verdict in words.
    pub verdict_words: Text,
    /// The citation in words (《管理办法》第四条（三）).
    pub cite: Text,
    /// The condition (or measure) in words (the outcome's own, shared: no copy per item).
    pub label: Arc<Text>,
    /// What it would take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_it_takes: Option<Text>,
    /// The answer that settles it (its path), if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The headline of an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Headline {
    pub state: HeadlineState,
    /// One sentence.
    pub text: Text,
    /// Not-met items first, then to-be-confirmed ones, in the order of the text.
    pub todo: Vec<TodoItem>,
}

fn cite_words(s: &Source) -> Text {
    Text::new(s.cite.in_words("zh"), s.cite.in_words("en"))
}

fn todo_of(c: &ConditionOutcome, cite: Text, label: Arc<Text>) -> TodoItem {
    let (what_it_takes, field) = settles(Some(c));
    TodoItem {
        id: c.id.clone(),
        verdict: c.verdict.as_str().into(),
        verdict_words: c.verdict.words(),
        cite,
        label,
        what_it_takes,
        field,
    }
}

/// What condition `c`'s gap takes and the answer that settles it (its first field), if any:
/// one mapping for the park's to-do items and the organisation's.
fn settles(c: Option<&ConditionOutcome>) -> (Option<Text>, Option<String>) {
    match c.and_then(|c| c.gap.as_ref()) {
        Some(g) => (Some(g.text.clone()), g.fields.first().cloned()),
        None => (None, None),
    }
}

/// `2 项不符合、3 项待确认` / `2 not met, 3 to be confirmed` (zero parts left out).
fn counts(not_met: usize, unknown: usize) -> Text {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if not_met > 0 {
        zh.push(format!("{not_met} 项不符合"));
        en.push(format!("{not_met} not met"));
    }
    if unknown > 0 {
        zh.push(format!("{unknown} 项待确认"));
        en.push(format!("{unknown} to be confirmed"));
    }
    Text::new(zh.join("、"), en.join(", "))
}

/// The sentence of a park that cannot be certified again yet, from the edition's barred check:
/// its period (`months` of its test) and its citation in words — each edition says its own bar.
pub fn barred(e: &Edition) -> Text {
    let b = &e.park.barred;
    let cite = cite_words(&b.source);
    match &b.test {
        Test::NotBarred { months, .. } => {
            let period = period::months_words(*months);
            Text::new(
                format!(
                    "暂不能申报：曾被取消资格，{}内不予重新认定（{}）。",
                    period.zh, cite.zh
                ),
                format!(
                    "Cannot apply yet: the park's qualification was cancelled and it cannot be certified again within {} ({}).",
                    period.en, cite.en
                ),
            )
        }
        // A bar of another shape: its condition in words.
        _ => Text::new(
            format!("暂不能申报：不符合“{}”（{}）。", b.label.zh, cite.zh),
            format!(
                "Cannot apply yet: “{}” is not met ({}).",
                b.label.en, cite.en
            ),
        ),
    }
}

/// The park's headline (`e`: the edition it was evaluated by, for its bar's wording).
pub fn park(e: &Edition, p: &ParkOutcome) -> Headline {
    let s = &p.summary;
    let mut todo: Vec<TodoItem> = p
        .conditions
        .iter()
        .filter(|c| c.verdict == Verdict::NotMet)
        .map(|c| todo_of(c, cite_words(&c.source), Arc::clone(&c.label)))
        .collect();
    let not_met = todo.len();
    todo.extend(
        p.conditions
            .iter()
            .filter(|c| matches!(c.verdict, Verdict::Unknown | Verdict::NotYet { .. }))
            .map(|c| todo_of(c, cite_words(&c.source), Arc::clone(&c.label))),
    );
    let unknown = todo.len() - not_met;
    let missing_materials = p
        .materials
        .iter()
        .filter(|m| m.status != MaterialState::Ready)
        .count();
    let (state, text) = if s.barred {
        (HeadlineState::Barred, barred(e))
    } else if not_met + unknown > 0 {
        let c = counts(not_met, unknown);
        (
            HeadlineState::NotReady,
            Text::new(
                format!("暂不具备申报条件：{}。", c.zh),
                format!("Not ready to apply: {}.", c.en),
            ),
        )
    } else {
        let review = if s.for_reviewers > 0 {
            Text::new(
                format!("另有 {} 项由评审认定", s.for_reviewers),
                format!("{} for the reviewers to judge", s.for_reviewers),
            )
        } else {
            Text::default()
        };
        let materials = if missing_materials > 0 {
            Text::new(
                format!("申报材料还有 {missing_materials} 项未备齐"),
                format!("{missing_materials} application materials not ready yet"),
            )
        } else {
            Text::default()
        };
        let extra_zh: Vec<&str> = [review.zh.as_str(), materials.zh.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect();
        let extra_en: Vec<&str> = [review.en.as_str(), materials.en.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect();
        (
            HeadlineState::Ready,
            if extra_zh.is_empty() {
                Text::new("可以申报。", "Ready to apply.")
            } else {
                Text::new(
                    format!("可以申报（{}）。", extra_zh.join("；")),
                    format!("Ready to apply ({}).", extra_en.join("; ")),
                )
            },
        )
    };
    Headline { state, text, todo }
}

fn recipient_words(r: Recipient) -> Text {
    match r {
        Recipient::Organisation => Text::new("给机构", "to the organisation"),
        Recipient::District => Text::new("给旗县区", "to the district"),
        Recipient::Person => Text::new("给个人", "to the person"),
    }
}

fn kind_words(k: MoneyKind) -> Text {
    match k {
        MoneyKind::Grant => Text::new("奖补", "grants"),
        MoneyKind::Loan => Text::new("贷款，不是奖补", "loans, not grants"),
        MoneyKind::PerOtherPolicy => Text::new("按其他政策", "under other policies"),
        MoneyKind::NoMoney => Text::new("无金额", "no amount"),
    }
}

fn range_words(r: &MoneyRange) -> Text {
    Text::new(money::range_wan(r), money::range_cny(r))
}

/// `贷款 0–300 万元（给机构，不计入奖补）` / `3.8 万元奖补（给旗县区）`.
fn other_total_words(t: &Total, r: &MoneyRange) -> Text {
    let who = recipient_words(t.recipient);
    let kind = kind_words(t.kind);
    let r = range_words(r);
    match t.kind {
        MoneyKind::Loan => Text::new(
            format!("贷款 {}（{}，不计入奖补）", r.zh, who.zh),
            format!("loans of {} ({}, not grants)", r.en, who.en),
        ),
        _ => Text::new(
            format!("{}{}（{}）", r.zh, kind.zh, who.zh),
            format!("{} in {} ({})", r.en, kind.en, who.en),
        ),
    }
}

/// The organisation's headline: grants to the organisation now, then other money now (loans,
/// the district's share), then how many measures are still to be confirmed and what they could
/// add to the organisation's grants.
pub fn organisation(o: &OrganisationOutcome) -> Headline {
    let zero = rust_decimal::Decimal::ZERO;
    let is_main = |t: &Total| t.recipient == Recipient::Organisation && t.kind == MoneyKind::Grant;
    let main_now = o
        .totals
        .iter()
        .find(|t| is_main(t) && t.eligible.max > zero);
    let main_possible = o
        .totals
        .iter()
        .find(|t| is_main(t) && t.possible.max > zero);
    let others: Vec<Text> = o
        .totals
        .iter()
        .filter(|t| !is_main(t) && t.eligible.max > zero)
        .map(|t| other_total_words(t, &t.eligible))
        .collect();
    // Measures still open, each with its first open condition, in the order of the text.
    // Not-eligible measures are answers, not things to do.
    let is_open = |m: &&MeasureOutcome| {
        matches!(
            m.eligibility,
            Eligibility::Unknown | Eligibility::NotYet { .. }
        )
    };
    let mut todo = Vec::with_capacity(o.measures.iter().filter(is_open).count());
    for m in o.measures.iter().filter(is_open) {
        // The measure's own id and eligibility, with what its first open condition takes.
        let first_open = m
            .conditions
            .iter()
            .map(AsRef::as_ref)
            .find(|c: &&ConditionOutcome| {
                matches!(c.verdict, Verdict::Unknown | Verdict::NotYet { .. })
            });
        let (what_it_takes, field) = settles(first_open);
        todo.push(TodoItem {
            id: m.id.clone(),
            verdict: m.eligibility.as_str().into(),
            verdict_words: m.eligibility.words(),
            cite: cite_words(&m.source),
            label: Arc::clone(&m.label),
            what_it_takes,
            field,
        });
    }
    let open = todo.len();
    let (state, mut text) = match main_now {
        Some(t) => {
            let r = range_words(&t.eligible);
            (
                HeadlineState::Ready,
                Text::new(
                    format!("现可享受 {}（奖补，给机构）", r.zh),
                    format!("Available now: {} (grants, to the organisation)", r.en),
                ),
            )
        }
        None if open > 0 || !others.is_empty() => (
            if others.is_empty() {
                HeadlineState::NotReady
            } else {
                HeadlineState::Ready
            },
            Text::new("目前还没有确定可享受的奖补", "No grant is certain yet"),
        ),
        None => (
            HeadlineState::Nothing,
            Text::new(
                "按目前的回答，没有可享受的支持",
                "On these answers, no support applies",
            ),
        ),
    };
    if !others.is_empty() {
        let zh: Vec<&str> = others.iter().map(|t| t.zh.as_str()).collect();
        let en: Vec<&str> = others.iter().map(|t| t.en.as_str()).collect();
        text.zh.push_str(&format!("；另：{}", zh.join("、")));
        text.en.push_str(&format!("; also {}", en.join(", ")));
    }
    if open > 0 {
        text.zh.push_str(&format!("。另有 {open} 项措施待确认"));
        text.en
            .push_str(&format!(". {open} measures to be confirmed"));
        if let Some(t) = main_possible {
            let r = range_words(&t.possible);
            text.zh
                .push_str(&format!("，可能再增加 {}（奖补，给机构）", r.zh));
            text.en
                .push_str(&format!(", which could add {} (grants)", r.en));
        }
    }
    text.zh.push('。');
    text.en.push('.');
    Headline { state, text, todo }
}

/// Puts "not in force" in front of any headline: it wins over "可以申报".
pub fn not_in_force(
    mut h: Headline,
    o_as_of: chrono::NaiveDate,
    from: chrono::NaiveDate,
    until: chrono::NaiveDate,
) -> Headline {
    h.state = HeadlineState::NotInForce;
    h.text = Text::new(
        format!(
            "不能据此申报：政策在 {o_as_of} 不在有效期内（{from} 至 {until}）。仅供参考：{}",
            h.text.zh
        ),
        format!(
            "Cannot apply under this policy: it is not in force on {o_as_of} (valid {from} to {until}). For reference only: {}",
            h.text.en
        ),
    );
    h
}

/// `两` / `三` … for counting items in a sentence (`第三条两项奖励`).
fn count_zh(n: usize) -> String {
    match n {
        2 => "两".into(),
        3 => "三".into(),
        4 => "四".into(),
        5 => "五".into(),
        _ => n.to_string(),
    }
}

fn count_en(n: usize) -> String {
    match n {
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        5 => "five".into(),
        _ => n.to_string(),
    }
}

/// 就高从优、不重复享受 explained with the numbers, e.g. "第三条两项奖励只能拿一项，按金额高的算：
/// 知名品牌入驻奖励 10–15 万元 高于 总部入驻补贴 10 万元，所以计入前者。" — or, while unknowns keep
/// more than one member possible, why nothing is given up yet. Built here so the widget, the
/// documents and the CLI say the same sentence. Cases without a choice to explain (one member
/// may apply, or a similar benefit was already received) keep the decision's own reason.
pub fn non_duplication(o: &OrganisationOutcome, d: &NonDupDecision) -> Text {
    let find = |id: &str| o.measures.iter().find(|m| m.id == id);
    let members: Vec<&MeasureOutcome> = match &d.kept {
        Some(k) if !d.given_up.is_empty() => std::iter::once(k.as_str())
            .chain(d.given_up.iter().map(String::as_str))
            .filter_map(find)
            .collect(),
        _ if d.undecided.len() > 1 => d.undecided.iter().filter_map(|id| find(id)).collect(),
        _ => return d.reason.clone(),
    };
    if members.len() < 2 {
        return d.reason.clone();
    }
    let n = members.len();
    // "第三条两项奖励" when the members are one article's; otherwise "这两项奖励".
    let article = &members[0].source.cite;
    let same_article = members.iter().all(|m| {
        m.source.cite.document == article.document && m.source.cite.article == article.article
    });
    let grants = members.iter().all(|m| m.kind == MoneyKind::Grant);
    let (noun_zh, noun_en) = if grants {
        ("奖励", "awards")
    } else {
        ("支持", "benefits")
    };
    let scope_zh = if same_article {
        format!("{}{}项{noun_zh}", article.article, count_zh(n))
    } else {
        format!("这{}项{noun_zh}", count_zh(n))
    };
    let scope_en = if same_article {
        format!(
            "the {} {noun_en} of {}",
            count_en(n),
            article.in_words("en")
        )
    } else {
        format!("these {} {noun_en}", count_en(n))
    };
    let with_amount = |m: &MeasureOutcome| -> Text {
        match m.amount.as_ref().map(|a| range_words(&a.range)) {
            Some(r) => Text::new(
                format!("{} {}", m.label.zh, r.zh),
                format!("{} ({})", m.label.en, r.en),
            ),
            None => (*m.label).clone(),
        }
    };
    let lead = Text::new(
        format!("{scope_zh}只能拿一项，按金额高的算："),
        format!("Only one of {scope_en} can be received, and the higher one counts: ",),
    );
    let mut text = match &d.kept {
        Some(_) if !d.given_up.is_empty() => {
            let kept = members[0];
            let others = &members[1..];
            let range = |m: &MeasureOutcome| m.amount.as_ref().map(|a| a.range).unwrap_or_default();
            let strictly_higher = others.iter().all(|m| range(kept).max > range(m).max);
            let k = with_amount(kept);
            let rest: Vec<Text> = others.iter().map(|m| with_amount(m)).collect();
            let rest_zh: Vec<&str> = rest.iter().map(|t| t.zh.as_str()).collect();
            let rest_en: Vec<&str> = rest.iter().map(|t| t.en.as_str()).collect();
            let (cmp_zh, cmp_en) = if strictly_higher {
                ("高于", "is higher than")
            } else {
                ("不低于", "is not lower than")
            };
            let (then_zh, then_en) = if others.len() == 1 {
                (
                    "所以计入前者".to_string(),
                    "so the former is counted".to_string(),
                )
            } else {
                (
                    format!("所以计入{}", kept.label.zh),
                    format!("so {} is counted", kept.label.en),
                )
            };
            Text::new(
                format!("{} {cmp_zh} {}，{then_zh}。", k.zh, rest_zh.join("、")),
                format!("{} {cmp_en} {}, {then_en}.", k.en, rest_en.join(" and "),),
            )
        }
        _ => {
            let all: Vec<Text> = members.iter().map(|m| with_amount(m)).collect();
            let all_zh: Vec<&str> = all.iter().map(|t| t.zh.as_str()).collect();
            let all_en: Vec<&str> = all.iter().map(|t| t.en.as_str()).collect();
            let settled = members
                .iter()
                .all(|m| m.eligibility == Eligibility::Eligible);
            let (why_zh, why_en) = if settled {
                (
                    "都符合条件，金额经考核评估后确定，哪项更高尚不确定",
                    "all qualify; the amounts are set on assessment, so which is higher is not known yet",
                )
            } else {
                (
                    "都还可能适用，哪项更高要等待确认的条件确定后才知道",
                    "may all still apply; which is higher depends on what is still to be confirmed",
                )
            };
            let possible = d.possible.as_ref().map(range_words);
            let (then_count_zh, then_count_en) = match possible {
                Some(p) => (
                    format!("本组先按较高的 {} 计一次", p.zh),
                    format!("the group counts once, as the higher ({})", p.en),
                ),
                None => (
                    "本组只计一次".to_string(),
                    "the group counts once".to_string(),
                ),
            };
            Text::new(
                format!(
                    "{} {why_zh}，所以{}项都暂不放弃，{then_count_zh}。",
                    all_zh.join("、"),
                    count_zh(n)
                ),
                format!(
                    "{} {why_en}, so none is given up yet; {then_count_en}.",
                    all_en.join(" and ")
                ),
            )
        }
    };
    text.zh.insert_str(0, &lead.zh);
    text.en.insert_str(0, &lead.en);
    text
}
