//! The edition file's schema: the serde types of `src/policy/editions/*.json` (tests,
//! conditions, measures, amounts, questions, sections).

#[allow(clippy::wildcard_imports)]
use super::*;

/// One of the six service formats of `plan` 二、服务业态.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceFormat {
    /// Stable id used by roster rows, e.g. `high_end`.
    pub id: String,
    pub label: Text,
    /// Typical activities, for classifying an organisation.
    pub examples: Text,
    pub source: Source,
}

/// Unit of a quantitative threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// square metres of floor area
    M2,
    /// 元 (yuan)
    Yuan,
    /// a count of things
    Count,
    /// calendar months
    Months,
}

/// The measurable test behind a condition. Thresholds are data; the kinds of
/// test are code (see `engine::rules`).
///
/// Field references are answer field paths (see `engine::answers` and the
/// edition's `questions`).
///
/// In the file the kind is the tag `"test"` inside the object. On wasm32 the type is externally
/// tagged instead (`{"at_least": {…}}`), and the reader moves the tag out first (see
/// [`Edition::from_json`]): serde's internally tagged enums buffer their content, which puts a
/// third copy of every field type's reading code into the first load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(tag = "test"))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Test {
    /// A yes/no answer must be yes.
    Yes { field: String },
    /// A text answer must name something (not blank).
    Named { field: String },
    /// A number must be at least `min` (以上 / 不低于 / 不少于 / 满: inclusive).
    AtLeast {
        field: String,
        min: Decimal,
        unit: Unit,
    },
    /// A number must be more than `than` (超过: exclusive).
    MoreThan {
        field: String,
        than: Decimal,
        unit: Unit,
    },
    /// `current` must be larger than `previous` (a growth trend).
    Growth { current: String, previous: String },
    /// The roster must list at least `min` HR-service firms. A row counts once per firm
    /// (by 统一社会信用代码, or by name where no code is given); a row in one of
    /// `supporting_formats` (plan 二(六) 上下游) counts only when it holds an HR-service
    /// licence or 备案, and then only for the reviewers; a row without a valid code counts
    /// only for the reviewers. `met` needs `min` verifiable firms.
    RosterHrFirms {
        min: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        supporting_formats: Vec<String>,
        /// The roster table and the columns counted.
        roster: RosterColumns,
    },
    /// The roster must cover at least `min` distinct service formats.
    RosterFormats {
        min: u32,
        /// The roster table and the columns counted.
        roster: RosterColumns,
    },
    /// A report must exist (`report`, yes/no) and cover every topic in
    /// `required` (the list answer `topics`).
    Topics {
        report: String,
        topics: String,
        required: Vec<Topic>,
    },
    /// At least `months` calendar months must have passed since the date
    /// answer `field` (else: not yet, with the date it completes).
    Elapsed { field: String, months: u32 },
    /// Not barred: if `flag` (yes/no) is yes, at least `months` calendar
    /// months must have passed since the date `since`.
    NotBarred {
        flag: String,
        since: String,
        months: u32,
    },
    /// Met when any of the tests is met.
    AnyOf { of: Vec<Test> },
    /// A choice answer (`field`, the id of one of the question's options) must be one of `any`
    /// (e.g. 专精特新 at region level or above).
    OneOf { field: String, any: Vec<String> },
    /// Items in a table that meet conditions (第七条's placements, 第九条's talents): each row
    /// of `table` is judged by the checks of its branch, and the test is met when at least one
    /// row meets all of them (unknown when none does and one may; not yet, from the earliest
    /// date, when one will). The rows that meet them are the persons a per-person amount
    /// counts. A yes/no answer `none` answered “no” settles the test as not met (nothing to
    /// list).
    Items {
        /// The table, e.g. `organisation.placements`.
        table: String,
        /// A yes/no field: “are there any?”.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        none: Option<String>,
        /// The column that names a row (`talent`), for the reasons and documents.
        name: String,
        /// A choice column whose value picks the branch (`basis`); without it, one branch.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        branch_by: Option<String>,
        branches: Vec<ItemBranch>,
        wording: Box<ItemsWording>,
    },
}

