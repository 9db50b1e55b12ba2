//! Columns found by the header's names (issue 12, item 3): in any order, in both table
//! readers, with the same rows, the same messages and the same line numbers; a header that
//! lacks a name the table looks for is an error of the whole table, in both.

use claimrecon::{
    CellKind, Currency, Dimension, Error, Figure, Measure, Parser, Reconciler, Table, Unit,
};
use itertools::Itertools;

/// The rows of a four-column table, in the order source, object, attribute, value.
const ROWS: [[&str; 4]; 5] = [
    ["a", "Oslo", "population", "700000"],
    ["b", "Oslo", "population", "\"about 700,000\""],
    ["c", "Oslo", "population", "7000"],
    ["a", "Oslo", "mayor", "Marianne Borgen"],
    ["b", "Bergen", "population", ""],
];

const NAMES: [&str; 4] = ["source", "object", "attribute", "value"];

/// The table with its columns in `order` (a permutation of 0..4), with a header.
fn table_in(order: &[usize], header: &[&str]) -> String {
    let mut text = order.iter().map(|&i| header[i]).collect::<Vec<_>>().join(",");
    text.push('\n');
    for row in ROWS {
        text.push_str(&order.iter().map(|&i| row[i]).collect::<Vec<_>>().join(","));
        text.push('\n');
    }
    text
}

/// `Table::read`'s items: each claim as id, source, subject and value; each error as text.
fn read(table: &Table, text: &str) -> Vec<String> {
    table
        .read("t.csv", text.as_bytes(), &Parser::default())
        .map(|r| match r {
            Ok(c) => {
                format!("{} {} {} {}", c.id(), c.provenance().outlet(), c.subject(), c.value())
            }
            Err(e) => e.to_string(),
        })
        .collect()
}

/// `read_bulk`'s variables (each its estimate and number of claims, in the groups' order: by
/// attribute, then object) and rejected rows, as text.
fn read_bulk(table: &Table, text: &str) -> Result<Vec<String>, String> {
    let bulk =
        table.read_bulk("t.csv", text.as_bytes(), &Parser::default()).map_err(|e| e.to_string())?;
    let result = Reconciler::new().whole_groups(true).reconcile_table(&bulk);
    let mut out: Vec<String> = result
        .groups
        .iter()
        .map(|g| {
            let object = g.subject.which_event().expect("a table's variable has an object");
            let Measure::Other(attribute) = g.subject.measure() else {
                panic!("{}: a table's measure is its attribute", g.subject)
            };
            let figure =
                g.estimate.as_ref().map_or("no estimate".to_owned(), |e| e.figure.to_string());
            format!("{object} / {attribute} = {figure} ({} claims)", g.claims.len())
        })
        .collect();
    out.extend(bulk.rejected().iter().map(|r| r.error.to_string()));
    Ok(out)
}

/// Every one of the 24 orders of the four columns reads as the first does, in both readers,
/// found by `Table::csv`'s default names and by names given with `Table::named` (in another
/// case and with white space around them).
#[test]
fn columns_are_found_by_the_headers_names_in_any_order() {
    let plain = table_in(&[0, 1, 2, 3], &NAMES);
    let expected = read(&Table::csv(), &plain);
    // What the rows say, written out: a name is a label, as in `read_bulk`, and the empty
    // value is rejected naming the field.
    assert_eq!(
        expected,
        [
            "t.csv:2 a population [Oslo] 700,000",
            "t.csv:3 b population [Oslo] about 700,000",
            "t.csv:4 c population [Oslo] 7,000",
            "t.csv:5 a mayor [Oslo] \"Marianne Borgen\"",
            "t.csv:6: field value: invalid label \"\": is empty",
        ]
    );
    let expected_bulk = read_bulk(&Table::csv(), &plain).unwrap();
    assert_eq!(
        expected_bulk,
        [
            "Oslo / mayor = \"Marianne Borgen\" (1 claims)",
            "Oslo / population = low 700,000 / best 700,000 / high 700,000 (3 claims)",
            "t.csv:6: field value: invalid label \"\": is empty",
        ]
    );
    // With the header's own names, a row's error names its column as the header spells it.
    let own = ["Editor", "City", "Measure", "Figure"];
    let named = Table::csv().named(" editor ", "CITY", Some("measure"), "figure");
    let in_figure = |rows: &[String]| -> Vec<String> {
        rows.iter().map(|r| r.replace("field value:", "field Figure:")).collect()
    };
    let (expected_own, expected_own_bulk) = (in_figure(&expected), in_figure(&expected_bulk));
    assert_eq!(expected_own[4], "t.csv:6: field Figure: invalid label \"\": is empty");
    let mut orders = 0;
    for order in (0..4).permutations(4) {
        orders += 1;
        let text = table_in(&order, &NAMES);
        assert_eq!(read(&Table::csv(), &text), expected, "{order:?}");
        assert_eq!(read_bulk(&Table::csv(), &text).unwrap(), expected_bulk, "{order:?}");
        let text = table_in(&order, &own);
        assert_eq!(read(&named, &text), expected_own, "{order:?}");
        assert_eq!(read_bulk(&named, &text).unwrap(), expected_own_bulk, "{order:?}");
    }
    assert_eq!(orders, 24);
}

