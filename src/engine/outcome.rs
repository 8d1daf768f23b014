//! The outcome of an evaluation: plain serde data with stable field names.
//! Views, documents and the CLI only read it; none of them re-decides a
//! verdict or recomputes an amount. Shape documented in `src/engine/ANSWERS.md`.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::policy::{MoneyKind, Per, Recipient, Source, Text, Unit};

use super::answers::AnswersKind;

/// The current outcome version.
pub const OUTCOME_VERSION: u32 = 1;

/// The verdict on one condition.
///
/// Park conditions are only ever `met`, `not_met`, `unknown` or
/// `for_reviewers`; `not_yet` appears only in measure conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Met,
    NotMet,
    /// Not answered, or answered "don't know". Never read as no or zero.
    Unknown,
    /// The measurable part holds; the judgement is the reviewers'.
    ForReviewers,
    /// Will be met on `from` if nothing else changes.
    NotYet {
        from: NaiveDate,
    },
}

impl Verdict {
    /// `met`, `not_met`, `unknown`, `for_reviewers`, `not_yet`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not_met",
            Verdict::Unknown => "unknown",
            Verdict::ForReviewers => "for_reviewers",
            Verdict::NotYet { .. } => "not_yet",
        }
    }

    /// The verdict in words — the one vocabulary of the widget, the CLI and the documents.
    pub fn words(&self) -> Text {
        match self {
            Verdict::Met => Text::new("符合", "Met"),
            Verdict::NotMet => Text::new("不符合", "Not met"),
            Verdict::Unknown => Text::new("待确认", "To be confirmed"),
            Verdict::ForReviewers => Text::new("由评审认定", "For the reviewers"),
            Verdict::NotYet { from } => {
                Text::new(format!("{from} 起符合"), format!("Met from {from}"))
            }
        }
    }
}

/// Whether an organisation can get a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "eligibility", rename_all = "snake_case")]
pub enum Eligibility {
    Eligible,
    NotEligible,
    /// Some condition is unknown (and none is failed).
    Unknown,
    /// Every condition holds or will hold on `from`.
    NotYet {
        from: NaiveDate,
    },
}

impl Eligibility {
    /// `eligible`, `not_eligible`, `unknown`, `not_yet`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Eligibility::Eligible => "eligible",
            Eligibility::NotEligible => "not_eligible",
            Eligibility::Unknown => "unknown",
            Eligibility::NotYet { .. } => "not_yet",
        }
    }

    /// Eligibility in words — the one vocabulary of the widget, the CLI and the documents.
    pub fn words(&self) -> Text {
        match self {
            Eligibility::Eligible => Text::new("可享受", "Eligible"),
            Eligibility::NotEligible => Text::new("不可享受", "Not eligible"),
            Eligibility::Unknown => Text::new("待确认", "To be confirmed"),
            Eligibility::NotYet { from } => {
                Text::new(format!("{from} 起可享受"), format!("Eligible from {from}"))
            }
        }
    }
}

/// A range of money in 元 (`min ≤ max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MoneyRange {
    #[serde(with = "rust_decimal::serde::str")]
    pub min: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub max: Decimal,
}

impl MoneyRange {
    pub fn new(min: Decimal, max: Decimal) -> Self {
        MoneyRange { min, max }
    }
    pub fn zero() -> Self {
        MoneyRange::default()
    }
    /// The sum of two ranges, or `None` where it is beyond what a decimal holds (user-supplied
    /// amounts are summed: an overflow must become a problem on the answer, never a panic).
    pub fn checked_add(self, other: MoneyRange) -> Option<MoneyRange> {
        Some(MoneyRange {
            min: self.min.checked_add(other.min)?,
            max: self.max.checked_add(other.max)?,
        })
    }
}

/// The numbers behind a gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapNumbers {
    pub unit: Unit,
    /// The threshold.
    #[serde(with = "rust_decimal::serde::str")]
    pub needed: Decimal,
    /// What the answers give, if known.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub have: Option<Decimal>,
    /// How much is missing (`needed - have`, or the smallest step above for
    /// 超过), if known.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub missing: Option<Decimal>,
}

