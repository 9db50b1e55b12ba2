//! Yes/no facts ("yes", "has not yet requested") and the fixed phrases of an undisclosed
//! figure ("not disclosed", "unknown").

use super::lex::Token;
use super::parser::{Grammar, Parsed, Parser, Reading, check_length};
use super::words::UNDISCLOSED;
use crate::Error;
use crate::value::Value;

impl Parser {
    /// Reads a yes/no fact stated in words: "has not yet requested" is no, "asked for help" is
    /// yes. A negation word (not, no, never, n't, without, neither, nor) makes it no; a
    /// double negation is refused as too ambiguous to read.
    ///
    /// ```
    /// use claimrecon::{Parser, Value};
    /// let p = Parser::default();
    /// assert_eq!(p.parse_yes_no("has not yet requested")?.value, Value::YesNo(false));
    /// assert_eq!(p.parse_yes_no("asked for help")?.value, Value::YesNo(true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Parse`] if the phrase is empty or holds more than one negation.
    pub fn parse_yes_no(&self, phrase: &str) -> Result<Parsed, Error> {
        const NEGATIONS: [&str; 7] = ["not", "no", "never", "without", "neither", "nor", "none"];
        check_length(phrase)?;
        let mut negations = Vec::new();
        let mut offset = 0;
        for word in phrase.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
            let start = offset;
            offset += word.len() + 1;
            let lower = word.to_lowercase();
            if NEGATIONS.contains(&lower.as_str())
                || lower.ends_with("n't")
                || lower.ends_with("n’t")
            {
                negations.push(Reading {
                    start,
                    end: start + word.len(),
                    text: word.to_owned(),
                    meaning: "negation: the fact is denied".to_owned(),
                });
            }
        }
        if phrase.trim().is_empty() {
            return Err(Error::parse(phrase, 0, "the phrase is empty"));
        }
        if negations.len() > 1 {
            return Err(Error::parse(
                phrase,
                negations[1].start,
                "two negations: too ambiguous to read as yes or no",
            ));
        }
        let value = Value::YesNo(negations.is_empty());
        let readings = if negations.is_empty() {
            vec![Reading {
                start: 0,
                end: phrase.len(),
                text: phrase.to_owned(),
                meaning: "no negation: the fact is affirmed".to_owned(),
            }]
        } else {
            negations
        };
        Ok(Parsed { value, readings })
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
