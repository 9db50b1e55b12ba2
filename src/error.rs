//! The crate's one error type.

use crate::unit::Dimension;
use crate::value::ValueKind;

/// Everything that can go wrong in claimrecon.
///
/// Every variant says what was wrong and where: the phrase and byte position for parse
/// errors, the claim and field for claim errors, the offending value for validation errors.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Error {
    /// A phrase could not be read as a value.
    #[error("cannot read {phrase:?} at byte {position}: {problem}")]
    Parse {
        /// The whole phrase as given.
        phrase: String,
        /// Byte offset into `phrase` where reading failed.
        position: usize,
        /// What was expected or what was wrong, in words.
        problem: String,
    },
    /// A number was not finite, was negative, or was outside [`Number`](crate::Number)'s range
    /// (0, and 10^-15 to 10^15). The parser and the table readers give it for text spelled as
    /// a number that is not one claimrecon holds ("NaN", "1e309", "2,000,000,000,000,000").
    #[error("invalid number {value}: {problem}")]
    InvalidNumber {
        /// The number as text: as written, when it was read from text.
        value: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A range whose low end is above its high end, such as "60-50".
    #[error("inverted range: low end {low} is above high end {high}")]
    InvertedRange {
        /// The low end as given.
        low: String,
        /// The high end as given.
        high: String,
    },
    /// An identifier, name or label that is empty, too long or holds control characters.
    #[error("invalid {what} {value:?}: {problem}")]
    InvalidName {
        /// Which kind of name ("claim id", "source id", "label", ...).
        what: String,
        /// The text given.
        value: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A score outside `[0, 1]` or not finite.
    #[error("invalid score {value}: a score must be a finite number in [0, 1]")]
    InvalidScore {
        /// The rejected score, as text (it may be NaN).
        value: String,
    },
    /// A calendar date or time of day that does not exist (Feb 30, 25:00).
    #[error("invalid {what} {value:?}: {problem}")]
    InvalidTime {
        /// "date" or "time of day".
        what: String,
        /// The text given.
        value: String,
        /// What is wrong with it.
        problem: String,
    },
    /// Two amounts of different dimensions (persons against tenge per litre).
    #[error("cannot compare {left} with {right}: different dimensions")]
    DimensionMismatch {
        /// The dimension of the first value.
        left: Dimension,
        /// The dimension of the second value.
        right: Dimension,
    },
    /// Two values of kinds that have no common meaning (a date against a price).
    #[error("cannot compare {left} with {right}")]
    Incomparable {
        /// The kind of the first value.
        left: ValueKind,
        /// The kind of the second value.
        right: ValueKind,
    },
    /// Adding an alias would make names point at each other in a loop.
    #[error("alias {alias:?} -> {canonical:?} would form a cycle")]
    AliasCycle {
        /// The alias being added.
        alias: String,
        /// The name it was to point at.
        canonical: String,
    },
    /// Declaring a place within another would make the hierarchy loop.
    #[error("place {child:?} within {parent:?} would form a cycle")]
    PartOfCycle {
        /// The place declared to lie within.
        child: String,
        /// The place it was to lie within.
        parent: String,
    },
    /// Two claims given to one reconciliation share an id; the later one (by claim order)
    /// is rejected.
    #[error("duplicate claim id {claim:?}")]
    DuplicateClaim {
        /// The repeated id.
        claim: String,
    },
    /// A line of a corpus file could not be used: which file, which line, which field.
    #[error("{file}:{line}: field {field}: {problem}")]
    Corpus {
        /// The corpus file's name, as given to the loader.
        file: String,
        /// The 1-based line number.
        line: usize,
        /// The field that was wrong, or `line` for the line as a whole.
        field: String,
        /// What was wrong.
        problem: String,
    },
    /// A claim could not be built: which claim, which field, and the underlying error.
    #[error("claim {claim:?}, field {field}: {source}")]
    Claim {
        /// The claim's id.
        claim: String,
        /// The field that was wrong (`value`, `as_of`, `subject`, ...).
        field: String,
        /// What was wrong with it.
        source: Box<Error>,
    },
}

impl Error {
    pub(crate) fn parse(phrase: &str, position: usize, problem: impl Into<String>) -> Self {
        // A runaway phrase (a whole file pasted in) is quoted by its start only.
        let phrase = if phrase.len() > 200 {
            let cut = (0..=200).rev().find(|&i| phrase.is_char_boundary(i)).unwrap_or(0);
            format!("{}…", &phrase[..cut])
        } else {
            phrase.to_owned()
        };
        Error::Parse { phrase, position, problem: problem.into() }
    }

    pub(crate) fn in_claim(self, claim: &str, field: &str) -> Self {
        Error::Claim { claim: claim.to_owned(), field: field.to_owned(), source: Box::new(self) }
    }
}
