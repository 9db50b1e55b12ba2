//! How imprecise words become intervals: "about", "nearly" and vague quantifiers.
//!
//! Professionals never turn "dozens" into one number and stop there; they keep the word and
//! code it by a published rule. These policies are that rule, documented and configurable.
//! The rule for times of day, [`TimePolicy`], lives with the times it reads (`daytime.rs`);
//! [`Policy`] holds all three.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::daytime::TimePolicy;
use super::interval::Interval;
use super::number::{Number, sanitize};
use crate::unit::Dimension;

/// A vague quantifier: a word that names an order of magnitude, not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum VagueWord {
    /// "a few".
    AFew,
    /// "a handful".
    AHandful,
    /// "several".
    Several,
    /// "tens".
    Tens,
    /// "dozens".
    Dozens,
    /// "scores".
    Scores,
    /// "hundreds".
    Hundreds,
    /// "thousands".
    Thousands,
    /// "tens of thousands".
    TensOfThousands,
    /// "hundreds of thousands".
    HundredsOfThousands,
    /// "millions".
    Millions,
}

impl VagueWord {
    /// Every vague word, in increasing order of size.
    pub const ALL: [VagueWord; 11] = [
        VagueWord::AFew,
        VagueWord::AHandful,
        VagueWord::Several,
        VagueWord::Tens,
        VagueWord::Dozens,
        VagueWord::Scores,
        VagueWord::Hundreds,
        VagueWord::Thousands,
        VagueWord::TensOfThousands,
        VagueWord::HundredsOfThousands,
        VagueWord::Millions,
    ];

    /// The words as written.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            VagueWord::AFew => "a few",
            VagueWord::AHandful => "a handful",
            VagueWord::Several => "several",
            VagueWord::Tens => "tens",
            VagueWord::Dozens => "dozens",
            VagueWord::Scores => "scores",
            VagueWord::Hundreds => "hundreds",
            VagueWord::Thousands => "thousands",
            VagueWord::TensOfThousands => "tens of thousands",
            VagueWord::HundredsOfThousands => "hundreds of thousands",
            VagueWord::Millions => "millions",
        }
    }
}

impl fmt::Display for VagueWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The interval a policy gives a vague word, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VagueRange {
    /// The smallest number the word allows.
    pub low: f64,
    /// The largest number the word allows.
    pub high: f64,
    /// Where the numbers come from, in words.
    pub reason: String,
}

impl VagueRange {
    /// The range as an interval.
    #[must_use]
    pub fn interval(&self) -> Interval {
        Interval::closed(self.low, self.high)
    }
}

/// Maps vague words to intervals.
///
/// The defaults are conservative: the low end is the floor a casualty recorder would code.
/// ACLED codes 10 for "tens", 12 for "dozens" and 100 for "hundreds" (ACLED, *Fatalities*,
/// in "Uses and limitations of ACLED data", 2023, updated 2024); we use those as low ends. The
/// high end is the point where a writer would switch to the next word ("dozens" stops below a
/// hundred). Words ACLED does not code ("a few", "several", "scores") use our own documented
/// choice, shown in each word's reason.
///
/// | word | default interval | basis |
/// |---|---|---|
/// | a few | 2 – 5 | our choice |
/// | a handful | 2 – 5 | our choice |
/// | several | 3 – 9 | our choice |
/// | tens | 10 – 99 | ACLED floor 10 |
/// | dozens | 12 – 99 | ACLED floor 12 |
/// | scores | 20 – 99 | a score is 20 |
/// | hundreds | 100 – 999 | ACLED floor 100 |
/// | thousands | 1,000 – 9,999 | ACLED's rule, next order |
/// | tens of thousands | 10,000 – 99,999 | same |
/// | hundreds of thousands | 100,000 – 999,999 | same |
/// | millions | 1,000,000 – 999,999,999 | same |
///
/// ```
/// use claimrecon::{VaguePolicy, VagueWord};
/// let policy = VaguePolicy::default().set(VagueWord::Dozens, 24.0, 99.0, "two dozen or more");
/// assert_eq!(policy.range(VagueWord::Dozens).low, 24.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "VagueRepr")]
pub struct VaguePolicy {
    ranges: BTreeMap<VagueWord, VagueRange>,
}

