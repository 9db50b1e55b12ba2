//! What a table's value cell means, one definition for both table readers ([`Table::read`]
//! and [`Table::read_bulk`]), and the rule that gives each attribute one kind of value.
//!
//! A cell is read by the library's [`Parser`]: a plain number ("1583") on a fast path that
//! reads exactly what the parser reads, a phrase ("about 1,000", "5 tenge", "2022-01-05",
//! "yes"), or, when the parser reads no value in it, a label ("Marianne Borgen", "lots"). A cell
//! spelled as a number claimrecon does not hold ("NaN", "1e309", "-5", or digits past the
//! parser's 1,000 bytes) is an error, never a label.
//!
//! An attribute holds one kind of value, decided over the whole table: the kind most of its
//! cells have (numbers of one dimension, dates, or labels and other values; on a tie, numbers
//! before dates before labels). A cell of another kind is a rejected row that says what the
//! attribute holds: a few unreadable cells in a column of numbers never outvote the numbers.
//!
//! [`Table::read`]: crate::Table::read
//! [`Table::read_bulk`]: crate::Table::read_bulk

use std::borrow::{Borrow, Cow};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::Hash;

use crate::Error;
use crate::crh;
use crate::parse::Parser;
use crate::unit::{Dimension, Unit};
use crate::value::{Amount, Label, Magnitude, Number, Value};

/// A value cell, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// A plain number (digits, with a decimal point and digits after it at most), read
    /// without the parser; the parser reads it alike.
    Plain(Number),
    /// A value the parser reads.
    Value(Value),
    /// Text the parser reads no value in.
    Label(Label),
}

impl Cell {
    /// The cell as a claim's value.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Cell::Plain(x) => Value::Amount(Amount::new(Magnitude::Exact(x), Unit::Number)),
            Cell::Value(v) => v,
            Cell::Label(l) => Value::Category(l),
        }
    }
}

/// Why a table cell is not text: one message for both readers.
pub(crate) fn not_utf8(e: &std::str::Utf8Error) -> String {
    format!("not UTF-8: invalid byte at position {}", e.valid_up_to())
}

/// A value cell and its row's unit cell, if the table has one, as one phrase: "1,583" and
/// "people" are "1,583 people"; an empty unit cell adds nothing, and a unit without a value
/// is no value (an empty value cell stays empty, an error). White space around either does
/// not count.
pub(crate) fn with_unit<'a>(value: &'a [u8], unit: Option<&[u8]>) -> Cow<'a, [u8]> {
    let value_given = !value.trim_ascii().is_empty();
    match unit.map(<[u8]>::trim_ascii) {
        Some(unit) if !unit.is_empty() && value_given => {
            Cow::Owned([value.trim_ascii(), b" ", unit].concat())
        }
        _ => Cow::Borrowed(value),
    }
}

/// Reads a value cell (`text` as in the row; white space around it does not count) of an
/// attribute whose kind may be `declared`: a declared label is read as written, unparsed.
///
/// # Errors
/// The parser's [`Error::InvalidNumber`] for a number claimrecon does not hold, also for one
/// spelled in more bytes than a phrase may have (too large, too small, or too long); its
/// [`Error::Parse`] for a value spelled that cannot be (an inverted range "5-3", a day not in
/// the calendar "2022-02-30", "25:00": the parse error holds why) and for digits with
/// separators that it cannot read ("3.645.000", "1 000", "1,5"); the [`Error::InvalidName`]
/// of text that is no label either (empty, too long, control characters).
pub(crate) fn read(text: &str, parser: &Parser, declared: Option<Kind>) -> Result<Cell, Error> {
    let text = text.trim();
    if declared == Some(Kind::Label) {
        return Label::new(text).map(Cell::Label);
    }
    if let Some(x) = plain_number(text.as_bytes()).and_then(|x| Number::new(x).ok()) {
        return Ok(Cell::Plain(x));
    }
    // Past the parser's limit a number is still a number, never a label.
    if text.len() > crate::MAX_PHRASE_BYTES
        && let Some(e) = crate::parse::overlong_number(text)
    {
        return Err(e);
    }
    match parser.parse(text) {
        Ok(parsed) => Ok(Cell::Value(parsed.value)),
        // A number claimrecon does not hold ("1e309"), a value spelled that cannot be ("5-3",
        // "2022-02-30", "25:00"), or digits with separators the parser cannot read
        // ("3.645.000", "1 000", "1,5"): none is a label, and a label would outvote the numbers
        // of its attribute. Other text stays a label: "31/12/2021", "+7 727 123", "-".
        Err(e @ (Error::InvalidNumber { .. } | Error::Parse { error: Some(_), .. })) => Err(e),
        Err(e) if digits_and_separators(text) => Err(e),
        Err(_) => Label::new(text).map(Cell::Label),
    }
}

