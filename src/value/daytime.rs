//! Times of day stated loosely: "about 6 p.m.", "shortly after midnight", "early morning",
//! and the [`TimePolicy`] that turns them into stretches of the day.
//!
//! A [`QualifiedTime`] keeps the words it was given and becomes a [`DayInterval`] only under a
//! [`TimePolicy`], as an approximate amount becomes an interval only under the approximation
//! policy.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::number::sanitize;
use super::time::{TimeOfDay, TimeWindow};
use crate::Error;

/// Minutes in a day.
const DAY: u16 = 1440;
/// Points on the half-minute grid that [`DayInterval`] uses: a whole minute `m` is point `2m`;
/// an end that excludes `m` stops at the half minute beside it.
const GRID: u16 = 2 * DAY;

/// How a clock time was written. Kept so that a value displays in its writer's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ClockStyle {
    /// "18:00", "06:30".
    TwentyFourHour,
    /// "6 p.m.", "6:15 a.m.".
    TwelveHour,
    /// "noon" or "midnight": only 12:00 and 00:00 have names ("midday" reads as noon).
    Named,
}

/// A time of day and the way it was written: "6 p.m." and "18:00" are one minute, written two
/// ways.
///
/// ```
/// use claimrecon::{Clock, ClockStyle, TimeOfDay};
/// let six = TimeOfDay::new(18, 0)?;
/// assert_eq!(Clock::new(six, ClockStyle::TwelveHour)?.to_string(), "6 p.m.");
/// assert_eq!(Clock::new(six, ClockStyle::TwentyFourHour)?.to_string(), "18:00");
/// assert!(Clock::new(six, ClockStyle::Named).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ClockRepr", into = "ClockRepr")]
pub struct Clock {
    time: TimeOfDay,
    style: ClockStyle,
}

#[derive(Serialize, Deserialize)]
struct ClockRepr {
    time: TimeOfDay,
    style: ClockStyle,
}

impl TryFrom<ClockRepr> for Clock {
    type Error = Error;
    fn try_from(r: ClockRepr) -> Result<Self, Error> {
        Clock::new(r.time, r.style)
    }
}

impl From<Clock> for ClockRepr {
    fn from(c: Clock) -> Self {
        ClockRepr { time: c.time, style: c.style }
    }
}

impl Clock {
    /// `time` written in `style`.
    ///
    /// # Errors
    /// [`Error::InvalidTime`] for [`ClockStyle::Named`] with a time other than 00:00 or 12:00.
    pub fn new(time: TimeOfDay, style: ClockStyle) -> Result<Self, Error> {
        if style == ClockStyle::Named && time.minutes() % 720 != 0 {
            return Err(Error::InvalidTime {
                what: "time of day".to_owned(),
                value: time.to_string(),
                problem: "only 00:00 (midnight) and 12:00 (noon) have names".to_owned(),
            });
        }
        Ok(Clock { time, style })
    }

    /// The minute of the day.
    #[must_use]
    pub fn time(&self) -> TimeOfDay {
        self.time
    }

    /// How it was written.
    #[must_use]
    pub fn style(&self) -> ClockStyle {
        self.style
    }
}

impl fmt::Display for Clock {
    /// `18:00`, `6 p.m.`, `6:15 a.m.`, `noon`, `midnight`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.time.minutes();
        match self.style {
            ClockStyle::TwentyFourHour => write!(f, "{}", self.time),
            ClockStyle::Named if m == 0 => f.write_str("midnight"),
            ClockStyle::Named => f.write_str("noon"),
            ClockStyle::TwelveHour => {
                let (hour, minute) = (m / 60, m % 60);
                let meridiem = if hour < 12 { "a.m." } else { "p.m." };
                let hour12 = match hour % 12 {
                    0 => 12,
                    h => h,
                };
                if minute == 0 {
                    write!(f, "{hour12} {meridiem}")
                } else {
                    write!(f, "{hour12}:{minute:02} {meridiem}")
                }
            }
        }
    }
}

/// What the words before a clock time do to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Sense {
    About,
    ShortlyAfter,
    ShortlyBefore,
    After,
    Before,
    By,
}

