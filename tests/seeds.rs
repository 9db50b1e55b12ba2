//! The bundled seed corpus: it loads, its quotes are verbatim, the key verdicts hold, and the
//! report matches its reviewed snapshot.

use std::collections::BTreeMap;
use std::path::Path;

use claimrecon::*;

fn seeds() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
}

fn corpus() -> Corpus {
    let text = std::fs::read_to_string(seeds().join("corpus.jsonl")).unwrap();
    Corpus::parse("seeds/corpus.jsonl", &text, &Parser::default()).unwrap()
}

fn reconcile() -> Reconciliation {
    let c = corpus();
    c.reconciler().reconcile(c.claims.clone())
}

fn id(s: &str) -> ClaimId {
    ClaimId::new(s).unwrap()
}

fn kind(r: &Reconciliation, a: &str, b: &str) -> RelationKind {
    r.relation(&id(a), &id(b)).unwrap_or_else(|| panic!("no relation {a} ~ {b}")).kind
}

#[test]
fn the_seed_articles_are_byte_for_byte_copies_of_the_shared_seeds() {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds"));
    if !shared.is_dir() {
        eprintln!("skipped: {} is not here", shared.display());
        return;
    }
    for d in corpus().documents {
        let ours = std::fs::read(seeds().join(&d.file)).unwrap();
        let theirs = std::fs::read(shared.join(&d.file)).unwrap();
        assert_eq!(ours, theirs, "{}", d.file);
    }
}

#[test]
fn every_quote_occurs_verbatim_and_every_phrase_inside_its_quote() {
    let c = corpus();
    assert_eq!(c.documents.len(), 5);
    assert!(c.claims.len() > 60, "{} claims", c.claims.len());
    let texts: BTreeMap<DocumentId, String> = c
        .documents
        .iter()
        .map(|d| (d.id.clone(), std::fs::read_to_string(seeds().join(&d.file)).unwrap()))
        .collect();
    assert_eq!(c.check_quotes(&texts), Vec::<Error>::new());
    for claim in &c.claims {
        let quote = claim.provenance().quoted().unwrap();
        assert!(quote.contains(claim.phrase().unwrap()), "{}", claim.id());
    }
}

#[test]
fn the_death_toll_rises_from_164_to_225_and_19_security_officers_are_part_of_it() {
    let r = reconcile();
    // 164 victims (law enforcement and civilians) and 26 armed attackers killed, apart: neither
    // is part of the other, and together they give a floor of 190 for all deaths.
    let all = r.group_of(&id("d0-deaths-pgo")).unwrap();
    let floor = &all.derived[0];
    assert_eq!(floor.from, vec![id("d2-deaths-militants"), id("d2-deaths")]);
    assert_eq!(floor.value.to_string(), "at least 190");
    assert_eq!(kind(&r, &floor.id.as_str(), "d0-deaths-pgo"), RelationKind::Compatible);
    assert!(r.relation(&id("d2-deaths-militants"), &id("d2-deaths")).is_none());
    assert_eq!(kind(&r, "d1-deaths-security", "d0-deaths-security"), RelationKind::Supersedes);
    assert_eq!(kind(&r, "d0-deaths-security", "d0-deaths-pgo"), RelationKind::PartOf);
    let g = r.group_of(&id("d0-deaths-pgo")).unwrap();
    assert_eq!(g.estimate.as_ref().unwrap().figure.to_string(), "low 225 / best 225 / high 225");
}

#[test]
fn the_un_figure_of_6_january_is_an_earlier_figure_below_the_sub_counts_and_the_prosecutor() {
    // The UN's "about 1,000" is a background line in a 25 January article; the UN gave it on
    // 6 January. Dated so, the injured rise: about 1,000, more than 2,326, 4,578.
    let r = reconcile();
    assert_eq!(kind(&r, "d0-injured-un", "d0-injured-pgo"), RelationKind::Supersedes);
    let g = r.group_of(&id("d0-injured-un")).unwrap();
    let derived = &g.derived[0];
    assert_eq!(kind(&r, "d0-injured-un", &derived.id.as_str()), RelationKind::Supersedes);
    assert_eq!(r.rank(&id("d0-injured-un")).unwrap().rank, Rank::Normal);
    assert!(r.findings.iter().all(|f| !f.claims.contains(&id("d0-injured-un"))));
    assert_eq!(
        g.estimate.as_ref().unwrap().figure.to_string(),
        "low 4,578 / best 4,578 / high 4,578"
    );
}

