//! Bulk reading and scoring: against `Table::read` and `Reconciler` (the one model, reached
//! through claims), and the invariants the fast path must keep (thread count, buffer and
//! quoting paths), with every bad row reported.

use std::collections::BTreeMap;
use std::fmt::Write;

use claimrecon::*;
use proptest::prelude::*;

const ROUNDS: usize = 20;

fn read(csv: &str) -> Bulk {
    Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap()
}

/// A table's estimates, sources and voices alone, as a large table asks for them.
fn estimates_only() -> Reconciler {
    Reconciler::new().findings(false).ranks(false).whole_groups(false)
}

fn table(rows: &[(usize, usize, usize, String)]) -> String {
    let mut csv = String::from("source,object,attribute,value\n");
    for (s, o, a, v) in rows {
        writeln!(csv, "src{s},obj{o},attr{a},{v}").unwrap();
    }
    csv
}

/// A value cell: small numbers (so figures tie), phrases, and labels in mixed case.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0u32..12).prop_map(|n| n.to_string()),
        1 => prop::sample::select(vec![10u32, 20, 100]).prop_map(|n| format!("about {n}")),
        1 => prop::sample::select(vec![5u32, 9]).prop_map(|n| format!("more than {n}")),
        2 => prop::sample::select(vec!["red", "Red", " blue", "green"]).prop_map(str::to_owned),
    ]
}

fn rows() -> impl Strategy<Value = Vec<(usize, usize, usize, String)>> {
    prop::collection::vec((0usize..5, 0usize..4, 0usize..2, cell()), 1..60)
}

// ---------------------------------------------------------------------------------------------
// The reference: the same table through `Table::read` and `Reconciler`, the one model.

