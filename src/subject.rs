//! What a claim is about: a measure, its qualifiers, and the alias table that normalises names.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::value::Label;

/// How a measure behaves over time. It decides whether two figures at different as-of times
/// supersede each other, change, or conflict.
///
/// ```
/// use chrono::NaiveDate;
/// use claimrecon::{Claim, ClaimId, Measure, Nature, Parser, Provenance, Reconciler, SourceId, Subject};
/// assert_eq!(Measure::Deaths.default_nature(), Nature::RunningTotal);
/// assert_eq!(Measure::EventDate.default_nature(), Nature::FixedFact);
/// // A toll of 160 on January 6 and 225 on January 15: a running total's later figure
/// // supersedes the earlier, which is a floor beneath it, not a rival.
/// let p = Parser::default();
/// let toll = |id: &str, phrase: &str, day: u32| {
///     let source = Provenance::new(SourceId::new(id).unwrap());
///     Claim::parse(ClaimId::new(id).unwrap(), Subject::new(Measure::Deaths), phrase, source, &p)
///         .map(|c| c.with_as_of(NaiveDate::from_ymd_opt(2022, 1, day).unwrap()))
/// };
/// let r = Reconciler::new().reconcile([toll("a", "160", 6)?, toll("b", "225", 15)?]);
/// assert_eq!(r.groups[0].estimate.as_ref().unwrap().figure.best_number(), Some(225.0));
/// // Neither a conflict nor a fall: no numbered finding.
/// assert!(r.findings.iter().all(|f| !f.kind.is_numbered()));
/// # Ok::<(), claimrecon::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    /// A count that only grows: deaths, injuries, detentions. A later higher figure
    /// supersedes an earlier one; a later lower one is a regression.
    RunningTotal,
    /// A state that may change either way: troop levels, prices, yes/no facts.
    ChangingState,
    /// A fact fixed once and for all: the date an event happened.
    FixedFact,
}

/// The quantity a claim measures.
///
/// ```
/// use claimrecon::{Label, Measure, Nature};
/// assert_eq!(Measure::TroopsDeployed.to_string(), "troops deployed");
/// // A named fact of your own: yes/no (`Status`), a category, or any other quantity.
/// let requested = Measure::Status(Label::new("Kazakhstan requested CSTO assistance")?);
/// assert_eq!(requested.default_nature(), Nature::ChangingState);
/// assert_eq!(requested.to_string(), "Kazakhstan requested CSTO assistance");
/// # Ok::<(), claimrecon::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// People killed.
    Deaths,
    /// People injured or wounded.
    Injured,
    /// People hospitalised.
    Hospitalized,
    /// People detained or arrested.
    Detained,
    /// Troops or peacekeepers deployed.
    TroopsDeployed,
    /// A price.
    Price,
    /// Damage or losses in money.
    Damage,
    /// The date an event happened or began.
    EventDate,
    /// The date something ends or ended.
    EndDate,
    /// Daily hours, such as a curfew.
    Hours,
    /// A yes/no fact, named: "requested CSTO assistance".
    Status(Label),
    /// A categorical fact, named: "fuel whose price rose".
    Category(Label),
    /// Any other measure, named.
    Other(Label),
}

impl Measure {
    /// How this measure behaves over time, by default.
    #[must_use]
    pub fn default_nature(&self) -> Nature {
        match self {
            Measure::Deaths | Measure::Injured | Measure::Hospitalized | Measure::Detained => {
                Nature::RunningTotal
            }
            Measure::TroopsDeployed
            | Measure::Price
            | Measure::Hours
            | Measure::Status(_)
            | Measure::Category(_)
            | Measure::Other(_) => Nature::ChangingState,
            Measure::Damage => Nature::RunningTotal,
            Measure::EventDate | Measure::EndDate => Nature::FixedFact,
        }
    }

