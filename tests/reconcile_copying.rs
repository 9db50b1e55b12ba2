//! Copy detection from shared false figures (ACCU, Dong, Berti-Equille and Srivastava 2009):
//! a clique repeating one wrong figure is one voice; sources agreeing on the truth are not.

use std::fmt::Write as _;

use chrono::NaiveDate;
use claimrecon::*;

fn claim(id: &str, subject: usize, figure: usize, outlet: &str) -> Claim {
    let place = Label::new(&format!("town {subject}")).unwrap();
    let provenance = Provenance::new(SourceId::new(outlet).unwrap())
        .published(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
    Claim::parse(
        ClaimId::new(id).unwrap(),
        // A fixed fact: copying is judged against one true figure per subject.
        Subject::new(Measure::Deaths).place(place).nature(Nature::FixedFact),
        &figure.to_string(),
        provenance,
        &Parser::default(),
    )
    .unwrap()
}

const HONEST: [&str; 4] = ["Honest A", "Honest B", "Honest C", "Honest D"];
const CLIQUE: [&str; 3] = ["Mirror 1", "Mirror 2", "Mirror 3"];

/// Eight subjects. Four honest outlets give the truth, each erring once on its own subject
/// with its own figure; three mirrors give one shared wrong figure on the first five subjects
/// and the truth on the rest.
fn corpus() -> Vec<Claim> {
    let mut out = Vec::new();
    for s in 0..8 {
        let truth = 100 + 10 * s;
        for (h, name) in HONEST.iter().enumerate() {
            let figure = if s == 5 + h % 3 && h < 3 { truth + 1 + h } else { truth };
            out.push(claim(&format!("h{h}-{s}"), s, figure, name));
        }
        for (m, name) in CLIQUE.iter().enumerate() {
            let figure = if s < 5 { 500 + s } else { truth };
            out.push(claim(&format!("m{m}-{s}"), s, figure, name));
        }
    }
    out
}

fn voice(r: &Reconciliation, source: &str) -> SourceId {
    r.source(&SourceId::new(source).unwrap()).unwrap().voice.clone()
}

#[test]
fn clique_repeating_the_same_false_figure_is_one_voice() {
    let r = Reconciler::new().reconcile(corpus());
    assert_eq!(voice(&r, "Mirror 1"), voice(&r, "Mirror 2"));
    assert_eq!(voice(&r, "Mirror 2"), voice(&r, "Mirror 3"));
    let group = r.voices.iter().find(|v| v.members.len() == 3).unwrap();
    assert!(
        group
            .reasons
            .iter()
            .all(|why| why.to_string().contains("identical figures off the estimate"))
    );
    // Counted once, the mirrors' figure loses everywhere. An honest outlet's own slip (one
    // to three above the truth) is one count with the truth (`Policy::close`): it reaches
    // the estimate's high, not its best.
    for (s, g) in r.groups.iter().enumerate() {
        let truth = 100 + 10 * s;
        let slip = (0..3).find(|h| s == 5 + h % 3).map_or(truth, |h| truth + 1 + h);
        assert_eq!(
            g.estimate.as_ref().unwrap().figure.to_string(),
            format!("low {truth} / best {truth} / high {slip}")
        );
    }
}

#[test]
fn independent_sources_agreeing_on_true_figures_are_not_merged() {
    let r = Reconciler::new().reconcile(corpus());
    for (i, a) in HONEST.iter().enumerate() {
        for b in &HONEST[i + 1..] {
            assert_ne!(voice(&r, a), voice(&r, b), "{a} and {b}");
        }
        assert_ne!(voice(&r, a), voice(&r, "Mirror 1"));
    }
}

#[test]
fn sharing_two_false_figures_is_not_enough() {
    // The mirrors share the wrong figure on two subjects only.
    let claims: Vec<Claim> = corpus()
        .into_iter()
        .map(|c| {
            let id = c.id().to_string();
            let subject: usize = id.rsplit('-').next().unwrap().parse().unwrap();
            if id.starts_with('m') && (2..5).contains(&subject) {
                let source = c.provenance().outlet().as_str().to_owned();
                claim(&id, subject, 100 + 10 * subject, &source)
            } else {
                c
            }
        })
        .collect();
    let r = Reconciler::new().reconcile(claims);
    assert_ne!(voice(&r, "Mirror 1"), voice(&r, "Mirror 2"));
}

#[test]
fn order_of_claims_does_not_change_the_voices() {
    let forward = Reconciler::new().reconcile(corpus());
    let mut reversed = corpus();
    reversed.reverse();
    let backward = Reconciler::new().reconcile(reversed);
    assert_eq!(forward.voices, backward.voices);
    assert_eq!(forward.sources, backward.sources);
}

#[test]
fn outlets_reporting_the_same_rising_total_stay_independent() {
    // Six outlets each report three tolls rising over three days. No figure is false: earlier
    // figures of a running total are superseded, not wrong, so no outlet copies another.
    let mut claims = Vec::new();
    for o in 0..6 {
        for place in ["Almaty", "Aktau", "Zhanaozen"] {
            for (d, figure) in [(5, "164"), (8, "more than 200"), (12, "225")] {
                let provenance = Provenance::new(SourceId::new(&format!("Outlet {o}")).unwrap())
                    .published(NaiveDate::from_ymd_opt(2022, 1, d).unwrap());
                let id = ClaimId::new(&format!("o{o}-{place}-{d}")).unwrap();
                let subject = Subject::new(Measure::Deaths).place(Label::new(place).unwrap());
                let parser = Parser::default();
                claims.push(Claim::parse(id, subject, figure, provenance, &parser).unwrap());
            }
        }
    }
    let r = Reconciler::new().reconcile(claims);
    assert_eq!(r.voices.len(), 6);
}

#[test]
fn renaming_claims_and_outlets_does_not_change_the_voices() {
    // Claim ids and outlet names that sort the other way round: the mirrors first, the
    // claims in reverse. Voices are found by what is said, not by what sorts first.
    let renamed: Vec<Claim> = corpus()
        .into_iter()
        .enumerate()
        .map(|(k, c)| {
            let outlet = c.provenance().outlet().as_str().to_owned();
            let outlet = if outlet.starts_with("Mirror") {
                format!("A {outlet}")
            } else {
                format!("Z {outlet}")
            };
            let provenance = Provenance::new(SourceId::new(&outlet).unwrap())
                .published(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
            let id = ClaimId::new(&format!("{:03}", 999 - k)).unwrap();
            Claim::new(id, c.subject().clone(), c.value().clone(), provenance)
        })
        .collect();
    let r = Reconciler::new().reconcile(renamed);
    assert_eq!(voice(&r, "A Mirror 1"), voice(&r, "A Mirror 2"));
    assert_eq!(voice(&r, "A Mirror 2"), voice(&r, "A Mirror 3"));
    for (i, a) in HONEST.iter().enumerate() {
        for b in &HONEST[i + 1..] {
            assert_ne!(voice(&r, &format!("Z {a}")), voice(&r, &format!("Z {b}")));
        }
    }
    let original = Reconciler::new().reconcile(corpus());
    let figures = |r: &Reconciliation| -> Vec<String> {
        r.groups.iter().map(|g| g.estimate.as_ref().unwrap().figure.to_string()).collect()
    };
    assert_eq!(figures(&r), figures(&original));
}

/// Two voices share only five subjects, and give the same false figure on all five; each also
/// covers forty subjects of its own, where pairs of ten noisy voices coincide in turn. Chance,
/// judged over the subjects the two share, gives them no coincidence: the noise on subjects
/// only one of them covers must not hide the copying (found by review: a bound summing each
/// voice's chance over all its subjects did).
#[test]
fn a_copier_pair_sharing_few_of_their_subjects_is_still_found() {
    let noisy: Vec<String> = (1..=10).map(|i| format!("Noisy {i}")).collect();
    let pairs: Vec<(usize, usize)> =
        (0..10).flat_map(|a| (a + 1..10).map(move |b| (a, b))).collect();
    let mut out = Vec::new();
    let mut push = |s: usize, figure: usize, outlet: &str| {
        let id = format!("c{}", out.len());
        out.push(claim(&id, s, figure, outlet));
    };
    for s in 0..85 {
        let truth = 100 + 10 * s;
        for name in HONEST {
            push(s, truth, name);
        }
        if s < 5 {
            push(s, 500 + s, "Original");
            push(s, 500 + s, "Copier");
        } else {
            push(s, truth, if s < 45 { "Original" } else { "Copier" });
            let (a, b) = pairs[s % pairs.len()];
            push(s, 700 + s, &noisy[a]);
            push(s, 700 + s, &noisy[b]);
        }
    }
    let r = Reconciler::new().reconcile(out);
    assert_eq!(voice(&r, "Original"), voice(&r, "Copier"));
    // The noisy voices coincide as chance has them: none is merged.
    for (i, a) in noisy.iter().enumerate() {
        for b in &noisy[i + 1..] {
            assert_ne!(voice(&r, a), voice(&r, b), "{a} and {b}");
        }
    }
}

/// Issue 13's case: seven sources echo the poorest of five honest ones 80 % of the time, so a
/// plain vote follows them on about half the objects. Read from a table, the clique and its
/// original are one voice, no honest source joins it, and the estimates are right on at least
/// 95 % of the objects, for counts and for labels; on both paths (`Table::read` with
/// `Reconciler`, `Table::read_bulk` with `Reconciler::reconcile_table`), which find the same voices and
/// the same estimates.
#[test]
fn a_copying_majority_does_not_outvote_the_honest_sources() {
    for (seed, categorical) in [(1, 0.0), (2, 1.0)] {
        let synth = Synthetic::new(seed)
            .sources(12)
            .objects(400)
            .categorical(categorical)
            .clique(7, 0, 0.8);
        let mut csv = format!("{}\n", synth.header());
        let mut votes: Vec<std::collections::BTreeMap<String, usize>> =
            vec![std::collections::BTreeMap::default(); 400];
        for row in synth.rows() {
            csv.push_str(&row.to_string());
            csv.push('\n');
            *votes[row.object].entry(row.value.to_string()).or_default() += 1;
        }
        let truth = |o: usize| synth.truth(o).value.to_string();
        let majority = (0..400)
            .filter(|&o| {
                let most = votes[o].values().max().copied();
                votes[o].iter().find(|(_, n)| Some(**n) == most).map(|(t, _)| t.clone())
                    == Some(truth(o))
            })
            .count();
        assert!(majority < 240, "seed {seed}: the vote is right on {majority} of 400");

        let claims = Table::csv()
            .read("clique.csv", csv.as_bytes(), &Parser::default())
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let r = Reconciler::new().reconcile(claims);
        // How many objects' estimates are right: one reading for both paths' results.
        let right_of = |r: &Reconciliation| {
            r.groups
                .iter()
                .filter(|g| {
                    let o: usize = g.subject.which_event().unwrap().key()[1..].parse().unwrap();
                    let best = match &g.estimate.as_ref().unwrap().figure {
                        Figure::Number { best, .. } => best.to_string(),
                        Figure::Value { value, .. } => {
                            value.to_string().trim_matches('"').to_owned()
                        }
                        other => panic!("{other:?}"),
                    };
                    best == truth(o)
                })
                .count()
        };
        let right = right_of(&r);
        assert!(right >= 380, "seed {seed}: right on {right} of 400");
        let original = voice(&r, "s0");
        for s in 5..12 {
            assert_eq!(voice(&r, &format!("s{s}")), original, "seed {seed}: s{s}");
        }
        for s in 1..5 {
            assert_ne!(voice(&r, &format!("s{s}")), original, "seed {seed}: s{s}");
        }
        // The evidence is in words, beside the voice, and both reports show it under the
        // independence groups.
        let group = r.voices.iter().find(|v| v.voice == original).unwrap();
        assert!(
            group.reasons.iter().any(|w| w.to_string().contains("one copies the other")),
            "{:?}",
            group.reasons
        );
        for report in [text(&r), markdown(&r)] {
            let groups = report
                .find("INDEPENDENCE GROUPS")
                .or_else(|| report.find("## Independence groups"));
            let evidence = report.find("one copies the other");
            assert!(
                groups.is_some() && evidence > groups,
                "seed {seed}: no evidence under the groups"
            );
        }

        // The bulk path: the same passes on the table's columns.
        let bulk =
            Table::csv().read_bulk("clique.csv", csv.as_bytes(), &Parser::default()).unwrap();
        let b = Reconciler::new().reconcile_table(&bulk);
        // In the order of the sources (their names' text order).
        let mut clique: Vec<String> =
            [0].into_iter().chain(5..12).map(|s| format!("s{s}")).collect();
        clique.sort();
        let joined: Vec<&VoiceReport> = b.voices.iter().filter(|v| v.members.len() > 1).collect();
        assert_eq!(joined.len(), 1, "seed {seed}: {:?}", b.voices);
        let members: Vec<&str> = joined[0].members.iter().map(SourceId::as_str).collect();
        assert_eq!(members, clique, "seed {seed}");
        assert!(joined[0].reasons.iter().any(|w| w.to_string().contains("one copies the other")));
        // The four honest sources and the clique: five voices.
        assert_eq!(b.voices.len(), 5, "seed {seed}");
        for s in 0..12 {
            let expected = if s == 0 || s >= 5 { "s0" } else { "" };
            let source = b.source(&SourceId::new(&format!("s{s}")).unwrap()).unwrap();
            if expected.is_empty() {
                assert_eq!(source.voice, source.source, "seed {seed}");
            } else {
                assert_eq!(source.voice.as_str(), expected, "seed {seed}");
            }
        }
        assert_eq!(b.groups.len(), 400, "seed {seed}: one variable an object");
        assert_eq!(right_of(&b), right, "seed {seed}: the two paths' estimates");
    }
}

/// A deterministic draw in [0, 1) from three numbers (splitmix64's finaliser).
fn draw(a: u64, b: u64, c: u64) -> f64 {
    let mut z = (a << 40 ^ b << 20 ^ c).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z ^ (z >> 31)) as f64 / 2f64.powi(64)
}

/// The clique's original is a wire no claim names as its source: an outlet relays it claim
/// by claim and also reports on its own, so the wire's voice has no source among its
/// members. Merging the clique into it must not fail (found by review: it indexed the
/// voice's first source).
#[test]
fn a_clique_echoing_a_relayed_wire_joins_the_wire_voice() {
    let mut out = Vec::new();
    for s in 0..120usize {
        let truth = 1000 + s;
        let own = |v: u64, accuracy: f64| {
            if draw(v, s as u64, 1) < accuracy {
                truth
            } else {
                2000 + (draw(v, s as u64, 2) * 20.0) as usize
            }
        };
        let wire = own(0, 0.4);
        let relayed = Provenance::new(SourceId::new("Relayer").unwrap())
            .relayed_via(SourceId::new("Wire").unwrap())
            .published(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap());
        let place = Label::new(&format!("town {s}")).unwrap();
        out.push(
            Claim::parse(
                ClaimId::new(&format!("w{s}")).unwrap(),
                Subject::new(Measure::Deaths).place(place).nature(Nature::FixedFact),
                &wire.to_string(),
                relayed,
                &Parser::default(),
            )
            .unwrap(),
        );
        out.push(claim(&format!("r{s}"), 10_000 + s, 5, "Relayer"));
        for v in 1..5u64 {
            out.push(claim(
                &format!("h{v}-{s}"),
                s,
                own(v, 0.5 + 0.1 * v as f64),
                &format!("H{v}"),
            ));
        }
        for v in 5..12u64 {
            let figure = if draw(v, s as u64, 3) < 0.8 { wire } else { own(v, 0.7) };
            out.push(claim(&format!("c{v}-{s}"), s, figure, &format!("C{v}")));
        }
    }
    let r = Reconciler::new().reconcile(out);
    let clique = voice(&r, "C5");
    for v in 6..12 {
        assert_eq!(voice(&r, &format!("C{v}")), clique, "C{v}");
    }
    for v in 1..5 {
        assert_ne!(voice(&r, &format!("H{v}")), clique, "H{v}");
    }
}

/// The same case at a size where copy detection counts the pairs of a draw of each object's
/// voices, not of all of them (more than 128 speak on each): 100 honest sources and 200
/// echoing the poorest of them 80 % of the time. The draw holds part of the clique; the
/// clique is then found whole, one voice with its original, no honest source joins it, and
/// the estimates are right where the vote is not.
#[test]
fn a_copying_majority_larger_than_the_draw_is_found_whole() {
    let objects = 150;
    let synth = Synthetic::new(3).sources(300).objects(objects).clique(200, 0, 0.8);
    let (csv, majority) = table_and_vote(&synth, objects);
    let truth = |o: usize| synth.truth(o).value.to_string();
    let bulk = Table::csv().read_bulk("clique.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let r = Reconciler::new().reconcile_table(&bulk);
    let right = r
        .groups
        .iter()
        .filter(|g| {
            let o: usize = g.subject.which_event().unwrap().key()[1..].parse().unwrap();
            match &g.estimate.as_ref().unwrap().figure {
                Figure::Number { best, .. } => best.to_string() == truth(o),
                other => panic!("{other:?}"),
            }
        })
        .count();
    assert!(majority * 4 < objects * 3, "the vote is right on {majority} of {objects}");
    assert!(right * 100 >= objects * 95, "right on {right} of {objects} (the vote: {majority})");
    let original = voice(&r, "s0");
    let joined = (100..300).filter(|s| voice(&r, &format!("s{s}")) == original).count();
    assert!(joined >= 190, "{joined} of the 200 copiers are one voice with s0");
    for s in 1..100 {
        assert_ne!(voice(&r, &format!("s{s}")), original, "s{s}");
    }
}

/// A wire syndicated in part by many sites (issue 13): 180 of 300 sources echo source 0, the
/// poorest, 80 % of the time, each source claiming 8 % of 600 objects, so two copies share
/// about four objects (too few to tell a copy from chance pair by pair) and each copy about
/// forty with the rest of the clique. The clique outvotes the honest sources, and both paths
/// read it as one family echoing a hidden original: one voice with s0, no honest source in
/// it, the estimates right on at least 95 % of the objects, for counts and for labels, and on
/// as many as declaring the clique one voice by hand gives, less three (the honest sources
/// speaking on an object are few: the declared clique is right on 582 to 594 of 600).
#[test]
fn a_copying_majority_spread_thin_is_one_voice_on_both_paths() {
    let objects = 600;
    for (seed, categorical) in [(1, 0.0), (2, 1.0)] {
        let synth = Synthetic::new(seed)
            .sources(300)
            .objects(objects)
            .coverage(0.08)
            .categorical(categorical)
            .clique(180, 0, 0.8);
        let (csv, majority) = table_and_vote(&synth, objects);
        let truth = |o: usize| synth.truth(o).value.to_string();
        assert!(majority * 4 < objects * 3, "seed {seed}: the vote is right on {majority}");
        let right_of = |r: &Reconciliation| {
            r.groups
                .iter()
                .filter(|g| {
                    let o: usize = g.subject.which_event().unwrap().key()[1..].parse().unwrap();
                    let best = match g.estimate.as_ref().map(|e| &e.figure) {
                        Some(Figure::Number { best, .. }) => best.to_string(),
                        Some(Figure::Value { value, .. }) => {
                            value.to_string().trim_matches('"').to_owned()
                        }
                        _ => return false,
                    };
                    best == truth(o)
                })
                .count()
        };
        let claims = Table::csv()
            .read("thin.csv", csv.as_bytes(), &Parser::default())
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let full = Reconciler::new().reconcile(claims);
        let bulk = Table::csv().read_bulk("thin.csv", csv.as_bytes(), &Parser::default()).unwrap();
        let table = Reconciler::new().reconcile_table(&bulk);
        let declared = (120..300)
            .fold(Reconciler::new(), |r, s| {
                let copier = SourceId::new(&format!("s{s}")).unwrap();
                r.same_voice(SourceId::new("s0").unwrap(), copier, "declared")
            })
            .copy_detection(false)
            .reconcile_table(&bulk);
        let ceiling = right_of(&declared);
        for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
            let right = right_of(r);
            assert!(
                right * 100 >= objects * 95 && right + 3 >= ceiling,
                "seed {seed}, {path}: right on {right} of {objects} (declared: {ceiling}, the vote: {majority})"
            );
            let original = voice(r, "s0");
            let speaking: Vec<usize> = (120..300)
                .filter(|s| r.source(&SourceId::new(&format!("s{s}")).unwrap()).is_some())
                .collect();
            let joined = speaking.iter().filter(|s| voice(r, &format!("s{s}")) == original);
            let joined = joined.count();
            assert!(
                joined * 10 >= speaking.len() * 9,
                "seed {seed}, {path}: {joined} of {} copiers one voice with s0",
                speaking.len()
            );
            for s in 1..120 {
                assert_ne!(voice(r, &format!("s{s}")), original, "seed {seed}, {path}: s{s}");
            }
            let family = r.voices.iter().find(|v| v.voice == original).unwrap();
            assert!(
                family.reasons.iter().any(|w| w.to_string().contains("both echo one source")),
                "seed {seed}, {path}: {:?}",
                family.reasons.first()
            );
        }
    }
}

/// `synth`'s rows as a CSV table, and on how many of its `objects` a plain vote (each
/// object's most claimed text, ties to the text first in order) gives the truth.
fn table_and_vote(synth: &Synthetic, objects: usize) -> (String, usize) {
    let mut csv = format!("{}\n", synth.header());
    let mut votes: Vec<std::collections::BTreeMap<String, usize>> =
        vec![std::collections::BTreeMap::default(); objects];
    for row in synth.rows() {
        csv.push_str(&row.to_string());
        csv.push('\n');
        *votes[row.object].entry(row.value.to_string()).or_default() += 1;
    }
    let majority = (0..objects)
        .filter(|&o| {
            let most = votes[o].values().max().copied();
            votes[o].iter().find(|(_, n)| Some(**n) == most).map(|(t, _)| t.clone())
                == Some(synth.truth(o).value.to_string())
        })
        .count();
    (csv, majority)
}

/// Table `csv` reconciled on both entry points: read as claims and reconciled, and read in
/// bulk and reconciled as a table (the bulk store returned beside them).
fn both_paths(name: &str, csv: &str) -> (Reconciliation, Reconciliation, Bulk) {
    let claims = Table::csv()
        .read(name, csv.as_bytes(), &Parser::default())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let bulk = Table::csv().read_bulk(name, csv.as_bytes(), &Parser::default()).unwrap();
    let table = Reconciler::new().reconcile_table(&bulk);
    (Reconciler::new().reconcile(claims), table, bulk)
}

/// Each group's estimate, in order.
fn estimates(r: &Reconciliation) -> Vec<Option<Estimate>> {
    r.groups.iter().map(|g| g.estimate.clone()).collect()
}

/// Asserts that `r` found a clique of twelve sources' tables (`Synthetic::clique(7, 0, _)`):
/// s5 to s11 one voice with their original s0, the honest s1 to s4 apart from it, and at
/// least 95 % of the `objects` right; returns the original's voice.
fn clique_found(
    r: &Reconciliation,
    truth: impl Fn(usize) -> String,
    objects: usize,
    at: &str,
) -> SourceId {
    clique_of_found(r, truth, objects, 12, at)
}

/// [`clique_found`] for a table of `sources` sources, five honest and the rest a clique
/// echoing s0 (`Synthetic::clique(sources - 5, 0, _)`).
fn clique_of_found(
    r: &Reconciliation,
    truth: impl Fn(usize) -> String,
    objects: usize,
    sources: usize,
    at: &str,
) -> SourceId {
    let right = right_of(r, truth);
    assert!(right * 100 >= objects * 95, "{at}: right on {right}");
    let original = voice(r, "s0");
    for s in 5..sources {
        assert_eq!(voice(r, &format!("s{s}")), original, "{at}: s{s}");
    }
    for s in 1..5 {
        assert_ne!(voice(r, &format!("s{s}")), original, "{at}: s{s}");
    }
    original
}

/// How many of `r`'s objects (`o0`, `o1`, ...) have the truth's text as their estimate.
fn right_of(r: &Reconciliation, truth: impl Fn(usize) -> String) -> usize {
    right_of_among(r, truth, |_| true)
}

/// How many of `r`'s objects (`o0`, `o1`, ...) that `among` keeps have the truth's text as
/// their estimate.
fn right_of_among(
    r: &Reconciliation,
    truth: impl Fn(usize) -> String,
    among: impl Fn(usize) -> bool,
) -> usize {
    r.groups
        .iter()
        .filter(|g| {
            let o: usize = g.subject.which_event().unwrap().key()[1..].parse().unwrap();
            if !among(o) {
                return false;
            }
            let best = match g.estimate.as_ref().map(|e| &e.figure) {
                Some(Figure::Number { best, .. }) => best.to_string(),
                Some(Figure::Value { value, .. }) => value.to_string().trim_matches('"').to_owned(),
                _ => return false,
            };
            best == truth(o)
        })
        .count()
}

/// Issue 13's clique, its copies rounded by an editor: seven sources echo the poorest of five
/// honest ones 80 % of the time and round every number they copy to two significant figures
/// ("1,200" for the original's "1,234"), so no copy is the original's figure and a vote
/// follows the copies. Compared to two significant figures (a round figure and the one precise
/// figure it rounds), the clique and its original are one voice, with evidence saying so, no
/// honest source joins it, and the
/// estimates are right on at least 95 % of the objects; on both paths, which agree. (Before
/// the block pass also compared figures so, no voice was joined and 107 of 400 were right
/// on seed 1.)
#[test]
fn a_copying_majority_that_rounds_its_copies_is_one_voice_on_both_paths() {
    let objects = 400;
    for seed in 1..=3 {
        let synth =
            Synthetic::new(seed).sources(12).objects(objects).clique(7, 0, 0.8).copy_noise(1.0);
        let (csv, majority) = table_and_vote(&synth, objects);
        assert!(majority * 10 < objects * 4, "seed {seed}: the vote is right on {majority}");
        let truth = |o: usize| synth.truth(o).value.to_string();
        let (full, table, _) = both_paths("rounded.csv", &csv);
        for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
            let original = clique_found(r, truth, objects, &format!("seed {seed}, {path}"));
            let group = r.voices.iter().find(|v| v.voice == original).unwrap();
            assert!(
                group.reasons.iter().any(|w| w.to_string().contains("to two significant figures")),
                "seed {seed}, {path}: {:?}",
                group.reasons
            );
        }
        assert_eq!(right_of(&full, truth), right_of(&table, truth), "seed {seed}");
        assert_eq!(full.voices.len(), table.voices.len(), "seed {seed}");
    }
}

