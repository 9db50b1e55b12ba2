//! Times CSV → scored reconciliation end to end on synthetic tables of 10^5 to 10^7 claims,
//! and reports claims per second and peak memory.
//!
//! ```text
//! cargo run --release --example scale                      # 10^5, 10^6 and 10^7 claims
//! cargo run --release --example scale -- --sizes 100000,1000000 [--seed S] [--rounds R]
//! cargo run --release --example scale -- --generate N --out DIR [--seed S] [--copiers K | --clique K] [--running P] [--changing P] [--sources V] [--coverage P]
//! cargo run --release --example scale -- --csv FILE [--truth FILE] [--rounds R] [--findings] [--ranks] [--groups] [--each]
//! cargo run --release --example scale -- --help            # this usage; exits 0
//! ```
//!
//! `--generate` writes `claims.csv` and `truth.csv` into DIR: 100 sources (`--sources V`),
//! each claiming every object (`--coverage P`: each object with chance P), as many objects as
//! make N claims; with `--copiers K` the last K of the sources copy (each echoes the source K places before it, 80 % of the time:
//! `Synthetic::copiers`) and `copies.csv` says who copies whom (`copier,original`); with
//! `--clique K` the last K sources all echo source 0 instead, 80 % of the time, a clique that
//! may outvote the rest (`Synthetic::clique`); with
//! `--running P` a share P of the objects are running totals (attribute `total`), each source
//! reporting one on a day of its own within ten days, in an `as_of` column
//! (`Synthetic::running`), and `truth.csv` holds each total's final figure; with `--changing
//! P` a share P of the objects are changing states (attribute `state`, yes or no, flipping
//! once within the ten days, each source reporting its own day's state: `Synthetic::changing`),
//! whose truth is the last day's state. A `RESULT` line's `joined=N` counts the voices of
//! several sources copy detection made, `labels=R/L` how many of the truth's values other
//! than numbers an engine got right, `findings=N` the numbered findings (the full engine
//! always makes them; the bulk one with `--findings`, as `Reconciler::findings` asks), and
//! `deprecated=N` how many claims were ranked deprecated (the full engine always ranks; the
//! bulk one with `--ranks`, as `Reconciler::ranks` asks), and `relations=N` how many
//! relations its groups hold (the full engine always makes them; the bulk one with
//! `--groups`, as `Reconciler::whole_groups` asks).
//!
//! Both engines read a table's `total` attribute as a running total and its `state` attribute
//! as a changing state (`Table::nature_of`: the generator's meaning), and every other
//! attribute as a fixed fact.
//!
//! `--engine full` (with `--sizes` or `--csv`) times the full model instead of the bulk path:
//! the table read with `Table::read` into claims and reconciled by `Reconciler` (time, voices,
//! copy detection, relations, ranks, findings and reports), stopping once the weights settle
//! as `Reconciler` does. `--engine bulk`, the default, is `Table::read_bulk` and
//! `Reconciler::reconcile_table`, the same model on the table's columns, also stopping once the
//! weights settle, making the estimates, sources and voices alone unless asked for more. `--rounds` is the most rounds either runs.
//! With `--each`, the bulk engine hands each group on as it is finished
//! (`Reconciler::reconcile_table_each`) and the example counts what the `RESULT` line reports
//! of it, keeping none: the memory of the full model when its output is written out as it
//! comes, not held.
//!
//! Without `--csv`, each size is generated into a temporary folder (100 sources, N / 100
//! objects, every source claiming every object) and reconciled in a child process, so each
//! size's peak memory is its own. The folder is `claimrecon-scale-XXXXXX` in the system's
//! temporary directory; it is removed on every exit, an error or Ctrl-C included (only a
//! `kill -9` leaves it behind). `--csv` prints one line starting `RESULT`, which
//! `benches/peers/compare.sh` reads. A flag this list does not have, a flag that does not
//! apply to the chosen mode, or a bad value is an error naming the flag, with exit code 2.

#[path = "common/usage.rs"]
mod usage;

use std::collections::HashMap;
use std::error::Error;
use std::ffi::OsString;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use claimrecon::{Figure, Group, Label, Nature, Parser, Rank, Reconciler, Synthetic, Table, Value};
use usage::Usage;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const USAGE: &str = "usage: scale [--sizes N,N,...] [--seed S] [--rounds R] [--engine bulk|full]\n       \
                     scale --generate N --out DIR [--seed S] [--copiers K | --clique K] [--running P] [--changing P] [--sources V] [--coverage P]\n       \
                     scale --csv FILE [--truth FILE] [--rounds R] [--engine bulk|full] [--findings] [--ranks] [--groups] [--each]";

