//! Copying blocks that outvote the truth: which voices echo an original, judged without
//! trusting the vote first.
//!
//! A clique of sites echoing one careless source is often the majority. A test of copying
//! that reads "false" off the vote then calls the clique's figures true and the honest
//! voices' agreement on the real figure the suspicious one. Both readings are consistent
//! with themselves; they differ in how well they explain what was said. This module follows
//! the copy model of Dong, Berti-Equille and Srivastava ("Integrating conflicting data: the
//! role of source dependence", VLDB 2009): an independent voice of accuracy `A` gives the
//! true value with chance `A` and each of the `n` false values on the subject with chance
//! `(1 - A) / n`; a copier gives its original's value with chance `c` (its copy rate) and
//! answers as an independent voice otherwise. Each reading is found from a start and
//! improved in rounds (values, then accuracies, then who copies whom, then values again),
//! and judged by its log-likelihood plus the log prior odds of its copiers:
//!
//! - the plain start, every voice counted once (what a vote would say), read once with every
//!   voice independent (the *independent reading*, the bar the others must clear) and once
//!   with copiers like the others;
//! - one start per block of voices that agree with one voice on at least
//!   [`MIN_COPY_RATE`] of their shared subjects, the block counted as one voice;
//! - one start where each *family* counts as one voice: a block grown, without reading any
//!   truth, to every voice giving the value the rest of it gives most on at least
//!   [`MIN_COPY_RATE`] of the subjects where another of it spoke ([`families`]). In that
//!   reading a voice of a family may copy the family's *hidden original* ([`Hidden`]): one
//!   more voice, whose value is the one its copies give most, as a wire no site carries
//!   whole. A wire syndicated in part by many sites makes such a family: 600 of 1,000 sites
//!   each carrying 5 % of its stories share about three stories a pair, too few to tell a
//!   copy from chance pair by pair, but each shares about fifty with the rest of the family.
//!
//! A start that reads every value as the plain start does is not read (from a block's, the
//! reading would be the plain one's).
//!
//! A value is an id: the caller decides what is one value. `Voices` runs this pass up to
//! three times: on figures compared exactly; with a round figure and the one precise figure it
//! rounds taken for one (copies an editor rounded, "1,200" for the original's "1,234", are then
//! one value); and with close figures one class where the truth is concerned while copying
//! still asks for the same figure ([`Said::classed`]: independent counts of one toll, "100",
//! "102" and "105", then agree on the truth, and a block giving "200" to the digit does not).
//!
//! Copy rates are read from [`COPY_RATES`], all at least [`MIN_COPY_RATE`]: a copier copies
//! most of what it says. Allowing any rate let honest voices explain each other as part-time
//! copies of the best one, and the two readings could not be told apart (measured on
//! `examples/copying.rs`' cliques: the wrong reading won every table).
//!
//! Nothing is merged unless the likeliest reading with copiers explains the claims at least
//! `1 / CHANCE_LEVEL` (a thousand) times better than the independent reading and reads some
//! value otherwise, and each copier must be that much likelier a copy than independent; the
//! copiers inside its block (for the plain start's, a copier and its original inside one block
//! start; a copier of a voice inside it also inside the block of another start whose reading
//! ends with the same copiers) are then one voice with their originals, each with its
//! evidence (a copy of a hidden original one voice with the copy that gives its value most
//! often). Which of two voices copies the other is not decided: the model explains either
//! direction about as well.
//!
//! # Complexity
//! Counting the agreement of voice pairs costs O(Σ min(m, K)²) for `m` voices on a subject
//! and `K` = [`MAX_COUNTED`], at most O(K · n) for `n` claims, or, from bit sets,
//! O(v² · S / 64) (`v` voices, `S` subjects), whichever is cheaper ([`agreements`]); taking
//! each of at most [`MAX_STARTS`] blocks whole costs O(n) more ([`around`]); then per start and
//! round O(n + a): `a` the subjects on which candidate pairs agree, listed once for every
//! reading (at most [`LISTED_PER_CLAIM`] a claim), else O(n + p · s) walking each of `p`
//! candidate pairs' `s` subjects a voice ([`Pairs`]), [`ROUNDS`] rounds at most.
//! The candidates are the pairs agreeing on at least half their subjects, or, where voices
//! were drawn, the pairs of the blocks' first members (`p` at most [`MAX_STARTS`] times the
//! voices). The families cost O(n) a round to grow, [`ROUNDS`] rounds for each of at most
//! twice [`MAX_STARTS`] blocks, and their reading O(n + a) a round more, each voice of a family
//! judged against the rest of it. Candidate pairs cannot come from rare values alone here
//! (the block a copying majority makes gives the *most* given values), so they come from a
//! draw of each subject's voices, the same voices on every subject ([`Said::counted`]).

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::limit::index;
use super::threads::{PARALLEL_FROM, map_each, sort_each};

/// How unlikely under independence a pair's shared rare figures must be before the pair is
/// judged for copying (see `voice::Coincidences`): one in a thousand, chosen before any
/// measurement. It only picks the pairs worth judging: the judgement itself (80 % of shared
/// subjects identical) is unchanged.
pub(crate) const CHANCE_LEVEL: f64 = 1e-3;

/// The prior chance that two voices copy (`α` in Dong et al. 2009; 0.2 in their
/// experiments, where it may be meant per direction of copying). Our `n`, the number of
/// false figures an independent voice could pick, is the number of distinct false figures
/// actually claimed for the subject, at least [`MIN_FALSE_VALUES`] where the domain allows
/// ([`false_values`]), not their domain size (100): a shared false figure is weaker evidence
/// here than in the paper.
pub(crate) const COPY_PRIOR: f64 = 0.2;

/// The fewest false values an independent voice is taken to pick among on a subject whose
/// values allow as many (see [`false_values`]): amounts, dates and times whose attribute's
/// facts show five values or more among them, labels of which some fact shows five; a
/// yes/no fact has one, however it is written, a fact of three labels two (each value
/// counted only where two voices give it on one fact, and among the values that cover
/// nearly all its attribute's: `Statements::domains`).
///
/// The few voices of one subject show fewer of the ways to be wrong than there are: where
/// every voice but a block gives one other value, the distinct false values claimed number
/// one, and any two voices that err must then err alike, so agreeing on a false value is no
/// evidence of copying at all. A clique copying a poor source (nearly) always then reads as
/// a block of perfect independent voices, the honest voices' agreement on the truth as their
/// shared error, and the two readings cannot be told apart by likelihood (issue 13's cliques
/// copying 95 % or 100 % of the time were read so). Dong et al. take `n` from the domain (100
/// in their experiments); here it is what was claimed, but never fewer than this nor than
/// the domain allows, read from the other facts of the attribute (`Statements::domains`): a
/// copying block hides the ways to be wrong on the facts it outvotes, not on every fact of
/// its attribute. The domain matters: with four false values taken on yes/no facts, an
/// honest error there looks four times rarer than it is, and honest sources erring on their
/// own were read as copying one another (a review's table of eight, four of them wrong more
/// often than right: the four right ones joined, whether the facts were written "yes", "1"
/// or "home7", `tests/reconcile_copying.rs`; on 300 of its generated tables of honest yes/no
/// sources, 0.609 of the facts right against 0.644 with the domain's bound). **Chosen on
/// `examples/copying.rs`' cliques and the public datasets' tuning halves** (BENCHMARKS.md,
/// "Copies of every figure"; tried before the domain's bound, the one-block rule and the
/// own-answers test's shown `n`): 2 to 10 read every clique alike; 2 and 3 lose a book of
/// the books' tuning half, 100 loses flights and books; 4, the false labels of a five-label
/// attribute, also reads one more flight of the tuning half right.
pub(crate) const MIN_FALSE_VALUES: f64 = 4.0;

/// The copy rates a copier is judged at; the one that explains its claims best is its rate.
pub(crate) const COPY_RATES: [f64; 5] = [0.7, 0.8, 0.9, 0.95, 0.99];

/// The lowest copy rate, and the agreement that puts a voice in a block start.
pub(crate) const MIN_COPY_RATE: f64 = COPY_RATES[0];

/// Pairs agreeing on fewer of their shared subjects than this are not judged: a copier at
/// the lowest rate agrees with its original at least that often, less sampling noise.
const CANDIDATE_AGREEMENT: f64 = 0.5;

/// Block starts tried besides the plain one, the largest blocks first.
const MAX_STARTS: usize = 8;

/// Rounds of values, accuracies and copiers per start.
const ROUNDS: usize = 10;

/// Fewest subjects on which two voices give the same value before one is judged a copy of
/// the other, or the two make a block.
pub(crate) const MIN_SHARED: u32 = 3;

/// The most voices of one subject whose pairs the block pass counts (see [`Said::counted`]).
///
/// Counting every pair of a subject's voices costs the square of their number, and where
/// thousands of voices speak on each subject that cost, and the pairs kept, outgrow the
/// claims (8,000 voices over 250 subjects kept four million pairs; 80,000 over 2,500 ran out
/// of 24 GiB). A block that changes the vote is a large share of the voices of the subjects it
/// changes, larger than the voices giving the value it outvotes, so a draw of voices the same
/// on every subject (the first by a hash of their names and of the table) holds many of its
/// members there:
/// their pairs make a block, and the block is then taken whole, every voice agreeing with
/// its first member over all the subjects ([`around`]). Up to this many voices a subject, every
/// pair is counted, as before the draw: every table of the benchmarks, the examples and the
/// tests has at most a hundred voices a subject, but those of the draw's own tests.
const MAX_COUNTED: usize = 128;

/// What voices said on subjects with one true value: per subject, each voice's value (an
/// id: equal ids are equal values), voices in order.
#[derive(Debug, Default)]
pub(crate) struct Said {
    /// `(voice, value)`, subject after subject, each subject's rows in voice order.
    rows: Vec<(u32, u32)>,
    /// The end of each subject's rows.
    ends: Vec<u32>,
    /// Per value id, its place in a fixed order (the text order), for ties; an id past its
    /// end (a set of several figures) ranks as itself.
    order: Vec<u32>,
    voices: usize,
    /// Per subject, the values an independent voice could give there, as far as the claims
    /// tell ([`Said::subject_in`]); `u32::MAX` when they do not bound them.
    domains: Vec<u32>,
    /// Per voice, its place in the draw that picks the voices whose pairs are counted on a
    /// subject where more than [`MAX_COUNTED`] speak (see [`Said::counted`]); empty: a hash
    /// of the voice's index.
    draws: Vec<u64>,
    /// From how many rows what reads each subject alone runs in parallel:
    /// [`PARALLEL_FROM`] unless set ([`Said::in_parallel_from`]). The result is the same.
    parallel_from: usize,
    /// Per value id, the class whose truth it shares ([`Said::classed`]); empty: each value
    /// is its own class.
    classes: Vec<u32>,
}

impl Said {
    /// An empty table over `voices` voices; `order` ranks each value id for ties.
    pub fn new(voices: usize, order: Vec<u32>) -> Self {
        Said { order, voices, parallel_from: PARALLEL_FROM, ..Said::default() }
    }

    /// What reads each subject alone runs in parallel from `rows` rows (set from
    /// `Voices::parallel_from`, which a test sets to compare both ways).
    pub fn in_parallel_from(self, rows: usize) -> Self {
        Said { parallel_from: rows, ..self }
    }

    /// Room for `subjects` more subjects of `rows` rows in all, taken at once: grown row by
    /// row, the lists left their earlier, smaller copies to the allocator's heap, where the
    /// large lists allocated after the copy passes do not reuse them.
    pub fn reserve(&mut self, subjects: usize, rows: usize) {
        self.rows.reserve_exact(rows);
        self.ends.reserve_exact(subjects);
        self.domains.reserve_exact(subjects);
    }

    /// Whether what reads each subject alone runs in parallel.
    fn in_parallel(&self) -> bool {
        self.rows.len() >= self.parallel_from
    }

    /// Each voice's place in the draw (see [`Said::counted`]), `voices` of them: a hash of its
    /// name ([`draw_of`]), so the draw does not depend on the order voices are numbered in.
    pub fn drawn(self, draws: Vec<u64>) -> Self {
        debug_assert_eq!(draws.len(), self.voices, "a draw per voice");
        Said { draws, ..self }
    }

