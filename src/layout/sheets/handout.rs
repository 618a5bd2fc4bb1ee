//! The clinic handout: a letterhead (logo, clinic name and contact, a QR
//! code of the website), the patient's name, date and clinician, how often
//! to do the routine, what changed since the last handout, the clinician's
//! notes, each prescribed exercise with its figure, dose, steps, cautions
//! and a QR code of its video, then the safety rules and warning signs.
//! Long names and notes wrap and continue over as many pages as they need.

use chrono::NaiveDate;

use super::Exercise;
use super::dose::{self, DoseCells};
use super::exercise_box::{BoxedExercise, exercise_box};
use super::parts::{self, Photos};
use crate::content::Clinic;
use crate::content::Safety;
use crate::content::clinic::{LOGO_BOX, web_address};
use crate::doc::geom::mm;
use crate::doc::picture::fitted_size;
use crate::doc::{Document, Face, Item, Stroke};
use crate::doc::{Point, Rect};
use crate::layout::flow::{Block, BlockBuilder, Flow, baseline_offset, text_run};
use crate::layout::qr;
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text::{self, Span};

/// Notes taller than this share of a page go after the exercises.
const LONG_NOTES: f32 = 0.15;

/// Everything a handout shows besides the safety text.
#[derive(Debug, Clone)]
pub struct Handout<'a> {
    pub clinic: Option<&'a Clinic>,
    pub patient: Option<&'a str>,
    pub clinician: Option<&'a str>,
    pub date: NaiveDate,
    pub notes: Option<&'a str>,
    pub exercises: Vec<Exercise<'a>>,
    pub per_day: Option<u32>,
    pub per_week: Option<u32>,
    pub follow_up: Option<NaiveDate>,
    /// What changed since the last handout: a label and the changes.
    pub changes: Option<(&'a str, &'a str)>,
}

/// The date as a reader writes it: "21 November 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Lays out the handout.
pub fn handout(h: &Handout, safety: &Safety, photos: &Photos, options: &SheetOptions) -> Document {
    // Lines and margins a little tighter than the plan sheet's, so two or
    // three exercises fit a page.
    let mut style = Style { leading: 1.15, margin: mm(12.5), ..Style::new(options) };
    if let Some(accent) = h.clinic.and_then(|c| c.accent) {
        style = style.with_accent(accent);
    }
    let title = options.title.as_deref().unwrap_or("Your home exercise plan");
    let running = running_header(h, title);
    let footer = h.clinic.and_then(|c| c.footer.clone()).unwrap_or_else(|| parts::FOOTER.into());
    let mut flow = Flow::new(&style, running, footer);
    let width = flow.width();

    if let Some(clinic) = h.clinic {
        flow.place(letterhead(clinic, &style, width));
        flow.space(mm(3.0));
    }
    flow.place(parts::title(&style, width, title, None));
    flow.space(mm(2.0));
    // A short note (one paragraph of a line or two) is read with the
    // patient's details; longer ones get their own section.
    let short_note = h.notes.filter(|n| is_short_note(n, &style, width));
    flow.place(patient_block(h, short_note, &style, width));
    if let Some((label, changes)) = h.changes {
        flow.space(mm(3.0));
        flow.place(changes_block(label, changes, &style, width));
    }
    let notes = h
        .notes
        .filter(|n| !n.trim().is_empty() && short_note.is_none())
        .map(|n| notes_block(n, &style, width));
    // Short notes are read first; long ones would push the exercises
    // down, so they follow them.
    let long_notes = notes.as_ref().is_some_and(|n| n.height > flow.fresh_height() * LONG_NOTES);
    if let Some(notes) = notes.clone().filter(|_| !long_notes) {
        flow.space(mm(3.0));
        flow.place(notes);
    } else if long_notes {
        flow.space(mm(3.0));
        flow.place(pointer_line(&style, width, "Notes from your clinician follow the exercises."));
    }
    let moved_up = place_exercises(&mut flow, h, &style, photos, safety);
    // The lists a little tighter than the exercises' text, so four
    // exercises and every list fit three pages.
    let lists = Style { leading: style.leading.min(1.08), ..style };
    // How to get down to the floor and up again goes with the exercises
    // that need it.
    let floor = h.exercises.iter().any(|e| e.stretch.position().is_floor());
    if let Some(list) = parts::floor_list(&lists, width, safety).filter(|_| floor) {
        flow.space(mm(4.0));
        flow.place(list);
    }
    if let Some(notes) = notes.filter(|_| long_notes) {
        flow.space(mm(6.0));
        flow.place(notes);
    }
    flow.space(mm(if floor { 3.0 } else { 6.0 }));
    let skip = usize::from(moved_up);
    // The disclaimer and the contact lines stay with the last list.
    let mut close = BlockBuilder::new(width);
    parts::push_lists(&mut close, &lists, safety, &emergency_heading(h), skip, false);
    close.gap(mm(3.0));
    close.stack(&closing_block(h, safety, &lists, width));
    flow.place(close.finish());

    let subject = match h.patient {
        Some(name) => format!("Home exercise plan for {name}"),
        None => "Home exercise plan".into(),
    };
    Document {
        title: title.to_string(),
        subject,
        keywords: vec!["stretching".into(), "upper back".into(), "home exercise".into()],
        date: Some(h.date),
        pages: flow.finish(),
    }
}