/// A header that lacks a name the table looks for, or holds it twice, stops both readers with
/// the same error naming the header's line; `Table::read` gives it as its only item.
#[test]
fn a_header_without_a_named_column_is_an_error_of_the_whole_table() {
    let cases = [
        (
            Table::csv().named("editor", "city", None, "population"),
            "\n\neditor,city,pop\na,Oslo,700000\n",
            "t.csv:3: field header: the header has no column named \"population\" (it has \
             \"editor\", \"city\", \"pop\")",
        ),
        (
            Table::csv().named("editor", "city", None, "population"),
            "editor,city,population,Population\na,Oslo,700000,7\n",
            "t.csv:1: field header: the header names \"population\" twice (columns 2 and 3)",
        ),
        (
            Table::csv().as_of_named("date"),
            "source,object,attribute,value\na,Oslo,population,700000\n",
            "t.csv:1: field header: the header has no column named \"date\" (it has \
             \"source\", \"object\", \"attribute\", \"value\")",
        ),
        (
            Table::csv().named("s", "o", None, "v").with_small_limits(8, 20),
            "s,o,v,and a long tail\na,b,1\n",
            "t.csv:1: field header: the header cannot be read: the line is longer than 8 bytes",
        ),
        // `Table::csv`'s default reads a header that does not name the source, the object
        // and the value by position: one that names one of the columns elsewhere would be
        // misread on every row (the ids as sources, the attributes as values), none rejected.
        (
            Table::csv(),
            "id,source,object,attribute,val\n1,a,X,n,5\n",
            "t.csv:1: field header: the header names \"source\" in column 1, but has no column \
             named \"value\": the columns would be read by position, where column 1 is read as \
             the object and source from column 0 (name every column, or use Table::named or \
             Table::columns)",
        ),
        (
            Table::csv(),
            "\u{feff}Value,Who\n5,a\n",
            "t.csv:1: field header: the header names \"value\" in column 0, but has no column \
             named \"source\" or \"object\": the columns would be read by position, where \
             column 0 is read as the source and value from column 3 (name every column, or use \
             Table::named or Table::columns)",
        ),
        // A table without a header, read with `Table::csv`'s: its first row would be taken
        // for the header and dropped without a word (found by a hostile-input probe).
        (
            Table::csv(),
            "Reuters,Oslo,pop,10\nAP,Oslo,pop,12\n",
            "t.csv:1: field header: the first line is read as the header, but its value column \
             (column 3) holds the number 10, which names no column: if the table has no \
             header, use Table::header(false); to read it by position anyway, Table::columns",
        ),
        (
            Table::csv().named("s", "o", None, "v").header(false),
            "a,b,1\n",
            "t.csv:1: field header: the columns are named, but the table has no header (give \
             positions with Table::columns, Table::as_of and Table::unit)",
        ),
    ];
    for (table, text, message) in cases {
        assert_eq!(read(&table, text), [message], "{text:?}");
        assert_eq!(read_bulk(&table, text), Err(message.to_owned()), "{text:?}");
    }
}

