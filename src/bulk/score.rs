//! Scoring the column store: `Reconciler`'s scoring state built from its columns
//! (`State::of_columns`), its rounds run, and the result read back per variable and source.

use std::sync::Arc;

use rayon::prelude::*;

use chrono::NaiveDate;

use crate::crh;
use crate::id::{ClaimId, SourceId};
use crate::reconcile::findings;
use crate::reconcile::score::{ClaimNames, State};
use crate::reconcile::voice::Voices;
use crate::reconcile::{
    ALL_PAIRS_UP_TO, Estimate, Finding, Group, Reconciliation, Summary, finish_variable, ranked,
};
use crate::subject::{Measure, Nature, Subject};
use crate::tabular::attribute_key;
use crate::value::Policy;
use crate::value::{Label, Value};

use super::{Bulk, BulkKind};

/// Scores bulk claims with [`Reconciler`](crate::Reconciler)'s model, its scoring state built
/// from the column store: CRH rounds of estimates and source weights, the same code, and the
/// same result type, [`Reconciliation`]. The voices, estimates (and the as-of date each
/// describes) and source scores are those `Reconciler` gives the claims
/// [`Table::read`](crate::Table::read) reads from the same table, dated or not: with an as-of
/// column, time is `Reconciler`'s too (see [`Estimate::as_of`]). Copy detection is
/// `Reconciler`'s, on the same statements (on by default: sources found copying one another
/// speak with one voice, see [`Reconciliation::voices`]; a number is one figure by its
/// text, and figures order by their texts, as in `Reconciler`; the block and false-sharing
/// passes judge the variables of fixed facts only, as [`Table::nature`](crate::Table::nature)
/// and [`Table::nature_of`](crate::Table::nature_of) say, and the rare-sharing pass every
/// variable, as in `Reconciler`). Findings, when asked ([`BulkReconciler::findings`]), are
/// `Reconciler`'s, and so are ranks ([`BulkReconciler::ranks`]) and groups with their
/// relations ([`BulkReconciler::groups`]). A table has no part-of: a row names no sub-count.
/// Its imprecise values are intervals by the policy the table was read with (the parser's,
/// [`Parser::policy`](crate::Parser::policy)), which scores and relates them too, as
/// [`Reconciler::policy`](crate::Reconciler::policy) does claims. Built by value.
///
/// ```
/// use claimrecon::BulkReconciler;
/// let reconciler = BulkReconciler::new().rounds(10).copy_detection(false);
/// # let _ = reconciler;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BulkReconciler {
    rounds: usize,
    tolerance: f64,
    copy_detection: bool,
    same_voice: Vec<(SourceId, SourceId, String)>,
    all_pairs_up_to: usize,
    asked: Asked,
}

/// What [`BulkReconciler`] makes beyond the estimates, sources and voices.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Asked {
    findings: bool,
    ranks: bool,
    groups: bool,
}

impl Default for BulkReconciler {
    fn default() -> Self {
        Self::new()
    }
}

impl BulkReconciler {
    /// 20 rounds at most, copy detection on.
    #[must_use]
    pub fn new() -> Self {
        BulkReconciler {
            rounds: 20,
            tolerance: crh::TOLERANCE,
            copy_detection: true,
            same_voice: Vec::new(),
            all_pairs_up_to: ALL_PAIRS_UP_TO,
            asked: Asked::default(),
        }
    }

