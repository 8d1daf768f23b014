//! Evaluation of each test kind of the edition (yes/no, named, threshold, growth, topics,
//! elapsed period, not barred, any of); the table kinds are in `roster` and `items`.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn eval_test<'a>(ctx: &Ctx<'a>, test: &'a Test, problems: &mut Vec<Problem>) -> Eval {
    match test {
        Test::Yes { field } => match ctx.field(field) {
            Some(Field::Bool(a)) => match a {
                Answer::Value(true) => {
                    Eval::new(Verdict::Met, Text::new("答复：是", "answered yes"), None)
                }
                Answer::Value(false) => {
                    Eval::new(Verdict::NotMet, Text::new("答复：否", "answered no"), None)
                }
                Answer::DontKnow => Eval::unknown(ctx, field, true),
                Answer::NotAnswered => Eval::unknown(ctx, field, false),
            },
            _ => Eval::bad_field(field),
        },
        Test::Named { field } => match ctx.field(field) {
            Some(Field::Text(a)) => match a {
                Answer::Value(s) if !s.trim().is_empty() => Eval::new(
                    Verdict::Met,
                    Text::new(
                        format!("已填写：{}", s.trim()),
                        format!("given: {}", s.trim()),
                    ),
                    None,
                ),
                Answer::Value(_) => {
                    let l = ctx.label(field);
                    Eval::new(
                        Verdict::NotMet,
                        Text::new("未填写名称", "no name given"),
                        Some(Gap {
                            text: Text::new(
                                format!("需写明：{}", l.zh),
                                format!("needs: {}", l.en),
                            ),
                            numbers: None,
                            from: None,
                            fields: vec![field.clone()],
                        }),
                    )
                }
                Answer::DontKnow => Eval::unknown(ctx, field, true),
                Answer::NotAnswered => Eval::unknown(ctx, field, false),
            },
            _ => Eval::bad_field(field),
        },
        Test::AtLeast { field, min, unit } => threshold(ctx, field, *min, *unit, true, problems),
        Test::MoreThan { field, than, unit } => {
            threshold(ctx, field, *than, *unit, false, problems)
        }
        Test::Growth { current, previous } => growth(ctx, current, previous, problems),
        Test::RosterHrFirms { min, roster, .. } => roster_firms(ctx, *min, roster),
        Test::RosterFormats { min, roster } => roster_formats(ctx, *min, roster),
        Test::Topics {
            report,
            topics,
            required,
        } => {
            let rep = match ctx.field(report) {
                Some(Field::Bool(a)) => a,
                _ => return Eval::bad_field(report),
            };
            match rep {
                Answer::Value(false) => {
                    return Eval::new(
                        Verdict::NotMet,
                        Text::new("没有规划报告", "there is no report"),
                        Some(Gap {
                            text: Text::new("需形成规划报告", "needs a written report"),
                            numbers: None,
                            from: None,
                            fields: vec![report.clone()],
                        }),
                    )
                }
                Answer::DontKnow => return Eval::unknown(ctx, report, true),
                Answer::NotAnswered => return Eval::unknown(ctx, report, false),
                Answer::Value(true) => {}
            }
            let list = match ctx.field(topics) {
                Some(Field::List(a)) => a,
                _ => return Eval::bad_field(topics),
            };
            match list {
                Answer::Value(have) => {
                    let missing: Vec<_> = required
                        .iter()
                        .filter(|t| !have.iter().any(|h| h == &t.id))
                        .collect();
                    let n = required.len() - missing.len();
                    if missing.is_empty() {
                        Eval::new(
                            Verdict::Met,
                            Text::new(
                                format!("报告论证了全部 {} 项内容", required.len()),
                                format!("the report covers all {} topics", required.len()),
                            ),
                            None,
                        )
                    } else {
                        let zh: Vec<_> = missing.iter().map(|t| t.label.zh.as_str()).collect();
                        let en: Vec<_> = missing.iter().map(|t| t.label.en.as_str()).collect();
                        Eval::new(
                            Verdict::NotMet,
                            Text::new(
                                format!("报告论证了 {n}/{} 项内容", required.len()),
                                format!("the report covers {n} of {} topics", required.len()),
                            ),
                            Some(Gap {
                                text: Text::new(
                                    format!("报告还需论证：{}", zh.join("、")),
                                    format!("the report still needs: {}", en.join(", ")),
                                ),
                                numbers: Some(GapNumbers {
                                    unit: Unit::Count,
                                    needed: Decimal::from(required.len()),
                                    have: Some(Decimal::from(n)),
                                    missing: Some(Decimal::from(missing.len())),
                                }),
                                from: None,
                                fields: vec![topics.clone()],
                            }),
                        )
                    }
                }
                Answer::DontKnow => Eval::unknown(ctx, topics, true),
                Answer::NotAnswered => Eval::unknown(ctx, topics, false),
            }
        }
        Test::Elapsed { field, months } => match ctx.field(field) {
            Some(Field::Date(a)) => match a {
                Answer::Value(d) => elapsed(ctx, field, d, *months, problems),
                Answer::DontKnow => Eval::unknown(ctx, field, true),
                Answer::NotAnswered => Eval::unknown(ctx, field, false),
            },
            _ => Eval::bad_field(field),
        },
        Test::NotBarred {
            flag,
            since,
            months,
        } => {
            let f = match ctx.field(flag) {
                Some(Field::Bool(a)) => a,
                _ => return Eval::bad_field(flag),
            };
            match f {
                Answer::Value(false) => Eval::new(
                    Verdict::Met,
                    Text::new("未曾被取消资格", "never cancelled"),
                    None,
                ),
                Answer::DontKnow => Eval::unknown(ctx, flag, true),
                Answer::NotAnswered => Eval::unknown(ctx, flag, false),
                Answer::Value(true) => match ctx.field(since) {
                    Some(Field::Date(Answer::Value(d))) => {
                        if future_date(
                            ctx,
                            d,
                            since.clone(),
                            ("取消日期", "cancellation date"),
                            problems,
                        ) {
                            let mut e = Eval::unknown(ctx, since, false);
                            e.reason = Text::new(
                                "取消日期晚于评估日期，无法判断",
                                "the cancellation date is after the as-of date: cannot be judged",
                            );
                            return e;
                        }
                        // The bar's last day (民法典 第二百零二条) still bars; it lifts the next day.
                        match (period::last_day(d, *months), period::day_after(d, *months)) {
                            (Some(last), Some(from)) if ctx.as_of > last => Eval::new(
                                Verdict::Met,
                                Text::new(
                                    format!("{d} 被取消资格，限制期至 {last} 止，{from} 起可重新认定"),
                                    format!("cancelled on {d}; the bar ended on {last}: may be certified again from {from}"),
                                ),
                                None,
                            ),
                            (Some(last), Some(from)) => Eval::new(
                                Verdict::NotMet,
                                Text::new(
                                    format!("{d} 被取消资格，至 {last}（含）不予重新认定"),
                                    format!("cancelled on {d}; cannot be certified again up to and including {last}"),
                                ),
                                Some(Gap {
                                    text: with_validity(
                                        ctx,
                                        Text::new(
                                            format!("{from} 起可重新申请认定"),
                                            format!("may apply again from {from}"),
                                        ),
                                        from,
                                    ),
                                    numbers: None,
                                    from: Some(from),
                                    fields: vec![since.clone()],
                                }),
                            ),
                            _ => {
                                out_of_range(since.clone(), problems);
                                Eval::unknown(ctx, since, false)
                            }
                        }
                    }
                    Some(Field::Date(Answer::DontKnow)) => Eval::unknown(ctx, since, true),
                    Some(Field::Date(Answer::NotAnswered)) => Eval::unknown(ctx, since, false),
                    _ => Eval::bad_field(since),
                },
            }
        }
        Test::AnyOf { of } => {
            let evals: Vec<Eval> = of.iter().map(|t| eval_test(ctx, t, problems)).collect();
            if let Some(pos) = evals.iter().position(|e| e.verdict == Verdict::Met) {
                let mut evals = evals;
                return evals.swap_remove(pos);
            }
            let any_open = evals.iter().any(|e| !matches!(e.verdict, Verdict::NotMet));
            let zh: Vec<_> = evals.iter().map(|e| e.reason.zh.as_str()).collect();
            let en: Vec<_> = evals.iter().map(|e| e.reason.en.as_str()).collect();
            let gzh: Vec<_> = evals
                .iter()
                .filter_map(|e| e.gap.as_ref().map(|g| g.text.zh.as_str()))
                .collect();
            let gen: Vec<_> = evals
                .iter()
                .filter_map(|e| e.gap.as_ref().map(|g| g.text.en.as_str()))
                .collect();
            let fields: Vec<String> = evals
                .iter()
                .flat_map(|e| e.gap.iter().flat_map(|g| g.fields.clone()))
                .collect();
            let gap = Some(Gap {
                text: Text::new(
                    format!("满足其一即可：{}", gzh.join("；或")),
                    format!("any one of: {}", gen.join("; or ")),
                ),
                numbers: None,
                from: None,
                fields,
            });
            Eval::new(
                if any_open {
                    Verdict::Unknown
                } else {
                    Verdict::NotMet
                },
                Text::new(zh.join("；"), en.join("; ")),
                gap,
            )
        }
        Test::OneOf { field, any } => one_of(ctx, field, any),
        Test::Items {
            table,
            none,
            name,
            branch_by,
            branches,
            wording,
        } => items(
            ctx,
            table,
            none.as_deref(),
            name,
            branch_by.as_deref(),
            branches,
            wording,
            problems,
        ),
    }
}

