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
//!    the mean loss of its *distinct* contested figures (of epochs where another voice gave
//!    a figure) with one figure of prior at the average voice's (`crh::with_prior`: one
//!    lucky figure is not a record), floored so a flawless voice does not get infinite
//!    weight;
//! 4. each voice's *completeness* becomes the share of the set estimates its lists give
//!    (the sensitivity of Zhao et al.'s Latent Truth Model, 2012), so that the next round
//!    counts a short list as evidence against the items it omits only as far as its voice
//!    usually gives whole lists (see `estimate::complete_set`).
//!
//! Weights belong to independence groups, not articles, and a group's weight is split across
//! the distinct values it gives, so an echo through the same wire changes nothing (Iraq Body
//! Count's two-independent-sources rule; Dong et al. 2009 on copying). Reported reliability
//! is `1 - L` (the plain mean, without the prior), in `[0, 1]`. Rounds stop when no weight or
//! completeness moves by more than 1e-9.
//!
//! The model's pieces (loss, scale, spread, weights, median, representative points, keys,
//! stopping rule) are defined once in `crate::crh`; this module decides what each piece is
//! applied to (epochs, voices, floors, regressions). The bulk path builds this same state from
//! its column store (`columns.rs`) and runs the same rounds.
//!
//! This module holds the model: the observations (a claim or derived bound as scored), the
//! epochs of each group and the scoring state, built once by [`run`]. The rounds
//! (`rounds.rs`) and the publishing of results (`publish.rs`) are methods of [`State`].

mod columns;

mod publish;
mod rounds;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use chrono::NaiveDate;
use foldhash::fast::FixedState;
use rayon::prelude::*;

use crate::claim::AsOfTime;
use crate::crh;
use crate::id::{ClaimId, SourceId};
use crate::subject::{Measure, Nature};
use crate::unit::{Dimension, Unit};
use crate::value::{Change, Close, Endpoint, Interval, Policy, Value};

use super::Estimate;
use super::Values;
use super::estimate::{self, Input, Outcome, Position, View};
use super::group::GroupData;
pub(crate) use super::limit::index;
use super::partof::Derived;
use super::relate;
use super::store::ClaimStore;
use super::threads::PARALLEL_FROM;
use super::voice::Voices;
pub(crate) use publish::{KeyTexts, Regressions};

/// A voice's completeness before its lists are seen: one half, Laplace's rule (a uniform
/// prior), so an omission by an unknown voice is half a vote against.
const COMPLETENESS_PRIOR: f64 = 0.5;

/// What makes two figures of one epoch one statement, counted once: the value (its key), and
/// for an earlier figure of a running total its date too (restating 31 on a later day, when
/// others have moved on, is new evidence about the voice). Figures of different epochs never
/// make one statement: statements are compared epoch by epoch ([`number_statements`],
/// `State::counted`), an epoch's observations being consecutive.
type Statement = (u32, Option<NaiveDate>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Amount(Dimension),
    Factor,
    Date,
    Label,
}

/// One claim (or derived bound) as scored. One is held per claim, so its indices are `u32`
/// (see [`MAX_CLAIMS`](super::limit::MAX_CLAIMS)), read back as `usize` by the methods of the
/// same names, and its epoch is found from its index ([`State::epoch_of`]): 28 bytes. When
/// its report was published is held beside it (`State::published`), since a table has none.
#[derive(Debug, Clone)]
struct Obs {
    /// The claim (below `State::claims`), or derived bound `d` at that number plus
    /// `d` (see [`State::claim_of`] and [`State::id_of`]).
    figure: u32,
    /// Its voice ([`Obs::voice`]), in the top bit ([`CURRENT`]) whether it is current
    /// ([`Obs::current`]), and in the next ([`POINT`]) whether `held` is a plain point: a
    /// `bool` of its own made an observation 36 bytes, and [`Held`]'s own tag 32.
    voice_current: u32,
    /// Index into `State::keys`: the value as text, for counting a repeated figure once.
    key: u32,
    /// What it says, numbered: observations with one voice and one [`Statement`] share it.
    said: u32,
    /// Its value ([`Obs::held`]): a plain point's bytes, or another [`Held`]'s index in the
    /// first four and its kind in the fifth ([`Held::pack`]).
    held: [u8; 8],
    as_of: Option<NaiveDate>,
}

/// The bit of [`Obs::voice_current`] that says the observation is current. A voice is below
/// it: there are at most as many voices as claims, and at most
/// [`MAX_CLAIMS`](super::limit::MAX_CLAIMS) (2^30) claims.
const CURRENT: u32 = 1 << 31;

/// The bit of [`Obs::voice_current`] that says its held value is a plain point
/// ([`Held::Point`]). A voice is below it too (at most [`MAX_CLAIMS`](super::limit::MAX_CLAIMS),
/// 2^30, voices, numbered from 0).
const POINT: u32 = 1 << 30;

impl Obs {
    fn new(
        figure: usize,
        voice: usize,
        key: usize,
        held: Held,
        as_of: Option<NaiveDate>,
        current: bool,
    ) -> Self {
        let current = if current { CURRENT } else { 0 };
        let (held, point) = held.pack();
        Obs {
            figure: index(figure),
            voice_current: voice_bits(voice) | current | if point { POINT } else { 0 },
            key: index(key),
            said: 0,
            held,
            as_of,
        }
    }

    fn statement(&self) -> Statement {
        (self.key, if self.current() { None } else { self.as_of })
    }

    fn figure(&self) -> usize {
        self.figure as usize
    }

    fn voice(&self) -> usize {
        (self.voice_current & !(CURRENT | POINT)) as usize
    }

    /// Its held interval's index moved up by `by`, where the intervals it indexes are
    /// appended after `by` others; any other value as it was.
    fn shift_interval(&mut self, by: u32) {
        if let Held::Interval(i) = self.held() {
            self.held = Held::Interval(i + by).pack().0;
        }
    }

    /// Speaks for voice `voice` from now on; current or not as before, its value as before.
    fn set_voice(&mut self, voice: usize) {
        self.voice_current = voice_bits(voice) | (self.voice_current & (CURRENT | POINT));
    }

    /// Its value, as it was held ([`Held::unpack`]).
    #[inline]
    fn held(&self) -> Held {
        Held::unpack(self.held, self.voice_current & POINT != 0)
    }

    /// At its epoch's as-of (undated in an undated epoch), as opposed to an earlier figure of a
    /// running total (see [`is_current`]).
    fn current(&self) -> bool {
        self.voice_current & CURRENT != 0
    }

    fn key(&self) -> usize {
        self.key as usize
    }

    /// Its interval where it holds a number (or a date), read from `intervals` (the state's),
    /// without the values a label is held in.
    fn numeric(&self, intervals: &[HeldInterval]) -> Option<Interval> {
        match self.held() {
            held @ (Held::Point(_) | Held::Interval(_)) => match held.view(&[], intervals) {
                View::Numeric { interval, .. } => Some(interval),
                _ => None,
            },
            _ => None,
        }
    }

    fn said(&self) -> usize {
        self.said as usize
    }
}

/// Voice `voice` as [`Obs::voice_current`] holds it, below [`POINT`] and [`CURRENT`].
fn voice_bits(voice: usize) -> u32 {
    let bits = index(voice);
    if bits >= POINT {
        unreachable!("voice {voice} past MAX_CLAIMS' bound");
    }
    bits
}

/// An observation's value as the estimate takes it ([`View`]): a plain number inline, any
/// other numeric figure by its index into `State::intervals`, a label or a value set aside by
/// its index into `State::values` (which only such observations fill). An observation holds
/// it in 8 bytes and a bit ([`Held::pack`]).
#[derive(Debug, Clone, Copy)]
enum Held {
    /// A closed point whose representative point is itself, bit for bit: most figures of a
    /// table ("164"). Its bytes ([`f64::to_le_bytes`]), which ask no alignment: an `f64`
    /// would align an observation to 8 bytes, and make it 32.
    Point([u8; 8]),
    /// Any other numeric figure: a range, a bound, a point with another representative point.
    Interval(u32),
    Label(u32),
    /// Undisclosed (`None`), or a value not comparable with the epoch's kind.
    Skip(Option<u32>),
}

/// A numeric figure that is not a plain point ([`Held::Interval`]): its interval's ends and
/// its representative point. `ends` says which ends are open and whether there is a high end
/// ([`LOW_OPEN`], [`HIGH_OPEN`], [`BOUNDED`]).
#[derive(Debug, Clone, Copy)]
struct HeldInterval {
    low: f64,
    high: f64,
    rep: f64,
    ends: u8,
}

const LOW_OPEN: u8 = 1;
const HIGH_OPEN: u8 = 2;
const BOUNDED: u8 = 4;

/// The kinds of [`Held`] other than a point, as [`Held::pack`] writes them in its fifth byte.
const HELD_INTERVAL: u8 = 1;
const HELD_LABEL: u8 = 2;
const HELD_SKIP: u8 = 3;
const HELD_SKIP_NONE: u8 = 4;

impl Held {
    /// Its eight bytes as an observation holds them, and whether it is a point: a point's
    /// own bytes; another's index in the first four (little-endian) and its kind in the fifth.
    fn pack(self) -> ([u8; 8], bool) {
        let (i, kind) = match self {
            Held::Point(bytes) => return (bytes, true),
            Held::Interval(i) => (i, HELD_INTERVAL),
            Held::Label(i) => (i, HELD_LABEL),
            Held::Skip(Some(i)) => (i, HELD_SKIP),
            Held::Skip(None) => (0, HELD_SKIP_NONE),
        };
        let mut bytes = [0; 8];
        bytes[..4].copy_from_slice(&i.to_le_bytes());
        bytes[4] = kind;
        (bytes, false)
    }

