//! A small SVG writer for page items: paths, lines, boxes and plain text.
//! Enough to preview a figure or a contact sheet; images and links are
//! skipped.

use std::fmt::Write as _;

use crate::doc::{Color, Item, LineStyle, Path, Segment, Stroke};

/// An SVG document `width` × `height` points holding `items` (page
/// coordinates: origin top-left, y down). Its size is given in
/// millimetres to the hundredth, so it opens at the size it prints; the
/// view box stays in points.
pub fn document(items: &[Item], width: f32, height: f32) -> String {
    let mm = |pt: f32| format!("{:.2}", pt / crate::doc::geom::mm(1.0));
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}mm\" height=\"{}mm\" viewBox=\"0 0 {} {}\">\n",
        mm(width),
        mm(height),
        num(width),
        num(height)
    );
    for item in items {
        match item {
            Item::Path(path) => {
                let _ = writeln!(out, "<path d=\"{}\"{}/>", data(path), paint(path.fill, path.stroke));
            }
            Item::Line { from, to, stroke } => {
                let _ = writeln!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>",
                    num(from.x),
                    num(from.y),
                    num(to.x),
                    num(to.y),
                    paint(None, Some(*stroke))
                );
            }
            Item::Box { rect, fill, stroke } => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>",
                    num(rect.x),
                    num(rect.y),
                    num(rect.w),
                    num(rect.h),
                    paint(*fill, *stroke)
                );
            }
            Item::Text(run) => {
                let weight = match run.face {
                    crate::doc::Face::Bold => " font-weight=\"bold\"",
                    crate::doc::Face::Regular => "",
                };
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"{}\" fill=\"{}\"{weight}>{}</text>",
                    num(run.origin.x),
                    num(run.origin.y),
                    num(run.size),
                    hex(run.color),
                    escape(&run.text)
                );
            }
            Item::Image { .. } | Item::Link { .. } => {}
        }
    }
    out.push_str("</svg>\n");
    out
}

fn data(path: &Path) -> String {
    let mut d = format!("M{} {}", num(path.start.x), num(path.start.y));
    for seg in &path.segments {
        match seg {
            Segment::Line(p) => {
                let _ = write!(d, "L{} {}", num(p.x), num(p.y));
            }
            Segment::Curve(a, b, p) => {
                let _ = write!(
                    d,
                    "C{} {} {} {} {} {}",
                    num(a.x),
                    num(a.y),
                    num(b.x),
                    num(b.y),
                    num(p.x),
                    num(p.y)
                );
            }
        }
    }
    if path.closed {
        d.push('Z');
    }
    d
}

fn paint(fill: Option<Color>, stroke: Option<Stroke>) -> String {
    let mut out = match fill {
        Some(c) => format!(" fill=\"{}\"", hex(c)),
        None => " fill=\"none\"".to_string(),
    };
    if let Some(s) = stroke {
        let _ = write!(out, " stroke=\"{}\" stroke-width=\"{}\"", hex(s.color), num(s.width));
        if s.style == LineStyle::Round {
            out.push_str(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
        }
        if let Some((dash, gap)) = s.dash {
            let _ = write!(out, " stroke-dasharray=\"{} {}\"", num(dash), num(gap));
        }
    }
    out
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// A number with at most two decimals and no trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::geom::Point;

    #[test]
    fn writes_paths_with_round_strokes() {
        let path = Path::polyline(
            &[Point::new(1.0, 2.0), Point::new(3.5, 4.25)],
            Stroke::round(1.2, Color::gray(0x1a)),
        );
        let svg = document(&[Item::Path(path)], 100.0, 50.0);
        // Sized in millimetres (100 pt = 35.28 mm), drawn in points.
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"35.28mm\" height=\"17.64mm\" viewBox=\"0 0 100 50\">"
        ));
        assert!(svg.contains(
            "<path d=\"M1 2L3.5 4.25\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"1.2\" \
             stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
        ));
        assert!(svg.ends_with("</svg>\n"));
    }
}
