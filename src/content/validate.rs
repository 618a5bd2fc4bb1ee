//! Checks a stretch against the rules of the content format: known goals,
//! sane dose ranges, steps of the right number and length, an id that is a
//! plain kebab-case word, printable text, and a figure in the format's
//! terms (see [`super::check_figure`]). Returns every problem found, each
//! with the field it belongs to, so a folder's problems are all reported in
//! one run. Whether a pose rests on its support is for `figure` to say.

use super::model::{Dose, Goal, Range, Stretch};
use crate::doc::Fonts;
use crate::error::Fault;
use crate::limits::{self as shared, Limit};

/// A problem with one field of a stretch.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldProblem {
    /// Dotted path such as `dose.hold_s` or `steps[2]`.
    pub field: String,
    pub fault: Fault,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, fault: Fault) -> Self {
        FieldProblem { field: field.into(), fault }
    }
}

/// Limits of the content format.
pub mod limits {
    use super::Range;
    pub const STEPS: Range = Range::new(3, 7);
    pub const QUICK_STEPS: Range = Range::new(2, 4);
    pub const NAME_CHARS: usize = 40;
    pub const SUMMARY_CHARS: usize = 80;
    pub const STEP_CHARS: usize = 140;
    pub const QUICK_STEP_CHARS: usize = 48;
    pub const NOTE_CHARS: usize = 160;
}

/// Every problem with `stretch`, given the file stem it was read from and
/// the goals the library knows.
pub fn stretch(stretch: &Stretch, stem: &str, goals: &[Goal]) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    id(stretch, stem, &mut problems);
    text("name", &stretch.name, limits::NAME_CHARS, &mut problems);
    text("summary", &stretch.summary, limits::SUMMARY_CHARS, &mut problems);
    goal_ids(&stretch.goals, goals, &mut problems);
    positions(stretch, &mut problems);
    movements(stretch, &mut problems);
    if stretch.areas.is_empty() {
        problems.push(FieldProblem::new("areas", Fault::Empty { hint: "name at least one body area" }));
    }
    lines("steps", &stretch.steps, Some(limits::STEPS), limits::STEP_CHARS, &mut problems);
    if !stretch.quick_steps.is_empty() {
        let count = Some(limits::QUICK_STEPS);
        lines("quick_steps", &stretch.quick_steps, count, limits::QUICK_STEP_CHARS, &mut problems);
    }
    lines("cues", &stretch.cues, None, limits::NOTE_CHARS, &mut problems);
    lines("cautions", &stretch.cautions, None, limits::NOTE_CHARS, &mut problems);
    dose(&stretch.dose, &mut problems);
    characters(stretch, &mut problems);
    if let Some(fault) = stretch.video.as_deref().and_then(super::clinic::link_fault) {
        problems.push(FieldProblem::new("video", fault));
    }
    problems.extend(super::check_figure::figure(stretch.figure.as_ref()));
    problems
}

/// At least one position, each named once.
fn positions(stretch: &Stretch, problems: &mut Vec<FieldProblem>) {
    if stretch.positions.is_empty() {
        let hint = "name at least one position, the default first";
        problems.push(FieldProblem::new("positions", Fault::Empty { hint }));
    }
    for (i, p) in stretch.positions.iter().enumerate() {
        if stretch.positions[..i].contains(p) {
            let fault = Fault::DuplicateWord { word: p.to_string() };
            problems.push(FieldProblem::new(format!("positions[{i}]"), fault));
        }
    }
}

/// Each movement named once; a rest is a still hold.
fn movements(stretch: &Stretch, problems: &mut Vec<FieldProblem>) {
    for (i, m) in stretch.movement.iter().enumerate() {
        if stretch.movement[..i].contains(m) {
            let fault = Fault::DuplicateWord { word: m.to_string() };
            problems.push(FieldProblem::new(format!("movement[{i}]"), fault));
        }
    }
    if stretch.does(super::Movement::Rest) && stretch.dose.hold_s.is_none() {
        problems.push(FieldProblem::new("movement", Fault::RestMoves));
    }
}

/// Every text field must be printable with the sheet font.
fn characters(stretch: &Stretch, problems: &mut Vec<FieldProblem>) {
    let fonts = Fonts::get();
    let single = [("name", &stretch.name), ("summary", &stretch.summary)];
    let lists = [
        ("aliases", &stretch.aliases),
        ("steps", &stretch.steps),
        ("quick_steps", &stretch.quick_steps),
        ("cues", &stretch.cues),
        ("cautions", &stretch.cautions),
    ];
    // The field's name is only written out for a text with a problem.
    for (field, text) in single {
        if let Some(c) = fonts.missing(text) {
            problems.push(FieldProblem::new(field, Fault::MissingGlyph { c }));
        }
    }
    for (field, items) in lists {
        for (i, text) in items.iter().enumerate() {
            if let Some(c) = fonts.missing(text) {
                problems.push(FieldProblem::new(format!("{field}[{i}]"), Fault::MissingGlyph { c }));
            }
        }
    }
}