    /// What [`Held::pack`] made `bytes` of (`point` as it said).
    #[inline]
    fn unpack(bytes: [u8; 8], point: bool) -> Self {
        if point {
            return Held::Point(bytes);
        }
        let i = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        match bytes[4] {
            HELD_INTERVAL => Held::Interval(i),
            HELD_LABEL => Held::Label(i),
            HELD_SKIP => Held::Skip(Some(i)),
            HELD_SKIP_NONE => Held::Skip(None),
            kind => unreachable!("no held value packs to kind {kind}"),
        }
    }

    /// A numeric figure, held inline when it is a plain point, else pushed on `intervals`.
    fn numeric(interval: Interval, rep: f64, intervals: &mut Vec<HeldInterval>) -> Self {
        let low = interval.low();
        // Compared by bits, so the point reads back as it came: -0 and 0 differ here.
        let same = |x: f64| x.to_bits() == low.value.to_bits();
        if !low.open && interval.high().is_some_and(|h| !h.open && same(h.value)) && same(rep) {
            return Held::Point(rep.to_le_bytes());
        }
        let (high, high_ends) = match interval.high() {
            Some(h) => (h.value, BOUNDED | if h.open { HIGH_OPEN } else { 0 }),
            None => (f64::INFINITY, 0),
        };
        let ends = high_ends | if low.open { LOW_OPEN } else { 0 };
        intervals.push(HeldInterval { low: low.value, high, rep, ends });
        Held::Interval(index(intervals.len() - 1))
    }

    #[inline]
    fn view<'a>(self, values: &'a [Value], intervals: &[HeldInterval]) -> View<'a> {
        match self {
            Held::Point(bytes) => {
                let x = f64::from_le_bytes(bytes);
                let end = Endpoint { value: x, open: false };
                View::Numeric { interval: Interval::new(end, Some(end)), rep: x }
            }
            Held::Interval(i) => {
                let HeldInterval { low, high, rep, ends } = intervals[i as usize];
                let low = Endpoint { value: low, open: ends & LOW_OPEN != 0 };
                let high = (ends & BOUNDED != 0)
                    .then_some(Endpoint { value: high, open: ends & HIGH_OPEN != 0 });
                View::Numeric { interval: Interval::new(low, high), rep }
            }
            Held::Label(v) => View::Label(&values[v as usize]),
            Held::Skip(v) => View::Skip(v.map(|v| &values[v as usize])),
        }
    }
}

#[derive(Debug, Clone)]
struct Epoch {
    group: usize,
    as_of: Option<NaiveDate>,
    kind: Option<Kind>,
    /// Without a kind: the kinds that tied ([`kind_vote`]), where any figure was given.
    tied: Option<Box<KindTie>>,
    unit: Option<Unit>,
    /// Its observations, consecutive: an observation's position in its epoch is its index
    /// less `obs.start`.
    obs: Range<usize>,
    /// Numeric clusters, as positions into `obs` (fixed across rounds).
    clusters: estimate::Clusters,
    /// Label clusters: per cluster, per distinct value, positions into `obs`.
    value_clusters: Vec<Vec<Vec<usize>>>,
    /// What the label estimate needs that the weights do not change, in a label epoch (boxed:
    /// most of a table's epochs are numeric, and it is 168 bytes).
    labels: Option<Box<estimate::Labels>>,
    /// Spread of the representative points, for the loss scale.
    spread: f64,
    /// The states of a day that a later report of the same day replaced.
    earlier_that_day: bool,
    /// The share within which its figures given to the digit are one count
    /// ([`Policy::close`], for its dimension), set when it is prepared: [`Close::EXACT`] for
    /// none.
    close: Close,
    nature: Nature,
    /// A fixed fact's: per position, the figure that corrected it where its voice withdrew it
    /// ([`withdraw_corrected`]); empty where none was.
    corrected: Vec<Option<usize>>,
}

impl Epoch {
    /// The position of the figure that corrected the one at position `p`, where its source
    /// withdrew it ([`Epoch::corrected`]).
    fn corrected_by(&self, p: usize) -> Option<usize> {
        self.corrected.get(p).copied().flatten()
    }

    /// What the label estimate needs that the weights do not change (nothing outside a
    /// prepared label epoch).
    fn labels(&self) -> &estimate::Labels {
        static NONE: estimate::Labels = estimate::Labels::NONE;
        self.labels.as_deref().unwrap_or(&NONE)
    }

    /// The observation at position `p` of this epoch.
    fn at(&self, p: impl Position) -> usize {
        self.obs.start + p.at()
    }
}

impl State {
    /// Observation `o`'s value as the estimate takes it.
    #[inline]
    fn view(&self, o: usize) -> View<'_> {
        self.obs[o].held().view(&self.values, &self.intervals)
    }

    /// The epoch of observation `o`: the one whose observations hold it, found in O(log e)
    /// for e epochs (epochs hold consecutive observations, in order).
    fn epoch_of(&self, o: usize) -> usize {
        self.epochs.partition_point(|e| e.obs.end <= o)
    }

    /// Claim `c`'s observation.
    fn obs(&self, c: usize) -> &Obs {
        &self.obs[self.claim_obs[c] as usize]
    }

    /// The claim an observation is, if it is not a derived bound.
    fn claim_of(&self, ob: &Obs) -> Option<usize> {
        (ob.figure() < self.claims).then_some(ob.figure())
    }
}

/// An observation's loss, if it has one, in the eight bytes of an `f64` (an `Option<f64>`
/// takes sixteen): "no loss" is one NaN, told apart from every loss by its bits, so a loss that
/// is NaN stays a loss. Read it with [`Loss::get`], never by comparing the number.
#[derive(Debug, Clone, Copy)]
struct Loss(f64);

impl Loss {
    /// The bits of "no loss": a quiet NaN with payload 1. A loss with these bits is held as
    /// [`f64::NAN`] instead: no use of a NaN loss reads its payload (sums and comparisons give
    /// NaN and false whatever it is), so that changes nothing.
    const NONE_BITS: u64 = 0x7ff8_0000_0000_0001;

    fn new(loss: Option<f64>) -> Self {
        match loss {
            Some(l) if l.to_bits() == Self::NONE_BITS => Loss(f64::NAN),
            Some(l) => Loss(l),
            None => Loss(f64::from_bits(Self::NONE_BITS)),
        }
    }

    fn get(self) -> Option<f64> {
        (self.0.to_bits() != Self::NONE_BITS).then_some(self.0)
    }
}

/// A group's latest epoch, in public terms.
#[derive(Debug, Clone)]
pub(crate) struct GroupResult {
    pub clusters: Vec<Vec<ClaimId>>,
    pub estimate: Option<Estimate>,
    pub supporting: Vec<ClaimId>,
}

/// How an epoch's estimate reads an observation ([`State::mark_supports`]): one of the figures
/// it stands on, one it holds wrong (a losing rival, an earlier figure above it, a fall, a
/// jump held back), or neither. A figure held wrong at no distance ("more than 100" beside the
/// estimate 100, whose excluded end is at distance 0) is not consistent with the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Standing {
    #[default]
    Neither,
    Supports,
    HeldWrong,
}

#[derive(Debug, Clone)]
pub(crate) struct State {
    obs: Vec<Obs>,
    /// Per observation, when its report was published (which breaks ties between clusters);
    /// empty when none was, as in a table.
    published: Vec<Option<NaiveDate>>,
    /// The labels and set-aside values the observations hold (see [`Held`]).
    values: Vec<Value>,
    /// The numeric figures, other than plain points, that the observations hold (see [`Held`]).
    intervals: Vec<HeldInterval>,
    /// The ids of the derived bounds, by index (see `Obs::figure`).
    derived_ids: Vec<ClaimId>,
    /// How many distinct (voice, statement) pairs the observations make (see `Obs::said`).
    statements: usize,
    keys: Vec<String>,
    /// Per key: its place in text order (see [`super::Keys::order`]).
    key_order: Vec<usize>,
    /// How many claims: figures below it are claims, the rest derived bounds.
    claims: usize,
    /// Per claim: its observation (empty for a store's state, which publishes no claim).
    claim_obs: Vec<u32>,
    epochs: Vec<Epoch>,
    /// What each numeric epoch's rounds need that the weights do not change, by epoch
    /// ([`estimate::Numeric`]); dropped when the rounds end.
    prepared: estimate::NumericStore,
    outcomes: Vec<Outcome>,
    group_latest: Vec<Option<usize>>,
    results: Vec<Option<GroupResult>>,
    /// Per observation: its loss against the final estimates, if it has one, kept when the
    /// rounds end (a round scores a batch of epochs at a time and keeps none); empty once
    /// the reports have taken it ([`State::reports`]).
    loss: Vec<Loss>,
    weight: Vec<f64>,
    /// Per voice: how complete its lists are (see `estimate::listed_share`), estimated with
    /// the values like the weights.
    completeness: Vec<f64>,
    voice_loss: Vec<Option<f64>>,
    /// Per observation: does it support its epoch's estimate, or does the estimate hold it
    /// wrong ([`Standing`])?
    standing: Vec<Standing>,
    pub rounds: usize,
}

/// What a scoring state is built from, before its rounds: the observations, their epochs and
/// what they hold (see [`State`]'s fields of the same names).
struct Built {
    obs: Vec<Obs>,
    prepared: estimate::NumericStore,
    /// Per observation, when its report was published; empty when none was.
    published: Vec<Option<NaiveDate>>,
    values: Vec<Value>,
    intervals: Vec<HeldInterval>,
    derived_ids: Vec<ClaimId>,
    keys: Vec<String>,
    key_order: Vec<usize>,
    claims: usize,
    claim_obs: Vec<u32>,
    epochs: Vec<Epoch>,
    group_latest: Vec<Option<usize>>,
}

