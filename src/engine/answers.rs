//! Answers: what a user tells the widget, as a versioned JSON file.
//!
//! ```json
//! {"format": "hrs-answers", "version": 1, "kind": "park", "park": { ... }}
//! {"format": "hrs-answers", "version": 1, "kind": "organisation", "organisation": { ... }}
//! ```
//!
//! Every field is optional. A field's *path* (`park.floor_area_m2`,
//! `park.roster[3].uscc`) is its JSON path in the file, the `data-name` of its
//! question in the UI and the `path` of its question in the edition. See
//! `src/engine/ANSWERS.md`.
//!
//! Each answer is an [`Answer`]: not answered (field absent or `null`), an
//! explicit "don't know" (`{"dont_know": true}`), or a value. Both of the
//! first two evaluate to *unknown*; the difference is kept so the UI can save
//! and restore what the user chose.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::quantity::{self, QuantityError, QuantityKind};

/// The `format` tag of an answers file.
pub const ANSWERS_FORMAT: &str = "hrs-answers";
/// The current answers version.
pub const ANSWERS_VERSION: u32 = 1;

/// A tri-state answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Answer<T> {
    /// The question was not answered (field absent or `null`).
    #[default]
    NotAnswered,
    /// The user said "don't know" (`{"dont_know": true}`).
    DontKnow,
    /// A value.
    Value(T),
}

impl<T> Answer<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Answer::Value(v) => Some(v),
            _ => None,
        }
    }
    pub fn is_not_answered(&self) -> bool {
        matches!(self, Answer::NotAnswered)
    }
    pub fn is_known(&self) -> bool {
        matches!(self, Answer::Value(_))
    }
    pub fn as_ref(&self) -> Answer<&T> {
        match self {
            Answer::NotAnswered => Answer::NotAnswered,
            Answer::DontKnow => Answer::DontKnow,
            Answer::Value(v) => Answer::Value(v),
        }
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Answer<U> {
        match self {
            Answer::NotAnswered => Answer::NotAnswered,
            Answer::DontKnow => Answer::DontKnow,
            Answer::Value(v) => Answer::Value(f(v)),
        }
    }
}

impl<T> From<T> for Answer<T> {
    fn from(v: T) -> Self {
        Answer::Value(v)
    }
}

impl<T: Serialize> Serialize for Answer<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::NotAnswered => s.serialize_none(),
            Answer::DontKnow => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("dont_know", &true)?;
                m.end()
            }
            Answer::Value(v) => v.serialize(s),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Answer<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::Null => Ok(Answer::NotAnswered),
            serde_json::Value::Object(ref m)
                if m.len() == 1 && m.get("dont_know") == Some(&serde_json::Value::Bool(true)) =>
            {
                Ok(Answer::DontKnow)
            }
            other => T::deserialize(other)
                .map(Answer::Value)
                .map_err(de::Error::custom),
        }
    }
}

/// `null` reads as the empty default (an empty roster, no materials).
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A JSON string or number read through the one quantity reader ([`super::quantity`]), so an
/// answers file may say `"820万"` as the form and the roster importer do.
pub(super) fn parse_decimal_value(
    v: &serde_json::Value,
    kind: QuantityKind,
    what: &str,
) -> Result<Decimal, String> {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        // A JSON float is read from its shortest round-trip text, so 99999999.99 stays
        // 99999999.99 (no binary float reaches the arithmetic).
        serde_json::Value::Number(n) => n.to_string(),
        other => {
            return Err(format!(
                "{what}: expected a number or a numeric string, found {other}"
            ))
        }
    };
    match quantity::read(kind, &text) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(format!("{what}: cannot read an empty text as a number")),
        Err(QuantityError::NotANumber) => Err(format!("{what}: cannot read {text:?} as a number")),
        Err(QuantityError::Negative) => Err(format!("{what}: must not be negative (got {text})")),
        Err(e) => Err(format!("{what}: {text:?}: {}", e.message(kind).en)),
    }
}

