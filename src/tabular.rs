//! Claims from tables: CSV or TSV rows of (source, object, attribute, value[, unit][, as-of]),
//! columns found by the header's names or by position, each value read by one definition
//! ([`cell`]), each bad row an error naming its line and field.
//!
//! The reader is given to us; opening files is the caller's business, so the library stays
//! free of I/O of its own. Both readers ([`Table::read`] here, [`Table::read_bulk`] in
//! `bulk`) find the columns with [`Table::start`], take the stream to rows by one path
//! ([`pieces`]: plain lines cut into pieces parsed in parallel, and [`records`] for line ends,
//! quotes, blank lines, the header and the line limit), read a row's first problem with
//! [`Table::claim_of`] and give each attribute one kind with [`cell::Kinds`]. They differ in
//! what a row becomes: a [`Claim`] here, columns in `bulk`.

pub(crate) mod cell;
pub(crate) mod pieces;
pub(crate) mod records;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

use chrono::NaiveDate;
use foldhash::fast::FixedState;

use crate::claim::Claim;
use crate::id::{ClaimId, SourceId};
use crate::parse::Parser;
use crate::provenance::Provenance;
use crate::subject::{Measure, Nature, Subject};
use crate::value::Label;
use crate::{Error, MAX_LINE_BYTES};

use self::cell::{CellKind, Kind, Kinds};
use self::pieces::Rows;
use self::records::{Next, Records, Rejection};

/// Which columns hold what, and how rows become claims. Built by value.
///
/// ```
/// use claimrecon::{Parser, Table};
/// let tsv = "Springfield_2000\teditor 1\t1,583\nSpringfield_2000\teditor 2\t1583\n";
/// let rows: Vec<_> = Table::tsv().columns(1, 0, None, 2).read("pop.tsv", tsv.as_bytes(), &Parser::default()).collect();
/// assert_eq!(rows.len(), 2);
/// assert_eq!(rows[0].as_ref().unwrap().value().to_string(), "1,583");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub(crate) delimiter: u8,
    pub(crate) header: bool,
    pub(crate) source: usize,
    pub(crate) object: usize,
    pub(crate) attribute: Option<usize>,
    pub(crate) value: usize,
    pub(crate) as_of: Option<usize>,
    /// The column of a unit that follows each value ("people", "tenge"), if any.
    pub(crate) unit: Option<usize>,
    pub(crate) nature: Nature,
    pub(crate) lossy: bool,
    pub(crate) limits: Limits,
    /// How the columns are found: by position, or by the header's names.
    find: Find,
    /// The as-of column's name, when it is found by name.
    as_of_name: Option<String>,
    /// The unit column's name, when it is found by name.
    unit_name: Option<String>,
    /// The columns read that were found by name, each as the header spells it (for messages).
    named: Option<Box<[(&'static str, String)]>>,
    /// How many cells the header has, once read: a row with more is rejected (an unquoted
    /// delimiter in a cell, as in `a,o,n,1,000`, would otherwise leave part of a value in a
    /// column no one reads).
    pub(crate) header_cells: Option<usize>,
    /// Kinds declared for attributes (by name, white space collapsed).
    pub(crate) kinds: Vec<(String, Kind)>,
    /// Natures declared for attributes (by key), overriding `nature` for them.
    natures: Vec<(String, Nature)>,
}

/// The attribute a table's claim is about: its key (as the vote and declared kinds compare
/// it) and its name as written.
fn attribute_of(claim: &Claim) -> (Cow<'_, str>, Cow<'_, str>) {
    match claim.subject().measure() {
        Measure::Other(label) => (Cow::Borrowed(label.key()), Cow::Borrowed(label.as_str())),
        other => (Cow::Owned(attribute_key(&other.to_string())), Cow::Owned(other.to_string())),
    }
}

/// Declares `what` for `attribute` in `declared`, by the attribute's key ([`attribute_key`]):
/// declaring one attribute twice keeps the last. One rule for declared kinds and natures.
fn declare<T>(declared: &mut Vec<(String, T)>, attribute: &str, what: T) {
    let key = attribute_key(attribute);
    declared.retain(|(a, _)| *a != key);
    declared.push((key, what));
}

/// How attributes are compared in the vote and by declared kinds, in both readers: as labels
/// are (white space collapsed, lower case), so "Population" and "population" hold one kind,
/// as the `Reconciler` groups them.
pub(crate) fn attribute_key(name: &str) -> String {
    Label::new(name)
        .map_or_else(|_| crate::id::collapsed(name).to_lowercase(), |l| l.key().to_owned())
}

/// The error of a row the record reader rejected, in table `name`.
pub(crate) fn rejection(name: &str, r: Rejection) -> Error {
    Error::line(name, r.line as usize, r.field(), r.problem.to_string())
}

/// Where reading a table starts, once its columns are known (see [`Table::start`]).
pub(crate) struct Start<R> {
    /// The table, its columns as positions.
    pub table: Table,
    /// The stream from where its rows start.
    pub rest: records::Rest<R>,
    /// The line `rest` starts on.
    pub line: u64,
    /// Whether the header has been read (so `rest` starts after it, past any byte order mark).
    pub header_read: bool,
    /// A header that could not be read, when the columns can be found without it (by
    /// [`Table::csv`]'s default, by position): a rejected row, as any other.
    pub rejected: Option<Rejection>,
}

/// How a table's columns are found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Find {
    /// By position ([`Table::columns`], [`Table::tsv`]).
    At,
    /// By the header's names ([`Table::named`]): each must be there.
    Named(Box<Names>),
    /// [`Table::csv`]'s default: by name when the header names `source`, `object` and `value`
    /// (and, when it has them, `attribute` and `as_of`), else by position (an error when the
    /// header names one of the four columns in another of the positions read).
    Auto,
}

/// The header's names of a table's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Names {
    source: String,
    object: String,
    attribute: Option<String>,
    value: String,
}

/// `Table::read_bulk`'s largest buffer: bytes read from the stream at a time, once the
/// buffer has grown.
pub(crate) const BULK_BUFFER: usize = 16 << 20;

/// What the table readers hold at most: a row of `line` bytes (`MAX_LINE_BYTES`), and
/// `read_bulk`'s buffer of at most `buffer` bytes (16 MiB). Smaller only in tests and fuzzing (see
/// [`Table::with_small_limits`]), so that the edges of both are reached with small tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    pub line: usize,
    pub buffer: usize,
}

