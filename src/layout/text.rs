//! Measuring and wrapping text with the embedded fonts' advance widths.
//! A paragraph is a list of spans (text in a face); wrapping breaks it into
//! lines at spaces, and inside a word only when the word alone is wider than
//! the line. Lines come back as runs with x offsets, ready to place.

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

/// A word with the face it is set in and whether a space precedes it.
struct Word<'a> {
    text: &'a str,
    face: Face,
    space_before: bool,
}

fn words<'a>(spans: &'a [Span<'a>]) -> Vec<Word<'a>> {
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
            out.push(Word {
                text: &rest[..end],
                face: span.face,
                space_before: pending_space && !out.is_empty(),
            });
            pending_space = false;
            rest = &rest[end..];
        }
    }
    out
}

/// Wraps `spans` into lines no wider than `max_width` at `size` points.
/// Whitespace (including line breaks) collapses to single spaces.
pub fn wrap(spans: &[Span], size: f32, max_width: f32) -> Vec<Line> {
    let fonts = Fonts::get();
    let mut lines = Vec::new();
    let mut line = Line::default();
    for word in words(spans) {
        let space =
            if word.space_before && !line.runs.is_empty() { fonts.width(word.face, " ", size) } else { 0.0 };
        let w = fonts.width(word.face, word.text, size);
        if !line.runs.is_empty() && line.width + space + w > max_width {
            lines.push(std::mem::take(&mut line));
            push_word(&mut lines, &mut line, word.text, word.face, 0.0, size, max_width);
        } else {
            push_word(&mut lines, &mut line, word.text, word.face, space, size, max_width);
        }
    }
    if !line.runs.is_empty() {
        lines.push(line);
    }
    lines
}

/// Wraps plain text in one face.
pub fn wrap_plain(text: &str, face: Face, size: f32, max_width: f32) -> Vec<Line> {
    wrap(&[Span { text, face }], size, max_width)
}

/// Adds a word to `line` after `space`; a word wider than a whole line is
/// broken between characters.
fn push_word(
    lines: &mut Vec<Line>,
    line: &mut Line,
    word: &str,
    face: Face,
    space: f32,
    size: f32,
    max: f32,
) {
    let fonts = Fonts::get();
    let w = fonts.width(face, word, size);
    if w <= max || !line.runs.is_empty() && line.width + space + w <= max {
        append(line, word, face, space, w);
        return;
    }
    // Break an over-long word into pieces that fit.
    let mut piece = String::new();
    let mut piece_w = 0.0;
    for c in word.chars() {
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
    fn fit_adds_an_ellipsis() {
        let long = "A very long running header that cannot possibly fit";
        let short = fit(long, Face::Regular, 10.0, 80.0);
        assert!(short.ends_with('…') && width(&short, Face::Regular, 10.0) <= 80.0);
        assert_eq!(fit("Short", Face::Regular, 10.0, 80.0), "Short");
    }
}
