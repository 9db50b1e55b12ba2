//! The scoring state of a table read in bulk ([`Bulk`]), built straight from its columns:
//! the one model `Reconciler` scores claims with, without a `Claim` per row.
//!
//! A table's row is a claim with no speaker and no relay, so each variable is one group
//! (dated by its rows' as-of dates as `run` dates a group, in epochs by its attribute's nature)
//! and each source one voice; the figures are held as `run` holds them
//! (a number's interval and representative point, a label's value), keyed as `run` keys them
//! (a label by its value's text, in text order; a number, which the bulk reader keeps once per
//! source, date and text, by its place in its variable, or with copy detection on or dates by
//! the first place of its text, so a voice's equal figures from two sources or on two dates
//! are one), and tied as `run` ties them (by id, which for a row is `file:line`). Copy
//! detection reads the same statements as `Reconciler`'s (see [`statements`]). The rounds,
//! the estimates, the losses and the weights are then `State`'s own.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use chrono::NaiveDate;

use foldhash::fast::FixedState;
use hashbrown::HashTable;
use rayon::prelude::*;

use crate::bulk::{Bulk, BulkKind, Chunk, date_of_day, name_of, number_key, number_value};
use crate::crh;
use crate::id::{SourceId, line_key};
use crate::subject::Nature;
use crate::tabular::attribute_key;
use crate::unit::{Dimension, Unit};
use crate::value::{Close, Interval, Policy, Value};

use super::super::voice::{self, Statements, Voices};
use super::estimate;
use super::{
    Built, Epoch, Held, HeldInterval, Kind, Obs, ObsView, State, Vote, hold, kind_vote, tied_of,
};
use super::{
    Lists, Said, epoch_date, index, is_current, join_loose_days, latest_date_of, prepare_all,
    stand_silent, withdraw_corrected,
};
use crate::reconcile::threads::{PARALLEL_FROM, cut, parts_of};

/// What the bulk store's observations are keyed and ordered by, made once.
struct Keys {
    /// Per key, its place in order (`State::key_order`): a label's key is its index, placed
    /// in text order; a number's `labels` plus its place in its variable (or, with copy
    /// detection on, the first place of its text), placed as itself (numbers of a variable in
    /// value order, not text order: only the split of a voice's weight reads their keys).
    order: Vec<usize>,
    labels: usize,
    /// Per chunk, the figure number of its first claim.
    first_figure: Vec<usize>,
}

impl Keys {
    fn of(bulk: &Bulk) -> Self {
        // A label by its value's text in text order (`Keys::order`'s rule, equal texts one
        // key), after them a number by its place in its variable.
        let labels = bulk.label_values.len();
        let texts: Vec<String> = bulk.label_values.iter().map(crh::value_key).collect();
        let mut by_text: Vec<usize> = (0..labels).collect();
        by_text.sort_by(|&a, &b| texts[a].cmp(&texts[b]));
        let mut order = vec![0; labels];
        let mut rank = 0;
        for (i, &l) in by_text.iter().enumerate() {
            if i > 0 && texts[by_text[i - 1]] != texts[l] {
                rank = i;
            }
            order[l] = rank;
        }
        let widest = bulk
            .chunks
            .iter()
            .flat_map(|c| c.start.windows(2).map(|w| w[1] - w[0]))
            .max()
            .unwrap_or(0);
        order.extend(labels..labels + widest);
        Keys { order, labels, first_figure: bulk.first_claims() }
    }
}

/// The key of each of epoch `e`'s figures, which orders as the figure's id does: its line's
/// key (see [`line_key`]), read from its variable's chunk (a copy of every figure's line took
/// 40 MB at 10^7 rows).
fn id_keys_in<'a>(bulk: &'a Bulk, keys: &Keys, e: &Epoch) -> impl Fn(&Obs) -> u64 + use<'a> {
    let ci = bulk.chunk_of_variable(e.group);
    let (lines, first) = (&bulk.chunks[ci].lines, keys.first_figure[ci]);
    move |o: &Obs| line_key(lines[o.figure() - first])
}

/// The store's variables, as (chunk, place in chunk), in the order `Reconciler` takes a
/// table's groups (by subject: the attribute, then the object, by their keys), so that every
/// sum over observations adds in the same order and gives the same float.
fn variables_in_subject_order(bulk: &Bulk) -> Vec<(usize, usize)> {
    let mut variables: Vec<(usize, usize)> = bulk
        .chunks
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| (0..c.kinds.len()).map(move |k| (ci, k)))
        .collect();
    variables.sort_by_cached_key(|&(ci, k)| {
        let (object, attribute) = &bulk.vars[bulk.chunks[ci].first + k];
        (attribute_key(attribute), attribute_key(object))
    });
    variables
}

