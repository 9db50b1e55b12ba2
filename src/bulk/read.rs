//! Reading a table into bulk claims.
//!
//! The stream is read in buffers cut at line ends; each buffer is cut into a fixed number of
//! pieces parsed in parallel. Names (sources, variables, labels) go into interners sharded by
//! hash, each shard behind its own lock, so two threads rarely wait for each other. The ids
//! they hand out depend on which thread came first, so once everything is read every name is
//! renumbered in sorted order: the result depends neither on the number of threads nor on the
//! order of the rows.

use std::borrow::Cow;
use std::io::Read;
use std::sync::{Mutex, PoisonError};

use hashbrown::HashTable;
use rayon::prelude::*;

use crate::crh;
use crate::id::SourceId;
use crate::parse::Parser;
use crate::reconcile::Rejected;
use crate::tabular::Table;
use crate::tabular::records::{Next, Records};
use crate::unit::Unit;
use crate::value::{Label, Policy, Value};
use crate::{Error, MAX_LINE_BYTES};

use super::{Bulk, Interval};

/// Bytes read from the stream at a time (a partial last line is carried over).
const BUFFER: usize = 16 << 20;
/// Pieces a buffer is cut into for parallel parsing.
const PIECES: usize = 16;
/// A name longer than this is an error, not a name.
const MAX_NAME_BYTES: usize = 1_000;
/// Interner shards: the top bits of a name's hash pick its shard.
const SHARD_BITS: u32 = 6;
/// Ids within a shard take the low bits of a provisional id.
const LOCAL_BITS: u32 = 32 - SHARD_BITS;

pub(super) const AUX_POINT: u32 = u32::MAX;
pub(super) const AUX_LABEL: u32 = u32::MAX - 1;

/// A row with ids, before its variable is settled.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Staged {
    /// The number, or the label's id for a label.
    pub value: f64,
    /// The line, if it is below 2^32 (rows on later lines are rejected).
    pub line: u32,
    pub var: u32,
    pub source: u32,
    /// `AUX_POINT`, `AUX_LABEL`, or an index into the interval table.
    pub aux: u32,
}

/// Names this long or shorter are compared inside the hash table's entry, without a trip to
/// the name store: one cache miss a lookup instead of two or three.
const INLINE: usize = 16;

/// A hash table entry: the name's first bytes, its length, and its id.
#[derive(Debug, Clone, Copy)]
struct Entry {
    head: [u8; INLINE],
    len: u32,
    id: u32,
}

impl Entry {
    fn new(key: &[u8], id: u32) -> Self {
        let mut head = [0; INLINE];
        let n = key.len().min(INLINE);
        head[..n].copy_from_slice(&key[..n]);
        Entry { head, len: key.len() as u32, id }
    }

    fn matches(&self, key: &[u8], bytes: &[u8], ends: &[usize]) -> bool {
        if self.len as usize != key.len() {
            return false;
        }
        if key.len() <= INLINE {
            return self.head[..key.len()] == *key;
        }
        self.head == key[..INLINE] && name_of(bytes, ends, self.id) == key
    }
}

/// One shard of an interner: names stored end to end, a table of their ids.
#[derive(Debug, Default)]
struct Shard {
    table: HashTable<Entry>,
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

fn name_of<'a>(bytes: &'a [u8], ends: &[usize], i: u32) -> &'a [u8] {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &bytes[start..ends[i]]
}

/// A concurrent interner. Provisional ids are `shard << LOCAL_BITS | index in shard`.
#[derive(Debug)]
struct Interner {
    shards: Vec<Mutex<Shard>>,
    state: foldhash::fast::RandomState,
}

impl Interner {
    fn new() -> Self {
        Interner {
            shards: (0..1 << SHARD_BITS).map(|_| Mutex::new(Shard::default())).collect(),
            state: foldhash::fast::RandomState::default(),
        }
    }

