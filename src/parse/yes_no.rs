//! Yes/no facts ("yes", "has not yet requested") and the fixed phrases of an undisclosed
//! figure ("not disclosed", "unknown").

use super::lex::Token;
use super::parser::{Grammar, Parsed, Parser, Reading, check_length};
use super::words::UNDISCLOSED;
use crate::Error;
use crate::value::Value;

impl Parser {
    /// Reads a yes/no fact stated in words: "has not yet requested" is no, "asked for help" is
    /// yes. A negation word (not, no, never, n't, without, neither, nor, none, nobody,
    /// nothing, failed, refrained, untrue, incorrect, "yet to": "has yet to request", "ruled
    /// out", "stopped short of"; not "not only") makes it no; a double negation is refused as
    /// too ambiguous to read, and so is a hedge anywhere ("might", "probably", "unclear",
    /// "pending", "considering"), a word that denies or turns down ("denied", "refused",
    /// "rejected", "declined"): "denied sending troops" is no, but "the request was denied"
    /// says the request was made, and a word that ends a state ("lifted", "ended", "withdrew",
    /// "called off"): "the curfew was lifted" is no of the curfew now, yes that there was
    /// one. An answer alone reads as itself:
    /// "yes", "true", "y", "yeah", "yep" are yes; "no", "false", "n", "nope", "nah" are no. A
    /// phrase of an undisclosed state ("not disclosed", "unknown", "N/A") is
    /// [`Value::Undisclosed`], not a no.
    ///
    /// ```
    /// use claimrecon::{Parser, Value};
    /// let p = Parser::default();
    /// assert_eq!(p.parse_yes_no("has not yet requested")?.value, Value::YesNo(false));
    /// assert_eq!(p.parse_yes_no("asked for help")?.value, Value::YesNo(true));
    /// assert_eq!(p.parse_yes_no("false")?.value, Value::YesNo(false));
    /// assert_eq!(p.parse_yes_no("not disclosed")?.value, Value::Undisclosed);
    /// // A figure or a hedge is no yes/no fact.
    /// assert!(p.parse_yes_no("0").is_err());
    /// assert!(p.parse_yes_no("maybe").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Parse`] if the phrase is empty, holds more than one negation, holds no word
    /// ("0", "?"), reads whole as a figure or a label the general [`Parser::parse`] reads
    /// ("10", "more than 5", "2022-01-05", a quoted label), holds a hedge ("maybe",
    /// "might", "unclear"), or holds a word that denies or turns down or that ends a state:
    /// none of them says yes or no. (A corpus line reads such a phrase by its `value`.)
    pub fn parse_yes_no(&self, phrase: &str) -> Result<Parsed, Error> {
        check_length(phrase)?;
        if phrase.trim().is_empty() {
            return Err(Error::parse(phrase, 0, "the phrase is empty"));
        }
        // What the general parser reads whole: an answer, an undisclosed state, or a figure
        // or label, which is no yes/no fact.
        if let Ok(parsed) = self.parse(phrase) {
            return match parsed.value {
                Value::YesNo(_) | Value::Undisclosed => Ok(parsed),
                other => Err(Error::parse(
                    phrase,
                    0,
                    format!("reads as {other}, not as yes or no: a yes/no fact is stated in words"),
                )),
            };
        }
        let words: Vec<(usize, &str, String)> =
            words_of(phrase).map(|(start, word)| (start, word, word.to_lowercase())).collect();
        let core: Vec<&str> =
            words.iter().map(|(_, _, w)| w.as_str()).filter(|w| *w != "the").collect();
        if !words.iter().any(|(_, w, _)| w.chars().any(char::is_alphabetic)) {
            return Err(Error::parse(phrase, 0, "holds no word: a yes/no fact is stated in words"));
        }
        let answer = |value: Value, meaning: &str| Parsed {
            value,
            readings: vec![Reading {
                start: 0,
                end: phrase.len(),
                text: phrase.to_owned(),
                meaning: meaning.to_owned(),
            }],
        };
        if UNDISCLOSED.contains(&core.as_slice()) {
            return Ok(answer(Value::Undisclosed, "undisclosed: compatible with any figure"));
        }
        match core.as_slice() {
            [w] if YES.contains(w) => return Ok(answer(Value::YesNo(true), "yes")),
            [w] if NO.contains(w) => return Ok(answer(Value::YesNo(false), "no")),
            _ => {}
        }
        if let Some(&(start, word, _)) = words.iter().find(|(_, _, w)| HEDGES.contains(&w.as_str()))
        {
            return Err(Error::parse(
                phrase,
                start,
                format!("a hedge (\"{word}\") says neither yes nor no"),
            ));
        }
        if let Some((start, word, way)) = two_way(phrase) {
            let problem = match way {
                TwoWay::Denies => format!(
                    "\"{word}\" may deny the fact (\"denied sending troops\": no) or turn down \
                     a request that was made (\"the request was denied\": the request is a yes): \
                     too ambiguous to read as yes or no"
                ),
                TwoWay::Ends => format!(
                    "\"{word}\" ends a state: no of the state after it (\"the curfew was \
                     lifted\": not in force) but yes that it held before (it was imposed): too \
                     ambiguous to read as yes or no"
                ),
            };
            return Err(Error::parse(phrase, start, problem));
        }
        let negations = negations(&words);
        if negations.len() > 1 {
            return Err(Error::parse(
                phrase,
                negations[1].start,
                "two negations: too ambiguous to read as yes or no",
            ));
        }
        if negations.is_empty() {
            return Ok(answer(Value::YesNo(true), "no negation: the fact is affirmed"));
        }
        Ok(Parsed { value: Value::YesNo(false), readings: negations })
    }
}

