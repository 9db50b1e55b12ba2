//! How imprecise words become intervals: "about", "nearly" and vague quantifiers.
//!
//! Professionals never turn "dozens" into one number and stop there; they keep the word and
//! code it by a published rule. These policies are that rule, documented and configurable.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::daytime::{DayInterval, DayPart};
use super::interval::Interval;
use super::number::Number;
use super::time::TimeOfDay;

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

    /// The interval for "nearly x": just below x, as far down as "about x" reaches.
    #[must_use]
    pub fn nearly(&self, x: Number) -> Interval {
        use super::interval::Endpoint;
        let h = self.half_width(x);
        Interval::new(
            Endpoint { value: (x.get() - h).max(0.0), open: false },
            Some(Endpoint { value: x.get(), open: true }),
        )
    }
}

/// A part of the day's stretch under a [`TimePolicy`], and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayPartRange {
    /// Where the stretch begins (included).
    pub start: TimeOfDay,
    /// Where it ends (excluded); earlier than `start` when it crosses midnight, equal to
    /// `start` for the whole day.
    pub end: TimeOfDay,
    /// Where the times come from, in words.
    pub reason: String,
}

impl DayPartRange {
    /// `[start, end)`, across midnight if `end` is earlier than `start`.
    #[must_use]
    pub fn interval(&self) -> DayInterval {
        let (s, e) = (self.start.minutes(), self.end.minutes());
        if s == e {
            DayInterval::whole_day()
        } else {
            DayInterval::half_open(s, (e + 1440 - s) % 1440)
        }
    }
}

/// How loosely stated times of day become stretches of the day: "about 6 p.m.", "shortly
/// after midnight", "by noon", "early morning".
///
/// Every stretch is a [`DayInterval`] of the one day the claim is about; those of "night" and
/// "late at night" cross midnight. Ends are included `[` or excluded `)`. Midnight and noon
/// are plain clock times (00:00 and 12:00), not stretches. Defaults:
///
/// | phrase | default stretch | basis |
/// |---|---|---|
/// | about / around / approximately / roughly / circa X | X ± half the rounding of X, rounded up to a minute: ±30 on the hour ("about 6 p.m." `[17:30, 18:30]`), ±15 on the half hour, ±8 on a quarter, ±3 on five minutes, ±1 otherwise | rounding-aware like [`ApproxPolicy`]: whoever says "about 6" rounded to the hour, and every time within half an hour of 6 rounds to it |
/// | shortly / just / soon after X | `[X, X+30]` | claimrecon's choice: "shortly" is under half an hour |
/// | shortly / just before X | `[X−30, X)` ("just before midnight" `[23:30, 24:00)`) | the same, mirrored; X itself is not before X |
/// | after X | `[X, 24:00)` | open-ended within the day; "after midnight" is the whole day, since midnight opens it |
/// | before X | `[00:00, X)` | open-ended within the day; "before midnight" is the whole day, since midnight closes it |
/// | by X | `[00:00, X]` | at or before X; "by midnight" is the whole day |
/// | before dawn | `[00:00, 08:00)` | dark hours up to the latest dawn below |
/// | at dawn | `[04:00, 08:00)` | civil dawn at mid latitudes (35–55°) over most of the year; claimrecon knows neither place nor date |
/// | early morning | `[00:00, 09:00)` | Duckling (English) reads "early morning" as 00:00–09:00 |
/// | morning | `[04:00, 12:00)` | Duckling reads "morning" as 04:00–12:00 in most languages (00:00–12:00 in English; news calls the small hours "overnight" or "early morning") |
/// | late morning | `[09:00, 12:00)` | claimrecon's choice: from the end of early morning to noon |
/// | afternoon | `[12:00, 19:00)` | Duckling (English): 12:00–19:00 |
/// | at dusk | `[16:00, 21:00)` | civil dusk at mid latitudes over the year, as for dawn |
/// | early evening | `[17:00, 20:00)` | claimrecon's choice: the first three hours of evening |
/// | evening | `[17:00, 24:00)` | Duckling (English) starts evening at 18:00; an hour earlier here, because winter news calls 5 p.m. after dark "evening" |
/// | late evening | `[21:00, 24:00)` | claimrecon's choice: the last three hours of evening, as Duckling reads "late last night" as the three hours before midnight |
/// | night / overnight | `[21:00, 06:00)` | claimrecon's choice: from late evening to the end of early dawn, across midnight |
/// | late at night | `[22:00, 03:00)` | claimrecon's choice: late evening into the small hours |
///
/// Duckling: facebook/duckling, `Duckling/Time/EN/Rules.hs` (part-of-day and early-morning
/// rules) and the other languages' "morning" rules. The defaults are deliberately wide: a
/// stretch too narrow invents conflicts; one too wide only misses some.
///
/// ```
/// use claimrecon::{DayPart, TimeOfDay, TimePolicy};
/// let policy = TimePolicy::default().set(
///     DayPart::Night,
///     TimeOfDay::new(22, 0)?,
///     TimeOfDay::new(5, 0)?,
///     "the curfew order's own words",
/// );
/// assert_eq!(policy.part(DayPart::Night).interval().to_string(), "[22:00, 05:00)");
/// assert_eq!(TimePolicy::default().shortly_minutes(), 30);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimePolicy {
    about_rounding: f64,
    shortly: u16,
    parts: BTreeMap<DayPart, DayPartRange>,
}

