//! A corpus: documents and annotated claims, in a JSON Lines format people can write by hand.
//!
//! The loader reads text it is given; reading files is the caller's business, so the library
//! stays free of I/O. The format is documented in the README ("Corpus format").

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::claim::{AsOfTime, Claim};
use crate::id::{ClaimId, DocumentId, SourceId};
use crate::parse::Parser;
use crate::provenance::Provenance;
use crate::reconcile::{Reconciler, Reconciliation, Rejected};
use crate::subject::{Aliases, Measure, Nature, Places, Population, Subject};
use crate::value::{Label, Value, read_day};

/// One article of a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The document's id, which claims cite.
    pub id: DocumentId,
    /// The article's file name, relative to the corpus file.
    pub file: String,
    /// The outlet that published it.
    pub outlet: SourceId,
    /// The publication date, when the text supports one.
    pub published: Option<NaiveDate>,
    /// The words in the text that show the date, or how it was inferred.
    pub published_evidence: Option<String>,
    /// The wire the article relays, if any.
    pub relayed_via: Option<SourceId>,
    /// The outlet's owner, if known.
    pub owner: Option<Label>,
}

/// What the annotation said beyond the claim itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Annotation {
    /// The line of the corpus file the claim is on.
    pub line: usize,
    /// The words that show the claim's as-of date, if given.
    pub as_of_evidence: Option<String>,
}

/// Documents and claims, loaded from a corpus file, with the names the file declares: its
/// aliases ([`Corpus::aliases`]), places ([`Corpus::places`]) and owners. Reconcile it with
/// [`Corpus::reconcile`], or [`Corpus::reconciler`] for a reconciler that knows them all.
///
/// ```
/// use claimrecon::{Corpus, Parser};
/// let text = r#"
/// {"document": "a", "file": "a.txt", "outlet": "Daily", "published": "2022-01-10"}
/// {"claim": "a-deaths", "document": "a", "quote": "164 people were killed", "phrase": "164", "measure": "deaths"}
/// "#;
/// let corpus = Corpus::parse("corpus.jsonl", text, &Parser::default())?;
/// assert_eq!(corpus.claims.len(), 1);
/// assert_eq!(corpus.claims[0].value().to_string(), "164");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// The corpus file's name, as given.
    pub name: String,
    /// The documents, in file order.
    pub documents: Vec<Document>,
    /// Owners declared for sources that are not outlets of a document (wires).
    pub owners: Vec<(SourceId, Label)>,
    /// The claims, in file order.
    pub claims: Vec<Claim>,
    /// Per claim id: where it was written and the evidence for its as-of date.
    pub annotations: BTreeMap<ClaimId, Annotation>,
    /// Lines that could not be used, with why ([`Corpus::parse_lenient`] only; the strict
    /// loader stops at the first).
    pub rejected: Vec<Rejected>,
    /// The alias lines, as a table.
    #[serde(default)]
    aliases: Aliases,
    /// The place lines, as a hierarchy.
    #[serde(default)]
    places: Places,
}

/// Some editors start a UTF-8 file with a byte-order mark; it is not part of line 1.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn without_bom_bytes(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes)
}

/// The lines of `text`, each ending at `\r\n`, `\n` or a lone `\r` (old Mac exports), as
/// the table readers count them (a JSON line holds no raw line end: its strings escape them).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
}

/// [`lines`] of bytes, each then read as UTF-8.
fn lines_of_bytes(bytes: &[u8]) -> impl Iterator<Item = Result<&str, std::str::Utf8Error>> {
    bytes
        .split(|&b| b == b'\n')
        .flat_map(|l| l.strip_suffix(b"\r").unwrap_or(l).split(|&b| b == b'\r'))
        .map(std::str::from_utf8)
}