/// Variable `k` of chunk `ci` as epochs, pushed on `epochs` (its observations on `obs`), as
/// `run` makes a group's: without dates one epoch; with them, by its attribute's nature, one
/// epoch at the latest date that gives a figure, or for a changing state one per date, in
/// date order ([`epoch_date`], the undated first), a running total's figures of earlier dates
/// not current ([`is_current`]). Within an epoch, observations are in as-of order, then id
/// order, as `run` takes a group's members. A table's row has no time of day and states
/// nothing as pending, so no state is replaced later the same day.
/// Returns the variable's latest epoch with any figure (its estimate's), as its index in
/// `epochs`.
fn epochs_of_variable<'b>(
    bulk: &'b Bulk,
    keys: &Keys,
    (ci, k): (usize, usize),
    policy: &Policy,
    obs: &mut ObsOut<'_>,
    intervals: &mut Vec<HeldInterval>,
    epochs: &mut Vec<Epoch>,
) -> Option<usize> {
    let c = &bulk.chunks[ci];
    let (lo, hi) = (c.start[k], c.start[k + 1]);
    let values = &c.values[lo..hi];
    // This variable's phrases, by position in the chunk, and the amounts they read as.
    let (phrases, amounts) = {
        let from = c.intervals.partition_point(|&(p, _)| p < lo);
        let to = c.intervals.partition_point(|&(p, _)| p < hi);
        (&c.intervals[from..to], c.amounts.get(from..to).unwrap_or_default())
    };
    // Whether figure `j` counts people ("30 people"), which makes its epoch's unit people, as
    // `epoch_unit` makes a group's.
    let people = |j: usize| {
        let at = phrases.binary_search_by_key(&(lo + j), |&(p, _)| p).ok();
        at.and_then(|i| amounts.get(i).copied().flatten()).is_some_and(|a| a.unit == Unit::Persons)
    };
    // Each figure's date, made once.
    let dates: Vec<Option<NaiveDate>> =
        (lo..hi).map(|p| c.days.get(p).copied().and_then(date_of_day)).collect();
    let date = |j: usize| dates[j];
    let label = |j: usize| &bulk.label_values[values[j] as usize];
    let number = c.kinds[k] == BulkKind::Number;
    let nature = c.natures[k];
    let figure = |j: usize| keys.first_figure[ci] + lo + j;
    // As `Reconciler` orders a group's members: by as-of date (the undated first), then id.
    // A day number orders as its date does, 0 (no date) first. Each key made once; the place
    // last, so the order is the stable sort's.
    let day = |j: usize| c.days.get(lo + j).copied().unwrap_or(0);
    let mut keyed: Vec<_> =
        (0..values.len()).map(|j| (day(j), line_key(c.lines[lo + j]), j)).collect();
    keyed.sort_unstable();
    let order: Vec<usize> = keyed.into_iter().map(|(_, _, j)| j).collect();
    // The epochs' dates and members, in that order within each.
    let labels = (!number).then_some(&label as &dyn Fn(usize) -> &'b Value);
    let by_date = if c.days.is_empty() {
        vec![(None, order)]
    } else {
        dated_epochs(order, &date, labels, (nature, policy))
    };
    let mut latest = None;
    for (as_of, members) in by_date {
        let vote = if number {
            Vote::Won(Kind::Amount(c.units[k].map_or(Dimension::Count, Unit::dimension)))
        } else {
            let values: Vec<&Value> = members.iter().map(|&j| label(j)).collect();
            let now = members.iter().filter(|&&j| is_current(nature, date(j), as_of, false));
            let now: Vec<&Value> = now.map(|&j| label(j)).collect();
            // A table's attribute is a measure of the user's own: it names no kind.
            kind_vote(&values, &now, None)
        };
        let (kind, gives) = (vote.kind(), vote != Vote::Empty);
        let counts = kind == Some(Kind::Amount(Dimension::Count));
        let unit = if number && counts && members.iter().any(|&j| people(j)) {
            Some(Unit::Persons)
        } else {
            c.units[k]
        };
        let first = obs.next();
        for j in members {
            let cl = c.claim(lo + j);
            // A number variable's figures are held from its columns; any other's, a label or
            // a value of another kind (a change between amounts among labels, "from 5 to 10"),
            // as `Reconciler` holds the value for the epoch's kind.
            let (key, held) = if number {
                // A phrase ("about 1,000") is the interval, and the point, of the policy it is
                // scored by, from the amount it reads as, as a claim's value is (the reader
                // keeps an amount for every phrase; the stored reading is a fallback only).
                let (interval, point) = match phrases.binary_search_by_key(&(lo + j), |&(p, _)| p) {
                    Ok(i) => match amounts.get(i).copied().flatten() {
                        Some(a) => (
                            a.magnitude.interval(policy),
                            crh::representative(&a.magnitude, policy),
                        ),
                        None => (phrases[i].1.value(), cl.value),
                    },
                    Err(_) => (Interval::point(cl.value), cl.value),
                };
                (keys.labels + j, Held::numeric(interval, point, intervals))
            } else {
                // A label or a value set aside is held by its label's index.
                let l = cl.value as usize;
                (l, hold(&bulk.label_values[l], kind, policy, intervals, |_| index(l)))
            };
            let current = is_current(nature, date(j), as_of, false);
            obs.push(Obs::new(figure(j), cl.source as usize, key, held, date(j), current));
        }
        // The variable's estimate comes from its latest epoch that has any figure.
        if gives || latest.is_none() {
            latest = Some(epochs.len());
        }
        epochs.push(Epoch {
            group: c.first + k,
            as_of,
            kind,
            tied: tied_of(vote),
            unit,
            obs: first..obs.next(),
            clusters: estimate::Clusters::default(),
            value_clusters: Vec::new(),
            labels: None,
            spread: 0.0,
            earlier_that_day: false,
            close: Close::EXACT,
            nature,
            corrected: Vec::new(),
        });
    }
    latest
}

/// A dated variable's epochs: the dates and members of `order` (its figures, dated by `date`,
/// read by `labels` where it holds labels, `None` for numbers), by [`epoch_date`] for its
/// `nature`, in that order within each; a changing state's days that only allow the windows of
/// the day before joined with it ([`join_loose_days`]), as `run` makes a group's.
fn dated_epochs<'v>(
    order: Vec<usize>,
    date: &dyn Fn(usize) -> Option<NaiveDate>,
    labels: Option<&dyn Fn(usize) -> &'v Value>,
    (nature, policy): (Nature, &Policy),
) -> Vec<(Option<NaiveDate>, Vec<usize>)> {
    let n = order.len();
    // Every figure of a numeric variable is of its one kind: the latest date of all.
    let latest = match labels {
        None => (0..n).filter_map(date).max(),
        Some(label) => {
            // A row its source repeats on the same date is kept once: these are statements.
            let values: Vec<&Value> = (0..n).map(label).collect();
            latest_date_of(&values, &kind_vote(&values, &values, None), date)
        }
    };
    let mut by_date: BTreeMap<Option<NaiveDate>, Vec<usize>> = BTreeMap::new();
    for j in order {
        by_date.entry(epoch_date(nature, latest, date(j))).or_default().push(j);
    }
    let by_date = by_date.into_iter().collect();
    match labels {
        Some(label) if nature == Nature::ChangingState => {
            join_loose_days(by_date, |&j| label(j), policy)
        }
        _ => by_date,
    }
}

