//! Sources and independence groups: relayed wires, declared owners, detected copying.

use super::voice_reason::{Agreement, CopyCounts, VoiceReason, VoiceWhy};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use foldhash::fast::FixedState;
use rayon::prelude::*;

use crate::crh::{self, Rounded, RoundedClass};
use crate::id::{SourceId, source_key};
use crate::subject::{Aliases, Measure, Nature};
use crate::value::{Close, Label, Policy, Value};

use super::echo::Agreements;
use super::group::GroupData;
use super::limit::index;
use super::store::ClaimStore;
use super::threads::{PARALLEL_FROM, cut, map_each, parts_of, sort_each};

/// Union-find over source names.
#[derive(Debug, Clone)]
struct Union {
    parent: Vec<usize>,
}

impl Union {
    /// `n` elements, each its own set.
    fn new(n: usize) -> Self {
        Union { parent: (0..n).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index wins, so the result does not depend on the order of joins.
        if ra < rb {
            self.parent[rb] = ra;
        } else {
            self.parent[ra] = rb;
        }
    }
}

/// One independence group.
#[derive(Debug, Clone)]
pub(crate) struct VoiceGroup {
    pub name: SourceId,
    /// Source indices (into `Voices::sources`).
    pub members: Vec<usize>,
    /// One name in the group, a source or not (a wire relayed claim by claim has no source
    /// among its members): what a merge joins.
    pub any_name: usize,
    pub reasons: Vec<VoiceReason>,
}

/// Who said each claim, and which sources are one voice.
#[derive(Debug, Clone)]
pub(crate) struct Voices {
    /// Every name seen: sources, wires, declared names. Sorted on the claim path; a table's
    /// sources in their order, then the declared names no source has.
    names: Vec<SourceId>,
    is_source: Vec<bool>,
    /// Wires that carry claims claim by claim: a voice though no claim names them as source.
    is_voice: Vec<bool>,
    is_wire: Vec<bool>,
    union: Union,
    reasons: Vec<(usize, usize, VoiceReason)>,
    /// Per claim: index into `names` of its source.
    claim_source: Vec<usize>,
    /// Per claim: index into `names` of the outlet that published it.
    claim_outlet: Vec<usize>,
    /// Per claim: index into `names` of the source whose voice it speaks with: its own, or
    /// for a relay of a wire's report, that report's (see `relay_voices`).
    claim_voice: Vec<usize>,
    /// Each relay of a wire's report with that report (the wire's latest of the figure by the
    /// relay's own date, itself perhaps a relay), by claim, in claim order (see
    /// `relay_voices`).
    relay_origins: Vec<(usize, usize)>,
    /// Per name: its group, after `finalize`.
    name_group: Vec<usize>,
    pub groups: Vec<VoiceGroup>,
    /// Voices that copy one another on some attributes only (the attribute passes of
    /// [`Voices::detect_copying`]): per name of such a voice, as its voice was when its set
    /// was taken, and attribute id (as [`Statements`] numbers them), its copying set there, by
    /// a name of the set's first voice. Kept by name, not by voice: a voice the whole-table
    /// passes later join to others brings only its own names into the set.
    on_attribute: HashMap<(usize, u32), usize, FixedState>,
    /// Per attribute id, its name, where `on_attribute` names it.
    attribute_names: Vec<String>,
    /// From how much work the copy passes run in parallel: [`PARALLEL_FROM`] (a test sets it
    /// to 0 or to `usize::MAX` to take each way).
    parallel_from: usize,
    /// When two figures are one answer where the truth is concerned ([`Statements::to_classes`]):
    /// the reconciler's [`Policy::close`], set by [`Voices::detect_copying_in`].
    close: Close,
}

/// A pair found copying, as `(copier, original, evidence in words)` by name.
type Pair = (usize, usize, VoiceReason);

/// The pairs of voices the block pass finds copying on one attribute alone
/// ([`Voices::attribute_copies`]).
#[derive(Debug)]
struct AttributeCopies {
    /// The attribute's id.
    attribute: u32,
    /// Its fixed facts, and the voices speaking on them, summed over them.
    facts: usize,
    speaking: usize,
    /// Each pair as `(copier, original, evidence in words)` by name.
    pairs: Vec<Pair>,
}

/// A source found copying others on one attribute alone ([`Voices::attribute_voices`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CopiedAttribute {
    /// The copier, a source's name.
    pub source: usize,
    /// What the attribute is called (its key).
    pub attribute: String,
    /// The voice (a group) of its copying set's first, which a report lists it under.
    pub voice: usize,
}

/// Relays of wires by unattributed claims. An outlet whose every unattributed claim it relays
/// from one wire (an article "based on materials from RIA Novosti") speaks with that wire's
/// voice: the two names join. An outlet that also reports on its own relays claim by claim:
/// its relayed claims speak with the wire's voice (`is_voice`), its own reporting stays its
/// own. Returns per claim its voice's name before `relay_voices`, and the reasons.
fn wire_relays<C: ClaimStore + ?Sized>(
    claims: &C,
    names: &ClaimNames,
    n_names: usize,
    union: &mut Union,
    is_wire: &mut [bool],
    is_voice: &mut [bool],
) -> (Vec<usize>, Vec<Pair>) {
    let (claim_source, claim_outlet) = (&names.source, &names.outlet);
    // An outlet whose every unattributed claim it relays from one wire (an article "based on
    // materials from RIA Novosti") speaks with that wire's voice; an outlet that also
    // reports on its own relays claim by claim, so its own reporting stays its own. Per
    // outlet: not seen, the one wire (or none) all its unattributed claims give, or mixed.
    let mut relays_only: Vec<Option<Option<usize>>> = vec![None; n_names];
    for (c, (&s, &outlet)) in claim_source.iter().zip(claim_outlet).enumerate() {
        if s != outlet {
            continue;
        }
        let wire = names.via[c];
        let e = relays_only[outlet].get_or_insert(wire);
        if *e != wire {
            *e = None;
        }
    }
    let mut reasons = Vec::new();
    let mut seen = BTreeSet::new();
    let mut base_voice = claim_source.clone();
    for (i, (&s, &outlet)) in claim_source.iter().zip(claim_outlet).enumerate() {
        let Some(wire) = names.via[i] else { continue };
        is_wire[wire] = true;
        if s != outlet {
            continue; // attributed: the speaker's voice, or its original's (below)
        }
        let Some(w) = claims.via(i) else { continue };
        if relays_only[outlet] == Some(Some(wire)) {
            if seen.insert((outlet, wire)) {
                union.join(outlet, wire);
                let why = VoiceWhy::Relays {
                    outlet: claims.outlet(i).clone(),
                    wire: w.clone(),
                    claim_by_claim: false,
                };
                reasons.push((outlet, wire, why.into()));
            }
        } else {
            base_voice[i] = wire;
            is_voice[wire] = true;
            if seen.insert((outlet, wire)) {
                let why = VoiceWhy::Relays {
                    outlet: claims.outlet(i).clone(),
                    wire: w.clone(),
                    claim_by_claim: true,
                };
                reasons.push((wire, wire, why.into()));
            }
        }
    }
    (base_voice, reasons)
}

/// One relays the other: a claim relayed via a wire and a claim that wire published itself,
/// with the same figure on the same subject, are one voice, whatever speakers either names. An
/// outlet relaying a wire that quoted a ministry is no second confirmation of the ministry.
/// The relayed claim takes the original's voice, claim by claim: joining the sources would
/// make every speaker a wire quotes one voice with every outlet that relays it. Only an
/// unambiguous original links: when the wire published that figure in two voices (from two
/// speakers, or once relaying another wire claim by claim and once on its own), which of them
/// the relay carries is unknown. O(n) over hash buckets of (subject, wire, figure).
/// `base_voice` is each claim's voice before (its source, or the wire it relays claim by
/// claim). Returns per claim the name whose voice it speaks with, the reasons, attached to
/// the original's voice, and each relay with the report it repeats (by claim, in claim order):
/// the wire's latest report of the figure by the relay's own date, itself perhaps a relay.
fn relay_voices<C: ClaimStore + ?Sized>(
    claims: &C,
    groups: &[GroupData],
    keys: &super::Keys,
    names: &ClaimNames,
    is_wire: &[bool],
    base_voice: &[usize],
) -> (Vec<usize>, Vec<Pair>, Vec<(usize, usize)>) {
    let (claim_source, claim_outlet) = (&names.source, &names.outlet);
    if names.via.iter().all(Option::is_none) {
        return (base_voice.to_vec(), Vec::new(), Vec::new());
    }
    // Only a wire's own claims can be the originals a relay points at.
    let mut published: HashMap<(usize, usize, usize), Vec<usize>, FixedState> = HashMap::default();
    for (gi, g) in groups.iter().enumerate() {
        for &c in g.members.iter().filter(|&&c| is_wire[claim_outlet[c]]) {
            published.entry((gi, claim_outlet[c], keys.of_claim[c])).or_default().push(c);
        }
    }
    // Each relay points at its original; a chain of relays (Daily relays RIA, which relays
    // AFP, which quoted the ministry) is one component, speaking with its first original.
    let mut relays_to: Vec<Option<usize>> = vec![None; claims.len()];
    let mut chains = Union::new(claims.len());
    for (gi, g) in groups.iter().enumerate() {
        for &c in &g.members {
            let Some(w) = names.via[c] else { continue };
            let Some(originals) = published.get(&(gi, w, keys.of_claim[c])) else {
                continue;
            };
            // Judged by voice, not source: an outlet relaying a wire claim by claim is one
            // source speaking in two voices, the wire's and its own. Of the wire's reports of
            // the figure (in as-of order), the one it repeats is the latest given by its own
            // date, else the first.
            let by = claims.as_of(c);
            let given = originals.partition_point(|&o| claims.as_of(o) <= by);
            let original = originals[given.saturating_sub(1)];
            if originals.iter().any(|&o| base_voice[o] != base_voice[original])
                || claim_source[c] == claim_source[original]
            {
                continue;
            }
            relays_to[c] = Some(original);
            chains.join(c, original);
        }
    }
    // Per component (by its root), its first claim that relays nothing.
    let mut first_original: Vec<Option<usize>> = vec![None; claims.len()];
    for c in (0..claims.len()).filter(|&c| relays_to[c].is_none()) {
        let root = chains.find(c);
        first_original[root].get_or_insert(c);
    }
    let mut voice_name = base_voice.to_vec();
    let mut reasons = Vec::new();
    let mut seen = BTreeSet::new();
    let mut origins = Vec::new();
    for c in 0..claims.len() {
        let Some(direct) = relays_to[c] else { continue };
        let root = chains.find(c);
        let origin = first_original[root].unwrap_or(direct);
        let voice = base_voice[origin];
        voice_name[c] = voice;
        origins.push((c, direct));
        let outlet = claims.outlet(c);
        let said = claims
            .said_by(direct)
            .map_or_else(|| claims.outlet(direct).to_string(), ToString::to_string);
        // An original that is the wire's own figure says no more than "B relays TASS", which
        // the outlet's relay gave already where it named no speaker: skipped before it is
        // seen, so an attributed relay of the same figure words it whatever the claims' order.
        let own =
            claim_source[c] == claim_outlet[c] && claims.via(c).is_some_and(|w| w.as_str() == said);
        if own || !seen.insert((claim_outlet[c], claim_source[direct])) {
            continue;
        }
        if let Some(wire) = claims.via(c) {
            let why = VoiceWhy::RelaysOriginal { outlet: outlet.clone(), wire: wire.clone(), said };
            reasons.push((voice, voice, why.into()));
        }
    }
    (voice_name, reasons, origins)
}

/// The source a speaker names: its canonical name, when that is a valid source id (else the
/// claim's source is its outlet).
fn speaker_source(speaker: &Label, aliases: &Aliases) -> Option<SourceId> {
    SourceId::new(aliases.canonical(speaker).as_str()).ok()
}

/// Per claim, the name indices (into `Voices::names`) of its source, outlet and relaying wire.
struct ClaimNames {
    source: Vec<usize>,
    outlet: Vec<usize>,
    via: Vec<Option<usize>>,
}

/// Names as the claims give them, each kept once: a table of millions of claims names a few
/// hundred sources, so what is done per name is done per distinct name.
#[derive(Default)]
struct Distinct {
    names: Vec<SourceId>,
    index: HashMap<String, usize, FixedState>,
}

impl Distinct {
    fn intern(&mut self, name: &SourceId) -> usize {
        if let Some(&d) = self.index.get(name.as_str()) {
            return d;
        }
        self.index.insert(name.as_str().to_owned(), self.names.len());
        self.names.push(name.clone());
        self.names.len() - 1
    }
}

/// Why two declared sources are one voice: the two names as the caller gave them and the
/// caller's reason.
fn declared_reason(a: &SourceId, b: &SourceId, why: &str) -> VoiceReason {
    VoiceWhy::Declared { a: a.clone(), b: b.clone(), why: why.to_owned() }.into()
}

/// One spelling for each name of `names` (each with its key in lower case): the first of its
/// spellings in byte order, by key, so the choice does not depend on the order of the names;
/// keys `taken` (spelt already, as a declared name that is a source's) are left out. Sources
/// and declared names are both matched so: "Police" and "police" are one source, "Owner" and
/// "owner" one declared name.
fn first_spellings<'k, 'a>(
    names: impl Iterator<Item = (&'k str, &'a SourceId)>,
    taken: impl Fn(&str) -> bool,
) -> BTreeMap<&'k str, &'a SourceId> {
    let mut spelling: BTreeMap<&str, &SourceId> = BTreeMap::new();
    for (key, name) in names.filter(|&(key, _)| !taken(key)) {
        let first = spelling.entry(key).or_insert(name);
        if name < *first {
            *first = name;
        }
    }
    spelling
}

/// The names the `declared` pairs (indices into `names`, with their keys in lower case,
/// `lower`) stand for: the name the claims give (`used`), spelt as they spell it (a source, an
/// outlet, a wire as relayed), else the one they give in lower case, a source's first
/// (`spelling`): "ria novosti" declares the source "RIA Novosti", or the wire when no source
/// has the name. A name the claims do not give is spelt as the first of its spellings among
/// the declarations, so "Owner" and "owner" are one link of a chain.
fn match_declared<'a>(
    declared: &[(usize, usize)],
    names: &'a [SourceId],
    lower: &'a [String],
    spelling: &BTreeMap<&'a str, &'a SourceId>,
    used: &BTreeSet<&'a SourceId>,
) -> Vec<(&'a SourceId, &'a SourceId)> {
    let used_keys: Vec<(String, &SourceId)> =
        used.iter().map(|&name| (source_key(name.as_str()), name)).collect();
    let others = first_spellings(used_keys.iter().map(|(k, n)| (k.as_str(), *n)), |key| {
        spelling.contains_key(key)
    });
    let declared_spelling = first_spellings(
        declared.iter().flat_map(|&(a, b)| [a, b]).map(|d| (lower[d].as_str(), &names[d])),
        |key| spelling.contains_key(key) || others.contains_key(key),
    );
    let name_of = |d: usize| -> &'a SourceId {
        let (name, key) = (&names[d], lower[d].as_str());
        if let Some(&used) = used.get(name) {
            return used;
        }
        spelling
            .get(key)
            .or_else(|| others.get(key))
            .or_else(|| declared_spelling.get(key))
            .copied()
            .unwrap_or(name)
    };
    declared.iter().map(|&(a, b)| (name_of(a), name_of(b))).collect()
}

impl Voices {
    pub fn build<C: ClaimStore + ?Sized>(
        claims: &C,
        groups: &[GroupData],
        keys: &super::Keys,
        aliases: &Aliases,
        declared: &[(SourceId, SourceId, String)],
    ) -> Self {
        // The source of a claim is the speaker it is attributed to, else the outlet. Each
        // distinct name (and speaker) is looked at once.
        let mut distinct = Distinct::default();
        let mut speakers: HashMap<&str, Option<usize>, FixedState> = HashMap::default();
        let n = claims.len();
        let (mut raw_source, mut raw_outlet, mut raw_via) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for c in 0..n {
            let outlet = distinct.intern(claims.outlet(c));
            let speaker = claims.said_by(c).and_then(|s| {
                if let Some(&d) = speakers.get(s.as_str()) {
                    return d;
                }
                let d = speaker_source(s, aliases).map(|id| distinct.intern(&id));
                speakers.insert(s.as_str(), d);
                d
            });
            raw_source.push(speaker.unwrap_or(outlet));
            raw_outlet.push(outlet);
            raw_via.push(claims.via(c).map(|w| distinct.intern(w)));
        }
        let declared_raw: Vec<(usize, usize)> =
            declared.iter().map(|(a, b, _)| (distinct.intern(a), distinct.intern(b))).collect();
        let mut is_raw_source = vec![false; distinct.names.len()];
        for &d in &raw_source {
            is_raw_source[d] = true;
        }
        // "Police" and "police" are one source: every spelling maps to the first in sort
        // order, so the choice does not depend on the order of the claims.
        let lower: Vec<String> =
            distinct.names.iter().map(|s| crate::id::source_key(s.as_str())).collect();
        let spelling = first_spellings(
            (0..distinct.names.len())
                .filter(|&d| is_raw_source[d])
                .map(|d| (lower[d].as_str(), &distinct.names[d])),
            |_| false,
        );
        // Per distinct name: the name it stands for as a source, and as an outlet.
        let as_source: Vec<Option<&SourceId>> = (0..distinct.names.len())
            .map(|d| is_raw_source[d].then(|| spelling[lower[d].as_str()]))
            .collect();
        let as_outlet: Vec<&SourceId> = (0..distinct.names.len())
            .map(|d| spelling.get(lower[d].as_str()).copied().unwrap_or(&distinct.names[d]))
            .collect();
        // The names the claims give: sources (one spelling a name in lower case), outlets (a
        // source's spelling when one has the name), wires as relayed.
        let used: BTreeSet<&SourceId> = as_source
            .iter()
            .flatten()
            .copied()
            .chain(raw_outlet.iter().map(|&d| as_outlet[d]))
            .chain(raw_via.iter().flatten().map(|&d| &distinct.names[d]))
            .collect();
        let declared_names: Vec<(&SourceId, &SourceId)> =
            match_declared(&declared_raw, &distinct.names, &lower, &spelling, &used);
        let mut all: BTreeSet<&SourceId> = as_source.iter().flatten().copied().collect();
        all.extend(raw_outlet.iter().chain(raw_via.iter().flatten()).map(|&d| &distinct.names[d]));
        all.extend(declared_names.iter().flat_map(|&(a, b)| [a, b]));
        let names: Vec<SourceId> = all.into_iter().cloned().collect();
        let name_of = |id: &SourceId| names.binary_search(id).unwrap_or_default();
        let source_name: Vec<usize> = as_source.iter().map(|s| s.map_or(0, name_of)).collect();
        let outlet_name: Vec<usize> = as_outlet.iter().map(|&s| name_of(s)).collect();
        let raw_name: Vec<usize> = distinct.names.iter().map(name_of).collect();
        let claim_names = ClaimNames {
            source: raw_source.iter().map(|&d| source_name[d]).collect(),
            outlet: raw_outlet.iter().map(|&d| outlet_name[d]).collect(),
            via: raw_via.iter().map(|w| w.map(|d| raw_name[d])).collect(),
        };
        let mut union = Union::new(names.len());
        let mut is_source = vec![false; names.len()];
        let mut is_wire = vec![false; names.len()];
        for &s in &claim_names.source {
            is_source[s] = true;
        }
        let mut is_voice = vec![false; names.len()];
        let (base_voice, mut reasons) =
            wire_relays(claims, &claim_names, names.len(), &mut union, &mut is_wire, &mut is_voice);
        let (claim_voice, relayed, relay_origins) =
            relay_voices(claims, groups, keys, &claim_names, &is_wire, &base_voice);
        reasons.extend(relayed);
        for ((a, b, why), &(na, nb)) in declared.iter().zip(&declared_names) {
            let (ia, ib) = (name_of(na), name_of(nb));
            union.join(ia, ib);
            reasons.push((ia, ib, declared_reason(a, b, why)));
        }
        let mut v = Voices {
            names,
            is_source,
            is_voice,
            is_wire,
            union,
            reasons,
            claim_source: claim_names.source,
            claim_outlet: claim_names.outlet,
            claim_voice,
            relay_origins,
            name_group: Vec::new(),
            groups: Vec::new(),
            on_attribute: HashMap::default(),
            attribute_names: Vec::new(),
            parallel_from: PARALLEL_FROM,
            close: Policy::default().close_rule(),
        };
        v.finalize();
        v
    }

