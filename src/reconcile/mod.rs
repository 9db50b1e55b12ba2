//! The reconciler: group claims by subject, relate them over time, estimate low / best / high,
//! score sources, and list what a human should look at first.

mod echo;
pub(crate) mod estimate;
pub(crate) mod findings;
mod finish;
pub(crate) use finish::{finish_variable, ranked};

/// Up to how many figures a group's relations are every pair's (see
/// [`Reconciler::all_pairs_up_to`]), by default.
pub(crate) const ALL_PAIRS_UP_TO: usize = 8;
mod group;
pub(crate) mod limit;
mod partof;
mod reason;
mod relate;
mod relations;
pub(crate) mod score;
mod store;
pub(crate) mod threads;
pub(crate) mod voice;
mod voice_reason;

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::claim::Claim;
pub use crate::claim::Rejected;
use crate::id::{ClaimId, Score, SourceId, source_key};
use crate::subject::{Aliases, Measure, Places, Subject};
use crate::tabular::attribute_key;
use crate::unit::Unit;
use crate::value::{Label, Policy, Value};

pub use self::findings::{Finding, FindingKind, Summary};
pub use self::reason::{EstimateReason, FindingMessage, RankReason, RelationReason};
pub use self::relations::{RelationIter, Relations};
pub use self::voice_reason::VoiceReason;

/// How one claim relates to another.
///
/// ```
/// use chrono::NaiveDate;
/// use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, RelationKind, SourceId, Subject};
/// let p = Parser::default();
/// let toll = |id: &str, phrase: &str, day: u32| {
///     let source = Provenance::new(SourceId::new(id).unwrap());
///     Claim::parse(ClaimId::new(id).unwrap(), Subject::new(Measure::Deaths), phrase, source, &p)
///         .map(|c| c.with_as_of(NaiveDate::from_ymd_opt(2022, 1, day).unwrap()))
/// };
/// let r = Reconciler::new().reconcile([
///     toll("a", "164", 9)?,
///     toll("b", "about 160", 9)?,
///     toll("c", "225", 15)?,
///     toll("d", "200", 16)?,
/// ]);
/// let kind = |x: &str, y: &str| {
///     r.relation(&ClaimId::new(x).unwrap(), &ClaimId::new(y).unwrap()).map(|rel| rel.kind)
/// };
/// assert_eq!(kind("a", "b"), Some(RelationKind::Compatible));
/// assert_eq!(kind("a", "c"), Some(RelationKind::Supersedes));
/// assert_eq!(kind("c", "d"), Some(RelationKind::Regression));
/// assert!(RelationKind::Regression.is_conflict());
/// # Ok::<(), claimrecon::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RelationKind {
    /// They say the same thing.
    Agrees,
    /// They differ but can both be true.
    Compatible,
    /// They cannot both be true.
    Conflicts,
    /// The later figure of a running total replaces the earlier, lower one: 164 then 225.
    Supersedes,
    /// A running total fell: a later figure below an earlier one. A real conflict.
    Regression,
    /// A changing state took a new value: "not yet requested" then "requested".
    ChangedOverTime,
    /// A yes/no state reported both ways on one day, in an order the reports do not give,
    /// neither held wrong by the estimates (the day reads as a change, the reports backing the
    /// new way: it wins or ties the day's vote, or the next day's reports give it; or the two
    /// are of parts of the day that each hold; or the day is undecided): a note, not a
    /// conflict. Where the estimates hold one of them wrong (a slip the day's vote outweighs),
    /// the two are [`RelationKind::Conflicts`].
    ChangedSameDay,
    /// The first claim counts part of what the second counts: 19 security officers of 225.
    PartOf,
    /// The first claim counts part of what the second counts, but is larger: a conflict.
    SubCountAboveTotal,
    /// The two cannot be compared (different dimensions or kinds).
    Incomparable,
    /// A fixed fact's figures that disagree, one of them (or both) withdrawn by its own voice,
    /// which corrected it later: it stands against the other no more. A's "2 January" on the
    /// 5th, corrected to "3 January" on the 6th, beside B's "3 January". (A's own two figures
    /// are [`RelationKind::Supersedes`].)
    Withdrawn,
}

impl RelationKind {
    /// True for the kinds that mean the claims cannot both be right.
    #[must_use]
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            RelationKind::Conflicts | RelationKind::Regression | RelationKind::SubCountAboveTotal
        )
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RelationKind::Agrees => "agrees",
            RelationKind::Compatible => "compatible",
            RelationKind::Conflicts => "conflicts",
            RelationKind::Supersedes => "supersedes",
            RelationKind::Regression => "regression",
            RelationKind::ChangedOverTime => "changed over time",
            RelationKind::ChangedSameDay => "changed the same day (order unknown)",
            RelationKind::PartOf => "part of",
            RelationKind::SubCountAboveTotal => "sub-count above total",
            RelationKind::Incomparable => "incomparable",
            RelationKind::Withdrawn => "withdrawn",
        })
    }
}

/// A relation between two claims (or a claim and a derived bound), with its reason.
///
/// ```
/// use chrono::NaiveDate;
/// use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, RelationKind, SourceId, Subject};
/// let parser = Parser::default();
/// let claim = |id: &str, phrase: &str, day: u32| {
///     let published = NaiveDate::from_ymd_opt(2022, 1, day).unwrap();
///     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase,
///         Provenance::new(SourceId::new("TASS")?).published(published), &parser)
/// };
/// // One outlet's toll on the 10th, then its revision on the 25th.
/// let r = Reconciler::new().reconcile(vec![claim("early", "164", 10)?, claim("late", "225", 25)?]);
/// let relation = r.relation(&ClaimId::new("early")?, &ClaimId::new("late")?).unwrap();
/// assert_eq!(relation.kind, RelationKind::Supersedes);
/// assert_eq!([&relation.a, &relation.b], ["early", "late"]);
/// assert!(!relation.complement);
/// // The reason is data; `Display` writes it in words.
/// assert!(!relation.reason.to_string().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Relation {
    /// The earlier (or first) claim; for [`RelationKind::PartOf`], the part.
    pub a: ClaimId,
    /// The later (or second) claim; for [`RelationKind::PartOf`], the whole.
    pub b: ClaimId,
    /// How they relate.
    pub kind: RelationKind,
    /// Why, with dates where time matters: data, written in words by `Display`.
    pub reason: RelationReason,
    /// True when the two complement each other exactly (23:00-07:00 against 07:00-23:00).
    pub complement: bool,
}

/// How much weight a claim carries in the reconciliation (Wikidata's ranks): nothing is
/// deleted, everything is ranked.
///
/// ```
/// use chrono::NaiveDate;
/// use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Rank, Reconciler, SourceId, Subject};
/// let parser = Parser::default();
/// let claim = |id: &str, phrase: &str, outlet: &str, day: u32| {
///     let published = NaiveDate::from_ymd_opt(2022, 1, day).unwrap();
///     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase,
///         Provenance::new(SourceId::new(outlet)?).published(published), &parser)
/// };
/// let r = Reconciler::new().reconcile(vec![
///     claim("early", "164", "TASS", 10)?,
///     claim("late", "225", "TASS", 25)?,
///     claim("other", "225", "GSV", 25)?,
/// ]);
/// let rank = |id: &str| r.rank(&ClaimId::new(id).unwrap()).map(|ranked| ranked.rank);
/// // The revised toll supports the estimate; the toll it revised is kept, at a lower rank.
/// assert_eq!(rank("late"), Some(Rank::Preferred));
/// assert_eq!(rank("other"), Some(Rank::Preferred));
/// assert_eq!(rank("early"), Some(Rank::Normal));
/// assert_eq!(Rank::Normal.to_string(), "normal");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Rank {
    /// Supports the estimate.
    Preferred,
    /// Consistent, but not the current figure (superseded, an earlier state, undisclosed).
    Normal,
    /// Conflicts with the estimate, or cannot be compared.
    Deprecated,
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rank::Preferred => "preferred",
            Rank::Normal => "normal",
            Rank::Deprecated => "deprecated",
        })
    }
}

/// A claim's rank and why ([`Reconciliation::rank`] finds it by the claim's id; see
/// [`Rank`] for an example).
///
/// ```
/// use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Rank, Reconciler, SourceId, Subject};
/// let claim = Claim::parse(ClaimId::new("only")?, Subject::new(Measure::Deaths), "225",
///     Provenance::new(SourceId::new("TASS")?), &Parser::default())?;
/// let r = Reconciler::new().reconcile(vec![claim]);
/// let ranked = r.rank(&ClaimId::new("only")?).unwrap();
/// assert_eq!((ranked.claim.as_str(), ranked.rank), ("only".into(), Rank::Preferred));
/// // Why, in words.
/// assert!(!ranked.reason.to_string().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Ranked {
    /// The claim.
    pub claim: ClaimId,
    /// Its rank.
    pub rank: Rank,
    /// Why: data, written in words by `Display`.
    pub reason: RankReason,
}

/// One group of a table's reconciliation with the findings about it, as
/// [`Reconciler::reconcile_table_each`] hands them on.
///
/// ```
/// use claimrecon::{FindingKind, Parser, Reconciler, Table};
/// let csv = "source,object,attribute,value
/// a,Aktau,killed,10
/// b,Aktau,killed,10
/// a,Almaty,killed,103
/// ";
/// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
/// let mut seen = Vec::new();
/// let rest = Reconciler::new().reconcile_table_each(&bulk, |each| {
///     let kinds: Vec<FindingKind> = each.findings.iter().map(|f| f.kind).collect();
///     seen.push((each.group.subject.to_string(), kinds));
/// });
/// // Each group with its findings, in the order `reconcile_table` gives them: Almaty's one
/// // figure rests on one voice.
/// assert_eq!(seen, [
///     ("killed [Aktau]".to_owned(), vec![]),
///     ("killed [Almaty]".to_owned(), vec![FindingKind::SingleVoice]),
/// ]);
/// // The result keeps the rest: no groups, but the sources and the summary.
/// assert!(rest.groups.is_empty());
/// assert_eq!(rest.sources.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TableGroup {
    /// The group, as [`Reconciliation::groups`] holds it.
    pub group: Group,
    /// The findings about its subject, as [`Reconciliation::findings`] holds them, in their
    /// order there.
    pub findings: Vec<Finding>,
}