/// A clique of twelve echoing the poorest of five honest sources 80 % of the time and rounding
/// half of what it copies to two significant figures: all twelve are one voice with their
/// original, on both paths, no honest source joins them, and at least 95 % of the estimates
/// are right. The block pass reads the table from several starts; here eight block starts'
/// readings end with the same twelve copiers, and the likeliest, by 0.016 nats on one
/// subject's value, was the smallest start's: only the seven copiers inside its block were
/// found, the other five outvoted the honest sources, and 486 of 1,000 were right. Readings
/// that end alike now lend one another their blocks.
#[test]
fn a_clique_rounding_half_its_copies_is_one_voice_whatever_start_reads_it_likeliest() {
    let objects = 1000;
    let synth = Synthetic::new(2).sources(17).objects(objects).clique(12, 0, 0.8).copy_noise(0.5);
    let (csv, majority) = table_and_vote(&synth, objects);
    assert!(majority * 2 < objects, "the vote is right on {majority}");
    let truth = |o: usize| synth.truth(o).value.to_string();
    let (full, table, _) = both_paths("half-rounded.csv", &csv);
    for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
        clique_of_found(r, truth, objects, 17, path);
    }
    assert_eq!(estimates(&full), estimates(&table));
}

/// Seed 8's clique of twelve rounding half its copies: the block pass's first reading read
/// three copiers as copies of another copy and left them out of s0's voice, where they
/// outvoted the honest sources with it (0.842 of the counts right). Read again with the
/// joined voice speaking once, with its members' commonest figure, they are found copying
/// it: all twelve one voice with s0, on both paths, no honest source with them, and at
/// least 95 % right.
#[test]
fn copies_of_a_copy_left_out_of_a_voice_join_it_on_a_second_reading() {
    let objects = 1000;
    let synth = Synthetic::new(8).sources(17).objects(objects).clique(12, 0, 0.8).copy_noise(0.5);
    let (csv, majority) = table_and_vote(&synth, objects);
    assert!(majority * 2 < objects, "the vote is right on {majority}");
    let truth = |o: usize| synth.truth(o).value.to_string();
    let (full, table, _) = both_paths("copies-of-a-copy-whole.csv", &csv);
    for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
        clique_of_found(r, truth, objects, 17, path);
    }
    assert_eq!(estimates(&full), estimates(&table));
}

