//! The records of a delimited table: one definition of where a row ends, what its cells hold,
//! what is blank and which row is the header, for both table readers ([`Table::read`] and
//! [`Table::read_bulk`], whose parallel path calls the functions at the top of this file).
//!
//! A record ends at `\n`, `\r\n` or a lone `\r` outside quotes, and each of them ends one line.
//! In a quoting table (CSV, not TSV) a cell that starts with `"` is quoted: it may hold
//! delimiters and line ends, `""` in it stands for one `"`, and text after its closing quote
//! joins the cell (as the csv crate reads it). A quote anywhere else is a plain character.
//! Records of white space only are blank and skipped, at any length; with a header, the first
//! record that is not blank is the header, even one that is rejected.
//!
//! A cell the table reads (source, object, attribute, value) may not hold a line end: a quote
//! left open and closed by a later row's quote would otherwise merge the rows between into one
//! cell. Such a record is rejected, and reading goes on from the line after the one whose quote
//! opened that cell (as for an unclosed quote, below).
//!
//! Memory is bounded whatever the input: a record is held whole up to the line limit
//! ([`MAX_LINE_BYTES`]) and one read buffer more. A record that grows beyond that outside
//! quotes is rejected and skipped to the end of its line (unless it is blank so far: then it is
//! passed over, and rejected only if something other than white space comes before its line
//! end). A record still inside a quote at that size, or at the end of the stream, is rejected;
//! reading goes on from the line after the one that opened the quote, whose bytes are still
//! held, so they are read again as rows of their own. The lines read again hold no quote left
//! open at their end, save the one holding the closing quote, if there is one: a quote can only
//! be told unclosed from one closed far away by reading on without bound. No byte is read more
//! than twice.
//!
//! [`Table::read`]: crate::Table::read
//! [`Table::read_bulk`]: crate::Table::read_bulk

use std::fmt;
use std::io::{self, Read};

use crate::tabular::Table;

/// Bytes asked of the reader at a time, and the buffer's first size.
const CHUNK: usize = 64 << 10;

/// Whether `bytes` (a line or record without its line end) is blank: white space only, at any
/// length. A blank record is no row.
pub(crate) fn is_blank(bytes: &[u8]) -> bool {
    bytes.trim_ascii().is_empty()
}

/// Whether `text` can be cut into rows at its `\n`s, each without the `\r` of a `\r\n` (see
/// [`line_content`]): it holds no lone `\r` (one followed by a byte other than `\n`), and in a
/// table that quotes, no quote. A `\r` that ends `text` is not lone: at the end of the stream
/// it ends the last line as [`line_content`] takes it, and otherwise the bytes after it decide.
pub(crate) fn plain_lines(text: &[u8], quoting: bool) -> bool {
    let lone = |i: usize| text.get(i + 1).is_some_and(|&b| b != b'\n');
    if quoting {
        !memchr::memchr2_iter(b'"', b'\r', text).any(|i| text[i] == b'"' || lone(i))
    } else {
        !memchr::memchr_iter(b'\r', text).any(lone)
    }
}

/// The content of a line of [`plain_lines`] text, given the line without its `\n`: without
/// the `\r` of a `\r\n` (or the `\r` that ends the stream).
pub(crate) fn line_content(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// What a line without quotes is, given its content ([`line_content`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// White space only, at any length: no row.
    Blank,
    /// Longer than the line limit: a rejected row.
    TooLong(Problem),
    Row,
}

impl Line {
    /// What `content` is under the line limit `limit`.
    pub(crate) fn of(content: &[u8], limit: usize) -> Self {
        if is_blank(content) {
            Line::Blank
        } else if content.len() > limit {
            Line::TooLong(Problem::TooLong { limit })
        } else {
            Line::Row
        }
    }
}

/// The header rule: with a header, the first row that is not blank is the header, whether it
/// is read or rejected (a header that cannot be read is still the header, and the row after
/// it is data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pending: bool,
}

impl Header {
    /// A table's header rule: `pending` if the table has a header.
    pub(crate) fn new(pending: bool) -> Self {
        Header { pending }
    }

    /// Whether the header is still to come.
    pub(crate) fn pending(self) -> bool {
        self.pending
    }

    /// Takes a row that is not blank, read or rejected: whether it is the header.
    pub(crate) fn take(&mut self) -> bool {
        std::mem::replace(&mut self.pending, false)
    }
}