/// A bound derived from sub-counts: "more than 1,300 police and 1,000 civilians injured" gives
/// "more than 2,300 injured in all". It takes part in the total's reconciliation.
///
/// ```
/// use chrono::NaiveDate;
/// use claimrecon::{Claim, ClaimId, DocumentId, Measure, Parser, Population, Provenance, Reconciler, SourceId, Subject};
/// let parser = Parser::default();
/// // One report gives two sub-counts of the injured; another outlet gives the total.
/// let day = |d| NaiveDate::from_ymd_opt(2022, 1, d).unwrap();
/// let briefing = Provenance::new(SourceId::new("Interior ministry")?)
///     .document(DocumentId::new("briefing")?)
///     .published(day(8));
/// let injured = |who| Subject::new(Measure::Injured).population(who);
/// let r = Reconciler::new().reconcile(vec![
///     Claim::parse(ClaimId::new("police")?, injured(Population::SecurityForces),
///         "more than 1,300", briefing.clone(), &parser)?,
///     Claim::parse(ClaimId::new("civilians")?, injured(Population::Civilians),
///         "1,000", briefing.clone(), &parser)?,
///     Claim::parse(ClaimId::new("total")?, injured(Population::All), "about 2,000",
///         Provenance::new(SourceId::new("TASS")?).published(day(9)), &parser)?,
/// ]);
/// let all = r.groups.iter().find(|g| !g.derived.is_empty()).unwrap();
/// let bound = &all.derived[0];
/// assert_eq!(bound.from.len(), 2);
/// assert_eq!(bound.value.to_string(), "more than 2,300");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DerivedBound {
    /// Its id, `derived-N`, used in relations.
    pub id: ClaimId,
    /// The sub-count claims it sums.
    pub from: Vec<ClaimId>,
    /// The bound.
    pub value: Value,
    /// The as-of date of the sub-counts.
    pub as_of: Option<NaiveDate>,
    /// How it was derived.
    pub reason: String,
}

/// A claim the estimates read at the date of a report it repeats, not its own: a relay of a
/// wire's report that states no date of its own ([`Group::repeats`]).
///
/// ```
/// use chrono::NaiveDate;
/// use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// let parser = Parser::default();
/// let claim = |id: &str, phrase: &str, outlet: &str, via: Option<&str>, day: u32| {
///     let mut p = Provenance::new(SourceId::new(outlet)?)
///         .published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap());
///     if let Some(w) = via {
///         p = p.relayed_via(SourceId::new(w)?);
///     }
///     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase, p, &parser)
/// };
/// let r = Reconciler::new().reconcile(vec![
///     claim("tass-10", "200", "TASS", None, 10)?,
///     claim("tass-11", "164", "TASS", None, 11)?,
///     claim("b-12", "200", "B", Some("TASS"), 12)?,
/// ]);
/// let repeat = &r.groups[0].repeats[0];
/// assert_eq!((repeat.claim.to_string(), repeat.repeats.to_string()), ("b-12".into(), "tass-10".into()));
/// assert_eq!(repeat.as_of, NaiveDate::from_ymd_opt(2022, 1, 10));
/// // TASS revised its 200 to 164: the late relay of the 200 does not undo that.
/// let e = r.groups[0].estimate.as_ref().unwrap();
/// assert_eq!(e.figure.to_string(), "low 164 / best 164 / high 164");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Repeat {
    /// The relay.
    pub claim: ClaimId,
    /// The wire's claim whose report it repeats: the wire's latest of the figure by the relay's
    /// own date (itself perhaps a relay).
    pub repeats: ClaimId,
    /// The date the estimates read it at: that report's.
    pub as_of: Option<NaiveDate>,
}

/// The reconciled figure of a group.
///
/// ```
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// use claimrecon::{Figure, Unit};
/// # let provenance = Provenance::new(SourceId::new("UNA-OIC")?)
/// #     .published(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
/// # let subject = Subject::new(Measure::Injured);
/// let floor = Claim::parse(ClaimId::new("amb")?, subject, "more than 1,300", provenance, &Parser::default())?;
/// let r = Reconciler::new().reconcile(vec![floor]);
/// let figure = &r.groups[0].estimate.as_ref().unwrap().figure;
/// // A bound alone: best sits on it, and no claim caps the high end.
/// let Figure::Number { low, low_open, best, high, unit, .. } = figure else { panic!("{figure}") };
/// assert_eq!((*low, *low_open, *best, *high), (1300.0, true, 1300.0, None));
/// assert_eq!(*unit, Some(Unit::Number));
/// assert_eq!(figure.to_string(), "low above 1,300 / best above 1,300 / high unbounded");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Figure {
    /// A number with its spread (UCDP's low / best / high). `high: None` means no claim caps it.
    Number {
        /// The lowest figure every supporting claim allows.
        low: f64,
        /// True when `low` itself is excluded ("more than 1,300").
        low_open: bool,
        /// The best estimate. When a bound is all that is known, it sits on the bound, the
        /// conservative floor casualty recorders code.
        best: f64,
        /// The highest figure every supporting claim allows; `None` when unbounded.
        high: Option<f64>,
        /// True when `high` itself is excluded ("fewer than 50").
        high_open: bool,
        /// The unit, or `None` for change factors.
        unit: Option<Unit>,
    },
    /// A date with its spread.
    Date {
        /// The earliest date.
        low: NaiveDate,
        /// The best date.
        best: NaiveDate,
        /// The latest date.
        high: NaiveDate,
    },
    /// A non-numeric value: yes/no, a category, a time window.
    Value {
        /// The winning value.
        value: Value,
    },
    /// Values that tie on every count (reliability-weighted support, independent voices,
    /// latest report): a tie is a tie, and no value is the estimate.
    Undecided {
        /// The tied values.
        values: Vec<Value>,
    },
}

impl Figure {
    /// A number's best figure; `None` for a date, a value or an undecided figure.
    ///
    /// ```
    /// use claimrecon::{Parser, Reconciler, Table};
    /// let csv = "source,object,attribute,value\nA,Almaty,deaths,225\nB,Almaty,deaths,225\nC,Almaty,deaths,103\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let r = Reconciler::new().reconcile_table(&bulk);
    /// let estimate = r.estimate("almaty", "Deaths").unwrap();
    /// assert_eq!(estimate.figure.best_number(), Some(225.0));
    /// assert_eq!(estimate.figure.to_string(), "low 225 / best 225 / high 225");
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn best_number(&self) -> Option<f64> {
        match self {
            Figure::Number { best, .. } => Some(*best),
            _ => None,
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Number { low, low_open, best, high, high_open, unit } => {
                // Thousands separators for readers; derived bounds rounded to 6 decimals, or 6
                // significant digits below 0.1 (`trim_float`: no amount shows as 0).
                // Factors read to three significant digits ("1.83-fold").
                let n = |x: f64| {
                    let t: f64 = if unit.is_none() {
                        crate::value::significant(x, 3)
                    } else {
                        crate::value::trim_float(x).parse().unwrap_or(x)
                    };
                    // Grouped as numbers are, also past `Number::MAX` ("about 10^15" reaches
                    // above it).
                    crate::value::grouped(t)
                };
                let suffix = unit.map_or_else(|| "-fold".to_owned(), Unit::suffix);
                let (low_value, high_value) = (low, high);
                let low = if *low_open { format!("above {}", n(*low)) } else { n(*low) };
                let high = match high {
                    None => "unbounded".to_owned(),
                    Some(h) if *high_open => format!("below {}", n(*h)),
                    Some(h) => n(*h),
                };
                // A best on an excluded end is stated as the bound it is: "more than 1,300"
                // alone gives "best above 1,300", never a best outside its own low.
                let best = if *low_open && *best == *low_value {
                    format!("above {}", n(*best))
                } else if *high_open && Some(*best) == *high_value {
                    format!("below {}", n(*best))
                } else {
                    n(*best)
                };
                write!(f, "low {low} / best {best} / high {high}{suffix}")
            }
            // A date at the precision its figures allow: one day, a whole month or a whole
            // year ("1991"), else the spread.
            Figure::Date { low, best, high } => match date_precision(*low, *high) {
                Some(text) => f.write_str(&text),
                None => write!(f, "low {low} / best {best} / high {high}"),
            },
            Figure::Value { value } => write!(f, "{value}"),
            Figure::Undecided { values } => {
                let shown: Vec<String> = values.iter().map(ToString::to_string).collect();
                write!(f, "undecided between {}", shown.join(" and "))
            }
        }
    }
}

/// `low`..=`high` as one day, one calendar month or one calendar year, if it is one.
fn date_precision(low: NaiveDate, high: NaiveDate) -> Option<String> {
    use chrono::Datelike;
    if low == high {
        return Some(low.to_string());
    }
    let next = high.succ_opt()?;
    if low.day() == 1 && next.day() == 1 {
        if low.month() == 1 && next.month() == 1 && next.year() == low.year() + 1 {
            return Some(low.year().to_string());
        }
        if (low.year(), low.month()) == (high.year(), high.month()) {
            return Some(low.format("%B %Y").to_string());
        }
    }
    None
}

