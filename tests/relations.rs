//! A group's relations (`Relations`): order, reading one by index, and the JSON round trip.

use chrono::NaiveDate;
use claimrecon::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, d).unwrap()
}

fn injured(who: Population) -> Subject {
    Subject::new(Measure::Injured).population(who)
}

fn claim(id: &str, subject: Subject, phrase: &str, outlet: &str, d: u32) -> Claim {
    let provenance = Provenance::new(SourceId::new(outlet).unwrap())
        .document(DocumentId::new(&format!("{outlet}-{d}")).unwrap())
        .published(day(d));
    Claim::parse(ClaimId::new(id).unwrap(), subject, phrase, provenance, &Parser::default())
        .unwrap()
}

/// Sub-counts and totals from the same reports (so part-of relations and a derived bound),
/// and a group larger than `all_pairs_up_to` (neighbours and anchor).
fn corpus() -> Vec<Claim> {
    let mut claims = vec![
        claim("sf-a", injured(Population::SecurityForces), "300", "A", 10),
        claim("civ-a", injured(Population::Civilians), "700", "A", 10),
        claim("all-a", injured(Population::All), "about 1,000", "A", 10),
        claim("sf-b", injured(Population::SecurityForces), "more than 400", "B", 12),
        claim("all-b", injured(Population::All), "350", "B", 12),
    ];
    for (i, figure) in ["160", "164", "170", "225", "230", "231", "240", "300", "310", "320", "164"]
        .iter()
        .enumerate()
    {
        claims.push(claim(
            &format!("d{i:02}"),
            Subject::new(Measure::Deaths),
            figure,
            &format!("O{}", i % 4),
            1 + i as u32,
        ));
    }
    claims
}

fn is_part_of(kind: RelationKind) -> bool {
    matches!(kind, RelationKind::PartOf | RelationKind::SubCountAboveTotal)
}

#[test]
fn relations_read_by_index_and_by_iterating_agree() {
    let r = Reconciler::new().reconcile(corpus());
    let mut seen = 0;
    for g in &r.groups {
        let rels = &g.relations;
        assert_eq!(rels.iter().len(), rels.len());
        assert_eq!(rels.iter().count(), rels.len());
        assert_eq!(rels.is_empty(), rels.iter().next().is_none());
        assert!(rels.get(rels.len()).is_none());
        assert!(rels.get(usize::MAX).is_none());
        for (i, rel) in rels.iter().enumerate() {
            assert_eq!(rels.get(i).as_ref(), Some(&rel));
            // `relation` finds it (the first relation of that pair, in either order).
            let found = r.relation(&rel.b, &rel.a).expect("found");
            assert!(found.a == rel.a && found.b == rel.b || found.a == rel.b && found.b == rel.a);
            seen += 1;
        }
        let mut it = rels.iter();
        for left in (0..=rels.len()).rev() {
            assert_eq!(it.size_hint(), (left, Some(left)));
            assert_eq!(it.len(), left);
            it.next();
        }
        assert!(it.next().is_none(), "fused after the end");
        assert_eq!(format!("{rels:?}"), format!("{:?}", rels.iter().collect::<Vec<_>>()));
    }
    assert!(seen > 0);
}

#[test]
fn part_of_relations_come_after_the_pairs() {
    let r = Reconciler::new().reconcile(corpus());
    let sf = r.group(&injured(Population::SecurityForces)).unwrap();
    let kinds: Vec<RelationKind> = sf.relations.iter().map(|rel| rel.kind).collect();
    let first_part = kinds.iter().position(|&k| is_part_of(k)).expect("a part-of relation");
    assert!(first_part > 0, "pairs first: {kinds:?}");
    assert!(kinds[first_part..].iter().all(|&k| is_part_of(k)), "{kinds:?}");
    // A part-of relation is found by its ids like a pair.
    let part = sf.relations.get(first_part).unwrap();
    assert_eq!(r.relation(&part.a, &part.b).as_ref(), Some(&part));
    // The total has a derived bound, related to its claims by id.
    let all = r.group(&injured(Population::All)).unwrap();
    assert!(!all.derived.is_empty());
    let derived = &all.derived[0].id;
    assert!(all.relations.iter().any(|rel| &rel.a == derived || &rel.b == derived));
}

