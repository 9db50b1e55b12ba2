//! The [`Parser`] and its options, what it returns ([`Parsed`], [`Reading`]), and the state
//! it keeps while it reads one phrase.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lex::{self, Token, lex};
use crate::Error;
use crate::value::{Magnitude, Policy, Value, check_year};

/// The longest value phrase read, in bytes. Value phrases are a few words; anything longer is
/// a paste gone wrong.
pub const MAX_PHRASE_BYTES: usize = 1000;

/// A word or group of words the parser used, and what it took them to mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reading {
    /// Byte offset of the first word in the phrase.
    pub start: usize,
    /// Byte offset just past the last word.
    pub end: usize,
    /// The words as written.
    pub text: String,
    /// What they were read as.
    pub meaning: String,
}

/// A parsed phrase: the value and the words that led to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Parsed {
    /// The value.
    pub value: Value,
    /// The words used, in phrase order.
    pub readings: Vec<Reading>,
}

/// Reads news English into [`Value`]s.
///
/// Configure by value: [`Parser::published`] sets the publication date, against which
/// relative dates ("over the weekend", "on Thursday") and dates without a year resolve;
/// [`Parser::policy`] sets the policy whose intervals the readings quote.
///
/// ```
/// use claimrecon::{Parser, Policy, Value, Verdict};
/// use chrono::NaiveDate;
///
/// // "more than 1,300" and "4,578" can both be true.
/// let p = Parser::default();
/// let a = p.parse("more than 1,300")?.value;
/// let b = p.parse("4,578")?.value;
/// assert_eq!(a.compare(&b)?.verdict, Verdict::Compatible);
///
/// // Two curfews that split the day between them: one source inverted the other.
/// let night = p.parse("11 p.m. to 7 a.m.")?.value;
/// let day = p.parse("from 7.00 to 23.00")?.value;
/// let cmp = night.compare(&day)?;
/// assert_eq!(cmp.verdict, Verdict::Conflicts);
/// assert!(cmp.reason.to_string().contains("complements"));
///
/// // A price move and "two-fold" are consistent.
/// let change = p.parse("from 50-60 to 110-120 tenge per liter")?.value;
/// let factor = p.parse("two-fold")?.value;
/// assert_ne!(change.compare(&factor)?.verdict, Verdict::Conflicts);
///
/// // "dozens" is an interval chosen by a documented policy, with its reason.
/// let dozens = p.parse("dozens")?;
/// assert_eq!(dozens.value.interval(&Policy::default()).unwrap().to_string(), "[12, 99]");
/// assert!(dozens.readings[0].meaning.contains("ACLED codes \"dozens\" as 12"));
///
/// // Relative dates need the publication date.
/// let thursday = NaiveDate::from_ymd_opt(2022, 1, 6).unwrap();
/// let weekend = p.clone().published(thursday)?.parse("over the weekend")?.value;
/// assert_eq!(weekend.to_string(), "from 2022-01-01 to 2022-01-02");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parser {
    // Checked on the way in, as by `Parser::published`: relative dates count back from it.
    #[serde(default, deserialize_with = "publication_date")]
    published: Option<NaiveDate>,
    policy: Policy,
}

/// A serialised publication date, refused outside the years a date may have.
fn publication_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    Option::<NaiveDate>::deserialize(deserializer)?
        .map(check_year)
        .transpose()
        .map_err(serde::de::Error::custom)
}

impl Parser {
    /// A parser with no publication date and the default policy.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the publication date that relative and year-less dates resolve against.
    ///
    /// # Errors
    /// [`Error::InvalidTime`] if the year is outside 1000–9999, the years a date may have.
    pub fn published(self, date: NaiveDate) -> Result<Self, Error> {
        Ok(Self { published: Some(check_year(date)?), ..self })
    }

