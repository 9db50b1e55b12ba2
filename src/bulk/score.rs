//! Scoring the column store: `Reconciler`'s scoring state built from its columns
//! (`State::of_columns`), its rounds run, and the result read back per variable and source.

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use chrono::NaiveDate;

use crate::id::{ClaimId, SourceId};
use crate::reconcile::findings;
use crate::reconcile::score::{ClaimNames, Givers, State};
use crate::reconcile::threads;
use crate::reconcile::voice::Voices;
use crate::reconcile::{
    Asked, Group, Reconciler, Reconciliation, Summary, TableGroup, finish_variable, ranked,
};
use crate::subject::{Measure, Nature, Subject};
use crate::tabular::attribute_key;
use crate::value::Policy;
use crate::value::{Label, Value};

use super::{Bulk, BulkKind};

/// The table's entry to the one engine; it lives beside the column store it reads, so that
/// `reconcile` does not import the store that imports it.
impl Reconciler {
    /// Reconciles a table's claims read in bulk ([`Table::read_bulk`](crate::Table::read_bulk)),
    /// by the same model and options as [`Reconciler::reconcile`], with its scoring state built
    /// straight from the column store rather than from a [`Claim`](crate::Claim) per row.
    ///
    /// The voices, estimates (and the as-of date each describes), ranks, relations, findings
    /// and source scores are those [`Reconciler::reconcile`] gives the claims
    /// [`Table::read`](crate::Table::read) reads from the same table, dated or not, the
    /// estimates exactly and the scores to within 1e-12 (`tests/entry_points.rs`), but for the
    /// differences the README lists: a row its source repeats on the same date is one claim
    /// here ([`Bulk::repeats`](crate::Bulk::repeats) counts them); a category spelt in two
    /// cases is written in its first spelling in byte order, and a set by its items' keys, in
    /// lower case. Its phrases ("about 1,000", "dozens") are scored and related by
    /// [`Reconciler::policy`], as claims are, whatever policy the parser that read the table
    /// had. One option of the reconciler does not reach a table: a table has no part-of (a row
    /// names no sub-count, so [`Reconciler::places`] has nothing to judge). The
    /// [`Reconciler::aliases`] table reaches it as it reaches claims: objects and categories
    /// it names alike are one, shown by the canonical name. Each source is its
    /// own voice unless declared one with others ([`Reconciler::same_voice`], names matched in
    /// lower case) or found copying them ([`Reconciler::copy_detection`]).
    ///
    /// # Returns
    /// A [`Reconciliation`]: a group per variable with claims (its subject the attribute as
    /// measure and the object as event, in subject order: by attribute, then object, in lower
    /// case; find one with [`Reconciliation::estimate`] or [`Reconciliation::variable`]), the
    /// sources, outlets and voices sorted by name in lower case (a name spelt in several cases
    /// is one source, shown in its first spelling in byte order), the rejected rows, and, as
    /// asked ([`Reconciler::findings`], [`Reconciler::ranks`], [`Reconciler::whole_groups`]),
    /// the findings and each group's ranks and whole content. `claims` is empty: the rows stay
    /// in `bulk`, and a claim is named as `Table::read` names a row's, `name:line`. For the
    /// estimates of millions of rows alone, turn the three off: each names claims by id. To
    /// have them all without holding them, [`Reconciler::reconcile_table_each`] hands each
    /// group on as it is finished.
    ///
    /// # Complexity
    /// O(n log n) for n claims to build the scoring state (each variable's figures sorted
    /// once), then O(n) a round; variables are prepared, estimated and scored in parallel.
    /// At its peak the whole job holds 100 to 145 bytes a claim, store and reading included
    /// (`examples/scale`'s dated table with 20 copiers: a resident peak of 907 to 1,019 MiB
    /// at 10^7 claims, 109 to 143 MiB at 10^6). From 2^14 claims the work runs on rayon's
    /// global pool, the calling thread waiting for it. Copy detection is that of
    /// [`Reconciler::reconcile`]: at 10^6 claims of 100 sources each on every one of 10^4
    /// variables about 0.37 s and 41 MiB. The result is the
    /// same whatever the number of threads; shuffling the rows changes no estimate (a
    /// source's scores only in the last bits of a float).
    ///
    /// # Example
    /// ```
    /// use claimrecon::{Parser, Reconciler, SourceId, Table};
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
    /// // The estimates, sources and voices alone, as a large table wants them.
    /// let reconciler = Reconciler::new().findings(false).ranks(false).whole_groups(false);
    /// let result = reconciler.reconcile_table(&bulk);
    /// let joined: Vec<_> = result.voices.iter().filter(|v| v.members.len() > 1).collect();
    /// assert_eq!(joined.len(), 1);
    /// let mirrors = joined[0];
    /// let members: Vec<&str> = mirrors.members.iter().map(|m| m.as_str()).collect();
    /// assert_eq!(members, ["Mirror 0", "Mirror 1", "Mirror 2"]);
    /// assert!(mirrors.reasons.iter().all(|why| why.to_string().contains("copying detected")));
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
    pub fn reconcile_table(&self, bulk: &Bulk) -> Reconciliation {
        threads::on_pool(bulk.len(), || reconcile(self, bulk))
    }