fn running_header(h: &Handout, title: &str) -> String {
    let mut parts = vec![title.to_string()];
    if let Some(patient) = h.patient {
        parts.push(patient.to_string());
    }
    if let Some(clinic) = h.clinic {
        parts.push(clinic.name.clone());
    }
    parts.join(" · ")
}

/// Logo on the left; the clinic's name and contact lines on the right,
/// beside a QR code of the website (whose address is then printed under
/// the code rather than among the contact lines).
fn letterhead(clinic: &Clinic, style: &Style, width: f32) -> Block {
    let site = clinic.website.as_deref().map(|w| web_address(w.trim()));
    let code = site.as_deref().and_then(|uri| qr::code(uri, style));
    let code_w = code.as_ref().map_or(0.0, |c| c.width + mm(4.0));
    let mut b = BlockBuilder::new(width);
    let mut logo_w = 0.0;
    let mut logo_h: f32 = 0.0;
    if let Some(logo) = &clinic.logo {
        let (w, h) = fitted_size(logo, LOGO_BOX.0, LOGO_BOX.1);
        b.item(Item::Image { rect: Rect::new(0.0, 0.0, w, h), picture: logo.clone() });
        logo_w = w + mm(6.0);
        logo_h = h;
    }
    // The text column, right-aligned against the code or the margin;
    // under the logo when beside it a word of the name would not fit.
    let name_size = style.heading + 2.0;
    let widest_word =
        clinic.name.split_whitespace().map(|w| text::width(w, Face::Bold, name_size)).fold(0.0, f32::max);
    let under = logo_w > 0.0 && width - logo_w - code_w < widest_word.max(mm(45.0));
    let (text_x, text_top) = if under { (0.0, logo_h + mm(2.0)) } else { (logo_w, 0.0) };
    let text_w = width - text_x - code_w;
    let mut t = BlockBuilder::new(text_w);
    for line in text::wrap_plain(&clinic.name, Face::Bold, name_size, text_w) {
        right_aligned(&mut t, &line.text(), Face::Bold, name_size, style.accent, style);
    }
    let contacts = clinic.contacts().into_iter().filter(|(_, uri)| code.is_none() || *uri != site);
    for (contact, uri) in contacts {
        for line in text::wrap_plain(contact, Face::Regular, style.small, text_w) {
            let rect = right_aligned(&mut t, &line.text(), Face::Regular, style.small, style.ink, style);
            if let Some(uri) = &uri {
                // Clickable in a PDF viewer; nothing shows on paper.
                t.item(Item::Link { rect, uri: uri.clone() });
            }
        }
    }
    let text = t.finish();
    for item in text.items_at(text_x, text_top) {
        b.item(item);
    }
    let mut code_h: f32 = 0.0;
    if let Some(code) = &code {
        for item in code.block.items_at(width - code.width, 0.0) {
            b.item(item);
        }
        code_h = code.block.height;
    }
    b.gap((text_top + text.height).max(logo_h).max(code_h) + mm(2.0));
    b.rule(Stroke::solid(3.0, style.accent));
    b.finish()
}

