//! sqlexpr side by side with sea-query, in one process: build + compile time
//! of the corpus (statements a–h, PostgreSQL and SQLite), allocations per
//! build + compile, end to end on SQLite, and bulk inserts.
//!
//! `cargo bench --bench compare`. Medians over many samples; the ratio is
//! sea-query / sqlexpr (above 1: sqlexpr is faster).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[path = "common/bulk.rs"]
mod bulk;
#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/e2e.rs"]
#[allow(clippy::duplicate_mod)]
mod e2e;

use corpus::{sq_build, sx_build, Dialects, Inputs, Schema, Target, IDS};

/// Counts allocation calls and bytes while switched on.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static CALLS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

fn count(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        CALLS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(bytes as u64, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to `System`; the counters are
// atomics and do not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: forwarded with the caller's pointer, layout and size.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocation calls and bytes of one run of `f`.
fn allocations<R>(f: impl FnOnce() -> R) -> (u64, u64) {
    CALLS.store(0, Ordering::SeqCst);
    BYTES.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    let r = f();
    drop(black_box(r));
    COUNTING.store(false, Ordering::SeqCst);
    (CALLS.load(Ordering::SeqCst), BYTES.load(Ordering::SeqCst))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Per-iteration nanoseconds of `a` and `b`: samples interleaved, each the
/// mean of a batch sized so that one call of each takes about `sample`
/// together; medians.
fn measure_pair<A, B>(mut a: A, mut b: B, samples: usize, sample: Duration) -> (f64, f64)
where
    A: FnMut(),
    B: FnMut(),
{
    // Warm up and size the batch.
    let warm = Instant::now();
    let mut n = 0u64;
    while warm.elapsed() < sample * 4 {
        a();
        b();
        n += 1;
    }
    let per_pair = warm.elapsed().as_secs_f64() / n as f64;
    let iters = ((sample.as_secs_f64() / per_pair).ceil() as u64).max(1);
    let mut ta = Vec::with_capacity(samples);
    let mut tb = Vec::with_capacity(samples);
    for s in 0..samples {
        // Alternate which goes first.
        let mut run_a = |ta: &mut Vec<f64>| {
            let t = Instant::now();
            for _ in 0..iters {
                a();
            }
            ta.push(t.elapsed().as_nanos() as f64 / iters as f64);
        };
        if s % 2 == 0 {
            run_a(&mut ta);
            let t = Instant::now();
            for _ in 0..iters {
                b();
            }
            tb.push(t.elapsed().as_nanos() as f64 / iters as f64);
        } else {
            let t = Instant::now();
            for _ in 0..iters {
                b();
            }
            tb.push(t.elapsed().as_nanos() as f64 / iters as f64);
            run_a(&mut ta);
        }
    }
    (median(&mut ta), median(&mut tb))
}

fn corpus_table() {
    let schema = Schema::new();
    let inputs = Inputs::new();
    let dialects = Dialects::new();
    println!("build + compile, median ns per statement (ratio = sea-query / sqlexpr)");
    for id in IDS {
        for t in Target::ALL {
            let d = dialects.get(t);
            let (sx, sq) = measure_pair(
                || {
                    black_box(sx_build(black_box(id), &schema, &inputs, d));
                },
                || {
                    black_box(sq_build(black_box(id), &inputs, t));
                },
                101,
                Duration::from_millis(2),
            );
            println!(
                "{id} {:<6} sqlexpr {:>9.0} sea-query {:>9.0} ratio {:.2}",
                t.name(),
                sx,
                sq,
                sq / sx
            );
        }
    }
}

fn allocation_table() {
    let schema = Schema::new();
    let inputs = Inputs::new();
    let dialects = Dialects::new();
    println!();
    println!("allocations per build + compile (calls / bytes; ratio = sqlexpr / sea-query calls)");
    for id in ["a", "c", "f"] {
        for t in Target::ALL {
            let d = dialects.get(t);
            // Warm any lazily initialised state first.
            black_box(sx_build(id, &schema, &inputs, d));
            black_box(sq_build(id, &inputs, t));
            let (sc, sb) = allocations(|| sx_build(id, &schema, &inputs, d));
            let (qc, qb) = allocations(|| sq_build(id, &inputs, t));
            println!(
                "{id} {:<6} sqlexpr {:>5} calls {:>7} bytes   sea-query {:>5} calls {:>7} bytes   ratio {:.2}",
                t.name(),
                sc,
                sb,
                qc,
                qb,
                sc as f64 / qc as f64
            );
        }
    }
}

fn e2e_table() {
    println!();
    println!(
        "end to end: SQLite in memory, {} rows, {} shuffled lookups by id (median of rounds)",
        e2e::ROWS,
        e2e::ROWS
    );
    let fx = e2e::Fixture::new();
    let rounds = 9;
    let (mut hand, mut sx, mut bound, mut sq) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // Warm the statement caches.
    black_box(fx.run_hand());
    black_box(fx.run_sqlexpr());
    black_box(fx.run_sqlexpr_bound());
    black_box(fx.run_sea_query());
    for _ in 0..rounds {
        let t = Instant::now();
        black_box(fx.run_hand());
        hand.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        black_box(fx.run_sqlexpr());
        sx.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        black_box(fx.run_sqlexpr_bound());
        bound.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        black_box(fx.run_sea_query());
        sq.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (hand, sx, bound, sq) = (
        median(&mut hand),
        median(&mut sx),
        median(&mut bound),
        median(&mut sq),
    );
    println!("e2e hand-written {hand:.2} ms");
    println!("e2e sqlexpr      {sx:.2} ms   ratio {:.2}", sx / hand);
    println!(
        "e2e sqlexpr compiled once, bind(\"id\") per lookup {bound:.2} ms   ratio {:.2}",
        bound / hand
    );
    println!("e2e sea-query    {sq:.2} ms   ratio {:.2}", sq / hand);
}

fn print_bulk(db: &str, hand: &mut [f64], sx: &mut [f64]) {
    let (h, s) = (median(hand), median(sx));
    println!(
        "bulk {db:<8} hand-written {h:>8.1} ms   sqlexpr {s:>8.1} ms   ratio {:.2}",
        s / h
    );
}

fn bulk_table() {
    println!();
    println!(
        "bulk: {} rows x {} columns, batched multi-row INSERTs in one transaction (median of rounds; ratio = sqlexpr / hand-written)",
        bulk::ROWS,
        bulk::COLUMNS
    );
    let rows = bulk::rows(bulk::ROWS);
    let name = bulk::table_name();
    let table = bulk::table(&name);
    let rounds = 5;

    let mut conn = bulk::sqlite_db(&name);
    let (mut hand, mut sx) = (Vec::new(), Vec::new());
    bulk::sqlite_hand(&mut conn, &name, &rows);
    bulk::sqlite_sqlexpr(&mut conn, &table, &rows);
    for _ in 0..rounds {
        hand.push(bulk::sqlite_hand(&mut conn, &name, &rows).as_secs_f64() * 1e3);
        sx.push(bulk::sqlite_sqlexpr(&mut conn, &table, &rows).as_secs_f64() * 1e3);
    }
    print_bulk("sqlite", &mut hand, &mut sx);
    drop(conn);

    let rt = bulk::runtime();
    rt.block_on(async {
        match bulk::pg_connect(&name).await {
            Err(e) => println!("bulk postgres skipped: server not answering ({e})"),
            Ok(mut client) => {
                let (mut hand, mut sx) = (Vec::new(), Vec::new());
                bulk::pg_hand(&mut client, &name, &rows).await;
                bulk::pg_sqlexpr(&mut client, &table, &rows).await;
                for _ in 0..rounds {
                    hand.push(bulk::pg_hand(&mut client, &name, &rows).await.as_secs_f64() * 1e3);
                    sx.push(
                        bulk::pg_sqlexpr(&mut client, &table, &rows)
                            .await
                            .as_secs_f64()
                            * 1e3,
                    );
                }
                bulk::pg_drop(&client, &name).await;
                print_bulk("postgres", &mut hand, &mut sx);
            }
        }
        match bulk::mysql_connect(&name).await {
            Err(e) => println!("bulk mariadb skipped: server not answering ({e})"),
            Ok(mut conn) => {
                let (mut hand, mut sx) = (Vec::new(), Vec::new());
                bulk::mysql_hand(&mut conn, &name, &rows).await;
                bulk::mysql_sqlexpr(&mut conn, &table, &rows).await;
                for _ in 0..rounds {
                    hand.push(
                        bulk::mysql_hand(&mut conn, &name, &rows)
                            .await
                            .as_secs_f64()
                            * 1e3,
                    );
                    sx.push(
                        bulk::mysql_sqlexpr(&mut conn, &table, &rows)
                            .await
                            .as_secs_f64()
                            * 1e3,
                    );
                }
                bulk::mysql_drop(&mut conn, &name).await;
                let _ = conn.disconnect().await;
                print_bulk("mariadb", &mut hand, &mut sx);
            }
        }
    });
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then
    // only check that everything runs once.
    let bench = std::env::args().any(|a| a == "--bench");
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let on = |part: &str| filter.as_deref().map_or(true, |f| part.contains(f));
    // `compare --bench profile-<id>`: only sqlexpr building statement <id>
    // (PostgreSQL) in a loop, for a profiler.
    if filter.as_deref() == Some("profile-bulk") {
        let rows = bulk::rows(bulk::ROWS);
        let name = bulk::table_name();
        let table = bulk::table(&name);
        let mut conn = bulk::sqlite_db(&name);
        for _ in 0..3 {
            black_box(bulk::sqlite_sqlexpr(&mut conn, &table, &rows));
        }
        return;
    }
    if filter.as_deref() == Some("profile-bulk-hand") {
        let rows = bulk::rows(bulk::ROWS);
        let name = bulk::table_name();
        let mut conn = bulk::sqlite_db(&name);
        for _ in 0..3 {
            black_box(bulk::sqlite_hand(&mut conn, &name, &rows));
        }
        return;
    }
    if filter.as_deref() == Some("profile-e2e-hand") {
        let fx = e2e::Fixture::new();
        for _ in 0..3 {
            black_box(fx.run_hand());
        }
        return;
    }
    if filter.as_deref() == Some("profile-e2e-bound") {
        let fx = e2e::Fixture::new();
        for _ in 0..3 {
            black_box(fx.run_sqlexpr_bound());
        }
        return;
    }
    if filter.as_deref() == Some("profile-e2e") {
        let fx = e2e::Fixture::new();
        for _ in 0..3 {
            black_box(fx.run_sqlexpr());
        }
        return;
    }
    // `profile-sq-<id>`: the same with sea-query, for the instruction count
    // side by side.
    if let Some(id) = filter
        .as_deref()
        .and_then(|f| f.strip_prefix("profile-sq-"))
    {
        let inputs = Inputs::new();
        let n = if id == "f" { 2_000 } else { 200_000 };
        for _ in 0..n {
            black_box(sq_build(id, &inputs, Target::Postgres));
        }
        return;
    }
    if let Some(id) = filter.as_deref().and_then(|f| f.strip_prefix("profile-")) {
        let schema = Schema::new();
        let inputs = Inputs::new();
        let dialects = Dialects::new();
        let n = if id == "f" { 2_000 } else { 200_000 };
        for _ in 0..n {
            black_box(sx_build(
                id,
                &schema,
                &inputs,
                dialects.get(Target::Postgres),
            ));
        }
        return;
    }
    if !bench {
        let schema = Schema::new();
        let inputs = Inputs::new();
        let dialects = Dialects::new();
        for id in IDS {
            for t in Target::ALL {
                black_box(sx_build(id, &schema, &inputs, dialects.get(t)));
                black_box(sq_build(id, &inputs, t));
            }
        }
        println!("compare: corpus builds with both libraries (run with cargo bench to measure)");
        return;
    }
    if on("corpus") {
        corpus_table();
    }
    if on("alloc") {
        allocation_table();
    }
    if on("e2e") {
        e2e_table();
    }
    if on("bulk") {
        bulk_table();
    }
}
