//! Pieces every sheet shares: the title block, numbered steps, bullet
//! lists, headings, the safety panel and the figure box.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::{Safety, Stretch};
use crate::doc::Picture;
use crate::doc::geom::mm;
use crate::doc::picture::fitted_size;
use crate::doc::{Color, Face, Item, Stroke};
use crate::doc::{Point, Rect};
use crate::layout::flow::{Block, BlockBuilder, baseline_offset, text_run};
use crate::layout::style::Style;
use crate::layout::text::{self, Span};

/// The foot of every page of a sheet without a clinic's own footer.
pub const FOOTER: &str = "General guidance, not personal medical advice.";

/// The sheet title, an optional subtitle, and an accent rule.
pub fn title(style: &Style, width: f32, title: &str, subtitle: Option<&str>) -> Block {
    let mut b = BlockBuilder::new(width);
    let size = style.title;
    let lead = size * 1.2;
    // A dense sheet sets a short subtitle at the right end of the title's
    // line, when both fit.
    let title_w = text::width(title, Face::Bold, size);
    let sub_w = subtitle.map_or(0.0, |s| text::width(s, Face::Regular, style.body));
    if let (true, Some(sub)) = (style.dense && title_w + sub_w + 12.0 <= width, subtitle) {
        let baseline = b.y() + baseline_offset(size, lead);
        b.item(text_run(title, Face::Bold, size, style.accent, Point::new(0.0, baseline)));
        b.item(text_run(sub, Face::Regular, style.body, style.muted, Point::new(width - sub_w, baseline)));
        b.gap(lead);
    } else {
        b.paragraph(&[Span::bold(title)], size, lead, style.accent, 0.0, false);
        if let Some(sub) = subtitle {
            b.gap(2.0);
            let mut s = BlockBuilder::new(width.min(measure(style)));
            s.paragraph(&[Span::regular(sub)], style.body, style.line(style.body), style.muted, 0.0, false);
            b.stack(&s.finish());
        }
    }
    b.gap(4.0);
    b.rule(Stroke::solid(1.5, style.accent));
    b.finish()
}

/// A section heading in the accent colour, bold so it reads in grayscale.
pub fn heading(b: &mut BlockBuilder, style: &Style, text: &str) {
    let size = style.heading;
    b.paragraph(&[Span::bold(text)], size, style.line(size), style.accent, 0.0, false);
    b.gap(2.0);
}

/// A small bold label line ("Steps", "Stop if …").
pub fn label(b: &mut BlockBuilder, style: &Style, text: &str, size: f32) {
    b.paragraph(&[Span::bold(text)], size, style.line(size), style.ink, 0.0, false);
}

/// Numbered lines with a hanging indent ("1. Sit tall…").
pub fn numbered(b: &mut BlockBuilder, style: &Style, items: &[String], size: f32, splittable: bool) {
    let widest = text::width(&format!("{}.", items.len()), Face::Bold, size);
    let indent = widest + text::width("  ", Face::Regular, size);
    for (i, item) in items.iter().enumerate() {
        // Never break between a heading and the first item.
        if splittable && i > 0 {
            b.may_break();
        }
        let mark = format!("{}.", i + 1);
        b.run_at(0.0, &mark, Face::Bold, size, style.line(size), style.ink);
        b.paragraph(&[Span::regular(item)], size, style.line(size), style.ink, indent, splittable);
    }
}

/// Bulleted lines with a hanging indent.
pub fn bulleted(
    b: &mut BlockBuilder,
    style: &Style,
    items: &[String],
    size: f32,
    color: Color,
    splittable: bool,
) {
    let indent = text::width("•  ", Face::Regular, size);
    for (i, item) in items.iter().enumerate() {
        // Never break between a heading and the first item.
        if splittable && i > 0 {
            b.may_break();
        }
        b.run_at(0.0, "•", Face::Bold, size, style.line(size), color);
        b.paragraph(&[Span::regular(item)], size, style.line(size), color, indent, splittable);
    }
}

/// The widest a column of text is set: about 86 characters of body text
/// (an average character is about 0.44 em wide).
pub fn measure(style: &Style) -> f32 {
    86.0 * 0.44 * style.body
}

/// The heading of the list on getting down to the floor and back up.
pub const FLOOR_HEADING: &str = "Getting down to the floor and back up";

/// The full safety section's lists, each a heading and its lines, in
/// reading order; how to get down to the floor and up again only on a
/// sheet with `floor` work.
pub fn safety_sections<'a>(
    safety: &'a Safety,
    emergency: &'a str,
    floor: bool,
) -> Vec<(&'a str, &'a [String])> {
    let mut lists: Vec<(&str, &[String])> = vec![
        ("Before you start", &safety.before_you_start),
        ("Stretch safely", &safety.general),
        ("Stop now if…", &safety.stop),
        (emergency, &safety.emergency),
        ("Get an urgent appointment today if you have back pain with", &safety.urgent),
        ("See a doctor soon if you have", &safety.see_doctor),
    ];
    if floor && !safety.floor.is_empty() {
        lists.insert(2, (FLOOR_HEADING, &safety.floor));
    }
    lists
}