/// A name as both paths compare names: white space collapsed, in lower case.
fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Per variable (object and attribute, by their keys) its figure (`None` when its claims
/// give none), per source its reliability, and the rounds run.
type Outcome = (BTreeMap<(String, String), Option<Figure>>, BTreeMap<String, Option<f64>>, usize);

/// Each variable's figure, by the keys of its object and attribute: both paths give one
/// `Reconciliation`, whose groups are read alike.
fn figures(r: &Reconciliation) -> BTreeMap<(String, String), Option<Figure>> {
    r.groups
        .iter()
        .map(|g| {
            let object = g.subject.which_event().expect("a table's variable has an object");
            let Measure::Other(attribute) = g.subject.measure() else {
                panic!("{}: a table's measure is its attribute", g.subject)
            };
            let figure = g.estimate.as_ref().map(|e| e.figure.clone());
            ((name_key(object.as_str()), name_key(attribute.as_str())), figure)
        })
        .collect()
}

/// The bulk path with copy detection off, as the reference below has it.
fn through_bulk(csv: &str, rounds: usize) -> Outcome {
    let result = estimates_only().rounds(rounds).copy_detection(false).reconcile_table(&read(csv));
    let reliability = result
        .voices
        .iter()
        .map(|v| (name_key(v.voice.as_str()), v.reliability.map(f64::from)))
        .collect();
    (figures(&result), reliability, result.rounds)
}

/// The same claims through `Table::read` and `Reconciler` with copy detection off (each
/// source its own voice on both paths; `tests/entry_points.rs` compares them with it on):
/// each voice's reliability.
fn through_reconciler(csv: &str, rounds: usize) -> Outcome {
    let claims: Vec<Claim> = Table::csv()
        .read("t.csv", csv.as_bytes(), &Parser::default())
        .filter_map(Result::ok)
        .collect();
    let r = estimates_only().rounds(rounds).copy_detection(false).reconcile(claims);
    let reliability = r
        .voices
        .iter()
        .map(|v| (name_key(v.voice.as_str()), v.reliability.map(f64::from)))
        .collect();
    (figures(&r), reliability, r.rounds)
}

/// A source's name as a `SourceId`, to look its report up.
fn source(name: &str) -> SourceId {
    SourceId::new(name).unwrap()
}

/// A variable's number of claims, its rows kept (a repeat kept once): the groups asked for
/// name them.
fn claims_of(bulk: &Bulk, object: &str, attribute: &str) -> usize {
    let result = estimates_only().ranks(true).whole_groups(true).reconcile_table(bulk);
    result.variable(object, attribute).map_or(0, |g| g.claims.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The parallel, chunked, sharded reader and the one model's state built from its
    /// columns compute what `Table::read` and `Reconciler` do, floats compared exactly.
    #[test]
    fn bulk_agrees_with_the_reconciler(rows in rows()) {
        let csv = table(&rows);
        prop_assert_eq!(through_bulk(&csv, ROUNDS), through_reconciler(&csv, ROUNDS));
    }

    /// Shuffling the rows changes no estimate, and a source's scores only in the last bits
    /// of a float: a voice's losses are added in the order of its claims' ids (`file:line`),
    /// as `Reconciler` adds them, and a row's line is its id. The same with the groups asked
    /// for, which count each variable's claims.
    #[test]
    fn row_order_does_not_change_the_result(rows in rows(), seed in any::<u64>()) {
        for reconciler in [estimates_only(), estimates_only().ranks(true).whole_groups(true)] {
            let a = reconciler.reconcile_table(&read(&table(&rows)));
            let b = reconciler.reconcile_table(&read(&table(&shuffled(&rows, seed))));
            same_but_last_bits(&a, &b)?;
        }
    }

    /// The same for a dated table of any nature: the epochs, their dates and what each
    /// estimate describes do not depend on the order of the rows.
    #[test]
    fn row_order_does_not_change_a_dated_result(
        rows in prop::collection::vec(((0usize..5, 0usize..4, 0usize..2, cell()), 0u32..6), 1..60),
        nature in prop::sample::select(vec![Nature::FixedFact, Nature::RunningTotal, Nature::ChangingState]),
        seed in any::<u64>(),
    ) {
        let dated = |rows: &[DatedRow]| {
            let mut csv = String::from("source,object,attribute,value,as_of\n");
            for ((s, o, a, v), day) in rows {
                let day = if *day == 0 { String::new() } else { format!("2022-01-0{day}") };
                writeln!(csv, "src{s},obj{o},attr{a},{v},{day}").unwrap();
            }
            csv
        };
        let read = |csv: String| read_dated(&csv, nature);
        for reconciler in [estimates_only(), estimates_only().ranks(true).whole_groups(true)] {
            let a = reconciler.reconcile_table(&read(dated(&rows)));
            let b = reconciler.reconcile_table(&read(dated(&shuffled(&rows, seed))));
            same_but_last_bits(&a, &b)?;
        }
    }

    /// Every data row is kept, merged as a repeat, or rejected with its line.
    #[test]
    fn every_row_is_accounted_for(
        rows in rows(),
        junk in prop::collection::vec("[a-z,\"\r]{0,12}", 0..5),
        blank_first in any::<bool>(),
    ) {
        let mut csv = table(&rows);
        if blank_first {
            csv.insert(0, '\n');
        }
        for j in &junk {
            csv.push_str(j);
            csv.push('\n');
        }
        let bulk = read(&csv);
        // A quoted cell may span lines: count rows only when there is no quote (tests/
        // bad_inputs.rs counts them with quotes). A lone `\r` ends a line, as `\n` does.
        prop_assume!(!csv.contains('"'));
        let data_rows = rows.len()
            + junk.iter().flat_map(|j| j.split('\r')).filter(|j| !j.is_empty()).count();
        prop_assert_eq!(bulk.len() + bulk.repeats() + bulk.rejected().len(), data_rows);
        for r in bulk.rejected() {
            prop_assert!(r.line.is_some());
        }
    }
}

/// A row of a dated table: source, object, attribute and value, and the day (0: undated).
type DatedRow = ((usize, usize, usize, String), u32);

/// `rows` shuffled by a xorshift of `seed`.
fn shuffled<T: Clone>(rows: &[T], seed: u64) -> Vec<T> {
    let mut shuffled = rows.to_vec();
    let mut x = seed | 1;
    for i in (1..shuffled.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        shuffled.swap(i, (x % (i as u64 + 1)) as usize);
    }
    shuffled
}

/// Two results of one table's rows in two orders: the same variables, shown in the same
/// spelling, with the same estimates (each with the date it describes and its spread) and
/// numbers of claims (when the groups name them), source and voice reports, supports and
/// reliabilities to the last bits of a float.
fn same_but_last_bits(
    a: &Reconciliation,
    b: &Reconciliation,
) -> Result<(), proptest::test_runner::TestCaseError> {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-12 * x.abs().max(1.0);
    prop_assert_eq!(a.groups.len(), b.groups.len());
    for (g, h) in a.groups.iter().zip(&b.groups) {
        // A claim's id is its row's line, which the shuffle moves: claims are counted, and
        // the reason is left out (it lists a rival figure's sources in the order of its
        // claims' ids).
        let facts = |g: &Group| {
            let estimate = g
                .estimate
                .as_ref()
                .map(|e| (e.figure.clone(), e.as_of, e.spread, e.supporting.len()));
            (g.subject.clone(), g.subject.to_string(), estimate, g.claims.len(), g.ranks.len())
        };
        prop_assert_eq!(facts(g), facts(h));
        let support = |g: &Group| g.estimate.as_ref().map_or(-1.0, |e| e.support);
        let (l, m) = (support(g), support(h));
        prop_assert!(close(l, m), "{}: support {l} against {m}", g.subject);
    }
    let score = |x: Option<claimrecon::Score>| x.map_or(-1.0, f64::from);
    prop_assert_eq!(a.sources.len(), b.sources.len());
    for (s, t) in a.sources.iter().zip(&b.sources) {
        let counts = |s: &claimrecon::SourceReport| {
            (s.source.clone(), s.voice.clone(), s.claims, s.checked, s.agreement, s.echoes)
        };
        prop_assert_eq!(counts(s), counts(t));
        let (l, m) = (score(s.reliability), score(t.reliability));
        prop_assert!(close(l, m), "{}: reliability {l} against {m}", s.source);
    }
    prop_assert_eq!(a.voices.len(), b.voices.len());
    for (v, w) in a.voices.iter().zip(&b.voices) {
        let counts = |v: &claimrecon::VoiceReport| {
            (v.voice.clone(), v.members.clone(), v.claims, v.distinct, v.agreement)
        };
        prop_assert_eq!(counts(v), counts(w));
        let (l, m) = (score(v.reliability), score(w.reliability));
        prop_assert!(close(l, m), "{}: reliability {l} against {m}", v.voice);
    }
    Ok(())
}

/// A table of `n` rows from the seeded generator.
fn synthetic_csv(synth: &Synthetic) -> String {
    let mut csv = format!("{}\n", synth.header());
    for row in synth.rows() {
        csv.push_str(&row.to_string());
        csv.push('\n');
    }
    csv
}

#[test]
fn thread_count_does_not_change_the_result() {
    let synth = Synthetic::new(11).sources(30).objects(3_000).categorical(0.2).phrases(0.1);
    let csv = synthetic_csv(&synth);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| estimates_only().reconcile_table(&read(&csv)))
    };
    let (one, two) = (run(1), run(2));
    assert_eq!(one.groups, two.groups);
    assert_eq!(one.sources, two.sources);
}

#[test]
fn quoted_fields_read_like_plain_ones() {
    let synth = Synthetic::new(3).sources(10).objects(200).categorical(0.3);
    let plain = synthetic_csv(&synth);
    // One quoted header cell sends the whole stream through the record reader.
    let quoted = plain.replacen("source", "\"source\"", 1).replacen("s1,", "\"s1\",", 3);
    let a = estimates_only().reconcile_table(&read(&plain));
    let b = estimates_only().reconcile_table(&read(&quoted));
    assert_eq!(a.groups, b.groups);
    assert_eq!(a.sources, b.sources);
}

/// Yields one byte per read, so every line crosses a read boundary.
struct Trickle<'a>(&'a [u8]);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some((&b, rest)) = self.0.split_first() else { return Ok(0) };
        if buf.is_empty() {
            return Ok(0);
        }
        buf[0] = b;
        self.0 = rest;
        Ok(1)
    }
}