/// For [`Table::csv`]'s default read by position, an error when the header's cells hold a
/// number in the value column (`value`): a row, not a header, which would be lost.
fn a_row_as_header(header: &[Vec<u8>], value: usize) -> Result<(), String> {
    // A header names its columns: a number in the value column is a row's figure, and
    // reading the line as the header would drop that row without a word.
    match header.get(value).map(|c| c.trim_ascii()).filter(|c| cell::plain_number(c).is_some()) {
        Some(number) => Err(format!(
            "the first line is read as the header, but its value column (column {value}) holds the number {}, which names no column: if the table has no header, use Table::header(false); to read it by position anyway, Table::columns",
            String::from_utf8_lossy(number)
        )),
        None => Ok(()),
    }
}

/// For [`Table::csv`]'s default, a header (its cells in lower case) that does not name all
/// of `source`, `object` and `value`, whose columns are then read where `at` says (each
/// column's name and position): an error when it names one of them in another of the
/// columns read (a header `id,source,object,attribute,val` would read the ids as sources and
/// the attributes as values, every row, none rejected). A header that names none of them, or
/// names them where they are read, or only in columns not read (a citation column `source`
/// after the data), is read by position as before.
fn misplaced(cells: &[String], at: &[(&str, Option<usize>)]) -> Result<(), String> {
    let read: Vec<usize> = at.iter().filter_map(|&(_, i)| i).collect();
    let named = |name: &str| cells.iter().position(|c| c == name);
    let wrong = at.iter().find_map(|&(name, want)| {
        let i = named(name).filter(|i| read.contains(i) && Some(*i) != want)?;
        Some((name, i, want))
    });
    let Some((name, i, want)) = wrong else {
        return Ok(());
    };
    let missing: Vec<String> = ["source", "object", "value"]
        .iter()
        .filter(|n| named(n).is_none())
        .map(|n| format!("{n:?}"))
        .collect();
    let read_as = match at.iter().find(|&&(_, p)| p == Some(i)) {
        Some((other, _)) => format!("column {i} is read as the {other}"),
        None => format!("column {i} is not read"),
    };
    let wanted = want.map_or(String::new(), |w| format!(" and {name} from column {w}"));
    Err(format!(
        "the header names {name:?} in column {i}, but has no column named {}: the columns would be read by position, where {read_as}{wanted} (name every column, or use Table::named or Table::columns)",
        missing.join(" or ")
    ))
}

impl Table {
    /// Comma-separated, with a header row. When the header names the columns `source`,
    /// `object` and `value` (in any order, ignoring case and the white space around them),
    /// they are found by name, with `attribute` (else every row is about `value`) and an
    /// as-of column `as_of` if the header has them; otherwise the columns are source 0,
    /// object 1, attribute 2 and value 3, and a header that names one of these four in another
    /// of them is an error of the whole table (its rows would all be misread), and so is one
    /// whose value column holds a number (a row taken for the header would be lost: use
    /// [`Table::header`] for a table without one). Name other columns with [`Table::named`],
    /// or give positions with [`Table::columns`].
    #[must_use]
    pub fn csv() -> Self {
        Table {
            delimiter: b',',
            header: true,
            source: 0,
            object: 1,
            attribute: Some(2),
            value: 3,
            as_of: None,
            unit: None,
            nature: Nature::FixedFact,
            lossy: false,
            limits: Limits { line: MAX_LINE_BYTES, buffer: BULK_BUFFER },
            find: Find::Auto,
            as_of_name: None,
            unit_name: None,
            named: None,
            header_cells: None,
            kinds: Vec::new(),
            natures: Vec::new(),
        }
    }

    /// Tab-separated, no header; columns by position, the same as [`Table::csv`]'s.
    #[must_use]
    pub fn tsv() -> Self {
        Table { delimiter: b'\t', header: false, find: Find::At, ..Self::csv() }
    }

    /// Sets the columns by position (0-based) of the source, the object, the attribute
    /// (`None`: every row is about the same attribute, `value`) and the value; a header, if
    /// the table has one, is passed over unread. Any column may be given: a row without it is
    /// rejected with "the row has no column N (columns count from 0; it has M)", naming its
    /// line and field.
    #[must_use]
    pub fn columns(
        self,
        source: usize,
        object: usize,
        attribute: Option<usize>,
        value: usize,
    ) -> Self {
        Self { source, object, attribute, value, find: Find::At, ..self }
    }

    /// Finds the columns by the header's names, in any order: the source, the object, the
    /// attribute (`None`: every row is about the same attribute, `value`) and the value.
    /// Names are compared without the white space around them and ignoring ASCII case. Turns
    /// the header on.
    ///
    /// # Errors (when reading)
    /// A header without one of the names, or with one twice, is an error of the whole table
    /// ([`Error::Corpus`] naming the header's line and the field `header`): no row can be read
    /// without knowing its columns.
    ///
    /// ```
    /// use claimrecon::{Parser, Table};
    /// let csv = "population,city,editor\n1583,Springfield,ann\n";
    /// let rows: Vec<_> = Table::csv()
    ///     .named("editor", "city", None, "population")
    ///     .read("pop.csv", csv.as_bytes(), &Parser::default())
    ///     .collect();
    /// let claim = rows[0].as_ref().unwrap();
    /// assert_eq!(claim.provenance().outlet().as_str(), "ann");
    /// assert_eq!(claim.value().to_string(), "1,583");
    /// ```
    #[must_use]
    pub fn named(self, source: &str, object: &str, attribute: Option<&str>, value: &str) -> Self {
        let names = Names {
            source: source.to_owned(),
            object: object.to_owned(),
            attribute: attribute.map(str::to_owned),
            value: value.to_owned(),
        };
        Self { find: Find::Named(Box::new(names)), header: true, ..self }
    }

    /// Sets the column of an as-of date (`YYYY-MM-DD`: four digits of a year from 1000 to 9999,
    /// two of a month, two of a day; white space around the cell does not count) by position.
    /// A corpus's dates are read by the same rule. An empty (or blank) cell gives no date: the
    /// row's claim is undated, as a corpus claim without `as_of` is.
    #[must_use]
    pub fn as_of(self, column: usize) -> Self {
        Self { as_of: Some(column), as_of_name: None, ..self }
    }

    /// Sets the column of an as-of date by the header's name, compared as in
    /// [`Table::named`] (with [`Table::csv`]'s default columns, a column named `as_of` is
    /// found without this). Turns the header on; the other columns are found as before.
    #[must_use]
    pub fn as_of_named(self, name: &str) -> Self {
        Self { as_of: None, as_of_name: Some(name.to_owned()), header: true, ..self }
    }

    /// Sets the column of the values' unit by position: each value is read followed by its
    /// row's unit ("1,583" and "people" read as "1,583 people"; "5" and "tenge" as "5
    /// tenge"); an empty unit cell adds nothing. A value that holds a unit of its own and a
    /// unit cell is read as written together, and usually fails ("5 tenge tenge").
    #[must_use]
    pub fn unit(self, column: usize) -> Self {
        Self { unit: Some(column), unit_name: None, ..self }
    }

