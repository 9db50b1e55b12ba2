//! Validated identifiers, names and scores.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Error;

/// `text` with its white space collapsed (runs of it one space, none at the ends) and the
/// characters that show nothing dropped ([`is_invisible`]). How names are compared and stored
/// everywhere: "Reuters", "Reuters " and "Reuters" with a zero-width space pasted from a web
/// page are one name.
pub(crate) fn collapsed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().filter(|&c| !is_invisible(c)) {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Characters that show nothing and mean nothing in a name, dropped from it: the soft hyphen,
/// the zero-width space, the word joiner, the zero-width no-break space (a byte order mark
/// inside text), and the marks that only set the direction of the text around them (left-to-
/// right, right-to-left, Arabic letter mark) or separate Mongolian vowels. The zero-width
/// joiner and non-joiner stay: Persian and Indic names are spelt with them.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2060}'
            | '\u{feff}'
    )
}

/// The bidirectional embeddings, overrides and isolates: they reorder how the text after them
/// shows, so a name holding one does not read as its characters (the "Trojan Source" trick),
/// and is rejected.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What makes two source names one source (one voice): lower case, as "Police" and "police"
/// are one. One definition for the reconciler's voices and the bulk reader's sources.
pub(crate) fn source_key(name: &str) -> String {
    name.to_lowercase()
}

/// `n` in decimal digits: they are the bytes from the returned start to the end.
fn decimal(mut n: u32) -> ([u8; 10], usize) {
    let mut digits = [b'0'; 10];
    let mut start = 10;
    loop {
        start -= 1;
        // A digit: `n % 10` is below 10.
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return (digits, start);
        }
    }
}

/// Whether `text` is already a normalised name of at most `max_chars` characters, as most
/// are: printable ASCII, words one space apart, none at the ends. Such text passes
/// [`normalized_name`] unchanged.
fn is_normalized(text: &str, max_chars: usize) -> bool {
    let bytes = text.as_bytes();
    let ends = bytes.first().zip(bytes.last()).is_some_and(|(&a, &z)| a != b' ' && z != b' ');
    ends && bytes.len() <= max_chars
        && bytes.iter().all(|&b| b == b' ' || b.is_ascii_graphic())
        && !bytes.windows(2).any(|w| w == b"  ")
}

/// [`normalized_name`] of text the caller owns: kept as it is when it is already normalised.
pub(crate) fn normalized_owned(
    what: &str,
    text: String,
    max_chars: usize,
) -> Result<String, Error> {
    if is_normalized(&text, max_chars) { Ok(text) } else { normalized_name(what, &text, max_chars) }
}