impl State {
    /// What the estimator reads of the observations.
    fn obs_view(&self) -> ObsView<'_> {
        ObsView {
            obs: &self.obs,
            values: &self.values,
            intervals: &self.intervals,
            key_order: &self.key_order,
            published: &self.published,
        }
    }

    /// The state of `built` before its first round, with `voices` voices: every voice
    /// unscored, each statement numbered. One start for every way a state is built.
    fn start(built: Built, voices: usize) -> State {
        let Built {
            mut obs,
            prepared,
            published,
            values,
            intervals,
            derived_ids,
            keys,
            key_order,
            claims,
            claim_obs,
            epochs,
            group_latest,
        } = built;
        debug_assert!(published.is_empty() || published.len() == obs.len());
        let statements = number_statements(&mut obs, &epochs);
        State {
            statements,
            obs,
            published,
            values,
            intervals,
            derived_ids,
            keys,
            key_order,
            claims,
            claim_obs,
            epochs,
            prepared,
            outcomes: Vec::new(),
            group_latest,
            results: Vec::new(),
            loss: Vec::new(),
            weight: vec![crh::UNSCORED_WEIGHT; voices],
            completeness: vec![COMPLETENESS_PRIOR; voices],
            voice_loss: vec![None; voices],
            standing: Vec::new(),
            rounds: 0,
        }
    }
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

/// How an epoch of `kind` holds value `v`; a label or a value set aside is held by the index
/// `keep` gives it (`State::values`), a numeric figure other than a plain point is pushed on
/// `intervals` (see [`Held`]).
fn hold(
    v: &Value,
    kind: Option<Kind>,
    policy: &Policy,
    intervals: &mut Vec<HeldInterval>,
    mut keep: impl FnMut(&Value) -> u32,
) -> Held {
    match (kind, v) {
        (_, Value::Undisclosed) => Held::Skip(None),
        (Some(Kind::Amount(d)), Value::Amount(a)) if a.unit.dimension() == d => {
            Held::numeric(a.interval(policy), crh::representative(&a.magnitude, policy), intervals)
        }
        (Some(Kind::Amount(d)), Value::Change(Change::Between { to, unit, .. }))
            if unit.dimension() == d =>
        {
            Held::numeric(to.interval(policy), crh::representative(to, policy), intervals)
        }
        (Some(Kind::Factor), Value::Change(c)) => match c.factor_interval(policy) {
            Some(i) => Held::numeric(i, crh::representative_of_interval(&i), intervals),
            None => Held::Skip(Some(keep(v))),
        },
        (Some(Kind::Date), Value::Date(d)) => {
            let i = d.interval();
            Held::numeric(i, crh::representative_of_interval(&i), intervals)
        }
        (Some(Kind::Label), v) if kind_of(v) == Some(Kind::Label) => Held::Label(keep(v)),
        _ => Held::Skip(Some(keep(v))),
    }
}

/// [`hold`], a label or a value set aside held by a copy of it pushed on `values`.
fn hold_copy(
    v: &Value,
    kind: Option<Kind>,
    policy: &Policy,
    values: &mut Vec<Value>,
    intervals: &mut Vec<HeldInterval>,
) -> Held {
    hold(v, kind, policy, intervals, |v| {
        values.push(v.clone());
        index(values.len() - 1)
    })
}

/// Kinds as many of an epoch's statements give, none of them decided (see [`kind_vote`]):
/// its values of these kinds are undecided, none held wrong for its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KindTie {
    kinds: Vec<Kind>,
    /// Whether the epoch holds factors, so that a change between amounts votes as one.
    has_factor: bool,
}

impl KindTie {
    /// Whether value `v` is of one of the tied kinds, as it voted.
    fn holds(&self, v: &Value) -> bool {
        vote_kind(v, self.has_factor).is_some_and(|k| self.kinds.contains(&k))
    }

    /// The epoch's outcome: undecided between its current values of the tied kinds, each
    /// kind's current figures one cluster (which the findings name).
    fn outcome<'v>(&self, inputs: &[Input<'v>]) -> Outcome {
        let tied = |i: &Input<'v>| match i.view {
            View::Skip(Some(v)) if i.current => vote_kind(v, self.has_factor)
                .and_then(|k| self.kinds.iter().position(|&t| t == k))
                .map(|at| (at, v)),
            _ => None,
        };
        let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); self.kinds.len()];
        let mut undecided: Vec<(usize, Value)> = Vec::new();
        for (p, input) in inputs.iter().enumerate() {
            if let Some((at, v)) = tied(input) {
                by_kind[at].push(p);
                undecided.push((input.key, v.clone()));
            }
        }
        undecided.sort_by_key(|&(key, _)| key);
        undecided.dedup_by_key(|&mut (key, _)| key);
        Outcome {
            clusters: by_kind.into_iter().filter(|c| !c.is_empty()).collect(),
            undecided: undecided.into_iter().map(|(_, v)| v).collect(),
            ..Outcome::default()
        }
    }
}

/// How an epoch's statements decide its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Vote {
    Won(Kind),
    Tied(KindTie),
    /// No figure: nothing disclosed.
    Empty,
}

impl Vote {
    fn kind(&self) -> Option<Kind> {
        match self {
            Vote::Won(k) => Some(*k),
            _ => None,
        }
    }
}

/// The kind value `v` votes for in an epoch: a change between amounts counts as a factor when
/// the epoch also holds factors (`has_factor`).
fn vote_kind(v: &Value, has_factor: bool) -> Option<Kind> {
    match v {
        Value::Change(Change::Between { .. }) if has_factor => Some(Kind::Factor),
        v => kind_of(v),
    }
}

fn kind_counts(values: &[&Value], has_factor: bool) -> BTreeMap<Kind, usize> {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for k in values.iter().filter_map(|v| vote_kind(v, has_factor)) {
        *counts.entry(k).or_default() += 1;
    }
    counts
}

/// The kinds of `among` that `counts` holds most of.
fn leaders(counts: &BTreeMap<Kind, usize>, among: &[Kind]) -> Vec<Kind> {
    let count = |k: &Kind| counts.get(k).copied().unwrap_or(0);
    let most = among.iter().map(count).max().unwrap_or(0);
    among.iter().copied().filter(|k| count(k) == most).collect()
}

/// The kind most of an epoch's statements `values` have. Kinds as many statements give decide
/// nothing by themselves ("120 tenge per liter" beside "$0.27"): of them, the kind the
/// `measure` is given in wins ("yes" beside 225 deaths is the stray), a kind it rules out
/// drops out, and then the kind most of the `current` statements give (not a running total's
/// earlier figures, of earlier days or earlier in its latest day); kinds still tied are a
/// [`KindTie`].
fn kind_vote(values: &[&Value], current: &[&Value], measure: Option<&Measure>) -> Vote {
    let has_factor = values.iter().any(|v| matches!(v, Value::Change(Change::Factor { .. })));
    let counts = kind_counts(values, has_factor);
    let all: Vec<Kind> = counts.keys().copied().collect();
    let tied = leaders(&counts, &all);
    let fitting: Vec<Kind> =
        tied.iter().copied().filter(|&k| measure.is_some_and(|m| given_in(m, k))).collect();
    let tied = if fitting.is_empty() { tied } else { fitting };
    let kinds = match tied.as_slice() {
        [] => return Vote::Empty,
        [k] => return Vote::Won(*k),
        _ => leaders(&kind_counts(current, has_factor), &tied),
    };
    match kinds.as_slice() {
        [k] => Vote::Won(*k),
        _ => Vote::Tied(KindTie { kinds, has_factor }),
    }
}

/// An epoch of group `gi` at `as_of` (of the states a later report that day replaced, where
/// `earlier_that_day`) for its `members`, without observations yet; and whether any of them
/// gives a figure.
fn epoch_of(
    (gi, as_of, earlier_that_day): (usize, Option<NaiveDate>, bool),
    members: &[&Item<'_>],
    (nature, measure): (Nature, &Measure),
) -> (Epoch, bool) {
    let latest = latest_time(members, as_of);
    let now = members.iter().copied().filter(|it| it_is_current(it, (nature, as_of), latest));
    let vote = kind_vote(&statements(members.iter().copied()), &statements(now), Some(measure));
    let kind = vote.kind();
    let gives = vote != Vote::Empty;
    let epoch = Epoch {
        group: gi,
        as_of,
        kind,
        tied: tied_of(vote),
        unit: epoch_unit(kind, members),
        obs: 0..0,
        clusters: estimate::Clusters::default(),
        value_clusters: Vec::new(),
        labels: None,
        spread: 0.0,
        earlier_that_day,
        close: Close::EXACT,
        nature,
        corrected: Vec::new(),
    };
    (epoch, gives)
}

/// The time of day that starts latest among `members` of `as_of` (not running past
/// midnight): a figure that ends before it is earlier than another of the day.
fn latest_time<'a>(members: &[&Item<'a>], as_of: Option<NaiveDate>) -> Option<&'a AsOfTime> {
    let of_day = members.iter().filter(|it| it.as_of == as_of);
    latest_start(of_day, |it| it.time).and_then(|it| it.time)
}

/// Whether `it` is current in an epoch of `nature` at `as_of` ([`is_current`]): on a running
/// total's latest date, a figure at a time of day before the `latest` one is earlier too.
fn it_is_current(
    it: &Item<'_>,
    (nature, as_of): (Nature, Option<NaiveDate>),
    latest: Option<&AsOfTime>,
) -> bool {
    let earlier_in_day = it.time.zip(latest).is_some_and(|(t, latest)| t.is_before(latest));
    is_current(nature, it.as_of, as_of, earlier_in_day)
}

/// What an epoch keeps of its [`Vote`] beside its kind: the kinds that tied, if any.
fn tied_of(vote: Vote) -> Option<Box<KindTie>> {
    match vote {
        Vote::Tied(tie) => Some(Box::new(tie)),
        _ => None,
    }
}

