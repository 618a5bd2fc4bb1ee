//! The desk card: one page, always. A title, up to eight desk-friendly
//! stretches in a grid of one to three columns (figure, name, summary,
//! dose, who should skip it, 2–4 short steps each), and a small safety
//! panel (see [`card_safety`](super::card_safety)).
//!
//! Every figure on a card is drawn at one body scale, chosen so that the
//! smallest figure still measures [`FIGURE_MIN`] (its height, or its length
//! for a wide pose): a card that cannot hold every stretch at that size
//! shows fewer stretches rather than smaller ones, keeping those that fit
//! in the order given.

use std::cell::RefCell;
use std::collections::HashMap;

use super::Exercise;
use super::card_safety;
use super::dose::DoseCells;
use super::gallery::side_by_side;
use super::parts::{self, Photos};
use crate::content::{Condition, Safety, Stretch};
use crate::doc::geom::mm;
use crate::doc::{Document, Face, Item, Page, Stroke};
use crate::doc::{Point, Rect, Size};
use crate::figure;
use crate::layout::flow::{Block, BlockBuilder, baseline_offset, text_run};
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text::{self, Span};

/// The most stretches a card shows.
pub const MAX_STRETCHES: usize = 8;

/// The least a figure on the card measures: its height, or for a pose
/// wider than tall, its width.
pub const FIGURE_MIN: f32 = mm(25.0);

/// What the scale aims at, a little over [`FIGURE_MIN`].
const FIGURE_AIM: f32 = mm(25.4);

/// The tallest a figure grows when the page has height to spare.
const FIGURE_MAX: f32 = mm(66.0);

/// Space between a figure and its text.
const FIGURE_GAP: f32 = mm(3.0);

/// The laid-out card and which of the entries it shows.
pub struct Card {
    pub document: Document,
    /// How many of the entries the card shows.
    pub shown: usize,
    /// The ids of the stretches shown, in the order given.
    pub shown_ids: Vec<String>,
}

/// Lays out the card: as many of `entries` (at most eight, kept in order)
/// as fit one page of `options` with their figures at full size.
///
/// Layouts are tried in the normal style and then a denser one (smaller
/// headings and margins, body text still at its minimum size), in one to
/// three columns; the one showing the most stretches wins, the normal
/// style and fewer columns on a tie.
pub fn card(entries: &[Exercise], safety: &Safety, photos: &Photos, options: &SheetOptions) -> Card {
    let title = options.title.as_deref().unwrap_or("Desk stretch break");
    let entries = &entries[..entries.len().min(MAX_STRETCHES)];
    let normal = Style::new(options);
    let measures = Measures { photos, natural: RefCell::default(), boxes: RefCell::default() };
    let sheet = |style: Style, compact: bool| Sheet {
        title,
        panel: card_safety::panel(&style, frame(&style).w, safety, compact),
        measures: &measures,
        style,
        compact,
    };
    let mut best: Option<Chosen> = None;
    // The compact safety panel only where the lists leave no room at all.
    for (style, compact) in [(normal, false), (normal.dense(), false), (normal.dense(), true)] {
        if compact && best.is_some() {
            break;
        }
        let sheet = sheet(style, compact);
        for columns in 1..=3 {
            let chosen = sheet.choose(entries, columns);
            if chosen.as_ref().map_or(0, |c| c.shown.len()) > best.as_ref().map_or(0, |b| b.shown.len()) {
                best = chosen;
            }
        }
        if best.as_ref().is_some_and(|b| b.shown.len() == entries.len()) {
            break;
        }
    }
    let (page, shown) = match best {
        Some(chosen) => {
            let sheet = sheet(chosen.style, chosen.compact);
            let chosen = sheet.enlarge(chosen);
            (sheet.place(&chosen.shown, &chosen.grid), chosen.shown)
        }
        None => {
            let sheet = sheet(normal.dense(), true);
            (sheet.place(&[], &Block::default()), Vec::new())
        }
    };
    Card {
        document: Document {
            title: title.to_string(),
            subject: "A one-page desk card of upper back stretches".into(),
            keywords: vec!["stretching".into(), "upper back".into(), "desk".into()],
            date: None,
            pages: vec![page],
        },
        shown: shown.len(),
        shown_ids: shown.iter().map(|e| e.stretch.id.clone()).collect(),
    }
}

