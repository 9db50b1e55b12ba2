//! Reconciles a corpus of annotated news claims and prints the report an analyst reads.
//!
//! ```sh
//! cargo run --example reconcile                      # the bundled seed corpus
//! cargo run --example reconcile -- PATH              # any corpus in the documented format
//! cargo run --example reconcile -- --json            # the whole reconciliation as JSON
//! cargo run --example reconcile -- --markdown FILE   # the report as Markdown into FILE, and
//!                                                    # only "wrote FILE" on stderr
//! cargo run --example reconcile -- --svg DIR         # one chart per running total
//! cargo run --example reconcile -- --lenient         # load past bad lines and quotes that are
//!                                                    # not in their article; the report lists
//!                                                    # the rejected lines
//! cargo run --example reconcile -- --extract FILE.txt [--published YYYY-MM-DD] [CORPUS.jsonl]
//!                                                    # propose claims from an article, with
//!                                                    # the places the corpus declares
//! cargo run --example reconcile -- --help            # this usage; exits 0
//! ```
//!
//! The text report goes to stdout unless `--json` or `--markdown` asks for another rendering.
//! An unknown flag, a flag without its value or a flag that does not go with `--extract` is an
//! error naming the flag, with exit code 2; any other failure exits 1.

mod chart;

#[path = "../common/usage.rs"]
mod usage;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimrecon::{Corpus, DocumentId, Parser};
use usage::Usage;

#[derive(Debug, PartialEq)]
struct Options {
    corpus: PathBuf,
    json: bool,
    markdown: Option<PathBuf>,
    svg: Option<PathBuf>,
    lenient: bool,
    extract: Option<PathBuf>,
    /// As given, once read as a date ([`Parser::published_on`]).
    published: Option<String>,
}

const USAGE: &str = "usage: reconcile [CORPUS.jsonl] [--json] [--markdown FILE] [--svg DIR] \
                     [--lenient]\n       \
                     reconcile --extract FILE.txt [--published YYYY-MM-DD] [--lenient] \
                     [CORPUS.jsonl]";

fn seed_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join("corpus.jsonl")
}

fn parse_args<I: IntoIterator<Item = OsString>>(args: I) -> Result<Options, Usage> {
    let err = |m: String| Usage::Error(m);
    let mut o = Options {
        corpus: seed_corpus(),
        json: false,
        markdown: None,
        svg: None,
        lenient: false,
        extract: None,
        published: None,
    };
    let mut corpus_given = false;
    let mut args = args.into_iter();
    let value = |args: &mut I::IntoIter, flag: &str, what: &str| {
        args.next().ok_or_else(|| err(format!("{flag} needs {what}")))
    };
    while let Some(arg) = args.next() {
        let once = |given: bool, flag: &str| {
            if given { Err(err(format!("{flag} given twice"))) } else { Ok(()) }
        };
        match arg.to_str() {
            Some("-h" | "--help") => return Err(Usage::Help),
            Some("--json") => o.json = true,
            Some("--lenient") => o.lenient = true,
            Some("--extract") => {
                once(o.extract.is_some(), "--extract")?;
                o.extract = Some(value(&mut args, "--extract", "a file")?.into());
            }
            Some("--published") => {
                once(o.published.is_some(), "--published")?;
                let d = value(&mut args, "--published", "a date")?;
                let d = d.to_string_lossy().trim().to_owned();
                Parser::new().published_on(&d).map_err(|e| err(format!("--published: {e}")))?;
                o.published = Some(d);
            }
            Some("--markdown") => {
                once(o.markdown.is_some(), "--markdown")?;
                o.markdown = Some(value(&mut args, "--markdown", "a file")?.into());
            }
            Some("--svg") => {
                once(o.svg.is_some(), "--svg")?;
                o.svg = Some(value(&mut args, "--svg", "a directory")?.into());
            }
            Some(flag) if flag.starts_with('-') && flag != "-" => {
                return Err(err(format!("unknown flag {flag}")));
            }
            _ if corpus_given => {
                return Err(err(format!("unexpected argument {arg:?}: one corpus at a time")));
            }
            _ => {
                o.corpus = arg.into();
                corpus_given = true;
            }
        }
    }
    if o.extract.is_some() {
        let renderings =
            [("--json", o.json), ("--markdown", o.markdown.is_some()), ("--svg", o.svg.is_some())];
        if let Some((flag, _)) = renderings.into_iter().find(|&(_, given)| given) {
            return Err(err(format!("{flag} does not go with --extract")));
        }
    } else if o.published.is_some() {
        return Err(err("--published needs --extract FILE.txt".to_owned()));
    }
    Ok(o)
}

