//! The word tables the parser reads: qualifiers (and what each does to a number), number
//! words, months, units.

use crate::unit::{Currency, Unit};
use crate::value::{DayPart, Magnitude, Number, TimeQualifier, VagueWord};

/// What a qualifier does to the number after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Exactly,
    About,
    MoreThan,
    AtLeast,
    UpTo,
    FewerThan,
    Nearly,
}

impl Qualifier {
    pub fn meaning(self) -> &'static str {
        match self {
            Qualifier::Exactly => "exact: the stated number",
            Qualifier::About => "approximate: width from the approximation policy",
            Qualifier::MoreThan => "strict lower bound",
            Qualifier::AtLeast => "inclusive lower bound",
            Qualifier::UpTo => "inclusive upper bound",
            Qualifier::FewerThan => "strict upper bound",
            Qualifier::Nearly => {
                "just below: strict upper bound, floor from the approximation policy"
            }
        }
    }
}

/// The magnitude a qualifier makes of the number after it; none is exact.
pub(crate) fn qualified(q: Option<Qualifier>, n: Number) -> Magnitude {
    match q {
        None | Some(Qualifier::Exactly) => Magnitude::Exact(n),
        Some(Qualifier::About) => Magnitude::About(n),
        Some(Qualifier::MoreThan) => Magnitude::MoreThan(n),
        Some(Qualifier::AtLeast) => Magnitude::AtLeast(n),
        Some(Qualifier::UpTo) => Magnitude::UpTo(n),
        Some(Qualifier::FewerThan) => Magnitude::FewerThan(n),
        Some(Qualifier::Nearly) => Magnitude::Nearly(n),
    }
}

/// Qualifier phrases, longest first within each meaning so "no more than" wins over "more than".
pub(crate) const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["no", "more", "than"], Qualifier::UpTo),
    (&["not", "more", "than"], Qualifier::UpTo),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["a", "maximum", "of"], Qualifier::UpTo),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["an", "estimated"], Qualifier::About),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["just", "under"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["more", "than"], Qualifier::MoreThan),
    (&["at", "least"], Qualifier::AtLeast),
    (&["up", "to"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["fewer", "than"], Qualifier::FewerThan),
    (&["less", "than"], Qualifier::FewerThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["under"], Qualifier::FewerThan),
    (&["below"], Qualifier::FewerThan),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["about"], Qualifier::About),
    (&["exactly"], Qualifier::Exactly),
    (&["precisely"], Qualifier::Exactly),
    (&["around"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["circa"], Qualifier::About),
];

/// Words that qualify a clock time, longest first so "shortly after" wins over "after".
pub(crate) const TIME_QUALIFIERS: &[(&[&str], TimeQualifier)] = &[
    (&["shortly", "after"], TimeQualifier::ShortlyAfter),
    (&["just", "after"], TimeQualifier::JustAfter),
    (&["soon", "after"], TimeQualifier::SoonAfter),
    (&["shortly", "before"], TimeQualifier::ShortlyBefore),
    (&["just", "before"], TimeQualifier::JustBefore),
    (&["about"], TimeQualifier::About),
    (&["around"], TimeQualifier::Around),
    (&["approximately"], TimeQualifier::Approximately),
    (&["roughly"], TimeQualifier::Roughly),
    (&["circa"], TimeQualifier::Circa),
    (&["after"], TimeQualifier::After),
    (&["before"], TimeQualifier::Before),
    (&["by"], TimeQualifier::By),
];

/// Parts of the day, matched against the whole phrase once a leading "at", "in", "during" or
/// "on" and a "the" are dropped ("at dawn" is read as "dawn", "in the early morning" as
/// "early morning").
pub(crate) const DAY_PARTS: &[(&[&str], DayPart)] = &[
    (&["early", "morning"], DayPart::EarlyMorning),
    (&["early", "in", "the", "morning"], DayPart::EarlyMorning),
    (&["morning"], DayPart::Morning),
    (&["late", "morning"], DayPart::LateMorning),
    (&["late", "in", "the", "morning"], DayPart::LateMorning),
    (&["afternoon"], DayPart::Afternoon),
    (&["early", "evening"], DayPart::EarlyEvening),
    (&["early", "in", "the", "evening"], DayPart::EarlyEvening),
    (&["evening"], DayPart::Evening),
    (&["late", "evening"], DayPart::LateEvening),
    (&["late", "in", "the", "evening"], DayPart::LateEvening),
    (&["night"], DayPart::Night),
    (&["overnight"], DayPart::Overnight),
    (&["late", "at", "night"], DayPart::LateAtNight),
    (&["late", "night"], DayPart::LateAtNight),
    (&["before", "dawn"], DayPart::BeforeDawn),
    (&["dawn"], DayPart::AtDawn),
    (&["dusk"], DayPart::AtDusk),
];

