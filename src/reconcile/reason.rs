//! Why two claims relate as they do, why a claim has its rank, why an estimate is what it is
//! and what a finding says, kept as data (the values, dates, sources and subjects a sentence
//! names) and written by `Display` when a report asks.
//!
//! A reconciliation holds a reason for every relation, rank and estimate; most are never read.
//! Their words cost nothing until shown. The data are private, so that their representation
//! can grow more compact without a change to the public types.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::claim::{AsOfTime, DayText};
use crate::id::{ClaimId, SourceId};
use crate::subject::Subject;
use crate::value::{Amount, Policy, Value};

use super::estimate::Basis;

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
/// let reason = &r.groups[0].relations.get(0).unwrap().reason;
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

/// A group's figures in as-of order, as its relations name them, with the policy that
/// compared them. Shared by the group's relations: a relation keeps two indices into it, not
/// copies of two values, two times and what comparing them found.
#[derive(Debug, Default)]
pub(crate) struct Figures {
    pub policy: Arc<Policy>,
    /// The figures' ids, in the order of `dated`.
    pub ids: Vec<ClaimId>,
    pub dated: Vec<Dated>,
}

/// Two figures of a group and what decided their relation. The sentence is derived from the
/// figures when shown: a comparison's words come from judging the two values again under the
/// same policy, which gives what it gave when the relation was decided.
#[derive(Clone)]
pub(crate) struct Pair {
    pub figures: Arc<Figures>,
    /// The earlier (or first) figure's index in `figures`.
    pub a: usize,
    /// The later (or second) figure's index in `figures`.
    pub b: usize,
    pub how: How,
}

/// What decided a relation between two figures. One variant per sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) enum How {
    /// What comparing the values found (or that they have no common measure); with both
    /// times when one is known to come first.
    Judged { in_time: bool },
    /// A running total that rose.
    Rose,
    /// A voice lowering its own running total.
    RevisedDown,
    /// A running total that fell between voices.
    Fell,
    /// A running total's figure below another voice's earlier one that its own voice revised
    /// down on a later day: no floor for it.
    RevisedAway,
    /// A voice giving a fixed fact anew: `b` corrects its own `a`.
    Corrected,
    /// A fixed fact's figure its own voice later corrected beside another it conflicted
    /// with: which of `a` and `b` were withdrawn (one, or both).
    CorrectedAway { withdrawn: (bool, bool) },
    /// A changing state at two times.
    Changed,
    /// A yes/no state given both ways one day, "not yet" first: `a` then `b`, or `b` then `a`
    /// when `reversed`. The day is `a`'s.
    ChangedSameDay { reversed: bool },
    /// A yes/no state given both ways one day, in an unknown order. The day is `a`'s.
    SameDayUnordered,
    /// Two figures given to the digit, close enough to be one count (`Policy::close`);
    /// whether one voice gave both.
    Close { same_voice: bool },
    /// A later count the estimate stands on, one count with counts within `Policy::close` of
    /// it that reach what another voice's earlier bound or range (`a`) allows: no fall.
    OneCount,
    /// An earlier count (`a`) one count with the counts the estimate stands on (within
    /// `Policy::close` of their top), beside a later bound or range (`b`) the estimate stands
    /// on, which allows the top they reach: no fall.
    NearTop,
    /// Two voices' figures of a running total or a changing state on two days that conflict,
    /// where the earlier figure's voice gave one conflicting with the later on its day too:
    /// the voices disagree, nothing rose, fell or changed between them.
    Persists,
    /// A yes/no state given both ways one day by voices the estimates do not decide between.
    /// The day is `a`'s.
    Undecided,
}

impl Pair {
    fn a(&self) -> &Dated {
        &self.figures.dated[self.a]
    }

    fn b(&self) -> &Dated {
        &self.figures.dated[self.b]
    }
}

