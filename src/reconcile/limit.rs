//! How many claims one reconciliation holds, and the 32-bit indices that limit allows: a
//! module of its own, which the scoring state, the estimator and the bulk reader all use
//! without importing one another for it.

/// The most claims one reconciliation holds (2^30, about a billion; `Reconciler::reconcile`
/// rejects the claims past it), so that every index the scoring state holds fits in a `u32`.
///
/// Each index is below the number of observations, the claims and the derived bounds: a bound
/// adds up at least two claims of one report, and a claim goes into at most one bound for each
/// population above its own (three at most: above police come security forces, non-militants
/// and all), so there are at most 1.5 bounds per claim, and at most 2.5 · 2^30 < 2^32
/// observations. One epoch holds at most 2^30 of them: its group's g claims and the bounds
/// derived for the group, at most one a report, each adding up at least two claims of other
/// groups (`partof::derive_bounds`), so at most (2^30 - g) / 2 bounds beside the g claims; an
/// index into an epoch's figures (or twice that, its ends: `crh::ends_order`) fits too.
///
/// A billion claims take far more memory than the scoring state (a `Claim` is about a hundred
/// bytes before its texts), so the limit costs no table that fits.
pub(crate) const MAX_CLAIMS: usize = 1 << 30;

/// `i`, an index below the number of observations, as an observation holds it (see
/// [`MAX_CLAIMS`], which keeps every such index within a `u32`).
pub(crate) fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or_else(|_| unreachable!("index {i} past MAX_CLAIMS' bound"))
}