/// A line set flush right; returns the area it covers.
fn right_aligned(
    b: &mut BlockBuilder,
    line: &str,
    face: Face,
    size: f32,
    color: crate::doc::Color,
    style: &Style,
) -> Rect {
    let w = text::width(line, face, size);
    let x = (b.width - w).max(0.0);
    let lead = style.line(size);
    let rect = Rect::new(x, b.y(), w, lead);
    b.run_at(x, line, face, size, lead, color);
    b.gap(lead);
    rect
}

/// Patient, date, clinician and follow-up (two to a line on a wide
/// page), and how often, in a tinted box.
fn patient_block(h: &Handout, note: Option<&str>, style: &Style, width: f32) -> Block {
    let pad = mm(3.0);
    let inner = width - 2.0 * pad;
    let size = style.body;
    let lead = style.line(size);
    let date = long_date(h.date);
    let next = h.follow_up.map(long_date);
    let fields: Vec<(&str, &str)> = [
        h.patient.map(|p| ("Prepared for: ", p)),
        Some(("Date: ", date.as_str())),
        h.clinician.map(|c| ("Clinician: ", c)),
        next.as_deref().map(|n| ("Next appointment: ", n)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let two = inner >= mm(140.0);
    let col_w = if two { (inner - mm(6.0)) / 2.0 } else { inner };
    let mut b = BlockBuilder::new(inner);
    for row in fields.chunks(if two { 2 } else { 1 }) {
        let top = b.y();
        let mut bottom = top;
        for (k, (label, value)) in row.iter().enumerate() {
            let mut c = BlockBuilder::new(col_w);
            c.paragraph(&[Span::bold(label), Span::regular(value)], size, lead, style.ink, 0.0, true);
            let cell = c.finish();
            b.items_from(cell.items_at(k as f32 * (col_w + mm(6.0)), top));
            if row.len() == 1 {
                for y in &cell.breaks {
                    b.gap(top + y - b.y());
                    b.may_break();
                }
            }
            bottom = bottom.max(top + cell.height);
        }
        b.gap(bottom - b.y());
        b.may_break();
    }
    b.gap(mm(1.0));
    frequency(&mut b, h, style);
    if let Some(note) = note {
        let text = paragraphs(note).join(" ");
        b.paragraph(&[Span::bold(NOTE_LABEL), Span::regular(&text)], size, lead, style.ink, 0.0, true);
    }
    let inner = b.finish();
    if inner.height > style.page.h / 2.0 {
        // A very long name: let it run over pages instead of boxing it.
        return inner;
    }
    parts::boxed(inner, width, pad, Some(style.tint), None)
}

/// The emergency list's heading: the clinic's emergency number when its
/// file gives one, else the reader's local one.
fn emergency_heading(h: &Handout) -> String {
    match h.clinic.and_then(|c| c.emergency_number.as_deref()).map(str::trim).filter(|n| !n.is_empty()) {
        Some(number) => format!("Call {number} for emergency services now if you have"),
        None => "Call your local emergency number now if you have".into(),
    }
}

/// How often to do the routine, as every dose panel says it.
fn how_often_words(h: &Handout) -> String {
    dose::how_often(h.per_day, h.per_week, "Once a day")
}

/// How often to do the routine and how long it takes.
fn frequency(b: &mut BlockBuilder, h: &Handout, style: &Style) {
    let seconds: u32 = h.exercises.iter().map(|e| e.seconds).sum();
    let routine = dose::how_often(h.per_day, h.per_week, "Once a day, or as your clinician advises");
    let how_often = format!("{routine}. Each time takes {}.", crate::words::about(seconds));
    let size = style.body;
    let spans = [Span::bold("How often: "), Span::regular(&how_often)];
    b.paragraph(&spans, size, style.line(size), style.ink, 0.0, false);
}

/// What changed since the last handout, in one paragraph.
fn changes_block(label: &str, changes: &str, style: &Style, width: f32) -> Block {
    let mut b = BlockBuilder::new(width);
    let size = style.body;
    let (label, changes) = (format!("{label}: "), format!("{changes}."));
    let spans = [Span::bold(&label), Span::regular(&changes)];
    b.paragraph(&spans, size, style.line(size), style.ink, 0.0, true);
    b.finish()
}

/// The label a short note from the clinician goes under.
const NOTE_LABEL: &str = "Notes from your clinician: ";

/// Whether the clinician's notes are one paragraph that takes at most two
/// lines after their label in the patient's box.
fn is_short_note(notes: &str, style: &Style, width: f32) -> bool {
    let paragraphs = paragraphs(notes);
    let [only] = paragraphs.as_slice() else { return false };
    let spans = [Span::bold(NOTE_LABEL), Span::regular(only)];
    crate::layout::text::wrap(&spans, style.body, width - mm(6.0)).len() <= 2
}

/// The clinician's notes: paragraphs split at blank lines, each line of
/// which may start a new page.
fn notes_block(notes: &str, style: &Style, width: f32) -> Block {
    // Lines no longer than about 86 characters, even on wide pages.
    let mut b = BlockBuilder::new(width.min(parts::measure(style)));
    parts::heading(&mut b, style, "Notes from your clinician");
    let size = style.body;
    for (i, paragraph) in paragraphs(notes).iter().enumerate() {
        if i > 0 {
            b.gap(size * 0.6);
            b.may_break();
        }
        b.paragraph(&[Span::regular(paragraph)], size, style.line(size), style.ink, 0.0, true);
    }
    b.finish()
}

/// Text split into paragraphs at blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    let normalised = text.replace("\r\n", "\n");
    normalised
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn section_heading(style: &Style, width: f32, text: &str) -> Block {
    let mut b = BlockBuilder::new(width);
    parts::heading(&mut b, style, text);
    b.rule(Stroke::solid(0.75, style.accent));
    b.finish()
}

/// The exercises under their heading, each in its box: one to a row, or
/// two side by side on a page wide enough for two boxes with their
/// figures beside the steps. The heading travels with the first row, so
/// it never ends a page.
/// Whether the "Before you start" list went first, on a first page the
/// exercises could not share.
fn place_exercises(flow: &mut Flow, h: &Handout, style: &Style, photos: &Photos, safety: &Safety) -> bool {
    let width = flow.width();
    let page_h = flow.fresh_height();
    let heading = section_heading(style, width, "Your exercises");
    let lead = heading.height + mm(3.0);
    let how_often = how_often_words(h);
    // Each exercise's boxes: one, or more for steps too long for a page.
    let boxes = |w: f32| -> Vec<Vec<Block>> {
        h.exercises
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let cells = DoseCells::prescribed(&e.dose, how_often.clone());
                let boxed =
                    BoxedExercise { number: i + 1, stretch: e.stretch, cells: &cells, seconds: e.seconds };
                // The first box shares its page with the heading.
                let room = if i == 0 { page_h - lead } else { page_h };
                exercise_box(&boxed, style, photos, w, room, page_h)
            })
            .collect()
    };
    let gutter = mm(5.0);
    let pair_w = (width - gutter) / 2.0;
    // Two to a row only when each box fits a page whole; a row then
    // stays together.
    let paired = Some(pair_w).filter(|&w| w >= mm(120.0)).map(boxes).and_then(|pairs| {
        let whole = pairs.iter().all(|b| b.len() == 1 && b[0].height <= page_h - lead);
        whole.then(|| pairs.into_iter().flatten().collect::<Vec<_>>())
    });
    let rows: Vec<Block> = match paired {
        Some(pairs) => pairs.chunks(2).map(|row| side_by_side(row, pair_w + gutter)).collect(),
        None => boxes(width).into_iter().flatten().collect(),
    };
    flow.space(mm(3.5));
    // A first row that cannot share the first page would leave it half
    // empty: what to know before starting fills it instead.
    let first = rows.first().map_or(0.0, |r| lead + r.height);
    let before = parts::before_you_start(style, width, safety);
    let moved_up = first > flow.remaining()
        && first <= page_h
        && flow.filled() < 0.6
        && before.height <= flow.remaining();
    if moved_up {
        flow.place(before);
        flow.space(mm(6.0));
    }
    place_rows(flow, rows, &heading, lead);
    moved_up
}

