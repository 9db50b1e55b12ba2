//! Findings: what a human should look at first.

use std::collections::{BTreeMap, HashSet};

use foldhash::fast::FixedState;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::id::ClaimId;
use crate::subject::Subject;

use super::reason::{About, Dated, Described, Figured, FindingMessage, NamedPairs, RIVALS_NAMED};
use super::relations::HeldRelation;
use super::score::{ClaimNames, Named, Regressions, State};
use super::store::ClaimStore;
use super::voice::Voices;
use super::{Estimate, Group, RelationKind, RelationReason};

/// What kind of problem a finding reports. Ordered by importance.
///
/// ```
/// use claimrecon::{Claim, ClaimId, FindingKind, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// let claim = |id: &str, phrase: &str, outlet: &str| {
///     let provenance = Provenance::new(SourceId::new(outlet)?);
///     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Injured), phrase, provenance, &Parser::default())
/// };
/// // "about 1,000" cannot be 4,578: a conflict, the finding an editor reads first.
/// let r = Reconciler::new().reconcile(vec![claim("un", "about 1,000", "UN")?, claim("pgo", "4,578", "GPO")?]);
/// let conflict = r.findings.iter().find(|f| f.kind == FindingKind::Conflict).unwrap();
/// assert_eq!(conflict.kind.to_string(), "conflict");
/// assert_eq!(conflict.claims.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum FindingKind {
    /// Two time windows that split the day between them: one source inverted the other.
    Complement,
    /// A part reported above its whole.
    SubCountAboveTotal,
    /// A running total that fell: a quantity's figures below what other voices reported
    /// earlier, in one finding (one figure with every figure it falls below; several counted,
    /// the first five named). Earlier figures above the estimate, set aside, are one more
    /// finding of this kind, beside it or alone, unless a conflict of their day names them:
    /// where the estimate follows the latest figures (the earlier voices weigh less, or
    /// another voice fell below them too), it names them with those figures, one side being
    /// wrong all the same; where it stands on a floor, it names them as above that floor.
    Regression,
    /// A running total's latest figure, from one voice, rising more than four times a day over
    /// the highest figure other voices reported (225 deaths from two ministries, then a
    /// blog's 2,000 the next day): a jump that large waits for a second voice, so the
    /// estimate stands on their figure ("at least 225"), as when earlier figures outweigh the
    /// latest.
    UnconfirmedJump,
    /// Figures that split into clusters that cannot all be true; a quantity's conflicting
    /// pairs outside its estimate's clusters (earlier days no later report settled) are one
    /// more finding (one pair in its relation's words; several counted, the first five named;
    /// the pairs the group's relations hold, which beyond eight figures are neighbours in time,
    /// pairs with the estimate's anchor and, in a state or fact, each figure an earlier epoch
    /// sets aside with that epoch's first standing figure).
    Conflict,
    /// Values that tie on every count: the reports do not decide.
    Undecided,
    /// Figures about one subject that cannot be compared (different dimensions or kinds).
    Incomparable,
    /// A yes/no state given both ways on one day, in an order the reports do not give, that
    /// the estimate reads as a change that day (see [`RelationKind::ChangedSameDay`]): a note,
    /// not a conflict. A day whose other way the estimate holds wrong (a slip its vote
    /// outweighs) is a [`FindingKind::Conflict`].
    ChangedSameDay,
    /// An estimate that rests on one independent voice: one voice gives its figure. A
    /// running total's earlier figures beneath it allow the figure without giving it, so they
    /// are no second voice (100 and 120 from two outlets on earlier days, then 5,000,000 from
    /// a third, rests on the third, and so does one beside "at least 1" the same day); a
    /// figure naming an amount the estimate allows ("164" a day before "164", "about 160") is
    /// one. Its claims are that voice's among the estimate's supporting claims.
    SingleVoice,
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FindingKind::Complement => "complementary windows",
            FindingKind::SubCountAboveTotal => "sub-count above total",
            FindingKind::Regression => "running total fell",
            FindingKind::UnconfirmedJump => "unconfirmed jump",
            FindingKind::Conflict => "conflict",
            FindingKind::Undecided => "undecided",
            FindingKind::Incomparable => "incomparable figures",
            FindingKind::ChangedSameDay => "changed the same day (order unknown)",
            FindingKind::SingleVoice => "single voice",
        })
    }
}