    /// The voices of a table read in bulk: each of `sources` (checked names, in the table's
    /// source order, one spelling a name in lower case: name `s` is source `s`) a voice of its
    /// own, no outlets, wires or relays, but for the `declared` pairs, each one voice, matched
    /// as [`Voices::build`] matches them (in lower case; a name no source has, such as an
    /// owner that links two pairs, is a name after the sources). No claim is held:
    /// [`Voices::group_of_name`] gives a source's voice.
    pub fn of_sources(sources: &[String], declared: &[(SourceId, SourceId, String)]) -> Self {
        let mut names: Vec<SourceId> = sources.iter().map(|s| SourceId::of_checked(s)).collect();
        let n = names.len();
        // Per name in lower case, its index: the sources', then each declared name no source
        // has, as it first appears, spelt as the first of its spellings among the declarations.
        let mut index_of: HashMap<String, usize, FixedState> =
            names.iter().enumerate().map(|(i, s)| (source_key(s.as_str()), i)).collect();
        let keys: Vec<(String, &SourceId)> = declared
            .iter()
            .flat_map(|(a, b, _)| [a, b])
            .map(|name| (source_key(name.as_str()), name))
            .collect();
        let declared_spelling =
            first_spellings(keys.iter().map(|(key, name)| (key.as_str(), *name)), |key| {
                index_of.contains_key(key)
            });
        let mut at: Vec<usize> = Vec::with_capacity(keys.len());
        for (key, name) in &keys {
            let next = names.len();
            let i = *index_of.entry(key.clone()).or_insert(next);
            if i == next {
                let spelt = declared_spelling.get(key.as_str()).copied().unwrap_or(name);
                names.push(spelt.clone());
            }
            at.push(i);
        }
        let mut union = Union::new(names.len());
        let mut reasons = Vec::with_capacity(declared.len());
        for ((a, b, why), pair) in declared.iter().zip(at.chunks_exact(2)) {
            union.join(pair[0], pair[1]);
            reasons.push((pair[0], pair[1], declared_reason(a, b, why)));
        }
        let total = names.len();
        let mut is_source = vec![true; total];
        is_source[n..].fill(false);
        let mut v = Voices {
            names,
            is_source,
            is_voice: vec![false; total],
            is_wire: vec![false; total],
            union,
            reasons,
            claim_source: Vec::new(),
            claim_outlet: Vec::new(),
            claim_voice: Vec::new(),
            relay_origins: Vec::new(),
            name_group: Vec::new(),
            groups: Vec::new(),
            on_attribute: HashMap::default(),
            attribute_names: Vec::new(),
            parallel_from: PARALLEL_FROM,
            close: Policy::default().close_rule(),
        };
        v.finalize();
        v
    }

