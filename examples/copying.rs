//! Copying cliques: how often each engine is right when a clique of copiers, larger than the
//! honest sources, echoes one poor source (issue 13's benchmark).
//!
//! ```text
//! cargo run --release --example copying [-- --seeds N] [--rate R] [--original poorest|best]
//!     [--only counts|labels] [--noise P] [--spread S] [--thin]
//! ```
//!
//! `--rate` sets how often a clique member echoes the original (0.8 by default), `--original`
//! which honest source it echoes (the poorest by default, the best with `best`), `--only`
//! makes each table half counts and half labels with the clique copying one kind only (the
//! shares are then over that kind's objects), and `--noise P` rounds a copied number to two
//! significant figures with chance `P` (`Synthetic::copies_only`, `Synthetic::copy_noise`).
//! `--spread S` makes a right honest source state its own count, off the truth by up to `S` of
//! it (`Synthetic::honest_spread`), while copies keep their original's figure to the digit; a
//! count is then right, for every column, when it lies within `S` of the truth.
//! `--thin` makes the cliques a wire's sites instead: 1,000 sources, each claiming an object
//! with chance 0.05 (`Synthetic::coverage`), of which 400, 600 or 800 echo source 0, so two
//! copies share about two objects and each copy about forty with the rest of its clique.
//!
//! For every generator seed, clique size and attribute kind (counts, then labels), a table of
//! [`Synthetic`] claims is reconciled three ways: a plain majority vote (each object's most
//! claimed value, ties to the value whose text sorts first), the full model (`Table::read`,
//! then `Reconciler::reconcile`, copy detection on) and the bulk path (`read_bulk`, then
//! `Reconciler::reconcile_table`, the same copy detection on the table's columns). A row prints each one's
//! share of objects right, and, for the full model, the share of true copy pairs it put in
//! one voice (`found`) and the share of the pairs it put in one voice that do not copy
//! (`false`); a source listed under a voice for some attributes alone
//! (`VoiceReport::partly`, as a clique copying one kind is) counts as in that voice. A pair
//! copies when both sources belong to the clique or one is its original. The last line
//! quotes the evidence the full model gives for one copier.

use std::collections::{BTreeMap, HashMap};
use std::process::ExitCode;

use claimrecon::{AttributeKind, Figure, Parser, Reconciler, Reconciliation, Synthetic, Table};

/// Honest sources in every table; the clique's original is the poorest of them (source 0),
/// or with `--original best` the best (source 4).
const HONEST: usize = 5;
/// Objects per table.
const OBJECTS: usize = 1_000;
/// The chance a clique member echoes the original rather than claim on its own.
const RATE: f64 = 0.8;

const USAGE: &str = "usage: cargo run --release --example copying [-- --seeds N] [--rate R] \
                     [--original poorest|best] [--only counts|labels] [--noise P] [--spread S] \
                     [--thin]";

/// The sources of every `--thin` table, each claiming an object with chance [`THIN_COVERAGE`].
const THIN_SOURCES: usize = 1_000;
const THIN_COVERAGE: f64 = 0.05;

/// What the command line asks for.
struct Options {
    seeds: u64,
    rate: f64,
    /// Whether the clique echoes the best honest source (else the poorest).
    best: bool,
    only: Option<AttributeKind>,
    noise: f64,
    spread: f64,
    thin: bool,
}

/// The options, or `None` for a command line that is not the usage.
fn options() -> Option<Options> {
    let mut o = Options {
        seeds: 3,
        rate: RATE,
        best: false,
        only: None,
        noise: 0.0,
        spread: 0.0,
        thin: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--thin" {
            o.thin = true;
            continue;
        }
        let value = args.next();
        match (a.as_str(), value.as_deref()) {
            ("--seeds", Some(n)) if n.parse::<u64>().is_ok_and(|n| n > 0) => {
                o.seeds = n.parse().unwrap_or(o.seeds);
            }
            ("--rate", Some(r)) if r.parse::<f64>().is_ok_and(|r| (0.0..=1.0).contains(&r)) => {
                o.rate = r.parse().unwrap_or(o.rate);
            }
            ("--original", Some("poorest")) => o.best = false,
            ("--original", Some("best")) => o.best = true,
            ("--only", Some("counts")) => o.only = Some(AttributeKind::Count),
            ("--only", Some("labels")) => o.only = Some(AttributeKind::Label),
            ("--noise", Some(p)) if p.parse::<f64>().is_ok_and(|p| (0.0..=1.0).contains(&p)) => {
                o.noise = p.parse().unwrap_or(o.noise);
            }
            ("--spread", Some(p)) if p.parse::<f64>().is_ok_and(|p| (0.0..=1.0).contains(&p)) => {
                o.spread = p.parse().unwrap_or(o.spread);
            }
            _ => return None,
        }
    }
    Some(o)
}

