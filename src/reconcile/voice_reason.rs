//! Why sources are one voice, kept as data (the names and counts a sentence gives) and written
//! by `Display` when a report asks, as the other reasons are (see [`super::reason`]).

use std::fmt;

use crate::id::SourceId;

/// Why sources are one voice (an independence group): a wire they relay, a declaration, or
/// the evidence that one copies another. Written in words by `Display`; serialised as its
/// words, read back and compared as [`RelationReason`](crate::RelationReason) is.
///
/// ```
/// # use claimrecon::{Claim, ClaimId, Measure, Parser, Provenance, Reconciler, SourceId, Subject, VoiceReason};
/// # let claim = |id: &str, outlet: &str| {
/// #     Claim::parse(ClaimId::new(id)?, Subject::new(Measure::Deaths), "225",
/// #         Provenance::new(SourceId::new(outlet)?), &Parser::default())
/// # };
/// let a = SourceId::new("Honest A")?;
/// let b = SourceId::new("Honest B")?;
/// let r = Reconciler::new()
///     .same_voice(a, b, "same owner: Example Media")
///     .reconcile(vec![claim("a", "Honest A")?, claim("b", "Honest B")?]);
/// let reason = &r.voices[0].reasons[0];
/// assert_eq!(*reason, "Honest A and Honest B: same owner: Example Media");
/// // Travels as its words, and reads back equal.
/// let json = serde_json::to_string(reason)?;
/// assert_eq!(serde_json::from_str::<VoiceReason>(&json)?, *reason);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct VoiceReason(VoiceWhy);

/// How closely a copier's figures match: exactly, to two significant figures (an editor
/// rounding "1,234" to "1,200"), or exactly with the truth read by classes of close figures
/// (`Statements::to_classes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Agreement {
    /// The same figure.
    Exact,
    /// The same figure to two significant figures.
    TwoFigures,
    /// The same figure to the digit, where close figures are one answer on the truth: within
    /// this many thousandths of the larger (`Policy::close`).
    TruthByClass(u16),
}

impl Agreement {
    /// What the evidence says after "the same figure".
    fn words(self) -> &'static str {
        match self {
            Agreement::Exact => "",
            Agreement::TwoFigures => " to two significant figures",
            Agreement::TruthByClass(_) => " to the digit",
        }
    }

    /// What the evidence says after the agreement independent voices would show: for a
    /// reading by classes, that it counts answers, not figures.
    fn after_expected(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Agreement::Exact | Agreement::TwoFigures => Ok(()),
            Agreement::TruthByClass(permille) => write!(
                f,
                " (figures within {} % of a class's centre, the figure with the most others near it, counted as one answer)",
                crate::value::permille_as_percent(permille)
            ),
        }
    }
}

/// The counts of a copy the block pass found: the subjects both spoke on (`shared`), those
/// where the copier gave the other's figure (`same`), how many independent voices of their
/// accuracy would give alike (`expected`), and the copy rate that explains it best.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CopyCounts {
    pub agreement: Agreement,
    pub same: usize,
    pub shared: usize,
    pub expected: f64,
    pub rate: f64,
}

/// One sentence of why sources are one voice, with what it names.
#[derive(Debug, Clone)]
pub(crate) enum VoiceWhy {
    /// An outlet relays a wire: on every claim it publishes (one voice), or claim by claim.
    Relays { outlet: SourceId, wire: SourceId, claim_by_claim: bool },
    /// An outlet relays a wire that published another speaker's figures.
    RelaysOriginal { outlet: SourceId, wire: SourceId, said: String },
    /// Two sources the caller declared one voice, with the caller's words.
    Declared { a: SourceId, b: SourceId, why: String },
    /// One copies the other, in a block of voices whose copies outvoted the rest.
    Copies { copier: SourceId, original: SourceId, counts: CopyCounts },
    /// Both echo one hidden source, with `block` voices in all.
    EchoOne { copier: SourceId, original: SourceId, block: usize, counts: CopyCounts },
    /// A copy found by reading again with each voice of several sources speaking once,
    /// counted against `voice`'s whole voice.
    ReadAgain { why: Box<VoiceWhy>, voice: SourceId },
    /// Voices that copy one another (or another voice's set, `of`) on one attribute alone;
    /// the first of them named, and how many more.
    AttributeSet { voices: Vec<SourceId>, more: usize, attribute: String, of: Option<SourceId> },
    /// A pair's evidence on one attribute alone.
    OnAttribute { attribute: String, why: Box<VoiceWhy> },
    /// Figures that exactly two voices give, beyond chance.
    RareSharing { a: SourceId, b: SourceId, same: usize, common: usize, shared: usize, chance: f64 },
    /// Identical figures off the estimate (ACCU's shared false values).
    FalseSharing { a: SourceId, b: SourceId, identical: usize, common: usize, off: usize },
    /// Words read back from a serialised reason.
    Text(String),
}

