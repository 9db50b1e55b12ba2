//! What an error holds: a line's error keeps the error of its field whole, so a program
//! matches on it instead of reading words; a reader's failure keeps its `io::Error`, the table
//! and the line; and a chain printer shows each message once.

use std::fmt::Write as _;
use std::io::{self, ErrorKind, Read};

use claimrecon::*;

const DOC: &str =
    r#"{"document": "a", "file": "a.txt", "outlet": "Daily", "published": "2022-01-06"}"#;

fn corpus_error(claim: &str) -> Error {
    match Corpus::parse("c.jsonl", &format!("{DOC}\n{claim}"), &Parser::default()) {
        Ok(_) => panic!("{claim} was read"),
        Err(e) => e,
    }
}

fn claim_line(phrase: &str) -> String {
    format!(
        r#"{{"claim": "x", "document": "a", "quote": "{phrase} were killed", "phrase": "{phrase}", "measure": "deaths"}}"#
    )
}

/// What anyhow's `{:#}` prints: each message of the `source()` chain, joined by ": ".
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut at = e.source();
    while let Some(source) = at {
        out.push_str(": ");
        out.push_str(&source.to_string());
        at = source.source();
    }
    out
}

#[test]
fn a_bad_phrase_in_a_corpus_line_is_a_parse_error_inside_the_line_error() {
    let e = corpus_error(&claim_line("a lot"));
    assert_eq!(
        e.to_string(),
        "c.jsonl:2: field phrase: cannot read \"a lot\" at byte 0: expected a number, a date or a time of day, found 'a'"
    );
    let Error::Corpus { file, line, field, error: Some(inner), .. } = &e else { panic!("{e:?}") };
    assert_eq!((file.as_str(), *line, field.as_str()), ("c.jsonl", 2, "phrase"));
    let Error::Parse { phrase, position, .. } = &**inner else { panic!("{inner:?}") };
    assert_eq!((phrase.as_str(), *position), ("a lot", 0));
    assert_eq!(e.inner(), Some(&**inner));
}

#[test]
fn every_wrapped_error_in_a_corpus_is_reachable_by_matching() {
    // A bad id: the name's error.
    let bad_id =
        r#"{"claim": "", "document": "a", "quote": "5", "phrase": "5", "measure": "deaths"}"#;
    assert!(matches!(corpus_error(bad_id).inner(), Some(Error::InvalidName { .. })));
    // Three levels: the line, the phrase, the time of day the phrase spells.
    let e = corpus_error(&claim_line("25:00"));
    assert_eq!(
        e.to_string(),
        "c.jsonl:2: field phrase: cannot read \"25:00\" at byte 0: invalid time of day \"25:00\": hours run 0-23 and minutes 0-59"
    );
    let phrase = e.inner().unwrap();
    assert!(matches!(phrase, Error::Parse { position: 0, .. }));
    assert!(matches!(phrase.inner(), Some(Error::InvalidTime { .. })));
    // Printed once, by `{e}` and by a chain printer alike.
    assert_eq!(chain(&e), e.to_string());
    assert_eq!(e.to_string().matches("invalid time of day").count(), 1);
    // An alias line that would loop: the cycle.
    let cycle = "{\"alias\": \"A\", \"of\": \"B\"}\n{\"alias\": \"B\", \"of\": \"A\"}";
    assert!(matches!(corpus_error(cycle).inner(), Some(Error::AliasCycle { .. })));
    // A problem the loader states in its own words has no inner error.
    let e = corpus_error(
        r#"{"claim": "x", "document": "a", "quote": "5 dead", "phrase": "6", "measure": "deaths"}"#,
    );
    assert!(matches!(&e, Error::Corpus { error: None, .. }));
    assert_eq!(e.inner(), None);
}

#[test]
fn a_claim_error_prints_the_parse_error_once() {
    let e = Claim::parse(
        ClaimId::new("x").unwrap(),
        Subject::new(Measure::Deaths),
        "a lot",
        Provenance::new(SourceId::new("Daily").unwrap()),
        &Parser::default(),
    )
    .unwrap_err();
    let text = "claim \"x\", field value: cannot read \"a lot\" at byte 0: expected a number, a date or a time of day, found 'a'";
    assert_eq!(e.to_string(), text);
    assert_eq!(chain(&e), text);
    let Error::Claim { field, error, .. } = &e else { panic!("{e:?}") };
    assert_eq!(field, "value");
    assert!(matches!(**error, Error::Parse { .. }));
}