impl fmt::Debug for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The two figures, not the whole group's, nor the policy.
        f.debug_struct("Pair")
            .field("a", self.a())
            .field("b", self.b())
            .field("how", &self.how)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Pair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = (self.a(), self.b());
        match self.how {
            How::Judged { in_time } => match a.value.judge(&b.value, &self.figures.policy) {
                Err(e) => e.fmt(f),
                Ok(cmp) if in_time => write!(f, "{} ({}, then {})", cmp.reason, a.when, b.when),
                Ok(cmp) => cmp.reason.fmt(f),
            },
            How::Rose => write!(f, "the running total rose from {a} to {b}"),
            How::RevisedDown => write!(f, "revised down from {a} to {b} by the same voice"),
            How::Fell => write!(
                f,
                "the running total fell from {a} to {b}: a later figure below an earlier one"
            ),
            How::RevisedAway => {
                write!(f, "{a} was revised down by its own voice later: no floor for {b}")
            }
            How::Corrected => write!(f, "corrected from {a} to {b} by the same voice"),
            How::CorrectedAway { withdrawn: (true, true) } => {
                let words = "were both corrected later, each by its own voice: no rivals";
                write!(f, "{a} and {b} {words}")
            }
            How::CorrectedAway { withdrawn: (first, _) } => {
                let (gone, other) = if first { (a, b) } else { (b, a) };
                write!(f, "{gone} was corrected by its own voice later: no rival to {other}")
            }
            How::Changed => write!(f, "changed from {a} to {b}"),
            How::ChangedSameDay { reversed } => {
                let (from, to) = if reversed { (b, a) } else { (a, b) };
                write!(
                    f,
                    "changed the same day ({}) from {} (\"not yet\") to {}",
                    a.when, from.value, to.value
                )
            }
            How::Close { same_voice } => write!(
                f,
                "{} and {} are within {} % of each other: one count, {}",
                a.value,
                b.value,
                crate::value::permille_as_percent(self.figures.policy.close_rule().permille()),
                if same_voice {
                    "though one voice gave both"
                } else {
                    "as independent counts of one quantity rarely match to the digit"
                }
            ),
            How::OneCount => write!(
                f,
                "{} is one count with the counts within {} % of it, which {} allows: no fall",
                b.value,
                crate::value::permille_as_percent(self.figures.policy.close_rule().permille()),
                a.value
            ),
            How::NearTop => write!(
                f,
                "{} is one count with the counts the estimate stands on (within {} % of them), whose figure {} allows: no fall",
                a.value,
                crate::value::permille_as_percent(self.figures.policy.close_rule().permille()),
                b.value
            ),
            How::Persists => match a.value.judge(&b.value, &self.figures.policy) {
                Err(e) => e.fmt(f),
                Ok(cmp) => write!(
                    f,
                    "{} ({}, then {}); the voice that gave {} had not moved from it by {}: the \
                     voices differ, no change between them",
                    cmp.reason, a.when, b.when, a.value, b.when
                ),
            },
            How::Undecided => match a.value.judge(&b.value, &self.figures.policy) {
                Err(e) => e.fmt(f),
                Ok(cmp) => write!(
                    f,
                    "{} ({}): the reports leave the day undecided between them",
                    cmp.reason, a.when
                ),
            },
            How::SameDayUnordered => write!(
                f,
                "{} and {} the same day ({}), in an order the reports do not give",
                a.value, b.value, a.when
            ),
        }
    }
}

/// Parts' estimates above their whole's: each part, its low and whether that is excluded ("more
/// than 82"; one part, or disjoint parts whose lows add up past the whole), the whole, its
/// high, and where the whole's estimate is of an earlier date, the two dates (the parts'
/// latest, the whole's).
pub(crate) type AboveTotal =
    (Vec<(Subject, f64, bool)>, Subject, f64, Option<(NaiveDate, NaiveDate)>);

/// What decided a relation, with what its words name.
#[derive(Debug, Clone)]
pub(crate) enum RelationWhy {
    /// Two figures of one group.
    Pair(Pair),
    PartOf(Box<Parts>),
    SubCountAboveTotal(Box<Parts>),
    /// A part's estimate (its low), or the sum of disjoint parts' estimates, above the whole's
    /// (its high); where the whole's estimate is of an earlier date than the parts', the two
    /// dates (the parts', the whole's).
    EstimateAboveTotal(Box<AboveTotal>),
    /// Words read back from a serialised reason.
    Text(Box<str>),
}

impl From<RelationWhy> for RelationReason {
    fn from(why: RelationWhy) -> Self {
        RelationReason(why)
    }
}

