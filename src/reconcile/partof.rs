//! Part-of constraints across groups: sub-counts above their totals, and lower bounds derived
//! from disjoint sub-counts.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use foldhash::fast::FixedState;

use crate::claim::Claim;
use crate::id::ClaimId;
use crate::subject::{Nature, Places, Population, Subject};
use crate::value::{Amount, Interval, Label, Magnitude, Number, Policy, Value};

use super::group::GroupData;
use super::reason::{Parts, RelationWhy};
use super::store::ClaimStore;
use super::voice::Voices;
use super::{DerivedBound, Group, Relation, RelationKind};

/// A derived bound and where it belongs.
#[derive(Debug, Clone)]
pub(crate) struct Derived {
    pub group: usize,
    pub bound: DerivedBound,
    pub voice: usize,
    /// When its report was published: a sum stated in a report is as recent as the report,
    /// where later reporting breaks a tie.
    pub published: Option<NaiveDate>,
}

/// Claims that come from one report: same document, else same outlet and date.
fn report_key<C: ClaimStore + ?Sized>(claims: &C, c: usize) -> String {
    match claims.document(c) {
        Some(d) => format!("doc:{d}"),
        None => format!("outlet:{}:{:?}", claims.outlet(c), claims.as_of(c)),
    }
}

/// The report of claim `c` in words: its document, else its outlet and the date it gives.
fn report_name<C: ClaimStore + ?Sized>(claims: &C, c: usize) -> String {
    match (claims.document(c), claims.as_of(c)) {
        (Some(d), _) => d.to_string(),
        (None, Some(day)) => format!("{}, {day}", claims.outlet(c)),
        (None, None) => claims.outlet(c).to_string(),
    }
}

fn ancestors(p: &Population) -> Vec<Population> {
    let mut out = Vec::new();
    let mut cur = p.parent();
    while let Some(a) = cur {
        cur = a.parent();
        out.push(a);
    }
    out
}

/// The place chain above a place: itself excluded, "unspecified" (None) last.
fn place_ancestors(place: Option<&Label>, places: &Places) -> Vec<Option<Label>> {
    let mut out = Vec::new();
    if let Some(p) = place {
        let mut cur = places.parent_of(p);
        while let Some(a) = cur {
            cur = places.parent_of(&a);
            out.push(Some(a));
        }
        out.push(None);
    }
    out
}

fn with_place(s: &Subject, place: Option<Label>) -> Subject {
    let base = Subject::new(s.measure().clone()).population(s.who().clone()).nature(s.behaviour());
    let base = match s.which_event() {
        Some(e) => base.event(e.clone()),
        None => base,
    };
    match place {
        Some(p) => base.place(p),
        None => base,
    }
}

/// Per total's group, the groups that count parts of its population (ancestors first met).
fn sub_counts(groups: &[GroupData]) -> BTreeMap<usize, Vec<usize>> {
    let index: HashMap<&Subject, usize, FixedState> =
        groups.iter().enumerate().map(|(i, g)| (&g.subject, i)).collect();
    let mut children: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for a in ancestors(g.subject.who()) {
            let total = g.subject.clone().population(a);
            if let Some(&ti) = index.get(&total) {
                children.entry(ti).or_default().push(gi);
            }
        }
    }
    children
}