/// Whether figures of `measure` are given as `kind`: a count of people, a sum of money or a
/// price, a date, a time or a yes/no answer. A measure of the user's own ([`Measure::Other`])
/// names no kind.
fn given_in(measure: &Measure, kind: Kind) -> bool {
    match measure {
        Measure::Deaths
        | Measure::Injured
        | Measure::Hospitalized
        | Measure::Detained
        | Measure::TroopsDeployed => kind == Kind::Amount(Dimension::Count),
        Measure::Price => {
            matches!(kind, Kind::Amount(Dimension::Money(_) | Dimension::MoneyPerVolume(_)))
        }
        Measure::Damage => matches!(kind, Kind::Amount(Dimension::Money(_))),
        Measure::EventDate | Measure::EndDate => kind == Kind::Date,
        Measure::Hours | Measure::Status(_) | Measure::Category(_) => kind == Kind::Label,
        Measure::Other(_) => false,
    }
}

/// A figure as the epochs take it: the claim or derived bound it is (`Obs::figure`), its
/// value's key, and the figure as relations see it (its id, value, date, time, whether it
/// expects a change and voice), read through `Deref`.
struct Item<'a> {
    figure: usize,
    key: usize,
    /// Who gave it (a name index of the voices); `None` for a derived bound.
    source: Option<usize>,
    related: relate::Item<'a>,
}

impl<'a> std::ops::Deref for Item<'a> {
    type Target = relate::Item<'a>;

    fn deref(&self) -> &relate::Item<'a> {
        &self.related
    }
}

/// An epoch's key: its as-of date, and whether it holds the states that a later report of the
/// same day replaced (`false`, ordered first) or the rest of the day (`true`).
type EpochKey = (Option<NaiveDate>, bool);

/// A changing state has one epoch per as-of date (and one before it for the states a later
/// report that day replaced); running totals and fixed facts have one, at the latest date that
/// gives a figure (see [`epoch_date`]).
fn epochs_of<'i, 'a>(
    items: &'i [Item<'a>],
    (nature, measure): (Nature, &Measure),
    policy: &Policy,
) -> BTreeMap<EpochKey, Vec<&'i Item<'a>>> {
    let latest = latest_figure_date(items, measure);
    let mut by_day: BTreeMap<Option<NaiveDate>, Vec<&Item<'_>>> = BTreeMap::new();
    for it in items {
        by_day.entry(epoch_date(nature, latest, it.as_of)).or_default().push(it);
    }
    let mut by_epoch: BTreeMap<EpochKey, Vec<&Item<'_>>> = BTreeMap::new();
    if nature != Nature::ChangingState {
        by_epoch.extend(by_day.into_iter().map(|(day, members)| ((day, true), members)));
        return by_epoch;
    }
    let mut rest_of_days = Vec::with_capacity(by_day.len());
    for (day, members) in by_day {
        let facts = Day::of(&members);
        let (replaced, rest): (Vec<_>, Vec<_>) =
            members.into_iter().partition(|it| day.is_some() && facts.replaced(it));
        if !replaced.is_empty() {
            by_epoch.insert((day, false), replaced);
        }
        rest_of_days.push((day, rest));
    }
    for (day, rest) in join_loose_days(rest_of_days, |it| it.value, policy) {
        if !rest.is_empty() {
            by_epoch.insert((day, true), rest);
        }
    }
    by_epoch
}

/// A changing state's days, in date order, each with its members (their values read by
/// `value`), where a dated day whose figures only allow the windows of daily hours of the
/// dated day before it ([`estimate::only_allows_windows`]) is joined with that day, at its own
/// date: the earlier day's members first, so members stay in date order. One rule for claims
/// and for a table's rows.
fn join_loose_days<'v, M>(
    days: Vec<(Option<NaiveDate>, Vec<M>)>,
    value: impl Fn(&M) -> &'v Value,
    policy: &Policy,
) -> Vec<(Option<NaiveDate>, Vec<M>)> {
    let mut joined: Vec<(Option<NaiveDate>, Vec<M>)> = Vec::with_capacity(days.len());
    // The windows of the last day kept: a day joined to it adds none.
    let mut windows: Vec<&Value> = Vec::new();
    for (day, mut members) in days {
        // Only a dated day joins a dated day: an undated figure is of no day before.
        if let Some((at @ Some(_), before)) = joined.last_mut()
            && day.is_some()
            && estimate::only_allows_windows(members.iter().map(&value), &windows, policy)
        {
            before.append(&mut members);
            *at = day;
            continue;
        }
        windows = estimate::distinct_windows(members.iter().map(&value));
        joined.push((day, members));
    }
    joined
}

/// The as-of date of the epoch that a figure dated `as_of` belongs to, in a group of `nature`
/// whose latest date that gives a figure is `latest` ([`latest_figure_date`]): a changing
/// state is estimated per date, a running total or a fixed fact once, at the latest date.
/// One rule for claims and for a table's rows.
fn epoch_date(
    nature: Nature,
    latest: Option<NaiveDate>,
    as_of: Option<NaiveDate>,
) -> Option<NaiveDate> {
    if nature == Nature::ChangingState { as_of } else { latest }
}

/// Whether a figure dated `as_of` is current in an epoch dated `epoch` of a group of
/// `nature`: every figure is, but a running total's figure of an earlier date (or of an
/// earlier time of day on the epoch's date, `earlier_in_day`), which is a floor under the
/// total rather than a rival to it, and its undated figure beside dated ones, which is earlier
/// than all of them (the relations and findings read it so too): two voices' undated 190
/// beside three voices' 225 of the 8th and another's 210 of the 9th is a figure the total
/// rose past, not a cluster outweighing the floors, and a voice's undated 200 beside its 164
/// of the 11th is revised down by it. In an epoch of no date every figure is current. One rule
/// for claims and for a table's rows.
fn is_current(
    nature: Nature,
    as_of: Option<NaiveDate>,
    epoch: Option<NaiveDate>,
    earlier_in_day: bool,
) -> bool {
    nature != Nature::RunningTotal || (as_of == epoch && !earlier_in_day)
}

/// A voice's figures of one day, and since when it held that day's figure
/// ([`estimate::held_runs`]).
type HeldRun<'a> = (&'a [estimate::OnDay], Option<NaiveDate>);

/// A repeat is no news. Where every figure of a running total's epoch date repeats what its
/// voice gave on the latest earlier day that brought news (a figure its voice had not given
/// on its day before), the epoch reads as that day did: the figures of voices silent since,
/// that they gave that day and still hold, stand as current as the repeats, into `obs` (the
/// epoch's observations), and each standing figure and repeat is as recent as its voice's
/// report of that day, into `published` (the epoch's, or empty): later reporting breaks a tie
/// between clusters. A's 100 and B's 200 on the 9th, then A's 100 alone on the 10th, are the
/// 9th's tie, where A won on recency and B's 200 was set aside at agreement 0.00; where C's
/// 300 is new on the 10th, the 10th is read as it is. One rule for claims and for a table's
/// rows: numbers alone, the same figure the same interval (`intervals` hold those of `obs`).
/// `dated` is a list to work in. O(n log n).
fn stand_silent(
    (obs, intervals): (&mut [Obs], &[HeldInterval]),
    published: &mut [Option<NaiveDate>],
    nature: Nature,
    dated: &mut Vec<estimate::OnDay>,
) {
    // An undated current figure is news (it repeats nothing).
    if nature != Nature::RunningTotal
        || obs.iter().all(Obs::current)
        || obs.iter().any(|o| o.current() && o.as_of.is_none())
    {
        return;
    }
    let interval = |o: &Obs| o.numeric(intervals);
    dated.clear();
    dated.extend(
        obs.iter().enumerate().filter_map(|(p, o)| {
            o.as_of.filter(|_| interval(o).is_some()).map(|d| (o.voice(), d, p))
        }),
    );
    dated.sort_unstable();
    let same = |x: usize, y: usize| interval(&obs[x]) == interval(&obs[y]);
    let one = |run: &[estimate::OnDay]| run.iter().all(|&(.., x)| same(x, run[0].2));
    let runs: Vec<HeldRun<'_>> = estimate::held_runs(dated, one, same).collect();
    let current = |run: &[estimate::OnDay]| run.iter().any(|&(.., p)| obs[p].current());
    // The latest earlier day that brought news.
    let news = runs
        .iter()
        .filter(|&&(run, held)| !current(run) && held.is_none_or(|since| since == run[0].1))
        .map(|(run, _)| run[0].1)
        .max();
    let Some(news) = news else { return };
    // Per voice, its run of that day, where it still holds that day's figure: the repeats
    // (current) and the standing figures (of silent voices).
    let mut repeats: Vec<(&[estimate::OnDay], usize)> = Vec::new();
    let mut standing: Vec<(&[estimate::OnDay], usize)> = Vec::new();
    for voice in runs.chunk_by(|a, b| a.0[0].0 == b.0[0].0) {
        let Some(&(last, held)) = voice.last() else { continue };
        let that_day = voice.iter().find(|(run, _)| run[0].1 == news).map(|(run, _)| run[0].2);
        let holds = held.is_some_and(|since| since <= news);
        match (current(last), that_day.filter(|_| holds)) {
            (true, Some(p)) if last[0].1 > news => repeats.push((last, p)),
            (true, _) => return, // news on the epoch's date, or a repeat of an older day
            (false, Some(p)) => standing.push((last, p)),
            (false, None) => {}
        }
    }
    if standing.is_empty() {
        return;
    }
    for &(run, _) in &standing {
        for &(.., p) in run {
            obs[p].voice_current |= CURRENT;
        }
    }
    if !published.is_empty() {
        for (run, p) in repeats.into_iter().chain(standing) {
            for &(.., q) in run {
                published[q] = published[p];
            }
        }
    }
}

