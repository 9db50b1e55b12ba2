//! Joint estimation of values and source reliability (truth discovery).
//!
//! The method follows CRH (Li, Li, Gao, Zhao, Fan and Han, "Resolving conflicts in
//! heterogeneous data by truth discovery and source reliability estimation", SIGMOD 2014)
//! because it is the one classic method built for *heterogeneous* data: numbers and
//! categories are scored in one loop, each with its own loss, which is what claims about
//! tolls, dates and yes/no facts need. Each round:
//!
//! 1. every group's estimate is computed with the current voice weights (weighted clusters and
//!    a weighted median for numbers, weighted votes for other values; see `estimate.rs`);
//! 2. every figure gets a loss in `[0, 1)`: `d / (d + s)` for numbers, where `d` is the
//!    distance of the estimate from the figure's interval and `s` the spread of the group's
//!    figures (CRH's normalised absolute deviation, bounded), and 0 or 1 for other values;
//! 3. each independence group's weight becomes `-ln(L_v / Σ L_u)` (CRH's weight), with `L_v`
//!    the mean loss of its *distinct* figures, floored so a flawless voice does not get
//!    infinite weight;
//! 4. each voice's *completeness* becomes the share of the set estimates its lists give
//!    (the sensitivity of Zhao et al.'s Latent Truth Model, 2012), so that the next round
//!    counts a short list as evidence against the items it omits only as far as its voice
//!    usually gives whole lists (see `estimate::complete_set`).
//!
//! Weights belong to independence groups, not articles, and a group's weight is split across
//! the distinct values it gives, so an echo through the same wire changes nothing (Iraq Body
//! Count's two-independent-sources rule; Dong et al. 2009 on copying). Reported reliability
//! is `1 - L`, in `[0, 1]`. Rounds stop when no weight or completeness moves by more than 1e-9.
//!
//! The model's pieces (loss, scale, spread, weights, median, representative points, keys,
//! stopping rule) are defined once in `crate::crh`, which the bulk path calls too; this file
//! decides what each piece is applied to (epochs, voices, floors, regressions).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::claim::{AsOfTime, Claim};
use crate::crh::{self, LossScale};
use crate::id::{ClaimId, Score, SourceId};
use crate::subject::Nature;
use crate::unit::{Dimension, Unit};
use crate::value::{Change, Interval, Policy, Value, Verdict};

use super::estimate::{self, Input, Outcome, Role, View};
use super::group::GroupData;
use super::partof::Derived;
use super::voice::Voices;
use super::{Estimate, Figure, OutletReport, Rank, SourceReport, VoiceReport};

fn score(x: f64) -> Option<Score> {
    Score::new(x.clamp(0.0, 1.0)).ok()
}

/// Share of checked statements consistent with the estimates.
fn agreement_of(t: &Tally) -> Option<Score> {
    (t.1 > 0).then(|| score(t.2 as f64 / t.1 as f64)).flatten()
}

/// 1 minus the mean loss of the checked statements.
fn reliability_of(t: &Tally) -> Option<Score> {
    (!t.3.is_empty()).then(|| score(1.0 - t.3.iter().sum::<f64>() / t.3.len() as f64)).flatten()
}

/// A voice's completeness before its lists are seen: one half, Laplace's rule (a uniform
/// prior), so an omission by an unknown voice is half a vote against.
const COMPLETENESS_PRIOR: f64 = 0.5;

/// The first claim giving a figure within a voice: as-of, relayed (a relay repeats what it
/// relays, so it comes after the original), id, source.
type FirstGiver<'a> = (Option<NaiveDate>, bool, &'a ClaimId, usize);

/// Per source: claims, checked, consistent, losses of distinct figures, echoes, seen figures.
type Tally = (usize, usize, usize, Vec<f64>, usize, BTreeSet<Statement>);

/// What makes two figures one statement, counted once: the epoch and the value, and for an
/// earlier figure of a running total its date too (restating 31 on a later day, when others
/// have moved on, is new evidence about the voice).
type Statement = (usize, usize, Option<NaiveDate>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Amount(Dimension),
    Factor,
    Date,
    Label,
}

/// One claim (or derived bound) as scored.
#[derive(Debug, Clone)]
struct Obs {
    claim: Option<usize>,
    id: ClaimId,
    epoch: usize,
    voice: usize,
    /// Index into `State::keys`: the value as text, for counting a repeated figure once.
    key: usize,
    view: View,
    current: bool,
    as_of: Option<NaiveDate>,
    published: Option<NaiveDate>,
    /// Position in its epoch's observation list.
    pos: usize,
}

impl Obs {
    fn statement(&self) -> Statement {
        (self.epoch, self.key, if self.current { None } else { self.as_of })
    }
}

#[derive(Debug, Clone)]
struct Epoch {
    group: usize,
    as_of: Option<NaiveDate>,
    kind: Option<Kind>,
    unit: Option<Unit>,
    /// Observation indices.
    obs: Vec<usize>,
    /// Numeric clusters, as positions into `obs` (fixed across rounds).
    clusters: Vec<Vec<usize>>,
    /// Label clusters: per cluster, per distinct value, positions into `obs`.
    value_clusters: Vec<Vec<Vec<usize>>>,
    /// Spread of the representative points, for the loss scale.
    spread: f64,
    /// The states of a day that a later report of the same day replaced.
    earlier_that_day: bool,
    nature: Nature,
}

/// A group's latest epoch, in public terms.
#[derive(Debug, Clone)]
pub(crate) struct GroupResult {
    pub clusters: Vec<Vec<ClaimId>>,
    pub estimate: Option<Estimate>,
    pub supporting: Vec<ClaimId>,
}

