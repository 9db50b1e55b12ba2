//! For any input, loading and reconciling never panic, and every line is accounted for.

use std::fmt::Write as _;

use chrono::NaiveDate;
use claimrecon::*;
use proptest::prelude::*;

const DOC: &str =
    r#"{"document": "a", "file": "a.txt", "outlet": "Daily", "published": "2022-01-06"}"#;

/// Lines that are sometimes valid claims, sometimes broken in one field, sometimes garbage.
fn line() -> impl Strategy<Value = String> {
    let phrase = prop_oneof![
        Just("164".to_owned()),
        Just("more than 1,300".to_owned()),
        Just("about 1,000".to_owned()),
        Just("a lot".to_owned()),
        Just("60-50".to_owned()),
        "[0-9 ,.a-z-]{0,12}",
    ];
    let measure = prop::sample::select(vec!["deaths", "injured", "detained", "deads"]);
    let population = prop::sample::select(vec!["all", "civilians", "security_forces", "aliens"]);
    prop_oneof![
        6 => (0u32..40, phrase, measure, population).prop_map(|(id, phrase, m, p)| {
            let phrase = phrase.replace('"', "");
            format!(
                r#"{{"claim": "c{id}", "document": "a", "quote": "{phrase} were hurt", "phrase": "{phrase}", "measure": "{m}", "population": "{p}", "place": "Kazakhstan"}}"#
            )
        }),
        1 => "\\PC{0,60}",
        1 => Just("# a comment".to_owned()),
        1 => Just(String::new()),
        1 => Just(r#"{"source": "Wire", "owner": "Owner"}"#.to_owned()),
    ]
}

fn counted(text: &str) -> usize {
    text.split('\n').filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#')).count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn loading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = Corpus::parse_bytes("f.jsonl", &bytes, &Parser::default());
        let corpus = Corpus::parse_lenient_bytes("f.jsonl", &bytes, &Parser::default());
        let _ = corpus.reconcile();
    }

    #[test]
    fn every_line_is_loaded_or_rejected_with_a_reason(lines in prop::collection::vec(line(), 0..30)) {
        let text = format!("{DOC}\n{}", lines.join("\n"));
        let corpus = Corpus::parse_lenient("f.jsonl", &text, &Parser::default());
        prop_assert_eq!(
            corpus.documents.len() + corpus.owners.len() + corpus.claims.len() + corpus.rejected.len(),
            counted(&text)
        );
        for r in &corpus.rejected {
            prop_assert!(r.line.is_some());
            prop_assert!(r.error.to_string().starts_with("f.jsonl:"));
        }
    }

    #[test]
    fn every_loaded_claim_is_grouped_or_rejected_exactly_once(lines in prop::collection::vec(line(), 0..30)) {
        let text = format!("{DOC}\n{}", lines.join("\n"));
        let corpus = Corpus::parse_lenient("f.jsonl", &text, &Parser::default());
        let r = corpus.reconcile();
        let grouped: usize = r.groups.iter().map(|g| g.claims.len()).sum();
        prop_assert_eq!(grouped + r.rejected.len(), corpus.claims.len() + corpus.rejected.len());
        let _ = claimrecon::text(&r);
        let _ = claimrecon::markdown(&r);
    }

    #[test]
    fn sums_of_sub_counts_stay_finite_and_above_their_parts(a in 0u64..1_000_000_000_000_000, b in 0u64..1_000_000_000_000_000) {
        let day = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap();
        let claim = |id: &str, who: Population, n: u64| {
            let subject = Subject::new(Measure::Injured).population(who);
            let provenance = Provenance::new(SourceId::new("Daily").unwrap())
                .document(DocumentId::new("d").unwrap())
                .published(day);
            Claim::new(ClaimId::new(id).unwrap(), subject, Value::Amount(Amount::new(Magnitude::Exact(Number::new(n as f64).unwrap()), Unit::Number)), provenance)
        };
        let r = Reconciler::new().reconcile(vec![
            claim("s", Population::SecurityForces, a),
            claim("c", Population::Civilians, b),
            claim("t", Population::All, a.max(b)),
        ]);
        let total = r.groups.iter().find(|g| !g.derived.is_empty()).unwrap();
        let Some(bound) = total.derived[0].value.interval(&Policy::default()) else { panic!("no interval") };
        prop_assert!(bound.low().value.is_finite());
        prop_assert!(bound.low().value >= a as f64 && bound.low().value >= b as f64);
    }
}