pub(super) fn threshold(
    ctx: &Ctx,
    field: &str,
    limit: Decimal,
    unit: Unit,
    inclusive: bool,
    problems: &mut Vec<Problem>,
) -> Eval {
    let a = match ctx.field(field) {
        Some(Field::Num(a)) => a,
        _ => return Eval::bad_field(field),
    };
    // A count is shown in its question's unit (场 for events, 家 for firms), not a bare 个.
    let q_unit = (unit == Unit::Count)
        .then(|| ctx.edition.question(field).and_then(|q| q.unit.clone()))
        .flatten();
    let show = |d: Decimal, unit: Unit| -> (String, String) {
        match &q_unit {
            Some(u) => {
                let n = d.normalize();
                let en = match u.en.strip_suffix('s') {
                    Some(one) if n == Decimal::ONE => one,
                    _ => u.en.as_str(),
                };
                (format!("{n} {}", u.zh), format!("{n} {en}"))
            }
            None => show(d, unit),
        }
    };
    let (lz, le) = show(limit, unit);
    let (opz, ope) = if inclusive {
        ("≥", "≥")
    } else {
        (">", ">")
    };
    match a {
        Answer::Value(v) => {
            let ok = if inclusive { v >= limit } else { v > limit };
            let (vz, ve) = show(v, unit);
            if ok {
                Eval::new(
                    Verdict::Met,
                    Text::new(format!("{vz} {opz} {lz}"), format!("{ve} {ope} {le}")),
                    None,
                )
            } else {
                // For 超过 the smallest step above the limit: one 分 for money,
                // one unit otherwise.
                let step = if inclusive {
                    Decimal::ZERO
                } else if unit == Unit::Yuan {
                    Decimal::new(1, 2)
                } else {
                    Decimal::ONE
                };
                // v < limit here, so the gap is below the limit; checked all the same.
                let Some(missing) = limit.checked_sub(v).and_then(|m| m.checked_add(step)) else {
                    return Eval::beyond_range(ctx, field, problems);
                };
                let (mz, me) = show(missing, unit);
                let text = match unit {
                    Unit::Yuan if inclusive => {
                        Text::new(format!("还差 {mz}"), format!("{me} more"))
                    }
                    Unit::Yuan => Text::new(
                        format!("须超过 {lz}，还差 {mz}"),
                        format!("must exceed {le}: {me} more"),
                    ),
                    Unit::M2 => Text::new(format!("还差 {mz}"), format!("{me} more")),
                    _ => {
                        let l = ctx.label(field);
                        // The label without its trailing unit: "还差 1 场（已组织…活动）".
                        let bare = |label: &str, u: Option<&str>| -> String {
                            u.and_then(|u| {
                                label
                                    .strip_suffix(&format!("（{u}）"))
                                    .or_else(|| label.strip_suffix(&format!(" ({u})")))
                            })
                            .unwrap_or(label)
                            .to_string()
                        };
                        let uz = q_unit.as_ref().map(|u| u.zh.as_str());
                        let ue = q_unit.as_ref().map(|u| u.en.as_str());
                        Text::new(
                            format!("还差 {mz}（{}）", bare(l.zh, uz)),
                            format!("{me} more ({})", bare(l.en, ue)),
                        )
                    }
                };
                Eval::new(
                    Verdict::NotMet,
                    Text::new(
                        format!("{vz} 未达到 {opz} {lz}"),
                        format!("{ve} is not {ope} {le}"),
                    ),
                    Some(Gap {
                        text,
                        numbers: Some(GapNumbers {
                            unit,
                            needed: limit,
                            have: Some(v),
                            missing: Some(missing),
                        }),
                        from: None,
                        fields: vec![field.to_string()],
                    }),
                )
            }
        }
        Answer::DontKnow | Answer::NotAnswered => {
            let mut e = Eval::unknown_needing(
                ctx,
                field,
                a == Answer::DontKnow,
                [
                    &["（须 ", opz, " ", &lz, "）"],
                    &[" (must be ", ope, " ", &le, ")"],
                ],
            );
            if let Some(g) = e.gap.as_mut() {
                g.numbers = Some(GapNumbers {
                    unit,
                    needed: limit,
                    have: None,
                    missing: None,
                });
            }
            e
        }
    }
}