/// The longest corpus line or table row read, in bytes. A table row's quoted cells count
/// with their line ends: a quote still open beyond this length is rejected as unclosed.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// One line's JSON object, with the first key it repeats: `serde_json` would keep the last of
/// two values silently, and `{"phrase": "5", "phrase": "6"}` must be refused instead.
struct Object {
    fields: serde_json::Map<String, serde_json::Value>,
    repeated: Option<String>,
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Object;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Object, A::Error> {
                let mut object = Object { fields: serde_json::Map::new(), repeated: None };
                while let Some(key) = map.next_key::<String>()? {
                    let value: serde_json::Value = map.next_value()?;
                    if object.fields.contains_key(&key) {
                        object.repeated.get_or_insert(key);
                    } else {
                        object.fields.insert(key, value);
                    }
                }
                Ok(object)
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentLine {
    document: String,
    file: String,
    outlet: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    published_evidence: Option<String>,
    #[serde(default)]
    relayed_via: Option<String>,
    #[serde(default)]
    owner: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceLine {
    source: String,
    owner: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasLine {
    alias: String,
    of: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceLine {
    place: String,
    within: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimLine {
    claim: String,
    document: String,
    quote: String,
    phrase: String,
    measure: serde_json::Value,
    #[serde(default)]
    population: Option<serde_json::Value>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    as_of_evidence: Option<String>,
    #[serde(default)]
    nature: Option<Nature>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    value: Option<String>,
}

/// A nature as a corpus line spells it.
fn nature_name(n: Nature) -> &'static str {
    match n {
        Nature::RunningTotal => "running_total",
        Nature::ChangingState => "changing_state",
        Nature::FixedFact => "fixed_fact",
    }
}

/// What the lines read so far declared, for the lines after them to be checked against.
#[derive(Default)]
struct Known {
    /// The documents, by id: each one's index in `Corpus::documents` and, when it is dated,
    /// the parser for its claims (relative dates count back from its publication date).
    documents: HashMap<DocumentId, (usize, Option<Parser>)>,
    /// The claims that set a nature, in line order: each one's index in `Corpus::claims`,
    /// the nature and the line. Checked once the whole file is read
    /// ([`Corpus::nature_conflicts`]), when every alias is known.
    natures: Vec<(usize, Nature, usize)>,
}

struct Loader<'a> {
    file: &'a str,
    line: usize,
    /// Bytes of white space before the line's text, which is read trimmed: where in the line
    /// an error is counts them.
    lead: usize,
}

impl Loader<'_> {
    fn err(&self, field: &str, problem: impl Into<String>) -> Error {
        Error::line(self.file, self.line, field, problem)
    }

    /// `text`, this line (one JSON object, its fields checked once already), read as a `T`. A
    /// field missing, unknown, or of the wrong type or value is named (serde says where in the
    /// text it stopped: after the value, whose key comes before it); any other error is the
    /// line's.
    fn typed<T: serde::de::DeserializeOwned>(&self, text: &str) -> Result<T, Error> {
        serde_json::from_str(text).map_err(|e| {
            let error = Error::json(&e, self.lead);
            // The words name a field missing or unknown; a value of the wrong type is the one
            // whose key comes before where serde_json stopped.
            let message = error.to_string();
            let named = ["missing field `", "unknown field `"]
                .iter()
                .find_map(|start| message.strip_prefix(start)?.split('`').next());
            let field = named.or_else(|| key_before(text, e.column())).unwrap_or("line");
            error.in_line(self.file, self.line, field)
        })
    }

    /// A line that is not a JSON object: where in the line reading stopped, when `serde_json`
    /// says, and its words.
    fn not_json(&self, e: &serde_json::Error) -> Error {
        let words = match e.column() {
            0 => "not a JSON object".to_owned(),
            column => format!("not a JSON object, at byte {}", column + self.lead),
        };
        Error::json(e, self.lead).in_line_after(self.file, self.line, "line", words)
    }

    /// What claim line `c` is about: its measure, population, place, event and nature, taken
    /// from it.
    fn subject(&self, c: &mut ClaimLine) -> Result<Subject, Error> {
        let json = |field: &str, words: &str, e: &serde_json::Error| {
            Error::json(e, 0).in_line_after(self.file, self.line, field, words)
        };
        let measure: Measure = serde_json::from_value(std::mem::take(&mut c.measure))
            .map_err(|e| json("measure", "unknown measure", &e))?;
        let population: Population = match c.population.take() {
            Some(p) => serde_json::from_value(p)
                .map_err(|e| json("population", "unknown population", &e))?,
            None => Population::All,
        };
        let mut subject = Subject::new(measure).population(population);
        if let Some(p) = &c.place {
            subject = subject.place(Label::new(p).map_err(self.wrap("place"))?);
        }
        if let Some(e) = &c.event {
            subject = subject.event(Label::new(e).map_err(self.wrap("event"))?);
        }
        if let Some(n) = c.nature {
            subject = subject.nature(n);
        }
        Ok(subject)
    }

    /// The error of `field`'s value, kept whole inside the line's error.
    fn wrap<'s>(&'s self, field: &'s str) -> impl Fn(Error) -> Error + 's {
        move |e| e.in_line(self.file, self.line, field)
    }

    /// A `YYYY-MM-DD` date with a year in 1000-9999, as every date the crate holds (white
    /// space around it does not count): [`read_day`], as a table's as-of column reads it.
    fn date(&self, field: &str, text: &str) -> Result<NaiveDate, Error> {
        read_day(text.trim(), self.file, self.line, field)
    }

    /// A claim's `as_of`: "2022-01-05", "2022-01-05 morning", "2022-01-05T18:00" (a space or
    /// a T after the date, then the time of day).
    fn as_of(&self, a: &str, parser: &Parser) -> Result<(NaiveDate, Option<AsOfTime>), Error> {
        let trimmed = a.trim();
        // The date runs to the first space or T, whatever its year's digits, so that a bad
        // date is read, and refused, for what it is ("+99999-01-01 morning": its year).
        let (date, time) = match trimmed.find([' ', 'T']).filter(|&at| at > 0) {
            Some(at) => (&trimmed[..at], Some(&trimmed[at + 1..])),
            None => (trimmed, None),
        };
        // A date run into the time of day ("2022-01-05morning") lacks its separator.
        let run_on = date.get(..10).zip(date.get(10..)).filter(|(day, rest)| {
            let more_date =
                rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit() || c == '-');
            !more_date && self.date("as_of", day).is_ok()
        });
        if run_on.is_some() {
            return Err(self.err(
                "as_of",
                format!("{a:?}: put a space or a T between the date and the time of day"),
            ));
        }
        let date = self.date("as_of", date)?;
        let time = time
            .map(|words| {
                AsOfTime::parse(words.trim(), parser).map_err(|e| {
                    let words = format!("{a:?}: the time of day after the date");
                    e.in_line_after(self.file, self.line, "as_of", words)
                })
            })
            .transpose()?;
        Ok((date, time))
    }
}

/// The key of the JSON value that ends at byte `end` of `text` (one object on one line):
/// `"nature": "sideways"` with `end` after `"sideways"` gives `nature`. `None` when the text
/// before `end` is not `"key": value` (then the error names the line).
fn key_before(text: &str, end: usize) -> Option<&str> {
    let b = text.as_bytes();
    let mut i = end.min(b.len());
    // Back over the value: a string, the start of an array or object, or a literal.
    match b.get(i.checked_sub(1)?)? {
        b'"' => {
            i -= 1;
            loop {
                i = i.checked_sub(1)?;
                if b[i] == b'"' && (i == 0 || b[i - 1] != b'\\') {
                    break;
                }
            }
        }
        b'[' | b'{' => i -= 1,
        _ => {
            while i > 0 && (b[i - 1].is_ascii_alphanumeric() || b"+-.".contains(&b[i - 1])) {
                i -= 1;
            }
        }
    }
    let before = text.get(..i)?.trim_end().strip_suffix(':')?.trim_end().strip_suffix('"')?;
    let key = &before[before.rfind('"')? + 1..];
    (!key.is_empty() && key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')).then_some(key)
}

impl Corpus {
    /// Reads a corpus in the JSON Lines format, stopping at the first error.
    ///
    /// # Errors
    /// [`Error::Corpus`] naming the file, the line and the field: invalid JSON, an unknown,
    /// missing or repeated field, a phrase the parser cannot read, a phrase that is not inside
    /// its quote, a claim citing an unknown document, a repeated claim or document id, an
    /// alias or place line that would form a cycle or gives a name a second meaning, a line
    /// over [`MAX_LINE_BYTES`]. When the field's value has an error of its own (the
    /// [`Error::Parse`] of a phrase, the [`Error::InvalidName`] of an id, the
    /// [`Error::AliasCycle`] of an alias), the line's error holds it whole: see
    /// [`Error::inner`].
    pub fn parse(file: &str, text: &str, parser: &Parser) -> Result<Corpus, Error> {
        Self::load(file, lines(without_bom(text)).map(Ok), parser, false)
    }

    /// Reads a corpus given as bytes, stopping at the first error; invalid UTF-8 is an error
    /// naming its line.
    ///
    /// # Errors
    /// As [`Corpus::parse`], and [`Error::Corpus`] for a line that is not UTF-8.
    pub fn parse_bytes(file: &str, bytes: &[u8], parser: &Parser) -> Result<Corpus, Error> {
        Self::load(file, lines_of_bytes(without_bom_bytes(bytes)), parser, false)
    }

    /// Reads a corpus, keeping every line it can use and listing the others in
    /// [`Corpus::rejected`] with their errors. Never fails.
    ///
    /// ```
    /// use claimrecon::{Corpus, Parser};
    /// let text = r#"
    /// {"document": "a", "file": "a.txt", "outlet": "Daily", "published": "2022-01-10"}
    /// {"claim": "ok", "document": "a", "quote": "164 were killed", "phrase": "164", "measure": "deaths"}
    /// {"claim": "bad", "document": "a", "quote": "a lot were killed", "phrase": "a lot", "measure": "deaths"}
    /// "#;
    /// let corpus = Corpus::parse_lenient("c.jsonl", text, &Parser::default());
    /// assert_eq!(corpus.claims.len(), 1);
    /// assert_eq!(corpus.rejected[0].id.as_deref(), Some("bad"));
    /// assert_eq!(corpus.rejected[0].line, Some(4));
    /// let reconciliation = corpus.reconcile();
    /// assert_eq!(reconciliation.rejected.len(), 1);
    /// ```
    #[must_use]
    pub fn parse_lenient(file: &str, text: &str, parser: &Parser) -> Corpus {
        Self::load(file, lines(without_bom(text)).map(Ok), parser, true)
            .unwrap_or_else(|e| Self::empty(file, e))
    }

    /// [`Corpus::parse_lenient`] for bytes: a line that is not UTF-8 is rejected, not fatal.
    #[must_use]
    pub fn parse_lenient_bytes(file: &str, bytes: &[u8], parser: &Parser) -> Corpus {
        Self::load(file, lines_of_bytes(without_bom_bytes(bytes)), parser, true)
            .unwrap_or_else(|e| Self::empty(file, e))
    }

    fn empty(file: &str, error: Error) -> Corpus {
        Corpus {
            name: file.to_owned(),
            documents: Vec::new(),
            owners: Vec::new(),
            claims: Vec::new(),
            annotations: BTreeMap::new(),
            rejected: vec![Rejected { id: None, line: None, claim: None, error }],
            aliases: Aliases::empty(),
            places: Places::empty(),
        }
    }

    fn load<'t>(
        file: &str,
        lines: impl Iterator<Item = Result<&'t str, std::str::Utf8Error>>,
        parser: &Parser,
        lenient: bool,
    ) -> Result<Corpus, Error> {
        let mut corpus = Corpus {
            name: file.to_owned(),
            documents: Vec::new(),
            owners: Vec::new(),
            claims: Vec::new(),
            annotations: BTreeMap::new(),
            rejected: Vec::new(),
            aliases: Aliases::empty(),
            places: Places::empty(),
        };
        // Where each document is in `corpus.documents`: claims look their document up by id,
        // and a scan per line would make loading quadratic in the number of documents.
        let mut documents = Known::default();
        for (index, raw) in lines.enumerate() {
            let lead = raw.as_ref().map_or(0, |r| r.len() - r.trim_start().len());
            let at = Loader { file, line: index + 1, lead };
            let outcome = match raw {
                Ok(raw) => corpus.line(&at, raw, parser, &mut documents),
                Err(e) => Err((
                    None,
                    at.err(
                        "line",
                        format!(
                            "not UTF-8: invalid byte at position {} of the line",
                            e.valid_up_to()
                        ),
                    ),
                )),
            };
            if let Err((id, error)) = outcome {
                if !lenient {
                    return Err(error);
                }
                corpus.rejected.push(Rejected { id, line: Some(at.line), claim: None, error });
            }
        }
        let conflicts = corpus.nature_conflicts(&documents.natures);
        if let Some((_, error)) = conflicts.first()
            && !lenient
        {
            return Err(error.clone());
        }
        // Lenient: each claim that contradicts an earlier one's nature is rejected whole.
        for (i, error) in conflicts.into_iter().rev() {
            let claim = corpus.claims.remove(i);
            let line = corpus.annotations.remove(claim.id()).map(|a| a.line);
            let id = Some(claim.id().to_string());
            corpus.rejected.push(Rejected { id, line, claim: Some(Box::new(claim)), error });
        }
        corpus.rejected.sort_by_key(|r| r.line);
        Ok(corpus)
    }

    /// The claims (index in `claims`, in line order) that set a nature for their quantity
    /// other than the one an earlier line set, each with its error. A subject's nature is no
    /// part of which quantity it is (see [`Subject`]), and quantities are compared as the
    /// reconciler groups them, after the corpus's aliases (declared anywhere in the file).
    fn nature_conflicts(&self, natures: &[(usize, Nature, usize)]) -> Vec<(usize, Error)> {
        let mut first: HashMap<std::borrow::Cow<'_, Subject>, (Nature, usize, usize)> =
            HashMap::new();
        let mut out = Vec::new();
        for &(i, n, line) in natures {
            let subject = self.claims[i].subject().normalized_cow(&self.aliases);
            match first.get(&subject) {
                Some(&(set, by, at)) if set != n => {
                    let problem = format!(
                        "{subject} is set as {} here, but claim {:?} (line {at}) sets it as {}: \
                         one quantity has one nature",
                        nature_name(n),
                        self.claims[by].id().as_str(),
                        nature_name(set)
                    );
                    out.push((i, Error::line(&self.name, line, "nature", problem)));
                }
                Some(_) => {}
                None => {
                    first.insert(subject, (n, i, line));
                }
            }
        }
        out
    }

    /// Reads one line. On failure, the claim id if one could be read, and the error.
    /// `documents` holds the documents read so far (see [`Known`]).
    fn line(
        &mut self,
        at: &Loader<'_>,
        raw: &str,
        parser: &Parser,
        documents: &mut Known,
    ) -> Result<(), (Option<String>, Error)> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(());
        }
        if raw.len() > MAX_LINE_BYTES {
            let problem =
                format!("the line is {} bytes long; a line may have {MAX_LINE_BYTES}", raw.len());
            return Err((None, at.err("line", problem)));
        }
        // Most lines are well-formed claims: read them in one pass. `ClaimLine` refuses unknown
        // and repeated fields and needs its `claim` key, so an object it reads is one the
        // general path below reads the same way; any other line takes that path, which names
        // the error. Only an object: serde would also read a struct from an array, by position.
        // A line without the text `"claim"` (a document, an alias, an owner) cannot be one, and
        // goes straight to the general path rather than through serde's error.
        if trimmed.starts_with('{')
            && trimmed.contains("\"claim\"")
            && let Ok(c) = serde_json::from_str::<ClaimLine>(trimmed)
        {
            let id = c.claim.clone();
            return self.add_claim(at, c, parser, documents).map_err(|e| (Some(id), e));
        }
        let Object { fields, repeated } =
            serde_json::from_str(trimmed).map_err(|e| (None, at.not_json(&e)))?;
        let id = fields.get("claim").and_then(serde_json::Value::as_str).map(str::to_owned);
        let fail = |e: Error| (id.clone(), e);
        if let Some(field) = repeated {
            return Err(fail(at.err(&field, "the field is given twice")));
        }
        // The line's fields were read to tell its kind; `typed` reads it as that kind.
        let has = |key: &str| fields.contains_key(key);
        if has("claim") {
            let c: ClaimLine = at.typed(trimmed).map_err(fail)?;
            self.add_claim(at, c, parser, documents).map_err(fail)
        } else if has("source") {
            let s: SourceLine = at.typed(trimmed).map_err(fail)?;
            let source = SourceId::new(&s.source).map_err(at.wrap("source")).map_err(fail)?;
            let owner = Label::new(&s.owner).map_err(at.wrap("owner")).map_err(fail)?;
            self.owners.push((source, owner));
            Ok(())
        } else if has("document") {
            let d: DocumentLine = at.typed(trimmed).map_err(fail)?;
            self.add_document(at, d, parser, documents).map_err(fail)
        } else if has("alias") {
            let a: AliasLine = at.typed(trimmed).map_err(fail)?;
            self.add_alias(at, &a).map_err(fail)
        } else if has("place") {
            let p: PlaceLine = at.typed(trimmed).map_err(fail)?;
            self.add_place(at, &p).map_err(fail)
        } else {
            Err(fail(at.err(
                "line",
                "expected a \"claim\", \"document\", \"source\", \"alias\" or \"place\" key",
            )))
        }
    }