/// `Table::csv`'s default finds the columns by name only when the header names the source,
/// the object and the value; otherwise they are where they always were (0 to 3), and a header
/// that cannot be read is a rejected row, as before.
#[test]
fn without_the_default_names_columns_stay_in_place() {
    let text = "who,what,which,how much\na,Oslo,population,700000\n";
    assert_eq!(read(&Table::csv(), text), ["t.csv:2 a population [Oslo] 700,000"]);
    // Some of the default names, each where it is read: by position, as the names say.
    let text = "source,object,attribute,val\na,Oslo,population,700000\n";
    assert_eq!(read(&Table::csv(), text), ["t.csv:2 a population [Oslo] 700,000"]);
    // A name only in a column not read (a citation after the data) changes nothing.
    let text = "who,city,measure,figure,source\na,Oslo,population,700000,http://x\n";
    assert_eq!(read(&Table::csv(), text), ["t.csv:2 a population [Oslo] 700,000"]);
    // Without an attribute column, every row is about `value`.
    let text = "value,object,source\n700000,Oslo,a\n";
    assert_eq!(read(&Table::csv(), text), ["t.csv:2 a value [Oslo] 700,000"]);
    let table = Table::csv().with_small_limits(8, 20);
    let text = "source,object,attribute,value\na,o,n,1\n";
    assert_eq!(
        read(&table, text),
        ["t.csv:1: field row: the line is longer than 8 bytes", "t.csv:2 a n [o] 1"]
    );
    assert_eq!(
        read_bulk(&table, text).unwrap(),
        [
            "o / n = low 1 / best 1 / high 1 (1 claims)",
            "t.csv:1: field row: the line is longer than 8 bytes"
        ]
    );
}

/// The as-of column by name: the default finds `as_of`, `Table::as_of_named` any other; the
/// header may be quoted over two lines and follow a byte order mark, and the rows keep their
/// lines.
#[test]
fn the_as_of_column_is_found_by_name_and_lines_are_kept() {
    let text =
        "\u{feff}as_of,value,object,source\n2022-01-05,164,Almaty,a\n2022-01-10,225,Almaty,b\n";
    let as_of = |table: &Table, text: &str| -> Vec<String> {
        table
            .read("t.csv", text.as_bytes(), &Parser::default())
            .map(|r| match r {
                Ok(c) => format!("{} {:?} {}", c.id(), c.as_of(), c.value()),
                Err(e) => e.to_string(),
            })
            .collect()
    };
    let expected = ["t.csv:2 Some(2022-01-05) 164", "t.csv:3 Some(2022-01-10) 225"];
    assert_eq!(as_of(&Table::csv(), text), expected);
    let text =
        "\"the\nday\",value,object,source\n2022-01-05,164,Almaty,a\n2022-01-10,225,Almaty,b\n";
    let expected = ["t.csv:3 Some(2022-01-05) 164", "t.csv:4 Some(2022-01-10) 225"];
    assert_eq!(as_of(&Table::csv().as_of_named("THE\nDAY"), text), expected);
    // A date that does not read names its column as the header spells it; by position, the
    // field it is read as.
    let text = "Day,value,object,source\n5 Jan,164,Almaty,a\n";
    let got = as_of(&Table::csv().as_of_named("day"), text);
    assert!(
        got[0].starts_with("t.csv:2: field Day: \"5 Jan\" is not a YYYY-MM-DD date"),
        "{got:?}"
    );
    let got = as_of(&Table::csv().columns(3, 2, None, 1).as_of(0), text);
    assert!(
        got[0].starts_with("t.csv:2: field as_of: \"5 Jan\" is not a YYYY-MM-DD date"),
        "{got:?}"
    );
}

/// A reader that fails while the header is read: an `Error::Io` naming the line, in both.
#[test]
fn a_reader_failing_in_the_header_is_an_io_error_at_its_line() {
    struct Failing<'a>(&'a [u8]);
    impl std::io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("disk on fire"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let table = Table::csv().named("s", "o", None, "v");
    let parser = Parser::default();
    let items: Vec<String> = table
        .read("t.csv", Failing(b"\n\ns,o,"), &parser)
        .map(|r| r.map_or_else(|e| e.to_string(), |c| c.id().to_string()))
        .collect();
    assert_eq!(items, ["t.csv:3: reading failed: disk on fire"]);
    let e = table.read_bulk("t.csv", Failing(b"\n\ns,o,"), &parser).unwrap_err();
    assert!(matches!(e, Error::Io { line: 3, .. }), "{e:?}");
}