fn id(stretch: &Stretch, stem: &str, problems: &mut Vec<FieldProblem>) {
    if !is_plain_id(stem) {
        problems.push(FieldProblem::new("", Fault::BadId { stem: stem.to_string() }));
    }
    if !stretch.id.is_empty() && stretch.id != stem {
        problems
            .push(FieldProblem::new("id", Fault::IdDiffers { id: stretch.id.clone(), stem: stem.into() }));
    }
}

/// Whether `id` is lowercase letters, digits and single hyphens.
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

fn text(field: &str, value: &str, max_chars: usize, problems: &mut Vec<FieldProblem>) {
    if let Some(fault) = text_fault(value, max_chars) {
        problems.push(FieldProblem::new(field, fault));
    }
}

/// What is wrong with a text of at most `max_chars`, if anything.
fn text_fault(value: &str, max_chars: usize) -> Option<Fault> {
    let chars = value.trim().chars().count();
    if chars == 0 {
        Some(Fault::Empty { hint: "" })
    } else if chars > max_chars {
        Some(Fault::TooLong { chars, max: max_chars })
    } else {
        None
    }
}

fn lines(
    field: &str,
    items: &[String],
    count: Option<Range>,
    max_chars: usize,
    problems: &mut Vec<FieldProblem>,
) {
    if let Some(count) = count
        && !count.contains(items.len() as u32)
    {
        problems.push(FieldProblem::new(
            field,
            Fault::LineCount { count: items.len(), min: count.min, max: count.max },
        ));
    }
    for (i, item) in items.iter().enumerate() {
        if let Some(fault) = text_fault(item, max_chars) {
            problems.push(FieldProblem::new(format!("{field}[{i}]"), fault));
        }
    }
}

fn goal_ids(ids: &[String], goals: &[Goal], problems: &mut Vec<FieldProblem>) {
    if ids.is_empty() {
        problems.push(FieldProblem::new("goals", Fault::Empty { hint: "name at least one goal" }));
    }
    for (i, wanted) in ids.iter().enumerate() {
        if !goals.iter().any(|g| &g.id == wanted) {
            let known = goals.iter().map(|g| g.id.clone()).collect();
            problems.push(FieldProblem::new(
                format!("goals[{i}]"),
                Fault::UnknownGoal { id: wanted.clone(), known },
            ));
        }
    }
}

fn dose(dose: &Dose, problems: &mut Vec<FieldProblem>) {
    match (dose.hold_s, dose.rep_s) {
        (Some(_), Some(_)) => problems.push(FieldProblem::new("dose", Fault::HoldAndMove)),
        (None, None) => problems.push(FieldProblem::new("dose", Fault::NeitherHoldNorMove)),
        _ => {}
    }
    if let Some(hold) = dose.hold_s {
        range("dose.hold_s", hold, shared::HOLD_S, problems);
    }
    if let Some(rep_s) = dose.rep_s {
        value("dose.rep_s", rep_s, shared::REP_S, problems);
    }
    range("dose.reps", dose.reps, shared::REPS, problems);
    if !(1..=2).contains(&dose.sides) {
        let fault = Fault::NotOneOf { value: dose.sides.to_string(), allowed: "1, or 2 for each side" };
        problems.push(FieldProblem::new("dose.sides", fault));
    }
    value("dose.rest_s", dose.rest_s, shared::REST_S, problems);
}

fn range(field: &str, r: Range, allowed: Limit, problems: &mut Vec<FieldProblem>) {
    if r.min > r.max {
        problems.push(FieldProblem::new(field, Fault::Backwards { min: r.min, max: r.max }));
    }
    value(field, r.min, allowed, problems);
    if r.max != r.min {
        value(field, r.max, allowed, problems);
    }
}