/// The estimate for a group at its latest as-of date.
///
/// ```
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Label, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let parser = Parser::default();
/// # let claim = |id: &str, phrase: &str, outlet: &str, speaker: &str, day: u32| {
/// #     let provenance = Provenance::new(SourceId::new(outlet)?)
/// #         .speaker(Label::new(speaker)?)
/// #         .published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap());
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase, provenance, &parser)
/// # };
/// // A running total: 164 on 10 January, then 225 from one speaker through two outlets.
/// let r = Reconciler::new().reconcile(vec![
///     claim("una", "164", "UNA-OIC", "health ministry", 10)?,
///     claim("gsv", "225", "GSV", "prosecutor general's office", 25)?,
///     claim("tass", "225", "TASS", "prosecutor general's office", 25)?,
/// ]);
/// let estimate = r.groups[0].estimate.as_ref().unwrap();
/// assert_eq!(estimate.as_of, NaiveDate::from_ymd_opt(2022, 1, 25));
/// assert_eq!(estimate.figure.to_string(), "low 225 / best 225 / high 225");
/// // The earlier 164 supports it as a floor, but it is no second voice for 225.
/// let ids: Vec<_> = estimate.supporting.iter().map(ClaimId::as_str).collect();
/// assert_eq!(ids, ["gsv", "tass", "una"]);
/// assert_eq!(
///     estimate.reason.to_string(),
///     "all 3 figures are consistent, from one independent voice; earlier figures of the \
///      running total, from one other voice, act as floors beneath it"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Estimate {
    /// The as-of date the estimate describes (the latest in the group).
    pub as_of: Option<NaiveDate>,
    /// The figure.
    pub figure: Figure,
    /// The claims (and derived bounds) that support it.
    pub supporting: Vec<ClaimId>,
    /// Why this figure, in one line (data, written in words when shown).
    pub reason: EstimateReason,
    /// The share of the weight of the figures with a say on the estimate (the claims of
    /// `as_of` and derived bounds; for a running total also its earlier figures, as floors or
    /// as figures above it; not a figure its own voice revised or speaks past, nor one that
    /// cannot be weighed, such as "not disclosed") on those that support the figure; 0 when
    /// undecided. Each figure weighs its share of its voice's weight, split over the distinct
    /// values the voice gives (a repeat adds nothing). Absent from JSON written before it: 0.
    #[serde(default)]
    pub support: f64,
    /// For a number: the weighted 25th and 75th percentiles of the representative points of
    /// the figures with a say that are not floors (a running total's earlier figures and a
    /// lower bound beneath the estimate, "more than 1,300" or one derived from sub-counts,
    /// count toward `support` only), each weighing its share of its voice's weight: the
    /// spread of what is said now, not a bound (UCDP's low and high are in [`Figure::Number`]; claims
    /// outside the spread may still be right). `None` for any other figure, an undecided one
    /// included.
    #[serde(default)]
    pub spread: Option<(f64, f64)>,
}

/// All claims about one subject, and what the reconciler made of them.
///
/// ```
/// use claimrecon::{Rank, RelationKind};
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Label, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let parser = Parser::default();
/// # let claim = |id: &str, phrase: &str, outlet: &str, speaker: &str, day: u32| {
/// #     let provenance = Provenance::new(SourceId::new(outlet)?)
/// #         .speaker(Label::new(speaker)?)
/// #         .published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap());
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase, provenance, &parser)
/// # };
/// // A running total: 164 on 10 January, then 225 from one speaker through two outlets.
/// let r = Reconciler::new().reconcile(vec![
///     claim("una", "164", "UNA-OIC", "health ministry", 10)?,
///     claim("gsv", "225", "GSV", "prosecutor general's office", 25)?,
///     claim("tass", "225", "TASS", "prosecutor general's office", 25)?,
/// ]);
/// let deaths = &r.groups[0];
/// assert_eq!(deaths.subject, Subject::new(Measure::Deaths));
/// // Claims in as-of order; the later 225 supersedes 164, it does not contradict it.
/// let ids: Vec<_> = deaths.claims.iter().map(ClaimId::as_str).collect();
/// assert_eq!(ids, ["una", "gsv", "tass"]);
/// assert_eq!(deaths.relations.get(0).unwrap().kind, RelationKind::Supersedes);
/// assert_eq!(deaths.clusters.len(), 1);
/// let ranks: Vec<(String, Rank)> = deaths.ranks.iter().map(|r| (r.claim.to_string(), r.rank)).collect();
/// assert_eq!(ranks, [("una".into(), Rank::Normal), ("gsv".into(), Rank::Preferred), ("tass".into(), Rank::Preferred)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Group {
    /// The normalised subject, with the group's nature: the one its claims set other than
    /// their measure's default (the first in as-of order, when they set several), which may
    /// differ from a claim's own.
    pub subject: Subject,
    /// The claims, in as-of order (undated first; a relay at the date of the report it
    /// repeats, [`Group::repeats`]), then by id, when whole groups are asked
    /// for ([`Reconciler::whole_groups`], the default); else this, `derived`, `relations`,
    /// `clusters` and the estimate's `supporting` are empty.
    pub claims: Vec<ClaimId>,
    /// Bounds derived from sub-counts of this subject.
    pub derived: Vec<DerivedBound>,
    /// Relations between claims of the group, and part-of relations to other groups.
    pub relations: Relations,
    /// The clusters of mutually consistent claims at the estimate's as-of; more than one means
    /// a real conflict. A time of day inside two rival windows of daily hours is in each of
    /// their clusters (it allows both, and votes for neither).
    pub clusters: Vec<Vec<ClaimId>>,
    /// The estimate, when any claim gives a figure.
    pub estimate: Option<Estimate>,
    /// Every claim's rank, in the group's order of claims: by as-of date (undated first), then
    /// id, as `claims` lists them, when ranks are asked for ([`Reconciler::ranks`], the
    /// default; without whole groups, `claims` is empty and the ranks name the claims).
    pub ranks: Vec<Ranked>,
    /// The claims the estimates read at the date of a report they repeat, not their own (a
    /// relay of a wire's report that states no date of its own), in the order of `claims`,
    /// where whole groups are asked for. Empty for most groups, and then left out of JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeats: Vec<Repeat>,
}

impl Group {
    /// The claims the group names: its claims, or, without them (not asked for whole
    /// groups), those its ranks name, in the same order.
    pub(crate) fn named_claims(&self) -> impl Iterator<Item = &ClaimId> {
        let ranked = self.ranks.iter().map(|r| &r.claim);
        let from_ranks = self.claims.is_empty().then_some(ranked);
        self.claims.iter().chain(from_ranks.into_iter().flatten())
    }

    /// The group as `asked` says: whole, or its subject and estimate (without the claims
    /// behind it); its ranks when asked. The one rule of what a result holds, for claims and
    /// tables.
    pub(crate) fn keeping(self, asked: Asked) -> Group {
        let ranks = if asked.ranks { self.ranks } else { Vec::new() };
        if asked.whole_groups {
            return Group { ranks, ..self };
        }
        let estimate = self.estimate.map(|e| Estimate { supporting: Vec::new(), ..e });
        Group { ranks, ..Group::of_estimate(self.subject, estimate) }
    }

    /// A group that gives its subject and estimate only (not asked for whole groups).
    pub(crate) fn of_estimate(subject: Subject, estimate: Option<Estimate>) -> Group {
        Group {
            subject,
            claims: Vec::new(),
            derived: Vec::new(),
            relations: Relations::default(),
            clusters: Vec::new(),
            estimate,
            ranks: Vec::new(),
            repeats: Vec::new(),
        }
    }
}

/// What the reconciliation says of one source.
///
/// ```
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Label, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let parser = Parser::default();
/// # let at = |outlet: &str, day: u32| -> Result<Provenance, claimrecon::Error> {
/// #     Ok(Provenance::new(SourceId::new(outlet)?).published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap()))
/// # };
/// # let claim = |id: &str, phrase: &str, provenance: Provenance| {
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Injured), phrase, provenance, &parser)
/// # };
/// let r = Reconciler::new().reconcile(vec![
///     claim("amb", "more than 1,300", at("UNA-OIC", 10)?.speaker(Label::new("ambassador")?))?,
///     claim("pgo", "4,578", at("GSV", 25)?.speaker(Label::new("prosecutor general's office")?))?,
///     // Later and below the ambassador's floor: a regression.
///     claim("un", "about 1,000", at("GSV", 25)?.speaker(Label::new("UN")?))?,
///     // Interfax's own report, and Tengrinews relaying it.
///     claim("ifx", "4,578", at("Interfax", 25)?)?,
///     claim("tengri", "4,578", at("Tengrinews", 25)?.relayed_via(SourceId::new("Interfax")?))?,
/// ]);
/// let source = |name: &str| r.source(&SourceId::new(name).unwrap()).unwrap();
/// let (pgo, un) = (source("prosecutor general's office"), source("UN"));
/// assert_eq!((pgo.claims, pgo.checked, pgo.echoes), (1, 1, 0));
/// assert!(un.reliability.unwrap() < pgo.reliability.unwrap());
/// // Tengrinews repeats what its voice, Interfax's, gave first: one echo, no new evidence.
/// let tengri = source("Tengrinews");
/// assert_eq!((tengri.echoes, &tengri.voice), (1, &source("Interfax").voice));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SourceReport {
    /// The source: the speaker a claim is attributed to, else the outlet.
    pub source: SourceId,
    /// The independence group the source belongs to.
    pub voice: SourceId,
    /// Claims made.
    pub claims: usize,
    /// Distinct figures that could be checked against an estimate (a figure the source
    /// repeats counts once).
    pub checked: usize,
    /// Share of checked figures consistent with the estimates; `None` if none was checked.
    pub agreement: Option<Score>,
    /// 1 minus the mean normalised distance of the source's figures from the estimates,
    /// estimated jointly with them; `None` if none was checked.
    pub reliability: Option<Score>,
    /// Claims that repeat a figure another source of the same voice gave first.
    pub echoes: usize,
    /// The attributes on which the source was found copying other voices, or copied with
    /// them, while speaking on its own on the rest (see [`VoiceReport::partly`]): there a
    /// figure it repeats from one of them on the same subject counts once. Empty for most
    /// sources, and then left out of JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voice_on: Vec<AttributeVoice>,
}

