//! Seeded synthetic claims with a known truth, for benchmarks and accuracy checks (the crate
//! feature `synth`).
//!
//! Every cell is a pure function of the seed, the source and the object (a counter-based
//! generator, splitmix64 over the three), so rows and truths can be produced in any order, in
//! parallel, or one at a time without holding the table: 10^7 rows stream in constant memory.
//!
//! What the generator models, each part a builder option:
//! - sources with known reliabilities, spread evenly between 0.4 and 0.95: a reliable source
//!   states the truth, an unreliable one a noisy figure (within ±20 %) or, at the outlier rate,
//!   a gross outlier (10 times or a tenth of the truth); with an honest spread, a source that
//!   is right states its own count near the truth, as independent counts of one toll differ;
//! - copier sources, which echo another source's cell with some probability: pairs, or a
//!   clique echoing one source; copying every attribute kind or one only; copying exactly or,
//!   now and then, rounding a copied number to two significant figures;
//! - categorical attributes (one of five labels) beside the numeric ones;
//! - running totals, reported on ten days with earlier days seeing less of the total, and an
//!   as-of column;
//! - changing states (yes or no, flipping once within the ten days), each source reporting the
//!   state of its own day, in the as-of column.

use std::fmt;

use chrono::{Days, NaiveDate};

/// The labels a categorical attribute takes; the truth is one of them.
const LABELS: [&str; 5] = ["red", "green", "blue", "amber", "violet"];
/// The days a running total or a changing state is reported on.
const DAYS: u64 = 10;
/// The values of a changing state: what it was, and what it became.
const STATES: [&str; 2] = ["yes", "no"];

/// A seeded generator of claims about numeric and categorical attributes.
///
/// Available with the crate feature `synth`, off by default:
/// `claimrecon = { version = "0.1", features = ["synth"] }`.
///
/// ```
/// use claimrecon::Synthetic;
/// let synth = Synthetic::new(7).sources(3).objects(2);
/// let rows: Vec<String> = synth.rows().map(|r| r.to_string()).collect();
/// assert_eq!(rows.len(), 6);
/// assert_eq!(synth.header(), "source,object,attribute,value");
/// // The same seed gives the same table.
/// assert_eq!(rows, Synthetic::new(7).sources(3).objects(2).rows().map(|r| r.to_string()).collect::<Vec<_>>());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Synthetic {
    seed: u64,
    sources: usize,
    objects: usize,
    coverage: f64,
    copiers: usize,
    copy_rate: f64,
    clique: Option<Clique>,
    /// The only attribute kind copiers copy (`None`: every kind).
    copied_kind: Option<AttributeKind>,
    /// The chance that a copied number is rounded to two significant figures.
    copy_noise: f64,
    /// How far off the truth a right source's own count may be, as a share of it.
    honest_spread: f64,
    outlier_rate: f64,
    categorical: f64,
    running: f64,
    changing: f64,
    phrases: f64,
}

/// A copying clique: the last `size` sources echo one original's cells (see
/// [`Synthetic::clique`]).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Clique {
    size: usize,
    original: usize,
    rate: f64,
}

/// What kind of attribute an object has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeKind {
    /// A count that does not change (attribute name `count`).
    Count,
    /// One of five labels (attribute name `label`).
    Label,
    /// A running total reported over ten days (attribute name `total`).
    Total,
    /// A state that flips once, from `yes` to `no` or back, within the ten days (attribute
    /// name `state`); its truth is the last day's.
    State,
}

impl AttributeKind {
    /// The attribute's name in the table.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            AttributeKind::Count => "count",
            AttributeKind::Label => "label",
            AttributeKind::Total => "total",
            AttributeKind::State => "state",
        }
    }
}

/// A generated value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SyntheticValue {
    /// A whole number.
    Number(u64),
    /// "about N".
    About(u64),
    /// "more than N".
    MoreThan(u64),
    /// One of the labels.
    Label(&'static str),
}