/// Where one part of the variables writes its observations: its own slice of them all, the
/// first at observation `base`.
struct ObsOut<'a> {
    obs: &'a mut [Obs],
    base: usize,
    written: usize,
}

impl ObsOut<'_> {
    /// The next observation's number among them all.
    fn next(&self) -> usize {
        self.base + self.written
    }

    fn push(&mut self, ob: Obs) {
        self.obs[self.written] = ob;
        self.written += 1;
    }
}

/// What [`epochs_of_all`] makes: the observations and epochs of every variable, in
/// `variables`' order, the intervals they hold, each variable's latest epoch by its number,
/// and per variable its observations.
struct Made {
    obs: Vec<Obs>,
    intervals: Vec<HeldInterval>,
    epochs: Vec<Epoch>,
    group_latest: Vec<Option<usize>>,
    spans: Vec<Range<usize>>,
}

/// The epochs of every variable ([`epochs_of_variable`]), in `variables`' order, each
/// number's key made that of the first place of its text in its variable where `ranks` are
/// given (one per variable, or none). In parts of whole variables of up to `part_rows` rows
/// each (`parts_of`; [`PARALLEL_FROM`] but in tests), in parallel when the table has
/// [`PARALLEL_FROM`] rows or more: each part writes its observations in place (a variable
/// has one a row, so where each starts is known) and keeps its epochs and intervals, which
/// are then joined in order, so the result is the one the variables give in turn.
fn epochs_of_all(
    bulk: &Bulk,
    keys: &Keys,
    variables: &[(usize, usize)],
    ranks: &[(Vec<u32>, usize)],
    policy: &Policy,
    part_rows: usize,
) -> Made {
    let rows = |&(ci, k): &(usize, usize)| bulk.chunks[ci].start[k + 1] - bulk.chunks[ci].start[k];
    let mut spans = Vec::with_capacity(variables.len());
    let mut n = 0;
    for v in variables {
        spans.push(n..n + rows(v));
        n += rows(v);
    }
    // Whole variables per part; each part's observations are its own slice.
    let lens: Vec<usize> = spans.iter().map(ExactSizeIterator::len).collect();
    let parts = parts_of(&lens, part_rows);
    let part_len = |part: &Range<usize>| spans[part.start].start..spans[part.end - 1].end;
    let blank = Obs::new(0, 0, 0, Held::Skip(None), None, false);
    let mut obs = vec![blank; n];
    let parallel = n >= PARALLEL_FROM;
    let one = |(part, slice): (&Range<usize>, &mut [Obs])| {
        let base = spans[part.start].start;
        let mut out = ObsOut { obs: slice, base, written: 0 };
        let (mut intervals, mut epochs, mut latest) = (Vec::new(), Vec::new(), Vec::new());
        for vi in part.clone() {
            let (ci, k) = variables[vi];
            latest.push(epochs_of_variable(
                bulk,
                keys,
                (ci, k),
                policy,
                &mut out,
                &mut intervals,
                &mut epochs,
            ));
            if let Some((rank, distinct)) = ranks.get(vi) {
                let first = keys.first_figure[ci] + bulk.chunks[ci].start[k];
                let span = spans[vi].start - base..spans[vi].end - base;
                key_by_first_place(&mut out.obs[span], first, rank, *distinct, keys.labels);
            }
        }
        (intervals, epochs, latest)
    };
    let slices = cut(&mut obs, parts.iter().map(|p| part_len(p).len()));
    let made: Vec<PartMade> = if parallel {
        parts.par_iter().zip(slices).map(one).collect()
    } else {
        parts.iter().zip(slices).map(one).collect()
    };
    // Joined in order: each part's intervals and epochs after those of the parts before.
    let mut intervals = Vec::with_capacity(made.iter().map(|m| m.0.len()).sum());
    let mut epochs = Vec::with_capacity(made.iter().map(|m| m.1.len()).sum());
    let mut group_latest = vec![None; bulk.vars.len()];
    let mut shifts = Vec::with_capacity(parts.len());
    for (part, (held, made_epochs, latest)) in parts.iter().zip(made) {
        shifts.push(index(intervals.len()));
        let first_epoch = epochs.len();
        for (vi, latest) in part.clone().zip(latest) {
            let (ci, k) = variables[vi];
            group_latest[bulk.chunks[ci].first + k] = latest.map(|l| first_epoch + l);
        }
        intervals.extend(held);
        epochs.extend(made_epochs);
    }
    // Each part's observations hold its intervals by their numbers among all of them.
    let slices = cut(&mut obs, parts.iter().map(|p| part_len(p).len()));
    let shift = |(slice, by): (&mut [Obs], u32)| {
        if by > 0 {
            for ob in slice {
                ob.shift_interval(by);
            }
        }
    };
    if parallel {
        slices.into_par_iter().zip(shifts).for_each(shift);
    } else {
        slices.into_iter().zip(shifts).for_each(shift);
    }
    Made { obs, intervals, epochs, group_latest, spans }
}

