//! Units and dimensions of amounts.
//!
//! A value is normalised to its base unit when it is built (tonnes become kilograms, tenge per
//! cubic metre becomes tenge per litre), so every comparison is in base units. Amounts of
//! different [`Dimension`]s never compare: that is an [`Error::DimensionMismatch`], never a
//! silent `false`.
//!
//! [`Error::DimensionMismatch`]: crate::Error::DimensionMismatch

use std::fmt;

use serde::{Deserialize, Serialize};

/// A currency. Amounts in different currencies are different dimensions: claimrecon holds no
/// exchange rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Currency {
    /// Kazakhstani tenge (KZT).
    Kzt,
    /// United States dollar (USD).
    Usd,
    /// Russian rouble (RUB).
    Rub,
    /// Euro (EUR).
    Eur,
}

impl Currency {
    /// The ISO 4217 code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Currency::Kzt => "KZT",
            Currency::Usd => "USD",
            Currency::Rub => "RUB",
            Currency::Eur => "EUR",
        }
    }

    /// The plural English name used when displaying amounts ("tenge", "US dollars").
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Currency::Kzt => "tenge",
            Currency::Usd => "US dollars",
            Currency::Rub => "roubles",
            Currency::Eur => "euros",
        }
    }
}

/// The base unit an amount is stored in.
///
/// ```
/// use claimrecon::{Currency, Dimension, Parser, Unit, Value};
/// let unit = |phrase: &str| match Parser::default().parse(phrase).map(|p| p.value) {
///     Ok(Value::Amount(a)) => Some(a.unit),
///     _ => None,
/// };
/// assert_eq!(unit("120 tenge per liter"), Some(Unit::MoneyPerLitre(Currency::Kzt)));
/// // Tonnes are held in kilograms, so "2 tonnes" and "2,000 kg" compare as one figure.
/// assert_eq!(unit("2 tonnes"), Some(Unit::Kilograms));
/// // A plain number and people are both counts.
/// assert_eq!(Unit::Persons.dimension(), Unit::Number.dimension());
/// assert_eq!(Unit::Number.dimension(), Dimension::Count);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Unit {
    /// A plain number with no unit word. It is a count, so it compares with [`Unit::Persons`]:
    /// "4,578" said of an injury toll is a head count.
    Number,
    /// People ("people", "persons").
    Persons,
    /// Money in one currency.
    Money(Currency),
    /// A price per litre in one currency ("tenge per liter").
    MoneyPerLitre(Currency),
    /// Mass in kilograms (tonnes are converted).
    Kilograms,
    /// Volume in litres (cubic metres are converted).
    Litres,
    /// A percentage (50 means 50%).
    Percent,
}

/// What kind of quantity a unit measures. Only amounts of one dimension compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Dimension {
    /// Counts of things or people.
    Count,
    /// Money in one currency.
    Money(Currency),
    /// Money in one currency per unit volume.
    MoneyPerVolume(Currency),
    /// Mass.
    Mass,
    /// Volume.
    Volume,
    /// A percentage.
    Percent,
}

impl Unit {
    /// The dimension this unit measures.
    #[must_use]
    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Number | Unit::Persons => Dimension::Count,
            Unit::Money(c) => Dimension::Money(c),
            Unit::MoneyPerLitre(c) => Dimension::MoneyPerVolume(c),
            Unit::Kilograms => Dimension::Mass,
            Unit::Litres => Dimension::Volume,
            Unit::Percent => Dimension::Percent,
        }
    }

    /// The words written after a number when displaying it; empty for [`Unit::Number`].
    #[must_use]
    pub fn suffix(self) -> String {
        match self {
            Unit::Number => String::new(),
            Unit::Persons => " people".to_owned(),
            Unit::Money(c) => format!(" {}", c.name()),
            Unit::MoneyPerLitre(c) => format!(" {} per litre", c.name()),
            Unit::Kilograms => " kg".to_owned(),
            Unit::Litres => " litres".to_owned(),
            Unit::Percent => "%".to_owned(),
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dimension::Count => f.write_str("a count"),
            Dimension::Money(c) => write!(f, "money in {}", c.code()),
            Dimension::MoneyPerVolume(c) => write!(f, "a price in {} per litre", c.code()),
            Dimension::Mass => f.write_str("a mass"),
            Dimension::Volume => f.write_str("a volume"),
            Dimension::Percent => f.write_str("a percentage"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persons_and_plain_numbers_share_the_count_dimension() {
        assert_eq!(Unit::Persons.dimension(), Unit::Number.dimension());
    }

    #[test]
    fn currencies_are_distinct_dimensions() {
        assert_ne!(Unit::Money(Currency::Kzt).dimension(), Unit::Money(Currency::Usd).dimension());
        assert_ne!(
            Unit::Money(Currency::Kzt).dimension(),
            Unit::MoneyPerLitre(Currency::Kzt).dimension()
        );
    }
}