/// What it would take to meet a condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// In words, e.g. 还差 1 家人力资源服务企业 / 1 more HR-service firm.
    pub text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbers: Option<GapNumbers>,
    /// The date it would be met, when it is a matter of time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Answer fields that would settle it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// The verdict on one condition, with its source and reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionOutcome {
    pub id: String,
    pub label: Arc<Text>,
    pub source: Arc<Source>,
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The article says 原则上: a miss is for the reviewers to weigh.
    pub in_principle: bool,
    /// Why this verdict (what was compared).
    pub reason: Text,
    /// For every unmet or unknown condition: what it would take.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<Gap>,
}

/// One row-level problem in the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterIssue {
    /// Index in `park.roster`.
    pub row: usize,
    /// e.g. `park.roster[3].uscc`
    pub field: String,
    pub message: Text,
}

/// How one roster row counts toward 第四条（三）'s HR-service firms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirmStatus {
    /// Counted, and can be verified (a valid, unique 统一社会信用代码).
    Verified,
    /// Counted only for the reviewers to check (待核): no or an invalid code, or a
    /// supporting (上下游) format with an HR-service licence / 备案.
    Pending,
    /// An answer is missing: it may count once answered.
    Unknown,
    /// Not counted (not an HR-service firm, a supporting format without licence, a repeat).
    NotCounted,
}

/// One roster row that is not simply a verified HR-service firm, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirmRow {
    /// Index in `park.roster`.
    pub row: usize,
    pub name: String,
    pub status: FirmStatus,
    pub reason: Text,
    /// The answer that would settle or fix it, e.g. `park.roster[3].uscc`.
    pub field: String,
}

/// The count of HR-service firms, broken down (“20 家 = 17 家可核验 + 3 家待核”).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FirmCount {
    pub verified: u32,
    pub pending: u32,
    pub unknown: u32,
    pub not_counted: u32,
    /// Every row that is pending, unknown or not counted, in roster order.
    pub rows: Vec<FirmRow>,
}

/// What the roster adds up to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RosterSummary {
    pub rows: usize,
    /// HR-service firms counted (verified + pending; each firm once).
    pub hr_service_firms: u32,
    /// Rows that may count once an answer is given.
    pub hr_service_firm_unknown: u32,
    /// The breakdown of the count (可核验 / 待核 / unknown / not counted).
    #[serde(default)]
    pub firm_count: FirmCount,
    /// Distinct service-format ids, in the edition's order.
    pub formats: Vec<String>,
    /// Rows whose service format is unknown.
    pub format_unknown: u32,
    /// Sum of the known revenues (`None` if none is known).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub revenue_known_total: Option<Decimal>,
    pub revenue_unknown_rows: u32,
    pub issues: Vec<RosterIssue>,
    /// Rows counted in the totals (a repeated USCC is counted once): their indices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counted_rows: Vec<usize>,
}

/// Status of one 第五条 material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialState {
    Ready,
    Missing,
    NotAnswered,
}

/// One 第五条 material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialOutcome {
    pub id: String,
    pub label: Arc<Text>,
    pub contents: Arc<Vec<Text>>,
    pub source: Arc<Source>,
    pub status: MaterialState,
}

/// One procedure step or obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepOutcome {
    pub id: String,
    pub label: Arc<Text>,
    pub actor: Arc<Text>,
    pub source: Arc<Source>,
}

/// Counts over the park conditions (the barred check included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParkSummary {
    pub met: u32,
    pub not_met: u32,
    pub unknown: u32,
    pub for_reviewers: u32,
    /// 第九条: cannot be certified on the as-of date.
    pub barred: bool,
    /// Nothing is not met or unknown (reviewers' items may remain).
    pub ready_for_review: bool,
    /// Every 第五条 material is ready.
    pub materials_ready: bool,
}

/// Who submits, to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionOutcome {
    pub by: Arc<Text>,
    pub to: Arc<Text>,
    pub source: Arc<Source>,
}

/// The evaluation of a park application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkOutcome {
    pub summary: ParkSummary,
    /// 第九条 check first, then 第四条 in the order of the text.
    pub conditions: Vec<ConditionOutcome>,
    pub roster: RosterSummary,
    pub materials: Vec<MaterialOutcome>,
    pub submission: SubmissionOutcome,
    pub procedure: Vec<StepOutcome>,
    pub after_certification: Vec<StepOutcome>,
}

/// How a cap was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapOutcome {
    pub id: String,
    pub label: Arc<Text>,
    pub source: Arc<Source>,
    /// The cap, if known.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub cap: Option<Decimal>,
    /// Did it lower either end of the range?
    pub applied: bool,
    pub note: Text,
}

