//! Intervals on the real line: what an amount, a bound or a vague word allows.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One end of an [`Interval`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    /// Where the end lies.
    pub value: f64,
    /// `true` if the end itself is excluded ("more than 1,300" excludes 1,300).
    pub open: bool,
}

/// A set of numbers `low .. high`, each end inclusive or strict; `high` may be unbounded.
///
/// ```
/// use claimrecon::Interval;
/// let more_than = Interval::more_than(1300.0);
/// assert!(more_than.contains_point(4578.0));
/// assert!(!more_than.contains_point(1300.0));
/// assert!(Interval::point(4578.0).overlaps(&more_than));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    low: Endpoint,
    high: Option<Endpoint>,
}

/// Whether some number lies between `low` (a lower end) and `high` (an upper end). None does
/// above an infinite or NaN low end, or below a NaN high end.
fn room(low: Endpoint, high: Option<Endpoint>) -> bool {
    if low.value.is_nan() || low.value == f64::INFINITY {
        return false;
    }
    match high {
        None => true,
        Some(h) => low.value < h.value || (low.value == h.value && !low.open && !h.open),
    }
}

impl Interval {
    /// The single number `x`.
    #[must_use]
    pub fn point(x: f64) -> Self {
        Self::closed(x, x)
    }

    /// `low ..= high`, both ends included. With `low` above `high` it holds no number
    /// ([`Interval::is_empty`]): it contains no point and overlaps nothing.
    ///
    /// ```
    /// use claimrecon::Interval;
    /// let inverted = Interval::closed(5.0, 3.0);
    /// assert!(inverted.is_empty());
    /// assert!(!inverted.overlaps(&Interval::closed(0.0, 10.0)));
    /// assert!(!inverted.contains_point(4.0));
    /// // It lies within nothing, and changes into nothing.
    /// assert!(!Interval::closed(0.0, 10.0).contains(&inverted));
    /// assert_eq!(inverted.ratio_to(&Interval::at_least(1.0)), None);
    /// ```
    #[must_use]
    pub fn closed(low: f64, high: f64) -> Self {
        Interval {
            low: Endpoint { value: low, open: false },
            high: Some(Endpoint { value: high, open: false }),
        }
    }

    /// An interval from explicit ends; `high: None` means unbounded above.
    #[must_use]
    pub fn new(low: Endpoint, high: Option<Endpoint>) -> Self {
        Interval { low, high }
    }

    /// `x ..`, x included ("at least x").
    #[must_use]
    pub fn at_least(x: f64) -> Self {
        Interval { low: Endpoint { value: x, open: false }, high: None }
    }

    /// Everything above `x`, x excluded ("more than x").
    #[must_use]
    pub fn more_than(x: f64) -> Self {
        Interval { low: Endpoint { value: x, open: true }, high: None }
    }

    /// The low end.
    #[must_use]
    pub fn low(&self) -> Endpoint {
        self.low
    }

    /// The high end, `None` when unbounded.
    #[must_use]
    pub fn high(&self) -> Option<Endpoint> {
        self.high
    }

    /// True if the interval is a single number.
    #[must_use]
    pub fn is_point(&self) -> bool {
        self.high.is_some_and(|h| h.value == self.low.value && !h.open && !self.low.open)
    }

    /// True if `x` lies in the interval.
    #[must_use]
    pub fn contains_point(&self, x: f64) -> bool {
        let above_low = if self.low.open { x > self.low.value } else { x >= self.low.value };
        let below_high = match self.high {
            None => true,
            Some(h) if h.open => x < h.value,
            Some(h) => x <= h.value,
        };
        above_low && below_high
    }

