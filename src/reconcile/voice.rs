//! Sources and independence groups: relayed wires, declared owners, detected copying.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::claim::Claim;
use crate::id::SourceId;
use crate::subject::Aliases;

use super::group::GroupData;

/// Union-find over source names.
#[derive(Debug, Clone, Default)]
struct Union {
    parent: Vec<usize>,
}

impl Union {
    fn add(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.parent.len() - 1
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
    pub reasons: Vec<String>,
}

/// Who said each claim, and which sources are one voice.
#[derive(Debug, Clone)]
pub(crate) struct Voices {
    /// Every name seen: sources, wires, declared names. Sorted.
    names: Vec<SourceId>,
    is_source: Vec<bool>,
    is_wire: Vec<bool>,
    union: Union,
    reasons: Vec<(usize, usize, String)>,
    /// Per claim: index into `names` of its source.
    claim_source: Vec<usize>,
    /// Per name: its group, after `finalize`.
    name_group: Vec<usize>,
    pub groups: Vec<VoiceGroup>,
}

/// The source of a claim: the speaker it is attributed to, else the outlet.
pub(crate) fn source_of(claim: &Claim, aliases: &Aliases) -> SourceId {
    let p = claim.provenance();
    p.said_by()
        .and_then(|s| SourceId::new(aliases.canonical(s).as_str()).ok())
        .unwrap_or_else(|| p.outlet().clone())
}

impl Voices {
    pub fn build(
        claims: &[Claim],
        aliases: &Aliases,
        declared: &[(SourceId, SourceId, String)],
    ) -> Self {
        let mut all: BTreeSet<SourceId> = BTreeSet::new();
        let sources: Vec<SourceId> = claims.iter().map(|c| source_of(c, aliases)).collect();
        // "Police" and "police" are one source: every spelling maps to the first in sort
        // order, so the choice does not depend on the order of the claims.
        let mut spelling: BTreeMap<String, SourceId> = BTreeMap::new();
        for s in &sources {
            let key = s.as_str().to_lowercase();
            match spelling.get(&key) {
                Some(first) if first <= s => {}
                _ => {
                    spelling.insert(key, s.clone());
                }
            }
        }
        let sources: Vec<SourceId> =
            sources.iter().map(|s| spelling[&s.as_str().to_lowercase()].clone()).collect();
        all.extend(sources.iter().cloned());
        for c in claims {
            all.insert(c.provenance().outlet().clone());
            if let Some(w) = c.provenance().via() {
                all.insert(w.clone());
            }
        }
        for (a, b, _) in declared {
            all.insert(a.clone());
            all.insert(b.clone());
        }
        let names: Vec<SourceId> = all.into_iter().collect();
        let name_index: HashMap<SourceId, usize> =
            names.iter().enumerate().map(|(i, n)| (n.clone(), i)).collect();
        let mut union = Union::default();
        for _ in &names {
            union.add();
        }
        let mut is_source = vec![false; names.len()];
        let mut is_wire = vec![false; names.len()];
        let claim_source: Vec<usize> = sources.iter().map(|s| name_index[s]).collect();
        for &s in &claim_source {
            is_source[s] = true;
        }
        let mut reasons = Vec::new();
        let mut seen = BTreeSet::new();
        for (c, &s) in claims.iter().zip(&claim_source) {
            let p = c.provenance();
            let outlet = spelling
                .get(&p.outlet().as_str().to_lowercase())
                .map_or_else(|| name_index[p.outlet()], |o| name_index[o]);
            if let Some(w) = p.via() {
                let wire = name_index[w];
                is_wire[wire] = true;
                // An outlet relaying a wire speaks with the wire's voice when it speaks
                // for itself (unattributed claims).
                if s == outlet && seen.insert((outlet, wire)) {
                    union.join(outlet, wire);
                    reasons.push((outlet, wire, format!("{} relays {}", p.outlet(), w)));
                }
            }
        }
        for (a, b, why) in declared {
            let (ia, ib) = (name_index[a], name_index[b]);
            union.join(ia, ib);
            reasons.push((ia, ib, format!("{a} and {b}: {why}")));
        }
        let mut v = Voices {
            names,
            is_source,
            is_wire,
            union,
            reasons,
            claim_source,
            name_group: Vec::new(),
            groups: Vec::new(),
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
            .filter(|members| members.iter().any(|&m| self.is_source[m]))
            .map(|members| {
                let name = members
                    .iter()
                    .find(|&&m| self.is_wire[m])
                    .or_else(|| members.iter().find(|&&m| self.is_source[m]))
                    .map_or_else(|| self.names[members[0]].clone(), |&m| self.names[m].clone());
                (name, members)
            })
            .collect();
        ordered.sort_by(|a, b| a.0.cmp(&b.0));
        for (gi, (name, members)) in ordered.into_iter().enumerate() {
            for &m in &members {
                self.name_group[m] = gi;
            }
            let reasons = self
                .reasons
                .iter()
                .filter(|(a, _, _)| members.contains(a))
                .map(|(_, _, r)| r.clone())
                .collect();
            let members = members.into_iter().filter(|&m| self.is_source[m]).collect();
            self.groups.push(VoiceGroup { name, members, reasons });
        }
    }

    /// The independence group of claim `i`.
    pub fn voice_of(&self, claim: usize) -> usize {
        self.name_group[self.claim_source[claim]]
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
    /// give identical figures no third voice gives, on at least [`MIN_RARE_SHARED`] subjects,
    /// and agree on at least 80 % of the subjects they both cover, are taken for one voice.
    pub fn detect_copying(&mut self, keys: &super::Keys, groups: &[GroupData]) {
        // Per subject group: each voice's set of figures (value texts), computed once.
        let per_group: Vec<BTreeMap<usize, BTreeSet<usize>>> = groups
            .iter()
            .map(|g| {
                let mut by_voice: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
                for &i in &g.members {
                    by_voice.entry(self.voice_of(i)).or_default().insert(keys.of_claim[i]);
                }
                by_voice
            })
            .collect();
        // Pairs of voices sharing a figure that exactly two voices give and that is not the
        // group's most common figure: sharing a likely-true value is no sign of copying.
        let mut rare: HashMap<(usize, usize), usize> = HashMap::new();
        for by_voice in &per_group {
            if by_voice.len() < 3 {
                continue;
            }
            let mut givers: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (&v, values) in by_voice {
                for &value in values {
                    givers.entry(value).or_default().push(v);
                }
            }
            let most = givers.values().map(Vec::len).max().unwrap_or(0);
            for vs in givers.values() {
                if let [a, b] = vs[..]
                    && vs.len() < most
                {
                    *rare.entry((a, b)).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<((usize, usize), usize)> =
            rare.into_iter().filter(|&(_, n)| n >= MIN_RARE_SHARED).collect();
        if candidates.is_empty() {
            return;
        }
        candidates.sort_unstable();
        // Shared subjects and identical ones, for candidate pairs only: walk the two voices'
        // sorted lists of subject groups side by side (never all pairs of voices).
        let mut groups_of: HashMap<usize, Vec<usize>> = HashMap::new();
        for (gi, by_voice) in per_group.iter().enumerate() {
            for &v in by_voice.keys() {
                groups_of.entry(v).or_default().push(gi);
            }
        }
        let empty = Vec::new();
        let overlap: Vec<(usize, usize)> = candidates
            .iter()
            .map(|&((a, b), _)| {
                let (ga, gb) =
                    (groups_of.get(&a).unwrap_or(&empty), groups_of.get(&b).unwrap_or(&empty));
                let (mut i, mut j, mut common, mut same) = (0, 0, 0, 0);
                while i < ga.len() && j < gb.len() {
                    match ga[i].cmp(&gb[j]) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            let by_voice = &per_group[ga[i]];
                            common += 1;
                            if by_voice.get(&a) == by_voice.get(&b) {
                                same += 1;
                            }
                            i += 1;
                            j += 1;
                        }
                    }
                }
                (common, same)
            })
            .collect();
        let mut merged = false;
        for (((a, b), rare), (common, same)) in candidates.into_iter().zip(overlap) {
            if common > 0 && same * 5 >= common * 4 {
                let (ma, mb) = (self.groups[a].members[0], self.groups[b].members[0]);
                self.union.join(ma, mb);
                let why = format!(
                    "{} and {}: copying detected ({same} of {common} shared subjects identical, {rare} figures no other voice gives)",
                    self.groups[a].name, self.groups[b].name
                );
                self.reasons.push((ma, mb, why));
                merged = true;
            }
        }
        if merged {
            self.finalize();
        }
    }
}

/// Shared rare figures needed before two voices are taken for copies.
pub(crate) const MIN_RARE_SHARED: usize = 3;