#[test]
fn tables_larger_than_the_read_buffer_and_tiny_reads_give_the_same_result() {
    // About 20 MB: more than one 16 MiB buffer, so lines are carried across buffers.
    let mut csv = String::from("source,object,attribute,value\n");
    for i in 0..1_400_000u32 {
        writeln!(csv, "s{},o{},x,{}", i % 7, i % 5_000, (i / 7) % 3).unwrap();
    }
    assert!(csv.len() > 16 << 20);
    let big = read(&csv);
    assert_eq!(big.len() + big.repeats(), 1_400_000);
    assert!(big.rejected().is_empty());
    let quoted = Table::csv()
        .read_bulk("t.csv", format!("\"q\"{csv}").as_bytes(), &Parser::default())
        .unwrap();
    // The quoted path reads the same rows (its header is "q"source... and is skipped).
    assert_eq!(
        estimates_only().reconcile_table(&big).groups,
        estimates_only().reconcile_table(&quoted).groups
    );
    let small = &csv[..200_000];
    let small = &small[..=small.rfind('\n').unwrap()];
    let trickled =
        Table::csv().read_bulk("t.csv", Trickle(small.as_bytes()), &Parser::default()).unwrap();
    assert_eq!(
        estimates_only().reconcile_table(&read(small)).groups,
        estimates_only().reconcile_table(&trickled).groups
    );
}

#[test]
fn the_generators_truth_is_recovered_and_reliable_sources_score_higher() {
    let synth = Synthetic::new(5).sources(20).objects(500).categorical(0.3);
    let result = estimates_only().reconcile_table(&read(&synthetic_csv(&synth)));
    let right = synth
        .truths()
        .filter(|t| {
            let e = result.estimate(&format!("o{}", t.object), t.kind.name()).unwrap();
            let best = match &e.figure {
                Figure::Number { best, .. } => best.to_string(),
                Figure::Value { value: Value::Category(label) } => label.as_str().to_owned(),
                other => panic!("a figure the generator does not give: {other}"),
            };
            best == t.value.to_string()
        })
        .count();
    assert!(right >= 490, "{right} of 500 right");
    // Reliability follows the generator's order: the Spearman correlation of ranks is high.
    let mut ours: Vec<(f64, usize)> = (0..20)
        .map(|s| (result.source(&source(&format!("s{s}"))).unwrap().reliability.unwrap().get(), s))
        .collect();
    ours.sort_by(|a, b| a.0.total_cmp(&b.0));
    let d2: f64 =
        ours.iter().enumerate().map(|(rank, &(_, s))| (rank as f64 - s as f64).powi(2)).sum();
    let spearman = 1.0 - 6.0 * d2 / (20.0 * (400.0 - 1.0));
    assert!(spearman > 0.9, "spearman {spearman}");
}

#[test]
fn bad_rows_name_their_line_field_and_problem() {
    let mut csv = String::from("source,object,attribute,value\n");
    csv.push_str("a,o1,n,5\n"); // 2: fine
    csv.push_str("a,o1,n\n"); // 3: no value column
    csv.push_str(",o1,n,5\n"); // 4: empty source
    csv.push_str("b,o\u{0}1,n,5\n"); // 5: a control character in a name, as Table::read says
    csv.push_str("c,o1,n,5 tenge\n"); // 6: a unit
    csv.push_str("d,o1,n,red\n"); // 7: a label among numbers
    csv.push_str("e,o1,n,6\n"); // 8: fine
    writeln!(csv, "f,o1,n,{}", "9".repeat(2_000_000)).unwrap(); // 9: over-long line
    let mut bytes = csv.into_bytes();
    bytes.extend_from_slice(b"g,o\xff,n,5\n"); // 10: not UTF-8
    let bulk = Table::csv().read_bulk("t.csv", &bytes[..], &Parser::default()).unwrap();
    let messages: Vec<String> = bulk.rejected().iter().map(|r| r.error.to_string()).collect();
    assert_eq!(
        messages,
        [
            "t.csv:3: field value: the row has no column \"value\" (column 3 of the header; it has 3)",
            "t.csv:4: field source: invalid source id \"\": is empty",
            "t.csv:5: field object: invalid label \"o\\01\": contains control characters",
            "t.csv:6: field value: the value is an amount in tenge, while attribute \"n\" holds numbers (2 of its 4 cells)",
            "t.csv:7: field value: the value is a label (\"red\"), while attribute \"n\" holds numbers (2 of its 4 cells): cannot read \"red\" at byte 0: expected a number, a date or a time of day, found 'red'",
            "t.csv:9: field row: the line is longer than 1048576 bytes",
            "t.csv:10: field object: not UTF-8: invalid byte at position 1",
        ]
    );
    assert_eq!(bulk.len(), 2);
    let lines: Vec<Option<usize>> = bulk.rejected().iter().map(|r| r.line).collect();
    assert_eq!(lines, [Some(3), Some(4), Some(5), Some(6), Some(7), Some(9), Some(10)]);
}

#[test]
fn lossy_tables_keep_rows_with_broken_bytes() {
    let bytes = b"source,object,attribute,value\ng,o\xff,n,5\nh,o\xff,n,5\n";
    let bulk =
        Table::csv().lossy_utf8(true).read_bulk("t.csv", &bytes[..], &Parser::default()).unwrap();
    assert!(bulk.rejected().is_empty());
    let result = estimates_only().reconcile_table(&bulk);
    let object = result.groups[0].subject.which_event().unwrap();
    assert_eq!(object.as_str(), "o\u{fffd}");
}

#[test]
fn a_source_repeating_itself_counts_once_and_two_values_split_its_weight() {
    let csv = "source,object,attribute,value\n\
               a,o,n,10\na,o,n,10\na,o,n,10\nb,o,n,10\nc,o,n,30\nc,o,n,40\n";
    let bulk = read(csv);
    assert_eq!(bulk.repeats(), 2);
    let result = estimates_only().reconcile_table(&bulk);
    let e = result.estimate("o", "n").unwrap();
    assert_eq!(e.figure.best_number(), Some(10.0));
    assert_eq!(claims_of(&bulk, "o", "n"), 4);
    assert_eq!(result.source(&source("a")).unwrap().claims, 1);
    assert_eq!(result.source(&source("c")).unwrap().claims, 2);
}