/// The exercise rows, the first under the heading.
fn place_rows(flow: &mut Flow, rows: Vec<Block>, heading: &Block, lead: f32) {
    for (i, row) in rows.into_iter().enumerate() {
        if i == 0 {
            flow.place(under_heading(heading, lead, row));
        } else {
            flow.space(mm(2.5));
            flow.place(row);
        }
    }
}

/// `block` under `heading`, `lead` below the heading's top: one block,
/// kept together (or broken only where `block` may be).
fn under_heading(heading: &Block, lead: f32, block: Block) -> Block {
    let mut items: Vec<Item> = heading.items.clone();
    items.extend(block.items_at(0.0, lead));
    let breaks = block.breaks.iter().map(|y| y + lead).collect();
    Block { items, height: lead + block.height, breaks, keep: block.keep, with_next: false }
}

/// Boxes in a row, `step` apart, kept together.
fn side_by_side(row: &[Block], step: f32) -> Block {
    let mut items = Vec::new();
    for (k, block) in row.iter().enumerate() {
        items.extend(block.items_at(k as f32 * step, 0.0));
    }
    let height = row.iter().map(|b| b.height).fold(0.0, f32::max);
    Block { items, height, keep: true, breaks: Vec::new(), with_next: false }
}

/// One plain line in the body's ink.
fn pointer_line(style: &Style, width: f32, line: &str) -> Block {
    let mut b = BlockBuilder::new(width);
    b.paragraph(&[Span::regular(line)], style.body, style.line(style.body), style.ink, 0.0, false);
    b.finish()
}

