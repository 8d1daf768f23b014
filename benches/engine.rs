//! `cargo bench --bench engine`: one full park evaluation and one
//! organisation evaluation (target ≤ 20 µs each).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use hrs_widget::engine::{evaluate, AnswerStore};
use hrs_widget::policy;

fn bench(c: &mut Criterion) {
    let edition = match policy::default_edition() {
        Ok(e) => e,
        Err(e) => panic!("edition: {e}"),
    };
    let as_of = NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or(NaiveDate::MIN);
    // The engine evaluates from the typed answer store, as the widget holds it.
    let load = |text: &str| match AnswerStore::from_json(&edition, text) {
        Ok(a) => a,
        Err(e) => panic!("answers: {e}"),
    };
    let park_text = include_str!("../src/policy/examples/park-passes.json");
    let park = load(park_text);
    let org = load(include_str!(
        "../src/policy/examples/organisation-both-branches.json"
    ));
    let agency = load(include_str!(
        "../src/policy/examples/organisation-placement-agency.json"
    ));
    c.bench_function("evaluate park (22-row roster)", |b| {
        b.iter(|| evaluate(black_box(&edition), black_box(&park), black_box(as_of)))
    });
    c.bench_function("evaluate organisation (both branches of 第三条)", |b| {
        b.iter(|| evaluate(black_box(&edition), black_box(&org), black_box(as_of)))
    });
    c.bench_function("evaluate organisation (placement agency)", |b| {
        b.iter(|| evaluate(black_box(&edition), black_box(&agency), black_box(as_of)))
    });
    let text = include_str!("../src/policy/editions/baotou-2022-55.json");
    c.bench_function("load edition (parse + hash)", |b| {
        b.iter(|| policy::Edition::from_json(black_box(text)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