/// A serialised [`VaguePolicy`]: its ranges go through [`VaguePolicy::set`] on the way in, so a
/// policy read from a file keeps its ends within 0..=10^15 as one built in code does.
#[derive(Deserialize)]
struct VagueRepr {
    ranges: BTreeMap<VagueWord, VagueRange>,
}

impl From<VagueRepr> for VaguePolicy {
    fn from(r: VagueRepr) -> Self {
        let empty = VaguePolicy { ranges: BTreeMap::new() };
        r.ranges.into_iter().fold(empty, |p, (word, v)| p.set(word, v.low, v.high, &v.reason))
    }
}

impl Default for VaguePolicy {
    fn default() -> Self {
        const ACLED: &str = "ACLED codes";
        let table: [(VagueWord, f64, f64, String); 11] = [
            (
                VagueWord::AFew,
                2.0,
                5.0,
                "claimrecon's choice: more than one, fewer than several".into(),
            ),
            (
                VagueWord::AHandful,
                2.0,
                5.0,
                "claimrecon's choice: as many as fingers on a hand".into(),
            ),
            (
                VagueWord::Several,
                3.0,
                9.0,
                "claimrecon's choice: more than a couple, below ten".into(),
            ),
            (
                VagueWord::Tens,
                10.0,
                99.0,
                format!(
                    "{ACLED} \"tens\" as 10 (the conservative floor); below 100, else \"hundreds\""
                ),
            ),
            (
                VagueWord::Dozens,
                12.0,
                99.0,
                format!(
                    "{ACLED} \"dozens\" as 12 (the conservative floor); below 100, else \"hundreds\""
                ),
            ),
            (
                VagueWord::Scores,
                20.0,
                99.0,
                "a score is 20, the floor; below 100, else \"hundreds\"".into(),
            ),
            (
                VagueWord::Hundreds,
                100.0,
                999.0,
                format!(
                    "{ACLED} \"hundreds\" as 100 (the conservative floor); below 1,000, else \"thousands\""
                ),
            ),
            (
                VagueWord::Thousands,
                1000.0,
                9999.0,
                "ACLED's rule one order up: floor 1,000; below 10,000".into(),
            ),
            (
                VagueWord::TensOfThousands,
                10_000.0,
                99_999.0,
                "ACLED's rule: floor 10,000; below 100,000".into(),
            ),
            (
                VagueWord::HundredsOfThousands,
                100_000.0,
                999_999.0,
                "ACLED's rule: floor 100,000; below a million".into(),
            ),
            (
                VagueWord::Millions,
                1e6,
                1e9 - 1.0,
                "ACLED's rule: floor 1,000,000; below a billion".into(),
            ),
        ];
        VaguePolicy {
            ranges: table
                .into_iter()
                .map(|(w, low, high, reason)| (w, VagueRange { low, high, reason }))
                .collect(),
        }
    }
}

impl VaguePolicy {
    /// Replaces the interval for one word. `low` and `high` are swapped if given inverted and
    /// clamped to `0 ..= Number::MAX` (NaN is taken as 0).
    #[must_use]
    pub fn set(mut self, word: VagueWord, low: f64, high: f64, reason: &str) -> Self {
        let (low, high) = (clamp_to_amounts(low), clamp_to_amounts(high));
        let (low, high) = if low <= high { (low, high) } else { (high, low) };
        self.ranges.insert(word, VagueRange { low, high, reason: reason.to_owned() });
        self
    }

    /// The interval and reason for `word`.
    #[must_use]
    pub fn range(&self, word: VagueWord) -> VagueRange {
        self.ranges.get(&word).cloned().unwrap_or_else(|| VagueRange {
            low: 0.0,
            high: Number::MAX,
            reason: format!("no range configured for \"{word}\""),
        })
    }
}