impl fmt::Display for RelationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            RelationWhy::Pair(pair) => pair.fmt(f),
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
                let (parts, whole, high, dates) = &**e;
                let high = crate::value::grouped(*high);
                let at = |before: &str, after: &str| match dates {
                    Some((at, _)) => format!("{before}as of {}{after}", DayText(Some(*at))),
                    None => String::new(),
                };
                let least = |open: bool| if open { "more than" } else { "at least" };
                if let [(part, low, open)] = parts.as_slice() {
                    write!(
                        f,
                        "the estimate for {part} ({} {}{})",
                        least(*open),
                        crate::value::grouped(*low),
                        at(", ", "")
                    )?;
                } else {
                    f.write_str("the estimates for ")?;
                    for (i, (part, low, open)) in parts.iter().enumerate() {
                        let joint = match i {
                            0 => "",
                            i if i + 1 == parts.len() => " and ",
                            _ => ", ",
                        };
                        let low = crate::value::grouped(*low);
                        write!(f, "{joint}{part} ({} {low})", least(*open))?;
                    }
                    let sum = parts.iter().map(|p| p.1).sum::<f64>();
                    write!(
                        f,
                        " add up to {} {}{}, which",
                        least(parts.iter().any(|p| p.2)),
                        crate::value::grouped(sum),
                        at(" (", ")")
                    )?;
                }
                match dates {
                    None => write!(f, " exceeds the estimate for {whole} (at most {high})"),
                    Some((_, before)) => write!(
                        f,
                        " exceeds the latest estimate for {whole} (at most {high}, as of {}): the total has risen since, or one of them is wrong",
                        DayText(Some(*before))
                    ),
                }
            }
            RelationWhy::Text(text) => f.write_str(text),
        }
    }
}

crate::words::words_as_text!(RelationReason, |text| RelationReason(RelationWhy::Text(text.into())));

/// What made a count an over-report of its day (`estimate::DayVoices::outran`), as its rank
/// and its finding say it.
const OUTRAN: &str = "more than half of that day's voices gave less";

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
    /// A value of one of the kinds as many of the group's figures have, none of them the
    /// measure's own: nothing decides between them.
    KindsTie(Box<Value>),
    /// A range or approximate figure that allows the estimate and the figures of another
    /// cluster: neither support nor wrong.
    Allows,
    /// Revised down by its own voice to a figure (as its key text) of a date. A figure's text
    /// here and in a regression is shared by every rank of its group that names it (see
    /// `finish::ranked`).
    RevisedDown(Arc<str>, Option<NaiveDate>),
    /// A fixed fact's figure its own voice corrected to another (as its key text) of a date.
    Corrected(Arc<str>, Option<NaiveDate>),
    /// An earlier figure, of this date, above the later estimate.
    Above(Option<NaiveDate>),
    /// The same, and an over-report of its day.
    OverReportAbove(Option<NaiveDate>),
    /// Below figures (as their key texts, with dates) other voices gave earlier.
    Regression(Box<[(Arc<str>, Option<NaiveDate>)]>),
    Aside,
    /// An earlier figure consistent with the estimate that was an over-report of its day, this
    /// date.
    OverReport(Option<NaiveDate>),
    /// A current lower bound that allows the estimate's higher figures, not its lowest.
    Within,
    /// A lone jump held back: the figure (as its key text) the estimate stands on instead,
    /// with its date.
    Unconfirmed(Arc<str>, Option<NaiveDate>),
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
    Text(Box<str>),
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
            RankWhy::KindsTie(v) => write!(
                f,
                "{v} cannot be compared with the group's other figures, and as many are of its \
                 kind as of another: no estimate"
            ),
            RankWhy::CannotCompare(v) => {
                write!(f, "{v} cannot be compared with the group's other figures")
            }
            RankWhy::RevisedDown(key, d) => {
                write!(f, "revised down by its own voice to {key} ({})", Iso(*d))
            }
            RankWhy::Corrected(key, d) => {
                write!(f, "corrected by its own voice to {key} ({})", Iso(*d))
            }
            RankWhy::Above(d) => write!(
                f,
                "an earlier figure ({}) above the later estimate: the running total cannot fall",
                Iso(*d)
            ),
            RankWhy::OverReportAbove(d) => write!(
                f,
                "an earlier figure ({}) above the later estimate, an over-report of its day: \
                 {OUTRAN}",
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
            RankWhy::OverReport(d) => write!(
                f,
                "an earlier figure ({}) consistent with the estimate, but an over-report of its \
                 day: {OUTRAN}, so no support",
                Iso(*d)
            ),
            RankWhy::Allows => f.write_str(
                "allows the estimate, and figures that conflict with it: support for neither",
            ),
            RankWhy::Within => f.write_str(
                "a lower bound that allows the estimate's higher figures but not its lowest, which other voices gave the same day",
            ),
            RankWhy::Unconfirmed(key, d) => write!(
                f,
                "one voice's jump far above what other voices reported earlier (the highest: {key}, {}): it waits for a second voice",
                Iso(*d)
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

crate::words::words_as_text!(RankReason, |text| RankReason(RankWhy::Text(text.into())));

/// A lone jump of a running total held back: the jump, the highest figure other voices
/// reported earlier, on which the estimate stands, and how many times that the jump is.
#[derive(Debug, Clone)]
pub(crate) struct Jump {
    pub figure: Described,
    pub level: Described,
    pub times: f64,
}

/// A figure in words with who gave it, and its day when the sentence names one: "164
/// (UNA-OIC)", "164 (UNA-OIC, 10 Jan 2022)", "2,300 (derived)".
#[derive(Debug, Clone)]
pub(crate) struct Described {
    pub figure: Figured,
    /// The figure's as-of date.
    pub as_of: Option<NaiveDate>,
    /// Whether the words name that day.
    pub dated: bool,
}

/// A described figure: a claim's value and its source, or a derived bound's value as text.
#[derive(Debug, Clone)]
pub(crate) enum Figured {
    Claim(Value, SourceId),
    Derived(String),
}

impl fmt::Display for Described {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.figure {
            Figured::Claim(value, source) => write!(f, "{value} ({source}")?,
            Figured::Derived(text) => write!(f, "{text} (derived")?,
        }
        if self.dated { write!(f, ", {})", DayText(self.as_of)) } else { f.write_str(")") }
    }
}

/// How many figures of the rival clusters an estimate's reason names, each with its source;
/// it counts the rest ("and 25 more"). A reader takes in a handful, and a table's variable of a hundred
/// sources with noisy figures would otherwise hold every rival figure's words in its estimate
/// (at 10^6 rows, 45 MB more at the heap's peak than without any).
pub(crate) const RIVALS_NAMED: usize = 5;

/// The rival clusters' distinct figures (in each, each figure of a source once): the first
/// [`RIVALS_NAMED`] in words, cluster by cluster, and how many more there are.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rivals {
    pub named: Vec<Vec<Described>>,
    pub more: usize,
}

