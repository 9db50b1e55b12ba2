//! Flights (Li, Dong, Lyons, Meng and Srivastava, PVLDB 2012; the `HoloClean` subset): the four
//! clock times of 100 flights from 38 web sources, scored on the 400 gold (flight, attribute)
//! objects.

use std::collections::BTreeMap;
use std::path::Path;

use claimrecon::{
    Claim, ClaimId, Figure, Label, Measure, Nature, Parser, Provenance, Reconciler, SourceId,
    Subject, Value,
};

const FLIGHT_TIMES: [&str; 4] =
    ["sched_dep_time", "act_dep_time", "sched_arr_time", "act_arr_time"];

/// The clock time in a flights cell, as a phrase our parser reads: "7:10aDec 1" and
/// "7:10 p.m. (Estimated runway)" become "7:10 a.m." and "7:10 p.m."; "Not Available",
/// "Contact Airline" and blanks give nothing. This cleaning is the dataset's, not the library's.
fn clock_phrase(cell: &str) -> Option<String> {
    let colon = cell.find(':')?;
    // Byte offsets, taken with `get` so a multi-byte character next to the digits gives
    // nothing instead of a panic.
    let start = cell[..colon]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_digit())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = colon + 3;
    if start == colon || !cell.get(colon + 1..end)?.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = cell.get(end..)?.trim_start();
    let meridiem = match rest.as_bytes().first() {
        Some(b'a' | b'A') => " a.m.",
        Some(b'p' | b'P') => " p.m.",
        _ => "",
    };
    Some(format!("{}{meridiem}", cell.get(start..end)?))
}

/// One readable cell: the row's source, the cell as written, the value read from it.
struct Cell {
    source: String,
    text: String,
    value: Value,
}

fn read_csv(path: &Path) -> Result<Vec<csv::StringRecord>, String> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    reader.records().collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", path.display()))
}

/// Each source's cell for a flight time we get wrong: `+` when it gives the gold time, the
/// time read, the source, the cell as written, and the source's voice.
fn print_cells<'a>(
    cells: impl Iterator<Item = &'a Cell>,
    truth: &Value,
    voice_of: &BTreeMap<&str, &str>,
) {
    for c in cells {
        let mark = if &c.value == truth { '+' } else { '-' };
        let voice = voice_of.get(c.source.as_str()).copied().unwrap_or("?");
        println!("    {mark} {:<10} {:<18} {:?} [{voice}]", c.value.to_string(), c.source, c.text);
    }
}

/// Runs the dataset: accuracy of the estimated time on the 400 (flight, attribute) objects;
/// with `failures`, lists each object of the tuning half we get wrong with every source's
/// cell (the held-out half is not listed: see [`crate::held_out`]).
pub fn run(dir: &Path, failures: bool) -> Result<(), String> {
    let (dirty, clean) = (dir.join("flights_dirty.csv"), dir.join("flights_clean.csv"));
    if !dirty.is_file() || !clean.is_file() {
        println!("flights: skipped ({} not found)", dirty.display());
        return Ok(());
    }
    let parser = Parser::default();
    let (rows, gold_rows) = (read_csv(&dirty)?, read_csv(&clean)?);
    let mut claims = Vec::new();
    let mut cells: BTreeMap<(String, String), Vec<Cell>> = BTreeMap::new();
    let mut unreadable = 0;
    for (i, row) in rows.iter().enumerate() {
        let (Some(source), Some(flight)) = (row.get(1), row.get(2)) else { continue };
        for (k, attribute) in FLIGHT_TIMES.iter().enumerate() {
            let text = row.get(3 + k).unwrap_or_default();
            let Some(parsed) = clock_phrase(text).and_then(|p| parser.parse(&p).ok()) else {
                unreadable += 1;
                continue;
            };
            let subject =
                Subject::new(Measure::Other(Label::new(attribute).map_err(|e| e.to_string())?))
                    .event(Label::new(flight).map_err(|e| e.to_string())?)
                    .nature(Nature::FixedFact);
            let id = ClaimId::new(&format!("flights:{}:{attribute}", i + 2))
                .map_err(|e| e.to_string())?;
            let source_id = SourceId::new(source).map_err(|e| e.to_string())?;
            if failures {
                cells.entry((flight.to_lowercase(), (*attribute).to_owned())).or_default().push(
                    Cell {
                        source: source.to_owned(),
                        text: text.to_owned(),
                        value: parsed.value.clone(),
                    },
                );
            }
            claims.push(Claim::new(id, subject, parsed.value, Provenance::new(source_id)));
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
    let voice_of: BTreeMap<&str, &str> =
        r.sources.iter().map(|s| (s.source.as_str(), s.voice.as_str())).collect();
    let (mut right, mut total) = (0, 0);
    // Per half (tuning, held out): right and total.
    let mut by_half = [(0u32, 0u32); 2];
    for g in &r.groups {
        let (Some(flight), Measure::Other(attribute)) =
            (g.subject.which_event(), g.subject.measure())
        else {
            continue;
        };
        let key = (flight.key().to_owned(), attribute.as_str().to_owned());
        let Some(truth) = gold.get(&key) else { continue };
        total += 1;
        let half = &mut by_half[usize::from(crate::held_out(&format!("{} {}", key.0, key.1)))];
        half.1 += 1;
        let ours = g.estimate.as_ref().and_then(|e| match &e.figure {
            Figure::Value { value } => Some(value),
            _ => None,
        });
        if ours == Some(truth) {
            right += 1;
            half.0 += 1;
        } else if failures && !crate::held_out(&format!("{} {}", key.0, key.1)) {
            let ours = ours.map_or_else(|| "none".to_owned(), ToString::to_string);
            println!("  wrong {} {}: gold {truth}, ours {ours}", key.0, key.1);
            print_cells(cells.get(&key).into_iter().flatten(), truth, &voice_of);
        }
    }
    if failures {
        for v in r.voices.iter().filter(|v| v.members.len() > 1 || !v.partly.is_empty()) {
            println!(
                "  voice {}: {}",
                v.voice,
                v.reasons.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
            );
        }
    }
    println!(
        "flights: {n_claims} time claims read ({unreadable} blank or unreadable cells), {total} gold objects matched"
    );
    println!("  claimrecon          accuracy {:.3}", f64::from(right) / f64::from(total.max(1)));
    let share = |(r, n): (u32, u32)| (f64::from(r) / f64::from(n.max(1)), n as usize);
    crate::halves("accuracy", share(by_half[0]), share(by_half[1]), 3);
    println!(
        "  reference (README): PooledInvestment 0.928, Investment 0.838, CRH (categorical) 0.768"
    );
    Ok(())
}
