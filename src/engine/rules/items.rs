//! Items in a table that meet conditions (推荐的人才 第七条, 引进的人才 第九条, and any such table
//! of a later edition): each row judged by the checks the edition gives, the rows combined.

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
pub(super) struct RowJudgement {
    not_met: bool,
    unknown: bool,
    not_yet: Option<NaiveDate>,
    zh: Vec<String>,
    en: Vec<String>,
}

impl RowJudgement {
    fn new() -> Self {
        RowJudgement {
            not_met: false,
            unknown: false,
            not_yet: None,
            zh: Vec::new(),
            en: Vec::new(),
        }
    }
    fn unknown(&mut self, zh: &str, en: &str) {
        self.unknown = true;
        self.zh.push(format!("{zh}待确认"));
        self.en.push(format!("{en} to be confirmed"));
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

/// A value of a placeholder: a text in zh and en, a whole number, a date or a decimal.
#[derive(Clone, Copy)]
enum Val<'v> {
    Words(&'v str, &'v str),
    Whole(u64),
    Date(NaiveDate),
    Decimal(Decimal),
}

/// A placeholder's name and value.
type Var<'v> = (&'v str, Val<'v>);

/// `template` with each `{key}` replaced by its value (one pass, one string per language;
/// numbers and dates written straight into it, not through `format!`).
fn fill(template: &Text, vars: &[Var<'_>]) -> Text {
    fill_from(template, vars.iter())
}

/// [`fill`] with the placeholders `vars` yields (those a check has: an absent bound is none).
fn fill_from<'a, 'v: 'a>(template: &Text, vars: impl Iterator<Item = &'a Var<'v>> + Clone) -> Text {
    let one = |t: &str, zh: bool| -> String {
        let mut out = String::with_capacity(t.len() + 16);
        let mut rest = t;
        // `{` and `}` are single bytes: a byte search finds them (a char boundary either way).
        let find = |s: &str, b: u8| s.bytes().position(|x| x == b);
        while let Some(open) = find(rest, b'{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let var = find(after, b'}')
                .and_then(|close| Some((close, vars.clone().find(|v| v.0 == &after[..close])?)));
            match var {
                Some((close, (_, v))) => {
                    match *v {
                        Val::Words(z, e) => out.push_str(if zh { z } else { e }),
                        Val::Whole(n) => {
                            crate::engine::digits::push_whole(&mut out, u128::from(n));
                        }
                        Val::Date(d) => period::push_date(&mut out, d),
                        Val::Decimal(d) => {
                            use std::fmt::Write;
                            let _ = write!(out, "{d}");
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    };
    Text::new(one(&template.zh, true), one(&template.en, false))
}

/// The first threshold of a test, in words (`{amount}` of a record check).
fn threshold_words(test: &Test) -> Option<(String, String)> {
    match test {
        Test::AtLeast { min: d, unit, .. } | Test::MoreThan { than: d, unit, .. } => {
            Some(show(*d, *unit))
        }
        Test::AnyOf { of } => of.iter().find_map(threshold_words),
        _ => None,
    }
}

impl RowJudgement {
    fn push(&mut self, t: Text) {
        self.zh.push(t.zh);
        self.en.push(t.en);
    }
    fn fail_text(&mut self, t: Text) {
        self.not_met = true;
        self.push(t);
    }
    fn unknown_text(&mut self, t: &Text) {
        self.unknown(&t.zh, &t.en);
    }
}

/// Items in a table that meet conditions (see [`Test::Items`]).
#[allow(clippy::too_many_lines, clippy::too_many_arguments)]
pub(super) fn items<'a>(
    ctx: &Ctx<'a>,
    table: &str,
    none: Option<&str>,
    name_column: &str,
    branch_by: Option<&str>,
    branches: &'a [ItemBranch],
    wording: &ItemsWording,
    problems: &mut Vec<Problem>,
) -> Eval {
    let Some(rows) = table_rows(ctx, table) else {
        return Eval::bad_field(table);
    };
    // "没有" settles the test: nothing to list (listed rows are kept, and do not count).
    if let Some(none) = none {
        if matches!(ctx.field(none), Some(Field::Bool(Answer::Value(false)))) {
            return Eval::new(
                Verdict::NotMet,
                wording.none.clone(),
                Some(none_answered_gap(none)),
            );
        }
    }
    if rows.is_empty() {
        return Eval::new(
            Verdict::Unknown,
            wording.empty.clone(),
            Some(ctx.needs(table)),
        );
    }
    // Checks on the applicant's own answers are judged once, for every row.
    let mut record: Vec<(&Test, Verdict)> = Vec::new();
    for check in branches.iter().flat_map(|b| &b.checks) {
        if let crate::policy::ItemCheck::Record { test, .. } = check {
            let mut scratch = Vec::new();
            record.push((test, eval_test(ctx, test, &mut scratch).verdict));
        }
    }
    let mut items = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let mut c = RowJudgement::new();
        let branch = match branch_by {
            None => branches.first(),
            Some(col) => match row.cell(col) {
                Some(Cell::Text(Answer::Value(v))) => {
                    branches.iter().find(|b| b.when.iter().any(|w| w == v))
                }
                _ => None,
            },
        };
        match branch {
            None => {
                let t = wording
                    .branch_unknown
                    .clone()
                    .unwrap_or_else(|| Text::new("依据", "basis"));
                c.unknown_text(&t);
            }
            Some(b) => {
                for check in &b.checks {
                    row_check(ctx, table, i, row, check, &record, &mut c, problems);
                }
            }
        }
        let name = row.text(name_column).trim();
        items.push(ItemOutcome {
            index: i,
            path: super::super::path::index(table, i),
            name: if name.is_empty() {
                format!("#{}", i + 1)
            } else {
                name.to_string()
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
    let total = items.len();
    let (names_zh, names_en) = if wording.summary.zh.contains("{names}") {
        (names.join("、"), names.join(", "))
    } else {
        (String::new(), String::new())
    };
    let reason = fill(
        &wording.summary,
        &[
            ("total", Val::Whole(total as u64)),
            ("n", Val::Whole(qualifying as u64)),
            ("names", Val::Words(&names_zh, &names_en)),
        ],
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
            fields: vec![table.to_string()],
        }),
        Verdict::Unknown => Some(Gap {
            text: wording.unknown.clone(),
            numbers: None,
            from: None,
            fields: vec![table.to_string()],
        }),
        Verdict::NotMet => Some(Gap {
            text: {
                // `{contract_months.min}` …: the checks' own numbers, written once.
                let numbers = crate::policy::item_numbers(branches);
                let vars: Vec<Var<'_>> = numbers
                    .iter()
                    .map(|(k, n)| -> Var<'_> { (k.as_str(), Val::Whole(u64::from(*n))) })
                    .collect();
                fill(&wording.not_met, &vars)
            },
            numbers: Some(GapNumbers {
                unit: Unit::Count,
                needed: Decimal::ONE,
                have: Some(Decimal::ZERO),
                missing: Some(Decimal::ONE),
            }),
            from: None,
            fields: vec![table.to_string()],
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

/// One check of a row.
#[allow(clippy::too_many_arguments)]
fn row_check(
    ctx: &Ctx,
    table: &str,
    i: usize,
    row: &RowRef<'_>,
    check: &crate::policy::ItemCheck,
    record: &[(&Test, Verdict)],
    c: &mut RowJudgement,
    problems: &mut Vec<Problem>,
) {
    use crate::policy::ItemCheck as K;
    match check {
        K::Yes {
            column,
            met,
            not_met,
            unknown,
        } => match row.cell(column) {
            Some(Cell::Bool(Answer::Value(true))) => c.push(met.clone()),
            Some(Cell::Bool(Answer::Value(false))) => c.fail_text(not_met.clone()),
            _ => c.unknown_text(unknown),
        },
        K::Count {
            column,
            min,
            max,
            met,
            not_met,
            unknown,
        } => match row.cell(column) {
            Some(Cell::Num(Answer::Value(v))) => {
                // A whole count is written as the integer it is (cheaper than a decimal).
                let n = match u32::try_from(v) {
                    Ok(w) => Val::Whole(u64::from(w)),
                    Err(_) => Val::Decimal(v.normalize()),
                };
                // Only the bounds the check has (no `{max}` of 0 when there is no maximum; the
                // edition check refuses a text naming an absent bound).
                let vars: [Option<Var<'_>>; 3] = [
                    Some(("n", n)),
                    min.map(|lo| ("min", Val::Whole(u64::from(lo)))),
                    max.map(|hi| ("max", Val::Whole(u64::from(hi)))),
                ];
                let ok = min.is_none_or(|m| v >= Decimal::from(m))
                    && max.is_none_or(|m| v <= Decimal::from(m));
                if ok {
                    c.push(fill_from(met, vars.iter().flatten()));
                } else {
                    c.fail_text(fill_from(not_met, vars.iter().flatten()));
                }
            }
            _ => c.unknown_text(unknown),
        },
        K::Months {
            column,
            months,
            what,
            met,
            confirmed_by,
            met_unconfirmed,
            not_yet,
            unknown,
        } => {
            // The cell's path, for a problem (built only when there is one).
            let field = || cat(&[&super::super::path::index(table, i), ".", column]);
            match row.cell(column) {
                Some(Cell::Date(Answer::Value(d)))
                    if d > ctx.as_of
                        && future_date(ctx, d, field(), (&what.zh, &what.en), problems) =>
                {
                    c.unknown(
                        &cat(&[&what.zh, "（晚于评估日期）"]),
                        &cat(&[&what.en, " (after the as-of date)"]),
                    );
                }
                Some(Cell::Date(Answer::Value(d))) => match period::last_day(d, *months) {
                    Some(done) => {
                        let vars: [Var<'_>; 3] = [
                            ("months", Val::Whole(u64::from(*months))),
                            ("done", Val::Date(done)),
                            ("since", Val::Date(d)),
                        ];
                        if done <= ctx.as_of {
                            let confirmed = confirmed_by.as_deref().is_none_or(|col| {
                                matches!(row.cell(col), Some(Cell::Bool(Answer::Value(true))))
                            });
                            let t = match met_unconfirmed {
                                Some(u) if !confirmed => u,
                                _ => met,
                            };
                            c.push(fill(t, &vars));
                        } else {
                            c.not_yet = Some(done);
                            c.push(with_validity(ctx, fill(not_yet, &vars), done));
                        }
                    }
                    None => {
                        out_of_range(field(), problems);
                        c.unknown_text(unknown);
                    }
                },
                _ => c.unknown_text(unknown),
            }
        }
        K::Record {
            test,
            met,
            not_met,
            unknown,
        } => {
            let v = record
                .iter()
                .find(|(t, _)| std::ptr::eq(*t, test))
                .map_or(Verdict::Unknown, |(_, v)| *v);
            let (az, ae) = threshold_words(test).unwrap_or_default();
            let vars: [Var<'_>; 1] = [("amount", Val::Words(&az, &ae))];
            match v {
                Verdict::Met => c.push(fill(met, &vars)),
                Verdict::NotMet => c.fail_text(fill(not_met, &vars)),
                _ => c.unknown_text(unknown),
            }
        }
    }
}