/// Why a record was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The record is longer than the line limit, `limit`, outside quotes.
    TooLong { limit: usize },
    /// A quote opened on line `opened` was still open when its record reached the line limit.
    QuoteTooLong { opened: u64, limit: usize },
    /// A quote opened on line `opened` was still open at the end of the stream.
    UnclosedQuote { opened: u64 },
    /// A cell the table reads, `field`, holds a line end, inside the quote opened on line
    /// `opened`.
    LineEndInCell { field: &'static str, opened: u64 },
    /// The row has `cells` cells, more than the `header` of the header row: a cell holds the
    /// delimiter unquoted, most likely (`a,o,n,1,000`), and what follows it would be lost; or,
    /// when every cell past the header's is blank (`empty_past`), the line ends with a
    /// delimiter (`a,o,n,7,`). `quoting`: whether the table's cells may be quoted (CSV).
    TooManyCells { cells: usize, header: usize, quoting: bool, empty_past: bool },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::TooLong { limit } => write!(f, "the line is longer than {limit} bytes"),
            Problem::QuoteTooLong { opened, limit } => {
                write!(f, "the quote opened at line {opened} is not closed within {limit} bytes")
            }
            Problem::UnclosedQuote { opened } => {
                write!(f, "unclosed quote opened at line {opened}")
            }
            Problem::LineEndInCell { opened, .. } => write!(
                f,
                "the cell holds a line end: the quote opened at line {opened} may be unclosed"
            ),
            Problem::TooManyCells { cells, header, quoting, empty_past } => {
                write!(f, "the row has {cells} cells where the header has {header}")?;
                let past = cells.saturating_sub(*header);
                if *empty_past && past == 1 {
                    write!(f, ", the last empty: the line ends with a delimiter")
                } else if *empty_past {
                    write!(f, ", the last {past} empty: the line ends with delimiters")
                } else if *quoting {
                    write!(f, ": a cell holding a comma must be quoted, as \"1,000\"")
                } else {
                    write!(f, ": a cell holds the delimiter")
                }
            }
        }
    }
}

/// A record that was not read: its first line and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rejection {
    pub line: u64,
    pub problem: Problem,
}

impl Rejection {
    /// The field the problem is in: the cell's, or "row".
    pub(crate) fn field(&self) -> &'static str {
        match self.problem {
            Problem::LineEndInCell { field, .. } => field,
            _ => "row",
        }
    }
}

/// A failure of the reader, at the line being read.
#[derive(Debug)]
pub(crate) struct ReadError {
    pub line: u64,
    pub error: io::Error,
}

/// One record: its cells (quotes removed, `""` read as `"`) and its first line.
#[derive(Debug, Default)]
pub(crate) struct Record {
    line: u64,
    /// The cells end to end.
    bytes: Vec<u8>,
    /// Where each cell ends in `bytes`. A record holds at most `MAX_LINE_BYTES` and one
    /// `CHUNK`, so a `u32` is enough.
    ends: Vec<u32>,
    /// How many cells the record has, the kept and those past the table's last column.
    cells: usize,
    /// The last cell past the kept ones that holds more than white space, if any.
    filled_unkept: Option<usize>,
}

impl Record {
    /// The line the record starts on.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// Cell `i`, if the record has it (cells past the table's last column are not kept).
    pub(crate) fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.bytes[start..end])
    }

    /// How many cells the record has, kept or not.
    pub(crate) fn cells(&self) -> usize {
        self.cells
    }

    /// Whether every cell from `first` on, kept or not, is blank (white space only): a row
    /// past its header's cells only by delimiters at its end.
    pub(crate) fn blank_from(&self, first: usize) -> bool {
        (first..self.ends.len()).all(|i| self.get(i).is_some_and(is_blank))
            && self.filled_unkept.is_none_or(|i| i < first)
    }

    /// The cells kept, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.ends.len()).filter_map(|i| self.get(i))
    }

    fn clear(&mut self, line: u64) {
        self.line = line;
        self.bytes.clear();
        self.ends.clear();
        self.cells = 0;
        self.filled_unkept = None;
    }
}

/// What a call to [`Records::next`] found.
#[derive(Debug)]
pub(crate) enum Next<'a> {
    Record(&'a Record),
    Rejected(Rejection),
}