impl Grammar<'_> {
    /// Undisclosed and yes/no: phrases whose every word is fixed.
    pub(super) fn fixed_phrase(&mut self, t: &[Token]) -> Option<Value> {
        let words: Option<Vec<&str>> = t.iter().map(Token::word).collect();
        let words = words?;
        let core: Vec<&str> = words.iter().copied().filter(|w| *w != "the").collect();
        if UNDISCLOSED.contains(&core.as_slice()) {
            self.note(t, "undisclosed: compatible with any figure");
            return Some(Value::Undisclosed);
        }
        let yes_no = match core.as_slice() {
            ["yes" | "true"] => Some(true),
            ["no" | "false"] => Some(false),
            _ => None,
        };
        yes_no.map(|b| {
            self.note(t, if b { "yes" } else { "no" });
            Value::YesNo(b)
        })
    }
}

/// Words that deny the fact: a phrase holding one is no.
const NEGATIONS: [&str; 18] = [
    "not",
    "no",
    "never",
    "without",
    "neither",
    "nor",
    "none",
    "nobody",
    "nothing",
    "nowhere",
    "fail",
    "fails",
    "failed",
    "refrain",
    "refrains",
    "refrained",
    "untrue",
    "incorrect",
];
/// Answers that are yes.
const YES: [&str; 5] = ["yes", "true", "y", "yeah", "yep"];
/// Answers that are no.
const NO: [&str; 5] = ["no", "false", "n", "nope", "nah"];
/// Words that hedge: a phrase holding one, alone or not, says neither yes nor no. "may" is
/// also a month: not among them.
const HEDGES: [&str; 11] = [
    "maybe",
    "perhaps",
    "possibly",
    "probably",
    "might",
    "unconfirmed",
    "unclear",
    "unlikely",
    "likely",
    "pending",
    "considering",
];

