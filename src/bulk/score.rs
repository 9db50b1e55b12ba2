//! Scoring the column store: `Reconciler`'s scoring state built from its columns
//! (`State::of_columns`), its rounds run, and the result read back per variable and source.

use std::fmt;
use std::sync::Arc;

use rayon::prelude::*;

use chrono::NaiveDate;

use crate::unit::Unit;
use serde::{Deserialize, Serialize};

use crate::crh;
use crate::id::{ClaimId, SourceId, collapsed, source_key};
use crate::reconcile::findings;
use crate::reconcile::score::{ClaimNames, Decided, State, index};
use crate::reconcile::voice::Voices;
use crate::reconcile::{
    ALL_PAIRS_UP_TO, Figure, Finding, Group, OutletReport, RankReason, Ranked, Rejected,
    SourceReport, Summary, VoiceReport, finish_variable, ranked,
};
use crate::subject::{Measure, Nature, Subject};
use crate::tabular::{attribute_key, cell};
use crate::value::Policy;
use crate::value::{Label, Value};

use super::{Bulk, BulkKind};

/// Scores bulk claims with [`Reconciler`](crate::Reconciler)'s model, its scoring state built
/// from the column store: CRH rounds of estimates and source weights, the same code. The
/// voices, estimates (and the as-of date each describes) and source scores are those
/// `Reconciler` gives the claims [`Table::read`](crate::Table::read) reads from the same table,
/// dated or not: with an as-of column, time is `Reconciler`'s too (see
/// [`BulkEstimate::as_of`]). Copy detection is
/// `Reconciler`'s, on the same statements (on by default: sources found copying one another
/// speak with one voice, see [`BulkReconciliation::voices`]; a number is one figure by its
/// text, and figures order by their texts, as in `Reconciler`; the block and false-sharing
/// passes judge the variables of fixed facts only, as [`Table::nature`](crate::Table::nature)
/// and [`Table::nature_of`](crate::Table::nature_of) say, and the rare-sharing pass every
/// variable, as in `Reconciler`). Findings, when asked ([`BulkReconciler::findings`]), are
/// `Reconciler`'s, and so are ranks ([`BulkReconciler::ranks`]) and groups with their
/// relations ([`BulkReconciler::groups`]). A table has no part-of: a row names no sub-count.
/// Built by value.
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

/// An estimate's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum BulkValue {
    /// A number.
    Number(f64),
    /// A label, lower-case with single spaces.
    Label(String),
    /// Labels that conflict and are equally supported, in text order: the estimate is
    /// undecided between them (as [`Figure::Undecided`](crate::Figure::Undecided)).
    Undecided(Vec<String>),
}

impl fmt::Display for BulkValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BulkValue::Number(x) => write!(f, "{x}"),
            BulkValue::Label(l) => f.write_str(l),
            BulkValue::Undecided(values) => write!(f, "undecided: {}", values.join(" | ")),
        }
    }
}

/// The estimate for one variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkEstimate {
    /// The object.
    pub object: String,
    /// The attribute.
    pub attribute: String,
    /// Numbers or labels.
    pub kind: BulkKind,
    /// For numbers: their unit, the base unit of the attribute's dimension (`Unit::Number`
    /// for counts; amounts in other units of the dimension are converted to it).
    pub unit: Option<Unit>,
    /// As `Reconciler` estimates it: for numbers, the weighted median of the chosen cluster
    /// (of the clusters of figures that can all be true together, the one with the least CRH
    /// loss); for labels, the best-supported value, or the values tied on every count.
    pub best: BulkValue,
    /// For numbers: the lowest figure every claim in the chosen cluster allows (UCDP's low, as
    /// in [`Figure::Number`](crate::Figure::Number): their intervals intersected). Equal to
    /// `best` when those claims are one plain number.
    pub low: Option<f64>,
    /// For numbers: the highest figure every claim in the chosen cluster allows; `None` when
    /// none of them caps it ("more than 50") or for labels.
    pub high: Option<f64>,
    /// For a number: the weighted 25th and 75th percentiles of the figures estimated from,
    /// the spread of what sources say (not a bound: claims outside it may still be right), as
    /// [`Estimate::spread`](crate::Estimate::spread) gives it, by the same code.
    pub quartiles: Option<(f64, f64)>,
    /// The claims kept about this variable.
    pub claims: usize,
    /// The share of the weight of the claims estimated from (see `as_of`) on the claims that
    /// support `best` (the chosen cluster's; 0 when undecided), as
    /// [`Estimate::support`](crate::Estimate::support) gives it, by the same code.
    pub support: f64,
    /// The as-of date the estimate describes, as in [`Estimate::as_of`](crate::Estimate):
    /// with an as-of column, the latest date that gives a figure, whose figures (and, for a
    /// running total, the earlier figures beneath them as floors) it is estimated from; `None`
    /// for a table without dates. For a changing state each date is estimated in turn, as in
    /// `Reconciler`, and this is the last.
    pub as_of: Option<NaiveDate>,
}

