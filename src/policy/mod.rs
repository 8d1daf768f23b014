//! The policy as data.
//!
//! An [`Edition`] is one edition of the notice 包府办发〔2022〕55号 (or a later
//! one), read from a JSON file under `src/policy/editions/`. Every condition,
//! threshold, amount, material, procedure step and service format carries a
//! stable id, a [`Citation`] (`document · article · clause`), the original
//! Chinese sentence and a short English gloss. Thresholds and amounts live in
//! the file, never in code: a later edition is a new file, not a code change.
//!
//! `build.rs` scans `src/policy/editions/*.json` and bundles every edition
//! (with its `*.cases.json` beside it); see [`bundled`].
//!
//! Nothing here reads a clock, the file system or the DOM.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub mod samples;

mod bundle {
    include!(concat!(env!("OUT_DIR"), "/editions.rs"));
}

/// A text in both languages of the widget.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
    /// The text in `lang` (`"zh"` gives Chinese, anything else English).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "zh" {
            &self.zh
        } else {
            &self.en
        }
    }
}

/// Which of the three documents of the notice a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentId {
    /// 包头市人力资源服务业高质量发展行动方案 (Action Plan)
    Plan,
    /// 包头市支持人力资源服务业发展十项措施 (Ten Measures)
    Measures,
    /// 包头市市级人力资源服务产业园管理办法 (Park Measures)
    Park,
    /// The covering notice itself (文号, title, addressees, dates, 抄送).
    Notice,
}

impl DocumentId {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentId::Plan => "plan",
            DocumentId::Measures => "measures",
            DocumentId::Park => "park",
            DocumentId::Notice => "notice",
        }
    }

    /// The short title the notice's readers use: 《行动方案》, 《十项措施》, 《管理办法》.
    pub fn short_title(self, lang: &str) -> &'static str {
        match (self, lang == "zh") {
            (DocumentId::Plan, true) => "《行动方案》",
            (DocumentId::Measures, true) => "《十项措施》",
            (DocumentId::Park, true) => "《管理办法》",
            (DocumentId::Notice, true) => "《通知》",
            (DocumentId::Plan, false) => "Action Plan",
            (DocumentId::Measures, false) => "Ten Measures",
            (DocumentId::Park, false) => "Park Measures",
            (DocumentId::Notice, false) => "Notice",
        }
    }
}

/// Where a rule sits in the legal text: document, article, clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub document: DocumentId,
    /// e.g. `第四条`, or a section heading of the plan such as `二、服务业态`.
    pub article: String,
    /// e.g. `(三)`; absent when the whole article is meant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

impl Citation {
    /// The citation as the law is cited: `《管理办法》第四条（三）` in Chinese,
    /// `Park Measures 第四条(三)` in English (article numbers stay as in the law).
    /// Never an internal id: this is what every screen, document and CLI line shows.
    pub fn in_words(&self, lang: &str) -> String {
        let zh = lang == "zh";
        let mut out = String::from(self.document.short_title(lang));
        if !zh {
            out.push(' ');
        }
        out.push_str(&self.article);
        if let Some(c) = &self.clause {
            if zh {
                // The edition writes clauses with ASCII brackets, `(三)`; the law uses full-width ones.
                out.push_str(&c.replace('(', "（").replace(')', "）"));
            } else {
                out.push_str(c);
            }
        }
        out
    }
}

impl fmt::Display for Citation {
    /// `《管理办法》第四条（三）`, the Chinese form of [`Citation::in_words`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_words("zh"))
    }
}

/// A citation together with the original sentence and its gloss: what every
/// verdict and amount carries so the user can read the law behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub cite: Citation,
    /// The original Chinese sentence, verbatim.
    pub original: String,
    /// A short gloss (Chinese paraphrase and English).
    pub gloss: Text,
    /// Where the notice is ambiguous: how this edition reads it, and why. Shown with the
    /// citation, labelled as a reading (not the notice's own words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Text>,
}

