//! Named pass/flip cases kept as data beside each edition
//! (`<edition>.cases.json`), runnable natively and in the browser.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::policy::{Edition, MoneyKind, Recipient};

use super::outcome::{Counting, Eligibility, Outcome, Verdict};

/// A cases file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub format: String,
    pub edition: String,
    /// The default as-of date of the cases.
    pub as_of: NaiveDate,
    /// Named answers files the cases start from.
    pub bases: BTreeMap<String, serde_json::Value>,
    /// One pass case and one flip case per condition id.
    pub pairs: Vec<Pair>,
    /// Other named cases (boundaries, scenarios).
    #[serde(default)]
    pub cases: Vec<Case>,
}

/// A pass case and a flip case for one rule: only that rule's input changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub rule: String,
    pub pass: Case,
    pub flip: Case,
}

/// One named case: a base, a few answers set by path, and what to expect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// A sentence: "a park of 2,999 m² misses the floor-area condition".
    pub name: String,
    /// The same sentence in Chinese, as the self-test shows it to officials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    pub base: String,
    /// Field path → JSON value (`null` removes the answer).
    #[serde(default)]
    pub set: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    pub expect: Expect,
}

/// What a case expects. Every listed item must hold.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Expect {
    /// Condition id → verdict (`met`, `not_met`, `unknown`, `for_reviewers`,
    /// `not_yet`, or `not_yet:YYYY-MM-DD`); measure id → eligibility
    /// (`eligible`, `not_eligible`, `unknown`, `not_yet[:date]`).
    pub verdicts: BTreeMap<String, String>,
    /// Measure id → `[min, max]` in 元 after caps.
    pub amounts: BTreeMap<String, [String; 2]>,
    /// Measure id → counting state (`counted`, `not_counted`, `given_up`,
    /// `already_received`).
    pub counting: BTreeMap<String, String>,
    /// Expected `in_force`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<bool>,
    /// Expected grant total to the organisation, `[min, max]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation_grants: Option<[String; 2]>,
    /// Answer fields that must carry a problem (e.g. a date after the as-of date).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseResult {
    pub name: String,
    /// The rule of the pair, if the case is half of one.
    pub rule: Option<String>,
    pub passed: bool,
    /// What did not match (empty when passed).
    pub failures: Vec<String>,
}

impl CaseFile {
    /// Parse a cases file; errors name the path inside the file.
    pub fn from_json(text: &str) -> Result<CaseFile, String> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let de = &mut serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| format!("{}: {}", e.path(), e.inner()))
        }
        #[cfg(target_arch = "wasm32")]
        {
            let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            CaseFile::from_value(value)
        }
    }

    /// Like [`CaseFile::from_json`], from an already parsed JSON value. In the browser the cases
    /// come from the edition's extras file (checked natively): no path tracking, and the case
    /// types are read from a `Value` only, which keeps one copy of their code in the module.
    pub fn from_value(value: serde_json::Value) -> Result<CaseFile, String> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            serde_path_to_error::deserialize(value)
                .map_err(|e| format!("{}: {}", e.path(), e.inner()))
        }
        #[cfg(target_arch = "wasm32")]
        serde_json::from_value(value).map_err(|e| e.to_string())
    }
}

/// Set (or, with `null`, remove) the value at `path` inside `root` (the grammar of
/// [`super::path`]: `park.roster[3].uscc`, `organisation.already_received["measures.3.brand"]`).
pub fn set_path(
    root: &mut serde_json::Value,
    path: &str,
    value: serde_json::Value,
) -> Result<(), String> {
    super::path::set(root, path, value)
}

/// The answers of a case: its base with `set` applied, read through `edition`'s declarations.
pub fn case_answers(
    edition: &Edition,
    file: &CaseFile,
    case: &Case,
) -> Result<crate::engine::AnswerStore, String> {
    let mut v = file
        .bases
        .get(&case.base)
        .cloned()
        .ok_or_else(|| format!("unknown base {:?}", case.base))?;
    for (path, value) in &case.set {
        set_path(&mut v, path, value.clone())?;
    }
    crate::engine::AnswerStore::from_value(edition, v).map_err(|e| e.to_string())
}

