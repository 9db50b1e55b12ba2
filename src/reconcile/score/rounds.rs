//! The CRH rounds: estimates from weights, losses from estimates, weights from losses.

use std::collections::{BTreeSet, VecDeque};
use std::ops::Range;

use rayon::prelude::*;

use crate::crh::{self, LossScale};
use crate::reconcile::estimate::{self, Input, Outcome, Role, View};
use crate::subject::Nature;
use crate::value::{Interval, Policy, Value, Verdict};

use super::{COMPLETENESS_PRIOR, Epoch, Kind, Loss, State};

/// Where [`State::voice_records`] reads the observations' losses from.
#[derive(Clone, Copy)]
enum Losses<'a> {
    /// Those [`State::score_all`] kept.
    Kept,
    /// Scored under the current outcomes, a batch of whole epochs of at most `at_a_time`
    /// observations (or one epoch) at a time, and not kept: a round holds the losses of a
    /// batch, not a float for each of a table's observations (80 MB at 10^7 rows, beside the
    /// prepared epochs).
    Scored { policy: &'a Policy, at_a_time: usize },
}

/// How many observations' losses a round scores at once (at least one epoch's): enough to
/// share among the threads, 2 MB of losses.
const SCORED_AT_A_TIME: usize = 1 << 18;

/// The longest cycle of rounds [`State::iterate`] finds: the rounds whose starting weights it
/// keeps to compare.
const CYCLE_ROUNDS: usize = 8;

impl State {
    /// CRH rounds: estimates from weights, losses from estimates, weights from losses; they
    /// stop once no weight or completeness moves by more than `tolerance` (see
    /// [`crh::settled`]), or after `max_rounds`.
    ///
    /// Rounds can also cycle: a state flipped one round and back the next, a tie broken and
    /// made again, as each round's weights undo the last. When a round's new weights are ones
    /// an earlier round started from (within `tolerance`), the rounds would repeat that cycle
    /// forever; they stop, and the estimates are those of the round of the cycle with the
    /// least CRH objective (the total of each voice's weight times its mean loss), so the
    /// result does not depend on where `max_rounds` cuts the cycle. Cycles of up to
    /// [`CYCLE_ROUNDS`] rounds are found (a copy of the weights a round kept); a `tolerance`
    /// of zero or below runs every round, and keeps none.
    pub(super) fn iterate(&mut self, policy: &Policy, max_rounds: usize, tolerance: f64) {
        // Per round, the last `CYCLE_ROUNDS`: the weights and completeness it started from, and
        // its objective.
        let mut history: VecDeque<(Vec<f64>, Vec<f64>, f64)> = VecDeque::new();
        let keep = if tolerance > 0.0 { CYCLE_ROUNDS } else { 0 };
        for round in 1..=max_rounds {
            self.estimate_all();
            let new_weight = self.new_weights(policy);
            let new_completeness = self.new_completeness();
            let same = |w: &[f64], c: &[f64]| {
                crh::settled(
                    new_weight.iter().zip(w).chain(new_completeness.iter().zip(c)),
                    tolerance,
                )
            };
            let settled = same(&self.weight, &self.completeness);
            let objective: f64 =
                self.weight.iter().zip(&self.voice_loss).map(|(w, l)| w * l.unwrap_or(0.0)).sum();
            let cycle_from =
                if settled { None } else { history.iter().position(|(w, c, _)| same(w, c)) };
            let started = (
                std::mem::replace(&mut self.weight, new_weight),
                std::mem::replace(&mut self.completeness, new_completeness),
                objective,
            );
            if keep > 0 {
                if history.len() == keep {
                    history.pop_front();
                }
                history.push_back(started);
            }
            self.rounds = round;
            if settled {
                break;
            }
            if let Some(from) = cycle_from {
                // The round of the cycle with the least objective; the first on a tie.
                let best = (from..history.len())
                    .min_by(|&a, &b| history[a].2.total_cmp(&history[b].2))
                    .unwrap_or(from);
                if let Some((weight, completeness, _)) = history.swap_remove_back(best) {
                    self.weight = weight;
                    self.completeness = completeness;
                }
                break;
            }
        }
        self.estimate_all();
        // What only the rounds read (clusters fixed across rounds, the weight-free parts of
        // each estimate) is dropped: the results, findings and reports read the outcomes. It
        // goes before the losses are kept, which the rounds did not hold at once.
        self.prepared = estimate::NumericStore::default();
        self.score_all(policy);
        self.report_support_as_no_loss();
        // Each voice's loss against the final estimates, which its reliability reports.
        self.voice_loss = self.voice_losses();
        for (e, out) in self.epochs.iter_mut().zip(&mut self.outcomes) {
            // A numeric outcome's clusters are its epoch's (see `estimate::numeric`).
            // (Unless the outcome holds clusters of its own, its falls swept apart.)
            let clusters = std::mem::take(&mut e.clusters);
            // What the rounds kept of falls taken apart, for the next round, goes too.
            out.apart = None;
            if e.kind.is_some_and(|k| k != Kind::Label) && out.clusters.is_empty() {
                out.clusters = clusters;
            }
            e.value_clusters = Vec::new();
            e.labels = None;
        }
    }