    /// The provisional id of `key`; `check` runs before a name is first stored, and its
    /// error (a problem in words) is returned instead.
    fn id(&self, key: &[u8], check: impl FnOnce() -> Result<(), String>) -> Result<u32, String> {
        use std::hash::BuildHasher;
        let hash = self.state.hash_one(key);
        let s = (hash >> (64 - SHARD_BITS)) as usize;
        let mut guard = self.shards[s].lock().unwrap_or_else(PoisonError::into_inner);
        let Shard { table, bytes, ends } = &mut *guard;
        if let Some(e) = table.find(hash, |e| e.matches(key, bytes, ends)) {
            return Ok(((s as u32) << LOCAL_BITS) | e.id);
        }
        check()?;
        if ends.len() >= 1 << LOCAL_BITS {
            return Err(format!(
                "more than {} distinct names",
                (1usize << LOCAL_BITS) << SHARD_BITS
            ));
        }
        bytes.extend_from_slice(key);
        ends.push(bytes.len());
        let id = (ends.len() - 1) as u32;
        let state = &self.state;
        table.insert_unique(hash, Entry::new(key, id), |e| {
            state.hash_one(name_of(bytes, ends, e.id))
        });
        Ok(((s as u32) << LOCAL_BITS) | id)
    }

    /// Every name in the order of `key`, and for each shard, the final id of each of its
    /// names.
    fn sorted(
        self,
        order: impl Fn(&[u8], &[u8]) -> std::cmp::Ordering + Sync,
    ) -> (Vec<Vec<u8>>, Vec<Vec<u32>>) {
        let shards: Vec<Shard> = self
            .shards
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner))
            .collect();
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

/// A piece's rows and what went wrong in it.
#[derive(Debug, Default)]
struct Piece {
    rows: Vec<Staged>,
    intervals: Vec<Interval>,
    rejected: Vec<Rejected>,
    /// The last source seen and its id: tables are often sorted by source.
    last_source: Option<(Vec<u8>, u32)>,
}

/// What a reader needs that does not change from row to row.
struct Setup<'a> {
    table: &'a Table,
    name: &'a str,
    parser: &'a Parser,
    policy: Policy,
    width: usize,
    names: Names,
}

