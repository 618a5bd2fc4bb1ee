//! The desk card: one page, always. A title, 5–8 desk-friendly stretches
//! in a grid, or a row each on short wide pages (figure, name, summary,
//! dose, 2–4 short steps each), and the stop rules and warning signs. When
//! the page is small or the print is large, the card shows fewer stretches
//! rather than spilling onto a second page.

use super::Exercise;
use super::gallery::side_by_side;
use super::parts::{self, Detail, Photos};
use crate::content::Safety;
use crate::doc::geom::mm;
use crate::doc::{Document, Face, Item, Page, Stroke};
use crate::doc::{Point, Rect};
use crate::layout::flow::{Block, BlockBuilder, baseline_offset, text_run};
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text::{self, Span};
use crate::plan::{describe, minutes};

/// The most stretches a card shows.
pub const MAX_STRETCHES: usize = 8;

/// The laid-out card and how many of the entries it shows.
pub struct Card {
    pub document: Document,
    pub shown: usize,
}

/// Lays out the card: as many of `entries` (in order, at most eight) as fit
/// one page of `options`.
///
/// Layouts are tried in order of preference until one shows at least five
/// stretches (or all, if fewer are given): the normal style with the full
/// safety text, then with its short form, then a denser style (smaller
/// headings and margins, body text still at its minimum size), and last,
/// for short wide pages, one stretch a row with its steps in a column of
/// their own. If none does, the dense grid or rows, whichever shows more,
/// show as many as fit.
pub fn card(entries: &[Exercise], safety: &Safety, photos: &Photos, options: &SheetOptions) -> Card {
    let title = options.title.as_deref().unwrap_or("Desk stretch break");
    let sheet = Sheet { title, safety, photos };
    let normal = Style::new(options);
    let dense = normal.dense();
    let wanted = entries.len().min(MAX_STRETCHES);
    let enough = wanted.min(5);
    let entries = &entries[..wanted];
    let tries = [
        (normal, Detail::Full, Arrangement::Grid),
        (normal, Detail::Brief, Arrangement::Grid),
        (dense, Detail::Full, Arrangement::Grid),
        (dense, Detail::Brief, Arrangement::Grid),
        (dense, Detail::Brief, Arrangement::Rows),
    ];
    let (page, shown) = tries
        .iter()
        .find_map(|&(style, detail, arrangement)| sheet.attempt(entries, enough, &style, detail, arrangement))
        .or_else(|| {
            [Arrangement::Grid, Arrangement::Rows]
                .into_iter()
                .filter_map(|arrangement| sheet.attempt(entries, 1, &dense, Detail::Brief, arrangement))
                // The last of equals wins: on a tie, the grid.
                .rev()
                .max_by_key(|(_, shown)| *shown)
        })
        .unwrap_or_else(|| (sheet.place(&[], &Block::default(), &dense, Detail::Brief), 0));
    Card {
        document: Document {
            title: title.to_string(),
            subject: "A one-page desk card of upper back stretches".into(),
            keywords: vec!["stretching".into(), "upper back".into(), "desk".into()],
            date: None,
            pages: vec![page],
        },
        shown,
    }
}

/// How the stretches sit on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrangement {
    /// A grid of cells, each a figure with its text beside it.
    Grid,
    /// One stretch a row: figure, then name, dose and summary, then the
    /// steps in a column of their own. Short rows for short wide pages.
    Rows,
}

/// What every layout attempt shares.
struct Sheet<'a> {
    title: &'a str,
    safety: &'a Safety,
    photos: &'a Photos,
}

