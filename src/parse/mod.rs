//! News English → [`Value`](crate::Value): "more than 1,300", "about 1,000", "dozens", "from
//! 50-60 to 110-120 tenge per liter", "11 p.m. to 7 a.m.", "over the weekend".
//!
//! One file per kind of phrase: `parser.rs` holds the [`Parser`] and its options, `phrase.rs`
//! a phrase's shape (one value, a range or a change from one to another), and `amount.rs`,
//! `change.rs`, `date.rs`, `time.rs`, `yes_no.rs` and `label.rs` the readers of each kind;
//! `lex.rs` splits a phrase into tokens and `words.rs` lists the words they know.

mod amount;
mod change;
mod date;
mod label;
mod lex;
mod parser;
mod phrase;
mod time;
mod words;
mod yes_no;

pub(crate) use self::lex::{in_range, overlong_number};
pub use self::parser::{MAX_PHRASE_BYTES, Parsed, Parser, Reading};
pub(crate) use self::yes_no::{expects_change, two_way};