/// A layout that fits: its style, the stretches it shows and their grid.
struct Chosen<'e> {
    style: Style,
    compact: bool,
    columns: usize,
    shown: Vec<Exercise<'e>>,
    grid: Block,
}

/// What every layout attempt in one style shares.
struct Sheet<'a> {
    title: &'a str,
    /// The safety panel, laid out once.
    panel: Block,
    measures: &'a Measures<'a>,
    style: Style,
    /// Whether the safety panel runs its lists on (see `card_safety`).
    compact: bool,
}

/// Figure measurements, worked out once per card: placing a figure is the
/// slow part of a layout attempt.
struct Measures<'a> {
    photos: &'a Photos,
    natural: RefCell<HashMap<String, Size>>,
    boxes: RefCell<HashMap<(String, u32), Size>>,
}

impl Measures<'_> {
    /// The stretch's figure's size in head heights (zero for a photo or
    /// no figure).
    fn natural(&self, stretch: &Stretch) -> Size {
        if self.photos.contains_key(&stretch.id) {
            return Size::default();
        }
        let mut cache = self.natural.borrow_mut();
        *cache
            .entry(stretch.id.clone())
            .or_insert_with(|| stretch.figure.as_ref().map(figure::natural_size).unwrap_or_default())
    }

    /// The box a stretch's figure needs at `scale`: its drawing with
    /// padding, or a square for a photo.
    fn figure_box(&self, stretch: &Stretch, scale: f32) -> Size {
        let photo = Size { w: FIGURE_AIM * 1.2, h: FIGURE_AIM * 1.2 };
        let natural = self.natural(stretch);
        let Some(fig) = stretch.figure.as_ref().filter(|_| natural.h > 0.0) else {
            return if self.photos.contains_key(&stretch.id) { photo } else { Size::default() };
        };
        let key = (stretch.id.clone(), scale.to_bits());
        if let Some(size) = self.boxes.borrow().get(&key) {
            return *size;
        }
        let mut size = Size { w: natural.w * scale + 6.0, h: natural.h * scale + 6.0 };
        // Grown by what the last try fell short, at least 1 %: two or
        // three tries where steps of 3 % took up to twenty.
        for _ in 0..20 {
            let fits = figure::fit_scale(fig, size);
            if fits >= scale * 0.999 {
                break;
            }
            let grow = (scale / fits.max(f32::EPSILON) * 1.002).clamp(1.01, 1.5);
            size = Size { w: size.w * grow, h: size.h * grow };
        }
        self.boxes.borrow_mut().insert(key, size);
        size
    }
}

