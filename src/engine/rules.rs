//! Evaluation of conditions and measures. Each kind of [`Test`] is evaluated
//! here with the thresholds the edition gives; nothing here knows a number
//! of the policy.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::policy::{
    AmountSpec, Condition, Edition, Measure, MoneyKind, NonDupGroup, Per, Recipient, Source, Test,
    Text, Unit, SUBMISSION_ID,
};
use crate::roster::uscc;

use super::answers::{Answer, MaterialStatus, OrganisationAnswers, ParkAnswers, TalentBasis};
use super::money;
use super::outcome::*;
use super::period;

/// A field's answer, seen through its type.
enum Field<'a> {
    Bool(&'a Answer<bool>),
    Text(&'a Answer<String>),
    Num(Answer<Decimal>),
    Date(&'a Answer<NaiveDate>),
    List(&'a Answer<Vec<String>>),
}

fn num<T: Copy>(a: &Answer<T>, f: impl Fn(T) -> Decimal) -> Field<'static> {
    Field::Num(match a {
        Answer::NotAnswered => Answer::NotAnswered,
        Answer::DontKnow => Answer::DontKnow,
        Answer::Value(v) => Answer::Value(f(*v)),
    })
}

fn park_field<'a>(a: &'a ParkAnswers, name: &str) -> Option<Field<'a>> {
    Some(match name {
        "name" => Field::Text(&a.name),
        "district" => Field::Text(&a.district),
        "applicant_government" => Field::Text(&a.applicant_government),
        "address" => Field::Text(&a.address),
        "contact_person" => Field::Text(&a.contact_person),
        "contact_phone" => Field::Text(&a.contact_phone),
        "previously_cancelled" => Field::Bool(&a.previously_cancelled),
        "cancelled_on" => Field::Date(&a.cancelled_on),
        "plan_report" => Field::Bool(&a.plan_report),
        "plan_report_topics" => Field::List(&a.plan_report_topics),
        "fits_city_planning" => Field::Bool(&a.fits_city_planning),
        "investor" => Field::Text(&a.investor),
        "physically_concentrated" => Field::Bool(&a.physically_concentrated),
        "floor_area_m2" => num(&a.floor_area_m2, |v| v.0),
        "supporting_services" => Field::Bool(&a.supporting_services),
        "revenue_year" => num(&a.revenue_year, Decimal::from),
        "revenue_this_year_yuan" => num(&a.revenue_this_year_yuan, |v| v.0),
        "revenue_last_year_yuan" => num(&a.revenue_last_year_yuan, |v| v.0),
        "complete_service_chain" => Field::Bool(&a.complete_service_chain),
        "operator_name" => Field::Text(&a.operator_name),
        "operating_rules" => Field::Bool(&a.operating_rules),
        "platform_url" => Field::Text(&a.platform_url),
        "platform_active" => Field::Bool(&a.platform_active),
        "district_policy_document" => Field::Text(&a.district_policy_document),
        "in_district_plan" => Field::Bool(&a.in_district_plan),
        "events_held" => num(&a.events_held, Decimal::from),
        "notable_firms" => num(&a.notable_firms, Decimal::from),
        "social_benefits" => Field::Bool(&a.social_benefits),
        _ => return None,
    })
}

fn org_field<'a>(a: &'a OrganisationAnswers, name: &str) -> Option<Field<'a>> {
    Some(match name {
        "hr_service_organisation" => Field::Bool(&a.hr_service_organisation),
        "name" => Field::Text(&a.name),
        "uscc" => Field::Text(&a.uscc),
        "district" => Field::Text(&a.district),
        "registered_in_city" => Field::Bool(&a.registered_in_city),
        "foreign_invested" => Field::Bool(&a.foreign_invested),
        "resident_in_park" => Field::Bool(&a.resident_in_park),
        "district_has_contribution_policy" => Field::Bool(&a.district_has_contribution_policy),
        "city_retained_contribution_yuan" => num(&a.city_retained_contribution_yuan, |v| v.0),
        "attracted_by_investment_promotion" => Field::Bool(&a.attracted_by_investment_promotion),
        "on_national_list" => Field::Bool(&a.on_national_list),
        "revenue_yuan" => num(&a.revenue_yuan, |v| v.0),
        "operating_since" => Field::Date(&a.operating_since),
        "outstanding_job_creation" => Field::Bool(&a.outstanding_job_creation),
        "regional_backbone_or_integrity" => Field::Bool(&a.regional_backbone_or_integrity),
        "headquarters_in_city" => Field::Bool(&a.headquarters_in_city),
        "local_contribution_two_years_yuan" => num(&a.local_contribution_two_years_yuan, |v| v.0),
        "top10_listed" => Field::Bool(&a.top10_listed),
        "national_integrity_title" => Field::Bool(&a.national_integrity_title),
        "hosts_industry_events" => Field::Bool(&a.hosts_industry_events),
        "founded_by_individual" => Field::Bool(&a.founded_by_individual),
        "meets_startup_loan_conditions" => Field::Bool(&a.meets_startup_loan_conditions),
        "small_or_micro" => Field::Bool(&a.small_or_micro),
        "applies_guarantee_loan" => Field::Bool(&a.applies_guarantee_loan),
        "trains_practitioners" => Field::Bool(&a.trains_practitioners),
        "has_placements" => Field::Bool(&a.has_placements),
        "has_talents" => Field::Bool(&a.has_talents),
        "founded_high_tech_enterprise" => Field::Bool(&a.founded_high_tech_enterprise),
        "tax_last_year_yuan" => num(&a.tax_last_year_yuan, |v| v.0),
        "hires_hard_to_employ_or_graduates" => Field::Bool(&a.hires_hard_to_employ_or_graduates),
        "provides_employment_services" => Field::Bool(&a.provides_employment_services),
        "other_employment_awards" => Field::Bool(&a.other_employment_awards),
        _ => return None,
    })
}

/// Scalar answer field paths the engine can read (tables and maps excluded).
pub fn is_scalar_field(path: &str) -> bool {
    let park = ParkAnswers::default();
    let org = OrganisationAnswers::default();
    if let Some(rest) = path.strip_prefix("park.") {
        park_field(&park, rest).is_some()
    } else if let Some(rest) = path.strip_prefix("organisation.") {
        org_field(&org, rest).is_some()
    } else {
        false
    }
}

/// The shared label and source of rule `id` (`Arc` clones), or fresh copies.
fn shared(ed: &Edition, id: &str, label: &Text, source: &Source) -> (Arc<Text>, Arc<Source>) {
    match ed.shared(id) {
        Some(x) => (Arc::clone(&x.label), Arc::clone(&x.source)),
        None => (Arc::new(label.clone()), Arc::new(source.clone())),
    }
}

fn sl(ed: &Edition, id: &str, label: &Text) -> Arc<Text> {
    ed.shared(id)
        .map_or_else(|| Arc::new(label.clone()), |x| Arc::clone(&x.label))
}

fn ss(ed: &Edition, id: &str, source: &Source) -> Arc<Source> {
    ed.shared(id)
        .map_or_else(|| Arc::new(source.clone()), |x| Arc::clone(&x.source))
}

/// What a test sees.
struct Ctx<'a> {
    edition: &'a Edition,
    park: Option<&'a ParkAnswers>,
    org: Option<&'a OrganisationAnswers>,
    as_of: NaiveDate,
    /// The park's roster summary, computed once.
    roster: std::cell::OnceCell<RosterSummary>,
}

impl<'a> Ctx<'a> {
    fn roster(&self) -> Option<&RosterSummary> {
        let p = self.park?;
        Some(self.roster.get_or_init(|| roster_summary(self.edition, p)))
    }

