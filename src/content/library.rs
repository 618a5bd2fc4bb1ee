//! The loaded, validated library: every stretch by id, the goals and the
//! safety text, with the look-ups later stages need.

use super::model::{Goal, Safety, Stretch};
use super::vocab::or_list;
use crate::error::{Error, Result};

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
        self.stretch(id).ok_or_else(|| {
            let near = self.nearest_ids(id);
            let hint = if near.is_empty() {
                "`stretchsheet list` shows every id".to_string()
            } else {
                format!("did you mean {}? (`stretchsheet list` shows every id)", or_list(&near))
            };
            Error::Unknown { what: "stretch id".into(), value: id.into(), hint }
        })
    }

    /// The goal with this id.
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    /// The goal with this id, or an error listing the known goals.
    pub fn require_goal(&self, id: &str, what: &str) -> Result<&Goal> {
        self.goal(id).ok_or_else(|| {
            let known: Vec<&str> = self.goals.iter().map(|g| g.id.as_str()).collect();
            Error::invalid(what, id, format!("unknown goal; use {}", or_list(&known)))
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
    use crate::content::load;

    #[test]
    fn finds_by_id_and_suggests_near_ids() {
        let library = load(None).unwrap();
        assert!(library.stretch("cat-cow").is_some());
        assert!(library.nearest_ids("catcow").contains(&"cat-cow"));
        let err = library.require("cat-cows").unwrap_err();
        assert!(
            err.to_string().starts_with("unknown stretch id \"cat-cows\"; did you mean cat-cow"),
            "{err}"
        );
        assert!(library.require_goal("flying", "--goal").unwrap_err().to_string().contains("use "));
    }
}
