//! Criterion: 100,000 rows x 5 columns through batched multi-row INSERTs in
//! one transaction, sqlexpr `Insert::batches` against hand-written driver
//! code, into SQLite (in memory), PostgreSQL and MariaDB (each skipped, with
//! a note, when its server does not answer).

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "common/bulk.rs"]
mod bulk;
#[path = "common/corpus.rs"]
mod corpus;

fn bench(c: &mut Criterion) {
    let rows = bulk::rows(bulk::ROWS);
    let name = bulk::table_name();
    let table = bulk::table(&name);
    let mut g = c.benchmark_group("bulk/100k-rows");
    g.sample_size(10);

    let mut conn = bulk::sqlite_db(&name);
    g.bench_function("sqlite/hand-written", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| bulk::sqlite_hand(&mut conn, &name, &rows))
                .sum()
        })
    });
    g.bench_function("sqlite/sqlexpr", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| bulk::sqlite_sqlexpr(&mut conn, &table, &rows))
                .sum()
        })
    });

    let rt = bulk::runtime();
    match rt.block_on(bulk::pg_connect(&name)) {
        Err(e) => println!("bulk postgres skipped: server not answering ({e})"),
        Ok(mut client) => {
            g.bench_function("postgres/hand-written", |b| {
                b.iter_custom(|iters| {
                    (0..iters)
                        .map(|_| rt.block_on(bulk::pg_hand(&mut client, &name, &rows)))
                        .sum()
                })
            });
            g.bench_function("postgres/sqlexpr", |b| {
                b.iter_custom(|iters| {
                    (0..iters)
                        .map(|_| rt.block_on(bulk::pg_sqlexpr(&mut client, &table, &rows)))
                        .sum()
                })
            });
            rt.block_on(bulk::pg_drop(&client, &name));
        }
    }
    match rt.block_on(bulk::mysql_connect(&name)) {
        Err(e) => println!("bulk mariadb skipped: server not answering ({e})"),
        Ok(mut conn) => {
            g.bench_function("mariadb/hand-written", |b| {
                b.iter_custom(|iters| {
                    (0..iters)
                        .map(|_| rt.block_on(bulk::mysql_hand(&mut conn, &name, &rows)))
                        .sum()
                })
            });
            g.bench_function("mariadb/sqlexpr", |b| {
                b.iter_custom(|iters| {
                    (0..iters)
                        .map(|_| rt.block_on(bulk::mysql_sqlexpr(&mut conn, &table, &rows)))
                        .sum()
                })
            });
            rt.block_on(bulk::mysql_drop(&mut conn, &name));
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
