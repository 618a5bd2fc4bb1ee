//! The weekly plan sheet: an overview (goals, minutes, dates and a calendar
//! of the weeks with a dated tick box and routine letter for each session),
//! a page per routine, exercise pages with the dose week by week, a log to
//! tick sessions and rate pain before and after, and the safety rules and
//! warning signs.

use chrono::{Datelike, Days, NaiveDate};

use super::parts::{self, Detail, Photos};
use crate::content::Library;
use crate::doc::geom::mm;
use crate::doc::{Document, Face, Item, Stroke};
use crate::doc::{Point, Rect};
use crate::layout::flow::{Block, BlockBuilder, Flow, baseline_offset, text_run};
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text::{self, Span};
use crate::plan::{Plan, Prescription, RoutineStretch, describe};
use crate::words::{and_list, duration};

/// Lays out the plan.
pub fn plan(plan: &Plan, library: &Library, photos: &Photos, options: &SheetOptions) -> Document {
    let style = Style::new(options);
    let title = options.title.as_deref().unwrap_or("Your stretching plan");
    let mut flow = Flow::new(&style, title, parts::FOOTER);
    let width = flow.width();

    flow.place(parts::title(&style, width, title, Some(&summary(plan, library))));
    flow.space(mm(4.0));
    flow.place(goals_block(plan, library, &style, width));
    flow.space(mm(5.0));
    place_calendar(&mut flow, plan, &style);
    flow.space(mm(5.0));
    flow.place(how_to_block(plan, &style, width));
    flow.space(mm(4.0));
    flow.place(parts::safety_panel(&style, width, library.safety(), Detail::Brief));

    let rows = RoutineRows { plan, library, photos, style: &style, width };
    for r in 0..plan.routines.len() {
        flow.new_section(mm(8.0));
        flow.place(routine_heading(plan, r, &style, width).kept_with_next());
        for (n, rs) in plan.routine_stretches(r).iter().enumerate() {
            flow.space(mm(2.0));
            flow.place(rows.row(r, n + 1, rs));
        }
    }

    flow.new_section(mm(8.0));
    flow.place(section(&style, width, "How to do each stretch", None).kept_with_next());
    for (n, id) in plan.stretch_ids().iter().enumerate() {
        let Some(stretch) = library.stretch(id) else {
            continue;
        };
        flow.space(mm(3.0));
        let doses = doses_by_week(plan, id);
        let labelled: Vec<(&str, String)> = doses.iter().map(|(l, d)| (l.as_str(), d.clone())).collect();
        flow.place(parts::exercise(n + 1, stretch, &labelled, &style, photos, width));
    }

    flow.new_section(mm(8.0));
    flow.place(section(
        &style,
        width,
        "Your log",
        Some("Tick each session when you have done it. Rate your pain from 0 (none) to 10 (the worst you can imagine) before and after. Take this log to your next appointment."),
    ).kept_with_next());
    for week in &plan.weeks {
        flow.space(mm(3.0));
        flow.place(log_week(plan, week.number, &style, width));
    }

    flow.new_section(mm(8.0));
    flow.place(parts::safety_full(&style, width, library.safety()));

    Document {
        title: title.to_string(),
        subject: format!("Stretching plan: {}", summary(plan, library)),
        keywords: vec!["stretching".into(), "upper back".into(), "weekly plan".into()],
        date: Some(plan.calendar.start),
        pages: flow.finish(),
    }
}

/// "Better posture · 10 minutes a session · Mon, Wed and Fri · 23 Nov – 20
/// Dec 2026 (4 weeks)".
fn summary(plan: &Plan, library: &Library) -> String {
    let goals = goal_names(plan, library);
    let days: Vec<&str> = plan.calendar.days.iter().map(|d| crate::plan::day_name(*d)).collect();
    let weeks = plan.calendar.weeks;
    format!(
        "{goals} · {} minutes a session · {} · {} – {} ({weeks} week{})",
        plan.request.minutes,
        and_list(&days),
        plan.calendar.start.format("%-d %b %Y"),
        plan.end().format("%-d %b %Y"),
        if weeks == 1 { "" } else { "s" }
    )
}

fn goal_names(plan: &Plan, library: &Library) -> String {
    if plan.goals.is_empty() {
        return "All goals".into();
    }
    let names: Vec<&str> =
        plan.goals.iter().map(|g| library.goal(g).map_or(g.as_str(), |goal| goal.name.as_str())).collect();
    names.join(" and ")
}