    /// Turns detection of copying sources on or off, as
    /// [`Reconciler::copy_detection`](crate::Reconciler::copy_detection) does: the same three
    /// passes on the table's variables, before the rounds. Each independence group is a row of
    /// [`Reconciliation::voices`]: a source alone, or sources found copying one another, with
    /// the evidence in words; a group of several sources is named by its first member in lower
    /// case order, as in `Reconciler`.
    ///
    /// ```
    /// use claimrecon::{BulkReconciler, Parser, SourceId, Table};
    /// // Four outlets give each town's toll (each wrong once); three mirrors repeat one wrong
    /// // figure on five of the seven towns.
    /// let mut csv = String::from("source,object,attribute,value\n");
    /// for town in 0..7 {
    ///     let truth = 100 + 10 * town;
    ///     for outlet in 0..4 {
    ///         let wrong = town == 4 + outlet % 3 && outlet < 3;
    ///         let figure = if wrong { truth + 1 + outlet } else { truth };
    ///         csv.push_str(&format!("Outlet {outlet},Town {town},killed,{figure}\n"));
    ///     }
    ///     for mirror in 0..3 {
    ///         let figure = if town < 5 { 500 + town } else { truth };
    ///         csv.push_str(&format!("Mirror {mirror},Town {town},killed,{figure}\n"));
    ///     }
    /// }
    /// let bulk = Table::csv().read_bulk("tolls.csv", csv.as_bytes(), &Parser::default())?;
    /// let result = BulkReconciler::new().reconcile(&bulk);
    /// let joined: Vec<_> = result.voices.iter().filter(|v| v.members.len() > 1).collect();
    /// assert_eq!(joined.len(), 1);
    /// let mirrors = joined[0];
    /// let members: Vec<&str> = mirrors.members.iter().map(|m| m.as_str()).collect();
    /// assert_eq!(members, ["Mirror 0", "Mirror 1", "Mirror 2"]);
    /// assert!(mirrors.reasons.iter().all(|why| why.contains("copying detected")));
    /// // Seven towns, each figure given by the three: 21 claims, 7 distinct figures, and
    /// // the second and third mirror echo the first.
    /// assert_eq!((mirrors.claims, mirrors.distinct), (21, 7));
    /// let mirror = result.source(&SourceId::new("mirror 2")?).unwrap();
    /// assert_eq!((mirror.voice.as_str(), mirror.echoes), ("Mirror 0", 7));
    /// // Counted once, the mirrors' figure loses.
    /// let town = result.estimate("Town 0", "killed").unwrap();
    /// assert_eq!(town.figure.best_number(), Some(100.0));
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn copy_detection(self, on: bool) -> Self {
        Self { copy_detection: on, ..self }
    }

    /// Makes the findings and the summary ([`Reconciliation::findings`],
    /// [`Reconciliation::summary`], `None` without them); off by default. They are `Reconciler`'s, read off
    /// each variable's relations, which are made for them (and dropped unless
    /// [`BulkReconciler::groups`] keeps them). Each finding names its claims and says why in
    /// data; a variable's regressions are one finding, and so are its conflicting pairs
    /// outside the estimate's clusters. Scale's 10^6 rows of running totals with copiers give
    /// 19,045 for 10,000 variables, at 1.7x the CPU and 342 against 232 MiB of the path
    /// without them (BENCHMARKS.md).
    ///
    /// ```
    /// use claimrecon::{BulkReconciler, FindingKind, Parser, Table};
    /// let csv = "source,object,attribute,value\nA,Almaty,deaths,225\nB,Almaty,deaths,225\nC,Almaty,deaths,103\nA,Aktau,deaths,12\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let r = BulkReconciler::new().findings(true).reconcile(&bulk);
    /// let kinds: Vec<FindingKind> = r.findings.iter().map(|f| f.kind).collect();
    /// assert_eq!(kinds, [FindingKind::Conflict, FindingKind::SingleVoice]);
    /// // Claims are named as `Table::read` names a row's claim.
    /// assert_eq!(r.findings[1].claims[0].as_str(), "t.csv:5");
    /// let summary = r.summary.unwrap();
    /// assert_eq!((summary.quantities, summary.with_findings, summary.single_voice), (2, 1, 1));
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn findings(self, on: bool) -> Self {
        Self { asked: Asked { findings: on, ..self.asked }, ..self }
    }

    /// Ranks every row's claim as `Reconciler` ranks a claim (preferred, normal or deprecated,
    /// and why, in data), by the same rule, into its variable's [`Group::ranks`] (in the
    /// group's order of claims: by as-of date, the undated first, then id); off by default. A
    /// row its source repeats on the same date is kept once: the row of the first id is
    /// ranked (ids order as text: line 10 before line 9). A rank names its claim
    /// (`name:line`) and may name figures: about 90 bytes a row (BENCHMARKS.md).
    ///
    /// ```
    /// use claimrecon::{BulkReconciler, Parser, Rank, Table};
    /// let csv = "source,object,attribute,value\nA,Almaty,deaths,225\nB,Almaty,deaths,225\nC,Almaty,deaths,103\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let r = BulkReconciler::new().ranks(true).reconcile(&bulk);
    /// let deaths = &r.groups[0].ranks;
    /// let ranks: Vec<(&str, Rank)> = deaths.iter().map(|r| (r.claim.as_str(), r.rank)).collect();
    /// assert_eq!(ranks, [("t.csv:2", Rank::Preferred), ("t.csv:3", Rank::Preferred), ("t.csv:4", Rank::Deprecated)]);
    /// assert!(deaths[2].reason.to_string().starts_with("conflicts with the estimate"));
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn ranks(self, on: bool) -> Self {
        Self { asked: Asked { ranks: on, ..self.asked }, ..self }
    }