/// The result of [`BulkReconciler::reconcile`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkReconciliation {
    /// One estimate per variable, sorted by object and attribute in lower case (spellings
    /// of one name in other cases are one variable, shown in the first spelling in byte order).
    pub estimates: Vec<BulkEstimate>,
    /// One row per source, as [`Reconciliation::sources`](crate::Reconciliation::sources)
    /// reports a source, by the same code: its voice, claims kept, distinct figures checked,
    /// agreement, reliability and echoes. Sorted by name in lower case (spellings of one name
    /// in other cases are one source, shown in the first spelling in byte order).
    pub sources: Vec<SourceReport>,
    /// One row per outlet, as [`Reconciliation::outlets`](crate::Reconciliation::outlets)
    /// reports one: a table's row names its outlet as its source (no speaker, no relay), so
    /// these are the sources' rows seen as outlets, in the same order (by name in lower case).
    pub outlets: Vec<OutletReport>,
    /// One row per independence group, as
    /// [`Reconciliation::voices`](crate::Reconciliation::voices) reports one: a source alone,
    /// or sources copy detection found copying one another (see
    /// [`BulkReconciler::copy_detection`]), with the evidence in words, their claims, distinct
    /// figures, agreement and reliability (from which the weight their figures carry is
    /// derived). Ordered by name: a group of several sources is named by its first member in
    /// lower case order, as in `Reconciler`.
    ///
    /// ```
    /// use claimrecon::{BulkReconciler, BulkValue, Parser, Table};
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
    /// let mirror = result.source("Mirror 2").unwrap();
    /// assert_eq!((mirror.voice.as_str(), mirror.echoes), ("Mirror 0", 7));
    /// // Counted once, the mirrors' figure loses.
    /// assert_eq!(result.estimate("Town 0", "killed").unwrap().best, BulkValue::Number(100.0));
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    pub voices: Vec<VoiceReport>,
    /// Rows that could not be used, by line.
    pub rejected: Vec<Rejected>,
    /// Rows dropped as repeats of the same source's same value.
    pub repeats: usize,
    /// Scoring rounds run.
    pub rounds: usize,
    /// What to look at first (made when asked: [`BulkReconciler::findings`]; else empty), most
    /// important first: [`Reconciliation::findings`](crate::Reconciliation::findings) of the
    /// claims `Table::read` reads from the table, by the same code (each variable's relations
    /// made to read them, and dropped unless [`BulkReconciler::groups`] keeps them): a
    /// conflict (clusters that cannot all be true, or figures of an earlier date that conflict
    /// and that no later report of their voices settled), a tie, a running total that fell,
    /// figures that cannot be compared, a yes/no state changed the same day (a note), a number
    /// resting on one voice. A claim is named as [`Table::read`](crate::Table::read) names a
    /// row's, `name:line`. Two differences: a row its source repeats on the same date is one
    /// claim here (named by its first id, one finding where `Reconciler` may make one a
    /// repeat), and a category is written by its key, in lower case.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// How many variables agree, need a look, rest on one voice (as
    /// [`Reconciliation::summary`](crate::Reconciliation::summary)); `None` unless the findings
    /// were asked for ([`BulkReconciler::findings`]).
    #[serde(default)]
    pub summary: Option<Summary>,
    /// Every kept row's rank and why, in the order of the rows (made when asked:
    /// [`BulkReconciler::ranks`]; else empty), as
    /// [`Group::ranks`](crate::Group::ranks) ranks a claim and by its rule, the claim named as
    /// [`Table::read`](crate::Table::read) names a row's, `name:line`, and a category in a
    /// reason written by its key, in lower case (as in findings). A row its source repeats on
    /// the same date is kept once (see [`BulkReconciliation::repeats`]): the row of the first
    /// id is ranked (ids order as text: line 10 before line 9).
    #[serde(default)]
    pub ranks: Vec<Ranked>,
    /// Every variable with claims as [`Reconciliation::groups`](crate::Reconciliation::groups)
    /// gives a group (made when asked: [`BulkReconciler::groups`]; else empty), in the same
    /// order (by attribute, then object): its subject (the attribute its measure, the object
    /// its event), its claims in as-of order, the relations between them (every pair up to
    /// eight claims, beyond that neighbours in time and each claim against the estimate's
    /// first supporting one, as [`Reconciler::all_pairs_up_to`](crate::Reconciler::all_pairs_up_to)
    /// says by default), its clusters, estimate and ranks; claims named `name:line`, a
    /// category written by its key, in lower case, a row its source repeats on the same date
    /// kept once (so a group with one holds one claim fewer than `Reconciler`'s).
    #[serde(default)]
    pub groups: Vec<Group>,
}

