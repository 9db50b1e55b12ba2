//! Validated identifiers, names and scores.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use unicode_normalization::{IsNormalized, UnicodeNormalization};

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

/// Trims, collapses inner whitespace, drops invisible characters ([`collapsed`]), composes
/// characters written decomposed (Unicode's NFC), and rejects
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
    let mut joined = collapsed(text);
    // One name written composed ("é") or decomposed ("e" and a combining acute) is one name,
    // shown composed (Unicode's NFC: the two are canonically equivalent, and look alike).
    if unicode_normalization::is_nfc_quick(joined.chars()) != IsNormalized::Yes {
        joined = joined.nfc().collect();
    }
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

/// Identifies one claim within a corpus: `"d2-deaths-164"`.
///
/// An id compares, orders, hashes and prints as its text, however it is held: a short text
/// (up to 14 bytes) in the id itself, with no allocation; a longer id of a table's row, as a
/// table's result names it ([`Reconciler::reconcile_table`](crate::Reconciler::reconcile_table):
/// `name:line`, as [`Table::read`](crate::Table::read) names the row's claim), as its line and
/// the table's `name:`, one text that the rows of a variable share, so a result naming
/// millions of rows holds no text a row; any other text shared, so a clone costs a count, not
/// a copy. Either way the id is 16 bytes.
///
/// ```
/// use claimrecon::ClaimId;
/// let id = ClaimId::new("  d2-deaths-164 ")?;
/// assert_eq!(id.as_str(), "d2-deaths-164");
/// assert_eq!(id.to_string(), "d2-deaths-164");
/// assert!(ClaimId::new("a")? < ClaimId::new("b")?);
/// # Ok::<(), claimrecon::Error>(())
/// ```
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClaimId(IdText);

/// How a [`ClaimId`] holds its text.
#[derive(Clone)]
enum IdText {
    /// The first `len` bytes of `bytes` (whole UTF-8: a `str` copied whole).
    Inline { len: u8, bytes: [u8; INLINE] },
    /// A table row's: `table` (its name and `:`, normalised, ending in `:`) then `line` in
    /// decimal digits.
    Row { table: Arc<String>, line: u32 },
    /// (A `String` in the count, not a `str`: a pointer, not two words, keeps the id at 16
    /// bytes.)
    Shared(Arc<String>),
}

/// The longest text a [`ClaimId`] holds in itself, in bytes: it is then as large as one that
/// points at its text (16 bytes).
const INLINE: usize = 14;

impl IdText {
    fn of(text: &str) -> Self {
        let mut bytes = [0; INLINE];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(into), Ok(len)) => {
                into.copy_from_slice(text.as_bytes());
                IdText::Inline { len, bytes }
            }
            _ => IdText::Shared(Arc::new(text.to_owned())),
        }
    }

    /// The text's bytes: all of them, or for a row its table's, which its line's digits
    /// follow.
    fn head(&self) -> &[u8] {
        match self {
            IdText::Inline { len, bytes } => &bytes[..usize::from(*len)],
            IdText::Row { table, .. } => table.as_bytes(),
            IdText::Shared(text) => text.as_bytes(),
        }
    }

    /// The digits after [`IdText::head`]: a row's line; none for the others.
    fn tail(&self) -> Digits {
        match self {
            IdText::Row { line, .. } => Digits(decimal(*line)),
            _ => Digits(([0; 10], 10)),
        }
    }
}

/// `head` then `tail` written at the start of `into`, when they fit: the bytes written.
fn joined<'b>(head: &[u8], tail: &[u8], into: &'b mut [u8]) -> Option<&'b mut [u8]> {
    let out = into.get_mut(..head.len() + tail.len())?;
    out[..head.len()].copy_from_slice(head);
    out[head.len()..].copy_from_slice(tail);
    Some(out)
}

/// A line's decimal digits, as [`decimal`] writes them.
struct Digits(([u8; 10], usize));

impl Digits {
    fn bytes(&self) -> &[u8] {
        &self.0.0[self.0.1..]
    }
}

