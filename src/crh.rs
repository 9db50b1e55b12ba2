//! The CRH model's pieces, each defined once and called by every path that scores.
//!
//! CRH (Li, Li, Gao, Zhao, Fan and Han, "Resolving conflicts in heterogeneous data by truth
//! discovery and source reliability estimation", SIGMOD 2014) alternates two steps until the
//! source weights settle: estimate every value from the current weights (a weighted median
//! for numbers, a weighted vote for labels), then give every source a weight from the losses
//! of its claims against those estimates. [`Reconciler`](crate::Reconciler) runs the rounds
//! over clusters, epochs and voices, on a state built from claims or from a table's column
//! store; the rounds call the functions here for the model itself (`tests/entry_points.rs`
//! checks that the two entry points agree).
//!
//! The pieces, in the order a round uses them:
//!
//! - what makes two values one ([`value_key`], [`label_key`]), and the point a phrase stands
//!   for in a median ([`representative`], [`representative_of_interval`]);
//! - the spread of a variable's figures, which scales the loss ([`spread`]);
//! - a voice's weight split over the distinct values it gives ([`share`]);
//! - the weighted median and quantiles ([`weighted_median`], [`weighted_quantile`]) and when
//!   one weight outweighs another in a vote ([`outweighs`]);
//! - the losses: [`distance`] to what a claim allows, [`LossScale`] for `d / (d + s)`, and
//!   [`label_loss`];
//! - the weights from the losses ([`with_prior`], [`weights`], with [`LOSS_FLOOR`]);
//! - the stopping rule ([`settled`], [`TOLERANCE`]).

use std::fmt::Write as _;

use itertools::Either;

use crate::value::{Interval, Label, Magnitude, Number, Policy, Value};

/// A voice's mean loss counts as at least this much, so a flawless voice gets a large but
/// finite weight (CRH's `-ln` is infinite at zero) and one perfect record cannot drown every
/// other voice.
pub(crate) const LOSS_FLOOR: f64 = 0.01;

/// Added to every weight: a voice whose claims carry all the loss still counts a little, so
/// a median or vote never divides by a total of zero.
pub(crate) const WEIGHT_OFFSET: f64 = 1e-3;

/// The weight of every voice before the first round (CRH starts every source at the same
/// weight), and of every voice in a round where none was scored.
pub(crate) const UNSCORED_WEIGHT: f64 = 1.0;

/// Rounds stop once no weight moves by this much or more (see [`settled`]).
pub(crate) const TOLERANCE: f64 = 1e-9;

/// A tolerance as the stopping rule reads it: a positive one as it is (infinity as the largest
/// number, which every move is within, so one round runs), zero, a negative one or NaN as -1,
/// which no move is within, so every round runs. Always a finite number, which JSON holds.
pub(crate) fn tolerance_or_every_round(tolerance: f64) -> f64 {
    if tolerance > 0.0 { tolerance.min(f64::MAX) } else { -1.0 }
}

/// Sums of weights that differ by less than this share of the larger (or of 1, for sums
/// below 1) are equal: the difference is rounding in the order of the additions, not
/// evidence.
pub(crate) const ROUNDING: f64 = 1e-12;

/// The rounding allowance for sums of weights of size `scale`.
fn rounding(scale: f64) -> f64 {
    ROUNDING * scale.abs().max(1.0)
}

/// CRH's weights from each voice's mean loss: `w_v = -ln(L_v / Σ_u L_u) + 0.001`, with every
/// `L` raised to [`LOSS_FLOOR`] (Li et al. 2014, eq. 4: the weights that minimise the total
/// weighted loss under `Σ_v exp(-w_v) = 1`). A voice without a loss (`None`: nothing of it
/// was scored) weighs as a voice of the scored voices' mean loss would: no evidence makes it
/// an average voice, on the scale the others' weights are on (a fixed weight is not: with two
/// scored voices they weigh about 0.69, with a hundred about 4.6); with no voice scored, every
/// voice keeps [`UNSCORED_WEIGHT`]. Voices with a smaller loss get a larger weight; a
/// lone scored voice gets [`WEIGHT_OFFSET`] plus nothing, since `L_v / Σ L = 1`.
///
/// # Complexity
/// O(v) for v voices.
pub(crate) fn weights(mean_losses: &[Option<f64>]) -> Vec<f64> {
    let floored = |l: f64| l.max(LOSS_FLOOR);
    let total: f64 = mean_losses.iter().flatten().map(|&l| floored(l)).sum();
    let scored = mean_losses.iter().flatten().count();
    let weight = |l: f64| (-(l / total).ln()).max(0.0) + WEIGHT_OFFSET;
    let unscored = if total > 0.0 { weight(total / scored as f64) } else { UNSCORED_WEIGHT };
    mean_losses
        .iter()
        .map(|l| match l {
            Some(l) if total > 0.0 => weight(floored(*l)),
            _ => unscored,
        })
        .collect()
}

/// How many figures of prior a voice's mean loss carries (see [`with_prior`]).
pub(crate) const PRIOR_FIGURES: f64 = 1.0;

/// Each voice's mean loss with [`PRIOR_FIGURES`] figures of prior at the mean of the scored
/// voices' mean losses: `(Σ loss_v + k·m) / (n_v + k)`, from each voice's total loss and
/// count of scored figures; `None` for a voice with none (which [`weights`] weighs as a voice
/// of the mean of the others' losses, after the prior).
///
/// CRH's mean loss of a voice that gave one figure is that figure's loss alone, so a voice
/// whose one figure the estimate stands on scores as well as a voice flawless over a hundred,
/// and outweighs two voices whose longer records hold a slip each: one lucky figure is taken
/// for a record. With the prior, a voice with no record is an average voice, and each figure
/// it gives moves it from there by one share of its count; a long record speaks for itself.
/// This is the empirical-Bayes shrinkage of a per-source rate toward the pool's, for the
/// long-tail sources Li et al. (VLDB 2015, "A confidence-aware approach for truth discovery
/// on long-tail data") show CRH overweights; they widen a confidence interval by the count,
/// we add a prior, which needs no distribution of the losses.
///
/// # Complexity
/// O(v) for v voices.
pub(crate) fn with_prior(records: &[(f64, usize)]) -> Vec<Option<f64>> {
    let (sum, scored) = records
        .iter()
        .filter(|&&(_, n)| n > 0)
        .fold((0.0, 0usize), |(s, c), &(l, n)| (s + l / n as f64, c + 1));
    let m = if scored > 0 { sum / scored as f64 } else { 0.0 };
    records
        .iter()
        .map(|&(l, n)| (n > 0).then(|| (l + PRIOR_FIGURES * m) / (n as f64 + PRIOR_FIGURES)))
        .collect()
}