    fn finalize(&mut self) {
        let n = self.names.len();
        let roots: Vec<usize> = (0..n).map(|i| self.union.find(i)).collect();
        let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &r) in roots.iter().enumerate() {
            by_root.entry(r).or_default().push(i);
        }
        self.groups.clear();
        self.name_group = vec![usize::MAX; n];
        let mut ordered: Vec<(SourceId, Vec<usize>)> = by_root
            .into_values()
            .filter(|members| members.iter().any(|&m| self.is_source[m] || self.is_voice[m]))
            .map(|members| {
                // Its wire, else its first source by name in lower case (then in bytes): one
                // rule whatever order the names are held in ("alpha" before "Beta").
                let first_source = members
                    .iter()
                    .filter(|&&m| self.is_source[m])
                    .min_by_key(|&&m| (source_key(self.names[m].as_str()), &self.names[m]));
                let name = members
                    .iter()
                    .find(|&&m| self.is_wire[m])
                    .or(first_source)
                    .map_or_else(|| self.names[members[0]].clone(), |&m| self.names[m].clone());
                (name, members)
            })
            .collect();
        ordered.sort_by(|a, b| a.0.cmp(&b.0));
        for (gi, (name, members)) in ordered.into_iter().enumerate() {
            for &m in &members {
                self.name_group[m] = gi;
            }
            let any_name = members[0];
            // Its sources by name in lower case, then in bytes, as the name is chosen: the
            // same list whatever order the names are held in (a table's in lower-case order,
            // a corpus's in bytes), and the name its first member when no wire names it.
            let mut members: Vec<usize> =
                members.into_iter().filter(|&m| self.is_source[m]).collect();
            members.sort_by_cached_key(|&m| {
                (source_key(self.names[m].as_str()), self.names[m].clone())
            });
            self.groups.push(VoiceGroup { name, members, any_name, reasons: Vec::new() });
        }
        // Each reason to the group of its first name, in the order given: one pass.
        for (a, _, r) in &self.reasons {
            if let Some(g) = self.groups.get_mut(self.name_group[*a]) {
                g.reasons.push(r.clone());
            }
        }
    }

    /// Each relay of a wire's report, by claim in claim order, with the claim of that report
    /// (the wire's latest of the figure by the relay's own date, itself perhaps a relay).
    pub(crate) fn relay_origins(&self) -> &[(usize, usize)] {
        &self.relay_origins
    }

    /// The independence group of claim `i`.
    pub fn voice_of(&self, claim: usize) -> usize {
        self.name_group[self.claim_voice[claim]]
    }

    /// The outlet (name index) that published claim `i`.
    pub fn outlet_of_claim(&self, claim: usize) -> usize {
        self.claim_outlet[claim]
    }

    /// How many names (sources, outlets, wires, declared names) there are: name indices lie
    /// below it.
    pub fn n_names(&self) -> usize {
        self.names.len()
    }

    /// The source (name index) of claim `i`.
    pub fn source_of_claim(&self, claim: usize) -> usize {
        self.claim_source[claim]
    }

    pub fn name(&self, name: usize) -> &SourceId {
        &self.names[name]
    }

    pub fn group_of_name(&self, name: usize) -> usize {
        self.name_group[name]
    }

    /// All source name indices, in name order.
    pub fn sources(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.names.len()).filter(|&i| self.is_source[i])
    }

    /// Merges groups of sources that copy each other, in the spirit of ACCU (Dong, Berti-Equille
    /// and Srivastava, "Integrating conflicting data: the role of source dependence", VLDB
    /// 2009): independent sources rarely share the same *rare* figures, so two voices that
    /// give identical figures no third voice gives, on at least [`MIN_RARE_SHARED`] subjects
    /// and on more than chance explains (see [`Coincidences`]), and agree on at least 80 % of
    /// the subjects they both cover, are taken for one voice (the second pass, see
    /// [`Voices::detect_rare_sharing`]). Before it, a first pass finds a block of copiers that
    /// outvotes the honest voices (see [`Voices::echoing_blocks`]), read once with
    /// figures compared exactly, once with a round figure and the precise figure it rounds
    /// taken for one ([`Statements::to_two_figures`]), so copies an editor rounded agree, and
    /// once with the truth read by classes of close figures and copying to the digit
    /// ([`Statements::to_classes`]), so honest voices' own close counts agree on the truth;
    /// after it, a third finds cliques of more than two voices from the *false* figures they
    /// share (see [`Voices::detect_false_sharing`]).
    ///
    /// Around these three, voices that copy one another on some attributes only
    /// ([`Voices::attribute_copies`]): on those attributes a figure one of them repeats from
    /// another counts once ([`Voices::voices_on_subject`]), the rest as their own. Copying
    /// sets that outvote the rest of their attribute are taken before the three passes, which
    /// then read the statements so ([`Statements::with_copies_once`]): a copying majority on
    /// one attribute makes the vote there wrong, the voices' accuracies with it, and the
    /// whole-table passes then read honest voices agreeing on the truth as a block (on
    /// generated tables of a clique copying one of 2 to 4 attributes, 13 of 30 joined honest
    /// sources so). The other sets are taken after them, unless they made their voices one.
    /// Each time sets are taken, the passes over each attribute run again on the statements
    /// with the sets' copies counted once, for the copies of a copy the first reading left
    /// ([`Voices::grow_attribute_sets`]). A copier of every attribute is left to the three
    /// passes (see `attribute_copies`).
    pub fn detect_copying(&mut self, keys: &super::Keys, groups: &[GroupData], close: Close) {
        let statements = Statements::of_groups(groups, keys, &self.claim_voice);
        self.detect_copying_in(&statements, close);
        if self.copy_some_attributes() {
            // Each claim of a copied attribute speaks with its voice there (one subject a
            // group, in order), as the name of that voice.
            let mut voices = Vec::new();
            for (g, &a) in groups.iter().zip(statements.attributes()) {
                let said: Vec<(usize, usize)> =
                    g.members.iter().map(|&c| (self.claim_voice[c], keys.of_claim[c])).collect();
                self.voices_on_subject(a, &said, &mut voices);
                for (&c, &v) in g.members.iter().zip(&voices) {
                    if v != self.name_group[self.claim_voice[c]] {
                        self.claim_voice[c] = self.groups[v].any_name;
                    }
                }
            }
        }
    }

    /// The voices (groups) the statements `said` of one subject of attribute id `attribute`
    /// (as [`Statements`] numbers them) speak with, into `out`: each `(name, key)` its name's
    /// voice, but where that voice was found copying others on this attribute alone
    /// ([`Voices::attribute_copies`]) and one of them gives the same key on this
    /// subject, the first of those in voice order: the copy and what it copies count once. A
    /// figure no other of them gives stays its giver's own (a copier that answers on its own
    /// there is an independent voice), and no voice is given two figures by this rule.
    pub fn voices_on_subject(&self, attribute: u32, said: &[(usize, usize)], out: &mut Vec<usize>) {
        out.clear();
        out.extend(said.iter().map(|&(name, _)| self.name_group[name]));
        if self.on_attribute.is_empty() {
            return;
        }
        let set_of = |name: usize| self.on_attribute.get(&(name, attribute)).copied();
        // Per copying set and key, the first voice giving it.
        let mut first: HashMap<(usize, usize), usize, FixedState> = HashMap::default();
        for (&g, &(name, key)) in out.iter().zip(said) {
            if let Some(set) = set_of(name) {
                let v = first.entry((set, key)).or_insert(g);
                *v = (*v).min(g);
            }
        }
        if first.is_empty() {
            return;
        }
        for (g, &(name, key)) in out.iter_mut().zip(said) {
            if let Some(set) = set_of(name) {
                *g = first[&(set, key)];
            }
        }
    }

    /// Whether any voices were found copying one another on some attributes alone: only then
    /// do the voices of an attribute's statements need [`Voices::voices_on_subject`].
    pub fn copy_some_attributes(&self) -> bool {
        !self.on_attribute.is_empty()
    }

    /// Each source found copying others on an attribute alone, with the voice of its copying
    /// set's first (the voice a report lists it under), by source, then attribute name; a
    /// source of that voice itself is not listed.
    pub fn attribute_voices(&self) -> Vec<CopiedAttribute> {
        let mut out: Vec<CopiedAttribute> = (self.on_attribute.iter())
            .filter(|&(&(name, _), _)| self.is_source[name])
            .map(|(&(source, a), &set)| CopiedAttribute {
                source,
                attribute: self.attribute_names.get(a as usize).cloned().unwrap_or_default(),
                voice: self.name_group[set],
            })
            .filter(|c| self.name_group[c.source] != c.voice)
            .collect();
        out.sort_by(|x, y| {
            let key = |c: &CopiedAttribute| {
                let name = &self.names[c.source];
                (source_key(name.as_str()), name.clone(), c.attribute.clone())
            };
            key(x).cmp(&key(y))
        });
        out
    }

    /// [`Voices::detect_copying`] on statements from any path: `Reconciler`'s groups
    /// ([`Statements::of_groups`]) or a table's columns. The copying sets of some attributes
    /// alone that outvote, the three passes in order, then the other sets. Figures `close`
    /// holds between are one answer where the truth is concerned ([`Statements::to_classes`]).
    pub fn detect_copying_in(&mut self, statements: &Statements, close: Close) {
        self.close = close;
        let as_said = statements;
        // First, voices copying one another on some attributes alone: the passes over the
        // whole table then read a figure one repeats from another there once.
        let found = self.attribute_copies(statements);
        let (taken, left) =
            self.take_attribute_sets(found, &statements.attribute_names, true, false);
        if taken {
            self.grow_attribute_sets(statements);
        }
        let merged = taken.then(|| statements.with_copies_once(self));
        let statements = merged.as_ref().unwrap_or(statements);
        // What each fixed fact's values allow, read from the claims as they are: the second
        // reading's keys are numbered subject by subject.
        let (domains, two_way): (Vec<u32>, Vec<bool>) = statements.domains().into_iter().unzip();
        // Copies an editor rounded ("1,200" for the wire's "1,234") agree only to two
        // significant figures: the same pass again, where a round figure and the one precise
        // figure of its subject that rounds to it are one. On the same voices as the first: a
        // clique rounding every copy alike gives one another's figures exactly, so the first
        // reading finds the copies without their original, and counted as one voice they no
        // longer outvote anything with it.
        let echoes = self.readings(statements, &domains);
        if !echoes.is_empty() {
            for (mc, mo, why) in echoes {
                // A pair several readings find is joined, and explained, once.
                if self.union.find(mc) != self.union.find(mo) {
                    self.union.join(mc, mo);
                    self.reasons.push((mo, mc, why));
                }
            }
            self.finalize();
            self.grow_echoing_voices(statements, &domains);
        }
        self.detect_rare_sharing(statements);
        self.detect_false_sharing(statements, &two_way);
        // Then the rest of the copying of some attributes alone, unless these passes made
        // its voices one.
        let (taken, _) = self.take_attribute_sets(left, &statements.attribute_names, false, false);
        if taken {
            self.grow_attribute_sets(as_said);
        }
    }

    /// The copies of a copy that the block pass over the whole table leaves, joined to the
    /// voice they copy: the pass runs again, every reading, on `statements` with each voice of
    /// several sources speaking once on each fixed fact, with the value its members give most
    /// there ([`Statements::with_voices_once`]), for at most [`GROWTH_ROUNDS`] rounds, until
    /// a round joins nothing. `domains` are the subjects' as [`Statements::domains`] read
    /// them from the claims.
    ///
    /// As on one attribute ([`Voices::grow_attribute_sets`]), the first reading may read a
    /// family's copies as copying its hidden original and some of them as copying another
    /// copy, and takes only the first. A voice joined by copying gives several values on a
    /// subject, its members' copies and their own answers, so no other voice agreed with it
    /// as a whole; speaking once, with its members' commonest value, it agrees with what its
    /// leftovers copy, and a block reading, with its own tests, finds them. On
    /// `examples/copying -- --seeds 20 --noise 0.5`, four cliques of twelve rounding half
    /// their copies left copiers out (seed 8: three, and 0.842 of the counts right); with
    /// them found, 0.973 to 0.982. A pair found so says, in its reason, that its counts are
    /// against the original's whole voice.
    fn grow_echoing_voices(&mut self, statements: &Statements, domains: &[u32]) {
        for _ in 0..GROWTH_ROUNDS {
            let once = statements.with_voices_once(self);
            let echoes = self.readings(&once, domains);
            let mut joined = false;
            for (mc, mo, why) in echoes {
                if self.union.find(mc) != self.union.find(mo) {
                    self.union.join(mc, mo);
                    // Its counts are against the original's whole voice, not the source
                    // the block pass's words name.
                    let voice = self.groups[self.name_group[mo]].name.clone();
                    let why = VoiceWhy::ReadAgain { why: Box::new(why.into_why()), voice };
                    self.reasons.push((mo, mc, why.into()));
                    joined = true;
                }
            }
            if !joined {
                break;
            }
            self.finalize();
        }
    }

    /// The copies of a copy that a set taken on an attribute leaves, added to the set: the
    /// passes over each attribute alone ([`Voices::attribute_copies`]) run again on
    /// `statements` with every set's copies counted once ([`Statements::with_copies_once`]),
    /// and a voice in no set that they find copying a set's own voice there (the voice that
    /// speaks for the set's figures counted once, not another member) joins that set
    /// ([`Voices::take_attribute_sets`], growing), for at most [`GROWTH_ROUNDS`] rounds,
    /// until a round takes nothing. A pair of two voices in no set is not taken here: new
    /// sets are the first and the later call's to take, by their size.
    ///
    /// The first reading of an attribute may read a family's copies as copying its hidden
    /// original ([`super::echo`]) and some of them as copying another copy; it takes the
    /// first and leaves the second, whose pairs a family grown around a good original would
    /// make of honest voices too. Those it leaves then outvote the honest voices with the
    /// set's original. Counted once, the set no longer hides what they copy: each agrees with
    /// the set's voice as a copy does, and a block reading, with its own tests, finds it. On
    /// `examples/copying -- --seeds 8 --only counts --noise 0.5` (cliques of twelve copying
    /// the counts alone and rounding half their copies), the first reading left four or five
    /// copiers of three tables out of their set, and the counts right were 0.460, 0.489 and
    /// 0.537 on seeds 2, 5 and 8; with them found, 0.962, 0.977 and 0.958.
    fn grow_attribute_sets(&mut self, statements: &Statements) {
        for _ in 0..GROWTH_ROUNDS {
            let found = self.attribute_copies(&statements.with_copies_once(self));
            let (taken, _) =
                self.take_attribute_sets(found, &statements.attribute_names, false, true);
            if !taken {
                break;
            }
        }
    }

    /// Voices that copy one another on some attributes and speak on their own on the rest, as
    /// pairs by attribute ([`Voices::detect_copying`] takes them). Dong, Berti-Equille and
    /// Srivastava judge copying per pair of sources over all they say; a copier of one
    /// attribute dilutes its evidence with the attributes it does not copy, and the
    /// whole-table passes miss it (issue 13's `examples/copying -- --only labels`: every
    /// copier missed, the clique's figures winning). So, on tables of two attributes or more
    /// with fixed facts, the block pass ([`Voices::echoing_blocks`], every reading) on each
    /// attribute's fixed facts alone. A pair it finds there, not already one voice, counts
    /// only where it agrees on under [`super::echo::MIN_COPY_RATE`] of the fixed facts it
    /// shares on the other attributes: where it agrees as much off the attribute (or shares
    /// nothing there), nothing sets the attribute apart, and the whole-table passes judge the
    /// pair (a copier of every attribute is theirs). Without that test, on the flights data
    /// the airlines' own sites and a group of trackers that agree with them, a minority on
    /// actual departures against a block one minute later, were read as copies of one another
    /// there, and 0.945 of the flights right fell to 0.925.
    fn attribute_copies(&self, statements: &Statements) -> Vec<AttributeCopies> {
        let facts = statements.fixed_by_attribute();
        if facts.iter().filter(|f| !f.is_empty()).count() < 2 {
            return Vec::new();
        }
        let mut found: Vec<AttributeCopies> = Vec::new();
        for (a, subjects) in facts.iter().enumerate().filter(|(_, f)| !f.is_empty()) {
            let attribute = index(a);
            let alone = statements.of_attribute(attribute, subjects);
            let domains: Vec<u32> = alone.domains().into_iter().map(|(d, _)| d).collect();
            let pairs = self.readings(&alone, &domains);
            if !pairs.is_empty() {
                let voice_of = |sp: u32| self.name_group[alone.speakers[sp as usize]];
                let said = said_of_each(alone.fixed(), voice_of, self.parallel_from);
                let speaking: usize = said.iter().map(|said| said.ends.len()).sum();
                found.push(AttributeCopies { attribute, facts: subjects.len(), speaking, pairs });
            }
        }
        if found.is_empty() {
            return found;
        }
        // Each voice's figures on every fixed fact, with the fact's attribute, to tell how
        // often a pair agrees off the attribute it was found copying.
        let voice = self.speaker_voices(statements);
        let mut attribute_of = vec![0u32; statements.subjects.len()];
        for (a, subjects) in facts.iter().enumerate() {
            for &i in subjects {
                attribute_of[i] = index(a);
            }
        }
        // Each pair found, once however many attributes it was found on, with the fixed
        // facts the two share and those they agree on, per attribute and in all: one pass
        // over the facts, each voice on a fact looking up only its own partners, so the cost
        // is the facts' voices times their partners, not the pairs times their facts.
        let mut pairs: Vec<(usize, usize)> = (found.iter())
            .flat_map(|copies| copies.pairs.iter())
            .map(|&(mc, mo, _)| {
                let (x, y) = (self.name_group[mc], self.name_group[mo]);
                (x.min(y), x.max(y))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut partners: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.groups.len()];
        for (p, &(x, y)) in pairs.iter().enumerate() {
            partners[x].push((y, p));
        }
        let mut in_all = vec![(0usize, 0usize); pairs.len()];
        let mut on: HashMap<(usize, u32), (usize, usize), FixedState> = HashMap::default();
        let fixed: Vec<(usize, &[(u32, u32)])> = (statements.subjects().enumerate())
            .filter(|(_, (fixed, _))| *fixed)
            .map(|(i, (_, rows))| (i, rows))
            .collect();
        let rows = fixed.iter().map(|&(_, rows)| rows);
        let said = said_of_each(rows, |sp| voice[sp as usize], self.parallel_from);
        for (&(i, _), said) in fixed.iter().zip(said.iter()) {
            let voices: Vec<(usize, &[u32])> = said.by_voice().collect();
            for &(v, fv) in &voices {
                for &(w, p) in &partners[v] {
                    if let Ok(at) = voices.binary_search_by_key(&w, |&(u, _)| u) {
                        let alike = usize::from(fv == voices[at].1);
                        let counted = &mut in_all[p];
                        *counted = (counted.0 + 1, counted.1 + alike);
                        let counted = on.entry((p, attribute_of[i])).or_default();
                        *counted = (counted.0 + 1, counted.1 + alike);
                    }
                }
            }
        }
        // Whether voices `x` and `y` agree on MIN_COPY_RATE or more of the fixed facts they
        // share off attribute `a`, or share none there: nothing then sets copying of `a`
        // apart from the rest, and the passes over the whole table have judged the pair.
        let alike_elsewhere = |a: u32, x: usize, y: usize| {
            let Ok(p) = pairs.binary_search(&(x.min(y), x.max(y))) else {
                return true;
            };
            let (on_common, on_same) = on.get(&(p, a)).copied().unwrap_or_default();
            let (common, same) = (in_all[p].0 - on_common, in_all[p].1 - on_same);
            common == 0 || same as f64 >= super::echo::MIN_COPY_RATE * common as f64
        };
        for copies in &mut found {
            let a = copies.attribute;
            copies.pairs.retain(|&(mc, mo, _)| {
                !alike_elsewhere(a, self.name_group[mc], self.name_group[mo])
            });
        }
        found.retain(|copies| !copies.pairs.is_empty());
        found
    }

    /// Takes the copying sets `found` makes ([`Voices::attribute_copies`]), with `outvoting`
    /// only those of more than half the voices speaking on one of the attribute's facts, on
    /// average; returns whether any was taken, and the pairs of the sets left (by attribute,
    /// for a later call). A pair already one voice is dropped; a voice already in a set on an
    /// attribute stays in it, and a pair with a voice in a set there joins nothing, unless
    /// `growing` ([`Voices::grow_attribute_sets`]): then only a pair of a set's own voice and
    /// a voice in no set is taken, adding the second to the set (whatever `outvoting`), and
    /// a voice joins one set at most. See [`Voices::detect_copying`].
    fn take_attribute_sets(
        &mut self,
        found: Vec<AttributeCopies>,
        names: &[String],
        outvoting: bool,
        growing: bool,
    ) -> (bool, Vec<AttributeCopies>) {
        let mut taken_any = false;
        let mut left = Vec::new();
        // Per voice, every name it holds (sources, outlets, wires: whatever speaks).
        let mut names_of: Vec<Vec<usize>> = vec![Vec::new(); self.groups.len()];
        for (n, &g) in self.name_group.iter().enumerate() {
            if let Some(names) = names_of.get_mut(g) {
                names.push(n);
            }
        }
        for copies in found {
            let attribute = copies.attribute;
            // Per voice, the set it is in on the attribute already, by its set's voice (a name).
            let in_set: Vec<Option<usize>> = (0..self.groups.len())
                .map(|g| names_of[g].iter().find_map(|&n| self.on_attribute.get(&(n, attribute))))
                .map(Option::<&usize>::copied)
                .collect();
            let (mut union, voice_of_set, joined) = self.join_pairs(copies.pairs, &in_set, growing);
            let roots: Vec<usize> = (0..self.groups.len()).map(|g| union.find(g)).collect();
            let mut size = vec![0usize; self.groups.len()];
            for &root in &roots {
                size[root] += 1;
            }
            // Per root, the voice of the set taken before, if its voices hold one (only when
            // growing: the union holds no set otherwise).
            let mut set_voice: BTreeMap<usize, usize> = BTreeMap::new();
            for (g, &voice) in voice_of_set.iter().enumerate() {
                if let Some(voice) = voice {
                    set_voice.insert(roots[g], voice);
                }
            }
            // Growing, a set taken before takes its new voices whatever its size; a new set,
            // as in a first call, by its size.
            let kept = |root: usize| {
                if growing {
                    return set_voice.contains_key(&root) && size[root] > 1;
                }
                size[root] > 1 && (!outvoting || 2 * size[root] * copies.facts > copies.speaking)
            };
            let voice_of =
                |root: usize| set_voice.get(&root).copied().unwrap_or(self.groups[root].any_name);
            let name = names.get(attribute as usize).map_or("", String::as_str);
            // Each set kept, with its voices new to it (its first itself included, when the
            // set is new), and first what its voices' figures there count as; then each
            // pair's evidence.
            let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (g, &root) in roots.iter().enumerate().filter(|&(_, &root)| kept(root)) {
                if in_set[g].is_none() {
                    sets.entry(root).or_default().push(g);
                }
            }
            for (&root, members) in &sets {
                let voice = voice_of(root);
                for &n in members.iter().flat_map(|&g| &names_of[g]) {
                    self.on_attribute.insert((n, attribute), voice);
                }
                // Named in full up to eight, as a report's line can hold them.
                let in_full = if members.len() > 8 { 7 } else { members.len() };
                let why = VoiceWhy::AttributeSet {
                    voices: members[..in_full]
                        .iter()
                        .map(|&g| self.groups[g].name.clone())
                        .collect(),
                    more: members.len() - in_full,
                    attribute: name.to_owned(),
                    of: set_voice.contains_key(&root).then(|| self.names[voice].clone()),
                };
                self.reasons.push((voice, voice, why.into()));
                taken_any = true;
            }
            let mut rest = Vec::new();
            for (mc, mo, why) in joined {
                let (gc, root) = (self.name_group[mc], roots[self.name_group[mc]]);
                if kept(root) {
                    let (voice, copier) = (voice_of(root), self.groups[gc].any_name);
                    let why = VoiceWhy::OnAttribute {
                        attribute: name.to_owned(),
                        why: Box::new(why.into_why()),
                    };
                    self.reasons.push((voice, copier, why.into()));
                } else {
                    rest.push((mc, mo, why));
                }
            }
            if !rest.is_empty() {
                left.push(AttributeCopies { pairs: rest, ..copies });
            }
        }
        if taken_any {
            self.attribute_names = names.to_vec();
            // Each reason to its voice.
            self.finalize();
        }
        (taken_any, left)
    }

    /// The union of the voices that `pairs` found copying one attribute join (see
    /// [`Voices::take_attribute_sets`], whose rules for `growing` it applies), with per voice
    /// the name of the set it is the voice of, when growing, and the pairs taken.
    fn join_pairs(
        &self,
        pairs: Vec<Pair>,
        in_set: &[Option<usize>],
        growing: bool,
    ) -> (Union, Vec<Option<usize>>, Vec<Pair>) {
        // The copies of one original there, as a set listed under its first voice (a
        // union's root is its lowest). Growing, a voice in no set joins a set taken
        // before, under its voice, only through a pair with that voice itself (the voice
        // that speaks for the set's figures counted once: another member keeps only the
        // figures where it departs from the set, too few and too odd to judge a pair by),
        // each voice one set at most, and no pair of two voices in no set.
        let mut union = Union::new(self.groups.len());
        // Per voice, the set's voice (a name) when it is the voice of a set taken before.
        let mut voice_of_set: Vec<Option<usize>> = vec![None; self.groups.len()];
        if growing {
            for (g, set) in in_set.iter().enumerate() {
                if let &Some(voice) = set {
                    union.join(g, self.name_group[voice]);
                    voice_of_set[self.name_group[voice]] = Some(voice);
                }
            }
        }
        let mut joined = Vec::new();
        // Growing, the voices that joined a set by an earlier pair of this call.
        let mut taken = vec![false; self.groups.len()];
        for (mc, mo, why) in pairs {
            let (gc, go) = (self.name_group[mc], self.name_group[mo]);
            if union.find(gc) == union.find(go) {
                continue;
            }
            let join = if growing {
                let free = |g: usize| in_set[g].is_none() && voice_of_set[g].is_none();
                // The voice joining and the set's voice; the joining voice still alone
                // (not joined to another set by an earlier pair of this call).
                let pair = match (voice_of_set[gc], voice_of_set[go]) {
                    (None, Some(_)) if free(gc) => Some((gc, go)),
                    (Some(_), None) if free(go) => Some((go, gc)),
                    _ => None,
                };
                pair.is_some_and(|(joining, _)| !std::mem::replace(&mut taken[joining], true))
            } else {
                in_set[gc].is_none() && in_set[go].is_none()
            };
            if join {
                union.join(gc, go);
                joined.push((mc, mo, why));
            }
        }
        (union, voice_of_set, joined)
    }

    /// The block pass's readings of `statements` ([`Voices::echoing_blocks`]): exactly; then
    /// to two significant figures when any key is an amount; then with the truth read by
    /// classes of close figures and copying to the digit ([`Statements::to_classes`]) when
    /// any subject has close figures; the earlier readings' copiers first. One after the
    /// other: side by side (`rayon::join`, the first two) they saved 0.25 s of 9 at 10^7
    /// rows, but held both readings at once, which raised the table path's resident peak by
    /// 14 MiB at 10^6 rows and at 10^7 put it past 1 GiB in two runs of seven (1,028 and
    /// 1,035 MiB).
    fn readings(&self, statements: &Statements, domains: &[u32]) -> Vec<Pair> {
        let mut echoes = self.echoing_blocks(statements, domains, Agreement::Exact);
        if let Some(rounded) = statements.to_two_figures(self.parallel_from) {
            echoes.extend(self.echoing_blocks(&rounded, domains, Agreement::TwoFigures));
        }
        if let Some(classed) = statements.to_classes(self.close) {
            let agreement = Agreement::TruthByClass(self.close.permille());
            echoes.extend(self.echoing_blocks(&classed, domains, agreement));
        }
        echoes
    }

    /// Per speaker of `statements`, its voice now.
    fn speaker_voices(&self, statements: &Statements) -> Vec<usize> {
        statements.speakers.iter().map(|&name| self.name_group[name]).collect()
    }

    /// The first pass of [`Voices::detect_copying`]: a block of copiers that outvotes the
    /// truth (see [`super::echo`]). Each copier found, as `(copier, original, evidence in
    /// words)` by name, to be one voice with its original.
    fn echoing_blocks(
        &self,
        statements: &Statements,
        domains: &[u32],
        agreement: Agreement,
    ) -> Vec<Pair> {
        let order: Vec<u32> = statements.order.iter().map(|&o| index(o)).collect();
        let mut sets = FigureSets::new(statements.keys);
        let voice = self.speaker_voices(statements);
        // Only fixed facts have one true value (as in `detect_false_sharing`).
        let fixed = said_of_each(statements.fixed(), |sp| voice[sp as usize], self.parallel_from);
        let draws = self.groups.iter().map(|g| super::echo::draw_of(g.name.as_str())).collect();
        let said = echo_said(&fixed, domains, &mut sets, self.groups.len(), order)
            .drawn(draws)
            .in_parallel_from(self.parallel_from)
            .classed(statements.classes.clone());
        let mut found = Vec::new();
        for e in super::echo::find(&said) {
            let (copier, original) = (&self.groups[e.copier], &self.groups[e.original]);
            let counts = CopyCounts {
                agreement,
                same: e.same,
                shared: e.shared,
                expected: e.expected,
                rate: e.rate,
            };
            let (copier_name, original_name) = (copier.name.clone(), original.name.clone());
            let why = if e.block > 0 {
                VoiceWhy::EchoOne {
                    copier: copier_name,
                    original: original_name,
                    block: e.block,
                    counts,
                }
            } else {
                VoiceWhy::Copies { copier: copier_name, original: original_name, counts }
            };
            found.push((copier.any_name, original.any_name, why.into()));
        }
        found
    }

    /// The second pass of [`Voices::detect_copying`]: figures exactly two voices give.
    fn detect_rare_sharing(&mut self, statements: &Statements) {
        let voice = self.speaker_voices(statements);
        let subjects = statements.subjects().map(|(_, rows)| rows);
        let per_group = said_of_each(subjects, |sp| voice[sp as usize], self.parallel_from);
        // Pairs of voices sharing a figure that exactly two voices give and that is not the
        // group's most common figure: sharing a likely-true value is no sign of copying.
        let mut rare = Coincidences::new(self.groups.len());
        let sharing = rare_pairs_of_each(&per_group, self.parallel_from);
        for (said, pairs) in per_group.iter().zip(sharing) {
            if let Some(pairs) = pairs {
                let sharing = pairs.iter().map(<[usize; 2]>::as_slice);
                rare.subject(said.ends.iter().map(|&(v, _)| v as usize), sharing);
            }
        }
        let candidates = rare.beyond_chance(self.parallel_from);
        if candidates.is_empty() {
            return;
        }
        let pairs: Vec<(usize, usize)> = candidates.iter().map(|c| c.pair).collect();
        let in_one_pass = one_pass_is_cheaper(&per_group, self.groups.len(), &pairs);
        let voices = self.groups.len();
        let overlap =
            overlaps(&per_group, statements.keys, voices, &pairs, in_one_pass, self.parallel_from);
        let mut merged = false;
        for (candidate, (common, same)) in candidates.iter().zip(overlap) {
            if common > 0 && same * 5 >= common * 4 {
                let ((a, b), shared) = (candidate.pair, candidate.shared);
                let chance = rare.chance(candidate);
                let (ma, mb) = (self.groups[a].any_name, self.groups[b].any_name);
                self.union.join(ma, mb);
                let why = VoiceWhy::RareSharing {
                    a: self.groups[a].name.clone(),
                    b: self.groups[b].name.clone(),
                    same,
                    common,
                    shared,
                    chance,
                };
                self.reasons.push((ma, mb, why.into()));
                merged = true;
            }
        }
        if merged {
            self.finalize();
        }
    }

    /// Merges voices that share *false* figures, the evidence of copying in ACCU (Dong,
    /// Berti-Equille and Srivastava, VLDB 2009). Independent sources agree on true figures
    /// because the figures are true; they rarely agree on the same false figure. A clique of
    /// mirrors repeating one wrong figure is often the plurality, so figures given by more than
    /// two voices must be judged against an estimate, which the clique itself sways. As in
    /// ACCU, the estimate and the dependence are therefore found together, in rounds:
    ///
    /// 1. every subject's figure is estimated by a vote of the current voices, each weighted
    ///    as in CRH by its share of figures off the estimate (see [`vote`]);
    /// 2. for each pair of voices sharing at least [`MIN_RARE_SHARED`] figures off the
    ///    estimate, over the subjects both cover: `k_t` identical figures equal to the
    ///    estimate, `k_f` identical figures off it, `k_d` different figures. Dong et al.'s
    ///    likelihood ratio of copying against independence is, per subject, `c/A + 1 - c`
    ///    for a shared true figure (weak evidence: accurate sources share the truth anyway),
    ///    `c·n/(1 - A) + 1 - c` for a shared false one (strong evidence: an independent source
    ///    picks that false figure among `n` with chance `(1 - A)/n`), and `1 - c` for a
    ///    difference. `A` is the voices' accuracy against the estimate (the higher of the two
    ///    for true figures, the lower for false ones: the weaker reading of the evidence), `n`
    ///    the number of distinct false figures claimed for that subject, `c` =
    ///    [`COPY_RATE`] and the prior of copying [`COPY_PRIOR`], the values of Dong et al.'s
    ///    experiments. A pair is one voice when the posterior exceeds one half and, as in the
    ///    rare-sharing pass, at least 80 % of its shared subjects are identical;
    /// 3. the pair with the strongest evidence merges, and the round ends: the merge changes
    ///    the vote, so which figures are false is decided again before the next pair is judged.
    ///    A clique that outvotes the truth is exposed once the cliques beside it count once.
    ///
    /// Rounds stop when nothing merges, after [`COPY_ROUNDS`] at most.
    ///
    /// Only fixed facts take part: a running total's earlier figures, or a bound beside a
    /// figure, are not false, and reading them as false merged independent outlets. Nor do
    /// facts of one false value (of a two-way attribute, [`Statements::domains`]: a yes/no
    /// fact, however written): there any two voices that err err alike, so sharing a false
    /// value tells only how often they err, which this pass reads off the vote; where a poor
    /// majority outvotes the truth, two accurate voices then "share" the false values the
    /// vote gave them and were joined (in 43 of 300 generated tables of honest yes/no sources,
    /// 12 of them losing more than 2 % of their facts right, 7 gaining). Those facts are left
    /// out of the vote, the accuracies and the pairs' agreement alike. The block pass, which
    /// weighs whole readings instead of the vote's, still judges those facts.
    ///
    /// # Complexity
    /// Per round (one merge each, [`COPY_ROUNDS`] at most) O(n · r + p · s): `n` claims, `r`
    /// vote rounds, `p` candidate pairs and `s` subjects per voice. Candidate pairs come from
    /// false figures given by at most [`MAX_SHARING`] voices, so `p` is at most
    /// `MAX_SHARING²/2` per subject, never all pairs of voices. Unlike the rare-sharing pass,
    /// no test against chance picks the candidates: the posterior weighs chance itself.
    fn detect_false_sharing(&mut self, statements: &Statements, two_way: &[bool]) {
        // Only fixed facts have one true figure to be off: a running total's earlier figures,
        // or a bound beside a figure, are not false.
        if statements.fixed().next().is_none() {
            return;
        }
        // Each figure's place in text order: the vote's ties go to the text that sorts first.
        let order = &statements.order;
        for _ in 0..COPY_ROUNDS {
            // Per subject group of more than one false value: each voice's figures (key ids),
            // sorted.
            let voice = self.speaker_voices(statements);
            let fixed = statements.fixed().zip(two_way);
            let per_group = said_of_each(
                fixed.filter(|&(_, &two_way)| !two_way).map(|(rows, _)| rows),
                |sp| voice[sp as usize],
                self.parallel_from,
            );
            let truth = vote(&per_group, order, self.groups.len(), self.parallel_from);
            let accuracy = accuracy(&per_group, &truth, self.groups.len());
            // Each voice's figures on a subject as one number (see [`FigureSets`]), so two
            // voices' figures compare as numbers; numbered as first seen, subject by subject,
            // voice by voice.
            let mut sets = FigureSets::new(statements.keys);
            // Candidates: pairs of voices giving the same false figures on some subjects. No
            // test against chance here (unlike the rare pass): the posterior below is Dong et
            // al.'s, which weighs what independent voices of these accuracies would share, and
            // a second test against chance before it cost the books benchmark a copier pair.
            let mut shared_false: HashMap<(usize, usize), usize, FixedState> = HashMap::default();
            let mut givers: Vec<(usize, usize)> = Vec::new();
            for (gi, said) in per_group.iter().enumerate() {
                // Each false figure's givers, side by side in voice order.
                givers.clear();
                givers.extend(
                    said.by_voice()
                        .map(|(v, figures)| (sets.id(figures), v))
                        .filter(|&(set, _)| truth[gi] != Some(set)),
                );
                givers.sort_unstable();
                // A false figure that many voices give is no rare coincidence to learn from, and
                // counting its pairs would cost the square of their number.
                for run in givers.chunk_by(|x, y| x.0 == y.0).filter(|r| r.len() <= MAX_SHARING) {
                    for (k, &(_, a)) in run.iter().enumerate() {
                        for &(_, b) in &run[k + 1..] {
                            *shared_false.entry((a, b)).or_default() += 1;
                        }
                    }
                }
            }
            let mut candidates: Vec<(usize, usize)> = shared_false
                .into_iter()
                .filter(|&(_, n)| n >= MIN_RARE_SHARED)
                .map(|(pair, _)| pair)
                .collect();
            // A pair must give the same figures on 80 % of the subjects both cover (below):
            // told from the pairs' agreement counts first, so the evidence is walked for the
            // pairs that can pass only.
            candidates.sort_unstable();
            if !candidates.is_empty() {
                let voices = self.groups.len();
                let in_one_pass = one_pass_is_cheaper(&per_group, voices, &candidates);
                let counts = overlaps(
                    &per_group,
                    statements.keys,
                    voices,
                    &candidates,
                    in_one_pass,
                    self.parallel_from,
                );
                candidates = candidates
                    .into_iter()
                    .zip(counts)
                    .filter(|&(_, (common, same))| same * 5 >= common * 4)
                    .map(|(pair, _)| pair)
                    .collect();
            }
            if candidates.is_empty() {
                return;
            }
            // Per voice, the subjects it covers in order, each with the voice's figures there,
            // made only for the candidates' evidence (their ids given above, in this order).
            let mut figures_of: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.groups.len()];
            for (gi, said) in per_group.iter().enumerate() {
                for (v, figures) in said.by_voice() {
                    figures_of[v].push((gi, sets.id(figures)));
                }
            }
            // Per subject, its distinct false figures: once per round, for every candidate pair.
            let n_false: Vec<f64> =
                per_group.iter().zip(&truth).map(|(said, &t)| false_figures(said, t)).collect();
            let mut passed: Vec<(f64, usize, usize, Evidence)> = Vec::new();
            for (a, b) in candidates {
                let ev = evidence((a, b), &figures_of, &n_false, &truth, &accuracy);
                let (same, common) = (ev.same_true + ev.same_false, ev.common());
                let posterior_odds = ev.log_ratio + (COPY_PRIOR / (1.0 - COPY_PRIOR)).ln();
                if same * 5 >= common * 4 && posterior_odds > 0.0 {
                    passed.push((ev.log_ratio, a, b, ev));
                }
            }
            // The strongest pair only, then the estimate is redone: a merge can change which
            // figures are false. Ties by voice order, so the input order does not matter.
            let Some((_, a, b, ev)) = passed
                .into_iter()
                .min_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))))
            else {
                return;
            };
            let (ma, mb) = (self.groups[a].any_name, self.groups[b].any_name);
            self.union.join(ma, mb);
            let why = VoiceWhy::FalseSharing {
                a: self.groups[a].name.clone(),
                b: self.groups[b].name.clone(),
                identical: ev.same_true + ev.same_false,
                common: ev.common(),
                off: ev.same_false,
            };
            self.reasons.push((ma, mb, why.into()));
            self.finalize();
        }
    }
}