    /// Reconciles the corpus's claims with its declared owners, and lists the lines that could
    /// not be used among the rejected claims: every claim line is accounted for.
    #[must_use]
    pub fn reconcile(&self) -> Reconciliation {
        let mut r = self.reconciler().reconcile(self.claims.clone());
        for rejected in &mut r.rejected {
            if let Some(id) = rejected.claim.as_deref().map(Claim::id) {
                rejected.line = self.annotations.get(id).map(|a| a.line);
            }
        }
        r.rejected.extend(self.rejected.iter().cloned());
        r
    }

    /// An alias line: `alias` is another name for `of`. Declaring one alias for two names is
    /// refused; declaring it again for the same name is not.
    fn add_alias(&mut self, at: &Loader<'_>, a: &AliasLine) -> Result<(), Error> {
        let alias = Label::new(&a.alias).map_err(at.wrap("alias"))?;
        let of = Label::new(&a.of).map_err(at.wrap("of"))?;
        let now = self.aliases.canonical(&alias);
        if now.key() != alias.key() && now != self.aliases.canonical(&of) {
            let problem = format!("{:?} is already an alias of {:?}", alias.as_str(), now.as_str());
            return Err(at.err("alias", problem));
        }
        self.aliases.insert(&alias, &of).map_err(at.wrap("alias"))
    }