/// `Answer<u32>` for a count (`20`, `"20家"`), read through the one quantity reader.
fn count_answer<'de, D: Deserializer<'de>>(d: D) -> Result<Answer<u32>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    match v {
        serde_json::Value::Null => Ok(Answer::NotAnswered),
        serde_json::Value::Object(ref m)
            if m.len() == 1 && m.get("dont_know") == Some(&serde_json::Value::Bool(true)) =>
        {
            Ok(Answer::DontKnow)
        }
        serde_json::Value::String(_) | serde_json::Value::Number(_) => {
            let d =
                parse_decimal_value(&v, QuantityKind::Count, "count").map_err(de::Error::custom)?;
            u32::try_from(d)
                .map(Answer::Value)
                .map_err(|_| de::Error::custom(format!("count: {v} is not a whole number")))
        }
        other => Err(de::Error::custom(format!(
            "count: expected a whole number, found {other}"
        ))),
    }
}

/// `Answer<u8>` for a small count (the talent catalogue's category): the same reader as every
/// count, so `"3"` is read like `3`.
fn small_count_answer<'de, D: Deserializer<'de>>(d: D) -> Result<Answer<u8>, D::Error> {
    match count_answer(d)? {
        Answer::Value(n) => u8::try_from(n)
            .map(Answer::Value)
            .map_err(|_| de::Error::custom(format!("count: {n} is above 255"))),
        Answer::DontKnow => Ok(Answer::DontKnow),
        Answer::NotAnswered => Ok(Answer::NotAnswered),
    }
}

macro_rules! decimal_newtype {
    ($(#[$m:meta])* $name:ident, $kind:expr, $what:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub Decimal);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = serde_json::Value::deserialize(d)?;
                parse_decimal_value(&v, $kind, $what).map($name).map_err(de::Error::custom)
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                parse_decimal_value(&serde_json::Value::String(s.to_string()), $kind, $what).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }
    };
}

decimal_newtype!(
    /// An amount of money in 元, never negative, at most 10¹⁴, whole 分. In JSON a string
    /// (`"100000.00"`, `"8,200,000"`, `"820万"`) or a number.
    Yuan,
    QuantityKind::Money,
    "amount in yuan"
);
decimal_newtype!(
    /// An area in square metres, never negative, at most 10⁸ (`"3500"`, `"3500平方米"`).
    SquareMetres,
    QuantityKind::Area,
    "area in m²"
);

/// Whether a 第五条 material is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialStatus {
    Ready,
    Missing,
}

/// One row of the roster of resident organisations (入驻机构花名册).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterRow {
    /// `park.roster[].name`
    #[serde(default)]
    pub name: String,
    /// `park.roster[].uscc`: 统一社会信用代码 (18 characters, checked).
    #[serde(default)]
    pub uscc: String,
    /// `park.roster[].service_format`: a service-format id of the edition.
    #[serde(default, skip_serializing_if = "Answer::is_not_answered")]
    pub service_format: Answer<String>,
    /// `park.roster[].hr_service_firm`: is it an HR service enterprise?
    #[serde(default, skip_serializing_if = "Answer::is_not_answered")]
    pub hr_service_firm: Answer<bool>,
    /// `park.roster[].hr_licence`: does it hold an HR-service licence (人力资源服务许可证) or
    /// 备案? Asked of rows in a supporting (上下游) format, which count only with it.
    #[serde(default, skip_serializing_if = "Answer::is_not_answered")]
    pub hr_licence: Answer<bool>,
    /// `park.roster[].revenue_yuan`: its annual operating revenue.
    #[serde(default, skip_serializing_if = "Answer::is_not_answered")]
    pub revenue_yuan: Answer<Yuan>,
    /// `park.roster[].main_business`: for the roster document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub main_business: String,
}

