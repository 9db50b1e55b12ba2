//! Splits a phrase into tokens, keeping byte positions for error messages.

use crate::Error;
use crate::value::{Number, OutOfRange};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// Digits, with thousands separators and decimals already read.
    Num {
        value: f64,
        /// Digits after the decimal point, as written ("00" in "7.00"), with the exponent if
        /// there is one ("5e3" in "1.5e3", "e5" in "1e5"). `None` only for a whole number
        /// written with neither, the only kind that may be a year, a day or an hour.
        frac: Option<String>,
        /// Digits before the decimal point, as written without separators.
        int: String,
    },
    /// `23:00`.
    Clock {
        hour: u32,
        minute: u32,
    },
    /// `2022-01-05`.
    IsoDate {
        year: i32,
        month: u32,
        day: u32,
    },
    /// `06.01.2022` (day.month.year).
    DottedDate {
        year: i32,
        month: u32,
        day: u32,
    },
    /// A word, lower-cased; may hold inner hyphens and apostrophes ("two-fold").
    Word(String),
    /// "a.m." / "am" (false) or "p.m." / "pm" (true).
    Meridiem(bool),
    Dash,
    Comma,
    Dollar,
    Euro,
    Tenge,
    Percent,
    Slash,
    Tilde,
    Period,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    /// No whitespace between this token and the one before ("600m", "11pm").
    pub glued: bool,
}

impl Token {
    pub fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }

    pub fn is_word(&self, w: &str) -> bool {
        self.word() == Some(w)
    }
}

/// True if `t` opens with the words of `pat`.
pub(crate) fn words_match(t: &[Token], pat: &[&str]) -> bool {
    t.len() >= pat.len() && t.iter().zip(pat).all(|(tok, w)| tok.is_word(w))
}

pub(crate) fn lex(phrase: &str) -> Result<Vec<Token>, Error> {
    let bytes = phrase.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut last_end = usize::MAX;
    while i < phrase.len() {
        let Some(c) = phrase[i..].chars().next() else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let glued = last_end == start;
        let (tok, end) = if c.is_ascii_digit() {
            lex_digits(phrase, start)?
        } else if c.is_alphabetic() {
            lex_word(phrase, start)
        } else {
            let end = start + c.len_utf8();
            let tok = match c {
                '-' | '–' | '—' | '−' | '‒' => Tok::Dash,
                ',' => Tok::Comma,
                '$' => Tok::Dollar,
                '€' => Tok::Euro,
                '₸' => Tok::Tenge,
                '%' => Tok::Percent,
                '/' => Tok::Slash,
                '~' => Tok::Tilde,
                '.' => Tok::Period,
                '(' | ')' | '«' | '»' | ';' | ':' | '!' | '?' => {
                    // Brackets and stray punctuation carry no meaning in a value phrase.
                    i = end;
                    last_end = end;
                    continue;
                }
                _ => {
                    return Err(Error::parse(phrase, start, format!("unexpected character {c:?}")));
                }
            };
            (tok, end)
        };
        let _ = bytes;
        out.push(Token { tok, start, end, glued });
        last_end = end;
        i = end;
    }
    Ok(out)
}

fn digits_at(phrase: &str, from: usize) -> usize {
    phrase[from..].bytes().take_while(u8::is_ascii_digit).count()
}

