//! Non-duplication (就高从优、不重复享受) and the totals per recipient and kind of money.

#[allow(clippy::wildcard_imports)]
use super::*;

/// The range of “whichever is higher” of several ranges: the larger minimum, the larger maximum.
pub(super) fn higher_of(ranges: impl Iterator<Item = MoneyRange>) -> Option<MoneyRange> {
    ranges.reduce(|a, b| MoneyRange::new(a.min.max(b.min), a.max.max(b.max)))
}

pub(super) fn decide_group(
    ed: &Edition,
    g: &NonDupGroup,
    measures: &mut [MeasureOutcome],
) -> NonDupDecision {
    let idx: Vec<usize> = g
        .members
        .iter()
        .filter_map(|id| measures.iter().position(|m| &m.id == id))
        .collect();
    let received: Option<usize> = idx
        .iter()
        .copied()
        .find(|&i| measures[i].counting == Counting::AlreadyReceived);
    let candidates: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| measures[i].counting == Counting::Counted)
        .collect();
    let range = |m: &MeasureOutcome| m.amount.as_ref().map(|a| a.range).unwrap_or_default();
    let names = |ms: &[MeasureOutcome], list: &[usize], sep_zh: &str, sep_en: &str| {
        let zh: Vec<&str> = list.iter().map(|&i| ms[i].label.zh.as_str()).collect();
        let en: Vec<&str> = list.iter().map(|&i| ms[i].label.en.as_str()).collect();
        (zh.join(sep_zh), en.join(sep_en))
    };
    let decision = |kept: Option<String>,
                    given_up: Vec<String>,
                    undecided: Vec<String>,
                    possible: Option<MoneyRange>,
                    settle: Vec<String>,
                    reason: Text| NonDupDecision {
        group: g.id.clone(),
        label: sl(ed, &g.id, &g.label),
        source: ss(ed, &g.id, &g.source),
        kept,
        given_up,
        undecided,
        possible,
        settle,
        reason,
    };
    if let Some(r) = received {
        let already = measures[r].id.clone();
        let (rz, re) = (measures[r].label.zh.clone(), measures[r].label.en.clone());
        for &i in &candidates {
            measures[i].counting = Counting::GivenUp {
                group: g.id.clone(),
                kept: already.clone(),
            };
        }
        let (gz, ge) = names(measures, &candidates, "、", ", ");
        let given_up = candidates.iter().map(|&i| measures[i].id.clone()).collect();
        let mut zh = format!("{}申请人已就同一事项享受过“{rz}”", g.reason.zh);
        let mut en = format!(
            "{} The applicant already received “{re}” for this matter",
            g.reason.en
        );
        if !candidates.is_empty() {
            zh.push_str(&format!("，“{gz}”不再计入"));
            en.push_str(&format!("; not counted: {ge}"));
        }
        zh.push('。');
        en.push('.');
        return decision(
            None,
            given_up,
            Vec::new(),
            None,
            Vec::new(),
            Text::new(zh, en),
        );
    }
    if candidates.len() <= 1 {
        let reason = match candidates.first() {
            Some(&k) => Text::new(
                format!("只有“{}”可能适用，无需取舍。", measures[k].label.zh),
                format!(
                    "Only “{}” may apply: nothing to choose.",
                    measures[k].label.en
                ),
            ),
            None => Text::new(
                "本组没有可能适用的项目。",
                "No member of this group may apply.",
            ),
        };
        let kept = candidates.first().map(|&k| measures[k].id.clone());
        let possible = candidates.first().map(|&k| range(&measures[k]));
        return decision(kept, Vec::new(), Vec::new(), possible, Vec::new(), reason);
    }
    // The highest wins — but only once it is certain: an eligible member whose smallest amount
    // is at least every other member's largest. Otherwise nothing is given up yet.
    let winner = candidates.iter().copied().find(|&k| {
        measures[k].eligibility == Eligibility::Eligible
            && candidates
                .iter()
                .all(|&i| i == k || range(&measures[k]).min >= range(&measures[i]).max)
    });
    if let Some(k) = winner {
        let kept_id = measures[k].id.clone();
        let others: Vec<usize> = candidates.iter().copied().filter(|&i| i != k).collect();
        for &i in &others {
            measures[i].counting = Counting::GivenUp {
                group: g.id.clone(),
                kept: kept_id.clone(),
            };
        }
        let (rz, re) = amount_words(Some(range(&measures[k])));
        let (gz, ge) = names(measures, &others, "、", ", ");
        let reason = Text::new(
            format!(
                "{}保留“{}”（{rz}），放弃“{gz}”。",
                g.reason.zh, measures[k].label.zh
            ),
            format!(
                "{} Kept “{}” ({re}); given up: {ge}.",
                g.reason.en, measures[k].label.en
            ),
        );
        let given_up = others.iter().map(|&i| measures[i].id.clone()).collect();
        return decision(
            Some(kept_id),
            given_up,
            Vec::new(),
            Some(range(&measures[k])),
            Vec::new(),
            reason,
        );
    }
    let possible = higher_of(candidates.iter().map(|&i| range(&measures[i])));
    let (pz, pe) = amount_words(possible);
    let (az, ae) = names(measures, &candidates, "”“", "”, “");
    let open: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| measures[i].eligibility != Eligibility::Eligible)
        .collect();
    let mut settle: Vec<String> = Vec::new();
    let mut gaps_zh: Vec<String> = Vec::new();
    let mut gaps_en: Vec<String> = Vec::new();
    for &i in &open {
        for c in &measures[i].conditions {
            if matches!(c.verdict, Verdict::Unknown | Verdict::NotYet { .. }) {
                if let Some(gp) = &c.gap {
                    gaps_zh.push(cat(&[&measures[i].label.zh, "：", &gp.text.zh]));
                    gaps_en.push(cat(&[&measures[i].label.en, ": ", &gp.text.en]));
                    for f in &gp.fields {
                        if !settle.contains(f) {
                            settle.push(f.clone());
                        }
                    }
                }
            }
        }
    }
    let reason = if open.is_empty() {
        Text::new(
            format!(
                "{}“{az}”均符合条件，金额经考核评估后确定，只享受其中较高的一项；本组按较高者计（{pz}），暂不放弃任何一项。",
                g.reason.zh
            ),
            format!(
                "{} “{ae}” both qualify; the amounts are set on assessment and only the higher is paid: the group counts once ({pe}); nothing is given up yet.",
                g.reason.en
            ),
        )
    } else {
        Text::new(
            format!(
                "{}“{az}”都仍可能适用，较高的一项条件尚未确定，暂不放弃任何一项；只享受其中较高的一项，本组按较高者计（{pz}）。待确定：{}。",
                g.reason.zh,
                gaps_zh.join("；")
            ),
            format!(
                "{} “{ae}” may all still apply and the higher one is not settled: nothing is given up yet; only the higher is paid, and the group counts once ({pe}). To settle it: {}.",
                g.reason.en,
                gaps_en.join("; ")
            ),
        )
    };
    let undecided = candidates.iter().map(|&i| measures[i].id.clone()).collect();
    decision(None, Vec::new(), undecided, possible, settle, reason)
}