/// How wide "about x" and "nearly x" are: rounding-aware.
///
/// The half-width of "about x" is the larger of `relative · x` and `rounding · p`, where `p`
/// is the place value of x's last significant digit. A round number is a rounded number, so
/// "about 1,000" (p = 1,000) is wider than "about 1,050" (p = 10):
///
/// | phrase | half-width (defaults) | interval |
/// |---|---|---|
/// | about 1,000 | max(100, 250) = 250 | [750, 1250] |
/// | about 1,050 | max(105, 2.5) = 105 | [945, 1155] |
/// | about 2,500 | max(250, 25) = 250 | [2250, 2750] |
/// | nearly 2,000 | max(200, 250) = 250 | [1750, 2000) |
///
/// ```
/// use claimrecon::{ApproxPolicy, Number};
/// let p = ApproxPolicy::default();
/// let wide = p.about(Number::new(1000.0)?);
/// let narrow = p.about(Number::new(1050.0)?);
/// assert_eq!(wide.to_string(), "[750, 1250]");
/// assert_eq!(narrow.to_string(), "[945, 1155]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(from = "ApproxRepr")]
pub struct ApproxPolicy {
    relative: f64,
    rounding: f64,
}

/// A serialised [`ApproxPolicy`], checked on the way in as its setters check it.
#[derive(Deserialize)]
struct ApproxRepr {
    relative: f64,
    rounding: f64,
}

impl From<ApproxRepr> for ApproxPolicy {
    fn from(r: ApproxRepr) -> Self {
        ApproxPolicy::default().relative(r.relative).rounding(r.rounding)
    }
}

impl Default for ApproxPolicy {
    /// `relative` 0.1 (10 %), `rounding` 0.25 (a quarter of the last significant place).
    fn default() -> Self {
        ApproxPolicy { relative: 0.1, rounding: 0.25 }
    }
}

impl ApproxPolicy {
    /// Sets the relative half-width (0.1 = ±10 %). Negative or non-finite input is taken as 0.
    #[must_use]
    pub fn relative(self, relative: f64) -> Self {
        Self { relative: sanitize(relative), ..self }
    }

    /// Sets the share of the last significant digit's place used as a half-width.
    #[must_use]
    pub fn rounding(self, rounding: f64) -> Self {
        Self { rounding: sanitize(rounding), ..self }
    }

    /// The half-width this policy gives "about x", at most [`Number::MAX`], so an interval
    /// stays finite whatever the policy.
    #[must_use]
    pub fn half_width(&self, x: Number) -> f64 {
        (self.relative * x.get()).max(self.rounding * x.last_digit_place()).min(Number::MAX)
    }

    /// The interval for "about x".
    #[must_use]
    pub fn about(&self, x: Number) -> Interval {
        let h = self.half_width(x);
        Interval::closed((x.get() - h).max(0.0), x.get() + h)
    }

    /// The interval for "nearly x": just below x, as far down as "about x" reaches; x itself
    /// when that reaches nothing below it (a policy of no width, or x = 0), so that it is never
    /// empty. "nearly 0" ("just below 0") is refused anyway, by the parser and the reconciler.
    #[must_use]
    pub fn nearly(&self, x: Number) -> Interval {
        use super::interval::Endpoint;
        let low = (x.get() - self.half_width(x)).max(0.0);
        if low >= x.get() {
            return Interval::point(x.get());
        }
        Interval::new(
            Endpoint { value: low, open: false },
            Some(Endpoint { value: x.get(), open: true }),
        )
    }
}

/// `x` clamped to the amounts claimrecon holds, 0 to `Number::MAX` (NaN is 0).
fn clamp_to_amounts(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, Number::MAX) }
}

/// The policies that turn imprecise values into intervals. Built by value:
///
/// ```
/// use claimrecon::{ApproxPolicy, Policy};
/// let strict = Policy::default().approx(ApproxPolicy::default().relative(0.05));
/// # let _ = strict;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    approx: ApproxPolicy,
    vague: VaguePolicy,
    #[serde(default)]
    time: TimePolicy,
    /// See [`Policy::close`]; a policy written before it existed reads as the default.
    #[serde(default = "default_close", deserialize_with = "close_share")]
    close: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            approx: ApproxPolicy::default(),
            vague: VaguePolicy::default(),
            time: TimePolicy::default(),
            close: DEFAULT_CLOSE,
        }
    }
}

/// [`Policy::close`] by default: figures given to the digit within 10 % of the larger are
/// one count. **Chosen before measuring**, as "about x" reaches 10 % either side
/// ([`ApproxPolicy`]'s default): the width within which independent counts of one quantity
/// are read as agreeing rather than as different answers.
const DEFAULT_CLOSE: f64 = 0.1;

/// The most [`Policy::close`] takes: at a half, a figure and its double are already close.
const MOST_CLOSE: f64 = 0.5;

