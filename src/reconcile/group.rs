//! Grouping by normalised subject, relations within a group, ranks.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::claim::{AsOfTime, Claim, known_before};
use crate::id::ClaimId;
use crate::subject::{Aliases, Nature, Subject};
use crate::value::{Basis, Policy, Value, Verdict};

use super::estimate::entirely_below;
use super::partof::Derived;
use super::score::State;
use super::voice::Voices;
use super::{Group, Ranked, Relation, RelationKind};

/// A group under construction: its subject and claim indices in as-of order.
#[derive(Debug, Clone)]
pub(crate) struct GroupData {
    pub subject: Subject,
    pub members: Vec<usize>,
}

pub(crate) fn build(claims: &[Claim], aliases: &Aliases) -> Vec<GroupData> {
    let mut map: BTreeMap<Subject, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        map.entry(c.subject().clone().normalized(aliases)).or_default().push(i);
    }
    map.into_iter()
        .map(|(subject, mut members)| {
            members.sort_by(|&a, &b| order_key(&claims[a]).cmp(&order_key(&claims[b])));
            GroupData { subject, members }
        })
        .collect()
}

/// As-of order: date (undated first), then the start of the time of day where known (unknown
/// first), then id.
fn order_key(c: &Claim) -> (Option<NaiveDate>, Option<u16>, &ClaimId) {
    (c.as_of(), c.as_of_time().map(|t| t.stretch().start_key()), c.id())
}

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

/// Turns a group's data and the scoring state into the public [`Group`].
#[allow(clippy::too_many_arguments)] // one call site; the inputs are the pipeline's stages
pub(crate) fn finish(
    gi: usize,
    g: &GroupData,
    claims: &[Claim],
    values: &[Value],
    derived: &[Derived],
    state: &State,
    voices: &Voices,
    policy: &Policy,
    all_pairs_up_to: usize,
) -> Group {
    let mut items: Vec<Item<'_>> = g
        .members
        .iter()
        .map(|&i| Item {
            id: claims[i].id(),
            value: &values[i],
            as_of: claims[i].as_of(),
            time: claims[i].as_of_time(),
            pending: claims[i].expects_change(),
            voice: voices.voice_of(i),
        })
        .collect();
    let own_derived: Vec<&Derived> = derived.iter().filter(|d| d.group == gi).collect();
    items.extend(own_derived.iter().map(|d| Item {
        id: &d.bound.id,
        value: &d.bound.value,
        as_of: d.bound.as_of,
        time: None,
        pending: false,
        voice: d.voice,
    }));
    items.sort_by(|a, b| {
        (a.as_of, a.time.map(|t| t.stretch().start_key()), a.id).cmp(&(
            b.as_of,
            b.time.map(|t| t.stretch().start_key()),
            b.id,
        ))
    });
    let nature = g.subject.behaviour();
    let result = state.group_result_of(gi);
    let mut relations = Vec::new();
    if items.len() <= all_pairs_up_to {
        for i in 0..items.len() {
            for j in i + 1..items.len() {
                relations.push(relate(&items[i], &items[j], nature, policy));
            }
        }
    } else {
        // Neighbours in as-of order, then every other item against the estimate's anchor:
        // O(n) relations, never all pairs.
        for w in items.windows(2) {
            relations.push(relate(&w[0], &w[1], nature, policy));
        }
        let anchor = result.and_then(|r| r.supporting.first());
        if let Some(k) = anchor.and_then(|a| items.iter().position(|it| it.id == a)) {
            for (i, it) in items.iter().enumerate() {
                if i.abs_diff(k) > 1 {
                    let (x, y) = if i < k { (it, &items[k]) } else { (&items[k], it) };
                    relations.push(relate(x, y, nature, policy));
                }
            }
        }
    }
    let ranks = g
        .members
        .iter()
        .map(|&i| {
            let (rank, reason) = state.rank(i);
            Ranked { claim: claims[i].id().clone(), rank, reason }
        })
        .collect::<Vec<_>>();
    Group {
        subject: g.subject.clone(),
        claims: g.members.iter().map(|&i| claims[i].id().clone()).collect(),
        derived: own_derived.iter().map(|d| d.bound.clone()).collect(),
        relations,
        clusters: result.map(|r| r.clusters.clone()).unwrap_or_default(),
        estimate: result.and_then(|r| r.estimate.clone()),
        ranks,
    }
}
