//! How two figures of one group relate: agree, conflict, supersede, change over time.

use chrono::NaiveDate;

use crate::claim::{AsOfTime, known_before};
use crate::id::ClaimId;
use crate::subject::Nature;
use crate::value::{Basis, Close, Policy, Value, Verdict};

use super::RelationKind;
use super::Values;
use super::estimate::{DayCounts, OnDay, entirely_below, held_runs, revises};
use super::partof::Derived;
use super::reason::{Dated, How, When};
use super::relations::Relations;
use super::store::ClaimStore;
use super::voice::Voices;

/// Something a relation can point at: a claim or a derived bound.
pub(crate) struct Item<'a> {
    pub id: &'a ClaimId,
    pub value: &'a Value,
    pub as_of: Option<NaiveDate>,
    /// The time of day within `as_of`, where the text gives it.
    pub time: Option<&'a AsOfTime>,
    /// A state stated as expected to change ("has not yet requested").
    pub pending: bool,
    /// The independence group it speaks for: a later lower figure of the same voice is a
    /// revision, of another voice a regression.
    pub voice: usize,
    /// Who gave it within its voice: the speaker, else the outlet (a table row's source), as
    /// [`Voices::source_of_claim`] numbers it. `usize::MAX` for a derived bound, which no one
    /// gave whole.
    pub source: usize,
    /// Whose later word corrects it: its own source, or for a fixed fact's figure another
    /// source of its voice withdrew by correcting the same figure, that source
    /// (`score::corrections`; [`Item::read_as`]).
    pub corrected_by: usize,
    /// How the estimates read its part of its day (a derived bound's: as none).
    pub read: Read,
}

impl<'a> Item<'a> {
    /// Claim `i` as a figure: its value as the engine reads it (`values[i]`, through the
    /// aliases) and its voice. One definition for relations and for scoring.
    pub fn of_claim<C: ClaimStore + ?Sized>(
        claims: &'a C,
        values: &'a Values<'a, C>,
        voices: &Voices,
        i: usize,
    ) -> Self {
        Item {
            id: claims.id(i),
            value: values.get(i),
            as_of: claims.as_of(i),
            time: claims.as_of_time(i),
            pending: claims.expects_change(i),
            voice: voices.voice_of(i),
            source: voices.source_of_claim(i),
            corrected_by: voices.source_of_claim(i),
            read: Read::default(),
        }
    }

    /// A bound derived from parts, as a figure of its voice.
    pub fn of_derived(d: &'a Derived) -> Self {
        Item {
            id: &d.bound.id,
            value: &d.bound.value,
            as_of: d.bound.as_of,
            time: None,
            pending: false,
            voice: d.voice,
            source: usize::MAX,
            corrected_by: usize::MAX,
            read: Read::default(),
        }
    }

    /// The figure as the estimates read it (`read`), corrected by the source whose correction
    /// withdrew it where one did ([`Read::corrector`]; `source_of` numbers a claim's source).
    #[must_use]
    pub fn read_as(self, read: Read, source_of: impl Fn(usize) -> usize) -> Self {
        let corrected_by = read.corrector.map_or(self.source, |c| source_of(c as usize));
        Item { corrected_by, read, ..self }
    }

    /// The figure as relations name it: its value and when it holds.
    pub fn dated(&self) -> Dated {
        Dated {
            value: self.value.clone(),
            when: When { date: self.as_of, time: self.time.map(|t| Box::new(t.clone())) },
        }
    }
}

/// How the estimates read an item's figure ([`State::read_of`](super::score::State::read_of)):
/// what relations between two figures of one day follow, so that they read the day as the
/// estimates, ranks, findings and scores do.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Read {
    /// The estimates do not hold it wrong: it is what the estimate of its part of the day
    /// holds, or that part reads as a state changed that day (its other way spared), or is
    /// undecided. A derived bound reads as not standing, which no yes/no relation asks.
    pub stands: bool,
    /// How the estimates read its part of the day, where it is a state.
    pub day: DayRead,
    /// The estimates hold it a fall: below what another voice gave earlier (a regression).
    pub fell: bool,
    /// The estimates hold it revised down by its own voice (`estimate::revisions`), as a
    /// later time of its day may tell where the relations' days do not.
    pub revised: bool,
    /// A fixed fact's figure its voice withdrew: the claim whose figure corrected it
    /// (`score::corrections`).
    pub corrector: Option<u32>,
    /// Where its epoch reads counts given to the digit as one count when close
    /// ([`crate::Policy::close`]: one of amounts that count or tally, see `score::prepare`),
    /// how the estimates read it there.
    pub counts: Option<AsCount>,
    /// The epoch it is a figure of, where the estimates read it (a claim's; `None` for a
    /// derived bound's).
    pub epoch: Option<u32>,
}

