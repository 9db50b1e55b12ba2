//! The reports on a table's result (`Reconciler::reconcile_table`, one result type for claims and tables): a
//! table's rows stay in its store, so the report counts them from the sources, does not call
//! a quantity consistent when no findings were made, and says how its rows rank when it
//! cannot show them one by one.

use std::fmt::Write as _;

use claimrecon::{Parser, Reconciler, Reconciliation, Table, markdown, text};

const CSV: &str = "source,object,attribute,value\n\
                   A,Almaty,deaths,225\nB,Almaty,deaths,225\nC,Almaty,deaths,103\n\
                   A,Aktau,deaths,12\n";

fn reconcile(reconciler: &Reconciler) -> Reconciliation {
    let bulk = Table::csv().read_bulk("t.csv", CSV.as_bytes(), &Parser::default()).unwrap();
    reconciler.reconcile_table(&bulk)
}

/// The estimates, sources and voices alone.
fn nothing() -> Reconciler {
    Reconciler::new().findings(false).ranks(false).whole_groups(false)
}

/// The lines of `report` that follow the quantity's heading `name`, up to the next blank line.
fn quantity<'a>(report: &'a str, name: &str) -> Vec<&'a str> {
    report.lines().skip_while(|l| *l != name).skip(1).take_while(|l| !l.is_empty()).collect()
}

#[test]
fn a_tables_report_counts_its_rows_and_judges_nothing_without_findings() {
    let r = reconcile(&nothing());
    assert!(r.claims.is_empty() && r.summary.is_none());
    let report = text(&r);
    assert!(
        report.starts_with("RECONCILIATION: 4 claims about 2 quantities from 3 sources"),
        "{report}"
    );
    assert!(report.contains("SUMMARY: 2 quantities: findings not made"), "{report}");
    let almaty = quantity(&report, "deaths [Almaty]");
    assert!(almaty.iter().any(|l| l.contains("estimate: low 225 / best 225 / high 225")));
    // Two clusters, but no findings were made: not "consistent".
    assert!(almaty.iter().any(|l| l.starts_with("  verdict: not judged")), "{almaty:#?}");
    assert!(almaty.iter().all(|l| !l.contains("consistent")), "{almaty:#?}");
    assert!(almaty.contains(&"  claims: not named (Reconciler::whole_groups)"), "{almaty:#?}");
    assert!(markdown(&r).contains(r"Claims: not named (Reconciler::whole\_groups)"));
}

#[test]
fn a_tables_report_with_findings_and_groups_gives_the_verdict_and_how_its_rows_rank() {
    let r = reconcile(&nothing().findings(true).ranks(true).whole_groups(true));
    let report = text(&r);
    assert!(report.contains("SUMMARY: 2 quantities: 1 with findings"), "{report}");
    let almaty = quantity(&report, "deaths [Almaty]");
    assert!(almaty.contains(&"  verdict: CONFLICT between 2 clusters (see findings)"));
    assert!(
        almaty.contains(&"  claims: 3 rows of the table: 2 preferred, 0 normal, 1 deprecated"),
        "{almaty:#?}"
    );
    assert!(almaty.iter().any(|l| l.contains("t.csv:2 vs t.csv:4: conflicts")), "{almaty:#?}");
    let aktau = quantity(&report, "deaths [Aktau]");
    assert!(aktau.contains(&"  verdict: consistent"), "{aktau:#?}");
}

#[test]
fn ranks_alone_are_counted_in_the_report() {
    let r = reconcile(&nothing().ranks(true));
    let report = text(&r);
    let almaty = quantity(&report, "deaths [Almaty]");
    assert!(
        almaty.contains(&"  claims: 3 rows of the table: 2 preferred, 0 normal, 1 deprecated"),
        "{almaty:#?}"
    );
}

#[test]
fn a_result_without_a_summary_reads_back_from_json() {
    let r = reconcile(&nothing());
    let json = serde_json::to_string(&r).unwrap();
    let back: Reconciliation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    let with = reconcile(&nothing().findings(true));
    let back: Reconciliation =
        serde_json::from_str(&serde_json::to_string(&with).unwrap()).unwrap();
    assert_eq!(back.summary, with.summary);
    assert!(back.summary.is_some());
}