/// Whether `text` is digits with the separators numbers are grouped or split by (points,
/// commas, apostrophes, spaces), and nothing else: a number, however the parser takes it.
fn digits_and_separators(text: &str) -> bool {
    let separator = |c: char| matches!(c, '.' | ',' | '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}');
    text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || separator(c))
}

/// A number of digits, with a decimal point and more digits at most, within claimrecon's
/// range: the common cell, read without the parser. Anything else (signs, exponents, commas,
/// words) goes to the parser, which reads it or says what is wrong with it; a plain number
/// reads the same both ways (test `a_plain_number_reads_as_the_parser_reads_it`).
pub(crate) fn plain_number(bytes: &[u8]) -> Option<f64> {
    // Whole numbers of up to 15 digits are below 10^15, exact in an f64 and common: read them
    // digit by digit.
    if !bytes.is_empty() && bytes.len() <= 15 {
        // One pass: each byte's digit value, 10 or more for a byte that is not a digit.
        let mut n = 0u64;
        let mut digits = true;
        for &b in bytes {
            let d = b.wrapping_sub(b'0');
            digits &= d < 10;
            n = n * 10 + u64::from(d);
        }
        if digits {
            return Some(n as f64);
        }
    }
    if bytes.len() > 40 {
        return None;
    }
    let (whole, fraction) = match memchr::memchr(b'.', bytes) {
        Some(i) => (&bytes[..i], Some(&bytes[i + 1..])),
        None => (bytes, None),
    };
    let digits = |b: &[u8]| !b.is_empty() && b.iter().all(u8::is_ascii_digit);
    if !digits(whole) || !fraction.is_none_or(digits) {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    crate::parse::in_range(text, text.parse().ok()?).ok()
}

/// The kind of value a table's attribute holds, decided over the whole table by most of its
/// cells, or declared with [`Table::kind`](crate::Table::kind).
///
/// ```
/// use claimrecon::{CellKind, Parser, Table};
/// // Postcodes are labels, though they are spelled as numbers.
/// let csv = "source,object,attribute,value\na,Oslo,postcode,0150\nb,Oslo,postcode,150\n";
/// let claims: Vec<_> = Table::csv()
///     .kind("postcode", CellKind::Label)
///     .read("t.csv", csv.as_bytes(), &Parser::default())
///     .collect::<Result<_, _>>()?;
/// assert_eq!(claims[0].value().to_string(), "\"0150\"");
/// # Ok::<(), claimrecon::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CellKind {
    /// Amounts of one dimension (counts, money in one currency, ...).
    Number(Dimension),
    /// Dates.
    Date,
    /// Labels and every other value (yes/no, times of day, sets, changes). A declared label
    /// attribute reads every cell as a label, as written, unparsed.
    Label,
}

/// The crate's short name for it.
pub(crate) type Kind = CellKind;

impl Kind {
    /// The kind of a value.
    pub(crate) fn of(value: &Value) -> Kind {
        match value {
            Value::Amount(a) => Kind::Number(a.unit.dimension()),
            Value::Date(_) => Kind::Date,
            _ => Kind::Label,
        }
    }

    /// The base unit numbers of this kind are held in.
    pub(crate) fn unit(self) -> Option<Unit> {
        match self {
            Kind::Number(Dimension::Count) => Some(Unit::Number),
            Kind::Number(Dimension::Money(c)) => Some(Unit::Money(c)),
            Kind::Number(Dimension::MoneyPerVolume(c)) => Some(Unit::MoneyPerLitre(c)),
            Kind::Number(Dimension::Mass) => Some(Unit::Kilograms),
            Kind::Number(Dimension::Volume) => Some(Unit::Litres),
            Kind::Number(Dimension::Percent) => Some(Unit::Percent),
            Kind::Date | Kind::Label => None,
        }
    }

