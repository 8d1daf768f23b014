//! Browser unit tests: run in headless Chromium by wasm-bindgen-test-runner
//! (`cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(all(target_arch = "wasm32", feature = "widget"))]

use chrono::NaiveDate;
use hrs_widget::ui::{i18n::Lang, App, AppProps};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The bundled edition the widget's answers are typed by.
fn edition() -> hrs_widget::policy::Edition {
    hrs_widget::policy::default_edition().expect("the bundled edition loads")
}

/// The text of a text answer (or table cell) at `path`.
fn text_at<'a>(a: &'a hrs_widget::engine::store::AnswerStore, path: &str) -> Option<&'a str> {
    a.get(path)?.value()?.as_str()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// Renders the widget into a fresh element and waits for Yew's first render.
async fn render(props: AppProps) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    gloo_timers::future::TimeoutFuture::new(20).await;
    root
}

/// The widget's props for a render as of 2024-06-30 (in force), no storage, no document module.
fn props_in_force(lang: Lang) -> AppProps {
    AppProps {
        lang,
        as_of: Some(date("2024-06-30")),
        today: date("2026-11-26"),
        storage_key: None,
        load_docs: None,
        open_full: None,
        initial: None,
        edition: None,
        loaded_edition: None,
    }
}

/// Clicks the element `selector` names inside `root`.
fn click(root: &web_sys::Element, selector: &str) {
    let element: web_sys::HtmlElement = wasm_bindgen::JsCast::dyn_into(
        root.query_selector(selector)
            .expect("query")
            .unwrap_or_else(|| panic!("{selector} is in the widget")),
    )
    .expect("an HTML element");
    element.click();
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("selector")
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn header_shows_the_notice_from_policy_data() {
    let root = render(AppProps {
        lang: Lang::Zh,
        as_of: None,
        today: date("2026-11-26"),
        storage_key: None,
        load_docs: None,
        open_full: None,
        initial: None,
        edition: None,
        loaded_edition: None,
    })
    .await;
    assert_eq!(text(&root, ".notice-no"), "包府办发〔2022〕55号");
    let docs = root.query_selector_all(".doc-title").expect("docs");
    assert_eq!(docs.length(), 3);
    assert!(text(&root, ".doc-list").contains("十项措施"));
    assert_eq!(text(&root, ".valid-from"), "2022-07-01");
    assert_eq!(text(&root, ".valid-until"), "2025-12-31");
    let banner = root.query_selector(".banner").expect("q").expect("banner");
    assert_eq!(
        banner.get_attribute("data-in-force").as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn the_edition_attribute_shows_the_sample_successor() {
    let root = render(AppProps {
        lang: Lang::Zh,
        as_of: Some(date("2026-12-05")),
        today: date("2026-12-05"),
        storage_key: None,
        load_docs: None,
        open_full: None,
        initial: None,
        edition: Some("sample-successor".into()),
        // Not bundled into the wasm: the loader fetches its text and hands it over at mount.
        loaded_edition: Some(hrs_widget::ui::LoadedEdition(std::rc::Rc::new(
            hrs_widget::policy::Edition::from_json(include_str!(
                "../src/policy/editions/sample-successor.json"
            ))
            .expect("the sample loads"),
        ))),
    })
    .await;
    assert_eq!(text(&root, ".notice-no"), "样例〔2026〕1号（虚构）");
    assert!(text(&root, ".edition-title").contains("【样例，非真实文件】"));
}

#[wasm_bindgen_test]
async fn in_force_inside_the_window_and_english_on_request() {
    let root = render(AppProps {
        lang: Lang::En,
        as_of: Some(date("2025-12-31")),
        today: date("2026-11-26"),
        storage_key: None,
        load_docs: None,
        open_full: None,
        initial: None,
        edition: None,
        loaded_edition: None,
    })
    .await;
    let banner = root.query_selector(".banner").expect("q").expect("banner");
    assert_eq!(
        banner.get_attribute("data-in-force").as_deref(),
        Some("true")
    );
    assert!(text(&root, ".widget-title").contains("policy"));
}

#[wasm_bindgen_test]
fn the_editions_named_cases_all_pass_in_the_browser() {
    use hrs_widget::engine::{run_cases, CaseFile};
    use hrs_widget::policy;
    let edition = policy::default_edition().expect("bundled edition");
    // The wasm32 bundle is the edition without whitespace, hashed by build.rs: the content hash
    // is still the file's.
    assert_eq!(
        edition.content_hash,
        policy::sha256_hex(include_bytes!("../src/policy/editions/baotou-2022-55.json"))
    );
    // wasm32 builds do not bundle the cases (the widget fetches them with the notice's text from
    // `<edition>.extras.json`); the test reads the file itself.
    assert!(policy::bundled().iter().all(|b| b.cases_json.is_none()));
    let json = include_str!("../src/policy/editions/baotou-2022-55.cases.json");
    let cases = CaseFile::from_json(json).expect("cases parse");
    let results = run_cases(&edition, &cases);
    assert!(results.len() > 40);
    let failed: Vec<_> = results
        .iter()
        .filter(|r| !r.passed)
        .map(|r| &r.name)
        .collect();
    assert!(failed.is_empty(), "failed in wasm: {failed:?}");
}

#[wasm_bindgen_test]
fn saved_state_recovers_what_it_can_in_the_browser() {
    use hrs_widget::ui::state::{from_saved, to_saved, Flow, State};
    let like = State::new(&edition());
    let (fresh, lost) = from_saved(&like, "{not json");
    assert_eq!(fresh.flow, Flow::Start);
    assert!(lost.is_some());
    let text = r#"{"format":"hrs-widget-state","version":1,"flow":"park","step":2,
        "park":{"format":"hrs-answers","version":1,"kind":"park","park":{"floor_area_m2":"3200","events_held":"many"}}}"#;
    let (s, lost) = from_saved(&like, text);
    assert_eq!(s.flow, Flow::Park);
    assert_eq!(s.step, 2);
    assert!(lost.is_some_and(|t| t.en.contains("park.events_held")));
    assert!(s.recovered);
    let again = to_saved(&s).to_string();
    let (back, lost) = from_saved(&like, &again);
    assert!(lost.is_none());
    assert_eq!(back.park, s.park);
    let _ = State::default();
}

#[wasm_bindgen_test]
fn saved_state_keeps_the_users_language_and_date() {
    use hrs_widget::ui::i18n::Lang;
    use hrs_widget::ui::state::{from_saved, to_saved, State};
    let like = State::new(&edition());
    // The start module's hand-over: the user's picks; a bad date reads as the host's (None).
    let text = r#"{"format":"hrs-widget-state","version":1,"handover":true,"flow":"park","step":0,
        "large_type":false,"lang":"en","as_of":"2024-06-30"}"#;
    let (s, lost) = from_saved(&like, text);
    assert!(lost.is_none());
    assert_eq!(s.lang, Some(Lang::En));
    assert_eq!(s.as_of, NaiveDate::from_ymd_opt(2024, 6, 30));
    let (back, _) = from_saved(&like, &to_saved(&s));
    assert_eq!((back.lang, back.as_of), (s.lang, s.as_of));
    let (none, _) = from_saved(
        &like,
        r#"{"format":"hrs-widget-state","version":1,"as_of":"2024-02-30"}"#,
    );
    assert_eq!((none.lang, none.as_of), (None, None));
    assert!(!to_saved(&none).contains("as_of"));
}

#[wasm_bindgen_test]
fn recovery_keeps_every_valid_row_and_field_in_one_pass_however_many_are_bad() {
    use hrs_widget::ui::state::{from_saved, State};
    // One non-object row among 10,000, one row with a bad cell, and 40 unknown fields.
    let mut rows: Vec<serde_json::Value> = (0..10_000)
        .map(|i| serde_json::json!({"name": format!("企业{i}"), "uscc": "91150200MA0N000000"}))
        .collect();
    rows[5_000] = serde_json::json!(7);
    rows[6_000]["revenue_yuan"] = serde_json::json!("lots");
    let mut park = serde_json::json!({"floor_area_m2": "3200", "roster": rows});
    for i in 0..40 {
        park[format!("unknown_{i}")] = serde_json::json!(true);
    }
    let record = serde_json::json!({"format":"hrs-widget-state","version":1,"flow":"park","step":0,
        "park":{"format":"hrs-answers","version":1,"kind":"park","park": park}});
    let (s, lost) = from_saved(&State::new(&edition()), &record.to_string());
    let lost = lost.expect("a notice");
    assert!(lost.zh.contains("42 项"), "{}", lost.zh);
    assert!(
        lost.en.contains("park.roster[5000]") && lost.en.contains("park.roster[6000].revenue_yuan"),
        "{}",
        lost.en
    );
    assert_eq!(
        s.park.rows("park.roster").len(),
        9_999,
        "only the non-object row is dropped"
    );
    assert_eq!(
        text_at(&s.park, "park.roster[5999].name"),
        Some("企业6000"),
        "the row with a bad cell keeps its other cells"
    );
    assert_eq!(
        s.park
            .get("park.floor_area_m2")
            .and_then(|a| a.value())
            .and_then(|v| v.number())
            .map(|d| d.to_string()),
        Some("3200".to_string())
    );
}

#[wasm_bindgen_test]
fn recovery_locates_a_bad_value_under_a_key_with_dots_and_keeps_the_flow() {
    use hrs_widget::engine::answers::Answer;
    use hrs_widget::engine::path;
    use hrs_widget::ui::state::{from_saved, Flow, State};
    // Measure ids hold dots (`measures.3.brand`): the core's path grammar quotes them, so the
    // dropped part is named by a path that leads back to it, and only it is dropped.
    let answers = serde_json::json!({"format":"hrs-answers","version":1,"kind":"organisation",
        "organisation": {"name": "某人力资源公司", "already_received":
            {"measures.3.brand": "perhaps", "measures.4.top10": true}}});
    let record = serde_json::json!({"format":"hrs-widget-state","version":1,"flow":"organisation",
        "step":3, "organisation": answers});
    let (s, lost) = from_saved(&State::new(&edition()), &record.to_string());
    let lost = lost.expect("a notice");
    let bad = r#"organisation.already_received["measures.3.brand"]"#;
    assert!(lost.en.contains(bad), "{}", lost.en);
    assert_eq!(
        path::get(&answers, bad),
        Some(&serde_json::json!("perhaps")),
        "the named path locates the bad value"
    );
    assert_eq!(s.flow, Flow::Organisation);
    assert_eq!(s.step, 3);
    assert_eq!(
        s.organisation.flag("already_received", "measures.4.top10"),
        Answer::Value(true),
        "the good entry beside it is kept"
    );
    assert_eq!(
        text_at(&s.organisation, "organisation.name"),
        Some("某人力资源公司")
    );
    assert_eq!(
        s.organisation.flag("already_received", "measures.3.brand"),
        Answer::NotAnswered
    );
}

#[wasm_bindgen_test]
fn two_tabs_merge_by_field_and_report_fields_both_changed() {
    use hrs_widget::ui::state::merge_answers;
    let file = |p: serde_json::Value| serde_json::json!({"format":"hrs-answers","version":1,"kind":"park","park": p});
    let base = file(serde_json::json!({"name": "园", "floor_area_m2": "3000"}));
    let mine = file(serde_json::json!({"name": "园", "floor_area_m2": "3300", "events_held": 2}));
    let theirs = file(serde_json::json!({"name": "新园", "floor_area_m2": "3500"}));
    let (mut conflicts, mut taken) = (Vec::new(), Vec::new());
    let merged =
        merge_answers(&base, &mine, &theirs, "park", &mut conflicts, &mut taken).expect("changed");
    assert_eq!(merged["park"]["name"], "新园", "their field arrives");
    assert_eq!(merged["park"]["events_held"], 2, "mine stays");
    assert_eq!(
        merged["park"]["floor_area_m2"], "3300",
        "both changed: mine kept"
    );
    assert_eq!(conflicts, vec!["park.floor_area_m2".to_string()]);
    assert_eq!(taken, vec!["park.name".to_string()]);
    let (mut none, mut t) = (Vec::new(), Vec::new());
    assert!(merge_answers(&base, &mine, &base, "park", &mut none, &mut t).is_none());
}

#[wasm_bindgen_test]
async fn choosing_the_park_flow_shows_its_first_step() {
    let root = render(props_in_force(Lang::Zh)).await;
    click(&root, "button[data-flow=\"park\"]");
    gloo_timers::future::TimeoutFuture::new(20).await;
    assert!(root
        .query_selector(".wizard[data-flow=\"park\"]")
        .expect("q")
        .is_some());
    assert!(root
        .query_selector("[data-name=\"park.name\"]")
        .expect("q")
        .is_some());
    assert_eq!(
        root.query_selector_all("li.condition").expect("q").length(),
        20,
        "第九条 + 19 conditions of 第四条, all shown from the first step"
    );
}

#[wasm_bindgen_test]
async fn the_trainer_says_so_when_the_notice_text_and_cases_cannot_be_fetched() {
    // The test runner serves no `<edition>.extras.json`: the article browser and the self-test
    // must say they could not load it (and the rest of the trainer keeps working).
    let root = render(props_in_force(Lang::En)).await;
    click(&root, "button[data-flow=\"trainer\"]");
    let mut message = String::new();
    for _ in 0..100 {
        gloo_timers::future::TimeoutFuture::new(30).await;
        message = text(&root, ".self-test .field-error");
        if !message.is_empty() {
            break;
        }
    }
    assert!(message.contains("Could not load"), "{message:?}");
    assert!(
        message.contains("baotou-2022-55.extras.json"),
        "{message:?}"
    );
    assert!(text(&root, ".article-browser .field-error").contains("Could not load"));
    assert!(root
        .query_selector("button[data-sample=\"park-passes\"]")
        .expect("q")
        .is_some());
}

/// The reducer's domain actions on the typed answers (moved here from a `#[cfg(test)]` module
/// that wasm-bindgen-test never ran). Earlier states must not change: answers are shared `Rc`s.
#[wasm_bindgen_test]
fn typed_answers_and_table_actions() {
    use hrs_widget::engine::answers::Answer;
    use hrs_widget::engine::store::Value;
    use hrs_widget::ui::state::{Action, Draft, State};
    use serde_json::json;
    use std::rc::Rc;
    use yew::Reducible;

    let rows = |s: &State| {
        let r = s.park.rows("park.roster");
        (!r.is_empty()).then(|| {
            r.iter()
                .map(|x| x.text("name").to_string())
                .collect::<Vec<_>>()
        })
    };
    let s0 = Rc::new(State::new(&edition()));
    let set = s0.clone().reduce(Action::SetAnswer(
        "park.floor_area_m2".into(),
        Value::Area(3000.into()),
    ));
    assert_eq!(
        set.park.get("park.floor_area_m2").and_then(|a| a.value()),
        Some(&Value::Area(3000.into()))
    );
    let dk = set
        .clone()
        .reduce(Action::SetDontKnow("park.floor_area_m2".into()));
    assert_eq!(dk.park.get("park.floor_area_m2"), Some(&Answer::DontKnow));
    let cleared = dk
        .clone()
        .reduce(Action::ClearAnswer("park.floor_area_m2".into()));
    assert!(hrs_widget::ui::state::is_empty_answers(&cleared.park));
    // Typed text that is not (yet) an answer is kept verbatim, the answer not given.
    let typed = cleared.clone().reduce(Action::Typed(
        "park.floor_area_m2".into(),
        Draft {
            raw: "3000.".into(),
            error: None,
        },
        Some(Value::Area(3000.into())),
    ));
    assert_eq!(
        typed
            .drafts
            .get("park.floor_area_m2")
            .map(|d| d.raw.as_str()),
        Some("3000.")
    );
    // A value the field refuses (a count out of its range) keeps the text with the message.
    let refused = s0.clone().reduce(Action::Typed(
        "park.events_held".into(),
        Draft {
            raw: "x".into(),
            error: None,
        },
        Some(Value::Text("x".into())),
    ));
    assert!(refused
        .drafts
        .get("park.events_held")
        .is_some_and(|d| d.error.is_some()));

    let s1 = s0.clone().reduce(Action::ImportRows(
        "park.roster".into(),
        vec![json!({"name": "a"})],
        true,
    ));
    let s2 = s1.clone().reduce(Action::ImportRows(
        "park.roster".into(),
        vec![json!({"name": "b"}), json!({"name": "c"})],
        true,
    ));
    let s3 = s2
        .clone()
        .reduce(Action::RemoveRow("park.roster".into(), 0));
    let s4 = s3.clone().reduce(Action::AddRow("park.roster".into()));
    let s5 = s4.clone().reduce(Action::Step(2));
    let s6 = s4.clone().reduce(Action::SetAnswer(
        "park.roster[2].name".into(),
        Value::Text("d".into()),
    ));
    assert_eq!(rows(&s0), None);
    assert_eq!(rows(&s1), Some(vec!["a".to_string()]));
    assert_eq!(rows(&s2), Some(vec!["a".into(), "b".into(), "c".into()]));
    assert_eq!(rows(&s3), Some(vec!["b".into(), "c".into()]));
    assert_eq!(rows(&s4), Some(vec!["b".into(), "c".into(), String::new()]));
    assert_eq!(rows(&s6), Some(vec!["b".into(), "c".into(), "d".into()]));
    // An action that does not touch the answers shares them.
    assert!(Rc::ptr_eq(&s4.park, &s5.park));
    // Text typed in a later row that is not an answer yet moves up with its row when an earlier
    // row is removed; the removed row's own draft goes.
    let draft = |raw: &str| Draft {
        raw: raw.into(),
        error: None,
    };
    let d1 = s2.clone().reduce(Action::Typed(
        "park.roster[0].revenue_yuan".into(),
        draft("12a"),
        None,
    ));
    let d2 = d1.clone().reduce(Action::Typed(
        "park.roster[2].revenue_yuan".into(),
        draft("3x"),
        None,
    ));
    let d3 = d2
        .clone()
        .reduce(Action::RemoveRow("park.roster".into(), 0));
    assert_eq!(
        d3.drafts
            .get("park.roster[1].revenue_yuan")
            .map(|d| d.raw.as_str()),
        Some("3x")
    );
    assert!(!d3.drafts.contains_key("park.roster[2].revenue_yuan"));
    assert!(!d3.drafts.values().any(|d| d.raw == "12a"));
    // Removing the last row removes the table.
    let one = s1
        .clone()
        .reduce(Action::RemoveRow("park.roster".into(), 0));
    assert_eq!(rows(&one), None);
    let none = s0
        .clone()
        .reduce(Action::ImportRows("park.roster".into(), Vec::new(), true));
    assert_eq!(rows(&none), None);
    // A key with dots is one step: the measure flag is set, and read back, by its quoted path.
    let flag = s0.clone().reduce(Action::SetAnswer(
        r#"organisation.already_received["measures.3.brand"]"#.into(),
        Value::Bool(true),
    ));
    assert_eq!(
        flag.organisation
            .flag("already_received", "measures.3.brand"),
        Answer::Value(true)
    );
}

/// Review R7: the import report's "新增 N 行，合并 M 行" is the reducer's own count, kept in the
/// state, so it always equals what the table holds — also when a row has a cell the table's
/// declaration refuses (that cell is left out and named; the row still counts).
#[wasm_bindgen_test]
fn the_import_count_is_the_reducers_and_matches_the_table() {
    use hrs_widget::ui::state::{Action, State};
    use serde_json::json;
    use std::rc::Rc;
    use yew::Reducible;

    let code = |n: u32| format!("9115020{n:011}");
    let s0 = Rc::new(State::new(&edition()));
    assert_eq!(s0.imported, None);
    let first = s0.reduce(Action::ImportRows(
        "park.roster".into(),
        vec![
            json!({"name": "甲", "uscc": code(1)}),
            json!({"name": "乙", "uscc": code(2)}),
        ],
        true,
    ));
    let r = first.imported.clone().expect("counted");
    assert_eq!((r.before, r.count.added, r.count.merged), (0, 2, 0));
    // 追加: one row merges by its code, one is new, one has a service format the table's
    // options refuse (a worker of another edition): that cell is left out, the row added.
    let again = first.reduce(Action::ImportRows(
        "park.roster".into(),
        vec![
            json!({"name": "甲（更名）", "uscc": code(1)}),
            json!({"name": "丙", "uscc": code(3)}),
            json!({"name": "丁", "uscc": code(4), "service_format": "no_such_format"}),
        ],
        true,
    ));
    let r = again.imported.clone().expect("counted");
    assert!(r.append);
    assert_eq!(r.table, "park.roster");
    assert_eq!(
        (r.before, r.count.incoming, r.count.added, r.count.merged),
        (2, 3, 2, 1)
    );
    let rows = again.park.rows("park.roster");
    assert_eq!(rows.len(), r.before + r.count.added);
    assert_eq!(rows[3].text("name"), "丁");
    assert!(rows[3].value("service_format").is_none());
    // The refused cell is part of the reducer's report (the import report names it by its
    // column's label), not a notice that shows its path.
    assert_eq!(r.dropped, vec!["park.roster[2].service_format".to_string()]);
    assert!(again.notices.is_empty(), "{:?}", again.notices);
    // 替换: the count is of the file's rows, the rows before said.
    let replaced = again.reduce(Action::ImportRows(
        "park.roster".into(),
        vec![json!({"name": "戊", "uscc": code(5)})],
        false,
    ));
    let r = replaced.imported.clone().expect("counted");
    assert_eq!((r.append, r.before, r.count.added), (false, 4, 1));
    assert_eq!(replaced.park.rows("park.roster").len(), 1);
}

/// The name that tells two versions of the answers apart is the field the edition declares as
/// naming the applicant (`identifies`), not a field Rust calls "name".
#[wasm_bindgen_test]
fn the_answers_name_is_the_field_the_edition_declares() {
    use hrs_widget::engine::store::Value;
    use hrs_widget::ui::state::{answers_name, Action, State};
    use std::rc::Rc;
    use yew::Reducible;

    let mut e = edition();
    let s = Rc::new(State::new(&e)).reduce(Action::SetAnswer(
        "park.name".into(),
        Value::Text(" 鹿城人力资源产业园 ".into()),
    ));
    assert_eq!(answers_name(&s.park).as_deref(), Some("鹿城人力资源产业园"));
    // An edition whose park is named by another field.
    for q in e.data.questions.park.iter_mut() {
        q.identifies.clear();
        if q.path == "park.operator_name" {
            q.identifies.push(hrs_widget::policy::Identity::Name);
        }
    }
    let s = Rc::new(State::new(&e))
        .reduce(Action::SetAnswer(
            "park.name".into(),
            Value::Text("园区".into()),
        ))
        .reduce(Action::SetAnswer(
            "park.operator_name".into(),
            Value::Text("运营公司".into()),
        ));
    assert_eq!(answers_name(&s.park).as_deref(), Some("运营公司"));
}

/// Review L6: the import report names every cell the reducer left empty — by its column's label,
/// a column the edition does not label by its key, a whole row that was not a row of cells by
/// its number — and an import the reducer refused says so instead of an empty headline.
#[wasm_bindgen_test]
async fn the_import_report_names_every_refused_cell_and_says_a_refused_import() {
    use hrs_widget::ui::state::{Action, State};
    use hrs_widget::ui::{dropped_names, ImportReport, ImportReportProps};
    use serde_json::json;
    use std::rc::Rc;
    use yew::Reducible;

    let e = edition();
    let s = Rc::new(State::new(&e)).reduce(Action::ImportRows(
        "park.roster".into(),
        vec![
            json!({"name": "甲", "service_format": "no_such_format"}),
            json!({"name": "乙", "staff": "12"}),
            json!("not a row"),
        ],
        true,
    ));
    let r = s.imported.clone().expect("counted");
    assert_eq!(r.dropped.len(), 3, "{:?}", r.dropped);
    let names = dropped_names(&e, Lang::Zh, "park.roster", &r.dropped);
    let report = |imported, names: Vec<String>, cells| ImportReportProps {
        lang: Lang::Zh,
        name: "花名册.csv".into(),
        table: "park.roster".into(),
        cancelled: false,
        unasked: true,
        imported,
        dropped: Rc::new(names),
        cells,
        problems: Rc::default(),
        more: 0,
    };
    let mount = |props: ImportReportProps| {
        let root = gloo::utils::document().create_element("div").expect("div");
        gloo::utils::body().append_child(&root).expect("append");
        yew::Renderer::<ImportReport>::with_root_and_props(root.clone(), props).render();
        root
    };
    let shown = mount(report(Some(r), names, 3));
    gloo_timers::future::TimeoutFuture::new(20).await;
    let line = text(&shown, ".cells-dropped");
    assert_eq!(
        line,
        "有 3 个单元格的内容不符合本政策版本的要求，未导入，已留空：“服务业态”、“staff”、导入的第 3 行（整行）",
    );
    assert!(!line.contains("park.roster"), "{line}");
    assert_eq!(
        text(&shown, ".import-headline"),
        "已从 花名册.csv 导入 2 行。"
    );

    // The reducer refused the rows (no count): the headline says so.
    let refused = mount(report(None, Vec::new(), 0));
    gloo_timers::future::TimeoutFuture::new(20).await;
    assert_eq!(
        text(&refused, ".import-headline"),
        "花名册.csv 中的行未加入花名册，原因见页面上方的提示。"
    );
    assert!(refused
        .query_selector(".cells-dropped")
        .expect("query")
        .is_none());
}

/// Review R1: deleting one saved scenario rewrites the others as they were stored, not as the
/// shown edition reads them (a field it does not declare may be another edition's).
#[wasm_bindgen_test]
async fn deleting_a_scenario_keeps_the_others_fields_the_shown_edition_does_not_declare() {
    let key = "hrs-test-r1";
    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("localStorage");
    let record = serde_json::json!({
        "format": "hrs-widget-scenarios", "version": 1, "scenarios": [
            { "name": "甲", "saved_on": "2026-12-01", "answers": { "format": "hrs-answers", "version": 1,
              "kind": "park", "park": { "name": "甲园区", "not_in_this_edition": "保留" } } },
            { "name": "乙", "saved_on": "2026-12-02", "answers": { "format": "hrs-answers", "version": 1,
              "kind": "park", "park": { "name": "乙园区" } } }
        ]
    });
    let scenarios_key = format!("{key}:scenarios");
    storage
        .set_item(&scenarios_key, &record.to_string())
        .expect("set");
    let _ = storage.remove_item(&format!("{scenarios_key}:backup"));
    let root = render(AppProps {
        storage_key: Some(key.into()),
        ..props_in_force(Lang::Zh)
    })
    .await;
    click(&root, "button[data-flow=\"compare\"]");
    let mut names = Vec::new();
    for _ in 0..100 {
        gloo_timers::future::TimeoutFuture::new(30).await;
        let items = root
            .query_selector_all("details.scenarios li strong")
            .expect("q");
        names = (0..items.length())
            .filter_map(|i| items.item(i).and_then(|n| n.text_content()))
            .collect();
        if !names.is_empty() {
            break;
        }
    }
    assert_eq!(names, ["甲", "乙"]);
    // The shown edition does not declare the field: the view says it leaves it out …
    assert!(text(&root, "details.scenarios").contains("not_in_this_edition"));
    click(
        &root,
        "li[data-scenario=\"乙\"] button[data-action=\"delete-scenario\"]",
    );
    gloo_timers::future::TimeoutFuture::new(30).await;
    let stored: serde_json::Value = serde_json::from_str(
        &storage
            .get_item(&scenarios_key)
            .expect("get")
            .expect("the record is still there"),
    )
    .expect("json");
    let list = stored["scenarios"].as_array().expect("a list");
    assert_eq!(list.len(), 1, "{stored}");
    assert_eq!(list[0]["name"], "甲");
    // … but the kept scenario's stored answers still hold it.
    assert_eq!(
        list[0]["answers"]["park"]["not_in_this_edition"], "保留",
        "{stored}"
    );
    let _ = storage.remove_item(&scenarios_key);
    let _ = storage.remove_item(&format!("{scenarios_key}:backup"));
}