/// A source that gives a fixed fact anew corrects what it said before (DESIGN.md rule 2: each
/// voice speaks through its latest figure). Where a source's figure of a fixed fact shares a
/// number (or its label) with none of the figures the same source gave on its latest day, the
/// earlier figure is withdrawn ([`corrections`] says which, and which its voice gave through
/// other sources go with it): no longer current in `obs` (the epoch's observations), so it
/// supports no cluster, is no floor (`estimate::Numeric::of` holds it corrected) and costs its
/// voice nothing. A's "2 January" on the 5th, then A's "3 January" on the 6th, is A
/// saying 3 January, not A on both sides of a conflict. One rule for claims and for a table's
/// rows; `claims` and `lists` as [`corrections`] takes them. O(n log n).
fn withdraw_corrected(
    (obs, held, said): (&mut [Obs], HeldValues<'_>, Said<'_>),
    nature: Nature,
    claims: usize,
    lists: &mut Lists,
) -> Vec<Option<usize>> {
    if nature != Nature::FixedFact {
        return Vec::new();
    }
    corrections((obs, held, said), claims, lists);
    let by = &lists.by;
    let mut any = false;
    for (o, by) in obs.iter_mut().zip(by.iter()) {
        if by.is_some() {
            o.voice_current &= !CURRENT;
            any = true;
        }
    }
    if any { by.clone() } else { Vec::new() }
}

/// What observations hold, where they do not hold it in themselves: the intervals of numeric
/// figures that are not plain points, and the values of labels.
type HeldValues<'a> = (&'a [HeldInterval], &'a [Value]);

/// What a fixed fact's figure says, as [`corrections`] compares a source's figures: a number's
/// (or a date's) interval; a yes/no or a category by its value's key, each of its own kind
/// (a yes/no and a category cannot be compared: neither corrects the other); or anything
/// else a source may give (a set of names, a time of day or a window of hours, which a later
/// one may extend, narrow or only allow), which corrects nothing and is corrected by nothing,
/// but is of its source's day: an earlier label within a later set stands.
#[derive(Clone, Copy)]
enum Says {
    Number(Interval),
    YesNo(usize),
    Category(usize),
    Other,
}

impl Says {
    fn of(o: &Obs, (intervals, values): HeldValues<'_>) -> Option<Says> {
        if let Some(interval) = o.numeric(intervals) {
            return Some(Says::Number(interval));
        }
        match o.held() {
            Held::Label(v) => match values.get(v as usize)? {
                Value::YesNo(_) => Some(Says::YesNo(o.key())),
                Value::Category(_) => Some(Says::Category(o.key())),
                Value::Undisclosed => None,
                _ => Some(Says::Other),
            },
            _ => None,
        }
    }

    /// Whether the two say nothing in common: no number shared, or different labels of one
    /// kind.
    fn apart(self, other: Says) -> bool {
        match (self, other) {
            (Says::Number(a), Says::Number(b)) => !a.overlaps(&b),
            (Says::YesNo(a), Says::YesNo(b)) | (Says::Category(a), Says::Category(b)) => a != b,
            _ => false,
        }
    }
}

/// Who gave an epoch's figures and when within their day, per position, as [`corrections`]
/// reads them: their sources (`None` where each figure's source is its voice), and their times
/// of day (`None` where no figure gives one, as a table's rows do not).
#[derive(Clone, Copy, Default)]
pub(super) struct Said<'a> {
    pub sources: Option<&'a [u32]>,
    pub times: Option<&'a [Option<&'a AsOfTime>]>,
}

impl<'a> Said<'a> {
    /// The time of day figure `p` gives within its date, if any.
    fn time(&self, p: usize) -> Option<&'a AsOfTime> {
        self.times.and_then(|t| t.get(p).copied().flatten())
    }
}

/// A figure as [`corrections`] reads it: its voice, its source (who gave it: the speaker, else
/// the outlet, or a table's source), its date and its position.
type Given = (usize, usize, NaiveDate, usize);

/// The lists [`corrections`] works in, kept from one epoch to the next.
#[derive(Default)]
pub(super) struct Lists {
    /// Per position, the figure that corrected it (the result).
    by: Vec<Option<usize>>,
    /// The dated figures a voice gave, by voice, source, date and position.
    dated: Vec<Given>,
    /// A voice's withdrawn figures, as (key, the date of the correction, the correcting
    /// figure's position), by key and latest correction first.
    gone: Vec<(usize, NaiveDate, usize)>,
}

/// The one of `figures` whose time of day (`time`) starts latest, not running past midnight: a
/// figure whose time ends before it is earlier than another of the day. One rule for an
/// epoch's figures and for a source's figures of one day.
fn latest_start<'t, T>(
    figures: impl Iterator<Item = T>,
    time: impl Fn(&T) -> Option<&'t AsOfTime>,
) -> Option<T> {
    figures
        .filter(|f| time(f).is_some_and(|t| !t.stretch().crosses_midnight()))
        .max_by_key(|f| time(f).map(|t| t.stretch().start_key()))
}

/// Per observation of a fixed fact's epoch (`obs`), into `lists.by`: the figure of its
/// source's latest report that corrected it, where it shares a number with none of that
/// report's figures (the one whose time of day starts latest, known to come after every
/// earlier one; else its first by position), else `None`. A source's latest report is
/// its figures of its latest day, less those at a time of day before another of them starts
/// (`said.times`: "164" at 9 a.m., then "200" at 6 p.m., is a correction, as a running total's
/// later time of day is its later figure); figures of one day in no known order are one
/// report. A figure the latest one narrows ("early January", then "3 January") stands, and
/// so does one the source repeats in it. Numbers (and dates), whose intervals `held` holds,
/// and yes/no and category labels, whose values it holds, which a label corrects where it
/// differs from every one of the report's ("yes", then "no"); an undated figure corrects
/// nothing and is withdrawn by nothing, nor is a bound derived from a report's sub-counts (a
/// figure at or past `claims`), which no voice gave as the whole.
///
/// Only the same source corrects a figure (`said.sources`, per position; `None` where each
/// figure's source is its voice): a wire's figure relayed by one outlet, and another figure in
/// a later relay by another outlet, are no correction by the wire (the later outlet's slip, or
/// its own words, as likely). But where a source corrected a figure, the same figure its voice
/// gave through another source that has said nothing since (the wire's first report relayed
/// by a second outlet) is the same word withdrawn: F and G relay RIA's 200, and F relays
/// RIA's 300 later, is RIA saying 300. O(n log n).
fn corrections(
    (obs, held, said): (&[Obs], HeldValues<'_>, Said<'_>),
    claims: usize,
    Lists { by, dated, gone }: &mut Lists,
) {
    by.clear();
    by.resize(obs.len(), None);
    let says = |o: &Obs| Says::of(o, held);
    let source =
        |p: usize| said.sources.and_then(|s| s.get(p)).map_or(obs[p].voice(), |&s| s as usize);
    let time = |p: usize| said.time(p);
    dated.clear();
    dated.extend(obs.iter().enumerate().filter_map(|(p, o)| {
        let given = o.figure() < claims && says(o).is_some();
        o.as_of.filter(|_| given).map(|d| (o.voice(), source(p), d, p))
    }));
    dated.sort_unstable();
    let last_day = |figures| last_day(figures, said);
    let before = |q: usize, last: Option<&AsOfTime>| {
        time(q).zip(last).is_some_and(|(t, last)| t.is_before(last))
    };
    for voice in dated.chunk_by(|a, b| a.0 == b.0) {
        gone.clear();
        for figures in voice.chunk_by(|a, b| a.1 == b.1) {
            let (today, latest) = last_day(figures);
            let last = latest.and_then(|&(.., q)| time(q));
            let earlier = &figures[..figures.len() - today.len()];
            let now = || today.iter().filter(|&&(.., q)| !before(q, last));
            let earlier_today = today.iter().filter(|&&(.., q)| before(q, last));
            // The correction: the figure of the latest report known to come after every
            // earlier one, where a time of day says so, else its first.
            let Some(&(.., day, by_q)) = latest.or_else(|| now().next()) else { continue };
            for &(.., p) in earlier.iter().chain(earlier_today) {
                let Some(given) = says(&obs[p]) else { continue };
                let apart = |&(.., q): &Given| says(&obs[q]).is_some_and(|l| given.apart(l));
                if now().all(apart) {
                    by[p] = Some(by_q);
                    gone.push((obs[p].key(), day, by_q));
                }
            }
        }
        if gone.is_empty() {
            continue;
        }
        // The same figure through another source silent since a correction of it: its latest
        // report on an earlier day, or on that day at times before the correction's.
        // The latest correction first: by day, then by the time of day it starts.
        let start = |q: usize| time(q).map(|t| t.stretch().start_key());
        gone.sort_unstable_by_key(|&(key, day, q)| (key, std::cmp::Reverse((day, start(q))), q));
        for figures in voice.chunk_by(|a, b| a.1 == b.1) {
            let (today, _) = last_day(figures);
            let silent_since = |day: NaiveDate, q: usize| {
                today.iter().all(|&(.., on, r)| on < day || (on == day && before(r, time(q))))
            };
            for &(.., p) in figures {
                if by[p].is_some() {
                    continue;
                }
                let key = obs[p].key();
                let of_key = &gone[gone.partition_point(|&(k, ..)| k < key)..];
                let of_key = of_key.iter().take_while(|&&(k, ..)| k == key);
                by[p] = of_key.copied().find(|&(_, day, q)| silent_since(day, q)).map(|(.., q)| q);
            }
        }
    }
}