impl fmt::Display for SyntheticValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyntheticValue::Number(n) => write!(f, "{n}"),
            SyntheticValue::About(n) => write!(f, "about {n}"),
            SyntheticValue::MoreThan(n) => write!(f, "more than {n}"),
            SyntheticValue::Label(l) => f.write_str(l),
        }
    }
}

/// One generated claim: a table row. `Display` writes it as a CSV line without the newline,
/// in the columns of [`Synthetic::header`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticRow {
    /// The source's index.
    pub source: usize,
    /// The object's index.
    pub object: usize,
    /// The attribute.
    pub kind: AttributeKind,
    /// The value claimed.
    pub value: SyntheticValue,
    /// The day reported, for running totals; `None` unless the generator has running totals.
    pub as_of: Option<NaiveDate>,
    /// Whether the row was written with a column for the as-of date.
    with_as_of: bool,
}

impl fmt::Display for SyntheticRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{},o{},{},{}", self.source, self.object, self.kind.name(), self.value)?;
        if self.with_as_of {
            f.write_str(",")?;
            if let Some(d) = self.as_of {
                write!(f, "{}", d.format("%Y-%m-%d"))?;
            }
        }
        Ok(())
    }
}

/// The true value of one object, beside the claims. `Display` writes
/// `object,attribute,value`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticTruth {
    /// The object's index.
    pub object: usize,
    /// The attribute.
    pub kind: AttributeKind,
    /// The true value: for a running total, its final (latest) figure.
    pub value: SyntheticValue,
}

impl fmt::Display for SyntheticTruth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "o{},{},{}", self.object, self.kind.name(), self.value)
    }
}

/// splitmix64's finaliser: a good 64-bit mix, so `mix(a ^ mix(b))` is a counter-based RNG.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A uniform number in [0, 1) from a hash.
fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

