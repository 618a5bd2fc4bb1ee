//! Measuring and wrapping text with the embedded fonts' advance widths.
//! A paragraph is a list of spans (text in a face); wrapping breaks it into
//! lines at spaces, and inside a word only when the word alone is wider than
//! the line. A number stays with its unit ("91 s", "× 3"), and a last line
//! of one short word is avoided by rewrapping a little narrower when that
//! keeps the line count. Lines come back as runs with x offsets, ready to
//! place. [`wrap_balanced`] evens out the lines of a short heading.

use crate::doc::Fonts;
use crate::doc::geom::Point;
use crate::doc::{Color, Face, TextRun};

/// A piece of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Span<'a> {
    pub text: &'a str,
    pub face: Face,
}

impl<'a> Span<'a> {
    pub fn regular(text: &'a str) -> Self {
        Span { text, face: Face::Regular }
    }

    pub fn bold(text: &'a str) -> Self {
        Span { text, face: Face::Bold }
    }
}

/// Width of `text` in `face` at `size` points.
pub fn width(text: &str, face: Face, size: f32) -> f32 {
    Fonts::get().width(face, text, size)
}

/// A run within a wrapped line: text, face, and x offset from the line start.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    pub text: String,
    pub face: Face,
    pub x: f32,
    pub width: f32,
}

/// One wrapped line: its runs and total width.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<LineRun>,
    pub width: f32,
}

impl Line {
    /// The line's text, runs joined.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Text runs for this line with the baseline's left end at `origin`.
    pub fn place(&self, origin: Point, size: f32, color: Color) -> impl Iterator<Item = TextRun> + '_ {
        self.runs.iter().map(move |run| TextRun {
            origin: Point::new(origin.x + run.x, origin.y),
            text: run.text.clone(),
            face: run.face,
            size,
            color,
            width: run.width,
        })
    }
}

/// A word with the face it is set in, whether a space precedes it, and
/// whether that space is unbreakable (a unit after its number); with its
/// width and that of a space in its face, measured once for every width
/// the paragraph is tried at.
struct Word<'a> {
    text: &'a str,
    face: Face,
    space_before: bool,
    glued: bool,
    width: f32,
    space: f32,
}

/// Units and signs that never start a line after a number: "91 s",
/// "20 s × 3", "10 times".
const UNITS: [&str; 16] = [
    "s", "sec", "secs", "seconds", "second", "min", "mins", "minutes", "minute", "times", "mm", "cm", "%",
    "×", "x", "reps",
];

/// Month names as dates print them ("3 Jan 2027").
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Whether `word` may not start a line after `previous`: a unit after a
/// number, a number after "×", a group of digits after another (a
/// phone number written "+1 555 0100"), or the parts of a date ("3 Jan
/// 2027").
fn glued(previous: &str, word: &str) -> bool {
    let bare = word.trim_end_matches(|c: char| ".,;:!?)".contains(c));
    let ends_in_digit = previous.trim_end_matches(|c: char| ".,;:)".contains(c)) == previous
        && previous.chars().last().is_some_and(|c| c.is_ascii_digit());
    let starts_with_digit = word.chars().next().is_some_and(|c| c.is_ascii_digit());
    let after_times = previous == "×" && starts_with_digit;
    let year = bare.len() == 4 && bare.chars().all(|c| c.is_ascii_digit());
    let date = ends_in_digit && MONTHS.contains(&bare) || MONTHS.contains(&previous) && year;
    ends_in_digit && (UNITS.contains(&bare) || starts_with_digit) || after_times || date
}

