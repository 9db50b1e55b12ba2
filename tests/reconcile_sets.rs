//! Set-valued claims (author lists, member states): how the estimate of a group of compatible
//! lists is built, stated by name. Each case is small enough to check by hand.

use claimrecon::{
    Claim, ClaimId, Figure, FindingKind, ItemSet, Label, Measure, Nature, Provenance, Rank,
    Reconciler, Reconciliation, SourceId, Subject, Value,
};

fn authors(book: &str) -> Subject {
    Subject::new(Measure::Other(Label::new("authors").unwrap()))
        .event(Label::new(book).unwrap())
        .nature(Nature::FixedFact)
}

fn set(items: &[&str]) -> Value {
    Value::Set(ItemSet::new(items.iter().map(|i| Label::new(i).unwrap())).unwrap())
}

fn listing(id: &str, book: &str, store: &str, items: &[&str]) -> Claim {
    Claim::new(
        ClaimId::new(id).unwrap(),
        authors(book),
        set(items),
        Provenance::new(SourceId::new(store).unwrap()),
    )
}

/// `n` stores named `{prefix}1..{prefix}n`, each listing `items` for `book`.
fn listings(book: &str, prefix: &str, n: usize, items: &[&str]) -> Vec<Claim> {
    (1..=n)
        .map(|k| listing(&format!("{book}-{prefix}{k}"), book, &format!("{prefix}{k}"), items))
        .collect()
}

fn estimate(r: &Reconciliation, book: &str) -> Value {
    let g = r.group(&authors(book)).expect("a group for the book");
    match &g.estimate.as_ref().expect("an estimate").figure {
        Figure::Value { value } => value.clone(),
        other => panic!("a set estimate expected, got {other}"),
    }
}

fn rank(r: &Reconciliation, id: &str) -> Rank {
    r.rank(&ClaimId::new(id).unwrap()).expect("a ranked claim").rank
}

#[test]
fn truncated_lists_support_the_full_list() {
    // Six stores print only the first author; five print all three. The short lists do not
    // deny the other two authors, so they support the full list rather than outvote it.
    let mut claims = listings("concrete", "first", 6, &["Knuth"]);
    claims.extend(listings("concrete", "full", 5, &["Graham", "Knuth", "Patashnik"]));
    let r = Reconciler::new().reconcile(claims);
    assert_eq!(estimate(&r, "concrete"), set(&["Graham", "Knuth", "Patashnik"]));
    let g = r.group(&authors("concrete")).unwrap();
    assert_eq!(g.clusters.len(), 1, "compatible lists form one cluster");
    assert!(g.ranks.iter().all(|x| x.rank == Rank::Preferred), "{:?}", g.ranks);
    assert!(r.findings.iter().all(|f| f.kind != FindingKind::Conflict));
}

#[test]
fn a_lone_source_adding_a_spurious_item_does_not_get_it_into_the_estimate() {
    // Three stores give the two authors; one adds a third name no one else gives.
    let mut claims = listings("dragon", "store", 3, &["Aho", "Ullman"]);
    claims.push(listing("dragon-extra", "dragon", "Extra Books", &["Aho", "Smith", "Ullman"]));
    let r = Reconciler::new().reconcile(claims);
    assert_eq!(estimate(&r, "dragon"), set(&["Aho", "Ullman"]));
    // The longer list is still compatible with the estimate: it is not deprecated.
    assert_eq!(rank(&r, "dragon-extra"), Rank::Preferred);
}

#[test]
fn one_voice_relayed_by_many_outlets_cannot_extend_a_list() {
    // Two independent stores list one author. A feed relayed by three outlets lists three:
    // by weight the fuller list would tie (one voice against two halves of unknown
    // completeness), but it is one voice, and one voice cannot extend a list.
    let mut claims = listings("feed", "store", 2, &["Aho"]);
    for k in 1..=3 {
        let provenance = Provenance::new(SourceId::new(&format!("relay {k}")).unwrap())
            .relayed_via(SourceId::new("Book Feed").unwrap());
        claims.push(Claim::new(
            ClaimId::new(&format!("feed-relay{k}")).unwrap(),
            authors("feed"),
            set(&["Aho", "Sethi", "Ullman"]),
            provenance,
        ));
    }
    let r = Reconciler::new().reconcile(claims);
    assert_eq!(estimate(&r, "feed"), set(&["Aho"]));
}

#[test]
fn disjoint_sets_still_conflict() {
    let claims = vec![
        listing("csto-a", "troops", "Outlet A", &["Armenia", "Belarus"]),
        listing("csto-b", "troops", "Outlet B", &["Armenia", "Belarus"]),
        listing("csto-c", "troops", "Outlet C", &["Kazakhstan", "Russia"]),
    ];
    let r = Reconciler::new().reconcile(claims);
    assert_eq!(estimate(&r, "troops"), set(&["Armenia", "Belarus"]));
    let g = r.group(&authors("troops")).unwrap();
    assert_eq!(g.clusters.len(), 2);
    assert_eq!(rank(&r, "csto-c"), Rank::Deprecated);
    assert!(r.findings.iter().any(|f| f.kind == FindingKind::Conflict));
}