    /// Whether the measure counts people (the killed, injured, hospitalised, detained, or
    /// troops deployed), whose figures are whole numbers.
    pub(crate) fn counts_people(&self) -> bool {
        matches!(
            self,
            Measure::Deaths
                | Measure::Injured
                | Measure::Hospitalized
                | Measure::Detained
                | Measure::TroopsDeployed
        )
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::Deaths => f.write_str("deaths"),
            Measure::Injured => f.write_str("injured"),
            Measure::Hospitalized => f.write_str("hospitalized"),
            Measure::Detained => f.write_str("detained"),
            Measure::TroopsDeployed => f.write_str("troops deployed"),
            Measure::Price => f.write_str("price"),
            Measure::Damage => f.write_str("damage"),
            Measure::EventDate => f.write_str("date"),
            Measure::EndDate => f.write_str("end date"),
            Measure::Hours => f.write_str("hours"),
            Measure::Status(l) | Measure::Category(l) | Measure::Other(l) => write!(f, "{l}"),
        }
    }
}

/// Who is counted.
///
/// ```
/// use claimrecon::Population;
/// // The police are among the security forces, who are among everyone counted; civilians
/// // and the security forces do not overlap.
/// assert!(Population::Police.is_within(&Population::SecurityForces));
/// assert!(Population::SecurityForces.is_within(&Population::All));
/// assert!(Population::Civilians.is_disjoint_from(&Population::SecurityForces));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Population {
    /// Everyone.
    All,
    /// Police, military, national guard, and other security personnel.
    SecurityForces,
    /// Police officers (part of the security forces).
    Police,
    /// Soldiers (part of the security forces).
    Military,
    /// Civilians.
    Civilians,
    /// Protesters.
    Protesters,
    /// Armed attackers, "militants", "terrorists", "bandits".
    Militants,
    /// Everyone who is not an attacker: the security forces and civilians together, as in
    /// "164 people, including law enforcement officers and civilians, were killed by
    /// extremists and terrorists" (the attackers killed are counted apart).
    NonMilitants,
    /// Any other group, named.
    Other(Label),
}

impl Population {
    /// The population this one is part of; `None` for [`Population::All`].
    #[must_use]
    pub fn parent(&self) -> Option<Population> {
        match self {
            Population::All => None,
            Population::Police | Population::Military => Some(Population::SecurityForces),
            Population::SecurityForces | Population::Civilians => Some(Population::NonMilitants),
            _ => Some(Population::All),
        }
    }
}

impl Population {
    /// True if `self` is `other` or lies within it (police within security forces within all).
    #[must_use]
    pub fn is_within(&self, other: &Population) -> bool {
        let mut current = Some(self.clone());
        while let Some(p) = current {
            if &p == other {
                return true;
            }
            current = p.parent();
        }
        false
    }

    /// True if no one can be in both populations: somewhere up their hierarchies they part
    /// into exclusive siblings. Militants and non-militants exclude each other; within the
    /// non-militants, security forces and civilians; within the security forces, police and
    /// military. Protesters may be civilians (or, in a government's wording, militants), and
    /// named groups may overlap anything, so neither is disjoint from others.
    #[must_use]
    pub fn is_disjoint_from(&self, other: &Population) -> bool {
        fn exclusive(p: &Population) -> bool {
            matches!(
                p,
                Population::Militants
                    | Population::NonMilitants
                    | Population::SecurityForces
                    | Population::Civilians
                    | Population::Police
                    | Population::Military
            )
        }
        let chain = |p: &Population| {
            std::iter::successors(Some(p.clone()), Population::parent).collect::<Vec<_>>()
        };
        let (mine, theirs) = (chain(self), chain(other));
        mine.iter().any(|a| {
            exclusive(a)
                && theirs.iter().any(|b| b != a && exclusive(b) && a.parent() == b.parent())
        })
    }
}

impl fmt::Display for Population {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Population::All => f.write_str("all"),
            Population::SecurityForces => f.write_str("security forces"),
            Population::Police => f.write_str("police"),
            Population::Military => f.write_str("military"),
            Population::Civilians => f.write_str("civilians"),
            Population::Protesters => f.write_str("protesters"),
            Population::Militants => f.write_str("militants"),
            Population::NonMilitants => f.write_str("non-militants"),
            Population::Other(l) => write!(f, "{l}"),
        }
    }
}