/// Whether the rounds have settled: no value moved by `tolerance` or more between the
/// previous round (`pairs.0`) and this one (`pairs.1`). A `tolerance` of zero or below never
/// settles, which runs every round. CRH stops when the weights stop changing; a caller that
/// estimates more than weights (completeness, say) passes those pairs too.
pub(crate) fn settled<'a>(
    pairs: impl IntoIterator<Item = (&'a f64, &'a f64)>,
    tolerance: f64,
) -> bool {
    pairs.into_iter().map(|(a, b)| (a - b).abs()).fold(0.0, f64::max) < tolerance
}

/// How far `x` lies from the numbers `low ..= high` (`high` infinite when unbounded): 0
/// inside, else the gap to the nearer end.
///
/// An excluded end ("more than 1,300" excludes 1,300) is at distance 0 from itself: the
/// distance is the infimum over the numbers a claim allows, and they come as close to 1,300
/// as one likes. We chose this over a positive distance at an excluded end (what
/// [`Reconciler`](crate::Reconciler) used, the smallest positive float) because a loss
/// measures how far off a claim is, and a lone "more than 1,300" whose estimate is its own
/// conservative floor, 1,300, is not off by any amount one could name: charging it would
/// make the claim pay for the estimate it produced. Whether a claim *allows* the exact
/// number is a different question, which relations and clusters answer with the ends'
/// openness; the loss does not need it.
#[inline]
pub(crate) fn distance(x: f64, low: f64, high: f64) -> f64 {
    if x < low {
        low - x
    } else if x > high {
        x - high
    } else {
        0.0
    }
}

/// [`distance`] from `x` to an [`Interval`], its openness aside.
pub(crate) fn distance_to(x: f64, interval: &Interval) -> f64 {
    distance(x, interval.low().value, interval.high().map_or(f64::INFINITY, |h| h.value))
}

/// The scale `s` of CRH's normalised loss `d / (d + s)` for numbers (Li et al. 2014, §3.2:
/// the absolute deviation normalised by the spread of the claims about the same entity;
/// bounded here so one wild figure costs at most 1, like a wrong label). `s` is the
/// variable's [`spread`], raised to a millionth of the estimate (at least 10^-6) so that
/// figures which all agree still have a scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LossScale(f64);

impl LossScale {
    /// The scale for a variable whose figures have `spread`, estimated at `best`.
    #[inline]
    pub(crate) fn new(spread: f64, best: f64) -> Self {
        LossScale(spread.max(1e-6 * best.abs().max(1.0)))
    }

    /// The loss of a claim at `distance` from the estimate: `d / (d + s)`, in `[0, 1)`, 0
    /// exactly when the claim allows the estimate.
    #[inline]
    pub(crate) fn loss(self, distance: f64) -> f64 {
        distance / (distance + self.0)
    }
}

/// CRH's 0-1 loss for categorical values (Li et al. 2014, §3.2): 1 for a claim that
/// conflicts with the estimate, 0 for one that does not.
pub(crate) fn label_loss(conflicts: bool) -> f64 {
    if conflicts { 1.0 } else { 0.0 }
}

/// The spread of a variable's figures, the `s` of [`LossScale`]: the population standard
/// deviation of the representative points of its distinct claims (a voice repeating itself
/// counts once), 0 for fewer than two.
///
/// # Complexity
/// O(n), two passes.
pub(crate) fn spread<I>(points: I) -> f64
where
    I: IntoIterator<Item = f64>,
    I::IntoIter: Clone,
{
    let points = points.into_iter();
    let (n, sum) = points.clone().fold((0usize, 0.0), |(n, s), x| (n + 1, s + x));
    if n < 2 {
        return 0.0;
    }
    let mean = sum / n as f64;
    let var = points.map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
    var.sqrt()
}

/// A voice's weight split evenly over the `values` distinct values it gives for one
/// variable, so that a voice cannot add weight by saying several things, and saying one
/// thing twice adds nothing (each distinct value is counted once).
#[inline]
pub(crate) fn share(weight: f64, values: u32) -> f64 {
    if values <= 1 { weight } else { weight / f64::from(values) }
}

/// Whether a sum of weights `a` outweighs `b` in a vote: by more than rounding (a
/// millionth of a millionth of the larger, or of 1). Within it the two tie, and each caller
/// breaks the tie by its own documented key; the vote never turns on the order in which
/// weights were added.
#[inline]
pub(crate) fn outweighs(a: f64, b: f64) -> bool {
    a > b + rounding(a.max(b))
}

/// The weighted `q`-quantile of `sorted` (in value order): the value of the first point at
/// which the cumulative weight reaches `q` of `total` (within rounding). `None` when empty.
/// With no weight at all (`total` zero or less) every point counts once.
///
/// On a tie (the cumulative weight reaches exactly `q` of the total at a point, so every
/// number up to the next point serves as well) the *lower* point wins: the estimate is
/// always a figure some source gave, never a blend of two that no one reported, and for
/// counts of dead or injured it is the conservative one (ACLED's conservative floor,
/// DESIGN.md rule 5). The claims' and the tables' engines used to part here: one counted a sum
/// within 1e-12 of the target as reaching it, the other did not, so a tie decided by the
/// rounding of the additions could go either way; sums within [`outweighs`]'s rounding now
/// count as equal everywhere.
///
/// # Complexity
/// O(n): one pass, stopping at the quantile.
#[inline]
pub(crate) fn weighted_quantile<T>(
    sorted: &[T],
    q: f64,
    total: f64,
    value: impl Fn(&T) -> f64,
    weight: impl Fn(&T) -> f64,
) -> Option<f64> {
    let last = sorted.last()?;
    if total.is_nan() || total <= 0.0 {
        let k = (q * sorted.len() as f64).ceil() as usize;
        return Some(value(&sorted[k.clamp(1, sorted.len()) - 1]));
    }
    let target = q * total - rounding(total);
    let mut cumulative = 0.0;
    for p in sorted {
        cumulative += weight(p);
        if cumulative >= target {
            return Some(value(p));
        }
    }
    Some(value(last))
}

