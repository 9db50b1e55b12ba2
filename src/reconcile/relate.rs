//! How two figures of one group relate: agree, conflict, supersede, change over time.

use chrono::NaiveDate;

use crate::claim::{AsOfTime, known_before};
use crate::id::ClaimId;
use crate::subject::Nature;
use crate::value::{Basis, Policy, Value, Verdict};

use super::estimate::entirely_below;
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

fn date_text(d: Option<NaiveDate>, time: Option<&AsOfTime>) -> String {
    let date = crate::claim::day_text(d);
    time.map_or(date.clone(), |t| format!("{date}, {t}"))
}

/// How `a` (not later than `b`) relates to `b` in a group of the given nature.
pub(crate) fn relate(a: &Item<'_>, b: &Item<'_>, nature: Nature, policy: &Policy) -> Relation {
    let cmp = match a.value.compare_with(b.value, policy) {
        Ok(c) => c,
        Err(e) => {
            return Relation {
                a: a.id.clone(),
                b: b.id.clone(),
                kind: RelationKind::Incomparable,
                reason: e.to_string(),
                complement: false,
            };
        }
    };
    let complement = cmp.basis == Basis::Complement;
    let later = known_before((a.as_of, a.time), (b.as_of, b.time));
    let (ta, tb) = (date_text(a.as_of, a.time), date_text(b.as_of, b.time));
    let same_day = !later && a.as_of.is_some() && a.as_of == b.as_of;
    let flips = matches!((a.value, b.value), (Value::YesNo(_), Value::YesNo(_)));
    let (kind, reason) = match (nature, cmp.verdict, later) {
        // A yes/no state that flips within one day: "not yet" came first; else the order is
        // unknown, a note and not a conflict.
        (Nature::ChangingState, Verdict::Conflicts, false) if same_day && flips => {
            match (a.pending, b.pending) {
                (true, false) => (
                    RelationKind::ChangedOverTime,
                    format!(
                        "changed the same day ({ta}) from {} (\"not yet\") to {}",
                        a.value, b.value
                    ),
                ),
                (false, true) => (
                    RelationKind::ChangedOverTime,
                    format!(
                        "changed the same day ({ta}) from {} (\"not yet\") to {}",
                        b.value, a.value
                    ),
                ),
                _ => (
                    RelationKind::ChangedSameDay,
                    format!(
                        "{} and {} the same day ({ta}), in an order the reports do not give",
                        a.value, b.value
                    ),
                ),
            }
        }
        (Nature::RunningTotal, Verdict::Conflicts, true) => {
            let (ia, ib) = (a.value.interval(policy), b.value.interval(policy));
            match (ia, ib) {
                (Some(ia), Some(ib)) if entirely_below(&ia, &ib) => (
                    RelationKind::Supersedes,
                    format!("the running total rose from {} ({ta}) to {} ({tb})", a.value, b.value),
                ),
                _ if a.voice == b.voice => (
                    RelationKind::Supersedes,
                    format!(
                        "revised down from {} ({ta}) to {} ({tb}) by the same voice",
                        a.value, b.value
                    ),
                ),
                _ => (
                    RelationKind::Regression,
                    format!(
                        "the running total fell from {} ({ta}) to {} ({tb}): a later figure below an earlier one",
                        a.value, b.value
                    ),
                ),
            }
        }
        (Nature::ChangingState, Verdict::Conflicts, true) if !complement => (
            RelationKind::ChangedOverTime,
            format!("changed from {} ({ta}) to {} ({tb})", a.value, b.value),
        ),
        (_, verdict, _) => {
            let kind = match verdict {
                Verdict::Agrees => RelationKind::Agrees,
                Verdict::Compatible => RelationKind::Compatible,
                Verdict::Conflicts => RelationKind::Conflicts,
            };
            let when = if later { format!(" ({ta}, then {tb})") } else { String::new() };
            (kind, format!("{}{when}", cmp.reason))
        }
    };
    Relation { a: a.id.clone(), b: b.id.clone(), kind, reason, complement }
}
