//! Reconciles a corpus of annotated news claims and prints the report an analyst reads.
//!
//! ```sh
//! cargo run --example reconcile                      # the bundled seed corpus
//! cargo run --example reconcile -- PATH              # any corpus in the documented format
//! cargo run --example reconcile -- --json            # the whole reconciliation as JSON
//! cargo run --example reconcile -- --markdown FILE   # the report as Markdown
//! cargo run --example reconcile -- --svg DIR         # one chart per running total
//! cargo run --example reconcile -- --lenient         # keep going past bad lines, list them
//! cargo run --example reconcile -- --extract FILE.txt [--published YYYY-MM-DD] [CORPUS.jsonl]
//!                                                    # propose claims from an article, with
//!                                                    # the places the corpus declares
//! ```

mod chart;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimrecon::{Corpus, DocumentId, Parser};

struct Options {
    corpus: PathBuf,
    json: bool,
    markdown: Option<PathBuf>,
    svg: Option<PathBuf>,
    lenient: bool,
    extract: Option<PathBuf>,
    published: Option<chrono::NaiveDate>,
}

const USAGE: &str = "usage: reconcile [CORPUS.jsonl] [--json] [--markdown FILE] [--svg DIR] \
                     [--lenient] [--extract FILE.txt [--published YYYY-MM-DD]]";

fn options() -> Result<Options, String> {
    let mut o = Options {
        corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join("corpus.jsonl"),
        json: false,
        markdown: None,
        svg: None,
        lenient: false,
        extract: None,
        published: None,
    };
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--json") => o.json = true,
            Some("--lenient") => o.lenient = true,
            Some("--extract") => {
                o.extract = Some(args.next().ok_or("--extract needs a file")?.into());
            }
            Some("--published") => {
                let d = args.next().ok_or("--published needs a date")?;
                let d = d.to_string_lossy();
                o.published = Some(
                    chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .map_err(|e| format!("--published {d}: not a YYYY-MM-DD date: {e}"))?,
                );
            }
            Some("--markdown") => {
                o.markdown = Some(args.next().ok_or("--markdown needs a file")?.into());
            }
            Some("--svg") => o.svg = Some(args.next().ok_or("--svg needs a directory")?.into()),
            Some("-h" | "--help") => return Err(USAGE.to_owned()),
            Some(flag) if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"));
            }
            _ => o.corpus = arg.into(),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    match options().and_then(|o| run(&o)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(o: &Options) -> Result<(), String> {
    let name = o.corpus.display().to_string();
    let text =
        std::fs::read_to_string(&o.corpus).map_err(|e| format!("cannot read {name}: {e}"))?;
    let corpus = Corpus::parse(&name, &text, &Parser::default()).map_err(|e| e.to_string())?;
    if let Some(path) = &o.extract {
        return propose(path, o.published, &corpus);
    }
    let dir = o.corpus.parent().unwrap_or(Path::new("."));
    let mut texts: BTreeMap<DocumentId, String> = BTreeMap::new();
    for d in &corpus.documents {
        let path = dir.join(&d.file);
        let body = std::fs::read_to_string(&path).map_err(|e| {
            format!("{name}: document {}: cannot read {}: {e}", d.id, path.display())
        })?;
        texts.insert(d.id.clone(), body);
    }
    let problems = corpus.check_quotes(&texts);
    if !problems.is_empty() && !o.lenient {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(lines.join("\n"));
    }
    for p in &problems {
        eprintln!("warning: {p}");
    }
    let reconciliation = corpus.reconcile();
    if o.json {
        let json = serde_json::to_string_pretty(&reconciliation).map_err(|e| e.to_string())?;
        println!("{json}");
    } else {
        print!("{}", claimrecon::text(&reconciliation));
    }
    if let Some(path) = &o.markdown {
        std::fs::write(path, claimrecon::markdown(&reconciliation))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if let Some(dir) = &o.svg {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        for written in chart::running_totals(&reconciliation, dir)? {
            eprintln!("wrote {}", written.display());
        }
    }
    Ok(())
}

/// Prints proposed claims for an article in the corpus format, each after a comment saying
/// why, ready to be edited and loaded. Places are the ones `corpus` declares, with their
/// aliases.
fn propose(
    path: &Path,
    published: Option<chrono::NaiveDate>,
    corpus: &Corpus,
) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let parser = match published {
        Some(d) => Parser::default().published(d).map_err(|e| format!("--published {d}: {e}"))?,
        None => Parser::default(),
    };
    let proposals = claimrecon::extract(&text, &parser, corpus.aliases(), corpus.places());
    let file = path.file_name().map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let document = serde_json::json!({
        "document": "new",
        "file": file,
        "outlet": "EDIT ME",
        "published": published.map(|d| d.to_string()),
    });
    println!("# Proposed by claimrecon from {file}: check every line against the article.");
    println!("{document}");
    for (i, p) in proposals.iter().enumerate() {
        println!("# {}", p.because.join("; "));
        let mut line = serde_json::json!({
            "claim": format!("new-{}", i + 1),
            "document": "new",
            "quote": p.quote,
            "phrase": p.phrase,
            "measure": p.measure,
            "population": p.population,
        });
        if let Some(place) = &p.place {
            line["place"] = serde_json::json!(place.as_str());
        }
        if let Some(speaker) = &p.speaker {
            line["speaker"] = serde_json::json!(speaker);
        }
        println!("{line}");
    }
    Ok(())
}
