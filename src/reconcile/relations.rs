//! A group's relations as the reconciliation holds them: each pair of the group's figures as
//! two indices and what decided it (12 bytes), with the figures (ids, values, dates) once per
//! group; a [`Relation`] is made when read.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::reason::{Figures, How, Pair, RelationWhy};
use super::{Relation, RelationKind};

/// The relations of one [`Group`](crate::Group): between its claims (and derived bounds), then
/// part-of relations to other groups. Read by iterating (`for r in &group.relations`), which
/// gives each [`Relation`] by value, in the order they were found; serialised as a list of
/// relations.
///
/// A reconciliation of a million claims holds about two million relations: a relation between
/// two figures of a group is held as their indices and what decided it, and its ids and reason
/// are made when read.
///
/// ```
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, RelationKind, SourceId, Subject};
/// # let claim = |id: &str, phrase: &str, day: u32| {
/// #     let provenance = Provenance::new(SourceId::new(id)?)
/// #         .published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap());
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase, provenance, &Parser::default())
/// # };
/// let r = Reconciler::new().reconcile(vec![claim("una", "164", 10)?, claim("gsv", "225", 25)?]);
/// let relations = &r.groups[0].relations;
/// assert_eq!(relations.len(), 1);
/// let rel = relations.get(0).unwrap();
/// assert_eq!((rel.a.as_str(), rel.b.as_str(), rel.kind), ("una", "gsv", RelationKind::Supersedes));
/// assert!(relations.iter().all(|r| !r.kind.is_conflict()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Relations {
    /// The group's figures the pairs point into.
    figures: Arc<Figures>,
    pairs: Vec<Packed>,
    /// Relations held whole: part-of relations, and relations read back from JSON.
    whole: Vec<Relation>,
}

/// A relation between figures `a` and `b` of the group, as held.
#[derive(Debug, Clone, Copy)]
struct Packed {
    a: u32,
    b: u32,
    kind: RelationKind,
    how: How,
    complement: bool,
}

impl Relations {
    /// No relations yet, between figures `figures` (see `finish`).
    pub(crate) fn between(figures: Arc<Figures>) -> Self {
        Relations { figures, pairs: Vec::new(), whole: Vec::new() }
    }

    /// Adds the relation of figures `a` and `b`, decided by `how`.
    pub(crate) fn push_pair(
        &mut self,
        (a, b): (usize, usize),
        kind: RelationKind,
        how: How,
        complement: bool,
    ) {
        match (u32::try_from(a), u32::try_from(b)) {
            (Ok(a), Ok(b)) if self.whole.is_empty() => {
                self.pairs.push(Packed { a, b, kind, how, complement });
            }
            // Beyond four billion figures in one group (or after a whole relation, which must
            // stay after the pairs), the relation is held whole.
            _ => {
                let p = Packed { a: 0, b: 0, kind, how, complement };
                self.whole.push(relation_of(&self.figures, a, b, p));
            }
        }
    }

    /// Adds relations held whole, after the others.
    pub(crate) fn extend(&mut self, relations: impl IntoIterator<Item = Relation>) {
        self.whole.extend(relations);
    }

    /// How many relations.
    #[must_use]
    pub fn len(&self) -> usize {
        self.pairs.len() + self.whole.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Relation `i`, in the order of [`Relations::iter`].
    #[must_use]
    pub fn get(&self, i: usize) -> Option<Relation> {
        match self.pairs.get(i) {
            Some(&p) => Some(relation_of(&self.figures, p.a as usize, p.b as usize, p)),
            None => self.whole.get(i.checked_sub(self.pairs.len())?).cloned(),
        }
    }

    /// The relations, each made when reached.
    #[must_use]
    pub fn iter(&self) -> RelationIter<'_> {
        RelationIter { relations: self, next: 0 }
    }
}

/// The relation of figures `a` and `b` of `figures`, as `p` holds it.
fn relation_of(figures: &Arc<Figures>, a: usize, b: usize, p: Packed) -> Relation {
    Relation {
        a: figures.ids[a].clone(),
        b: figures.ids[b].clone(),
        kind: p.kind,
        reason: RelationWhy::Pair(Pair { figures: Arc::clone(figures), a, b, how: p.how }).into(),
        complement: p.complement,
    }
}

/// The relations of a [`Relations`], in order, each made when reached.
#[derive(Debug, Clone)]
pub struct RelationIter<'a> {
    relations: &'a Relations,
    next: usize,
}

impl Iterator for RelationIter<'_> {
    type Item = Relation;

    fn next(&mut self) -> Option<Relation> {
        let r = self.relations.get(self.next)?;
        self.next += 1;
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.relations.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for RelationIter<'_> {}

impl<'a> IntoIterator for &'a Relations {
    type Item = Relation;
    type IntoIter = RelationIter<'a>;

    fn into_iter(self) -> RelationIter<'a> {
        self.iter()
    }
}

impl fmt::Debug for Relations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Equal when they hold the same relations in the same order.
impl PartialEq for Relations {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Serialize for Relations {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Relations {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Relation>::deserialize(deserializer).map(Relations::from)
    }
}

/// Relations held whole, in their order.
impl From<Vec<Relation>> for Relations {
    fn from(whole: Vec<Relation>) -> Self {
        Relations { figures: Arc::new(Figures::default()), pairs: Vec::new(), whole }
    }
}

impl Default for Relations {
    fn default() -> Self {
        Relations::from(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::Packed;

    /// Two million relations for a million claims: each pair is held in 12 bytes.
    #[test]
    fn a_held_pair_stays_small() {
        assert!(std::mem::size_of::<Packed>() <= 12, "{}", std::mem::size_of::<Packed>());
    }
}