    /// Sets the column of the values' unit by the header's name (see [`Table::unit`] and
    /// [`Table::named`]; with [`Table::csv`]'s default columns, a column named `unit` is found
    /// without this). Turns the header on.
    #[must_use]
    pub fn unit_named(self, name: &str) -> Self {
        Self { unit: None, unit_name: Some(name.to_owned()), header: true, ..self }
    }

    /// Declares the kind of value `attribute` holds, instead of the kind of most of its cells:
    /// numbers of a dimension, dates, or labels (every cell read as written, unparsed: postcodes,
    /// flight numbers). A cell of another kind is a rejected row (`the value is a label
    /// ("lots"), while attribute "population" holds numbers (declared): cannot read "lots" at
    /// byte 0: expected a number, ...`). Attributes are
    /// compared as labels are (white space collapsed, ignoring case); declaring one twice keeps
    /// the last.
    #[must_use]
    pub fn kind(mut self, attribute: &str, kind: CellKind) -> Self {
        declare(&mut self.kinds, attribute, kind);
        self
    }

    /// The kind declared for the attribute of key `key` (see [`attribute_key`]), if any.
    pub(crate) fn declared(&self, key: &str) -> Option<Kind> {
        self.kinds.iter().find(|(a, _)| a == key).map(|&(_, k)| k)
    }

    /// Whether the first row is a header.
    #[must_use]
    pub fn header(self, header: bool) -> Self {
        Self { header, ..self }
    }

    /// Replace bytes that are not UTF-8 by U+FFFD instead of rejecting the row (for scraped
    /// tables with mojibake; off by default, when such a row is an error naming its line).
    #[must_use]
    pub fn lossy_utf8(self, lossy: bool) -> Self {
        Self { lossy, ..self }
    }

    /// How the attributes behave over time (default: fixed facts), for every attribute that
    /// [`Table::nature_of`] does not name.
    #[must_use]
    pub fn nature(self, nature: Nature) -> Self {
        Self { nature, ..self }
    }

    /// How one attribute behaves over time, whatever [`Table::nature`] says for the others: a
    /// table of tolls, curfews and populations holds a running total, a changing state and a
    /// fixed fact. Attributes are compared as labels are (white space collapsed, ignoring
    /// case); declaring one twice keeps the last. Both readers give every claim of the
    /// attribute this nature.
    ///
    /// ```
    /// use claimrecon::{Nature, Parser, Reconciler, Table};
    /// let csv = "source,object,attribute,value,as_of\n\
    ///            a,Almaty,killed,164,2022-01-10\nb,Almaty,killed,164,2022-01-10\n\
    ///            c,Almaty,killed,225,2022-01-25\n\
    ///            a,Almaty,curfew,yes,2022-01-05\nb,Almaty,curfew,no,2022-01-13\n";
    /// let table = Table::csv()
    ///     .nature(Nature::ChangingState)
    ///     .nature_of("Killed", Nature::RunningTotal);
    /// let bulk = table.read_bulk("almaty.csv", csv.as_bytes(), &Parser::default())?;
    /// let result = Reconciler::new().reconcile_table(&bulk);
    /// // The toll rose: the latest figure stands, the earlier ones beneath it.
    /// assert_eq!(result.estimate("Almaty", "killed").unwrap().figure.best_number(), Some(225.0));
    /// // The curfew was lifted: the latest day's state.
    /// assert_eq!(result.estimate("Almaty", "curfew").unwrap().figure.to_string(), "no");
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn nature_of(mut self, attribute: &str, nature: Nature) -> Self {
        declare(&mut self.natures, attribute, nature);
        self
    }

    /// The nature of the attribute of key `key` (see [`attribute_key`]): its own, if
    /// [`Table::nature_of`] declared one, else the table's.
    pub(crate) fn nature_for(&self, key: &str) -> Nature {
        self.natures.iter().find(|(a, _)| a == key).map_or(self.nature, |&(_, n)| n)
    }

    /// For tests and fuzzing, not part of the API: a line limit of `line` bytes instead of
    /// [`MAX_LINE_BYTES`] (at least 1), and a largest buffer of `buffer` bytes instead of
    /// 16 MiB for both readers (at least `line + 2`, at most 16 MiB), so that a test
    /// reaches the edges of both with tables of a few bytes. Messages name the smaller limit.
    #[doc(hidden)]
    #[must_use]
    pub fn with_small_limits(self, line: usize, buffer: usize) -> Self {
        let line = line.clamp(1, MAX_LINE_BYTES);
        let buffer = buffer.clamp(line + 2, BULK_BUFFER);
        Self { limits: Limits { line, buffer }, ..self }
    }

    /// The cells read from each row, by field name and column: a cell of these may not hold a
    /// line end (see `records`). The as-of column is left out: a date never holds one.
    pub(crate) fn read_columns(&self) -> impl Iterator<Item = (&'static str, usize)> {
        [
            Some(("source", self.source)),
            Some(("object", self.object)),
            self.attribute.map(|a| ("attribute", a)),
            Some(("value", self.value)),
            self.unit.map(|u| ("unit", u)),
        ]
        .into_iter()
        .flatten()
    }

    /// Whether fields may be quoted: in CSV, not in TSV (where a quote is a plain character).
    pub(crate) fn quoting(&self) -> bool {
        self.delimiter == b','
    }

    /// The number of cells a row needs: one past the last column read.
    pub(crate) fn width(&self) -> usize {
        [
            Some(self.source),
            Some(self.object),
            self.attribute,
            Some(self.value),
            self.as_of,
            self.unit,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0)
        // Columns are any `usize` (`Table::columns(usize::MAX, ..)`): a column no row has
        // rejects each row, it never overflows.
        .saturating_add(1)
    }

    /// Whether the columns are found in the header, which must then be read before the rows.
    fn finds_by_name(&self) -> bool {
        self.header
            && (!matches!(self.find, Find::At)
                || self.as_of_name.is_some()
                || self.unit_name.is_some())
    }