/// A table's result holds no claims: given to `extend` or `merge`, its groups cannot be
/// carried over, and that is reported, never dropped in silence.
#[test]
fn a_tables_result_given_to_extend_or_merge_is_reported_not_dropped() {
    use claimrecon::Error;
    let table = reconcile(&nothing());
    let rows = |name: &str, csv: &str| -> Vec<_> {
        let parser = Parser::default();
        Table::csv().read(name, csv.as_bytes(), &parser).map(Result::unwrap).collect()
    };
    let more = rows("more.csv", "source,object,attribute,value\nD,Almaty,deaths,230\n");
    let reconciler = Reconciler::new();
    let extended = reconciler.extend(table.clone(), more.clone());
    assert!(
        extended.rejected.iter().any(|r| r.error == Error::NoClaimsHeld { groups: 2 }),
        "{:#?}",
        extended.rejected
    );
    let alone = reconciler.reconcile(more.clone());
    let merged = reconciler.merge(alone.clone(), table);
    assert!(merged.rejected.iter().any(|r| r.error == Error::NoClaimsHeld { groups: 2 }));
    // A reconciliation of claims carries over as before: nothing rejected.
    let later = rows("later.csv", "source,object,attribute,value\nE,Almaty,deaths,231\n");
    let both = reconciler.extend(alone, later);
    assert!(both.rejected.is_empty(), "{:#?}", both.rejected);
    assert_eq!(both.claims.len(), 2);
}

#[test]
fn a_findings_claims_are_named_up_to_twelve_and_the_rest_counted() {
    // Twenty sources say 100 on 1 January and 110 on 3 January; fifteen others say 80 on 2
    // January: fifteen regressions of one running total, one finding holding the fifteen
    // and the figures they fall below (twenty ids).
    let mut csv = String::from("source,object,attribute,value,as_of\n");
    for s in 0..20 {
        writeln!(csv, "s{s},Almaty,deaths,100,2022-01-01").unwrap();
        writeln!(csv, "s{s},Almaty,deaths,110,2022-01-03").unwrap();
    }
    for s in 20..35 {
        writeln!(csv, "s{s},Almaty,deaths,80,2022-01-02").unwrap();
    }
    let table = Table::csv().as_of_named("as_of").nature(claimrecon::Nature::RunningTotal);
    let bulk = table.read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let r = nothing().findings(true).reconcile_table(&bulk);
    let many: Vec<_> = r.findings.iter().filter(|f| f.claims.len() > 12).collect();
    assert_eq!(many.len(), 1, "{:#?}", r.findings);
    let (claims, more) = (&many[0].claims, many[0].claims.len() - 12);
    let named: Vec<String> = claims[..12].iter().map(ToString::to_string).collect();
    let report = text(&r);
    let listed: String =
        report.split("claims: ").nth(1).unwrap().split("\n\n").next().unwrap().into();
    let listed = listed.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(listed, format!("{}, and {more} more", named.join(", ")), "{report}");
    // The count is one item of the list: the report does not break a line inside it,
    // wherever the line ends (the table's name sets the ids' length, and so where it ends).
    for k in 1..=16 {
        let name = format!("{}.csv", "t".repeat(k));
        let bulk = table.read_bulk(&name, csv.as_bytes(), &Parser::default()).unwrap();
        let report = text(&nothing().findings(true).reconcile_table(&bulk));
        assert!(report.contains(&format!(" and {more} more\n")), "{report}");
    }
    assert!(!report.contains(&*claims[12].as_str()), "{report}");
    let md = markdown(&r);
    let quoted: Vec<String> = named.iter().map(|id| format!("`{id}`")).collect();
    assert!(md.contains(&format!("({}, and {more} more)", quoted.join(", "))), "{md}");
    // A running total resting on one voice that gave it on thirteen days: its note in
    // Markdown names twelve too.
    let mut csv = String::from("source,object,attribute,value,as_of\n");
    for day in 1..=13 {
        writeln!(csv, "s0,o,x,{},2022-01-{day:02}", 100 + day).unwrap();
    }
    let bulk = table.read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let r = nothing().findings(true).reconcile_table(&bulk);
    let one = r.findings.iter().find(|f| f.claims.len() == 13);
    assert!(one.is_some(), "{:#?}", r.findings);
    assert!(markdown(&r).contains(", and 1 more)"), "{}", markdown(&r));
}