/// One thing worth a human's eye, pointing at its claims.
///
/// ```
/// use claimrecon::{Claim, ClaimId, FindingKind, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// let parser = Parser::default();
/// let claim = |id: &str, phrase: &str, outlet: &str| {
///     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase,
///         Provenance::new(SourceId::new(outlet)?), &parser)
/// };
/// // Two outlets disagree.
/// let r = Reconciler::new().reconcile(vec![claim("a", "164", "TASS")?, claim("b", "225", "GSV")?]);
/// let finding = r.findings.iter().find(|f| f.kind == FindingKind::Conflict).unwrap();
/// assert_eq!(finding.claims, [ClaimId::new("a")?, ClaimId::new("b")?]);
/// // The message is data; `Display` writes it in words.
/// assert!(!finding.message.to_string().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// What kind of problem.
    pub kind: FindingKind,
    /// The subject it concerns.
    pub subject: Subject,
    /// The claims involved.
    pub claims: Vec<ClaimId>,
    /// The finding in one or two sentences (data, written in words when shown).
    pub message: FindingMessage,
}

/// The one-screen summary an editor reads first: how many quantities agree, how many need a
/// look, how many rest on one voice.
///
/// ```
/// use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// let parser = Parser::default();
/// let claim = |id: &str, phrase: &str, outlet: &str| {
///     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase,
///         Provenance::new(SourceId::new(outlet)?), &parser)
/// };
/// let r = Reconciler::new().reconcile(vec![claim("a", "225", "A")?, claim("b", "225", "B")?]);
/// let summary = r.summary.expect("Reconciler always sums up");
/// assert_eq!(summary.agreed, 1);
/// assert_eq!(summary.to_string(), "1 quantity: 0 with findings, 1 agreed by two or more independent voices, 0 resting on one voice");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Groups of claims about one subject.
    pub quantities: usize,
    /// Quantities with at least one numbered finding (anything but a single voice or a note).
    pub with_findings: usize,
    /// Quantities without findings whose estimate two or more independent voices give (see
    /// [`FindingKind::SingleVoice`] for what gives it).
    pub agreed: usize,
    /// Quantities without findings whose estimate rests on one independent voice.
    pub single_voice: usize,
    /// Quantities without findings and without an estimate (nothing disclosed).
    pub without_estimate: usize,
    /// Numbered findings (single-voice figures are listed apart).
    pub findings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{}: {} with findings, {} agreed by two or more independent voices, {} resting on one voice",
            plural(self.quantities, "quantity", "quantities"),
            self.with_findings,
            self.agreed,
            self.single_voice
        )?;
        if self.without_estimate > 0 {
            write!(f, ", {} without a figure", self.without_estimate)?;
        }
        Ok(())
    }
}

impl FindingKind {
    /// Whether findings of this kind are numbered for an editor to read first; single-voice
    /// figures are listed apart, as they are common and would bury the rest, and same-day
    /// changes are notes, not conflicts.
    #[must_use]
    pub fn is_numbered(self) -> bool {
        !matches!(self, FindingKind::SingleVoice | FindingKind::ChangedSameDay)
    }
}

