//! The plan's calendar of the weeks (a row per week, a column per day, a
//! dated tick box and routine letter on each session day, the week's
//! minutes) and its log (a table a week: a row per session with a tick
//! box, pain before and after, and room for notes).

use chrono::{Datelike, Days, NaiveDate};

use super::parts;
use crate::doc::geom::mm;
use crate::doc::{Face, Item, Point, Rect, Stroke};
use crate::layout::flow::{Block, BlockBuilder, Flow, baseline_offset, text_run};
use crate::layout::style::Style;
use crate::layout::text::{self, Span};
use crate::plan::Plan;

/// Places the calendar of the weeks: a row per week, a column per day, a
/// tick box and routine letter on each session day, and the week's
/// minutes. A long plan continues on the next page under a repeated header
/// row, never with one week alone; the section heading stays with the
/// first rows.
pub fn place_calendar(flow: &mut Flow, plan: &Plan, style: &Style) {
    let grid = CalendarGrid::new(plan, style, flow.width());
    let heading_h = style.line(style.heading) + 2.0;
    let mut rest = plan.weeks.as_slice();
    let mut first = true;
    while !rest.is_empty() {
        let above = if first { heading_h } else { 0.0 };
        let fit = ((flow.remaining() - above - grid.header_h) / grid.row_h).floor().max(0.0) as usize;
        if fit < rest.len().min(2) && !flow.at_page_top() {
            flow.new_page();
            continue;
        }
        let mut n = fit.clamp(1, rest.len());
        // Never one week alone on the calendar's last page.
        if rest.len() - n == 1 && n >= 3 {
            n -= 1;
        }
        flow.place(grid.block(plan, &rest[..n], first, style));
        rest = &rest[n..];
        first = false;
    }
    let mut b = BlockBuilder::new(flow.width().min(super::parts::measure(style)));
    b.gap(4.0);
    let key = "Each box is a session: the letter is its routine (pages follow). Tick the box when done. The last column is the whole week's minutes.";
    b.paragraph(&[Span::regular(key)], style.small, style.line(style.small), style.muted, 0.0, false);
    flow.place(b.finish());
}

/// The measures of the calendar grid.
struct CalendarGrid {
    width: f32,
    label_w: f32,
    minutes_label: &'static str,
    minutes_w: f32,
    day_w: f32,
    header_h: f32,
    row_h: f32,
}

impl CalendarGrid {
    fn new(plan: &Plan, style: &Style, width: f32) -> Self {
        let (size, small) = (style.body, style.small);
        let widest = plan
            .weeks
            .iter()
            .map(|w| text::width(&week_range(w.start, w.end), Face::Regular, small))
            .fold(0.0, f32::max);
        let label_w = text::width("Week 12", Face::Bold, size).max(widest) + 8.0;
        // "Minutes" when there is room for full day names, else "Min".
        let day_w = |minutes_w: f32| (width - label_w - minutes_w) / 7.0;
        let full = text::width("Minutes", Face::Bold, size) + 8.0;
        let wed = text::width("Wed", Face::Bold, size) + 4.0;
        let (minutes_label, minutes_w) = if day_w(full) >= wed {
            ("Minutes", full)
        } else {
            ("Min", text::width("Min", Face::Bold, size) + 8.0)
        };
        CalendarGrid {
            width,
            label_w,
            minutes_label,
            minutes_w,
            day_w: day_w(minutes_w),
            header_h: style.line(size) + 4.0,
            row_h: (2.0 * style.line(small) + 10.0).max(mm(13.0)),
        }
    }

    /// How many letters of the day names fit a column: 3, 2 or 1.
    fn day_letters(&self, size: f32) -> usize {
        let widest = |n: usize| {
            ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                .iter()
                .map(|d| text::width(&d[..n], Face::Bold, size))
                .fold(0.0, f32::max)
        };
        [3, 2, 1].into_iter().find(|&n| widest(n) + 4.0 <= self.day_w).unwrap_or(1)
    }