/// Loading looks documents up by id: 20,000 documents with a claim each take a fraction of a
/// second, where a scan per line (quadratic) took seconds in release and far more here.
#[test]
fn a_corpus_of_many_documents_loads_in_one_pass() {
    let n = 20_000;
    let mut text = String::new();
    for i in 0..n {
        let (outlet, figure) = (i % 50, i % 300);
        writeln!(
            text,
            r#"{{"document": "d{i}", "file": "d{i}.txt", "outlet": "Outlet {outlet}", "published": "2022-01-06"}}"#
        )
        .unwrap();
        writeln!(
            text,
            r#"{{"claim": "c{i}", "document": "d{i}", "quote": "{figure} died", "phrase": "{figure}", "measure": "deaths"}}"#
        )
        .unwrap();
    }
    // The first document declared again, 40,000 lines later, is still found by its id.
    text.push_str(r#"{"document": "d0", "file": "x.txt", "outlet": "Daily"}"#);
    let e = Corpus::parse("big.jsonl", &text, &Parser::default()).unwrap_err();
    assert_eq!(e.to_string(), "big.jsonl:40001: field document: document \"d0\" is declared twice");
    let corpus = Corpus::parse_lenient("big.jsonl", &text, &Parser::default());
    assert_eq!(corpus.documents.len(), n);
    assert_eq!(corpus.claims.len(), n);
    assert_eq!(corpus.rejected.len(), 1);
    let last = corpus.claims.last().unwrap().provenance().in_document().unwrap();
    assert_eq!(last.as_str(), format!("d{}", n - 1));
}

/// Issue 14, item 4: three sources giving three different labels, one each, is a tie: no label
/// wins by its spelling, and the three voices are scored alike.
#[test]
fn a_tie_between_labels_is_undecided_and_scores_its_voices_alike() {
    let fuel = |id: &str, label: &str, outlet: &str| {
        Claim::new(
            ClaimId::new(id).unwrap(),
            Subject::new(Measure::Category(Label::new("fuel").unwrap())),
            Value::Category(Label::new(label).unwrap()),
            Provenance::new(SourceId::new(outlet).unwrap()),
        )
    };
    let r = Reconciler::new().reconcile(vec![
        fuel("a", "butane", "A"),
        fuel("b", "propane", "B"),
        fuel("c", "diesel", "C"),
    ]);
    let e = r.groups[0].estimate.as_ref().unwrap();
    assert_eq!(e.figure.to_string(), "undecided between \"butane\" and \"diesel\" and \"propane\"");
    assert!(e.supporting.is_empty());
    let scores: Vec<(Option<Score>, Option<Score>)> =
        r.sources.iter().map(|s| (s.agreement, s.reliability)).collect();
    assert!(scores.iter().all(|s| *s == scores[0]), "{scores:?}");
    assert!(r.groups[0].ranks.iter().all(|x| x.rank == Rank::Normal));
    let f: Vec<&Finding> = r.findings.iter().filter(|f| f.kind == FindingKind::Undecided).collect();
    assert_eq!(f.len(), 1);
    assert!(f[0].kind.is_numbered());
    // One more voice for a label decides it.
    let r = Reconciler::new().reconcile(vec![
        fuel("a", "butane", "A"),
        fuel("b", "propane", "B"),
        fuel("c", "diesel", "C"),
        fuel("d", "propane", "D"),
    ]);
    assert_eq!(r.groups[0].estimate.as_ref().unwrap().figure.to_string(), "\"propane\"");
}