/// Per subject of `per_group`, when three voices or more speak there, the pairs of voices that
/// alone give a figure that is not the subject's most given (each pair in voice order, pairs
/// in figure order); `None` for a subject of fewer voices. Each subject's alone, so in
/// parallel from `parallel_from` rows.
fn rare_pairs_of_each(per_group: &SaidEach, parallel_from: usize) -> Vec<Option<Vec<[usize; 2]>>> {
    let pairs_of = |by_figure: &mut Vec<(u32, usize)>, said: Said<'_>| {
        if said.ends.len() < 3 {
            return None;
        }
        // Each figure's givers, in figure order, each list in voice order.
        by_figure.clear();
        by_figure.extend(said.by_voice().flat_map(|(v, fs)| fs.iter().map(move |&k| (k, v))));
        by_figure.sort_unstable();
        let runs = || by_figure.chunk_by(|a, b| a.0 == b.0);
        let most = runs().map(<[_]>::len).max().unwrap_or(0);
        let sharing = runs().filter(|run| run.len() == 2 && run.len() < most);
        Some(sharing.map(|run| [run[0].1, run[1].1]).collect())
    };
    if per_group.rows() >= parallel_from {
        let subjects = (0..per_group.len()).into_par_iter();
        subjects.map_init(Vec::new, |by_figure, s| pairs_of(by_figure, per_group.get(s))).collect()
    } else {
        let mut by_figure = Vec::new();
        per_group.iter().map(|said| pairs_of(&mut by_figure, said)).collect()
    }
}

/// Pairs of voices that give the same figure where no third voice does, counted per pair,
/// beside how many such coincidences independent voices would have by chance: the candidates
/// of [`Voices::detect_copying`]'s second pass are the pairs that share more than chance
/// explains, so a table where a hundred voices cover every subject does not make every pair
/// a candidate.
///
/// The chance model treats a subject's voices as exchangeable: a subject with `V` voices and
/// `P` coinciding pairs gives any one pair a coincidence with chance `P / (V (V - 1) / 2)`.
/// A pair's expected count is the sum of that chance over the subjects both cover, less the
/// pair's own coincidences (chance is what the *other* pairs show: a copier's copies must not
/// raise the bar it is judged against). That sum is at most the smaller of the two voices'
/// sums over their own subjects, so a pair beyond chance against that bound is a candidate at
/// once, in O(1); a pair within it is judged against the exact sum, walking the two voices'
/// lists of subjects with coincidences (the bound is loose for voices that share few of their
/// subjects, and a copier pair must not pass for chance by it). Voices noisier than their
/// subjects' average coincide more than this model expects and may still be candidates: that
/// costs their judgement, not its outcome.
struct Coincidences {
    /// Per pair (lower voice first): the subjects where the two give one such figure, and
    /// the part of the chance sums those coincidences make.
    pairs: HashMap<(usize, usize), (usize, f64), FixedState>,
    /// Per voice: the coincidences a pair with it would have by chance, at most.
    chance: Vec<f64>,
    /// Per voice, in subject order: the subjects it covers that have coincidences, each by
    /// its number among those subjects (4 bytes; with its chance beside it, 16 bytes took
    /// 200 MiB at 10^7 rows, which the pass holds until it has judged its pairs).
    subjects: Vec<Vec<u32>>,
    /// Per subject with coincidences, in subject order: its chance per pair.
    subject_chance: Vec<f64>,
    /// Subjects seen so far.
    seen: usize,
}

impl Coincidences {
    fn new(voices: usize) -> Self {
        Coincidences {
            pairs: HashMap::default(),
            chance: vec![0.0; voices],
            subjects: vec![Vec::new(); voices],
            subject_chance: Vec::new(),
            seen: 0,
        }
    }

    /// One subject: its voices, and the sets of voices that give one such figure each.
    fn subject<'a>(
        &mut self,
        voices: impl ExactSizeIterator<Item = usize>,
        sharing: impl Iterator<Item = &'a [usize]> + Clone,
    ) {
        self.seen += 1;
        let n = voices.len();
        let coinciding: usize =
            sharing.clone().map(|vs| vs.len() * vs.len().saturating_sub(1) / 2).sum();
        if coinciding == 0 || n < 2 {
            return;
        }
        let each = 1.0 / (n * (n - 1) / 2) as f64;
        for vs in sharing {
            for (k, &a) in vs.iter().enumerate() {
                for &b in &vs[k + 1..] {
                    let pair = self.pairs.entry((a.min(b), a.max(b))).or_default();
                    pair.0 += 1;
                    pair.1 += each;
                }
            }
        }
        let chance = coinciding as f64 * each;
        let numbered = index(self.subject_chance.len());
        self.subject_chance.push(chance);
        for v in voices {
            self.chance[v] += chance;
            self.subjects[v].push(numbered);
        }
    }

    /// The chance sum over the subjects voices `a` and `b` both cover.
    fn shared_chance(&self, a: usize, b: usize) -> f64 {
        let (sa, sb) = (&self.subjects[a], &self.subjects[b]);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < sa.len() && j < sb.len() {
            match sa[i].cmp(&sb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += self.subject_chance[sa[i] as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// The pairs sharing at least [`MIN_RARE_SHARED`] such figures, more than chance gives
    /// (see [`beyond_chance`]), in pair order, each with its count and, where the test needed
    /// it, its chance count over the subjects the two share ([`Coincidences::chance`] gives
    /// it for any).
    /// Pairs are judged in parallel from `parallel_from` subjects ([`Voices::parallel_from`]).
    fn beyond_chance(&self, parallel_from: usize) -> Vec<Candidate> {
        let shared: Vec<((usize, usize), (usize, f64))> = self
            .pairs
            .iter()
            .filter(|&(_, &(n, _))| n >= MIN_RARE_SHARED)
            .map(|(&pair, &counts)| (pair, counts))
            .collect();
        let judged = |&(pair, (shared, own)): &((usize, usize), (usize, f64))| {
            let (a, b) = pair;
            let bound = (self.chance[a].min(self.chance[b]) - own).max(0.0);
            let candidate = Candidate { pair, shared, own, chance: None };
            // Beyond the bound is beyond the exact count: decided without the walk, which only
            // the words of a pair found copying need (they give chance itself, not its bound).
            if beyond_chance(shared, bound) {
                return Some(candidate);
            }
            let exact = self.chance(&candidate);
            beyond_chance(shared, exact).then_some(Candidate { chance: Some(exact), ..candidate })
        };
        // Each pair's alone: in parallel when the subjects are many.
        let mut out: Vec<Candidate> = if self.seen >= parallel_from {
            shared.par_iter().filter_map(judged).collect()
        } else {
            shared.iter().filter_map(judged).collect()
        };
        out.sort_unstable_by_key(|c| c.pair);
        out
    }

    /// Candidate `c`'s chance count over the subjects its two voices share, less its own
    /// part: computed once.
    fn chance(&self, c: &Candidate) -> f64 {
        let (a, b) = c.pair;
        c.chance.unwrap_or_else(|| (self.shared_chance(a, b) - c.own).max(0.0))
    }
}

/// A pair of voices [`Coincidences::beyond_chance`] finds: it shares more figures no other
/// voice gives than chance explains.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// The two voices, lower first.
    pair: (usize, usize),
    /// The subjects where the two give one such figure.
    shared: usize,
    /// The part of the chance sums those coincidences make.
    own: f64,
    /// The chance count over the subjects the two share, when the test computed it.
    chance: Option<f64>,
}

/// Whether `n` coincidences are more than chance explains when `expected` are expected: the
/// chance of at least `n` under a Poisson law of mean `expected` is at most
/// [`CHANCE_LEVEL`]. O(n).
fn beyond_chance(n: usize, expected: f64) -> bool {
    if expected <= 0.0 {
        return true;
    }
    // P(X >= n) = 1 - P(X < n), the terms summed in log space (e^-expected underflows past
    // 745).
    let (ln_mean, mut ln_term, mut below) = (expected.ln(), -expected, 0.0);
    for k in 0..n {
        if k > 0 {
            ln_term += ln_mean - (k as f64).ln();
        }
        below += ln_term.exp();
    }
    1.0 - below <= CHANCE_LEVEL
}

/// What two voices' figures on their shared subjects say about copying (see
/// [`Voices::detect_false_sharing`]).
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    same_true: usize,
    same_false: usize,
    different: usize,
    /// Log of the likelihood ratio of copying against independence.
    log_ratio: f64,
}

impl Evidence {
    fn common(&self) -> usize {
        self.same_true + self.same_false + self.different
    }
}

/// The evidence on copying between voices `a` and `b` over the subjects both cover (see
/// [`Voices::detect_false_sharing`]): walks their lists of subjects and figures
/// (`figures_of`, in subject order, each voice's figures on a subject as a [`FigureSets`] id)
/// side by side. `n_false` is each subject's number of distinct false figures
/// ([`false_figures`]).
fn evidence(
    (a, b): (usize, usize),
    figures_of: &[Vec<(usize, usize)>],
    n_false: &[f64],
    truth: &[Option<usize>],
    accuracy: &[f64],
) -> Evidence {
    let mut ev = Evidence::default();
    let (ga, gb) = (&figures_of[a], &figures_of[b]);
    let (hi, lo) = (accuracy[a].max(accuracy[b]), accuracy[a].min(accuracy[b]));
    // The terms that do not depend on the subject, once.
    let different = (1.0 - COPY_RATE).ln();
    let same_true = (COPY_RATE / hi + 1.0 - COPY_RATE).ln();
    super::echo::walk(ga, gb, |gi, fa, fb| {
        if fa != fb {
            ev.different += 1;
            ev.log_ratio += different;
        } else if truth[gi] == Some(fa) {
            ev.same_true += 1;
            ev.log_ratio += same_true;
        } else {
            ev.same_false += 1;
            ev.log_ratio += (COPY_RATE * n_false[gi] / (1.0 - lo) + 1.0 - COPY_RATE).ln();
        }
    });
    ev
}

/// What the copy passes read, from any path: per subject, whether it is a fixed fact (only
/// those have one true value), and each statement as its speaker and its value's key (equal
/// keys are equal values). `Reconciler` makes them from its groups
/// ([`Statements::of_groups`]), a table read in bulk from its columns; the passes are the
/// same.
#[derive(Debug, Default, Clone)]
pub(crate) struct Statements {
    /// The names (into `Voices`' names) that speak, each once: a row's speaker indexes it.
    speakers: Vec<usize>,
    /// `(speaker, key)`, subject after subject.
    rows: Vec<(u32, u32)>,
    /// Per subject: the end of its rows, and whether it is a fixed fact.
    subjects: Vec<(usize, bool)>,
    /// Per subject, an id of its attribute (what it measures, of whichever object), for
    /// [`Statements::domains`].
    attributes: Vec<u32>,
    /// Per attribute id, its name as a report gives it ([`Statements::name_attribute`]).
    attribute_names: Vec<String>,
    /// Per key, whether it is a label ([`is_label`]); empty: none is.
    labels: Vec<bool>,
    /// Per attribute, the first distinct values its fixed facts show ([`Statements::shows`]),
    /// [`TRACKED_VALUES`] at most: each by a fingerprint of its key's text, with how many facts
    /// show it and the last subject that did.
    shown: Vec<Vec<Shown>>,
    /// How many keys there are: keys lie below it.
    keys: usize,
    /// Per key, its place in a fixed order (text order in `Reconciler`), for ties.
    order: Vec<usize>,
    /// Per key, the figure it is to two significant figures ([`crh::rounded_key`]); `None`
    /// for a key that is no such amount. Empty when no key is.
    rounded: Vec<Option<Rounded>>,
    /// Per key, the class whose truth it shares ([`Statements::to_classes`]); empty: each
    /// key is its own.
    classes: Vec<u32>,
}

/// The classes of one subject's figures of one kind ([`Statements::to_classes`]): `figures`
/// as `(kind, figure, key, statements)`, sorted by figure. The figure with the most figures
/// (keys) close to it (by `close`, itself included; then the most statements of its own, then
/// the lowest) and every figure close to it not yet in a class are one class, then the next
/// such figure not yet in one, each figure's count taken once over all of them; each key's
/// class, the key of the class first in `order`, into `classes`. Returns whether a class holds
/// two keys. O(f log f) for `f` figures.
fn classes_of(
    figures: &[(crate::unit::Dimension, f64, u32, u32)],
    order: &[usize],
    classes: &mut [u32],
    close: Close,
) -> bool {
    let are_close = |low: f64, high: f64| close.holds(low, high);
    // Closeness falls off on each side of a figure: the figures close to one are a run of the
    // sorted figures around it.
    let window = |at: usize| {
        let x = figures[at].1;
        let from = figures[..at].partition_point(|f| !are_close(f.1, x));
        from..at + 1 + figures[at + 1..].partition_point(|f| are_close(x, f.1))
    };
    // The figures by how many figures (keys: "1,000" and "about 1,000" are two) lie close to
    // them, not statements (a block repeating one figure does not pull a class toward it),
    // most first, then by their own statements, then the lowest.
    let near: Vec<usize> = (0..figures.len()).map(&window).map(|w| w.len()).collect();
    let mut by_count: Vec<usize> = (0..figures.len()).collect();
    by_count.sort_by(|&a, &b| {
        (near[b].cmp(&near[a])).then(figures[b].3.cmp(&figures[a].3)).then(a.cmp(&b))
    });
    let mut taken = vec![false; figures.len()];
    let mut merged = false;
    let mut class: Vec<usize> = Vec::new();
    for &most in &by_count {
        if taken[most] {
            continue;
        }
        let Range { start: from, end: to } = window(most);
        class.clear();
        class.extend((from..to).filter(|&i| !taken[i]));
        for &i in &class {
            taken[i] = true;
        }
        let first = class.iter().map(|&i| figures[i].2).min_by_key(|&id| order[id as usize]);
        if let (Some(first), true) = (first, class.len() > 1) {
            merged = true;
            for &i in &class {
                classes[figures[i].2 as usize] = first;
            }
        }
    }
    merged
}

/// The most values [`Statements::domains`] gives a fact: past it, a voice's false values
/// there are taken to be as many as [`super::echo::MIN_FALSE_VALUES`] anyway.
const ATTRIBUTE_VALUES: usize = super::echo::MIN_FALSE_VALUES as usize + 1;

/// How many distinct values of an attribute [`Statements::shows`] follows, each with how many
/// facts show it; values first shown past them are counted only in all the values shown.
const TRACKED_VALUES: usize = 16;

/// The share of an attribute's values, as its fixed facts show them (each value once a fact,
/// where two sources or more give it), that the values a fact may take must cover
/// ([`Statements::domains`]): the fewest of the most shown values that cover it are the
/// attribute's values, five or more if five do not. A third value on a few yes/no facts
/// ("partly" twice on 5 of 160) is then not a third way to be wrong on every fact, while the
/// rarer figures of a count that is mostly 0 still count (in a review's table of 52 such
/// facts, 0, 1, 3, 2 and 5 cover 74 of the 76 values shown). Strays above about 5 % of the
/// values shown count again, and real values below it do not (draws in 2 % of matches).
/// **Chosen before measuring**, as 95 %; see BENCHMARKS.md, "A third value on a few facts".
const COVERED_SHARE: f64 = 0.95;

/// A value an attribute's fixed facts show ([`Statements::shows`]).
#[derive(Debug, Clone, Copy)]
struct Shown {
    /// A fingerprint of its key's text.
    print: u64,
    /// How many facts show it.
    facts: u32,
    /// The last subject that showed it, so that a fact counts once.
    last: usize,
}

/// The keys of a subject's `(speaker, key)` rows whose values its attribute is to count
/// ([`Statements::to_show`]): on a fixed fact, the values that two speakers or more give
/// ([`supported`]); none otherwise.
pub(crate) fn to_show(fixed: bool, rows: &[(u32, u32)]) -> Vec<u32> {
    if fixed { supported(rows) } else { Vec::new() }
}

/// The keys of a subject's `(speaker, key)` rows that two speakers or more give, in key order.
fn supported(rows: &[(u32, u32)]) -> Vec<u32> {
    let mut given: Vec<(u32, u32)> = rows.iter().map(|&(s, k)| (k, s)).collect();
    given.sort_unstable();
    given.dedup();
    let mut keys: Vec<u32> =
        given.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[0].0).collect();
    keys.dedup();
    keys
}

