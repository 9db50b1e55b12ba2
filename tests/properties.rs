//! Invariants of values, comparison and parsing, stated by name.

use chrono::NaiveDate;
use claimrecon::{
    Amount, Change, Clock, ClockStyle, Currency, DateValue, DayPart, ItemSet, Label, Magnitude,
    Number, NumberRange, Policy, QualifiedTime, TimeOfDay, TimeQualifier, TimeWindow, Unit,
    VagueWord, Value, Verdict,
};
use proptest::prelude::*;

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        (0u64..100_000).prop_map(|n| n as f64),
        (0u64..10_000_000_000).prop_map(|n| n as f64),
        (0u64..1_000_000, 1u32..4)
            .prop_map(|(n, d)| n as f64 / 10f64.powi(i32::try_from(d).unwrap())),
    ]
    .prop_map(|x| Number::new(x).unwrap())
}

/// Any number claimrecon holds, from 0 through [`Number::MIN_POSITIVE`] to [`Number::MAX`]:
/// its ends and their neighbours, whole numbers, decimals of up to 15 places, and any `f64` in
/// between (17 significant digits).
fn any_number() -> BoxedStrategy<Number> {
    let ends = prop::sample::select(vec![
        0.0,
        Number::MIN_POSITIVE,
        1.000_000_000_000_001e-15,
        0.000_001,
        999_999_999_999_999.9,
        Number::MAX - 0.125,
        Number::MAX,
    ]);
    prop_oneof![
        ends,
        (0u64..=1_000_000_000_000_000).prop_map(|n| n as f64),
        (1u64..=1_000_000_000_000_000, 1i32..=15).prop_map(|(n, d)| n as f64 / 10f64.powi(d)),
        0.0..=Number::MAX,
        (Number::MIN_POSITIVE..1.0, 0i32..=14)
            .prop_map(|(x, e)| (x * 10f64.powi(e)).max(Number::MIN_POSITIVE)),
    ]
    .prop_map(|x| Number::new(x).unwrap())
    .boxed()
}

fn any_range() -> impl Strategy<Value = NumberRange> {
    (any_number(), any_number()).prop_map(|(a, b)| {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        NumberRange::new(lo, hi).unwrap()
    })
}

/// Magnitudes on any number claimrecon holds: exact, about, bounds, ranges.
fn any_bounded_magnitude() -> BoxedStrategy<Magnitude> {
    prop_oneof![
        any_number().prop_map(Magnitude::Exact),
        any_number().prop_map(Magnitude::About),
        any_number().prop_map(Magnitude::MoreThan),
        any_number().prop_map(Magnitude::AtLeast),
        any_number().prop_map(Magnitude::UpTo),
        any_number()
            .prop_filter("a bound at 0 allows no amount", |n| allows_a_bound_below(*n))
            .prop_map(Magnitude::FewerThan),
        any_number()
            .prop_filter("a bound at 0 allows no amount", |n| allows_a_bound_below(*n))
            .prop_map(Magnitude::Nearly),
        any_range().prop_map(Magnitude::Range),
    ]
    .boxed()
}

/// Amounts in every unit (counts, money, prices per litre, mass, percent), changes between
/// them, and factors, on any number claimrecon holds.
fn any_amount_like() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => (any_bounded_magnitude(), unit()).prop_map(|(m, u)| Value::Amount(Amount::new(m, u))),
        2 => (any_bounded_magnitude(), any_bounded_magnitude(), unit())
            .prop_map(|(from, to, unit)| Value::Change(Change::Between { from, to, unit })),
        1 => any_bounded_magnitude().prop_map(|factor| Value::Change(Change::Factor { factor })),
    ]
    .boxed()
}

fn range() -> impl Strategy<Value = NumberRange> {
    (number(), number()).prop_map(|(a, b)| {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        NumberRange::new(lo, hi).unwrap()
    })
}

fn vague() -> impl Strategy<Value = VagueWord> {
    prop::sample::select(VagueWord::ALL.to_vec())
}

