//! Renderings of a [`Reconciliation`] for people: plain text for a terminal, Markdown for a
//! newsroom wiki. Both put findings first, then each quantity with its claims in as-of order,
//! then the sources.

mod markdown;
mod text;

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::claim::Claim;
use crate::id::ClaimId;
use crate::reconcile::{Group, Rank, Reconciliation, Relation};
use crate::subject::Nature;

pub use self::markdown::markdown;
pub use self::text::text;

/// One claim as a row of a report.
pub(crate) struct Row<'a> {
    pub date: String,
    pub outlet: &'a str,
    pub speaker: &'a str,
    pub phrase: String,
    pub rank: String,
    pub id: &'a ClaimId,
}

/// The independence groups a report lists: those with a reason to be one voice (relays,
/// declared owners, copying found).
pub(crate) fn joined_voices(r: &Reconciliation) -> Vec<&crate::reconcile::VoiceReport> {
    r.voices.iter().filter(|v| !v.reasons.is_empty()).collect()
}

/// The sources found copying a voice on some attributes alone, as a report names them after
/// its members ("on some attributes alone: s5 (labels), s6 (labels, counts)"); `None` when
/// there are none.
pub(crate) fn partly_text(v: &crate::reconcile::VoiceReport) -> Option<String> {
    if v.partly.is_empty() {
        return None;
    }
    let each: Vec<String> =
        v.partly.iter().map(|p| format!("{} ({})", p.source, p.attributes.join(", "))).collect();
    Some(format!("on some attributes alone: {}", first_named(&each, String::clone).join(", ")))
}

/// "0.92", or "-" when nothing could be checked.
pub(crate) fn score_text(s: Option<crate::id::Score>) -> String {
    s.map_or_else(|| "-".to_owned(), |s| format!("{:.2}", s.get()))
}

/// "d2-deaths (line 12)" for a rejected claim.
pub(crate) fn rejected_name(r: &crate::reconcile::Rejected) -> String {
    let id = r.id.as_deref().unwrap_or("(no id)");
    r.line.map_or_else(|| id.to_owned(), |l| format!("{id} (line {l})"))
}

pub(crate) fn date_text(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "undated".to_owned(), |d| d.to_string())
}

pub(crate) fn nature_text(n: Nature) -> &'static str {
    match n {
        Nature::RunningTotal => "running total: a later, higher figure replaces an earlier one",
        Nature::ChangingState => "changing state: values at different dates may all be true",
        Nature::FixedFact => "fixed fact: every report describes the same thing",
    }
}

/// What a report says where findings were not made ([`crate::Reconciler::findings`] off).
pub(crate) const FINDINGS_NOT_MADE: &str = "findings not made (Reconciler::findings)";

/// The summary in words; a reconciliation without findings has none, and says how many
/// quantities it holds.
pub(crate) fn summary_line(r: &Reconciliation) -> String {
    match &r.summary {
        Some(summary) => summary.to_string(),
        None => format!("{}: {FINDINGS_NOT_MADE}", count(r.groups.len(), "quantity", "quantities")),
    }
}

pub(crate) fn claim_by_id<'a>(r: &'a Reconciliation, id: &ClaimId) -> Option<&'a Claim> {
    r.claims.binary_search_by(|c| c.id().cmp(id)).ok().map(|i| &r.claims[i])
}

/// What a relay read at the date of the report it repeats is, in words: "200 (B), published 12
/// Jan 2022, relays TASS's report tass-10: read as of 10 Jan 2022, as that report is" (a
/// report in a chain of relays is read at the date of the one it repeats in turn).
pub(crate) fn repeat_text(r: &Reconciliation, g: &Group, x: &crate::reconcile::Repeat) -> String {
    let relay = claim_by_id(r, &x.claim);
    let published = relay
        .and_then(|c| c.provenance().published_on())
        .map(|d| format!(", published {},", crate::claim::DayText(Some(d))))
        .unwrap_or_default();
    let wire = relay
        .and_then(|c| c.provenance().via())
        .map_or_else(|| "the wire".to_owned(), ToString::to_string);
    format!(
        "{}{published} relays {wire}'s report {}: read as of {}, as that report is",
        describe(r, g, &x.claim),
        x.repeats,
        crate::claim::DayText(x.as_of)
    )
}

