//! The edition data: verbatim originals, stable ids, questions that cover
//! every field a rule reads, and the content hash.

use std::collections::BTreeSet;

use hrs_widget::policy::{self, test_fields, AmountSpec, DocumentId, Edition, Source, Test};

const SEED: &str = include_str!("fixtures/seed-baotou-2022-55.txt");

fn edition() -> Edition {
    policy::default_edition().expect("default edition loads")
}

fn sources(e: &Edition) -> Vec<(&str, &Source)> {
    let mut v: Vec<(&str, &Source)> = vec![("validity", &e.validity_source)];
    v.push(("submission", &e.park.submission.source));
    v.push((e.park.barred.id.as_str(), &e.park.barred.source));
    v.extend(e.park.conditions.iter().map(|c| (c.id.as_str(), &c.source)));
    v.extend(e.park.materials.iter().map(|c| (c.id.as_str(), &c.source)));
    v.extend(e.park.procedure.iter().map(|c| (c.id.as_str(), &c.source)));
    v.extend(
        e.park
            .after_certification
            .iter()
            .map(|c| (c.id.as_str(), &c.source)),
    );
    v.extend(e.information.iter().map(|c| (c.id.as_str(), &c.source)));
    v.extend(e.service_formats.iter().map(|c| (c.id.as_str(), &c.source)));
    v.extend(e.non_duplication.iter().map(|c| (c.id.as_str(), &c.source)));
    v.extend(e.applicant.iter().map(|c| (c.id.as_str(), &c.source)));
    v.extend(e.no_effect.iter().map(|c| (c.id.as_str(), &c.source)));
    for m in &e.measures {
        v.push((m.id.as_str(), &m.source));
        v.extend(m.conditions.iter().map(|c| (c.id.as_str(), &c.source)));
        if let Some(cap) = &m.cap {
            v.push((cap.id.as_str(), &cap.source));
        }
    }
    v
}

#[test]
fn every_original_sentence_is_verbatim_from_the_notice() {
    let e = edition();
    for (id, s) in sources(&e) {
        assert!(!s.original.is_empty(), "{id}: empty original");
        assert!(
            SEED.contains(&s.original),
            "{id}: original not found verbatim: {}",
            s.original
        );
        assert!(
            !s.gloss.en.is_empty() && !s.gloss.zh.is_empty(),
            "{id}: gloss missing"
        );
        assert!(!s.cite.article.is_empty(), "{id}: no article");
    }
}

#[test]
fn the_content_hash_is_the_sha256_of_the_file() {
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "baotou-2022-55")
        .expect("bundled");
    let e = Edition::from_json(b.json).expect("loads");
    assert_eq!(e.content_hash, policy::sha256_hex(b.json.as_bytes()));
    assert_eq!(e.content_hash.len(), 64);
    // build.rs hashes the file for the bundle (the browser does not hash); both agree.
    assert_eq!(b.sha256, e.content_hash);
    assert_eq!(
        policy::default_edition().expect("default").content_hash,
        e.content_hash
    );
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/policy/editions/baotou-2022-55.json"
    ))
    .expect("edition file");
    assert_eq!(b.sha256, policy::sha256_hex(&file));
    // Any change to the bytes changes the hash.
    let changed = b.json.replacen("3000", "3001", 1);
    assert_ne!(
        Edition::from_json(&changed).expect("loads").content_hash,
        e.content_hash
    );
}

#[test]
fn the_validity_window_is_2022_07_01_to_2025_12_31() {
    let e = edition();
    assert_eq!(e.valid_from.to_string(), "2022-07-01");
    assert_eq!(e.valid_until.to_string(), "2025-12-31");
    assert_eq!(e.id, "baotou-2022-55");
}

