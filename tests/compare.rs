//! Behaviour of value comparison: the verdicts an analyst expects, with reasons.

use claimrecon::{Basis, Error, Parser, Policy, Value, Verdict};

fn v(phrase: &str) -> Value {
    Parser::default().parse(phrase).unwrap_or_else(|e| panic!("{phrase}: {e}")).value
}

fn verdict(a: &str, b: &str) -> Verdict {
    v(a).compare(&v(b)).unwrap().verdict
}

#[test]
fn a_lower_bound_and_a_figure_above_it_are_compatible() {
    let cmp = v("more than 1,300").compare(&v("4,578")).unwrap();
    assert_eq!(cmp.verdict, Verdict::Compatible);
    assert_eq!(cmp.basis, Basis::Contained);
    assert_eq!(cmp.reason, "4,578 lies within more than 1,300 (1300, ∞)");
}

#[test]
fn about_a_thousand_conflicts_with_4578_and_with_at_least_2300() {
    assert_eq!(verdict("About 1,000", "4,578"), Verdict::Conflicts);
    assert_eq!(verdict("About 1,000", "at least 2,300"), Verdict::Conflicts);
    assert_eq!(verdict("about 1,000", "1,200"), Verdict::Compatible);
}

#[test]
fn about_a_round_number_reaches_further_than_about_a_precise_one() {
    // 1,200 fits "about 1,000" (a rounded figure) but not "about 1,050" (+-105).
    assert_eq!(verdict("about 1,000", "1,200"), Verdict::Compatible);
    assert_eq!(verdict("about 1,050", "1,200"), Verdict::Conflicts);
}

#[test]
fn complementary_curfews_conflict_as_complements() {
    let cmp = v("11 p.m. to 7 a.m.").compare(&v("from 7.00 to 23.00")).unwrap();
    assert_eq!(cmp.verdict, Verdict::Conflicts);
    assert_eq!(cmp.basis, Basis::Complement);
}

/// A window states daily hours exactly: a curfew from 10 p.m. and one from 11 p.m. cannot
/// both be the curfew, even though one window lies inside the other. A time inside a window
/// fits it.
#[test]
fn a_window_inside_another_conflicts_with_it_but_a_time_inside_fits() {
    assert_eq!(verdict("10 p.m. to 8 a.m.", "11 p.m. to 7 a.m."), Verdict::Conflicts);
    assert_eq!(verdict("10 p.m. to 7 a.m.", "11 p.m. to 7 a.m."), Verdict::Conflicts);
    assert_eq!(verdict("10 p.m. to 6 a.m.", "11 p.m. to 7 a.m."), Verdict::Conflicts);
    let cmp = v("10 p.m. to 7 a.m.").compare(&v("11 p.m. to 7 a.m.")).unwrap();
    assert_eq!(
        cmp.reason.to_string(),
        "22:00-07:00 and 23:00-07:00 are different hours: they begin at 22:00 and 23:00"
    );
    let cmp = v("11 p.m. to 6 a.m.").compare(&v("10 p.m. to 7 a.m.")).unwrap();
    assert_eq!(
        cmp.reason.to_string(),
        "23:00-06:00 and 22:00-07:00 are different hours: they begin at 23:00 and 22:00 and end \
         at 06:00 and 07:00"
    );
    assert_eq!(verdict("2 a.m.", "11 p.m. to 7 a.m."), Verdict::Compatible);
    // Daily hours name both ends: the curfew ends at 7 a.m., and 7:01 is past it.
    assert_eq!(verdict("7 a.m.", "11 p.m. to 7 a.m."), Verdict::Compatible);
    assert_eq!(verdict("7:01 a.m.", "11 p.m. to 7 a.m."), Verdict::Conflicts);
    assert_eq!(verdict("noon", "11 p.m. to 7 a.m."), Verdict::Conflicts);
}

#[test]
fn a_price_change_is_consistent_with_two_fold_and_doubling_but_not_tripling() {
    let prices = "from 50-60 to 110-120 tenge per liter";
    let cmp = v(prices).compare(&v("two-fold")).unwrap();
    assert_eq!(cmp.verdict, Verdict::Compatible);
    assert!(cmp.reason.to_string().starts_with("consistent: as factors"), "{}", cmp.reason);
    assert_eq!(verdict(prices, "doubling"), Verdict::Compatible);
    assert_eq!(verdict(prices, "almost two-fold"), Verdict::Compatible);
    assert_eq!(verdict(prices, "tripled"), Verdict::Conflicts);
    assert_eq!(verdict(prices, "halved"), Verdict::Conflicts);
}

