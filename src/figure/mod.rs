//! Figures: the picture of each stretch, a vector stick figure drawn from a
//! pose in its content file (or, in a clinic's library, a photo).
//!
//! - [`pose`]: the `[figure]` format and forward kinematics (angles over
//!   fixed human proportions → joint positions).
//! - `scene`: puts the body on its support, places props and arrows, and
//!   finds what floats or sinks.
//! - `draw`: the placed figure as page items fitted into a frame.
//! - [`svg`]: a small SVG writer for previews.
//!
//! The format is described, with an annotated example, in
//! `FIGURE_FORMAT.md`.

mod check;
mod draw;
pub mod pose;
mod scene;
pub mod svg;

use std::path::PathBuf;

pub use check::{DEPTH, range, validate};
pub use draw::{ARROW, FAR, INK, START};
pub use pose::{Arrow, Figure, Joint, Kind, Part, PartKind, Pose, Prop, Side, Support, View, Way};
pub use scene::TOLERANCE;

use crate::content::{Origin, Stretch};
use crate::error::{Error, Result};
use crate::layout::geom::Rect;
use crate::layout::page::Item;

/// The items that draw `figure` inside `frame`: fitted with its aspect
/// kept, centred, with a little padding. A photo figure (or one without a
/// pose) draws nothing: place the photo with [`photo_path`].
pub fn draw(figure: &Figure, frame: Rect) -> Vec<Item> {
    match scene::place(figure) {
        Some(scene) => draw::items(&scene, frame),
        None => Vec::new(),
    }
}

/// The figure's natural width divided by its height (a lying figure is
/// wide, a standing one tall), for choosing a frame; `None` for a photo.
pub fn aspect(figure: &Figure) -> Option<f32> {
    let scene = scene::place(figure)?;
    let (w, h) = draw::natural_size(&scene);
    Some(w / h.max(1e-3))
}

/// The figure as an SVG document of `width_pt` × `height_pt` points.
pub fn to_svg(figure: &Figure, width_pt: f32, height_pt: f32) -> String {
    let frame = Rect::new(0.0, 0.0, width_pt, height_pt);
    svg::document(&draw(figure, frame), width_pt, height_pt)
}

/// Where a photo figure's file is: relative to the stretch file for a
/// stretch from a folder; as written for a built-in one.
pub fn photo_path(figure: &Figure, origin: &Origin) -> Option<PathBuf> {
    let photo = figure.photo()?;
    Some(match origin {
        Origin::File(file) => file
            .parent()
            .map_or_else(|| PathBuf::from(photo), |dir| dir.join(photo)),
        Origin::BuiltIn => PathBuf::from(photo),
    })
}

/// The placed figure in words and numbers (head heights, y up): joints,
/// props and problems. For authors tuning a pose.
#[doc(hidden)]
pub fn describe(figure: &Figure) -> String {
    match scene::place(figure) {
        Some(scene) => {
            let mut out = String::new();
            for (name, sk) in
                std::iter::once(("pose", &scene.body)).chain(scene.start.as_ref().map(|s| ("start", s)))
            {
                out.push_str(&format!(
                    "{name}: hip {:?} mid {:?} neck {:?} head {:?}\n",
                    sk.hip, sk.mid, sk.neck, sk.head
                ));
                for limb in &sk.limbs {
                    out.push_str(&format!(
                        "  {} {}: {:?}\n",
                        limb.side.as_str(),
                        if limb.leg { "leg" } else { "arm" },
                        limb.points
                    ));
                }
            }
            for prop in &scene.props {
                out.push_str(&format!("{prop:?}\n"));
            }
            for issue in &scene.issues {
                out.push_str(&format!("{}: {}\n", issue.field, issue.message));
            }
            out
        }
        None => "no pose".into(),
    }
}

/// The stretch's figure as an SVG for `stretchsheet show ID --svg FILE`:
/// 200 pt tall, as wide as the figure needs.
pub fn preview_svg(stretch: &Stretch) -> Result<String> {
    let figure = stretch
        .figure
        .as_ref()
        .filter(|f| f.photo().is_none() && f.pose.is_some());
    let Some(figure) = figure else {
        return Err(Error::bad_input(
            format!("stretch {:?}", stretch.id),
            "has a photo, not a drawn figure; there is no SVG to write",
        ));
    };
    let height = 200.0;
    let width = (aspect(figure).unwrap_or(1.0) * height).clamp(120.0, 480.0);
    Ok(to_svg(figure, width.round(), height))
}