/// Answers about a park applying for municipal certification.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ParkAnswers {
    // ---- for documents ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub name: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub district: Answer<String>,
    /// 旗县区人民政府 / 稀土高新区管委会 that applies.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub applicant_government: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub address: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub contact_person: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub contact_phone: Answer<String>,
    // ---- 第九条 ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub previously_cancelled: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub cancelled_on: Answer<NaiveDate>,
    // ---- 第四条(一) ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub plan_report: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub plan_report_topics: Answer<Vec<String>>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub fits_city_planning: Answer<bool>,
    // ---- 第四条(二) ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub investor: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub physically_concentrated: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub floor_area_m2: Answer<SquareMetres>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub supporting_services: Answer<bool>,
    // ---- 第四条(三) ----
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub roster: Vec<RosterRow>,
    /// The year of `revenue_this_year_yuan` (e.g. 2024): for documents only. A count like every
    /// other (`"2024"` reads too), as its declaration in the edition says.
    #[serde(
        skip_serializing_if = "Answer::is_not_answered",
        deserialize_with = "count_answer"
    )]
    pub revenue_year: Answer<u32>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub revenue_this_year_yuan: Answer<Yuan>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub revenue_last_year_yuan: Answer<Yuan>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub complete_service_chain: Answer<bool>,
    // ---- 第四条(四) ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub operator_name: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub operating_rules: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub platform_url: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub platform_active: Answer<bool>,
    // ---- 第四条(五) ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub district_policy_document: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub in_district_plan: Answer<bool>,
    // ---- 第四条(六) ----
    #[serde(
        skip_serializing_if = "Answer::is_not_answered",
        deserialize_with = "count_answer"
    )]
    pub events_held: Answer<u32>,
    #[serde(
        skip_serializing_if = "Answer::is_not_answered",
        deserialize_with = "count_answer"
    )]
    pub notable_firms: Answer<u32>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub social_benefits: Answer<bool>,
    // ---- 第五条 ----
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub materials: BTreeMap<String, MaterialStatus>,
    /// Answers to fields an edition declares beyond the ones above, by key (a short list: a
    /// `Vec`, which keeps a map's code out of the widget).
    #[serde(skip)]
    pub declared: Vec<(String, Declared)>,
}

/// A talent placed by the organisation (第七条).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Placement {
    /// `organisation.placements[].talent`
    pub talent: String,
    /// `organisation.placements[].employer`
    pub employer: String,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub employer_in_city: Answer<bool>,
    /// First day of the labour contract (and of work).
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub contract_start: Answer<NaiveDate>,
    /// Contract length in months (a year = 12).
    #[serde(
        skip_serializing_if = "Answer::is_not_answered",
        deserialize_with = "count_answer"
    )]
    pub contract_months: Answer<u32>,
}

/// On what ground a talent is put forward under 第九条.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TalentBasis {
    /// full-time hire in the high-level talent catalogue (category 1–6)
    Catalogue,
    /// principal (主要负责人) of the enterprise
    Principal,
    /// technical head (技术负责人) of the enterprise
    TechnicalHead,
}

/// A person put forward under 第九条.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Talent {
    /// `organisation.talents[].name`
    pub name: String,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub basis: Answer<TalentBasis>,
    /// Catalogue category, 1 (highest) to 7; for `catalogue`.
    #[serde(
        skip_serializing_if = "Answer::is_not_answered",
        deserialize_with = "small_count_answer"
    )]
    pub category: Answer<u8>,
    /// Brought in (引进) by the firm — 第九条's “全职引进的”; for `catalogue`.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub brought_in: Answer<bool>,
    /// Full-time (全职)?
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub full_time: Answer<bool>,
    /// Employed full-time since; for `principal` / `technical_head`.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub full_time_since: Answer<NaiveDate>,
}

