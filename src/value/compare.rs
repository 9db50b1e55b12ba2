//! Comparing two values: agree, compatible or conflict, with the reason in words.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{
    Amount, Change, DayInterval, Interval, ItemSet, Label, Policy, TimeOfDay, TimeWindow, Value,
};
use crate::Error;

/// The outcome of comparing two values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    /// The values say the same thing.
    Agrees,
    /// The values differ but can both be true ("more than 1,300" and "4,578").
    Compatible,
    /// The values cannot both be true.
    Conflicts,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Agrees => "agree",
            Verdict::Compatible => "compatible",
            Verdict::Conflicts => "conflict",
        })
    }
}

/// Why a comparison came out as it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Basis {
    /// The same value, or intervals that are the same.
    Identical,
    /// One value's interval lies inside the other's.
    Contained,
    /// The intervals share some but not all numbers.
    Overlap,
    /// The intervals share no number.
    Disjoint,
    /// Two time windows that split the day between them: one source inverted the other.
    Complement,
    /// Two time windows or times that differ.
    DifferentTimes,
    /// One set lies inside the other, or a category is one of a set's items.
    Subset,
    /// Sets or categories with different items.
    DifferentItems,
    /// Yes against no.
    Opposite,
    /// One side did not disclose a figure, which contradicts nothing.
    Undisclosed,
    /// A change's factor compared with another change.
    Factor,
}

/// The verdict on two values and the reason in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Agree, compatible or conflict.
    pub verdict: Verdict,
    /// The kind of reason.
    pub basis: Basis,
    /// The reason, in a sentence a reader can check: "4,578 lies within more than 1,300".
    pub reason: String,
}

impl Comparison {
    fn new(verdict: Verdict, basis: Basis, reason: String) -> Self {
        Comparison { verdict, basis, reason }
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.verdict, self.reason)
    }
}

impl Value {
    /// Compares two values under the default [`Policy`].
    ///
    /// ```
    /// use claimrecon::{Value, Verdict};
    /// let a: Value = "more than 1,300".parse()?;
    /// let b: Value = "4,578".parse()?;
    /// assert_eq!(a.compare(&b)?.verdict, Verdict::Compatible);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// See [`Value::compare_with`].
    pub fn compare(&self, other: &Value) -> Result<Comparison, Error> {
        self.compare_with(other, &Policy::default())
    }

    /// Compares two values; imprecise ones become intervals under `policy`.
    ///
    /// The verdict is symmetric: `a.compare_with(b)` and `b.compare_with(a)` agree.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] for amounts of different dimensions (persons against
    /// tenge per litre) and [`Error::Incomparable`] for kinds with no common meaning (a date
    /// against an amount). Never a silent "conflict".
    pub fn compare_with(&self, other: &Value, policy: &Policy) -> Result<Comparison, Error> {
        use Value as V;
        let incomparable = || Error::Incomparable { left: self.kind(), right: other.kind() };
        Ok(match (self, other) {
            (V::Undisclosed, V::Undisclosed) => Comparison::new(
                Verdict::Agrees,
                Basis::Identical,
                "neither side disclosed a figure".to_owned(),
            ),
            (V::Undisclosed, v) | (v, V::Undisclosed) => Comparison::new(
                Verdict::Compatible,
                Basis::Undisclosed,
                format!("one side did not disclose a figure, which does not contradict {v}"),
            ),
            (V::Amount(a), V::Amount(b)) => compare_amounts(a, b, policy)?,
            (V::Change(a), V::Change(b)) => compare_changes(a, b, policy)?,
            (V::Amount(a), V::Change(c)) | (V::Change(c), V::Amount(a)) => match c {
                Change::Between { to, unit, .. } => {
                    let end = Amount::new(*to, *unit);
                    let mut cmp = compare_amounts(a, &end, policy)?;
                    cmp.reason = format!("against the change's final value: {}", cmp.reason);
                    cmp
                }
                Change::Factor { .. } => return Err(incomparable()),
            },
            (V::Date(a), V::Date(b)) => {
                // Day numbers mean nothing to a reader: dates describe themselves.
                compare_intervals(
                    &a.interval(),
                    &b.interval(),
                    &a.to_string(),
                    &b.to_string(),
                    false,
                )
            }
            (V::Time(a), V::Time(b)) => compare_times(*a, *b),
            (V::Time(t), V::TimeWindow(w)) | (V::TimeWindow(w), V::Time(t)) => {
                if w.contains_time(*t) {
                    Comparison::new(
                        Verdict::Compatible,
                        Basis::Contained,
                        format!("{t} lies in {w}"),
                    )
                } else {
                    Comparison::new(
                        Verdict::Conflicts,
                        Basis::DifferentTimes,
                        format!("{t} lies outside {w}"),
                    )
                }
            }
            (V::TimeWindow(a), V::TimeWindow(b)) => compare_windows(*a, *b),
            (V::QualifiedTime(_), V::Time(_) | V::TimeWindow(_) | V::QualifiedTime(_))
            | (V::Time(_) | V::TimeWindow(_), V::QualifiedTime(_)) => {
                match (self.day_interval(policy), other.day_interval(policy)) {
                    (Some(a), Some(b)) => compare_stretches(self, a, other, b),
                    _ => return Err(incomparable()),
                }
            }
            (V::YesNo(a), V::YesNo(b)) => {
                let word = |x: bool| if x { "yes" } else { "no" };
                if a == b {
                    Comparison::new(
                        Verdict::Agrees,
                        Basis::Identical,
                        format!("both say {}", word(*a)),
                    )
                } else {
                    Comparison::new(
                        Verdict::Conflicts,
                        Basis::Opposite,
                        format!("one says {}, the other {}", word(*a), word(*b)),
                    )
                }
            }
            (V::Category(a), V::Category(b)) => compare_labels(a, b),
            (V::Set(a), V::Set(b)) => compare_sets(a, b),
            (V::Category(l), V::Set(s)) | (V::Set(s), V::Category(l)) => {
                if s.contains(l) {
                    Comparison::new(
                        Verdict::Compatible,
                        Basis::Subset,
                        format!("{l} is one of {s}"),
                    )
                } else {
                    Comparison::new(
                        Verdict::Conflicts,
                        Basis::DifferentItems,
                        format!("{l} is not one of {s}"),
                    )
                }
            }
            _ => return Err(incomparable()),
        })
    }
}

