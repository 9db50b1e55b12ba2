//! Comparing two values: agree, compatible or conflict, with the reason in words.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{
    Amount, Change, DateValue, DayInterval, Interval, ItemSet, Label, Policy, TimeOfDay,
    TimeWindow, Value,
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

/// The verdict on two values and the reason, as data written in words when shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Comparison {
    /// Agree, compatible or conflict.
    pub verdict: Verdict,
    /// The kind of reason.
    pub basis: Basis,
    /// The reason, a sentence a reader can check when shown ("4,578 lies within more than
    /// 1,300"); equal to a `&str` that reads the same, serialised as its words.
    pub reason: ComparisonReason,
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.verdict, self.reason)
    }
}

/// Why a comparison came out as it did, as data: the rule that decided and the operands it
/// names. Its words are written by `Display` when asked (the reconciler keeps one per
/// relation, and most are never read).
///
/// Serialised as its words; read back from them, it holds the words only. Two reasons are
/// equal when they read the same.
///
/// ```
/// use claimrecon::Value;
/// let a: Value = "about 1,000".parse()?;
/// let b: Value = "4,578".parse()?;
/// // What `Value::compare` says in its `reason` is what the reason data writes.
/// assert_eq!(a.compare(&b)?.reason, "about 1,000 [750, 1250] and 4,578 do not overlap");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ComparisonReason(Why);

/// The verdict, its basis and the reason as data: what the reconciler keeps.
#[derive(Debug, Clone)]
pub(crate) struct Judgement {
    pub verdict: Verdict,
    pub basis: Basis,
    pub reason: ComparisonReason,
}

impl Judgement {
    fn new(verdict: Verdict, basis: Basis, why: Why) -> Self {
        Judgement { verdict, basis, reason: ComparisonReason(why) }
    }

    fn of_lie(lie: Lie, why: Why) -> Self {
        let (verdict, basis) = lie.verdict();
        Judgement::new(verdict, basis, why)
    }
}

/// How two intervals (of numbers, days or times of day) lie against each other: the one rule
/// behind every interval verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lie {
    Same,
    /// The first lies inside the second.
    FirstWithin,
    /// The second lies inside the first.
    SecondWithin,
    Overlap,
    Apart,
}

impl Lie {
    fn of<T: PartialEq>(
        a: &T,
        b: &T,
        contains: impl Fn(&T, &T) -> bool,
        overlaps: impl Fn(&T, &T) -> bool,
    ) -> Lie {
        if a == b {
            Lie::Same
        } else if contains(b, a) {
            Lie::FirstWithin
        } else if contains(a, b) {
            Lie::SecondWithin
        } else if overlaps(a, b) {
            Lie::Overlap
        } else {
            Lie::Apart
        }
    }

    fn of_intervals(a: &Interval, b: &Interval) -> Lie {
        Lie::of(a, b, Interval::contains, Interval::overlaps)
    }

    fn verdict(self) -> (Verdict, Basis) {
        match self {
            Lie::Same => (Verdict::Agrees, Basis::Identical),
            Lie::FirstWithin | Lie::SecondWithin => (Verdict::Compatible, Basis::Contained),
            Lie::Overlap => (Verdict::Compatible, Basis::Overlap),
            Lie::Apart => (Verdict::Conflicts, Basis::Disjoint),
        }
    }
}

/// One side of an interval comparison, as the reason names it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Operand {
    /// An amount, shown with its interval unless that is one number: "about 1,000 [750, 1250]".
    Amount(Amount, Interval),
    /// A date, which describes itself (day numbers mean nothing to a reader).
    Date(DateValue),
}

impl Operand {
    fn interval(&self) -> Interval {
        match self {
            Operand::Amount(_, i) => *i,
            Operand::Date(d) => d.interval(),
        }
    }

    /// The operand's own text: "about 1,000".
    fn text(&self) -> &dyn fmt::Display {
        match self {
            Operand::Amount(a, _) => a,
            Operand::Date(d) => d,
        }
    }

    /// The text with the interval, where it says more: "about 1,000 [750, 1250]".
    fn described(&self) -> Described<'_> {
        match self {
            Operand::Amount(a, i) => Described(a, Some(i)),
            Operand::Date(d) => Described(d, None),
        }
    }
}