/// An attribute on which a source was found copying other voices alone
/// ([`SourceReport::voice_on`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttributeVoice {
    /// The attribute, by the key claims and tables match it by: in lower case, spaces
    /// collapsed ("deaths", "verdict", "troops deployed").
    pub attribute: String,
    /// The voice it is listed under ([`VoiceReport::partly`]): the first, in the order of
    /// [`Reconciliation::voices`], of the voices copying one another on that attribute.
    pub voice: SourceId,
}

/// A source found copying a voice, or copied with it, on some attributes alone
/// ([`VoiceReport::partly`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PartMember {
    /// The source.
    pub source: SourceId,
    /// The attributes it copies on, by name.
    pub attributes: Vec<String>,
}

/// What the reconciliation says of one outlet: the figures it published, whoever said them.
///
/// ```
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Label, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let parser = Parser::default();
/// # let at = |outlet: &str, day: u32| -> Result<Provenance, claimrecon::Error> {
/// #     Ok(Provenance::new(SourceId::new(outlet)?).published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap()))
/// # };
/// # let claim = |id: &str, phrase: &str, provenance: Provenance| {
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Injured), phrase, provenance, &parser)
/// # };
/// let r = Reconciler::new().reconcile(vec![
///     claim("amb", "more than 1,300", at("UNA-OIC", 10)?.speaker(Label::new("ambassador")?))?,
///     claim("pgo", "4,578", at("GSV", 25)?.speaker(Label::new("prosecutor general's office")?))?,
///     // Later and below the ambassador's floor: a regression.
///     claim("un", "about 1,000", at("GSV", 25)?.speaker(Label::new("UN")?))?,
///     // Interfax's own report, and Tengrinews relaying it.
///     claim("ifx", "4,578", at("Interfax", 25)?)?,
///     claim("tengri", "4,578", at("Tengrinews", 25)?.relayed_via(SourceId::new("Interfax")?))?,
/// ]);
/// let outlet = |name: &str| r.outlets.iter().find(|o| o.outlet.as_str() == name).unwrap();
/// // GSV carried the prosecutor's figure and the UN's regression.
/// let gsv = outlet("GSV");
/// assert_eq!((gsv.claims, gsv.checked), (2, 2));
/// assert_eq!(gsv.agreement.map(f64::from), Some(0.5));
/// assert_eq!(outlet("Tengrinews").relays, [SourceId::new("Interfax")?]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutletReport {
    /// The outlet.
    pub outlet: SourceId,
    /// Claims it published.
    pub claims: usize,
    /// Distinct statements that could be checked against an estimate.
    pub checked: usize,
    /// Share of checked statements consistent with the estimates; `None` if none was checked.
    pub agreement: Option<Score>,
    /// 1 minus the mean normalised distance of its statements from the estimates; `None` if
    /// none was checked.
    pub reliability: Option<Score>,
    /// The wires it relayed claims from.
    pub relays: Vec<SourceId>,
}

/// What the reconciliation says of one independence group ("voice").
///
/// ```
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let parser = Parser::default();
/// # let claim = |id: &str, phrase: &str, outlet: &str| {
/// #     let provenance = Provenance::new(SourceId::new(outlet)?)
/// #         .published(NaiveDate::from_ymd_opt(2022, 1, 25).unwrap());
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase, provenance, &parser)
/// # };
/// let r = Reconciler::new()
///     .same_voice(SourceId::new("RIA Novosti")?, SourceId::new("Sputnik")?, "same owner: Rossiya Segodnya")
///     .reconcile(vec![
///         claim("ria", "225", "RIA Novosti")?,
///         claim("sputnik", "225", "Sputnik")?,
///         claim("gsv", "225", "GSV")?,
///     ]);
/// assert_eq!(r.voices.len(), 2);
/// let owned = r.voices.iter().find(|v| v.members.len() == 2).unwrap();
/// assert_eq!(owned.members, [SourceId::new("RIA Novosti")?, SourceId::new("Sputnik")?]);
/// assert!(owned.reasons.iter().any(|why| why.to_string().contains("same owner")), "{:?}", owned.reasons);
/// // Two articles, one figure: counted once.
/// assert_eq!((owned.claims, owned.distinct), (2, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VoiceReport {
    /// The group's name: its wire, else its first member by name in lower case (then in
    /// bytes: "alpha" before "Beta", "Beta" before "beta").
    pub voice: SourceId,
    /// The sources in the group, by name in lower case, then in bytes ("alpha", "Beta",
    /// "beta").
    pub members: Vec<SourceId>,
    /// The sources found copying this voice, or copied with it, on some attributes alone: the
    /// block pass run again on each attribute's fixed facts finds them there, and they agree
    /// on under 70 % of the fixed facts they share on other attributes. On those attributes a
    /// figure one of them repeats from another on the same subject counts once, in the voice
    /// of the first of them giving it, in the order of [`Reconciliation::voices`] (this one,
    /// when it gives it); a figure it alone gives there counts as its own, and so do its
    /// other attributes. Their evidence is among `reasons`: for each set, first which voices
    /// copy one another on which attribute, then each pair's evidence, each naming the
    /// attribute. Empty for most voices, and then left out of JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partly: Vec<PartMember>,
    /// Why they are one voice: data, written in words by `Display`.
    pub reasons: Vec<VoiceReason>,
    /// Claims that speak in this voice: those its members made (but a relay of a wire's
    /// claim that was another voice's figure, which speaks in that voice, claim by claim), and
    /// those of `partly` that count here. 0 for a group whose members' claims all speak in
    /// other voices (an outlet that only relayed a wire's figures of a ministry): the report's
    /// headline counts no such voice.
    pub claims: usize,
    /// Distinct figures, after echoes are counted once.
    pub distinct: usize,
    /// Share of checked distinct figures consistent with the estimates.
    pub agreement: Option<Score>,
    /// The group's reliability; the weight its figures carry is derived from it.
    pub reliability: Option<Score>,
}

/// The result of [`Reconciler::reconcile`] and of [`Reconciler::reconcile_table`]: one type
/// for five articles and a table of millions of rows.
///
/// What it holds is what the reconciler asks for, on both: every group's subject and
/// estimate, the sources, outlets and voices always; the group's claims, relations, clusters
/// and the claims behind its estimate with [`Reconciler::whole_groups`], its ranks with
/// [`Reconciler::ranks`], the findings and summary with [`Reconciler::findings`] (all three
/// by default). A table's result holds no `claims` (the rows stay in the
/// [`Bulk`](crate::Bulk); a group names them `name:line`). Look a table's variable up with
/// [`Reconciliation::estimate`].
///
/// ```
/// use claimrecon::{Error, FindingKind, Rank};
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Label, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let parser = Parser::default();
/// # let claim = |id: &str, phrase: &str, outlet: &str, speaker: &str, day: u32| {
/// #     let provenance = Provenance::new(SourceId::new(outlet)?)
/// #         .speaker(Label::new(speaker)?)
/// #         .published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap());
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase, provenance, &parser)
/// # };
/// // A running total: 164 on 10 January, then 225 from one speaker through two outlets.
/// let mut claims = vec![
///     claim("una", "164", "UNA-OIC", "health ministry", 10)?,
///     claim("gsv", "225", "GSV", "prosecutor general's office", 25)?,
///     claim("tass", "225", "TASS", "prosecutor general's office", 25)?,
/// ];
/// // A second claim under an id already taken: rejected with the reason, not dropped.
/// claims.push(claim("gsv", "230", "GSV", "prosecutor general's office", 26)?);
/// let r = Reconciler::new().reconcile(claims);
/// assert_eq!((r.claims.len(), r.groups.len()), (3, 1));
/// assert_eq!(r.rejected.len(), 1);
/// assert_eq!(r.rejected[0].error, Error::DuplicateClaim { claim: "gsv".to_owned() });
/// let una = ClaimId::new("una")?;
/// assert_eq!(r.group_of(&una).map(|g| g.claims.len()), Some(3));
/// assert_eq!(r.rank(&una).map(|ranked| ranked.rank), Some(Rank::Normal));
/// // 225 rests on one voice, the prosecutor's, which two outlets carry: a note to corroborate.
/// let summary = r.summary.as_ref().expect("Reconciler always sums up");
/// assert_eq!((summary.quantities, summary.agreed, summary.single_voice), (1, 0, 1));
/// assert_eq!(r.findings.len(), 1);
/// let ids: Vec<String> = r.findings[0].claims.iter().map(ClaimId::to_string).collect();
/// assert_eq!(r.findings[0].kind, FindingKind::SingleVoice);
/// assert_eq!(ids, ["gsv", "tass"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reconciliation {
    /// Every accepted claim, ordered by id; empty for a table
    /// ([`Reconciler::reconcile_table`]), whose rows stay in its store.
    pub claims: Vec<Claim>,
    /// Claims that could not be used, with why.
    pub rejected: Vec<Rejected>,
    /// One group per subject, ordered by subject (a table's variables: by attribute, then
    /// object, in lower case).
    pub groups: Vec<Group>,
    /// How many quantities agree, need a look, rest on one voice, when findings are asked
    /// for ([`Reconciler::findings`], the default), else `None`.
    #[serde(default)]
    pub summary: Option<Summary>,
    /// What to look at first, most important first; single-voice figures last (see
    /// [`FindingKind::is_numbered`]).
    pub findings: Vec<Finding>,
    /// One row per source (who said it: the speaker, else the outlet), ordered by source.
    pub sources: Vec<SourceReport>,
    /// One row per outlet (who published it), ordered by outlet, so a user sees which outlets
    /// carried figures that held up, whoever they quoted.
    pub outlets: Vec<OutletReport>,
    /// One row per independence group, ordered by name.
    pub voices: Vec<VoiceReport>,
    /// Scoring rounds run before the estimates settled.
    pub rounds: usize,
}