/// Answers about an HR service organisation (Ten Measures).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OrganisationAnswers {
    /// Is the applicant an HR-service organisation (人力资源服务机构 / 企业)? Asked first: every
    /// measure is for one.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub hr_service_organisation: Answer<bool>,
    // ---- for documents ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub name: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub uscc: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub district: Answer<String>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub registered_in_city: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub foreign_invested: Answer<bool>,
    // ---- 第二条 ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub resident_in_park: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub district_has_contribution_policy: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub city_retained_contribution_yuan: Answer<Yuan>,
    // ---- 第三条 ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub attracted_by_investment_promotion: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub on_national_list: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub revenue_yuan: Answer<Yuan>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub operating_since: Answer<NaiveDate>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub outstanding_job_creation: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub regional_backbone_or_integrity: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub headquarters_in_city: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub local_contribution_two_years_yuan: Answer<Yuan>,
    // ---- 第四条 ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub top10_listed: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub national_integrity_title: Answer<bool>,
    // ---- 第五条 ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub hosts_industry_events: Answer<bool>,
    // ---- 第六条 ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub founded_by_individual: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub meets_startup_loan_conditions: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub small_or_micro: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub applies_guarantee_loan: Answer<bool>,
    // ---- 第七条 ----
    /// Has the organisation any placements to list? "No" settles 第七条 as not applicable.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub has_placements: Answer<bool>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub placements: Vec<Placement>,
    // ---- 第八条 ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub trains_practitioners: Answer<bool>,
    // ---- 第九条 ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub founded_high_tech_enterprise: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub tax_last_year_yuan: Answer<Yuan>,
    /// Has the organisation anyone to put forward under 第九条? "No" settles it as not
    /// applicable.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub has_talents: Answer<bool>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub talents: Vec<Talent>,
    // ---- 第十条 ----
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub hires_hard_to_employ_or_graduates: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub provides_employment_services: Answer<bool>,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub other_employment_awards: Answer<bool>,
    // ---- 就高从优、不重复享受 ----
    /// `organisation.already_received.<measure id>`: has the organisation
    /// already received a similar benefit for the same matter?
    #[serde(
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub already_received: BTreeMap<String, Answer<bool>>,
    /// Answers to fields an edition declares beyond the ones above, by key (a short list: a
    /// `Vec`, which keeps a map's code out of the widget).
    #[serde(skip)]
    pub declared: Vec<(String, Declared)>,
}

impl ParkAnswers {
    /// The answer to a field only an edition declares (`resident_staff_total`), by key.
    pub fn declared_answer(&self, key: &str) -> Option<&Declared> {
        self.declared.iter().find(|(k, _)| k == key).map(|(_, d)| d)
    }
}

impl OrganisationAnswers {
    /// The answer to a field only an edition declares (`staff_count`), by key.
    pub fn declared_answer(&self, key: &str) -> Option<&Declared> {
        self.declared.iter().find(|(k, _)| k == key).map(|(_, d)| d)
    }
}

/// An answer to a field declared only in an edition's `questions` (a later notice's new
/// question): typed by its declaration, read and written like every other answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Declared {
    Bool(Answer<bool>),
    /// Text, or the id of one option of a choice.
    Text(Answer<String>),
    /// Money, area or a count, read by the one quantity reader.
    Num(Answer<Decimal>),
    Date(Answer<NaiveDate>),
    /// Ids of several options.
    List(Answer<Vec<String>>),
    /// A table only the edition declares: each row's cells by column, typed by the columns'
    /// declarations (an `items` test reads them).
    Rows(Vec<Vec<(String, Declared)>>),
}