    /// Reconciles a table as [`Reconciler::reconcile_table`] does, handing each group to
    /// `each`, with the findings about it, as soon as it is finished, and keeping neither: the
    /// memory of the full model (ranks, findings, whole groups) on millions of rows is then
    /// the scoring state's and a few thousand groups', not the whole result's.
    ///
    /// The groups come in the order of `reconcile_table`'s `groups`, equal to them, each with
    /// the findings `reconcile_table` gives about its subject, in their order there (by
    /// kind, then claims). The result returned holds the rest, as `reconcile_table` gives
    /// it (the sources, outlets, voices, summary, rounds and rejected rows); its `groups`
    /// and `findings` are empty.
    ///
    /// `each` runs on the calling thread, so it may write to a file or hold what is not
    /// [`Send`]. The groups are finished in parallel in parts of about 2^16 claims (whole
    /// groups, at least one for each of the pool's threads): while `each` is handed one part's
    /// groups, the pool finishes the next part's.
    ///
    /// # Complexity
    /// The time of [`Reconciler::reconcile_table`] (on the dated 10^7 table of
    /// `examples/scale` with 20 copiers, findings and ranks on, 0.95x its CPU), plus what `each`
    /// takes. The memory is the scoring state's and two parts' groups, not every group's: at
    /// 10^7 claims 941 against 2,014 MiB kept whole, at 10^6 with whole groups too 130 against
    /// 365 MiB (BENCHMARKS.md, "The full model handed on group by group").
    ///
    /// # Example
    /// ```
    /// use claimrecon::{FindingKind, Parser, Rank, Reconciler, Table};
    /// let csv = "source,object,attribute,value\n\
    ///            a,Oslo,population,700000\n\
    ///            b,Oslo,population,700000\n\
    ///            c,Oslo,population,500000\n\
    ///            a,Bergen,population,290000\n";
    /// let bulk = Table::csv().read_bulk("towns.csv", csv.as_bytes(), &Parser::default())?;
    /// // Written out as they come (here, a line per claim that conflicts with its estimate).
    /// let mut lines = Vec::new();
    /// let rest = Reconciler::new().reconcile_table_each(&bulk, |group| {
    ///     for r in group.group.ranks.iter().filter(|r| r.rank == Rank::Deprecated) {
    ///         lines.push(format!("{} {}: {}", group.group.subject, r.claim, r.reason));
    ///     }
    ///     assert!(group.findings.iter().all(|f| f.subject == group.group.subject));
    /// });
    /// assert_eq!(lines.len(), 1);
    /// assert!(lines[0].contains("towns.csv:4"), "{}", lines[0]);
    /// // The rest of the result: no groups or findings kept, the summary counts them all.
    /// assert!(rest.groups.is_empty() && rest.findings.is_empty());
    /// assert_eq!(rest.summary.unwrap().quantities, 2);
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    pub fn reconcile_table_each(
        &self,
        bulk: &Bulk,
        mut each: impl FnMut(TableGroup),
    ) -> Reconciliation {
        reconcile_each(self, bulk, CLAIMS_AT_A_TIME, &mut |_, g| each(g))
    }
}

