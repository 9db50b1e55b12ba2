//! Dates with their precision, times of day, and time-of-day windows.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::interval::Interval;
use crate::Error;

/// How precisely a [`DateValue`] was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DatePrecision {
    /// One day: "January 5, 2022".
    Day,
    /// A calendar month: "January 2022".
    Month,
    /// A calendar year: "in 2022".
    Year,
    /// Any other stretch of days: "the first days of 2022", "over the weekend",
    /// "from January 5 to January 19, 2022".
    Span,
}

/// The earliest and latest year claimrecon accepts; outside this, a "date" is a typo.
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// A date or a stretch of days, with the precision it was stated at.
///
/// ```
/// use claimrecon::DateValue;
/// use chrono::NaiveDate;
/// let d = DateValue::month(2022, 1)?;
/// assert_eq!(d.first(), NaiveDate::from_ymd_opt(2022, 1, 1).unwrap());
/// assert_eq!(d.last(), NaiveDate::from_ymd_opt(2022, 1, 31).unwrap());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "DateRepr", into = "DateRepr")]
pub struct DateValue {
    first: NaiveDate,
    last: NaiveDate,
    precision: DatePrecision,
}

#[derive(Serialize, Deserialize)]
struct DateRepr {
    first: NaiveDate,
    last: NaiveDate,
    precision: DatePrecision,
}

impl TryFrom<DateRepr> for DateValue {
    type Error = Error;
    fn try_from(r: DateRepr) -> Result<Self, Error> {
        let v = DateValue::span(r.first, r.last)?;
        let expected = match r.precision {
            DatePrecision::Day => DateValue::day(r.first)?,
            DatePrecision::Month => DateValue::month(r.first.year(), r.first.month())?,
            DatePrecision::Year => DateValue::year(r.first.year())?,
            DatePrecision::Span => return Ok(v),
        };
        if expected.first == r.first && expected.last == r.last {
            Ok(expected)
        } else {
            Err(Error::InvalidTime {
                what: "date".to_owned(),
                value: format!("{} to {}", r.first, r.last),
                problem: format!("does not match precision {:?}", r.precision),
            })
        }
    }
}

impl From<DateValue> for DateRepr {
    fn from(d: DateValue) -> Self {
        DateRepr { first: d.first, last: d.last, precision: d.precision }
    }
}

/// The date if its year is in [`YEARS`], else [`Error::InvalidTime`] saying so.
pub(crate) fn check_year(date: NaiveDate) -> Result<NaiveDate, Error> {
    if YEARS.contains(&date.year()) { Ok(date) } else { Err(year_error(date.to_string())) }
}

/// The error of a date (written `value`) whose year is outside [`YEARS`]: one for a date read
/// and for text whose year cannot be read as one (six digits, past the calendar's end).
fn year_error(value: String) -> Error {
    Error::InvalidTime {
        what: "date".to_owned(),
        value,
        problem: format!("year must be between {} and {}", YEARS.start(), YEARS.end()),
    }
}

/// A date written as the crate's formats write one, `YYYY-MM-DD`: four digits of a year in
/// [`YEARS`], two of a month, two of a day and nothing else (white space around it is the
/// caller's to trim). The one reading of such a date, for a corpus's `published` and `as_of`
/// and a table's as-of column; `file`, `line` and `field` place its error.
///
/// # Errors
/// For a year outside [`YEARS`], its [`year_error`] with `text` as written, in the line; else
/// the line's error saying what is wrong: a sign before the year, a year, month or day not
/// of its digits, text not of the form at all, or (an [`Error::InvalidTime`] in the line) no
/// such day in the calendar.
pub(crate) fn read_day(
    text: &str,
    file: &str,
    line: usize,
    field: &str,
) -> Result<NaiveDate, Error> {
    day_of(text).map_err(|problem| match problem {
        DayProblem::Year => year_error(text.to_owned()).in_line(file, line, field),
        DayProblem::Calendar => bad_date(text.to_owned()).in_line(file, line, field),
        DayProblem::Form(why) => {
            Error::line(file, line, field, format!("{text:?} is not a YYYY-MM-DD date: {why}"))
        }
    })
}