pub(super) fn growth(
    ctx: &Ctx,
    current: &str,
    previous: &str,
    problems: &mut Vec<Problem>,
) -> Eval {
    let (cur, prev) = match (ctx.field(current), ctx.field(previous)) {
        (Some(Field::Num(c)), Some(Field::Num(p))) => (c, p),
        _ => return Eval::bad_field(current),
    };
    // Unknown, with the growth's own gap: which year's revenue is missing.
    let unknown = |path: &str, a: Answer<Decimal>, zh: &str, en: &str| {
        let (reason, _) = Eval::unknown_why(ctx, path, a == Answer::DontKnow);
        Eval::new(
            Verdict::Unknown,
            reason,
            Some(Gap {
                text: Text::new(zh, en),
                numbers: None,
                from: None,
                fields: vec![path.to_string()],
            }),
        )
    };
    let c = match cur {
        Answer::Value(c) => c,
        other => {
            return unknown(
                current,
                other,
                "需填写本年度营业收入才能判断增长",
                "needs this year's revenue to judge growth",
            )
        }
    };
    let p = match prev {
        Answer::Value(p) => p,
        other => {
            return unknown(
                previous,
                other,
                "需填写上一年度营业收入才能判断增长",
                "needs last year's revenue to judge growth",
            )
        }
    };
    let (cz, ce) = show(c, Unit::Yuan);
    let (pz, pe) = show(p, Unit::Yuan);
    if c > p {
        let rate = if p.is_zero() {
            Text::new("上年为 0", "last year was 0")
        } else {
            // A tiny last year makes the rate too large for a decimal: the verdict (c > p)
            // stands, the rate is said to be beyond range instead of trapping.
            match c
                .checked_sub(p)
                .and_then(|d| d.checked_div(p))
                .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            {
                Some(r) => {
                    let r = r.round_dp(1);
                    Text::new(format!("增长 {r}%"), format!("growth {r}%"))
                }
                None => {
                    problems.push(Problem {
                        field: previous.to_string(),
                        message: beyond_range_text(),
                    });
                    Text::new("增长率过大，无法计算", "growth rate too large to compute")
                }
            }
        };
        Eval::new(
            Verdict::Met,
            Text::new(
                format!("本年 {cz}，上年 {pz}，{}", rate.zh),
                format!("this year {ce}, last year {pe}: {}", rate.en),
            ),
            None,
        )
    } else {
        let Some(missing) = p
            .checked_sub(c)
            .and_then(|m| m.checked_add(Decimal::new(1, 2)))
        else {
            return Eval::beyond_range(ctx, previous, problems);
        };
        let (mz, me) = show(missing, Unit::Yuan);
        Eval::new(
            Verdict::NotMet,
            Text::new(
                format!("本年 {cz} 未高于上年 {pz}，没有增长"),
                format!("this year {ce} is not above last year {pe}: no growth"),
            ),
            Some(Gap {
                text: Text::new(
                    format!("营业收入须高于上年，还差 {mz}"),
                    format!("revenue must exceed last year's: {me} more"),
                ),
                numbers: Some(GapNumbers {
                    unit: Unit::Yuan,
                    needed: p,
                    have: Some(c),
                    missing: Some(missing),
                }),
                from: None,
                fields: vec![current.to_string()],
            }),
        )
    }
}

