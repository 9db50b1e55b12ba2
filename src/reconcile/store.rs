//! What the engine reads of each claim, by index: the seam between the engine and the way its
//! claims are held.
//!
//! The stages of [`Reconciler::reconcile`](crate::Reconciler::reconcile) from grouping to the
//! reports (grouping, voices and relays, part-of bounds, scoring, publishing, finishing each
//! group, findings, reports) read claims through [`ClaimStore`], one field at a time, never a
//! whole [`Claim`]. Today the only store is a slice of `Claim`s (the corpus, the table reader
//! and the builder API all make them); a store holding a table's rows as columns is to answer
//! the same questions without building a `Claim` per row, so that each stage stays one
//! definition whichever way its claims are held (the aliases' canonical values too, in
//! `Values`). Still reading `[Claim]`: admitting the claims (`admit`, which orders and owns
//! them) and part-of relations between groups (`partof::relate`).

use chrono::NaiveDate;

use crate::claim::{AsOfTime, Claim};
use crate::id::{ClaimId, DocumentId, SourceId};
use crate::subject::Subject;
use crate::value::{Label, Value};

/// Claims by index, `0..len()`, as the engine reads them. The claims are in id order: for
/// `c < d`, `id(c) < id(d)` (ids are distinct), so the engine orders claims by index where the
/// rule says by id. `admit` sorts a reconciliation's claims so.
pub(crate) trait ClaimStore: Sync {
    /// How many claims.
    fn len(&self) -> usize;
    /// Claim `c`'s id.
    fn id(&self, c: usize) -> &ClaimId;
    /// What claim `c` is about, as its source named it.
    fn subject(&self, c: usize) -> &Subject;
    /// Claim `c`'s value, as its source gave it.
    fn value(&self, c: usize) -> &Value;
    /// The date claim `c`'s figure holds at, where known.
    fn as_of(&self, c: usize) -> Option<NaiveDate>;
    /// The time of day within [`ClaimStore::as_of`], where the text gives it.
    fn as_of_time(&self, c: usize) -> Option<&AsOfTime>;
    /// Whether claim `c` states its value as expected to change ("has not yet requested").
    fn expects_change(&self, c: usize) -> bool;
    /// When claim `c`'s report was published, where known.
    fn published(&self, c: usize) -> Option<NaiveDate>;
    /// The outlet that published claim `c`.
    fn outlet(&self, c: usize) -> &SourceId;
    /// The document claim `c` was read from, if known.
    fn document(&self, c: usize) -> Option<&DocumentId>;
    /// Whom claim `c` quotes ("the health ministry"), if anyone.
    fn said_by(&self, c: usize) -> Option<&Label>;
    /// The wire claim `c`'s outlet relays it from, if any.
    fn via(&self, c: usize) -> Option<&SourceId>;
}

impl ClaimStore for [Claim] {
    fn len(&self) -> usize {
        <[Claim]>::len(self)
    }

    fn id(&self, c: usize) -> &ClaimId {
        self[c].id()
    }

    fn subject(&self, c: usize) -> &Subject {
        self[c].subject()
    }

    fn value(&self, c: usize) -> &Value {
        self[c].value()
    }

    fn as_of(&self, c: usize) -> Option<NaiveDate> {
        self[c].as_of()
    }

    fn as_of_time(&self, c: usize) -> Option<&AsOfTime> {
        self[c].as_of_time()
    }

    fn expects_change(&self, c: usize) -> bool {
        self[c].expects_change()
    }

    fn published(&self, c: usize) -> Option<NaiveDate> {
        self[c].provenance().published_on()
    }

    fn outlet(&self, c: usize) -> &SourceId {
        self[c].provenance().outlet()
    }

    fn document(&self, c: usize) -> Option<&DocumentId> {
        self[c].provenance().in_document()
    }

    fn said_by(&self, c: usize) -> Option<&Label> {
        self[c].provenance().said_by()
    }

    fn via(&self, c: usize) -> Option<&SourceId> {
        self[c].provenance().via()
    }
}
