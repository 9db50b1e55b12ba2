//! Any bytes given to the table readers come back as claims and rejected rows, never a panic,
//! and nothing is lost: `Table::read` gives one item per data row, and `Table::read_bulk`
//! accounts for the same rows as claims, rejected rows and repeats. Estimates from either
//! path are finite with low <= best <= high.
//!
//! Both readers reject the same rows for the same reasons of form (a line too long, a quote
//! left open, a line end in a cell read) at the same lines, in the same words.
//!
//! The first byte picks the table's shape, a line end, and whether the line limit and
//! `read_bulk`'s buffer are small (`Table::with_small_limits`), so that short inputs reach
//! their edges. The rest is read twice: as it is, and rebuilt as lines without quotes or line
//! breaks in them, joined by the chosen line end (`\n`, `\r\n`, a lone `\r`, or a mixture),
//! where the number of data rows is known.
#![no_main]

use std::collections::BTreeMap;

use claimrecon::{Error, Figure, Parser, Reconciler, Table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let header = mode & 1 == 0;
    let table = if mode & 2 == 0 { Table::csv() } else { Table::tsv() };
    let mut table = table.header(header).columns(0, 1, Some(2), 3);
    let mut limit = claimrecon::MAX_LINE_BYTES;
    if mode & 16 != 0 {
        // A line limit of 8 to 15 bytes, a buffer of 2 to 9 lines.
        limit = 8 + usize::from(mode >> 5);
        table = table.with_small_limits(limit, limit * (2 + usize::from(mode >> 5)));
    }
    let parser = Parser::default();
    check(&table, rest, &parser);

    let lines: Vec<Vec<u8>> = rest
        .split(|&b| b == b'\n')
        .map(|l| l.iter().copied().filter(|b| !matches!(b, b'\r' | b'"')).collect())
        .collect();
    let ends: [&[u8]; 3] = [b"\n", b"\r\n", b"\r"];
    let mut text = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let pick = match (mode >> 2) & 3 {
                3 => i % 3,
                style => usize::from(style),
            };
            text.extend_from_slice(ends[pick]);
        }
        text.extend_from_slice(line);
    }
    // A byte order mark opening the stream is not part of line one.
    let content = |(i, l): (usize, &Vec<u8>)| {
        if i == 0 { l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l).len() } else { l.len() }
    };
    let mut filled = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| !l[l.len() - content((i, l))..].trim_ascii().is_empty());
    // The header is the first line that is not blank; one over the limit is a rejected row.
    let rows = match filled.next() {
        Some(first) if header => usize::from(content(first) > limit) + filled.count(),
        Some(_) => 1 + filled.count(),
        None => 0,
    };
    assert_eq!(check(&table, &text, &parser), rows, "{text:?}");
});

/// Reads `bytes` with both readers, checks they agree on the rows and that their estimates
/// are sound, and returns the number of data rows.
fn check(table: &Table, bytes: &[u8], parser: &Parser) -> usize {
    let items: Vec<_> = table.read("fuzz.csv", bytes, parser).collect();
    let bulk = table.read_bulk("fuzz.csv", bytes, parser).expect("reading a slice cannot fail");
    assert_eq!(bulk.len() + bulk.rejected().len() + bulk.repeats(), items.len(), "{bytes:?}");
    // Rejections of form: the field "row", or a line end in a cell.
    let of_form = |line: usize, message: String| {
        (message.contains(": field row: ") || message.contains("the cell holds a line end"))
            .then_some((line, message))
    };
    let read: BTreeMap<usize, String> = items
        .iter()
        .filter_map(|item| match item {
            Err(e @ Error::Corpus { line, .. }) => of_form(*line, e.to_string()),
            _ => None,
        })
        .collect();
    let bulk_form: BTreeMap<usize, String> = bulk
        .rejected()
        .iter()
        .filter_map(|r| of_form(r.line.expect("a row's line"), r.error.to_string()))
        .collect();
    assert_eq!(read, bulk_form, "{bytes:?}");
    for g in Reconciler::new()
        .findings(false)
        .ranks(false)
        .whole_groups(false)
        .reconcile_table(&bulk)
        .groups
    {
        let Some(e) = g.estimate else { continue };
        if let Figure::Number { low, best, high, .. } = e.figure {
            let high = high.unwrap_or(best);
            assert!(low.is_finite() && best.is_finite() && high.is_finite(), "{e:?}");
            assert!(low <= best && best <= high, "{e:?}");
        }
    }
    let claims = items.into_iter().flatten();
    let count = bulk.len() + bulk.rejected().len() + bulk.repeats();
    for group in Reconciler::new().reconcile(claims).groups {
        if let Some(Figure::Number { low, best, high, .. }) = group.estimate.map(|e| e.figure) {
            assert!(low.is_finite() && best.is_finite(), "{low} {best}");
            assert!(low <= best && high.is_none_or(|h| h.is_finite() && best <= h), "{high:?}");
        }
    }
    count
}
