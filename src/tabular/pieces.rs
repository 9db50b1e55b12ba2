//! Reading a table's rows in parallel pieces: the one path both table readers take from the
//! stream to their rows ([`Table::read`] makes claims of them, [`Table::read_bulk`] columns).
//!
//! The stream is read in buffers cut at line ends; each buffer's whole lines are cut into at
//! most 16 pieces of at least 16 KiB (but the last), parsed in parallel, each into a piece of
//! the reader's own ([`Rows`]). From the first buffer that is not plain (a quote, a lone `\r`), or whose last
//! line is already longer than the line limit, the rest of the stream goes to the record
//! reader, which holds every rule of [`records`](super::records) (more slowly, in one thread).
//! Pieces come back in the order of their lines, whatever the number of threads.

use std::io::Read;

use rayon::prelude::*;

use crate::Error;

use super::Table;
use super::records::{
    Header, Line, Next, Problem, Records, Rejection, Rest, is_blank, line_content, plain_lines,
};

/// The first buffer's size (see [`read`]).
const FIRST_BUFFER: usize = 64 << 10;
/// Pieces a buffer is cut into for parallel parsing, at most.
const PIECES: usize = 16;
/// The least a piece holds (but the last): below it, handing a piece to another thread costs
/// more than parsing it, and a table of a hundred rows is one piece parsed where it is read.
/// Under [`Table::with_small_limits`] a sixteenth of the buffer, so that tests of a few bytes
/// reach several pieces.
const MIN_PIECE: usize = 16 << 10;

/// What a table reader makes of rows: each piece of lines becomes a [`Rows::Piece`].
pub(crate) trait Rows: Sync {
    /// What the rows of one piece become.
    type Piece: Send;

    /// An empty piece, for `bytes` bytes of rows.
    fn piece(&self, bytes: usize) -> Self::Piece;

    /// A data row at `line`: its cells, up to the last column read (a row may hold one more,
    /// the rest of its line, which no column reads).
    fn row(&self, piece: &mut Self::Piece, line: u64, cells: &[&[u8]], scratch: &mut Vec<u8>);

    /// A record the reader rejected (too long, a line end in a cell, an unclosed quote).
    fn rejected(&self, piece: &mut Self::Piece, rejection: Rejection);

    /// Called with the pieces of each buffer once they are parsed, before the next buffer,
    /// and with the record reader's piece.
    fn buffer_done(&mut self, pieces: &mut [Self::Piece]);
}

/// Where the rows start: what [`Table::start`] found (see [`super::Start`]), less the table.
pub(crate) struct Stream<R> {
    /// The stream from where the rows start.
    pub rest: Rest<R>,
    /// The line `rest` starts on.
    pub line: u64,
    /// Whether the header has been read (so `rest` starts after it, past any byte order mark).
    pub header_read: bool,
    /// A header that could not be read: a rejected row, as any other.
    pub rejected: Option<Rejection>,
}

/// Reads every row of `table` from `from` into pieces of `rows`, in line order, with the
/// failure of the reader that ended it, if any: the rows read before it are kept.
pub(crate) fn read<R: Read, S: Rows>(
    table: &Table,
    name: &str,
    from: Stream<R>,
    rows: &mut S,
) -> (Vec<S::Piece>, Option<Error>) {
    let Stream { rest: mut reader, line: first_line, header_read, rejected } = from;
    let cutter = Cutter { table, width: table.width() };
    let limit = table.limits.line;
    let mut pieces: Vec<S::Piece> = Vec::new();
    if let Some(r) = rejected {
        let mut head = rows.piece(0);
        rows.rejected(&mut head, r);
        pieces.push(head);
        rows.buffer_done(&mut pieces);
    }
    // The buffer starts small and doubles with each fill up to its limit, so that a small
    // table costs no more than its size; `len` bytes of it hold data.
    let mut buf: Vec<u8> = vec![0; table.limits.buffer.min(FIRST_BUFFER)];
    let mut len = 0;
    // The line of `buf[0]`.
    let mut line: u64 = first_line;
    let mut header = Header::new(table.header);
    // A byte order mark is passed over at the start of the stream, not after a header.
    let mut first = !header_read;
    let (piece, failed) = loop {
        let filled = fill(&mut reader, &mut buf, &mut len);
        let from = if std::mem::take(&mut first) && buf[..len].starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let eof = match filled {
            Ok(eof) => eof,
            // The record reader reads what came before the failure, then meets it at the
            // line where reading stopped.
            Err(e) => {
                let mut failed = Failed(Some(e));
                break records(table, name, rows, &buf[from..len], &mut failed, line, header);
            }
        };
        if !plain_lines(&buf[from..len], table.quoting()) {
            break records(table, name, rows, &buf[from..len], &mut reader, line, header);
        }
        let end = if eof {
            len
        } else {
            memchr::memrchr(b'\n', &buf[from..len]).map_or(from, |i| from + i + 1)
        };
        let before = pieces.len();
        line = cutter.lines(rows, &buf[from..end], line, &mut header, &mut pieces);
        rows.buffer_done(&mut pieces[before..]);
        if eof {
            return (pieces, None);
        }
        if len - end > limit + 1 {
            // The last line is already longer than the limit (and a `\r`): the record reader
            // rejects it, or passes over it if it is blank, without holding it whole.
            break records(table, name, rows, &buf[end..len], &mut reader, line, header);
        }
        // Carry the partial last line to the front.
        buf.copy_within(end..len, 0);
        len -= end;
        // The stream goes on: a larger buffer, which also makes room for a partial line that
        // filled this one whole (once the buffer holds more than a line, the record reader
        // takes over from such a line, above).
        if buf.len() < table.limits.buffer {
            buf.resize(buf.len().saturating_mul(2).min(table.limits.buffer), 0);
        }
    };
    // The record reader's piece: the rest of the stream.
    pieces.push(piece);
    let last = pieces.len() - 1;
    rows.buffer_done(&mut pieces[last..]);
    (pieces, failed)
}