    /// A place line: `place` lies within `within`. Declaring one place within two others is
    /// refused; declaring it again within the same one is not.
    fn add_place(&mut self, at: &Loader<'_>, p: &PlaceLine) -> Result<(), Error> {
        let place = Label::new(&p.place).map_err(at.wrap("place"))?;
        let within = Label::new(&p.within).map_err(at.wrap("within"))?;
        match self.places.parent_of(&place) {
            Some(parent) if parent != within => {
                let problem = format!(
                    "{:?} is already declared within {:?}",
                    place.as_str(),
                    parent.as_str()
                );
                Err(at.err("place", problem))
            }
            _ => self.places.insert(&place, &within).map_err(at.wrap("place")),
        }
    }

    fn add_document(
        &mut self,
        at: &Loader<'_>,
        d: DocumentLine,
        parser: &Parser,
        documents: &mut Known,
    ) -> Result<(), Error> {
        let id = DocumentId::new(&d.document).map_err(at.wrap("document"))?;
        if documents.documents.contains_key(&id) {
            return Err(at.err("document", format!("document {:?} is declared twice", id.as_str())));
        }
        let optional_label = |field: &str, v: Option<String>| -> Result<Option<Label>, Error> {
            v.map(|s| Label::new(&s).map_err(at.wrap(field))).transpose()
        };
        self.documents.push(Document {
            outlet: SourceId::new(&d.outlet).map_err(at.wrap("outlet"))?,
            published: d.published.map(|p| at.date("published", &p)).transpose()?,
            published_evidence: d.published_evidence,
            relayed_via: d
                .relayed_via
                .map(|w| SourceId::new(&w).map_err(at.wrap("relayed_via")))
                .transpose()?,
            owner: optional_label("owner", d.owner)?,
            file: d.file,
            id: id.clone(),
        });
        // A dated document's claims read relative dates from its publication date: its parser
        // is built once here, not once per claim.
        let dated = self
            .documents
            .last()
            .and_then(|d| d.published)
            .and_then(|p| parser.clone().published(p).ok());
        documents.documents.insert(id, (self.documents.len() - 1, dated));
        Ok(())
    }

