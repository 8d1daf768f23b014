//! Side by side: several answers sets (parks, or scenarios of one organisation) evaluated under
//! one edition and one as-of date, laid out as one table — a row per condition / measure, a
//! column per set. Pure: it calls [`super::evaluate`] for each set and arranges what the outcomes
//! say; it decides no verdict and recomputes no amount. The widget renders it, the document
//! module writes it as XLSX.

use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;

use super::answers::AnswersKind;
use super::headline::HeadlineState;
use super::money;
use super::outcome::*;
use super::store::AnswerStore;
use crate::policy::{Edition, MoneyKind, Recipient, Source, Test, Text, Unit};

/// At most this many sets are compared (the bound; more would be unreadable anyway).
pub const MAX_SETS: usize = 50;

/// What one cell says, as a state the views map to a badge and the documents to words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellState {
    Verdict(Verdict),
    Eligibility(Eligibility),
    /// 第五条 materials: all ready / some missing / some not confirmed.
    Materials(MaterialState),
    Headline(Headline),
}

/// The one-line answer per set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headline {
    /// 第九条: cannot be certified on the as-of date.
    ParkBarred,
    /// A 第四条 condition is not met.
    ParkNotReady,
    /// Nothing is not met, something is unknown.
    ParkIncomplete,
    /// Nothing is not met or unknown: the application can go to the reviewers.
    ParkReady,
    /// An organisation: something can be received now.
    OrgEligible,
    /// Nothing now, something still unknown or not yet.
    OrgPossible,
    /// Nothing.
    OrgNone,
    /// The policy is not in force on the as-of date (the core's headline says so first).
    NotInForce,
}

impl Headline {
    pub fn words(self) -> Text {
        let (zh, en) = match self {
            Headline::ParkBarred => (
                "不得申报（三年内不予重新认定）",
                "Barred (no re-certification within three years)",
            ),
            Headline::ParkNotReady => ("暂不具备申报条件", "Not ready to apply"),
            Headline::ParkIncomplete => ("信息待补充", "Information missing"),
            Headline::ParkReady => ("可以申报", "Ready to apply"),
            Headline::OrgEligible => ("可享受", "Can receive"),
            Headline::OrgPossible => ("待确认", "To be confirmed"),
            Headline::OrgNone => ("暂无可享受项目", "Nothing to receive yet"),
            Headline::NotInForce => (
                "不能据此申报（政策不在有效期内）",
                "Not in force: cannot apply under it",
            ),
        };
        Text::new(zh, en)
    }
}

impl CellState {
    /// A stable id for data attributes and CSS: `met`, `not_met`, `eligible`, `ready`, …
    pub fn id(&self) -> &'static str {
        match self {
            CellState::Verdict(v) => v.as_str(),
            CellState::Eligibility(e) => e.as_str(),
            CellState::Materials(MaterialState::Ready) => "ready",
            CellState::Materials(MaterialState::Missing) => "missing",
            CellState::Materials(MaterialState::NotAnswered) => "not_answered",
            CellState::Headline(h) => match h {
                Headline::ParkBarred => "barred",
                Headline::ParkNotReady => "not_ready",
                Headline::ParkIncomplete => "incomplete",
                Headline::ParkReady => "ready",
                Headline::OrgEligible => "eligible",
                Headline::OrgPossible => "possible",
                Headline::OrgNone => "none",
                Headline::NotInForce => "not_in_force",
            },
        }
    }
    /// Good / bad / open, for the badge colour.
    pub fn tone(&self) -> Tone {
        use CellState::*;
        match self {
            Verdict(super::Verdict::Met) | Eligibility(super::Eligibility::Eligible) => Tone::Good,
            Materials(MaterialState::Ready) => Tone::Good,
            Headline(self::Headline::ParkReady | self::Headline::OrgEligible) => Tone::Good,
            Verdict(super::Verdict::NotMet) | Eligibility(super::Eligibility::NotEligible) => {
                Tone::Bad
            }
            Materials(MaterialState::Missing) => Tone::Bad,
            Headline(
                self::Headline::ParkBarred
                | self::Headline::ParkNotReady
                | self::Headline::OrgNone
                | self::Headline::NotInForce,
            ) => Tone::Bad,
            Verdict(super::Verdict::ForReviewers) => Tone::Review,
            _ => Tone::Open,
        }
    }
    /// The verdict in words (zh / en): the core's one vocabulary (`Verdict::words`,
    /// `Eligibility::words`), on screen and in the XLSX alike.
    pub fn words(&self) -> Text {
        match self {
            CellState::Verdict(v) => v.words(),
            CellState::Eligibility(e) => e.words(),
            CellState::Materials(m) => match m {
                MaterialState::Ready => Text::new("已备齐", "Ready"),
                MaterialState::Missing => Text::new("有缺项", "Missing"),
                MaterialState::NotAnswered => Text::new("未确认", "Not confirmed"),
            },
            CellState::Headline(h) => h.words(),
        }
    }
}