    /// Sets the publication date from its text, `YYYY-MM-DD`, read by the one rule a corpus's
    /// `published` and a table's as-of cells are read by: four digits of a year in 1000–9999,
    /// two of a month and two of a day, nothing else (white space around it does not count).
    ///
    /// ```
    /// use claimrecon::Parser;
    /// assert!(Parser::new().published_on("2022-01-06").is_ok());
    /// let e = Parser::new().published_on("2022-1-6").unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     "invalid date \"2022-1-6\": not a YYYY-MM-DD date: the month must have two digits"
    /// );
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidTime`] saying what is wrong: a year outside 1000–9999, a sign before
    /// it, a part not of its digits, no such day, or text not of the form.
    pub fn published_on(self, text: &str) -> Result<Self, Error> {
        Ok(Self { published: Some(crate::value::day(text.trim())?), ..self })
    }

    /// Sets the policy quoted in readings of "about" and vague words. Claims, and a table's
    /// phrases read in bulk ([`Table::read_bulk`](crate::Table::read_bulk)), are scored and
    /// related by the [`Reconciler::policy`](crate::Reconciler::policy) that reconciles them.
    #[must_use]
    pub fn policy(self, policy: Policy) -> Self {
        Self { policy, ..self }
    }

    /// The policy quoted in readings.
    pub(crate) fn policy_ref(&self) -> &Policy {
        &self.policy
    }

    /// Reads a phrase as a figure of `measure`: as [`Parser::parse`], but where the measure is
    /// a date ([`Measure::EventDate`](crate::Measure::EventDate),
    /// [`Measure::EndDate`](crate::Measure::EndDate)), a bare year of four digits (1000 to
    /// 9999) reads as that year, not the number: a date of "2022" is a year, where a count of
    /// "2022" is a number. So do "2022." and "about 2022" ("around", "circa", "c."): a year
    /// already spans one. [`Claim::parse`](crate::Claim::parse) and the corpus read phrases
    /// so; a table's attributes are no date measures, and read a bare year as a number.
    ///
    /// ```
    /// use claimrecon::{Measure, Parser, Value};
    /// let p = Parser::default();
    /// assert!(matches!(p.parse_for(&Measure::EventDate, "2022")?.value, Value::Date(_)));
    /// assert!(matches!(p.parse_for(&Measure::Deaths, "2022")?.value, Value::Amount(_)));
    /// assert!(matches!(p.parse_for(&Measure::EventDate, "about 2022.")?.value, Value::Date(_)));
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Parser::parse`].
    pub fn parse_for(&self, measure: &crate::Measure, phrase: &str) -> Result<Parsed, Error> {
        // "2022." ends a sentence; "about 2022" is a year too (a year already spans one).
        let year = phrase.trim().trim_end_matches('.');
        let year = ["about ", "around ", "circa ", "c. "]
            .iter()
            .find_map(|w| {
                year.get(..w.len())
                    .filter(|head| head.eq_ignore_ascii_case(w))
                    .map(|_| year[w.len()..].trim_start())
            })
            .unwrap_or(year);
        let dated = matches!(measure, crate::Measure::EventDate | crate::Measure::EndDate);
        let parsed = self.parse(phrase)?;
        if dated
            && year.len() == 4
            && !year.starts_with('0')
            && year.bytes().all(|b| b.is_ascii_digit())
        {
            // A year the dates cannot hold stays the number it reads as.
            if let Ok(read) = self.parse(&format!("in {year}")) {
                // The words say what they were read as here: a year, not a number.
                let mut readings = parsed.readings;
                for r in &mut readings {
                    r.meaning = if r.text == year {
                        "calendar year".to_owned()
                    } else {
                        "about a year: read as the year, which already spans one".to_owned()
                    };
                }
                return Ok(Parsed { value: read.value, readings });
            }
        }
        Ok(parsed)
    }

    /// Reads a phrase: an amount, change, date, time, time window, yes/no, undisclosed, a
    /// quoted category (`"LPG"`) or a braced set (`{Armenia, Belarus}`).
    ///
    /// # Errors
    /// [`Error::Parse`] naming the phrase, the byte position and what was wrong;
    /// [`Error::InvalidNumber`] naming the number as written when it is spelled as a number
    /// but is not one claimrecon holds ([`Number`](crate::Number)'s range): "NaN", "inf", "1e309", anything
    /// above 10^15 (also after a scale word or a unit: "3 million million tonnes"), or a
    /// nonzero amount below 10^-15.
    pub fn parse(&self, phrase: &str) -> Result<Parsed, Error> {
        check_length(phrase)?;
        let trimmed = phrase.trim();
        if trimmed.is_empty() {
            return Err(Error::parse(phrase, 0, "the phrase is empty"));
        }
        let offset = phrase.len() - phrase.trim_start().len();
        if let Some(inner) = strip_quotes(trimmed) {
            return Self::category(phrase, inner, offset);
        }
        if let Some(inner) = trimmed.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            return Self::set(phrase, inner.split(','), offset);
        }
        if let Some(e) = lex::non_finite(trimmed) {
            return Err(e);
        }
        let toks = lex(phrase)?;
        let mut g = Grammar {
            phrase,
            published: self.published,
            policy: &self.policy,
            readings: Vec::new(),
        };
        let value = g.value(&toks)?;
        Ok(Parsed { value, readings: g.readings })
    }

    /// Reads a time of day on its own: a clock time ("18:00", "6 p.m.", "noon"), a part of the
    /// day ("morning", "early evening", "at dawn") or a qualified clock time ("about 6 p.m.").
    /// For readers of as-of times such as "2022-01-05 morning" once the date is cut off.
    ///
    /// The value is a [`Value::Time`] or a [`Value::QualifiedTime`]; its stretch of the day is
    /// [`Value::day_interval`].
    ///
    /// ```
    /// use claimrecon::{Parser, Policy, Value};
    /// let p = Parser::default();
    /// let morning = p.parse_time_of_day("morning")?.value;
    /// assert_eq!(morning.day_interval(&Policy::default()).unwrap().to_string(), "[04:00, 12:00)");
    /// assert!(matches!(p.parse_time_of_day("6 p.m.")?.value, Value::Time(_)));
    /// assert!(p.parse_time_of_day("January 5").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Parse`] if the phrase does not read, or reads as another kind of value (a
    /// date, an amount, a window); [`Error::InvalidNumber`] as for [`Parser::parse`].
    pub fn parse_time_of_day(&self, phrase: &str) -> Result<Parsed, Error> {
        let parsed = self.parse(phrase)?;
        match parsed.value {
            Value::Time(_) | Value::QualifiedTime(_) => Ok(parsed),
            ref other => Err(Error::parse(
                phrase,
                phrase.len() - phrase.trim_start().len(),
                format!("expected a time of day or a part of the day, found {}", other.kind()),
            )),
        }
    }
}

