//! Tables in bulk: millions of rows of (source, object, attribute, value).
//!
//! A newsroom reading fifty claims has each one's provenance; a table of millions of rows has
//! (source, object, attribute, value) and wants, for each object and attribute, which value,
//! and how reliable is each source. [`Table::read_bulk`] reads such a table into a compact
//! column store (16 bytes a claim, more for phrases) without a `Claim` per row, and
//! [`Reconciler::reconcile_table`](crate::Reconciler::reconcile_table) scores it with the one
//! model and options of [`Reconciler`](crate::Reconciler) into the one result type,
//! [`Reconciliation`](crate::Reconciliation): the scoring state is built straight from the
//! columns (each variable one group, each source one voice unless declared one with others or
//! found copying them) and the copy detection, the clusters, the choice between them (the least
//! CRH loss, Li et al., SIGMOD 2014), the estimates, the losses, the weights and the stopping
//! rule are the same code, and so is time: with an as-of column, a variable's rows are dated as
//! claims are, by the table's nature ([`Table::nature`], or an attribute's own,
//! [`Table::nature_of`]): a fixed fact or a running total is estimated at the latest date that
//! gives a figure (a running total's figures of earlier dates are floors beneath it, not
//! rivals), a changing state date by date. Its voices, its groups' estimates (and the date each
//! describes), ranks, relations, findings and source, outlet and voice reports are those
//! [`Reconciler::reconcile`](crate::Reconciler::reconcile) gives the claims `Table::read` reads
//! from the same table, the estimates exactly and the scores to within 1e-12
//! (`tests/entry_points.rs` checks it on generated tables, dated and undated, and named cases
//! of copying, with and without an alias table), but for the known differences the README
//! lists (a row its source repeats is one claim here; the spelling of a category or of a name
//! spelt in two cases). The reconciler's alias table reaches the table's objects and
//! categories, as it reaches claims'. A table has no part-of (a row names no sub-count), and
//! its rows no speaker or relay.

//! A numeric estimate is therefore `Reconciler`'s: of the clusters of figures that can all be
//! true together, the one with the least loss; its best figure the weighted median of its
//! figures, and its low and high what they all allow (UCDP's meaning). The weighted quartiles
//! of the figures said now are a field of their own, [`Estimate::spread`](crate::Estimate).
//!
//! Results do not depend on the number of threads. Shuffling the rows changes no estimate,
//! and a source's scores only in the last bits of a float: a row's claim is named by its line,
//! as `Table::read` names it (`file:line`), and a voice's losses are added in the order of its
//! claims' ids, as in `Reconciler`.

mod aliased;
mod read;
mod score;

use std::io::Read;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::Error;
use crate::claim::Rejected;
use crate::crh;
use crate::id::{ClaimId, line_key};
use crate::parse::Parser;
use crate::subject::Nature;
use crate::tabular::Table;
use crate::tabular::cell::{self, Kind};
use crate::unit::{Dimension, Unit};
use crate::value::{Amount, Magnitude, Number, Value};

pub(crate) use read::name_of;
use read::{AUX_LABEL, AUX_POINT, Staged};

/// The interval a phrase allows; `high` is infinite for "more than N".
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Interval {
    pub low: f64,
    pub high: f64,
    /// Whether `low` is excluded ("more than 50").
    pub low_open: bool,
    /// Whether `high` is excluded ("fewer than 50").
    pub high_open: bool,
}

impl Interval {
    /// A closed interval of one point.
    pub(crate) fn point(x: f64) -> Self {
        Interval { low: x, high: x, low_open: false, high_open: false }
    }

    /// The interval as the engine holds it: no high end when `high` is infinite.
    pub(crate) fn value(&self) -> crate::value::Interval {
        use crate::value::Endpoint;
        let high =
            self.high.is_finite().then_some(Endpoint { value: self.high, open: self.high_open });
        crate::value::Interval::new(Endpoint { value: self.low, open: self.low_open }, high)
    }
}

/// An as-of date as a row holds it: its day number counted from the common era (at least 1
/// for every year the readers admit, 1000 to 9999), so that 0 can stand for no date; `None`
/// for a date before the common era, which no reader admits.
pub(crate) fn day_number(date: NaiveDate) -> Option<u32> {
    u32::try_from(date.num_days_from_ce()).ok().filter(|&d| d > 0)
}

/// The as-of date a row's day number stands for (see [`day_number`]); `None` for 0.
pub(crate) fn date_of_day(day: u32) -> Option<NaiveDate> {
    i32::try_from(day).ok().filter(|&d| d > 0).and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// One claim in the column store, read from its columns ([`Chunk::claim`]). For a label
/// variable, `value` is the label's index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Claim {
    pub source: u32,
    pub value: f64,
}