#[test]
fn a_price_is_compared_with_the_end_of_a_change() {
    assert_eq!(
        verdict("from 50-60 to 110-120 tenge per liter", "115 tenge per litre"),
        Verdict::Compatible
    );
    assert_eq!(
        verdict("from 50-60 to 110-120 tenge per liter", "50 tenge per 1 liter"),
        Verdict::Conflicts
    );
}

#[test]
fn undisclosed_contradicts_nothing() {
    for other in ["2500", "dozens", "January 5, 2022", "yes", "11 p.m. to 7 a.m."] {
        let cmp = v("did not disclose").compare(&v(other)).unwrap();
        assert_eq!(cmp.verdict, Verdict::Compatible, "{other}");
        assert_eq!(cmp.basis, Basis::Undisclosed);
    }
}

#[test]
fn sets_agree_contain_or_disagree() {
    let five = "{Russia, Armenia, Tajikistan, Kyrgyzstan, Belarus}";
    let four =
        Parser::default().parse_set("Armenia, Belarus, Tajikistan and Kyrgyzstan").unwrap().value;
    let cmp = four.compare(&v(five)).unwrap();
    assert_eq!((cmp.verdict, cmp.basis), (Verdict::Compatible, Basis::Subset));
    assert_eq!(verdict("{Russia, Belarus}", "{belarus, russia}"), Verdict::Agrees);
    assert_eq!(verdict("{Russia, Uzbekistan}", five), Verdict::Conflicts);
    assert_eq!(verdict("\"Armenia\"", five), Verdict::Compatible);
}

#[test]
fn categories_compare_case_insensitively() {
    assert_eq!(verdict("\"LPG\"", "\"lpg\""), Verdict::Agrees);
    assert_eq!(
        verdict("\"liquefied petroleum gas\"", "\"liquefied natural gas\""),
        Verdict::Conflicts
    );
}

#[test]
fn dates_overlap_or_not() {
    let p =
        Parser::default().published(chrono::NaiveDate::from_ymd_opt(2022, 1, 6).unwrap()).unwrap();
    let date = |s: &str| p.parse(s).unwrap().value;
    let weekend = date("over the weekend");
    assert_eq!(weekend.compare(&date("2 January")).unwrap().verdict, Verdict::Compatible);
    assert_eq!(
        date("the first days of 2022").compare(&weekend).unwrap().verdict,
        Verdict::Compatible
    );
    assert_eq!(date("January 4, 2022").compare(&weekend).unwrap().verdict, Verdict::Conflicts);
    assert_eq!(
        date("January 5").compare(&date("5 January 2022")).unwrap().verdict,
        Verdict::Agrees
    );
}

#[test]
fn dozens_is_compatible_with_13_and_conflicts_with_164() {
    assert_eq!(verdict("dozens", "13"), Verdict::Compatible);
    assert_eq!(verdict("dozens", "164"), Verdict::Conflicts);
    assert_eq!(verdict("hundreds", "164"), Verdict::Compatible);
}

#[test]
fn a_custom_vague_policy_changes_the_verdict() {
    use claimrecon::{VaguePolicy, VagueWord};
    let strict = Policy::default().vague(VaguePolicy::default().set(
        VagueWord::Dozens,
        24.0,
        99.0,
        "two dozen or more",
    ));
    let cmp = v("dozens").compare_with(&v("13"), &strict).unwrap();
    assert_eq!(cmp.verdict, Verdict::Conflicts);
}

#[test]
fn different_dimensions_are_an_error_not_a_conflict() {
    let err = v("4,578").compare(&v("50 tenge per 1 liter")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot compare a count with a price in KZT per litre: different dimensions"
    );
    let err = v("212 million US dollars").compare(&v("212 million tenge")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot compare money in USD with money in KZT: different dimensions"
    );
    assert!(matches!(err, Error::DimensionMismatch { .. }));
}

#[test]
fn different_kinds_are_an_error() {
    let err = v("4,578").compare(&v("2022-01-05")).unwrap_err();
    assert_eq!(err.to_string(), "cannot compare an amount with a date");
    assert!(v("two-fold").compare(&v("50")).is_err());
}

#[test]
fn persons_and_plain_numbers_compare() {
    assert_eq!(verdict("4,578 people", "4,578"), Verdict::Agrees);
}