    /// The start of reading `reader`: a header is read, its cells counted (a row may have as
    /// many), and when the columns are found by name they become positions (one definition
    /// for both readers).
    ///
    /// # Errors
    /// A table name too long (or not a name) for the claim ids `name:line` is an
    /// [`Error::Corpus`] of the field `name`; a header that cannot be read, or that lacks a name
    /// the table looks for or holds it twice, one of the field `header`; a failure of `reader`
    /// an [`Error::Io`].
    pub(crate) fn start<R: Read>(&self, name: &str, reader: R) -> Result<Start<R>, Error> {
        // Claim ids are `name:line`: a name that leaves no room for any line number would reject
        // the rows from some line on in `Table::read` only.
        ClaimId::new(&format!("{name}:{}", u64::MAX)).map_err(|e| e.in_line(name, 1, "name"))?;
        let named = self.as_of_name.is_some() || self.unit_name.is_some();
        if !self.header && (matches!(self.find, Find::Named(_)) || named) {
            let problem = "the columns are named, but the table has no header (give positions \
                           with Table::columns, Table::as_of and Table::unit)";
            return Err(Error::line(name, 1, "header", problem));
        }
        if !self.header {
            let rest = std::io::Cursor::new(Vec::new()).chain(reader);
            let table = self.clone();
            return Ok(Start { table, rest, line: 1, header_read: false, rejected: None });
        }
        // A header is read whether or not it names the columns: its cells are how many a row
        // may have (`header_cells`).
        let mut records = Records::header_row(reader, self);
        let (header, rejected) = match records.next() {
            None => (None, None),
            Some(Ok(Next::Record(r))) => {
                (Some((r.line(), r.iter().map(<[u8]>::to_vec).collect::<Vec<_>>())), None)
            }
            Some(Ok(Next::Rejected(r))) => (None, Some(r)),
            Some(Err(e)) => return Err(Error::io(name, e.line, e.error)),
        };
        let (rest, line) = records.into_rest().map_err(|e| Error::io(name, e.line, e.error))?;
        let positions = self.positions();
        let header_cells = header.as_ref().map(|(_, cells)| cells.len());
        let table = match (header, rejected) {
            (Some((at, cells)), _) if self.finds_by_name() => {
                self.resolve(&cells).map_err(|p| Error::line(name, at as usize, "header", p))?
            }
            // Columns looked for by name need a header, unless by default.
            (None, Some(r))
                if self.finds_by_name() && (named || !matches!(self.find, Find::Auto)) =>
            {
                let problem = format!("the header cannot be read: {}", r.problem);
                return Err(Error::line(name, r.line as usize, "header", problem));
            }
            // Columns by position; by default, under a header that cannot be read (with no
            // count of cells: the header's is unknown); or no header, the stream holding blank
            // lines at most: the columns stay where they are.
            _ => positions,
        };
        let table = Table { header_cells, ..table };
        Ok(Start { table, rest, line, header_read: true, rejected })
    }

    /// This table with its columns where they are, by position, its header read.
    fn positions(&self) -> Table {
        Table { header: false, find: Find::At, as_of_name: None, unit_name: None, ..self.clone() }
    }

