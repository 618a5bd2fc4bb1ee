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
//!
//! The card tries many layouts; what they share is worked out once (see
//! `card_measure`), and each stretch's text comes from `card_cell`.

use std::rc::Rc;

use super::Exercise;
use super::card_cell::cell_text;
use super::card_measure::{Measures, Texts};
use super::card_safety::{self, Form};
use super::gallery::side_by_side;
use super::parts::{self, Photos};
use crate::content::Safety;
use crate::doc::geom::mm;
use crate::doc::{Document, Face, Item, Page, Stroke};
use crate::doc::{Point, Rect, Size};
use crate::layout::flow::{Block, BlockBuilder, text_run};
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text;

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
    lay_out(entries, safety, photos, options, true)
}

/// [`card`], keeping what its attempts work out when `remember` is set
/// (a test in `card_measure` compares the two).
pub(super) fn lay_out(
    entries: &[Exercise],
    safety: &Safety,
    photos: &Photos,
    options: &SheetOptions,
    remember: bool,
) -> Card {
    let title = options.title.as_deref().unwrap_or("Desk stretch break");
    let entries = &entries[..entries.len().min(MAX_STRETCHES)];
    let normal = Style::new(options);
    let measures = Measures::new(photos, remember);
    let sheet = |style: Style, form: Form| Sheet {
        title,
        panel: card_safety::panel(&style, frame(&style).w, safety, form),
        measures: &measures,
        texts: Texts::new(remember),
        style,
    };
    // Every style tried, kept with what it worked out; the best layout
    // found and the index of its style.
    let mut sheets: Vec<Sheet> = Vec::new();
    let mut best: Option<(Chosen, usize)> = None;
    let shown = |best: &Option<(Chosen, usize)>| best.as_ref().map_or(0, |(b, _)| b.shown.len());
    // The run-on safety panel only where the lists leave no room at all,
    // and without the same-day line only where that shows more stretches.
    let forms = [(normal, Form::Lists), (normal.dense(), Form::Lists), (normal.dense(), Form::RunOn)];
    for (style, form) in forms.into_iter().chain([(normal.dense(), Form::Bare)]) {
        if form == Form::RunOn && best.is_some() {
            break;
        }
        sheets.push(sheet(style, form));
        let (index, sheet) = (sheets.len() - 1, &sheets[sheets.len() - 1]);
        for columns in 1..=3 {
            let chosen = sheet.choose(entries, columns);
            if chosen.as_ref().map_or(0, |c| c.shown.len()) > shown(&best) {
                best = chosen.map(|chosen| (chosen, index));
            }
        }
        if shown(&best) == entries.len() && best.is_some() {
            break;
        }
    }
    let (page, shown) = match best {
        Some((chosen, index)) => {
            let sheet = &sheets[index];
            let grid = sheet.enlarge(&chosen);
            (sheet.place(&chosen.shown, &grid), chosen.shown)
        }
        None => {
            let sheet = sheet(normal.dense(), Form::Bare);
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

/// A layout that fits (in the style of the sheet that found it): its
/// columns and the stretches it shows.
struct Chosen<'e> {
    columns: usize,
    shown: Vec<Exercise<'e>>,
}

/// What every layout attempt in one style shares.
struct Sheet<'a> {
    title: &'a str,
    /// The safety panel, laid out once.
    panel: Block,
    measures: &'a Measures<'a>,
    /// Text blocks in this style, made once for every attempt.
    texts: Texts,
    style: Style,
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
        let mut fitted = false;
        for entry in entries {
            let mut trial = shown.clone();
            trial.push(*entry);
            if self.measure(&trial, columns, FIGURE_AIM).is_some() {
                shown = trial;
                fitted = true;
            }
        }
        fitted.then_some(Chosen { columns, shown })
    }

    /// The grid of `chosen` drawn, its figures as large as the page's
    /// spare height allows, up to a point.
    fn enlarge(&self, chosen: &Chosen) -> Block {
        let aim = [1.4, 1.3, 1.2, 1.1]
            .into_iter()
            .map(|k| FIGURE_AIM * k)
            .filter(|&aim| tallest(&chosen.shown, aim, self.measures) <= FIGURE_MAX)
            .find(|&aim| self.measure(&chosen.shown, chosen.columns, aim).is_some())
            .unwrap_or(FIGURE_AIM);
        let grid = |aim: f32, draw: bool| {
            self.measure(&chosen.shown, chosen.columns, aim).map(|grid| grid.build(&chosen.shown, self, draw))
        };
        // The grid that fitted when the stretches were chosen, undrawn, if
        // the larger one should not fit after all.
        grid(aim, true).or_else(|| grid(FIGURE_AIM, false)).unwrap_or_default()
    }

    /// How the grid of `shown` in `columns` columns with the smallest
    /// figure measuring `aim` fits the page, if it does: all a trial
    /// needs, without building the grid.
    fn measure(&self, shown: &[Exercise], columns: usize, aim: f32) -> Option<GridFit> {
        let style = &self.style;
        let frame = frame(style);
        let header = self.header(frame.w, shown);
        let room = frame.h - header.height - self.panel.height - 2.0 * gap(style) - footer_height(style);
        fit_grid(shown, self, frame.w, room, (columns, aim))
    }

    /// The header for `shown`, made once per length.
    fn header(&self, width: f32, shown: &[Exercise]) -> Rc<Block> {
        let seconds: u32 = shown.iter().map(|e| e.seconds).sum();
        self.texts.header(seconds, || header(&self.style, width, self.title, shown))
    }

    /// The page: header and grid from the top, safety panel and footer at
    /// the bottom.
    fn place(&self, shown: &[Exercise], grid: &Block) -> Page {
        let style = &self.style;
        let frame = frame(style);
        let header = self.header(frame.w, shown);
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

/// How a grid of stretches fits: the one figure scale, each figure's
/// box and text block, the widths and the height it leaves for gaps.
struct GridFit {
    scale: f32,
    boxes: Vec<Size>,
    texts: Vec<Rc<Block>>,
    /// The figure column's width, a cell's width and the grid's.
    figure_w: f32,
    cell_w: f32,
    width: f32,
    columns: usize,
    /// The room given and the rows' total height.
    room: f32,
    rows_h: f32,
}

/// How the grid of `entries` in `columns` columns of `width` fits in `room`
/// points of height with every text column of a readable width, if it does.
fn fit_grid(
    entries: &[Exercise],
    sheet: &Sheet,
    width: f32,
    room: f32,
    (columns, aim): (usize, f32),
) -> Option<GridFit> {
    let (style, measures) = (&sheet.style, sheet.measures);
    let scale = scale(entries, aim, measures);
    let photo_side = FIGURE_AIM * 1.2;
    let boxes: Vec<Size> =
        entries.iter().map(|e| measures.figure_box(e.stretch, scale, photo_side)).collect();
    let figure_w = boxes.iter().map(|b| b.w).fold(0.0, f32::max);
    let cell_w = (width - GRID_GAP * (columns - 1) as f32) / columns as f32;
    let text_w = cell_w - figure_w - FIGURE_GAP;
    // At least about 22 characters a line, at most about 80.
    if text_w < 11.0 * style.body || text_w > 42.0 * style.body {
        return None;
    }
    let text_x = figure_w + FIGURE_GAP;
    let texts: Vec<Rc<Block>> = entries
        .iter()
        .map(|e| sheet.texts.cell(e, cell_w - text_x, || cell_text(e, style, cell_w - text_x)))
        .collect();
    // A cell is as tall as its text or its figure, a row as its tallest cell.
    let rows_h: f32 = texts
        .chunks(columns)
        .zip(boxes.chunks(columns))
        .map(|(texts, boxes)| {
            texts.iter().zip(boxes).map(|(text, b)| text.height.max(b.h)).fold(0.0, f32::max)
        })
        .sum();
    let count = entries.len().div_ceil(columns) as f32;
    if rows_h + mm(2.0) * (count - 1.0) > room {
        return None;
    }
    Some(GridFit { scale, boxes, texts, figure_w, cell_w, width, columns, room, rows_h })
}

/// Space between the columns of the grid.
const GRID_GAP: f32 = mm(5.0);

impl GridFit {
    /// The grid of `entries` (those it was measured for); figures drawn
    /// only when `draw` is set.
    fn build(&self, entries: &[Exercise], sheet: &Sheet, draw: bool) -> Block {
        let figures = Figures { scale: self.scale, width: self.figure_w, measures: sheet.measures, draw };
        let cells = entries.iter().zip(&self.boxes).zip(&self.texts);
        let cells: Vec<Block> =
            cells.map(|((e, b), text)| cell(e, *b, text, &figures, &sheet.style, self.cell_w)).collect();
        let mut rows: Vec<Block> = Vec::new();
        let mut cells = cells.into_iter().peekable();
        while cells.peek().is_some() {
            let row: Vec<Block> = cells.by_ref().take(self.columns).collect();
            rows.push(side_by_side(row, self.cell_w, GRID_GAP));
        }
        let count = rows.len() as f32;
        // Spread spare height between the rows, up to a comfortable gap.
        let row_gap = ((self.room - self.rows_h) / (count - 1.0).max(1.0)).min(mm(7.0));
        stack(rows, row_gap, self.width, &sheet.style)
    }
}

/// How the figures of one card are drawn: one scale, one column width.
struct Figures<'a> {
    scale: f32,
    width: f32,
    measures: &'a Measures<'a>,
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

/// One stretch: its figure centred in the figure column; its `text`
/// (from [`cell_text`]) beside it.
fn cell(
    entry: &Exercise,
    figure_box: Size,
    text: &Block,
    figures: &Figures,
    style: &Style,
    width: f32,
) -> Block {
    let text_x = figures.width + FIGURE_GAP;
    let mut b = BlockBuilder::new(width);
    let rect = Rect::new((figures.width - figure_box.w) / 2.0, 0.0, figure_box.w, figure_box.h);
    let photos = figures.measures.photos;
    let drawn = match (&entry.stretch.figure, photos.contains_key(&entry.stretch.id)) {
        _ if !figures.draw => Vec::new(),
        (Some(_), false) => figures.measures.figure(entry.stretch).draw_scaled(rect, figures.scale),
        _ => parts::figure(entry.stretch, rect, style, photos),
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
