//! Tests of drawing: tones, arrows, halos and fitting.

use super::*;
use crate::doc::geom::mm;

fn library() -> crate::content::Library {
    crate::content::built_in().expect("built-in content is valid")
}

/// Grayscale lightness (0 black – 255 white) as a printer prints it.
fn luma(c: crate::doc::Color) -> i32 {
    i32::from(c.luma())
}

#[test]
fn near_far_and_start_stay_apart_in_grayscale() {
    // Far limbs are lighter than near ones, in fill and in outline.
    assert!(luma(FAR_FILL) - luma(NEAR_FILL) >= 30, "near/far fills");
    assert!(luma(FAR) - luma(INK) >= 80, "near/far outlines");
    // The start pose is lighter still, so the end pose reads first.
    assert!(luma(START_FILL) - luma(NEAR_FILL) >= 40, "start/near fills");
    assert!(luma(START) - luma(INK) >= 100, "start/near outlines");
    assert!(luma(START) - luma(FAR) >= 30, "start/far outlines");
    // A start-pose outline still shows on white paper and on its fill.
    assert!(255 - luma(START) >= 60 && luma(START_FILL) - luma(START) >= 40);
    // Arrows print dark over every fill they cross.
    for fill in [NEAR_FILL, FAR_FILL, START_FILL] {
        assert!(luma(fill) - luma(ARROW) >= 90, "arrow on {fill:?}");
    }
}

#[test]
fn every_arrow_has_a_white_halo_painted_under_it() {
    let library = library();
    for id in ["cat-cow", "shoulder-shrugs", "shoulder-rolls"] {
        let figure = library.stretch(id).unwrap().figure.as_ref().unwrap();
        let items = crate::figure::draw(figure, Rect::new(0.0, 0.0, mm(50.0), mm(40.0)));
        let paths: Vec<&Path> =
            items.iter().filter_map(|i| if let Item::Path(p) = i { Some(p) } else { None }).collect();
        let is_arrow = |p: &Path| p.fill == Some(ARROW) || p.stroke.is_some_and(|s| s.color == ARROW);
        let first = paths.iter().position(|p| is_arrow(p)).expect("an arrow");
        let arrows = paths.iter().filter(|p| is_arrow(p)).count();
        let halos: Vec<&&Path> = paths[..first]
            .iter()
            .rev()
            .take(arrows)
            .filter(|p| p.stroke.is_some_and(|s| s.color == Color::WHITE))
            .collect();
        assert_eq!(halos.len(), arrows, "{id}: {arrows} arrow paths, {} halos", halos.len());
        let widest = paths[first..].iter().filter_map(|p| p.stroke).map(|s| s.width).fold(0.0, f32::max);
        assert!(halos.iter().any(|h| h.stroke.unwrap().width >= widest + 2.0 * HALO - 0.01), "{id}");
    }
}

#[test]
fn a_drawn_figure_paints_near_far_and_start_in_their_tones() {
    let library = library();
    let cat_cow = library.stretch("cat-cow").expect("cat-cow is built in");
    let items =
        crate::figure::draw(cat_cow.figure.as_ref().unwrap(), Rect::new(0.0, 0.0, mm(50.0), mm(40.0)));
    // Limbs are tubes of two strokes (outline, then fill on top), the
    // torso and head filled shapes: every colour painted, in order.
    let paints: Vec<crate::doc::Color> = items
        .iter()
        .flat_map(|i| match i {
            Item::Path(p) => vec![p.fill, p.stroke.map(|s| s.color)],
            _ => vec![],
        })
        .flatten()
        .collect();
    for tone in [NEAR_FILL, FAR_FILL, START_FILL, INK, FAR, START] {
        assert!(paints.contains(&tone), "{tone:?} not painted");
    }
    // The start pose is painted first, under the pose.
    let first = |c| paints.iter().position(|f| *f == c).unwrap();
    assert!(first(START_FILL) < first(NEAR_FILL));
}

#[test]
fn arrows_are_bold_with_a_head_seen_at_card_size_and_grow_with_the_figure() {
    let library = library();
    let fig = library.stretch("overhead-reach").unwrap().figure.as_ref().unwrap();
    // (shaft width, head's longest side) of the arrow drawn in a frame
    // `h` tall.
    let arrow = |h: f32| {
        let items = crate::figure::draw(fig, Rect::new(0.0, 0.0, h, h));
        let shaft = items
            .iter()
            .filter_map(|i| match i {
                Item::Path(p) => p.stroke.filter(|s| s.color == ARROW).map(|s| s.width),
                _ => None,
            })
            .fold(0.0, f32::max);
        let head = items
            .iter()
            .filter(|i| matches!(i, Item::Path(p) if p.fill == Some(ARROW)))
            .map(|i| i.bounds().w.max(i.bounds().h))
            .fold(0.0, f32::max);
        (shaft, head)
    };
    let (card_shaft, card_head) = arrow(mm(28.0));
    assert!(card_shaft >= 1.1, "{card_shaft}");
    assert!(card_head >= mm(1.5), "{card_head}");
    // Twice the bone outline, so it is the boldest line of the figure.
    assert!(card_shaft >= 2.0 * 0.45);
    let (big_shaft, big_head) = arrow(mm(120.0));
    assert!(big_shaft > 2.0 * card_shaft && big_head > 2.0 * card_head, "{big_shaft} {big_head}");
}
