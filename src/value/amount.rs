//! Amounts ("more than 1,300 people"), their magnitudes, and changes between amounts.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::interval::Interval;
use super::number::Number;
use super::policy::{Policy, VagueWord};
use crate::Error;
use crate::unit::Unit;

/// An inclusive range `low ..= high` with `low <= high`, checked when built.
///
/// ```
/// use claimrecon::{Number, NumberRange};
/// let r = NumberRange::new(Number::new(50.0)?, Number::new(60.0)?)?;
/// assert_eq!(r.to_string(), "50-60");
/// assert!(NumberRange::new(Number::new(60.0)?, Number::new(50.0)?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RangeRepr", into = "RangeRepr")]
pub struct NumberRange {
    low: Number,
    high: Number,
}

#[derive(Serialize, Deserialize)]
struct RangeRepr {
    low: Number,
    high: Number,
}

impl TryFrom<RangeRepr> for NumberRange {
    type Error = Error;
    fn try_from(r: RangeRepr) -> Result<Self, Error> {
        NumberRange::new(r.low, r.high)
    }
}

impl From<NumberRange> for RangeRepr {
    fn from(r: NumberRange) -> Self {
        RangeRepr { low: r.low, high: r.high }
    }
}

impl NumberRange {
    /// A range from `low` to `high`, both included.
    ///
    /// # Errors
    /// [`Error::InvertedRange`] if `low > high`.
    pub fn new(low: Number, high: Number) -> Result<Self, Error> {
        if low > high {
            return Err(Error::InvertedRange { low: low.to_string(), high: high.to_string() });
        }
        Ok(NumberRange { low, high })
    }

    /// The low end.
    #[must_use]
    pub fn low(&self) -> Number {
        self.low
    }

    /// The high end.
    #[must_use]
    pub fn high(&self) -> Number {
        self.high
    }
}

impl fmt::Display for NumberRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.low, self.high)
    }
}

/// How large an amount is, with the qualifier the source used.
///
/// ```
/// use claimrecon::{Magnitude, Parser, Policy, Value};
/// let Value::Amount(a) = Parser::default().parse("more than 1,300 people")?.value else {
///     unreachable!("an amount")
/// };
/// assert!(matches!(a.magnitude, Magnitude::MoreThan(x) if x.get() == 1300.0));
/// // The numbers it allows: above 1,300, open at both ends.
/// assert_eq!(a.magnitude.interval(&Policy::default()).to_string(), "(1300, ∞)");
/// # Ok::<(), claimrecon::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Magnitude {
    /// Exactly this number: "4,578".
    Exact(Number),
    /// About this number: "about 1,000". Its width comes from [`ApproxPolicy`](crate::ApproxPolicy).
    About(Number),
    /// Strictly above: "more than 1,300", "over".
    MoreThan(Number),
    /// At or above: "at least", "no fewer than".
    AtLeast(Number),
    /// At or below: "up to", "at most".
    UpTo(Number),
    /// Strictly below: "fewer than", "less than".
    FewerThan(Number),
    /// Just below: "nearly", "almost".
    Nearly(Number),
    /// An inclusive range: "50-60", "between 50 and 60".
    Range(NumberRange),
    /// A vague quantifier: "dozens". Its interval comes from [`VaguePolicy`](crate::VaguePolicy).
    Vague(VagueWord),
}

impl Magnitude {
    /// The numbers this magnitude allows under `policy`.
    #[must_use]
    pub fn interval(&self, policy: &Policy) -> Interval {
        let approx = policy.approx_policy();
        match *self {
            Magnitude::Exact(x) => Interval::point(x.get()),
            Magnitude::About(x) => approx.about(x),
            Magnitude::MoreThan(x) => Interval::more_than(x.get()),
            Magnitude::AtLeast(x) => Interval::at_least(x.get()),
            Magnitude::UpTo(x) => Interval::closed(0.0, x.get()),
            Magnitude::FewerThan(x) => Interval::new(
                super::interval::Endpoint { value: 0.0, open: false },
                Some(super::interval::Endpoint { value: x.get(), open: true }),
            ),
            Magnitude::Nearly(x) => approx.nearly(x),
            Magnitude::Range(r) => Interval::closed(r.low.get(), r.high.get()),
            Magnitude::Vague(w) => policy.vague_policy().range(w).interval(),
        }
    }

    /// True for "fewer than 0" and "nearly 0": no amount (never below 0) is that. Every other
    /// magnitude allows some number whatever the policy ("nearly x" under a policy of no
    /// width is x, see [`ApproxPolicy::nearly`](crate::ApproxPolicy::nearly)).
    #[must_use]
    pub(crate) fn allows_no_number(&self) -> bool {
        matches!(*self, Magnitude::FewerThan(x) | Magnitude::Nearly(x) if x.get() <= 0.0)
    }

    /// The error of a magnitude that allows no number ([`Magnitude::allows_no_number`]): one
    /// for the parser and for a claim built from a typed value ("fewer than 0" is the empty
    /// interval `[0, 0)`, and an estimate of it would be of nothing).
    pub(crate) fn allowing_none_error(&self) -> Error {
        Error::InvalidNumber {
            value: self.to_string(),
            problem: "it allows no amount: amounts are never negative".to_owned(),
        }
    }