impl Reconciliation {
    /// The group a claim landed in, found by the claims it names ([`Group::claims`], or,
    /// without whole groups, its ranks); `None` when neither was asked for
    /// ([`Reconciler::whole_groups`], [`Reconciler::ranks`]).
    #[must_use]
    pub fn group_of(&self, claim: &ClaimId) -> Option<&Group> {
        self.groups.iter().find(|g| g.named_claims().any(|c| c == claim))
    }

    /// The group for a subject, if any claim was about it.
    #[must_use]
    pub fn group(&self, subject: &Subject) -> Option<&Group> {
        self.groups.iter().find(|g| &g.subject == subject)
    }

    /// The relation between two claims, in either order; `None` without whole groups
    /// ([`Reconciler::whole_groups`]), which hold the relations.
    ///
    /// # Complexity
    /// O(r) for r relations in all: each group's held ids are compared, and only the relation
    /// found is made (see [`Relations::between_claims`]).
    #[must_use]
    pub fn relation(&self, a: &ClaimId, b: &ClaimId) -> Option<Relation> {
        self.groups.iter().find_map(|g| g.relations.between_claims(a, b))
    }

    /// The report row for a source, named in any case ("police" finds "Police": one source,
    /// one voice).
    #[must_use]
    pub fn source(&self, source: &SourceId) -> Option<&SourceReport> {
        let wanted = source_key(source.as_str());
        self.sources.iter().find(|s| source_key(s.source.as_str()) == wanted)
    }

    /// A claim's rank.
    #[must_use]
    pub fn rank(&self, claim: &ClaimId) -> Option<&Ranked> {
        self.groups.iter().flat_map(|g| &g.ranks).find(|r| &r.claim == claim)
    }

    /// The group of a table's variable, an object's attribute, named in any case and spacing
    /// ("aktau" finds "Aktau"), as a table's row names it: the first group, in subject order,
    /// whose measure is the attribute ([`Measure::Other`](crate::Measure::Other)) and whose
    /// event is the object.
    ///
    /// # Complexity
    /// O(log groups) when the groups are in subject order, as in every `Reconciliation` this
    /// crate makes: a binary search by measure, then by event within each population and
    /// place the attribute's groups have (a table's have one). A variable not found that way
    /// is looked for in every group (O(groups)), so groups a caller reordered are still
    /// searched whole.
    #[must_use]
    pub fn variable(&self, object: &str, attribute: &str) -> Option<&Group> {
        let (object, attribute) = (attribute_key(object), attribute_key(attribute));
        let is_attribute =
            |g: &Group| matches!(g.subject.measure(), Measure::Other(a) if a.key() == attribute);
        let is_object = |g: &Group| g.subject.which_event().is_some_and(|e| e.key() == object);
        self.variable_in_order(&attribute, &object, is_object)
            .or_else(|| self.groups.iter().find(|g| is_attribute(g) && is_object(g)))
    }

    /// [`Reconciliation::variable`] by binary search, on groups in subject order (`Subject`'s
    /// order: measure, population, place, event), `is_object` telling the group of
    /// `object` (`variable`'s rule); `None` when not found so.
    fn variable_in_order(
        &self,
        attribute: &str,
        object: &str,
        is_object: impl Fn(&Group) -> bool,
    ) -> Option<&Group> {
        // The attribute's key as a label's key (the scan in `variable` answers otherwise).
        let label = Label::new(attribute).ok().filter(|l| l.key() == attribute)?;
        let probe = Measure::Other(label);
        let groups = &self.groups;
        let from = groups.partition_point(|g| *g.subject.measure() < probe);
        let to = from + groups[from..].partition_point(|g| *g.subject.measure() == probe);
        let mut start = from;
        // Each population and place in turn, its groups by event.
        while start < to {
            let first = &groups[start].subject;
            let (who, place) = (first.who(), first.where_());
            let same = |g: &Group| g.subject.who() == who && g.subject.where_() == place;
            // At least the first: it is of its own population and place.
            let end = (start + groups[start..to].partition_point(same)).max(start + 1);
            let run = &groups[start..end];
            let at =
                run.partition_point(|g| g.subject.which_event().is_none_or(|e| e.key() < object));
            if let Some(g) = run.get(at).filter(|g| is_object(g)) {
                return Some(g);
            }
            start = end;
        }
        None
    }

    /// The estimate of a table's variable (see [`Reconciliation::variable`]).
    #[must_use]
    pub fn estimate(&self, object: &str, attribute: &str) -> Option<&Estimate> {
        self.variable(object, attribute).and_then(|g| g.estimate.as_ref())
    }
}

/// Reconciles claims ([`Reconciler::reconcile`]) or a table read in bulk
/// ([`Reconciler::reconcile_table`]): one engine, one set of options and one result type for
/// both. Options are set by value:
///
/// ```
/// use claimrecon::{Reconciler, SourceId};
/// let reconciler = Reconciler::new()
///     .rounds(20)
///     .same_voice(SourceId::new("RIA Novosti")?, SourceId::new("Sputnik")?, "same owner: Rossiya Segodnya");
/// # let _ = reconciler;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reconciler {
    pub(crate) policy: Policy,
    pub(crate) aliases: Aliases,
    places: Places,
    pub(crate) rounds: usize,
    pub(crate) same_voice: Vec<(SourceId, SourceId, String)>,
    pub(crate) copy_detection: bool,
    pub(crate) all_pairs_up_to: usize,
    /// Serialised since the option came; a reconciler serialised before it has the default.
    /// Read as [`Reconciler::tolerance`] reads it.
    #[serde(default = "default_tolerance", deserialize_with = "tolerance_of")]
    pub(crate) tolerance: f64,
    /// What the result makes beyond the estimates, sources and voices (see [`Reconciler::findings`],
    /// [`Reconciler::ranks`], [`Reconciler::whole_groups`]); everything by default, and for a
    /// reconciler serialised before the options came.
    #[serde(default)]
    pub(crate) asked: Asked,
}

/// What a [`Reconciler`] makes beyond the estimates, sources and voices: one setting for
/// claims and tables alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Asked {
    /// The findings and the summary.
    pub findings: bool,
    /// Each claim's rank, in its group.
    pub ranks: bool,
    /// Each group's claims, relations, clusters and the claims behind its estimate.
    pub whole_groups: bool,
}

impl Default for Asked {
    fn default() -> Self {
        Asked { findings: true, ranks: true, whole_groups: true }
    }
}

/// The tolerance of a [`Reconciler`] serialised without one: the default.
fn default_tolerance() -> f64 {
    crate::crh::TOLERANCE
}

/// A serialised tolerance, read by the rule [`Reconciler::tolerance`] sets one by.
fn tolerance_of<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(crate::crh::tolerance_or_every_round(f64::deserialize(d)?))
}

impl Default for Reconciler {
    fn default() -> Self {
        Reconciler {
            policy: Policy::default(),
            aliases: Aliases::empty(),
            places: Places::empty(),
            rounds: 20,
            same_voice: Vec::new(),
            copy_detection: true,
            all_pairs_up_to: ALL_PAIRS_UP_TO,
            tolerance: crate::crh::TOLERANCE,
            asked: Asked::default(),
        }
    }
}

impl Reconciler {
    /// A reconciler with the default policy, empty alias and place tables (names are compared
    /// as given, ignoring case, and no place lies within another), 20 scoring rounds at most,
    /// and copy detection on. Set the tables with [`Reconciler::aliases`] and
    /// [`Reconciler::places`], or take them from a corpus with [`Corpus::reconciler`].
    ///
    /// [`Corpus::reconciler`]: crate::Corpus::reconciler
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The policy that turns imprecise values into intervals, for claims and for a table's
    /// phrases alike ([`Reconciler::reconcile_table`]), which it scores and relates.
    #[must_use]
    pub fn policy(self, policy: Policy) -> Self {
        Self { policy, ..self }
    }

    /// The alias table that normalises the places and events of subjects, speakers, categories
    /// and set items. Empty by default. It reaches a table read in bulk
    /// ([`Reconciler::reconcile_table`]) too: the variables of two objects it makes one are
    /// one variable, named by the canonical name, and two categories it makes one are one
    /// value (a table's store is settled again under the canonical names when the table
    /// names any of them).
    #[must_use]
    pub fn aliases(self, aliases: Aliases) -> Self {
        Self { aliases, ..self }
    }

    /// The place hierarchy part-of checks use. Empty by default. A table has no part-of (a
    /// row names no sub-count).
    #[must_use]
    pub fn places(self, places: Places) -> Self {
        Self { places, ..self }
    }

    /// The most scoring rounds to run (at least 1).
    #[must_use]
    pub fn rounds(self, rounds: usize) -> Self {
        Self { rounds: rounds.max(1), ..self }
    }