/// The verdict string of a rule id in an outcome.
fn verdict_of(o: &Outcome, id: &str) -> Option<String> {
    fn v(x: &Verdict) -> String {
        match x {
            Verdict::NotYet { from } => format!("not_yet:{from}"),
            other => other.as_str().to_string(),
        }
    }
    if let Some(p) = &o.park {
        if let Some(c) = p.conditions.iter().find(|c| c.id == id) {
            return Some(v(&c.verdict));
        }
    }
    if let Some(org) = &o.organisation {
        for m in &org.measures {
            if m.id == id {
                return Some(match m.eligibility {
                    Eligibility::NotYet { from } => format!("not_yet:{from}"),
                    e => e.as_str().to_string(),
                });
            }
            if let Some(c) = m.conditions.iter().find(|c| c.id == id) {
                return Some(v(&c.verdict));
            }
        }
    }
    None
}

fn matches_verdict(expected: &str, actual: &str) -> bool {
    expected == actual || (expected == "not_yet" && actual.starts_with("not_yet:"))
}

fn check_case(edition: &Edition, file: &CaseFile, case: &Case) -> Vec<String> {
    let answers = match case_answers(edition, file, case) {
        Ok(a) => a,
        Err(e) => return vec![format!("answers: {e}")],
    };
    let as_of = case.as_of.unwrap_or(file.as_of);
    let o = crate::engine::evaluate(edition, &answers, as_of);
    let mut fails = Vec::new();
    for (id, want) in &case.expect.verdicts {
        match verdict_of(&o, id) {
            Some(got) if matches_verdict(want, &got) => {}
            Some(got) => fails.push(format!("{id}: expected {want}, got {got}")),
            None => fails.push(format!("{id}: no such rule in the outcome")),
        }
    }
    let measure = |id: &str| {
        o.organisation
            .as_ref()
            .and_then(|org| org.measures.iter().find(|m| m.id == id))
    };
    for (id, [min, max]) in &case.expect.amounts {
        let want = (Decimal::from_str(min), Decimal::from_str(max));
        let (Ok(wmin), Ok(wmax)) = want else {
            fails.push(format!("{id}: bad expected amount"));
            continue;
        };
        match measure(id).and_then(|m| m.amount.as_ref()) {
            Some(a) if a.range.min == wmin && a.range.max == wmax => {}
            Some(a) => fails.push(format!(
                "{id}: expected amount {wmin}..{wmax}, got {}..{}",
                a.range.min, a.range.max
            )),
            None => fails.push(format!("{id}: expected amount {wmin}..{wmax}, got none")),
        }
    }
    for (id, want) in &case.expect.counting {
        let got = measure(id).map(|m| match &m.counting {
            Counting::Counted => "counted",
            Counting::NotCounted => "not_counted",
            Counting::GivenUp { .. } => "given_up",
            Counting::AlreadyReceived => "already_received",
        });
        if got != Some(want.as_str()) {
            fails.push(format!(
                "{id}: expected counting {want}, got {}",
                got.unwrap_or("none")
            ));
        }
    }
    if let Some(f) = case.expect.in_force {
        if o.in_force != f {
            fails.push(format!("in_force: expected {f}, got {}", o.in_force));
        }
    }
    for field in &case.expect.problems {
        if !o.problems.iter().any(|p| &p.field == field) {
            fails.push(format!("{field}: expected a problem, got none"));
        }
    }
    if let Some([min, max]) = &case.expect.organisation_grants {
        let got = o
            .organisation
            .as_ref()
            .and_then(|org| {
                org.totals
                    .iter()
                    .find(|t| t.recipient == Recipient::Organisation && t.kind == MoneyKind::Grant)
            })
            .map(|t| t.eligible)
            .unwrap_or_default();
        let ok = Decimal::from_str(min).ok() == Some(got.min)
            && Decimal::from_str(max).ok() == Some(got.max);
        if !ok {
            fails.push(format!(
                "organisation grants: expected {min}..{max}, got {}..{}",
                got.min, got.max
            ));
        }
    }
    fails
}