fn goals_block(plan: &Plan, library: &Library, style: &Style, width: f32) -> Block {
    let mut b = BlockBuilder::new(width);
    let size = style.body;
    let goals: Vec<&crate::content::Goal> = if plan.goals.is_empty() {
        library.goals().iter().collect()
    } else {
        plan.goals.iter().filter_map(|g| library.goal(g)).collect()
    };
    for goal in goals {
        let label = format!("{}: ", goal.name);
        b.paragraph(
            &[Span::bold(&label), Span::regular(&goal.about)],
            size,
            style.line(size),
            style.ink,
            0.0,
            false,
        );
        b.gap(2.0);
    }
    b.finish()
}

/// Places the calendar of the weeks: a row per week, a column per day, a
/// tick box and routine letter on each session day, and the week's
/// minutes. A long plan continues on the next page under a repeated header
/// row; the section heading stays with the first rows.
fn place_calendar(flow: &mut Flow, plan: &Plan, style: &Style) {
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
        let n = fit.clamp(1, rest.len());
        flow.place(grid.block(plan, &rest[..n], first, style));
        rest = &rest[n..];
        first = false;
    }
    let mut b = BlockBuilder::new(flow.width());
    b.gap(4.0);
    let key = "Each box is a session: the letter is its routine (pages follow). Tick the box when done.";
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

/// "Hold 20 s" → "hold 20 s" (for the middle of a sentence).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
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

fn how_to_block(plan: &Plan, style: &Style, width: f32) -> Block {
    let mut b = BlockBuilder::new(width);
    parts::heading(&mut b, style, "How to use this plan");
    let routines: Vec<&str> = plan.routines.iter().map(|r| r.label.as_str()).collect();
    let rotate = if routines.len() > 1 {
        format!(
            "Routines {} share a core of stretches and swap the others, for variety.",
            and_list(&routines)
        )
    } else {
        "Every session uses the same routine.".to_string()
    };
    let items = vec![
        "Warm up for a few minutes first: march on the spot or swing your arms gently.".to_string(),
        format!("On each day with a box, do the routine whose letter is in it. {rotate}"),
        "Follow the dose for the current week: holds lengthen and moves repeat more as the weeks go on."
            .to_string(),
        "Stretch to a mild pull, never pain, and breathe slowly throughout.".to_string(),
        "Tick the box and fill in the log at the back after each session.".to_string(),
    ];
    parts::bulleted(&mut b, style, &items, style.body, style.ink, false);
    b.finish()
}

fn routine_heading(plan: &Plan, r: usize, style: &Style, width: f32) -> Block {
    let routine = &plan.routines[r];
    let dates: Vec<String> = plan
        .sessions
        .iter()
        .filter(|s| s.routine == r)
        .map(|s| s.date.format("%a %-d %b").to_string())
        .collect();
    let mut about = format!("About {} in week 1. Do it on: {}.", duration(routine.total_s), dates.join(", "));
    if let Some(note) = routine.rounds_note() {
        about.push(' ');
        about.push_str(&note);
    }
    let mut b = BlockBuilder::new(width);
    let size = style.title;
    b.paragraph(
        &[Span::bold(&format!("Routine {}", routine.label))],
        size,
        size * 1.2,
        style.accent,
        0.0,
        false,
    );
    b.paragraph(&[Span::regular(&about)], style.body, style.line(style.body), style.muted, 0.0, false);
    b.gap(4.0);
    b.rule(Stroke::solid(1.5, style.accent));
    b.finish()
}

/// What the rows of a routine page share.
struct RoutineRows<'a> {
    plan: &'a Plan,
    library: &'a Library,
    photos: &'a Photos,
    style: &'a Style,
    width: f32,
}

