//! Grouping by normalised subject: claims with one subject, in as-of order.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::claim::Claim;
use crate::id::ClaimId;
use crate::subject::{Aliases, Subject};

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
