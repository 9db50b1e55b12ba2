//! The crate's one error type.

use std::fmt;
use std::io;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::unit::Dimension;
use crate::value::ValueKind;

/// Everything that can go wrong in claimrecon.
///
/// Every variant says what was wrong and where: the phrase and byte position for parse
/// errors, the claim and field for claim errors, the file, line and field for corpus and table
/// errors, the offending value for validation errors.
///
/// # Wrapped errors
///
/// Three variants say where an error happened and keep the error itself, so that a program
/// can match on what went wrong instead of reading words: [`Error::Claim`] (which claim, which
/// field), [`Error::Corpus`] (which file, line and field: a bad phrase there holds its
/// [`Error::Parse`], a bad name its [`Error::InvalidName`]) and [`Error::Parse`] (which phrase,
/// which byte, when the phrase spells something that cannot be, such as 25:00). [`Error::Io`]
/// keeps the reader's [`std::io::Error`] the same way, and [`Error::Json`] `serde_json`'s
/// failure on a corpus line (its kind and where), inside the line's [`Error::Corpus`]. [`Error::inner`] gives the wrapped
/// error, whichever variant wraps it.
///
/// Each of them ends its message with the wrapped error's message, so `{e}` reads whole on its
/// own, and none returns the wrapped error from [`std::error::Error::source`]: a chain printer
/// (anyhow's `{:#}`, a logger walking `source()`) shows each message once. This is jiff's
/// choice, and the rule of the Rust error guidance: show the inner error in the message or
/// return it as the source, never both.
///
/// ```
/// use claimrecon::{Corpus, Error, Parser};
/// let text = r#"
/// {"document": "a", "file": "a.txt", "outlet": "Daily"}
/// {"claim": "x", "document": "a", "quote": "a lot were killed", "phrase": "a lot", "measure": "deaths"}
/// "#;
/// let Err(err) = Corpus::parse("c.jsonl", text, &Parser::default()) else { panic!() };
/// assert_eq!(
///     err.to_string(),
///     "c.jsonl:3: field phrase: cannot read \"a lot\" at byte 0: \
///      expected a number, a date or a time of day, found 'a'"
/// );
/// // Where it went wrong, and what went wrong there, by matching:
/// let Error::Corpus { line, field, error: Some(inner), .. } = &err else { panic!("{err}") };
/// assert_eq!((*line, field.as_str()), (3, "phrase"));
/// assert!(matches!(**inner, Error::Parse { position: 0, .. }));
/// // Or whatever wraps it:
/// assert!(matches!(err.inner(), Some(Error::Parse { .. })));
/// // Printed once: the message holds the inner error, `source()` does not repeat it.
/// assert!(std::error::Error::source(&err).is_none());
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Error {
    /// A phrase could not be read as a value.
    #[error("cannot read {phrase:?} at byte {position}: {}", joined(problem, error.as_deref()))]
    Parse {
        /// The whole phrase as given.
        phrase: String,
        /// Byte offset into `phrase` where reading failed.
        position: usize,
        /// What was expected or what was wrong, in words; with `error`, the words that come
        /// before it, often none.
        problem: String,
        /// Why the value the phrase spells cannot be, when that is the problem: the
        /// [`Error::InvalidTime`] of "25:00", the [`Error::InvalidName`] of an empty category.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<Box<Error>>,
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
    /// A reconciliation was given more claims than it holds; the claims past the limit (by
    /// id) are rejected.
    #[error("claim {claim:?} is past the {limit} claims one reconciliation holds")]
    TooManyClaims {
        /// The rejected claim's id.
        claim: String,
        /// How many claims one reconciliation holds.
        limit: usize,
    },
    /// A table's reconciliation ([`Reconciler::reconcile_table`](crate::Reconciler::reconcile_table)) was given to
    /// [`Reconciler::extend`](crate::Reconciler::extend) or
    /// [`Reconciler::merge`](crate::Reconciler::merge): it holds no claims (a table's rows
    /// stay in its store), so its groups cannot be carried over. Reconcile the table's rows,
    /// read as claims by [`Table::read`](crate::Table::read), with the new claims instead.
    #[error(
        "a table's reconciliation holds no claims, so its {groups} groups cannot be carried into extend or merge: reconcile the table's rows (Table::read) with the new claims"
    )]
    NoClaimsHeld {
        /// How many groups the table's reconciliation held.
        groups: usize,
    },
    /// A line of a corpus file, or a row of a table, could not be used: which file, which
    /// line, which field, and what was wrong there.
    #[error("{file}:{line}: field {field}: {}", joined(problem, error.as_deref()))]
    Corpus {
        /// The corpus file's or table's name, as given to the reader.
        file: String,
        /// The 1-based line number (a table row's first line).
        line: usize,
        /// The field that was wrong, or `line` (a corpus line) or `row` (a table row) for the
        /// whole. A table row's field is the column as the table's header spells it where the
        /// columns were found by their names (`Figure`, for a column named so and read as the
        /// value), else the field it is read as: `source`, `object`, `attribute`, `value`,
        /// `unit` or `as_of`.
        field: String,
        /// What was wrong, in words; with `error`, the words that come before it, often none.
        problem: String,
        /// The error of the field's value, when it is one of the crate's: the
        /// [`Error::Parse`] of a phrase that does not read, the [`Error::InvalidName`] of a
        /// bad id or label, the [`Error::InvalidTime`] of a date past the calendar, the
        /// [`Error::AliasCycle`] of an alias line, the [`Error::Json`] of a line or field that
        /// is not the JSON it should be.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<Box<Error>>,
    },
    /// A claim could not be built: which claim, which field, and the error of that field.
    #[error("claim {claim:?}, field {field}: {error}")]
    Claim {
        /// The claim's id.
        claim: String,
        /// The field that was wrong (`value`, `published`, ...).
        field: String,
        /// What was wrong with it.
        #[serde(alias = "source")]
        error: Box<Error>,
    },
    /// The reader of a table failed ([`Table::read`](crate::Table::read),
    /// [`Table::read_bulk`](crate::Table::read_bulk)): which table, at which line, and the
    /// reader's [`std::io::Error`], whose [`kind`](IoError::kind) says what happened.
    #[error("{file}:{line}: reading failed: {error}")]
    Io {
        /// The table's name, as given to the reader.
        file: String,
        /// The 1-based line being read when the reader failed.
        line: usize,
        /// The reader's error.
        error: IoError,
    },
    /// A corpus line, or a field of one, that is not the JSON it should be, as `serde_json`
    /// found it: what kind of failure, where in the line, and its words for it.
    /// [`Error::Corpus`] wraps it with the file, line and field.
    ///
    /// ```
    /// use claimrecon::{Corpus, Error, JsonProblem, Parser};
    /// let text = r#"{"document": "a", "file": "a.txt", "outlet": "Daily"}
    /// {"claim": "x", "document": "a", "quote": "5", "phrase": 5, "measure": "deaths"}"#;
    /// let err = Corpus::parse("c.jsonl", text, &Parser::default()).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "c.jsonl:2: field phrase: invalid type: integer `5`, expected a string"
    /// );
    /// let Some(Error::Json { problem, column, .. }) = err.inner() else { panic!("{err:?}") };
    /// assert_eq!((*problem, *column), (JsonProblem::Data, 57));
    /// ```
    #[error("{message}")]
    Json {
        /// What kind of failure it was.
        problem: JsonProblem,
        /// The 1-based byte of the line where `serde_json` stopped (after the value it could
        /// not use, for a value of the wrong type); 0 where it gives none.
        column: usize,
        /// `serde_json`'s words, without the position it appends.
        message: String,
    },
}

