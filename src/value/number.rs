//! A validated amount: finite and not negative.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;

/// A finite, non-negative number in claimrecon's range: a count, a price, a ratio.
///
/// NaN, infinities, negative numbers and numbers outside the range are rejected when the
/// value is built, so nothing downstream checks again. The range is 0 and every number from
/// [`Number::MIN_POSITIVE`] (10^-15) to [`Number::MAX`] (10^15): the parser, serde and the
/// table readers all hold to it, so every number a value displays reads back.
///
/// ```
/// use claimrecon::Number;
/// assert_eq!(Number::new(4578.0)?.get(), 4578.0);
/// assert!(Number::new(f64::NAN).is_err());
/// assert!(Number::new(-1.0).is_err());
/// assert!(Number::new(Number::MAX)?.get() == 1e15);
/// assert!(Number::new(2e15).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Number(f64);

/// Why a number is outside claimrecon's range; words on demand for [`Error::InvalidNumber`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutOfRange {
    /// NaN or an infinity.
    NotFinite,
    /// Below zero.
    Negative,
    /// Above [`Number::MAX`].
    TooLarge,
    /// Not zero, but below [`Number::MIN_POSITIVE`] (or so small it rounds to zero).
    TooSmall,
}

impl OutOfRange {
    /// The error for the number `value`, as written or as computed.
    pub(crate) fn error(self, value: &str) -> Error {
        Error::InvalidNumber { value: shortened(value), problem: self.to_string() }
    }
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutOfRange::NotFinite => f.write_str("not a finite number"),
            OutOfRange::Negative => f.write_str("negative amounts are not allowed"),
            OutOfRange::TooLarge => write!(
                f,
                "too large: claimrecon reads amounts up to 10^{}",
                Number::MAX.log10().round()
            ),
            OutOfRange::TooSmall => write!(
                f,
                "too small to represent: claimrecon reads amounts from 10^{} up, and 0",
                Number::MIN_POSITIVE.log10().round()
            ),
        }
    }
}

/// The error of a number spelled in more bytes than a value phrase may have
/// ([`MAX_PHRASE_BYTES`](crate::MAX_PHRASE_BYTES)), that is in range: too long to be read as
/// one, and no label either.
pub(crate) fn too_long(text: &str) -> Error {
    Error::InvalidNumber {
        value: shortened(text),
        problem: format!(
            "too long: a number is read from a phrase of up to {} bytes",
            crate::MAX_PHRASE_BYTES
        ),
    }
}

/// A number's text for a message: a runaway spelling (400 nines, 900 zeros) by its ends only.
fn shortened(text: &str) -> String {
    const HEAD: usize = 24;
    const TAIL: usize = 8;
    let chars = text.chars().count();
    if chars <= HEAD + TAIL + 8 {
        return text.to_owned();
    }
    let head: String = text.chars().take(HEAD).collect();
    let tail: String = text.chars().skip(chars - TAIL).collect();
    format!("{head}…{tail} ({chars} characters)")
}

impl Number {
    /// The largest number: 10^15. News figures stay far below it; anything above is a typo or
    /// garbage, and below 2^53 every whole number is exact in an `f64`. Sums of numbers
    /// ("1,300 police and 1,000 civilians") stay below `2 × MAX` and squares below 10^31, far
    /// from overflow.
    pub const MAX: f64 = 1e15;

    /// The smallest number above zero: 10^-15. Below it a number is garbage or a rounding
    /// error ("0." and 900 zeros and a 1 would read as exactly 0); keeping above it keeps every
    /// displayed number short enough to read back and every ratio of two numbers finite.
    pub const MIN_POSITIVE: f64 = 1e-15;

    /// Checks and wraps a number.
    ///
    /// # Errors
    /// [`Error::InvalidNumber`] if `x` is NaN, infinite or negative, above [`Number::MAX`],
    /// or above zero but below [`Number::MIN_POSITIVE`].
    pub fn new(x: f64) -> Result<Self, Error> {
        Self::checked(x).map_err(|why| {
            // f64::MAX in full is 309 digits: "1.7976931348623157e308" says the same.
            let (plain, exp) = (x.to_string(), format!("{x:e}"));
            why.error(if exp.len() < plain.len() { &exp } else { &plain })
        })
    }

    /// [`Number::new`], with why not as data: callers name the number as it was written.
    pub(crate) fn checked(x: f64) -> Result<Self, OutOfRange> {
        // -0.0 would display as "-0" and fail to parse back.
        Self::check(x).map(|x| Number(x + 0.0))
    }

    /// `x` if it is in claimrecon's range, else why not: the one rule for every reader.
    pub(crate) fn check(x: f64) -> Result<f64, OutOfRange> {
        if !x.is_finite() {
            Err(OutOfRange::NotFinite)
        } else if x < 0.0 {
            Err(OutOfRange::Negative)
        } else if x > Self::MAX {
            Err(OutOfRange::TooLarge)
        } else if x != 0.0 && x < Self::MIN_POSITIVE {
            Err(OutOfRange::TooSmall)
        } else {
            Ok(x)
        }
    }

    /// The number.
    #[must_use]
    pub fn get(self) -> f64 {
        self.0
    }

    /// The place value of the number's last significant digit: 1,000 for 1,000, 10 for 1,050,
    /// 0.1 for 3.8. Approximate amounts use it to be rounding-aware.
    #[must_use]
    pub fn last_digit_place(self) -> f64 {
        let x = self.0;
        if x == 0.0 {
            return 1.0;
        }
        if x.fract() == 0.0 && x <= Self::MAX {
            let mut place = 1.0;
            let mut n = x as u64;
            while n % 10 == 0 {
                n /= 10;
                place *= 10.0;
            }
            return place;
        }
        let mut place = 1.0;
        for _ in 0..9 {
            place /= 10.0;
            let scaled = x / place;
            if (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0) {
                return place;
            }
        }
        place
    }
}