/// The summary of a reconciliation's groups (each with whether it has an estimate) and their
/// findings, `found` with their groups (see [`Summary::count`]).
pub(crate) fn summarize(
    found: &[(usize, Finding)],
    groups: impl Iterator<Item = (usize, bool)>,
    state: &State,
) -> Summary {
    let mut numbered: BTreeMap<usize, usize> = BTreeMap::new();
    for (gi, _) in found.iter().filter(|(_, f)| f.kind.is_numbered()) {
        *numbered.entry(*gi).or_default() += 1;
    }
    let mut summary = Summary::default();
    for (gi, has_estimate) in groups {
        summary.count(gi, has_estimate, numbered.get(&gi).copied().unwrap_or(0), state);
    }
    summary
}

impl Summary {
    /// Counts group `gi` of `state`, with whether it has an estimate and how many numbered
    /// findings it has: one definition for `Reconciler`'s groups and a table's variables,
    /// counted all at once or group by group as they are finished.
    pub(crate) fn count(&mut self, gi: usize, has_estimate: bool, numbered: usize, state: &State) {
        self.quantities += 1;
        if numbered > 0 {
            self.with_findings += 1;
            self.findings += numbered;
            return;
        }
        match (has_estimate, state.giving_voices(gi).len()) {
            (false, _) => self.without_estimate += 1,
            (true, 0 | 1) => self.single_voice += 1,
            (true, _) => self.agreed += 1,
        }
    }
}

/// The single-voice finding of group `gi` about `subject`, if its number rests on one voice.
/// Only for numbers: a date or a yes/no from one voice is common and would bury the rest.
/// It names the claims behind the estimate that are the voice's (an earlier figure of another
/// voice beneath it is no part of the one voice's figure).
fn single_voice(
    gi: usize,
    subject: &Arc<Subject>,
    estimate: Option<&Estimate>,
    state: &State,
    voices: &Voices,
    names: &impl ClaimNames,
) -> Option<Finding> {
    let e = estimate.filter(|e| matches!(e.figure, super::Figure::Number { .. }))?;
    let used = state.giving_voices(gi);
    let (&v, 1) = (used.first()?, used.len()) else { return None };
    // The estimate names its supporting claims only where whole groups are asked for; the
    // voice's are among them, in their order.
    let its =
        if e.supporting.is_empty() { Vec::new() } else { state.supporting_ids_of(gi, v, names) };
    Some(Finding {
        kind: FindingKind::SingleVoice,
        subject: (**subject).clone(),
        claims: its,
        message: FindingMessage::about(
            subject,
            About::SingleVoice(Box::new((e.figure.clone(), voices.groups[v].name.clone()))),
        ),
    })
}

/// What the findings of a group read off its latest epoch, the one its estimate describes.
pub(crate) struct Latest<'a> {
    /// The group.
    pub gi: usize,
    pub subject: &'a Arc<Subject>,
    /// The epoch's clusters, by id.
    pub clusters: &'a [Vec<ClaimId>],
    pub estimate: Option<&'a Estimate>,
    /// Its regressions' findings (see [`State::regressions`]).
    pub regressions: Vec<Regressions>,
    /// Its lone jump held back, if any (see [`State::jump`]).
    pub jump: Option<Regressions>,
    /// Whether two of the group's figures are complementary time windows (relations tell;
    /// a table's rows give no time of day).
    pub has_complement: bool,
    /// The claims the group's conflicting pairs outside its estimate's clusters name, sorted
    /// (a finding of their own: [`of_group`]).
    pub conflicting: &'a [ClaimId],
    /// The earlier figures whose disagreement persisted into the latest split (a voice's
    /// "no" of the 3rd against another's "yes" that day, both held to the latest day) that
    /// their day set aside and the conflict of unsettled pairs does not name, sorted: the
    /// split's conflict names them with the latest figures (less any regression's offender,
    /// which its own finding names), as it holds their conflict.
    pub persisted: &'a [ClaimId],
}