/// Whether a variable's claims are numbers or labels (dates and other values held by their
/// text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BulkKind {
    /// Numbers: plain, or phrases such as "about 1,000" read by the library's parser.
    Number,
    /// Labels: any other text, compared case-insensitively.
    Label,
}

/// Claims read in bulk from a table, held column-wise and grouped by variable (an object and
/// an attribute). Build with [`Table::read_bulk`]; score with
/// [`Reconciler::reconcile_table`](crate::Reconciler::reconcile_table).
///
/// ```
/// use claimrecon::{Parser, Reconciler, Table};
/// let csv = "source,object,attribute,value
/// wiki,Oslo,population,709000
/// census,Oslo,population,709000
/// blog,Oslo,population,\"about 700,000\"
/// blog,Oslo,population,\"about 700,000\"
/// forum,Oslo,population,1e400
/// ";
/// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
/// // Three claims about one variable: the blog's repeat of its own row on the same (no)
/// // date counts once, and the forum's row is rejected, naming its line and field.
/// assert_eq!((bulk.len(), bulk.variables(), bulk.repeats()), (3, 1, 1));
/// assert_eq!(bulk.sources(), ["blog", "census", "wiki"]);
/// assert_eq!(bulk.rejected()[0].id.as_deref(), Some("t.csv:6"));
/// assert!(bulk.rejected()[0].error.to_string().starts_with("t.csv:6: field value: invalid number"));
/// let r = Reconciler::new().reconcile_table(&bulk);
/// let oslo = r.estimate("Oslo", "population").unwrap();
/// assert_eq!(oslo.figure.best_number(), Some(709_000.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Bulk {
    /// The table's name, as given to the reader: its rows' claims are `name:line`.
    pub(crate) name: String,
    pub(crate) sources: Vec<String>,
    pub(crate) vars: Vec<(String, String)>,
    /// Per label: the value it is, as [`Table::read`] reads its cell.
    pub(crate) label_values: Vec<Value>,
    /// Consecutive runs of variables, each holding its claims; scored in parallel. Their
    /// bounds depend on the data, never on the number of threads.
    pub(crate) chunks: Vec<Chunk>,
    pub(crate) rejected: Vec<Rejected>,
    pub(crate) repeats: usize,
}

/// A run of consecutive variables and their claims.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chunk {
    /// The index of the chunk's first variable.
    pub first: usize,
    pub kinds: Vec<BulkKind>,
    /// Per variable: the unit of its numbers (the base unit of its attribute's dimension).
    pub units: Vec<Option<Unit>>,
    /// Per variable: how its attribute behaves over time ([`Table::nature`],
    /// [`Table::nature_of`]); copy detection's block and false-sharing passes judge fixed
    /// facts only.
    pub natures: Vec<Nature>,
    /// Variable `first + k` has claims `start[k]..start[k + 1]`, sorted by value.
    pub start: Vec<usize>,
    /// Per claim: its source. With `values`, a claim's two columns: one vector of
    /// [`Claim`]s took 16 bytes a claim, 4 of them padding.
    pub sources: Vec<u32>,
    /// Per claim: its value ([`Claim::value`]).
    pub values: Vec<f64>,
    /// Claims that are phrases, by position among the claims, in position order.
    pub intervals: Vec<(usize, Interval)>,
    /// Per phrase of `intervals`, the amount it reads as (its text is its key, as
    /// [`number_key`] writes it).
    pub amounts: Vec<Option<Amount>>,
    /// Per claim: its line in the table, which names it (`file:line`, as [`Table::read`] names
    /// a row's claim) and so breaks ties as its id would.
    pub lines: Vec<u32>,
    /// Per claim: its as-of date as a day number ([`day_number`], 0 for none); empty when the
    /// table has no as-of column.
    pub days: Vec<u32>,
}

impl Chunk {
    /// How many claims it holds.
    pub(crate) fn len(&self) -> usize {
        self.sources.len()
    }

    /// Whether it holds no claim.
    pub(crate) fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// Claim `j`: its source and its value.
    pub(crate) fn claim(&self, j: usize) -> Claim {
        Claim { source: self.sources[j], value: self.values[j] }
    }

    /// The claims `range` holds, in order.
    pub(crate) fn claims(&self, range: Range<usize>) -> impl Iterator<Item = Claim> + '_ {
        range.map(|j| self.claim(j))
    }
}

