//! The terminal report: at most 100 columns.

use std::fmt::Write as _;

use super::{describe, fit, nature_text, notable, rows, wrap_into, wrap_list_into};
use crate::reconcile::Reconciliation;

const WIDTH: usize = 98;

/// Renders a reconciliation as plain text for a terminal: findings first (most important
/// first), then each quantity with its claims in as-of order, the verdict and low / best /
/// high, then the sources. No line is longer than 100 columns. A finding names its first
/// twelve claims and counts the rest (`Finding::claims` holds them all).
///
/// ```
/// # use chrono::NaiveDate;
/// # use claimrecon::{Claim, ClaimId, Label, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// # let parser = Parser::default();
/// # let claim = |id: &str, phrase: &str, outlet: &str, speaker: &str, day: u32| {
/// #     let provenance = Provenance::new(SourceId::new(outlet)?)
/// #         .speaker(Label::new(speaker)?)
/// #         .published(NaiveDate::from_ymd_opt(2022, 1, day).unwrap());
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), phrase, provenance, &parser)
/// # };
/// let r = Reconciler::new().reconcile(vec![
///     claim("una", "164", "UNA-OIC", "health ministry", 10)?,
///     claim("gsv", "225", "GSV", "prosecutor general's office", 25)?,
///     claim("tass", "225", "TASS", "prosecutor general's office", 25)?,
/// ]);
/// let report = claimrecon::text(&r);
/// assert!(report.starts_with(
///     "RECONCILIATION: 3 claims about 1 quantity from 2 sources (2 independent voices)\n"
/// ));
/// assert!(report.contains("  estimate: low 225 / best 225 / high 225 (as of 2022-01-25)\n"));
/// assert!(report.contains("  2022-01-10  UNA-OIC                 health ministry         164"));
/// assert!(report.lines().all(|line| line.chars().count() <= 100));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn text(r: &Reconciliation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "RECONCILIATION: {}", super::headline(r));
    wrap_into(&mut out, &super::summary_line(r), WIDTH, "SUMMARY: ", "         ");
    if !r.rejected.is_empty() {
        let _ = writeln!(out, "\nREJECTED CLAIMS ({})", r.rejected.len());
        for rej in &r.rejected {
            wrap_into(
                &mut out,
                &format!("{}: {}", super::rejected_name(rej), rej.error),
                WIDTH,
                "  - ",
                "    ",
            );
        }
    }
    let _ = writeln!(out, "\nFINDINGS, most important first");
    let (numbered, notes, single) = super::sections(r);
    if r.summary.is_none() {
        let _ = writeln!(out, "  {}", super::FINDINGS_NOT_MADE);
    } else if numbered.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for (i, f) in numbered.iter().enumerate() {
        let head = format!("{:>3}. ", i + 1);
        wrap_into(&mut out, &format!("[{}] {}", f.kind, f.message), WIDTH, &head, "     ");
        let ids = super::finding_claims(&f.claims, ToString::to_string);
        wrap_list_into(&mut out, &ids, WIDTH, "     claims: ", "             ");
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\nNOTES (not conflicts)");
        for f in notes {
            wrap_into(&mut out, &format!("[{}] {}", f.kind, f.message), WIDTH, "  - ", "    ");
        }
    }
    if !single.is_empty() {
        let _ = writeln!(out, "\nNUMBERS RESTING ON ONE VOICE ({}), to corroborate", single.len());
        for f in single {
            wrap_into(&mut out, &f.message.to_string(), WIDTH, "  - ", "    ");
        }
    }
    quantities(r, &mut out);
    sources(r, &mut out);
    out
}

