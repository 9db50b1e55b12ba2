//! Finishing a group: its relations, clusters, estimate and ranks, as the public [`Group`].

use crate::claim::Claim;
use crate::value::{Policy, Value};

use super::group::GroupData;
use super::partof::Derived;
use super::relate::{Item, relate};
use super::score::State;
use super::voice::Voices;
use super::{Group, Ranked};

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
