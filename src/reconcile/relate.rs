//! How two figures of one group relate: agree, conflict, supersede, change over time.

use chrono::NaiveDate;

use crate::claim::{AsOfTime, known_before};
use crate::id::ClaimId;
use crate::subject::Nature;
use crate::value::{Basis, Policy, Value, Verdict};

use super::estimate::entirely_below;
use super::reason::{Dated, RelationWhy, When};
use super::{Relation, RelationKind};

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

impl Item<'_> {
    fn when(&self) -> When {
        When { date: self.as_of, time: self.time.map(|t| Box::new(t.clone())) }
    }

    fn dated(&self) -> Dated {
        Dated { value: self.value.clone(), when: self.when() }
    }
}

/// How `a` (not later than `b`) relates to `b` in a group of the given nature.
pub(crate) fn relate(a: &Item<'_>, b: &Item<'_>, nature: Nature, policy: &Policy) -> Relation {
    let relation = |kind, why: RelationWhy, complement| Relation {
        a: a.id.clone(),
        b: b.id.clone(),
        kind,
        reason: why.into(),
        complement,
    };
    let cmp = match a.value.judge(b.value, policy) {
        Ok(c) => c,
        Err(e) => return relation(RelationKind::Incomparable, RelationWhy::Incomparable(e), false),
    };
    let complement = cmp.basis == Basis::Complement;
    let later = known_before((a.as_of, a.time), (b.as_of, b.time));
    let same_day = !later && a.as_of.is_some() && a.as_of == b.as_of;
    let flips = matches!((a.value, b.value), (Value::YesNo(_), Value::YesNo(_)));
    let both = || [a.dated(), b.dated()];
    let (kind, why) = match (nature, cmp.verdict, later) {
        // A yes/no state that flips within one day: "not yet" came first; else the order is
        // unknown, a note and not a conflict.
        (Nature::ChangingState, Verdict::Conflicts, false) if same_day && flips => {
            let day = a.when();
            match (a.pending, b.pending) {
                (true, false) => (
                    RelationKind::ChangedOverTime,
                    RelationWhy::ChangedSameDay(Box::new((a.value.clone(), b.value.clone(), day))),
                ),
                (false, true) => (
                    RelationKind::ChangedOverTime,
                    RelationWhy::ChangedSameDay(Box::new((b.value.clone(), a.value.clone(), day))),
                ),
                _ => (
                    RelationKind::ChangedSameDay,
                    RelationWhy::SameDayUnordered(Box::new((
                        a.value.clone(),
                        b.value.clone(),
                        day,
                    ))),
                ),
            }
        }
        (Nature::RunningTotal, Verdict::Conflicts, true) => {
            let (ia, ib) = (a.value.interval(policy), b.value.interval(policy));
            match (ia, ib) {
                (Some(ia), Some(ib)) if entirely_below(&ia, &ib) => {
                    (RelationKind::Supersedes, RelationWhy::Rose(both()))
                }
                _ if a.voice == b.voice => {
                    (RelationKind::Supersedes, RelationWhy::RevisedDown(both()))
                }
                _ => (RelationKind::Regression, RelationWhy::Fell(both())),
            }
        }
        (Nature::ChangingState, Verdict::Conflicts, true) if !complement => {
            (RelationKind::ChangedOverTime, RelationWhy::Changed(both()))
        }
        (_, verdict, _) => {
            let kind = match verdict {
                Verdict::Agrees => RelationKind::Agrees,
                Verdict::Compatible => RelationKind::Compatible,
                Verdict::Conflicts => RelationKind::Conflicts,
            };
            let when = later.then(|| [a.when(), b.when()]);
            (kind, RelationWhy::Compared(cmp.reason, when))
        }
    };
    relation(kind, why, complement)
}