/// The words of a phrase (`words`: offset, word, lower case) that deny the fact, each as a
/// reading: a negation word, a word ending in "n't", or "yet" before "to" ("has yet to
/// request" is no, as "has not yet requested" is).
fn negations(words: &[(usize, &str, String)]) -> Vec<Reading> {
    let next_is = |k: usize, w: &str| words.get(k + 1).is_some_and(|n| n.2 == w);
    let yet_to = |k: usize| words[k].2 == "yet" && next_is(k, "to");
    // "ruled out sending troops" and "stopped short of sending troops" deny it.
    let ruled_out = |k: usize| RULE.contains(&words[k].2.as_str()) && next_is(k, "out");
    let short_of = |k: usize| STOP.contains(&words[k].2.as_str()) && next_is(k, "short");
    words
        .iter()
        .enumerate()
        .filter(|&(k, (_, _, lower))| {
            // "not only asked for help but ..." affirms it.
            let not_only = lower == "not" && next_is(k, "only");
            (NEGATIONS.contains(&lower.as_str()) && !not_only)
                || lower.ends_with("n't")
                || lower.ends_with("n’t")
                || yet_to(k)
                || ruled_out(k)
                || short_of(k)
        })
        .map(|(_, &(start, word, _))| Reading {
            start,
            end: start + word.len(),
            text: word.to_owned(),
            meaning: "negation: the fact is denied".to_owned(),
        })
        .collect()
}

/// Forms of "rule" that, before "out", deny ("ruled out sending troops": no).
const RULE: [&str; 4] = ["rule", "rules", "ruled", "ruling"];

/// Words that deny or turn down, whose yes/no depends on what is denied.
const DENIALS: [&str; 22] = [
    "denial",
    "denials",
    "refusal",
    "refusals",
    "rejection",
    "rejections",
    "deny",
    "denies",
    "denied",
    "denying",
    "refuse",
    "refuses",
    "refused",
    "refusing",
    "reject",
    "rejects",
    "rejected",
    "rejecting",
    "decline",
    "declines",
    "declined",
    "declining",
];

/// Words that end a state, whose yes/no depends on the question: "the state of emergency was
/// lifted" is no of it being in force, yes of it having been declared.
const ENDINGS: [&str; 68] = [
    "lift",
    "lifts",
    "lifted",
    "lifting",
    "end",
    "ends",
    "ended",
    "ending",
    "revoke",
    "revokes",
    "revoked",
    "revoking",
    "rescind",
    "rescinds",
    "rescinded",
    "rescinding",
    "cancel",
    "cancels",
    "cancelled",
    "canceled",
    "cancelling",
    "canceling",
    "withdraw",
    "withdraws",
    "withdrew",
    "withdrawn",
    "withdrawing",
    "withdrawal",
    "suspend",
    "suspends",
    "suspended",
    "suspending",
    "halt",
    "halts",
    "halted",
    "halting",
    "stop",
    "stops",
    "stopped",
    "stopping",
    "cease",
    "ceases",
    "ceased",
    "ceasing",
    "expire",
    "expires",
    "expired",
    "expiring",
    "repeal",
    "repeals",
    "repealed",
    "repealing",
    "abolish",
    "abolishes",
    "abolished",
    "abolishing",
    "terminate",
    "terminates",
    "terminated",
    "terminating",
    "recall",
    "recalls",
    "recalled",
    "recalling",
    "scrap",
    "scraps",
    "scrapped",
    "scrapping",
];

/// Two words that end a state together ("called off", "pulled out"): the first's forms, then
/// the second.
const ENDING_PAIRS: [(&[&str], &str); 2] = [
    (&["call", "calls", "called", "calling"], "off"),
    (&["pull", "pulls", "pulled", "pulling"], "out"),
];

/// Forms of "stop" that, before "short", deny ("stopped short of sending troops": no).
const STOP: [&str; 4] = ["stop", "stops", "stopped", "stopping"];

/// How a word leaves a yes/no phrase to be read by what it is about (see [`two_way`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TwoWay {
    /// It denies or turns down: "denied sending troops" is no, "the request was denied" says a
    /// request was made.
    Denies,
    /// It ends a state: "lifted" is no of the state now, yes of the state before.
    Ends,
}

