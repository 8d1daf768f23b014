//! Named pass/flip cases kept as data beside each edition
//! (`<edition>.cases.json`), runnable natively and in the browser.
//! Filled in below.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::policy::Edition;

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

/// Run every case of `cases` against `edition`.
pub fn run_cases(edition: &Edition, cases: &CaseFile) -> Vec<CaseResult> {
    let _ = (edition, cases);
    Vec::new()
}
