//! The CRH rounds: estimates from weights, losses from estimates, weights from losses.

use std::collections::BTreeSet;

use crate::crh::{self, LossScale};
use crate::reconcile::estimate::{self, Input, Outcome, Role, View};
use crate::subject::Nature;
use crate::value::{Interval, Policy, Value, Verdict};

use super::{COMPLETENESS_PRIOR, Epoch, Kind, Loss, State, inputs_of};

impl State {
    /// CRH rounds: estimates from weights, losses from estimates, weights from losses.
    pub(super) fn iterate(&mut self, policy: &Policy, max_rounds: usize) {
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
        // What only the rounds read (clusters fixed across rounds, the weight-free parts of
        // each estimate) is dropped: the results, findings and reports read the outcomes.
        for e in &mut self.epochs {
            e.clusters = estimate::Clusters::default();
            e.numeric = estimate::Numeric::default();
            e.value_clusters = Vec::new();
            e.labels = estimate::Labels::default();
        }
    }

    fn estimate_all(&mut self) {
        let mut outcomes: Vec<Outcome> = Vec::with_capacity(self.epochs.len());
        // Last round's outcomes: a numeric epoch keeps its roles while its winner stays.
        let mut previous = std::mem::take(&mut self.outcomes).into_iter();
        let mut scratch = estimate::Scratch::default();
        for (ei, e) in self.epochs.iter().enumerate() {
            let previous = previous.next();
            let inputs = inputs_of(&self.obs, &self.values, &self.intervals, &self.key_order, e);
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
                Some(_) => estimate::numeric(
                    &e.clusters,
                    &e.numeric,
                    &inputs,
                    &self.weight,
                    previous,
                    &mut scratch,
                ),
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
        let all = 0..e.value_clusters.len();
        let mut out = estimate::labels(
            &e.value_clusters,
            &e.labels,
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
                &e.value_clusters,
                &e.labels,
                only..only + 1,
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
        let mut loss = vec![Loss::new(None); self.obs.len()];
        for (e, out) in self.epochs.iter().zip(&self.outcomes) {
            let same_day_winners: BTreeSet<usize> =
                if out.same_day { out.supporting().into_iter().collect() } else { BTreeSet::new() };
            for o in e.obs.clone() {
                let ob = &self.obs[o];
                let pos = o - e.obs.start;
                loss[o] = Loss::new(match (self.view(o), out.numeric, &out.label) {
                    // A figure its own voice revised down was withdrawn, not contradicted:
                    // the voice is judged on what it says now.
                    (View::Numeric { .. }, Some(_), _)
                        if matches!(out.roles.get(pos), Some(Role::Revised { .. })) =>
                    {
                        None
                    }
                    (View::Numeric { interval, .. }, Some(spread), _) => {
                        let best = spread.best;
                        let scale = LossScale::new(e.spread, best);
                        // An earlier figure of a running total only says the total is now at
                        // least that.
                        let base = if ob.current {
                            crh::distance_to(best, &interval)
                        } else {
                            crh::distance_to(best, &Interval::new(interval.low(), None))
                        };
                        // A regression is off by at least how far it falls below what it
                        // contradicts.
                        let d = match out.roles.get(pos) {
                            Some(&Role::Regression { below }) => out
                                .below(below)
                                .iter()
                                .filter_map(|&g| match self.view(e.at(g)) {
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
        self.loss = loss;
    }

    /// Mean loss of each voice's distinct figures.
    pub(super) fn voice_losses(&self) -> Vec<Option<f64>> {
        let mut seen = vec![false; self.statements];
        let mut sum = vec![0.0; self.weight.len()];
        let mut count = vec![0usize; self.weight.len()];
        for (o, ob) in self.obs.iter().enumerate() {
            if self.claim_of(ob).is_none() {
                continue; // derived bounds restate sub-counts already scored
            }
            if let Some(l) = self.loss[o].get()
                && !std::mem::replace(&mut seen[ob.said()], true)
            {
                sum[ob.voice()] += l;
                count[ob.voice()] += 1;
            }
        }
        sum.iter().zip(&count).map(|(s, &c)| (c > 0).then(|| s / c as f64)).collect()
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

    fn new_weights(&mut self) -> Vec<f64> {
        let losses = self.voice_losses();
        let w = crh::weights(&losses);
        self.voice_loss = losses;
        w
    }
}