/// A reading of one table: on which path and order, its voices' members, its groups' figures.
type Seen = (String, Vec<Vec<String>>, Vec<Option<Figure>>);

/// The second reading of [`copies_of_a_copy_left_out_of_a_voice_join_it_on_a_second_reading`]
/// speaks for a voice with the figure its members give most on a subject, and a voice of two
/// sources that differ there is a tie. Settled by key id, it depended on the claims' order
/// on `Reconciler`, which numbers keys as they come (seed 27, a review found: 12 of the 13
/// copiers joined on some orders, 13 on others and on the table path). Settled by text order,
/// the same voices on both paths and in every order of the rows.
#[test]
fn a_voice_speaking_once_gives_the_same_voices_in_any_order_of_the_rows() {
    let objects = 1000;
    let synth = Synthetic::new(27).sources(17).objects(objects).clique(12, 0, 0.8).copy_noise(0.5);
    let (csv, _) = table_and_vote(&synth, objects);
    let (header, rows) = csv.split_once('\n').unwrap();
    let rows: Vec<&str> = rows.lines().collect();
    let voices_of = |r: &Reconciliation| -> Vec<Vec<String>> {
        let mut v: Vec<Vec<String>> = r
            .voices
            .iter()
            .map(|g| g.members.iter().map(|m| m.as_str().to_owned()).collect())
            .collect();
        v.sort();
        v
    };
    // Each group's figure: the claims' ids (file and line) differ with the order.
    let figures = |r: &Reconciliation| -> Vec<Option<Figure>> {
        r.groups.iter().map(|g| g.estimate.as_ref().map(|e| e.figure.clone())).collect()
    };
    let mut seen: Vec<Seen> = Vec::new();
    for shuffle in 0..5u64 {
        let mut order = rows.clone();
        // A fixed xorshift permutation per `shuffle`; 0 keeps the generated order.
        let mut state = shuffle.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        for i in (1..order.len()).rev().filter(|_| shuffle > 0) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let csv = format!("{header}\n{}\n", order.join("\n"));
        let (full, table, _) = both_paths("voice-once-order.csv", &csv);
        for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
            seen.push((format!("{path}, shuffle {shuffle}"), voices_of(r), figures(r)));
        }
    }
    let (first, voices, estimates) = &seen[0];
    let original = voices.iter().find(|v| v.contains(&"s0".to_owned())).unwrap();
    assert_eq!(original.len(), 13, "{first}: {original:?}");
    for (at, v, e) in &seen[1..] {
        assert_eq!(v, voices, "{at} against {first}");
        assert_eq!(e, estimates, "{at} against {first}");
    }
}

