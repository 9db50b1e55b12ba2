//! A validated amount: finite and not negative.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;

/// A finite, non-negative number: a count, a price, a ratio.
///
/// NaN, infinities and negative numbers are rejected when the value is built, so nothing
/// downstream checks again.
///
/// ```
/// use claimrecon::Number;
/// assert_eq!(Number::new(4578.0)?.get(), 4578.0);
/// assert!(Number::new(f64::NAN).is_err());
/// assert!(Number::new(-1.0).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Number(f64);

impl Number {
    /// Checks and wraps a number.
    ///
    /// # Errors
    /// [`Error::InvalidNumber`] if `x` is NaN, infinite or negative.
    pub fn new(x: f64) -> Result<Self, Error> {
        if !x.is_finite() {
            return Err(Error::InvalidNumber {
                value: x.to_string(),
                problem: "not a finite number".to_owned(),
            });
        }
        if x < 0.0 {
            return Err(Error::InvalidNumber {
                value: x.to_string(),
                problem: "negative amounts are not allowed".to_owned(),
            });
        }
        // -0.0 would display as "-0" and fail to parse back.
        Ok(Number(x + 0.0))
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
        if x.fract() == 0.0 && x < 1e15 {
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
        let text = self.0.to_string();
        if text.contains('e') {
            return f.write_str(&text);
        }
        let (int, frac) = match text.split_once('.') {
            Some((i, d)) => (i, Some(d)),
            None => (text.as_str(), None),
        };
        let digits = int.len();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (digits - i) % 3 == 0 {
                f.write_str(",")?;
            }
            write!(f, "{c}")?;
        }
        if let Some(d) = frac {
            write!(f, ".{d}")?;
        }
        Ok(())
    }
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
    fn rejects_nan_infinity_and_negatives() {
        assert!(Number::new(f64::INFINITY).is_err());
        assert!(Number::new(f64::NAN).is_err());
        assert_eq!(
            Number::new(-3.0).unwrap_err().to_string(),
            "invalid number -3: negative amounts are not allowed"
        );
    }
}