fn value(field: &str, v: u32, allowed: Limit, problems: &mut Vec<FieldProblem>) {
    let v = i64::from(v);
    if v < allowed.min {
        problems.push(FieldProblem::new(field, Fault::BelowMin { value: v as f64, min: allowed.min as f64 }));
    } else if v > allowed.max {
        problems.push(FieldProblem::new(field, Fault::AboveMax { value: v as f64, max: allowed.max as f64 }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::vocab::{Area, Intensity, Position};

    fn goals() -> Vec<Goal> {
        vec![Goal { id: "posture".into(), name: "Posture".into(), about: "Stand taller.".into() }]
    }

    fn good() -> Stretch {
        Stretch {
            id: String::new(),
            name: "Test stretch".into(),
            aliases: vec![],
            summary: "A stretch for tests.".into(),
            goals: vec!["posture".into()],
            areas: vec![Area::UpperBack],
            positions: vec![Position::Seated],
            easier: None,
            harder: None,
            equipment: vec![],
            intensity: Intensity::Gentle,
            avoid_if: vec![],
            movement: vec![],
            steps: vec!["Sit.".into(), "Reach.".into(), "Breathe.".into()],
            quick_steps: vec![],
            cues: vec![],
            cautions: vec![],
            dose: Dose {
                each: Default::default(),
                hold_s: Some(Range::new(20, 30)),
                rep_s: None,
                reps: Range::new(2, 3),
                sides: 1,
                rest_s: 10,
            },
            figure: Some(toml::from_str("support = \"feet\"\n[pose]\n").unwrap()),
            video: None,
            origin: Default::default(),
        }
    }

    fn messages(s: &Stretch, stem: &str) -> Vec<String> {
        stretch(s, stem, &goals()).into_iter().map(|p| format!("{}: {}", p.field, p.fault)).collect()
    }

    #[test]
    fn a_good_stretch_has_no_problems() {
        assert!(messages(&good(), "test-stretch").is_empty());
    }

    #[test]
    fn a_missing_figure_is_a_problem() {
        let mut s = good();
        s.figure = None;
        assert_eq!(
            messages(&s, "t"),
            ["figure: missing; add a [figure] table with a pose (see README) or a photo"]
        );
    }

    #[test]
    fn positions_are_named_once_each() {
        let mut s = good();
        s.positions = vec![Position::Seated, Position::Standing, Position::Seated];
        assert_eq!(messages(&s, "t"), ["positions[2]: \"seated\" is listed twice; name it once"]);
        s.positions.clear();
        assert_eq!(messages(&s, "t"), ["positions: is empty; name at least one position, the default first"]);
    }

    #[test]
    fn hold_above_maximum() {
        let mut s = good();
        s.dose.hold_s = Some(Range::new(20, 300));
        assert_eq!(messages(&s, "t"), ["dose.hold_s: 300 is above the maximum of 120"]);
    }

    #[test]
    fn reps_sides_rest_and_backwards_ranges() {
        let mut s = good();
        s.dose.reps = Range::new(0, 40);
        s.dose.sides = 3;
        s.dose.rest_s = 500;
        s.dose.hold_s = Some(Range::new(30, 20));
        assert_eq!(
            messages(&s, "t"),
            [
                "dose.hold_s: [30, 20] runs backwards; write [min, max]",
                "dose.reps: 0 is below the minimum of 1",
                "dose.reps: 40 is above the maximum of 30",
                "dose.sides: 3 is not allowed; use 1, or 2 for each side",
                "dose.rest_s: 500 is above the maximum of 120",
            ]
        );
    }

    #[test]
    fn hold_and_move_are_exclusive() {
        let mut s = good();
        s.dose.rep_s = Some(4);
        assert!(messages(&s, "t")[0].starts_with("dose: has both hold_s and rep_s"));
        s.dose.hold_s = None;
        s.dose.rep_s = None;
        assert!(messages(&s, "t")[0].starts_with("dose: has neither"));
    }

    #[test]
    fn empty_and_too_many_steps() {
        let mut s = good();
        s.steps.clear();
        assert_eq!(messages(&s, "t"), ["steps: has 0 lines; write 3 to 7"]);
        s.steps = vec!["Go.".into(); 8];
        s.steps[2] = "  ".into();
        assert_eq!(messages(&s, "t"), ["steps: has 8 lines; write 3 to 7", "steps[2]: is empty"]);
    }

    #[test]
    fn long_quick_step() {
        let mut s = good();
        s.quick_steps = vec!["Short.".into(), "x".repeat(60)];
        assert_eq!(messages(&s, "t"), ["quick_steps[1]: is 60 characters long; the maximum is 48"]);
    }

    #[test]
    fn characters_the_font_lacks() {
        let mut s = good();
        s.cues = vec!["Smile ☺".into()];
        assert_eq!(messages(&s, "t").len(), 1);
        assert!(
            messages(&s, "t")[0]
                .starts_with("cues[0]: the character \"☺\" (U+263A) is not in the sheet font")
        );
    }

    #[test]
    fn a_video_is_a_full_web_address() {
        let mut s = good();
        s.video = Some("https://videos.example/cat-cow".into());
        assert!(messages(&s, "t").is_empty());
        s.video = Some("videos.example/cat cow".into());
        assert_eq!(
            messages(&s, "t"),
            [
                "video: \"videos.example/cat cow\" is not a web address; write it in full, starting https://, without spaces"
            ]
        );
    }

    #[test]
    fn unknown_goal_lists_known_ones() {
        let mut s = good();
        s.goals = vec!["posture".into(), "flying".into()];
        assert_eq!(messages(&s, "t"), ["goals[1]: unknown goal \"flying\"; use posture"]);
    }

    #[test]
    fn id_must_match_stem_and_be_plain() {
        let mut s = good();
        s.id = "other".into();
        assert_eq!(
            messages(&s, "Test_Stretch"),
            [
                ": file name \"Test_Stretch\" is not a valid id; use lowercase letters, digits and single hyphens",
                "id: \"other\" differs from the file name; the id must equal the file stem \"Test_Stretch\"",
            ]
        );
    }
}
