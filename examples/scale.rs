//! Times CSV → scored reconciliation end to end on synthetic tables of 10^5 to 10^7 claims,
//! and reports claims per second and peak memory.
//!
//! ```text
//! cargo run --release --example scale                      # 10^5, 10^6 and 10^7 claims
//! cargo run --release --example scale -- --sizes 100000,1000000
//! cargo run --release --example scale -- --generate N --out DIR [--seed S]
//! cargo run --release --example scale -- --csv FILE [--truth FILE] [--rounds R]
//! ```
//!
//! Without `--csv`, each size is generated into a temporary folder (100 sources, N / 100
//! objects, every source claiming every object) and reconciled in a child process, so each
//! size's peak memory is its own. `--csv` prints one line starting `RESULT`, which
//! `benches/peers/compare.sh` reads.

use std::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use claimrecon::{BulkReconciler, BulkValue, Parser, Synthetic, Table};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| -> Option<&str> {
        args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
    };
    let seed: u64 = flag("--seed").map_or(Ok(42), str::parse)?;
    let rounds: usize = flag("--rounds").map_or(Ok(20), str::parse)?;
    if let Some(n) = flag("--generate") {
        let out = flag("--out").ok_or("--generate needs --out DIR")?;
        generate(n.parse()?, seed, Path::new(out))?;
        return Ok(());
    }
    if let Some(csv) = flag("--csv") {
        return reconcile(Path::new(csv), flag("--truth").map(Path::new), rounds);
    }
    let sizes: Vec<usize> = match flag("--sizes") {
        Some(s) => s.split(',').map(str::parse).collect::<std::result::Result<_, _>>()?,
        None => vec![100_000, 1_000_000, 10_000_000],
    };
    let dir = std::env::temp_dir().join(format!("claimrecon-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    println!(
        "{:>12} {:>10} {:>9} {:>9} {:>9} {:>14} {:>10} {:>10}",
        "claims", "CSV MB", "read s", "score s", "total s", "claims/s", "peak MiB", "MAE"
    );
    let me = std::env::current_exe()?;
    for n in sizes {
        let sub = dir.join(n.to_string());
        generate(n, seed, &sub)?;
        let csv = sub.join("claims.csv");
        let mb = std::fs::metadata(&csv)?.len() as f64 / 1e6;
        let out = Command::new(&me)
            .args(["--csv", &path(&csv)?, "--truth", &path(&sub.join("truth.csv"))?])
            .args(["--rounds", &rounds.to_string()])
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
            "{:>12} {:>10.1} {:>9} {:>9} {:>9} {:>14} {:>10} {:>10}",
            get("claims"),
            mb,
            get("read_s"),
            get("score_s"),
            get("seconds"),
            get("claims_per_s"),
            get("peak_mib"),
            get("mae")
        );
        std::fs::remove_dir_all(&sub)?;
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

fn path(p: &Path) -> Result<String> {
    p.to_str().map(str::to_owned).ok_or_else(|| format!("{} is not UTF-8", p.display()).into())
}

/// The generator used for every size: 100 sources, n / 100 objects, full coverage.
fn synthetic(n: usize, seed: u64) -> Synthetic {
    Synthetic::new(seed).sources(100).objects(n.div_ceil(100))
}

fn generate(n: usize, seed: u64, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let synth = synthetic(n, seed);
    let mut claims = BufWriter::with_capacity(1 << 20, File::create(dir.join("claims.csv"))?);
    writeln!(claims, "{}", synth.header())?;
    for row in synth.rows().take(n) {
        writeln!(claims, "{row}")?;
    }
    claims.flush()?;
    let mut truth = BufWriter::new(File::create(dir.join("truth.csv"))?);
    writeln!(truth, "{}", synth.truth_header())?;
    for t in synth.truths() {
        writeln!(truth, "{t}")?;
    }
    truth.flush()?;
    Ok(())
}

fn reconcile(csv: &Path, truth: Option<&Path>, rounds: usize) -> Result<()> {
    let start = Instant::now();
    let file = File::open(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    let bulk = Table::csv().read_bulk(&path(csv)?, file, &Parser::default())?;
    let read = start.elapsed().as_secs_f64();
    // Every round runs, as a fixed-round benchmark wants (the default stops once weights settle).
    let result = BulkReconciler::new().rounds(rounds).tolerance(0.0).reconcile(&bulk);
    let seconds = start.elapsed().as_secs_f64();
    for r in bulk.rejected().iter().take(10) {
        eprintln!("rejected: {}", r.error);
    }
    if bulk.rejected().len() > 10 {
        eprintln!("... and {} more rejected rows", bulk.rejected().len() - 10);
    }
    let mae = match truth {
        Some(t) => mean_absolute_error(&result, t)?,
        None => None,
    };
    println!(
        "RESULT claims={} variables={} sources={} rejected={} rounds={} read_s={read:.3} \
         score_s={:.3} seconds={seconds:.3} claims_per_s={:.0} peak_mib={} mae={}",
        bulk.len(),
        bulk.variables(),
        bulk.sources().len(),
        bulk.rejected().len(),
        result.rounds,
        seconds - read,
        bulk.len() as f64 / seconds,
        peak_mib().map_or("?".to_owned(), |m| m.to_string()),
        mae.map_or("?".to_owned(), |m| format!("{m:.2}")),
    );
    Ok(())
}

/// The mean absolute error of the numeric estimates against `object,attribute,value` rows.
fn mean_absolute_error(
    result: &claimrecon::BulkReconciliation,
    truth: &Path,
) -> Result<Option<f64>> {
    let text = std::fs::read_to_string(truth).map_err(|e| format!("{}: {e}", truth.display()))?;
    let (mut sum, mut n) = (0.0, 0usize);
    for (i, line) in text.lines().enumerate().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let [object, attribute, value] = cells[..] else {
            return Err(format!("{}:{}: expected 3 columns", truth.display(), i + 1).into());
        };
        let (Ok(t), Some(e)) = (value.parse::<f64>(), result.estimate(object, attribute)) else {
            continue;
        };
        if let BulkValue::Number(x) = e.best {
            sum += (x - t).abs();
            n += 1;
        }
    }
    Ok((n > 0).then(|| sum / n as f64))
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
