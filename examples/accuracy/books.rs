//! Book-Author (Yin, Han and Yu, KDD 2007): the author set of each book from 895 bookstores'
//! free-text listings, scored on the 100 gold books.
//!
//! Each listing becomes one claim: subject "authors" of the book's ISBN, value the set of the
//! listing's person keys (see `names`). Sets compare by inclusion, so a store that lists only
//! the first author supports the full list rather than contradicting it.
//!
//! Scoring. The gold's author list is read with the same rules (it is clean: "knuth, donald
//! e.;"), without the book-level fixes, which it does not need. A book is right when the key
//! set of our estimate equals the gold's key set: every author, no extra, each matched on
//! surname and first initial. A book with no estimate counts as wrong. The partial-credit
//! variant, reported separately and labelled so, is the mean Jaccard overlap of the two key
//! sets (|ours and gold| / |ours or gold|).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use claimrecon::{
    Claim, ClaimId, Figure, ItemSet, Label, Measure, Nature, Provenance, Reconciler, SourceId,
    Subject, Value,
};

use crate::names::{self, Book, Name};

/// Author key sets by ISBN.
type Sets = BTreeMap<String, BTreeSet<String>>;

/// One row of `book.txt`.
struct Listing {
    line: usize,
    source: String,
    isbn: String,
    /// The author list as written.
    authors: String,
    /// True when the store cut the list at its length limit (see [`length_limits`]).
    cut: bool,
}

impl Listing {
    /// The listing's names, read with the book's known surnames; a cut list loses its last
    /// name unless that name is certainly whole.
    fn names(&self, known: &BTreeSet<String>) -> Vec<Name> {
        let mut names = names::read_list(&self.authors, known);
        if self.cut {
            names::drop_cut_tail(&mut names);
        }
        names
    }
}

/// Reads `book.txt`: `source`, `isbn`, `title`, `authors`, tab-separated, no header.
fn read_listings(path: &Path) -> Result<Vec<Listing>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        let [source, isbn, _title, authors] = fields[..] else {
            return Err(format!(
                "{}:{}: expected 4 tab-separated fields, found {}",
                path.display(),
                k + 1,
                fields.len()
            ));
        };
        if source.trim().is_empty() || isbn.trim().is_empty() {
            return Err(format!("{}:{}: empty source or ISBN", path.display(), k + 1));
        }
        out.push(Listing {
            line: k + 1,
            source: source.trim().to_owned(),
            isbn: isbn.trim().to_owned(),
            authors: authors.trim_end().to_owned(),
            cut: false,
        });
    }
    let limits: BTreeMap<String, usize> =
        length_limits(&out).into_iter().map(|(s, n)| (s.to_owned(), n)).collect();
    for l in &mut out {
        l.cut = limits.get(&l.source).is_some_and(|&max| l.authors.len() + 1 >= max);
    }
    Ok(out)
}

/// Stores that cut author text at a length limit: per source, the limit. A source has one when
/// at least [`CUT_MIN_LISTINGS`] of its listings end within one character of its longest (a
/// cut that lands on a space loses the space), and that longest is at least
/// [`CUT_MIN_LENGTH`] long. Nothing but a hard limit makes many listings share the maximum
/// length (Paperbackshop-US: 94 of 543 at 40-41 characters, "... Motwani, Rajeev/ Ullm").
fn length_limits(listings: &[Listing]) -> BTreeMap<&str, usize> {
    let mut longest: BTreeMap<&str, usize> = BTreeMap::new();
    for l in listings {
        let m = longest.entry(&l.source).or_default();
        *m = (*m).max(l.authors.len());
    }
    let mut at_limit: BTreeMap<&str, usize> = BTreeMap::new();
    for l in listings {
        if l.authors.len() + 1 >= longest[l.source.as_str()] {
            *at_limit.entry(&l.source).or_default() += 1;
        }
    }
    longest
        .into_iter()
        .filter(|&(s, max)| {
            max >= CUT_MIN_LENGTH && at_limit.get(s).copied().unwrap_or(0) >= CUT_MIN_LISTINGS
        })
        .collect()
}

