//! The weekly plan sheet: an overview (goals, minutes, dates, a calendar
//! of the weeks with a dated tick box and routine letter for each session,
//! how to use the plan and the short safety rules), a page per routine
//! with each stretch's dose week by week in a small table, exercise pages
//! (figure, steps, tips and cautions), a log to tick sessions and rate pain
//! before and after, and the safety rules and warning signs. Prose is set
//! in columns no wider than about 90 characters, so wide and landscape
//! pages carry two or three.

use super::parts::measure;
use super::parts::{self, Detail, Photos};
use super::plan_calendar::{log_week, place_calendar};
use super::plan_exercise::exercise;
use super::plan_routine::{self, Rows};
use crate::content::{Library, Safety};
use crate::doc::geom::mm;
use crate::doc::{Document, Stroke};
use crate::layout::columns::{column_width, columns};
use crate::layout::flow::{Block, BlockBuilder, Flow};
use crate::layout::style::{SheetOptions, Style};
use crate::layout::text::Span;
use crate::plan::Plan;
use crate::words::and_list;

/// The space between columns.
const GUTTER: f32 = mm(6.0);

/// Lays out the plan.
pub fn plan(plan: &Plan, library: &Library, photos: &Photos, options: &SheetOptions) -> Document {
    let style = Style::new(options);
    let title = options.title.as_deref().unwrap_or("Your stretching plan");
    let mut flow = Flow::new(&style, title, parts::FOOTER);
    let width = flow.width();
    let prose = prose_columns(&style, width);
    let col_w = column_width(width, prose, GUTTER);

    let summary = summary(plan, library);
    let limits = made_for(plan);
    let mut intro = vec![vec![Span::regular(&summary)]];
    if let Some(limits) = &limits {
        intro.push(vec![Span::bold("Made for: "), Span::regular(limits)]);
    }
    flow.place(section_of(&style, width, title, &intro));
    flow.space(mm(4.0));
    // What to check before the first session comes first, beside the
    // goals, not with the rest of the safety pages at the back.
    // (On a narrow page, after them and free to start the next page.)
    let mut top = goal_blocks(plan, library, &style, col_w);
    let mut before = Some(parts::before_you_start(&style, col_w, library.safety()));
    if prose >= 2 {
        top.extend(before.take());
    }
    flow.place(columns(top, prose, width, GUTTER));
    if let Some(before) = before {
        flow.space(mm(4.0));
        flow.place(before);
    }
    flow.space(mm(5.0));
    place_calendar(&mut flow, plan, &style);
    flow.space(mm(5.0));
    let panel = parts::safety_panel(&style, col_w.min(measure(&style)), library.safety(), Detail::Brief);
    if prose >= 2 {
        let mut gap = BlockBuilder::new(col_w);
        gap.gap(mm(4.0));
        let how = vec![how_to_block(plan, &style, col_w), gap.finish(), panel];
        flow.place(columns(how, 2.min(prose), width, GUTTER));
    } else {
        flow.place(how_to_block(plan, &style, col_w));
        flow.space(mm(4.0));
        flow.place(panel);
    }

    place_routines(&mut flow, plan, library, photos, &style);
    place_exercises(&mut flow, plan, library, photos, &style);

    flow.new_section(mm(8.0));
    let intro = "Tick each session when you have done it. Rate your pain from 0 (none) to 10 (the worst you can imagine) before and after. Take this log to your next appointment.";
    flow.place(section(&style, width, "Your log", Some(intro)).kept_with_next());
    let log_least = mm(120.0) * style.body / 10.0;
    let log_columns = if width >= 2.0 * log_least + GUTTER { 2 } else { 1 };
    let log_w = column_width(width, log_columns, GUTTER);
    let weeks: Vec<Block> = plan.weeks.iter().map(|w| log_week(plan, w.number, &style, log_w)).collect();
    for row in weeks.chunks(log_columns) {
        flow.space(mm(3.0));
        flow.place(super::gallery::side_by_side(row.to_vec(), log_w, GUTTER));
    }

    flow.new_section(mm(8.0));
    place_safety(&mut flow, plan, library.safety(), &style, prose);

    Document {
        title: title.to_string(),
        subject: format!("Stretching plan: {summary}"),
        keywords: vec!["stretching".into(), "upper back".into(), "weekly plan".into()],
        date: Some(plan.calendar.start),
        pages: flow.finish(),
    }
}

/// How many columns of prose a page `width` wide takes: as few as keep
/// each under about 90 characters, at most three.
fn prose_columns(style: &Style, width: f32) -> usize {
    (1..=3).find(|&n| column_width(width, n, GUTTER) <= measure(style) + 1.0).unwrap_or(3)
}

