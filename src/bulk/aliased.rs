//! A table under the reconciler's alias table: objects and categories by their canonical names.
//!
//! [`Reconciler::aliases`](crate::Reconciler::aliases) makes "Alma-Ata" and "Almaty" one
//! object, and "LPG" and "liquefied petroleum gas" one category, for claims. A table is read
//! before a reconciler sees it, so its store holds the names as written; when the alias table
//! renames any of them, the store is settled again under the canonical names, by the reader's
//! own rules ([`settle`](super::settle)): the variables one alias makes one are one variable,
//! its claims sorted together, and a row its source gave under both names on one date is one
//! claim, as two spellings of one name are when the table is read.

use std::borrow::Cow;

use rayon::prelude::*;

use super::read::{AUX_LABEL, AUX_POINT, Staged, label_key, label_spelling};
use super::{Bulk, BulkKind, Partition, Vote, settle};
use crate::parse::Parser;
use crate::subject::Aliases;
use crate::tabular::attribute_key;
use crate::tabular::cell::{self, Kind};
use crate::value::{Label, Value};

impl Bulk {
    /// The table as `aliases` names it: itself, borrowed, when the table renames none of its
    /// objects and categories; else settled again under the canonical names (see the module).
    ///
    /// # Complexity
    /// O(v + l) name lookups for v variables and l labels when nothing is renamed; otherwise
    /// what settling the claims costs when the table is read, O(n log k), holding beside the
    /// table's store its rows staged twice (24 bytes a claim each) while they are regrouped,
    /// then the new store.
    pub(crate) fn aliased(&self, aliases: &Aliases) -> Cow<'_, Bulk> {
        if aliases.is_empty() {
            return Cow::Borrowed(self);
        }
        let objects: Vec<Option<Label>> =
            self.vars.par_iter().map(|(object, _)| renamed(object, aliases)).collect();
        let labels: Vec<Option<Value>> =
            self.label_values.iter().map(|v| renamed_label(v, aliases)).collect();
        if objects.iter().all(Option::is_none) && labels.iter().all(Option::is_none) {
            return Cow::Borrowed(self);
        }
        Cow::Owned(self.resettled(&objects, labels))
    }

    /// The store settled again with variable `v`'s object renamed `objects[v]` and label `l`
    /// renamed `labels[l]`, where given.
    fn resettled(&self, objects: &[Option<Label>], labels: Vec<Option<Value>>) -> Bulk {
        let (vars, var_of) = self.renamed_vars(objects);
        let (label_values, label_of) = renamed_labels(&self.label_values, labels);
        let texts: Vec<String> = label_values.iter().map(cell::shown).collect();
        let label_kinds: Vec<Kind> = label_values.iter().map(Kind::of).collect();
        let (pieces, intervals, amounts, days) = self.staged(&var_of, &label_of);
        let dated = self.chunks.iter().any(|c| !c.days.is_empty());
        // Each attribute holds the kind the table's vote gave it, with its nature: every kept
        // claim of it is of that kind (so settling again rejects none), and an attribute
        // without claims holds what its variables say.
        let attribute_ids = AttributeIds::of(&vars);
        let n = attribute_ids.count;
        let mut vote = Vote {
            kinds: cell::Kinds::default(),
            held: vec![Kind::Label; n],
            attribute: attribute_ids.of_var,
            label_kinds,
            intervals,
            amounts,
            dated,
            days,
            natures: vec![crate::subject::Nature::FixedFact; n],
        };
        for (chunk, k, v) in self.each_variable() {
            let a = vote.attribute[var_of[v] as usize] as usize;
            vote.natures[a] = chunk.natures[k];
            vote.held[a] = chunk.units[k].map_or(Kind::Label, |u| Kind::Number(u.dimension()));
        }
        let mut known = vec![false; n];
        for row in pieces.iter().flatten() {
            let a = vote.attribute[row.var as usize] as usize;
            if !known[a] {
                vote.held[a] = vote.kind(row);
                known[a] = true;
            }
        }
        let partition = Partition::new(vars.len(), self.sources.len(), pieces);
        let mut bulk = settle(
            &self.name,
            &Parser::default(),
            self.sources.clone(),
            vars,
            &texts,
            label_values,
            &vote,
            partition,
            self.rejected.clone(),
        );
        bulk.repeats += self.repeats;
        bulk
    }

    /// Every variable: its chunk, its place there and its number.
    fn each_variable(&self) -> impl Iterator<Item = (&super::Chunk, usize, usize)> {
        self.chunks.iter().flat_map(|c| (0..c.kinds.len()).map(move |k| (c, k, c.first + k)))
    }

    /// The variables under their objects' new names, one per object and attribute by their
    /// keys (in key order), each shown in its first spelling in byte order as the reader
    /// shows it; and each old variable's new number.
    fn renamed_vars(&self, objects: &[Option<Label>]) -> (Vec<(String, String)>, Vec<u32>) {
        let spelled: Vec<(String, String)> = self
            .vars
            .iter()
            .zip(objects)
            .map(|((object, attribute), new)| {
                let object = new.as_ref().map_or_else(|| object.clone(), |l| l.as_str().to_owned());
                (object, attribute.clone())
            })
            .collect();
        let keys: Vec<(String, String)> =
            spelled.iter().map(|(o, a)| (attribute_key(o), attribute_key(a))).collect();
        let mut order: Vec<usize> = (0..spelled.len()).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then_with(|| spelled[a].cmp(&spelled[b])));
        one_per_key(&spelled, &keys, &order)
    }

    /// Every claim as a staged row of the new variables and labels, a piece per chunk, with
    /// the phrases' intervals and amounts and the rows' days by line (none for a table
    /// without dates), as the reader hands them to settling.
    #[allow(clippy::type_complexity)] // the four parts settling reads, as the reader gives them
    fn staged(
        &self,
        var_of: &[u32],
        label_of: &[u32],
    ) -> (Vec<Vec<Staged>>, Vec<super::Interval>, Vec<crate::value::Amount>, Vec<u32>) {
        let mut intervals = Vec::new();
        let mut amounts = Vec::new();
        let last_line = self.chunks.iter().flat_map(|c| c.lines.iter()).max();
        let mut days = match last_line {
            Some(&l) if self.chunks.iter().any(|c| !c.days.is_empty()) => vec![0; l as usize + 1],
            _ => Vec::new(),
        };
        let mut pieces = Vec::with_capacity(self.chunks.len());
        for chunk in &self.chunks {
            let mut rows = Vec::with_capacity(chunk.len());
            let mut phrases = chunk.intervals.iter().zip(&chunk.amounts).peekable();
            for k in 0..chunk.kinds.len() {
                let var = var_of[chunk.first + k];
                for j in chunk.start[k]..chunk.start[k + 1] {
                    let mut row = Staged {
                        value: chunk.values[j],
                        line: chunk.lines[j],
                        var,
                        source: chunk.sources[j],
                        aux: AUX_POINT,
                    };
                    if chunk.kinds[k] == BulkKind::Label {
                        row.value = f64::from(label_of[chunk.values[j] as usize]);
                        row.aux = AUX_LABEL;
                    } else if let Some(((_, interval), Some(amount))) =
                        phrases.next_if(|((at, _), _)| *at == j)
                    {
                        // The store keeps an amount with every phrase it holds. At most
                        // `MAX_CLAIMS` (2^30) phrases, below `AUX_LABEL`.
                        row.aux = intervals.len() as u32;
                        intervals.push(*interval);
                        amounts.push(*amount);
                    }
                    if let Some(&day) = chunk.days.get(j) {
                        days[row.line as usize] = day;
                    }
                    rows.push(row);
                }
            }
            pieces.push(rows);
        }
        (pieces, intervals, amounts, days)
    }
}