#[derive(Debug, Clone)]
pub(crate) struct State {
    obs: Vec<Obs>,
    keys: Vec<String>,
    claim_obs: Vec<usize>,
    epochs: Vec<Epoch>,
    outcomes: Vec<Outcome>,
    group_latest: Vec<Option<usize>>,
    results: Vec<Option<GroupResult>>,
    loss: Vec<Option<f64>>,
    weight: Vec<f64>,
    /// Per voice: how complete its lists are (see `estimate::listed_share`), estimated with
    /// the values like the weights.
    completeness: Vec<f64>,
    voice_loss: Vec<Option<f64>>,
    /// Per observation: does it support its epoch's estimate?
    supports: Vec<bool>,
    pub rounds: usize,
}

fn kind_of(v: &Value) -> Option<Kind> {
    match v {
        Value::Amount(a) => Some(Kind::Amount(a.unit.dimension())),
        Value::Change(Change::Factor { .. }) => Some(Kind::Factor),
        Value::Change(Change::Between { unit, .. }) => Some(Kind::Amount(unit.dimension())),
        Value::Date(_) => Some(Kind::Date),
        Value::Undisclosed => None,
        _ => Some(Kind::Label),
    }
}

fn view(v: &Value, kind: Option<Kind>, policy: &Policy) -> View {
    let mismatch =
        || View::Skip(Some(format!("{v} cannot be compared with the group's other figures")));
    match (kind, v) {
        (_, Value::Undisclosed) => View::Skip(None),
        (Some(Kind::Amount(d)), Value::Amount(a)) if a.unit.dimension() == d => {
            let rep = crh::representative(&a.magnitude, policy);
            View::Numeric { interval: a.interval(policy), rep }
        }
        (Some(Kind::Amount(d)), Value::Change(Change::Between { to, unit, .. }))
            if unit.dimension() == d =>
        {
            View::Numeric { interval: to.interval(policy), rep: crh::representative(to, policy) }
        }
        (Some(Kind::Factor), Value::Change(c)) => match c.factor_interval(policy) {
            Some(i) => View::Numeric { interval: i, rep: crh::representative_of_interval(&i) },
            None => mismatch(),
        },
        (Some(Kind::Date), Value::Date(d)) => {
            let i = d.interval();
            View::Numeric { interval: i, rep: crh::representative_of_interval(&i) }
        }
        (Some(Kind::Label), v) if kind_of(v) == Some(Kind::Label) => View::Label(v.clone()),
        _ => mismatch(),
    }
}

/// The kind most of an epoch's values have; a change between amounts counts as a factor when
/// the epoch also holds factors.
fn epoch_kind(values: &[&Value]) -> Option<Kind> {
    let has_factor = values.iter().any(|v| matches!(v, Value::Change(Change::Factor { .. })));
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for v in values {
        let k = match v {
            Value::Change(Change::Between { .. }) if has_factor => Some(Kind::Factor),
            v => kind_of(v),
        };
        if let Some(k) = k {
            *counts.entry(k).or_default() += 1;
        }
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(k, _)| k)
}

struct Item<'a> {
    claim: Option<usize>,
    key: usize,
    id: &'a ClaimId,
    value: &'a Value,
    as_of: Option<NaiveDate>,
    /// The time of day within `as_of`, where known.
    time: Option<&'a AsOfTime>,
    /// A state stated as expected to change ("not yet").
    pending: bool,
    voice: usize,
}

/// An epoch's key: its as-of date, and whether it holds the states that a later report of the
/// same day replaced (`false`, ordered first) or the rest of the day (`true`).
type EpochKey = (Option<NaiveDate>, bool);

/// A changing state has one epoch per as-of date (and one before it for the states a later
/// report that day replaced); running totals and fixed facts have one, at the latest date that
/// gives a figure.
fn epochs_of<'i, 'a>(
    items: &'i [Item<'a>],
    nature: Nature,
) -> BTreeMap<EpochKey, Vec<&'i Item<'a>>> {
    let mut by_epoch: BTreeMap<EpochKey, Vec<&Item<'_>>> = BTreeMap::new();
    let latest = latest_figure_date(items);
    if nature != Nature::ChangingState {
        by_epoch.insert((latest, true), items.iter().collect());
        return by_epoch;
    }
    let mut by_day: BTreeMap<Option<NaiveDate>, Vec<&Item<'_>>> = BTreeMap::new();
    for it in items {
        by_day.entry(it.as_of).or_default().push(it);
    }
    for (day, members) in by_day {
        let facts = Day::of(&members);
        for it in &members {
            let replaced = day.is_some() && facts.replaced(it);
            by_epoch.entry((day, !replaced)).or_default().push(it);
        }
    }
    by_epoch
}

/// What one day's reports say about their order, gathered once so each report is judged in
/// O(1): the latest-starting time of day of two different values (times that run past midnight
/// order nothing), the earliest-ending time per yes/no value, and per yes/no value how many
/// state it without "not yet".
#[derive(Default)]
struct Day<'a> {
    latest: Vec<(usize, &'a AsOfTime)>,
    earliest_yes_no: BTreeMap<usize, &'a AsOfTime>,
    firm: BTreeMap<usize, usize>,
}