/// Any magnitude except vague words (which make no sense as factors).
fn bounded_magnitude() -> BoxedStrategy<Magnitude> {
    prop_oneof![
        number().prop_map(Magnitude::Exact),
        number().prop_map(Magnitude::About),
        number().prop_map(Magnitude::MoreThan),
        number().prop_map(Magnitude::AtLeast),
        number().prop_map(Magnitude::UpTo),
        number()
            .prop_filter("a bound at 0 allows no amount", |n| allows_a_bound_below(*n))
            .prop_map(Magnitude::FewerThan),
        number()
            .prop_filter("a bound at 0 allows no amount", |n| allows_a_bound_below(*n))
            .prop_map(Magnitude::Nearly),
        range().prop_map(Magnitude::Range),
    ]
    .boxed()
}

fn magnitude() -> BoxedStrategy<Magnitude> {
    prop_oneof![4 => bounded_magnitude(), 1 => vague().prop_map(Magnitude::Vague)].boxed()
}

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec![Currency::Kzt, Currency::Usd, Currency::Rub, Currency::Eur])
}

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![
        Just(Unit::Number),
        Just(Unit::Persons),
        currency().prop_map(Unit::Money),
        currency().prop_map(Unit::MoneyPerLitre),
        Just(Unit::Kilograms),
        Just(Unit::Litres),
        Just(Unit::Percent),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn date_value() -> impl Strategy<Value = DateValue> {
    prop_oneof![
        date().prop_map(|d| DateValue::day(d).unwrap()),
        (1900i32..2100, 1u32..=12).prop_map(|(y, m)| DateValue::month(y, m).unwrap()),
        (1900i32..2100).prop_map(|y| DateValue::year(y).unwrap()),
        (date(), 0i64..400)
            .prop_map(|(d, n)| DateValue::span(d, d + chrono::Duration::days(n)).unwrap()),
    ]
}

fn time() -> impl Strategy<Value = TimeOfDay> {
    (0u32..24, 0u32..60).prop_map(|(h, m)| TimeOfDay::new(h, m).unwrap())
}

fn window() -> impl Strategy<Value = TimeWindow> {
    (time(), time()).prop_filter_map("start equals end", |(a, b)| TimeWindow::new(a, b).ok())
}

fn clock() -> BoxedStrategy<Clock> {
    let styles = prop::sample::select(vec![ClockStyle::TwentyFourHour, ClockStyle::TwelveHour]);
    prop_oneof![
        4 => (time(), styles).prop_map(|(t, s)| Clock::new(t, s).unwrap()),
        1 => prop::sample::select(vec![(0, 0), (12, 0)])
            .prop_map(|(h, m)| Clock::new(TimeOfDay::new(h, m).unwrap(), ClockStyle::Named).unwrap()),
    ]
    .boxed()
}

fn qualified_time() -> BoxedStrategy<QualifiedTime> {
    prop_oneof![
        3 => (prop::sample::select(TimeQualifier::ALL.to_vec()), clock())
            .prop_map(|(qualifier, clock)| QualifiedTime::Qualified { qualifier, clock }),
        1 => prop::sample::select(DayPart::ALL.to_vec()).prop_map(QualifiedTime::Part),
    ]
    .boxed()
}

/// A time, a window or a qualified time: the values that compare by stretches of the day.
fn time_like() -> BoxedStrategy<Value> {
    prop_oneof![
        time().prop_map(Value::Time),
        window().prop_map(Value::TimeWindow),
        qualified_time().prop_map(Value::QualifiedTime),
    ]
    .boxed()
}

fn label() -> impl Strategy<Value = Label> {
    "[A-Za-z][A-Za-z0-9]{0,9}( [A-Za-z][A-Za-z0-9]{0,9}){0,2}".prop_map(|s| Label::new(&s).unwrap())
}

fn value() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => (magnitude(), unit()).prop_map(|(m, u)| Value::Amount(Amount::new(m, u))),
        2 => (magnitude(), magnitude(), unit())
            .prop_map(|(from, to, unit)| Value::Change(Change::Between { from, to, unit })),
        1 => bounded_magnitude().prop_map(|factor| Value::Change(Change::Factor { factor })),
        2 => date_value().prop_map(Value::Date),
        1 => time().prop_map(Value::Time),
        1 => window().prop_map(Value::TimeWindow),
        1 => qualified_time().prop_map(Value::QualifiedTime),
        1 => any::<bool>().prop_map(Value::YesNo),
        1 => label().prop_map(Value::Category),
        1 => prop::collection::vec(label(), 1..5).prop_map(|v| Value::Set(ItemSet::new(v).unwrap())),
        1 => Just(Value::Undisclosed),
    ]
    .boxed()
}

