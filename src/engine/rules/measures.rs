//! The organisation's measures: eligibility, amount (range, from a field, per person-year,
//! cap), then non-duplication and totals.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn eligibility(conds: &[Arc<ConditionOutcome>]) -> Eligibility {
    if conds.iter().any(|c| c.verdict == Verdict::NotMet) {
        return Eligibility::NotEligible;
    }
    if conds.iter().any(|c| c.verdict == Verdict::Unknown) {
        return Eligibility::Unknown;
    }
    let mut from: Option<NaiveDate> = None;
    for c in conds {
        if let Verdict::NotYet { from: f } = c.verdict {
            from = Some(from.map_or(f, |x| x.max(f)));
        }
    }
    match from {
        Some(f) => Eligibility::NotYet { from: f },
        None => Eligibility::Eligible,
    }
}

pub(super) fn amount(
    ctx: &Ctx,
    m: &Measure,
    persons: Option<u32>,
    notes: &mut Vec<Text>,
) -> Option<AmountOutcome> {
    let spec = m.amount.as_ref()?;
    let (per_unit, per) = match spec {
        AmountSpec::Range { min, max, per } => (MoneyRange::new(*min, *max), *per),
        AmountSpec::FromField { field, per } => match ctx.field(field) {
            Some(Field::Num(Answer::Value(v))) => (MoneyRange::new(v, v), *per),
            _ => {
                let l = ctx.label(field);
                notes.push(Text::new(
                    cat(&["金额等于“", l.zh, "”，该项未填写"]),
                    cat(&["the amount equals “", l.en, "”, which is not given"]),
                ));
                return None;
            }
        },
        AmountSpec::Tiered {
            field,
            tiers,
            less,
            per,
        } => (tiered(ctx, field, tiers, less.as_deref(), notes)?, *per),
    };
    let uncapped = match (per, persons) {
        (Per::PersonYear, Some(n)) => {
            let n = Decimal::from(n);
            match (per_unit.min.checked_mul(n), per_unit.max.checked_mul(n)) {
                (Some(min), Some(max)) => MoneyRange::new(min, max),
                _ => {
                    notes.push(beyond_range_text());
                    return None;
                }
            }
        }
        _ => per_unit,
    };
    let mut range = uncapped;
    let cap = m.cap.as_ref().map(|cap| {
        let value = match ctx.field(&cap.field) {
            Some(Field::Num(Answer::Value(v))) => Some(v),
            _ => None,
        };
        let (applied, note) = match value {
            Some(c) => {
                let applied = c < range.max;
                range = MoneyRange::new(range.min.min(c), range.max.min(c));
                let (cz, ce) = show(c, Unit::Yuan);
                if applied {
                    (
                        true,
                        Text::new(
                            cat(&["按封顶 ", &cz, " 压低了金额"]),
                            cat(&["lowered by the cap of ", &ce]),
                        ),
                    )
                } else {
                    (
                        false,
                        Text::new(
                            cat(&["封顶 ", &cz, " 不影响金额"]),
                            cat(&["the cap of ", &ce, " does not bind"]),
                        ),
                    )
                }
            }
            None => {
                range = MoneyRange::new(Decimal::ZERO, range.max);
                let l = ctx.label(&cap.field);
                (
                    true,
                    Text::new(
                        cat(&["“", l.zh, "”待确认，封顶无法确定，下限按 0 元计"]),
                        cat(&[
                            "“",
                            l.en,
                            "” is unknown: the cap cannot be applied, so the minimum is shown as 0",
                        ]),
                    ),
                )
            }
        };
        CapOutcome {
            id: cap.id.clone(),
            label: sl(ctx.edition, &cap.id, &cap.label),
            source: ss(ctx.edition, &cap.id, &cap.source),
            cap: value,
            applied,
            note,
        }
    });
    let note = if m.after_assessment {
        Text::new(
            "金额在范围内经考核评估后确定，此处为估算，不是承诺",
            "The amount within the range is decided after assessment: an estimate, not a promise",
        )
    } else {
        Text::new("此处为估算，不是承诺", "An estimate, not a promise")
    };
    Some(AmountOutcome {
        range,
        uncapped,
        per_unit,
        per,
        persons: if per == Per::PersonYear {
            persons
        } else {
            None
        },
        cap,
        after_assessment: m.after_assessment,
        note,
    })
}