/// The total of `recipient` and `kind` in `out`, made if missing.
pub(super) fn total_for(out: &mut Vec<Total>, recipient: Recipient, kind: MoneyKind) -> &mut Total {
    let pos = match out
        .iter()
        .position(|t| t.recipient == recipient && t.kind == kind)
    {
        Some(p) => p,
        None => {
            out.push(Total {
                recipient,
                kind,
                eligible: MoneyRange::zero(),
                possible: MoneyRange::zero(),
                measures: Vec::new(),
            });
            out.len() - 1
        }
    };
    &mut out[pos]
}

pub(super) fn add_to(
    sum: &mut MoneyRange,
    r: MoneyRange,
    label: &Text,
    problems: &mut Vec<Problem>,
) -> bool {
    match sum.checked_add(r) {
        Some(total) => {
            *sum = total;
            true
        }
        // Left out of the total and said so, rather than a wrong sum or a panic.
        None => {
            problems.push(Problem {
                field: "organisation".into(),
                message: Text::new(
                    format!("{}的金额超出可计算范围，未计入合计", label.zh),
                    format!(
                        "the amount of {} is beyond what can be computed and is not in the total",
                        label.en
                    ),
                ),
            });
            false
        }
    }
}

pub(super) fn totals(
    measures: &[MeasureOutcome],
    groups: &[NonDupDecision],
    problems: &mut Vec<Problem>,
) -> Vec<Total> {
    let mut out: Vec<Total> = Vec::new();
    let undecided = |id: &str| groups.iter().any(|g| g.undecided.iter().any(|u| u == id));
    for m in measures {
        if m.counting != Counting::Counted
            || !matches!(m.kind, MoneyKind::Grant | MoneyKind::Loan)
            || undecided(&m.id)
        {
            continue;
        }
        let Some(a) = &m.amount else { continue };
        let t = total_for(&mut out, m.recipient, m.kind);
        if m.eligibility == Eligibility::Eligible {
            if add_to(&mut t.eligible, a.range, &m.label, problems) {
                t.measures.push(m.id.clone());
            }
        } else {
            add_to(&mut t.possible, a.range, &m.label, problems);
        }
    }
    // A group still undecided counts once, as the higher of its members: what the eligible
    // members give for sure, and up to the highest of all as what the others could add.
    for g in groups.iter().filter(|g| !g.undecided.is_empty()) {
        let members: Vec<&MeasureOutcome> = measures
            .iter()
            .filter(|m| g.undecided.contains(&m.id) && m.amount.is_some())
            .collect();
        let Some(first) = members.first() else {
            continue;
        };
        let (recipient, kind) = (first.recipient, first.kind);
        let range = |m: &&MeasureOutcome| m.amount.as_ref().map(|a| a.range).unwrap_or_default();
        let eligible: Vec<&MeasureOutcome> = members
            .iter()
            .copied()
            .filter(|m| m.eligibility == Eligibility::Eligible)
            .collect();
        let all = higher_of(members.iter().map(range)).unwrap_or_default();
        let sure = higher_of(eligible.iter().map(range));
        let t = total_for(&mut out, recipient, kind);
        match sure {
            Some(sure) => {
                if add_to(&mut t.eligible, sure, &first.label, problems) {
                    t.measures.extend(eligible.iter().map(|m| m.id.clone()));
                }
                let more = MoneyRange::new(
                    Decimal::ZERO,
                    all.max
                        .checked_sub(sure.max)
                        .unwrap_or_default()
                        .max(Decimal::ZERO),
                );
                add_to(&mut t.possible, more, &first.label, problems);
            }
            None => {
                add_to(&mut t.possible, all, &first.label, problems);
            }
        }
    }
    out.sort_by_key(|t| (t.recipient, t.kind));
    out
}