/// The colour family of a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Open,
    Review,
}

/// One cell of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub state: CellState,
    /// The key figure: `18 家 / 20`, `0.95 亿 / 1 亿`, `10–15 万元`.
    pub figure: Option<Text>,
    /// The amount range, for measure and headline rows of an organisation.
    pub range: Option<MoneyRange>,
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Headline,
    /// A park condition (第九条 or 第四条); its id is the condition's.
    Condition,
    /// The 第五条 materials as a whole.
    Materials,
    /// A measure (第二–十条); its id is the measure's.
    Measure,
}

/// One row: a condition or measure across the sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub kind: RowKind,
    pub label: Arc<Text>,
    /// Where the law says it (absent for the headline).
    pub source: Option<Arc<Source>>,
    /// One per readable set, in the order of [`Comparison::columns`].
    pub cells: Vec<Cell>,
    /// The sets do not all agree here (verdict, or amount range).
    pub differs: bool,
}

/// One readable set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// How many conditions are not met (park: 第九条 + 第四条; organisation: measures not
    /// eligible): the sort key.
    pub unmet: u32,
    pub outcome: Outcome,
}

/// The comparison of the readable sets of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub kind: AnswersKind,
    pub as_of: NaiveDate,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Evaluates each set (name, answers) as of `as_of` and lays the outcomes out side by side.
/// Every set must be of `kind` (the caller reports the others, naming them).
pub fn compare(
    edition: &Edition,
    kind: AnswersKind,
    sets: &[(String, &AnswerStore)],
    as_of: NaiveDate,
) -> Comparison {
    let columns: Vec<(Column, Value)> = sets
        .iter()
        .filter(|(_, a)| a.kind() == kind)
        .take(MAX_SETS)
        .map(|(name, a)| {
            let outcome = super::evaluate(edition, a, as_of);
            let unmet = unmet(&outcome);
            (
                Column {
                    name: name.clone(),
                    unmet,
                    outcome,
                },
                a.to_value(),
            )
        })
        .collect();
    let mut rows = match kind {
        AnswersKind::Park => park_rows(edition, &columns),
        AnswersKind::Organisation => organisation_rows(&columns),
    };
    for r in &mut rows {
        r.differs = r.cells.windows(2).any(|w| {
            w[0].state != w[1].state || (r.kind != RowKind::Condition && w[0].range != w[1].range)
        });
    }
    Comparison {
        kind,
        as_of,
        columns: columns.into_iter().map(|(c, _)| c).collect(),
        rows,
    }
}

fn unmet(o: &Outcome) -> u32 {
    if let Some(p) = &o.park {
        return p.summary.not_met;
    }
    o.organisation
        .as_ref()
        .map(|org| {
            org.measures
                .iter()
                .filter(|m| m.eligibility == Eligibility::NotEligible)
                .count() as u32
        })
        .unwrap_or(0)
}