/// The claims of a group in as-of order, as rows.
pub(crate) fn rows<'a>(r: &'a Reconciliation, g: &'a Group) -> Vec<Row<'a>> {
    let ranks: std::collections::HashMap<&ClaimId, Rank> =
        g.ranks.iter().map(|x| (&x.claim, x.rank)).collect();
    g.named_claims()
        .filter_map(|id| claim_by_id(r, id))
        .map(|c| {
            let p = c.provenance();
            let rank = ranks.get(c.id()).map_or_else(String::new, |&x| rank_text(x).to_owned());
            // A relay read at the date of the report it repeats shows that date.
            let read = g.repeats.iter().find(|x| &x.claim == c.id()).map(|x| x.as_of);
            Row {
                date: date_text(read.unwrap_or_else(|| c.as_of())),
                outlet: p.outlet().as_str(),
                speaker: p.said_by().map_or("-", |s| s.as_str()),
                phrase: c.phrase().map_or_else(|| c.value().to_string(), str::to_owned),
                rank,
                id: c.id(),
            }
        })
        .collect()
}

/// What a report says of a group whose claims it cannot show as rows (a table's variable:
/// its rows stay in the table's store): how many it names and how they rank, or that they
/// were not named; `None` when it can show them (the claims it names, or its ranks name,
/// are held in the result).
pub(crate) fn unshown_claims(r: &Reconciliation, g: &Group) -> Option<String> {
    if g.named_claims().any(|id| claim_by_id(r, id).is_some()) {
        return None;
    }
    if g.claims.is_empty() && g.ranks.is_empty() {
        return Some("not named (Reconciler::whole_groups)".to_owned());
    }
    let ranked = |rank: Rank| g.ranks.iter().filter(|x| x.rank == rank).count();
    let named = g.claims.len().max(g.ranks.len());
    let mut text = format!("{} of the table", count(named, "row", "rows"));
    if !g.ranks.is_empty() {
        let _ = write!(
            text,
            ": {} preferred, {} normal, {} deprecated",
            ranked(Rank::Preferred),
            ranked(Rank::Normal),
            ranked(Rank::Deprecated)
        );
    }
    Some(text)
}

pub(crate) fn rank_text(rank: Rank) -> &'static str {
    match rank {
        Rank::Preferred => "preferred",
        Rank::Normal => "normal",
        Rank::Deprecated => "DEPRECATED",
    }
}

/// "164 (UNA-OIC)" for a relation end, or the derived bound's value.
pub(crate) fn describe(r: &Reconciliation, g: &Group, id: &ClaimId) -> String {
    if let Some(c) = claim_by_id(r, id) {
        let who = c.provenance().said_by().map_or(c.provenance().outlet().as_str(), |s| s.as_str());
        let phrase = c.phrase().map_or_else(|| c.value().to_string(), str::to_owned);
        return format!("{phrase} ({who})");
    }
    g.derived
        .iter()
        .find(|d| &d.id == id)
        .map_or_else(|| id.to_string(), |d| format!("{} (derived from sub-counts)", d.value))
}

/// Relations worth printing: all but plain agreement between claims.
pub(crate) fn notable(g: &Group) -> impl Iterator<Item = Relation> + '_ {
    g.relations.iter().filter(|rel| rel.kind != crate::reconcile::RelationKind::Agrees)
}

/// Truncates to `width` characters, ending with an ellipsis when cut.
pub(crate) fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Writes `s` at the end of `out` after `first`, wrapped to `width` columns; continuation
/// lines start with `indent`. Linear in the text: the line's width is counted as words are
/// added, not recounted for each word.
pub(crate) fn wrap_into(out: &mut String, s: &str, width: usize, first: &str, indent: &str) {
    // ASCII text (most reports) splits at ASCII white space, the only white space it can hold,
    // and a word's columns are its bytes.
    if s.is_ascii() {
        let words = AsciiWords { text: s, at: 0 }.map(|w| [w, ""]);
        wrap_pieces(out, words, width, first, indent);
    } else {
        wrap_pieces(out, s.split_whitespace().map(|w| [w, ""]), width, first, indent);
    }
}

/// Writes `items` at the end of `out` after `first` as a list ("a, b, c"), wrapped to
/// `width` columns between items, never inside one: an item with spaces in it ("and 40
/// more", an id with a space) stays on one line. Continuation lines start with `indent`.
pub(crate) fn wrap_list_into(
    out: &mut String,
    items: &[String],
    width: usize,
    first: &str,
    indent: &str,
) {
    let last = items.len().saturating_sub(1);
    let pieces =
        items.iter().enumerate().map(|(i, item)| [item.as_str(), if i < last { "," } else { "" }]);
    wrap_pieces(out, pieces, width, first, indent);
}

