//! Why each stretch is in a plan and why the others are not, for
//! `--explain` (text and JSON) and for sheets that want to say so.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::eligible::Exclusion;
use super::select::{Reason, Routine, Selector};
use crate::content::Library;
use crate::words::{and_list, duration};

/// A stretch in the plan and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    pub id: String,
    pub name: String,
    /// In every routine (core) or rotating through some.
    pub core: bool,
    /// Labels of the routines it is in.
    pub routines: Vec<String>,
    pub reasons: Vec<Reason>,
}

impl Chosen {
    /// The reasons as one line, starting with its place in the rotation.
    pub fn summary(&self, routine_count: usize) -> String {
        let mut parts = Vec::new();
        if routine_count > 1 {
            parts.push(if self.core {
                "core: in every routine".to_string()
            } else {
                let labels: Vec<&str> = self.routines.iter().map(String::as_str).collect();
                let noun = if labels.len() == 1 { "routine" } else { "routines" };
                format!("rotates: {noun} {}", and_list(&labels))
            });
        }
        parts.extend(self.reasons.iter().map(ToString::to_string));
        parts.join("; ")
    }
}

/// A stretch of the library that is not in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub id: String,
    pub name: String,
    pub why: Why,
}

/// Why a stretch is not in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Constraints of the request rule it out.
    Excluded(Vec<Exclusion>),
    /// Alone it takes longer than a session may.
    TooLong { min_s: u32, minutes: u32 },
    /// It would have scored well enough but did not fit beside the others.
    NoRoom { minutes: u32 },
    /// It does much the same as `of` (a stretch in the plan).
    Twin { of: String },
    /// The chosen stretches serve the request better; `than` is the name of
    /// the lowest-scoring chosen stretch.
    LowerScore { than: String, serves_no_goal: bool },
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Excluded(exclusions) => {
                let parts: Vec<String> = exclusions.iter().map(ToString::to_string).collect();
                f.write_str(&parts.join("; "))
            }
            Why::TooLong { min_s, minutes } => {
                write!(f, "takes at least {}, more than the {minutes}-minute budget", duration(*min_s))
            }
            Why::NoRoom { minutes } => {
                write!(f, "did not fit the {minutes}-minute budget beside the chosen stretches")
            }
            Why::Twin { of } => {
                write!(f, "works the same area in much the same way as {of}, which is in the plan")
            }
            Why::LowerScore { than, serves_no_goal: true } => {
                write!(f, "not aimed at your goals; the stretches chosen, such as {than}, suit them better")
            }
            Why::LowerScore { than, serves_no_goal: false } => {
                write!(f, "the stretches chosen, such as {than}, suit your goals better")
            }
        }
    }
}

/// Every choice of a plan, explained.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Explanation {
    /// The stretches in the plan, in order of first appearance.
    pub chosen: Vec<Chosen>,
    /// The others, in id order.
    pub left_out: Vec<LeftOut>,
}

impl Explanation {
    /// Why each stretch is in the plan and why the others are not.
    pub(crate) fn build(selector: &Selector, library: &Library, weekly: &[Vec<Routine>]) -> Explanation {
        let mut chosen: Vec<Chosen> = Vec::new();
        for routine in weekly.iter().flatten() {
            for item in &routine.items {
                match chosen.iter_mut().find(|c| c.id == item.id) {
                    Some(c) => {
                        if !c.routines.contains(&routine.label) {
                            c.routines.push(routine.label.clone());
                        }
                        for reason in &item.reasons {
                            if !c.reasons.contains(reason) {
                                c.reasons.push(reason.clone());
                            }
                        }
                    }
                    None => chosen.push(Chosen {
                        id: item.id.clone(),
                        name: item.name.clone(),
                        core: item.core,
                        routines: vec![routine.label.clone()],
                        reasons: item.reasons.clone(),
                    }),
                }
            }
        }
        for c in &mut chosen {
            c.routines.sort();
        }
        let lookup = Lookup::new(selector, &chosen);
        let left_out = library
            .stretches()
            .iter()
            .filter(|s| !lookup.chosen.contains(s.id.as_str()))
            .map(|s| LeftOut {
                id: s.id.clone(),
                name: s.name.clone(),
                why: why_left_out(selector, &lookup, &s.id),
            })
            .collect();
        Explanation { chosen, left_out }
    }
}

/// The selector's stretches by id, so explaining a large library takes one
/// pass over it rather than a search per stretch.
struct Lookup<'a> {
    allowed: HashMap<&'a str, usize>,
    excluded: HashMap<&'a str, &'a [Exclusion]>,
    chosen: HashSet<&'a str>,
    /// The allowed indices of the chosen stretches, in plan order.
    chosen_allowed: Vec<usize>,
}

impl<'a> Lookup<'a> {
    fn new(selector: &'a Selector, chosen: &'a [Chosen]) -> Self {
        let allowed: HashMap<&str, usize> =
            selector.stretches.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let excluded = selector.excluded.iter().map(|(s, why)| (s.id.as_str(), why.as_slice())).collect();
        let chosen_allowed = chosen.iter().filter_map(|c| allowed.get(c.id.as_str()).copied()).collect();
        Lookup { allowed, excluded, chosen: chosen.iter().map(|c| c.id.as_str()).collect(), chosen_allowed }
    }
}

fn why_left_out(selector: &Selector, lookup: &Lookup, id: &str) -> Why {
    if let Some(exclusions) = lookup.excluded.get(id) {
        return Why::Excluded(exclusions.to_vec());
    }
    let minutes = selector.budget_s() / 60;
    let Some(&i) = lookup.allowed.get(id) else {
        return Why::NoRoom { minutes };
    };
    let min_s = selector.shortest_s(i, 0.0);
    if min_s > selector.budget_s() {
        return Why::TooLong { min_s, minutes };
    }
    let twin = lookup
        .chosen_allowed
        .iter()
        .find(|&&k| super::score::twin(selector.stretches[i], selector.stretches[k]));
    if let Some(&k) = twin {
        return Why::Twin { of: selector.stretches[k].name.clone() };
    }
    let lowest = lookup.chosen_allowed.iter().map(|&k| (selector.values[k], k)).min();
    match lowest {
        Some((value, k)) if selector.values[i] < value => Why::LowerScore {
            than: selector.stretches[k].name.clone(),
            serves_no_goal: super::score::served(selector.stretches[i], selector.goals()).is_empty(),
        },
        _ => Why::NoRoom { minutes },
    }
}
