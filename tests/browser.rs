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
async fn in_force_inside_the_window_and_english_on_request() {
    let root = render(AppProps {
        lang: Lang::En,
        as_of: Some(date("2025-12-31")),
        today: date("2026-11-26"),
        storage_key: None,
        load_docs: None,
    })
    .await;
    let banner = root.query_selector(".banner").expect("q").expect("banner");
    assert_eq!(
        banner.get_attribute("data-in-force").as_deref(),
        Some("true")
    );
    assert!(text(&root, ".widget-title").contains("policy"));
}
