//! The foot of every page of a flowed sheet: the sheet's footer text
//! (a clinic's name and phone, or the general disclaimer), wrapped so the
//! page number ("page 2 of 5") sits beside its last line, and broken
//! between its " · " parts so a phone number stays whole.

use super::flow::{baseline_offset, text_run};
use super::style::Style;
use super::text;
use crate::doc::{Face, Page, Point};

/// The most lines a page's footer takes.
pub const MAX_LINES: usize = 3;

/// Room kept between the footer text and the page number.
const GAP: f32 = 12.0;

/// The footer's lines: the text, wrapped to leave room for the page
/// number beside its last line (an empty footer is one empty line).
pub fn lines(footer: &str, style: &Style) -> Vec<String> {
    let size = style.small;
    let width = style.page.w - 2.0 * style.margin;
    let beside = width - text::width("page 99 of 99", Face::Regular, size) - GAP;
    if footer.is_empty() || text::width(footer, Face::Regular, size) <= beside {
        return vec![footer.to_string()];
    }
    // Broken between the " · " parts where it can be.
    let mut lines = text::wrap_parts(footer.split(" · "), (" · ", " ·"), size, beside);
    if lines.len() > MAX_LINES {
        // A footer this long is refused where it is read; here it is
        // only kept from eating the page.
        lines.truncate(MAX_LINES);
        let last = format!("{} …", lines[MAX_LINES - 1]);
        lines[MAX_LINES - 1] = text::fit(&last, Face::Regular, size, beside);
    }
    lines
}

/// Adds the footer and "page N of M" to every page.
pub fn add(pages: &mut [Page], footer: &str, style: &Style) {
    let total = pages.len();
    let size = style.small;
    let lead = style.line(size);
    let lines = lines(footer, style);
    let last_baseline = style.page.h - style.margin - lead + baseline_offset(size, lead);
    let first_baseline = last_baseline - (lines.len() - 1) as f32 * lead;
    for (i, page) in pages.iter_mut().enumerate() {
        let number = format!("page {} of {total}", i + 1);
        let x = style.page.w - style.margin - text::width(&number, Face::Regular, size);
        page.items.push(text_run(&number, Face::Regular, size, style.muted, Point::new(x, last_baseline)));
        for (k, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
            let at = Point::new(style.margin, first_baseline + k as f32 * lead);
            page.items.push(text_run(line, Face::Regular, size, style.muted, at));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::SheetOptions;

    #[test]
    fn a_long_footer_breaks_between_its_parts_and_keeps_the_phone_whole() {
        let style = Style::new(&SheetOptions { large_print: true, ..SheetOptions::default() });
        let footer = "Riverside Physiotherapy · Questions about your exercises? Call +1 555 0100";
        let wide = lines(footer, &style);
        assert_eq!(wide, ["Riverside Physiotherapy ·", "Questions about your exercises? Call +1 555 0100"]);
        // On A5 in large print the phone number goes on whole.
        let paper = crate::doc::Paper::A5;
        let a5 = Style::new(&SheetOptions { large_print: true, paper, ..SheetOptions::default() });
        let narrow = lines(footer, &a5);
        assert!(narrow.iter().any(|l| l.contains("+1 555 0100")), "{narrow:?}");
        let short = lines_of("Short footer");
        assert_eq!(short, ["Short footer"]);
    }

    fn lines_of(footer: &str) -> Vec<String> {
        lines(footer, &Style::new(&SheetOptions::default()))
    }

    #[test]
    fn every_line_leaves_room_for_the_page_number() {
        let style = Style::new(&SheetOptions { large_print: true, ..SheetOptions::default() });
        let footer =
            "A clinic with a rather long name · 1 Long Road, Some Town · Call 0123 456 789 · Open weekdays";
        let beside =
            style.page.w - 2.0 * style.margin - text::width("page 99 of 99", Face::Regular, style.small);
        for line in lines(footer, &style) {
            assert!(text::width(&line, Face::Regular, style.small) <= beside, "{line}");
        }
    }
}
