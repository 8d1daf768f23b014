//! Roster counting (第四条（三）): each firm once, by 统一社会信用代码 or name, and the tests
//! over the roster (HR-service firms, service formats).

#[allow(clippy::wildcard_imports)]
use super::*;

use crate::engine::store::Row;

/// The roster the edition's roster tests count (their table and columns: the edition's data),
/// if it has any.
pub(super) fn roster_columns(edition: &Edition) -> Option<&RosterColumns> {
    edition.park.conditions.iter().find_map(|c| match &c.test {
        Test::RosterHrFirms { roster, .. } | Test::RosterFormats { roster, .. } => Some(roster),
        _ => None,
    })
}

/// A yes / no cell (not answered where the roster has no such column).
fn yes_no(row: &Row, column: Option<&str>) -> Answer<bool> {
    let Some(column) = column else {
        return Answer::NotAnswered;
    };
    match row.get(column) {
        Answer::Value(v) => v.as_bool().map_or(Answer::NotAnswered, Answer::Value),
        Answer::DontKnow => Answer::DontKnow,
        Answer::NotAnswered => Answer::NotAnswered,
    }
}

pub(super) fn roster_empty(ctx: &Ctx, cols: &RosterColumns) -> Option<Eval> {
    match ctx.roster_rows(cols) {
        Some([]) => Some(Eval::new(
            Verdict::Unknown,
            Text::new("花名册为空", "the roster is empty"),
            Some(ctx.needs(&cols.table)),
        )),
        Some(_) => None,
        None => Some(Eval::bad_field(&cols.table)),
    }
}

/// The supporting (上下游) formats of the edition's firm-count rule, if any.
pub(super) fn supporting_formats(edition: &Edition) -> &[String] {
    edition
        .park
        .conditions
        .iter()
        .find_map(|c| match &c.test {
            Test::RosterHrFirms {
                supporting_formats, ..
            } => Some(supporting_formats.as_slice()),
            _ => None,
        })
        .unwrap_or(&[])
}

