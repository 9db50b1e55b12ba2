//! Grouping by normalised subject: claims with one subject, in as-of order.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use foldhash::fast::FixedState;

use crate::claim::AsOfTime;
use crate::id::ClaimId;
use crate::subject::{Aliases, Nature, Subject};

use super::store::ClaimStore;

/// A group under construction: its subject and claim indices in as-of order.
#[derive(Debug, Clone)]
pub(crate) struct GroupData {
    pub subject: Subject,
    pub members: Vec<usize>,
}

/// The claims' groups, ordered by subject.
///
/// Claims find their group by a hash of their normalised subject, and only the distinct
/// subjects are sorted: most subjects hold several claims, and comparing whole subjects (a
/// measure, a population, a place and an event, each with its labels) once per claim and tree
/// level cost more than hashing each once. The hash is foldhash's, not `SipHash`: the keys are
/// the caller's own claims, and the groups' order comes from the sort, not from the map.
pub(crate) fn build<C: ClaimStore + ?Sized>(claims: &C, aliases: &Aliases) -> Vec<GroupData> {
    let mut index: HashMap<Cow<'_, Subject>, usize, FixedState> = HashMap::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for i in 0..claims.len() {
        let subject = claims.subject(i).normalized_cow(aliases);
        let group = if let Some(&g) = index.get(subject.as_ref()) {
            g
        } else {
            index.insert(subject, members.len());
            members.push(Vec::new());
            members.len() - 1
        };
        members[group].push(i);
    }
    let mut subjects: Vec<(Cow<'_, Subject>, usize)> = index.into_iter().collect();
    // Distinct subjects: the order is total, and an unstable sort gives the one result.
    subjects.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    subjects
        .into_iter()
        .map(|(subject, g)| {
            let mut members = std::mem::take(&mut members[g]);
            in_as_of_order(claims, &mut members);
            let nature = nature_of(claims, &subject, &members);
            GroupData { subject: subject.into_owned().nature(nature), members }
        })
        .collect()
}

/// Sorts a group's `members` in as-of order ([`as_of_key`]), as `claims` date them: grouping
/// does, and so does the reconciler once relays are dated by the reports they repeat
/// (`store::Redated`, [`redate`]).
fn in_as_of_order<C: ClaimStore + ?Sized>(claims: &C, members: &mut [usize]) {
    // The claims are in id order (see `ClaimStore`): an index orders as its id.
    members.sort_by_key(|&c| (claims.as_of(c), time_key(claims.as_of_time(c)), c));
}

/// The group as `claims` date its members (relays read at the dates of the reports they
/// repeat): its members in that as-of order, and its nature decided in it, as grouping
/// decides it ([`nature_of`]).
pub(crate) fn redate<C: ClaimStore + ?Sized>(claims: &C, group: &mut GroupData) {
    in_as_of_order(claims, &mut group.members);
    let nature = nature_of(claims, &group.subject, &group.members);
    group.subject = group.subject.clone().nature(nature);
}

/// How a group's quantity behaves over time: the nature its claims set other than their
/// measure's default, the first such claim in as-of order deciding when they set several; the
/// measure's default when none does. A subject's nature takes no part in which group a claim
/// joins (see [`Subject`]), so one claim that sets "fixed fact" among others that leave the
/// default makes the whole group a fixed fact, rather than a group of its own that never
/// meets the others' figures.
fn nature_of<C: ClaimStore + ?Sized>(claims: &C, subject: &Subject, members: &[usize]) -> Nature {
    let default = subject.measure().default_nature();
    members
        .iter()
        .map(|&c| claims.subject(c).behaviour())
        .find(|&n| n != default)
        .unwrap_or(default)
}

/// As-of order: date (undated first), then the start of the time of day where known (unknown
/// first), then id. One definition: finishing a group places derived bounds by it too, and
/// grouping orders claims by it, their indices standing for their ids.
pub(crate) fn as_of_key<'a>(
    as_of: Option<NaiveDate>,
    time: Option<&AsOfTime>,
    id: &'a ClaimId,
) -> (Option<NaiveDate>, Option<u16>, &'a ClaimId) {
    (as_of, time_key(time), id)
}

/// Where a time of day starts, for ordering; unknown first.
fn time_key(time: Option<&AsOfTime>) -> Option<u16> {
    time.map(|t| t.stretch().start_key())
}