/// The words of `spans`, measured at `size` points.
fn words<'a>(spans: &'a [Span<'a>], size: f32) -> Vec<Word<'a>> {
    let fonts = Fonts::get();
    let mut out = Vec::new();
    let mut pending_space = false;
    for span in spans {
        let mut rest = span.text;
        loop {
            let trimmed = rest.trim_start();
            if trimmed.len() != rest.len() {
                pending_space = true;
            }
            rest = trimmed;
            if rest.is_empty() {
                break;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let text = &rest[..end];
            let space_before = pending_space && !out.is_empty();
            let glued = space_before && out.last().is_some_and(|w: &Word| glued(w.text, text));
            let (width, space) = (fonts.width(span.face, text, size), fonts.width(span.face, " ", size));
            out.push(Word { text, face: span.face, space_before, glued, width, space });
            pending_space = false;
            rest = &rest[end..];
        }
    }
    out
}

/// Wraps `spans` into lines no wider than `max_width` at `size` points.
/// Whitespace (including line breaks) collapses to single spaces. When the
/// last line would hold a single short word, the paragraph is rewrapped a
/// little narrower if that gives the last line company without adding a
/// line.
pub fn wrap(spans: &[Span], size: f32, max_width: f32) -> Vec<Line> {
    wrap_measured(&words(spans, size), size, max_width)
}

/// [`wrap`] for words already measured.
fn wrap_measured(words: &[Word], size: f32, max_width: f32) -> Vec<Line> {
    let lines = wrap_words(words, size, max_width);
    if !ends_in_a_lone_word(&lines) {
        return lines;
    }
    // Each try sets the lines just narrower than the widest one, so a word
    // moves down; give up when that costs a line or the lines get too narrow.
    let mut narrower = lines.clone();
    for _ in 0..8 {
        let widest = narrower.iter().map(|l| l.width).fold(0.0, f32::max);
        if widest - 0.5 < 0.6 * max_width {
            break;
        }
        narrower = wrap_words(words, size, widest - 0.5);
        if narrower.len() != lines.len() {
            break;
        }
        if !ends_in_a_lone_word(&narrower) {
            return narrower;
        }
    }
    lines
}

/// Whether the last of two or more lines is one short word ("Swap.",
/// "seconds.").
fn ends_in_a_lone_word(lines: &[Line]) -> bool {
    let Some(last) = lines.last() else { return false };
    let text = last.text();
    lines.len() >= 2 && !text.contains(' ') && text.chars().count() <= 12
}

/// Like [`wrap`], but a paragraph of two or more lines is set as narrow as
/// keeps its line count, so its lines come out about even ("Reaching upper
/// / back stretch", never "Reaching upper back / stretch"). For headings.
pub fn wrap_balanced(spans: &[Span], size: f32, max_width: f32) -> Vec<Line> {
    let words = words(spans, size);
    let wrap = |max_width: f32| wrap_measured(&words, size, max_width);
    let lines = wrap(max_width);
    if lines.len() < 2 {
        return lines;
    }
    let count = lines.len();
    let widest = lines.iter().map(|l| l.width).fold(0.0, f32::max);
    let (mut low, mut high) = (widest / count as f32, widest);
    for _ in 0..10 {
        let mid = (low + high) / 2.0;
        if wrap(mid).len() <= count { high = mid } else { low = mid }
    }
    wrap(high)
}

/// The greedy line breaker: each line takes as many words as fit; a word
/// glued to the one before moves to the next line with it.
fn wrap_words(words: &[Word], size: f32, max_width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    for (i, word) in words.iter().enumerate() {
        let space = if word.space_before && !line.runs.is_empty() { word.space } else { 0.0 };
        let alone = word.width;
        let chunk = if word.glued { alone } else { chunk_width(words, i) };
        let w = if chunk <= max_width { chunk } else { alone };
        if !line.runs.is_empty() && line.width + space + w > max_width {
            lines.push(std::mem::take(&mut line));
            push_word(&mut lines, &mut line, word, 0.0, size, max_width);
        } else {
            push_word(&mut lines, &mut line, word, space, size, max_width);
        }
    }
    if !line.runs.is_empty() {
        lines.push(line);
    }
    lines
}

/// The width of word `i` with the words glued after it.
fn chunk_width(words: &[Word], i: usize) -> f32 {
    let glued = words[i + 1..].iter().take_while(|w| w.glued);
    words[i].width + glued.map(|next| next.space + next.width).sum::<f32>()
}

/// Lines of at most `width` made of `parts` in order, joined by `sep`:
/// as many parts to a line as fit, a line that ends before the next part
/// marked with `mark`, and a part too wide for a line on its own wrapped
/// at its spaces (or between characters), the next part going on after
/// its last piece. For addresses broken after a `/` and footers broken
/// between their " · " parts.
pub fn wrap_parts<'a>(
    parts: impl IntoIterator<Item = &'a str>,
    (sep, mark): (&str, &str),
    size: f32,
    width: f32,
) -> Vec<String> {
    let fits = |s: &str| self::width(s, Face::Regular, size) <= width;
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        if let Some(last) = lines.last_mut() {
            let joined = format!("{last}{sep}{part}");
            if fits(&joined) {
                *last = joined;
                continue;
            }
            last.push_str(mark);
        }
        lines.extend(wrap_plain(part, Face::Regular, size, width).iter().map(|l| l.text()));
    }
    lines
}