impl Sheet<'_> {
    /// The most of `entries` (at least `least`) that fit one page laid out
    /// in `style` with `detail` safety text.
    fn attempt(
        &self,
        entries: &[Exercise],
        least: usize,
        style: &Style,
        detail: Detail,
        arrangement: Arrangement,
    ) -> Option<(Page, usize)> {
        let frame = frame(style);
        let panel = parts::safety_panel(style, frame.w, self.safety, detail);
        (least.max(1)..=entries.len()).rev().find_map(|n| {
            let shown = &entries[..n];
            let header = header(style, frame.w, self.title, shown);
            let room = frame.h - header.height - panel.height - 2.0 * gap(style) - footer_height(style);
            let grid = match arrangement {
                Arrangement::Grid => fit_grid(shown, style, self.photos, frame.w, room)?,
                Arrangement::Rows => fit_rows(shown, style, self.photos, frame.w, room)?,
            };
            Some((self.place(shown, &grid, style, detail), n))
        })
    }

    /// The page: header and grid from the top, safety panel and footer at
    /// the bottom.
    fn place(&self, shown: &[Exercise], grid: &Block, style: &Style, detail: Detail) -> Page {
        let frame = frame(style);
        let header = header(style, frame.w, self.title, shown);
        let panel = parts::safety_panel(style, frame.w, self.safety, detail);
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
    let length = minutes(seconds);
    if style.dense {
        format!("About {length}, once or twice a day.")
    } else {
        format!("About {length}, once or twice a day. Stop at a mild stretch, never pain.")
    }
}

fn footer_height(style: &Style) -> f32 {
    style.line(style.small) + 4.0
}

fn footer(style: &Style, frame: Rect) -> Vec<Item> {
    let size = style.small;
    let lead = style.line(size);
    let baseline = frame.bottom() - lead + (lead - size) / 2.0 + 0.8 * size;
    let note = parts::FOOTER;
    let note = text::fit(note, Face::Regular, size, frame.w);
    vec![text_run(&note, Face::Regular, size, style.muted, Point::new(frame.x, baseline))]
}

/// The grid for `entries` in `width`, if it fits in `room` points of
/// height: as few columns as allow it (wider lines read better), and the
/// largest figures that still fit.
fn fit_grid(entries: &[Exercise], style: &Style, photos: &Photos, width: f32, room: f32) -> Option<Block> {
    let gap = mm(5.0);
    for columns in 1..=3usize {
        let cell_w = (width - gap * (columns - 1) as f32) / columns as f32;
        for figure in figure_sides(cell_w, style) {
            let text_w = cell_w - figure - mm(3.0);
            if text_w < 15.0 * style.body {
                continue;
            }
            let rows: Vec<Block> = entries
                .chunks(columns)
                .map(|row| {
                    let cells = row.iter().map(|e| cell(e, style, photos, cell_w, figure)).collect();
                    side_by_side(cells, cell_w, gap)
                })
                .collect();
            let rows_h: f32 = rows.iter().map(|r| r.height).sum();
            let min_gap = mm(2.0);
            let count = rows.len() as f32;
            if rows_h + min_gap * (count - 1.0) <= room {
                // Spread spare height between the rows, up to a comfortable gap.
                let row_gap = ((room - rows_h) / (count - 1.0).max(1.0)).min(mm(7.0));
                return Some(stack(rows, row_gap, width, style));
            }
        }
    }
    None
}

/// One stretch a row in `width`, if the rows fit in `room` points of
/// height: the text split into two columns at the share that keeps the rows
/// shortest, and figures at least as tall as the text beside them (14–20
/// mm, 16–22 mm in large print), growing into whatever height is spare.
fn fit_rows(entries: &[Exercise], style: &Style, photos: &Photos, width: f32, room: f32) -> Option<Block> {
    let row_gap = mm(2.5);
    let gaps = row_gap * (entries.len().saturating_sub(1)) as f32;
    let layout = |share: f32, grow: f32| -> Vec<Block> {
        entries.iter().map(|e| row(e, style, photos, width, share, grow)).collect()
    };
    let (share, height) = [0.38, 0.42, 0.46, 0.5]
        .into_iter()
        .map(|share| (share, total_height(&layout(share, 0.0))))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let spare = room - gaps - height;
    if spare < 0.0 {
        return None;
    }
    let rows = layout(share, spare / entries.len().max(1) as f32);
    Some(stack(rows, row_gap, width, style))
}