pub(super) fn measure<'a>(
    ctx: &Ctx<'a>,
    m: &'a Measure,
    applicant: Option<&Arc<ConditionOutcome>>,
    problems: &mut Vec<Problem>,
) -> MeasureOutcome {
    let mut conditions = Vec::with_capacity(m.conditions.len() + 1);
    // Every measure is for an HR-service organisation: the one answer, asked once, first —
    // shared by every measure (one outcome, not a copy per measure: fewer allocations).
    conditions.extend(applicant.cloned());
    let mut items = Vec::new();
    let mut persons: Option<u32> = None;
    for c in &m.conditions {
        let (co, its, n) = condition(ctx, c, problems);
        if matches!(c.test, Test::Items { .. }) {
            persons = Some(n);
        }
        if !its.is_empty() {
            items = its;
        }
        conditions.push(Arc::new(co));
    }
    // A cap of 0 (no local fiscal contribution yet): the award cannot exceed it, so the measure
    // cannot be had now — said as a condition not met, never as “0 万元”.
    if let Some(cap) = &m.cap {
        if let Some(Field::Num(Answer::Value(c))) = ctx.field(&cap.field) {
            if c <= Decimal::ZERO {
                let (cz, ce) = show(c, Unit::Yuan);
                let l = ctx.label(&cap.field);
                let (label, source) = shared(ctx.edition, &cap.id, &cap.label, &cap.source);
                conditions.push(Arc::new(ConditionOutcome {
                    id: cap.id.clone(),
                    label,
                    source,
                    verdict: Verdict::NotMet,
                    in_principle: false,
                    reason: Text::new(
                        format!("暂不能享受：奖励不能超过“{}”，目前为 {cz}", l.zh),
                        format!(
                            "not eligible now: the award cannot exceed “{}”, which is {ce}",
                            l.en
                        ),
                    ),
                    gap: Some(Gap {
                        text: Text::new(
                            format!("“{}”大于 0 后方可享受", l.zh),
                            format!("possible once “{}” is above 0", l.en),
                        ),
                        numbers: None,
                        from: None,
                        fields: vec![cap.field.clone()],
                    }),
                }));
            }
        }
    }
    let eligibility = eligibility(&conditions);
    let mut notes = Vec::new();
    if let Eligibility::NotYet { from } = eligibility {
        if let Some(n) = after_validity(ctx, from) {
            notes.push(Text::new(
                cat(&["最早 ", &from.to_string(), " 起满足条件，", &n.zh]),
                cat(&[
                    "Conditions are met from ",
                    &from.to_string(),
                    " at the earliest: ",
                    &n.en,
                ]),
            ));
        }
    }
    if conditions
        .iter()
        .any(|c| c.verdict == Verdict::ForReviewers)
    {
        notes.push(Text::new(
            "部分条件需经考核评估认定",
            "Some conditions are decided on assessment",
        ));
    }
    let amount = if eligibility == Eligibility::NotEligible {
        None
    } else {
        // While eligibility is open, a per-person amount counts at least the
        // one person who would make the measure eligible.
        let counted = match (eligibility, persons) {
            (Eligibility::Eligible, p) => p,
            (_, Some(n)) => Some(n.max(1)),
            (_, None) => None,
        };
        amount(ctx, m, counted, &mut notes).map(|mut a| {
            if a.persons.is_some() {
                a.persons = persons;
            }
            a
        })
    };
    let already_received = matches!(
        ctx.store.measure_flags().and_then(|(_, f)| f?.get(&m.id)),
        Some(Answer::Value(true))
    );
    let has_money = matches!(m.kind, MoneyKind::Grant | MoneyKind::Loan);
    let counting = if !has_money || eligibility == Eligibility::NotEligible {
        Counting::NotCounted
    } else if already_received {
        notes.push(Text::new(
            "申请人表示已就同一事项享受过同类政策：按“就高从优、不重复享受”，不计入合计",
            "The applicant says it already received a similar benefit for the same matter: not added to the totals (no double benefit)",
        ));
        Counting::AlreadyReceived
    } else {
        Counting::Counted
    };
    let (label, source) = shared(ctx.edition, &m.id, &m.label, &m.source);
    MeasureOutcome {
        id: m.id.clone(),
        label,
        source,
        recipient: m.recipient,
        kind: m.kind,
        eligibility,
        conditions,
        amount,
        items,
        counting,
        already_received,
        notes,
    }
}