/// What one part of [`epochs_of_all`] makes: its intervals and epochs, numbered within the
/// part, and each of its variables' latest epoch.
type PartMade = (Vec<HeldInterval>, Vec<Epoch>, Vec<Option<usize>>);

/// Each number's key made that of the first place of its text in its variable (`rank`: per
/// figure from `first` on, its text's rank among the variable's `distinct` texts), so a
/// voice's equal figures are one statement (one source gives each text once a date: the
/// reader drops repeats).
fn key_by_first_place(obs: &mut [Obs], first: usize, rank: &[u32], distinct: usize, labels: usize) {
    let mut first_of_rank = vec![usize::MAX; distinct];
    for (j, &r) in rank.iter().enumerate() {
        let at = &mut first_of_rank[r as usize];
        *at = (*at).min(j);
    }
    for o in obs {
        if let Some(&r) = rank.get(o.figure() - first) {
            o.key = index(labels + first_of_rank[r as usize]);
        }
    }
}

/// Distinct texts written end to end, each found again by its text: the number keys of a
/// variable, without a `String` each. Kept between variables, cleared for each.
#[derive(Default)]
struct Texts {
    bytes: String,
    /// Per text, where it ends in `bytes`.
    ends: Vec<usize>,
    /// Each text's id, by its hash.
    table: HashTable<u32>,
    /// A plain number's text id, by the number's bits.
    plain: HashMap<u64, u32, FixedState>,
    state: FixedState,
}

impl Texts {
    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
        self.table.clear();
        self.plain.clear();
    }

    /// Text `t`, as bytes: they order as the text does.
    fn text<'a>(bytes: &'a str, ends: &[usize], t: u32) -> &'a [u8] {
        name_of(bytes.as_bytes(), ends, t)
    }

    /// The id of the text written after the last one: an earlier text's, which it repeats
    /// (and is then taken back), or a new one's.
    fn settle(&mut self) -> u32 {
        use std::hash::BuildHasher;
        let Texts { bytes, ends, table, state, .. } = self;
        let start = ends.last().copied().unwrap_or(0);
        let hash = state.hash_one(&bytes.as_bytes()[start..]);
        if let Some(&t) =
            table.find(hash, |&t| Self::text(bytes, ends, t) == &bytes.as_bytes()[start..])
        {
            bytes.truncate(start);
            return t;
        }
        let t = index(ends.len());
        ends.push(bytes.len());
        table.insert_unique(hash, t, |&t| state.hash_one(Self::text(bytes, ends, t)));
        t
    }
}

/// Per claim of a numeric variable `(ci, k)`, by its place in the variable, the rank of its
/// key's text among the variable's distinct texts ([`number_key`]: `Reconciler`'s key, so
/// equal ranks are one figure and ranks order as `Reconciler` orders figures), and the number
/// of distinct texts; empty for a variable of labels. A plain number's text is written once
/// per distinct value; `texts` is the scratch they are written to.
fn number_ranks(bulk: &Bulk, (ci, k): (usize, usize), texts: &mut Texts) -> (Vec<u32>, usize) {
    let c = &bulk.chunks[ci];
    if c.kinds[k] != BulkKind::Number {
        return (Vec::new(), 0);
    }
    texts.clear();
    let (lo, hi) = (c.start[k], c.start[k + 1]);
    let mut phrase = c.intervals.partition_point(|&(p, _)| p < lo);
    let mut of_claim: Vec<u32> = Vec::with_capacity(hi - lo);
    for (j, cl) in c.claims(lo..hi).enumerate() {
        let is_phrase = c.intervals.get(phrase).is_some_and(|&(p, _)| p == lo + j);
        if !is_phrase && let Some(&t) = texts.plain.get(&cl.value.to_bits()) {
            of_claim.push(t);
            continue;
        }
        let amount = if is_phrase {
            phrase += 1;
            c.amounts.get(phrase - 1).copied().flatten()
        } else {
            None
        };
        if let Some(value) = number_value(cl.value, amount) {
            crh::write_value_key(&mut texts.bytes, &value);
        }
        let t = texts.settle();
        if !is_phrase {
            texts.plain.insert(cl.value.to_bits(), t);
        }
        of_claim.push(t);
    }
    // Text ids to ranks in text order (the texts are distinct).
    let Texts { bytes, ends, .. } = &*texts;
    let mut in_order: Vec<u32> = (0..index(ends.len())).collect();
    in_order
        .sort_unstable_by(|&a, &b| Texts::text(bytes, ends, a).cmp(Texts::text(bytes, ends, b)));
    let mut rank = vec![0u32; ends.len()];
    for (r, &t) in in_order.iter().enumerate() {
        rank[t as usize] = index(r);
    }
    for t in &mut of_claim {
        *t = rank[*t as usize];
    }
    (of_claim, ends.len())
}

