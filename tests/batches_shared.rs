//! Bulk-insert batches that share their SQL: on a dialect whose bound
//! values all render as the same placeholder (`value_sql_is_uniform`, as
//! SQLite's), batches of as many rows as the one before re-use its SQL and
//! only collect their values. They must equal what rendering each batch
//! gives, and insert the same rows.

use sqlexpr::prelude::*;
use sqlexpr::render::Dialect;
use sqlexpr_sqlite::{Sqlite, SqliteExt};

/// SQLite's SQL, rendered batch by batch (the default: not uniform).
struct Rendered(Sqlite);

impl Dialect for Rendered {
    fn name(&self) -> &'static str {
        "sqlite"
    }
    fn max_params(&self) -> usize {
        self.0.max_params()
    }
}

fn items() -> Table {
    Table::builder("items")
        .column(Column::new("id", SqlType::Integer))
        .column(Column::new("name", SqlType::Text))
        .column(Column::new("price", SqlType::Double))
        .build()
        .unwrap()
}

fn rows(t: &Table, n: i32) -> Insert {
    insert(t).rows((1..=n).map(|i| {
        [
            ("id", value(i)),
            (
                "name",
                value(format!("item number {i} with a name past the inline size")),
            ),
            ("price", value(f64::from(i) / 4.0)),
        ]
    }))
}

#[test]
fn shared_batches_equal_rendered_ones() {
    assert!(Sqlite::new().value_sql_is_uniform());
    assert!(!Rendered(Sqlite::new()).value_sql_is_uniform());
    let t = items();
    // 3 values a row, at most 7 parameters: batches of 2 rows, the last of 1.
    for n in [1, 2, 3, 5, 6, 7] {
        let q = rows(&t, n);
        let shared = q.compile_batches_with_limit(&Sqlite::new(), 7).unwrap();
        let rendered = q
            .compile_batches_with_limit(&Rendered(Sqlite::new()), 7)
            .unwrap();
        assert_eq!(shared.len(), rendered.len(), "{n} rows");
        assert_eq!(shared.len(), usize::try_from(n).unwrap().div_ceil(2));
        for (s, r) in shared.iter().zip(&rendered) {
            assert_eq!(s.sql, r.sql, "{n} rows");
            assert_eq!(s.params, r.params, "{n} rows");
            assert_eq!(s.named_params, r.named_params, "{n} rows");
        }
    }
    let q = rows(&t, 5);
    let shared = q.compile_batches_with_limit(&Sqlite::new(), 7).unwrap();
    assert_eq!(
        shared[1].sql,
        r#"INSERT INTO "items" ("id", "name", "price") VALUES (?, ?, ?), (?, ?, ?)"#
    );
    assert_eq!(shared[1].params[0], Value::from(3));
    assert_eq!(
        shared[2].sql,
        r#"INSERT INTO "items" ("id", "name", "price") VALUES (?, ?, ?)"#
    );
}

#[test]
fn a_row_that_is_not_all_values_renders_every_batch() {
    let t = items();
    let q = insert(&t).rows((1..=4).map(|i: i32| {
        [
            ("id", value(i)),
            ("name", value("x")),
            ("price", value(1.5) * value(f64::from(i))),
        ]
    }));
    let shared = q.compile_batches_with_limit(&Sqlite::new(), 8).unwrap();
    let rendered = q
        .compile_batches_with_limit(&Rendered(Sqlite::new()), 8)
        .unwrap();
    assert_eq!(shared.len(), 2);
    for (s, r) in shared.iter().zip(&rendered) {
        assert_eq!((&s.sql, &s.params), (&r.sql, &r.params));
    }
    assert_eq!(shared[1].params.len(), 8);
}

#[test]
fn shared_batches_insert_every_row() {
    let t = items();
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.exec_compiled(&create_table(&t).compile(&Sqlite::new()).unwrap())
        .unwrap();
    let q = rows(&t, 1001);
    let mut inserted = 0;
    for c in q.batches_with_limit(&Sqlite::new(), 300).unwrap() {
        inserted += conn.exec_compiled(&c.unwrap()).unwrap();
    }
    assert_eq!(inserted, 1001);
    let (count, sum, last): (i64, f64, String) = conn
        .query_row(
            "SELECT COUNT(*), SUM(price), (SELECT name FROM items WHERE id = 1001) FROM items",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(count, 1001);
    assert_eq!(sum, (1..=1001).map(f64::from).sum::<f64>() / 4.0);
    assert_eq!(last, "item number 1001 with a name past the inline size");
}
