//! A phrase's shape: one value, a range ("between A and B", "A to B", "A-B") or a change
//! ("from A to B"), with each end handed to the reader of its kind.

use super::amount::End;
use super::change::is_factor;
use super::date::{DateSpec, year_after_preposition};
use super::lex::{Tok, Token, words_match};
use super::parser::Grammar;
use super::words::{self, QUALIFIERS};
use crate::Error;
use crate::unit::Unit;
use crate::value::{Amount, Change, DateValue, TimeOfDay, TimeWindow, Value};

/// One end of a range, or a whole single value.
#[derive(Debug, Clone, Copy)]
pub(super) enum Point {
    Amount {
        /// The amount, its unit, the scale word and unit factor it was written with.
        end: End,
        /// "7.00" could be 07:00 in a window.
        clock: Option<TimeOfDay>,
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
            Point::Amount { end, .. } => {
                Value::Amount(Amount::new(end.mag, end.unit.unwrap_or(Unit::Number)))
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
            let w = TimeWindow::new(a, b).map_err(|e| e.in_phrase(self.phrase, at))?;
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
            (Point::Amount { end: l, .. }, Point::Amount { end: r, .. }) => {
                let (l, r) = self.one_unit(l, r)?;
                let unit = l.unit.unwrap_or(Unit::Number);
                if how == Join::From {
                    let from = self.change_scale(l, r)?;
                    self.note(lt, "change: the amount before");
                    self.note(rt, "change: the amount after");
                    return Ok(Value::Change(Change::Between { from, to: r.mag, unit }));
                }
                Ok(Value::Amount(Amount::new(self.range(l, r)?, unit)))
            }
            (l, r) => Err(self.err(
                at,
                format!("cannot join {} and {} into one range", point_kind(&l), point_kind(&r)),
            )),
        }
    }

    fn point(&mut self, t: &[Token]) -> Result<Point, Error> {
        // "in 1991", "since 2022": a bare year only counts as a date after a preposition.
        if let [prep, y] = t
            && year_after_preposition(t)
            && let Tok::Num { value, .. } = &y.tok
        {
            let year = self.year_value(*value, y.start)?;
            self.note(t, "calendar year");
            let d = DateValue::year(year).map_err(|e| e.in_phrase(self.phrase, y.start))?;
            return Ok(Point::Date { spec: DateSpec::Resolved(d), at: prep.start });
        }
        let t = self.strip_fillers(t);
        let Some(first) = t.first() else {
            return Err(self.err(self.phrase.len(), "expected a value"));
        };
        // One end of a change may itself be a range: "from 50-60 to 110-120".
        if let Some(k) = connector(t).filter(|&k| t[k].tok == Tok::Dash) {
            let (left, right) = (self.point(&t[..k])?, self.point(&t[k + 1..])?);
            if let (Point::Amount { end: l, .. }, Point::Amount { end: r, .. }) = (left, right) {
                let (l, r) = self.one_unit(l, r)?;
                let l = End { at: first.start, ..l };
                let end = End { mag: self.range(l, r)?, scale: r.scale, ..l };
                return Ok(Point::Amount { end, clock: None });
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