/// Where the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the first byte of a record.
    RecordStart,
    /// Before the first byte of a cell.
    CellStart,
    /// In a cell, outside quotes.
    Unquoted,
    /// Inside a quoted cell.
    Quoted,
    /// In a record of white space only that is longer than the line limit.
    Blank,
    /// Passing over the rest of a line that was rejected.
    Skipping,
}

/// Whether the reader has more to give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stream {
    Open,
    Ended,
    /// The reader failed: nothing more is read.
    Failed,
}

/// The byte after the one looked at.
enum Peek {
    Byte(u8),
    /// The stream ended.
    End,
    /// Not read yet.
    Unread,
}

/// What a step asks of the loop that drives it.
enum Flow {
    Go,
    /// More bytes are needed before the next one can be understood.
    Fill,
    Done(Found),
}

/// A record that is not blank ended, or one was rejected.
enum Found {
    Record,
    Rejected(Rejection),
}

/// The first line end inside a quoted cell the table reads, in the current record.
#[derive(Debug, Clone, Copy)]
struct Cut {
    /// Where the line after it starts in `buf`.
    at: usize,
    field: &'static str,
    /// The line of the cell's opening quote.
    opened: u64,
}

/// The records of a table read from a stream, one at a time, in bounded memory.
#[derive(Debug)]
pub(crate) struct Records<R> {
    reader: R,
    delimiter: u8,
    quoting: bool,
    /// Cells kept per record: the table's last column and those before it.
    width: usize,
    /// The cells read, by column and field name: these may not hold a line end.
    read: Vec<(usize, &'static str)>,
    /// The line limit.
    limit: usize,
    header: Header,
    /// Whether a byte order mark may still be at the start.
    bom: bool,
    buf: Vec<u8>,
    /// `buf[..len]` holds bytes read.
    len: usize,
    /// The current record's (or skipped line's) first byte in `buf`.
    start: usize,
    /// The next byte to look at.
    pos: usize,
    stream: Stream,
    /// The line of `buf[pos]`.
    line: u64,
    state: State,
    record: Record,
    /// The line of the quote that is open.
    quote_line: u64,
    /// Where the line after `quote_line` starts in `buf`, once its end has been read.
    resume: Option<usize>,
    cut: Option<Cut>,
}

/// The bytes a reader has read but not looked at, then the rest of its stream.
pub(crate) type Rest<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

impl<R: Read> Records<R> {
    /// The records of `table` from the start of `reader` (a byte order mark is skipped).
    pub(crate) fn new(reader: R, table: &Table) -> Self {
        Records {
            reader,
            delimiter: table.delimiter,
            quoting: table.quoting(),
            width: table.width(),
            read: table.read_columns().map(|(field, column)| (column, field)).collect(),
            limit: table.limits.line,
            header: Header::new(table.header),
            bom: true,
            buf: Vec::new(),
            len: 0,
            start: 0,
            pos: 0,
            stream: Stream::Open,
            line: 1,
            state: State::RecordStart,
            record: Record::default(),
            quote_line: 0,
            resume: None,
            cut: None,
        }
    }

    /// The records of a table's header row, at the start of `reader`: every cell kept, any
    /// cell may hold a line end, and the first record that is not blank is given, not passed
    /// over (see [`Records::into_rest`]).
    pub(crate) fn header_row(reader: R, table: &Table) -> Self {
        Records {
            width: usize::MAX,
            read: Vec::new(),
            header: Header::new(false),
            ..Self::new(reader, table)
        }
    }

    /// The bytes read but not yet looked at, then the rest of the stream, and the line they
    /// start on: after a record, where the next one starts.
    ///
    /// # Errors
    /// A failure of the reader while passing over the rest of a rejected record's line.
    pub(crate) fn into_rest(mut self) -> Result<(Rest<R>, u64), ReadError> {
        // The rest of a rejected record's line is passed over, as `next` would.
        while self.state == State::Skipping {
            if self.pos == self.len {
                if self.stream != Stream::Open {
                    break;
                }
                self.fill()?;
            } else if matches!(self.skipping(), Flow::Fill) {
                self.fill()?;
            }
        }
        let mut buf = self.buf;
        buf.truncate(self.len);
        buf.drain(..self.pos.min(self.len));
        Ok((io::Cursor::new(buf).chain(self.reader), self.line))
    }

