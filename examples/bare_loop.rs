//! The floor the table path is measured against: a bare, single-threaded loop over a
//! `source,object,attribute,value` table of plain numbers that only parses the rows, interns
//! the names, sorts the claims by variable and value, and runs 20 rounds of CRH with a
//! weighted median. It knows no phrases, units, dates, labels, quotes or errors beyond
//! refusing a row it cannot read, so it is what the table path would cost if reading a table
//! were free of everything claimrecon adds.
//!
//! ```text
//! cargo run --release --example scale -- --generate 10000000 --out DIR
//! cargo run --release --example bare_loop -- DIR/claims.csv
//! cargo run --release --example scale -- --csv DIR/claims.csv      # the table path
//! ```
//!
//! Compare the two commands' CPU time (user + system), not their wall time: the table path
//! reads and scores on every core, this loop on one. Issue 12's target is the table path at
//! most 1.1x this loop's CPU at 10^7 rows (BENCHMARKS.md has the measurement).
//!
//! The model is written out here on purpose rather than called from the library: this is a
//! baseline to measure the library against, not a second engine.

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

/// One claim: its source, its variable and its figure.
#[derive(Clone, Copy)]
struct Row {
    variable: u32,
    source: u32,
    value: f64,
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_loop FILE.csv");
        return ExitCode::from(2);
    };
    match run(&path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &str) -> Result<(), String> {
    let start = Instant::now();
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| format!("{path}: not UTF-8: {e}"))?;
    let mut sources: HashMap<&str, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut variables: HashMap<(&str, &str), u32, foldhash::fast::RandomState> = HashMap::default();
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let mut cells = line.split(',');
        let (Some(source), Some(object), Some(attribute), Some(value), None) =
            (cells.next(), cells.next(), cells.next(), cells.next(), cells.next())
        else {
            return Err(format!("{path}:{}: expected 4 cells", n + 1));
        };
        let value: f64 = value.parse().map_err(|_| format!("{path}:{}: not a number", n + 1))?;
        let next = sources.len() as u32;
        let source = *sources.entry(source).or_insert(next);
        let next = variables.len() as u32;
        let variable = *variables.entry((object, attribute)).or_insert(next);
        rows.push(Row { variable, source, value });
    }
    if rows.is_empty() {
        return Err(format!("{path}: no rows under the header"));
    }
    rows.sort_unstable_by(|a, b| a.variable.cmp(&b.variable).then(a.value.total_cmp(&b.value)));
    // Where each variable's claims start, and each variable's spread (the loss scale).
    let mut starts = vec![0];
    starts.extend((1..rows.len()).filter(|&k| rows[k].variable != rows[k - 1].variable));
    starts.push(rows.len());
    let spread: Vec<f64> = starts
        .windows(2)
        .map(|w| {
            let values = &rows[w[0]..w[1]];
            let mean = values.iter().map(|r| r.value).sum::<f64>() / values.len() as f64;
            let var =
                values.iter().map(|r| (r.value - mean).powi(2)).sum::<f64>() / values.len() as f64;
            var.sqrt()
        })
        .collect();
    let mut weight = vec![1.0; sources.len()];
    let mut best = vec![0.0; spread.len()];
    for _ in 0..20 {
        let mut loss = vec![0.0; sources.len()];
        let mut count = vec![0u32; sources.len()];
        for (v, w) in starts.windows(2).enumerate() {
            let claims = &rows[w[0]..w[1]];
            let total: f64 = claims.iter().map(|r| weight[r.source as usize]).sum();
            let mut sum = 0.0;
            let median = claims
                .iter()
                .find(|r| {
                    sum += weight[r.source as usize];
                    sum >= total / 2.0
                })
                .map_or(claims[0].value, |r| r.value);
            best[v] = median;
            let scale = spread[v].max(median.abs() * 1e-3).max(1e-9);
            for r in claims {
                let d = (r.value - median).abs();
                loss[r.source as usize] += d / (d + scale);
                count[r.source as usize] += 1;
            }
        }
        let mean: Vec<f64> = loss
            .iter()
            .zip(&count)
            .map(|(l, &c)| if c > 0 { (l / f64::from(c)).max(1e-6) } else { 1.0 })
            .collect();
        let sum: f64 = mean.iter().sum();
        for (w, m) in weight.iter_mut().zip(&mean) {
            *w = -(m / sum).ln();
        }
    }
    let checksum: f64 = best.iter().sum();
    println!(
        "RESULT engine=bare claims={} variables={} sources={} seconds={:.3} checksum={checksum:.3}",
        rows.len(),
        best.len(),
        sources.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
