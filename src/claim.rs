//! A claim: subject + value + as-of + provenance + the phrase it was read from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::id::ClaimId;
use crate::parse::Parser;
use crate::provenance::Provenance;
use crate::subject::Subject;
use crate::value::Value;

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
    subject: Subject,
    value: Value,
    as_of: Option<NaiveDate>,
    provenance: Provenance,
    phrase: Option<String>,
}

impl Claim {
    /// A claim with an already-typed value.
    #[must_use]
    pub fn new(id: ClaimId, subject: Subject, value: Value, provenance: Provenance) -> Self {
        Claim { id, subject, value, as_of: None, provenance, phrase: None }
    }

    /// Reads `phrase` with `parser` (relative dates resolved against the provenance's
    /// publication date) and builds the claim, keeping the phrase.
    ///
    /// # Errors
    /// [`Error::Claim`] naming the claim id and the field `value`, wrapping the parse error.
    pub fn parse(
        id: ClaimId,
        subject: Subject,
        phrase: &str,
        provenance: Provenance,
        parser: &Parser,
    ) -> Result<Self, Error> {
        let parser = match provenance.published_on() {
            Some(d) => parser.clone().published(d),
            None => parser.clone(),
        };
        let parsed = parser.parse(phrase).map_err(|e| e.in_claim(id.as_str(), "value"))?;
        Ok(Claim {
            id,
            subject,
            value: parsed.value,
            as_of: None,
            provenance,
            phrase: Some(phrase.to_owned()),
        })
    }

    /// Records the phrase the value was read from.
    #[must_use]
    pub fn with_phrase(self, phrase: impl Into<String>) -> Self {
        Self { phrase: Some(phrase.into()), ..self }
    }

    /// Sets the time the figure describes, when the text gives one ("as of January 10").
    #[must_use]
    pub fn with_as_of(self, date: NaiveDate) -> Self {
        Self { as_of: Some(date), ..self }
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
