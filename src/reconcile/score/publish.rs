//! Publishing the results: each group's estimate and its reason, each claim's rank, the
//! regressions, and the per-source, per-outlet and per-voice reports.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use foldhash::fast::FixedState;

use chrono::NaiveDate;

use super::Standing;
use crate::crh;
use crate::id::{ClaimId, Score, SourceId};
use crate::reconcile::estimate::{self, Outcome, Position, Role, View};
use crate::reconcile::reason::{
    About, Counted, Described, EstimateReason, EstimateWhy, Figured, Jump, NamedPairs,
    RIVALS_NAMED, RankReason, RankWhy, Rivals,
};
use crate::reconcile::relate::{AsCount, DayRead, Read};
use crate::reconcile::voice::{CopiedAttribute, Voices};
use crate::reconcile::{
    AttributeVoice, Estimate, Figure, FindingKind, OutletReport, PartMember, Rank, SourceReport,
    VoiceReport,
};
use crate::unit::Unit;

use super::{ClaimNames, Epoch, GroupResult, Kind, Loss, Marks, State, Statement, index, named_id};

/// The key texts the ranks of one group name, by observation, each made once
/// ([`State::rank`]): a figure a regression falls below is named by every later figure below
/// it, on a table of running totals a few million times in all.
#[derive(Debug, Default)]
pub(crate) struct KeyTexts(HashMap<usize, Arc<str>, FixedState>);

/// A group's regressions as its one finding gives them (see [`State::regressions`]).
pub(crate) struct Regressions {
    /// The offending claims (or derived bounds), sorted.
    pub offenders: Vec<ClaimId>,
    /// The ids the finding points at: one offender then the figures it falls below, or,
    /// for several, every offender and figure fallen below, sorted.
    pub claims: Vec<ClaimId>,
    pub about: About,
    /// A running total that fell, or a lone jump held back ([`State::jump`]); a conflict for
    /// earlier figures above the estimate that were over-reports of their day.
    pub kind: FindingKind,
    /// Whether the offenders are earlier figures set aside above the estimate, beside the
    /// falls' finding or above the floor the estimate stands on ([`State::fell_to`]), which a
    /// conflict of their day may name instead.
    pub set_aside: bool,
}

fn score(x: f64) -> Option<Score> {
    Score::new(x.clamp(0.0, 1.0)).ok()
}

/// Share of checked statements consistent with the estimates.
fn agreement_of(t: &Tally) -> Option<Score> {
    (t.checked > 0).then(|| score(t.consistent as f64 / t.checked as f64)).flatten()
}

/// 1 minus the mean loss of the checked statements.
fn reliability_of(t: &Tally) -> Option<Score> {
    (t.checked > 0).then(|| score(1.0 - t.loss / t.checked as f64)).flatten()
}

/// The first claim giving a figure within a voice: as-of, relayed (a relay repeats what it
/// relays, so it comes after the original), id (as [`ClaimNames::order_key`] orders ids),
/// source.
type FirstGiver = (Option<NaiveDate>, bool, u64, u32);

/// What a report counts for one source, outlet or voice.
#[derive(Debug, Clone, Default)]
struct Tally {
    /// Claims made.
    claims: usize,
    /// Distinct statements checked against an estimate.
    checked: usize,
    /// Of those, the ones consistent with it.
    consistent: usize,
    /// The checked statements' losses, added in claim order.
    loss: f64,
    /// Claims that repeat what another source of the voice gave first.
    echoes: usize,
}

impl State {
    pub(super) fn publish(&mut self, names: &impl ClaimNames) {
        self.mark_supports();
        let mut results = vec![None; self.group_latest.len()];
        for (gi, latest) in self.group_latest.iter().enumerate() {
            let Some(ei) = *latest else { continue };
            results[gi] = Some(self.group_result(ei, names));
        }
        self.results = results;
    }

    /// Whether [`State::mark_supports`] has run.
    pub(crate) fn supports_marked(&self) -> bool {
        self.standing.len() == self.obs.len()
    }

    /// Which observations support their epoch's estimate, and which it holds wrong
    /// ([`Standing`]), computed once (ranks and relations ask per claim).
    pub(crate) fn mark_supports(&mut self) {
        let mut standing = vec![Standing::Neither; self.obs.len()];
        for (e, out) in self.epochs.iter().zip(&self.outcomes) {
            for (p, role) in out.roles.iter().enumerate() {
                if matches!(
                    role,
                    Role::Rival | Role::Above { .. } | Role::Regression { .. } | Role::Unconfirmed
                ) {
                    standing[e.at(p)] = Standing::HeldWrong;
                }
            }
            for p in out.supporting() {
                standing[e.at(p)] = Standing::Supports;
            }
        }
        self.standing = standing;
    }

    /// Whether observation `o` supports its epoch's estimate ([`State::mark_supports`]).
    fn supports(&self, o: usize) -> bool {
        self.standing[o] == Standing::Supports
    }

    /// Each claim's observation, for a state built without them (a table's,
    /// [`State::of_columns`](super::State::of_columns)): what [`State::rank`] and
    /// [`State::read_of`] and [`State::reports`] read per claim (4 bytes a claim). Made once.
    pub(crate) fn index_claims(&mut self) {
        if self.claim_obs.len() == self.claims {
            return;
        }
        let mut claim_obs = vec![u32::MAX; self.claims];
        for (o, ob) in self.obs.iter().enumerate() {
            if let Some(c) = self.claim_of(ob) {
                claim_obs[c] = super::index(o);
            }
        }
        self.claim_obs = claim_obs;
    }

    /// What observation `o` reads as in words without its day, as a key: its value as the
    /// state keys it (`Reconciler`: by its text, `crh::value_key`, after aliases, so "Alma-Ata"
    /// and "Almaty" are one; a table: the reader's key of the cell, a source's repeated text
    /// kept once) and its source as a number ([`ClaimNames::source_number`]: equal exactly
    /// when the names are equal in lower case; `usize::MAX` for a derived bound).
    fn shown_key(&self, o: usize, names: &impl ClaimNames) -> (usize, usize) {
        let ob = &self.obs[o];
        let source = self.claim_of(ob).map(|c| names.source_number(c));
        (ob.key(), source.unwrap_or(usize::MAX))
    }

    /// What observation `o` reads as in words with its day ([`State::shown_key`] and its
    /// as-of date): a voice's repeat of a figure on one day, from another document, reads the
    /// same, and a finding counts it once.
    fn dated_key(&self, o: usize, names: &impl ClaimNames) -> ((usize, usize), Option<NaiveDate>) {
        (self.shown_key(o, names), self.obs[o].as_of)
    }

    /// What claim `c` reads as in words with its day (see [`State::dated_key`]).
    pub(crate) fn claim_key(
        &self,
        c: usize,
        names: &impl ClaimNames,
    ) -> ((usize, usize), Option<NaiveDate>) {
        self.dated_key(self.claim_obs[c] as usize, names)
    }

    /// A figure with who gave it, and its day when `dated`: "164 (UNA-OIC)", "164 (UNA-OIC,
    /// 10 Jan 2022)", "2,300 (derived)" (see [`Described`]).
    fn describe_obs(&self, o: usize, names: &impl ClaimNames, dated: bool) -> Described {
        let ob = &self.obs[o];
        let figure = match self.claim_of(ob) {
            Some(c) => Figured::Claim(names.value(c), names.source(c)),
            None => Figured::Derived(self.keys[ob.key()].clone()),
        };
        Described { figure, as_of: ob.as_of, dated }
    }

