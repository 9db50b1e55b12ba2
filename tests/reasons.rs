//! Reasons of relations, ranks and comparisons: data written in words when shown, serialised as
//! those words, read back as words.

use std::path::Path;

use claimrecon::{
    ComparisonReason, Corpus, Parser, RankReason, Reconciliation, RelationReason, Value,
};

fn seeds() -> Reconciliation {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join("corpus.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    Corpus::parse("seeds/corpus.jsonl", &text, &Parser::default()).unwrap().reconcile()
}

#[test]
fn a_reconciliation_read_back_from_json_writes_the_same_json_and_is_equal() {
    let r = seeds();
    let json = serde_json::to_string(&r).unwrap();
    let back: Reconciliation = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    // Reasons read back hold their words only, and are equal to the data they were written
    // from: equal by their words.
    assert_eq!(back, r);
}

#[test]
fn reasons_are_serialised_as_the_words_they_display() {
    let r = seeds();
    let value = serde_json::to_value(&r).unwrap();
    let mut seen = (0, 0);
    for (g, json) in r.groups.iter().zip(value["groups"].as_array().unwrap()) {
        for (rel, j) in g.relations.iter().zip(json["relations"].as_array().unwrap()) {
            assert_eq!(j["reason"].as_str().unwrap(), rel.reason.to_string());
            seen.0 += 1;
        }
        for (rank, j) in g.ranks.iter().zip(json["ranks"].as_array().unwrap()) {
            assert_eq!(j["reason"].as_str().unwrap(), rank.reason.to_string());
            seen.1 += 1;
        }
    }
    assert!(seen.0 > 10 && seen.1 > 10, "{seen:?}");
}

#[test]
fn a_reason_read_back_holds_its_words_and_equals_them() {
    let words = "the running total rose from 164 (10 Jan 2022) to 225 (25 Jan 2022)";
    let json = serde_json::to_string(words).unwrap();
    let relation: RelationReason = serde_json::from_str(&json).unwrap();
    assert_eq!(relation.to_string(), words);
    assert_eq!(relation, words);
    assert_eq!(serde_json::to_string(&relation).unwrap(), json);
    let rank: RankReason = serde_json::from_str("\"supports the estimate\"").unwrap();
    assert_eq!(rank, "supports the estimate");
    assert!(rank != "supports");
    assert!(serde_json::from_str::<RankReason>("3").is_err());
}

#[test]
fn a_reason_equals_its_words_and_no_other_text() {
    let r = seeds();
    let rel = r.groups.iter().flat_map(|g| &g.relations).next().unwrap();
    let words = rel.reason.to_string();
    assert_eq!(rel.reason, words.as_str());
    assert!(rel.reason != words[..words.len() - 1]);
    assert!(rel.reason != format!("{words}.").as_str());
}

#[test]
fn a_comparison_reason_read_back_displays_its_words() {
    let a: Value = "about 1,000".parse().unwrap();
    let b: Value = "4,578".parse().unwrap();
    let reason = a.compare(&b).unwrap().reason;
    assert_eq!(reason, "about 1,000 [750, 1250] and 4,578 do not overlap");
    let json = serde_json::to_string(&reason).unwrap();
    assert_eq!(json, "\"about 1,000 [750, 1250] and 4,578 do not overlap\"");
    let back: ComparisonReason = serde_json::from_str(&json).unwrap();
    assert_eq!(back.to_string(), reason.to_string());
    assert_eq!(back, reason);
}

/// A split's reason names the first five rival figures and counts the rest, on both paths:
/// a variable of many sources with noisy figures would otherwise name every one (and hold
/// their words in its estimate).
#[test]
fn a_splits_reason_names_five_rival_figures_and_counts_the_rest() {
    use claimrecon::{Reconciler, Table};
    use std::fmt::Write as _;
    let mut csv = String::from("source,object,attribute,value\n");
    for s in 0..8 {
        let _ = writeln!(csv, "S{s},Almaty,deaths,100");
    }
    // Seven rivals, each alone (each twice the one before: no two are one count by
    // `Policy::close`); R0 twice (one figure, named once).
    csv.push_str("R0,Almaty,deaths,200\n");
    for s in 0..7 {
        let _ = writeln!(csv, "R{s},Almaty,deaths,{}", 200 << s);
    }
    let parser = Parser::default();
    let claims: Vec<_> =
        Table::csv().read("t.csv", csv.as_bytes(), &parser).map(Result::unwrap).collect();
    let full = Reconciler::new().copy_detection(false).reconcile(claims);
    let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &parser).unwrap();
    let table = Reconciler::new().copy_detection(false).reconcile_table(&bulk);
    for r in [&full, &table] {
        let reason = r.estimate("Almaty", "deaths").unwrap().reason.to_string();
        assert!(
            reason.ends_with(
                "over 200 (R0) and 400 (R1) and 800 (R2) and 1,600 (R3) and 3,200 (R4), and 2 more"
            ),
            "{reason}"
        );
    }
}