/// Does the answer path `key` (`organisation.placements[0].contract_start`)
/// fall under one of the rule's fields?
fn key_in_fields(key: &str, fields: &[String]) -> bool {
    fields
        .iter()
        .any(|f| super::path::within(key, f.trim_end_matches("[]")))
}

/// The answer fields a rule (condition id) reads.
fn rule_fields(edition: &Edition, rule: &str) -> Option<Vec<String>> {
    edition
        .all_conditions()
        .into_iter()
        .find(|c| c.id == rule)
        .map(|c| crate::policy::test_fields(&c.test))
}

/// Check that a pair is a real pass/flip pair: both cases expect a verdict on
/// the rule, the verdicts differ, and the flip changes only that rule's input.
fn check_pair(edition: &Edition, pair: &Pair) -> Vec<String> {
    let mut fails = Vec::new();
    let (Some(p), Some(f)) = (
        pair.pass.expect.verdicts.get(&pair.rule),
        pair.flip.expect.verdicts.get(&pair.rule),
    ) else {
        return vec![format!(
            "pair {}: both cases must expect a verdict on the rule",
            pair.rule
        )];
    };
    if p == f {
        fails.push(format!(
            "pair {}: pass and flip expect the same verdict {p}",
            pair.rule
        ));
    }
    if pair.pass.base != pair.flip.base {
        fails.push(format!(
            "pair {}: pass and flip must share a base",
            pair.rule
        ));
    }
    let Some(fields) = rule_fields(edition, &pair.rule) else {
        return vec![format!(
            "pair {}: no such condition in the edition",
            pair.rule
        )];
    };
    let mut keys: BTreeSet<&String> = pair.pass.set.keys().collect();
    keys.extend(pair.flip.set.keys());
    for k in keys {
        if pair.pass.set.get(k) != pair.flip.set.get(k) && !key_in_fields(k, &fields) {
            fails.push(format!(
                "pair {}: the flip changes {k}, which the rule does not read",
                pair.rule
            ));
        }
    }
    if pair.pass.as_of != pair.flip.as_of {
        fails.push(format!(
            "pair {}: pass and flip must use the same as-of date",
            pair.rule
        ));
    }
    fails
}

/// Run every case of `cases` against `edition`: for each pair its pass case
/// then its flip case, then the other cases. Pure; the browser's self-test
/// view and the native tests both call it.
pub fn run_cases(edition: &Edition, cases: &CaseFile) -> Vec<CaseResult> {
    let mut out = Vec::new();
    if cases.edition != edition.id {
        out.push(CaseResult {
            name: "the cases belong to this edition".into(),
            rule: None,
            passed: false,
            failures: vec![format!(
                "cases are for {}, edition is {}",
                cases.edition, edition.id
            )],
        });
    }
    for pair in &cases.pairs {
        let pair_fails = check_pair(edition, pair);
        for (case, is_pass) in [(&pair.pass, true), (&pair.flip, false)] {
            let mut failures = check_case(edition, cases, case);
            if is_pass {
                failures.extend(pair_fails.iter().cloned());
            }
            out.push(CaseResult {
                name: case.name.clone(),
                rule: Some(pair.rule.clone()),
                passed: failures.is_empty(),
                failures,
            });
        }
    }
    for case in &cases.cases {
        let failures = check_case(edition, cases, case);
        out.push(CaseResult {
            name: case.name.clone(),
            rule: None,
            passed: failures.is_empty(),
            failures,
        });
    }
    out
}

/// Condition ids of the edition that have no pair in `cases`.
pub fn missing_pairs<'a>(edition: &'a Edition, cases: &CaseFile) -> Vec<&'a str> {
    edition
        .condition_ids()
        .into_iter()
        .filter(|id| !cases.pairs.iter().any(|p| p.rule == *id))
        .collect()
}