fn main() -> ExitCode {
    let Some(Options { seeds, rate, best, only, noise, spread, thin }) = options() else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    // (honest sources, clique) per table, and each source's chance of claiming an object.
    let (sizes, coverage): (Vec<(usize, usize)>, f64) = if thin {
        let sizes = [400, 600, 800].iter().map(|&c| (THIN_SOURCES - c, c)).collect();
        (sizes, THIN_COVERAGE)
    } else {
        ([6, 8, 12].iter().map(|&c| (HONEST, c)).collect(), 1.0)
    };
    println!(
        "clique copy rate {rate}, original the {} honest source, copied numbers rounded {noise}, honest counts spread {spread}, each source claiming an object with chance {coverage}",
        if best { "best" } else { "poorest" }
    );
    // With `--only`, each table mixes counts and labels, the clique copies one kind, and the
    // shares are over the objects of that kind.
    let kinds: Vec<(&str, f64)> = match only {
        None => vec![("counts", 0.0), ("labels", 1.0)],
        Some(AttributeKind::Count) => vec![("counts", 0.5)],
        Some(_) => vec![("labels", 0.5)],
    };
    if only.is_some() {
        println!(
            "each table half counts, half labels; the clique copies only the kind in the first \
             column, claims the other on its own, and the shares are over that kind's objects"
        );
    }
    println!("kind    seed  honest clique  majority  full   bulk   found  false");
    let mut totals: BTreeMap<&str, [f64; 5]> = BTreeMap::new();
    let mut runs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut example: Option<String> = None;
    for (kind, categorical) in kinds {
        for seed in 1..=seeds {
            for &(honest, clique) in &sizes {
                let synth = Synthetic::new(seed)
                    .sources(honest + clique)
                    .objects(OBJECTS)
                    .coverage(coverage)
                    .categorical(categorical)
                    .clique(clique, if best { honest - 1 } else { 0 }, rate)
                    .copy_noise(noise)
                    .honest_spread(spread);
                let synth = match only {
                    Some(k) => synth.copies_only(k),
                    None => synth,
                };
                let row = match measure(&synth, spread) {
                    Ok((row, why)) => {
                        if example.is_none() {
                            example = why;
                        }
                        row
                    }
                    Err(e) => {
                        eprintln!("{kind} seed {seed} clique {clique}: {e}");
                        return ExitCode::FAILURE;
                    }
                };
                println!(
                    "{kind:<7} {seed:>4}  {honest:>6} {clique:>6}  {:>8.3}  {:.3}  {:.3}  {:.3}  {:.3}",
                    row[0], row[1], row[2], row[3], row[4]
                );
                let t = totals.entry(kind).or_default();
                for (t, r) in t.iter_mut().zip(row) {
                    *t += r;
                }
                *runs.entry(kind).or_default() += 1;
            }
        }
    }
    for (kind, t) in &totals {
        let n = runs[kind] as f64;
        println!(
            "{kind:<7} mean               {:>8.3}  {:.3}  {:.3}  {:.3}  {:.3}",
            t[0] / n,
            t[1] / n,
            t[2] / n,
            t[3] / n,
            t[4] / n
        );
    }
    if let Some(why) = example {
        println!("evidence given for one copier (first table): {why}");
    }
    ExitCode::SUCCESS
}

/// Whether `text`, an estimate or a claim of object `o`, is right: the truth's text (a
/// category in any case), or with a `spread` of honest counts, a number within that share of
/// the true count (and the half a rounding adds).
fn is_right(synth: &Synthetic, o: usize, text: &str, spread: f64) -> bool {
    let truth = synth.truth(o).value.to_string();
    if spread > 0.0 {
        if let (Ok(x), Ok(t)) = (text.parse::<f64>(), truth.parse::<f64>()) {
            return (x - t).abs() <= spread * t + 0.5;
        }
    }
    text.eq_ignore_ascii_case(&truth)
}