/// [`read_day`]'s reading of `text` alone, not on a line of a file: its error the date's own,
/// [`Error::InvalidTime`] (for a command's argument, say).
///
/// # Errors
/// For a year outside [`YEARS`], its [`year_error`]; else what is wrong, as [`read_day`] says.
pub(crate) fn day(text: &str) -> Result<NaiveDate, Error> {
    day_of(text).map_err(|problem| match problem {
        DayProblem::Year => year_error(text.to_owned()),
        DayProblem::Calendar => bad_date(text.to_owned()),
        DayProblem::Form(why) => Error::InvalidTime {
            what: "date".to_owned(),
            value: text.to_owned(),
            problem: format!("not a YYYY-MM-DD date: {why}"),
        },
    })
}

/// Why a text is not a date as [`read_day`] reads one.
#[derive(Debug, PartialEq)]
enum DayProblem {
    /// A year outside [`YEARS`] (or too long to read).
    Year,
    /// Of the form, but no day of the calendar: month 13, February 30.
    Calendar,
    /// Not of the form, in words.
    Form(&'static str),
}

fn day_of(text: &str) -> Result<NaiveDate, DayProblem> {
    let b = text.as_bytes();
    let digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
    let (sign, unsigned) = match b.first() {
        Some(s @ (b'+' | b'-')) => (Some(*s), &b[1..]),
        _ => (None, b),
    };
    let mut parts = unsigned.splitn(4, |&c| c == b'-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(DayProblem::Form("expected a year, a month and a day joined by '-'"));
    };
    if !(digits(year) && digits(month) && digits(day)) {
        return Err(DayProblem::Form("the year, the month and the day must be digits"));
    }
    let number = |part: &[u8]| part.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
    // Nine digits or more are past any year the crate holds (and past `u32`).
    let value = (year.len() < 9).then(|| i32::try_from(number(year)).unwrap_or(i32::MAX));
    let value = value.map(|y| if sign == Some(b'-') { -y } else { y });
    if !value.is_some_and(|y| YEARS.contains(&y)) {
        return Err(DayProblem::Year);
    }
    if sign.is_some() {
        return Err(DayProblem::Form("a sign before the year"));
    }
    if year.len() != 4 {
        return Err(DayProblem::Form("the year must have four digits"));
    }
    if month.len() != 2 {
        return Err(DayProblem::Form("the month must have two digits"));
    }
    if day.len() != 2 {
        return Err(DayProblem::Form("the day must have two digits"));
    }
    let year = value.unwrap_or_default();
    NaiveDate::from_ymd_opt(year, number(month), number(day)).ok_or(DayProblem::Calendar)
}

fn bad_date(value: String) -> Error {
    Error::InvalidTime {
        what: "date".to_owned(),
        value,
        problem: "no such day in the calendar".to_owned(),
    }
}

impl DateValue {
    /// One day.
    ///
    /// # Errors
    /// [`Error::InvalidTime`] if the year is outside 1000–9999.
    pub fn day(date: NaiveDate) -> Result<Self, Error> {
        let date = check_year(date)?;
        Ok(DateValue { first: date, last: date, precision: DatePrecision::Day })
    }

    /// A whole calendar month.
    ///
    /// # Errors
    /// [`Error::InvalidTime`] for a month outside 1–12 or a year outside 1000–9999.
    pub fn month(year: i32, month: u32) -> Result<Self, Error> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or_else(|| bad_date(format!("{year}-{month:02}")))?;
        let first = check_year(first)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        let last = next.and_then(|n| n.pred_opt()).ok_or_else(|| bad_date(format!("{year}")))?;
        Ok(DateValue { first, last, precision: DatePrecision::Month })
    }

