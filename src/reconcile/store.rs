//! What the engine reads of each claim, by index: the seam between the engine and the way its
//! claims are held.
//!
//! The stages of [`Reconciler::reconcile`](crate::Reconciler::reconcile) from grouping to the
//! reports (grouping, voices and relays, part-of bounds, scoring, publishing, finishing each
//! group, findings, reports) read claims through [`ClaimStore`], one field at a time, never a
//! whole [`Claim`]. Today the stores are a slice of `Claim`s (the corpus, the table reader
//! and the builder API all make them) and `Redated`, the same slice with each relay dated by
//! the report it repeats, which the stages from scoring on read; a store holding a table's rows
//! as columns is to answer the same questions without building a `Claim` per row, so that each
//! stage stays one definition whichever way its claims are held (the aliases' canonical values
//! too, in `Values`). Still reading `[Claim]`: admitting the claims (`admit`, which orders and
//! owns them), grouping, voices, the part-of bounds of one report (a report is its
//! publication, whatever date a relay in it is read at) and part-of relations between groups
//! (`partof::relate`).

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
    /// The claim whose report claim `c` repeats, where `c` is read at that report's date
    /// rather than its own (`Redated`).
    fn repeats(&self, c: usize) -> Option<usize>;
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

    fn repeats(&self, _c: usize) -> Option<usize> {
        None
    }
}

/// Claims as the engine reads them once relays are known: a relay of a wire's report whose
/// date its claim does not state (no as-of of its own, no time of day) is as of the report it
/// repeats, not of its own publication. B relaying on the 12th the 200 TASS gave on the 10th
/// says what TASS said on the 10th, not that TASS holds 200 on the 12th: where TASS revised
/// its figure to 164 on the 11th, the late relay is TASS's revised figure, not TASS rising back
/// (D4 of an earlier probe). The report it repeats is the wire's latest of the figure by the
/// relay's own date (`voice::relay_voices`; an undated relay's is the wire's first report of
/// the figure, whose date it takes); where that is a relay with a date of its own, the relay
/// takes that date, and that report's publication (an echo is no later report). Every other
/// field is the claim's own.
pub(crate) struct Redated<'a> {
    claims: &'a [Claim],
    /// Each moved relay with its original, by relay, in claim order.
    moved: Vec<(usize, usize)>,
}

impl<'a> Redated<'a> {
    /// `claims`, with the relays of `origins` (relay, original; in relay order) whose own date
    /// is their publication's moved to their original's earlier date, or undated ones to their
    /// original's date.
    pub(crate) fn new(claims: &'a [Claim], origins: &[(usize, usize)]) -> Self {
        let own = |c: usize| claims[c].has_explicit_as_of() || claims[c].as_of_time().is_some();
        // An undated relay is read at its original's date too: it repeats that report. The
        // original's date is its own once moved (an undated relay of an undated relay of a
        // dated report): pass after pass until none moves, each pass moving a relay whose
        // original was moved by the one before (a chain's length at most).
        let mut redated = Redated { claims, moved: Vec::new() };
        for _ in 0..=origins.len() {
            let earlier =
                |c: usize, o: usize| match (claims[redated.dated_by(o)].as_of(), claims[c].as_of())
                {
                    (Some(a), Some(b)) => a < b,
                    (Some(_), None) => true,
                    (None, _) => false,
                };
            let moved: Vec<(usize, usize)> =
                origins.iter().copied().filter(|&(c, o)| !own(c) && earlier(c, o)).collect();
            if moved.len() == redated.moved.len() {
                return redated;
            }
            redated.moved = moved;
        }
        redated
    }

    /// Whether any relay was moved (a group's members then need ordering anew).
    pub(crate) fn moves_any(&self) -> bool {
        !self.moved.is_empty()
    }

    /// The claim whose date claim `c` takes: where moved, that of the report it repeats (which
    /// may be a relay moved in turn: each step goes to an earlier date, or from none to one,
    /// so the walk ends), else itself.
    fn dated_by(&self, mut c: usize) -> usize {
        // At most one step a moved relay, even were two relays to name each other.
        for _ in 0..self.moved.len() {
            let Ok(i) = self.moved.binary_search_by_key(&c, |m| m.0) else { break };
            c = self.moved[i].1;
        }
        c
    }
}

impl ClaimStore for Redated<'_> {
    fn len(&self) -> usize {
        self.claims.len()
    }

    fn id(&self, c: usize) -> &ClaimId {
        self.claims.id(c)
    }

    fn subject(&self, c: usize) -> &Subject {
        self.claims.subject(c)
    }

    fn value(&self, c: usize) -> &Value {
        self.claims.value(c)
    }

    fn as_of(&self, c: usize) -> Option<NaiveDate> {
        self.claims.as_of(self.dated_by(c))
    }

    fn as_of_time(&self, c: usize) -> Option<&AsOfTime> {
        self.claims.as_of_time(self.dated_by(c))
    }

    fn expects_change(&self, c: usize) -> bool {
        self.claims.expects_change(c)
    }

    /// A moved relay is as recent as the report it repeats: an echo is no later report by its
    /// wire, and breaks no tie (DESIGN.md rule 6).
    fn published(&self, c: usize) -> Option<NaiveDate> {
        self.claims.published(self.dated_by(c))
    }

    fn outlet(&self, c: usize) -> &SourceId {
        self.claims.outlet(c)
    }

    fn document(&self, c: usize) -> Option<&DocumentId> {
        self.claims.document(c)
    }

    fn said_by(&self, c: usize) -> Option<&Label> {
        self.claims.said_by(c)
    }

    fn via(&self, c: usize) -> Option<&SourceId> {
        self.claims.via(c)
    }

    fn repeats(&self, c: usize) -> Option<usize> {
        self.moved.binary_search_by_key(&c, |m| m.0).ok().map(|i| self.moved[i].1)
    }
}