/// Which engine times the table.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Engine {
    /// `Table::read_bulk` and `Reconciler::reconcile_table`, until the weights settle.
    Bulk,
    /// `Table::read` and `Reconciler`: the full model.
    Full,
}

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Bulk => "bulk",
            Engine::Full => "full",
        }
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Mode {
    /// Generate and time each size in a temporary folder.
    Sizes { sizes: Vec<usize>, seed: u64, rounds: usize, engine: Engine },
    /// Write `claims.csv` and `truth.csv` for `n` claims into `out`, from `sources` sources
    /// each claiming an object with chance `coverage`.
    Generate {
        n: usize,
        out: PathBuf,
        seed: u64,
        copiers: usize,
        clique: usize,
        running: f64,
        changing: f64,
        sources: usize,
        coverage: f64,
    },
    /// Time one table and print its `RESULT` line.
    /// `findings`, `ranks`, `groups`: the bulk engine makes its findings, its ranks, its groups
    /// too (the full engine always does); `each`: it hands each group on as it is finished and
    /// keeps none (`Reconciler::reconcile_table_each`).
    Csv {
        csv: PathBuf,
        truth: Option<PathBuf>,
        rounds: usize,
        engine: Engine,
        findings: bool,
        ranks: bool,
        groups: bool,
        each: bool,
    },
}

