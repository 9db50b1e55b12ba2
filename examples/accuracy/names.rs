//! Author-name normalisation for the books dataset: a bookstore's free-text author list
//! ("Knuth, Donald E.", "Donald Knuth", "Aho, Alfred V. (Author) Ullman, Jeffrey D. (With)")
//! becomes a set of person keys, surname plus first initial ("knuth d"). The rules are ours,
//! written from the shapes the listings take; none looks at the gold answers.
//!
//! The pipeline, one step each:
//! 1. [`plain_text`]: HTML entities decoded, double-encoded UTF-8 repaired, accents folded.
//! 2. [`tokens`]: words, commas and person separators (`;` `/` `&` `~` "and" "with" "by",
//!    role markers in parentheses, a `<BR>` that lost its brackets, two names glued together),
//!    titles and post-nominals (`Dr.`, `Jr.`, `PhD`) dropped.
//! 3. [`read_segment`]: the names in the text between two separators, from its commas:
//!    "Surname, Given" is certain; a name without a comma is kept as words, its order open.
//! 4. [`Book`]: per book, the surnames its listings write as "Surname, Given" settle the open
//!    names: a run of words is cut after each such surname (`Mark Dowd John McDonald`), and
//!    turned round when only its first word is one ("Geary David"); a bare surname takes the
//!    initial the book's listings give it most often ("Knuth" becomes "knuth d").

use std::collections::{BTreeMap, BTreeSet};

/// One person, as a key's two parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The surname's last word with any particles right before it, lower-case ASCII letters
    /// only: "Van Dam" gives "vandam", "Smith-Ferrier" "smithferrier", "O'Brien" "obrien". A
    /// first of two surnames is left out ("Pohoreckyj Danyluk" gives "danyluk"): the gold
    /// writes each surname as one word.
    surname: String,
    /// The first letter of the first given name, when the listing gives one. One letter
    /// because stores abbreviate given names ("Knuth, D. E.") far more often than surnames.
    initial: Option<char>,
}

/// A name as one listing writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// Written "Surname, Given", or a lone surname: the reading is certain.
    Certain(Person),
    /// Words without a comma ("Donald E. Knuth", "Geary David", "Mark Dowd John McDonald"):
    /// one or more persons in an order the words alone do not tell.
    Open(Vec<String>),
}

/// Reads one author list into names, in order. `known` holds surnames the book's listings
/// write as "Surname, Given" (see [`Book::surnames`]; empty on a first reading): a word that
/// ends in one of them before a comma is two names run together ("MARGIPOWELL, PHILIP").
pub fn read_list(raw: &str, known: &BTreeSet<String>) -> Vec<Name> {
    let mut names = Vec::new();
    for segment in segments(&split_known(&tokens(&plain_text(raw)), known)) {
        names.extend(read_segment(&segment));
    }
    names
}

/// Drops the last name of a listing the store cut at its length limit ("Hopcroft, John E./
/// Motwani, Rajeev/ Ullm") unless it is certainly whole: written "Surname, Given", where the
/// comma shows the surname ended and the initial is the given name's first letter.
pub fn drop_cut_tail(names: &mut Vec<Name>) {
    if !matches!(names.last(), Some(Name::Certain(Person { initial: Some(_), .. }))) {
        names.pop();
    }
}

/// The keys of a list read on its own, with no other listing to settle open names: for the
/// gold, which writes every name "surname, given".
pub fn keys(raw: &str) -> BTreeSet<String> {
    Book::default().keys(&read_list(raw, &BTreeSet::new()))
}

// ---------------------------------------------------------------------------------------------
// 1. Plain text

