//! Figures: the picture of each stretch, a vector figure drawn from the
//! pose in its content file. Depends only on the content model (the pose
//! format) and the page model (the items it draws).
//!
//! - [`body`]: proportions and vector arithmetic, in head heights.
//! - [`pose`]: forward kinematics (angles over proportions → joint
//!   positions).
//! - `scene`: puts the body on its support, places props and arrows, and
//!   finds what floats or sinks.
//! - `draw`: the placed figure as page items fitted into a frame.
//! - `check`: the placement check a content folder's figures must pass.
//!
//! The format is described, with an annotated example, in the README's
//! "Figures" section.

pub mod body;
mod check;
mod draw;
mod mannequin;
pub mod pose;
mod scene;
mod shape;

pub use check::placement;
pub use draw::{ARROW, FAR, FAR_FILL, HAIR, INK, NEAR_FILL, PROP_LINE, START, START_FILL};
pub use scene::TOLERANCE;

use crate::content::Figure;
use crate::doc::{Item, Rect, Size};
use crate::recent::Recent;

/// The items that draw `figure` inside `frame`: fitted with its aspect
/// kept, centred, with a little padding. A photo figure (or one without a
/// pose) draws nothing: the sheet places the photo instead.
pub fn draw(figure: &Figure, frame: Rect) -> Vec<Item> {
    match scene::place(figure) {
        Some(scene) => draw::items(&scene, frame),
        None => Vec::new(),
    }
}

/// The figure's extent in body units (head heights; a standing figure is
/// about 7.5 tall), props included, strokes aside. Zero for a photo.
pub fn natural_size(figure: &Figure) -> Size {
    PlacedFigure::new(figure).natural_size()
}

/// The largest body scale (points per head height) at which `figure` fits
/// in `room` with its padding and line widths. Zero for a photo.
pub fn fit_scale(figure: &Figure, room: Size) -> f32 {
    PlacedFigure::new(figure).fit_scale(room)
}

/// A figure placed once, then measured and drawn as often as needed: a
/// sheet that tries many layouts places each figure only once. Its
/// answers are those of [`natural_size`], [`fit_scale`] and
/// [`draw_scaled`] for the same figure.
#[derive(Default)]
pub struct PlacedFigure(Option<draw::Prepared>);

impl PlacedFigure {
    pub fn new(figure: &Figure) -> Self {
        PlacedFigure(scene::place(figure).map(draw::Prepared::new))
    }

    /// See [`natural_size`].
    pub fn natural_size(&self) -> Size {
        self.0.as_ref().map_or(Size::default(), |drawing| {
            let (w, h) = drawing.natural_size();
            Size { w, h }
        })
    }

    /// See [`fit_scale`].
    pub fn fit_scale(&self, room: Size) -> f32 {
        self.0.as_ref().map_or(0.0, |drawing| drawing.fit_scale(room.w, room.h))
    }

    /// See [`draw_scaled`].
    pub fn draw_scaled(&self, frame: Rect, scale: f32) -> Vec<Item> {
        self.0.as_ref().map_or(Vec::new(), |drawing| drawing.items_at(frame, scale))
    }
}

/// One body scale for a sheet: the smallest fit of `figures` in `room`, so
/// full-body and upper-body figures show the body at the same size. Photos
/// are left out; zero when nothing is drawn.
pub fn common_scale(figures: &[&Figure], room: Size) -> f32 {
    figures
        .iter()
        .filter_map(|f| scene::place(f).map(|scene| draw::fit_scale(&scene, room.w, room.h)))
        .reduce(f32::min)
        .unwrap_or(0.0)
}

/// The items that draw `figure` centred in `frame` at `scale` points per
/// head height (from [`common_scale`]); a scale too large for the frame is
/// brought down to what fits, so nothing ever leaves it.
pub fn draw_scaled(figure: &Figure, frame: Rect, scale: f32) -> Vec<Item> {
    PlacedFigure::new(figure).draw_scaled(frame, scale)
}

/// The room (points) `figure` needs to be drawn at `scale` points per head
/// height: its drawing with padding, strokes and arrowheads, so that
/// [`draw_scaled`] in a frame this size draws it at `scale`. Zero for a
/// photo.
pub fn room_at(figure: &Figure, scale: f32) -> Size {
    let Some(drawing) = scene::place(figure).map(draw::Prepared::new) else { return Size::default() };
    let (w, h) = drawing.natural_size();
    // Width and height limit the scale apart: grow each until it no
    // longer does.
    let open = 1e6;
    let mut room = Size { w: w * scale + 6.0, h: h * scale + 6.0 };
    for _ in 0..60 {
        if drawing.fit_scale(room.w, open) >= scale * 0.999 {
            break;
        }
        room.w *= 1.01;
    }
    for _ in 0..60 {
        if drawing.fit_scale(open, room.h) >= scale * 0.999 {
            break;
        }
        room.h *= 1.01;
    }
    room
}