/// A unit column: each value is read with its row's unit, in both readers, found by the
/// default name `unit` or by position; an empty unit cell adds nothing, so a bare number in a
/// column of money is a number, and a rejected row.
#[test]
fn a_unit_column_joins_each_value_to_its_unit_in_both_readers() {
    let csv = "source,object,attribute,value,unit\n\
               a,Almaty,fuel price,120,tenge\n\
               b,Almaty,fuel price,about 150,tenge\n\
               c,Almaty,fuel price,120,\n\
               d,Almaty,fuel price,100,KZT\n\
               e,Almaty,fuel price,,tenge\n";
    let expected = [
        "t.csv:2 a fuel price [Almaty] 120 tenge",
        "t.csv:3 b fuel price [Almaty] about 150 tenge",
        "t.csv:4: field value: the value is a number, while attribute \"fuel price\" holds \
         amounts in tenge (3 of its 4 cells)",
        "t.csv:5 d fuel price [Almaty] 100 tenge",
        // A unit without a value is no value (found by the fuzz target read_named).
        "t.csv:6: field value: invalid label \"\": is empty",
    ];
    assert_eq!(read(&Table::csv(), csv), expected);
    let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let result = Reconciler::new().reconcile_table(&bulk);
    let e = result.estimate("Almaty", "fuel price").unwrap();
    let Figure::Number { best, unit, .. } = e.figure else { panic!("a number: {}", e.figure) };
    assert_eq!((best, unit), (120.0, Some(Unit::Money(Currency::Kzt))));
    let rejected: Vec<String> = bulk.rejected().iter().map(|r| r.error.to_string()).collect();
    assert_eq!(rejected, [expected[2], expected[4]]);
    // By position, without a header; a row without the unit column says so.
    let tsv = "a\tAlmaty\t120\ttenge\nb\tAlmaty\t150\n";
    let table = Table::tsv().columns(0, 1, None, 2).unit(3);
    assert_eq!(
        read(&table, tsv),
        [
            "t.csv:1 a value [Almaty] 120 tenge",
            "t.csv:2: field unit: the row has no column 3 (columns count from 0; it has 3)",
        ]
    );
    assert_eq!(
        read_bulk(&table, tsv).unwrap(),
        [
            "Almaty / value = low 120 / best 120 / high 120 tenge (1 claims)",
            "t.csv:2: field unit: the row has no column 3 (columns count from 0; it has 3)",
        ]
    );
}

/// A declared kind wins over the vote, in both readers: postcodes spelled as numbers are read
/// as written, as labels, and a column declared to hold numbers rejects its labels however
/// many there are.
#[test]
fn a_declared_kind_wins_over_the_vote_in_both_readers() {
    let csv = "source,object,attribute,value\n\
               a,Oslo,postcode,0150\n\
               b,Oslo,postcode,0150\n\
               c,Oslo,postcode,150\n\
               a,Oslo,population,lots\n\
               b,Oslo,population,no idea\n\
               c,Oslo,population,700000\n";
    let table = Table::csv()
        .kind("postcode", CellKind::Label)
        .kind("  population ", CellKind::Number(Dimension::Count));
    let unknown = |line: usize, label: &str| {
        let word = label.split(' ').next().unwrap_or_default();
        format!(
            "t.csv:{line}: field value: the value is a label ({label:?}), while attribute \
             \"population\" holds numbers (declared): cannot read {label:?} at byte 0: expected \
             a number, a date or a time of day, found '{word}'"
        )
    };
    assert_eq!(
        read(&table, csv),
        [
            "t.csv:2 a postcode [Oslo] \"0150\"".to_owned(),
            "t.csv:3 b postcode [Oslo] \"0150\"".to_owned(),
            "t.csv:4 c postcode [Oslo] \"150\"".to_owned(),
            unknown(5, "lots"),
            unknown(6, "no idea"),
            "t.csv:7 c population [Oslo] 700,000".to_owned(),
        ]
    );
    assert_eq!(
        read_bulk(&table, csv).unwrap(),
        [
            "Oslo / population = low 700,000 / best 700,000 / high 700,000 (1 claims)".to_owned(),
            "Oslo / postcode = \"0150\" (3 claims)".to_owned(),
            unknown(5, "lots"),
            unknown(6, "no idea"),
        ]
    );
    // Undeclared, the labels outvote the number and the postcodes are numbers.
    let undeclared = read(&Table::csv(), csv);
    assert_eq!(undeclared[2], "t.csv:4 c postcode [Oslo] 150");
    assert!(undeclared[5].contains("holds labels (2 of its 3 cells)"), "{undeclared:?}");
}