    fn add_claim(
        &mut self,
        at: &Loader<'_>,
        mut c: ClaimLine,
        parser: &Parser,
        documents: &mut Known,
    ) -> Result<(), Error> {
        let id = ClaimId::new(&c.claim).map_err(at.wrap("claim"))?;
        if self.annotations.contains_key(&id) {
            return Err(at.err("claim", format!("claim id {:?} is used twice", id.as_str())));
        }
        let doc_id = DocumentId::new(&c.document).map_err(at.wrap("document"))?;
        let Some((doc, dated)) = documents
            .documents
            .get(&doc_id)
            .and_then(|(i, dated)| Some((self.documents.get(*i)?, dated)))
        else {
            return Err(at.err(
                "document",
                format!(
                    "claim cites document {:?}, which no earlier line declares",
                    doc_id.as_str()
                ),
            ));
        };
        if !c.quote.contains(&c.phrase) {
            return Err(at.err("phrase", format!("{:?} does not occur in the quote", c.phrase)));
        }
        let subject = at.subject(&mut c)?;
        let mut provenance =
            Provenance::new(doc.outlet.clone()).document(doc.id.clone()).quote(c.quote.clone());
        if let Some(d) = doc.published {
            provenance = provenance.published(d);
        }
        if let Some(w) = &doc.relayed_via {
            provenance = provenance.relayed_via(w.clone());
        }
        if let Some(s) = c.speaker {
            provenance = provenance.speaker(Label::new(&s).map_err(at.wrap("speaker"))?);
        }
        let owned;
        let parser = match (doc.published, dated) {
            (Some(_), Some(dated)) => dated,
            (Some(d), None) => {
                owned = parser.clone().published(d).map_err(at.wrap("published"))?;
                &owned
            }
            (None, _) => parser,
        };
        let parsed = match c.kind.as_deref() {
            None => parser.parse_for(subject.measure(), &c.phrase),
            Some("category") => parser.parse_category(&c.phrase),
            Some("set") => parser.parse_set(&c.phrase),
            // A denial ("denied sending troops", "the request was denied") or an ending
            // ("lifted") is read by the line's value, which says which way it goes.
            Some("yes_no") => match (&c.value, crate::parse::two_way(&c.phrase)) {
                (Some(value), Some(_)) => {
                    Ok(parser.parse_yes_no(value).map_err(at.wrap("value"))?)
                }
                _ => parser.parse_yes_no(&c.phrase),
            },
            Some(other) => {
                return Err(at.err(
                    "kind",
                    format!("unknown kind {other:?}: expected category, set or yes_no"),
                ));
            }
        }
        .map_err(at.wrap("phrase"))?;
        if let Some(expected) = c.value {
            let want = parser.parse_for(subject.measure(), &expected);
            let want: Value = want.map_err(at.wrap("value"))?.value;
            if want != parsed.value {
                return Err(at.err(
                    "value",
                    format!("the phrase reads as {}, but the annotation says {want}", parsed.value),
                ));
            }
        }
        let mut claim =
            Claim::new(id.clone(), subject, parsed.value, provenance).with_phrase(c.phrase.clone());
        if let Some(e) = claim.part_of_a_person() {
            return Err(at.wrap("phrase")(e));
        }
        if let Some(a) = c.as_of {
            let (date, time) = at.as_of(&a, parser)?;
            claim = claim.with_as_of(date);
            if let Some(time) = time {
                claim = claim.with_as_of_time(time);
            }
        }
        if let Some(n) = c.nature {
            documents.natures.push((self.claims.len(), n, at.line));
        }
        self.annotations.insert(id, Annotation { line: at.line, as_of_evidence: c.as_of_evidence });
        self.claims.push(claim);
        Ok(())
    }

