//! News English → [`Value`](crate::Value): "more than 1,300", "about 1,000", "dozens", "from
//! 50-60 to 110-120 tenge per liter", "11 p.m. to 7 a.m.", "over the weekend".

mod label;
mod lex;
mod parser;
mod words;
mod yes_no;

use chrono::{Datelike, Days, NaiveDate, Weekday};

pub(crate) use self::lex::in_range;
use self::lex::{Tok, Token, words_match};
use self::parser::Grammar;
pub use self::parser::{MAX_PHRASE_BYTES, Parsed, Parser, Reading};
use self::words::{DAY_PARTS, QUALIFIERS, Qualifier, TIME_QUALIFIERS, VAGUE};
pub(crate) use self::yes_no::expects_change;
use crate::Error;
use crate::unit::Unit;
use crate::value::{
    Amount, Change, Clock, ClockStyle, DateValue, DayPart, Magnitude, Number, NumberRange,
    QualifiedTime, Sense, TimeOfDay, TimeWindow, Value, YEARS,
};

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

/// One end of a range, or a whole single value.
#[derive(Debug, Clone, Copy)]
pub(super) enum Point {
    Amount {
        mag: Magnitude,
        unit: Option<Unit>,
        /// The scale word applied ("thousand"), so "2-3 million" can share it.
        scale: Option<f64>,
        /// "7.00" could be 07:00 in a window.
        clock: Option<TimeOfDay>,
        at: usize,
    },
    Date {
        spec: DateSpec,
        at: usize,
    },
    Clock {
        time: TimeOfDay,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// "from A to B": a change for amounts.
    From,
    /// "between A and B", "A to B", "A-B": a range.
    Range,
}

impl Grammar<'_> {
    pub(super) fn value(&mut self, all: &[Token]) -> Result<Value, Error> {
        let mut t = all;
        while let Some((last, rest)) = t.split_last() {
            if last.tok == Tok::Period && !rest.is_empty() {
                t = rest;
            } else {
                break;
            }
        }
        if t.is_empty() || t.iter().all(|x| x.tok == Tok::Period) {
            return Err(self.err(0, "the phrase has no words or numbers"));
        }
        if let Some(v) = self.fixed_phrase(t) {
            return Ok(v);
        }
        if let Some(v) = self.loose_time(t)? {
            return Ok(v);
        }
        let t = self.strip_fillers(t);
        if t.is_empty() {
            return Err(self.err(self.end_of(all), "expected a value after the preposition"));
        }
        if t[0].is_word("between") {
            let k = t.iter().position(|x| x.is_word("and")).ok_or_else(|| {
                self.err(self.end_of(t), "'between' needs 'and' and a second value")
            })?;
            self.note(&t[..1], "range");
            return self.join(&t[1..k], &t[k + 1..], Join::Range, t[k].start);
        }
        if t[0].is_word("from") {
            // The first "to" that is not part of a qualifier: "from up to 50 to 100".
            let k = (1..t.len())
                .find(|&k| is_range_word(t, k))
                .ok_or_else(|| self.err(self.end_of(t), "'from' needs 'to' and a second value"))?;
            return self.join(&t[1..k], &t[k + 1..], Join::From, t[k].start);
        }
        if is_factor(t) {
            return self.factor(t);
        }
        if let Some(k) = connector(t) {
            return self.join(&t[..k], &t[k + 1..], Join::Range, t[k].start);
        }
        let point = self.point(t)?;
        self.single(point)
    }

    /// Qualified clock times and parts of the day: "shortly after 6 p.m.", "at about 18:00",
    /// "in the early morning". `None` leaves the phrase to the other readers: "about 1,000"
    /// and "by January 19" are not times of day.
    pub(super) fn loose_time(&mut self, all: &[Token]) -> Result<Option<Value>, Error> {
        let mut t = all;
        while t.len() > 1 && t[0].word().is_some_and(|w| matches!(w, "at" | "in" | "during" | "on"))
        {
            t = &t[1..];
        }
        let prepositions = &all[..all.len() - t.len()];
        let part_words = if t.len() > 1 && t[0].is_word("the") { &t[1..] } else { t };
        if let Some(part) = day_part(part_words) {
            let range = self.policy.time_policy().part(part);
            self.note(prepositions, "preposition, ignored");
            self.note(
                part_words,
                format!(
                    "part of the day \"{part}\": {} by policy ({})",
                    range.interval(),
                    range.reason
                ),
            );
            return Ok(Some(Value::QualifiedTime(QualifiedTime::Part(part))));
        }
        let Some((pat, qualifier)) = TIME_QUALIFIERS.iter().find(|(p, _)| words_match(t, p)) else {
            return Ok(None);
        };
        let (words, rest) = t.split_at(pat.len());
        let before = self.readings.len();
        let time = if rest.is_empty() { None } else { self.clock(rest)? };
        let Some(time) = time else {
            if !qualifier.needs_clock() {
                return Ok(None);
            }
            let found = match rest.first() {
                Some(first) => {
                    format!(", found '{}'", &self.phrase[first.start..self.end_of(rest)])
                }
                None => String::new(),
            };
            let at = rest.first().map_or(self.end_of(t), |x| x.start);
            return Err(self.err(
                at,
                format!(
                    "expected a clock time such as '6 p.m.' or 'midnight' after '{qualifier}'{found}"
                ),
            ));
        };
        let clock = Clock::new(time, clock_style(rest))
            .map_err(|e| self.err(rest[0].start, e.to_string()))?;
        let value = QualifiedTime::Qualified { qualifier: *qualifier, clock };
        let meaning = self.qualifier_meaning(value);
        let clock_readings = self.readings.split_off(before);
        self.note(prepositions, "preposition, ignored");
        self.note(words, meaning);
        self.readings.extend(clock_readings);
        Ok(Some(Value::QualifiedTime(value)))
    }