impl Declared {
    /// Reads `v` as an answer of the question kind `kind` (its snake_case name).
    fn read(kind: &str, v: &serde_json::Value) -> Result<Declared, String> {
        use serde_json::Value;
        // Not answered (None → Some(false)), don't know (Some(true)), or a value (None).
        let state = |v: &Value| -> Option<bool> {
            match v {
                Value::Null => Some(false),
                Value::Object(m)
                    if m.get("dont_know") == Some(&Value::Bool(true)) && m.len() == 1 =>
                {
                    Some(true)
                }
                _ => None,
            }
        };
        macro_rules! read_as {
            ($variant:ident, $conv:expr) => {
                match state(v) {
                    Some(false) => Ok(Declared::$variant(Answer::NotAnswered)),
                    Some(true) => Ok(Declared::$variant(Answer::DontKnow)),
                    None => $conv(v).map(|x| Declared::$variant(Answer::Value(x))),
                }
            };
        }
        match kind {
            "yes_no" => read_as!(Bool, |v: &Value| v
                .as_bool()
                .ok_or_else(|| format!("expected true or false, found {v}"))),
            "text" | "choice" => read_as!(Text, |v: &Value| v
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("expected a string, found {v}"))),
            "yuan" => read_as!(Num, |v: &Value| parse_decimal_value(
                v,
                QuantityKind::Money,
                "amount in yuan"
            )),
            "m2" => read_as!(Num, |v: &Value| parse_decimal_value(
                v,
                QuantityKind::Area,
                "area in m²"
            )),
            "count" => read_as!(Num, |v: &Value| parse_decimal_value(
                v,
                QuantityKind::Count,
                "count"
            )),
            "date" => read_as!(Date, |v: &Value| v
                .as_str()
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                .ok_or_else(|| format!("expected a date YYYY-MM-DD, found {v}"))),
            "multi_choice" => read_as!(List, |v: &Value| v
                .as_array()
                .and_then(|a| a
                    .iter()
                    .map(|x| x.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>())
                .ok_or_else(|| format!("expected a list of ids, found {v}"))),
            other => Err(format!("a declared field of kind {other} is not supported")),
        }
    }

    /// The answer as JSON (`None` when not answered).
    fn to_value(&self) -> Option<serde_json::Value> {
        use serde_json::Value;
        fn tri<T>(a: &Answer<T>, f: impl Fn(&T) -> Value) -> Option<Value> {
            match a {
                Answer::NotAnswered => None,
                Answer::DontKnow => Some(serde_json::json!({"dont_know": true})),
                Answer::Value(v) => Some(f(v)),
            }
        }
        match self {
            Declared::Bool(a) => tri(a, |b| Value::Bool(*b)),
            Declared::Text(a) => tri(a, |t| Value::String(t.clone())),
            Declared::Num(a) => tri(a, |d| Value::String(d.normalize().to_string())),
            Declared::Date(a) => tri(a, |d| Value::String(d.to_string())),
            Declared::Rows(rows) => Some(Value::Array(
                rows.iter()
                    .map(|r| {
                        Value::Object(
                            r.iter()
                                .filter_map(|(k, d)| Some((k.clone(), d.to_value()?)))
                                .collect(),
                        )
                    })
                    .collect(),
            )),
            Declared::List(a) => tri(a, |l| {
                Value::Array(l.iter().map(|x| Value::String(x.clone())).collect())
            }),
        }
    }
}

/// The answer kinds a declared-only field may have (a question `kind`'s name).
fn kind_name(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "yes_no" => "yes_no",
        "text" => "text",
        "choice" => "choice",
        "yuan" => "yuan",
        "m2" => "m2",
        "count" => "count",
        "date" => "date",
        "multi_choice" => "multi_choice",
        "table" => "table",
        _ => return None,
    })
}