fn main() -> ExitCode {
    let mode = match parse_args(std::env::args_os().skip(1)) {
        Ok(mode) => mode,
        Err(usage) => return usage.report(USAGE),
    };
    let outcome = match mode {
        Mode::Sizes { sizes, seed, rounds, engine } => run_sizes(&sizes, seed, rounds, engine),
        Mode::Generate { n, out, seed, copiers, clique, running, changing, sources, coverage } => {
            let synth = Synthetic::new(seed)
                .sources(sources)
                .coverage(coverage)
                .objects(objects_for(n, sources, coverage))
                .running(running)
                .changing(changing);
            // One or the other (`Synthetic::clique` takes the place of the copiers).
            let synth =
                if clique > 0 { synth.clique(clique, 0, 0.8) } else { synth.copiers(copiers, 0.8) };
            generate(n, &synth, &out)
        }
        Mode::Csv { csv, truth, rounds, engine, findings, ranks, groups, each } => match engine {
            Engine::Bulk => {
                reconcile(&csv, truth.as_deref(), rounds, (findings, ranks, groups), each)
            }
            Engine::Full => reconcile_full(&csv, truth.as_deref(), rounds),
        },
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The flags that take a value, in the order the usage lists them.
const FLAGS: [&str; 14] = [
    "--sizes",
    "--seed",
    "--rounds",
    "--engine",
    "--generate",
    "--out",
    "--copiers",
    "--clique",
    "--running",
    "--changing",
    "--sources",
    "--coverage",
    "--csv",
    "--truth",
];

/// The flags of one mode, with the flag that chooses it.
const NEEDS: [(&str, &str); 12] = [
    ("--out", "--generate"),
    ("--copiers", "--generate"),
    ("--clique", "--generate"),
    ("--running", "--generate"),
    ("--changing", "--generate"),
    ("--sources", "--generate"),
    ("--coverage", "--generate"),
    ("--findings", "--csv"),
    ("--ranks", "--csv"),
    ("--groups", "--csv"),
    ("--truth", "--csv"),
    ("--each", "--csv"),
];

/// The flags without a value.
const SWITCHES: [&str; 4] = ["--findings", "--ranks", "--groups", "--each"];

fn parse_args(args: impl IntoIterator<Item = OsString>) -> std::result::Result<Mode, Usage> {
    let err = |m: String| Usage::Error(m);
    let mut given: Vec<(&'static str, String)> = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg.into_string().map_err(|a| err(format!("{a:?} is not UTF-8")))?;
        if arg == "--help" || arg == "-h" {
            return Err(Usage::Help);
        }
        // The flags without a value.
        if let Some(&switch) = SWITCHES.iter().find(|&&f| f == arg) {
            if given.iter().any(|(f, _)| *f == switch) {
                return Err(err(format!("{switch} given twice")));
            }
            given.push((switch, String::new()));
            continue;
        }
        let Some(&flag) = FLAGS.iter().find(|&&f| f == arg) else {
            return Err(err(if arg.starts_with('-') {
                format!("unknown flag {arg}")
            } else {
                format!("unexpected argument {arg:?}")
            }));
        };
        if given.iter().any(|(f, _)| *f == flag) {
            return Err(err(format!("{flag} given twice")));
        }
        let value = args.next().ok_or_else(|| err(format!("{flag} needs a value")))?;
        let value = value.into_string().map_err(|v| err(format!("{flag}: {v:?} is not UTF-8")))?;
        given.push((flag, value));
    }
    let get = |flag: &str| given.iter().find(|(f, _)| *f == flag).map(|(_, v)| v.as_str());
    let only = |mode: &str, allowed: &[&str]| {
        given
            .iter()
            .find(|(f, _)| !allowed.contains(f))
            .map_or(Ok(()), |(f, _)| Err(err(format!("{f} does not go with {mode}"))))
    };
    let seed = get("--seed").map_or(Ok(42), |s| {
        s.parse().map_err(|_| err(format!("--seed: {s:?} is not a whole number")))
    })?;
    let rounds = get("--rounds").map_or(Ok(20), |r| at_least_one("--rounds", r, "rounds"))?;
    let engine = match get("--engine") {
        None | Some("bulk") => Engine::Bulk,
        Some("full") => Engine::Full,
        Some(other) => {
            return Err(err(format!("--engine: {other:?} is not an engine (bulk or full)")));
        }
    };
    if let Some(n) = get("--generate") {
        // Its own flags (those that need it) and the seed.
        let needing = NEEDS.iter().filter(|&&(_, mode)| mode == "--generate").map(|&(f, _)| f);
        let allowed: Vec<&str> = ["--generate", "--seed"].into_iter().chain(needing).collect();
        only("--generate", &allowed)?;
        return generate_mode(n, seed, get);
    }
    if let Some(csv) = get("--csv") {
        let allowed = [
            "--csv",
            "--truth",
            "--rounds",
            "--engine",
            "--findings",
            "--ranks",
            "--groups",
            "--each",
        ];
        only("--csv", &allowed)?;
        let truth = get("--truth").map(Into::into);
        let (findings, ranks) = (get("--findings").is_some(), get("--ranks").is_some());
        let (groups, each) = (get("--groups").is_some(), get("--each").is_some());
        if each && engine == Engine::Full {
            return Err(err("--each hands on the groups of --engine bulk alone".to_owned()));
        }
        let csv = csv.into();
        return Ok(Mode::Csv { csv, truth, rounds, engine, findings, ranks, groups, each });
    }
    only("--sizes", &["--sizes", "--seed", "--rounds", "--engine"]).map_err(|_| {
        let (flag, mode) =
            NEEDS.iter().find(|(flag, _)| get(flag).is_some()).unwrap_or(&("--truth", "--csv"));
        err(format!("{flag} needs {mode}"))
    })?;
    let sizes = match get("--sizes") {
        Some(s) => s
            .split(',')
            .map(|n| at_least_one("--sizes", n, "claims"))
            .collect::<std::result::Result<_, _>>()?,
        None => vec![100_000, 1_000_000, 10_000_000],
    };
    Ok(Mode::Sizes { sizes, seed, rounds, engine })
}

/// `--generate N` with its flags (`get` reads one), `seed` already read.
fn generate_mode<'a>(
    n: &str,
    seed: u64,
    get: impl Fn(&str) -> Option<&'a str>,
) -> std::result::Result<Mode, Usage> {
    let err = |m: String| Usage::Error(m);
    let out = get("--out").ok_or_else(|| err("--generate needs --out DIR".to_owned()))?;
    let n = at_least_one("--generate", n, "claims")?;
    let sources = get("--sources").map_or(Ok(100), |v| match v.parse::<usize>() {
        Ok(v) if v >= 2 => Ok(v),
        _ => Err(err(format!("--sources: {v:?} is not a number of sources, 2 or more"))),
    })?;
    let coverage = get("--coverage").map_or(Ok(1.0), |p| match p.parse::<f64>() {
        Ok(p) if p > 0.0 && p <= 1.0 => Ok(p),
        _ => Err(err(format!("--coverage: {p:?} is not a share above 0, at most 1"))),
    })?;
    // At least one source an object, so there are no more objects than claims (and truth.csv,
    // a line an object, stays the table's size).
    if (sources as f64) * coverage < 1.0 {
        let why = format!("{coverage} of {sources} sources is less than one source an object");
        return Err(err(format!("--coverage: {why}")));
    }
    let most = sources / 2;
    let copiers = get("--copiers").map_or(Ok(0), |k| match k.parse::<usize>() {
        Ok(k) if k <= most => Ok(k),
        _ => Err(err(format!("--copiers: {k:?} is not a number of sources from 0 to {most}"))),
    })?;
    // A clique needs its original and one honest source beside it.
    let largest = sources - 2;
    let clique = get("--clique").map_or(Ok(0), |k| match k.parse::<usize>() {
        Ok(k) if k <= largest => Ok(k),
        _ => Err(err(format!("--clique: {k:?} is not a number of sources from 0 to {largest}"))),
    })?;
    if clique > 0 && copiers > 0 {
        return Err(err("--copiers and --clique: one or the other".to_owned()));
    }
    let share = |flag: &str| {
        get(flag).map_or(Ok(0.0), |p| match p.parse::<f64>() {
            Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
            _ => Err(err(format!("{flag}: {p:?} is not a share from 0 to 1"))),
        })
    };
    let (running, changing) = (share("--running")?, share("--changing")?);
    if running + changing > 1.0 {
        let shares = format!("{running} + {changing}");
        return Err(err(format!("--running and --changing: {shares} is more than all")));
    }
    let out = out.into();
    Ok(Mode::Generate { n, out, seed, copiers, clique, running, changing, sources, coverage })
}

/// `text` as a count of `what`, at least 1; the error names the flag and the text.
fn at_least_one(flag: &str, text: &str, what: &str) -> std::result::Result<usize, Usage> {
    match text.parse::<usize>() {
        Ok(0) => Err(Usage::Error(format!("{flag}: 0 {what}: needs at least 1"))),
        Ok(n) => Ok(n),
        Err(_) => Err(Usage::Error(format!("{flag}: {text:?} is not a number of {what}"))),
    }
}

fn run_sizes(sizes: &[usize], seed: u64, rounds: usize, engine: Engine) -> Result<()> {
    // Dropped on every return, an error included; Ctrl-C skips destructors, hence the handler.
    let dir = tempfile::Builder::new().prefix("claimrecon-scale-").tempdir()?;
    let on_interrupt = dir.path().to_owned();
    ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&on_interrupt);
        eprintln!("interrupted; removed {}", on_interrupt.display());
        std::process::exit(130);
    })?;
    println!(
        "{:>12} {:>10} {:>9} {:>9} {:>9} {:>14} {:>10} {:>10} {:>15}",
        "claims",
        "CSV MB",
        "read s",
        "score s",
        "total s",
        "claims/s",
        "peak MiB",
        "MAE",
        "truths matched"
    );
    let me = std::env::current_exe()?;
    for &n in sizes {
        let sub = dir.path().join(n.to_string());
        generate(n, &synthetic(n, seed), &sub)?;
        let csv = sub.join("claims.csv");
        let mb = std::fs::metadata(&csv)?.len() as f64 / 1e6;
        let out = Command::new(&me)
            .args(["--csv", &path(&csv)?, "--truth", &path(&sub.join("truth.csv"))?])
            .args(["--rounds", &rounds.to_string(), "--engine", engine.name()])
            .output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let Some(line) = text.lines().find(|l| l.starts_with("RESULT ")) else {
            return Err(format!(
                "no RESULT line for {n}: {}",
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        };
        let get = |key: &str| {
            line.split_whitespace()
                .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
                .unwrap_or("?")
                .to_owned()
        };
        println!(
            "{:>12} {:>10.1} {:>9} {:>9} {:>9} {:>14} {:>10} {:>10} {:>15}",
            get("claims"),
            mb,
            get("read_s"),
            get("score_s"),
            get("seconds"),
            get("claims_per_s"),
            get("peak_mib"),
            get("mae"),
            get("matched")
        );
        std::fs::remove_dir_all(&sub)?;
    }
    dir.close()?;
    Ok(())
}

fn path(p: &Path) -> Result<String> {
    p.to_str().map(str::to_owned).ok_or_else(|| format!("{} is not UTF-8", p.display()).into())
}

/// The generator used for every size: 100 sources, n / 100 objects, full coverage.
fn synthetic(n: usize, seed: u64) -> Synthetic {
    Synthetic::new(seed).sources(100).objects(n.div_ceil(100))
}

/// How many objects make about `n` claims from `sources` sources claiming each with chance
/// `coverage` (at least one).
fn objects_for(n: usize, sources: usize, coverage: f64) -> usize {
    ((n as f64 / (sources as f64 * coverage)).ceil() as usize).max(1)
}

/// Writes the first `n` rows of `synth` (fewer if it has fewer), its truth and, when it has
/// copiers, who copies whom among the sources written.
fn generate(n: usize, synth: &Synthetic, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut claims = BufWriter::with_capacity(1 << 20, File::create(dir.join("claims.csv"))?);
    writeln!(claims, "{}", synth.header())?;
    // A table cut short holds some sources only: the copying listed is theirs.
    let mut written = Vec::new();
    for row in synth.rows().take(n) {
        writeln!(claims, "{row}")?;
        if written.len() <= row.source {
            written.resize(row.source + 1, false);
        }
        written[row.source] = true;
    }
    claims.flush()?;
    let mut truth = BufWriter::new(File::create(dir.join("truth.csv"))?);
    writeln!(truth, "{}", synth.truth_header())?;
    for t in synth.truths() {
        writeln!(truth, "{t}")?;
    }
    truth.flush()?;
    if synth.copying().next().is_some() {
        let mut who = BufWriter::new(File::create(dir.join("copies.csv"))?);
        writeln!(who, "copier,original")?;
        let written = |s: usize| written.get(s).copied().unwrap_or(false);
        for (copier, original) in synth.copying().filter(|&(c, o)| written(c) && written(o)) {
            writeln!(who, "s{copier},s{original}")?;
        }
        who.flush()?;
    }
    Ok(())
}

/// How both engines read a table: by its header, its `total` attribute a running total and
/// its `state` attribute a changing state (the generator's meaning, see `Synthetic::running`
/// and `Synthetic::changing`), every other one a fixed fact.
fn table() -> Table {
    Table::csv().nature_of("total", Nature::RunningTotal).nature_of("state", Nature::ChangingState)
}

/// `asked`: whether the findings, the ranks and the groups are made; `each`: whether each
/// group is handed on as it is finished and none is kept (`--each`).
fn reconcile(
    csv: &Path,
    truth: Option<&Path>,
    rounds: usize,
    asked: (bool, bool, bool),
    each: bool,
) -> Result<()> {
    let start = Instant::now();
    let file = File::open(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    let bulk = table().read_bulk(&path(csv)?, file, &Parser::default())?;
    let read = start.elapsed().as_secs_f64();
    // Until the weights settle, as the full engine runs (`--rounds` at most).
    let (findings, ranks, groups) = asked;
    let reconciler =
        Reconciler::new().rounds(rounds).findings(findings).ranks(ranks).whole_groups(groups);
    let (result, tally) = if each {
        // Each group counted as it comes, none kept.
        let mut tally = Tally::default();
        let rest = reconciler.reconcile_table_each(&bulk, |g| tally.add(&g.group));
        (rest, tally)
    } else {
        let result = reconciler.reconcile_table(&bulk);
        let tally = Tally::of(&result.groups);
        (result, tally)
    };
    let seconds = start.elapsed().as_secs_f64();
    for r in bulk.rejected().iter().take(10) {
        eprintln!("rejected: {}", r.error);
    }
    if bulk.rejected().len() > 10 {
        eprintln!("... and {} more rejected rows", bulk.rejected().len() - 10);
    }
    let mae = match truth {
        Some(t) => scores(t, &tally.best)?,
        None => "mae=?".to_owned(),
    };
    println!(
        "RESULT engine=bulk claims={} variables={} sources={} rejected={} rounds={} joined={} \
         {}{}{}read_s={read:.3} score_s={:.3} seconds={seconds:.3} claims_per_s={:.0} \
         peak_mib={} {mae}",
        bulk.len(),
        bulk.variables(),
        bulk.sources().len(),
        bulk.rejected().len(),
        result.rounds,
        result.voices.iter().filter(|v| v.members.len() > 1).count(),
        result.summary.map_or(String::new(), |s| format!("findings={} ", s.findings)),
        if ranks { format!("deprecated={} ", tally.deprecated) } else { String::new() },
        if groups { format!("relations={} ", tally.relations) } else { String::new() },
        seconds - read,
        bulk.len() as f64 / seconds,
        peak_mib().map_or("?".to_owned(), |m| m.to_string()),
    );
    Ok(())
}

/// The full model on one table: `Table::read` into claims, then `Reconciler`.
fn reconcile_full(csv: &Path, truth: Option<&Path>, rounds: usize) -> Result<()> {
    let start = Instant::now();
    let file = File::open(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    let (mut claims, mut rejected) = (Vec::new(), Vec::new());
    for item in table().read(&path(csv)?, file, &Parser::default()) {
        match item {
            Ok(claim) => claims.push(claim),
            Err(e) => rejected.push(e),
        }
    }
    let read = start.elapsed().as_secs_f64();
    let n = claims.len();
    let result = Reconciler::new().rounds(rounds).reconcile(claims);
    let seconds = start.elapsed().as_secs_f64();
    for e in rejected.iter().take(10) {
        eprintln!("rejected: {e}");
    }
    if rejected.len() > 10 {
        eprintln!("... and {} more rejected rows", rejected.len() - 10);
    }
    let tally = Tally::of(&result.groups);
    let mae = match truth {
        Some(t) => scores(t, &tally.best)?,
        None => "mae=?".to_owned(),
    };
    println!(
        "RESULT engine=full claims={n} variables={} sources={} rejected={} rounds={} joined={} \
         findings={} deprecated={} relations={} read_s={read:.3} score_s={:.3} \
         seconds={seconds:.3} claims_per_s={:.0} peak_mib={} {mae}",
        result.groups.len(),
        result.sources.len(),
        rejected.len() + result.rejected.len(),
        result.rounds,
        result.voices.iter().filter(|v| v.members.len() > 1).count(),
        result.summary.map_or(0, |s| s.findings),
        tally.deprecated,
        tally.relations,
        seconds - read,
        n as f64 / seconds,
        peak_mib().map_or("?".to_owned(), |m| m.to_string()),
    );
    Ok(())
}

/// What a `RESULT` line reads off a result's groups, counted group by group (so that
/// `--each` need keep none of them).
#[derive(Default)]
struct Tally {
    /// Each group's best figure or value, by object (the subject's event) and attribute (its
    /// measure), both in lower case.
    best: HashMap<(String, String), Best>,
    /// How many claims are ranked deprecated.
    deprecated: usize,
    /// How many relations the groups hold.
    relations: usize,
}

impl Tally {
    /// The tally of `groups`.
    fn of<'a>(groups: impl IntoIterator<Item = &'a Group>) -> Tally {
        let mut tally = Tally::default();
        for g in groups {
            tally.add(g);
        }
        tally
    }

    /// Counts one group in.
    fn add(&mut self, g: &Group) {
        self.deprecated += g.ranks.iter().filter(|r| r.rank == Rank::Deprecated).count();
        self.relations += g.relations.len();
        if let Some((key, best)) = best_of(g) {
            self.best.insert(key, best);
        }
    }
}

/// A group's best figure or value, by object (the subject's event) and attribute (its
/// measure), both in lower case: one reading of either engine's result.
fn best_of(g: &Group) -> Option<((String, String), Best)> {
    let object = name_key(g.subject.which_event()?.key());
    let attribute = name_key(&g.subject.measure().to_string());
    let best = match &g.estimate.as_ref()?.figure {
        Figure::Number { best, .. } => Best::Number(*best),
        // A category by its key; a yes/no as its words.
        Figure::Value { value: Value::Category(l) } => Best::Label(l.key().to_owned()),
        Figure::Value { value } => Best::Label(value.to_string().to_lowercase()),
        _ => return None,
    };
    Some(((object, attribute), best))
}

/// The mean absolute error of the numeric estimates against `object,attribute,value` rows,
/// as `mae=... matched=N/M` for the `RESULT` line: the truth rows an engine gave a number for,
/// of the numeric truth rows, so two engines' errors are read over the same rows or seen not
/// to be; and where the truth has values other than numbers (labels, states), how many the
/// engine got right, `labels=R/L` (case aside). `best` gives an engine's best figure or value
/// for an object and attribute.
fn scores(truth: &Path, best: &HashMap<(String, String), Best>) -> Result<String> {
    let best = |object: &str, attribute: &str| best.get(&(name_key(object), name_key(attribute)));
    let text = std::fs::read_to_string(truth).map_err(|e| format!("{}: {e}", truth.display()))?;
    let (mut sum, mut matched, mut rows) = (0.0, 0usize, 0usize);
    let (mut right, mut labels) = (0usize, 0usize);
    for (i, line) in text.lines().enumerate().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let [object, attribute, value] = cells[..] else {
            return Err(format!("{}:{}: expected 3 columns", truth.display(), i + 1).into());
        };
        let Ok(t) = value.parse::<f64>() else {
            labels += 1;
            if let Some(Best::Label(l)) = best(object, attribute) {
                right += usize::from(l.eq_ignore_ascii_case(value));
            }
            continue;
        };
        rows += 1;
        if let Some(Best::Number(x)) = best(object, attribute) {
            sum += (x - t).abs();
            matched += 1;
        }
    }
    let mae = if matched > 0 { format!("{:.2}", sum / matched as f64) } else { "?".to_owned() };
    let labels = if labels > 0 { format!(" labels={right}/{labels}") } else { String::new() };
    Ok(format!("mae={mae} matched={matched}/{rows}{labels}"))
}

/// An engine's best figure or value for one object's attribute.
#[derive(Debug, Clone)]
enum Best {
    Number(f64),
    /// A value other than a number, in lower case.
    Label(String),
}

/// A name as the full model keys an event or a measure: its label key (white space
/// collapsed, lower case), or the name as given when it is no label.
fn name_key(name: &str) -> String {
    Label::new(name).map_or_else(|_| name.to_owned(), |l| l.key().to_owned())
}

/// The process's peak resident memory in MiB, from /proc (Linux only).
fn peak_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024)
}