    /// Values read as one where the truth is concerned: `classes` gives each value id its
    /// class, itself a value id of the class (the one first in order, for ties), and the
    /// values of one class are never of two subjects. The truth, the accuracies and the ways
    /// to be wrong are then read by class; whether one voice copies another still asks for
    /// the same value. Independent voices close to the truth each give figures of their own
    /// ("100", "102", "105"), which no value read exactly lets agree, while copies give their
    /// original's figure to the digit: read exactly, a copying block's one figure is the
    /// only agreement on the subject (see `Statements::to_classes`).
    pub fn classed(self, classes: Vec<u32>) -> Self {
        Said { classes, ..self }
    }

    /// The class of value `x` ([`Said::classed`]): `x` itself but where a class is given.
    fn class(&self, x: u32) -> u32 {
        self.classes.get(x as usize).copied().unwrap_or(x)
    }

    fn draw(&self, voice: u32) -> u64 {
        self.draws.get(voice as usize).copied().unwrap_or_else(|| mix(u64::from(voice)))
    }

    /// The table whose pairs the block pass counts: each subject's voices, or where more than
    /// [`MAX_COUNTED`] speak, the [`MAX_COUNTED`] first in the draw (their place in it, then
    /// their number); `None` when no subject has more, and the table is counted whole.
    ///
    /// A voice's place is its draw (a hash of its name) mixed with a salt made of the whole
    /// table (who speaks on which subject, summed, so not of the rows' order): names alone
    /// would let a clique pick names that fall last in the draw (found by a review, in about
    /// four tries a name), and the salt asks for the whole table to be known first.
    fn counted(&self) -> Option<Said> {
        let limit = MAX_COUNTED;
        if self.subjects().all(|rows| rows.len() <= limit) {
            return None;
        }
        let salt = self.subjects().enumerate().fold(0u64, |sum, (s, rows)| {
            let subject = mix(s as u64);
            rows.iter().fold(sum, |sum, &(v, _)| sum.wrapping_add(mix(self.draw(v) ^ subject)))
        });
        let place = |v: u32| mix(self.draw(v) ^ salt);
        let mut out = Said {
            order: Vec::new(),
            voices: self.voices,
            parallel_from: self.parallel_from,
            ..Said::default()
        };
        let mut drawn: Vec<(u64, u32, u32)> = Vec::new();
        for rows in self.subjects() {
            if rows.len() <= limit {
                out.rows.extend_from_slice(rows);
            } else {
                drawn.clear();
                drawn.extend(rows.iter().map(|&(v, x)| (place(v), v, x)));
                drawn.select_nth_unstable(limit - 1);
                let mut kept: Vec<(u32, u32)> =
                    drawn[..limit].iter().map(|&(_, v, x)| (v, x)).collect();
                kept.sort_unstable();
                out.rows.extend(kept);
            }
            out.ends.push(index(out.rows.len()));
        }
        out.domains.clone_from(&self.domains);
        Some(out)
    }

    /// The rows of subject `s`.
    fn rows_of(&self, s: usize) -> &[(u32, u32)] {
        &self.rows[self.span(s)]
    }

    /// Where subject `s`'s rows lie in `rows` (and its values in [`Said::by_value`]).
    fn span(&self, s: usize) -> std::ops::Range<usize> {
        let from = s.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        from..self.ends[s] as usize
    }

    /// One subject: its voices' values, at most one per voice; the values they could give
    /// are not bounded (an amount, a date).
    #[cfg(test)]
    pub fn subject(&mut self, rows: Vec<(u32, u32)>) {
        self.subject_in(rows, u32::MAX);
    }

    /// One subject: its voices' values, at most one per voice, of the `domain` values a voice
    /// could give there (`u32::MAX` when unbounded; see [`false_values`]).
    pub fn subject_in(&mut self, mut rows: Vec<(u32, u32)>, domain: u32) {
        debug_assert!(rows.iter().all(|r| (r.0 as usize) < self.voices), "a voice past the table");
        rows.sort_unstable();
        rows.dedup_by_key(|r| r.0);
        self.rows.extend(rows);
        self.ends.push(self.rows.len() as u32);
        self.domains.push(domain);
    }

    /// Per subject, the false values an independent voice picks among ([`false_values`]), and
    /// those the subject's claims show (its distinct values less one, at least one).
    fn false_values(&self) -> (Vec<f64>, Vec<f64>) {
        self.subjects()
            .zip(&self.domains)
            .map(|(rows, &domain)| {
                let shown = self.shown_false_values(rows);
                (false_values(shown, domain), shown)
            })
            .unzip()
    }

    fn subjects(&self) -> impl Iterator<Item = &[(u32, u32)]> {
        self.ends.iter().scan(0usize, |from, &end| {
            let rows = &self.rows[*from..end as usize];
            *from = end as usize;
            Some(rows)
        })
    }

    /// Each subject's rows as `(value, voice)`, sorted, subject after subject (ends as
    /// `ends`): a value's voices side by side.
    pub fn by_value(&self) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = self.rows.iter().map(|&(v, x)| (x, v)).collect();
        let ends = self.ends.iter().map(|&end| end as usize);
        sort_each(&mut out, ends, self.in_parallel());
        out
    }

    /// The false values a subject's claims show: its distinct values (by class,
    /// [`Said::classed`]) less the true one, taken to be among them, at least 1
    /// ([`claimed_false_values`]).
    fn shown_false_values(&self, rows: &[(u32, u32)]) -> f64 {
        let mut distinct: Vec<u32> = rows.iter().map(|r| self.class(r.1)).collect();
        distinct.sort_unstable();
        distinct.dedup();
        claimed_false_values(distinct.len(), true)
    }

    fn rank(&self, value: u32) -> u32 {
        self.order.get(value as usize).copied().unwrap_or(value)
    }
}

/// A copier found, with the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Echo {
    pub copier: usize,
    pub original: usize,
    /// The copy rate that explains the copier's claims best.
    pub rate: f64,
    /// Subjects both voices gave a value for.
    pub shared: usize,
    /// Of those, subjects where they gave the same value.
    pub same: usize,
    /// How many of the shared subjects independent voices of their accuracies would agree
    /// on.
    pub expected: f64,
    /// For a copy of a block's hidden original ([`Hidden`]), the copies it has, all one voice
    /// with `original`, the copy closest to it; then `shared` and `same` count the subjects
    /// where another copy spoke, and those where the copier gave the value the other copies
    /// give most. 0 for a copy of a voice.
    pub block: usize,
}

/// The copiers in the reading that explains the claims best, when that reading starts from
/// a block; empty when the plain reading explains them at least as well.
pub(crate) fn find(said: &Said) -> Vec<Echo> {
    let by_value = said.by_value();
    let counted = said.counted();
    let agree = match &counted {
        Some(drawn) => agreements(drawn, &drawn.by_value()),
        None => agreements(said, &by_value),
    };
    // In pair order, as `agree` holds them, each with the subjects where it gives one value.
    let mut candidates: Vec<Candidate> = agree
        .iter()
        .filter(|&(_, counts)| is_candidate(counts))
        .map(|(pair, (_, same))| (pair, same))
        .collect();
    let mut blocks = blocks(&agree, said.voices);
    let mut by_voice_once = None;
    if counted.is_some() && !blocks.is_empty() {
        // The drawn voices made the blocks; each is taken whole: its first member and every
        // voice agreeing with it over all the subjects. The candidates are then the pairs of
        // the blocks' first members: each round of a reading walks every candidate, and the
        // drawn voices' pairs are the square of the draw (a review measured 10 to 120 s on
        // clique tables of 150,000 to 350,000 rows; about 3 s with these, BENCHMARKS.md).
        let by_voice = by_voice_once.get_or_insert_with(|| by_voice(said));
        candidates.clear();
        blocks.truncate(MAX_STARTS);
        for (first, members) in &mut blocks {
            let (whole, pairs) = around(said, by_voice, *first);
            *members = whole;
            candidates.extend(pairs);
        }
        // A pair two blocks give twice holds the same counts (over all the subjects) twice.
        candidates.sort_unstable();
        candidates.dedup();
        blocks.retain(|(_, members)| members.len() >= 3);
        largest_first(&mut blocks);
    }
    if candidates.is_empty() || blocks.is_empty() {
        return Vec::new();
    }
    let plain_start = vote(said, &by_value, &[]);
    let by_voice: &[Vec<(u32, u32)>] = by_voice_once.get_or_insert_with(|| by_voice(said));
    let families = families(said, by_voice, &blocks);
    blocks.truncate(MAX_STARTS);
    // A block whose start reads every value as the plain start does reads on exactly as the
    // plain reading does (a start is only its first values): it is not read again.
    let starts: Vec<(&Vec<u32>, Vec<u32>)> = blocks
        .iter()
        .map(|(_, b)| (b, vote(said, &by_value, b)))
        .filter(|(_, truth)| *truth != plain_start)
        .collect();
    let family_start = (!families.is_empty())
        .then(|| vote_families(said, &by_value, &families))
        .filter(|truth| *truth != plain_start);
    // Where values of a class are one ([`Said::classed`]), what a plain vote of the figures as
    // given reads, by class: the estimate counts voices by figure.
    let by_figure = (!said.classes.is_empty()).then(|| {
        let plain = vote_weighted(said, &by_value, |_| 1u64, false);
        plain.into_iter().map(|x| if x == u32::MAX { x } else { said.class(x) }).collect::<Vec<_>>()
    });
    // The plain start may then read the truth by class otherwise than the figures' vote, as
    // a block's start would, and the block's one figure still outvote the class's figures in
    // the estimate ([`reads_otherwise`]): the plain reading with copiers is read, its blocks
    // every block.
    let by_class_otherwise = by_figure.as_ref().is_some_and(|f| *f != plain_start);
    if starts.is_empty() && family_start.is_none() && !by_class_otherwise {
        return Vec::new();
    }
    let (n_false, n_shown) = said.false_values();
    let (candidates, agreeing): (Vec<(u32, u32)>, Vec<u32>) = candidates.into_iter().unzip();
    let pairs = Pairs::of(by_voice, &candidates, &agreeing, LISTED_PER_CLAIM * said.rows.len());
    // What the claims say when no voice copies: the bar every reading with copiers clears.
    let independent =
        reading(said, &pairs, &n_false, &[], plain_start.clone(), &[], Judged::Independent);
    // The plain start read with copiers: a clique copying (nearly) every figure of a poor
    // source is found from the vote itself, its copies explaining the honest voices'
    // agreement on the truth better than a shared error of theirs would (see
    // [`MIN_FALSE_VALUES`]); a block's reading then often ends where it does. Its block is
    // the block starts: a copier and its original in one of them. What it reads of other
    // voices is the other passes' to judge.
    let in_blocks: Vec<&[u32]> = if by_class_otherwise {
        blocks.iter().map(|(_, b)| b.as_slice()).collect()
    } else {
        starts.iter().map(|(b, _)| b.as_slice()).collect()
    };
    let plain = reading(said, &pairs, &n_false, &in_blocks, plain_start, &[], Judged::Copying);
    // The readings from each block, its voices copying one another; and one where each
    // family may echo a hidden original ([`Hidden`]), every family counted as one voice at
    // the start, when that start reads some value otherwise than the plain one.
    let echoing = family_start
        .map(|truth| {
            let mut all: Vec<u32> = families.iter().flatten().copied().collect();
            all.sort_unstable();
            reading(said, &pairs, &n_false, &[&all], truth, &families, Judged::Copying)
        })
        .filter(|r| copies_answer_on_their_own(said, by_voice, &n_shown, r));
    let readings = starts
        .into_iter()
        .map(|(block, truth)| {
            reading(said, &pairs, &n_false, &[block], truth, &[], Judged::Copying)
        })
        .chain(echoing)
        .chain(std::iter::once(plain));
    // The likeliest reading, the earlier on a tie: the blocks' (largest first), the
    // families', then the plain start's. Readings that end with the same copiers then lend it
    // their blocks, so each reading's copiers and blocks are kept beside it (see
    // [`Reading::lend_blocks`]).
    let mut ends: Vec<Ending> = Vec::new();
    let best = readings.fold(None, |best: Option<Reading>, r| {
        ends.push((r.originals(), r.blocks.clone()));
        match best {
            Some(b) if b.log_likelihood >= r.log_likelihood => Some(b),
            _ => Some(r),
        }
    });
    // Only what the likeliest reading says beyond the independent one: its copiers within
    // its blocks, when it reads some value otherwise. Pairs outside them are the other
    // passes' to judge, with their own evidence.
    match best {
        Some(mut b)
            if b.log_likelihood - independent.log_likelihood > -CHANCE_LEVEL.ln()
                && reads_otherwise(said, &b.truth, &independent.truth, by_figure.as_deref()) =>
        {
            b.lend_blocks(ends);
            echoes_of(said, by_voice, &n_false, &b)
        }
        _ => Vec::new(),
    }
}