    /// This table with its columns found in `header` (the header row's cells) as positions.
    fn resolve(&self, header: &[Vec<u8>]) -> Result<Table, String> {
        let cells: Vec<String> =
            header.iter().map(|c| String::from_utf8_lossy(c).trim().to_ascii_lowercase()).collect();
        let find = |name: &str| -> Result<Option<usize>, String> {
            let key = name.trim().to_ascii_lowercase();
            let mut at = cells.iter().enumerate().filter(|(_, c)| **c == key).map(|(i, _)| i);
            match (at.next(), at.next()) {
                (None, _) => Ok(None),
                (Some(i), None) => Ok(Some(i)),
                (Some(i), Some(j)) => {
                    Err(format!("the header names {name:?} twice (columns {i} and {j})"))
                }
            }
        };
        let need = |name: &str| -> Result<usize, String> {
            find(name)?.ok_or_else(|| {
                // A header of a million cells is named in a line, not in megabytes.
                let mut has: Vec<String> = header
                    .iter()
                    .take(20)
                    .map(|c| format!("{:?}", String::from_utf8_lossy(c)))
                    .collect();
                if header.len() > 20 {
                    has.push(format!("and {} more", header.len() - 20));
                }
                format!("the header has no column named {name:?} (it has {})", has.join(", "))
            })
        };
        let mut t = self.positions();
        let mut named: Vec<(&'static str, String)> = Vec::new();
        let mut found = |names: [(&'static str, Option<&str>); 4]| {
            let given = names.into_iter().filter_map(|(field, name)| Some((field, name?)));
            named.extend(given.map(|(field, name)| (field, name.trim().to_owned())));
        };
        match &self.find {
            Find::Named(n) => {
                t.source = need(&n.source)?;
                t.object = need(&n.object)?;
                t.attribute = n.attribute.as_deref().map(need).transpose()?;
                t.value = need(&n.value)?;
                let given = [
                    ("source", Some(n.source.as_str())),
                    ("object", Some(n.object.as_str())),
                    ("attribute", n.attribute.as_deref()),
                    ("value", Some(n.value.as_str())),
                ];
                found(given);
            }
            // By name only when the header names all three (a name given twice among them is
            // then an error); otherwise by position, unless the header names one of the four
            // columns in another of the first four (see `misplaced`).
            Find::Auto
                if ["source", "object", "value"].iter().all(|n| cells.iter().any(|c| c == n)) =>
            {
                if let (Some(source), Some(object), Some(value)) =
                    (find("source")?, find("object")?, find("value")?)
                {
                    (t.source, t.object, t.value) = (source, object, value);
                    t.attribute = find("attribute")?;
                    let given = [
                        ("source", Some("source")),
                        ("object", Some("object")),
                        ("attribute", t.attribute.map(|_| "attribute")),
                        ("value", Some("value")),
                    ];
                    found(given);
                    // The default names of the optional columns, when no other is given.
                    if self.as_of.is_none() && self.as_of_name.is_none() {
                        t.as_of = find("as_of")?;
                        named.extend(t.as_of.map(|_| ("as_of", "as_of".to_owned())));
                    }
                    if self.unit.is_none() && self.unit_name.is_none() {
                        t.unit = find("unit")?;
                        named.extend(t.unit.map(|_| ("unit", "unit".to_owned())));
                    }
                }
            }
            // By position, as they were; a header that names some of the columns elsewhere
            // than their positions would be read wrongly so (every row misread, none rejected).
            Find::Auto => {
                let at = [
                    ("source", Some(t.source)),
                    ("object", Some(t.object)),
                    ("attribute", t.attribute),
                    ("value", Some(t.value)),
                ];
                misplaced(&cells, &at)?;
                a_row_as_header(header, t.value)?;
            }
            Find::At => {}
        }
        if let Some(name) = &self.as_of_name {
            t.as_of = Some(need(name)?);
            named.push(("as_of", name.trim().to_owned()));
        }
        if let Some(name) = &self.unit_name {
            t.unit = Some(need(name)?);
            named.push(("unit", name.trim().to_owned()));
        }
        // Each column found by name as the header spells it ("Figure" for `figure`).
        for (field, name) in &mut named {
            let at = t.read_columns().chain(t.as_of.map(|a| ("as_of", a)));
            if let Some(cell) = at.filter(|(f, _)| f == field).find_map(|(_, i)| header.get(i)) {
                String::from_utf8_lossy(cell).trim().clone_into(name);
            }
        }
        t.named = (!named.is_empty()).then(|| named.into_boxed_slice());
        Ok(t)
    }

    /// The header's name of the column read as `field` (`source`, `object`, `attribute`,
    /// `value`, `as_of`, `unit`), when the columns were found by their names.
    fn column_name(&self, field: &str) -> Option<&str> {
        let named = self.named.as_ref()?;
        named.iter().find(|(f, _)| *f == field).map(|(_, name)| name.as_str())
    }

    /// A row's error as its table's user reads it: its field the column's name in the header,
    /// where the columns were found by their names (a row of a table whose header says
    /// `population` is wrong in `population`, not in the `value` it is read as); a whole row's
    /// error (`row`) and a table read by position are left as they are. One rule for both
    /// readers, applied to every row's error once it is made.
    pub(crate) fn name_column(&self, error: &mut Error) {
        if let Error::Corpus { field, .. } = error
            && let Some(name) = self.column_name(field)
        {
            name.clone_into(field);
        }
    }

    /// Why a row without column `i`, read as `field`, is rejected; the row has `cells` cells.
    pub(crate) fn missing_column(&self, field: &str, i: usize, cells: usize) -> String {
        match self.column_name(field) {
            Some(name) => {
                format!("the row has no column {name:?} (column {i} of the header; it has {cells})")
            }
            None => format!("the row has no column {i} (columns count from 0; it has {cells})"),
        }
    }

    /// Reads rows: one claim or one error per data row, in order. The claim id is
    /// `name:line`; the subject is the attribute as a measure, about the object as its event.
    ///
    /// A row ends at `\n`, `\r\n` or a lone `\r` (old Mac exports), and files may mix them;
    /// each ends one line, and line numbers count them so. Rows of white space only are
    /// skipped, at any length; with a header, the first row that is not blank is the header,
    /// even one rejected as too long (the row after it is data). A UTF-8 byte order mark at the
    /// start is skipped.
    ///
    /// In CSV a cell that starts with `"` is quoted: it may hold commas, `""` in it is one
    /// `"`, and text after the closing quote joins the cell. A quote elsewhere in a cell, and
    /// every quote in TSV, is a plain character. A quoted cell may hold line ends only in a
    /// column the table does not read (the row keeps the number of the line it starts on): in
    /// the source, object, attribute or value, a line end is far more often a quote left open
    /// and closed by a later row's quote, which would merge the rows between into one cell.
    ///
    /// # Errors
    /// When the columns are found by name ([`Table::named`], [`Table::as_of_named`]), a header
    /// that lacks a name or holds one twice, or that cannot be read, is an [`Error::Corpus`] of
    /// the field `header` and the only item: no row can be read without its columns.
    /// Otherwise each item is a claim or the error of one row: an [`Error::Corpus`] naming the
    /// file, the row's line and the field, holding the cell's own error when it has one (the
    /// [`Error::Parse`] of a value that does not read, the [`Error::InvalidName`] of a bad
    /// source). A row longer than [`MAX_LINE_BYTES`](crate::MAX_LINE_BYTES) is an error ("the
    /// line is longer than 1048576 bytes") and reading goes on at the next line. A source,
    /// object, attribute or value that holds a line end is an error of that field ("the cell
    /// holds a line end: the quote opened at line N may be unclosed"), and so is a quote still
    /// open when its row grows beyond `MAX_LINE_BYTES` ("the quote opened at line N is not
    /// closed within 1048576 bytes") or at the end of the stream ("unclosed quote opened at
    /// line N"): in all three, reading goes on from the line after line N, so the lines that
    /// followed the quote are read as rows. Under a header, a row with more cells than the
    /// header has is an error of the field `row` ("the row has 5 cells where the header has
    /// 4: a cell holding a comma must be quoted, as "1,000""), as an unquoted delimiter would
    /// otherwise leave part of a value unread; when every cell past the header's is blank,
    /// the message says the line ends with a delimiter ("the row has 5 cells where the header
    /// has 4, the last empty: the line ends with a delimiter"). A failure of `reader` is an [`Error::Io`]
    /// naming the line where reading stopped and holding the reader's error, and the last
    /// item.
    ///
    /// A value cell is read as [`Table::read_bulk`] reads it (one definition): a phrase the
    /// [`Parser`] reads ("1,583", "about 1,000", "5 tenge", "2022-01-05"), or else a label
    /// ([`Value::Category`](crate::Value::Category)); a cell spelled as a number claimrecon
    /// does not hold ("NaN", "1e309", "-5"), a value spelled that cannot be ("5-3",
    /// "2022-02-30") or digits with separators it cannot read ("3.645.000", "1 000") is an
    /// error. Each attribute holds one kind of value,
    /// decided over the whole table: the kind of most of its cells (numbers of one dimension,
    /// dates, or labels and other values; numbers, then dates, on a tie); a claim of another
    /// kind is an error of its row saying what the attribute holds and, for a label, why it
    /// reads as no number or date ("the value is a label (\"lots\"), while attribute
    /// \"population\" holds numbers (3 of its 4 cells): cannot read \"lots\" at byte 0:
    /// expected a number, ...", the parser's error its inner one).
    ///
    /// # Complexity
    /// O(n) time for n bytes, the rows parsed in parallel pieces (on the rayon pool), as
    /// [`Table::read_bulk`] parses them. The whole table is read before the first item is
    /// given (the kinds are decided over all of it): memory is the claims read, as a
    /// `Reconciler` will hold them, and a buffer of at most 16 MiB while reading.
    pub fn read<'p, R: Read + 'p>(
        &self,
        name: &str,
        reader: R,
        parser: &'p Parser,
    ) -> impl Iterator<Item = Result<Claim, Error>> + 'p {
        self.read_all(name, reader, parser).into_iter().map(|(_, item)| item)
    }

    /// Every data row of the table as a claim or an error, with its line, in order; claims of
    /// a kind their attribute does not hold become errors (see [`cell`]). The rows come from
    /// the pieces both readers read ([`pieces`]), parsed in parallel.
    fn read_all<R: Read>(
        &self,
        name: &str,
        reader: R,
        parser: &Parser,
    ) -> Vec<(usize, Result<Claim, Error>)> {
        let Start { table, rest, line, header_read, rejected } = match self.start(name, reader) {
            Ok(start) => start,
            // The columns are unknown: no row can be read.
            Err(e) => return vec![(0, Err(e))],
        };
        let mut rows = ClaimRows { table: &table, name, parser, names: SharedNames::default() };
        let from = pieces::Stream { rest, line, header_read, rejected };
        let (pieces, failed) = pieces::read(&table, name, from, &mut rows);
        // One vector of the rows, each piece's freed once moved.
        let mut items: Vec<(usize, Result<Claim, Error>)> =
            Vec::with_capacity(pieces.iter().map(|p| p.items.len()).sum::<usize>() + 1);
        for piece in pieces {
            items.extend(piece.items);
        }
        // The failure of the reader, the last item; its line is in the error.
        items.extend(failed.map(|e| (usize::MAX, Err(e))));
        let mut kinds: Kinds<String> = Kinds::default();
        for (attribute, kind) in &table.kinds {
            kinds.declare(attribute.clone(), *kind);
        }
        for (_, item) in &items {
            if let Ok(c) = item {
                kinds.count_borrowed(&*attribute_of(c).0, Kind::of(c.value()));
            }
        }
        for (line, item) in &mut items {
            let Ok(c) = item else { continue };
            let (key, attribute) = attribute_of(c);
            let kind = Kind::of(c.value());
            let shown = (!matches!(kind, Kind::Number(_))).then(|| cell::shown(c.value()));
            if let Some(problem) = kinds.misfit(&*key, &attribute, kind, shown.as_deref()) {
                *item =
                    Err(cell::misfit_error(name, *line, problem, kind, shown.as_deref(), parser));
            }
        }
        for (_, item) in &mut items {
            if let Err(e) = item {
                table.name_column(e);
            }
        }
        items
    }

    /// The claim of a row of `cells` at `line`, or its first problem, checking the fields in
    /// one order (source, object, attribute, value and unit, the claim's id, as-of): the one
    /// definition of a row's error, which `read_bulk` also gives for a row it rejects.
    pub(crate) fn claim_of(
        &self,
        name: &str,
        line: usize,
        cells: &[&[u8]],
        parser: &Parser,
        names: &mut RowNames<'_>,
    ) -> Result<Claim, Error> {
        // The error of a cell's value, kept whole inside the row's error.
        let wrap = |field: &'static str| move |e: Error| e.in_line(name, line, field);
        let cell = |field: &str, i: usize| self.cell_text(name, line, cells, field, i);
        let source = names.source(&cell("source", self.source)?).map_err(wrap("source"))?;
        let object = cell("object", self.object)?;
        let attribute = match self.attribute {
            Some(i) => cell("attribute", i),
            None => Ok(Cow::Borrowed("value")),
        };
        // Most rows name a variable as an earlier row wrote it: one look-up, and no error.
        let (subject, declared) =
            match attribute.as_ref().ok().and_then(|a| names.variable(&object, a)) {
                Some(known) => known,
                None => self.variable(name, line, &object, attribute, names)?,
            };
        let value = cell("value", self.value)?;
        let unit = self.unit.map(|i| cell("unit", i)).transpose()?;
        let joined = match cell::with_unit(value.as_bytes(), unit.as_deref().map(str::as_bytes)) {
            Cow::Owned(joined) => Some(joined),
            Cow::Borrowed(_) => None,
        };
        // Two texts joined by a space are text; a cell alone is read as it is.
        let value = match joined {
            Some(joined) => Cow::Owned(String::from_utf8_lossy(&joined).into_owned()),
            None => value,
        };
        let value = cell::read(&value, parser, declared).map_err(wrap("value"))?.into_value();
        let id = names.claim_id(name, line).map_err(wrap("row"))?;
        let mut claim = Claim::sharing(id, subject, value, source);
        if let Some(date) = self.as_of_date(name, line, cells)? {
            claim = claim.with_as_of(date);
        }
        Ok(claim)
    }

    /// The subject and declared kind of a row at `line` whose object and attribute cells read
    /// `object` and `attribute` (or the attribute cell's error), read from their names, or the
    /// first problem of the two: `claim_of`'s path for a variable written as no row before.
    #[cold]
    fn variable(
        &self,
        name: &str,
        line: usize,
        object: &str,
        attribute: Result<Cow<'_, str>, Error>,
        names: &mut RowNames<'_>,
    ) -> Result<(Arc<Subject>, Option<Kind>), Error> {
        let wrap = |field: &'static str| move |e: Error| e.in_line(name, line, field);
        let object_name = names.label(object).map_err(wrap("object"))?;
        let attribute = attribute?;
        let attribute_name = names.label(&attribute).map_err(wrap("attribute"))?;
        let declared = self.declared(attribute_name.key());
        let subject = names.subject(&object_name, &attribute_name, || {
            Subject::new(Measure::Other(attribute_name.clone()))
                .event(object_name.clone())
                .nature(self.nature_for(attribute_name.key()))
        });
        names.new.remember(object, &attribute, Arc::clone(&subject), declared);
        Ok((subject, declared))
    }

    /// Cell `i` of a row of `cells` at `line`, read as `field`: as text (lossy if the table
    /// says so), or the row's error (no such column, not UTF-8).
    fn cell_text<'c>(
        &self,
        name: &str,
        line: usize,
        cells: &[&'c [u8]],
        field: &str,
        i: usize,
    ) -> Result<std::borrow::Cow<'c, str>, Error> {
        let err = |problem: String| Error::line(name, line, field, problem);
        let bytes = cells.get(i).ok_or_else(|| err(self.missing_column(field, i, cells.len())))?;
        if self.lossy {
            return Ok(String::from_utf8_lossy(bytes));
        }
        std::str::from_utf8(bytes)
            .map(std::borrow::Cow::Borrowed)
            .map_err(|e| err(cell::not_utf8(&e)))
    }

