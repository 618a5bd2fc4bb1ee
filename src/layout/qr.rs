//! QR codes drawn as vector shapes: each row's run of dark modules is one
//! filled rectangle, black on the white page (never the accent colour: a
//! code needs full contrast), with a quiet zone around it and the short
//! address under it for a reader without a phone. A module is 1.8 pt,
//! almost four pixels at 150 dpi, so a code scans from a plain print or a
//! low-resolution render. The code is clickable in a PDF viewer. Each
//! address is encoded once per process (a batch prints the clinic's
//! website on every handout) and its runs of modules reused.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use qrcode::{Color as Module, EcLevel, QrCode};

use super::flow::{Block, BlockBuilder};
use super::style::Style;
use super::text;
use crate::content::clinic::short_address;
use crate::doc::{Color, Face, Item, Rect, mm};

/// The side of one module, in points.
pub const MODULE: f32 = 1.8;
/// The quiet zone around a code, in modules (the standard's minimum).
const QUIET: f32 = 4.0;
/// The widest the address under a code may run before it wraps: about a
/// third of the text width, within these bounds.
const MAX_LABEL: (f32, f32) = (mm(35.0), mm(55.0));

/// A laid-out code: the block and how wide it is.
#[derive(Debug, Clone)]
pub struct Code {
    pub block: Block,
    pub width: f32,
}

/// The QR code for `address` with its short form under it, or `None` when
/// the address is too long for a code.
pub fn code(address: &str, style: &Style) -> Option<Code> {
    let matrix = matrix(address)?;
    let n = matrix.width;
    let side = (n as f32 + 2.0 * QUIET) * MODULE;
    let label = short_address(address);
    let size = style.small;
    let most = ((style.page.w - 2.0 * style.margin) / 3.0).clamp(MAX_LABEL.0, MAX_LABEL.1);
    let width = side.max(text::width(label, Face::Regular, size).min(most));
    let mut b = BlockBuilder::new(width);
    let x0 = (width - side) / 2.0 + QUIET * MODULE;
    let y0 = QUIET * MODULE;
    for &(x, y, w, h) in &matrix.blocks {
        // A hair taller than its modules, so no seam shows between rows.
        let at = |v: usize| v as f32 * MODULE;
        let rect = Rect::new(x0 + at(x), y0 + at(y), at(w), at(h) + 0.1);
        b.item(Item::Box { rect, fill: Some(Color::BLACK), stroke: None });
    }
    let code_side = n as f32 * MODULE;
    b.item(Item::Link { rect: Rect::new(x0, y0, code_side, code_side), uri: address.to_string() });
    b.gap(y0 + code_side + 2.0 * MODULE);
    let lead = style.line(size);
    for line in address_lines(label, size, width) {
        let x = ((width - text::width(&line, Face::Regular, size)) / 2.0).max(0.0);
        b.run_at(x, &line, Face::Regular, size, lead, style.ink);
        b.gap(lead);
    }
    Some(Code { block: b.finish(), width })
}

/// An address in lines of at most `width`, broken after a `/` or `.` where it
/// can be, inside a part only when the part alone is too wide.
fn address_lines(address: &str, size: f32, width: f32) -> Vec<String> {
    text::wrap_parts(address.split_inclusive(['/', '.']), ("", ""), size, width)
}

/// A code's modules: its width and its dark modules as blocks (column,
/// row, width, height), each a run of a row carried down over the rows
/// below that have the same run.
struct Matrix {
    width: usize,
    blocks: Vec<(usize, usize, usize, usize)>,
}

/// The most addresses kept encoded at once.
const KEPT: usize = 512;

/// The modules of the code for `address`, encoded once and kept.
fn matrix(address: &str) -> Option<Arc<Matrix>> {
    static KNOWN: OnceLock<Mutex<HashMap<String, Arc<Matrix>>>> = OnceLock::new();
    let known = KNOWN.get_or_init(Default::default);
    if let Some(found) = known.lock().unwrap_or_else(|e| e.into_inner()).get(address) {
        return Some(found.clone());
    }
    let qr = QrCode::with_error_correction_level(address.as_bytes(), EcLevel::M).ok()?;
    let width = qr.width();
    let rows: Vec<Vec<(usize, usize)>> = qr.to_colors().chunks(width).map(dark_runs).collect();
    let matrix = Arc::new(Matrix { width, blocks: blocks(&rows) });
    let mut known = known.lock().unwrap_or_else(|e| e.into_inner());
    if known.len() >= KEPT {
        known.clear();
    }
    known.insert(address.to_string(), matrix.clone());
    Some(matrix)
}