/// A row with a bad as-of date is rejected by both readers (`read_bulk` checks the date it does
/// not use), so neither counts it in the vote of its attribute: before, `read_bulk` counted it
/// and could give the attribute another kind (found by the fuzz target `read_named`).
#[test]
fn a_bad_as_of_date_rejects_its_row_in_both_readers_before_the_vote() {
    let csv = "source,object,attribute,value,as_of\n\
               a,x,n,lots,2022-01-05\n\
               b,x,n,5,5 Jan\n\
               c,x,n,7,2022-13-01\n\
               d,x,n,9,2022-01-06\n\
               e,x,n,more,2022-01-06\n";
    let bad = |line: usize, text: &str, why: &str| {
        format!("t.csv:{line}: field as_of: {text:?} is not a YYYY-MM-DD date: {why}")
    };
    let nine = "t.csv:5: field value: the value is a number, while attribute \"n\" holds labels \
                (2 of its 3 cells)";
    let expected = [
        "t.csv:2 a n [x] \"lots\"".to_owned(),
        bad(3, "5 Jan", "expected a year, a month and a day joined by '-'"),
        "t.csv:4: field as_of: invalid date \"2022-13-01\": no such day in the calendar".to_owned(),
        nine.to_owned(),
        "t.csv:6 e n [x] \"more\"".to_owned(),
    ];
    assert_eq!(read(&Table::csv(), csv), expected);
    assert_eq!(
        read_bulk(&Table::csv(), csv).unwrap(),
        // Two sources, two labels, one weight: undecided, as `Reconciler` has it.
        [
            "x / n = undecided between \"lots\" and \"more\" (2 claims)",
            &expected[1],
            &expected[2],
            nine
        ]
    );
}

/// A date in a column of labels is shown in the message by both readers alike (found by the
/// fuzz target `read_named`: `Table::read` left the date out).
#[test]
fn a_misfit_date_is_shown_alike_by_both_readers() {
    let csv = "source,object,attribute,value\na,x,n,lots\nb,x,n,more\nc,x,n,5 January 2022\n";
    let message = "t.csv:4: field value: the value is a date (\"2022-01-05\"), while attribute \
                   \"n\" holds labels (2 of its 3 cells)";
    assert_eq!(read(&Table::csv(), csv)[2], message);
    assert_eq!(read_bulk(&Table::csv(), csv).unwrap()[1], message);
}

/// Review of issue 12's table work: a table name too long for the claim ids `name:line` stops
/// both readers (`Table::read` used to reject the rows from line 10 on and `read_bulk` kept
/// them all); a header that names `value` twice but not `source` and `object` leaves the
/// default columns where they are; a header of many cells is named in a line.
#[test]
fn the_table_name_duplicate_default_names_and_long_headers_read_alike() {
    let long = format!("{}.csv", "d".repeat(194));
    let csv = "source,object,attribute,value\na,Oslo,pop,1\n";
    let parser = Parser::default();
    let items: Vec<_> = Table::csv().read(&long, csv.as_bytes(), &parser).collect();
    let bulk = Table::csv().read_bulk(&long, csv.as_bytes(), &parser).unwrap_err();
    assert_eq!(items.len(), 1);
    let error = items[0].as_ref().unwrap_err();
    assert_eq!(error.to_string(), bulk.to_string());
    assert!(error.to_string().contains(": field name: invalid claim id"), "{error}");

    let csv = "src,obj,attr,value,value\na,Oslo,pop,1,raw\n";
    assert_eq!(read(&Table::csv(), csv), ["t.csv:2 a pop [Oslo] 1"]);
    assert_eq!(
        read_bulk(&Table::csv(), csv).unwrap(),
        ["Oslo / pop = low 1 / best 1 / high 1 (1 claims)"]
    );

    let csv = format!("{}\na,b,1\n", ",".repeat(99));
    let table = Table::csv().named("s", "o", None, "v");
    let message = &read(&table, &csv)[0];
    assert!(message.ends_with(", \"\", and 80 more)"), "{message}");
    assert!(message.len() < 300, "{message}");
}