pub(super) fn elapsed(
    ctx: &Ctx,
    field: &str,
    d: NaiveDate,
    months: u32,
    problems: &mut Vec<Problem>,
) -> Eval {
    if future_date(
        ctx,
        d,
        field.to_string(),
        ("起始日期", "start date"),
        problems,
    ) {
        let mut e = Eval::unknown(ctx, field, false);
        e.reason = Text::new(
            "起始日期晚于评估日期，无法判断",
            "the start date is after the as-of date: cannot be judged",
        );
        return e;
    }
    let Some(done) = period::last_day(d, months) else {
        out_of_range(field.to_string(), problems);
        return Eval::unknown(ctx, field, false);
    };
    if done <= ctx.as_of {
        Eval::new(
            Verdict::Met,
            Text::new(
                format!("自 {d} 起至 {done} 已满 {months} 个月"),
                format!("{months} months from {d} were complete on {done}"),
            ),
            None,
        )
    } else {
        Eval::new(
            Verdict::NotYet { from: done },
            Text::new(
                format!("自 {d} 起到 {} 尚未满 {months} 个月", ctx.as_of),
                format!("{months} months from {d} are not complete on {}", ctx.as_of),
            ),
            Some(Gap {
                text: with_validity(
                    ctx,
                    Text::new(format!("{done} 起满足"), format!("met from {done}")),
                    done,
                ),
                numbers: None,
                from: Some(done),
                fields: vec![field.to_string()],
            }),
        )
    }
}

