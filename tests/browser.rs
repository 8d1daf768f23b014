//! Browser unit tests: run in headless Chromium by wasm-bindgen-test-runner
//! (`cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(all(target_arch = "wasm32", feature = "widget"))]

use chrono::NaiveDate;
use hrs_widget::ui::{i18n::Lang, App, AppProps};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
    let (fresh, lost) = from_saved("{not json");
    assert_eq!(fresh.flow, Flow::Start);
    assert!(lost.is_some());
    let text = r#"{"format":"hrs-widget-state","version":1,"flow":"park","step":2,
        "park":{"format":"hrs-answers","version":1,"kind":"park","park":{"floor_area_m2":"3200","events_held":"many"}}}"#;
    let (s, lost) = from_saved(text);
    assert_eq!(s.flow, Flow::Park);
    assert_eq!(s.step, 2);
    assert!(lost.is_some_and(|t| t.en.contains("park.events_held")));
    assert!(s.recovered);
    let again = to_saved(&s).to_string();
    let (back, lost) = from_saved(&again);
    assert!(lost.is_none());
    assert_eq!(back.park, s.park);
    let _ = State::default();
}

#[wasm_bindgen_test]
fn recovery_keeps_every_valid_row_and_field_in_one_pass_however_many_are_bad() {
    use hrs_widget::ui::state::{from_saved, get_path};
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
    let (s, lost) = from_saved(&record.to_string());
    let lost = lost.expect("a notice");
    assert!(lost.zh.contains("42 项"), "{}", lost.zh);
    assert!(
        lost.en.contains("park.roster[5000]") && lost.en.contains("park.roster[6000].revenue_yuan"),
        "{}",
        lost.en
    );
    let roster = get_path(&s.park, "park.roster")
        .and_then(|v| v.as_array())
        .map(Vec::len);
    assert_eq!(roster, Some(9_999), "only the non-object row is dropped");
    assert_eq!(
        get_path(&s.park, "park.roster[5999].name").and_then(|v| v.as_str()),
        Some("企业6000"),
        "the row with a bad cell keeps its other cells"
    );
    assert_eq!(
        get_path(&s.park, "park.floor_area_m2").and_then(|v| v.as_str()),
        Some("3200")
    );
}

#[wasm_bindgen_test]
fn recovery_locates_a_bad_value_under_a_key_with_dots_and_keeps_the_flow() {
    use hrs_widget::engine::path;
    use hrs_widget::ui::state::{from_saved, get_path, Flow};
    // Measure ids hold dots (`measures.3.brand`): the core's path grammar quotes them, so the
    // dropped part is named by a path that leads back to it, and only it is dropped.
    let answers = serde_json::json!({"format":"hrs-answers","version":1,"kind":"organisation",
        "organisation": {"name": "某人力资源公司", "already_received":
            {"measures.3.brand": "perhaps", "measures.4.top10": true}}});
    let record = serde_json::json!({"format":"hrs-widget-state","version":1,"flow":"organisation",
        "step":3, "organisation": answers});
    let (s, lost) = from_saved(&record.to_string());
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
        get_path(
            &s.organisation,
            r#"organisation.already_received["measures.4.top10"]"#
        ),
        Some(&serde_json::json!(true)),
        "the good entry beside it is kept"
    );
    assert_eq!(
        get_path(&s.organisation, "organisation.name").and_then(|v| v.as_str()),
        Some("某人力资源公司")
    );
    assert_eq!(get_path(&s.organisation, bad), None);
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

/// JSON paths and the reducer's table actions (moved here from a `#[cfg(test)]` module that
/// wasm-bindgen-test never ran). Earlier states must not change: answers are shared `Rc`s.
#[wasm_bindgen_test]
fn paths_and_table_actions() {
    use hrs_widget::engine::answers::AnswersKind;
    use hrs_widget::ui::state::{empty_answers, get_path, set_path, Action, State};
    use serde_json::{json, Value};
    use std::rc::Rc;
    use yew::Reducible;

    let mut v = empty_answers(AnswersKind::Park);
    set_path(&mut v, "park.floor_area_m2", json!("3000"));
    assert_eq!(get_path(&v, "park.floor_area_m2"), Some(&json!("3000")));
    set_path(&mut v, "park.roster", json!([{}, {}]));
    set_path(&mut v, "park.roster[1].uscc", json!("X"));
    assert_eq!(get_path(&v, "park.roster[1].uscc"), Some(&json!("X")));
    set_path(&mut v, "park.floor_area_m2", Value::Null);
    assert_eq!(get_path(&v, "park.floor_area_m2"), None);

    let rows = |s: &State| {
        get_path(s.answers_json(AnswersKind::Park), "park.roster")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .map(|x| x["name"].as_str().unwrap_or("").to_string())
                    .collect::<Vec<_>>()
            })
    };
    let s0 = Rc::new(State::default());
    let s1 = s0.clone().reduce(Action::AppendRows(
        "park.roster".into(),
        vec![json!({"name": "a"})],
    ));
    let s2 = s1.clone().reduce(Action::AppendRows(
        "park.roster".into(),
        vec![json!({"name": "b"}), json!({"name": "c"})],
    ));
    let s3 = s2
        .clone()
        .reduce(Action::RemoveRow("park.roster".into(), 0));
    let s4 = s3.clone().reduce(Action::AddRow("park.roster".into()));
    let s5 = s4.clone().reduce(Action::Step(2));
    assert_eq!(rows(&s0), None);
    assert_eq!(rows(&s1), Some(vec!["a".to_string()]));
    assert_eq!(rows(&s2), Some(vec!["a".into(), "b".into(), "c".into()]));
    assert_eq!(rows(&s3), Some(vec!["b".into(), "c".into()]));
    assert_eq!(rows(&s4), Some(vec!["b".into(), "c".into(), String::new()]));
    // An action that does not touch the answers shares them.
    assert!(Rc::ptr_eq(&s4.park, &s5.park));
    // Removing the last row removes the table.
    let one = s1
        .clone()
        .reduce(Action::RemoveRow("park.roster".into(), 0));
    assert_eq!(rows(&one), None);
    let none = s0
        .clone()
        .reduce(Action::AppendRows("park.roster".into(), Vec::new()));
    assert_eq!(rows(&none), None);
}