impl Setup<'_> {
    fn err(&self, line: u64, field: &str, problem: String) -> Box<Rejected> {
        Box::new(Rejected {
            id: Some(format!("{}:{line}", self.name)),
            line: Some(line as usize),
            claim: None,
            error: Error::Corpus {
                file: self.name.to_owned(),
                line: line as usize,
                field: field.to_owned(),
                problem,
            },
        })
    }

    /// Why a cell cannot be used (the cold path of `try_row`).
    #[cold]
    fn bad_cell(&self, line: u64, field: &str, i: usize, cell: Option<&[u8]>) -> Box<Rejected> {
        let problem = match cell {
            None => format!("the row has no column {i}"),
            Some([]) => "the cell is empty".to_owned(),
            Some(c) => format!("{} bytes is longer than {MAX_NAME_BYTES}", c.len()),
        };
        self.err(line, field, problem)
    }

    /// Parses one row's fields into `piece`, or records why it cannot be used.
    fn row(&self, piece: &mut Piece, line: u64, fields: &[&[u8]], scratch: &mut Vec<u8>) {
        if let Err(rejected) = self.try_row(piece, line, fields, scratch) {
            piece.rejected.push(*rejected);
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
            match fields.get(i).map(|c| c.trim_ascii()) {
                Some(c) if !c.is_empty() && (c.len() <= MAX_NAME_BYTES || field == "value") => {
                    Ok(c)
                }
                other => Err(self.bad_cell(line, field, i, other)),
            }
        };
        // Names are checked when first stored, not on every row: UTF-8, then the library's
        // own rule for names (as `Table::read` checks them through `SourceId` and `Label`).
        let checked = |what: &str, max_chars: usize, bytes: &[u8]| -> Result<(), String> {
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => Cow::Borrowed(text),
                Err(e) if !t.lossy => {
                    return Err(format!("not UTF-8: invalid byte at position {}", e.valid_up_to()));
                }
                Err(_) => String::from_utf8_lossy(bytes),
            };
            crate::id::normalized_name(what, &text, max_chars).map(drop).map_err(|e| e.to_string())
        };
        let source = get("source", t.source)?;
        let object = get("object", t.object)?;
        let attribute = match t.attribute {
            Some(i) => get("attribute", i)?,
            None => b"value".as_slice(),
        };
        let (value, aux) = self.cell(piece, line, get("value", t.value)?)?;
        // The key is object, 0xFF, attribute: 0xFF never occurs in UTF-8, so in a stored key
        // it occurs once and splits the two (keys with more are rejected before storing; in
        // lossy mode the names are made UTF-8 first).
        let (object, attribute) = if t.lossy {
            (lossy_bytes(object), lossy_bytes(attribute))
        } else {
            (Cow::Borrowed(object), Cow::Borrowed(attribute))
        };
        let Ok(line32) = u32::try_from(line) else {
            let problem = format!("lines after {} are beyond this reader", u32::MAX);
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
                    .id(&name, || checked("source id", SourceId::MAX_CHARS, &name))
                    .map_err(|p| self.err(line, "source", p))?;
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
                checked("label", Label::MAX_CHARS, &object).map_err(|e| format!("object: {e}"))?;
                checked("label", Label::MAX_CHARS, &attribute)
                    .map_err(|e| format!("attribute: {e}"))
            })
            .map_err(|problem| match problem.split_once(": ") {
                Some((field, p)) if matches!(field, "object" | "attribute") => {
                    self.err(line, field, p.to_owned())
                }
                _ => self.err(line, "object", problem),
            })?;
        let line = line32;
        piece.rows.push(Staged { value, line, var, source, aux });
        Ok(())
    }

    /// A value cell: a plain number, a unitless phrase, or a label.
    fn cell(
        &self,
        piece: &mut Piece,
        line: u64,
        bytes: &[u8],
    ) -> Result<(f64, u32), Box<Rejected>> {
        if let Some(x) = plain_number(bytes) {
            return Ok((x, AUX_POINT));
        }
        let text = String::from_utf8_lossy(bytes);
        match self.parser.parse(&text).map(|p| p.value) {
            // Spelled as a number, but not one claimrecon holds ("NaN", "1e309", "1e16"): the
            // parser says so, and such a cell is an error, never a label.
            Err(e @ Error::InvalidNumber { .. }) => Err(self.err(line, "value", e.to_string())),
            Ok(Value::Amount(a)) if matches!(a.unit, Unit::Number | Unit::Persons) => {
                let interval = a.magnitude.interval(&self.policy);
                let rep = crh::representative(&a.magnitude, &self.policy);
                // Closed ends: the loss does not depend on whether an end is included (see
                // `crh::distance`).
                let low = interval.low().value;
                let high = interval.high().map_or(f64::INFINITY, |h| h.value);
                let at = piece.intervals.len() as u32;
                if at >= AUX_LABEL {
                    let problem = "too many phrases in one piece".to_owned();
                    return Err(self.err(line, "value", problem));
                }
                piece.intervals.push(Interval { low, high });
                Ok((rep, at))
            }
            Ok(Value::Amount(a)) => Err(self.err(
                line,
                "value",
                format!(
                    "{text:?} has a unit ({}); bulk tables take plain numbers and unitless \
                     phrases (use Table::read and Reconciler for amounts with units)",
                    a.unit.suffix().trim()
                ),
            )),
            _ => {
                if !self.table.lossy
                    && let Err(e) = std::str::from_utf8(bytes)
                {
                    let problem =
                        format!("not UTF-8: invalid byte at position {}", e.valid_up_to());
                    return Err(self.err(line, "value", problem));
                }
                // The library's own labels: white space collapsed, compared in lower case.
                let label =
                    Label::new(&text).map_err(|e| self.err(line, "value", e.to_string()))?;
                let id = self
                    .names
                    .labels
                    .id(crh::label_key(&label).as_bytes(), || Ok(()))
                    .map_err(|p| self.err(line, "value", p))?;
                Ok((f64::from(id), AUX_LABEL))
            }
        }
    }

    /// Handles a line whose cells before the last are in `fields`; the last cell starts at
    /// `last` within `raw`.
    fn line_end<'t>(
        &self,
        piece: &mut Piece,
        line: u64,
        raw: &'t [u8],
        fields: &mut Vec<&'t [u8]>,
        last: usize,
        scratch: &mut Vec<u8>,
    ) {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.len() > MAX_LINE_BYTES {
            let problem = format!("the line is longer than {MAX_LINE_BYTES} bytes");
            piece.rejected.push(*self.err(line, "row", problem));
        } else if !raw.trim_ascii().is_empty() {
            // A line of white space only is blank, as before the header.
            fields.push(&raw[last.min(raw.len())..]);
            self.row(piece, line, fields, scratch);
        }
        fields.clear();
    }

    /// Parses unquoted delimited text, one row per line; `first_line` is the file line of
    /// `text`'s first byte.
    fn piece(&self, text: &[u8], first_line: u64) -> Piece {
        let mut piece = Piece::default();
        piece.rows.reserve(text.len() / 16);
        // Room for the usual few cells: the width is a column number from the caller
        // (`1 << 40` once aborted the process here), and the vector grows if a row needs it.
        let mut fields: Vec<&[u8]> = Vec::with_capacity(self.width.min(64));
        let mut scratch = Vec::new();
        let mut line = first_line;
        let delimiter = self.table.delimiter;
        let mut from = 0;
        let mut cell = 0;
        // One pass over the bytes: cells end at the delimiter, rows at a line end.
        for (i, &b) in text.iter().enumerate() {
            if b == delimiter {
                // Cells beyond the last column read are not kept.
                if fields.len() < self.width {
                    fields.push(&text[cell..i]);
                    cell = i + 1;
                }
            } else if b == b'\n' {
                self.line_end(
                    &mut piece,
                    line,
                    &text[from..i],
                    &mut fields,
                    cell - from,
                    &mut scratch,
                );
                from = i + 1;
                cell = from;
                line += 1;
            }
        }
        if from < text.len() {
            self.line_end(&mut piece, line, &text[from..], &mut fields, cell - from, &mut scratch);
        }
        piece
    }
}