/// The findings of a group's latest epoch: its regressions (one finding for them all), a
/// split that leaves rivals (a conflict), a tie (undecided), a same-day change (a note), and a
/// number resting on one voice; [`of_group`] adds the findings the group's relations give.
pub(crate) fn of_latest(
    latest: Latest<'_>,
    state: &State,
    voices: &Voices,
    names: &impl ClaimNames,
) -> Vec<Finding> {
    let Latest {
        gi,
        subject,
        clusters,
        estimate,
        regressions,
        jump,
        has_complement,
        conflicting,
        persisted,
    } = latest;
    let mut out = Vec::new();
    let mut push = |kind, ids: Vec<ClaimId>, about: About| {
        let message = FindingMessage::about(subject, about);
        out.push(Finding { kind, subject: (**subject).clone(), claims: ids, message });
    };
    let offenders = sorted(regressions.iter().flat_map(|r| &r.offenders));
    // A split is a conflict when a rival cluster holds figures that are not regressions
    // (those have their own finding).
    let rivals_left = || {
        let supporting = sorted(estimate.iter().flat_map(|e| &e.supporting));
        clusters.iter().flatten().any(|id| !holds(&offenders, id) && !holds(&supporting, id))
    };
    let undecided = estimate.filter(|e| matches!(e.figure, super::Figure::Undecided { .. }));
    if let Some(e) = undecided {
        let ids = distinct_ids(clusters.iter().flatten());
        push(
            FindingKind::Undecided,
            ids,
            About::Undecided(Box::new((e.figure.clone(), e.reason.clone()))),
        );
    } else if clusters.len() > 1 && state.changed_same_day(gi) {
        let ids = distinct_ids(clusters.iter().flatten());
        let about = estimate.map_or(About::Nothing, |e| About::Estimate(e.reason.clone()));
        push(FindingKind::ChangedSameDay, ids, about);
    } else if clusters.len() > 1 && !has_complement && rivals_left() {
        // The split's figures, then those of earlier days set aside whose disagreement
        // persisted into it.
        let split = clusters.iter().flatten().chain(persisted);
        let ids = distinct_ids(split.filter(|id| !holds(&offenders, id)));
        let about =
            estimate.map_or(About::Split(clusters.len()), |e| About::Estimate(e.reason.clone()));
        push(FindingKind::Conflict, ids, about);
    } else if let Some(e) = estimate.filter(|_| clusters.len() == 1 && !has_complement) {
        // The floors won over one cluster: its figures that no regression nor conflict names
        // conflict with the floor the estimate stands on, as its reason says. (An undated one
        // was such a figure; a running total's undated figure beside dated ones is no longer
        // current, `score::is_current`, and no test or property case now reaches this.)
        let rivals = state.rival_ids(gi, names);
        let found = |id: &ClaimId| holds(&offenders, id) || conflicting.binary_search(id).is_ok();
        let ids: Vec<ClaimId> = rivals.into_iter().filter(|id| !found(id)).collect();
        if !ids.is_empty() {
            let ids = ids.into_iter().chain(state.floor_ids(gi, names)).collect();
            push(FindingKind::Conflict, ids, About::Estimate(e.reason.clone()));
        }
    }
    drop(offenders);
    for r in regressions.into_iter().chain(jump) {
        push(r.kind, r.claims, r.about);
    }
    out.extend(single_voice(gi, subject, estimate, state, voices, names));
    out
}

/// The claims a group's conflict of unsettled pairs names (`ids`), sorted; the findings of
/// figures set aside above its estimate (`regressions`, [`Regressions::set_aside`]) whose
/// every figure it names are dropped: the conflict is their finding (three voices' 225 and
/// another's 2,250 of one day, then a lone 100).
fn named_in_conflict(
    ids: Option<&Vec<ClaimId>>,
    regressions: &mut Vec<Regressions>,
) -> Vec<ClaimId> {
    let mut named: Vec<ClaimId> = ids.into_iter().flatten().cloned().collect();
    named.sort_unstable();
    let all_named = |r: &Regressions| r.offenders.iter().all(|o| named.binary_search(o).is_ok());
    regressions.retain(|r| !r.set_aside || !all_named(r));
    named
}