/// A share in thousandths ([`Close::permille`]) as a percentage's words: `100` is "10", `333`
/// "33.3". One rendering for every reason that names the share.
pub(crate) fn permille_as_percent(permille: u16) -> String {
    super::interval::trim_float(f64::from(permille) / 10.0)
}

fn default_close() -> f64 {
    DEFAULT_CLOSE
}

/// A serialised [`Policy::close`], checked on the way in as the setter checks it.
fn close_share<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    f64::deserialize(d).map(|share| sanitize(share).min(MOST_CLOSE))
}

/// When two figures are close ([`Policy::close`]): the one rule the estimates' clusters, the
/// relations between claims and copy detection's classes read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Close {
    share: f64,
}

impl Close {
    /// The share of the larger figure within which two figures are close.
    pub(crate) fn share(self) -> f64 {
        self.share
    }

    /// The share in thousandths, rounded (for words that name it).
    pub(crate) fn permille(self) -> u16 {
        // At most 500: `MOST_CLOSE` holds it.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let permille = (self.share * 1000.0).round() as u16;
        permille
    }

    /// Whether figures `low` and `high` (`low <= high`) are close: of one sign, and apart by
    /// at most the share of the larger in size. With a share of 0, only equal figures are.
    pub(crate) fn holds(self, low: f64, high: f64) -> bool {
        let same_sign = (low >= 0.0) == (high >= 0.0);
        same_sign && high - low <= self.share * low.abs().max(high.abs())
    }

    /// The lowest figure close to `x` at or below it ([`Close::holds`]): how far down a count
    /// of `x` given to the digit reaches, as one count with the figures it is close to. `x`
    /// itself where `x` is not above zero, or the share is 0.
    pub(crate) fn lowest_close(self, x: f64) -> f64 {
        if x > 0.0 { x * (1.0 - self.share) } else { x }
    }

    /// The rule for figures of `dimension`: this one where figures of it are counted or
    /// tallied (people, things, money, mass, volume), so that independent sources' figures of
    /// one quantity differ by their counting; none (only equal figures are close) for a
    /// price per unit, which whoever sets it states exactly, and for a percentage, where a
    /// few points are a real difference.
    pub(crate) fn of(self, dimension: Dimension) -> Close {
        match dimension {
            Dimension::Count | Dimension::Money(_) | Dimension::Mass | Dimension::Volume => self,
            Dimension::MoneyPerVolume(_) | Dimension::Percent => Close { share: 0.0 },
        }
    }

    /// Only equal figures are close.
    pub(crate) const EXACT: Close = Close { share: 0.0 };
}

impl Policy {
    /// Replaces the policy for "about" and "nearly".
    #[must_use]
    pub fn approx(self, approx: ApproxPolicy) -> Self {
        Self { approx, ..self }
    }

    /// Replaces the policy for vague quantifiers.
    #[must_use]
    pub fn vague(self, vague: VaguePolicy) -> Self {
        Self { vague, ..self }
    }

    /// The policy for "about" and "nearly".
    #[must_use]
    pub fn approx_policy(&self) -> &ApproxPolicy {
        &self.approx
    }

    /// The policy for vague quantifiers.
    #[must_use]
    pub fn vague_policy(&self) -> &VaguePolicy {
        &self.vague
    }

    /// Replaces the policy for qualified times of day and parts of the day.
    #[must_use]
    pub fn time(self, time: TimePolicy) -> Self {
        Self { time, ..self }
    }

    /// The policy for qualified times of day and parts of the day.
    #[must_use]
    pub fn time_policy(&self) -> &TimePolicy {
        &self.time
    }