/// A text and, unless it is one number, its interval.
struct Described<'a>(&'a dyn fmt::Display, Option<&'a Interval>);

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(i) if !i.is_point() => write!(f, "{} {i}", self.0),
            _ => self.0.fmt(f),
        }
    }
}

/// Two changes compared as factors (after ÷ before).
#[derive(Debug, Clone, PartialEq)]
struct Factors {
    a: Change,
    b: Change,
    fa: Interval,
    fb: Interval,
    lie: Lie,
    /// A change between amounts consistent with a factor: said so first.
    consistent: bool,
}

/// What decided a comparison, with what its words name. One variant per sentence.
#[derive(Debug, Clone, PartialEq)]
enum Why {
    NeitherDisclosed,
    /// One side undisclosed; the other's value.
    Undisclosed(Value),
    /// Amounts or dates by their intervals.
    Intervals(Operand, Operand, Lie),
    /// An amount against a change's final value.
    FinalValue(Operand, Operand, Lie),
    /// Two changes between amounts: before against before, after against after.
    Changes(Box<[Why; 2]>),
    NoFactor,
    Factors(Box<Factors>),
    SameTime(TimeOfDay),
    OtherTime(TimeOfDay, TimeOfDay),
    TimeInWindow(TimeOfDay, TimeWindow),
    TimeOutsideWindow(TimeOfDay, TimeWindow),
    SameWindow(TimeWindow),
    Complement(TimeWindow, TimeWindow),
    WindowsDiffer(TimeWindow, TimeWindow),
    /// Times, windows and qualified times by the stretch of the day each allows.
    Stretches(Box<(Value, DayInterval, Value, DayInterval)>, Lie),
    SameAnswer(bool),
    OppositeAnswers(bool, bool),
    SameLabel(Label),
    OtherLabel(Label, Label),
    SameSet(ItemSet),
    /// The first set lies inside the second.
    PartOfSet(ItemSet, ItemSet),
    SetsDiffer(ItemSet, ItemSet),
    OneOf(Label, ItemSet),
    NotOneOf(Label, ItemSet),
    /// Words read back from a serialised reason.
    Text(String),
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
        let j = self.judge(other, policy)?;
        Ok(Comparison { verdict: j.verdict, basis: j.basis, reason: j.reason })
    }

    /// The comparison's verdict with its reason as data, words not yet written: the one
    /// definition of every comparison rule, which [`Value::compare_with`] puts into words.
    pub(crate) fn judge(&self, other: &Value, policy: &Policy) -> Result<Judgement, Error> {
        use Value as V;
        let incomparable = || Error::Incomparable { left: self.kind(), right: other.kind() };
        Ok(match (self, other) {
            (V::Undisclosed, V::Undisclosed) => {
                Judgement::new(Verdict::Agrees, Basis::Identical, Why::NeitherDisclosed)
            }
            (V::Undisclosed, v) | (v, V::Undisclosed) => {
                Judgement::new(Verdict::Compatible, Basis::Undisclosed, Why::Undisclosed(v.clone()))
            }
            (V::Amount(a), V::Amount(b)) => compare_amounts(a, b, policy, Why::Intervals)?,
            (V::Change(a), V::Change(b)) => compare_changes(a, b, policy)?,
            (V::Amount(a), V::Change(c)) | (V::Change(c), V::Amount(a)) => match c {
                Change::Between { to, unit, .. } => {
                    compare_amounts(a, &Amount::new(*to, *unit), policy, Why::FinalValue)?
                }
                Change::Factor { .. } => return Err(incomparable()),
            },
            (V::Date(a), V::Date(b)) => {
                let (oa, ob) = (Operand::Date(*a), Operand::Date(*b));
                let lie = Lie::of_intervals(&oa.interval(), &ob.interval());
                Judgement::of_lie(lie, Why::Intervals(oa, ob, lie))
            }
            (V::Time(a), V::Time(b)) => compare_times(*a, *b),
            (V::Time(t), V::TimeWindow(w)) | (V::TimeWindow(w), V::Time(t)) => {
                // Daily hours name both their ends: a curfew "until 7 a.m." fits 23:00-07:00.
                if w.contains_time(*t) || *t == w.end() {
                    Judgement::new(Verdict::Compatible, Basis::Contained, Why::TimeInWindow(*t, *w))
                } else {
                    Judgement::new(
                        Verdict::Conflicts,
                        Basis::DifferentTimes,
                        Why::TimeOutsideWindow(*t, *w),
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
                if a == b {
                    Judgement::new(Verdict::Agrees, Basis::Identical, Why::SameAnswer(*a))
                } else {
                    Judgement::new(
                        Verdict::Conflicts,
                        Basis::Opposite,
                        Why::OppositeAnswers(*a, *b),
                    )
                }
            }
            (V::Category(a), V::Category(b)) => compare_labels(a, b),
            (V::Set(a), V::Set(b)) => compare_sets(a, b),
            (V::Category(l), V::Set(s)) | (V::Set(s), V::Category(l)) => {
                if s.contains(l) {
                    Judgement::new(
                        Verdict::Compatible,
                        Basis::Subset,
                        Why::OneOf(l.clone(), s.clone()),
                    )
                } else {
                    Judgement::new(
                        Verdict::Conflicts,
                        Basis::DifferentItems,
                        Why::NotOneOf(l.clone(), s.clone()),
                    )
                }
            }
            _ => return Err(incomparable()),
        })
    }
}

impl Value {
    /// Whether this value and `other` are amounts given to the digit (points, not bounds,
    /// ranges or approximate figures) of one dimension that `policy` reads as one count
    /// ([`Policy::close`]). Not a verdict of [`Value::compare`], which compares what values
    /// say ("100" and "102" do not overlap): a reading of two sources' counts of one quantity
    /// at one time, which the reconciler's clusters and relations make.
    pub(crate) fn is_close_to(&self, other: &Value, policy: &Policy) -> bool {
        let (Value::Amount(a), Value::Amount(b)) = (self, other) else { return false };
        let dimension = a.unit.dimension();
        let (ia, ib) = (a.interval(policy), b.interval(policy));
        if dimension != b.unit.dimension() || !ia.is_point() || !ib.is_point() {
            return false;
        }
        let (x, y) = (ia.low().value, ib.low().value);
        policy.close_rule().of(dimension).holds(x.min(y), x.max(y))
    }
}

fn compare_amounts(
    a: &Amount,
    b: &Amount,
    policy: &Policy,
    why: fn(Operand, Operand, Lie) -> Why,
) -> Result<Judgement, Error> {
    let (da, db) = (a.unit.dimension(), b.unit.dimension());
    if da != db {
        return Err(Error::DimensionMismatch { left: da, right: db });
    }
    let (ia, ib) = (a.interval(policy), b.interval(policy));
    let lie = Lie::of_intervals(&ia, &ib);
    Ok(Judgement::of_lie(lie, why(Operand::Amount(*a, ia), Operand::Amount(*b, ib), lie)))
}

fn compare_changes(a: &Change, b: &Change, policy: &Policy) -> Result<Judgement, Error> {
    if let (
        Change::Between { from: fa, to: ta, unit: ua },
        Change::Between { from: fb, to: tb, unit: ub },
    ) = (a, b)
    {
        let amounts = |x, y| {
            compare_amounts(&Amount::new(x, *ua), &Amount::new(y, *ub), policy, Why::Intervals)
        };
        let (before, after) = (amounts(*fa, *fb)?, amounts(*ta, *tb)?);
        let verdict = before.verdict.max(after.verdict);
        let basis = if verdict == Verdict::Conflicts {
            Basis::Disjoint
        } else if verdict == Verdict::Agrees {
            Basis::Identical
        } else {
            Basis::Overlap
        };
        let why = Why::Changes(Box::new([before.reason.0, after.reason.0]));
        return Ok(Judgement::new(verdict, basis, why));
    }
    let (Some(fa), Some(fb)) = (a.factor_interval(policy), b.factor_interval(policy)) else {
        return Ok(Judgement::new(Verdict::Compatible, Basis::Factor, Why::NoFactor));
    };
    let lie = Lie::of_intervals(&fa, &fb);
    let (verdict, mut basis) = lie.verdict();
    let mut consistent = false;
    if verdict != Verdict::Conflicts && basis != Basis::Identical {
        basis = Basis::Factor;
        consistent = matches!(
            (a, b),
            (Change::Between { .. }, Change::Factor { .. })
                | (Change::Factor { .. }, Change::Between { .. })
        );
    }
    let why = Why::Factors(Box::new(Factors { a: *a, b: *b, fa, fb, lie, consistent }));
    Ok(Judgement::new(verdict, basis, why))
}

/// A change as a factor reads: the change itself, or "2-fold".
struct FactorText<'a>(&'a Change);