/// What kind of failure an [`Error::Json`] is, after `serde_json`'s categories (a line read
/// from text never fails to be read, so there is no I/O kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum JsonProblem {
    /// Text that is not JSON: a missing quote or brace, a stray character.
    Syntax,
    /// JSON of the wrong shape: a field missing, unknown or repeated, a value of the wrong
    /// type, an unknown name (a measure, a population).
    Data,
    /// The line ended inside a value.
    Eof,
}

impl Error {
    /// The error this one wraps: the inner error of [`Error::Claim`], and of
    /// [`Error::Corpus`] and [`Error::Parse`] when they have one; `None` for the others.
    ///
    /// ```
    /// use claimrecon::{Error, Parser};
    /// let err = Parser::default().parse("25:00").unwrap_err();
    /// assert!(matches!(err, Error::Parse { position: 0, .. }));
    /// assert!(matches!(err.inner(), Some(Error::InvalidTime { .. })));
    /// ```
    #[must_use]
    pub fn inner(&self) -> Option<&Error> {
        match self {
            Error::Claim { error, .. } => Some(error),
            Error::Corpus { error, .. } | Error::Parse { error, .. } => error.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn parse(phrase: &str, position: usize, problem: impl Into<String>) -> Self {
        Error::Parse { phrase: quoted(phrase), position, problem: problem.into(), error: None }
    }

    /// This error, as the reason `phrase` cannot be read at `position`.
    pub(crate) fn in_phrase(self, phrase: &str, position: usize) -> Self {
        self.in_phrase_after(phrase, position, "")
    }

    /// This error, after `words`, as the reason `phrase` cannot be read at `position`.
    pub(crate) fn in_phrase_after(self, phrase: &str, position: usize, words: &str) -> Self {
        Error::Parse {
            phrase: quoted(phrase),
            position,
            problem: words.to_owned(),
            error: Some(Box::new(self)),
        }
    }

    pub(crate) fn in_claim(self, claim: &str, field: &str) -> Self {
        Error::Claim { claim: claim.to_owned(), field: field.to_owned(), error: Box::new(self) }
    }

    /// A problem in words with a line of `file`.
    pub(crate) fn line(file: &str, line: usize, field: &str, problem: impl Into<String>) -> Self {
        Error::Corpus {
            file: file.to_owned(),
            line,
            field: field.to_owned(),
            problem: problem.into(),
            error: None,
        }
    }

    /// This error, in `field` on a line of `file`.
    pub(crate) fn in_line(self, file: &str, line: usize, field: &str) -> Self {
        self.in_line_after(file, line, field, String::new())
    }

    /// This error, after `words`, in `field` on a line of `file`.
    pub(crate) fn in_line_after(
        self,
        file: &str,
        line: usize,
        field: &str,
        words: impl Into<String>,
    ) -> Self {
        Error::Corpus {
            file: file.to_owned(),
            line,
            field: field.to_owned(),
            problem: words.into(),
            error: Some(Box::new(self)),
        }
    }

    /// `serde_json`'s error, without the position it appends to its words (the line is the
    /// corpus's, and [`Error::Json::column`] keeps where: `lead` bytes after where
    /// `serde_json` counted from, the white space before the text it was given).
    pub(crate) fn json(error: &serde_json::Error, lead: usize) -> Self {
        let problem = match error.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                JsonProblem::Syntax
            }
            serde_json::error::Category::Data => JsonProblem::Data,
            serde_json::error::Category::Eof => JsonProblem::Eof,
        };
        let message = error.to_string();
        let message = match message.rfind(" at line ") {
            Some(at) if error.line() > 0 => message[..at].to_owned(),
            _ => message,
        };
        let column = match error.column() {
            0 => 0,
            column => column + lead,
        };
        Error::Json { problem, column, message }
    }