/// The roster a roster test counts (《管理办法》第四条（三）): its table and, by key, the columns
/// read — so the kind names no table or column; the load checks each against the table's
/// declared columns and their kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterColumns {
    /// The table, e.g. `park.roster`.
    pub table: String,
    /// A text column: the firm's 统一社会信用代码 (each firm counts once; checked by GB 32100).
    pub code: String,
    /// A text column: the firm's name (a row without a code is the same firm by name).
    pub name: String,
    /// A choice column: the firm's service format (an id of the edition's `service_formats`).
    pub service_format: String,
    /// A yes/no column: is it an HR-service firm?
    pub hr_service_firm: String,
    /// A yes/no column: does it hold an HR-service licence or 备案? Read for rows in one of
    /// the firm count's `supporting_formats` only, so needed only where it has some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hr_licence: Option<String>,
    /// A money column: its annual revenue (the roster's 营业收入合计).
    pub revenue: String,
}

/// The checks a row of an [`Test::Items`] table must pass, for rows whose `branch_by` column is
/// one of `when` (every row, when `when` is empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemBranch {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<String>,
    pub checks: Vec<ItemCheck>,
}

/// One check on a row. Texts may hold `{n}` (the cell's value), `{min}` / `{max}`, `{months}`,
/// `{done}` (the day the months are complete), `{since}` (the date cell), `{amount}` (a
/// record test's threshold in words).
///
/// Tagged by `"check"` inside the object (on wasm32 externally tagged, see [`Test`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(tag = "check"))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemCheck {
    /// A yes/no cell must be yes.
    Yes {
        column: String,
        met: Text,
        not_met: Text,
        /// What is to be confirmed when the cell is not answered.
        unknown: Text,
    },
    /// A count cell must lie within `min`–`max` (inclusive; either may be absent).
    Count {
        column: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
        met: Text,
        not_met: Text,
        unknown: Text,
    },
    /// At least `months` calendar months since a date cell (民法典 第二百零一/二百零二条); not
    /// yet until then. With `confirmed_by` (a yes/no column), `met` is said only when that cell
    /// is yes, `met_unconfirmed` otherwise (the verdict is the same: the other check judges it).
    Months {
        column: String,
        months: u32,
        /// The date, as named in a problem (合同起始日期).
        what: Text,
        met: Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confirmed_by: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        met_unconfirmed: Option<Text>,
        not_yet: Text,
        unknown: Text,
    },
    /// A test over the applicant's own answers (not the row's), judged once for every row.
    Record {
        test: Test,
        met: Text,
        not_met: Text,
        unknown: Text,
    },
}

/// The words of an [`Test::Items`] test. `summary` may hold `{total}`, `{n}` (rows that meet
/// the checks) and `{names}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemsWording {
    /// When `none` is answered “no”.
    pub none: Text,
    /// When the table has no rows.
    pub empty: Text,
    pub summary: Text,
    /// The gap while some rows are not known.
    pub unknown: Text,
    /// The gap when no row meets the checks.
    pub not_met: Text,
    /// What a row is to be confirmed about when its branch column is not answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_unknown: Option<Text>,
}

/// A topic a report must cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: Text,
}

/// A condition: one measurable (or judgement) part of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Stable id, e.g. `park.4.2.area`.
    pub id: String,
    /// Short label, e.g. "floor area ≥ 3000 m²".
    pub label: Text,
    pub source: Source,
    /// The article says 原则上 ("in principle"): a miss is a serious finding
    /// for the reviewers, not an automatic bar.
    #[serde(default)]
    pub in_principle: bool,
    /// The measurable part only shows the condition is plausible; whether it
    /// is really met is the reviewers' (or the assessment's) call, e.g.
    /// 增长态势明显, 较为完整的产业链. When the test passes the verdict is
    /// "for the reviewers", not "met".
    #[serde(default)]
    pub judgement: bool,
    /// The documents that prove the condition (营业执照, 劳动合同, 社保缴纳证明 …): the
    /// evidence lists and 申请表 of the packages print them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Text>,
    pub test: Test,
}

/// Who receives the money of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// the HR service organisation itself
    Organisation,
    /// the district (旗县区 / 稀土高新区) where the park is
    District,
    /// a person (founder, talent)
    Person,
}