    /// Reads on from the start of `line` of a table, under `header`.
    pub(crate) fn continuing(self, line: u64, header: Header) -> Self {
        Records { line, header, bom: false, ..self }
    }

    /// The next record that is neither blank nor the header, or the next rejected one; `None`
    /// at the end of the stream (and after a failure of the reader).
    pub(crate) fn next(&mut self) -> Option<Result<Next<'_>, ReadError>> {
        loop {
            match self.advance() {
                Err(e) => return Some(Err(e)),
                Ok(None) => return None,
                Ok(Some(Found::Record)) if self.header.take() => {}
                Ok(Some(Found::Record)) => return Some(Ok(Next::Record(&self.record))),
                Ok(Some(Found::Rejected(r))) => {
                    self.header.take();
                    return Some(Ok(Next::Rejected(r)));
                }
            }
        }
    }

    /// Reads until a record that is not blank ends or is rejected.
    fn advance(&mut self) -> Result<Option<Found>, ReadError> {
        loop {
            if self.stream == Stream::Failed {
                return Ok(None);
            }
            if self.bom && self.len < 3 && self.stream == Stream::Open {
                self.fill()?;
                continue;
            }
            if self.bom {
                self.bom = false;
                if self.buf[..self.len].starts_with(b"\xEF\xBB\xBF") {
                    (self.start, self.pos) = (3, 3);
                }
            }
            if self.state == State::RecordStart {
                self.record.clear(self.line);
                (self.start, self.resume, self.cut) = (self.pos, None, None);
                self.state = State::CellStart;
            }
            if self.pos == self.len {
                if self.stream == Stream::Open {
                    self.fill()?;
                    continue;
                }
                match self.at_end() {
                    Some(Flow::Done(found)) => return Ok(Some(found)),
                    Some(_) => continue,
                    None => return Ok(None),
                }
            }
            match self.step() {
                Flow::Go => {}
                Flow::Fill => self.fill()?,
                Flow::Done(found) => return Ok(Some(found)),
            }
            if matches!(self.state, State::CellStart | State::Unquoted | State::Quoted)
                && self.pos - self.start > self.limit
                && let Some(found) = self.overflow()
            {
                return Ok(Some(found));
            }
        }
    }

    /// Looks at `buf[pos]` and what follows.
    fn step(&mut self) -> Flow {
        match self.state {
            State::CellStart => {
                if self.quoting && self.buf[self.pos] == b'"' {
                    self.pos += 1;
                    self.state = State::Quoted;
                    (self.quote_line, self.resume) = (self.line, None);
                } else {
                    self.state = State::Unquoted;
                }
                Flow::Go
            }
            State::Unquoted => self.unquoted(),
            State::Quoted => self.quoted(),
            State::Blank => self.blank(),
            State::Skipping => self.skipping(),
            State::RecordStart => Flow::Go,
        }
    }

    fn peek(&self, at: usize) -> Peek {
        if at < self.len {
            Peek::Byte(self.buf[at])
        } else if self.stream == Stream::Ended {
            Peek::End
        } else {
            Peek::Unread
        }
    }

    /// Copies `buf[from..to]` into the current cell, unless the cell is past the last kept.
    fn keep(&mut self, from: usize, to: usize) {
        if self.record.ends.len() < self.width {
            self.record.bytes.extend_from_slice(&self.buf[from..to]);
        } else if !is_blank(&self.buf[from..to]) {
            self.record.filled_unkept = Some(self.record.cells);
        }
    }

    fn end_cell(&mut self) {
        self.record.cells += 1;
        if self.record.ends.len() < self.width {
            self.record.ends.push(self.record.bytes.len() as u32);
        }
    }