impl Synthetic {
    /// 100 sources, 1,000 objects, every source claiming every object, numeric counts only,
    /// no copiers, 5 % of errors gross.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Synthetic {
            seed,
            sources: 100,
            objects: 1_000,
            coverage: 1.0,
            copiers: 0,
            copy_rate: 0.8,
            clique: None,
            copied_kind: None,
            copy_noise: 0.0,
            honest_spread: 0.0,
            outlier_rate: 0.05,
            categorical: 0.0,
            running: 0.0,
            changing: 0.0,
            phrases: 0.0,
        }
    }

    /// The number of sources (at least 1). Set it before [`Synthetic::copiers`], which is
    /// bounded by it.
    #[must_use]
    pub fn sources(self, sources: usize) -> Self {
        let sources = sources.max(1);
        let clique = self.clique.filter(|c| c.size + 2 <= sources && c.original < sources - c.size);
        Self { sources, copiers: self.copiers.min(sources / 2), clique, ..self }
    }

    /// The number of objects (at least 1).
    #[must_use]
    pub fn objects(self, objects: usize) -> Self {
        Self { objects: objects.max(1), ..self }
    }

    /// The chance that a source makes a claim about an object (clamped to [0, 1]).
    #[must_use]
    pub fn coverage(self, coverage: f64) -> Self {
        Self { coverage: clamp01(coverage), ..self }
    }

    /// The last `copiers` sources copy: each echoes the cell of the source `copiers` places
    /// before it with chance `rate`, and makes its own claim otherwise. At most half the
    /// sources copy (so every copier has an original that does not copy); a larger number is
    /// read as half, rounded down. It takes the place of [`Synthetic::clique`].
    #[must_use]
    pub fn copiers(self, copiers: usize, rate: f64) -> Self {
        let copiers = copiers.min(self.sources / 2);
        Self { copiers, copy_rate: clamp01(rate), clique: None, ..self }
    }

    /// A copying clique, the case that sinks majority voting: the last `size` sources echo
    /// the cell of source `original` with chance `rate` each, and make their own claim
    /// otherwise. The sources outside the clique are the honest ones; their reliabilities
    /// spread evenly between 0.4 and 0.95, so source 0 is the poorest, and a clique member's
    /// own claims are as reliable as its rank among the copiers places it on the same
    /// spread. The clique takes the place of [`Synthetic::copiers`]. `size` is at most the
    /// number of sources less two (an original and one honest source besides it);
    /// `original` must be an honest source (it is read modulo their number). Set it after
    /// [`Synthetic::sources`].
    ///
    /// ```
    /// use claimrecon::Synthetic;
    /// // Seven sources echo the poorest of five honest ones 80 % of the time.
    /// let synth = Synthetic::new(1).sources(12).clique(7, 0, 0.8);
    /// assert_eq!(synth.copies(11), Some(0));
    /// assert_eq!(synth.copies(4), None);
    /// assert_eq!(synth.copying().count(), 7);
    /// ```
    #[must_use]
    pub fn clique(self, size: usize, original: usize, rate: f64) -> Self {
        let size = size.min(self.sources.saturating_sub(2));
        if size == 0 {
            return Self { clique: None, ..self };
        }
        let honest = self.sources - size;
        let clique = Clique { size, original: original % honest, rate: clamp01(rate) };
        Self { clique: Some(clique), copiers: 0, ..self }
    }

    /// Copiers (of [`Synthetic::copiers`] or a [`Synthetic::clique`]) copy only objects whose
    /// attribute is of `kind` and claim on their own about the others: a source that copies
    /// one attribute of another (say its labels) and reports the rest itself.
    ///
    /// ```
    /// use claimrecon::{AttributeKind, Synthetic};
    /// let synth = Synthetic::new(2).sources(8).objects(400).categorical(0.5)
    ///     .clique(3, 0, 1.0).copies_only(AttributeKind::Label);
    /// let (copier, original) = (7, 0);
    /// for o in 0..400 {
    ///     let same = synth.row(copier, o).map(|r| r.value) == synth.row(original, o).map(|r| r.value);
    ///     if synth.kind(o) == AttributeKind::Label {
    ///         assert!(same);
    ///     }
    /// }
    /// ```
    #[must_use]
    pub fn copies_only(self, kind: AttributeKind) -> Self {
        Self { copied_kind: Some(kind), ..self }
    }

    /// With chance `share`, a copier rounds the number it copies to two significant figures
    /// (12,345 becomes 12,000): a copy an editor touched, no longer identical to its original.
    /// Labels are copied as they are.
    #[must_use]
    pub fn copy_noise(self, share: f64) -> Self {
        Self { copy_noise: clamp01(share), ..self }
    }

    /// A source that is right about a number states its own count, off the truth by up to
    /// `share` of it either way (uniformly, then rounded), not the truth to the digit: three
    /// agencies counting one toll say 100, 102 and 105. Copiers still copy their original's
    /// figure to the digit. 0 (the default): a right source states the truth.
    ///
    /// ```
    /// use claimrecon::Synthetic;
    /// let exact = Synthetic::new(1).sources(5).objects(200).outlier_rate(0.0);
    /// let spread = exact.clone().honest_spread(0.05);
    /// // How many rows state the truth to the digit, and how many lie more than 20 % off it.
    /// let count = |synth: &Synthetic| {
    ///     let (mut at, mut far) = (0, 0);
    ///     for row in synth.rows() {
    ///         let truth: f64 = synth.truth(row.object).value.to_string().parse().unwrap();
    ///         let said: f64 = row.value.to_string().parse().unwrap();
    ///         at += usize::from(said == truth);
    ///         far += usize::from((said - truth).abs() > 0.2 * truth + 0.5);
    ///     }
    ///     (at, far)
    /// };
    /// let ((exact_at, exact_far), (spread_at, spread_far)) = (count(&exact), count(&spread));
    /// // Right sources state the truth to the digit without a spread, rarely with one.
    /// assert!(exact_at > 500 && spread_at * 5 < exact_at);
    /// // Nothing strays further: a right count within 5 %, a wrong one within 20 %.
    /// assert_eq!((exact_far, spread_far), (0, 0));
    /// ```
    #[must_use]
    pub fn honest_spread(self, share: f64) -> Self {
        Self { honest_spread: clamp01(share), ..self }
    }

    /// The only attribute kind copiers copy, when [`Synthetic::copies_only`] set one.
    #[must_use]
    pub fn copied_kind(&self) -> Option<AttributeKind> {
        self.copied_kind
    }

    /// Who copies whom: `(copier, original)` for every copying source, in copier order (with
    /// [`Synthetic::copies_only`], on objects of that kind only).
    pub fn copying(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.sources).filter_map(|s| self.copies(s).map(|o| (s, o)))
    }

    /// The share of wrong figures that are gross outliers rather than noise.
    #[must_use]
    pub fn outlier_rate(self, rate: f64) -> Self {
        Self { outlier_rate: clamp01(rate), ..self }
    }

    /// The share of objects whose attribute is categorical.
    #[must_use]
    pub fn categorical(self, share: f64) -> Self {
        Self { categorical: clamp01(share), ..self }
    }

    /// The share of objects whose attribute is a running total with an as-of date. Setting it
    /// above zero adds an `as_of` column.
    #[must_use]
    pub fn running(self, share: f64) -> Self {
        Self { running: clamp01(share), ..self }
    }

    /// The share of objects whose attribute is a changing state (`yes` or `no`, flipping once
    /// within the ten days, each source reporting the state of a day of its own, see
    /// [`AttributeKind::State`]). Setting it above zero adds an `as_of` column. An object's kind
    /// takes the shares in turn (categorical, running, changing): what the three give past 1
    /// is lost from the last.
    ///
    /// ```
    /// use claimrecon::{AttributeKind, Synthetic, SyntheticValue};
    /// let synth = Synthetic::new(3).sources(40).objects(30).changing(1.0);
    /// assert_eq!(synth.header(), "source,object,attribute,value,as_of");
    /// let truth = synth.truth(0);
    /// assert_eq!(truth.kind, AttributeKind::State);
    /// assert!(matches!(truth.value, SyntheticValue::Label("yes" | "no")));
    /// assert!(synth.row(39, 0).unwrap().as_of.is_some());
    /// ```
    #[must_use]
    pub fn changing(self, share: f64) -> Self {
        Self { changing: clamp01(share), ..self }
    }

    /// The share of numeric claims written as phrases ("about N", "more than N") rather than
    /// plain numbers.
    #[must_use]
    pub fn phrases(self, share: f64) -> Self {
        Self { phrases: clamp01(share), ..self }
    }

    /// The number of rows [`Synthetic::rows`] yields at full coverage: sources × objects.
    #[must_use]
    pub fn max_rows(&self) -> usize {
        self.sources.saturating_mul(self.objects)
    }

    /// The header line of the claims table.
    #[must_use]
    pub fn header(&self) -> &'static str {
        if self.dated() {
            "source,object,attribute,value,as_of"
        } else {
            "source,object,attribute,value"
        }
    }

    /// Whether the table has an as-of column: it has running totals or changing states.
    fn dated(&self) -> bool {
        self.running > 0.0 || self.changing > 0.0
    }

    /// The header line of the truth table.
    #[must_use]
    pub fn truth_header(&self) -> &'static str {
        "object,attribute,value"
    }

    /// The reliability of source `s`: the chance that it states the truth (copiers aside).
    #[must_use]
    pub fn reliability(&self, s: usize) -> f64 {
        // Ranks spread over the honest sources; a clique member ranks as the honest source
        // with its rank among the copiers, scaled.
        let (rank, of) = match self.clique {
            Some(c) => {
                let honest = self.sources - c.size;
                if s < honest {
                    (s as f64, (honest - 1) as f64)
                } else {
                    ((s - honest) as f64, (c.size - 1) as f64)
                }
            }
            None => (s as f64, (self.sources - 1) as f64),
        };
        if of < 1.0 {
            return 0.95;
        }
        0.4 + 0.55 * rank / of
    }

    /// The source that source `s` copies from, if it is a copier.
    #[must_use]
    pub fn copies(&self, s: usize) -> Option<usize> {
        if let Some(c) = self.clique {
            return (s >= self.sources - c.size && s < self.sources).then_some(c.original);
        }
        let first_copier = self.sources.saturating_sub(self.copiers);
        (s >= first_copier && s < self.sources && s >= self.copiers).then(|| s - self.copiers)
    }

    fn hash(&self, salt: u64, a: u64, b: u64) -> u64 {
        mix(self.seed ^ mix(salt ^ mix(a ^ mix(b))))
    }

    /// The attribute of object `o`.
    #[must_use]
    pub fn kind(&self, o: usize) -> AttributeKind {
        let u = unit(self.hash(1, o as u64, 0));
        if u < self.categorical {
            AttributeKind::Label
        } else if u < self.categorical + self.running {
            AttributeKind::Total
        } else if u < self.categorical + self.running + self.changing {
            AttributeKind::State
        } else {
            AttributeKind::Count
        }
    }

    fn true_number(&self, o: usize) -> u64 {
        // Log-uniform between 10 and 100,000, like tolls and populations.
        let u = unit(self.hash(2, o as u64, 0));
        10f64.powf(1.0 + 4.0 * u).round() as u64
    }

    /// The truth about object `o`.
    #[must_use]
    pub fn truth(&self, o: usize) -> SyntheticTruth {
        let kind = self.kind(o);
        let value = match kind {
            AttributeKind::Label => {
                SyntheticValue::Label(LABELS[(self.hash(3, o as u64, 0) % 5) as usize])
            }
            AttributeKind::State => SyntheticValue::Label(self.state_on(o, DAYS - 1)),
            _ => SyntheticValue::Number(self.true_number(o)),
        };
        SyntheticTruth { object: o, kind, value }
    }

    /// Every object's truth, in object order.
    pub fn truths(&self) -> impl Iterator<Item = SyntheticTruth> + '_ {
        (0..self.objects).map(|o| self.truth(o))
    }

    /// The state of object `o` (a changing state) on day `day` (0 to `DAYS - 1`): the first
    /// value until its flip, on a day from 1 to `DAYS - 1`, the other from then on.
    fn state_on(&self, o: usize, day: u64) -> &'static str {
        let first = (self.hash(14, o as u64, 0) % 2) as usize;
        let flip = 1 + self.hash(15, o as u64, 0) % (DAYS - 1);
        STATES[if day < flip { first } else { 1 - first }]
    }

    /// The first day of the reports, day 0.
    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default()
    }

    /// Source `s`'s own claim about object `o`, ignoring copying.
    fn own(&self, s: usize, o: usize) -> (SyntheticValue, Option<NaiveDate>) {
        let (s64, o64) = (s as u64, o as u64);
        let truth = self.truth(o);
        let right = unit(self.hash(5, s64, o64)) < self.reliability(s);
        let noise = unit(self.hash(6, s64, o64));
        if truth.kind == AttributeKind::State {
            // The state of the source's own day, or the other one.
            let day = self.hash(8, s64, o64) % DAYS;
            let seen = self.state_on(o, day);
            let said = if right { seen } else { STATES[usize::from(seen == STATES[0])] };
            return (SyntheticValue::Label(said), Self::start().checked_add_days(Days::new(day)));
        }
        if let SyntheticValue::Label(label) = truth.value {
            if right {
                return (truth.value, None);
            }
            let at = LABELS.iter().position(|&l| l == label).unwrap_or(0);
            let other = (at + 1 + (self.hash(7, s64, o64) % 4) as usize) % 5;
            return (SyntheticValue::Label(LABELS[other]), None);
        }
        let total = self.true_number(o) as f64;
        let (seen, as_of) = if truth.kind == AttributeKind::Total {
            let day = self.hash(8, s64, o64) % DAYS;
            let share = 0.5 + 0.5 * (day + 1) as f64 / DAYS as f64;
            (total * share, Self::start().checked_add_days(Days::new(day)))
        } else {
            (total, None)
        };
        let x = if right {
            seen * (1.0 + self.honest_spread * (2.0 * unit(self.hash(16, s64, o64)) - 1.0))
        } else if noise < self.outlier_rate {
            if self.hash(9, s64, o64) % 2 == 0 { seen * 10.0 } else { seen / 10.0 }
        } else {
            seen * (0.8 + 0.4 * unit(self.hash(10, s64, o64)))
        };
        let n = x.round().max(0.0) as u64;
        let phrase = unit(self.hash(11, s64, o64));
        let value = if phrase < self.phrases / 2.0 {
            SyntheticValue::About(n)
        } else if phrase < self.phrases {
            SyntheticValue::MoreThan((x * 0.9).round().max(0.0) as u64)
        } else {
            SyntheticValue::Number(n)
        };
        (value, as_of)
    }

    /// The claim source `s` makes about object `o`, or `None` when it makes none.
    #[must_use]
    pub fn row(&self, s: usize, o: usize) -> Option<SyntheticRow> {
        if s >= self.sources || o >= self.objects {
            return None;
        }
        let (s64, o64) = (s as u64, o as u64);
        if self.coverage < 1.0 && unit(self.hash(4, s64, o64)) >= self.coverage {
            return None;
        }
        let rate = self.clique.map_or(self.copy_rate, |c| c.rate);
        let copies_here = self.copied_kind.is_none_or(|k| k == self.kind(o));
        let (value, as_of) = match self.copies(s) {
            Some(original) if copies_here && unit(self.hash(12, s64, o64)) < rate => {
                let (value, as_of) = self.own(original, o);
                if unit(self.hash(13, s64, o64)) < self.copy_noise {
                    (rounded(value), as_of)
                } else {
                    (value, as_of)
                }
            }
            _ => self.own(s, o),
        };
        Some(SyntheticRow {
            source: s,
            object: o,
            kind: self.kind(o),
            value,
            as_of,
            with_as_of: self.dated(),
        })
    }

    /// Every claim, source by source, each source's claims in object order.
    ///
    /// # Complexity
    /// O(1) memory; O(1) time per row.
    pub fn rows(&self) -> impl Iterator<Item = SyntheticRow> + '_ {
        (0..self.sources).flat_map(move |s| (0..self.objects).filter_map(move |o| self.row(s, o)))
    }
}