/// Each variable's attribute, numbered by its key, and how many there are.
struct AttributeIds {
    of_var: Vec<u32>,
    count: usize,
}

impl AttributeIds {
    fn of(vars: &[(String, String)]) -> Self {
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let of_var = vars
            .iter()
            .map(|(_, a)| {
                let next = ids.len() as u32;
                *ids.entry(attribute_key(a)).or_insert(next)
            })
            .collect();
        AttributeIds { of_var, count: ids.len() }
    }
}

/// The canonical name of a table's object, when the alias table knows it under another
/// spelling.
fn renamed(object: &str, aliases: &Aliases) -> Option<Label> {
    let label = Label::new(object).ok()?;
    if !aliases.knows(&label) {
        return None;
    }
    Some(aliases.canonical(&label)).filter(|c| c.as_str() != object)
}

/// A label's value under the alias table (a category as the table spells its name), when
/// that is another value or another spelling ("smith" under "Smyth" for "Smith" is "Smith",
/// as `Reconciler` shows it).
fn renamed_label(value: &Value, aliases: &Aliases) -> Option<Value> {
    let canonical = crate::reconcile::canonical(value, aliases)?;
    (label_spelling(&canonical) != label_spelling(value)).then_some(canonical)
}

/// The labels with `renamed`'s new values, one per key, in key order as the reader orders
/// them; and each old label's new number.
fn renamed_labels(old: &[Value], renamed: Vec<Option<Value>>) -> (Vec<Value>, Vec<u32>) {
    let values: Vec<Value> =
        old.iter().zip(renamed).map(|(v, r)| r.unwrap_or_else(|| v.clone())).collect();
    let keys: Vec<Vec<u8>> = values.iter().map(label_key).collect();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    one_per_key(&values, &keys, &order)
}

