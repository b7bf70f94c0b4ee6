//! Criterion: build + compile of the corpus (statements a–h), sqlexpr and
//! sea-query, for PostgreSQL and SQLite.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "common/corpus.rs"]
mod corpus;

use corpus::{sq_build, sx_build, Dialects, Inputs, Schema, Target, IDS};

fn bench(c: &mut Criterion) {
    let schema = Schema::new();
    let inputs = Inputs::new();
    let dialects = Dialects::new();
    for id in IDS {
        let mut g = c.benchmark_group(format!("corpus/{id}"));
        for t in Target::ALL {
            let d = dialects.get(t);
            g.bench_function(format!("sqlexpr/{}", t.name()), |b| {
                b.iter(|| sx_build(black_box(id), &schema, &inputs, d))
            });
            g.bench_function(format!("sea-query/{}", t.name()), |b| {
                b.iter(|| sq_build(black_box(id), &inputs, t))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