#[test]
fn a_large_group_relates_neighbours_and_the_anchor() {
    let r = Reconciler::new().reconcile(corpus());
    let deaths = r.group(&Subject::new(Measure::Deaths)).unwrap();
    let n = deaths.claims.len();
    assert!(n > 8);
    // Neighbours (n - 1), then every figure more than one place from the anchor.
    assert!(deaths.relations.len() >= n - 1 && deaths.relations.len() <= 2 * n - 3);
    for (j, rel) in deaths.relations.iter().take(n - 1).enumerate() {
        assert_eq!((&rel.a, &rel.b), (&deaths.claims[j], &deaths.claims[j + 1]));
    }
}

#[test]
fn relations_round_trip_through_json() {
    let r = Reconciler::new().reconcile(corpus());
    let json = serde_json::to_string(&r).unwrap();
    let back: Reconciliation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    for (g, h) in r.groups.iter().zip(&back.groups) {
        assert_eq!(g.relations, h.relations);
        assert_eq!(h.relations, g.relations);
        assert_eq!(g.relations.len(), h.relations.len());
        for (a, b) in g.relations.iter().zip(&h.relations) {
            assert_eq!(a.reason, b.reason);
            assert_eq!(a.reason, a.reason.to_string().as_str());
        }
        // A group's relations serialise as the list of its relations.
        let list: Vec<Relation> = g.relations.iter().collect();
        assert_eq!(
            serde_json::to_value(&g.relations).unwrap(),
            serde_json::to_value(&list).unwrap()
        );
        assert_eq!(Relations::from(list.clone()), g.relations);
    }
    let relations: Relations = serde_json::from_str("[]").unwrap();
    assert!(relations.is_empty());
    assert_eq!(relations, Relations::default());
    assert_eq!(format!("{relations:?}"), "[]");
}

/// A sub-count of a later date above the total's latest estimate: the total may have risen,
/// but it is out of date, and a newsroom wants to know. Two outlets' 1,000 injured on the 7th,
/// then "more than 1,300" police injured on the 9th, gave no finding (the check ran only where
/// the total was not earlier). It is now a sub-count above total finding that gives both
/// dates and says what it may mean; of the same day, the words are as before. A fixed fact's
/// date does not matter: its sub-count above the total is a contradiction whatever the dates.
#[test]
fn a_later_sub_count_above_the_total_says_the_total_is_out_of_date() {
    let run = |police_day: u32| {
        Reconciler::new().reconcile(vec![
            claim("a", injured(Population::All), "1,000", "A", 7),
            claim("c", injured(Population::All), "1,000", "C", 7),
            claim("p", injured(Population::Police), "more than 1,300", "B", police_day),
        ])
    };
    let above = |r: &Reconciliation| -> Vec<String> {
        let found = r.findings.iter().filter(|f| f.kind == FindingKind::SubCountAboveTotal);
        found.map(|f| f.message.to_string()).collect()
    };
    let later = above(&run(9));
    assert_eq!(later.len(), 1, "{later:?}");
    assert!(
        later[0].contains(
            "(more than 1,300, as of 9 Jan 2022) exceeds the latest estimate for injured (at \
             most 1,000, as of 7 Jan 2022): the total has risen since, or one of them is wrong"
        ),
        "{later:?}"
    );
    let same = above(&run(7));
    assert_eq!(same.len(), 1, "{same:?}");
    assert!(same[0].ends_with("exceeds the estimate for injured (at most 1,000)"), "{same:?}");
    // A fixed fact (a count of one event, stated once and for all): no "risen since".
    let fixed = |who: Population| injured(who).nature(Nature::FixedFact);
    let r = Reconciler::new().reconcile(vec![
        claim("a", fixed(Population::All), "1,000", "A", 7),
        claim("p", fixed(Population::Police), "more than 1,300", "B", 9),
    ]);
    let words = above(&r);
    assert_eq!(words.len(), 1, "{words:?}");
    assert!(!words[0].contains("risen since"), "{words:?}");
}