    /// The as-of date of a row of `cells` at `line`, if the table has an as-of column: one
    /// definition for both readers.
    pub(crate) fn as_of_date(
        &self,
        name: &str,
        line: usize,
        cells: &[&[u8]],
    ) -> Result<Option<NaiveDate>, Error> {
        let Some(i) = self.as_of else { return Ok(None) };
        let text = self.cell_text(name, line, cells, "as_of", i)?;
        // White space around the cell does not count, as in every cell read; a blank cell
        // states no date, as a corpus claim without `as_of` does.
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        crate::value::read_day(text, name, line, "as_of").map(Some)
    }
}

/// The names a table repeats row after row (sources, objects, attributes), each read once
/// and shared by the rows that give it: a table of millions of rows names a few thousand.
/// A cell that is not a valid name is not kept: each row giving it gets its own error.
#[derive(Debug, Default)]
pub(crate) struct SharedNames {
    /// Per source as written: the provenance its rows' claims share (the source alone).
    sources: HashMap<String, Arc<Provenance>, FixedState>,
    labels: HashMap<String, Label, FixedState>,
    /// Per object and attribute as written (joined by a NUL, which no name holds): the
    /// subject their rows' claims share.
    subjects: HashMap<String, Arc<Subject>, FixedState>,
    /// Per object and attribute cells as a row gives them (joined by a NUL; white space
    /// uncollapsed): the subject of `subjects` their names make, and the kind declared for
    /// the attribute, so that a row naming a variable as an earlier row did is one look-up.
    /// Only cells that are valid names are kept.
    variables: HashMap<String, (Arc<Subject>, Option<Kind>), FixedState>,
    /// The key of the last subject looked up, reused.
    key: String,
    /// The text of the last claim id made, reused.
    id: String,
}