/// CRH's estimate for numbers: the weighted median of `(value, weight)` points, the value
/// that minimises the weighted sum of absolute deviations (Li et al. 2014, §3.2), the lower
/// one on a tie (see [`weighted_quantile`]). Sorts `points` by value; the result does not
/// depend on their order. `None` when empty.
///
/// # Complexity
/// O(n log n) for the sort.
pub(crate) fn weighted_median(points: &mut [(f64, f64)]) -> Option<f64> {
    points.sort_by(|a, b| in_value_order(a.0, b.0));
    median_of_sorted(points, |p| p.0, |p| p.1)
}

/// [`weighted_median`] and the higher weighted median (the higher point on a tie of the two
/// halves, the lower of the points turned over), each the figure the sort of its own
/// would give, to the last bit. `points` are left turned over (their values negated) in
/// their order for the higher one. `None` when empty.
///
/// # Complexity
/// O(n log n) for the one sort: the points turned over are in the order a stable sort of
/// them gives (values descending, equal values as they came) once the sorted ones are read
/// backwards, each run of an equal value in its own order.
pub(crate) fn weighted_medians(points: &mut [(f64, f64)]) -> Option<(f64, f64)> {
    let lower = weighted_median(points)?;
    for point in points.iter_mut() {
        point.0 = -point.0;
    }
    points.reverse();
    for run in points.chunk_by_mut(|a, b| in_value_order(a.0, b.0).is_eq()) {
        run.reverse();
    }
    let upper = median_of_sorted(points, |p| p.0, |p| p.1).map_or(lower, |x| -x);
    Some((lower, upper))
}

/// The order of a weighted median's points: by value, equal values as they came (every sort
/// that feeds one is stable), so that the weights are added in one order on every path.
fn in_value_order(a: f64, b: f64) -> std::cmp::Ordering {
    a.total_cmp(&b)
}

/// [`weighted_median`] of points already in value order: the total and the running sum add
/// the weights in that order.
fn median_of_sorted<T>(
    sorted: &[T],
    value: impl Fn(&T) -> f64,
    weight: impl Fn(&T) -> f64,
) -> Option<f64> {
    let total = sorted.iter().map(&weight).sum();
    weighted_quantile(sorted, 0.5, total, value, weight)
}

/// A claim as CRH's absolute loss sees it: the numbers `low ..= high` it allows (`high`
/// infinite for a floor, "at least `low`"), and the weight it speaks with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Allowed {
    pub low: f64,
    pub high: f64,
    pub weight: f64,
}

/// CRH's objective for numbers with the absolute loss (Li et al., SIGMOD 2014, §3.2), taken
/// over claims that are intervals: `f(x) = Σ w · d(x, [low, high])`, with `d` the
/// [`distance`] every score uses. For plain numbers it is the weighted sum of absolute
/// deviations that [`weighted_median`] minimises.
///
/// # Complexity
/// O(n).
pub(crate) fn interval_loss<'a>(x: f64, claims: impl IntoIterator<Item = &'a Allowed>) -> f64 {
    claims.into_iter().map(|c| c.weight * distance(x, c.low, c.high)).sum()
}

/// The ends of claims `low ..= high`, given in order, in the order [`weighted_median`] puts
/// them: end `2k` is the low end of claim `k` and end `2k + 1` its high end, by value, equal
/// values as they came. The order depends on the values only, so a caller whose claims keep
/// their ends while their weights change sorts them once (see [`interval_median`]).
///
/// # Complexity
/// O(n log n).
///
/// Ends are numbered in 32 bits: a caller gives at most 2^30 claims, one epoch's figures and
/// floors (an epoch holds at most 2^30 observations: see `limit::MAX_CLAIMS`), so at most
/// 2^31 ends.
pub(crate) fn ends_order(ends: impl IntoIterator<Item = (f64, f64)>) -> EndsOrder {
    let ends: Vec<(f64, f64)> = ends.into_iter().collect();
    let number = |e: usize| u32::try_from(e).unwrap_or_else(|_| unreachable!("end {e} past 2^32"));
    let point_or_floor = |&(low, high): &(f64, f64)| {
        low.is_finite() && (high == f64::INFINITY || in_value_order(low, high).is_eq())
    };
    if ends.iter().all(point_or_floor) {
        let mut order: Vec<u32> = (0..ends.len()).map(number).collect();
        order.sort_by(|&a, &b| in_value_order(ends[a as usize].0, ends[b as usize].0));
        return EndsOrder::Lows(order);
    }
    let values: Vec<f64> = ends.into_iter().flat_map(|(low, high)| [low, high]).collect();
    let mut order: Vec<u32> = (0..values.len()).map(number).collect();
    order.sort_by(|&a, &b| in_value_order(values[a as usize], values[b as usize]));
    EndsOrder::Ends(order)
}

/// The order of claims' ends by value ([`ends_order`]), held in 4 bytes a claim where the
/// claims allow it rather than 8.
/// Held as `O`: a `Vec<u32>` as made, a `&[u32]` as read from where an epoch's orders are
/// kept ([`EndsOrder::as_slice`]).
#[derive(Debug, Clone, Copy)]
pub(crate) enum EndsOrder<O = Vec<u32>> {
    /// Every end by number: `2k` the low end of claim `k`, `2k + 1` its high end.
    Ends(O),
    /// Where every claim is a point (`low == high`) or a floor (`[low, ∞)`), with a finite
    /// low end: the claims by low end (equal ends by number). The ends' order follows: each
    /// claim's low end, a point's high end just after it (the same value, the next number),
    /// and then every floor's high end, at infinity, in the floors' order.
    Lows(O),
}

impl<O: AsRef<[u32]>> EndsOrder<O> {
    /// The same order, borrowed.
    pub(crate) fn as_slice(&self) -> EndsOrder<&[u32]> {
        match self {
            EndsOrder::Ends(order) => EndsOrder::Ends(order.as_ref()),
            EndsOrder::Lows(order) => EndsOrder::Lows(order.as_ref()),
        }
    }

    /// The order's numbers, and whether it is [`EndsOrder::Lows`].
    pub(crate) fn numbers(&self) -> (&[u32], bool) {
        match self {
            EndsOrder::Ends(order) => (order.as_ref(), false),
            EndsOrder::Lows(order) => (order.as_ref(), true),
        }
    }