    /// The failure of a table's reader at `line`.
    pub(crate) fn io(file: &str, line: u64, error: io::Error) -> Self {
        Error::Io { file: file.to_owned(), line: line as usize, error: IoError::from(error) }
    }
}

/// A phrase as an error quotes it: a runaway phrase (a whole file pasted in) by its start.
fn quoted(phrase: &str) -> String {
    if phrase.len() > 200 {
        let cut = (0..=200).rev().find(|&i| phrase.is_char_boundary(i)).unwrap_or(0);
        format!("{}…", &phrase[..cut])
    } else {
        phrase.to_owned()
    }
}

/// The words of a problem, then the error they lead to: "words: error", or either alone.
fn joined<'a>(words: &'a str, error: Option<&'a Error>) -> impl fmt::Display + 'a {
    struct Joined<'a>(&'a str, Option<&'a Error>);
    impl fmt::Display for Joined<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match (self.0, self.1) {
                (words, None) => f.write_str(words),
                ("", Some(error)) => write!(f, "{error}"),
                (words, Some(error)) => write!(f, "{words}: {error}"),
            }
        }
    }
    Joined(words, error)
}

/// The [`std::io::Error`] of a failed reader, as [`Error::Io`] holds it.
///
/// `std::io::Error` is neither `Clone` nor `PartialEq` nor serde's, and [`Error`] is all
/// three (a [`Reconciliation`](crate::Reconciliation) holds errors and is saved as JSON). So
/// the error is shared behind an [`Arc`] (a clone is the same error), two are equal when they
/// have the same [`kind`](IoError::kind) and message, and it is serialised as its kind's name
/// and its message (`{"kind": "PermissionDenied", "message": "..."}`), read back as an
/// `io::Error` of that kind with that message, equal to the one written. The original error
/// is [`get_ref`](IoError::get_ref).
///
/// ```
/// use std::io::{Error, ErrorKind};
/// use claimrecon::IoError;
/// let e = IoError::from(Error::new(ErrorKind::PermissionDenied, "no access"));
/// assert_eq!(e.kind(), ErrorKind::PermissionDenied);
/// assert_eq!(e.to_string(), "no access");
/// let json = serde_json::to_string(&e)?;
/// assert_eq!(json, r#"{"kind":"PermissionDenied","message":"no access"}"#);
/// assert_eq!(serde_json::from_str::<IoError>(&json)?, e);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct IoError(Arc<io::Error>);

