//! A group's relations as the reconciliation holds them: each pair of the group's figures as
//! two indices and what decided it (12 bytes), with the figures (ids, values, dates) once per
//! group; a [`Relation`] is made when read.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::RelationReason;
use super::reason::{Dated, Figures, How, Pair, RelationWhy};
use super::{Relation, RelationKind};
use crate::id::ClaimId;

/// The relations of one [`Group`](crate::Group): first those between its claims (and derived
/// bounds), then its part-of relations to other groups. Read by iterating (`for r in
/// &group.relations`), which gives each [`Relation`] by value, or one at a time with
/// [`Relations::get`]; serialised as the list of relations it holds.
///
/// A reconciliation of a million claims holds about two million relations: a relation between
/// two figures of a group is held as their indices and what decided it (12 bytes), and its ids
/// and reason are made when read, in O(1) each. So there is no indexing (`relations[0]` is
/// `relations.get(0)`), no slice and no `push`: the relations are the reconciliation's finding,
/// not a list to edit; collect them into a `Vec<Relation>` for that.
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
/// assert_eq!([&rel.a, &rel.b], ["una", "gsv"]);
/// assert_eq!(rel.kind, RelationKind::Supersedes);
/// assert!(relations.iter().all(|r| !r.kind.is_conflict()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Relations {
    /// The group's figures the pairs point into; none for relations held whole only (a
    /// table's variable reported without its claims holds no figures, and no policy).
    figures: Option<Arc<Figures>>,
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
        Relations { figures: Some(figures), pairs: Vec::new(), whole: Vec::new() }
    }

    /// Adds the relation of figures `a` and `b`, decided by `how`.
    pub(crate) fn push_pair(
        &mut self,
        (a, b): (usize, usize),
        kind: RelationKind,
        how: How,
        complement: bool,
    ) {
        let Some(figures) = &self.figures else {
            debug_assert!(false, "a pair pushed to relations made without figures");
            return;
        };
        match (u32::try_from(a), u32::try_from(b)) {
            (Ok(a), Ok(b)) if self.whole.is_empty() => {
                self.pairs.push(Packed { a, b, kind, how, complement });
            }
            // Beyond four billion figures in one group (or after a whole relation, which must
            // stay after the pairs), the relation is held whole.
            _ => self.whole.push(relation_of(figures, (a, b), kind, how, complement)),
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

    /// Relation `i`, in the order of [`Relations::iter`]; made when asked, in O(1).
    #[must_use]
    pub fn get(&self, i: usize) -> Option<Relation> {
        match (self.pairs.get(i), &self.figures) {
            (Some(&p), Some(figures)) => {
                let (a, b) = (p.a as usize, p.b as usize);
                Some(relation_of(figures, (a, b), p.kind, p.how, p.complement))
            }
            _ => self.whole.get(i.checked_sub(self.pairs.len())?).cloned(),
        }
    }

    /// The first relation.
    #[must_use]
    pub fn first(&self) -> Option<Relation> {
        self.get(0)
    }

    /// The last relation.
    #[must_use]
    pub fn last(&self) -> Option<Relation> {
        self.get(self.len().checked_sub(1)?)
    }

    /// The relations, each made when reached.
    #[must_use]
    pub fn iter(&self) -> RelationIter<'_> {
        RelationIter { relations: self, next: 0, end: self.len() }
    }

    /// The relation between `a` and `b`, in either order. Compares the held ids, making only
    /// the relation it returns.
    ///
    /// # Complexity
    /// O(n) for n relations.
    #[must_use]
    pub fn between_claims(&self, a: &ClaimId, b: &ClaimId) -> Option<Relation> {
        let i = self.held().position(|r| (r.a == a && r.b == b) || (r.a == b && r.b == a))?;
        self.get(i)
    }
}

/// A relation as held, read without making it: its two ids, kind and whether the two complement
/// each other; [`HeldRelation::reason`] makes its reason.
pub(crate) struct HeldRelation<'a> {
    pub a: &'a ClaimId,
    pub b: &'a ClaimId,
    pub kind: RelationKind,
    pub complement: bool,
    from: Source<'a>,
}

