//! The gallery: every stretch in the library with its figure (at least
//! [`FIGURE_MIN`] tall, or long for a pose lying wide), name, summary and
//! dose range, four to six to a page, then the safety section every sheet
//! carries: before you start, stretching safely, the stop rules and every
//! tier of warning signs. The catalog a clinic browses and the page figures
//! are reviewed on.

use super::dose::{DoseCells, dose_panel};
use super::parts::{self, Photos};
use crate::content::{Library, Stretch};
use crate::doc::{Document, Stroke};
use crate::doc::{Rect, geom::mm};
use crate::layout::flow::{Block, BlockBuilder, Flow};
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text::Span;

/// The least a gallery figure measures: its height, or its width for a
/// pose that lies wide.
pub const FIGURE_MIN: f32 = mm(50.0);

/// The height of each figure's frame: the figure plus its padding.
const FIGURE_FRAME: f32 = mm(59.0);

/// Lays out the gallery of `library`.
pub fn gallery(library: &Library, photos: &Photos, options: &SheetOptions) -> Document {
    let style = Style::new(options);
    let title = options.title.as_deref().unwrap_or("Stretch gallery");
    let mut flow = Flow::new(&style, title, super::parts::FOOTER);
    let width = flow.width();
    let subtitle = format!(
        "{} stretches for the upper back, neck, shoulders and chest. Doses are ranges; a plan or handout picks from them. When to stop and the warning signs are on the last page.",
        library.stretches().len()
    );
    flow.place(parts::title(&style, width, title, Some(&subtitle)));
    flow.space(10.0);

    // Columns wide enough that a figure half as wide again as tall keeps
    // its full height.
    // On a short page (A5 sideways) a figure over its text would not fit
    // a page: the text goes beside it.
    let short = style.page.h - 2.0 * style.margin - mm(10.0) < FIGURE_FRAME + 14.0 * style.line(style.body);
    let least = if short { BESIDE } else { FIGURE_COLUMN };
    let columns =
        (1..=3usize).rev().find(|&c| (width - mm(6.0) * (c - 1) as f32) / c as f32 >= least).unwrap_or(1);
    let gap = mm(6.0);
    let cell_w = (width - gap * (columns - 1) as f32) / columns as f32;
    for row in library.stretches().chunks(columns) {
        let figure_w = if cell_w >= BESIDE { FIGURE_COLUMN } else { cell_w };
        let figure_h = row.iter().map(|s| frame_height(s, photos, figure_w)).fold(0.0, f32::max);
        let cells: Vec<Block> =
            row.iter().map(|s| cell(s, library, photos, cell_w, figure_h, &style)).collect();
        flow.place(side_by_side(cells, cell_w, gap));
        flow.space(mm(5.0));
    }
    // The safety section follows on the last stretches' page when its
    // first list fits there (its lists are kept whole).
    flow.space(mm(6.0));
    // Lines of prose no longer than about 90 characters, even on wide pages.
    let floor = library.stretches().iter().any(|s| s.positions.iter().any(|p| p.is_floor()));
    flow.place(parts::safety_full(&style, width.min(48.0 * style.body), library.safety(), floor));
    Document {
        title: title.to_string(),
        subject: "Every stretch in the library with its figure and dose".into(),
        keywords: vec!["stretching".into(), "upper back".into(), "gallery".into()],
        date: None,
        pages: flow.finish(),
    }
}

/// The width of the figure column when the text sits beside the figure.
const FIGURE_COLUMN: f32 = 1.6 * FIGURE_MIN + mm(5.0);

/// The least cell width that sets the text beside the figure.
const BESIDE: f32 = FIGURE_COLUMN + mm(65.0);

/// The frame height a stretch's figure needs in a frame `width` wide: the
/// full [`FIGURE_FRAME`], or less for a pose so wide that the width
/// limits it.
fn frame_height(stretch: &Stretch, photos: &Photos, width: f32) -> f32 {
    let aspect = match (&stretch.figure, photos.contains_key(&stretch.id)) {
        (Some(figure), false) => crate::figure::aspect(figure),
        _ => None,
    };
    aspect.map_or(FIGURE_FRAME, |a| ((width - 10.0) / a.max(0.1) + 12.0).min(FIGURE_FRAME))
}

/// One stretch: its figure in a frame `figure_h` tall, above its text, or
/// beside it in a wide cell.
fn cell(
    stretch: &Stretch,
    library: &Library,
    photos: &Photos,
    width: f32,
    figure_h: f32,
    style: &Style,
) -> Block {
    let beside = width >= BESIDE;
    let figure_w = if beside { FIGURE_COLUMN } else { width };
    let text = text(stretch, library, style, if beside { width - figure_w - mm(5.0) } else { width });
    let mut b = BlockBuilder::new(width);
    for item in parts::figure(stretch, Rect::new(0.0, 0.0, figure_w, figure_h), style, photos) {
        b.item(item);
    }
    if beside {
        for item in text.items_at(figure_w + mm(5.0), 0.0) {
            b.item(item);
        }
        b.gap(figure_h.max(text.height));
    } else {
        b.gap(figure_h + 4.0);
        b.stack(&text);
    }
    b.gap(2.0);
    b.rule(Stroke::solid(0.5, style.muted));
    b.finish()
}

/// A stretch's name, summary, dose panel, position, goals and id.
fn text(stretch: &Stretch, library: &Library, style: &Style, width: f32) -> Block {
    let mut b = BlockBuilder::new(width);
    let heading = style.heading;
    b.paragraph(&[Span::bold(&stretch.name)], heading, style.line(heading), style.ink, 0.0, false);
    let size = style.body;
    let lead = style.line(size);
    b.paragraph(&[Span::regular(&stretch.summary)], size, lead, style.ink, 0.0, false);
    b.gap(3.0);
    // The dose panel every sheet prints, here with the stretch's ranges;
    // its words in one line where a row has little height (large print,
    // a sideways page).
    let cells = DoseCells::ranges(&stretch.dose, "Most days");
    if style.is_large_print() || style.page.w > style.page.h {
        parts::labelled(&mut b, style, "Dose:", &cells.compact(), size);
    } else {
        let panel = dose_panel(style, width, &cells);
        let y = b.y();
        b.items_from(panel.items_at(0.0, y));
        b.gap(panel.height + 3.0);
    }
    let needs: Vec<&str> = stretch.equipment.iter().map(|e| e.as_str()).collect();
    let needs = if needs.is_empty() { "nothing".to_string() } else { needs.join(", ") };
    parts::labelled(
        &mut b,
        style,
        "Position:",
        &format!("{} · needs {needs}", stretch.positions_words()),
        size,
    );
    let goals: Vec<&str> =
        stretch.goals.iter().map(|g| library.goal(g).map_or(g.as_str(), |goal| goal.name.as_str())).collect();
    parts::labelled(&mut b, style, "Goals:", &goals.join(", "), size);
    b.paragraph(&[Span::regular(&format!("id: {}", stretch.id))], size, lead, style.muted, 0.0, false);
    b.finish()
}

/// Blocks placed next to each other; the row is as tall as the tallest.
pub fn side_by_side(cells: Vec<Block>, cell_w: f32, gap: f32) -> Block {
    let height = cells.iter().map(|c| c.height).fold(0.0, f32::max);
    let items = cells
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            let dx = i as f32 * (cell_w + gap);
            c.items.iter().map(move |item| item.translated(dx, 0.0))
        })
        .collect();
    Block { items, height, ..Block::default() }
}
