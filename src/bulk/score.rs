//! Scoring the column store: `Reconciler`'s scoring state built from its columns
//! (`State::of_columns`), its rounds run, and the result read back per variable and source.

use std::sync::Arc;

use rayon::prelude::*;

use chrono::NaiveDate;

use crate::id::{ClaimId, SourceId};
use crate::reconcile::findings;
use crate::reconcile::score::{ClaimNames, State};
use crate::reconcile::voice::Voices;
use crate::reconcile::{
    Asked, Estimate, Finding, Group, Reconciler, Reconciliation, Summary, finish_variable, ranked,
};
use crate::subject::{Measure, Nature, Subject};
use crate::tabular::attribute_key;
use crate::value::Policy;
use crate::value::{Label, Value};

use super::{Bulk, BulkKind};

/// Scores every source and estimates every variable of `bulk` with `reconciler`'s options
/// (see [`Reconciler::reconcile_table`]).
pub(crate) fn reconcile(reconciler: &Reconciler, bulk: &Bulk) -> Reconciliation {
    let Reconciler {
        rounds,
        tolerance,
        copy_detection,
        ref same_voice,
        all_pairs_up_to,
        asked,
        ..
    } = *reconciler;
    // One policy for the scoring state and the relations, whose reasons judge again: the
    // one the table's phrases were read with.
    let policy = Arc::new(bulk.policy.clone());
    let (mut state, voices) =
        State::of_columns(bulk, &policy, rounds, tolerance, copy_detection, same_voice);
    let firsts = bulk.first_claims();
    let names = BulkNames {
        bulk,
        firsts: &firsts,
        voices: &voices,
        prefix: ClaimId::row_prefix(&bulk.name),
    };
    state.index_claims();
    let (sources, outlets, voice_reports) = state.reports(&names, &voices);
    let (groups, found) = groups_of(&mut state, &names, &policy, asked, all_pairs_up_to);
    let (findings, summary) = found.map_or((Vec::new(), None), |(f, s)| (f, Some(s)));
    Reconciliation {
        claims: Vec::new(),
        rejected: bulk.rejected.clone(),
        groups,
        summary,
        findings,
        sources,
        outlets,
        voices: voice_reports,
        rounds: state.rounds,
    }
}

/// A table's claims as a result names them (see [`ClaimNames`]), a claim by its number over
/// the store's chunks in order (the scoring state's figures): its id as `Table::read` names a
/// row's claim, its value as `Table::read` reads its cell (a category by its key, in lower
/// case, as the store holds it), its source as the voices name it, its voice and date.
/// Each is made when asked: for the claims a finding or a reason names, or every claim of
/// the groups asked for.
struct BulkNames<'a> {
    bulk: &'a Bulk,
    /// Per chunk, the number of its first claim ([`Bulk::first_claims`]).
    firsts: &'a [usize],
    voices: &'a Voices,
    /// `name:`, which a row's line follows in its claim's id (see [`ClaimId::row_prefix`]).
    prefix: String,
}

impl BulkNames<'_> {
    /// Claim `c`'s chunk and its place there.
    fn place(&self, c: usize) -> (usize, usize) {
        let ci = self.firsts.partition_point(|&f| f <= c).saturating_sub(1);
        (ci, c - self.firsts[ci])
    }

    fn line(&self, c: usize) -> u32 {
        let (ci, j) = self.place(c);
        self.bulk.chunks[ci].lines[j]
    }
}

impl ClaimNames for BulkNames<'_> {
    fn claims(&self) -> usize {
        self.bulk.len()
    }

    fn id(&self, c: usize) -> ClaimId {
        ClaimId::of_row(&self.prefix, self.line(c))
    }

    fn order_key(&self, c: usize) -> u64 {
        // One prefix: ids order as their lines' texts do.
        super::line_key(self.line(c))
    }

    fn value(&self, c: usize) -> Value {
        let (ci, j) = self.place(c);
        let chunk = &self.bulk.chunks[ci];
        let claim = chunk.claims[j];
        // The chunk's variable: the last whose claims start at or before `j`.
        let k = chunk.start.partition_point(|&s| s <= j).saturating_sub(1);
        if chunk.kinds.get(k) == Some(&BulkKind::Number) {
            let phrase = chunk.intervals.binary_search_by_key(&j, |&(p, _)| p).ok();
            let amount = phrase.and_then(|i| chunk.amounts.get(i).copied().flatten());
            super::number_value(claim.value, amount).unwrap_or(Value::Undisclosed)
        } else {
            self.bulk.label_values.get(claim.value as usize).cloned().unwrap_or(Value::Undisclosed)
        }
    }

    fn source(&self, c: usize) -> SourceId {
        let (ci, j) = self.place(c);
        self.voices.name(self.bulk.chunks[ci].claims[j].source as usize).clone()
    }

    fn source_number(&self, c: usize) -> usize {
        // The reader keeps a source spelt in several cases as one.
        let (ci, j) = self.place(c);
        self.bulk.chunks[ci].claims[j].source as usize
    }

    fn voice(&self, c: usize) -> usize {
        let (ci, j) = self.place(c);
        self.voices.group_of_name(self.bulk.chunks[ci].claims[j].source as usize)
    }

    fn as_of(&self, c: usize) -> Option<NaiveDate> {
        let (ci, j) = self.place(c);
        self.bulk.chunks[ci].days.get(j).copied().and_then(super::date_of_day)
    }

    fn givers(&self) -> Vec<[u32; 2]> {
        // A row's source is its outlet: a table names no speaker.
        self.bulk.chunks.iter().flat_map(|c| &c.claims).map(|x| [x.source; 2]).collect()
    }

    fn via(&self, _: usize) -> Option<&SourceId> {
        None
    }
}