#[test]
fn covers_policy_sections_a_b_c() {
    let e = edition();
    // A: 第四条 (一)–(六), 第五条 materials 1–4 and steps (一)–(三), 第九条.
    let clauses: BTreeSet<_> = e
        .park
        .conditions
        .iter()
        .filter_map(|c| c.source.cite.clause.clone())
        .collect();
    for c in ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)"] {
        assert!(clauses.contains(c), "第四条{c} missing");
    }
    assert_eq!(e.park.materials.len(), 4);
    assert_eq!(e.park.procedure.len(), 3);
    assert_eq!(e.park.barred.source.cite.article, "第九条");
    // B: 第一–十条.
    let mut articles: BTreeSet<String> = e
        .measures
        .iter()
        .map(|m| m.source.cite.article.clone())
        .collect();
    articles.extend(
        e.information
            .iter()
            .filter(|i| i.source.cite.document == DocumentId::Measures)
            .map(|i| i.source.cite.article.clone()),
    );
    for a in [
        "第一条",
        "第二条",
        "第三条",
        "第四条",
        "第五条",
        "第六条",
        "第七条",
        "第八条",
        "第九条",
        "第十条",
    ] {
        assert!(articles.contains(a), "measures {a} missing");
    }
    // C: six service formats.
    assert_eq!(e.service_formats.len(), 6);
    assert!(!e.non_duplication.is_empty());
}

#[test]
fn ids_are_unique_and_stable_in_form() {
    let e = edition();
    let ids = e.rule_ids();
    let set: BTreeSet<_> = ids.iter().collect();
    assert_eq!(set.len(), ids.len());
    for id in ids {
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'),
            "{id}"
        );
    }
}

/// Every field a rule reads is a question, and one some rule is listed under (the table
/// kinds are read through their columns). Whether each is of a kind its test reads is the load
/// check below.
#[test]
fn every_field_a_rule_reads_is_a_question_a_rule_is_listed_under() {
    let e = edition();
    let mut fields: Vec<String> = Vec::new();
    let mut conds = vec![&e.park.barred];
    conds.extend(e.park.conditions.iter());
    for m in &e.measures {
        conds.extend(m.conditions.iter());
        if let Some(AmountSpec::FromField { field, .. }) = &m.amount {
            fields.push(field.clone());
        }
        if let Some(c) = &m.cap {
            fields.push(c.field.clone());
        }
    }
    for c in conds {
        fields.extend(test_fields(&c.test));
    }
    for f in fields {
        assert!(e.question(&f).is_some(), "no question for {f}");
        assert!(
            !e.rules_using(&f).is_empty()
                || f.ends_with("roster")
                || f.contains("talents")
                || f.contains("placements"),
            "no rule is listed under {f}"
        );
    }
}

/// Review R7: a field a test reads must be declared with a kind that test reads (a threshold a
/// number of its unit, `yes` a yes/no, `elapsed` a date, `topics` a yes/no report and a
/// multi-choice list, an amount a number); a field of another kind, or not declared at all,
/// refuses the edition at load naming the rule, the field and the kind expected.
#[test]
fn a_field_a_test_reads_is_declared_with_a_kind_the_test_reads_or_the_edition_is_refused() {
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "baotou-2022-55")
        .expect("bundled 2022 edition");
    assert!(Edition::from_json(b.json).is_ok());
    for (from, to, says) in [
        // `yes` on a text answer
        (
            "\"test\": \"yes\",\n     \"field\": \"park.fits_city_planning\"",
            "\"test\": \"yes\",\n     \"field\": \"park.name\"",
            "reads park.name, which is declared Text; expected YesNo",
        ),
        // a threshold in m² on a date
        (
            "\"field\": \"park.floor_area_m2\",\n     \"min\": \"3000\"",
            "\"field\": \"park.cancelled_on\",\n     \"min\": \"3000\"",
            "reads park.cancelled_on, which is declared Date; expected M2",
        ),
        // `elapsed` on an amount
        (
            "\"test\": \"elapsed\",\n      \"field\": \"organisation.operating_since\"",
            "\"test\": \"elapsed\",\n      \"field\": \"organisation.city_retained_contribution_yuan\"",
            "which is declared Yuan; expected Date",
        ),
        // `topics` whose list is the yes/no report
        (
            "\"topics\": \"park.plan_report_topics\"",
            "\"topics\": \"park.plan_report\"",
            "expected MultiChoice",
        ),
        // a bar's date that is not declared
        (
            "\"since\": \"park.cancelled_on\"",
            "\"since\": \"park.cancelled_date\"",
            "reads park.cancelled_date, which is not a declared question",
        ),
        // an amount taken from a text answer
        (
            "\"amount\": \"from_field\",\n    \"field\": \"organisation.city_retained_contribution_yuan\"",
            "\"amount\": \"from_field\",\n    \"field\": \"organisation.name\"",
            "an amount reads organisation.name, which is declared Text",
        ),
    ] {
        assert!(b.json.contains(from), "{from}");
        let bad = b.json.replacen(from, to, 1);
        let err = Edition::from_json(&bad).expect_err(to);
        assert!(
            !err.path.is_empty() && err.message.contains(says),
            "{to}: {err:?}"
        );
    }
}