/// A source's figures (`figures`, sorted by date) of its latest day, and the one of them whose
/// time of day starts latest ([`latest_start`]; `said` gives the figures' times), if any.
fn last_day<'g>(figures: &'g [Given], said: Said<'_>) -> (&'g [Given], Option<&'g Given>) {
    let Some(&(.., latest, _)) = figures.last() else { return (figures, None) };
    let today = &figures[figures.partition_point(|&(.., day, _)| day < latest)..];
    (today, latest_start(today.iter(), |&&(.., q)| said.time(q)))
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
fn latest_figure_date(items: &[Item<'_>], measure: &Measure) -> Option<NaiveDate> {
    let values: Vec<&Value> = items.iter().map(|it| it.value).collect();
    let said = statements(items.iter());
    let main = kind_vote(&said, &said, Some(measure));
    latest_date_of(&values, &main, |i| items[i].as_of)
}

/// The values of `items` as the kind of an epoch (or of a group) is voted: each source's
/// statement once, so a claim its source repeats on the same date adds no vote (as a table's
/// reader keeps such a row once); each derived bound.
fn statements<'i, 'a: 'i>(items: impl Iterator<Item = &'i Item<'a>>) -> Vec<&'a Value> {
    let mut seen: HashSet<(usize, usize, Option<NaiveDate>), FixedState> = HashSet::default();
    items
        .filter(|it| it.source.is_none_or(|s| seen.insert((s, it.key, it.as_of))))
        .map(|it| it.related.value)
        .collect()
}

/// [`latest_figure_date`] of figures `values`, figure `i` dated `as_of(i)`, in a group whose
/// statements vote `main` ([`kind_vote`]). Only figures of the main kind, or of the kinds that
/// tie, count: a stray "2 trillion tenge" on the latest day must not turn every dollar figure
/// into an earlier one, nor a stray "yes" a tie of dollars and tenge.
fn latest_date_of(
    values: &[&Value],
    main: &Vote,
    as_of: impl Fn(usize) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    let counts = |v: &Value| match main {
        Vote::Won(k) => kind_of(v) == Some(*k),
        Vote::Tied(tie) => tie.holds(v),
        Vote::Empty => true,
    };
    (0..values.len())
        .filter(|&i| !matches!(values[i], Value::Undisclosed))
        .filter(|&i| counts(values[i]) || matches!(values[i], Value::Change(_)))
        .filter_map(&as_of)
        .max()
        .or_else(|| (0..values.len()).filter_map(&as_of).max())
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
/// depend only on the intervals, not on the weights. `id_key` gives an observation a key that
/// orders as its id does, which orders figures with the same low end; it is made once a figure,
/// not at each comparison of the sort (a table row's key is its line's, read from the column
/// store; a claim's compares places, reading an id only against a derived bound's). `lists` are
/// kept from one epoch to the next.
fn prepare<K: Ord>(
    view: &ObsView<'_>,
    epoch: &mut Epoch,
    policy: &Policy,
    id_key: impl Fn(&Obs) -> K,
    lists: &mut estimate::Preparing,
) -> Option<estimate::Numeric> {
    let obs = view.obs;
    let interval_of = |o: usize| match obs[o].held().view(view.values, view.intervals) {
        View::Numeric { interval, rep } => Some((interval, rep)),
        _ => None,
    };
    // The numeric figures with their low ends (as a key in the order of `f64::total_cmp`,
    // then whether excluded), their ids' keys and points, read once: by low end, then by id,
    // then as they came (as a stable sort by the first two would leave them).
    let mut numeric: Vec<((u64, bool), K, usize, f64)> = epoch
        .obs
        .clone()
        .filter_map(|o| {
            let (interval, rep) = interval_of(o)?;
            let low = interval.low();
            Some(((estimate::total_key(low.value), low.open), id_key(&obs[o]), o, rep))
        })
        .collect();
    numeric.sort_unstable_by(|(la, ka, a, _), (lb, kb, b, _)| {
        la.cmp(lb).then_with(|| ka.cmp(kb)).then(a.cmp(b))
    });
    // The spread of distinct figures (a voice repeating itself, or an echo, counts once).
    let mut seen: HashSet<(u32, u32), FixedState> =
        HashSet::with_capacity_and_hasher(numeric.len(), FixedState::default());
    let reps: Vec<f64> = numeric
        .iter()
        .filter(|&&(_, _, o, _)| seen.insert((index(obs[o].voice()), obs[o].key)))
        .map(|&(_, _, _, rep)| rep)
        .collect();
    epoch.spread = crh::spread(reps);
    let order: Vec<usize> = numeric.iter().map(|&(_, _, o, _)| o - epoch.obs.start).collect();
    let inputs = view.inputs(epoch);
    match epoch.kind {
        Some(Kind::Label) => {
            epoch.value_clusters = estimate::label_clusters(&inputs, &epoch.corrected, policy);
            epoch.labels = Some(Box::new(estimate::Labels::of(&epoch.value_clusters, &inputs)));
            None
        }
        Some(kind) => {
            // Figures given to the digit are one count when close, where they count or tally.
            let close = match kind {
                Kind::Amount(dimension) => policy.close_rule().of(dimension),
                _ => Close::EXACT,
            };
            epoch.close = close;
            epoch.clusters = estimate::numeric_clusters(&order, &inputs, close);
            // A fixed fact's figure that is not current was withdrawn: corrected by the figure
            // `withdraw_corrected` found.
            let corrected = (!epoch.corrected.is_empty()).then_some(&epoch.corrected[..]);
            Some(estimate::Numeric::of(&epoch.clusters, &inputs, (close, corrected), lists))
        }
        None => None,
    }
}

/// How many epochs [`prepare_all`] prepares at a time before it keeps what they need in the
/// [`estimate::NumericStore`]: enough to share between threads, few enough that the prepared
/// epochs waiting for the store are a small part of it.
const PREPARED_AT_A_TIME: usize = 1 << 10;

/// Whether work over `obs` observations is split between threads ([`PARALLEL_FROM`]): below
/// it, the epochs are prepared and estimated in the calling thread (each epoch reads only its
/// own observations).
fn in_parallel(obs: usize) -> bool {
    obs >= PARALLEL_FROM
}

/// [`prepare`]s every epoch, in parallel when `parallel` and there are enough observations
/// (each epoch reads only its own observations and writes only itself, so the result does not
/// depend on it), and keeps what the numeric epochs' rounds need in one store, epoch after
/// epoch. `id_keys` gives, for an epoch, the key of each of its observations, which orders as
/// the observation's id does.
fn prepare_all<B, K>(
    view: &ObsView<'_>,
    epochs: &mut [Epoch],
    policy: &Policy,
    id_keys: impl Fn(&Epoch) -> B + Sync,
    parallel: bool,
) -> estimate::NumericStore
where
    B: Fn(&Obs) -> K,
    K: Ord,
{
    let one = |lists: &mut estimate::Preparing, epoch: &mut Epoch| {
        let id_key = id_keys(epoch);
        prepare(view, epoch, policy, id_key, lists)
    };
    let mut store = estimate::NumericStore::default();
    let mut lists = estimate::Preparing::default();
    if !(parallel && in_parallel(view.obs.len())) {
        for epoch in epochs {
            store.push(one(&mut lists, epoch).as_ref());
        }
        store.shrink_to_fit();
        return store;
    }
    // In parallel, a batch at a time, a few epochs in each of the batch's small stores, which
    // the whole store then appends in order; the small stores keep their room for the next
    // batch.
    let mut parts: Vec<estimate::NumericStore> = Vec::new();
    parts.resize_with(PREPARED_AT_A_TIME.div_ceil(PREPARED_TOGETHER), Default::default);
    for batch in epochs.chunks_mut(PREPARED_AT_A_TIME) {
        parts.par_iter_mut().zip(batch.par_chunks_mut(PREPARED_TOGETHER)).for_each_init(
            estimate::Preparing::default,
            |lists, (kept, part)| {
                kept.clear();
                for epoch in part {
                    kept.push(one(lists, epoch).as_ref());
                }
            },
        );
        let used = batch.len().div_ceil(PREPARED_TOGETHER);
        for part in &parts[..used] {
            store.append(part);
        }
    }
    store.shrink_to_fit();
    store
}

/// How many epochs of a batch one thread prepares into a store of its own ([`prepare_all`]).
const PREPARED_TOGETHER: usize = 1 << 5;

/// A group's claims and the bounds derived for it, as the epochs take them.
fn items_of<'a, C: ClaimStore + ?Sized>(
    gi: usize,
    g: &GroupData,
    claims: &'a C,
    values: &'a Values<'a, C>,
    keys: &super::Keys,
    derived_by_group: &BTreeMap<usize, Vec<(usize, &'a Derived, usize)>>,
    voices: &Voices,
) -> Vec<Item<'a>> {
    let mut items: Vec<Item<'a>> = g
        .members
        .iter()
        .map(|&i| Item {
            figure: i,
            key: keys.of_claim[i],
            source: Some(voices.source_of_claim(i)),
            related: relate::Item::of_claim(claims, values, voices, i),
        })
        .collect();
    for &(i, d, key) in derived_by_group.get(&gi).into_iter().flatten() {
        let related = relate::Item::of_derived(d);
        items.push(Item { figure: claims.len() + i, key, source: None, related });
    }
    items
}

#[allow(clippy::too_many_arguments)] // one call site; the inputs are the pipeline's stages
pub(crate) fn run<C: ClaimStore + ?Sized>(
    claims: &C,
    values: &Values<'_, C>,
    mut keys: super::Keys,
    groups: &[GroupData],
    derived: &[Derived],
    voices: &Voices,
    policy: &Policy,
    (max_rounds, tolerance): (usize, f64),
) -> State {
    let mut obs: Vec<Obs> = Vec::with_capacity(claims.len() + derived.len());
    let mut published: Vec<Option<NaiveDate>> = Vec::with_capacity(obs.capacity());
    let mut epochs: Vec<Epoch> = Vec::new();
    let mut group_latest = vec![None; groups.len()];
    let mut claim_obs = vec![u32::MAX; claims.len()];
    // The derived bounds by group, each with its index and its value as a key, interned in the
    // order the groups meet them; then every key's place in text order, the estimator's keys
    // (see `inputs_of`): no key is interned after it.
    let mut derived_by_group: BTreeMap<usize, Vec<(usize, &Derived, usize)>> = BTreeMap::new();
    for (i, d) in derived.iter().enumerate() {
        derived_by_group.entry(d.group).or_default().push((i, d, 0));
    }
    for (_, d, key) in derived_by_group.values_mut().flatten() {
        *key = keys.intern(crh::value_key(&d.bound.value));
    }
    let key_order = keys.order();
    let derived_ids: Vec<ClaimId> = derived.iter().map(|d| d.bound.id.clone()).collect();
    let id_keys =
        |_: &Epoch| |o: &Obs| FigureKey { figure: o.figure(), claims, derived_ids: &derived_ids };
    let mut held_values: Vec<Value> = Vec::new();
    let mut intervals: Vec<HeldInterval> = Vec::new();
    let mut dated = Vec::new();
    let mut corrected = Lists::default();
    let (mut sources, mut times) = (Vec::new(), Vec::new());
    for (gi, g) in groups.iter().enumerate() {
        let items = items_of(gi, g, claims, values, &keys, &derived_by_group, voices);
        let nature = g.subject.behaviour();
        for ((as_of, rest_of_day), members) in
            epochs_of(&items, (nature, g.subject.measure()), policy)
        {
            let ei = epochs.len();
            // On a running total's latest date, a figure at a time of day known to be earlier
            // than another's is an earlier figure too.
            // A figure is earlier if it ends before some other figure of the day starts: before
            // the one that starts latest among those that do not run past midnight.
            let latest_time = latest_time(&members, as_of);
            let (mut epoch, gives) =
                epoch_of((gi, as_of, !rest_of_day), &members, (nature, g.subject.measure()));
            let kind = epoch.kind;
            epoch.obs = obs.len()..obs.len();
            sources.clear();
            times.clear();
            for it in members {
                // A derived bound has no source: no correction reads it.
                sources.push(it.source.map_or(u32::MAX, index));
                times.push(it.time);
                let current = it_is_current(it, (nature, as_of), latest_time);
                let claim = (it.figure < claims.len()).then_some(it.figure);
                if let Some(c) = claim {
                    claim_obs[c] = index(obs.len());
                }
                let held = hold_copy(it.value, kind, policy, &mut held_values, &mut intervals);
                obs.push(Obs::new(it.figure, it.voice, it.key, held, it.as_of, current));
                published.push(match claim {
                    Some(c) => claims.published(c),
                    None => derived.get(it.figure - claims.len()).and_then(|d| d.published),
                });
            }
            epoch.obs.end = obs.len();
            let (here, when) = (epoch.obs.clone(), &mut published[epoch.obs.clone()]);
            stand_silent((&mut obs[here.clone()], &intervals), when, nature, &mut dated);
            let any_time = times.iter().any(Option::is_some);
            let said = Said { sources: Some(&sources[..]), times: any_time.then_some(&times[..]) };
            let here = (&mut obs[here], (&intervals[..], &held_values[..]), said);
            epoch.corrected = withdraw_corrected(here, nature, claims.len(), &mut corrected);
            // The group's estimate comes from its latest epoch that has any figure.
            if gives || group_latest[gi].is_none() {
                group_latest[gi] = Some(ei);
            }
            epochs.push(epoch);
        }
    }
    // In the calling thread: what the epochs keep would be allocated in the pool threads' own
    // heaps, which do not reuse what reading the claims freed in this one (scale's 10^6 table:
    // a resident peak of 687 MiB against 598, for about 2 % of the time).
    let published = if published.iter().any(Option::is_some) { published } else { Vec::new() };
    let view = ObsView {
        obs: &obs,
        values: &held_values,
        intervals: &intervals,
        key_order: &key_order,
        published: &published,
    };
    let prepared = prepare_all(&view, &mut epochs, policy, id_keys, false);
    let mut state = State::start(
        Built {
            obs,
            prepared,
            published,
            values: held_values,
            intervals,
            derived_ids,
            keys: keys.texts,
            key_order,
            claims: claims.len(),
            claim_obs,
            epochs,
            group_latest,
        },
        voices.groups.len(),
    );
    state.iterate(policy, max_rounds, tolerance);
    state.publish(&Named { claims, voices });
    state
}

/// Numbers what each voice says once (`Obs::said`), so the rounds count a repeated statement
/// once with a flag per number, not a set of tuples; returns how many numbers. A statement
/// belongs to its epoch (see [`Statement`]), and an epoch's observations are consecutive:
/// numbering epoch by epoch with a small map gives the numbers one map over all observations,
/// keyed by epoch too, would, without a map of every statement.
fn number_statements(obs: &mut [Obs], epochs: &[Epoch]) -> usize {
    let mut statements = 0;
    let mut said: HashMap<(u32, Statement), u32, FixedState> = HashMap::default();
    for e in epochs {
        said.clear();
        for ob in &mut obs[e.obs.clone()] {
            let next = index(statements + said.len());
            ob.said = *said.entry((index(ob.voice()), ob.statement())).or_insert(next);
        }
        statements += said.len();
    }
    statements
}

/// What the estimator reads of the observations: the state's parts it takes them from.
struct ObsView<'a> {
    obs: &'a [Obs],
    values: &'a [Value],
    intervals: &'a [HeldInterval],
    /// Per key, its place in text order (from [`super::Keys::order`]).
    key_order: &'a [usize],
    /// Per observation, when its report was published; empty when none was (a table).
    published: &'a [Option<NaiveDate>],
}