/// Wraps plain text in one face.
pub fn wrap_plain(text: &str, face: Face, size: f32, max_width: f32) -> Vec<Line> {
    wrap(&[Span { text, face }], size, max_width)
}

/// Adds a word to `line` after `space`; a word wider than a whole line is
/// broken between characters.
fn push_word(lines: &mut Vec<Line>, line: &mut Line, word: &Word, space: f32, size: f32, max: f32) {
    let (w, face) = (word.width, word.face);
    if w <= max || !line.runs.is_empty() && line.width + space + w <= max {
        append(line, word.text, face, space, w);
        return;
    }
    // Break an over-long word into pieces that fit.
    let fonts = Fonts::get();
    let mut piece = String::new();
    let mut piece_w = 0.0;
    for c in word.text.chars() {
        let cw = fonts.width(face, c.encode_utf8(&mut [0; 4]), size);
        if !piece.is_empty() && line.width + piece_w + cw > max {
            append(line, &piece, face, 0.0, piece_w);
            lines.push(std::mem::take(line));
            piece.clear();
            piece_w = 0.0;
        }
        piece.push(c);
        piece_w += cw;
    }
    if !piece.is_empty() {
        append(line, &piece, face, 0.0, piece_w);
    }
}

fn append(line: &mut Line, word: &str, face: Face, space: f32, w: f32) {
    match line.runs.last_mut() {
        Some(last) if last.face == face => {
            if space > 0.0 {
                last.text.push(' ');
            }
            last.text.push_str(word);
            last.width += space + w;
        }
        _ => {
            let x = line.width + space;
            // A space before a face change belongs to the new run's offset.
            line.runs.push(LineRun { text: word.to_string(), face, x, width: w });
        }
    }
    line.width += space + w;
}