/// Issue 13's clique copying (nearly) every figure: seven sources echo the poorest of five
/// honest ones 95 % or 100 % of the time, syndicated copies as they come off the wire, so a
/// vote follows them. Read with every voice independent, the copies look like seven perfect
/// sources and the honest voices' agreement on the truth like a shared error; that reading
/// won before (166 of 400 right on seed 1's counts at 100 %, about what the vote gets),
/// because with the few false values claimed on a subject (often one) two voices that err
/// must err alike. Now the clique and its original are one voice, no honest source joins
/// it, and at least 95 % of the estimates are right, counts and labels, on both paths.
#[test]
fn a_majority_copying_every_figure_is_one_voice_on_both_paths() {
    let objects = 400;
    for (seed, rate, labels) in [(1, 1.0, false), (1, 1.0, true), (2, 0.95, false), (2, 0.95, true)]
    {
        let synth = Synthetic::new(seed)
            .sources(12)
            .objects(objects)
            .categorical(if labels { 1.0 } else { 0.0 })
            .clique(7, 0, rate);
        let (csv, majority) = table_and_vote(&synth, objects);
        let case = format!("seed {seed}, rate {rate}, labels {labels}");
        assert!(majority * 10 < objects * 5, "{case}: the vote is right on {majority}");
        let truth = |o: usize| synth.truth(o).value.to_string();
        let (full, table, _) = both_paths("syndicated.csv", &csv);
        for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
            clique_found(r, truth, objects, &format!("{case}, {path}"));
        }
        assert_eq!(estimates(&full), estimates(&table), "{case}");
    }
}