    /// The ends in order, by number, of `claims`: those the order was made of (the same ends;
    /// the weights may differ).
    fn ends<'a>(&'a self, claims: &'a [Allowed]) -> impl Iterator<Item = u32> + 'a {
        let floor = |k: usize| claims[k].high == f64::INFINITY;
        match self {
            EndsOrder::Ends(order) => Either::Left(order.as_ref().iter().copied()),
            EndsOrder::Lows(order) => {
                let by_low = order.as_ref().iter().flat_map(move |&k| {
                    let c = &claims[k as usize];
                    // The claims the order was made of: each a floor or a point still.
                    debug_assert!(floor(k as usize) || in_value_order(c.low, c.high).is_eq());
                    let high = (!floor(k as usize)).then_some(2 * k + 1);
                    std::iter::once(2 * k).chain(high)
                });
                let highs = (0..claims.len()).filter(move |&k| floor(k)).map(|k| 2 * k as u32 + 1);
                Either::Right(by_low.chain(highs))
            }
        }
    }

    /// How many claims it orders.
    fn claims(&self) -> usize {
        match self {
            EndsOrder::Ends(order) => order.as_ref().len() / 2,
            EndsOrder::Lows(order) => order.as_ref().len(),
        }
    }
}

/// The lowest `x` that minimises [`interval_loss`]; `None` when there are no claims.
/// `order` is [`ends_order`] of the claims' ends (of these same claims: their ends, not their weights, made it); `ends`
/// is a buffer for the weighted ends, which a caller computing many medians reuses.
///
/// `d(x, [l, h]) = (|x - l| + |x - h| - (h - l)) / 2`, so `f` is, up to a constant, the
/// weighted sum of absolute deviations from the endpoints, each with half its claim's
/// weight: its lowest minimiser is their [`weighted_median`] (the lower point on a tie),
/// which this is, bit for bit: the same points in the same order. A floor's upper end is a
/// point at infinity, whose slope `-w / 2` the formula keeps; the median lands there only
/// when every claim is a floor, and then `f` is zero from the highest floor up, which is the
/// answer. On plain points this is [`weighted_median`].
///
/// # Complexity
/// O(n): the sort is the caller's, once.
pub(crate) fn interval_median(
    claims: &[Allowed],
    order: &EndsOrder<impl AsRef<[u32]>>,
    ends: &mut Vec<(f64, f64)>,
) -> Option<f64> {
    // The order is of these claims' ends: two a claim, `2k` low and `2k + 1` high.
    debug_assert_eq!(order.claims(), claims.len());
    ends.clear();
    ends.extend(order.ends(claims).map(|e| {
        let c = &claims[e as usize / 2];
        (if e % 2 == 0 { c.low } else { c.high }, c.weight / 2.0)
    }));
    let x = median_of_sorted(ends, |p| p.0, |p| p.1)?;
    if x.is_finite() {
        return Some(x);
    }
    ends.iter().map(|e| e.0).filter(|v| v.is_finite()).reduce(f64::max)
}

/// `x` to two significant figures, as an editor rounds a figure copied from a wire ("1,234"
/// to "1,200", "0.4567" to "0.46"), halves away from zero (a decimal half that a double holds
/// just below it, as 0.145, rounds down); zero, infinities and NaN as they are, and so is any
/// figure beyond 10^20 or below 10^-20. Figures equal to two significant figures come out bit
/// for bit equal.
pub(crate) fn two_figures(x: f64) -> f64 {
    // Outside 10^-20 to 10^20 a power of ten is not exact, and one figure could round two
    // ways: such a figure, far from any a source gives, is itself.
    if !(1e-20..=1e20).contains(&x.abs()) {
        return x;
    }
    // The place of the second figure, corrected where `log10` rounds across a power of ten.
    let mut exp = x.abs().log10().floor() as i32 - 1;
    let scaled = |exp: i32| {
        if exp >= 0 { x.abs() / 10f64.powi(exp) } else { x.abs() * 10f64.powi(-exp) }
    };
    if scaled(exp) >= 100.0 {
        exp += 1;
    } else if scaled(exp) < 10.0 {
        exp -= 1;
    }
    // Below the units, dividing by a power of ten gives the nearest double ("0.0012"), where
    // multiplying by its inverse may not.
    let rounded = if exp >= 0 {
        let unit = 10f64.powi(exp);
        (x / unit).round() * unit
    } else {
        let per_unit = 10f64.powi(-exp);
        (x * per_unit).round() / per_unit
    };
    if rounded.is_finite() { rounded } else { x }
}

/// An amount as copy detection compares it to two significant figures ([`rounded_key`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rounded {
    /// What amounts that round alike share: their kind of quantity, the side a bound is on,
    /// and their number to two significant figures ([`two_figures`], as bits).
    pub class: RoundedClass,
    /// Whether its number is round already, itself to two significant figures ("1,200",
    /// "about 1,200"), as an editor's rounded copy is; "1,234" is precise.
    pub round: bool,
    /// Its number as written (in the base unit of its kind), which copy detection reads
    /// the truth by, figures close to one another one (`Statements::to_classes`).
    pub figure: f64,
}

/// The class of an amount to two significant figures (see [`Rounded::class`]).
pub(crate) type RoundedClass = (crate::unit::Dimension, Side, u64);

/// Which numbers a phrase's figure stands for, as copy detection keys it: about the figure,
/// above it, or below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Side {
    At,
    Above,
    Below,
}

/// An amount's number as written, to two significant figures, with its kind of quantity and
/// the side of a bound ("1,234", "about 1,200" and "1,200 people" round alike, "more than
/// 1,150" and "more than 1,200" too, but not "1,234" and "more than 1,200"); `None` for a range,
/// a vague word or any value that is not an amount. Copy detection reads figures so as well
/// as exactly, so copies an editor rounded still agree with their original (see
/// `Statements::to_two_figures` for which figures that round alike it takes for one).
pub(crate) fn rounded_key(value: &Value) -> Option<Rounded> {
    let Value::Amount(a) = value else { return None };
    let side = match a.magnitude {
        Magnitude::Exact(_) | Magnitude::About(_) | Magnitude::Nearly(_) => Side::At,
        Magnitude::MoreThan(_) | Magnitude::AtLeast(_) => Side::Above,
        Magnitude::UpTo(_) | Magnitude::FewerThan(_) => Side::Below,
        Magnitude::Range(_) | Magnitude::Vague(_) => return None,
    };
    let n = a.magnitude.number()?.get();
    let rounded = two_figures(n);
    Some(Rounded {
        class: (a.unit.dimension(), side, rounded.to_bits()),
        round: rounded.to_bits() == n.to_bits(),
        figure: n,
    })
}