/// The fingerprint [`Statements::shows`] tells a value by: of its key's text, as
/// [`crh::value_key`] writes it on every path.
pub(crate) fn fingerprint(text: &str) -> u64 {
    use std::hash::BuildHasher;
    FixedState::default().hash_one(text)
}

/// Whether `value` is a label: a yes/no fact or a category, whose facts may each allow only
/// a few of the labels their attribute shows (see [`Statements::domains`]). Amounts, dates,
/// times and sets are not.
pub(crate) fn is_label(value: &Value) -> bool {
    matches!(value, Value::YesNo(_) | Value::Category(_))
}

impl Statements {
    /// No subject yet; `speakers` are name indices, `order` ranks each key (its length is the
    /// number of keys).
    pub fn new(speakers: Vec<usize>, order: Vec<usize>) -> Self {
        Statements { speakers, keys: order.len(), order, ..Statements::default() }
    }

    /// One subject's statements: `(speaker, key)`, both below their counts (checked in debug
    /// builds); `attribute`: an id of what it measures (see [`Statements::domains`]).
    pub fn subject(
        &mut self,
        fixed: bool,
        attribute: u32,
        rows: impl IntoIterator<Item = (u32, u32)>,
    ) {
        let from = self.rows.len();
        self.rows.extend(rows);
        self.subject_written(fixed, attribute, self.rows.len() - from);
    }

    /// `Reconciler`'s groups: each claim spoken by its voice's name (`claim_voice`), keyed by
    /// its value's text.
    pub fn of_groups(groups: &[GroupData], keys: &super::Keys, claim_voice: &[usize]) -> Self {
        // Each name that speaks, numbered as first seen.
        let names = claim_voice.iter().max().map_or(0, |&m| m + 1);
        let mut speaker = vec![u32::MAX; names];
        let mut speakers = Vec::new();
        let mut st = Statements::new(Vec::new(), keys.order());
        for &k in &keys.labels {
            st.label(k);
        }
        let fixed = |g: &GroupData| g.subject.behaviour() == Nature::FixedFact;
        // Each attribute (what a subject measures), numbered as first seen.
        let mut attributes: HashMap<&Measure, u32, FixedState> = HashMap::default();
        for g in groups {
            let next = index(attributes.len());
            let attribute = *attributes.entry(g.subject.measure()).or_insert(next);
            if attribute == next {
                st.name_attribute(crate::tabular::attribute_key(&g.subject.measure().to_string()));
            }
            st.attributes.push(attribute);
            let rows = g.members.iter().map(|&c| {
                let name = claim_voice[c];
                if speaker[name] == u32::MAX {
                    speaker[name] = index(speakers.len());
                    speakers.push(name);
                }
                (speaker[name], index(keys.of_claim[c]))
            });
            let rows: Vec<(u32, u32)> = rows.collect();
            st.rows.extend(rows);
            st.subjects.push((st.rows.len(), fixed(g)));
            for k in st.to_show() {
                st.shows(attribute, fingerprint(&keys.texts[k as usize]));
            }
        }
        st.speakers = speakers;
        for &(k, r) in &keys.rounded {
            st.round(k, r);
        }
        st
    }

    /// The next attribute id (ids are numbered from 0, as first seen) is named `name`.
    pub fn name_attribute(&mut self, name: String) {
        self.attribute_names.push(name);
    }

    /// Per subject, its attribute's id.
    pub fn attributes(&self) -> &[u32] {
        &self.attributes
    }

    /// Key `k` is a label ([`is_label`]).
    pub fn label(&mut self, k: usize) {
        if self.labels.is_empty() {
            self.labels = vec![false; self.keys];
        }
        self.labels[k] = true;
    }

    /// The keys of the last subject whose values its attribute is to count
    /// ([`Statements::shows`]), in key order: on a fixed fact, the values that two speakers or
    /// more give ([`supported`]); none otherwise, so a caller writes no text for them.
    pub fn to_show(&self) -> Vec<u32> {
        let Some(&(end, fixed)) = self.subjects.last() else {
            return Vec::new();
        };
        let from = self.subjects.len().checked_sub(2).map_or(0, |i| self.subjects[i].0);
        to_show(fixed, &self.rows[from..end])
    }

    /// Room for the rows of the subjects to come, `total` of them, to be written in place
    /// (in parallel, each subject's alone), and for every key's figure to two significant
    /// figures (what [`Statements::round`] sets, `None` where none is written). Each subject
    /// is then given in order, with its number of rows, by [`Statements::subject_written`],
    /// and [`Statements::rounded_written`] is called once the figures are written.
    pub fn room_to_write(&mut self, total: usize) -> (&mut [(u32, u32)], &mut [Option<Rounded>]) {
        let from = self.rows.len();
        self.rows.resize(from + total, (0, 0));
        if self.rounded.is_empty() {
            self.rounded = vec![None; self.keys];
        }
        (&mut self.rows[from..], &mut self.rounded)
    }

    /// The figures to two significant figures written ([`Statements::room_to_write`]): none kept
    /// when no key has one, as when [`Statements::round`] was never called.
    pub fn rounded_written(&mut self) {
        if self.rounded.iter().all(Option::is_none) {
            self.rounded = Vec::new();
        }
    }

    /// The next subject, as [`Statements::subject`] gives one, its `len` rows already written
    /// ([`Statements::room_to_write`]) after the last subject's.
    pub fn subject_written(&mut self, fixed: bool, attribute: u32, len: usize) {
        self.attributes.push(attribute);
        let from = self.subjects.last().map_or(0, |&(end, _)| end);
        let end = from + len;
        debug_assert!(
            self.rows[from..end]
                .iter()
                .all(|&(s, k)| (s as usize) < self.speakers.len() && (k as usize) < self.keys),
            "a speaker or key past its count"
        );
        self.subjects.push((end, fixed));
    }

    /// Whether key `k` is a label ([`Statements::label`]).
    fn is_label(&self, k: u32) -> bool {
        self.labels.get(k as usize).copied().unwrap_or(false)
    }

    /// The last subject, a fixed fact of attribute `attribute`, shows the value whose key's
    /// text (as [`crh::value_key`] writes it, on every path) has the fingerprint `print`
    /// ([`fingerprint`]; one of [`Statements::to_show`]'s keys). A fact counts once for a
    /// value, however often it is told so.
    pub fn shows(&mut self, attribute: u32, print: u64) {
        let a = attribute as usize;
        if self.shown.len() <= a {
            self.shown.resize_with(a + 1, Vec::new);
        }
        let subject = self.subjects.len();
        let shown = &mut self.shown[a];
        if let Some(v) = shown.iter_mut().find(|v| v.print == print) {
            if v.last != subject {
                v.facts += 1;
                v.last = subject;
            }
        } else if shown.len() < TRACKED_VALUES {
            shown.push(Shown { print, facts: 1, last: subject });
        }
    }

    /// Per fixed fact, in order, the values a voice could give there as far as the claims
    /// tell ([`super::echo::false_values`]). A value counts only where two speakers or more
    /// give it on one fact ([`supported`]), so that a stray cell ("partly" once among yes and
    /// no) bounds nothing, and only among the fewest of its attribute's most shown values
    /// that cover [`COVERED_SHARE`] of all it shows, so that a third value two sources give on
    /// a few facts bounds only those facts (through the values they show themselves), not
    /// every fact of the attribute. Any fact that is not of labels: that many values, as a
    /// figure, a time or a date may be any of them (a fact written 1 or 0 two, a count that
    /// is mostly 0 the rarer figures too), or more than [`super::echo::MIN_FALSE_VALUES`]
    /// where five do not cover them (a death toll, a gate time). A fact of labels (every key
    /// a label) may allow its own few of them (a yes/no fact two; "home7" or "away7" two of
    /// hundreds): the most labels one fact of its attribute shows, but no more than cover
    /// the attribute; where five do not (labels named per fact), the fewest labels a fact
    /// shows that cover [`COVERED_SHARE`] of its facts that show two or more (matches named
    /// per fact, a tenth of them showing a draw twice, three).
    ///
    /// Beside each domain, whether the fact's attribute is two-way: its two most shown values
    /// cover [`COVERED_SHARE`] of those it shows (yes and no, however written), or, for labels
    /// named per fact, two labels cover its facts showing two or more. Such a fact has one
    /// false value; a small domain alone does not say so (a fact of five categories that few
    /// sources speak on shows two labels at most, yet has four false values).
    pub fn domains(&self) -> Vec<(u32, bool)> {
        let of_labels =
            |rows: &[(u32, u32)]| !rows.is_empty() && rows.iter().all(|&(_, k)| self.is_label(k));
        // Each fixed fact: its attribute, its rows, whether they are labels.
        let fixed = || {
            (self.subjects().zip(&self.attributes))
                .filter(|((fixed, _), _)| *fixed)
                .map(|((_, rows), &a)| (a as usize, rows, of_labels(rows)))
        };
        let attributes = self.attribute_count();
        // Per attribute, how many facts of labels show each number of labels (the last place:
        // as many as a fact may take, or more), and how many values its fixed facts show in
        // all (each value once a fact).
        let mut facts = vec![[0u32; ATTRIBUTE_VALUES + 1]; attributes];
        let mut all_shown = vec![0u32; attributes];
        for (a, rows, labels) in fixed() {
            let shown = supported(rows).len();
            all_shown[a] += index(shown);
            if labels {
                facts[a][shown.min(ATTRIBUTE_VALUES)] += 1;
            }
        }
        let covers = |part: u32, of: u32| f64::from(part) >= COVERED_SHARE * f64::from(of);
        // Per attribute, the fewest of its most shown values that cover its values; `None`
        // when five do not.
        let values = |a: usize| {
            let mut counts: Vec<u32> = self
                .shown
                .get(a)
                .map_or(Vec::new(), |shown| shown.iter().map(|v| v.facts).collect());
            counts.sort_unstable_by(|x, y| y.cmp(x));
            let mut covered = 0;
            let fewest = (counts.iter().take(ATTRIBUTE_VALUES))
                .position(|&c| {
                    covered += c;
                    covers(covered, all_shown[a])
                })
                .map(|k| index(k + 1));
            if all_shown[a] == 0 { Some(0) } else { fewest }
        };
        let values: Vec<Option<u32>> = (0..attributes).map(values).collect();
        let labels = |a: usize| {
            let facts = &facts[a];
            let most = facts.iter().rposition(|&f| f > 0).map_or(0, index);
            // Labels named per fact: the fewest labels a fact shows that cover the facts that
            // show two or more.
            let disputed: u32 = facts[2..].iter().sum();
            let per_fact =
                (2..=ATTRIBUTE_VALUES).find(|&n| covers(facts[2..=n].iter().sum(), disputed));
            match values[a] {
                Some(values) => most.min(values),
                None => per_fact.map_or(most, index),
            }
        };
        // Whether the attribute's values are two: the two most shown cover it, or, for labels
        // named per fact, two labels cover its facts.
        let two_way = |a: usize| {
            if let Some(values) = values[a] {
                values == 2
            } else {
                let disputed: u32 = facts[a][2..].iter().sum();
                disputed > 0 && covers(facts[a][2], disputed)
            }
        };
        // Per attribute, once: a fact of labels' domain, another fact's, and whether two-way.
        let of_attribute: Vec<(u32, u32, bool)> = (0..attributes)
            .map(|a| (labels(a), values[a].unwrap_or(index(ATTRIBUTE_VALUES)), two_way(a)))
            .collect();
        let bound = |a: usize, is_labels: bool| {
            let (labels, values, two_way) = of_attribute[a];
            (if is_labels { labels } else { values }, two_way)
        };
        fixed().map(|(a, _, is_labels)| bound(a, is_labels)).collect()
    }

    /// Key `k` is the figure `rounded` to two significant figures ([`crh::rounded_key`]).
    pub fn round(&mut self, k: usize, rounded: Rounded) {
        if self.rounded.is_empty() {
            self.rounded = vec![None; self.keys];
        }
        self.rounded[k] = Some(rounded);
    }

    /// The fixed facts' statements with a round figure and the one precise figure on its
    /// subject that rounds to it one key ([`crh::rounded_key`]; each new key placed where the
    /// first of its keys was, for ties), so that copies an editor rounded ("1,200" for a
    /// wire's "1,234") agree with their original; `None` when no subject has two figures made
    /// one. Two different precise figures stay two however close ("2,216" and "2,224" are two
    /// counts, not one count rounded): taken for one, sources sharing a bias, each with its
    /// own figures, agreed to two significant figures on every subject, and the accurate
    /// majority was read as a block copying one another (a review's tables: the four most
    /// accurate of ten sources joined, errors up to seven times as large). Keys are numbered
    /// subject by subject, as every key is read within its subject.
    ///
    /// Subjects are read in parts of whole subjects ([`parts_of`]), in parallel from
    /// `parallel_from` rows: each part writes its rows in place (a row each row) with its keys
    /// numbered within it, and the numbers are then moved past the parts' before.
    pub fn to_two_figures(&self, parallel_from: usize) -> Option<Statements> {
        self.to_two_figures_in_parts(PARALLEL_FROM, parallel_from)
    }

    /// [`Statements::to_two_figures`] in parts of up to `part_rows` rows.
    fn to_two_figures_in_parts(
        &self,
        part_rows: usize,
        parallel_from: usize,
    ) -> Option<Statements> {
        if self.rounded.is_empty() {
            return None;
        }
        let subjects: Vec<&[(u32, u32)]> = self.fixed().collect();
        let lens: Vec<usize> = subjects.iter().map(|rows| rows.len()).collect();
        let parts = parts_of(&lens, part_rows);
        let total: usize = lens.iter().sum();
        let parallel = total >= parallel_from;
        let mut out = Statements::new(self.speakers.clone(), Vec::new());
        out.rows = vec![(0, 0); total];
        let slices = cut(&mut out.rows, parts.iter().map(|p| lens[p.clone()].iter().sum()));
        let one = |(part, rows): (&Range<usize>, &mut [(u32, u32)])| {
            self.two_figures_of(&subjects[part.clone()], rows)
        };
        let made: Vec<(Vec<usize>, bool)> = if parallel {
            parts.par_iter().zip(slices).map(one).collect()
        } else {
            parts.iter().zip(slices).map(one).collect()
        };
        let mut shifts = Vec::with_capacity(made.len());
        let mut merged = false;
        for (order, part_merged) in made {
            shifts.push(index(out.order.len()));
            out.order.extend(order);
            merged |= part_merged;
        }
        let slices = cut(&mut out.rows, parts.iter().map(|p| lens[p.clone()].iter().sum()));
        let shift = |(rows, by): (&mut [(u32, u32)], u32)| {
            for row in rows {
                row.1 += by;
            }
        };
        if parallel {
            slices.into_par_iter().zip(shifts).for_each(shift);
        } else {
            slices.into_iter().zip(shifts).for_each(shift);
        }
        out.subjects = lens
            .iter()
            .scan(0, |end, len| {
                *end += len;
                Some((*end, true))
            })
            .collect();
        // Each subject's keys in their first keys' order.
        out.place_keys();
        out.keys = out.order.len();
        merged.then_some(out)
    }

    /// The fixed facts' statements with each subject's keys numbered anew (in the order they
    /// had) and each key's class ([`Statements::classes`]); `None` when no class holds two
    /// keys (the reading would be the exact one). On a subject, among amounts of one kind
    /// stated as figures (not bounds, ranges or vague words), the figure with the most other
    /// figures within reach and every figure close to it (by `close`, [`Policy::close`]) are one class, the
    /// key first in order its id; then the same among the figures left ([`classes_of`]).
    /// Keys of one figure ("1,000" and "about 1,000") are one class.
    ///
    /// The copy pass reads the truth by class and copying by key
    /// ([`super::echo::Said::classed`]): three agencies' "100", "102" and "105" agree on the
    /// truth, as three independent counts do, and five sites' "200" to the digit on thirty
    /// such subjects is a copy of one figure. Read exactly, the agencies agreed on nothing,
    /// each was an inaccurate voice, and the sites' exact agreement read as the one accurate
    /// majority (a judgement probe's clique of five sites doubling three agencies' figures won
    /// every subject). A class grows from the figure with the most figures within reach, not
    /// from its lowest: from the lowest, "890" held "900" to "980" and left out "1,000" that
    /// three outlets quote, whose figure then read as a false one they share (a review's case:
    /// the three were read as one voice, and every estimate fell 7 %); from the figure most
    /// given, ties went to the lowest, and four agencies' "1,153", "1,274", "1,287" and
    /// "1,299" made two classes of two (a probe's case). Figures, not statements: counted by
    /// statements, a block repeating one figure a few percent off the honest counts drew the
    /// class to itself, and on `copying -- --spread 0.02` cliques of twelve were read right on
    /// one table of three (0.818 of the counts right in all, against 0.931).
    pub fn to_classes(&self, close: Close) -> Option<Statements> {
        if self.rounded.is_empty() {
            return None;
        }
        let mut out = Statements::new(self.speakers.clone(), Vec::new());
        let mut merged = false;
        let mut ids: HashMap<u32, u32, FixedState> = HashMap::default();
        // The subject's figures: kind, figure, new key, statements giving it.
        let mut figures: Vec<(crate::unit::Dimension, f64, u32, u32)> = Vec::new();
        // Per key of the subject (from its first), its place in `figures`, if a figure.
        let mut place: Vec<Option<usize>> = Vec::new();
        for rows in self.fixed() {
            ids.clear();
            figures.clear();
            place.clear();
            let first = out.order.len();
            for &(speaker, k) in rows {
                let next = index(out.order.len());
                let id = *ids.entry(k).or_insert(next);
                if id == next {
                    out.order.push(self.order[k as usize]);
                    out.classes.push(id);
                    let rounded = self.rounded.get(k as usize).copied().flatten();
                    let figure = rounded.filter(|r| r.class.1 == crh::Side::At);
                    place.push(figure.map(|_| figures.len()));
                    if let Some(r) = figure {
                        figures.push((r.class.0, r.figure, id, 0));
                    }
                }
                if let Some(at) = place[id as usize - first] {
                    figures[at].3 += 1;
                }
                out.rows.push((speaker, id));
            }
            figures.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
            for kind in figures.chunk_by(|a, b| a.0 == b.0) {
                merged |= classes_of(kind, &out.order, &mut out.classes, close.of(kind[0].0));
            }
            out.subjects.push((out.rows.len(), true));
        }
        out.keys = out.order.len();
        out.place_keys();
        merged.then_some(out)
    }