#[cfg(test)]
mod tests {
    use super::{Engine, Mode, Usage, parse_args};

    fn parse(args: &[&str]) -> Result<Mode, Usage> {
        parse_args(args.iter().map(Into::into))
    }

    fn error(args: &[&str]) -> String {
        match parse(args) {
            Err(Usage::Error(message)) => {
                assert_eq!(Usage::Error(message.clone()).exit_code(), 2);
                message
            }
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn help_exits_zero() {
        assert_eq!(parse(&["--help"]), Err(Usage::Help));
        assert_eq!(parse(&["--sizes", "10", "-h"]), Err(Usage::Help));
        assert_eq!(Usage::Help.exit_code(), 0);
    }

    #[test]
    fn defaults_and_modes() {
        let sizes = vec![100_000, 1_000_000, 10_000_000];
        assert_eq!(
            parse(&[]),
            Ok(Mode::Sizes { sizes, seed: 42, rounds: 20, engine: Engine::Bulk })
        );
        assert_eq!(
            parse(&["--sizes", "1000,20000", "--seed", "7", "--rounds", "3"]),
            Ok(Mode::Sizes { sizes: vec![1000, 20000], seed: 7, rounds: 3, engine: Engine::Bulk })
        );
        assert_eq!(
            parse(&["--generate", "100", "--out", "d"]),
            Ok(Mode::Generate {
                n: 100,
                out: "d".into(),
                seed: 42,
                copiers: 0,
                clique: 0,
                running: 0.0,
                changing: 0.0,
                sources: 100,
                coverage: 1.0
            })
        );
        assert_eq!(
            parse(&["--generate", "100", "--out", "d", "--copiers", "10"]),
            Ok(Mode::Generate {
                n: 100,
                out: "d".into(),
                seed: 42,
                copiers: 10,
                clique: 0,
                running: 0.0,
                changing: 0.0,
                sources: 100,
                coverage: 1.0
            })
        );
        assert_eq!(
            parse(&["--generate", "100", "--out", "d", "--running", "0.5"]),
            Ok(Mode::Generate {
                n: 100,
                out: "d".into(),
                seed: 42,
                copiers: 0,
                clique: 0,
                running: 0.5,
                changing: 0.0,
                sources: 100,
                coverage: 1.0
            })
        );
        assert_eq!(
            parse(&["--csv", "c.csv", "--truth", "t.csv"]),
            Ok(Mode::Csv {
                csv: "c.csv".into(),
                truth: Some("t.csv".into()),
                rounds: 20,
                engine: Engine::Bulk,
                findings: false,
                ranks: false,
                groups: false,
                each: false
            })
        );
        assert!(matches!(
            parse(&["--findings", "--csv", "c.csv"]),
            Ok(Mode::Csv { findings: true, .. })
        ));
        assert_eq!(
            error(&["--csv", "c.csv", "--findings", "--findings"]),
            "--findings given twice"
        );
        assert_eq!(
            error(&["--generate", "10", "--out", "d", "--findings"]),
            "--findings does not go with --generate"
        );
        assert!(matches!(
            parse(&["--csv", "c.csv", "--ranks"]),
            Ok(Mode::Csv { findings: false, ranks: true, .. })
        ));
        assert_eq!(error(&["--ranks", "--ranks", "--csv", "c.csv"]), "--ranks given twice");
        assert_eq!(error(&["--sizes", "10", "--ranks"]), "--ranks needs --csv");
        assert!(matches!(
            parse(&["--csv", "c.csv", "--groups"]),
            Ok(Mode::Csv { findings: false, ranks: false, groups: true, .. })
        ));
        assert_eq!(error(&["--groups", "--sizes", "10"]), "--groups needs --csv");
        assert!(matches!(
            parse(&["--csv", "c.csv", "--each", "--ranks"]),
            Ok(Mode::Csv { ranks: true, each: true, .. })
        ));
        assert_eq!(error(&["--each", "--sizes", "10"]), "--each needs --csv");
        assert_eq!(
            error(&["--csv", "c.csv", "--each", "--engine", "full"]),
            "--each hands on the groups of --engine bulk alone"
        );
    }

    #[test]
    fn the_engine_is_bulk_unless_full_is_asked_for() {
        assert_eq!(
            parse(&["--sizes", "1000", "--engine", "full"]),
            Ok(Mode::Sizes { sizes: vec![1000], seed: 42, rounds: 20, engine: Engine::Full })
        );
        assert!(matches!(
            parse(&["--csv", "c.csv", "--engine", "full"]),
            Ok(Mode::Csv { engine: Engine::Full, .. })
        ));
        assert!(matches!(
            parse(&["--csv", "c.csv", "--engine", "bulk"]),
            Ok(Mode::Csv { engine: Engine::Bulk, .. })
        ));
        assert_eq!(
            error(&["--engine", "fast"]),
            "--engine: \"fast\" is not an engine (bulk or full)"
        );
        assert_eq!(
            error(&["--generate", "10", "--out", "d", "--engine", "full"]),
            "--engine does not go with --generate"
        );
    }

    #[test]
    fn unknown_flags_and_arguments_are_named() {
        assert_eq!(error(&["--size", "1000"]), "unknown flag --size");
        assert_eq!(error(&["-s"]), "unknown flag -s");
        assert_eq!(error(&["1000"]), "unexpected argument \"1000\"");
    }

    #[test]
    fn bad_values_name_the_flag() {
        assert_eq!(error(&["--sizes", "1x0"]), "--sizes: \"1x0\" is not a number of claims");
        assert_eq!(error(&["--sizes", "10,,20"]), "--sizes: \"\" is not a number of claims");
        assert_eq!(error(&["--sizes", "0"]), "--sizes: 0 claims: needs at least 1");
        assert_eq!(error(&["--rounds", "-1"]), "--rounds: \"-1\" is not a number of rounds");
        assert_eq!(error(&["--rounds", "0"]), "--rounds: 0 rounds: needs at least 1");
        assert_eq!(error(&["--seed", "x"]), "--seed: \"x\" is not a whole number");
        assert_eq!(
            error(&["--generate", "1e6", "--out", "d"]),
            "--generate: \"1e6\" is not a number of claims"
        );
        assert_eq!(error(&["--sizes"]), "--sizes needs a value");
        assert_eq!(
            error(&["--generate", "10", "--out", "d", "--copiers", "51"]),
            "--copiers: \"51\" is not a number of sources from 0 to 50"
        );
        assert_eq!(error(&["--seed", "1", "--seed", "2"]), "--seed given twice");
        // `--generate 10 --out d` with these flags.
        let generate: [(&[&str], &str); 5] = [
            (&["--sources", "1"], "--sources: \"1\" is not a number of sources, 2 or more"),
            (&["--coverage", "0"], "--coverage: \"0\" is not a share above 0, at most 1"),
            (
                &["--sources", "3", "--coverage", "1e-9"],
                "--coverage: 0.000000001 of 3 sources is less than one source an object",
            ),
            // The copiers and the clique are bounded by the sources given.
            (
                &["--sources", "8", "--copiers", "5"],
                "--copiers: \"5\" is not a number of sources from 0 to 4",
            ),
            (&["--clique", "99"], "--clique: \"99\" is not a number of sources from 0 to 98"),
        ];
        for (flags, message) in generate {
            let args: Vec<&str> =
                ["--generate", "10", "--out", "d"].iter().chain(flags).copied().collect();
            assert_eq!(error(&args), message, "{flags:?}");
        }
        assert_eq!(
            error(&["--generate", "10", "--out", "d", "--running", "1.5"]),
            "--running: \"1.5\" is not a share from 0 to 1"
        );
        assert_eq!(
            error(&["--generate", "10", "--out", "d", "--running", "0.7", "--changing", "0.5"]),
            "--running and --changing: 0.7 + 0.5 is more than all"
        );
    }

    #[test]
    fn flags_outside_their_mode_are_errors() {
        assert_eq!(error(&["--generate", "10"]), "--generate needs --out DIR");
        assert_eq!(error(&["--out", "d"]), "--out needs --generate");
        assert_eq!(error(&["--copiers", "3"]), "--copiers needs --generate");
        assert_eq!(error(&["--running", "0.5"]), "--running needs --generate");
        assert_eq!(error(&["--changing", "0.5"]), "--changing needs --generate");
        assert_eq!(error(&["--sources", "500"]), "--sources needs --generate");
        assert_eq!(error(&["--coverage", "0.5"]), "--coverage needs --generate");
        assert_eq!(error(&["--clique", "5"]), "--clique needs --generate");
        assert!(matches!(
            parse(&["--generate", "100", "--out", "d", "--sources", "300", "--clique", "200"]),
            Ok(Mode::Generate { sources: 300, clique: 200, copiers: 0, .. })
        ));
        assert_eq!(
            error(&["--generate", "10", "--out", "d", "--clique", "9", "--copiers", "2"]),
            "--copiers and --clique: one or the other"
        );
        assert!(matches!(
            parse(&["--generate", "100", "--out", "d", "--sources", "8000", "--coverage", "0.1"]),
            Ok(Mode::Generate { sources: 8000, coverage: 0.1, .. })
        ));
        assert!(matches!(
            parse(&["--generate", "100", "--out", "d", "--changing", "0.3"]),
            Ok(Mode::Generate { running: 0.0, changing: 0.3, .. })
        ));
        assert_eq!(
            error(&["--csv", "c.csv", "--copiers", "3"]),
            "--copiers does not go with --csv"
        );
        assert_eq!(error(&["--truth", "t.csv"]), "--truth needs --csv");
        assert_eq!(
            error(&["--generate", "10", "--out", "d", "--rounds", "3"]),
            "--rounds does not go with --generate"
        );
        assert_eq!(error(&["--csv", "c.csv", "--seed", "1"]), "--seed does not go with --csv");
        assert_eq!(error(&["--csv", "c.csv", "--sizes", "10"]), "--sizes does not go with --csv");
    }
}
