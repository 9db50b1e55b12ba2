//! CRH rounds over the column store, chunk by chunk in parallel. The model's pieces are
//! `crate::crh`'s, shared with `Reconciler`; this file runs them over the store.

use std::fmt;

use crate::unit::Unit;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::crh::{self, LossScale};
use crate::id::{Score, collapsed, source_key};
use crate::reconcile::Rejected;
use crate::tabular::attribute_key;

use super::{Bulk, BulkKind, Claim, Interval};

/// Scores bulk claims: CRH rounds of weighted estimates and source weights. Built by value.
///
/// ```
/// use claimrecon::BulkReconciler;
/// let reconciler = BulkReconciler::new().rounds(10);
/// # let _ = reconciler;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BulkReconciler {
    rounds: usize,
    tolerance: f64,
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
}

impl fmt::Display for BulkValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BulkValue::Number(x) => write!(f, "{x}"),
            BulkValue::Label(l) => f.write_str(l),
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
    /// The reliability-weighted median (numbers) or the label with the most weight.
    pub best: BulkValue,
    /// For numbers: the lowest figure every claim that agrees with `best` allows (UCDP's low,
    /// as in [`Figure::Number`](crate::Figure::Number): the claims inside whose interval
    /// `best` lies, their intervals intersected). Equal to `best` when those claims are plain
    /// numbers.
    pub low: Option<f64>,
    /// For numbers: the highest figure every claim that agrees with `best` allows; `None`
    /// when none of them caps it ("more than 50") or for labels.
    pub high: Option<f64>,
    /// For numbers: the weighted 25th and 75th percentiles of all its claims, the spread of
    /// what sources say (not a bound: claims outside it may still be right).
    pub quartiles: Option<(f64, f64)>,
    /// The claims kept about this variable.
    pub claims: usize,
    /// The share of the weight on claims that agree with `best` (a number inside a claim's
    /// interval, or the same label).
    pub support: f64,
}

/// How one source scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkSource {
    /// The source as written in the table.
    pub name: String,
    /// Its claims kept.
    pub claims: usize,
    /// Its mean loss against the final estimates; `None` when none of its claims was kept
    /// (all rejected, say).
    pub loss: Option<f64>,
    /// 1 - loss; `None` with the loss.
    pub reliability: Option<Score>,
    /// Its final CRH weight.
    pub weight: f64,
}

/// The result of [`BulkReconciler::reconcile`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkReconciliation {
    /// One estimate per variable, sorted by object and attribute in lower case (spellings
    /// of one name in other cases are one variable, shown in the first spelling in byte order).
    pub estimates: Vec<BulkEstimate>,
    /// Every source, sorted by name in lower case (spellings of one name in other cases are one
    /// source, shown in the first spelling in byte order).
    pub sources: Vec<BulkSource>,
    /// Rows that could not be used, by line.
    pub rejected: Vec<Rejected>,
    /// Rows dropped as repeats of the same source's same value.
    pub repeats: usize,
    /// Scoring rounds run.
    pub rounds: usize,
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
    pub fn source(&self, name: &str) -> Option<&BulkSource> {
        let wanted = source_key(&collapsed(name));
        self.sources
            .binary_search_by(|s| source_key(&s.name).cmp(&wanted))
            .ok()
            .map(|i| &self.sources[i])
    }
}

/// One variable's estimate in the store's terms.
#[derive(Debug, Clone, Copy)]
struct Best {
    value: f64,
    /// What the claims that agree with `value` allow, intersected (infinite `high`: no cap).
    low: f64,
    high: f64,
    /// The weighted quartiles.
    quartiles: (f64, f64),
    support: f64,
}

/// The distance from `x` to the claim's interval (or point; see [`crh::distance`]).
#[inline]
fn distance(x: f64, claim: &Claim, interval: Option<&Interval>) -> f64 {
    match interval {
        Some(i) => crh::distance(x, i.low, i.high),
        None => crh::distance_to_point(x, claim.value),
    }
}