/// One of the three documents carried by the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: DocumentId,
    pub title: Text,
}

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
    },
    /// The roster must cover at least `min` distinct service formats.
    RosterFormats { min: u32 },
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
    /// 第七条-style: at least one placement in `organisation.placements` with a
    /// contract of at least `contract_min_months` with an employer in the city,
    /// worked at least `worked_min_months` by the as-of date.
    Placements {
        contract_min_months: u32,
        worked_min_months: u32,
    },
    /// 第九条-style: at least one talent in `organisation.talents` who is
    /// (a) full-time and in catalogue category `max_category` or higher (a
    /// smaller number is a higher category), or (b) principal / technical head
    /// employed full-time at least `tenure_months`, at an enterprise that
    /// founded a high-tech enterprise (`high_tech_field`) or paid more than
    /// `tax_more_than` yuan of tax last year (`tax_field`).
    Talents {
        max_category: u8,
        tenure_months: u32,
        tax_more_than: Decimal,
        high_tech_field: String,
        tax_field: String,
    },
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

/// A loaded edition: the data plus the hash of the exact bytes it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub data: EditionData,
    /// sha256 of the edition file's bytes, lower-case hex.
    pub content_hash: String,
    /// Question path → (0 park / 1 organisation, index, column), for fast
    /// look-ups.
    question_index: FxMap<(u8, usize, Option<usize>)>,
    /// Rule id → label and source shared by every outcome (cloning an
    /// `Arc` instead of five strings keeps evaluation fast).
    shared: FxMap<Shared>,
}

/// A small, fast hasher for the edition's look-up tables (keys are short
/// ids and paths from the edition itself, so no DoS concern).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    // Eight bytes at a time, then a murmur3 finaliser for well-spread bits.
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h ^ u64::from_le_bytes(w))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            h = (h ^ u64::from_le_bytes(w) ^ (rest.len() as u64) << 56)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type FxMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Label, source and extras of one rule, shared by outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub label: Arc<Text>,
    pub source: Arc<Source>,
    /// For materials: what they contain.
    pub contents: Arc<Vec<Text>>,
    /// For steps: who acts.
    pub actor: Arc<Text>,
}

impl std::ops::Deref for Edition {
    type Target = EditionData;
    fn deref(&self) -> &EditionData {
        &self.data
    }
}

/// Why an edition file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionError {
    /// Path inside the edition file (`park.conditions[2].test.min`), or empty.
    pub path: String,
    pub message: String,
}

impl fmt::Display for EditionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "edition: {}", self.message)
        } else {
            write!(f, "edition: {}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for EditionError {}

/// sha256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    s
}

/// Natively (CLI `--edition FILE`, tests) errors name the path inside the file.
#[cfg(not(target_arch = "wasm32"))]
fn parse_edition_data(text: &str) -> Result<EditionData, EditionError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| EditionError {
        path: e.path().to_string().trim_start_matches('.').to_string(),
        message: e.inner().to_string(),
    })
}

/// In the browser only bundled editions are read, and they are checked by the native tests: no
/// path tracking (a second copy of every edition type), and the text is read into a
/// `serde_json::Value` first, so the edition types are instantiated for the one deserializer the
/// answers and cases use too (`Value`), not also for serde_json's string reader.
#[cfg(target_arch = "wasm32")]
fn parse_edition_data(text: &str) -> Result<EditionData, EditionError> {
    let err = |e: serde_json::Error| EditionError {
        path: String::new(),
        message: e.to_string(),
    };
    let mut value = serde_json::from_str(text).map_err(err)?;
    move_tags_out(&mut value);
    serde_json::from_value(value).map_err(err)
}