/// Of the claims `persisted` (sorted), those the estimates set aside (their day's vote went
/// the other way: [`State::read_of`]) that `listed` (sorted) does not hold, sorted; `members`
/// gives the group's claim indices, asked only where there are any.
fn set_aside_unnamed(
    persisted: &[&ClaimId],
    listed: &[ClaimId],
    (names, members, state): (&impl ClaimNames, &mut dyn FnMut() -> Vec<usize>, &State),
) -> Vec<ClaimId> {
    if persisted.is_empty() {
        return Vec::new();
    }
    let mut aside: Vec<ClaimId> = members()
        .into_iter()
        .filter(|&c| !state.read_of(c).stands)
        .map(|c| names.id(c))
        .filter(|id| holds(persisted, id) && listed.binary_search(id).is_err())
        .collect();
    aside.sort_unstable();
    aside
}

/// Findings by kind, then by group (`found` holds each with a number that orders its group as
/// its subject orders), then by claims.
pub(crate) fn in_order(mut found: Vec<(usize, Finding)>) -> Vec<Finding> {
    found.sort_by(|(ga, a), (gb, b)| (a.kind, ga, &a.claims).cmp(&(b.kind, gb, &b.claims)));
    found.into_iter().map(|(_, f)| f).collect()
}

/// The claims of a running total's group (`members`, its claims' indices), whose own voice
/// gave a later figure in the group, sorted (for `binary_search`).
fn moved_on(members: &[usize], names: &impl ClaimNames) -> Vec<ClaimId> {
    // Per voice, its latest date in the group: voices are few, a sorted list serves.
    let mut latest: Vec<(usize, Option<chrono::NaiveDate>)> = Vec::new();
    for &i in members {
        let (v, day) = (names.voice(i), names.as_of(i));
        match latest.binary_search_by_key(&v, |&(w, _)| w) {
            Ok(k) => latest[k].1 = latest[k].1.max(day),
            Err(k) => latest.insert(k, (v, day)),
        }
    }
    let later_of =
        |v: usize| latest.binary_search_by_key(&v, |&(w, _)| w).ok().map(|k| latest[k].1);
    let mut out: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| later_of(names.voice(i)).is_some_and(|l| names.as_of(i) < l))
        .collect();
    // Claims order by their keys as by their ids: sorted without comparing texts.
    out.sort_by_cached_key(|&i| names.order_key(i));
    out.iter().map(|&i| names.id(i)).collect()
}

