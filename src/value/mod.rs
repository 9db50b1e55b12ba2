//! Values: what a claim says, in every kind a news report uses.

mod amount;
mod compare;
mod daytime;
mod interval;
mod number;
mod policy;
mod time;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use amount::{Amount, Change, Magnitude, NumberRange};
pub use compare::{Basis, Comparison, ComparisonReason, Verdict};
pub use daytime::{
    Clock, ClockStyle, DayInterval, DayPart, DayPartRange, QualifiedTime, TimePolicy, TimeQualifier,
};
pub use interval::{Endpoint, Interval};
pub use number::Number;
pub(crate) use number::{OutOfRange, grouped, too_long};
pub use policy::{ApproxPolicy, Policy, VaguePolicy, VagueRange, VagueWord};
pub(crate) use policy::{Close, permille_as_percent};
pub use time::{DatePrecision, DateValue, TimeOfDay, TimeWindow};

pub(crate) use daytime::Sense;
pub(crate) use interval::{significant, trim_float};
pub(crate) use time::{YEARS, check_year, day, read_day};

use crate::Error;

/// A short piece of text naming a category or an item: "LPG", "Armenia".
///
/// Trimmed, with inner whitespace collapsed; not empty, at most 200 characters, no control
/// characters. Labels are equal, hash and sort by [`Label::key`] (lower case), so "Almaty" and
/// "almaty" are one place; the text as written is kept for display.
///
/// ```
/// use claimrecon::Label;
/// let city = Label::new("  Almaty   city ")?;
/// assert_eq!(city.as_str(), "Almaty city");
/// assert_eq!(city.key(), "almaty city");
/// // Equal by key: one place, whatever the case.
/// assert_eq!(city, Label::new("ALMATY CITY")?);
/// assert_eq!(city.to_string(), "Almaty city");
/// // An empty label is refused, with the reason.
/// let err = Label::new(" ").unwrap_err();
/// assert_eq!(err.to_string(), "invalid label \" \": is empty");
/// # Ok::<(), claimrecon::Error>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Label {
    /// Shared, as are most keys with their text: a clone costs two counts, not two copies.
    text: std::sync::Arc<str>,
    key: std::sync::Arc<str>,
}

impl PartialEq for Label {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Label {}

impl std::hash::Hash for Label {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl PartialOrd for Label {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Label {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

impl Label {
    /// Longest label accepted, in characters.
    pub const MAX_CHARS: usize = 200;

    /// Checks and normalises a label.
    ///
    /// # Errors
    /// [`Error::InvalidName`] if the text is empty, too long or holds control characters.
    pub fn new(text: &str) -> Result<Self, Error> {
        let text = crate::id::normalized_name("label", text, Self::MAX_CHARS)?;
        let key = text.to_lowercase();
        let text: std::sync::Arc<str> = text.into();
        // A label written in lower case is its own key: one allocation for both.
        let key = if key == *text { text.clone() } else { key.into() };
        Ok(Label { text, key })
    }