/// Scores every source and estimates every variable of `bulk` with `reconciler`'s options
/// (see [`Reconciler::reconcile_table`]), every group and its findings kept.
fn reconcile(reconciler: &Reconciler, bulk: &Bulk) -> Reconciliation {
    let (mut groups, mut found) = (Vec::new(), Vec::new());
    // In parts too: a table of many small groups then holds its groups once, in the result,
    // not also in a list of them all as they are finished.
    let mut result = reconcile_each(reconciler, bulk, CLAIMS_AT_A_TIME, &mut |all, g| {
        if groups.is_empty() {
            groups.reserve_exact(all);
        }
        let place = groups.len();
        groups.push(g.group);
        found.extend(g.findings.into_iter().map(|f| (place, f)));
    });
    result.groups = groups;
    result.findings = findings::in_order(found);
    result
}

/// Scores every source and estimates every variable of `bulk` with `reconciler`'s options
/// (see [`Reconciler::reconcile_table`]), handing each group, with its findings, to `each`,
/// in subject order, as it is finished (about `at_a_time` claims' worth at a time, see
/// [`CLAIMS_AT_A_TIME`]), with how many groups there are in all: the result holds everything
/// else.
fn reconcile_each(
    reconciler: &Reconciler,
    bulk: &Bulk,
    at_a_time: usize,
    each: &mut dyn FnMut(usize, TableGroup),
) -> Reconciliation {
    let Reconciler {
        rounds,
        tolerance,
        copy_detection,
        ref same_voice,
        all_pairs_up_to,
        asked,
        ..
    } = *reconciler;
    // Objects and categories by the reconciler's alias table, as claims are grouped and valued.
    let aliased = bulk.aliased(&reconciler.aliases);
    let bulk = &*aliased;
    // One policy for the scoring state and the relations, whose reasons judge again: the
    // reconciler's, as for claims.
    let policy = Arc::new(reconciler.policy.clone());
    let (mut state, voices) = threads::on_pool(bulk.len(), || {
        State::of_columns(bulk, &policy, rounds, tolerance, copy_detection, same_voice)
    });
    let firsts = bulk.first_claims();
    let names = BulkNames::of(bulk, &firsts, &voices);
    let (sources, outlets, voice_reports) = threads::on_pool(bulk.len(), || {
        state.index_claims();
        state.reports(&names, &voices)
    });
    let publish = Publish { names: &names, policy: &policy, asked, all_pairs_up_to, at_a_time };
    let summary = publish.each_group(&mut state, each);
    Reconciliation {
        claims: Vec::new(),
        rejected: bulk.rejected.clone(),
        groups: Vec::new(),
        summary,
        findings: Vec::new(),
        sources,
        outlets,
        voices: voice_reports,
        rounds: state.rounds,
    }
}

/// A table's claims as a result names them (see [`ClaimNames`]), a claim by its number over
/// the store's chunks in order (the scoring state's figures): its id as `Table::read` names a
/// row's claim, its value as `Table::read` reads its cell (a category in the spelling the
/// store holds it in, a set by its items' keys), its source as the voices name it, its voice and date.
/// Each is made when asked: for the claims a finding or a reason names, or every claim of
/// the groups asked for.
struct BulkNames<'a> {
    bulk: &'a Bulk,
    /// How many claims it holds ([`Bulk::len`], which counts them over the chunks: asked
    /// for each figure a result names, so counted once).
    claims: usize,
    /// Per chunk, the number of its first claim ([`Bulk::first_claims`]).
    firsts: &'a [usize],
    voices: &'a Voices,
    /// `name:`, which a row's line follows in its claim's id (see [`ClaimId::row_prefix`]).
    prefix: Arc<String>,
}

impl<'a> BulkNames<'a> {
    /// The claims of `bulk`, whose chunks' first claims are `firsts` ([`Bulk::first_claims`]),
    /// spoken for by `voices`.
    fn of(bulk: &'a Bulk, firsts: &'a [usize], voices: &'a Voices) -> Self {
        let prefix = ClaimId::row_prefix(&bulk.name);
        BulkNames { bulk, claims: bulk.len(), firsts, voices, prefix }
    }