/// One safety list under its heading, never split: the bullets in two
/// balanced columns on a page at least [`TWO_COLUMNS`] wide, and set a
/// little tighter when that is what keeps the list on one page.
fn safety_list(style: &Style, width: f32, title: &str, lines: &[String]) -> Block {
    let list = safety_list_in(style, width, title, lines);
    if list.height <= page_room(style) {
        return list;
    }
    let tight = Style { leading: style.leading.min(1.15), ..*style };
    safety_list_in(&tight, width, title, lines)
}

/// The least height a page of any sheet in `style` leaves for content,
/// under a running header and above a two-line footer.
fn page_room(style: &Style) -> f32 {
    style.page.h - 2.0 * style.margin - 3.0 * style.line(style.small) - 14.0
}

fn safety_list_in(style: &Style, width: f32, title: &str, lines: &[String]) -> Block {
    let mut b = BlockBuilder::new(width);
    heading(&mut b, style, title);
    let gutter = mm(6.0);
    if width >= TWO_COLUMNS && lines.len() > 1 {
        let col_w = (width - gutter) / 2.0;
        let lines = lines.to_vec();
        let columns = balanced_columns(style, col_w, &[("", &lines)]);
        let y = b.y();
        let mut bottom = y;
        for (k, column) in columns.iter().enumerate() {
            b.items_from(column.items_at(k as f32 * (col_w + gutter), y));
            bottom = bottom.max(y + column.height);
        }
        b.gap(bottom - y);
    } else {
        bulleted(&mut b, style, lines, style.body, style.ink, false);
    }
    b.finish()
}

/// The full safety section: how to stretch safely, when to stop, when to
/// see a doctor and when to get emergency help. It may break between its
/// sections, never inside one (a list of warning signs stays whole, under
/// its heading), and the disclaimer stays with the last section.
pub fn safety_full(style: &Style, width: f32, safety: &Safety, floor: bool) -> Block {
    safety_after(style, width, safety, EMERGENCY_HEADING, 0, floor)
}

/// The emergency list's usual heading.
pub const EMERGENCY_HEADING: &str = "Call emergency services now if you have";

/// The list on getting down to the floor and back up, under its heading
/// (none when the safety text has no such list).
pub fn floor_list(style: &Style, width: f32, safety: &Safety) -> Option<Block> {
    (!safety.floor.is_empty()).then(|| safety_list(style, width, FLOOR_HEADING, &safety.floor))
}

/// The "Before you start" list alone, for the top of a sheet.
pub fn before_you_start(style: &Style, width: f32, safety: &Safety) -> Block {
    let (title, lines) = safety_sections(safety, EMERGENCY_HEADING, false)[0];
    safety_list(style, width, title, lines)
}

/// The full safety section, with `emergency` as the emergency list's
/// heading (a clinic's handout names the number to call), without its
/// first `skip` lists (those printed earlier on the sheet); the list on
/// getting down to the floor and up only with `floor` work; the
/// disclaimer last.
pub fn safety_after(
    style: &Style,
    width: f32,
    safety: &Safety,
    emergency: &str,
    skip: usize,
    floor: bool,
) -> Block {
    let mut b = BlockBuilder::new(width);
    push_lists(&mut b, style, safety, emergency, skip, floor);
    b.gap(6.0);
    b.stack(&disclaimer(style, width.min(measure(style)), safety));
    b.finish()
}

/// The lists of [`safety_after`] without the disclaimer, added to `b`
/// (at its width), a page break allowed between them: for a sheet that
/// closes them otherwise.
pub fn push_lists(
    b: &mut BlockBuilder,
    style: &Style,
    safety: &Safety,
    emergency: &str,
    skip: usize,
    floor: bool,
) {
    // Tight lines, tight gaps between the lists.
    let gap = if style.leading < 1.1 { 4.0 } else { 6.0 };
    let width = b.width();
    for (i, (title, lines)) in safety_sections(safety, emergency, floor).iter().enumerate().skip(skip) {
        if i > skip {
            b.gap(gap);
            b.may_break();
        }
        let list = safety_list(style, width, title, lines);
        b.stack(&list);
    }
}

/// The disclaimer, `width` wide.
pub fn disclaimer(style: &Style, width: f32, safety: &Safety) -> Block {
    let size = style.body;
    let mut d = BlockBuilder::new(width);
    d.paragraph(&[Span::regular(&safety.disclaimer)], size, style.line(size), style.ink, 0.0, false);
    d.finish()
}

