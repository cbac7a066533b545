//! A global allocator with a ceiling, for reader processes. Over the ceiling an
//! allocation fails, and Rust ends the process on a failed allocation: in a reader
//! process that ends only the reader, and the parent names the file. In the main
//! process the ceiling is never set and each allocation goes straight to the system.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The system allocator, counting and capped once [`cap`] was called.
pub struct Capped;

static ACTIVE: AtomicBool = AtomicBool::new(false);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
static USED: AtomicUsize = AtomicUsize::new(0);
static REFUSED: AtomicBool = AtomicBool::new(false);

/// Whether an allocation was refused since the last call: a reader that met its cap
/// and went on (a `Vec::try_reserve` that failed, an error swallowed) has not read its
/// file whole, whatever it answers.
pub fn refused() -> bool {
    REFUSED.swap(false, Ordering::SeqCst)
}

/// Caps this process's heap at `bytes`: for a reader process, before it reads
/// anything.
pub fn cap(bytes: usize) {
    LIMIT.store(bytes, Ordering::SeqCst);
    ACTIVE.store(true, Ordering::SeqCst);
}

/// Counts `size` more bytes; false (and nothing counted) when that would pass the cap.
fn take(size: usize) -> bool {
    let before = USED.fetch_add(size, Ordering::Relaxed);
    if before.saturating_add(size) > LIMIT.load(Ordering::Relaxed) {
        USED.fetch_sub(size, Ordering::Relaxed);
        REFUSED.store(true, Ordering::Relaxed);
        return false;
    }
    true
}

/// Uncounts `size` bytes; never below zero, since memory taken before the cap was set
/// is given back uncounted.
fn give(size: usize) {
    let _ = USED.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
        Some(used.saturating_sub(size))
    });
}

// SAFETY: every call is passed on to `System` unchanged; the counting only decides
// whether to pass it on, and a refused allocation returns null as the trait allows.
unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !ACTIVE.load(Ordering::Relaxed) {
            return unsafe { System.alloc(layout) };
        }
        if !take(layout.size()) {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            give(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !ACTIVE.load(Ordering::Relaxed) {
            return unsafe { System.alloc_zeroed(layout) };
        }
        if !take(layout.size()) {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            give(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        if ACTIVE.load(Ordering::Relaxed) {
            give(layout.size());
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !ACTIVE.load(Ordering::Relaxed) {
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        let old = layout.size();
        if new_size > old && !take(new_size - old) {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        match (p.is_null(), new_size > old) {
            (true, true) => give(new_size - old),
            (false, false) => give(old - new_size),
            _ => {}
        }
        p
    }
}
