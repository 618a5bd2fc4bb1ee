//! Columns: blocks set side by side in balanced columns, in reading order
//! (down the first column, then the next), for wide and landscape pages.

use super::block::Block;

/// The width of each of `count` columns across `width` with `gap`
/// between them.
pub fn column_width(width: f32, count: usize, gap: f32) -> f32 {
    let count = count.max(1) as f32;
    (width - gap * (count - 1.0)) / count
}

/// `blocks` (each laid out [`column_width`] wide) set in `count` columns,
/// in order down the first column, then the next, as evenly tall as their
/// order allows; kept together. One column is the blocks stacked.
pub fn columns(blocks: Vec<Block>, count: usize, width: f32, gap: f32) -> Block {
    let col_w = column_width(width, count, gap);
    let heights: Vec<f32> = blocks.iter().map(|b| b.height).collect();
    let cuts = balanced_cuts(&heights, count.max(1));
    let mut items = Vec::new();
    let mut height: f32 = 0.0;
    for (c, range) in cuts.iter().enumerate() {
        let x = c as f32 * (col_w + gap);
        let mut y = 0.0;
        for block in &blocks[range.clone()] {
            items.extend(block.items_at(x, y));
            y += block.height;
        }
        height = height.max(y);
    }
    Block { items, height, keep: true, ..Block::default() }
}

/// Splits `heights` into at most `count` runs in order, the tallest run
/// as short as possible.
pub(crate) fn balanced_cuts(heights: &[f32], count: usize) -> Vec<std::ops::Range<usize>> {
    let n = heights.len();
    let total: f32 = heights.iter().sum();
    // The least column height that fits: search between the tallest
    // block and the total.
    let runs = |limit: f32| {
        let mut out = vec![];
        let (mut start, mut used) = (0, 0.0);
        for (i, h) in heights.iter().enumerate() {
            if used + h > limit + 0.01 && i > start {
                out.push(start..i);
                (start, used) = (i, 0.0);
            }
            used += h;
        }
        out.push(start..n);
        out
    };
    let tallest = heights.iter().copied().fold(0.0, f32::max);
    let (mut low, mut high) = (tallest.max(total / count.max(1) as f32), total.max(0.0));
    for _ in 0..30 {
        let mid = (low + high) / 2.0;
        if runs(mid).len() <= count { high = mid } else { low = mid }
    }
    runs(high)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Item, Rect};

    #[test]
    fn cuts_keep_order_and_balance() {
        let runs = balanced_cuts(&[1.0; 10], 2);
        assert_eq!(runs, vec![0..5, 5..10]);
        let runs = balanced_cuts(&[2.0, 1.0, 1.0, 2.0], 3);
        assert_eq!(runs.len(), 3);
        assert_eq!(runs.first().map(|r| r.start), Some(0));
        assert_eq!(runs.last().map(|r| r.end), Some(4));
        assert_eq!(balanced_cuts(&[1.0, 1.0], 1), vec![0..2]);
    }

    #[test]
    fn columns_balance_their_blocks_in_order() {
        let tall = |h: f32| Block {
            items: vec![Item::Box { rect: Rect::new(0.0, 0.0, 10.0, h), fill: None, stroke: None }],
            height: h,
            ..Block::default()
        };
        let block = columns(vec![tall(10.0), tall(10.0), tall(10.0), tall(30.0)], 2, 100.0, 10.0);
        assert_eq!(block.height, 30.0);
        let xs: Vec<f32> = block.items.iter().map(|i| i.bounds().x).collect();
        assert_eq!(xs, [0.0, 0.0, 0.0, 55.0]);
        assert!(block.keep);
        let one = columns(vec![tall(10.0), tall(20.0)], 1, 100.0, 10.0);
        assert_eq!(one.height, 30.0);
    }
}