    /// A whole calendar year.
    ///
    /// # Errors
    /// [`Error::InvalidTime`] for a year outside 1000–9999.
    pub fn year(year: i32) -> Result<Self, Error> {
        let first =
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| bad_date(format!("{year}")))?;
        let last =
            NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| bad_date(format!("{year}")))?;
        Ok(DateValue { first: check_year(first)?, last, precision: DatePrecision::Year })
    }

    /// The days `first ..= last`. A one-day span is a [`DatePrecision::Day`].
    ///
    /// # Errors
    /// [`Error::InvertedRange`] if `first` is after `last`; [`Error::InvalidTime`] for a year
    /// outside 1000–9999.
    pub fn span(first: NaiveDate, last: NaiveDate) -> Result<Self, Error> {
        if first > last {
            return Err(Error::InvertedRange { low: first.to_string(), high: last.to_string() });
        }
        check_year(first)?;
        check_year(last)?;
        if first == last {
            return DateValue::day(first);
        }
        Ok(DateValue { first, last, precision: DatePrecision::Span })
    }

    /// The first day.
    #[must_use]
    pub fn first(&self) -> NaiveDate {
        self.first
    }

    /// The last day.
    #[must_use]
    pub fn last(&self) -> NaiveDate {
        self.last
    }

    /// How precisely the date was stated.
    #[must_use]
    pub fn precision(&self) -> DatePrecision {
        self.precision
    }

    /// The days as an interval of day numbers (days since 1 January of year 1).
    #[must_use]
    pub fn interval(&self) -> Interval {
        Interval::closed(
            f64::from(self.first.num_days_from_ce()),
            f64::from(self.last.num_days_from_ce()),
        )
    }
}

impl fmt::Display for DateValue {
    /// `2022-01-05`, `January 2022`, `year 2022`, `from 2022-01-01 to 2022-01-07`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            DatePrecision::Day => write!(f, "{}", self.first),
            DatePrecision::Month => write!(f, "{}", self.first.format("%B %Y")),
            DatePrecision::Year => write!(f, "year {}", self.first.year()),
            DatePrecision::Span => write!(f, "from {} to {}", self.first, self.last),
        }
    }
}

/// A time of day to the minute.
///
/// ```
/// use claimrecon::TimeOfDay;
/// assert_eq!(TimeOfDay::new(23, 0)?.to_string(), "23:00");
/// assert!(TimeOfDay::new(25, 0).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// `hour:minute`, 0 ≤ hour < 24, 0 ≤ minute < 60.
    ///
    /// # Errors
    /// [`Error::InvalidTime`] for an hour or minute out of range.
    pub fn new(hour: u32, minute: u32) -> Result<Self, Error> {
        if hour >= 24 || minute >= 60 {
            return Err(Error::InvalidTime {
                what: "time of day".to_owned(),
                value: format!("{hour}:{minute:02}"),
                problem: "hours run 0-23 and minutes 0-59".to_owned(),
            });
        }
        Ok(TimeOfDay((hour * 60 + minute) as u16))
    }

    /// 00:00.
    pub(crate) fn midnight() -> Self {
        TimeOfDay(0)
    }

    /// Minutes since midnight.
    #[must_use]
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for TimeOfDay {
    type Error = Error;
    fn try_from(m: u16) -> Result<Self, Error> {
        TimeOfDay::new(u32::from(m / 60), u32::from(m % 60))
    }
}