impl fmt::Display for FactorText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Change::Between { .. } => write!(f, "{}", self.0),
            Change::Factor { factor } => write!(f, "{factor}-fold"),
        }
    }
}

fn compare_times(a: TimeOfDay, b: TimeOfDay) -> Judgement {
    if a == b {
        Judgement::new(Verdict::Agrees, Basis::Identical, Why::SameTime(a))
    } else {
        Judgement::new(Verdict::Conflicts, Basis::DifferentTimes, Why::OtherTime(a, b))
    }
}

fn compare_windows(a: TimeWindow, b: TimeWindow) -> Judgement {
    if a == b {
        return Judgement::new(Verdict::Agrees, Basis::Identical, Why::SameWindow(a));
    }
    if a.is_complement_of(&b) {
        return Judgement::new(Verdict::Conflicts, Basis::Complement, Why::Complement(a, b));
    }
    // A window states daily hours exactly (a curfew from 23:00 to 07:00), not a stretch in
    // which they lie: a window within another says the hours begin later or end earlier.
    Judgement::new(Verdict::Conflicts, Basis::DifferentTimes, Why::WindowsDiffer(a, b))
}

/// A time, a window or a qualified time by the stretch of the day each allows. A window
/// against a time is read, as [`Value::Time`] against a window is, as the stretch in which
/// the time lies: overlapping stretches can both be true.
fn compare_stretches(a: &Value, ia: DayInterval, b: &Value, ib: DayInterval) -> Judgement {
    let lie = Lie::of(&ia, &ib, DayInterval::contains, DayInterval::overlaps);
    Judgement::of_lie(lie, Why::Stretches(Box::new((a.clone(), ia, b.clone(), ib)), lie))
}