    /// The header row and the rows of `weeks`, with the section heading
    /// above when `heading`.
    fn block(&self, plan: &Plan, weeks: &[crate::plan::Week], heading: bool, style: &Style) -> Block {
        let (size, small, width) = (style.body, style.small, self.width);
        let mut b = BlockBuilder::new(width);
        if heading {
            parts::heading(&mut b, style, "Your weeks");
        }
        let top = b.y();
        let grid = Stroke::solid(0.6, style.muted);
        // Header row: weekday names from the plan's first day.
        let header_base = top + (self.header_h - size) / 2.0 + 0.8 * size;
        b.item(text_run("Week", Face::Bold, size, style.ink, Point::new(4.0, header_base)));
        let letters = self.day_letters(size);
        for d in 0..7u64 {
            let name = &crate::plan::day_name((plan.calendar.start + Days::new(d)).weekday())[..letters];
            let x = self.label_w
                + d as f32 * self.day_w
                + (self.day_w - text::width(name, Face::Bold, size)) / 2.0;
            b.item(text_run(name, Face::Bold, size, style.ink, Point::new(x, header_base)));
        }
        let minutes_x = width - self.minutes_w + 4.0;
        b.item(text_run(self.minutes_label, Face::Bold, size, style.ink, Point::new(minutes_x, header_base)));
        for (w, week) in weeks.iter().enumerate() {
            let y = top + self.header_h + w as f32 * self.row_h;
            let line1 = y + 4.0 + 0.8 * size;
            let label = format!("Week {}", week.number);
            b.item(text_run(&label, Face::Bold, size, style.ink, Point::new(4.0, line1)));
            let range = week_range(week.start, week.end);
            let below = Point::new(4.0, line1 + style.line(small));
            b.item(text_run(&range, Face::Regular, small, style.muted, below));
            for d in 0..7u64 {
                let x = self.label_w + d as f32 * self.day_w;
                day_cell(
                    plan,
                    week.start + Days::new(d),
                    Rect::new(x, y, self.day_w, self.row_h),
                    style,
                    &mut b,
                );
            }
            let minutes = format!("{:.0}", week.minutes());
            let mx =
                width - self.minutes_w + (self.minutes_w - text::width(&minutes, Face::Regular, size)) / 2.0;
            b.item(text_run(&minutes, Face::Regular, size, style.ink, Point::new(mx, line1)));
        }
        let bottom = top + self.header_h + weeks.len() as f32 * self.row_h;
        let rows = (0..=weeks.len()).map(|i| top + self.header_h + i as f32 * self.row_h);
        for y in std::iter::once(top).chain(rows) {
            b.item(Item::Line { from: Point::new(0.0, y), to: Point::new(width, y), stroke: grid });
        }
        let mut xs = vec![0.0, self.label_w, width - self.minutes_w, width];
        xs.extend((1..7).map(|d| self.label_w + d as f32 * self.day_w));
        for x in xs {
            b.item(Item::Line { from: Point::new(x, top), to: Point::new(x, bottom), stroke: grid });
        }
        b.gap(bottom - top);
        b.finish()
    }
}

/// "23–29 Nov", or "30 Nov–6 Dec" across months.
fn week_range(start: NaiveDate, end: NaiveDate) -> String {
    if start.month() == end.month() {
        format!("{}–{}", start.day(), end.format("%-d %b"))
    } else {
        format!("{}–{}", start.format("%-d %b"), end.format("%-d %b"))
    }
}

/// One day of the calendar: its date, and for a session a tinted cell with
/// a tick box and the routine letter.
fn day_cell(plan: &Plan, day: NaiveDate, cell: Rect, style: &Style, b: &mut BlockBuilder) {
    let small = style.small;
    let session = plan.sessions.iter().find(|s| s.date == day);
    if session.is_some() {
        b.item(Item::Box { rect: cell.inset(1.0), fill: Some(style.tint), stroke: None });
    }
    let date = day.format("%-d").to_string();
    let color = if session.is_some() { style.ink } else { style.muted };
    b.item(text_run(
        &date,
        Face::Regular,
        small,
        color,
        Point::new(cell.x + 3.0, cell.y + 3.0 + 0.8 * small),
    ));
    if let Some(session) = session {
        // A tick box and the routine letter, side by side, centred; the
        // letter shrinks toward body size in narrow cells, never below.
        let letter = &plan.routines[session.routine].label;
        let room = cell.w - 6.0;
        let side = (cell.h * 0.42).min(room * 0.45).min(mm(6.0));
        let gap = 3.0;
        let size = (style.heading.min((room - side - gap) / 0.75)).max(style.body);
        let letter_w = text::width(letter, Face::Bold, size);
        let bx = cell.x + (cell.w - side - gap - letter_w) / 2.0;
        let by = cell.bottom() - side - 4.0;
        b.item(parts::tick_box(Point::new(bx, by), side, style));
        let base = by + side / 2.0 + 0.35 * size;
        b.item(text_run(letter, Face::Bold, size, style.accent, Point::new(bx + side + gap, base)));
    }
}