impl Sheet<'_> {
    /// The stretches of `entries` that fit in `columns` columns, taken in
    /// order, each kept when the card still fits with it.
    ///
    /// When some are left out, the stretches without the tallest figure
    /// are tried too (one tall standing figure can crowd out two others),
    /// and the way that shows more wins.
    fn choose<'e>(&self, entries: &[Exercise<'e>], columns: usize) -> Option<Chosen<'e>> {
        let first = self.choose_in_order(entries, columns);
        let shown = first.as_ref().map_or(0, |c| c.shown.len());
        if shown == entries.len() || shown == 0 {
            return first;
        }
        let tallest = first.as_ref().and_then(|c| {
            c.shown.iter().max_by(|a, b| {
                let h = |e: &Exercise| self.measures.natural(e.stretch).h;
                h(a).total_cmp(&h(b))
            })
        })?;
        let others: Vec<Exercise<'e>> =
            entries.iter().filter(|e| e.stretch.id != tallest.stretch.id).copied().collect();
        match self.choose_in_order(&others, columns) {
            Some(second) if second.shown.len() > shown => Some(second),
            _ => first,
        }
    }

    /// The stretches of `entries` that fit, taken in order, each kept when
    /// the card still fits with it.
    fn choose_in_order<'e>(&self, entries: &[Exercise<'e>], columns: usize) -> Option<Chosen<'e>> {
        let mut shown: Vec<Exercise<'e>> = Vec::new();
        let mut grid = None;
        for entry in entries {
            let mut trial = shown.clone();
            trial.push(*entry);
            if let Some(fitted) = self.fit(&trial, columns, FIGURE_AIM, false) {
                shown = trial;
                grid = Some(fitted);
            }
        }
        grid.map(|grid| Chosen { style: self.style, compact: self.compact, columns, shown, grid })
    }

    /// `chosen` drawn, its figures as large as the page's spare height
    /// allows, up to a point.
    fn enlarge<'e>(&self, chosen: Chosen<'e>) -> Chosen<'e> {
        let aim = [1.4, 1.3, 1.2, 1.1]
            .into_iter()
            .map(|k| FIGURE_AIM * k)
            .filter(|&aim| tallest(&chosen.shown, aim, self.measures) <= FIGURE_MAX)
            .find(|&aim| self.fit(&chosen.shown, chosen.columns, aim, false).is_some())
            .unwrap_or(FIGURE_AIM);
        match self.fit(&chosen.shown, chosen.columns, aim, true) {
            Some(grid) => Chosen { grid, ..chosen },
            None => chosen,
        }
    }

    /// The grid of `shown` in `columns` columns with the smallest figure
    /// measuring `aim`, if the page holds it.
    /// Figures are drawn only when `draw` is set: a trial needs only the
    /// heights.
    fn fit(&self, shown: &[Exercise], columns: usize, aim: f32, draw: bool) -> Option<Block> {
        let style = &self.style;
        let frame = frame(style);
        let header = header(style, frame.w, self.title, shown);
        let room = frame.h - header.height - self.panel.height - 2.0 * gap(style) - footer_height(style);
        fit_grid(shown, style, self.measures, frame.w, room, (columns, aim, draw))
    }

    /// The page: header and grid from the top, safety panel and footer at
    /// the bottom.
    fn place(&self, shown: &[Exercise], grid: &Block) -> Page {
        let style = &self.style;
        let frame = frame(style);
        let header = header(style, frame.w, self.title, shown);
        let panel = &self.panel;
        let mut page = Page::new(style.page);
        page.items.extend(header.items_at(frame.x, frame.y));
        page.items.extend(grid.items_at(frame.x, frame.y + header.height + gap(style)));
        let panel_y = frame.bottom() - footer_height(style) - panel.height;
        page.items.extend(panel.items_at(frame.x, panel_y));
        page.items.extend(footer(style, frame));
        page
    }
}

/// The content frame of a page in `style`.
fn frame(style: &Style) -> Rect {
    Rect::new(
        style.margin,
        style.margin,
        style.page.w - 2.0 * style.margin,
        style.page.h - 2.0 * style.margin,
    )
}

/// Space between the header, the grid and the safety panel.
fn gap(style: &Style) -> f32 {
    if style.margin < mm(14.0) { mm(3.0) } else { mm(4.0) }
}

fn header(style: &Style, width: f32, title: &str, shown: &[Exercise]) -> Block {
    parts::title(style, width, title, Some(&subtitle(shown, style)))
}

/// How long and how often; the dense layout leaves the stop rule to the
/// safety panel below.
fn subtitle(entries: &[Exercise], style: &Style) -> String {
    let seconds: u32 = entries.iter().map(|e| e.seconds).sum();
    let said = crate::words::about(seconds);
    let length = said.replacen("about", "About", 1);
    if style.dense {
        format!("{length}; repeat once an hour of sitting.")
    } else {
        format!("{length}; repeat once an hour of sitting. Stop at a mild stretch, never pain.")
    }
}

fn footer_height(style: &Style) -> f32 {
    style.line(style.small) + 4.0
}