/// A number rounded to two significant figures (labels as they are).
fn rounded(value: SyntheticValue) -> SyntheticValue {
    let two = |n: u64| {
        let digits = n.checked_ilog10().unwrap_or(0);
        let unit = 10u64.pow(digits.saturating_sub(1));
        n.saturating_add(unit / 2) / unit * unit
    };
    match value {
        SyntheticValue::Number(n) => SyntheticValue::Number(two(n)),
        SyntheticValue::About(n) => SyntheticValue::About(two(n)),
        SyntheticValue::MoreThan(n) => SyntheticValue::MoreThan(two(n)),
        label @ SyntheticValue::Label(_) => label,
    }
}

fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reliable_sources_are_right_more_often() {
        let synth = Synthetic::new(3).sources(10).objects(2_000);
        let right = |s: usize| {
            (0..2_000)
                .filter(|&o| synth.row(s, o).map(|r| r.value) == Some(synth.truth(o).value))
                .count()
        };
        // Source 0 is right 40 % of the time, source 9 95 %: allow generous sampling slack.
        let (low, high) = (right(0), right(9));
        assert!((700..900).contains(&low), "source 0 right {low} times");
        assert!((1_850..1_960).contains(&high), "source 9 right {high} times");
    }

    #[test]
    fn copiers_echo_their_original() {
        let synth = Synthetic::new(5).sources(10).objects(1_000).copiers(2, 1.0);
        assert_eq!(synth.copies(9), Some(7));
        assert_eq!(synth.copies(7), None);
        for o in 0..1_000 {
            assert_eq!(synth.row(9, o).map(|r| r.value), synth.row(7, o).map(|r| r.value));
        }
    }

    #[test]
    fn running_totals_rise_with_the_day_and_carry_a_date() {
        let synth = Synthetic::new(9).sources(50).objects(20).running(1.0).outlier_rate(0.0);
        assert_eq!(synth.header(), "source,object,attribute,value,as_of");
        let row = synth.row(49, 0).unwrap();
        assert!(row.as_of.is_some());
        assert!(row.to_string().starts_with("s49,o0,total,"));
        assert_eq!(row.to_string().matches(',').count(), 4);
    }

    #[test]
    fn a_changing_state_flips_once_and_reliable_sources_report_their_days_state() {
        let synth = Synthetic::new(11).sources(20).objects(300).changing(1.0);
        for o in 0..300 {
            let days: Vec<&str> = (0..DAYS).map(|d| synth.state_on(o, d)).collect();
            assert_ne!(days[0], days[9], "object {o} never flips");
            assert_eq!(days.windows(2).filter(|w| w[0] != w[1]).count(), 1);
            assert_eq!(synth.truth(o).value, SyntheticValue::Label(days[9]));
        }
        // The most reliable source (0.95) says its own day's state nearly always.
        let right = (0..300)
            .filter(|&o| {
                let row = synth.row(19, o).unwrap();
                let day = (row.as_of.unwrap() - Synthetic::start()).num_days() as u64;
                row.value == SyntheticValue::Label(synth.state_on(o, day))
            })
            .count();
        assert!(right >= 270, "{right} of 300");
        assert!(synth.row(0, 0).unwrap().to_string().starts_with("s0,o0,state,"));
    }

    #[test]
    fn copied_noise_rounds_to_two_significant_figures() {
        assert_eq!(rounded(SyntheticValue::Number(12_345)), SyntheticValue::Number(12_000));
        assert_eq!(rounded(SyntheticValue::Number(12_550)), SyntheticValue::Number(13_000));
        assert_eq!(rounded(SyntheticValue::Number(7)), SyntheticValue::Number(7));
        assert_eq!(rounded(SyntheticValue::Number(95)), SyntheticValue::Number(95));
        assert_eq!(rounded(SyntheticValue::About(999)), SyntheticValue::About(1_000));
        assert_eq!(rounded(SyntheticValue::Label("red")), SyntheticValue::Label("red"));
        // Every copy rounded: the copier's numbers are its original's, rounded.
        let synth = Synthetic::new(4).sources(6).objects(300).clique(2, 0, 1.0).copy_noise(1.0);
        for o in 0..300 {
            let (copy, original) = (synth.row(5, o).unwrap(), synth.row(0, o).unwrap());
            assert_eq!(copy.value, rounded(original.value));
        }
    }

    #[test]
    fn copiers_of_one_kind_claim_the_others_on_their_own() {
        let synth = Synthetic::new(6)
            .sources(8)
            .objects(600)
            .categorical(0.5)
            .clique(3, 0, 1.0)
            .copies_only(AttributeKind::Label);
        let same = |kind: AttributeKind| {
            (0..600)
                .filter(|&o| synth.kind(o) == kind)
                .filter(|&o| synth.row(7, o).unwrap().value == synth.row(0, o).unwrap().value)
                .count()
        };
        let labels = (0..600).filter(|&o| synth.kind(o) == AttributeKind::Label).count();
        assert_eq!(same(AttributeKind::Label), labels);
        // On counts the copier answers on its own: it agrees with its original only where
        // both are right (source 0 is right 40 % of the time), about 0.4 of the counts.
        let counts = 600 - labels;
        assert!(
            same(AttributeKind::Count) * 10 < counts * 6,
            "{} of {counts}",
            same(AttributeKind::Count)
        );
    }

    #[test]
    fn coverage_thins_the_table() {
        let synth = Synthetic::new(1).sources(20).objects(500).coverage(0.25);
        let n = synth.rows().count();
        assert!((2_200..2_800).contains(&n), "{n} rows at 25 % of 10,000");
    }
}