/// A table of alternative names: Alma-Ata → Almaty, Mangistau → Mangystau, the spellings of
/// Tokayev. Lookups ignore case. Every alias leads straight to its canonical name: a chain
/// (A → B, then B → C) is resolved as it is added, and a cycle is refused.
///
/// The table starts empty ([`Aliases::empty`], also the [`Default`]): names are the data's
/// business, so a corpus declares its own in alias lines ([`Corpus::aliases`]) and code adds
/// them with [`Aliases::insert`]. [`Aliases::general`] is a small opt-in table of widely used
/// organisation names.
///
/// ```
/// use claimrecon::{Aliases, Label};
/// let mut aliases = Aliases::empty();
/// aliases.insert(&Label::new("Alma-Ata")?, &Label::new("Almaty")?)?;
/// aliases.insert(&Label::new("Qasim Jomart Tokayev")?, &Label::new("Kassym-Jomart Tokayev")?)?;
/// assert_eq!(aliases.canonical(&Label::new("alma-ata")?).as_str(), "Almaty");
/// assert_eq!(aliases.canonical(&Label::new("Qasim Jomart Tokayev")?).as_str(), "Kassym-Jomart Tokayev");
/// assert_eq!(aliases.canonical(&Label::new("Shymkent")?).as_str(), "Shymkent");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// [`Corpus::aliases`]: crate::Corpus::aliases
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(try_from = "BTreeMap<String, Label>", into = "BTreeMap<String, Label>")]
pub struct Aliases {
    /// Every name the table knows, by its lower-case key, and the node standing for it.
    index: BTreeMap<String, usize>,
    /// Names that mean one thing share a class: a disjoint-set forest (union by rank, paths
    /// halved while inserting) whose roots hold the class's canonical name. A name that
    /// is re-pointed gets a new node; its old node stays behind for the names still in its
    /// class.
    nodes: Vec<Node>,
}

#[derive(Clone)]
struct Node {
    parent: usize,
    rank: u8,
    /// The canonical name of the class; read at roots only.
    canonical: Label,
}

impl TryFrom<BTreeMap<String, Label>> for Aliases {
    type Error = Error;

    /// Rebuilds the table through [`Aliases::insert`], so keys are normalised and a cycle is
    /// refused here too.
    fn try_from(map: BTreeMap<String, Label>) -> Result<Self, Error> {
        let mut aliases = Aliases::empty();
        for (alias, canonical) in &map {
            aliases.insert(&Label::new(alias)?, canonical)?;
        }
        Ok(aliases)
    }
}

impl From<Aliases> for BTreeMap<String, Label> {
    /// Every known name's key and its canonical name.
    fn from(a: Aliases) -> Self {
        a.entries().map(|(k, v)| (k.to_owned(), v.clone())).collect()
    }
}

impl PartialEq for Aliases {
    /// Two tables are equal when they know the same names and lead each to the same canonical
    /// name, however they were built.
    fn eq(&self, other: &Self) -> bool {
        self.index.len() == other.index.len() && self.entries().eq(other.entries())
    }
}

impl Eq for Aliases {}

impl fmt::Debug for Aliases {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries()).finish()
    }
}

