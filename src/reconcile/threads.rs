//! Where a reconciliation's work runs: on rayon's pool of threads, from how much work on.

use std::ops::Range;

use rayon::prelude::*;

/// From this much work, a reconciliation splits a loop between threads (counted in the
/// loop's own unit: observations, a copy pass's rows, its subjects or its voices' subjects).
/// Below it, waking the pool's threads costs more than they save (a reconciliation of a few
/// articles). Results are the same either way: each part of a split loop reads only its own
/// items.
pub(crate) const PARALLEL_FROM: usize = 1 << 14;

/// `work`, run on one of the pool's threads when it is over `claims` claims, at least
/// [`PARALLEL_FROM`]; on the calling thread below that, or when it is one of the pool's.
///
/// A parallel loop started from a thread outside the pool hands all its parts to the pool and
/// waits; the pool's threads are woken for it and go back to sleep after it, loop after loop.
/// Started on one of them, the loop's thread takes its own parts and the other threads steal
/// the rest. A reconciliation runs hundreds of such loops between stretches of work on one
/// thread; from the pool, a table's whole job took 0.93x the wall time at 10^5 rows and 0.97x
/// at 10^6, nothing measurable at 10^7, with the same CPU (BENCHMARKS.md, "Copy detection's
/// serial passes, and the work on the pool's threads"). The result is the same.
pub(crate) fn on_pool<R: Send>(claims: usize, work: impl FnOnce() -> R + Send) -> R {
    if claims >= PARALLEL_FROM { rayon::scope(|_| work()) } else { work() }
}

/// `f` of each of `0..n`, in order: in parallel when `parallel` (each call alone, so the result
/// is the same either way).
pub(crate) fn map_each<R: Send>(n: usize, parallel: bool, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    if parallel { (0..n).into_par_iter().map(&f).collect() } else { (0..n).map(f).collect() }
}

/// Items of `lens` rows each, in order, in parts of whole items to share between threads: as
/// many items as keep a part at `rows` rows or fewer, and at least one (an item of more rows is
/// a part alone). Returns each part's items.
pub(crate) fn parts_of(lens: &[usize], rows: usize) -> Vec<Range<usize>> {
    parts_of_at_least(lens, rows, 1)
}

/// Items of `lens` rows each, in order, in parts as [`parts_of`] cuts them, but of at least
/// `items` items each (but the last): so that a part of large items still has an item for
/// each thread. Returns each part's items.
pub(crate) fn parts_of_at_least(lens: &[usize], rows: usize, items: usize) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut from = 0;
    while from < lens.len() {
        let (mut to, mut sum) = (from + 1, lens[from]);
        while to < lens.len() && (sum + lens[to] <= rows || to - from < items) {
            sum += lens[to];
            to += 1;
        }
        parts.push(from..to);
        from = to;
    }
    parts
}

/// `items` cut in turn into slices of `lens` items (their sum at most `items.len()`), for
/// parts to fill or sort each alone.
pub(crate) fn cut<T>(items: &mut [T], lens: impl IntoIterator<Item = usize>) -> Vec<&mut [T]> {
    let mut slices = Vec::new();
    let mut rest = items;
    for len in lens {
        let (head, tail) = std::mem::take(&mut rest).split_at_mut(len);
        slices.push(head);
        rest = tail;
    }
    slices
}

/// Sorts each part of `items`, the parts ending at `ends` (ascending, the last at most
/// `items.len()`): each part alone, so in parallel when `parallel`. Items past the last end
/// are left as they are.
pub(crate) fn sort_each<T: Ord + Send>(
    items: &mut [T],
    ends: impl IntoIterator<Item = usize>,
    parallel: bool,
) {
    let mut from = 0;
    let parts = cut(items, ends.into_iter().map(|end| end - std::mem::replace(&mut from, end)));
    if parallel {
        parts.into_par_iter().for_each(<[T]>::sort_unstable);
    } else {
        for part in parts {
            part.sort_unstable();
        }
    }
}

/// A table of 40,000 rows for the tests of work on the pool: 40 sources on 500 objects, an
/// undated count and a running total of each (object `o`'s count is `100 + o`). Sources 1 to
/// 29 give about half of their figures right and the rest off by 1 to 40; source 0 is off on
/// every figure, and sources 30 to 39 give its figures, counts and totals.
#[cfg(test)]
pub(crate) fn large_table_csv() -> String {
    use std::fmt::Write;
    let mut csv = String::from("source,object,attribute,value,as_of\n");
    // A figure's error: none on about half of the rows, else one of forty.
    let off = |o: usize, s: usize| {
        let m = (o * 2_654_435_761 + s * 40_503) % 1_000;
        if m < 500 { 0 } else { 1 + m % 40 }
    };
    for o in 0..500 {
        for s in 0..40 {
            // Sources 30 and up repeat source 0's figures, which are never right.
            let off = if s == 0 || s >= 30 { 1 + (o * 31) % 40 } else { off(o, s) };
            writeln!(csv, "s{s},o{o},count,{},", 100 + o + off).unwrap();
            let day = 1 + (o + s) % 9;
            writeln!(csv, "s{s},o{o},total,{},2022-01-{day:02}", 10 * day + off).unwrap();
        }
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::{PARALLEL_FROM, on_pool, parts_of, parts_of_at_least};

    /// Parts hold whole items in order, as many as keep them at the rows asked or fewer, an
    /// item of more rows alone; or at least so many items as asked.
    #[test]
    fn parts_hold_whole_items_up_to_the_rows_asked() {
        assert_eq!(parts_of(&[3, 4, 2, 9, 1, 1, 0, 5], 6), [0..1, 1..3, 3..4, 4..7, 7..8]);
        assert_eq!(parts_of(&[7, 0, 0], 6), [0..1, 1..3]);
        assert_eq!(parts_of(&[2, 2], 1), [0..1, 1..2]);
        assert!(parts_of(&[], 6).is_empty());
        // At least so many items a part, however many rows they have.
        assert_eq!(parts_of_at_least(&[3, 4, 2, 9, 1, 1, 0, 5], 6, 2), [0..2, 2..4, 4..7, 7..8]);
        assert_eq!(parts_of_at_least(&[7, 7, 7], 6, 2), [0..2, 2..3]);
        assert_eq!(parts_of_at_least(&[1, 1, 1, 9], 6, 2), [0..3, 3..4]);
    }

    /// Work over [`PARALLEL_FROM`] claims or more runs on one of the pool's threads; less runs
    /// where it was called, as does any work called from the pool.
    #[test]
    fn work_goes_to_the_pool_from_parallel_from_claims() {
        let on_a_pool_thread = || rayon::current_thread_index().is_some();
        assert!(!on_a_pool_thread(), "the test starts outside the pool");
        assert!(on_pool(PARALLEL_FROM, on_a_pool_thread));
        assert!(!on_pool(PARALLEL_FROM - 1, on_a_pool_thread));
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let (outer, inner) = pool.install(|| {
            let outer = std::thread::current().id();
            (outer, on_pool(PARALLEL_FROM, || std::thread::current().id()))
        });
        assert_eq!(outer, inner, "work called from the pool stays on its thread");
    }
}