/// The end of a split's reason: the rivals it went over, or where every figure of the other
/// clusters allows the estimate (a range that meets what it reaches), so that it went over
/// none (it ended "over" with nothing after it), that they do.
struct Over<'a>(&'a Rivals, usize);

impl fmt::Display for Over<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Over(others, clusters) = self;
        if others.named.is_empty() && others.more == 0 {
            return f.write_str(if *clusters == 2 {
                "); the other cluster's figures allow it"
            } else {
                "); the other clusters' figures allow it"
            });
        }
        f.write_str("), over ")?;
        others.fmt(f)
    }
}

impl fmt::Display for Rivals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, cluster) in self.named.iter().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            Listed(cluster).fmt(f)?;
        }
        More(self.more).fmt(f)
    }
}

/// Pairs of figures, one finding for them all: the first [`RIVALS_NAMED`] in words and how
/// many there are. A group's regressions (in date order, each with the highest figure it falls
/// below) and its conflicting pairs outside the estimate's clusters (each figure with its
/// source and day).
#[derive(Debug, Clone)]
pub(crate) struct NamedPairs {
    pub named: Vec<(Described, Described)>,
    pub count: usize,
}

/// [`NamedPairs`] in words, each pair's two figures joined by `.1` (" below ", " and "), the
/// pairs by "; ", then how many more there are.
struct Linked<'a>(&'a NamedPairs, &'static str);

impl fmt::Display for Linked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Linked(pairs, link) = *self;
        for (i, (a, b)) in pairs.named.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{a}{link}{b}")?;
        }
        More(pairs.count - pairs.named.len()).fmt(f)
    }
}

/// ", and N more" after a list that names some of its items; nothing when it names them all.
struct More(usize);

impl fmt::Display for More {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => Ok(()),
            n => write!(f, ", and {n} more"),
        }
    }
}

/// Figures in words, joined by ", ".
struct Listed<'a>(&'a [Described]);

impl fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            d.fmt(f)?;
        }
        Ok(())
    }
}

/// Why an estimate is what it is, in one line: "all 3 figures are consistent, from 2
/// independent voices". Written in words by `Display`; serialised, read back and compared as
/// [`RelationReason`] is.
///
/// ```
/// # use claimrecon::{Claim, ClaimId, EstimateReason, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let claim = |id: &str, phrase: &str, outlet: &str| {
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase,
/// #         Provenance::new(SourceId::new(outlet)?), &Parser::default())
/// # };
/// let r = Reconciler::new().reconcile(vec![claim("a", "225", "A")?, claim("b", "225", "B")?]);
/// let reason = &r.groups[0].estimate.as_ref().unwrap().reason;
/// assert_eq!(*reason, "both figures are consistent, from 2 independent voices");
/// // Travels as its words, and reads back equal.
/// let json = serde_json::to_string(reason)?;
/// assert_eq!(json, "\"both figures are consistent, from 2 independent voices\"");
/// assert_eq!(serde_json::from_str::<EstimateReason>(&json)?, *reason);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct EstimateReason(EstimateWhy);