    /// Claim `c`'s chunk and its place there.
    fn place(&self, c: usize) -> (usize, usize) {
        Bulk::place(self.firsts, c)
    }

    fn line(&self, c: usize) -> u32 {
        self.line_at(self.place(c))
    }

    /// The line of the claim at `j` in chunk `ci`.
    fn line_at(&self, (ci, j): (usize, usize)) -> u32 {
        self.bulk.chunks[ci].lines[j]
    }

    /// Claim `c`'s id, after `prefix`, the table's [`BulkNames::prefix`] (or a copy of it).
    fn id_after(&self, prefix: &Arc<String>, c: usize) -> ClaimId {
        ClaimId::of_row(prefix, self.line(c))
    }

    /// The order key of the claim at `j` in chunk `ci` ([`ClaimNames::order_key`]).
    fn order_key_at(&self, at: (usize, usize)) -> u64 {
        // One prefix: ids order as their lines' texts do.
        crate::id::line_key(self.line_at(at))
    }

    /// The as-of date of the claim at `j` in chunk `ci` ([`ClaimNames::as_of`]).
    fn as_of_at(&self, (ci, j): (usize, usize)) -> Option<NaiveDate> {
        self.bulk.chunks[ci].days.get(j).copied().and_then(super::date_of_day)
    }

    /// The value of the claim at `j` in chunk `ci` ([`ClaimNames::value`]), its variable the
    /// chunk's `k`th.
    fn value_at(&self, (ci, j): (usize, usize), k: usize) -> Value {
        let chunk = &self.bulk.chunks[ci];
        let claim = chunk.claim(j);
        if chunk.kinds.get(k) == Some(&BulkKind::Number) {
            let phrase = chunk.intervals.binary_search_by_key(&j, |&(p, _)| p).ok();
            let amount = phrase.and_then(|i| chunk.amounts.get(i).copied().flatten());
            super::number_value(claim.value, amount).unwrap_or(Value::Undisclosed)
        } else {
            self.bulk.label_values.get(claim.value as usize).cloned().unwrap_or(Value::Undisclosed)
        }
    }

    /// The source's number of the claim at `j` in chunk `ci` ([`ClaimNames::source_number`]):
    /// the reader keeps a source spelt in several cases as one.
    fn source_number_at(&self, (ci, j): (usize, usize)) -> usize {
        self.bulk.chunks[ci].sources[j] as usize
    }

    /// The source, as the voices name it, of the claim at `j` in chunk `ci`
    /// ([`ClaimNames::source`]).
    fn source_at(&self, at: (usize, usize)) -> SourceId {
        self.voices.name(self.source_number_at(at)).clone()
    }

    /// The voice of the claim at `j` in chunk `ci` ([`ClaimNames::voice`]).
    fn voice_at(&self, at: (usize, usize)) -> usize {
        self.voices.group_of_name(self.source_number_at(at))
    }

    /// The first giver's key of the claim at `j` in chunk `ci`
    /// ([`ClaimNames::first_giver_key`]): a row is never relayed.
    fn first_giver_key_at(&self, at: (usize, usize)) -> (Option<NaiveDate>, bool, u64) {
        (self.as_of_at(at), false, self.order_key_at(at))
    }
}