/// The pairs of [`Aliases::general`].
const GENERAL: [(&str, &str); 15] = [
    ("United Nations", "UN"),
    ("the United Nations", "UN"),
    ("the UN", "UN"),
    ("European Union", "EU"),
    ("the European Union", "EU"),
    ("the EU", "EU"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("North Atlantic Treaty Organisation", "NATO"),
    ("World Health Organization", "WHO"),
    ("World Health Organisation", "WHO"),
    ("Collective Security Treaty Organization", "CSTO"),
    ("Collective Security Treaty Organisation", "CSTO"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("Organisation for Security and Co-operation in Europe", "OSCE"),
    ("International Committee of the Red Cross", "ICRC"),
];

impl Aliases {
    /// An empty table.
    #[must_use]
    pub fn empty() -> Self {
        Aliases { index: BTreeMap::new(), nodes: Vec::new() }
    }

    /// A small table of widely used organisation names, each led to its usual abbreviation.
    /// Nothing in it belongs to one story or one country; add your own names with
    /// [`Aliases::insert`] or a corpus's alias lines.
    ///
    /// | canonical | aliases |
    /// |---|---|
    /// | `UN` | United Nations, the United Nations, the UN |
    /// | `EU` | European Union, the European Union, the EU |
    /// | `NATO` | North Atlantic Treaty Organization / Organisation |
    /// | `WHO` | World Health Organization / Organisation |
    /// | `CSTO` | Collective Security Treaty Organization / Organisation |
    /// | `OSCE` | Organization / Organisation for Security and Co-operation in Europe |
    /// | `ICRC` | International Committee of the Red Cross |
    ///
    /// ```
    /// use claimrecon::{Aliases, Label, Reconciler};
    /// let general = Aliases::general();
    /// assert_eq!(general.canonical(&Label::new("the UN")?).as_str(), "UN");
    /// assert_eq!(general.canonical(&Label::new("Collective Security Treaty Organisation")?).as_str(), "CSTO");
    /// let reconciler = Reconciler::new().aliases(general);
    /// # let _ = reconciler;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn general() -> Self {
        let mut aliases = Aliases::empty();
        for (alias, canonical) in GENERAL {
            if let (Ok(a), Ok(c)) = (Label::new(alias), Label::new(canonical)) {
                // Valid labels without a cycle: a unit test checks that every pair is in.
                let _ = aliases.insert(&a, &c);
            }
        }
        aliases
    }

    /// Declares `alias` another name for `canonical`. If `canonical` is itself an alias,
    /// `alias` leads to where it leads; if other names led to `alias`, they now lead to
    /// `canonical` too. An alias declared again is re-pointed.
    ///
    /// # Errors
    /// [`Error::AliasCycle`] if `canonical` already leads back to `alias`.
    ///
    /// # Complexity
    /// O(log n) for a table of n names: n insertions take O(n log n), whatever their order.
    pub fn insert(&mut self, alias: &Label, canonical: &Label) -> Result<(), Error> {
        let target = self.canonical(canonical);
        if target.key() == alias.key() {
            if alias.key() == canonical.key() {
                return Ok(());
            }
            return Err(Error::AliasCycle {
                alias: alias.to_string(),
                canonical: canonical.to_string(),
            });
        }
        // A canonical name also finds itself whatever its case ("almaty" -> "Almaty").
        let target_node = match self.index.get(target.key()) {
            Some(&node) => node,
            None => self.add_name(&target, target.clone()),
        };
        let alias_node = match self.index.get(alias.key()).copied() {
            // `alias` names a class: every name that led to it now leads to the target.
            Some(node) if self.nodes[self.root(node)].canonical.key() == alias.key() => node,
            Some(node) if self.root(node) == self.root(target_node) => return Ok(()),
            // New, or an alias of another name: it alone moves.
            _ => self.add_name(alias, target.clone()),
        };
        self.union(alias_node, target_node, target);
        Ok(())
    }

    /// How many names the table knows, aliases and canonical names alike.
    #[must_use]
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True if the table knows no name.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Every name the table knows, aliases and canonical names alike: a gazetteer.
    #[must_use]
    pub fn names(&self) -> Vec<Label> {
        let mut names: Vec<Label> = self.entries().map(|(_, v)| v.clone()).collect();
        names.extend(self.index.keys().filter_map(|k| Label::new(k).ok()));
        // Stable: a canonical name keeps its own spelling over its lower-case key.
        names.sort();
        names.dedup();
        names
    }

    /// The canonical form of `name` (the name itself if it has no alias).
    ///
    /// # Complexity
    /// O(log n) for a table of n names.
    #[must_use]
    pub fn canonical(&self, name: &Label) -> Label {
        match self.index.get(name.key()) {
            Some(&node) => self.nodes[self.root(node)].canonical.clone(),
            None => name.clone(),
        }
    }

    /// True if the table knows `name`; if not, [`Aliases::canonical`] gives it back as it is.
    pub(crate) fn knows(&self, name: &Label) -> bool {
        self.index.contains_key(name.key())
    }

    /// Every known name's key with its canonical name, in key order.
    fn entries(&self) -> impl Iterator<Item = (&str, &Label)> {
        self.index.iter().map(|(k, &node)| (k.as_str(), &self.nodes[self.root(node)].canonical))
    }

    /// Indexes `name` under a new node of its own, in a class called `canonical`.
    fn add_name(&mut self, name: &Label, canonical: Label) -> usize {
        let node = self.nodes.len();
        self.nodes.push(Node { parent: node, rank: 0, canonical });
        self.index.insert(name.key().to_owned(), node);
        node
    }

    /// The root of `node`'s class. Depth is O(log n) by union by rank.
    fn root(&self, mut node: usize) -> usize {
        while self.nodes[node].parent != node {
            node = self.nodes[node].parent;
        }
        node
    }

    /// [`Aliases::root`], halving the path on the way.
    fn root_halving(&mut self, mut node: usize) -> usize {
        while self.nodes[node].parent != node {
            let grandparent = self.nodes[self.nodes[node].parent].parent;
            self.nodes[node].parent = grandparent;
            node = grandparent;
        }
        node
    }

    /// Joins the classes of `a` and `b` into one called `canonical`.
    fn union(&mut self, a: usize, b: usize, canonical: Label) {
        let (a, b) = (self.root_halving(a), self.root_halving(b));
        let root = if a == b {
            a
        } else {
            let (high, low) =
                if self.nodes[a].rank >= self.nodes[b].rank { (a, b) } else { (b, a) };
            self.nodes[low].parent = high;
            if self.nodes[high].rank == self.nodes[low].rank {
                self.nodes[high].rank = self.nodes[high].rank.saturating_add(1);
            }
            high
        };
        self.nodes[root].canonical = canonical;
    }
}

/// Which places lie within which: Almaty within Kazakhstan. Used to tell that a city's count
/// is part of a national one. Names are compared through their [`Label::key`]; cycles are
/// refused. Name places by their canonical names: subjects pass through the [`Aliases`]
/// before their places are looked up here.
///
/// The table starts empty ([`Places::empty`], also the [`Default`]); a corpus declares its
/// places in place lines ([`Corpus::places`]).
///
/// ```
/// use claimrecon::{Label, Places};
/// let almaty = Label::new("Almaty")?;
/// let kazakhstan = Label::new("Kazakhstan")?;
/// let mut places = Places::empty();
/// places.insert(&almaty, &kazakhstan)?;
/// assert!(places.is_within(&almaty, &kazakhstan));
/// assert!(!places.is_within(&kazakhstan, &almaty));
/// assert!(!Places::default().is_within(&almaty, &kazakhstan));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// [`Corpus::places`]: crate::Corpus::places
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BTreeMap<Label, Label>", into = "BTreeMap<Label, Label>")]
pub struct Places {
    /// Child to parent; labels order by their lower-case key, so lookups ignore case.
    parent: BTreeMap<Label, Label>,
}

impl TryFrom<BTreeMap<Label, Label>> for Places {
    type Error = Error;

    /// Rebuilds the table through [`Places::insert`], so a cycle is refused here too.
    fn try_from(map: BTreeMap<Label, Label>) -> Result<Self, Error> {
        let mut places = Places::empty();
        for (child, parent) in &map {
            places.insert(child, parent)?;
        }
        Ok(places)
    }
}

impl From<Places> for BTreeMap<Label, Label> {
    fn from(p: Places) -> Self {
        p.parent
    }
}

impl Places {
    /// No places known.
    #[must_use]
    pub fn empty() -> Self {
        Places { parent: BTreeMap::new() }
    }

    /// Declares `child` to lie within `parent`.
    ///
    /// # Errors
    /// [`Error::PartOfCycle`] if `parent` already lies within `child`.
    pub fn insert(&mut self, child: &Label, parent: &Label) -> Result<(), Error> {
        if self.is_within(parent, child) {
            return Err(Error::PartOfCycle {
                child: child.to_string(),
                parent: parent.to_string(),
            });
        }
        self.parent.insert(child.clone(), parent.clone());
        Ok(())
    }

    /// Every place the table knows: a gazetteer.
    #[must_use]
    pub fn names(&self) -> Vec<Label> {
        let mut names: Vec<Label> = self.parent.values().cloned().collect();
        names.extend(self.parent.keys().cloned());
        names.sort();
        names.dedup();
        names
    }

    /// The place `place` lies directly within, if known.
    #[must_use]
    pub fn parent_of(&self, place: &Label) -> Option<Label> {
        self.parent.get(place).cloned()
    }

    /// True if `place` is `area` or lies within it.
    #[must_use]
    pub fn is_within(&self, place: &Label, area: &Label) -> bool {
        let mut current = place;
        // Bounded by the table's size: insert refuses cycles.
        for _ in 0..=self.parent.len() {
            if current == area {
                return true;
            }
            match self.parent.get(current) {
                Some(p) => current = p,
                None => return false,
            }
        }
        false
    }
}

/// What a claim is about: a measure with its population, place and event.
///
/// Two subjects are equal (and hash and order alike) when they are about the same quantity:
/// the measure, population, place and event. Their [`Nature`] is how the reconciler treats
/// that quantity over time, not which quantity it is, so it takes no part: a claim that sets
/// another nature joins the other claims of its quantity, and the group takes one nature for
/// all of them ([`Group::subject`](crate::Group::subject) says which).
///
/// ```
/// use claimrecon::{Measure, Nature, Population, Subject, Label};
/// let s = Subject::new(Measure::Deaths)
///     .population(Population::SecurityForces)
///     .place(Label::new("Kazakhstan")?);
/// assert_eq!(s.to_string(), "deaths (security forces) in Kazakhstan");
/// // The same quantity, whatever nature a claim sets.
/// assert_eq!(s.clone().nature(Nature::FixedFact), s);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Subject {
    measure: Measure,
    population: Population,
    place: Option<Label>,
    event: Option<Label>,
    nature: Nature,
}

