//! The Markdown report.

use std::fmt::Write as _;

use super::{describe, nature_text, notable, rows};
use crate::reconcile::Reconciliation;

fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            // What Markdown would read as markup (emphasis, code, links, raw HTML, a table's
            // cell end, an entity): a name or a phrase such as `<script>` or `[x](http://e)`
            // shows as written.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` as inline code, shown as written: a code span whose fence is longer than any run of
/// backticks in it (an id may hold one). In a table's cell its `|` must be escaped too.
fn code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 { format!("{fence}{s}{fence}") } else { format!("{fence} {s} {fence}") }
}

/// Renders a reconciliation as Markdown: findings, quantities (a table of claims each), a
/// source table, the independence groups with why each is one voice, and an outlet table. A
/// finding names its first twelve claims and counts the rest (`Finding::claims` holds them
/// all).
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
/// let report = claimrecon::markdown(&r);
/// assert!(report.starts_with("# Reconciliation\n\n3 claims about 1 quantity from 2 sources"));
/// assert!(report.contains("**Estimate** (as of 2022-01-25): low 225 / best 225 / high 225"));
/// assert!(report.contains("| 2022-01-25 | GSV | prosecutor general's office | 225 | preferred | `gsv` |"));
/// assert!(report.contains("| health ministry | health ministry | 1 | 1.00 | 1.00 | 0 |"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn markdown(r: &Reconciliation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Reconciliation\n");
    let _ = writeln!(out, "{}.\n", super::headline(r));
    let _ = writeln!(out, "**Summary**: {}.\n", cell(&super::summary_line(r)));
    if !r.rejected.is_empty() {
        let _ = writeln!(out, "## Rejected claims\n");
        for rej in &r.rejected {
            let _ = writeln!(
                out,
                "- {}: {}",
                code(&super::rejected_name(rej)),
                cell(&rej.error.to_string())
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Findings\n");
    findings(r, &mut out);
    let _ = writeln!(out, "\n## Quantities");
    for g in &r.groups {
        let _ = writeln!(out, "\n### {}\n", cell(&g.subject.to_string()));
        let _ = writeln!(out, "*{}*\n", nature_text(g.subject.behaviour()));
        if let Some(e) = &g.estimate {
            let _ = writeln!(
                out,
                "**Estimate** (as of {}): {}  ",
                super::date_text(e.as_of),
                cell(&e.figure.to_string())
            );
            let _ = writeln!(out, "{}\n", cell(&e.reason.to_string()));
        }
        if let Some(text) = super::unshown_claims(r, g) {
            let _ = writeln!(out, "Claims: {}", cell(&text));
        } else if g.ranks.is_empty() {
            // The rank column only where ranks were made (`Reconciler::ranks`).
            let _ = writeln!(
                out,
                "| as of | outlet | speaker | phrase | claim |\n|---|---|---|---|---|"
            );
        } else {
            let _ = writeln!(
                out,
                "| as of | outlet | speaker | phrase | rank | claim |\n|---|---|---|---|---|---|"
            );
        }
        for row in rows(r, g) {
            let rank = if g.ranks.is_empty() { String::new() } else { format!(" {} |", row.rank) };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |{rank} {} |",
                row.date,
                cell(row.outlet),
                cell(row.speaker),
                cell(&row.phrase),
                code(&row.id.as_str()).replace('|', "\\|")
            );
        }
        // The group's notes below its table: derived bounds, relays read at another date,
        // then the relations worth a look.
        let derived = g
            .derived
            .iter()
            .map(|d| format!("derived {}: {}", code(&d.id.as_str()), cell(&d.reason)));
        let repeats =
            g.repeats.iter().map(|x| format!("repeats: {}", cell(&super::repeat_text(r, g, x))));
        let relations = notable(g).map(|rel| {
            format!(
                "{} vs {}: **{}**: {}",
                cell(&describe(r, g, &rel.a)),
                cell(&describe(r, g, &rel.b)),
                rel.kind,
                cell(&rel.reason.to_string())
            )
        });
        for (i, line) in derived.chain(repeats).chain(relations).enumerate() {
            let _ = writeln!(out, "{}- {line}", if i == 0 { "\n" } else { "" });
        }
    }
    let _ = writeln!(out, "\n## Sources\n");
    let _ = writeln!(
        out,
        "| source | independence group | claims | agreement | reliability | echoes |\n|---|---|---:|---:|---:|---:|"
    );
    let score = super::score_text;
    for s in &r.sources {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(s.source.as_str()),
            cell(s.voice.as_str()),
            s.claims,
            score(s.agreement),
            score(s.reliability),
            s.echoes
        );
    }
    independence(r, &mut out);
    outlets(r, &mut out);
    out
}

/// The sources counted as one voice, each group with its members and why (relays, declared
/// owners, copying found with its evidence).
fn independence(r: &Reconciliation, out: &mut String) {
    let joined = super::joined_voices(r);
    if joined.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Independence groups (sources counted as one voice)\n");
    for v in joined {
        let members: Vec<&str> = v.members.iter().map(crate::id::SourceId::as_str).collect();
        let mut members = members.join(", ");
        if let Some(partly) = super::partly_text(v) {
            members = format!("{members}; {partly}");
        }
        let _ = writeln!(
            out,
            "- **{}** ({}): {}",
            cell(v.voice.as_str()),
            cell(&members),
            cell(&super::voice_reasons(&v.reasons))
        );
    }
}

/// Who published the claims, whoever they quoted.
fn outlets(r: &Reconciliation, out: &mut String) {
    let _ = writeln!(out, "\n## Outlets\n");
    let _ = writeln!(
        out,
        "| outlet | claims | agreement | reliability | relayed |\n|---|---:|---:|---:|---|"
    );
    let score = super::score_text;
    for o in &r.outlets {
        let relays: Vec<&str> = o.relays.iter().map(crate::id::SourceId::as_str).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(o.outlet.as_str()),
            o.claims,
            score(o.agreement),
            score(o.reliability),
            cell(&relays.join(", "))
        );
    }
}

/// The numbered findings, then notes (not conflicts), then the single-voice figures as one
/// list.
fn findings(r: &Reconciliation, out: &mut String) {
    let (numbered, notes, single) = super::sections(r);
    if r.summary.is_none() {
        let _ = writeln!(out, "{}.\n", cell(super::FINDINGS_NOT_MADE));
    } else if numbered.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for (i, f) in numbered.iter().enumerate() {
        let ids = super::finding_claims(&f.claims, |c| code(&c.as_str())).join(", ");
        let _ =
            writeln!(out, "{}. **{}**: {} ({})", i + 1, f.kind, cell(&f.message.to_string()), ids);
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\n### Notes (not conflicts)\n");
        for f in notes {
            let _ = writeln!(out, "- **{}**: {}", f.kind, cell(&f.message.to_string()));
        }
    }
    if !single.is_empty() {
        let _ = writeln!(
            out,
            "\n### Numbers resting on one voice ({}), to corroborate\n",
            single.len()
        );
        for f in single {
            let ids = super::finding_claims(&f.claims, |c| code(&c.as_str())).join(", ");
            let _ = writeln!(out, "- {} ({ids})", cell(&f.message.to_string()));
        }
    }
}
