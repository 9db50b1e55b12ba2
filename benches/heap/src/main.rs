//! Measures the heap of the full model on one table: the bytes the library holds after reading
//! the table into claims and after reconciling them, and the most it held at once during each.
//!
//! ```text
//! cargo run --release --example scale -- --generate 1000000 --out /tmp/t6
//! cargo run --release --manifest-path benches/heap/Cargo.toml -- /tmp/t6/claims.csv
//! ```
//!
//! A process's resident peak (what `examples/scale` prints, and `/usr/bin/time -v` reports)
//! also counts what the allocator keeps after it was freed; this counts the bytes the program
//! asks for and gives back, so it moves only when the library holds less or more. It counts
//! every allocation through a global allocator that adds two relaxed atomic operations to
//! each, so time it with `examples/scale`, not here. It uses only `Table::read` and
//! `Reconciler::reconcile`, so the same crate measures an older checkout too. A crate of its
//! own: a global allocator needs `unsafe`, which the library's crate forbids.

use std::alloc::{GlobalAlloc, Layout, System};
use std::error::Error;
use std::fs::File;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use claimrecon::{Parser, Reconciler, Table};

/// The system allocator, counting the bytes held now and the most held since the last reset.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = HELD.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY (for each method): forwards to the system allocator with the caller's arguments
// unchanged; the counting touches only two atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Relaxed);
        // SAFETY: `ptr` came from this allocator with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grew(new_size - layout.size());
        } else {
            HELD.fetch_sub(layout.size() - new_size, Relaxed);
        }
        // SAFETY: `ptr` came from this allocator with `layout`; `new_size` is the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn megabytes(bytes: usize) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

/// Prints what is held now and the most held since the last reset, then resets the peak.
fn stage(name: &str) {
    let (held, peak) = (HELD.load(Relaxed), PEAK.load(Relaxed));
    println!("{name:<12} held {:>7}  peak {:>7}", megabytes(held), megabytes(peak));
    PEAK.store(held, Relaxed);
}

fn run(csv: &str) -> Result<(), Box<dyn Error>> {
    let file = File::open(csv).map_err(|e| format!("{csv}: {e}"))?;
    stage("start");
    let (mut claims, mut rejected) = (Vec::new(), 0usize);
    for item in Table::csv().read(csv, file, &Parser::default()) {
        match item {
            Ok(claim) => claims.push(claim),
            Err(_) => rejected += 1,
        }
    }
    let n = claims.len();
    stage("read");
    let result = Reconciler::new().reconcile(claims);
    stage("reconciled");
    println!(
        "claims {n}, rejected rows {rejected}, groups {}, findings {}",
        result.groups.len(),
        result.findings.len()
    );
    drop(result);
    stage("dropped");
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(csv), None) = (args.next(), args.next()) else {
        eprintln!(
            "usage: cargo run --release --manifest-path benches/heap/Cargo.toml -- TABLE.csv"
        );
        return ExitCode::from(2);
    };
    match run(&csv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