/// Paths that a bundled edition declares as a question and the answer types above do not have,
/// with the kind of their question. Read once from the bundled editions' text.
fn declared_keys() -> &'static [(String, &'static str)] {
    static KEYS: std::sync::OnceLock<Vec<(String, &'static str)>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for b in crate::policy::bundled() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(b.json) else {
                continue;
            };
            for kind in ["park", "organisation"] {
                for q in v["questions"][kind].as_array().into_iter().flatten() {
                    let (Some(path), Some(k)) = (q["path"].as_str(), q["kind"].as_str()) else {
                        continue;
                    };
                    if let Some(k) = kind_name(k) {
                        if !is_typed_field(path) && !out.iter().any(|(p, _)| p == path) {
                            out.push((path.to_string(), k));
                            // A table's columns, by their own paths (`x.trainees[].hours`).
                            for c in q["columns"].as_array().into_iter().flatten() {
                                if let (Some(cp), Some(ck)) =
                                    (c["path"].as_str(), c["kind"].as_str().and_then(kind_name))
                                {
                                    out.push((cp.to_string(), ck));
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    })
}

/// Fields declared by editions that are not bundled (a sample the widget fetched), by path.
static REGISTERED: std::sync::RwLock<Vec<(String, &'static str)>> =
    std::sync::RwLock::new(Vec::new());

/// Makes the fields `edition` declares beyond the answer types readable, for an edition that is
/// not bundled (the widget fetches a sample edition at mount, before any answers are read).
pub fn declare_fields(edition: &crate::policy::Edition) {
    let Ok(mut reg) = REGISTERED.write() else {
        return;
    };
    // A question kind's name; a table's columns are never tables, materials or flags.
    let name = |k: crate::policy::QuestionKind| kind_name(serde_json::to_value(k).ok()?.as_str()?);
    for q in edition
        .questions
        .park
        .iter()
        .chain(&edition.questions.organisation)
    {
        let Some(kind) = name(q.kind) else {
            continue;
        };
        if is_typed_field(&q.path) {
            continue;
        }
        // A table's columns, by their own paths.
        let columns = q.columns.iter().filter_map(|c| {
            name(c.kind)
                .filter(|k| *k != "table")
                .map(|ck| (&c.path, ck))
        });
        for (path, kind) in std::iter::once((&q.path, kind)).chain(columns) {
            // One entry per path; the edition declared last (the one being mounted) decides its
            // kind, not whichever edition happened to declare it first.
            match reg.iter_mut().find(|(p, _)| p == path) {
                Some(entry) => entry.1 = kind,
                None => reg.push((path.clone(), kind)),
            }
        }
    }
}

/// The single-answer fields of [`ParkAnswers`] and [`OrganisationAnswers`] (tables and maps
/// excluded); the engine itself reads every field through the store's declarations.
const PARK_SCALARS: &[&str] = &[
    "name",
    "district",
    "applicant_government",
    "address",
    "contact_person",
    "contact_phone",
    "previously_cancelled",
    "cancelled_on",
    "plan_report",
    "plan_report_topics",
    "fits_city_planning",
    "investor",
    "physically_concentrated",
    "floor_area_m2",
    "supporting_services",
    "revenue_year",
    "revenue_this_year_yuan",
    "revenue_last_year_yuan",
    "complete_service_chain",
    "operator_name",
    "operating_rules",
    "platform_url",
    "platform_active",
    "district_policy_document",
    "in_district_plan",
    "events_held",
    "notable_firms",
    "social_benefits",
];

const ORGANISATION_SCALARS: &[&str] = &[
    "hr_service_organisation",
    "name",
    "uscc",
    "district",
    "registered_in_city",
    "foreign_invested",
    "resident_in_park",
    "district_has_contribution_policy",
    "city_retained_contribution_yuan",
    "attracted_by_investment_promotion",
    "on_national_list",
    "revenue_yuan",
    "operating_since",
    "outstanding_job_creation",
    "regional_backbone_or_integrity",
    "headquarters_in_city",
    "local_contribution_two_years_yuan",
    "top10_listed",
    "national_integrity_title",
    "hosts_industry_events",
    "founded_by_individual",
    "meets_startup_loan_conditions",
    "small_or_micro",
    "applies_guarantee_loan",
    "trains_practitioners",
    "has_placements",
    "has_talents",
    "founded_high_tech_enterprise",
    "tax_last_year_yuan",
    "hires_hard_to_employ_or_graduates",
    "provides_employment_services",
    "other_employment_awards",
];

/// Is `path` (`park.floor_area_m2`) a single-answer field of the answer types above?
pub fn is_scalar_field(path: &str) -> bool {
    if let Some(rest) = path.strip_prefix("park.") {
        PARK_SCALARS.contains(&rest)
    } else if let Some(rest) = path.strip_prefix("organisation.") {
        ORGANISATION_SCALARS.contains(&rest)
    } else {
        false
    }
}

/// Is `path` (`park.floor_area_m2`) a field of the answer types above?
fn is_typed_field(path: &str) -> bool {
    is_scalar_field(path)
        || matches!(
            path,
            "park.roster"
                | "park.materials"
                | "organisation.placements"
                | "organisation.talents"
                | "organisation.already_received"
        )
}

/// Takes the declared-only fields out of `value[kind]` and reads them by their declaration.
fn take_declared(
    value: &mut serde_json::Value,
) -> Result<[Vec<(String, Declared)>; 2], AnswersError> {
    let mut out = [Vec::new(), Vec::new()];
    let registered = REGISTERED.read().ok();
    let registered: &[(String, &'static str)] = registered.as_deref().map_or(&[], Vec::as_slice);
    let bundled = declared_keys();
    if bundled.is_empty() && registered.is_empty() {
        return Ok(out);
    }
    // Declared-only fields (from the bundled editions, or registered by the widget).
    let kind_of = |path: &str| {
        bundled
            .iter()
            .chain(registered)
            .find(|(p, _)| p == path)
            .map(|(_, k)| *k)
    };
    for (i, kind) in ["park", "organisation"].into_iter().enumerate() {
        let Some(obj) = value
            .get_mut(kind)
            .and_then(serde_json::Value::as_object_mut)
        else {
            continue;
        };
        let found: Vec<(String, &'static str)> = obj
            .keys()
            .filter_map(|k| Some((k.clone(), kind_of(&super::path::key(kind, k))?)))
            .collect();
        for (k, q) in found {
            let path = super::path::key(kind, &k);
            let v = obj.remove(&k).unwrap_or_default();
            let d = if q == "table" {
                read_declared_rows(&path, &v, &kind_of)?
            } else {
                Declared::read(q, &v).map_err(|message| AnswersError { path, message })?
            };
            out[i].push((k, d));
        }
    }
    Ok(out)
}

/// The rows of a table only an edition declares, each cell read by its column's kind; errors
/// name the cell (`organisation.trainees[2].hours`).
fn read_declared_rows(
    path: &str,
    v: &serde_json::Value,
    kind_of: &dyn Fn(&str) -> Option<&'static str>,
) -> Result<Declared, AnswersError> {
    use serde_json::Value;
    let err = |path: String, message: String| AnswersError { path, message };
    let rows = match v {
        Value::Null => return Ok(Declared::Rows(Vec::new())),
        Value::Array(rows) => rows,
        other => {
            return Err(err(
                path.to_string(),
                format!("expected a list of rows, found {other}"),
            ))
        }
    };
    let mut out = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let at = super::path::index(path, i);
        let Value::Object(m) = r else {
            return Err(err(at, format!("expected a row (an object), found {r}")));
        };
        let mut cells = Vec::with_capacity(m.len());
        for (c, x) in m {
            let cell = super::path::key(&at, c);
            let kind = kind_of(&super::path::key(&cat_any_row(path), c))
                .ok_or_else(|| err(cell.clone(), format!("unknown field `{c}`")))?;
            let d = Declared::read(kind, x).map_err(|message| err(cell, message))?;
            cells.push((c.clone(), d));
        }
        out.push(cells);
    }
    Ok(Declared::Rows(out))
}

/// `path[]`: the column prefix of a table.
fn cat_any_row(path: &str) -> String {
    let mut s = String::with_capacity(path.len() + 2);
    s.push_str(path);
    s.push_str("[]");
    s
}

/// What the answers are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswersKind {
    Park,
    Organisation,
}

/// A complete answers file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answers {
    Park(ParkAnswers),
    Organisation(OrganisationAnswers),
}

impl Answers {
    pub fn kind(&self) -> AnswersKind {
        match self {
            Answers::Park(_) => AnswersKind::Park,
            Answers::Organisation(_) => AnswersKind::Organisation,
        }
    }

    /// Read an answers file of any supported version (older versions are
    /// migrated). Errors name the field.
    pub fn from_json(text: &str) -> Result<Answers, AnswersError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| AnswersError {
            path: String::new(),
            message: format!("not valid JSON: {e}"),
        })?;
        Answers::from_value(value)
    }

    /// Like [`Answers::from_json`], from an already parsed JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Answers, AnswersError> {
        let mut value = super::migrate::migrate(value)?;
        // Rows per table and characters per text are bounded (and texts cleaned) on every path
        // an answers value comes in by, before a long table is typed (issue 12).
        super::limits::check_answers_value(&mut value)?;
        Answers::from_current_value(value)
    }

    /// Reads an answers value that is already of the current version and within the bounds,
    /// its texts clean: what the typed store (`engine::store`) writes. No migration and no
    /// bounds pass (the widget evaluates on every keystroke; the bounds pass over a roster's
    /// texts was most of the reading).
    pub fn from_current_value(mut value: serde_json::Value) -> Result<Answers, AnswersError> {
        // Fields only an edition declares are read by their declaration, the rest by type.
        let [park_declared, org_declared] = take_declared(&mut value)?;
        // The widget's first module reads every answers file through `engine::store` (which
        // names a bad field itself) and reaches this reader only with the store's own output:
        // no path tracking there (−10.3 KB gzip of the wizard module, ARCHITECTURE.md).
        #[cfg(not(all(
            target_arch = "wasm32",
            feature = "widget",
            not(feature = "widget-full")
        )))]
        let file: AnswersFile =
            serde_path_to_error::deserialize(value).map_err(|e| AnswersError {
                path: super::path::from_serde(e.path()),
                message: e.inner().to_string(),
            })?;
        #[cfg(all(
            target_arch = "wasm32",
            feature = "widget",
            not(feature = "widget-full")
        ))]
        let file: AnswersFile = serde_json::from_value(value).map_err(|e| AnswersError {
            path: String::new(),
            message: e.to_string(),
        })?;
        let mut answers = file.into_answers()?;
        match &mut answers {
            Answers::Park(p) => p.declared = park_declared,
            Answers::Organisation(o) => o.declared = org_declared,
        }
        Ok(answers)
    }

    /// The answers as a current-version JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        let file = AnswersFile::from_answers(self);
        let mut v = serde_json::to_value(file).unwrap_or(serde_json::Value::Null);
        let (kind, declared) = match self {
            Answers::Park(p) => ("park", &p.declared),
            Answers::Organisation(o) => ("organisation", &o.declared),
        };
        if !declared.is_empty() {
            if let Some(obj) = v.get_mut(kind).and_then(serde_json::Value::as_object_mut) {
                for (k, d) in declared {
                    if let Some(x) = d.to_value() {
                        obj.insert(k.clone(), x);
                    }
                }
            }
        }
        v
    }

    /// The answers as current-version, pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }
}