/// A firm's name for finding the same firm listed twice without a code.
pub(super) fn name_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What the roster adds up to: each firm once (by 统一社会信用代码, or by name where a
/// row has no code), and how each row counts toward 第四条（三）.
pub(crate) fn roster_summary(
    edition: &Edition,
    cols: &RosterColumns,
    roster: &[Row],
) -> RosterSummary {
    let (code_col, name_col) = (cols.code.as_str(), cols.name.as_str());
    // A cell's path (`park.roster[3].uscc`), made only where a row is named.
    let cell = |i: usize, column: &str| crate::engine::path::cell(&cols.table, i, column);
    let mut s = RosterSummary {
        rows: roster.len(),
        ..RosterSummary::default()
    };
    let supporting = supporting_formats(edition);
    // Names of rows that carry a code: a row without a code and with one of these names is
    // the same firm listed again (made at the first row without a code; most rosters have none).
    let coded_names: std::cell::OnceCell<BTreeSet<String>> = std::cell::OnceCell::new();
    let coded_names = || {
        coded_names.get_or_init(|| {
            roster
                .iter()
                .filter(|r| {
                    !r.text(code_col).trim().is_empty() && !r.text(name_col).trim().is_empty()
                })
                .map(|r| name_key(r.text(name_col)))
                .collect()
        })
    };
    let mut seen: BTreeSet<std::borrow::Cow<'_, str>> = BTreeSet::new();
    let mut seen_names: BTreeSet<String> = BTreeSet::new();
    let mut formats: BTreeSet<&str> = BTreeSet::new();
    let mut total = Some(Decimal::ZERO);
    let mut any_rev = false;
    for (i, row) in roster.iter().enumerate() {
        let code = row.text(code_col).trim();
        let row_name = row.text(name_col);
        let service_format = row.value(&cols.service_format).and_then(|v| v.as_str());
        let field = || cell(i, code_col);
        let mut firm_row = |status: FirmStatus, reason: Text, f: String| {
            match status {
                FirmStatus::Verified => s.firm_count.verified += 1,
                FirmStatus::Pending => s.firm_count.pending += 1,
                FirmStatus::Unknown => s.firm_count.unknown += 1,
                FirmStatus::NotCounted => s.firm_count.not_counted += 1,
            }
            if status != FirmStatus::Verified {
                s.firm_count.rows.push(FirmRow {
                    row: i,
                    name: row_name.trim().to_string(),
                    status,
                    reason,
                    field: f,
                });
            }
        };
        let mut code_problem: Option<Text> = None;
        if code.is_empty() {
            s.issues.push(RosterIssue {
                row: i,
                field: field(),
                message: Text::new("未填写统一社会信用代码", "no USCC given"),
            });
            code_problem = Some(Text::new(
                "未填写统一社会信用代码，无法核验",
                "no USCC: cannot be verified",
            ));
            let key = name_key(row_name);
            let repeat = if key.is_empty() {
                None
            } else if coded_names().contains(&key) {
                Some(Text::new(
                    "与有统一社会信用代码的行同名，视为同一家，不重复计数",
                    "same name as a row with a USCC: the same firm, not counted twice",
                ))
            } else if !seen_names.insert(key) {
                Some(Text::new(
                    "与前面无代码的行同名，视为同一家，不重复计数",
                    "same name as an earlier row without a USCC: the same firm, not counted twice",
                ))
            } else {
                None
            };
            if let Some(why) = repeat {
                s.issues.push(RosterIssue {
                    row: i,
                    field: cell(i, name_col),
                    message: why.clone(),
                });
                firm_row(FirmStatus::NotCounted, why, field());
                continue;
            }
        } else {
            if let Err(e) = uscc::validate(code) {
                s.issues.push(RosterIssue {
                    row: i,
                    field: field(),
                    message: Text::new(e.zh(), e.to_string()),
                });
                code_problem = Some(Text::new(
                    cat(&["统一社会信用代码未通过 GB 32100-2015 校验（", &e.zh(), "）"]),
                    cat(&[
                        "the USCC fails the GB 32100-2015 check (",
                        &e.to_string(),
                        ")",
                    ]),
                ));
            }
            let known = seen.contains(code)
                || (code.bytes().any(|b| b.is_ascii_lowercase())
                    && seen.contains(code.to_ascii_uppercase().as_str()));
            if known {
                let why = Text::new(
                    "与前面的行统一社会信用代码重复，不重复计数",
                    "same USCC as an earlier row: not counted twice",
                );
                s.issues.push(RosterIssue {
                    row: i,
                    field: field(),
                    message: why.clone(),
                });
                firm_row(FirmStatus::NotCounted, why, field());
                continue;
            }
            if code.bytes().any(|b| b.is_ascii_lowercase()) {
                seen.insert(std::borrow::Cow::Owned(code.to_ascii_uppercase()));
            } else {
                seen.insert(std::borrow::Cow::Borrowed(code));
            }
        }
        // Past the repeats: this row is in the totals (the roster's 计入营业收入合计 column).
        s.counted_rows.push(i);
        let supporting_format = match service_format {
            Some(f) => supporting
                .iter()
                .any(|x| x == f)
                .then(|| edition.service_formats.iter().find(|x| x.id == f))
                .map(|known| known.map_or((f, f), |k| (k.label.zh.as_str(), k.label.en.as_str()))),
            None => None,
        };
        match (yes_no(row, Some(&cols.hr_service_firm)), supporting_format) {
            (Answer::Value(false), _) => firm_row(
                FirmStatus::NotCounted,
                Text::new("标为非人力资源服务企业", "marked as not an HR-service firm"),
                cell(i, &cols.hr_service_firm),
            ),
            (Answer::Value(true), Some((fz, fe))) => match yes_no(row, cols.hr_licence.as_deref()) {
                Answer::Value(true) => {
                    let mut why = Text::new(
                        cat(&["属“", fz, "”（《行动方案》二（六）上下游服务业态），申报持有人力资源服务许可或备案，待核"]),
                        cat(&["in “", fe, "” (Action Plan 二(六), supporting services); says it holds an HR-service licence or 备案: to be checked"]),
                    );
                    if let Some(c) = &code_problem {
                        why = Text::new(cat(&[&why.zh, "；", &c.zh]), cat(&[&why.en, "; ", &c.en]));
                    }
                    firm_row(FirmStatus::Pending, why, cell(i, cols.hr_licence.as_deref().unwrap_or_default()));
                }
                Answer::Value(false) => firm_row(
                    FirmStatus::NotCounted,
                    Text::new(
                        cat(&["属“", fz, "”（《行动方案》二（六）上下游服务业态），未持人力资源服务许可或备案，不计入"]),
                        cat(&["in “", fe, "” (Action Plan 二(六), supporting services) without an HR-service licence or 备案: not counted"]),
                    ),
                    cell(i, cols.hr_licence.as_deref().unwrap_or_default()),
                ),
                _ => firm_row(
                    FirmStatus::Unknown,
                    Text::new(
                        cat(&["属“", fz, "”（上下游服务业态）：需回答是否持有人力资源服务许可或备案"]),
                        cat(&["in “", fe, "” (supporting services): needs an answer on an HR-service licence or 备案"]),
                    ),
                    cell(i, cols.hr_licence.as_deref().unwrap_or_default()),
                ),
            },
            (Answer::Value(true), None) => match code_problem {
                Some(why) => firm_row(FirmStatus::Pending, why, field()),
                None => firm_row(FirmStatus::Verified, Text::default(), String::new()),
            },
            _ => firm_row(
                FirmStatus::Unknown,
                Text::new(
                    "需回答是否为人力资源服务企业",
                    "needs an answer: is it an HR-service firm?",
                ),
                cell(i, &cols.hr_service_firm),
            ),
        }
        match service_format {
            Some(f) => {
                if let Some(known) = edition.service_formats.iter().find(|x| x.id == f) {
                    formats.insert(known.id.as_str());
                } else {
                    s.format_unknown += 1;
                    s.issues.push(RosterIssue {
                        row: i,
                        field: cell(i, &cols.service_format),
                        message: Text::new(
                            format!("无法识别的服务业态“{f}”"),
                            format!("unknown service format {f:?}"),
                        ),
                    });
                }
            }
            _ => s.format_unknown += 1,
        }
        match row.value(&cols.revenue).and_then(|v| v.number()) {
            Some(v) => match total.and_then(|t| t.checked_add(v)) {
                Some(t) => {
                    total = Some(t);
                    any_rev = true;
                }
                None => {
                    // Beyond what a decimal holds: the sum is unknown (never a wrong
                    // number, never a panic) and the row that broke it is named.
                    if total.is_some() {
                        s.issues.push(RosterIssue {
                            row: i,
                            field: cell(i, &cols.revenue),
                            message: Text::new(
                                "营业收入合计超出可计算范围，合计无法确定",
                                "the revenues add up to more than can be computed: the total is unknown",
                            ),
                        });
                    }
                    total = None;
                }
            },
            _ => s.revenue_unknown_rows += 1,
        }
    }
    s.hr_service_firms = s.firm_count.verified.saturating_add(s.firm_count.pending);
    s.hr_service_firm_unknown = s.firm_count.unknown;
    s.formats = edition
        .service_formats
        .iter()
        .filter(|f| formats.contains(f.id.as_str()))
        .map(|f| f.id.clone())
        .collect();
    s.revenue_known_total = total.filter(|_| any_rev);
    s
}

pub(super) fn roster_firms<'a>(ctx: &Ctx<'a>, min: u32, cols: &'a RosterColumns) -> Eval {
    if let Some(e) = roster_empty(ctx, cols) {
        return e;
    }
    let Some(s) = ctx.roster(cols) else {
        return Eval::bad_field(&cols.table);
    };
    let c = &s.firm_count;
    let (v, p, u) = (c.verified, c.pending, c.unknown);
    let counted = v.saturating_add(p);
    let mut zh = format!(
        "花名册 {} 行：计入 {counted} 家 = {v} 家可核验 + {p} 家待核（须 ≥ {min}）",
        s.rows
    );
    let mut en = format!(
        "roster of {} rows: {counted} counted = {v} verifiable + {p} pending (need ≥ {min})",
        s.rows
    );
    if u > 0 {
        zh.push_str(&format!("；另有 {u} 行待补充"));
        en.push_str(&format!("; {u} rows to complete"));
    }
    if c.not_counted > 0 {
        zh.push_str(&format!("；{} 行不计入", c.not_counted));
        en.push_str(&format!("; {} rows not counted", c.not_counted));
    }
    let reason = Text::new(zh, en);
    let numbers = GapNumbers {
        unit: Unit::Count,
        needed: Decimal::from(min),
        have: Some(Decimal::from(v)),
        missing: Some(Decimal::from(min.saturating_sub(v))),
    };
    let pending = || c.rows.iter().filter(|r| r.status == FirmStatus::Pending);
    let unknown = || c.rows.iter().filter(|r| r.status == FirmStatus::Unknown);
    if v >= min {
        return Eval::new(Verdict::Met, reason, None);
    }
    let (verdict, text, fields) = if counted >= min {
        let (rows, fields) = name_rows(pending(), 8);
        (
            Verdict::ForReviewers,
            Text::new(
                format!(
                    "可核验的只有 {v} 家，还需 {} 家待核企业经核实方可达到 {min} 家：{}",
                    min - v,
                    rows.zh
                ),
                format!(
                    "only {v} can be verified: {} of the pending firms must be confirmed to reach {min}: {}",
                    min - v,
                    rows.en
                ),
            ),
            fields,
        )
    } else if counted.saturating_add(u) >= min {
        let (rows, mut fields) = name_rows(unknown(), 8);
        let mut zh = format!("还需确认至少 {} 家：{}", min - counted, rows.zh);
        let mut en = format!("{} more to confirm: {}", min - counted, rows.en);
        if p > 0 {
            let (prow, pf) = name_rows(pending(), 8);
            zh.push_str(&cat(&["。待核：", &prow.zh]));
            en.push_str(&cat(&[". Pending: ", &prow.en]));
            fields.extend(pf);
        }
        (Verdict::Unknown, Text::new(zh, en), fields)
    } else {
        let mut zh = format!("还差 {} 家人力资源服务企业", min - counted);
        let mut en = format!("{} more HR-service firm(s)", min - counted);
        let mut fields = vec![cols.table.clone()];
        let open: Vec<&FirmRow> = c
            .rows
            .iter()
            .filter(|r| matches!(r.status, FirmStatus::Pending | FirmStatus::Unknown))
            .collect();
        if !open.is_empty() {
            let (rows, f) = name_rows(open.into_iter(), 8);
            zh.push_str(&cat(&["；另需补正：", &rows.zh]));
            en.push_str(&cat(&["; also to fix: ", &rows.en]));
            fields.extend(f);
        }
        (Verdict::NotMet, Text::new(zh, en), fields)
    };
    Eval::new(
        verdict,
        reason,
        Some(Gap {
            text,
            numbers: Some(numbers),
            from: None,
            fields,
        }),
    )
}

