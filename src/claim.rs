//! A claim: subject + value + as-of + provenance + the phrase it was read from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use std::fmt;
use std::sync::Arc;

use crate::Error;
use crate::id::ClaimId;
use crate::parse::Parser;
use crate::provenance::Provenance;
use crate::subject::{Measure, Subject};
use crate::unit::Dimension;
use crate::value::{Change, DayInterval, Magnitude, Value};

/// The part of the day, or clock time, a figure describes within its as-of date: "morning",
/// "18:00", "shortly after 6 p.m.". It orders claims of one day where it is known: a state
/// reported "not yet" in the morning and "yes" in the evening changed over the day.
///
/// ```
/// use claimrecon::{AsOfTime, Parser};
/// let parser = Parser::default();
/// let morning = AsOfTime::parse("morning", &parser)?;
/// let evening = AsOfTime::parse("6 p.m.", &parser)?;
/// assert!(morning.is_before(&evening));
/// assert!(!AsOfTime::parse("about 6 p.m.", &parser)?.is_before(&evening));
/// assert_eq!(morning.to_string(), "morning");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AsOfTime {
    words: String,
    stretch: DayInterval,
}

impl AsOfTime {
    /// Reads a clock time or part of the day ("morning", "18:00", "about 6 p.m.") with the
    /// parser's time policy.
    ///
    /// # Errors
    /// [`Error::Parse`] if the words are not a time of day or a part of the day.
    pub fn parse(words: &str, parser: &Parser) -> Result<Self, Error> {
        let parsed = parser.parse_time_of_day(words)?;
        let stretch = parsed.value.day_interval(parser.policy_ref()).ok_or_else(|| {
            Error::parse(words, 0, "expected a time of day or a part of the day".to_owned())
        })?;
        Ok(AsOfTime { words: parsed.value.to_string(), stretch })
    }

    /// The stretch of the day it allows.
    #[must_use]
    pub fn stretch(&self) -> DayInterval {
        self.stretch
    }

    /// True if it ends before `other` starts, within one day (see [`DayInterval::is_before`]).
    #[must_use]
    pub fn is_before(&self, other: &AsOfTime) -> bool {
        self.stretch.is_before(&other.stretch)
    }
}

impl fmt::Display for AsOfTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words)
    }
}

/// A date as reasons write it, "5 Jan 2022", or "undated". Written by hand: chrono's format
/// strings parse their pattern on every call.
pub(crate) struct DayText(pub Option<NaiveDate>);

impl fmt::Display for DayText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::Datelike;
        const MONTHS: [&str; 12] =
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        match self.0 {
            Some(d) => write!(f, "{} {} {}", d.day(), MONTHS[d.month0() as usize % 12], d.year()),
            None => f.write_str("undated"),
        }
    }
}

/// When a figure holds: its as-of date and, where known, the time of day. `a` is known to come
/// before `b` when its date is earlier, or on one date when both times are known and `a`'s
/// ends before `b`'s starts; otherwise the order is unknown (or they are simultaneous).
pub(crate) fn known_before(
    a: (Option<NaiveDate>, Option<&AsOfTime>),
    b: (Option<NaiveDate>, Option<&AsOfTime>),
) -> bool {
    match (a, b) {
        ((Some(da), ta), (Some(db), tb)) => {
            da < db || (da == db && ta.zip(tb).is_some_and(|(x, y)| x.is_before(y)))
        }
        _ => false,
    }
}

/// One source's assertion about one subject.
///
/// ```
/// use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, SourceId, Subject};
/// use chrono::NaiveDate;
/// let published = NaiveDate::from_ymd_opt(2022, 1, 25).unwrap();
/// let claim = Claim::parse(
///     ClaimId::new("d0-injured-un")?,
///     Subject::new(Measure::Injured),
///     "About 1,000",
///     Provenance::new(SourceId::new("GSV")?).published(published),
///     &Parser::default(),
/// )?;
/// assert_eq!(claim.value().to_string(), "about 1,000");
/// assert_eq!(claim.as_of(), Some(published));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    id: ClaimId,
    /// Shared: the claims a table gives about one variable hold one subject.
    subject: Arc<Subject>,
    value: Value,
    as_of: Option<NaiveDate>,
    /// Shared: the claims a table gives from one source hold one provenance.
    provenance: Arc<Provenance>,
    /// Boxed, as is the time of day: rows of a table have neither, and a claim without them
    /// is 32 bytes smaller. Serialised as the unboxed values are.
    phrase: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    as_of_time: Option<Box<AsOfTime>>,
}

