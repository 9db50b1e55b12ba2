//! The two paths run one model: the same small numeric table, read by `Table::read` for
//! `Reconciler::reconcile` and by `Table::read_bulk` for `Reconciler::reconcile_table`, gives the same best values,
//! source reliabilities and rounds (the bulk path builds `Reconciler`'s scoring state from its
//! columns). `tests/entry_points.rs` checks it on generated tables; this file keeps one a
//! reader can follow, its figures written three ways ("700000", "700,000", "about 700000"),
//! with a phrase bound and a tie.

use std::collections::BTreeMap;

use claimrecon::*;

/// Five sources on four cities' populations and areas. Every variable has one figure that
/// more than half of the weight gives (a reliable majority), written as "700000", "700,000"
/// or "about 700,000"; `e` is wrong everywhere, `d` twice. Oslo's area has only two claims,
/// a tie between equally weighted figures (apart by more than `Policy::close`'s 10 %, so two
/// counts, not one): both engines give it from the lower to the higher, the lower as best,
/// and score both sides alike.
const TABLE: &str = "source,object,attribute,value
a,Oslo,population,700000
b,Oslo,population,\"700,000\"
c,Oslo,population,about 700000
d,Oslo,population,700000
e,Oslo,population,7000
a,Bergen,population,285000
b,Bergen,population,285000
c,Bergen,population,285000
d,Bergen,population,\"280,000\"
e,Bergen,population,2850000
a,Trondheim,population,212000
b,Trondheim,population,212000
d,Trondheim,population,212000
e,Trondheim,population,more than 300000
a,Tromso,population,77000
b,Tromso,population,77000
c,Tromso,population,\"77,000\"
d,Tromso,population,69000
e,Tromso,population,7700
x,Oslo,area,454
y,Oslo,area,540
";

/// Per (object, attribute) its best value, per source its reliability, and the rounds run.
type Outcome = (BTreeMap<(String, String), f64>, BTreeMap<String, f64>, usize);

fn through_reconciler() -> Outcome {
    let parser = Parser::default();
    let claims: Vec<Claim> = Table::csv()
        .read("t.csv", TABLE.as_bytes(), &parser)
        .collect::<Result<_, _>>()
        .expect("every row of the table reads");
    outcome(&Reconciler::new().reconcile(claims))
}

fn through_bulk() -> Outcome {
    let bulk = Table::csv().read_bulk("t.csv", TABLE.as_bytes(), &Parser::default()).unwrap();
    assert!(bulk.rejected().is_empty(), "{:?}", bulk.rejected());
    outcome(&Reconciler::new().reconcile_table(&bulk))
}

/// What either engine's result says: both give one `Reconciliation`, read the same way.
fn outcome(r: &Reconciliation) -> Outcome {
    let mut best = BTreeMap::new();
    for g in &r.groups {
        let object = g.subject.which_event().expect("a table row has an object");
        let Measure::Other(attribute) = g.subject.measure() else { panic!("a table measure") };
        let Some(b) = g.estimate.as_ref().and_then(|e| e.figure.best_number()) else {
            panic!("{}: a number", g.subject);
        };
        best.insert((object.as_str().to_owned(), attribute.as_str().to_owned()), b);
    }
    let reliability = r
        .sources
        .iter()
        .map(|s| (s.source.as_str().to_owned(), s.reliability.expect("scored").get()))
        .collect();
    (best, reliability, r.rounds)
}

#[test]
fn both_engines_give_the_same_best_values_on_the_same_fixed_facts() {
    let (reconciler, _, _) = through_reconciler();
    let (bulk, _, _) = through_bulk();
    assert_eq!(reconciler, bulk);
    assert_eq!(reconciler[&("Oslo".to_owned(), "population".to_owned())], 700_000.0);
    assert_eq!(reconciler[&("Trondheim".to_owned(), "population".to_owned())], 212_000.0);
}

/// Two equally weighted figures tie on every count: the reports do not decide. The estimate
/// reaches from one to the other, the lower as best, and both sources are judged from the
/// middle of the tie, alike (one had lost reliability and the other gained it on which figure
/// a tie put the best at).
#[test]
fn both_engines_give_a_tie_between_equal_weights_from_the_lower_figure_to_the_higher() {
    let area = ("Oslo".to_owned(), "area".to_owned());
    for (best, reliability, _) in [through_reconciler(), through_bulk()] {
        assert_eq!(best[&area], 454.0);
        assert_eq!(reliability["x"], reliability["y"]);
    }
    let claims: Vec<Claim> = Table::csv()
        .read("t.csv", TABLE.as_bytes(), &Parser::default())
        .collect::<Result<_, _>>()
        .unwrap();
    let r = Reconciler::new().reconcile(claims);
    let oslo = r.estimate("Oslo", "area").unwrap();
    assert_eq!(oslo.figure.to_string(), "low 454 / best 454 / high 540");
    assert!(oslo.reason.to_string().contains("tie on every count"), "{}", oslo.reason);
}

