//! Tests over the items of a table (推荐的人才 第七条, 引进的人才 第九条): each item judged,
//! the items combined.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Combine item verdicts: any met → met; else unknown; else the earliest
/// not-yet; else not met.
pub(super) fn combine_items(items: &[ItemOutcome]) -> Verdict {
    if items.iter().any(|i| i.verdict == Verdict::Met) {
        return Verdict::Met;
    }
    if items.iter().any(|i| i.verdict == Verdict::Unknown) {
        return Verdict::Unknown;
    }
    let mut from: Option<NaiveDate> = None;
    for i in items {
        if let Verdict::NotYet { from: f } = i.verdict {
            from = Some(from.map_or(f, |x| x.min(f)));
        }
    }
    match from {
        Some(f) => Verdict::NotYet { from: f },
        None => Verdict::NotMet,
    }
}

/// A per-item check: accumulates the worst state and the reasons.
pub(super) struct ItemCheck {
    not_met: bool,
    unknown: bool,
    not_yet: Option<NaiveDate>,
    zh: Vec<String>,
    en: Vec<String>,
}

impl ItemCheck {
    fn new() -> Self {
        ItemCheck {
            not_met: false,
            unknown: false,
            not_yet: None,
            zh: Vec::new(),
            en: Vec::new(),
        }
    }
    fn fail(&mut self, zh: String, en: String) {
        self.not_met = true;
        self.zh.push(zh);
        self.en.push(en);
    }
    fn unknown(&mut self, zh: &str, en: &str) {
        self.unknown = true;
        self.zh.push(format!("{zh}待确认"));
        self.en.push(format!("{en} to be confirmed"));
    }
    fn ok(&mut self, zh: String, en: String) {
        self.zh.push(zh);
        self.en.push(en);
    }
    fn verdict(&self) -> Verdict {
        if self.not_met {
            Verdict::NotMet
        } else if self.unknown {
            Verdict::Unknown
        } else if let Some(f) = self.not_yet {
            Verdict::NotYet { from: f }
        } else {
            Verdict::Met
        }
    }
    fn reason(&self) -> Text {
        Text::new(self.zh.join("；"), self.en.join("; "))
    }
}