fn describe(text: &str, interval: &Interval) -> String {
    if interval.is_point() { text.to_owned() } else { format!("{text} {interval}") }
}

fn compare_amounts(a: &Amount, b: &Amount, policy: &Policy) -> Result<Comparison, Error> {
    let (da, db) = (a.unit.dimension(), b.unit.dimension());
    if da != db {
        return Err(Error::DimensionMismatch { left: da, right: db });
    }
    Ok(compare_intervals(
        &a.interval(policy),
        &b.interval(policy),
        &a.to_string(),
        &b.to_string(),
        true,
    ))
}

fn compare_intervals(ia: &Interval, ib: &Interval, ta: &str, tb: &str, show: bool) -> Comparison {
    let (da, db) =
        if show { (describe(ta, ia), describe(tb, ib)) } else { (ta.to_owned(), tb.to_owned()) };
    if ia == ib {
        let reason = if ia.is_point() {
            format!("both say {ta}")
        } else {
            format!("{da} and {db} are the same range")
        };
        return Comparison::new(Verdict::Agrees, Basis::Identical, reason);
    }
    if ib.contains(ia) {
        return Comparison::new(
            Verdict::Compatible,
            Basis::Contained,
            format!("{da} lies within {db}"),
        );
    }
    if ia.contains(ib) {
        return Comparison::new(
            Verdict::Compatible,
            Basis::Contained,
            format!("{db} lies within {da}"),
        );
    }
    if ia.overlaps(ib) {
        return Comparison::new(
            Verdict::Compatible,
            Basis::Overlap,
            format!("{da} and {db} overlap"),
        );
    }
    Comparison::new(Verdict::Conflicts, Basis::Disjoint, format!("{da} and {db} do not overlap"))
}

fn compare_changes(a: &Change, b: &Change, policy: &Policy) -> Result<Comparison, Error> {
    if let (
        Change::Between { from: fa, to: ta, unit: ua },
        Change::Between { from: fb, to: tb, unit: ub },
    ) = (a, b)
    {
        let before = compare_amounts(&Amount::new(*fa, *ua), &Amount::new(*fb, *ub), policy)?;
        let after = compare_amounts(&Amount::new(*ta, *ua), &Amount::new(*tb, *ub), policy)?;
        let verdict = before.verdict.max(after.verdict);
        let basis = if verdict == Verdict::Conflicts {
            Basis::Disjoint
        } else if verdict == Verdict::Agrees {
            Basis::Identical
        } else {
            Basis::Overlap
        };
        return Ok(Comparison::new(
            verdict,
            basis,
            format!("before: {}; after: {}", before.reason, after.reason),
        ));
    }
    let (fa, fb) = (a.factor_interval(policy), b.factor_interval(policy));
    let (Some(fa), Some(fb)) = (fa, fb) else {
        return Ok(Comparison::new(
            Verdict::Compatible,
            Basis::Factor,
            "a change from zero has no factor, so the factor cannot be checked".to_owned(),
        ));
    };
    let (ta, tb) = (factor_text(a), factor_text(b));
    let mut cmp = compare_intervals(&fa, &fb, &ta, &tb, true);
    // Factors read to three significant digits ("[1.83, 2.4]"), when that changes no verdict.
    let shown = compare_intervals(&fa.significant(3), &fb.significant(3), &ta, &tb, true);
    if shown.verdict == cmp.verdict {
        cmp.reason = shown.reason;
    }
    cmp.reason = format!("as factors, {}", cmp.reason);
    if cmp.verdict != Verdict::Conflicts && cmp.basis != Basis::Identical {
        cmp.basis = Basis::Factor;
        cmp.reason = match (a, b) {
            (Change::Between { .. }, Change::Factor { .. })
            | (Change::Factor { .. }, Change::Between { .. }) => {
                format!("consistent: {}", cmp.reason)
            }
            _ => cmp.reason,
        };
    }
    Ok(cmp)
}