impl BulkReconciliation {
    /// The estimate for an object's attribute, named in any case and spacing ("aktau" finds
    /// "Aktau", as one subject to `Reconciler`).
    #[must_use]
    pub fn estimate(&self, object: &str, attribute: &str) -> Option<&BulkEstimate> {
        let wanted = (attribute_key(object), attribute_key(attribute));
        self.estimates
            .binary_search_by(|e| {
                (attribute_key(&e.object), attribute_key(&e.attribute)).cmp(&wanted)
            })
            .ok()
            .map(|i| &self.estimates[i])
    }

    /// A source's scores, named in any case and spacing ("police" finds "Police", as one
    /// voice).
    #[must_use]
    pub fn source(&self, name: &str) -> Option<&SourceReport> {
        let wanted = source_key(&collapsed(name));
        self.sources
            .binary_search_by(|s| source_key(s.source.as_str()).cmp(&wanted))
            .ok()
            .map(|i| &self.sources[i])
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
            asked: Asked::default(),
        }
    }

    /// Turns detection of copying sources on or off, as
    /// [`Reconciler::copy_detection`](crate::Reconciler::copy_detection) does: the same three
    /// passes on the table's variables, before the rounds.
    #[must_use]
    pub fn copy_detection(self, on: bool) -> Self {
        Self { copy_detection: on, ..self }
    }

    /// Makes the findings and the summary ([`BulkReconciliation::findings`],
    /// [`BulkReconciliation::summary`]); off by default. They are `Reconciler`'s, read off
    /// each variable's relations, which are made for them (and dropped unless
    /// [`BulkReconciler::groups`] keeps them). Each finding names its claims and says why in
    /// data (about a kilobyte a finding), and a large table has many: scale's 10^6 rows of
    /// running totals with copiers give 346,661 (most a figure below an earlier one of another
    /// voice, or two figures of earlier dates that conflict), at 2.1x the CPU and three times
    /// the memory peak of the path without them (BENCHMARKS.md).
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

    /// Ranks every row's claim ([`BulkReconciliation::ranks`]) as `Reconciler` ranks a claim
    /// (preferred, normal or deprecated, and why, in data), by the same rule; off by default.
    /// A rank names its claim (`name:line`) and may name figures: about 90 bytes a row, and
    /// 1.3x the CPU of the path without them at 10^6 rows (BENCHMARKS.md).
    ///
    /// ```
    /// use claimrecon::{BulkReconciler, Parser, Rank, Table};
    /// let csv = "source,object,attribute,value\nA,Almaty,deaths,225\nB,Almaty,deaths,225\nC,Almaty,deaths,103\n";
    /// let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default())?;
    /// let r = BulkReconciler::new().ranks(true).reconcile(&bulk);
    /// let ranks: Vec<(&str, Rank)> = r.ranks.iter().map(|r| (r.claim.as_str(), r.rank)).collect();
    /// assert_eq!(ranks, [("t.csv:2", Rank::Preferred), ("t.csv:3", Rank::Preferred), ("t.csv:4", Rank::Deprecated)]);
    /// assert!(r.ranks[2].reason.to_string().starts_with("conflicts with the estimate"));
    /// # Ok::<(), claimrecon::Error>(())
    /// ```
    #[must_use]
    pub fn ranks(self, on: bool) -> Self {
        Self { asked: Asked { ranks: on, ..self.asked }, ..self }
    }

    /// Gives every variable as `Reconciler` gives a group ([`BulkReconciliation::groups`]): its
    /// claims, the relations between them, its clusters, estimate (with the claims supporting
    /// it and why) and ranks, by the same code; off by default. Each group names all its claims
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

    /// The most scoring rounds to run (at least 1).
    #[must_use]
    pub fn rounds(self, rounds: usize) -> Self {
        Self { rounds: rounds.max(1), ..self }
    }

    /// Rounds stop early once no weight (and no completeness of the lists sources give) moves
    /// by more than this (default 1e-9), as in `Reconciler`. Zero (or a
    /// negative number or NaN) runs every round, which is what a benchmark of a fixed number
    /// of rounds wants.
    #[must_use]
    pub fn tolerance(self, tolerance: f64) -> Self {
        Self { tolerance: if tolerance > 0.0 { tolerance } else { -1.0 }, ..self }
    }

    /// Scores every source and estimates every variable.
    ///
    /// # Arguments
    /// `bulk`: claims from [`Table::read_bulk`](crate::Table::read_bulk).
    ///
    /// # Returns
    /// Estimates sorted by object and attribute, sources by name (each by its key: in lower
    /// case, as [`BulkReconciliation::estimate`] and [`BulkReconciliation::source`] find
    /// them), and the rejected rows.
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
    pub fn reconcile(&self, bulk: &Bulk) -> BulkReconciliation {
        // One policy for the scoring state and the relations, whose reasons judge again.
        let policy = Arc::new(Policy::default());
        let (mut state, voices) =
            State::of_columns(bulk, &policy, self.rounds, self.tolerance, self.copy_detection);
        let firsts = bulk.first_claims();
        let estimates = estimates_of(bulk, &state);
        let names = BulkNames {
            bulk,
            firsts: &firsts,
            voices: &voices,
            prefix: ClaimId::row_prefix(&bulk.name),
        };
        state.index_claims();
        let (sources, outlets, voice_reports) = state.reports(&names, &voices);
        let ranks = if self.asked.ranks { ranks_of(&mut state, &names) } else { Vec::new() };
        let Asked { groups, findings, .. } = self.asked;
        let (groups, found) = if groups || findings {
            groups_of(&mut state, &names, &policy, (groups, findings))
        } else {
            (Vec::new(), None)
        };
        let (findings, summary) = found.map_or((Vec::new(), None), |(f, s)| (f, Some(s)));
        BulkReconciliation {
            estimates,
            sources,
            outlets,
            voices: voice_reports,
            rejected: bulk.rejected.clone(),
            repeats: bulk.repeats,
            rounds: state.rounds,
            findings,
            summary,
            ranks,
            groups,
        }
    }
}