pub(super) fn placements(
    ctx: &Ctx,
    contract_min: u32,
    worked_min: u32,
    problems: &mut Vec<Problem>,
) -> Eval {
    let Some(o) = ctx.org else {
        return Eval::bad_field("organisation.placements");
    };
    // "没有" settles 第七条: nothing to place (listed rows are kept, and do not count).
    if o.has_placements == Answer::Value(false) {
        return Eval::new(
            Verdict::NotMet,
            Text::new(
                "没有成功推荐的人才（已回答“没有”）",
                "no placements (answered “none”)",
            ),
            Some(none_answered_gap("organisation.has_placements")),
        );
    }
    if o.placements.is_empty() {
        return Eval::new(
            Verdict::Unknown,
            Text::new("未列出推荐的人才", "no placements listed"),
            Some(ctx.needs("organisation.placements")),
        );
    }
    let mut items = Vec::with_capacity(o.placements.len());
    for (i, p) in o.placements.iter().enumerate() {
        let mut c = ItemCheck::new();
        match p.employer_in_city {
            Answer::Value(true) => c.ok("用人单位在市内".into(), "employer in the city".into()),
            Answer::Value(false) => {
                c.fail("用人单位不在市内".into(), "employer not in the city".into())
            }
            _ => c.unknown("用人单位所在地", "employer's location"),
        }
        match p.contract_months {
            Answer::Value(m) if m >= contract_min => c.ok(
                format!("合同 {m} 个月 ≥ {contract_min}"),
                format!("contract {m} months ≥ {contract_min}"),
            ),
            Answer::Value(m) => c.fail(
                format!("合同 {m} 个月，不足 {contract_min} 个月"),
                format!("contract {m} months, less than {contract_min}"),
            ),
            _ => c.unknown("合同期限", "contract length"),
        }
        match p.contract_start {
            Answer::Value(d)
                if future_date(
                    ctx,
                    d,
                    format!("organisation.placements[{i}].contract_start"),
                    ("合同起始日期", "contract start"),
                    problems,
                ) =>
            {
                c.unknown(
                    "合同起始日期（晚于评估日期）",
                    "contract start (after the as-of date)",
                )
            }
            Answer::Value(d) => match period::last_day(d, worked_min) {
                Some(done) if done <= ctx.as_of => c.ok(
                    format!("{done} 工作满 {worked_min} 个月"),
                    format!("worked {worked_min} months on {done}"),
                ),
                Some(done) => {
                    c.not_yet = Some(done);
                    let t = with_validity(
                        ctx,
                        Text::new(
                            format!("{done} 起工作满 {worked_min} 个月"),
                            format!("{worked_min} months worked from {done}"),
                        ),
                        done,
                    );
                    c.ok(t.zh, t.en);
                }
                None => {
                    out_of_range(
                        format!("organisation.placements[{i}].contract_start"),
                        problems,
                    );
                    c.unknown("合同起始日期", "contract start");
                }
            },
            _ => c.unknown("合同起始日期", "contract start"),
        }
        items.push(ItemOutcome {
            index: i,
            path: format!("organisation.placements[{i}]"),
            name: if p.talent.trim().is_empty() {
                format!("#{}", i + 1)
            } else {
                p.talent.clone()
            },
            verdict: c.verdict(),
            reason: c.reason(),
        });
    }
    let verdict = combine_items(&items);
    let qualifying = items.iter().filter(|i| i.verdict == Verdict::Met).count();
    let names: Vec<&str> = items
        .iter()
        .filter(|i| i.verdict == Verdict::Met)
        .map(|i| i.name.as_str())
        .collect();
    let reason = Text::new(
        format!(
            "{} 名人才中 {qualifying} 名符合：{}（奖补按机构贡献程度一次确定，不按人数相乘）",
            items.len(),
            names.join("、")
        ),
        format!(
            "{qualifying} of {} placements qualify: {} (the award is set once by contribution, not multiplied by placements)",
            items.len(),
            names.join(", ")
        ),
    );
    let gap = match verdict {
        Verdict::NotYet { from } => Some(Gap {
            text: with_validity(
                ctx,
                Text::new(format!("{from} 起满足"), format!("eligible from {from}")),
                from,
            ),
            numbers: None,
            from: Some(from),
            fields: vec!["organisation.placements".into()],
        }),
        Verdict::Unknown => Some(Gap {
            text: Text::new("需补全推荐人才的合同信息", "needs the placements' contract details"),
            numbers: None,
            from: None,
            fields: vec!["organisation.placements".into()],
        }),
        Verdict::NotMet => Some(Gap {
            text: Text::new(
                format!("还需 1 名合同 ≥ {contract_min} 个月、工作满 {worked_min} 个月的市内人才"),
                format!("1 placement with a contract ≥ {contract_min} months in the city and {worked_min} months worked"),
            ),
            numbers: Some(GapNumbers {
                unit: Unit::Count,
                needed: Decimal::ONE,
                have: Some(Decimal::ZERO),
                missing: Some(Decimal::ONE),
            }),
            from: None,
            fields: vec!["organisation.placements".into()],
        }),
        _ => None,
    };
    Eval {
        verdict,
        reason,
        gap,
        items,
        persons: u32::try_from(qualifying).unwrap_or(u32::MAX),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn talents(
    ctx: &Ctx,
    max_category: u8,
    tenure: u32,
    tax_more_than: Decimal,
    high_tech_field: &str,
    tax_field: &str,
    problems: &mut Vec<Problem>,
) -> Eval {
    let Some(o) = ctx.org else {
        return Eval::bad_field("organisation.talents");
    };
    // "没有" settles 第九条: no one to put forward (listed rows are kept, and do not count).
    if o.has_talents == Answer::Value(false) {
        return Eval::new(
            Verdict::NotMet,
            Text::new(
                "没有符合条件的人才（已回答“没有”）",
                "no one to put forward (answered “none”)",
            ),
            Some(none_answered_gap("organisation.has_talents")),
        );
    }
    if o.talents.is_empty() {
        return Eval::new(
            Verdict::Unknown,
            Text::new("未列出人才", "no talents listed"),
            Some(ctx.needs("organisation.talents")),
        );
    }
    // Does the enterprise qualify (founded a high-tech enterprise, or paid
    // more than the tax threshold last year)? Some(true/false) or None.
    let high_tech = match ctx.field(high_tech_field) {
        Some(Field::Bool(Answer::Value(b))) => Some(*b),
        _ => None,
    };
    let tax = match ctx.field(tax_field) {
        Some(Field::Num(Answer::Value(t))) => Some(t > tax_more_than),
        _ => None,
    };
    let firm_ok = match (high_tech, tax) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    };
    let (tz, te) = show(tax_more_than, Unit::Yuan);
    let mut items = Vec::with_capacity(o.talents.len());
    for (i, t) in o.talents.iter().enumerate() {
        let mut c = ItemCheck::new();
        match t.basis {
            Answer::Value(TalentBasis::Catalogue) => {
                match t.category {
                    Answer::Value(k) if k >= 1 && k <= max_category => c.ok(
                        format!("目录第 {k} 类（{max_category} 类及以上）"),
                        format!("catalogue category {k} (≤ {max_category})"),
                    ),
                    Answer::Value(k) => c.fail(
                        format!("目录第 {k} 类，不在 {max_category} 类及以上"),
                        format!("catalogue category {k}, not 1–{max_category}"),
                    ),
                    _ => c.unknown("人才层次", "category"),
                }
                // 全职引进的: brought in by the firm, and full-time.
                match t.brought_in {
                    Answer::Value(true) => {
                        c.ok("由本企业引进".into(), "brought in by the firm".into())
                    }
                    Answer::Value(false) => c.fail(
                        "不是由本企业引进".into(),
                        "not brought in by the firm".into(),
                    ),
                    _ => c.unknown("是否由本企业引进", "brought in by the firm"),
                }
                match t.full_time {
                    Answer::Value(true) => c.ok("全职".into(), "full-time".into()),
                    Answer::Value(false) => c.fail("非全职".into(), "not full-time".into()),
                    _ => c.unknown("是否全职", "full-time"),
                }
            }
            Answer::Value(TalentBasis::Principal | TalentBasis::TechnicalHead) => {
                match firm_ok {
                    Some(true) => c.ok(
                        format!("企业创办高新技术企业或上年纳税超过 {tz}"),
                        format!("the firm founded a high-tech enterprise or paid more than {te} tax"),
                    ),
                    Some(false) => c.fail(
                        format!("企业未创办高新技术企业，上年纳税未超过 {tz}"),
                        format!("the firm founded no high-tech enterprise and paid no more than {te} tax"),
                    ),
                    None => c.unknown("企业是否创办高新技术企业或纳税额", "the firm's high-tech status or tax"),
                }
                // 连续2年全职聘用: full-time must be answered yes; unanswered is unknown.
                match t.full_time {
                    Answer::Value(true) => c.ok("全职".into(), "full-time".into()),
                    Answer::Value(false) => c.fail("非全职".into(), "not full-time".into()),
                    _ => c.unknown("是否全职", "full-time"),
                }
                match t.full_time_since {
                    Answer::Value(d)
                        if future_date(
                            ctx,
                            d,
                            format!("organisation.talents[{i}].full_time_since"),
                            ("全职起始日期", "full-time start"),
                            problems,
                        ) =>
                    {
                        c.unknown(
                            "全职起始日期（晚于评估日期）",
                            "full-time start (after the as-of date)",
                        )
                    }
                    Answer::Value(d) => match period::last_day(d, tenure) {
                        // Only a full-time answer makes the months full-time months.
                        Some(done) if done <= ctx.as_of && t.full_time == Answer::Value(true) => c
                            .ok(
                                format!("{done} 已连续全职 {tenure} 个月"),
                                format!("{tenure} months full-time on {done}"),
                            ),
                        Some(done) if done <= ctx.as_of => c.ok(
                            format!("自 {d} 起至 {done} 满 {tenure} 个月（须为全职）"),
                            format!("{tenure} months from {d} on {done} (must be full-time)"),
                        ),
                        Some(done) => {
                            c.not_yet = Some(done);
                            let x = with_validity(
                                ctx,
                                Text::new(
                                    format!("{done} 起连续全职满 {tenure} 个月"),
                                    format!("{tenure} months full-time from {done}"),
                                ),
                                done,
                            );
                            c.ok(x.zh, x.en);
                        }
                        None => {
                            out_of_range(
                                format!("organisation.talents[{i}].full_time_since"),
                                problems,
                            );
                            c.unknown("全职起始日期", "full-time start");
                        }
                    },
                    _ => c.unknown("全职起始日期", "full-time start"),
                }
            }
            _ => c.unknown("依据", "basis"),
        }
        items.push(ItemOutcome {
            index: i,
            path: format!("organisation.talents[{i}]"),
            name: if t.name.trim().is_empty() {
                format!("#{}", i + 1)
            } else {
                t.name.clone()
            },
            verdict: c.verdict(),
            reason: c.reason(),
        });
    }
    let verdict = combine_items(&items);
    let persons = items.iter().filter(|i| i.verdict == Verdict::Met).count();
    let reason = Text::new(
        format!("{} 人中 {persons} 人符合", items.len()),
        format!("{persons} of {} persons qualify", items.len()),
    );
    let gap = match verdict {
        Verdict::NotYet { from } => Some(Gap {
            text: with_validity(
                ctx,
                Text::new(format!("{from} 起满足"), format!("eligible from {from}")),
                from,
            ),
            numbers: None,
            from: Some(from),
            fields: vec!["organisation.talents".into()],
        }),
        Verdict::Unknown => Some(Gap {
            text: Text::new("需补全人才信息", "needs the talents' details"),
            numbers: None,
            from: None,
            fields: vec!["organisation.talents".into()],
        }),
        Verdict::NotMet => Some(Gap {
            text: Text::new(
                format!("还需 1 名 {max_category} 类及以上全职人才，或符合条件的负责人"),
                format!("1 full-time person of category 1–{max_category}, or a qualifying principal / technical head"),
            ),
            numbers: Some(GapNumbers {
                unit: Unit::Count,
                needed: Decimal::ONE,
                have: Some(Decimal::ZERO),
                missing: Some(Decimal::ONE),
            }),
            from: None,
            fields: vec!["organisation.talents".into()],
        }),
        _ => None,
    };
    Eval {
        verdict,
        reason,
        gap,
        items,
        persons: u32::try_from(persons).unwrap_or(u32::MAX),
    }
}