/// Two values of one kind (amounts in one unit), so comparisons reach a verdict.
fn comparable_pair() -> BoxedStrategy<(Value, Value)> {
    prop_oneof![
        (magnitude(), magnitude(), unit()).prop_map(|(a, b, u)| {
            (Value::Amount(Amount::new(a, u)), Value::Amount(Amount::new(b, u)))
        }),
        (date_value(), date_value()).prop_map(|(a, b)| (Value::Date(a), Value::Date(b))),
        (window(), window()).prop_map(|(a, b)| (Value::TimeWindow(a), Value::TimeWindow(b))),
        (time(), window()).prop_map(|(a, b)| (Value::Time(a), Value::TimeWindow(b))),
        (qualified_time().prop_map(Value::QualifiedTime), time_like()),
        (bounded_magnitude(), bounded_magnitude()).prop_map(|(a, b)| {
            (
                Value::Change(Change::Factor { factor: a }),
                Value::Change(Change::Factor { factor: b }),
            )
        }),
        (range(), range(), bounded_magnitude()).prop_map(|(from, to, f)| {
            let between = Change::Between {
                from: Magnitude::Range(from),
                to: Magnitude::Range(to),
                unit: Unit::Number,
            };
            (Value::Change(between), Value::Change(Change::Factor { factor: f }))
        }),
        (prop::collection::vec(label(), 1..4), prop::collection::vec(label(), 1..4)).prop_map(
            |(a, b)| (Value::Set(ItemSet::new(a).unwrap()), Value::Set(ItemSet::new(b).unwrap()))
        ),
        (value(), Just(Value::Undisclosed)),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn comparison_is_symmetric((a, b) in comparable_pair()) {
        let ab = a.compare(&b).map(|c| c.verdict);
        let ba = b.compare(&a).map(|c| c.verdict);
        prop_assert_eq!(ab.is_ok(), ba.is_ok());
        if let (Ok(x), Ok(y)) = (ab, ba) {
            prop_assert_eq!(x, y, "{} vs {}", a, b);
        }
    }

    #[test]
    fn comparison_of_any_two_values_is_symmetric(a in value(), b in value()) {
        let ab = a.compare(&b).map(|c| c.verdict);
        let ba = b.compare(&a).map(|c| c.verdict);
        prop_assert_eq!(ab.is_ok(), ba.is_ok(), "{} vs {}", a, b);
        if let (Ok(x), Ok(y)) = (ab, ba) {
            prop_assert_eq!(x, y, "{} vs {}", a, b);
        }
    }

    #[test]
    fn a_value_agrees_with_itself(v in value()) {
        let cmp = v.compare(&v).unwrap();
        prop_assert_eq!(cmp.verdict, Verdict::Agrees, "{}: {}", v, cmp.reason);
    }

    #[test]
    fn containing_interval_means_compatible(a in magnitude(), b in magnitude(), u in unit()) {
        let policy = Policy::default();
        let (va, vb) = (Value::Amount(Amount::new(a, u)), Value::Amount(Amount::new(b, u)));
        let (ia, ib) = (va.interval(&policy).unwrap(), vb.interval(&policy).unwrap());
        if ia.contains(&ib) || ib.contains(&ia) {
            prop_assert_ne!(va.compare(&vb).unwrap().verdict, Verdict::Conflicts, "{} vs {}", va, vb);
        }
    }

    #[test]
    fn containing_date_range_means_compatible(a in date_value(), b in date_value()) {
        if a.interval().contains(&b.interval()) {
            prop_assert_ne!(Value::Date(a).compare(&Value::Date(b)).unwrap().verdict, Verdict::Conflicts);
        }
    }

    #[test]
    fn disjoint_intervals_conflict(a in magnitude(), b in magnitude(), u in unit()) {
        let policy = Policy::default();
        let (va, vb) = (Value::Amount(Amount::new(a, u)), Value::Amount(Amount::new(b, u)));
        let (ia, ib) = (va.interval(&policy).unwrap(), vb.interval(&policy).unwrap());
        if !ia.overlaps(&ib) {
            prop_assert_eq!(va.compare(&vb).unwrap().verdict, Verdict::Conflicts);
        }
    }

    #[test]
    fn nested_stretches_of_the_day_are_compatible(
        q in qualified_time().prop_map(Value::QualifiedTime),
        other in time_like(),
    ) {
        let policy = Policy::default();
        let (a, b) = (q.day_interval(&policy).unwrap(), other.day_interval(&policy).unwrap());
        if a.contains(&b) || b.contains(&a) {
            prop_assert_ne!(q.compare(&other).unwrap().verdict, Verdict::Conflicts, "{} vs {}", q, other);
        }
    }

    #[test]
    fn disjoint_stretches_of_the_day_conflict(
        q in qualified_time().prop_map(Value::QualifiedTime),
        other in time_like(),
    ) {
        let policy = Policy::default();
        let (a, b) = (q.day_interval(&policy).unwrap(), other.day_interval(&policy).unwrap());
        let verdict = q.compare(&other).unwrap().verdict;
        prop_assert_eq!(verdict == Verdict::Conflicts, !a.overlaps(&b), "{} vs {}", q, other);
    }

    #[test]
    fn about_after_and_by_hold_the_time_they_name(q in prop::sample::select(vec![
        TimeQualifier::About, TimeQualifier::Around, TimeQualifier::ShortlyAfter,
        TimeQualifier::SoonAfter, TimeQualifier::After, TimeQualifier::By,
    ]), c in clock()) {
        let v = Value::QualifiedTime(QualifiedTime::Qualified { qualifier: q, clock: c });
        prop_assert_ne!(v.compare(&Value::Time(c.time())).unwrap().verdict, Verdict::Conflicts, "{}", v);
    }

    #[test]
    fn before_excludes_the_time_it_names_except_midnight(q in prop::sample::select(vec![
        TimeQualifier::Before, TimeQualifier::ShortlyBefore, TimeQualifier::JustBefore,
    ]), c in clock()) {
        let v = Value::QualifiedTime(QualifiedTime::Qualified { qualifier: q, clock: c });
        let verdict = v.compare(&Value::Time(c.time())).unwrap().verdict;
        // "before midnight" is the whole day that midnight closes, so it holds 00:00 too.
        let whole_day = q == TimeQualifier::Before && c.time().minutes() == 0;
        prop_assert_eq!(verdict == Verdict::Conflicts, !whole_day, "{}", v);
    }

    #[test]
    fn parsing_a_display_gives_the_value_back(v in value()) {
        let text = v.to_string();
        let parsed: Value = text.parse().map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(parsed, v, "display was {:?}", text);
    }

    #[test]
    fn every_displayed_amount_reads_back(v in any_amount_like()) {
        let text = v.to_string();
        let parsed: Value = text.parse().map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(&parsed, &v, "display was {:?}", text);
        let json = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), v);
    }

    #[test]
    fn serde_round_trips_every_value_kind(v in value()) {
        let json = serde_json::to_string(&v).unwrap();
        let back: Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, v);
    }

    #[test]
    fn parsing_never_panics(s in "\\PC{0,40}") {
        let _ = s.parse::<Value>();
    }
}

/// Whether "fewer than n" and "nearly n" allow some amount: n above 0 (at 0 they are errors).
fn allows_a_bound_below(n: Number) -> bool {
    n.get() > 0.0
}