/// The words that qualify a clock time, kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum TimeQualifier {
    /// "about".
    About,
    /// "around".
    Around,
    /// "approximately".
    Approximately,
    /// "roughly".
    Roughly,
    /// "circa".
    Circa,
    /// "shortly after".
    ShortlyAfter,
    /// "just after".
    JustAfter,
    /// "soon after".
    SoonAfter,
    /// "shortly before".
    ShortlyBefore,
    /// "just before".
    JustBefore,
    /// "after".
    After,
    /// "before".
    Before,
    /// "by".
    By,
}

impl TimeQualifier {
    /// Every qualifier.
    pub const ALL: [TimeQualifier; 13] = [
        TimeQualifier::About,
        TimeQualifier::Around,
        TimeQualifier::Approximately,
        TimeQualifier::Roughly,
        TimeQualifier::Circa,
        TimeQualifier::ShortlyAfter,
        TimeQualifier::JustAfter,
        TimeQualifier::SoonAfter,
        TimeQualifier::ShortlyBefore,
        TimeQualifier::JustBefore,
        TimeQualifier::After,
        TimeQualifier::Before,
        TimeQualifier::By,
    ];

    /// The words as written.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TimeQualifier::About => "about",
            TimeQualifier::Around => "around",
            TimeQualifier::Approximately => "approximately",
            TimeQualifier::Roughly => "roughly",
            TimeQualifier::Circa => "circa",
            TimeQualifier::ShortlyAfter => "shortly after",
            TimeQualifier::JustAfter => "just after",
            TimeQualifier::SoonAfter => "soon after",
            TimeQualifier::ShortlyBefore => "shortly before",
            TimeQualifier::JustBefore => "just before",
            TimeQualifier::After => "after",
            TimeQualifier::Before => "before",
            TimeQualifier::By => "by",
        }
    }

    pub(crate) fn sense(self) -> Sense {
        match self {
            TimeQualifier::About
            | TimeQualifier::Around
            | TimeQualifier::Approximately
            | TimeQualifier::Roughly
            | TimeQualifier::Circa => Sense::About,
            TimeQualifier::ShortlyAfter | TimeQualifier::JustAfter | TimeQualifier::SoonAfter => {
                Sense::ShortlyAfter
            }
            TimeQualifier::ShortlyBefore | TimeQualifier::JustBefore => Sense::ShortlyBefore,
            TimeQualifier::After => Sense::After,
            TimeQualifier::Before => Sense::Before,
            TimeQualifier::By => Sense::By,
        }
    }

    /// "shortly after" and its kin must be followed by a clock time; "about", "after",
    /// "before" and "by" also qualify amounts and dates.
    pub(crate) fn needs_clock(self) -> bool {
        matches!(self.sense(), Sense::ShortlyAfter | Sense::ShortlyBefore)
    }
}