/// Trims, collapses inner whitespace, drops invisible characters ([`collapsed`]), and rejects
/// empty, over-long, control-character or direction-overriding text.
pub(crate) fn normalized_name(what: &str, text: &str, max_chars: usize) -> Result<String, Error> {
    if is_normalized(text, max_chars) {
        return Ok(text.to_owned());
    }
    let bad = |problem: &str| Error::InvalidName {
        what: what.to_owned(),
        value: text.chars().take(80).collect(),
        problem: problem.to_owned(),
    };
    if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err(bad("contains control characters"));
    }
    if let Some(c) = text.chars().find(|&c| is_bidi_control(c)) {
        let code = u32::from(c);
        return Err(bad(&format!(
            "contains a bidirectional control character (U+{code:04X}), which reorders how it shows"
        )));
    }
    let joined = collapsed(text);
    if joined.is_empty() {
        return Err(bad("is empty"));
    }
    if joined.chars().count() > max_chars {
        return Err(bad(&format!("is longer than {max_chars} characters")));
    }
    Ok(joined)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        ///
        /// The text is shared: a clone costs a count, not a copy, so an id carried into
        /// groups, ranks and relations is one allocation however often it is named.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(Arc<str>);

        impl $name {
            /// Longest accepted, in characters.
            pub const MAX_CHARS: usize = 200;

            /// Checks an identifier: not empty, at most 200 characters, no control
            /// characters. Surrounding whitespace is trimmed.
            ///
            /// # Errors
            #[doc = concat!("[`Error::InvalidName`] naming the ", $what, " when the text is not acceptable.")]
            pub fn new(text: &str) -> Result<Self, Error> {
                // Most text is normalised already: one allocation, the shared text.
                if is_normalized(text, Self::MAX_CHARS) {
                    return Ok($name(text.into()));
                }
                normalized_name($what, text, Self::MAX_CHARS).map(|t| $name(t.into()))
            }

            /// The identifier's text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            /// [`Self::new`], keeping `s` when it is already normalised.
            fn try_from(s: String) -> Result<Self, Error> {
                normalized_owned($what, s, Self::MAX_CHARS).map(|t| $name(t.into()))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.as_ref().to_owned()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// Identifies one claim within a corpus: `"d2-deaths-164"`.
    ClaimId,
    "claim id"
);
id_type!(
    /// Identifies a source: an outlet ("Sputnik International") or a wire ("RIA Novosti").
    SourceId,
    "source id"
);
impl SourceId {
    /// A name already checked by [`SourceId::new`]'s rules (a table's source, stored as the
    /// bulk reader checked it), without checking it again.
    pub(crate) fn of_checked(text: &str) -> Self {
        SourceId(text.into())
    }
}

impl ClaimId {
    /// The id of a table row's claim, `name:line` as [`Table::read`](crate::Table::read) names
    /// it, where `prefix` is `name:`; just the line where `prefix` cannot begin an id (its
    /// rows `Table::read` rejects: see [`ClaimId::row_prefix`]).
    pub(crate) fn of_row(prefix: &str, line: u32) -> Self {
        // Written on the stack when it fits (a table's result may name millions of rows):
        // for a name already normalised, one allocation, the shared text.
        let mut buffer = [0u8; 128];
        let digits = decimal(line);
        let (digits, to) = (&digits.0[digits.1..], prefix.len() + 10 - digits.1);
        if let Some(out) = buffer.get_mut(..to) {
            out[..prefix.len()].copy_from_slice(prefix.as_bytes());
            out[prefix.len()..].copy_from_slice(digits);
            if let Ok(text) = std::str::from_utf8(out) {
                return ClaimId::new(text).unwrap_or_else(|_| ClaimId::of_line(line));
            }
        }
        let mut text = String::with_capacity(prefix.len() + 10);
        text.push_str(prefix);
        text.push_str(&line.to_string());
        ClaimId::new(&text).unwrap_or_else(|_| ClaimId::of_line(line))
    }

    /// The id of a row whose table name cannot begin an id: its line.
    fn of_line(line: u32) -> Self {
        ClaimId(line.to_string().into())
    }

    /// `name:`, the start of the ids of table `name`'s rows, when every line number after it
    /// makes an id; else empty.
    pub(crate) fn row_prefix(name: &str) -> String {
        let prefix = format!("{name}:");
        let longest = format!("{prefix}{}", u32::MAX);
        if ClaimId::new(&longest).is_ok() { prefix } else { String::new() }
    }
}

id_type!(
    /// Identifies a document (one article).
    DocumentId,
    "document id"
);

/// A reliability or agreement score in `[0, 1]`, never NaN.
///
/// ```
/// use claimrecon::Score;
/// assert_eq!(Score::new(0.75)?.get(), 0.75);
/// assert!(Score::new(1.5).is_err());
/// assert!(Score::new(f64::NAN).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Score(f64);

impl Score {
    /// Checks a score.
    ///
    /// # Errors
    /// [`Error::InvalidScore`] if `x` is NaN or outside `[0, 1]`.
    pub fn new(x: f64) -> Result<Self, Error> {
        if (0.0..=1.0).contains(&x) {
            Ok(Score(x + 0.0))
        } else {
            Err(Error::InvalidScore { value: x.to_string() })
        }
    }

    /// The score nearest `x` in `[0, 1]`; NaN becomes 0. For scores computed from losses
    /// that are in range by construction.
    #[must_use]
    pub fn clamped(x: f64) -> Self {
        if x.is_nan() { Score(0.0) } else { Score(x.clamp(0.0, 1.0) + 0.0) }
    }

    /// The score.
    #[must_use]
    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Score {
    type Error = Error;
    fn try_from(x: f64) -> Result<Self, Error> {
        Score::new(x)
    }
}

impl From<Score> for f64 {
    fn from(s: Score) -> f64 {
        s.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Label;

    #[test]
    fn ids_are_trimmed_and_checked() {
        assert_eq!(ClaimId::new("  c1 ").unwrap().as_str(), "c1");
        assert_eq!(
            ClaimId::new("   ").unwrap_err().to_string(),
            "invalid claim id \"   \": is empty"
        );
        assert_eq!(
            SourceId::new("a\u{0}b").unwrap_err().to_string(),
            "invalid source id \"a\\0b\": contains control characters"
        );
    }

    #[test]
    fn normalised_names_take_the_short_path_and_read_alike() {
        let names =
            ["c1", "a b", " a", "a ", "a  b", "a\tb", "", " ", "é b", "a\u{0}b", "x\u{7f}", "abc"];
        for text in names {
            let slow = if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
                None
            } else {
                Some(collapsed(text)).filter(|c| !c.is_empty() && c.chars().count() <= 3)
            };
            assert_eq!(normalized_name("name", text, 3).ok(), slow, "{text:?}");
            assert_eq!(normalized_owned("name", text.to_owned(), 3).ok(), slow, "{text:?}");
            if is_normalized(text, 3) {
                assert_eq!(slow.as_deref(), Some(text));
            }
        }
        assert_eq!(ClaimId::try_from("  c1 ".to_owned()).unwrap().as_str(), "c1");
    }

    #[test]
    fn characters_that_show_nothing_are_dropped_and_direction_overrides_rejected() {
        let reuters = SourceId::new("Reuters").unwrap();
        for text in [
            "Reuters\u{200b}",
            "\u{feff}Reuters",
            "Reu\u{ad}ters",
            "Reuters\u{200e}",
            "Reu\u{2060}ters",
        ] {
            assert_eq!(SourceId::new(text).unwrap(), reuters, "{text:?}");
            assert_eq!(SourceId::try_from(text.to_owned()).unwrap(), reuters, "{text:?}");
        }
        // Between words a dropped character joins nothing: the space stays one.
        assert_eq!(Label::new("New \u{200b} York").unwrap().as_str(), "New York");
        // The joiners spell Persian and Indic names: kept.
        let persian = "\u{645}\u{6cc}\u{200c}\u{634}\u{648}\u{62f}";
        assert_eq!(Label::new(persian).unwrap().as_str(), persian);
        assert_eq!(
            SourceId::new("\u{200b}").unwrap_err().to_string(),
            "invalid source id \"\\u{200b}\": is empty"
        );
        assert_eq!(
            SourceId::new("Reuters\u{202e}sretueR").unwrap_err().to_string(),
            "invalid source id \"Reuters\\u{202e}sretueR\": contains a bidirectional control character (U+202E), which reorders how it shows"
        );
        assert!(Label::new("a\u{2066}b").is_err());
    }

    #[test]
    fn a_rows_id_is_its_tables_name_and_line() {
        let long = format!("{}:", "t".repeat(150));
        let prefixes = ["", "a.csv:", "my  file.csv:", "tables/é.csv:", long.as_str()];
        for prefix in prefixes {
            for line in [0, 1, 9, 10, 99, 1_000_000, u32::MAX] {
                let text = format!("{prefix}{line}");
                // As the id was made before it was written on the stack.
                let expected =
                    ClaimId::new(&text).unwrap_or_else(|_| ClaimId(line.to_string().into()));
                assert_eq!(ClaimId::of_row(prefix, line), expected, "{text:?}");
            }
        }
        assert_eq!(ClaimId::of_row("a.csv:", 4_294_967_295).as_str(), "a.csv:4294967295");
        assert_eq!(ClaimId::of_row("my  file.csv:", 7).as_str(), "my file.csv:7");
        assert_eq!(decimal(0), (*b"0000000000", 9));
    }

    #[test]
    fn score_rejects_out_of_range() {
        assert_eq!(
            Score::new(-0.1).unwrap_err().to_string(),
            "invalid score -0.1: a score must be a finite number in [0, 1]"
        );
    }
}