impl Table {
    /// Reads a whole table as bulk claims, in parallel, without holding it as a string.
    ///
    /// A value cell means what it means to [`Table::read`] (one definition in the crate): a
    /// plain number (read directly), a phrase the library's [`Parser`] reads ("about 1,000",
    /// "more than 50", "1,583", "5 tenge", "2022-01-05"), or else a [`Label`](crate::Label)
    /// (white space collapsed, compared in lower case and shown in its first spelling in byte
    /// order, at most 200 characters). Amounts are held
    /// in their dimension's base unit; a date or any other value that is not an amount is held
    /// as a label by its text ("2022-01-05"), so two spellings of one date are one value. A cell
    /// spelled as a number claimrecon does not hold ("NaN", "inf", "1e309", "1e16", "1e-400",
    /// "-5"), a value spelled that cannot be ("5-3", "2022-02-30") or digits with separators
    /// the parser cannot read ("3.645.000", "1 000") is a rejected row with the parser's message,
    /// never a label. Each attribute holds
    /// one kind of value, decided over the whole table: the kind of most of its cells (numbers
    /// of one dimension, dates, or labels; numbers, then dates, on a tie); a cell of another
    /// kind is a rejected row saying what the attribute holds and, for a label, why it reads
    /// as no number or date ("the value is a label (\"lots\"), while attribute \"population\"
    /// holds numbers (9998 of its 10000 cells): cannot read \"lots\" at byte 0: expected a
    /// number, ...").
    /// A row repeated by the same source on the same as-of date counts once (a figure restated
    /// on another date is a claim of its own, as in `Reconciler`). The as-of column, if set, is
    /// read as [`Table::read`] reads it (a row with a bad date is rejected in both) and kept
    /// with each claim (4 bytes a claim more), for the reconciler to score by.
    /// Sources, objects and attributes are held to the rule of [`SourceId`](crate::SourceId)
    /// and [`Label`](crate::Label): no control characters, at most 200 characters. They are
    /// compared as `Reconciler` compares them: an object or an attribute by its label's key
    /// and a source in lower case, so "Aktau" and "aktau" are one object and "Police" and
    /// "police" one source, shown in the first spelling in byte order (a rejected row's message
    /// names its attribute so too, where `Table::read` names the row's own spelling). A kind
    /// declared with [`Table::kind`] holds for every spelling of its attribute.
    ///
    /// Columns are found as [`Table::read`] finds them: by the header's names (see
    /// [`Table::csv`] and [`Table::named`]) or by position.
    ///
    /// Rows, line ends and quotes are read as [`Table::read`] reads them, by the same rules
    /// (one definition in the crate): a row ends at `\n`, `\r\n` or a lone `\r`, each one
    /// line; rows of white space are skipped at any length, and the first row that is not
    /// blank is the header if the table has one, even one rejected as too long; a CSV cell that
    /// starts with `"` may hold commas, with `""` for a quote, and line ends only in a column
    /// the table does not read. Every data row is a claim, a repeat or a rejected row. Rejected
    /// as by `Table::read`, in its words: a row longer than
    /// [`MAX_LINE_BYTES`](crate::MAX_LINE_BYTES) ("the line is longer than 1048576 bytes"), a
    /// source, object, attribute or value holding a line end ("the cell holds a line end: the
    /// quote opened at line N may be unclosed"), a quote still open beyond `MAX_LINE_BYTES`
    /// ("the quote opened at line N is not closed within 1048576 bytes") or at the end of the
    /// stream ("unclosed quote opened at line N"); after these three, reading goes on from the
    /// line after line N.
    ///
    /// Lines ending in `\n` or `\r\n` without quotes are read in parallel, a buffer at a time;
    /// the buffer starts at 64 KiB and doubles with each fill up to 16 MiB, so a small table
    /// costs what its size does. From the first buffer that holds a quote (in CSV) or a lone
    /// `\r`, or that ends in a line already longer than `MAX_LINE_BYTES`, the rest of the
    /// stream is read by the record reader in one thread, correctly and several times slower.
    ///
    /// # Errors
    /// A failure of `reader` is an [`Error::Io`] naming the line where reading stopped and
    /// holding the reader's error. When the columns are found by name, a header that lacks a
    /// name or holds one twice, or that cannot be read, is an [`Error::Corpus`] of the field
    /// `header`, in [`Table::read`]'s words. A row that cannot be used is in
    /// [`Bulk::rejected`] with its line, field and reason (an [`Error::Corpus`], holding the
    /// cell's own error when it has one, such as the [`Error::InvalidNumber`] of "NaN"), as
    /// is, under a header, a row with more cells than the header has.
    ///
    /// # Complexity
    /// O(n log k) for n rows and at most k claims per variable; O(n) memory: 16 bytes a claim
    /// once loaded (its source, value and line; a phrase's interval and amount, and with an
    /// as-of column its date, 4 bytes, besides), about 50 at the peak while loading (24-byte
    /// rows, grouped by variable; with an as-of column, 12 bytes more a dated row: its line and
    /// date, then its date by line).
    /// Reading holds a buffer of at most 16 MiB and at most about `MAX_LINE_BYTES` of one row,
    /// whatever the input; each rejected row is kept with its error (a 128-byte record and its texts).
    ///
    /// # Example
    /// ```
    /// use claimrecon::{Parser, Reconciler, SourceId, Table};
    /// let csv = "source,object,attribute,value\n\
    ///            a,Oslo,population,700000\nb,Oslo,population,700000\nc,Oslo,population,7000\n\
    ///            a,Oslo,mayor,Marianne Borgen\nb,Oslo,mayor,marianne borgen\nc,Oslo,mayor,Raymond\n";
    /// let bulk = Table::csv().read_bulk("cities.csv", csv.as_bytes(), &Parser::default())?;
    /// let result = Reconciler::new().reconcile_table(&bulk);
    /// let population = result.estimate("Oslo", "population").unwrap();
    /// assert_eq!(population.figure.best_number(), Some(700000.0));
    /// // Both spellings are one value, shown in the first spelling in byte order.
    /// let mayor = result.estimate("Oslo", "mayor").unwrap();
    /// assert_eq!(mayor.figure.to_string(), "\"Marianne Borgen\"");
    /// let source = |name: &str| result.source(&SourceId::new(name).unwrap()).unwrap();
    /// assert!(source("c").reliability < source("a").reliability);
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    pub fn read_bulk<R: Read>(
        &self,
        name: &str,
        reader: R,
        parser: &Parser,
    ) -> Result<Bulk, Error> {
        read::read(self, name, reader, parser)
    }
}