impl Subject {
    /// A subject for `measure`, for everyone, nowhere in particular, with the measure's
    /// default [`Nature`].
    #[must_use]
    pub fn new(measure: Measure) -> Self {
        let nature = measure.default_nature();
        Subject { measure, population: Population::All, place: None, event: None, nature }
    }

    /// Sets who is counted.
    #[must_use]
    pub fn population(self, population: Population) -> Self {
        Self { population, ..self }
    }

    /// Sets the place.
    #[must_use]
    pub fn place(self, place: Label) -> Self {
        Self { place: Some(place), ..self }
    }

    /// Sets the event (when a corpus covers several).
    #[must_use]
    pub fn event(self, event: Label) -> Self {
        Self { event: Some(event), ..self }
    }

    /// Overrides how the measure behaves over time, for the whole quantity: the claims of one
    /// subject are one group whatever natures they set, and the group takes the first nature
    /// other than the measure's default ([`Group::subject`](crate::Group::subject)).
    #[must_use]
    pub fn nature(self, nature: Nature) -> Self {
        Self { nature, ..self }
    }

    /// Replaces the place and event names by their canonical forms.
    #[must_use]
    pub fn normalized(self, aliases: &Aliases) -> Self {
        Self {
            place: self.place.map(|p| aliases.canonical(&p)),
            event: self.event.map(|e| aliases.canonical(&e)),
            ..self
        }
    }