fn park_rows(edition: &Edition, columns: &[(Column, Value)]) -> Vec<Row> {
    let parks: Vec<(&ParkOutcome, &Value, &Outcome)> = columns
        .iter()
        .filter_map(|(c, v)| Some((c.outcome.park.as_ref()?, v, &c.outcome)))
        .collect();
    let mut rows = vec![Row {
        id: "headline".into(),
        kind: RowKind::Headline,
        label: Arc::new(Text::new("结论", "Conclusion")),
        source: None,
        cells: parks
            .iter()
            .map(|(p, _, o)| {
                let s = &p.summary;
                // The core's headline decides (not in force first, then 第九条, then counts).
                let h = match o.headline.state {
                    HeadlineState::NotInForce => Headline::NotInForce,
                    HeadlineState::Barred => Headline::ParkBarred,
                    HeadlineState::Ready => Headline::ParkReady,
                    _ if s.not_met > 0 => Headline::ParkNotReady,
                    _ => Headline::ParkIncomplete,
                };
                let figure = Text::new(
                    format!("{} 项不符合 · {} 项待确认", s.not_met, s.unknown),
                    format!("{} not met · {} to be confirmed", s.not_met, s.unknown),
                );
                Cell {
                    state: CellState::Headline(h),
                    figure: Some(figure),
                    range: None,
                }
            })
            .collect(),
        differs: false,
    }];
    let Some((first, ..)) = parks.first() else {
        return rows;
    };
    for (i, c) in first.conditions.iter().enumerate() {
        let test = std::iter::once(&edition.park.barred)
            .chain(edition.park.conditions.iter())
            .find(|x| x.id == c.id)
            .map(|x| &x.test);
        rows.push(Row {
            id: c.id.clone(),
            kind: RowKind::Condition,
            label: c.label.clone(),
            source: Some(c.source.clone()),
            cells: parks
                .iter()
                .map(|(p, v, _)| {
                    // Every park outcome lists the same conditions in the same order; look up
                    // by id all the same, so a mismatch shows as unknown rather than wrong.
                    let cond = p
                        .conditions
                        .get(i)
                        .filter(|x| x.id == c.id)
                        .or_else(|| p.conditions.iter().find(|x| x.id == c.id));
                    Cell {
                        state: CellState::Verdict(
                            cond.map(|x| x.verdict).unwrap_or(Verdict::Unknown),
                        ),
                        figure: test.and_then(|t| park_figure(t, p, v)),
                        range: None,
                    }
                })
                .collect(),
            differs: false,
        });
    }
    let materials_source = first.materials.first().map(|m| m.source.clone());
    rows.push(Row {
        id: "park.materials".into(),
        kind: RowKind::Materials,
        label: Arc::new(Text::new("申报材料", "Application materials")),
        source: materials_source,
        cells: parks
            .iter()
            .map(|(p, ..)| {
                let ready = p
                    .materials
                    .iter()
                    .filter(|m| m.status == MaterialState::Ready)
                    .count();
                let state = if p
                    .materials
                    .iter()
                    .any(|m| m.status == MaterialState::Missing)
                {
                    MaterialState::Missing
                } else if ready == p.materials.len() {
                    MaterialState::Ready
                } else {
                    MaterialState::NotAnswered
                };
                let n = p.materials.len();
                Cell {
                    state: CellState::Materials(state),
                    figure: Some(Text::new(
                        format!("{ready} / {n} 已备齐"),
                        format!("{ready} of {n} ready"),
                    )),
                    range: None,
                }
            })
            .collect(),
        differs: false,
    });
    rows
}

fn decimal_at(v: &Value, path: &str) -> Option<Decimal> {
    match super::path::get(v, path)? {
        Value::String(s) => Decimal::from_str(&s.replace(',', "")).ok(),
        Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
        _ => None,
    }
}

const YI: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// A quantity for people: `0.95 亿` / `CNY 95m`, `2,800 m²`, `18`.
fn quantity(d: Decimal, unit: Unit, big: bool) -> Text {
    match unit {
        Unit::Yuan if big => Text::new(
            format!("{} 亿", (d / YI).round_dp(4).normalize()),
            format!("CNY {}m", (d / MILLION).round_dp(2).normalize()),
        ),
        Unit::Yuan => Text::new(money::wan(d), format!("CNY {}", money::group_thousands(d))),
        Unit::M2 => {
            let s = money::group_thousands(d);
            let s = s.trim_end_matches(".00").to_string();
            Text::new(format!("{s} m²"), format!("{s} m²"))
        }
        Unit::Count | Unit::Months => {
            let s = d.normalize().to_string();
            Text::new(s.clone(), s)
        }
    }
}