#[test]
fn overlapping_lists_that_each_lack_an_item_of_the_other_do_not_merge() {
    // {a, b} and {a, c} cannot both be complete: they conflict, and the losing cluster's
    // item does not join the winner's list, however many voices give it.
    let mut claims = listings("overlap", "ab", 3, &["a", "b"]);
    claims.extend(listings("overlap", "ac", 2, &["a", "c"]));
    let r = Reconciler::new().reconcile(claims);
    assert_eq!(estimate(&r, "overlap"), set(&["a", "b"]));
    assert_eq!(r.group(&authors("overlap")).unwrap().clusters.len(), 2);
    assert_eq!(rank(&r, "overlap-ac1"), Rank::Deprecated);
}

#[test]
fn an_omission_counts_against_an_item_as_far_as_its_source_gives_whole_lists() {
    // Two books show how complete each store's lists are: the six "whole" stores give both
    // authors, the five "cut" stores only the first.
    let mut claims = Vec::new();
    for book in ["calibration-1", "calibration-2"] {
        claims.extend(listings(book, "whole", 6, &["x1", "x2"]));
        claims.extend(listings(book, "cut", 5, &["x1"]));
    }
    // Short lists from the five stores that cut theirs say nothing about a second author: the
    // two fuller lists stand (counted at one half each, the omissions would have won).
    claims.extend(listings("cut-short", "cut", 5, &["b1"]));
    claims.extend(listings("cut-short", "other-b", 2, &["b1", "b2"]));
    // Short lists from the six stores that give whole lists say there is none: three fuller
    // lists do not outweigh them (counted at one half each, they would have tied).
    claims.extend(listings("whole-short", "whole", 6, &["c1"]));
    claims.extend(listings("whole-short", "other-c", 3, &["c1", "c2"]));
    let r = Reconciler::new().reconcile(claims);
    assert_eq!(estimate(&r, "calibration-1"), set(&["x1", "x2"]));
    assert_eq!(estimate(&r, "cut-short"), set(&["b1", "b2"]));
    assert_eq!(estimate(&r, "whole-short"), set(&["c1"]));
}

#[test]
fn order_of_claims_does_not_matter() {
    let mut claims = listings("concrete", "first", 6, &["Knuth"]);
    claims.extend(listings("concrete", "full", 5, &["Graham", "Knuth", "Patashnik"]));
    claims.push(listing(
        "concrete-extra",
        "concrete",
        "Extra Books",
        &["Graham", "Knuth", "Patashnik", "Smith"],
    ));
    claims.extend(listings("dragon", "first", 3, &["Aho"]));
    claims.extend(listings("dragon", "full", 2, &["Aho", "Ullman"]));
    let reconciler = Reconciler::new();
    let forward = reconciler.reconcile(claims.clone());
    assert_eq!(estimate(&forward, "concrete"), set(&["Graham", "Knuth", "Patashnik"]));
    assert_eq!(estimate(&forward, "dragon"), set(&["Aho", "Ullman"]));
    let mut reversed = claims.clone();
    reversed.reverse();
    assert_eq!(reconciler.reconcile(reversed), forward);
    let mut rotated = claims;
    rotated.rotate_left(5);
    assert_eq!(reconciler.reconcile(rotated), forward);
}

#[test]
fn renaming_claims_and_stores_does_not_change_the_estimates() {
    // The same listings under ids and store names that sort the other way round.
    let mut claims = listings("concrete", "first", 6, &["Knuth"]);
    claims.extend(listings("concrete", "full", 5, &["Graham", "Knuth", "Patashnik"]));
    claims.extend(listings("dragon", "first", 3, &["Aho"]));
    claims.extend(listings("dragon", "full", 2, &["Aho", "Ullman"]));
    let renamed: Vec<Claim> = claims
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let store = c.provenance().outlet().as_str();
            let store = if store.starts_with("first") {
                format!("z {store}")
            } else {
                format!("a {store}")
            };
            Claim::new(
                ClaimId::new(&format!("{:03}", 999 - k)).unwrap(),
                c.subject().clone(),
                c.value().clone(),
                Provenance::new(SourceId::new(&store).unwrap()),
            )
        })
        .collect();
    let reconciler = Reconciler::new();
    let (a, b) = (reconciler.reconcile(claims), reconciler.reconcile(renamed));
    for book in ["concrete", "dragon"] {
        assert_eq!(estimate(&a, book), estimate(&b, book), "{book}");
    }
    assert_eq!(estimate(&b, "concrete"), set(&["Graham", "Knuth", "Patashnik"]));
}
