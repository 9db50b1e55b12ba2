//! Tables whose columns are found by the header's names (issue 12, item 3): any bytes given to
//! both table readers, with `Table::csv()`'s default names or names of one's own, an as-of or
//! a unit column by name, never panic, and both readers mean the same by every row: either the
//! header stops both with one error, or `Table::read` gives one item per data row and
//! `Table::read_bulk` accounts for the same rows as claims, rejected rows and repeats, every
//! rejected row at the same line with the same message (an as-of date too, which both check).
//! Estimates from either path are finite with low <= best <= high.
//!
//! The first byte picks how the columns are found and whether the limits are small.
#![no_main]

use std::collections::BTreeMap;

use claimrecon::{CellKind, Error, Figure, Parser, Reconciler, Table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let mut table = match mode & 7 {
        0 => Table::csv(),
        1 => Table::csv().named("s", "o", Some("a"), "v"),
        2 => Table::csv().named("s", "o", None, "v").unit_named("u"),
        3 => Table::csv().as_of_named("d"),
        4 => Table::csv().named("s", "o", Some("a"), "v").header(false),
        5 => Table::csv().unit(4),
        6 => Table::tsv().header(true).named("s", "o", None, "v"),
        _ => Table::tsv().header(true).kind("attribute", CellKind::Label).kind("n", CellKind::Date),
    };
    if mode & 8 != 0 {
        let limit = 8 + usize::from(mode >> 4);
        table = table.with_small_limits(limit, limit * 3);
    }
    let parser = Parser::default();
    let items: Vec<Result<_, Error>> = table.read("fuzz.csv", rest, &parser).collect();
    let bulk = match table.read_bulk("fuzz.csv", rest, &parser) {
        Ok(bulk) => bulk,
        Err(e) => {
            // The header stops both readers, in the same words.
            assert_eq!(items.len(), 1, "{rest:?}");
            let Some(Err(first)) = items.first() else { panic!("{rest:?}: {items:?}") };
            assert_eq!(first.to_string(), e.to_string(), "{rest:?}");
            return;
        }
    };
    assert_eq!(bulk.len() + bulk.rejected().len() + bulk.repeats(), items.len(), "{rest:?}");
    let read: BTreeMap<usize, String> = items
        .iter()
        .filter_map(|item| match item {
            Err(e @ Error::Corpus { line, .. }) => Some((*line, e.to_string())),
            _ => None,
        })
        .collect();
    let rejected: BTreeMap<usize, String> =
        bulk.rejected().iter().filter_map(|r| Some((r.line?, r.error.to_string()))).collect();
    assert_eq!(read, rejected, "{rest:?}");
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
});
