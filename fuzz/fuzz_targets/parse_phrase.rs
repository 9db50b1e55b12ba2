//! Any text given to the phrase parsers must come back as a value or an error, never a panic;
//! a value must display as a phrase that parses back to it.
#![no_main]

use claimrecon::{Parser, Value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(parser) = Parser::default().published(chrono_date()) else { return };
    if let Ok(parsed) = parser.parse(text) {
        let shown = parsed.value.to_string();
        let back: Value = shown.parse().unwrap_or_else(|e| panic!("{text:?} -> {shown:?}: {e}"));
        assert_eq!(back, parsed.value, "{text:?} -> {shown:?}");
        let _ = parsed.value.compare(&back);
    }
    let _ = parser.parse_set(text);
    let _ = parser.parse_category(text);
    let _ = parser.parse_yes_no(text);
});

fn chrono_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2022, 1, 6).unwrap_or_default()
}