/// How many figures support a consistent estimate, as its words count them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Counted {
    /// "the one figure is".
    One,
    /// "both figures are".
    Both,
    /// "all n figures are".
    All(usize),
    /// "the n supporting figures are", when some are set aside.
    Supporting(usize),
}

/// What decided an estimate, with what its words name. One variant per sentence.
#[derive(Debug, Clone)]
pub(crate) enum EstimateWhy {
    /// This many values tie on every count.
    Tie(usize),
    /// This many values, of kinds that cannot be compared (tenge and dollars), as many
    /// statements giving each kind, none of them the measure's own.
    KindsTie(usize),
    /// Every figure of the latest date falls below what this many voices reported earlier
    /// (`true`), or some do, and the others allow the floor or are one count with it, where
    /// those voices outweigh the latest figures (`false`).
    Floor(usize, bool),
    /// A lone jump held back (see [`Jump`]), and how many voices give the figure the estimate
    /// stands on.
    Jump(Box<Jump>, usize),
    /// A yes/no state given both ways on this day.
    SameDay(Option<NaiveDate>),
    /// The figures split into clusters; the chosen one has this many voices; the others'
    /// figures, the first [`RIVALS_NAMED`] of them named.
    /// (Shared: a finding that repeats the reason holds the same list.)
    /// How many other voices' earlier figures lie beneath the chosen one.
    /// Whether the chosen cluster ties with others on every count (see `Outcome::tied`), and
    /// what decided for it where it does not; in a tie, whether the best is the earlier count
    /// the lowest side's counts are one count with, above its lowest figure.
    Split {
        tied: bool,
        reached: bool,
        basis: Basis,
        clusters: usize,
        voices: usize,
        floor_voices: usize,
        others: std::sync::Arc<Rivals>,
    },
    /// One cluster: how many figures, from how many voices (those that give it, those
    /// whose figures of the latest date only allow it: lower bounds beside a count, and those
    /// whose earlier counts above it are one count with it), whether
    /// earlier figures act as floors and how many other voices give only those, how many
    /// regressions and how many earlier figures above are set aside.
    /// `close` is the share of [`crate::Policy::close`] in thousandths when the figures are
    /// counts given to the digit that differ, one count only by it; 0 otherwise.
    Consistent {
        count: Counted,
        voices: (usize, usize, usize),
        floors: bool,
        close: u16,
        floor_voices: usize,
        regressions: usize,
        above: usize,
    },
    /// Words read back from a serialised reason.
    Text(String),
}

impl From<EstimateWhy> for EstimateReason {
    fn from(why: EstimateWhy) -> Self {
        EstimateReason(why)
    }
}

/// "one independent voice", "3 independent voices".
struct VoiceCount(usize);

impl fmt::Display for VoiceCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("one independent voice"),
            n => write!(f, "{n} independent voices"),
        }
    }
}

/// "; 1 figure ... is set aside", "; 3 figures ... are set aside", or nothing.
struct Aside<'a>(usize, &'a str, &'a str);

impl fmt::Display for Aside<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => Ok(()),
            1 => write!(f, "; 1 {} is set aside", self.1),
            k => write!(f, "; {k} {} are set aside", self.2),
        }
    }
}

/// How a tie's best is worded: the lowest figure, or where the lowest side's counts reach an
/// earlier count, that count.
const TIE_BEST: [&str; 2] = [
    "(the conservative reading)",
    "side's (the conservative reading): the earlier count its figures are one count with, which every other side lies above",
];

