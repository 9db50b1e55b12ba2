//! Categories and sets of labels: `"LPG"`, `{Armenia, Belarus}`, "Armenia, Belarus and
//! Kyrgyzstan".

use super::parser::{Parsed, Parser, Reading, check_length, strip_quotes};
use crate::Error;
use crate::value::{ItemSet, Label, Value};

impl Parser {
    /// Reads a phrase as a category label, quoted or not: `liquefied petroleum gas`.
    ///
    /// # Errors
    /// [`Error::Parse`] if the label is empty or holds control characters.
    pub fn parse_category(&self, phrase: &str) -> Result<Parsed, Error> {
        check_length(phrase)?;
        let trimmed = phrase.trim();
        let inner = strip_quotes(trimmed).unwrap_or(trimmed);
        Self::category(phrase, inner, phrase.len() - phrase.trim_start().len())
    }

    /// Reads a list as a set: "Armenia, Belarus, Tajikistan and Kyrgyzstan", or `{...}`.
    ///
    /// # Errors
    /// [`Error::Parse`] if an item is empty or the list has no items.
    pub fn parse_set(&self, phrase: &str) -> Result<Parsed, Error> {
        check_length(phrase)?;
        let trimmed = phrase.trim();
        let offset = phrase.len() - phrase.trim_start().len();
        let inner = trimmed.strip_prefix('{').and_then(|s| s.strip_suffix('}')).unwrap_or(trimmed);
        let mut items = Vec::new();
        for part in inner.split(',') {
            let part = part.trim();
            let part = part.strip_prefix("and ").unwrap_or(part);
            items.extend(part.split(" and "));
        }
        Self::set(phrase, items.into_iter(), offset)
    }

    pub(super) fn category(phrase: &str, inner: &str, offset: usize) -> Result<Parsed, Error> {
        let label = Label::new(inner).map_err(|e| e.in_phrase(phrase, offset))?;
        let reading = Reading {
            start: offset,
            end: offset + phrase.trim().len(),
            text: phrase.trim().to_owned(),
            meaning: format!("category {label}"),
        };
        Ok(Parsed { value: Value::Category(label), readings: vec![reading] })
    }

    pub(super) fn set<'p>(
        phrase: &str,
        parts: impl Iterator<Item = &'p str>,
        offset: usize,
    ) -> Result<Parsed, Error> {
        let mut labels = Vec::new();
        for part in parts {
            let label =
                Label::new(part).map_err(|e| e.in_phrase_after(phrase, offset, "set item"))?;
            labels.push(label);
        }
        let set = ItemSet::new(labels).map_err(|e| e.in_phrase(phrase, offset))?;
        let reading = Reading {
            start: offset,
            end: offset + phrase.trim().len(),
            text: phrase.trim().to_owned(),
            meaning: format!("set of {} items", set.items().len()),
        };
        Ok(Parsed { value: Value::Set(set), readings: vec![reading] })
    }
}