impl Bulk {
    /// Per chunk, the number of its first claim among all the chunks' claims in order (the
    /// scoring state's figure numbers).
    pub(crate) fn first_claims(&self) -> Vec<usize> {
        let mut firsts = Vec::with_capacity(self.chunks.len());
        let mut n = 0;
        for c in &self.chunks {
            firsts.push(n);
            n += c.len();
        }
        firsts
    }

    /// The chunk of variable `v` (below the number of variables): the last whose first
    /// variable is at or before `v`.
    pub(crate) fn chunk_of_variable(&self, v: usize) -> usize {
        self.chunks.partition_point(|c| c.first <= v).saturating_sub(1)
    }

    /// Claim `c`'s chunk and its place there, `firsts` being [`Bulk::first_claims`] (`c`
    /// below [`Bulk::len`]): the last chunk whose first claim is at or before `c` (a chunk
    /// without claims has the first of the next).
    pub(crate) fn place(firsts: &[usize], c: usize) -> (usize, usize) {
        let ci = firsts.partition_point(|&f| f <= c).saturating_sub(1);
        (ci, c - firsts[ci])
    }

    /// The number of claims kept (after repeats and rejected rows).
    #[must_use]
    pub fn len(&self) -> usize {
        self.chunks.iter().map(Chunk::len).sum()
    }

    /// Whether no claim was kept.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.chunks.iter().all(Chunk::is_empty)
    }

    /// The sources, in sorted order.
    #[must_use]
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The number of variables (object and attribute pairs).
    #[must_use]
    pub fn variables(&self) -> usize {
        self.vars.len()
    }

    /// Rows that could not be used, each with its line, field and reason.
    #[must_use]
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// Rows dropped because the same source had already given the same value for the same
    /// variable.
    #[must_use]
    pub fn repeats(&self) -> usize {
        self.repeats
    }
}

/// Rows partitioned into buckets of consecutive variables: bucket `b` holds the rows of
/// variables `b * width ..` in piece order. Built in parallel, piece by piece, each piece
/// writing through a cursor per bucket, so no step writes all over a large array.
#[derive(Debug)]
struct Partition {
    rows: Vec<Staged>,
    /// Bucket `b`'s rows are `rows[start[b]..start[b + 1]]`.
    start: Vec<usize>,
    width: usize,
    vars: usize,
}

