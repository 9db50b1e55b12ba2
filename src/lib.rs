#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod bulk;
mod claim;
mod corpus;
mod crh;
mod error;
mod extract;
mod id;
mod parse;
mod provenance;
mod reconcile;
mod report;
mod subject;
#[cfg(feature = "synth")]
mod synth;
mod tabular;
mod unit;
mod value;
mod words;

pub use crate::bulk::Bulk;
pub use crate::claim::{AsOfTime, Claim};
pub use crate::corpus::{Annotation, Corpus, Document, MAX_LINE_BYTES};
pub use crate::error::{Error, IoError, JsonProblem};
pub use crate::extract::{Proposal, extract};
pub use crate::id::{ClaimId, DocumentId, Score, SourceId};
pub use crate::parse::{MAX_PHRASE_BYTES, Parsed, Parser, Reading};
pub use crate::provenance::Provenance;
pub use crate::reconcile::{
    AttributeVoice, DerivedBound, Estimate, EstimateReason, Figure, Finding, FindingKind,
    FindingMessage, Group, OutletReport, PartMember, Rank, RankReason, Ranked, Reconciler,
    Reconciliation, Rejected, Relation, RelationIter, RelationKind, RelationReason, Relations,
    Repeat, SourceReport, Summary, TableGroup, VoiceReason, VoiceReport,
};
pub use crate::report::{markdown, text};
pub use crate::subject::{Aliases, Measure, Nature, Places, Population, Subject};
#[cfg(feature = "synth")]
pub use crate::synth::{AttributeKind, Synthetic, SyntheticRow, SyntheticTruth, SyntheticValue};
pub use crate::tabular::Table;
pub use crate::tabular::cell::CellKind;
pub use crate::unit::{Currency, Dimension, Unit};
pub use crate::value::{
    Amount, ApproxPolicy, Basis, Change, Clock, ClockStyle, Comparison, ComparisonReason,
    DatePrecision, DateValue, DayInterval, DayPart, DayPartRange, Endpoint, Interval, ItemSet,
    Label, Magnitude, Number, NumberRange, Policy, QualifiedTime, TimeOfDay, TimePolicy,
    TimeQualifier, TimeWindow, VaguePolicy, VagueRange, VagueWord, Value, ValueKind, Verdict,
};