#[test]
fn phrases_keep_their_intervals() {
    // "more than 100" agrees with 150 and 200; the estimate inside it costs it nothing.
    let csv = "source,object,attribute,value\na,o,n,150\nb,o,n,more than 100\nc,o,n,150\n";
    let result = estimates_only().reconcile_table(&read(csv));
    assert_eq!(result.estimate("o", "n").unwrap().figure.best_number(), Some(150.0));
    let b = result.source(&source("b")).unwrap();
    assert_eq!((b.agreement.map(f64::from), b.reliability.map(f64::from)), (Some(1.0), Some(1.0)));
}

/// xorshift64: deterministic rows for the larger checks.
fn xorshift(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

#[test]
fn bulk_agrees_with_the_reconciler_across_chunks() {
    // About 20,000 rows: several buckets and chunks, and more than the 2^14 observations from
    // which the state works in parallel. Each source claims each variable at most once, with a
    // figure of its own; some figures are phrases, and one variable in ten holds labels (of a
    // third attribute).
    let mut x = 0x9E37_79B9_7F4A_7C15;
    let mut rows: Vec<(usize, usize, usize, String)> = Vec::new();
    for var in 0..3_000 {
        let truth = 100 + (xorshift(&mut x) % 900) as usize;
        for source in 0..7 {
            let r = xorshift(&mut x);
            if r % 10 == 0 {
                continue;
            }
            let cell = if var % 10 == 9 {
                ["red", "Blue", "green"][(r >> 8) as usize % 3].to_owned()
            } else if r % 17 == 0 {
                format!("about {truth}")
            } else {
                let noise = ((r >> 16) % 20_001) as f64 / 100.0 - 100.0;
                format!("{:.3}", truth as f64 + noise * (source + 1) as f64 / 4.0)
            };
            // The label variables are of an attribute of their own: an attribute holds one kind.
            let attribute = if var % 10 == 9 { 2 } else { var % 2 };
            rows.push((source, var / 2, attribute, cell));
        }
    }
    let csv = table(&rows);
    assert!(read(&csv).len() > 4_096 * 2);
    assert_eq!(through_bulk(&csv, ROUNDS), through_reconciler(&csv, ROUNDS));
}

/// Sources whose names sort one way by bytes and another in lower case ("B" before "a" by
/// bytes): with copy detection off each keeps its own scores (found by review: the voices,
/// ordered by name, were read by the sources' order).
#[test]
fn sources_keep_their_scores_whatever_the_case_of_their_names() {
    let csv = "source,object,attribute,value\na,o1,n,10\nB,o1,n,99\nc,o1,n,10\na,o2,n,20\nB,o2,n,77\nc,o2,n,20\n";
    for detection in [false, true] {
        let result = estimates_only().copy_detection(detection).reconcile_table(&read(csv));
        let loss = |name: &str| {
            1.0 - f64::from(result.source(&source(name)).unwrap().reliability.unwrap())
        };
        assert_eq!(loss("a"), 0.0, "copy detection {detection}");
        assert_eq!(loss("c"), 0.0, "copy detection {detection}");
        assert!(loss("B") > 0.5, "copy detection {detection}");
        let e = result.estimate("o1", "n").unwrap();
        assert_eq!(e.figure.best_number(), Some(10.0));
        assert_eq!(e.spread, Some((10.0, 10.0)), "copy detection {detection}");
    }
    assert_eq!(through_bulk(csv, ROUNDS), through_reconciler(csv, ROUNDS));
}

#[test]
fn blank_lines_before_the_header_are_skipped_on_both_paths() {
    let plain = "\n\r\nsource,object,attribute,value\na,o,n,5\nb,o,n,5\n";
    let bulk = read(plain);
    assert_eq!((bulk.len(), bulk.sources().len()), (2, 2));
    let quoted = read(&plain.replace("a,o", "\"a\",o"));
    assert_eq!((quoted.len(), quoted.sources().len()), (2, 2));
}

#[test]
fn a_variable_whose_only_row_is_rejected_has_no_estimate() {
    let bytes = b"source,object,attribute,value\ns\xff,o,n,5\na,p,n,6\n";
    let bulk = Table::csv().read_bulk("t.csv", &bytes[..], &Parser::default()).unwrap();
    assert_eq!(bulk.rejected().len(), 1);
    let result = estimates_only().reconcile_table(&bulk);
    assert!(result.estimate("o", "n").is_none());
    assert!(result.estimate("p", "n").is_some());
}

#[test]
fn lossy_source_names_are_cleaned_before_they_are_compared() {
    let bytes = b"source,object,attribute,value\ns\x80,o,n,5\ns\x81,o,n,5\nt,o,n,5\n";
    let bulk =
        Table::csv().lossy_utf8(true).read_bulk("t.csv", &bytes[..], &Parser::default()).unwrap();
    assert_eq!(bulk.sources(), ["s\u{fffd}", "t"]);
    let result = estimates_only().reconcile_table(&bulk);
    assert!(result.source(&source("s\u{fffd}")).is_some());
}

/// "0", "0.0" and "-0" are one figure, zero; a number with a sign is refused as the parser
/// refuses it (one meaning of a cell in both readers: claimrecon holds no negative amounts).
#[test]
fn zero_is_zero_and_negative_and_huge_numbers_are_refused() {
    let csv =
        "source,object,attribute,value\na,o,n,0\na,o,n,0.0\nb,o,n,-0\nc,o,n,1e300\nd,o,n,-2\n";
    let bulk = read(csv);
    assert_eq!(bulk.repeats(), 1);
    let messages: Vec<String> = bulk.rejected().iter().map(|r| r.error.to_string()).collect();
    assert_eq!(
        messages,
        [
            "t.csv:5: field value: invalid number 1e300: too large: claimrecon reads amounts up to 10^15",
            "t.csv:6: field value: invalid number -2: negative amounts are not allowed",
        ]
    );
    let result = estimates_only().reconcile_table(&bulk);
    assert_eq!(result.source(&source("a")).unwrap().claims, 1);
    // b's "-0" is a's zero: both agree on it.
    assert_eq!(result.estimate("o", "n").unwrap().figure.best_number(), Some(0.0));
    assert_eq!(result.source(&source("b")).unwrap().agreement.map(Score::get), Some(1.0));
}

#[test]
fn line_numbers_hold_across_buffers_and_over_long_lines_are_skipped() {
    // Rows up to just past 16 MiB (several buffers), a bad row there, a 20 MiB line, a row.
    let mut csv = String::from("source,object,attribute,value\n");
    let mut line = 1;
    while csv.len() < (16 << 20) + 100 {
        line += 1;
        writeln!(csv, "s{},o{},x,{}", line % 7, line % 5_000, line % 3).unwrap();
    }
    csv.push_str("a,o1,x\n");
    let bad = line + 1;
    csv.push_str(&"z".repeat(20 << 20));
    csv.push('\n');
    csv.push_str("a,o1,x,5\n");
    let bulk = read(&csv);
    let lines: Vec<Option<usize>> = bulk.rejected().iter().map(|r| r.line).collect();
    assert_eq!(lines, [Some(bad), Some(bad + 1)]);
    assert_eq!(bulk.len() + bulk.repeats(), line - 1 + 1);
    assert!(
        bulk.rejected()[1].error.to_string().ends_with("the line is longer than 1048576 bytes")
    );
}

/// An over-long line ends at whichever line end it has (`\n`, `\r\n`, a lone `\r`), even
/// when its `\r` is the last byte of a read buffer: the rows after it are read at their lines,
/// by both readers.
#[test]
fn an_over_long_line_ends_at_any_line_end_even_on_a_buffer_edge() {
    let header = "source,object,attribute,value\n";
    // The line end's first byte 32 MiB into the stream, and the last byte of the buffer the
    // parallel reader hands to the record reader: its buffer grows from 64 KiB, the header
    // leaves it, and the carried line fills it whole until it holds 2 MiB, more than a line.
    let too_long = "t.csv:2: field row: the line is longer than 1048576 bytes";
    for (long, end) in [(32 << 20) - 1 - header.len(), (2 << 20) - 1]
        .into_iter()
        .flat_map(|n| ["\n", "\r\n", "\r"].map(|end| ("z".repeat(n), end)))
    {
        let csv = format!("{header}{long}{end}a,o1,x,5{end}b,o1,x,6{end}");
        let bulk = read(&csv);
        let messages: Vec<String> = bulk.rejected().iter().map(|r| r.error.to_string()).collect();
        assert_eq!(messages, [too_long], "{end:?}");
        assert_eq!(bulk.len() + bulk.repeats(), 2, "{end:?}");
        let rows: Vec<String> = Table::csv()
            .read("t.csv", csv.as_bytes(), &Parser::default())
            .map(|r| r.map_or_else(|e| e.to_string(), |c| c.id().to_string()))
            .collect();
        assert_eq!(rows, [too_long, "t.csv:3", "t.csv:4"], "{end:?}");
    }
}

/// Low and high mean what they mean to UCDP and to `Reconciler`: what the claims that agree
/// with the best figure allow, their intervals intersected (no cap: no high); the weighted
/// quartiles of all claims are a separate field (issue 12, item 4).
#[test]
fn low_and_high_are_what_the_agreeing_claims_allow_and_quartiles_are_apart() {
    let csv = "source,object,attribute,value\n\
               a,o,n,between 900 and 1100\n\
               b,o,n,between 950 and 1200\n\
               c,o,n,more than 980\n\
               d,p,n,more than 50\n\
               e,p,n,more than 60\n";
    let result = estimates_only().reconcile_table(&read(csv));
    let o = result.estimate("o", "n").unwrap();
    let Figure::Number { low, best, high, .. } = o.figure else { panic!("{}", o.figure) };
    assert_eq!((low, best, high), (980.0, 1000.0, Some(1100.0)));
    assert_eq!(o.spread, Some((980.0, 1075.0)));
    // "More than 50" and "more than 60" are both true only above 60: one cluster, allowing
    // (60, ∞). Its weighted median, 50 (the lower figure on a tie), lies below what the
    // cluster allows, so the best is the nearest figure it allows, 60.
    let p = result.estimate("p", "n").unwrap();
    let Figure::Number { low, best, high, .. } = p.figure else { panic!("{}", p.figure) };
    assert_eq!((low, best, high), (60.0, 60.0, None));
    // Both are right (60 is more than 50 and more than 60, as a bound's own figure stands for
    // it), so they weigh the same: a quarter of the weight is reached at 50, three quarters
    // at 60.
    assert_eq!(p.spread, Some((50.0, 60.0)));
}

/// Names are compared as `Table::read` and `Reconciler` compare them: "Aktau" and "aktau" are
/// one object (a subject's event is a label, compared by its key), "Fuel" and "fuel" one
/// attribute, "Alpha" and "alpha" one source (one voice). Each is shown in its first spelling
/// in byte order and found in any case.
#[test]
fn spellings_of_one_name_in_other_cases_are_one_name() {
    let csv = "source,object,attribute,value\n\
               Alpha,Aktau,fuel,petrol\n\
               Beta,aktau,Fuel,Petrol\n\
               gamma,AKTAU,fuel,diesel\n\
               alpha,Aktau,killed,12\n\
               beta,Aktau,killed,12\n";
    // The groups asked for, to count each variable's claims.
    let result = estimates_only().ranks(true).whole_groups(true).reconcile_table(&read(csv));
    let variables: Vec<(&str, &str, usize)> = result
        .groups
        .iter()
        .map(|g| {
            let object = g.subject.which_event().unwrap().as_str();
            let Measure::Other(attribute) = g.subject.measure() else { panic!("{}", g.subject) };
            (object, attribute.as_str(), g.claims.len())
        })
        .collect();
    assert_eq!(variables, [("AKTAU", "fuel", 3), ("Aktau", "killed", 2)]);
    let sources: Vec<(&str, usize)> =
        result.sources.iter().map(|s| (s.source.as_str(), s.claims)).collect();
    assert_eq!(sources, [("Alpha", 2), ("Beta", 2), ("gamma", 1)]);
    // Two of three voices say petrol: one variable, so petrol wins.
    let fuel = &result.estimate("aktau", "FUEL").unwrap().figure;
    assert!(
        matches!(fuel, Figure::Value { value: Value::Category(l) } if l.key() == "petrol"),
        "{fuel}"
    );
    assert_eq!(result.source(&source("ALPHA")).unwrap().claims, 2);
    // The same claims through `Table::read` and `Reconciler`: one group per subject too.
    let claims: Vec<Claim> = Table::csv()
        .read("t.csv", csv.as_bytes(), &Parser::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(Reconciler::new().reconcile(claims).groups.len(), 2);
}

/// Names whose byte order is not their order in lower case ("Zeta" before "beta" in bytes,
/// after it in lower case; objects "B" and "a"): the results are sorted by key, and every
/// name is found in its own spelling, in another case and with other spacing.
#[test]
fn names_are_sorted_and_found_by_their_keys() {
    let csv = "source,object,attribute,value\n\
               Zeta,B,n,5\n\
               beta,B,n,5\n\
               Zeta,a,n,7\n\
               beta,a,n,7\n";
    let result = estimates_only().reconcile_table(&read(csv));
    let objects: Vec<&str> =
        result.groups.iter().map(|g| g.subject.which_event().unwrap().as_str()).collect();
    assert_eq!(objects, ["a", "B"]);
    let sources: Vec<&str> = result.sources.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(sources, ["beta", "Zeta"]);
    for (object, best) in [("a", 7.0), ("A", 7.0), ("b", 5.0), ("B", 5.0), (" B ", 5.0)] {
        let e = result.estimate(object, " N ").unwrap_or_else(|| panic!("{object:?} not found"));
        assert_eq!(e.figure.best_number(), Some(best), "{object:?}");
    }
    for name in ["zeta", "ZETA", " Zeta ", "Beta", "beta"] {
        assert!(result.source(&source(name)).is_some(), "{name:?} not found");
    }
}

/// A kind declared for an attribute holds for every spelling of it, in both readers: "Code"
/// and "code" are one attribute, declared to hold labels, so "12" is a label in both.
#[test]
fn a_declared_kind_holds_for_every_spelling_of_its_attribute() {
    let csv = "source,object,attribute,value\n\
               A,x,Code,12\n\
               B,x,code,12\n\
               C,x,code,13\n\
               D,y,Code,7\n";
    let table = || Table::csv().kind("code", CellKind::Label);
    let bulk = table().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    assert!(bulk.rejected().is_empty(), "{:?}", bulk.rejected());
    let result = estimates_only().reconcile_table(&bulk);
    let label = |object: &str| match &result.estimate(object, "code").unwrap().figure {
        Figure::Value { value: Value::Category(l) } => l.as_str().to_owned(),
        other => panic!("{object}: a label, not {other}"),
    };
    assert_eq!(label("x"), "12");
    assert_eq!(label("y"), "7");
    let claims: Vec<Claim> = table()
        .read("t.csv", csv.as_bytes(), &Parser::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(claims.len(), 4);
}

// ---------------------------------------------------------------------------------------------
// Time: an as-of column is scored as `Reconciler` scores dates.

fn read_dated(csv: &str, nature: Nature) -> Bulk {
    Table::csv().nature(nature).read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap()
}

fn date(day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2022, 1, day).unwrap()
}

/// A death toll rising over two weeks: two outlets still carry the early figure, one the
/// later. Counted as heads, 164 wins; as a running total, the latest date's figure is the
/// estimate and the earlier figures are floors beneath it, not rivals.
#[test]
fn a_running_totals_latest_figure_is_its_estimate_and_earlier_ones_are_floors() {
    let csv = "source,object,attribute,value,as_of\n\
               Health ministry,Kazakhstan,killed,164,2022-01-10\n\
               UNA-OIC,Kazakhstan,killed,164,2022-01-10\n\
               Prosecutor general,Kazakhstan,killed,225,2022-01-25\n";
    let result = estimates_only().reconcile_table(&read_dated(csv, Nature::RunningTotal));
    let killed = result.estimate("Kazakhstan", "killed").unwrap();
    assert_eq!(killed.figure.best_number(), Some(225.0));
    assert_eq!(killed.as_of, Some(date(25)));
    // No rival figure: the early outlets were right for their day, and keep their scores.
    let early = result.source(&source("UNA-OIC")).unwrap().reliability.map(f64::from);
    let late = result.source(&source("Prosecutor general")).unwrap().reliability.map(f64::from);
    assert_eq!(early, late);
    // The same rows as fixed facts: one quantity, dated at its latest figure, where the two
    // outlets outvote the third.
    let fixed = estimates_only().reconcile_table(&read_dated(csv, Nature::FixedFact));
    let killed = fixed.estimate("Kazakhstan", "killed").unwrap();
    assert_eq!(killed.figure.best_number(), Some(164.0));
    assert_eq!(killed.as_of, Some(date(25)));
}

/// A curfew imposed on the 5th and lifted on the 13th: a changing state is estimated date by
/// date, and the estimate is the last date's.
#[test]
fn a_changing_states_estimate_is_its_latest_dates() {
    let csv = "source,object,attribute,value,as_of\n\
               a,Almaty,curfew,yes,2022-01-05\n\
               b,Almaty,curfew,yes,2022-01-05\n\
               c,Almaty,curfew,yes,2022-01-06\n\
               a,Almaty,curfew,no,2022-01-13\n";
    let bulk = read_dated(csv, Nature::ChangingState);
    let result = estimates_only().reconcile_table(&bulk);
    let curfew = result.estimate("Almaty", "curfew").unwrap();
    assert_eq!(curfew.figure, Figure::Value { value: Value::YesNo(false) });
    assert_eq!(curfew.as_of, Some(date(13)));
    // Estimated from the last date's claims alone: its one claim carries all the weight.
    assert!((curfew.support - 1.0).abs() < 1e-12, "{}", curfew.support);
    assert_eq!(claims_of(&bulk, "Almaty", "curfew"), 4);
}

/// A source restating its figure on a later date makes a claim of its own (not a repeat); the
/// same figure twice on one date is a repeat.
#[test]
fn a_figure_restated_on_another_date_is_a_claim_and_on_the_same_date_a_repeat() {
    let csv = "source,object,attribute,value,as_of\n\
               a,Aktau,killed,31,2022-01-06\n\
               a,Aktau,killed,31,2022-01-06\n\
               a,Aktau,killed,31,2022-01-08\n\
               b,Aktau,killed,40,2022-01-08\n";
    let bulk = read_dated(csv, Nature::RunningTotal);
    assert_eq!((bulk.len(), bulk.repeats()), (3, 1));
    let undated = read("source,object,attribute,value\na,Aktau,killed,31\na,Aktau,killed,31\n");
    assert_eq!((undated.len(), undated.repeats()), (1, 1));
}

/// A table without an as-of column (or with every cell blank) estimates undated quantities.
#[test]
fn undated_tables_give_undated_estimates() {
    let csv = "source,object,attribute,value,as_of\na,Aktau,killed,31,\nb,Aktau,killed,31,\n";
    let result = estimates_only().reconcile_table(&read_dated(csv, Nature::RunningTotal));
    assert_eq!(result.estimate("Aktau", "killed").unwrap().as_of, None);
    let result = estimates_only().reconcile_table(&read("source,object,value\na,Aktau,31\n"));
    assert_eq!(result.estimate("Aktau", "value").unwrap().as_of, None);
}

#[test]
fn findings_name_what_to_look_at_first_on_the_table_path() {
    // Deaths in Almaty: a running total whose latest figure one outlet gives below an
    // earlier one of another (a regression); a curfew given both ways, one report each, on
    // its latest day, the day after "no" (a change that day: a note); injured in Aktau from
    // one outlet (a single voice).
    let csv = "source,object,attribute,value,as_of\n\
               A,Almaty,deaths,164,2022-01-10\n\
               B,Almaty,deaths,225,2022-01-25\n\
               C,Almaty,deaths,225,2022-01-25\n\
               D,Almaty,deaths,103,2022-01-25\n\
               A,Almaty,curfew,no,2022-01-04\n\
               B,Almaty,curfew,no,2022-01-05\n\
               C,Almaty,curfew,yes,2022-01-05\n\
               A,Aktau,injured,40,2022-01-06\n";
    let table = Table::csv()
        .as_of_named("as_of")
        .nature_of("deaths", Nature::RunningTotal)
        .nature_of("curfew", Nature::ChangingState)
        .nature_of("injured", Nature::RunningTotal);
    let bulk = table.read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let r = estimates_only().findings(true).reconcile_table(&bulk);
    let texts: Vec<(FindingKind, Vec<String>)> = r
        .findings
        .iter()
        .map(|f| (f.kind, f.claims.iter().map(ClaimId::to_string).collect()))
        .collect();
    let found: Vec<(FindingKind, Vec<&str>)> =
        texts.iter().map(|(k, ids)| (*k, ids.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        found,
        [
            (FindingKind::Regression, vec!["t.csv:5", "t.csv:2"]),
            (FindingKind::ChangedSameDay, vec!["t.csv:7", "t.csv:8"]),
            (FindingKind::SingleVoice, vec!["t.csv:9"]),
        ],
        "{:#?}",
        r.findings
    );
    let summary = r.summary.unwrap();
    assert_eq!((summary.quantities, summary.with_findings, summary.findings), (3, 1, 1));
    // Turned off, none is made.
    let plain = Reconciler::new().findings(false).reconcile_table(&bulk);
    assert!(plain.findings.is_empty() && plain.summary.is_none());
}

/// The group a scan in subject order finds first: what [`Reconciliation::variable`] means.
fn variable_by_scan<'r>(r: &'r Reconciliation, object: &str, attribute: &str) -> Option<&'r Group> {
    let key = |s: &str| Label::new(s).map(|l| l.key().to_owned()).unwrap_or_default();
    let (object, attribute) = (key(object), key(attribute));
    r.groups.iter().find(|g| {
        matches!(g.subject.measure(), Measure::Other(a) if a.key() == attribute)
            && g.subject.which_event().is_some_and(|e| e.key() == object)
    })
}

#[test]
fn a_variable_is_found_by_search_as_a_scan_finds_it() {
    // A table: three attributes, 300 objects, names in several cases.
    let mut csv = String::from("source,object,attribute,value\n");
    for o in 0..300 {
        for (a, attribute) in ["Count", "population", "Zone"].iter().enumerate() {
            let object = if o % 3 == 0 { format!("Town {o}") } else { format!("town {o}") };
            writeln!(csv, "s{},{object},{attribute},{}", o % 4, o * 10 + a).unwrap();
        }
    }
    let table = estimates_only().reconcile_table(&read(&csv));
    // Claims about other measures of one event, by population and place, and a measure
    // named in the attribute's place: groups of one attribute that are not all of one run.
    let day = chrono::NaiveDate::from_ymd_opt(2022, 1, 5).unwrap();
    let claim = |id: usize, subject: Subject, phrase: &str| {
        let provenance = Provenance::new(SourceId::new("A").unwrap()).published(day);
        let id = ClaimId::new(&format!("c{id}")).unwrap();
        Claim::parse(id, subject, phrase, provenance, &Parser::default()).unwrap()
    };
    let other = |name: &str| Measure::Other(Label::new(name).unwrap());
    let label = |name: &str| Label::new(name).unwrap();
    let subjects = [
        Subject::new(other("count")).event(label("Zhanaozen")),
        Subject::new(other("count")).event(label("Almaty")).place(label("Almaty")),
        Subject::new(other("count")).event(label("Aktau")).population(Population::Civilians),
        Subject::new(other("count")).event(label("Almaty")),
        Subject::new(other("count")),
        Subject::new(Measure::Deaths).event(label("Almaty")),
        Subject::new(other("arrests")).event(label("Aktau")),
    ];
    let claims = subjects.iter().enumerate().map(|(i, s)| claim(i, s.clone(), "12"));
    let articles = Reconciler::new().reconcile(claims);
    let mut names: Vec<(String, String)> = vec![
        ("nowhere".into(), "count".into()),
        ("Town 3".into(), "Nothing".into()),
        (String::new(), "count".into()),
        ("almaty".into(), "deaths".into()),
    ];
    for r in [&table, &articles] {
        for g in &r.groups {
            if let (Measure::Other(a), Some(e)) = (g.subject.measure(), g.subject.which_event()) {
                names.push((e.as_str().to_owned(), a.as_str().to_owned()));
                names.push((e.as_str().to_uppercase(), format!(" {} ", a.as_str())));
            }
        }
    }
    let mut reordered = articles.clone();
    reordered.groups.reverse();
    let mut found = 0;
    for r in [&table, &articles, &reordered] {
        for (object, attribute) in &names {
            let expected = variable_by_scan(r, object, attribute).map(|g| &g.subject);
            let got = r.variable(object, attribute).map(|g| &g.subject);
            assert_eq!(got, expected, "{object:?} {attribute:?}");
            found += usize::from(got.is_some());
        }
    }
    // The table's 900 variables and the articles' five with an event, each in two
    // spellings; the articles' in both orders of their groups.
    assert_eq!(found, 1800 + 2 * 10, "names looked up: {}", names.len());
}

/// A table's phrases are scored and related by the reconciler's policy, as claims are, not
/// by the parser's that read the table: with "about" read to within 1 %, "about 1000"
/// conflicts with 1040 and 900, and the relations say so in the words of that policy
/// ("[990, 1010]"), the same relations, clusters and estimate as `Table::read` and
/// `Reconciler::policy` give, whichever policy the parser had. (The relations once judged
/// again by the default policy while the clusters kept the pair apart; then a table was
/// judged by the parser's policy, and a policy set on the reconciler did not reach it.)
#[test]
fn a_tables_phrases_are_judged_by_the_reconcilers_policy() {
    let csv = "source,object,attribute,value\nA,Almaty,killed,about 1000\nB,Almaty,killed,1040\n\
               C,Almaty,killed,900\nD,Almaty,killed,1040\n";
    let policy = Policy::default().approx(ApproxPolicy::default().relative(0.01).rounding(0.0));
    let relations = |r: &Reconciliation| -> Vec<(String, String, RelationKind, String)> {
        let g = &r.groups[0];
        g.relations
            .iter()
            .map(|x| (x.a.to_string(), x.b.to_string(), x.kind, x.reason.to_string()))
            .collect()
    };
    let figure = |r: &Reconciliation| r.groups[0].estimate.as_ref().map(|e| e.figure.clone());
    let whole = estimates_only().ranks(true).whole_groups(true);
    let mut by_parser = Vec::new();
    for parser in [Parser::default(), Parser::default().policy(policy.clone())] {
        let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &parser).unwrap();
        let claims: Vec<Claim> =
            Table::csv().read("t.csv", csv.as_bytes(), &parser).map(Result::unwrap).collect();
        // The reconciler's policy, whatever the parser's.
        let b = whole.clone().policy(policy.clone()).reconcile_table(&bulk);
        let r = Reconciler::new().policy(policy.clone()).reconcile(claims.clone());
        let about =
            relations(&b).into_iter().find(|x| x.0 == "t.csv:2" && x.1 == "t.csv:3").unwrap();
        assert_eq!(about.2, RelationKind::Conflicts);
        assert_eq!(about.3, "about 1,000 [990, 1010] and 1,040 do not overlap");
        assert_eq!(relations(&b), relations(&r));
        assert_eq!(b.groups[0].clusters, r.groups[0].clusters);
        assert_eq!(b.groups[0].clusters.len(), 3);
        assert_eq!(figure(&b), figure(&r));
        by_parser.push(b);
        // The default policy, whatever the parser's: "about 1,000" allows 1040.
        let b = whole.reconcile_table(&bulk);
        let r = Reconciler::new().reconcile(claims);
        let about =
            relations(&b).into_iter().find(|x| x.0 == "t.csv:2" && x.1 == "t.csv:3").unwrap();
        assert_ne!(about.2, RelationKind::Conflicts, "{about:?}");
        assert_eq!(relations(&b), relations(&r));
        assert_eq!(b.groups[0].clusters, r.groups[0].clusters);
        assert_eq!(figure(&b), figure(&r));
    }
    // The parser's policy leaves no trace, to the last bit of a score.
    assert_eq!(by_parser[0], by_parser[1]);
}