impl SharedNames {
    /// The source id a cell gives ([`SourceId::new`]), as the provenance of its row's claim.
    pub(crate) fn source(&mut self, text: &str) -> Result<Arc<Provenance>, Error> {
        shared(&mut self.sources, text, |t| Ok(Arc::new(Provenance::new(SourceId::new(t)?))))
    }

    /// The label a cell gives ([`Label::new`]).
    pub(crate) fn label(&mut self, text: &str) -> Result<Label, Error> {
        shared(&mut self.labels, text, Label::new)
    }

    /// The subject of rows about `object` and `attribute` (as written), made by `make` for
    /// the first of them and shared after.
    pub(crate) fn subject(
        &mut self,
        object: &Label,
        attribute: &Label,
        make: impl FnOnce() -> Subject,
    ) -> Arc<Subject> {
        joined_key(&mut self.key, object.as_str(), attribute.as_str());
        if let Some(subject) = self.subjects.get(self.key.as_str()) {
            return Arc::clone(subject);
        }
        let subject = Arc::new(make());
        self.subjects.insert(self.key.clone(), Arc::clone(&subject));
        subject
    }

    /// Keeps the subject and declared kind of rows whose object and attribute cells read
    /// `object` and `attribute` (valid names), for [`RowNames::variable`].
    fn remember(
        &mut self,
        object: &str,
        attribute: &str,
        subject: Arc<Subject>,
        declared: Option<Kind>,
    ) {
        joined_key(&mut self.key, object, attribute);
        self.variables.insert(self.key.clone(), (subject, declared));
    }
}

/// `key` made `a` and `b` joined by a NUL, which no name holds.
fn joined_key(key: &mut String, a: &str, b: &str) {
    key.clear();
    key.push_str(a);
    key.push('\0');
    key.push_str(b);
}

/// The names a row is read with: those its table's earlier buffers gave, which every piece
/// reads at once, and those its own piece met first (see [`SharedNames::absorb`]).
pub(crate) struct RowNames<'a> {
    pub earlier: &'a SharedNames,
    pub new: &'a mut SharedNames,
}

impl RowNames<'_> {
    /// See [`SharedNames::source`].
    fn source(&mut self, text: &str) -> Result<Arc<Provenance>, Error> {
        match self.earlier.sources.get(text) {
            Some(p) => Ok(Arc::clone(p)),
            None => self.new.source(text),
        }
    }

    /// See [`SharedNames::label`].
    fn label(&mut self, text: &str) -> Result<Label, Error> {
        match self.earlier.labels.get(text) {
            Some(l) => Ok(l.clone()),
            None => self.new.label(text),
        }
    }

    /// The subject and declared kind of a row whose object and attribute cells read `object`
    /// and `attribute`, if a row before it in its piece or an earlier buffer gave them alike
    /// (see `SharedNames::variables`).
    fn variable(&mut self, object: &str, attribute: &str) -> Option<(Arc<Subject>, Option<Kind>)> {
        let key = &mut self.new.key;
        joined_key(key, object, attribute);
        let known = self.earlier.variables.get(key.as_str());
        let (subject, declared) = known.or_else(|| self.new.variables.get(key.as_str()))?;
        Some((Arc::clone(subject), *declared))
    }

    /// The id of the claim of the row at `line` of table `name`: `name:line`, written where
    /// the last was and shared from there (one allocation).
    fn claim_id(&mut self, name: &str, line: usize) -> Result<ClaimId, Error> {
        let id = &mut self.new.id;
        id.clear();
        id.push_str(name);
        id.push(':');
        push_decimal(id, line);
        ClaimId::new(id)
    }

    /// See [`SharedNames::subject`].
    fn subject(
        &mut self,
        object: &Label,
        attribute: &Label,
        make: impl FnOnce() -> Subject,
    ) -> Arc<Subject> {
        let key = &mut self.new.key;
        joined_key(key, object.as_str(), attribute.as_str());
        match self.earlier.subjects.get(key.as_str()) {
            Some(subject) => Arc::clone(subject),
            None => self.new.subject(object, attribute, make),
        }
    }
}

/// Which shared subject and provenance replaces one a piece made for a name another piece of
/// its buffer made first, by address.
#[derive(Default)]
struct Remap {
    subjects: HashMap<*const Subject, Arc<Subject>, FixedState>,
    sources: HashMap<*const Provenance, Arc<Provenance>, FixedState>,
}

impl Remap {
    /// Gives `claim` the shared subject and provenance of its names.
    fn share(&self, claim: &mut Claim) {
        let (subject, provenance) = claim.shared_parts_mut();
        if let Some(s) = self.subjects.get(&Arc::as_ptr(subject)) {
            *subject = Arc::clone(s);
        }
        if let Some(p) = self.sources.get(&Arc::as_ptr(provenance)) {
            *provenance = Arc::clone(p);
        }
    }
}

impl SharedNames {
    /// Takes in the names a piece met first (pieces in line order): a name already held keeps
    /// what it holds, and `remap` says what replaces the piece's own.
    fn absorb(&mut self, new: SharedNames, remap: &mut Remap) {
        absorb_shared(&mut self.sources, new.sources, &mut remap.sources);
        absorb_shared(&mut self.subjects, new.subjects, &mut remap.subjects);
        for (text, (subject, declared)) in new.variables {
            self.variables.entry(text).or_insert_with(|| {
                let shared = remap.subjects.get(&Arc::as_ptr(&subject));
                (shared.map_or(subject, Arc::clone), declared)
            });
        }
        for (text, l) in new.labels {
            self.labels.entry(text).or_insert(l);
        }
    }
}

/// Moves the shared values `new` holds into `held`, name by name; for a name `held` already
/// has, `remap` maps the address of `new`'s value to the value held.
fn absorb_shared<T>(
    held: &mut HashMap<String, Arc<T>, FixedState>,
    new: HashMap<String, Arc<T>, FixedState>,
    remap: &mut HashMap<*const T, Arc<T>, FixedState>,
) {
    for (text, value) in new {
        match held.get(&text) {
            Some(kept) => _ = remap.insert(Arc::as_ptr(&value), Arc::clone(kept)),
            None => _ = held.insert(text, value),
        }
    }
}