#[test]
fn table_rows_keep_the_error_of_their_cell() {
    // A value the parser reads no value in is a label; one that is no label either (too long)
    // keeps the label's error, as a bad source keeps the source's, and "NaN" the number's.
    let tsv = format!("a\tOslo\t{}\n\u{1}\tOslo\t5\nb\tOslo\tNaN\n", "lots ".repeat(50));
    let table = Table::tsv().columns(0, 1, None, 2);
    let parser = Parser::default();
    let rows: Vec<Result<Claim, Error>> = table.read("t.tsv", tsv.as_bytes(), &parser).collect();
    let inner: Vec<Option<&Error>> =
        rows.iter().map(|r| r.as_ref().err().and_then(Error::inner)).collect();
    assert!(matches!(inner[0], Some(Error::InvalidName { .. })), "{inner:?}");
    assert!(matches!(inner[1], Some(Error::InvalidName { .. })), "{inner:?}");
    assert!(matches!(inner[2], Some(Error::InvalidNumber { .. })), "{inner:?}");

    // `read_bulk` keeps the same errors: one meaning of a cell in both readers.
    let bulk = table.read_bulk("t.tsv", tsv.as_bytes(), &parser).unwrap();
    let rejected: Vec<(Option<usize>, Option<&Error>)> =
        bulk.rejected().iter().map(|r| (r.line, r.error.inner())).collect();
    assert!(
        matches!(
            rejected[..],
            [
                (Some(1), Some(Error::InvalidName { .. })),
                (Some(2), Some(Error::InvalidName { .. })),
                (Some(3), Some(Error::InvalidNumber { .. }))
            ]
        ),
        "{rejected:?}"
    );
}

#[test]
fn wrapped_errors_survive_a_reconciliation_saved_as_json() {
    let text =
        format!("{DOC}\n{}\n{}", claim_line("5"), claim_line("25:00").replace("\"x\"", "\"y\""));
    let r = Corpus::parse_lenient("c.jsonl", &text, &Parser::default()).reconcile();
    assert!(matches!(r.rejected[0].error.inner(), Some(Error::Parse { .. })));
    let json = serde_json::to_string(&r).unwrap();
    let back: Reconciliation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}

/// Gives `text` a few bytes at a time, then fails with `kind` once `after` bytes are given.
struct FailsAfter<'a> {
    text: &'a [u8],
    given: usize,
    after: usize,
    kind: ErrorKind,
}

impl Read for FailsAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let end = self.after.min(self.text.len());
        if self.given >= end && self.given < self.text.len() {
            return Err(io::Error::new(self.kind, "the disk went away"));
        }
        // Seven bytes at most: failures fall at every offset within a read.
        let n = buf.len().min(end - self.given).min(7);
        buf[..n].copy_from_slice(&self.text[self.given..self.given + n]);
        self.given += n;
        Ok(n)
    }
}

/// The line of the first byte after `read`, as both readers count lines: each `\n`, `\r\n`
/// and lone `\r` ends one, quoted or not; a `\r` at the very end has ended its line, whatever
/// follows it.
fn line_after(read: &[u8]) -> usize {
    let crs =
        read.iter().enumerate().filter(|&(i, &b)| b == b'\r' && read.get(i + 1) != Some(&b'\n'));
    1 + read.iter().map(|&b| usize::from(b == b'\n')).sum::<usize>() + crs.count()
}

fn assert_io(e: &Error, line: usize, what: &str) {
    let Error::Io { file, line: at, error } = e else { panic!("{what}: not an I/O error: {e}") };
    assert_eq!(
        (file.as_str(), *at, error.kind()),
        ("t.csv", line, ErrorKind::PermissionDenied),
        "{what}"
    );
    assert_eq!(
        e.to_string(),
        format!("t.csv:{line}: reading failed: the disk went away"),
        "{what}"
    );
    assert_eq!(e.inner(), None);
}