/// What kind of benefit a measure gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyKind {
    /// money that is given (奖励 / 奖补 / 补贴)
    Grant,
    /// a loan (创业贷款 / 贴息贷款): never added to grant totals
    Loan,
    /// amount and conditions are set by other policies (第十条)
    PerOtherPolicy,
    /// support without money (第一、五、八条)
    NoMoney,
}

/// How an amount repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// once per organisation / matter, whatever the number of qualifying items
    Once,
    /// per year
    Year,
    /// per qualifying person and year (multiplied by the persons who qualify)
    PersonYear,
}

/// The amount of a measure, in 元. Tagged by `"amount"` inside the object (on wasm32 externally
/// tagged, see [`Test`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), serde(tag = "amount"))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum AmountSpec {
    /// A fixed amount or range `min..=max` (a fixed amount has min = max; "up
    /// to" has min = 0).
    Range {
        min: Decimal,
        max: Decimal,
        per: Per,
    },
    /// The amount equals an answer (e.g. 第二条: the city-level retained part).
    FromField { field: String, per: Per },
    /// Tiered by an answer: the amount of the highest tier whose `at_least` the answer `field`
    /// reaches (revenue first passing 2 / 5 / 10 亿 earns 10 / 30 / 50 万), topped up — less the
    /// answer `less` (what an earlier tier already paid), never below 0.
    Tiered {
        field: String,
        tiers: Vec<Tier>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        less: Option<String>,
        per: Per,
    },
}

/// One tier of a [`AmountSpec::Tiered`] amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub at_least: Decimal,
    pub amount: Decimal,
}

/// A cap on an amount: applied to both ends of the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    pub id: String,
    /// The answer holding the cap (e.g. the two-year local fiscal contribution).
    pub field: String,
    pub label: Text,
    pub source: Source,
}

/// One measure (or one branch of a measure) of the Ten Measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable id, e.g. `measures.3.brand`.
    pub id: String,
    pub label: Text,
    pub source: Source,
    pub recipient: Recipient,
    pub kind: MoneyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<AmountSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Cap>,
    /// 经考核评估后: the amount within the range is decided after assessment.
    #[serde(default)]
    pub after_assessment: bool,
    /// All must hold. An empty list means the measure is information only.
    #[serde(default)]
    pub conditions: Vec<Condition>,
}

/// How a non-duplication group decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NonDupRule {
    /// At most one member is kept: the one with the highest maximum (then the
    /// highest minimum, then the first in the edition's order).
    KeepHighest,
}

/// 就高从优、不重复享受: members of a group are alternatives for one matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NonDupGroup {
    pub id: String,
    pub label: Text,
    pub members: Vec<String>,
    pub rule: NonDupRule,
    /// Why the members are alternatives.
    pub reason: Text,
    pub source: Source,
}

/// One of the application materials of 第五条(一).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Stable id, e.g. `park.5.1.report`; the key in `park.materials`.
    pub id: String,
    pub label: Text,
    /// What it must contain.
    pub contents: Vec<Text>,
    pub source: Source,
}

/// One step of a procedure (第五条) or an obligation after certification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub label: Text,
    /// Who acts in this step.
    pub actor: Text,
    pub source: Source,
}

/// Who submits a park application and to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub by: Text,
    pub to: Text,
    pub source: Source,
}

/// The park-certification part of an edition (`park` document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParkRules {
    pub submission: Submission,
    /// 第九条: a park whose qualification was cancelled cannot be certified
    /// again for a time.
    pub barred: Condition,
    /// 第四条, in the order of the text.
    pub conditions: Vec<Condition>,
    /// 第五条(一) 申报材料.
    pub materials: Vec<Material>,
    /// 第五条 申报审核程序.
    pub procedure: Vec<Step>,
    /// 第六–十条: what follows certification (information).
    pub after_certification: Vec<Step>,
}

/// An information item that is shown but not evaluated (plan targets, 第一条).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InfoItem {
    pub id: String,
    pub label: Text,
    pub source: Source,
}