impl ClaimId {
    /// Longest accepted, in characters.
    pub const MAX_CHARS: usize = 200;

    /// Checks an identifier: not empty, at most 200 characters, no control characters.
    /// Surrounding whitespace is trimmed.
    ///
    /// # Errors
    /// [`Error::InvalidName`] naming the claim id when the text is not acceptable.
    pub fn new(text: &str) -> Result<Self, Error> {
        if is_normalized(text, Self::MAX_CHARS) {
            return Ok(ClaimId(IdText::of(text)));
        }
        normalized_name("claim id", text, Self::MAX_CHARS).map(|t| ClaimId(IdText::of(&t)))
    }

    /// The identifier's text: borrowed, but for a long id of a table's row held as the
    /// table's name and the line (see [`ClaimId`]), which is written out.
    #[must_use]
    pub fn as_str(&self) -> Cow<'_, str> {
        match &self.0 {
            // Whole UTF-8 (see `IdText::Inline`), so this never falls back.
            IdText::Inline { len, bytes } => {
                Cow::Borrowed(std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default())
            }
            IdText::Row { .. } => Cow::Owned(self.to_string()),
            IdText::Shared(text) => Cow::Borrowed(text.as_str()),
        }
    }

    /// The id of a table row's claim, `name:line` as [`Table::read`](crate::Table::read) names
    /// it, where `prefix` is `name:` as [`ClaimId::row_prefix`] gives it; just the line where
    /// that is empty (a name that cannot begin an id, whose rows `Table::read` rejects).
    pub(crate) fn of_row(prefix: &Arc<String>, line: u32) -> Self {
        // Two rows' ids are equal when their names and lines are (`PartialEq`): a name that
        // ends in `:`, which no digit is, splits an id's text one way only.
        debug_assert!(prefix.is_empty() || prefix.ends_with(':'), "{prefix:?}");
        let mut bytes = [0; INLINE];
        let digits = Digits(decimal(line));
        let len = joined(prefix.as_bytes(), digits.bytes(), &mut bytes).map(|out| out.len());
        match len.and_then(|len| u8::try_from(len).ok()) {
            // Short: in the id, as `new` holds it.
            Some(len) => ClaimId(IdText::Inline { len, bytes }),
            None => ClaimId(IdText::Row { table: Arc::clone(prefix), line }),
        }
    }

    /// `name:`, the start of the ids of table `name`'s rows, normalised as [`ClaimId::new`]
    /// normalises the ids (`name:` then any line is one), when every line number after it
    /// makes an id; else empty.
    pub(crate) fn row_prefix(name: &str) -> Arc<String> {
        let most = u32::MAX.to_string();
        // The digits at the end of a normalised id are kept as they are: what comes before
        // them is the normalised start of every row's id.
        let longest = ClaimId::new(&format!("{name}:{most}"));
        let prefix = longest.ok().and_then(|id| {
            id.as_str().strip_suffix(most.as_str()).filter(|p| p.ends_with(':')).map(str::to_owned)
        });
        Arc::new(prefix.unwrap_or_default())
    }

    /// The text of the id of row `line` of a table whose rows' ids start with `prefix` (see
    /// [`ClaimId::row_prefix`]): what a rejected row is named by, the id its claim would have
    /// had, for any line (a row past the lines an id holds is rejected, and named so too).
    pub(crate) fn row_text(prefix: &str, line: u64) -> String {
        RowText { prefix, line }.to_string()
    }

    /// Whether two ids' texts are equal, or how they order, byte by byte (as `str`s do).
    fn cmp_text(&self, other: &Self) -> std::cmp::Ordering {
        match (&self.0, &other.0) {
            // Rows of one table order as their lines' texts.
            (IdText::Row { table: a, line: x }, IdText::Row { table: b, line: y }) if a == b => {
                line_key(*x).cmp(&line_key(*y))
            }
            (IdText::Row { .. }, _) | (_, IdText::Row { .. }) => {
                let (a, b) = ((self.0.head(), self.0.tail()), (other.0.head(), other.0.tail()));
                a.0.iter().chain(a.1.bytes()).cmp(b.0.iter().chain(b.1.bytes()))
            }
            (a, b) => a.head().cmp(b.head()),
        }
    }
}