#[test]
fn every_question_is_labelled_in_both_languages() {
    let e = edition();
    for q in e.all_questions() {
        assert!(
            !q.label.zh.is_empty() && !q.label.en.is_empty(),
            "{}",
            q.path
        );
    }
}

#[test]
fn choice_options_match_the_data_they_stand_for() {
    let e = edition();
    let formats: Vec<_> = e.service_formats.iter().map(|f| f.id.clone()).collect();
    let q = e
        .question("park.roster[].service_format")
        .expect("format question");
    assert_eq!(
        q.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
        formats
    );
    let topics = e
        .park
        .conditions
        .iter()
        .find_map(|c| match &c.test {
            Test::Topics { required, .. } => {
                Some(required.iter().map(|t| t.id.clone()).collect::<Vec<_>>())
            }
            _ => None,
        })
        .expect("topics test");
    let q = e
        .question("park.plan_report_topics")
        .expect("topics question");
    assert_eq!(
        q.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
        topics
    );
}

#[test]
fn a_bad_edition_names_the_field() {
    let b = policy::bundled()[0];
    let broken = b.json.replacen("\"min\": \"3000\"", "\"min\": \"lots\"", 1);
    let err = Edition::from_json(&broken).expect_err("bad number");
    assert!(err.path.contains("park.conditions"), "{err}");
}

#[test]
fn adding_an_edition_is_dropping_a_file_in() {
    // build.rs bundles every *.json beside the default edition.
    let names: Vec<_> = policy::bundled().iter().map(|b| b.name).collect();
    assert!(names.contains(&"baotou-2022-55"));
    assert!(policy::bundled()
        .iter()
        .all(|b| !b.name.ends_with(".cases")));
}

/// Review R4: a mistake in an items rule (第七条 / 第九条) is an error when the edition loads —
/// not every row silently “unknown”. Each broken copy names the rule and the bad name.
#[test]
fn a_broken_items_rule_is_refused_naming_the_rule_and_the_bad_name() {
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "baotou-2022-55")
        .expect("bundled 2022 edition");
    assert!(Edition::from_json(b.json).is_ok());
    let cases = [
        // a misspelt column of a check
        (
            "\"column\": \"contract_months\"",
            "\"column\": \"contract_month\"",
            "contract_month",
        ),
        // a check reading a column of another kind (a date as a count)
        (
            "\"column\": \"contract_months\"",
            "\"column\": \"contract_start\"",
            "contract_start",
        ),
        // the column naming a row
        ("\"name\": \"talent\"", "\"name\": \"talents\"", "talents"),
        // the branch column
        (
            "\"branch_by\": \"basis\"",
            "\"branch_by\": \"bases\"",
            "bases",
        ),
        // a `when` value that is not an option of the branch column
        ("\"catalogue\"", "\"catalog\"", "catalog"),
        // the yes/no “are there any?” field
        (
            "\"none\": \"organisation.has_talents\"",
            "\"none\": \"organisation.has_talent\"",
            "has_talent",
        ),
        // the column that confirms the months
        (
            "\"confirmed_by\": \"full_time\"",
            "\"confirmed_by\": \"fulltime\"",
            "fulltime",
        ),
    ];
    for (from, to, named) in cases {
        assert!(b.json.contains(from), "{from}");
        let broken = b.json.replacen(from, to, 1);
        let err = Edition::from_json(&broken).expect_err(&format!("{to} must be refused"));
        assert!(err.path.starts_with("measures."), "{to}: {err}");
        assert!(err.to_string().contains(named), "{to}: {err}");
    }
}

