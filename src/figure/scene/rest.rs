//! The checks that a placed body rests where it should: each part its
//! support or `touching` names lies on the floor, mat or seat (not above
//! it), and nothing goes below the floor.

use super::parts::{amount, and_list, outline, part_names, pieces, verb};
use super::{Ground, Issue, TOLERANCE};
use crate::content::{Part, PartKind, Prop};
use crate::figure::pose::Skeleton;

/// The problems of `sk` (the pose, or the start pose when `is_start`):
/// resting parts that float, then the worst part that sinks.
pub(super) fn check(g: &Ground, sk: &Skeleton, is_start: bool) -> Vec<Issue> {
    let mut issues = floating(g, sk, is_start);
    issues.extend(sinking(g, sk, if is_start { "start" } else { "pose" }));
    issues
}

/// The floor or the mat, in words.
fn surface_name(g: &Ground) -> &'static str {
    if g.has(Prop::Mat) { "mat" } else { "floor" }
}

/// One line per field, naming every part that floats above the surface.
fn floating(g: &Ground, sk: &Skeleton, is_start: bool) -> Vec<Issue> {
    let mut wanted: Vec<(String, Part)> =
        g.resting.iter().map(|p| ("figure.support".to_string(), *p)).collect();
    if !is_start {
        wanted
            .extend(g.figure.touching.iter().enumerate().map(|(i, p)| (format!("figure.touching[{i}]"), *p)));
    }
    let mut floating: Vec<(String, Vec<(Part, f32)>)> = Vec::new();
    for (field, part) in wanted {
        let field = if is_start { "figure.start".to_string() } else { field };
        if part.kind == PartKind::Back && g.roll.is_some() {
            continue;
        }
        for piece in pieces(sk, part) {
            let gap = piece.lowest() - g.surface;
            if gap > TOLERANCE {
                match floating.iter_mut().find(|(f, _)| *f == field) {
                    Some((_, found)) => found.push((piece.part, gap)),
                    None => floating.push((field.clone(), vec![(piece.part, gap)])),
                }
            }
        }
    }
    let what = surface_name(g);
    let pose_words = if is_start { "in the start pose " } else { "" };
    floating
        .into_iter()
        .map(|(field, found)| {
            let names = part_names(&found.iter().map(|(p, _)| *p).collect::<Vec<_>>(), g.view);
            let gap = found.iter().map(|(_, g)| *g).fold(0.0, f32::max);
            let many = names.len() > 1 || verb(&names[0], "", "many") == "many";
            let up_to = if found.iter().any(|(_, g)| (g - gap).abs() > 0.01) { "up to " } else { "" };
            Issue {
                field,
                message: format!(
                    "{pose_words}the {} {} {up_to}{} above the {what}; change the angles so {} on it",
                    and_list(&names),
                    if many { "float" } else { "floats" },
                    amount(gap),
                    if many { "they rest" } else { "it rests" },
                ),
            }
        })
        .collect()
}

/// The part of `sk` that goes furthest below the surface, if any goes
/// further than the tolerance.
fn sinking(g: &Ground, sk: &Skeleton, field_of: &str) -> Option<Issue> {
    let (name, gap) = outline(sk)
        .into_iter()
        .map(|(name, p, off)| (name, p.y - off - g.surface))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    (gap < -TOLERANCE).then(|| Issue {
        field: format!("figure.{field_of}"),
        message: format!(
            "the {name} {} {} into the {}; change the angles so nothing goes below it",
            verb(&name, "sinks", "sink"),
            amount(gap),
            surface_name(g)
        ),
    })
}