    /// Each key's place made distinct and below the number of keys, in the order the places
    /// were (ties by key), as the echo pass reads them (a voice's set of several figures ranks
    /// past them).
    fn place_keys(&mut self) {
        let mut by_place: Vec<usize> = (0..self.order.len()).collect();
        by_place.sort_by_key(|&id| (self.order[id], id));
        for (place, id) in by_place.into_iter().enumerate() {
            self.order[id] = place;
        }
    }

    /// [`Statements::to_two_figures`] of `subjects`, into `out` (a row each row), their keys
    /// numbered from 0; returns the place of each number's first key, and whether a subject
    /// had two figures made one.
    fn two_figures_of(
        &self,
        subjects: &[&[(u32, u32)]],
        out: &mut [(u32, u32)],
    ) -> (Vec<usize>, bool) {
        let mut order: Vec<usize> = Vec::new();
        let mut merged = false;
        let mut at = 0;
        // Per subject: each of its keys' new key, by what it rounds to (or by itself).
        let mut ids: HashMap<Result<RoundedClass, u32>, u32, FixedState> = HashMap::default();
        // Per class of the subject: its one precise key, or `u32::MAX` when it has several.
        let mut precise: HashMap<RoundedClass, u32, FixedState> = HashMap::default();
        for rows in subjects {
            ids.clear();
            precise.clear();
            for &(_, k) in *rows {
                if let Some(r) = self.rounded[k as usize].filter(|r| !r.round) {
                    let only = precise.entry(r.class).or_insert(k);
                    if *only != k {
                        *only = u32::MAX;
                    }
                }
            }
            let from = at;
            for &(speaker, k) in *rows {
                let class = match self.rounded[k as usize] {
                    Some(r) if r.round || precise.get(&r.class) == Some(&k) => Ok(r.class),
                    _ => Err(k),
                };
                let next = index(order.len());
                let id = *ids.entry(class).or_insert(next);
                if id == next {
                    order.push(self.order[k as usize]);
                } else {
                    let place = &mut order[id as usize];
                    *place = (*place).min(self.order[k as usize]);
                }
                out[at] = (speaker, id);
                at += 1;
            }
            let distinct = |rows: &[(u32, u32)]| {
                let mut keys: Vec<u32> = rows.iter().map(|&(_, k)| k).collect();
                keys.sort_unstable();
                keys.dedup();
                keys.len()
            };
            merged |= distinct(&out[from..at]) < distinct(rows);
        }
        (order, merged)
    }

    /// How many attribute ids there are: ids lie below it.
    fn attribute_count(&self) -> usize {
        self.attributes.iter().max().map_or(0, |&a| a as usize + 1)
    }

    /// Per attribute id, its fixed facts (subject indices, in order).
    fn fixed_by_attribute(&self) -> Vec<Vec<usize>> {
        let attributes = self.attribute_count();
        let mut of: Vec<Vec<usize>> = vec![Vec::new(); attributes];
        for (i, ((fixed, _), &a)) in self.subjects().zip(&self.attributes).enumerate() {
            if fixed && let Some(facts) = of.get_mut(a as usize) {
                facts.push(i);
            }
        }
        of
    }

    /// The fixed facts `subjects` (of attribute `attribute`) alone, as statements of their
    /// own: the same speakers, their keys numbered anew in the order they had, the values the
    /// attribute shows kept, so [`Statements::domains`] gives each fact what it gave it among
    /// all subjects. Costs the facts' rows, not every key.
    fn of_attribute(&self, attribute: u32, subjects: &[usize]) -> Statements {
        let ends: Vec<(usize, usize)> = subjects
            .iter()
            .map(|&i| (i.checked_sub(1).map_or(0, |p| self.subjects[p].0), self.subjects[i].0))
            .collect();
        let mut old: Vec<u32> = ends
            .iter()
            .flat_map(|&(from, to)| self.rows[from..to].iter().map(|&(_, k)| k))
            .collect();
        old.sort_unstable_by_key(|&k| (self.order[k as usize], k));
        old.dedup();
        let new_of: HashMap<u32, u32, FixedState> =
            old.iter().enumerate().map(|(new, &k)| (k, index(new))).collect();
        let mut out = Statements::new(self.speakers.clone(), (0..old.len()).collect());
        out.name_attribute(
            self.attribute_names.get(attribute as usize).cloned().unwrap_or_default(),
        );
        out.shown = vec![self.shown.get(attribute as usize).cloned().unwrap_or_default()];
        for (new, &k) in old.iter().enumerate() {
            if self.is_label(k) {
                out.label(new);
            }
            if let Some(r) = self.rounded.get(k as usize).copied().flatten() {
                out.round(new, r);
            }
        }
        for (from, to) in ends {
            out.subject(true, 0, self.rows[from..to].iter().map(|&(s, k)| (s, new_of[&k])));
        }
        out
    }

    /// These statements as `voices` count them: on an attribute where voices copy one another
    /// alone, a figure one repeats from another on the same subject said by the first of them
    /// giving it ([`Voices::voices_on_subject`]), so the passes over the whole table read it
    /// once, as scoring will.
    fn with_copies_once(&self, voices: &Voices) -> Statements {
        let mut out = self.clone();
        let (mut said, mut voice) = (Vec::new(), Vec::new());
        // Per (voice, key) on a subject, the speaker of the first row giving it.
        let mut speaker_of: HashMap<(usize, u32), u32, FixedState> = HashMap::default();
        let mut from = 0;
        for (&(end, _), &a) in self.subjects.iter().zip(&self.attributes) {
            let rows = &mut out.rows[from..end];
            from = end;
            said.clear();
            said.extend(rows.iter().map(|&(sp, k)| (self.speakers[sp as usize], k as usize)));
            voices.voices_on_subject(a, &said, &mut voice);
            speaker_of.clear();
            for (&(sp, k), &v) in rows.iter().zip(&voice) {
                if v == voices.name_group[self.speakers[sp as usize]] {
                    speaker_of.entry((v, k)).or_insert(sp);
                }
            }
            for (row, &v) in rows.iter_mut().zip(&voice) {
                if let Some(&sp) = speaker_of.get(&(v, row.1)) {
                    row.0 = sp;
                }
            }
        }
        out
    }

    /// These statements' fixed facts with each voice of several sources (as `voices` has them
    /// now) speaking once on each: one row of the value its rows give most there (on a tie,
    /// the first in text order, as both paths number keys differently), spoken by the first
    /// of its speakers giving it; a voice of one source, or with one row on the fact, as it
    /// spoke. The other subjects are kept, without rows. See [`Voices::grow_echoing_voices`].
    fn with_voices_once(&self, voices: &Voices) -> Statements {
        let mut out = self.clone();
        out.rows.clear();
        out.subjects.clear();
        // A fixed fact's rows as `(voice, key, speaker)`, sorted: each voice's side by side,
        // each key's givers side by side in it, the first speaker first.
        let mut by_voice: Vec<(usize, u32, u32)> = Vec::new();
        let mut from = 0;
        for &(end, fixed) in &self.subjects {
            let rows = &self.rows[from..end];
            from = end;
            // The block pass reads fixed facts alone; the others are left empty.
            if fixed {
                by_voice.clear();
                by_voice
                    .extend(rows.iter().map(|&(sp, key)| {
                        (voices.name_group[self.speakers[sp as usize]], key, sp)
                    }));
                by_voice.sort_unstable();
                for run in by_voice.chunk_by(|a, b| a.0 == b.0) {
                    if voices.groups[run[0].0].members.len() < 2 || run.len() < 2 {
                        out.rows.extend(run.iter().map(|&(_, key, sp)| (sp, key)));
                        continue;
                    }
                    // The most given; on a tie, the first in text order (`order`), which both
                    // paths share (key ids are numbered in the claims' order on one of them).
                    let most = run
                        .chunk_by(|a, b| a.1 == b.1)
                        .max_by_key(|same| {
                            let key = same[0].1;
                            (same.len(), Reverse(self.order[key as usize]), Reverse(key))
                        })
                        .map(|same| (same[0].2, same[0].1));
                    out.rows.extend(most);
                }
            }
            out.subjects.push((out.rows.len(), fixed));
        }
        out
    }

    /// Each subject: whether it is a fixed fact, and its rows.
    fn subjects(&self) -> impl Iterator<Item = (bool, &[(u32, u32)])> {
        self.subjects.iter().scan(0usize, |from, &(end, fixed)| {
            let rows = &self.rows[*from..end];
            *from = end;
            Some((fixed, rows))
        })
    }

    /// The rows of each fixed fact.
    fn fixed(&self) -> impl Iterator<Item = &[(u32, u32)]> {
        self.subjects().filter(|&(fixed, _)| fixed).map(|(_, rows)| rows)
    }
}

/// What the voices say on one subject: each voice's figures (key ids, sorted and distinct),
/// voice by voice in voice order, as [`SaidEach`] holds them.
///
/// In 32-bit numbers: voices, ends and key ids are all below
/// [`MAX_CLAIMS`](super::limit::MAX_CLAIMS) (the copy passes'
/// largest structure at 10^6 rows, 36 MB in `usize`).
#[derive(Debug, Clone, Copy)]
struct Said<'a> {
    /// Per voice giving figures: the voice and the end of its figures in `figures` (they
    /// start where the previous voice's end).
    ends: &'a [(u32, u32)],
    figures: &'a [u32],
}

impl<'a> Said<'a> {
    /// Each voice with its figures, in voice order.
    fn by_voice(self) -> impl Iterator<Item = (usize, &'a [u32])> {
        self.ends.iter().scan(0, move |from, &(v, end)| {
            let figures = &self.figures[*from..end as usize];
            *from = end as usize;
            Some((v as usize, figures))
        })
    }
}

/// Each subject's [`Said`], every subject's voices in one vector and figures in another
/// (and where each subject's lists start): two lists of its own per subject left the
/// allocator's heap with the freed lists of 10^5 subjects after the copy passes, some 130 MB
/// at 10^7 rows that the epochs and their prepared store, allocated afresh, did not reuse.
#[derive(Debug)]
struct SaidEach {
    /// Subject `s`'s voices are `ends[starts[s].0..starts[s + 1].0]`, and its figures
    /// `figures[starts[s].1..starts[s + 1].1]`.
    starts: Vec<(u32, u32)>,
    /// Per subject, per voice giving figures: the voice and the end of its figures among the
    /// subject's.
    ends: Vec<(u32, u32)>,
    figures: Vec<u32>,
}

impl SaidEach {
    /// Each subject of `subjects` (its rows, `(speaker, key id)`), each speaker read as its
    /// voice (`voice_of`); each subject's alone, so in parallel when `parallel`.
    fn of(
        subjects: &[&[(u32, u32)]],
        voice_of: impl Fn(u32) -> usize + Sync,
        parallel: bool,
    ) -> Self {
        // Each subject's lists are written where its rows start (they are at most as many),
        // then moved down over what its rows left unused.
        let rows: usize = subjects.iter().map(|rows| rows.len()).sum();
        let mut ends = vec![(0, 0); rows];
        let mut figures = vec![0; rows];
        let mut counts = vec![(0, 0); subjects.len()];
        let fill = |pairs: &mut Vec<(u32, u32)>, part: Part<'_, '_>| {
            let (mut ends, mut figures) = (part.ends, part.figures);
            for (rows, count) in part.subjects.iter().zip(part.counts) {
                *count = Self::write(rows, &voice_of, pairs, ends, figures);
                ends = &mut ends[rows.len()..];
                figures = &mut figures[rows.len()..];
            }
        };
        let parts = Part::split(subjects, &mut ends, &mut figures, &mut counts);
        if parallel {
            parts.into_par_iter().for_each_init(Vec::new, fill);
        } else {
            let mut pairs = Vec::new();
            for part in parts {
                fill(&mut pairs, part);
            }
        }
        let mut starts = Vec::with_capacity(subjects.len() + 1);
        starts.push((0, 0));
        let (mut to, mut from) = ((0, 0), 0);
        for (rows, &(e, f)) in subjects.iter().zip(&counts) {
            let (e, f) = (e as usize, f as usize);
            ends.copy_within(from..from + e, to.0);
            figures.copy_within(from..from + f, to.1);
            to = (to.0 + e, to.1 + f);
            from += rows.len();
            starts.push((index(to.0), index(to.1)));
        }
        ends.truncate(to.0);
        ends.shrink_to_fit();
        figures.truncate(to.1);
        figures.shrink_to_fit();
        SaidEach { starts, ends, figures }
    }

    /// Writes the subject of `rows` into the starts of `ends` and `figures` (at least as long
    /// as `rows`), in `pairs` sorted and distinct by voice; returns how many of each it wrote.
    fn write(
        rows: &[(u32, u32)],
        voice_of: impl Fn(u32) -> usize,
        pairs: &mut Vec<(u32, u32)>,
        ends: &mut [(u32, u32)],
        figures: &mut [u32],
    ) -> (u32, u32) {
        pairs.clear();
        pairs.extend(rows.iter().map(|&(sp, k)| (index(voice_of(sp)), k)));
        pairs.sort_unstable();
        pairs.dedup();
        let mut voices: usize = 0;
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            let before = voices.checked_sub(1).map_or(0, |last| ends[last].1);
            ends[voices] = (run[0].0, before + index(run.len()));
            voices += 1;
        }
        for (at, &(_, k)) in figures.iter_mut().zip(pairs.iter()) {
            *at = k;
        }
        (index(voices), index(pairs.len()))
    }

    /// How many subjects.
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Subject `s`'s (below [`SaidEach::len`]).
    fn get(&self, s: usize) -> Said<'_> {
        let ((e0, f0), (e1, f1)) = (self.starts[s], self.starts[s + 1]);
        Said {
            ends: &self.ends[e0 as usize..e1 as usize],
            figures: &self.figures[f0 as usize..f1 as usize],
        }
    }

    /// Each subject's, in order.
    fn iter(&self) -> impl ExactSizeIterator<Item = Said<'_>> + '_ {
        (0..self.len()).map(|s| self.get(s))
    }

    /// Every subject's figures, in all.
    fn rows(&self) -> usize {
        self.figures.len()
    }

    /// Every subject's voices, in all.
    fn voices(&self) -> usize {
        self.ends.len()
    }
}

/// Whole subjects of about [`PARALLEL_FROM`] rows, and the parts of [`SaidEach::of`]'s lists
/// they are written in (as long as their rows) and of its counts (one a subject).
struct Part<'s, 'o> {
    subjects: &'s [&'s [(u32, u32)]],
    ends: &'o mut [(u32, u32)],
    figures: &'o mut [u32],
    counts: &'o mut [(u32, u32)],
}

impl<'s, 'o> Part<'s, 'o> {
    fn split(
        subjects: &'s [&'s [(u32, u32)]],
        mut ends: &'o mut [(u32, u32)],
        mut figures: &'o mut [u32],
        mut counts: &'o mut [(u32, u32)],
    ) -> Vec<Self> {
        let mut parts = Vec::new();
        let mut rest = subjects;
        let lens: Vec<usize> = subjects.iter().map(|rows| rows.len()).collect();
        for part in parts_of(&lens, PARALLEL_FROM) {
            let (n, rows) = (part.len(), lens[part].iter().sum());
            let (these, after) = rest.split_at(n);
            let (e, e_after) = std::mem::take(&mut ends).split_at_mut(rows);
            let (f, f_after) = std::mem::take(&mut figures).split_at_mut(rows);
            let (c, c_after) = std::mem::take(&mut counts).split_at_mut(n);
            parts.push(Part { subjects: these, ends: e, figures: f, counts: c });
            (rest, ends, figures, counts) = (after, e_after, f_after, c_after);
        }
        parts
    }
}

/// Each subject's rows as [`Said`], each speaker read as its voice (`voice_of`), in order; each
/// subject's alone, so in parallel from `parallel_from` rows ([`Voices::parallel_from`]).
fn said_of_each<'a>(
    subjects: impl Iterator<Item = &'a [(u32, u32)]>,
    voice_of: impl Fn(u32) -> usize + Sync,
    parallel_from: usize,
) -> SaidEach {
    let subjects: Vec<&[(u32, u32)]> = subjects.collect();
    let parallel = subjects.iter().map(|rows| rows.len()).sum::<usize>() >= parallel_from;
    SaidEach::of(&subjects, voice_of, parallel)
}

/// Per pair of voices of `pairs` (lower first), over the subjects of `per_group` (`keys` key
/// ids, `voices` voices): the subjects both cover, and those where the two give the same
/// figures. Candidate pairs only, never all pairs of voices, by walking the two voices'
/// sorted lists of subjects side by side; `in_one_pass` takes the counts of the pairs that
/// agree on [`super::echo::MIN_SHARED`] subjects or more from one pass over the subjects
/// ([`super::echo::agreements`]), for when that is cheaper ([`one_pass_is_cheaper`]): on a
/// large table nearly every pair can pass the rare pass's chance test (a hundred sources over
/// 10^5 subjects, where the walks took 8.7 of the 28 s at 10^7 rows), and where thousands of
/// voices speak on each subject the one pass costs the square of them. Both ways count exactly
/// the same.
fn overlaps(
    per_group: &SaidEach,
    keys: usize,
    voices: usize,
    pairs: &[(usize, usize)],
    in_one_pass: bool,
    parallel_from: usize,
) -> Vec<(usize, usize)> {
    let agree = in_one_pass.then(|| {
        let mut sets = FigureSets::new(keys);
        agreements(per_group, &mut sets, voices, parallel_from)
    });
    let counted: Vec<Option<(usize, usize)>> =
        pairs.iter().map(|&pair| agreed(agree.as_ref()?, pair)).collect();
    if counted.iter().all(Option::is_some) {
        return counted.into_iter().flatten().collect();
    }
    // The voices' lists of subjects, made only when some pair is to be walked (at 10^7 rows,
    // 120 MB that the rare pass's candidates, all counted in the one pass, never read).
    let figures_of = SubjectsOfVoices::of(per_group, voices);
    let walk = |(a, b): (usize, usize)| {
        let (mut common, mut same) = (0, 0);
        super::echo::walk(figures_of.of_voice(a), figures_of.of_voice(b), |gi, fa, fb| {
            let figures = per_group.get(gi as usize).figures;
            common += 1;
            same += usize::from(
                figures[fa.0 as usize..fa.1 as usize] == figures[fb.0 as usize..fb.1 as usize],
            );
        });
        (common, same)
    };
    // Each pair's alone: in parallel when the voices' subjects are many.
    let parallel = figures_of.subjects.len() >= parallel_from;
    map_each(pairs.len(), parallel, |i| counted[i].unwrap_or_else(|| walk(pairs[i])))
}

/// Per voice, the subjects it gives figures on, in subject order, each with where its figures
/// are in the subject's [`Said::figures`]: one vector for every voice, 12 bytes a voice's
/// subject (a `Vec` a voice of a subject number and a slice took 24, and up to twice that as
/// it grew: 39 MB at the copy passes' peak on a 10^6 table).
struct SubjectsOfVoices {
    /// Voice `v`'s are `subjects[starts[v]..starts[v + 1]]`.
    starts: Vec<usize>,
    /// A subject's number, and the start and end of the voice's figures there.
    subjects: Vec<(u32, (u32, u32))>,
}