    /// Gives every variable whole, as `Reconciler` gives a group ([`Reconciliation::groups`]):
    /// its claims, the relations between them, its clusters, estimate (with the claims
    /// supporting it and why) and ranks, by the same code; off by default, when a variable's
    /// group gives its subject and estimate only. A row its source repeats on the same date is
    /// kept once, so a group with one holds one claim fewer than `Reconciler`'s; a category is
    /// written by its key, in lower case. Each group names all its claims
    /// (three times: its list, its ranks, its relations): several hundred bytes a row
    /// (BENCHMARKS.md), a small table's or an analyst's question's worth.
    ///
    /// ```
    /// use claimrecon::{BulkReconciler, ClaimId, Parser, RelationKind, Table};
    /// let csv = "source,object,attribute,value\nA,Almaty,deaths,225\nB,Almaty,deaths,225\nC,Almaty,deaths,103\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let r = BulkReconciler::new().groups(true).reconcile(&bulk);
    /// let deaths = &r.groups[0];
    /// assert_eq!(deaths.subject.to_string(), "deaths [Almaty]");
    /// assert_eq!(deaths.clusters.len(), 2);
    /// let id = |line: &str| ClaimId::new(&format!("t.csv:{line}")).unwrap();
    /// let kind = |a, b| deaths.relations.between_claims(&id(a), &id(b)).map(|x| x.kind);
    /// assert_eq!(kind("2", "3"), Some(RelationKind::Agrees));
    /// assert_eq!(kind("2", "4"), Some(RelationKind::Conflicts));
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn groups(self, on: bool) -> Self {
        Self { asked: Asked { groups: on, ..self.asked }, ..self }
    }

    /// Declares two sources one voice (same owner, same wire), with the reason, as
    /// [`Reconciler::same_voice`](crate::Reconciler::same_voice) does: the names are matched
    /// as the table's sources are, in lower case, and the two speak with one voice, a row of
    /// [`Reconciliation::voices`] with the reason "`a` and `b`: `reason`", whether copy
    /// detection runs or not. A name the table has no source of declares nothing itself, but
    /// links the pairs that name it (declare each outlet with its owner's name to make them
    /// one voice).
    ///
    /// ```
    /// use claimrecon::{BulkReconciler, Parser, SourceId, Table};
    /// let csv = "source,object,attribute,value\nRIA Novosti,Almaty,deaths,225\n\
    ///            Sputnik,Almaty,deaths,225\nTASS,Almaty,deaths,103\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let owner = SourceId::new("Rossiya Segodnya")?;
    /// let r = BulkReconciler::new()
    ///     .same_voice(SourceId::new("ria novosti")?, owner.clone(), "owned by it")
    ///     .same_voice(SourceId::new("Sputnik")?, owner, "owned by it")
    ///     .reconcile(&bulk);
    /// let ria = r.voices.iter().find(|v| v.voice.as_str() == "RIA Novosti").unwrap();
    /// let members: Vec<&str> = ria.members.iter().map(|m| m.as_str()).collect();
    /// assert_eq!(members, ["RIA Novosti", "Sputnik"]);
    /// assert_eq!(ria.reasons[0], "ria novosti and Rossiya Segodnya: owned by it");
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn same_voice(mut self, a: SourceId, b: SourceId, reason: &str) -> Self {
        self.same_voice.push((a, b, reason.to_owned()));
        self
    }

    /// Variables of up to this many claims get every pair related; larger ones only
    /// neighbours in as-of order and each claim against the estimate's supporting claims, as
    /// [`Reconciler::all_pairs_up_to`](crate::Reconciler::all_pairs_up_to) says. Default 8.
    /// Relations are made for groups and findings ([`BulkReconciler::groups`],
    /// [`BulkReconciler::findings`]).
    #[must_use]
    pub fn all_pairs_up_to(self, n: usize) -> Self {
        Self { all_pairs_up_to: n, ..self }
    }