impl VoiceReason {
    /// The sentence, to be wrapped in another.
    pub(crate) fn into_why(self) -> VoiceWhy {
        self.0
    }
}

impl From<VoiceWhy> for VoiceReason {
    fn from(why: VoiceWhy) -> Self {
        VoiceReason(why)
    }
}

impl fmt::Display for VoiceReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for VoiceWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VoiceWhy::Relays { outlet, wire, claim_by_claim: false } => {
                write!(f, "{outlet} relays {wire}")
            }
            VoiceWhy::Relays { outlet, wire, claim_by_claim: true } => {
                write!(f, "{outlet} relays {wire} (claim by claim)")
            }
            VoiceWhy::RelaysOriginal { outlet, wire, said } => {
                write!(f, "{outlet} relays {wire}, which published {said}'s figures")
            }
            VoiceWhy::Declared { a, b, why } => write!(f, "{a} and {b}: {why}"),
            VoiceWhy::Copies { copier, original, counts: c } => {
                write!(
                    f,
                    "{copier} and {original}: one copies the other (the same figure{} on {} of {} shared subjects, where independent voices of their accuracy would agree on {:.0}",
                    c.agreement.words(),
                    c.same,
                    c.shared,
                    c.expected,
                )?;
                c.agreement.after_expected(f)?;
                write!(
                    f,
                    "; copying read at {:.0} %), in a block of voices whose copies outvoted the other sources",
                    c.rate * 100.0
                )
            }
            VoiceWhy::EchoOne { copier, original, block, counts: c } => {
                write!(
                    f,
                    "{copier} and {original}: both echo one source, with {block} voices in all whose copies outvoted the other sources ({copier} gives the figure{} the rest of them give most on {} of the {} subjects where another of them spoke, where an independent voice of its accuracy would on {:.0}",
                    c.agreement.words(),
                    c.same,
                    c.shared,
                    c.expected,
                )?;
                c.agreement.after_expected(f)?;
                write!(
                    f,
                    "; copying read at {:.0} %); {original} gives their figure most often",
                    c.rate * 100.0
                )
            }
            VoiceWhy::ReadAgain { why, voice } => write!(
                f,
                "{why}; read again with each voice of several sources speaking once, with the figure its members give most on each subject, so the counts are against {voice}'s whole voice"
            ),
            VoiceWhy::AttributeSet { voices, more, attribute, of } => {
                for (i, v) in voices.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                if *more > 0 {
                    write!(f, ", {more} more")?;
                }
                match of {
                    Some(of) => write!(
                        f,
                        " also copy {of}'s set on {attribute} alone, read again with the set's copies counted once: a figure of {attribute} one of them gives that another of the set gives on the same subject counts once, their other figures as their own"
                    ),
                    None => write!(
                        f,
                        " copy one another on {attribute} alone: a figure of {attribute} one of them gives that another gives on the same subject counts once, their other figures as their own"
                    ),
                }
            }
            VoiceWhy::OnAttribute { attribute, why } => write!(f, "on {attribute} alone: {why}"),
            VoiceWhy::RareSharing { a, b, same, common, shared, chance } => write!(
                f,
                "{a} and {b}: copying detected ({same} of {common} shared subjects identical, {shared} figures no other voice gives, against {chance:.1} by chance)"
            ),
            VoiceWhy::FalseSharing { a, b, identical, common, off } => write!(
                f,
                "{a} and {b}: copying detected ({identical} of {common} shared subjects identical, {off} identical figures off the estimate)"
            ),
            VoiceWhy::Text(text) => f.write_str(text),
        }
    }
}

crate::words::words_as_text!(VoiceReason, |text| VoiceReason(VoiceWhy::Text(text)));