/// The on-disk shape of a current-version answers file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswersFile {
    format: String,
    version: u32,
    kind: AnswersKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    park: Option<ParkAnswers>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organisation: Option<OrganisationAnswers>,
}

impl AnswersFile {
    fn from_answers(a: &Answers) -> AnswersFile {
        let (park, organisation) = match a {
            Answers::Park(p) => (Some(p.clone()), None),
            Answers::Organisation(o) => (None, Some(o.clone())),
        };
        AnswersFile {
            format: ANSWERS_FORMAT.into(),
            version: ANSWERS_VERSION,
            kind: a.kind(),
            park,
            organisation,
        }
    }

    fn into_answers(self) -> Result<Answers, AnswersError> {
        let err = |path: &str, message: &str| AnswersError {
            path: path.into(),
            message: message.into(),
        };
        match self.kind {
            AnswersKind::Park => {
                if self.organisation.is_some() {
                    return Err(err("organisation", "not allowed when kind is \"park\""));
                }
                Ok(Answers::Park(self.park.unwrap_or_default()))
            }
            AnswersKind::Organisation => {
                if self.park.is_some() {
                    return Err(err("park", "not allowed when kind is \"organisation\""));
                }
                Ok(Answers::Organisation(self.organisation.unwrap_or_default()))
            }
        }
    }
}

/// Why an answers file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersError {
    /// The field path (`park.floor_area_m2`, `park.roster[2].revenue_yuan`);
    /// empty when the file as a whole is wrong.
    pub path: String,
    pub message: String,
}

impl fmt::Display for AnswersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "answers: {}", self.message)
        } else {
            write!(f, "answers: field `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for AnswersError {}