/// The one finding for a group's conflicting pairs outside its estimate's clusters
/// (`pairs`, in the relations' order), if any: its ids and words. One pair in its relation's
/// words, its ids in the pair's order; several counted and the first [`RIVALS_NAMED`] named,
/// each figure with its source and day, the ids of all sorted. A voice's repeat of a figure
/// (the same value the same day, from another document) reads as that figure, so no pair is
/// counted or named twice. `members` gives the group's claim indices, among which the named
/// figures' claims are found.
fn unsettled_pairs(
    pairs: &[HeldRelation<'_>],
    names: &impl ClaimNames,
    members: &mut dyn FnMut() -> Vec<usize>,
    state: &State,
) -> Option<(Vec<ClaimId>, About)> {
    let first = pairs.first()?;
    let mut ids: Vec<ClaimId> = pairs.iter().flat_map(|r| [r.a.clone(), r.b.clone()]).collect();
    if pairs.len() == 1 {
        return Some((ids, About::Relation(first.reason())));
    }
    ids.sort_unstable();
    ids.dedup();
    // Each id's claim, in one pass over the group; a figure that is no claim is a derived
    // bound.
    let mut claim = vec![None; ids.len()];
    for c in members() {
        if let Ok(k) = ids.binary_search(&names.id(c)) {
            claim[k] = Some(c);
        }
    }
    let claim_of = |id: &ClaimId| ids.binary_search(id).ok().and_then(|k| claim[k]);
    let key = |id: &ClaimId| match claim_of(id) {
        Some(c) => FigureKey::Claim(state.claim_key(c, names)),
        None => FigureKey::Derived(id.clone()),
    };
    let mut seen: HashSet<(FigureKey, FigureKey)> = HashSet::new();
    let distinct: Vec<&HeldRelation<'_>> = pairs
        .iter()
        .filter(|r| {
            let (a, b) = (key(r.a), key(r.b));
            seen.insert(if a <= b { (a, b) } else { (b, a) })
        })
        .collect();
    if distinct.len() == 1 {
        return Some((ids, About::Relation(first.reason())));
    }
    let describe = |id: &ClaimId, dated: &Dated| {
        let figure = match claim_of(id) {
            Some(c) => Figured::Claim(names.value(c), names.source(c)),
            None => Figured::Derived(dated.value.to_string()),
        };
        Described { figure, as_of: dated.when.date, dated: true }
    };
    let shown = distinct
        .iter()
        .filter_map(|r| r.figures().map(|(a, b)| (describe(r.a, a), describe(r.b, b))))
        .take(RIVALS_NAMED)
        .collect();
    Some((ids, About::Conflicts(Box::new(NamedPairs { named: shown, count: distinct.len() }))))
}

/// A figure as a finding counts it: a claim by what it reads as with its day
/// ([`State::claim_key`]), a derived bound by its id.
#[derive(PartialEq, Eq, PartialOrd, Ord, Hash)]
enum FigureKey {
    Claim(((usize, usize), Option<chrono::NaiveDate>)),
    Derived(ClaimId),
}

/// Ids, sorted, for `binary_search` (in place of a set: one allocation, no nodes).
/// The ids of a group's clusters, each once, in cluster order: a time inside two rival windows
/// is in both their clusters.
fn distinct_ids<'a>(ids: impl Iterator<Item = &'a ClaimId>) -> Vec<ClaimId> {
    let mut seen: HashSet<&ClaimId, FixedState> = HashSet::default();
    ids.filter(|id| seen.insert(*id)).cloned().collect()
}

fn sorted<'a>(ids: impl Iterator<Item = &'a ClaimId>) -> Vec<&'a ClaimId> {
    let mut ids: Vec<&ClaimId> = ids.collect();
    ids.sort_unstable();
    ids
}

/// The figures of group `g`'s one cluster, sorted, where its estimate is a window of daily
/// hours (else none): two times inside it ("11 p.m." and "midnight" beside "11 p.m. to 7
/// a.m.") differ, but both fit it, as its reasons read, and are no conflict finding. (Figures
/// of one numeric cluster never conflict; of several clusters, `in_clusters` holds them.)
fn in_the_window(g: &Group) -> Vec<&ClaimId> {
    let window = g.estimate.as_ref().is_some_and(|e| {
        matches!(e.figure, super::Figure::Value { value: crate::value::Value::TimeWindow(_) })
    });
    if window && g.clusters.len() == 1 { sorted(g.clusters.iter().flatten()) } else { Vec::new() }
}

fn holds(ids: &[&ClaimId], id: &ClaimId) -> bool {
    ids.binary_search(&id).is_ok()
}

/// Every group's findings, each with its group (to be put in order by [`in_order`]), by
/// [`of_group`].
pub(crate) fn collect<C: ClaimStore + ?Sized>(
    claims: &C,
    groups: &[Group],
    state: &State,
    voices: &Voices,
) -> Vec<(usize, Finding)> {
    // Each group's claim indices, built the first time a running total needs them.
    let mut members: Option<Vec<Vec<usize>>> = None;
    let names = Named { claims, voices };
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let mut members_of = || -> Vec<usize> {
            members.get_or_insert_with(|| state.claims_by_group(claims.len()))[gi].clone()
        };
        let found = of_group(gi, g, &names, &mut members_of, state, voices);
        out.extend(found.into_iter().map(|f| (gi, f)));
    }
    // Groups come in subject order, one per subject: a group's index orders as its subject
    // does, and costs no comparison of subjects.
    debug_assert!(groups.is_sorted_by(|a, b| a.subject < b.subject));
    out
}

