//! For any input, loading and reconciling never panic, and every line is accounted for.

use std::fmt::Write as _;

use chrono::NaiveDate;
use claimrecon::*;
use proptest::prelude::*;

const DOC: &str =
    r#"{"document": "a", "file": "a.txt", "outlet": "Daily", "published": "2022-01-06"}"#;

/// Lines that are sometimes valid claims, sometimes broken in one field, sometimes garbage.
fn line() -> impl Strategy<Value = String> {
    let phrase = prop_oneof![
        Just("164".to_owned()),
        Just("more than 1,300".to_owned()),
        Just("about 1,000".to_owned()),
        Just("a lot".to_owned()),
        Just("60-50".to_owned()),
        "[0-9 ,.a-z-]{0,12}",
    ];
    let measure = prop::sample::select(vec!["deaths", "injured", "detained", "deads"]);
    let population = prop::sample::select(vec!["all", "civilians", "security_forces", "aliens"]);
    prop_oneof![
        6 => (0u32..40, phrase, measure, population).prop_map(|(id, phrase, m, p)| {
            let phrase = phrase.replace('"', "");
            format!(
                r#"{{"claim": "c{id}", "document": "a", "quote": "{phrase} were hurt", "phrase": "{phrase}", "measure": "{m}", "population": "{p}", "place": "Kazakhstan"}}"#
            )
        }),
        1 => "\\PC{0,60}",
        1 => Just("# a comment".to_owned()),
        1 => Just(String::new()),
        1 => Just(r#"{"source": "Wire", "owner": "Owner"}"#.to_owned()),
    ]
}

fn counted(text: &str) -> usize {
    text.split('\n').filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#')).count()
}

/// The line ends a table may use, mixed at will.
const ENDS: [&str; 3] = ["\n", "\r\n", "\r"];

/// One line of a generated table.
#[derive(Debug, Clone)]
enum TableLine {
    /// A row of source, object, attribute and value; `quotes` says which cells are quoted,
    /// and `inside` puts a line end (of that style) inside the first quoted cell.
    Row { source: u8, object: u8, value: String, quotes: u8, inside: Option<usize> },
    /// White space only: not a row.
    Blank(&'static str),
    /// Cells that are not a valid row (too few, empty, words): a row all the same.
    Junk(String),
}

fn table_line() -> impl Strategy<Value = TableLine> {
    let value = prop_oneof![
        "[0-9]{1,3}",
        Just("about 10".to_owned()),
        Just("more than 5".to_owned()),
        "[a-z ,\"]{0,6}",
    ];
    prop_oneof![
        6 => (0u8..4, 0u8..3, value, prop_oneof![Just(0u8), any::<u8>()], prop::option::of(0usize..3)).prop_map(
            |(source, object, value, quotes, inside)| TableLine::Row { source, object, value, quotes, inside }
        ),
        1 => prop::sample::select(vec![" ", "\t", "  "]).prop_map(TableLine::Blank),
        1 => "[a-z0-9 ,]{1,12}".prop_map(TableLine::Junk),
    ]
}

/// A generated table as text, with the line of each data row and of the row with an unclosed
/// quote. A quote after an unclosed one would close it, so the rows after it quote nothing.
struct Written {
    text: String,
    rows: Vec<usize>,
    unclosed: Option<usize>,
}

fn write_table(
    header: bool,
    lines: &[(TableLine, usize)],
    unclosed: Option<usize>,
    last_end: bool,
    quotes: bool,
) -> Written {
    let mut w = Written { text: String::new(), rows: Vec::new(), unclosed: None };
    let mut line = 1;
    if header {
        w.text.push_str("source,object,attribute,value\n");
        line += 1;
    }
    for (i, (l, end)) in lines.iter().enumerate() {
        let quoting = quotes && unclosed.is_none_or(|u| i < u);
        if quotes && Some(i) == unclosed {
            w.text.push_str("s9,\"o9,n,1");
            w.rows.push(line);
            w.unclosed = Some(line);
        } else {
            match l {
                TableLine::Row { source, object, value, quotes, inside } => {
                    w.rows.push(line);
                    let cells =
                        [format!("s{source}"), format!("o{object}"), "n".to_owned(), value.clone()];
                    let mut inside = *inside;
                    for (k, cell) in cells.iter().enumerate() {
                        if k > 0 {
                            w.text.push(',');
                        }
                        if quoting && quotes & (1 << k) != 0 {
                            let mut cell = cell.clone();
                            if let Some(style) = inside.take() {
                                cell.insert_str(cell.len() / 2, ENDS[style]);
                                line += 1;
                            }
                            write!(w.text, "\"{}\"", cell.replace('"', "\"\"")).unwrap();
                        } else {
                            w.text.push_str(&cell.replace('"', ""));
                        }
                    }
                }
                TableLine::Blank(blank) => w.text.push_str(blank),
                TableLine::Junk(junk) => {
                    if !junk.trim().is_empty() {
                        w.rows.push(line);
                    }
                    w.text.push_str(junk);
                }
            }
        }
        if i + 1 < lines.len() || last_end {
            w.text.push_str(ENDS[*end]);
        }
        line += 1;
    }
    w
}

/// The line an item of `Table::read` is about: its claim's id is `t.csv:LINE`.
fn item_line(item: &Result<Claim, Error>) -> usize {
    match item {
        Ok(claim) => claim.id().as_str().trim_start_matches("t.csv:").parse().unwrap(),
        Err(Error::Corpus { line, .. }) => *line,
        Err(e) => panic!("not a row's error: {e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn loading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = Corpus::parse_bytes("f.jsonl", &bytes, &Parser::default());
        let corpus = Corpus::parse_lenient_bytes("f.jsonl", &bytes, &Parser::default());
        let _ = corpus.reconcile();
    }

    #[test]
    fn every_line_is_loaded_or_rejected_with_a_reason(lines in prop::collection::vec(line(), 0..30)) {
        let text = format!("{DOC}\n{}", lines.join("\n"));
        let corpus = Corpus::parse_lenient("f.jsonl", &text, &Parser::default());
        prop_assert_eq!(
            corpus.documents.len() + corpus.owners.len() + corpus.claims.len() + corpus.rejected.len(),
            counted(&text)
        );
        for r in &corpus.rejected {
            prop_assert!(r.line.is_some());
            prop_assert!(r.error.to_string().starts_with("f.jsonl:"));
        }
    }

    #[test]
    fn every_loaded_claim_is_grouped_or_rejected_exactly_once(lines in prop::collection::vec(line(), 0..30)) {
        let text = format!("{DOC}\n{}", lines.join("\n"));
        let corpus = Corpus::parse_lenient("f.jsonl", &text, &Parser::default());
        let r = corpus.reconcile();
        let grouped: usize = r.groups.iter().map(|g| g.claims.len()).sum();
        prop_assert_eq!(grouped + r.rejected.len(), corpus.claims.len() + corpus.rejected.len());
        let _ = claimrecon::text(&r);
        let _ = claimrecon::markdown(&r);
    }

    #[test]
    fn sums_of_sub_counts_stay_finite_and_above_their_parts(a in 0u64..1_000_000_000_000_000, b in 0u64..1_000_000_000_000_000) {
        let day = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap();
        let claim = |id: &str, who: Population, n: u64| {
            let subject = Subject::new(Measure::Injured).population(who);
            let provenance = Provenance::new(SourceId::new("Daily").unwrap())
                .document(DocumentId::new("d").unwrap())
                .published(day);
            Claim::new(ClaimId::new(id).unwrap(), subject, Value::Amount(Amount::new(Magnitude::Exact(Number::new(n as f64).unwrap()), Unit::Number)), provenance)
        };
        let r = Reconciler::new().reconcile(vec![
            claim("s", Population::SecurityForces, a),
            claim("c", Population::Civilians, b),
            claim("t", Population::All, a.max(b)),
        ]);
        let total = r.groups.iter().find(|g| !g.derived.is_empty()).unwrap();
        let Some(bound) = total.derived[0].value.interval(&Policy::default()) else { panic!("no interval") };
        prop_assert!(bound.low().value.is_finite());
        prop_assert!(bound.low().value >= a as f64 && bound.low().value >= b as f64);
    }
    /// Issue 14, items 1 and 2: whatever the line ends (`\n`, `\r\n`, lone `\r`, mixed) and
    /// quotes (cells quoted or not, with commas, `""` and line ends inside, one quote left
    /// open), every data row of a table is a claim, a repeat or a rejected row in
    /// `read_bulk`, and exactly one item at its own line in `Table::read`; the unclosed quote
    /// rejects its row alone.
    #[test]
    fn every_row_is_a_claim_a_rejected_row_or_a_repeat(
        lines in prop::collection::vec((table_line(), 0usize..3), 0..25),
        unclosed in prop::option::of(any::<prop::sample::Index>()),
        quotes in any::<bool>(),
        header in any::<bool>(),
        last_end in any::<bool>(),
    ) {
        let unclosed = unclosed.filter(|_| !lines.is_empty()).map(|i| i.index(lines.len()));
        // Half the tables quote nothing: `read_bulk` reads those in parallel unless a lone
        // `\r` sends them to the record reader.
        let w = write_table(header, &lines, unclosed, last_end, quotes);
        let table = Table::csv().header(header);
        let parser = Parser::default();
        let bulk = table.read_bulk("t.csv", w.text.as_bytes(), &parser).unwrap();
        prop_assert_eq!(bulk.len() + bulk.repeats() + bulk.rejected().len(), w.rows.len());
        for r in bulk.rejected() {
            prop_assert!(r.line.is_some_and(|l| w.rows.contains(&l)), "{:?}", r);
        }
        let quote = |r: &&Rejected| r.error.to_string().contains("unclosed quote");
        let open: Vec<Option<usize>> = bulk.rejected().iter().filter(quote).map(|r| r.line).collect();
        prop_assert_eq!(open, w.unclosed.into_iter().map(Some).collect::<Vec<_>>());

        let items: Vec<Result<Claim, Error>> = table.read("t.csv", w.text.as_bytes(), &parser).collect();
        let at: Vec<usize> = items.iter().map(item_line).collect();
        prop_assert_eq!(&at, &w.rows);
        if let Some(line) = w.unclosed {
            let i = w.rows.iter().position(|&l| l == line).unwrap();
            prop_assert_eq!(
                items[i].as_ref().unwrap_err().to_string(),
                format!("t.csv:{line}: field row: unclosed quote opened at line {line}")
            );
        }
    }

    /// Any short text of cells, quotes and line ends: both readers see the same rows.
    #[test]
    fn both_table_readers_see_the_same_rows(
        text in prop_oneof!["[a-c0-9 ,\"\r\n]{0,80}", "[a-c0-9 ,\r\n]{0,80}"],
        header in any::<bool>(),
    ) {
        let table = Table::csv().header(header).columns(0, 1, None, 2);
        let parser = Parser::default();
        let bulk = table.read_bulk("t.csv", text.as_bytes(), &parser).unwrap();
        let items: Vec<Result<Claim, Error>> = table.read("t.csv", text.as_bytes(), &parser).collect();
        prop_assert_eq!(bulk.len() + bulk.repeats() + bulk.rejected().len(), items.len());
        let at: Vec<usize> = items.iter().map(item_line).collect();
        for r in bulk.rejected() {
            prop_assert!(r.line.is_some_and(|l| at.contains(&l)), "{:?}", r);
        }
    }
}

/// Loading looks documents up by id: 20,000 documents with a claim each take a fraction of a
/// second, where a scan per line (quadratic) took seconds in release and far more here.
#[test]
fn a_corpus_of_many_documents_loads_in_one_pass() {
    let n = 20_000;
    let mut text = String::new();
    for i in 0..n {
        let (outlet, figure) = (i % 50, i % 300);
        writeln!(
            text,
            r#"{{"document": "d{i}", "file": "d{i}.txt", "outlet": "Outlet {outlet}", "published": "2022-01-06"}}"#
        )
        .unwrap();
        writeln!(
            text,
            r#"{{"claim": "c{i}", "document": "d{i}", "quote": "{figure} died", "phrase": "{figure}", "measure": "deaths"}}"#
        )
        .unwrap();
    }
    // The first document declared again, 40,000 lines later, is still found by its id.
    text.push_str(r#"{"document": "d0", "file": "x.txt", "outlet": "Daily"}"#);
    let e = Corpus::parse("big.jsonl", &text, &Parser::default()).unwrap_err();
    assert_eq!(e.to_string(), "big.jsonl:40001: field document: document \"d0\" is declared twice");
    let corpus = Corpus::parse_lenient("big.jsonl", &text, &Parser::default());
    assert_eq!(corpus.documents.len(), n);
    assert_eq!(corpus.claims.len(), n);
    assert_eq!(corpus.rejected.len(), 1);
    let last = corpus.claims.last().unwrap().provenance().in_document().unwrap();
    assert_eq!(last.as_str(), format!("d{}", n - 1));
}

/// Issue 14, item 4: three sources giving three different labels, one each, is a tie: no label
/// wins by its spelling, and the three voices are scored alike.
#[test]
fn a_tie_between_labels_is_undecided_and_scores_its_voices_alike() {
    let fuel = |id: &str, label: &str, outlet: &str| {
        Claim::new(
            ClaimId::new(id).unwrap(),
            Subject::new(Measure::Category(Label::new("fuel").unwrap())),
            Value::Category(Label::new(label).unwrap()),
            Provenance::new(SourceId::new(outlet).unwrap()),
        )
    };
    let r = Reconciler::new().reconcile(vec![
        fuel("a", "butane", "A"),
        fuel("b", "propane", "B"),
        fuel("c", "diesel", "C"),
    ]);
    let e = r.groups[0].estimate.as_ref().unwrap();
    assert_eq!(e.figure.to_string(), "undecided between \"butane\" and \"diesel\" and \"propane\"");
    assert!(e.supporting.is_empty());
    let scores: Vec<(Option<Score>, Option<Score>)> =
        r.sources.iter().map(|s| (s.agreement, s.reliability)).collect();
    assert!(scores.iter().all(|s| *s == scores[0]), "{scores:?}");
    assert!(r.groups[0].ranks.iter().all(|x| x.rank == Rank::Normal));
    let f: Vec<&Finding> = r.findings.iter().filter(|f| f.kind == FindingKind::Undecided).collect();
    assert_eq!(f.len(), 1);
    assert!(f[0].kind.is_numbered());
    // One more voice for a label decides it.
    let r = Reconciler::new().reconcile(vec![
        fuel("a", "butane", "A"),
        fuel("b", "propane", "B"),
        fuel("c", "diesel", "C"),
        fuel("d", "propane", "D"),
    ]);
    assert_eq!(r.groups[0].estimate.as_ref().unwrap().figure.to_string(), "\"propane\"");
}