/// The figure's natural width divided by its height (a lying figure is
/// wide, a standing one tall), for choosing a frame; `None` for a photo.
pub fn aspect(figure: &Figure) -> Option<f32> {
    thread_local! {
        /// The aspects of the figures this thread measured last: a sheet
        /// tries several frames for each figure, and a batch prints the
        /// same few figures on a thousand handouts.
        static KNOWN: std::cell::RefCell<Recent<Figure, Option<f32>>> =
            const { std::cell::RefCell::new(Recent::new(64)) };
    }
    KNOWN.with_borrow_mut(|known| {
        if let Some(aspect) = known.find(|f| f == figure) {
            return aspect;
        }
        let aspect = scene::place(figure).map(|scene| {
            let (w, h) = draw::natural_size(&scene);
            w / h.max(1e-3)
        });
        known.keep(figure.clone(), aspect);
        aspect
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::check_figure::range;
    use crate::content::{Arrow, Joint, Kind, Part, PartKind, Pose, Prop, Support, View};
    use crate::doc::geom::mm;

    fn library() -> crate::content::Library {
        crate::content::built_in().expect("built-in content is valid")
    }

    fn problems(figure: &Figure) -> Vec<crate::content::FieldProblem> {
        let mut found = crate::content::check_figure::figure(Some(figure));
        found.extend(placement(figure));
        found
    }

    fn figure(text: &str) -> Figure {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn every_built_in_stretch_has_a_valid_pose_that_draws_inside_its_frame() {
        let library = library();
        assert_eq!(library.stretches().len(), 27);
        for stretch in library.stretches() {
            let fig = stretch.figure.as_ref().expect("every stretch has a figure");
            assert!(fig.pose.is_some(), "{} has no pose", stretch.id);
            let problems = problems(fig);
            assert!(problems.is_empty(), "{}: {problems:?}", stretch.id);
            for frame in [Rect::new(20.0, 30.0, mm(25.0), mm(20.0)), Rect::new(0.0, 0.0, 300.0, 200.0)] {
                let items = draw(fig, frame);
                assert!(items.len() >= 8, "{}", stretch.id);
                for item in &items {
                    assert!(
                        frame.contains(&item.bounds()),
                        "{}: {:?} outside {frame:?}",
                        stretch.id,
                        item.bounds()
                    );
                }
            }
        }
    }

    #[test]
    fn drawing_is_deterministic() {
        let library = library();
        for stretch in library.stretches() {
            let fig = stretch.figure.as_ref().unwrap();
            let frame = Rect::new(5.0, 5.0, 120.0, 90.0);
            assert_eq!(draw(fig, frame), draw(fig, frame));
        }
    }

    #[test]
    fn lines_stay_legible_at_card_size_and_output_stays_small() {
        let library = library();
        let frame = Rect::new(0.0, 0.0, mm(25.0), mm(25.0));
        for stretch in library.stretches() {
            let items = draw(stretch.figure.as_ref().unwrap(), frame);
            let mut points = 0;
            for item in &items {
                let Item::Path(path) = item else { panic!("figures are made of paths") };
                points += path.points().count();
                if let Some(stroke) = path.stroke {
                    assert_eq!(stroke.style, crate::doc::LineStyle::Round);
                    // Body outlines are thin edges around filled shapes;
                    // every other line is at least half a point.
                    let least = if matches!(stroke.color, INK | FAR | START) { 0.45 } else { 0.5 };
                    assert!(stroke.width >= least, "{}: {}", stretch.id, stroke.width);
                }
            }
            // A card holds 8 figures in a PDF of at most 30 KB.
            assert!(points < 300, "{}: {points} points", stretch.id);
        }
    }

    #[test]
    fn widths_scale_with_the_figure() {
        let fig = figure("support = \"feet\"\nprops = [\"floor\"]\n[pose]\n");
        let torso = |h: f32| {
            draw(&fig, Rect::new(0.0, 0.0, h, h))
                .iter()
                .filter_map(|i| match i {
                    Item::Path(p) => p.stroke.filter(|s| s.color == INK).map(|s| s.width),
                    _ => None,
                })
                .fold(0.0, f32::max)
        };
        assert!(torso(400.0) > 2.0 * torso(100.0) * 0.9);
        assert!(torso(40.0) >= 1.5);
    }

    #[test]
    fn figure_keeps_its_aspect_and_is_centred() {
        let fig = figure("support = \"feet\"\nprops = [\"floor\"]\n[pose]\n");
        let wide = Rect::new(0.0, 0.0, 400.0, 100.0);
        let items = draw(&fig, wide);
        let (mut x0, mut x1) = (f32::MAX, f32::MIN);
        for item in &items {
            let b = item.bounds();
            x0 = x0.min(b.x);
            x1 = x1.max(b.right());
        }
        // A standing figure is tall: in a wide box it is narrow and centred.
        assert!(x1 - x0 < 100.0, "{x0}..{x1}");
        assert!(((x0 + x1) / 2.0 - 200.0).abs() < 1.0);
        let ratio = aspect(&fig).unwrap();
        assert!((0.3..0.6).contains(&ratio), "{ratio}");
    }

    /// The box around the items of a drawing.
    fn extent(items: &[Item]) -> Rect {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for item in items {
            let b = item.bounds();
            (x0, y0, x1, y1) = (x0.min(b.x), y0.min(b.y), x1.max(b.right()), y1.max(b.bottom()));
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    #[test]
    fn natural_size_is_in_head_heights() {
        let standing = figure("support = \"feet\"\nprops = [\"floor\"]\n[pose]\n");
        let size = natural_size(&standing);
        assert!((7.0..8.5).contains(&size.h), "{size:?}");
        assert!(size.w < size.h / 2.0, "{size:?}");
        let photo = figure("photo = \"photos/stretch.jpg\"\n");
        assert_eq!(natural_size(&photo), Size::default());
        assert_eq!(fit_scale(&photo, Size { w: 100.0, h: 100.0 }), 0.0);
    }

    #[test]
    fn fit_scale_is_the_scale_draw_uses_and_fills_the_room() {
        let library = library();
        let room = Size { w: mm(40.0), h: mm(30.0) };
        for stretch in library.stretches() {
            let fig = stretch.figure.as_ref().unwrap();
            let s = fit_scale(fig, room);
            let natural = natural_size(fig);
            assert!(s > 0.0, "{}", stretch.id);
            // Bones at the fitted scale nearly fill one side of the room.
            let fill = (natural.w * s / room.w).max(natural.h * s / room.h);
            assert!((0.8..=1.0).contains(&fill), "{}: {fill}", stretch.id);
            let frame = Rect::new(0.0, 0.0, room.w, room.h);
            assert_eq!(draw_scaled(fig, frame, s), draw(fig, frame), "{}", stretch.id);
        }
    }

    #[test]
    fn a_common_scale_draws_every_body_the_same_size() {
        let library = library();
        let figures: Vec<&Figure> = library.stretches().iter().filter_map(|s| s.figure.as_ref()).collect();
        let room = Size { w: mm(30.0), h: mm(28.0) };
        let common = common_scale(&figures, room);
        let smallest = figures.iter().map(|f| fit_scale(f, room)).fold(f32::MAX, f32::min);
        assert_eq!(common, smallest);
        let frame = Rect::new(10.0, 10.0, room.w, room.h);
        for (fig, stretch) in figures.iter().zip(library.stretches()) {
            let items = draw_scaled(fig, frame, common);
            let b = extent(&items);
            assert!(frame.contains(&b), "{}: {b:?} outside {frame:?}", stretch.id);
            // Centred in the frame.
            assert!((b.x + b.w / 2.0 - (frame.x + frame.w / 2.0)).abs() < 2.0, "{}", stretch.id);
            assert!((b.y + b.h / 2.0 - (frame.y + frame.h / 2.0)).abs() < 2.0, "{}", stretch.id);
            // The drawn height is the natural height at the common scale
            // (strokes add a little).
            let natural = natural_size(fig);
            assert!(b.h >= natural.h * common - 0.1, "{}: {} < {}", stretch.id, b.h, natural.h * common);
            assert!(b.h <= natural.h * common + 8.0, "{}: {} vs {}", stretch.id, b.h, natural.h * common);
        }
    }

    #[test]
    fn upper_and_full_body_figures_share_a_scale() {
        let full = figure("support = \"feet\"\nprops = [\"floor\"]\n[pose]\n");
        let upper = figure("framing = \"upper-body\"\nsupport = \"feet\"\n[pose]\n");
        let room = Size { w: 120.0, h: 120.0 };
        // Alone, the upper body is drawn larger; on one sheet, the same.
        assert!(fit_scale(&upper, room) > 1.5 * fit_scale(&full, room));
        let s = common_scale(&[&full, &upper], room);
        assert_eq!(s, fit_scale(&full, room));
        let frame = Rect::new(0.0, 0.0, room.w, room.h);
        let head = |items: &[Item]| {
            items
                .iter()
                .filter_map(|i| match i {
                    // The head: the largest round shape with the near fill.
                    Item::Path(p)
                        if p.fill == Some(NEAR_FILL)
                            && (i.bounds().w - i.bounds().h).abs() < 0.05 * i.bounds().w =>
                    {
                        Some(i.bounds().w)
                    }
                    _ => None,
                })
                .fold(0.0, f32::max)
        };
        let (a, b) = (head(&draw_scaled(&full, frame, s)), head(&draw_scaled(&upper, frame, s)));
        assert!(a > 0.0 && (a - b).abs() < 0.05, "{a} vs {b}");
        // Too large a scale is brought down to what fits.
        let big = draw_scaled(&full, frame, s * 3.0);
        assert!(frame.contains(&extent(&big)));
    }

    #[test]
    fn a_photo_draws_nothing() {
        let fig = figure("photo = \"photos/stretch.jpg\"\n");
        assert!(draw(&fig, Rect::new(0.0, 0.0, 100.0, 100.0)).is_empty());
        assert_eq!(aspect(&fig), None);
    }

    #[test]
    fn the_examples_in_the_format_guide_are_valid() {
        #[derive(serde::Deserialize)]
        struct File {
            figure: Figure,
        }
        let readme = include_str!("../../README.md");
        let start = readme.find("## Figures").expect("the README documents figures");
        let guide = &readme[start..];
        let guide = &guide[..guide.find("\n## ").unwrap_or(guide.len())];
        let blocks: Vec<&str> =
            guide.split("```toml\n").skip(1).map(|b| b.split("```").next().unwrap()).collect();
        assert_eq!(blocks.len(), 4);
        for block in blocks {
            let file: File = toml::from_str(block).unwrap_or_else(|e| panic!("{e}\n{block}"));
            let problems = problems(&file.figure);
            assert!(problems.is_empty(), "{problems:?}\n{block}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_pose_in_range_draws_finite_paths_inside_its_frame(
            view in 0usize..3,
            support in 0usize..5,
            props in proptest::collection::vec(0usize..7, 0..4),
            angles in proptest::collection::vec((0usize..13, 0usize..2, 0.0f32..1.0), 0..14),
            depths in proptest::collection::vec((0usize..13, 0usize..2, -1.0f32..1.0), 0..4),
            start in proptest::option::of(proptest::collection::vec((0usize..13, 0usize..2, 0.0f32..1.0), 0..6)),
            w in 20.0f32..400.0,
            h in 20.0f32..400.0,
        ) {
            let view = [View::Side, View::Front, View::Top][view];
            let kinds = [Kind::BODY.as_slice(), Kind::LIMB.as_slice()].concat();
            let pose = |list: &[(usize, usize, f32)], depth: &[(usize, usize, f32)]| {
                let mut pose = Pose::default();
                let joint = |k: usize, side: usize| {
                    let kind = kinds[k];
                    let side = kind.is_limb().then(|| view.sides()[side]);
                    Joint { side, kind }
                };
                for &(k, side, t) in list {
                    let j = joint(k, side);
                    let (lo, hi) = range(j.kind, view);
                    pose.angles.insert(j, lo + t * (hi - lo));
                }
                for &(k, side, t) in depth {
                    let j = joint(k, side);
                    if j.kind.moves_bone() {
                        pose.depth.insert(j, t * 180.0);
                    }
                }
                pose
            };
            let all = [Prop::Floor, Prop::Mat, Prop::Chair, Prop::Wall, Prop::DoorFrame, Prop::TowelRoll, Prop::FoamRoller];
            let figure = Figure {
                view,
                support: Some([Support::Feet, Support::Seat, Support::Knees, Support::KneesAndHands, Support::Back][support]),
                props: props.iter().map(|i| all[*i]).collect(),
                pose: Some(pose(&angles, &depths)),
                start: start.map(|s| pose(&s, &[])),
                arrows: vec![Arrow { moves: Some(Part::one(view.sides()[1], PartKind::Hand)), bend: Some(40.0), ..Arrow::default() }],
                ..Figure::default()
            };
            let frame = Rect::new(10.0, 20.0, w, h);
            for item in draw(&figure, frame) {
                let b = item.bounds();
                proptest::prop_assert!(b.x.is_finite() && b.y.is_finite() && b.w.is_finite() && b.h.is_finite());
                proptest::prop_assert!(frame.contains(&b), "{:?} outside {:?}", b, frame);
            }
            // Validation never panics either.
            let _ = problems(&figure);
        }
    }
}