fn compare_labels(a: &Label, b: &Label) -> Judgement {
    if a.key() == b.key() {
        Judgement::new(Verdict::Agrees, Basis::Identical, Why::SameLabel(a.clone()))
    } else {
        Judgement::new(
            Verdict::Conflicts,
            Basis::DifferentItems,
            Why::OtherLabel(a.clone(), b.clone()),
        )
    }
}

fn compare_sets(a: &ItemSet, b: &ItemSet) -> Judgement {
    match (a.is_subset(b), b.is_subset(a)) {
        (true, true) => Judgement::new(Verdict::Agrees, Basis::Identical, Why::SameSet(a.clone())),
        (true, false) => {
            Judgement::new(Verdict::Compatible, Basis::Subset, Why::PartOfSet(a.clone(), b.clone()))
        }
        (false, true) => {
            Judgement::new(Verdict::Compatible, Basis::Subset, Why::PartOfSet(b.clone(), a.clone()))
        }
        (false, false) => Judgement::new(
            Verdict::Conflicts,
            Basis::DifferentItems,
            Why::SetsDiffer(a.clone(), b.clone()),
        ),
    }
}

/// The words of an interval comparison: `ta`/`tb` the operands' texts, `da`/`db` with their
/// intervals where those say more; `point` whether the (equal) intervals are one number.
fn write_lie(
    f: &mut fmt::Formatter<'_>,
    lie: Lie,
    (ta, da): (&dyn fmt::Display, &dyn fmt::Display),
    db: &dyn fmt::Display,
    point: bool,
) -> fmt::Result {
    match lie {
        Lie::Same if point => write!(f, "both say {ta}"),
        Lie::Same => write!(f, "{da} and {db} are the same range"),
        Lie::FirstWithin => write!(f, "{da} lies within {db}"),
        Lie::SecondWithin => write!(f, "{db} lies within {da}"),
        Lie::Overlap => write!(f, "{da} and {db} overlap"),
        Lie::Apart => write!(f, "{da} and {db} do not overlap"),
    }
}

fn write_operands(f: &mut fmt::Formatter<'_>, a: &Operand, b: &Operand, lie: Lie) -> fmt::Result {
    let point = a.interval().is_point();
    write_lie(f, lie, (a.text(), &a.described()), &b.described(), point)
}

