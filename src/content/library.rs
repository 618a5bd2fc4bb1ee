//! The loaded, validated library: every stretch by id, the goals and the
//! safety text, with the look-ups later stages need.

use super::model::{Goal, Safety, Stretch};
use crate::error::{Error, Fault, Field, Input, Result};

/// All stretches (sorted by id), goals (in file order) and safety text.
#[derive(Debug, Clone)]
pub struct Library {
    stretches: Vec<Stretch>,
    goals: Vec<Goal>,
    safety: Safety,
}

impl Library {
    /// A library from parts that are already valid (tests build these).
    pub fn new(mut stretches: Vec<Stretch>, goals: Vec<Goal>, safety: Safety) -> Self {
        stretches.sort_by(|a, b| a.id.cmp(&b.id));
        Library { stretches, goals, safety }
    }

    pub fn stretches(&self) -> &[Stretch] {
        &self.stretches
    }

    pub fn goals(&self) -> &[Goal] {
        &self.goals
    }

    pub fn safety(&self) -> &Safety {
        &self.safety
    }

    /// The stretch with this id.
    pub fn stretch(&self, id: &str) -> Option<&Stretch> {
        self.stretches.binary_search_by(|s| s.id.as_str().cmp(id)).ok().map(|i| &self.stretches[i])
    }

    /// The stretch with this id, or an error naming the nearest ids.
    pub fn require(&self, id: &str) -> Result<&Stretch> {
        self.stretch(id).ok_or_else(|| Error::field(Field::Stretch, self.unknown_stretch(id)))
    }

    /// The fault for an id the library lacks, with the nearest ids.
    pub fn unknown_stretch(&self, id: &str) -> Fault {
        let suggestions = self.nearest_ids(id).into_iter().map(str::to_string).collect();
        Fault::UnknownStretch { id: id.to_string(), suggestions }
    }

    /// The goal with this id.
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    /// The goal with this id (in any case), or an error listing the known
    /// goals.
    pub fn require_goal(&self, id: &str) -> Result<&Goal> {
        let wanted = id.trim().to_lowercase();
        self.goal(&wanted).ok_or_else(|| {
            let known: Vec<String> = self.goals.iter().map(|g| g.id.clone()).collect();
            let suggestion = super::reader::nearest(&wanted, &known);
            let fault = Fault::UnknownWord { noun: "goal", word: id.to_string(), allowed: known, suggestion };
            Error::invalid(Input::Field(Field::Goal), fault)
        })
    }

    /// Up to three ids that look like `wanted`: close spellings first, then
    /// stretches whose id, name or alias contains it.
    pub fn nearest_ids(&self, wanted: &str) -> Vec<&str> {
        let wanted = wanted.to_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .stretches
            .iter()
            .map(|s| {
                let names = std::iter::once(&s.id).chain(std::iter::once(&s.name)).chain(&s.aliases);
                let score = names
                    .map(|n| {
                        let n = n.to_lowercase();
                        let contains = if n.contains(&wanted) || wanted.contains(&n) { 0.9 } else { 0.0 };
                        strsim::jaro_winkler(&n, &wanted).max(contains)
                    })
                    .fold(0.0, f64::max);
                (score, s.id.as_str())
            })
            .filter(|(score, _)| *score >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored.into_iter().take(3).map(|(_, id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_by_id_and_suggests_near_ids() {
        let library = crate::content::built_in().unwrap();
        assert!(library.stretch("cat-cow").is_some());
        assert!(library.nearest_ids("catcow").contains(&"cat-cow"));
        let err = library.require("cat-cows").unwrap_err();
        assert!(
            err.to_string().starts_with("stretches: unknown stretch \"cat-cows\"; did you mean cat-cow"),
            "{err}"
        );
        assert!(library.require_goal("flying").unwrap_err().to_string().contains("use "));
        assert_eq!(library.require_goal("Posture").unwrap().id, "posture");
    }
}