    /// Unquoted cells, up to the end of the record, a cell that starts with a quote, or the
    /// end of the bytes read. The record is measured after each run of plain bytes: when it
    /// is too long, the caller sees it in the state that made it so.
    fn unquoted(&mut self) -> Flow {
        loop {
            let rest = &self.buf[self.pos..self.len];
            let Some(i) = memchr::memchr3(self.delimiter, b'\n', b'\r', rest) else {
                self.keep(self.pos, self.len);
                self.pos = self.len;
                return Flow::Go;
            };
            self.keep(self.pos, self.pos + i);
            self.pos += i;
            if self.pos - self.start > self.limit {
                return Flow::Go;
            }
            match self.buf[self.pos] {
                b'\n' => return self.end_record(1),
                b'\r' => {
                    return match self.peek(self.pos + 1) {
                        Peek::Unread => Flow::Fill,
                        Peek::Byte(b'\n') => self.end_record(2),
                        _ => self.end_record(1),
                    };
                }
                _ => {
                    self.end_cell();
                    self.pos += 1;
                    if self.pos == self.len || (self.quoting && self.buf[self.pos] == b'"') {
                        self.state = State::CellStart;
                        return Flow::Go;
                    }
                }
            }
        }
    }

    /// A quoted cell up to its closing quote (then on as [`Self::unquoted`]) or the end of the
    /// bytes read; measured as there.
    fn quoted(&mut self) -> Flow {
        loop {
            let rest = &self.buf[self.pos..self.len];
            let Some(i) = memchr::memchr3(b'"', b'\n', b'\r', rest) else {
                self.keep(self.pos, self.len);
                self.pos = self.len;
                return Flow::Go;
            };
            self.keep(self.pos, self.pos + i);
            self.pos += i;
            if self.pos - self.start > self.limit {
                return Flow::Go;
            }
            let at = self.pos;
            let width = match (self.buf[at], self.peek(at + 1)) {
                (b'"' | b'\r', Peek::Unread) => return Flow::Fill,
                (b'"', Peek::Byte(b'"')) => {
                    self.keep(at, at + 1);
                    self.pos += 2;
                    continue;
                }
                (b'"', _) => {
                    self.pos += 1;
                    self.state = State::Unquoted;
                    return self.unquoted();
                }
                (b'\r', Peek::Byte(b'\n')) => 2,
                _ => 1,
            };
            // A line end inside quotes is part of the cell, and ends a line all the same.
            self.keep(at, at + width);
            self.pos += width;
            self.line += 1;
            if self.resume.is_none() {
                self.resume = Some(self.pos);
            }
            if self.cut.is_none() {
                let cell = self.record.ends.len();
                if let Some(&(_, field)) = self.read.iter().find(|&&(c, _)| c == cell) {
                    self.cut = Some(Cut { at: self.pos, field, opened: self.quote_line });
                }
            }
        }
    }

    /// Passes over white space up to the end of the line; a record that holds anything else
    /// is too long.
    fn blank(&mut self) -> Flow {
        let rest = &self.buf[self.pos..self.len];
        let end = rest.iter().position(|&b| matches!(b, b'\n' | b'\r') || !is_blank(&[b]));
        let Some(i) = end else {
            (self.pos, self.start) = (self.len, self.len);
            return Flow::Go;
        };
        (self.pos, self.start) = (self.pos + i, self.pos + i);
        self.state = State::Skipping;
        if matches!(self.buf[self.pos], b'\n' | b'\r') {
            Flow::Go
        } else {
            let problem = Problem::TooLong { limit: self.limit };
            Flow::Done(Found::Rejected(Rejection { line: self.record.line, problem }))
        }
    }

    /// Passes over bytes up to the end of the line.
    fn skipping(&mut self) -> Flow {
        let rest = &self.buf[self.pos..self.len];
        let Some(i) = memchr::memchr2(b'\n', b'\r', rest) else {
            (self.pos, self.start) = (self.len, self.len);
            return Flow::Go;
        };
        let at = self.pos + i;
        (self.pos, self.start) = (at, at);
        let width = match (self.buf[at], self.peek(at + 1)) {
            (b'\r', Peek::Unread) => return Flow::Fill,
            (b'\r', Peek::Byte(b'\n')) => 2,
            _ => 1,
        };
        self.pos += width;
        self.line += 1;
        self.state = State::RecordStart;
        Flow::Go
    }

    /// Ends the record at `buf[pos]`, before a line end of `width` bytes (0 at the end of the
    /// stream). A blank record is passed over; one whose cell holds a line end is rejected,
    /// and reading goes on from the line after that cell's quote.
    fn end_record(&mut self, width: usize) -> Flow {
        self.end_cell();
        let blank = is_blank(&self.buf[self.start..self.pos]);
        self.pos += width;
        self.line += 1;
        self.state = State::RecordStart;
        if blank {
            return Flow::Go;
        }
        if let Some(Cut { at, field, opened }) = self.cut {
            (self.pos, self.line) = (at, opened + 1);
            let problem = Problem::LineEndInCell { field, opened };
            return Flow::Done(Found::Rejected(Rejection { line: self.record.line, problem }));
        }
        Flow::Done(Found::Record)
    }