/// A number with nothing else: digits, a point, an exponent, a sign, in claimrecon's range
/// (see [`Number`](crate::Number); negative numbers too, as their magnitude). Anything else
/// (commas, words, units, numbers out of range) goes through the library's parser, which
/// reads it or says what is wrong with it.
fn plain_number(bytes: &[u8]) -> Option<f64> {
    // Whole numbers of up to 15 digits are below 10^15, exact in an f64 and common: read them
    // digit by digit.
    if !bytes.is_empty() && bytes.len() <= 15 && bytes.iter().all(u8::is_ascii_digit) {
        let n = bytes.iter().fold(0u64, |n, &b| n * 10 + u64::from(b - b'0'));
        return Some(n as f64);
    }
    if bytes.is_empty() || bytes.len() > 40 {
        return None;
    }
    if !bytes.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E')) {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let x: f64 = text.parse().ok()?;
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    // -0 is 0 (they would sort apart but compare equal).
    crate::parse::in_range(mantissa, x).ok().map(|x| x + 0.0)
}

/// Cuts `text` (complete lines) into at most `PIECES` runs of whole lines.
fn cut(text: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(PIECES);
    let mut rest = text;
    let size = text.len().div_ceil(PIECES).max(1);
    while !rest.is_empty() {
        let end = if rest.len() <= size {
            rest.len()
        } else {
            memchr::memchr(b'\n', &rest[size..]).map_or(rest.len(), |i| size + i + 1)
        };
        let (head, tail) = rest.split_at(end);
        out.push(head);
        rest = tail;
    }
    out
}

