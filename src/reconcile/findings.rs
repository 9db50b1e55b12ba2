//! Findings: what a human should look at first.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::claim::Claim;
use crate::id::ClaimId;
use crate::subject::Subject;

use super::score::State;
use super::voice::Voices;
use super::{Group, RelationKind};

/// What kind of problem a finding reports. Ordered by importance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum FindingKind {
    /// Two time windows that split the day between them: one source inverted the other.
    Complement,
    /// A part reported above its whole.
    SubCountAboveTotal,
    /// A running total that fell.
    Regression,
    /// Figures that split into clusters that cannot all be true.
    Conflict,
    /// Figures about one subject that cannot be compared (different dimensions or kinds).
    Incomparable,
    /// An estimate that rests on one independent voice.
    SingleVoice,
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FindingKind::Complement => "complementary windows",
            FindingKind::SubCountAboveTotal => "sub-count above total",
            FindingKind::Regression => "running total fell",
            FindingKind::Conflict => "conflict",
            FindingKind::Incomparable => "incomparable figures",
            FindingKind::SingleVoice => "single voice",
        })
    }
}

/// One thing worth a human's eye, pointing at its claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// What kind of problem.
    pub kind: FindingKind,
    /// The subject it concerns.
    pub subject: Subject,
    /// The claims involved.
    pub claims: Vec<ClaimId>,
    /// The finding in one or two sentences.
    pub message: String,
}

pub(crate) fn collect(
    claims: &[Claim],
    groups: &[Group],
    state: &State,
    voices: &Voices,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let mut push = |kind, ids: Vec<ClaimId>, message: String| {
            out.push(Finding { kind, subject: g.subject.clone(), claims: ids, message });
        };
        let has_complement = g.relations.iter().any(|r| r.complement);
        let mut incomparable = BTreeSet::new();
        for r in &g.relations {
            let ids = vec![r.a.clone(), r.b.clone()];
            if r.complement {
                push(FindingKind::Complement, ids, format!("{}: {}", g.subject, r.reason));
                continue;
            }
            match r.kind {
                RelationKind::SubCountAboveTotal => {
                    push(
                        FindingKind::SubCountAboveTotal,
                        ids,
                        format!("{}: {}", g.subject, r.reason),
                    );
                }
                RelationKind::Incomparable => {
                    incomparable.insert(r.a.clone());
                    incomparable.insert(r.b.clone());
                }
                _ => {}
            }
        }
        if !incomparable.is_empty() {
            push(
                FindingKind::Incomparable,
                incomparable.into_iter().collect(),
                format!(
                    "{}: some figures cannot be compared with the others (different units or kinds)",
                    g.subject
                ),
            );
        }
        // One finding per offending figure, listing every figure it falls below.
        let regressions = state.regressions(gi, claims, voices);
        let offenders: BTreeSet<&ClaimId> = regressions.iter().map(|(o, _, _)| o).collect();
        for (offender, below, message) in &regressions {
            let mut ids = vec![offender.clone()];
            ids.extend(below.iter().cloned());
            push(FindingKind::Regression, ids, format!("{}: {message}", g.subject));
        }
        // Conflicts outside the estimate's clusters: between figures of an earlier state, or
        // between a figure and a derived bound.
        let in_clusters: BTreeSet<&ClaimId> = if g.clusters.len() > 1 {
            g.clusters.iter().flatten().collect()
        } else {
            BTreeSet::new()
        };
        for r in g.relations.iter().filter(|r| r.kind == RelationKind::Conflicts && !r.complement) {
            let within_split = in_clusters.contains(&r.a) && in_clusters.contains(&r.b);
            let involves_offender = offenders.contains(&r.a) || offenders.contains(&r.b);
            if !(within_split || involves_offender) {
                push(
                    FindingKind::Conflict,
                    vec![r.a.clone(), r.b.clone()],
                    format!("{}: {}", g.subject, r.reason),
                );
            }
        }
        // A split is a conflict when a rival cluster holds figures that are not regressions
        // (those have their own finding).
        let rivals_left = g.clusters.iter().flatten().any(|id| {
            !offenders.contains(id)
                && !g.estimate.as_ref().is_some_and(|e| e.supporting.contains(id))
        });
        if g.clusters.len() > 1 && !has_complement && rivals_left {
            let ids: Vec<ClaimId> =
                g.clusters.iter().flatten().filter(|id| !offenders.contains(id)).cloned().collect();
            let reason = g.estimate.as_ref().map_or_else(
                || format!("the figures split into {} conflicting clusters", g.clusters.len()),
                |e| e.reason.clone(),
            );
            push(FindingKind::Conflict, ids, format!("{}: {reason}", g.subject));
        }
        // Single-voice findings are for figures; a date or a yes/no from one voice is common
        // and would bury the rest.
        if let Some(e) =
            g.estimate.as_ref().filter(|e| matches!(e.figure, super::Figure::Number { .. }))
        {
            let voices_used = state.supporting_voices(gi);
            if voices_used.len() == 1
                && let Some(&v) = voices_used.iter().next()
            {
                push(
                    FindingKind::SingleVoice,
                    e.supporting.clone(),
                    format!(
                        "{}: {} rests on a single voice ({})",
                        g.subject, e.figure, voices.groups[v].name
                    ),
                );
            }
        }
    }
    out.sort_by(|a, b| (a.kind, &a.subject, &a.claims).cmp(&(b.kind, &b.subject, &b.claims)));
    out
}