/// DESIGN.md rule 3 across voices: disjoint sub-counts that add up past the total cannot all
/// be right. One voice's 164 killed, another's 18 security officers and a third's 150
/// civilians gave no finding (only sub-counts of one report were added up); they are now one
/// sub-count above total finding naming the three claims. Parts that fit, parts that overlap
/// (police are security forces) and a part that alone exceeds the total (its own finding) give
/// no such finding; of the disjoint sets, the one that adds up the most is named.
#[test]
fn disjoint_sub_counts_of_different_voices_that_add_up_past_the_total_are_one_finding() {
    let killed = |who: Population| Subject::new(Measure::Deaths).population(who);
    let run = |parts: &[(&str, Population, &str, u32)], total_day: u32| {
        let mut claims = vec![claim("all", killed(Population::All), "164", "A", total_day)];
        for (i, (id, who, figure, d)) in parts.iter().enumerate() {
            claims.push(claim(id, killed(who.clone()), figure, &format!("O{i}"), *d));
        }
        let r = Reconciler::new().reconcile(claims);
        let found = r.findings.iter().filter(|f| f.kind == FindingKind::SubCountAboveTotal);
        found.map(|f| (f.message.to_string(), f.claims.clone())).collect::<Vec<_>>()
    };
    let ids = |list: &[&str]| list.iter().map(|id| ClaimId::new(id).unwrap()).collect::<Vec<_>>();
    let sf = Population::SecurityForces;
    let civ = Population::Civilians;
    let found = run(&[("sf", sf.clone(), "18", 10), ("civ", civ.clone(), "150", 10)], 10);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].0.ends_with(
            "the estimates for deaths (security forces) (at least 18) and deaths (civilians) \
             (at least 150) add up to at least 168, which exceeds the estimate for deaths \
             (at most 164)"
        ),
        "{found:?}"
    );
    assert_eq!(found[0].1, ids(&["all", "civ", "sf"]));
    // Of a later date than the total: it may have risen.
    let later = run(&[("sf", sf.clone(), "18", 12), ("civ", civ.clone(), "150", 11)], 10);
    assert_eq!(later.len(), 1, "{later:?}");
    assert!(
        later[0].0.contains(
            "add up to at least 168 (as of 12 Jan 2022), which exceeds the latest estimate for \
             deaths (at most 164, as of 10 Jan 2022): the total has risen since"
        ),
        "{later:?}"
    );
    // Parts that fit the total, or overlap, are no finding.
    assert!(run(&[("sf", sf.clone(), "14", 10), ("civ", civ.clone(), "150", 10)], 10).is_empty());
    let overlapping = [("p", Population::Police, "100", 10), ("sf", sf.clone(), "120", 10)];
    assert!(run(&overlapping, 10).is_empty());
    // A part alone above the total is its own finding, not also a sum's.
    let alone = run(&[("sf", sf.clone(), "200", 10), ("civ", civ.clone(), "10", 10)], 10);
    assert_eq!(alone.len(), 1, "{alone:?}");
    assert_eq!(alone[0].1, ids(&["all", "sf"]), "{alone:?}");
    // Police and military (20 and 30) within security forces (60), beside civilians (120):
    // the disjoint set that adds up the most is security forces and civilians (180), not
    // police, military and civilians (170).
    let nested = [
        ("p", Population::Police, "20", 10),
        ("m", Population::Military, "30", 10),
        ("sf", sf, "60", 10),
        ("civ", civ, "120", 10),
    ];
    let found = run(&nested, 10);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("add up to at least 180"), "{found:?}");
    assert_eq!(found[0].1, ids(&["all", "civ", "sf"]));
}

/// A changing state's values at different dates may all be true (DESIGN.md rule 2): police
/// deployed on the 5th and military on the 12th add up to no floor under the troops of the
/// 12th, nor is one part of another date weighed against the whole. Of one date they are. An
/// excluded low ("more than 82") adds up to more than its sum, and is worded so.
#[test]
fn parts_of_a_changing_state_are_weighed_against_the_whole_of_their_date_only() {
    let troops = |who: Population| Subject::new(Measure::TroopsDeployed).population(who);
    let above = |claims: Vec<Claim>| -> Vec<String> {
        let r = Reconciler::new().reconcile(claims);
        let found = r.findings.iter().filter(|f| f.kind == FindingKind::SubCountAboveTotal);
        found.map(|f| f.message.to_string()).collect()
    };
    let police_day = |d: u32| {
        vec![
            claim("p", troops(Population::Police), "1,000", "A", d),
            claim("m", troops(Population::Military), "2,000", "B", 12),
            claim("all", troops(Population::All), "2,500", "C", 12),
        ]
    };
    assert!(above(police_day(5)).is_empty(), "{:?}", above(police_day(5)));
    assert_eq!(above(police_day(12)).len(), 1);
    let alone = vec![
        claim("p", troops(Population::Police), "3,000", "A", 5),
        claim("all", troops(Population::All), "2,500", "C", 12),
    ];
    assert!(above(alone).is_empty());
    let killed = |who: Population| Subject::new(Measure::Deaths).population(who);
    let open = above(vec![
        claim("sf", killed(Population::SecurityForces), "more than 82", "A", 10),
        claim("civ", killed(Population::Civilians), "more than 82", "B", 10),
        claim("all", killed(Population::All), "164", "C", 10),
    ]);
    assert_eq!(open.len(), 1, "{open:?}");
    assert!(open[0].contains("(more than 82) add up to more than 164, which exceeds"), "{open:?}");
}