impl fmt::Display for EstimateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            EstimateWhy::Tie(n) => write!(
                f,
                "{n} values tie on every count (reliability-weighted support, independent voices, latest report): the reports do not decide between them"
            ),
            EstimateWhy::KindsTie(n) => write!(
                f,
                "{n} values of kinds that cannot be compared (different units or kinds), as many statements giving each kind: the reports do not decide between them"
            ),
            EstimateWhy::Floor(voices, every) => write!(
                f,
                "{} falls below what {voices} independent voice{} reported earlier, which weigh{} {}: a running total cannot fall, so the estimate is {} floor",
                if *every { "every figure of the latest date" } else { "a latest figure" },
                if *voices == 1 { "" } else { "s" },
                if *voices == 1 { "s" } else { "" },
                if *every {
                    "at least as much"
                } else {
                    "more than any cluster of the latest figures"
                },
                if *voices == 1 { "its" } else { "their" }
            ),
            EstimateWhy::Jump(jump, voices) => write!(
                f,
                "the latest figure, {}, comes from one voice and is {:.1} times {}, {}: a jump that large waits for a second voice, so the estimate is at least that figure, and no more is confirmed",
                jump.figure,
                jump.times,
                match voices {
                    1 => "what another voice reported earlier".to_owned(),
                    n =>
                        format!("the highest of what {n} other independent voices reported earlier"),
                },
                jump.level
            ),
            EstimateWhy::SameDay(day) => {
                f.write_str("reported both ways on ")?;
                match day {
                    Some(d) => d.fmt(f)?,
                    None => f.write_str("one day")?,
                }
                f.write_str(
                    ", in an order the reports do not give: a change that day, not a conflict; the estimate follows the value that differs from the state the day before, else the one with the most reliability-weighted support",
                )
            }
            EstimateWhy::Split { tied: true, reached, clusters, others, .. } => {
                write!(
                    f,
                    "the figures split into {clusters} conflicting clusters that tie on every count (reliability-weighted support, independent voices, latest report): the reports do not decide between them, so the estimate reaches from the lowest to the highest, its best the lowest {}; besides the lowest: ",
                    TIE_BEST[usize::from(*reached)]
                )?;
                others.fmt(f)
            }
            EstimateWhy::Split { basis, clusters, voices, floor_voices, others, .. } => {
                let follows = match basis {
                    Basis::Weight => "the one with the most reliability-weighted support",
                    Basis::Middle => {
                        "the one nearest the reliability-weighted middle of all the figures"
                    }
                    Basis::Voices => {
                        "the one with more independent voices, as no other cluster in contention weighed more when it was chosen"
                    }
                    Basis::Later => {
                        "the later report, as no other cluster in contention weighed more or had more independent voices when it was chosen"
                    }
                    Basis::Dated => {
                        "the dated report, as no other cluster in contention weighed more or had more independent voices when it was chosen"
                    }
                    Basis::Distinct => {
                        "the one with more distinct figures, as no other cluster in contention weighed more, had more independent voices or a later report when it was chosen"
                    }
                };
                write!(
                    f,
                    "the figures split into {clusters} conflicting clusters; the estimate follows {follows} ({voices} independent voice{}",
                    if *voices == 1 { "" } else { "s" }
                )?;
                match floor_voices {
                    0 => {}
                    1 => f.write_str(", and earlier figures of one other voice beneath it")?,
                    n => write!(f, ", and earlier figures of {n} other voices beneath it")?,
                }
                Over(others, *clusters).fmt(f)
            }
            EstimateWhy::Consistent {
                count,
                voices,
                floors,
                close,
                floor_voices,
                regressions,
                above,
            } => consistent(
                f,
                (*count, *voices, *close),
                (*floors, *floor_voices),
                (*regressions, *above),
            ),
            EstimateWhy::Text(text) => f.write_str(text),
        }
    }
}

/// The words of [`EstimateWhy::Consistent`]: how many figures, from how many voices, whether
/// counts are one count by `close`; the floors and how many other voices give only them; the
/// regressions and earlier figures above set aside.
fn consistent(
    f: &mut fmt::Formatter<'_>,
    (count, (voices, allowing, one_count), close): (Counted, (usize, usize, usize), u16),
    (floors, floor_voices): (bool, usize),
    (regressions, above): (usize, usize),
) -> fmt::Result {
    match count {
        Counted::One => f.write_str("the one figure is")?,
        Counted::Both => f.write_str("both figures are")?,
        Counted::All(n) => write!(f, "all {n} figures are")?,
        Counted::Supporting(n) => write!(f, "the {n} supporting figures are")?,
    }
    f.write_str(" consistent")?;
    if close > 0 {
        let share = crate::value::permille_as_percent(close);
        write!(f, " (counts within {share} % of one another, one count)")?;
    }
    write!(f, ", from {}", VoiceCount(voices))?;
    match allowing {
        0 => {}
        1 => f.write_str("; a lower bound from one other voice allows it without naming it")?,
        n => write!(f, "; lower bounds from {n} other voices allow it without naming it")?,
    }
    match one_count {
        0 => {}
        1 => {
            f.write_str("; an earlier count from one other voice, above it, is one count with it")?;
        }
        n => write!(f, "; earlier counts from {n} other voices, above it, are one count with it")?,
    }
    match floor_voices {
        0 if floors => f.write_str("; earlier figures of the running total act as floors")?,
        0 => {}
        1 => f.write_str(
            "; earlier figures of the running total, from one other voice, act as floors beneath it",
        )?,
        n => write!(
            f,
            "; earlier figures of the running total, from {n} other voices, act as floors beneath it"
        )?,
    }
    write!(
        f,
        "{}{}",
        Aside(
            regressions,
            "figure below what other voices reported earlier",
            "figures below what other voices reported earlier"
        ),
        Aside(above, "earlier figure above the estimate", "earlier figures above the estimate"),
    )
}