/// How the estimates read a part of a day ([`Read::day`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum DayRead {
    /// The day's vote (or the estimate) holds: no change within it.
    #[default]
    Voted,
    /// A state changed within it, to one value.
    Changed,
    /// Left undecided between two ways (a tie of voices), not read as a change.
    Undecided,
}

/// How the estimates read a figure of an epoch that reads close counts as one ([`Read`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct AsCount {
    /// Which counts its epoch reads as one ([`crate::Policy::close`], by the epoch's kind).
    pub close: Close,
    /// It is current in its epoch: of the latest date, not a running total's earlier figure.
    pub current: bool,
    /// It supports the estimate: one of the figures it stands on.
    pub supports: bool,
    /// The estimate holds it wrong (a losing rival, above the estimate, a fall).
    pub wrong: bool,
    /// Which side of a tie it is a current figure of, where that is known without the
    /// clusters: 0 for the side the estimate's best is read from, 1 for the other of a tie of
    /// two; `None` outside a tie (and for the other sides of a tie of more).
    pub side: Option<u8>,
}

/// A group's dated figures by voice and day, read once so that each pair [`relate`] asks about
/// costs O(log n): per day a voice reported, whether it gave one figure that day and since
/// when it gave only that figure (so a pair can tell that two voices held their figures from
/// one day to the other), and its figure of a later day that reaches lowest (so a pair can
/// tell that a voice revised a figure down); and the counts of each day, read as the estimates
/// read them (`estimate::DayCounts`). Made only for natures that read time (empty otherwise).
#[derive(Debug, Default)]
pub(crate) struct Days {
    days: Vec<VoiceDay>,
    counts: DayCounts,
}

/// One voice's figures of one day ([`Days`]).
#[derive(Debug, Clone, Copy)]
struct VoiceDay {
    voice: usize,
    day: NaiveDate,
    /// Where the voice gave one figure that day, none a fall: the first day of its run of
    /// days giving only that figure, up to this one.
    held_since: Option<NaiveDate>,
    /// The voice's figure of a later day whose interval reaches lowest (the least high end),
    /// if any: the one that revises a figure down if any does (`estimate::revises`).
    lowest_later: Option<usize>,
}

