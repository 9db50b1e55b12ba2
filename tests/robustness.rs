//! For any input, loading and reconciling never panic, and every line is accounted for.

use std::collections::BTreeMap;
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
    /// A row of source, object, attribute and value, and a note the table does not read;
    /// `quotes` says which cells are quoted, and `inside` puts a line end (of that style)
    /// inside the note (quoted), the one cell that may hold one.
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
                    let cells = [
                        format!("s{source}"),
                        format!("o{object}"),
                        "n".to_owned(),
                        value.clone(),
                        "a note".to_owned(),
                    ];
                    for (k, cell) in cells.iter().enumerate() {
                        if k > 0 {
                            w.text.push(',');
                        }
                        let inside = inside.filter(|_| k == 4);
                        if quoting && (quotes & (1 << k) != 0 || inside.is_some()) {
                            let mut cell = cell.clone();
                            if let Some(style) = inside {
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
        // A sum past the limit is a bound at the limit, which displays and reads back.
        prop_assert!(bound.low().value <= Number::MAX);
        let shown = total.derived[0].value.to_string();
        let back = shown.parse::<Value>().ok();
        prop_assert_eq!(back.as_ref(), Some(&total.derived[0].value), "{}", shown);
    }

    #[test]
    fn estimates_stay_finite_and_ordered_at_the_limit(
        claims in prop::collection::vec((0usize..4, at_the_limit(), 0u32..3), 1..8),
    ) {
        let day = |d: u32| NaiveDate::from_ymd_opt(2022, 1, 5 + d).unwrap();
        let claims: Vec<Claim> = claims
            .into_iter()
            .enumerate()
            .map(|(i, (source, value, d))| {
                let provenance = Provenance::new(SourceId::new(&format!("s{source}")).unwrap());
                let subject = match &value {
                    Value::Change(_) => Subject::new(Measure::Other(Label::new("price").unwrap())),
                    _ => Subject::new(Measure::Injured),
                };
                Claim::new(ClaimId::new(&format!("c{i}")).unwrap(), subject, value, provenance)
                    .with_as_of(day(d))
            })
            .collect();
        let r = Reconciler::new().reconcile(claims);
        for g in &r.groups {
            let Some(e) = &g.estimate else { continue };
            if let Figure::Number { low, best, high, .. } = e.figure {
                prop_assert!(low.is_finite() && best.is_finite(), "{}", e.figure);
                prop_assert!(low <= best, "{}", e.figure);
                if let Some(high) = high {
                    prop_assert!(high.is_finite() && best <= high, "{}", e.figure);
                }
            }
        }
        let _ = claimrecon::text(&r);
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

    /// Any short text of cells, quotes and line ends: both readers see the same rows, and
    /// reject the same rows at the same lines in the same words. They differ on one thing
    /// only: a value the parser cannot read is an error in `Table::read` and a label in
    /// `read_bulk` (or, among numbers, a label rejected as such).
    #[test]
    fn both_table_readers_see_the_same_rows(
        text in prop_oneof!["[a-c0-9 ,\"\r\n]{0,80}", "[a-c0-9 ,\r\n]{0,80}"],
        header in any::<bool>(),
    ) {
        let table = Table::csv().header(header).columns(0, 1, None, 2);
        let (read, bulk) = verdicts(&table, text.as_bytes());
        prop_assert_eq!(read.rows(), bulk.rows());
        for (line, error) in &read.rejected {
            match bulk.rejected.get(line) {
                Some(rejected) if rejected == error => {}
                other => {
                    let label = ": field value: cannot read ";
                    prop_assert!(
                        error.contains(label) && other.is_none_or(|r| r.contains(": field value: ")),
                        "{} {:?}", error, other
                    );
                }
            }
        }
        for line in bulk.rejected.keys() {
            prop_assert!(read.rejected.contains_key(line), "{:?}", bulk.rejected[line]);
        }
    }

    /// `read_bulk`'s parallel path (lines cut at `\n`, a buffer at a time, the partial last
    /// line carried to the next) reads as `Table::read` does, at every edge of its buffer and
    /// of the line limit: the same rows kept, the same rows rejected at the same lines in the
    /// same words, blank and over-long lines and headers included, and where a quote or a lone
    /// `\r` hands the rest to the record reader. Small limits put the edges within reach.
    #[test]
    fn read_bulk_s_parallel_path_reads_as_table_read_at_every_edge(
        lines in prop::collection::vec((edge_line(), prop::sample::select(vec!["\n", "\n", "\r\n", "\r\n", "\r"])), 0..30),
        header in prop::option::of(0usize..24),
        bom in any::<bool>(),
        last_end in any::<bool>(),
        limit in 6usize..40,
        extra in 2usize..120,
    ) {
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        if let Some(pad) = header {
            writeln!(text, "source{},object,attribute,value", "s".repeat(pad)).unwrap();
        }
        for (i, (line, end)) in lines.iter().enumerate() {
            text.push_str(&line.text());
            if i + 1 < lines.len() || last_end {
                text.push_str(end);
            }
        }
        let table = Table::csv().header(header.is_some()).with_small_limits(limit, limit + extra);
        let (read, bulk) = verdicts(&table, text.as_bytes());
        prop_assert_eq!(&read, &bulk, "{:?}", text);
    }
}

/// A line of the buffer-edge property: rows (some longer than the line limit, some missing
/// cells), blank lines of any length, and quoted cells (which only the record reader reads).
#[derive(Debug, Clone)]
enum EdgeLine {
    Row { source: u8, pad: usize, value: u16 },
    Short(u8),
    Blank(&'static str, usize),
    Quoted { source: u8, inside: bool },
}

impl EdgeLine {
    fn text(&self) -> String {
        match self {
            EdgeLine::Row { source, pad, value } => {
                format!("s{source},o{},n,{value}", "p".repeat(*pad))
            }
            EdgeLine::Short(source) => format!("s{source},o"),
            EdgeLine::Blank(white, n) => white.repeat(*n),
            EdgeLine::Quoted { source, inside } => {
                format!("s{source},\"o{}\",n,1", if *inside { "\n" } else { "" })
            }
        }
    }
}

fn edge_line() -> impl Strategy<Value = EdgeLine> {
    prop_oneof![
        8 => (0u8..4, prop_oneof![3 => 0usize..8, 1 => 0usize..60], 0u16..1000)
            .prop_map(|(source, pad, value)| EdgeLine::Row { source, pad, value }),
        1 => (0u8..4).prop_map(EdgeLine::Short),
        2 => (prop::sample::select(vec![" ", "\t", " \t"]), 0usize..50)
            .prop_map(|(white, n)| EdgeLine::Blank(white, n)),
        1 => (0u8..4, any::<bool>()).prop_map(|(source, inside)| EdgeLine::Quoted { source, inside }),
    ]
}

/// What one table reader made of a table: the rows it kept, and the rows it rejected by line.
#[derive(Debug, PartialEq, Eq)]
struct Verdict {
    kept: usize,
    rejected: BTreeMap<usize, String>,
}

impl Verdict {
    fn rows(&self) -> usize {
        self.kept + self.rejected.len()
    }
}

/// `Table::read`'s verdict on `text`, and `read_bulk`'s (claims and repeats kept); each reader
/// rejects a line at most once.
fn verdicts(table: &Table, text: &[u8]) -> (Verdict, Verdict) {
    let parser = Parser::default();
    let mut read = Verdict { kept: 0, rejected: BTreeMap::new() };
    for item in table.read("t.csv", text, &parser) {
        let line = item_line(&item);
        match item {
            Ok(_) => read.kept += 1,
            Err(e) => assert!(read.rejected.insert(line, e.to_string()).is_none()),
        }
    }
    let bulk = table.read_bulk("t.csv", text, &parser).unwrap();
    let mut verdict = Verdict { kept: bulk.len() + bulk.repeats(), rejected: BTreeMap::new() };
    for r in bulk.rejected() {
        assert!(verdict.rejected.insert(r.line.unwrap(), r.error.to_string()).is_none(), "{r:?}");
    }
    (read, verdict)
}

/// Amounts and changes on the ends of the range: `Number::MAX`, the smallest number above 0,
/// and 0, exact, approximate, bounded and ranged.
fn at_the_limit() -> BoxedStrategy<Value> {
    let number = prop::sample::select(vec![
        0.0,
        Number::MIN_POSITIVE,
        1.0,
        Number::MAX - 0.125,
        Number::MAX,
    ])
    .prop_map(|x| Number::new(x).unwrap());
    let magnitude = prop_oneof![
        number.clone().prop_map(Magnitude::Exact),
        number.clone().prop_map(Magnitude::About),
        number
            .clone()
            .prop_filter("a bound at 0 allows no amount", |n| allows_a_bound_below(*n))
            .prop_map(Magnitude::Nearly),
        number.clone().prop_map(Magnitude::MoreThan),
        number.clone().prop_map(Magnitude::AtLeast),
        number.clone().prop_map(Magnitude::UpTo),
        number
            .clone()
            .prop_filter("a bound at 0 allows no amount", |n| allows_a_bound_below(*n))
            .prop_map(Magnitude::FewerThan),
        (number.clone(), number).prop_map(|(a, b)| {
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            Magnitude::Range(NumberRange::new(low, high).unwrap())
        }),
    ]
    .boxed();
    let unit = prop::sample::select(vec![Unit::Number, Unit::MoneyPerLitre(Currency::Kzt)]);
    prop_oneof![
        3 => magnitude.clone().prop_map(|m| Value::Amount(Amount::new(m, Unit::Number))),
        1 => (magnitude.clone(), magnitude.clone(), unit)
            .prop_map(|(from, to, unit)| Value::Change(Change::Between { from, to, unit })),
        1 => magnitude.prop_map(|factor| Value::Change(Change::Factor { factor })),
    ]
    .boxed()
}

/// Issue 14, item 7: claims of `f64::MAX` once gave "low inf / best inf / high inf"; now the
/// largest claim is `Number::MAX`, and its estimate is finite and displays in full.
#[test]
fn claims_at_the_limit_give_a_finite_estimate() {
    assert!(Number::new(f64::MAX).is_err());
    let claim = |id: &str, source: &str, magnitude: Magnitude| {
        Claim::new(
            ClaimId::new(id).unwrap(),
            Subject::new(Measure::Deaths),
            Value::Amount(Amount::new(magnitude, Unit::Number)),
            Provenance::new(SourceId::new(source).unwrap()),
        )
    };
    let max = Number::new(Number::MAX).unwrap();
    let r = Reconciler::new().reconcile(vec![
        claim("a", "A", Magnitude::Exact(max)),
        claim("b", "B", Magnitude::Exact(max)),
    ]);
    assert_eq!(
        r.groups[0].estimate.as_ref().unwrap().figure.to_string(),
        "low 1,000,000,000,000,000 / best 1,000,000,000,000,000 / high 1,000,000,000,000,000"
    );
    // "About 10^15" reaches past the limit by its policy width; the figure stays finite and
    // is written in full.
    let r = Reconciler::new().reconcile(vec![claim("a", "A", Magnitude::About(max))]);
    assert_eq!(
        r.groups[0].estimate.as_ref().unwrap().figure.to_string(),
        "low 750,000,000,000,000 / best 1,000,000,000,000,000 / high 1,250,000,000,000,000"
    );
}

/// Issue 14, item 7: sub-counts within the limit whose sum passes it give the bound "more than
/// 10^15" (true of a total at least the sum, and in conflict with every total claimed), not an
/// amount the parser refuses, and not nothing.
#[test]
fn sub_counts_summing_past_the_limit_give_a_bound_at_the_limit() {
    let day = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap();
    let claim = |id: &str, who: Population, magnitude: Magnitude| {
        let subject = Subject::new(Measure::Injured).population(who);
        let provenance = Provenance::new(SourceId::new("Daily").unwrap())
            .document(DocumentId::new("d").unwrap())
            .published(day);
        Claim::new(
            ClaimId::new(id).unwrap(),
            subject,
            Value::Amount(Amount::new(magnitude, Unit::Number)),
            provenance,
        )
    };
    let n = |x: f64| Number::new(x).unwrap();
    let r = Reconciler::new().reconcile(vec![
        claim("s", Population::SecurityForces, Magnitude::Exact(n(9e14))),
        claim("c", Population::Civilians, Magnitude::AtLeast(n(8e14))),
        claim("t", Population::All, Magnitude::Exact(n(Number::MAX))),
    ]);
    let total = r.groups.iter().find(|g| !g.derived.is_empty()).unwrap();
    let derived = &total.derived[0];
    assert_eq!(derived.value.to_string(), "more than 1,000,000,000,000,000");
    assert_eq!(derived.value.to_string().parse::<Value>().unwrap(), derived.value);
    assert_eq!(
        derived.reason,
        "900,000,000,000,000 (security forces) + at least 800,000,000,000,000 (civilians) = more \
         than 1,000,000,000,000,000 in all (the sum, 1,700,000,000,000,000, passes \
         1,000,000,000,000,000, the largest amount claimrecon holds), from one report (d)"
    );
    let pair = |rel: &Relation| {
        let mut ids = [rel.a.as_str(), rel.b.as_str()];
        ids.sort_unstable();
        ids == ["derived-1", "t"]
    };
    assert!(
        total.relations.iter().any(|rel| rel.kind == RelationKind::Conflicts && pair(&rel)),
        "{:?}",
        total.relations
    );
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

/// Issue 14, item 7, on the bulk path: numbers at either end of the range give finite,
/// ordered estimates and reliabilities; the spread squares them, and 10^30 is far from
/// overflow. (Negative numbers are refused in both table readers, as the parser refuses them.)
#[test]
fn bulk_numbers_at_the_limit_give_finite_estimates() {
    let csv = "source,object,attribute,value\n\
               a,o,n,1e15\nb,o,n,0\nc,o,n,1000000000000000\nd,o,n,0.000000000000001\n\
               a,p,n,1e15\nb,p,n,999999999999999\nc,p,n,\"about 1,000,000,000,000,000\"\n\
               d,p,n,0\n";
    let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    assert!(bulk.rejected().is_empty(), "{:?}", bulk.rejected());
    let result = Reconciler::new().reconcile_table(&bulk);
    for object in ["o", "p"] {
        let e = result.estimate(object, "n").unwrap();
        let Figure::Number { low, best, high: Some(high), .. } = e.figure else {
            panic!("{object}: {}", e.figure)
        };
        assert!(low.is_finite() && best.is_finite() && high.is_finite(), "{e:?}");
        assert!(low <= best && best <= high, "{e:?}");
        assert!(e.support.is_finite());
    }
    for source in ["a", "b", "c", "d"] {
        let s = result.source(&SourceId::new(source).unwrap()).unwrap();
        assert!(s.reliability.is_some() && s.agreement.is_some(), "{s:?}");
    }
}

/// A table of junk rows is a list of rejected rows: each must stay small (one held 504 bytes
/// of an absent claim inline, 624 bytes in all, and 5 million junk rows took 6.9 GB).
#[test]
fn a_rejected_row_is_small() {
    assert!(std::mem::size_of::<Rejected>() <= 160, "{}", std::mem::size_of::<Rejected>());
}

/// Whether "fewer than n" and "nearly n" allow some amount: n above 0 (at 0 they are errors).
fn allows_a_bound_below(n: Number) -> bool {
    n.get() > 0.0
}