/// Each variable's estimate, as the model decided it ([`State::decided`]), with its support
/// and the weighted quartiles of its figures.
fn estimates_of(bulk: &Bulk, state: &State) -> Vec<BulkEstimate> {
    let mut estimates = Vec::with_capacity(bulk.vars.len());
    for c in &bulk.chunks {
        for (k, (&kind, &unit)) in c.kinds.iter().zip(&c.units).enumerate() {
            let v = c.first + k;
            let Some(Decided { figure: Some(decided), as_of, support, spread }) = state.decided(v)
            else {
                continue;
            };
            let (best, low, high) = match decided {
                Figure::Number { low, best, high, .. } => {
                    (BulkValue::Number(best), Some(low), high)
                }
                // A date is a label by its text, as the reader keys it.
                Figure::Date { best, .. } => (BulkValue::Label(best.to_string()), None, None),
                Figure::Value { value } => (BulkValue::Label(cell::shown(&value)), None, None),
                Figure::Undecided { values } => {
                    (BulkValue::Undecided(values.iter().map(cell::shown).collect()), None, None)
                }
            };
            let (object, attribute) = &bulk.vars[v];
            estimates.push(BulkEstimate {
                object: object.clone(),
                attribute: attribute.clone(),
                kind,
                unit,
                best,
                low,
                high,
                quartiles: spread,
                claims: c.start[k + 1] - c.start[k],
                support,
                as_of,
            });
        }
    }
    estimates
}