impl Default for TimePolicy {
    /// `about_rounding` 0.5, `shortly` 30 minutes, and the parts of the day in the table.
    fn default() -> Self {
        const DUCKLING: &str = "Duckling (English)";
        let table: [(DayPart, (u32, u32), String); 13] = [
            (DayPart::BeforeDawn, (0, 8), "the dark hours up to the latest dawn".into()),
            (DayPart::AtDawn, (4, 8), "civil dawn at mid latitudes over most of the year".into()),
            (
                DayPart::EarlyMorning,
                (0, 9),
                format!("{DUCKLING} reads \"early morning\" as 00:00-09:00"),
            ),
            (
                DayPart::Morning,
                (4, 12),
                "Duckling reads \"morning\" as 04:00-12:00 in most languages".into(),
            ),
            (
                DayPart::LateMorning,
                (9, 12),
                "claimrecon's choice: from the end of early morning to noon".into(),
            ),
            (
                DayPart::Afternoon,
                (12, 19),
                format!("{DUCKLING} reads \"afternoon\" as 12:00-19:00"),
            ),
            (DayPart::AtDusk, (16, 21), "civil dusk at mid latitudes over the year".into()),
            (
                DayPart::EarlyEvening,
                (17, 20),
                "claimrecon's choice: the first three hours of evening".into(),
            ),
            (
                DayPart::Evening,
                (17, 0),
                format!(
                    "{DUCKLING} starts evening at 18:00; claimrecon an hour earlier, for winter dark"
                ),
            ),
            (
                DayPart::LateEvening,
                (21, 0),
                "claimrecon's choice: the last three hours of evening".into(),
            ),
            (
                DayPart::Night,
                (21, 6),
                "claimrecon's choice: late evening to dawn, across midnight".into(),
            ),
            (
                DayPart::Overnight,
                (21, 6),
                "claimrecon's choice: late evening to dawn, across midnight".into(),
            ),
            (
                DayPart::LateAtNight,
                (22, 3),
                "claimrecon's choice: late evening into the small hours".into(),
            ),
        ];
        let hour = |h: u32| TimeOfDay::new(h, 0).unwrap_or_else(|_| TimeOfDay::midnight());
        TimePolicy {
            about_rounding: 0.5,
            shortly: 30,
            parts: table
                .into_iter()
                .map(|(p, (s, e), reason)| {
                    (p, DayPartRange { start: hour(s), end: hour(e), reason })
                })
                .collect(),
        }
    }
}