/// Turns the edition file's internally tagged [`Test`]s and [`AmountSpec`]s
/// (`"test": {"test": "at_least", "min": …}`) into the externally tagged form their wasm32 types
/// read (`"test": {"at_least": {"min": …}}`).
#[cfg(target_arch = "wasm32")]
fn move_tags_out(value: &mut serde_json::Value) {
    use serde_json::Value;
    fn retag(v: &mut Value, tag: &str) {
        if let Value::Object(m) = v {
            if let Some(Value::String(kind)) = m.remove(tag) {
                let rest = std::mem::take(m);
                m.insert(kind, Value::Object(rest));
            }
        }
    }
    match value {
        Value::Array(items) => items.iter_mut().for_each(move_tags_out),
        Value::Object(m) => {
            for (key, child) in m.iter_mut() {
                move_tags_out(child);
                match (key.as_str(), child) {
                    ("test", c @ Value::Object(_)) => retag(c, "test"),
                    ("amount", c @ Value::Object(_)) => retag(c, "amount"),
                    ("of", Value::Array(tests)) => tests.iter_mut().for_each(|t| retag(t, "test")),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

impl Edition {
    /// Parse and check an edition file.
    pub fn from_json(text: &str) -> Result<Edition, EditionError> {
        Edition::from_text(text, sha256_hex(text.as_bytes()))
    }

    /// Parse and check a bundled edition (its content hash computed by build.rs).
    pub fn from_bundled(bundled: &Bundled) -> Result<Edition, EditionError> {
        Edition::from_text(bundled.json, bundled.sha256.to_string())
    }

    fn from_text(text: &str, content_hash: String) -> Result<Edition, EditionError> {
        let data = parse_edition_data(text)?;
        let mut edition = Edition {
            content_hash,
            data,
            question_index: FxMap::default(),
            shared: FxMap::default(),
        };
        edition.shared = edition.build_shared();
        let mut index = FxMap::default();
        for (kind, list) in [
            (0u8, &edition.questions.park),
            (1, &edition.questions.organisation),
        ] {
            for (i, q) in list.iter().enumerate() {
                index.insert(q.path.clone(), (kind, i, None));
                for (c, col) in q.columns.iter().enumerate() {
                    index.insert(col.path.clone(), (kind, i, Some(c)));
                }
            }
        }
        edition.question_index = index;
        edition.check()?;
        Ok(edition)
    }

    fn build_shared(&self) -> FxMap<Shared> {
        let mut m = FxMap::default();
        let mut put =
            |id: &str, label: &Text, source: &Source, contents: &[Text], actor: Option<&Text>| {
                m.insert(
                    id.to_string(),
                    Shared {
                        label: Arc::new(label.clone()),
                        source: Arc::new(source.clone()),
                        contents: Arc::new(contents.to_vec()),
                        actor: Arc::new(actor.cloned().unwrap_or_default()),
                    },
                );
            };
        let p = &self.park;
        put(
            SUBMISSION_ID,
            &p.submission.by,
            &p.submission.source,
            &[],
            Some(&p.submission.to),
        );
        put(&p.barred.id, &p.barred.label, &p.barred.source, &[], None);
        for c in &p.conditions {
            put(&c.id, &c.label, &c.source, &[], None);
        }
        for x in &p.materials {
            put(&x.id, &x.label, &x.source, &x.contents, None);
        }
        for x in p.procedure.iter().chain(&p.after_certification) {
            put(&x.id, &x.label, &x.source, &[], Some(&x.actor));
        }
        if let Some(c) = &self.applicant {
            put(&c.id, &c.label, &c.source, &[], None);
        }
        for ms in &self.measures {
            put(&ms.id, &ms.label, &ms.source, &[], None);
            for c in &ms.conditions {
                put(&c.id, &c.label, &c.source, &[], None);
            }
            if let Some(c) = &ms.cap {
                put(&c.id, &c.label, &c.source, &[], None);
            }
        }
        for g in &self.non_duplication {
            put(&g.id, &g.label, &g.source, &[], None);
        }
        m
    }

    /// The shared label and source of a rule (see [`Shared`]).
    pub fn shared(&self, id: &str) -> Option<&Shared> {
        self.shared.get(id)
    }

    /// Is the edition in force on `date`?
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && date <= self.valid_until
    }

    /// Every condition of the edition: the park's barred check and conditions, the measures'
    /// applicant condition, each measure's conditions.
    pub fn all_conditions(&self) -> Vec<&Condition> {
        let mut conds: Vec<&Condition> = vec![&self.park.barred];
        conds.extend(self.park.conditions.iter());
        conds.extend(self.applicant.iter());
        for m in &self.measures {
            conds.extend(m.conditions.iter());
        }
        conds
    }

    /// Every rule id of the edition (park barred check, park conditions,
    /// measures and their conditions, caps, non-duplication groups), in the
    /// order of the text.
    pub fn rule_ids(&self) -> Vec<&str> {
        let mut ids = vec![self.park.barred.id.as_str()];
        ids.extend(self.park.conditions.iter().map(|c| c.id.as_str()));
        ids.extend(self.applicant.iter().map(|c| c.id.as_str()));
        for m in &self.measures {
            ids.push(m.id.as_str());
            ids.extend(m.conditions.iter().map(|c| c.id.as_str()));
            if let Some(cap) = &m.cap {
                ids.push(cap.id.as_str());
            }
        }
        ids.extend(self.non_duplication.iter().map(|g| g.id.as_str()));
        ids
    }

    /// The condition ids that a pass/flip case pair must exist for: every
    /// park condition (and the barred check) and every measure condition.
    pub fn condition_ids(&self) -> Vec<&str> {
        let mut ids = vec![self.park.barred.id.as_str()];
        ids.extend(self.park.conditions.iter().map(|c| c.id.as_str()));
        ids.extend(self.applicant.iter().map(|c| c.id.as_str()));
        for m in &self.measures {
            ids.extend(m.conditions.iter().map(|c| c.id.as_str()));
        }
        ids
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    pub fn service_format(&self, id: &str) -> Option<&ServiceFormat> {
        self.service_formats.iter().find(|f| f.id == id)
    }

    /// All questions of both kinds, tables flattened (`park.roster[].uscc`).
    pub fn all_questions(&self) -> Vec<&Question> {
        fn walk<'a>(qs: &'a [Question], out: &mut Vec<&'a Question>) {
            for q in qs {
                out.push(q);
                walk(&q.columns, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.questions.park, &mut out);
        walk(&self.questions.organisation, &mut out);
        out
    }

    /// The question with this path (table columns included).
    pub fn question(&self, path: &str) -> Option<&Question> {
        let &(kind, i, col) = self.question_index.get(path)?;
        let list = if kind == 0 {
            &self.questions.park
        } else {
            &self.questions.organisation
        };
        let q = list.get(i)?;
        match col {
            Some(c) => q.columns.get(c),
            None => Some(q),
        }
    }

    /// Ids of the rules (conditions, measures with an amount from a field,
    /// caps) that read the answer field `path`.
    pub fn rules_using(&self, path: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut conds: Vec<&Condition> = vec![&self.park.barred];
        conds.extend(self.park.conditions.iter());
        conds.extend(self.applicant.iter());
        for m in &self.measures {
            conds.extend(m.conditions.iter());
            if let Some(AmountSpec::FromField { field, .. }) = &m.amount {
                if field == path {
                    out.push(m.id.as_str());
                }
            }
            if let Some(cap) = &m.cap {
                if cap.field == path {
                    out.push(cap.id.as_str());
                }
            }
        }
        for c in conds {
            if test_fields(&c.test).iter().any(|f| f == path) {
                out.push(c.id.as_str());
            }
        }
        out
    }

    fn check(&self) -> Result<(), EditionError> {
        let err = |path: &str, message: String| EditionError {
            path: path.to_string(),
            message,
        };
        if self.format != "hrs-edition" {
            return Err(err(
                "format",
                format!("expected \"hrs-edition\", found {:?}", self.format),
            ));
        }
        if self.version != 1 {
            return Err(err(
                "version",
                format!("unsupported edition version {}", self.version),
            ));
        }
        if self.valid_from > self.valid_until {
            return Err(err("valid_until", "ends before valid_from".into()));
        }
        let mut seen = BTreeSet::new();
        for id in self.rule_ids() {
            if !seen.insert(id) {
                return Err(err("", format!("duplicate rule id {id}")));
            }
        }
        let mut paths = BTreeSet::new();
        for q in self.all_questions() {
            if !paths.insert(q.path.as_str()) {
                return Err(err(
                    "questions",
                    format!("duplicate question path {}", q.path),
                ));
            }
        }
        for g in &self.non_duplication {
            for m in &g.members {
                if self.measure(m).is_none() {
                    return Err(err(
                        "non_duplication",
                        format!("group {} names unknown measure {m}", g.id),
                    ));
                }
            }
        }
        for m in &self.measures {
            if let Some(AmountSpec::Range { min, max, .. }) = &m.amount {
                if min > max || min.is_sign_negative() {
                    return Err(err(
                        "measures",
                        format!("measure {}: amount range {min}..{max} is not a range", m.id),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The answer fields a test reads.
pub fn test_fields(test: &Test) -> Vec<String> {
    match test {
        Test::Yes { field }
        | Test::Named { field }
        | Test::AtLeast { field, .. }
        | Test::MoreThan { field, .. }
        | Test::Elapsed { field, .. } => vec![field.clone()],
        Test::Growth { current, previous } => vec![current.clone(), previous.clone()],
        Test::RosterHrFirms { .. } => vec!["park.roster".into()],
        Test::RosterFormats { .. } => vec!["park.roster".into()],
        Test::Topics { report, topics, .. } => vec![report.clone(), topics.clone()],
        Test::NotBarred { flag, since, .. } => vec![flag.clone(), since.clone()],
        Test::AnyOf { of } => of.iter().flat_map(test_fields).collect(),
        Test::Placements { .. } => vec!["organisation.placements".into()],
        Test::Talents {
            high_tech_field,
            tax_field,
            ..
        } => vec![
            "organisation.talents".into(),
            high_tech_field.clone(),
            tax_field.clone(),
        ],
    }
}

/// An edition bundled into the binary at build time.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    /// File stem, e.g. `baotou-2022-55`.
    pub name: &'static str,
    /// The edition file's text (on wasm32 without the whitespace between tokens).
    pub json: &'static str,
    /// sha256 of the edition file's exact bytes, lower-case hex: the edition's content hash.
    pub sha256: &'static str,
    /// The named cases beside it (`<name>.cases.json`), if any. Always `None` on wasm32: the
    /// widget fetches them with the original text from `<name>.extras.json` (scripts/build.sh).
    pub cases_json: Option<&'static str>,
    /// The full original text of the notice (`<name>.original.txt`), if kept beside it: the
    /// trainer's article browser shows it paragraph by paragraph. Always `None` on wasm32 (see
    /// `cases_json`).
    pub original: Option<&'static str>,
}

/// Every edition under `src/policy/editions/`, sorted by file name.
pub fn bundled() -> &'static [Bundled] {
    bundle::BUNDLED
}

/// Load a bundled edition by id (file stem).
pub fn load_bundled(name: &str) -> Option<Result<Edition, EditionError>> {
    bundled()
        .iter()
        .find(|b| b.name == name)
        .map(Edition::from_bundled)
}

/// Key of the park submission in [`Edition::shared`] (`label` = by,
/// `actor` = to).
pub const SUBMISSION_ID: &str = "park.submission";

/// The id of the edition used when none is chosen.
pub const DEFAULT_EDITION: &str = "baotou-2022-55";

/// The default edition (包府办发〔2022〕55号).
pub fn default_edition() -> Result<Edition, EditionError> {
    load_bundled(DEFAULT_EDITION).unwrap_or_else(|| {
        Err(EditionError {
            path: String::new(),
            message: format!("bundled edition {DEFAULT_EDITION} is missing"),
        })
    })
}

/// The edition in force on `date` among the bundled ones (the latest that
/// starts on or before it), else the default edition.
pub fn edition_for(date: NaiveDate) -> Result<Edition, EditionError> {
    let mut best: Option<Edition> = None;
    for b in bundled() {
        let e = Edition::from_bundled(b)?;
        if e.in_force_on(date) && best.as_ref().is_none_or(|x| x.valid_from < e.valid_from) {
            best = Some(e);
        }
    }
    match best {
        Some(e) => Ok(e),
        None => default_edition(),
    }
}