impl<'a> ObsView<'a> {
    /// Epoch `e`'s observations as the estimator takes them, each value's key as its place
    /// in text order.
    fn inputs(&self, e: &Epoch) -> Vec<Input<'a>> {
        self.obs[e.obs.clone()]
            .iter()
            .zip(e.obs.clone())
            .map(|(ob, o)| Input {
                view: ob.held().view(self.values, self.intervals),
                voice: ob.voice(),
                current: ob.current(),
                key: self.key_order[ob.key()],
                published: self.published.get(o).copied().flatten(),
                as_of: ob.as_of,
            })
            .collect()
    }
}

/// A figure (see `Obs::figure`) as it orders by its id. Claims are in id order (see
/// `ClaimStore`), so two claims compare by index, without reading their ids.
struct FigureKey<'a, C: ?Sized> {
    figure: usize,
    claims: &'a C,
    derived_ids: &'a [ClaimId],
}

impl<C: ClaimStore + ?Sized> Ord for FigureKey<'_, C> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a, b) = (self.figure, other.figure);
        if a < self.claims.len() && b < self.claims.len() {
            return a.cmp(&b);
        }
        let id = |f| figure_id(self.claims, self.derived_ids, f);
        id(a).cmp(id(b))
    }
}

impl<C: ClaimStore + ?Sized> PartialOrd for FigureKey<'_, C> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<C: ClaimStore + ?Sized> PartialEq for FigureKey<'_, C> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl<C: ClaimStore + ?Sized> Eq for FigureKey<'_, C> {}

/// What a result names of the claims it points at: their ids, values and sources, made when
/// asked. `Reconciler`'s claims answer from their `Claim`s ([`Named`]); a table's column store
/// from its columns, making an id or a value only for the claims a finding or a reason names,
/// never one per row.
pub(crate) trait ClaimNames: Sync {
    /// How many claims: a figure below it is a claim, one at or above a derived bound.
    fn claims(&self) -> usize;
    /// Claim `c`'s id.
    fn id(&self, c: usize) -> ClaimId;
    /// A key claims order by as their ids do: `order_key(a) < order_key(b)` exactly when claim
    /// `a`'s id is before claim `b`'s.
    fn order_key(&self, c: usize) -> u64;
    /// Claim `c`'s value, as its source gave it.
    fn value(&self, c: usize) -> Value;
    /// Who gave claim `c`: its speaker, else its outlet.
    fn source(&self, c: usize) -> SourceId;
    /// Claim `c`'s source as a number: two claims' are equal exactly when their sources'
    /// names are equal in lower case (one source, see `source_key`).
    fn source_number(&self, c: usize) -> usize;
    /// The voice (independence group) claim `c` speaks for.
    fn voice(&self, c: usize) -> usize;
    /// The date claim `c`'s figure holds at, where known.
    fn as_of(&self, c: usize) -> Option<chrono::NaiveDate>;
    /// Per claim, in claim order: who gave it (its speaker, else its outlet) and the outlet
    /// that published it, as name indices of the voices ([`Voices::name`]).
    fn givers(&self) -> Givers;
    /// The wire claim `c`'s outlet relays it from, if any.
    fn via(&self, c: usize) -> Option<&SourceId>;
    /// What orders claim `c` among the givers of one statement (see `State::echoes`): its
    /// as-of date ([`ClaimNames::as_of`]), whether it is relayed ([`ClaimNames::via`]) and
    /// its [`ClaimNames::order_key`]; a store may read the three at once.
    fn first_giver_key(&self, c: usize) -> (Option<chrono::NaiveDate>, bool, u64) {
        (self.as_of(c), self.via(c).is_some(), self.order_key(c))
    }
}

/// One yes or no per item, a bit each: the reports' marks of every claim of a table (10^7
/// claims in 1.25 MB, where a `Vec<bool>` takes 10 MB).
pub(crate) struct Marks(Vec<u64>);

impl Marks {
    /// `n` marks, all no.
    pub(crate) fn new(n: usize) -> Self {
        Marks(vec![0; n.div_ceil(64)])
    }

    /// Mark `i`.
    pub(crate) fn get(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }

    /// Sets mark `i` to `yes`.
    pub(crate) fn set(&mut self, i: usize, yes: bool) {
        let bit = 1 << (i % 64);
        if yes {
            self.0[i / 64] |= bit;
        } else {
            self.0[i / 64] &= !bit;
        }
    }
}

/// Who gave each claim and who published it ([`ClaimNames::givers`]), in claim order, as name
/// indices of the voices.
pub(crate) struct Givers {
    /// Per claim, its speaker, else its outlet.
    pub sources: Vec<u32>,
    /// Per claim, its outlet; `None` when every claim's outlet is its giver, as a table's row
    /// is (so that a table of 10^7 rows holds one list, not two).
    pub outlets: Option<Vec<u32>>,
}

impl Givers {
    /// Per claim, its outlet.
    pub(crate) fn outlets(&self) -> &[u32] {
        self.outlets.as_deref().unwrap_or(&self.sources)
    }
}