impl Claim {
    /// A claim with an already-typed value.
    #[must_use]
    pub fn new(id: ClaimId, subject: Subject, value: Value, provenance: Provenance) -> Self {
        Claim::sharing(id, Arc::new(subject), value, Arc::new(provenance))
    }

    /// [`Claim::new`] with a subject and a provenance other claims hold too.
    pub(crate) fn sharing(
        id: ClaimId,
        subject: Arc<Subject>,
        value: Value,
        provenance: Arc<Provenance>,
    ) -> Self {
        Claim { id, subject, value, as_of: None, provenance, phrase: None, as_of_time: None }
    }

    /// The subject and provenance this claim shares, to share them further (see
    /// `tabular::SharedNames`).
    pub(crate) fn shared_parts_mut(&mut self) -> (&mut Arc<Subject>, &mut Arc<Provenance>) {
        (&mut self.subject, &mut self.provenance)
    }

    /// Reads `phrase` with `parser` (relative dates resolved against the provenance's
    /// publication date) and builds the claim, keeping the phrase.
    ///
    /// # Errors
    /// [`Error::Claim`] naming the claim id and the field `value`, wrapping the parse error;
    /// or the field `published` when the provenance's publication date is outside 1000–9999.
    pub fn parse(
        id: ClaimId,
        subject: Subject,
        phrase: &str,
        provenance: Provenance,
        parser: &Parser,
    ) -> Result<Self, Error> {
        let parser = match provenance.published_on() {
            Some(d) => {
                parser.clone().published(d).map_err(|e| e.in_claim(&id.as_str(), "published"))?
            }
            None => parser.clone(),
        };
        let parsed = parser
            .parse_for(subject.measure(), phrase)
            .map_err(|e| e.in_claim(&id.as_str(), "value"))?;
        Ok(Claim {
            id,
            subject: Arc::new(subject),
            value: parsed.value,
            as_of: None,
            provenance: Arc::new(provenance),
            phrase: Some(phrase.into()),
            as_of_time: None,
        })
    }

    /// Records the phrase the value was read from.
    #[must_use]
    pub fn with_phrase(self, phrase: impl Into<String>) -> Self {
        Self { phrase: Some(phrase.into().into_boxed_str()), ..self }
    }

    /// Sets the time the figure describes, when the text gives one ("as of January 10").
    #[must_use]
    pub fn with_as_of(self, date: NaiveDate) -> Self {
        Self { as_of: Some(date), ..self }
    }

    /// Sets the time of day the figure describes within its as-of date ("morning", "18:00"),
    /// which orders claims of one day.
    #[must_use]
    pub fn with_as_of_time(self, time: AsOfTime) -> Self {
        Self { as_of_time: Some(Box::new(time)), ..self }
    }

    /// The time of day the figure describes, if the text gives one.
    #[must_use]
    pub fn as_of_time(&self) -> Option<&AsOfTime> {
        self.as_of_time.as_deref()
    }

    /// True if its phrase states a state as expected to change ("has not yet requested"):
    /// on its day, it came before the change.
    pub(crate) fn expects_change(&self) -> bool {
        self.phrase().is_some_and(crate::parse::expects_change)
    }

    /// The claim's id.
    #[must_use]
    pub fn id(&self) -> &ClaimId {
        &self.id
    }

    /// What the claim is about.
    #[must_use]
    pub fn subject(&self) -> &Subject {
        &self.subject
    }

    /// What the claim says.
    #[must_use]
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Who said it and where.
    #[must_use]
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    /// The error of a claim that counts people ([`Measure::counts_people`](crate::Measure)):
    /// see [`count_of_people_problem`]. `None` for any other claim.
    pub(crate) fn part_of_a_person(&self) -> Option<Error> {
        count_of_people_problem(self.subject().measure(), self.value(), self.phrase())
    }

