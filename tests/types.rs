//! Every public type is thread-safe, and claims carry their errors and serde shape.

use chrono::NaiveDate;
use claimrecon::*;

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<Value>();
    assert_send_sync::<Claim>();
    assert_send_sync::<Parser>();
    assert_send_sync::<Parsed>();
    assert_send_sync::<Error>();
    assert_send_sync::<IoError>();
    assert_send_sync::<Policy>();
    assert_send_sync::<Aliases>();
    assert_send_sync::<Subject>();
    assert_send_sync::<Provenance>();
    assert_send_sync::<Comparison>();
    assert_send_sync::<ComparisonReason>();
    assert_send_sync::<RelationReason>();
    assert_send_sync::<Relations>();
    assert_send_sync::<RelationIter<'static>>();
    assert_send_sync::<RankReason>();
    assert_send_sync::<Interval>();
    assert_send_sync::<QualifiedTime>();
    assert_send_sync::<DayInterval>();
    assert_send_sync::<TimePolicy>();
    assert_send_sync::<DayPartRange>();
    assert_send_sync::<Clock>();
    assert_send_sync::<Bulk>();
    assert_send_sync::<Reconciliation>();
    assert_send_sync::<Group>();
    assert_send_sync::<Finding>();
    assert_send_sync::<TableGroup>();
    assert_send_sync::<VoiceReason>();
    assert_send_sync::<JsonProblem>();
}

fn seed_claim(phrase: &str) -> Result<Claim, Error> {
    let published = NaiveDate::from_ymd_opt(2022, 1, 25).unwrap();
    Claim::parse(
        ClaimId::new("d0-injured-un")?,
        Subject::new(Measure::Injured).place(Label::new("Kazakhstan")?),
        phrase,
        Provenance::new(SourceId::new("GSV Russia - Islamic World")?)
            .relayed_via(SourceId::new("RIA Novosti")?)
            .speaker(Label::new("UN")?)
            .quote("About 1,000 people were injured in the protests in Kazakhstan, according to the UN.")
            .published(published),
        &Parser::default(),
    )
}

#[test]
fn a_claim_keeps_its_phrase_and_defaults_as_of_to_publication() {
    let claim = seed_claim("About 1,000").unwrap();
    assert_eq!(claim.phrase(), Some("About 1,000"));
    assert_eq!(claim.as_of(), NaiveDate::from_ymd_opt(2022, 1, 25));
    assert!(!claim.has_explicit_as_of());
    let later = claim.clone().with_as_of(NaiveDate::from_ymd_opt(2022, 1, 20).unwrap());
    assert_eq!(later.as_of(), NaiveDate::from_ymd_opt(2022, 1, 20));
    assert_eq!(claim.provenance().voice().as_str(), "RIA Novosti");
}

#[test]
fn a_claim_error_names_the_claim_and_the_field() {
    let err = seed_claim("about a lot").unwrap_err();
    assert_eq!(
        err.to_string(),
        "claim \"d0-injured-un\", field value: cannot read \"about a lot\" at byte 6: expected a number, found 'a'"
    );
}

#[test]
fn a_claim_resolves_relative_dates_against_its_publication() {
    let published = NaiveDate::from_ymd_opt(2022, 1, 6).unwrap();
    let claim = Claim::parse(
        ClaimId::new("d1-start").unwrap(),
        Subject::new(Measure::EventDate),
        "over the weekend",
        Provenance::new(SourceId::new("BaaghiTV").unwrap()).published(published),
        &Parser::default(),
    )
    .unwrap();
    assert_eq!(claim.value().to_string(), "from 2022-01-01 to 2022-01-02");
}

#[test]
fn claims_round_trip_through_serde() {
    let claim = seed_claim("About 1,000").unwrap();
    let json = serde_json::to_string(&claim).unwrap();
    let back: Claim = serde_json::from_str(&json).unwrap();
    assert_eq!(back, claim);
}

