//! The answers format: versioned, strict, errors that name the field,
//! migration from version 0, and the tri-state answers — read by the one reader, the typed
//! answer store, through the edition's declarations.

use hrs_widget::engine::{Answer, AnswerStore, AnswerValue as V, AnswersError};
use rust_decimal::Decimal;
use std::str::FromStr;

fn read(text: &str) -> Result<AnswerStore, AnswersError> {
    AnswerStore::from_json(
        &hrs_widget::policy::default_edition().expect("edition"),
        text,
    )
}

fn park(body: &str) -> String {
    format!(r#"{{"format":"hrs-answers","version":1,"kind":"park","park":{body}}}"#)
}

fn err(text: &str) -> (String, String) {
    let e = read(text).expect_err("must be rejected");
    (e.path.clone(), e.to_string())
}

#[test]
fn an_unknown_field_is_named() {
    let (path, msg) = err(&park(r#"{"floor_area":"3000"}"#));
    assert_eq!(path, "park.floor_area", "{msg}");
    assert!(msg.contains("floor_area"), "{msg}");
    let (path, _) = err(&park(r#"{"roster":[{"name":"a","colour":"red"}]}"#));
    assert_eq!(path, "park.roster[0].colour");
    let (_, msg) = err(r#"{"format":"hrs-answers","version":1,"kind":"park","extra":1}"#);
    assert!(msg.contains("extra"), "{msg}");
}

#[test]
fn a_wrong_type_is_named() {
    let (path, msg) = err(&park(r#"{"physically_concentrated":"yes"}"#));
    assert_eq!(path, "park.physically_concentrated", "{msg}");
    let (path, _) = err(&park(r#"{"events_held":-1}"#));
    assert_eq!(path, "park.events_held");
    let (path, _) = err(&park(r#"{"cancelled_on":"2023-02-30"}"#));
    assert_eq!(path, "park.cancelled_on");
}

#[test]
fn a_negative_area_is_a_clear_error() {
    let (path, msg) = err(&park(r#"{"floor_area_m2":"-5"}"#));
    assert_eq!(path, "park.floor_area_m2");
    assert!(msg.contains("must not be negative"), "{msg}");
    let (path, _) = err(&park(r#"{"floor_area_m2":-5}"#));
    assert_eq!(path, "park.floor_area_m2");
}

#[test]
fn an_unparseable_amount_is_a_clear_error() {
    let (path, msg) = err(&park(
        r#"{"roster":[{"name":"a","revenue_yuan":"twelve"}]}"#,
    ));
    assert_eq!(path, "park.roster[0].revenue_yuan");
    assert!(msg.contains("cannot read"), "{msg}");
    let (path, _) = err(&park(r#"{"revenue_this_year_yuan":true}"#));
    assert_eq!(path, "park.revenue_this_year_yuan");
}

#[test]
fn amounts_are_exact_decimals_from_strings_and_numbers() {
    let p = read(&park(
        r#"{"revenue_this_year_yuan":99999999.99,"revenue_last_year_yuan":"1,000,000.10","floor_area_m2":3000}"#,
    ))
    .expect("valid");
    assert_eq!(
        *p.field("revenue_this_year_yuan"),
        Answer::Value(V::Money(
            Decimal::from_str("99999999.99").unwrap_or_default()
        ))
    );
    assert_eq!(
        *p.field("revenue_last_year_yuan"),
        Answer::Value(V::Money(Decimal::from_str("1000000.1").unwrap_or_default()))
    );
    assert_eq!(
        *p.field("floor_area_m2"),
        Answer::Value(V::Area(Decimal::from(3000)))
    );
}

#[test]
fn not_answered_and_dont_know_are_kept_apart_and_round_trip() {
    let text = park(r#"{"floor_area_m2":{"dont_know":true},"investor":null,"events_held":3}"#);
    let a = read(&text).expect("valid");
    assert_eq!(*a.field("floor_area_m2"), Answer::DontKnow);
    assert_eq!(*a.field("investor"), Answer::NotAnswered);
    assert_eq!(*a.field("physically_concentrated"), Answer::NotAnswered);
    assert_eq!(*a.field("events_held"), Answer::Value(V::Count(3)));
    let again = read(&a.to_json()).expect("round trip");
    assert_eq!(again, a);
    assert!(a.to_json().contains("dont_know"));
    assert!(!a.to_json().contains("investor"));
}

#[test]
fn the_format_version_and_kind_are_checked() {
    let (path, _) = err(r#"{"format":"other","version":1,"kind":"park"}"#);
    assert_eq!(path, "format");
    let (path, msg) = err(r#"{"format":"hrs-answers","version":9,"kind":"park"}"#);
    assert_eq!(path, "version");
    assert!(msg.contains("unsupported"), "{msg}");
    let (path, _) = err(r#"{"format":"hrs-answers","version":1,"kind":"park","organisation":{}}"#);
    assert_eq!(path, "organisation");
    let (path, _) = err(r#"{"format":"hrs-answers","version":1,"kind":"firm"}"#);
    assert_eq!(path, "kind");
    let (_, msg) = err("{not json");
    assert!(msg.contains("not valid JSON"), "{msg}");
}

#[test]
fn version_0_migrates() {
    let v0 = r#"{"format":"hrs-answers","version":0,"kind":"park",
        "data":{"area_m2":"3200","investor":"unknown","roster":[{"name":"a","hr_service_firm":"unknown"}]}}"#;
    let a = read(v0).expect("migrates");
    assert_eq!(
        *a.field("floor_area_m2"),
        Answer::Value(V::Area(Decimal::from(3200)))
    );
    assert_eq!(*a.field("investor"), Answer::DontKnow);
    assert_eq!(
        *a.rows("roster")[0].get("hr_service_firm"),
        Answer::DontKnow
    );
    let v1 = a.to_value();
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["park"]["floor_area_m2"], "3200");

    let v0 = r#"{"format":"hrs-answers","version":0,"kind":"organisation",
        "data":{"registered_in_baotou":true,"headquarters_in_baotou":"unknown",
                "placements":[{"talent":"x","employer_in_baotou":true}]}}"#;
    let o = read(v0).expect("migrates");
    assert_eq!(*o.field("registered_in_city"), Answer::Value(V::Bool(true)));
    assert_eq!(*o.field("headquarters_in_city"), Answer::DontKnow);
    assert_eq!(
        *o.rows("placements")[0].get("employer_in_city"),
        Answer::Value(V::Bool(true))
    );
}

#[test]
fn the_schema_names_every_answer_field() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../src/engine/answers.schema.json"))
            .expect("schema is JSON");
    let park_props = schema["$defs"]["park"]["properties"]
        .as_object()
        .expect("park properties");
    let org_props = schema["$defs"]["organisation"]["properties"]
        .as_object()
        .expect("organisation properties");
    // Every schema property is accepted by the parser, and every default
    // serialised field is in the schema.
    for (kind, props) in [("park", park_props), ("organisation", org_props)] {
        for k in props.keys() {
            let text = format!(
                r#"{{"format":"hrs-answers","version":1,"kind":"{kind}","{kind}":{{"{k}":null}}}}"#
            );
            assert!(
                read(&text).is_ok(),
                "schema property {kind}.{k} is rejected"
            );
        }
    }
    let edition = hrs_widget::policy::default_edition().expect("edition");
    for q in edition.all_questions() {
        let Some((kind, rest)) = q.path.split_once('.') else {
            continue;
        };
        let top = rest.split(['[', '.']).next().unwrap_or(rest);
        let props = if kind == "park" {
            park_props
        } else {
            org_props
        };
        assert!(props.contains_key(top), "schema lacks {kind}.{top}");
    }
}

#[test]
fn numbers_read_as_people_write_them_the_same_as_in_the_form() {
    let p = read(&park(
        r#"{"revenue_this_year_yuan":"1.2亿","revenue_last_year_yuan":"８２０万元","floor_area_m2":"3,500平方米","events_held":"3场","notable_firms":2,"roster":[{"name":"a","revenue_yuan":"820万"}]}"#,
    ))
    .expect("valid");
    let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
    assert_eq!(
        *p.field("revenue_this_year_yuan"),
        Answer::Value(V::Money(d("120000000")))
    );
    assert_eq!(
        *p.field("revenue_last_year_yuan"),
        Answer::Value(V::Money(d("8200000")))
    );
    assert_eq!(*p.field("floor_area_m2"), Answer::Value(V::Area(d("3500"))));
    assert_eq!(*p.field("events_held"), Answer::Value(V::Count(3)));
    assert_eq!(*p.field("notable_firms"), Answer::Value(V::Count(2)));
    assert_eq!(
        *p.rows("roster")[0].get("revenue_yuan"),
        Answer::Value(V::Money(d("8200000")))
    );
}

#[test]
fn absurd_numbers_are_refused_by_field() {
    let (path, msg) = err(&park(r#"{"revenue_this_year_yuan":"100000000000001"}"#));
    assert_eq!(path, "park.revenue_this_year_yuan");
    assert!(msg.contains("too large"), "{msg}");
    let (path, msg) = err(&park(r#"{"revenue_this_year_yuan":0.001}"#));
    assert_eq!(path, "park.revenue_this_year_yuan");
    assert!(msg.contains("fen"), "{msg}");
    let (path, _) = err(&park(r#"{"floor_area_m2":"2亿"}"#));
    assert_eq!(path, "park.floor_area_m2");
    let (path, _) = err(&park(r#"{"events_held":2.5}"#));
    assert_eq!(path, "park.events_held");
    let (path, _) = err(&park(r#"{"notable_firms":"1000001"}"#));
    assert_eq!(path, "park.notable_firms");
}