/// The weighted `q`-quantile of a variable's claims, sorted by value (see
/// [`crh::weighted_quantile`]).
#[inline]
fn quantile(claims: &[Claim], weight: &[f64], total: f64, q: f64) -> f64 {
    crh::weighted_quantile(claims, q, total, |c| c.value, |c| c.weight(weight)).unwrap_or(0.0)
}

impl BulkReconciler {
    /// 20 rounds at most.
    #[must_use]
    pub fn new() -> Self {
        BulkReconciler { rounds: 20, tolerance: crh::TOLERANCE }
    }

    /// The most scoring rounds to run (at least 1).
    #[must_use]
    pub fn rounds(self, rounds: usize) -> Self {
        Self { rounds: rounds.max(1), ..self }
    }

    /// Rounds stop early once no weight moves by more than this (default 1e-9). Zero (or a
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
    /// O(r · n) for n claims and r rounds, spread over the available threads. Beyond the
    /// store, O(v + c · s) memory for v variables, s sources and c chunks (one partial sum per
    /// source per chunk; the reader keeps c · s under 2^24 unless there are more sources than
    /// that). The result is the same whatever the number of threads.
    #[must_use]
    pub fn reconcile(&self, bulk: &Bulk) -> BulkReconciliation {
        let n_sources = bulk.sources.len();
        let mut weight = vec![crh::UNSCORED_WEIGHT; n_sources];
        let mut rounds = 0;
        for round in 1..=self.rounds {
            let loss = self.losses(bulk, &weight, false).0;
            let new_weight = crh::weights(&mean_losses(&loss, &bulk.per_source));
            let settled = crh::settled(new_weight.iter().zip(&weight), self.tolerance);
            weight = new_weight;
            rounds = round;
            if settled {
                break;
            }
        }
        let (loss, bests) = self.losses(bulk, &weight, true);
        let estimates = bulk
            .chunks
            .iter()
            .flat_map(|c| {
                c.kinds.iter().zip(&c.units).enumerate().map(move |(k, (&kind, &unit))| {
                    (c.first + k, kind, unit, c.start[k + 1] - c.start[k])
                })
            })
            .zip(&bests)
            .filter(|((_, _, _, claims), _)| *claims > 0)
            .map(|((v, kind, unit, claims), b)| {
                let (object, attribute) = &bulk.vars[v];
                let best = match kind {
                    BulkKind::Number => BulkValue::Number(b.value),
                    BulkKind::Label => BulkValue::Label(
                        bulk.labels.get(b.value as usize).cloned().unwrap_or_default(),
                    ),
                };
                let number = kind == BulkKind::Number;
                BulkEstimate {
                    object: object.clone(),
                    attribute: attribute.clone(),
                    kind,
                    unit,
                    best,
                    low: number.then_some(b.low),
                    high: (number && b.high.is_finite()).then_some(b.high),
                    quartiles: number.then_some(b.quartiles),
                    claims,
                    support: b.support,
                }
            })
            .collect();
        let sources = bulk
            .sources
            .iter()
            .enumerate()
            .map(|(s, name)| {
                let n = bulk.per_source[s];
                let mean = (n > 0).then(|| loss[s] / f64::from(n));
                BulkSource {
                    name: name.clone(),
                    claims: n as usize,
                    loss: mean,
                    reliability: mean.map(|m| Score::clamped(1.0 - m)),
                    weight: weight[s],
                }
            })
            .collect();
        BulkReconciliation {
            estimates,
            sources,
            rejected: bulk.rejected.clone(),
            repeats: bulk.repeats,
            rounds,
        }
    }