    /// Every epoch's outcome under the current weights. A group's epochs are estimated in
    /// order (a label epoch reads the day before's outcome); groups are independent of one
    /// another, and are estimated in parallel when there are enough observations.
    fn estimate_all(&mut self) {
        // Last round's outcomes: a numeric epoch keeps its roles while its winner stays.
        let mut outcomes = std::mem::take(&mut self.outcomes);
        outcomes.resize_with(self.epochs.len(), Outcome::default);
        let mut runs: Vec<(usize, &mut [Outcome])> = Vec::new();
        let mut rest = &mut outcomes[..];
        let mut start = 0;
        for run in self.epochs.chunk_by(|a, b| a.group == b.group) {
            let (head, tail) = rest.split_at_mut(run.len());
            runs.push((start, head));
            (start, rest) = (start + run.len(), tail);
        }
        let this = &*self;
        let estimate = |scratch: &mut estimate::Scratch, (first, outs): (usize, &mut [Outcome])| {
            for k in 0..outs.len() {
                let previous = std::mem::take(&mut outs[k]);
                let (done, _) = outs.split_at(k);
                outs[k] = this.outcome(first, done, previous, scratch);
            }
        };
        if super::in_parallel(self.obs.len()) {
            runs.into_par_iter().for_each_init(estimate::Scratch::default, estimate);
        } else {
            let mut scratch = estimate::Scratch::default();
            for run in runs {
                estimate(&mut scratch, run);
            }
        }
        self.outcomes = outcomes;
    }

    /// The outcome of the epoch after `done`, whose group's epochs start at `first` and have
    /// the outcomes `done` so far this round; `previous` is its outcome in the round before.
    fn outcome(
        &self,
        first: usize,
        done: &[Outcome],
        previous: Outcome,
        scratch: &mut estimate::Scratch,
    ) -> Outcome {
        let ei = first + done.len();
        // What decided for a cluster in the round it was chosen afresh, kept while it stays
        // chosen: the weights of later rounds follow the choice (a voice alone with its
        // figure earns its reliability from it), and say "the most support" of any choice
        // that stands (`Outcome::told`). Where an outcome holds clusters of its own (its falls
        // taken apart, `estimate::numeric`), its chosen number is of those: the cluster is
        // the same where its members are.
        let e = &self.epochs[ei];
        let members = |out: &Outcome| {
            let clusters = if out.clusters.is_empty() { &e.clusters } else { &out.clusters };
            clusters.get(out.chosen).map(<[u32]>::to_vec)
        };
        // (A label epoch's outcome holds its clusters every round: the same each round.)
        let numeric = e.kind.is_some_and(|k| k != Kind::Label);
        let own = |out: &Outcome| numeric && !out.clusters.is_empty();
        let kept = previous
            .is_decided()
            .then(|| (previous.chosen, previous.since, own(&previous).then(|| members(&previous))));
        let mut out = self.decide(ei, first, done, previous, scratch);
        let same = |chosen: usize, was: &Option<Option<Vec<u32>>>| match was {
            None if !own(&out) => chosen == out.chosen,
            None => e.clusters.get(chosen).is_some_and(|m| members(&out).as_deref() == Some(m)),
            Some(was) => was.is_some() && members(&out) == *was,
        };
        out.since = match kept {
            Some((chosen, since, was)) if same(chosen, &was) => since,
            _ => out.basis,
        };
        out
    }