impl TimePolicy {
    /// Sets the share of a stated time's rounding used as the half-width of "about X" (0.5:
    /// half an hour for a time on the hour). Negative or non-finite input is taken as 0;
    /// widths stop at the whole day.
    #[must_use]
    pub fn about_rounding(self, share: f64) -> Self {
        Self { about_rounding: sanitize(share).min(12.0), ..self }
    }

    /// Sets how many minutes "shortly after" and "shortly before" reach (1 to 720).
    #[must_use]
    pub fn shortly(self, minutes: u16) -> Self {
        Self { shortly: minutes.clamp(1, 720), ..self }
    }

    /// Replaces the stretch for one part of the day: `[start, end)`, across midnight if `end`
    /// is earlier than `start`, the whole day if they are equal.
    #[must_use]
    pub fn set(mut self, part: DayPart, start: TimeOfDay, end: TimeOfDay, reason: &str) -> Self {
        self.parts.insert(part, DayPartRange { start, end, reason: reason.to_owned() });
        self
    }

    /// The stretch and reason for `part`.
    #[must_use]
    pub fn part(&self, part: DayPart) -> DayPartRange {
        self.parts.get(&part).cloned().unwrap_or_else(|| DayPartRange {
            start: TimeOfDay::midnight(),
            end: TimeOfDay::midnight(),
            reason: format!("no range configured for \"{part}\": the whole day"),
        })
    }

    /// How many minutes "shortly after" and "shortly before" reach.
    #[must_use]
    pub fn shortly_minutes(&self) -> u16 {
        self.shortly
    }

    /// The half-width of "about `t`" in minutes: half (by default) of the rounding `t` shows.
    /// A time on the hour was rounded to 60 minutes, on the half hour to 30, on a quarter to
    /// 15, on five minutes to 5, otherwise to 1.
    #[must_use]
    pub fn about_half_width(&self, t: TimeOfDay) -> u16 {
        let m = t.minutes() % 60;
        let rounding = [60, 30, 15, 5].into_iter().find(|r| m % r == 0).unwrap_or(1);
        (self.about_rounding * f64::from(rounding)).ceil().min(720.0) as u16
    }
}

/// `x` clamped to the amounts claimrecon holds, 0 to `Number::MAX` (NaN is 0).
fn clamp_to_amounts(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, Number::MAX) }
}

fn sanitize(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

/// The policies that turn imprecise values into intervals. Built by value:
///
/// ```
/// use claimrecon::{ApproxPolicy, Policy};
/// let strict = Policy::default().approx(ApproxPolicy::default().relative(0.05));
/// # let _ = strict;
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Policy {
    approx: ApproxPolicy,
    vague: VaguePolicy,
    #[serde(default)]
    time: TimePolicy,
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
        let back: Policy = serde_json::from_value(json).unwrap();
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
    fn about_a_time_is_half_the_rounding_it_shows() {
        let p = TimePolicy::default();
        let width = |h, m| p.about_half_width(TimeOfDay::new(h, m).unwrap());
        assert_eq!(
            [width(18, 0), width(18, 30), width(18, 45), width(18, 10), width(18, 13)],
            [30, 15, 8, 3, 1]
        );
        let none = TimePolicy::default().about_rounding(f64::NAN);
        assert_eq!(none.about_half_width(TimeOfDay::new(18, 0).unwrap()), 0);
        let huge = TimePolicy::default().about_rounding(1e9);
        assert_eq!(huge.about_half_width(TimeOfDay::new(18, 0).unwrap()), 720);
    }

    #[test]
    fn every_part_of_the_day_has_a_stretch_and_a_reason() {
        let p = TimePolicy::default();
        for part in DayPart::ALL {
            let r = p.part(part);
            assert!(!r.reason.starts_with("no range"), "{part}");
            assert_ne!(r.interval(), DayInterval::whole_day(), "{part}");
        }
    }

    #[test]
    fn a_policy_without_a_time_section_still_loads() {
        let json = serde_json::to_value(Policy::default()).unwrap();
        let mut old = json.as_object().unwrap().clone();
        old.remove("time");
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