/// A choice answer must be one of `any`; options are named by their labels in the edition.
fn one_of(ctx: &Ctx, field: &str, any: &[String]) -> Eval {
    let a = match ctx.field(field) {
        Some(Field::Text(a)) => a,
        _ => return Eval::bad_field(field),
    };
    let q = ctx.edition.question(field);
    let name = |id: &str| -> Text {
        q.and_then(|q| q.options.iter().find(|o| o.id == id))
            .map_or_else(|| Text::new(id, id), |o| o.label.clone())
    };
    match a {
        Answer::Value(v) => {
            let got = name(v);
            if any.iter().any(|x| x == v) {
                Eval::new(
                    Verdict::Met,
                    Text::new(cat(&["答复：", &got.zh]), cat(&["answered: ", &got.en])),
                    None,
                )
            } else {
                let wanted: Vec<Text> = any.iter().map(|id| name(id)).collect();
                let zh: Vec<&str> = wanted.iter().map(|t| t.zh.as_str()).collect();
                let en: Vec<&str> = wanted.iter().map(|t| t.en.as_str()).collect();
                Eval::new(
                    Verdict::NotMet,
                    Text::new(cat(&["答复：", &got.zh]), cat(&["answered: ", &got.en])),
                    Some(Gap {
                        text: Text::new(
                            cat(&["须为：", &zh.join("或")]),
                            cat(&["must be: ", &en.join(" or ")]),
                        ),
                        numbers: None,
                        from: None,
                        fields: vec![field.to_string()],
                    }),
                )
            }
        }
        Answer::DontKnow => Eval::unknown(ctx, field, true),
        Answer::NotAnswered => Eval::unknown(ctx, field, false),
    }
}