    /// Declares two sources one voice (same owner, same wire), with the reason: the two speak
    /// with one voice, a row of [`Reconciliation::voices`] whose reasons say "`a` and `b`:
    /// `reason`". A name is the one the claims give, spelt as they spell it (a source, an
    /// outlet, a wire as relayed), else matched in lower case, a source first ("ria novosti"
    /// declares the source "RIA Novosti", or the wire when no source has the name; a wire
    /// relayed under two spellings is two wires, and the first in byte order is reached); a
    /// name the claims do not give (an owner) links the pairs that name it. On a table
    /// ([`Reconciler::reconcile_table`]) names are matched as its sources are, in lower case,
    /// and the two are one voice whether copy detection runs or not.
    ///
    /// ```
    /// use claimrecon::{Parser, Reconciler, SourceId, Table};
    /// let csv = "source,object,attribute,value\nRIA Novosti,Almaty,deaths,225\n\
    ///            Sputnik,Almaty,deaths,225\nTASS,Almaty,deaths,103\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let owner = SourceId::new("Rossiya Segodnya")?;
    /// let r = Reconciler::new()
    ///     .same_voice(SourceId::new("ria novosti")?, owner.clone(), "owned by it")
    ///     .same_voice(SourceId::new("Sputnik")?, owner, "owned by it")
    ///     .reconcile_table(&bulk);
    /// let ria = r.voices.iter().find(|v| v.voice.as_str() == "RIA Novosti").unwrap();
    /// let members: Vec<&str> = ria.members.iter().map(|m| m.as_str()).collect();
    /// assert_eq!(members, ["RIA Novosti", "Sputnik"]);
    /// assert_eq!(ria.reasons[0], "ria novosti and Rossiya Segodnya: owned by it");
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn same_voice(mut self, a: SourceId, b: SourceId, reason: &str) -> Self {
        self.same_voice.push((a, b, reason.to_owned()));
        self
    }

    /// Turns detection of copying sources on or off (on by default), for claims and tables
    /// alike: the passes run before the rounds, and each independence group is a row of
    /// [`Reconciliation::voices`], a source alone or sources found copying one another, with
    /// the evidence in words; a group of several sources is named by its first member in
    /// lower case order. See [`Reconciler::reconcile_table`] for an example.
    #[must_use]
    pub fn copy_detection(self, on: bool) -> Self {
        Self { copy_detection: on, ..self }
    }

    /// Groups up to this size get every pair related; larger groups only neighbours in as-of
    /// order, each claim against the estimate's supporting claims and, in a state or fact,
    /// each claim an earlier day's estimate sets aside against that day's first standing
    /// claim (so a finding names it). Default 8. On a table,
    /// relations are made for whole groups and findings ([`Reconciler::whole_groups`],
    /// [`Reconciler::findings`]).
    #[must_use]
    pub fn all_pairs_up_to(self, n: usize) -> Self {
        Self { all_pairs_up_to: n, ..self }
    }

    /// Rounds stop early once every weight (and every completeness of the lists sources give)
    /// moves by less than this (default 1e-9). Zero (or a negative number or NaN) runs every
    /// round, which is what a benchmark of a fixed number of rounds wants; infinity stops after
    /// the first. The same rule for claims and tables.
    #[must_use]
    pub fn tolerance(self, tolerance: f64) -> Self {
        Self { tolerance: crate::crh::tolerance_or_every_round(tolerance), ..self }
    }

    /// Makes the findings and the summary ([`Reconciliation::findings`],
    /// [`Reconciliation::summary`], `None` without them); on by default. On a table they are
    /// read off each variable's relations, which are made for them (and dropped unless
    /// [`Reconciler::whole_groups`] keeps them): scale's 10^6 rows of running totals with
    /// copiers give 19,045 findings for 10,000 variables, at 1.7x the CPU and 342 against 232
    /// MiB of the path without them (BENCHMARKS.md), so a large table's estimates alone are
    /// asked for with all three of `findings`, `ranks` and `whole_groups` off.
    ///
    /// ```
    /// use claimrecon::{FindingKind, Parser, Reconciler, Table};
    /// let csv = "source,object,attribute,value\nA,Almaty,deaths,225\nB,Almaty,deaths,225\nC,Almaty,deaths,103\nA,Aktau,deaths,12\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let r = Reconciler::new().reconcile_table(&bulk);
    /// let kinds: Vec<FindingKind> = r.findings.iter().map(|f| f.kind).collect();
    /// assert_eq!(kinds, [FindingKind::Conflict, FindingKind::SingleVoice]);
    /// // Claims are named as `Table::read` names a row's claim.
    /// assert_eq!(r.findings[1].claims[0].as_str(), "t.csv:5");
    /// let summary = r.summary.unwrap();
    /// assert_eq!((summary.quantities, summary.with_findings, summary.single_voice), (2, 1, 1));
    /// // Without them.
    /// let r = Reconciler::new().findings(false).reconcile_table(&bulk);
    /// assert!(r.findings.is_empty() && r.summary.is_none());
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn findings(self, on: bool) -> Self {
        Self { asked: Asked { findings: on, ..self.asked }, ..self }
    }

    /// Ranks every claim (preferred, normal or deprecated, and why, in data) into its group's
    /// [`Group::ranks`], in the group's order of claims (by as-of date, the undated first, then
    /// id); on by default. On a table, a row its source repeats on the same date is kept once:
    /// the row of the first id is ranked (ids order as text: line 10 before line 9); a rank
    /// names its claim (`name:line`) and may name figures, about 90 bytes a row
    /// (BENCHMARKS.md).
    ///
    /// ```
    /// use claimrecon::{Parser, Rank, Reconciler, Table};
    /// let csv = "source,object,attribute,value\nA,Almaty,deaths,225\nB,Almaty,deaths,225\nC,Almaty,deaths,103\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let r = Reconciler::new().reconcile_table(&bulk);
    /// let deaths = &r.groups[0].ranks;
    /// let ranks: Vec<(String, Rank)> = deaths.iter().map(|r| (r.claim.to_string(), r.rank)).collect();
    /// assert_eq!(ranks, [("t.csv:2".into(), Rank::Preferred), ("t.csv:3".into(), Rank::Preferred), ("t.csv:4".into(), Rank::Deprecated)]);
    /// assert!(deaths[2].reason.to_string().starts_with("conflicts with the estimate"));
    /// assert!(Reconciler::new().ranks(false).reconcile_table(&bulk).groups[0].ranks.is_empty());
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn ranks(self, on: bool) -> Self {
        Self { asked: Asked { ranks: on, ..self.asked }, ..self }
    }

    /// Gives every group whole ([`Reconciliation::groups`]): its claims (in as-of order), the
    /// relations between them, its clusters, and the claims behind its estimate; on by
    /// default. Off, a group gives its subject, its estimate (without the claims behind it)
    /// and, when asked, its ranks. On a table a group names all its claims (twice, in its list
    /// and its relations, and a third time in its ranks when asked for them), several hundred
    /// bytes a row (BENCHMARKS.md), a small
    /// table's or an analyst's question's worth; a row its source repeats on the same date is
    /// kept once, so a group with one holds one claim fewer than the claims `Table::read`
    /// gives, and a category is written by its key, in lower case.
    ///
    /// ```
    /// use claimrecon::{ClaimId, Parser, Reconciler, RelationKind, Table};
    /// let csv = "source,object,attribute,value\nA,Almaty,deaths,225\nB,Almaty,deaths,225\nC,Almaty,deaths,103\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let r = Reconciler::new().reconcile_table(&bulk);
    /// let deaths = &r.groups[0];
    /// assert_eq!(deaths.subject.to_string(), "deaths [Almaty]");
    /// assert_eq!(deaths.clusters.len(), 2);
    /// let id = |line: &str| ClaimId::new(&format!("t.csv:{line}")).unwrap();
    /// let kind = |a, b| deaths.relations.between_claims(&id(a), &id(b)).map(|x| x.kind);
    /// assert_eq!(kind("2", "3"), Some(RelationKind::Agrees));
    /// assert_eq!(kind("2", "4"), Some(RelationKind::Conflicts));
    /// // Off: the subject and the estimate.
    /// let r = Reconciler::new().whole_groups(false).reconcile_table(&bulk);
    /// assert!(r.groups[0].claims.is_empty() && r.groups[0].estimate.is_some());
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn whole_groups(self, on: bool) -> Self {
        Self { asked: Asked { whole_groups: on, ..self.asked }, ..self }
    }

