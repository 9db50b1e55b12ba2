//! The reconciler on claims modelled on the five seed articles (January 2022, Kazakhstan).

use chrono::NaiveDate;
use claimrecon::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, d).unwrap()
}

struct Doc {
    id: &'static str,
    outlet: &'static str,
    via: Option<&'static str>,
    published: u32,
}

const D0: Doc = Doc {
    id: "000",
    outlet: "GSV Russia - Islamic World",
    via: Some("RIA Novosti"),
    published: 25,
};
const D1: Doc = Doc { id: "001", outlet: "BaaghiTV", via: None, published: 6 };
const D2: Doc = Doc { id: "002", outlet: "UNA-OIC", via: None, published: 10 };
const D3: Doc =
    Doc { id: "003", outlet: "The Frontier Post", via: Some("RIA Novosti"), published: 5 };
const D4: Doc = Doc { id: "004", outlet: "Sputnik International", via: None, published: 8 };

fn kz() -> Label {
    Label::new("Kazakhstan").unwrap()
}

fn claim(
    id: &str,
    doc: &Doc,
    subject: Subject,
    phrase: &str,
    speaker: Option<&str>,
    as_of: Option<u32>,
) -> Claim {
    let mut p = Provenance::new(SourceId::new(doc.outlet).unwrap())
        .document(DocumentId::new(doc.id).unwrap())
        .published(day(doc.published));
    if let Some(w) = doc.via {
        p = p.relayed_via(SourceId::new(w).unwrap());
    }
    if let Some(s) = speaker {
        p = p.speaker(Label::new(s).unwrap());
    }
    let c =
        Claim::parse(ClaimId::new(id).unwrap(), subject, phrase, p, &Parser::default()).unwrap();
    match as_of {
        Some(d) => c.with_as_of(day(d)),
        None => c,
    }
}

fn deaths(p: Population) -> Subject {
    Subject::new(Measure::Deaths).population(p).place(kz())
}

fn injured(p: Population) -> Subject {
    Subject::new(Measure::Injured).population(p).place(kz())
}

fn requested() -> Subject {
    Subject::new(Measure::Status(Label::new("Kazakhstan requested CSTO assistance").unwrap()))
}

fn lpg() -> Subject {
    Subject::new(Measure::Other(Label::new("LPG price rise, January 2022").unwrap()))
        .nature(Nature::FixedFact)
}

fn start() -> Subject {
    Subject::new(Measure::EventDate).event(Label::new("start of protests").unwrap())
}

fn seed_claims() -> Vec<Claim> {
    use Population::*;
    vec![
        claim("d0-injured-un", &D0, injured(All), "About 1,000", Some("UN"), None),
        claim(
            "d0-injured-pgo",
            &D0,
            injured(All),
            "4,578",
            Some("prosecutor general's office"),
            None,
        ),
        claim("d0-deaths-pgo", &D0, deaths(All), "225", Some("prosecutor general's office"), None),
        claim(
            "d0-deaths-security",
            &D0,
            deaths(SecurityForces),
            "19",
            Some("prosecutor general's office"),
            None,
        ),
        claim("d0-lpg", &D0, lpg(), "a doubling", None, None),
        claim("d0-start", &D0, start(), "the first days of 2022", None, None),
        claim("d0-requested", &D0, requested(), "yes", None, Some(5)),
        claim(
            "d1-deaths-security",
            &D1,
            deaths(SecurityForces),
            "13",
            Some("state television"),
            None,
        ),
        claim("d1-lpg", &D1, lpg(), "doubling", None, None),
        claim("d1-start", &D1, start(), "over the weekend", None, None),
        claim(
            "d1-troops",
            &D1,
            Subject::new(Measure::TroopsDeployed),
            "did not disclose",
            Some("CSTO"),
            None,
        ),
        claim("d2-deaths", &D2, deaths(All), "164", Some("Berik Aryn"), None),
        claim(
            "d2-injured-security",
            &D2,
            injured(SecurityForces),
            "More than 1,300",
            Some("Berik Aryn"),
            None,
        ),
        claim("d2-injured-civilians", &D2, injured(Civilians), "1,000", Some("Berik Aryn"), None),
        claim(
            "d2-curfew",
            &D2,
            Subject::new(Measure::Hours),
            "from 11 p.m. to 7 a.m.",
            None,
            Some(5),
        ),
        claim(
            "d2-troops",
            &D2,
            Subject::new(Measure::TroopsDeployed),
            "2500",
            Some("Stanislav Zas"),
            None,
        ),
        claim("d2-lpg-factor", &D2, lpg(), "almost two-fold", None, None),
        claim("d2-lpg-prices", &D2, lpg(), "from 50-60 to 110-120 tenge per liter", None, None),
        claim(
            "d3-requested",
            &D3,
            requested(),
            "no",
            Some("a source familiar with the situation"),
            None,
        ),
        claim("d3-curfew", &D3, Subject::new(Measure::Hours), "from 7.00 to 23.00", None, Some(5)),
        claim("d3-lpg", &D3, lpg(), "two-fold", None, None),
        claim("d3-start", &D3, start(), "In the early days of 2022", None, None),
        claim("d4-requested", &D4, requested(), "yes", None, Some(6)),
        claim("d4-start", &D4, start(), "2 January", None, None),
    ]
}

