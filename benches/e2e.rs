//! Criterion: end to end on in-memory SQLite, 10,000 shuffled lookups by id
//! per iteration: hand-written rusqlite, sqlexpr through sqlexpr-sqlite (built
//! and compiled per lookup, and compiled once with a named parameter), and
//! sea-query with rusqlite.

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/e2e.rs"]
mod e2e;

fn bench(c: &mut Criterion) {
    let fx = e2e::Fixture::new();
    let mut g = c.benchmark_group("e2e/sqlite-10k-lookups");
    g.sample_size(20);
    g.bench_function("hand-written", |b| b.iter(|| fx.run_hand()));
    g.bench_function("sqlexpr", |b| b.iter(|| fx.run_sqlexpr()));
    g.bench_function("sqlexpr-compiled-once", |b| {
        b.iter(|| fx.run_sqlexpr_bound())
    });
    g.bench_function("sea-query", |b| b.iter(|| fx.run_sea_query()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