impl IoError {
    /// What kind of failure it was.
    #[must_use]
    pub fn kind(&self) -> io::ErrorKind {
        self.0.kind()
    }

    /// The reader's error itself (for its OS error code, or the error inside a custom one).
    #[must_use]
    pub fn get_ref(&self) -> &io::Error {
        &self.0
    }
}

impl From<io::Error> for IoError {
    fn from(error: io::Error) -> Self {
        IoError(Arc::new(error))
    }
}

impl AsRef<io::Error> for IoError {
    fn as_ref(&self) -> &io::Error {
        &self.0
    }
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Same kind, same message: two reads failing alike are equal, as parse errors are.
impl PartialEq for IoError {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
            || (self.kind() == other.kind() && self.0.to_string() == other.0.to_string())
    }
}

/// The serialised form of an [`IoError`].
#[derive(Serialize, Deserialize)]
struct IoErrorText {
    kind: String,
    message: String,
}

impl Serialize for IoError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        IoErrorText { kind: format!("{:?}", self.kind()), message: self.0.to_string() }
            .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for IoError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let IoErrorText { kind, message } = IoErrorText::deserialize(deserializer)?;
        Ok(IoError::from(io::Error::new(kind_named(&kind), message)))
    }
}

/// The kinds of I/O error with a stable name, as of the crate's `rust-version`.
const KINDS: &[io::ErrorKind] = {
    use io::ErrorKind as K;
    &[
        K::NotFound,
        K::PermissionDenied,
        K::ConnectionRefused,
        K::ConnectionReset,
        K::HostUnreachable,
        K::NetworkUnreachable,
        K::ConnectionAborted,
        K::NotConnected,
        K::AddrInUse,
        K::AddrNotAvailable,
        K::NetworkDown,
        K::BrokenPipe,
        K::AlreadyExists,
        K::WouldBlock,
        K::NotADirectory,
        K::IsADirectory,
        K::DirectoryNotEmpty,
        K::ReadOnlyFilesystem,
        K::StaleNetworkFileHandle,
        K::InvalidInput,
        K::InvalidData,
        K::TimedOut,
        K::WriteZero,
        K::StorageFull,
        K::NotSeekable,
        K::QuotaExceeded,
        K::FileTooLarge,
        K::ResourceBusy,
        K::ExecutableFileBusy,
        K::Deadlock,
        K::CrossesDevices,
        K::TooManyLinks,
        K::ArgumentListTooLong,
        K::Interrupted,
        K::Unsupported,
        K::UnexpectedEof,
        K::OutOfMemory,
        K::Other,
    ]
};

