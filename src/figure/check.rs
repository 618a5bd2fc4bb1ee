//! The placement check of a figure: once its names and angles are right
//! (the content format's own check), the placed body must rest on its
//! support, nothing floating above it or sinking into it.

use super::scene;
use crate::content::{FieldProblem, Figure};
use crate::error::{Fault, FigureRule};

/// Every way the placed figure is not physically sane. Nothing for a photo
/// or for a figure whose format check already failed.
pub fn placement(figure: &Figure) -> Vec<FieldProblem> {
    if !crate::content::check_figure::figure(Some(figure)).is_empty() {
        return Vec::new();
    }
    let Some(scene) = scene::place(figure) else {
        return Vec::new();
    };
    scene
        .issues
        .into_iter()
        .map(|issue| FieldProblem::new(issue.field, Fault::Figure { rule: FigureRule::Other(issue.message) }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let figure: Figure = toml::from_str(text).unwrap();
        placement(&figure).into_iter().map(|p| format!("{}: {}", p.field, p.fault)).collect()
    }

    #[test]
    fn a_standing_figure_rests_and_a_floating_hand_is_found() {
        assert!(problems("support = \"feet\"\nprops = [\"floor\"]\n[pose]\n").is_empty());
        let fours = "support = \"knees-and-hands\"\nprops = [\"floor\"]\n[pose]\ntorso = 72\nnear_hip = 72\n\
                     far_hip = 72\nnear_knee = 90\nfar_knee = 90\nnear_shoulder = 150\nfar_shoulder = 150\n";
        let found = problems(fours);
        assert!(found.iter().any(|p| p.contains("hands float ")), "{found:?}");
    }
}