impl ClaimNames for BulkNames<'_> {
    fn claims(&self) -> usize {
        self.claims
    }

    fn id(&self, c: usize) -> ClaimId {
        self.id_after(&self.prefix, c)
    }

    fn order_key(&self, c: usize) -> u64 {
        self.order_key_at(self.place(c))
    }

    fn value(&self, c: usize) -> Value {
        let (ci, j) = self.place(c);
        // The chunk's variable: the last whose claims start at or before `j`.
        let k = self.bulk.chunks[ci].start.partition_point(|&s| s <= j).saturating_sub(1);
        self.value_at((ci, j), k)
    }

    fn source(&self, c: usize) -> SourceId {
        self.source_at(self.place(c))
    }

    fn source_number(&self, c: usize) -> usize {
        self.source_number_at(self.place(c))
    }

    fn voice(&self, c: usize) -> usize {
        self.voice_at(self.place(c))
    }

    fn as_of(&self, c: usize) -> Option<NaiveDate> {
        self.as_of_at(self.place(c))
    }

    fn givers(&self) -> Givers {
        // A row's source is its outlet: a table names no speaker.
        let sources = self.bulk.chunks.iter().flat_map(|c| &c.sources).copied().collect();
        Givers { sources, outlets: None }
    }

    fn via(&self, _: usize) -> Option<&SourceId> {
        None
    }

    /// The chunk found once for the date and the key.
    fn first_giver_key(&self, c: usize) -> (Option<NaiveDate>, bool, u64) {
        self.first_giver_key_at(self.place(c))
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

/// One variable's claims named as [`BulkNames`] names them, each claim's id made once: its
/// result names a claim several times (among its claims, in a cluster, behind the estimate,
/// in a finding, in its rank), and a row's id is a text made from its line.
struct VariableNames<'n, 'a> {
    names: &'n BulkNames<'a>,
    /// The variable's claims, consecutive from the claim numbered `first`.
    first: usize,
    /// Their chunk, where the first is at `at`, and the variable's place among the chunk's.
    chunk: usize,
    at: usize,
    var: usize,
    /// Their ids, in that order.
    ids: Vec<ClaimId>,
}

impl<'n, 'a> VariableNames<'n, 'a> {
    fn of(names: &'n BulkNames<'a>, claims: std::ops::Range<usize>) -> Self {
        // The ids share a copy of the table's name, not the table's own, whose count every
        // thread would change for every row.
        let prefix = Arc::new(String::clone(&names.prefix));
        let ids = claims.clone().map(|c| names.id_after(&prefix, c)).collect();
        // A variable's claims are one chunk's: found once, not for each claim named.
        let (chunk, at) = names.place(claims.start);
        let starts = &names.bulk.chunks[chunk].start;
        let var = starts.partition_point(|&s| s <= at).saturating_sub(1);
        VariableNames { names, first: claims.start, chunk, at, var, ids }
    }

    /// Claim `c`'s chunk and its place there: the variable's, found once, for its claims.
    fn place(&self, c: usize) -> (usize, usize) {
        if self.holds(c) { (self.chunk, self.at + c - self.first) } else { self.names.place(c) }
    }

    /// Whether claim `c` is one of the variable's.
    fn holds(&self, c: usize) -> bool {
        c.checked_sub(self.first).is_some_and(|k| k < self.ids.len())
    }
}

impl ClaimNames for VariableNames<'_, '_> {
    fn claims(&self) -> usize {
        self.names.claims()
    }

    fn id(&self, c: usize) -> ClaimId {
        match c.checked_sub(self.first).and_then(|k| self.ids.get(k)) {
            Some(id) => id.clone(),
            None => self.names.id(c),
        }
    }

    fn order_key(&self, c: usize) -> u64 {
        self.names.order_key_at(self.place(c))
    }

    fn value(&self, c: usize) -> Value {
        if self.holds(c) {
            self.names.value_at(self.place(c), self.var)
        } else {
            self.names.value(c)
        }
    }

    fn source(&self, c: usize) -> SourceId {
        self.names.source_at(self.place(c))
    }

    fn source_number(&self, c: usize) -> usize {
        self.names.source_number_at(self.place(c))
    }

    fn voice(&self, c: usize) -> usize {
        self.names.voice_at(self.place(c))
    }

    fn as_of(&self, c: usize) -> Option<NaiveDate> {
        self.names.as_of_at(self.place(c))
    }

    fn givers(&self) -> Givers {
        self.names.givers()
    }

    fn via(&self, c: usize) -> Option<&SourceId> {
        self.names.via(c)
    }

    fn first_giver_key(&self, c: usize) -> (Option<NaiveDate>, bool, u64) {
        self.names.first_giver_key_at(self.place(c))
    }
}

/// What finishing a table's groups reads besides the scoring state.
struct Publish<'a> {
    names: &'a BulkNames<'a>,
    policy: &'a Arc<Policy>,
    asked: Asked,
    all_pairs_up_to: usize,
    /// How many claims' groups are finished at a time ([`CLAIMS_AT_A_TIME`]).
    at_a_time: usize,
}