/// Entities the listings use, as the characters they stand for. `&#146;` is Windows-1252's
/// right quote, used as an apostrophe. Accented letters and numeric entities are decoded by
/// rule; any other entity is dropped.
const ENTITIES: [(&str, char); 14] = [
    ("amp", '&'),
    ("quot", '"'),
    ("lt", '<'),
    ("gt", '>'),
    ("nbsp", ' '),
    ("szlig", 's'),
    ("copy", '\u{a9}'),
    ("reg", '\u{ae}'),
    ("para", '\u{b6}'),
    ("iexcl", '\u{a1}'),
    ("brvbar", '\u{a6}'),
    ("frac14", '\u{bc}'),
    ("#146", '\''),
    ("#39", '\''),
];

/// Latin-1 letters with their ASCII base letter.
const FOLDS: [(&str, char); 17] = [
    ("\u{c0}\u{c1}\u{c2}\u{c3}\u{c4}\u{c5}", 'A'),
    ("\u{e0}\u{e1}\u{e2}\u{e3}\u{e4}\u{e5}", 'a'),
    ("\u{c8}\u{c9}\u{ca}\u{cb}", 'E'),
    ("\u{e8}\u{e9}\u{ea}\u{eb}", 'e'),
    ("\u{cc}\u{cd}\u{ce}\u{cf}", 'I'),
    ("\u{ec}\u{ed}\u{ee}\u{ef}", 'i'),
    ("\u{d2}\u{d3}\u{d4}\u{d5}\u{d6}\u{d8}", 'O'),
    ("\u{f2}\u{f3}\u{f4}\u{f5}\u{f6}\u{f8}", 'o'),
    ("\u{d9}\u{da}\u{db}\u{dc}", 'U'),
    ("\u{f9}\u{fa}\u{fb}\u{fc}", 'u'),
    ("\u{c7}", 'C'),
    ("\u{e7}", 'c'),
    ("\u{d1}", 'N'),
    ("\u{f1}", 'n'),
    ("\u{dd}", 'Y'),
    ("\u{fd}\u{ff}", 'y'),
    ("\u{df}", 's'),
];

/// The listing as ASCII: entities decoded, UTF-8 that was read as Latin-1 and encoded again
/// ("Marcad&Atilde;&copy;" for "Marcadé") repaired, accented letters folded to their base
/// letter, any other non-ASCII character dropped. A lead character left without its
/// continuation ("Gagn&Atilde;") is dropped too: it stands for a letter that was lost, not
/// for "A".
fn plain_text(raw: &str) -> String {
    let decoded = repair_double_encoding(&decode_entities(raw));
    decoded
        .chars()
        .filter_map(|c| {
            if c.is_ascii() {
                return Some(c);
            }
            if matches!(c, '\u{c2}' | '\u{c3}') {
                return None;
            }
            FOLDS.iter().find(|(from, _)| from.contains(c)).map(|&(_, to)| to)
        })
        .collect()
}

/// `&name;` entities, including the accented letters (`&eacute;` is é) and numeric ones.
fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after.find(';').filter(|&n| {
            n > 0 && n <= 8 && after[..n].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')
        });
        let Some(n) = name_len else {
            out.push('&');
            rest = after;
            continue;
        };
        out.extend(entity(&after[..n]));
        rest = &after[n + 1..];
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(&(_, c)) = ENTITIES.iter().find(|(n, _)| *n == name) {
        return Some(c);
    }
    if let Some(code) = name.strip_prefix('#') {
        // Numeric entities here stand for single bytes of double-encoded UTF-8, or for
        // punctuation that is dropped later anyway.
        return code.parse::<u32>().ok().and_then(char::from_u32);
    }
    // "eacute", "Atilde", "ouml": a letter and the accent it carries.
    let mut chars = name.chars();
    let letter = chars.next()?;
    let accent = chars.as_str();
    listed("grave acute circ tilde uml ring cedil slash", accent)
        .then(|| latin1(letter, accent))
        .flatten()
}

