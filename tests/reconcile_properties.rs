//! Invariants of claim merging, stated by name.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use claimrecon::*;
use proptest::prelude::*;

const OUTLETS: [&str; 6] =
    ["Alpha News", "Beta Daily", "Gamma TV", "Delta Post", "Epsilon", "Zeta"];
const WIRES: [&str; 2] = ["Wire One", "Wire Two"];
const SPEAKERS: [&str; 3] = ["the ministry", "the UN", "a hospital"];

#[derive(Debug, Clone)]
struct Spec {
    subject: usize,
    phrase: String,
    outlet: usize,
    wire: Option<usize>,
    speaker: Option<usize>,
    published: u32,
    as_of: Option<u32>,
}

fn subject(i: usize) -> Subject {
    let kz = Label::new("Kazakhstan").unwrap();
    match i {
        0 => Subject::new(Measure::Deaths).place(kz),
        1 => Subject::new(Measure::Deaths).population(Population::SecurityForces).place(kz),
        2 => Subject::new(Measure::Injured).place(kz),
        3 => Subject::new(Measure::Injured).population(Population::SecurityForces).place(kz),
        4 => Subject::new(Measure::Injured).population(Population::Civilians).place(kz),
        5 => Subject::new(Measure::Deaths).place(Label::new("Almaty").unwrap()),
        6 => Subject::new(Measure::Status(Label::new("help requested").unwrap())),
        7 => Subject::new(Measure::Hours),
        // Fixed facts, which a source corrects by giving them anew.
        9 => Subject::new(Measure::Status(Label::new("curfew").unwrap())).nature(Nature::FixedFact),
        10 => Subject::new(Measure::EventDate).place(kz),
        _ => Subject::new(Measure::TroopsDeployed),
    }
}

fn phrase_for(subject: usize) -> BoxedStrategy<String> {
    match subject {
        6 | 9 => prop::sample::select(vec!["yes", "no", "unknown"]).prop_map(str::to_owned).boxed(),
        10 => prop::sample::select(vec!["2 January", "3 January", "early January", "4 January"])
            .prop_map(str::to_owned)
            .boxed(),
        7 => prop::sample::select(vec![
            "23:00-07:00",
            "07:00-23:00",
            "22:00-06:00",
            "from 11 p.m. to 7 a.m.",
        ])
        .prop_map(str::to_owned)
        .boxed(),
        _ => prop_oneof![
            (1u32..3000).prop_map(|n| n.to_string()),
            (1u32..3000).prop_map(|n| format!("about {n}")),
            (1u32..3000).prop_map(|n| format!("more than {n}")),
            (1u32..100, 1u32..100).prop_map(|(a, b)| format!("{}-{}", a.min(b), a.max(b))),
            prop::sample::select(vec!["dozens", "hundreds", "did not disclose"])
                .prop_map(str::to_owned),
        ]
        .boxed(),
    }
}

fn spec() -> impl Strategy<Value = Spec> {
    (0usize..11).prop_flat_map(|s| {
        (
            Just(s),
            phrase_for(s),
            0..OUTLETS.len(),
            prop::option::weighted(0.3, 0..WIRES.len()),
            prop::option::weighted(0.4, 0..SPEAKERS.len()),
            1u32..28,
            prop::option::weighted(0.3, 1u32..28),
        )
            .prop_map(|(subject, phrase, outlet, wire, speaker, published, as_of)| Spec {
                subject,
                phrase,
                outlet,
                wire,
                speaker,
                published,
                as_of,
            })
    })
}

fn build(index: usize, spec: &Spec) -> Claim {
    let mut provenance = Provenance::new(SourceId::new(OUTLETS[spec.outlet]).unwrap())
        .published(NaiveDate::from_ymd_opt(2022, 1, spec.published).unwrap());
    if let Some(wire) = spec.wire {
        provenance = provenance.relayed_via(SourceId::new(WIRES[wire]).unwrap());
    }
    if let Some(speaker) = spec.speaker {
        provenance = provenance.speaker(Label::new(SPEAKERS[speaker]).unwrap());
    }
    let id = ClaimId::new(&format!("c{index:03}")).unwrap();
    let claim =
        Claim::parse(id, subject(spec.subject), &spec.phrase, provenance, &Parser::default())
            .unwrap();
    match spec.as_of {
        Some(day) => claim.with_as_of(NaiveDate::from_ymd_opt(2022, 1, day).unwrap()),
        None => claim,
    }
}