impl FromStr for Value {
    type Err = Error;

    /// Parses with [`Parser::default`](crate::Parser::default): no publication date, default
    /// policy.
    fn from_str(s: &str) -> Result<Self, Error> {
        Parser::default().parse(s).map(|p| p.value)
    }
}

pub(super) fn check_length(phrase: &str) -> Result<(), Error> {
    if phrase.len() > MAX_PHRASE_BYTES {
        return Err(Error::parse(
            phrase,
            MAX_PHRASE_BYTES,
            format!(
                "the phrase is {} bytes long; a value phrase may have {MAX_PHRASE_BYTES}",
                phrase.len()
            ),
        ));
    }
    Ok(())
}

pub(super) fn strip_quotes(s: &str) -> Option<&str> {
    for (open, close) in [('"', '"'), ('“', '”'), ('«', '»')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return Some(inner);
        }
    }
    None
}

/// A [`Parser`] at work on one phrase: the phrase, the parser's settings and the
/// readings so far.
pub(super) struct Grammar<'a> {
    pub(super) phrase: &'a str,
    pub(super) published: Option<NaiveDate>,
    pub(super) policy: &'a Policy,
    pub(super) readings: Vec<Reading>,
}

impl Grammar<'_> {
    /// `mag`, or its error when it allows no number ("fewer than 0", "nearly 0": an amount is
    /// never below 0), an [`Error::InvalidNumber`] as for "-5": a table's cell so written is a
    /// rejected row, not a label.
    pub(super) fn allowing_some(mag: Magnitude) -> Result<Magnitude, Error> {
        if mag.allows_no_number() {
            return Err(mag.allowing_none_error());
        }
        Ok(mag)
    }

    pub(super) fn err(&self, at: usize, problem: impl Into<String>) -> Error {
        Error::parse(self.phrase, at, problem)
    }

    pub(super) fn end_of(&self, t: &[Token]) -> usize {
        t.last().map_or(self.phrase.len(), |x| x.end)
    }

    pub(super) fn note(&mut self, t: &[Token], meaning: impl Into<String>) {
        if let (Some(first), Some(last)) = (t.first(), t.last()) {
            self.readings.push(Reading {
                start: first.start,
                end: last.end,
                text: self.phrase[first.start..last.end].to_owned(),
                meaning: meaning.into(),
            });
        }
    }

    /// A token as written, quoted, for messages.
    pub(super) fn describe(&self, t: &Token) -> String {
        format!("'{}'", self.phrase.get(t.start..t.end).unwrap_or_default())
    }
}
