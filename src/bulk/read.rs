//! Reading a table into bulk claims.
//!
//! Rows come in pieces parsed in parallel ([`pieces`], the path both table readers take).
//! Names (sources, variables, labels) go into interners sharded by
//! hash, each shard behind its own lock, so two threads rarely wait for each other. The ids
//! they hand out depend on which thread came first, so once everything is read every name is
//! renumbered in sorted order: the names depend neither on the number of threads nor on the
//! order of the rows.

use std::borrow::Cow;
use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

use hashbrown::HashTable;
use rayon::prelude::*;

use crate::Error;
use crate::claim::Rejected;
use crate::crh;
use crate::id::{ClaimId, SourceId};
use crate::parse::Parser;
use crate::reconcile::limit::MAX_CLAIMS;
use crate::tabular::cell::{self, Kind};
use crate::tabular::pieces::{self, Rows};
use crate::tabular::records::Rejection;
use crate::tabular::{Start, Table};
use crate::value::Amount;
use crate::value::{Label, Policy, Value};

use super::{Bulk, Interval};

/// Interner shards: the top bits of a name's hash pick its shard.
const SHARD_BITS: u32 = 6;
/// Ids within a shard take the low bits of a provisional id.
const LOCAL_BITS: u32 = 32 - SHARD_BITS;

pub(super) const AUX_POINT: u32 = u32::MAX;
pub(super) const AUX_LABEL: u32 = u32::MAX - 1;

/// The first byte of a label's key in the label table: a date's key, or any other value's, so
/// that a date and a label spelled alike are two values of two kinds.
pub(super) const LABEL_DATE: u8 = 1;
/// See [`LABEL_DATE`].
pub(super) const LABEL_OTHER: u8 = 2;
/// See [`LABEL_DATE`]: a category, which a label that reads as another value ("yes", "may")
/// in a column declared to hold labels is.
pub(super) const LABEL_CATEGORY: u8 = 3;

/// A label's key in the label table: its kind first, so a date and a label spelled alike never
/// meet, then its text ([`cell::shown`]).
pub(super) fn label_key(value: &Value) -> Vec<u8> {
    let kind = match value {
        Value::Category(_) => LABEL_CATEGORY,
        _ if Kind::of(value) == Kind::Date => LABEL_DATE,
        _ => LABEL_OTHER,
    };
    [&[kind][..], cell::shown(value).as_bytes()].concat()
}

/// A label as the label table first holds it: [`label_key`], but a category as it was
/// spelled ("Marianne Borgen"), so the store shows it so; spellings of one key are one label
/// when the table is merged (`merge`: the first spelling in sort order stands for them).
pub(super) fn label_spelling(value: &Value) -> Vec<u8> {
    match value {
        Value::Category(l) => [&[LABEL_CATEGORY][..], l.as_str().as_bytes()].concat(),
        other => label_key(other),
    }
}

/// A row with ids, before its variable is settled.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Staged {
    /// The number, or the label's id for a label.
    pub value: f64,
    /// The line, at most 2^30 ([`MAX_CLAIMS`]; rows on later lines are rejected).
    pub line: u32,
    pub var: u32,
    pub source: u32,
    /// `AUX_POINT`, `AUX_LABEL`, or an index into the interval table.
    pub aux: u32,
}

/// Names this long or shorter are compared inside the hash table's entry, without a trip to
/// the name store: one cache miss a lookup instead of two or three.
const INLINE: usize = 16;

/// A hash table entry: the name's first bytes (zero-padded), its length, and its id; 24
/// bytes, so that the table of a large table's variables stays small.
#[derive(Debug, Clone, Copy)]
struct Entry {
    head: [u64; 2],
    len: u32,
    id: u32,
}

/// A name's first `INLINE` bytes, zero-padded, as two words: two names of the same length
/// whose heads are equal have the same first bytes.
#[inline]
fn head_of(key: &[u8]) -> [u64; 2] {
    let mut head = [[0; 8]; 2];
    let (first, second) = key[..key.len().min(INLINE)].split_at(key.len().min(8));
    head[0][..first.len()].copy_from_slice(first);
    head[1][..second.len()].copy_from_slice(second);
    [u64::from_ne_bytes(head[0]), u64::from_ne_bytes(head[1])]
}

impl Entry {
    fn new(key: &[u8], id: u32) -> Self {
        Entry { head: head_of(key), len: key.len() as u32, id }
    }

