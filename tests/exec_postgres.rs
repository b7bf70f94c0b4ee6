//! Execution on PostgreSQL through `PgExt`: execute, fetch_all / one /
//! optional, streaming, the statement cache, transactions and errors.
mod common;

use common::servers;
use sqlexpr::prelude::*;
use sqlexpr::raw_with;
use sqlexpr_postgres::{row_values, Error, PgExt, PgTransactionExt, StatementCache};

fn items() -> Table {
    Table::builder("items")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::Text).not_null())
        .column(Column::new("qty", SqlType::BigInteger))
        .build()
        .unwrap()
}

async fn setup(client: &tokio_postgres::Client) {
    client
        .exec(&raw(
            "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty BIGINT)",
        ))
        .await
        .unwrap();
    let n = client
        .exec(&raw_with(
            "INSERT INTO items VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)",
            [
                Value::I32(1),
                "apple".into(),
                Value::I64(10),
                Value::I32(2),
                "pear".into(),
                Value::Null,
                Value::I32(3),
                "plum".into(),
                Value::I64(30),
            ],
        ))
        .await
        .unwrap();
    assert_eq!(n, 3);
}

#[tokio::test]
async fn execute_and_fetch() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    setup(&db).await;
    let items = items();
    let q = select([items.c("id"), items.c("name"), items.c("qty")])
        .where_(items.c("id").ge(2))
        .order_by([items.c("id").asc()]);

    let rows = db.fetch_all(&q).await.unwrap();
    let values: Vec<Vec<Value>> = rows.iter().map(|r| row_values(r).unwrap()).collect();
    assert_eq!(
        values,
        vec![
            vec![Value::I32(2), "pear".into(), Value::Null],
            vec![Value::I32(3), "plum".into(), Value::I64(30)],
        ]
    );
    // The driver's own rows.
    assert_eq!(rows[1].get::<_, Option<i64>>("qty"), Some(30));

    let one = db.fetch_one(&q).await.unwrap();
    assert_eq!(one.get::<_, &str>(1), "pear");
    let none = select([items.c("id")]).where_(items.c("id").eq(99));
    assert!(db.fetch_optional(&none).await.unwrap().is_none());
    assert!(matches!(db.fetch_one(&none).await, Err(Error::NoRows)));
    let some = db
        .fetch_optional(&select([items.c("name")]).where_(items.c("id").eq(1)))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(some.get::<_, String>(0), "apple");

    let n = db
        .exec(&raw_with(
            "UPDATE items SET qty = ? WHERE qty IS NOT NULL",
            [5i64],
        ))
        .await
        .unwrap();
    assert_eq!(n, 2);
    // The statement's parameter is int8: an i32 value is widened.
    let sum = db
        .fetch_one(&select([raw_with("SUM(qty) + ?", [1i32])]).select_from(&items))
        .await
        .unwrap();
    assert_eq!(row_values(&sum).unwrap(), vec![Value::Decimal(11.into())]);
}

#[tokio::test]
async fn transaction_cursor_and_cache() {
    let Some(mut db) = servers::postgres().await else {
        return;
    };
    setup(&db).await;
    let items = items();
    let q = select([items.c("name")]).order_by([items.c("id").asc()]);

    let cache = StatementCache::new(8);
    let cached = cache.on(&db.client);
    assert_eq!(cached.fetch_all(&q).await.unwrap().len(), 3);
    assert_eq!(cached.fetch_all(&q).await.unwrap().len(), 3);
    assert_eq!(cache.len(), 1);

    let tx = db.client.transaction().await.unwrap();
    assert_eq!(
        tx.exec(&raw("DELETE FROM items WHERE id = 1"))
            .await
            .unwrap(),
        1
    );
    let mut cursor = tx.cursor(&q, 1).await.unwrap();
    let mut names = Vec::new();
    while let Some(row) = cursor.next().await.unwrap() {
        names.push(row.get::<_, String>(0));
    }
    assert_eq!(names, ["pear", "plum"]);
    // The cache works inside a transaction too.
    assert_eq!(cache.on(&tx).fetch_all(&q).await.unwrap().len(), 2);
    tx.rollback().await.unwrap();
    assert_eq!(db.fetch_all(&q).await.unwrap().len(), 3);

    // The driver's stream comes back (read with futures' StreamExt).
    let stream = db.stream(&q).await.unwrap();
    assert!(stream.rows_affected().is_none());
}

#[tokio::test]
async fn errors_are_clear() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    setup(&db).await;
    let items = items();
    // Out of range for the int4 parameter: our error, naming the parameter.
    let q = select([items.c("id")]).where_(items.c("id").eq(i64::MAX));
    match db.fetch_all(&q).await {
        Err(Error::Bind { param: 1, error }) => {
            assert_eq!(error.value, "i64");
            assert_eq!(error.ty, "int4");
            assert!(error.reason.contains("out of range"), "{error}");
        }
        other => panic!("expected a bind error, got {other:?}"),
    }
    // Text compared with an integer column is refused when compiling...
    let q = select([items.c("id")]).where_(items.c("id").eq("1"));
    assert!(matches!(
        db.fetch_all(&q).await,
        Err(Error::Compile(sqlexpr::Error::Unsupported { .. }))
    ));
    // ... and text for an integer parameter is not guessed at.
    let q = select([items.c("id")]).where_(items.c("id").eq(raw_with("?", ["1"])));
    let err = db.fetch_all(&q).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "parameter $1: cannot bind a text value to a parameter of type int4: no lossless conversion; cast the parameter in SQL"
    );
    // Compile errors come back before anything is sent.
    let bad = select([raw_with("? + ?", [1])]);
    assert!(matches!(db.fetch_all(&bad).await, Err(Error::Compile(_))));
    // Server errors are the driver's.
    let missing = db.exec(&raw("SELECT * FROM nowhere")).await.unwrap_err();
    assert!(matches!(missing, Error::Postgres(_)));
    assert!(missing.to_string().contains("nowhere"), "{missing}");
}

/// Values where the SQL around them gives no type are cast to the type of
/// their Rust value, so the server takes them and returns them typed.
#[tokio::test]
async fn values_in_untyped_positions() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let q = common::untyped_values();
    let row = db.fetch_one(&q).await.unwrap();
    let got = row_values(&row).unwrap();
    assert_eq!(
        got[..4],
        [
            Value::I64(7),
            Value::Text("x".into()),
            Value::Bool(false),
            Value::I32(10),
        ]
    );
    // EXTRACT gives NUMERIC from PostgreSQL 14, DOUBLE PRECISION before.
    assert!(
        matches!(&got[4], Value::Decimal(d) if d.to_string() == "2024")
            || got[4] == Value::F64(2024.0),
        "{:?}",
        got[4]
    );

    // The anchor of a recursive CTE: an integer, so `n + 1` is integer too.
    let q = common::untyped_cte_anchor();
    let rows = db.fetch_all(&q).await.unwrap();
    let got: Vec<Vec<Value>> = rows.iter().map(|r| row_values(r).unwrap()).collect();
    assert_eq!(
        got,
        vec![
            vec![Value::I32(1)],
            vec![Value::I32(2)],
            vec![Value::I32(3)]
        ]
    );
}