impl Partition {
    fn new(vars: usize, sources: usize, pieces: Vec<Vec<Staged>>) -> Self {
        let total: usize = pieces.iter().map(Vec::len).sum();
        // At least 16 buckets (of 4,096 rows or more), so small tables spread over the cores,
        // but never so many that the per-source partial sums (one number per source per
        // bucket) outweigh the claims.
        let by_sources = ((1usize << 24) / sources.max(1)).max(1);
        let buckets = (total / bucket_claims(sources))
            .max(16.min(total / 4_096))
            .min(by_sources)
            .clamp(1, 1 << 12);
        let width = vars.div_ceil(buckets).max(1);
        let buckets = vars.div_ceil(width).max(1);
        let counts: Vec<Vec<usize>> = pieces
            .par_iter()
            .map(|rows| {
                let mut c = vec![0; buckets];
                for r in rows {
                    c[r.var as usize / width] += 1;
                }
                c
            })
            .collect();
        let mut start = Vec::with_capacity(buckets + 1);
        let mut at = 0;
        for b in 0..buckets {
            start.push(at);
            at += counts.iter().map(|c| c[b]).sum::<usize>();
        }
        start.push(at);
        let mut all = vec![Staged::default(); total];
        // Slots: for each piece, for each bucket, its run inside the bucket.
        let mut slots: Vec<Vec<&mut [Staged]>> =
            (0..pieces.len()).map(|_| Vec::with_capacity(buckets)).collect();
        let mut rest = all.as_mut_slice();
        for b in 0..buckets {
            for (p, c) in counts.iter().enumerate() {
                let (head, tail) = std::mem::take(&mut rest).split_at_mut(c[b]);
                slots[p].push(head);
                rest = tail;
            }
        }
        pieces.into_par_iter().zip(slots.into_par_iter()).for_each(|(rows, mut slots)| {
            let mut cursor = vec![0; slots.len()];
            for r in rows {
                let b = r.var as usize / width;
                slots[b][cursor[b]] = r;
                cursor[b] += 1;
            }
        });
        Partition { rows: all, start, width, vars }
    }

    /// The buckets: each one's first variable, number of variables and rows.
    fn buckets(&self) -> impl IndexedParallelIterator<Item = (usize, usize, &[Staged])> {
        let n = self.start.len() - 1;
        (0..n).into_par_iter().map(move |b| {
            let first = b * self.width;
            let len = self.width.min(self.vars.saturating_sub(first));
            (first, len, &self.rows[self.start[b]..self.start[b + 1]])
        })
    }
}

/// Rows per bucket of the partition, which becomes a chunk of the store: small enough that a
/// bucket's rows fit in a core's cache while they are grouped by variable, large enough that
/// each chunk's per-source partial sums (one number per source, every round) stay cheap.
fn bucket_claims(sources: usize) -> usize {
    (1usize << 15).max(sources.saturating_mul(16))
}

/// What settling one bucket of variables gives.
#[derive(Debug, Default)]
struct Settled {
    chunk: Chunk,
    rejected: Vec<Rejected>,
    repeats: usize,
    /// Scratch space reused from variable to variable.
    kept: Vec<(Staged, Interval)>,
}

/// Groups each bucket's rows by variable, decides each variable's kind, sorts its claims by
/// value, drops repeats and computes the loss scales, bucket by bucket in parallel.
#[allow(clippy::too_many_arguments)] // one call site, the reader's results
fn settle(
    name: &str,
    parser: &Parser,
    sources: Vec<String>,
    vars: Vec<(String, String)>,
    labels: &[String],
    label_values: Vec<Value>,
    vote: &Vote,
    partition: Partition,
    mut rejected: Vec<Rejected>,
) -> Bulk {
    let prefix = ClaimId::row_prefix(name);
    let naming = Naming { name, prefix: &prefix, parser };
    let settled: Vec<Settled> = partition
        .buckets()
        .map(|(first, len, rows)| {
            // Counting sort by variable, within the bucket (file order within a variable).
            let mut start = vec![0usize; len + 1];
            for r in rows {
                start[r.var as usize - first + 1] += 1;
            }
            for v in 0..len {
                start[v + 1] += start[v];
            }
            let mut at = start.clone();
            let mut grouped = vec![Staged::default(); rows.len()];
            for r in rows {
                let slot = &mut at[r.var as usize - first];
                grouped[*slot] = *r;
                *slot += 1;
            }
            let mut out = Settled::default();
            out.chunk.first = first;
            out.chunk.start.reserve(len + 1);
            out.chunk.sources.reserve(rows.len());
            out.chunk.values.reserve(rows.len());
            if vote.dated {
                out.chunk.days.reserve(rows.len());
            }
            out.chunk.lines.reserve(rows.len());
            for v in 0..len {
                let rows = &mut grouped[start[v]..start[v + 1]];
                out.chunk.start.push(out.chunk.len());
                let var = Var { index: first + v, names: &vars[first + v] };
                settle_var(&naming, var, labels, vote, rows, &mut out);
            }
            out.chunk.start.push(out.chunk.len());
            out
        })
        .collect();
    drop(partition);
    let mut chunks = Vec::with_capacity(settled.len());
    let mut repeats = 0;
    for mut s in settled {
        rejected.append(&mut s.rejected);
        repeats += s.repeats;
        chunks.push(s.chunk);
    }
    rejected.sort_by_key(|r| r.line);
    let sources = without_silent(sources, &mut chunks);
    Bulk { name: name.to_owned(), sources, vars, label_values, chunks, rejected, repeats }
}