    /// Whether this entry is `key`, whose head is `head` (see [`head_of`]): one comparison of
    /// words for a name of at most `INLINE` bytes, the name store only for longer ones.
    #[inline]
    fn matches(&self, key: &[u8], head: [u64; 2], bytes: &[u8], ends: &[usize]) -> bool {
        self.len as usize == key.len()
            && self.head == head
            && (key.len() <= INLINE || name_of(bytes, ends, self.id) == key)
    }
}

/// One shard of an interner: names stored end to end, a table of their ids.
#[derive(Debug, Default)]
struct Shard {
    table: HashTable<Entry>,
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

/// Name `i` of names stored end to end in `bytes`, name `j` ending at `ends[j]`.
pub(crate) fn name_of<'a>(bytes: &'a [u8], ends: &[usize], i: u32) -> &'a [u8] {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &bytes[start..ends[i]]
}

/// The check of a name already in its canonical spelling: none.
#[allow(clippy::unnecessary_wraps)] // the shape `Interner::id` asks of every check
fn canonical_already<E>() -> Result<Option<Vec<u8>>, E> {
    Ok(None)
}

/// A shard and its lock on cache lines of their own: two threads locking neighbouring shards
/// would otherwise pass one line back and forth.
#[derive(Debug, Default)]
#[repr(align(128))]
struct Padded(Mutex<Shard>);

/// A concurrent interner. Provisional ids are `shard << LOCAL_BITS | index in shard`.
///
/// Each shard is in two parts: the names frozen between two buffers, looked up without a
/// lock (most rows of a table name what earlier rows named), and the names stored since,
/// behind the shard's lock, numbered after the frozen ones. [`Interner::freeze`] moves the
/// second part into the first while no piece is being read.
#[derive(Debug)]
struct Interner {
    frozen: Vec<Shard>,
    live: Vec<Padded>,
    state: foldhash::fast::RandomState,
}

impl Interner {
    fn new() -> Self {
        Interner {
            frozen: (0..1 << SHARD_BITS).map(|_| Shard::default()).collect(),
            live: (0..1 << SHARD_BITS).map(|_| Padded::default()).collect(),
            state: foldhash::fast::RandomState::default(),
        }
    }

    /// The provisional id of `key`. `check` runs before a name is first stored: its error is
    /// returned instead, and a name it gives back is the canonical spelling to store and look
    /// up in place of `key` (white space collapsed).
    fn id<E>(
        &self,
        key: &[u8],
        check: impl FnOnce() -> Result<Option<Vec<u8>>, E>,
    ) -> Result<u32, Refused<E>> {
        use std::hash::BuildHasher;
        let hash = self.state.hash_one(key);
        let head = head_of(key);
        let s = (hash >> (64 - SHARD_BITS)) as usize;
        let frozen = &self.frozen[s];
        if let Some(e) =
            frozen.table.find(hash, |e| e.matches(key, head, &frozen.bytes, &frozen.ends))
        {
            return Ok(((s as u32) << LOCAL_BITS) | e.id);
        }
        let base = frozen.ends.len();
        let mut guard = self.live[s].0.lock().unwrap_or_else(PoisonError::into_inner);
        let Shard { table, bytes, ends } = &mut *guard;
        if let Some(e) = table.find(hash, |e| e.matches(key, head, bytes, ends)) {
            return Ok(((s as u32) << LOCAL_BITS) | (base as u32 + e.id));
        }
        if let Some(canonical) = check().map_err(Refused::Invalid)? {
            drop(guard);
            return self.id(&canonical, canonical_already);
        }
        if base + ends.len() >= 1 << LOCAL_BITS {
            return Err(Refused::Full);
        }
        bytes.extend_from_slice(key);
        ends.push(bytes.len());
        let id = (ends.len() - 1) as u32;
        let state = &self.state;
        table.insert_unique(hash, Entry::new(key, id), |e| {
            state.hash_one(name_of(bytes, ends, e.id))
        });
        Ok(((s as u32) << LOCAL_BITS) | (base as u32 + id))
    }