/// How many claims of a table's groups are finished at a time, in parallel, before they are
/// handed on (more when it takes more to give each of the pool's threads a group): with the
/// part being handed on, what a table's groups hold on to at once when they are handed on one
/// by one ([`Reconciler::reconcile_table_each`]).
const CLAIMS_AT_A_TIME: usize = 1 << 16;

impl Publish<'_> {
    /// Every variable with claims as `Reconciler`'s [`Group`], in subject order, handed to
    /// `each` with its findings and how many groups there are in all: its subject and
    /// estimate always; with `asked.whole_groups`, all of it (its claims in as-of order, their
    /// relations, its clusters, the claims behind its estimate: [`finish_variable`]); with
    /// `asked.ranks`, its ranks; and with `asked.findings`, its findings, by `Reconciler`'s
    /// rules and code ([`findings::of_group`]), each variable's read off its whole group
    /// before what was not asked for is dropped. Returns the summary, with findings.
    ///
    /// The groups are finished some `at_a_time` claims at a time (whole groups, and at least
    /// one for each of the pool's threads however large they are), in parallel, and handed on
    /// in order: while the calling thread hands one part's groups on, the pool finishes the
    /// next part's.
    fn each_group(
        &self,
        state: &mut State,
        each: &mut dyn FnMut(usize, TableGroup),
    ) -> Option<Summary> {
        let Asked { findings: find, ranks, whole_groups: keep } = self.asked;
        if (ranks || keep || find) && !state.supports_marked() {
            state.mark_supports();
        }
        let state = &*state;
        let bulk = self.names.bulk;
        // Each variable's chunk and place there.
        let mut at = vec![(0, 0); bulk.vars.len()];
        for (ci, c) in bulk.chunks.iter().enumerate() {
            for k in 0..c.kinds.len() {
                at[c.first + k] = (ci, k);
            }
        }
        let claims_of = |v: usize| {
            let (ci, k) = at[v];
            let c = &bulk.chunks[ci];
            self.names.firsts[ci] + c.start[k]..self.names.firsts[ci] + c.start[k + 1]
        };
        // The variables with claims, in subject order, each with its subject: a group each, as
        // `Reconciler` has a group per subject claimed.
        let (variables, subjects): (Vec<usize>, Vec<Subject>) = in_subject_order(bulk)
            .into_iter()
            .filter_map(|v| {
                let (ci, k) = at[v];
                (!claims_of(v).is_empty()).then_some(())?;
                Some((v, subject_of(bulk, v, bulk.chunks[ci].natures[k])?))
            })
            .unzip();
        let mut summary = find.then(Summary::default);
        let all = variables.len();
        let lens: Vec<usize> = variables.iter().map(|&v| claims_of(v).len()).collect();
        // Each part: its variables' places, and their subjects.
        let mut subjects = subjects.into_iter();
        // At least a group for each of the pool's threads a part, however large the groups.
        let per_part = rayon::current_num_threads();
        let mut parts = threads::parts_of_at_least(&lens, self.at_a_time, per_part)
            .into_iter()
            .map(|part| (part.clone(), subjects.by_ref().take(part.len()).collect::<Vec<_>>()));
        let parallel = bulk.len() >= threads::PARALLEL_FROM;
        let finish = |(part, subjects): (Range<usize>, Vec<Subject>)| -> Vec<(usize, TableGroup)> {
            let work = variables[part].iter().copied().zip(subjects);
            let one = |(v, subject)| (v, self.group(v, subject, claims_of(v), state));
            if parallel {
                work.collect::<Vec<_>>().into_par_iter().map(one).collect()
            } else {
                work.map(one).collect()
            }
        };
        let mut hand_on = |done: Vec<(usize, TableGroup)>| {
            for (v, g) in done {
                if let Some(summary) = &mut summary {
                    let numbered = g.findings.iter().filter(|f| f.kind.is_numbered()).count();
                    summary.count(v, g.group.estimate.is_some(), numbered, state);
                }
                each(all, g);
            }
        };
        // While the calling thread hands a part's groups on, the pool finishes the next part's.
        let mut current = parts.next().map(finish);
        while let Some(done) = current.take() {
            let next = parts.next();
            if parallel && next.is_some() {
                rayon::in_place_scope(|s| {
                    s.spawn(|_| current = next.map(finish));
                    hand_on(done);
                });
            } else {
                hand_on(done);
                current = next.map(finish);
            }
        }
        summary
    }

    /// Variable `v`'s group about `subject`, its claims `claims`, and its findings (see
    /// [`Publish::each_group`]).
    fn group(&self, v: usize, subject: Subject, claims: Range<usize>, state: &State) -> TableGroup {
        let asked = self.asked;
        let Asked { findings: find, ranks, whole_groups: keep } = asked;
        if !(ranks || keep || find) {
            let estimate = state.latest_estimate(v, self.names);
            return TableGroup {
                group: Group::of_estimate(subject, estimate),
                findings: Vec::new(),
            };
        }
        let names = &VariableNames::of(self.names, claims.clone());
        let mut members = Vec::with_capacity(claims.len());
        members.extend(claims.clone().map(|i| (i, names.as_of(i), names.voice(i))));
        // As `Reconciler` orders a group's claims: by date (the undated first), then id.
        members.sort_by_cached_key(|&(i, day, _)| (day, names.order_key(i)));
        let (mut group, mut found) = if keep || find {
            let g = finish_variable(
                v,
                subject,
                &members,
                names,
                state,
                self.policy,
                self.all_pairs_up_to,
            );
            let found = if find {
                let voices = self.names.voices;
                findings::of_group(v, &g, names, &mut || claims.clone().collect(), state, voices)
            } else {
                Vec::new()
            };
            (g.keeping(asked), found)
        } else {
            (Group::of_estimate(subject, state.latest_estimate(v, names)), Vec::new())
        };
        if ranks {
            group.ranks = ranked(state, members.iter().map(|m| (m.0, names.id(m.0))), names);
        }
        found = findings::in_order(found.into_iter().map(|f| (0, f)).collect());
        TableGroup { group, findings: found }
    }
}