impl SubjectsOfVoices {
    fn of(per_group: &SaidEach, voices: usize) -> Self {
        let mut starts = vec![0; voices + 1];
        for said in per_group.iter() {
            for &(v, _) in said.ends {
                starts[v as usize + 1] += 1;
            }
        }
        for v in 0..voices {
            starts[v + 1] += starts[v];
        }
        let mut next = starts.clone();
        let mut subjects = vec![(0, (0, 0)); starts[voices]];
        for (gi, said) in per_group.iter().enumerate() {
            let mut from = 0;
            for &(v, end) in said.ends {
                let v = v as usize;
                subjects[next[v]] = (index(gi), (from, end));
                next[v] += 1;
                from = end;
            }
        }
        SubjectsOfVoices { starts, subjects }
    }

    /// Voice `v`'s subjects.
    fn of_voice(&self, v: usize) -> &[(u32, (u32, u32))] {
        &self.subjects[self.starts[v]..self.starts[v + 1]]
    }
}

/// Whether [`overlaps`] counts `pairs` (lower first) over the subjects of `per_group`, among
/// `voices` voices, sooner in one pass over every pair than by walking each pair's subjects:
/// the pass's cost against the walks' ([`super::echo::counting_cost`]). Both count the same.
fn one_pass_is_cheaper(per_group: &SaidEach, voices: usize, pairs: &[(usize, usize)]) -> bool {
    let mut subjects = vec![0usize; voices];
    for said in per_group.iter() {
        for &(v, _) in said.ends {
            subjects[v as usize] += 1;
        }
    }
    let walks = pairs
        .iter()
        .map(|&(a, b)| subjects[a] + subjects[b])
        .fold(0usize, usize::saturating_add)
        .saturating_mul(super::echo::COST_OF_A_STEP);
    super::echo::counting_cost(voices, per_group.iter().map(|s| s.ends.len())) < walks
}

/// The shared and identical subjects of pair `(a, b)` (lower first) in `agree` (see
/// [`agreements`]), if it holds the pair.
fn agreed(agree: &Agreements, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let (common, same) = agree.get((index(a), index(b)))?;
    Some((common as usize, same as usize))
}

/// The subjects of `per_group` as [`super::echo`] reads them: each voice's figures as one
/// value ([`FigureSets`]), over `voices` voices, `order` ranking the values for ties; each
/// subject of the values `domains` gives it ([`Statements::domains`]; unbounded past its end).
fn echo_said<'a>(
    per_group: &'a SaidEach,
    domains: &[u32],
    sets: &mut FigureSets<'a>,
    voices: usize,
    order: Vec<u32>,
) -> super::echo::Said {
    let mut said = super::echo::Said::new(voices, order);
    said.reserve(per_group.len(), per_group.voices());
    for (i, per) in per_group.iter().enumerate() {
        let rows = per.by_voice().map(|(v, fs)| (index(v), index(sets.id(fs)))).collect();
        said.subject_in(rows, domains.get(i).copied().unwrap_or(u32::MAX));
    }
    said
}

/// Per pair of voices sharing a subject of `per_group` (lower first): the subjects shared, and
/// those where the two give the same figures ([`super::echo::agreements`]); what reads each
/// subject alone in parallel from `parallel_from` rows.
fn agreements<'a>(
    per_group: &'a SaidEach,
    sets: &mut FigureSets<'a>,
    voices: usize,
    parallel_from: usize,
) -> Agreements {
    let said = echo_said(per_group, &[], sets, voices, Vec::new()).in_parallel_from(parallel_from);
    super::echo::agreements(&said, &said.by_value())
}

/// A voice's figures on a subject (its sorted, distinct key ids) as one number: the figure's
/// key id when it gives one figure, else an id past every key, the same for the same figures.
/// Two voices give the same figures exactly when their ids are equal, and a voice gives just
/// the estimate `t` exactly when its id is `t`.
struct FigureSets<'a> {
    keys: usize,
    sets: HashMap<&'a [u32], usize, FixedState>,
}

impl<'a> FigureSets<'a> {
    fn new(keys: usize) -> Self {
        FigureSets { keys, sets: HashMap::default() }
    }

    fn id(&mut self, figures: &'a [u32]) -> usize {
        if let [k] = figures {
            return *k as usize;
        }
        let next = self.keys + self.sets.len();
        *self.sets.entry(figures).or_insert(next)
    }
}

/// The distinct figures off the estimate claimed for one subject, at least 1: this pass's `n`
/// ([`super::echo::claimed_false_values`]).
///
/// Not the block pass's floor ([`super::echo::MIN_FALSE_VALUES`]): this pass reads "false" off
/// the vote, so where a copying block wins the vote, the honest voices' agreement on the truth
/// is what it would weigh as a shared error. Counting only the false figures claimed keeps that
/// agreement weak evidence (with the floor, `examples/copying -- --only labels` joined honest
/// sources in every table: 0.889 of the pairs joined were not copies, and accuracy fell from
/// 0.420 to 0.412). The block pass weighs readings against each other instead, and can.
fn false_figures(said: Said<'_>, truth: Option<usize>) -> f64 {
    let mut all = said.figures.to_vec();
    all.sort_unstable();
    all.dedup();
    let truth_claimed = truth.is_some_and(|t| all.binary_search(&index(t)).is_ok());
    super::echo::claimed_false_values(all.len(), truth_claimed)
}

/// Per subject, the figure the voices' weighted vote picks (each voice's weight split over the
/// figures it gives), with CRH weights ([`crh::weights`]) from each voice's share `L_v` of
/// figures off the estimate, for up to [`VOTE_ROUNDS`] rounds. Ties (see [`crh::outweighs`])
/// go to the figure whose text sorts first (`order`, from [`super::Keys::order`]), so the
/// result does not depend on the claims' order. Each subject's alone, so in parallel from
/// `parallel_from` rows.
fn vote(
    per_group: &SaidEach,
    order: &[usize],
    n_voices: usize,
    parallel_from: usize,
) -> Vec<Option<usize>> {
    let mut weight = vec![1.0; n_voices];
    let mut truth: Vec<Option<usize>> = Vec::new();
    // Per subject, `(place in order, voice, how many figures the voice gives there, figure)`,
    // sorted: each figure's givers side by side in voice order, figures in text order, in
    // 32-bit numbers as `Said` holds them (a key's place is below the number of keys).
    // Weights change by round, this does not.
    let mut givers: Vec<(u32, u32, u32, u32)> = Vec::with_capacity(per_group.rows());
    let mut subjects: Vec<usize> = Vec::with_capacity(per_group.len());
    for said in per_group.iter() {
        for (v, figures) in said.by_voice() {
            let (v, n) = (index(v), index(figures.len()));
            givers.extend(figures.iter().map(|&k| (index(order[k as usize]), v, n, k)));
        }
        subjects.push(givers.len());
    }
    // Each subject's alone: in parallel when the rows are many.
    let parallel = givers.len() >= parallel_from;
    sort_each(&mut givers, subjects.iter().copied(), parallel);
    for _ in 0..VOTE_ROUNDS {
        let vote_on = |s: usize| {
            let from = s.checked_sub(1).map_or(0, |p| subjects[p]);
            givers[from..subjects[s]]
                .chunk_by(|a, b| a.0 == b.0)
                .map(|run| {
                    let sum = run
                        .iter()
                        .fold(0.0, |sum, &(_, v, n, _)| sum + crh::share(weight[v as usize], n));
                    (sum, run[0].3 as usize)
                })
                .fold(None, |best: Option<(f64, usize)>, (w, k)| match best {
                    Some((bw, _)) if !crh::outweighs(w, bw) => best,
                    _ => Some((w, k)),
                })
                .map(|(_, k)| k)
        };
        let next: Vec<Option<usize>> = map_each(subjects.len(), parallel, vote_on);
        if next == truth {
            break;
        }
        truth = next;
        let acc = accuracy(per_group, &truth, n_voices);
        let losses: Vec<Option<f64>> = acc.iter().map(|a| Some(1.0 - a)).collect();
        weight = crh::weights(&losses);
    }
    truth
}

/// Per voice, the share of its distinct figures equal to the estimate, with one right and one
/// wrong figure of prior (Laplace's rule), so a voice with no record sits at one half.
fn accuracy(per_group: &SaidEach, truth: &[Option<usize>], n_voices: usize) -> Vec<f64> {
    let (mut right, mut all) = (vec![0usize; n_voices], vec![0usize; n_voices]);
    for (said, t) in per_group.iter().zip(truth) {
        let Some(t) = *t else { continue };
        for (v, figures) in said.by_voice() {
            all[v] += figures.len();
            right[v] += usize::from(figures.iter().any(|&k| k as usize == t));
        }
    }
    right.iter().zip(&all).map(|(&r, &n)| super::echo::laplace(r as f64, n as f64)).collect()
}

/// Shared rare (or false) figures needed before two voices are taken for copies.
pub(crate) const MIN_RARE_SHARED: usize = 3;

pub(crate) use super::echo::{CHANCE_LEVEL, COPY_PRIOR};

// The false-sharing pass reads its candidates' agreement from `echo::agreements`, which keeps
// the pairs agreeing on at least `echo::MIN_SHARED` subjects: every candidate must be one.
const _: () = assert!(MIN_RARE_SHARED >= super::echo::MIN_SHARED as usize);

/// The chance a copier copies a given figure rather than finding it itself (`c` in Dong et
/// al. 2009). 0.8 is the value we read in their experiments; we have not checked it against
/// the paper itself.
const COPY_RATE: f64 = 0.8;

/// A false figure given by more voices than this is left out of the pair counts: so many
/// voices sharing it is no rare coincidence, and counting its pairs would cost the square of
/// their number.
const MAX_SHARING: usize = 8;

/// Rounds of estimate-then-merge in [`Voices::detect_false_sharing`].
const COPY_ROUNDS: usize = 64;

/// At most this many rounds of [`Voices::grow_attribute_sets`] each time sets are taken, and
/// of [`Voices::grow_echoing_voices`] after the block pass joins voices: a bound on their
/// cost. On the tables measured (`examples/copying -- --seeds 8`, with and without rounded
/// copies and copying of one kind alone, and the generated tables of one copied attribute in
/// BENCHMARKS.md) one round found every copy a first reading had left, and the next none.
const GROWTH_ROUNDS: usize = 3;