/// The variables in subject order (by attribute, then object, by their keys), as `Reconciler`
/// orders its groups.
fn in_subject_order(bulk: &Bulk) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bulk.vars.len()).collect();
    order.sort_by_cached_key(|&v| {
        let (object, attribute) = &bulk.vars[v];
        (attribute_key(attribute), attribute_key(object))
    });
    order
}

/// Variable `v`'s subject, as `Reconciler` makes the subject of a row `Table::read` reads:
/// its attribute the measure, its object the event, of the attribute's `nature`. `None` only
/// if a name is no label, which the reader does not let through.
fn subject_of(bulk: &Bulk, v: usize, nature: Nature) -> Option<Subject> {
    let (object, attribute) = &bulk.vars[v];
    let (Ok(object), Ok(attribute)) = (Label::new(object), Label::new(attribute)) else {
        return None;
    };
    Some(Subject::new(Measure::Other(attribute)).event(object).nature(nature))
}

/// Every variable with claims as `Reconciler`'s [`Group`], in subject order: its subject and
/// estimate always; with `asked.whole_groups`, all of it (its claims in as-of order, their
/// relations, its clusters, the claims behind its estimate: [`finish_variable`]); with
/// `asked.ranks`, its ranks; and with `asked.findings`, the findings and the summary, by
/// `Reconciler`'s rules and code ([`findings::of_group`], [`findings::summarize`]), each
/// variable's read off its whole group before what was not asked for is dropped.
fn groups_of(
    state: &mut State,
    names: &BulkNames<'_>,
    policy: &Arc<Policy>,
    asked: Asked,
    all_pairs_up_to: usize,
) -> (Vec<Group>, Option<(Vec<Finding>, Summary)>) {
    let Asked { findings: find, ranks, whole_groups: keep } = asked;
    if ranks || keep || find {
        state.mark_supports();
    }
    let state = &*state;
    let BulkNames { bulk, firsts, voices, .. } = *names;
    // Each variable's chunk and place there.
    let mut at = vec![(0, 0); bulk.vars.len()];
    for (ci, c) in bulk.chunks.iter().enumerate() {
        for k in 0..c.kinds.len() {
            at[c.first + k] = (ci, k);
        }
    }
    // In parallel, in order: each group is its variable's alone.
    let made: Vec<(usize, Group, Vec<Finding>)> = in_subject_order(bulk)
        .into_par_iter()
        .filter_map(|v| {
            let (ci, k) = at[v];
            let c = &bulk.chunks[ci];
            let subject = subject_of(bulk, v, c.natures[k])?;
            let claims = firsts[ci] + c.start[k]..firsts[ci] + c.start[k + 1];
            if claims.is_empty() {
                return None;
            }
            if !(ranks || keep || find) {
                let estimate = state.latest_estimate(v, names);
                return Some((v, Group::of_estimate(subject, estimate), Vec::new()));
            }
            let mut members = Vec::with_capacity(claims.len());
            members.extend(claims.clone().map(|i| (i, names.as_of(i), names.voice(i))));
            // As `Reconciler` orders a group's claims: by date (the undated first), then id.
            members.sort_by_cached_key(|&(i, day, _)| (day, names.order_key(i)));
            let (mut g, found) = if keep || find {
                let g =
                    finish_variable(v, subject, &members, names, state, policy, all_pairs_up_to);
                let found = if find {
                    findings::of_group(
                        v,
                        &g,
                        names,
                        &mut || claims.clone().collect(),
                        state,
                        voices,
                    )
                } else {
                    Vec::new()
                };
                if keep {
                    (g, found)
                } else {
                    let estimate = g.estimate.map(|e| Estimate { supporting: Vec::new(), ..e });
                    (Group::of_estimate(g.subject, estimate), found)
                }
            } else {
                (Group::of_estimate(subject, state.latest_estimate(v, names)), Vec::new())
            };
            if ranks {
                g.ranks = ranked(state, members.iter().map(|m| (m.0, names.id(m.0))), names);
            }
            Some((v, g, found))
        })
        .collect();
    // The variables with claims (a group each, as `Reconciler` has a group per subject
    // claimed), each with whether it has an estimate, and each one's place in subject order,
    // which orders its findings.
    let claimed: Vec<(usize, bool)> =
        made.iter().map(|(v, g, _)| (*v, g.estimate.is_some())).collect();
    let mut place = vec![0; bulk.vars.len()];
    for (r, (v, _, _)) in made.iter().enumerate() {
        place[*v] = r;
    }
    let (mut groups, mut found) = (Vec::with_capacity(made.len()), Vec::new());
    for (v, g, f) in made {
        groups.push(g);
        found.extend(f.into_iter().map(|f| (v, f)));
    }
    let findings = find.then(|| {
        let summary = findings::summarize(&found, claimed.into_iter(), state);
        let found = found.into_iter().map(|(v, f)| (place[v], f)).collect();
        (findings::in_order(found), summary)
    });
    (groups, findings)
}
