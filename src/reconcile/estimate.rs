//! Clusters and low / best / high for one epoch of one group, given voice weights.

use std::collections::{BTreeMap, BTreeSet};

use crate::value::{Endpoint, Interval, Policy, Value, Verdict};

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
    pub clusters: Vec<Vec<usize>>,
    pub chosen: usize,
    pub numeric: Option<(f64, f64, Option<f64>)>,
    pub label: Option<Value>,
    pub chosen_voices: usize,
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

fn hull(a: Interval, b: &Interval) -> Interval {
    let low = if b.low().value < a.low().value { b.low() } else { a.low() };
    let high = match (a.high(), b.high()) {
        (Some(x), Some(y)) => Some(if y.value > x.value { y } else { x }),
        _ => None,
    };
    Interval::new(low, high)
}

/// Clusters of overlapping intervals: a sweep over intervals sorted by their low end.
/// `order` holds positions into `inputs`. The clusters do not depend on weights, so they are
/// computed once per epoch.
pub(crate) fn numeric_clusters(order: &[usize], inputs: &[Input<'_>]) -> Vec<Vec<usize>> {
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut current_hull: Option<Interval> = None;
    for &m in order {
        let View::Numeric { interval, .. } = inputs[m].view else { continue };
        match current_hull {
            Some(h) if h.overlaps(interval) => {
                current_hull = Some(hull(h, interval));
                if let Some(c) = clusters.last_mut() {
                    c.push(m);
                }
            }
            _ => {
                current_hull = Some(*interval);
                clusters.push(vec![m]);
            }
        }
    }
    clusters
}

/// Numeric epochs: the heaviest cluster wins; within it, low and high are what every current
/// figure allows (raised to the floor earlier figures set) and best is the weighted median.
pub(crate) fn numeric(clusters: &[Vec<usize>], inputs: &[Input<'_>], weight: &[f64]) -> Outcome {
    if clusters.is_empty() {
        return Outcome::default();
    }
    let (chosen, chosen_voices) = choose(clusters, inputs, weight);
    let members = &clusters[chosen];
    let (split, _, _) = split_weights(members, inputs, weight);
    let mut floor: Option<Endpoint> = None;
    let mut region: Option<Interval> = None;
    let mut span: Option<Interval> = None;
    let mut points = Vec::new();
    for (&m, &w) in members.iter().zip(&split) {
        let View::Numeric { interval, rep } = inputs[m].view else { continue };
        if inputs[m].current {
            span = Some(span.map_or(*interval, |s| hull(s, interval)));
            region = match region {
                None => Some(*interval),
                Some(r) => r.intersection(interval).or(Some(r)),
            };
            points.push((*rep, w));
        } else if floor.is_none_or(|f| interval.low().value > f.value) {
            floor = Some(interval.low());
        }
    }
    let floor_value = floor.map(|f| f.value);
    let numeric = match region.or(span) {
        None => floor_value.map(|f| (f, f, None)),
        Some(r) => {
            let low = r.low().value.max(floor_value.unwrap_or(f64::NEG_INFINITY));
            let high = r.high().map(|h| h.value.max(low));
            let median = weighted_median(&mut points).unwrap_or(low);
            let best = high.map_or(median.max(low), |h| median.clamp(low, h));
            Some((low, best, high))
        }
    };
    Outcome { clusters: clusters.to_vec(), chosen, numeric, label: None, chosen_voices }
}

fn find(p: &[usize], mut x: usize) -> usize {
    while p[x] != x {
        x = p[x];
    }
    x
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
    let values: Vec<(&Value, Vec<usize>)> = distinct.into_values().collect();
    let n = values.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // Comparing every pair of distinct values is fine for the handful a subject has; beyond
    // that, only equal values cluster.
    if n <= 64 {
        for i in 0..n {
            for j in i + 1..n {
                let ok = values[i]
                    .0
                    .compare_with(values[j].0, policy)
                    .is_ok_and(|c| c.verdict != Verdict::Conflicts);
                if ok {
                    let (a, b) = (find(&parent, i), find(&parent, j));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, Vec<Vec<usize>>> = BTreeMap::new();
    for (i, (_, members)) in values.into_iter().enumerate() {
        by_root.entry(find(&parent, i)).or_default().push(members);
    }
    by_root.into_values().collect()
}

/// Non-numeric epochs: the heaviest cluster wins, and its heaviest value is the estimate.
pub(crate) fn labels(
    value_clusters: &[Vec<Vec<usize>>],
    inputs: &[Input<'_>],
    weight: &[f64],
) -> Outcome {
    if value_clusters.is_empty() {
        return Outcome::default();
    }
    let clusters: Vec<Vec<usize>> =
        value_clusters.iter().map(|vs| vs.iter().flatten().copied().collect()).collect();
    let (chosen, chosen_voices) = choose(&clusters, inputs, weight);
    let best = value_clusters[chosen]
        .iter()
        .map(|members| (members, split_weights(members, inputs, weight).1))
        .fold(None, |acc: Option<(&Vec<usize>, f64)>, (m, w)| match acc {
            Some((_, bw)) if bw >= w - 1e-12 => acc,
            _ => Some((m, w)),
        })
        .and_then(|(m, _)| match inputs[m[0]].view {
            View::Label(v) => Some(v.clone()),
            _ => None,
        });
    Outcome { clusters, chosen, numeric: None, label: best, chosen_voices }
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
