//! Claims from tables: CSV or TSV rows of (source, object, attribute, value[, as-of]), read
//! as a stream, each value through the library's parser, each bad row an error naming its line.
//!
//! The reader is given to us; opening files is the caller's business, so the library stays
//! free of I/O of its own. Both readers ([`Table::read`] here, [`Table::read_bulk`] in
//! `bulk`) cut the stream into rows with [`records`], which holds the rules for line ends,
//! quotes, blank lines, the header and the line limit.

pub(crate) mod records;

use std::io::Read;

use chrono::NaiveDate;

use crate::claim::Claim;
use crate::id::{ClaimId, SourceId};
use crate::parse::Parser;
use crate::provenance::Provenance;
use crate::subject::{Measure, Nature, Subject};
use crate::value::Label;
use crate::{Error, MAX_LINE_BYTES};

use self::records::{Next, Record, Records};

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
    as_of: Option<usize>,
    nature: Nature,
    pub(crate) lossy: bool,
    pub(crate) limits: Limits,
}

/// `Table::read_bulk`'s buffer: bytes read from the stream at a time.
pub(crate) const BULK_BUFFER: usize = 16 << 20;

/// What the table readers hold at most: a row of `line` bytes (`MAX_LINE_BYTES`), and
/// `read_bulk`'s buffer of `buffer` bytes (16 MiB). Smaller only in tests and fuzzing (see
/// [`Table::with_small_limits`]), so that the edges of both are reached with small tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    pub line: usize,
    pub buffer: usize,
}