    /// The public result of epoch `ei`, the latest of its group: its clusters, its estimate
    /// with the reason, and the ids supporting it.
    pub(crate) fn group_result(&self, ei: usize, names: &impl ClaimNames) -> GroupResult {
        let e = &self.epochs[ei];
        let out = &self.outcomes[ei];
        let figure = |p: usize| self.obs[e.at(p)].figure();
        let to_ids = |figures: Vec<usize>| -> Vec<ClaimId> { self.ids_in_order(figures, names) };
        let clusters: Vec<Vec<ClaimId>> = out
            .clusters
            .iter()
            .map(|c| to_ids(c.iter().map(|&p| figure(p.at())).collect()))
            .collect();
        let supporting = to_ids(out.supporting().map(figure).collect());
        let estimate = self.estimate_of(ei, supporting.clone(), supporting.len(), names);
        GroupResult { clusters, estimate, supporting }
    }

    /// The ids of `figures` (claims and derived bounds, see `Obs::figure`), sorted: claims
    /// in the names' order, without comparing their texts where the names need not; a
    /// derived bound by its id. A figure given twice is named once.
    fn ids_in_order(&self, mut figures: Vec<usize>, names: &impl ClaimNames) -> Vec<ClaimId> {
        let n = names.claims();
        if figures.iter().all(|&f| f < n) {
            figures.sort_by_cached_key(|&f| names.order_key(f));
        } else {
            figures.sort_by_cached_key(|&f| named_id(names, &self.derived_ids, f));
        }
        figures.dedup();
        figures.iter().map(|&f| named_id(names, &self.derived_ids, f)).collect()
    }

    /// Epoch `ei`'s estimate, naming `supporting` as the claims behind it, `count` of them
    /// (the reason counts them): one definition for a group's result and a table's variable
    /// reported without its claims ([`State::latest_estimate`]).
    fn estimate_of(
        &self,
        ei: usize,
        supporting: Vec<ClaimId>,
        count: usize,
        names: &impl ClaimNames,
    ) -> Option<Estimate> {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        Self::figure(e, out).map(|figure| {
            let reason = self.reason(ei, count, names);
            let (support, spread) = self.support_and_spread(ei);
            Estimate { as_of: e.as_of, figure, supporting, reason, support, spread }
        })
    }

    /// Group `gi`'s estimate (its latest epoch's) without naming the claims behind it
    /// (`supporting` empty; the reason still counts them): what a table's variable reports
    /// when its groups are not asked for, so that a table of millions of rows holds no id a
    /// row.
    pub fn latest_estimate(&self, gi: usize, names: &impl ClaimNames) -> Option<Estimate> {
        let ei = self.group_latest[gi]?;
        let count = self.outcomes[ei].supporting().count();
        self.estimate_of(ei, Vec::new(), count, names)
    }

    /// How much of epoch `ei`'s weight stands behind its estimate, and for a number the
    /// spread of what its figures say now. The figures that take part are those with a say on
    /// the estimate: a number epoch's current figures (chosen, rival, a regression), its
    /// floors and its earlier figures above it; not a figure its own voice revised or speaks
    /// past (`Role::Revised`, `Role::Aside`), nor one the estimate cannot weigh (undisclosed,
    /// of another kind). Each weighs its share of its voice's weight, split over the distinct
    /// values the voice gives among them ([`estimate::Shares`]); the support is the
    /// supporting statements' share of the total (a voice's value supports when any of its
    /// figures does; 0 when none does, as when undecided), the spread the weighted 25th and
    /// 75th percentiles of the representative points of those that are not floors (the lower
    /// point on a tie, [`crh::weighted_quantile`]): a running total's history, or a lower
    /// bound beneath the estimate, does not widen it. One definition for `Reconciler`'s
    /// groups and a table's variables.
    pub(crate) fn support_and_spread(&self, ei: usize) -> (f64, Option<(f64, f64)>) {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        // Whether the figure at position `p` takes part, and whether it says what is now.
        let say = |p: usize| {
            if let Some(role) = self.role_at(ei, p) {
                let now = matches!(
                    role,
                    Role::Chosen
                        | Role::Rival
                        | Role::Regression { .. }
                        | Role::Unconfirmed
                        | Role::Tied
                        | Role::Within
                );
                (now || matches!(role, Role::Floor | Role::Above { .. }), now)
            } else {
                let weighed = !matches!(self.view(e.at(p)), View::Skip(_));
                (weighed, weighed)
            }
        };
        // The statement of the figure at position `p`: its voice and its value's key.
        let statement = |p: usize| {
            let o = &self.obs[e.at(p)];
            (index(o.voice()), o.key())
        };
        let part: Vec<usize> = (0..e.obs.len()).filter(|&p| say(p).0).collect();
        // The statements among them, sorted once for the support and the spread.
        let mut shares = estimate::Shares::default();
        shares.sort(&part, statement);
        // A statement (a voice's value) supports when any of its figures does: a voice's
        // earlier floor and its current figure of one value are one statement, whose share
        // the first of them holds (`Shares`), whichever supports.
        let mut supports = vec![false; e.obs.len()];
        for p in out.supporting() {
            if let Some(s) = supports.get_mut(p) {
                *s = true;
            }
        }
        let backed = shares.backed(|i| supports[part[i]]);
        // Both sums add the shares in the order of `part` (an empty sum is -0.0, as `sum`'s).
        let (mut total, mut agree) = (-0.0, -0.0);
        for (w, backs) in shares.shares(|_| true, &self.weight).zip(backed) {
            total += w;
            if backs {
                agree += w;
            }
        }
        // None supporting is 0.
        let support = if agree > 0.0 && total > 0.0 { agree / total } else { 0.0 };
        let numeric = matches!(Self::figure(e, out), Some(Figure::Number { .. }));
        let spread = numeric.then(|| {
            // Weighed among the current figures alone: a voice's current figure is not
            // left without weight by an earlier figure of the same value.
            let now = |i: usize| say(part[i]).1;
            let current = part.iter().enumerate().filter(|&(i, _)| now(i)).map(|(_, &p)| p);
            let mut points: Vec<(f64, f64)> = current
                .zip(shares.shares(now, &self.weight))
                .filter_map(|(p, w)| match self.view(e.at(p)) {
                    View::Numeric { rep, .. } => Some((rep, w)),
                    _ => None,
                })
                .collect();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            let total: f64 = points.iter().map(|p| p.1).sum();
            let at = |q| crh::weighted_quantile(&points, q, total, |p| p.0, |p| p.1);
            at(0.25).zip(at(0.75))
        });
        (support, spread.flatten())
    }

    /// What epoch `e`'s outcome `out` estimates, as a [`Figure`]; `None` when it estimates
    /// nothing (or a date beyond the calendar). The one reading of an outcome, for
    /// `Reconciler`'s groups and the bulk path's variables alike.
    pub(super) fn figure(e: &Epoch, out: &Outcome) -> Option<Figure> {
        let number = |sp: estimate::Spread, unit: Option<Unit>| Figure::Number {
            low: sp.low,
            low_open: sp.low_open,
            best: sp.best,
            high: sp.high,
            high_open: sp.high_open,
            unit,
        };
        match (e.kind, out.numeric, &out.label) {
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
        }
    }

