//! Execution on MariaDB/MySQL through `MySqlExt`: execute, fetch_all / one /
//! optional, streaming, transactions and errors.
mod common;

use common::servers;
use mysql_async::prelude::Queryable;
use mysql_async::TxOpts;
use sqlexpr::prelude::*;
use sqlexpr::raw_with;
use sqlexpr_mysql::{row_values, Error, MySqlExt};

fn items() -> Table {
    Table::builder("items")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::Text).not_null())
        .column(Column::new("qty", SqlType::BigInteger))
        .build()
        .unwrap()
}

async fn setup(conn: &mut mysql_async::Conn) {
    conn.execute(&raw(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty BIGINT)",
    ))
    .await
    .unwrap();
    let n = conn
        .execute(&raw_with(
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
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    setup(&mut db).await;
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
    assert_eq!(rows[1].get::<Option<i64>, _>("qty"), Some(Some(30)));

    let one = db.fetch_one(&q).await.unwrap();
    assert_eq!(one.get::<String, _>(1).as_deref(), Some("pear"));
    let none = select([items.c("id")]).where_(items.c("id").eq(99));
    assert!(db.fetch_optional(&none).await.unwrap().is_none());
    assert!(matches!(db.fetch_one(&none).await, Err(Error::NoRows)));

    let n = db
        .execute(&raw_with(
            "UPDATE items SET qty = ? WHERE qty IS NOT NULL",
            [5i64],
        ))
        .await
        .unwrap();
    assert_eq!(n, 2);
    let sum = db
        .fetch_one(&select([raw_with("SUM(qty) + ?", [1i32])]).select_from(&items))
        .await
        .unwrap();
    assert_eq!(row_values(&sum).unwrap(), vec![Value::Decimal(11.into())]);

    // Streaming: the driver's QueryResult, read row by row.
    let mut result = db.stream(&q).await.unwrap();
    let mut names = Vec::new();
    while let Some(row) = result.next().await.unwrap() {
        names.push(row.get::<String, _>("name").unwrap());
    }
    drop(result);
    assert_eq!(names, ["pear", "plum"]);
}

#[tokio::test]
async fn transactions() {
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    setup(&mut db).await;
    let items = items();
    let q = select([items.c("name")]).order_by([items.c("id").asc()]);
    {
        let mut tx = db.start_transaction(TxOpts::default()).await.unwrap();
        assert_eq!(
            tx.execute(&raw("DELETE FROM items WHERE id = 1"))
                .await
                .unwrap(),
            1
        );
        assert_eq!(tx.fetch_all(&q).await.unwrap().len(), 2);
        tx.rollback().await.unwrap();
    }
    assert_eq!(db.fetch_all(&q).await.unwrap().len(), 3);
    // Statements go through mysql_async's statement cache (the server
    // counts one prepare for repeated executions).
    let prepared = |rows: Vec<mysql_async::Row>| -> u64 { rows[0].get::<u64, _>(1).unwrap() };
    let before = prepared(
        db.query("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")
            .await
            .unwrap(),
    );
    for _ in 0..3 {
        db.fetch_all(&q).await.unwrap();
    }
    let after = prepared(
        db.query("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")
            .await
            .unwrap(),
    );
    assert_eq!(
        after - before,
        0,
        "the statement was prepared above and cached"
    );
    db.fetch_all(&q.clone().limit(1)).await.unwrap();
    let again = prepared(
        db.query("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")
            .await
            .unwrap(),
    );
    assert_eq!(again - after, 1, "a new statement is prepared once");
}

#[tokio::test]
async fn errors_are_clear() {
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    setup(&mut db).await;
    let items = items();
    let q = select([items.c("id")]).where_(items.c("qty").eq(f64::NAN));
    let err = db.fetch_all(&q).await.unwrap_err();
    assert!(matches!(err, Error::Bind { param: 1, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "parameter 1: cannot bind a f64 value: MySQL cannot store NaN"
    );
    let bad = select([raw_with("? + ?", [1])]);
    assert!(matches!(db.fetch_all(&bad).await, Err(Error::Compile(_))));
    let missing = db.execute(&raw("SELECT * FROM nowhere")).await.unwrap_err();
    assert!(matches!(missing, Error::MySql(_)));
    assert!(missing.to_string().contains("nowhere"), "{missing}");
}

#[tokio::test]
async fn execute_counts_the_rows_of_returning() {
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    setup(&mut db).await;
    let items = items();
    // An earlier statement's OK packet must not be taken for this one's.
    let n = db
        .execute(&update(&items).set("qty", 1).where_(items.c("id").le(3)))
        .await
        .unwrap();
    assert_eq!(n, 3);
    let ins = insert(&items)
        .rows([
            [("id", Expr::from(7)), ("name", "fig".into())],
            [("id", Expr::from(8)), ("name", "kiwi".into())],
        ])
        .returning([items.c("id")]);
    let c = ins.compile(&sqlexpr_mysql::MySql::mariadb()).unwrap();
    assert_eq!(db.exec_compiled(&c).await.unwrap(), 2);
    let del = delete(&items)
        .where_(items.c("id").ge(7))
        .returning([items.c("name")]);
    let c = del.compile(&sqlexpr_mysql::MySql::mariadb()).unwrap();
    assert_eq!(db.exec_compiled(&c).await.unwrap(), 2);
    // The connection is still usable: the rows were read.
    let count = db
        .fetch_one(&select([func::count_star()]).select_from(&items))
        .await
        .unwrap();
    assert_eq!(count.get::<i64, _>(0), Some(3));
}

/// The reserved words MySQL calls as functions (`CURRENT_DATE()`, `USER()`)
/// compile for MySQL and run on the server; other dialects refuse them.
#[tokio::test]
async fn reserved_words_mysql_calls_as_functions() {
    let names = [
        "current_date",
        "CURRENT_TIMESTAMP",
        "user",
        "system_user",
        "localtime",
    ];
    let q = select(names.map(|n| sqlexpr::func::call(n, Vec::<Expr>::new()).is_not_null()));
    for d in [
        &common::sqlite() as &dyn sqlexpr::Dialect,
        &common::postgres(),
    ] {
        assert!(
            matches!(
                q.compile(d),
                Err(sqlexpr::Error::InvalidName {
                    kind: "function",
                    ..
                })
            ),
            "{}",
            d.name()
        );
    }
    assert!(matches!(
        select([sqlexpr::func::call("from", Vec::<Expr>::new())]).compile(&common::mariadb()),
        Err(sqlexpr::Error::InvalidName {
            kind: "function",
            ..
        })
    ));
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    let row = db.fetch_one(&q).await.unwrap();
    let got = row_values(&row).unwrap();
    assert_eq!(got, vec![Value::I32(1); 5]);
}