impl PartialEq for ClaimId {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (IdText::Row { table: a, line: x }, IdText::Row { table: b, line: y }) => {
                x == y && a == b
            }
            (IdText::Row { .. }, _) | (_, IdText::Row { .. }) => {
                self.cmp_text(other) == std::cmp::Ordering::Equal
            }
            (a, b) => a.head() == b.head(),
        }
    }
}

impl Eq for ClaimId {}

/// An id equals a text when its text is that text: `id == "d2-deaths-164"`, and
/// `"d2-deaths-164" == id`.
impl PartialEq<str> for ClaimId {
    fn eq(&self, other: &str) -> bool {
        let (head, tail) = (self.0.head(), self.0.tail());
        head.len() + tail.bytes().len() == other.len()
            && head.iter().chain(tail.bytes()).eq(other.as_bytes())
    }
}

impl PartialEq<&str> for ClaimId {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<ClaimId> for str {
    fn eq(&self, other: &ClaimId) -> bool {
        *other == *self
    }
}

impl PartialEq<ClaimId> for &str {
    fn eq(&self, other: &ClaimId) -> bool {
        *other == **self
    }
}

impl PartialOrd for ClaimId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ClaimId {
    /// As the texts order, byte by byte (UTF-8 keeps the order of the characters).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.cmp_text(other)
    }
}

impl std::hash::Hash for ClaimId {
    /// As its text hashes as a `str`, however it is held (a row's written on the stack where
    /// it fits).
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        if let IdText::Row { table, line } = &self.0 {
            let mut buffer = [0u8; 64];
            let digits = Digits(decimal(*line));
            let written = joined(table.as_bytes(), digits.bytes(), &mut buffer);
            if let Some(text) = written.and_then(|out| std::str::from_utf8(out).ok()) {
                return text.hash(state);
            }
        }
        self.as_str().hash(state);
    }
}

impl TryFrom<String> for ClaimId {
    type Error = Error;
    /// [`Self::new`].
    fn try_from(s: String) -> Result<Self, Error> {
        normalized_owned("claim id", s, Self::MAX_CHARS).map(|t| ClaimId(IdText::of(&t)))
    }
}

impl From<ClaimId> for String {
    fn from(id: ClaimId) -> String {
        id.as_str().into_owned()
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            IdText::Row { table, line } => RowText { prefix: table, line: u64::from(*line) }.fmt(f),
            _ => f.write_str(&self.as_str()),
        }
    }
}

/// A row's line as a number that orders as its decimal text does, and so as the row's claim
/// id (`file:line`, see [`Table::read`](crate::Table::read)): its digits padded with zeros to ten places (a `u32`
/// has at most ten digits), then how many digits it has, so a text that is a prefix of another,
/// with zeros after it, comes first. It costs a multiplication and a lookup, so the scoring
/// state computes it for an epoch's figures as it sorts them rather than keep a key for each
/// row.
pub(crate) fn line_key(line: u32) -> u64 {
    /// By a line's number of digits, the power of ten that pads it to ten.
    const PAD: [u64; 11] =
        [0, 1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
    let digits = line.checked_ilog10().unwrap_or(0) + 1;
    (u64::from(line) * PAD[digits as usize]) << 4 | u64::from(digits)
}

/// A table row's id as text: its table's prefix (see [`ClaimId::row_prefix`]) then the line's
/// digits. One definition for a row's id held as its table and line, and for the name of a
/// rejected row ([`ClaimId::row_text`]), whose line may be past those an id holds.
struct RowText<'a> {
    prefix: &'a str,
    line: u64,
}

impl fmt::Display for RowText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.prefix, self.line)
    }
}