/// The point a phrase stands for in a median: the number it is built on ("about 1,000" and
/// "more than 1,000" stand for 1,000: a bound's own figure is its conservative reading), the
/// middle of a range ("50-60" for 55), and the low end of a vague word's interval ("dozens"
/// for 12, ACLED's conservative floor; DESIGN.md rule 5).
pub(crate) fn representative(magnitude: &Magnitude, policy: &Policy) -> f64 {
    match magnitude {
        Magnitude::Range(r) => f64::midpoint(r.low().get(), r.high().get()),
        Magnitude::Vague(_) => magnitude.interval(policy).low().value,
        other => other.number().map_or_else(|| other.interval(policy).low().value, Number::get),
    }
}

/// The point an interval with no figure of its own stands for (a date's days, a factor's
/// range): its middle, or its low end when it is unbounded above.
pub(crate) fn representative_of_interval(interval: &Interval) -> f64 {
    interval.high().map_or(interval.low().value, |h| f64::midpoint(interval.low().value, h.value))
}

/// What makes two labels one value: [`Label::key`], white space collapsed and lower case.
/// Bulk tables and [`value_key`] both go through it, so "Marianne  Borgen" and "marianne
/// borgen" are one label on every path.
pub(crate) fn label_key(label: &Label) -> &str {
    label.key()
}

/// What makes two values one value, counted once and voted as one: a category by its
/// [`label_key`] in quotes (so it never merges with a yes/no or a number spelled alike), a
/// set by its items' keys, any other value by its text, which its `Display` normalises
/// ("1,583" and "1583" are one figure).
pub(crate) fn value_key(value: &Value) -> String {
    let mut key = String::new();
    write_value_key(&mut key, value);
    key
}