#[test]
fn both_engines_score_the_sources_alike_in_the_same_number_of_rounds() {
    // Same estimates every round, same spreads and losses, so the same weights: the two
    // engines agree on each source's reliability to rounding and stop in the same round.
    let (_, reconciler, rounds) = through_reconciler();
    let (_, bulk, bulk_rounds) = through_bulk();
    assert_eq!(reconciler.keys().collect::<Vec<_>>(), bulk.keys().collect::<Vec<_>>());
    for (source, r) in &reconciler {
        assert!((r - bulk[source]).abs() < 1e-9, "{source}: {r} against {}", bulk[source]);
    }
    assert_eq!(rounds, bulk_rounds);
    assert!(reconciler["a"] > reconciler["d"] && reconciler["d"] > reconciler["e"]);
}

/// Every claim's rank in `r`, with its id and reason in words.
fn ranks_in(r: &Reconciliation) -> Vec<(String, Rank, String)> {
    let ranks = r.groups.iter().flat_map(|g| &g.ranks);
    ranks.map(|k| (k.claim.to_string(), k.rank, k.reason.to_string())).collect()
}

/// A CSV table read by both readers: as claims, and as the table path's columns.
fn read_both(table: &str) -> (Vec<Claim>, Bulk) {
    let claims: Vec<Claim> = Table::csv()
        .read("t.csv", table.as_bytes(), &Parser::default())
        .collect::<Result<_, _>>()
        .unwrap();
    let bulk = Table::csv().read_bulk("t.csv", table.as_bytes(), &Parser::default()).unwrap();
    (claims, bulk)
}

/// A source that gives a fixed fact anew corrects itself, on both paths alike: `a`'s 700,000
/// of the 5th, corrected to 560,000 on the 6th, supports nothing, is no floor, and costs `a`
/// nothing; `b`'s 700,000 stands alone against `a`'s correction (it had outvoted it with `a`'s
/// own withdrawn figure).
#[test]
fn both_engines_read_a_source_s_correction_of_a_fixed_fact_alike() {
    let table = "source,object,attribute,value,as_of
a,Oslo,population,700000,2022-01-05
b,Oslo,population,700000,2022-01-05
a,Oslo,population,560000,2022-01-06
c,Bergen,population,285000,2022-01-05
";
    let (claims, bulk) = read_both(table);
    let seen = |r: &Reconciliation| {
        let oslo = r.estimate("Oslo", "population").unwrap();
        let ranks = ranks_in(r);
        let agreement = |s: &str| r.source(&SourceId::new(s).unwrap()).unwrap().agreement;
        (oslo.figure.to_string(), ranks, (agreement("a"), agreement("b")))
    };
    let (reconciler, bulk) = (
        seen(&Reconciler::new().reconcile(claims)),
        seen(&Reconciler::new().reconcile_table(&bulk)),
    );
    assert_eq!(reconciler, bulk);
    let (figure, ranks, agreement) = reconciler;
    assert!(!figure.contains("best 700,000"), "{figure}");
    let first = ranks.iter().find(|(id, ..)| id.ends_with(":2")).unwrap();
    assert_eq!(first.1, Rank::Normal, "{ranks:?}");
    assert!(first.2.starts_with("corrected by its own voice to 560,000"), "{ranks:?}");
    // One voice against one, a tie: `a` is judged on its correction alone, as `b` on its figure.
    assert!(figure.starts_with("low 560,000"), "{figure}");
    assert_eq!(agreement.0, agreement.1, "{figure} {ranks:?}");
}

/// Oslo's population in `table` and every claim's rank, with sources `a` and `d` declared
/// one voice: read alike through both paths (checked here), as the claim path gives them.
fn through_one_newsroom(table: &str) -> (String, Vec<(String, Rank, String)>) {
    let (claims, bulk) = read_both(table);
    let one = || {
        let (a, d) = (SourceId::new("a").unwrap(), SourceId::new("d").unwrap());
        Reconciler::new().same_voice(a, d, "one newsroom")
    };
    let seen = |r: &Reconciliation| {
        (r.estimate("Oslo", "population").unwrap().figure.to_string(), ranks_in(r))
    };
    let (claim_path, table_path) =
        (seen(&one().reconcile(claims)), seen(&one().reconcile_table(&bulk)));
    assert_eq!(claim_path, table_path);
    claim_path
}