/// Rounds of the weighted vote that estimates the figures copy detection judges against.
const VOTE_ROUNDS: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    /// The copy passes find the same voices, for the same reasons, whether they split their
    /// work between threads or not: on a table where a clique outvotes the truth with a poor
    /// source's figures (the block pass) and one source copies another exactly (the rare
    /// pass), every parallel branch taken, then none.
    #[test]
    fn the_copy_passes_find_the_same_in_parallel_and_in_turn() {
        // Splitmix64's finaliser: a deterministic draw in [0, 1).
        let draw = |a: u64, b: u64| {
            let mut z = (a << 32 ^ b).wrapping_add(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) as f64 / 2f64.powi(64)
        };
        // Six honest sources (0-5), a poor one (6) and eight that echo it (7-14) most of the
        // time, and a pair whose second copies the first (15, 16); twelve values a subject,
        // the first true.
        let mut names: Vec<String> = (0..6).map(|h| format!("h{h}")).collect();
        names.push("poor".into());
        names.extend((0..8).map(|c| format!("c{c}")));
        names.extend(["r0", "r1"].map(String::from));
        let (subjects, values) = (300u32, 12u32);
        let mut st = Statements::new(
            (0..names.len()).collect(),
            (0..(subjects * values) as usize).collect(),
        );
        st.name_attribute("killed".into());
        let answer = |v: usize, s: u32, right: f64| {
            let wrong = 1 + (draw(u64::from(s), v as u64 + 100) * 11.0) as u32;
            s * values + if draw(v as u64, u64::from(s)) < right { 0 } else { wrong }
        };
        for s in 0..subjects {
            let mut rows: Vec<(u32, u32)> =
                (0..6).map(|h| (h, answer(h as usize, s, 0.75))).collect();
            let poor = answer(6, s, 0.3);
            rows.push((6, poor));
            rows.extend((7..15).map(|c| {
                let echo = draw(u64::from(c) + 50, u64::from(s)) < 0.9;
                (c, if echo { poor } else { answer(c as usize, s, 0.7) })
            }));
            let r = answer(15, s, 0.6);
            rows.extend([(15, r), (16, r)]);
            st.subject(true, 0, rows);
        }
        let run = |parallel_from: usize| {
            let mut voices = Voices::of_sources(&names, &[]);
            voices.parallel_from = parallel_from;
            voices.detect_copying_in(&st, Policy::default().close_rule());
            voices
        };
        let (parallel, in_turn) = (run(0), run(usize::MAX));
        let groups = |v: &Voices| format!("{:?} {:?}", v.groups, v.reasons);
        assert_eq!(groups(&parallel), groups(&in_turn));
        // Both copyings were found, each by its pass: the clique with its original, and the
        // pair.
        let group = |n: usize| &parallel.groups[parallel.group_of_name(n)];
        let mut clique = group(6).members.clone();
        clique.sort_unstable();
        assert_eq!(clique, (6..15).collect::<Vec<_>>());
        assert!(
            group(6).reasons.iter().any(|why| why.to_string().contains("outvoted")),
            "{:?}",
            group(6)
        );
        assert_eq!(group(15).members, [15, 16]);
        assert!(
            group(15).reasons.iter().any(|why| why.to_string().contains("no other voice gives"))
        );
    }

    /// Close figures of one kind are one class around the figure with the most figures within
    /// reach, the key first in order naming it; a bound, another kind and a figure past the
    /// class's reach are not in it; a key is classed on each subject alone; no class of two
    /// keys is no reading.
    #[test]
    fn close_figures_are_one_class_around_the_figure_with_most_figures_near_it() {
        let amount = |x: f64, side: crh::Side, kind: crate::unit::Dimension| Rounded {
            class: (kind, side, crh::two_figures(x).to_bits()),
            round: crh::two_figures(x) == x,
            figure: x,
        };
        let count = crate::unit::Dimension::Count;
        let figures = [
            (105.0, crh::Side::At, count),
            (100.0, crh::Side::At, count),
            (102.0, crh::Side::At, count),
            // Each of 100, 102 and 105 has the three within reach; 118 and 125 only each
            // other: a class of their own.
            (118.0, crh::Side::At, count),
            (125.0, crh::Side::At, count),
            (101.0, crh::Side::Above, count),
            (101.0, crh::Side::At, crate::unit::Dimension::Mass),
        ];
        let mut st = Statements::new((0..7).collect(), (0..8).collect());
        st.subject(true, 0, (0..7).map(|k| (k, k)).collect::<Vec<_>>());
        // Key 1 (100) alone on a second subject, beside key 7 (a label).
        st.subject(true, 0, vec![(0, 1), (1, 7)]);
        for (k, &(x, side, kind)) in figures.iter().enumerate() {
            st.round(k, amount(x, side, kind));
        }
        let classed = st.to_classes(Policy::default().close_rule()).unwrap();
        // Keys numbered anew subject by subject, in the order they had.
        assert_eq!(
            classed.rows,
            [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (0, 7), (1, 8)]
        );
        assert_eq!(classed.classes, [0, 0, 0, 3, 3, 5, 6, 7, 8]);
        // Grown from the figure with the most figures within reach, not from the lowest: 900
        // has all three, so 1,000 (given three times) is in 850's class, where from 850 up it
        // would not be.
        let mut most = Statements::new((0..5).collect(), (0..3).collect());
        most.subject(true, 0, vec![(0, 0), (1, 1), (2, 2), (3, 2), (4, 2)]);
        for (k, x) in [850.0, 900.0, 1_000.0].into_iter().enumerate() {
            most.round(k, amount(x, crh::Side::At, count));
        }
        assert_eq!(most.to_classes(Policy::default().close_rule()).unwrap().classes, [0, 0, 0]);
        // Figures within reach, not statements: 112 given five times has 102 and 105 within
        // reach (seven statements), 102 has all four figures; counted by statements, the
        // block's figure would draw 102 and 105 to itself and leave 100 alone.
        let mut block = Statements::new((0..8).collect(), (0..4).collect());
        let rows = [(0, 0), (1, 1), (2, 2), (3, 3), (4, 3), (5, 3), (6, 3), (7, 3)];
        block.subject(true, 0, rows.to_vec());
        for (k, x) in [100.0, 102.0, 105.0, 112.0].into_iter().enumerate() {
            block.round(k, amount(x, crh::Side::At, count));
        }
        assert_eq!(block.to_classes(Policy::default().close_rule()).unwrap().classes, [0, 0, 0, 0]);
        let mut apart = Statements::new((0..2).collect(), (0..2).collect());
        apart.subject(true, 0, vec![(0, 0), (1, 1)]);
        apart.round(0, amount(100.0, crh::Side::At, count));
        apart.round(1, amount(200.0, crh::Side::At, count));
        assert!(apart.to_classes(Policy::default().close_rule()).is_none());
    }

    /// The two-figure reading made in parts, in turn or in parallel, is the one made in one
    /// part: the rows, their keys numbered across the parts, the keys' places and subjects.
    #[test]
    fn two_figures_made_in_parts_are_those_made_in_one() {
        let people = |x: f64| Rounded {
            class: (crate::unit::Dimension::Count, crh::Side::At, crh::two_figures(x).to_bits()),
            round: crh::two_figures(x) == x,
            figure: x,
        };
        // Per subject, six keys of figures near one another (some round), the last a label.
        let (subjects, per) = (400, 6);
        let order: Vec<usize> =
            (0..subjects * per).map(|k| (k * 7_919) % (subjects * per)).collect();
        let mut st = Statements::new((0..5).collect(), order);
        for subject in 0..subjects {
            let key = |j: usize| index(subject * per + j);
            let rows = (0..12).map(|r| (index(r % 5), key((r * 5 + subject) % per)));
            st.subject(subject % 7 != 3, index(subject % 3), rows.collect::<Vec<_>>());
            for j in 0..per - 1 {
                let x = [1_234.0, 1_200.0, 1_250.0, 1_180.0, 1_300.0][(j + subject) % 5];
                st.round(key(j) as usize, people(x + f64::from(index(subject % 4)) * 1_000.0));
            }
        }
        let made = |part_rows: usize, parallel_from: usize| {
            let out = st.to_two_figures_in_parts(part_rows, parallel_from).unwrap();
            format!("{:?} {:?} {:?} {}", out.rows, out.order, out.subjects, out.keys)
        };
        let in_one = made(usize::MAX, usize::MAX);
        assert_eq!(made(1, 0), in_one);
        assert_eq!(made(50, usize::MAX), in_one);
        assert_eq!(made(100, 0), in_one);
    }

    /// A round figure and the one precise figure of its subject that rounds to it are one
    /// key within their subject, placed where the first of them sorts; two different precise
    /// figures stay two; a key that rounds to nothing stays its own; only fixed facts are
    /// kept; and statements where nothing is made one give none.
    #[test]
    fn a_round_figure_and_the_precise_one_it_rounds_are_one_key_in_their_subject() {
        let people = |x: f64| Rounded {
            class: (crate::unit::Dimension::Count, crh::Side::At, crh::two_figures(x).to_bits()),
            round: crh::two_figures(x) == x,
            figure: x,
        };
        // Keys: 0 "1234", 1 "1200", 2 "1250", 3 a label, 4 "1180", 5 "1300".
        let mut st = Statements::new(vec![0, 1, 2, 3], vec![3, 1, 4, 0, 2, 5]);
        st.subject(true, 0, [(0, 0), (1, 1), (2, 2), (3, 5)]);
        st.subject(false, 0, [(0, 0), (1, 1)]);
        st.subject(true, 0, [(0, 3), (1, 4), (2, 0), (3, 1), (3, 0)]);
        for (k, x) in [(0, 1_234.0), (1, 1_200.0), (2, 1_250.0), (4, 1_180.0), (5, 1_300.0)] {
            st.round(k, people(x));
        }
        let rounded = st.to_two_figures(PARALLEL_FROM).unwrap();
        // First subject: 1234 and 1200 one key, 1250 (precise, alone in 1,300) and 1300 one
        // more. Third: the label; 1180 and 1234, two precise figures of 1,200, stay two, and
        // 1200 a third.
        assert_eq!(
            rounded.rows,
            [(0, 0), (1, 0), (2, 1), (3, 1), (0, 2), (1, 3), (2, 4), (3, 5), (3, 4)]
        );
        assert_eq!(rounded.subjects, [(4, true), (9, true)]);
        // Each new key sorts where the first of its keys did, places distinct: by first
        // places 1, 4, 0, 2, 3 and 1, the two 1s (one key in two subjects) by number.
        assert_eq!(rounded.order, [1, 5, 0, 3, 4, 2]);
        assert_eq!(rounded.keys, 6);
        assert!(rounded.rounded.is_empty());
        // Two precise figures that round alike, and nothing round: no second reading.
        let mut apart = Statements::new(vec![0, 1], vec![0, 1]);
        apart.subject(true, 0, [(0, 0), (1, 1)]);
        apart.round(0, people(1_234.0));
        apart.round(1, people(1_180.0));
        assert!(apart.to_two_figures(PARALLEL_FROM).is_none());
        // Nor does a table of labels.
        let mut labels = Statements::new(vec![0, 1], vec![0, 1]);
        labels.subject(true, 0, [(0, 0), (1, 1)]);
        assert!(labels.to_two_figures(PARALLEL_FROM).is_none());
    }

    /// A value counts toward a fact's domain only where two speakers or more give it on one
    /// fact, and among the fewest of its attribute's most shown values that cover 95 % of the
    /// values its facts show ([`COVERED_SHARE`]): a fixed fact of labels may take the most
    /// labels any fact of its attribute shows, but no more than those; labels named per fact
    /// (no five of them cover the attribute) the fewest labels a fact shows that cover its
    /// facts showing two or more; another fact the values covering its attribute's (told by
    /// their texts, as the paths tell them), or five where five do not; facts that are not
    /// fixed (a running total's figures over time) count none and get none. Each attribute's
    /// facts alone, as the passes over one attribute read them, get the same domains.
    #[test]
    fn a_fact_may_take_the_values_its_attribute_shows() {
        let mut texts: Vec<String> = ["yes", "no", "partly", "home", "away", "draw", "home7"]
            .iter()
            .chain(&["away7", "home8", "away8", "draw8"])
            .map(|t| (*t).to_owned())
            .collect();
        // Choices named per fact, more than are followed.
        let named = texts.len();
        let choices = 24;
        texts.extend((0..choices).flat_map(|f| [format!("in{f}"), format!("out{f}")]));
        texts.push("draw3".to_owned());
        let labels = texts.len();
        texts.extend((0..20).map(|n| n.to_string()));
        let number = |n: u32| index(labels) + n;
        let mut st = Statements::new((0..6).collect(), (0..texts.len()).collect());
        for label in 0..labels {
            st.label(label);
        }
        let subject = |st: &mut Statements, fixed, a, rows: &[(u32, u32)]| {
            st.subject(fixed, a, rows.iter().copied());
            for k in st.to_show() {
                st.shows(a, fingerprint(&texts[k as usize]));
            }
        };
        let domains =
            |st: &Statements| st.domains().into_iter().map(|(d, _)| d).collect::<Vec<_>>();
        let (yes, no, partly) = (0, 1, 2);
        // Attribute 0, yes or no: two labels given twice each on ten facts, once on one; a
        // third ("partly") given once is not counted, nor given twice on one fact of twelve
        // (yes and no cover 24 of the 25 values shown).
        for _ in 0..10 {
            subject(&mut st, true, 0, &[(0, yes), (1, no), (2, yes), (3, no)]);
        }
        subject(&mut st, true, 0, &[(0, no), (1, no)]);
        subject(&mut st, true, 0, &[(0, yes), (1, no), (2, partly), (3, yes), (4, no)]);
        subject(&mut st, true, 0, &[(0, yes), (1, no), (2, partly), (3, yes), (4, partly)]);
        // Attribute 1, figures: 0 and 1 twice each on twelve facts, 2 twice on one (and a
        // running total's 2 to 6 and a lone 7 not counted) make two.
        for _ in 0..12 {
            let rows = [(0, number(0)), (1, number(0)), (2, number(1)), (3, number(1))];
            subject(&mut st, true, 1, &rows);
        }
        subject(&mut st, false, 1, &(2..7).map(|n| (n % 5, number(n))).collect::<Vec<_>>());
        let rows = [(0, number(2)), (1, number(2)), (2, number(1)), (3, number(7))];
        subject(&mut st, true, 1, &rows);
        // Attribute 2, a choice of two named per fact: labels of two facts, two on each.
        subject(&mut st, true, 2, &[(0, 6), (1, 7), (2, 6), (3, 7)]);
        subject(&mut st, true, 2, &[(0, 8), (1, 9), (2, 8)]);
        // Attribute 3, home, away or draw, three on one fact: three.
        let (home, away, draw) = (3, 4, 5);
        subject(&mut st, true, 3, &[(0, home), (1, home), (2, away), (3, away)]);
        subject(&mut st, true, 3, &[(0, draw), (1, draw), (2, home), (3, home)]);
        subject(&mut st, true, 3, &[(0, away), (1, away), (2, draw), (3, draw)]);
        let all = [(0, home), (1, home), (2, away), (3, away), (4, draw), (5, draw)];
        subject(&mut st, true, 3, &all);
        assert_eq!(domains(&st), [vec![2; 13 + 13 + 2], vec![3; 4]].concat());
        // Attribute 4, a count that is mostly 0: 0 on twenty facts, 1 on three, 2 on two, 3
        // and 5 on one each; 0 to 3 cover 26 of the 27 values shown: four.
        for (n, facts) in [(0, 20), (1, 3), (2, 2), (3, 1), (5, 1)] {
            for _ in 0..facts {
                subject(&mut st, true, 4, &[(0, number(n)), (1, number(n)), (2, number(9))]);
            }
        }
        assert_eq!(domains(&st)[32..], [4; 27]);
        // Attribute 5, figures each on one fact, no five covering them: five.
        for n in 0..20 {
            subject(&mut st, true, 5, &[(0, number(n)), (1, number(n))]);
        }
        assert_eq!(domains(&st)[59..], [5; 20]);
        // Attribute 6, a choice of two named per fact, past the labels followed, with a third
        // label given twice on one fact of 24: two, as two labels cover 23 of its facts.
        for f in 0..choices {
            let (i, o) = (index(named) + 2 * f, index(named) + 2 * f + 1);
            let mut rows = vec![(0, i), (1, i), (2, o), (3, o)];
            if f == 3 {
                rows.extend([(4, index(labels) - 1), (5, index(labels) - 1)]);
            }
            subject(&mut st, true, 6, &rows);
        }
        assert_eq!(domains(&st)[79..], [2; 24]);
        // Attribute 7, five categories that four sources speak on, two on a fact: a domain of
        // two, but not two-way.
        for (a, b) in [(0, 1), (3, 4), (5, 0), (1, 3), (4, 5)] {
            subject(&mut st, true, 7, &[(0, a), (1, a), (2, b), (3, b)]);
        }
        assert_eq!(domains(&st)[103..], [2; 5]);
        let two_way: Vec<bool> = st.domains().into_iter().map(|(_, t)| t).collect();
        // Yes/no, 1/0 and choices named per fact are two-way; draws, a count mostly 0,
        // figures no five cover and the five categories are not.
        assert!(two_way[..26].iter().chain(&two_way[79..103]).all(|&t| t));
        assert!(!two_way[28] && !two_way[32] && !two_way[59] && !two_way[103]);
        assert!(Statements::new(Vec::new(), Vec::new()).domains().is_empty());
        each_attribute_alone_reads_as_among_all(&st);
    }

    /// Each attribute of `st` alone (`Statements::of_attribute`, what the passes over one
    /// attribute read): the same domains fact by fact, the same speakers, and its keys
    /// numbered anew in the order they had.
    fn each_attribute_alone_reads_as_among_all(st: &Statements) {
        let all: Vec<(u32, bool)> = st.domains();
        let facts = st.fixed_by_attribute();
        let mut at = 0;
        for (a, subjects) in facts.iter().enumerate() {
            let alone = st.of_attribute(index(a), subjects);
            assert_eq!(alone.domains(), all[at..at + subjects.len()], "attribute {a}");
            at += subjects.len();
            assert_eq!(alone.speakers, st.speakers);
            let old: Vec<(u32, u32)> = subjects
                .iter()
                .filter_map(|&i| st.subjects().nth(i).map(|(_, rows)| rows.to_vec()))
                .flatten()
                .collect();
            assert_eq!(old.len(), alone.rows.len(), "attribute {a}");
            for (&(so, ko), &(sn, kn)) in old.iter().zip(&alone.rows) {
                assert_eq!(so, sn);
                assert_eq!(st.is_label(ko), alone.is_label(kn));
                for (&(_, ko2), &(_, kn2)) in old.iter().zip(&alone.rows) {
                    let before = st.order[ko as usize].cmp(&st.order[ko2 as usize]);
                    assert_eq!(before, alone.order[kn as usize].cmp(&alone.order[kn2 as usize]));
                }
            }
        }
        assert_eq!(at, all.len());
    }

    /// Invariant `each_subject_says_what_its_rows_say`: [`said_of_each`] gives each subject
    /// its voices in order, each with its distinct figures sorted, as its own rows read through
    /// `voice_of` give them, in parallel and in turn; over subjects of no row, one row and
    /// many, speakers read as one voice, and enough rows for several parts
    /// ([`PARALLEL_FROM`] rows each) with a subject larger than a part.
    #[test]
    fn each_subject_says_what_its_rows_say() {
        let mut subjects: Vec<Vec<(u32, u32)>> = (0u32..4_000)
            .map(|s| {
                let n = (s * 7 + s / 3) % 13;
                (0..n).map(|r| ((s * 31 + r * 17) % 23, (s * 5 + r * r) % 6)).collect()
            })
            .collect();
        let big = (0..PARALLEL_FROM as u32 + 5).map(|r| (r % 40, r % 3)).collect();
        subjects.insert(1_000, big);
        // Speakers 2k and 2k + 1 are voice k, so a voice can give a figure twice.
        let voice_of = |sp: u32| (sp / 2) as usize;
        let expected: Vec<Vec<(usize, Vec<u32>)>> = subjects
            .iter()
            .map(|rows| {
                let mut by_voice: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
                for &(sp, k) in rows {
                    by_voice.entry(voice_of(sp)).or_default().insert(k);
                }
                by_voice.into_iter().map(|(v, ks)| (v, ks.into_iter().collect())).collect()
            })
            .collect();
        assert!(subjects.iter().map(Vec::len).sum::<usize>() > 2 * PARALLEL_FROM);
        for parallel_from in [0, usize::MAX] {
            let said = said_of_each(subjects.iter().map(Vec::as_slice), voice_of, parallel_from);
            assert_eq!(said.len(), subjects.len());
            let got: Vec<Vec<(usize, Vec<u32>)>> = said
                .iter()
                .map(|s| s.by_voice().map(|(v, fs)| (v, fs.to_vec())).collect())
                .collect();
            assert_eq!(got, expected, "parallel from {parallel_from}");
            assert_eq!(said.voices(), expected.iter().map(Vec::len).sum::<usize>());
            // The lists hold what the subjects say and no more (closed up and cut to it).
            let figures = expected.iter().flatten().map(|(_, fs)| fs.len()).sum::<usize>();
            assert_eq!(said.rows(), figures);
        }
    }

    /// The rare pass's pairs ([`rare_pairs_of_each`]) are each subject's own, in parallel and
    /// in turn, on subjects where different voices speak.
    #[test]
    fn the_rare_pairs_are_the_same_in_parallel_and_in_turn() {
        let rows: Vec<Vec<(u32, u32)>> = (0u32..120)
            .map(|s| {
                // Voices s % 9 and up speak; two of them share figure 9 on a subject in three.
                (s % 9..10)
                    .map(|v| {
                        let shared = s % 3 == 0 && (v == 8 || v == 9);
                        (v, if shared { 9 } else { (s + v) % 3 })
                    })
                    .collect()
            })
            .collect();
        let per_group = said_of_each(rows.iter().map(Vec::as_slice), |sp| sp as usize, 0);
        let parallel = rare_pairs_of_each(&per_group, 0);
        assert_eq!(parallel, rare_pairs_of_each(&per_group, usize::MAX));
        // Subject 0: figure 2 given by voices 2 and 5 alone, and 9 by 8 and 9.
        assert_eq!(parallel[0], Some(vec![[2, 5], [8, 9]]));
        assert_eq!(parallel[1], Some(Vec::new()));
        assert!(parallel.iter().any(Option::is_none), "a subject of two voices");
    }

    /// The false pass's vote ([`vote`]) picks the same figures subject by subject in parallel
    /// and in turn.
    #[test]
    fn the_false_pass_vote_is_the_same_in_parallel_and_in_turn() {
        // Nine voices on 200 subjects of six keys each, figures picked by a mix of subject and
        // voice, one in three voices giving two figures on some subjects.
        let (voices, keys) = (9u32, 6u32);
        let rows: Vec<Vec<(u32, u32)>> = (0u32..200)
            .map(|s| {
                let mut rows = Vec::new();
                for v in 0..voices {
                    let x = (s * 7 + v * 13 + s * v) % 17;
                    rows.push((v, s * keys + x % keys));
                    if v % 3 == 0 && x % 4 == 0 {
                        rows.push((v, s * keys + (x + 1) % keys));
                    }
                }
                rows
            })
            .collect();
        let per_group = said_of_each(rows.iter().map(Vec::as_slice), |sp| sp as usize, 0);
        let order: Vec<usize> = (0..(200 * keys) as usize).rev().collect();
        let parallel = vote(&per_group, &order, voices as usize, 0);
        let in_turn = vote(&per_group, &order, voices as usize, usize::MAX);
        assert_eq!(parallel, in_turn);
        // Not a vote any order would give: the figures picked differ from subject to subject.
        let picked: BTreeSet<Option<usize>> = parallel.iter().map(|t| t.map(|k| k % 6)).collect();
        assert!(picked.len() > 2, "{picked:?}");
    }

    /// Invariant `both_ways_of_counting_overlaps_agree`: shared and identical subjects per
    /// pair are the same whether walked pair by pair or read from one pass over the subjects,
    /// on subjects where voices give one figure, several, or the same as others, and pairs
    /// that agree on fewer subjects than the one pass keeps.
    #[test]
    fn both_ways_of_counting_overlaps_agree() {
        let voices = 8;
        // A small generator of its own (deterministic): subject s, voice v gives figures of
        // keys 0..4 picked by a mix of s and v, some voices nothing, some two figures.
        let mut subjects = Vec::new();
        for s in 0u32..60 {
            let mut rows = Vec::new();
            for v in 0u32..voices {
                let x = (s * 7 + v * 13 + s * v) % 11;
                match x {
                    // Voice 7 speaks on two subjects only.
                    _ if v == 7 && s % 30 != 0 => {}
                    // Voices 5 and 6 (and 7) give the subject's own figure, always.
                    _ if v >= 5 => rows.push((v, s % 4)),
                    0 | 1 => {}
                    2 => rows.extend([(v, s % 4), (v, (s + 1) % 4)]),
                    _ => rows.push((v, x % 4)),
                }
            }
            subjects.push(rows);
        }
        let per_group = said_of_each(subjects.iter().map(Vec::as_slice), |sp| sp as usize, 0);
        let pairs: Vec<(usize, usize)> = (0..voices as usize)
            .flat_map(|a| (a + 1..voices as usize).map(move |b| (a, b)))
            .collect();
        let walked = overlaps(&per_group, 4, voices as usize, &pairs, false, PARALLEL_FROM);
        let counted = overlaps(&per_group, 4, voices as usize, &pairs, true, 0);
        assert_eq!(walked, counted);
        // The case is not empty: pairs that share subjects, agree on some, and one that agrees
        // wherever both speak.
        assert!(walked.iter().filter(|&&(common, _)| common > 0).count() > pairs.len() / 2);
        assert!(walked.iter().any(|&(common, same)| same > 0 && same < common));
        // The one pass holds most pairs, as `overlaps` reads them (lower first), with the
        // walked counts: it is used, not only fallen back from.
        let agree = agreements(&per_group, &mut FigureSets::new(4), voices as usize, PARALLEL_FROM);
        let held: Vec<usize> =
            (0..pairs.len()).filter(|&i| agreed(&agree, pairs[i]).is_some()).collect();
        assert!(held.len() > pairs.len() / 2, "{held:?}");
        for i in held {
            assert_eq!(agreed(&agree, pairs[i]), Some(walked[i]), "{:?}", pairs[i]);
        }
        // Some pair agrees on fewer subjects than the one pass keeps: it is walked there.
        let min_shared = super::super::echo::MIN_SHARED as usize;
        assert!(walked.iter().any(|&(_, same)| same < min_shared), "{walked:?}");
        let both_copy = pairs.iter().position(|&p| p == (5, 6)).unwrap();
        assert_eq!(walked[both_copy].0, walked[both_copy].1);
    }

    #[test]
    fn the_chance_test_is_the_poisson_upper_tail() {
        // P(X >= 4 | 0.4) = 1 - e^-0.4 (1 + 0.4 + 0.08 + 0.010667) = 0.000776, under 1e-3.
        assert!(beyond_chance(4, 0.4));
        // P(X >= 3 | 0.4) = 0.00793: three coincidences are within chance at that rate.
        assert!(!beyond_chance(3, 0.4));
        // No coincidence expected: any is beyond chance.
        assert!(beyond_chance(1, 0.0));
        // A large mean does not underflow: 1,000 expected, 1,000 seen is chance, 1,200 is not.
        assert!(!beyond_chance(1000, 1000.0));
        assert!(beyond_chance(1200, 1000.0));
    }

    #[test]
    fn pairs_that_coincide_as_often_as_the_rest_are_not_candidates() {
        // Ten voices on 450 subjects; on each subject one pair gives the same rare figure, every
        // pair in turn (ten times each), and voices 8 and 9 share one on every subject.
        let pairs: Vec<(usize, usize)> =
            (0..10).flat_map(|a| (a + 1..10).map(move |b| (a, b))).collect();
        let mut c = Coincidences::new(10);
        for g in 0..450 {
            let (a, b) = pairs[g % pairs.len()];
            let sharing: Vec<Vec<usize>> =
                if (a, b) == (8, 9) { vec![vec![8, 9]] } else { vec![vec![a, b], vec![8, 9]] };
            c.subject(0..10, sharing.iter().map(Vec::as_slice));
        }
        let found = c.beyond_chance(0);
        assert_eq!(found.iter().map(|c| (c.pair, c.shared)).collect::<Vec<_>>(), [((8, 9), 450)]);
    }
}