/// Listings near the maximum length a source must have before we call the maximum a limit.
/// Five: a handful of long lists can share a length by chance, five in one store rarely do.
const CUT_MIN_LISTINGS: usize = 5;
/// Shortest maximum taken as a limit: below it the "limit" is empty or one-word listings.
const CUT_MIN_LENGTH: usize = 20;

/// Reads `book_golden.txt`: `isbn`, `authors` ("aiken, peter ;  allen, m. david;").
fn read_gold(path: &Path) -> Result<Sets, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut gold = BTreeMap::new();
    for (k, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let Some((isbn, authors)) = line.trim_end_matches('\r').split_once('\t') else {
            return Err(format!("{}:{}: expected isbn<TAB>authors", path.display(), k + 1));
        };
        let keys = names::keys(authors);
        if keys.is_empty() {
            return Err(format!("{}:{}: no author name in {authors:?}", path.display(), k + 1));
        }
        gold.insert(isbn.trim().to_owned(), keys);
    }
    Ok(gold)
}

/// One claim per listing that names at least one person. Each book's listings are read
/// twice: the first reading gives the surnames the book writes as "Surname, Given", the
/// second uses them to split names run together, and its persons are keyed with what all
/// the book's listings say (see [`Book`]).
fn claims(listings: &[Listing], path: &Path) -> Result<Vec<Claim>, String> {
    let mut by_book: BTreeMap<&str, Vec<&Listing>> = BTreeMap::new();
    for l in listings {
        by_book.entry(&l.isbn).or_default().push(l);
    }
    let measure = Measure::Other(Label::new("authors").map_err(|e| e.to_string())?);
    let mut out = Vec::new();
    for (isbn, rows) in by_book {
        let first: Vec<Vec<Name>> = rows.iter().map(|l| l.names(&BTreeSet::new())).collect();
        let known = Book::new(first.iter().map(Vec::as_slice)).surnames().clone();
        let names: Vec<Vec<Name>> = rows.iter().map(|l| l.names(&known)).collect();
        let book = Book::new(names.iter().map(Vec::as_slice));
        let subject = Subject::new(measure.clone())
            .event(Label::new(isbn).map_err(|e| format!("{}: ISBN {isbn:?}: {e}", path.display()))?)
            .nature(Nature::FixedFact);
        for (l, names) in rows.into_iter().zip(&names) {
            let keys = book.keys(names);
            if keys.is_empty() {
                continue;
            }
            let at = |e: claimrecon::Error| format!("{}:{}: {e}", path.display(), l.line);
            let labels =
                keys.iter().map(|k| Label::new(k)).collect::<Result<Vec<_>, _>>().map_err(at)?;
            let value = Value::Set(ItemSet::new(labels).map_err(at)?);
            let id = ClaimId::new(&format!("books:{}", l.line)).map_err(at)?;
            let source = SourceId::new(&l.source).map_err(at)?;
            out.push(Claim::new(id, subject.clone(), value, Provenance::new(source)));
        }
    }
    Ok(out)
}

/// The estimated author keys per ISBN.
fn estimates(reconciler: &Reconciler, claims: Vec<Claim>) -> Sets {
    let r = reconciler.reconcile(claims);
    let mut out = BTreeMap::new();
    for g in &r.groups {
        let Some(isbn) = g.subject.which_event() else { continue };
        if let Some(Figure::Value { value: Value::Set(set) }) =
            g.estimate.as_ref().map(|e| &e.figure)
        {
            let keys = set.items().iter().map(|l| l.key().to_owned()).collect();
            out.insert(isbn.as_str().to_owned(), keys);
        }
    }
    out
}

/// Per ISBN, how many listings give each author set.
fn tally(claims: &[Claim]) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut out: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for c in claims {
        let Some(isbn) = c.subject().which_event() else { continue };
        *out.entry(isbn.as_str().to_owned())
            .or_default()
            .entry(c.value().to_string())
            .or_default() += 1;
    }
    out
}