impl fmt::Display for Factors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.consistent {
            f.write_str("consistent: ")?;
        }
        f.write_str("as factors, ")?;
        // Factors read to three significant digits ("[1.83, 2.4]"), when that changes no
        // verdict.
        let (sa, sb) = (self.fa.significant(3), self.fb.significant(3));
        let shown = Lie::of_intervals(&sa, &sb);
        let (ia, ib, lie) = if shown.verdict().0 == self.lie.verdict().0 {
            (sa, sb, shown)
        } else {
            (self.fa, self.fb, self.lie)
        };
        let (ta, tb) = (FactorText(&self.a), FactorText(&self.b));
        let da = Described(&ta, Some(&ia));
        write_lie(f, lie, (&ta, &da), &Described(&tb, Some(&ib)), ia.is_point())
    }
}

/// A qualified time shows the stretch its words were given; a time or window is its own.
struct Stretch<'a>(&'a Value, &'a DayInterval);

impl fmt::Display for Stretch<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::QualifiedTime(q) => write!(f, "{q} {}", self.1),
            v => v.fmt(f),
        }
    }
}

fn write_stretches(
    f: &mut fmt::Formatter<'_>,
    (a, ia, b, ib): &(Value, DayInterval, Value, DayInterval),
    lie: Lie,
) -> fmt::Result {
    let (da, db) = (Stretch(a, ia), Stretch(b, ib));
    match lie {
        Lie::Same if a == b => write!(f, "both say {a}"),
        Lie::Same => write!(f, "{da} and {db} cover the same times"),
        Lie::Apart if ia.is_instant() => write!(f, "{da} lies outside {db}"),
        Lie::Apart if ib.is_instant() => write!(f, "{db} lies outside {da}"),
        _ => write_lie(f, lie, (a, &da), &db, false),
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = |x: bool| if x { "yes" } else { "no" };
        match self {
            Why::NeitherDisclosed => f.write_str("neither side disclosed a figure"),
            Why::Undisclosed(v) => {
                write!(f, "one side did not disclose a figure, which does not contradict {v}")
            }
            Why::Intervals(a, b, lie) => write_operands(f, a, b, *lie),
            Why::FinalValue(a, b, lie) => {
                f.write_str("against the change's final value: ")?;
                write_operands(f, a, b, *lie)
            }
            Why::Changes(both) => write!(f, "before: {}; after: {}", both[0], both[1]),
            Why::NoFactor => {
                f.write_str("a change from zero has no factor, so the factor cannot be checked")
            }
            Why::Factors(factors) => factors.fmt(f),
            Why::SameTime(t) => write!(f, "both say {t}"),
            Why::OtherTime(a, b) => write!(f, "{a} is not {b}"),
            Why::TimeInWindow(t, w) => write!(f, "{t} lies in {w}"),
            Why::TimeOutsideWindow(t, w) => write!(f, "{t} lies outside {w}"),
            Why::SameWindow(w) => write!(f, "both say {w}"),
            Why::Complement(a, b) => write!(
                f,
                "{a} and {b} are complements: together they cover the whole day, so one source likely inverted the window"
            ),
            Why::WindowsDiffer(a, b) => {
                write!(f, "{a} and {b} are different hours: ")?;
                let (begin, end) = (a.start() != b.start(), a.end() != b.end());
                if begin {
                    write!(f, "they begin at {} and {}", a.start(), b.start())?;
                }
                match (begin, end) {
                    (true, true) => write!(f, " and end at {} and {}", a.end(), b.end()),
                    (false, _) => write!(f, "they end at {} and {}", a.end(), b.end()),
                    (true, false) => Ok(()),
                }
            }
            Why::Stretches(sides, lie) => write_stretches(f, sides, *lie),
            Why::SameAnswer(x) => write!(f, "both say {}", word(*x)),
            Why::OppositeAnswers(a, b) => {
                write!(f, "one says {}, the other {}", word(*a), word(*b))
            }
            Why::SameLabel(l) => write!(f, "both say {l}"),
            Why::OtherLabel(a, b) => write!(f, "{a} is not {b}"),
            Why::SameSet(s) => write!(f, "both list {s}"),
            Why::PartOfSet(a, b) => write!(f, "{a} is part of {b}"),
            Why::SetsDiffer(a, b) => write!(f, "{a} and {b} each list items the other lacks"),
            Why::OneOf(l, s) => write!(f, "{l} is one of {s}"),
            Why::NotOneOf(l, s) => write!(f, "{l} is not one of {s}"),
            Why::Text(text) => f.write_str(text),
        }
    }
}

impl fmt::Display for ComparisonReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

crate::words::words_as_text!(ComparisonReason, |text| ComparisonReason(Why::Text(text)));