/// The handout's close: the disclaimer, then under a rule the clinician
/// and the clinic's phone; on a page wide enough, the two fields stacked
/// beside the disclaimer (set at the measure).
fn closing_block(h: &Handout, safety: &Safety, style: &Style, width: f32) -> Block {
    let text_w = width.min(parts::measure(style));
    let gutter = mm(6.0);
    let beside = width - text_w - gutter;
    let disclaimer = parts::disclaimer(style, text_w, safety);
    let mut b = BlockBuilder::new(width);
    if beside >= mm(42.0) {
        let contact = contact_block(h, style, beside);
        b.rule(Stroke::solid(0.75, style.accent));
        b.gap(mm(2.0));
        b.items_from(disclaimer.items_at(0.0, b.y()));
        b.items_from(contact.items_at(text_w + gutter, b.y()));
        b.gap(disclaimer.height.max(contact.height));
    } else {
        b.stack(&disclaimer);
        b.gap(mm(3.0));
        b.rule(Stroke::solid(0.75, style.accent));
        b.gap(mm(2.0));
        b.stack(&contact_block(h, style, width));
    }
    b.finish().kept()
}

/// The closing line: who the clinician is and the clinic's phone, with a
/// line to write on for whichever the handout does not know.
fn contact_block(h: &Handout, style: &Style, width: f32) -> Block {
    let size = style.body;
    let lead = style.line(size) * 1.6;
    let mut b = BlockBuilder::new(width);
    let phone = h.clinic.and_then(|c| c.phone.as_deref());
    let fields = [("Your clinician: ", h.clinician), ("Clinic phone: ", phone)];
    let half = width / 2.0;
    let wide = width >= mm(140.0);
    for (k, (label, value)) in fields.into_iter().enumerate() {
        let x = if wide { k as f32 * half } else { 0.0 };
        let room = if wide { half - mm(4.0) } else { width };
        let label_w = text::width(label, Face::Bold, size);
        let baseline = b.y() + baseline_offset(size, lead);
        b.item(text_run(label, Face::Bold, size, style.ink, Point::new(x, baseline)));
        match value {
            // In a narrow column, a name too long to follow its label goes
            // on the line below, whole where it fits there.
            Some(value) if !wide && text::width(value, Face::Regular, size) > room - label_w => {
                b.gap(lead);
                let below = b.y() + baseline_offset(size, lead);
                let value = text::fit(value, Face::Regular, size, room);
                b.item(text_run(&value, Face::Regular, size, style.ink, Point::new(x, below)));
            }
            Some(value) => {
                let value = text::fit(value, Face::Regular, size, room - label_w);
                b.item(text_run(&value, Face::Regular, size, style.ink, Point::new(x + label_w, baseline)));
            }
            None => {
                let y = baseline + 2.0;
                let line = Stroke::solid(0.75, style.ink);
                b.item(Item::Line {
                    from: Point::new(x + label_w, y),
                    to: Point::new(x + room, y),
                    stroke: line,
                });
            }
        }
        if !wide || k == 1 {
            b.gap(lead);
        }
    }
    b.finish().kept()
}