fn footer(style: &Style, frame: Rect) -> Vec<Item> {
    let size = style.small;
    let lead = style.line(size);
    let baseline = frame.bottom() - lead + (lead - size) / 2.0 + 0.8 * size;
    let note = text::fit(parts::FOOTER, Face::Regular, size, frame.w);
    vec![text_run(&note, Face::Regular, size, style.muted, Point::new(frame.x, baseline))]
}

/// How big a figure of natural `size` reads: its height, or its width
/// for a pose lying wide.
fn measure(size: Size) -> f32 {
    if size.w > 1.5 * size.h { size.w } else { size.h }
}

/// The one body scale for `shown`: points per head height at which the
/// smallest figure measures `aim`. Zero when none is drawn.
fn scale(shown: &[Exercise], aim: f32, measures: &Measures) -> f32 {
    shown
        .iter()
        .map(|e| measure(measures.natural(e.stretch)))
        .filter(|&size| size > 0.0)
        .map(|size| aim / size)
        .reduce(f32::max)
        .unwrap_or(0.0)
}

/// The height of the tallest figure of `shown` when the smallest measures
/// `aim`.
fn tallest(shown: &[Exercise], aim: f32, measures: &Measures) -> f32 {
    let scale = scale(shown, aim, measures);
    shown.iter().map(|e| measures.natural(e.stretch).h * scale).fold(0.0, f32::max)
}

/// The grid of `entries` in `columns` columns of `width`, if it fits in
/// `room` points of height with every text column of a readable width.
fn fit_grid(
    entries: &[Exercise],
    style: &Style,
    measures: &Measures,
    width: f32,
    room: f32,
    (columns, aim, draw): (usize, f32, bool),
) -> Option<Block> {
    let gap = mm(5.0);
    let scale = scale(entries, aim, measures);
    let boxes: Vec<Size> = entries.iter().map(|e| measures.figure_box(e.stretch, scale)).collect();
    let figure_w = boxes.iter().map(|b| b.w).fold(0.0, f32::max);
    let cell_w = (width - gap * (columns - 1) as f32) / columns as f32;
    let text_w = cell_w - figure_w - FIGURE_GAP;
    // At least about 22 characters a line, at most about 80.
    if text_w < 11.0 * style.body || text_w > 42.0 * style.body {
        return None;
    }
    let figures = Figures { scale, width: figure_w, photos: measures.photos, draw };
    let rows: Vec<Block> = entries
        .chunks(columns)
        .zip(boxes.chunks(columns))
        .map(|(row, boxes)| {
            let cells = row.iter().zip(boxes).map(|(e, b)| cell(e, *b, &figures, style, cell_w)).collect();
            side_by_side(cells, cell_w, gap)
        })
        .collect();
    let rows_h: f32 = rows.iter().map(|r| r.height).sum();
    let count = rows.len() as f32;
    if rows_h + mm(2.0) * (count - 1.0) > room {
        return None;
    }
    // Spread spare height between the rows, up to a comfortable gap.
    let row_gap = ((room - rows_h) / (count - 1.0).max(1.0)).min(mm(7.0));
    Some(stack(rows, row_gap, width, style))
}

/// How the figures of one card are drawn: one scale, one column width.
struct Figures<'a> {
    scale: f32,
    width: f32,
    photos: &'a Photos,
    /// Whether to draw them, or only make room.
    draw: bool,
}

/// Rows one under another, a thin rule between them.
fn stack(rows: Vec<Block>, gap: f32, width: f32, style: &Style) -> Block {
    let mut b = BlockBuilder::new(width);
    for (i, row) in rows.into_iter().enumerate() {
        if i > 0 {
            b.gap(gap / 2.0);
            b.rule(Stroke::solid(0.5, style.muted));
            b.gap(gap / 2.0 - 0.5);
        }
        let y = b.y();
        for item in row.items.iter() {
            b.item(item.translated(0.0, y));
        }
        b.gap(row.height);
    }
    b.finish()
}

