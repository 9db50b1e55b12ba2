//! Amounts: numbers in digits or words ("4,578", "six thousand"), scale words ("2 million"),
//! qualifiers ("more than"), vague quantifiers ("dozens") and units ("tenge per liter").

use super::lex::{Tok, Token, words_match};
use super::parser::Grammar;
use super::phrase::Point;
use super::words::{self, QUALIFIERS, Qualifier, VAGUE, qualified};
use crate::Error;
use crate::unit::Unit;
use crate::value::{Magnitude, Number, NumberRange, TimeOfDay};

/// An amount as one end of a range or a change reads it (see [`Point::Amount`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct End {
    pub mag: Magnitude,
    pub unit: Option<Unit>,
    pub scale: Option<f64>,
    pub factor: f64,
    pub at: usize,
}

impl End {
    /// Whether this first end may take the second's scale word, the two in one unit
    /// ([`Grammar::one_unit`]): it writes none of its own, and its unit is written as the
    /// second's ("$5-10 million", "$5 to $10 million"; not "500 kg to 2 thousand tonnes",
    /// whose 500 is kilograms).
    pub(super) fn takes_scale(&self, second: &End) -> bool {
        #[allow(clippy::float_cmp)] // a unit's factors are constants: written alike, equal
        let alike = self.unit == second.unit && self.factor == second.factor;
        self.scale.is_none() && alike
    }
}

