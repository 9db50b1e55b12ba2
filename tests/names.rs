//! Names: the library assumes none. Alias and place tables start empty, a corpus declares its
//! own in alias and place lines, and a small general table of organisations is opt-in.

use chrono::NaiveDate;
use claimrecon::*;

fn l(s: &str) -> Label {
    Label::new(s).unwrap()
}

const DOC: &str =
    r#"{"document": "a", "file": "a.txt", "outlet": "Daily", "published": "2022-01-06"}"#;

fn corpus_error(lines: &str) -> String {
    Corpus::parse("c.jsonl", &format!("{DOC}\n{lines}"), &Parser::default())
        .unwrap_err()
        .to_string()
}

/// Deaths in `place`, said by `speaker` in an article of 6 January 2022.
fn deaths(id: &str, place: &str, phrase: &str, speaker: &str) -> Claim {
    let published = NaiveDate::from_ymd_opt(2022, 1, 6).unwrap();
    let provenance = Provenance::new(SourceId::new("Daily").unwrap())
        .published(published)
        .speaker(l(speaker))
        .document(DocumentId::new("a").unwrap());
    Claim::parse(
        ClaimId::new(id).unwrap(),
        Subject::new(Measure::Deaths).place(l(place)),
        phrase,
        provenance,
        &Parser::default(),
    )
    .unwrap()
}

fn places_of(r: &Reconciliation) -> Vec<&str> {
    r.groups.iter().filter_map(|g| g.subject.where_().map(Label::as_str)).collect()
}

#[test]
fn a_new_reconciler_knows_no_names() {
    let claims = vec![
        deaths("a", "Alma-Ata", "12", "police"),
        deaths("b", "Almaty", "12", "police"),
        deaths("c", "Kazakhstan", "164", "police"),
    ];
    let r = Reconciler::new().reconcile(claims.clone());
    // Alma-Ata stays Alma-Ata: no alias table is built in.
    assert_eq!(places_of(&r), ["Alma-Ata", "Almaty", "Kazakhstan"]);
    // And Almaty does not lie within Kazakhstan: no place table is built in.
    assert!(r.relation(&ClaimId::new("b").unwrap(), &ClaimId::new("c").unwrap()).is_none());
    assert_eq!(Reconciler::new(), Reconciler::default());
    assert!(Aliases::default().is_empty());
    assert!(Places::default().names().is_empty());
}

const NAMES: &str = r#"
{"alias": "Alma-Ata", "of": "Almaty"}
{"alias": "the UN", "of": "UN"}
{"place": "Almaty", "within": "Kazakhstan"}
"#;

const CLAIMS: &str = r#"
{"claim": "a", "document": "a", "quote": "12 died in Alma-Ata", "phrase": "12", "measure": "deaths", "place": "Alma-Ata", "speaker": "the UN"}
{"claim": "b", "document": "a", "quote": "12 died in Almaty", "phrase": "12", "measure": "deaths", "place": "Almaty", "speaker": "UN"}
{"claim": "c", "document": "a", "quote": "164 died in Kazakhstan", "phrase": "164", "measure": "deaths", "place": "Kazakhstan", "speaker": "police"}
"#;

#[test]
fn a_corpus_declares_its_names_and_its_reconciler_uses_them() {
    let text = format!("{NAMES}{DOC}{CLAIMS}");
    let corpus = Corpus::parse("c.jsonl", &text, &Parser::default()).unwrap();
    assert_eq!(corpus.aliases().canonical(&l("ALMA-ATA")).as_str(), "Almaty");
    assert_eq!(corpus.aliases().canonical(&l("the un")).as_str(), "UN");
    assert!(corpus.places().is_within(&l("Almaty"), &l("Kazakhstan")));
    let r = corpus.reconcile();
    assert_eq!(places_of(&r), ["Almaty", "Kazakhstan"]);
    let id = |s: &str| ClaimId::new(s).unwrap();
    assert_eq!(r.relation(&id("a"), &id("c")).unwrap().kind, RelationKind::PartOf);
    assert_eq!(r.relation(&id("a"), &id("b")).unwrap().kind, RelationKind::Agrees);
    // "the UN" and "UN" are one source.
    assert!(r.source(&SourceId::new("the UN").unwrap()).is_none());
    assert_eq!(r.source(&SourceId::new("UN").unwrap()).unwrap().claims, 2);
    assert_eq!(corpus.reconciler().reconcile(corpus.claims.clone()), r);
    // The same claims without the corpus's declarations keep their names apart.
    let bare = Reconciler::new().reconcile(corpus.claims.clone());
    assert_eq!(places_of(&bare), ["Alma-Ata", "Almaty", "Kazakhstan"]);
}

