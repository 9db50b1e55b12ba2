//! Measures claimrecon against public truth-discovery benchmarks with gold answers.
//!
//! `cargo run --release --example accuracy [DATASETS_DIR] [--failures]` reads the datasets in
//! place (default `../shared/datasets`) and prints our numbers beside the reference numbers in
//! each dataset's README. A dataset that is absent is skipped with a message. So far:
//! population, flights and books (author lists). Each score is also printed on two fixed
//! halves of the gold (see [`held_out`]). `--failures` lists what we get wrong on the tuning
//! half: the twenty city-years we miss by most, with every source's figure and reliability;
//! for a flight, every source's cell and what we read from it; for a book, how many listings
//! give each author set.

mod books;
mod flights;
mod names;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimrecon::{Figure, Group, Parser, Reconciler, Reconciliation, Score, Table};

/// Whether a gold object is in the held-out half: the halves are fixed by a hash of the
/// object's key in lower case (64-bit FNV-1a, odd for held out), so they do not depend on
/// order, run or platform. Choices are made looking at the other half (the tuning half) only;
/// the held-out half is reported, not studied (BENCHMARKS.md, "Accuracy on public
/// benchmarks").
pub(crate) fn held_out(key: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.to_lowercase().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % 2 == 1
}

/// The line that gives a score on each half: `(score, objects)` for the tuning half and the
/// held-out half.
pub(crate) fn halves(what: &str, tuning: (f64, usize), held: (f64, usize), digits: usize) {
    println!(
        "                      {what} on the tuning half {:.digits$} ({} objects), on the held-out half {:.digits$} ({} objects)",
        tuning.0, tuning.1, held.0, held.1
    );
}

fn main() -> ExitCode {
    let (flags, paths): (Vec<_>, Vec<_>) =
        std::env::args_os().skip(1).partition(|a| a.to_string_lossy().starts_with("--"));
    if let Some(unknown) = flags.iter().find(|f| *f != "--failures") {
        eprintln!("unknown option {} (the one option is --failures)", unknown.to_string_lossy());
        return ExitCode::FAILURE;
    }
    let failures = !flags.is_empty();
    let dir = paths.into_iter().next().map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets"),
        PathBuf::from,
    );
    let all = population(&dir.join("population"), failures)
        .and_then(|()| flights::run(&dir.join("flights"), failures))
        .and_then(|()| books::run(&dir.join("book_author"), failures));
    match all {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Population (Pasternack and Roth, COLING 2010; GTM preprocessing): MAE and RMSE of the best
/// estimate on the gold city-years; with `failures`, the tuning half's largest errors with
/// every source's figure (the held-out half is not listed: see [`held_out`]).
fn population(dir: &Path, failures: bool) -> Result<(), String> {
    const NAME: &str = "population-new-new.txt";
    let claims_path = dir.join("population-new-new.txt");
    let gold_path = dir.join("population-gd.txt");
    if !claims_path.is_file() || !gold_path.is_file() {
        println!("population: skipped ({} not found)", claims_path.display());
        return Ok(());
    }
    let parser = Parser::default();
    let table = Table::tsv().columns(1, 0, None, 2).lossy_utf8(true);
    let open = || {
        std::fs::File::open(&claims_path)
            .map(std::io::BufReader::new)
            .map_err(|e| format!("{}: {e}", claims_path.display()))
    };
    let bulk = table.read_bulk(NAME, open()?, &parser).map_err(|e| e.to_string())?;
    let gold_text =
        std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let mut gold: BTreeMap<String, f64> = BTreeMap::new();
    for line in gold_text.lines() {
        let parts: Vec<&str> = line.split(',').map(str::trim).collect();
        if let [city, state, year, value] = parts[..]
            && let Ok(v) = value.parse::<f64>()
        {
            gold.insert(format!("{city}, {state}_{year}").to_lowercase(), v);
        }
    }
    // The one engine on the table's column store; a group names its claims (`file:line`)
    // only when the failures are listed, each with its source and figure read row by row.
    let reconciler = Reconciler::new().findings(false).ranks(false).whole_groups(failures);
    let r = reconciler.reconcile_table(&bulk);
    let said: BTreeMap<String, (String, String)> = if failures {
        table
            .read(NAME, open()?, &parser)
            .filter_map(Result::ok)
            .map(|c| {
                (c.id().to_string(), (c.provenance().outlet().to_string(), c.value().to_string()))
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    let mut errors = Vec::new();
    let mut misses = Vec::new();
    let mut by_half = [Vec::new(), Vec::new()];
    for g in &r.groups {
        let Some(object) = g.subject.which_event() else { continue };
        let key = object.key();
        let (Some(truth), Some(e)) = (gold.get(key), &g.estimate) else { continue };
        if let Figure::Number { best, .. } = e.figure {
            errors.push((best - truth).abs());
            by_half[usize::from(held_out(key))].push((best - truth).abs());
            if failures && !held_out(key) && (best - truth).abs() >= 1.0 {
                misses.push(((best - truth).abs(), g, *truth));
            }
        }
    }
    let n = errors.len() as f64;
    let mae = errors.iter().sum::<f64>() / n;
    let rmse = (errors.iter().map(|e| e * e).sum::<f64>() / n).sqrt();
    println!(
        "population: {} claims read ({} rows rejected by the parser), {} gold objects matched",
        // A row a source repeats on the same date is one claim in the store: read, it was two.
        bulk.len() + bulk.repeats(),
        bulk.rejected().len(),
        errors.len()
    );
    println!("  claimrecon          MAE {mae:>9.1}  RMSE {rmse:>9.1}");
    print_misses(&mut misses, &r, &said);
    let mae_of = |e: &[f64]| (e.iter().sum::<f64>() / e.len().max(1) as f64, e.len());
    halves("MAE", mae_of(&by_half[0]), mae_of(&by_half[1]), 1);
    println!("  reference (README): TruthFinder MAE 1721.6 / RMSE 8924.8 (truthdiscovery 1.0.4);");
    println!(
        "                      TruthFinder MAE 1753.7 / RMSE 8944.3, CRH 3533.1 / 10770.6 (daz45 Java)"
    );
    Ok(())
}

/// The population misses of the tuning half, largest first (the first twenty), each with every
/// source's figure (`said`: a claim's source and figure by its id) and reliability.
fn print_misses(
    misses: &mut [(f64, &Group, f64)],
    r: &Reconciliation,
    said: &BTreeMap<String, (String, String)>,
) {
    misses.sort_by(|a, b| b.0.total_cmp(&a.0));
    let reliability: BTreeMap<&str, f64> = r
        .sources
        .iter()
        .map(|s| (s.source.as_str(), s.reliability.map_or(f64::NAN, Score::get)))
        .collect();
    for (error, g, truth) in misses.iter().take(20) {
        let e = g.estimate.as_ref().map(|e| e.figure.to_string()).unwrap_or_default();
        println!("  wrong {}: gold {truth}, ours {e} (error {error:.0})", g.subject);
        for id in &g.claims {
            if let Some((source, value)) = said.get(&*id.as_str()) {
                let w = reliability.get(source.as_str()).copied().unwrap_or(f64::NAN);
                println!("    {value:>12} {source} (reliability {w:.3})");
            }
        }
    }
}
