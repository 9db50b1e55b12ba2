//! Parsing and comparison speed: `cargo bench --bench parse`.

// criterion's macros generate undocumented public items.
#![allow(missing_docs)]

use std::hint::black_box;

use claimrecon::{Parser, Value};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const PHRASES: &[(&str, &str)] = &[
    ("exact", "4,578"),
    ("bound", "more than 1,300"),
    ("scaled", "more than 212 million US dollars"),
    ("vague", "dozens"),
    ("change", "from 50-60 to 110-120 tenge per liter"),
    ("factor", "almost two-fold"),
    ("window", "from 11 p.m. to 7 a.m."),
    ("date", "from January 5 to January 19, 2022"),
];

fn parse(c: &mut Criterion) {
    let parser =
        Parser::default().published(chrono::NaiveDate::from_ymd_opt(2022, 1, 6).unwrap()).unwrap();
    let mut group = c.benchmark_group("parse");
    for (case, phrase) in PHRASES {
        group.bench_with_input(BenchmarkId::from_parameter(case), phrase, |b, p| {
            b.iter(|| parser.parse(black_box(p)));
        });
    }
    group.finish();
}

fn compare(c: &mut Criterion) {
    let parser = Parser::default();
    let pairs: Vec<(&str, Value, Value)> = [
        ("amounts", "more than 1,300", "4,578"),
        ("windows", "11 p.m. to 7 a.m.", "from 7.00 to 23.00"),
        ("change_factor", "from 50-60 to 110-120 tenge per liter", "two-fold"),
    ]
    .into_iter()
    .map(|(case, a, b)| (case, parser.parse(a).unwrap().value, parser.parse(b).unwrap().value))
    .collect();
    let mut group = c.benchmark_group("compare");
    for (case, a, b) in &pairs {
        group.bench_function(*case, |bench| bench.iter(|| black_box(a).compare(black_box(b))));
    }
    group.finish();
}

criterion_group!(benches, parse, compare);
criterion_main!(benches);