impl fmt::Display for TimeQualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A named part of the day. Its interval is set by the [`TimePolicy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum DayPart {
    /// "early morning", "early in the morning".
    EarlyMorning,
    /// "morning", "in the morning".
    Morning,
    /// "late morning".
    LateMorning,
    /// "afternoon".
    Afternoon,
    /// "early evening".
    EarlyEvening,
    /// "evening".
    Evening,
    /// "late evening", "late in the evening".
    LateEvening,
    /// "night", "at night", "during the night".
    Night,
    /// "overnight".
    Overnight,
    /// "late at night", "late night".
    LateAtNight,
    /// "before dawn".
    BeforeDawn,
    /// "at dawn", "dawn".
    AtDawn,
    /// "at dusk", "dusk".
    AtDusk,
}

impl DayPart {
    /// Every part of the day, roughly in the order the day runs.
    pub const ALL: [DayPart; 13] = [
        DayPart::BeforeDawn,
        DayPart::AtDawn,
        DayPart::EarlyMorning,
        DayPart::Morning,
        DayPart::LateMorning,
        DayPart::Afternoon,
        DayPart::AtDusk,
        DayPart::EarlyEvening,
        DayPart::Evening,
        DayPart::LateEvening,
        DayPart::Night,
        DayPart::Overnight,
        DayPart::LateAtNight,
    ];

    /// The words as displayed (and read back).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DayPart::EarlyMorning => "early morning",
            DayPart::Morning => "morning",
            DayPart::LateMorning => "late morning",
            DayPart::Afternoon => "afternoon",
            DayPart::EarlyEvening => "early evening",
            DayPart::Evening => "evening",
            DayPart::LateEvening => "late evening",
            DayPart::Night => "night",
            DayPart::Overnight => "overnight",
            DayPart::LateAtNight => "late at night",
            DayPart::BeforeDawn => "before dawn",
            DayPart::AtDawn => "at dawn",
            DayPart::AtDusk => "at dusk",
        }
    }
}

impl fmt::Display for DayPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A time of day known only loosely: a clock time with a qualifier ("shortly after 6 p.m."),
/// or a part of the day ("early morning").
///
/// The words are the value; the [`DayInterval`] they allow comes from a
/// [`TimePolicy`] (see its table), so a stricter policy narrows every
/// reading without re-parsing.
///
/// ```
/// use claimrecon::{Clock, ClockStyle, QualifiedTime, TimeOfDay, TimePolicy, TimeQualifier};
/// let t = QualifiedTime::Qualified {
///     qualifier: TimeQualifier::ShortlyAfter,
///     clock: Clock::new(TimeOfDay::new(18, 0)?, ClockStyle::TwelveHour)?,
/// };
/// assert_eq!(t.to_string(), "shortly after 6 p.m.");
/// assert_eq!(t.interval(&TimePolicy::default()).to_string(), "[18:00, 18:30]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QualifiedTime {
    /// A clock time with the words that qualify it.
    Qualified {
        /// "about", "shortly after", "by"...
        qualifier: TimeQualifier,
        /// The clock time, as written.
        clock: Clock,
    },
    /// A named part of the day.
    Part(DayPart),
}

impl QualifiedTime {
    /// The stretch of the day the words allow under `policy`.
    #[must_use]
    pub fn interval(&self, policy: &TimePolicy) -> DayInterval {
        match *self {
            QualifiedTime::Part(part) => policy.part(part).interval(),
            QualifiedTime::Qualified { qualifier, clock } => {
                let t = clock.time().minutes();
                match qualifier.sense() {
                    Sense::About => {
                        let h = policy.about_half_width(clock.time());
                        DayInterval::closed_minutes(sub(t, h), 2 * h)
                    }
                    Sense::ShortlyAfter => DayInterval::closed_minutes(t, policy.shortly_minutes()),
                    Sense::ShortlyBefore => {
                        let m = policy.shortly_minutes();
                        DayInterval::half_open(sub(t, m), m)
                    }
                    // Midnight opens the day, so everything in the day is after it.
                    Sense::After => DayInterval::half_open(t, DAY - t),
                    // ...and closes it: "before midnight" is any time that day.
                    Sense::Before => DayInterval::half_open(0, if t == 0 { DAY } else { t }),
                    Sense::By if t == 0 => DayInterval::whole_day(),
                    Sense::By => DayInterval::closed_minutes(0, t),
                }
            }
        }
    }
}

fn sub(t: u16, m: u16) -> u16 {
    (t + DAY - m % DAY) % DAY
}

impl fmt::Display for QualifiedTime {
    /// The words as given: `shortly after 6 p.m.`, `about 18:00`, `early morning`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QualifiedTime::Qualified { qualifier, clock } => write!(f, "{qualifier} {clock}"),
            QualifiedTime::Part(p) => write!(f, "{p}"),
        }
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
/// | about / around / approximately / roughly / circa X | X ± half the rounding of X, rounded up to a minute: ±30 on the hour ("about 6 p.m." `[17:30, 18:30]`), ±15 on the half hour, ±8 on a quarter, ±3 on five minutes, ±1 otherwise | rounding-aware like [`ApproxPolicy`](crate::ApproxPolicy): whoever says "about 6" rounded to the hour, and every time within half an hour of 6 rounds to it |
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
#[serde(from = "TimeRepr")]
pub struct TimePolicy {
    about_rounding: f64,
    shortly: u16,
    parts: BTreeMap<DayPart, DayPartRange>,
}

/// A serialised [`TimePolicy`], checked on the way in as its setters check it.
#[derive(Deserialize)]
struct TimeRepr {
    about_rounding: f64,
    shortly: u16,
    parts: BTreeMap<DayPart, DayPartRange>,
}