/// The Latin-1 character for an ASCII letter and an accent named as in HTML; the bare letter
/// for a pair Latin-1 lacks. Latin-1 lists each vowel's accented capitals in a row, in the
/// order grave, acute, circumflex, (tilde,) umlaut, (ring); small letters lie 0x20 above.
fn latin1(letter: char, accent: &str) -> Option<char> {
    if !letter.is_ascii_alphabetic() {
        return None;
    }
    let position = |start: u32, accents: &[&str]| {
        accents.iter().position(|a| *a == accent).map(|k| start + k as u32)
    };
    let four = ["grave", "acute", "circ", "uml"];
    let upper = match letter.to_ascii_uppercase() {
        'A' => position(0xc0, &["grave", "acute", "circ", "tilde", "uml", "ring"]),
        'E' => position(0xc8, &four),
        'I' => position(0xcc, &four),
        'O' if accent == "slash" => Some(0xd8),
        'O' => position(0xd2, &["grave", "acute", "circ", "tilde", "uml"]),
        'U' => position(0xd9, &four),
        'C' if accent == "cedil" => Some(0xc7),
        'N' if accent == "tilde" => Some(0xd1),
        'Y' if accent == "acute" => Some(0xdd),
        _ => None,
    };
    let Some(upper) = upper else { return Some(letter) };
    char::from_u32(if letter.is_ascii_lowercase() { upper + 0x20 } else { upper })
}