/// The error kind whose `Debug` name is `name`; [`io::ErrorKind::Other`] for a name this
/// build does not know (a kind added to std later, or one without a stable name).
fn kind_named(name: &str) -> io::ErrorKind {
    KINDS.iter().copied().find(|k| format!("{k:?}") == name).unwrap_or(io::ErrorKind::Other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Label, Parser};

    /// One error of each variant, wrapped ones with an inner error, as the crate builds them.
    fn one_of_each() -> Vec<Error> {
        let parse = Parser::default().parse("more than").unwrap_err();
        let label = Label::new("").unwrap_err();
        let io = io::Error::new(io::ErrorKind::PermissionDenied, "no access");
        vec![
            parse.clone(),
            Parser::default().parse("25:00").unwrap_err(),
            crate::Number::new(-3.0).unwrap_err(),
            Error::InvertedRange { low: "60".to_owned(), high: "50".to_owned() },
            label.clone(),
            crate::Score::new(2.0).unwrap_err(),
            crate::DateValue::year(10_000).unwrap_err(),
            Error::DimensionMismatch { left: Dimension::Count, right: Dimension::Mass },
            Error::Incomparable { left: ValueKind::Date, right: ValueKind::Amount },
            Error::AliasCycle { alias: "a".to_owned(), canonical: "b".to_owned() },
            Error::PartOfCycle { child: "a".to_owned(), parent: "b".to_owned() },
            Error::DuplicateClaim { claim: "x".to_owned() },
            Error::line("c.jsonl", 2, "phrase", "\"6\" does not occur in the quote"),
            parse.clone().in_line("c.jsonl", 2, "phrase"),
            label.in_line_after("c.jsonl", 3, "as_of", "the time of day after the date"),
            parse.in_claim("x", "value"),
            Error::io("t.csv", 7, io),
            Error::TooManyClaims { claim: "x".to_owned(), limit: 1 << 30 },
            Error::NoClaimsHeld { groups: 2 },
            Error::json(&serde_json::from_str::<u8>("\"x\"").unwrap_err(), 0),
        ]
    }

    /// Which variant: a match without a wildcard, so a new variant fails to compile here
    /// until it has a sample above.
    fn variant(e: &Error) -> usize {
        match e {
            Error::Parse { .. } => 0,
            Error::InvalidNumber { .. } => 1,
            Error::InvertedRange { .. } => 2,
            Error::InvalidName { .. } => 3,
            Error::InvalidScore { .. } => 4,
            Error::InvalidTime { .. } => 5,
            Error::DimensionMismatch { .. } => 6,
            Error::Incomparable { .. } => 7,
            Error::AliasCycle { .. } => 8,
            Error::PartOfCycle { .. } => 9,
            Error::DuplicateClaim { .. } => 10,
            Error::Corpus { .. } => 11,
            Error::Claim { .. } => 12,
            Error::Io { .. } => 13,
            Error::TooManyClaims { .. } => 14,
            Error::NoClaimsHeld { .. } => 15,
            Error::Json { .. } => 16,
        }
    }

    #[test]
    fn every_variant_prints_its_inner_error_once() {
        let samples = one_of_each();
        let mut seen: Vec<usize> = samples.iter().map(variant).collect();
        seen.dedup();
        assert_eq!(seen, (0..17).collect::<Vec<_>>());
        for e in &samples {
            // Down the `source()` chain, no message holds its source's message.
            let mut at: &dyn std::error::Error = e;
            while let Some(source) = at.source() {
                let (message, inner) = (at.to_string(), source.to_string());
                assert!(!message.contains(&inner), "{message:?} repeats its source {inner:?}");
                at = source;
            }
            // A wrapped error is in the message, so `{e}` reads whole.
            if let Some(inner) = e.inner() {
                assert!(e.to_string().ends_with(&format!(": {inner}")), "{e}");
            }
        }
    }

    #[test]
    fn wrapped_errors_read_as_their_text_did() {
        let parse = Parser::default().parse("more than").unwrap_err();
        let words = "cannot read \"more than\" at byte 9: expected a number after 'more than'";
        assert_eq!(
            parse.clone().in_line("c.jsonl", 2, "phrase").to_string(),
            format!("c.jsonl:2: field phrase: {words}")
        );
        assert_eq!(
            parse.clone().in_line_after("c.jsonl", 2, "as_of", "\"x\": after").to_string(),
            format!("c.jsonl:2: field as_of: \"x\": after: {words}")
        );
        assert_eq!(
            parse.in_claim("x", "value").to_string(),
            format!("claim \"x\", field value: {words}")
        );
        let label = Label::new("").unwrap_err();
        assert_eq!(
            label.in_phrase_after("a, ", 3, "set item").to_string(),
            "cannot read \"a, \" at byte 3: set item: invalid label \"\": is empty"
        );
    }

    #[test]
    fn an_io_error_is_equal_to_itself_after_serde_and_clone() {
        let e = Error::io("t.csv", 3, io::Error::new(io::ErrorKind::PermissionDenied, "no"));
        assert_eq!(e.to_string(), "t.csv:3: reading failed: no");
        assert_eq!(e.clone(), e);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<Error>(&json).unwrap(), e);
        let other = Error::io("t.csv", 3, io::Error::new(io::ErrorKind::NotFound, "no"));
        assert_ne!(other, e);
    }

    #[test]
    fn io_error_kinds_read_back_by_name() {
        for &kind in KINDS {
            assert_eq!(kind_named(&format!("{kind:?}")), kind);
        }
        assert_eq!(kind_named("NoSuchKind"), io::ErrorKind::Other);
    }

    #[test]
    fn a_claim_error_written_before_the_rename_still_reads() {
        let old = r#"{"Claim": {"claim": "x", "field": "value", "source": {"DuplicateClaim": {"claim": "y"}}}}"#;
        let e: Error = serde_json::from_str(old).unwrap();
        assert!(matches!(e.inner(), Some(Error::DuplicateClaim { .. })));
        let leaf = r#"{"Corpus": {"file": "c", "line": 1, "field": "line", "problem": "bad"}}"#;
        assert_eq!(
            serde_json::from_str::<Error>(leaf).unwrap(),
            Error::line("c", 1, "line", "bad")
        );
    }
}