    /// Moves the names stored since the last freeze to the frozen part of their shards,
    /// keeping their ids.
    fn freeze(&mut self) {
        use std::hash::BuildHasher;
        let state = &self.state;
        for (frozen, live) in self.frozen.iter_mut().zip(&mut self.live) {
            let live = live.0.get_mut().unwrap_or_else(PoisonError::into_inner);
            if live.ends.is_empty() {
                continue;
            }
            let Shard { table, bytes, ends } = frozen;
            for i in 0..live.ends.len() as u32 {
                let name = name_of(&live.bytes, &live.ends, i);
                bytes.extend_from_slice(name);
                ends.push(bytes.len());
                let id = (ends.len() - 1) as u32;
                table.insert_unique(state.hash_one(name), Entry::new(name, id), |e| {
                    state.hash_one(name_of(bytes, ends, e.id))
                });
            }
            *live = Shard::default();
        }
    }

    /// Every name in the order of `key`, and for each shard, the final id of each of its
    /// names.
    fn sorted(
        mut self,
        order: impl Fn(&[u8], &[u8]) -> std::cmp::Ordering + Sync,
    ) -> (Vec<Vec<u8>>, Vec<Vec<u32>>) {
        self.freeze();
        let shards = self.frozen;
        let mut all: Vec<(u32, u32)> = shards
            .iter()
            .enumerate()
            .flat_map(|(s, sh)| (0..sh.ends.len() as u32).map(move |i| (s as u32, i)))
            .collect();
        let name =
            |&(s, i): &(u32, u32)| name_of(&shards[s as usize].bytes, &shards[s as usize].ends, i);
        all.par_sort_unstable_by(|a, b| order(name(a), name(b)));
        let mut rank: Vec<Vec<u32>> = shards.iter().map(|sh| vec![0; sh.ends.len()]).collect();
        for (r, &(s, i)) in all.iter().enumerate() {
            rank[s as usize][i as usize] = r as u32;
        }
        let names = all.iter().map(|k| name(k).to_vec()).collect();
        (names, rank)
    }
}

/// Why an interner gave a name no id.
enum Refused<E> {
    /// The name's check failed with this error.
    Invalid(E),
    /// The interner holds as many names as its ids can number.
    Full,
}

/// `bytes` with every invalid UTF-8 sequence replaced by U+FFFD.
fn lossy_bytes(bytes: &[u8]) -> Cow<'_, [u8]> {
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

/// A variable's key split into its object and attribute (see `try_row`).
fn var_parts(key: &[u8]) -> (&[u8], &[u8]) {
    match memchr::memchr(0xFF, key) {
        Some(i) => (&key[..i], &key[i + 1..]),
        None => (key, &[]),
    }
}

/// Makes names with one key one name: the first spelling in `order` stands for the others.
/// `names` are in `order` and `rank` maps provisional ids to their places there; returns the
/// names that stand, in the `order` of their keys, with `rank` mapping to their places.
fn one_per_key(
    names: Vec<Vec<u8>>,
    mut rank: Vec<Vec<u32>>,
    key: impl Fn(&[u8]) -> Vec<u8> + Sync,
    order: impl Fn(&[u8], &[u8]) -> std::cmp::Ordering + Sync,
) -> (Vec<Vec<u8>>, Vec<Vec<u32>>) {
    // Names in ASCII without capitals, most tables' names, are their own keys (names are
    // stored with white space collapsed, a variable's two parts apart by 0xFF, a byte no text
    // holds): nothing to fold, no key to make.
    let plain = |b: &u8| *b == 0xFF || (b.is_ascii() && !b.is_ascii_uppercase());
    if names.par_iter().all(|n| n.iter().all(plain)) {
        return (names, rank);
    }
    let keys: Vec<Vec<u8>> = names.par_iter().map(|n| key(n)).collect();
    if keys.iter().zip(&names).all(|(k, n)| k == n) {
        return (names, rank); // every name is its own key, and in key order
    }
    // By key, then by spelling: the first of each run of one key stands for the run.
    let mut by_key: Vec<u32> = (0..names.len() as u32).collect();
    by_key.par_sort_unstable_by(|&a, &b| {
        order(&keys[a as usize], &keys[b as usize]).then_with(|| a.cmp(&b))
    });
    let mut place = vec![0u32; names.len()];
    let mut kept: Vec<Vec<u8>> = Vec::new();
    let mut names: Vec<Option<Vec<u8>>> = names.into_iter().map(Some).collect();
    for (i, &n) in by_key.iter().enumerate() {
        if i == 0 || keys[by_key[i - 1] as usize] != keys[n as usize] {
            kept.push(names[n as usize].take().unwrap_or_default());
        }
        place[n as usize] = (kept.len() - 1) as u32;
    }
    rank.par_iter_mut().for_each(|shard| {
        for r in shard {
            *r = place[*r as usize];
        }
    });
    (kept, rank)
}