/// How a yes/no fact is written in a table: what a source said, of which object.
type Written = fn(bool, u64) -> String;

/// No harm where nobody copies, on yes/no facts: honest sources, each erring on its own. A
/// yes/no fact has one false value, so two sources that err err alike, by chance alone, and
/// sharing errors is no sign of copying: every source stays its own voice on both paths, and
/// the estimates are those of no copy detection at all. Two tables: ten sources right 70 % to
/// 95 % of the time; and a review's table rebuilt, eight sources of which four are wrong more
/// often than right (33 % to 45 %, as a source that misreads the question is) and four right
/// 72 % to 94 %. Each written three ways: "yes" and "no"; 1 and 0, as many tables code a fact;
/// and a two-way choice named per object ("home7" or "away7"), hundreds of labels in all but
/// two on each fact; and each with a third value ("partly", 2, "draw5"): none, one stray cell
/// of it, two sources giving it on one fact, and two giving it on each of five facts. A third
/// value on a few facts is no third way to be wrong on every fact. (Taken to pick among four
/// false values, as amounts are, the second table's four right sources were joined as one
/// voice, a block read as outvoting the rest, and 65 to 70 of the 160 facts read right,
/// against about 150; a third value two sources gave on one fact joined them again.)
#[test]
fn honest_sources_of_yes_no_facts_stay_independent() {
    let even: Vec<f64> = (0..10).map(|s| 0.7 + 0.25 * f64::from(s) / 9.0).collect();
    let review = vec![0.35, 0.45, 0.41, 0.33, 0.87, 0.88, 0.72, 0.94];
    let words: Written = |said, _| if said { "yes".to_owned() } else { "no".to_owned() };
    let digits: Written = |said, _| if said { "1".to_owned() } else { "0".to_owned() };
    let choice: Written = |said, o| if said { format!("home{o}") } else { format!("away{o}") };
    let ways = [("yes/no", words, "partly"), ("1/0", digits, "2"), ("home/away", choice, "draw5")];
    let cases = [("even", &even, 200u64), ("review", &review, 160)];
    // The cells of the third value, as (object, source): none, one, two on one fact, two on
    // each of five facts.
    let one: &[(u64, u64)] = &[(5, 0)];
    let two: &[(u64, u64)] = &[(5, 0), (5, 6)];
    let five: Vec<(u64, u64)> = (0..5).flat_map(|f| [(5 + 30 * f, 0), (5 + 30 * f, 6)]).collect();
    let thirds = [("none", &[][..]), ("one stray cell", one), ("two on one fact", two)];
    let thirds = thirds.into_iter().chain([("two on five facts", &five[..])]);
    for ((case, accuracy, objects), (way, write, third), (odd, cells)) in
        itertools::iproduct!(cases, ways, thirds)
    {
        let mut csv = String::from("source,object,attribute,value\n");
        for o in 0..objects {
            let truth = draw(4, o, 0) < 0.5;
            for (s, &a) in (0u64..).zip(accuracy) {
                let said = if draw(5, o, s) < a { truth } else { !truth };
                let said = if cells.contains(&(o, s)) { third.to_owned() } else { write(said, o) };
                writeln!(csv, "s{s},o{o},verdict,{said}").unwrap();
            }
        }
        let (full, table, bulk) = both_paths("verdicts.csv", &csv);
        let alone = Reconciler::new().copy_detection(false).reconcile_table(&bulk);
        for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
            let at = format!("{case}, {way}, third value: {odd}, {path}");
            assert_eq!(r.voices.len(), accuracy.len(), "{at}: {:?}", r.voices);
            assert_eq!(estimates(r), estimates(&alone), "{at}");
        }
    }
}

/// No harm where nobody copies: eight independent sources of a figure with three or four
/// significant figures, each giving it exactly, or rounded to two significant figures as
/// many outlets round on their own, or off by up to a fifth, each by its own draw. Figures
/// that round alike are mostly the true one rounded, which independent voices share, so no
/// two sources are joined, and the estimates are those of no copy detection at all.
#[test]
fn independent_sources_rounding_the_same_figure_stay_independent() {
    let objects = 300u64;
    let mut csv = String::from("source,object,attribute,value\n");
    let mut truths = Vec::new();
    for o in 0..objects {
        let truth = 1_000 + (draw(1, o, 0) * 90_000.0) as u64;
        truths.push(truth);
        for s in 0..8u64 {
            let pick = draw(2, o, s);
            let figure = if pick < 0.5 {
                truth.to_string()
            } else if pick < 0.8 {
                // Rounded on its own: the figure to two significant figures, "about".
                let unit = 10u64.pow(truth.ilog10() - 1);
                format!("about {}", (truth + unit / 2) / unit * unit)
            } else {
                ((truth as f64) * (0.8 + 0.4 * draw(3, o, s))).round().to_string()
            };
            writeln!(csv, "s{s},o{o},killed,\"{figure}\"").unwrap();
        }
    }
    let (full, table, bulk) = both_paths("independent.csv", &csv);
    let alone = Reconciler::new().copy_detection(false).reconcile_table(&bulk);
    for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
        assert_eq!(r.voices.len(), 8, "{path}: {:?}", r.voices);
        assert_eq!(estimates(r), estimates(&alone), "{path}");
        let right = right_of(r, |o| truths[o].to_string());
        assert!(right * 100 >= 90 * objects as usize, "{path}: right on {right}");
    }
}

/// A review's table, rebuilt: ten sources on 61 objects, none copying. Three report every
/// figure about 6 % high, each with its own small noise (2,222, 2,216 and 2,224 for 2,103),
/// and all round some of their figures on their own habit. Figures that round alike but are
/// two different precise figures stay two, so the biased three never agree on a figure they
/// do not give, and the four most accurate sources are not read as a block copying one
/// another (they were, with every rounded figure one: errors seven times as large, none of
/// the 61 estimates exact where 27 were); no source is joined, and the estimates are those of
/// no copy detection at all.
#[test]
fn sources_sharing_a_bias_do_not_make_the_accurate_majority_a_block() {
    let case = 114;
    let (csv, truth) = biased_table(case);
    let (full, table, bulk) = both_paths("biased.csv", &csv);
    let alone = Reconciler::new().copy_detection(false).reconcile_table(&bulk);
    for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
        assert_eq!(r.voices.len(), 10, "{path}: {:?}", r.voices);
        assert_eq!(estimates(r), estimates(&alone), "{path}");
    }
    let exact = right_of(&table, |o| truth[o].to_string());
    assert!(exact >= 25, "{exact} of 61 exact");
}

