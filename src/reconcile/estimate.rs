//! Clusters and low / best / high for one epoch of one group, given voice weights.

use std::collections::{BTreeMap, BTreeSet};

use crate::value::{Endpoint, Interval, Label, Policy, Value, Verdict};

/// How an observation enters an estimate.
#[derive(Debug, Clone)]
pub(crate) enum View {
    /// A number (or day number, or factor) interval with a representative point.
    Numeric { interval: Interval, rep: f64 },
    /// A value compared by equality and compatibility: yes/no, category, window...
    Label(Value),
    /// Not used: undisclosed, or not comparable with the group's kind (the reason).
    Skip(Option<String>),
}

/// One observation as the estimator sees it.
pub(crate) struct Input<'a> {
    pub view: &'a View,
    pub voice: usize,
    /// At the epoch's as-of (or undated), as opposed to an earlier figure of a running total.
    pub current: bool,
    /// Dedup key: a voice repeating one value counts once.
    pub key: &'a str,
    /// When the report was published: between equally supported clusters, the later
    /// reporting wins, as it usually knows more.
    pub published: Option<chrono::NaiveDate>,
}

/// What the estimator decided for one epoch, in observation positions (indices into the
/// epoch's input list).
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    /// Clusters of current figures that can all be true together.
    pub clusters: Vec<Vec<usize>>,
    pub chosen: usize,
    /// Earlier figures of a running total that the chosen cluster is consistent with (its
    /// floors); the others fell, and are regressions.
    pub earlier: Vec<usize>,
    pub numeric: Option<Spread>,
    pub label: Option<Value>,
    pub chosen_voices: usize,
}

/// Low / best / high, with whether the low and high ends are excluded ("more than 1,300").
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Spread {
    pub low: f64,
    pub low_open: bool,
    pub best: f64,
    pub high: Option<f64>,
    pub high_open: bool,
}