pub(crate) fn organisation(
    edition: &Edition,
    store: &AnswerStore,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) -> OrganisationOutcome {
    let ctx = Ctx {
        edition,
        store,
        as_of,
        roster: std::cell::OnceCell::new(),
    };
    let (flags_key, flags) = store.measure_flags().unwrap_or(("", None));
    for key in flags.into_iter().flat_map(BTreeMap::keys) {
        if edition.measure(key).is_none() {
            problems.push(Problem {
                field: crate::engine::path::key(&cat(&["organisation.", flags_key]), key),
                message: Text::new(
                    format!("无法识别的措施“{key}”"),
                    format!("unknown measure {key:?}"),
                ),
            });
        }
    }
    // The applicant's code, wherever the edition declares it (`identifies: code`).
    let code_path = store
        .declarations()
        .identity_path(crate::policy::Identity::Code)
        .unwrap_or_default();
    if let Some(Field::Text(Answer::Value(code))) = store_field(store, &code_path) {
        if !code.trim().is_empty() {
            if let Err(e) = uscc::validate(code) {
                problems.push(Problem {
                    field: code_path,
                    message: Text::new(e.zh(), e.to_string()),
                });
            }
        }
    }
    let applicant = edition
        .applicant
        .as_ref()
        .map(|c| Arc::new(condition(&ctx, c, problems).0));
    let mut measures: Vec<MeasureOutcome> = edition
        .measures
        .iter()
        .map(|m| measure(&ctx, m, applicant.as_ref(), problems))
        .collect();
    let non_duplication: Vec<NonDupDecision> = edition
        .non_duplication
        .iter()
        .map(|g| decide_group(edition, g, &mut measures))
        .collect();
    let totals = totals(&measures, &non_duplication, problems);
    OrganisationOutcome {
        measures,
        non_duplication,
        totals,
    }
}

/// A tiered amount: the highest tier the answer reaches, less what an earlier tier paid (补差).
fn tiered(
    ctx: &Ctx,
    field: &str,
    tiers: &[crate::policy::Tier],
    less: Option<&str>,
    notes: &mut Vec<Text>,
) -> Option<MoneyRange> {
    let l = ctx.label(field);
    let v = match ctx.field(field) {
        Some(Field::Num(Answer::Value(v))) => v,
        _ => {
            notes.push(Text::new(
                cat(&["金额按“", l.zh, "”分档确定，该项未填写"]),
                cat(&["the amount is tiered by “", l.en, "”, which is not given"]),
            ));
            return None;
        }
    };
    let Some(full) = tiers
        .iter()
        .filter(|t| v >= t.at_least)
        .map(|t| t.amount)
        .max()
    else {
        notes.push(Text::new(
            cat(&["“", l.zh, "”未达到最低一档"]),
            cat(&["“", l.en, "” does not reach the lowest tier"]),
        ));
        return None;
    };
    let Some(less) = less else {
        return Some(MoneyRange::new(full, full));
    };
    let (fz, fe) = show(full, Unit::Yuan);
    let ll = ctx.label(less);
    match ctx.field(less) {
        Some(Field::Num(Answer::Value(paid))) => {
            let top = full
                .checked_sub(paid)
                .unwrap_or_default()
                .max(Decimal::ZERO);
            let (pz, pe) = show(paid, Unit::Yuan);
            let (tz, te) = show(top, Unit::Yuan);
            notes.push(Text::new(
                format!("按档 {fz}，扣除已获 {pz}，补差 {tz}"),
                format!("tier {fe}, less {pe} already paid: a top-up of {te}"),
            ));
            Some(MoneyRange::new(top, top))
        }
        _ => {
            notes.push(Text::new(
                format!("“{}”未知：补差最低按 0 元、最高按本档 {fz} 计", ll.zh),
                format!(
                    "“{}” is unknown: the top-up is shown from 0 up to the tier's {fe}",
                    ll.en
                ),
            ));
            Some(MoneyRange::new(Decimal::ZERO, full))
        }
    }
}
