//! Measures claimrecon against public truth-discovery benchmarks with gold answers.
//!
//! `cargo run --release --example accuracy [DATASETS_DIR] [--failures]` reads the datasets in
//! place (default `../shared/datasets`) and prints our numbers beside the reference numbers in
//! each dataset's README. A dataset that is absent is skipped with a message. So far:
//! population, flights and books (author lists). `--failures` lists the gold books we get
//! wrong, with how many listings give each author set.

mod books;
mod names;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimrecon::{
    BulkReconciler, BulkValue, Claim, ClaimId, Figure, Label, Measure, Parser, Provenance,
    Reconciler, SourceId, Subject, Table, Value,
};

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
    let all = population(&dir.join("population"))
        .and_then(|()| flights(&dir.join("flights")))
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
/// estimate on the gold city-years.
fn population(dir: &Path) -> Result<(), String> {
    let claims_path = dir.join("population-new-new.txt");
    let gold_path = dir.join("population-gd.txt");
    if !claims_path.is_file() || !gold_path.is_file() {
        println!("population: skipped ({} not found)", claims_path.display());
        return Ok(());
    }
    let file =
        std::fs::File::open(&claims_path).map_err(|e| format!("{}: {e}", claims_path.display()))?;
    let parser = Parser::default();
    let (mut claims, mut rejected) = (Vec::new(), 0usize);
    for row in Table::tsv().columns(1, 0, None, 2).lossy_utf8(true).read(
        "population-new-new.txt",
        std::io::BufReader::new(file),
        &parser,
    ) {
        match row {
            Ok(c) => claims.push(c),
            Err(_) => rejected += 1,
        }
    }
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
    let n_claims = claims.len();
    let r = Reconciler::new().reconcile(claims);
    let mut errors = Vec::new();
    for g in &r.groups {
        let Some(object) = g.subject.which_event() else { continue };
        let (Some(truth), Some(e)) = (gold.get(object.key()), &g.estimate) else { continue };
        if let Figure::Number { best, .. } = e.figure {
            errors.push((best - truth).abs());
        }
    }
    let n = errors.len() as f64;
    let mae = errors.iter().sum::<f64>() / n;
    let rmse = (errors.iter().map(|e| e * e).sum::<f64>() / n).sqrt();
    println!(
        "population: {n_claims} claims read ({rejected} rows rejected by the parser), {} gold objects matched",
        errors.len()
    );
    println!("  claimrecon          MAE {mae:>9.1}  RMSE {rmse:>9.1}");
    // The bulk path: CRH with a weighted median over the same rows.
    let file =
        std::fs::File::open(&claims_path).map_err(|e| format!("{}: {e}", claims_path.display()))?;
    let bulk = Table::tsv()
        .columns(1, 0, None, 2)
        .lossy_utf8(true)
        .read_bulk("population-new-new.txt", std::io::BufReader::new(file), &parser)
        .map_err(|e| e.to_string())?;
    let result = BulkReconciler::new().reconcile(&bulk);
    let errors: Vec<f64> = result
        .estimates
        .iter()
        .filter_map(|e| match (&e.best, gold.get(&e.object.to_lowercase())) {
            (BulkValue::Number(x), Some(truth)) => Some((x - truth).abs()),
            _ => None,
        })
        .collect();
    let n = errors.len() as f64;
    println!(
        "  claimrecon bulk     MAE {:>9.1}  RMSE {:>9.1}  ({} objects; weighted median, {} rows rejected)",
        errors.iter().sum::<f64>() / n,
        (errors.iter().map(|e| e * e).sum::<f64>() / n).sqrt(),
        errors.len(),
        bulk.rejected().len()
    );
    println!("  reference (README): TruthFinder MAE 1721.6 / RMSE 8924.8 (truthdiscovery 1.0.4);");
    println!(
        "                      TruthFinder MAE 1753.7 / RMSE 8944.3, CRH 3533.1 / 10770.6 (daz45 Java)"
    );
    Ok(())
}

const FLIGHT_TIMES: [&str; 4] =
    ["sched_dep_time", "act_dep_time", "sched_arr_time", "act_arr_time"];

