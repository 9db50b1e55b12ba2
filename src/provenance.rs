//! Where a claim comes from: outlet, speaker, relaying wire, quote, document.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::id::{DocumentId, SourceId};
use crate::value::Label;

/// Who published a claim, who said it, and how it reached the outlet.
///
/// ```
/// use claimrecon::{Label, Provenance, SourceId};
/// use chrono::NaiveDate;
/// let p = Provenance::new(SourceId::new("GSV Russia - Islamic World")?)
///     .speaker(Label::new("UN")?)
///     .relayed_via(SourceId::new("RIA Novosti")?)
///     .published(NaiveDate::from_ymd_opt(2022, 1, 25).unwrap());
/// assert_eq!(p.via().map(SourceId::as_str), Some("RIA Novosti"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Provenance {
    outlet: SourceId,
    speaker: Option<Label>,
    relayed_via: Option<SourceId>,
    quote: Option<String>,
    document: Option<DocumentId>,
    published: Option<NaiveDate>,
}

impl Provenance {
    /// A claim published by `outlet`, with nothing else known.
    #[must_use]
    pub fn new(outlet: SourceId) -> Self {
        Provenance {
            outlet,
            speaker: None,
            relayed_via: None,
            quote: None,
            document: None,
            published: None,
        }
    }

    /// Who the outlet attributes the claim to: "the prosecutor general's office", "UN".
    #[must_use]
    pub fn speaker(self, speaker: Label) -> Self {
        Self { speaker: Some(speaker), ..self }
    }

    /// The wire the outlet relayed the claim from: "RIA Novosti".
    #[must_use]
    pub fn relayed_via(self, wire: SourceId) -> Self {
        Self { relayed_via: Some(wire), ..self }
    }

    /// The verbatim sentence the claim was taken from.
    #[must_use]
    pub fn quote(self, quote: impl Into<String>) -> Self {
        Self { quote: Some(quote.into()), ..self }
    }

    /// The document the claim appears in.
    #[must_use]
    pub fn document(self, document: DocumentId) -> Self {
        Self { document: Some(document), ..self }
    }

    /// The publication date of that document; the claim's default as-of date.
    #[must_use]
    pub fn published(self, date: NaiveDate) -> Self {
        Self { published: Some(date), ..self }
    }

    /// The outlet.
    #[must_use]
    pub fn outlet(&self) -> &SourceId {
        &self.outlet
    }

    /// The speaker, if named.
    #[must_use]
    pub fn said_by(&self) -> Option<&Label> {
        self.speaker.as_ref()
    }

    /// The relaying wire, if any.
    #[must_use]
    pub fn via(&self) -> Option<&SourceId> {
        self.relayed_via.as_ref()
    }

    /// The verbatim quote, if recorded.
    #[must_use]
    pub fn quoted(&self) -> Option<&str> {
        self.quote.as_deref()
    }

    /// The document id, if recorded.
    #[must_use]
    pub fn in_document(&self) -> Option<&DocumentId> {
        self.document.as_ref()
    }

    /// The publication date, if known.
    #[must_use]
    pub fn published_on(&self) -> Option<NaiveDate> {
        self.published
    }

    /// The voice this claim speaks with before any grouping: the wire it was relayed via if
    /// any, else the outlet. Two articles relaying RIA Novosti share this voice.
    #[must_use]
    pub fn voice(&self) -> &SourceId {
        self.relayed_via.as_ref().unwrap_or(&self.outlet)
    }
}