/// Maps a provisional id to its final one.
fn remap(rank: &[Vec<u32>], id: u32) -> u32 {
    rank[(id >> LOCAL_BITS) as usize][(id & ((1 << LOCAL_BITS) - 1)) as usize]
}

/// The names of a whole read.
#[derive(Debug)]
struct Names {
    sources: Interner,
    vars: Interner,
    labels: Interner,
}

impl Names {
    /// See [`Interner::freeze`].
    fn freeze(&mut self) {
        self.sources.freeze();
        self.vars.freeze();
        self.labels.freeze();
    }
}

/// A piece's rows and what went wrong in it.
#[derive(Debug, Default)]
struct Piece {
    rows: Vec<Staged>,
    intervals: Vec<Interval>,
    /// The unit of each amount in `intervals`.
    /// Per phrase in `intervals`: the amount it is.
    amounts: Vec<Amount>,
    rejected: Vec<Rejected>,
    /// The as-of date of each dated row, as (line, day number): kept beside the rows, not in
    /// them, so that a table without dates pays nothing for them.
    days: Vec<(u32, u32)>,
    /// The last source seen and its id: tables are often sorted by source.
    last_source: Option<(Vec<u8>, u32)>,
    /// The last attribute seen and its declared kind, when kinds are declared.
    last_declared: Option<(Vec<u8>, Option<Kind>)>,
}

/// What a reader needs that does not change from row to row.
struct Setup<'a> {
    table: &'a Table,
    name: &'a str,
    /// The start of the rows' claim ids (see [`ClaimId::row_prefix`]).
    prefix: Arc<String>,
    parser: &'a Parser,
    policy: Policy,
    names: Names,
}

