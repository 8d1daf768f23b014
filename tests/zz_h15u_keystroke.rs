// Temporary measurement (not committed): the widget's per-keystroke path before/after.
use hrs_widget::engine::store::AnswerStore;
use hrs_widget::engine::{evaluate, Answers};
use std::time::Instant;

fn time<F: FnMut()>(n: u32, mut f: F) -> f64 {
    for _ in 0..n / 10 {
        f();
    }
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    t.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

#[test]
#[ignore]
fn keystroke() {
    let e = hrs_widget::policy::default_edition().unwrap();
    let d = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    for f in ["park-passes.json", "organisation-both-branches.json"] {
        let text = std::fs::read_to_string(format!("src/policy/examples/{f}")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let store = AnswerStore::from_value(&e, json.clone()).unwrap();
        let before = time(2000, || {
            let a = Answers::from_value(json.clone()).unwrap();
            std::hint::black_box(evaluate(&e, &a, d));
        });
        let after = time(2000, || {
            let a = store.answers().unwrap();
            std::hint::black_box(evaluate(&e, &a, d));
        });
        let eval = time(2000, || {
            let a = Answers::from_value(json.clone()).unwrap();
            std::hint::black_box(a);
        });
        let conv = time(2000, || {
            std::hint::black_box(store.answers().unwrap());
        });
        println!("{f}: before {before:.1} µs/keystroke (read {eval:.1}), after {after:.1} µs (read {conv:.1})");
    }
    // 10,000-row roster
    let mut rows = Vec::new();
    for i in 0..10_000 {
        rows.push(serde_json::json!({"name": format!("企业{i}"), "uscc": "91150200MA0N000000", "hr_service": true, "service_format": "high_end"}));
    }
    let json = serde_json::json!({"format":"hrs-answers","version":1,"kind":"park","park":{"roster": rows, "floor_area_m2": "3200"}});
    let store = AnswerStore::from_value(&e, json.clone()).unwrap();
    let before = time(20, || {
        let a = Answers::from_value(json.clone()).unwrap();
        std::hint::black_box(evaluate(&e, &a, d));
    });
    let after = time(20, || {
        let a = store.answers().unwrap();
        std::hint::black_box(evaluate(&e, &a, d));
    });
    println!("10k roster: before {before:.0} µs/keystroke, after {after:.0} µs");
}