fn quantities(r: &Reconciliation, out: &mut String) {
    let _ = writeln!(out, "\nQUANTITIES");
    let flags = super::flagged(r);
    for g in &r.groups {
        let _ = writeln!(out, "\n{}", fit(&g.subject.to_string(), WIDTH));
        wrap_into(out, nature_text(g.subject.behaviour()), WIDTH, "  kind: ", "        ");
        match &g.estimate {
            Some(e) => {
                let when = super::date_text(e.as_of);
                wrap_into(
                    out,
                    &format!("{} (as of {when})", e.figure),
                    WIDTH,
                    "  estimate: ",
                    "            ",
                );
                wrap_into(out, &e.reason.to_string(), WIDTH, "  why: ", "       ");
            }
            None => {
                let _ = writeln!(out, "  estimate: none (no figure was disclosed)");
            }
        }
        let _ = writeln!(out, "  verdict: {}", super::verdict(r, g, &flags));
        if let Some(text) = super::unshown_claims(r, g) {
            wrap_into(out, &text, WIDTH, "  claims: ", "          ");
        } else {
            // The rank column only where ranks were made (`Reconciler::ranks`).
            let rank = if g.ranks.is_empty() { "" } else { "  rank" };
            let head = format!(
                "  {:<10}  {:<22}  {:<22}  {:<24}{rank}",
                "as of", "outlet", "speaker", "phrase"
            );
            let _ = writeln!(out, "{}", head.trim_end());
        }
        for row in rows(r, g) {
            let line = format!(
                "  {:<10}  {:<22}  {:<22}  {:<24}  {}",
                row.date,
                fit(row.outlet, 22),
                fit(row.speaker, 22),
                fit(&row.phrase, 24),
                row.rank
            );
            let _ = writeln!(out, "{}", if g.ranks.is_empty() { line.trim_end() } else { &line });
        }
        for d in &g.derived {
            wrap_into(out, &format!("{}: {}", d.id, d.reason), WIDTH, "  derived: ", "           ");
        }
        for x in &g.repeats {
            wrap_into(out, &super::repeat_text(r, g, x), WIDTH, "  repeats: ", "           ");
        }
        for rel in notable(g) {
            let line = format!(
                "{} vs {}: {}: {}",
                describe(r, g, &rel.a),
                describe(r, g, &rel.b),
                rel.kind,
                rel.reason
            );
            wrap_into(out, &line, WIDTH, "  - ", "    ");
        }
    }
}

fn sources(r: &Reconciliation, out: &mut String) {
    let _ = writeln!(
        out,
        "\nSOURCES (who said it: the speaker, else the outlet; agreement: share of their figures"
    );
    let _ = writeln!(
        out,
        "         consistent with the estimates; reliability: 1 minus their mean distance from them)"
    );
    let _ = writeln!(
        out,
        "  {:<32}  {:<24}  {:>6}  {:>5}  {:>6}  {:>6}",
        "source", "independence group", "claims", "agree", "reliab", "echoes"
    );
    let score = super::score_text;
    for s in &r.sources {
        let _ = writeln!(
            out,
            "  {:<32}  {:<24}  {:>6}  {:>5}  {:>6}  {:>6}",
            fit(s.source.as_str(), 32),
            fit(s.voice.as_str(), 24),
            s.claims,
            score(s.agreement),
            score(s.reliability),
            s.echoes
        );
    }
    let _ = writeln!(out, "\nOUTLETS (who published the claims, whoever they quoted)");
    let _ = writeln!(
        out,
        "  {:<32}  {:>6}  {:>5}  {:>6}  relayed",
        "outlet", "claims", "agree", "reliab"
    );
    for o in &r.outlets {
        let relays: Vec<&str> = o.relays.iter().map(crate::id::SourceId::as_str).collect();
        let _ = writeln!(
            out,
            "  {:<32}  {:>6}  {:>5}  {:>6}  {}",
            fit(o.outlet.as_str(), 32),
            o.claims,
            score(o.agreement),
            score(o.reliability),
            if relays.is_empty() { "-".to_owned() } else { relays.join(", ") }
        );
    }
    let joined = super::joined_voices(r);
    if !joined.is_empty() {
        let _ = writeln!(out, "\nINDEPENDENCE GROUPS (sources counted as one voice)");
        for v in joined {
            wrap_into(
                out,
                &match super::partly_text(v) {
                    Some(partly) => {
                        format!("{} ({partly}): {}", v.voice, super::voice_reasons(&v.reasons))
                    }
                    None => format!("{}: {}", v.voice, super::voice_reasons(&v.reasons)),
                },
                WIDTH,
                "  - ",
                "    ",
            );
        }
    }
}
