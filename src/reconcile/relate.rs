//! How two figures of one group relate: agree, conflict, supersede, change over time.

use chrono::NaiveDate;

use crate::claim::{AsOfTime, known_before};
use crate::id::ClaimId;
use crate::subject::Nature;
use crate::value::{Basis, Policy, Value, Verdict};

use super::RelationKind;
use super::Values;
use super::estimate::entirely_below;
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
        }
    }

    /// The figure as relations name it: its value and when it holds.
    pub fn dated(&self) -> Dated {
        Dated {
            value: self.value.clone(),
            when: When { date: self.as_of, time: self.time.map(|t| Box::new(t.clone())) },
        }
    }
}

/// How `items[a]` (not later than `items[b]`) relates to `items[b]` in a group of the given
/// nature, added to `relations`, which hold the items' figures in the same order.
/// `changed_days` are the days the group's estimates read as a yes/no state changed in an order
/// the reports do not give ([`State::same_day_changes`](super::score::State::same_day_changes)).
pub(crate) fn relate(
    items: &[Item<'_>],
    (ia, ib): (usize, usize),
    relations: &mut Relations,
    nature: Nature,
    changed_days: &[NaiveDate],
    policy: &Policy,
) {
    let (a, b) = (&items[ia], &items[ib]);
    let mut relation = |kind, how, complement| relations.push_pair((ia, ib), kind, how, complement);
    let Ok(cmp) = a.value.judge(b.value, policy) else {
        return relation(RelationKind::Incomparable, How::Judged { in_time: false }, false);
    };
    let complement = cmp.basis == Basis::Complement;
    let later = known_before((a.as_of, a.time), (b.as_of, b.time));
    let same_day = !later && a.as_of.is_some() && a.as_of == b.as_of;
    let flips = matches!((a.value, b.value), (Value::YesNo(_), Value::YesNo(_)));
    let (kind, how) = match (nature, cmp.verdict, later) {
        // A yes/no state that flips within one day: "not yet" came first; else the order is
        // unknown, a note and not a conflict.
        (Nature::ChangingState, Verdict::Conflicts, false)
            if same_day && flips && a.pending != b.pending =>
        {
            (RelationKind::ChangedOverTime, How::ChangedSameDay { reversed: b.pending })
        }
        // In an unknown order: a change that day only where the estimate reads the day so (the
        // other way backed by the day's vote or the next day's); else one way is wrong.
        (Nature::ChangingState, Verdict::Conflicts, false)
            if same_day && flips && a.as_of.is_some_and(|d| changed_days.contains(&d)) =>
        {
            (RelationKind::ChangedSameDay, How::SameDayUnordered)
        }
        (Nature::RunningTotal, Verdict::Conflicts, true) => {
            match (a.value.interval(policy), b.value.interval(policy)) {
                (Some(early), Some(late)) if entirely_below(&early, &late) => {
                    (RelationKind::Supersedes, How::Rose)
                }
                _ if a.voice == b.voice => (RelationKind::Supersedes, How::RevisedDown),
                _ => (RelationKind::Regression, How::Fell),
            }
        }
        (Nature::ChangingState, Verdict::Conflicts, true) if !complement => {
            (RelationKind::ChangedOverTime, How::Changed)
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