    /// The most scoring rounds to run (at least 1).
    #[must_use]
    pub fn rounds(self, rounds: usize) -> Self {
        Self { rounds: rounds.max(1), ..self }
    }

    /// Rounds stop early once every weight (and every completeness of the lists sources give)
    /// moves by less than this (default 1e-9), as in `Reconciler`. Zero (or a negative number
    /// or NaN) runs every round, which is what a benchmark of a fixed number of rounds wants;
    /// infinity stops after the first.
    #[must_use]
    pub fn tolerance(self, tolerance: f64) -> Self {
        Self { tolerance: crh::tolerance_or_every_round(tolerance), ..self }
    }

    /// Scores every source and estimates every variable.
    ///
    /// # Arguments
    /// `bulk`: claims from [`Table::read_bulk`](crate::Table::read_bulk).
    ///
    /// # Returns
    /// A [`Reconciliation`], as `Reconciler` gives one: a group per variable with claims (its
    /// subject the attribute as measure and the object as event, in `Reconciler`'s order: by
    /// attribute, then object, in lower case; find one with [`Reconciliation::estimate`] or
    /// [`Reconciliation::variable`]), each with its estimate (the claims behind it named only
    /// with [`BulkReconciler::groups`]); the sources, outlets and voices, sorted by name in
    /// lower case (a name spelt in several cases is one source, shown in its first spelling in
    /// byte order); the rejected rows; and what was asked for. `claims` is empty: the rows stay
    /// in `bulk` (and [`Bulk::repeats`] counts the rows kept once as repeats). A claim is named
    /// as [`Table::read`](crate::Table::read) names a row's, `name:line`.
    ///
    /// # Complexity
    /// O(n log n) for n claims to build the scoring state (each variable's figures sorted
    /// once), then O(n) a round; variables are prepared, estimated and scored in parallel.
    /// Beyond the store, the scoring state holds about 110 bytes a claim (`examples/scale`: a
    /// resident peak of 153 MiB at 10^6 claims with copy detection off, store and reading
    /// included). The result is the same whatever the number of threads.
    ///
    /// Copy detection, when on, counts the agreement of the pairs of sources that share
    /// variables: from bit sets (a bit per source and variable) when many sources cover each
    /// variable, O(p · V / 64) for p pairs and V variables; pair by pair otherwise, O(Σ m²) for
    /// m sources a variable, holding every pair that shares a variable while it counts. At
    /// 10^6 claims of 100 sources each on every one of 10^4 variables it costs about 0.37 s and
    /// 41 MiB (`examples/scale`); thousands of sources that each cover a few of many shared
    /// variables are its costly case (not yet bounded; turn it off with
    /// [`BulkReconciler::copy_detection`]).
    #[must_use]
    pub fn reconcile(&self, bulk: &Bulk) -> Reconciliation {
        // One policy for the scoring state and the relations, whose reasons judge again: the
        // one the table's phrases were read with.
        let policy = Arc::new(bulk.policy.clone());
        let (mut state, voices) = State::of_columns(
            bulk,
            &policy,
            self.rounds,
            self.tolerance,
            self.copy_detection,
            &self.same_voice,
        );
        let firsts = bulk.first_claims();
        let names = BulkNames {
            bulk,
            firsts: &firsts,
            voices: &voices,
            prefix: ClaimId::row_prefix(&bulk.name),
        };
        state.index_claims();
        let (sources, outlets, voice_reports) = state.reports(&names, &voices);
        let (groups, found) =
            groups_of(&mut state, &names, &policy, self.asked, self.all_pairs_up_to);
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
/// estimate always; with `asked.groups`, all of it (its claims in as-of order, their
/// relations, its clusters, the claims behind its estimate, its ranks: [`finish_variable`]);
/// with `asked.ranks`, its ranks; and with `asked.findings`, the findings and the summary, by
/// `Reconciler`'s rules and code ([`findings::of_group`], [`findings::summarize`]), each
/// variable's read off its whole group before what was not asked for is dropped.
fn groups_of(
    state: &mut State,
    names: &BulkNames<'_>,
    policy: &Arc<Policy>,
    asked: Asked,
    all_pairs_up_to: usize,
) -> (Vec<Group>, Option<(Vec<Finding>, Summary)>) {
    let Asked { findings: find, ranks, groups: keep } = asked;
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
            if ranks || keep {
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