/// `have / needed` for a measurable condition, read from the answers and the roster summary.
fn park_figure(t: &Test, p: &ParkOutcome, v: &Value) -> Option<Text> {
    let pair = |have: Option<Text>, need: Text| {
        let (hz, he) = have
            .map(|h| (h.zh, h.en))
            .unwrap_or_else(|| ("?".into(), "?".into()));
        Text::new(format!("{hz} / {}", need.zh), format!("{he} / {}", need.en))
    };
    match t {
        Test::AtLeast { field, min, unit }
        | Test::MoreThan {
            field,
            than: min,
            unit,
        } => {
            let big = *unit == Unit::Yuan && *min >= YI;
            Some(pair(
                decimal_at(v, field).map(|d| quantity(d, *unit, big)),
                quantity(*min, *unit, big),
            ))
        }
        // No roster: the count is unknown, never zero.
        Test::RosterHrFirms { .. } | Test::RosterFormats { .. } if p.roster.rows == 0 => {
            let min = match t {
                Test::RosterHrFirms { min, .. } | Test::RosterFormats { min, .. } => *min,
                _ => 0,
            };
            Some(Text::new(format!("? / {min}"), format!("? / {min}")))
        }
        Test::RosterHrFirms { min, .. } => {
            let (n, pending) = (p.roster.hr_service_firms, p.roster.firm_count.pending);
            Some(if pending > 0 {
                Text::new(
                    format!("{n} 家（{pending} 家待核）/ {min}"),
                    format!("{n} / {min} firms ({pending} pending)"),
                )
            } else {
                Text::new(format!("{n} 家 / {min}"), format!("{n} / {min} firms"))
            })
        }
        Test::RosterFormats { min, .. } => Some(Text::new(
            format!("{} 种 / {min}", p.roster.formats.len()),
            format!("{} / {min} formats", p.roster.formats.len()),
        )),
        Test::Growth { current, previous } => {
            let (c, prev) = (decimal_at(v, current)?, decimal_at(v, previous)?);
            if prev.is_zero() {
                return None;
            }
            let pct = c
                .checked_sub(prev)?
                .checked_mul(Decimal::ONE_HUNDRED)?
                .checked_div(prev)?
                .round_dp(1)
                .normalize();
            let s = if pct.is_sign_positive() && !pct.is_zero() {
                format!("+{pct}%")
            } else {
                format!("{pct}%")
            };
            Some(Text::new(s.clone(), s))
        }
        _ => None,
    }
}

/// `10–15 万元` / `CNY 100,000.00–150,000.00`, with `（贷款）` for loans.
pub fn range_text(r: &MoneyRange, kind: MoneyKind) -> Text {
    let en = if r.min == r.max {
        format!("CNY {}", money::group_thousands(r.min))
    } else {
        format!(
            "CNY {}–{}",
            money::group_thousands(r.min),
            money::group_thousands(r.max)
        )
    };
    match kind {
        MoneyKind::Loan => Text::new(
            format!("{}（贷款）", money::range_wan(r)),
            format!("{en} (loan)"),
        ),
        _ => Text::new(money::range_wan(r), en),
    }
}

fn organisation_rows(columns: &[(Column, Value)]) -> Vec<Row> {
    let orgs: Vec<(&OrganisationOutcome, &Outcome)> = columns
        .iter()
        .filter_map(|(c, _)| Some((c.outcome.organisation.as_ref()?, &c.outcome)))
        .collect();
    let grants = |o: &OrganisationOutcome| {
        o.totals
            .iter()
            .find(|t| t.recipient == Recipient::Organisation && t.kind == MoneyKind::Grant)
            .map(|t| (t.eligible, t.possible))
            .unwrap_or_default()
    };
    let mut rows = vec![Row {
        id: "headline".into(),
        kind: RowKind::Headline,
        label: Arc::new(Text::new(
            "结论（机构可享受的奖补合计）",
            "Conclusion (grants to the organisation, total)",
        )),
        source: None,
        cells: orgs
            .iter()
            .map(|(o, out)| {
                let (eligible, _) = grants(o);
                // The core's headline decides.
                let h = match out.headline.state {
                    HeadlineState::NotInForce => Headline::NotInForce,
                    HeadlineState::Ready => Headline::OrgEligible,
                    HeadlineState::Nothing => Headline::OrgNone,
                    _ => Headline::OrgPossible,
                };
                Cell {
                    state: CellState::Headline(h),
                    figure: Some(range_text(&eligible, MoneyKind::Grant)),
                    range: Some(eligible),
                }
            })
            .collect(),
        differs: false,
    }];
    let Some((first, _)) = orgs.first() else {
        return rows;
    };
    for (i, m) in first.measures.iter().enumerate() {
        rows.push(Row {
            id: m.id.clone(),
            kind: RowKind::Measure,
            label: m.label.clone(),
            source: Some(m.source.clone()),
            cells: orgs
                .iter()
                .map(|(o, _)| {
                    let mo = o
                        .measures
                        .get(i)
                        .filter(|x| x.id == m.id)
                        .or_else(|| o.measures.iter().find(|x| x.id == m.id));
                    let range = mo.and_then(|x| x.amount.as_ref()).map(|a| a.range);
                    Cell {
                        state: CellState::Eligibility(
                            mo.map(|x| x.eligibility).unwrap_or(Eligibility::Unknown),
                        ),
                        figure: range.map(|r| range_text(&r, m.kind)),
                        range,
                    }
                })
                .collect(),
            differs: false,
        });
    }
    rows
}