impl Table {
    /// Comma-separated, with a header row; columns source 0, object 1, attribute 2, value 3.
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
            nature: Nature::FixedFact,
            lossy: false,
            limits: Limits { line: MAX_LINE_BYTES, buffer: BULK_BUFFER },
        }
    }

    /// Tab-separated, no header; same default columns.
    #[must_use]
    pub fn tsv() -> Self {
        Table { delimiter: b'\t', header: false, ..Self::csv() }
    }

    /// Sets the columns (0-based) of the source, the object, the attribute (`None`: every row
    /// is about the same attribute, `value`) and the value. Any column may be given: a row
    /// without it is rejected with "the row has no column N", naming its line and field.
    #[must_use]
    pub fn columns(
        self,
        source: usize,
        object: usize,
        attribute: Option<usize>,
        value: usize,
    ) -> Self {
        Self { source, object, attribute, value, ..self }
    }

    /// Sets the column of an as-of date (`YYYY-MM-DD`, a year from 1000 to 9999).
    #[must_use]
    pub fn as_of(self, column: usize) -> Self {
        Self { as_of: Some(column), ..self }
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

    /// How the attributes behave over time (default: fixed facts).
    #[must_use]
    pub fn nature(self, nature: Nature) -> Self {
        Self { nature, ..self }
    }

    /// For tests and fuzzing, not part of the API: a line limit of `line` bytes instead of
    /// [`MAX_LINE_BYTES`] (at least 1), and a buffer of `buffer` bytes instead of 16 MiB for
    /// [`Table::read_bulk`] (at least `line + 2`, at most 16 MiB), so that a test reaches the
    /// edges of both with tables of a few bytes. Messages name the smaller limit.
    #[doc(hidden)]
    #[must_use]
    pub fn with_small_limits(self, line: usize, buffer: usize) -> Self {
        let line = line.clamp(1, MAX_LINE_BYTES);
        let buffer = buffer.clamp(line + 2, BULK_BUFFER);
        Self { limits: Limits { line, buffer }, ..self }
    }

    /// The cells read from each row, by field name and column: a cell of these may not hold a
    /// line end (see `records`). The as-of column is left out: `read_bulk` does not read it.
    pub(crate) fn read_columns(&self) -> impl Iterator<Item = (&'static str, usize)> {
        [
            Some(("source", self.source)),
            Some(("object", self.object)),
            self.attribute.map(|a| ("attribute", a)),
            Some(("value", self.value)),
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
        [Some(self.source), Some(self.object), self.attribute, Some(self.value), self.as_of]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0)
            // Columns are any `usize` (`Table::columns(usize::MAX, ..)`): a column no row has
            // rejects each row, it never overflows.
            .saturating_add(1)
    }

    /// Reads rows as a stream: one claim or one error per data row, in order. The claim id is
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
    /// Each item is a claim or the error of one row: an [`Error::Corpus`] naming the file, the
    /// row's line and the field, holding the cell's own error when it has one (the
    /// [`Error::Parse`] of a value that does not read, the [`Error::InvalidName`] of a bad
    /// source). A row longer than [`MAX_LINE_BYTES`](crate::MAX_LINE_BYTES) is an error ("the
    /// line is longer than 1048576 bytes") and reading goes on at the next line. A source,
    /// object, attribute or value that holds a line end is an error of that field ("the cell
    /// holds a line end: the quote opened at line N may be unclosed"), and so is a quote still
    /// open when its row grows beyond `MAX_LINE_BYTES` ("the quote opened at line N is not
    /// closed within 1048576 bytes") or at the end of the stream ("unclosed quote opened at
    /// line N"): in all three, reading goes on from the line after line N, so the lines that
    /// followed the quote are read as rows. A failure of `reader` is an [`Error::Io`] naming the
    /// line where reading stopped and holding the reader's error, and the last item.
    ///
    /// # Complexity
    /// O(n) time for n bytes; memory about `MAX_LINE_BYTES` and a 64 KiB buffer, whatever the
    /// input.
    pub fn read<'p, R: Read + 'p>(
        &self,
        name: &str,
        reader: R,
        parser: &'p Parser,
    ) -> impl Iterator<Item = Result<Claim, Error>> + 'p {
        let table = self.clone();
        let name = name.to_owned();
        let mut records = Records::new(reader, self);
        std::iter::from_fn(move || {
            Some(match records.next()? {
                Ok(Next::Record(record)) => table.claim(&name, record, parser),
                Ok(Next::Rejected(r)) => {
                    Err(Error::line(&name, r.line as usize, r.field(), r.problem.to_string()))
                }
                Err(e) => Err(Error::io(&name, e.line, e.error)),
            })
        })
    }

    fn claim(&self, name: &str, row: &Record, parser: &Parser) -> Result<Claim, Error> {
        let line = row.line() as usize;
        let err = |field: &str, problem: String| Error::line(name, line, field, problem);
        // The error of a cell's value, kept whole inside the row's error.
        let wrap = |field: &'static str| move |e: Error| e.in_line(name, line, field);
        let cell = |field: &str, i: usize| -> Result<std::borrow::Cow<'_, str>, Error> {
            let bytes =
                row.get(i).ok_or_else(|| err(field, format!("the row has no column {i}")))?;
            if self.lossy {
                return Ok(String::from_utf8_lossy(bytes));
            }
            std::str::from_utf8(bytes).map(std::borrow::Cow::Borrowed).map_err(|e| {
                err(field, format!("not UTF-8: invalid byte at position {}", e.valid_up_to()))
            })
        };
        let source = SourceId::new(&cell("source", self.source)?).map_err(wrap("source"))?;
        let object = Label::new(&cell("object", self.object)?).map_err(wrap("object"))?;
        let attribute = match self.attribute {
            Some(i) => cell("attribute", i)?,
            None => std::borrow::Cow::Borrowed("value"),
        };
        let attribute = Label::new(&attribute).map_err(wrap("attribute"))?;
        let subject = Subject::new(Measure::Other(attribute)).event(object).nature(self.nature);
        let value = parser.parse(&cell("value", self.value)?).map_err(wrap("value"))?.value;
        let id = ClaimId::new(&format!("{name}:{line}")).map_err(wrap("row"))?;
        let mut claim = Claim::new(id, subject, value, Provenance::new(source));
        if let Some(i) = self.as_of {
            let text = cell("as_of", i)?;
            let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|e| err("as_of", format!("{text:?} is not a YYYY-MM-DD date: {e}")))?;
            let date = crate::value::check_year(date).map_err(wrap("as_of"))?;
            claim = claim.with_as_of(date);
        }
        Ok(claim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "p.tsv:2: field value: cannot read \"lots\" at byte 0: expected a number, a date or a time of day, found 'lots'"
        );
        assert_eq!(
            rows[2].as_ref().unwrap_err().to_string(),
            "p.tsv:3: field object: not UTF-8: invalid byte at position 1"
        );
    }
}