/// A page per routine (or routines sharing a page when they are short):
/// the heading, then the stretches in session order, two to a line on wide
/// pages.
fn place_routines(flow: &mut Flow, plan: &Plan, library: &Library, photos: &Photos, style: &Style) {
    let width = flow.width();
    // Two to a line where each row keeps a four-week table in one band:
    // about 120 mm at 10 pt, wider with larger print.
    let row_least = mm(120.0) * style.body / 10.0;
    let per_line = if width >= 2.0 * row_least + GUTTER { 2 } else { 1 };
    let row_w = column_width(width, per_line, GUTTER);
    let rows = Rows { plan, library, photos, style };
    for r in 0..plan.routines.len() {
        flow.new_section(mm(8.0));
        flow.place(plan_routine::heading(plan, r, style, width).kept_with_next());
        let stretches = plan.routine_stretches(r);
        let blocks: Vec<Block> =
            stretches.iter().enumerate().map(|(n, rs)| rows.row(r, n + 1, rs, row_w)).collect();
        let lines: Vec<Block> = blocks
            .chunks(per_line)
            .map(|line| super::gallery::side_by_side(line.to_vec(), row_w, GUTTER).kept())
            .collect();
        let heights: Vec<f32> = lines.iter().map(|b| b.height).collect();
        let n = lines.len();
        // Never one row alone on the routine's last page: the last two go
        // together.
        let paired = n >= 3;
        for (k, block) in lines.into_iter().enumerate() {
            let last_but_one = paired && k + 2 == n;
            let last_of_pair = paired && k + 1 == n;
            let with_last = if last_but_one { heights[k + 1] + mm(1.0) } else { 0.0 };
            // Rows that go on over a page say whose they are.
            let goes_over = heights[k] + with_last + mm(1.0) > flow.remaining();
            if k > 0 && !last_of_pair && goes_over {
                flow.new_page();
                flow.place(plan_routine::continued(plan, r, style, width).kept_with_next());
            }
            flow.space(mm(1.0));
            flow.place(if last_but_one { block.kept_with_next() } else { block });
        }
    }
}

/// "How to do each stretch": every stretch of the plan once, with the
/// routines that use it.
fn place_exercises(flow: &mut Flow, plan: &Plan, library: &Library, photos: &Photos, style: &Style) {
    let width = flow.width();
    let page_h = flow.page_height();
    flow.new_section(mm(8.0));
    let heading = section(style, width, "How to do each stretch", None);
    // The first stretch goes on a page under the heading.
    let first_h = page_h - heading.height - mm(3.0);
    // What is left under the heading on this page, when it does not start one.
    let under_heading =
        if flow.at_page_top() { first_h } else { flow.remaining() - heading.height - mm(3.0) };
    flow.place(heading.kept_with_next());
    for (n, id) in plan.stretch_ids().iter().enumerate() {
        let Some(stretch) = library.stretch(id) else {
            continue;
        };
        // Drawn in the position the plan has it done in.
        let position = plan.sessions.iter().flat_map(|s| &s.items).find(|i| i.id == *id).map(|i| i.position);
        let stretch = &*position.map_or(std::borrow::Cow::Borrowed(stretch), |p| stretch.as_done(p));
        let routines: Vec<&str> = (0..plan.routines.len())
            .filter(|&r| plan.routine_stretches(r).iter().any(|rs| rs.item.id == *id))
            .map(|r| plan.routines[r].label.as_str())
            .collect();
        let note = match routines.as_slice() {
            [] => String::new(),
            [one] => format!("In routine {one}: its dose each week is on that routine's page."),
            many => format!("In routines {}: its dose each week is on their pages.", and_list(many)),
        };
        flow.space(mm(3.0));
        let room = if n == 0 { first_h } else { page_h };
        let here = if n == 0 { under_heading } else { flow.remaining() - mm(3.0) };
        let pieces = exercise(n + 1, stretch, &note, style, photos, width, (room, here));
        for (k, piece) in pieces.into_iter().enumerate() {
            if k > 0 {
                flow.space(mm(3.0));
            }
            flow.place(piece);
        }
    }
}

/// The full safety section in `count` columns: before you start, stretch
/// safely, the stop rules and every tier of warning signs, each list whole
/// under its heading, the disclaimer after the last. Sections go to a page
/// in balanced columns as many as fit it.
fn place_safety(flow: &mut Flow, plan: &Plan, safety: &Safety, style: &Style, count: usize) {
    let width = flow.width();
    let col_w = column_width(width, count, GUTTER);
    let floor = plan.sessions.iter().flat_map(|s| &s.items).any(|i| i.position.is_floor());
    // A little tighter when that keeps every list on one page.
    let one_page =
        |sections: &[Block]| columns(sections.to_vec(), count, width, GUTTER).height <= flow.page_height();
    let mut sections = safety_sections(safety, style, col_w, floor);
    if !one_page(&sections) {
        let tight =
            safety_sections(safety, &Style { leading: style.leading.min(1.1), ..*style }, col_w, floor);
        if one_page(&tight) {
            sections = tight;
        }
    }
    while !sections.is_empty() {
        let page_h = if flow.at_page_top() { flow.page_height() } else { flow.remaining() };
        let fits = (1..=sections.len())
            .rev()
            .find(|&n| columns(sections[..n].to_vec(), count, width, GUTTER).height <= page_h);
        match fits {
            Some(n) => {
                let rest = sections.split_off(n);
                flow.place(columns(sections, count, width, GUTTER));
                sections = rest;
                if !sections.is_empty() {
                    flow.new_page();
                }
            }
            None if !flow.at_page_top() => flow.new_page(),
            None => {
                flow.place(sections.remove(0));
            }
        }
    }
}