impl TryFrom<f64> for Number {
    type Error = Error;
    fn try_from(x: f64) -> Result<Self, Error> {
        Number::new(x)
    }
}

impl From<Number> for f64 {
    fn from(n: Number) -> f64 {
        n.0
    }
}

impl fmt::Display for Number {
    /// Writes the number with thousands separators ("4,578", "3.8", "2,500").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_grouped(f, self.0)
    }
}

/// `x` if it is finite and positive, else 0: a policy's share or rate as set.
pub(super) fn sanitize(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

/// `x` in full, with thousands separators: "4,578", "1,234.5", "0.000001". Also for figures
/// computed from numbers (an estimate's high end may pass [`Number::MAX`]).
pub(crate) fn grouped(x: f64) -> String {
    let mut out = String::new();
    // Writing to a `String` does not fail.
    let _ = write_grouped(&mut out, x);
    out
}

/// [`grouped`], written to `out`: how every number is shown, without a `String` of its own.
pub(crate) fn write_grouped<W: fmt::Write + ?Sized>(out: &mut W, x: f64) -> fmt::Result {
    // Adding 0 turns -0 into 0.
    let x = x + 0.0;
    // Whole numbers up to `Number::MAX` are most figures, and `f64`'s `Display` writes them as
    // their digits: grouped here from the integer, without the float's text.
    if x.fract() == 0.0 && x.abs() <= Number::MAX {
        // 16 digits, 5 commas and a sign at most.
        let mut buf = [0u8; 24];
        let mut at = buf.len();
        let mut n = x.abs() as u64;
        let mut digits = 0;
        loop {
            if digits > 0 && digits % 3 == 0 {
                at -= 1;
                buf[at] = b',';
            }
            at -= 1;
            buf[at] = b'0' + (n % 10) as u8;
            n /= 10;
            digits += 1;
            if n == 0 {
                break;
            }
        }
        if x < 0.0 {
            at -= 1;
            buf[at] = b'-';
        }
        return out.write_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
    }
    write_grouped_text(out, &x.to_string())
}

/// `text`, a float as `f64`'s `Display` writes it (never with an exponent: every digit is there
/// to group), with thousands separators.
fn write_grouped_text<W: fmt::Write + ?Sized>(out: &mut W, text: &str) -> fmt::Result {
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, d)) => (i, Some(d)),
        None => (text, None),
    };
    out.write_str(sign)?;
    let digits = int.len();
    for (i, c) in int.char_indices() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.write_char(',')?;
        }
        out.write_char(c)?;
    }
    if let Some(d) = frac {
        out.write_char('.')?;
        out.write_str(d)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64) -> Number {
        Number::new(x).unwrap()
    }

    #[test]
    fn last_digit_place_is_rounding_aware() {
        assert_eq!(n(1000.0).last_digit_place(), 1000.0);
        assert_eq!(n(1050.0).last_digit_place(), 10.0);
        assert_eq!(n(7.0).last_digit_place(), 1.0);
        assert!((n(3.8).last_digit_place() - 0.1).abs() < 1e-12);
    }

    #[test]
    fn display_groups_thousands() {
        assert_eq!(n(4578.0).to_string(), "4,578");
        assert_eq!(n(212_000_000.0).to_string(), "212,000,000");
        assert_eq!(n(999.0).to_string(), "999");
        assert_eq!(n(3.8).to_string(), "3.8");
        assert_eq!(n(1234.5).to_string(), "1,234.5");
    }

    #[test]
    fn whole_numbers_group_as_their_float_text_does() {
        let mut xs = vec![0.0, -0.0, 1.0, 999.0, 1000.0, 1e15, -1e15, -1234.0, 2f64.powi(53)];
        xs.extend((0..60).map(|i| 7.3f64.powi(i).round()));
        xs.extend((0..60).map(|i| -(3.1f64.powi(i).round())));
        for x in xs {
            let mut slow = String::new();
            write_grouped_text(&mut slow, &(x + 0.0).to_string()).unwrap();
            assert_eq!(grouped(x), slow, "{x}");
        }
    }

    #[test]
    fn the_range_ends_are_in_it_and_their_neighbours_are_not() {
        assert_eq!(n(Number::MAX).to_string(), "1,000,000,000,000,000");
        assert_eq!(n(Number::MIN_POSITIVE).to_string(), "0.000000000000001");
        assert_eq!(n(Number::MAX).last_digit_place(), Number::MAX);
        // The neighbouring f64s (the spacing at 10^15 is 1/8).
        assert!(Number::new(1e15 + 0.125).is_err());
        assert!(Number::new(9.999_999_999_999_999e-16).is_err());
        assert_eq!(n(0.0).get(), 0.0);
    }

    #[test]
    fn grouped_writes_every_digit_of_any_finite_number() {
        assert_eq!(grouped(1.25e15), "1,250,000,000,000,000");
        assert_eq!(grouped(-1234.5), "-1,234.5");
        assert_eq!(grouped(-0.0), "0");
    }

    #[test]
    fn rejects_nan_infinity_and_negatives() {
        assert!(Number::new(f64::INFINITY).is_err());
        assert!(Number::new(f64::NAN).is_err());
        assert_eq!(
            Number::new(-3.0).unwrap_err().to_string(),
            "invalid number -3: negative amounts are not allowed"
        );
    }
}