/// Review L4: short titles are declared for every document or for none — one left out would be
/// cited silently by the 2022 notice's titles.
#[test]
fn short_titles_are_all_or_none() {
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "sample-successor")
        .expect("bundled sample");
    let mut v: serde_json::Value = serde_json::from_str(b.json).expect("json");
    assert!(Edition::from_json(b.json).is_ok());
    let docs = v["documents"].as_array_mut().expect("documents");
    assert!(docs.len() >= 2);
    docs[1]
        .as_object_mut()
        .expect("document")
        .remove("short_title");
    let err = Edition::from_json(&v.to_string()).expect_err("refused");
    assert_eq!(err.path, "documents", "{err}");
    assert!(err.to_string().contains("short_title"), "{err}");
    // None at all: the 2022 notice's titles, as before.
    for d in v["documents"].as_array_mut().expect("documents") {
        d.as_object_mut().expect("document").remove("short_title");
    }
    assert!(Edition::from_json(&v.to_string()).is_ok());
}

/// What the wizard takes from the questions is data the edition must give (issue 15 item 5:
/// no 2022 fallback in Rust): each step's title, each choice's options, a table's merge key and
/// whom a text answer names. A gap is refused when the edition loads, naming the question.
#[test]
fn the_wizards_data_is_declared_or_the_edition_is_refused() {
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "baotou-2022-55")
        .expect("bundled 2022 edition");
    let e = Edition::from_json(b.json).expect("loads");
    assert_eq!(
        e.question("park.roster")
            .and_then(|q| q.merge_by.as_deref()),
        Some("uscc")
    );
    let cases = [
        // a step without its title
        (
            "{\n    \"id\": \"nodup\",",
            "{\n    \"id\": \"no_dup\",",
            "organisation.already_received",
        ),
        // the roster merged by a column it does not have
        (
            "\"merge_by\": \"uscc\"",
            "\"merge_by\": \"code\"",
            "park.roster",
        ),
        // …or by a column that is not text
        (
            "\"merge_by\": \"uscc\"",
            "\"merge_by\": \"revenue_yuan\"",
            "park.roster",
        ),
        // two answers naming the applicant in one flow
        (
            "\"identifies\": [\n     \"code\"\n    ]",
            "\"identifies\": [\n     \"name\"\n    ]",
            "questions.organisation",
        ),
    ];
    for (from, to, at) in cases {
        assert!(b.json.contains(from), "{from}");
        let broken = b.json.replacen(from, to, 1);
        let err = Edition::from_json(&broken).expect_err(&format!("{to} must be refused"));
        assert_eq!(err.path, at, "{to}: {err}");
    }
    // A choice column without options (the roster's 服务业态 once took the edition's service
    // formats by the column's name, in Rust).
    let mut v: serde_json::Value = serde_json::from_str(b.json).expect("json");
    for q in v["questions"]["park"].as_array_mut().expect("park") {
        let columns = q
            .get_mut("columns")
            .and_then(serde_json::Value::as_array_mut);
        for c in columns.into_iter().flatten() {
            if c["path"] == "park.roster[].service_format" {
                c.as_object_mut().expect("column").remove("options");
            }
        }
    }
    let err = Edition::from_json(&v.to_string()).expect_err("refused");
    assert_eq!(err.path, "park.roster[].service_format", "{err}");
}