    /// The regressions of group `gi`'s latest epoch, one finding's worth for them all: the
    /// offending claims (or derived bounds), the ids the finding points at, and what it says.
    /// One regression lists every figure it falls below; several name the first
    /// [`RIVALS_NAMED`] (in date order) each with the highest figure it falls below, and
    /// count the rest, so a noisy table's group holds one sentence, not one per figure.
    ///
    /// The earlier figures set aside above the estimate are one more finding
    /// ([`State::fell_to`]), beside the regressions' if there are both, so that each figure
    /// the ranks deprecate is named in a finding.
    pub fn regressions(&self, gi: usize, names: &impl ClaimNames) -> Vec<Regressions> {
        let Some(ei) = self.group_latest[gi] else { return Vec::new() };
        let fell = self.fell(ei, names);
        let (fell_to, over) = self.fell_to(ei, names, fell.as_ref().map_or(&[], |f| &f.claims));
        fell.into_iter().chain(fell_to).chain(over).collect()
    }

    /// The regressions' finding of epoch `ei` ([`State::regressions`]); `None` without one.
    fn fell(&self, ei: usize, names: &impl ClaimNames) -> Option<Regressions> {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let id = |o: usize| named_id(names, &self.derived_ids, self.obs[o].figure());
        // In the order `mark_regressions` found them: by date, each with its list of the
        // figures it falls below (positions, highest first: see `Outcome::below`).
        let falls: Vec<(usize, u32)> = out
            .roles
            .iter()
            .enumerate()
            .filter_map(|(p, role)| match role {
                Role::Regression { below } => Some((p, below)),
                _ => None,
            })
            .collect();
        let below = |list: u32| out.below(list).map(|g| e.at(g));
        let figure = |o: usize| self.obs[o].figure();
        let offenders =
            self.ids_in_order(falls.iter().map(|&(p, _)| figure(e.at(p))).collect(), names);
        let describe = |o: usize| self.describe_obs(o, names, true);
        // A voice's repeat of a figure on one day (from another document) is one regression.
        let mut seen: HashSet<_, FixedState> = HashSet::default();
        let distinct: Vec<(usize, u32)> = falls
            .iter()
            .map(|&(p, list)| (e.at(p), list))
            .filter(|&(o, _)| seen.insert(self.dated_key(o, names)))
            .collect();
        let claims: Vec<ClaimId> = match falls.as_slice() {
            [] => return None,
            [(p, list)] => std::iter::once(e.at(*p)).chain(below(*list)).map(id).collect(),
            _ => {
                // Each position once before the names are sorted: the lists fallen below
                // overlap (every later figure under one high report names it).
                let mut marked = vec![false; e.obs.len()];
                for &(p, list) in &falls {
                    marked[p] = true;
                    out.below(list).for_each(|g| marked[g] = true);
                }
                let all = marked.iter().enumerate().filter(|&(_, &n)| n);
                self.ids_in_order(all.map(|(p, _)| figure(e.at(p))).collect(), names)
            }
        };
        let about = if let [(o, list)] = distinct.as_slice() {
            let listed = below(*list).map(describe).collect();
            About::Regression(Box::new((describe(*o), listed)))
        } else {
            let shown = distinct
                .iter()
                .filter_map(|&(o, list)| Some((describe(o), describe(below(list).next()?))))
                .take(RIVALS_NAMED)
                .collect();
            About::Regressions(Box::new(NamedPairs { named: shown, count: distinct.len() }))
        };
        Some(Regressions {
            offenders,
            claims,
            about,
            kind: FindingKind::Regression,
            set_aside: false,
        })
    }

    /// The finding of a running total whose latest figures fall below what other voices
    /// reported earlier while the estimate follows them (the earlier voices weigh less, or a
    /// tie is not theirs: [`estimate`]'s `wins_tie`): the fall is one side's error all the same, and
    /// a person should see it. `None` when no earlier figure lies above the estimate that
    /// the regressions' finding does not name already (`in_falls`, its claims). Where
    /// the latest figures split into clusters, the latest it names are the chosen cluster's,
    /// and the split is a finding of its own. Such earlier figures that were over-reports of
    /// their day (`Role::Above`'s `over`) no later figure falls below: they are a finding of
    /// their own, the second, which a conflict of their day may name instead.
    fn fell_to(
        &self,
        ei: usize,
        names: &impl ClaimNames,
        in_falls: &[ClaimId],
    ) -> (Option<Regressions>, Option<Regressions>) {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let at = |role: fn(&Role) -> bool| -> Vec<usize> {
            out.roles.iter().enumerate().filter(|(_, r)| role(r)).map(|(p, _)| e.at(p)).collect()
        };
        // Those the regressions' finding names already (a figure a fall falls below) need no
        // second finding.
        let mut listed: Vec<&ClaimId> = in_falls.iter().collect();
        listed.sort_unstable();
        let id = |o: usize| named_id(names, &self.derived_ids, self.obs[o].figure());
        let mut above = at(|r| matches!(r, Role::Above { .. }));
        above.retain(|&o| listed.binary_search(&&id(o)).is_err());
        if above.is_empty() {
            return (None, None);
        }
        let figure = |o: usize| self.obs[o].figure();
        // Each voice's figure once in the words, as a regression's are.
        let described = |obs: &[usize]| -> Vec<_> {
            let mut seen: HashSet<_, FixedState> = HashSet::default();
            obs.iter()
                .filter(|&&o| seen.insert(self.shown_key(o, names)))
                .take(RIVALS_NAMED)
                .map(|&o| self.describe_obs(o, names, true))
                .collect()
        };
        let over = |o: &usize| out.roles.get(o - e.obs.start) == Some(Role::Above { over: true });
        let (over, above): (Vec<usize>, Vec<usize>) = above.into_iter().partition(over);
        let over = (!over.is_empty()).then(|| {
            let ids = self.ids_in_order(over.iter().map(|&o| figure(o)).collect(), names);
            let about = About::OverReports(described(&over));
            let kind = FindingKind::Conflict;
            Regressions { offenders: ids.clone(), claims: ids, about, kind, set_aside: true }
        });
        if above.is_empty() {
            return (None, over);
        }
        // The latest figures that fall below a figure set aside above them: not a count one
        // with it (B's 210 beside three voices' 190 the day after C's 212 is one count with
        // the 212, and did not fall).
        let interval = |o: usize| match self.view(o) {
            View::Numeric { interval, .. } => Some(interval),
            _ => None,
        };
        let falls = |o: &usize| {
            interval(*o).is_some_and(|i| {
                above
                    .iter()
                    .filter_map(|&a| interval(a))
                    .any(|a| estimate::falls_below(&i, &a, e.close))
            })
        };
        let mut latest = at(|r| *r == Role::Chosen);
        if latest.iter().any(falls) {
            latest.retain(falls);
        }
        let about = if latest.is_empty() {
            About::AboveFloor(described(&above))
        } else {
            About::FellTo(Box::new((described(&latest), described(&above))))
        };
        let offenders = self.ids_in_order(above.iter().map(|&o| figure(o)).collect(), names);
        let all = latest.iter().chain(&above).map(|&o| figure(o)).collect();
        let claims = self.ids_in_order(all, names);
        // Alone, it names the fall the estimate follows, which no conflict says; beside the
        // falls' finding, or above a floor, a conflict of their day may name them instead.
        let set_aside = latest.is_empty() || !in_falls.is_empty();
        let kind = FindingKind::Regression;
        (Some(Regressions { offenders, claims, about, kind, set_aside }), over)
    }