/// The safety sections, each a block `width` wide; the disclaimer goes
/// with the last.
fn safety_sections(safety: &Safety, style: &Style, width: f32, floor: bool) -> Vec<Block> {
    let size = style.body;
    // "Before you start" is printed before the routines.
    let lists: Vec<_> =
        parts::safety_sections(safety, parts::EMERGENCY_HEADING, floor).into_iter().skip(1).collect();
    let last = lists.len() - 1;
    lists
        .into_iter()
        .enumerate()
        .map(|(i, (title, lines))| {
            let mut b = BlockBuilder::new(width);
            parts::heading(&mut b, style, title);
            parts::bulleted(&mut b, style, lines, size, style.ink, false);
            if i == last {
                b.gap(6.0);
                b.stack(&parts::disclaimer(style, width, safety));
            }
            b.gap(8.0);
            b.finish()
        })
        .collect()
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

/// Whom the plan was made for, when its request set limits: "an older
/// adult · seated stretches only · leaving out the stretches to avoid with
/// osteoporosis or a shoulder injury". A patient (and whoever reads the
/// sheet with them) can see what the choice allowed for.
fn made_for(plan: &Plan) -> Option<String> {
    let request = &plan.request;
    let mut parts: Vec<String> = Vec::new();
    if request.older {
        parts.push("an older adult".into());
    }
    if request.seated_only {
        parts.push("seated stretches only".into());
    } else if request.no_floor {
        parts.push("no stretches on the floor".into());
    }
    if !request.avoid.is_empty() {
        let conditions: Vec<&str> = request.avoid.iter().map(|&c| parts::condition_words(c)).collect();
        parts.push(format!("leaving out the stretches to avoid with {}", crate::words::or_list(&conditions)));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn goal_names(plan: &Plan, library: &Library) -> String {
    if plan.goals.is_empty() {
        return "All goals".into();
    }
    let names: Vec<&str> =
        plan.goals.iter().map(|g| library.goal(g).map_or(g.as_str(), |goal| goal.name.as_str())).collect();
    names.join(" and ")
}

/// A paragraph per goal of the plan: its name and what it is for.
fn goal_blocks(plan: &Plan, library: &Library, style: &Style, width: f32) -> Vec<Block> {
    let size = style.body;
    let goals: Vec<&crate::content::Goal> = if plan.goals.is_empty() {
        library.goals().iter().collect()
    } else {
        plan.goals.iter().filter_map(|g| library.goal(g)).collect()
    };
    let block = |goal: &crate::content::Goal| {
        let mut b = BlockBuilder::new(width);
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
        b.finish()
    };
    goals.into_iter().map(block).collect()
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
    // A three-minute desk break needs no warm-up of a few minutes.
    let warm_up = plan
        .desk_break_print_note()
        .is_none()
        .then(|| "Warm up for a few minutes first: march on the spot or swing your arms gently.".to_string());
    let mut items: Vec<String> = warm_up.into_iter().collect();
    items.extend([
        format!("On each day with a box, do the routine whose letter is in it. {rotate}"),
        "Stretching every day is fine: on days without a box you may repeat any routine.".to_string(),
        "Follow the dose for the current week: holds lengthen and moves repeat more as the weeks go on."
            .to_string(),
        "Stretch to a mild pull, never pain, and breathe slowly throughout.".to_string(),
        "Tick the box and fill in the log at the back after each session.".to_string(),
    ]);
    let notes = [plan.older_note(), plan.desk_break_print_note(), plan.review_note()];
    items.extend(notes.into_iter().flatten().map(str::to_string));
    parts::bulleted(&mut b, style, &items, style.body, style.ink, false);
    b.finish()
}

/// A section's title, an optional intro (set no wider than about 90
/// characters) and an accent rule across `width`.
fn section(style: &Style, width: f32, title: &str, intro: Option<&str>) -> Block {
    let intro: Vec<Vec<Span>> = intro.map(|text| vec![Span::regular(text)]).into_iter().collect();
    section_of(style, width, title, &intro)
}

/// A section heading with its paragraphs under it (each a line or two in
/// the body's size), then a rule in the accent colour.
fn section_of(style: &Style, width: f32, title: &str, intro: &[Vec<Span>]) -> Block {
    let mut b = BlockBuilder::new(width);
    let size = style.title;
    b.paragraph(&[Span::bold(title)], size, size * 1.2, style.accent, 0.0, false);
    for spans in intro {
        let mut t = BlockBuilder::new(width.min(measure(style)));
        t.gap(2.0);
        t.paragraph(spans, style.body, style.line(style.body), style.ink, 0.0, false);
        b.stack(&t.finish());
    }
    b.gap(4.0);
    b.rule(Stroke::solid(1.5, style.accent));
    b.finish()
}