    /// Replaces how far apart two figures given to the digit may be and still count as one
    /// count: `share` of the larger (0.1 by default; 0 reads only equal figures as one).
    /// Independent counts of one toll rarely match to the digit: three agencies' 100, 102
    /// and 105 deaths the same day are one count, "low 100 / best 102 / high 105" from three
    /// voices, not three conflicting figures each resting on one voice. It holds between
    /// figures the estimate reads at one time (the same date, or any two of a fixed fact)
    /// that count or tally (people, things, money, mass, volume), not between a price per
    /// unit or a percentage, and not between a figure and a bound, a range or an approximate
    /// figure, which carry their own width. Every count of one cluster is within the share of
    /// every other; a chain wider than that is cut into as few clusters as that allows, at the
    /// widest gaps (190, 203, 215 and 215 are 190 | 203, 215, 215). A running total's later
    /// count within the share
    /// below another voice's earlier one is the same count, not a fall. Copy detection reads
    /// close figures as one answer where the truth is concerned. Negative or non-finite input
    /// is taken as 0, and a share above 0.5 as 0.5.
    ///
    /// ```
    /// use claimrecon::Policy;
    /// let strict = Policy::default().close(0.0);
    /// assert_eq!(strict.close_share(), 0.0);
    /// assert_eq!(Policy::default().close_share(), 0.1);
    /// assert_eq!(Policy::default().close(0.9).close_share(), 0.5);
    /// ```
    #[must_use]
    pub fn close(self, share: f64) -> Self {
        Self { close: sanitize(share).min(MOST_CLOSE), ..self }
    }

    /// How far apart two figures given to the digit may be and still count as one count, as
    /// a share of the larger ([`Policy::close`]).
    #[must_use]
    pub fn close_share(&self) -> f64 {
        self.close
    }

    /// The rule [`Policy::close`] sets.
    pub(crate) fn close_rule(&self) -> Close {
        Close { share: self.close }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_keep_every_interval_finite() {
        let max = Number::new(Number::MAX).unwrap();
        let wide = ApproxPolicy::default().relative(1e300).rounding(1e300).about(max);
        assert_eq!(wide.high().map(|h| h.value), Some(2.0 * Number::MAX));
        let v = VaguePolicy::default().set(VagueWord::Dozens, 12.0, f64::INFINITY, "open").set(
            VagueWord::Tens,
            f64::NAN,
            5.0,
            "nan",
        );
        assert_eq!((v.range(VagueWord::Dozens).low, v.range(VagueWord::Dozens).high), (12.0, 1e15));
        assert_eq!((v.range(VagueWord::Tens).low, v.range(VagueWord::Tens).high), (0.0, 5.0));
    }

    /// A policy read from a file is held to what its setters hold one built in code to.
    #[test]
    fn deserialised_policies_are_checked_like_built_ones() {
        let mut json = serde_json::to_value(Policy::default()).unwrap();
        json["vague"]["ranges"]["Dozens"]["low"] = serde_json::json!(-5.0);
        json["vague"]["ranges"]["Dozens"]["high"] = serde_json::json!(1e300);
        json["approx"]["relative"] = serde_json::json!(-0.5);
        json["approx"]["rounding"] = serde_json::json!(-1.0);
        json["close"] = serde_json::json!(9.0);
        let back: Policy = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back.close_share(), 0.5);
        json["close"] = serde_json::json!(-1.0);
        assert_eq!(serde_json::from_value::<Policy>(json.clone()).unwrap().close_share(), 0.0);
        let dozens = back.vague.range(VagueWord::Dozens);
        assert_eq!((dozens.low, dozens.high), (0.0, Number::MAX));
        assert_eq!(back.approx, ApproxPolicy::default().relative(0.0).rounding(0.0));
    }

    #[test]
    fn about_a_round_number_is_wider_than_about_a_precise_one() {
        let p = ApproxPolicy::default();
        let round = p.about(Number::new(1000.0).unwrap());
        let precise = p.about(Number::new(1050.0).unwrap());
        let width = |i: Interval| i.high().unwrap().value - i.low().value;
        assert!(width(round) > width(precise));
    }

    #[test]
    fn dozens_default_cites_acled() {
        let r = VaguePolicy::default().range(VagueWord::Dozens);
        assert_eq!((r.low, r.high), (12.0, 99.0));
        assert!(r.reason.contains("ACLED"));
    }

    #[test]
    fn a_policy_without_a_time_or_close_section_still_loads() {
        let json = serde_json::to_value(Policy::default()).unwrap();
        let mut old = json.as_object().unwrap().clone();
        old.remove("time");
        old.remove("close");
        let back: Policy = serde_json::from_value(serde_json::Value::Object(old)).unwrap();
        assert_eq!(back, Policy::default());
    }

    #[test]
    fn every_word_has_a_range() {
        let p = VaguePolicy::default();
        for w in VagueWord::ALL {
            let r = p.range(w);
            assert!(r.low <= r.high, "{w}");
            assert!(!r.reason.starts_with("no range"), "{w}");
        }
    }
}