#[test]
fn a_corpus_without_name_lines_has_empty_tables() {
    let corpus = Corpus::parse("c.jsonl", &format!("{DOC}{CLAIMS}"), &Parser::default()).unwrap();
    assert!(corpus.aliases().is_empty());
    assert!(corpus.places().names().is_empty());
    assert_eq!(places_of(&corpus.reconcile()), ["Alma-Ata", "Almaty", "Kazakhstan"]);
}

#[test]
fn name_lines_may_come_anywhere_and_chain() {
    let text = format!(
        "{DOC}{CLAIMS}\n{}\n{}\n{}",
        r#"{"alias": "Alma Ata", "of": "Alma-Ata"}"#,
        r#"{"alias": "Alma-Ata", "of": "Almaty"}"#,
        r#"{"alias": "Alma-Ata", "of": "Alma Ata"}"#,
    );
    let corpus = Corpus::parse("c.jsonl", &text, &Parser::default()).unwrap();
    // The chain resolves, and declaring Alma-Ata again for a name that means the same is fine.
    assert_eq!(corpus.aliases().canonical(&l("Alma Ata")).as_str(), "Almaty");
    assert_eq!(places_of(&corpus.reconcile()), ["Almaty", "Kazakhstan"]);
}

#[test]
fn bad_name_lines_name_their_line_and_field() {
    let cases: [(&str, &str); 11] = [
        (
            "{\"alias\": \"Alma-Ata\", \"of\": \"Almaty\"}\n{\"alias\": \"Almaty\", \"of\": \"Alma-Ata\"}",
            "c.jsonl:3: field alias: alias \"Almaty\" -> \"Alma-Ata\" would form a cycle",
        ),
        (r#"{"alias": "Alma-Ata"}"#, "c.jsonl:2: field of: missing field `of`"),
        (
            r#"{"alias": "Alma-Ata", "of": "Almaty", "within": "Kazakhstan"}"#,
            "c.jsonl:2: field within: unknown field `within`, expected `alias` or `of`",
        ),
        (
            r#"{"alias": "Alma-Ata", "of": "Almaty", "of": "Almaty City"}"#,
            "c.jsonl:2: field of: the field is given twice",
        ),
        (
            r#"{"alias": "", "of": "Almaty"}"#,
            "c.jsonl:2: field alias: invalid label \"\": is empty",
        ),
        (
            r#"{"alias": "Alma-Ata", "of": 5}"#,
            "c.jsonl:2: field of: invalid type: integer `5`, expected a string",
        ),
        (
            "{\"alias\": \"Alma-Ata\", \"of\": \"Almaty\"}\n{\"alias\": \"alma-ata\", \"of\": \"Astana\"}",
            "c.jsonl:3: field alias: \"alma-ata\" is already an alias of \"Almaty\"",
        ),
        (
            "{\"place\": \"Almaty\", \"within\": \"Kazakhstan\"}\n{\"place\": \"Kazakhstan\", \"within\": \"Almaty\"}",
            "c.jsonl:3: field place: place \"Kazakhstan\" within \"Almaty\" would form a cycle",
        ),
        (r#"{"place": "Almaty"}"#, "c.jsonl:2: field within: missing field `within`"),
        (
            "{\"place\": \"Almaty\", \"within\": \"Kazakhstan\"}\n{\"place\": \"ALMATY\", \"within\": \"Almaty region\"}",
            "c.jsonl:3: field place: \"ALMATY\" is already declared within \"Kazakhstan\"",
        ),
        (
            r#"{"place": "Almaty", "within": " "}"#,
            "c.jsonl:2: field within: invalid label \" \": is empty",
        ),
    ];
    for (lines, expected) in cases {
        assert_eq!(corpus_error(lines), expected, "{lines}");
    }
}

#[test]
fn a_place_declared_twice_within_the_same_area_is_accepted() {
    let line = r#"{"place": "Almaty", "within": "Kazakhstan"}"#;
    let corpus = Corpus::parse("c.jsonl", &format!("{line}\n{line}"), &Parser::default()).unwrap();
    assert_eq!(corpus.places().parent_of(&l("almaty")), Some(l("Kazakhstan")));
}

#[test]
fn a_lenient_load_lists_a_bad_name_line_and_keeps_the_rest() {
    let text = format!(
        "{DOC}\n{}\n{}\n{}{CLAIMS}",
        r#"{"alias": "Alma-Ata", "of": "Almaty"}"#,
        r#"{"alias": "Almaty", "of": "Alma-Ata"}"#,
        r#"{"place": "Almaty", "within": "Kazakhstan"}"#,
    );
    let corpus = Corpus::parse_lenient("c.jsonl", &text, &Parser::default());
    assert_eq!(corpus.rejected.len(), 1);
    assert_eq!(corpus.rejected[0].line, Some(3));
    assert_eq!(corpus.aliases().canonical(&l("Alma-Ata")).as_str(), "Almaty");
    let r = corpus.reconcile();
    assert_eq!(places_of(&r), ["Almaty", "Kazakhstan"]);
    assert_eq!(r.rejected.len(), 1);
}

#[test]
fn the_general_table_is_opt_in() {
    let claims =
        vec![deaths("a", "Kazakhstan", "5", "the UN"), deaths("b", "Kazakhstan", "5", "UN")];
    let plain = Reconciler::new().reconcile(claims.clone());
    assert!(plain.source(&SourceId::new("the UN").unwrap()).is_some());
    let general = Reconciler::new().aliases(Aliases::general()).reconcile(claims);
    assert!(general.source(&SourceId::new("the UN").unwrap()).is_none());
    assert_eq!(general.source(&SourceId::new("UN").unwrap()).unwrap().claims, 2);
    let aliases = Aliases::general();
    assert_eq!(aliases.canonical(&l("North Atlantic Treaty Organisation")).as_str(), "NATO");
    // Nothing of the seed story: no places, no people.
    for name in ["Alma-Ata", "Tokayev", "Mangistau", "LPG", "Kazakhastan"] {
        assert_eq!(aliases.canonical(&l(name)).as_str(), name);
    }
}

#[test]
fn aliases_round_trip_through_serde_and_refuse_a_cycle() {
    let mut aliases = Aliases::empty();
    aliases.insert(&l("B"), &l("C")).unwrap();
    aliases.insert(&l("A"), &l("B")).unwrap();
    aliases.insert(&l("C"), &l("D")).unwrap();
    let json = serde_json::to_string(&aliases).unwrap();
    assert_eq!(json, r#"{"a":"D","b":"D","c":"D","d":"D"}"#);
    let back: Aliases = serde_json::from_str(&json).unwrap();
    assert_eq!(back, aliases);
    let reconciler = Reconciler::new().aliases(aliases);
    let back: Reconciler =
        serde_json::from_str(&serde_json::to_string(&reconciler).unwrap()).unwrap();
    assert_eq!(back, reconciler);
    let cycle: Result<Aliases, _> = serde_json::from_str(r#"{"a": "B", "b": "A"}"#);
    assert_eq!(cycle.unwrap_err().to_string(), "alias \"b\" -> \"A\" would form a cycle");
}

#[test]
fn the_seed_corpus_declares_the_names_it_uses() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/corpus.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let corpus = Corpus::parse("seeds/corpus.jsonl", &text, &Parser::default()).unwrap();
    let aliases = corpus.aliases();
    assert_eq!(aliases.canonical(&l("Tokayev")).as_str(), "Kassym-Jomart Tokayev");
    assert_eq!(aliases.canonical(&l("Mangistau Oblast")).as_str(), "Mangystau");
    assert_eq!(aliases.canonical(&l("LNG")).as_str(), "liquefied natural gas");
    assert!(corpus.places().is_within(&l("Zhanaozen"), &l("Kazakhstan")));
    assert_eq!(aliases.len(), 20 + 9);
    assert_eq!(corpus.places().names().len(), 10);
}

/// A source name with a character that shows nothing (a zero-width space pasted from a web
/// page, a soft hyphen, a direction mark) is the same source, on both table paths: not a
/// second voice that seems to confirm the first. One that reorders how it shows is an error
/// naming the row and the field.
#[test]
fn a_name_with_an_invisible_character_is_the_same_source() {
    let csv = "source,object,attribute,value\nReuters,o1,deaths,5\nReu\u{ad}ters\u{200b},o2,deaths,6\nAP,o1,deaths,7\n";
    let names = |r: &Reconciliation| -> Vec<String> {
        r.sources.iter().map(|s| format!("{} ({} claims)", s.source, s.claims)).collect()
    };
    let claims = Table::csv()
        .read("t.csv", csv.as_bytes(), &Parser::default())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let r = Reconciler::new().reconcile(claims);
    assert_eq!(names(&r), ["AP (1 claims)", "Reuters (2 claims)"]);
    let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let b = Reconciler::new().reconcile_table(&bulk);
    assert_eq!(names(&b), ["AP (1 claims)", "Reuters (2 claims)"]);

    let csv = "source,object,attribute,value\nReuters\u{202e}sretueR,o1,deaths,5\n";
    let err = Table::csv()
        .read("t.csv", csv.as_bytes(), &Parser::default())
        .find_map(Result::err)
        .unwrap()
        .to_string();
    assert!(err.starts_with("t.csv:2: field source: "), "{err}");
    assert!(
        err.ends_with(
            "contains a bidirectional control character (U+202E), which reorders how it shows"
        ),
        "{err}"
    );
    let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let rejected =
        bulk.rejected().iter().map(|r| r.error.to_string()).collect::<Vec<_>>().join("; ");
    assert!(
        rejected.contains("t.csv:2: field source: ") && rejected.contains("U+202E"),
        "{rejected}"
    );
}

/// A name written composed ("Café", with "é" as one character) and decomposed ("Cafe" and a
/// combining acute accent, as some systems store text) looks the same and is one name: one
/// source, one object, one label, shown composed, on every path. Before, the two were two
/// sources whose agreeing figures counted as two voices.
#[test]
fn a_name_written_composed_or_decomposed_is_one_name() {
    let composed = "Caf\u{e9} Tribune";
    let decomposed = "Cafe\u{301} Tribune";
    assert_ne!(composed, decomposed);
    assert_eq!(SourceId::new(decomposed).unwrap().as_str(), composed);
    assert_eq!(Label::new(decomposed).unwrap(), Label::new(composed).unwrap());
    assert_eq!(Label::new(decomposed).unwrap().as_str(), composed);
    let csv = format!(
        "source,object,attribute,value\n{composed},Sa\u{303}o Paulo,killed,10\n\
         {decomposed},S\u{e3}o Paulo,killed,10\nother,S\u{e3}o Paulo,killed,12\n"
    );
    let parser = Parser::default();
    let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &parser).unwrap();
    assert_eq!(bulk.sources(), [composed, "other"]);
    let by_table = Reconciler::new().reconcile_table(&bulk);
    let claims: Vec<Claim> =
        Table::csv().read("t.csv", csv.as_bytes(), &parser).map(Result::unwrap).collect();
    let by_claims = Reconciler::new().reconcile(claims);
    for r in [&by_table, &by_claims] {
        assert_eq!(r.groups.len(), 1);
        assert_eq!(r.sources.len(), 2, "{:?}", r.sources);
        assert_eq!(
            r.estimate("S\u{e3}o Paulo", "killed").unwrap().figure.best_number(),
            Some(10.0)
        );
    }
}