/// Whether a reading's values `truth` differ from what the claims say without copiers: from
/// the `independent` reading's, or, where values of a class are one ([`Said::classed`]), from
/// `by_figure`, the classes of the values a plain vote of the figures as given reads. The
/// estimate counts voices by figure, not by class: where a block's one figure outvotes
/// independent voices' close but different figures, read by class the truth may be theirs
/// without copiers (the class's voices outnumber the block, or tie with it and come first in
/// order), and the block would still win the estimate.
///
/// Where values of a class are one, a subject counts only where the class read as true holds
/// at least [`CLASS_CONSENSUS`] different values (figures as given): two close figures
/// against a block that gives one figure to the digit are not enough to read the block as
/// copies, nor are they with a third voice giving one of the two to the digit (a mirror of a
/// blog is a copy, the very thing the pass reads, not a third count).
fn reads_otherwise(
    said: &Said,
    truth: &[u32],
    independent: &[u32],
    by_figure: Option<&[u32]>,
) -> bool {
    let Some(by_figure) = by_figure else { return truth != independent };
    let mut values: Vec<u32> = Vec::new();
    (0..truth.len()).any(|s| {
        let t = truth[s];
        if t == independent[s] && t == by_figure[s] {
            return false;
        }
        values.clear();
        values.extend(said.rows_of(s).iter().map(|r| r.1).filter(|&x| said.class(x) == t));
        values.sort_unstable();
        values.dedup();
        values.len() >= CLASS_CONSENSUS
    })
}

/// The fewest different values (figures as given, each by one voice or more) the class a
/// reading with classes reads as true must hold, on a subject where it reads otherwise than
/// the claims do without copiers ([`reads_otherwise`]).
/// Two outlets near each other (200 and 203) against six giving 100 to the digit on thirty
/// subjects read the six as copies of one figure and 200 as the truth (a judgement probe:
/// six wires quoting one official toll lost to two blogs); three independent counts that
/// meet are a consensus, two may be one figure and a slip. **Chosen after that probe, before
/// any measurement** (BENCHMARKS.md, "Close figures agree on the truth").
const CLASS_CONSENSUS: usize = 3;

/// Whether a reading judges who copies whom, or reads every voice as independent (the bar
/// the others must clear).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judged {
    Copying,
    Independent,
}

/// Whether, in a reading with hidden originals, every family's copies answer on their own
/// when they do not copy: where a copy gives another value than the rest of its family, it
/// gives the value read as true at least [`OWN_ANSWERS`] times as often as a voice picking
/// among the subject's other values by chance would (`1 / n` for the `n` false values the
/// subject's claims show, [`Said::shown_false_values`], as when [`OWN_ANSWERS`] was chosen: not the
/// floor of [`false_values`], which would make chance smaller and the test weaker), counted
/// over a family's departures once it has [`MIN_SHARED`]; a family departing less passes.
///
/// The hidden original makes a family's agreement nearly free, whatever the truth, so any
/// family that agrees can be read as copies and the truth handed to the voices outside it. A
/// family of accurate honest sources beside poorer ones sharing a misconception was read so
/// (a review's tables: 60 of 200 labels right where a vote and the plain reading get 200):
/// their departures are their errors, spread over the wrong values, and the "truth" they
/// hit is no likelier than any of them. A copying site's own stories are its own reporting,
/// as likely right as the site is: a copying clique's departures find the truth.
fn copies_answer_on_their_own(
    said: &Said,
    by_voice: &[Vec<(u32, u32)>],
    n_shown: &[f64],
    r: &Reading,
) -> bool {
    let Some(hidden) = &r.hidden else { return true };
    // Per family: departures, those giving the truth, and the chance of that.
    let mut own = vec![(0u32, 0u32, 0.0f64); hidden.families];
    for (v, rows) in by_voice.iter().enumerate() {
        let Some(f) = hidden_family(&r.copies, said.voices, v) else { continue };
        for &(s, x) in rows {
            let s = s as usize;
            match hidden.value_without(said, f, s, index(v), x) {
                Some(h) if h != x => {
                    let (departed, right, chance) = &mut own[f];
                    *departed += 1;
                    *right += u32::from(said.class(x) == r.truth[s]);
                    *chance += 1.0 / n_shown[s];
                }
                _ => {}
            }
        }
    }
    own.iter().all(|&(departed, right, chance)| {
        departed < MIN_SHARED || f64::from(right) >= OWN_ANSWERS * chance
    })
}

/// How many times likelier than chance a family's copies must give the value read as true
/// when they depart from their family (see [`copies_answer_on_their_own`]): at least as
/// often. Chosen on the review's tables and the thin cliques (`examples/copying -- --thin`,
/// and `tests/reconcile_copying.rs`' seeds 1 to 4): honest families read as copies gave it
/// 0.28 to 0.62 times as often as chance, copying families 1.56 to 1.64 (labels, few false
/// values a subject) and 2.2 to 9.5 (counts).
const OWN_ANSWERS: f64 = 1.0;

/// The copiers a reading finds, each with its evidence: the copies of each family's hidden
/// original, each one voice with the copy closest to it (the one giving its value most often,
/// ties to the first), and the copiers of a voice inside the block counted as one at the
/// start (or inside a family) of a voice inside it.
fn echoes_of(said: &Said, by_voice: &[Vec<(u32, u32)>], n_false: &[f64], b: &Reading) -> Vec<Echo> {
    let family_of = |v: usize| hidden_family(&b.copies, said.voices, v);
    let families = b.hidden.as_ref().map_or(0, |h| h.families);
    let mut sizes = vec![0usize; families];
    let mut closest: Vec<Option<(usize, usize)>> = vec![None; families];
    // Each copy of a hidden original's evidence, once.
    let evidence_of: Vec<Option<(usize, usize, f64)>> = (0..said.voices)
        .map(|v| {
            let (f, hidden) = (family_of(v)?, b.hidden.as_ref()?);
            let e = hidden_evidence(said, by_voice, n_false, &b.accuracy, hidden, v, f);
            sizes[f] += 1;
            if closest[f].is_none_or(|(most, _)| e.1 > most) {
                closest[f] = Some((e.1, v));
            }
            Some(e)
        })
        .collect();
    let in_one = |blocks: &[Vec<u32>], v: u32, o: u32| {
        blocks.iter().any(|bl| bl.binary_search(&v).is_ok() && bl.binary_search(&o).is_ok())
    };
    let in_any = |v: u32| b.blocks.iter().any(|bl| bl.binary_search(&v).is_ok());
    let in_one_block =
        |v: u32, o: u32| in_one(&b.blocks, v, o) || (in_any(o) && in_one(&b.lent, v, o));
    b.copies[..said.voices]
        .iter()
        .enumerate()
        .filter_map(|(v, c)| {
            let c = c.as_ref()?;
            if let Some(f) = family_of(v) {
                let original = closest[f].map(|(_, o)| o).filter(|&o| o != v)?;
                let (shared, same, expected) = evidence_of[v]?;
                let block = sizes[f];
                return Some(Echo {
                    copier: v,
                    original,
                    rate: c.rate,
                    shared,
                    same,
                    expected,
                    block,
                });
            }
            // Pairs are the blocks' readings' to judge: a family, grown without the truth,
            // holds honest voices whose pairs may agree on a few subjects by chance (a
            // review: two accurate sources joined on "5 of 5 shared, expected 3").
            if b.hidden.is_some() || !in_one_block(index(v), c.original) {
                return None;
            }
            let (original, copier) = (c.original as usize, v);
            let (shared, same, expected) =
                evidence(by_voice, n_false, &b.accuracy, copier, original);
            Some(Echo { copier, original, rate: c.rate, shared, same, expected, block: 0 })
        })
        .collect()
}

/// Per pair of voices that give the same value on at least [`MIN_SHARED`] subjects (every
/// pass that reads these counts asks that much): subjects shared, and those with the same
/// value, in pair order (lower voice first).
///
/// A pair of voices sharing a subject is held only while it is counted; what is returned
/// holds the pairs kept, 16 bytes each.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Agreements {
    /// `((a, b), (shared, same))`, `a < b`, sorted by pair.
    pairs: Vec<((u32, u32), (u32, u32))>,
}

impl Agreements {
    /// The counts of pair `(a, b)` (lower first), if it is held. O(log pairs).
    pub fn get(&self, pair: (u32, u32)) -> Option<(u32, u32)> {
        let at = self.pairs.binary_search_by_key(&pair, |&(p, _)| p).ok()?;
        Some(self.pairs[at].1)
    }

    /// Each pair held with its counts, in pair order.
    pub fn iter(&self) -> impl Iterator<Item = ((u32, u32), (u32, u32))> + '_ {
        self.pairs.iter().copied()
    }

    /// The pairs of a map, sorted.
    #[cfg(test)]
    fn of_map(map: HashMap<(u32, u32), (u32, u32), FixedState>) -> Self {
        let mut pairs: Vec<((u32, u32), (u32, u32))> = map.into_iter().collect();
        pairs.sort_unstable_by_key(|&(p, _)| p);
        Agreements { pairs }
    }
}

/// The counts of [`Agreements`], over `said`: per pair of voices sharing a subject, the
/// subjects shared and those with the same value. Three ways, each exact, the cheapest for the
/// table: pair by pair on each subject, O(Σ m²) for `m` voices a subject, into a dense
/// triangle (up to [`DENSE_PAIRS`] pairs of voices) or one row of counts per voice beyond
/// ([`agreements_by_rows`]); or from bit sets ([`agreements_by_bits`]), O(p · S / 64) for `p`
/// pairs of voices and `S` subjects, where they fit ([`MAX_BIT_WORDS`]). The costs compare in
/// the units [`COST_OF_A_WORD`], [`COST_IN_THE_TRIANGLE`] and [`COST_IN_A_ROW`] give: choosing
/// by the number of steps alone took a map of every pair on 8,000 voices over 250 subjects,
/// where a count missed the cache and the bits were 7 times faster (BENCHMARKS.md).
/// `by_value` is [`Said::by_value`].
pub(crate) fn agreements(said: &Said, by_value: &[(u32, u32)]) -> Agreements {
    // No pair can give the same value on more subjects than there are.
    if said.ends.len() < MIN_SHARED as usize {
        return Agreements::default();
    }
    let (way, _) = cheapest(said.voices, said.subjects().map(<[_]>::len));
    match way {
        Way::Bits => agreements_by_bits(said, by_value, said.ends.len().div_ceil(64), DENSE_PAIRS),
        Way::Triangle => agreements_in_triangle(said),
        Way::Rows => agreements_by_rows(said),
    }
}

/// A way [`agreements`] counts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Way {
    Bits,
    Triangle,
    Rows,
}

