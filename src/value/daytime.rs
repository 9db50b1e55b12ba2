//! Times of day stated loosely: "about 6 p.m.", "shortly after midnight", "early morning".
//!
//! A [`QualifiedTime`] keeps the words it was given and becomes a [`DayInterval`] only under a
//! [`TimePolicy`](super::TimePolicy), as an approximate amount becomes an interval only under
//! the approximation policy.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::policy::TimePolicy;
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

/// A named part of the day. Its interval is set by the [`TimePolicy`](super::TimePolicy).
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
/// [`TimePolicy`](super::TimePolicy) (see its table), so a stricter policy narrows every
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
}
