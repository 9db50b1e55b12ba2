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
        group.reasons[0].contains(
            "copying detected (4 of 4 shared subjects identical, 4 figures no other voice gives)"
        ),
        "{:?}",
        group.reasons
    );
    // Counted once, the copied figure loses to the independent honest voices.
    let g = &r.groups[0];
    assert_eq!(g.estimate.as_ref().unwrap().figure.to_string(), "low 100 / best 100 / high 100");
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