fn claims() -> impl Strategy<Value = Vec<Claim>> {
    prop::collection::vec(spec(), 1..40)
        .prop_map(|specs| specs.iter().enumerate().map(|(i, s)| build(i, s)).collect())
}

/// Claims where some ids repeat, so the rejected list is exercised.
fn claims_with_repeated_ids() -> impl Strategy<Value = Vec<Claim>> {
    (prop::collection::vec(spec(), 1..30), prop::collection::vec(0usize..30, 0..5)).prop_map(
        |(specs, repeats)| {
            let mut out: Vec<Claim> = specs.iter().enumerate().map(|(i, s)| build(i, s)).collect();
            for r in repeats {
                let i = r % specs.len();
                out.push(build(i, &specs[(i + 1) % specs.len()]));
            }
            out
        },
    )
}

fn figures(r: &Reconciliation) -> BTreeMap<String, Option<Figure>> {
    r.groups
        .iter()
        .map(|g| (g.subject.to_string(), g.estimate.as_ref().map(|e| e.figure.clone())))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn order_of_input_claims_does_not_change_the_result(
        (claims, shuffled) in claims().prop_flat_map(|c| (Just(c.clone()), Just(c).prop_shuffle()))
    ) {
        let reconciler = Reconciler::new();
        prop_assert_eq!(reconciler.reconcile(claims), reconciler.reconcile(shuffled));
    }

    #[test]
    fn every_claim_lands_in_exactly_one_group(claims in claims_with_repeated_ids()) {
        let r = Reconciler::new().reconcile(claims.clone());
        let mut seen: BTreeMap<&ClaimId, usize> = BTreeMap::new();
        for id in r.groups.iter().flat_map(|g| &g.claims) {
            *seen.entry(id).or_default() += 1;
        }
        prop_assert_eq!(seen.len() + r.rejected.len(), claims.len());
        prop_assert!(seen.values().all(|&n| n == 1));
        for g in &r.groups {
            prop_assert_eq!(g.ranks.len(), g.claims.len());
        }
    }

    #[test]
    fn preferred_claims_never_conflict_and_every_one_allows_the_estimate(claims in claims()) {
        let r = Reconciler::new().reconcile(claims);
        let policy = Policy::default();
        for g in &r.groups {
            let preferred: Vec<&ClaimId> =
                g.ranks.iter().filter(|x| x.rank == Rank::Preferred).map(|x| &x.claim).collect();
            for rel in &g.relations {
                if preferred.contains(&&rel.a) && preferred.contains(&&rel.b) {
                    prop_assert!(!rel.kind.is_conflict(), "{} ~ {}: {}", rel.a, rel.b, rel.reason);
                }
            }
            if let Some(Figure::Number { low, best, high, .. }) = g.estimate.as_ref().map(|e| &e.figure) {
                prop_assert!(low <= best && high.is_none_or(|h| *best <= h));
                for id in &preferred {
                    let claim = r.claims.iter().find(|c| &c.id() == id).unwrap();
                    if let Some(i) = claim.value().interval(&policy) {
                        // Or a count of a cluster of counts (`Policy::close`): a figure given
                        // to the digit between low and high, which lie within 10 % of each
                        // other.
                        let x = i.low().value;
                        let one_count = i.is_point()
                            && high.is_some_and(|h| {
                                *low - 1e-9 <= x && x <= h + 1e-9 && h - low <= 0.1 * h + 1e-9
                            });
                        if one_count {
                            continue;
                        }
                        prop_assert!(i.low().value <= *low + 1e-9, "{id}: {i} vs low {low}");
                        if let (Some(ch), Some(h)) = (i.high(), high) {
                            prop_assert!(*h <= ch.value + 1e-9, "{id}: {i} vs high {h}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn reconciling_again_changes_nothing(claims in claims()) {
        let reconciler = Reconciler::new();
        let once = reconciler.reconcile(claims);
        let twice = reconciler.reconcile(once.claims.clone());
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn an_echo_through_the_same_wire_changes_no_estimate_and_no_score(
        claims in claims(),
        pick in any::<prop::sample::Index>(),
    ) {
        let reconciler = Reconciler::new();
        let before = reconciler.reconcile(claims.clone());
        let original = &claims[pick.index(claims.len())];
        let p = original.provenance();
        let wire = p.via().unwrap_or(p.outlet()).clone();
        let mut echo_p = Provenance::new(SourceId::new("Echo Outlet").unwrap()).relayed_via(wire);
        if let Some(d) = p.published_on() {
            echo_p = echo_p.published(d);
        }
        if let Some(s) = p.said_by() {
            echo_p = echo_p.speaker(s.clone());
        }
        let mut echo = Claim::new(ClaimId::new("zz-echo").unwrap(), original.subject().clone(), original.value().clone(), echo_p);
        if let Some(d) = original.as_of() {
            echo = echo.with_as_of(d);
        }
        let mut with_echo = claims.clone();
        with_echo.push(echo);
        let after = reconciler.reconcile(with_echo);
        prop_assert_eq!(figures(&before), figures(&after));
        for s in &before.sources {
            let t = after.source(&s.source).unwrap();
            prop_assert_eq!((s.reliability, s.agreement), (t.reliability, t.agreement), "{}", s.source);
        }
        let voices = |r: &Reconciliation| -> BTreeMap<String, (Option<Score>, Option<Score>)> {
            r.voices.iter().map(|v| (v.voice.to_string(), (v.reliability, v.agreement))).collect()
        };
        let (vb, va) = (voices(&before), voices(&after));
        for (name, scores) in &vb {
            if let Some(after_scores) = va.get(name) {
                prop_assert_eq!(scores, after_scores, "{}", name);
            }
        }
    }

    #[test]
    fn scores_stay_in_the_unit_interval(claims in claims()) {
        let r = Reconciler::new().reconcile(claims);
        let scores = r.sources.iter().flat_map(|s| [s.agreement, s.reliability])
            .chain(r.voices.iter().flat_map(|v| [v.agreement, v.reliability]))
            .flatten();
        for s in scores {
            prop_assert!((0.0..=1.0).contains(&s.get()));
        }
    }

    #[test]
    fn an_estimates_support_is_a_share_and_its_spread_is_ordered_and_only_for_numbers(claims in claims()) {
        let r = Reconciler::new().reconcile(claims);
        for e in r.groups.iter().filter_map(|g| g.estimate.as_ref()) {
            prop_assert!((0.0..=1.0 + 1e-12).contains(&e.support), "{}", e.support);
            match (&e.figure, e.spread) {
                (Figure::Number { .. }, Some((q1, q3))) => {
                    prop_assert!(q1.is_finite() && q3.is_finite() && q1 <= q3, "{q1} {q3}");
                }
                (Figure::Number { .. }, None) => prop_assert!(false, "a number without spread"),
                (_, spread) => prop_assert!(spread.is_none(), "{} has {spread:?}", e.figure),
            }
            if matches!(e.figure, Figure::Undecided { .. }) {
                // Plus zero: an empty sum of floats is minus zero, which JSON would show.
                prop_assert!(e.support.to_bits() == 0.0f64.to_bits(), "{}", e.support);
            }
        }
    }

    /// Under the close rule (the default) and read strictly (`Policy::close(0.0)`): a count
    /// of a cluster of close counts agrees with the estimate and reports no loss, wherever it
    /// lies between the cluster's low and high.
    #[test]
    fn a_source_agreeing_with_every_estimate_scores_at_least_as_high_as_one_contradicting_them(claims in claims()) {
        for policy in [Policy::default(), Policy::default().close(0.0)] {
            let r = Reconciler::new().policy(policy.clone()).reconcile(claims.clone());
            let all_agree: Vec<&SourceReport> = r.sources.iter().filter(|s| s.agreement.is_some_and(|a| a.get() == 1.0)).collect();
            let all_contradict: Vec<&SourceReport> = r.sources.iter().filter(|s| s.agreement.is_some_and(|a| a.get() == 0.0)).collect();
            for good in &all_agree {
                for bad in &all_contradict {
                    prop_assert!(good.reliability >= bad.reliability, "{} vs {} ({policy:?})", good.source, bad.source);
                }
            }
        }
    }

    #[test]
    fn merging_reconciliations_of_disjoint_sets_equals_reconciling_their_union(
        claims in claims(),
        cut in any::<prop::sample::Index>(),
    ) {
        let reconciler = Reconciler::new();
        let k = cut.index(claims.len() + 1);
        let (a, b) = claims.split_at(k);
        let merged = reconciler.merge(reconciler.reconcile(a.to_vec()), reconciler.reconcile(b.to_vec()));
        prop_assert_eq!(merged, reconciler.reconcile(claims.clone()));
        let streamed = reconciler.extend(reconciler.reconcile(a.to_vec()), b.to_vec());
        prop_assert_eq!(streamed, reconciler.reconcile(claims));
    }
}
