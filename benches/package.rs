//! `cargo bench --features docs --bench package`: the park package (evaluate + 申请报告 /
//! 花名册 / 自评表 / 材料清单 / answers / 说明 → ZIP) for a 300-row roster, the organisation
//! package, and importing the 300-row roster back from the package's XLSX. Target for the
//! park package: ≤ 300 ms in Chromium (scripts/bench-package.mjs measures that).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use hrs_widget::engine::{Answer, AnswerStore, AnswerValue, StoreRow};
use hrs_widget::package;
use hrs_widget::policy::{self, Edition};
use hrs_widget::roster::{import, uscc};
use rust_decimal::Decimal;

/// Park answers with `n` roster rows: the example park, its roster repeated with fresh, valid
/// codes and names.
fn park_with_rows(edition: &Edition, n: usize) -> AnswerStore {
    let text = include_str!("../src/policy/examples/park-passes.json");
    let mut park =
        AnswerStore::from_json(edition, text).unwrap_or_else(|e| panic!("example park: {e}"));
    let formats = [
        "platform",
        "high_end",
        "traditional",
        "labour_cooperation",
        "new_formats",
        "up_downstream",
    ];
    let text = |s: String| Answer::Value(AnswerValue::Text(s));
    let rows = (0..n)
        .map(|i| {
            let head = format!("91150200MA{:07}", 1000 + i);
            let check = uscc::check_char(&head).unwrap_or('0');
            StoreRow::default()
                .with("name", text(format!("包头第{}人力资源服务有限公司", i + 1)))
                .with("uscc", text(format!("{head}{check}")))
                .with(
                    "service_format",
                    Answer::Value(AnswerValue::Choice(formats[i % formats.len()].to_string())),
                )
                .with(
                    "hr_service_firm",
                    Answer::Value(AnswerValue::Bool(i % 5 != 0)),
                )
                .with(
                    "revenue_yuan",
                    Answer::Value(AnswerValue::Money(Decimal::from(
                        1_000_000 + 12_345 * i as i64,
                    ))),
                )
                .with("main_business", text("招聘、派遣、外包".into()))
        })
        .collect();
    park.replace_rows("roster", rows)
        .unwrap_or_else(|e| panic!("roster: {}", e.en));
    park
}

fn bench(c: &mut Criterion) {
    let edition = policy::default_edition().unwrap_or_else(|e| panic!("edition: {e}"));
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or(NaiveDate::MIN);
    let park = park_with_rows(&edition, 300);
    let org = AnswerStore::from_json(
        &edition,
        include_str!("../src/policy/examples/organisation-capped.json"),
    )
    .unwrap_or_else(|e| panic!("answers: {e}"));

    let zip = package::build_package(&edition, &park, as_of, "bench")
        .unwrap_or_else(|e| panic!("package: {e}"));
    println!("park package, 300 rows: {} bytes", zip.len());

    c.bench_function(
        "park package, 300-row roster (evaluate + 4 documents + zip)",
        |b| {
            b.iter(|| package::build_package(black_box(&edition), black_box(&park), as_of, "bench"))
        },
    );
    c.bench_function("organisation package", |b| {
        b.iter(|| package::build_package(black_box(&edition), black_box(&org), as_of, "bench"))
    });

    let outcome = hrs_widget::engine::evaluate(&edition, &park, as_of);
    let input = package::PackageInput {
        edition: &edition,
        answers: &park,
        outcome: &outcome,
        widget_version: "bench",
        generated_at: hrs_widget::package::midnight(as_of),
    };
    let files = package::park_files(&input).unwrap_or_else(|e| panic!("files: {e}"));
    let xlsx = files
        .iter()
        .find(|f| f.name == package::ROSTER_FILE)
        .map(|f| f.bytes.clone())
        .unwrap_or_default();
    c.bench_function("roster import, 300-row XLSX", |b| {
        b.iter(|| import::import(black_box(&xlsx), "roster.xlsx", &edition))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