    /// The numbers a magnitude states: its number, a range's two ends, none for a vague word.
    pub(crate) fn stated(&self) -> impl Iterator<Item = f64> {
        let (one, two) = match *self {
            Magnitude::Range(r) => (Some(r.low.get()), Some(r.high.get())),
            _ => (self.number().map(Number::get), None),
        };
        one.into_iter().chain(two)
    }

    /// The number a magnitude is built on, when it has one (not for ranges and vague words).
    #[must_use]
    pub fn number(&self) -> Option<Number> {
        match *self {
            Magnitude::Exact(x)
            | Magnitude::About(x)
            | Magnitude::MoreThan(x)
            | Magnitude::AtLeast(x)
            | Magnitude::UpTo(x)
            | Magnitude::FewerThan(x)
            | Magnitude::Nearly(x) => Some(x),
            Magnitude::Range(_) | Magnitude::Vague(_) => None,
        }
    }
}

impl fmt::Display for Magnitude {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Magnitude::Exact(x) => write!(f, "{x}"),
            Magnitude::About(x) => write!(f, "about {x}"),
            Magnitude::MoreThan(x) => write!(f, "more than {x}"),
            Magnitude::AtLeast(x) => write!(f, "at least {x}"),
            Magnitude::UpTo(x) => write!(f, "up to {x}"),
            Magnitude::FewerThan(x) => write!(f, "fewer than {x}"),
            Magnitude::Nearly(x) => write!(f, "nearly {x}"),
            Magnitude::Range(r) => write!(f, "{r}"),
            Magnitude::Vague(w) => write!(f, "{w}"),
        }
    }
}

/// A magnitude with its unit: "more than 1,300 people", "212 million US dollars".
///
/// Numbers are stored in the unit's base form (see [`Unit`]), so amounts compare directly.
///
/// ```
/// use claimrecon::{Currency, Parser, Unit, Value};
/// let Value::Amount(a) = Parser::default().parse("$212 million")?.value else {
///     unreachable!("an amount")
/// };
/// assert_eq!(a.unit, Unit::Money(Currency::Usd));
/// assert_eq!(a.magnitude.number().map(|x| x.get()), Some(212_000_000.0));
/// assert_eq!(a.to_string(), "212,000,000 US dollars");
/// # Ok::<(), claimrecon::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// How large, and how sure.
    pub magnitude: Magnitude,
    /// What is counted or priced.
    pub unit: Unit,
}

impl Amount {
    /// An amount of `magnitude` in `unit`.
    #[must_use]
    pub fn new(magnitude: Magnitude, unit: Unit) -> Self {
        Amount { magnitude, unit }
    }

    /// The numbers this amount allows under `policy`.
    #[must_use]
    pub fn interval(&self, policy: &Policy) -> Interval {
        self.magnitude.interval(policy)
    }
}

/// "dozens of people", "more than 1,300 people", "50-60 tenge per litre".
fn write_with_unit(f: &mut fmt::Formatter<'_>, m: &Magnitude, unit: Unit) -> fmt::Result {
    let of = if matches!(m, Magnitude::Vague(_)) && unit != Unit::Number { " of" } else { "" };
    write!(f, "{m}{of}{}", unit.suffix())
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_with_unit(f, &self.magnitude, self.unit)
    }
}

/// A change: "from 50-60 to 110-120 tenge per liter", "two-fold", "halved", "a 50% rise".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// A move from one amount to another, in one unit.
    Between {
        /// The amount before.
        from: Magnitude,
        /// The amount after.
        to: Magnitude,
        /// The unit of both.
        unit: Unit,
    },
    /// A multiplicative factor: about 2 for "doubling" and "two-fold" (fold words are round
    /// by nature), about 0.5 for "halved", exactly 1.5 for "a 50% rise".
    Factor {
        /// The factor, with its qualifier ("almost two-fold" is `Nearly(2)`).
        factor: Magnitude,
    },
}

impl Change {
    /// The magnitude of this change that allows no number, if any (see
    /// [`Magnitude::allows_no_number`]).
    pub(crate) fn magnitude_allowing_none(&self) -> Option<Magnitude> {
        let magnitudes = match *self {
            Change::Between { from, to, .. } => [Some(from), Some(to)],
            Change::Factor { factor } => [Some(factor), None],
        };
        magnitudes.into_iter().flatten().find(Magnitude::allows_no_number)
    }

    /// The factors this change allows under `policy`: after ÷ before. `None` when the amount
    /// before may be zero.
    #[must_use]
    pub fn factor_interval(&self, policy: &Policy) -> Option<Interval> {
        match self {
            Change::Between { from, to, .. } => {
                from.interval(policy).ratio_to(&to.interval(policy))
            }
            Change::Factor { factor } => Some(factor.interval(policy)),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Between { from, to, unit } => {
                write!(f, "from {from} to ")?;
                write_with_unit(f, to, *unit)
            }
            Change::Factor { factor: Magnitude::Exact(n) } => write!(f, "exactly {n}-fold"),
            Change::Factor { factor } => write!(f, "{factor}-fold"),
        }
    }
}