/// [`value_key`], appended to `out`: a caller keying many values reuses one buffer.
pub(crate) fn write_value_key(out: &mut String, value: &Value) {
    match value {
        Value::Category(l) => {
            out.push('"');
            out.push_str(label_key(l));
            out.push('"');
        }
        Value::Set(s) => {
            out.push('{');
            for (i, item) in s.items().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(label_key(item));
            }
            out.push('}');
        }
        // Writing to a `String` does not fail.
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Parser;
    use crate::value::{Endpoint, ItemSet};

    /// Whole numbers round as an editor rounds them, checked against integer arithmetic (half
    /// a unit of the second figure added, then cut) for every number up to 200,000 and for
    /// spaced ones up to 10^15; decimals, negatives and the ends as named.
    #[test]
    fn a_figure_rounds_to_two_significant_figures() {
        let by_integers = |n: u64| {
            let unit = 10u64.pow(n.ilog10().saturating_sub(1));
            (n + unit / 2) / unit * unit
        };
        let spaced = (0..2_000u64).map(|k| k * 499_999_999_937 + 200_001);
        for n in (1..200_000u64).chain(spaced) {
            assert_eq!(two_figures(n as f64), by_integers(n) as f64, "{n}");
        }
        for (x, want) in [
            (0.4567, 0.46),
            (0.001_234_5, 0.0012),
            (-1_234.0, -1_200.0),
            (99.5, 100.0),
            (995.0, 1_000.0),
            (1_000.0, 1_000.0),
            (0.1, 0.1),
        ] {
            assert_eq!(two_figures(x), want, "{x}");
        }
        // Far beyond any figure a source gives, a figure is itself.
        for x in [1e300, f64::MAX, 1e-300, f64::MIN_POSITIVE, -f64::MAX] {
            assert_eq!(two_figures(x), x, "{x}");
        }
        assert_eq!(two_figures(1.234e15), 1.2e15);
        assert_eq!(two_figures(0.0).to_bits(), 0.0f64.to_bits());
        assert!(two_figures(f64::NAN).is_nan());
        assert_eq!(two_figures(f64::INFINITY), f64::INFINITY);
        // Two figures equal to two significant figures are one key, bit for bit.
        assert_eq!(two_figures(0.123).to_bits(), two_figures(0.1249).to_bits());
    }

    /// An amount's key to two significant figures is its unit and its rounded number, whatever
    /// the phrase around it; a range, a vague word or a label has none.
    #[test]
    fn amounts_round_to_one_key_whatever_their_phrase() {
        let key = |text: &str| {
            rounded_key(&Parser::default().parse(text).map(|p| p.value).unwrap()).map(|r| r.class)
        };
        assert_eq!(key("1,234 people"), key("about 1,200 people"));
        assert_eq!(key("1,234 people"), key("1,200"));
        assert_eq!(key("more than 1,150 people"), key("more than 1,200"));
        assert_eq!(key("fewer than 1,150"), key("up to 1,200"));
        assert_ne!(key("1,234 people"), key("more than 1,150 people"));
        assert_ne!(key("fewer than 1,150"), key("more than 1,249"));
        assert_ne!(key("1,234 people"), key("1,250 people"));
        assert_ne!(key("1,234 people"), key("1,234 tenge"));
        assert!(key("1,234 people").is_some());
        assert_eq!(key("50-60 people"), None);
        assert_eq!(key("dozens"), None);
        // Round already, or precise.
        let round = |text: &str| {
            rounded_key(&Parser::default().parse(text).map(|p| p.value).unwrap()).map(|r| r.round)
        };
        assert_eq!(round("about 1,200 people"), Some(true));
        assert_eq!(round("1,200"), Some(true));
        assert_eq!(round("1,234"), Some(false));
        assert_eq!(round("0.46"), Some(true));
    }

    fn magnitude(text: &str) -> Magnitude {
        match Parser::default().parse(text).map(|p| p.value) {
            Ok(Value::Amount(a)) => a.magnitude,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn weights_sum_like_crh() {
        // Σ exp(-(w - offset)) = Σ L_v / Σ L = 1: CRH's constraint on the weights.
        let losses = [Some(0.3), Some(0.05), Some(0.001), Some(0.6)];
        let w = weights(&losses);
        let sum: f64 = w.iter().map(|w| (-(w - WEIGHT_OFFSET)).exp()).sum();
        assert!((sum - 1.0).abs() < 1e-12, "{sum}");
    }

    #[test]
    fn a_smaller_loss_earns_a_larger_weight() {
        let w = weights(&[Some(0.5), Some(0.2), Some(0.2), Some(0.0)]);
        assert!(w[0] < w[1]);
        assert_eq!(w[1], w[2]);
        assert!(w[2] < w[3]);
    }

    #[test]
    fn losses_below_the_floor_weigh_as_the_floor() {
        let w = weights(&[Some(0.0), Some(LOSS_FLOOR / 2.0), Some(LOSS_FLOOR), Some(0.4)]);
        assert_eq!(w[0], w[1]);
        assert_eq!(w[1], w[2]);
        assert!(w.iter().all(|w| w.is_finite()));
    }

    #[test]
    fn an_unscored_voice_weighs_as_a_voice_of_the_mean_loss_and_no_weight_is_zero() {
        // Losses 0.25 and 0.75: the mean 0.5 is half the total, so the unscored voice weighs
        // ln 2, between the two (not the starting weight 1.0, which is off CRH's scale).
        let w = weights(&[None, Some(0.25), Some(0.75)]);
        assert_eq!(w[0], std::f64::consts::LN_2 + WEIGHT_OFFSET);
        assert!(w[2] < w[0] && w[0] < w[1], "{w:?}");
        assert!(w[2] >= WEIGHT_OFFSET);
        assert_eq!(weights(&[Some(0.4)]), vec![WEIGHT_OFFSET]);
        assert_eq!(weights(&[None, None]), vec![UNSCORED_WEIGHT; 2]);
    }

    #[test]
    fn one_flawless_figure_is_not_a_flawless_record() {
        // Voice means 0, 0 and 0.3: the prior is their mean, 0.1. One flawless figure sits
        // halfway to it, ten flawless figures an eleventh of the way; no figure, no loss.
        let l = with_prior(&[(0.0, 1), (0.0, 10), (0.9, 3), (0.0, 0)]);
        let want = [Some(0.05), Some(0.1 / 11.0), Some(0.25), None];
        for (got, want) in l.iter().zip(want) {
            match (got, want) {
                (Some(g), Some(w)) => assert!((g - w).abs() < 1e-15, "{g} {w}"),
                (g, w) => assert_eq!(*g, w),
            }
        }
        let w = weights(&l);
        assert!(w[0] < w[1], "{w:?}");
        assert_eq!(with_prior(&[(0.0, 0)]), vec![None]);
    }

    #[test]
    fn rounds_settle_only_when_every_value_moves_less_than_the_tolerance() {
        let (a, b) = ([1.0, 2.0], [1.0, 2.0 + TOLERANCE / 2.0]);
        assert!(settled(a.iter().zip(&b), TOLERANCE));
        let c = [1.0, 2.0 + TOLERANCE];
        assert!(!settled(a.iter().zip(&c), TOLERANCE));
        // Zero tolerance runs every round, even when nothing moves.
        assert!(!settled(a.iter().zip(&a), 0.0));
    }

    #[test]
    fn distance_is_zero_inside_and_the_gap_outside() {
        assert_eq!(distance(5.0, 3.0, 7.0), 0.0);
        assert_eq!(distance(3.0, 3.0, 7.0), 0.0);
        assert_eq!(distance(1.0, 3.0, 7.0), 2.0);
        assert_eq!(distance(10.0, 3.0, 7.0), 3.0);
    }

    #[test]
    fn distance_to_a_point_is_the_absolute_difference() {
        for (x, p) in [(3.0, 5.0), (5.0, 3.0), (-2.0, 4.5), (7.0, 7.0), (0.1 + 0.2, 0.3)] {
            assert_eq!(distance(x, p, p), f64::abs(x - p));
            assert_eq!(distance_to(x, &Interval::point(p)), f64::abs(x - p));
        }
    }

    #[test]
    fn distance_to_an_open_end_is_zero_at_the_end() {
        let more_than = Interval::more_than(1300.0);
        assert!(!more_than.contains_point(1300.0));
        assert_eq!(distance_to(1300.0, &more_than), 0.0);
        assert_eq!(distance_to(1000.0, &more_than), 300.0);
        let fewer_than = Interval::new(
            Endpoint { value: 0.0, open: false },
            Some(Endpoint { value: 10.0, open: true }),
        );
        assert_eq!(distance_to(10.0, &fewer_than), 0.0);
        assert_eq!(distance_to(12.5, &fewer_than), 2.5);
    }

    #[test]
    fn distance_to_an_unbounded_end_is_zero_all_the_way_up() {
        assert_eq!(distance_to(1e15, &Interval::at_least(1300.0)), 0.0);
        assert_eq!(distance(1e15, 1300.0, f64::INFINITY), 0.0);
    }

    #[test]
    fn the_loss_is_zero_exactly_when_the_claim_allows_the_estimate_and_below_one() {
        let scale = LossScale::new(100.0, 1000.0);
        assert_eq!(scale.loss(0.0), 0.0);
        assert_eq!(scale.loss(100.0), 0.5);
        assert!(scale.loss(1e12) < 1.0);
        let mut last = 0.0;
        for d in [1.0, 10.0, 100.0, 1e4, 1e8] {
            assert!(scale.loss(d) > last, "grows with the distance");
            last = scale.loss(d);
        }
    }

    #[test]
    fn figures_that_all_agree_still_have_a_loss_scale() {
        assert_eq!(LossScale::new(0.0, 2_000_000.0), LossScale(2.0));
        assert_eq!(LossScale::new(0.0, 0.0), LossScale(1e-6));
        assert!(LossScale::new(0.0, 5.0).loss(1.0) > 0.99);
    }

    #[test]
    fn label_losses_are_zero_or_one() {
        assert_eq!(label_loss(false), 0.0);
        assert_eq!(label_loss(true), 1.0);
    }

    #[test]
    fn the_spread_is_the_population_standard_deviation() {
        assert_eq!(spread([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]), 2.0);
        assert_eq!(spread([42.0]), 0.0);
        assert_eq!(spread(std::iter::empty()), 0.0);
        assert_eq!(spread([3.0, 3.0, 3.0]), 0.0);
    }

    #[test]
    fn a_voice_shares_its_weight_over_its_distinct_values() {
        assert_eq!(share(3.0, 1), 3.0);
        assert_eq!(share(3.0, 0), 3.0);
        assert_eq!(share(3.0, 3) * 3.0, 3.0);
    }

    #[test]
    fn weighted_median_is_order_free() {
        let points = [(5.0, 1.0), (1.0, 0.5), (9.0, 2.0), (3.0, 0.7), (5.0, 0.1)];
        let mut a = points;
        let mut b = points;
        b.reverse();
        let mut c = points;
        c.swap(0, 3);
        let m = weighted_median(&mut a);
        assert_eq!(m, weighted_median(&mut b));
        assert_eq!(m, weighted_median(&mut c));
        assert_eq!(m, Some(5.0));
    }

    #[test]
    fn weighted_median_minimises_the_weighted_absolute_deviation() {
        let points = [(1.0, 0.4), (2.0, 1.1), (4.0, 0.3), (8.0, 0.9), (16.0, 0.2)];
        let cost = |x: f64| points.iter().map(|&(v, w)| w * (x - v).abs()).sum::<f64>();
        let m = weighted_median(&mut points.clone()).unwrap();
        for &(v, _) in &points {
            assert!(cost(m) <= cost(v) + 1e-12, "{m} against {v}");
        }
    }

    #[test]
    fn weighted_median_takes_the_lower_figure_on_a_tie() {
        assert_eq!(weighted_median(&mut [(2000.0, 1.0), (1000.0, 1.0)]), Some(1000.0));
        // A tie that the order of the additions blurs is still a tie: 0.3 + 0.1 + 0.2 is
        // 0.6000000000000001, whose half is above 0.3.
        let mut blurred = [(1.0, 0.3), (2.0, 0.1), (3.0, 0.2)];
        assert_eq!(weighted_median(&mut blurred), Some(1.0));
    }

    #[test]
    fn weighted_median_of_nothing_is_none_and_of_no_weight_the_plain_lower_median() {
        assert_eq!(weighted_median(&mut []), None);
        assert_eq!(
            weighted_median(&mut [(4.0, 0.0), (1.0, 0.0), (3.0, 0.0), (2.0, 0.0)]),
            Some(2.0)
        );
        assert_eq!(weighted_median(&mut [(3.0, 0.0), (1.0, 0.0), (2.0, 0.0)]), Some(2.0));
    }

    #[test]
    fn weighted_quantiles_are_ordered() {
        let sorted = [(1.0, 0.3), (2.0, 0.1), (3.0, 0.9), (4.0, 0.2), (7.0, 0.5)];
        let total = sorted.iter().map(|p| p.1).sum();
        let q = |q| weighted_quantile(&sorted, q, total, |p| p.0, |p| p.1).unwrap();
        assert!(q(0.0) <= q(0.25) && q(0.25) <= q(0.5) && q(0.5) <= q(0.75) && q(0.75) <= q(1.0));
        assert_eq!((q(0.0), q(1.0)), (1.0, 7.0));
    }

    #[test]
    fn a_vote_turns_on_weight_not_on_rounding() {
        assert!(outweighs(2.0, 1.0));
        assert!(!outweighs(1.0, 2.0));
        assert!(!outweighs(0.1 + 0.2, 0.3) && !outweighs(0.3, 0.1 + 0.2));
        assert!(!outweighs(1e6 + 1e-7, 1e6), "rounding scales with the sums");
        assert!(outweighs(1e6 + 1.0, 1e6));
    }

    #[test]
    fn a_phrase_stands_for_its_own_figure_a_range_for_its_middle_a_vague_word_for_its_floor() {
        let policy = Policy::default();
        assert_eq!(representative(&magnitude("about 1,000"), &policy), 1000.0);
        assert_eq!(representative(&magnitude("more than 1,300"), &policy), 1300.0);
        assert_eq!(representative(&magnitude("50-60"), &policy), 55.0);
        let dozens = magnitude("dozens");
        assert_eq!(representative(&dozens, &policy), dozens.interval(&policy).low().value);
        assert_eq!(representative_of_interval(&Interval::closed(10.0, 20.0)), 15.0);
        assert_eq!(representative_of_interval(&Interval::at_least(10.0)), 10.0);
    }

    #[test]
    fn label_keys_ignore_case_and_spacing_and_keep_kinds_apart() {
        let a = Label::new("Marianne  Borgen").unwrap();
        let b = Label::new("marianne borgen").unwrap();
        assert_eq!(label_key(&a), label_key(&b));
        assert_eq!(value_key(&Value::Category(a)), value_key(&Value::Category(b)));
        let yes = Label::new("yes").unwrap();
        assert_ne!(value_key(&Value::Category(yes)), value_key(&Value::YesNo(true)));
        let set = |items: &[&str]| {
            Value::Set(ItemSet::new(items.iter().map(|i| Label::new(i).unwrap())).unwrap())
        };
        assert_eq!(
            value_key(&set(&["Belarus", "armenia"])),
            value_key(&set(&["ARMENIA", "belarus"]))
        );
        assert_eq!(value_key(&set(&["Belarus", "armenia"])), "{armenia, belarus}");
    }

    #[test]
    fn value_keys_are_the_lowercased_text_for_labels_and_the_text_otherwise() {
        // The rule `Reconciler` has keyed values by since its first version.
        let category = Value::Category(Label::new("Civil  War").unwrap());
        assert_eq!(value_key(&category), category.to_string().to_lowercase());
        let yes = Value::YesNo(true);
        assert_eq!(value_key(&yes), yes.to_string());
    }

    fn allowed(low: f64, high: f64, weight: f64) -> Allowed {
        Allowed { low, high, weight }
    }

    /// [`interval_median`], its ends sorted for this one call.
    fn median_of(claims: &[Allowed]) -> Option<f64> {
        let order = ends_order(claims.iter().map(|c| (c.low, c.high)));
        interval_median(claims, &order, &mut Vec::new())
    }

    /// The definition [`interval_median`] had before its ends were sorted once per epoch: the
    /// weighted median of every end, each with half its claim's weight, sorted in every call.
    fn median_sorting_every_time(claims: &[Allowed]) -> Option<f64> {
        let mut ends: Vec<(f64, f64)> = claims
            .iter()
            .flat_map(|c| [(c.low, c.weight / 2.0), (c.high, c.weight / 2.0)])
            .collect();
        let x = weighted_median(&mut ends)?;
        if x.is_finite() {
            return Some(x);
        }
        ends.iter().map(|e| e.0).filter(|v| v.is_finite()).reduce(f64::max)
    }

    /// Every end sorted by value, equal values by number: the order [`ends_order`] keeps
    /// whole where it cannot keep the claims' alone.
    fn every_end_in_order(claims: &[Allowed]) -> Vec<u32> {
        let values: Vec<f64> = claims.iter().flat_map(|c| [c.low, c.high]).collect();
        let mut order: Vec<u32> = (0..values.len() as u32).collect();
        order.sort_by(|&a, &b| values[a as usize].total_cmp(&values[b as usize]));
        order
    }

    proptest::proptest! {
        /// Points and floors are ordered by their low ends alone (4 bytes a claim), and that
        /// order reads back as the order of every end, ties and signed zeros included; a
        /// claim of another shape keeps every end.
        #[test]
        fn ends_ordered_by_low_ends_read_back_as_every_end_in_order(
            claims in proptest::collection::vec((0..6u8, 0..3u8), 0..24),
            interval in proptest::bool::ANY,
        ) {
            // Lows on a small grid with both zeros, so that ends tie; a point, a floor, or
            // (where `interval` asks) a point of -0 to +0, which is an interval.
            const LOWS: [f64; 6] = [-0.0, 0.0, 0.5, 0.5, 2.0, -1.0];
            let mut claims: Vec<Allowed> = claims
                .into_iter()
                .map(|(low, shape)| {
                    let low = LOWS[low as usize];
                    let high = if shape == 0 { f64::INFINITY } else { low };
                    allowed(low, high, 1.0)
                })
                .collect();
            if interval {
                claims.push(allowed(-0.0, 0.0, 1.0));
            }
            let order = ends_order(claims.iter().map(|c| (c.low, c.high)));
            proptest::prop_assert_eq!(matches!(order, EndsOrder::Lows(_)), !interval);
            let read: Vec<u32> = order.ends(&claims).collect();
            proptest::prop_assert_eq!(read, every_end_in_order(&claims));
        }

        /// Both medians from one sort are, to the bit, the medians of two sorts: the
        /// points sorted, then turned over and sorted again, on small grids where values
        /// (both zeros among them) tie and weights sum differently in another order.
        #[test]
        fn both_medians_of_one_sort_are_the_medians_of_two(
            points in proptest::collection::vec((0..8usize, 0..6usize), 0..24),
        ) {
            const VALUES: [f64; 8] = [-0.0, 0.0, 0.5, 0.5, 2.0, -1.0, 1e9, 3.0];
            const WEIGHTS: [f64; 6] = [1.0, 0.1, 0.2, 0.3, 1e-3, 0.0];
            let points: Vec<(f64, f64)> =
                points.iter().map(|&(v, w)| (VALUES[v], WEIGHTS[w])).collect();
            let mut twice = points.clone();
            let lower = weighted_median(&mut twice);
            for point in &mut twice {
                point.0 = -point.0;
            }
            let upper = weighted_median(&mut twice).map(|x| -x);
            let both = weighted_medians(&mut points.clone());
            let bits = |x: Option<f64>| x.map(f64::to_bits);
            proptest::prop_assert_eq!(bits(both.map(|b| b.0)), bits(lower));
            proptest::prop_assert_eq!(bits(both.map(|b| b.1)), bits(upper));
        }

        #[test]
        fn interval_median_over_presorted_ends_is_the_median_sorting_every_time(
            claims in proptest::collection::vec(
                (0..12u8, proptest::option::of(0..4u8), 0..6usize),
                0..24,
            ),
        ) {
            // Small grids, so that ends tie, claims repeat and weights are equal; weights whose
            // sums round differently in another order (0.1, 0.2, 0.3).
            const WEIGHTS: [f64; 6] = [1.0, 0.1, 0.2, 0.3, 1e-3, 2.5];
            let claims: Vec<Allowed> = claims
                .into_iter()
                .map(|(low, width, w)| {
                    let low = f64::from(low) * 0.5;
                    let high = width.map_or(f64::INFINITY, |d| low + f64::from(d));
                    allowed(low, high, WEIGHTS[w])
                })
                .collect();
            let (fast, slow) = (median_of(&claims), median_sorting_every_time(&claims));
            proptest::prop_assert_eq!(fast.map(f64::to_bits), slow.map(f64::to_bits));
        }
    }

    #[test]
    fn interval_median_of_plain_points_is_the_weighted_median() {
        let cases: [&[(f64, f64)]; 4] = [
            &[(14.0, 1.0), (183_133.0, 1.0), (183_833.0, 1.0)],
            &[(100.0, 2.0), (300.0, 1.0), (400.0, 1.0), (500.0, 1.0)],
            &[(1.0, 1.0), (2.0, 1.0)],
            &[(5.0, 0.2), (7.0, 3.0), (9.0, 0.5), (2.0, 0.1)],
        ];
        for points in cases {
            let claims: Vec<Allowed> = points.iter().map(|&(p, w)| allowed(p, p, w)).collect();
            assert_eq!(median_of(&claims), weighted_median(&mut points.to_vec()));
        }
        assert_eq!(median_of(&[]), None);
    }

    #[test]
    fn interval_median_has_the_least_loss_of_every_endpoint() {
        let claims = [
            allowed(100.0, 100.0, 1.0),
            allowed(250.0, 400.0, 0.7),
            allowed(300.0, f64::INFINITY, 1.3),
            allowed(90.0, 120.0, 0.4),
            allowed(500.0, 500.0, 0.9),
        ];
        let x = median_of(&claims).unwrap();
        let least = interval_loss(x, &claims);
        for c in &claims {
            for end in [c.low, c.high].into_iter().filter(|e| e.is_finite()) {
                assert!(least <= interval_loss(end, &claims) + 1e-9, "{end} beats {x}");
            }
        }
        // The lowest minimiser: a step down loses.
        assert!(interval_loss(x - 1e-6, &claims) > least);
    }

    #[test]
    fn interval_median_of_floors_alone_is_the_highest_floor() {
        let claims = [allowed(10.0, f64::INFINITY, 1.0), allowed(27.0, f64::INFINITY, 0.5)];
        assert_eq!(median_of(&claims), Some(27.0));
        assert_eq!(interval_loss(27.0, &claims), 0.0);
    }

    #[test]
    fn a_floor_above_a_lone_figure_pulls_the_median_up_to_it() {
        // A running total cannot fall: a heavier voice's earlier "at least 300" outweighs a
        // lighter voice's later 100.
        let claims = [allowed(100.0, 100.0, 1.0), allowed(300.0, f64::INFINITY, 2.0)];
        assert_eq!(median_of(&claims), Some(300.0));
    }
}
