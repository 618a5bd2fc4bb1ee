//! What the desk card works out once and reuses across its layout
//! attempts: each figure placed once, its size and its box at each body
//! scale, and each stretch's text block at each width a try gives it. The
//! card tries many layouts (sets of stretches × columns × figure sizes);
//! every answer here is what working it out again would give, so the card
//! chooses and draws exactly what it would without them.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::Exercise;
use super::parts::Photos;
use crate::content::Stretch;
use crate::doc::Size;
use crate::figure::PlacedFigure;
use crate::layout::flow::Block;
use crate::plan::Prescription;

/// Figure measurements for one card: placing a figure is the slow part of
/// a layout attempt.
pub(super) struct Measures<'a> {
    pub photos: &'a Photos,
    /// Whether to keep what is worked out (always, but in the test that
    /// compares a card laid out with and without).
    remember: bool,
    /// Each stretch's figure, placed, and its natural size.
    figures: RefCell<HashMap<String, (Rc<PlacedFigure>, Size)>>,
    boxes: RefCell<HashMap<(String, u32), Size>>,
}

impl<'a> Measures<'a> {
    pub fn new(photos: &'a Photos, remember: bool) -> Self {
        Measures { photos, remember, figures: RefCell::default(), boxes: RefCell::default() }
    }

    /// The stretch's figure placed, and its size in head heights (zero
    /// when it has no pose).
    fn placed(&self, stretch: &Stretch) -> (Rc<PlacedFigure>, Size) {
        let place = || {
            let placed = stretch.figure.as_ref().map(PlacedFigure::new);
            let size = placed.as_ref().map(PlacedFigure::natural_size).unwrap_or_default();
            (Rc::new(placed.unwrap_or_default()), size)
        };
        if !self.remember {
            return place();
        }
        let mut cache = self.figures.borrow_mut();
        let (placed, size) = cache.entry(stretch.id.clone()).or_insert_with(place);
        (placed.clone(), *size)
    }

    /// The stretch's figure's size in head heights (zero for a photo or
    /// no figure).
    pub fn natural(&self, stretch: &Stretch) -> Size {
        if self.photos.contains_key(&stretch.id) {
            return Size::default();
        }
        self.placed(stretch).1
    }

    /// The stretch's figure, placed once (for drawing).
    pub fn figure(&self, stretch: &Stretch) -> Rc<PlacedFigure> {
        self.placed(stretch).0
    }

    /// The box a stretch's figure needs at `scale`: its drawing with
    /// padding, or a square for a photo (`photo_side` a side).
    pub fn figure_box(&self, stretch: &Stretch, scale: f32, photo_side: f32) -> Size {
        let photo = Size { w: photo_side, h: photo_side };
        let natural = self.natural(stretch);
        if !stretch.figure.as_ref().is_some_and(|_| natural.h > 0.0) {
            return if self.photos.contains_key(&stretch.id) { photo } else { Size::default() };
        }
        let key = (stretch.id.clone(), scale.to_bits());
        if let Some(size) = self.boxes.borrow().get(&key) {
            return *size;
        }
        let placed = self.figure(stretch);
        let mut size = Size { w: natural.w * scale + 6.0, h: natural.h * scale + 6.0 };
        // Grown by what the last try fell short, at least 1 %: two or
        // three tries where steps of 3 % took up to twenty.
        for _ in 0..20 {
            let fits = placed.fit_scale(size);
            if fits >= scale * 0.999 {
                break;
            }
            let grow = (scale / fits.max(f32::EPSILON) * 1.002).clamp(1.01, 1.5);
            size = Size { w: size.w * grow, h: size.h * grow };
        }
        if self.remember {
            self.boxes.borrow_mut().insert(key, size);
        }
        size
    }
}

/// A text block and the dose it was made for.
type DosedBlock = (Prescription, Rc<Block>);