    /// The phrase the value was read from, if it was parsed.
    #[must_use]
    pub fn phrase(&self) -> Option<&str> {
        self.phrase.as_deref()
    }

    /// The time the figure describes: the explicit as-of date, else the publication date.
    #[must_use]
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of.or(self.provenance.published_on())
    }

    /// True if the as-of date was given explicitly rather than defaulted.
    #[must_use]
    pub fn has_explicit_as_of(&self) -> bool {
        self.as_of.is_some()
    }
}

/// A claim the reconciler could not use, with the reason. Nothing is dropped silently.
///
/// ```
/// use claimrecon::{Claim, ClaimId, Error, Measure, Parser, Provenance, Reconciler, SourceId, Subject};
/// let claim = |phrase: &str, outlet: &str| {
///     let provenance = Provenance::new(SourceId::new(outlet)?);
///     Claim::parse(ClaimId::new("x")?, Subject::new(Measure::Deaths), phrase, provenance, &Parser::default())
/// };
/// // Two claims under one id: one is used, the other rejected with the reason and kept
/// // whole. Which is decided by what they hold, not by the order they were given in.
/// for claims in [vec![claim("225", "GSV")?, claim("164", "AP")?], vec![claim("164", "AP")?, claim("225", "GSV")?]] {
///     let r = Reconciler::new().reconcile(claims);
///     let rejected = &r.rejected[0];
///     assert_eq!(rejected.id.as_deref(), Some("x"));
///     assert!(matches!(rejected.error, Error::DuplicateClaim { .. }));
///     let used = r.claims[0].provenance().outlet().as_str();
///     let lost = rejected.claim.as_ref().unwrap().provenance().outlet().as_str();
///     assert_eq!([used, lost], ["AP", "GSV"]);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rejected {
    /// The claim's id as written, when one could be read; for a table's row, the id its claim
    /// would have had (`name:line`, the name as claim ids hold it: trimmed, each run of
    /// white space one space, invisible characters dropped).
    pub id: Option<String>,
    /// The corpus line it was written on, when it came from a corpus.
    pub line: Option<usize>,
    /// The claim, when it could be built (a repeated id); `None` when its annotation could not
    /// be read (see `error`). Boxed: a table may reject millions of rows, most without a
    /// claim, and each rejected row should cost little.
    pub claim: Option<Box<Claim>>,
    /// Why it was not used.
    pub error: Error,
}

/// Why `value`, read from `phrase`, cannot be a figure of `measure` when it counts people
/// ([`Measure::counts_people`]), whose figures are whole numbers:
/// - a number of `phrase` written with a dot before groups of three digits ("1.000", "about
///   12.500") that the value holds as a decimal (one, 12.5): many languages write one
///   thousand so, and reading it as a decimal would be a misreading by a factor of a
///   thousand, so it is refused rather than guessed, whatever the unit ("€1.000" deaths);
///   "1.234 million" is the English decimal, a whole 1,234,000, and stands;
/// - a count (a plain number or persons) that is not whole ("1.5", "between 2 and 3.5"), the
///   amounts of a change ("from 1.5 to 2") as well; a float's last bits aside, so "16.1
///   thousand" is the whole 16,100.
///
/// `None` for any other measure or value. One rule for the corpus (at its line), the
/// reconciler (a claim built in code) and the proposals of [`extract`](crate::extract).
pub(crate) fn count_of_people_problem(
    measure: &Measure,
    value: &Value,
    phrase: Option<&str>,
) -> Option<Error> {
    if !measure.counts_people() {
        return None;
    }
    let (magnitudes, unit) = match *value {
        Value::Amount(a) => ([Some(a.magnitude), None], a.unit),
        Value::Change(Change::Between { from, to, unit }) => ([Some(from), Some(to)], unit),
        _ => return None,
    };
    let stated: Vec<f64> = magnitudes.iter().flatten().flat_map(Magnitude::stated).collect();
    let shown = || phrase.map_or_else(|| value.to_string(), str::to_owned);
    let misread = phrase.into_iter().flat_map(thousands_dots).find_map(|dotted| {
        let decimal = dotted.parse::<f64>().ok()?;
        stated.iter().any(|&x| same_number(x, decimal)).then_some((dotted, decimal))
    });
    if let Some((dotted, decimal)) = misread {
        let thousands = dotted.replace('.', ",");
        let write = if is_whole(decimal) {
            format!("write \"{thousands}\" or \"{decimal}\"")
        } else {
            format!("write \"{thousands}\" for that")
        };
        let problem = format!(
            "{measure} is a count of people, and \"{dotted}\" has a dot before three digits: a \
             thousands separator in many languages ({thousands}), read here as a decimal point \
             ({decimal}): {write}"
        );
        return Some(Error::InvalidNumber { value: shown(), problem });
    }
    if unit.dimension() != Dimension::Count {
        return None;
    }
    let x = stated.into_iter().find(|&x| !is_whole(x))?;
    let problem = format!("{measure} is a count of people, a whole number, and {x} is not whole");
    Some(Error::InvalidNumber { value: shown(), problem })
}