    /// The finding of group `gi`'s lone jump held back ([`Role::Unconfirmed`]) in its latest
    /// epoch: the jump's figures, and the figure the estimate stands on instead. `None` when
    /// no jump is held. Beside its regressions' finding, if any ([`State::regressions`]).
    pub fn jump(&self, gi: usize, names: &impl ClaimNames) -> Option<Regressions> {
        self.jumped(self.group_latest[gi]?, names)
    }

    /// [`State::jump`] of epoch `ei`.
    fn jumped(&self, ei: usize, names: &impl ClaimNames) -> Option<Regressions> {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let jump = self.jump_of(ei, names)?;
        let level = e.at(out.held? as usize);
        let jumps: Vec<usize> = out
            .roles
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Role::Unconfirmed))
            .map(|(p, _)| self.obs[e.at(p)].figure())
            .collect();
        let offenders = self.ids_in_order(jumps.clone(), names);
        let all = jumps.into_iter().chain([self.obs[level].figure()]).collect();
        let claims = self.ids_in_order(all, names);
        let about = About::Jump(Box::new(jump));
        let kind = FindingKind::UnconfirmedJump;
        Some(Regressions { offenders, claims, about, kind, set_aside: false })
    }

    /// A lone jump held back in epoch `ei`, in words: its latest figure, the figure the
    /// estimate stands on, and how many times that the jump is. `None` when none is held.
    fn jump_of(&self, ei: usize, names: &impl ClaimNames) -> Option<Jump> {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let level = e.at(out.held? as usize);
        let jump = out
            .roles
            .iter()
            .enumerate()
            .filter(|&(p, r)| matches!(r, Role::Unconfirmed) && self.obs[e.at(p)].current())
            .map(|(p, _)| e.at(p))
            .next()?;
        let interval = |o: usize| match self.view(o) {
            View::Numeric { interval, .. } => Some(interval),
            _ => None,
        };
        // As the jump was measured: its low end against the most the figure beneath allows.
        let times = interval(jump)?.low().value / estimate::allows_at_most(&interval(level)?);
        let (jump, level) =
            (self.describe_obs(jump, names, true), self.describe_obs(level, names, true));
        Some(Jump { figure: jump, level, times })
    }

    /// Whether the figure at position `p` of epoch `ei`, of role `r`, is an earlier figure
    /// the estimate keeps as a floor beneath it: not a count kept as one count with the
    /// estimate's above its high (205 beside a high of 200 the counts reach: [`State::kept_above`]).
    fn floor_beneath(&self, ei: usize, p: usize, r: Role) -> bool {
        r == Role::Floor && !self.obs[self.epochs[ei].at(p)].current() && !self.above_high(ei, p)
    }

    /// Whether the figure at position `p` of epoch `ei`, of role `r`, is an earlier count the
    /// estimate keeps above its high, one count with the counts it stands on (205 beside a
    /// high of 200 the counts reach, `estimate::Kept::near_top`).
    fn kept_above(&self, ei: usize, p: usize, r: Role) -> bool {
        r == Role::Floor && !self.obs[self.epochs[ei].at(p)].current() && self.above_high(ei, p)
    }

    /// The voices of epoch `ei`'s consistent figures beside those `giving` its estimate:
    /// those whose figures of the latest date support it without naming an amount of it (a
    /// lower bound beside a count: they allow it, and give no voice), sorted; and how many
    /// others' earlier counts above its high are one count with it ([`State::kept_above`]:
    /// among the figures counted consistent, so among the voices counted too).
    fn voices_beside(&self, ei: usize, giving: &[usize]) -> (Vec<usize>, usize) {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let mut allowing: Vec<usize> = out
            .roles
            .iter()
            .enumerate()
            .filter(|&(p, r)| r.supports() && self.obs[e.at(p)].current())
            .map(|(p, _)| self.obs[e.at(p)].voice())
            .filter(|v| giving.binary_search(v).is_err())
            .collect();
        estimate::distinct(&mut allowing);
        let mut above: Vec<usize> = out
            .roles
            .iter()
            .enumerate()
            .filter(|&(p, r)| self.kept_above(ei, p, r))
            .map(|(p, _)| self.obs[e.at(p)].voice())
            .filter(|v| giving.binary_search(v).is_err() && allowing.binary_search(v).is_err())
            .collect();
        let one_count = estimate::distinct(&mut above).len();
        (allowing, one_count)
    }

    /// Whether the figure at position `p` of epoch `ei` lies above the estimate's high end.
    fn above_high(&self, ei: usize, p: usize) -> bool {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        match (self.view(e.at(p)), out.numeric.and_then(|s| s.high)) {
            (View::Numeric { interval, .. }, Some(h)) => interval.low().value > h,
            _ => false,
        }
    }

    /// Why the estimate of epoch `ei` is what it is, as data for its line of words.
    fn reason(&self, ei: usize, n_supporting: usize, names: &impl ClaimNames) -> EstimateReason {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let giving = self.giving_voices_of(ei);
        // Earlier figures beneath the estimate, and how many voices give them and not the
        // estimate: those allow it without saying it. Counted only for the words that name
        // them (a split, one cluster).
        let earlier = |&(p, r): &(usize, Role)| self.floor_beneath(ei, p, r);
        // (Nor those `also` names, sorted: voices the words count otherwise.)
        let beneath = |also: &[usize]| {
            let mut voices: Vec<usize> = out
                .roles
                .iter()
                .enumerate()
                .filter(earlier)
                .map(|(p, _)| self.obs[e.at(p)].voice())
                .filter(|v| giving.binary_search(v).is_err() && also.binary_search(v).is_err())
                .collect();
            estimate::distinct(&mut voices).len()
        };
        let why = if !out.undecided.is_empty() && e.tied.is_some() {
            EstimateWhy::KindsTie(out.undecided.len())
        } else if !out.undecided.is_empty() {
            EstimateWhy::Tie(out.undecided.len())
        } else if let Some(jump) = self.jump_of(ei, names) {
            EstimateWhy::Jump(Box::new(jump), giving.len())
        } else if out.floors_won() {
            self.floor_why(ei)
        } else if out.same_day {
            EstimateWhy::SameDay(e.as_of)
        } else if out.clusters.len() > 1 {
            let mut others = Rivals::default();
            let mut shown = 0;
            // A time inside two rival windows is in the chosen cluster as well (labels only:
            // numeric clusters part their figures): sorted once, to be looked up.
            let mut chosen: Vec<u32> = match out.numeric {
                None => out.clusters.get(out.chosen).unwrap_or_default().to_vec(),
                Some(_) => Vec::new(),
            };
            chosen.sort_unstable();
            for (_, c) in out.clusters.iter().enumerate().filter(|(i, _)| *i != out.chosen) {
                // Each figure of a source once in a cluster: a repeat (in any spelling, on any
                // day: the words name no day) adds none. The first few are named, the rest
                // counted.
                let mut seen: HashSet<(usize, usize), FixedState> = HashSet::default();
                let mut cluster = Vec::new();
                // (A range that allows the estimate too is no side it went over, nor a time
                // in the chosen cluster as well.)
                let over = c.iter().filter(|&&p| !self.allows(e.at(p as usize), out, p as usize));
                let over = over.filter(|p| chosen.binary_search(p).is_err());
                for &p in over {
                    let o = e.at(p);
                    if seen.insert(self.shown_key(o, names)) {
                        if shown < RIVALS_NAMED {
                            cluster.push(self.describe_obs(o, names, false));
                            shown += 1;
                        } else {
                            others.more += 1;
                        }
                    }
                }
                if !cluster.is_empty() {
                    others.named.push(cluster);
                }
            }
            EstimateWhy::Split {
                tied: !out.tied.is_empty(),
                // A tie's best is its lowest figure, or the earlier count the lowest side
                // reaches (`estimate::best_at`), above every figure of that side.
                reached: !out.tied.is_empty()
                    && out.numeric.is_some_and(|n| {
                        let side = out.clusters.get(out.chosen).unwrap_or_default();
                        side.iter().all(|&p| match self.view(e.at(p as usize)) {
                            View::Numeric { interval, .. } => {
                                n.best > estimate::allows_at_most(&interval)
                            }
                            _ => false,
                        })
                    }),
                basis: out.told(),
                clusters: out.clusters.len(),
                voices: giving.len(),
                floor_voices: beneath(&[]),
                others: others.into(),
            }
        } else {
            let floors = out.roles.iter().enumerate().any(|pr| earlier(&pr));
            let set_aside =
                out.roles.iter().any(|r| matches!(r, Role::Regression { .. } | Role::Above { .. }));
            let count = match n_supporting {
                1 => Counted::One,
                n if set_aside => Counted::Supporting(n),
                2 => Counted::Both,
                n => Counted::All(n),
            };
            // Counts given to the digit that differ are one count only by `Policy::close`.
            let chosen = out.clusters.get(out.chosen).unwrap_or_default();
            let counts =
                estimate::holds_counts(chosen.iter().map(|&p| self.view(e.at(p as usize))));
            let (allowing, one_count) = self.voices_beside(ei, &giving);
            EstimateWhy::Consistent {
                count,
                voices: (giving.len(), allowing.len(), one_count),
                floors,
                close: if counts { e.close.permille() } else { 0 },
                floor_voices: beneath(&allowing),
                regressions: out
                    .roles
                    .iter()
                    .filter(|r| matches!(r, Role::Regression { .. }))
                    .count(),
                above: out.roles.iter().filter(|r| matches!(r, Role::Above { .. })).count(),
            }
        };
        why.into()
    }

    /// Whether group `gi`'s latest epoch is a yes/no state given both ways on one day, in an
    /// order the reports do not give.
    pub fn changed_same_day(&self, gi: usize) -> bool {
        self.group_latest[gi].is_some_and(|ei| self.outcomes[ei].same_day)
    }

    /// The role of the figure at position `p` of epoch `ei`: a fixed fact's label its voice
    /// withdrew is [`Role::Revised`], as a number is (a label epoch's outcome holds no roles;
    /// the epoch holds its corrections, [`Epoch::corrected`]).
    fn role_at(&self, ei: usize, p: usize) -> Option<Role> {
        let revised = || self.epochs[ei].corrected_by(p).map(|by| Role::Revised { by: index(by) });
        self.outcomes[ei].roles.get(p).or_else(revised)
    }

    /// How the estimates read claim `c`'s figure (see [`Read`]): as `rank_why` and the scores
    /// do, a figure of a same-day change or of a tie is not held wrong.
    pub fn read_of(&self, c: usize) -> Read {
        let o = self.claim_obs[c] as usize;
        let ei = self.epoch_of(o);
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        Read {
            stands: self.supports(o) || out.same_day || !out.undecided.is_empty(),
            day: if !out.undecided.is_empty() {
                DayRead::Undecided
            } else if out.same_day {
                DayRead::Changed
            } else {
                DayRead::Voted
            },
            fell: matches!(out.roles.get(o - e.obs.start), Some(Role::Regression { .. })),
            revised: matches!(self.role_at(ei, o - e.obs.start), Some(Role::Revised { .. })),
            corrector: e
                .corrected_by(o - e.obs.start)
                .and_then(|q| self.claim_of(&self.obs[e.at(q)]))
                .map(index),
            counts: (e.close.share() > 0.0).then(|| AsCount {
                close: e.close,
                current: self.obs[o].current(),
                supports: self.supports(o),
                wrong: self.standing[o] == Standing::HeldWrong,
                side: match out.roles.get(o - e.obs.start) {
                    Some(Role::Chosen) if !out.tied.is_empty() => Some(0),
                    Some(Role::Tied) if out.tied.len() == 1 => Some(1),
                    _ => None,
                },
            }),
            epoch: Some(index(ei)),
        }
    }

    /// The public result of group `gi`'s latest epoch, made anew (see
    /// [`State::take_group_result`] for `Reconciler`'s, made once).
    pub fn latest_result(&self, gi: usize, names: &impl ClaimNames) -> Option<GroupResult> {
        self.group_latest[gi].map(|ei| self.group_result(ei, names))
    }

    /// The public result of group `gi` (its latest epoch), given once: the group takes it,
    /// so its claim ids are not held twice while the groups are finished.
    pub fn take_group_result(&mut self, gi: usize) -> Option<GroupResult> {
        self.results.get_mut(gi).and_then(Option::take)
    }

    /// The voices that give group `gi`'s estimate ([`Outcome::giving`]): what the summary
    /// and the single-voice finding count, where a running total's earlier figures beneath
    /// the estimate allow it without saying it. Sorted, each voice once.
    pub fn giving_voices(&self, gi: usize) -> Vec<usize> {
        self.group_latest[gi].map_or_else(Vec::new, |ei| self.giving_voices_of(ei))
    }

    /// The voices that give epoch `ei`'s estimate, sorted, each once: one definition for a
    /// group's findings and summary ([`State::giving_voices`]) and its estimate's words.
    fn giving_voices_of(&self, ei: usize) -> Vec<usize> {
        let mut voices: Vec<usize> = self.giving_of(ei).map(|o| self.obs[o].voice()).collect();
        voices.sort_unstable();
        voices.dedup();
        voices
    }

    /// Where the floors won in epoch `ei` ([`Outcome::floors_won`]), the reason: how many voices, none of
    /// the latest date, gave an earlier figure the estimate keeps (not set aside above it)
    /// that every figure of the latest date falls below ([`estimate::falls_below`]): another
    /// voice's floor beneath, as an earlier 164 beside a later 164 and 225, is no figure they
    /// fall below. Where there are none, those some figure of the latest date falls below,
    /// with `false`.
    fn floor_why(&self, ei: usize) -> EstimateWhy {
        let e = &self.epochs[ei];
        let interval = |o: usize| match self.view(o) {
            View::Numeric { interval, .. } => Some(interval),
            _ => None,
        };
        // The current figures, with whether each is dated: "every figure of the latest date"
        // speaks of the dated ones (an undated figure is of no date), "a latest figure" of any.
        let current: Vec<(crate::value::Interval, bool)> = e
            .obs
            .clone()
            .filter(|&o| self.obs[o].current())
            .filter_map(|o| interval(o).map(|i| (i, self.of_latest_date(o))))
            .collect();
        let dated = current.iter().any(|&(_, d)| d);
        let count = |every: bool| {
            let at_or_above = |&o: &usize| {
                let falls = |i: &crate::value::Interval| {
                    let mut below = current
                        .iter()
                        .filter(|&&(_, d)| d || !every)
                        .map(|(c, _)| estimate::falls_below(c, i, e.close));
                    if every { dated && below.all(|b| b) } else { below.any(|b| b) }
                };
                interval(o).is_some_and(|i| falls(&i))
            };
            self.voices_kept_earlier(ei, at_or_above)
        };
        // Where the floors outweigh the latest figures, some of those may allow the floor or
        // be one count with it (A's 190 and 210 the day after C's 225): the floors are then
        // those some latest figure falls below.
        match count(true) {
            0 => EstimateWhy::Floor(count(false), false),
            n => EstimateWhy::Floor(n, true),
        }
    }

    /// Whether observation `o` is a dated current figure (of its epoch's date, or a silent
    /// voice's standing one): not an undated one, which is current too but of no date, so no
    /// voice's later word on its earlier figures
    /// ([`State::voices_kept_earlier`]). A's undated "more than 100" beside its "more than
    /// 200" of the 8th left A out of the voices whose floor E's 190 of the 10th fell below: "0
    /// independent voices". (An undated figure may still be one that falls.)
    fn of_latest_date(&self, o: usize) -> bool {
        self.obs[o].current() && self.obs[o].as_of.is_some()
    }

    /// The voices, none of the latest date (their earlier figures are their own history),
    /// of epoch `ei`'s earlier figures the estimate keeps that `at_or_above` holds (a figure
    /// set aside above the estimate gives it no weight).
    fn voices_kept_earlier(&self, ei: usize, at_or_above: impl Fn(&usize) -> bool) -> usize {
        let e = &self.epochs[ei];
        let mut latest: Vec<usize> = e
            .obs
            .clone()
            .filter(|&o| self.of_latest_date(o))
            .map(|o| self.obs[o].voice())
            .collect();
        latest.sort_unstable();
        let kept =
            |o: usize| self.outcomes[ei].roles.get(o - e.obs.start).is_some_and(Role::supports);
        let earlier = e.obs.clone().filter(|&o| !self.obs[o].current() && kept(o));
        let mut voices: Vec<usize> = earlier
            .filter(at_or_above)
            .map(|o| self.obs[o].voice())
            .filter(|v| latest.binary_search(v).is_err())
            .collect();
        voices.sort_unstable();
        voices.dedup();
        voices.len()
    }

    /// The observations that give epoch `ei`'s estimate ([`Outcome::giving`]).
    fn giving_of(&self, ei: usize) -> impl Iterator<Item = usize> + '_ {
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let stated = |p: usize| match self.view(e.at(p)) {
            View::Numeric { interval, .. } => Some(interval),
            _ => None,
        };
        out.giving(stated).map(|p| e.at(p))
    }

    /// The ids of the claims and derived bounds of voice `v` among those supporting group
    /// `gi`'s estimate, sorted as its supporting claims are: what a single-voice finding
    /// names (the voice's earlier figures beneath it too, not another voice's).
    pub fn supporting_ids_of(&self, gi: usize, v: usize, names: &impl ClaimNames) -> Vec<ClaimId> {
        let Some(ei) = self.group_latest[gi] else { return Vec::new() };
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let of_voice = out.supporting().map(|p| &self.obs[e.at(p)]).filter(|o| o.voice() == v);
        self.ids_in_order(of_voice.map(super::Obs::figure).collect(), names)
    }

    /// The ids of the current figures of group `gi`'s latest epoch in a cluster the estimate
    /// did not choose ([`Role::Rival`]), sorted: where the floors won, those no regression
    /// names are a conflict with the floor ([`crate::reconcile::findings`]).
    pub fn rival_ids(&self, gi: usize, names: &impl ClaimNames) -> Vec<ClaimId> {
        self.latest_ids(gi, names, |out, _| {
            let rivals = out.roles.iter().enumerate().filter(|&(_, r)| r == Role::Rival);
            rivals.map(|(p, _)| p).collect()
        })
    }

    /// The ids of the figures group `gi`'s latest estimate stands on where the floors won:
    /// those at or above the floor that support it, sorted (what the rivals of
    /// [`State::rival_ids`] conflict with).
    pub fn floor_ids(&self, gi: usize, names: &impl ClaimNames) -> Vec<ClaimId> {
        self.latest_ids(gi, names, |out, e| {
            let Some(floor) = out.numeric.map(|n| n.low) else { return Vec::new() };
            let at_floor = |p: &usize| match self.view(e.at(*p)) {
                View::Numeric { interval, .. } => interval.low().value >= floor,
                _ => false,
            };
            out.supporting().filter(at_floor).collect()
        })
    }

    /// The ids of the claims (and derived bounds) that support group `gi`'s estimate, sorted:
    /// what `Estimate::supporting` lists where whole groups are asked for, found without them.
    pub fn supporting_ids(&self, gi: usize, names: &impl ClaimNames) -> Vec<ClaimId> {
        self.latest_ids(gi, names, |out, _| out.supporting().collect())
    }

    /// The ids, sorted, of the figures at the positions `pick` gives in group `gi`'s latest
    /// epoch (from its outcome); none without one.
    fn latest_ids(
        &self,
        gi: usize,
        names: &impl ClaimNames,
        pick: impl Fn(&Outcome, &Epoch) -> Vec<usize>,
    ) -> Vec<ClaimId> {
        let Some(ei) = self.group_latest[gi] else { return Vec::new() };
        let (e, out) = (&self.epochs[ei], &self.outcomes[ei]);
        let figures = pick(out, e).into_iter().map(|p| self.obs[e.at(p)].figure()).collect();
        let mut ids = self.ids_in_order(figures, names);
        ids.sort_unstable();
        ids
    }

    /// Per group, the indices of its claims (of `n_claims`), in claim order: O(n log e) for e
    /// epochs.
    pub fn claims_by_group(&self, n_claims: usize) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.group_latest.len()];
        for c in 0..n_claims {
            out[self.epochs[self.epoch_of(self.claim_obs[c] as usize)].group].push(c);
        }
        out
    }

    /// A claim's rank and the reason, as data. `texts` keeps the key texts the reasons name
    /// ([`KeyTexts`]), shared by the ranks of one group.
    pub fn rank(
        &self,
        claim: usize,
        names: &impl ClaimNames,
        texts: &mut KeyTexts,
    ) -> (Rank, RankReason) {
        let (rank, why) = self.rank_why(self.claim_obs[claim] as usize, names, texts);
        (rank, why.into())
    }

    /// The text a figure's value is keyed by (as [`crh::value_key`](crate::crh::value_key)
    /// writes it): a claim's from its value, which `names` gives; a derived bound's as held.
    /// Made once a figure in `texts`, and shared by every reason that names it.
    fn key_text(&self, o: usize, names: &impl ClaimNames, texts: &mut KeyTexts) -> Arc<str> {
        let made = texts.0.entry(o).or_insert_with(|| {
            match self.claim_of(&self.obs[o]) {
                Some(c) => crate::crh::value_key(&names.value(c)),
                None => self.keys[self.obs[o].key()].clone(),
            }
            .into()
        });
        Arc::clone(made)
    }

    /// Whether observation `o`, at position `p` of its epoch, whose outcome is `out`, is a range
    /// of another cluster that allows the estimate's figures ([`Role::Within`] and bounded; an
    /// unbounded one is a lower bound beside counts it splits): no rival.
    fn allows(&self, o: usize, out: &Outcome, p: usize) -> bool {
        out.roles.get(p) == Some(Role::Within)
            && matches!(self.view(o), View::Numeric { interval, .. } if interval.high().is_some())
    }

    /// Observation `o`'s rank and why.
    fn rank_why(&self, o: usize, names: &impl ClaimNames, texts: &mut KeyTexts) -> (Rank, RankWhy) {
        self.rank_in(o, self.epoch_of(o), names, texts)
    }

    /// Observation `o`'s rank and why, `o` of epoch `ei`.
    fn rank_in(
        &self,
        o: usize,
        ei: usize,
        names: &impl ClaimNames,
        texts: &mut KeyTexts,
    ) -> (Rank, RankWhy) {
        let ob = &self.obs[o];
        let e = &self.epochs[ei];
        if let View::Skip(why) = self.view(o) {
            return match why {
                None => (Rank::Normal, RankWhy::Undisclosed),
                // Kinds as many statements give decide nothing (`kind_vote`): none is wrong.
                Some(v) if e.tied.as_ref().is_some_and(|t| t.holds(v)) => {
                    (Rank::Normal, RankWhy::KindsTie(Box::new(v.clone())))
                }
                Some(v) => (Rank::Deprecated, RankWhy::CannotCompare(Box::new(v.clone()))),
            };
        }
        let out = &self.outcomes[ei];
        // An earlier part of a day whose later part the estimates give the same state: what
        // it said held through the day (a "not yet" that no report the estimates keep
        // replaced), and it ranks with the later part.
        let rest = Some(ei + 1).filter(|&r| {
            e.earlier_that_day
                && self.epochs.get(r).is_some_and(|n| n.group == e.group && n.as_of == e.as_of)
        });
        let held = rest.is_some_and(|r| out.label.is_some() && self.outcomes[r].label == out.label);
        let latest =
            self.group_latest[e.group] == Some(ei) || (held && self.group_latest[e.group] == rest);
        let role = self.role_at(ei, o - e.obs.start);
        let mut figure = |p: usize| (self.key_text(e.at(p), names, texts), self.obs[e.at(p)].as_of);
        match role {
            Some(Role::Revised { by }) => {
                let (key, as_of) = figure(by as usize);
                let why = if e.nature == crate::subject::Nature::FixedFact {
                    RankWhy::Corrected(key, as_of)
                } else {
                    RankWhy::RevisedDown(key, as_of)
                };
                return (Rank::Normal, why);
            }
            Some(Role::Above { over: false }) => {
                return (Rank::Deprecated, RankWhy::Above(ob.as_of));
            }
            Some(Role::Above { over: true }) => {
                return (Rank::Deprecated, RankWhy::OverReportAbove(ob.as_of));
            }
            Some(Role::Regression { below }) => {
                let below = out.below(below).map(figure).collect();
                return (Rank::Deprecated, RankWhy::Regression(below));
            }
            Some(Role::Aside) => return (Rank::Normal, RankWhy::Aside),
            Some(Role::OverReport) => return (Rank::Normal, RankWhy::OverReport(ob.as_of)),
            Some(Role::Within) => {
                let allows = self.allows(o, out, o - e.obs.start);
                return (Rank::Normal, if allows { RankWhy::Allows } else { RankWhy::Within });
            }
            _ if out.in_a_tie(o - e.obs.start) => return (Rank::Normal, RankWhy::Tied),
            // Beneath a tie, an earlier figure is beneath both sides: superseded, as beneath
            // an estimate it would be, though a tie stands on no figure.
            Some(Role::Floor) if !out.tied.is_empty() => {
                let why = if ob.current() {
                    RankWhy::Tied
                } else {
                    RankWhy::Superseded(ob.as_of, e.as_of)
                };
                return (Rank::Normal, why);
            }
            // A jump is held with the figure the estimate stands on instead (`Outcome::held`).
            Some(Role::Unconfirmed) if out.held.is_some() => {
                let (key, as_of) = figure(out.held.map_or(0, |level| level as usize));
                return (Rank::Normal, RankWhy::Unconfirmed(key, as_of));
            }
            _ => {}
        }
        // Where the floors won (a lone jump held back among them), the figures the estimate
        // stands on, "at least" their low end, are the estimate: not superseded.
        let stands_on = |spread: estimate::Spread| match self.view(o) {
            View::Numeric { interval, .. } => {
                let low = interval.low();
                (low.value, low.open) == (spread.low, spread.low_open)
            }
            _ => false,
        };
        if self.supports(o) && out.floors_won() && out.numeric.is_some_and(stands_on) {
            return (Rank::Preferred, RankWhy::Supports);
        }
        if !out.undecided.is_empty() {
            return (Rank::Normal, RankWhy::Tied);
        }
        if out.same_day && !self.supports(o) {
            return (Rank::Normal, RankWhy::OtherWaySameDay(e.as_of));
        }
        match (self.supports(o), ob.current(), latest) {
            (true, true, false) if e.earlier_that_day && !held => {
                (Rank::Normal, RankWhy::EarlierThatDay(e.as_of))
            }
            (true, true, true) => (Rank::Preferred, RankWhy::Supports),
            (true, false, _) => (Rank::Normal, RankWhy::Superseded(ob.as_of, e.as_of)),
            (true, true, false) => (Rank::Normal, RankWhy::EarlierState(e.as_of)),
            (false, _, _) => (Rank::Deprecated, RankWhy::Conflicts),
        }
    }

    /// Claims, checked statements, consistent ones, losses and echoes per key (a source, an
    /// outlet or a voice, below `n_keys`): a statement its key repeats (or is quoted giving
    /// twice) counts once, at its first claim in its epoch ([`State::counted`]).
    fn tally(
        &self,
        loss: &[Loss],
        n: usize,
        n_keys: usize,
        key_of: impl Fn(usize) -> usize,
        echoes: Option<&Marks>,
    ) -> Vec<Tally> {
        let mut per_key: Vec<Tally> = vec![Tally::default(); n_keys];
        let counted = self.counted(loss, n, &key_of);
        for c in 0..n {
            let entry = &mut per_key[key_of(c)];
            entry.claims += 1;
            if let Some(l) = loss[self.claim_obs[c] as usize].get()
                && counted.get(c)
            {
                entry.checked += 1;
                // At the estimate, and not held wrong by it ("nearly 100" beside 100 is at
                // distance 0 but conflicts), or among the figures it stands on, which report
                // no loss (`report_support_as_no_loss`: a count close to the others of its
                // cluster, [`crate::Policy::close`]). A tie stands on no figure.
                let o = self.claim_obs[c] as usize;
                if l < 1e-12 && self.standing[o] != Standing::HeldWrong {
                    entry.consistent += 1;
                }
                entry.loss += l;
            }
            if echoes.is_some_and(|e| e.get(c)) {
                entry.echoes += 1;
            }
        }
        per_key
    }

    /// Per claim: whether it is the first (in its epoch's order of observations) of the
    /// checked claims with which its key (`key_of`) gives one statement. A statement belongs
    /// to its epoch (see [`Statement`]), so each epoch is judged with a map of its own, never
    /// one over every statement. (The first by claim number differed between a table's rows,
    /// where Alpha's undated 1249 of row 3 came before its 1,249 of the 11th on row 10, and
    /// the same claims read one by one, in id order, "t.csv:10" first: Alpha's agreement was
    /// 0.5 through the table and 0.25 through the claims. The epoch's order is by what the
    /// observations say, the same on every path and in every order of rows.)
    fn counted(&self, loss: &[Loss], n: usize, key_of: &impl Fn(usize) -> usize) -> Marks {
        let mut counted = Marks::new(n);
        let mut first: HashMap<(usize, Statement), usize, FixedState> = HashMap::default();
        for e in &self.epochs {
            first.clear();
            for o in e.obs.clone() {
                let ob = &self.obs[o];
                let Some(c) = self.claim_of(ob).filter(|_| loss[o].get().is_some()) else {
                    continue;
                };
                first.entry((key_of(c), ob.statement())).or_insert(c);
            }
            for &c in first.values() {
                counted.set(c, true);
            }
        }
        counted
    }

    /// Per claim: whether it repeats a statement another source of its voice gave first (the
    /// first giver by as-of, then not relayed, then id). A voice's statement is numbered once
    /// (`Obs::said`), epoch by epoch from the epoch's first observation, so each epoch is
    /// judged with a vector of its own statements.
    fn echoes(&self, names: &impl ClaimNames, source_of: &[u32]) -> Marks {
        let mut echo = Marks::new(names.claims());
        let mut first: Vec<Option<FirstGiver>> = Vec::new();
        for e in &self.epochs {
            if e.obs.is_empty() {
                continue;
            }
            let base = self.obs[e.obs.start].said();
            first.clear();
            for ob in &self.obs[e.obs.clone()] {
                let Some(c) = self.claim_of(ob) else { continue };
                let (as_of, relayed, key) = names.first_giver_key(c);
                let cand = (as_of, relayed, key, source_of[c]);
                // `number_statements` numbers an epoch's statements from its first observation.
                debug_assert!(ob.said() >= base, "statement numbered before its epoch");
                let local = ob.said() - base;
                if first.len() <= local {
                    first.resize(local + 1, None);
                }
                let slot = &mut first[local];
                if slot.is_none_or(|f| (f.0, f.1, f.2) > (cand.0, cand.1, cand.2)) {
                    *slot = Some(cand);
                }
            }
            for ob in &self.obs[e.obs.clone()] {
                let Some(c) = self.claim_of(ob) else { continue };
                echo.set(c, first[ob.said() - base].is_some_and(|f| f.3 != source_of[c]));
            }
        }
        echo
    }

    /// Per-source, per-outlet and per-voice reports, the claims named by `names` (a corpus's
    /// claims or a table's rows: one definition for both). The observations' losses are read
    /// by the reports alone, and are dropped here (8 bytes a claim): call this once, after
    /// the rounds.
    pub fn reports(
        &mut self,
        names: &impl ClaimNames,
        voices: &Voices,
    ) -> (Vec<SourceReport>, Vec<OutletReport>, Vec<VoiceReport>) {
        let n = names.claims();
        let givers = names.givers();
        let (source_of, outlet_of) = (&givers.sources, givers.outlets());
        let n_names = voices.n_names();
        let n_voices = voices.groups.len();
        debug_assert_eq!(self.loss.len(), self.obs.len(), "reports made twice");
        if !self.supports_marked() {
            self.mark_supports();
        }
        let loss = std::mem::take(&mut self.loss);
        let (this, loss) = (&*self, &loss[..]);
        // The tallies each read every claim on their own: in parallel. Where every claim's
        // outlet is its source (a table's rows), an outlet's tally is its source's, counted
        // once: two tallies, not three.
        let ((mut per_source, per_outlet), mut per_voice) = rayon::join(
            || {
                rayon::join(
                    || {
                        // Echoes: a figure a source gives that another source of the same
                        // voice gave first.
                        let echoes = this.echoes(names, source_of);
                        this.tally(loss, n, n_names, |c| source_of[c] as usize, Some(&echoes))
                    },
                    || {
                        let outlets = givers.outlets.as_ref()?;
                        Some(this.tally(loss, n, n_names, |c| outlets[c] as usize, None))
                    },
                )
            },
            || this.tally(loss, n, n_voices, |c| this.obs(c).voice(), None),
        );
        let mut per_outlet = per_outlet.unwrap_or_else(|| per_source.clone());
        // Voices that copy another on some attributes alone: per copier, and per voice.
        let copied = voices.attribute_voices();
        let sources = voices
            .sources()
            .map(|s| {
                let t = std::mem::take(&mut per_source[s]);
                let voice_on = voice_on(&copied, s, voices);
                SourceReport {
                    source: voices.name(s).clone(),
                    voice: voices.groups[voices.group_of_name(s)].name.clone(),
                    claims: t.claims,
                    checked: t.checked,
                    agreement: agreement_of(&t),
                    reliability: reliability_of(&t),
                    echoes: t.echoes,
                    voice_on,
                }
            })
            .collect();
        let mut is_outlet = vec![false; n_names];
        let mut relays: BTreeMap<usize, BTreeSet<&SourceId>> = BTreeMap::new();
        for (c, &o) in outlet_of.iter().enumerate() {
            is_outlet[o as usize] = true;
            if let Some(w) = names.via(c) {
                relays.entry(o as usize).or_default().insert(w);
            }
        }
        let outlets = (0..n_names)
            .filter(|&o| is_outlet[o])
            .map(|o| {
                let t = std::mem::take(&mut per_outlet[o]);
                OutletReport {
                    outlet: voices.name(o).clone(),
                    claims: t.claims,
                    checked: t.checked,
                    agreement: agreement_of(&t),
                    reliability: reliability_of(&t),
                    relays: relays.remove(&o).unwrap_or_default().into_iter().cloned().collect(),
                }
            })
            .collect();
        let mut voice_distinct = vec![0usize; n_voices];
        let mut seen = vec![false; self.statements];
        for c in 0..n {
            let ob = self.obs(c);
            if !std::mem::replace(&mut seen[ob.said()], true) {
                voice_distinct[ob.voice()] += 1;
            }
        }
        let voice_reports = voices
            .groups
            .iter()
            .enumerate()
            .map(|(v, g)| {
                let t = std::mem::take(&mut per_voice[v]);
                let partly = partly(&copied, v, voices);
                VoiceReport {
                    voice: g.name.clone(),
                    members: g
                        .members
                        .iter()
                        .map(|&m| voices.name(m).clone())
                        .collect::<Vec<SourceId>>(),
                    partly,
                    reasons: g.reasons.clone(),
                    claims: t.claims,
                    distinct: voice_distinct[v],
                    agreement: agreement_of(&t),
                    reliability: self.voice_loss[v].and_then(|l| score(1.0 - l)),
                }
            })
            .collect();
        (sources, outlets, voice_reports)
    }
}

/// The attributes on which source `source` copies others alone ([`SourceReport::voice_on`]),
/// from `copied` ([`Voices::attribute_voices`]).
fn voice_on(copied: &[CopiedAttribute], source: usize, voices: &Voices) -> Vec<AttributeVoice> {
    (copied.iter().filter(|c| c.source == source))
        .map(|c| AttributeVoice {
            attribute: c.attribute.clone(),
            voice: voices.groups[c.voice].name.clone(),
        })
        .collect()
}

/// The sources listed under voice `v` on some attributes alone ([`VoiceReport::partly`]),
/// each with its attributes, in `copied`'s order (by source name).
fn partly(copied: &[CopiedAttribute], v: usize, voices: &Voices) -> Vec<PartMember> {
    let mut partly: Vec<PartMember> = Vec::new();
    for c in copied.iter().filter(|c| c.voice == v) {
        let source = voices.name(c.source);
        match partly.last_mut() {
            Some(p) if &p.source == source => p.attributes.push(c.attribute.clone()),
            _ => partly
                .push(PartMember { source: source.clone(), attributes: vec![c.attribute.clone()] }),
        }
    }
    partly
}