// Rejections are boxed: every row's `Result` carries one, and a 128-byte error would make
// each of them large.
#[allow(clippy::unnecessary_box_returns)]
impl Setup<'_> {
    /// The rejection of the row at `line` for `error`.
    fn rejected(&self, line: u64, error: Error) -> Box<Rejected> {
        Box::new(Rejected {
            id: Some(ClaimId::row_text(&self.prefix, line)),
            line: Some(line as usize),
            claim: None,
            error,
        })
    }

    /// The rejection of the row at `line` for a problem in words with `field`.
    fn err(&self, line: u64, field: &str, problem: String) -> Box<Rejected> {
        self.rejected(line, Error::line(self.name, line as usize, field, problem))
    }

    /// The rejection of the row at `line` for the error of `field`'s value, kept whole.
    #[cold]
    fn wrapped(&self, line: u64, field: &str, error: Error) -> Box<Rejected> {
        self.rejected(line, error.in_line(self.name, line as usize, field))
    }

    /// The rejection of the row at `line` for a name of `field` the interner refused.
    #[cold]
    fn refused(&self, line: u64, field: &str, r: Refused<Box<Rejected>>) -> Box<Rejected> {
        match r {
            Refused::Invalid(rejected) => rejected,
            Refused::Full => {
                let most = (1usize << LOCAL_BITS) << SHARD_BITS;
                self.err(line, field, format!("more than {most} distinct names"))
            }
        }
    }

    /// Why a cell (as in the row, untrimmed) cannot be used (the cold path of `try_row`).
    #[cold]
    fn bad_cell(&self, line: u64, field: &str, i: usize, fields: &[&[u8]]) -> Box<Rejected> {
        let Some(cell) = fields.get(i) else {
            return self.err(line, field, self.table.missing_column(field, i, fields.len()));
        };
        // Empty or white space only: in the words of the rule `Table::read` holds the cell to.
        let text = String::from_utf8_lossy(cell);
        let error = match field {
            "source" => SourceId::new(&text).err(),
            // Empty: an error whatever the attribute's kind.
            "value" => cell::read(&text, self.parser, None).err(),
            _ => Label::new(&text).err(),
        };
        match error {
            Some(e) => self.wrapped(line, field, e),
            None => self.err(line, field, "the cell is empty".to_owned()),
        }
    }

    /// A rejected row's first problem in the order and words `Table::read` gives it (one
    /// definition of a row's error): the fast path checks the value before the names. A
    /// problem only this reader has (a line beyond 2^32, too many names) stays as it is, as
    /// does one `Table::read` finds only in what this reader does not read (the claim's id).
    #[cold]
    fn first_problem(&self, line: u64, fields: &[&[u8]], rejected: Rejected) -> Rejected {
        let (earlier, mut new) = Default::default();
        let mut names = crate::tabular::RowNames { earlier: &earlier, new: &mut new };
        match self.table.claim_of(self.name, line as usize, fields, self.parser, &mut names) {
            Err(error @ Error::Corpus { .. }) if !matches!(&error, Error::Corpus { field, .. } if field == "as_of" || field == "row") => {
                Rejected { error, ..rejected }
            }
            _ => rejected,
        }
    }

    fn try_row(
        &self,
        piece: &mut Piece,
        line: u64,
        fields: &[&[u8]],
        scratch: &mut Vec<u8>,
    ) -> Result<(), Box<Rejected>> {
        let t = self.table;
        let get = |field: &str, i: usize| -> Result<&[u8], Box<Rejected>> {
            let cell = fields.get(i).copied();
            match cell.map(<[u8]>::trim_ascii) {
                Some(c) if !c.is_empty() => Ok(c),
                _ => Err(self.bad_cell(line, field, i, fields)),
            }
        };
        // A name's cell as written, for messages that quote it as `Table::read` does.
        let raw = |i: usize| fields.get(i).copied().unwrap_or_default();
        // Names are checked when first stored, not on every row: UTF-8, then the library's
        // own rule for names (as `Table::read` checks them through `SourceId` and `Label`),
        // whose spelling (white space collapsed) is the one stored.
        let checked = |field: &str, what: &str, max_chars: usize, cell: &[u8]| {
            let text = match std::str::from_utf8(cell) {
                Ok(text) => Cow::Borrowed(text),
                Err(e) if !t.lossy => {
                    let problem = cell::not_utf8(&e);
                    return Err(self.err(line, field, problem));
                }
                Err(_) => String::from_utf8_lossy(cell),
            };
            crate::id::normalized_name(what, &text, max_chars)
                .map_err(|e| self.wrapped(line, field, e))
        };
        let source = get("source", t.source)?;
        let object = get("object", t.object)?;
        let attribute = match t.attribute {
            Some(i) => get("attribute", i)?,
            None => b"value".as_slice(),
        };
        let value = get("value", t.value)?;
        // A declared kind, by the attribute's key (as `Table::kind` keeps it and `Table::read`
        // looks it up); looked up once per run of rows about one attribute.
        let declared = if t.kinds.is_empty() {
            None
        } else {
            match &piece.last_declared {
                Some((bytes, kind)) if bytes.as_slice() == attribute => *kind,
                _ => {
                    let key = crate::tabular::attribute_key(&String::from_utf8_lossy(attribute));
                    let kind = t.declared(&key);
                    piece.last_declared = Some((attribute.to_vec(), kind));
                    kind
                }
            }
        };
        let (value, aux) = match t.unit {
            None => self.cell(piece, line, value, declared)?,
            Some(i) => {
                let Some(unit) = fields.get(i) else {
                    return Err(self.bad_cell(line, "unit", i, fields));
                };
                self.cell(piece, line, &cell::with_unit(value, Some(unit)), declared)?
            }
        };
        let day = self.day(line, fields)?;
        // The key is object, 0xFF, attribute: 0xFF never occurs in UTF-8, so in a stored key
        // it occurs once and splits the two (keys with more are rejected before storing; in
        // lossy mode the names are made UTF-8 first).
        let (object, attribute) = if t.lossy {
            (lossy_bytes(object), lossy_bytes(attribute))
        } else {
            (Cow::Borrowed(object), Cow::Borrowed(attribute))
        };
        // The scoring state numbers its observations in 32 bits (see `MAX_CLAIMS`): a table
        // has fewer claims than lines, so no index it makes reaches 2^31.
        let Some(line32) = u32::try_from(line).ok().filter(|&l| l as usize <= MAX_CLAIMS) else {
            let problem = format!("lines after {MAX_CLAIMS} are beyond this reader");
            return Err(self.err(line, "row", problem));
        };
        // The source before the variable: a row rejected after its variable was stored would
        // leave a variable with no claims.
        let source = match &piece.last_source {
            Some((bytes, id)) if bytes.as_slice() == source => *id,
            _ => {
                let name = if t.lossy { lossy_bytes(source) } else { Cow::Borrowed(source) };
                let id = self
                    .names
                    .sources
                    .id(&name, || {
                        let canonical =
                            checked("source", "source id", SourceId::MAX_CHARS, raw(t.source))?;
                        Ok((canonical.as_bytes() != name.as_ref()).then(|| canonical.into_bytes()))
                    })
                    .map_err(|r| self.refused(line, "source", r))?;
                piece.last_source = Some((source.to_vec(), id));
                id
            }
        };
        scratch.clear();
        scratch.extend_from_slice(object.as_ref());
        scratch.push(0xFF);
        scratch.extend_from_slice(attribute.as_ref());
        let var = self
            .names
            .vars
            .id(scratch, || {
                let o = checked("object", "label", Label::MAX_CHARS, raw(t.object))?;
                let a = match t.attribute {
                    Some(i) => checked("attribute", "label", Label::MAX_CHARS, raw(i))?,
                    None => "value".to_owned(),
                };
                let same = o.as_bytes() == object.as_ref() && a.as_bytes() == attribute.as_ref();
                Ok((!same).then(|| [o.as_bytes(), &[0xFF], a.as_bytes()].concat()))
            })
            .map_err(|r| self.refused(line, "object", r))?;
        let line = line32;
        piece.rows.push(Staged { value, line, var, source, aux });
        if day != 0 {
            piece.days.push((line, day));
        }
        Ok(())
    }

    /// The row's as-of date as a day number ([`super::day_number`], 0 for none), read as
    /// `Table::read` reads it, so both keep the same rows and date them alike.
    fn day(&self, line: u64, fields: &[&[u8]]) -> Result<u32, Box<Rejected>> {
        if self.table.as_of.is_none() {
            return Ok(0);
        }
        let date = self
            .table
            .as_of_date(self.name, line as usize, fields)
            .map_err(|e| self.rejected(line, e))?;
        match date {
            None => Ok(0),
            Some(date) => super::day_number(date).ok_or_else(|| {
                self.err(line, "as_of", format!("{date} is outside the years this reader dates"))
            }),
        }
    }

    /// A value cell, read as `Table::read` reads it (see [`cell`]): a plain number, an amount
    /// (its interval and representative point in base units, its unit kept for the vote of its
    /// attribute), or a label: any other value by its key (a category as spelt:
    /// `label_spelling`), a date's marked as a date.
    fn cell(
        &self,
        piece: &mut Piece,
        line: u64,
        bytes: &[u8],
        declared: Option<Kind>,
    ) -> Result<(f64, u32), Box<Rejected>> {
        if declared != Some(Kind::Label)
            && let Some(x) = cell::plain_number(bytes)
        {
            return Ok((x, AUX_POINT));
        }
        if !self.table.lossy
            && let Err(e) = std::str::from_utf8(bytes)
        {
            let problem = cell::not_utf8(&e);
            return Err(self.err(line, "value", problem));
        }
        let text = String::from_utf8_lossy(bytes);
        let value = cell::read(&text, self.parser, declared)
            .map_err(|e| self.wrapped(line, "value", e))?
            .into_value();
        match value {
            Value::Amount(a) => {
                let interval = a.magnitude.interval(&self.policy);
                let rep = crh::representative(&a.magnitude, &self.policy);
                let low = interval.low().value;
                let low_open = interval.low().open;
                let high = interval.high().map_or(f64::INFINITY, |h| h.value);
                let high_open = interval.high().is_some_and(|h| h.open);
                let at = piece.intervals.len() as u32;
                if at >= AUX_LABEL {
                    let problem = "too many phrases in one piece".to_owned();
                    return Err(self.err(line, "value", problem));
                }
                piece.intervals.push(Interval { low, high, low_open, high_open });
                piece.amounts.push(a);
                Ok((rep, at))
            }
            other => {
                let key = label_spelling(&other);
                let id = self
                    .names
                    .labels
                    .id(&key, || Ok(None))
                    .map_err(|r| self.refused(line, "value", r))?;
                Ok((f64::from(id), AUX_LABEL))
            }
        }
    }

    /// A row the record reader rejected (or one the parallel path rejects by its rules).
    fn rejection(&self, r: Rejection) -> Rejected {
        *self.rejected(r.line, crate::tabular::rejection(self.name, r))
    }
}

