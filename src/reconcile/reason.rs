//! Why two claims relate as they do and why a claim has its rank, kept as data (the values,
//! dates and subjects a sentence names) and written by `Display` when a report asks.
//!
//! A reconciliation holds a reason for every relation and every rank; most are never read.
//! Their words cost nothing until shown. The data are private, so that their representation
//! can grow more compact without a change to the public types.

use std::fmt;

use chrono::NaiveDate;

use crate::Error;
use crate::claim::{AsOfTime, DayText};
use crate::subject::Subject;
use crate::value::{Amount, ComparisonReason, Value};

/// Why two claims (or a claim and a derived bound) relate as they do: "the running total rose
/// from 164 (10 Jan 2022) to 225 (25 Jan 2022)". Written in words by `Display`.
///
/// Serialised as its words; read back from JSON, it holds the words only. Two reasons are
/// equal when they read the same, and a reason equals the text it reads as.
///
/// ```
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let claim = |id: &str, phrase: &str, day: u32| {
/// #     let provenance = Provenance::new(SourceId::new(id)?)
/// #         .published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap());
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase, provenance, &Parser::default())
/// # };
/// let r = Reconciler::new().reconcile(vec![claim("una", "164", 10)?, claim("gsv", "225", 25)?]);
/// let reason = &r.groups[0].relations[0].reason;
/// assert_eq!(reason.to_string(), "the running total rose from 164 (10 Jan 2022) to 225 (25 Jan 2022)");
/// assert_eq!(*reason, "the running total rose from 164 (10 Jan 2022) to 225 (25 Jan 2022)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct RelationReason(RelationWhy);

/// Why a claim has its rank: "an earlier figure (2022-01-10), superseded by the figures as of
/// 2022-01-25". Written in words by `Display`; serialised, read back and compared as
/// [`RelationReason`] is.
#[derive(Debug, Clone)]
pub struct RankReason(RankWhy);

/// When a figure holds, as relations write it: "5 Jan 2022, early morning".
#[derive(Debug, Clone)]
pub(crate) struct When {
    pub date: Option<NaiveDate>,
    /// Boxed: most figures give no time of day, and a relation holds two of these inline.
    pub time: Option<Box<AsOfTime>>,
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        DayText(self.date).fmt(f)?;
        match &self.time {
            Some(t) => write!(f, ", {t}"),
            None => Ok(()),
        }
    }
}

/// A figure and when it holds: "164 (10 Jan 2022)".
#[derive(Debug, Clone)]
pub(crate) struct Dated {
    pub value: Value,
    pub when: When,
}

impl fmt::Display for Dated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.value, self.when)
    }
}

/// A sub-count and its total, with their subjects.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    pub part: Amount,
    pub part_subject: Subject,
    pub whole: Amount,
    pub whole_subject: Subject,
}

/// Who and where a part-of reason names: "security forces in Almaty".
struct WhoWhere<'a>(&'a Subject);

impl fmt::Display for WhoWhere<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.who())?;
        match self.0.where_() {
            Some(p) => write!(f, " in {p}"),
            None => Ok(()),
        }
    }
}

/// What decided a relation, with what its words name. One variant per sentence.
#[derive(Debug, Clone)]
pub(crate) enum RelationWhy {
    /// The values have no common measure.
    Incomparable(Error),
    /// What comparing the values found; with both times when one is known to come first.
    Compared(ComparisonReason, Option<[When; 2]>),
    /// A running total that rose.
    Rose([Dated; 2]),
    /// A voice lowering its own running total.
    RevisedDown([Dated; 2]),
    /// A running total that fell between voices.
    Fell([Dated; 2]),
    /// A changing state at two times.
    Changed([Dated; 2]),
    /// A yes/no state given both ways one day, "not yet" first: from, to, the day.
    ChangedSameDay(Box<(Value, Value, When)>),
    /// A yes/no state given both ways one day, in an unknown order.
    SameDayUnordered(Box<(Value, Value, When)>),
    PartOf(Box<Parts>),
    SubCountAboveTotal(Box<Parts>),
    /// The part's estimate (its low) above the whole's (its high).
    EstimateAboveTotal(Box<(Subject, f64, Subject, f64)>),
    /// Words read back from a serialised reason.
    Text(String),
}

impl From<RelationWhy> for RelationReason {
    fn from(why: RelationWhy) -> Self {
        RelationReason(why)
    }
}