/// The wrapping of [`wrap_into`] and [`wrap_list_into`]: each piece is one unbreakable word
/// (its text, then what follows it with no space, such as a list's comma), words a space
/// apart, a line broken before the word that would pass `width`.
fn wrap_pieces<'a>(
    out: &mut String,
    pieces: impl Iterator<Item = [&'a str; 2]>,
    width: usize,
    first: &str,
    indent: &str,
) {
    out.push_str(first);
    let mut columns = first.chars().count();
    let indent_columns = indent.chars().count();
    let mut empty = true;
    let count = |t: &str| if t.is_ascii() { t.len() } else { t.chars().count() };
    for [word, after] in pieces {
        let word_columns = count(word) + count(after);
        if !empty && columns + 1 + word_columns > width {
            out.push('\n');
            out.push_str(indent);
            columns = indent_columns;
            empty = true;
        }
        if !empty {
            out.push(' ');
            columns += 1;
        }
        out.push_str(word);
        out.push_str(after);
        columns += word_columns;
        empty = false;
    }
    out.push('\n');
}

/// The words of ASCII text, split at white space as [`str::split_whitespace`] splits it (the
/// ASCII white space `char::is_whitespace` knows, the vertical tab too), byte by byte.
struct AsciiWords<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let space = |b: u8| b.is_ascii_whitespace() || b == 0x0B;
        while self.at < bytes.len() && space(bytes[self.at]) {
            self.at += 1;
        }
        let start = self.at;
        while self.at < bytes.len() && !space(bytes[self.at]) {
            self.at += 1;
        }
        (start < self.at).then(|| &self.text[start..self.at])
    }
}

/// At most this many of a list are named in a report, a finding's claims or a voice's
/// reasons: a noisy table's quantity may hold thousands of claims, and a family of copies a
/// reason for each of hundreds of members (the result itself keeps them all).
pub(crate) const NAMED: usize = 12;

/// A list as a report gives it, each item written by `name`: the first [`NAMED`], then how
/// many more (`["a", "b", ..., "and 40 more"]`).
pub(crate) fn first_named<T>(items: &[T], name: impl Fn(&T) -> String) -> Vec<String> {
    let mut text: Vec<String> = items.iter().take(NAMED).map(name).collect();
    if items.len() > NAMED {
        text.push(format!("and {} more", items.len() - NAMED));
    }
    text
}

/// A finding's claims as a report lists them ([`first_named`]).
pub(crate) fn finding_claims(claims: &[ClaimId], name: impl Fn(&ClaimId) -> String) -> Vec<String> {
    first_named(claims, name)
}

/// A voice's reasons as a report gives them, the first [`NAMED`] and how many more
/// ([`VoiceReport::reasons`](crate::VoiceReport::reasons) holds them all), joined by "; ".
pub(crate) fn voice_reasons(reasons: &[crate::VoiceReason]) -> String {
    first_named(reasons, ToString::to_string).join("; ")
}

/// "1 claim", "95 claims": a count with its noun in the right number.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The report's first line: what was reconciled. A table's result holds no claim (its rows
/// stay in its store): its sources' claims are counted. The independent voices are those some
/// claim speaks in, as the estimates count them: an outlet that relays a wire's claims, which
/// were a ministry's figures, is one voice with the ministry, claim by claim, and the wire's
/// group it joined speaks for none of them.
pub(crate) fn headline(r: &Reconciliation) -> String {
    let claims =
        if r.claims.is_empty() { r.sources.iter().map(|s| s.claims).sum() } else { r.claims.len() };
    format!(
        "{} about {} from {} ({})",
        count(claims, "claim", "claims"),
        count(r.groups.len(), "quantity", "quantities"),
        count(r.sources.len(), "source", "sources"),
        count(
            r.voices.iter().filter(|v| v.claims > 0).count(),
            "independent voice",
            "independent voices"
        ),
    )
}

/// The findings in the report's three sections: numbered (a look needed), notes (not
/// conflicts), and the numbers resting on one voice.
pub(crate) fn sections(
    r: &Reconciliation,
) -> (
    Vec<&crate::reconcile::Finding>,
    Vec<&crate::reconcile::Finding>,
    Vec<&crate::reconcile::Finding>,
) {
    let (numbered, rest): (Vec<_>, Vec<_>) = r.findings.iter().partition(|f| f.kind.is_numbered());
    let (single, notes): (Vec<_>, Vec<_>) =
        rest.into_iter().partition(|f| f.kind == crate::reconcile::FindingKind::SingleVoice);
    (numbered, notes, single)
}