/// The amount of one measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountOutcome {
    /// After caps, multiplied by persons for per-person amounts.
    pub range: MoneyRange,
    /// Before caps.
    pub uncapped: MoneyRange,
    /// The amount for one unit (once, or one person for per-person amounts).
    pub per_unit: MoneyRange,
    pub per: Per,
    /// For per-person amounts: how many persons qualify. While eligibility
    /// is unknown or not yet, `range` counts at least one person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<CapOutcome>,
    /// 经考核评估后: decided within the range after assessment.
    pub after_assessment: bool,
    /// An estimate, never a promise.
    pub note: Text,
}

/// One listed item (placement, talent) and whether it qualifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemOutcome {
    /// Index in the answers list.
    pub index: usize,
    /// e.g. `organisation.placements[0]`
    pub path: String,
    pub name: String,
    #[serde(flatten)]
    pub verdict: Verdict,
    pub reason: Text,
}

/// The non-duplication state of a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Counting {
    /// Counted in the totals.
    Counted,
    /// Not eligible or no money: nothing to count.
    NotCounted,
    /// Given up for another member of a non-duplication group.
    GivenUp { group: String, kept: String },
    /// The applicant already received a similar benefit for the same matter.
    AlreadyReceived,
}

/// The evaluation of one measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureOutcome {
    pub id: String,
    pub label: Arc<Text>,
    pub source: Arc<Source>,
    pub recipient: Recipient,
    pub kind: MoneyKind,
    #[serde(flatten)]
    pub eligibility: Eligibility,
    pub conditions: Vec<Arc<ConditionOutcome>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<AmountOutcome>,
    /// Placements (第七条) or talents (第九条) and whether each qualifies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemOutcome>,
    pub counting: Counting,
    /// `organisation.already_received.<id>` was answered yes.
    pub already_received: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
}

/// A 就高从优、不重复享受 decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonDupDecision {
    pub group: String,
    pub label: Arc<Text>,
    pub source: Arc<Source>,
    /// The measure kept, if any member is eligible (or could be).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<String>,
    /// Members that are eligible (or could be) but are given up.
    pub given_up: Vec<String>,
    /// Members still in contention: the higher one is not settled yet, so nothing is given up;
    /// the group counts once, as the higher of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undecided: Vec<String>,
    /// What the group can give: the kept member's range, or the higher of the undecided ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub possible: Option<MoneyRange>,
    /// Answer fields that would settle an undecided group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settle: Vec<String>,
    pub reason: Text,
}

/// A total by recipient and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    pub recipient: Recipient,
    pub kind: MoneyKind,
    /// Counted measures that are eligible now.
    pub eligible: MoneyRange,
    /// Counted measures whose eligibility is unknown or not yet: what they
    /// could add.
    pub possible: MoneyRange,
    /// Ids of the measures in `eligible`.
    pub measures: Vec<String>,
}

/// The evaluation of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationOutcome {
    /// 第一–十条, in the order of the text.
    pub measures: Vec<MeasureOutcome>,
    pub non_duplication: Vec<NonDupDecision>,
    /// Grants and loans by recipient; loans are never added to grants.
    pub totals: Vec<Total>,
}

/// Which edition produced the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionRef {
    pub id: String,
    pub document_number: String,
    /// sha256 of the edition file (hex).
    pub content_hash: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
}

/// A problem with the answers that did not stop the evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub field: String,
    pub message: Text,
}

/// The result of `engine::evaluate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Always `hrs-outcome`.
    pub format: String,
    pub version: u32,
    pub edition: EditionRef,
    pub as_of: NaiveDate,
    /// Is the edition in force on `as_of`? When false the evaluation is still
    /// shown, labelled by `in_force_note`.
    pub in_force: bool,
    pub in_force_note: Text,
    pub kind: AnswersKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub park: Option<ParkOutcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrganisationOutcome>,
    pub problems: Vec<Problem>,
    /// Questions not asked given these answers (their `ask_if` does not hold, or a "similar
    /// benefit received?" flag of a measure that is not eligible): hidden, answers kept, not
    /// counted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_asked: Vec<String>,
    /// The one-sentence answer and the items to settle first (`engine::headline`).
    #[serde(default)]
    pub headline: super::headline::Headline,
}