    fn qualifier_meaning(&self, value: QualifiedTime) -> String {
        let policy = self.policy.time_policy();
        let iv = value.interval(policy);
        let QualifiedTime::Qualified { qualifier, clock } = value else {
            return format!("{value}: {iv}");
        };
        match qualifier.sense() {
            Sense::About => format!(
                "approximate time: {iv} by policy (±{} for {clock})",
                minutes(policy.about_half_width(clock.time()))
            ),
            Sense::ShortlyAfter => format!(
                "shortly after: {iv} by policy (up to {} after)",
                minutes(policy.shortly_minutes())
            ),
            Sense::ShortlyBefore => format!(
                "shortly before: {iv} by policy (up to {} before)",
                minutes(policy.shortly_minutes())
            ),
            Sense::After => format!("after: {iv}, open-ended to the end of the day"),
            Sense::Before => format!("before: {iv}, from the start of the day"),
            Sense::By => format!("by: at or before, {iv}"),
        }
    }

    fn strip_fillers<'t>(&mut self, mut t: &'t [Token]) -> &'t [Token] {
        loop {
            let Some(first) = t.first() else { return t };
            let Some(w) = first.word() else { return t };
            let meaning = match w {
                "on" | "in" | "at" | "during" | "since" | "as" | "of" => "preposition, ignored",
                "until" | "till" | "through" | "by" => "end date: the value is the date it ends",
                _ => return t,
            };
            // "as many as" and "at least" are qualifiers, not prepositions; in "in 1991" the
            // preposition is what makes a bare number a year, and `point` reads the pair.
            if QUALIFIERS.iter().any(|(p, _)| words_match(t, p)) || year_after_preposition(t) {
                return t;
            }
            if (w == "at" || w == "as" || w == "of") && t.len() > 1 && t[1].word().is_none() {
                // "at 11 p.m.": fine to drop.
            }
            self.note(&t[..1], meaning);
            t = &t[1..];
        }
    }

    fn single(&mut self, point: Point) -> Result<Value, Error> {
        Ok(match point {
            Point::Amount { mag, unit, .. } => {
                Value::Amount(Amount::new(mag, unit.unwrap_or(Unit::Number)))
            }
            Point::Date { spec, at } => Value::Date(self.resolve(spec, at)?),
            Point::Clock { time } => Value::Time(time),
        })
    }

    fn join(&mut self, lt: &[Token], rt: &[Token], how: Join, at: usize) -> Result<Value, Error> {
        if lt.is_empty() {
            return Err(self.err(at, "expected a value before this"));
        }
        if rt.is_empty() {
            return Err(self.err(self.end_of(lt), "expected a value after this"));
        }
        // "2021-2022", "from 2021 to 2022": two bare years are a span of years, not amounts.
        if let (Some(a), Some(b)) = (self.bare_year(lt), self.bare_year(rt)) {
            let (first, last) = (DateValue::year(a), DateValue::year(b));
            let span = first.and_then(|f| last.and_then(|l| DateValue::span(f.first(), l.last())));
            let span = span.map_err(|_| {
                self.err(lt[0].start, format!("the years run backwards: {a} is after {b}"))
            })?;
            self.note(lt, format!("from the year {a}"));
            self.note(rt, format!("to the year {b}"));
            return Ok(Value::Date(span));
        }
        let left = self.point(lt)?;
        let right = self.point(rt)?;
        if let Some((a, b)) = clock_pair(&left, &right) {
            let w = TimeWindow::new(a, b).map_err(|e| self.err(at, e.to_string()))?;
            self.note(lt, format!("window opens {a}"));
            self.note(rt, format!("window closes {b}"));
            return Ok(Value::TimeWindow(w));
        }
        match (left, right) {
            (Point::Date { spec: l, at: lat }, Point::Date { spec: r, at: rat }) => {
                let l = match (l.year(), r.year()) {
                    (None, Some(y)) => l.with_year(y),
                    _ => l,
                };
                let (ld, rd) = (self.resolve(l, lat)?, self.resolve(r, rat)?);
                let span = DateValue::span(ld.first(), rd.last()).map_err(|_| {
                    self.err(lat, format!("the dates run backwards: {ld} is after {rd}"))
                })?;
                self.note(lt, format!("from {}", ld.first()));
                self.note(rt, format!("to {}", rd.last()));
                Ok(Value::Date(span))
            }
            (
                Point::Amount { mag: lm, unit: lu, scale: ls, at: lat, .. },
                Point::Amount { mag: rm, unit: ru, scale: rs, at: rat, .. },
            ) => {
                let unit = match (lu, ru) {
                    (Some(a), Some(b)) if a != b => {
                        return Err(self.err(rat, "the two ends have different units"));
                    }
                    (a, b) => a.or(b).unwrap_or(Unit::Number),
                };
                if how == Join::From {
                    self.note(lt, "change: the amount before");
                    self.note(rt, "change: the amount after");
                    return Ok(Value::Change(Change::Between { from: lm, to: rm, unit }));
                }
                let mag = self.range(lm, rm, ls, rs, lat)?;
                Ok(Value::Amount(Amount::new(mag, unit)))
            }
            (l, r) => Err(self.err(
                at,
                format!("cannot join {} and {} into one range", point_kind(&l), point_kind(&r)),
            )),
        }
    }

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

    /// "2-3 million", "50-60": a range of plain numbers; a scale written once applies to both.
    pub(super) fn range(
        &self,
        lm: Magnitude,
        rm: Magnitude,
        ls: Option<f64>,
        rs: Option<f64>,
        at: usize,
    ) -> Result<Magnitude, Error> {
        let (Magnitude::Exact(mut lo), Magnitude::Exact(hi)) = (lm, rm) else {
            return Err(self.err(at, "a range takes plain numbers at both ends"));
        };
        if let (None, Some(s)) = (ls, rs)
            && lo.get() * s <= hi.get()
        {
            lo = Number::new(lo.get() * s)?;
        }
        let range = NumberRange::new(lo, hi)
            .map_err(|_| self.err(at, format!("inverted range: {lo} is above {hi}")))?;
        Ok(Magnitude::Range(range))
    }

    fn point(&mut self, t: &[Token]) -> Result<Point, Error> {
        // "in 1991", "since 2022": a bare year only counts as a date after a preposition.
        if let [prep, y] = t
            && year_after_preposition(t)
            && let Tok::Num { value, .. } = &y.tok
        {
            let year = self.year_value(*value, y.start)?;
            self.note(t, "calendar year");
            let d = DateValue::year(year).map_err(|e| self.err(y.start, e.to_string()))?;
            return Ok(Point::Date { spec: DateSpec::Resolved(d), at: prep.start });
        }
        let t = self.strip_fillers(t);
        let Some(first) = t.first() else {
            return Err(self.err(self.phrase.len(), "expected a value"));
        };
        // One end of a change may itself be a range: "from 50-60 to 110-120".
        if let Some(k) = connector(t).filter(|&k| t[k].tok == Tok::Dash) {
            let (left, right) = (self.point(&t[..k])?, self.point(&t[k + 1..])?);
            if let (
                Point::Amount { mag: lm, unit: lu, scale: ls, .. },
                Point::Amount { mag: rm, unit: ru, scale: rs, at: rat, .. },
            ) = (left, right)
            {
                let unit = match (lu, ru) {
                    (Some(lunit), Some(runit)) if lunit != runit => {
                        return Err(self.err(rat, "the two ends have different units"));
                    }
                    (lunit, runit) => lunit.or(runit),
                };
                let mag = self.range(lm, rm, ls, rs, first.start)?;
                return Ok(Point::Amount { mag, unit, scale: rs, clock: None, at: first.start });
            }
            return Err(self.err(t[k].start, "a dash joins two numbers or two times here"));
        }
        if let Some(time) = self.clock(t)? {
            return Ok(Point::Clock { time });
        }
        if let Some(spec) = self.date(t)? {
            return Ok(Point::Date { spec, at: first.start });
        }
        self.amount(t)
    }

    pub(super) fn clock(&mut self, t: &[Token]) -> Result<Option<TimeOfDay>, Error> {
        let at = t[0].start;
        let time =
            |g: &Self, h: u32, m: u32| TimeOfDay::new(h, m).map_err(|e| g.err(at, e.to_string()));
        let with_meridiem = |g: &Self, h: u32, m: u32, pm: bool| {
            if !(1..=12).contains(&h) {
                return Err(g.err(at, format!("{h} is not an hour on a 12-hour clock")));
            }
            let h24 = match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, false) => h,
                (h, true) => h + 12,
            };
            time(g, h24, m)
        };
        let result = match (&t[0].tok, t.get(1).map(|x| &x.tok), t.len()) {
            (Tok::Clock { hour, minute }, None, 1) => time(self, *hour, *minute)?,
            (Tok::Clock { hour, minute }, Some(Tok::Meridiem(pm)), 2) => {
                with_meridiem(self, *hour, *minute, *pm)?
            }
            (Tok::Num { value, frac: None, .. }, Some(Tok::Meridiem(pm)), 2) => {
                with_meridiem(self, *value as u32, 0, *pm)?
            }
            (Tok::Num { value, frac: Some(f), .. }, Some(Tok::Meridiem(pm)), 2)
                if f.len() == 2 && f.bytes().all(|c| c.is_ascii_digit()) =>
            {
                let m = f.parse().unwrap_or(99);
                with_meridiem(self, *value as u32, m, *pm)?
            }
            (Tok::Word(w), None, 1) if w == "noon" || w == "midday" => time(self, 12, 0)?,
            // "12 noon", "12 midnight"
            (Tok::Num { frac: None, int, .. }, Some(Tok::Word(w)), 2)
                if int == "12" && (w == "noon" || w == "midday") =>
            {
                time(self, 12, 0)?
            }
            (Tok::Num { frac: None, int, .. }, Some(Tok::Word(w)), 2)
                if int == "12" && w == "midnight" =>
            {
                time(self, 0, 0)?
            }
            (Tok::Word(w), None, 1) if w == "midnight" => time(self, 0, 0)?,
            _ => return Ok(None),
        };
        self.note(t, format!("time of day {result}"));
        Ok(Some(result))
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
                    // Of a year, "first days" is the first week; "the end of 2022" its last
                    // days of December.
                    let month = if first >= 21 { 12 } else { 1 };
                    let last = if first >= 21 { None } else { last };
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
            let d = DateValue::year(y).map_err(|e| self.err(at, e.to_string()))?;
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
                    .map_err(|e| self.err(t[0].start, e.to_string()))?;
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
            DateValue::span(first, last).map_err(|e| self.err(t[0].start, e.to_string()))?;
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
        let bad = |e: Error| self.err(at, e.to_string());
        match spec {
            DateSpec::Resolved(d) => Ok(d),
            DateSpec::Day { year, month, day, weekday } => {
                let y = fill(year, month, day)?;
                let date = NaiveDate::from_ymd_opt(y, month, day).ok_or_else(|| {
                    self.err(at, format!("no such day in the calendar: {y}-{month:02}-{day:02}"))
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

    pub(super) fn amount(&mut self, t: &[Token]) -> Result<Point, Error> {
        let at = t[0].start;
        let mut i = 0;
        let mut qualifier = None;
        if t[0].tok == Tok::Tilde {
            qualifier = Some(Qualifier::About);
            self.note(&t[..1], Qualifier::About.meaning());
            i = 1;
        } else if let Some((pat, q)) = QUALIFIERS.iter().find(|(p, _)| words_match(t, p)) {
            qualifier = Some(*q);
            self.note(&t[..pat.len()], q.meaning());
            i = pat.len();
        }
        let mut prefix_unit = None;
        match t.get(i).map(|x| &x.tok) {
            Some(Tok::Dollar) => prefix_unit = Some(Unit::Money(crate::Currency::Usd)),
            Some(Tok::Euro) => prefix_unit = Some(Unit::Money(crate::Currency::Eur)),
            Some(Tok::Tenge) => prefix_unit = Some(Unit::Money(crate::Currency::Kzt)),
            _ => {}
        }
        if let Some(u) = prefix_unit {
            self.note(&t[i..=i], format!("currency {}", u.suffix().trim()));
            i += 1;
        }
        let rest = &t[i..];
        if rest.is_empty() {
            let before = self.phrase[at..self.end_of(t)].trim().to_owned();
            return Err(self.err(self.end_of(t), format!("expected a number after '{before}'")));
        }
        if let Some((pat, word)) = VAGUE.iter().find(|(p, _)| words_match(rest, p)) {
            if qualifier.is_some() {
                return Err(self.err(rest[0].start, "a vague quantifier cannot take a qualifier"));
            }
            let range = self.policy.vague_policy().range(*word);
            self.note(
                &rest[..pat.len()],
                format!(
                    "vague quantifier \"{word}\": {} by policy ({})",
                    range.interval(),
                    range.reason
                ),
            );
            let unit = self.unit(&rest[pat.len()..], prefix_unit)?;
            return Ok(Point::Amount {
                mag: Magnitude::Vague(*word),
                unit: unit.map(|(u, _)| u),
                scale: None,
                clock: None,
                at,
            });
        }
        let (value, used, scale, clock) = match self.number(rest) {
            Err(_)
                if i == 0
                    && rest[0].tok == Tok::Dash
                    && matches!(rest.get(1).map(|x| &x.tok), Some(Tok::Num { .. })) =>
            {
                return Err(self.err(at, "negative amounts are not allowed"));
            }
            // Nothing before it was read: the phrase is none of the kinds claimrecon knows.
            Err(_) if i == 0 && !matches!(rest[0].tok, Tok::Num { .. }) => {
                let found = self.describe(&rest[0]);
                return Err(self.err(
                    at,
                    format!("expected a number, a date or a time of day, found {found}"),
                ));
            }
            result => result?,
        };
        let unit = self.unit(&rest[used..], prefix_unit)?;
        let factor = unit.map_or(1.0, |(_, f)| f);
        // The range holds after conversion too: 3 million million tonnes is too many
        // kilograms, a millionth of a nanogram too few.
        let number = Number::checked(value * factor)
            .map_err(|why| why.error(&self.phrase[rest[0].start..self.end_of(rest)]))?;
        let mag = qualified(qualifier, number);
        let clock = if qualifier.is_none() && unit.is_none() { clock } else { None };
        Ok(Point::Amount { mag, unit: unit.map(|(u, _)| u), scale, clock, at })
    }

    /// Digits with an optional scale word, or number words. Returns the value, tokens used,
    /// the scale applied, and the time of day the digits could be ("7.00").
    pub(super) fn number(
        &mut self,
        t: &[Token],
    ) -> Result<(f64, usize, Option<f64>, Option<TimeOfDay>), Error> {
        let Some(first) = t.first() else {
            return Err(self.err(self.phrase.len(), "expected a number"));
        };
        if let Tok::Num { value, frac, int } = &first.tok {
            let mut used = 1;
            let mut factor = 1.0;
            let mut scale_seen = None;
            while let Some(s) =
                t.get(used).and_then(|x| x.word().and_then(|w| words::scale(w, x.glued)))
            {
                factor *= s;
                scale_seen = Some(factor);
                used += 1;
            }
            let clock = match frac {
                Some(f) if f == "00" && *value < 24.0 => {
                    TimeOfDay::new(int.parse().unwrap_or(99), 0).ok()
                }
                _ => None,
            };
            // Zero of any scale is zero, even when a hundred "trillion"s overflow the scale;
            // any other number they overflow is too large, not infinite.
            let total = if *value == 0.0 { 0.0 } else { (value * factor).min(f64::MAX) };
            Number::check(total)
                .map_err(|why| why.error(&self.phrase[first.start..t[used - 1].end]))?;
            if scale_seen.is_some() {
                self.note(&t[..used], format!("number {}", crate::value::trim_float(total)));
            } else {
                self.note(&t[..1], "number");
            }
            return Ok((total, used, scale_seen, clock));
        }
        if let Some((value, used)) = number_words(t) {
            self.note(&t[..used], format!("number {}", crate::value::trim_float(value)));
            return Ok((value, used, None, None));
        }
        let found = self.describe(&t[0]);
        Err(self.err(t[0].start, format!("expected a number, found {found}")))
    }

    /// The unit after a number, with the factor to its base unit (1000 for tonnes).
    fn unit(&mut self, t: &[Token], prefix: Option<Unit>) -> Result<Option<(Unit, f64)>, Error> {
        let t = if t.first().is_some_and(|x| x.is_word("of")) && t.len() > 1 { &t[1..] } else { t };
        let Some(first) = t.first() else { return Ok(prefix.map(|u| (u, 1.0))) };
        let (unit, factor, used) = match &first.tok {
            Tok::Percent => (Unit::Percent, 1.0, 1),
            Tok::Word(w) if w == "per" && t.get(1).is_some_and(|x| x.is_word("cent")) => {
                (Unit::Percent, 1.0, 2)
            }
            Tok::Word(w)
                if w == "us"
                    && t.get(1).and_then(Token::word).and_then(words::currency).is_some() =>
            {
                (Unit::Money(crate::Currency::Usd), 1.0, 2)
            }
            Tok::Word(w) if words::currency(w).is_some() => {
                let c = words::currency(w).unwrap_or(crate::Currency::Usd);
                (Unit::Money(c), 1.0, 1)
            }
            Tok::Word(w) if words::simple_unit(w).is_some() => {
                (words::simple_unit(w).unwrap_or(Unit::Number), 1.0, 1)
            }
            Tok::Word(w) if words::mass_factor(w).is_some() => {
                (Unit::Kilograms, words::mass_factor(w).unwrap_or(1.0), 1)
            }
            Tok::Word(w) => {
                let unit = match t.get(1).and_then(Token::word) {
                    Some(next) if w == "per" => format!("per {next}"),
                    _ => w.clone(),
                };
                return Err(self.err(first.start, format!("unknown unit '{unit}'")));
            }
            _ => return Err(self.err(first.start, "unexpected symbol after the number")),
        };
        let mut used = used;
        let mut unit = unit;
        if let (Unit::Money(c), Some(rest)) = (unit, t.get(used..)) {
            // "per liter", "per 1 liter", "/l"
            let per = rest.first().is_some_and(|x| x.is_word("per") || x.tok == Tok::Slash);
            if per {
                let mut j = 1;
                if rest.get(j).is_some_and(|x| {
                    matches!(x.tok, Tok::Num { value, .. } if value == 1.0)
                        || x.is_word("one")
                        || x.is_word("a")
                }) {
                    j += 1;
                }
                match rest.get(j).and_then(Token::word) {
                    Some(w) if words::volume_word(w) => {
                        unit = Unit::MoneyPerLitre(c);
                        used += j + 1;
                    }
                    Some(w) => {
                        return Err(self.err(rest[j].start, format!("unknown unit 'per {w}'")));
                    }
                    None => return Err(self.err(self.end_of(t), "expected a unit after 'per'")),
                }
            }
        }
        if let Some(p) = prefix
            && p != unit
        {
            return Err(self.err(first.start, "the currency sign and the unit disagree"));
        }
        if let Some(extra) = t.get(used) {
            return Err(self
                .err(extra.start, format!("unexpected {} after the unit", self.describe(extra))));
        }
        self.note(&t[..used], format!("unit:{}", unit.suffix()));
        Ok(Some((unit, factor)))
    }

    pub(super) fn factor(&mut self, t: &[Token]) -> Result<Value, Error> {
        let at = t[0].start;
        let mut t = t;
        if t[0].is_word("a") || t[0].is_word("an") {
            t = &t[1..];
        }
        // A trailing "increase" or "fall" gives the direction.
        let mut direction = None;
        if let Some(last) = t.last().and_then(Token::word) {
            if words::rise_word(last) {
                direction = Some(true);
            } else if words::fall_word(last) {
                direction = Some(false);
            }
            if let Some(up) = direction {
                self.note(&t[t.len() - 1..], if up { "direction: up" } else { "direction: down" });
                t = &t[..t.len() - 1];
            }
        }
        let mut qualifier = None;
        if let Some((pat, q)) = QUALIFIERS.iter().find(|(p, _)| words_match(t, p)) {
            qualifier = Some(*q);
            self.note(&t[..pat.len()], q.meaning());
            t = &t[pat.len()..];
        }
        let factor = match t {
            [] => return Err(self.err(self.end_of(t).min(self.phrase.len()), "expected a factor")),
            // "doubling", "halved"
            [verb] if verb.word().and_then(doubling_factor).is_some() => {
                let f = verb.word().and_then(doubling_factor).unwrap_or(1.0);
                self.note(t, format!("factor {f}, approximate unless qualified"));
                qualified_factor(qualifier, Number::new(f)?)
            }
            // "a 50% rise", "a 30% fall"
            [num, pct] if pct.tok == Tok::Percent => {
                let Tok::Num { value, .. } = num.tok else {
                    return Err(self.err(num.start, "expected a number before '%'"));
                };
                let f = match direction {
                    Some(true) => 1.0 + value / 100.0,
                    Some(false) if value <= 100.0 => 1.0 - value / 100.0,
                    Some(false) => {
                        return Err(self.err(num.start, "a fall cannot exceed 100%"));
                    }
                    None => {
                        return Err(self
                            .err(pct.end, "a percentage change needs 'rise' or 'fall' after it"));
                    }
                };
                self.note(t, format!("factor {}", crate::value::trim_float(f)));
                qualified(qualifier, Number::new(f)?)
            }
            _ => match self.fold(t, qualifier)? {
                Some(m) => m,
                None => {
                    return Err(self.err(
                        at,
                        "expected a factor such as 'two-fold', 'doubling' or 'a 50% rise'",
                    ));
                }
            },
        };
        if direction == Some(false) && !matches!(t, [_, p] if p.tok == Tok::Percent) {
            return Err(self.err(at, "a fall is written as a percentage: 'a 30% fall'"));
        }
        Ok(Value::Change(Change::Factor { factor }))
    }

    /// "two-fold", "2-fold", "twofold", "2-3-fold", and percentages "50% rise".
    fn fold(
        &mut self,
        t: &[Token],
        qualifier: Option<Qualifier>,
    ) -> Result<Option<Magnitude>, Error> {
        let at = t[0].start;
        let last = &t[t.len() - 1];
        // "50%" followed by a direction word (already stripped by the caller).
        let Some(word) = last.word() else {
            return Ok(None);
        };
        let head: Vec<Token>;
        let number_part: &[Token] = if word == "fold" {
            let mut k = t.len() - 1;
            if k > 0 && t[k - 1].tok == Tok::Dash {
                k -= 1;
            }
            &t[..k]
        } else if let Some(stem) = word.strip_suffix("-fold").or_else(|| word.strip_suffix("fold"))
        {
            let mut v: Vec<Token> = t[..t.len() - 1].to_vec();
            v.push(Token {
                tok: Tok::Word(stem.to_owned()),
                start: last.start,
                end: last.start + stem.len(),
                glued: last.glued,
            });
            head = v;
            &head
        } else {
            return Ok(None);
        };
        if number_part.is_empty() {
            return Err(self.err(at, "expected a number before '-fold'"));
        }
        // "2-3-fold": a range of factors.
        if let Some(d) = number_part.iter().position(|x| x.tok == Tok::Dash) {
            let (lo, _, _, _) = self.number(&number_part[..d])?;
            let (hi, _, _, _) = self.number(&number_part[d + 1..])?;
            let lo = Number::new(lo)?;
            let hi = Number::new(hi)?;
            let r = NumberRange::new(lo, hi)
                .map_err(|_| self.err(at, format!("inverted range: {lo} is above {hi}")))?;
            return Ok(Some(Magnitude::Range(r)));
        }
        if let Some((pat, w)) = VAGUE.iter().find(|(p, _)| words_match(number_part, p))
            && pat.len() == number_part.len()
        {
            return Ok(Some(Magnitude::Vague(*w)));
        }
        let (value, used, _, _) = self.number(number_part)?;
        if let Some(extra) = number_part.get(used) {
            return Err(
                self.err(extra.start, format!("unexpected {} in the factor", self.describe(extra)))
            );
        }
        let n = Number::new(value)?;
        self.note(&t[t.len() - 1..], "fold: a multiplicative factor");
        Ok(Some(qualified_factor(qualifier, n)))
    }
}

/// A factor word ("two-fold", "doubling") is round by nature: unqualified, it is approximate.
fn qualified_factor(q: Option<Qualifier>, n: Number) -> Magnitude {
    match q {
        None => Magnitude::About(n),
        q => qualified(q, n),
    }
}

pub(super) fn qualified(q: Option<Qualifier>, n: Number) -> Magnitude {
    match q {
        None | Some(Qualifier::Exactly) => Magnitude::Exact(n),
        Some(Qualifier::About) => Magnitude::About(n),
        Some(Qualifier::MoreThan) => Magnitude::MoreThan(n),
        Some(Qualifier::AtLeast) => Magnitude::AtLeast(n),
        Some(Qualifier::UpTo) => Magnitude::UpTo(n),
        Some(Qualifier::FewerThan) => Magnitude::FewerThan(n),
        Some(Qualifier::Nearly) => Magnitude::Nearly(n),
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

fn minutes(n: u16) -> String {
    if n == 1 { "1 minute".to_owned() } else { format!("{n} minutes") }
}

/// The part of the day the words name, if they name one and nothing more.
fn day_part(t: &[Token]) -> Option<DayPart> {
    DAY_PARTS.iter().find(|(p, _)| p.len() == t.len() && words_match(t, p)).map(|(_, part)| *part)
}

/// How a clock time read by `Grammar::clock` was written.
fn clock_style(t: &[Token]) -> ClockStyle {
    if t.iter().any(|x| matches!(x.tok, Tok::Meridiem(_))) {
        ClockStyle::TwelveHour
    } else if t.last().is_some_and(|x| x.word().is_some()) {
        ClockStyle::Named
    } else {
        ClockStyle::TwentyFourHour
    }
}

fn point_kind(p: &Point) -> &'static str {
    match p {
        Point::Amount { .. } => "an amount",
        Point::Date { .. } => "a date",
        Point::Clock { .. } => "a time of day",
    }
}

/// Both ends as times of day, if they can be read so: explicit clocks ("11 p.m.", "23:00"),
/// or both written "H.00" ("from 7.00 to 23.00").
fn clock_pair(l: &Point, r: &Point) -> Option<(TimeOfDay, TimeOfDay)> {
    match (l, r) {
        (
            Point::Clock { time: a } | Point::Amount { clock: Some(a), .. },
            Point::Clock { time: b } | Point::Amount { clock: Some(b), .. },
        ) => Some((*a, *b)),
        _ => None,
    }
}

/// "in 1991", "since 2022", "year 2022": a preposition and a bare four-digit number.
pub(super) fn year_after_preposition(t: &[Token]) -> bool {
    matches!(t, [prep, y]
        if prep.word().is_some_and(|w| matches!(w, "in" | "since" | "year"))
            && matches!(&y.tok, Tok::Num { frac: None, int, .. } if int.len() == 4))
}

/// True if `t[k]` is "to", "until", "till" or "through" joining two values, not the end of a
/// qualifier such as "up to" or "close to".
fn is_range_word(t: &[Token], k: usize) -> bool {
    let joins = t
        .get(k)
        .and_then(Token::word)
        .is_some_and(|w| matches!(w, "to" | "until" | "till" | "through"));
    let qualifier = k
        .checked_sub(1)
        .and_then(|j| t.get(j))
        .is_some_and(|prev| prev.is_word("up") || prev.is_word("close") || prev.is_word("equal"));
    joins && !qualifier
}

/// Where a range splits: "to", "until", or a dash between two numbers or times.
fn connector(t: &[Token]) -> Option<usize> {
    (1..t.len().saturating_sub(1)).find(|&k| {
        let x = &t[k];
        let prev = &t[k - 1];
        match &x.tok {
            Tok::Word(_) => is_range_word(t, k),
            Tok::Dash => {
                let numeric = |tok: &Tok| {
                    matches!(tok, Tok::Num { .. } | Tok::Clock { .. } | Tok::Meridiem(_))
                };
                numeric(&prev.tok)
                    || prev.word().is_some_and(|w| words::scale(w, prev.glued).is_some())
            }
            _ => false,
        }
    })
}

fn doubling_factor(word: &str) -> Option<f64> {
    Some(match word {
        "doubling" | "doubled" | "double" | "doubles" => 2.0,
        "tripling" | "tripled" | "triple" | "triples" => 3.0,
        "quadrupling" | "quadrupled" => 4.0,
        "halving" | "halved" | "halves" => 0.5,
        _ => return None,
    })
}

pub(super) fn is_factor(t: &[Token]) -> bool {
    let words = t.iter().filter_map(Token::word);
    let has_fold_or_verb =
        words.clone().any(|w| w == "fold" || w.ends_with("fold") || doubling_factor(w).is_some());
    let has_percent_change = t.windows(2).any(|w| {
        w[0].tok == Tok::Percent
            && w[1].word().is_some_and(|x| words::rise_word(x) || words::fall_word(x))
    });
    // "a 50%": a change missing its direction, so the factor reader can say so.
    let bare_percent_change = matches!(t, [a, n, p]
        if (a.is_word("a") || a.is_word("an"))
            && matches!(n.tok, Tok::Num { .. })
            && p.tok == Tok::Percent);
    has_fold_or_verb || has_percent_change || bare_percent_change
}

/// Number words: "two", "a dozen", "six thousand", "twenty-five", "two hundred and fifty".
fn number_words(t: &[Token]) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last_scale = f64::INFINITY;
    let mut used = 0;
    let mut any = false;
    while let Some(w) = t.get(used).and_then(Token::word) {
        let next_is_multiplier = |k: usize| {
            t.get(k).and_then(Token::word).is_some_and(|n| {
                matches!(n, "hundred" | "thousand" | "million" | "billion" | "dozen")
            })
        };
        if (w == "a" || w == "an") && !any && next_is_multiplier(used + 1) {
            current = 1.0;
        } else if w == "and"
            && any
            && t.get(used + 1).and_then(Token::word).is_some_and(|n| number_word_value(n).is_some())
        {
        } else if let Some(n) = number_word_value(w) {
            current += n;
        } else if w == "dozen" {
            current = current.max(1.0) * 12.0;
        } else if w == "hundred" {
            current = current.max(1.0) * 100.0;
        } else if let Some(s) = words::scale(w, false).filter(|_| w != "hundred") {
            // "two million three thousand" adds groups; "two thousand million" multiplies.
            if s > last_scale {
                total = (total + current) * s;
            } else {
                total += current.max(1.0) * s;
            }
            last_scale = s;
            current = 0.0;
        } else {
            break;
        }
        any = true;
        used += 1;
    }
    // A lone "a" is not a number.
    let value = total + current;
    (any && !(used == 1 && t[0].is_word("a"))).then_some((value, used))
}

/// "seven", "twenty-five".
fn number_word_value(w: &str) -> Option<f64> {
    if let Some(n) = words::small_number(w) {
        return Some(n);
    }
    let (tens, unit) = w.split_once('-')?;
    let t = words::small_number(tens).filter(|t| *t >= 20.0 && t % 10.0 == 0.0)?;
    let u = words::small_number(unit).filter(|u| (1.0..10.0).contains(u))?;
    Some(t + u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parser::Parser;
    use crate::value::Value;

    #[test]
    fn number_words_compose() {
        let p = Parser::default();
        for (phrase, expected) in [
            ("six thousand", 6000.0),
            ("a dozen", 12.0),
            ("two hundred and fifty", 250.0),
            ("twenty-five", 25.0),
            ("two dozen", 24.0),
            ("two million three thousand", 2_003_000.0),
            ("two thousand million", 2_000_000_000.0),
            ("one hundred thousand", 100_000.0),
        ] {
            let v = p.parse(phrase).unwrap().value;
            let Value::Amount(a) = v else { panic!("{phrase}: {v:?}") };
            assert_eq!(a.magnitude, Magnitude::Exact(Number::new(expected).unwrap()), "{phrase}");
        }
    }
}