/// Relations gathered by their words: each words' claims, and the first relation's reason.
#[derive(Default)]
struct Gathered(Vec<(String, Vec<ClaimId>, RelationReason)>);

impl Gathered {
    fn add(&mut self, words: String, ids: Vec<ClaimId>, reason: RelationReason) {
        match self.0.iter_mut().find(|(w, ..)| *w == words) {
            Some((_, claims, _)) => claims.extend(ids),
            None => self.0.push((words, ids, reason)),
        }
    }
}

/// The two windows of complementary relation `r`, in either order (else its reason's words).
fn windows(r: &HeldRelation<'_>, reason: &RelationReason) -> String {
    match r.figures() {
        Some((a, b)) => {
            let mut pair = [a.value.to_string(), b.value.to_string()];
            pair.sort_unstable();
            pair.join("\n")
        }
        None => reason.to_string(),
    }
}

/// What tells a running total's settled history from a conflict ([`of_group`]): the figures
/// their voices moved past ([`moved_on`]) and those the estimate stands on; each sorted.
type Settled = (Vec<ClaimId>, Vec<ClaimId>);

/// The findings of group `gi`, `g`: those its relations give (complementary windows,
/// sub-counts above their total, incomparable figures, and conflicts outside the estimate's
/// epoch that no later report settled) and those of its latest epoch ([`of_latest`]). One
/// definition for `Reconciler`'s groups and a table's variables; `members` gives the group's
/// claim indices, asked only for a running total with conflicts.
pub(crate) fn of_group(
    gi: usize,
    g: &Group,
    names: &impl ClaimNames,
    members: &mut dyn FnMut() -> Vec<usize>,
    state: &State,
    voices: &Voices,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let subject = Arc::new(g.subject.clone());
    let mut push = |kind, ids: Vec<ClaimId>, about: About| {
        let message = FindingMessage::about(&subject, about);
        out.push(Finding { kind, subject: g.subject.clone(), claims: ids, message });
    };
    let has_complement = g.relations.held().any(|r| r.complement);
    let mut incomparable: Vec<ClaimId> = Vec::new();
    // One finding for each pair of windows, whoever gave them, in whichever order (the two
    // windows, the claims, the words of the first relation), and one for disjoint parts that
    // add up past their whole, which relate each part to the whole with one reason.
    let mut complements = Gathered::default();
    let mut above = Gathered::default();
    for r in g.relations.held() {
        let ids = || vec![r.a.clone(), r.b.clone()];
        if r.complement {
            let reason = r.reason();
            complements.add(windows(&r, &reason), ids(), reason);
            continue;
        }
        match r.kind {
            RelationKind::SubCountAboveTotal => {
                let reason = r.reason();
                above.add(reason.to_string(), ids(), reason);
            }
            RelationKind::Incomparable => incomparable.extend([r.a.clone(), r.b.clone()]),
            _ => {}
        }
    }
    for (kind, found) in
        [(FindingKind::SubCountAboveTotal, above), (FindingKind::Complement, complements)]
    {
        for (_, mut claims, reason) in found.0 {
            claims.sort_unstable();
            claims.dedup();
            push(kind, claims, About::Relation(reason));
        }
    }
    if !incomparable.is_empty() {
        incomparable.sort_unstable();
        incomparable.dedup();
        push(FindingKind::Incomparable, incomparable, About::Incomparable);
    }
    let mut regressions = state.regressions(gi, names);
    // Figures set aside above the estimate beside the falls, or above the floor it stands on
    // (`Regressions::set_aside`), may conflict with others of their day: that conflict names
    // them too.
    let fell = regressions.iter().filter(|r| !r.set_aside);
    let offenders = sorted(fell.flat_map(|r| &r.offenders));
    // Conflicts outside the estimate's clusters: between figures of an earlier state, or
    // between a figure and a derived bound.
    // The latest split's figures; none where the latest day reads as a change that day (a
    // note, not a conflict: an earlier day's split that persisted into it is then a finding
    // of its own, as D's and B's "no" against E's "yes" on the 5th, each voice repeating
    // itself on the 7th when F said "yes").
    let undecided =
        g.estimate.as_ref().is_some_and(|e| matches!(e.figure, super::Figure::Undecided { .. }));
    let split = g.clusters.len() > 1 && (undecided || !state.changed_same_day(gi));
    let in_clusters = if split { sorted(g.clusters.iter().flatten()) } else { Vec::new() };
    let in_window = in_the_window(g);
    // A figure of a running total that its own voice later moved past (two outlets at 12 and
    // 15 on day 1 that both say 31 later) is settled history, not a finding, and so is one
    // the estimate now stands on when the other side's voice moved past its own (Reuters'
    // 164 against AFP's 225, then Reuters' 225); two figures far apart that no later report
    // of their voices settled stay one.
    let running = g.subject.behaviour() == crate::subject::Nature::RunningTotal;
    let mut moved: Option<Settled> = None;
    let mut unsettled: Vec<HeldRelation<'_>> = Vec::new();
    // The figures whose disagreement persisted into the latest split, against a figure of it.
    let persisted = sorted(
        g.relations.held().filter(|r| r.persists() && holds(&in_clusters, r.b)).map(|r| r.a),
    );
    for r in g.relations.held().filter(|r| r.kind == RelationKind::Conflicts && !r.complement) {
        // A disagreement that persisted from one day to the next is the split of a day: the
        // latest's finding holds it (an earlier day's split, its voices heard again later, is
        // history, as it was when these read as changes). So is a split of an earlier day that
        // persisted into the latest: each side is a figure of it, or the other side persisted
        // against one (its voice's repeat). A day the estimates leave undecided is held by the
        // latest's finding where its figures are the latest split; else it is a finding.
        let same_day = r.figures().is_some_and(|(a, b)| a.when.date == b.when.date);
        let into =
            |x: &ClaimId, other: &ClaimId| holds(&in_clusters, x) || holds(&persisted, other);
        let within_split = r.persists()
            || (holds(&in_window, r.a) && holds(&in_window, r.b))
            || (holds(&in_clusters, r.a) && holds(&in_clusters, r.b))
            || (same_day && into(r.a, r.b) && into(r.b, r.a));
        let involves_offender = holds(&offenders, r.a) || holds(&offenders, r.b);
        if within_split || involves_offender {
            continue;
        }
        let history = running && {
            let (moved, supporting) = moved.get_or_insert_with(|| {
                (moved_on(&members(), names), state.supporting_ids(gi, names))
            });
            let (a, b) = (moved.binary_search(r.a).is_ok(), moved.binary_search(r.b).is_ok());
            let stands = |id: &ClaimId| supporting.binary_search(id).is_ok();
            (a || stands(r.a)) && (b || stands(r.b)) && (a || b)
        };
        if !history {
            unsettled.push(r);
        }
    }
    let conflict = unsettled_pairs(&unsettled, names, members, state);
    drop(offenders);
    let conflicting = named_in_conflict(conflict.as_ref().map(|c| &c.0), &mut regressions);
    if let Some((ids, about)) = conflict {
        push(FindingKind::Conflict, ids, about);
    }
    let latest = Latest {
        gi,
        subject: &subject,
        clusters: &g.clusters,
        estimate: g.estimate.as_ref(),
        regressions,
        jump: state.jump(gi, names),
        has_complement,
        conflicting: &conflicting,
        persisted: &set_aside_unnamed(&persisted, &conflicting, (names, members, state)),
    };
    out.extend(of_latest(latest, state, voices, names));
    out
}