/// The clock time in a flights cell, as a phrase our parser reads: "7:10aDec 1" and
/// "7:10 p.m. (Estimated runway)" become "7:10 a.m." and "7:10 p.m."; "Not Available",
/// "Contact Airline" and blanks give nothing. This cleaning is the dataset's, not the library's.
fn clock_phrase(cell: &str) -> Option<String> {
    let colon = cell.find(':')?;
    let start = cell[..colon].rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
    let end = colon + 3;
    if start == colon
        || end > cell.len()
        || !cell[colon + 1..end].bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let rest = cell[end..].trim_start();
    let meridiem = match rest.as_bytes().first() {
        Some(b'a' | b'A') => " a.m.",
        Some(b'p' | b'P') => " p.m.",
        _ => "",
    };
    Some(format!("{}{meridiem}", &cell[start..end]))
}

/// Flights (Li et al., PVLDB 2012; the `HoloClean` subset): accuracy of the estimated time on
/// the 400 (flight, attribute) objects.
fn flights(dir: &Path) -> Result<(), String> {
    let (dirty, clean) = (dir.join("flights_dirty.csv"), dir.join("flights_clean.csv"));
    if !dirty.is_file() || !clean.is_file() {
        println!("flights: skipped ({} not found)", dirty.display());
        return Ok(());
    }
    let parser = Parser::default();
    let read = |path: &Path| -> Result<Vec<csv::StringRecord>, String> {
        let mut reader =
            csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
        reader.records().collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", path.display()))
    };
    let (rows, gold_rows) = (read(&dirty)?, read(&clean)?);
    let mut claims = Vec::new();
    let mut unreadable = 0;
    for (i, row) in rows.iter().enumerate() {
        let (Some(source), Some(flight)) = (row.get(1), row.get(2)) else { continue };
        for (k, attribute) in FLIGHT_TIMES.iter().enumerate() {
            let Some(phrase) = row.get(3 + k).and_then(clock_phrase) else {
                unreadable += 1;
                continue;
            };
            let Ok(parsed) = parser.parse(&phrase) else {
                unreadable += 1;
                continue;
            };
            let subject =
                Subject::new(Measure::Other(Label::new(attribute).map_err(|e| e.to_string())?))
                    .event(Label::new(flight).map_err(|e| e.to_string())?)
                    .nature(claimrecon::Nature::FixedFact);
            let id = ClaimId::new(&format!("flights:{}:{attribute}", i + 2))
                .map_err(|e| e.to_string())?;
            let source = SourceId::new(source).map_err(|e| e.to_string())?;
            claims.push(Claim::new(id, subject, parsed.value, Provenance::new(source)));
        }
    }
    let mut gold: BTreeMap<(String, String), Value> = BTreeMap::new();
    for row in &gold_rows {
        let Some(flight) = row.get(2) else { continue };
        for (k, attribute) in FLIGHT_TIMES.iter().enumerate() {
            if let Some(v) =
                row.get(3 + k).and_then(clock_phrase).and_then(|p| parser.parse(&p).ok())
            {
                gold.entry((flight.to_lowercase(), (*attribute).to_owned())).or_insert(v.value);
            }
        }
    }
    let n_claims = claims.len();
    let r = Reconciler::new().reconcile(claims);
    let (mut right, mut total) = (0, 0);
    for g in &r.groups {
        let (Some(flight), Measure::Other(attribute)) =
            (g.subject.which_event(), g.subject.measure())
        else {
            continue;
        };
        let Some(truth) = gold.get(&(flight.key().to_owned(), attribute.as_str().to_owned()))
        else {
            continue;
        };
        total += 1;
        if matches!(g.estimate.as_ref().map(|e| &e.figure), Some(Figure::Value { value }) if value == truth)
        {
            right += 1;
        }
    }
    println!(
        "flights: {n_claims} time claims read ({unreadable} blank or unreadable cells), {total} gold objects matched"
    );
    println!("  claimrecon          accuracy {:.3}", f64::from(right) / f64::from(total.max(1)));
    println!(
        "  reference (README): PooledInvestment 0.928, Investment 0.838, CRH (categorical) 0.768"
    );
    Ok(())
}
