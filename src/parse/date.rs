//! Dates: calendar dates ("January 5, 2022", "2022-01-05"), months and years, parts of a
//! period ("the first days of 2022", "mid-January"), and dates relative to the publication
//! ("over the weekend", "last Thursday", "this year").

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::lex::{Tok, Token, words_match};
use super::parser::Grammar;
use super::words;
use crate::Error;
use crate::value::{DateValue, YEARS};

/// A date as written, before a missing year is filled in.
#[derive(Debug, Clone, Copy)]
pub(super) enum DateSpec {
    Day {
        year: Option<i32>,
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
    },
    Month {
        year: Option<i32>,
        month: u32,
    },
    /// Days `first ..= last` of a month; `last: None` is the month's end.
    MonthPart {
        year: Option<i32>,
        month: u32,
        first: u32,
        last: Option<u32>,
    },
    Resolved(DateValue),
}

impl DateSpec {
    pub(super) fn year(&self) -> Option<i32> {
        match *self {
            DateSpec::Day { year, .. }
            | DateSpec::Month { year, .. }
            | DateSpec::MonthPart { year, .. } => year,
            DateSpec::Resolved(d) => Some(d.first().year()),
        }
    }

    pub(super) fn with_year(self, y: i32) -> Self {
        match self {
            DateSpec::Day { month, day, weekday, .. } => {
                DateSpec::Day { year: Some(y), month, day, weekday }
            }
            DateSpec::Month { month, .. } => DateSpec::Month { year: Some(y), month },
            DateSpec::MonthPart { month, first, last, .. } => {
                DateSpec::MonthPart { year: Some(y), month, first, last }
            }
            r @ DateSpec::Resolved(_) => r,
        }
    }
}

