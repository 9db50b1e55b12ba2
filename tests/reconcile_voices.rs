//! Independence groups: copying detected from shared rare figures, and declared owners.

use chrono::NaiveDate;
use claimrecon::*;

fn claim(id: &str, subject: usize, phrase: &str, outlet: &str) -> Claim {
    let place = Label::new(&format!("town {subject}")).unwrap();
    let provenance = Provenance::new(SourceId::new(outlet).unwrap())
        .published(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
    Claim::parse(
        ClaimId::new(id).unwrap(),
        Subject::new(Measure::Deaths).place(place),
        phrase,
        provenance,
        &Parser::default(),
    )
    .unwrap()
}

/// Three honest outlets agree on the truth; two others share the same wrong figure, which no
/// one else gives, on the first `copied_subjects` subjects.
fn claims(copied_subjects: usize) -> Vec<Claim> {
    let mut out = Vec::new();
    for s in 0..4 {
        let truth = 100 + 10 * s;
        out.push(claim(&format!("a{s}"), s, &truth.to_string(), "Honest A"));
        out.push(claim(&format!("b{s}"), s, &truth.to_string(), "Honest B"));
        out.push(claim(&format!("e{s}"), s, &truth.to_string(), "Honest E"));
        let wrong = if s < copied_subjects { 500 + s } else { truth };
        out.push(claim(&format!("c{s}"), s, &wrong.to_string(), "Original"));
        out.push(claim(&format!("d{s}"), s, &wrong.to_string(), "Copier"));
    }
    out
}

#[test]
fn sources_sharing_rare_wrong_figures_are_one_voice() {
    let r = Reconciler::new().reconcile(claims(4));
    let voice = |s: &str| r.source(&SourceId::new(s).unwrap()).unwrap().voice.clone();
    assert_eq!(voice("Original"), voice("Copier"));
    assert_ne!(voice("Honest A"), voice("Honest B"));
    let group = r.voices.iter().find(|v| v.members.len() == 2).unwrap();
    assert!(
        group.reasons[0].to_string().contains(
            "copying detected (4 of 4 shared subjects identical, 4 figures no other voice gives, \
             against 0.0 by chance)"
        ),
        "{:?}",
        group.reasons
    );
    // Counted once, the copied figure loses to the independent honest voices.
    let g = &r.groups[0];
    assert_eq!(g.estimate.as_ref().unwrap().figure.to_string(), "low 100 / best 100 / high 100");
}

#[test]
fn three_shared_rare_figures_no_other_pair_shares_are_copying() {
    // Chance is judged by the other pairs, which share no rare figure here: the pair's own
    // three coincidences do not raise the bar they are judged against.
    let r = Reconciler::new().reconcile(claims(3));
    let voice = |s: &str| r.source(&SourceId::new(s).unwrap()).unwrap().voice.clone();
    assert_eq!(voice("Original"), voice("Copier"));
}

#[test]
fn two_shared_rare_figures_are_not_enough_to_call_it_copying() {
    let r = Reconciler::new().reconcile(claims(2));
    let voice = |s: &str| r.source(&SourceId::new(s).unwrap()).unwrap().voice.clone();
    assert_ne!(voice("Original"), voice("Copier"));
}

#[test]
fn copy_detection_can_be_turned_off() {
    let r = Reconciler::new().copy_detection(false).reconcile(claims(4));
    let voice = |s: &str| r.source(&SourceId::new(s).unwrap()).unwrap().voice.clone();
    assert_ne!(voice("Original"), voice("Copier"));
}

#[test]
fn declared_owners_make_one_voice_with_the_reason() {
    let r = Reconciler::new()
        .same_voice(
            SourceId::new("Honest A").unwrap(),
            SourceId::new("Honest B").unwrap(),
            "same owner: Example Media",
        )
        .copy_detection(false)
        .reconcile(claims(0));
    let group = r.voices.iter().find(|v| v.members.len() == 2).unwrap();
    assert_eq!(group.reasons, vec!["Honest A and Honest B: same owner: Example Media".to_owned()]);
}

#[test]
fn speakers_differing_only_in_case_are_one_source() {
    let day = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap();
    let said = |id: &str, outlet: &str, speaker: &str| {
        let p = Provenance::new(SourceId::new(outlet).unwrap())
            .speaker(Label::new(speaker).unwrap())
            .published(day);
        Claim::parse(
            ClaimId::new(id).unwrap(),
            Subject::new(Measure::Deaths),
            "5",
            p,
            &Parser::default(),
        )
        .unwrap()
    };
    let r = Reconciler::new().reconcile(vec![said("a", "X", "Police"), said("b", "Y", "police")]);
    assert_eq!(r.sources.len(), 1);
    assert_eq!(r.sources[0].source.as_str(), "Police");
}

fn relayed(
    id: &str,
    phrase: &str,
    outlet: &str,
    via: Option<&str>,
    speaker: Option<&str>,
) -> Claim {
    let mut provenance = Provenance::new(SourceId::new(outlet).unwrap())
        .published(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
    if let Some(w) = via {
        provenance = provenance.relayed_via(SourceId::new(w).unwrap());
    }
    if let Some(s) = speaker {
        provenance = provenance.speaker(Label::new(s).unwrap());
    }
    Claim::parse(
        ClaimId::new(id).unwrap(),
        Subject::new(Measure::Deaths),
        phrase,
        provenance,
        &Parser::default(),
    )
    .unwrap()
}

/// A death toll `phrase` from `outlet`, published on day `d` of January 2022, relayed via
/// `via` where given.
fn dated_relay(id: &str, phrase: &str, outlet: &str, via: Option<&str>, d: u32) -> Claim {
    let mut p = Provenance::new(SourceId::new(outlet).unwrap())
        .published(NaiveDate::from_ymd_opt(2022, 1, d).unwrap());
    if let Some(w) = via {
        p = p.relayed_via(SourceId::new(w).unwrap());
    }
    let subject = Subject::new(Measure::Deaths);
    Claim::parse(ClaimId::new(id).unwrap(), subject, phrase, p, &Parser::default()).unwrap()
}

fn voice(r: &Reconciliation, source: &str) -> SourceId {
    r.source(&SourceId::new(source).unwrap()).unwrap().voice.clone()
}

#[test]
fn an_outlet_relaying_a_wire_that_quoted_a_ministry_is_no_second_confirmation() {
    let r = Reconciler::new().reconcile(vec![
        relayed("wire", "31", "RIA Novosti", None, Some("interior ministry")),
        relayed("daily", "31", "Daily", Some("RIA Novosti"), None),
        relayed("rival", "40", "Rival", None, Some("hospital")),
        relayed("rival2", "40", "Rival Two", None, None),
    ]);
    // One voice at 31 against two at 40: the two win.
    let e = r.groups[0].estimate.as_ref().unwrap();
    assert_eq!(e.figure.to_string(), "low 40 / best 40 / high 40");
    let ministry = r.voices.iter().find(|v| v.voice.as_str() == "interior ministry").unwrap();
    assert_eq!(ministry.claims, 2, "the relay speaks with the ministry's voice");
    assert!(
        ministry
            .reasons
            .iter()
            .any(|w| w == "Daily relays RIA Novosti, which published interior ministry's figures"),
        "{:?}",
        ministry.reasons
    );
    assert_eq!(r.source(&SourceId::new("Daily").unwrap()).unwrap().echoes, 1);
    // The report's headline counts the voices the estimates count: Daily's relay speaks with
    // the ministry's voice, and the wire's group Daily joined speaks for no claim (it counted
    // one voice more than the estimates did).
    let text = claimrecon::text(&r);
    assert!(
        text.starts_with(
            "RECONCILIATION: 4 claims about 1 quantity from 4 sources (3 independent voices)\n"
        ),
        "{text}"
    );
}

/// An outlet relaying a wire's own figure (no speaker named) is one voice with the wire, and
/// the independence group says so once: "B relays TASS" was followed by "B relays TASS, which
/// published TASS's figures".
#[test]
fn a_relay_of_a_wire_s_own_figure_is_said_once() {
    let r = Reconciler::new().reconcile(vec![
        relayed("own", "200", "TASS", None, None),
        relayed("relay", "200", "B", Some("TASS"), None),
    ]);
    let tass = r.voices.iter().find(|v| v.voice.as_str() == "TASS").unwrap();
    let reasons: Vec<String> = tass.reasons.iter().map(ToString::to_string).collect();
    assert_eq!(reasons, vec!["B relays TASS".to_owned()]);
    assert_eq!(tass.claims, 2);
}

#[test]
fn a_relayed_quote_and_the_wire_s_own_report_of_it_are_one_voice() {
    // The relaying outlet names the speaker; the wire, publishing itself, does not.
    let r = Reconciler::new().reconcile(vec![
        relayed("own", "31", "RIA Novosti", None, None),
        relayed("quote", "31", "Daily", Some("RIA Novosti"), Some("interior ministry")),
    ]);
    let e = r.groups[0].estimate.as_ref().unwrap();
    assert!(e.reason.to_string().contains("one independent voice"), "{}", e.reason);
    // Different figures are no sign of relaying one report.
    let r = Reconciler::new().reconcile(vec![
        relayed("own", "31", "RIA Novosti", None, None),
        relayed("quote", "35", "Daily", Some("RIA Novosti"), Some("interior ministry")),
    ]);
    assert_ne!(voice(&r, "interior ministry"), voice(&r, "RIA Novosti"));
}

#[test]
fn relaying_a_wire_does_not_make_the_speakers_it_quotes_one_voice() {
    let place = |p: &str, c: Claim| {
        Claim::new(
            c.id().clone(),
            c.subject().clone().place(Label::new(p).unwrap()),
            c.value().clone(),
            c.provenance().clone(),
        )
    };
    let detained = |id: &str, speaker: &str| {
        Claim::new(
            ClaimId::new(id).unwrap(),
            Subject::new(Measure::Detained).place(Label::new("town 3").unwrap()),
            Parser::default().parse("5").unwrap().value,
            Provenance::new(SourceId::new("Paper").unwrap()).speaker(Label::new(speaker).unwrap()),
        )
    };
    let r = Reconciler::new().reconcile(vec![
        place("town 1", relayed("m", "10", "RIA Novosti", None, Some("ministry"))),
        place("town 2", relayed("p", "20", "RIA Novosti", None, Some("police"))),
        place("town 1", relayed("xm", "10", "X", Some("RIA Novosti"), None)),
        place("town 2", relayed("xp", "20", "X", Some("RIA Novosti"), None)),
        detained("dm", "ministry"),
        detained("dp", "police"),
    ]);
    assert_ne!(voice(&r, "ministry"), voice(&r, "police"));
    let g = r.group_of(&ClaimId::new("dm").unwrap()).unwrap();
    let e = g.estimate.as_ref().unwrap();
    assert!(e.reason.to_string().contains("2 independent voices"), "{}", e.reason);
}

#[test]
fn speakers_and_outlets_are_both_reported() {
    let r = Reconciler::new().reconcile(vec![
        relayed("a", "31", "Daily", None, Some("interior ministry")),
        relayed("b", "31", "Weekly", None, Some("hospital")),
        relayed("c", "90", "Weekly", None, Some("a blogger")),
        relayed("d", "31", "Monthly", None, None),
    ]);
    let names: Vec<&str> = r.outlets.iter().map(|o| o.outlet.as_str()).collect();
    assert_eq!(names, ["Daily", "Monthly", "Weekly"]);
    let weekly = r.outlets.iter().find(|o| o.outlet.as_str() == "Weekly").unwrap();
    assert_eq!((weekly.claims, weekly.checked), (2, 2));
    assert_eq!(weekly.agreement.unwrap().get(), 0.5);
    assert!(r.source(&SourceId::new("hospital").unwrap()).is_some());
    assert!(
        claimrecon::text(&r).contains("OUTLETS (who published the claims, whoever they quoted)")
    );
}

#[test]
fn a_chain_of_relays_speaks_with_its_first_original() {
    let r = Reconciler::new().reconcile(vec![
        relayed("afp", "31", "AFP", None, Some("ministry")),
        relayed("ria", "31", "RIA Novosti", Some("AFP"), None),
        relayed("daily", "31", "Daily", Some("RIA Novosti"), None),
        relayed("other", "31", "Other", None, Some("hospital")),
    ]);
    let e = r.groups[0].estimate.as_ref().unwrap();
    assert!(e.reason.to_string().contains("2 independent voices"), "{}", e.reason);
    let ministry = r.voices.iter().find(|v| v.voice.as_str() == "ministry").unwrap();
    assert_eq!(ministry.claims, 3);
}

#[test]
fn an_outlet_that_also_reports_on_its_own_relays_claim_by_claim() {
    let injured = |id: &str, outlet: &str| {
        Claim::new(
            ClaimId::new(id).unwrap(),
            Subject::new(Measure::Injured),
            Parser::default().parse("50").unwrap().value,
            Provenance::new(SourceId::new(outlet).unwrap()),
        )
    };
    let r = Reconciler::new().reconcile(vec![
        relayed("x-relay", "31", "X", Some("RIA Novosti"), None),
        injured("x-own", "X"),
        injured("ria-own", "RIA Novosti"),
    ]);
    let g = r.group_of(&ClaimId::new("x-own").unwrap()).unwrap();
    let e = g.estimate.as_ref().unwrap();
    assert!(e.reason.to_string().contains("2 independent voices"), "{}", e.reason);
    // The relayed claim still speaks with the wire's voice.
    let ria = r.voices.iter().find(|v| v.voice.as_str() == "RIA Novosti").unwrap();
    assert_eq!(ria.claims, 2);
    assert!(
        ria.reasons.iter().any(|w| w == "X relays RIA Novosti (claim by claim)"),
        "{:?}",
        ria.reasons
    );
}

/// Shrunk by hand from the case proptest found for
/// `an_echo_through_the_same_wire_changes_no_estimate_and_no_score`: an outlet that relays a
/// wire claim by claim and reports on its own gives the same figure both ways, on different
/// days. An echo of its own report is its voice repeating itself, not the wire's.
#[test]
fn an_echo_of_an_outlet_s_own_report_does_not_join_the_wire_it_also_relays() {
    let troops = |id: &str, phrase: &str, outlet: &str, via: Option<&str>, day: u32| {
        let mut provenance = Provenance::new(SourceId::new(outlet).unwrap())
            .published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap());
        if let Some(w) = via {
            provenance = provenance.relayed_via(SourceId::new(w).unwrap());
        }
        Claim::parse(
            ClaimId::new(id).unwrap(),
            Subject::new(Measure::TroopsDeployed),
            phrase,
            provenance,
            &Parser::default(),
        )
        .unwrap()
    };
    let claims = vec![
        // On the 20th Gamma TV relays Wire One's 2,000; two independent outlets say 3,000.
        troops("tv-relay", "2000", "Gamma TV", Some("Wire One"), 20),
        troops("alpha", "3000", "Alpha News", None, 20),
        troops("beta", "3000", "Beta Daily", None, 20),
        // On the 24th Gamma TV gives 2,000 on its own.
        troops("tv-own", "2000", "Gamma TV", None, 24),
    ];
    let scores = |r: &Reconciliation, voice: &str| {
        let v = r.voices.iter().find(|v| v.voice.as_str() == voice).unwrap();
        (v.claims, v.distinct, v.agreement.map(Score::get), v.reliability.map(Score::get))
    };
    let figure = |r: &Reconciliation| r.groups[0].estimate.as_ref().unwrap().figure.to_string();
    let before = Reconciler::new().reconcile(claims.clone());
    assert_eq!(figure(&before), "low 2,000 / best 2,000 / high 2,000");
    let wire_one = (1, 1, Some(0.0), Some(0.320_377_241_017_040_8));
    assert_eq!(scores(&before, "Wire One"), wire_one);
    assert_eq!(scores(&before, "Gamma TV"), (1, 1, Some(1.0), Some(1.0)));

    // Echo Outlet relays Gamma TV's own report of the 24th.
    let mut with_echo = claims;
    with_echo.push(troops("echo", "2000", "Echo Outlet", Some("Gamma TV"), 24));
    let after = Reconciler::new().reconcile(with_echo);
    // Before the fix the echo took Wire One's voice: (2, 2, 0.5, 0.660...).
    assert_eq!(scores(&after, "Wire One"), wire_one);
    assert_eq!(scores(&after, "Gamma TV"), (2, 1, Some(1.0), Some(1.0)));
    assert_eq!(figure(&before), figure(&after));
    assert_eq!(voice(&after, "Echo Outlet"), voice(&after, "Gamma TV"));
    assert_eq!(after.source(&SourceId::new("Echo Outlet").unwrap()).unwrap().echoes, 1);
}

/// A declaration reaches a wire relayed claim by claim, which is no claim's source, spelt as
/// the relays spell it or in another case: "Daily" relays "RIA Novosti" on one claim and
/// reports on its own on another, Sputnik is declared one voice with the wire, so the relayed
/// claim and Sputnik's are one voice. Also when a second declaration spells the wire in
/// capitals (once, the first spelling among the declarations won and the exact one was lost),
/// and when an outlet "Ria Novosti" of its own is a source: a name spelt as a claim gives it is
/// that name.
#[test]
fn a_declaration_reaches_a_relayed_wire_in_any_case() {
    let relayed = |id: &str, subject: usize, phrase: &str, outlet: &str, wire: &str| {
        let c = claim(id, subject, phrase, outlet);
        let provenance = c.provenance().clone().relayed_via(SourceId::new(wire).unwrap());
        Claim::parse(
            ClaimId::new(id).unwrap(),
            c.subject().clone(),
            phrase,
            provenance,
            &Parser::default(),
        )
        .unwrap()
    };
    let claims = |extra: bool| {
        let mut out = vec![
            relayed("c1", 0, "225", "Daily", "RIA Novosti"),
            claim("c2", 1, "12", "Daily"),
            claim("c3", 0, "225", "Sputnik"),
            claim("c4", 0, "103", "TASS"),
            claim("c5", 1, "10", "TASS"),
            claim("c6", 1, "10", "Sputnik"),
        ];
        if extra {
            out.push(claim("c7", 2, "5", "Ria Novosti"));
        }
        out
    };
    let id = |s: &str| SourceId::new(s).unwrap();
    let cases: [(&[(&str, &str)], bool); 4] = [
        (&[("RIA Novosti", "Sputnik")], false),
        (&[("ria novosti", "Sputnik")], false),
        (&[("RIA Novosti", "Sputnik"), ("RIA NOVOSTI", "Rossiya")], false),
        (&[("RIA Novosti", "Sputnik")], true),
    ];
    for (declared, extra) in cases {
        let reconciler = declared
            .iter()
            .fold(Reconciler::new(), |r, (a, b)| r.same_voice(id(a), id(b), "one owner"));
        let r = reconciler.reconcile(claims(extra));
        let sputnik = r.source(&id("Sputnik")).unwrap();
        assert_eq!(sputnik.voice.as_str(), "RIA Novosti", "{declared:?}, {extra}");
        // The wire's relayed figure and Sputnik's two are one voice's three claims.
        let wire = r.voices.iter().find(|v| v.voice.as_str() == "RIA Novosti").unwrap();
        assert_eq!((wire.claims, wire.distinct), (3, 2), "{declared:?}, {extra}");
        if extra {
            let own = r.source(&id("Ria Novosti")).unwrap();
            assert_eq!(own.voice.as_str(), "Ria Novosti", "its own voice");
        }
    }
}

/// A late relay of a wire's report is as of that report (D4 of an earlier probe). TASS said 200
/// on the 10th and revised it to 164 on the 11th, which C confirmed; on the 12th B relayed
/// TASS's 200. Dated by its publication, the relay was TASS rising back to 200 on the 12th, the
/// estimate 200 "from one independent voice", and no finding. The relay repeats TASS's report
/// of the 10th: TASS's revision supersedes it, and the estimate is 164 from two voices. A relay
/// that states its own as-of keeps it; and a relay of an old figure is no fall below a later
/// figure of another voice.
#[test]
fn a_late_relay_of_a_wire_s_report_is_as_of_that_report() {
    let claim = dated_relay;
    let estimate = |r: &Reconciliation| {
        let e = r.groups[0].estimate.as_ref().unwrap();
        (e.figure.to_string(), e.reason.to_string())
    };
    let withdrawn = vec![
        claim("a-tass", "200", "TASS", None, 10),
        claim("b-tass", "164", "TASS", None, 11),
        claim("c", "164", "C", None, 11),
        claim("d-relay", "200", "B", Some("TASS"), 12),
    ];
    let r = Reconciler::new().reconcile(withdrawn.clone());
    let (figure, reason) = estimate(&r);
    assert_eq!(figure, "low 164 / best 164 / high 164");
    assert!(reason.contains("from 2 independent voices"), "{reason}");
    let relay = r.groups[0].ranks.iter().find(|x| x.claim.as_str() == "d-relay").unwrap();
    assert_eq!(relay.rank, Rank::Normal);
    assert_eq!(relay.reason.to_string(), "revised down by its own voice to 164 (2022-01-11)");
    // Its own as-of (the text said the figure holds on the 12th) is kept.
    let mut stated = withdrawn;
    stated[3] = stated[3].clone().with_as_of(NaiveDate::from_ymd_opt(2022, 1, 12).unwrap());
    assert_eq!(estimate(&Reconciler::new().reconcile(stated)).0, "low 200 / best 200 / high 200");
    // An old figure relayed late is no fall below another voice's later figure.
    let r = Reconciler::new().reconcile(vec![
        claim("a-tass", "200", "TASS", None, 10),
        claim("b", "250", "C", None, 11),
        claim("c-relay", "200", "B", Some("TASS"), 12),
    ]);
    assert_eq!(estimate(&r).0, "low 250 / best 250 / high 250");
    let looks = r.findings.iter().filter(|f| f.kind != FindingKind::SingleVoice);
    assert_eq!(looks.count(), 0, "{:?}", r.findings);
    // A relay of no date repeats the report too: it was read as an undated figure of TASS's
    // own voice beside TASS's 164, a conflict of TASS with itself.
    let undated = |id: &str, outlet: &str, via: &str| {
        let p = Provenance::new(SourceId::new(outlet).unwrap())
            .relayed_via(SourceId::new(via).unwrap());
        Claim::parse(
            ClaimId::new(id).unwrap(),
            Subject::new(Measure::Deaths),
            "200",
            p,
            &Parser::default(),
        )
        .unwrap()
    };
    let tass = [claim("a-tass", "200", "TASS", None, 10), claim("b-tass", "164", "TASS", None, 11)];
    let mut claims = tass.to_vec();
    claims.push(undated("d-relay", "B", "TASS"));
    let r = Reconciler::new().reconcile(claims);
    assert_eq!(estimate(&r).0, "low 164 / best 164 / high 164");
    assert!(r.findings.iter().all(|f| f.kind != FindingKind::Conflict), "{:#?}", r.findings);
    let relay = r.groups[0].ranks.iter().find(|x| x.claim.as_str() == "d-relay").unwrap();
    assert_eq!(relay.reason.to_string(), "revised down by its own voice to 164 (2022-01-11)");
    assert_eq!(r.groups[0].repeats[0].as_of, NaiveDate::from_ymd_opt(2022, 1, 10));
    // And an undated relay of that undated relay, whichever comes first.
    for chain in [
        [undated("d-relay", "B", "TASS"), undated("e-relay", "C", "B")],
        [undated("e-relay", "C", "B"), undated("d-relay", "B", "TASS")],
    ] {
        let mut claims = tass.to_vec();
        claims.extend(chain);
        let r = Reconciler::new().reconcile(claims);
        assert_eq!(estimate(&r).0, "low 164 / best 164 / high 164");
        assert!(r.findings.iter().all(|f| f.kind != FindingKind::Conflict), "{:#?}", r.findings);
        assert_eq!(r.groups[0].repeats.len(), 2, "{:?}", r.groups[0].repeats);
    }
}

/// A relay repeats the wire's latest report of its figure by its own date, not the first:
/// TASS's 200 of the 10th, revised to 164 on the 11th, then 200 again on the 14th, relayed by
/// B on the 15th, is TASS's 200 of the 14th (it was read as the withdrawn 200 of the 10th).
/// The group lists what each relay repeats, the report's rows show the date it is read at, and
/// a line says why.
#[test]
fn a_relay_repeats_the_wire_s_latest_report_of_its_figure() {
    let claim = dated_relay;
    let r = Reconciler::new().reconcile(vec![
        claim("a", "200", "TASS", None, 10),
        claim("b", "164", "TASS", None, 11),
        claim("c", "200", "TASS", None, 14),
        claim("d", "200", "B", Some("TASS"), 15),
    ]);
    let g = &r.groups[0];
    assert_eq!(g.repeats.len(), 1);
    assert_eq!(g.repeats[0].repeats.as_str(), "c");
    assert_eq!(g.repeats[0].as_of, NaiveDate::from_ymd_opt(2022, 1, 14));
    let relay = g.ranks.iter().find(|x| x.claim.as_str() == "d").unwrap();
    assert_eq!(relay.rank, Rank::Preferred, "{}", relay.reason);
    let text = claimrecon::text(&r);
    assert!(
        text.contains("  2022-01-14  B                       -                       200 "),
        "{text}"
    );
    assert!(
        text.contains(
            "repeats: 200 (B), published 15 Jan 2022, relays TASS's report c: read as of 14 Jan \
             2022"
        ),
        "{text}"
    );
}

/// A relay's reasons are worded alike whatever the order of its claims: an attributed relay
/// and an unattributed one of a wire's own figure gave the original's words only where the
/// attributed claim came first.
#[test]
fn a_relay_s_reasons_do_not_depend_on_the_order_of_its_claims() {
    let words = |first: Option<&str>, second: Option<&str>| {
        let r = Reconciler::new().reconcile(vec![
            relayed("a", "200", "TASS", None, None),
            relayed("b", "200", "B", Some("TASS"), first),
            relayed("c", "200", "B", Some("TASS"), second),
        ]);
        let tass = r.voices.iter().find(|v| v.voice.as_str() == "TASS").unwrap();
        let mut reasons: Vec<String> = tass.reasons.iter().map(ToString::to_string).collect();
        reasons.sort();
        reasons
    };
    assert_eq!(words(Some("Ministry"), None), words(None, Some("Ministry")));
}

/// A report is its publication, whatever date a relay in it is read at: B's article of the
/// 12th relaying TASS's 19 security officers killed (TASS's report of the 10th) beside its own
/// 150 civilians is one report, whose sub-counts add up to at least 169 (the relay moved to
/// the 10th had split it in two, and the bound was lost).
#[test]
fn a_relay_read_at_an_earlier_date_stays_in_its_report_s_sub_counts() {
    let killed = |who: Population| Subject::new(Measure::Deaths).population(who);
    let claim =
        |id: &str, who: Population, phrase: &str, outlet: &str, via: Option<&str>, d: u32| {
            let mut p = Provenance::new(SourceId::new(outlet).unwrap())
                .published(NaiveDate::from_ymd_opt(2022, 1, d).unwrap());
            if let Some(w) = via {
                p = p.relayed_via(SourceId::new(w).unwrap());
            }
            Claim::parse(ClaimId::new(id).unwrap(), killed(who), phrase, p, &Parser::default())
                .unwrap()
        };
    let r = Reconciler::new().reconcile(vec![
        claim("tass-sf", Population::SecurityForces, "19", "TASS", None, 10),
        claim("b-sf", Population::SecurityForces, "19", "B", Some("TASS"), 12),
        claim("b-civ", Population::Civilians, "150", "B", None, 12),
        claim("c-all", Population::All, "more than 100", "C", None, 12),
    ]);
    let all = r.group(&killed(Population::All)).unwrap();
    assert_eq!(all.derived.len(), 1, "{:?}", all.derived);
    let e = all.estimate.as_ref().unwrap();
    assert_eq!(e.figure.to_string(), "low 169 / best 169 / high unbounded");
}

/// A group's nature is decided in the order its claims are read: a relay read at the date of
/// the report it repeats decides as a relay stating that date does (a relay of the 12th,
/// setting "fixed fact", of TASS's report of the 10th, before C's "changing state" of the
/// 11th).
#[test]
fn a_relay_read_at_an_earlier_date_decides_the_nature_there() {
    let claim = |id: &str, outlet: &str, via: Option<&str>, d: u32, nature: Option<Nature>| {
        let mut p = Provenance::new(SourceId::new(outlet).unwrap())
            .published(NaiveDate::from_ymd_opt(2022, 1, d).unwrap());
        if let Some(w) = via {
            p = p.relayed_via(SourceId::new(w).unwrap());
        }
        let mut subject = Subject::new(Measure::Deaths);
        if let Some(n) = nature {
            subject = subject.nature(n);
        }
        Claim::parse(ClaimId::new(id).unwrap(), subject, "200", p, &Parser::default()).unwrap()
    };
    let nature = |stated: bool| {
        let mut relay = claim("c", "B", Some("TASS"), 12, Some(Nature::FixedFact));
        if stated {
            relay = relay.with_as_of(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
        }
        let r = Reconciler::new().reconcile(vec![
            claim("a", "TASS", None, 10, None),
            claim("b", "C", None, 11, Some(Nature::ChangingState)),
            relay,
        ]);
        r.groups[0].subject.behaviour()
    };
    assert_eq!(nature(false), Nature::FixedFact);
    assert_eq!(nature(true), Nature::FixedFact);
}

/// A relay read at the date of the report it repeats is as recent as that report: an echo of
/// TASS is no later report by TASS, and breaks no tie (DESIGN.md rule 6). TASS's 200 and C's
/// 164 of the 11th tie; B's relay of TASS's 200 on the 12th made 200 "the later report" and
/// deprecated C's 164 (with TASS's own 200 of the 10th, as a fall).
#[test]
fn a_relay_breaks_no_tie_as_a_later_report() {
    let claim = dated_relay;
    let figure = |claims: Vec<Claim>| {
        let r = Reconciler::new().reconcile(claims);
        r.groups[0].estimate.as_ref().unwrap().figure.to_string()
    };
    let tie = figure(vec![claim("a", "200", "TASS", None, 11), claim("c", "164", "C", None, 11)]);
    assert_eq!(tie, "low 164 / best 164 / high 200");
    let relayed = figure(vec![
        claim("a", "200", "TASS", None, 11),
        claim("c", "164", "C", None, 11),
        claim("d", "200", "B", Some("TASS"), 12),
    ]);
    assert_eq!(relayed, tie);
    let earlier = figure(vec![
        claim("a0", "200", "TASS", None, 10),
        claim("a", "200", "TASS", None, 11),
        claim("c", "164", "C", None, 11),
        claim("d", "200", "B", Some("TASS"), 12),
    ]);
    assert_eq!(earlier, tie);
}