/// Labelled lists ("Tips", "Take care") set in two columns `col_w` wide
/// and split where the columns come out most even: the lists read down
/// the first column and on into the second, and a label never ends a
/// column. An empty label prints none.
pub fn balanced_columns(style: &Style, col_w: f32, lists: &[(&str, &Vec<String>)]) -> [Block; 2] {
    let size = style.body;
    let indent = text::width("•  ", Face::Regular, size);
    // Each bullet as its own piece, the first of a list with its label
    // (and whether it has space above it), and each piece's list label.
    let mut pieces: Vec<(bool, Block)> = Vec::new();
    let mut labels: Vec<&str> = Vec::new();
    for (title, lines) in lists {
        for (i, line) in lines.iter().enumerate() {
            let mut c = BlockBuilder::new(col_w);
            let first = pieces.is_empty();
            if i == 0 && !title.is_empty() {
                if !first {
                    c.gap(mm(1.5));
                }
                label(&mut c, style, title, size);
            }
            c.run_at(0.0, "•", Face::Bold, size, style.line(size), style.ink);
            c.paragraph(&[Span::regular(line)], size, style.line(size), style.ink, indent, false);
            pieces.push((i == 0 && !first && !title.is_empty(), c.finish()));
            labels.push(if i == 0 { "" } else { title });
        }
    }
    let total: f32 = pieces.iter().map(|(_, p)| p.height).sum();
    let mut best = (f32::MAX, pieces.len());
    let mut above: f32 = 0.0;
    for (k, (_, piece)) in pieces.iter().enumerate() {
        // A list going on into the second column costs its label again
        // there, and a reader's ease: a split between lists wins a tie.
        let again = if labels[k].is_empty() { 0.0 } else { 1.5 * style.line(size) };
        let tallest = above.max(total - above + again);
        if k > 0 && tallest < best.0 {
            best = (tallest, k);
        }
        above += piece.height;
    }
    let mut columns = [BlockBuilder::new(col_w), BlockBuilder::new(col_w)];
    // A list that goes on into the second column says so at its top.
    if let Some(title) = labels.get(best.1).filter(|t| !t.is_empty()) {
        label(&mut columns[1], style, &format!("{title}, continued"), size);
    }
    for (k, (gap_above, piece)) in pieces.into_iter().enumerate() {
        let c = &mut columns[usize::from(k >= best.1)];
        // A list's label at the top of a column needs no space above it.
        let lift = if k == best.1 && gap_above { mm(1.5) } else { 0.0 };
        let y = c.y() - lift;
        c.items_from(piece.items_at(0.0, y));
        c.gap(piece.height - lift);
    }
    let [a, b] = columns;
    [a.finish(), b.finish()]
}

/// The least width at which the safety lists go two to a row.
pub const TWO_COLUMNS: f32 = 150.0 * 72.0 / 25.4;

/// How much safety text a one-page sheet prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every stop rule as a bullet, every warning sign run together.
    Full,
    /// The short forms: a sentence for stopping, one for getting help.
    Brief,
}

/// The safety panel of a one-page sheet, in a ruled, tinted box.
pub fn safety_panel(style: &Style, width: f32, safety: &Safety, detail: Detail) -> Block {
    let pad = if style.dense { 4.0 } else { 6.0 };
    let mut b = BlockBuilder::new(width - 2.0 * pad);
    let size = style.small;
    let lead = style.line(size);
    let line = |b: &mut BlockBuilder, label: &str, text: &str| {
        b.paragraph(&[Span::bold(label), Span::regular(text)], size, lead, style.ink, 0.0, false);
    };
    match detail {
        Detail::Full => {
            label(&mut b, style, "Stop if:", size);
            bulleted(&mut b, style, &safety.stop, size, style.ink, false);
            b.gap(3.0);
            line(&mut b, "Call emergency services now if: ", &join_signs(&safety.emergency));
            b.gap(3.0);
            line(&mut b, "Get an urgent appointment today if: ", &join_signs(&safety.urgent));
        }
        Detail::Brief => {
            line(&mut b, "Stop if: ", &join_signs(&safety.brief.stop));
            b.gap(2.0);
            line(&mut b, "Call emergency services for: ", &join_signs(&safety.brief.emergency));
            b.gap(2.0);
            line(&mut b, "", &safety.brief.urgent);
        }
    }
    boxed(b.finish(), width, pad, Some(style.tint), Some(Stroke::solid(1.0, style.accent)))
}

/// Signs run together in one sentence: "Chest pain; back pain with …; …."
fn join_signs(signs: &[String]) -> String {
    let parts: Vec<String> = signs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = s.trim().trim_end_matches('.');
            if i == 0 { s.to_string() } else { lower_first(s) }
        })
        .collect();
    format!("{}.", parts.join("; "))
}