/// The review's generator of tables where nobody copies (case `case`): sources of mixed
/// accuracy missing by up to a quarter, each rounding a share of its figures to two
/// significant figures by its own habit, some writing "about"; the first few report the truth
/// times one bias, each with its own small noise. Returns the table and the true figures.
fn biased_table(case: u64) -> (String, Vec<u64>) {
    fn mix(mut z: u64) -> u64 {
        z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    let draw = |w: u64, x: u64, y: u64, z: u64| {
        (mix(w ^ mix(x ^ mix(y ^ mix(z)))) >> 11) as f64 / (1u64 << 53) as f64
    };
    let two = |x: f64| {
        let n = x.round() as u64;
        if n < 100 {
            return n;
        }
        let unit = 10u64.pow(n.ilog10() - 1);
        (n + unit / 2) / unit * unit
    };
    let setting = |i: u64| draw(case, 1000, i, 7);
    let sources = 4 + (setting(0) * 20.0) as u64;
    let objects = 20 + (setting(1) * 300.0) as u64;
    let lo = 0.5 + setting(2) * 3.5;
    let biased = (setting(3) * sources as f64 * 0.7) as u64;
    let bias = 0.8 + 0.3 * setting(4);
    let bias_noise = 0.002 + 0.05 * setting(5);
    let coverage = 0.4 + 0.6 * setting(6);
    let phrase = setting(8) * 0.4;
    let truth: Vec<u64> = (0..objects)
        .map(|o| 10f64.powf(lo + 2.5 * draw(case, 1, o, 0)).round().max(1.0) as u64)
        .collect();
    let mut csv = String::from("source,object,attribute,value\n");
    for o in 0..objects {
        for s in 0..sources {
            if draw(case, 2, s, o) > coverage {
                continue;
            }
            let true_figure = truth[o as usize] as f64;
            let reliability = 0.2 + 0.75 * draw(case, 3, s, 0);
            let x = if s < biased {
                true_figure * bias * (1.0 + bias_noise * (draw(case, 5, s, o) - 0.5))
            } else if draw(case, 6, s, o) < reliability {
                true_figure
            } else {
                true_figure * (0.75 + 0.5 * draw(case, 7, s, o))
            };
            let figure = if draw(case, 8, s, o) < draw(case, 4, s, 0) {
                two(x)
            } else {
                x.round().max(1.0) as u64
            };
            let cell = if draw(case, 9, s, o) < phrase {
                format!("about {figure}")
            } else {
                figure.to_string()
            };
            writeln!(csv, "s{s},o{o},killed,\"{cell}\"").unwrap();
        }
    }
    (csv, truth)
}

/// No harm where nobody copies, on yes/no facts some of which are hard: eight honest
/// sources, right 30 % to 95 % of the time, each half as often on a quarter of the facts, so
/// the vote is often wrong there. Two of the right sources then agree where the vote does
/// not, which a test of shared false values read off the vote took for shared errors, and
/// they were joined (s1 and s6, 7 voices of 8). On facts of one false value sharing it tells
/// only how often two sources err: every source stays its own voice on both paths, and the
/// estimates are those of no copy detection at all.
#[test]
fn honest_sources_agreeing_against_a_wrong_vote_stay_independent() {
    let accuracy = [0.393, 0.857, 0.486, 0.671, 0.3, 0.579, 0.95, 0.764];
    let mut csv = String::from("source,object,attribute,value\n");
    for o in 0..160u64 {
        let truth = draw(220, o, 0) < 0.5;
        let hard = draw(420, o, 0) < 0.25;
        for (s, &a) in (0u64..).zip(&accuracy) {
            let a = if hard { a * 0.5 } else { a };
            let said = if draw(320, o, s) < a { truth } else { !truth };
            writeln!(csv, "s{s},o{o},verdict,{}", if said { "yes" } else { "no" }).unwrap();
        }
    }
    let (full, table, bulk) = both_paths("hard.csv", &csv);
    let alone = Reconciler::new().copy_detection(false).reconcile_table(&bulk);
    for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
        assert_eq!(r.voices.len(), accuracy.len(), "{path}: {:?}", r.voices);
        assert_eq!(estimates(r), estimates(&alone), "{path}");
    }
}

/// Issue 13's clique copying one attribute alone: seven sources echo the poorest of five
/// honest ones 80 % of the time on one kind of object (labels, or counts) and answer on their
/// own on the other kind, so a vote follows them on the copied kind. Over the whole table the
/// copiers agree with their original little more than chance says, and no pass finds them
/// (the estimates of the copied kind were right on 0.420 and 0.481 of the objects,
/// `examples/copying -- --only`). The block pass run on each attribute alone finds them
/// there: each copier stays its own voice, is listed under the original's voice for that
/// attribute alone, with evidence naming it, no honest source is, and at least 95 % of the
/// copied kind's estimates are right, on both paths, which agree.
#[test]
fn a_clique_copying_one_attribute_is_one_voice_there_alone_on_both_paths() {
    let objects = 400;
    for (seed, kind) in [(1, AttributeKind::Label), (2, AttributeKind::Count)] {
        let synth = Synthetic::new(seed)
            .sources(12)
            .objects(objects)
            .categorical(0.5)
            .clique(7, 0, 0.8)
            .copies_only(kind);
        let copied: Vec<usize> = (0..objects).filter(|&o| synth.kind(o) == kind).collect();
        let name = kind.name().to_owned();
        let case = format!("seed {seed}, {name}");
        let (csv, _) = table_and_vote(&synth, objects);
        let truth = |o: usize| synth.truth(o).value.to_string();
        let right = |r: &Reconciliation| right_of_among(r, truth, |o| synth.kind(o) == kind);
        let (full, table, _) = both_paths("one-kind.csv", &csv);
        for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
            let at = format!("{case}, {path}");
            let got = right(r);
            assert!(got * 100 >= copied.len() * 95, "{at}: right on {got} of {}", copied.len());
            let original = r.voices.iter().find(|v| v.voice.as_str() == "s0").unwrap();
            assert_eq!(original.members.len(), 1, "{at}: {:?}", original.members);
            let partly: Vec<(&str, &[String])> =
                original.partly.iter().map(|p| (p.source.as_str(), &p.attributes[..])).collect();
            let copiers: Vec<String> = (5..12).map(|s| format!("s{s}")).collect();
            let mut listed: Vec<&str> = partly.iter().map(|(s, _)| *s).collect();
            listed.sort_unstable();
            let mut expected: Vec<&str> = copiers.iter().map(String::as_str).collect();
            expected.sort_unstable();
            assert_eq!(listed, expected, "{at}");
            assert!(partly.iter().all(|(_, a)| *a == [name.clone()]), "{at}: {partly:?}");
            assert!(
                original
                    .reasons
                    .iter()
                    .any(|w| w.to_string().starts_with(&format!("on {name} alone: "))),
                "{at}: {:?}",
                original.reasons
            );
            for s in &copiers {
                let report = r.source(&SourceId::new(s).unwrap()).unwrap();
                assert_eq!(report.voice.as_str(), s, "{at}: {s} is its own voice elsewhere");
                let on: Vec<(&str, &str)> = (report.voice_on.iter())
                    .map(|v| (v.attribute.as_str(), v.voice.as_str()))
                    .collect();
                assert_eq!(on, [(name.as_str(), "s0")], "{at}: {s}");
            }
            for s in 1..5 {
                let report = r.source(&SourceId::new(&format!("s{s}")).unwrap()).unwrap();
                assert!(report.voice_on.is_empty(), "{at}: honest s{s}: {:?}", report.voice_on);
            }
        }
        assert_eq!(estimates(&full), estimates(&table), "{case}");
        let voices = |r: &Reconciliation| {
            r.voices
                .iter()
                .map(|v| (v.voice.clone(), v.members.clone(), v.partly.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(voices(&full), voices(&table), "{case}");
        // Without copy detection the copied kind follows the clique.
        let bulk =
            Table::csv().read_bulk("one-kind.csv", csv.as_bytes(), &Parser::default()).unwrap();
        let off = right(&Reconciler::new().copy_detection(false).reconcile_table(&bulk));
        assert!(off * 100 < copied.len() * 60, "{case}: right on {off} without detection");
    }
}

/// A clique of twelve copying the counts of a mixed table alone, 80 % of the time, rounding
/// half of what it copies to two significant figures: the passes over the counts alone read
/// some copiers as copies of another copy and left four or five of them out of the set, which
/// then outvoted the honest sources with its original (0.460 of the counts right on seed 2,
/// 0.537 on seed 8; on seed 2 the whole-table passes then joined two accurate honest
/// sources). Read again with the set's copies counted once, they are found copying it: every
/// copier is listed under s0's voice on the counts, no honest source is, and at least 95 % of
/// the counts are right, on both paths.
#[test]
fn copies_of_a_copy_left_out_of_a_set_on_one_attribute_join_it_on_a_second_reading() {
    let objects = 1000;
    for seed in [2, 8] {
        let synth = Synthetic::new(seed)
            .sources(17)
            .objects(objects)
            .categorical(0.5)
            .clique(12, 0, 0.8)
            .copy_noise(0.5)
            .copies_only(AttributeKind::Count);
        let counts: Vec<usize> =
            (0..objects).filter(|&o| synth.kind(o) == AttributeKind::Count).collect();
        let (csv, _) = table_and_vote(&synth, objects);
        let truth = |o: usize| synth.truth(o).value.to_string();
        let (full, table, _) = both_paths("copies-of-a-copy.csv", &csv);
        for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
            let at = format!("seed {seed}, {path}");
            let right = right_of_among(r, truth, |o| synth.kind(o) == AttributeKind::Count);
            assert!(right * 100 >= counts.len() * 95, "{at}: right on {right} of {}", counts.len());
            let original = r.voices.iter().find(|v| v.voice.as_str() == "s0").unwrap();
            let mut listed: Vec<&str> = original.partly.iter().map(|p| p.source.as_str()).collect();
            listed.sort_unstable();
            let mut copiers: Vec<String> = (5..17).map(|s| format!("s{s}")).collect();
            copiers.sort_unstable();
            assert_eq!(listed, copiers, "{at}");
            for s in 1..5 {
                assert_eq!(voice(r, &format!("s{s}")).as_str(), format!("s{s}"), "{at}: s{s}");
                let report = r.source(&SourceId::new(&format!("s{s}")).unwrap()).unwrap();
                assert!(report.voice_on.is_empty(), "{at}: honest s{s}: {:?}", report.voice_on);
            }
        }
        assert_eq!(estimates(&full), estimates(&table), "seed {seed}");
    }
}

/// A clique copying every attribute of a mixed table (half counts, half labels) is the
/// whole-table passes' to find: each copier agrees with its original on most facts of both
/// attributes, so the passes over each attribute alone leave it (a copier there must agree
/// with the voices it copies on under 70 % of the facts they share on the other attributes),
/// and the copiers are members of their original's voice, listed under no attribute, on both
/// paths.
#[test]
fn a_clique_copying_every_attribute_is_one_voice_not_a_copier_per_attribute() {
    let objects = 400;
    let synth = Synthetic::new(3).sources(12).objects(objects).categorical(0.5).clique(7, 0, 0.8);
    let (csv, _) = table_and_vote(&synth, objects);
    let truth = |o: usize| synth.truth(o).value.to_string();
    let (full, table, _) = both_paths("every-kind.csv", &csv);
    for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
        clique_found(r, truth, objects, path);
        assert!(r.voices.iter().all(|v| v.partly.is_empty()), "{path}");
        assert!(r.sources.iter().all(|s| s.voice_on.is_empty()), "{path}");
    }
    assert_eq!(estimates(&full), estimates(&table));
}