/// Every kept row's rank, by line, as `Reconciler` ranks the row's claim ([`State::each_rank`]).
fn ranks_of(state: &mut State, names: &BulkNames<'_>) -> Vec<Ranked> {
    state.mark_supports();
    let bulk = names.bulk;
    // Each claim's place in line order; each rank put there as the state gives it (in its
    // own order, which reads its memory in turn), over a placeholder.
    let mut by_line: Vec<(u32, u32)> = (0..bulk.len()).map(|c| (names.line(c), index(c))).collect();
    by_line.sort_unstable();
    let mut place = vec![0u32; bulk.len()];
    for (at, &(_, c)) in by_line.iter().enumerate() {
        place[c as usize] = index(at);
    }
    drop(by_line);
    let Some(placeholder) = (!place.is_empty()).then(|| names.id(0)) else { return Vec::new() };
    let mut ranks =
        vec![
            Ranked { claim: placeholder, rank: crate::Rank::Normal, reason: RankReason::unset() };
            bulk.len()
        ];
    state.each_rank(names, |c, rank, reason| {
        ranks[place[c] as usize] = Ranked { claim: names.id(c), rank, reason };
    });
    ranks
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

/// Every variable with claims as `Reconciler`'s [`Group`], in subject order (its claims in
/// as-of order, their relations, its clusters, estimate and ranks: [`finish_variable`]),
/// kept when `keep` says so; and with `find`, the findings and the summary, by `Reconciler`'s
/// rules and code ([`findings::of_group`], [`findings::summarize`]), each group's read off
/// it before it is dropped.
fn groups_of(
    state: &mut State,
    names: &BulkNames<'_>,
    policy: &Arc<Policy>,
    (keep, find): (bool, bool),
) -> (Vec<Group>, Option<(Vec<Finding>, Summary)>) {
    state.mark_supports();
    state.index_claims();
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
    let made: Vec<(usize, Option<Group>, Vec<Finding>)> = in_subject_order(bulk)
        .into_par_iter()
        .filter_map(|v| {
            let (ci, k) = at[v];
            let c = &bulk.chunks[ci];
            let subject = subject_of(bulk, v, c.natures[k])?;
            let claims = firsts[ci] + c.start[k]..firsts[ci] + c.start[k + 1];
            let mut members = Vec::with_capacity(claims.len());
            members.extend(claims.clone().map(|i| (i, names.as_of(i), names.voice(i))));
            if members.is_empty() {
                return None;
            }
            // As `Reconciler` orders a group's claims: by date (the undated first), then id.
            members.sort_by_cached_key(|&(i, day, _)| (day, names.order_key(i)));
            let mut g =
                finish_variable(v, subject, &members, names, state, policy, ALL_PAIRS_UP_TO);
            let found = if find {
                findings::of_group(v, &g, names, &mut || claims.clone().collect(), state, voices)
            } else {
                Vec::new()
            };
            // Ranks only for a group kept: findings do not read them.
            if keep {
                let claims = members.iter().zip(&g.claims).map(|(m, id)| (m.0, id.clone()));
                g.ranks = ranked(state, claims, names);
            }
            Some((v, keep.then_some(g), found))
        })
        .collect();
    // The variables with claims (a group each, as `Reconciler` has a group per subject
    // claimed), each with whether it has an estimate, and each one's place in subject order,
    // which orders its findings.
    let claimed: Vec<(usize, bool)> =
        made.iter().map(|(v, _, _)| (*v, state.has_estimate(*v))).collect();
    let mut place = vec![0; bulk.vars.len()];
    for (r, (v, _, _)) in made.iter().enumerate() {
        place[*v] = r;
    }
    let (mut groups, mut found) = (Vec::new(), Vec::new());
    for (v, g, f) in made {
        groups.extend(g);
        found.extend(f.into_iter().map(|f| (v, f)));
    }
    let findings = find.then(|| {
        let summary = findings::summarize(&found, claimed.into_iter(), state);
        let found = found.into_iter().map(|(v, f)| (place[v], f)).collect();
        (findings::in_order(found), summary)
    });
    (groups, findings)
}