impl Grammar<'_> {
    /// "2-3 million", "50-60": a range of plain numbers (the two ends in one unit,
    /// [`Grammar::one_unit`]); a scale written once applies to both, where the first end may
    /// take it ([`End::takes_scale`]) and so scaled stays at or below the second.
    pub(super) fn range(&self, l: End, r: End) -> Result<Magnitude, Error> {
        let (Magnitude::Exact(mut lo), Magnitude::Exact(hi)) = (l.mag, r.mag) else {
            return Err(self.err(l.at, "a range takes plain numbers at both ends"));
        };
        if let Some(s) = r.scale.filter(|_| l.takes_scale(&r))
            && lo.get() * s <= hi.get()
        {
            lo = Number::new(lo.get() * s)?;
        }
        let range = NumberRange::new(lo, hi).map_err(|e| e.in_phrase(self.phrase, l.at))?;
        Ok(Magnitude::Range(range))
    }

    /// The two ends of a range or a change in one unit: the unit one end writes is the
    /// other's ("5-10 tonnes": the 5 is tonnes too, and both are held in kilograms), its
    /// number multiplied by the unit's factor, which it then holds; two units that differ are
    /// an error.
    pub(super) fn one_unit(&self, l: End, r: End) -> Result<(End, End), Error> {
        let from = |to: End, by: End| -> Result<End, Error> {
            let mag = self.scaled(to.mag, by.factor, r.at)?;
            Ok(End { mag, unit: by.unit, factor: by.factor, ..to })
        };
        match (l.unit, r.unit) {
            (Some(a), Some(b)) if a != b => {
                Err(self.err(r.at, "the two ends have different units"))
            }
            (None, Some(_)) => Ok((from(l, r)?, r)),
            (Some(_), None) => Ok((l, from(r, l)?)),
            _ => Ok((l, r)),
        }
    }

    /// The amount before a change, the two ends in one unit ([`Grammar::one_unit`]), with the
    /// scale word of the amount after where the first end may take it
    /// ([`End::takes_scale`]), is a number a scale word follows (below 1,000 as written) and
    /// so scaled comes within a factor of ten of the amount after: "from 2 to 3 million"
    /// rises from 2 million and "from 5 to 3 million" falls from 5 million, while "from 500 to
    /// 3 million" and "from 300 to 2 thousand" rise from 500 and 300.
    pub(super) fn change_scale(&self, l: End, r: End) -> Result<Magnitude, Error> {
        let Some(s) = r.scale.filter(|_| l.takes_scale(&r)) else { return Ok(l.mag) };
        let most = |m: Magnitude| m.stated().reduce(f64::max);
        let (Some(first), Some(second)) = (most(l.mag), most(r.mag)) else { return Ok(l.mag) };
        let small = l.mag.stated().all(|x| x / l.factor < 1000.0);
        if small && second > 0.0 && (0.1..=10.0).contains(&(first * s / second)) {
            self.scaled(l.mag, s, l.at)
        } else {
            Ok(l.mag)
        }
    }

    /// `mag` with its numbers multiplied by `factor` (a unit's, or a scale word's). A vague
    /// word keeps its word, whose interval the policy gives in the base unit, so with any
    /// other factor ("thousands of tonnes", held in kilograms) it is refused: its numbers
    /// would be read a thousand times too small.
    pub(super) fn scaled(
        &self,
        mag: Magnitude,
        factor: f64,
        at: usize,
    ) -> Result<Magnitude, Error> {
        #[allow(clippy::float_cmp)] // 1 exactly: no factor
        if factor == 1.0 {
            return Ok(mag);
        }
        let times = |x: Number| {
            Number::checked(x.get() * factor).map_err(|why| why.error(&self.phrase[at..]))
        };
        Ok(match mag {
            Magnitude::Exact(x) => Magnitude::Exact(times(x)?),
            Magnitude::About(x) => Magnitude::About(times(x)?),
            Magnitude::MoreThan(x) => Magnitude::MoreThan(times(x)?),
            Magnitude::AtLeast(x) => Magnitude::AtLeast(times(x)?),
            Magnitude::UpTo(x) => Magnitude::UpTo(times(x)?),
            Magnitude::FewerThan(x) => Magnitude::FewerThan(times(x)?),
            Magnitude::Nearly(x) => Magnitude::Nearly(times(x)?),
            Magnitude::Range(r) => Magnitude::Range(
                NumberRange::new(times(r.low())?, times(r.high())?)
                    .map_err(|e| e.in_phrase(self.phrase, at))?,
            ),
            Magnitude::Vague(word) => {
                return Err(self.err(
                    at,
                    format!(
                        "\"{word}\" of a unit held in another (tonnes or grams, held in \
                         kilograms) cannot be read: the policy's range for it counts the base \
                         unit; give a number"
                    ),
                ));
            }
        })
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
        // "-0", "-0.0": a minus sign ("-" or "\u{2212}") written against a zero (a
        // spreadsheet's rounding of a small negative number) leaves zero, which claimrecon
        // holds; before any other number it is refused. A dash set apart ("- 0") or another
        // dash is no sign, and a signed zero is never a time of day ("-0.00" is no 00:00).
        let signed = t.get(i).is_some_and(|x| {
            x.tok == Tok::Dash && matches!(&self.phrase[x.start..x.end], "-" | "\u{2212}")
        }) && t.get(i + 1).is_some_and(|x| {
            matches!(x.tok, Tok::Num { value, .. } if value == 0.0) && x.start == t[i].end
        });
        if signed {
            self.note(&t[i..=i], "a minus sign before zero: zero");
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
            let factor = unit.map_or(1.0, |(_, f)| f);
            let mag = self.scaled(Magnitude::Vague(*word), factor, at)?;
            let end = End { mag, unit: unit.map(|(u, _)| u), scale: None, factor, at };
            return Ok(Point::Amount { end, clock: None });
        }
        let (value, used, scale, clock) = match self.number(rest) {
            Err(_)
                if i == 0
                    && rest[0].tok == Tok::Dash
                    && matches!(rest.get(1).map(|x| &x.tok), Some(Tok::Num { .. })) =>
            {
                // A number, spelled as one, that claimrecon does not hold: the error of the
                // number, as for "1e309" (a table cell with it is a rejected row, not a label).
                let text = &self.phrase[rest[0].start..rest[1].end];
                return Err(crate::value::OutOfRange::Negative.error(text));
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
        let clock = if signed { None } else { clock };
        let unit = self.unit(&rest[used..], prefix_unit)?;
        let factor = unit.map_or(1.0, |(_, f)| f);
        // The range holds after conversion too: 3 million million tonnes is too many
        // kilograms, a millionth of a nanogram too few.
        let number = Number::checked(value * factor)
            .map_err(|why| why.error(&self.phrase[rest[0].start..self.end_of(rest)]))?;
        let mag = Self::allowing_some(qualified(qualifier, number))?;
        let clock = if qualifier.is_none() && unit.is_none() { clock } else { None };
        Ok(Point::Amount { end: End { mag, unit: unit.map(|(u, _)| u), scale, factor, at }, clock })
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
        if let Some((value, used, scale)) = number_words(t) {
            self.note(&t[..used], format!("number {}", crate::value::trim_float(value)));
            return Ok((value, used, scale, None));
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
}

/// Number words: "two", "a dozen", "six thousand", "twenty-five", "two hundred and fifty";
/// with the scale word they end in, if any ("three thousand": 1,000), which the first end of
/// "two to three thousand" shares.
fn number_words(t: &[Token]) -> Option<(f64, usize, Option<f64>)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last_scale = f64::INFINITY;
    let mut used = 0;
    let mut any = false;
    let mut ends_in = None;
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
            ends_in = None;
        } else if w == "dozen" {
            // A count of its own, as a scale word is: "two to three dozen" is 24 to 36, and
            // "a dozen" takes no other end's scale.
            current = current.max(1.0) * 12.0;
            ends_in = Some(12.0);
        } else if w == "hundred" {
            current = current.max(1.0) * 100.0;
            ends_in = Some(100.0);
        } else if let Some(s) = words::scale(w, false).filter(|_| w != "hundred") {
            ends_in = Some(s);
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
    (any && !(used == 1 && t[0].is_word("a"))).then_some((value, used, ends_in))
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