/// The cheapest way [`agreements`] can count over `voices` voices and subjects of `sizes`
/// voices each, and its cost in the units of [`COST_OF_A_WORD`].
fn cheapest(voices: usize, sizes: impl Iterator<Item = usize>) -> (Way, usize) {
    let (mut subjects, mut by_pairs) = (0usize, 0usize);
    for m in sizes {
        subjects += 1;
        by_pairs = by_pairs.saturating_add(m * m.saturating_sub(1) / 2);
    }
    let pairs = voices.saturating_mul(voices.saturating_sub(1)) / 2;
    let words = subjects.div_ceil(64);
    let by_bits = pairs.saturating_mul(words.saturating_add(1)).saturating_mul(COST_OF_A_WORD);
    let (way, per_pair) = if pairs <= DENSE_PAIRS {
        (Way::Triangle, COST_IN_THE_TRIANGLE)
    } else {
        (Way::Rows, COST_IN_A_ROW)
    };
    let by_pairs = by_pairs.saturating_mul(per_pair);
    if by_bits <= by_pairs && voices.saturating_mul(words) <= MAX_BIT_WORDS {
        (Way::Bits, by_bits)
    } else {
        (way, by_pairs)
    }
}

/// What [`agreements`] would cost over `voices` voices and subjects of `sizes` voices each,
/// in the units of [`COST_OF_A_WORD`]: for a pass that needs the counts of some pairs only,
/// to choose between it and walking those pairs' subjects ([`COST_OF_A_STEP`] a subject).
pub(crate) fn counting_cost(voices: usize, sizes: impl Iterator<Item = usize>) -> usize {
    cheapest(voices, sizes).1
}

/// What walking one subject of one voice costs beside another voice's, in the units of
/// [`COST_OF_A_WORD`] (a comparison of two subjects and of two values).
pub(crate) const COST_OF_A_STEP: usize = 4;

/// [`agreements`] pair by pair on each subject into a dense triangle of every pair of voices.
fn agreements_in_triangle(said: &Said) -> Agreements {
    let v = said.voices;
    let at = |a: usize, b: usize| a * v - a * (a + 1) / 2 + (b - a - 1);
    let mut triangle = vec![(0u32, 0u32); v * v.saturating_sub(1) / 2];
    for rows in said.subjects() {
        for (i, &(a, x)) in rows.iter().enumerate() {
            for &(b, y) in &rows[i + 1..] {
                let e = &mut triangle[at(a as usize, b as usize)];
                e.0 += 1;
                e.1 += u32::from(x == y);
            }
        }
    }
    let mut kept = Vec::new();
    for a in 0..v {
        for b in a + 1..v {
            let e = triangle[at(a, b)];
            if e.1 >= MIN_SHARED {
                kept.push(((a as u32, b as u32), e));
            }
        }
    }
    Agreements { pairs: kept }
}

/// [`agreements`] voice by voice: each voice's pairs with the later voices of its subjects,
/// counted in one row of counts per voice (reset for the next), so no pair that shares a
/// subject is held past its voice's turn.
fn agreements_by_rows(said: &Said) -> Agreements {
    let by_voice = by_voice(said);
    let mut row = vec![(0u32, 0u32); said.voices];
    let mut touched: Vec<u32> = Vec::new();
    let mut kept = Vec::new();
    for (a, subjects) in by_voice.iter().enumerate() {
        let a = index(a);
        for &(s, x) in subjects {
            let rows = said.rows_of(s as usize);
            let later = rows.partition_point(|&(b, _)| b <= a);
            for &(b, y) in &rows[later..] {
                let e = &mut row[b as usize];
                if e.0 == 0 {
                    touched.push(b);
                }
                e.0 += 1;
                e.1 += u32::from(x == y);
            }
        }
        touched.sort_unstable();
        for b in touched.drain(..) {
            let e = std::mem::take(&mut row[b as usize]);
            if e.1 >= MIN_SHARED {
                kept.push(((a, b), e));
            }
        }
    }
    Agreements { pairs: kept }
}

/// What [`agreements`] counts one 64-bit word of two voices' bit sets as (an AND and a count of
/// ones, in order through memory).
const COST_OF_A_WORD: usize = 1;

/// What [`agreements`] counts one pair on one subject as in the dense triangle (one add at a
/// place in an array of up to 8 MiB).
const COST_IN_THE_TRIANGLE: usize = 4;

/// What [`agreements`] counts one pair on one subject as in a voice's row of counts (an add
/// in an array of one count per voice, and the pair's place in the list of those touched).
const COST_IN_A_ROW: usize = 8;

/// The most 64-bit words [`agreements_by_bits`] holds in each of its two sets (64 MiB).
const MAX_BIT_WORDS: usize = 1 << 23;

/// [`agreements`] where many voices speak on each subject: per voice, a bit per subject for
/// "spoke here" and one for "gave the subject's most given value"; a pair's shared subjects
/// are the bits its two first sets have in common, its agreements those of its second sets
/// plus the pairs giving one of the other values, counted one by one (few, where most voices
/// agree): in a dense triangle of every pair when there are at most `dense_up_to` pairs
/// ([`DENSE_PAIRS`], 4 MiB of counts), else listed, sorted and read in pair order beside the
/// walk over pairs. O(p · S / 64 + n + Σ k²) for `p` pairs of voices, `S` subjects (`words`
/// of 64) and `k` voices giving one value other than the most given (a log factor on the
/// last term when listed).
fn agreements_by_bits(
    said: &Said,
    by_value: &[(u32, u32)],
    words: usize,
    dense_up_to: usize,
) -> Agreements {
    let v = said.voices;
    let mut spoke = vec![0u64; v * words];
    let mut most = vec![0u64; v * words];
    // Per pair, the subjects where the two give one of the other values: counted in a dense
    // triangle when every pair fits one (`dense_up_to` pairs: [`DENSE_PAIRS`]), else listed
    // once per subject, lower voice first, and counted after.
    let pairs = v * v.saturating_sub(1) / 2;
    let at = |a: usize, b: usize| a * v - a * (a + 1) / 2 + (b - a - 1);
    let mut triangle = vec![0u32; if pairs <= dense_up_to { pairs } else { 0 }];
    let mut others: Vec<(u32, u32)> = Vec::new();
    let mut from = 0;
    for (s, &end) in said.ends.iter().enumerate() {
        let (word, bit) = (s / 64, 1u64 << (s % 64));
        let rows = &by_value[from..end as usize];
        from = end as usize;
        let runs: Vec<&[(u32, u32)]> = rows.chunk_by(|a, b| a.0 == b.0).collect();
        // The most given value (the first in value order among equals): its givers by bits.
        let top = runs
            .iter()
            .enumerate()
            .fold(0, |best, (i, r)| if r.len() > runs[best].len() { i } else { best });
        for (i, run) in runs.iter().enumerate() {
            for (j, &(_, a)) in run.iter().enumerate() {
                spoke[a as usize * words + word] |= bit;
                if i == top {
                    most[a as usize * words + word] |= bit;
                } else if triangle.is_empty() {
                    others.extend(run[j + 1..].iter().map(|&(_, b)| (a.min(b), a.max(b))));
                } else {
                    for &(_, b) in &run[j + 1..] {
                        triangle[at(a.min(b) as usize, a.max(b) as usize)] += 1;
                    }
                }
            }
        }
    }
    others.sort_unstable();
    let mut others =
        others.chunk_by(|x, y| x == y).map(|run| (run[0], index(run.len()))).peekable();
    let common = |sets: &[u64], a: usize, b: usize| -> u32 {
        let (x, y) = (&sets[a * words..(a + 1) * words], &sets[b * words..(b + 1) * words]);
        x.iter().zip(y).map(|(p, q)| (p & q).count_ones()).sum()
    };
    let mut kept = Vec::new();
    for a in 0..v {
        for b in a + 1..v {
            let pair = (a as u32, b as u32);
            let other = match others.peek() {
                _ if !triangle.is_empty() => triangle[at(a, b)],
                Some(&(p, n)) if p == pair => {
                    others.next();
                    n
                }
                _ => 0,
            };
            let same = common(&most, a, b) + other;
            if same >= MIN_SHARED {
                kept.push((pair, (common(&spoke, a, b), same)));
            }
        }
    }
    Agreements { pairs: kept }
}

/// Pairs of voices counted in a dense triangle rather than a map or a list: 2^20 (8 MiB of
/// pairs of counts in [`agreements_in_triangle`], 4 MiB of counts in [`agreements_by_bits`]).
const DENSE_PAIRS: usize = 1 << 20;

/// The block starts: per voice, it and the voices agreeing with it on at least
/// [`MIN_COPY_RATE`] of their shared subjects, when that makes at least three voices (a
/// pair is judged by the other passes), each block once, the [`MAX_STARTS`] largest (ties
/// by members).
/// Each block with its first member, the voice the others agree with.
fn blocks(agree: &Agreements, voices: usize) -> Vec<(u32, Vec<u32>)> {
    let mut close: Vec<Vec<u32>> = (0..voices as u32).map(|v| vec![v]).collect();
    for ((a, b), counts) in agree.iter() {
        if is_close(counts) {
            close[a as usize].push(b);
            close[b as usize].push(a);
        }
    }
    let mut blocks: Vec<(u32, Vec<u32>)> = close
        .into_iter()
        .enumerate()
        .filter(|(_, b)| b.len() >= 3)
        .map(|(first, mut b)| {
            b.sort_unstable();
            (index(first), b)
        })
        .collect();
    largest_first(&mut blocks);
    blocks
}

/// Sorts blocks largest first (ties by members, then by first member), and keeps each set of
/// members once (with its lowest first member).
fn largest_first(blocks: &mut Vec<(u32, Vec<u32>)>) {
    blocks.sort_unstable_by(|(fa, a), (fb, b)| {
        b.len().cmp(&a.len()).then_with(|| a.cmp(b)).then(fa.cmp(fb))
    });
    blocks.dedup_by(|later, kept| later.1 == kept.1);
}

/// Whether two voices giving the same value on `same` of their `shared` subjects agree enough
/// to be judged for copying.
fn is_candidate((shared, same): (u32, u32)) -> bool {
    same >= MIN_SHARED && f64::from(same) >= CANDIDATE_AGREEMENT * f64::from(shared)
}

/// Whether two voices giving the same value on `same` of their `shared` subjects agree enough
/// to stand in one block.
fn is_close((shared, same): (u32, u32)) -> bool {
    same >= MIN_SHARED && f64::from(same) >= MIN_COPY_RATE * f64::from(shared)
}

/// A pair of voices judged for copying, lower first, with the subjects where it gives one
/// value.
type Candidate = ((u32, u32), u32);

/// Over every subject, not the drawn voices only: `first` and the voices agreeing with it
/// enough to stand in a block with it ([`is_close`]), sorted, and the candidate pairs it
/// makes ([`is_candidate`]), sorted, each with the subjects where it gives one value. O(Σ m)
/// over the subjects `first` speaks on.
fn around(said: &Said, by_voice: &[Vec<(u32, u32)>], first: u32) -> (Vec<u32>, Vec<Candidate>) {
    let mut counts: HashMap<u32, (u32, u32), FixedState> = HashMap::default();
    for &(s, x) in &by_voice[first as usize] {
        for &(w, y) in said.rows_of(s as usize) {
            if w != first {
                let e = counts.entry(w).or_default();
                e.0 += 1;
                e.1 += u32::from(x == y);
            }
        }
    }
    let (mut members, mut pairs) = (vec![first], Vec::new());
    for (w, c) in counts {
        if is_close(c) {
            members.push(w);
        }
        if is_candidate(c) {
            pairs.push(((first.min(w), first.max(w)), c.1));
        }
    }
    members.sort_unstable();
    pairs.sort_unstable();
    (members, pairs)
}

/// splitmix64's finaliser: a well-mixed 64-bit number from any.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A voice's place in the draw of [`Said::counted`], from its name: FNV-1a over the bytes,
/// then [`mix`]. Fixed, so the draw is the same on every run and machine.
pub(crate) fn draw_of(name: &str) -> u64 {
    let fnv = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    mix(fnv)
}

/// Per voice, its `(subject, value)` in subject order.
fn by_voice(said: &Said) -> Vec<Vec<(u32, u32)>> {
    let mut by: Vec<Vec<(u32, u32)>> = vec![Vec::new(); said.voices];
    for (s, rows) in said.subjects().enumerate() {
        for &(v, x) in rows {
            by[v as usize].push((s as u32, x));
        }
    }
    by
}