    /// Checks each claim's quote against its document's text: it must occur verbatim.
    /// `texts` maps document ids to their text; a document without text is reported too.
    #[must_use]
    pub fn check_quotes(&self, texts: &BTreeMap<DocumentId, String>) -> Vec<Error> {
        let mut errors = Vec::new();
        for claim in &self.claims {
            let p = claim.provenance();
            let line = self.annotations.get(claim.id()).map_or(0, |a| a.line);
            let err = |problem: String| Error::line(&self.name, line, "quote", problem);
            let (Some(doc), Some(quote)) = (p.in_document(), p.quoted()) else { continue };
            match texts.get(doc) {
                None => errors.push(err(format!("no text for document {:?}", doc.as_str()))),
                Some(text) if !text.contains(quote) => {
                    errors.push(err(format!(
                        "the quote does not occur in document {:?}",
                        doc.as_str()
                    )));
                }
                Some(_) => {}
            }
        }
        errors
    }

    /// The alias table of the corpus's alias lines (`{"alias": "Alma-Ata", "of": "Almaty"}`);
    /// empty when it has none.
    #[must_use]
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    /// The place hierarchy of the corpus's place lines (`{"place": "Almaty", "within":
    /// "Kazakhstan"}`); empty when it has none.
    #[must_use]
    pub fn places(&self) -> &Places {
        &self.places
    }