/// Lower-cases the first letter unless the word is an acronym ("ECG").
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        _ => s.to_string(),
    }
}

/// Puts `inner` in a box with `pad` points of padding; kept together.
pub fn boxed(inner: Block, width: f32, pad: f32, fill: Option<Color>, stroke: Option<Stroke>) -> Block {
    let height = inner.height + 2.0 * pad;
    let mut items = vec![Item::Box { rect: Rect::new(0.0, 0.0, width, height), fill, stroke }];
    items.extend(inner.items.iter().map(|i| i.translated(pad, pad)));
    Block { items, height, ..Block::default() }
}

/// Photos of stretches whose figure is a photo, by stretch id, already
/// read and sized (reading files is not layout's job).
pub type Photos = BTreeMap<String, Arc<Picture>>;

/// The items of a stretch's figure drawn into `rect`: the stick figure, or
/// its photo fitted inside a thin frame.
pub fn figure(stretch: &Stretch, rect: Rect, style: &Style, photos: &Photos) -> Vec<Item> {
    if let Some(photo) = photos.get(&stretch.id) {
        let (w, h) = fitted_size(photo, rect.w, rect.h);
        let at = Rect::new(rect.x + (rect.w - w) / 2.0, rect.y + (rect.h - h) / 2.0, w, h);
        return vec![
            Item::Image { rect: at, picture: photo.clone() },
            Item::Box { rect: at, fill: None, stroke: Some(Stroke::solid(0.5, style.muted)) },
        ];
    }
    match &stretch.figure {
        Some(figure) => crate::figure::draw(figure, rect),
        None => Vec::new(),
    }
}

/// A bold-labelled line: "Dose: hold 20 s × 3".
pub fn labelled(b: &mut BlockBuilder, style: &Style, label: &str, value: &str, size: f32) {
    b.paragraph(
        &[Span::bold(label), Span::regular(" "), Span::regular(value)],
        size,
        style.line(size),
        style.ink,
        0.0,
        false,
    );
}

/// An empty tick box of side `side` at `at` (top-left).
pub fn tick_box(at: Point, side: f32, style: &Style) -> Item {
    Item::Box {
        rect: Rect::new(at.x, at.y, side, side),
        fill: Some(Color::WHITE),
        stroke: Some(Stroke::solid(0.9, style.ink)),
    }
}

/// One exercise: figure on the left; name, summary, dose lines (label,
/// text), steps, tips and cautions on the right.
pub fn exercise(
    number: usize,
    stretch: &Stretch,
    doses: &[(&str, String)],
    style: &Style,
    photos: &Photos,
    width: f32,
) -> Block {
    let side = (width * 0.26).clamp(mm(28.0), mm(45.0));
    let text_x = side + mm(5.0);
    let mut t = BlockBuilder::new(width - text_x);
    let size = style.body;
    let heading = style.heading;
    let name = format!("{number}. {}", stretch.name);
    t.paragraph(&[Span::bold(&name)], heading, style.line(heading), style.ink, 0.0, false);
    t.paragraph(&[Span::regular(&stretch.summary)], size, style.line(size), style.muted, 0.0, false);
    t.gap(2.0);
    for (label, dose) in doses {
        t.paragraph(
            &[Span::bold(label), Span::bold(" "), Span::bold(dose)],
            size,
            style.line(size),
            style.accent,
            0.0,
            false,
        );
    }
    t.gap(3.0);
    numbered(&mut t, style, &stretch.steps, size, true);
    if !stretch.cues.is_empty() {
        t.gap(3.0);
        t.may_break();
        label(&mut t, style, "Tips", size);
        bulleted(&mut t, style, &stretch.cues, size, style.ink, true);
    }
    if !stretch.cautions.is_empty() {
        t.gap(3.0);
        t.may_break();
        label(&mut t, style, "Take care", size);
        bulleted(&mut t, style, &stretch.cautions, size, style.ink, true);
    }
    let text = t.finish();

    let mut b = BlockBuilder::new(width);
    for item in figure(stretch, Rect::new(0.0, 0.0, side, side), style, photos) {
        b.item(item);
    }
    for item in text.items_at(text_x, 0.0) {
        b.item(item);
    }
    b.gap(text.height.max(side) + mm(2.0));
    b.rule(Stroke::solid(0.5, style.muted));
    // Kept on one page when it fits one; else it may break between lines
    // of text below the figure.
    let mut block = b.finish();
    block.breaks = text.breaks.into_iter().filter(|&y| y >= side).collect();
    block.keep = true;
    block
}

/// A condition in a patient's words: "a shoulder injury", "poor balance".
pub fn condition_words(condition: crate::content::Condition) -> &'static str {
    use crate::content::Condition;
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