fn id(s: &str) -> ClaimId {
    ClaimId::new(s).unwrap()
}

fn reconcile() -> Reconciliation {
    Reconciler::new().reconcile(seed_claims())
}

fn relation(r: &Reconciliation, a: &str, b: &str) -> Relation {
    r.relation(&id(a), &id(b)).unwrap_or_else(|| panic!("no relation between {a} and {b}")).clone()
}

#[test]
fn every_claim_lands_in_exactly_one_group() {
    let r = reconcile();
    let n: usize = r.groups.iter().map(|g| g.claims.len()).sum();
    assert_eq!(n, seed_claims().len());
    assert!(r.rejected.is_empty());
}

#[test]
fn a_later_higher_toll_supersedes_an_earlier_one() {
    let r = reconcile();
    let rel = relation(&r, "d2-deaths", "d0-deaths-pgo");
    assert_eq!(rel.kind, RelationKind::Supersedes);
    assert_eq!(rel.reason, "the running total rose from 164 (10 Jan 2022) to 225 (25 Jan 2022)");
    let e = r
        .group(&deaths(Population::All).normalized(&Aliases::empty()))
        .unwrap()
        .estimate
        .clone()
        .unwrap();
    assert_eq!(e.figure.to_string(), "low 225 / best 225 / high 225");
    assert_eq!(r.rank(&id("d2-deaths")).unwrap().rank, Rank::Normal);
    assert_eq!(r.rank(&id("d0-deaths-pgo")).unwrap().rank, Rank::Preferred);
}

#[test]
fn thirteen_then_nineteen_security_deaths_is_consistent_and_nineteen_is_part_of_225() {
    let r = reconcile();
    let rel = relation(&r, "d1-deaths-security", "d0-deaths-security");
    assert_eq!(rel.kind, RelationKind::Supersedes);
    assert!(!rel.kind.is_conflict());
    let part = relation(&r, "d0-deaths-security", "d0-deaths-pgo");
    assert_eq!(part.kind, RelationKind::PartOf);
    assert_eq!(
        part.reason,
        "19 (security forces in Kazakhstan) is part of 225 (all in Kazakhstan)"
    );
}

#[test]
fn about_a_thousand_injured_conflicts_with_the_derived_2300_and_with_4578() {
    let r = reconcile();
    let group = r.group(&injured(Population::All)).unwrap();
    assert_eq!(group.derived.len(), 1);
    let derived = &group.derived[0];
    assert_eq!(derived.value.to_string(), "more than 2,300");
    assert_eq!(derived.from, vec![id("d2-injured-security"), id("d2-injured-civilians")]);
    let vs_derived = relation(&r, &derived.id.as_str(), "d0-injured-un");
    assert!(vs_derived.kind.is_conflict(), "{vs_derived:?}");
    assert_eq!(vs_derived.kind, RelationKind::Regression);
    let vs_pgo = relation(&r, "d0-injured-un", "d0-injured-pgo");
    assert_eq!(vs_pgo.kind, RelationKind::Conflicts);
    // The estimate follows 4,578, which the earlier sub-counts support.
    let e = group.estimate.clone().unwrap();
    assert_eq!(e.figure.to_string(), "low 4,578 / best 4,578 / high 4,578");
    assert_eq!(group.clusters.len(), 2);
    assert_eq!(r.rank(&id("d0-injured-un")).unwrap().rank, Rank::Deprecated);
    // One finding for the one offending figure: it falls below the earlier derived bound.
    let about: Vec<&Finding> =
        r.findings.iter().filter(|f| f.claims.contains(&id("d0-injured-un"))).collect();
    assert_eq!(about.len(), 1, "{about:#?}");
    assert_eq!(about[0].kind, FindingKind::Regression);
    assert_eq!(about[0].claims, vec![id("d0-injured-un"), derived.id.clone()]);
}

#[test]
fn the_two_curfews_conflict_as_complements() {
    let r = reconcile();
    let rel = relation(&r, "d2-curfew", "d3-curfew");
    assert_eq!(rel.kind, RelationKind::Conflicts);
    assert!(rel.complement);
    let first = &r.findings[0];
    assert_eq!(first.kind, FindingKind::Complement);
    assert_eq!(first.claims, vec![id("d2-curfew"), id("d3-curfew")]);
}