/// Per subject: whether a numbered finding, and whether a note, concerns it.
pub(crate) fn flagged(
    r: &Reconciliation,
) -> std::collections::BTreeMap<&crate::subject::Subject, (bool, bool)> {
    let mut flags = std::collections::BTreeMap::new();
    for f in &r.findings {
        let e: &mut (bool, bool) = flags.entry(&f.subject).or_default();
        e.0 |= f.kind.is_numbered();
        e.1 |= f.kind == crate::reconcile::FindingKind::ChangedSameDay;
    }
    flags
}

/// A quantity's verdict, from the same findings the report numbers (see [`flagged`]):
/// "CONFLICT" only where a numbered finding says so, "changed the same day" for a note, else
/// "consistent"; none where no findings were made.
pub(crate) fn verdict(
    r: &Reconciliation,
    g: &Group,
    flags: &std::collections::BTreeMap<&crate::subject::Subject, (bool, bool)>,
) -> String {
    if r.summary.is_none() {
        return format!("not judged: {FINDINGS_NOT_MADE}");
    }
    match flags.get(&g.subject).copied().unwrap_or_default() {
        (true, _) if g.clusters.len() > 1 => {
            format!("CONFLICT between {} clusters (see findings)", g.clusters.len())
        }
        (true, _) => "CONFLICT (see findings)".to_owned(),
        (false, true) => "changed the same day (order unknown)".to_owned(),
        (false, false) => "consistent".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{wrap_into, wrap_list_into};

    /// [`wrap_into`] on an empty output.
    fn wrap(s: &str, width: usize, first: &str, indent: &str) -> String {
        let mut out = String::new();
        wrap_into(&mut out, s, width, first, indent);
        out
    }

    #[test]
    fn wrap_breaks_before_the_word_that_would_pass_the_width() {
        // "ab cd" is 5 columns: it fits in 5, not in 4.
        assert_eq!(wrap("ab cd ef", 5, "", "  "), "ab cd\n  ef\n");
        assert_eq!(wrap("ab cd ef", 4, "", "  "), "ab\n  cd\n  ef\n");
        // The first prefix counts; a word longer than the width stands alone on its line.
        assert_eq!(wrap("a toolongword b", 6, "X: ", ".."), "X: a\n..toolongword\n..b\n");
        // Columns are characters, not bytes: "é" is one.
        assert_eq!(wrap("éé éé éé", 5, "", ""), "éé éé\néé\n");
        // White space of any kind and length separates words; an empty text is the prefix.
        assert_eq!(wrap(" a\t\nb  ", 10, "", ""), "a b\n");
        // Every ASCII white space char::is_whitespace knows separates words, the vertical
        // tab too (which u8::is_ascii_whitespace leaves out).
        assert_eq!(wrap("a\x0Bb\x0Cc\rd", 10, "", ""), "a b c d\n");
        assert_eq!(wrap("", 10, "P: ", ""), "P: \n");
    }

    #[test]
    fn a_list_wraps_between_its_items_never_inside_one() {
        let list = |items: &[&str], width: usize| {
            let items: Vec<String> = items.iter().map(|&i| i.to_owned()).collect();
            let mut out = String::new();
            wrap_list_into(&mut out, &items, width, "L: ", "   ");
            out
        };
        // "L: a, b, and 8 more" is 19 columns: at 14, the words would wrap as "L: a, b, and 8"
        // and "more"; the list breaks before the item instead.
        assert_eq!(list(&["a", "b", "and 8 more"], 19), "L: a, b, and 8 more\n");
        assert_eq!(list(&["a", "b", "and 8 more"], 14), "L: a, b,\n   and 8 more\n");
        // Each item but the last ends with its comma, counted in its columns.
        assert_eq!(list(&["ab", "cd"], 7), "L: ab,\n   cd\n");
        assert_eq!(list(&["ab", "cd"], 10), "L: ab, cd\n");
        // An item longer than the width stands alone, whole; no item is the prefix alone.
        assert_eq!(
            list(&["x", "an id with spaces", "y"], 8),
            "L: x,\n   an id with spaces,\n   y\n"
        );
        assert_eq!(list(&[], 10), "L: \n");
    }
}
