//! Finishing a group: its relations, clusters, estimate and ranks, as the public [`Group`].

use std::sync::Arc;

use crate::id::ClaimId;
use crate::value::Policy;

use super::Values;

use super::group::{GroupData, as_of_key};
use super::partof::Derived;
use super::reason::Figures;
use super::relate::{Item, relate};
use super::relations::Relations;
use super::score::{Named, State};
use super::store::ClaimStore;
use super::voice::Voices;
use super::{Group, Ranked};

/// Turns a group's data and the scoring state into the public [`Group`], taking the group's
/// result (its clusters and estimate) out of the state.
#[allow(clippy::too_many_arguments)] // one call site; the inputs are the pipeline's stages
pub(crate) fn finish<C: ClaimStore + ?Sized>(
    gi: usize,
    g: &GroupData,
    claims: &C,
    values: &Values<'_, C>,
    derived: &[Derived],
    state: &mut State,
    voices: &Voices,
    policy: &Arc<Policy>,
    all_pairs_up_to: usize,
) -> Group {
    let own_derived: Vec<&Derived> = derived.iter().filter(|d| d.group == gi).collect();
    let mut items: Vec<Item<'_>> = Vec::with_capacity(g.members.len() + own_derived.len());
    // Each claim with how the estimates read its part of its day, which its relations follow.
    items.extend(
        g.members
            .iter()
            .map(|&i| Item { read: state.read_of(i), ..Item::of_claim(claims, values, voices, i) }),
    );
    items.extend(own_derived.iter().map(|d| Item::of_derived(d)));
    // The members come in this order from grouping; only derived bounds need placing.
    if !own_derived.is_empty() {
        items.sort_by(|a, b| as_of_order(a).cmp(&as_of_order(b)));
    }
    debug_assert!(items.is_sorted_by_key(as_of_order));
    let figures = Arc::new(Figures {
        policy: Arc::clone(policy),
        ids: items.iter().map(|it| it.id.clone()).collect(),
        dated: items.iter().map(Item::dated).collect(),
    });
    let nature = g.subject.behaviour();
    let result = state.take_group_result(gi);
    let n = items.len();
    let mut relations = Relations::between(figures);
    let mut relate = |pair| relate(&items, pair, &mut relations, nature, policy);
    if n <= all_pairs_up_to {
        (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).for_each(&mut relate);
    } else {
        // Neighbours in as-of order, then every other item against the estimate's anchor:
        // O(n) relations, never all pairs.
        let anchor = result.as_ref().and_then(|r| r.supporting.first());
        let k = anchor.and_then(|a| items.iter().position(|it| it.id == a));
        (1..n).for_each(|j| relate((j - 1, j)));
        if let Some(k) = k {
            let far = (0..n).filter(|i| i.abs_diff(k) > 1);
            far.for_each(|i| relate(if i < k { (i, k) } else { (k, i) }));
        }
    }
    let names = Named { claims, voices };
    let ranks = g
        .members
        .iter()
        .map(|&i| {
            let (rank, reason) = state.rank(i, &names);
            Ranked { claim: claims.id(i).clone(), rank, reason }
        })
        .collect::<Vec<_>>();
    let (clusters, estimate) = result.map_or_else(Default::default, |r| (r.clusters, r.estimate));
    Group {
        subject: g.subject.clone(),
        claims: g.members.iter().map(|&i| claims.id(i).clone()).collect(),
        derived: own_derived.iter().map(|d| d.bound.clone()).collect(),
        relations,
        clusters,
        estimate,
        ranks,
    }
}

/// An item's place in as-of order, the order grouping gives members ([`as_of_key`]).
fn as_of_order<'a>(item: &Item<'a>) -> (Option<chrono::NaiveDate>, Option<u16>, &'a ClaimId) {
    as_of_key(item.as_of, item.time, item.id)
}