/// One stretch: its figure centred in the figure column; name, summary,
/// dose, who should skip it and the steps beside it.
fn cell(entry: &Exercise, figure_box: Size, figures: &Figures, style: &Style, width: f32) -> Block {
    let text_x = figures.width + FIGURE_GAP;
    let mut text = BlockBuilder::new(width - text_x);
    name_and_dose(&mut text, entry, style);
    if let Some(skip) = skip_if(&entry.stretch.avoid_if) {
        let size = style.body;
        text.paragraph(
            &[Span::bold("Skip if: "), Span::regular(&skip)],
            size,
            style.line(size),
            style.ink,
            0.0,
            false,
        );
    }
    text.gap(1.0);
    parts::numbered(&mut text, style, entry.stretch.card_steps(), style.body, false);
    let text = text.finish();

    let mut b = BlockBuilder::new(width);
    let rect = Rect::new((figures.width - figure_box.w) / 2.0, 0.0, figure_box.w, figure_box.h);
    let drawn = match (&entry.stretch.figure, figures.photos.contains_key(&entry.stretch.id)) {
        _ if !figures.draw => Vec::new(),
        (Some(fig), false) => figure::draw_scaled(fig, rect, figures.scale),
        _ => parts::figure(entry.stretch, rect, style, figures.photos),
    };
    for item in drawn {
        b.item(item);
    }
    for item in text.items_at(text_x, 0.0) {
        b.item(item);
    }
    b.gap(text.height.max(figure_box.h));
    b.finish()
}

/// Who should skip a stretch, in a few words: "shoulder injury or
/// osteoporosis". `None` when nobody need.
fn skip_if(conditions: &[Condition]) -> Option<String> {
    if conditions.is_empty() {
        return None;
    }
    let words: Vec<&str> = conditions.iter().map(|&c| condition_words(c)).collect();
    Some(format!("{}.", crate::words::or_list(&words)))
}

/// A condition as the card says it.
fn condition_words(condition: Condition) -> &'static str {
    match condition {
        Condition::WristPain => "wrist pain",
        Condition::KneePain => "knee pain",
        Condition::NoFloor => "trouble getting down to the floor",
        Condition::ShoulderInjury => "a shoulder injury",
        Condition::NeckPain => "neck pain when you move your head",
        Condition::BalanceProblems => "poor balance",
        Condition::Osteoporosis => "osteoporosis",
        Condition::Pregnancy => "pregnancy",
    }
}

/// The stretch's name (in balanced lines), summary and dose (the dose
/// panel's words in one compact line, in the body's ink). The dense
/// layout puts the dose beside the name when both fit on one line.
fn name_and_dose(text: &mut BlockBuilder, entry: &Exercise, style: &Style) {
    let name = style.heading;
    let dose = DoseCells::prescribed(&entry.dose, "").compact();
    let body = style.line(style.body);
    let dose_x =
        text::width(&entry.stretch.name, Face::Bold, name) + text::width("  ", Face::Regular, style.body);
    let beside = style.dense && dose_x + text::width(&dose, Face::Bold, style.body) <= text.width;
    if beside {
        let lead = style.line(name);
        text.run_at(0.0, &entry.stretch.name, Face::Bold, name, lead, style.ink);
        // Same baseline as the name, in the smaller size.
        let shift = baseline_offset(name, lead) - baseline_offset(style.body, lead);
        text.gap(shift);
        text.run_at(dose_x, &dose, Face::Bold, style.body, lead, style.ink);
        text.gap(lead - shift);
    } else {
        for line in text::wrap_balanced(&[Span::bold(&entry.stretch.name)], name, text.width) {
            text.line(&line, name, style.line(name), style.ink, 0.0);
        }
    }
    text.paragraph(&[Span::regular(&entry.stretch.summary)], style.body, body, style.muted, 0.0, false);
    if !beside {
        text.paragraph(&[Span::bold(&dose)], style.body, body, style.ink, 0.0, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_if_reads_as_a_short_list() {
        assert_eq!(skip_if(&[]), None);
        assert_eq!(skip_if(&[Condition::ShoulderInjury]).as_deref(), Some("a shoulder injury."));
        assert_eq!(
            skip_if(&[Condition::BalanceProblems, Condition::Osteoporosis]).as_deref(),
            Some("poor balance or osteoporosis.")
        );
    }
}