/// One of `items` per key of `keys` (item i's key is `keys[i]`), taken in `order`, which
/// sorts the items by key and puts first the one kept of each key; and each item's number
/// among those kept.
fn one_per_key<T: Clone, K: PartialEq>(
    items: &[T],
    keys: &[K],
    order: &[usize],
) -> (Vec<T>, Vec<u32>) {
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    let mut number = vec![0u32; items.len()];
    let mut last: Option<usize> = None;
    for &i in order {
        if last.is_none_or(|l| keys[l] != keys[i]) {
            kept.push(items[i].clone());
        }
        // Fewer items than `MAX_CLAIMS` (2^30): variables and labels are named by claims.
        number[i] = (kept.len() - 1) as u32;
        last = Some(i);
    }
    (kept, number)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use crate::{Aliases, Label, Parser, Table};

    fn aliases(pairs: &[(&str, &str)]) -> Aliases {
        let mut table = Aliases::empty();
        for (alias, of) in pairs {
            table.insert(&Label::new(alias).unwrap(), &Label::new(of).unwrap()).unwrap();
        }
        table
    }

    const CSV: &str = "source,object,attribute,value\n\
        a,Alma-Ata,killed,225\n\
        a,Almaty,killed,225\n\
        b,Almaty,killed,230\n\
        a,Almaty,fuel,LPG\n\
        b,Almaty,fuel,liquefied petroleum gas\n";

    /// An alias table that renames none of a table's names leaves its store as it is, not
    /// copied; one that renames one settles it again.
    #[test]
    fn a_table_whose_names_no_alias_renames_is_not_copied() {
        let bulk = Table::csv().read_bulk("t.csv", CSV.as_bytes(), &Parser::default()).unwrap();
        assert!(matches!(bulk.aliased(&Aliases::empty()), Cow::Borrowed(_)));
        // "Almaty" is the canonical name already, as the table spells it.
        let known = aliases(&[("Alma Ata", "Almaty"), ("petrol", "gasoline")]);
        assert!(matches!(bulk.aliased(&known), Cow::Borrowed(_)));
        let renaming = aliases(&[("Alma-Ata", "Almaty")]);
        assert!(matches!(bulk.aliased(&renaming), Cow::Owned(_)));
    }

    /// Two objects one alias makes one are one variable named by the canonical name, and a
    /// row its source gave under both names is one claim, a repeat; two categories one alias
    /// makes one are one label, held by the canonical name as the alias table spells it.
    #[test]
    fn an_alias_makes_two_variables_one_and_a_row_under_both_names_a_repeat() {
        let bulk = Table::csv().read_bulk("t.csv", CSV.as_bytes(), &Parser::default()).unwrap();
        assert_eq!((bulk.len(), bulk.variables(), bulk.repeats()), (5, 3, 0));
        let table = aliases(&[("Alma-Ata", "Almaty"), ("LPG", "Liquefied Petroleum Gas")]);
        let aliased = bulk.aliased(&table);
        assert_eq!((aliased.len(), aliased.variables(), aliased.repeats()), (4, 2, 1));
        assert_eq!(
            aliased.vars,
            [("Almaty".to_owned(), "fuel".to_owned()), ("Almaty".to_owned(), "killed".to_owned())]
        );
        let labels: Vec<String> = aliased.label_values.iter().map(ToString::to_string).collect();
        assert_eq!(labels, ["\"Liquefied Petroleum Gas\""]);
        let fuel = &aliased.chunks[0];
        assert_eq!(fuel.values[fuel.start[0]..fuel.start[1]], [0.0, 0.0]);
        assert_eq!(aliased.sources(), bulk.sources());
        assert!(aliased.rejected().is_empty());
    }
}
