//! The binary's memory allocator: mimalloc for small blocks, the system's
//! for large ones.
//!
//! Laying out and writing a sheet makes many small, short-lived
//! allocations (text runs, PDF objects), which mimalloc serves with fewer
//! instructions than glibc (measured: about a tenth fewer for a 4-week
//! plan, and less CPU time for a batch). Large blocks stay with the system
//! allocator, which maps them from the kernel and grows them in place
//! (`mremap`) and returns them when freed: a picture decoder growing a
//! buffer to many megabytes then never holds two copies at once, so the
//! memory bounds for hostile pictures hold as before.
//!
//! Which allocator owns a block follows from its size alone, which every
//! call is given, so a block is always freed by the allocator that made it.

use std::alloc::{GlobalAlloc, Layout, System};

/// From this size on, blocks come from the system allocator (glibc maps
/// blocks this large from the kernel directly).
pub const LARGE: usize = 256 * 1024;

/// mimalloc below [`LARGE`], the system allocator from it on.
pub struct Allocator;

fn large(size: usize) -> bool {
    size >= LARGE
}

// SAFETY: every block is made and freed by the same allocator, chosen by
// the size in its layout (the same layout is passed to `dealloc`, and a
// block `realloc` returns has the new size); both allocators meet the
// `GlobalAlloc` contract themselves.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: passed on as given.
        unsafe { if large(layout.size()) { System.alloc(layout) } else { mimalloc::MiMalloc.alloc(layout) } }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: passed on as given.
        unsafe {
            if large(layout.size()) {
                System.alloc_zeroed(layout)
            } else {
                mimalloc::MiMalloc.alloc_zeroed(layout)
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from the allocator its size chose.
        unsafe {
            if large(layout.size()) {
                System.dealloc(ptr, layout)
            } else {
                mimalloc::MiMalloc.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from the allocator `layout`'s size chose; a
        // block moving between the two is copied and the old one freed by
        // its own allocator.
        unsafe {
            match (large(layout.size()), large(new_size)) {
                (true, true) => System.realloc(ptr, layout, new_size),
                (false, false) => mimalloc::MiMalloc.realloc(ptr, layout, new_size),
                _ => {
                    let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                    let new = self.alloc(new_layout);
                    if !new.is_null() {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    new
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks made, grown across the boundary both ways and freed keep
    /// their bytes.
    #[test]
    fn blocks_keep_their_bytes_across_the_two_allocators() {
        let a = Allocator;
        for (from, to) in
            [(64, 100), (64, LARGE + 10), (LARGE + 10, 64), (LARGE, 4 * LARGE), (3 * LARGE, LARGE)]
        {
            let layout = Layout::from_size_align(from, 16).unwrap();
            // SAFETY: a non-zero layout; the block is written within its
            // size, grown once and freed with its new layout.
            unsafe {
                let p = a.alloc(layout);
                assert!(!p.is_null());
                for i in 0..from {
                    *p.add(i) = (i % 251) as u8;
                }
                let q = a.realloc(p, layout, to);
                assert!(!q.is_null());
                assert_eq!(q as usize % 16, 0);
                for i in 0..from.min(to) {
                    assert_eq!(*q.add(i), (i % 251) as u8, "{from} → {to} at {i}");
                }
                a.dealloc(q, Layout::from_size_align(to, 16).unwrap());
            }
        }
        let zeroed = Layout::from_size_align(LARGE + 1, 8).unwrap();
        // SAFETY: as above.
        unsafe {
            let p = a.alloc_zeroed(zeroed);
            assert!((0..zeroed.size()).all(|i| *p.add(i) == 0));
            a.dealloc(p, zeroed);
        }
    }
}
