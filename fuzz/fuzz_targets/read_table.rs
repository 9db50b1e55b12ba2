//! Any bytes given to the table readers come back as claims and rejected rows, never a panic,
//! and nothing is lost: `Table::read` gives one item per data row, and `Table::read_bulk`
//! accounts for the same rows as claims, rejected rows and repeats. Estimates from either
//! path are finite with low <= best <= high.
//!
//! The first byte picks the table's shape and a line end. The rest is read twice: as it is,
//! and rebuilt as lines without quotes or line breaks in them, joined by the chosen line end
//! (`\n`, `\r\n`, a lone `\r`, or a mixture), where the number of data rows is known.
#![no_main]

use claimrecon::{BulkReconciler, BulkValue, Figure, Parser, Reconciler, Table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let header = mode & 1 == 0;
    let table = if mode & 2 == 0 { Table::csv() } else { Table::tsv() };
    let table = table.header(header).columns(0, 1, Some(2), 3);
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
    let blank = |(i, l): (usize, &Vec<u8>)| {
        let l = if i == 0 { l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l) } else { l };
        l.trim_ascii().is_empty()
    };
    let filled = lines.iter().enumerate().filter(|&x| !blank(x)).count();
    let rows = if header { filled.saturating_sub(1) } else { filled };
    assert_eq!(check(&table, &text, &parser), rows, "{text:?}");
});

/// Reads `bytes` with both readers, checks they agree on the rows and that their estimates
/// are sound, and returns the number of data rows.
fn check(table: &Table, bytes: &[u8], parser: &Parser) -> usize {
    let items: Vec<_> = table.read("fuzz.csv", bytes, parser).collect();
    let bulk = table.read_bulk("fuzz.csv", bytes, parser).expect("reading a slice cannot fail");
    assert_eq!(bulk.len() + bulk.rejected().len() + bulk.repeats(), items.len(), "{bytes:?}");
    for e in BulkReconciler::new().reconcile(&bulk).estimates {
        if let BulkValue::Number(best) = e.best {
            let low = e.low.unwrap_or(best);
            let high = e.high.unwrap_or(best);
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
