//! Reconciliation speed on synthetic claims: `cargo bench --bench reconcile`.
//!
//! Ids are `reconcile/synthetic/{n}` for about n claims from the seeded generator
//! (`Synthetic`): 20 sources of reliability 0.40 to 0.95, each claiming half of n / 10
//! subjects, so about 10 claims per subject; every subject a running total reported over ten
//! days; half of the figures written "about N" or "more than N"; 10 % of wrong figures off by
//! 10x. `reconcile/one_subject/{n}` puts n sources' claims on one subject.
//!
//! The interactive case, an analyst's whole round trip: `reconcile/interactive/seeds` loads the
//! bundled seed corpus (five articles), reconciles it and writes the text report;
//! `reconcile/interactive/100` reconciles 100 synthetic claims (read from their table) and
//! writes the text report.

// criterion's macros generate undocumented public items.
#![allow(missing_docs)]

use std::fmt::Write;
use std::hint::black_box;

use claimrecon::{Claim, Corpus, Nature, Parser, Reconciler, Synthetic, Table, text};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// The generator's table, read claim by claim (as-of in column 4).
fn claims(synth: &Synthetic) -> Vec<Claim> {
    let mut csv = format!("{}\n", synth.header());
    for row in synth.rows() {
        // Writing to a String cannot fail.
        let _ = writeln!(csv, "{row}");
    }
    let table = Table::csv().as_of(4).nature(Nature::RunningTotal);
    table
        .read("bench.csv", csv.as_bytes(), &Parser::default())
        .map(|row| row.unwrap_or_else(|e| panic!("the generator's rows read: {e}")))
        .collect()
}

fn synthetic(n: usize) -> Vec<Claim> {
    let synth = Synthetic::new(42)
        .sources(20)
        .objects(n / 10)
        .coverage(0.5)
        .running(1.0)
        .phrases(0.5)
        .outlier_rate(0.1);
    claims(&synth)
}

fn one_subject(n: usize) -> Vec<Claim> {
    claims(&Synthetic::new(7).sources(n).objects(1).running(1.0).phrases(0.5))
}

/// Benchmarks `reconcile/{name}/{n}` on claims from `make(n)`.
fn bench_sizes(c: &mut Criterion, name: &str, sizes: &[usize], make: impl Fn(usize) -> Vec<Claim>) {
    let mut group = c.benchmark_group(format!("reconcile/{name}"));
    group.sample_size(10);
    let reconciler = Reconciler::new();
    for &n in sizes {
        let claims = make(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &claims, |b, claims| {
            b.iter_batched(
                || claims.clone(),
                |cs| black_box(reconciler.reconcile(cs)),
                criterion::BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

fn reconcile(c: &mut Criterion) {
    bench_sizes(c, "synthetic", &[1_000, 10_000, 100_000, 1_000_000], synthetic);
    // Everything about one subject: large groups must stay near-linear (neighbour and anchor
    // relations, intersection clusters), never all pairs.
    bench_sizes(c, "one_subject", &[1_000, 10_000], one_subject);
}

/// The seed corpus, as the reconcile example reads it.
const SEEDS: &str = include_str!("../seeds/corpus.jsonl");

fn interactive(c: &mut Criterion) {
    let mut group = c.benchmark_group("reconcile/interactive");
    let parser = Parser::default();
    group.bench_function("seeds", |b| {
        b.iter(|| {
            let corpus = Corpus::parse("corpus.jsonl", black_box(SEEDS), &parser)
                .unwrap_or_else(|e| panic!("the seed corpus loads: {e}"));
            black_box(text(&corpus.reconcile()))
        });
    });
    let synth = Synthetic::new(42).sources(20).objects(10).coverage(0.5).running(1.0).phrases(0.5);
    let mut csv = format!("{}\n", synth.header());
    // The generator gives about 110 rows for these settings: the first 100.
    for row in synth.rows().take(100) {
        // Writing to a String cannot fail.
        let _ = writeln!(csv, "{row}");
    }
    let reconciler = Reconciler::new();
    group.bench_function("100", |b| {
        b.iter(|| {
            let table = Table::csv().as_of(4).nature(Nature::RunningTotal);
            let claims = table
                .read("bench.csv", black_box(csv.as_bytes()), &parser)
                .map(|row| row.unwrap_or_else(|e| panic!("the generator's rows read: {e}")));
            black_box(text(&reconciler.reconcile(claims)))
        });
    });
    group.finish();
}

criterion_group!(benches, reconcile, interactive);
criterion_main!(benches);
