//! Reads the value phrases of the bundled seed articles and shows what each one means.
//!
//! Until the reconciler lands, this prints every phrase in `seeds/phrases.tsv` beside the
//! value claimrecon reads from it and the interval that value allows, and checks that each
//! phrase occurs in its article. Run it with `cargo run --example reconcile`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use claimrecon::{Parser, Policy, Value};

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"), PathBuf::from);
    match run(&dir) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path) -> Result<String, String> {
    let list = dir.join("phrases.tsv");
    let text = std::fs::read_to_string(&list)
        .map_err(|e| format!("cannot read {}: {e}", list.display()))?;
    let policy = Policy::default();
    let mut out = String::new();
    let mut failures = 0;
    let mut current_doc = String::new();
    for (number, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [doc, published, about, phrase] = fields[..] else {
            return Err(format!("{}:{number}: expected 4 tab-separated fields", list.display()));
        };
        if doc != current_doc {
            doc.clone_into(&mut current_doc);
            let _ = writeln!(out, "\n{doc} (published {published})");
        }
        let article = std::fs::read_to_string(dir.join(doc))
            .map_err(|e| format!("{}:{number}: cannot read {doc}: {e}", list.display()))?;
        if !article.contains(phrase) {
            let _ = writeln!(out, "  !! {phrase:?} does not occur in {doc}");
            failures += 1;
        }
        let mut parser = Parser::default();
        if published != "-" {
            let date = NaiveDate::parse_from_str(published, "%Y-%m-%d").map_err(|e| {
                format!("{}:{number}: field published {published:?}: {e}", list.display())
            })?;
            parser = parser.published(date);
        }
        match parser.parse(phrase) {
            Ok(parsed) => {
                let _ = writeln!(
                    out,
                    "  {about:<34} {phrase:<38} => {}",
                    explain(&parsed.value, &policy)
                );
            }
            Err(e) => {
                let _ = writeln!(out, "  {about:<34} !! {e}");
                failures += 1;
            }
        }
    }
    if failures > 0 {
        return Err(format!("{out}\n{failures} phrase(s) failed"));
    }
    Ok(out)
}

fn explain(value: &Value, policy: &Policy) -> String {
    match value.interval(policy) {
        Some(i) if matches!(value, Value::Amount(_)) && !i.is_point() => format!("{value} {i}"),
        _ => value.to_string(),
    }
}