/// A [`ClaimStore`]'s claims as a result names them, each source as `voices` names it.
pub(crate) struct Named<'a, C: ?Sized> {
    pub claims: &'a C,
    pub voices: &'a Voices,
}

impl<C: ClaimStore + ?Sized> ClaimNames for Named<'_, C> {
    fn claims(&self) -> usize {
        self.claims.len()
    }

    fn id(&self, c: usize) -> ClaimId {
        self.claims.id(c).clone()
    }

    fn order_key(&self, c: usize) -> u64 {
        // Claims are in id order (see `ClaimStore`).
        c as u64
    }

    fn value(&self, c: usize) -> Value {
        self.claims.value(c).clone()
    }

    fn source(&self, c: usize) -> SourceId {
        self.voices.name(self.voices.source_of_claim(c)).clone()
    }

    fn source_number(&self, c: usize) -> usize {
        // Every spelling of a source is its first in sort order (`Voices::build`).
        self.voices.source_of_claim(c)
    }

    fn voice(&self, c: usize) -> usize {
        self.voices.voice_of(c)
    }

    fn as_of(&self, c: usize) -> Option<chrono::NaiveDate> {
        self.claims.as_of(c)
    }

    fn givers(&self) -> Givers {
        let n = self.claims.len();
        let sources: Vec<u32> = (0..n).map(|c| index(self.voices.source_of_claim(c))).collect();
        let outlets: Vec<u32> = (0..n).map(|c| index(self.voices.outlet_of_claim(c))).collect();
        // Where no claim names a speaker, every outlet is its giver: one list.
        let outlets = (outlets != sources).then_some(outlets);
        Givers { sources, outlets }
    }

    fn via(&self, c: usize) -> Option<&SourceId> {
        self.claims.via(c)
    }
}

/// The id of a figure (see `Obs::figure`) as a result names it.
fn named_id(names: &impl ClaimNames, derived_ids: &[ClaimId], figure: usize) -> ClaimId {
    match figure.checked_sub(names.claims()) {
        None => names.id(figure),
        Some(d) => derived_ids[d].clone(),
    }
}

/// The id of an observation's figure (see `Obs::figure`): a claim's, or a derived bound's.
fn figure_id<'a, C: ClaimStore + ?Sized>(
    claims: &'a C,
    derived_ids: &'a [ClaimId],
    figure: usize,
) -> &'a ClaimId {
    match figure.checked_sub(claims.len()) {
        None => claims.id(figure),
        Some(d) => &derived_ids[d],
    }
}

#[cfg(test)]
mod tests {
    use super::{FigureKey, Held, Loss, Marks, Obs, POINT, View};
    use crate::value::{Endpoint, Interval};
    use crate::{Claim, ClaimId, Measure, Provenance, SourceId, Subject, Value};

    /// Figures order as their ids do: two claims by their places (claims are in id order, so
    /// their ids are not read), a derived bound against a claim or another bound by the ids,
    /// so a bound named between two claims' ids sorts between them, whatever its number.
    #[test]
    fn figures_order_as_their_ids_whatever_their_numbers() -> Result<(), crate::Error> {
        let claim = |id: &str| -> Result<Claim, crate::Error> {
            Ok(Claim::new(
                ClaimId::new(id)?,
                Subject::new(Measure::Deaths),
                Value::Undisclosed,
                Provenance::new(SourceId::new("a")?),
            ))
        };
        // Claims in id order; bound 2 ("derived-0") is named before bound 3 ("a-2").
        let claims = [claim("a-1")?, claim("b-1")?];
        let derived = [ClaimId::new("derived-0")?, ClaimId::new("a-2")?];
        let key = |figure| FigureKey { figure, claims: &claims[..], derived_ids: &derived };
        let mut figures = vec![0, 1, 2, 3];
        figures.sort_by(|&a, &b| key(a).cmp(&key(b)));
        // a-1, a-2 (bound 3), b-1, derived-0 (bound 2).
        assert_eq!(figures, [0, 3, 1, 2]);
        assert!(key(1) == key(1) && key(0) != key(1));
        Ok(())
    }

    fn bits(e: Endpoint) -> (u64, bool) {
        (e.value.to_bits(), e.open)
    }

    /// What `Held` keeps of a numeric figure gives back its interval and point bit for bit:
    /// open or closed ends, no high end, a point, a day number, a factor, infinities, -0. A
    /// closed point whose point is itself, bit for bit, is held inline; any other figure in
    /// the side table.
    #[test]
    fn a_held_interval_reads_back_exactly() {
        let end = |value: f64, open: bool| Endpoint { value, open };
        let day = f64::from(738_526); // 2022-01-05 as a day number
        let mut intervals = vec![
            Interval::point(164.0),
            Interval::point(day),
            Interval::point(0.0),
            Interval::point(-0.0),
            Interval::point(f64::INFINITY),
            Interval::point(f64::NAN),
            Interval::new(end(0.0, false), Some(end(-0.0, false))),
            Interval::new(end(7.0, true), Some(end(7.0, true))),
            Interval::closed(day, day + 2.0),
            Interval::closed(0.7, 1.5),
            Interval::at_least(1_000.0),
            Interval::more_than(1_300.0),
            Interval::more_than(1e15),
            Interval::new(end(-0.0, false), Some(end(0.0, true))),
            Interval::new(end(f64::NEG_INFINITY, true), Some(end(2_000.0, true))),
            Interval::new(end(5.0, false), Some(end(f64::INFINITY, false))),
            Interval::new(end(5.0, true), Some(end(f64::INFINITY, true))),
            Interval::new(end(f64::MIN_POSITIVE, false), Some(end(f64::MAX, true))),
        ];
        for low_open in [false, true] {
            for high in [None, Some(end(7.0, false)), Some(end(7.0, true))] {
                intervals.push(Interval::new(end(3.0, low_open), high));
            }
        }
        for i in intervals {
            let own = i.low().value;
            for rep in [0.0, -0.0, 1.25, f64::INFINITY, f64::NAN, own] {
                let mut table = Vec::new();
                let held = Held::numeric(i, rep, &mut table);
                let View::Numeric { interval, rep: back } = held.view(&[], &table) else {
                    panic!("a numeric view");
                };
                assert_eq!(bits(interval.low()), bits(i.low()), "{i:?}");
                assert_eq!(interval.high().map(bits), i.high().map(bits), "{i:?}");
                assert_eq!(back.to_bits(), rep.to_bits());
                let plain = i.high().is_some_and(|h| bits(h) == bits(i.low()))
                    && !i.low().open
                    && rep.to_bits() == own.to_bits();
                assert_eq!(matches!(held, Held::Point(_)), plain, "{i:?} {rep}");
                assert_eq!(table.len(), usize::from(!plain), "{i:?} {rep}");
            }
        }
    }

    /// An observation's value, voice and currency read back as they were given, whatever the
    /// voice becomes: a point bit for bit (NaN, -0 and the largest index included).
    #[test]
    fn an_observation_reads_back_its_value_voice_and_currency() {
        let held = [
            Held::Point(f64::NAN.to_le_bytes()),
            Held::Point((-0.0f64).to_le_bytes()),
            Held::Point(f64::from_bits(u64::MAX).to_le_bytes()),
            Held::Point(1.5f64.to_le_bytes()),
            Held::Interval(0),
            Held::Interval(u32::MAX),
            Held::Label(7),
            Held::Label(u32::MAX),
            Held::Skip(Some(0)),
            Held::Skip(Some(u32::MAX)),
            Held::Skip(None),
        ];
        let same = |a: Held, b: Held| match (a, b) {
            (Held::Point(x), Held::Point(y)) => x == y,
            (Held::Interval(x), Held::Interval(y)) | (Held::Label(x), Held::Label(y)) => x == y,
            (Held::Skip(x), Held::Skip(y)) => x == y,
            _ => false,
        };
        let top = (POINT - 1) as usize;
        for h in held {
            for (voice, current) in [(0, false), (top, true), (5, true), (top, false)] {
                let mut ob = Obs::new(3, voice, 4, h, None, current);
                assert!(same(ob.held(), h), "{h:?}");
                assert_eq!((ob.voice(), ob.current()), (voice, current));
                ob.set_voice(top - voice);
                assert!(same(ob.held(), h), "{h:?} after a new voice");
                assert_eq!((ob.voice(), ob.current()), (top - voice, current));
            }
        }
    }

    /// A mark reads back as set, across the words' edges, and setting one leaves the others.
    #[test]
    fn marks_read_back_as_set() {
        let n = 200;
        let mut marks = Marks::new(n);
        let yes = |i: usize| i % 3 == 0 || i == 63 || i == 64 || i == n - 1;
        for i in 0..n {
            marks.set(i, yes(i));
        }
        for i in 0..n {
            assert_eq!(marks.get(i), yes(i), "{i}");
        }
        marks.set(63, false);
        assert!(!marks.get(63) && marks.get(64) && !marks.get(62));
    }

    /// The scoring state holds one `Obs` per claim: its size is most of the state's.
    #[test]
    fn an_observation_stays_small() {
        let size = std::mem::size_of::<Obs>();
        assert!(size <= 28, "{size}");
    }

    /// A loss reads back bit for bit, a NaN loss as a NaN, and no loss as none.
    #[test]
    fn a_loss_reads_back() {
        for l in [0.0, -0.0, 0.5, 1.0, f64::MIN_POSITIVE, f64::INFINITY] {
            assert_eq!(Loss::new(Some(l)).get().map(f64::to_bits), Some(l.to_bits()));
        }
        for nan in [f64::NAN, -f64::NAN, f64::from_bits(Loss::NONE_BITS)] {
            assert!(Loss::new(Some(nan)).get().is_some_and(f64::is_nan));
        }
        assert_eq!(Loss::new(None).get(), None);
        assert_eq!(std::mem::size_of::<Loss>(), 8);
    }
}