/// Attributes are compared as labels are, in the vote and in declared kinds, by both readers:
/// "Population" and "population" hold one kind, as the `Reconciler` groups them (found by a
/// review: the vote kept case, so "lots" under "Population" escaped the numbers' vote).
#[test]
fn attributes_spelled_in_another_case_hold_one_kind_in_both_readers() {
    let csv = "source,object,attribute,value\n\
               a,Oslo,population,700000\n\
               b,Oslo,population,700001\n\
               c,Oslo,Population,lots\n";
    let message = "t.csv:4: field value: the value is a label (\"lots\"), while attribute \
                   \"Population\" holds numbers (2 of its 3 cells): cannot read \"lots\" at byte \
                   0: expected a number, a date or a time of day, found 'lots'";
    assert_eq!(read(&Table::csv(), csv)[2], message);
    assert_eq!(read_bulk(&Table::csv(), csv).unwrap()[1], message);
    let declared = Table::csv().kind("POPULATION", CellKind::Label);
    assert_eq!(read(&declared, csv)[0], "t.csv:2 a population [Oslo] \"700000\"");
}

/// An empty or blank as-of cell states no date: the row is an undated claim, as a corpus claim
/// without `as_of` is (found by `tests/entry_points.rs`: the table rejected the row), and
/// both readers keep it. A cell that is there but not a date still rejects its row.
#[test]
fn an_empty_as_of_cell_is_an_undated_claim_in_both_readers() {
    let csv = "source,object,attribute,value,as_of\n\
               a,Oslo,size,2000,2022-01-05\n\
               b,Oslo,size,2600,\n\
               c,Oslo,size,2600,\"  \"\n\
               d,Oslo,size,2700,soon\n";
    let claims: Vec<_> = Table::csv().read("t.csv", csv.as_bytes(), &Parser::default()).collect();
    let dates: Vec<String> = claims
        .iter()
        .map(|c| match c {
            Ok(c) => format!("{} {:?}", c.id(), c.as_of()),
            Err(e) => e.to_string(),
        })
        .collect();
    assert_eq!(
        dates,
        [
            "t.csv:2 Some(2022-01-05)",
            "t.csv:3 None",
            "t.csv:4 None",
            "t.csv:5: field as_of: \"soon\" is not a YYYY-MM-DD date: expected a year, a month \
             and a day joined by '-'",
        ]
    );
    assert_eq!(
        read_bulk(&Table::csv(), csv).unwrap(),
        ["Oslo / size = low 2,600 / best 2,600 / high 2,600 (3 claims)", &dates[3]]
    );
}

/// A label rejected among numbers says why it is no number, as the parser reads it (an unknown
/// unit, a word), on both readers, with the parser's error as the row's inner error.
#[test]
fn a_label_among_numbers_says_why_it_is_no_number() {
    let csv = "source,object,attribute,value\n\
               a,o1,deaths,5\n\
               b,o1,deaths,6\n\
               c,o1,deaths,1000 km\n\
               d,o1,deaths,7\n";
    let why = "cannot read \"1000 km\" at byte 5: unknown unit 'km'";
    let message = format!(
        "t.csv:4: field value: the value is a label (\"1000 km\"), while attribute \"deaths\" \
         holds numbers (3 of its 4 cells): {why}"
    );
    let parser = Parser::default();
    let mut read = Table::csv().read("t.csv", csv.as_bytes(), &parser);
    let err = read.find_map(Result::err).unwrap();
    assert_eq!(err.to_string(), message);
    assert!(matches!(err.inner(), Some(Error::Parse { position: 5, .. })), "{err:?}");
    let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap();
    let err = &bulk.rejected()[0].error;
    assert_eq!(err.to_string(), message);
    assert_eq!(err.inner().map(ToString::to_string).as_deref(), Some(why));
}

