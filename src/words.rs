//! Words on demand: reasons kept as data and written by `Display` when a report asks.
//!
//! A reason type holds what happened (values, dates, ids) and writes its sentence only when
//! displayed. It travels as that sentence: serialised as its words, and read back as a reason
//! that holds the words only (the data behind them is not in the JSON). Two reasons are equal
//! when they read the same, so a reason read back equals the one written.

/// Serialises a reason type as its words, reads it back through `$from_text` (a
/// `String -> Self`), and makes it equal to another, and to a `str` or `String`, by its words.
macro_rules! words_as_text {
    ($ty:ty, $from_text:expr) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(d)?;
                let from_text: fn(String) -> $ty = $from_text;
                Ok(from_text(text))
            }
        }

        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                $crate::words::reads(self, &other.to_string())
            }
        }

        impl Eq for $ty {}

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                $crate::words::reads(self, other)
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                $crate::words::reads(self, other)
            }
        }

        impl PartialEq<String> for $ty {
            fn eq(&self, other: &String) -> bool {
                $crate::words::reads(self, other)
            }
        }
    };
}

pub(crate) use words_as_text;

/// Whether `shown` writes exactly `text`, compared piece by piece as it is written.
pub(crate) fn reads(shown: &dyn std::fmt::Display, text: &str) -> bool {
    use std::fmt::Write;
    /// Consumes `rest` while the written pieces match it.
    struct Matcher<'a> {
        rest: &'a str,
    }
    impl Write for Matcher<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            match self.rest.strip_prefix(s) {
                Some(rest) => {
                    self.rest = rest;
                    Ok(())
                }
                None => Err(std::fmt::Error),
            }
        }
    }
    let mut m = Matcher { rest: text };
    write!(m, "{shown}").is_ok() && m.rest.is_empty()
}