fn lex_digits(phrase: &str, start: usize) -> Result<(Tok, usize), Error> {
    let b = phrase.as_bytes();
    let n = digits_at(phrase, start);
    let mut end = start + n;
    // 2022-01-05
    if n == 4 && b.get(end) == Some(&b'-') {
        let m = digits_at(phrase, end + 1);
        if m == 2 && b.get(end + 3) == Some(&b'-') && digits_at(phrase, end + 4) == 2 {
            let year = phrase[start..end].parse().unwrap_or(0);
            let month = phrase[end + 1..end + 3].parse().unwrap_or(0);
            let day = phrase[end + 4..end + 6].parse().unwrap_or(0);
            return Ok((Tok::IsoDate { year, month, day }, end + 6));
        }
    }
    // 06.01.2022
    if (1..=2).contains(&n) && b.get(end) == Some(&b'.') {
        let m = digits_at(phrase, end + 1);
        if (1..=2).contains(&m) && b.get(end + 1 + m) == Some(&b'.') {
            let y = digits_at(phrase, end + 2 + m);
            if y == 4 {
                let day = phrase[start..end].parse().unwrap_or(0);
                let month = phrase[end + 1..end + 1 + m].parse().unwrap_or(0);
                let year = phrase[end + 2 + m..end + 6 + m].parse().unwrap_or(0);
                return Ok((Tok::DottedDate { year, month, day }, end + 6 + m));
            }
        }
    }
    // 23:00
    if (1..=2).contains(&n) && b.get(end) == Some(&b':') && digits_at(phrase, end + 1) == 2 {
        let hour = phrase[start..end].parse().unwrap_or(99);
        let minute = phrase[end + 1..end + 3].parse().unwrap_or(99);
        return Ok((Tok::Clock { hour, minute }, end + 3));
    }
    // 1,300 / 4,578 / 212,000,000 — a comma followed by a digit is a thousands separator.
    let mut int = phrase[start..end].to_owned();
    let mut grouped = false;
    while b.get(end) == Some(&b',') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let g = digits_at(phrase, end + 1);
        if g != 3 || (!grouped && n > 3) {
            return Err(Error::parse(
                phrase,
                end,
                "thousands separators must split the digits into groups of three",
            ));
        }
        grouped = true;
        int.push_str(&phrase[end + 1..end + 1 + g]);
        end += 1 + g;
    }
    let mut frac = None;
    if b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let f = digits_at(phrase, end + 1);
        frac = Some(phrase[end + 1..end + 1 + f].to_owned());
        end += 1 + f;
    }
    let mantissa = end;
    // 1e5, 2.5E-3: the exponent notation of spreadsheets and CSV exports.
    let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
    if matches!(b.get(end), Some(b'e' | b'E')) && digits_at(phrase, end + 1 + sign) > 0 {
        end += 1 + sign + digits_at(phrase, end + 1 + sign);
        let exponent = &phrase[mantissa..end];
        frac = Some(format!("{}{exponent}", frac.unwrap_or_default()));
    }
    let written = phrase[start..end].replace(',', "");
    let value: f64 = written.parse().map_err(|_| Error::parse(phrase, start, "not a number"))?;
    let value =
        in_range(&phrase[start..mantissa], value).map_err(|why| why.error(&phrase[start..end]))?;
    Ok((Tok::Num { value, frac, int }, end))
}

/// `value`, read from a number spelled with the digits `mantissa` (before any exponent), if
/// claimrecon can hold it: [`Number::check`], and a number with a nonzero digit that rounds to
/// zero is too small, not zero. The one rule for the parser and the bulk reader's fast path.
pub(crate) fn in_range(mantissa: &str, value: f64) -> Result<f64, OutOfRange> {
    if value == 0.0 && mantissa.bytes().any(|c| matches!(c, b'1'..=b'9')) {
        return Err(OutOfRange::TooSmall);
    }
    // Digits always spell a finite number: one that overflows an f64 (400 nines, 1e309) is
    // too large, not infinite.
    if value.is_infinite() {
        return Err(OutOfRange::TooLarge);
    }
    Number::check(value.abs()).map(|_| value)
}