/// The error `Table::read` ends with when the reader fails after `after` bytes.
fn read_failure(table: &Table, text: &str, after: usize) -> Error {
    let reader =
        FailsAfter { text: text.as_bytes(), given: 0, after, kind: ErrorKind::PermissionDenied };
    let parser = Parser::default();
    let items: Vec<Result<Claim, Error>> = table.read("t.csv", reader, &parser).collect();
    match items.last() {
        Some(Err(e @ Error::Io { .. })) => e.clone(),
        other => panic!("cut at {after}: the last item is {other:?}"),
    }
}

fn read_bulk_failure(table: &Table, text: &str, after: usize) -> Error {
    let reader =
        FailsAfter { text: text.as_bytes(), given: 0, after, kind: ErrorKind::PermissionDenied };
    match table.read_bulk("t.csv", reader, &Parser::default()) {
        Ok(_) => panic!("cut at {after}: read_bulk did not fail"),
        Err(e) => e,
    }
}

/// Every byte at which a reader can fail, in a table with every line end and a quoted cell
/// across lines: both readers name the line being read, and the error's kind.
#[test]
fn a_reader_failing_mid_stream_is_an_io_error_at_the_line_being_read() {
    let text = "source,object,attribute,value\r\na,Oslo,population,700000\nb,\"Oslo\nnorth\",population,5\rc,Oslo,population,7\r\n";
    for table in [Table::csv(), Table::csv().header(false)] {
        for after in 0..text.len() {
            let line = line_after(&text.as_bytes()[..after]);
            assert_io(&read_failure(&table, text, after), line, &format!("read, cut at {after}"));
            assert_io(
                &read_bulk_failure(&table, text, after),
                line,
                &format!("read_bulk, cut at {after}"),
            );
        }
    }
}

/// `Table::read` gives every row read before its reader failed, then the failure: in a plain
/// table and in one the record reader reads (a quote), wherever the reader fails.
#[test]
fn table_read_keeps_the_rows_before_a_failure() {
    let plain = "source,object,attribute,value\na,Oslo,population,1\nb,Oslo,population,2\nc,Oslo,population,3\n";
    let quoted = plain.replacen("b,", "\"b\",", 1);
    for text in [plain, quoted.as_str()] {
        for after in 0..text.len() {
            let reader = FailsAfter {
                text: text.as_bytes(),
                given: 0,
                after,
                kind: ErrorKind::PermissionDenied,
            };
            let parser = Parser::default();
            let items: Vec<Result<Claim, Error>> =
                Table::csv().read("t.csv", reader, &parser).collect();
            // The rows whose line end came before the failure.
            let whole = text[..after].matches('\n').count().saturating_sub(1);
            let values: Vec<String> =
                items.iter().flatten().map(|c| c.value().to_string()).collect();
            let expected: Vec<String> = (1..=whole).map(|i| i.to_string()).collect();
            assert_eq!(values, expected, "cut at {after} of {text:?}");
            assert_eq!(items.len(), whole + 1, "cut at {after} of {text:?}");
            assert!(matches!(items.last(), Some(Err(Error::Io { .. }))), "cut at {after}");
        }
    }
}

/// Past 16 MiB of `read_bulk`'s input, many buffers in: a failure while the parallel reader
/// carries a line over, and while the record reader has taken the rest of the stream (a quote
/// on line 2).
#[test]
fn read_bulk_names_the_line_of_a_failure_beyond_its_first_buffer() {
    // Rows of about 1 KiB, the padding in a column no one reads.
    let pad = "x".repeat(1000);
    let mut plain = String::from("source,object,attribute,value,pad\n");
    for i in 0..18_000 {
        writeln!(plain, "s{},o{},n,{i},{pad}", i % 7, i % 100).unwrap();
    }
    let quoted = plain.replacen("s1,", "\"s1\",", 1);
    assert!(plain.len() > (17 << 20));
    for (what, text) in [("parallel", &plain), ("records", &quoted)] {
        for after in [(16 << 20) + 12_345, text.len() - 5] {
            let line = line_after(&text.as_bytes()[..after]);
            assert!(line > 16_000, "{line}");
            assert_io(
                &read_bulk_failure(&Table::csv(), text, after),
                line,
                &format!("{what}, cut at {after}"),
            );
        }
    }
}