impl RoutineRows<'_> {
    /// One stretch of routine `r`: a small figure, its name, where it is
    /// done, and its dose from the first week to the last.
    fn row(&self, r: usize, number: usize, rs: &RoutineStretch) -> Block {
        let RoutineRows { plan, library, photos, style, width } = *self;
        let (item, weeks) = (rs.item, rs.weeks.as_slice());
        let side = mm(20.0);
        let text_x = side + mm(4.0);
        let mut t = BlockBuilder::new(width - text_x);
        let size = style.body;
        let name = format!("{number}. {}", item.name);
        t.paragraph(&[Span::bold(&name)], style.heading, style.line(style.heading), style.ink, 0.0, false);
        if item.change_s > 0 {
            let note = format!("Change position first: {}.", level_words(plan, r, item));
            t.paragraph(&[Span::regular(&note)], size, style.line(size), style.muted, 0.0, false);
        }
        let first = weeks.first().copied().unwrap_or(1);
        let last = weeks.last().copied().unwrap_or(first);
        let dose = |week: u32| plan.dose(r, &item.id, week).map(|p| describe(&p)).unwrap_or_default();
        let mut line = format!("Week {first}: {}", dose(first));
        if last != first && dose(last) != dose(first) {
            line.push_str(&format!(", rising to {} by week {last}", lower_first(&dose(last))));
        }
        t.paragraph(&[Span::bold(&line)], size, style.line(size), style.accent, 0.0, false);
        let mut where_ = format!("{} · about {}", item.position, duration(item.seconds));
        if weeks.len() < plan.weeks.len() {
            let list: Vec<String> = weeks.iter().map(|w| w.to_string()).collect();
            where_.push_str(&format!(" · in week {} only", list.join(", ")));
        }
        t.paragraph(&[Span::regular(&where_)], size, style.line(size), style.muted, 0.0, false);
        let text = t.finish();

        let mut b = BlockBuilder::new(width);
        if let Some(stretch) = library.stretch(&item.id) {
            for i in parts::figure(stretch, Rect::new(0.0, 0.0, side, side), style, photos) {
                b.item(i);
            }
        }
        for i in text.items_at(text_x, 0.0) {
            b.item(i);
        }
        b.gap(text.height.max(side) + mm(1.0));
        b.rule(Stroke::solid(0.5, style.muted));
        b.finish()
    }
}

/// "sit down", "get down onto the floor", … before `item` in routine `r`.
fn level_words(plan: &Plan, r: usize, item: &crate::plan::Item) -> &'static str {
    let items = &plan.routines[r].items;
    let before =
        items.iter().position(|i| i.id == item.id).and_then(|i| i.checked_sub(1)).map(|i| items[i].position);
    match before {
        Some(from) => crate::plan::level_change_words(from, item.position),
        None => "get into position",
    }
}

/// The dose of stretch `id` through the plan: a line per run of weeks
/// with the same dose ("Weeks 1–2: 10 times"), or per routine when the
/// routines of a week differ.
fn doses_by_week(plan: &Plan, id: &str) -> Vec<(String, String)> {
    let mut runs: Vec<(u32, u32, String)> = Vec::new();
    for week in 1..=plan.calendar.weeks {
        let doses: Vec<(String, Prescription)> = plan
            .routines
            .iter()
            .enumerate()
            .filter_map(|(r, routine)| Some((routine.label.clone(), plan.dose(r, id, week)?)))
            .collect();
        let Some((_, first)) = doses.first() else { continue };
        let text = if doses.iter().all(|(_, d)| d == first) {
            describe(first)
        } else {
            let each: Vec<String> = doses.iter().map(|(l, d)| format!("{} in {l}", describe(d))).collect();
            each.join("; ")
        };
        match runs.last_mut() {
            Some((_, end, last)) if *last == text && *end + 1 == week => *end = week,
            _ => runs.push((week, week, text)),
        }
    }
    runs.into_iter()
        .map(|(from, to, text)| {
            let label = if from == to { format!("Week {from}:") } else { format!("Weeks {from}–{to}:") };
            (label, text)
        })
        .collect()
}

fn section(style: &Style, width: f32, title: &str, intro: Option<&str>) -> Block {
    let mut b = BlockBuilder::new(width);
    let size = style.title;
    b.paragraph(&[Span::bold(title)], size, size * 1.2, style.accent, 0.0, false);
    if let Some(intro) = intro {
        b.paragraph(&[Span::regular(intro)], style.body, style.line(style.body), style.muted, 0.0, false);
    }
    b.gap(4.0);
    b.rule(Stroke::solid(1.5, style.accent));
    b.finish()
}

/// A week of the log: a header row and a row per session with a tick box,
/// pain before and after, and room for notes.
fn log_week(plan: &Plan, week: u32, style: &Style, width: f32) -> Block {
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