/// The order of the columns when sorted by how many conditions are unmet (fewest first; ties
/// keep the sets' order).
pub fn order_by_unmet(c: &Comparison) -> Vec<usize> {
    // An insertion sort: at most 50 columns, stable, and no sort routine in the widget's wasm.
    let mut idx: Vec<usize> = Vec::with_capacity(c.columns.len());
    for i in 0..c.columns.len() {
        let at = idx
            .iter()
            .position(|&j| c.columns[j].unmet > c.columns[i].unmet)
            .unwrap_or(idx.len());
        idx.insert(at, i);
    }
    idx
}

/// Where two answers sets differ: the leaf paths (`park.floor_area_m2`, `park.roster[3].uscc`,
/// `organisation.top10_listed`), in document order, with a list's length change as its path.
pub fn answer_changes(a: &Value, b: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff_into(a, b, String::new(), &mut out);
    out
}

fn diff_into(a: &Value, b: &Value, path: String, out: &mut Vec<String>) {
    const LIMIT: usize = 500;
    if out.len() >= LIMIT || a == b {
        return;
    }
    let join = |k: &str| super::path::key(&path, k);
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().collect();
            keys.extend(y.keys().filter(|k| !x.contains_key(*k)));
            for k in keys {
                if matches!(k.as_str(), "format" | "version") {
                    continue;
                }
                let null = Value::Null;
                diff_into(
                    x.get(k).unwrap_or(&null),
                    y.get(k).unwrap_or(&null),
                    join(k),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if path.ends_with("topics") => {
            let _ = (x, y);
            out.push(path);
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                out.push(path.clone());
            }
            for (i, (p, q)) in x.iter().zip(y.iter()).enumerate() {
                diff_into(p, q, format!("{path}[{i}]"), out);
            }
        }
        _ => out.push(path),
    }
}

/// The rows whose cells differ between columns `a` and `b`.
pub fn changed_rows(c: &Comparison, a: usize, b: usize) -> Vec<&Row> {
    c.rows
        .iter()
        .filter(|r| match (r.cells.get(a), r.cells.get(b)) {
            (Some(x), Some(y)) => x.state != y.state || x.range != y.range,
            _ => false,
        })
        .collect()
}

/// The question path of an answer path: `park.roster[3].uscc` → `park.roster[].uscc`.
pub fn question_path(path: &str) -> String {
    super::path::column(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy;

    fn example(name: &str) -> AnswerStore {
        let path = format!(
            "{}/src/policy/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let e = policy::default_edition().unwrap();
        AnswerStore::from_json(&e, &std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn three_parks_side_by_side_agree_with_their_own_evaluations() {
        let e = policy::default_edition().unwrap();
        let (a, b) = (example("park-passes"), example("park-one-firm-short"));
        let sets = vec![("A".to_string(), &a), ("B".to_string(), &b)];
        let c = compare(&e, AnswersKind::Park, &sets, date("2024-06-30"));
        assert_eq!(c.columns.len(), 2);
        assert_eq!(c.rows[0].kind, RowKind::Headline);
        let firms = c.rows.iter().find(|r| r.id == "park.4.3.firms").unwrap();
        assert_eq!(firms.cells[0].state, CellState::Verdict(Verdict::Met));
        assert_eq!(firms.cells[1].state, CellState::Verdict(Verdict::NotMet));
        assert!(firms.differs);
        assert_eq!(firms.cells[1].figure.as_ref().unwrap().zh, "19 家 / 20");
        let area = c.rows.iter().find(|r| r.id == "park.4.2.area").unwrap();
        assert!(!area.differs, "same verdict: not highlighted");
        assert_eq!(order_by_unmet(&c), vec![0, 1]);
        assert_eq!(c.columns[1].unmet, 1);
        assert_eq!(changed_rows(&c, 0, 1).len(), 2, "headline and firms");
    }

    #[test]
    fn other_kinds_are_left_out_and_changes_are_leaf_paths() {
        let e = policy::default_edition().unwrap();
        let (p, o) = (example("park-passes"), example("organisation-capped"));
        let sets = vec![("P".to_string(), &p), ("O".to_string(), &o)];
        let c = compare(&e, AnswersKind::Organisation, &sets, date("2024-06-30"));
        assert_eq!(c.columns.len(), 1);
        assert!(c.rows.iter().all(|r| r.cells.len() == 1));
        let mut v = o.to_value();
        v["organisation"]["top10_listed"] = Value::Bool(true);
        assert_eq!(
            answer_changes(&o.to_value(), &v),
            vec!["organisation.top10_listed".to_string()]
        );
        assert_eq!(question_path("park.roster[12].uscc"), "park.roster[].uscc");
    }
}