/// Reads `reader` into bulk claims; see [`Table::read_bulk`].
pub(super) fn read<R: Read>(
    table: &Table,
    name: &str,
    mut reader: R,
    parser: &Parser,
) -> Result<Bulk, Error> {
    let width = table.width();
    let names = Names { sources: Interner::new(), vars: Interner::new(), labels: Interner::new() };
    let setup = Setup { table, name, parser, policy: parser.policy_ref().clone(), width, names };
    let io_err = |line: u64, e: &dyn std::fmt::Display| Error::Corpus {
        file: name.to_owned(),
        line: line as usize,
        field: "row".to_owned(),
        problem: e.to_string(),
    };
    let mut pieces: Vec<Piece> = Vec::new();
    // The buffer is allocated (and zeroed) once; `len` bytes of it hold data.
    let mut buf: Vec<u8> = vec![0; BUFFER];
    let mut len = 0;
    let mut line: u64 = 1;
    let mut header_pending = table.header;
    let mut first = true;
    // Set while the rest of an over-long line is being skipped.
    let mut skipping = false;
    loop {
        let eof;
        (len, eof) = fill(&mut reader, &mut buf, len).map_err(|e| io_err(line, &e))?;
        let mut from = 0;
        if first {
            if buf[..len].starts_with(b"\xEF\xBB\xBF") {
                from = 3;
            }
            first = false;
        }
        if skipping {
            match line_end(&buf[from..len], eof) {
                LineEnd::At(i) => {
                    from += i;
                    line += 1;
                    skipping = false;
                }
                LineEnd::None if eof => break,
                LineEnd::None => {
                    len = 0;
                    continue;
                }
                LineEnd::Unread => {
                    // A `\r` ends the buffer: keep it to see what follows.
                    buf[0] = b'\r';
                    len = 1;
                    continue;
                }
            }
        }
        if needs_records(&buf[from..len], table.quoting()) {
            // Quoted cells may hold delimiters and line ends, and lone `\r`s end lines: the
            // rest of the stream goes to the record reader, which reads them correctly (and
            // more slowly, in one thread).
            buf.truncate(len);
            buf.drain(..from);
            let rest = std::io::Cursor::new(buf).chain(reader);
            pieces.push(read_records(&setup, rest, line, header_pending)?);
            break;
        }
        let end = if eof {
            len
        } else {
            memchr::memrchr(b'\n', &buf[from..len]).map_or(from, |i| from + i + 1)
        };
        let mut text = &buf[from..end];
        // The header is the first line that is not blank.
        while header_pending && !text.is_empty() {
            let skip = memchr::memchr(b'\n', text).map_or(text.len(), |i| i + 1);
            let blank = text[..skip].trim_ascii().is_empty();
            text = &text[skip..];
            line += 1;
            header_pending = blank;
        }
        let parts = cut(text);
        let mut firsts = Vec::with_capacity(parts.len());
        for part in &parts {
            firsts.push(line);
            line += memchr::memchr_iter(b'\n', part).count() as u64;
        }
        let mut done: Vec<Piece> =
            parts.par_iter().zip(firsts.par_iter()).map(|(p, &l)| setup.piece(p, l)).collect();
        pieces.append(&mut done);
        if eof {
            break;
        }
        // Carry the partial last line to the front.
        buf.copy_within(end..len, 0);
        len -= end;
        if len > MAX_LINE_BYTES + 1 {
            // The line is already longer than MAX_LINE_BYTES (and a `\r`): reject it, skip to
            // its end.
            let problem = format!("the line is longer than {MAX_LINE_BYTES} bytes");
            let mut piece = Piece::default();
            piece.rejected.push(*setup.err(line, "row", problem));
            pieces.push(piece);
            // A `\r` at the end may be the first half of the line's end: keep it.
            let cr = buf[len - 1] == b'\r';
            buf[0] = b'\r';
            len = usize::from(cr);
            skipping = true;
            header_pending = false;
        }
    }
    Ok(merge(setup, pieces))
}