    /// This kind in words: one value ("a number", "an amount in tenge") and many ("numbers",
    /// "amounts in tenge").
    fn words(self) -> (String, String) {
        // (article, singular noun, plural noun, what follows the noun)
        let (a, one, many, tail) = match self {
            Kind::Number(Dimension::Count) => ("a", "number", "numbers", String::new()),
            Kind::Number(Dimension::Money(c)) => {
                ("an", "amount", "amounts", format!(" in {}", c.name()))
            }
            Kind::Number(Dimension::MoneyPerVolume(c)) => {
                ("a", "price", "prices", format!(" in {} per litre", c.name()))
            }
            Kind::Number(Dimension::Mass) => ("a", "mass", "masses", String::new()),
            Kind::Number(Dimension::Volume) => ("a", "volume", "volumes", String::new()),
            Kind::Number(Dimension::Percent) => ("a", "percentage", "percentages", String::new()),
            Kind::Date => ("a", "date", "dates", String::new()),
            Kind::Label => ("a", "label", "labels", String::new()),
        };
        (format!("{a} {one}{tail}"), format!("{many}{tail}"))
    }
}

/// How a date or a label is shown in messages and keyed by `read_bulk`: a category by its label
/// key ("marianne borgen"), any other value by [`crh::value_key`] ("2022-01-05", "yes",
/// "07:10").
pub(crate) fn shown(value: &Value) -> String {
    match value {
        Value::Category(l) => crh::label_key(l).to_owned(),
        other => crh::value_key(other),
    }
}

/// The cells of each attribute by kind, and the kind each attribute holds.
#[derive(Debug, Clone)]
pub(crate) struct Kinds<A> {
    counts: HashMap<A, HashMap<Kind, usize>>,
    /// Kinds declared for attributes, which the vote does not change.
    declared: HashMap<A, Kind>,
}

impl<A> Default for Kinds<A> {
    fn default() -> Self {
        Kinds { counts: HashMap::new(), declared: HashMap::new() }
    }
}

impl<A: Hash + Eq> Kinds<A> {
    /// Declares the kind `attribute` holds, whatever its cells.
    pub(crate) fn declare(&mut self, attribute: A, kind: Kind) {
        self.declared.insert(attribute, kind);
    }

    /// Counts one cell of `kind` in `attribute`.
    pub(crate) fn count(&mut self, attribute: A, kind: Kind) {
        self.add(attribute, kind, 1);
    }

    /// Counts one cell of `kind` in `attribute`, given borrowed: owned only the first time.
    pub(crate) fn count_borrowed<Q>(&mut self, attribute: &Q, kind: Kind)
    where
        A: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = A> + ?Sized,
    {
        match self.counts.get_mut(attribute) {
            Some(kinds) => *kinds.entry(kind).or_default() += 1,
            None => self.count(attribute.to_owned(), kind),
        }
    }

    /// Counts `n` cells of `kind` in `attribute`.
    pub(crate) fn add(&mut self, attribute: A, kind: Kind, n: usize) {
        *self.counts.entry(attribute).or_default().entry(kind).or_default() += n;
    }

    /// Adds the counts of `other`.
    pub(crate) fn merge(&mut self, other: Kinds<A>) {
        for (attribute, kinds) in other.counts {
            let mine = self.counts.entry(attribute).or_default();
            for (kind, n) in kinds {
                *mine.entry(kind).or_default() += n;
            }
        }
    }

    /// The kind `attribute` holds: its declared kind, else the kind of most of its cells; on a
    /// tie numbers (of the first dimension in [`Dimension`]'s order), then dates, then labels.
    pub(crate) fn held<Q>(&self, attribute: &Q) -> Option<Kind>
    where
        A: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some(&kind) = self.declared.get(attribute) {
            return Some(kind);
        }
        let kinds = self.counts.get(attribute)?;
        kinds.iter().max_by(|(a, n), (b, m)| n.cmp(m).then(b.cmp(a))).map(|(&k, _)| k)
    }

    /// Why a cell of `kind` in `attribute` (named `name`) is rejected, if it is: it is not of
    /// the kind the attribute holds. `label` is how a date or a label shows (see [`shown`]);
    /// numbers are not shown (`read_bulk` holds a phrase's point, not its words).
    pub(crate) fn misfit<Q>(
        &self,
        attribute: &Q,
        name: &str,
        kind: Kind,
        label: Option<&str>,
    ) -> Option<String>
    where
        A: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let held = self.held(attribute)?;
        if held == kind {
            return None;
        }
        let mut problem = format!("the value is {}", kind.words().0);
        if let Some(label) = label {
            let _ = write!(problem, " ({label:?})");
        }
        let _ = write!(problem, ", while attribute {name:?} holds {}", held.words().1);
        if self.declared.contains_key(attribute) {
            problem.push_str(" (declared)");
        } else {
            let kinds = self.counts.get(attribute)?;
            let total: usize = kinds.values().sum();
            let n = kinds.get(&held).copied().unwrap_or(0);
            let _ = write!(problem, " ({n} of its {total} cells)");
        }
        Some(problem)
    }
}