fn factor_text(c: &Change) -> String {
    match c {
        Change::Between { .. } => format!("{c}"),
        Change::Factor { factor } => format!("{factor}-fold"),
    }
}

fn compare_times(a: TimeOfDay, b: TimeOfDay) -> Comparison {
    if a == b {
        Comparison::new(Verdict::Agrees, Basis::Identical, format!("both say {a}"))
    } else {
        Comparison::new(Verdict::Conflicts, Basis::DifferentTimes, format!("{a} is not {b}"))
    }
}

fn compare_windows(a: TimeWindow, b: TimeWindow) -> Comparison {
    if a == b {
        return Comparison::new(Verdict::Agrees, Basis::Identical, format!("both say {a}"));
    }
    if a.is_complement_of(&b) {
        return Comparison::new(
            Verdict::Conflicts,
            Basis::Complement,
            format!(
                "{a} and {b} are complements: together they cover the whole day, so one source likely inverted the window"
            ),
        );
    }
    if a.contains(&b) || b.contains(&a) {
        let (outer, inner) = if a.contains(&b) { (a, b) } else { (b, a) };
        return Comparison::new(
            Verdict::Compatible,
            Basis::Contained,
            format!("{inner} lies within {outer}"),
        );
    }
    Comparison::new(Verdict::Conflicts, Basis::DifferentTimes, format!("{a} and {b} differ"))
}

/// A time, a window or a qualified time by the stretch of the day each allows. A window
/// against a time is read, as [`Value::Time`] against a window is, as the stretch in which
/// the time lies: overlapping stretches can both be true.
fn compare_stretches(a: &Value, ia: DayInterval, b: &Value, ib: DayInterval) -> Comparison {
    // A qualified time shows the stretch its words were given; a time or window is its own.
    let shown = |v: &Value, i: DayInterval| match v {
        Value::QualifiedTime(q) => format!("{q} {i}"),
        _ => v.to_string(),
    };
    let (da, db) = (shown(a, ia), shown(b, ib));
    if ia == ib {
        let reason = if a == b {
            format!("both say {a}")
        } else {
            format!("{da} and {db} cover the same times")
        };
        return Comparison::new(Verdict::Agrees, Basis::Identical, reason);
    }
    if ib.contains(&ia) {
        return Comparison::new(
            Verdict::Compatible,
            Basis::Contained,
            format!("{da} lies within {db}"),
        );
    }
    if ia.contains(&ib) {
        return Comparison::new(
            Verdict::Compatible,
            Basis::Contained,
            format!("{db} lies within {da}"),
        );
    }
    if ia.overlaps(&ib) {
        return Comparison::new(
            Verdict::Compatible,
            Basis::Overlap,
            format!("{da} and {db} overlap"),
        );
    }
    let reason = if ia.is_instant() {
        format!("{da} lies outside {db}")
    } else if ib.is_instant() {
        format!("{db} lies outside {da}")
    } else {
        format!("{da} and {db} do not overlap")
    };
    Comparison::new(Verdict::Conflicts, Basis::Disjoint, reason)
}

fn compare_labels(a: &Label, b: &Label) -> Comparison {
    if a.key() == b.key() {
        Comparison::new(Verdict::Agrees, Basis::Identical, format!("both say {a}"))
    } else {
        Comparison::new(Verdict::Conflicts, Basis::DifferentItems, format!("{a} is not {b}"))
    }
}

fn compare_sets(a: &ItemSet, b: &ItemSet) -> Comparison {
    match (a.is_subset(b), b.is_subset(a)) {
        (true, true) => {
            Comparison::new(Verdict::Agrees, Basis::Identical, format!("both list {a}"))
        }
        (true, false) => {
            Comparison::new(Verdict::Compatible, Basis::Subset, format!("{a} is part of {b}"))
        }
        (false, true) => {
            Comparison::new(Verdict::Compatible, Basis::Subset, format!("{b} is part of {a}"))
        }
        (false, false) => Comparison::new(
            Verdict::Conflicts,
            Basis::DifferentItems,
            format!("{a} and {b} each list items the other lacks"),
        ),
    }
}