    /// A field's answer; a question that is not asked (its `ask_if` does not hold) reads as not
    /// answered: its answer is kept but does not count.
    fn field(&self, path: &str) -> Option<Field<'a>> {
        let f = if let Some(rest) = path.strip_prefix("park.") {
            self.park.and_then(|p| park_field(p, rest))
        } else if let Some(rest) = path.strip_prefix("organisation.") {
            self.org.and_then(|o| org_field(o, rest))
        } else {
            None
        }?;
        Some(if self.asked(path) { f } else { not_answered(f) })
    }

    /// Is the question at `path` asked, given the other answers? (Questions without `ask_if`
    /// always are.) Gates may be gated themselves: the edition has no cycles (tested).
    fn asked(&self, path: &str) -> bool {
        let Some(g) = self.edition.question(path).and_then(|q| q.ask_if.as_ref()) else {
            return true;
        };
        match self.field(&g.path) {
            Some(Field::Bool(Answer::Value(b))) => *b == g.equals,
            _ => g.or_unanswered,
        }
    }

    fn label(&self, path: &str) -> Text {
        self.edition
            .question(path)
            .map(|q| q.label.clone())
            .unwrap_or_else(|| Text::new(path, path))
    }

    /// The label of a question, borrowed (the path itself if unknown).
    fn label_ref<'b>(&'b self, path: &'b str) -> (&'b str, &'b str) {
        match self.edition.question(path) {
            Some(q) => (q.label.zh.as_str(), q.label.en.as_str()),
            None => (path, path),
        }
    }

    /// The gap of an unanswered field (of its gate, while the field is not asked).
    fn needs(&self, path: &str) -> Gap {
        let path = self.asked_gate(path);
        let (zh, en) = self.label_ref(path);
        Gap {
            text: Text::new(cat(&["需回答：", zh]), cat(&["needs an answer: ", en])),
            numbers: None,
            from: None,
            fields: vec![path.to_string()],
        }
    }
}

impl Ctx<'_> {
    /// The question to answer first for `path`: itself, or (while it is not asked) its gate.
    fn asked_gate<'p>(&'p self, path: &'p str) -> &'p str {
        let mut p = path;
        // Bounded: gates are a short chain in the data.
        for _ in 0..8 {
            if self.asked(p) {
                return p;
            }
            match self.edition.question(p).and_then(|q| q.ask_if.as_ref()) {
                Some(g) => p = g.path.as_str(),
                None => return p,
            }
        }
        p
    }
}

/// What it would take after a "没有" answer: to have one, and say so.
fn none_answered_gap(field: &str) -> Gap {
    Gap {
        text: Text::new(
            "如有，请改答“有”并逐一列出",
            "if there are any, answer “yes” and list them",
        ),
        numbers: None,
        from: None,
        fields: vec![field.to_string()],
    }
}

static NOT_ANSWERED_BOOL: Answer<bool> = Answer::NotAnswered;
static NOT_ANSWERED_TEXT: Answer<String> = Answer::NotAnswered;
static NOT_ANSWERED_DATE: Answer<NaiveDate> = Answer::NotAnswered;
static NOT_ANSWERED_LIST: Answer<Vec<String>> = Answer::NotAnswered;

/// The same field, read as not answered.
fn not_answered(f: Field<'_>) -> Field<'static> {
    match f {
        Field::Bool(_) => Field::Bool(&NOT_ANSWERED_BOOL),
        Field::Text(_) => Field::Text(&NOT_ANSWERED_TEXT),
        Field::Num(_) => Field::Num(Answer::NotAnswered),
        Field::Date(_) => Field::Date(&NOT_ANSWERED_DATE),
        Field::List(_) => Field::List(&NOT_ANSWERED_LIST),
    }
}

/// The questions not asked, given the answers (their `ask_if` does not hold): the view hides
/// them; their answers are kept and do not count.
pub(crate) fn not_asked(edition: &Edition, answers: &super::answers::Answers) -> Vec<String> {
    let (park, org, questions) = match answers {
        super::answers::Answers::Park(p) => (Some(p), None, &edition.questions.park),
        super::answers::Answers::Organisation(o) => {
            (None, Some(o), &edition.questions.organisation)
        }
    };
    let ctx = Ctx {
        edition,
        park,
        org,
        as_of: NaiveDate::MIN,
        roster: std::cell::OnceCell::new(),
    };
    questions
        .iter()
        .filter(|q| q.ask_if.is_some() && !ctx.asked(&q.path))
        .map(|q| q.path.clone())
        .collect()
}

/// Concatenate with one exact allocation (cheaper than `format!`).
fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// The raw result of a test, before the judgement flag.
struct Eval {
    verdict: Verdict,
    reason: Text,
    gap: Option<Gap>,
    items: Vec<ItemOutcome>,
    persons: u32,
}

impl Eval {
    fn new(verdict: Verdict, reason: Text, gap: Option<Gap>) -> Eval {
        Eval {
            verdict,
            reason,
            gap,
            items: Vec::new(),
            persons: 0,
        }
    }
    fn unknown(ctx: &Ctx, path: &str, a_dont_know: bool) -> Eval {
        let (zh, en) = ctx.label_ref(path);
        let reason = if a_dont_know {
            Text::new(
                cat(&["“", zh, "”答复为不清楚"]),
                cat(&["“", en, "” was answered “don't know”"]),
            )
        } else {
            Text::new(
                cat(&["“", zh, "”尚未回答"]),
                cat(&["“", en, "” is not answered"]),
            )
        };
        let gap = Gap {
            text: Text::new(cat(&["需回答：", zh]), cat(&["needs an answer: ", en])),
            numbers: None,
            from: None,
            fields: vec![path.to_string()],
        };
        Eval::new(Verdict::Unknown, reason, Some(gap))
    }
    /// A number so large that the arithmetic on it leaves what a decimal holds: unknown, with
    /// the field to correct (the reader bounds amounts; this is the last line, never a panic).
    fn beyond_range(ctx: &Ctx, path: &str, problems: &mut Vec<Problem>) -> Eval {
        let (zh, en) = ctx.label_ref(path);
        let t = beyond_range_text();
        problems.push(Problem {
            field: path.to_string(),
            message: t.clone(),
        });
        Eval::new(
            Verdict::Unknown,
            t,
            Some(Gap {
                text: Text::new(cat(&["请核对：", zh]), cat(&["check: ", en])),
                numbers: None,
                from: None,
                fields: vec![path.to_string()],
            }),
        )
    }
    fn bad_field(path: &str) -> Eval {
        Eval::new(
            Verdict::Unknown,
            Text::new(
                format!("版本数据引用了无法读取的字段 {path}"),
                format!("the edition refers to a field that cannot be read: {path}"),
            ),
            None,
        )
    }
}

fn beyond_range_text() -> Text {
    Text::new(
        "数额过大，超出可计算范围，请核对填写的金额",
        "the number is too large to compute with: please check the amount entered",
    )
}

fn unit_words(unit: Unit) -> (&'static str, &'static str) {
    match unit {
        Unit::M2 => ("平方米", "m²"),
        Unit::Yuan => ("元", "yuan"),
        Unit::Count => ("个", ""),
        Unit::Months => ("个月", "months"),
    }
}

fn show(d: Decimal, unit: Unit) -> (String, String) {
    match unit {
        Unit::Yuan => (
            money::wan_and_yuan(d),
            format!("CNY {}", money::group_thousands(d)),
        ),
        _ => {
            let (zh, en) = unit_words(unit);
            let n = d.normalize();
            (
                format!("{n} {zh}"),
                format!("{n} {en}").trim_end().to_string(),
            )
        }
    }
}

/// “届时本通知已不再有效” when `d` comes after the notice's last day in force.
fn after_validity(ctx: &Ctx, d: NaiveDate) -> Option<Text> {
    let until = ctx.edition.valid_until;
    (d > until).then(|| {
        Text::new(
            format!("届时本通知已不再有效（有效期至 {until}）"),
            format!("the notice will no longer be in force then (valid until {until})"),
        )
    })
}

/// `text` followed by the after-validity note for `d`, if any.
fn with_validity(ctx: &Ctx, text: Text, d: NaiveDate) -> Text {
    match after_validity(ctx, d) {
        Some(n) => Text::new(cat(&[&text.zh, "；", &n.zh]), cat(&[&text.en, "; ", &n.en])),
        None => text,
    }
}

/// A start date after the as-of date is a problem at its field, never a silent verdict.
fn future_date(
    ctx: &Ctx,
    d: NaiveDate,
    field: String,
    what: (&str, &str),
    problems: &mut Vec<Problem>,
) -> bool {
    if d <= ctx.as_of {
        return false;
    }
    problems.push(Problem {
        field,
        message: Text::new(
            format!("{}（{d}）晚于评估日期 {}", what.0, ctx.as_of),
            format!("the {} ({d}) is after the as-of date {}", what.1, ctx.as_of),
        ),
    });
    true
}

fn out_of_range(field: String, problems: &mut Vec<Problem>) {
    problems.push(Problem {
        field,
        message: Text::new("日期超出可计算范围", "date out of range"),
    });
}

fn eval_test(ctx: &Ctx, test: &Test, problems: &mut Vec<Problem>) -> Eval {
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
        Test::RosterHrFirms { min, .. } => roster_firms(ctx, *min),
        Test::RosterFormats { min } => roster_formats(ctx, *min),
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
                Answer::Value(d) => elapsed(ctx, field, *d, *months, problems),
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
                        let d = *d;
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
        Test::Placements {
            contract_min_months,
            worked_min_months,
        } => placements(ctx, *contract_min_months, *worked_min_months, problems),
        Test::Talents {
            max_category,
            tenure_months,
            tax_more_than,
            high_tech_field,
            tax_field,
        } => talents(
            ctx,
            *max_category,
            *tenure_months,
            *tax_more_than,
            high_tech_field,
            tax_field,
            problems,
        ),
    }
}