/// The Markdown report shows names, phrases and values as written: a source `<b>x</b>`, an
/// object `[l](http://e)` or a label `*a* _b_` is escaped, not read as HTML, a link or
/// emphasis (found by a hostile-input probe), and an id holding a backtick stays one code
/// span.
#[test]
fn the_markdown_report_shows_names_as_written_not_as_markup() {
    let csv = "source,object,attribute,value\n<b>x</b>,[l](http://e),who,\"*a* _b_\"\n\
               y,[l](http://e),who,\"*a* _b_\"\n";
    let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let md = markdown(&Reconciler::new().findings(true).whole_groups(true).reconcile_table(&bulk));
    for raw in ["<b>", "[l](http://e)", "*a*", "_b_"] {
        assert!(!unescaped(&md, raw), "{raw} raw in:\n{md}");
    }
    for escaped in [r"\<b\>x\</b\>", r"\[l\](http://e)", r"\*a\* \_b\_"] {
        assert!(md.contains(escaped), "{escaped} not in:\n{md}");
    }
    // An id with a backtick in it: a code span fenced by two.
    let claim = |id: &str, source: &str| {
        claimrecon::Claim::parse(
            claimrecon::ClaimId::new(id).unwrap(),
            claimrecon::Subject::new(claimrecon::Measure::Deaths),
            "5",
            claimrecon::Provenance::new(claimrecon::SourceId::new(source).unwrap()),
            &Parser::default(),
        )
        .unwrap()
    };
    let r = claimrecon::Reconciler::new().reconcile([claim("a`b", "s1"), claim("c", "s2")]);
    let md = markdown(&r);
    assert!(md.contains("| `` a`b `` |"), "{md}");
    assert!(md.contains("| `c` |"), "{md}");
    // A line end in a phrase (a carriage return too) stays inside its table row.
    let quoted = claimrecon::Claim::parse(
        claimrecon::ClaimId::new("q").unwrap(),
        claimrecon::Subject::new(claimrecon::Measure::Deaths),
        "\"a\r# h\"",
        claimrecon::Provenance::new(claimrecon::SourceId::new("s3").unwrap()),
        &Parser::default(),
    );
    let md = markdown(&claimrecon::Reconciler::new().reconcile([quoted.unwrap()]));
    assert!(!md.contains('\r'), "{md:?}");
    assert!(md.lines().all(|l| !l.starts_with("# h")), "{md}");
}

/// Whether `raw` occurs in `md` other than escaped (each of its markup characters after a
/// backslash).
fn unescaped(md: &str, raw: &str) -> bool {
    md.match_indices(raw).any(|(at, _)| !md[..at].ends_with('\\'))
}

/// A voice of many members (a family of copies may hold hundreds, each with its evidence)
/// shows its first twelve reasons in a report and counts the rest; the result keeps them all.
#[test]
fn a_voices_reasons_are_named_up_to_twelve_and_the_rest_counted() {
    use claimrecon::SourceId;
    let mut csv = String::from("source,object,attribute,value\n");
    for s in 0..20 {
        writeln!(csv, "site {s:02},Almaty,deaths,225").unwrap();
    }
    writeln!(csv, "TASS,Almaty,deaths,103").unwrap();
    let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let owner = SourceId::new("One owner").unwrap();
    let r = (0..20)
        .fold(Reconciler::new(), |r, s| {
            r.same_voice(SourceId::new(&format!("site {s:02}")).unwrap(), owner.clone(), "owned")
        })
        .reconcile_table(&bulk);
    let voice = r.voices.iter().find(|v| v.members.len() == 20).unwrap();
    assert_eq!(voice.reasons.len(), 20, "{:#?}", voice.reasons);
    let shown: Vec<String> = voice.reasons.iter().take(12).map(ToString::to_string).collect();
    let expected = format!("{}; and 8 more", shown.join("; "));
    let report = text(&r);
    let line: String = report
        .split("INDEPENDENCE GROUPS (sources counted as one voice)\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(line, format!("- site 00: {expected}"), "{report}");
    let thirteenth = voice.reasons[12].to_string();
    assert!(!report.contains(&thirteenth), "{report}");
    let md = markdown(&r);
    assert!(md.contains("; and 8 more"), "{md}");
    assert!(!md.contains(&thirteenth), "{md}");
}

/// The smallest amounts a table holds (down to `Number::MIN_POSITIVE`, 10^-15) display as
/// themselves in an estimate and in the report: they were rounded to six decimals and showed
/// as 0, while `best_number` gave 1e-15.
#[test]
fn the_smallest_amounts_are_shown_not_rounded_to_zero() {
    let estimate = |csv: &str| {
        let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
        let r = nothing().reconcile_table(&bulk);
        let figure = r.estimate("O", "x").unwrap().figure.clone();
        (figure, text(&r))
    };
    let (figure, report) = estimate(
        "source,object,attribute,value\na,O,x,0.000000000000001\nb,O,x,0.000000000000001\n",
    );
    assert_eq!(figure.best_number(), Some(1e-15));
    let shown = "low 0.000000000000001 / best 0.000000000000001 / high 0.000000000000001";
    assert_eq!(figure.to_string(), shown);
    assert!(quantity(&report, "x [O]").iter().any(|l| l.contains(shown)), "{report}");

    let (figure, _) = estimate(
        "source,object,attribute,value\na,O,x,fewer than 0.000000000000001\nb,O,x,about 0\n",
    );
    assert_eq!(figure.to_string(), "low 0 / best 0 / high below 0.000000000000001");
}