/// `sources` without those no kept claim names, and the claims' sources renumbered to match.
/// A source's rows may all be rejected after it was named, for their attribute's kind ("no"
/// in an attribute of numbers): then it made no claim, and is no source of the table's
/// reconciliation, as [`Table::read`]'s rows give none. One pass over the claims to tell;
/// a second only when some source made none.
fn without_silent(sources: Vec<String>, chunks: &mut [Chunk]) -> Vec<String> {
    let mut heard = vec![false; sources.len()];
    for &s in chunks.iter().flat_map(|c| &c.sources) {
        heard[s as usize] = true;
    }
    if heard.iter().all(|&h| h) {
        return sources;
    }
    let mut renumbered = vec![0u32; sources.len()];
    let mut kept = Vec::with_capacity(sources.len());
    for (i, source) in sources.into_iter().enumerate() {
        if heard[i] {
            renumbered[i] = kept.len() as u32;
            kept.push(source);
        }
    }
    for s in chunks.iter_mut().flat_map(|c| &mut c.sources) {
        *s = renumbered[*s as usize];
    }
    kept
}

/// The kind each attribute holds, voted over the whole table by the rule of
/// [`cell`](crate::tabular::cell), and what it takes to know a row's kind.
#[derive(Debug)]
struct Vote {
    kinds: cell::Kinds<u32>,
    /// Per attribute: the kind it holds.
    held: Vec<Kind>,
    /// Per variable: its attribute.
    attribute: Vec<u32>,
    /// Per label: a date's or another value's.
    label_kinds: Vec<Kind>,
    /// The interval of each phrase (see `Staged::aux`).
    intervals: Vec<Interval>,
    /// Per phrase in `intervals`: the amount it is.
    amounts: Vec<Amount>,
    /// Whether the table has an as-of column (so the store keeps each claim's date).
    dated: bool,
    /// Per line: its row's as-of date as a day number ([`day_number`], 0 for none); empty for
    /// a table without dates (see [`Vote::day`]).
    days: Vec<u32>,
    /// Per attribute: how it behaves over time ([`Table::nature_for`]).
    natures: Vec<Nature>,
}

impl Vote {
    /// Counts the rows of every attribute by kind (in parallel, bucket by bucket).
    fn new(
        table: &Table,
        vars: &[(String, String)],
        label_kinds: Vec<Kind>,
        (intervals, amounts): (Vec<Interval>, Vec<Amount>),
        days: Vec<u32>,
        partition: &Partition,
    ) -> Self {
        // Attributes by key, as `Table::read` and the `Reconciler` compare them; each spelling's
        // key is made once.
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut spelled: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        let attribute: Vec<u32> = vars
            .iter()
            .map(|(_, a)| {
                *spelled.entry(a.as_str()).or_insert_with(|| {
                    let next = ids.len() as u32;
                    *ids.entry(crate::tabular::attribute_key(a)).or_insert(next)
                })
            })
            .collect();
        let n = ids.len();
        let mut declared = cell::Kinds::default();
        let mut natures = vec![table.nature; n];
        for (name, &id) in &ids {
            if let Some(kind) = table.declared(name) {
                declared.declare(id, kind);
            }
            natures[id as usize] = table.nature_for(name);
        }
        let mut vote = Vote {
            kinds: cell::Kinds::default(),
            held: Vec::new(),
            attribute,
            label_kinds,
            intervals,
            amounts,
            dated: table.as_of.is_some(),
            days,
            natures,
        };
        // Bucket by bucket (each a run of variables): plain numbers, the common cell, counted
        // per variable in an array the size of the bucket's variables, other rows by kind;
        // then per attribute. Memory stays that of the variables, whatever the attributes.
        let counted: Vec<cell::Kinds<u32>> = partition
            .buckets()
            .map(|(first, len, rows)| {
                let mut points = vec![0usize; len];
                let mut kinds = cell::Kinds::default();
                for r in rows {
                    if r.aux == AUX_POINT {
                        points[r.var as usize - first] += 1;
                    } else {
                        kinds.count(vote.attribute[r.var as usize], vote.kind(r));
                    }
                }
                for (v, &k) in points.iter().enumerate().filter(|&(_, &k)| k > 0) {
                    kinds.add(vote.attribute[first + v], Kind::Number(Dimension::Count), k);
                }
                kinds
            })
            .collect();
        let mut kinds = declared;
        for bucket in counted {
            kinds.merge(bucket);
        }
        vote.held = (0..n as u32).map(|a| kinds.held(&a).unwrap_or(Kind::Label)).collect();
        vote.kinds = kinds;
        vote
    }

    /// A row's as-of date as a day number (0 for none).
    fn day(&self, r: &Staged) -> u32 {
        self.days.get(r.line as usize).copied().unwrap_or(0)
    }