#[test]
fn not_yet_requested_then_requested_is_a_change_over_time() {
    let r = reconcile();
    let rel = relation(&r, "d3-requested", "d4-requested");
    assert_eq!(rel.kind, RelationKind::ChangedOverTime);
    let e = r.group(&requested()).unwrap().estimate.clone().unwrap();
    assert_eq!(e.figure, Figure::Value { value: Value::YesNo(true) });
    // On 5 January itself the two are given as a bare "no" and "yes" (this table keeps no
    // "not yet" and no time of day): a change that day in an unknown order, a note and not a
    // conflict. (The seed corpus keeps the words, and there "not yet" came first.)
    let same_day = relation(&r, "d3-requested", "d0-requested");
    assert_eq!(same_day.kind, RelationKind::ChangedSameDay);
    assert_eq!(r.rank(&id("d3-requested")).unwrap().rank, Rank::Normal);
    assert_eq!(r.rank(&id("d0-requested")).unwrap().rank, Rank::Normal);
    assert!(
        r.findings
            .iter()
            .filter(|f| f.claims.contains(&id("d3-requested")))
            .all(|f| f.kind == FindingKind::ChangedSameDay)
    );
}

#[test]
fn size_not_disclosed_then_2500_is_no_conflict() {
    let r = reconcile();
    let rel = relation(&r, "d1-troops", "d2-troops");
    assert_eq!(rel.kind, RelationKind::Compatible);
    assert!(
        !r.findings
            .iter()
            .any(|f| f.kind == FindingKind::Conflict && f.claims.contains(&id("d2-troops")))
    );
}

#[test]
fn the_lpg_rise_from_four_outlets_is_consistent() {
    let r = reconcile();
    let g = r.group(&lpg()).unwrap();
    assert_eq!(g.clusters.len(), 1, "{:?}", g.relations);
    assert!(g.relations.iter().all(|rel| !rel.kind.is_conflict()), "{:?}", g.relations);
}

#[test]
fn two_articles_relaying_ria_novosti_are_one_voice() {
    let r = reconcile();
    let gsv = r.source(&SourceId::new("GSV Russia - Islamic World").unwrap()).unwrap();
    let frontier = r.source(&SourceId::new("The Frontier Post").unwrap()).unwrap();
    assert_eq!(gsv.voice.as_str(), "RIA Novosti");
    assert_eq!(frontier.voice.as_str(), "RIA Novosti");
    // The start of the protests: four articles, three independent voices.
    let e = r.group(&start()).unwrap().estimate.clone().unwrap();
    assert!(e.reason.to_string().contains("from 3 independent voices"), "{}", e.reason);
    assert_eq!(e.figure, Figure::Date { low: day(2), best: day(2), high: day(2) });
    // Declaring Sputnik and RIA Novosti one owner's makes it two.
    let owned = Reconciler::new()
        .same_voice(
            SourceId::new("RIA Novosti").unwrap(),
            SourceId::new("Sputnik International").unwrap(),
            "same owner: Rossiya Segodnya",
        )
        .reconcile(seed_claims());
    let e = owned.group(&start()).unwrap().estimate.clone().unwrap();
    assert!(e.reason.to_string().contains("from 2 independent voices"), "{}", e.reason);
}

#[test]
fn scores_are_in_range_and_the_un_figure_costs_reliability() {
    let r = reconcile();
    for s in &r.sources {
        for score in [s.agreement, s.reliability].into_iter().flatten() {
            assert!((0.0..=1.0).contains(&score.get()));
        }
    }
    let un = r.source(&SourceId::new("UN").unwrap()).unwrap();
    let pgo = r.source(&SourceId::new("prosecutor general's office").unwrap()).unwrap();
    assert!(un.reliability.unwrap().get() < pgo.reliability.unwrap().get());
    assert_eq!(un.agreement.unwrap().get(), 0.0);
}

#[test]
#[ignore = "prints the reconciliation for a human to read"]
fn dump() {
    let r = reconcile();
    for f in &r.findings {
        println!("FINDING {:?}: {}", f.kind, f.message);
    }
    for g in &r.groups {
        println!("\n== {}", g.subject);
        if let Some(e) = &g.estimate {
            println!("   estimate {} as of {:?}: {}", e.figure, e.as_of, e.reason);
        }
        for rel in &g.relations {
            println!("   {} ~ {}: {} ({})", rel.a, rel.b, rel.kind, rel.reason);
        }
        for rk in &g.ranks {
            println!("   {} {}: {}", rk.claim, rk.rank, rk.reason);
        }
    }
    for s in &r.sources {
        println!(
            "{:40} voice {:25} claims {} agree {:?} rel {:?} echoes {}",
            s.source.as_str(),
            s.voice.as_str(),
            s.claims,
            s.agreement.map(Score::get),
            s.reliability.map(Score::get),
            s.echoes
        );
    }
}
