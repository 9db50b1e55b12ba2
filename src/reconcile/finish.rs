//! Finishing a group: its relations, clusters, estimate and ranks, as the public [`Group`].

use std::sync::Arc;

use crate::id::ClaimId;
use crate::subject::{Nature, Subject};
use crate::value::Policy;
use crate::value::Value;

use super::Values;

use super::group::{GroupData, as_of_key};
use super::partof::Derived;
use super::reason::Figures;
use super::relate::{Days, Item, Read, relate};
use super::relations::Relations;
use super::score::{ClaimNames, KeyTexts, Named, State};
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
    items.extend(g.members.iter().map(|&i| {
        let item = Item::of_claim(claims, values, voices, i);
        item.read_as(state.read_of(i), |c| voices.source_of_claim(c))
    }));
    items.extend(own_derived.iter().map(|d| Item::of_derived(d)));
    // The members come in this order from grouping; only derived bounds need placing.
    if !own_derived.is_empty() {
        items.sort_by(|a, b| as_of_order(a).cmp(&as_of_order(b)));
    }
    let result = state.take_group_result(gi);
    let anchor = result.as_ref().and_then(|r| r.supporting.first());
    let relations = relations_of(&items, g.subject.behaviour(), policy, anchor, all_pairs_up_to);
    let names = Named { claims, voices };
    let ranks = ranked(state, g.members.iter().map(|&i| (i, claims.id(i).clone())), &names);
    let (clusters, estimate) = result.map_or_else(Default::default, |r| (r.clusters, r.estimate));
    Group {
        subject: g.subject.clone(),
        claims: g.members.iter().map(|&i| claims.id(i).clone()).collect(),
        derived: own_derived.iter().map(|d| d.bound.clone()).collect(),
        relations,
        clusters,
        estimate,
        ranks,
        repeats: g
            .members
            .iter()
            .filter_map(|&i| {
                let o = claims.repeats(i)?;
                let (claim, repeats) = (claims.id(i).clone(), claims.id(o).clone());
                Some(super::Repeat { claim, repeats, as_of: claims.as_of(i) })
            })
            .collect(),
    }
}

/// A table's variable as the public [`Group`], as [`finish`] makes a group of `Reconciler`'s:
/// its claims (`members`, each with its date and voice, in as-of order: by date, the undated
/// first, then by id), the relations between them ([`relations_of`]), its latest epoch's
/// clusters and estimate, named by `names`; its ranks are left empty, for [`ranked`] to
/// make where they are kept (findings do not read them). The state must know each claim's
/// observation ([`State::index_claims`]). A table's row has no time of day, states
/// nothing as pending and derives no bound.
pub(crate) fn finish_variable(
    gi: usize,
    subject: Subject,
    members: &[(usize, Option<chrono::NaiveDate>, usize)],
    names: &impl ClaimNames,
    state: &State,
    policy: &Arc<Policy>,
    all_pairs_up_to: usize,
) -> Group {
    let ids: Vec<ClaimId> = members.iter().map(|&(c, _, _)| names.id(c)).collect();
    let values: Vec<Value> = members.iter().map(|&(c, _, _)| names.value(c)).collect();
    let items: Vec<Item<'_>> = members
        .iter()
        .enumerate()
        .map(|(j, &(c, as_of, voice))| {
            Item {
                id: &ids[j],
                value: &values[j],
                as_of,
                time: None,
                pending: false,
                voice,
                source: names.source_number(c),
                corrected_by: names.source_number(c),
                read: Read::default(),
            }
            .read_as(state.read_of(c), |c| names.source_number(c))
        })
        .collect();
    let result = state.latest_result(gi, names);
    let anchor = result.as_ref().and_then(|r| r.supporting.first());
    let relations = relations_of(&items, subject.behaviour(), policy, anchor, all_pairs_up_to);
    drop(items);
    let (clusters, estimate) = result.map_or_else(Default::default, |r| (r.clusters, r.estimate));
    Group {
        subject,
        claims: ids,
        derived: Vec::new(),
        relations,
        clusters,
        estimate,
        ranks: Vec::new(),
        repeats: Vec::new(),
    }
}