    /// [`Subject::normalized`], borrowed when the alias table knows neither the place nor the
    /// event: then normalising changes nothing, and a subject of many claims is not copied.
    pub(crate) fn normalized_cow(&self, aliases: &Aliases) -> std::borrow::Cow<'_, Subject> {
        let known = |l: &Option<Label>| l.as_ref().is_some_and(|l| aliases.knows(l));
        if known(&self.place) || known(&self.event) {
            std::borrow::Cow::Owned(self.clone().normalized(aliases))
        } else {
            std::borrow::Cow::Borrowed(self)
        }
    }

    /// The measure.
    #[must_use]
    pub fn measure(&self) -> &Measure {
        &self.measure
    }

    /// Who is counted.
    #[must_use]
    pub fn who(&self) -> &Population {
        &self.population
    }

    /// Where.
    #[must_use]
    pub fn where_(&self) -> Option<&Label> {
        self.place.as_ref()
    }

    /// Which event.
    #[must_use]
    pub fn which_event(&self) -> Option<&Label> {
        self.event.as_ref()
    }

    /// How the measure behaves over time.
    #[must_use]
    pub fn behaviour(&self) -> Nature {
        self.nature
    }
}

impl Subject {
    /// What identifies the quantity: everything but the nature.
    fn identity(&self) -> (&Measure, &Population, Option<&Label>, Option<&Label>) {
        (&self.measure, &self.population, self.place.as_ref(), self.event.as_ref())
    }
}