/// Two copying families in one table of three attributes: s6 to s13 copy s0's tolls 85 % of
/// the time (a set that outvotes, taken before the whole-table passes), and s12 and s13 also
/// copy s1's yes/no facts and colours 95 % of the time, so those passes join s1, s12 and s13
/// as one voice. The set of tolls keeps only its copiers: s1, whose tolls are its own, is
/// not listed as copying them, while s12 and s13 still are, on both paths. (Found by review:
/// the set was kept by voice, and s1 joined it with s12's voice, with no evidence naming it.)
#[test]
fn a_voice_joined_later_brings_only_its_copiers_into_a_copying_set() {
    let (sources, objects) = (14u64, 200u64);
    let attributes = ["verdict", "toll", "color"];
    let colours = ["red", "green", "blue", "black", "white"];
    for seed in 1..=3u64 {
        let mut csv = String::from("source,object,attribute,value\n");
        for (ai, attribute) in attributes.iter().enumerate() {
            let ai = ai as u64;
            for o in 0..objects {
                let at = |k: u64| draw(seed, ai * 1_000 + o, k);
                let truth = (at(0) * 5.0) as usize;
                let mut given: Vec<Option<String>> = vec![None; sources as usize];
                for s in 0..sources {
                    let pick = |k: u64| draw(seed * 100 + s, ai * 1_000 + o, k);
                    if pick(1) > 0.9 {
                        continue;
                    }
                    let accuracy = 0.5 + 0.35 * draw(seed, s, 77 + ai);
                    let right = pick(2) < accuracy;
                    let wrong = (truth + 1 + (pick(3) * 4.0) as usize) % 5;
                    let own = match *attribute {
                        "verdict" => ["yes", "no"][(truth + usize::from(!right)) % 2].to_owned(),
                        "color" => colours[if right { truth } else { wrong }].to_owned(),
                        _ => {
                            let t = 1_000 + (at(4) * 8_000.0) as i64;
                            let off = 1 + (pick(5) * 900.0) as i64;
                            (if right { t } else { t + off }).to_string()
                        }
                    };
                    let copied = match (*attribute, s) {
                        ("toll", 6..=13) if pick(6) < 0.85 => given[0].clone(),
                        ("verdict" | "color", 12 | 13) if pick(6) < 0.95 => given[1].clone(),
                        _ => None,
                    };
                    let value = copied.unwrap_or(own);
                    let _ = writeln!(csv, "s{s},o{o},{attribute},{value}");
                    given[s as usize] = Some(value);
                }
            }
        }
        let (full, table, _) = both_paths("two-families.csv", &csv);
        for (path, r) in [("Reconciler", &full), ("reconcile_table", &table)] {
            let at = format!("seed {seed}, {path}");
            let on = |s: &str| {
                let report = r.source(&SourceId::new(s).unwrap()).unwrap();
                report.voice_on.iter().map(|v| v.attribute.clone()).collect::<Vec<_>>()
            };
            assert_eq!(voice(r, "s12"), voice(r, "s1"), "{at}: s12 joins s1");
            assert!(on("s1").is_empty(), "{at}: s1 listed on {:?}", on("s1"));
            assert!(
                r.voices.iter().all(|v| v.partly.iter().all(|p| p.source.as_str() != "s1")),
                "{at}"
            );
            for s in ["s12", "s13"] {
                assert_eq!(on(s), ["toll"], "{at}: {s}");
            }
        }
        assert_eq!(estimates(&full), estimates(&table), "seed {seed}");
    }
}

/// A judgement probe's clique: three agencies count each of `subjects` tolls on their own,
/// close to one another but never to the digit (`t`, `t + 2`, `t + 5`); `sites` sites give one
/// figure, twice the first agency's, exactly alike. On the subjects `copied` says, the sites
/// give the first agency's figure to the digit instead. As a table (fixed facts).
fn close_agencies_and_exact_sites(
    subjects: usize,
    sites: usize,
    copied: impl Fn(usize) -> bool,
) -> String {
    let mut csv = String::from("source,object,attribute,value\n");
    for s in 0..subjects {
        let t = 100 + 17 * s;
        for (agency, off) in [("Reuters", 0), ("AFP", 2), ("Kommersant", 5)] {
            writeln!(csv, "{agency},city {s},deaths,{}", t + off).unwrap();
        }
        let site = if copied(s) { t } else { 2 * t };
        for k in 0..sites {
            writeln!(csv, "Site {k},city {s},deaths,{site}").unwrap();
        }
    }
    csv
}

/// Each city's best estimate (`city N`, from its event), with N.
fn best_by_city(r: &Reconciliation) -> Vec<(usize, f64)> {
    let cities: Vec<(usize, f64)> = r
        .groups
        .iter()
        .map(|g| {
            let city = g.subject.which_event().unwrap().key()["city ".len()..].parse().unwrap();
            match g.estimate.as_ref().map(|e| &e.figure) {
                Some(Figure::Number { best, .. }) => (city, *best),
                other => panic!("city {city}: {other:?}"),
            }
        })
        .collect();
    assert_eq!(cities.len(), 10);
    cities
}