/// Only the source that gave a fixed fact corrects it, on both paths: sources `a` and `d`
/// declared one voice, `a`'s 700,000 on the 5th and `d`'s 560,000 on the 6th are that voice
/// on both sides, not its correction (one of them may have slipped), and `b`'s 700,000
/// beside `a`'s wins as it did before the voice was declared.
#[test]
fn both_engines_take_no_other_source_s_figure_for_a_correction() {
    let table = "source,object,attribute,value,as_of
a,Oslo,population,700000,2022-01-05
b,Oslo,population,700000,2022-01-05
d,Oslo,population,560000,2022-01-06
c,Bergen,population,285000,2022-01-05
";
    let (figure, ranks) = through_one_newsroom(table);
    assert!(figure.contains("best 700,000"), "{figure}");
    assert!(ranks.iter().all(|(.., why)| !why.starts_with("corrected")), "{ranks:?}");
}

/// A figure its source corrected is superseded only by that source's later figures, on both
/// paths: `a` and `d` declared one voice, `a`'s 700,000 of the 5th corrected by `a`'s 650,000
/// on the 25th. `d`'s 560,000 of the 26th corrected nothing (`a`'s first figure is `a`'s
/// correction's, not `d`'s): the withdrawn figure is no rival to it, and it conflicts with the
/// correction.
#[test]
fn both_engines_supersede_a_figure_only_by_its_own_source_s_correction() {
    let table = "source,object,attribute,value,as_of
a,Oslo,population,700000,2022-01-05
b,Oslo,population,700000,2022-01-05
a,Oslo,population,650000,2022-01-25
d,Oslo,population,560000,2022-01-26
";
    let (claims, bulk) = read_both(table);
    let one = |r: Reconciler| {
        r.same_voice(SourceId::new("a").unwrap(), SourceId::new("d").unwrap(), "one newsroom")
            .whole_groups(true)
    };
    let seen = |r: &Reconciliation| {
        let kind = |a: &str, b: &str| {
            let id = |row: &str| ClaimId::new(&format!("t.csv:{row}")).unwrap();
            r.relation(&id(a), &id(b)).map(|rel| (rel.kind, rel.reason.to_string()))
        };
        [kind("2", "4"), kind("2", "5"), kind("4", "5")]
    };
    let (reconciler, table) = (
        seen(&one(Reconciler::new()).reconcile(claims)),
        seen(&one(Reconciler::new()).reconcile_table(&bulk)),
    );
    assert_eq!(reconciler, table);
    let kinds = reconciler.map(|k| k.map(|(kind, _)| kind));
    assert_eq!(
        kinds,
        [
            Some(RelationKind::Supersedes),
            Some(RelationKind::Withdrawn),
            Some(RelationKind::Conflicts)
        ],
        "{table:?}"
    );
}

/// A source's correction withdraws the same figure its voice gave through another source
/// silent since, on both paths: `a` and `d` declared one voice, `a`'s 700,000 of the 5th and
/// `d`'s of the 6th, `a`'s correction to 650,000 on the 25th. `d`'s 700,000 is the voice's
/// withdrawn word, not a second figure of it beside `b`'s.
#[test]
fn both_engines_withdraw_a_corrected_figure_through_another_source_of_the_voice() {
    let table = "source,object,attribute,value,as_of
a,Oslo,population,700000,2022-01-05
d,Oslo,population,700000,2022-01-06
b,Oslo,population,700000,2022-01-06
a,Oslo,population,650000,2022-01-25
";
    let (figure, ranks) = through_one_newsroom(table);
    let d = ranks.iter().find(|(id, ..)| id.ends_with(":3")).unwrap();
    assert_eq!(d.1, Rank::Normal, "{ranks:?}");
    assert!(d.2.starts_with("corrected by its own voice to 650,000"), "{ranks:?}");
    assert!(figure.starts_with("low 650,000"), "{figure}");
}

