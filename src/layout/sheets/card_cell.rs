//! A stretch's text on the desk card, set beside its figure: its name
//! (balanced lines, or with the dose beside it on a dense card), summary,
//! dose, who should skip it and its short steps.

use super::Exercise;
use super::dose::DoseCells;
use super::parts;
use crate::content::Condition;
use crate::doc::Face;
use crate::layout::flow::{Block, BlockBuilder, baseline_offset};
use crate::layout::style::Style;
use crate::layout::text::{self, Span};

/// A stretch's name, summary, dose, who should skip it and its steps, in
/// a column of `width`.
pub(super) fn cell_text(entry: &Exercise, style: &Style, width: f32) -> Block {
    let mut text = BlockBuilder::new(width);
    name_and_dose(&mut text, entry, style);
    if let Some(skip) = skip_if(&entry.stretch.avoid_if) {
        let size = style.body;
        text.paragraph(
            &[Span::bold("Skip if: "), Span::regular(&skip)],
            size,
            style.line(size),
            style.ink,
            0.0,
            false,
        );
    }
    text.gap(1.0);
    parts::numbered(&mut text, style, entry.stretch.card_steps(), style.body, false);
    text.finish()
}

/// Who should skip a stretch, in a few words: "shoulder injury or
/// osteoporosis". `None` when nobody need.
fn skip_if(conditions: &[Condition]) -> Option<String> {
    if conditions.is_empty() {
        return None;
    }
    let words: Vec<&str> = conditions.iter().map(|&c| parts::condition_words(c)).collect();
    Some(format!("{}.", crate::words::or_list(&words)))
}

/// The stretch's name (in balanced lines), summary and dose (the dose
/// panel's words in one compact line, in the body's ink). The dense
/// layout puts the dose beside the name when both fit on one line.
fn name_and_dose(text: &mut BlockBuilder, entry: &Exercise, style: &Style) {
    let name = style.heading;
    let dose = DoseCells::prescribed(&entry.dose, "").compact();
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
        text.run_at(dose_x, &dose, Face::Bold, style.body, lead, style.ink);
        text.gap(lead - shift);
    } else {
        for line in text::wrap_balanced(&[Span::bold(&entry.stretch.name)], name, text.width) {
            text.line(&line, name, style.line(name), style.ink, 0.0);
        }
    }
    text.paragraph(&[Span::regular(&entry.stretch.summary)], style.body, body, style.muted, 0.0, false);
    if !beside {
        text.paragraph(&[Span::bold(&dose)], style.body, body, style.ink, 0.0, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_if_reads_as_a_short_list() {
        assert_eq!(skip_if(&[]), None);
        assert_eq!(skip_if(&[Condition::ShoulderInjury]).as_deref(), Some("a shoulder injury."));
        assert_eq!(
            skip_if(&[Condition::BalanceProblems, Condition::Osteoporosis]).as_deref(),
            Some("poor balance or osteoporosis.")
        );
    }
}