fn total_height(blocks: &[Block]) -> f32 {
    blocks.iter().map(|b| b.height).sum()
}

/// One stretch across the page: figure; name, dose and summary in the
/// first `share` of the text width; the steps in the rest. The figure is
/// `grow` taller than the text, within its limits.
fn row(entry: &Exercise, style: &Style, photos: &Photos, width: f32, share: f32, grow: f32) -> Block {
    let (min, max) = if style.is_large_print() { (mm(16.0), mm(22.0)) } else { (mm(14.0), mm(20.0)) };
    let space = mm(3.0);
    let text_w = width - max - 2.0 * space;
    let about_w = text_w * share;
    let mut about = BlockBuilder::new(about_w);
    name_and_dose(&mut about, entry, style);
    let about = about.finish();
    let mut steps = BlockBuilder::new(text_w - about_w);
    parts::numbered(&mut steps, style, entry.stretch.card_steps(), style.body, false);
    let steps = steps.finish();
    let text_h = about.height.max(steps.height);
    let figure = (text_h + grow).clamp(min, max);
    // The figure sits centred in the widest figure column, so the text
    // columns line up from row to row.
    let figure_x = (max - figure) / 2.0;
    let mut b = BlockBuilder::new(width);
    for item in parts::figure(entry.stretch, Rect::new(figure_x, 0.0, figure, figure), style, photos) {
        b.item(item);
    }
    for item in about.items_at(max + space, 0.0).chain(steps.items_at(max + 2.0 * space + about_w, 0.0)) {
        b.item(item);
    }
    b.gap(text_h.max(figure));
    b.finish()
}

/// Figure sides to try, largest first: about a third of the cell, within
/// 16–30 mm (20–34 mm in large print).
fn figure_sides(cell_w: f32, style: &Style) -> impl Iterator<Item = f32> {
    let (min, max) = if style.is_large_print() { (mm(20.0), mm(34.0)) } else { (mm(16.0), mm(30.0)) };
    let best = (cell_w * 0.34).clamp(min, max);
    [best, (best + min) / 2.0, min].into_iter()
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

/// The stretch's name, summary and dose. The dense layout puts the dose
/// beside the name when both fit.
fn name_and_dose(text: &mut BlockBuilder, entry: &Exercise, style: &Style) {
    let name = style.heading;
    let dose = describe(&entry.dose);
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
        text.run_at(dose_x, &dose, Face::Bold, style.body, lead, style.accent);
        text.gap(lead - shift);
    } else {
        text.paragraph(&[Span::bold(&entry.stretch.name)], name, style.line(name), style.ink, 0.0, false);
    }
    text.paragraph(&[Span::regular(&entry.stretch.summary)], style.body, body, style.muted, 0.0, false);
    if !beside {
        text.paragraph(&[Span::bold(&dose)], style.body, body, style.accent, 0.0, false);
    }
}

/// One stretch: figure on the left; name, summary, dose and steps on the
/// right.
fn cell(entry: &Exercise, style: &Style, photos: &Photos, width: f32, figure: f32) -> Block {
    let text_x = figure + mm(3.0);
    let mut text = BlockBuilder::new(width - text_x);
    name_and_dose(&mut text, entry, style);
    text.gap(1.0);
    parts::numbered(&mut text, style, entry.stretch.card_steps(), style.body, false);
    let text = text.finish();

    let mut b = BlockBuilder::new(width);
    for item in parts::figure(entry.stretch, Rect::new(0.0, 0.0, figure, figure), style, photos) {
        b.item(item);
    }
    for item in text.items_at(text_x, 0.0) {
        b.item(item);
    }
    b.gap(text.height.max(figure));
    b.finish()
}