fn threshold(
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
                            format!("还差 {mz}（{}）", bare(&l.zh, uz)),
                            format!("{me} more ({})", bare(&l.en, ue)),
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
            let mut e = Eval::unknown(ctx, field, a == Answer::DontKnow);
            if let Some(g) = e.gap.as_mut() {
                g.text = Text::new(
                    format!("{}（须 {opz} {lz}）", g.text.zh),
                    format!("{} (must be {ope} {le})", g.text.en),
                );
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

fn growth(ctx: &Ctx, current: &str, previous: &str, problems: &mut Vec<Problem>) -> Eval {
    let (cur, prev) = match (ctx.field(current), ctx.field(previous)) {
        (Some(Field::Num(c)), Some(Field::Num(p))) => (c, p),
        _ => return Eval::bad_field(current),
    };
    let c = match cur {
        Answer::Value(c) => c,
        other => {
            let mut e = Eval::unknown(ctx, current, other == Answer::DontKnow);
            e.gap = Some(Gap {
                text: Text::new(
                    "需填写本年度营业收入才能判断增长",
                    "needs this year's revenue to judge growth",
                ),
                numbers: None,
                from: None,
                fields: vec![current.to_string()],
            });
            return e;
        }
    };
    let p = match prev {
        Answer::Value(p) => p,
        other => {
            let mut e = Eval::unknown(ctx, previous, other == Answer::DontKnow);
            e.gap = Some(Gap {
                text: Text::new(
                    "需填写上一年度营业收入才能判断增长",
                    "needs last year's revenue to judge growth",
                ),
                numbers: None,
                from: None,
                fields: vec![previous.to_string()],
            });
            return e;
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

fn roster_empty(ctx: &Ctx) -> Option<Eval> {
    match ctx.park {
        Some(p) if p.roster.is_empty() => Some(Eval::new(
            Verdict::Unknown,
            Text::new("花名册为空", "the roster is empty"),
            Some(ctx.needs("park.roster")),
        )),
        Some(_) => None,
        None => Some(Eval::bad_field("park.roster")),
    }
}

/// The supporting (上下游) formats of the edition's firm-count rule, if any.
fn supporting_formats(edition: &Edition) -> &[String] {
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
fn name_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What the roster adds up to: each firm once (by 统一社会信用代码, or by name where a
/// row has no code), and how each row counts toward 第四条（三）.
pub(crate) fn roster_summary(edition: &Edition, p: &ParkAnswers) -> RosterSummary {
    let mut s = RosterSummary {
        rows: p.roster.len(),
        ..RosterSummary::default()
    };
    let supporting = supporting_formats(edition);
    // Names of rows that carry a code: a row without a code and with one of these names is
    // the same firm listed again.
    let coded_names: BTreeSet<String> = p
        .roster
        .iter()
        .filter(|r| !r.uscc.trim().is_empty() && !r.name.trim().is_empty())
        .map(|r| name_key(&r.name))
        .collect();
    let mut seen: BTreeSet<std::borrow::Cow<'_, str>> = BTreeSet::new();
    let mut seen_names: BTreeSet<String> = BTreeSet::new();
    let mut formats: BTreeSet<&str> = BTreeSet::new();
    let mut total = Some(Decimal::ZERO);
    let mut any_rev = false;
    for (i, row) in p.roster.iter().enumerate() {
        let code = row.uscc.trim();
        let field = || format!("park.roster[{i}].uscc");
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
                    name: row.name.trim().to_string(),
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
            let key = name_key(&row.name);
            let repeat = if key.is_empty() {
                None
            } else if coded_names.contains(&key) {
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
                    field: format!("park.roster[{i}].name"),
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
        let supporting_format = match &row.service_format {
            Answer::Value(f) => supporting
                .iter()
                .any(|x| x == f)
                .then(|| edition.service_formats.iter().find(|x| &x.id == f))
                .map(|known| {
                    known.map_or((f.as_str(), f.as_str()), |k| {
                        (k.label.zh.as_str(), k.label.en.as_str())
                    })
                }),
            _ => None,
        };
        match (&row.hr_service_firm, supporting_format) {
            (Answer::Value(false), _) => firm_row(
                FirmStatus::NotCounted,
                Text::new("标为非人力资源服务企业", "marked as not an HR-service firm"),
                format!("park.roster[{i}].hr_service_firm"),
            ),
            (Answer::Value(true), Some((fz, fe))) => match row.hr_licence {
                Answer::Value(true) => {
                    let mut why = Text::new(
                        cat(&["属“", fz, "”（《行动方案》二（六）上下游服务业态），申报持有人力资源服务许可或备案，待核"]),
                        cat(&["in “", fe, "” (Action Plan 二(六), supporting services); says it holds an HR-service licence or 备案: to be checked"]),
                    );
                    if let Some(c) = &code_problem {
                        why = Text::new(cat(&[&why.zh, "；", &c.zh]), cat(&[&why.en, "; ", &c.en]));
                    }
                    firm_row(FirmStatus::Pending, why, format!("park.roster[{i}].hr_licence"));
                }
                Answer::Value(false) => firm_row(
                    FirmStatus::NotCounted,
                    Text::new(
                        cat(&["属“", fz, "”（《行动方案》二（六）上下游服务业态），未持人力资源服务许可或备案，不计入"]),
                        cat(&["in “", fe, "” (Action Plan 二(六), supporting services) without an HR-service licence or 备案: not counted"]),
                    ),
                    format!("park.roster[{i}].hr_licence"),
                ),
                _ => firm_row(
                    FirmStatus::Unknown,
                    Text::new(
                        cat(&["属“", fz, "”（上下游服务业态）：需回答是否持有人力资源服务许可或备案"]),
                        cat(&["in “", fe, "” (supporting services): needs an answer on an HR-service licence or 备案"]),
                    ),
                    format!("park.roster[{i}].hr_licence"),
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
                format!("park.roster[{i}].hr_service_firm"),
            ),
        }
        match &row.service_format {
            Answer::Value(f) => {
                if let Some(known) = edition.service_formats.iter().find(|x| &x.id == f) {
                    formats.insert(known.id.as_str());
                } else {
                    s.format_unknown += 1;
                    s.issues.push(RosterIssue {
                        row: i,
                        field: format!("park.roster[{i}].service_format"),
                        message: Text::new(
                            format!("无法识别的服务业态“{f}”"),
                            format!("unknown service format {f:?}"),
                        ),
                    });
                }
            }
            _ => s.format_unknown += 1,
        }
        match row.revenue_yuan {
            Answer::Value(v) => match total.and_then(|t| t.checked_add(v.0)) {
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
                            field: format!("park.roster[{i}].revenue_yuan"),
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

/// “第 3 行 某公司（why）；…”, at most `max` rows, then “等 N 行”.
fn name_rows<'r>(rows: impl Iterator<Item = &'r FirmRow>, max: usize) -> (Text, Vec<String>) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let mut fields = Vec::new();
    let mut n = 0usize;
    for r in rows {
        n += 1;
        fields.push(r.field.clone());
        if n <= max {
            let line = (r.row + 1).to_string();
            zh.push(cat(&[
                "第 ",
                &line,
                " 行 ",
                &r.name,
                "（",
                &r.reason.zh,
                "）",
            ]));
            en.push(cat(&["row ", &line, " ", &r.name, " (", &r.reason.en, ")"]));
        }
    }
    if n > max {
        zh.push(format!("等共 {n} 行"));
        en.push(format!("{n} rows in all"));
    }
    (Text::new(zh.join("；"), en.join("; ")), fields)
}

fn roster_firms(ctx: &Ctx, min: u32) -> Eval {
    if let Some(e) = roster_empty(ctx) {
        return e;
    }
    let Some(s) = ctx.roster() else {
        return Eval::bad_field("park.roster");
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
        let mut fields = vec!["park.roster".to_string()];
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

fn count_eval(
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

fn roster_formats(ctx: &Ctx, min: u32) -> Eval {
    if let Some(e) = roster_empty(ctx) {
        return e;
    }
    let Some(s) = ctx.roster() else {
        return Eval::bad_field("park.roster");
    };
    let have = u32::try_from(s.formats.len()).unwrap_or(u32::MAX);
    count_eval(
        have,
        s.format_unknown,
        min,
        ("种服务业态", "service format(s)"),
        "park.roster[].service_format",
        s.rows,
    )
}

fn elapsed(ctx: &Ctx, field: &str, d: NaiveDate, months: u32, problems: &mut Vec<Problem>) -> Eval {
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

/// Combine item verdicts: any met → met; else unknown; else the earliest
/// not-yet; else not met.
fn combine_items(items: &[ItemOutcome]) -> Verdict {
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
struct ItemCheck {
    not_met: bool,
    unknown: bool,
    not_yet: Option<NaiveDate>,
    zh: Vec<String>,
    en: Vec<String>,
}

impl ItemCheck {
    fn new() -> Self {
        ItemCheck {
            not_met: false,
            unknown: false,
            not_yet: None,
            zh: Vec::new(),
            en: Vec::new(),
        }
    }
    fn fail(&mut self, zh: String, en: String) {
        self.not_met = true;
        self.zh.push(zh);
        self.en.push(en);
    }
    fn unknown(&mut self, zh: &str, en: &str) {
        self.unknown = true;
        self.zh.push(format!("{zh}待确认"));
        self.en.push(format!("{en} to be confirmed"));
    }
    fn ok(&mut self, zh: String, en: String) {
        self.zh.push(zh);
        self.en.push(en);
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

fn placements(ctx: &Ctx, contract_min: u32, worked_min: u32, problems: &mut Vec<Problem>) -> Eval {
    let Some(o) = ctx.org else {
        return Eval::bad_field("organisation.placements");
    };
    // "没有" settles 第七条: nothing to place (listed rows are kept, and do not count).
    if o.has_placements == Answer::Value(false) {
        return Eval::new(
            Verdict::NotMet,
            Text::new(
                "没有成功推荐的人才（已回答“没有”）",
                "no placements (answered “none”)",
            ),
            Some(none_answered_gap("organisation.has_placements")),
        );
    }
    if o.placements.is_empty() {
        return Eval::new(
            Verdict::Unknown,
            Text::new("未列出推荐的人才", "no placements listed"),
            Some(ctx.needs("organisation.placements")),
        );
    }
    let mut items = Vec::with_capacity(o.placements.len());
    for (i, p) in o.placements.iter().enumerate() {
        let mut c = ItemCheck::new();
        match p.employer_in_city {
            Answer::Value(true) => c.ok("用人单位在市内".into(), "employer in the city".into()),
            Answer::Value(false) => {
                c.fail("用人单位不在市内".into(), "employer not in the city".into())
            }
            _ => c.unknown("用人单位所在地", "employer's location"),
        }
        match p.contract_months {
            Answer::Value(m) if m >= contract_min => c.ok(
                format!("合同 {m} 个月 ≥ {contract_min}"),
                format!("contract {m} months ≥ {contract_min}"),
            ),
            Answer::Value(m) => c.fail(
                format!("合同 {m} 个月，不足 {contract_min} 个月"),
                format!("contract {m} months, less than {contract_min}"),
            ),
            _ => c.unknown("合同期限", "contract length"),
        }
        match p.contract_start {
            Answer::Value(d)
                if future_date(
                    ctx,
                    d,
                    format!("organisation.placements[{i}].contract_start"),
                    ("合同起始日期", "contract start"),
                    problems,
                ) =>
            {
                c.unknown(
                    "合同起始日期（晚于评估日期）",
                    "contract start (after the as-of date)",
                )
            }
            Answer::Value(d) => match period::last_day(d, worked_min) {
                Some(done) if done <= ctx.as_of => c.ok(
                    format!("{done} 工作满 {worked_min} 个月"),
                    format!("worked {worked_min} months on {done}"),
                ),
                Some(done) => {
                    c.not_yet = Some(done);
                    let t = with_validity(
                        ctx,
                        Text::new(
                            format!("{done} 起工作满 {worked_min} 个月"),
                            format!("{worked_min} months worked from {done}"),
                        ),
                        done,
                    );
                    c.ok(t.zh, t.en);
                }
                None => {
                    out_of_range(
                        format!("organisation.placements[{i}].contract_start"),
                        problems,
                    );
                    c.unknown("合同起始日期", "contract start");
                }
            },
            _ => c.unknown("合同起始日期", "contract start"),
        }
        items.push(ItemOutcome {
            index: i,
            path: format!("organisation.placements[{i}]"),
            name: if p.talent.trim().is_empty() {
                format!("#{}", i + 1)
            } else {
                p.talent.clone()
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
    let reason = Text::new(
        format!(
            "{} 名人才中 {qualifying} 名符合：{}（奖补按机构贡献程度一次确定，不按人数相乘）",
            items.len(),
            names.join("、")
        ),
        format!(
            "{qualifying} of {} placements qualify: {} (the award is set once by contribution, not multiplied by placements)",
            items.len(),
            names.join(", ")
        ),
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
            fields: vec!["organisation.placements".into()],
        }),
        Verdict::Unknown => Some(Gap {
            text: Text::new("需补全推荐人才的合同信息", "needs the placements' contract details"),
            numbers: None,
            from: None,
            fields: vec!["organisation.placements".into()],
        }),
        Verdict::NotMet => Some(Gap {
            text: Text::new(
                format!("还需 1 名合同 ≥ {contract_min} 个月、工作满 {worked_min} 个月的市内人才"),
                format!("1 placement with a contract ≥ {contract_min} months in the city and {worked_min} months worked"),
            ),
            numbers: Some(GapNumbers {
                unit: Unit::Count,
                needed: Decimal::ONE,
                have: Some(Decimal::ZERO),
                missing: Some(Decimal::ONE),
            }),
            from: None,
            fields: vec!["organisation.placements".into()],
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

#[allow(clippy::too_many_arguments)]
fn talents(
    ctx: &Ctx,
    max_category: u8,
    tenure: u32,
    tax_more_than: Decimal,
    high_tech_field: &str,
    tax_field: &str,
    problems: &mut Vec<Problem>,
) -> Eval {
    let Some(o) = ctx.org else {
        return Eval::bad_field("organisation.talents");
    };
    // "没有" settles 第九条: no one to put forward (listed rows are kept, and do not count).
    if o.has_talents == Answer::Value(false) {
        return Eval::new(
            Verdict::NotMet,
            Text::new(
                "没有符合条件的人才（已回答“没有”）",
                "no one to put forward (answered “none”)",
            ),
            Some(none_answered_gap("organisation.has_talents")),
        );
    }
    if o.talents.is_empty() {
        return Eval::new(
            Verdict::Unknown,
            Text::new("未列出人才", "no talents listed"),
            Some(ctx.needs("organisation.talents")),
        );
    }
    // Does the enterprise qualify (founded a high-tech enterprise, or paid
    // more than the tax threshold last year)? Some(true/false) or None.
    let high_tech = match ctx.field(high_tech_field) {
        Some(Field::Bool(Answer::Value(b))) => Some(*b),
        _ => None,
    };
    let tax = match ctx.field(tax_field) {
        Some(Field::Num(Answer::Value(t))) => Some(t > tax_more_than),
        _ => None,
    };
    let firm_ok = match (high_tech, tax) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    };
    let (tz, te) = show(tax_more_than, Unit::Yuan);
    let mut items = Vec::with_capacity(o.talents.len());
    for (i, t) in o.talents.iter().enumerate() {
        let mut c = ItemCheck::new();
        match t.basis {
            Answer::Value(TalentBasis::Catalogue) => {
                match t.category {
                    Answer::Value(k) if k >= 1 && k <= max_category => c.ok(
                        format!("目录第 {k} 类（{max_category} 类及以上）"),
                        format!("catalogue category {k} (≤ {max_category})"),
                    ),
                    Answer::Value(k) => c.fail(
                        format!("目录第 {k} 类，不在 {max_category} 类及以上"),
                        format!("catalogue category {k}, not 1–{max_category}"),
                    ),
                    _ => c.unknown("人才层次", "category"),
                }
                // 全职引进的: brought in by the firm, and full-time.
                match t.brought_in {
                    Answer::Value(true) => {
                        c.ok("由本企业引进".into(), "brought in by the firm".into())
                    }
                    Answer::Value(false) => c.fail(
                        "不是由本企业引进".into(),
                        "not brought in by the firm".into(),
                    ),
                    _ => c.unknown("是否由本企业引进", "brought in by the firm"),
                }
                match t.full_time {
                    Answer::Value(true) => c.ok("全职".into(), "full-time".into()),
                    Answer::Value(false) => c.fail("非全职".into(), "not full-time".into()),
                    _ => c.unknown("是否全职", "full-time"),
                }
            }
            Answer::Value(TalentBasis::Principal | TalentBasis::TechnicalHead) => {
                match firm_ok {
                    Some(true) => c.ok(
                        format!("企业创办高新技术企业或上年纳税超过 {tz}"),
                        format!("the firm founded a high-tech enterprise or paid more than {te} tax"),
                    ),
                    Some(false) => c.fail(
                        format!("企业未创办高新技术企业，上年纳税未超过 {tz}"),
                        format!("the firm founded no high-tech enterprise and paid no more than {te} tax"),
                    ),
                    None => c.unknown("企业是否创办高新技术企业或纳税额", "the firm's high-tech status or tax"),
                }
                // 连续2年全职聘用: full-time must be answered yes; unanswered is unknown.
                match t.full_time {
                    Answer::Value(true) => c.ok("全职".into(), "full-time".into()),
                    Answer::Value(false) => c.fail("非全职".into(), "not full-time".into()),
                    _ => c.unknown("是否全职", "full-time"),
                }
                match t.full_time_since {
                    Answer::Value(d)
                        if future_date(
                            ctx,
                            d,
                            format!("organisation.talents[{i}].full_time_since"),
                            ("全职起始日期", "full-time start"),
                            problems,
                        ) =>
                    {
                        c.unknown(
                            "全职起始日期（晚于评估日期）",
                            "full-time start (after the as-of date)",
                        )
                    }
                    Answer::Value(d) => match period::last_day(d, tenure) {
                        // Only a full-time answer makes the months full-time months.
                        Some(done) if done <= ctx.as_of && t.full_time == Answer::Value(true) => c
                            .ok(
                                format!("{done} 已连续全职 {tenure} 个月"),
                                format!("{tenure} months full-time on {done}"),
                            ),
                        Some(done) if done <= ctx.as_of => c.ok(
                            format!("自 {d} 起至 {done} 满 {tenure} 个月（须为全职）"),
                            format!("{tenure} months from {d} on {done} (must be full-time)"),
                        ),
                        Some(done) => {
                            c.not_yet = Some(done);
                            let x = with_validity(
                                ctx,
                                Text::new(
                                    format!("{done} 起连续全职满 {tenure} 个月"),
                                    format!("{tenure} months full-time from {done}"),
                                ),
                                done,
                            );
                            c.ok(x.zh, x.en);
                        }
                        None => {
                            out_of_range(
                                format!("organisation.talents[{i}].full_time_since"),
                                problems,
                            );
                            c.unknown("全职起始日期", "full-time start");
                        }
                    },
                    _ => c.unknown("全职起始日期", "full-time start"),
                }
            }
            _ => c.unknown("依据", "basis"),
        }
        items.push(ItemOutcome {
            index: i,
            path: format!("organisation.talents[{i}]"),
            name: if t.name.trim().is_empty() {
                format!("#{}", i + 1)
            } else {
                t.name.clone()
            },
            verdict: c.verdict(),
            reason: c.reason(),
        });
    }
    let verdict = combine_items(&items);
    let persons = items.iter().filter(|i| i.verdict == Verdict::Met).count();
    let reason = Text::new(
        format!("{} 人中 {persons} 人符合", items.len()),
        format!("{persons} of {} persons qualify", items.len()),
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
            fields: vec!["organisation.talents".into()],
        }),
        Verdict::Unknown => Some(Gap {
            text: Text::new("需补全人才信息", "needs the talents' details"),
            numbers: None,
            from: None,
            fields: vec!["organisation.talents".into()],
        }),
        Verdict::NotMet => Some(Gap {
            text: Text::new(
                format!("还需 1 名 {max_category} 类及以上全职人才，或符合条件的负责人"),
                format!("1 full-time person of category 1–{max_category}, or a qualifying principal / technical head"),
            ),
            numbers: Some(GapNumbers {
                unit: Unit::Count,
                needed: Decimal::ONE,
                have: Some(Decimal::ZERO),
                missing: Some(Decimal::ONE),
            }),
            from: None,
            fields: vec!["organisation.talents".into()],
        }),
        _ => None,
    };
    Eval {
        verdict,
        reason,
        gap,
        items,
        persons: u32::try_from(persons).unwrap_or(u32::MAX),
    }
}

/// Evaluate one condition: its test, then the judgement flag.
fn condition(
    ctx: &Ctx,
    c: &Condition,
    problems: &mut Vec<Problem>,
) -> (ConditionOutcome, Vec<ItemOutcome>, u32) {
    let e = eval_test(ctx, &c.test, problems);
    let mut verdict = e.verdict;
    let mut reason = e.reason;
    if c.judgement && verdict == Verdict::Met {
        verdict = Verdict::ForReviewers;
        reason = Text::new(
            format!("{}；是否满足由评审认定", reason.zh),
            format!(
                "{}; whether it is met is for the reviewers to judge",
                reason.en
            ),
        );
    }
    if c.in_principle && verdict == Verdict::NotMet {
        reason = Text::new(
            format!("{}（本条为“原则上”要求，由评审专家综合判断）", reason.zh),
            format!(
                "{} (an “in principle” requirement: the reviewers weigh it)",
                reason.en
            ),
        );
    }
    let (label, source) = shared(ctx.edition, &c.id, &c.label, &c.source);
    (
        ConditionOutcome {
            id: c.id.clone(),
            label,
            source,
            verdict,
            in_principle: c.in_principle,
            reason,
            gap: e.gap,
        },
        e.items,
        e.persons,
    )
}

pub(crate) fn park(
    edition: &Edition,
    answers: &ParkAnswers,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) -> ParkOutcome {
    let mut ctx = Ctx {
        edition,
        park: Some(answers),
        org: None,
        as_of,
        roster: std::cell::OnceCell::new(),
    };
    let p = &edition.park;
    let mut conditions = Vec::with_capacity(p.conditions.len() + 1);
    let (barred, _, _) = condition(&ctx, &p.barred, problems);
    let is_barred = barred.verdict == Verdict::NotMet;
    conditions.push(barred);
    for c in &p.conditions {
        conditions.push(condition(&ctx, c, problems).0);
    }
    let mut summary = ParkSummary {
        barred: is_barred,
        ..ParkSummary::default()
    };
    for c in &conditions {
        match c.verdict {
            Verdict::Met => summary.met += 1,
            Verdict::NotMet => summary.not_met += 1,
            Verdict::ForReviewers => summary.for_reviewers += 1,
            // A park condition is never "not yet"; count it as unknown.
            Verdict::Unknown | Verdict::NotYet { .. } => summary.unknown += 1,
        }
    }
    for key in answers.materials.keys() {
        if !p.materials.iter().any(|m| &m.id == key) {
            problems.push(Problem {
                field: format!("park.materials.{key}"),
                message: Text::new(
                    format!("无法识别的申报材料“{key}”"),
                    format!("unknown material {key:?}"),
                ),
            });
        }
    }
    let materials: Vec<MaterialOutcome> = p
        .materials
        .iter()
        .map(|m| MaterialOutcome {
            id: m.id.clone(),
            label: sl(edition, &m.id, &m.label),
            contents: edition
                .shared(&m.id)
                .map_or_else(|| Arc::new(m.contents.clone()), |x| Arc::clone(&x.contents)),
            source: ss(edition, &m.id, &m.source),
            status: match answers.materials.get(&m.id) {
                Some(MaterialStatus::Ready) => MaterialState::Ready,
                Some(MaterialStatus::Missing) => MaterialState::Missing,
                None => MaterialState::NotAnswered,
            },
        })
        .collect();
    summary.materials_ready = materials.iter().all(|m| m.status == MaterialState::Ready);
    summary.ready_for_review = summary.not_met == 0 && summary.unknown == 0;
    let roster = ctx
        .roster
        .take()
        .unwrap_or_else(|| roster_summary(edition, answers));
    let step = |s: &crate::policy::Step| StepOutcome {
        id: s.id.clone(),
        label: sl(edition, &s.id, &s.label),
        actor: edition
            .shared(&s.id)
            .map_or_else(|| Arc::new(s.actor.clone()), |x| Arc::clone(&x.actor)),
        source: ss(edition, &s.id, &s.source),
    };
    ParkOutcome {
        summary,
        conditions,
        roster,
        materials,
        submission: SubmissionOutcome {
            by: sl(edition, SUBMISSION_ID, &p.submission.by),
            to: edition.shared(SUBMISSION_ID).map_or_else(
                || Arc::new(p.submission.to.clone()),
                |x| Arc::clone(&x.actor),
            ),
            source: ss(edition, SUBMISSION_ID, &p.submission.source),
        },
        procedure: p.procedure.iter().map(step).collect(),
        after_certification: p.after_certification.iter().map(step).collect(),
    }
}

fn eligibility(conds: &[ConditionOutcome]) -> Eligibility {
    if conds.iter().any(|c| c.verdict == Verdict::NotMet) {
        return Eligibility::NotEligible;
    }
    if conds.iter().any(|c| c.verdict == Verdict::Unknown) {
        return Eligibility::Unknown;
    }
    let mut from: Option<NaiveDate> = None;
    for c in conds {
        if let Verdict::NotYet { from: f } = c.verdict {
            from = Some(from.map_or(f, |x| x.max(f)));
        }
    }
    match from {
        Some(f) => Eligibility::NotYet { from: f },
        None => Eligibility::Eligible,
    }
}

fn amount(
    ctx: &Ctx,
    m: &Measure,
    persons: Option<u32>,
    notes: &mut Vec<Text>,
) -> Option<AmountOutcome> {
    let spec = m.amount.as_ref()?;
    let (per_unit, per) = match spec {
        AmountSpec::Range { min, max, per } => (MoneyRange::new(*min, *max), *per),
        AmountSpec::FromField { field, per } => match ctx.field(field) {
            Some(Field::Num(Answer::Value(v))) => (MoneyRange::new(v, v), *per),
            _ => {
                let l = ctx.label(field);
                notes.push(Text::new(
                    format!("金额等于“{}”，该项未填写", l.zh),
                    format!("the amount equals “{}”, which is not given", l.en),
                ));
                return None;
            }
        },
    };
    let uncapped = match (per, persons) {
        (Per::PersonYear, Some(n)) => {
            let n = Decimal::from(n);
            match (per_unit.min.checked_mul(n), per_unit.max.checked_mul(n)) {
                (Some(min), Some(max)) => MoneyRange::new(min, max),
                _ => {
                    notes.push(beyond_range_text());
                    return None;
                }
            }
        }
        _ => per_unit,
    };
    let mut range = uncapped;
    let cap = m.cap.as_ref().map(|cap| {
        let value = match ctx.field(&cap.field) {
            Some(Field::Num(Answer::Value(v))) => Some(v),
            _ => None,
        };
        let (applied, note) = match value {
            Some(c) => {
                let applied = c < range.max;
                range = MoneyRange::new(range.min.min(c), range.max.min(c));
                let (cz, ce) = show(c, Unit::Yuan);
                if applied {
                    (
                        true,
                        Text::new(format!("按封顶 {cz} 压低了金额"), format!("lowered by the cap of {ce}")),
                    )
                } else {
                    (
                        false,
                        Text::new(format!("封顶 {cz} 不影响金额"), format!("the cap of {ce} does not bind")),
                    )
                }
            }
            None => {
                range = MoneyRange::new(Decimal::ZERO, range.max);
                let l = ctx.label(&cap.field);
                (
                    true,
                    Text::new(
                        format!("“{}”待确认，封顶无法确定，下限按 0 元计", l.zh),
                        format!("“{}” is unknown: the cap cannot be applied, so the minimum is shown as 0", l.en),
                    ),
                )
            }
        };
        CapOutcome {
            id: cap.id.clone(),
            label: sl(ctx.edition, &cap.id, &cap.label),
            source: ss(ctx.edition, &cap.id, &cap.source),
            cap: value,
            applied,
            note,
        }
    });
    let note = if m.after_assessment {
        Text::new(
            "金额在范围内经考核评估后确定，此处为估算，不是承诺",
            "The amount within the range is decided after assessment: an estimate, not a promise",
        )
    } else {
        Text::new("此处为估算，不是承诺", "An estimate, not a promise")
    };
    Some(AmountOutcome {
        range,
        uncapped,
        per_unit,
        per,
        persons: if per == Per::PersonYear {
            persons
        } else {
            None
        },
        cap,
        after_assessment: m.after_assessment,
        note,
    })
}

fn measure(
    ctx: &Ctx,
    m: &Measure,
    applicant: Option<&ConditionOutcome>,
    problems: &mut Vec<Problem>,
) -> MeasureOutcome {
    let mut conditions = Vec::with_capacity(m.conditions.len() + 1);
    // Every measure is for an HR-service organisation: the one answer, asked once, first.
    conditions.extend(applicant.cloned());
    let mut items = Vec::new();
    let mut persons: Option<u32> = None;
    for c in &m.conditions {
        let (co, its, n) = condition(ctx, c, problems);
        if matches!(c.test, Test::Talents { .. }) {
            persons = Some(n);
        }
        if !its.is_empty() {
            items = its;
        }
        conditions.push(co);
    }
    // A cap of 0 (no local fiscal contribution yet): the award cannot exceed it, so the measure
    // cannot be had now — said as a condition not met, never as “0 万元”.
    if let Some(cap) = &m.cap {
        if let Some(Field::Num(Answer::Value(c))) = ctx.field(&cap.field) {
            if c <= Decimal::ZERO {
                let (cz, ce) = show(c, Unit::Yuan);
                let l = ctx.label(&cap.field);
                let (label, source) = shared(ctx.edition, &cap.id, &cap.label, &cap.source);
                conditions.push(ConditionOutcome {
                    id: cap.id.clone(),
                    label,
                    source,
                    verdict: Verdict::NotMet,
                    in_principle: false,
                    reason: Text::new(
                        format!("暂不能享受：奖励不能超过“{}”，目前为 {cz}", l.zh),
                        format!(
                            "not eligible now: the award cannot exceed “{}”, which is {ce}",
                            l.en
                        ),
                    ),
                    gap: Some(Gap {
                        text: Text::new(
                            format!("“{}”大于 0 后方可享受", l.zh),
                            format!("possible once “{}” is above 0", l.en),
                        ),
                        numbers: None,
                        from: None,
                        fields: vec![cap.field.clone()],
                    }),
                });
            }
        }
    }
    let eligibility = eligibility(&conditions);
    let mut notes = Vec::new();
    if let Eligibility::NotYet { from } = eligibility {
        if let Some(n) = after_validity(ctx, from) {
            notes.push(Text::new(
                cat(&["最早 ", &from.to_string(), " 起满足条件，", &n.zh]),
                cat(&[
                    "Conditions are met from ",
                    &from.to_string(),
                    " at the earliest: ",
                    &n.en,
                ]),
            ));
        }
    }
    if conditions
        .iter()
        .any(|c| c.verdict == Verdict::ForReviewers)
    {
        notes.push(Text::new(
            "部分条件需经考核评估认定",
            "Some conditions are decided on assessment",
        ));
    }
    let amount = if eligibility == Eligibility::NotEligible {
        None
    } else {
        // While eligibility is open, a per-person amount counts at least the
        // one person who would make the measure eligible.
        let counted = match (eligibility, persons) {
            (Eligibility::Eligible, p) => p,
            (_, Some(n)) => Some(n.max(1)),
            (_, None) => None,
        };
        amount(ctx, m, counted, &mut notes).map(|mut a| {
            if a.persons.is_some() {
                a.persons = persons;
            }
            a
        })
    };
    let already_received = matches!(
        ctx.org.and_then(|o| o.already_received.get(&m.id)),
        Some(Answer::Value(true))
    );
    let has_money = matches!(m.kind, MoneyKind::Grant | MoneyKind::Loan);
    let counting = if !has_money || eligibility == Eligibility::NotEligible {
        Counting::NotCounted
    } else if already_received {
        notes.push(Text::new(
            "申请人表示已就同一事项享受过同类政策：按“就高从优、不重复享受”，不计入合计",
            "The applicant says it already received a similar benefit for the same matter: not added to the totals (no double benefit)",
        ));
        Counting::AlreadyReceived
    } else {
        Counting::Counted
    };
    let (label, source) = shared(ctx.edition, &m.id, &m.label, &m.source);
    MeasureOutcome {
        id: m.id.clone(),
        label,
        source,
        recipient: m.recipient,
        kind: m.kind,
        eligibility,
        conditions,
        amount,
        items,
        counting,
        already_received,
        notes,
    }
}

/// The range of “whichever is higher” of several ranges: the larger minimum, the larger maximum.
fn higher_of(ranges: impl Iterator<Item = MoneyRange>) -> Option<MoneyRange> {
    ranges.reduce(|a, b| MoneyRange::new(a.min.max(b.min), a.max.max(b.max)))
}

fn amount_words(r: Option<MoneyRange>) -> (String, String) {
    match r {
        Some(r) => (money::range_wan(&r), money::range_cny(&r)),
        None => (String::new(), String::new()),
    }
}

fn decide_group(ed: &Edition, g: &NonDupGroup, measures: &mut [MeasureOutcome]) -> NonDupDecision {
    let idx: Vec<usize> = g
        .members
        .iter()
        .filter_map(|id| measures.iter().position(|m| &m.id == id))
        .collect();
    let received: Option<usize> = idx
        .iter()
        .copied()
        .find(|&i| measures[i].counting == Counting::AlreadyReceived);
    let candidates: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| measures[i].counting == Counting::Counted)
        .collect();
    let range = |m: &MeasureOutcome| m.amount.as_ref().map(|a| a.range).unwrap_or_default();
    let names = |ms: &[MeasureOutcome], list: &[usize], sep_zh: &str, sep_en: &str| {
        let zh: Vec<&str> = list.iter().map(|&i| ms[i].label.zh.as_str()).collect();
        let en: Vec<&str> = list.iter().map(|&i| ms[i].label.en.as_str()).collect();
        (zh.join(sep_zh), en.join(sep_en))
    };
    let decision = |kept: Option<String>,
                    given_up: Vec<String>,
                    undecided: Vec<String>,
                    possible: Option<MoneyRange>,
                    settle: Vec<String>,
                    reason: Text| NonDupDecision {
        group: g.id.clone(),
        label: sl(ed, &g.id, &g.label),
        source: ss(ed, &g.id, &g.source),
        kept,
        given_up,
        undecided,
        possible,
        settle,
        reason,
    };
    if let Some(r) = received {
        let already = measures[r].id.clone();
        let (rz, re) = (measures[r].label.zh.clone(), measures[r].label.en.clone());
        for &i in &candidates {
            measures[i].counting = Counting::GivenUp {
                group: g.id.clone(),
                kept: already.clone(),
            };
        }
        let (gz, ge) = names(measures, &candidates, "、", ", ");
        let given_up = candidates.iter().map(|&i| measures[i].id.clone()).collect();
        let mut zh = format!("{}申请人已就同一事项享受过“{rz}”", g.reason.zh);
        let mut en = format!(
            "{} The applicant already received “{re}” for this matter",
            g.reason.en
        );
        if !candidates.is_empty() {
            zh.push_str(&format!("，“{gz}”不再计入"));
            en.push_str(&format!("; not counted: {ge}"));
        }
        zh.push('。');
        en.push('.');
        return decision(
            None,
            given_up,
            Vec::new(),
            None,
            Vec::new(),
            Text::new(zh, en),
        );
    }
    if candidates.len() <= 1 {
        let reason = match candidates.first() {
            Some(&k) => Text::new(
                format!("只有“{}”可能适用，无需取舍。", measures[k].label.zh),
                format!(
                    "Only “{}” may apply: nothing to choose.",
                    measures[k].label.en
                ),
            ),
            None => Text::new(
                "本组没有可能适用的项目。",
                "No member of this group may apply.",
            ),
        };
        let kept = candidates.first().map(|&k| measures[k].id.clone());
        let possible = candidates.first().map(|&k| range(&measures[k]));
        return decision(kept, Vec::new(), Vec::new(), possible, Vec::new(), reason);
    }
    // The highest wins — but only once it is certain: an eligible member whose smallest amount
    // is at least every other member's largest. Otherwise nothing is given up yet.
    let winner = candidates.iter().copied().find(|&k| {
        measures[k].eligibility == Eligibility::Eligible
            && candidates
                .iter()
                .all(|&i| i == k || range(&measures[k]).min >= range(&measures[i]).max)
    });
    if let Some(k) = winner {
        let kept_id = measures[k].id.clone();
        let others: Vec<usize> = candidates.iter().copied().filter(|&i| i != k).collect();
        for &i in &others {
            measures[i].counting = Counting::GivenUp {
                group: g.id.clone(),
                kept: kept_id.clone(),
            };
        }
        let (rz, re) = amount_words(Some(range(&measures[k])));
        let (gz, ge) = names(measures, &others, "、", ", ");
        let reason = Text::new(
            format!(
                "{}保留“{}”（{rz}），放弃“{gz}”。",
                g.reason.zh, measures[k].label.zh
            ),
            format!(
                "{} Kept “{}” ({re}); given up: {ge}.",
                g.reason.en, measures[k].label.en
            ),
        );
        let given_up = others.iter().map(|&i| measures[i].id.clone()).collect();
        return decision(
            Some(kept_id),
            given_up,
            Vec::new(),
            Some(range(&measures[k])),
            Vec::new(),
            reason,
        );
    }
    let possible = higher_of(candidates.iter().map(|&i| range(&measures[i])));
    let (pz, pe) = amount_words(possible);
    let (az, ae) = names(measures, &candidates, "”“", "”, “");
    let open: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| measures[i].eligibility != Eligibility::Eligible)
        .collect();
    let mut settle: Vec<String> = Vec::new();
    let mut gaps_zh: Vec<String> = Vec::new();
    let mut gaps_en: Vec<String> = Vec::new();
    for &i in &open {
        for c in &measures[i].conditions {
            if matches!(c.verdict, Verdict::Unknown | Verdict::NotYet { .. }) {
                if let Some(gp) = &c.gap {
                    gaps_zh.push(cat(&[&measures[i].label.zh, "：", &gp.text.zh]));
                    gaps_en.push(cat(&[&measures[i].label.en, ": ", &gp.text.en]));
                    for f in &gp.fields {
                        if !settle.contains(f) {
                            settle.push(f.clone());
                        }
                    }
                }
            }
        }
    }
    let reason = if open.is_empty() {
        Text::new(
            format!(
                "{}“{az}”均符合条件，金额经考核评估后确定，只享受其中较高的一项；本组按较高者计（{pz}），暂不放弃任何一项。",
                g.reason.zh
            ),
            format!(
                "{} “{ae}” both qualify; the amounts are set on assessment and only the higher is paid: the group counts once ({pe}); nothing is given up yet.",
                g.reason.en
            ),
        )
    } else {
        Text::new(
            format!(
                "{}“{az}”都仍可能适用，较高的一项条件尚未确定，暂不放弃任何一项；只享受其中较高的一项，本组按较高者计（{pz}）。待确定：{}。",
                g.reason.zh,
                gaps_zh.join("；")
            ),
            format!(
                "{} “{ae}” may all still apply and the higher one is not settled: nothing is given up yet; only the higher is paid, and the group counts once ({pe}). To settle it: {}.",
                g.reason.en,
                gaps_en.join("; ")
            ),
        )
    };
    let undecided = candidates.iter().map(|&i| measures[i].id.clone()).collect();
    decision(None, Vec::new(), undecided, possible, settle, reason)
}

/// The total of `recipient` and `kind` in `out`, made if missing.
fn total_for(out: &mut Vec<Total>, recipient: Recipient, kind: MoneyKind) -> &mut Total {
    let pos = match out
        .iter()
        .position(|t| t.recipient == recipient && t.kind == kind)
    {
        Some(p) => p,
        None => {
            out.push(Total {
                recipient,
                kind,
                eligible: MoneyRange::zero(),
                possible: MoneyRange::zero(),
                measures: Vec::new(),
            });
            out.len() - 1
        }
    };
    &mut out[pos]
}

fn add_to(sum: &mut MoneyRange, r: MoneyRange, label: &Text, problems: &mut Vec<Problem>) -> bool {
    match sum.checked_add(r) {
        Some(total) => {
            *sum = total;
            true
        }
        // Left out of the total and said so, rather than a wrong sum or a panic.
        None => {
            problems.push(Problem {
                field: "organisation".into(),
                message: Text::new(
                    format!("{}的金额超出可计算范围，未计入合计", label.zh),
                    format!(
                        "the amount of {} is beyond what can be computed and is not in the total",
                        label.en
                    ),
                ),
            });
            false
        }
    }
}

fn totals(
    measures: &[MeasureOutcome],
    groups: &[NonDupDecision],
    problems: &mut Vec<Problem>,
) -> Vec<Total> {
    let mut out: Vec<Total> = Vec::new();
    let undecided = |id: &str| groups.iter().any(|g| g.undecided.iter().any(|u| u == id));
    for m in measures {
        if m.counting != Counting::Counted
            || !matches!(m.kind, MoneyKind::Grant | MoneyKind::Loan)
            || undecided(&m.id)
        {
            continue;
        }
        let Some(a) = &m.amount else { continue };
        let t = total_for(&mut out, m.recipient, m.kind);
        if m.eligibility == Eligibility::Eligible {
            if add_to(&mut t.eligible, a.range, &m.label, problems) {
                t.measures.push(m.id.clone());
            }
        } else {
            add_to(&mut t.possible, a.range, &m.label, problems);
        }
    }
    // A group still undecided counts once, as the higher of its members: what the eligible
    // members give for sure, and up to the highest of all as what the others could add.
    for g in groups.iter().filter(|g| !g.undecided.is_empty()) {
        let members: Vec<&MeasureOutcome> = measures
            .iter()
            .filter(|m| g.undecided.contains(&m.id) && m.amount.is_some())
            .collect();
        let Some(first) = members.first() else {
            continue;
        };
        let (recipient, kind) = (first.recipient, first.kind);
        let range = |m: &&MeasureOutcome| m.amount.as_ref().map(|a| a.range).unwrap_or_default();
        let eligible: Vec<&MeasureOutcome> = members
            .iter()
            .copied()
            .filter(|m| m.eligibility == Eligibility::Eligible)
            .collect();
        let all = higher_of(members.iter().map(range)).unwrap_or_default();
        let sure = higher_of(eligible.iter().map(range));
        let t = total_for(&mut out, recipient, kind);
        match sure {
            Some(sure) => {
                if add_to(&mut t.eligible, sure, &first.label, problems) {
                    t.measures.extend(eligible.iter().map(|m| m.id.clone()));
                }
                let more = MoneyRange::new(
                    Decimal::ZERO,
                    all.max
                        .checked_sub(sure.max)
                        .unwrap_or_default()
                        .max(Decimal::ZERO),
                );
                add_to(&mut t.possible, more, &first.label, problems);
            }
            None => {
                add_to(&mut t.possible, all, &first.label, problems);
            }
        }
    }
    out.sort_by_key(|t| (t.recipient, t.kind));
    out
}

pub(crate) fn organisation(
    edition: &Edition,
    answers: &OrganisationAnswers,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) -> OrganisationOutcome {
    let ctx = Ctx {
        edition,
        park: None,
        org: Some(answers),
        as_of,
        roster: std::cell::OnceCell::new(),
    };
    for key in answers.already_received.keys() {
        if edition.measure(key).is_none() {
            problems.push(Problem {
                field: format!("organisation.already_received.{key}"),
                message: Text::new(
                    format!("无法识别的措施“{key}”"),
                    format!("unknown measure {key:?}"),
                ),
            });
        }
    }
    if let Answer::Value(code) = &answers.uscc {
        if !code.trim().is_empty() {
            if let Err(e) = uscc::validate(code) {
                problems.push(Problem {
                    field: "organisation.uscc".into(),
                    message: Text::new(e.zh(), e.to_string()),
                });
            }
        }
    }
    let applicant = edition
        .applicant
        .as_ref()
        .map(|c| condition(&ctx, c, problems).0);
    let mut measures: Vec<MeasureOutcome> = edition
        .measures
        .iter()
        .map(|m| measure(&ctx, m, applicant.as_ref(), problems))
        .collect();
    let non_duplication: Vec<NonDupDecision> = edition
        .non_duplication
        .iter()
        .map(|g| decide_group(edition, g, &mut measures))
        .collect();
    let totals = totals(&measures, &non_duplication, problems);
    OrganisationOutcome {
        measures,
        non_duplication,
        totals,
    }
}