/// Rows of runs as blocks: a run joins the block of the same run in the
/// row above, if there is one.
fn blocks(rows: &[Vec<(usize, usize)>]) -> Vec<(usize, usize, usize, usize)> {
    let mut blocks: Vec<(usize, usize, usize, usize)> = Vec::new();
    // Blocks still open at the row above, by run.
    let mut open: HashMap<(usize, usize), usize> = HashMap::new();
    for (y, runs) in rows.iter().enumerate() {
        let mut next = HashMap::new();
        for &(x, w) in runs {
            let index = match open.get(&(x, w)) {
                Some(&i) => {
                    blocks[i].3 += 1;
                    i
                }
                None => {
                    blocks.push((x, y, w, 1));
                    blocks.len() - 1
                }
            };
            next.insert((x, w), index);
        }
        open = next;
    }
    blocks
}

/// The runs of dark modules in a row: (first module, length).
fn dark_runs(row: &[Module]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (x, module) in row.iter().chain(std::iter::once(&Module::Light)).enumerate() {
        match (module, start) {
            (Module::Dark, None) => start = Some(x),
            (Module::Light, Some(s)) => {
                runs.push((s, x - s));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::style::SheetOptions;

    #[test]
    fn a_code_is_black_boxes_a_link_and_its_short_address() {
        let style = Style::new(&SheetOptions::default());
        let code = code("https://www.riverside.example/videos/cat-cow", &style).unwrap();
        let boxes = code.block.items.iter().filter(|i| matches!(i, Item::Box { .. })).count();
        assert!(boxes > 50, "{boxes} boxes");
        assert!(
            code.block.items.iter().any(|i| matches!(i, Item::Link { uri, .. } if uri.ends_with("cat-cow")))
        );
        let text: String = code
            .block
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "riverside.example/videos/cat-cow");
        for item in &code.block.items {
            let b = item.bounds();
            assert!(
                b.x >= -0.01 && b.right() <= code.width + 0.01 && b.bottom() <= code.block.height + 0.5,
                "{b:?}"
            );
        }
    }

    #[test]
    fn long_addresses_break_after_a_slash() {
        let lines = address_lines("your-clinic.example/videos/seated-arm-raise", 10.0, mm(40.0));
        assert_eq!(lines, ["your-clinic.example/", "videos/seated-arm-raise"]);
        let lines = address_lines(&"x".repeat(60), 10.0, mm(40.0));
        assert!(lines.len() >= 2 && lines.concat() == "x".repeat(60), "{lines:?}");
    }

    #[test]
    fn blocks_cover_exactly_the_dark_modules() {
        let rows = vec![vec![(0, 2), (3, 1)], vec![(0, 2)], vec![(3, 1)]];
        assert_eq!(blocks(&rows), [(0, 0, 2, 2), (3, 0, 1, 1), (3, 2, 1, 1)]);
        let qr = QrCode::with_error_correction_level(b"https://x.example/abc", EcLevel::M).unwrap();
        let n = qr.width();
        let dark: usize = qr.to_colors().iter().filter(|c| **c == Module::Dark).count();
        let rows: Vec<_> = qr.to_colors().chunks(n).map(dark_runs).collect();
        let found = blocks(&rows);
        assert_eq!(found.iter().map(|b| b.2 * b.3).sum::<usize>(), dark);
        assert!(found.len() < rows.iter().map(Vec::len).sum::<usize>());
    }

    #[test]
    fn runs_cover_the_dark_modules() {
        use Module::{Dark as D, Light as L};
        assert_eq!(dark_runs(&[D, D, L, D, L, L, D]), [(0, 2), (3, 1), (6, 1)]);
        assert!(dark_runs(&[L, L]).is_empty());
    }
}