/// The first word of `phrase` whose yes/no depends on what it is about, with its byte offset
/// and how: a word that denies or turns down ("denied", "refused", "rejected", "declined":
/// "Tokayev denied requesting help" denies the fact, "the request for help was denied" says
/// the request was made), or one that ends a state ("lifted", "ended", "withdrew", "called
/// off"; not "stopped short of", which denies, nor "the end of the week"). Such a phrase says neither by its words alone:
/// a corpus line reads it by its `value`.
pub(crate) fn two_way(phrase: &str) -> Option<(usize, &str, TwoWay)> {
    let words: Vec<(usize, &str)> = words_of(phrase).collect();
    let is = |list: &[&str], w: &str| list.iter().any(|d| d.eq_ignore_ascii_case(w));
    let next_is = |k: usize, w: &str| words.get(k + 1).is_some_and(|n| n.1.eq_ignore_ascii_case(w));
    let after = |k: usize, w: &str| {
        k.checked_sub(1).and_then(|p| words.get(p)).is_some_and(|p| p.1.eq_ignore_ascii_case(w))
    };
    words.iter().enumerate().find_map(|(k, &(start, word))| {
        let way = if is(&DENIALS, word) {
            TwoWay::Denies
        } else if (is(&ENDINGS, word)
            // "asked for help to end the unrest" asks; "until the end" and "the end of the
            // week" name a time; "stopped short of" denies.
            && !after(k, "to")
            && !(word.eq_ignore_ascii_case("end") && (after(k, "the") || next_is(k, "of")))
            && !(is(&STOP, word) && next_is(k, "short")))
            || ENDING_PAIRS.iter().any(|(first, second)| is(first, word) && next_is(k, second))
        {
            TwoWay::Ends
        } else {
            return None;
        };
        Some((start, word, way))
    })
}

/// The words of a yes/no phrase with their byte offsets: runs of letters, digits and
/// apostrophes ("didn't", "didn’t"), whatever separates them.
fn words_of(phrase: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut rest = phrase.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.by_ref().find(|&(_, c)| is_word(c))?;
        let mut end = phrase.len();
        while let Some(&(i, c)) = rest.peek() {
            if !is_word(c) {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &phrase[start..end]))
    })
}

/// True for a phrase that states a state as expected to change: "has not yet requested", "is
/// yet to decide", "still has not". Such a state came before the change on the same day.
pub(crate) fn expects_change(phrase: &str) -> bool {
    // Most phrases are ASCII: compared ignoring ASCII case, which for ASCII text is what
    // comparing the lower-case text does, without making it; each needle is tried only where
    // its first letter is.
    if phrase.is_ascii() {
        let bytes = phrase.as_bytes();
        return (0..bytes.len()).any(|i| {
            let first = bytes[i].to_ascii_lowercase();
            STILL_TO_CHANGE.iter().any(|w| {
                w.as_bytes()[0] == first
                    && bytes
                        .get(i..i + w.len())
                        .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
            })
        });
    }
    let lower = phrase.to_lowercase();
    STILL_TO_CHANGE.iter().any(|w| lower.contains(w))
}

/// The words of a state expected to change, in lower case (see [`expects_change`]).
const STILL_TO_CHANGE: [&str; 6] =
    ["not yet", "yet to ", "still not", "still has not", "still have not", "still hasn't"];

#[cfg(test)]
mod tests {
    use super::{STILL_TO_CHANGE, expects_change};
    use crate::{Parser, Value};