#[test]
fn deserialising_rechecks_what_constructors_check() {
    let nan: Result<Number, _> = serde_json::from_str("-1.0");
    assert_eq!(nan.unwrap_err().to_string(), "invalid number -1: negative amounts are not allowed");
    let inverted: Result<NumberRange, _> = serde_json::from_str(r#"{"low":60,"high":50}"#);
    assert_eq!(
        inverted.unwrap_err().to_string(),
        "inverted range: low end 60 is above high end 50"
    );
    let late: Result<TimeOfDay, _> = serde_json::from_str("1500");
    assert_eq!(
        late.unwrap_err().to_string(),
        "invalid time of day \"25:00\": hours run 0-23 and minutes 0-59"
    );
    let empty: Result<ClaimId, _> = serde_json::from_str(r#""  ""#);
    assert_eq!(empty.unwrap_err().to_string(), "invalid claim id \"  \": is empty");
    let score: Result<Score, _> = serde_json::from_str("1.5");
    assert!(score.is_err());
}

#[test]
fn parser_and_reconciler_settings_round_trip_through_serde() {
    let parser = Parser::default().published(NaiveDate::from_ymd_opt(2022, 1, 6).unwrap()).unwrap();
    let back: Parser = serde_json::from_str(&serde_json::to_string(&parser).unwrap()).unwrap();
    assert_eq!(back, parser);
    let reconciler = Reconciler::new().rounds(5).same_voice(
        SourceId::new("RIA Novosti").unwrap(),
        SourceId::new("Sputnik").unwrap(),
        "same owner",
    );
    let back: Reconciler =
        serde_json::from_str(&serde_json::to_string(&reconciler).unwrap()).unwrap();
    assert_eq!(back, reconciler);
    let every_round = reconciler.clone().tolerance(0.0).all_pairs_up_to(3);
    let back: Reconciler =
        serde_json::from_str(&serde_json::to_string(&every_round).unwrap()).unwrap();
    assert_eq!(back, every_round);
    assert_ne!(back, reconciler);
    // Infinity is kept as the largest number (JSON holds no infinity), a negative tolerance
    // read as the setter reads it.
    let one_round = reconciler.clone().tolerance(f64::INFINITY);
    let back: Reconciler =
        serde_json::from_str(&serde_json::to_string(&one_round).unwrap()).unwrap();
    assert_eq!(back, one_round);
    let mut saved = serde_json::to_value(&reconciler).unwrap();
    saved["tolerance"] = serde_json::json!(-5.0);
    assert_eq!(
        serde_json::from_value::<Reconciler>(saved).unwrap(),
        reconciler.clone().tolerance(-5.0)
    );
    // Settings saved before the tolerance was one read with the default.
    let mut saved = serde_json::to_value(&reconciler).unwrap();
    assert!(saved.as_object_mut().unwrap().remove("tolerance").is_some());
    assert_eq!(serde_json::from_value::<Reconciler>(saved).unwrap(), reconciler);
    // What a result holds: kept when set off, everything when saved before the settings,
    // and a setting not saved is on.
    let lean = reconciler.clone().findings(false).ranks(false).whole_groups(false);
    let back: Reconciler = serde_json::from_str(&serde_json::to_string(&lean).unwrap()).unwrap();
    assert_eq!(back, lean);
    assert_ne!(back, reconciler);
    let mut saved = serde_json::to_value(&lean).unwrap();
    assert!(saved.as_object_mut().unwrap().remove("asked").is_some());
    assert_eq!(serde_json::from_value::<Reconciler>(saved).unwrap(), reconciler);
    let mut saved = serde_json::to_value(&reconciler).unwrap();
    saved["asked"] = serde_json::json!({ "ranks": false });
    assert_eq!(
        serde_json::from_value::<Reconciler>(saved).unwrap(),
        reconciler.clone().ranks(false)
    );
}

#[test]
fn subjects_normalise_through_aliases() {
    let mut aliases = Aliases::empty();
    aliases.insert(&Label::new("Alma-Ata").unwrap(), &Label::new("Almaty").unwrap()).unwrap();
    let a =
        Subject::new(Measure::Deaths).place(Label::new("Alma-Ata").unwrap()).normalized(&aliases);
    let b = Subject::new(Measure::Deaths).place(Label::new("ALMATY").unwrap()).normalized(&aliases);
    assert_eq!(a, b);
    assert_eq!(a.to_string(), "deaths in Almaty");
    assert_eq!(Subject::new(Measure::Deaths).behaviour(), Nature::RunningTotal);
    assert_eq!(Subject::new(Measure::TroopsDeployed).behaviour(), Nature::ChangingState);
}