impl Days {
    /// The days of `items` in a group of the given nature. O(n log n).
    pub(crate) fn of(items: &[Item<'_>], nature: Nature, policy: &Policy) -> Self {
        if !matches!(nature, Nature::RunningTotal | Nature::ChangingState) {
            return Days::default();
        }
        let mut dated: Vec<(usize, NaiveDate, usize)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| item.as_of.map(|day| (item.voice, day, i)))
            .collect();
        dated.sort_unstable();
        let same = |x: usize, y: usize| {
            items[x].value.judge(items[y].value, policy).is_ok_and(|c| c.verdict == Verdict::Agrees)
        };
        // A day of one figure, none a fall.
        let one =
            |run: &[OnDay]| run.iter().all(|&(.., x)| !items[x].read.fell && same(x, run[0].2));
        let mut days: Vec<VoiceDay> = held_runs(&dated, one, same)
            .map(|(run, held_since)| {
                let (voice, day, _) = run[0];
                VoiceDay { voice, day, held_since, lowest_later: None }
            })
            .collect();
        // The lowest-reaching figure of each voice's later days, from its last day back.
        let reach = |x: usize| {
            items[x].value.interval(policy).and_then(|i| i.high()).map(|h| (h.value, !h.open))
        };
        let mut at = dated.len();
        // The lowest so far: its reach and its position.
        let mut lowest: Option<((f64, bool), usize)> = None;
        for k in (0..days.len()).rev() {
            if days.get(k + 1).is_none_or(|next| next.voice != days[k].voice) {
                lowest = None;
            }
            days[k].lowest_later = lowest.map(|(_, x)| x);
            let start =
                dated[..at].partition_point(|&(v, d, _)| (v, d) < (days[k].voice, days[k].day));
            for &(.., x) in &dated[start..at] {
                let Some(r) = reach(x) else { continue };
                let lower =
                    |(l, _): ((f64, bool), usize)| r.0.total_cmp(&l.0).then(r.1.cmp(&l.1)).is_lt();
                if lowest.is_none_or(lower) {
                    lowest = Some((r, x));
                }
            }
            at = start;
        }
        // The counts of epochs that read close counts as one, as the estimates read them.
        let mut counts = DayCounts::default();
        let count = |item: &Item<'_>| {
            let i = item.value.interval(policy).filter(crate::value::Interval::is_point)?;
            let current = item.read.counts?.current;
            item.as_of.map(|day| (day, i.low().value, current))
        };
        // The rule of the epochs that read counts so, as the estimates cut the days by it.
        let close = items.iter().find_map(|item| item.read.counts.map(|c| c.close));
        counts.fill(items.iter().filter_map(count), close.unwrap_or(policy.close_rule()));
        Days { days, counts }
    }

    /// Whether `b`, a count the estimates read so, is one count with the counts of its day
    /// that reach what `a`, earlier, allows (`estimate::DayCounts::reach`), or with the counts
    /// of `a`'s own day that `a` allows: G's "at least 2602" and 2602 one day, then A's 2342
    /// (G speaks through its 2602, `estimate::kept_floor`). O(log n).
    fn reach(&self, a: &Item<'_>, b: &Item<'_>, policy: &Policy) -> bool {
        let Value::Amount(amount) = b.value else { return false };
        let close = policy.close_rule().of(amount.unit.dimension());
        let (Some(early), Some(late)) = (a.value.interval(policy), b.value.interval(policy)) else {
            return false;
        };
        let on = |day: Option<NaiveDate>| {
            day.is_some_and(|day| self.counts.reach(day, &late, &early.low(), close))
        };
        b.read.counts.is_some() && (on(b.as_of) || on(a.as_of))
    }

    /// What `voice` gave on `day`, if it reported that day.
    fn on(&self, voice: usize, day: NaiveDate) -> Option<&VoiceDay> {
        let k = self.days.partition_point(|d| (d.voice, d.day) < (voice, day));
        self.days.get(k).filter(|d| (d.voice, d.day) == (voice, day))
    }

    /// The voice's latest day at or before `day`. O(log n).
    fn by(&self, voice: usize, day: NaiveDate) -> Option<&VoiceDay> {
        let k = self.days.partition_point(|d| (d.voice, d.day) <= (voice, day));
        k.checked_sub(1).and_then(|k| self.days.get(k)).filter(|d| d.voice == voice)
    }
}

/// Whether the estimates keep earlier figure `a` (not wrong, in a count epoch) beside later
/// figure `b` of its epoch that did not fall: what a one-count relation between them needs.
fn kept_beside(a: &Item<'_>, b: &Item<'_>) -> bool {
    !b.read.fell && a.read.counts.is_some_and(|c| !c.wrong) && a.read.epoch == b.read.epoch
}