/// Exact-set accuracy and mean Jaccard overlap over the gold books.
fn score(gold: &Sets, ours: &Sets) -> (f64, f64) {
    let (mut exact, mut overlap) = (0usize, 0.0);
    for (isbn, truth) in gold {
        let Some(estimate) = ours.get(isbn) else { continue };
        if estimate == truth {
            exact += 1;
        }
        overlap +=
            estimate.intersection(truth).count() as f64 / estimate.union(truth).count() as f64;
    }
    let n = gold.len().max(1) as f64;
    (exact as f64 / n, overlap / n)
}

/// How the misses differ from the gold: our set a strict subset of the gold's (a shorter
/// list won), a strict superset, another set, or no estimate.
fn misses(gold: &Sets, ours: &Sets) -> [usize; 4] {
    let mut kinds = [0; 4];
    for (isbn, truth) in gold {
        let kind = match ours.get(isbn) {
            Some(e) if e == truth => continue,
            Some(e) if e.is_subset(truth) => 0,
            Some(e) if e.is_superset(truth) => 1,
            Some(_) => 2,
            None => 3,
        };
        kinds[kind] += 1;
    }
    kinds
}

/// Prints each gold book of the tuning half we get wrong, with how many listings give each
/// author set.
fn print_failures(gold: &Sets, ours: &Sets, tally: &BTreeMap<String, BTreeMap<String, usize>>) {
    for (isbn, truth) in gold {
        let estimate = ours.get(isbn);
        if estimate == Some(truth) || crate::held_out(isbn) {
            continue;
        }
        println!("  wrong {isbn}: ours {estimate:?}, gold {truth:?}");
        let mut sets: Vec<_> = tally.get(isbn).into_iter().flatten().collect();
        sets.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (set, n) in sets {
            println!("      {n:>3} x {set}");
        }
    }
}

/// Runs the dataset; with `failures`, lists each gold book of the tuning half we get wrong
/// (the held-out half is not listed: see [`crate::held_out`]).
pub fn run(dir: &Path, failures: bool) -> Result<(), String> {
    let (listings_path, gold_path) = (dir.join("book.txt"), dir.join("book_golden.txt"));
    if !listings_path.is_file() || !gold_path.is_file() {
        println!("books: skipped ({} not found)", listings_path.display());
        return Ok(());
    }
    let listings = read_listings(&listings_path)?;
    let gold = read_gold(&gold_path)?;
    let cut = listings.iter().filter(|l| l.cut).count();
    let claims = claims(&listings, &listings_path)?;
    let nameless = listings.len() - claims.len();
    let tally = if failures { tally(&claims) } else { BTreeMap::new() };
    let ours = estimates(&Reconciler::new(), claims);
    let matched = gold.keys().filter(|isbn| ours.contains_key(*isbn)).count();
    let (accuracy, partial) = score(&gold, &ours);
    let [subset, superset, other, none] = misses(&gold, &ours);
    println!(
        "books: {} listings read ({nameless} without an author name, {cut} cut at a store's \
         length limit), {matched} of {} gold books matched",
        listings.len(),
        gold.len()
    );
    println!(
        "  claimrecon          accuracy {accuracy:.3} (exact author set, surname + first initial)"
    );
    println!(
        "                      partial credit {partial:.3} (mean Jaccard overlap of the sets)"
    );
    println!(
        "                      misses: {subset} ours a strict subset of gold, {superset} a strict \
         superset, {other} other, {none} no estimate"
    );
    let half = |held: bool| -> (f64, usize) {
        let part: Sets = gold
            .iter()
            .filter(|(isbn, _)| crate::held_out(isbn) == held)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        (score(&part, &ours).0, part.len())
    };
    crate::halves("accuracy", half(false), half(true), 3);
    println!(
        "  reference (README): TruthFinder 0.920 default / 0.945 tuned (nhabbash, own \
         partial-match scoring)"
    );
    if failures {
        print_failures(&gold, &ours, &tally);
    }
    Ok(())
}
