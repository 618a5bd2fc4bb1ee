//! The clinic handout: a letterhead (logo, clinic name and contact, a QR
//! code of the website), the patient's name, date and clinician, how often
//! to do the routine, what changed since the last handout, the clinician's
//! notes, each prescribed exercise with its figure, dose, steps, cautions
//! and a QR code of its video, then the safety rules and warning signs.
//! Long names and notes wrap and continue over as many pages as they need.

use chrono::NaiveDate;

use super::Exercise;
use super::parts::{self, Photos};
use crate::content::Clinic;
use crate::content::Safety;
use crate::content::clinic::{LOGO_BOX, web_address};
use crate::doc::geom::mm;
use crate::doc::picture::fitted_size;
use crate::doc::{Document, Face, Item, Stroke};
use crate::doc::{Point, Rect};
use crate::layout::flow::{Block, BlockBuilder, Flow};
use crate::layout::qr;
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text::{self, Span};
use crate::plan::{describe, minutes};

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
    let mut style = Style::new(options);
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
        flow.space(mm(5.0));
    }
    flow.place(parts::title(&style, width, title, None));
    flow.space(mm(3.0));
    flow.place(patient_block(h, &style, width));
    flow.space(mm(4.0));
    flow.place(frequency_block(h, &style, width));
    if let Some((label, changes)) = h.changes {
        flow.space(mm(3.0));
        flow.place(changes_block(label, changes, &style, width));
    }
    if let Some(notes) = h.notes.filter(|n| !n.trim().is_empty()) {
        flow.space(mm(5.0));
        flow.place(notes_block(notes, &style, width));
    }
    flow.space(mm(6.0));
    flow.place(section_heading(&style, width, "Your exercises").kept_with_next());
    for (i, exercise) in h.exercises.iter().enumerate() {
        flow.space(mm(3.0));
        flow.place(exercise_block(i + 1, exercise, &style, photos, width));
    }
    flow.space(mm(6.0));
    flow.place(parts::safety_full(&style, width, safety));

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
    // The text column, right-aligned against the code or the margin.
    let text_w = width - logo_w - code_w;
    let mut t = BlockBuilder::new(text_w);
    let name_size = style.heading + 2.0;
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
    for item in text.items_at(logo_w, 0.0) {
        b.item(item);
    }
    let mut code_h: f32 = 0.0;
    if let Some(code) = &code {
        for item in code.block.items_at(width - code.width, 0.0) {
            b.item(item);
        }
        code_h = code.block.height;
    }
    b.gap(text.height.max(logo_h).max(code_h) + mm(2.0));
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

/// Patient, date, clinician and follow-up, in a tinted box.
fn patient_block(h: &Handout, style: &Style, width: f32) -> Block {
    let pad = mm(3.0);
    let mut b = BlockBuilder::new(width - 2.0 * pad);
    let size = style.body;
    let lead = style.line(size);
    let field = |b: &mut BlockBuilder, label: &str, value: &str| {
        b.paragraph(&[Span::bold(label), Span::regular(value)], size, lead, style.ink, 0.0, true);
    };
    if let Some(patient) = h.patient {
        field(&mut b, "Prepared for: ", patient);
    }
    field(&mut b, "Date: ", &long_date(h.date));
    if let Some(clinician) = h.clinician {
        field(&mut b, "Clinician: ", clinician);
    }
    if let Some(next) = h.follow_up {
        field(&mut b, "Next appointment: ", &long_date(next));
    }
    let inner = b.finish();
    if inner.height > style.page.h / 2.0 {
        // A very long name: let it run over pages instead of boxing it.
        return inner;
    }
    parts::boxed(inner, width, pad, Some(style.tint), None)
}

/// How often to do the routine and how long it takes.
fn frequency_block(h: &Handout, style: &Style, width: f32) -> Block {
    let seconds: u32 = h.exercises.iter().map(|e| e.seconds).sum();
    let mut how_often = match (h.per_day, h.per_week) {
        (Some(d), Some(w)) => format!("{}, {}.", times_a_day(d), days_a_week(w)),
        (Some(d), None) => format!("{}.", times_a_day(d)),
        (None, Some(w)) => format!("Once a day, {}.", days_a_week(w)),
        (None, None) => "Once a day, or as your clinician advises.".to_string(),
    };
    how_often.push_str(&format!(" Each time takes about {}.", minutes(seconds)));
    let mut b = BlockBuilder::new(width);
    let size = style.body;
    b.paragraph(
        &[Span::bold("How often: "), Span::regular(&how_often)],
        size,
        style.line(size),
        style.ink,
        0.0,
        false,
    );
    b.finish()
}

fn times_a_day(n: u32) -> String {
    match n {
        1 => "Once a day".into(),
        2 => "Twice a day".into(),
        n => format!("{n} times a day"),
    }
}

fn days_a_week(n: u32) -> String {
    match n {
        7 => "every day".into(),
        1 => "1 day a week".into(),
        n => format!("{n} days a week"),
    }
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

/// The clinician's notes: paragraphs split at blank lines, each line of
/// which may start a new page.
fn notes_block(notes: &str, style: &Style, width: f32) -> Block {
    let mut b = BlockBuilder::new(width);
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

/// One prescribed exercise with its dose, and a QR code of its video
/// beside it when it has one.
fn exercise_block(number: usize, e: &Exercise, style: &Style, photos: &Photos, width: f32) -> Block {
    let dose = format!("{} (about {} s in all)", describe(&e.dose), e.seconds);
    let code = e.stretch.video.as_deref().and_then(|uri| qr::code(uri, style));
    let Some(code) = code else {
        return parts::exercise(number, e.stretch, &[("Dose:", dose)], style, photos, width);
    };
    let room = width - code.width - mm(4.0);
    let mut block = parts::exercise(number, e.stretch, &[("Dose:", dose)], style, photos, room);
    let rule = block.items.iter().rev().find_map(|i| match i {
        Item::Line { from, to, stroke } if (from.y - to.y).abs() < 0.01 && to.x >= room - 0.01 => {
            Some((from.y, *stroke))
        }
        _ => None,
    });
    // The code goes first, so a reader of the page's text meets its address
    // before the exercise rather than inside a step split across pages.
    let code_items: Vec<Item> = code.block.items_at(width - code.width, 0.0).collect();
    block.items.splice(0..0, code_items);
    if let Some((y, stroke)) = rule.filter(|_| code.block.height <= block.height) {
        // Carry the exercise's closing rule on under the code.
        block.items.push(Item::Line { from: Point::new(room, y), to: Point::new(width, y), stroke });
    }
    block.height = block.height.max(code.block.height);
    block
}