/// "More than 1,300 police and military and 1,000 civilians injured": disjoint sub-counts from
/// one report add up to a lower bound on the total, which joins the total's group.
pub(crate) fn derive_bounds<C: ClaimStore + ?Sized>(
    claims: &C,
    groups: &mut [GroupData],
    policy: &Policy,
    voices: &Voices,
) -> Vec<Derived> {
    let children = sub_counts(groups);
    // Every claim's id, gathered when a first bound is derived: most tables derive none.
    let mut taken: Option<std::collections::HashSet<std::borrow::Cow<'_, str>>> = None;
    let mut out = Vec::new();
    for (ti, kids) in children {
        if kids.len() < 2 {
            continue;
        }
        // report -> population -> first claim
        let mut by_report: BTreeMap<String, BTreeMap<Population, usize>> = BTreeMap::new();
        for &k in &kids {
            let pop = groups[k].subject.who().clone();
            for &c in &groups[k].members {
                let slot = by_report.entry(report_key(claims, c)).or_default();
                slot.entry(pop.clone()).or_insert(c);
            }
        }
        for pops in by_report.into_values() {
            let mut chosen: Vec<(Population, usize)> = Vec::new();
            for (p, c) in pops {
                if chosen.iter().all(|(q, _)| p.is_disjoint_from(q)) {
                    chosen.push((p, c));
                }
            }
            if chosen.len() < 2 {
                continue;
            }
            let amounts: Vec<(&Amount, usize, &Population)> = chosen
                .iter()
                .filter_map(|(p, c)| match claims.value(*c) {
                    Value::Amount(a) => Some((a, *c, p)),
                    _ => None,
                })
                .collect();
            if amounts.len() != chosen.len() {
                continue;
            }
            let dim = amounts[0].0.unit.dimension();
            if amounts.iter().any(|(a, _, _)| a.unit.dimension() != dim) {
                continue;
            }
            let mut low = 0.0;
            let mut strict = false;
            for (a, _, _) in &amounts {
                let i: Interval = a.interval(policy);
                low += i.low().value;
                strict |= i.low().open;
            }
            // Parts within the limit may sum past it. The bound then says the most a number can:
            // "more than 10^15" is still true of a total at least the sum, and a total claimed
            // below it (every total claimed is) still conflicts with the parts, as it should; a
            // dropped bound would hide that the parts outgrow any total.
            let saturated = low > Number::MAX;
            let Ok(n) = Number::new(low.min(Number::MAX)) else { continue };
            let magnitude =
                if strict || saturated { Magnitude::MoreThan(n) } else { Magnitude::AtLeast(n) };
            let value = Value::Amount(Amount::new(magnitude, amounts[0].0.unit));
            let parts: Vec<String> = amounts.iter().map(|(a, _, p)| format!("{a} ({p})")).collect();
            let beyond = if saturated {
                format!(
                    " (the sum, {}, passes {}, the largest amount claimrecon holds)",
                    crate::value::grouped(low),
                    crate::value::grouped(Number::MAX)
                )
            } else {
                String::new()
            };
            // A derived id must not shadow a claim's: add primes until it is free.
            let taken = taken
                .get_or_insert_with(|| (0..claims.len()).map(|c| claims.id(c).as_str()).collect());
            let mut name = format!("derived-{}", out.len() + 1);
            while taken.contains(name.as_str()) {
                name.push('\'');
            }
            let Ok(id) = ClaimId::new(&name) else { continue };
            let first = amounts[0].1;
            let as_of = amounts.iter().filter_map(|(_, c, _)| claims.as_of(*c)).max();
            let reason = format!(
                "{} = {value} in all{beyond}, from one report ({})",
                parts.join(" + "),
                report_name(claims, first)
            );
            let published = amounts.iter().filter_map(|(_, c, _)| claims.published(*c)).max();
            out.push(Derived {
                group: ti,
                voice: voices.voice_of(first),
                published,
                bound: DerivedBound {
                    id,
                    from: amounts.iter().map(|(_, c, _)| claims.id(*c).clone()).collect(),
                    value,
                    as_of,
                    reason,
                },
            });
        }
    }
    out
}

fn part_of(sub: &Claim, total: &Claim, policy: &Policy) -> Option<(RelationKind, RelationWhy)> {
    let (Value::Amount(a), Value::Amount(b)) = (sub.value(), total.value()) else { return None };
    if a.unit.dimension() != b.unit.dimension() {
        return None;
    }
    let (ia, ib) = (a.interval(policy), b.interval(policy));
    let above = ib
        .high()
        .is_some_and(|h| ia.low().value > h.value || (ia.low().value == h.value && ia.low().open));
    let parts = Box::new(Parts {
        part: *a,
        part_subject: sub.subject().clone(),
        whole: *b,
        whole_subject: total.subject().clone(),
    });
    Some(if above {
        (RelationKind::SubCountAboveTotal, RelationWhy::SubCountAboveTotal(parts))
    } else {
        (RelationKind::PartOf, RelationWhy::PartOf(parts))
    })
}