/// [`number_ranks`] of each of `variables`, in order: each variable's alone, so in parallel,
/// each thread with its own [`Texts`].
fn ranks_of(bulk: &Bulk, variables: &[(usize, usize)]) -> Vec<(Vec<u32>, usize)> {
    variables.par_iter().map_init(Texts::default, |t, &v| number_ranks(bulk, v, t)).collect()
}

/// The copy passes' statements of a table's claims (per variable, in `variables`' order, all
/// its claims, whatever their dates, as `Reconciler` takes a group's claims; a claim's voice
/// is still its source): each spoken by its source, a label keyed by its place in text order
/// (equal texts one key), a number by its text's rank in its variable (`ranks`, from
/// [`number_ranks`]), so both order as `Reconciler`'s keys do. Each variable is a subject, a
/// fixed fact when its attribute is one ([`Table::nature`](crate::Table::nature),
/// [`Table::nature_of`](crate::Table::nature_of)). Read from the store, before the scoring
/// state is built: the passes' peak of memory is not added to the state's.
fn statements(
    bulk: &Bulk,
    keys: &Keys,
    variables: &[(usize, usize)],
    ranks: &[(Vec<u32>, usize)],
    part_rows: usize,
) -> Statements {
    // Number keys after the labels' places, each variable's ranks after the last's.
    let mut bases = Vec::with_capacity(ranks.len());
    let mut next = keys.order.len();
    for (_, distinct) in ranks {
        bases.push(next);
        next += distinct;
    }
    let mut st = Statements::new((0..bulk.sources.len()).collect(), (0..next).collect());
    for (v, value) in bulk.label_values.iter().enumerate() {
        if voice::is_label(value) {
            st.label(keys.order[v]);
        }
    }
    // Each attribute, numbered as first seen, as `Statements::of_groups` numbers them.
    let mut attributes: HashMap<String, u32, FixedState> = HashMap::default();
    let mut attribute_of = Vec::with_capacity(variables.len());
    for &(ci, k) in variables {
        let next = index(attributes.len());
        let key = attribute_key(&bulk.vars[bulk.chunks[ci].first + k].1);
        let attribute = *attributes.entry(key.clone()).or_insert(next);
        if attribute == next {
            st.name_attribute(key);
        }
        attribute_of.push(attribute);
    }
    // Each variable's rows written in place, and what its facts show and round to read off
    // them, in parts of whole variables (in parallel from `PARALLEL_FROM` rows); then given
    // to the statements in order.
    let lens: Vec<usize> = variables
        .iter()
        .map(|&(ci, k)| bulk.chunks[ci].start[k + 1] - bulk.chunks[ci].start[k])
        .collect();
    let total: usize = lens.iter().sum();
    let parts = parts_of(&lens, part_rows);
    // A variable's number keys follow the last's ([`bases`]): a part's are one run too.
    let distinct = |vi: usize| ranks.get(vi).map_or(0, |r| r.1);
    let (rows, rounded) = st.room_to_write(total);
    let rows = cut(rows, parts.iter().map(|p| lens[p.clone()].iter().sum()));
    let rounded = rounded.get_mut(keys.order.len()..).unwrap_or_default();
    let rounded = cut(rounded, parts.iter().map(|p| p.clone().map(distinct).sum()));
    let one = |((part, rows), rounded): (PartRows<'_>, &mut [Option<crh::Rounded>])| {
        let mut found = Found::default();
        let (mut at, mut key) = (0, 0);
        for vi in part.clone() {
            let rows = &mut rows[at..at + lens[vi]];
            at += lens[vi];
            let rounded = &mut rounded[key..key + distinct(vi)];
            key += distinct(vi);
            let rank = ranks.get(vi).map_or(&[][..], |r| &r.0[..]);
            let base = bases.get(vi).copied().unwrap_or(0);
            variable_statements(bulk, keys, variables[vi], (rank, base), rows, rounded, &mut found);
            found.ends.push(found.shows.len());
        }
        found
    };
    let found: Vec<Found> = if total >= PARALLEL_FROM {
        parts.par_iter().zip(rows).zip(rounded).map(one).collect()
    } else {
        parts.iter().zip(rows).zip(rounded).map(one).collect()
    };
    st.rounded_written();
    for (part, found) in parts.iter().zip(&found) {
        let mut from = 0;
        for (vi, &to) in part.clone().zip(&found.ends) {
            let attribute = attribute_of[vi];
            st.subject_written(fixed_fact(bulk, variables[vi]), attribute, lens[vi]);
            for &print in &found.shows[from..to] {
                st.shows(attribute, print);
            }
            from = to;
        }
    }
    st
}

/// Whether variable `(ci, k)` is a fixed fact (its attribute's nature): a subject the copy
/// passes judge as one.
fn fixed_fact(bulk: &Bulk, (ci, k): (usize, usize)) -> bool {
    bulk.chunks[ci].natures[k] == Nature::FixedFact
}