/// The candidate pairs every reading judges, with what [`copiers`] reads of each pair that no
/// reading changes: the subjects where the two give different values, and those where they
/// give the same value, with it. Listed once for all the readings' rounds when the lists hold
/// at most [`LISTED_PER_CLAIM`] entries a claim; else the two voices' lists are walked each
/// round, as they are to make the lists (O(s) a pair for `s` subjects a voice, where the
/// lists cost O(same)). Either way each pair's subjects are visited in subject order, so the
/// readings are the same.
struct Pairs<'a> {
    candidates: &'a [(u32, u32)],
    by_voice: &'a [Vec<(u32, u32)>],
    /// Per pair, how many subjects the two give different values on; empty when not listed.
    differ: Vec<u32>,
    /// Per pair, its `(subject, value)` of the same value in `same[ends[i]..ends[i + 1]]`.
    ends: Vec<usize>,
    same: Vec<(u32, u32)>,
}

/// The most agreements [`Pairs`] lists, per claim of the subjects judged: 8 bytes each, so at
/// most 64 bytes a claim (and 12 a candidate pair) while the block pass reads.
const LISTED_PER_CLAIM: usize = 8;

impl<'a> Pairs<'a> {
    /// The pairs of `candidates`, each giving one value on as many subjects as `agreeing`
    /// says: listed if those number at most `budget` in all (see [`Pairs`]), decided before
    /// anything is listed.
    fn of(
        by_voice: &'a [Vec<(u32, u32)>],
        candidates: &'a [(u32, u32)],
        agreeing: &[u32],
        budget: usize,
    ) -> Self {
        let mut pairs =
            Pairs { candidates, by_voice, differ: Vec::new(), ends: Vec::new(), same: Vec::new() };
        let total: usize = agreeing.iter().map(|&n| n as usize).sum();
        if total > budget {
            return pairs;
        }
        let mut differ = Vec::with_capacity(candidates.len());
        let mut ends = Vec::with_capacity(candidates.len() + 1);
        let mut same = Vec::with_capacity(total);
        ends.push(0);
        for &(a, b) in candidates {
            let mut d = 0u32;
            walk(&by_voice[a as usize], &by_voice[b as usize], |s, xa, xb| {
                if xa == xb {
                    same.push((s, xa));
                } else {
                    d += 1;
                }
            });
            differ.push(d);
            ends.push(same.len());
        }
        debug_assert_eq!(same.len(), total, "the agreements counted are those listed");
        (pairs.differ, pairs.ends, pairs.same) = (differ, ends, same);
        pairs
    }

    /// Calls `same(subject, value)` for each subject where pair `i` gives one value, in
    /// subject order; returns the subjects where it differs.
    fn visit(&self, i: usize, mut same: impl FnMut(u32, u32)) -> u32 {
        if let Some(&d) = self.differ.get(i) {
            for &(s, x) in &self.same[self.ends[i]..self.ends[i + 1]] {
                same(s, x);
            }
            return d;
        }
        let (a, b) = self.candidates[i];
        let mut d = 0u32;
        walk(&self.by_voice[a as usize], &self.by_voice[b as usize], |s, xa, xb| {
            if xa == xb {
                same(s, xa);
            } else {
                d += 1;
            }
        });
        d
    }
}

/// One reading of the claims: its copiers and how well it explains them.
struct Reading {
    /// The blocks whose copiers the reading finds, each sorted: a copier and its original in
    /// one of them. The voices counted as one at a block's start; for the plain start, every
    /// block start; none for the independent reading; every family's voices, as one, for the
    /// reading with hidden originals.
    blocks: Vec<Vec<u32>>,
    /// The blocks of the readings that end with the same copiers as this one, the likeliest
    /// ([`Reading::lend_blocks`]); empty for the others. A copier is found inside one of them
    /// when its original is inside one of `blocks`.
    lent: Vec<Vec<u32>>,
    truth: Vec<u32>,
    /// Per voice, then per family its hidden original's (see [`Hidden`]).
    accuracy: Vec<f64>,
    /// Per voice, then per family its hidden original, which copies none.
    copies: Vec<Option<Copying>>,
    /// The families' hidden originals and the voices read as their copies; `None` but for
    /// the reading with hidden originals.
    hidden: Option<Hidden>,
    /// The log-likelihood of the claims under the reading, plus the log prior odds of each
    /// copier.
    log_likelihood: f64,
}

/// How a reading ended, kept while the likeliest is sought: its copiers (each voice's
/// original, [`Reading::originals`]) and its blocks.
type Ending = (Vec<Option<u32>>, Vec<Vec<u32>>);

impl Reading {
    /// Each voice's original in this reading (hidden originals too), or `None`.
    fn originals(&self) -> Vec<Option<u32>> {
        self.copies.iter().map(|c| c.map(|c| c.original)).collect()
    }

    /// Lends this reading the blocks of every reading in `ends` that ends with the same
    /// copiers ([`Reading::lent`]), however much less likely: a copier whose original is in
    /// one of this reading's blocks is then found when the two are in one block of any of
    /// them.
    ///
    /// Readings from different starts often end alike, and the likeliest of them may differ
    /// from the rest on one subject's value alone, by a hundredth of a nat: its block then
    /// decided which of the copiers all of them read were found. On a clique of twelve
    /// rounding half of what it copies, the reading from the smallest block start (seven
    /// copiers) won by 0.016 nats over seven readings from larger starts with the same twelve
    /// copiers, and five copiers stayed voices of their own, outvoting the honest sources
    /// (`examples/copying -- --noise 0.5`, seed 2; BENCHMARKS.md, "Readings that end alike").
    /// The original must be in this reading's own blocks: with any pair of a lent block found,
    /// honest voices that a larger block start held, read as copying one another by every
    /// reading, were joined on two generated tables of a yes/no attribute copied alone, where
    /// no reading's own block held them. That bounds the harm, but does not rule it out: a
    /// block start holds every voice agreeing with its first on 70 % of their subjects, honest
    /// ones too, and where the winning block holds an accurate honest source that every
    /// reading reads as the original of another, the pair is now found (a review: 3 of 300
    /// generated tables, with 2, 3 and 9 fewer facts right; BENCHMARKS.md).
    fn lend_blocks(&mut self, ends: Vec<Ending>) {
        let own = self.originals();
        for (originals, blocks) in ends {
            if originals == own {
                self.lent.extend(blocks);
            }
        }
    }
}

/// A copier's original and rate within one reading.
#[derive(Debug, Clone, Copy)]
struct Copying {
    original: u32,
    rate: f64,
}

/// The family whose hidden original voice `v` copies in `copies` (hidden originals are
/// numbered from `voices` on), if it copies one.
fn hidden_family(copies: &[Option<Copying>], voices: usize, v: usize) -> Option<usize> {
    copies[v].and_then(|c| (c.original as usize).checked_sub(voices))
}

/// The reading found from a start which read the values `truth` (its [`vote`]), whose copiers
/// are read within `blocks` (see [`Reading::blocks`]). With `families`, each family also has
/// a hidden original ([`Hidden`]), first with the whole family as its copies.
fn reading(
    said: &Said,
    pairs: &Pairs<'_>,
    n_false: &[f64],
    blocks: &[&[u32]],
    mut truth: Vec<u32>,
    families: &[Vec<u32>],
    copying: Judged,
) -> Reading {
    let mut hidden = (!families.is_empty()).then(|| Hidden::of_families(said, families));
    let originals = families.len();
    let mut copies: Vec<Option<Copying>> = vec![None; said.voices + originals];
    let mut accuracy = accuracies(said, &truth, hidden.as_ref());
    let mut log_likelihood = f64::NEG_INFINITY;
    for _ in 0..ROUNDS {
        if copying == Judged::Copying {
            copies = copiers(said, pairs, n_false, &truth, &accuracy, hidden.as_ref());
        }
        // A hidden original's value is that of the voices now read as its copies.
        let same_members = match &mut hidden {
            Some(h) => {
                let member: Vec<bool> = (0..said.voices)
                    .map(|v| hidden_family(&copies, said.voices, v).is_some())
                    .collect();
                let same = member == h.member;
                if !same {
                    h.read_members(said, member);
                }
                same
            }
            None => true,
        };
        let (next, ll) = best_values(said, n_false, &accuracy, &copies, hidden.as_ref());
        log_likelihood = ll;
        if next == truth && same_members {
            break;
        }
        truth = next;
        accuracy = accuracies(said, &truth, hidden.as_ref());
    }
    let edges = copies.iter().filter(|c| c.is_some()).count();
    log_likelihood += edges as f64 * prior_log_odds();
    let blocks = blocks.iter().map(|b| b.to_vec()).collect();
    Reading { blocks, lent: Vec::new(), truth, accuracy, copies, hidden, log_likelihood }
}

/// The families that may echo a hidden original ([`Hidden`]): from each block in turn,
/// largest first, while its first member is in no family yet, the block grown truth-free
/// among the voices no family holds ([`grow`]), when that makes three voices or more;
/// [`MAX_STARTS`] families at most, from twice as many blocks at most.
fn families(
    said: &Said,
    by_voice: &[Vec<(u32, u32)>],
    blocks: &[(u32, Vec<u32>)],
) -> Vec<Vec<u32>> {
    let mut taken = vec![false; said.voices];
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut tried = 0;
    for (first, block) in blocks {
        if out.len() == MAX_STARTS || tried == 2 * MAX_STARTS {
            break;
        }
        if taken[*first as usize] {
            continue;
        }
        tried += 1;
        let free: Vec<u32> = block.iter().copied().filter(|&v| !taken[v as usize]).collect();
        let family = grow(said, by_voice, &free, &taken);
        if family.len() >= 3 {
            for &v in &family {
                taken[v as usize] = true;
            }
            out.push(family);
        }
    }
    out
}

/// `block` grown to the whole family that echoes one original: every voice not `taken` that
/// gives the value the others of the block give most on at least [`MIN_COPY_RATE`] of the
/// subjects where another of them spoke (and on at least [`MIN_SHARED`]), again until no
/// voice joins or leaves, [`ROUNDS`] times at most, or until fewer than three are left (no
/// family: honest voices agreeing with one accurate voice may agree with nothing else, and
/// rounds went from forty to one and back). No truth is read: a block made of pairs that
/// agree is a part of the family (the pairs of a family of 800 sites, each carrying 5 % of a
/// wire's stories, agree on three subjects or none), and a start counting only that part as
/// one still follows the rest. O(n) a round; sorted.
fn grow(said: &Said, by_voice: &[Vec<(u32, u32)>], block: &[u32], taken: &[bool]) -> Vec<u32> {
    let mut member = vec![false; said.voices];
    for &v in block {
        member[v as usize] = true;
    }
    for _ in 0..ROUNDS {
        let family: Vec<u32> = member.iter().map(|&m| if m { 0 } else { NO_FAMILY }).collect();
        let hidden = Hidden::of(said, family, 1, member.clone());
        let next: Vec<bool> = by_voice
            .iter()
            .enumerate()
            .map(|(v, rows)| {
                if taken[v] {
                    return false;
                }
                let (mut shared, mut same) = (0u32, 0u32);
                for &(s, x) in rows {
                    if let Some(h) = hidden.value_without(said, 0, s as usize, index(v), x) {
                        shared += 1;
                        same += u32::from(h == x);
                    }
                }
                is_close((shared, same))
            })
            .collect();
        // Fewer than three make no family (a voice alone agrees with no other of it).
        if next == member || next.iter().filter(|&&m| m).count() < 3 {
            member = next;
            break;
        }
        member = next;
    }
    (0..said.voices).filter(|&v| member[v]).map(index).collect()
}

/// A voice in no family.
const NO_FAMILY: u32 = u32::MAX;