/// How many of `objects` a result estimates right: its best figure, or its value (a category
/// in any case), is the truth's text.
fn right(result: &Reconciliation, synth: &Synthetic, objects: &[usize], spread: f64) -> usize {
    let mut best: HashMap<String, String> = HashMap::new();
    for g in &result.groups {
        let Some(event) = g.subject.which_event() else { continue };
        let text = match g.estimate.as_ref().map(|e| &e.figure) {
            Some(Figure::Number { best, .. }) => format!("{best}"),
            // A category prints in quotes.
            Some(Figure::Value { value, .. }) => value.to_string().trim_matches('"').to_owned(),
            _ => continue,
        };
        best.insert(event.key().to_lowercase(), text);
    }
    objects
        .iter()
        .filter(|&&o| best.get(&format!("o{o}")).is_some_and(|b| is_right(synth, o, b, spread)))
        .count()
}

/// Majority, full model and bulk accuracy, found and false pair shares.
fn measure(
    synth: &Synthetic,
    spread: f64,
) -> Result<([f64; 5], Option<String>), Box<dyn std::error::Error>> {
    // The objects of the kind the clique copies (every object when it copies every kind).
    let objects = (0..OBJECTS)
        .filter(|&o| synth.copied_kind().is_none_or(|k| synth.kind(o) == k))
        .collect::<Vec<_>>();
    // Majority: each object's most claimed text.
    let mut votes: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); OBJECTS];
    let mut csv = format!("{}\n", synth.header());
    for row in synth.rows() {
        *votes[row.object].entry(row.value.to_string()).or_default() += 1;
        csv.push_str(&row.to_string());
        csv.push('\n');
    }
    let majority = objects
        .iter()
        .filter(|&&o| {
            let most = votes[o].values().copied().max().unwrap_or(0);
            votes[o]
                .iter()
                .find(|(_, n)| **n == most)
                .map(|(t, _)| t.clone())
                .is_some_and(|t| is_right(synth, o, &t, spread))
        })
        .count();

    let parser = Parser::default();
    let claims = Table::csv()
        .read("synthetic.csv", csv.as_bytes(), &parser)
        .collect::<Result<Vec<_>, _>>()?;
    let result = Reconciler::new().reconcile(claims);
    let full = right(&result, synth, &objects, spread);
    let bulk = Table::csv().read_bulk("synthetic.csv", csv.as_bytes(), &parser)?;
    let estimates = Reconciler::new().findings(false).ranks(false).whole_groups(false);
    let bulk_result = estimates.reconcile_table(&bulk);
    let bulk_right = right(&bulk_result, synth, &objects, spread);

    // Copy pairs: sources put in one voice, against the clique's family.
    let originals: std::collections::HashSet<usize> = synth.copying().map(|(_, o)| o).collect();
    let family = |name: &str| -> bool {
        name.strip_prefix('s')
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|s| synth.copies(s).is_some() || originals.contains(&s))
    };
    let family_size = synth.copying().count() + 1;
    let true_pairs = family_size * (family_size - 1) / 2;
    let (mut found, mut false_pairs) = (0usize, 0usize);
    for v in &result.voices {
        // Its members, and the sources that speak with it on some attributes alone (found
        // copying it there): a copier of one kind is a pair on that kind.
        let names: Vec<&str> = (v.members.iter())
            .chain(v.partly.iter().map(|p| &p.source))
            .map(claimrecon::SourceId::as_str)
            .collect();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                if family(a) && family(b) {
                    found += 1;
                } else {
                    false_pairs += 1;
                }
            }
        }
    }
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    // The evidence given for the first copier of the original's voice, as a user reads it (a
    // voice copied on some attributes alone first says what its copies' figures count as,
    // then gives each pair's evidence).
    let original = synth.copying().next().map(|(_, o)| format!("s{o}"));
    let why = result
        .voices
        .iter()
        .find(|v| v.members.iter().any(|m| Some(m.as_str()) == original.as_deref()))
        .and_then(|v| v.reasons.get(usize::from(!v.partly.is_empty())).map(ToString::to_string));
    Ok((
        [
            share(majority, objects.len()),
            share(full, objects.len()),
            share(bulk_right, objects.len()),
            share(found, true_pairs),
            share(false_pairs, found + false_pairs),
        ],
        why,
    ))
}
