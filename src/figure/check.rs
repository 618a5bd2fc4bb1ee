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

    /// Every built-in stretch, in every position it lists, is drawn as a
    /// valid figure resting on its support, inside its frame, the same
    /// every time; the standing and seated ones in the position asked.
    #[test]
    fn every_stretch_in_every_position_it_lists_is_a_sound_figure() {
        use crate::content::{Position, Prop, Support};
        use crate::doc::Rect;
        let library = crate::content::built_in().unwrap();
        let frame = Rect::new(5.0, 7.0, 90.0, 80.0);
        let mut changed = 0;
        for stretch in library.stretches() {
            for &position in &stretch.positions {
                let placed = stretch.placed(position).unwrap();
                let figure = placed.figure.as_ref().unwrap();
                let what = format!("{} {}", stretch.id, position.as_str());
                let format = crate::content::check_figure::figure(Some(figure));
                assert!(format.is_empty(), "{what}: {format:?}");
                let found = placement(figure);
                assert!(found.is_empty(), "{what}: {found:?}");
                let items = super::super::draw(figure, frame);
                assert!(!items.is_empty(), "{what}");
                assert!(items.iter().all(|i| frame.contains(&i.bounds())), "{what} leaves its frame");
                assert_eq!(
                    items,
                    super::super::draw(&stretch.placed(position).unwrap().figure.unwrap(), frame)
                );
                let seated = figure.support == Some(Support::Seat) && figure.props.contains(&Prop::Chair);
                match position {
                    Position::Seated => assert!(seated, "{what}"),
                    Position::Standing => assert_eq!(figure.support, Some(Support::Feet), "{what}"),
                    _ => {}
                }
                changed += usize::from(placed.figure != stretch.figure);
            }
        }
        // Butterfly, cross-body, shrugs, reaching, squeeze and rolls seated;
        // chin tucks standing.
        assert_eq!(changed, 7);
    }
}
