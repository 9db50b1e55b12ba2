//! A first pass over raw article text: proposes candidate claims for a person to confirm.
//!
//! Rule-based and explainable. Value phrases are found with the library's own [`Parser`]
//! (the longest span of up to eight words that reads as a value), and attached to a measure,
//! a population and a place by the words around them; every proposal lists the words that
//! led to it. No model, no download.

use serde::{Deserialize, Serialize};

use crate::parse::Parser;
use crate::subject::{Aliases, Measure, Places, Population};
use crate::value::{Label, Value};

/// A candidate claim found in text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Proposal {
    /// The sentence it was found in, verbatim.
    pub quote: String,
    /// Byte offset of the sentence in the text.
    pub quote_start: usize,
    /// The value words, verbatim (inside the quote).
    pub phrase: String,
    /// What the phrase reads as.
    pub value: Value,
    /// The measure the surrounding words point to; `None` when no measure word is near.
    pub measure: Option<Measure>,
    /// Who is counted.
    pub population: Population,
    /// The place named in the sentence, canonical.
    pub place: Option<Label>,
    /// Who the sentence attributes it to ("according to the UN", "officials said").
    pub speaker: Option<String>,
    /// The words that led to each part of the proposal.
    pub because: Vec<String>,
}

const MEASURES: &[(&str, Measure)] = &[
    ("killed", Measure::Deaths),
    ("dead", Measure::Deaths),
    ("deaths", Measure::Deaths),
    ("died", Measure::Deaths),
    ("death toll", Measure::Deaths),
    ("lost their lives", Measure::Deaths),
    ("injured", Measure::Injured),
    ("wounded", Measure::Injured),
    ("hurt", Measure::Injured),
    ("hospitalized", Measure::Hospitalized),
    ("hospitalised", Measure::Hospitalized),
    ("detained", Measure::Detained),
    ("arrested", Measure::Detained),
    ("peacekeeping contingent", Measure::TroopsDeployed),
    ("peacekeepers", Measure::TroopsDeployed),
    ("troops", Measure::TroopsDeployed),
    ("damage", Measure::Damage),
    ("curfew", Measure::Hours),
];

const POPULATIONS: &[(&str, Population)] = &[
    ("police", Population::SecurityForces),
    ("security", Population::SecurityForces),
    ("law enforcement", Population::SecurityForces),
    ("military", Population::SecurityForces),
    ("soldiers", Population::SecurityForces),
    ("officers", Population::SecurityForces),
    ("civilians", Population::Civilians),
    ("protesters", Population::Protesters),
    ("demonstrators", Population::Protesters),
    ("militants", Population::Militants),
    ("terrorist", Population::Militants),
    ("armed criminals", Population::Militants),
];

/// Proposes claims from an article's text.
///
/// `parser` should carry the article's publication date, so relative dates resolve; `aliases`
/// and `places` supply the gazetteer (every name they know). A figure is proposed only when a
/// measure word stands near it ("killed", "injured", "detained", "troops", a price unit): a
/// bare number is not yet a claim.
///
/// # Complexity
/// O(w) parses of at most eight words each, for `w` words of text.
#[must_use]
pub fn extract(text: &str, parser: &Parser, aliases: &Aliases, places: &Places) -> Vec<Proposal> {
    // Places only: the places table and the aliases that lead to one of its places. Longest
    // names first, so "Almaty region" wins over "Almaty".
    let known = places.names();
    let mut gazetteer: Vec<Label> = aliases
        .names()
        .into_iter()
        .filter(|n| known.contains(&aliases.canonical(n)))
        .chain(known.iter().cloned())
        .collect();
    gazetteer.sort();
    gazetteer.dedup();
    gazetteer.sort_by_key(|l| std::cmp::Reverse(l.key().len()));
    let places = gazetteer;
    let mut out = Vec::new();
    for (start, sentence) in sentences(text) {
        let words = word_spans(sentence);
        let facts = Sentence::new(sentence, start, &places, aliases);
        let mut i = 0;
        while i < words.len() {
            let Some((end, value)) = longest_value(sentence, &words, i, parser) else {
                i += 1;
                continue;
            };
            let (ps, pe) = (words[i].0, words[end - 1].1);
            let phrase = sentence[ps..pe].to_owned();
            if worth_proposing(&phrase, &value) {
                out.extend(propose(&facts, ps, pe, &phrase, &value));
            }
            i = end;
        }
    }
    out
}

/// Sentences with their byte offsets: split after `.`, `!` or `?` followed by white space,
/// and at blank lines.
fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = match c {
            '.' | '!' | '?' => {
                // A closing quote after the stop belongs to the sentence.
                let mut end = i + 1;
                if let Some(&(j, q)) = chars.peek()
                    && matches!(q, '"' | '”' | '’')
                {
                    end = j + q.len_utf8();
                }
                let next = text[end..].chars().next();
                (next.is_none_or(char::is_whitespace) && !abbreviation(&text[begin..end]))
                    .then_some(end)
            }
            '\n' => Some(i + 1),
            _ => None,
        };
        if let Some(end) = end {
            push_sentence(text, begin, end, &mut out);
            begin = end;
        }
    }
    push_sentence(text, begin, text.len(), &mut out);
    out
}