/// Part-of relations between claims of one report about a part and its whole, and a check of
/// the part's estimate against the whole's.
pub(crate) fn relate(
    claims: &[Claim],
    groups: &[GroupData],
    out: &mut [Group],
    places: &Places,
    policy: &Policy,
) {
    let index: HashMap<&Subject, usize, FixedState> =
        groups.iter().enumerate().map(|(i, g)| (&g.subject, i)).collect();
    // Every claim by id, built only when an estimate is found above its total (rare): a
    // supporting figure may be a derived bound, which is no claim.
    let by_id = std::cell::OnceCell::new();
    let is_claim = |id: &ClaimId| by_id.get_or_init(|| super::index(claims)).contains_key(id);
    for (si, g) in groups.iter().enumerate() {
        let s = &g.subject;
        let mut pops = vec![s.who().clone()];
        pops.extend(ancestors(s.who()));
        let mut plcs = vec![s.where_().cloned()];
        plcs.extend(place_ancestors(s.where_(), places));
        let mut relations = Vec::new();
        for (pi, p) in pops.iter().enumerate() {
            for (li, l) in plcs.iter().enumerate() {
                if pi == 0 && li == 0 {
                    continue;
                }
                let whole = with_place(&s.clone().population(p.clone()), l.clone());
                let Some(&ti) = index.get(&whole) else { continue };
                let mut totals_by_report: BTreeMap<String, Vec<usize>> = BTreeMap::new();
                for &c in &groups[ti].members {
                    totals_by_report.entry(report_key(claims, c)).or_default().push(c);
                }
                for &c in &g.members {
                    for &t in totals_by_report.get(&report_key(claims, c)).into_iter().flatten() {
                        if let Some((kind, reason)) = part_of(&claims[c], &claims[t], policy) {
                            relations.push(Relation {
                                a: claims[c].id().clone(),
                                b: claims[t].id().clone(),
                                kind,
                                reason: reason.into(),
                                complement: false,
                            });
                        }
                    }
                }
                // The part's estimate against the whole's. Where the whole's is of an earlier
                // date and can change (not a fixed fact), the part's may be above it without a
                // contradiction (the total rose), but the total is out of date: said so.
                let (Some(pe), Some(te)) = (&out[si].estimate, &out[ti].estimate) else { continue };
                let nature = groups[ti].subject.behaviour();
                if !weighs(nature, pe.as_of, te.as_of) {
                    continue;
                }
                let earlier = out_of_date(nature, pe.as_of, te.as_of);
                if let (
                    super::Figure::Number { low, low_open, .. },
                    super::Figure::Number { high: Some(high), high_open, .. },
                ) = (&pe.figure, &te.figure)
                    && exceeds(*low, *low_open, *high, *high_open)
                    && let (Some(a), Some(b)) = (pe.supporting.first(), te.supporting.first())
                    && is_claim(a)
                    && is_claim(b)
                    && !relations.iter().any(|r: &Relation| &r.a == a && &r.b == b)
                {
                    relations.push(Relation {
                        a: a.clone(),
                        b: b.clone(),
                        kind: RelationKind::SubCountAboveTotal,
                        reason: RelationWhy::EstimateAboveTotal(Box::new((
                            vec![(out[si].subject.clone(), *low, *low_open)],
                            out[ti].subject.clone(),
                            *high,
                            earlier,
                        )))
                        .into(),
                        complement: false,
                    });
                }
            }
        }
        out[si].relations.extend(relations);
    }
    sums_above_totals(groups, out, &is_claim);
}

/// Whether a part's estimate of date `part` weighs against its whole's of date `whole`, in a
/// whole of `nature`: not where a changing state's are of different dates (its values at
/// different dates may all be true: 1,000 police on the 5th say nothing of a total on the 12th).
/// One rule for one part and for parts that add up.
fn weighs(nature: Nature, part: Option<NaiveDate>, whole: Option<NaiveDate>) -> bool {
    nature != Nature::ChangingState || part == whole
}

/// Where the whole's estimate (of date `whole`) is of an earlier date than the part's (`part`)
/// and can change (not a fixed fact), the two dates: the total may have risen since, or one of
/// them is wrong.
fn out_of_date(
    nature: Nature,
    part: Option<NaiveDate>,
    whole: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate)> {
    match (part, whole) {
        (Some(a), Some(b)) if a > b && nature != Nature::FixedFact => Some((a, b)),
        _ => None,
    }
}

/// Whether parts whose lows add up to `low` (excluded where `open`: "more than 82") exceed a
/// whole whose high is `high` (excluded where `high_open`).
fn exceeds(low: f64, open: bool, high: f64, high_open: bool) -> bool {
    low > high || (low == high && (open || high_open))
}