/// Whether `x` is a whole number, but for a float's last bits: a phrase's scale word is
/// applied in floating point ("16.1 thousand" is 16,100.000000000002).
fn is_whole(x: f64) -> bool {
    same_number(x, x.round())
}

/// Whether `a` and `b` are one number but for a float's last bits.
fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The numbers of `text` written with dots before groups of three digits ("1.000", "12.500",
/// "10.000"), which may be thousands separators: one to three digits, the first not 0, then
/// one or more groups of a dot and three digits, with no digit or dot around them.
fn thousands_dots(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let starts = bytes[i].is_ascii_digit()
                && (i == 0 || !(bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.'));
            if !starts {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let lead = i - start;
            let mut groups = 0;
            while bytes.get(i) == Some(&b'.')
                && bytes.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
            {
                groups += 1;
                i += 4;
            }
            if (1..=3).contains(&lead) && bytes[start] != b'0' && groups > 0 {
                return Some(&text[start..i]);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::SourceId;
    use crate::subject::Measure;

    /// A table's claims hold neither a phrase nor a time of day: they are boxed, out of the
    /// way of the million claims that have none.
    #[test]
    fn a_claim_stays_small() {
        assert!(std::mem::size_of::<Claim>() <= 120, "{}", std::mem::size_of::<Claim>());
    }

    /// The boxed fields read and write as the unboxed ones did.
    #[test]
    fn boxed_fields_serialise_as_unboxed_ones() -> Result<(), Box<dyn std::error::Error>> {
        #[derive(Serialize)]
        struct Unboxed<'a> {
            id: &'a ClaimId,
            subject: &'a Subject,
            value: &'a Value,
            as_of: Option<NaiveDate>,
            provenance: &'a Provenance,
            phrase: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            as_of_time: Option<AsOfTime>,
        }
        let parser = Parser::default();
        let plain = Claim::parse(
            ClaimId::new("c1")?,
            Subject::new(Measure::Deaths),
            "about 1,000",
            Provenance::new(SourceId::new("a")?),
            &parser,
        )?;
        let timed = plain.clone().with_as_of_time(AsOfTime::parse("morning", &parser)?);
        let bare = Claim::new(
            ClaimId::new("c2")?,
            Subject::new(Measure::Deaths),
            plain.value().clone(),
            Provenance::new(SourceId::new("b")?),
        );
        let fixed = Claim::new(
            ClaimId::new("c3")?,
            Subject::new(Measure::Deaths).nature(crate::subject::Nature::FixedFact),
            plain.value().clone(),
            Provenance::new(SourceId::new("b")?),
        );
        for claim in [plain, timed, bare, fixed] {
            let unboxed = Unboxed {
                id: &claim.id,
                subject: &claim.subject,
                value: &claim.value,
                as_of: claim.as_of,
                provenance: &claim.provenance,
                phrase: claim.phrase().map(str::to_owned),
                as_of_time: claim.as_of_time().cloned(),
            };
            let json = serde_json::to_string(&claim)?;
            assert_eq!(json, serde_json::to_string(&unboxed)?);
            let back = serde_json::from_str::<Claim>(&json)?;
            assert_eq!(back, claim);
            // Equality leaves a subject's nature out: it survives the round trip too.
            assert_eq!(back.subject().behaviour(), claim.subject().behaviour());
        }
        Ok(())
    }
}
