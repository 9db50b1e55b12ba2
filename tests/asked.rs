//! What a reconciliation holds is one setting of the `Reconciler` (`findings`, `ranks`,
//! `whole_groups`), for claims as for tables: on the seed corpus, whose groups hold part-of
//! relations and bounds derived from sub-counts, each setting off leaves nothing of what it
//! covers, changes nothing else, and the reports say what was not made.

use claimrecon::{Corpus, Parser, Reconciler, Reconciliation, RelationKind, markdown, text};

fn seeds() -> Corpus {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/corpus.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    Corpus::parse("seeds/corpus.jsonl", &text, &Parser::default()).unwrap()
}

fn reconcile(corpus: &Corpus, reconciler: &Reconciler) -> Reconciliation {
    reconciler.reconcile(corpus.claims.clone())
}

#[test]
fn without_whole_groups_a_group_names_no_claim_bound_or_relation() {
    let corpus = seeds();
    let full = reconcile(&corpus, &corpus.reconciler());
    // The seeds hold what this test is about: bounds derived from sub-counts and part-of.
    assert!(full.groups.iter().any(|g| !g.derived.is_empty()));
    assert!(
        full.groups.iter().flat_map(|g| g.relations.iter()).any(|r| r.kind == RelationKind::PartOf)
    );
    let r = reconcile(&corpus, &corpus.reconciler().whole_groups(false));
    assert_eq!(r.groups.len(), full.groups.len());
    for (g, gf) in r.groups.iter().zip(&full.groups) {
        assert_eq!(g.subject, gf.subject);
        assert!(g.claims.is_empty() && g.derived.is_empty(), "{}", g.subject);
        assert!(g.relations.is_empty() && g.clusters.is_empty(), "{}", g.subject);
        let e = g.estimate.as_ref().map(|e| (&e.figure, e.supporting.len()));
        let ef = gf.estimate.as_ref().map(|e| (&e.figure, 0));
        assert_eq!(e, ef, "{}", g.subject);
        // Ranks are their own setting, on by default.
        assert_eq!(g.ranks, gf.ranks, "{}", g.subject);
    }
    assert_eq!((&r.findings, &r.summary), (&full.findings, &full.summary));
    assert_eq!((&r.sources, &r.voices, r.rounds), (&full.sources, &full.voices, full.rounds));
}

#[test]
fn a_claim_is_found_in_its_group_by_its_rank_without_whole_groups() {
    let corpus = seeds();
    let full = reconcile(&corpus, &corpus.reconciler());
    let ranked = reconcile(&corpus, &corpus.reconciler().whole_groups(false));
    let bare = reconcile(&corpus, &corpus.reconciler().whole_groups(false).ranks(false));
    for c in &full.claims {
        let subject = |r: &Reconciliation| r.group_of(c.id()).map(|g| g.subject.clone());
        assert!(subject(&full).is_some(), "{}", c.id());
        assert_eq!(subject(&ranked), subject(&full), "{}", c.id());
        assert_eq!(subject(&bare), None, "{}", c.id());
        assert_eq!(ranked.rank(c.id()), full.rank(c.id()), "{}", c.id());
    }
}

#[test]
fn a_report_without_whole_groups_lists_the_ranked_claims_as_rows() {
    let corpus = seeds();
    let r = reconcile(&corpus, &corpus.reconciler().whole_groups(false));
    let (report, md) = (text(&r), markdown(&r));
    assert!(!report.contains("of the table") && !md.contains("of the table"), "{report}");
    assert!(!report.contains("not named"), "{report}");
    // Every claim has its row: its phrase under its group, with its rank.
    let full = reconcile(&corpus, &corpus.reconciler());
    let rows = |report: &str| report.lines().filter(|l| l.ends_with("preferred")).count();
    assert_eq!(rows(&report), rows(&text(&full)));
    let bare = reconcile(&corpus, &corpus.reconciler().whole_groups(false).ranks(false));
    assert!(text(&bare).contains("claims: not named (Reconciler::whole_groups)"));
}

#[test]
fn a_report_without_findings_says_they_were_not_made() {
    let corpus = seeds();
    let r = reconcile(&corpus, &corpus.reconciler().findings(false));
    assert!(r.findings.is_empty() && r.summary.is_none());
    let report = text(&r);
    assert!(
        report
            .contains("FINDINGS, most important first\n  findings not made (Reconciler::findings)"),
        "{report}"
    );
    assert!(!report.contains("\n  none\n"), "{report}");
    assert!(
        report.contains("verdict: not judged: findings not made (Reconciler::findings)\n"),
        "{report}"
    );
    assert!(markdown(&r).contains("findings not made (Reconciler::findings)."));
}

#[test]
fn a_report_without_ranks_has_no_rank_column() {
    let corpus = seeds();
    let r = reconcile(&corpus, &corpus.reconciler().ranks(false));
    assert!(r.groups.iter().all(|g| g.ranks.is_empty() && !g.claims.is_empty()));
    let report = text(&r);
    assert!(report.lines().all(|l| l == l.trim_end()), "trailing spaces:\n{report}");
    assert!(!report.contains("  rank\n") && !report.contains("preferred"), "{report}");
    let md = markdown(&r);
    assert!(md.contains("| as of | outlet | speaker | phrase | claim |\n|---|---|---|---|---|"));
    assert!(!md.contains("| rank |"), "{md}");
    // Every table row has the header's five cells.
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| 20")).collect();
    assert!(rows.len() >= r.claims.len() / 2, "{md}");
    for row in rows {
        assert_eq!(row.matches(" | ").count(), 4, "{row}");
    }
}