    /// Per source: the sum of its claims' losses against the estimates under `weight`; with
    /// `keep`, also every variable's estimate.
    #[allow(clippy::unused_self)] // a method, so options can reach it later
    fn losses(&self, bulk: &Bulk, weight: &[f64], keep: bool) -> (Vec<f64>, Vec<Best>) {
        let n_sources = bulk.sources.len();
        let parts: Vec<(Vec<f64>, Vec<Best>)> = bulk
            .chunks
            .par_iter()
            .map(|chunk| {
                let mut loss = vec![0.0; n_sources];
                let mut bests = Vec::with_capacity(if keep { chunk.kinds.len() } else { 0 });
                let mut iv = 0;
                for (k, &kind) in chunk.kinds.iter().enumerate() {
                    let (lo, hi) = (chunk.start[k], chunk.start[k + 1]);
                    let claims = &chunk.claims[lo..hi];
                    let best = match kind {
                        BulkKind::Number => numeric(
                            claims,
                            lo,
                            &chunk.intervals,
                            &mut iv,
                            chunk.scale[k],
                            weight,
                            &mut loss,
                            keep,
                        ),
                        BulkKind::Label => label(claims, weight, &mut loss),
                    };
                    if keep {
                        bests.push(best);
                    }
                }
                (loss, bests)
            })
            .collect();
        let mut loss = vec![0.0; n_sources];
        let mut bests = Vec::with_capacity(if keep { bulk.vars.len() } else { 0 });
        for (part, mut b) in parts {
            for (total, l) in loss.iter_mut().zip(part) {
                *total += l;
            }
            bests.append(&mut b);
        }
        (loss, bests)
    }
}

/// Each source's mean loss from its summed losses; `None` for a source with no claim kept.
fn mean_losses(loss: &[f64], per_source: &[u32]) -> Vec<Option<f64>> {
    loss.iter().zip(per_source).map(|(&l, &n)| (n > 0).then(|| l / f64::from(n))).collect()
}

/// A numeric variable: the weighted median and each claim's loss; with `keep`, also what the
/// agreeing claims allow, the quartiles and the support (only the last pass needs them).
#[allow(clippy::too_many_arguments)] // the hot loop's state, passed flat
fn numeric(
    claims: &[Claim],
    first: usize,
    intervals: &[(usize, Interval)],
    iv: &mut usize,
    scale: f64,
    weight: &[f64],
    loss: &mut [f64],
    keep: bool,
) -> Best {
    let total: f64 = claims.iter().map(|c| c.weight(weight)).sum();
    let value = quantile(claims, weight, total, 0.5);
    let scale = LossScale::new(scale, value);
    let mut agree = 0.0;
    // What the claims that agree with `value` allow: their intervals intersected.
    let (mut low, mut high) = (f64::NEG_INFINITY, f64::INFINITY);
    for (k, c) in claims.iter().enumerate() {
        let interval = match intervals.get(*iv) {
            Some((p, i)) if *p == first + k => {
                *iv += 1;
                Some(i)
            }
            _ => None,
        };
        let d = distance(value, c, interval);
        loss[c.source as usize] += scale.loss(d);
        if keep && d == 0.0 {
            agree += c.weight(weight);
            let (l, h) = interval.map_or((c.value, c.value), |i| (i.low, i.high));
            (low, high) = (low.max(l), high.min(h));
        }
    }
    if !keep {
        return Best { value, low: value, high: value, quartiles: (value, value), support: 0.0 };
    }
    Best {
        value,
        // The median is a claim's figure, so some claim agrees; without weight, none may.
        low: if low.is_finite() { low } else { value },
        high: if low.is_finite() { high } else { value },
        quartiles: (quantile(claims, weight, total, 0.25), quantile(claims, weight, total, 0.75)),
        support: if total > 0.0 { agree / total } else { 0.0 },
    }
}

/// A label variable: the label with the most weight (the first in sorted order on a tie; see
/// [`crh::outweighs`]), and a loss of 1 for every other label.
fn label(claims: &[Claim], weight: &[f64], loss: &mut [f64]) -> Best {
    let mut best = (f64::NAN, f64::NEG_INFINITY);
    let mut total = 0.0;
    let mut k = 0;
    while k < claims.len() {
        let value = claims[k].value;
        let mut w = 0.0;
        while k < claims.len() && claims[k].value == value {
            w += claims[k].weight(weight);
            k += 1;
        }
        total += w;
        if crh::outweighs(w, best.1) {
            best = (value, w);
        }
    }
    for c in claims {
        loss[c.source as usize] += crh::label_loss(c.value != best.0);
    }
    Best {
        value: best.0,
        low: best.0,
        high: best.0,
        quartiles: (best.0, best.0),
        support: if total > 0.0 { best.1 / total } else { 0.0 },
    }
}