/// A bound derived from a report's sub-counts is no voice giving a fixed fact anew: A's 200
/// killed on the 5th (B's too), then A's 150 security officers and 100 civilians on the 6th
/// (at least 250 in all), is no correction of A's 200 to "at least 250" (which had withdrawn
/// A's 200 and made the estimate rest on the derived bound alone, B's 200 deprecated).
#[test]
fn a_derived_bound_corrects_no_fixed_fact() {
    let killed =
        |who: Population| Subject::new(Measure::Deaths).population(who).nature(Nature::FixedFact);
    let r = Reconciler::new().reconcile(vec![
        claim("a5", killed(Population::All), "200", "A", 5),
        claim("b5", killed(Population::All), "200", "B", 5),
        claim("sf", killed(Population::SecurityForces), "150", "A", 6),
        claim("civ", killed(Population::Civilians), "100", "A", 6),
    ]);
    for id in ["a5", "b5"] {
        let rank = r.rank(&ClaimId::new(id).unwrap()).unwrap();
        assert!(!rank.reason.to_string().contains("corrected"), "{id}: {}", rank.reason);
        assert_eq!(rank.rank, Rank::Preferred, "{id}: {}", rank.reason);
    }
    let all = r.groups.iter().find(|g| g.subject.who() == &Population::All).unwrap();
    let estimate = all.estimate.as_ref().unwrap();
    assert_eq!(estimate.figure.to_string(), "low 200 / best 200 / high 200", "{}", estimate.reason);
}

/// A figure its voice repeats on its latest day is not withdrawn, whatever else the voice
/// says that day: A's "2 January" on the 5th and again on the 6th beside its "3 January" of
/// the 6th still says 2 January.
#[test]
fn a_figure_its_voice_repeats_is_not_withdrawn() {
    let began = || Subject::new(Measure::EventDate);
    let r = Reconciler::new().reconcile(vec![
        claim("a5", began(), "2 January", "A", 5),
        claim("b5", began(), "2 January", "B", 5),
        claim("a6", began(), "3 January", "A", 6),
        claim("a6b", began(), "2 January", "A", 6),
    ]);
    let rank = r.rank(&ClaimId::new("a5").unwrap()).unwrap();
    assert!(!rank.reason.to_string().contains("corrected"), "{}", rank.reason);
    assert_eq!(rank.rank, Rank::Preferred, "{}", rank.reason);
    let rel = r.relation(&ClaimId::new("a5").unwrap(), &ClaimId::new("a6").unwrap()).unwrap();
    assert_eq!(rel.kind, RelationKind::Conflicts, "{}", rel.reason);
    // A voice correcting itself twice: each of its figures superseded by the next, not
    // "withdrawn ... each by its own voice".
    let r = Reconciler::new().reconcile(vec![
        claim("a5", began(), "2 January", "A", 5),
        claim("a6", began(), "4 January", "A", 6),
        claim("a7", began(), "3 January", "A", 7),
        claim("b7", began(), "3 January", "B", 7),
    ]);
    for (x, y) in [("a5", "a6"), ("a6", "a7"), ("a5", "a7")] {
        let rel = r.relation(&ClaimId::new(x).unwrap(), &ClaimId::new(y).unwrap()).unwrap();
        assert_eq!(rel.kind, RelationKind::Supersedes, "{x} {y}: {}", rel.reason);
        assert!(rel.reason.to_string().contains("by the same voice"), "{}", rel.reason);
    }
}