    /// Reconciles a set of claims.
    ///
    /// # Arguments
    /// `claims`: any claims, in any order. Two claims with one id: the first by the claims'
    /// total order is kept, the other is listed in [`Reconciliation::rejected`]. A claim whose
    /// as-of or publication date lies outside the years 1000-9999 is listed there too, and so
    /// is every claim past the first 2^30 by id ([`Error::TooManyClaims`]: the scoring state
    /// numbers observations in 32 bits).
    ///
    /// # Returns
    /// Every claim in exactly one group (or rejected with the reason); per group the
    /// relations, conflict clusters, low / best / high estimate at the latest as-of and every
    /// claim's rank; findings, most important first; and per source and independence group
    /// the agreement and a reliability in `[0, 1]` estimated jointly with the values. The
    /// groups' claims, relations and clusters, the ranks and the findings as asked
    /// ([`Reconciler::whole_groups`], [`Reconciler::ranks`], [`Reconciler::findings`], all on
    /// by default); asked for less, claims are made whole and then cut (the result is smaller,
    /// the work the same, but the findings' own pass, which is skipped).
    ///
    /// The result does not depend on the order of `claims`, and reconciling
    /// [`Reconciliation::claims`] again gives the same result.
    ///
    /// # Complexity
    /// With `n` claims, `g` groups and `r` rounds: grouping and sorting O(n log n); relations
    /// O(n · k) with `k` = [`Reconciler::all_pairs_up_to`] (never all pairs of a large group);
    /// part-of O(g · d²) for hierarchy depth `d`; copy detection: on fixed facts, the block
    /// pass counts the agreement of voice pairs in O(Σ m²) for `m` voices a subject, or from
    /// bit sets in O(q · S / 64) for `q` pairs and `S` subjects when that is cheaper, then reads
    /// at most 10 starts (the plain, 8 blocks', and the families' grown in O(n) a round from at
    /// most 16 blocks) of at most 10 rounds, O(n + a) each (`a` the subjects on which `q'`
    /// pairs agreeing on half their subjects give one value, when at most 8 a claim; else
    /// O(n + q' · s), `s` subjects per voice); then O(n + c + p · s) where `c` is the number
    /// of coinciding pairs (two voices giving one figure no third gives, at most half the
    /// claims), `p` the pairs that coincide more often than chance explains and `s` the
    /// subjects per source, then, on fixed facts, up to 64 rounds of O(n · 20 + p' · s) (`p'`
    /// pairs sharing false figures, at most 28 per subject); each scoring round O(n). Memory
    /// O(n), and the pairs of voices that agree on at least three subjects. From 2^14 claims
    /// the work runs on rayon's global pool, the calling thread waiting for it; the result is
    /// the same whatever the number of threads.
    ///
    /// # Example
    /// ```
    /// use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, RelationKind, SourceId, Subject};
    /// use chrono::NaiveDate;
    /// let parser = Parser::default();
    /// let claim = |id: &str, phrase: &str, outlet: &str, day: u32| {
    ///     let published = NaiveDate::from_ymd_opt(2022, 1, day).unwrap();
    ///     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase,
    ///         Provenance::new(SourceId::new(outlet)?).published(published), &parser)
    /// };
    /// let r = Reconciler::new().reconcile(vec![
    ///     claim("a", "164", "UNA-OIC", 10)?,
    ///     claim("b", "225", "GSV", 25)?,
    /// ]);
    /// let rel = r.relation(&ClaimId::new("a")?, &ClaimId::new("b")?).unwrap();
    /// assert_eq!(rel.kind, RelationKind::Supersedes);
    /// assert_eq!(r.groups[0].estimate.as_ref().unwrap().figure.to_string(), "low 225 / best 225 / high 225");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn reconcile(&self, claims: impl IntoIterator<Item = Claim>) -> Reconciliation {
        let claims: Vec<Claim> = claims.into_iter().collect();
        threads::on_pool(claims.len(), || self.reconcile_claims(claims))
    }

    /// [`Reconciler::reconcile`] of `claims`, collected.
    fn reconcile_claims(&self, claims: Vec<Claim>) -> Reconciliation {
        let (claims, rejected) = admit(claims);
        // What the stages read of the claims (see `store.rs`), in id order.
        let store: &[Claim] = &claims;
        debug_assert!(store.windows(2).all(|w| w[0].id() < w[1].id()), "claims not in id order");
        let mut groups = group::build(store, &self.aliases);
        // Category and set labels through the alias table ("LPG" is "liquefied petroleum
        // gas"); the claims themselves keep what their sources wrote.
        let values = Values::new(store, &self.aliases);
        // Each value as text, once: the key that makes a repeated figure count once.
        let keys = Keys::new((0..store.len()).map(|c| values.get(c)));
        let mut voices =
            voice::Voices::build(store, &groups, &keys, &self.aliases, &self.same_voice);
        if self.copy_detection {
            voices.detect_copying(&keys, &groups, self.policy.close_rule());
        }
        // One report's sub-counts, as published.
        let derived = partof::derive_bounds(store, &mut groups, &self.policy, &voices);
        // From here on, a relay of a wire's report is as of that report (`store::Redated`).
        let redated = store::Redated::new(&claims, voices.relay_origins());
        let store = &redated;
        if store.moves_any() {
            for g in &mut groups {
                group::redate(store, g);
            }
        }
        let values = values.on(store);
        let mut state = score::run(
            store,
            &values,
            keys,
            &groups,
            &derived,
            &voices,
            &self.policy,
            (self.rounds, self.tolerance),
        );
        let mut out_groups = Vec::with_capacity(groups.len());
        // Shared by every relation's reason, which judges its two values again when shown.
        let policy = std::sync::Arc::new(self.policy.clone());
        for (gi, g) in groups.iter().enumerate() {
            out_groups.push(finish::finish(
                gi,
                g,
                store,
                &values,
                &derived,
                &mut state,
                &voices,
                &policy,
                self.all_pairs_up_to,
            ));
        }
        partof::relate(&claims, &groups, &mut out_groups, &self.places, &self.policy);
        let (findings, summary) = if self.asked.findings {
            let found = findings::collect(store, &out_groups, &state, &voices);
            let estimates = out_groups.iter().map(|g| g.estimate.is_some()).enumerate();
            let summary = findings::summarize(&found, estimates, &state);
            (findings::in_order(found), Some(summary))
        } else {
            (Vec::new(), None)
        };
        let out_groups = out_groups.into_iter().map(|g| g.keeping(self.asked)).collect();
        let (sources, outlets, voice_reports) =
            state.reports(&score::Named { claims: store, voices: &voices }, &voices);
        Reconciliation {
            claims,
            rejected,
            groups: out_groups,
            summary,
            findings,
            sources,
            outlets,
            voices: voice_reports,
            rounds: state.rounds,
        }
    }

    /// Adds claims to an earlier reconciliation, as when reports arrive as a stream. The result
    /// equals reconciling all the claims at once. A table's reconciliation
    /// ([`Reconciler::reconcile_table`]) holds no claims to carry over: its groups
    /// are not lost silently but reported, as a rejected entry with
    /// [`Error::NoClaimsHeld`].
    ///
    /// # Complexity
    /// That of [`Reconciler::reconcile`] on the union: scores are joint over all claims, so a
    /// new claim may move every estimate.
    #[must_use]
    pub fn extend(
        &self,
        previous: Reconciliation,
        claims: impl IntoIterator<Item = Claim>,
    ) -> Reconciliation {
        let not_held = held_nothing(&previous);
        let (rebuildable, unreadable): (Vec<Rejected>, Vec<Rejected>) =
            previous.rejected.into_iter().partition(|r| r.claim.is_some());
        let mut all = previous.claims;
        all.extend(rebuildable.into_iter().filter_map(|r| r.claim.map(|c| *c)));
        all.extend(claims);
        let mut result = self.reconcile(all);
        // Annotations that never became claims stay listed: nothing is lost.
        result.rejected.extend(unreadable);
        result.rejected.extend(not_held);
        result
    }

    /// Merges two reconciliations of claim sets (for example, two feeds): equal to reconciling
    /// their union (a table's reconciliation is reported, as [`Reconciler::extend`] says).
    #[must_use]
    pub fn merge(&self, a: Reconciliation, b: Reconciliation) -> Reconciliation {
        let not_held = held_nothing(&b);
        let (rebuildable, unreadable): (Vec<Rejected>, Vec<Rejected>) =
            b.rejected.into_iter().partition(|r| r.claim.is_some());
        let claims =
            b.claims.into_iter().chain(rebuildable.into_iter().filter_map(|r| r.claim.map(|c| *c)));
        let mut result = self.extend(a, claims);
        result.rejected.extend(unreadable);
        result.rejected.extend(not_held);
        result
    }
}

/// The rejected entry that reports a table's reconciliation given to `extend` or `merge`
/// (groups but no claims: [`Error::NoClaimsHeld`]); `None` for any other.
fn held_nothing(r: &Reconciliation) -> Option<Rejected> {
    (r.claims.is_empty() && !r.groups.is_empty()).then_some(Rejected {
        id: None,
        line: None,
        claim: None,
        error: Error::NoClaimsHeld { groups: r.groups.len() },
    })
}

/// A total order on claims, so duplicates and ties resolve the same way whatever the input
/// order.
fn order_key(c: &Claim) -> (ClaimId, String) {
    (c.id().clone(), format!("{c:?}"))
}

/// Keeps the first claim of each id (in a total order) and the claims that can be placed in
/// time, at most [`limit::MAX_CLAIMS`] of them; the rest are rejected with the reason.
fn admit(claims: Vec<Claim>) -> (Vec<Claim>, Vec<Rejected>) {
    admit_up_to(claims, limit::MAX_CLAIMS)
}

/// [`admit`], keeping at most `limit` claims (a parameter so that tests can reach it).
fn admit_up_to(mut claims: Vec<Claim>, limit: usize) -> (Vec<Claim>, Vec<Rejected>) {
    // Claims collected from a vector of larger items (`Table::read`'s rows with their lines,
    // through `filter_map(Result::ok)`) keep that vector's room; the result holds the claims,
    // so the room goes back first.
    claims.shrink_to_fit();
    // Ids decide; the full Debug text only breaks ties between claims sharing an id.
    claims.sort_by(|a, b| a.id().cmp(b.id()).then_with(|| order_key(a).cmp(&order_key(b))));
    // Most inputs reject nothing: then the sorted claims are the kept ones, and no second
    // vector of claims is built beside them.
    let clean = claims.len() <= limit
        && claims.windows(2).all(|w| w[0].id() != w[1].id())
        && claims.iter().all(|c| unusable(c).is_none());
    if clean {
        return (claims, Vec::new());
    }
    let mut kept: Vec<Claim> = Vec::with_capacity(claims.len());
    let mut rejected = Vec::new();
    for c in claims {
        if kept.last().is_some_and(|k| k.id() == c.id()) {
            let error = Error::DuplicateClaim { claim: c.id().to_string() };
            rejected.push(Rejected {
                id: Some(c.id().to_string()),
                line: None,
                claim: Some(Box::new(c)),
                error,
            });
        } else if let Some(error) = unusable(&c) {
            rejected.push(Rejected {
                id: Some(c.id().to_string()),
                line: None,
                claim: Some(Box::new(c)),
                error,
            });
        } else if kept.len() == limit {
            let error = Error::TooManyClaims { claim: c.id().to_string(), limit };
            rejected.push(Rejected {
                id: Some(c.id().to_string()),
                line: None,
                claim: Some(Box::new(c)),
                error,
            });
        } else {
            kept.push(c);
        }
    }
    (kept, rejected)
}