/// Where a [`HeldRelation`]'s reason comes from.
enum Source<'a> {
    Pair(&'a Arc<Figures>, Packed),
    Whole(&'a Relation),
}

impl HeldRelation<'_> {
    /// The two figures of a relation between figures of the group: each value and day, `a`'s
    /// first; `None` for a part-of relation or one read back from JSON.
    pub fn figures(&self) -> Option<(&Dated, &Dated)> {
        match self.from {
            Source::Pair(figures, p) => {
                Some((&figures.dated[p.a as usize], &figures.dated[p.b as usize]))
            }
            Source::Whole(_) => None,
        }
    }

    /// Whether the relation is a disagreement that persisted from one day (`a`'s) to the other
    /// ([`How::Persists`]).
    pub fn persists(&self) -> bool {
        matches!(self.from, Source::Pair(_, p) if matches!(p.how, How::Persists))
    }

    /// The relation's reason, made when asked.
    pub fn reason(&self) -> RelationReason {
        match self.from {
            Source::Pair(figures, p) => pair_reason(figures, (p.a as usize, p.b as usize), p.how),
            Source::Whole(r) => r.reason.clone(),
        }
    }
}

impl Relations {
    /// The relations as held, in order, for the engine's own reading (findings): no id cloned
    /// and no reason made unless asked.
    pub(crate) fn held(&self) -> impl Iterator<Item = HeldRelation<'_>> + '_ {
        // Pairs are held only beside their figures.
        let pairs = self.figures.iter().flat_map(move |figures| {
            self.pairs.iter().map(move |&p| HeldRelation {
                a: &figures.ids[p.a as usize],
                b: &figures.ids[p.b as usize],
                kind: p.kind,
                complement: p.complement,
                from: Source::Pair(figures, p),
            })
        });
        let whole = self.whole.iter().map(|r| HeldRelation {
            a: &r.a,
            b: &r.b,
            kind: r.kind,
            complement: r.complement,
            from: Source::Whole(r),
        });
        pairs.chain(whole)
    }
}

/// The relation of figures `a` and `b` of `figures`, decided by `how`.
fn relation_of(
    figures: &Arc<Figures>,
    (a, b): (usize, usize),
    kind: RelationKind,
    how: How,
    complement: bool,
) -> Relation {
    Relation {
        a: figures.ids[a].clone(),
        b: figures.ids[b].clone(),
        kind,
        reason: pair_reason(figures, (a, b), how),
        complement,
    }
}

/// Why figures `a` and `b` of `figures` relate as `how` decided.
fn pair_reason(figures: &Arc<Figures>, (a, b): (usize, usize), how: How) -> RelationReason {
    RelationWhy::Pair(Pair { figures: Arc::clone(figures), a, b, how }).into()
}

/// The relations of a [`Relations`], in order, each made when reached.
#[derive(Debug, Clone)]
pub struct RelationIter<'a> {
    relations: &'a Relations,
    /// The relations `next..end` are still to come.
    next: usize,
    end: usize,
}

impl Iterator for RelationIter<'_> {
    type Item = Relation;

    fn next(&mut self) -> Option<Relation> {
        if self.next >= self.end {
            return None;
        }
        self.next += 1;
        self.relations.get(self.next - 1)
    }

    /// Skips `n` relations without making them.
    fn nth(&mut self, n: usize) -> Option<Relation> {
        self.next = self.next.saturating_add(n).min(self.end);
        self.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.end - self.next;
        (left, Some(left))
    }
}

impl DoubleEndedIterator for RelationIter<'_> {
    fn next_back(&mut self) -> Option<Relation> {
        if self.next >= self.end {
            return None;
        }
        self.end -= 1;
        self.relations.get(self.end)
    }
}

impl ExactSizeIterator for RelationIter<'_> {}

impl std::iter::FusedIterator for RelationIter<'_> {}

impl<'a> IntoIterator for &'a Relations {
    type Item = Relation;
    type IntoIter = RelationIter<'a>;

    fn into_iter(self) -> RelationIter<'a> {
        self.iter()
    }
}

/// The relations, made one by one.
impl IntoIterator for Relations {
    type Item = Relation;
    type IntoIter = std::vec::IntoIter<Relation>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter().collect::<Vec<_>>().into_iter()
    }
}

