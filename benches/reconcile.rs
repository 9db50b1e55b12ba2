//! Reconciliation speed on synthetic claims: `cargo bench --bench reconcile`.
//!
//! Ids are `reconcile/synthetic/{n}` for n claims, 10 claims per subject from 20 sources of
//! varied reliability, with noise, gross outliers and a running total over time.

// criterion's macros generate undocumented public items.
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::NaiveDate;
use claimrecon::{
    Amount, Claim, ClaimId, Label, Magnitude, Measure, Number, Provenance, Reconciler, SourceId,
    Subject, Unit, Value,
};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn synthetic(n: usize, seed: u64) -> Vec<Claim> {
    synthetic_grouped(n, 10, seed)
}

fn synthetic_grouped(n: usize, per_subject: usize, seed: u64) -> Vec<Claim> {
    let mut rng = Rng(seed.max(1));
    let sources: Vec<(SourceId, f64)> = (0..20)
        .map(|i| (SourceId::new(&format!("source-{i:02}")).unwrap(), 0.5 + 0.025 * f64::from(i)))
        .collect();
    let start = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let day = |d: u64| start + chrono::Duration::days(i64::try_from(d).unwrap());
    let mut claims = Vec::with_capacity(n);
    for s in 0..n.div_ceil(per_subject) {
        let subject =
            Subject::new(Measure::Deaths).place(Label::new(&format!("place-{s}")).unwrap());
        let truth = 10.0 + (rng.unit() * 10_000.0).round();
        for k in 0..per_subject.min(n - claims.len()) {
            let (source, reliability) = &sources[(rng.next() % 20) as usize];
            let as_of = rng.next() % 20;
            // A running total: earlier reports see less of it.
            let so_far = truth * (0.5 + 0.5 * (as_of as f64 + 1.0) / 20.0);
            let x = if rng.unit() < *reliability {
                so_far
            } else if rng.unit() < 0.9 {
                so_far * (0.7 + 0.6 * rng.unit())
            } else {
                so_far * 10.0
            };
            let magnitude = match rng.next() % 4 {
                0 => Magnitude::About(Number::new(x.round()).unwrap()),
                1 => Magnitude::MoreThan(Number::new((x * 0.9).round()).unwrap()),
                _ => Magnitude::Exact(Number::new(x.round()).unwrap()),
            };
            let value = Value::Amount(Amount::new(magnitude, Unit::Persons));
            let provenance = Provenance::new(source.clone()).published(day(as_of));
            let id = ClaimId::new(&format!("c{s}-{k}")).unwrap();
            claims.push(Claim::new(id, subject.clone(), value, provenance));
        }
    }
    claims
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
    bench_sizes(c, "synthetic", &[1_000, 10_000, 100_000, 1_000_000], |n| synthetic(n, 42));
    // Everything about one subject: large groups must stay near-linear (neighbour and anchor
    // relations, intersection clusters), never all pairs.
    bench_sizes(c, "one_subject", &[1_000, 10_000], |n| synthetic_grouped(n, n, 7));
}

criterion_group!(benches, reconcile);
criterion_main!(benches);