    /// The stream ended at `pos`.
    fn at_end(&mut self) -> Option<Flow> {
        match self.state {
            State::CellStart | State::Unquoted if self.pos > self.start => Some(self.end_record(0)),
            State::Quoted => {
                let problem = Problem::UnclosedQuote { opened: self.quote_line };
                Some(Flow::Done(self.unclosed(problem)))
            }
            _ => None,
        }
    }

    /// The record grew beyond the line limit: it is rejected, unless it is blank so far.
    fn overflow(&mut self) -> Option<Found> {
        if self.state == State::Quoted {
            let problem = Problem::QuoteTooLong { opened: self.quote_line, limit: self.limit };
            return Some(self.unclosed(problem));
        }
        let blank = is_blank(&self.buf[self.start..self.pos]);
        self.start = self.pos;
        if blank {
            self.state = State::Blank;
            return None;
        }
        self.state = State::Skipping;
        let problem = Problem::TooLong { limit: self.limit };
        Some(Found::Rejected(Rejection { line: self.record.line, problem }))
    }

    /// Rejects the record whose quote is open, and reads on from the line after the quote's.
    fn unclosed(&mut self, problem: Problem) -> Found {
        if let Some(at) = self.resume {
            self.pos = at;
            self.line = self.quote_line + 1;
            self.state = State::RecordStart;
        } else {
            // The quote's line has not ended yet (its end is past the line limit, or the
            // stream ended on it): pass over the rest of it.
            self.start = self.pos;
            self.state = State::Skipping;
        }
        Found::Rejected(Rejection { line: self.record.line, problem })
    }