/// Why a claim cannot be used, whatever the others: a date outside the years claimrecon
/// accepts, a value that allows no number, or part of a person.
fn unusable(c: &Claim) -> Option<Error> {
    date_out_of_range(c)
        .or_else(|| allows_no_number(c))
        .or_else(|| c.part_of_a_person().map(|e| e.in_claim(&c.id().as_str(), "value")))
}

/// Why a claim built in code cannot be placed in time: its as-of date or its publication date
/// lies outside the years claimrecon accepts (the corpus and table readers refuse such dates
/// where they read them; `Claim::with_as_of` and `Provenance::published` take any date).
fn date_out_of_range(c: &Claim) -> Option<Error> {
    // `as_of()` falls back on the publication date: name the field that holds the date.
    let as_of = if c.has_explicit_as_of() { c.as_of() } else { None };
    let dates = [("as_of", as_of), ("published", c.provenance().published_on())];
    dates.into_iter().find_map(|(field, date)| {
        let e = crate::value::check_year(date?).err()?;
        Some(e.in_claim(&c.id().as_str(), field))
    })
}

/// The error of a claim whose value allows no number ("fewer than 0", "nearly 0": an amount
/// is never below 0), which the parser refuses and a claim built from a typed value can
/// still hold: its estimate would be of nothing.
fn allows_no_number(c: &Claim) -> Option<Error> {
    let magnitude = match c.value() {
        Value::Amount(a) => Some(a.magnitude).filter(crate::value::Magnitude::allows_no_number),
        Value::Change(change) => change.magnitude_allowing_none(),
        _ => None,
    }?;
    Some(magnitude.allowing_none_error().in_claim(&c.id().as_str(), "value"))
}

/// Values as text, interned: equal figures share one key id, so a repeated figure counts once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Keys {
    /// The distinct texts.
    pub texts: Vec<String>,
    /// The key ids, found by their texts' hashes: each text is held once, in `texts`.
    ids: hashbrown::HashTable<usize>,
    /// Per claim: its key id.
    pub of_claim: Vec<usize>,
    /// The claims' keys that are amounts, each with its figure to two significant figures
    /// ([`crate::crh::rounded_key`]), for copy detection: in key order.
    pub rounded: Vec<(usize, crate::crh::Rounded)>,
    /// The keys that are labels ([`voice::is_label`]), in key order, for copy detection.
    pub labels: Vec<usize>,
}

/// The hash `Keys` finds a text by: fixed, so a run does not depend on a random seed.
fn key_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(text)
}

impl Keys {
    fn new<'v>(values: impl Iterator<Item = &'v Value>) -> Self {
        let mut keys = Keys::default();
        // One buffer for every value's text: a figure seen before costs no allocation.
        let mut text = String::new();
        keys.of_claim = values
            .map(|v| {
                text.clear();
                crate::crh::write_value_key(&mut text, v);
                let known = keys.texts.len();
                let k = keys.intern_str(&text);
                if k == known {
                    if let Some(r) = crate::crh::rounded_key(v) {
                        keys.rounded.push((k, r));
                    }
                    if voice::is_label(v) {
                        keys.labels.push(k);
                    }
                }
                k
            })
            .collect();
        keys
    }

    pub fn intern(&mut self, text: String) -> usize {
        self.find(&text).unwrap_or_else(|| self.insert(text))
    }

    /// [`Keys::intern`], copying `text` only when it is new.
    fn intern_str(&mut self, text: &str) -> usize {
        self.find(text).unwrap_or_else(|| self.insert(text.to_owned()))
    }

    fn find(&self, text: &str) -> Option<usize> {
        self.ids.find(key_hash(text), |&k| self.texts[k] == text).copied()
    }

    /// Each key's place when the texts are sorted: `order[k] < order[j]` exactly when
    /// `texts[k] < texts[j]`. The texts are distinct, so places are too: a place names a value
    /// as its key id does, and orders values as their texts do.
    pub fn order(&self) -> Vec<usize> {
        let mut ids: Vec<usize> = (0..self.texts.len()).collect();
        ids.sort_unstable_by(|&a, &b| self.texts[a].cmp(&self.texts[b]));
        let mut order = vec![0; self.texts.len()];
        for (place, k) in ids.into_iter().enumerate() {
            order[k] = place;
        }
        order
    }

    /// Adds a text not seen before.
    fn insert(&mut self, text: String) -> usize {
        let k = self.texts.len();
        let texts = &self.texts;
        self.ids.insert_unique(key_hash(&text), k, |&j| key_hash(&texts[j]));
        self.texts.push(text);
        k
    }
}

/// The claims' values as the engine reads them: category and set labels through the alias
/// table. A value the table leaves as it is (most, and all of a table's numbers) is read from
/// its claim, not copied.
pub(crate) struct Values<'a, C: ?Sized> {
    claims: &'a C,
    /// The values the alias table renames, by claim.
    renamed: std::collections::HashMap<usize, Value, foldhash::fast::FixedState>,
}

impl<'a, C: store::ClaimStore + ?Sized> Values<'a, C> {
    fn new(claims: &'a C, aliases: &Aliases) -> Self {
        let renamed = (0..claims.len())
            .filter_map(|c| Some((c, canonical(claims.value(c), aliases)?)))
            .collect();
        Values { claims, renamed }
    }

    /// The same values, read from `claims`, a store of the same claims in the same order.
    fn on<D: store::ClaimStore + ?Sized>(self, claims: &D) -> Values<'_, D> {
        debug_assert_eq!(self.claims.len(), claims.len());
        Values { claims, renamed: self.renamed }
    }

    /// Claim `c`'s value, its labels by their canonical names.
    pub fn get(&self, c: usize) -> &Value {
        self.renamed.get(&c).unwrap_or_else(|| self.claims.value(c))
    }
}

/// A value with its category and set labels replaced by their canonical names, when the alias
/// table knows any of them.
pub(crate) fn canonical(value: &Value, aliases: &Aliases) -> Option<Value> {
    match value {
        Value::Category(l) if aliases.knows(l) => Some(Value::Category(aliases.canonical(l))),
        Value::Set(s) if s.items().iter().any(|l| aliases.knows(l)) => {
            crate::value::ItemSet::new(s.items().iter().map(|l| aliases.canonical(l)))
                .ok()
                .map(Value::Set)
        }
        _ => None,
    }
}

/// Index of claims by id, for the submodules.
pub(crate) fn index(claims: &[Claim]) -> BTreeMap<&ClaimId, usize> {
    claims.iter().enumerate().map(|(i, c)| (c.id(), i)).collect()
}

#[cfg(test)]
mod tests {
    use super::admit_up_to;
    use super::threads::{PARALLEL_FROM, large_table_csv};
    use crate::{
        Claim, ClaimId, Error, Measure, Parser, Provenance, Reconciler, SourceId, Subject, Table,
    };

    /// Claims enough to go to the pool ([`super::threads::on_pool`]) are reconciled there as on
    /// the calling thread, their parallel loops handed to the pool one by one.
    #[test]
    fn claims_reconciled_on_the_pool_are_those_reconciled_beside_it() {
        let csv = large_table_csv();
        let parser = Parser::default();
        let read = Table::csv().read("t.csv", csv.as_bytes(), &parser);
        let claims: Vec<Claim> = read.collect::<Result<_, _>>().unwrap();
        assert!(claims.len() >= PARALLEL_FROM, "{} claims go to the pool", claims.len());
        let reconciler = Reconciler::new();
        let on_the_pool = reconciler.reconcile(claims.clone());
        assert!(on_the_pool.voices.iter().any(|v| v.members.len() > 1), "the clique is found");
        assert_eq!(on_the_pool, reconciler.reconcile_claims(claims));
    }

    fn claim(id: &str, phrase: &str) -> Claim {
        let source = SourceId::new("Daily").unwrap();
        let id = ClaimId::new(id).unwrap();
        let subject = Subject::new(Measure::Deaths);
        Claim::parse(id, subject, phrase, Provenance::new(source), &Parser::default()).unwrap()
    }

    /// Past the limit, the claims later by id are rejected, each with `TooManyClaims`; a
    /// repeated id is still a duplicate, whichever side of the limit it falls.
    #[test]
    fn claims_past_the_limit_are_rejected_by_id_and_none_is_lost() {
        let claims = vec![claim("d", "4"), claim("b", "2"), claim("a", "1"), claim("c", "3")];
        let mut with_repeat = claims.clone();
        with_repeat.push(claim("b", "20"));
        let (kept, rejected) = admit_up_to(with_repeat, 2);
        let ids: Vec<_> = kept.iter().map(|c| c.id().as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let why: Vec<(Option<&str>, &Error)> =
            rejected.iter().map(|r| (r.id.as_deref(), &r.error)).collect();
        assert!(matches!(why[0], (Some("b"), Error::DuplicateClaim { .. })), "{why:?}");
        for (r, id) in why[1..].iter().zip(["c", "d"]) {
            assert!(
                matches!(r, (Some(i), Error::TooManyClaims { limit: 2, .. }) if *i == id),
                "{r:?}"
            );
        }
        assert_eq!(kept.len() + rejected.len(), 5);
        // At the limit exactly, nothing is rejected.
        let (kept, rejected) = admit_up_to(claims, 4);
        assert_eq!((kept.len(), rejected.len()), (4, 0));
    }
}