/// A value written "1,000" without quotes in a CSV is two cells: the reader took "1" for the
/// value and left "000" in a column no one reads, silently (a review of the hostile-input
/// work). Once the header is read, a row with more cells than it has is rejected, naming its
/// line and the counts, in both readers, whether the table is cut as plain lines or read by
/// the record reader (a quoted cell anywhere sends it there); rows of as many cells as the
/// header, or fewer, read as before, and a quoted "1,000" is a thousand.
#[test]
fn a_row_with_more_cells_than_the_header_is_rejected_not_cut() {
    let five = "t.csv:3: field row: the row has 5 cells where the header has 4: a cell \
                holding a comma must be quoted, as \"1,000\"";
    for quoted in ["", "\"1,000\""] {
        // Line 2 is plain, or quoted (which sends the whole table to the record reader).
        let first = if quoted.is_empty() { "5" } else { quoted };
        let text = format!(
            "source,object,attribute,value\na,o,n,{first}\nb,o,n,1,000\nc,o,n,7,\nd,o,n,9\n\
             e,o,n,8,, \r\n"
        );
        let got = read(&Table::csv(), &text);
        let value = if quoted.is_empty() { "5" } else { "1,000" };
        assert_eq!(got[0], format!("t.csv:2 a n [o] {value}"), "{quoted:?}");
        assert_eq!(got[1], five, "{quoted:?}");
        // A delimiter after the last cell makes one more, empty: the header has none there,
        // and the message says the line ends with it (not that a comma needs quotes).
        let ends = "t.csv:4: field row: the row has 5 cells where the header has 4, the last \
                    empty: the line ends with a delimiter";
        assert_eq!(got[2], ends, "{quoted:?}");
        assert_eq!(got[3], "t.csv:5 d n [o] 9", "{quoted:?}");
        let two = "t.csv:6: field row: the row has 6 cells where the header has 4, the last 2 \
                   empty: the line ends with delimiters";
        assert_eq!(got[4], two, "{quoted:?}");
        assert_eq!(got.len(), 5);
        let bulk = read_bulk(&Table::csv(), &text).unwrap();
        assert_eq!(bulk[1..], [five, ends, two], "{quoted:?}");
    }
    // A header naming a column no one reads: rows may fill it, not go past it. Whether what
    // lies past it is blank is told apart in a cell no one reads too, in both readers (a
    // quoted cell sends the table to the record reader).
    for quote in ["", "\""] {
        let text = format!(
            "source,object,attribute,value,note\na,o,n,5,{quote}seen{quote}\nb,o,n,6,x,y\n\
             c,o,n,7,{quote}seen{quote},\n"
        );
        let got = read(&Table::csv(), &text);
        assert_eq!(got[0], "t.csv:2 a n [o] 5");
        assert_eq!(
            got[1],
            "t.csv:3: field row: the row has 6 cells where the header has 5: a cell holding a \
             comma must be quoted, as \"1,000\""
        );
        assert_eq!(
            got[2],
            "t.csv:4: field row: the row has 6 cells where the header has 5, the last empty: \
             the line ends with a delimiter"
        );
    }
    // Columns by position under a header: the header's cells still count.
    let text = "source,object,attribute,value\na,o,n,1,000\n";
    let by_position = Table::csv().columns(0, 1, Some(2), 3);
    assert_eq!(read(&by_position, text), [five.replace(":3:", ":2:")]);
    let tsv = Table::tsv().header(true);
    assert!(read(&tsv, &text.replace(',', "\t"))[0].starts_with(
        "t.csv:2: field row: the row has 5 cells where the header has 4: a cell holds the delimiter"
    ));
    assert_eq!(
        read(&tsv, "source\tobject\tattribute\tvalue\na\to\tn\t5\t\n"),
        ["t.csv:2: field row: the row has 5 cells where the header has 4, the last empty: the \
          line ends with a delimiter"]
    );
    // Without a header there is no count to hold a row to: columns by position, as before;
    // nor under a header that cannot be read (its cells are not known).
    let text = "a,o,n,1,000\n";
    assert_eq!(read(&Table::csv().header(false), text), ["t.csv:1 a n [o] 1"]);
    let text = "source,object,\"attribute,value\na,o,n,1,000\n";
    let got = read(&Table::csv(), text);
    assert!(got[0].contains("unclosed quote"), "{got:?}");
    assert_eq!(got[1..], ["t.csv:2 a n [o] 1"]);
}