crate::words::words_as_text!(EstimateReason, |text| EstimateReason(EstimateWhy::Text(text)));

/// A finding in one or two sentences, its subject first: "deaths: low 225 / best 225 / high
/// 225, from one voice (GSV)". Written in words by `Display`; serialised, read back and compared as
/// [`RelationReason`] is.
///
/// ```
/// # use claimrecon::{Claim, ClaimId, FindingKind, FindingMessage, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let claim = |id: &str, phrase: &str, outlet: &str| {
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase,
/// #         Provenance::new(SourceId::new(outlet)?), &Parser::default())
/// # };
/// // One voice gives the only number: worth a look, and the finding says whose it is.
/// let r = Reconciler::new().reconcile(vec![claim("a", "225", "GSV")?]);
/// let finding = &r.findings[0];
/// assert_eq!(finding.kind, FindingKind::SingleVoice);
/// assert_eq!(finding.message, "deaths: low 225 / best 225 / high 225, from one voice (GSV)");
/// let json = serde_json::to_string(&finding.message)?;
/// assert_eq!(serde_json::from_str::<FindingMessage>(&json)?, finding.message);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct FindingMessage(FindingWhy);

/// What a finding says, with what its words name: the subject, then one variant per sentence.
#[derive(Debug, Clone)]
pub(crate) enum FindingWhy {
    /// The subject is shared by its group's findings.
    About(std::sync::Arc<Subject>, About),
    /// Words read back from a serialised message.
    Text(String),
}

/// What a finding says about its subject.
#[derive(Debug, Clone)]
pub(crate) enum About {
    /// A relation's reason (complementary windows, a part above its whole, a conflict).
    Relation(RelationReason),
    /// Figures that cannot be compared with the others.
    Incomparable,
    /// A figure below what other voices reported earlier, and those figures.
    Regression(Box<(Described, Vec<Described>)>),
    /// Several figures of one group below what other voices reported earlier.
    Regressions(Box<NamedPairs>),
    /// The latest figures, which the estimate follows, below what other voices reported
    /// earlier, and those earlier figures, which do not outweigh them and are set aside.
    FellTo(Box<(Vec<Described>, Vec<Described>)>),
    /// Earlier figures above the floor an estimate stands on (the floors won, or a jump is
    /// held back), set aside: the figures beneath them weigh at least as much.
    AboveFloor(Vec<Described>),
    /// Earlier figures above an estimate, set aside as over-reports of their day: more than
    /// half of that day's voices gave less, each by more than one count
    /// (`estimate::DayVoices::outran`), so no later figure falls below them.
    OverReports(Vec<Described>),
    /// Several pairs of figures of one group that conflict outside its estimate's clusters.
    Conflicts(Box<NamedPairs>),
    /// An undecided estimate's figure and reason.
    Undecided(Box<(super::Figure, EstimateReason)>),
    /// The estimate's reason (a split, or a change the same day).
    Estimate(EstimateReason),
    /// A split into this many clusters, when there is no estimate to give a reason.
    Split(usize),
    /// A number from one voice, named.
    SingleVoice(Box<(super::Figure, SourceId)>),
    /// A lone jump held back.
    Jump(Box<Jump>),
    /// Nothing more than the subject.
    Nothing,
}

impl FindingMessage {
    pub(crate) fn about(subject: &std::sync::Arc<Subject>, about: About) -> Self {
        FindingMessage(FindingWhy::About(subject.clone(), about))
    }
}