/// The roster tests name their table and columns in the edition (no Rust names `park.roster`):
/// a column that is not there, or not of the kind the test reads, refuses the edition at load.
#[test]
fn the_roster_tests_columns_are_declared_or_the_edition_is_refused() {
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "baotou-2022-55")
        .expect("bundled 2022 edition");
    let e = Edition::from_json(b.json).expect("loads");
    let counted: Vec<&policy::RosterColumns> = e
        .park
        .conditions
        .iter()
        .filter_map(|c| match &c.test {
            policy::Test::RosterHrFirms { roster, .. }
            | policy::Test::RosterFormats { roster, .. } => Some(roster),
            _ => None,
        })
        .collect();
    assert_eq!(counted.len(), 2, "第四条（三）: firms and formats");
    assert!(counted
        .iter()
        .all(|r| r.table == "park.roster" && r.code == "uscc"));
    for (from, to, says) in [
        // a column the table does not have
        (
            "\"code\": \"uscc\"",
            "\"code\": \"credit_code\"",
            "`code` column `credit_code`",
        ),
        // a column of another kind (revenue read as money, here a text)
        (
            "\"revenue\": \"revenue_yuan\"",
            "\"revenue\": \"name\"",
            "expected Yuan",
        ),
        // the licence column left out of a firm count with supporting formats
        (
            "\"hr_licence\": \"hr_licence\",",
            "",
            "needs an `hr_licence` column",
        ),
        // a table that is not declared
        (
            "\"table\": \"park.roster\"",
            "\"table\": \"park.residents\"",
            "not a declared table",
        ),
    ] {
        assert!(b.json.contains(from), "{from}");
        let bad = b.json.replacen(from, to, 1);
        let err = Edition::from_json(&bad).expect_err(to);
        assert!(
            err.path == "park.4.3.firms" && err.message.contains(says),
            "{to}: {err:?}"
        );
    }
}

/// Review L1: the roster's 服务业态 column offers the same formats as `service_formats` lists (the
/// count reads one, the importer and the form accept the other), or the edition is refused at
/// load: a format added to one list only would be dropped from imported cells or never counted.
#[test]
fn the_service_format_options_and_service_formats_agree_or_the_edition_is_refused() {
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "baotou-2022-55")
        .expect("bundled 2022 edition");
    let v: serde_json::Value = serde_json::from_str(b.json).expect("json");
    let with_options = |edit: &dyn Fn(&mut Vec<serde_json::Value>)| {
        let mut v = v.clone();
        for q in v["questions"]["park"].as_array_mut().expect("park") {
            let columns = q
                .get_mut("columns")
                .and_then(serde_json::Value::as_array_mut);
            for c in columns.into_iter().flatten() {
                if c["path"] == "park.roster[].service_format" {
                    edit(c["options"].as_array_mut().expect("options"));
                }
            }
        }
        Edition::from_json(&v.to_string())
    };
    assert!(with_options(&|_| {}).is_ok());
    // A format the column offers that service_formats does not list.
    let err = with_options(&|o| {
        o.push(serde_json::json!({"id": "spa", "label": {"zh": "康养", "en": "Spa"}}))
    })
    .expect_err("an option not in service_formats");
    assert!(
        err.path == "park.4.3.firms" && err.message.contains("options only: [spa]"),
        "{err:?}"
    );
    // A listed format the column does not offer.
    let err = with_options(&|o| {
        o.retain(|x| x["id"] != "high_end");
    })
    .expect_err("a service format the column does not offer");
    assert!(
        err.message.contains("service_formats only: [high_end]"),
        "{err:?}"
    );
}

/// A question's `ask_if` names a yes/no question of its own flow, or the edition is refused at
/// load naming the question (a misspelt gate, or one on a number, would read as unanswered
/// forever: the question asked or hidden by `or_unanswered` whatever the answers).
#[test]
fn a_gate_is_a_declared_yes_no_question_of_its_flow_or_the_edition_is_refused() {
    let b = policy::bundled()
        .iter()
        .find(|b| b.name == "baotou-2022-55")
        .expect("bundled 2022 edition");
    let gate = "\"path\": \"park.previously_cancelled\",\n     \"equals\": true";
    assert!(b.json.contains(gate));
    for (to, why) in [
        ("park.previously_canceled", "not declared"),
        ("park.floor_area_m2", "not yes/no"),
        ("organisation.registered_in_city", "another flow"),
    ] {
        let broken = b
            .json
            .replacen(gate, &gate.replace("park.previously_cancelled", to), 1);
        let err = Edition::from_json(&broken).expect_err(&format!("{to} ({why}) must be refused"));
        assert_eq!(err.path, "park.cancelled_on", "{to}: {err}");
        assert!(err.message.contains(to), "{to}: {err}");
    }
}