/// The hidden originals of families of voices: the source a family echoes, which need not be
/// among the voices (a wire whose stories many sites carry, each only some of them). Pairs of
/// its copies may share too few subjects to tell copying from chance (600 sites each carrying
/// 5 % of the stories share about three), but each copy shares many with the rest of its
/// family. Each is read as one more voice, numbered after the others in family order, whose
/// value on a subject is the value most of its copies give there; whether a voice is a copy
/// is judged against the value its family's *other* copies give ([`Hidden::value_without`]),
/// never its own.
///
/// Only the voices of a family found truth-free ([`families`]) may copy its hidden original,
/// and every family is one voice at the start. With any voice allowed, or one family alone,
/// the reading that explained the claims best made the *largest* agreeing family the copies,
/// the honest voices where they are the most: their agreement "explained", the truth was
/// left to a copying clique (measured: 527 of 1,200 right where a vote is right on 1,191).
struct Hidden {
    /// Per voice, its family, or [`NO_FAMILY`].
    family: Vec<u32>,
    families: usize,
    /// Per voice, whether it is read as a copy of its family's hidden original.
    member: Vec<bool>,
    /// Per subject, in `top[ends[s - 1]..ends[s]]`, each family one of whose copies spoke
    /// there, with the two values its copies give most, each with how many give it (ties to
    /// the value first in order; a count of 0 where one value is given).
    top: Vec<(u32, [(u32, u32); 2])>,
    ends: Vec<u32>,
}

impl Hidden {
    /// `families`' hidden originals, each family whole as its copies.
    fn of_families(said: &Said, families: &[Vec<u32>]) -> Self {
        let mut family = vec![NO_FAMILY; said.voices];
        for (f, voices) in families.iter().enumerate() {
            for &v in voices {
                family[v as usize] = index(f);
            }
        }
        let member = family.iter().map(|&f| f != NO_FAMILY).collect();
        Hidden::of(said, family, families.len(), member)
    }

    fn of(said: &Said, family: Vec<u32>, families: usize, member: Vec<bool>) -> Self {
        let mut hidden =
            Hidden { family, families, member: Vec::new(), top: Vec::new(), ends: Vec::new() };
        hidden.read_members(said, member);
        hidden
    }

    /// The values of the hidden originals when `member` are their copies.
    fn read_members(&mut self, said: &Said, member: Vec<bool>) {
        let (mut top, mut ends) = (std::mem::take(&mut self.top), std::mem::take(&mut self.ends));
        top.clear();
        ends.clear();
        let mut values: Vec<(u32, u32)> = Vec::new();
        for rows in said.subjects() {
            values.clear();
            values.extend(
                rows.iter()
                    .filter(|r| member[r.0 as usize])
                    .map(|r| (self.family[r.0 as usize], r.1)),
            );
            values.sort_unstable();
            for runs in values.chunk_by(|a, b| a.0 == b.0) {
                let mut best = [(u32::MAX, 0u32); 2];
                for run in runs.chunk_by(|a, b| a == b) {
                    let entry = (run[0].1, index(run.len()));
                    if outranks(said, entry, best[0]) {
                        best = [entry, best[0]];
                    } else if outranks(said, entry, best[1]) {
                        best[1] = entry;
                    }
                }
                top.push((runs[0].0, best));
            }
            ends.push(index(top.len()));
        }
        (self.top, self.ends, self.member) = (top, ends, member);
    }

    /// The two values family `f`'s copies give most on subject `s`, if one speaks there.
    fn top_of(&self, f: usize, s: usize) -> Option<[(u32, u32); 2]> {
        let from = if s == 0 { 0 } else { self.ends[s - 1] as usize };
        let here = &self.top[from..self.ends[s] as usize];
        here.iter().find(|t| t.0 as usize == f).map(|t| t.1)
    }

    /// Family `f`'s hidden original's value on subject `s`, if a copy speaks there.
    fn value(&self, f: usize, s: usize) -> Option<u32> {
        self.top_of(f, s).map(|t| t[0].0)
    }

    /// The value family `f`'s copies other than voice `v` give most on subject `s`, where `v`
    /// gives `x`: `None` where no other copy speaks.
    fn value_without(&self, said: &Said, f: usize, s: usize, v: u32, x: u32) -> Option<u32> {
        let [(first, count), second] = self.top_of(f, s)?;
        let own = self.member[v as usize] && self.family[v as usize] as usize == f;
        if !own || x != first {
            return Some(first);
        }
        let rest = (first, count - 1);
        if outranks(said, second, rest) { Some(second.0) } else { (rest.1 > 0).then_some(first) }
    }
}

/// Whether `(value, count)` `a` beats `b`: a higher count, or the same and first in order.
fn outranks(said: &Said, a: (u32, u32), b: (u32, u32)) -> bool {
    a.1 > b.1 || (a.1 == b.1 && a.1 > 0 && said.rank(a.0) < said.rank(b.0))
}

/// The log prior odds of copying, per copier: Dong et al.'s prior chance of copying
/// ([`COPY_PRIOR`]).
fn prior_log_odds() -> f64 {
    let p = COPY_PRIOR;
    (p / (1.0 - p)).ln()
}

/// Per subject, the value given by the most voices, the voices of `block` counting as one
/// between them (ties to the value first in order). Counted exactly, in whole numbers: a voice
/// outside the block counts `|block|`, one inside it 1. `by_value` is [`Said::by_value`].
fn vote(said: &Said, by_value: &[(u32, u32)], block: &[u32]) -> Vec<u32> {
    let mut inside = vec![false; said.voices];
    for &v in block {
        inside[v as usize] = true;
    }
    let outside = block.len().max(1) as u64;
    vote_weighted(said, by_value, |v| if inside[v as usize] { 1 } else { outside }, true)
}

/// Per subject, the value given by the most voices, each family's voices counting as one
/// between them (each `1 / size`), others as one each; ties to the value first in order.
/// Counted exactly, in whole numbers (as [`vote`]: seven sevenths in floating point make less
/// than one), each voice as `L / size` of `L`, the sizes' least common multiple; in floating
/// point only were that past 2^90.
fn vote_families(said: &Said, by_value: &[(u32, u32)], families: &[Vec<u32>]) -> Vec<u32> {
    fn gcd(a: u128, b: u128) -> u128 {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    let lcm = families.iter().try_fold(1u128, |l, f| {
        let n = f.len().max(1) as u128;
        (l / gcd(l, n)).checked_mul(n).filter(|&m| m < 1 << 90)
    });
    if let Some(whole) = lcm {
        let weight = weights(said.voices, families, whole, |size| whole / size as u128);
        return vote_weighted(said, by_value, |v| weight[v as usize], true);
    }
    let weight = weights(said.voices, families, 1.0, |size| 1.0 / size as f64);
    vote_weighted(said, by_value, |v| weight[v as usize], true)
}

/// Each of `voices`' weight: `outside` out of every family, `inside(size)` in one.
fn weights<W: Copy>(
    voices: usize,
    families: &[Vec<u32>],
    outside: W,
    inside: impl Fn(usize) -> W,
) -> Vec<W> {
    let mut weight = vec![outside; voices];
    for family in families {
        for &v in family {
            weight[v as usize] = inside(family.len().max(1));
        }
    }
    weight
}

/// Per subject, the value whose voices weigh most (`weight` of a voice), ties to the value
/// first in order; `u32::MAX` for a subject no voice spoke on. With `by_class`, the values of
/// a class ([`Said::classed`]) are one, and the class is given; without, each value is its
/// own. Each subject's alone, so in parallel when the rows are many.
fn vote_weighted<W: Copy + PartialOrd + std::iter::Sum<W> + Send>(
    said: &Said,
    by_value: &[(u32, u32)],
    weight: impl Fn(u32) -> W + Sync,
    by_class: bool,
) -> Vec<u32> {
    let better = |a: (u32, W), b: (u32, W)| {
        let better = b.1 > a.1 || (b.1 == a.1 && said.rank(b.0) < said.rank(a.0));
        if better { b } else { a }
    };
    let best_of = |s: usize| {
        let runs = by_value[said.span(s)].chunk_by(|a, b| a.0 == b.0).map(|run| {
            let x = if by_class { said.class(run[0].0) } else { run[0].0 };
            (x, run.iter().map(|r| weight(r.1)).sum::<W>())
        });
        let best = if said.classes.is_empty() || !by_class {
            runs.reduce(better)
        } else {
            // Each class's values' weights summed: the values sit by id, not by class.
            let mut by_class: Vec<(u32, W)> = runs.collect();
            by_class.sort_by_key(|t| t.0);
            by_class
                .chunk_by(|a, b| a.0 == b.0)
                .map(|run| (run[0].0, run.iter().map(|t| t.1).sum::<W>()))
                .reduce(better)
        };
        best.map_or(u32::MAX, |t| t.0)
    };
    map_each(said.ends.len(), said.in_parallel(), best_of)
}

/// Sorts `(value, amount)` by value and sums each value's amounts into one entry, in
/// subject-independent order (the sum runs over a value's entries in voice order).
fn sum_runs(tally: &mut Vec<(u32, f64)>) {
    tally.sort_by_key(|t| t.0);
    tally.dedup_by(|later, kept| {
        if later.0 == kept.0 {
            kept.1 += later.1;
            true
        } else {
            false
        }
    });
}

/// Per voice, its share of subjects where it gave the value read as true, with one right and
/// one wrong of prior (Laplace's rule); then each hidden original's, over the subjects where
/// it has a value.
fn accuracies(said: &Said, truth: &[u32], hidden: Option<&Hidden>) -> Vec<f64> {
    let originals = hidden.map_or(0, |h| h.families);
    let (mut right, mut all) =
        (vec![0u32; said.voices + originals], vec![0u32; said.voices + originals]);
    for (s, (rows, &t)) in said.subjects().zip(truth).enumerate() {
        for &(v, x) in rows {
            all[v as usize] += 1;
            right[v as usize] += u32::from(said.class(x) == t);
        }
        if let Some(h) = hidden {
            let from = if s == 0 { 0 } else { h.ends[s - 1] as usize };
            for &(f, [(x, _), _]) in &h.top[from..h.ends[s] as usize] {
                all[said.voices + f as usize] += 1;
                right[said.voices + f as usize] += u32::from(said.class(x) == t);
            }
        }
    }
    right.iter().zip(&all).map(|(&r, &n)| laplace(f64::from(r), f64::from(n))).collect()
}

/// Laplace's rule of succession: `right` of `all` with one right and one wrong of prior, so a
/// voice with no record sits at one half. The accuracy rule of both copy passes.
pub(crate) fn laplace(right: f64, all: f64) -> f64 {
    (right + 1.0) / (all + 2.0)
}

/// The false values among a subject's `distinct` claimed values, less the true one when it is
/// among them (`truth_claimed`), at least 1: the `n` of both copy passes where no floor
/// applies (this pass's [`Said::shown_false_values`], the false-sharing pass's own).
pub(crate) fn claimed_false_values(distinct: usize, truth_claimed: bool) -> f64 {
    (distinct.saturating_sub(usize::from(truth_claimed)) as f64).max(1.0)
}

/// The false values an independent voice picks among on a subject whose claims show `shown`
/// ([`Said::shown_false_values`]) of `domain` values a voice could give there: those shown, but
/// never fewer than [`MIN_FALSE_VALUES`] where the domain allows as many (a yes/no fact has
/// one false value, however many voices speak).
pub(crate) fn false_values(shown: f64, domain: u32) -> f64 {
    let allowed = f64::from(domain.saturating_sub(1)).clamp(1.0, MIN_FALSE_VALUES);
    shown.max(allowed)
}

/// Who copies whom given the values read as true: for each candidate pair, either way, and
/// for each voice against a block's hidden original (the value the block's other copies give,
/// [`Hidden::value_without`]), the gain in log-likelihood of reading one voice as a copy of the
/// other at its best rate ([`best_rate`]); gains above the prior's cost taken greedily,
/// largest first, each voice copying at most one original and no voice copying itself
/// through others. The hidden original copies none.
fn copiers(
    said: &Said,
    pairs: &Pairs<'_>,
    n_false: &[f64],
    truth: &[u32],
    accuracy: &[f64],
    hidden: Option<&Hidden>,
) -> Vec<Option<Copying>> {
    let mut gains: Vec<(f64, u32, u32, f64)> = Vec::new();
    let worth = |g: f64| g + prior_log_odds() > -CHANCE_LEVEL.ln();
    // Per pair: the same true value, the same false value (with the subject's number of
    // false values), or different values.
    let mut same_false = SharedFalse::default();
    for (i, &(a, b)) in pairs.candidates.iter().enumerate() {
        let mut same_true = 0u32;
        let differ = pairs.visit(i, |s, x| {
            let s = s as usize;
            if said.class(x) == truth[s] {
                same_true += 1;
            } else {
                same_false.add(n_false[s]);
            }
        });
        let same_false = same_false.take();
        for (original, copier) in [(a, b), (b, a)] {
            let agreed = Agreed { same_true, same_false, differ };
            let (g, c) = best_rate(&agreed, accuracy[copier as usize]);
            if worth(g) {
                gains.push((g, copier, original, c));
            }
        }
    }
    if let Some(hidden) = hidden {
        for (v, rows) in pairs.by_voice.iter().enumerate() {
            let f = hidden.family[v];
            if f == NO_FAMILY {
                continue;
            }
            let (mut same_true, mut differ) = (0u32, 0u32);
            for &(s, x) in rows {
                let s = s as usize;
                match hidden.value_without(said, f as usize, s, index(v), x) {
                    Some(h) if h == x && said.class(x) == truth[s] => same_true += 1,
                    Some(h) if h == x => same_false.add(n_false[s]),
                    Some(_) => differ += 1,
                    None => {}
                }
            }
            let same_false = same_false.take();
            let shared_false: u32 = same_false.iter().map(|&(_, k)| k).sum();
            if same_true + shared_false < MIN_SHARED {
                continue;
            }
            let agreed = Agreed { same_true, same_false, differ };
            let (g, c) = best_rate(&agreed, accuracy[v]);
            if worth(g) {
                gains.push((g, index(v), index(said.voices) + f, c));
            }
        }
    }
    gains.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let originals = hidden.map_or(0, |h| h.families);
    let mut copies: Vec<Option<Copying>> = vec![None; said.voices + originals];
    for (_, copier, original, rate) in gains {
        if copies[copier as usize].is_some() || root(&copies, original) == copier {
            continue;
        }
        copies[copier as usize] = Some(Copying { original, rate });
    }
    copies
}

/// What a voice and its supposed original said on the subjects both spoke on: how often they
/// gave the same true value, the same false value (counted by the subject's number of false
/// values, `(n, count)`, [`SharedFalse`]), or different values.
struct Agreed<'a> {
    same_true: u32,
    same_false: &'a [(f64, u32)],
    differ: u32,
}