fn main() -> ExitCode {
    let o = match parse_args(std::env::args_os().skip(1)) {
        Ok(o) => o,
        Err(usage) => return usage.report(USAGE),
    };
    match run(&o) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn load(o: &Options) -> Result<Corpus, String> {
    let name = o.corpus.display().to_string();
    let bytes = std::fs::read(&o.corpus).map_err(|e| format!("cannot read {name}: {e}"))?;
    if !o.lenient {
        return Corpus::parse_bytes(&name, &bytes, &Parser::default()).map_err(|e| e.to_string());
    }
    let corpus = Corpus::parse_lenient_bytes(&name, &bytes, &Parser::default());
    if !corpus.rejected.is_empty() {
        let n = corpus.rejected.len();
        let lines = if n == 1 { "line" } else { "lines" };
        if o.extract.is_some() {
            for r in &corpus.rejected {
                eprintln!("warning: {}", r.error);
            }
        } else {
            eprintln!("warning: {name}: {n} {lines} rejected, listed in the report");
        }
    }
    Ok(corpus)
}

fn run(o: &Options) -> Result<(), String> {
    let corpus = load(o)?;
    if let Some(path) = &o.extract {
        return propose(path, o.published.as_deref(), &corpus);
    }
    let name = &corpus.name;
    let dir = o.corpus.parent().unwrap_or(Path::new("."));
    let mut texts: BTreeMap<DocumentId, String> = BTreeMap::new();
    for d in &corpus.documents {
        let path = dir.join(&d.file);
        match std::fs::read_to_string(&path) {
            Ok(body) => {
                texts.insert(d.id.clone(), body);
            }
            // Lenient: its claims' quotes are reported below as having no text.
            Err(e) if o.lenient => {
                eprintln!(
                    "warning: {name}: document {}: cannot read {}: {e}",
                    d.id,
                    path.display()
                );
            }
            Err(e) => {
                return Err(format!(
                    "{name}: document {}: cannot read {}: {e}",
                    d.id,
                    path.display()
                ));
            }
        }
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
    } else if o.markdown.is_none() {
        print!("{}", claimrecon::text(&reconciliation));
    }
    if let Some(path) = &o.markdown {
        std::fs::write(path, claimrecon::markdown(&reconciliation))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
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
fn propose(path: &Path, published: Option<&str>, corpus: &Corpus) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let parser = match published {
        Some(d) => Parser::default().published_on(d).map_err(|e| format!("--published: {e}"))?,
        None => Parser::default(),
    };
    let proposals = claimrecon::extract(&text, &parser, corpus.aliases(), corpus.places());
    let file = path.file_name().map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let document = serde_json::json!({
        "document": "new",
        "file": file,
        "outlet": "EDIT ME",
        "published": published,
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

#[cfg(test)]
mod tests {
    use super::{Options, Usage, parse_args, seed_corpus};

    fn parse(args: &[&str]) -> Result<Options, Usage> {
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
        assert_eq!(parse(&["--json", "-h"]), Err(Usage::Help));
        assert_eq!(Usage::Help.exit_code(), 0);
    }

    #[test]
    fn flags_set_what_their_doc_lines_say() {
        let o = parse(&["c.jsonl", "--lenient", "--markdown", "r.md", "--svg", "d"]).unwrap();
        assert_eq!(
            o,
            Options {
                corpus: "c.jsonl".into(),
                json: false,
                markdown: Some("r.md".into()),
                svg: Some("d".into()),
                lenient: true,
                extract: None,
                published: None,
            }
        );
        let o = parse(&["--extract", "a.txt", "--published", "2022-01-06"]).unwrap();
        assert_eq!(o.corpus, seed_corpus());
        assert_eq!(o.extract, Some("a.txt".into()));
        assert_eq!(o.published.as_deref(), Some("2022-01-06"));
    }

    #[test]
    fn unknown_flags_and_bad_values_are_named() {
        assert_eq!(error(&["--lenent"]), "unknown flag --lenent");
        assert_eq!(error(&["-x"]), "unknown flag -x");
        assert_eq!(
            error(&["a.jsonl", "b.jsonl"]),
            "unexpected argument \"b.jsonl\": one corpus at a time"
        );
        assert_eq!(error(&["--markdown"]), "--markdown needs a file");
        assert_eq!(error(&["--svg"]), "--svg needs a directory");
        assert_eq!(error(&["--svg", "a", "--svg", "b"]), "--svg given twice");
        assert_eq!(
            error(&["--extract", "a.txt", "--published", "6 Jan"]),
            "--published: invalid date \"6 Jan\": not a YYYY-MM-DD date: expected a year, a month and a day joined by '-'"
        );
        // The one date rule of a corpus and a table: chrono's `%Y-%m-%d` took all three.
        for (given, why) in [
            ("2022-1-6", "the month must have two digits"),
            ("+2022-01-06", "a sign before the year"),
            ("12022-01-06", "year must be between 1000 and 9999"),
        ] {
            let said = error(&["--extract", "a.txt", "--published", given]);
            assert!(said.starts_with("--published: invalid date") && said.ends_with(why), "{said}");
        }
    }

    #[test]
    fn flags_outside_their_mode_are_errors() {
        assert_eq!(error(&["--published", "2022-01-06"]), "--published needs --extract FILE.txt");
        assert_eq!(error(&["--extract", "a.txt", "--json"]), "--json does not go with --extract");
        assert_eq!(
            error(&["--extract", "a.txt", "--markdown", "r.md"]),
            "--markdown does not go with --extract"
        );
        assert_eq!(
            error(&["--svg", "d", "--extract", "a.txt"]),
            "--svg does not go with --extract"
        );
    }
}
