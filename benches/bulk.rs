//! Bulk speed on the seeded generator's tables: `cargo bench --bench bulk`.
//!
//! Ids are `bulk/read/{n}` (CSV bytes in memory to the column store) and `bulk/score/{n}`
//! (20 CRH rounds, every round run) for n claims from 100 sources about n / 100 objects.
//! `examples/scale.rs` times the same work end to end from a file, up to 10^7 claims.
//! `bulk/aliases/{none,general,renaming}` scores the 10^5 table with no alias table, with
//! `Aliases::general()` (which renames none of its names) and with one that makes every
//! hundredth object another name of the next (the store settled again).

// criterion's macros generate undocumented public items.
#![allow(missing_docs)]

use std::fmt::Write;
use std::hint::black_box;

use claimrecon::{Aliases, Label, Parser, Reconciler, Synthetic, Table};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn csv(n: usize) -> String {
    let synth = Synthetic::new(42).sources(100).objects(n / 100);
    let mut csv = format!("{}\n", synth.header());
    for row in synth.rows() {
        // Writing to a String cannot fail.
        let _ = writeln!(csv, "{row}");
    }
    csv
}

fn bulk(c: &mut Criterion) {
    let parser = Parser::default();
    let mut read = c.benchmark_group("bulk/read");
    read.sample_size(10);
    let tables: Vec<(usize, String)> = [100_000, 1_000_000].map(|n| (n, csv(n))).into();
    for (n, table) in &tables {
        read.throughput(Throughput::Elements(*n as u64));
        read.bench_with_input(BenchmarkId::from_parameter(n), table, |b, table| {
            b.iter(|| black_box(Table::csv().read_bulk("bench.csv", table.as_bytes(), &parser)));
        });
    }
    read.finish();
    let mut score = c.benchmark_group("bulk/score");
    score.sample_size(10);
    let reconciler = Reconciler::new().rounds(20).tolerance(0.0);
    let reconciler = reconciler.findings(false).ranks(false).whole_groups(false);
    for (n, table) in &tables {
        let Ok(columns) = Table::csv().read_bulk("bench.csv", table.as_bytes(), &parser) else {
            panic!("the generator's table reads");
        };
        score.throughput(Throughput::Elements(*n as u64));
        score.bench_with_input(BenchmarkId::from_parameter(n), &columns, |b, columns| {
            b.iter(|| black_box(reconciler.reconcile_table(columns)));
        });
    }
    score.finish();
    aliases(c, &tables[0].1, &reconciler);
}

/// `bulk/aliases/*`: the cost of the reconciler's alias table on a table (see the module).
fn aliases(c: &mut Criterion, table: &str, reconciler: &Reconciler) {
    let parser = Parser::default();
    let Ok(columns) = Table::csv().read_bulk("bench.csv", table.as_bytes(), &parser) else {
        panic!("the generator's table reads");
    };
    let mut renaming = Aliases::empty();
    for o in (0..columns.variables()).step_by(100) {
        let (Ok(alias), Ok(of)) =
            (Label::new(&format!("o{o}")), Label::new(&format!("o{}", o + 1)))
        else {
            panic!("object names are labels");
        };
        let Ok(()) = renaming.insert(&alias, &of) else { panic!("no cycle") };
    }
    let mut group = c.benchmark_group("bulk/aliases");
    group.sample_size(10);
    for (name, table) in
        [("none", Aliases::empty()), ("general", Aliases::general()), ("renaming", renaming)]
    {
        let reconciler = reconciler.clone().aliases(table);
        group.bench_function(name, |b| b.iter(|| black_box(reconciler.reconcile_table(&columns))));
    }
    group.finish();
}

criterion_group!(benches, bulk);
criterion_main!(benches);