impl From<TimeRepr> for TimePolicy {
    fn from(r: TimeRepr) -> Self {
        let policy = TimePolicy { parts: r.parts, ..TimePolicy::default() };
        policy.about_rounding(r.about_rounding).shortly(r.shortly)
    }
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

/// A stretch of the day, which may cross midnight: what a time, a window or a qualified time
/// allows. Ends are whole minutes, each included or excluded, as `[18:00, 24:00)` says.
///
/// ```
/// use claimrecon::{DayInterval, TimeOfDay, TimeWindow};
/// let curfew = DayInterval::from(TimeWindow::new(TimeOfDay::new(23, 0)?, TimeOfDay::new(7, 0)?)?);
/// assert_eq!(curfew.to_string(), "[23:00, 07:00)");
/// assert!(curfew.contains_time(TimeOfDay::new(2, 0)?));
/// assert!(!curfew.contains_time(TimeOfDay::new(7, 0)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "DayIntervalRepr", into = "DayIntervalRepr")]
pub struct DayInterval {
    /// First point on the half-minute grid, `0 .. GRID`.
    start: u16,
    /// Points covered, `1 ..= GRID`; `GRID` is the whole day.
    points: u16,
}

/// The serialised form of a [`DayInterval`], checked on the way in: a stretch starts within the
/// day and covers at least one instant and at most the whole day.
#[derive(Serialize, Deserialize)]
struct DayIntervalRepr {
    start: u16,
    points: u16,
}

impl TryFrom<DayIntervalRepr> for DayInterval {
    type Error = Error;
    fn try_from(r: DayIntervalRepr) -> Result<Self, Error> {
        if r.start >= GRID || r.points == 0 || r.points > GRID {
            return Err(Error::InvalidTime {
                what: "stretch of the day".to_owned(),
                value: format!("start {}, points {}", r.start, r.points),
                problem: format!(
                    "a stretch starts at a half-minute 0-{} and covers 1-{GRID} of them",
                    GRID - 1
                ),
            });
        }
        Ok(DayInterval { start: r.start, points: r.points })
    }
}

impl From<DayInterval> for DayIntervalRepr {
    fn from(d: DayInterval) -> Self {
        DayIntervalRepr { start: d.start, points: d.points }
    }
}

impl DayInterval {
    /// The whole day, `[00:00, 24:00)`.
    #[must_use]
    pub fn whole_day() -> Self {
        DayInterval { start: 0, points: GRID }
    }

    fn from_grid(start: u16, points: u16) -> Self {
        if points >= GRID {
            Self::whole_day()
        } else {
            DayInterval { start: start % GRID, points: points.max(1) }
        }
    }

    /// `[from, from + minutes]`, both ends included; `minutes` 0 is one instant.
    pub(crate) fn closed_minutes(from: u16, minutes: u16) -> Self {
        Self::from_grid(2 * from, 2 * u32::from(minutes).min(u32::from(DAY)) as u16 + 1)
    }

    /// `[from, from + minutes)`; `minutes` is at least 1.
    pub(crate) fn half_open(from: u16, minutes: u16) -> Self {
        Self::from_grid(2 * from, 2 * minutes.clamp(1, DAY))
    }

    /// True if the minute `t` lies in the stretch.
    #[must_use]
    pub fn contains_time(&self, t: TimeOfDay) -> bool {
        self.contains_point(2 * t.minutes())
    }

    fn contains_point(self, p: u16) -> bool {
        (p + GRID - self.start) % GRID < self.points
    }

    /// True if every instant of `other` lies in `self`.
    #[must_use]
    pub fn contains(&self, other: &DayInterval) -> bool {
        if self.points == GRID {
            return true;
        }
        let offset = (other.start + GRID - self.start) % GRID;
        u32::from(offset) + u32::from(other.points) <= u32::from(self.points)
    }

    /// True if the two stretches share an instant.
    #[must_use]
    pub fn overlaps(&self, other: &DayInterval) -> bool {
        self.contains_point(other.start) || other.contains_point(self.start)
    }