/// A reader that has failed: it gives its error once, then ends.
struct Failed(Option<std::io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

/// Reads into `buf[*len..]` until it is full or the stream ends, and says whether it ended.
/// On a failure, `*len` bytes were read.
fn fill<R: Read>(reader: &mut R, buf: &mut [u8], len: &mut usize) -> std::io::Result<bool> {
    while *len < buf.len() {
        match reader.read(&mut buf[*len..]) {
            Ok(0) => return Ok(true),
            // A reader claiming more than it was given room for is not believed.
            Ok(n) => *len = (*len + n).min(buf.len()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

/// Reads the rest of a stream with the record reader, in one piece: `text`, which starts at
/// `line`, then `reader`; with the failure of the reader, if any.
fn records<S: Rows>(
    table: &Table,
    name: &str,
    rows: &S,
    text: &[u8],
    reader: &mut dyn Read,
    line: u64,
    header: Header,
) -> (S::Piece, Option<Error>) {
    let mut piece = rows.piece(text.len());
    let reader = text.chain(reader);
    let mut scratch = Vec::new();
    let mut records = Records::new(reader, table).continuing(line, header);
    while let Some(next) = records.next() {
        match next {
            Ok(Next::Record(record)) => {
                let empty_past = |header| record.blank_from(header);
                if let Some(r) = too_many_cells(table, record.line(), record.cells(), empty_past) {
                    rows.rejected(&mut piece, r);
                    continue;
                }
                let cells: Vec<&[u8]> = record.iter().collect();
                rows.row(&mut piece, record.line(), &cells, &mut scratch);
            }
            Ok(Next::Rejected(r)) => rows.rejected(&mut piece, r),
            Err(e) => return (piece, Some(Error::io(name, e.line, e.error))),
        }
    }
    (piece, None)
}

/// Cuts plain text into rows and cells.
struct Cutter<'a> {
    table: &'a Table,
    /// Cells a row needs (see [`Table::width`]).
    width: usize,
}

impl Cutter<'_> {
    /// Parses whole lines of [`plain_lines`] text, the first at `line`, in parallel pieces;
    /// the line after them (at the end of the stream, the last line may have no `\n`).
    fn lines<S: Rows>(
        &self,
        rows: &S,
        text: &[u8],
        mut line: u64,
        header: &mut Header,
        pieces: &mut Vec<S::Piece>,
    ) -> u64 {
        let mut head = rows.piece(0);
        let text = self.header(rows, text, &mut line, header, &mut head);
        pieces.push(head);
        let parts = cut(text, MIN_PIECE.min(self.table.limits.buffer / PIECES));
        let mut firsts = Vec::with_capacity(parts.len());
        for part in &parts {
            firsts.push(line);
            // Lines of plain text end at `\n`.
            line += memchr::memchr_iter(b'\n', part).count() as u64;
        }
        if let [part] = parts[..] {
            pieces.push(self.piece(rows, part, firsts[0]));
        } else {
            let parse = |(p, &l): (&&[u8], &u64)| self.piece(rows, p, l);
            let mut done: Vec<S::Piece> =
                parts.par_iter().zip(firsts.par_iter()).map(parse).collect();
            pieces.append(&mut done);
        }
        line
    }

    /// Passes over the blank lines and the header at the start of `text` (whole lines of
    /// [`plain_lines`] text, the first at `*line`), by the header rule; the rest.
    fn header<'t, S: Rows>(
        &self,
        rows: &S,
        mut text: &'t [u8],
        line: &mut u64,
        header: &mut Header,
        piece: &mut S::Piece,
    ) -> &'t [u8] {
        while header.pending() && !text.is_empty() {
            // The last line at the end of the stream may have no `\n`.
            let (raw, rest) = match memchr::memchr(b'\n', text) {
                Some(i) => (&text[..i], &text[i + 1..]),
                None => (text, &[][..]),
            };
            match Line::of(line_content(raw), self.table.limits.line) {
                Line::Blank => {}
                Line::TooLong(problem) => {
                    header.take();
                    rows.rejected(piece, Rejection { line: *line, problem });
                }
                Line::Row => {
                    header.take();
                }
            }
            text = rest;
            *line += 1;
        }
        text
    }

    /// Parses unquoted delimited text, one row per line; `first_line` is the file line of
    /// `text`'s first byte.
    fn piece<S: Rows>(&self, rows: &S, text: &[u8], first_line: u64) -> S::Piece {
        let mut piece = rows.piece(text.len());
        // Room for the usual few cells: the width is a column number from the caller
        // (`1 << 40` once aborted the process here), and the vector grows if a row needs it.
        let mut cells: Vec<&[u8]> = Vec::with_capacity(self.width.min(64));
        let mut scratch = Vec::new();
        let mut line = first_line;
        let delimiter = self.table.delimiter;
        let mut from = 0;
        let mut cell = 0;
        // Delimiters past the last column read, on the line.
        let mut past = 0;
        // One pass over the bytes: cells end at the delimiter, rows at a line end.
        for (i, &b) in text.iter().enumerate() {
            if b == delimiter {
                // Cells beyond the last column read are not kept, only counted.
                if cells.len() < self.width {
                    cells.push(&text[cell..i]);
                    cell = i + 1;
                } else {
                    past += 1;
                }
            } else if b == b'\n' {
                let raw = &text[from..i];
                let end = Cells { last: cell - from, past };
                self.line_end(rows, &mut piece, line, raw, &mut cells, end, &mut scratch);
                from = i + 1;
                cell = from;
                past = 0;
                line += 1;
            }
        }
        if from < text.len() {
            let raw = &text[from..];
            let end = Cells { last: cell - from, past };
            self.line_end(rows, &mut piece, line, raw, &mut cells, end, &mut scratch);
        }
        piece
    }

    /// Handles a line whose cells before the last kept are in `cells`; `end` says where the
    /// last kept cell starts within `raw`, the line without its `\n`, and how many cells
    /// follow it.
    #[allow(clippy::too_many_arguments)] // the cutting loop's state
    fn line_end<'t, S: Rows>(
        &self,
        rows: &S,
        piece: &mut S::Piece,
        line: u64,
        raw: &'t [u8],
        cells: &mut Vec<&'t [u8]>,
        end: Cells,
        scratch: &mut Vec<u8>,
    ) {
        let raw = line_content(raw);
        match Line::of(raw, self.table.limits.line) {
            Line::Blank => {}
            Line::TooLong(problem) => rows.rejected(piece, Rejection { line, problem }),
            Line::Row => {
                // A plain line: its cells are what lies between its delimiters.
                let delimiter = self.table.delimiter;
                let empty_past = |header| raw.split(|&b| b == delimiter).skip(header).all(is_blank);
                let count = cells.len() + 1 + end.past;
                if let Some(r) = too_many_cells(self.table, line, count, empty_past) {
                    rows.rejected(piece, r);
                } else {
                    cells.push(&raw[end.last.min(raw.len())..]);
                    rows.row(piece, line, cells, scratch);
                }
            }
        }
        cells.clear();
    }
}

/// Where a line's last kept cell starts, and how many cells follow it (see
/// [`Cutter::line_end`]).
#[derive(Debug, Clone, Copy)]
struct Cells {
    last: usize,
    past: usize,
}

/// The rejection of a row of `cells` cells, on `line`, when the table's header (once read)
/// has fewer: one rule for both readers and both ways of cutting rows. `empty_past` tells,
/// given the header's count, whether every cell past it is blank (asked only of a row
/// rejected).
fn too_many_cells(
    table: &Table,
    line: u64,
    cells: usize,
    empty_past: impl FnOnce(usize) -> bool,
) -> Option<Rejection> {
    let header = table.header_cells?;
    (cells > header).then(|| Rejection {
        line,
        problem: Problem::TooManyCells {
            cells,
            header,
            quoting: table.quoting(),
            empty_past: empty_past(header),
        },
    })
}

/// Cuts `text` (complete lines) into at most `PIECES` runs of whole lines, each of at least
/// `least` bytes but the last.
fn cut(text: &[u8], least: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(PIECES);
    let mut rest = text;
    let size = text.len().div_ceil(PIECES).max(least).max(1);
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