impl fmt::Debug for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ClaimId").field(&self.as_str()).finish()
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

    /// The id `Table::read` gives row `line` of table `name`: `name:line` as `ClaimId::new`
    /// reads it, or just the line where `name` cannot begin an id.
    fn read_id(name: &str, line: u32) -> ClaimId {
        ClaimId::new(&format!("{name}:{line}"))
            .ok()
            .filter(|_| ClaimId::new(&format!("{name}:{}", u32::MAX)).is_ok())
            .unwrap_or_else(|| ClaimId::new(&line.to_string()).unwrap())
    }

    fn hash_of(id: &ClaimId) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault};
        BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(id)
    }

    /// A row's id, held in itself, or as its table's name and its line, is the id of its text:
    /// equal to it, hashed, printed and ordered as it is.
    fn assert_read_alike(name: &str, line: u32) {
        let id = ClaimId::of_row(&ClaimId::row_prefix(name), line);
        let text = read_id(name, line);
        assert_eq!(id, text, "{name:?} {line}");
        assert_eq!((id.as_str(), id.to_string()), (text.as_str(), text.to_string()));
        assert_eq!(hash_of(&id), hash_of(&text), "{name:?} {line}");
        assert_eq!(format!("{id:?}"), format!("{text:?}"));
        let (longer, shorter) =
            (format!("{text}0"), text.as_str().chars().skip(1).collect::<String>());
        assert!(id == *text.as_str() && id != longer.as_str() && id != shorter.as_str());
        // And the other way round.
        assert!(*text.as_str() == id && longer.as_str() != id && shorter.as_str() != id);
        assert_eq!(serde_json::to_string(&id).unwrap(), serde_json::to_string(&text).unwrap());
    }

    #[test]
    fn a_rows_id_is_its_tables_name_and_line() {
        let long = "t".repeat(150);
        let names =
            ["a.csv", "my  file.csv", " tables/é.csv", "x\u{200b}y", &long, "", "a\u{202e}b"];
        for name in names {
            for line in [0, 1, 9, 10, 99, 1_000_000, u32::MAX] {
                assert_read_alike(name, line);
            }
        }
        let id = |name: &str, line| ClaimId::of_row(&ClaimId::row_prefix(name), line);
        assert_eq!(id("a.csv", 4_294_967_295).as_str(), "a.csv:4294967295");
        assert_eq!(id("my  file.csv", 7).as_str(), "my file.csv:7");
        // A name no id can begin with: its rows' ids are their lines.
        assert_eq!(id("a\u{202e}b", 7).as_str(), "7");
        // Held as the name and the line (longer than an id holds in itself), and in itself.
        assert!(matches!(id(&long, 7).0, IdText::Row { .. }));
        assert!(matches!(id("a.csv", 7).0, IdText::Inline { .. }));
        assert_eq!(decimal(0), (*b"0000000000", 9));
    }

    proptest::proptest! {
        /// Rows' ids (of one table or two, each held in itself or as its table's name and its
        /// line, by its length) and ids of any text order as their texts do.
        #[test]
        fn ids_order_as_their_texts_however_held(
            names in proptest::collection::vec("[a-c:/ é]{0,30}", 2),
            lines in proptest::collection::vec(proptest::prelude::any::<u32>(), 4),
            others in proptest::collection::vec("[a-c:0-9é]{1,40}", 2),
        ) {
            let mut ids = Vec::new();
            for (k, &line) in lines.iter().enumerate() {
                let name = &names[k % 2];
                assert_read_alike(name, line);
                // A line and a tenth of it: one row's text is often the start of another's.
                ids.push(ClaimId::of_row(&ClaimId::row_prefix(name), line));
                ids.push(ClaimId::of_row(&ClaimId::row_prefix(name), line / 10));
            }
            ids.extend(others.iter().filter_map(|t| ClaimId::new(t).ok()));
            for a in &ids {
                for b in &ids {
                    let texts = a.as_str().cmp(&b.as_str());
                    proptest::prop_assert_eq!(a.cmp(b), texts, "{:?} {:?}", a, b);
                    proptest::prop_assert_eq!(a == b, texts.is_eq());
                }
            }
        }
    }

    #[test]
    fn score_rejects_out_of_range() {
        assert_eq!(
            Score::new(-0.1).unwrap_err().to_string(),
            "invalid score -0.1: a score must be a finite number in [0, 1]"
        );
    }
}