    /// True if every number of `other` lies in `self`; false when `other` is empty, which
    /// lies within nothing, as it overlaps nothing.
    #[must_use]
    pub fn contains(&self, other: &Interval) -> bool {
        if other.is_empty() {
            return false;
        }
        let low_ok = other.low.value > self.low.value
            || (other.low.value == self.low.value && (!self.low.open || other.low.open));
        let high_ok = match (self.high, other.high) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(s), Some(o)) => o.value < s.value || (o.value == s.value && (!s.open || o.open)),
        };
        low_ok && high_ok
    }

    /// True if no number lies in it: its low end above its high end, or at it with either
    /// end excluded (or an end not a number, or a low end at infinity). The parser refuses a
    /// phrase that allows no number; a value or an interval built by hand may be empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        !room(self.low, self.high)
    }

    /// True if some number lies in both intervals (never when either is empty).
    #[must_use]
    pub fn overlaps(&self, other: &Interval) -> bool {
        room(self.low, other.high)
            && room(other.low, self.high)
            && room(self.low, self.high)
            && room(other.low, other.high)
    }

    /// The numbers in both intervals, if any.
    #[must_use]
    pub fn intersection(&self, other: &Interval) -> Option<Interval> {
        if !self.overlaps(other) {
            return None;
        }
        let low = if self.low.value > other.low.value
            || (self.low.value == other.low.value && self.low.open)
        {
            self.low
        } else {
            other.low
        };
        let high = match (self.high, other.high) {
            (None, h) | (h, None) => h,
            (Some(a), Some(b)) => {
                Some(if a.value < b.value || (a.value == b.value && a.open) { a } else { b })
            }
        };
        Some(Interval { low, high })
    }

    /// The ratios `b / a` for `a` in `self` and `b` in `after`: how much a quantity changed
    /// when it moved from `self` to `after`. `None` when `self` reaches down to zero.
    #[must_use]
    pub fn ratio_to(&self, after: &Interval) -> Option<Interval> {
        if self.is_empty() || after.is_empty() {
            return None;
        }
        let self_high = self.high?;
        if self.low.value <= 0.0 {
            return None;
        }
        let low = Endpoint {
            value: after.low.value / self_high.value,
            open: after.low.open || self_high.open,
        };
        let high = after
            .high
            .map(|h| Endpoint { value: h.value / self.low.value, open: h.open || self.low.open });
        Some(Interval { low, high })
    }
}

impl Interval {
    /// The same interval with its ends rounded to `digits` significant digits, for display.
    pub(crate) fn significant(&self, digits: i32) -> Interval {
        let round = |e: Endpoint| Endpoint { value: significant(e.value, digits), open: e.open };
        Interval { low: round(self.low), high: self.high.map(round) }
    }
}

impl fmt::Display for Interval {
    /// Writes `[750, 1250]`, `(1300, ∞)`, `[12, 99]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let open = if self.low.open { '(' } else { '[' };
        write!(f, "{open}{}, ", trim_float(self.low.value))?;
        match self.high {
            None => f.write_str("∞)"),
            Some(h) => {
                let close = if h.open { ')' } else { ']' };
                write!(f, "{}{close}", trim_float(h.value))
            }
        }
    }
}

/// `x` to `digits` significant digits: 1.833333 to 3 is 1.83. Integers of more digits keep
/// them all (2,326 stays 2,326).
pub(crate) fn significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() || x.fract() == 0.0 {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32 + 1;
    let decimals = (digits - magnitude).max(0);
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

/// Shortest readable form of a derived bound: 1250 not 1250.0000000002, to six decimals. Below
/// 0.1 six decimals keep fewer than six significant digits, and none below 0.0000005 (the
/// smallest amount, 10^-15, showed as 0): there, six significant digits.
pub(crate) fn trim_float(x: f64) -> String {
    let rounded = if x != 0.0 && x.abs() < 0.1 {
        format!("{x:.5e}").parse().unwrap_or(x)
    } else {
        (x * 1e6).round() / 1e6
    };
    rounded.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_figures_keep_their_digits_and_others_six_decimals() {
        for (x, shown) in [
            (1e-15, "0.000000000000001"),
            (1.234_567_89e-9, "0.00000000123457"),
            (0.012_345_678, "0.0123457"),
            (0.123_456_789, "0.123457"),
            (1_250.000_000_000_2, "1250"),
            (2.5, "2.5"),
            (0.0, "0"),
        ] {
            assert_eq!(trim_float(x), shown, "{x}");
        }
    }

    #[test]
    fn strict_bounds_touching_do_not_overlap() {
        assert!(!Interval::more_than(1300.0).overlaps(&Interval::point(1300.0)));
        assert!(Interval::at_least(1300.0).overlaps(&Interval::point(1300.0)));
    }

    #[test]
    fn containment() {
        assert!(Interval::at_least(10.0).contains(&Interval::closed(12.0, 99.0)));
        assert!(!Interval::closed(12.0, 99.0).contains(&Interval::at_least(10.0)));
        assert!(Interval::more_than(1300.0).contains(&Interval::point(4578.0)));
    }

    #[test]
    fn ratio_of_price_ranges() {
        let r = Interval::closed(50.0, 60.0).ratio_to(&Interval::closed(110.0, 120.0)).unwrap();
        assert!((r.low().value - 110.0 / 60.0).abs() < 1e-12);
        assert!((r.high().unwrap().value - 2.4).abs() < 1e-12);
        assert!(r.contains_point(2.0));
    }

    #[test]
    fn display() {
        assert_eq!(Interval::closed(750.0, 1250.0).to_string(), "[750, 1250]");
        assert_eq!(Interval::more_than(1300.0).to_string(), "(1300, ∞)");
    }
}