    /// Epoch `ei`'s outcome this round, from its inputs and weights ([`State::outcome`]).
    fn decide(
        &self,
        ei: usize,
        first: usize,
        done: &[Outcome],
        previous: Outcome,
        scratch: &mut estimate::Scratch,
    ) -> Outcome {
        let e = &self.epochs[ei];
        let inputs = || self.obs_view().inputs(e);
        match e.kind {
            Some(Kind::Label) => {
                // The state at the end of the last earlier day that gave one, skipping this
                // day's own earlier part and days without a state ("not disclosed"); a day
                // the reports left undecided leaves it unknown.
                let before = (first..ei)
                    .rev()
                    .filter(|&p| self.epochs[p].as_of < e.as_of && !self.epochs[p].earlier_that_day)
                    .map(|p| &done[p - first])
                    .find(|out| out.label.is_some() || !out.undecided.is_empty())
                    .and_then(|out| out.label.as_ref());
                self.label_outcome(ei, &inputs(), before)
            }
            Some(_) => estimate::numeric(
                &e.clusters,
                &self.prepared.get(ei),
                (e.close, e.nature == Nature::RunningTotal),
                inputs,
                |p| self.view(e.at(p)),
                &self.weight,
                Some(previous),
                scratch,
            ),
            // Kinds as many statements give (`kind_vote`): their current values are
            // undecided.
            None => {
                let Some(tie) = &e.tied else { return Outcome::default() };
                tie.outcome(&inputs())
            }
        }
    }