impl<'a> Day<'a> {
    fn of(members: &[&Item<'a>]) -> Self {
        let mut day = Day::default();
        for it in members {
            let yes_no = matches!(it.value, Value::YesNo(_));
            if yes_no && !it.pending {
                *day.firm.entry(it.key).or_default() += 1;
            }
            let Some(t) = it.time.filter(|t| !t.stretch().crosses_midnight()) else { continue };
            if yes_no {
                let e = day.earliest_yes_no.entry(it.key).or_insert(t);
                if t.is_before(e) {
                    *e = t;
                }
            }
            // Keep the latest start of at most two different values.
            let start = |t: &AsOfTime| t.stretch().start_key();
            match day.latest.iter().position(|&(k, _)| k == it.key) {
                Some(p) if start(t) > start(day.latest[p].1) => day.latest[p].1 = t,
                Some(_) => {}
                None => day.latest.push((it.key, t)),
            }
            day.latest.sort_by_key(|&(k, t)| (std::cmp::Reverse(start(t)), k));
            day.latest.truncate(2);
        }
        day
    }

    /// Whether a later report of the same day replaced this state: another value at a time
    /// of day known to be later, or, for a yes/no stated as "not yet", the other value, unless
    /// a time puts the other value first.
    fn replaced(&self, it: &Item<'_>) -> bool {
        let later_value = self.latest.iter().find(|&&(k, _)| k != it.key).map(|&(_, t)| t);
        if it.time.zip(later_value).is_some_and(|(t, later)| t.is_before(later)) {
            return true;
        }
        let other_firm = self.firm.iter().any(|(&k, &n)| k != it.key && n > 0);
        let other_first = self
            .earliest_yes_no
            .iter()
            .any(|(&k, e)| k != it.key && it.time.is_some_and(|t| e.is_before(t)));
        it.pending && matches!(it.value, Value::YesNo(_)) && other_firm && !other_first
    }
}

/// The latest date that gives a figure: "not disclosed" on a later day does not turn the
/// figures before it into earlier ones.
fn latest_figure_date(items: &[Item<'_>]) -> Option<NaiveDate> {
    // Only figures of the group's main kind count: a stray "2 trillion tenge" on the latest
    // day must not turn every dollar figure into an earlier one.
    let values: Vec<&Value> = items.iter().map(|it| it.value).collect();
    let main = epoch_kind(&values);
    items
        .iter()
        .filter(|it| !matches!(it.value, Value::Undisclosed))
        .filter(|it| {
            main.is_none() || kind_of(it.value) == main || matches!(it.value, Value::Change(_))
        })
        .filter_map(|it| it.as_of)
        .max()
        .or_else(|| items.iter().filter_map(|it| it.as_of).max())
}

/// The unit an epoch's figure is given in: persons if any claim counts people.
fn epoch_unit(kind: Option<Kind>, members: &[&Item<'_>]) -> Option<Unit> {
    let counts = kind == Some(Kind::Amount(Dimension::Count));
    if counts
        && members.iter().any(|it| matches!(it.value, Value::Amount(a) if a.unit == Unit::Persons))
    {
        return Some(Unit::Persons);
    }
    members.iter().find_map(|it| match (kind, it.value) {
        (Some(Kind::Amount(d)), Value::Amount(a)) if a.unit.dimension() == d => Some(a.unit),
        _ => None,
    })
}

/// Sorts an epoch's numeric figures, measures their spread, and clusters them once: clusters
/// depend only on the intervals, not on the weights.
fn prepare(obs: &[Obs], keys: &[String], epoch: &mut Epoch, policy: &Policy) {
    let interval_of = |o: usize| match &obs[o].view {
        View::Numeric { interval, rep } => Some((*interval, *rep)),
        _ => None,
    };
    let mut numeric: Vec<usize> =
        epoch.obs.iter().copied().filter(|&o| interval_of(o).is_some()).collect();
    numeric.sort_by(|&a, &b| match (interval_of(a), interval_of(b)) {
        (Some((ia, _)), Some((ib, _))) => ia
            .low()
            .value
            .total_cmp(&ib.low().value)
            .then(ia.low().open.cmp(&ib.low().open))
            .then(obs[a].id.cmp(&obs[b].id)),
        _ => a.cmp(&b),
    });
    // The spread of distinct figures (a voice repeating itself, or an echo, counts once).
    let mut seen = BTreeSet::new();
    let reps: Vec<f64> = numeric
        .iter()
        .filter(|&&o| seen.insert((obs[o].voice, obs[o].key)))
        .filter_map(|&o| interval_of(o).map(|(_, r)| r))
        .collect();
    epoch.spread = crh::spread(reps);
    let pos: HashMap<usize, usize> = epoch.obs.iter().enumerate().map(|(p, &o)| (o, p)).collect();
    let order: Vec<usize> = numeric.iter().map(|o| pos[o]).collect();
    let inputs = inputs_of(obs, keys, epoch);
    match epoch.kind {
        Some(Kind::Label) => epoch.value_clusters = estimate::label_clusters(&inputs, policy),
        Some(_) => epoch.clusters = estimate::numeric_clusters(&order, &inputs),
        None => {}
    }
}

/// A group's claims and the bounds derived for it, as the epochs take them.
fn items_of<'a>(
    gi: usize,
    g: &GroupData,
    claims: &'a [Claim],
    values: &'a [Value],
    keys: &mut super::Keys,
    derived_by_group: &BTreeMap<usize, Vec<&'a Derived>>,
    voices: &Voices,
) -> Vec<Item<'a>> {
    let mut items: Vec<Item<'a>> = g
        .members
        .iter()
        .map(|&i| Item {
            claim: Some(i),
            key: keys.of_claim[i],
            id: claims[i].id(),
            value: &values[i],
            as_of: claims[i].as_of(),
            time: claims[i].as_of_time(),
            pending: claims[i].expects_change(),
            voice: voices.voice_of(i),
        })
        .collect();
    for d in derived_by_group.get(&gi).into_iter().flatten() {
        let key = keys.intern(crh::value_key(&d.bound.value));
        items.push(Item {
            claim: None,
            key,
            id: &d.bound.id,
            value: &d.bound.value,
            as_of: d.bound.as_of,
            time: None,
            pending: false,
            voice: d.voice,
        });
    }
    items
}

#[allow(clippy::too_many_arguments)] // one call site; the inputs are the pipeline's stages
pub(crate) fn run(
    claims: &[Claim],
    values: &[Value],
    mut keys: super::Keys,
    groups: &[GroupData],
    derived: &[Derived],
    voices: &Voices,
    policy: &Policy,
    max_rounds: usize,
) -> State {
    let mut obs: Vec<Obs> = Vec::with_capacity(claims.len() + derived.len());
    let mut epochs: Vec<Epoch> = Vec::new();
    let mut group_latest = vec![None; groups.len()];
    let mut claim_obs = vec![usize::MAX; claims.len()];
    let mut derived_by_group: BTreeMap<usize, Vec<&Derived>> = BTreeMap::new();
    for d in derived {
        derived_by_group.entry(d.group).or_default().push(d);
    }
    for (gi, g) in groups.iter().enumerate() {
        let items = items_of(gi, g, claims, values, &mut keys, &derived_by_group, voices);
        let nature = g.subject.behaviour();
        for ((as_of, rest_of_day), members) in epochs_of(&items, nature) {
            let ei = epochs.len();
            // On a running total's latest date, a figure at a time of day known to be earlier
            // than another's is an earlier figure too.
            // A figure is earlier if it ends before some other figure of the day starts: before
            // the one that starts latest among those that do not run past midnight.
            let latest_time = members
                .iter()
                .filter(|it| it.as_of == as_of)
                .filter_map(|it| it.time)
                .filter(|t| !t.stretch().crosses_midnight())
                .max_by_key(|t| t.stretch().start_key());
            let values: Vec<&Value> = members.iter().map(|it| it.value).collect();
            let kind = epoch_kind(&values);
            let unit = epoch_unit(kind, &members);
            let mut epoch = Epoch {
                group: gi,
                as_of,
                kind,
                unit,
                obs: Vec::new(),
                clusters: Vec::new(),
                value_clusters: Vec::new(),
                spread: 0.0,
                earlier_that_day: !rest_of_day,
                nature,
            };
            for it in members {
                let earlier_in_day =
                    it.time.zip(latest_time).is_some_and(|(t, latest)| t.is_before(latest));
                let current = nature != Nature::RunningTotal
                    || it.as_of.is_none()
                    || (it.as_of == as_of && !earlier_in_day);
                let v = view(it.value, kind, policy);
                let oi = obs.len();
                obs.push(Obs {
                    claim: it.claim,
                    id: it.id.clone(),
                    epoch: ei,
                    voice: it.voice,
                    key: it.key,
                    view: v,
                    current,
                    as_of: it.as_of,
                    published: it.claim.and_then(|c| claims[c].provenance().published_on()),
                    pos: epoch.obs.len(),
                });
                if let Some(c) = it.claim {
                    claim_obs[c] = oi;
                }
                epoch.obs.push(oi);
            }
            prepare(&obs, &keys.texts, &mut epoch, policy);
            // The group's estimate comes from its latest epoch that has any figure.
            if epoch.kind.is_some() || group_latest[gi].is_none() {
                group_latest[gi] = Some(ei);
            }
            epochs.push(epoch);
        }
    }
    let n_voices = voices.groups.len();
    let mut state = State {
        obs,
        keys: keys.texts,
        claim_obs,
        epochs,
        outcomes: Vec::new(),
        group_latest,
        results: Vec::new(),
        loss: Vec::new(),
        weight: vec![crh::UNSCORED_WEIGHT; n_voices],
        completeness: vec![COMPLETENESS_PRIOR; n_voices],
        voice_loss: vec![None; n_voices],
        supports: Vec::new(),
        rounds: 0,
    };
    state.iterate(policy, max_rounds);
    state.publish(claims, voices);
    state
}

fn inputs_of<'a>(obs: &'a [Obs], keys: &'a [String], e: &Epoch) -> Vec<Input<'a>> {
    e.obs
        .iter()
        .map(|&o| {
            let ob = &obs[o];
            Input {
                view: &ob.view,
                voice: ob.voice,
                current: ob.current,
                key: &keys[ob.key],
                published: ob.published,
                as_of: ob.as_of,
            }
        })
        .collect()
}

impl State {
    /// CRH rounds: estimates from weights, losses from estimates, weights from losses.
    fn iterate(&mut self, policy: &Policy, max_rounds: usize) {
        for round in 1..=max_rounds {
            self.estimate_all();
            self.score_all(policy);
            let new_weight = self.new_weights();
            let new_completeness = self.new_completeness();
            let settled = crh::settled(
                new_weight
                    .iter()
                    .zip(&self.weight)
                    .chain(new_completeness.iter().zip(&self.completeness)),
                crh::TOLERANCE,
            );
            self.weight = new_weight;
            self.completeness = new_completeness;
            self.rounds = round;
            if settled {
                break;
            }
        }
        self.estimate_all();
        self.score_all(policy);
    }