impl fmt::Display for RelationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            RelationWhy::Incomparable(e) => e.fmt(f),
            RelationWhy::Compared(cmp, None) => cmp.fmt(f),
            RelationWhy::Compared(cmp, Some(when)) => {
                write!(f, "{cmp} ({}, then {})", when[0], when[1])
            }
            RelationWhy::Rose(d) => write!(f, "the running total rose from {} to {}", d[0], d[1]),
            RelationWhy::RevisedDown(d) => {
                write!(f, "revised down from {} to {} by the same voice", d[0], d[1])
            }
            RelationWhy::Fell(d) => write!(
                f,
                "the running total fell from {} to {}: a later figure below an earlier one",
                d[0], d[1]
            ),
            RelationWhy::Changed(d) => write!(f, "changed from {} to {}", d[0], d[1]),
            RelationWhy::ChangedSameDay(c) => {
                let (from, to, day) = &**c;
                write!(f, "changed the same day ({day}) from {from} (\"not yet\") to {to}")
            }
            RelationWhy::SameDayUnordered(c) => {
                let (a, b, day) = &**c;
                write!(f, "{a} and {b} the same day ({day}), in an order the reports do not give")
            }
            RelationWhy::PartOf(p) => write!(
                f,
                "{} ({}) is part of {} ({})",
                p.part,
                WhoWhere(&p.part_subject),
                p.whole,
                WhoWhere(&p.whole_subject)
            ),
            RelationWhy::SubCountAboveTotal(p) => write!(
                f,
                "{} ({}) is more than the total {} ({}): a part cannot exceed its whole",
                p.part,
                WhoWhere(&p.part_subject),
                p.whole,
                WhoWhere(&p.whole_subject)
            ),
            RelationWhy::EstimateAboveTotal(e) => {
                let (part, low, whole, high) = &**e;
                write!(
                    f,
                    "the estimate for {part} (at least {}) exceeds the estimate for {whole} (at most {})",
                    crate::value::trim_float(*low),
                    crate::value::trim_float(*high)
                )
            }
            RelationWhy::Text(text) => f.write_str(text),
        }
    }
}

crate::words::words_as_text!(RelationReason, |text| RelationReason(RelationWhy::Text(text)));

/// A date as ranks write it, "2022-01-25", or "undated".
struct Iso(Option<NaiveDate>);

impl fmt::Display for Iso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(d) => d.fmt(f),
            None => f.write_str("undated"),
        }
    }
}

/// What decided a rank, with what its words name. One variant per sentence.
#[derive(Debug, Clone)]
pub(crate) enum RankWhy {
    Undisclosed,
    /// A value of another kind than the group's figures.
    CannotCompare(Box<Value>),
    /// Revised down by its own voice to a figure (as its key text) of a date.
    RevisedDown(String, Option<NaiveDate>),
    /// An earlier figure, of this date, above the later estimate.
    Above(Option<NaiveDate>),
    /// Below figures (as their key texts, with dates) other voices gave earlier.
    Regression(Vec<(String, Option<NaiveDate>)>),
    Aside,
    Tied,
    /// Given the other way the same day.
    OtherWaySameDay(Option<NaiveDate>),
    /// The state earlier on a day.
    EarlierThatDay(Option<NaiveDate>),
    Supports,
    /// An earlier figure's date, and the date of the figures that superseded it.
    Superseded(Option<NaiveDate>, Option<NaiveDate>),
    /// The state as of a date that later reports moved on from.
    EarlierState(Option<NaiveDate>),
    Conflicts,
    /// Words read back from a serialised reason.
    Text(String),
}

impl From<RankWhy> for RankReason {
    fn from(why: RankWhy) -> Self {
        RankReason(why)
    }
}

impl fmt::Display for RankReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            RankWhy::Undisclosed => f.write_str("did not disclose a figure, which contradicts nothing"),
            RankWhy::CannotCompare(v) => {
                write!(f, "{v} cannot be compared with the group's other figures")
            }
            RankWhy::RevisedDown(key, d) => {
                write!(f, "revised down by its own voice to {key} ({})", Iso(*d))
            }
            RankWhy::Above(d) => write!(
                f,
                "an earlier figure ({}) above the later estimate: the running total cannot fall",
                Iso(*d)
            ),
            RankWhy::Regression(below) => {
                f.write_str("a regression: below what other voices reported earlier (")?;
                for (i, (key, d)) in below.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{key} ({})", Iso(*d))?;
                }
                f.write_str("); a running total cannot fall")
            }
            RankWhy::Aside => f.write_str(
                "consistent with the estimate, but its voice's latest figure lies elsewhere: no support",
            ),
            RankWhy::Tied => {
                f.write_str("tied with other values on every count: the reports do not decide")
            }
            RankWhy::OtherWaySameDay(d) => write!(
                f,
                "given the other way the same day ({}), in an order the reports do not give",
                Iso(*d)
            ),
            RankWhy::EarlierThatDay(d) => write!(
                f,
                "the state earlier on {}; a later report that day describes a later state",
                Iso(*d)
            ),
            RankWhy::Supports => f.write_str("supports the estimate"),
            RankWhy::Superseded(d, by) => write!(
                f,
                "an earlier figure ({}), superseded by the figures as of {}",
                Iso(*d),
                Iso(*by)
            ),
            RankWhy::EarlierState(d) => {
                write!(f, "the state as of {}; later reports describe a later state", Iso(*d))
            }
            RankWhy::Conflicts => {
                f.write_str("conflicts with the estimate: in a cluster that carries less weight")
            }
            RankWhy::Text(text) => f.write_str(text),
        }
    }
}

crate::words::words_as_text!(RankReason, |text| RankReason(RankWhy::Text(text)));