/// A source that gives a category anew corrects itself, on both paths alike: `a`'s "Smith"
/// of the 5th, corrected to "Jones" on the 6th, supports nothing and costs `a` nothing, and
/// `b`'s "Smith" stands alone against `a`'s and `d`'s "Jones" (it tied with `a`'s withdrawn
/// figure beside it).
#[test]
fn both_engines_read_a_source_s_correction_of_a_label_alike() {
    let table = "source,object,attribute,value,as_of
a,Oslo,mayor,Smith,2022-01-05
b,Oslo,mayor,Smith,2022-01-05
a,Oslo,mayor,Jones,2022-01-06
d,Oslo,mayor,Jones,2022-01-06
c,Bergen,mayor,Lee,2022-01-05
";
    let (claims, bulk) = read_both(table);
    let seen = |r: &Reconciliation| {
        let oslo = r.estimate("Oslo", "mayor").unwrap().figure.to_string();
        let agreement = |s: &str| r.source(&SourceId::new(s).unwrap()).unwrap().agreement;
        (oslo, ranks_in(r), (agreement("a"), agreement("b")))
    };
    let (reconciler, table) = (
        seen(&Reconciler::new().reconcile(claims)),
        seen(&Reconciler::new().reconcile_table(&bulk)),
    );
    assert_eq!(reconciler, table);
    let (figure, ranks, agreement) = reconciler;
    assert_eq!(figure, "\"Jones\"");
    let first = ranks.iter().find(|(id, ..)| id.ends_with(":2")).unwrap();
    assert_eq!(first.1, Rank::Normal, "{ranks:?}");
    assert!(first.2.starts_with("corrected by its own voice to \"jones\""), "{ranks:?}");
    let get = |s: Option<Score>| s.map(Score::get);
    assert_eq!((get(agreement.0), get(agreement.1)), (Some(1.0), Some(0.0)), "{ranks:?}");
}

/// A label is corrected only by a label of its kind it conflicts with, on both paths: a yes/no
/// and a category cannot be compared, and a set of names that holds the earlier name keeps it
/// (as a later range that holds an earlier number keeps it). Each table's `a` gives its first
/// figure on the 5th and more on the 6th; the first stands.
#[test]
fn both_engines_correct_a_label_only_by_one_it_conflicts_with() {
    let tables = [
        "source,object,attribute,value,as_of
a,Oslo,open,yes,2022-01-05
b,Oslo,open,yes,2022-01-05
a,Oslo,open,closed,2022-01-06
",
        "source,object,attribute,value,as_of
a,Oslo,mayor,Smith,2022-01-05
a,Oslo,mayor,\"{Smith, Lee}\",2022-01-06
a,Oslo,mayor,Jones,2022-01-06
",
    ];
    for table in tables {
        let (claims, bulk) = read_both(table);
        let (reconciler, table_path) = (
            ranks_in(&Reconciler::new().reconcile(claims)),
            ranks_in(&Reconciler::new().reconcile_table(&bulk)),
        );
        assert_eq!(reconciler, table_path);
        let first = reconciler.iter().find(|(id, ..)| id.ends_with(":2")).unwrap();
        assert!(!first.2.starts_with("corrected"), "{table}: {reconciler:?}");
    }
}

/// A category is shown alike on both paths: under an alias table by its canonical name as
/// the table spells it, whatever spelling of that name or alias a row gives; and a rejected
/// row's message quotes its cell by its key, as `Table::read` does, not by another row's
/// spelling of it.
#[test]
fn both_engines_show_a_category_alike() {
    let l = |s: &str| Label::new(s).unwrap();
    let table = "source,object,attribute,value
a,X,fuel,LPG
b,X,fuel,Liquefied Petroleum Gas
c,X,fuel,diesel
d,Y,fuel,smith
";
    for canonical in ["liquefied petroleum gas", "Liquefied Petroleum Gas"] {
        let mut aliases = Aliases::empty();
        aliases.insert(&l("LPG"), &l(canonical)).unwrap();
        aliases.insert(&l("Smyth"), &l("Smith")).unwrap();
        let (claims, bulk) = read_both(table);
        let seen = |r: &Reconciliation| {
            let figure = |object: &str| r.estimate(object, "fuel").unwrap().figure.to_string();
            (figure("X"), figure("Y"))
        };
        let reconciler = Reconciler::new().aliases(aliases);
        let (claim_path, table_path) =
            (seen(&reconciler.clone().reconcile(claims)), seen(&reconciler.reconcile_table(&bulk)));
        assert_eq!(claim_path, table_path);
        assert_eq!(claim_path, (format!("\"{canonical}\""), "\"Smith\"".to_owned()));
    }
    let table = "source,object,attribute,value
a,X,pop,100
b,X,pop,200
c,X,pop,300
d,X,pop,pending
e,Y,pop,Pending
f,Y,pop,400
";
    let bulk = Table::csv().read_bulk("t.csv", table.as_bytes(), &Parser::default()).unwrap();
    let errors: Vec<String> = Table::csv()
        .read("t.csv", table.as_bytes(), &Parser::default())
        .filter_map(Result::err)
        .map(|e| e.to_string())
        .collect();
    let rejected: Vec<String> = bulk.rejected().iter().map(|r| r.error.to_string()).collect();
    assert_eq!(rejected, errors);
    assert!(rejected.iter().all(|e| e.contains("(\"pending\")")), "{rejected:?}");
}