impl Rows for Setup<'_> {
    type Piece = Piece;

    fn piece(&self, bytes: usize) -> Piece {
        let mut piece = Piece::default();
        piece.rows.reserve(bytes / 16);
        piece
    }

    fn row(&self, piece: &mut Piece, line: u64, cells: &[&[u8]], scratch: &mut Vec<u8>) {
        if let Err(rejected) = self.try_row(piece, line, cells, scratch) {
            piece.rejected.push(self.first_problem(line, cells, *rejected));
        }
    }

    fn rejected(&self, piece: &mut Piece, rejection: Rejection) {
        piece.rejected.push(self.rejection(rejection));
    }

    /// Names are frozen between buffers (see [`Interner::freeze`]).
    fn buffer_done(&mut self, _: &mut [Piece]) {
        self.names.freeze();
    }
}

/// Reads `reader` into bulk claims; see [`Table::read_bulk`]. Rows come from the pieces both
/// table readers read ([`pieces`]); a failure of the reader fails the whole read.
pub(super) fn read<R: Read>(
    table: &Table,
    name: &str,
    reader: R,
    parser: &Parser,
) -> Result<Bulk, Error> {
    let Start { table, rest, line, header_read, rejected } = table.start(name, reader)?;
    let table = &table;
    let names = Names { sources: Interner::new(), vars: Interner::new(), labels: Interner::new() };
    // The store's intervals and points (which order a variable's rows and mark repeats) by the
    // default policy, whatever the parser's: a table is scored by the reconciler's policy,
    // and the same table read by two parsers is the same store.
    let prefix = ClaimId::row_prefix(name);
    let mut setup = Setup { table, name, prefix, parser, policy: Policy::default(), names };
    let from = pieces::Stream { rest, line, header_read, rejected };
    match pieces::read(table, name, from, &mut setup) {
        (_, Some(failed)) => Err(failed),
        (pieces, None) => {
            let mut bulk = merge(setup, pieces);
            for r in &mut bulk.rejected {
                table.name_column(&mut r.error);
            }
            Ok(bulk)
        }
    }
}