#[cfg(test)]
mod tests {
    use super::{BulkNames, ClaimNames, VariableNames, Voices, reconcile, reconcile_each};
    use crate::reconcile::findings;
    use crate::reconcile::threads::{PARALLEL_FROM, large_table_csv};
    use crate::{Parser, Reconciler, Table};

    /// A table large enough to go to the pool ([`crate::reconcile::threads::on_pool`]) is
    /// reconciled there as on the calling thread, its parallel loops handed to the pool one by
    /// one: the same estimates, voices, scores, ranks and findings.
    #[test]
    fn a_table_reconciled_on_the_pool_is_the_one_reconciled_beside_it() {
        let csv = large_table_csv();
        let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
        assert!(bulk.len() >= PARALLEL_FROM, "{} rows go to the pool", bulk.len());
        let reconciler = Reconciler::new();
        let on_the_pool = reconciler.reconcile_table(&bulk);
        let beside = reconcile(&reconciler, &bulk);
        assert!(on_the_pool.voices.iter().any(|v| v.members.len() > 1), "the clique is found");
        assert_eq!(on_the_pool, beside);
    }

    /// A table's groups finished a few claims at a time and handed on one by one are those
    /// finished all at once: the same groups in the same order, the same findings and the same
    /// summary, which counts each group as its own variable (a part's groups, not the first
    /// part's), and the same rest of the result. The table adds to the pool's table an
    /// attribute first in subject order whose objects two sources agree on, and one last
    /// whose objects one source gives: in the summary, agreed and single-voice quantities.
    #[test]
    fn groups_finished_part_by_part_are_the_groups_finished_at_once() {
        use std::fmt::Write;
        let mut csv = large_table_csv();
        for o in 0..300 {
            writeln!(csv, "s1,o{o},area,{},\ns2,o{o},area,{},", 7 + o, 7 + o).unwrap();
            writeln!(csv, "s3,o{o},zone,{},", 9 + o).unwrap();
        }
        let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
        assert!(bulk.len() >= PARALLEL_FROM, "{} rows: groups finished in parallel", bulk.len());
        assert!(bulk.rejected().is_empty(), "{:?}", bulk.rejected()[0]);
        let reconciler = Reconciler::new();
        let at_once = reconcile_each(&reconciler, &bulk, usize::MAX, &mut |_, _| {});
        let whole = reconcile(&reconciler, &bulk);
        let (mut groups, mut found) = (Vec::new(), Vec::new());
        let mut counted = Vec::new();
        let mut rest = reconcile_each(&reconciler, &bulk, 97, &mut |all, g| {
            counted.push(all);
            found.extend(g.findings.into_iter().map(|f| (groups.len(), f)));
            groups.push(g.group);
        });
        assert!(counted.iter().all(|&n| n == whole.groups.len()), "how many groups in all");
        // Of the pool's table's 1,000 quantities, the 500 running totals and the 250 counts
        // whose figures (100 + o to 140 + o) do not lie within 10 % of one another have
        // findings; the other 250 counts are one count (`Policy::close`) and agree, as do the
        // areas; the zones rest on one voice.
        let summary = whole.summary.unwrap();
        let counts = (summary.quantities, summary.with_findings, summary.agreed);
        assert_eq!((counts, summary.single_voice), ((1_600, 750, 550), 300), "{summary}");
        assert_eq!(at_once.summary, whole.summary);
        assert_eq!(rest.summary, whole.summary);
        rest.groups = groups;
        rest.findings = findings::in_order(found);
        assert_eq!(rest, whole);
    }