/// Asserts that in `r` ([`close_agencies_and_exact_sites`]) the `sites` sites are one voice and
/// every city's estimate is within the agencies' figures (`t` to `t + 5`).
fn sites_one_voice_agencies_estimate(r: &Reconciliation, sites: usize, at: &str) {
    for k in 1..sites {
        assert_eq!(voice(r, &format!("Site {k}")), voice(r, "Site 0"), "{at}");
    }
    for (s, best) in best_by_city(r) {
        let t = (100 + 17 * s) as f64;
        assert!((t..=t + 5.0).contains(&best), "{at}: city {s}: {best}");
    }
}

/// Issue 13's copying majority where the honest voices agree only closely: read exactly, the
/// agencies' "100", "102" and "105" agreed on nothing, each looked inaccurate, and the five
/// sites' one figure read as the accurate majority (it won every subject, all eight sources
/// independent). Read with close figures agreeing on the truth, the sites' figure to the
/// digit on ten subjects is one copied figure: they are one voice, the agencies three, and
/// every estimate is within the agencies' figures, on both paths.
#[test]
fn a_majority_giving_one_figure_to_the_digit_loses_to_honest_voices_close_to_one_another() {
    let csv = close_agencies_and_exact_sites(10, 5, |_| false);
    let (claims, table, _) = both_paths("close.csv", &csv);
    for (r, at) in [(&claims, "claims"), (&table, "table")] {
        sites_one_voice_agencies_estimate(r, 5, at);
        let agencies = ["Reuters", "AFP", "Kommersant"].map(|a| voice(r, a));
        assert!(agencies.iter().all(|a| *a != voice(r, "Site 0")), "{at}");
        assert!(agencies[0] != agencies[1] && agencies[1] != agencies[2], "{at}");
        let sites = r.voices.iter().find(|v| v.members.len() == 5).unwrap();
        assert!(
            sites.reasons.iter().any(|why| why.to_string().contains("to the digit")
                && why.to_string().contains("within 10 %")),
            "{at}: {:?}",
            sites.reasons.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
    }
    // The share is the reconciler's `Policy::close`: with none, the agencies' counts agree on
    // nothing and the sites are read as the accurate majority again.
    let bulk = Table::csv().read_bulk("close.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let strict = Reconciler::new().policy(Policy::default().close(0.0)).reconcile_table(&bulk);
    assert_ne!(voice(&strict, "Site 0"), voice(&strict, "Site 1"));
}

/// The same sites giving the first agency's figure to the digit on every other subject and
/// their own on the rest: on half the subjects their copies are of the truth's class, so
/// only the other half shows them sharing a false figure. That half is enough: they are one
/// voice, and the estimate on the subjects they do not copy is the agencies'. (Read exactly,
/// before the classes, the sites' figure was the estimate on some of those: checked.)
#[test]
fn a_clique_copying_an_honest_voice_on_some_subjects_is_one_voice() {
    let csv = close_agencies_and_exact_sites(10, 5, |s| s % 2 == 0);
    let (claims, table, _) = both_paths("half.csv", &csv);
    for (r, at) in [(&claims, "claims"), (&table, "table")] {
        sites_one_voice_agencies_estimate(r, 5, at);
    }
}

/// Three sites giving one figure to the digit against three agencies close to one another:
/// read by class without copiers, the two classes tie, and the agencies' (first in order)
/// is read as true, as the reading with the sites copying one another reads it; the figures'
/// own vote (three against one each) is the sites'. A reading is therefore kept where it
/// differs from that vote (`echo::reads_otherwise`), and the plain reading is read with
/// every block: the sites are one voice, and every estimate is the agencies'. Without it,
/// six independent voices, and every estimate the sites' figure (a review's mutation).
#[test]
fn three_sites_to_the_digit_against_three_close_agencies_are_one_voice() {
    let csv = close_agencies_and_exact_sites(10, 3, |_| false);
    let (claims, table, _) = both_paths("three.csv", &csv);
    for (r, at) in [(&claims, "claims"), (&table, "table")] {
        sites_one_voice_agencies_estimate(r, 3, at);
    }
}

/// A source of [`cities`]: its name, and what it states of a true count.
type Stating<'a> = (&'a str, fn(f64) -> f64);

/// `sources` on ten cities (`city 0` to `city 9`, true count `t` = 1,000 + 170 a city), each
/// stating `figure(t)`, as a table of fixed facts.
fn cities(sources: &[Stating<'_>]) -> String {
    let mut csv = String::from("source,object,attribute,value\n");
    for s in 0..10u8 {
        let t = 1_000.0 + 170.0 * f64::from(s);
        for (name, figure) in sources {
            writeln!(csv, "{name},city {s},deaths,{}", figure(t).round()).unwrap();
        }
    }
    csv
}

/// No harm where the figures given to the digit are the truth's: three outlets quote one
/// official's figure on every city, four count on their own at 89, 90, 91 and 98 % of it. A
/// class grown from the lowest figure (890) held 900 to 980 and left the quoted 1,000 out, so
/// the three quoting it shared a "false" figure and were read as one voice, and every
/// estimate fell 7 % (a review's case). Grown from the figure most given, the quoted figure is
/// in the class of the truth; sharing it is what independent voices quoting one official do,
/// and all seven stay voices of their own, on both paths.
#[test]
fn outlets_quoting_one_figure_among_close_ones_stay_independent() {
    let csv = cities(&[
        ("A", |t| 0.89 * t),
        ("D", |t| 0.90 * t),
        ("E", |t| 0.91 * t),
        ("F", |t| 0.98 * t),
        ("B", |t| t),
        ("C", |t| t),
        ("G", |t| t),
    ]);
    let (claims, table, _) = both_paths("quoting.csv", &csv);
    for (r, at) in [(&claims, "claims"), (&table, "table")] {
        assert_eq!(r.voices.len(), 7, "{at}");
    }
}

/// [`cities`] with six wires quoting the true count to the digit, then `others`.
fn six_wires_and(others: &[Stating<'_>]) -> String {
    let wires: [Stating<'_>; 6] = [
        ("AP", |t| t),
        ("Reuters", |t| t),
        ("AFP", |t| t),
        ("DPA", |t| t),
        ("EFE", |t| t),
        ("Xinhua", |t| t),
    ];
    cities(&[&wires[..], others].concat())
}

/// Two outlets whose figures lie close to each other (twice the truth, and 3 more) are no
/// consensus against six that give one figure to the digit: read by class, counting the six
/// once made the two the majority, the six a block copying a false figure, and the two won
/// every city (a judgement probe: six wires quoting one official toll lost to two blogs). It
/// takes three voices giving the class read as true; the eight stay eight voices, and the
/// six's figure is the estimate, on both paths.
#[test]
fn two_close_figures_do_not_make_copies_of_six_giving_one_figure() {
    let csv = six_wires_and(&[("Blog A", |t| 2.0 * t), ("Blog B", |t| 2.0 * t + 3.0)]);
    let (claims, table, _) = both_paths("wires.csv", &csv);
    for (r, at) in [(&claims, "claims"), (&table, "table")] {
        assert_eq!(r.voices.len(), 8, "{at}");
        for (s, best) in best_by_city(r) {
            assert_eq!(best, 1_000.0 + 170.0 * s as f64, "{at}: city {s}");
        }
    }
}

/// The same six against two blogs and a mirror of one of them: the mirror gives its blog's
/// figure to the digit, a copy, not a third count. The class read as true must hold three
/// different figures: here it holds two, and the six stay six voices with their figure the
/// estimate (a review's case: counting the mirror as a third voice read the six as copies).
#[test]
fn a_mirror_of_one_of_two_close_figures_is_no_third_count() {
    let csv = six_wires_and(&[
        ("Blog A", |t| 2.0 * t),
        ("Mirror of A", |t| 2.0 * t),
        ("Blog B", |t| 2.0 * t + 3.0),
    ]);
    let (claims, table, _) = both_paths("mirror.csv", &csv);
    for (r, at) in [(&claims, "claims"), (&table, "table")] {
        let wires = ["AP", "Reuters", "AFP", "DPA", "EFE", "Xinhua"].map(|w| voice(r, w));
        assert!(wires.iter().enumerate().all(|(i, w)| !wires[..i].contains(w)), "{at}");
        for (s, best) in best_by_city(r) {
            assert_eq!(best, 1_000.0 + 170.0 * s as f64, "{at}: city {s}");
        }
    }
}