/// The error of `text`, longer than a phrase may be, when it is spelled as one number: digits,
/// a decimal point and digits, an exponent, a sign before them. Such text is never a label
/// (a label may have 200 characters, and would be said to be too long for one): it is the
/// number the parser would find it to be, too large or too small, or negative, as within the
/// limit, or else too long. `None` for other text.
pub(crate) fn overlong_number(text: &str) -> Option<Error> {
    let (sign, unsigned) = match text.as_bytes().first() {
        Some(b'+' | b'-') => (text.as_bytes()[0], &text[1..]),
        _ => (b'+', text),
    };
    let b = unsigned.as_bytes();
    let first = digits_at(unsigned, 0);
    if first == 0 {
        return None;
    }
    let mut end = first;
    // Thousands separators: "1,000,000,…". Groups the parser refuses (not of three, or after
    // more than three digits) make a label within the limit ("1,00"), so past it too.
    while b.get(end) == Some(&b',') && digits_at(unsigned, end + 1) > 0 {
        let group = digits_at(unsigned, end + 1);
        if group != 3 || first > 3 {
            return None;
        }
        end += 1 + group;
    }
    if b.get(end) == Some(&b'.') && digits_at(unsigned, end + 1) > 0 {
        end += 1 + digits_at(unsigned, end + 1);
    }
    let mantissa = end;
    if matches!(b.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
        let exponent = digits_at(unsigned, end + 1 + sign);
        if exponent == 0 {
            return None;
        }
        end += 1 + sign + exponent;
    }
    if end != b.len() {
        return None;
    }
    // Digits always read as an `f64` (infinite past its range, which is too large).
    let written = unsigned.replace(',', "");
    let value: f64 = written.parse().ok()?;
    Some(match in_range(&unsigned[..mantissa], value) {
        Err(why) => why.error(unsigned),
        Ok(v) if sign == b'-' && v > 0.0 => OutOfRange::Negative.error(text),
        Ok(_) => crate::value::too_long(text),
    })
}

/// "NaN", "inf", "-infinity": a number that is not finite, spelled as programs print one.
pub(crate) fn non_finite(text: &str) -> Option<Error> {
    let word = text.strip_prefix(['+', '-']).unwrap_or(text);
    ["nan", "inf", "infinity"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
        .then(|| OutOfRange::NotFinite.error(text))
}

fn lex_word(phrase: &str, start: usize) -> (Tok, usize) {
    let rest = &phrase[start..];
    let lower4: String = rest.chars().take(4).collect::<String>().to_lowercase();
    for (pat, pm) in [("a.m.", false), ("p.m.", true)] {
        if lower4 == pat {
            return (Tok::Meridiem(pm), start + 4);
        }
    }
    let mut end = start;
    let mut chars = rest.char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if c.is_alphabetic() {
            end = start + off + c.len_utf8();
            continue;
        }
        let inner = matches!(c, '-' | '\'' | '’');
        let next_alpha = chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if inner && next_alpha {
            continue;
        }
        break;
    }
    let word = phrase[start..end].to_lowercase().replace('’', "'");
    let tok = match word.as_str() {
        "am" => Tok::Meridiem(false),
        "pm" => Tok::Meridiem(true),
        _ => Tok::Word(word),
    };
    (tok, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn numbers_with_separators_and_decimals() {
        assert_eq!(toks("4,578"), vec![Tok::Num { value: 4578.0, frac: None, int: "4578".into() }]);
        assert_eq!(
            toks("7.00"),
            vec![Tok::Num { value: 7.0, frac: Some("00".into()), int: "7".into() }]
        );
    }

    #[test]
    fn exponents_are_numbers_that_are_never_years_or_hours() {
        assert_eq!(
            toks("1.5e3"),
            vec![Tok::Num { value: 1500.0, frac: Some("5e3".into()), int: "1".into() }]
        );
        assert_eq!(
            toks("2E-3"),
            vec![Tok::Num { value: 0.002, frac: Some("E-3".into()), int: "2".into() }]
        );
        // Without digits after it, the "e" is a word of its own.
        assert_eq!(toks("1e").len(), 2);
    }

    #[test]
    fn a_nonzero_number_that_rounds_to_zero_is_too_small() {
        assert_eq!(in_range("0.0001", 0.0), Err(OutOfRange::TooSmall));
        assert_eq!(in_range("0.000", 0.0), Ok(0.0));
        assert_eq!(in_range("-5", -5.0), Ok(-5.0));
        assert_eq!(in_range("2", 2e15), Err(OutOfRange::TooLarge));
    }

    #[test]
    fn clock_and_meridiem() {
        assert_eq!(
            toks("11 p.m."),
            vec![Tok::Num { value: 11.0, frac: None, int: "11".into() }, Tok::Meridiem(true)]
        );
        assert_eq!(toks("23:00"), vec![Tok::Clock { hour: 23, minute: 0 }]);
    }

    #[test]
    fn bad_grouping_is_an_error_with_position() {
        assert_eq!(
            lex("1,30,0").unwrap_err().to_string(),
            "cannot read \"1,30,0\" at byte 1: thousands separators must split the digits into groups of three"
        );
    }
}