/// How `items[a]` (not later than `items[b]`) relates to `items[b]` in a group of the given
/// nature, added to `relations`, which hold the items' figures in the same order; `days` are
/// the items' ([`Days::of`]).
pub(crate) fn relate(
    items: &[Item<'_>],
    (ia, ib): (usize, usize),
    (relations, days): (&mut Relations, &Days),
    nature: Nature,
    policy: &Policy,
) {
    let (a, b) = (&items[ia], &items[ib]);
    let mut relation = |kind, how, complement| relations.push_pair((ia, ib), kind, how, complement);
    let Ok(cmp) = a.value.judge(b.value, policy) else {
        return relation(RelationKind::Incomparable, How::Judged { in_time: false }, false);
    };
    let complement = cmp.basis == Basis::Complement;
    // A running total's undated figure is earlier than every dated one, as the estimates read
    // it (`score::is_current`): the total rose past it, or was revised down from it.
    let undated_first = nature == Nature::RunningTotal && a.as_of.is_none() && b.as_of.is_some();
    let later = undated_first || known_before((a.as_of, a.time), (b.as_of, b.time));
    let same_day = !later && a.as_of.is_some() && a.as_of == b.as_of;
    let flips = matches!((a.value, b.value), (Value::YesNo(_), Value::YesNo(_)));
    let one_reading = one_reading(a, b, later);
    if cmp.verdict == Verdict::Conflicts
        && one_reading
        && a.read.epoch == b.read.epoch
        && a.value.is_close_to(b.value, policy)
    {
        let how = How::Close { same_voice: a.voice == b.voice };
        return relation(RelationKind::Compatible, how, false);
    }
    let persists = || later && !complement && persists(items, (ia, ib), days, policy);
    let revised = || revised_away(items, ia, days, policy);
    let (kind, how) = match (nature, cmp.verdict, later) {
        (Nature::RunningTotal | Nature::ChangingState, Verdict::Conflicts, true) if persists() => {
            (RelationKind::Conflicts, How::Persists)
        }
        // A yes/no state that flips within one day: "not yet" came first; else the order is
        // unknown, a note and not a conflict.
        // Both ways on one day, neither held wrong by the estimates: a change that day, where
        // "not yet" came first, else in an unknown order. Where the estimates hold one wrong
        // (a slip the day's vote outweighs), they conflict.
        // A day the estimates leave undecided between the two ways (a tie of voices) reads
        // as no change: the two conflict, as the finding says.
        (Nature::ChangingState, Verdict::Conflicts, false)
            if same_day
                && flips
                && a.pending == b.pending
                && a.read.day == DayRead::Undecided
                && b.read.day == DayRead::Undecided =>
        {
            (RelationKind::Conflicts, How::Undecided)
        }
        (Nature::ChangingState, Verdict::Conflicts, false)
            if same_day && flips && a.read.stands && b.read.stands =>
        {
            match (a.pending, b.pending) {
                (true, false) => {
                    (RelationKind::ChangedOverTime, How::ChangedSameDay { reversed: false })
                }
                (false, true) => {
                    (RelationKind::ChangedOverTime, How::ChangedSameDay { reversed: true })
                }
                _ => (RelationKind::ChangedSameDay, How::SameDayUnordered),
            }
        }
        (Nature::RunningTotal, Verdict::Conflicts, true) => {
            match (a.value.interval(policy), b.value.interval(policy)) {
                (Some(early), Some(late)) if entirely_below(&early, &late) => {
                    (RelationKind::Supersedes, How::Rose)
                }
                _ if a.voice == b.voice => (RelationKind::Supersedes, How::RevisedDown),
                // A later count close to another voice's earlier one is the same count, not a
                // fall, where the estimate reads counts so (`estimate::falls_below`), current
                // or not.
                _ if b.read.counts.is_some()
                    && a.read.epoch == b.read.epoch
                    && a.value.is_close_to(b.value, policy) =>
                {
                    (RelationKind::Compatible, How::Close { same_voice: false })
                }
                _ if a.read.revised || revised() => (RelationKind::Supersedes, How::RevisedAway),
                // A later count the estimate stands on, one count with counts that reach what
                // an earlier bound allows (`estimate::Kept::reaches`), or one count with the
                // counts of its day that reach it (`estimate::DayCounts`): the estimates hold
                // it no fall, and the bound, conflicting with it, not wrong (which it is only
                // where its low end lies within the counts: above them it is set aside, below
                // them it conflicts with none).
                _ if kept_beside(a, b)
                    && a.value.interval(policy).is_some_and(|i| !i.is_point())
                    && (b.read.counts.is_some_and(|c| c.current && c.supports)
                        || days.reach(a, b, policy)) =>
                {
                    (RelationKind::Compatible, How::OneCount)
                }
                // An earlier count the estimate keeps (one count near the top of its counts)
                // beside a later bound it stands on ("up to 202" the day after 200 and 205),
                // which allows the top the counts reach (`estimate::Kept::allows_top`).
                _ if kept_beside(a, b)
                    && b.value.interval(policy).is_some_and(|i| !i.is_point())
                    && b.read.counts.is_some_and(|c| c.current && c.supports) =>
                {
                    (RelationKind::Compatible, How::NearTop)
                }
                _ => (RelationKind::Regression, How::Fell),
            }
        }
        (Nature::ChangingState, Verdict::Conflicts, true) if !complement => {
            (RelationKind::ChangedOverTime, How::Changed)
        }
        (Nature::FixedFact, Verdict::Conflicts, _) if a.read.revised || b.read.revised => {
            corrected(a, b, later)
        }
        (_, verdict, _) => {
            let kind = match verdict {
                Verdict::Agrees => RelationKind::Agrees,
                Verdict::Compatible => RelationKind::Compatible,
                Verdict::Conflicts => RelationKind::Conflicts,
            };
            (kind, How::Judged { in_time: later })
        }
    };
    relation(kind, how, complement);
}

/// Whether the estimate reads figures `a` and `b` (`b` known later where `later`) as one
/// reading, where they are close counts: one count, not two answers.
fn one_reading(a: &Item<'_>, b: &Item<'_>, later: bool) -> bool {
    // Figures given to the digit that the estimate reads as one count (see `Policy::close`):
    // close counts of one epoch that the estimate both stands on, current in it, or both a
    // running total's earlier figures of one day, in no known order, beneath it. (Two close
    // counts it splits between clusters, or sets aside, are two answers, as the ranks say; an
    // earlier day is no epoch of its own, so its figures are read pair by pair: of 100, 109
    // and 118 the day before, 100 and 118 conflict.)
    // (An earlier figure need not support the estimate, only not be held wrong by it: beside
    // a tie the estimate stands on none.)
    // A side of a tie of two is read as the chosen cluster is: 130 and 132 against 100 and 100
    // are one count.
    let standing = |read: Read| {
        read.counts.filter(|c| if c.current { c.supports } else { !c.wrong }).map(|c| c.current)
    };
    let side = |read: Read| read.counts.and_then(|c| c.side.filter(|_| c.current));
    match (standing(a.read), standing(b.read)) {
        _ if side(a.read).is_some() && side(a.read) == side(b.read) => true,
        (Some(true), Some(true)) => true,
        // Of one day, in no known order: current and earlier figures alike (a silent voice's
        // figure stands current beside another's repeat of that day's). An undated figure is
        // of no known order with another where it is no running total's (which reads it as
        // earlier than every dated figure: `later`).
        (Some(_), Some(_)) => {
            (a.as_of.is_some() && a.as_of == b.as_of || a.as_of.is_none() || b.as_of.is_none())
                && !later
        }
        _ => false,
    }
}

/// How a fixed fact's figure its voice withdrew (the estimates hold it corrected:
/// `score::withdraw_corrected`), `a` or `b` or both, relates to the other, conflicting with
/// it: a later figure of the source that corrected it supersedes it (withdrawn in turn or not:
/// a source correcting itself twice), and it stands against no other figure, nor another
/// against it: another voice's, or its voice's through another source (a later relay of its
/// wire by another outlet), which corrected nothing (`score::corrections`).
fn corrected(a: &Item<'_>, b: &Item<'_>, later: bool) -> (RelationKind, How) {
    if (a.voice, a.corrected_by) == (b.voice, b.source) && a.read.revised && later {
        (RelationKind::Supersedes, How::Corrected)
    } else {
        (
            RelationKind::Withdrawn,
            How::CorrectedAway { withdrawn: (a.read.revised, b.read.revised) },
        )
    }
}

/// Whether two voices that each held their figure from one day to the other, `items[a]`'s (the
/// earlier) and `items[b]`'s, disagreeing, saw no rise or fall, or change of state, between
/// them: they disagree ("100, 200 yesterday; 100, 200 today" is a split, not 100 rising to 200
/// and 200 falling to 100). Each voice gave only its figure on every day it reported from the
/// earlier day (or before) to the later (or to its last day before it), none a fall. Not
/// where either voice's figure moved (each reads its own rise), where the two are one count,
/// where the estimates hold one a fall (the ranks and findings say so), or where they read
/// the earlier day as a state changed within it. O(log n).
fn persists(items: &[Item<'_>], (ia, ib): (usize, usize), days: &Days, policy: &Policy) -> bool {
    let (a, b) = (&items[ia], &items[ib]);
    let (Some(first), Some(last)) = (a.as_of, b.as_of) else { return false };
    // A voice silent on the later day held its figure to it (as the estimates read it, the
    // figure stands current beside the other's repeat).
    let held = |voice: usize| {
        days.by(voice, last).and_then(|d| d.held_since).is_some_and(|since| since <= first)
    };
    first < last
        && a.voice != b.voice
        && !(b.read.counts.is_some() && a.value.is_close_to(b.value, policy))
        && a.read.day != DayRead::Changed
        && days.on(a.voice, first).is_some_and(|d| d.held_since.is_some())
        && held(a.voice)
        && held(b.voice)
}

/// Whether the voice of `items[a]` (the earlier figure) revised it down on a later day (the
/// estimates' rule, `estimate::revises`): it is no floor for `items[b]`, another voice's, as
/// the ranks read the latest day. (Whether `items[b]` falls below what that voice gave after
/// the revision is that figure's own relation.) O(log n).
fn revised_away(items: &[Item<'_>], ia: usize, days: &Days, policy: &Policy) -> bool {
    let a = &items[ia];
    let (Some(day), Some(early)) = (a.as_of, a.value.interval(policy)) else { return false };
    let lowest = days.on(a.voice, day).and_then(|d| d.lowest_later);
    lowest.and_then(|x| items[x].value.interval(policy)).is_some_and(|l| revises(&l, &early))
}