/// `Table::read`'s rows: per piece, each row's claim or error with its line, and the names the
/// piece met first; after each buffer, its pieces' names join the table's, so that the claims
/// of one variable hold one subject and those of one source one provenance, whichever piece
/// read them.
struct ClaimRows<'a> {
    table: &'a Table,
    name: &'a str,
    parser: &'a Parser,
    names: SharedNames,
}

/// A piece of `Table::read`'s rows.
#[derive(Default)]
struct ClaimPiece {
    items: Vec<(usize, Result<Claim, Error>)>,
    names: SharedNames,
}

impl Rows for ClaimRows<'_> {
    type Piece = ClaimPiece;

    fn piece(&self, _bytes: usize) -> ClaimPiece {
        ClaimPiece::default()
    }

    fn row(&self, piece: &mut ClaimPiece, line: u64, cells: &[&[u8]], _: &mut Vec<u8>) {
        let mut names = RowNames { earlier: &self.names, new: &mut piece.names };
        let claim = self.table.claim_of(self.name, line as usize, cells, self.parser, &mut names);
        piece.items.push((line as usize, claim));
    }

    fn rejected(&self, piece: &mut ClaimPiece, r: Rejection) {
        piece.items.push((r.line as usize, Err(rejection(self.name, r))));
    }

    fn buffer_done(&mut self, pieces: &mut [ClaimPiece]) {
        let mut remap = Remap::default();
        for piece in pieces.iter_mut() {
            self.names.absorb(std::mem::take(&mut piece.names), &mut remap);
        }
        if remap.subjects.is_empty() && remap.sources.is_empty() {
            return;
        }
        for piece in pieces {
            for (_, item) in &mut piece.items {
                if let Ok(claim) = item {
                    remap.share(claim);
                }
            }
        }
    }
}

/// Writes `n` in decimal digits at the end of `text`, as `Display` does, without its
/// formatting machinery (one claim id a row).
fn push_decimal(text: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b"0123456789"[n % 10];
        n /= 10;
        if n == 0 {
            break;
        }
    }
    text.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// The name `text` gives, read by `read` the first time and shared after; an error is not
/// kept.
fn shared<T: Clone>(
    seen: &mut HashMap<String, T, FixedState>,
    text: &str,
    read: impl FnOnce(&str) -> Result<T, Error>,
) -> Result<T, Error> {
    if let Some(name) = seen.get(text) {
        return Ok(name.clone());
    }
    let name = read(text)?;
    seen.insert(text.to_owned(), name.clone());
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_share_their_subject_and_provenance_and_keep_their_spelling() {
        let csv = "source,object,attribute,value\na,Oslo,population,1\nb,Oslo,population,2\n\
                   c,oslo,population,3\na,Oslo,area,4\nA,Oslo,area,5\nd, Oslo,population ,6\n";
        let claims: Vec<Claim> = Table::csv()
            .read("t.csv", csv.as_bytes(), &Parser::default())
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        assert_eq!(claims.len(), 6);
        let subject = |i: usize| claims[i].subject();
        // One subject held once for the rows that write it alike, white space aside...
        assert!(std::ptr::eq(subject(0), subject(1)));
        assert!(std::ptr::eq(subject(0), subject(5)));
        // ...and its own for a row that spells the object otherwise, or names another
        // attribute: a claim's subject reads as its row wrote it.
        assert!(!std::ptr::eq(subject(0), subject(2)));
        assert!(!std::ptr::eq(subject(0), subject(3)));
        assert_eq!(subject(2).which_event().map(Label::as_str), Some("oslo"));
        assert_eq!(subject(0).which_event().map(Label::as_str), Some("Oslo"));
        // The same for a source's provenance.
        let provenance = |i: usize| claims[i].provenance();
        assert!(std::ptr::eq(provenance(0), provenance(3)));
        assert!(!std::ptr::eq(provenance(0), provenance(1)));
        assert!(!std::ptr::eq(provenance(3), provenance(4)));
        assert_eq!(provenance(4).outlet().as_str(), "A");
    }

    /// Rows read by different pieces of one buffer, in different buffers, and by the record
    /// reader after a quote share their names all the same: about 220 KiB of rows, the first
    /// buffer (64 KiB) in pieces of at least 16 KiB, the second (128 KiB) with the names the
    /// first met, the rest (with the quote) by the record reader. The object is spelled with
    /// a space first in a stretch of the first buffer that a later piece of it reads, and
    /// here and there later on.
    #[test]
    fn rows_share_names_across_pieces_buffers_and_the_record_reader() {
        let mut csv = String::from("source,object,attribute,value\n");
        for i in 0..9000 {
            let object = if (1500..2000).contains(&i) || (i > 4000 && i % 7 == 0) {
                " Oslo"
            } else {
                "Oslo"
            };
            let row = ["s", &(i % 3).to_string(), ",", object, ",population,", &i.to_string()];
            csv.push_str(&row.concat());
            csv.push('\n');
        }
        // A quoted cell: from its buffer on, the record reader reads.
        csv.push_str("\"s1\",Oslo,population,7\ns2,Oslo,population,8\n");
        assert!(csv.len() > 200 << 10);
        let claims: Vec<Claim> = Table::csv()
            .read("t.csv", csv.as_bytes(), &Parser::default())
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        assert_eq!(claims.len(), 9002);
        assert!(claims.iter().all(|c| std::ptr::eq(c.subject(), claims[0].subject())));
        for c in &claims {
            let first = claims.iter().find(|d| d.provenance().outlet() == c.provenance().outlet());
            assert!(first.is_some_and(|first| std::ptr::eq(first.provenance(), c.provenance())));
        }
        assert_eq!(
            claims.iter().filter(|c| c.provenance().outlet().as_str() == "s1").count(),
            3001
        );
    }

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, 1_000_000, usize::MAX] {
            let mut text = String::from("t.csv:");
            push_decimal(&mut text, n);
            assert_eq!(text, format!("t.csv:{n}"));
        }
    }

    #[test]
    fn bad_rows_name_their_line_and_field() {
        let tsv = b"a_2000\tx\t100\na_2000\ty\tlots\nb\xff_2000\tz\t5\n";
        let rows: Vec<Result<Claim, Error>> = Table::tsv()
            .columns(1, 0, None, 2)
            .read("p.tsv", &tsv[..], &Parser::default())
            .collect();
        assert!(rows[0].is_ok());
        assert_eq!(
            rows[1].as_ref().unwrap_err().to_string(),
            "p.tsv:2: field value: the value is a label (\"lots\"), while attribute \"value\" holds numbers (1 of its 2 cells): cannot read \"lots\" at byte 0: expected a number, a date or a time of day, found 'lots'"
        );
        assert_eq!(
            rows[2].as_ref().unwrap_err().to_string(),
            "p.tsv:3: field object: not UTF-8: invalid byte at position 1"
        );
    }
}