/// A week of the log: a header row and a row per session with a tick box,
/// pain before and after, and room for notes.
pub fn log_week(plan: &Plan, week: u32, style: &Style, width: f32) -> Block {
    let mut b = BlockBuilder::new(width);
    let size = style.body;
    let lead = style.line(size);
    let pad = 4.0;
    parts::label(&mut b, style, &format!("Week {week}"), style.heading);
    let cell = |s: &crate::plan::Session| {
        format!("{} · {}", s.date.format("%a %-d %b"), plan.routines[s.routine].label)
    };
    let sessions: Vec<_> = plan.sessions.iter().filter(|s| s.week == week).collect();
    let cells: Vec<String> = sessions.iter().map(|s| cell(s)).collect();
    // Column widths from their content; notes take what is left.
    let fits = |text: &str, face: Face| text::width(text, face, size) + 2.0 * pad;
    // The same columns in every week's table.
    let session_w = plan
        .sessions
        .iter()
        .map(|s| fits(&cell(s), Face::Regular))
        .fold(fits("Session", Face::Bold), f32::max);
    let tick = mm(4.5);
    let done_w = fits("Done", Face::Bold).max(tick + 2.0 * pad);
    // Wide enough for the scale and the longest header word.
    let pain_w = fits("__ / 10", Face::Regular).max(fits("before", Face::Bold));
    let widths = [session_w, done_w, pain_w, pain_w, (width - session_w - done_w - 2.0 * pain_w).max(0.0)];
    let names = ["Session", "Done", "Pain before", "Pain after", "Notes"];
    let xs: Vec<f32> = widths.iter().scan(0.0, |x, w| Some(std::mem::replace(x, *x + w))).collect();

    // Header: each name wrapped to its column.
    let top = b.y();
    let headers: Vec<Vec<text::Line>> = names
        .iter()
        .zip(&widths)
        .map(|(n, w)| text::wrap_plain(n, Face::Bold, size, w - 2.0 * pad))
        .collect();
    let header_lines = headers.iter().map(Vec::len).max().unwrap_or(1) as f32;
    let header_h = header_lines * lead + pad;
    for (lines, &x) in headers.iter().zip(&xs) {
        for (k, line) in lines.iter().enumerate() {
            let origin = Point::new(x + pad, top + pad / 2.0 + k as f32 * lead + baseline_offset(size, lead));
            for run in line.place(origin, size, style.ink) {
                b.item(Item::Text(run));
            }
        }
    }
    let row_h = mm(9.0).max(lead + 8.0);
    for (i, cell) in cells.iter().enumerate() {
        let y = top + header_h + i as f32 * row_h;
        let base = y + (row_h - lead) / 2.0 + baseline_offset(size, lead);
        b.item(text_run(cell, Face::Regular, size, style.ink, Point::new(xs[0] + pad, base)));
        b.item(parts::tick_box(Point::new(xs[1] + pad, y + (row_h - tick) / 2.0), tick, style));
        for col in [2, 3] {
            b.item(text_run("__ / 10", Face::Regular, size, style.muted, Point::new(xs[col] + pad, base)));
        }
    }
    let bottom = top + header_h + sessions.len() as f32 * row_h;
    let grid = Stroke::solid(0.6, style.muted);
    for y in std::iter::once(top).chain((0..=sessions.len()).map(|i| top + header_h + i as f32 * row_h)) {
        b.item(Item::Line { from: Point::new(0.0, y), to: Point::new(width, y), stroke: grid });
    }
    for x in xs.iter().copied().chain([width]) {
        b.item(Item::Line { from: Point::new(x, top), to: Point::new(x, bottom), stroke: grid });
    }
    b.gap(bottom - top);
    b.finish()
}