/// The same false values two voices give, counted by their subject's number of false values,
/// the one thing an independent voice's chance of giving one depends on: so each chance's
/// logarithm is taken once for each number, not once for each subject (a clique of sixty
/// copies on 10,000 subjects took 0.9 s a round in logarithms alone).
#[derive(Default)]
struct SharedFalse {
    /// Per number of false values, how many shared false values it has now.
    counts: Vec<u32>,
    /// The numbers counted since the last [`SharedFalse::take`].
    seen: Vec<usize>,
    taken: Vec<(f64, u32)>,
}

impl SharedFalse {
    /// One more shared false value, on a subject with `n` false values (a whole number).
    fn add(&mut self, n: f64) {
        let k = n as usize;
        if k >= self.counts.len() {
            self.counts.resize(k + 1, 0);
        }
        if self.counts[k] == 0 {
            self.seen.push(k);
        }
        self.counts[k] += 1;
    }

    /// The counts since the last call, `(n, count)` in order of `n`; counting starts again.
    fn take(&mut self) -> &[(f64, u32)] {
        self.seen.sort_unstable();
        self.taken.clear();
        for &k in &self.seen {
            self.taken.push((k as f64, self.counts[k]));
            self.counts[k] = 0;
        }
        self.seen.clear();
        &self.taken
    }
}

/// The gain in log-likelihood of reading a voice of accuracy `acc` as a copy of another, at
/// the copy rate of [`COPY_RATES`] that explains `agreed` best, with that rate. A difference
/// weighs `1 - c` whoever copies; the rest depends on the copier's accuracy.
fn best_rate(agreed: &Agreed<'_>, acc: f64) -> (f64, f64) {
    let ln_acc = acc.ln();
    let gain_at = |c: f64| {
        let t = f64::from(agreed.same_true) * ((c + (1.0 - c) * acc).ln() - ln_acc);
        // A shared false value's chance for an independent voice, on a subject with `n`.
        let f: f64 = agreed
            .same_false
            .iter()
            .map(|&(n, k)| {
                let p = (1.0 - acc) / n;
                f64::from(k) * ((c + (1.0 - c) * p).ln() - p.ln())
            })
            .sum();
        t + f + f64::from(agreed.differ) * (1.0 - c).ln()
    };
    COPY_RATES
        .iter()
        .map(|&c| (gain_at(c), c))
        .fold((f64::NEG_INFINITY, 0.0), |best, (g, c)| if g > best.0 { (g, c) } else { best })
}

/// The voice at the end of `v`'s chain of originals.
fn root(copies: &[Option<Copying>], mut v: u32) -> u32 {
    // Chains are acyclic (a copier is never its own original's root), so this ends within
    // one step per voice.
    for _ in 0..copies.len() {
        match copies[v as usize] {
            Some(c) => v = c.original,
            None => break,
        }
    }
    v
}

/// Calls `visit(key, left's value, right's value)` for each key both lists (each sorted by
/// key, each key once) hold: a merge of two sorted lists, O(left + right).
pub(crate) fn walk<K: Ord + Copy, A: Copy, B: Copy>(
    left: &[(K, A)],
    right: &[(K, B)],
    mut visit: impl FnMut(K, A, B),
) {
    let (mut at_left, mut at_right) = (0, 0);
    while at_left < left.len() && at_right < right.len() {
        let ((kl, xl), (kr, xr)) = (left[at_left], right[at_right]);
        match kl.cmp(&kr) {
            std::cmp::Ordering::Less => at_left += 1,
            std::cmp::Ordering::Greater => at_right += 1,
            std::cmp::Ordering::Equal => {
                visit(kl, xl, xr);
                at_left += 1;
                at_right += 1;
            }
        }
    }
}

/// Per subject, the value that makes the claims most likely under the copy model, and the
/// log-likelihood of all claims with those values. Ties to the value first in order. Each
/// family's hidden original speaks where its copies do, with the value they give most (its
/// own claim, its copies' own included: a fitted value, so such a reading's log-likelihood
/// is over the claims and the hidden originals') and its accuracy (`accuracy[voices + f]`).
fn best_values(
    said: &Said,
    n_false: &[f64],
    accuracy: &[f64],
    copies: &[Option<Copying>],
    hidden: Option<&Hidden>,
) -> (Vec<u32>, f64) {
    let mut total = 0.0;
    let mut lift: Vec<(u32, f64)> = Vec::new();
    let truth = said
        .subjects()
        .zip(n_false)
        .enumerate()
        .map(|(s, (rows, &n))| {
            // The original's value, when it spoke here.
            let value_of = |v: u32| match (v as usize).checked_sub(said.voices) {
                Some(f) => hidden.and_then(|h| h.value(f, s)),
                None => rows.binary_search_by_key(&v, |r| r.0).ok().map(|i| rows[i].1),
            };
            // Every claim taken as false, then each value's lift if it were true.
            let mut base = 0.0;
            lift.clear();
            let mut claim = |x: u32, a: f64, c: f64, same: f64| {
                let wrong = (c * same + (1.0 - c) * (1.0 - a) / n).ln();
                let right = (c * same + (1.0 - c) * a).ln();
                base += wrong;
                lift.push((x, right - wrong));
            };
            for &(v, x) in rows {
                let (c, same) = match copies[v as usize] {
                    Some(c) => match value_of(c.original) {
                        Some(y) => (c.rate, if y == x { 1.0 } else { 0.0 }),
                        None => (0.0, 0.0),
                    },
                    None => (0.0, 0.0),
                };
                claim(said.class(x), accuracy[v as usize], c, same);
            }
            if let Some(h) = hidden {
                let from = if s == 0 { 0 } else { h.ends[s - 1] as usize };
                for &(f, [(x, _), _]) in &h.top[from..h.ends[s] as usize] {
                    claim(said.class(x), accuracy[said.voices + f as usize], 0.0, 0.0);
                }
            }
            sum_runs(&mut lift);
            let (t, up) = lift
                .iter()
                .copied()
                .reduce(|a, b| {
                    let better = b.1 > a.1 || (b.1 == a.1 && said.rank(b.0) < said.rank(a.0));
                    if better { b } else { a }
                })
                .unwrap_or((u32::MAX, 0.0));
            total += base + up;
            t
        })
        .collect();
    (truth, total)
}

/// What backs one copy of family `family`'s hidden original: the subjects where another of
/// its copies spoke, those where the copy gave the value the others give most, and on how
/// many of them an independent voice of its accuracy and the hidden original would agree.
fn hidden_evidence(
    said: &Said,
    by_voice: &[Vec<(u32, u32)>],
    n_false: &[f64],
    accuracy: &[f64],
    hidden: &Hidden,
    copier: usize,
    family: usize,
) -> (usize, usize, f64) {
    let (mut shared, mut same, mut expected) = (0, 0, 0.0);
    let (ac, ao) = (accuracy[copier], accuracy[said.voices + family]);
    for &(s, x) in &by_voice[copier] {
        let s = s as usize;
        if let Some(h) = hidden.value_without(said, family, s, index(copier), x) {
            shared += 1;
            same += usize::from(h == x);
            expected += agreeing_by_chance(ac, ao, n_false[s]);
        }
    }
    (shared, same, expected)
}

/// The chance that two independent voices of accuracies `a` and `b` give the same value on a
/// subject with `n` false values: both right, or both wrong alike.
fn agreeing_by_chance(a: f64, b: f64, n: f64) -> f64 {
    a * b + (1.0 - a) * (1.0 - b) / n
}