    /// A reconciler that knows what the corpus declares: its aliases, its places, and its
    /// owners (sources with one owner are one voice). [`Corpus::reconcile`] uses it.
    ///
    /// ```
    /// use claimrecon::{ClaimId, Corpus, Label, Parser, RelationKind};
    /// let text = r#"
    /// {"alias": "Alma-Ata", "of": "Almaty"}
    /// {"place": "Almaty", "within": "Kazakhstan"}
    /// {"document": "a", "file": "a.txt", "outlet": "Daily", "published": "2022-01-10"}
    /// {"claim": "city", "document": "a", "quote": "12 died in Alma-Ata", "phrase": "12", "measure": "deaths", "place": "Alma-Ata"}
    /// {"claim": "all", "document": "a", "quote": "164 died in Kazakhstan", "phrase": "164", "measure": "deaths", "place": "Kazakhstan"}
    /// "#;
    /// let corpus = Corpus::parse("c.jsonl", text, &Parser::default())?;
    /// assert_eq!(corpus.aliases().canonical(&Label::new("alma-ata")?).as_str(), "Almaty");
    /// let r = corpus.reconciler().reconcile(corpus.claims.clone());
    /// assert_eq!(r.groups[0].subject.where_().map(Label::as_str), Some("Almaty"));
    /// let city_in_all = r.relation(&ClaimId::new("city")?, &ClaimId::new("all")?).unwrap();
    /// assert_eq!(city_in_all.kind, RelationKind::PartOf);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn reconciler(&self) -> Reconciler {
        let mut by_owner: BTreeMap<&Label, BTreeSet<&SourceId>> = BTreeMap::new();
        for d in &self.documents {
            if let Some(o) = &d.owner {
                by_owner.entry(o).or_default().insert(&d.outlet);
            }
        }
        for (s, o) in &self.owners {
            by_owner.entry(o).or_default().insert(s);
        }
        // An owner that is itself a source of the corpus (an outlet, or a source with an owner
        // line) speaks with the outlets it owns: "Sputnik" owned by "RIA Novosti", which is an
        // outlet too, is one voice with it.
        let sources: BTreeMap<String, &SourceId> = self
            .documents
            .iter()
            .map(|d| &d.outlet)
            .chain(self.owners.iter().map(|(s, _)| s))
            .map(|s| (crate::id::source_key(s.as_str()), s))
            .collect();
        for (owner, owned) in &mut by_owner {
            if let Some(&itself) = sources.get(&crate::id::source_key(owner.as_str())) {
                owned.insert(itself);
            }
        }
        let mut r = Reconciler::new().aliases(self.aliases.clone()).places(self.places.clone());
        for (owner, sources) in by_owner {
            let sources: Vec<&SourceId> = sources.into_iter().collect();
            for pair in sources.windows(2) {
                r = r.same_voice(pair[0].clone(), pair[1].clone(), &format!("same owner: {owner}"));
            }
        }
        r
    }

    /// The document a claim cites.
    #[must_use]
    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| &d.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"document": "a", "file": "a.txt", "outlet": "Daily", "published": "2022-01-06", "relayed_via": "Wire"}"#;

    fn load(claim: &str) -> Result<Corpus, Error> {
        Corpus::parse("c.jsonl", &format!("{DOC}\n{claim}"), &Parser::default())
    }

    /// An owner that is itself an outlet is one voice with the outlets it owns: "A owned by
    /// B", B an outlet, left A and B two voices (found by a hostile-input probe).
    #[test]
    fn an_owner_that_is_an_outlet_speaks_with_what_it_owns() {
        let lines = [
            r#"{"source": "A", "owner": "b"}"#,
            r#"{"document": "d1", "file": "f.txt", "outlet": "A", "published": "2022-01-10"}"#,
            r#"{"document": "d2", "file": "f.txt", "outlet": "B", "published": "2022-01-10"}"#,
            r#"{"document": "d3", "file": "f.txt", "outlet": "C", "published": "2022-01-10"}"#,
        ];
        let corpus = Corpus::parse("c.jsonl", &lines.join("\n"), &Parser::default()).unwrap();
        let claims: Vec<Claim> = ["A", "B", "C"]
            .iter()
            .enumerate()
            .map(|(i, outlet)| {
                let provenance = Provenance::new(SourceId::new(outlet).unwrap());
                let subject = Subject::new(crate::subject::Measure::Deaths);
                let id = ClaimId::new(&format!("c{i}")).unwrap();
                let phrase = (10 + i).to_string();
                Claim::parse(id, subject, &phrase, provenance, &Parser::default()).unwrap()
            })
            .collect();
        let r = corpus.reconciler().reconcile(claims);
        let members: Vec<Vec<&str>> =
            r.voices.iter().map(|v| v.members.iter().map(SourceId::as_str).collect()).collect();
        assert_eq!(members, [vec!["A", "B"], vec!["C"]]);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let e = load(r#"{"claim": "x", "document": "a", "quote": "about a lot", "phrase": "a lot", "measure": "deaths"}"#)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.jsonl:2: field phrase: cannot read \"a lot\" at byte 0: expected a number, a date or a time of day, found 'a'"
        );
        let e = load(
            r#"{"claim": "x", "document": "b", "quote": "5", "phrase": "5", "measure": "deaths"}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.jsonl:2: field document: claim cites document \"b\", which no earlier line declares"
        );
        let e = load(r#"{"claim": "x", "document": "a", "quote": "5 dead", "phrase": "6", "measure": "deaths"}"#)
            .unwrap_err();
        assert_eq!(e.to_string(), "c.jsonl:2: field phrase: \"6\" does not occur in the quote");
        let e = load(r#"{"claim": "x", "document": "a", "quote": "5 dead", "phrase": "5", "measure": "deads"}"#)
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("c.jsonl:2: field measure: unknown measure: unknown variant `deads`"),
            "{e}"
        );
        let e = load(r#"{"claim": "x", "document": "a", "quote": "5 dead", "phrase": "5", "measure": "deaths", "colour": 1}"#)
            .unwrap_err();
        assert!(
            e.to_string().starts_with("c.jsonl:2: field colour: unknown field `colour`"),
            "{e}"
        );
    }

    #[test]
    fn relative_dates_use_the_document_date_and_yes_no_reads_negation() {
        let c = load(r#"{"claim": "x", "document": "a", "quote": "protests over the weekend", "phrase": "over the weekend", "measure": "event_date", "event": "start"}"#).unwrap();
        assert_eq!(c.claims[0].value().to_string(), "from 2022-01-01 to 2022-01-02");
        let c = load(r#"{"claim": "x", "document": "a", "quote": "has not yet requested help", "phrase": "has not yet requested", "measure": {"status": "help requested"}, "kind": "yes_no", "value": "no"}"#).unwrap();
        assert_eq!(c.claims[0].value(), &Value::YesNo(false));
        let e = load(r#"{"claim": "x", "document": "a", "quote": "has not yet requested help", "phrase": "has not yet requested", "measure": {"status": "help requested"}, "kind": "yes_no", "value": "yes"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.jsonl:2: field value: the phrase reads as no, but the annotation says yes"
        );
    }

    #[test]
    fn quotes_are_checked_against_the_text() {
        let c = load(r#"{"claim": "x", "document": "a", "quote": "5 dead", "phrase": "5", "measure": "deaths"}"#).unwrap();
        let mut texts = BTreeMap::new();
        texts.insert(DocumentId::new("a").unwrap(), "Reports say 5 dead.".to_owned());
        assert!(c.check_quotes(&texts).is_empty());
        texts.insert(DocumentId::new("a").unwrap(), "Reports say five dead.".to_owned());
        assert_eq!(
            c.check_quotes(&texts)[0].to_string(),
            "c.jsonl:2: field quote: the quote does not occur in document \"a\""
        );
    }
}