/// Relations held whole, in their order.
impl FromIterator<Relation> for Relations {
    fn from_iter<I: IntoIterator<Item = Relation>>(relations: I) -> Self {
        Relations::from(relations.into_iter().collect::<Vec<_>>())
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

impl Eq for Relations {}

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
        Relations { figures: None, pairs: Vec::new(), whole }
    }
}

impl Default for Relations {
    fn default() -> Self {
        Relations::from(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{Figures, How, Packed, Relation, RelationKind, Relations};
    use crate::id::ClaimId;
    use crate::reconcile::reason::RelationWhy;

    fn id(s: &str) -> ClaimId {
        ClaimId::new(s).unwrap()
    }

    /// A pair added after a relation held whole is held whole too, so the order of adding is
    /// the order of reading, from either end.
    #[test]
    fn relations_read_in_the_order_they_were_added() {
        let ids = vec![id("a"), id("b"), id("c")];
        let figures = Arc::new(Figures { ids, ..Figures::default() });
        let mut relations = Relations::between(figures);
        let judged = How::Judged { in_time: false };
        relations.push_pair((0, 1), RelationKind::Agrees, judged, false);
        relations.extend([Relation {
            a: id("c"),
            b: id("x"),
            kind: RelationKind::PartOf,
            reason: RelationWhy::Text("c is part of x".into()).into(),
            complement: false,
        }]);
        relations.push_pair((1, 2), RelationKind::Conflicts, judged, true);
        let read: Vec<(String, String, RelationKind, bool)> = relations
            .iter()
            .map(|r| (r.a.to_string(), r.b.to_string(), r.kind, r.complement))
            .collect();
        let expected = [
            ("a", "b", RelationKind::Agrees, false),
            ("c", "x", RelationKind::PartOf, false),
            ("b", "c", RelationKind::Conflicts, true),
        ];
        let expected: Vec<_> =
            expected.iter().map(|&(a, b, k, c)| (a.to_owned(), b.to_owned(), k, c)).collect();
        assert_eq!(read, expected);
        assert_eq!(relations.len(), 3);
        assert_eq!(relations.get(2).map(|r| r.kind), Some(RelationKind::Conflicts));
        assert!(relations.get(3).is_none());
        let backwards: Vec<RelationKind> = relations.iter().rev().map(|r| r.kind).collect();
        assert_eq!(
            backwards,
            [RelationKind::Conflicts, RelationKind::PartOf, RelationKind::Agrees]
        );
        assert_eq!(relations.iter().nth(1).map(|r| r.kind), Some(RelationKind::PartOf));
        assert!(relations.iter().nth(3).is_none());
        let mut ends = relations.iter();
        assert_eq!(ends.next().map(|r| r.kind), Some(RelationKind::Agrees));
        assert_eq!(ends.next_back().map(|r| r.kind), Some(RelationKind::Conflicts));
        assert_eq!(ends.len(), 1);
        assert_eq!(ends.next().map(|r| r.kind), Some(RelationKind::PartOf));
        assert!(ends.next().is_none() && ends.next_back().is_none());
        assert_eq!(relations.first().map(|r| r.kind), Some(RelationKind::Agrees));
        assert_eq!(relations.last().map(|r| r.kind), Some(RelationKind::Conflicts));
        let found = relations.between_claims(&id("c"), &id("b")).map(|r| r.kind);
        assert_eq!(found, Some(RelationKind::Conflicts));
        let found = relations.between_claims(&id("x"), &id("c")).map(|r| r.kind);
        assert_eq!(found, Some(RelationKind::PartOf));
        assert!(relations.between_claims(&id("a"), &id("c")).is_none());
        // (The figures here hold ids only, no values: the reasons are not read.)
        let owned: Vec<Relation> = relations.clone().into_iter().collect();
        let back: Relations = owned.into_iter().collect();
        let kinds = |r: &Relations| r.iter().map(|r| (r.a, r.b, r.kind)).collect::<Vec<_>>();
        assert_eq!(kinds(&back), kinds(&relations));
    }

    /// Two million relations for a million claims: each pair is held in 12 bytes.
    #[test]
    fn a_held_pair_stays_small() {
        assert!(std::mem::size_of::<Packed>() <= 12, "{}", std::mem::size_of::<Packed>());
    }
}