pub(super) fn count_eval(
    have: u32,
    unknown: u32,
    min: u32,
    noun: (&str, &str),
    field: &str,
    rows: usize,
) -> Eval {
    let numbers = |missing: Option<u32>| GapNumbers {
        unit: Unit::Count,
        needed: Decimal::from(min),
        have: Some(Decimal::from(have)),
        missing: missing.map(Decimal::from),
    };
    if have >= min {
        Eval::new(
            Verdict::Met,
            Text::new(
                format!("花名册 {rows} 行中有 {have} {}（须 ≥ {min}）", noun.0),
                format!(
                    "{have} {} in the roster's {rows} rows (need ≥ {min})",
                    noun.1
                ),
            ),
            None,
        )
    } else if have + unknown >= min {
        Eval::new(
            Verdict::Unknown,
            Text::new(
                format!("已确认 {have} {}，另有 {unknown} 行待确认", noun.0),
                format!(
                    "{have} {} confirmed, {unknown} rows to be confirmed",
                    noun.1
                ),
            ),
            Some(Gap {
                text: Text::new(
                    format!(
                        "还需确认至少 {} {}（{unknown} 行待补充）",
                        min - have,
                        noun.0
                    ),
                    format!(
                        "{} more {} to confirm ({unknown} rows to complete)",
                        min - have,
                        noun.1
                    ),
                ),
                numbers: Some(numbers(Some(min - have))),
                from: None,
                fields: vec![field.to_string()],
            }),
        )
    } else {
        Eval::new(
            Verdict::NotMet,
            Text::new(
                format!("花名册中只有 {have} {}（须 ≥ {min}）", noun.0),
                format!("only {have} {} in the roster (need ≥ {min})", noun.1),
            ),
            Some(Gap {
                text: Text::new(
                    format!("还差 {} {}", min - have, noun.0),
                    format!("{} more {}", min - have, noun.1),
                ),
                numbers: Some(numbers(Some(min - have))),
                from: None,
                fields: vec![field.to_string()],
            }),
        )
    }
}

pub(super) fn roster_formats<'a>(ctx: &Ctx<'a>, min: u32, cols: &'a RosterColumns) -> Eval {
    if let Some(e) = roster_empty(ctx, cols) {
        return e;
    }
    let Some(s) = ctx.roster(cols) else {
        return Eval::bad_field(&cols.table);
    };
    let have = u32::try_from(s.formats.len()).unwrap_or(u32::MAX);
    // The column of any row: `park.roster[].service_format`.
    let column = crate::engine::path::key(&cat(&[&cols.table, "[]"]), &cols.service_format);
    count_eval(
        have,
        s.format_unknown,
        min,
        ("种服务业态", "service format(s)"),
        &column,
        s.rows,
    )
}