impl PartialEq for Subject {
    fn eq(&self, other: &Self) -> bool {
        self.identity() == other.identity()
    }
}

impl Eq for Subject {}

impl std::hash::Hash for Subject {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.identity().hash(state);
    }
}

impl PartialOrd for Subject {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Subject {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.identity().cmp(&other.identity())
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.measure)?;
        if self.population != Population::All {
            write!(f, " ({})", self.population)?;
        }
        if let Some(p) = &self.place {
            write!(f, " in {p}")?;
        }
        if let Some(e) = &self.event {
            write!(f, " [{e}]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn populations_part_into_exclusive_siblings() {
        use Population::{
            Civilians, Militants, Military, NonMilitants, Police, Protesters, SecurityForces,
        };
        let disjoint = [
            (Police, Civilians),
            (Militants, Police),
            (NonMilitants, Militants),
            (Police, Military),
            (SecurityForces, Civilians),
        ];
        for (a, b) in disjoint {
            assert!(a.is_disjoint_from(&b) && b.is_disjoint_from(&a), "{a} and {b}");
        }
        let overlapping = [
            (NonMilitants, Civilians),
            (NonMilitants, Police),
            (SecurityForces, Police),
            (Protesters, Civilians),
            (Protesters, Militants),
            (Population::All, Militants),
            (Civilians, Civilians),
        ];
        for (a, b) in overlapping {
            assert!(!a.is_disjoint_from(&b) && !b.is_disjoint_from(&a), "{a} and {b}");
        }
        assert!(Police.is_within(&NonMilitants));
        assert!(!Militants.is_within(&NonMilitants));
    }

    use super::*;

    fn l(s: &str) -> Label {
        Label::new(s).unwrap()
    }

    #[test]
    fn alias_chains_resolve_in_one_step() {
        let mut a = Aliases::empty();
        a.insert(&l("B"), &l("C")).unwrap();
        a.insert(&l("A"), &l("B")).unwrap();
        assert_eq!(a.canonical(&l("a")).as_str(), "C");
        a.insert(&l("C"), &l("D")).unwrap();
        assert_eq!(a.canonical(&l("A")).as_str(), "D");
        assert_eq!(a.canonical(&l("B")).as_str(), "D");
    }

    #[test]
    fn alias_cycle_is_refused() {
        let mut a = Aliases::empty();
        a.insert(&l("A"), &l("B")).unwrap();
        assert_eq!(
            a.insert(&l("B"), &l("A")).unwrap_err().to_string(),
            "alias \"B\" -> \"A\" would form a cycle"
        );
    }

    #[test]
    fn a_re_pointed_alias_moves_alone() {
        let mut a = Aliases::empty();
        a.insert(&l("X"), &l("A")).unwrap();
        a.insert(&l("A"), &l("B")).unwrap();
        a.insert(&l("A"), &l("C")).unwrap();
        assert_eq!(a.canonical(&l("A")).as_str(), "C");
        // X was led to B when A joined B's class; moving A does not take X along.
        assert_eq!(a.canonical(&l("X")).as_str(), "B");
    }

    #[test]
    fn the_default_tables_are_empty() {
        assert!(Aliases::default().is_empty());
        assert_eq!(Aliases::default(), Aliases::empty());
        assert_eq!(Places::default(), Places::empty());
        assert!(Places::default().names().is_empty());
        assert_eq!(Aliases::default().canonical(&l("Alma-Ata")).as_str(), "Alma-Ata");
    }

    #[test]
    fn the_general_table_holds_every_listed_pair_and_nothing_else() {
        let general = Aliases::general();
        for (alias, canonical) in GENERAL {
            assert_eq!(general.canonical(&l(alias)).as_str(), canonical, "{alias}");
        }
        let canonicals: std::collections::BTreeSet<&str> = GENERAL.iter().map(|p| p.1).collect();
        assert_eq!(general.len(), GENERAL.len() + canonicals.len());
        assert_eq!(general.canonical(&l("Alma-Ata")).as_str(), "Alma-Ata");
    }

    #[test]
    fn a_hundred_thousand_aliases_insert_quickly() {
        // The old table rewrote every entry per insert (quadratic: 40,000 pairs took 9.8 s).
        // 100,000 pairs: independent ones; a chain declared from its near end, so every insert
        // merges a growing class into a new name; one declared from its far end; then every
        // member of that class re-pointed alone.
        let n = 100_000 / 4;
        let mut a = Aliases::empty();
        for i in 0..n {
            a.insert(&l(&format!("alias {i}")), &l(&format!("name {i}"))).unwrap();
        }
        for i in 0..n {
            a.insert(&l(&format!("up {i}")), &l(&format!("up {}", i + 1))).unwrap();
        }
        for i in 0..n {
            a.insert(&l(&format!("down {}", i + 1)), &l(&format!("down {i}"))).unwrap();
        }
        for i in 0..n {
            a.insert(&l(&format!("down {i}")), &l(&format!("end {i}"))).unwrap();
        }
        assert_eq!(a.canonical(&l("alias 7")).as_str(), "name 7");
        assert_eq!(a.canonical(&l("up 0")).as_str(), format!("up {n}"));
        assert_eq!(a.canonical(&l("down 0")).as_str(), "end 0");
        assert_eq!(a.canonical(&l("down 1")).as_str(), "end 1");
        assert_eq!(a.canonical(&l(&format!("down {n}"))).as_str(), "end 0");
    }

    /// The table as it was before the disjoint-set forest: every insert rewrote the map. The
    /// forest must give the same lookups and errors.
    #[derive(Default)]
    struct Rewriting {
        map: BTreeMap<String, Label>,
    }

    impl Rewriting {
        fn canonical(&self, name: &Label) -> Label {
            self.map.get(name.key()).cloned().unwrap_or_else(|| name.clone())
        }

        fn insert(&mut self, alias: &Label, canonical: &Label) -> Result<(), Error> {
            let target = self.canonical(canonical);
            if target.key() == alias.key() {
                if alias.key() == canonical.key() {
                    return Ok(());
                }
                return Err(Error::AliasCycle {
                    alias: alias.to_string(),
                    canonical: canonical.to_string(),
                });
            }
            for v in self.map.values_mut() {
                if v.key() == alias.key() {
                    *v = target.clone();
                }
            }
            self.map.insert(alias.key().to_owned(), target.clone());
            self.map.entry(target.key().to_owned()).or_insert(target);
            Ok(())
        }
    }

    proptest::proptest! {
        #[test]
        fn aliases_match_the_rewriting_table(
            pairs in proptest::collection::vec((0..6usize, 0..6usize), 0..40)
        ) {
            const NAMES: [&str; 6] = ["Almaty", "almaty", "Alma-Ata", "Kazakhstan", "KZ", "Aktau"];
            let (mut fast, mut slow) = (Aliases::empty(), Rewriting::default());
            for (a, c) in pairs {
                let (a, c) = (l(NAMES[a]), l(NAMES[c]));
                proptest::prop_assert_eq!(fast.insert(&a, &c), slow.insert(&a, &c));
                let fast_map: Vec<(String, String)> = fast
                    .entries()
                    .map(|(k, v)| (k.to_owned(), v.as_str().to_owned()))
                    .collect();
                let slow_map: Vec<(String, String)> =
                    slow.map.iter().map(|(k, v)| (k.clone(), v.as_str().to_owned())).collect();
                proptest::prop_assert_eq!(fast_map, slow_map);
                for name in NAMES {
                    let (f, s) = (fast.canonical(&l(name)), slow.canonical(&l(name)));
                    proptest::prop_assert_eq!(f.as_str(), s.as_str());
                }
            }
        }
    }

    #[test]
    fn normalized_subjects_group_together() {
        let mut aliases = Aliases::empty();
        aliases.insert(&l("Alma-Ata"), &l("Almaty")).unwrap();
        let a = Subject::new(Measure::Deaths).place(l("Alma-Ata")).normalized(&aliases);
        let b = Subject::new(Measure::Deaths).place(l("almaty")).normalized(&aliases);
        assert_eq!(a, b);
    }

    #[test]
    fn police_is_part_of_security_forces() {
        assert_eq!(Population::Police.parent(), Some(Population::SecurityForces));
        assert_eq!(Population::SecurityForces.parent(), Some(Population::NonMilitants));
        assert_eq!(Population::NonMilitants.parent(), Some(Population::All));
    }
}