impl From<TimeOfDay> for u16 {
    fn from(t: TimeOfDay) -> u16 {
        t.0
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A daily window from `start` to `end`, which crosses midnight when `end` is earlier than
/// `start` (a curfew from 23:00 to 07:00).
///
/// ```
/// use claimrecon::{TimeOfDay, TimeWindow};
/// let night = TimeWindow::new(TimeOfDay::new(23, 0)?, TimeOfDay::new(7, 0)?)?;
/// let day = TimeWindow::new(TimeOfDay::new(7, 0)?, TimeOfDay::new(23, 0)?)?;
/// assert!(night.crosses_midnight());
/// assert!(night.is_complement_of(&day));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "WindowRepr", into = "WindowRepr")]
pub struct TimeWindow {
    start: TimeOfDay,
    end: TimeOfDay,
}

#[derive(Serialize, Deserialize)]
struct WindowRepr {
    start: TimeOfDay,
    end: TimeOfDay,
}

impl TryFrom<WindowRepr> for TimeWindow {
    type Error = Error;
    fn try_from(r: WindowRepr) -> Result<Self, Error> {
        TimeWindow::new(r.start, r.end)
    }
}

impl From<TimeWindow> for WindowRepr {
    fn from(w: TimeWindow) -> Self {
        WindowRepr { start: w.start, end: w.end }
    }
}

impl TimeWindow {
    /// The window from `start` to `end`.
    ///
    /// # Errors
    /// [`Error::InvalidTime`] if `start == end` (an empty or whole-day window is ambiguous).
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Result<Self, Error> {
        if start == end {
            return Err(Error::InvalidTime {
                what: "time window".to_owned(),
                value: format!("{start}-{end}"),
                problem: "start and end are the same time".to_owned(),
            });
        }
        Ok(TimeWindow { start, end })
    }

    /// When the window opens.
    #[must_use]
    pub fn start(&self) -> TimeOfDay {
        self.start
    }

    /// When the window closes.
    #[must_use]
    pub fn end(&self) -> TimeOfDay {
        self.end
    }

    /// True if the window runs past midnight.
    #[must_use]
    pub fn crosses_midnight(&self) -> bool {
        self.end < self.start
    }

    /// True if `t` lies in the window (start included, end excluded).
    #[must_use]
    pub fn contains_time(&self, t: TimeOfDay) -> bool {
        if self.crosses_midnight() {
            t >= self.start || t < self.end
        } else {
            t >= self.start && t < self.end
        }
    }

    /// True if every minute of `other` lies in `self`.
    #[must_use]
    pub fn contains(&self, other: &TimeWindow) -> bool {
        let len = |w: &TimeWindow| (w.end.0 + 1440 - w.start.0) % 1440;
        let offset = (other.start.0 + 1440 - self.start.0) % 1440;
        self.contains_time(other.start) && offset + len(other) <= len(self)
    }

    /// True if the two windows together cover the day exactly once: 23:00–07:00 and
    /// 07:00–23:00. Two sources giving complementary windows for one curfew almost always
    /// means one of them inverted it.
    #[must_use]
    pub fn is_complement_of(&self, other: &TimeWindow) -> bool {
        self.start == other.end && self.end == other.start
    }
}

impl fmt::Display for TimeWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> TimeOfDay {
        TimeOfDay::new(h, m).unwrap()
    }

    #[test]
    fn window_containment_across_midnight() {
        let night = TimeWindow::new(t(22, 0), t(8, 0)).unwrap();
        let inner = TimeWindow::new(t(23, 0), t(7, 0)).unwrap();
        assert!(night.contains(&inner));
        assert!(!inner.contains(&night));
        assert!(night.contains_time(t(2, 0)));
        assert!(!night.contains_time(t(12, 0)));
    }

    #[test]
    fn month_ends_on_its_last_day() {
        let feb = DateValue::month(2024, 2).unwrap();
        assert_eq!(feb.last(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        let dec = DateValue::month(2021, 12).unwrap();
        assert_eq!(dec.last(), NaiveDate::from_ymd_opt(2021, 12, 31).unwrap());
    }

    #[test]
    fn year_ten_thousand_is_rejected() {
        assert_eq!(
            DateValue::year(10000).unwrap_err().to_string(),
            "invalid date \"+10000-01-01\": year must be between 1000 and 9999"
        );
    }
}