/// A source whose every row was rejected for its attribute's kind ("no" where the attribute
/// holds numbers) made no claim: it is no source of the table, in the store or the
/// reconciliation, as `Table::read` gives it no claim. Before, it was listed as a source and
/// a voice with no claim. Its rejected row is kept, naming its line.
#[test]
fn a_source_whose_rows_were_all_rejected_is_no_source() {
    // "bb" sorts between b and c: c's claims are renumbered past it.
    let csv = "source,object,attribute,value\na,o,n,5\nb,o,n,5\nbb,o,n,no\nc,p,n,7\nc,o,n,5\n";
    let bulk = read(csv);
    assert_eq!(bulk.sources(), ["a", "b", "c"]);
    assert_eq!(bulk.rejected().len(), 1);
    assert!(bulk.rejected()[0].error.to_string().starts_with("t.csv:4: field value:"));
    let result = Reconciler::new().reconcile_table(&bulk);
    let names = |r: &Reconciliation| -> Vec<String> {
        r.sources.iter().map(|s| s.source.to_string()).collect()
    };
    assert_eq!(names(&result), ["a", "b", "c"]);
    assert_eq!(result.voices.len(), 3);
    // The claims the rows give, reconciled, name the same sources; c's claim keeps its own.
    let claims: Vec<Claim> = Table::csv()
        .read("t.csv", csv.as_bytes(), &Parser::default())
        .filter_map(Result::ok)
        .collect();
    assert_eq!(names(&Reconciler::new().reconcile(claims)), names(&result));
    assert_eq!(result.source(&source("c")).unwrap().claims, 2);
    assert_eq!(result.estimate("p", "n").unwrap().figure.best_number(), Some(7.0));
    // p's one figure is c's: its source renumbered past bb's, not taken for another's.
    let single: Vec<String> = result
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::SingleVoice)
        .map(|f| f.message.to_string())
        .collect();
    assert_eq!(single, ["n [p]: low 7 / best 7 / high 7, from one voice (c)"]);
}