    /// An answer reads as itself ("false" was yes: it holds no negation word), an undisclosed
    /// state as undisclosed ("not disclosed" was no), and a figure, a hedge or a phrase
    /// without a word is an error (each was yes).
    #[test]
    fn a_yes_no_phrase_reads_as_what_it_says() {
        let p = Parser::default();
        let read = |phrase: &str| p.parse_yes_no(phrase).map(|parsed| parsed.value);
        for (phrase, value) in [
            ("asked for help", Value::YesNo(true)),
            ("has not yet requested", Value::YesNo(false)),
            ("didn't ask", Value::YesNo(false)),
            ("failed to request help", Value::YesNo(false)),
            ("has yet to request help", Value::YesNo(false)),
            ("has so far refrained from requesting", Value::YesNo(false)),
            ("nobody was killed", Value::YesNo(false)),
            ("untrue", Value::YesNo(false)),
            ("requested help in May", Value::YesNo(true)),
            ("ruled out sending troops", Value::YesNo(false)),
            ("stopped short of requesting help", Value::YesNo(false)),
            ("not only requested help but hosted the troops", Value::YesNo(true)),
            ("remains in force", Value::YesNo(true)),
            ("asked for help by the end of the week", Value::YesNo(true)),
            ("asked the CSTO for help to end the unrest", Value::YesNo(true)),
            ("requested troops to stop the riots", Value::YesNo(true)),
            ("troops will remain until the end", Value::YesNo(true)),
            ("yes", Value::YesNo(true)),
            ("True", Value::YesNo(true)),
            ("y", Value::YesNo(true)),
            ("no", Value::YesNo(false)),
            ("false", Value::YesNo(false)),
            ("FALSE", Value::YesNo(false)),
            ("nope", Value::YesNo(false)),
            ("n", Value::YesNo(false)),
            ("not disclosed", Value::Undisclosed),
            ("unknown", Value::Undisclosed),
            ("N/A", Value::Undisclosed),
        ] {
            assert_eq!(read(phrase), Ok(value), "{phrase:?}");
        }
        for (phrase, problem) in [
            ("0", "reads as 0, not as yes or no"),
            ("10", "reads as 10, not as yes or no"),
            ("more than 5", "reads as more than 5, not as yes or no"),
            ("2022-01-05", "reads as 2022-01-05, not as yes or no"),
            ("maybe", "a hedge (\"maybe\") says neither yes nor no"),
            ("?", "holds no word"),
            ("not asked, not", "two negations"),
            // "denied sending troops" is no, "the request was denied" says a request was made.
            ("denied sending troops", "\"denied\" may deny the fact"),
            ("the request was Denied", "\"Denied\" may deny the fact"),
            ("refused to comment", "\"refused\" may deny"),
            ("did not reject the plan", "\"reject\" may deny"),
            ("a refusal to help", "\"refusal\" may deny"),
            ("might request help", "a hedge (\"might\")"),
            ("is considering a request", "a hedge (\"considering\")"),
            ("it is unclear whether help was requested", "a hedge (\"unclear\")"),
            // A word that ends a state: no of the state after it, yes of the state before.
            ("lifted", "\"lifted\" ends a state"),
            ("the curfew Ended on Friday", "\"Ended\" ends a state"),
            ("troops withdrew", "\"withdrew\" ends a state"),
            ("the operation was called off", "\"called\" ends a state"),
            ("troops pulled out", "\"pulled\" ends a state"),
            ("put an end to the curfew", "\"end\" ends a state"),
            ("the government is terminating the state of emergency", "\"terminating\" ends"),
            ("scraps the curfew", "\"scraps\" ends a state"),
        ] {
            let err = read(phrase).expect_err(phrase).to_string();
            assert!(err.contains(problem), "{phrase:?}: {err}");
        }
        // The byte named is the word's, whatever characters come before it.
        for (phrase, at) in [("the request — denied", 16), ("Tokayev’s request was denied", 24)]
        {
            let err = read(phrase).expect_err(phrase).to_string();
            assert!(err.contains(&format!("at byte {at}:")), "{phrase:?}: {err}");
        }
    }

    /// The ASCII path says what the lower-case text says, whatever the case.
    #[test]
    fn expects_change_ignores_case_as_lowering_does() {
        for (phrase, expected) in [
            ("has NOT Yet requested", true),
            ("Is yet to decide", true),
            ("STILL HASN'T", true),
            ("still has  not", false),
            ("not", false),
            ("yet", false),
            ("requested", false),
            ("", false),
            ("Not yet — déjà", true),
            ("déjà vu", false),
        ] {
            let lowered = phrase.to_lowercase();
            assert_eq!(expects_change(phrase), expected, "{phrase:?}");
            assert_eq!(STILL_TO_CHANGE.iter().any(|w| lowered.contains(w)), expected, "{phrase:?}");
        }
    }
}