/// The text blocks of one style of card, made once: each stretch's
/// text beside its figure by width, and the header by the card's length
/// in seconds (all the header's subtitle depends on).
pub(super) struct Texts {
    /// As for [`Measures`].
    remember: bool,
    /// By the stretch's address and the width's bits; the dose is kept
    /// beside the block, as two entries may show one stretch at two doses.
    cells: RefCell<HashMap<(usize, u32), Vec<DosedBlock>>>,
    headers: RefCell<HashMap<u32, Rc<Block>>>,
}

impl Texts {
    pub fn new(remember: bool) -> Self {
        Texts { remember, cells: RefCell::default(), headers: RefCell::default() }
    }

    /// The text block of `entry` at `width`, made by `make` the first time.
    pub fn cell(&self, entry: &Exercise, width: f32, make: impl FnOnce() -> Block) -> Rc<Block> {
        let key = (std::ptr::from_ref(entry.stretch) as usize, width.to_bits());
        if let Some(found) = self.cells.borrow().get(&key).and_then(|known| {
            known.iter().find(|(dose, _)| *dose == entry.dose).map(|(_, block)| block.clone())
        }) {
            return found;
        }
        let block = Rc::new(make());
        if self.remember {
            self.cells.borrow_mut().entry(key).or_default().push((entry.dose, block.clone()));
        }
        block
    }

    /// The header of a card of `seconds`, made by `make` the first time.
    pub fn header(&self, seconds: u32, make: impl FnOnce() -> Block) -> Rc<Block> {
        if let Some(found) = self.headers.borrow().get(&seconds) {
            return found.clone();
        }
        let block = Rc::new(make());
        if self.remember {
            self.headers.borrow_mut().insert(seconds, block.clone());
        }
        block
    }
}

#[cfg(test)]
mod tests {
    use super::super::card::lay_out;
    use super::*;
    use crate::layout::style::SheetOptions;

    /// Every card laid out with what its attempts worked out kept is the
    /// card laid out working everything out afresh: same stretches, same
    /// page, item for item. Over papers, orientations, print sizes and
    /// sets that fit whole, that leave some out, and one stretch at two
    /// doses.
    #[test]
    fn remembered_measures_give_the_same_card_as_fresh_ones() {
        use crate::doc::Paper;
        use crate::plan::{Prescription, timing};
        let library = crate::content::built_in().expect("built-in content is valid");
        let exercise = |id: &str, older: bool| {
            let stretch = library.stretch(id).expect("a built-in stretch");
            let dose = Prescription::standard(&stretch.dose, older);
            Exercise { stretch, dose, seconds: timing::stretch_s(stretch, &dose) }
        };
        let ids = [
            "cat-cow",
            "chin-tucks",
            "doorway-chest-stretch",
            "thread-the-needle",
            "seated-thoracic-rotation",
            "childs-pose",
            "overhead-reach",
            "wall-chest-stretch",
        ];
        let all: Vec<Exercise> = ids.iter().map(|id| exercise(id, false)).collect();
        let id = "doorway-chest-stretch";
        let twice = vec![exercise(id, false), exercise("chin-tucks", false), exercise(id, true)];
        assert_ne!(twice[0].dose, twice[2].dose, "an older adult's hold is longer");
        let sets = [all.clone(), all[..3].to_vec(), all[5..].to_vec(), twice];
        let mut compared = 0;
        for paper in [Paper::A4, Paper::Letter, Paper::A5] {
            for landscape in [false, true] {
                for large_print in [false, true] {
                    let options = SheetOptions { paper, landscape, large_print, title: None };
                    for set in &sets {
                        let kept = lay_out(set, library.safety(), &Photos::new(), &options, true);
                        let fresh = lay_out(set, library.safety(), &Photos::new(), &options, false);
                        assert_eq!(kept.shown_ids, fresh.shown_ids, "{options:?}");
                        assert!(kept.document == fresh.document, "{options:?} {:?}", fresh.shown_ids);
                        assert!(!kept.document.pages[0].items.is_empty());
                        compared += 1;
                    }
                }
            }
        }
        assert_eq!(compared, 48);
    }
}