/// A voice's weight split over the distinct values it gives inside one cluster, so echoes and
/// repeats add nothing.
fn split_weights(
    members: &[usize],
    inputs: &[Input<'_>],
    weight: &[f64],
) -> (Vec<f64>, f64, usize) {
    let mut values_per_voice: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for &m in members {
        values_per_voice.entry(inputs[m].voice).or_default().insert(inputs[m].key);
    }
    let mut seen: BTreeSet<(usize, &str)> = BTreeSet::new();
    let per_member = members
        .iter()
        .map(|&m| {
            let inp = &inputs[m];
            if seen.insert((inp.voice, inp.key)) {
                weight[inp.voice] / values_per_voice[&inp.voice].len() as f64
            } else {
                0.0
            }
        })
        .collect();
    let total = values_per_voice.keys().map(|&v| weight[v]).sum();
    (per_member, total, values_per_voice.len())
}

fn choose(clusters: &[Vec<usize>], inputs: &[Input<'_>], weight: &[f64]) -> (usize, usize) {
    let mut best = (0, f64::NEG_INFINITY, 0, None, 0);
    for (ci, c) in clusters.iter().enumerate() {
        let (_, w, voices) = split_weights(c, inputs, weight);
        // Distinct current figures: an echo must not tip a tie.
        let current = c
            .iter()
            .filter(|&&m| inputs[m].current)
            .map(|&m| (inputs[m].voice, inputs[m].key))
            .collect::<BTreeSet<_>>()
            .len();
        let latest = c.iter().filter_map(|&m| inputs[m].published).max();
        let better = w > best.1 + 1e-12
            || ((w - best.1).abs() <= 1e-12
                && (voices, latest, current) > (best.2, best.3, best.4));
        if better {
            best = (ci, w, voices, latest, current);
        }
    }
    (best.0, best.2)
}

fn weighted_median(points: &mut [(f64, f64)]) -> Option<f64> {
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = points.iter().map(|p| p.1).sum();
    if points.is_empty() {
        return None;
    }
    if total <= 0.0 {
        return Some(points[points.len() / 2].0);
    }
    let mut acc = 0.0;
    for &(x, w) in points.iter() {
        acc += w;
        if acc >= total / 2.0 - 1e-12 {
            return Some(x);
        }
    }
    points.last().map(|p| p.0)
}

/// Clusters of current figures that can all be true together: a sweep over intervals sorted by
/// their low end that keeps the running intersection, so every cluster shares at least one
/// number (never a chain of pairwise overlaps). Earlier figures of a running total do not
/// cluster; they only set floors. `order` holds positions into `inputs`. Clusters do not
/// depend on weights, so they are computed once per epoch.
pub(crate) fn numeric_clusters(order: &[usize], inputs: &[Input<'_>]) -> Vec<Vec<usize>> {
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut common: Option<Interval> = None;
    for &m in order {
        let View::Numeric { interval, .. } = inputs[m].view else { continue };
        if !inputs[m].current {
            continue;
        }
        if let Some(both) = common.and_then(|c| c.intersection(interval)) {
            common = Some(both);
            if let Some(c) = clusters.last_mut() {
                c.push(m);
            }
        } else {
            common = Some(*interval);
            clusters.push(vec![m]);
        }
    }
    clusters
}

fn common_interval(members: &[usize], inputs: &[Input<'_>]) -> Option<Interval> {
    members
        .iter()
        .filter_map(|&m| match inputs[m].view {
            View::Numeric { interval, .. } => Some(*interval),
            _ => None,
        })
        .try_fold(None, |acc: Option<Interval>, i| match acc {
            None => Some(Some(i)),
            Some(a) => a.intersection(&i).map(Some),
        })
        .flatten()
}

/// Numeric epochs: the cluster with the most support wins (its current figures' voices plus
/// the voices of earlier figures it is consistent with); low and high are what every figure
/// in it allows, raised to the highest earlier floor, and best is the weighted median.
pub(crate) fn numeric(clusters: &[Vec<usize>], inputs: &[Input<'_>], weight: &[f64]) -> Outcome {
    if clusters.is_empty() {
        return Outcome::default();
    }
    // Earlier figures sorted by their floor, with running totals of the distinct voices among
    // them: the support a cluster gets from the floors beneath it is a prefix, found by binary
    // search, so choosing stays O(n log n) however many clusters there are.
    // A current lower bound ("at least 1,000") supports every cluster above it, not only the
    // one the sweep put it in, so it joins the floors too.
    let mut earlier_all: Vec<(Endpoint, usize)> = (0..inputs.len())
        .filter_map(|m| match inputs[m].view {
            View::Numeric { interval, .. } if !inputs[m].current || interval.high().is_none() => {
                Some((interval.low(), m))
            }
            _ => None,
        })
        .collect();
    earlier_all.sort_by(|a, b| {
        a.0.value.total_cmp(&b.0.value).then(a.0.open.cmp(&b.0.open)).then(a.1.cmp(&b.1))
    });
    // Each voice's first position among the earlier floors, so a cluster adds a floor voice
    // only when that voice is not already among its own.
    let mut first_at: BTreeMap<usize, usize> = BTreeMap::new();
    let mut prefix = vec![(0.0, 0usize)];
    for (k, &(_, m)) in earlier_all.iter().enumerate() {
        let (w, n) = prefix[prefix.len() - 1];
        let new = !first_at.contains_key(&inputs[m].voice);
        if new {
            first_at.insert(inputs[m].voice, k);
        }
        prefix.push(if new { (w + weight[inputs[m].voice], n + 1) } else { (w, n) });
    }
    let under = |common: &Interval| -> usize {
        match common.high() {
            None => earlier_all.len(),
            Some(h) => earlier_all.partition_point(|(low, _)| {
                low.value < h.value || (low.value == h.value && !low.open && !h.open)
            }),
        }
    };
    let commons: Vec<Option<Interval>> =
        clusters.iter().map(|c| common_interval(c, inputs)).collect();
    let mut best_pick = (0usize, f64::NEG_INFINITY, 0usize, None, 0usize);
    for (ci, c) in clusters.iter().enumerate() {
        let (_, w, voices) = split_weights(c, inputs, weight);
        let k = commons[ci].as_ref().map_or(0, &under);
        // Voices with figures both in the cluster and among its floors count once.
        let mine: BTreeSet<usize> = c.iter().map(|&m| inputs[m].voice).collect();
        let (mut w, mut voices) = (w + prefix[k].0, voices + prefix[k].1);
        for v in &mine {
            if first_at.get(v).is_some_and(|&at| at < k) {
                w -= weight[*v];
                voices -= 1;
            }
        }
        let latest = c.iter().filter_map(|&m| inputs[m].published).max();
        // Distinct figures, so an echo does not tip a tie.
        let distinct =
            c.iter().map(|&m| (inputs[m].voice, inputs[m].key)).collect::<BTreeSet<_>>().len();
        let better = w > best_pick.1 + 1e-12
            || ((w - best_pick.1).abs() <= 1e-12
                && (voices, latest, distinct) > (best_pick.2, best_pick.3, best_pick.4));
        if better {
            best_pick = (ci, w, voices, latest, distinct);
        }
    }
    let (chosen, chosen_voices) = (best_pick.0, best_pick.2);
    let members = &clusters[chosen];
    let k = commons[chosen].as_ref().map_or(0, &under);
    let in_cluster: BTreeSet<usize> = members.iter().copied().collect();
    let earlier: Vec<usize> =
        earlier_all[..k].iter().map(|&(_, m)| m).filter(|m| !in_cluster.contains(m)).collect();
    let (split, _, _) = split_weights(members, inputs, weight);
    let points: Vec<(f64, f64)> = members
        .iter()
        .zip(&split)
        .filter_map(|(&m, &w)| match inputs[m].view {
            View::Numeric { rep, .. } => Some((*rep, w)),
            _ => None,
        })
        .collect();
    let floor = earlier
        .iter()
        .filter_map(|&m| match inputs[m].view {
            View::Numeric { interval, .. } => Some(interval.low()),
            _ => None,
        })
        .max_by(|a, b| a.value.total_cmp(&b.value).then(a.open.cmp(&b.open)));
    let numeric = commons[chosen].map(|common| spread(&common, floor, points));
    Outcome { clusters: clusters.to_vec(), chosen, earlier, numeric, label: None, chosen_voices }
}

/// Low / best / high of a chosen cluster: its common interval raised to the floor, and the
/// weighted median of its figures kept inside.
fn spread(common: &Interval, floor: Option<Endpoint>, mut points: Vec<(f64, f64)>) -> Spread {
    let (mut low, mut low_open) = (common.low().value, common.low().open);
    if let Some(f) = floor
        && (f.value > low || (f.value == low && f.open))
    {
        (low, low_open) = (f.value, f.open);
    }
    let high = common.high();
    let median = weighted_median(&mut points).unwrap_or(low);
    let mut best = match high {
        Some(h) => median.clamp(low, h.value.max(low)),
        None => median.max(low),
    };
    // "almost two-fold" excludes 2: a best on an excluded end moves inside, when there is an
    // inside to move to. A lone "more than 1,300" keeps its bound (the conservative floor).
    if let Some(h) = high
        && ((h.open && best >= h.value) || (low_open && best <= low))
        && h.value > low
    {
        best = f64::midpoint(low, h.value);
    }
    Spread {
        low,
        low_open,
        best,
        high: high.map(|h| h.value),
        high_open: high.is_some_and(|h| h.open),
    }
}

/// Clusters of non-numeric values: values that do not conflict fall together. Returns, per
/// cluster, its distinct values, each as the positions that give it. Computed once per epoch.
pub(crate) fn label_clusters(inputs: &[Input<'_>], policy: &Policy) -> Vec<Vec<Vec<usize>>> {
    let mut distinct: BTreeMap<&str, (&Value, Vec<usize>)> = BTreeMap::new();
    for (m, input) in inputs.iter().enumerate() {
        if let View::Label(v) = input.view {
            distinct.entry(input.key).or_insert((v, Vec::new())).1.push(m);
        }
    }
    // A value joins the first cluster whose every value it is compatible with (a chain of
    // pairwise compatibilities is not agreement). Beyond 64 distinct values only equal values
    // cluster, to keep this bounded.
    let few = distinct.len() <= 64;
    let mut clusters: Vec<Vec<(&Value, Vec<usize>)>> = Vec::new();
    for (value, members) in distinct.into_values() {
        let fits = |c: &Vec<(&Value, Vec<usize>)>| {
            few && c.iter().all(|(other, _)| {
                value.compare_with(other, policy).is_ok_and(|cmp| cmp.verdict != Verdict::Conflicts)
            })
        };
        match clusters.iter_mut().find(|c| fits(c)) {
            Some(c) => c.push((value, members)),
            None => clusters.push(vec![(value, members)]),
        }
    }
    clusters.into_iter().map(|c| c.into_iter().map(|(_, m)| m).collect()).collect()
}

/// Non-numeric epochs: the heaviest cluster wins, and its heaviest value is the estimate; in a
/// cluster of sets, that value is then completed with the items the other lists corroborate
/// (see [`complete_set`]). `completeness` is per voice, as [`listed_share`] measures it.
pub(crate) fn labels(
    value_clusters: &[Vec<Vec<usize>>],
    inputs: &[Input<'_>],
    weight: &[f64],
    completeness: &[f64],
) -> Outcome {
    if value_clusters.is_empty() {
        return Outcome::default();
    }
    let clusters: Vec<Vec<usize>> =
        value_clusters.iter().map(|vs| vs.iter().flatten().copied().collect()).collect();
    let (chosen, chosen_voices) = choose(&clusters, inputs, weight);
    let values = &value_clusters[chosen];
    let heaviest = values
        .iter()
        .enumerate()
        .map(|(i, members)| (i, split_weights(members, inputs, weight).1))
        .fold(None, |acc: Option<(usize, f64)>, (i, w)| match acc {
            Some((_, bw)) if bw >= w - 1e-12 => acc,
            _ => Some((i, w)),
        });
    let label = heaviest
        .map(|(base, _)| complete_set(values, base, inputs, weight, completeness).unwrap_or(base))
        .and_then(|v| match inputs[values[v][0]].view {
            View::Label(v) => Some(v.clone()),
            _ => None,
        });
    Outcome { clusters, chosen, earlier: Vec::new(), numeric: None, label, chosen_voices }
}

/// Item keys of a set, or of a category (a one-item set); `None` for other values.
fn item_keys(view: &View) -> Option<BTreeSet<&str>> {
    match view {
        View::Label(Value::Set(s)) => Some(s.items().iter().map(Label::key).collect()),
        View::Label(Value::Category(l)) => Some(BTreeSet::from([l.key()])),
        _ => None,
    }
}

/// How much of a set estimate a set claim lists beyond the one item any list gives:
/// `(|claim ∩ estimate| - 1) / (|estimate| - 1)`, 1 for a complete list and 0 for a list cut
/// to one item. `None` when the claim is not a set or the estimate has fewer than two items
/// (nothing could be left out). Averaged over a voice's lists, it is that voice's
/// *completeness*: the chance it lists an item that is there, the sensitivity of the Latent
/// Truth Model (see [`complete_set`]).
pub(crate) fn listed_share(view: &View, estimate: &Value) -> Option<f64> {
    let (View::Label(Value::Set(claim)), Value::Set(estimate)) = (view, estimate) else {
        return None;
    };
    let n = estimate.items().len();
    if n < 2 {
        return None;
    }
    let listed = claim.items().iter().filter(|l| estimate.contains(l)).count();
    Some(listed.saturating_sub(1) as f64 / (n - 1) as f64)
}

/// Completes the estimate of a cluster of sets (author lists, member states): returns the
/// position in `values` of the set to report, or `None` when the cluster holds other values
/// than sets.
///
/// # The rule
/// Sets in one cluster do not conflict, so each is a subset of the next: a chain. A shorter
/// list is *compatible* with a longer one (a store that prints only the first author does not
/// deny the others), so the most-supported distinct set (`base`) is where the estimate
/// starts, not where it ends. Each item the base lacks is judged on its own, as the Latent
/// Truth Model does for multi-valued attributes (Zhao, Rubinstein, Gemmell and Han, "A
/// Bayesian approach to discovering truth from conflicting sources for data integration",
/// VLDB 2012): one truth per item, and per source a false-negative rate apart from the
/// false-positive rate, since sources that list a book's first author only are common and
/// sources that invent an author are rare. An item joins when
///
/// 1. the reliability-weighted support of the cluster's claims that list it is at least the
///    evidence against it, which is the weight of the claims that leave it out, each scaled
///    by its voice's *completeness* (`completeness[voice]`, its observed rate of listing items
///    that are there; see [`listed_share`]). A list left short by a voice that cuts its lists
///    is silent on what it leaves out; the same list from a voice that gives whole lists
///    counts against the item. Listing is taken as full evidence for (false positives are
///    rare), and a tie admits the item. Claims of other clusters conflict with the whole
///    chain and do not vote on its items;
/// 2. the claims that list it come from at least two independent voices: one voice cannot
///    extend a list on its own, whatever its weight (the two-independent-sources rule of Iraq
///    Body Count, DESIGN.md rule 6), so one store adding an editor or a misread name adds
///    nothing.
///
/// Support for an item falls and the evidence against it grows along the chain, so the items
/// that pass are those of one claimed set: the estimate is a set some source gave, never a
/// patchwork, and never less than the base. Weights are split as everywhere else: per voice
/// over the distinct values it gives in the cluster, echoes counting once.
///
/// # Complexity
/// O(d² · s · log s) for `d` distinct values of at most `s` items (`d` ≤ 64, the bound
/// [`label_clusters`] keeps), plus O(n) for the cluster's `n` claims; O(n) when the cluster
/// holds one distinct value, as clusters of categories and of other values always do.
fn complete_set(
    values: &[Vec<usize>],
    base: usize,
    inputs: &[Input<'_>],
    weight: &[f64],
    completeness: &[f64],
) -> Option<usize> {
    if values.len() < 2 {
        return None;
    }
    let items: Vec<BTreeSet<&str>> =
        values.iter().map(|members| item_keys(inputs[members[0]].view)).collect::<Option<_>>()?;
    let members: Vec<usize> = values.iter().flatten().copied().collect();
    let (split, _, _) = split_weights(&members, inputs, weight);
    let mut split = split.into_iter();
    // Per distinct value: the weight of its claims, the same weight scaled by each claim's
    // voice's completeness, and its voices.
    let support: Vec<(f64, f64, BTreeSet<usize>)> = values
        .iter()
        .map(|ms| {
            ms.iter().zip(split.by_ref()).fold(
                (0.0, 0.0, BTreeSet::new()),
                |(w, against, mut voices), (&m, share)| {
                    voices.insert(inputs[m].voice);
                    (w + share, against + share * completeness[inputs[m].voice], voices)
                },
            )
        })
        .collect();
    let base_items = &items[base];
    let extra: BTreeSet<&str> =
        items.iter().flat_map(|set| set.difference(base_items).copied()).collect();
    let corroborated = |item: &str| {
        let (mut listed, mut against, mut voices) = (0.0, 0.0, BTreeSet::<usize>::new());
        for (set, (w, scaled, vs)) in items.iter().zip(&support) {
            if set.contains(item) {
                listed += w;
                voices.extend(vs);
            } else {
                against += scaled;
            }
        }
        listed >= against - 1e-12 && voices.len() >= 2
    };
    let mut allowed = base_items.clone();
    allowed.extend(extra.into_iter().filter(|item| corroborated(item)));
    // The fullest claimed set between the base and what passed; the first on a tie.
    (0..values.len())
        .filter(|&v| base_items.is_subset(&items[v]) && items[v].is_subset(&allowed))
        .max_by_key(|&v| (items[v].len(), std::cmp::Reverse(v)))
}

/// How far `x` lies outside `interval` (0 inside).
pub(crate) fn distance(x: f64, interval: &Interval) -> f64 {
    if interval.contains_point(x) {
        return 0.0;
    }
    let below = interval.low().value - x;
    if below >= 0.0 {
        return below.max(f64::MIN_POSITIVE);
    }
    interval.high().map_or(0.0, |h| (x - h.value).max(f64::MIN_POSITIVE))
}