    /// A row's kind.
    fn kind(&self, r: &Staged) -> Kind {
        match r.aux {
            AUX_POINT => Kind::Number(Dimension::Count),
            AUX_LABEL => self.label_kinds.get(r.value as usize).copied().unwrap_or(Kind::Label),
            i => {
                let unit = self.amounts.get(i as usize).map(|a| a.unit);
                Kind::Number(unit.map_or(Dimension::Count, Unit::dimension))
            }
        }
    }
}

/// A variable being settled: its index and its names (object, attribute).
#[derive(Debug, Clone, Copy)]
struct Var<'a> {
    index: usize,
    names: &'a (String, String),
}

/// How a table's rejected rows are named: the table's name for the errors, and its rows'
/// ids (see [`ClaimId::row_text`]).
struct Naming<'a> {
    name: &'a str,
    prefix: &'a str,
    parser: &'a Parser,
}

/// The rejection of a row whose kind is not the one its attribute holds, if it is not.
fn misfit(
    naming: &Naming<'_>,
    var: Var<'_>,
    labels: &[String],
    vote: &Vote,
    r: &Staged,
) -> Option<Rejected> {
    let attribute = vote.attribute[var.index];
    let kind = vote.kind(r);
    if kind == vote.held[attribute as usize] {
        return None;
    }
    let label =
        (r.aux == AUX_LABEL).then(|| labels.get(r.value as usize).map_or("?", String::as_str));
    let problem = vote.kinds.misfit(&attribute, &var.names.1, kind, label)?;
    Some(Rejected {
        id: Some(ClaimId::row_text(naming.prefix, u64::from(r.line))),
        line: Some(r.line as usize),
        claim: None,
        error: cell::misfit_error(
            naming.name,
            r.line as usize,
            problem,
            kind,
            label,
            naming.parser,
        ),
    })
}

/// The interval a staged row allows (a point for plain numbers; NaN for labels).
fn interval_of(table: &[Interval], r: &Staged) -> Interval {
    match r.aux {
        AUX_POINT => Interval::point(r.value),
        AUX_LABEL => Interval::point(f64::NAN),
        i => table.get(i as usize).copied().unwrap_or(Interval::point(r.value)),
    }
}

/// Sorts a variable's rows so that repeats sit together: numbers before labels, then by value
/// (f64's total order as bits), source, as-of date and line, and within a run of one source's
/// equal figures of one date, phrases by their intervals (such runs are rare and short).
fn order_rows(vote: &Vote, rows: &mut [Staged]) {
    let table = &vote.intervals[..];
    // `total_cmp` is f64's total order as bits; most pairs differ in value, where the
    // comparison stops.
    rows.sort_unstable_by(|a, b| {
        (a.aux == AUX_LABEL)
            .cmp(&(b.aux == AUX_LABEL))
            .then_with(|| a.value.total_cmp(&b.value))
            .then_with(|| a.source.cmp(&b.source))
            .then_with(|| vote.day(a).cmp(&vote.day(b)))
            .then_with(|| line_key(a.line).cmp(&line_key(b.line)))
    });
    let mut k = 0;
    while k < rows.len() {
        let mut end = k + 1;
        while end < rows.len()
            && rows[end].value == rows[k].value
            && rows[end].source == rows[k].source
            && vote.day(&rows[end]) == vote.day(&rows[k])
            && (rows[end].aux == AUX_LABEL) == (rows[k].aux == AUX_LABEL)
        {
            end += 1;
        }
        if end - k > 1 && rows[k..end].iter().any(|r| r.aux != AUX_POINT && r.aux != AUX_LABEL) {
            // By interval, then by the value's text, so repeats of one figure are neighbours.
            rows[k..end].sort_by_cached_key(|r| {
                let i = interval_of(table, r);
                let id = line_key(r.line);
                (i.low.to_bits(), i.high.to_bits(), i.low_open, i.high_open, key_of(vote, r), id)
            });
        }
        k = end;
    }
}

/// Whether two rows (in `order_rows` order) are the same claim: same source, same as-of date,
/// and the same label, or the same number written the same way (the same interval, and the
/// same value's text, the key `Reconciler` counts a repeated figure by: "50" twice, not "50"
/// and "50-50"). A figure restated on another day is another claim, as in `Reconciler`, where
/// a running total's earlier figure is a statement of its own.
fn same_claim(vote: &Vote, p: &Staged, r: &Staged) -> bool {
    let table = &vote.intervals[..];
    let label = r.aux == AUX_LABEL;
    (p.aux == AUX_LABEL) == label
        && p.value == r.value
        && p.source == r.source
        && vote.day(p) == vote.day(r)
        && (label
            || (interval_of(table, p) == interval_of(table, r)
                && key_of(vote, p) == key_of(vote, r)))
}

