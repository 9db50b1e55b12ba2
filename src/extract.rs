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
    let mut gazetteer = aliases.names();
    gazetteer.extend(places.names());
    gazetteer.sort();
    gazetteer.dedup();
    let places = gazetteer;
    let mut out = Vec::new();
    for (start, sentence) in sentences(text) {
        let words = word_spans(sentence);
        let mut i = 0;
        while i < words.len() {
            let Some((end, value)) = longest_value(sentence, &words, i, parser) else {
                i += 1;
                continue;
            };
            let (ps, pe) = (words[i].0, words[end - 1].1);
            let phrase = sentence[ps..pe].to_owned();
            if worth_proposing(&phrase, &value) {
                out.extend(propose(sentence, start, ps, pe, &phrase, &value, &places, aliases));
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
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let end_here = match bytes[i] {
            b'.' | b'!' | b'?' => {
                bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace)
                    && !abbreviation(&text[begin..=i])
            }
            b'\n' => true,
            _ => false,
        };
        if end_here {
            push_sentence(text, begin, i + 1, &mut out);
            begin = i + 1;
        }
        i += 1;
    }
    push_sentence(text, begin, text.len(), &mut out);
    out
}

fn abbreviation(s: &str) -> bool {
    let last = s.split_whitespace().last().unwrap_or("");
    matches!(
        last.to_lowercase().as_str(),
        "a.m." | "p.m." | "u.s." | "jan." | "feb." | "st." | "mr." | "h.e." | "e.g."
    ) || last.len() <= 2
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
    let lower = phrase.to_lowercase();
    if matches!(lower.as_str(), "one" | "a" | "no" | "yes" | "unknown" | "today" | "this year") {
        return false;
    }
    match value {
        Value::Amount(a) => {
            let n = a.magnitude.number().map(crate::value::Number::get);
            // A bare four-digit number from 1900 to 2100 is a year in news text.
            !(n.is_some_and(|n| (1900.0..=2100.0).contains(&n)) && phrase.len() == 4)
        }
        Value::Undisclosed | Value::YesNo(_) | Value::Category(_) | Value::Set(_) => false,
        _ => true,
    }
}

#[allow(clippy::too_many_arguments)] // one call site; the parts of one finding
fn propose(
    sentence: &str,
    start: usize,
    ps: usize,
    pe: usize,
    phrase: &str,
    value: &Value,
    places: &[Label],
    aliases: &Aliases,
) -> Vec<Proposal> {
    let lower = sentence.to_lowercase();
    let mut because = vec![format!("\"{phrase}\" reads as {value}")];
    let measures = measures_near(&lower, ps, pe, value);
    let population = POPULATIONS
        .iter()
        .filter_map(|(w, p)| nearest(&lower, w, ps, pe).map(|d| (d, w, p)))
        .filter(|(d, _, _)| *d <= 40)
        .min_by_key(|(d, _, _)| *d)
        .map_or(Population::All, |(_, w, p)| {
            because.push(format!("\"{w}\": population {p}"));
            p.clone()
        });
    let place = places
        .iter()
        .filter(|p| contains_word(&lower, p.key()))
        .map(|p| aliases.canonical(p))
        .next();
    if let Some(p) = &place {
        because.push(format!("\"{p}\": place"));
    }
    let speaker = speaker(sentence);
    if let Some(s) = &speaker {
        because.push(format!("attributed to {s}"));
    }
    let make = |measure: Option<Measure>, because: Vec<String>| Proposal {
        quote: sentence.to_owned(),
        quote_start: start,
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
        Value::TimeWindow(_) | Value::Time(_) => {
            return vec![(Measure::Hours, "a time of day".to_owned())];
        }
        Value::Amount(a) if matches!(a.unit, crate::unit::Unit::MoneyPerLitre(_)) => {
            return vec![(Measure::Price, "a price per litre".to_owned())];
        }
        _ => {}
    }
    let mut found: Vec<(usize, &str, &Measure)> = MEASURES
        .iter()
        .filter_map(|(w, m)| {
            let after = lower[pe..].find(w);
            let before = lower[..ps].rfind(w).map(|d| ps - d + 10);
            after.into_iter().chain(before).min().map(|d| (d, *w, m))
        })
        .filter(|(d, _, _)| *d <= 100)
        .collect();
    found.sort_by_key(|(d, _, _)| *d);
    let Some(&(_, w0, m0)) = found.first() else { return Vec::new() };
    let mut out = vec![(m0.clone(), w0.to_owned())];
    if let Some(&(_, w1, m1)) = found.iter().find(|(_, _, m)| *m != m0)
        && lower.contains(&format!("{w0} and {w1}"))
    {
        out.push((m1.clone(), w1.to_owned()));
    }
    out
}

/// Distance in bytes from the phrase to the nearest occurrence of `word`.
fn nearest(lower: &str, word: &str, ps: usize, pe: usize) -> Option<usize> {
    let after = lower[pe..].find(word);
    let before = lower[..ps].rfind(word).map(|d| ps - d);
    after.into_iter().chain(before).min()
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
    let lower = sentence.to_lowercase();
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
            let cut = before.rfind([',', '.', ';', '–']).map_or(0, |c| c + 1);
            let who = before[cut..].trim();
            let n = who.split_whitespace().count();
            if (1..=6).contains(&n) && !who.chars().next().is_some_and(char::is_numeric) {
                return Some(who.to_owned());
            }
        }
    }
    None
}
