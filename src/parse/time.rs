//! Times of day: clock times ("6 p.m.", "23:00", "noon"), qualified clock times ("shortly
//! after 6 p.m.", "at about 18:00") and parts of the day ("early morning", "at dawn").

use super::lex::{Tok, Token, words_match};
use super::parser::Grammar;
use super::words::{DAY_PARTS, TIME_QUALIFIERS};
use crate::Error;
use crate::value::{Clock, ClockStyle, DayPart, QualifiedTime, Sense, TimeOfDay, Value};

impl Grammar<'_> {
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
            .map_err(|e| e.in_phrase(self.phrase, rest[0].start))?;
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

    pub(super) fn clock(&mut self, t: &[Token]) -> Result<Option<TimeOfDay>, Error> {
        let at = t[0].start;
        let time =
            |g: &Self, h: u32, m: u32| TimeOfDay::new(h, m).map_err(|e| e.in_phrase(g.phrase, at));
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
