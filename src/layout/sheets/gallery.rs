//! The gallery: every stretch in the library with its figure, name,
//! summary and dose range, about six to a page. The catalog a clinic
//! browses and the page figures are reviewed on.

use super::parts::{self, Photos};
use crate::content::{Library, Stretch};
use crate::doc::{Document, Stroke};
use crate::doc::{Rect, geom::mm};
use crate::layout::flow::{Block, BlockBuilder, Flow};
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text::Span;
use crate::plan::describe_dose;

/// Lays out the gallery of `library`.
pub fn gallery(library: &Library, photos: &Photos, options: &SheetOptions) -> Document {
    let style = Style::new(options);
    let title = options.title.as_deref().unwrap_or("Stretch gallery");
    let mut flow = Flow::new(&style, title, super::parts::FOOTER);
    let width = flow.width();
    let subtitle = format!(
        "{} stretches for the upper back, neck, shoulders and chest. Doses are ranges; a plan or handout picks from them.",
        library.stretches().len()
    );
    flow.place(parts::title(&style, width, title, Some(&subtitle)));
    flow.space(10.0);

    let columns = ((width / 230.0).floor() as usize).clamp(1, 3);
    let gap = mm(6.0);
    let cell_w = (width - gap * (columns - 1) as f32) / columns as f32;
    for row in library.stretches().chunks(columns) {
        let cells: Vec<Block> = row.iter().map(|s| cell(s, library, photos, cell_w, &style)).collect();
        flow.place(side_by_side(cells, cell_w, gap));
        flow.space(mm(5.0));
    }
    Document {
        title: title.to_string(),
        subject: "Every stretch in the library with its figure and dose".into(),
        keywords: vec!["stretching".into(), "upper back".into(), "gallery".into()],
        date: None,
        pages: flow.finish(),
    }
}

fn cell(stretch: &Stretch, library: &Library, photos: &Photos, width: f32, style: &Style) -> Block {
    let mut b = BlockBuilder::new(width);
    let figure_h = (width * 0.5).min(mm(32.0));
    for item in parts::figure(stretch, Rect::new(0.0, 0.0, width, figure_h), style, photos) {
        b.item(item);
    }
    b.gap(figure_h + 4.0);
    let heading = style.heading;
    b.paragraph(&[Span::bold(&stretch.name)], heading, style.line(heading), style.ink, 0.0, false);
    let size = style.body;
    let lead = style.line(size);
    b.paragraph(&[Span::regular(&stretch.summary)], size, lead, style.ink, 0.0, false);
    b.gap(2.0);
    parts::labelled(&mut b, style, "Dose:", &describe_dose(&stretch.dose), size);
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
    b.gap(2.0);
    b.rule(Stroke::solid(0.5, style.muted));
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