    /// True if every instant of `self` comes before every instant of `other` within one day:
    /// neither crosses midnight and `self` ends where or before `other` starts. "Morning" is
    /// before "evening"; "18:00" is not before "around 6 p.m.", and "night" is before nothing.
    #[must_use]
    pub fn is_before(&self, other: &DayInterval) -> bool {
        let end = u32::from(self.start) + u32::from(self.points);
        let other_end = u32::from(other.start) + u32::from(other.points);
        end <= u32::from(GRID) && other_end <= u32::from(GRID) && end <= u32::from(other.start)
    }

    /// True if the stretch runs past midnight into the next day ("night", 22:00-06:00).
    pub(crate) fn crosses_midnight(self) -> bool {
        u32::from(self.start) + u32::from(self.points) > u32::from(GRID)
    }

    /// Where the stretch starts, in half-minutes after midnight: a sort key.
    pub(crate) fn start_key(self) -> u16 {
        self.start
    }

    /// True for a single instant, such as a plain clock time.
    #[must_use]
    pub fn is_instant(&self) -> bool {
        self.points == 1
    }
}

impl From<TimeOfDay> for DayInterval {
    /// The instant `t`.
    fn from(t: TimeOfDay) -> Self {
        DayInterval { start: 2 * t.minutes(), points: 1 }
    }
}

impl From<TimeWindow> for DayInterval {
    /// `[start, end)`, across midnight if the window does.
    fn from(w: TimeWindow) -> Self {
        let (s, e) = (w.start().minutes(), w.end().minutes());
        DayInterval::half_open(s, (e + DAY - s) % DAY)
    }
}

impl fmt::Display for DayInterval {
    /// `[17:30, 18:30]`, `[18:00, 24:00)`, `[22:00, 06:00)`; an instant is `[18:00, 18:00]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        let (s, last) = (self.start, (self.start + self.points - 1) % GRID);
        let (open_low, low) = if s % 2 == 0 { ('[', s / 2) } else { ('(', s / 2 + 1) };
        let (high, close) = if last % 2 == 0 { (last / 2, ']') } else { (last / 2 + 1, ')') };
        // An excluded end at midnight closes the day: 24:00.
        let high = if close == ')' && high % DAY == 0 { "24:00".to_owned() } else { hm(high) };
        write!(f, "{open_low}{}, {high}{close}", hm(low))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A time policy read from a file is held to what its setters hold one built in code to.
    #[test]
    fn a_deserialised_time_policy_is_checked_like_a_built_one() {
        let mut json = serde_json::to_value(TimePolicy::default()).unwrap();
        json["shortly"] = serde_json::json!(5000);
        json["about_rounding"] = serde_json::json!(-3.0);
        let back: TimePolicy = serde_json::from_value(json).unwrap();
        assert_eq!(back, TimePolicy::default().shortly(5000).about_rounding(-3.0));
        assert_eq!(back.shortly_minutes(), 720);
    }

    fn t(h: u32, m: u32) -> TimeOfDay {
        TimeOfDay::new(h, m).unwrap()
    }

    #[test]
    fn a_window_across_midnight_holds_an_inner_window_but_not_one_that_spills() {
        let night = DayInterval::from(TimeWindow::new(t(22, 0), t(6, 0)).unwrap());
        let inner = DayInterval::from(TimeWindow::new(t(23, 0), t(5, 0)).unwrap());
        let spills = DayInterval::from(TimeWindow::new(t(23, 0), t(7, 0)).unwrap());
        assert!(night.contains(&inner));
        assert!(!night.contains(&spills));
        assert!(night.overlaps(&spills));
        assert!(DayInterval::whole_day().contains(&night));
    }

    #[test]
    fn an_excluded_end_does_not_touch_an_instant_there() {
        let before_six = DayInterval::half_open(17 * 60 + 30, 30);
        assert!(!before_six.contains_time(t(18, 0)));
        assert!(!before_six.overlaps(&DayInterval::from(t(18, 0))));
        assert!(before_six.contains_time(t(17, 59)));
    }

    #[test]
    fn named_clocks_are_only_noon_and_midnight() {
        assert!(Clock::new(t(0, 0), ClockStyle::Named).is_ok());
        assert!(Clock::new(t(12, 0), ClockStyle::Named).is_ok());
        assert_eq!(
            Clock::new(t(12, 30), ClockStyle::Named).unwrap_err().to_string(),
            "invalid time of day \"12:30\": only 00:00 (midnight) and 12:00 (noon) have names"
        );
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
}