/// A number's value as text (see [`crh::value_key`]): what the cell reads as to
/// [`Table::read`], a plain number or the amount a phrase is.
fn key_of(vote: &Vote, r: &Staged) -> String {
    match r.aux {
        AUX_LABEL => String::new(),
        AUX_POINT => number_key(r.value, None),
        i => {
            vote.amounts.get(i as usize).map(|&a| number_key(r.value, Some(a))).unwrap_or_default()
        }
    }
}

/// The text `Reconciler` keys a table's number by (see [`crh::value_key`]): the amount a
/// phrase reads as, or `value` as a plain number. Two figures of a variable are one figure
/// exactly when their keys are equal.
pub(crate) fn number_key(value: f64, phrase: Option<Amount>) -> String {
    number_value(value, phrase).map(|v| crh::value_key(&v)).unwrap_or_default()
}

/// The value of a number claim as [`Table::read`] reads its cell: the amount of its phrase,
/// or a plain number `value`; `None` for a number no claim holds (the reader keeps none).
pub(crate) fn number_value(value: f64, phrase: Option<Amount>) -> Option<Value> {
    let amount = phrase.or_else(|| {
        Number::new(value).ok().map(|x| Amount::new(Magnitude::Exact(x), Unit::Number))
    });
    amount.map(Value::Amount)
}

fn settle_var(
    naming: &Naming<'_>,
    var: Var<'_>,
    labels: &[String],
    vote: &Vote,
    rows: &mut [Staged],
    out: &mut Settled,
) {
    let table = &vote.intervals[..];
    order_rows(vote, rows);
    let held = vote.held[vote.attribute[var.index] as usize];
    let kind = if matches!(held, Kind::Number(_)) { BulkKind::Number } else { BulkKind::Label };
    let mut kept = std::mem::take(&mut out.kept);
    kept.clear();
    for r in rows.iter() {
        if let Some(rejected) = misfit(naming, var, labels, vote, r) {
            out.rejected.push(rejected);
            continue;
        }
        if let Some((last, _)) = kept.last()
            && same_claim(vote, last, r)
        {
            out.repeats += 1;
            continue;
        }
        kept.push((*r, interval_of(table, r)));
    }
    for (r, i) in &kept {
        if r.aux != AUX_POINT && r.aux != AUX_LABEL {
            out.chunk.intervals.push((out.chunk.len(), *i));
            out.chunk.amounts.push(vote.amounts.get(r.aux as usize).copied());
        }
        out.chunk.sources.push(r.source);
        out.chunk.values.push(r.value);
        out.chunk.lines.push(r.line);
        if vote.dated {
            out.chunk.days.push(vote.day(r));
        }
    }
    out.chunk.kinds.push(kind);
    out.chunk.units.push(held.unit());
    out.chunk.natures.push(vote.natures[vote.attribute[var.index] as usize]);
    out.kept = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each variable's chunk ([`Bulk::chunk_of_variable`]) is the one whose variables hold it,
    /// and each claim's place ([`Bulk::place`]) is in the chunk that holds it, on a table read
    /// as several chunks.
    #[test]
    fn a_variable_and_a_claim_are_found_in_their_chunks() {
        let csv = crate::reconcile::threads::large_table_csv();
        let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
        assert!(bulk.chunks.len() > 1, "{} chunks", bulk.chunks.len());
        for (ci, c) in bulk.chunks.iter().enumerate() {
            for v in c.first..c.first + c.kinds.len() {
                assert_eq!(bulk.chunk_of_variable(v), ci, "variable {v}");
            }
        }
        let firsts = bulk.first_claims();
        let mut claim = 0;
        for (ci, c) in bulk.chunks.iter().enumerate() {
            for j in 0..c.len() {
                assert_eq!(Bulk::place(&firsts, claim), (ci, j), "claim {claim}");
                claim += 1;
            }
        }
    }

    #[test]
    fn buckets_cover_every_variable_once_in_order() {
        let pieces: Vec<Vec<Staged>> = (0..4)
            .map(|p| {
                (0..30_000u32)
                    .map(|i| Staged { var: (i * 7 + p) % 1_000, line: i, ..Staged::default() })
                    .collect()
            })
            .collect();
        let partition = Partition::new(1_000, 3, pieces);
        let buckets: Vec<(usize, usize, Vec<u32>)> = partition
            .buckets()
            .map(|(first, len, rows)| (first, len, rows.iter().map(|r| r.var).collect()))
            .collect();
        assert!(buckets.len() > 1);
        let mut next = 0;
        for (first, len, vars) in &buckets {
            assert_eq!(*first, next);
            assert!(vars.iter().all(|&v| (*first..first + len).contains(&(v as usize))));
            next += len;
        }
        assert_eq!(next, 1_000);
        assert_eq!(buckets.iter().map(|b| b.2.len()).sum::<usize>(), 120_000);
    }
}