/// Shortens `text` with an ellipsis so it fits `max_width` (for labels that
/// must stay on one line, such as a running header).
pub fn fit(text: &str, face: Face, size: f32, max_width: f32) -> String {
    if width(text, face, size) <= max_width {
        return text.to_string();
    }
    let mut out: String = String::new();
    for c in text.chars() {
        out.push(c);
        if width(&out, face, size) + width("…", face, size) > max_width {
            out.pop();
            break;
        }
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_keeps_its_unit_and_a_grouped_number_stays_whole() {
        assert!(glued("91", "s") && glued("×", "3"));
        assert!(glued("+1", "555") && glued("555", "0100"));
        assert!(!glued("Call", "+1") && !glued("in", "2") && !glued("2.", "3"));
    }

    #[test]
    fn lines_never_exceed_the_width_and_keep_every_word() {
        let text = "Sit tall with both feet flat on the floor and your arms crossed on your chest, then turn slowly.";
        for max in [60.0, 100.0, 200.0, 1000.0] {
            let lines = wrap_plain(text, Face::Regular, 10.0, max);
            for line in &lines {
                assert!(line.width <= max + 0.001, "{} > {max}", line.width);
                let measured = width(&line.text(), Face::Regular, 10.0);
                assert!((measured - line.width).abs() < 0.001);
            }
            let joined: Vec<String> = lines.iter().map(Line::text).collect();
            assert_eq!(joined.join(" "), text);
        }
    }

    #[test]
    fn long_words_break_between_characters() {
        let name = "X".repeat(300);
        let lines = wrap_plain(&name, Face::Bold, 12.0, 150.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 150.0 + 0.001));
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), name);
    }

    #[test]
    fn spans_keep_their_faces_and_offsets() {
        let spans = [Span::bold("Dose:"), Span::regular(" hold 20 s, 3 times")];
        let lines = wrap(&spans, 10.0, 500.0);
        assert_eq!(lines.len(), 1);
        let runs = &lines[0].runs;
        assert_eq!(runs[0].face, Face::Bold);
        assert_eq!(runs[1].text, "hold 20 s, 3 times");
        let expected_x = width("Dose:", Face::Bold, 10.0) + width(" ", Face::Regular, 10.0);
        assert!((runs[1].x - expected_x).abs() < 0.001);
    }

    #[test]
    fn whitespace_collapses() {
        let lines = wrap_plain("  one\n\ntwo   three ", Face::Regular, 10.0, 500.0);
        assert_eq!(lines[0].text(), "one two three");
    }

    #[test]
    fn a_number_keeps_its_unit() {
        let text = "Turn slowly and hold for about 91 s in all";
        let full = width(text, Face::Regular, 10.0);
        // Widths where a greedy break would fall between "91" and "s".
        let cut = width("Turn slowly and hold for about 91", Face::Regular, 10.0);
        for max in [cut + 0.5, cut + 3.0] {
            let lines = wrap_plain(text, Face::Regular, 10.0, max.min(full - 1.0));
            assert!(
                lines.iter().all(|l| !l.text().ends_with("91")),
                "{:?}",
                lines.iter().map(Line::text).collect::<Vec<_>>()
            );
        }
        let dose = wrap_plain(
            "Hold 20 s × 3, each side",
            Face::Regular,
            10.0,
            width("Hold 20 s ×", Face::Regular, 10.0) + 1.0,
        );
        assert!(dose.iter().all(|l| !l.text().ends_with('×') && !l.text().ends_with("20")));
    }

    #[test]
    fn a_last_line_of_one_short_word_is_avoided_when_it_can_be() {
        let text = "Side-on to a wall, forearm flat on it, then turn away. Swap.";
        let max = width("Side-on to a wall, forearm flat on it, then turn away.", Face::Regular, 10.0) + 1.0;
        let lines = wrap_plain(text, Face::Regular, 10.0, max);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].text().contains(' '), "{:?}", lines[1].text());
        // One word alone cannot be helped.
        assert_eq!(wrap_plain("Swap.", Face::Regular, 10.0, 100.0).len(), 1);
    }

    #[test]
    fn balanced_headings_split_evenly() {
        let name = "Reaching upper back stretch";
        let max = width("Reaching upper back", Face::Bold, 13.0) + 2.0;
        let lines = wrap_balanced(&[Span::bold(name)], 13.0, max);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(texts, ["Reaching upper", "back stretch"]);
        let long = "Foam roller upper back stretch on the floor";
        let max = width("Foam roller upper back stretch on the", Face::Bold, 13.0) + 2.0;
        let greedy = wrap_plain(long, Face::Bold, 13.0, max);
        let lines = wrap_balanced(&[Span::bold(long)], 13.0, max);
        assert_eq!(lines.len(), greedy.len());
        assert!(
            lines[1].width > 0.7 * lines[0].width,
            "{:?}",
            lines.iter().map(Line::text).collect::<Vec<_>>()
        );
        assert!(greedy[1].width < 0.7 * greedy[0].width);
    }

    #[test]
    fn a_date_stays_whole_where_its_line_breaks() {
        let text = "Mon to Fri · 7 Dec 2026 – 3 Jan 2027 (4 weeks)";
        for cut in ["Mon to Fri · 7 Dec 2026 – 3", "Mon to Fri · 7 Dec 2026 – 3 Jan", "Mon to Fri · 7"]
        {
            let max = width(cut, Face::Regular, 10.0) + 0.5;
            let lines: Vec<String> =
                wrap_plain(text, Face::Regular, 10.0, max).iter().map(Line::text).collect();
            for line in &lines {
                let last = line.rsplit(' ').next().unwrap_or("");
                assert!(!MONTHS.contains(&last), "{cut:?}: a line ends with a month: {lines:?}");
                let day = last.len() <= 2 && last.chars().all(|c| c.is_ascii_digit());
                assert!(!day, "{cut:?}: a line ends with a day: {lines:?}");
            }
        }
    }

    #[test]
    fn fit_adds_an_ellipsis() {
        let long = "A very long running header that cannot possibly fit";
        let short = fit(long, Face::Regular, 10.0, 80.0);
        assert!(short.ends_with('…') && width(&short, Face::Regular, 10.0) <= 80.0);
        assert_eq!(fit("Short", Face::Regular, 10.0, 80.0), "Short");
    }
}
