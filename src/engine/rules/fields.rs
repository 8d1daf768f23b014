//! Reading an answer field by its path (`park.floor_area_m2`, `organisation.revenue_yuan`):
//! the answer seen through its type, and the list of scalar paths the engine can read.

#[allow(clippy::wildcard_imports)]
use super::*;

/// A field's answer, seen through its type.
pub(super) enum Field<'a> {
    Bool(&'a Answer<bool>),
    Text(&'a Answer<String>),
    Num(Answer<Decimal>),
    Date(&'a Answer<NaiveDate>),
    List(&'a Answer<Vec<String>>),
}

pub(super) fn num<T: Copy>(a: &Answer<T>, f: impl Fn(T) -> Decimal) -> Field<'static> {
    Field::Num(match a {
        Answer::NotAnswered => Answer::NotAnswered,
        Answer::DontKnow => Answer::DontKnow,
        Answer::Value(v) => Answer::Value(f(*v)),
    })
}

pub(super) fn park_field<'a>(a: &'a ParkAnswers, name: &str) -> Option<Field<'a>> {
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
        _ => return declared(a.declared_answer(name)?),
    })
}

pub(super) fn org_field<'a>(a: &'a OrganisationAnswers, name: &str) -> Option<Field<'a>> {
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
        _ => return declared(a.declared_answer(name)?),
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

pub(super) static NOT_ANSWERED_BOOL: Answer<bool> = Answer::NotAnswered;
static NOT_ANSWERED_TEXT: Answer<String> = Answer::NotAnswered;
static NOT_ANSWERED_DATE: Answer<NaiveDate> = Answer::NotAnswered;
static NOT_ANSWERED_LIST: Answer<Vec<String>> = Answer::NotAnswered;

/// The same field, read as not answered.
pub(super) fn not_answered(f: Field<'_>) -> Field<'static> {
    match f {
        Field::Bool(_) => Field::Bool(&NOT_ANSWERED_BOOL),
        Field::Text(_) => Field::Text(&NOT_ANSWERED_TEXT),
        Field::Num(_) => Field::Num(Answer::NotAnswered),
        Field::Date(_) => Field::Date(&NOT_ANSWERED_DATE),
        Field::List(_) => Field::List(&NOT_ANSWERED_LIST),
    }
}

/// A field only the edition declares, seen through its type.
fn declared(d: &Declared) -> Option<Field<'_>> {
    Some(match d {
        Declared::Bool(a) => Field::Bool(a),
        Declared::Text(a) => Field::Text(a),
        Declared::Num(a) => Field::Num(a.clone()),
        Declared::Date(a) => Field::Date(a),
        Declared::List(a) => Field::List(a),
        Declared::Rows(_) => return None,
    })
}

/// A cell of a table row, seen through its type.
pub(super) enum Cell<'a> {
    Bool(Answer<bool>),
    Text(Answer<&'a str>),
    Num(Answer<Decimal>),
    Date(Answer<NaiveDate>),
}

fn copied<T: Copy>(a: &Answer<T>) -> Answer<T> {
    a.as_ref().map(|v| *v)
}

fn text(s: &str) -> Cell<'_> {
    Cell::Text(Answer::Value(s))
}

/// A row of a table the engine reads by column.
pub(super) enum RowRef<'a> {
    Placement(&'a Placement),
    Talent(&'a Talent),
    /// A row of a table only the edition declares.
    Declared(&'a [(String, Declared)]),
}

impl<'a> RowRef<'a> {
    pub(super) fn cell(&self, column: &str) -> Option<Cell<'a>> {
        Some(match self {
            RowRef::Placement(p) => match column {
                "talent" => text(&p.talent),
                "employer" => text(&p.employer),
                "employer_in_city" => Cell::Bool(copied(&p.employer_in_city)),
                "contract_start" => Cell::Date(copied(&p.contract_start)),
                "contract_months" => Cell::Num(copied(&p.contract_months).map(Decimal::from)),
                _ => return None,
            },
            RowRef::Talent(t) => match column {
                "name" => text(&t.name),
                "basis" => Cell::Text(t.basis.as_ref().map(|b| match b {
                    TalentBasis::Catalogue => "catalogue",
                    TalentBasis::Principal => "principal",
                    TalentBasis::TechnicalHead => "technical_head",
                })),
                "category" => Cell::Num(copied(&t.category).map(Decimal::from)),
                "brought_in" => Cell::Bool(copied(&t.brought_in)),
                "full_time" => Cell::Bool(copied(&t.full_time)),
                "full_time_since" => Cell::Date(copied(&t.full_time_since)),
                _ => return None,
            },
            RowRef::Declared(cells) => match cells.iter().find(|(k, _)| k == column)?.1 {
                Declared::Bool(ref a) => Cell::Bool(copied(a)),
                Declared::Text(ref a) => Cell::Text(a.as_ref().map(String::as_str)),
                Declared::Num(ref a) => Cell::Num(a.clone()),
                Declared::Date(ref a) => Cell::Date(copied(a)),
                Declared::List(_) | Declared::Rows(_) => return None,
            },
        })
    }

    /// The text of a text cell ("" when it has none).
    pub(super) fn text(&self, column: &str) -> &'a str {
        match self.cell(column) {
            Some(Cell::Text(Answer::Value(s))) => s,
            _ => "",
        }
    }
}

/// The rows of the table at `path` (`organisation.placements`), `None` when the answers have no
/// such table. A table's rows count whatever its `ask_if` (the “any?” answer settles the test).
pub(super) fn table_rows<'a>(ctx: &Ctx<'a>, path: &str) -> Option<Vec<RowRef<'a>>> {
    let declared = |key: &str, d: Option<&'a Declared>| -> Option<Vec<RowRef<'a>>> {
        match d {
            Some(Declared::Rows(rows)) => Some(rows.iter().map(|r| RowRef::Declared(r)).collect()),
            Some(_) => None,
            // A table the edition declares and the answers do not list: no rows yet.
            None => ctx
                .edition
                .question(path)
                .filter(|q| q.kind == crate::policy::QuestionKind::Table && !key.is_empty())
                .map(|_| Vec::new()),
        }
    };
    if let Some(key) = path.strip_prefix("organisation.") {
        let o = ctx.org?;
        return match key {
            "placements" => Some(o.placements.iter().map(RowRef::Placement).collect()),
            "talents" => Some(o.talents.iter().map(RowRef::Talent).collect()),
            _ => declared(key, o.declared_answer(key)),
        };
    }
    let key = path.strip_prefix("park.")?;
    declared(key, ctx.park?.declared_answer(key))
}