/// Reads into `buf[len..]` until it is full or the stream ends; the new length, and whether
/// the stream ended.
fn fill<R: Read>(reader: &mut R, buf: &mut [u8], mut len: usize) -> std::io::Result<(usize, bool)> {
    while len < buf.len() {
        match reader.read(&mut buf[len..]) {
            Ok(0) => return Ok((len, true)),
            // A reader claiming more than it was given room for is not believed.
            Ok(n) => len = (len + n).min(buf.len()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((len, false))
}

/// Where the line at the start of `text` ends: the offset after its line end (`\n`, `\r\n` or
/// a lone `\r`).
enum LineEnd {
    At(usize),
    None,
    /// `text` ends with a `\r` whose next byte is not read yet.
    Unread,
}

fn line_end(text: &[u8], eof: bool) -> LineEnd {
    match memchr::memchr2(b'\n', b'\r', text) {
        None => LineEnd::None,
        Some(i) if text[i] == b'\n' => LineEnd::At(i + 1),
        Some(i) => match text.get(i + 1) {
            Some(b'\n') => LineEnd::At(i + 2),
            Some(_) => LineEnd::At(i + 1),
            None if eof => LineEnd::At(i + 1),
            None => LineEnd::Unread,
        },
    }
}

/// Whether `text` holds what the parallel path, which cuts lines at `\n`, would misread: a
/// quote in a table that quotes, or a lone `\r` (one followed by a byte other than `\n`). A
/// `\r` that ends `text` is not lone: at the end of the stream the last line's `\r` is
/// dropped, and otherwise it is looked at again with the bytes after it.
fn needs_records(text: &[u8], quoting: bool) -> bool {
    let lone = |i: usize| text.get(i + 1).is_some_and(|&b| b != b'\n');
    if quoting {
        memchr::memchr2_iter(b'"', b'\r', text).any(|i| text[i] == b'"' || lone(i))
    } else {
        memchr::memchr_iter(b'\r', text).any(lone)
    }
}

/// Reads the rest of a stream, from the start of `first_line`, with the record reader.
fn read_records<R: Read>(
    setup: &Setup<'_>,
    reader: R,
    first_line: u64,
    header: bool,
) -> Result<Piece, Error> {
    let mut piece = Piece::default();
    let mut scratch = Vec::new();
    let mut records = Records::new(reader, setup.table).continuing(first_line, header);
    while let Some(next) = records.next() {
        match next {
            Ok(Next::Record(record)) => {
                let fields: Vec<&[u8]> = record.iter().collect();
                setup.row(&mut piece, record.line(), &fields, &mut scratch);
            }
            Ok(Next::Rejected(r)) => {
                piece.rejected.push(*setup.err(r.line, "row", r.problem.to_string()));
            }
            Err(e) => {
                return Err(Error::Corpus {
                    file: setup.name.to_owned(),
                    line: e.line as usize,
                    field: "row".to_owned(),
                    problem: e.error.to_string(),
                });
            }
        }
    }
    Ok(piece)
}

/// Gives every name its final id and groups the rows by variable.
fn merge(setup: Setup<'_>, mut pieces: Vec<Piece>) -> Bulk {
    let Names { sources, vars, labels } = setup.names;
    let ((source_names, source_rank), ((var_names, var_rank), (label_names, label_rank))) =
        rayon::join(
            || sources.sorted(<[u8]>::cmp),
            || {
                rayon::join(
                    || vars.sorted(|a, b| var_parts(a).cmp(&var_parts(b))),
                    || labels.sorted(<[u8]>::cmp),
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
    let mut rejected: Vec<Rejected> = Vec::new();
    let mut intervals: Vec<Interval> = Vec::with_capacity(n_intervals as usize);
    for p in &mut pieces {
        rejected.append(&mut p.rejected);
        intervals.append(&mut p.intervals);
    }
    let rows: Vec<Vec<Staged>> = pieces.into_iter().map(|p| p.rows).collect();
    let grouped = super::Partition::new(var_names.len(), source_names.len(), rows);
    let vars = var_names
        .iter()
        .map(|k| {
            let (object, attribute) = var_parts(k);
            (
                String::from_utf8_lossy(object).into_owned(),
                String::from_utf8_lossy(attribute).into_owned(),
            )
        })
        .collect();
    let text = |names: Vec<Vec<u8>>| -> Vec<String> {
        names.into_iter().map(|n| String::from_utf8_lossy(&n).into_owned()).collect()
    };
    super::settle(
        setup.name,
        text(source_names),
        vars,
        text(label_names),
        &intervals,
        grouped,
        rejected,
    )
}