/// A part of [`statements`]' variables, and its slice of their rows.
type PartRows<'a> = (&'a Range<usize>, &'a mut [(u32, u32)]);

/// What the variables of one part of [`statements`] give the statements beside their rows
/// and figures, in order: the fingerprints of the values their facts show; per variable,
/// where its own end.
#[derive(Default)]
struct Found {
    shows: Vec<u64>,
    ends: Vec<usize>,
    /// Each label's fingerprint (`voice::fingerprint`), once it is shown in this part.
    prints: HashMap<usize, u64, FixedState>,
}

/// Variable `(ci, k)`'s statements, into `rows` (a row each row): each spoken by its source,
/// a label keyed by its place in text order, a number by its text's rank `rank` after `base`
/// (none for a variable of labels); into `rounded` (a slot per rank), on a fixed fact, its
/// numbers to two significant figures, from the value each cell reads as (`Reconciler`'s
/// key, `crh::rounded_key`), for the block pass's second reading; and into `found`, the
/// values its facts show, by their keys' texts, as `Statements::of_groups` gives them.
fn variable_statements(
    bulk: &Bulk,
    keys: &Keys,
    (ci, k): (usize, usize),
    (rank, base): (&[u32], usize),
    rows: &mut [(u32, u32)],
    rounded: &mut [Option<crh::Rounded>],
    found: &mut Found,
) {
    let c = &bulk.chunks[ci];
    let claims = || c.claims(c.start[k]..c.start[k + 1]);
    let fixed = fixed_fact(bulk, (ci, k));
    // The passes read a subject's rows as a set: their order is not the state's.
    for ((j, cl), row) in claims().enumerate().zip(rows.iter_mut()) {
        let key = match rank.get(j) {
            Some(&r) => base + r as usize,
            None => keys.order[cl.value as usize],
        };
        *row = (cl.source, index(key));
    }
    let to_show = voice::to_show(fixed, rows);
    if rank.is_empty() && !to_show.is_empty() {
        for cl in claims() {
            let v = cl.value as usize;
            if let Some(value) = bulk.label_values.get(v)
                && to_show.binary_search(&index(keys.order[v])).is_ok()
            {
                let print = *found
                    .prints
                    .entry(v)
                    .or_insert_with(|| voice::fingerprint(&crh::value_key(value)));
                found.shows.push(print);
            }
        }
    }
    if fixed && !rank.is_empty() {
        let lo = c.start[k];
        let mut phrase = c.intervals.partition_point(|&(p, _)| p < lo);
        let mut done = vec![false; rounded.len()];
        for (j, (cl, &r)) in claims().zip(rank).enumerate() {
            let amount = if c.intervals.get(phrase).is_some_and(|&(p, _)| p == lo + j) {
                phrase += 1;
                c.amounts.get(phrase - 1).copied().flatten()
            } else {
                None
            };
            if std::mem::replace(&mut done[r as usize], true) {
                continue;
            }
            if to_show.binary_search(&index(base + r as usize)).is_ok() {
                found.shows.push(voice::fingerprint(&number_key(cl.value, amount)));
            }
            rounded[r as usize] =
                number_value(cl.value, amount).as_ref().and_then(crh::rounded_key);
        }
    }
}