/// A group's estimate as a number: its low and whether excluded, its high and whether
/// excluded, its unit, its date and its first supporting claim (not a derived bound).
type AsNumber =
    (f64, bool, Option<f64>, bool, Option<crate::unit::Unit>, Option<NaiveDate>, ClaimId);

fn as_number(g: &Group, is_claim: &dyn Fn(&ClaimId) -> bool) -> Option<AsNumber> {
    let e = g.estimate.as_ref()?;
    let super::Figure::Number { low, low_open, high, high_open, unit, .. } = &e.figure else {
        return None;
    };
    let first = e.supporting.iter().find(|id| is_claim(id))?.clone();
    Some((*low, *low_open, *high, *high_open, *unit, e.as_of, first))
}

/// Disjoint parts' estimates from different groups whose lows add up past their whole's high
/// (DESIGN.md rule 3: 18 security officers killed by one voice's count and 150 civilians by
/// another's mean at least 168 killed, which a third voice's 164 does not allow), where no part
/// alone exceeds it (the check of each part in [`relate`] says so) and, for a changing state,
/// every part is of the whole's date ([`weighs`]). Of the parts' sets that are pairwise
/// disjoint ([`Population::is_disjoint_from`]), the one whose lows add up the most. Each
/// part's first supporting claim is related to the whole's, in the whole's group, all with the
/// same words, which [`super::findings`] make one finding.
fn sums_above_totals(groups: &[GroupData], out: &mut [Group], is_claim: &dyn Fn(&ClaimId) -> bool) {
    for (ti, kids) in sub_counts(groups) {
        let Some((_, _, Some(high), high_open, unit, whole_as_of, total)) =
            as_number(&out[ti], is_claim)
        else {
            continue;
        };
        let nature = groups[ti].subject.behaviour();
        // Parts with a number of the whole's unit, a claim behind it, a date it weighs at, and
        // a rival to be disjoint from: at most the six exclusive populations, so every set of
        // them can be tried.
        let parts: Vec<(usize, AsNumber)> = kids
            .iter()
            .filter_map(|&k| {
                let n = as_number(&out[k], is_claim)?;
                let fits = !exceeds(n.0, n.1, high, high_open);
                (n.4 == unit && fits && weighs(nature, n.5, whole_as_of)).then_some((k, n))
            })
            .collect();
        let who = |k: usize| groups[k].subject.who();
        let parts: Vec<(usize, AsNumber)> = parts
            .iter()
            .filter(|(k, _)| parts.iter().any(|(j, _)| who(*k).is_disjoint_from(who(*j))))
            .take(12)
            .cloned()
            .collect();
        let members = |set: u32| (0..parts.len()).filter(move |i| set & (1 << i) != 0);
        let disjoint = |set: u32| {
            members(set).all(|i| {
                members(set).all(|j| i == j || who(parts[i].0).is_disjoint_from(who(parts[j].0)))
            })
        };
        let sum = |set: u32| members(set).map(|i| parts[i].1.0).sum::<f64>();
        let open = |set: u32| members(set).any(|i| parts[i].1.1);
        let best = (0..1u32 << parts.len())
            .filter(|set| set.count_ones() >= 2 && disjoint(*set))
            .max_by(|&a, &b| sum(a).total_cmp(&sum(b)).then(open(a).cmp(&open(b))).then(b.cmp(&a)));
        let Some(set) = best.filter(|&set| exceeds(sum(set), open(set), high, high_open)) else {
            continue;
        };
        let as_of = members(set).filter_map(|i| parts[i].1.5).max();
        let earlier = out_of_date(nature, as_of, whole_as_of);
        let listed = members(set)
            .map(|i| (out[parts[i].0].subject.clone(), parts[i].1.0, parts[i].1.1))
            .collect();
        let why = RelationWhy::EstimateAboveTotal(Box::new((
            listed,
            out[ti].subject.clone(),
            high,
            earlier,
        )));
        let relations: Vec<Relation> = members(set)
            .map(|i| Relation {
                a: parts[i].1.6.clone(),
                b: total.clone(),
                kind: RelationKind::SubCountAboveTotal,
                reason: why.clone().into(),
                complement: false,
            })
            .collect();
        out[ti].relations.extend(relations);
    }
}