#[test]
fn the_curfews_are_complements_and_lead_the_findings() {
    let r = reconcile();
    let rel = r.relation(&id("d2-curfew"), &id("d3-curfew")).unwrap();
    assert!(rel.complement);
    assert_eq!(r.findings[0].kind, FindingKind::Complement);
}

#[test]
fn not_yet_requested_then_requested_is_a_change_over_time() {
    let r = reconcile();
    assert_eq!(kind(&r, "d3-requested", "d1-requested"), RelationKind::ChangedOverTime);
    assert_eq!(kind(&r, "d3-requested", "d4-requested"), RelationKind::ChangedOverTime);
    // Both on 5 January: "has not yet requested" marks a state expected to change, so it came
    // first; it was true when said, and no finding calls it a conflict.
    assert_eq!(kind(&r, "d3-requested", "d0-requested"), RelationKind::ChangedOverTime);
    assert_eq!(r.rank(&id("d3-requested")).unwrap().rank, Rank::Normal);
    assert!(r.findings.iter().all(|f| !f.claims.contains(&id("d3-requested"))));
}

#[test]
fn an_undisclosed_force_size_then_2500_is_no_conflict() {
    let r = reconcile();
    assert_eq!(kind(&r, "d1-troops", "d2-troops"), RelationKind::Compatible);
}

#[test]
fn lpg_and_liquefied_natural_gas_conflict_but_lpg_is_liquefied_petroleum_gas() {
    let r = reconcile();
    assert_eq!(kind(&r, "d1-fuel", "d3-fuel"), RelationKind::Agrees);
    assert_eq!(kind(&r, "d0-fuel", "d1-fuel"), RelationKind::Conflicts);
    assert_eq!(r.rank(&id("d0-fuel")).unwrap().rank, Rank::Deprecated);
}

#[test]
fn the_two_articles_relaying_ria_novosti_are_one_voice_with_sputnik_by_owner() {
    let r = reconcile();
    let voice = |s: &str| r.source(&SourceId::new(s).unwrap()).unwrap().voice.clone();
    assert_eq!(voice("GSV Russia - Islamic World"), voice("The Frontier Post"));
    assert_eq!(voice("GSV Russia - Islamic World"), voice("Sputnik International"));
    assert_eq!(voice("GSV Russia - Islamic World").as_str(), "RIA Novosti");
    assert_ne!(voice("BaaghiTV"), voice("The Frontier Post"));
}

#[test]
fn the_json_rendering_parses_back_to_the_same_reconciliation() {
    let r = reconcile();
    let json = serde_json::to_string(&r).unwrap();
    let back: Reconciliation = serde_json::from_str(&json).unwrap();
    assert!(back == r, "the reconciliation changed through JSON");
}

#[test]
fn the_report_keeps_lines_under_100_columns() {
    let text = claimrecon::text(&reconcile());
    for line in text.lines() {
        assert!(line.chars().count() < 100, "{line}");
    }
}

/// The report on the seeds, reviewed line by line. Set `UPDATE_SNAPSHOTS=1` to rewrite it after
/// a deliberate change, then review the diff.
#[test]
fn the_seed_report_matches_its_reviewed_snapshot() {
    let text = claimrecon::text(&reconcile());
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/seeds_report.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(path).unwrap();
    if text != expected {
        let first = text.lines().zip(expected.lines()).position(|(a, b)| a != b);
        panic!(
            "report differs from {} at line {:?}; rerun with UPDATE_SNAPSHOTS=1 and review the diff",
            path.display(),
            first.map(|i| i + 1)
        );
    }
}