impl State {
    /// The scoring state of `bulk`'s claims, scored: rounds until no weight or completeness
    /// moves by more than `tolerance` (every round when it is not positive), at most
    /// `max_rounds`; and its voices: one a source, or with `copy_detection`, the sources
    /// [`Voices::detect_copying_in`] finds copying one another one voice.
    pub(crate) fn of_columns(
        bulk: &Bulk,
        policy: &Policy,
        max_rounds: usize,
        tolerance: f64,
        copy_detection: bool,
        declared: &[(SourceId, SourceId, String)],
    ) -> (State, Voices) {
        let n: usize = bulk.chunks.iter().map(Chunk::len).sum();
        let keys = Keys::of(bulk);
        let id_keys = |e: &Epoch| id_keys_in(bulk, &keys, e);
        // The labels' values, which label observations hold by index; a date is numeric.
        let values: Vec<Value> = bulk.label_values.clone();
        let variables = variables_in_subject_order(bulk);
        // Who copies whom, on the same statements `Reconciler` judges: each source speaks
        // for itself, or with the sources declared one voice with it, until a pass merges it
        // into another's voice.
        let mut voices = Voices::of_sources(&bulk.sources, declared);
        // A number keyed by its text, as `Reconciler` keys it, where one voice may give one
        // text twice: a voice of several sources (declared, or found by copy detection), or
        // one source on two dates.
        let dated = bulk.chunks.iter().any(|c| !c.days.is_empty());
        let declared_voice = voices.groups.iter().any(|g| g.members.len() > 1);
        let ranks: Vec<(Vec<u32>, usize)> = if copy_detection || dated || declared_voice {
            ranks_of(bulk, &variables)
        } else {
            Vec::new()
        };
        // Per variable, its attribute's id, where copy detection found voices copying one
        // another on some attributes alone (`Voices::voices_on_subject`).
        let mut attribute_of: Vec<u32> = Vec::new();
        if copy_detection {
            let statements = statements(bulk, &keys, &variables, &ranks, PARALLEL_FROM);
            voices.detect_copying_in(&statements, policy.close_rule());
            if voices.copy_some_attributes() {
                attribute_of = statements.attributes().to_vec();
            }
        }
        let Made { mut obs, intervals, mut epochs, group_latest, spans } =
            epochs_of_all(bulk, &keys, &variables, &ranks, policy, PARALLEL_FROM);
        debug_assert_eq!(obs.len(), n, "an observation a row");
        drop(ranks);
        // Each row's source, where its voice may be another's (declared one with it, or found
        // copying it): only a source corrects its own figure of a fixed fact
        // ([`withdraw_corrected`]). Where every voice is one source, its voice says it.
        let sources: Option<Vec<u32>> = (dated && (copy_detection || declared_voice))
            .then(|| obs.iter().map(|o| index(o.voice())).collect());
        // Each observation's voice: its source's group (groups are ordered by name, sources
        // by their keys: the two numberings differ, so this holds with copy detection off too).
        if attribute_of.is_empty() {
            let voices = &voices;
            obs.par_iter_mut()
                .with_min_len(PARALLEL_FROM)
                .for_each(|o| o.set_voice(voices.group_of_name(o.voice())));
        } else {
            // On an attribute copied alone, a figure repeated from a voice it copies there
            // counts in that voice; figures are one where their keys place alike.
            let (mut said, mut voice) = (Vec::new(), Vec::new());
            for (span, &a) in spans.iter().zip(&attribute_of) {
                said.clear();
                said.extend(obs[span.clone()].iter().map(|o| (o.voice(), keys.order[o.key()])));
                voices.voices_on_subject(a, &said, &mut voice);
                for (o, &v) in obs[span.clone()].iter_mut().zip(&voice) {
                    o.set_voice(v);
                }
            }
        }
        // A repeat is no news, read with the voices as they now are (as `Reconciler` reads
        // them): a figure of a voice declared one with, or copying, the repeating voice is the
        // repeat's own.
        let mut on_days = Vec::new();
        let mut corrected = Lists::default();
        for e in &mut epochs {
            let here = (&mut obs[e.obs.clone()], &intervals[..]);
            stand_silent(here, &mut [], e.nature, &mut on_days);
            let span = e.obs.clone();
            let held = (&intervals[..], &values[..]);
            // A table's rows give no time of day.
            let said = Said { sources: sources.as_deref().map(|s| &s[span.clone()]), times: None };
            let here = (&mut obs[span], held, said);
            e.corrected = withdraw_corrected(here, e.nature, usize::MAX, &mut corrected);
        }
        // In parallel: the state is most of this path's work, and its heap no larger for it.
        // A table's rows give no publication date.
        let view = ObsView {
            obs: &obs,
            values: &values,
            intervals: &intervals,
            key_order: &keys.order,
            published: &[],
        };
        let prepared = prepare_all(&view, &mut epochs, policy, id_keys, true);
        let mut state = State::start(
            Built {
                obs,
                prepared,
                published: Vec::new(),
                values,
                intervals,
                derived_ids: Vec::new(),
                keys: Vec::new(),
                key_order: keys.order,
                claims: n,
                claim_obs: Vec::new(),
                epochs,
                group_latest,
            },
            voices.groups.len(),
        );
        state.iterate(policy, max_rounds, tolerance);
        (state, voices)
    }
}

#[cfg(test)]
mod tests {
    use super::{Keys, Made, Texts, epochs_of_all, number_ranks, ranks_of, statements};
    use super::{PARALLEL_FROM, variables_in_subject_order};
    use crate::bulk::number_key;
    use crate::id::line_key;
    use crate::value::Policy;
    use crate::{Parser, Table};

    /// A dated table of 16,884 rows (more than [`PARALLEL_FROM`]) of fixed facts: counts
    /// written as plain numbers, phrases and ranges that many sources repeat (so facts show
    /// values, and figures round to two significant figures), and yes/no facts, mostly yes.
    fn mixed_table() -> crate::Bulk {
        let mut csv = String::from("source,object,attribute,value,as_of\n");
        let cells = ["about 1,200", "1200", "between 5 and 10", "more than 30", "7", "yes", "no"];
        let mut row = 0;
        while row < PARALLEL_FROM + 500 {
            let (town, source) = (row / 40, row % 40);
            let cell = cells[(row * 7 + town) % 5];
            let attribute = if town % 9 == 4 { "open" } else { "killed" };
            let cell = if attribute == "open" { cells[5 + (row * 3 + town) % 7 / 5] } else { cell };
            let day = 1 + (row * 13) % 4;
            let line = format!("s{source},town {town},{attribute},{cell},2022-01-0{day}\n");
            csv.push_str(&line);
            row += 1;
        }
        Table::csv().read_bulk("t.csv", csv.as_bytes(), &Parser::default()).unwrap()
    }

    /// The copy passes' statements made in parts, each variable a part and in parallel, are
    /// those made in one part: the rows, subjects, attributes, what the facts show and the
    /// figures to two significant figures.
    #[test]
    fn statements_made_in_parts_are_those_made_in_one() {
        let bulk = mixed_table();
        let keys = Keys::of(&bulk);
        let variables = variables_in_subject_order(&bulk);
        let ranks = ranks_of(&bulk, &variables);
        let made = |part_rows: usize| {
            let st = statements(&bulk, &keys, &variables, &ranks, part_rows);
            format!("{st:?}")
        };
        let in_one = made(usize::MAX);
        // Facts show values, and figures round: both are carried across the parts.
        assert!(in_one.contains("Shown {") && in_one.contains("Some(Rounded {"));
        // Each label the yes/no facts show by its own text's fingerprint.
        for label in ["yes", "no"] {
            let value = crate::Value::YesNo(label == "yes");
            let print = crate::reconcile::voice::fingerprint(&crate::crh::value_key(&value));
            assert!(in_one.contains(&format!("print: {print},")), "{label}");
        }
        assert_eq!(made(1), in_one);
        assert_eq!(made(PARALLEL_FROM / 3), in_one);
    }