impl fmt::Display for FindingMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (subject, about) = match &self.0 {
            FindingWhy::About(subject, about) => (subject, about),
            FindingWhy::Text(text) => return f.write_str(text),
        };
        write!(f, "{subject}: ")?;
        match about {
            About::Relation(reason) => reason.fmt(f),
            About::Incomparable => f.write_str(
                "some figures cannot be compared with the others (different units or kinds)",
            ),
            About::Regression(r) => {
                let (offender, below) = &**r;
                write!(
                    f,
                    "{offender} falls below what other voices reported earlier: {}; a running total cannot fall, so it is set aside",
                    Listed(below)
                )
            }
            About::Regressions(falls) => write!(
                f,
                "{} figures fall below what other voices reported earlier: {}; a running total cannot fall, so they are set aside",
                falls.count,
                Linked(falls, " below ")
            ),
            About::FellTo(fell) => {
                let (latest, above) = &**fell;
                let (falls, they) =
                    if latest.len() == 1 { ("falls", "it") } else { ("fall", "them") };
                write!(
                    f,
                    "the latest {} {falls} below what other voices reported earlier: {}; a running total cannot fall, so one side is wrong, and the earlier voices do not outweigh {they}: the estimate follows {they} and sets the earlier figures aside",
                    if latest.len() == 1 { "figure" } else { "figures" },
                    Listed(above)
                )?;
                write!(f, " (latest: {})", Listed(latest))
            }
            About::AboveFloor(above) => {
                let (n, are, beneath) = if above.len() == 1 {
                    ("figure", "is", "it")
                } else {
                    ("figures", "are", "them")
                };
                write!(
                    f,
                    "earlier {n} above the floor the estimate stands on {are} set aside: {}; the figures beneath {beneath} weigh at least as much, so only the floor is confirmed",
                    Listed(above)
                )
            }
            About::OverReports(over) => {
                if over.len() == 1 {
                    write!(
                        f,
                        "earlier figure above the estimate is set aside as an over-report of its day: {}; {OUTRAN}, each by more than one count, so no later figure falls below it",
                        Listed(over)
                    )
                } else {
                    write!(
                        f,
                        "earlier figures above the estimate are set aside as over-reports of their day: {}; for each, more than half of the voices of its day gave less, each by more than one count, so no later figure falls below them",
                        Listed(over)
                    )
                }
            }
            About::Conflicts(pairs) => {
                write!(f, "{} pairs of figures conflict: {}", pairs.count, Linked(pairs, " and "))
            }
            About::Undecided(u) => write!(f, "{}; {}", u.0, u.1),
            About::Estimate(reason) => reason.fmt(f),
            About::Split(n) => write!(f, "the figures split into {n} conflicting clusters"),
            About::SingleVoice(s) => write!(f, "{}, from one voice ({})", s.0, s.1),
            About::Jump(jump) => write!(
                f,
                "{} rests on one voice and is {:.1} times the highest of what other voices reported earlier, {}; a jump that large waits for a second voice: the estimate is at least that figure, and no more is confirmed",
                jump.figure, jump.times, jump.level
            ),
            About::Nothing => Ok(()),
        }
    }
}

crate::words::words_as_text!(FindingMessage, |text| FindingMessage(FindingWhy::Text(text)));

#[cfg(test)]
mod tests {
    use super::RankWhy;
    use crate::{ClaimId, Ranked};
    use crate::{Nature, Parser, Reconciler, Table};
    use std::sync::Arc;

    /// A figure that several later figures fall below is named by each of their reasons, its
    /// text made once for the group and shared (on a table of running totals, millions of
    /// times in all).
    #[test]
    fn regressions_below_one_figure_share_its_text() -> Result<(), crate::Error> {
        // Three voices give 100, the first on the 1st; two others fall below it later.
        let csv = "source,object,attribute,value,as_of\n\
                   a,town,total,100,2022-01-01\n\
                   b,town,total,50,2022-01-02\n\
                   c,town,total,60,2022-01-03\n\
                   d,town,total,100,2022-01-03\n\
                   e,town,total,100,2022-01-03\n";
        let table = Table::csv().nature_of("total", Nature::RunningTotal);
        let bulk = table.read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
        let r = Reconciler::new().reconcile_table(&bulk);
        let named: Vec<&Arc<str>> = r.groups[0]
            .ranks
            .iter()
            .filter_map(|ranked| match &ranked.reason.0 {
                RankWhy::Regression(below) => Some(&below[0].0),
                _ => None,
            })
            .collect();
        assert_eq!(named.len(), 2, "{:?}", r.groups[0].ranks);
        assert_eq!((named[0].as_ref(), named[1].as_ref()), ("100", "100"));
        assert!(Arc::ptr_eq(named[0], named[1]));
        Ok(())
    }

    /// A table's ranks keep one reason a claim, millions of them: each text it names shared
    /// (or in a box of its length), so that a rank is 48 bytes (it was 56, with the texts as
    /// growable strings), its claim's id 16 of them, with a row's text held in itself or as
    /// its table's name and its line: nothing more on the heap (it was 48 bytes or more).
    #[test]
    fn a_rank_stays_small() {
        assert!(std::mem::size_of::<RankWhy>() <= 24, "{}", std::mem::size_of::<RankWhy>());
        assert!(std::mem::size_of::<Ranked>() <= 48, "{}", std::mem::size_of::<Ranked>());
        assert!(std::mem::size_of::<ClaimId>() <= 16, "{}", std::mem::size_of::<ClaimId>());
    }
}