    /// The names of a table of five rows about two variables' claims (four of them dated),
    /// for `check`.
    fn with_names(check: impl FnOnce(&BulkNames<'_>)) {
        let csv = "source,object,attribute,value,as_of\n\
                   a,x,killed,3,2022-01-05\n\
                   b,y,killed,4,\n\
                   c,x,killed,5,2022-01-06\n\
                   a,y,injured,9,2022-01-07\n\
                   b,x,killed,6,2022-01-07\n";
        let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
        let voices = Voices::of_sources(&bulk.sources, &[]);
        let firsts = bulk.first_claims();
        check(&BulkNames::of(&bulk, &firsts, &voices));
    }

    /// A row's first-giver key, its chunk found once, is what the trait's rule reads from the
    /// three on their own: its as-of date, not relayed, and its order key.
    #[test]
    fn a_rows_first_giver_key_is_its_date_relay_and_order_key() {
        with_names(|names| {
            assert_eq!(names.claims(), 5);
            for c in 0..names.claims() {
                let each = (names.as_of(c), names.via(c).is_some(), names.order_key(c));
                assert_eq!(names.first_giver_key(c), each, "claim {c}");
            }
            let dated = (0..5).filter(|&c| names.as_of(c).is_some()).count();
            assert_eq!(dated, 4, "four rows give a date");
        });
    }

    /// A variable's names, its claims' ids made once, name every claim as the table's do:
    /// its own (each its own row's id, not a neighbour's) and any other.
    #[test]
    fn a_variables_names_are_the_tables() {
        with_names(a_variables_names_are_those);
    }

    fn a_variables_names_are_those(names: &BulkNames<'_>) {
        let n = names.claims();
        assert_eq!(n, 5);
        // Each variable's claims are consecutive: take those of the first, and of one inside.
        for claims in [0..3, 1..3, 3..4] {
            let of = VariableNames::of(names, claims.clone());
            assert_eq!(of.ids.len(), claims.len());
            for c in 0..n {
                assert_eq!(of.id(c), names.id(c), "claim {c} of {claims:?}");
                assert_eq!(of.order_key(c), names.order_key(c));
                assert_eq!((of.value(c), of.source(c)), (names.value(c), names.source(c)));
                assert_eq!((of.voice(c), of.as_of(c)), (names.voice(c), names.as_of(c)));
                assert_eq!(of.first_giver_key(c), names.first_giver_key(c));
            }
        }
        let lines: Vec<String> = (0..n).map(|c| names.id(c).to_string()).collect();
        let mut distinct = lines.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), n, "each claim its own row: {lines:?}");
    }
}