pub(crate) const VAGUE: &[(&[&str], VagueWord)] = &[
    (&["tens", "of", "thousands"], VagueWord::TensOfThousands),
    (&["hundreds", "of", "thousands"], VagueWord::HundredsOfThousands),
    (&["a", "few"], VagueWord::AFew),
    (&["a", "handful"], VagueWord::AHandful),
    (&["several"], VagueWord::Several),
    (&["tens"], VagueWord::Tens),
    (&["dozens"], VagueWord::Dozens),
    (&["scores"], VagueWord::Scores),
    (&["hundreds"], VagueWord::Hundreds),
    (&["thousands"], VagueWord::Thousands),
    (&["millions"], VagueWord::Millions),
];

/// Number words below twenty, and the tens.
pub(crate) fn small_number(word: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] =
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(i) = UNITS.iter().position(|u| *u == word) {
        return Some(i as f64);
    }
    TENS.iter().position(|t| *t == word).map(|i| (i as f64 + 2.0) * 10.0)
}

/// Scale words and their factor. "hundred" multiplies what came before; the rest close a
/// group ("two hundred thousand").
pub(crate) fn scale(word: &str, glued: bool) -> Option<f64> {
    match word {
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" | "mln" | "mn" => Some(1e6),
        "billion" | "bln" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        // Only glued to the digits ("$600m", "6k"): a free-standing "m" is too ambiguous.
        "m" if glued => Some(1e6),
        "k" if glued => Some(1e3),
        "b" if glued => Some(1e9),
        _ => None,
    }
}

pub(crate) fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const SHORT: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if let Some(i) = MONTHS.iter().position(|m| *m == word) {
        return Some(i as u32 + 1);
    }
    let short = word.strip_suffix('.').unwrap_or(word);
    if short == "sept" {
        return Some(9);
    }
    SHORT.iter().position(|m| *m == short).map(|i| i as u32 + 1)
}

pub(crate) fn weekday(word: &str) -> Option<chrono::Weekday> {
    use chrono::Weekday as W;
    Some(match word {
        "monday" | "mon" => W::Mon,
        "tuesday" | "tue" | "tues" => W::Tue,
        "wednesday" | "wed" => W::Wed,
        "thursday" | "thu" | "thurs" => W::Thu,
        "friday" | "fri" => W::Fri,
        "saturday" | "sat" => W::Sat,
        "sunday" | "sun" => W::Sun,
        _ => return None,
    })
}

pub(crate) fn currency(word: &str) -> Option<Currency> {
    Some(match word {
        "tenge" | "kzt" => Currency::Kzt,
        "dollars" | "dollar" | "usd" => Currency::Usd,
        "roubles" | "rubles" | "rouble" | "ruble" | "rub" => Currency::Rub,
        "euros" | "euro" | "eur" => Currency::Eur,
        _ => return None,
    })
}

pub(crate) fn simple_unit(word: &str) -> Option<Unit> {
    Some(match word {
        "people" | "persons" | "person" | "individuals" => Unit::Persons,
        "kg" | "kilograms" | "kilogram" | "kilos" => Unit::Kilograms,
        "litres" | "liters" | "litre" | "liter" => Unit::Litres,
        "percent" => Unit::Percent,
        _ => return None,
    })
}

/// Mass units other than the base kilogram, with their factor to kilograms.
pub(crate) fn mass_factor(word: &str) -> Option<f64> {
    match word {
        "tonnes" | "tonne" | "tons" | "ton" | "t" => Some(1000.0),
        "grams" | "gram" | "g" => Some(0.001),
        _ => None,
    }
}

pub(crate) fn volume_word(word: &str) -> bool {
    matches!(word, "litre" | "liter" | "l" | "litres" | "liters")
}

pub(crate) const UNDISCLOSED: &[&[&str]] = &[
    &["undisclosed"],
    &["not", "disclosed"],
    &["was", "not", "disclosed"],
    &["did", "not", "disclose"],
    &["not", "disclose"],
    &["unknown"],
    &["not", "known"],
    &["unclear"],
    &["not", "reported"],
    &["unspecified"],
    &["not", "specified"],
    &["not", "given"],
    &["not", "available"],
    &["n", "a"],
];

pub(crate) fn rise_word(word: &str) -> bool {
    matches!(
        word,
        "increase"
            | "increases"
            | "rise"
            | "rises"
            | "jump"
            | "hike"
            | "growth"
            | "surge"
            | "spike"
    )
}

pub(crate) fn fall_word(word: &str) -> bool {
    matches!(word, "decrease" | "fall" | "drop" | "cut" | "reduction" | "decline")
}