/// A paragraph (or heading) of the notice with no effect on an applicant, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoEffect {
    pub id: String,
    pub source: Source,
    /// One line: why it changes nothing for an applicant.
    pub reason: Text,
}

/// The kind of a question, i.e. the type of its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// yes / no / don't know
    YesNo,
    /// free text
    Text,
    /// an amount in 元 (decimal string)
    Yuan,
    /// an area in m² (decimal string)
    M2,
    /// a whole number
    Count,
    /// a date `YYYY-MM-DD`
    Date,
    /// several of `options`
    MultiChoice,
    /// one of `options`
    Choice,
    /// a list of rows (roster, placements, talents): see `columns`
    Table,
    /// a map from material id to ready / missing
    Materials,
    /// a map from measure id to yes / no / don't know
    MeasureFlags,
}

/// An option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// One question of the wizard: the single source of truth for answer fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The answer field path, e.g. `park.floor_area_m2`; also the UI's
    /// `data-name`. Columns of a table are relative to a row
    /// (`park.roster[].uscc`).
    pub path: String,
    pub kind: QuestionKind,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// For choice questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// For table questions: the questions of one row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Question>,
    /// Where the question belongs, for grouping in the wizard.
    pub section: String,
    /// Only for documents (no rule reads it).
    #[serde(default)]
    pub document_only: bool,
    /// The unit shown beside a count (场, 家, 个月); money and area have theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// For a count: the smallest and largest number that makes sense (a catalogue category
    /// 1–7, months of a contract), checked at the field. Every count of an edition has both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// Asked only when another answer has a value (evaluated by the core: `Outcome.not_asked`); else the question
    /// is not shown and its answer, kept, does not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask_if: Option<AskIf>,
    /// For a table: the column whose text identifies a row across files (统一社会信用代码). A
    /// file appended (追加) merges its row into the row with the same text instead of adding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_by: Option<String>,
    /// For a text answer: whom it names where the applicant is named (the print's head).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifies: Vec<Identity>,
}

/// Whom a text answer names: the park or organisation applying, the body that applies for it,
/// its 统一社会信用代码.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    Name,
    Applicant,
    Code,
}

/// When a question is asked: the yes/no answer at `path` is `equals` (or, with
/// `or_unanswered`, has not been given as the opposite: not answered or "don't know").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskIf {
    pub path: String,
    pub equals: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub or_unanswered: bool,
}

/// The questions of an edition, split by answers kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questions {
    /// Plain titles of the wizard's steps (集聚规模, 运营管理 …), by section id; shown beside
    /// the article the step asks about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    pub park: Vec<Question>,
    pub organisation: Vec<Question>,
}

/// A wizard step's plain title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: Text,
}

/// One edition of the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionData {
    /// Always `hrs-edition`.
    pub format: String,
    /// Edition file format version (1).
    pub version: u32,
    /// Stable id, e.g. `baotou-2022-55`.
    pub id: String,
    /// A made-up edition for showing how a successor is encoded: never chosen by date (only by
    /// name: the widget's `edition` attribute, `--edition`), and labelled as a sample.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    /// e.g. 包府办发〔2022〕55号
    pub document_number: String,
    pub title: Text,
    pub issued: NaiveDate,
    /// First day in force (inclusive).
    pub valid_from: NaiveDate,
    /// Last day in force (inclusive).
    pub valid_until: NaiveDate,
    pub validity_source: Source,
    /// Who interprets the policy.
    pub interpreted_by: Text,
    pub documents: Vec<Document>,
    /// Plan targets and other information items shown as-is.
    pub information: Vec<InfoItem>,
    pub service_formats: Vec<ServiceFormat>,
    pub park: ParkRules,
    /// Who the measures are for (an HR-service organisation): asked once at the start of the
    /// organisation flow; every measure's eligibility includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant: Option<Condition>,
    /// 第一–十条, in the order of the text.
    pub measures: Vec<Measure>,
    pub non_duplication: Vec<NonDupGroup>,
    /// Paragraphs of the notice that have no effect on an applicant, each with why; with the
    /// sources of the rules above, every paragraph of the notice is accounted for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_effect: Vec<NoEffect>,
    pub questions: Questions,
}