/// The ranks of claims `(index, id)`, in that order, as [`State::rank`] gives them: one
/// definition of a group's ranks for `Reconciler`'s groups and a table's variables.
pub(crate) fn ranked(
    state: &State,
    claims: impl Iterator<Item = (usize, ClaimId)>,
    names: &impl ClaimNames,
) -> Vec<Ranked> {
    let mut texts = KeyTexts::default();
    claims
        .map(|(i, claim)| {
            let (rank, reason) = state.rank(i, names, &mut texts);
            Ranked { claim, rank, reason }
        })
        .collect()
}

/// The relations between a group's figures, `items` in as-of order ([`as_of_key`]), in a
/// group of the given nature: every pair up to `all_pairs_up_to` figures; beyond, neighbours
/// in as-of order, then every other figure against `anchor` (the estimate's first supporting
/// figure), then in a state or fact each figure an earlier epoch sets aside against that
/// epoch's first standing figure ([`earlier_anchors`]), O(n) relations, never all pairs. One
/// definition for `Reconciler`'s groups and a table's variables.
pub(crate) fn relations_of(
    items: &[Item<'_>],
    nature: Nature,
    policy: &Arc<Policy>,
    anchor: Option<&ClaimId>,
    all_pairs_up_to: usize,
) -> Relations {
    debug_assert!(items.is_sorted_by_key(as_of_order));
    let figures = Arc::new(Figures {
        policy: Arc::clone(policy),
        ids: items.iter().map(|it| it.id.clone()).collect(),
        dated: items.iter().map(Item::dated).collect(),
    });
    let n = items.len();
    let mut relations = Relations::between(figures);
    let days = Days::of(items, nature, policy);
    let mut relate = |pair| relate(items, pair, (&mut relations, &days), nature, policy);
    if n <= all_pairs_up_to {
        (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).for_each(&mut relate);
    } else {
        let k = anchor.and_then(|a| items.iter().position(|it| it.id == a));
        (1..n).for_each(|j| relate((j - 1, j)));
        if let Some(k) = k {
            let far = (0..n).filter(|i| i.abs_diff(k) > 1);
            far.for_each(|i| relate(if i < k { (i, k) } else { (k, i) }));
        }
        if nature != Nature::RunningTotal {
            earlier_anchors(items, k).for_each(&mut relate);
        }
    }
    relations
}

/// In a large group of a state or fact, the pairs that relate each figure of an earlier epoch
/// that its estimate does not hold ([`super::relate::Read::stands`]) with the first figure of
/// that epoch that it does, where they are no neighbours in as-of order: a day's minority
/// ("yes" from three outlets among four saying "no" on the 5th, before and after "no") is then
/// a conflict of its day, each figure of it, though its neighbours agree with it. O(n): a
/// figure gains one pair at most. The latest epoch's figures pair with `anchor` (the position
/// of the estimate's first supporting figure) already, and a running total's earlier figures
/// are read by its regressions.
fn earlier_anchors(
    items: &[Item<'_>],
    anchor: Option<usize>,
) -> impl Iterator<Item = (usize, usize)> {
    let latest = anchor.and_then(|k| items[k].read.epoch);
    let mut first: Vec<(u32, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| it.read.epoch.filter(|_| it.read.stands).map(|e| (e, i)))
        .collect();
    // The first standing figure of each epoch: its lowest position.
    first.sort_unstable();
    first.dedup_by_key(|&mut (e, _)| e);
    items.iter().enumerate().filter_map(move |(i, it)| {
        let e = it.read.epoch.filter(|&e| !it.read.stands && Some(e) != latest)?;
        let k = first.binary_search_by_key(&e, |&(e, _)| e).ok().map(|j| first[j].1)?;
        (i.abs_diff(k) > 1).then_some(if i < k { (i, k) } else { (k, i) })
    })
}

/// An item's place in as-of order, the order grouping gives members ([`as_of_key`]).
fn as_of_order<'a>(item: &Item<'a>) -> (Option<chrono::NaiveDate>, Option<u16>, &'a ClaimId) {
    as_of_key(item.as_of, item.time, item.id)
}