/// "Ã©" is "é" written in UTF-8, read as Latin-1 and written again: a lead character
/// (U+00C2-U+00EF) followed by the continuation characters (U+0080-U+00BF) its UTF-8 byte
/// needs is put back together.
fn repair_double_encoding(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((c, used)) = utf8_from_latin1(&chars[i..]) {
            out.push(c);
            i += used;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn utf8_from_latin1(chars: &[char]) -> Option<(char, usize)> {
    let lead = u32::from(*chars.first()?);
    let needed = match lead {
        0xc2..=0xdf => 1,
        0xe0..=0xef => 2,
        _ => return None,
    };
    let mut code = lead & if needed == 1 { 0x1f } else { 0x0f };
    for k in 1..=needed {
        let cont = u32::from(*chars.get(k)?);
        if !(0x80..=0xbf).contains(&cont) {
            return None;
        }
        code = (code << 6) | (cont & 0x3f);
    }
    Some((char::from_u32(code)?, needed + 1))
}

// ---------------------------------------------------------------------------------------------
// 2. Tokens

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Comma,
    /// Between two persons.
    Separator,
    /// After a person who is not an author of the book: "(Foreword by)".
    NotAuthor,
    /// Before a person who is not an author of the book: "foreword by Guy Steele".
    NotAuthorNext,
    /// Two words written together: `MarilynRynn`, `M.Begg`. A separator if the second word is
    /// a surname in "Surname, Given" order (a comma follows it), else one word.
    Glued,
}

/// Words that join or introduce persons. "ed" is not here: outside parentheses it is as
/// likely the given name Ed as "editor".
const JOINERS: &str = "and with by edited editor editors author authors etc";

/// Titles and post-nominal letters: never part of a name key. "M.D." is not here: "Allen, M.D."
/// is M. David Allen.
const HONORIFICS: &str =
    "dr prof professor mr mrs ms sir jr sr ii iii iv phd esq mba cism cissp cisa mcse ccie";

/// Words that make a comma piece an organisation or a placeholder rather than a person.
const NOT_PERSONS: &str = "the conference university institute society association committee \
    project associates assoc inc corp corporation co staff team group press pub publishing \
    publishers addisonwesley prentice company ltd llc available unknown";

/// Roles of people who did not write the book, in parentheses after a name ("Soukup, Ron
/// (Foreword by)") or as a word before it ("foreword by Guy Steele"). Other roles ("Author",
/// "Joint Author", "With", "Editor", "CON") only separate persons: co-authors are credited
/// "with", and edited volumes are credited to their editors.
const NOT_AUTHOR_ROLES: &str =
    "foreword frw preface introduction afterword illustrator translator trn";

/// Beginnings of surnames that keep a capital after them: `MacLennan`, `DeMarco`, `VanDyke`.
const SURNAME_PREFIXES: &str = "mc mac de di da du la le van von der st o";

/// True if `word` is one of the space-separated words of `list`.
fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphabetic() || (matches!(c, '.' | '\'' | '-' | '_') && !word.is_empty()) {
            if let Some(skip) = glue_at(&chars, i, &word) {
                push_word(&mut out, &mut word);
                out.push(if skip == 2 { Token::Separator } else { Token::Glued });
                i += skip;
                continue;
            }
            word.push(c);
            i += 1;
            continue;
        }
        push_word(&mut out, &mut word);
        match c {
            ',' => out.push(Token::Comma),
            ';' | '/' | '&' | '|' | '+' | ':' | '~' | '\n' => out.push(Token::Separator),
            '(' | '[' => {
                // An unclosed parenthesis runs to the end: an affiliation cut short.
                let close = chars[i..].iter().position(|&d| d == ')' || d == ']').map(|n| i + n);
                let inside: String = chars[i + 1..close.unwrap_or(chars.len())].iter().collect();
                out.push(role(&inside));
                i = close.map_or(chars.len(), |n| n + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    push_word(&mut out, &mut word);
    unglue(out)
}

/// Where two names were written together inside what looks like one word, returns how many
/// characters to skip: 2 for a `<BR>` that lost its brackets ("P.BRCooper"), 0 for a bare
/// junction (`MarilynRynn`, `M.Begg`).
fn glue_at(chars: &[char], i: usize, word: &str) -> Option<usize> {
    let last = word.chars().last()?;
    let upper_at = |k: usize| chars.get(k).is_some_and(char::is_ascii_uppercase);
    let lower_at = |k: usize| chars.get(k).is_some_and(char::is_ascii_lowercase);
    if !(last.is_ascii_lowercase() || last == '.') {
        return None;
    }
    if chars[i] == 'B' && chars.get(i + 1) == Some(&'R') && upper_at(i + 2) && lower_at(i + 3) {
        return Some(2);
    }
    // Surname prefixes keep their capital: MacLennan, McConnell, DeMarco, LaMothe, VanDyke.
    let tail = bare(word.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or_default());
    let prefix = listed(SURNAME_PREFIXES, &tail);
    let junction = upper_at(i) && lower_at(i + 1) && !prefix && (last == '.' || tail.len() >= 2);
    junction.then_some(0)
}

fn push_word(out: &mut Vec<Token>, word: &mut String) {
    let taken = std::mem::take(word);
    let mut w = taken.trim_end_matches(['-', '\'', '_']);
    // "Editor-John Hirschbuhl": a role glued to the name by a hyphen.
    if let Some((role, rest)) = w.split_once('-')
        && listed(JOINERS, &bare(role))
    {
        out.push(Token::Separator);
        w = rest;
    }
    let b = bare(w);
    // "et al" ends a list: "et" separates, and an "al" right after a separator is dropped.
    let dropped = b.is_empty()
        || listed(HONORIFICS, &b)
        || (b == "al" && out.last() == Some(&Token::Separator));
    if b == "et" || listed(JOINERS, &b) {
        out.push(Token::Separator);
    } else if listed(NOT_AUTHOR_ROLES, &b) {
        out.push(Token::NotAuthorNext);
    } else if !dropped {
        out.push(Token::Word(w.to_owned()));
    }
}

fn role(inside: &str) -> Token {
    let mut words = inside.split(|c: char| !c.is_ascii_alphabetic()).map(bare);
    if words.any(|w| listed(NOT_AUTHOR_ROLES, &w)) { Token::NotAuthor } else { Token::Separator }
}

/// "LEVY, MARGIPOWELL, PHILIP": a word before a comma that is not a known surname but ends in
/// one (of three letters or more, after two letters or more) is a given name and the next
/// surname written together, as all-capital listings do where a line break was lost.
fn split_known(tokens: &[Token], known: &BTreeSet<String>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for (k, t) in tokens.iter().enumerate() {
        let Token::Word(w) = t else {
            out.push(t.clone());
            continue;
        };
        let b = bare(w);
        let before_comma = tokens.get(k + 1) == Some(&Token::Comma);
        let split = (before_comma && b.len() == w.len() && !known.contains(&b))
            .then(|| {
                (2..b.len().saturating_sub(2))
                    .find(|&at| known.contains(&b[at..]) && !listed(SURNAME_PREFIXES, &b[..at]))
            })
            .flatten();
        match split {
            Some(at) => out.extend([
                Token::Word(w[..at].to_owned()),
                Token::Separator,
                Token::Word(w[at..].to_owned()),
            ]),
            None => out.push(t.clone()),
        }
    }
    out
}

/// Glued words resolved: a separator when the second word is a surname in "Surname, Given"
/// order (a comma follows it: `MarilynRynn, Maria`), else one word again (`M.David`).
fn unglue(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut iter = tokens.into_iter().peekable();
    while let Some(t) = iter.next() {
        if t != Token::Glued {
            out.push(t);
            continue;
        }
        let second = iter.next_if(|n| matches!(n, Token::Word(_)));
        match (second, iter.peek()) {
            (Some(w), Some(Token::Comma)) => out.extend([Token::Separator, w]),
            (Some(Token::Word(b)), _) => match out.last_mut() {
                Some(Token::Word(a)) => a.push_str(&b),
                _ => out.push(Token::Word(b)),
            },
            (other, _) => out.extend(other),
        }
    }
    out
}

/// Ends a segment: kept if it holds a word, unless a role before it said to skip it.
fn close(current: &mut Vec<Token>, skip: &mut bool, out: &mut Vec<Vec<Token>>) {
    if current.iter().any(|t| matches!(t, Token::Word(_))) && !std::mem::take(skip) {
        out.push(current.clone());
    }
    current.clear();
}

/// The token runs between separators that hold a word; a run next to a non-author role is
/// dropped.
fn segments(tokens: &[Token]) -> Vec<Vec<Token>> {
    let mut out: Vec<Vec<Token>> = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    let mut skip_next = false;
    for t in tokens {
        match t {
            Token::Separator => close(&mut current, &mut skip_next, &mut out),
            Token::NotAuthor => current.clear(),
            Token::NotAuthorNext => {
                close(&mut current, &mut skip_next, &mut out);
                skip_next = true;
            }
            _ => current.push(t.clone()),
        }
    }
    close(&mut current, &mut skip_next, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// 3. Names from commas

fn bare(word: &str) -> String {
    word.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_ascii_lowercase()
}

/// An initial: one letter ("D", "D."), or letters each followed by a dot ("M.D.", "J.R.R.").
fn is_initial(word: &str) -> bool {
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    letters == 1 || (word.contains('.') && word.split('.').all(|p| p.len() <= 1))
}

/// Particles that open a surname and are not its last word: "van der Linden", "de la Cruz".
fn is_particle(word: &str) -> bool {
    listed("van von der den de la le du da di del", &bare(word))
}

/// A piece that can only be a surname: one word besides particles, and not an initial.
fn surname_like(piece: &[&str]) -> bool {
    let words: Vec<&&str> = piece.iter().filter(|w| !is_particle(w)).collect();
    words.len() == 1 && !is_initial(words[0])
}

/// A person from a surname and given names. The key holds the surname's last word with the
/// particles right before it, run together ("Van Der Linden" and `VanderLinden` both give
/// "vanderlinden"); words before those (a first of two surnames) are left out. A surname that
/// is only an initial ("M.D." left over when "PETERALLEN, M.D." hides a surname) names nobody.
fn person(surname: &[&str], given: &[&str]) -> Option<Person> {
    let (last, before) = surname.split_last()?;
    if is_initial(last) {
        return None;
    }
    let particles = before.iter().rev().take_while(|w| is_particle(w)).count();
    let surname: String =
        surname[surname.len() - 1 - particles..].iter().map(|w| bare(w)).collect();
    let initial = given.iter().find_map(|w| bare(w).chars().next());
    (!surname.is_empty()).then_some(Person { surname, initial })
}

fn certain(p: Option<Person>) -> Option<Name> {
    p.map(Name::Certain)
}

/// A piece without a comma: a lone word is a surname, more words stay open.
fn open(piece: &[&str]) -> Option<Name> {
    match piece {
        [] => None,
        [one] => certain(person(&[one], &[])),
        _ => Some(Name::Open(piece.iter().map(|w| (*w).to_owned()).collect())),
    }
}

/// The names in one segment. Without a comma, open words. With commas, "Surname, Given" when
/// the first piece is a lone surname, else a list of open pieces ("Joe Celko, Peter Aiken").
/// "Surname, Given" lists come in two shapes: pairs ("Dann, Wanda P., Cooper, Stephen") when
/// every other piece is a lone surname, else a chain where each piece holds a given name and
/// the next person's surname ("Hornick, Mark F. Marcade, Erik Venkayala, Sunil"). Pieces naming
/// an organisation or a placeholder ("Not Available", "Deitel & Associates") are dropped.
fn read_segment(tokens: &[Token]) -> Vec<Name> {
    let mut pieces: Vec<Vec<&str>> = vec![Vec::new()];
    for t in tokens {
        match t {
            Token::Word(w) => {
                if let Some(p) = pieces.last_mut() {
                    p.push(w.as_str());
                }
            }
            Token::Comma => pieces.push(Vec::new()),
            _ => {}
        }
    }
    pieces.retain(|p| !p.is_empty() && !p.iter().any(|w| listed(NOT_PERSONS, &bare(w))));
    drop_editor_mark(&mut pieces);
    match pieces.as_slice() {
        [] => Vec::new(),
        [one] => open(one).into_iter().collect(),
        [first, ..] if !surname_like(first) => pieces.iter().filter_map(|p| open(p)).collect(),
        _ if pieces.len() % 2 == 0 && pieces.iter().step_by(2).all(|p| surname_like(p)) => {
            pieces.chunks(2).filter_map(|pair| certain(person(&pair[0], &pair[1]))).collect()
        }
        _ => chain(&pieces).into_iter().map(Name::Certain).collect(),
    }
}

/// "Carroll, John M., Ed.", "Andrew S. Glassner, Ed": a last piece that is only "Ed" or
/// "Eds" marks editors. "Yourdon, Ed" is Ed Yourdon: a piece after a lone surname is kept.
fn drop_editor_mark(pieces: &mut Vec<Vec<&str>>) {
    let mark = |p: &[&str]| matches!(p, [w] if listed("ed eds edt", &bare(w)));
    let is_given = pieces.len() == 2 && surname_like(&pieces[0]);
    if pieces.last().is_some_and(|p| mark(p)) && !is_given {
        pieces.pop();
    }
}

/// "Surname, Given Surname, Given ...": a piece of two or more words ending in a full word
/// holds a given name and the next surname; a shorter piece is a given name only, and the
/// piece after it is the next surname.
fn chain(pieces: &[Vec<&str>]) -> Vec<Person> {
    let mut out = Vec::new();
    let mut surname: Vec<&str> = pieces[0].clone();
    let mut i = 1;
    while i < pieces.len() {
        let piece = &pieces[i];
        let last = i + 1 == pieces.len();
        let splits = !last && piece.len() >= 2 && piece.last().is_some_and(|w| !is_initial(w));
        if splits {
            let mut at = piece.len() - 1;
            while at > 1 && is_particle(piece[at - 1]) {
                at -= 1;
            }
            out.extend(person(&surname, &piece[..at]));
            surname = piece[at..].to_vec();
            i += 1;
        } else {
            out.extend(person(&surname, piece));
            surname = pieces.get(i + 1).cloned().unwrap_or_default();
            i += 2;
        }
    }
    if i == pieces.len() && !surname.is_empty() {
        out.extend(person(&surname, &[]));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 4. Book-level fixes

/// What one book's listings, taken together, say about its authors' names.
#[derive(Debug, Default)]
pub struct Book {
    /// Surnames some listing writes as "Surname, Given" (or alone): their order is certain.
    surnames: BTreeSet<String>,
    /// Per surname, how many persons of the book's listings carry each initial.
    initials: BTreeMap<String, BTreeMap<char, usize>>,
}

impl Book {
    /// The surnames the book's listings write as "Surname, Given", or alone.
    pub fn surnames(&self) -> &BTreeSet<String> {
        &self.surnames
    }

    /// Learns from every listing of one book, each read with [`read_list`].
    pub fn new<'a>(listings: impl IntoIterator<Item = &'a [Name]> + Clone) -> Self {
        let mut book = Book::default();
        for name in listings.clone().into_iter().flatten() {
            if let Name::Certain(p) = name {
                book.surnames.insert(p.surname.clone());
            }
        }
        let mut initials: BTreeMap<String, BTreeMap<char, usize>> = BTreeMap::new();
        for name in listings.into_iter().flatten() {
            for p in book.persons(name) {
                if let Some(c) = p.initial {
                    *initials.entry(p.surname).or_default().entry(c).or_default() += 1;
                }
            }
        }
        book.initials = initials;
        book
    }

    /// The persons an open name holds: the words are cut after each word that is a known
    /// surname and has words after it (a person needs a given name before the surname), then
    /// each run is read "Given Surname", or turned round ("Geary David") when its last full
    /// word is not a known surname and its first word is.
    fn persons(&self, name: &Name) -> Vec<Person> {
        let words = match name {
            Name::Certain(p) => return vec![p.clone()],
            Name::Open(words) => words,
        };
        let known = |w: &str| self.surnames.contains(&bare(w));
        let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
        for (k, w) in words.iter().enumerate() {
            let run = runs.last_mut().map_or(0, |r| {
                r.push(w.as_str());
                r.len()
            });
            if run >= 2 && k + 1 < words.len() && known(w) && !is_initial(w) {
                runs.push(Vec::new());
            }
        }
        runs.iter().filter(|r| !r.is_empty()).filter_map(|run| self.given_first(run)).collect()
    }

    fn given_first(&self, run: &[&str]) -> Option<Person> {
        let end = run.iter().rposition(|w| !is_initial(w))?;
        let known = |w: &str| self.surnames.contains(&bare(w));
        if end > 0 && !known(run[end]) && known(run[0]) {
            return person(&run[..1], &run[1..]);
        }
        // "Peter van der Linden": the particles before the last word belong to the surname,
        // but the first word is always a given name.
        let mut start = end;
        while start > 1 && is_particle(run[start - 1]) {
            start -= 1;
        }
        person(&run[start..=end], &run[..start])
    }

    /// The keys of one listing's names. A bare surname takes the initial the book's listings
    /// give that surname most often (ties to the earlier letter), so "Knuth" and "Knuth,
    /// Donald E." agree.
    ///
    /// A bare word that no listing of the book gives with an initial, in a listing that names
    /// someone else, is dropped: it is a given name cut loose ("Campbell, Dave and Mary",
    /// "BALDWIN, LAWRENCEHOFFMAN, STEVEMILLER, DAVID") or the stump of a cut list ("..., Jo"),
    /// not a person.
    pub fn keys(&self, names: &[Name]) -> BTreeSet<String> {
        let persons: Vec<Person> = names.iter().flat_map(|n| self.persons(n)).collect();
        let mut out = BTreeSet::new();
        for p in &persons {
            let initial = p.initial.or_else(|| {
                let counts = self.initials.get(&p.surname)?;
                counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(&c, _)| c)
            });
            match initial {
                Some(c) => out.insert(format!("{} {c}", p.surname)),
                None if persons.len() == 1 => out.insert(p.surname.clone()),
                None => false,
            };
        }
        out
    }
}