fn abbreviation(s: &str) -> bool {
    let last = s.split_whitespace().last().unwrap_or("");
    matches!(
        last.to_ascii_lowercase().as_str(),
        "a.m." | "p.m." | "u.s." | "jan." | "feb." | "st." | "mr." | "h.e." | "e.g."
    ) || is_initial(last)
}

/// "J." in "J. Smith": one capital letter and a stop.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

fn push_sentence<'t>(text: &'t str, begin: usize, end: usize, out: &mut Vec<(usize, &'t str)>) {
    let s = &text[begin..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push((begin + lead, t));
    }
}

/// Words as byte spans, trailing punctuation cut off.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(b)) => {
                let word = &s[b..i];
                let trimmed = word.trim_end_matches([',', ';', ':', '"', '”', ')', '–', '—']);
                let trimmed = if trimmed.ends_with('.') && !trimmed.ends_with(".m.") {
                    &trimmed[..trimmed.len() - 1]
                } else {
                    trimmed
                };
                let lead = trimmed.len() - trimmed.trim_start_matches(['"', '“', '(']).len();
                if trimmed.len() > lead {
                    out.push((b + lead, b + trimmed.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The longest span starting at word `i` (up to eight words) that reads as a value.
fn longest_value(
    s: &str,
    words: &[(usize, usize)],
    i: usize,
    parser: &Parser,
) -> Option<(usize, Value)> {
    let max = (i + 8).min(words.len());
    (i + 1..=max).rev().find_map(|end| {
        let phrase = &s[words[i].0..words[end - 1].1];
        parser.parse(phrase).ok().map(|p| (end, p.value))
    })
}

/// Figures, dates and times; not lone years, nor "one" in "one of", nor page furniture.
fn worth_proposing(phrase: &str, value: &Value) -> bool {
    let lower = phrase.to_ascii_lowercase();
    if matches!(lower.as_str(), "one" | "a" | "no" | "yes" | "unknown" | "today" | "this year") {
        return false;
    }
    match value {
        Value::Amount(a) => {
            let n = a.magnitude.number().map(crate::value::Number::get);
            // A bare four-digit number from 1900 to 2100 is a year in news text.
            !(n.is_some_and(|n| (1900.0..=2100.0).contains(&n)) && phrase.len() == 4)
        }
        // "in the morning" says when, not what: context for a figure, not a claim.
        Value::Undisclosed
        | Value::YesNo(_)
        | Value::Category(_)
        | Value::Set(_)
        | Value::QualifiedTime(crate::value::QualifiedTime::Part(_)) => false,
        _ => true,
    }
}

/// What a sentence says once, whatever figures it holds: computed once per sentence, so long
/// sentences with many figures stay linear.
struct Sentence<'s> {
    text: &'s str,
    start: usize,
    /// ASCII lower case keeps byte offsets; the words searched for are ASCII.
    lower: String,
    place: Option<Label>,
    speaker: Option<String>,
}

impl<'s> Sentence<'s> {
    fn new(text: &'s str, start: usize, places: &[Label], aliases: &Aliases) -> Self {
        let lower = text.to_ascii_lowercase();
        let place =
            places.iter().find(|p| contains_word(&lower, p.key())).map(|p| aliases.canonical(p));
        Sentence { text, start, place, speaker: speaker(text), lower }
    }
}

fn propose(s: &Sentence<'_>, ps: usize, pe: usize, phrase: &str, value: &Value) -> Vec<Proposal> {
    let (sentence, start, lower) = (s.text, s.start, &s.lower);
    let mut because = vec![format!("\"{phrase}\" reads as {value}")];
    let measures = measures_near(lower, ps, pe, value);
    let population = POPULATIONS
        .iter()
        .filter_map(|(w, p)| nearest(lower, w, ps, pe).map(|d| (d, w, p)))
        .filter(|(d, _, _)| *d <= 40)
        .min_by_key(|(d, _, _)| *d)
        .map_or(Population::All, |(_, w, p)| {
            because.push(format!("\"{w}\": population {p}"));
            p.clone()
        });
    let place = s.place.clone();
    if let Some(p) = &place {
        because.push(format!("\"{p}\": place"));
    }
    let speaker = s.speaker.clone();
    // A runaway "sentence" (a table, a list without stops) is quoted around the phrase only.
    let (qs, qe) = if sentence.len() <= MAX_QUOTE {
        (0, sentence.len())
    } else {
        (
            floor_boundary(sentence, ps.saturating_sub(MAX_QUOTE / 2)),
            floor_boundary(sentence, (pe + MAX_QUOTE / 2).min(sentence.len())),
        )
    };
    if let Some(s) = &speaker {
        because.push(format!("attributed to {s}"));
    }
    let make = |measure: Option<Measure>, because: Vec<String>| Proposal {
        quote: sentence[qs..qe].to_owned(),
        quote_start: start + qs,
        phrase: phrase.to_owned(),
        value: value.clone(),
        measure,
        population: population.clone(),
        place: place.clone(),
        speaker: speaker.clone(),
        because,
    };
    if measures.is_empty() {
        // A bare number is not yet a claim; dates and times always have a measure.
        return Vec::new();
    }
    measures
        .into_iter()
        .map(|(m, w)| {
            let mut b = because.clone();
            b.insert(1, format!("\"{w}\": measure {m}"));
            // A figure a claim of the measure cannot hold ("1.000 were killed") is proposed
            // with the loader's refusal, for the person who confirms it.
            if let Some(e) = crate::claim::count_of_people_problem(&m, value, Some(phrase)) {
                b.push(format!("refused as a claim: {e}"));
            }
            make(Some(m), b)
        })
        .collect()
}

/// The measure words nearest the phrase (after it first: "225 were killed"), and a second one
/// joined by "and" ("injured and hospitalized"). Dates take the event date; prices their
/// unit.
fn measures_near(lower: &str, ps: usize, pe: usize, value: &Value) -> Vec<(Measure, String)> {
    match value {
        Value::Date(_) => return vec![(Measure::EventDate, "a date".to_owned())],
        Value::TimeWindow(_) | Value::Time(_) | Value::QualifiedTime(_) => {
            return vec![(Measure::Hours, "a time of day".to_owned())];
        }
        Value::Amount(a) if matches!(a.unit, crate::unit::Unit::MoneyPerLitre(_)) => {
            return vec![(Measure::Price, "a price per litre".to_owned())];
        }
        _ => {}
    }
    let (after, before) = windows(lower, ps, pe);
    let mut found: Vec<(usize, &str, &Measure)> = MEASURES
        .iter()
        .filter_map(|(w, m)| {
            // Words after the figure ("225 were killed") are the usual order; those before
            // count a little farther.
            let a = find_word(after, w);
            let b = rfind_word(before, w).map(|d| before.len() - d + 10);
            a.into_iter().chain(b).min().map(|d| (d, *w, m))
        })
        .filter(|(d, _, _)| *d <= 100)
        .collect();
    found.sort_by_key(|(d, _, _)| *d);
    let Some(&(_, w0, m0)) = found.first() else { return Vec::new() };
    let mut out = vec![(m0.clone(), w0.to_owned())];
    if let Some(&(_, w1, m1)) = found.iter().find(|(_, _, m)| *m != m0)
        && after.contains(&format!("{w0} and {w1}"))
    {
        out.push((m1.clone(), w1.to_owned()));
    }
    out
}

/// Distance in bytes from the phrase to the nearest occurrence of `word`.
fn nearest(lower: &str, word: &str, ps: usize, pe: usize) -> Option<usize> {
    let (after, before) = windows(lower, ps, pe);
    let a = find_word(after, word);
    let b = rfind_word(before, word).map(|d| before.len() - d);
    a.into_iter().chain(b).min()
}

/// Quotes longer than this are cut to a window around the phrase.
const MAX_QUOTE: usize = 600;

/// How far from a phrase its measure and population words may stand, in bytes.
const REACH: usize = 150;

/// The text just before and just after a phrase, within [`REACH`].
fn windows(lower: &str, ps: usize, pe: usize) -> (&str, &str) {
    let after = &lower[pe..floor_boundary(lower, (pe + REACH).min(lower.len()))];
    let before = &lower[floor_boundary(lower, ps.saturating_sub(REACH))..ps];
    (after, before)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_word_at(hay: &str, i: usize, word: &str) -> bool {
    let before = hay[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let after = hay[i + word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before && after
}

/// The first occurrence of `word` as a whole word ("dead" does not match "deadline").
fn find_word(hay: &str, word: &str) -> Option<usize> {
    hay.match_indices(word).map(|(i, _)| i).find(|&i| is_word_at(hay, i, word))
}

fn rfind_word(hay: &str, word: &str) -> Option<usize> {
    hay.rmatch_indices(word).map(|(i, _)| i).find(|&i| is_word_at(hay, i, word))
}

fn contains_word(sentence: &str, name: &str) -> bool {
    sentence.match_indices(name).any(|(i, _)| {
        let before = sentence[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = sentence[i + name.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// "according to the UN" or "the prosecutor general's office said".
fn speaker(sentence: &str) -> Option<String> {
    let lower = sentence.to_ascii_lowercase();
    if let Some(i) = lower.find("according to ") {
        let rest = &sentence[i + "according to ".len()..];
        let end = rest.find([',', '.', ';']).unwrap_or(rest.len());
        let who = rest[..end].trim();
        if !who.is_empty() && who.split_whitespace().count() <= 8 {
            return Some(who.to_owned());
        }
    }
    for verb in [" said", " told", " reported"] {
        if let Some(i) = lower.find(verb) {
            let before = &sentence[..i];
            let cut = before
                .char_indices()
                .rev()
                .find(|(_, c)| matches!(c, ',' | '.' | ';' | '–'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let who = before[cut..].trim();
            let n = who.split_whitespace().count();
            if (1..=6).contains(&n) && !who.chars().next().is_some_and(char::is_numeric) {
                return Some(who.to_owned());
            }
        }
    }
    None
}