    fn estimate_all(&mut self) {
        let mut outcomes: Vec<Outcome> = Vec::with_capacity(self.epochs.len());
        for (ei, e) in self.epochs.iter().enumerate() {
            let inputs = inputs_of(&self.obs, &self.keys, e);
            let outcome = match e.kind {
                Some(Kind::Label) => {
                    // The state the day before, when the previous epoch is the group's.
                    // The state at the end of the last earlier day, skipping this day's own
                    // earlier part.
                    let before = (0..ei)
                        .rev()
                        .take_while(|&p| self.epochs[p].group == e.group)
                        .find(|&p| {
                            self.epochs[p].as_of < e.as_of && !self.epochs[p].earlier_that_day
                        })
                        .and_then(|p| outcomes[p].label.as_ref());
                    self.label_outcome(e, &inputs, before)
                }
                Some(_) => estimate::numeric(&e.clusters, &inputs, &self.weight),
                None => Outcome::default(),
            };
            outcomes.push(outcome);
        }
        self.outcomes = outcomes;
    }

    /// A label epoch's outcome. One epoch is one day: a yes/no state given both ways in it
    /// flipped that day, in an order the reports do not give, and the value that differs from
    /// the day before is the one it flipped to.
    fn label_outcome(&self, e: &Epoch, inputs: &[Input<'_>], before: Option<&Value>) -> Outcome {
        let mut out = estimate::labels(&e.value_clusters, inputs, &self.weight, &self.completeness);
        out.same_day = e.nature == Nature::ChangingState
            && e.as_of.is_some()
            && out.clusters.len() > 1
            && inputs
                .iter()
                .all(|i| !matches!(i.view, View::Label(v) if !matches!(v, Value::YesNo(_))));
        let Some(before) = before.filter(|_| out.same_day) else { return out };
        let new: Vec<usize> = (0..e.value_clusters.len())
            .filter(|&c| {
                e.value_clusters[c]
                    .iter()
                    .all(|vals| !matches!(inputs[vals[0]].view, View::Label(v) if v == before))
            })
            .collect();
        if let [only] = new[..] {
            let mut changed = estimate::labels(
                &e.value_clusters[only..=only],
                inputs,
                &self.weight,
                &self.completeness,
            );
            changed.clusters = std::mem::take(&mut out.clusters);
            changed.chosen = only;
            changed.same_day = true;
            return changed;
        }
        out
    }

    fn score_all(&mut self, policy: &Policy) {
        let mut loss = vec![None; self.obs.len()];
        for (e, out) in self.epochs.iter().zip(&self.outcomes) {
            let same_day_winners: BTreeSet<usize> =
                if out.same_day { out.supporting().into_iter().collect() } else { BTreeSet::new() };
            for &o in &e.obs {
                let ob = &self.obs[o];
                loss[o] = match (&ob.view, out.numeric, &out.label) {
                    // A figure its own voice revised down was withdrawn, not contradicted:
                    // the voice is judged on what it says now.
                    (View::Numeric { .. }, Some(_), _)
                        if matches!(out.roles.get(ob.pos), Some(Role::Revised { .. })) =>
                    {
                        None
                    }
                    (View::Numeric { interval, .. }, Some(spread), _) => {
                        let best = spread.best;
                        let scale = LossScale::new(e.spread, best);
                        // An earlier figure of a running total only says the total is now at
                        // least that.
                        let base = if ob.current {
                            crh::distance_to(best, interval)
                        } else {
                            crh::distance_to(best, &Interval::new(interval.low(), None))
                        };
                        // A regression is off by at least how far it falls below what it
                        // contradicts.
                        let d = match out.roles.get(ob.pos) {
                            Some(Role::Regression { below }) => below
                                .iter()
                                .filter_map(|&g| match &self.obs[e.obs[g]].view {
                                    View::Numeric { interval: above, .. } => Some(
                                        above.low().value
                                            - interval.high().map_or(f64::INFINITY, |h| h.value),
                                    ),
                                    _ => None,
                                })
                                .fold(base, f64::max)
                                .max(f64::MIN_POSITIVE),
                            _ => base,
                        };
                        Some(scale.loss(d))
                    }
                    // A state given the other way the same day, in an unknown order, is no error.
                    (View::Label(_), _, Some(_))
                        if out.same_day && !same_day_winners.contains(&ob.pos) =>
                    {
                        None
                    }
                    (View::Label(v), _, Some(best)) => {
                        let conflict = v
                            .compare_with(best, policy)
                            .map_or(true, |c| c.verdict == Verdict::Conflicts);
                        Some(crh::label_loss(conflict))
                    }
                    _ => None,
                };
            }
        }
        self.loss = loss;
    }

    /// Mean loss of each voice's distinct figures.
    fn voice_losses(&self) -> Vec<Option<f64>> {
        let mut seen: BTreeSet<(usize, Statement)> = BTreeSet::new();
        let mut sum = vec![0.0; self.weight.len()];
        let mut count = vec![0usize; self.weight.len()];
        for (o, ob) in self.obs.iter().enumerate() {
            if ob.claim.is_none() {
                continue; // derived bounds restate sub-counts already scored
            }
            if let Some(l) = self.loss[o]
                && seen.insert((ob.voice, ob.statement()))
            {
                sum[ob.voice] += l;
                count[ob.voice] += 1;
            }
        }
        sum.iter().zip(&count).map(|(s, &c)| (c > 0).then(|| s / c as f64)).collect()
    }

    /// Each voice's completeness: the mean share of the set estimates its lists give (see
    /// `estimate::listed_share`), over its distinct lists in the chosen clusters, with one
    /// complete and one cut list of prior (Laplace's rule), so a voice with no record sits
    /// at one half.
    fn new_completeness(&self) -> Vec<f64> {
        let mut seen: BTreeSet<(usize, Statement)> = BTreeSet::new();
        let mut sum = vec![0.0; self.completeness.len()];
        let mut count = vec![0usize; self.completeness.len()];
        for (e, out) in self.epochs.iter().zip(&self.outcomes) {
            let Some(best) = &out.label else { continue };
            for &p in out.clusters.get(out.chosen).into_iter().flatten() {
                let ob = &self.obs[e.obs[p]];
                if let Some(share) = estimate::listed_share(&ob.view, best)
                    && seen.insert((ob.voice, ob.statement()))
                {
                    sum[ob.voice] += share;
                    count[ob.voice] += 1;
                }
            }
        }
        sum.iter()
            .zip(&count)
            .map(|(s, &c)| (s + 2.0 * COMPLETENESS_PRIOR) / (c as f64 + 2.0))
            .collect()
    }

    fn new_weights(&mut self) -> Vec<f64> {
        let losses = self.voice_losses();
        let w = crh::weights(&losses);
        self.voice_loss = losses;
        w
    }

    fn publish(&mut self, claims: &[Claim], voices: &Voices) {
        self.voice_loss = self.voice_losses();
        // Which observations support their epoch's estimate, computed once (ranks ask per claim).
        let mut supports = vec![false; self.obs.len()];
        for (e, out) in self.epochs.iter().zip(&self.outcomes) {
            for p in out.supporting() {
                supports[e.obs[p]] = true;
            }
        }
        self.supports = supports;
        let mut results = vec![None; self.group_latest.len()];
        for (gi, latest) in self.group_latest.iter().enumerate() {
            let Some(ei) = *latest else { continue };
            results[gi] = Some(self.group_result(ei, claims, voices));
        }
        self.results = results;
    }

    fn describe_obs(&self, o: usize, claims: &[Claim], voices: &Voices) -> String {
        let ob = &self.obs[o];
        match ob.claim {
            Some(c) => {
                format!("{} ({})", claims[c].value(), voices.name(voices.source_of_claim(c)))
            }
            None => format!("{} (derived)", self.keys[ob.key]),
        }
    }

    fn group_result(&self, ei: usize, claims: &[Claim], voices: &Voices) -> GroupResult {
        let e = &self.epochs[ei];
        let out = &self.outcomes[ei];
        let to_ids = |c: &Vec<usize>| -> Vec<ClaimId> {
            let mut ids: Vec<ClaimId> = c.iter().map(|&p| self.obs[e.obs[p]].id.clone()).collect();
            ids.sort();
            ids
        };
        let clusters: Vec<Vec<ClaimId>> = out.clusters.iter().map(to_ids).collect();
        let supporting = to_ids(&out.supporting());
        let number = |sp: estimate::Spread, unit: Option<Unit>| Figure::Number {
            low: sp.low,
            low_open: sp.low_open,
            best: sp.best,
            high: sp.high,
            high_open: sp.high_open,
            unit,
        };
        let figure = match (e.kind, out.numeric, &out.label) {
            (Some(Kind::Date), Some(sp), _) => {
                let day = |x: f64| NaiveDate::from_num_days_from_ce_opt(x.round() as i32);
                match (day(sp.low), day(sp.best), day(sp.high.unwrap_or(sp.best))) {
                    (Some(low), Some(best), Some(high)) => Some(Figure::Date { low, best, high }),
                    _ => None,
                }
            }
            (Some(Kind::Factor), Some(sp), _) => Some(number(sp, None)),
            (Some(_), Some(sp), _) => Some(number(sp, e.unit.or(Some(Unit::Number)))),
            _ if !out.undecided.is_empty() => {
                Some(Figure::Undecided { values: out.undecided.clone() })
            }
            (_, _, Some(v)) => Some(Figure::Value { value: v.clone() }),
            _ => None,
        };
        let estimate = figure.map(|figure| {
            let reason = self.reason(e, out, supporting.len(), claims, voices);
            Estimate { as_of: e.as_of, figure, supporting: supporting.clone(), reason }
        });
        GroupResult { clusters, estimate, supporting }
    }

    /// The regressions of group `gi`'s latest epoch: per offending claim (or derived bound),
    /// its id, the ids of the figures it falls below, and the finding in words.
    pub fn regressions(
        &self,
        gi: usize,
        claims: &[Claim],
        voices: &Voices,
    ) -> Vec<(ClaimId, Vec<ClaimId>, String)> {
        let Some(ei) = self.group_latest[gi] else { return Vec::new() };
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let date = |o: usize| crate::claim::day_text(self.obs[o].as_of);
        let describe = |o: usize| {
            let text = self.describe_obs(o, claims, voices);
            format!("{}, {})", text.trim_end_matches(')'), date(o))
        };
        out.roles
            .iter()
            .enumerate()
            .filter_map(|(p, role)| match role {
                Role::Regression { below } => Some((e.obs[p], below)),
                _ => None,
            })
            .map(|(o, below)| {
                let below: Vec<usize> = below.iter().map(|&g| e.obs[g]).collect();
                let listed: Vec<String> = below.iter().map(|&g| describe(g)).collect();
                let message = format!(
                    "{} falls below what other voices reported earlier: {}; a running total cannot fall, so it is set aside",
                    describe(o),
                    listed.join(", ")
                );
                (self.obs[o].id.clone(), below.iter().map(|&g| self.obs[g].id.clone()).collect(), message)
            })
            .collect()
    }

    /// Why the estimate of epoch `e` is what it is, in one line.
    fn reason(
        &self,
        e: &Epoch,
        out: &Outcome,
        n_supporting: usize,
        claims: &[Claim],
        voices: &Voices,
    ) -> String {
        if !out.undecided.is_empty() {
            return format!(
                "{} values tie on every count (reliability-weighted support, independent voices, latest report): the reports do not decide between them",
                out.undecided.len()
            );
        }
        if out.floors_won() {
            format!(
                "every figure of the latest date falls below what {} independent voice{} reported earlier, which carry more weight: the estimate is their floor",
                out.chosen_voices,
                if out.chosen_voices == 1 { "" } else { "s" }
            )
        } else if out.same_day {
            format!(
                "reported both ways on {}, in an order the reports do not give: a change that day, not a conflict; the estimate follows the value that differs from the state the day before, else the one with the most reliability-weighted support",
                e.as_of.map_or_else(|| "one day".to_owned(), |d| d.to_string())
            )
        } else if out.clusters.len() > 1 {
            let others: Vec<String> = out
                .clusters
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != out.chosen)
                .map(|(_, c)| {
                    c.iter()
                        .map(|&p| self.describe_obs(e.obs[p], claims, voices))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect();
            format!(
                "the figures split into {} conflicting clusters; the estimate follows the one with the most reliability-weighted support ({} independent voice{}), over {}",
                out.clusters.len(),
                out.chosen_voices,
                if out.chosen_voices == 1 { "" } else { "s" },
                others.join(" and ")
            )
        } else {
            let floors = out
                .roles
                .iter()
                .enumerate()
                .any(|(p, r)| *r == Role::Floor && !self.obs[e.obs[p]].current);
            let n = n_supporting;
            let set_aside =
                out.roles.iter().any(|r| matches!(r, Role::Regression { .. } | Role::Above));
            let count = match n {
                1 => "the one figure is".to_owned(),
                _ if set_aside => format!("the {n} supporting figures are"),
                2 => "both figures are".to_owned(),
                _ => format!("all {n} figures are"),
            };
            let voices = if out.chosen_voices == 1 {
                "one independent voice".to_owned()
            } else {
                format!("{} independent voices", out.chosen_voices)
            };
            let floors =
                if floors { "; earlier figures of the running total act as floors" } else { "" };
            let aside = |pred: fn(&Role) -> bool, one: &str, many: &str| match out
                .roles
                .iter()
                .filter(|r| pred(r))
                .count()
            {
                0 => String::new(),
                1 => format!("; 1 {one} is set aside"),
                k => format!("; {k} {many} are set aside"),
            };
            format!(
                "{count} consistent, from {voices}{floors}{}{}",
                aside(
                    |r| matches!(r, Role::Regression { .. }),
                    "figure below what other voices reported earlier",
                    "figures below what other voices reported earlier"
                ),
                aside(
                    |r| *r == Role::Above,
                    "earlier figure above the estimate",
                    "earlier figures above the estimate"
                ),
            )
        }
    }

    /// Whether group `gi`'s latest epoch is a yes/no state given both ways on one day, in an
    /// order the reports do not give.
    pub fn changed_same_day(&self, gi: usize) -> bool {
        self.group_latest[gi].is_some_and(|ei| self.outcomes[ei].same_day)
    }

    /// The public result of group `gi` (its latest epoch).
    pub fn group_result_of(&self, gi: usize) -> Option<&GroupResult> {
        self.results.get(gi).and_then(Option::as_ref)
    }

    /// The voices behind the claims and derived bounds supporting group `gi`'s estimate.
    pub fn supporting_voices(&self, gi: usize) -> BTreeSet<usize> {
        let Some(ei) = self.group_latest[gi] else { return BTreeSet::new() };
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        out.supporting().into_iter().map(|p| self.obs[e.obs[p]].voice).collect()
    }

    /// A claim's rank and the reason.
    pub fn rank(&self, claim: usize) -> (Rank, String) {
        let o = self.claim_obs[claim];
        let ob = &self.obs[o];
        let e = &self.epochs[ob.epoch];
        if let View::Skip(why) = &ob.view {
            return match why {
                None => (
                    Rank::Normal,
                    "did not disclose a figure, which contradicts nothing".to_owned(),
                ),
                Some(w) => (Rank::Deprecated, w.clone()),
            };
        }
        let latest = self.group_latest[e.group] == Some(ob.epoch);
        let date = |d: Option<NaiveDate>| d.map_or_else(|| "undated".to_owned(), |d| d.to_string());
        let role = self.outcomes[ob.epoch].roles.get(ob.pos);
        let describe = |p: usize| {
            let other = &self.obs[e.obs[p]];
            format!("{} ({})", self.keys[other.key], date(other.as_of))
        };
        match role {
            Some(Role::Revised { by }) => {
                return (
                    Rank::Normal,
                    format!("revised down by its own voice to {}", describe(*by)),
                );
            }
            Some(Role::Above) => {
                return (
                    Rank::Deprecated,
                    format!(
                        "an earlier figure ({}) above the later estimate: the running total cannot fall",
                        date(ob.as_of)
                    ),
                );
            }
            Some(Role::Regression { below }) => {
                let list: Vec<String> = below.iter().map(|&p| describe(p)).collect();
                return (
                    Rank::Deprecated,
                    format!(
                        "a regression: below what other voices reported earlier ({}); a running total cannot fall",
                        list.join(", ")
                    ),
                );
            }
            Some(Role::Aside) => {
                return (
                    Rank::Normal,
                    "consistent with the estimate, but its voice's latest figure lies elsewhere: no support"
                        .to_owned(),
                );
            }
            _ => {}
        }
        let out = &self.outcomes[ob.epoch];
        if !out.undecided.is_empty() {
            return (
                Rank::Normal,
                "tied with other values on every count: the reports do not decide".to_owned(),
            );
        }
        if out.same_day && !self.supports[o] {
            return (
                Rank::Normal,
                format!(
                    "given the other way the same day ({}), in an order the reports do not give",
                    date(e.as_of)
                ),
            );
        }
        match (self.supports[o], ob.current, latest) {
            (true, true, false) if e.earlier_that_day => (
                Rank::Normal,
                format!(
                    "the state earlier on {}; a later report that day describes a later state",
                    date(e.as_of)
                ),
            ),
            (true, true, true) => (Rank::Preferred, "supports the estimate".to_owned()),
            (true, false, _) => (
                Rank::Normal,
                format!(
                    "an earlier figure ({}), superseded by the figures as of {}",
                    date(ob.as_of),
                    date(e.as_of)
                ),
            ),
            (true, true, false) => (
                Rank::Normal,
                format!("the state as of {}; later reports describe a later state", date(e.as_of)),
            ),
            (false, _, _) => (
                Rank::Deprecated,
                "conflicts with the estimate: in a cluster that carries less weight".to_owned(),
            ),
        }
    }

    /// Per-source and per-voice reports.
    /// Claims, checked statements, consistent ones, losses and echoes per key (a source or an
    /// outlet): a statement its key repeats (or is quoted giving twice) counts once.
    fn tally(
        &self,
        n: usize,
        key_of: impl Fn(usize) -> usize,
        is_echo: impl Fn(usize) -> bool,
    ) -> BTreeMap<usize, Tally> {
        let mut per_key: BTreeMap<usize, Tally> = BTreeMap::new();
        for c in 0..n {
            let ob = &self.obs[self.claim_obs[c]];
            let entry = per_key.entry(key_of(c)).or_default();
            entry.0 += 1;
            if let Some(l) = self.loss[self.claim_obs[c]]
                && entry.5.insert(ob.statement())
            {
                entry.1 += 1;
                if l < 1e-12 {
                    entry.2 += 1;
                }
                entry.3.push(l);
            }
            if is_echo(c) {
                entry.4 += 1;
            }
        }
        per_key
    }

    /// Per-source, per-outlet and per-voice reports.
    pub fn reports(
        &self,
        claims: &[Claim],
        voices: &Voices,
    ) -> (Vec<SourceReport>, Vec<OutletReport>, Vec<VoiceReport>) {
        // Echoes: a figure a source gives that another source of the same voice gave first.
        let mut first: BTreeMap<(usize, Statement), FirstGiver<'_>> = BTreeMap::new();
        for (c, claim) in claims.iter().enumerate() {
            let ob = &self.obs[self.claim_obs[c]];
            let key = (ob.voice, ob.statement());
            let relayed = claim.provenance().via().is_some();
            let cand = (claim.as_of(), relayed, claim.id(), voices.source_of_claim(c));
            match first.get(&key) {
                Some(f) if (f.0, f.1, f.2) <= (cand.0, cand.1, cand.2) => {}
                _ => {
                    first.insert(key, cand);
                }
            }
        }
        let is_echo = |c: usize| {
            let ob = &self.obs[self.claim_obs[c]];
            first.get(&(ob.voice, ob.statement())).is_some_and(|f| f.3 != voices.source_of_claim(c))
        };
        let mut per_source = self.tally(claims.len(), |c| voices.source_of_claim(c), is_echo);
        let sources = voices
            .sources()
            .map(|s| {
                let t = per_source.remove(&s).unwrap_or_default();
                SourceReport {
                    source: voices.name(s).clone(),
                    voice: voices.groups[voices.group_of_name(s)].name.clone(),
                    claims: t.0,
                    checked: t.1,
                    agreement: agreement_of(&t),
                    reliability: reliability_of(&t),
                    echoes: t.4,
                }
            })
            .collect();
        let mut per_outlet = self.tally(claims.len(), |c| voices.outlet_of_claim(c), |_| false);
        let mut relays: BTreeMap<usize, BTreeSet<SourceId>> = BTreeMap::new();
        for (c, claim) in claims.iter().enumerate() {
            if let Some(w) = claim.provenance().via() {
                relays.entry(voices.outlet_of_claim(c)).or_default().insert(w.clone());
            }
        }
        let outlets = voices
            .outlets()
            .map(|o| {
                let t = per_outlet.remove(&o).unwrap_or_default();
                OutletReport {
                    outlet: voices.name(o).clone(),
                    claims: t.0,
                    checked: t.1,
                    agreement: agreement_of(&t),
                    reliability: reliability_of(&t),
                    relays: relays.remove(&o).unwrap_or_default().into_iter().collect(),
                }
            })
            .collect();
        let mut per_voice =
            self.tally(claims.len(), |c| self.obs[self.claim_obs[c]].voice, |_| false);
        let mut voice_distinct: Vec<BTreeSet<Statement>> =
            vec![BTreeSet::new(); voices.groups.len()];
        for c in 0..claims.len() {
            let ob = &self.obs[self.claim_obs[c]];
            voice_distinct[ob.voice].insert(ob.statement());
        }
        let voice_reports = voices
            .groups
            .iter()
            .enumerate()
            .map(|(v, g)| {
                let t = per_voice.remove(&v).unwrap_or_default();
                VoiceReport {
                    voice: g.name.clone(),
                    members: g
                        .members
                        .iter()
                        .map(|&m| voices.name(m).clone())
                        .collect::<Vec<SourceId>>(),
                    reasons: g.reasons.clone(),
                    claims: t.0,
                    distinct: voice_distinct[v].len(),
                    agreement: agreement_of(&t),
                    reliability: self.voice_loss[v].and_then(|l| score(1.0 - l)),
                }
            })
            .collect();
        (sources, outlets, voice_reports)
    }
}