#[test]
fn a_qualified_time_compares_by_its_stretch_of_the_day() {
    let cmp = v("about 6 p.m.").compare(&v("18:10")).unwrap();
    assert_eq!(cmp.verdict, Verdict::Compatible);
    assert_eq!(cmp.basis, Basis::Contained);
    assert_eq!(cmp.reason, "18:10 lies within about 6 p.m. [17:30, 18:30]");

    let cmp = v("about 6 p.m.").compare(&v("9 p.m.")).unwrap();
    assert_eq!(cmp.verdict, Verdict::Conflicts);
    assert_eq!(cmp.basis, Basis::Disjoint);
    assert_eq!(cmp.reason, "21:00 lies outside about 6 p.m. [17:30, 18:30]");

    // The ends of "about" are included; "shortly before" excludes the time it names.
    assert_eq!(verdict("about 6 p.m.", "18:30"), Verdict::Compatible);
    assert_eq!(verdict("about 6 p.m.", "18:31"), Verdict::Conflicts);
    assert_eq!(verdict("shortly before 6 p.m.", "18:00"), Verdict::Conflicts);
    assert_eq!(verdict("shortly before 6 p.m.", "17:30"), Verdict::Compatible);
    assert_eq!(verdict("shortly after 6 p.m.", "18:00"), Verdict::Compatible);
    assert_eq!(verdict("by 6 p.m.", "18:00"), Verdict::Compatible);
    assert_eq!(verdict("before 6 p.m.", "18:00"), Verdict::Conflicts);
    assert_eq!(verdict("after 6 p.m.", "23:59"), Verdict::Compatible);
    assert_eq!(verdict("after 6 p.m.", "noon"), Verdict::Conflicts);
}

#[test]
fn a_qualified_time_against_windows_and_other_qualified_times() {
    let cmp = v("evening").compare(&v("11 p.m. to 7 a.m.")).unwrap();
    assert_eq!(cmp.verdict, Verdict::Compatible);
    assert_eq!(cmp.basis, Basis::Overlap);
    assert_eq!(cmp.reason, "evening [17:00, 24:00) and 23:00-07:00 overlap");

    let cmp = v("about 6 p.m.").compare(&v("early morning")).unwrap();
    assert_eq!(cmp.verdict, Verdict::Conflicts);
    assert_eq!(
        cmp.reason,
        "about 6 p.m. [17:30, 18:30] and early morning [00:00, 09:00) do not overlap"
    );

    // The same words written two ways say the same thing.
    let cmp = v("about 6 p.m.").compare(&v("around 18:00")).unwrap();
    assert_eq!(cmp.verdict, Verdict::Agrees);
    assert_eq!(
        cmp.reason,
        "about 6 p.m. [17:30, 18:30] and around 18:00 [17:30, 18:30] cover the same times"
    );
    let cmp = v("shortly after 6 p.m.").compare(&v("shortly after 6 p.m.")).unwrap();
    assert_eq!(
        (cmp.verdict, cmp.reason.to_string().as_str()),
        (Verdict::Agrees, "both say shortly after 6 p.m.")
    );

    // Night crosses midnight: 2 a.m. and "late at night" fall in it, noon does not.
    assert_eq!(verdict("night", "2 a.m."), Verdict::Compatible);
    assert_eq!(verdict("night", "late at night"), Verdict::Compatible);
    assert_eq!(verdict("night", "noon"), Verdict::Conflicts);
    assert_eq!(verdict("just before midnight", "late evening"), Verdict::Compatible);
    assert_eq!(verdict("just before midnight", "00:00"), Verdict::Conflicts);
    assert_eq!(verdict("around midnight", "00:20"), Verdict::Compatible);
    assert_eq!(verdict("after 6 p.m.", "from 19:00 to 21:00"), Verdict::Compatible);
    assert_eq!(verdict("morning", "afternoon"), Verdict::Conflicts);
}

#[test]
fn a_qualified_time_is_not_an_amount_or_a_date() {
    let err = v("about 6 p.m.").compare(&v("about 1,000")).unwrap_err();
    assert_eq!(err.to_string(), "cannot compare a qualified time of day with an amount");
    assert!(matches!(err, Error::Incomparable { .. }));
}

#[test]
fn the_time_policy_decides_the_verdict() {
    let strict = Policy::default().time(claimrecon::TimePolicy::default().about_rounding(0.1));
    let (a, b) = (v("about 6 p.m."), v("18:10"));
    assert_eq!(a.compare_with(&b, &strict).unwrap().verdict, Verdict::Conflicts);
    assert_eq!(a.compare_with(&b, &Policy::default()).unwrap().verdict, Verdict::Compatible);
}