    /// A label epoch's outcome. One epoch is one day. A yes/no state given both ways in it
    /// either flipped that day, in an order the reports do not give, or the reports of one way
    /// are wrong. It reads as a flip, to the value that differs from the day before, when the
    /// reports back one: it wins or ties the day's weighted vote, or the next day's reports vote
    /// for it ([`State::next_day_vote`]). Otherwise the day's vote stands and the other way
    /// conflicts with it: one report among ten does not turn a state. Where no earlier day gave
    /// a state, the next day's vote tells which value the day changed to (the other way is
    /// the state before); where neither tells, or the day before gave a state that is
    /// neither way, no value is the one the day changed to, and the day's vote stands (a tie
    /// stays undecided).
    fn label_outcome(&self, ei: usize, inputs: &[Input<'_>], before: Option<&Value>) -> Outcome {
        let e = &self.epochs[ei];
        let all = 0..e.value_clusters.len();
        let mut out = estimate::labels(
            &e.value_clusters,
            e.labels(),
            all,
            inputs,
            &self.weight,
            &self.completeness,
        );
        out.same_day = e.nature == Nature::ChangingState
            && e.as_of.is_some()
            && out.clusters.len() > 1
            && inputs
                .iter()
                .all(|i| !matches!(i.view, View::Label(v) if !matches!(v, Value::YesNo(_))));
        if !out.same_day {
            return out;
        }
        let tied = !out.undecided.is_empty();
        // An earlier part of a day holds states a later report that day replaced, each at its
        // time: none is a slip against the others, and the part reads as a change (to the
        // value that differs from the day before, where one does).
        if e.earlier_that_day {
            return match before.and_then(|b| only_new(e, inputs, b)) {
                Some(only) => self.changed_to(e, inputs, only, out),
                None => out,
            };
        }
        // Without a state before, the state the next day holds is the one the day changed to,
        // if it changed: the other way is the state before. Without either, no value is the
        // one it changed to, and the other way is a slip as much as a change: the day's vote
        // stands (a tie stays undecided).
        let other_way;
        let before = if let Some(before) = before {
            before
        } else {
            let Some(Value::YesNo(next)) = self.next_day_vote(ei) else {
                out.same_day = tied;
                return out;
            };
            other_way = Value::YesNo(!next);
            &other_way
        };
        let Some(only) = only_new(e, inputs, before) else {
            out.same_day = tied;
            return out;
        };
        // Where every voice of the other way that reports the next day gives it again, it was
        // no state before a change: they still hold it, and disagree (a ministry's "requested"
        // beside two outlets' "has not requested", each repeated the next day, read as a change
        // that day and as a slip the next).
        if self.other_way_held(ei, inputs, only) {
            out.same_day = tied;
            return out;
        }
        let value_of = match inputs[e.value_clusters[only][0][0]].view {
            View::Label(v) => Some(v),
            _ => None,
        };
        let backed = tied
            || out.chosen == only
            || value_of.is_some_and(|v| self.next_day_vote(ei).as_ref() == Some(v));
        if !backed {
            // A slip, not a flip: the day's vote stands, and its other way is scored against it.
            out.same_day = false;
            return out;
        }
        self.changed_to(e, inputs, only, out)
    }

    /// Epoch `e`'s outcome as a state changed that day to the values of cluster `only`, its
    /// other clusters a same-day change (spared), from `out`, the day's plain vote.
    fn changed_to(
        &self,
        e: &Epoch,
        inputs: &[Input<'_>],
        only: usize,
        mut out: Outcome,
    ) -> Outcome {
        let mut changed = estimate::labels(
            &e.value_clusters,
            e.labels(),
            only..only + 1,
            inputs,
            &self.weight,
            &self.completeness,
        );
        changed.clusters = std::mem::take(&mut out.clusters);
        changed.chosen = only;
        changed.same_day = true;
        changed
    }

    /// The value the reports of the first later day of epoch `ei`'s group give, by the vote
    /// of that day's last part (its reports no later report that day replaced) under the
    /// current weights (not its outcome, which reads this day's); `None` when there is no
    /// later day or its vote ties.
    fn next_day_vote(&self, ei: usize) -> Option<Value> {
        let next = self.next_day(ei)?;
        let inputs = self.obs_view().inputs(next);
        let vote = estimate::labels(
            &next.value_clusters,
            next.labels(),
            0..next.value_clusters.len(),
            &inputs,
            &self.weight,
            &self.completeness,
        );
        vote.label.filter(|_| vote.undecided.is_empty())
    }

    /// The last part of the first later day of epoch `ei`'s group that gives a state (its
    /// reports no later report that day replaced), if any.
    fn next_day(&self, ei: usize) -> Option<&Epoch> {
        let e = &self.epochs[ei];
        let later = &self.epochs[ei + 1..];
        // A group's epochs are in date order: the day's epochs follow one another.
        let mut group = later.iter().take_while(|n| n.group == e.group);
        let day = group.find(|n| n.as_of > e.as_of && n.kind == Some(Kind::Label))?;
        let rest = group.take_while(|n| n.as_of == day.as_of);
        std::iter::once(day).chain(rest).filter(|n| n.kind == Some(Kind::Label)).last()
    }

    /// Whether the voices that give epoch `ei`'s values outside cluster `only` (its other way)
    /// and report the next day ([`State::next_day`]) all give the same value there again, one
    /// of them at least.
    fn other_way_held(&self, ei: usize, inputs: &[Input<'_>], only: usize) -> bool {
        let Some(next) = self.next_day(ei) else { return false };
        let e = &self.epochs[ei];
        let new: BTreeSet<usize> = e.value_clusters[only].iter().flatten().copied().collect();
        let mut old: Vec<(usize, &Value)> = (0..inputs.len())
            .filter(|p| !new.contains(p))
            .filter_map(|p| match inputs[p].view {
                View::Label(v) => Some((inputs[p].voice, v)),
                _ => None,
            })
            .collect();
        old.sort_unstable_by_key(|&(voice, _)| voice);
        let next_inputs = self.obs_view().inputs(next);
        let mut held = false;
        for i in next_inputs.iter().filter(|i| i.current) {
            let View::Label(v) = i.view else { continue };
            let from = old.partition_point(|&(voice, _)| voice < i.voice);
            let mut gave =
                old[from..].iter().take_while(|&&(voice, _)| voice == i.voice).peekable();
            if gave.peek().is_none() {
                continue; // not a voice of the other way
            }
            if !gave.any(|&(_, o)| o == v) {
                return false; // it moved: the day may have changed
            }
            held = true;
        }
        held
    }

    /// Every observation's loss against its epoch's outcome, kept for the reports
    /// ([`State::loss`]).
    fn score_all(&mut self, policy: &Policy) {
        let mut loss = std::mem::take(&mut self.loss);
        loss.clear();
        loss.resize(self.obs.len(), Loss::new(None));
        self.score_epochs(0..self.epochs.len(), &mut loss, policy);
        self.loss = loss;
    }

    /// The kept losses as a reliability reports them: a figure the estimate stands on
    /// ([`Outcome::supporting`]) is no loss, whatever its distance from the best. Strictly read
    /// such a figure allows the best and its loss is 0 already; a count of a cluster of close
    /// counts ([`crate::Policy::close`]) is one count with the others, and its distance from
    /// their best is the spread of one count, not an error of its voice. Without this, of three
    /// agencies' 100, 102 and 105 the two at the ends agreed with the estimate and scored 0.51
    /// and 0.41, below a voice that contradicted it elsewhere.
    ///
    /// The rounds' weights still read each figure's distance from the best (`score_epoch`):
    /// among voices that agree, the closer is the likelier guide, and giving the rounds no
    /// loss here cost the population benchmark 1,410.0 -> 1,483.2 MAE (BENCHMARKS.md, "Close
    /// counts are one count"). A tie stands on no figure ([`Outcome::supporting`]): each side
    /// keeps its loss from the tie's middle, as the other does, a coin flip crediting neither.
    fn report_support_as_no_loss(&mut self) {
        for (e, out) in self.epochs.iter().zip(&self.outcomes) {
            for p in out.supporting() {
                let loss = &mut self.loss[e.at(p)];
                if loss.get().is_some() {
                    *loss = Loss::new(Some(0.0));
                }
            }
        }
    }

    /// The losses of the observations of the epochs in `range` against their outcomes, into
    /// `loss` (as long as those observations together), epochs in parallel when there are
    /// enough observations (each writes only its own).
    fn score_epochs(&self, range: Range<usize>, loss: &mut [Loss], policy: &Policy) {
        let parallel = super::in_parallel(loss.len());
        let epochs = &self.epochs[range.clone()];
        // An epoch's observations are consecutive, and the epochs' follow one another.
        let mut parts: Vec<&mut [Loss]> = Vec::with_capacity(epochs.len());
        let mut rest = loss;
        for e in epochs {
            let (head, tail) = rest.split_at_mut(e.obs.len());
            parts.push(head);
            rest = tail;
        }
        debug_assert!(rest.is_empty(), "every observation is in an epoch");
        let score = |((e, out), part): ((&Epoch, &Outcome), &mut [Loss])| {
            self.score_epoch(e, out, part, policy);
        };
        let outcomes = &self.outcomes[range];
        if parallel {
            epochs.par_iter().zip(outcomes).zip(parts).for_each(score);
        } else {
            epochs.iter().zip(outcomes).zip(parts).for_each(score);
        }
    }

    /// The losses of epoch `e`'s observations against its outcome `out`, into `loss`.
    fn score_epoch(&self, e: &Epoch, out: &Outcome, loss: &mut [Loss], policy: &Policy) {
        let same_day_winners: BTreeSet<usize> =
            if out.same_day { out.supporting().collect() } else { BTreeSet::new() };
        // The voices of a tie's sides, whose earlier figures are no evidence either way.
        let tied_voices: BTreeSet<usize> = if out.tied.is_empty() {
            BTreeSet::new()
        } else {
            (e.obs.clone())
                .filter(|&o| out.in_a_tie(o - e.obs.start))
                .map(|o| self.obs[o].voice())
                .collect()
        };
        // In a tie, a side that is a cluster of counts is one count, judged as one: each of its
        // counts by the side's distance from the tie's middle. (Each by its own distance, the
        // far count of two voices' 130 and 132 cost its voice more than two voices' exact 100
        // and 100 cost theirs, and the next round gave the exact pair the tie.)
        // (A bound or a range of the side keeps its own distance.) Per position, in a tie only.
        let mut one_count: Vec<Option<Interval>> = Vec::new();
        if !out.tied.is_empty() {
            one_count.resize(e.obs.len(), None);
            let sides = std::iter::once(out.chosen).chain(out.tied.iter().map(|&c| c as usize));
            let clusters = if out.clusters.is_empty() { &e.clusters } else { &out.clusters };
            for members in sides.filter_map(|c| clusters.get(c)) {
                let views = members.iter().map(|&m| self.view(e.at(m as usize)));
                if let Some((low, high)) = estimate::counts_hull(views) {
                    let hull = Interval::closed(low, high);
                    for &m in members {
                        let point = matches!(self.view(e.at(m as usize)), View::Numeric { interval, .. } if interval.is_point());
                        if point && let Some(slot) = one_count.get_mut(m as usize) {
                            *slot = Some(hull);
                        }
                    }
                }
            }
        }
        for o in e.obs.clone() {
            let ob = &self.obs[o];
            let pos = o - e.obs.start;
            loss[pos] = Loss::new(match (self.view(o), out.numeric, &out.label) {
                // A figure its own voice revised down was withdrawn, not contradicted:
                // the voice is judged on what it says now. So is an earlier figure of a
                // voice of a tie: judged from the tie's middle, a history above it would
                // cost one side (and one beneath it credit one), and the next round would
                // decide the tie. (A fall of one, below what another voice gave earlier, too:
                // counted, its small loss lowered its voice's mean and won the tie for it.)
                (View::Numeric { .. }, Some(_), _)
                    if matches!(out.roles.get(pos), Some(Role::Revised { .. }))
                        || (!ob.current() && tied_voices.contains(&ob.voice())) =>
                {
                    None
                }
                (View::Numeric { interval, .. }, Some(spread), _) => {
                    // A side of a tie is judged from the middle of the tie, not from the side
                    // the tie put the best at: a coin flip credits neither voice (the centre
                    // of a tie is its middle: `estimate::tie_middle`).
                    let best = spread.centre;
                    let scale = LossScale::new(e.spread, best);
                    // An earlier figure of a running total only says the total is now at
                    // least that.
                    let side = one_count.get(pos).and_then(Option::as_ref);
                    let base = if ob.current() {
                        crh::distance_to(best, side.unwrap_or(&interval))
                    } else {
                        // (From the best where it lies above the middle of a tie: the earlier
                        // count the lowest side reaches, which the best is.)
                        let at = best.max(spread.best);
                        crh::distance_to(at, &Interval::new(interval.low(), None))
                    };
                    // A regression is off by at least how far it falls below what it
                    // contradicts.
                    let d = match out.roles.get(pos) {
                        Some(Role::Regression { below }) => out
                            .below(below)
                            .filter_map(|g| match self.view(e.at(g)) {
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
                // A fixed fact's label its own voice corrected was withdrawn, not contradicted.
                (View::Label(_), _, _) if e.corrected_by(pos).is_some() => None,
                // A state given the other way the same day, in an unknown order, is no error.
                (View::Label(_), _, Some(_))
                    if out.same_day && !same_day_winners.contains(&pos) =>
                {
                    None
                }
                (View::Label(v), _, Some(best)) => {
                    // The verdict only: no words for a loss no one reads.
                    let conflict =
                        v.judge(best, policy).map_or(true, |j| j.verdict == Verdict::Conflicts);
                    Some(crh::label_loss(conflict))
                }
                _ => None,
            });
        }
    }

    /// Mean loss of each voice's distinct figures, from the losses kept ([`State::score_all`]).
    fn voice_losses(&self) -> Vec<Option<f64>> {
        let [all, _] = self.voice_records(Losses::Kept);
        means(&all)
    }

    /// Each voice's total loss over its distinct scored figures, and their count: over all of
    /// them, and over the contested ones, of epochs where another voice gave a figure too.
    ///
    /// A figure no other voice gave is its epoch's estimate, so its loss is nothing whatever
    /// its voice is worth: it is no evidence of reliability. Counted, such figures made a voice
    /// that gave one contested figure and one nobody else reported a record of two, and pulled
    /// the average voice (the prior) toward a flawless one, so a lone later fall could again
    /// beat two agreeing voices, as a function of unrelated rows. The weights read the
    /// contested records; a voice's reported reliability reads them all.
    ///
    /// The losses are the kept ones, or scored here a batch of epochs at a time; either way
    /// they are added epoch after epoch, in the same order, and give the same floats.
    fn voice_records(&self, losses: Losses<'_>) -> [Vec<(f64, usize)>; 2] {
        let mut seen = vec![false; self.statements];
        let mut records =
            [vec![(0.0, 0usize); self.weight.len()], vec![(0.0, 0usize); self.weight.len()]];
        // Adds the losses `batch` of the observations of the epochs from `from` on, in order.
        let mut add = |from: usize, batch: &[Loss]| {
            let mut loss = batch.iter();
            for e in &self.epochs[from..] {
                let first = e.obs.start;
                let contested =
                    e.obs.clone().any(|o| self.obs[o].voice() != self.obs[first].voice());
                for (o, l) in e.obs.clone().zip(loss.by_ref()) {
                    let ob = &self.obs[o];
                    if self.claim_of(ob).is_none() {
                        continue; // derived bounds restate sub-counts already scored
                    }
                    if let Some(l) = l.get()
                        && !std::mem::replace(&mut seen[ob.said()], true)
                    {
                        for (k, of) in records.iter_mut().enumerate() {
                            if k == 0 || contested {
                                let r = &mut of[ob.voice()];
                                *r = (r.0 + l, r.1 + 1);
                            }
                        }
                    }
                }
                // The batch ends here: the epochs after it are another batch's.
                if loss.len() == 0 {
                    break;
                }
            }
        };
        match losses {
            Losses::Kept => add(0, &self.loss),
            Losses::Scored { policy, at_a_time } => {
                let mut loss = Vec::new();
                let mut from = 0;
                while from < self.epochs.len() {
                    let start = self.epochs[from].obs.start;
                    let to = from
                        + 1
                        + self.epochs[from + 1..]
                            .partition_point(|e| e.obs.end - start <= at_a_time);
                    loss.clear();
                    loss.resize(self.epochs[to - 1].obs.end - start, Loss::new(None));
                    self.score_epochs(from..to, &mut loss, policy);
                    add(from, &loss);
                    from = to;
                }
            }
        }
        records
    }

    /// Each voice's completeness: the mean share of the set estimates its lists give (see
    /// `estimate::listed_share`), over its distinct lists in the chosen clusters, with one
    /// complete and one cut list of prior (Laplace's rule), so a voice with no record sits
    /// at one half.
    fn new_completeness(&self) -> Vec<f64> {
        let mut seen = vec![false; self.statements];
        let mut sum = vec![0.0; self.completeness.len()];
        let mut count = vec![0usize; self.completeness.len()];
        for (e, out) in self.epochs.iter().zip(&self.outcomes) {
            let Some(best) = &out.label else { continue };
            for &p in out.clusters.get(out.chosen).into_iter().flatten() {
                let o = e.at(p);
                let ob = &self.obs[o];
                if let Some(share) = estimate::listed_share(self.view(o), best)
                    && !std::mem::replace(&mut seen[ob.said()], true)
                {
                    sum[ob.voice()] += share;
                    count[ob.voice()] += 1;
                }
            }
        }
        sum.iter()
            .zip(&count)
            .map(|(s, &c)| (s + 2.0 * COMPLETENESS_PRIOR) / (c as f64 + 2.0))
            .collect()
    }

    /// CRH's weights from each voice's mean loss over its contested figures, with a figure of
    /// prior ([`crh::with_prior`]) so that one lucky figure is not taken for a record.
    fn new_weights(&mut self, policy: &Policy) -> Vec<f64> {
        let [all, contested] =
            self.voice_records(Losses::Scored { policy, at_a_time: SCORED_AT_A_TIME });
        let w = crh::weights(&crh::with_prior(&contested));
        self.voice_loss = means(&all);
        w
    }
}

/// Each record's mean, `None` for a voice with no figure.
fn means(records: &[(f64, usize)]) -> Vec<Option<f64>> {
    records.iter().map(|&(s, c)| (c > 0).then(|| s / c as f64)).collect()
}

/// The one cluster of label epoch `e` none of whose values is `before`: the value a day given
/// both ways changed to, if it changed from `before`; `None` when no cluster or several are.
fn only_new(e: &Epoch, inputs: &[Input<'_>], before: &Value) -> Option<usize> {
    let mut new = (0..e.value_clusters.len()).filter(|&c| {
        e.value_clusters[c]
            .iter()
            .all(|vals| !matches!(inputs[vals[0]].view, View::Label(v) if v == before))
    });
    let only = new.next()?;
    new.next().is_none().then_some(only)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{Losses, Role, State};
    use crate::subject::Nature;
    use crate::{Parser, Policy, Table};

    /// The voices' records from losses scored a batch of epochs at a time (as the rounds score
    /// them) are those of the losses kept for the reports, bit for bit, whatever the batch.
    #[test]
    fn records_scored_in_batches_are_those_of_the_kept_losses() {
        // Running totals over days (some falling: revised or regressions), changing states and
        // fixed prices, from six sources, two of them copying a third; figures drawn by a
        // fixed sequence.
        let mut next = 7u64;
        let mut draw = |n: u64| {
            next = next
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (next >> 33) % n
        };
        let mut rows = vec!["source,object,attribute,value,as_of".to_owned()];
        for town in 0..30 {
            for source in 0..4 {
                for day in 1..=1 + draw(3) {
                    let fall = if draw(4) == 0 { 6 } else { 0 };
                    let killed = 10 * town + 3 * day + draw(4) - fall;
                    let price = 100 + draw(3);
                    let status = ["open", "closed"][usize::from(draw(3) == 0)];
                    let mut givers = vec![format!("s{source}")];
                    if source == 3 {
                        givers.extend(["copy a", "copy b"].map(String::from));
                    }
                    for who in givers {
                        let date = format!("2022-01-0{day}");
                        rows.push(format!("{who},town {town},killed,{killed},{date}"));
                        rows.push(format!("{who},town {town},price,{price},{date}"));
                        rows.push(format!("{who},town {town},status,{status},{date}"));
                    }
                }
            }
        }
        let csv = rows.join("\n");
        let table = Table::csv()
            .nature_of("killed", Nature::RunningTotal)
            .nature_of("status", Nature::ChangingState);
        let bulk = table.read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
        assert!(bulk.rejected.is_empty(), "{:?}", bulk.rejected);
        let policy = Policy::default();
        let (mut state, _) = State::of_columns(&bulk, &policy, 3, 0.0, true, &[]);
        assert!(state.epochs.len() > 100, "{} epochs", state.epochs.len());
        let fell = |r: Role| matches!(r, Role::Revised { .. } | Role::Regression { .. });
        assert!(state.outcomes.iter().any(|out| out.roles.iter().any(fell)), "a total fell");
        // The losses as the rounds score them, before a reliability's reading of the support.
        state.score_all(&policy);
        let kept = state.voice_records(Losses::Kept);
        let [all, contested] = &kept;
        assert!(all.iter().any(|&(l, n)| l > 0.0 && n > 1), "some voice has a record: {all:?}");
        assert!(contested.iter().any(|&(_, n)| n > 0), "some record is contested");
        // The records as the rule reads, each observation's kept loss by its index: the
        // first scored figure of each statement, every epoch's in the first record, a
        // contested epoch's in the second.
        let mut oracle = [vec![(0.0, 0); state.weight.len()], vec![(0.0, 0); state.weight.len()]];
        let mut seen = vec![false; state.statements];
        for e in &state.epochs {
            let voices: BTreeSet<usize> = e.obs.clone().map(|o| state.obs[o].voice()).collect();
            for o in e.obs.clone() {
                let ob = &state.obs[o];
                let Some(l) = state.loss[o].get() else { continue };
                if state.claim_of(ob).is_none() || std::mem::replace(&mut seen[ob.said()], true) {
                    continue;
                }
                for (k, of) in oracle.iter_mut().enumerate() {
                    if k == 0 || voices.len() > 1 {
                        of[ob.voice()].0 += l;
                        of[ob.voice()].1 += 1;
                    }
                }
            }
        }
        let bits = |records: &[Vec<(f64, usize)>; 2]| {
            records.iter().flatten().map(|&(l, n)| (l.to_bits(), n)).collect::<Vec<_>>()
        };
        assert_eq!(bits(&kept), bits(&oracle), "the kept losses' records");
        for at_a_time in [1, 2, 3, 5, 8, 40, 1_000, usize::MAX] {
            let scored = state.voice_records(Losses::Scored { policy: &policy, at_a_time });
            assert_eq!(bits(&scored), bits(&kept), "{at_a_time} at a time");
        }
    }
}
