//! The weekly plan sheet: an overview (goals, minutes, dates and a calendar
//! of the weeks with a dated tick box and routine letter for each session),
//! a page per routine, exercise pages with the dose week by week, a log to
//! tick sessions and rate pain before and after, and the safety rules and
//! warning signs.

use chrono::{Datelike, Days, NaiveDate};

use super::parts::{self, Detail, Photos};
use crate::content::Library;
use crate::layout::flow::{Block, BlockBuilder, Flow, text_run};
use crate::layout::geom::mm;
use crate::layout::page::{Document, Face, Item, Stroke};
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text::{self, Span};
use crate::layout::{Point, Rect};
use crate::plan::{Plan, Prescription, RoutineStretch, describe, duration};

const FOOTER: &str = "General guidance, not personal medical advice. Made with stretchsheet.";

/// Lays out the plan.
pub fn plan(plan: &Plan, library: &Library, photos: &Photos, options: &SheetOptions) -> Document {
    let style = Style::new(options);
    let title = options.title.as_deref().unwrap_or("Your stretching plan");
    let mut flow = Flow::new(&style, title);
    let width = flow.width();

    flow.place(parts::title(&style, width, title, Some(&summary(plan, library))));
    flow.space(mm(4.0));
    flow.place(goals_block(plan, library, &style, width));
    flow.space(mm(5.0));
    flow.place(calendar_block(plan, &style, width));
    flow.space(mm(5.0));
    flow.place(how_to_block(plan, &style, width));
    flow.space(mm(4.0));
    flow.place(parts::safety_panel(&style, width, library.safety(), Detail::Brief));

    let rows = RoutineRows { plan, library, photos, style: &style, width };
    for r in 0..plan.routines.len() {
        flow.new_page();
        flow.place(routine_heading(plan, r, &style, width));
        for (n, rs) in plan.routine_stretches(r).iter().enumerate() {
            flow.space(mm(2.0));
            flow.place(rows.row(r, n + 1, rs));
        }
    }

    flow.new_page();
    flow.place(section(&style, width, "How to do each stretch", None));
    for (n, id) in plan.stretch_ids().iter().enumerate() {
        let Some(stretch) = library.stretch(id) else {
            continue;
        };
        flow.space(mm(3.0));
        let doses = doses_by_week(plan, id);
        let labelled: Vec<(&str, String)> = doses.iter().map(|(l, d)| (l.as_str(), d.clone())).collect();
        flow.place(parts::exercise(n + 1, stretch, &labelled, &style, photos, width));
    }

    flow.new_page();
    flow.place(section(
        &style,
        width,
        "Your log",
        Some("Tick each session when you have done it. Rate your pain from 0 (none) to 10 (the worst you can imagine) before and after. Take this log to your next appointment."),
    ));
    for week in &plan.weeks {
        flow.space(mm(3.0));
        flow.place(log_week(plan, week.number, &style, width));
    }

    flow.new_page();
    flow.place(parts::safety_full(&style, width, library.safety()));

    Document {
        title: title.to_string(),
        subject: format!("Stretching plan: {}", summary(plan, library)),
        keywords: vec!["stretching".into(), "upper back".into(), "weekly plan".into()],
        pages: flow.finish(FOOTER),
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
        crate::content::vocab::or_list(&days).replace(" or ", " and "),
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

/// The weeks as a grid: a row per week, a column per day, a tick box and
/// routine letter on each session day, and the week's minutes.
fn calendar_block(plan: &Plan, style: &Style, width: f32) -> Block {
    let mut b = BlockBuilder::new(width);
    parts::heading(&mut b, style, "Your weeks");
    let size = style.body;
    let small = style.small;
    let ranges: Vec<String> = plan.weeks.iter().map(|w| week_range(w.start, w.end)).collect();
    let widest = ranges.iter().map(|r| text::width(r, Face::Regular, small)).fold(0.0, f32::max);
    let label_w = text::width("Week 12", Face::Bold, size).max(widest) + 8.0;
    let minutes_w = text::width("Minutes", Face::Bold, size) + 8.0;
    let day_w = (width - label_w - minutes_w) / 7.0;
    let header_h = style.line(size) + 4.0;
    let row_h = (2.0 * style.line(small) + 10.0).max(mm(13.0));
    let top = b.y();
    let grid = Stroke::solid(0.6, style.muted);

    // Header row: weekday names from the plan's first day.
    let first = plan.calendar.start;
    let header_base = top + (header_h - size) / 2.0 + 0.8 * size;
    b.item(text_run("Week", Face::Bold, size, style.ink, Point::new(4.0, header_base)));
    for d in 0..7u64 {
        let day = first + Days::new(d);
        let name = crate::plan::day_name(day.weekday());
        let x = label_w + d as f32 * day_w + (day_w - text::width(name, Face::Bold, size)) / 2.0;
        b.item(text_run(name, Face::Bold, size, style.ink, Point::new(x, header_base)));
    }
    b.item(text_run(
        "Minutes",
        Face::Bold,
        size,
        style.ink,
        Point::new(width - minutes_w + 4.0, header_base),
    ));

    for (w, week) in plan.weeks.iter().enumerate() {
        let y = top + header_h + w as f32 * row_h;
        let line1 = y + 4.0 + 0.8 * size;
        b.item(text_run(
            &format!("Week {}", week.number),
            Face::Bold,
            size,
            style.ink,
            Point::new(4.0, line1),
        ));
        let range = &ranges[w];
        b.item(text_run(
            range,
            Face::Regular,
            small,
            style.muted,
            Point::new(4.0, line1 + style.line(small)),
        ));
        for d in 0..7u64 {
            let day = week.start + Days::new(d);
            let x = label_w + d as f32 * day_w;
            day_cell(plan, day, Rect::new(x, y, day_w, row_h), style, &mut b);
        }
        let minutes = format!("{:.0}", week.minutes());
        let mx = width - minutes_w + (minutes_w - text::width(&minutes, Face::Regular, size)) / 2.0;
        b.item(text_run(&minutes, Face::Regular, size, style.ink, Point::new(mx, line1)));
    }
    let bottom = top + header_h + plan.weeks.len() as f32 * row_h;
    // Grid lines.
    for i in 0..=plan.weeks.len() {
        let y = top + header_h + i as f32 * row_h;
        b.item(Item::Line { from: Point::new(0.0, y), to: Point::new(width, y), stroke: grid });
    }
    b.item(Item::Line { from: Point::new(0.0, top), to: Point::new(width, top), stroke: grid });
    let mut xs = vec![0.0, label_w, width - minutes_w, width];
    xs.extend((1..7).map(|d| label_w + d as f32 * day_w));
    for x in xs {
        b.item(Item::Line { from: Point::new(x, top), to: Point::new(x, bottom), stroke: grid });
    }
    b.gap(bottom - top + 4.0);
    let key = "Each box is a session: the letter is its routine (pages follow). Tick the box when done.";
    b.paragraph(&[Span::regular(key)], small, style.line(small), style.muted, 0.0, false);
    b.finish()
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
        let side = (cell.h * 0.42).min(cell.w * 0.4).min(mm(6.0));
        let bx = cell.x + (cell.w - side) / 2.0 - side * 0.6;
        let by = cell.bottom() - side - 4.0;
        b.item(parts::tick_box(Point::new(bx, by), side, style));
        let letter = &plan.routines[session.routine].label;
        let size = style.heading;
        let base = by + side / 2.0 + 0.35 * size;
        b.item(text_run(letter, Face::Bold, size, style.accent, Point::new(bx + side + 4.0, base)));
    }
}

fn how_to_block(plan: &Plan, style: &Style, width: f32) -> Block {
    let mut b = BlockBuilder::new(width);
    parts::heading(&mut b, style, "How to use this plan");
    let routines: Vec<&str> = plan.routines.iter().map(|r| r.label.as_str()).collect();
    let rotate = if routines.len() > 1 {
        format!(
            "Routines {} share a core of stretches and swap the others, for variety.",
            crate::content::vocab::or_list(&routines).replace(" or ", " and ")
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
    let about = format!("About {} in week 1. Do it on: {}.", duration(routine.total_s), dates.join(", "));
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
    parts::label(&mut b, style, &format!("Week {week}"), style.heading);
    let columns = [
        ("Date", 0.2),
        ("Routine", 0.11),
        ("Done", 0.09),
        ("Pain before", 0.14),
        ("Pain after", 0.14),
        ("Notes", 0.32),
    ];
    let mut x = 0.0;
    let xs: Vec<f32> = columns
        .iter()
        .map(|(_, share)| {
            let at = x;
            x += share * width;
            at
        })
        .collect();
    let top = b.y();
    let header_h = style.line(size) + 4.0;
    for ((name, _), &cx) in columns.iter().zip(&xs) {
        b.item(text_run(
            name,
            Face::Bold,
            size,
            style.ink,
            Point::new(cx + 4.0, top + 2.0 + 0.8 * size + 0.15 * size),
        ));
    }
    let row_h = mm(9.0).max(style.line(size) + 8.0);
    let sessions: Vec<_> = plan.sessions.iter().filter(|s| s.week == week).collect();
    let grid = Stroke::solid(0.6, style.muted);
    for (i, session) in sessions.iter().enumerate() {
        let y = top + header_h + i as f32 * row_h;
        let base = y + row_h / 2.0 + 0.35 * size;
        let date = session.date.format("%a %-d %b").to_string();
        b.item(text_run(&date, Face::Regular, size, style.ink, Point::new(xs[0] + 4.0, base)));
        let letter = &plan.routines[session.routine].label;
        b.item(text_run(letter, Face::Bold, size, style.ink, Point::new(xs[1] + 4.0, base)));
        let side = mm(4.5);
        b.item(parts::tick_box(Point::new(xs[2] + 4.0, y + (row_h - side) / 2.0), side, style));
        for col in [3, 4] {
            let scale = "__ / 10";
            b.item(text_run(scale, Face::Regular, size, style.muted, Point::new(xs[col] + 4.0, base)));
        }
    }
    let bottom = top + header_h + sessions.len() as f32 * row_h;
    for i in 0..=sessions.len() {
        let y = top + header_h + i as f32 * row_h;
        b.item(Item::Line { from: Point::new(0.0, y), to: Point::new(width, y), stroke: grid });
    }
    b.item(Item::Line { from: Point::new(0.0, top), to: Point::new(width, top), stroke: grid });
    for x in xs.iter().copied().chain([width]) {
        b.item(Item::Line { from: Point::new(x, top), to: Point::new(x, bottom), stroke: grid });
    }
    b.gap(bottom - top);
    b.finish()
}