/// What backs one copier: subjects shared with its original, those with the same value, and
/// how many independent voices of their accuracies would agree on.
fn evidence(
    by_voice: &[Vec<(u32, u32)>],
    n_false: &[f64],
    accuracy: &[f64],
    copier: usize,
    original: usize,
) -> (usize, usize, f64) {
    let (mut shared, mut same, mut expected) = (0, 0, 0.0);
    let (ac, ao) = (accuracy[copier], accuracy[original]);
    walk(&by_voice[original], &by_voice[copier], |s, xo, xc| {
        let s = s as usize;
        shared += 1;
        same += usize::from(xo == xc);
        expected += agreeing_by_chance(ac, ao, n_false[s]);
    });
    (shared, same, expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic draw in [0, 1) from three numbers (splitmix64's finaliser).
    fn draw(a: u32, b: u32, c: u32) -> f64 {
        let mut z = (u64::from(a) << 40 ^ u64::from(b) << 20 ^ u64::from(c))
            .wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) as f64 / 2f64.powi(64)
    }

    /// `n` subjects with true value 0. `honest` voices are right with chances spread from
    /// 0.4 to 0.95 and give one of twenty false values otherwise; `clique` voices echo voice
    /// 0 (the poorest) with chance 0.8 and answer as independent voices of accuracy 0.7
    /// otherwise.
    fn table(honest: u32, clique: u32, n: u32) -> Said {
        thin_table(honest, clique, n, 1.0)
    }

    /// As [`table`], but each voice speaks on a subject with chance `coverage`, and a copier
    /// echoes voice 0's value where voice 0 is silent too (a wire's story that only some of
    /// its sites carry).
    fn thin_table(honest: u32, clique: u32, n: u32, coverage: f64) -> Said {
        let mut said = Said::new((honest + clique) as usize, Vec::new());
        let own = |v: u32, s: u32, accuracy: f64| {
            if draw(v, s, 1) < accuracy { 0 } else { 1 + (draw(v, s, 2) * 20.0) as u32 }
        };
        let accuracy = |h: u32| 0.4 + 0.55 * f64::from(h) / f64::from((honest - 1).max(1));
        for s in 0..n {
            let original = own(0, s, accuracy(0));
            let speaks = |v: u32| draw(v, s, 4) < coverage;
            let mut rows: Vec<(u32, u32)> =
                (0..honest).filter(|&h| speaks(h)).map(|h| (h, own(h, s, accuracy(h)))).collect();
            for c in (honest..honest + clique).filter(|&c| speaks(c)) {
                rows.push((c, if draw(c, s, 3) < 0.8 { original } else { own(c, s, 0.7) }));
            }
            said.subject(rows);
        }
        said
    }

    /// Invariant `listed_pairs_read_as_walked_pairs`: a reading is the same, to the last bit
    /// of its log-likelihood, whether its candidate pairs' agreements are listed once or
    /// walked every round ([`Pairs`]), from the plain start, from a block's, and with the
    /// block as a family of a hidden original.
    #[test]
    fn listed_pairs_read_as_walked_pairs() {
        let said = table(5, 7, 200);
        let by_voice = by_voice(&said);
        let candidates: Vec<(u32, u32)> =
            (0..12u32).flat_map(|a| (a + 1..12).map(move |b| (a, b))).collect();
        let agreeing: Vec<u32> = candidates
            .iter()
            .map(|&(a, b)| {
                let mut n = 0;
                walk(&by_voice[a as usize], &by_voice[b as usize], |_, x, y| {
                    n += u32::from(x == y);
                });
                n
            })
            .collect();
        let total: usize = agreeing.iter().map(|&n| n as usize).sum();
        let (listed, walked) = (
            Pairs::of(&by_voice, &candidates, &agreeing, total),
            Pairs::of(&by_voice, &candidates, &agreeing, total - 1),
        );
        assert_eq!(listed.differ.len(), candidates.len());
        assert!(walked.differ.is_empty());
        let (n_false, _) = said.false_values();
        let by_value = said.by_value();
        let clique: Vec<u32> = (5..12).collect();
        let plain = (vec![], vec![]);
        for (block, families) in [plain, (clique.clone(), vec![]), (clique.clone(), vec![clique])] {
            let start = vote(&said, &by_value, &block);
            let a = reading(
                &said,
                &listed,
                &n_false,
                &[&block],
                start.clone(),
                &families,
                Judged::Copying,
            );
            let b = reading(&said, &walked, &n_false, &[&block], start, &families, Judged::Copying);
            assert_eq!(a.truth, b.truth);
            assert_eq!(a.log_likelihood.to_bits(), b.log_likelihood.to_bits());
            let copies = |r: &Reading| -> Vec<Option<(u32, u64)>> {
                r.copies.iter().map(|c| c.map(|c| (c.original, c.rate.to_bits()))).collect()
            };
            assert_eq!(copies(&a), copies(&b));
            assert!(a.copies.iter().any(Option::is_some), "no copier read: the test reads nothing");
        }
    }

    #[test]
    fn a_clique_larger_than_the_honest_voices_is_read_as_copies_of_its_original() {
        // Five honest voices; voices 5 to 11 echo voice 0.
        let said = table(5, 7, 400);
        let echoes = find(&said);
        let family = |v: usize| v == 0 || (5..12).contains(&v);
        // Seven copiers, each one voice with the original or with another copier: the clique
        // and its original become one voice, and no honest voice joins it.
        assert_eq!(echoes.len(), 7, "{echoes:?}");
        assert!(echoes.iter().all(|e| family(e.copier) && family(e.original)), "{echoes:?}");
        assert!(echoes.iter().all(|e| e.same as f64 > 2.0 * e.expected), "{echoes:?}");
    }

    #[test]
    fn a_clique_among_more_voices_than_are_counted_is_found_whole() {
        // 300 voices a subject, past the 128 whose pairs are counted: 100 honest voices and
        // 200 echoing voice 0. The drawn voices make the block, and the block is taken whole.
        let said = table(100, 200, 300);
        let drawn = said.counted().expect("more voices than are counted");
        assert!(drawn.subjects().all(|rows| rows.len() == MAX_COUNTED));
        let echoes = find(&said);
        let family = |v: usize| v == 0 || v >= 100;
        assert!(echoes.iter().all(|e| family(e.copier) && family(e.original)), "{echoes:?}");
        let copiers: std::collections::BTreeSet<usize> = echoes.iter().map(|e| e.copier).collect();
        // Each copier is one voice with its original: 200 of the 201 voices of the family,
        // and more than the 128 a subject the draw holds.
        assert!(copiers.len() >= 190, "{} copiers", copiers.len());
    }

    #[test]
    fn many_independent_voices_are_left_alone() {
        // 300 honest voices a subject, no clique: past the count, nothing is merged either.
        let said = table(300, 0, 300);
        assert!(said.counted().is_some());
        assert_eq!(find(&said), Vec::new());
    }

    #[test]
    fn the_draw_keeps_the_same_voices_on_every_subject_and_only_past_the_count() {
        let said = table(100, 28, 20);
        assert!(said.counted().is_none(), "128 voices: all counted");
        let said = table(100, 30, 20);
        let drawn = said.counted().expect("130 voices");
        let kept: Vec<Vec<u32>> =
            drawn.subjects().map(|rows| rows.iter().map(|r| r.0).collect()).collect();
        assert!(kept.iter().all(|k| k.len() == MAX_COUNTED && *k == kept[0]), "{kept:?}");
        // Two are left out, and the kept keep their values as given.
        assert_eq!((0..130).filter(|v| !kept[0].contains(v)).count(), 2);
        for (given, drawn) in said.subjects().zip(drawn.subjects()) {
            assert!(drawn.iter().all(|r| given.contains(r)));
        }
    }

    #[test]
    fn a_family_too_thin_for_its_pairs_is_read_as_copies_of_a_hidden_original() {
        // 150 voices echo voice 0 among 100 honest ones, each speaking on 6 % of 600
        // subjects: two copies share about two subjects, each copy about twenty with the rest
        // of the family.
        let said = thin_table(100, 150, 600, 0.06);
        let by_voice = by_voice(&said);
        let copiers: Vec<usize> = (100..250).filter(|&c| !by_voice[c].is_empty()).collect();
        let echoes = find(&said);
        let family = |v: usize| v == 0 || v >= 100;
        assert!(echoes.iter().all(|e| family(e.copier) && family(e.original)), "{echoes:?}");
        // The family is one voice: every copier is one with the copy standing for the hidden
        // original (which is no copier), or is that copy.
        let found = echoes.iter().filter(|e| e.block > 0).count();
        assert!(found + 1 >= copiers.len() * 9 / 10, "{found} of {} copiers", copiers.len());
        assert!(echoes.iter().all(|e| e.same as f64 > 2.0 * e.expected), "{echoes:?}");
    }

    #[test]
    fn honest_voices_agreeing_more_than_a_family_are_not_its_copies() {
        // 120 voices echo voice 0 among 280 honest ones, on 6 % of 600 subjects each: a vote
        // is right, and the most accurate honest voices agree with each other more than with
        // anyone, in larger blocks than the copies'. Read as copies of a hidden original of
        // their own, their agreement would be "explained" and the truth left to the clique.
        let said = thin_table(280, 120, 600, 0.06);
        let echoes = find(&said);
        let honest = |v: usize| (1..280).contains(&v);
        assert!(echoes.iter().all(|e| !honest(e.copier) && !honest(e.original)), "{echoes:?}");
    }

    #[test]
    fn honest_voices_beside_a_shared_misconception_are_no_family_of_copies() {
        // 23 voices right 81 % of the time, 20 right 33 % whose errors fall on value 1 more
        // than half the time (a misconception), five values, every voice on every subject:
        // the accurate voices agree enough to make a family, and a hidden original of theirs
        // "explains" them whatever the truth, which value 1 then wins. Their departures are
        // errors, no likelier to be value 1 than any other wrong value: no family of copies.
        let mut said = Said::new(43, Vec::new());
        for s in 0..200 {
            let rows = (0..43u32)
                .map(|v| {
                    let (accuracy, bias) = if v < 23 { (0.81, 0.0) } else { (0.33, 0.58) };
                    let x = if draw(v, s, 1) < accuracy {
                        0
                    } else if draw(v, s, 2) < bias {
                        1
                    } else {
                        1 + (draw(v, s, 3) * 4.0) as u32
                    };
                    (v, x)
                })
                .collect();
            said.subject(rows);
        }
        assert_eq!(find(&said), Vec::new());
    }

    #[test]
    fn independent_voices_are_left_alone() {
        // Twelve honest voices, the same accuracies as above, and no clique: the voices that
        // agree most are the most accurate, not copies.
        let said = table(12, 0, 400);
        // The most accurate voices agree enough to make block starts: they are judged, and lose.
        assert!(!blocks(&agreements(&said, &said.by_value()), 12).is_empty());
        assert_eq!(find(&said), Vec::new());
    }

    /// The three ways of counting agree (bit sets, their other values in a triangle or listed;
    /// the dense triangle; the map), and with
    /// counts made here subject by subject, for the pairs giving the same value on at least
    /// `MIN_SHARED` subjects: on tables where voices skip
    /// subjects (so pairs share some, or none), with several values per subject, ties for
    /// the most given value, and subjects past a multiple of 64. Fewer subjects than
    /// `MIN_SHARED` give no pair.
    #[test]
    fn every_way_of_counting_agreement_counts_what_pair_by_pair_counts() {
        for (voices, subjects, values) in
            [(12u32, 130u32, 3u32), (40, 64, 2), (7, 8, 1), (30, 200, 6)]
        {
            let mut said = Said::new(voices as usize, Vec::new());
            for s in 0..subjects {
                let rows: Vec<(u32, u32)> = (0..voices)
                    .filter(|&v| draw(v, s, 7) < 0.7)
                    .map(|v| (v, (draw(v, s, 8) * f64::from(values)) as u32))
                    .collect();
                said.subject(rows);
            }
            let by_value = said.by_value();
            let words = said.ends.len().div_ceil(64);
            let by_bits = agreements_by_bits(&said, &by_value, words, DENSE_PAIRS);
            let listed = agreements_by_bits(&said, &by_value, words, 0);
            let mut by_pairs: HashMap<(u32, u32), (u32, u32), FixedState> = HashMap::default();
            for rows in said.subjects() {
                for (i, &(a, x)) in rows.iter().enumerate() {
                    for &(b, y) in &rows[i + 1..] {
                        let e = by_pairs.entry((a, b)).or_default();
                        e.0 += 1;
                        e.1 += u32::from(x == y);
                    }
                }
            }
            by_pairs.retain(|_, e| e.1 >= MIN_SHARED);
            assert!(!by_pairs.is_empty());
            let by_pairs = Agreements::of_map(by_pairs);
            let name = format!("{voices} voices, {subjects} subjects");
            assert_eq!(by_bits, by_pairs, "{name}");
            assert_eq!(listed, by_pairs, "{name}");
            assert_eq!(agreements_in_triangle(&said), by_pairs, "{name}");
            assert_eq!(agreements_by_rows(&said), by_pairs, "{name}");
            assert_eq!(agreements(&said, &by_value), by_pairs, "{name}");
        }
        let mut two = Said::new(3, Vec::new());
        two.subject(vec![(0, 1), (1, 1), (2, 1)]);
        two.subject(vec![(0, 1), (1, 1), (2, 1)]);
        assert_eq!(agreements(&two, &two.by_value()), Agreements::default());
    }

    /// The start's vote counts a block as one voice exactly: two voices outside a block of
    /// seven outvote it, one voice outside ties it and the tie goes to the value first in
    /// order (seven sevenths added as floats make less than one, and tipped it).
    #[test]
    fn a_start_counts_its_block_as_one_voice() {
        let block: Vec<u32> = (2..9).collect();
        let mut said = Said::new(9, Vec::new());
        // Subject 0: voices 0 and 1 say 7, the block says 5.
        let mut rows = vec![(0, 7), (1, 7)];
        rows.extend(block.iter().map(|&v| (v, 5)));
        said.subject(rows);
        // Subject 1: voice 0 says 9, the block says 3; voice 1 is silent.
        let mut rows = vec![(0, 9)];
        rows.extend(block.iter().map(|&v| (v, 3)));
        said.subject(rows);
        let by_value = said.by_value();
        assert_eq!(vote(&said, &by_value, &[]), vec![5, 3]);
        assert_eq!(vote(&said, &by_value, &block), vec![7, 3]);
        assert!((0..7).fold(0.0, |sum: f64, _| sum + 1.0 / 7.0) < 1.0);
    }
}