    /// The epochs made in parts, each variable a part and in parallel, are those made in one
    /// part in turn: the observations in place, the intervals (phrases and ranges, held in
    /// several parts) joined and indexed in order, the epochs and each variable's latest.
    #[test]
    fn epochs_made_in_parts_are_those_made_in_turn() {
        let bulk = mixed_table();
        let keys = Keys::of(&bulk);
        let variables = variables_in_subject_order(&bulk);
        let ranks = ranks_of(&bulk, &variables);
        let policy = Policy::default();
        let made = |part_rows: usize, ranks: &[(Vec<u32>, usize)]| {
            let Made { obs, intervals, epochs, group_latest, spans } =
                epochs_of_all(&bulk, &keys, &variables, ranks, &policy, part_rows);
            let epoched = epochs.len();
            let text = format!("{obs:?} {intervals:?} {epochs:?} {group_latest:?} {spans:?}");
            (text, intervals.len(), epoched)
        };
        for ranks in [&ranks[..], &[]] {
            let in_turn = made(usize::MAX, ranks);
            // Intervals held in many parts, and an epoch or more a variable.
            assert!(
                in_turn.1 > 1_000 && in_turn.2 >= variables.len(),
                "{:?}",
                (in_turn.1, in_turn.2)
            );
            assert_eq!(made(1, ranks), in_turn);
            assert_eq!(made(PARALLEL_FROM / 3, ranks), in_turn);
        }
    }

    /// Each claim's rank is that of its key's text among its variable's distinct texts, as
    /// sorting the texts themselves gives it: with phrases several sources repeat ("about
    /// 1,200"), plain numbers written several ways that are one text, and a number a phrase
    /// and a plain cell share; the scratch reused from one variable to the next.
    #[test]
    fn number_ranks_are_the_ranks_of_the_texts() {
        let cells = [
            "about 1,200",
            "1200",
            "1,200",
            "about 1,200",
            "more than 30",
            "30",
            "1,234",
            "1234.0",
            "between 5 and 10",
            "about 1,200",
            "7",
            "10",
            "9.5",
            "more than 30",
            "1,000,000",
            "about 1.2 million",
            "0",
            "about 1,200",
        ];
        let mut csv = String::from("source,object,attribute,value\n");
        for (i, cell) in cells.iter().enumerate() {
            let other = cells[(i * 7) % cells.len()];
            csv.extend([
                format!("s{i},town,killed,\"{cell}\"\n"),
                format!("s{i},city,killed,\"{other}\"\n"),
            ]);
        }
        let parser = Parser::default();
        let bulk = Table::csv().read_bulk("t.csv", csv.as_bytes(), &parser).expect("a good table");
        assert!(bulk.rejected.is_empty(), "{:?}", bulk.rejected);
        let mut texts = Texts::default();
        let mut variables = 0;
        for (ci, c) in bulk.chunks.iter().enumerate() {
            for k in 0..c.kinds.len() {
                let (ranks, distinct) = number_ranks(&bulk, (ci, k), &mut texts);
                let lo = c.start[k];
                let keys: Vec<String> = (c.claims(lo..c.start[k + 1]).enumerate())
                    .map(|(j, cl)| {
                        let at = c.intervals.binary_search_by_key(&(lo + j), |&(p, _)| p).ok();
                        number_key(cl.value, at.and_then(|i| c.amounts.get(i).copied().flatten()))
                    })
                    .collect();
                let mut sorted = keys.clone();
                sorted.sort();
                sorted.dedup();
                assert!(sorted.len() < keys.len(), "no text repeats: {keys:?}");
                let expected: Vec<u32> = keys
                    .iter()
                    .map(|t| sorted.binary_search(t).map_or(u32::MAX, |r| r as u32))
                    .collect();
                assert_eq!((ranks, distinct), (expected, sorted.len()), "{keys:?}");
                variables += 1;
            }
        }
        assert_eq!(variables, 2);
    }

    /// Lines order as their texts do, which is how `file:line` ids order.
    #[test]
    fn lines_order_as_their_texts() {
        let mut lines: Vec<u32> = vec![0, 4_294_967_295, 4_294_967_294, 1_000_000_000, 999_999_999];
        lines.extend(0..1_200);
        lines.extend((0..200).map(|k| k * 21_474_836 + 7));
        // Each power of ten, padded and prefixed alike, and its neighbours.
        lines.extend((0..10).flat_map(|p| {
            let t = 10u32.pow(p);
            [t - 1, t, t + 1, 2 * t, 2 * t - 1]
        }));
        for &a in &lines {
            for &b in lines.iter().step_by(7) {
                let as_text = a.to_string().cmp(&b.to_string());
                assert_eq!(line_key(a).cmp(&line_key(b)), as_text, "{a} vs {b}");
            }
        }
        assert!(line_key(10) < line_key(9));
    }
}