    /// The label as given (normalised whitespace).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The comparison key: lower case.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }
}

impl TryFrom<String> for Label {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Label::new(&s)
    }
}

impl From<Label> for String {
    fn from(l: Label) -> String {
        l.text.as_ref().to_owned()
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A set of items, such as the countries that sent troops. Kept sorted and without duplicates
/// (by [`Label::key`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<Label>", into = "Vec<Label>")]
pub struct ItemSet(Vec<Label>);

impl ItemSet {
    /// A set of the given items.
    ///
    /// # Errors
    /// [`Error::InvalidName`] if the set is empty.
    pub fn new(items: impl IntoIterator<Item = Label>) -> Result<Self, Error> {
        let mut items: Vec<Label> = items.into_iter().collect();
        items.sort();
        items.dedup();
        if items.is_empty() {
            return Err(Error::InvalidName {
                what: "set".to_owned(),
                value: String::new(),
                problem: "a set needs at least one item".to_owned(),
            });
        }
        Ok(ItemSet(items))
    }

    /// The items, sorted.
    #[must_use]
    pub fn items(&self) -> &[Label] {
        &self.0
    }

    /// True if `label` is in the set.
    #[must_use]
    pub fn contains(&self, label: &Label) -> bool {
        self.0.binary_search(label).is_ok()
    }

    /// True if every item of `self` is in `other`.
    #[must_use]
    pub fn is_subset(&self, other: &ItemSet) -> bool {
        self.0.iter().all(|l| other.contains(l))
    }
}

impl TryFrom<Vec<Label>> for ItemSet {
    type Error = Error;
    fn try_from(v: Vec<Label>) -> Result<Self, Error> {
        ItemSet::new(v)
    }
}

impl From<ItemSet> for Vec<Label> {
    fn from(s: ItemSet) -> Vec<Label> {
        s.0
    }
}

impl fmt::Display for ItemSet {
    /// `{Armenia, Belarus}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, l) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(l.as_str())?;
        }
        f.write_str("}")
    }
}

/// What a claim says: one of the kinds of value news reports carry.
///
/// Every value displays as a phrase the [`Parser`](crate::Parser) reads back to the same
/// value, and `str::parse` reads one (without a publication date, so relative dates fail).
///
/// | kind | example phrase |
/// |---|---|
/// | [`Value::Amount`] | "4,578", "more than 1,300", "about 1,000", "dozens", "50-60 tenge per liter" |
/// | [`Value::Change`] | "from 50-60 to 110-120 tenge per liter", "two-fold", "halved" |
/// | [`Value::Date`] | "January 5, 2022", "the first days of 2022", "over the weekend" |
/// | [`Value::Time`] | "11 p.m.", "23:00" |
/// | [`Value::TimeWindow`] | "11 p.m. to 7 a.m.", "from 7.00 to 23.00" |
/// | [`Value::QualifiedTime`] | "shortly after 6 p.m.", "about 18:00", "just before midnight", "early morning" |
/// | [`Value::YesNo`] | "yes", "no" |
/// | [`Value::Category`] | `"liquefied petroleum gas"` (quoted) |
/// | [`Value::Set`] | `{Armenia, Belarus}` |
/// | [`Value::Undisclosed`] | "not disclosed", "unknown" |
///
/// ```
/// use claimrecon::{Policy, Value, ValueKind, Verdict};
/// let floor: Value = "more than 1,300".parse()?;
/// let count: Value = "4,578".parse()?;
/// assert_eq!(floor.kind(), ValueKind::Amount);
/// // A bound is an interval: 4,578 lies within it.
/// assert_eq!(floor.interval(&Policy::default()).unwrap().to_string(), "(1300, ∞)");
/// assert_eq!(floor.compare(&count)?.verdict, Verdict::Compatible);
/// // Every value displays as a phrase that reads back to the same value.
/// assert_eq!(floor.to_string(), "more than 1,300");
/// assert_eq!(floor.to_string().parse::<Value>()?, floor);
/// # Ok::<(), claimrecon::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Value {
    /// A count, price, sum of money, mass...
    Amount(Amount),
    /// A change between amounts, or a factor.
    Change(Change),
    /// A date or stretch of days.
    Date(DateValue),
    /// A time of day.
    Time(TimeOfDay),
    /// A daily window of time, possibly across midnight: daily hours stated exactly (a
    /// curfew), so a different window conflicts with it, even one inside it.
    TimeWindow(TimeWindow),
    /// A time of day known loosely: a qualified clock time or a part of the day. Its stretch
    /// of the day comes from the [`TimePolicy`].
    QualifiedTime(QualifiedTime),
    /// Yes or no.
    YesNo(bool),
    /// One label out of many possible ones.
    Category(Label),
    /// A set of labels.
    Set(ItemSet),
    /// The source said the figure was not disclosed or is unknown.
    Undisclosed,
}

/// The kind of a [`Value`], for messages and dispatch. Displays with its article: "an amount".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ValueKind {
    /// [`Value::Amount`].
    Amount,
    /// [`Value::Change`].
    Change,
    /// [`Value::Date`].
    Date,
    /// [`Value::Time`].
    Time,
    /// [`Value::TimeWindow`].
    TimeWindow,
    /// [`Value::QualifiedTime`].
    QualifiedTime,
    /// [`Value::YesNo`].
    YesNo,
    /// [`Value::Category`].
    Category,
    /// [`Value::Set`].
    Set,
    /// [`Value::Undisclosed`].
    Undisclosed,
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueKind::Amount => "an amount",
            ValueKind::Change => "a change",
            ValueKind::Date => "a date",
            ValueKind::Time => "a time of day",
            ValueKind::TimeWindow => "a time window",
            ValueKind::QualifiedTime => "a qualified time of day",
            ValueKind::YesNo => "a yes/no fact",
            ValueKind::Category => "a category",
            ValueKind::Set => "a set",
            ValueKind::Undisclosed => "an undisclosed figure",
        })
    }
}

impl Value {
    /// The value's kind.
    #[must_use]
    pub fn kind(&self) -> ValueKind {
        match self {
            Value::Amount(_) => ValueKind::Amount,
            Value::Change(_) => ValueKind::Change,
            Value::Date(_) => ValueKind::Date,
            Value::Time(_) => ValueKind::Time,
            Value::TimeWindow(_) => ValueKind::TimeWindow,
            Value::QualifiedTime(_) => ValueKind::QualifiedTime,
            Value::YesNo(_) => ValueKind::YesNo,
            Value::Category(_) => ValueKind::Category,
            Value::Set(_) => ValueKind::Set,
            Value::Undisclosed => ValueKind::Undisclosed,
        }
    }

    /// The numbers an amount allows under `policy`; dates give their day numbers. `None` for
    /// other kinds.
    #[must_use]
    pub fn interval(&self, policy: &Policy) -> Option<Interval> {
        match self {
            Value::Amount(a) => Some(a.interval(policy)),
            Value::Date(d) => Some(d.interval()),
            _ => None,
        }
    }

    /// The stretch of the day a time, a time window or a qualified time allows under
    /// `policy`; `None` for other kinds.
    ///
    /// ```
    /// use claimrecon::{Policy, Value};
    /// let v: Value = "about 6 p.m.".parse()?;
    /// assert_eq!(v.day_interval(&Policy::default()).unwrap().to_string(), "[17:30, 18:30]");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn day_interval(&self, policy: &Policy) -> Option<DayInterval> {
        match self {
            Value::Time(t) => Some(DayInterval::from(*t)),
            Value::TimeWindow(w) => Some(DayInterval::from(*w)),
            Value::QualifiedTime(q) => Some(q.interval(policy.time_policy())),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Amount(a) => write!(f, "{a}"),
            Value::Change(c) => write!(f, "{c}"),
            Value::Date(d) => write!(f, "{d}"),
            Value::Time(t) => write!(f, "{t}"),
            Value::TimeWindow(w) => write!(f, "{w}"),
            Value::QualifiedTime(q) => write!(f, "{q}"),
            Value::YesNo(true) => f.write_str("yes"),
            Value::YesNo(false) => f.write_str("no"),
            Value::Category(l) => write!(f, "\"{l}\""),
            Value::Set(s) => write!(f, "{s}"),
            Value::Undisclosed => f.write_str("undisclosed"),
        }
    }
}
