//! The parts of a placed skeleton by name: the points a part names (with
//! their distance to the body's surface), the body's outline, and the
//! words that name parts and distances in messages.

use crate::content::{Part, PartKind, Side, View};
use crate::figure::body::{V, size};
use crate::figure::pose::Skeleton;

/// Centimetres in a head height (for messages).
const CM_PER_HEAD: f32 = 23.0;

/// One named part of one skeleton: its name in words and its points, each
/// with the distance to the body's surface.
pub(super) struct Piece {
    /// One part (a side given for a paired one).
    pub part: Part,
    pub name: String,
    pub points: Vec<(V, f32)>,
}

impl Piece {
    pub fn lowest(&self) -> f32 {
        self.points.iter().map(|(p, off)| p.y - off).fold(f32::MAX, f32::min)
    }
}

/// The pieces `part` names (both of a pair when no side is given).
pub(super) fn pieces(sk: &Skeleton, part: Part) -> Vec<Piece> {
    use size::*;
    let sides: Vec<Side> = match part.side {
        Some(side) => vec![side],
        None if part.kind.paired() => sk.view.sides().to_vec(),
        None => vec![],
    };
    let name = |side: Option<Side>| match side {
        Some(side) => Part::one(side, part.kind).words(),
        None => part.to_string(),
    };
    match part.kind {
        PartKind::Head => vec![Piece { part, name: "head".into(), points: vec![(sk.head, HEAD_R)] }],
        PartKind::Back => vec![Piece {
            part,
            name: "back".into(),
            points: (0..=6).map(|i| (sk.torso_at(0.5 + i as f32 / 12.0), TORSO_HALF)).collect(),
        }],
        PartKind::Hips => vec![Piece { part, name: "hips".into(), points: vec![(sk.hip, TORSO_HALF)] }],
        kind => sides
            .into_iter()
            .filter_map(|side| {
                let leg = matches!(kind, PartKind::Knee | PartKind::Shin | PartKind::Foot);
                let limb = sk.limb(side, leg)?;
                let p = limb.points;
                let points = match kind {
                    PartKind::Shoulder => vec![(p[0], TORSO_HALF)],
                    PartKind::Elbow | PartKind::Knee => vec![(p[1], LIMB_HALF)],
                    PartKind::Forearm | PartKind::Shin => vec![(p[1], LIMB_HALF), (p[2], LIMB_HALF)],
                    _ => vec![(p[2], LIMB_HALF), (p[3], LIMB_HALF)],
                };
                Some(Piece { part: Part::one(side, kind), name: name(Some(side)), points })
            })
            .collect(),
    }
}

/// The one point an arrow starts or ends at.
pub(super) fn arrow_point(sk: &Skeleton, part: Part) -> Option<V> {
    if part.kind == PartKind::Back {
        return Some(sk.torso_at(0.55) + sk.back_normal(0.55) * size::TORSO_HALF);
    }
    if part.kind.paired() && part.side.is_none() {
        return None;
    }
    let piece = pieces(sk, part).into_iter().next()?;
    let n = piece.points.len() as f32;
    let sum = piece.points.iter().fold(V::default(), |acc, (p, _)| acc + *p);
    Some(sum * (1.0 / n))
}

/// Every point of the body's outline, named, with its distance to the
/// surface: for the check that nothing sinks into the floor.
pub(super) fn outline(sk: &Skeleton) -> Vec<(String, V, f32)> {
    use size::*;
    let mut points: Vec<(String, V, f32)> =
        (0..=8).map(|i| ("torso".to_string(), sk.torso_at(i as f32 / 8.0), TORSO_HALF)).collect();
    points.push(("head".into(), sk.head, HEAD_R));
    for limb in &sk.limbs {
        let names =
            if limb.leg { ["hip", "knee", "heel", "toes"] } else { ["shoulder", "elbow", "wrist", "hand"] };
        for (i, p) in limb.points.iter().enumerate().skip(1) {
            points.push((format!("{} {}", limb.side.as_str(), names[i]), *p, LIMB_HALF));
        }
    }
    points
}

/// `one` or `many`, to agree with a part's name ("the head sinks", "the
/// toes sink").
pub(super) fn verb(name: &str, one: &'static str, many: &'static str) -> &'static str {
    let plural = name.ends_with("feet") || (name.ends_with('s') && !name.ends_with("ss"));
    if plural { many } else { one }
}

/// Parts in words, a pair named once when both of it are there: "knees and
/// near hand".
pub(super) fn part_names(parts: &[Part], view: View) -> Vec<String> {
    let mut names = Vec::new();
    let mut done: Vec<PartKind> = Vec::new();
    for part in parts {
        if done.contains(&part.kind) {
            continue;
        }
        let both = part.kind.paired()
            && view.sides().iter().all(|side| parts.contains(&Part::one(*side, part.kind)));
        if both {
            done.push(part.kind);
            names.push(Part::both(part.kind).words());
        } else {
            names.push(part.words());
        }
    }
    names
}

/// "a", "a and b", "a, b and c".
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn amount(d: f32) -> String {
    let d = d.abs();
    format!("{d:.2} head heights (about {} cm)", (d * CM_PER_HEAD).round() as i32)
}

pub(super) fn mean_x(sk: &Skeleton, part: Part) -> f32 {
    let xs: Vec<f32> = pieces(sk, part).iter().flat_map(|p| p.points.iter().map(|(v, _)| v.x)).collect();
    if xs.is_empty() { sk.hip.x } else { xs.iter().sum::<f32>() / xs.len() as f32 }
}

pub(super) fn lowest(sk: &Skeleton, parts: &[Part]) -> Option<f32> {
    parts.iter().flat_map(|p| pieces(sk, *p)).map(|p| p.lowest()).reduce(f32::min)
}