    /// Reads more bytes, keeping those from `start` on.
    fn fill(&mut self) -> Result<(), ReadError> {
        if self.len == self.buf.len() {
            let s = self.start;
            self.buf.copy_within(s..self.len, 0);
            self.len -= s;
            self.pos -= s;
            self.start = 0;
            self.resume = self.resume.map(|r| r.saturating_sub(s));
            if let Some(cut) = &mut self.cut {
                cut.at -= s;
            }
            if self.buf.len() - self.len < CHUNK {
                self.buf.resize(self.len + CHUNK, 0);
            }
        }
        loop {
            match self.reader.read(&mut self.buf[self.len..]) {
                Ok(0) => self.stream = Stream::Ended,
                // A reader claiming more than it was given room for is not believed.
                Ok(n) => self.len = (self.len + n).min(self.buf.len()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    self.stream = Stream::Failed;
                    // A `\r` waiting for the byte after it ended its line all the same.
                    let cr = self.pos < self.len && self.buf[self.pos] == b'\r';
                    return Err(ReadError { line: self.line + u64::from(cr), error });
                }
            }
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::MAX_LINE_BYTES;

    /// Yields `n` bytes per read, so every byte can fall on a buffer's edge.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Each record as `line: cell|cell`, each rejection as `line: problem`.
    fn split_with(table: &Table, text: &[u8], step: usize) -> Vec<String> {
        split_reader(table, Trickle(text, step))
    }

    fn split_reader(table: &Table, reader: impl Read) -> Vec<String> {
        let mut records = Records::new(reader, table);
        let mut out = Vec::new();
        while let Some(next) = records.next() {
            out.push(match next {
                Ok(Next::Record(r)) => {
                    let cells: Vec<String> =
                        r.iter().map(|c| String::from_utf8_lossy(c).into_owned()).collect();
                    format!("{}: {}", r.line(), cells.join("|"))
                }
                Ok(Next::Rejected(r)) if r.field() == "row" => format!("{}: {}", r.line, r.problem),
                Ok(Next::Rejected(r)) => format!("{}: {}: {}", r.line, r.field(), r.problem),
                Err(e) => format!("{}: error {}", e.line, e.error),
            });
        }
        out
    }

    /// Splits `text` read whole, and one and two bytes at a time: the three must agree.
    fn split(table: &Table, text: &[u8]) -> Vec<String> {
        let whole = split_with(table, text, usize::MAX);
        assert_eq!(whole, split_with(table, text, 1), "read one byte at a time");
        assert_eq!(whole, split_with(table, text, 2), "read two bytes at a time");
        whole
    }

    fn csv(text: &str) -> Vec<String> {
        split(&Table::csv().header(false), text.as_bytes())
    }

    #[test]
    fn every_line_end_ends_one_line() {
        let expected = ["1: a|b", "2: c|d", "4: e|f"];
        for end in ["\n", "\r\n", "\r"] {
            let text = ["a,b", "c,d", "", "e,f", ""].join(end);
            assert_eq!(csv(&text), expected, "{end:?}");
        }
        assert_eq!(
            csv("a\rb\r\nc\nd\n\re\r\r\nf"),
            ["1: a", "2: b", "3: c", "4: d", "6: e", "8: f"]
        );
    }

    #[test]
    fn quoted_cells_hold_delimiters_quotes_and_line_ends() {
        let text = "\"a,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\n\"three\r\nlines\rhere\",y\nz,w";
        // Line ends only in cells the table does not read.
        let table = Table::csv().header(false).columns(2, 2, None, 2);
        assert_eq!(
            split(&table, text.as_bytes()),
            ["1: a,1|say \"hi\"", "2: two\nlines|x", "4: three\r\nlines\rhere|y", "7: z|w"]
        );
    }

    #[test]
    fn a_line_end_in_a_cell_read_rejects_its_row_and_reading_resumes_after_its_quote() {
        // A quote left open on line 2 and closed by line 4's quote: the rows between are not
        // one cell; each is read again.
        let text = "a,\"Oslo,n,1\nb,Oslo,n,2\nc,\"Bergen\",n,3\r\nd,Bergen,n,4\n";
        assert_eq!(
            csv(text),
            [
                "1: object: the cell holds a line end: the quote opened at line 1 may be unclosed",
                "2: b|Oslo|n|2",
                "3: c|Bergen|n|3",
                "4: d|Bergen|n|4"
            ]
        );
        // The first cell read that holds one names its field and quote; a cell not read may
        // hold line ends, and the record is rejected at its first line.
        let table = Table::csv().header(false).columns(1, 2, None, 3);
        let text = "\"x\ny\",a,\"b\rc\",\"1\n2\"\nz,e,f,3";
        assert_eq!(
            split(&table, text.as_bytes()),
            [
                "1: object: the cell holds a line end: the quote opened at line 2 may be unclosed",
                "3: source: the cell holds a line end: the quote opened at line 3 may be unclosed",
                "4: 2\"",
                "5: z|e|f|3"
            ]
        );
        // The header too: with a line end in a cell read, it is rejected, and still the header.
        let text = "source,\"object\nname\",attribute,value\na,o,n,1\n";
        assert_eq!(
            split(&Table::csv(), text.as_bytes()),
            [
                "1: object: the cell holds a line end: the quote opened at line 1 may be unclosed",
                "2: name\"|attribute|value",
                "3: a|o|n|1"
            ]
        );
    }

    #[test]
    fn blank_records_are_passed_over_at_any_length() {
        let table = Table::csv().header(false).with_small_limits(16, 40);
        let spaces = " \t ".repeat(20);
        let text = format!("{spaces}\n{spaces}\r\n{spaces}x\r{spaces}\ra,1\n{spaces}");
        assert_eq!(
            split(&table, text.as_bytes()),
            ["3: the line is longer than 16 bytes", "5: a|1"]
        );
        // Blank lines are no header, at any length.
        let text = format!("{spaces}\nsource,value\na,1\n");
        assert_eq!(split(&table.header(true), text.as_bytes()), ["3: a|1"]);
    }

    #[test]
    fn an_over_long_header_is_rejected_and_still_the_header() {
        let table = Table::csv().with_small_limits(8, 32);
        let text = "\n source,object,attribute,value\na,o,n,1\n";
        assert_eq!(
            split(&table, text.as_bytes()),
            ["2: the line is longer than 8 bytes", "3: a|o|n|1"]
        );
    }

    #[test]
    fn quotes_elsewhere_are_plain_and_tsv_has_none() {
        assert_eq!(csv("a\"b,\"c\"d,\"\"\n"), ["1: a\"b|cd|"]);
        let tsv = Table::tsv();
        assert_eq!(split(&tsv, b"\"a\tb\n\"c\td\n"), ["1: \"a|b", "2: \"c|d"]);
    }

    #[test]
    fn blank_records_the_header_and_a_byte_order_mark_are_passed_over() {
        let text = "\u{feff}\n  \r\nsource,value\n\t\na,1\n \nb,2";
        assert_eq!(split(&Table::csv(), text.as_bytes()), ["5: a|1", "7: b|2"]);
        assert_eq!(csv(text), ["3: source|value", "5: a|1", "7: b|2"]);
    }

    #[test]
    fn cells_past_the_last_column_are_not_kept() {
        let table = Table::csv().header(false).columns(0, 1, None, 1);
        assert_eq!(split(&table, b"a,b,c,\"d\ne\",f\ng\n"), ["1: a|b", "3: g"]);
    }

    #[test]
    fn a_quote_open_at_the_end_rejects_its_row_and_the_next_lines_are_read_again() {
        let text = "a,1\nb,\"2\nc,3\r\nd,4\re,5";
        assert_eq!(
            csv(text),
            ["1: a|1", "2: unclosed quote opened at line 2", "3: c|3", "4: d|4", "5: e|5"]
        );
        // The quote opened on the record's second line: the record is rejected at its first
        // line, and reading goes on after the quote's.
        let text = "a,\"1\n\",\"2\nc,3\n";
        assert_eq!(csv(text), ["1: unclosed quote opened at line 2", "3: c|3"]);
        // The quote opened on the last line.
        assert_eq!(csv("a,1\nb,\"2"), ["1: a|1", "2: unclosed quote opened at line 2"]);
    }

    #[test]
    fn a_quote_open_beyond_the_line_limit_rejects_its_row_and_reads_on() {
        // 12 bytes a row: the quote is open for 1.5 MiB.
        let n = MAX_LINE_BYTES / 8;
        let mut text = String::from("a,1\nb,\"2\n");
        for i in 0..n {
            writeln!(text, "row{i:06},{}", i % 10).unwrap();
        }
        let got = split_with(&Table::csv().header(false), text.as_bytes(), usize::MAX);
        assert_eq!(got.len(), 2 + n);
        assert_eq!(
            got[..3],
            [
                "1: a|1",
                "2: the quote opened at line 2 is not closed within 1048576 bytes",
                "3: row000000|0"
            ]
        );
        assert_eq!(got[n + 1], format!("{}: row{:06}|{}", n + 2, n - 1, (n - 1) % 10));
        assert_eq!(got, split_with(&Table::csv().header(false), text.as_bytes(), 4096));
    }

    #[test]
    fn a_quote_open_on_an_over_long_line_skips_to_its_end() {
        let text = format!("a,\"{}\rb,2\n", "x".repeat(MAX_LINE_BYTES));
        let got = split_with(&Table::csv().header(false), text.as_bytes(), 1000);
        assert_eq!(
            got,
            ["1: the quote opened at line 1 is not closed within 1048576 bytes", "2: b|2"]
        );
    }

    #[test]
    fn over_long_records_are_rejected_and_skipped_to_the_end_of_their_line() {
        let fits = "x".repeat(MAX_LINE_BYTES - 2);
        let text = format!("a,{fits}\r\nb,{fits}y\r\nc,\"1\n2\",{fits}\nd,\"4\"\r");
        let got = split_with(&Table::csv().header(false), text.as_bytes(), 1000);
        assert_eq!(got[0], format!("1: a|{fits}"));
        assert_eq!(
            got[1..],
            [
                "2: the line is longer than 1048576 bytes",
                "3: the line is longer than 1048576 bytes",
                "5: d|4"
            ]
        );
    }

    /// Fails once, after the first line.
    struct Broken(bool);

    impl Read for Broken {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0 {
                return Err(io::Error::other("disk on fire"));
            }
            self.0 = true;
            buf[..4].copy_from_slice(b"a,1\n");
            Ok(4)
        }
    }

    #[test]
    fn a_failing_reader_is_an_error_at_its_line_and_the_end() {
        let got = split_reader(&Table::csv().header(false), Broken(false));
        assert_eq!(got, ["1: a|1", "2: error disk on fire"]);
    }
}