impl Grammar<'_> {
    /// A lone four-digit number from 1900 to 2100 written without a separator: a year, when it
    /// is one end of a range ("2021-2022"). "2,021" stays a count.
    pub(super) fn bare_year(&self, t: &[Token]) -> Option<i32> {
        match t {
            [y] => match &y.tok {
                Tok::Num { value, frac: None, int }
                    if int.len() == 4
                        && !self.phrase[y.start..y.end].contains(',')
                        && (1900.0..=2100.0).contains(value) =>
                {
                    Some(*value as i32)
                }
                _ => None,
            },
            _ => None,
        }
    }

    #[allow(clippy::too_many_lines)]
    pub(super) fn date(&mut self, t: &[Token]) -> Result<Option<DateSpec>, Error> {
        let at = t[0].start;
        // Parts of a day carry no date information we keep.
        for part in ["morning", "afternoon", "evening", "night"] {
            if words_match(t, &["the", part, "of"]) && t.len() > 3 {
                self.note(&t[..3], "part of the day, ignored");
                return self.date(&t[3..]);
            }
        }
        if let Some(spec) = self.relative(t)? {
            return Ok(Some(spec));
        }
        match &t[0].tok {
            Tok::IsoDate { year, month, day } | Tok::DottedDate { year, month, day }
                if t.len() == 1 =>
            {
                self.note(t, "calendar date");
                return Ok(Some(DateSpec::Day {
                    year: Some(*year),
                    month: *month,
                    day: *day,
                    weekday: None,
                }));
            }
            _ => {}
        }
        // "Wednesday, January 19"
        let mut t = t;
        let mut weekday = None;
        if let Some(wd) = t[0].word().and_then(words::weekday) {
            if t.len() > 1 {
                weekday = Some(wd);
                self.note(&t[..1], "weekday, checked against the date");
                t = &t[1..];
                if t[0].tok == Tok::Comma {
                    t = &t[1..];
                }
                if t.is_empty() {
                    return Err(self.err(at, "expected a date after the weekday"));
                }
            }
        }
        // the first days of 2022 / of January
        for (pat, first, last) in [
            (&["the", "first", "days", "of"][..], 1, Some(7)),
            (&["the", "early", "days", "of"][..], 1, Some(7)),
            (&["first", "days", "of"][..], 1, Some(7)),
            (&["early", "days", "of"][..], 1, Some(7)),
            (&["the", "last", "days", "of"][..], 25, None),
            (&["the", "beginning", "of"][..], 1, Some(10)),
            (&["the", "start", "of"][..], 1, Some(10)),
            (&["the", "middle", "of"][..], 11, Some(20)),
            (&["the", "end", "of"][..], 21, None),
            (&["early"][..], 1, Some(10)),
            (&["mid"][..], 11, Some(20)),
            (&["late"][..], 21, None),
        ] {
            if !words_match(t, pat) || t.len() == pat.len() {
                continue;
            }
            let rest = &t[pat.len()..];
            let rest = if rest[0].tok == Tok::Dash && rest.len() > 1 { &rest[1..] } else { rest };
            let spec = match self.month_or_year(rest)? {
                Some(MonthOrYear::Month(month, year)) => {
                    DateSpec::MonthPart { year, month, first, last }
                }
                Some(MonthOrYear::Year(year)) => {
                    // Of a year, "early", "mid" (and "the middle of") and "late" are its
                    // thirds, January to April, May to August and September to December:
                    // "mid-2021" is the middle of the year, not of January. Its "first days"
                    // are the first week, its beginning or start the first ten days, its end
                    // and its "last days" those of December.
                    let third = match *pat {
                        ["early"] => Some((1, 4)),
                        ["mid"] | ["the", "middle", "of"] => Some((5, 8)),
                        ["late"] => Some((9, 12)),
                        _ => None,
                    };
                    if let Some((from, to)) = third {
                        let span = year_months(year, from, to)
                            .map_err(|e| e.in_phrase(self.phrase, rest[0].start))?;
                        self.note(&t[..pat.len()], format!("part of a year: months {from}-{to}"));
                        return Ok(Some(DateSpec::Resolved(span)));
                    }
                    let month = if first >= 21 { 12 } else { 1 };
                    DateSpec::MonthPart { year: Some(year), month, first, last }
                }
                None => return Err(self.err(rest[0].start, "expected a month or a year")),
            };
            let range = match last {
                Some(l) => format!("days {first}-{l}"),
                None => format!("days {first} to the end"),
            };
            self.note(&t[..pat.len()], format!("part of a period: {range}"));
            return Ok(Some(spec));
        }
        // "mid-January" is lexed as one word.
        if let Some(w) = t[0].word()
            && let Some(m) = w.strip_prefix("mid-").and_then(words::month)
        {
            let year = self.trailing_year(&t[1..])?;
            self.note(t, "middle of the month: days 11-20");
            return Ok(Some(DateSpec::MonthPart { year, month: m, first: 11, last: Some(20) }));
        }
        // January 5 [, 2022] / January 2022 / January
        if let Some(month) = t[0].word().and_then(words::month) {
            let rest = &t[1..];
            match rest.first().map(|x| &x.tok) {
                None => {
                    self.note(t, "month");
                    return Ok(Some(DateSpec::Month { year: None, month }));
                }
                Some(Tok::Num { value, frac: None, int }) if int.len() == 4 => {
                    let y = self.year_value(*value, rest[0].start)?;
                    if rest.len() > 1 {
                        return Err(self.err(rest[1].start, "unexpected words after the year"));
                    }
                    self.note(t, "month");
                    return Ok(Some(DateSpec::Month { year: Some(y), month }));
                }
                Some(Tok::Num { value, frac: None, .. }) => {
                    let day = *value as u32;
                    let year = self.trailing_year(&rest[1..])?;
                    self.note(t, "calendar date");
                    return Ok(Some(DateSpec::Day { year, month, day, weekday }));
                }
                Some(_) => {
                    return Err(self.err(rest[0].start, "expected a day or a year after the month"));
                }
            }
        }
        // 5 January [2022]
        if let (Tok::Num { value, frac: None, int }, Some(month)) =
            (&t[0].tok, t.get(1).and_then(Token::word).and_then(words::month))
            && int.len() <= 2
        {
            let year = self.trailing_year(&t[2..])?;
            self.note(t, "calendar date");
            return Ok(Some(DateSpec::Day { year, month, day: *value as u32, weekday }));
        }
        if weekday.is_some() {
            return Err(self.err(t[0].start, "expected a date after the weekday"));
        }
        // year 2022; "year 10000" is a date out of range, not an unknown word.
        if t[0].is_word("year")
            && t.len() == 2
            && let Tok::Num { value, frac: None, .. } = &t[1].tok
        {
            let y = self.year_value(*value, t[1].start)?;
            self.note(t, "calendar year");
            let d = DateValue::year(y).map_err(|e| e.in_phrase(self.phrase, at))?;
            return Ok(Some(DateSpec::Resolved(d)));
        }
        Ok(None)
    }

    fn trailing_year(&mut self, t: &[Token]) -> Result<Option<i32>, Error> {
        let t = if t.first().is_some_and(|x| x.tok == Tok::Comma) { &t[1..] } else { t };
        match t {
            [] => Ok(None),
            [y] => match &y.tok {
                Tok::Num { value, frac: None, int } if int.len() == 4 => {
                    Ok(Some(self.year_value(*value, y.start)?))
                }
                _ => Err(self.err(y.start, "expected a four-digit year")),
            },
            [_, extra, ..] => Err(self.err(extra.start, "unexpected words after the date")),
        }
    }

    pub(super) fn year_value(&self, value: f64, at: usize) -> Result<i32, Error> {
        let y = value as i32;
        if YEARS.contains(&y) {
            Ok(y)
        } else {
            Err(self.err(at, format!("year {y} is outside {}-{}", YEARS.start(), YEARS.end())))
        }
    }

    fn month_or_year(&mut self, t: &[Token]) -> Result<Option<MonthOrYear>, Error> {
        if let Some(m) = t.first().and_then(Token::word).and_then(words::month) {
            let year = self.trailing_year(&t[1..])?;
            return Ok(Some(MonthOrYear::Month(m, year)));
        }
        match t {
            [y] => match &y.tok {
                Tok::Num { value, frac: None, int } if int.len() == 4 => {
                    Ok(Some(MonthOrYear::Year(self.year_value(*value, y.start)?)))
                }
                _ => Ok(None),
            },
            _ => Ok(None),
        }
    }

    fn relative(&mut self, t: &[Token]) -> Result<Option<DateSpec>, Error> {
        enum Rel {
            /// True for "last weekend": the one before a weekend the article is written in.
            Weekend(bool),
            Day(u32),
            LastWeek,
            ThisWeek,
            Weekday(Weekday, bool),
            /// The calendar year, this many years before the publication's.
            Year(i32),
        }
        let words: Option<Vec<&str>> = t.iter().map(Token::word).collect();
        let Some(words) = words else { return Ok(None) };
        let core: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !matches!(*w, "the" | "over" | "on" | "at" | "during"))
            .collect();
        let rel = match core.as_slice() {
            ["weekend"] | ["this", "weekend"] => Rel::Weekend(false),
            ["last", "weekend"] => Rel::Weekend(true),
            ["yesterday"] | ["last", "night"] => Rel::Day(1),
            ["today" | "tonight"] | ["this", "morning"] => Rel::Day(0),
            ["last", "week"] => Rel::LastWeek,
            ["this", "week"] | ["earlier", "this", "week"] => Rel::ThisWeek,
            ["this", "year"] => Rel::Year(0),
            ["last", "year"] => Rel::Year(1),
            [w] if words::weekday(w).is_some() => {
                Rel::Weekday(words::weekday(w).unwrap_or(Weekday::Mon), false)
            }
            ["last", w] if words::weekday(w).is_some() => {
                Rel::Weekday(words::weekday(w).unwrap_or(Weekday::Mon), true)
            }
            _ => return Ok(None),
        };
        let text = self.phrase[t[0].start..self.end_of(t)].to_owned();
        let Some(p) = self.published else {
            return Err(self.err(
                t[0].start,
                format!("'{text}' is relative to the publication date, and none was given"),
            ));
        };
        // The publication date is in 1000-9999, so these steps back stay in chrono's range;
        // a date before year 1000 is refused by `DateValue::span` below.
        let back = |days: u32| {
            p.checked_sub_days(Days::new(u64::from(days))).ok_or_else(|| {
                self.err(t[0].start, format!("'{text}' falls before the earliest date"))
            })
        };
        let ahead = |from: NaiveDate, days: u64| {
            from.checked_add_days(Days::new(days)).ok_or_else(|| {
                self.err(t[0].start, format!("'{text}' falls after the latest date"))
            })
        };
        let (first, last) = match rel {
            Rel::Weekend(last) => {
                let days = (p.weekday().num_days_from_monday() + 7 - 5) % 7;
                let in_weekend = days <= 1;
                let days = if last && in_weekend { days + 7 } else { days };
                let sat = back(days)?;
                // Written on a Saturday, "this weekend" so far is that day: never after publication.
                (sat, ahead(sat, 1)?.min(p))
            }
            Rel::Day(n) => (back(n)?, back(n)?),
            Rel::LastWeek => {
                let monday = back(p.weekday().num_days_from_monday() + 7)?;
                (monday, ahead(monday, 6)?)
            }
            Rel::ThisWeek => (back(p.weekday().num_days_from_monday())?, p),
            Rel::Year(back) => {
                let value = DateValue::year(p.year() - back)
                    .map_err(|e| e.in_phrase(self.phrase, t[0].start))?;
                self.note(
                    t,
                    format!("relative year, resolved against publication date {p}: {value}"),
                );
                return Ok(Some(DateSpec::Resolved(value)));
            }
            Rel::Weekday(wd, strictly_before) => {
                let mut days =
                    (p.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
                if strictly_before && days == 0 {
                    days = 7;
                }
                let d = back(days)?;
                (d, d)
            }
        };
        let value =
            DateValue::span(first, last).map_err(|e| e.in_phrase(self.phrase, t[0].start))?;
        self.note(t, format!("relative date, resolved against publication date {p}: {value}"));
        Ok(Some(DateSpec::Resolved(value)))
    }

    pub(super) fn resolve(&self, spec: DateSpec, at: usize) -> Result<DateValue, Error> {
        let fill = |year: Option<i32>, month: u32, day: u32| -> Result<i32, Error> {
            if let Some(y) = year {
                return Ok(y);
            }
            let Some(p) = self.published else {
                return Err(self.err(
                    at,
                    "the date has no year, and no publication date was given to infer it from",
                ));
            };
            // The year that puts the date nearest the publication date.
            let best = [p.year() - 1, p.year(), p.year() + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day.max(1)).map(|d| (y, d)))
                .min_by_key(|(_, d)| (*d - p).num_days().abs());
            best.map(|(y, _)| y).ok_or_else(|| self.err(at, "no such day in the calendar"))
        };
        let bad = |e: Error| e.in_phrase(self.phrase, at);
        match spec {
            DateSpec::Resolved(d) => Ok(d),
            DateSpec::Day { year, month, day, weekday } => {
                let y = fill(year, month, day)?;
                let date = NaiveDate::from_ymd_opt(y, month, day).ok_or_else(|| {
                    let value = format!("{y}-{month:02}-{day:02}");
                    let problem = "no such day in the calendar".to_owned();
                    bad(Error::InvalidTime { what: "date".to_owned(), value, problem })
                })?;
                if let Some(wd) = weekday
                    && date.weekday() != wd
                {
                    return Err(self.err(
                        at,
                        format!(
                            "{date} was a {}, not a {}",
                            long_weekday(date.weekday()),
                            long_weekday(wd)
                        ),
                    ));
                }
                DateValue::day(date).map_err(bad)
            }
            DateSpec::Month { year, month } => {
                let y = fill(year, month, 1)?;
                DateValue::month(y, month).map_err(bad)
            }
            DateSpec::MonthPart { year, month, first, last } => {
                let y = fill(year, month, first)?;
                let whole = DateValue::month(y, month).map_err(bad)?;
                let start = NaiveDate::from_ymd_opt(y, month, first)
                    .ok_or_else(|| self.err(at, "no such day in the calendar"))?;
                let end = match last {
                    Some(l) => NaiveDate::from_ymd_opt(y, month, l).unwrap_or(whole.last()),
                    None => whole.last(),
                };
                DateValue::span(start, end).map_err(bad)
            }
        }
    }
}

/// The months `from` to `to` of `year`, whole.
fn year_months(year: i32, from: u32, to: u32) -> Result<DateValue, Error> {
    let first = NaiveDate::from_ymd_opt(year, from, 1);
    let last = if to == 12 {
        NaiveDate::from_ymd_opt(year, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(year, to + 1, 1).and_then(|d| d.pred_opt())
    };
    match (first, last) {
        (Some(first), Some(last)) => DateValue::span(first, last),
        _ => Err(Error::InvalidTime {
            what: "date".to_owned(),
            value: year.to_string(),
            problem: "no such year in the calendar".to_owned(),
        }),
    }
}

enum MonthOrYear {
    Month(u32, Option<i32>),
    Year(i32),
}

fn long_weekday(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "in 1991", "since 2022", "year 2022": a preposition and a bare four-digit number.
pub(super) fn year_after_preposition(t: &[Token]) -> bool {
    matches!(t, [prep, y]
        if prep.word().is_some_and(|w| matches!(w, "in" | "since" | "year"))
            && matches!(&y.tok, Tok::Num { frac: None, int, .. } if int.len() == 4))
}