/// The error of a row at `line` of table `file` rejected for its kind, `problem` being
/// [`Kinds::misfit`]'s words: a label where the attribute holds numbers or dates also says why
/// it is no number or date, as `parser` reads `label` ("unknown unit 'km'", "expected a number
/// ... found 'lots'"), as the field's inner error (see [`Error::inner`]).
pub(crate) fn misfit_error(
    file: &str,
    line: usize,
    problem: String,
    kind: Kind,
    label: Option<&str>,
    parser: &Parser,
) -> Error {
    match label.filter(|_| kind == Kind::Label).map(|l| parser.parse(l)) {
        Some(Err(e)) => e.in_line_after(file, line, "value", problem),
        _ => Error::line(file, line, "value", problem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::Currency;

    #[test]
    fn a_plain_number_reads_as_the_parser_reads_it() {
        let parser = Parser::default();
        let cells = [
            "0",
            "7",
            "1583",
            "0001583",
            "1583.5",
            "0.25",
            "999999999999999",
            "1000000000000000",
            "1000000000000001",
            "0.000000000000001",
            "0.0000000000000001",
            "5.",
            ".5",
            "+5",
            "-5",
            "1e3",
            "1,583",
            "1.2.3",
            "",
        ];
        for text in cells {
            let parsed = parser.parse(text).ok().and_then(|p| match p.value {
                Value::Amount(a) if a.unit == Unit::Number => a.magnitude.number().map(Number::get),
                _ => None,
            });
            if let Some(x) = plain_number(text.as_bytes()) {
                assert_eq!(parsed, Some(x), "{text:?}");
            }
        }
        // The fast path leaves signs, exponents and a lone point to the parser.
        for text in ["5.", ".5", "+5", "-5", "1e3", "1,583", "1000000000000001"] {
            assert_eq!(plain_number(text.as_bytes()), None, "{text:?}");
        }
    }

    #[test]
    fn cells_read_as_numbers_values_labels_or_errors() {
        let parser = Parser::default();
        assert_eq!(read(" 1583 ", &parser, None), Ok(Cell::Plain(Number::new(1583.0).unwrap())));
        assert_eq!(read("lots", &parser, None).map(|c| Kind::of(&c.into_value())), Ok(Kind::Label));
        assert_eq!(
            read("5 tenge", &parser, None).map(|c| Kind::of(&c.into_value())),
            Ok(Kind::Number(Dimension::Money(Currency::Kzt)))
        );
        assert_eq!(
            read("2022-01-05", &parser, None).map(|c| Kind::of(&c.into_value())),
            Ok(Kind::Date)
        );
        for text in ["-5", "NaN", "1e309"] {
            assert!(
                matches!(read(text, &parser, None), Err(Error::InvalidNumber { .. })),
                "{text}"
            );
        }
        assert!(matches!(read("  ", &parser, None), Err(Error::InvalidName { .. })));
    }

    #[test]
    fn an_attribute_holds_the_kind_of_most_of_its_cells_and_numbers_win_a_tie() {
        let mut kinds = Kinds::default();
        kinds.add("population", Kind::Number(Dimension::Count), 3);
        kinds.count("population", Kind::Label);
        kinds.count("mayor", Kind::Label);
        kinds.count("mayor", Kind::Date);
        kinds.count("mayor", Kind::Number(Dimension::Count));
        assert_eq!(kinds.held(&"population"), Some(Kind::Number(Dimension::Count)));
        assert_eq!(kinds.held(&"mayor"), Some(Kind::Number(Dimension::Count)));
        assert_eq!(
            kinds.misfit(&"population", "population", Kind::Label, Some("lots")).as_deref(),
            Some(
                "the value is a label (\"lots\"), while attribute \"population\" holds numbers \
                 (3 of its 4 cells)"
            )
        );
        assert_eq!(
            kinds.misfit(&"population", "population", Kind::Number(Dimension::Count), None),
            None
        );
        let mut other = Kinds::default();
        other.add("mayor", Kind::Label, 2);
        kinds.merge(other);
        assert_eq!(kinds.held(&"mayor"), Some(Kind::Label));
    }
}