/// The label table's names and ranks (`sorted`) with the spellings of one category merged:
/// "Smith" and "smith" are one label ([`label_spelling`]), the first in byte order.
fn one_label_per_key(sorted: (Vec<Vec<u8>>, Vec<Vec<u32>>)) -> (Vec<Vec<u8>>, Vec<Vec<u32>>) {
    let (names, rank) = sorted;
    let key = |n: &[u8]| match n.split_first() {
        Some((&LABEL_CATEGORY, text)) => {
            let text = String::from_utf8_lossy(text).to_lowercase();
            [&[LABEL_CATEGORY][..], text.as_bytes()].concat()
        }
        _ => n.to_vec(),
    };
    one_per_key(names, rank, key, <[u8]>::cmp)
}

/// Gives every name its final id and groups the rows by variable.
fn merge(setup: Setup<'_>, mut pieces: Vec<Piece>) -> Bulk {
    let Names { sources, vars, labels } = setup.names;
    let ((source_names, source_rank), ((var_names, var_rank), (label_names, label_rank))) =
        rayon::join(
            || {
                // "Police" and "police" are one source, as they are one voice to `Reconciler`.
                let (names, rank) = sources.sorted(<[u8]>::cmp);
                let key = |n: &[u8]| crate::id::source_key(&String::from_utf8_lossy(n)).into();
                one_per_key(names, rank, key, <[u8]>::cmp)
            },
            || {
                rayon::join(
                    || {
                        // An object and an attribute as a claim's subject compares them: by
                        // their labels' keys ("Aktau" and "aktau" are one object).
                        let (names, rank) = vars.sorted(|a, b| var_parts(a).cmp(&var_parts(b)));
                        let key = |n: &[u8]| {
                            let (object, attribute) = var_parts(n);
                            let key = |b: &[u8]| {
                                crate::tabular::attribute_key(&String::from_utf8_lossy(b))
                            };
                            [key(object).as_bytes(), &[0xFF], key(attribute).as_bytes()].concat()
                        };
                        one_per_key(names, rank, key, |a, b| var_parts(a).cmp(&var_parts(b)))
                    },
                    || one_label_per_key(labels.sorted(<[u8]>::cmp)),
                )
            },
        );
    // Each piece's intervals move to one table.
    let mut bases = Vec::with_capacity(pieces.len());
    let mut n_intervals = 0u32;
    for p in &pieces {
        bases.push(n_intervals);
        n_intervals = n_intervals.saturating_add(p.intervals.len() as u32);
    }
    pieces.par_iter_mut().zip(bases.par_iter()).for_each(|(p, &base)| {
        for r in &mut p.rows {
            r.var = remap(&var_rank, r.var);
            r.source = remap(&source_rank, r.source);
            match r.aux {
                AUX_POINT => {}
                AUX_LABEL => r.value = f64::from(remap(&label_rank, r.value as u32)),
                i => r.aux = base.saturating_add(i),
            }
        }
    });
    // Each dated row's day by its line (0 for none); empty for a table without dates.
    let lines = pieces.iter().flat_map(|p| p.days.iter().map(|&(line, _)| line as usize + 1));
    let mut days = vec![0u32; lines.max().unwrap_or(0)];
    for p in &mut pieces {
        for (line, day) in std::mem::take(&mut p.days) {
            days[line as usize] = day;
        }
    }
    let mut rejected: Vec<Rejected> = Vec::new();
    let mut intervals: Vec<Interval> = Vec::with_capacity(n_intervals as usize);
    let mut amounts: Vec<Amount> = Vec::with_capacity(n_intervals as usize);
    for p in &mut pieces {
        rejected.append(&mut p.rejected);
        intervals.append(&mut p.intervals);
        amounts.append(&mut p.amounts);
    }
    // Labels: their kind from the key's first byte, their text after it.
    let (label_kinds, label_names): (Vec<(Kind, bool)>, Vec<Vec<u8>>) = label_names
        .into_iter()
        .map(|mut key| {
            let kind = if key.first() == Some(&LABEL_DATE) { Kind::Date } else { Kind::Label };
            let category = key.first() == Some(&LABEL_CATEGORY);
            key.remove(0);
            ((kind, category), key)
        })
        .unzip();
    let (label_kinds, categories): (Vec<Kind>, Vec<bool>) = label_kinds.into_iter().unzip();
    let vars: Vec<(String, String)> = var_names
        .iter()
        .map(|k| {
            let (object, attribute) = var_parts(k);
            (
                String::from_utf8_lossy(object).into_owned(),
                String::from_utf8_lossy(attribute).into_owned(),
            )
        })
        .collect();
    let rows: Vec<Vec<Staged>> = pieces.into_iter().map(|p| p.rows).collect();
    let grouped = super::Partition::new(var_names.len(), source_names.len(), rows);
    let phrases = (intervals, amounts);
    let vote = super::Vote::new(setup.table, &vars, label_kinds, phrases, days, &grouped);
    let text = |names: Vec<Vec<u8>>| -> Vec<String> {
        names.into_iter().map(|n| String::from_utf8_lossy(&n).into_owned()).collect()
    };
    let labels = text(label_names);
    let label_values: Vec<Value> =
        labels.iter().zip(categories).map(|(l, c)| label_value(l, c, setup.parser)).collect();
    // A rejected row's message names a label by its key, as `Table::read`'s names its cell's
    // value (`cell::shown`), not by the spelling the table shows.
    let keys: Vec<String> = label_values.iter().map(cell::shown).collect();
    super::settle(
        setup.name,
        setup.parser,
        text(source_names),
        vars,
        &keys,
        label_values,
        &vote,
        grouped,
        rejected,
    )
}

/// The value a label's text is, as [`Table::read`] reads its cell: the text is what the
/// reader made of a cell that was no amount (a category as spelt, [`label_spelling`]; a date
/// or a yes/no as written by [`cell::shown`]), and reads back as that value; a category's, as a category (declared
/// labels may read as other values: "yes", "may").
fn label_value(text: &str, category: bool, parser: &Parser) -> Value {
    let declared = category.then_some(Kind::Label);
    match cell::read(text, parser, declared) {
        Ok(c) => c.into_value(),
        // A category's spelling is a label's text; read as one, it cannot fail.
        Err(_) => Label::new(text).map_or(Value::Undisclosed, Value::Category),
    }
}
