//! Bulk insert: 100,000 rows of 5 columns through batched multi-row INSERTs
//! in one transaction, sqlexpr (`Insert::batches` + the dialect crate's
//! executor) against hand-written driver code doing the same batches.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use mysql_async::prelude::Queryable;
use sqlexpr::prelude::*;
use sqlexpr::{Dialect, Insert};
use sqlexpr_mysql::{MySql, MySqlExt};
use sqlexpr_postgres::{PgExt, Postgres};
use sqlexpr_sqlite::{Sqlite, SqliteExt};

use super::corpus::Product;

/// PostgreSQL connection settings.
pub const PG_URL: &str = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=3";
/// MariaDB connection settings.
pub const MYSQL_URL: &str = "mysql://root@127.0.0.1:3306/test";

/// Rows inserted per run.
pub const ROWS: usize = 100_000;
/// Columns per row.
pub const COLUMNS: usize = 5;

/// The rows, generated once.
pub fn rows(n: usize) -> Vec<Product> {
    (0..n)
        .map(|i| Product {
            name: format!("product {i}"),
            price: 10.0 + i as f64 / 4.0,
            category: format!("category {}", i % 7),
            created_at: 1_700_000_000 + i as i64,
            description: format!("the description of product number {i}"),
        })
        .collect()
}

/// The target table's name: unique to this process.
pub fn table_name() -> String {
    format!("sqlexpr_bench_bulk_{}", std::process::id())
}

/// The target table's metadata: the corpus's products table.
pub fn table(name: &str) -> Table {
    super::corpus::products_table(name)
}

/// The sqlexpr statement: every row, to be split by `Insert::batches`.
pub fn sx_insert(t: &Table, rows: &[Product]) -> Insert {
    insert(t).rows(rows.iter().map(|p| {
        [
            ("name", value(p.name.as_str())),
            ("price", value(p.price)),
            ("category", value(p.category.as_str())),
            ("created_at", value(p.created_at)),
            ("description", value(p.description.as_str())),
        ]
    }))
}

/// Placeholder styles of the hand-written SQL.
#[derive(Clone, Copy)]
pub enum Style {
    Question,
    Dollar,
}

/// The hand-written multi-row INSERT for `n` rows, quoted with `q`.
pub fn hand_sql(table: &str, n: usize, style: Style, q: char) -> String {
    let mut sql = String::with_capacity(96 + n * 32);
    let _ = write!(
        sql,
        "INSERT INTO {q}{table}{q} ({q}name{q}, {q}price{q}, {q}category{q}, {q}created_at{q}, {q}description{q}) VALUES "
    );
    let mut k = 0;
    for r in 0..n {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..COLUMNS {
            if c > 0 {
                sql.push_str(", ");
            }
            k += 1;
            match style {
                Style::Question => sql.push('?'),
                Style::Dollar => {
                    let _ = write!(sql, "${k}");
                }
            }
        }
        sql.push(')');
    }
    sql
}

/// Rows per batch for a dialect's parameter limit, as `compile_batches`
/// splits them.
pub fn rows_per_batch(d: &dyn Dialect) -> usize {
    d.max_params() / COLUMNS
}

// ------------------------------------------------------------------ SQLite

/// An in-memory SQLite database with the table.
pub fn sqlite_db(table: &str) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_in_memory().expect("sqlite");
    conn.execute_batch(&format!(
        "CREATE TABLE \"{table}\" (id INTEGER PRIMARY KEY, name TEXT, price REAL, category TEXT, created_at INTEGER, description TEXT)"
    ))
    .expect("create");
    conn
}

fn sqlite_reset(conn: &rusqlite::Connection, table: &str) {
    conn.execute_batch(&format!("DELETE FROM \"{table}\""))
        .expect("delete");
}

/// sqlexpr into SQLite; returns the elapsed time.
pub fn sqlite_sqlexpr(conn: &mut rusqlite::Connection, t: &Table, rows: &[Product]) -> Duration {
    sqlite_reset(conn, &t.name.name);
    let started = Instant::now();
    let q = sx_insert(t, rows);
    let d = Sqlite::new();
    let tx = conn.transaction().expect("tx");
    let mut n = 0;
    for c in q.batches(&d).expect("batches") {
        n += tx.exec_compiled(&c.expect("batch")).expect("insert");
    }
    tx.commit().expect("commit");
    let elapsed = started.elapsed();
    assert_eq!(n, rows.len());
    elapsed
}

/// Hand-written rusqlite into SQLite; returns the elapsed time.
pub fn sqlite_hand(conn: &mut rusqlite::Connection, table: &str, rows: &[Product]) -> Duration {
    sqlite_reset(conn, table);
    let started = Instant::now();
    let per = rows_per_batch(&Sqlite::new());
    let tx = conn.transaction().expect("tx");
    let mut n = 0;
    for chunk in rows.chunks(per) {
        let sql = hand_sql(table, chunk.len(), Style::Question, '"');
        let mut st = tx.prepare_cached(&sql).expect("prepare");
        let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * COLUMNS);
        for p in chunk {
            params.push(&p.name);
            params.push(&p.price);
            params.push(&p.category);
            params.push(&p.created_at);
            params.push(&p.description);
        }
        n += st
            .execute(rusqlite::params_from_iter(params))
            .expect("insert");
    }
    tx.commit().expect("commit");
    let elapsed = started.elapsed();
    assert_eq!(n, rows.len());
    elapsed
}

// -------------------------------------------------------------- PostgreSQL

/// A runtime for the server benches.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// A PostgreSQL client with the table created, or why not.
pub async fn pg_connect(table: &str) -> Result<tokio_postgres::Client, String> {
    let (client, conn) = tokio::time::timeout(
        Duration::from_secs(5),
        tokio_postgres::connect(PG_URL, tokio_postgres::NoTls),
    )
    .await
    .map_err(|_| "connect timed out".to_owned())?
    .map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    client
        .batch_execute(&format!(
            "DROP TABLE IF EXISTS \"{table}\"; CREATE TABLE \"{table}\" (id BIGSERIAL PRIMARY KEY, name TEXT, price DOUBLE PRECISION, category TEXT, created_at BIGINT, description TEXT)"
        ))
        .await
        .map_err(|e| e.to_string())?;
    Ok(client)
}

/// Drops the table.
pub async fn pg_drop(client: &tokio_postgres::Client, table: &str) {
    let _ = client
        .batch_execute(&format!("DROP TABLE IF EXISTS \"{table}\""))
        .await;
}

/// sqlexpr into PostgreSQL.
pub async fn pg_sqlexpr(
    client: &mut tokio_postgres::Client,
    t: &Table,
    rows: &[Product],
) -> Duration {
    client
        .batch_execute(&format!("TRUNCATE \"{}\"", t.name.name))
        .await
        .expect("truncate");
    let started = Instant::now();
    let q = sx_insert(t, rows);
    let d = Postgres::new();
    let tx = client.transaction().await.expect("tx");
    let mut n = 0;
    for c in q.batches(&d).expect("batches") {
        n += tx.exec_compiled(&c.expect("batch")).await.expect("insert");
    }
    tx.commit().await.expect("commit");
    let elapsed = started.elapsed();
    assert_eq!(n as usize, rows.len());
    elapsed
}

/// Hand-written tokio-postgres into PostgreSQL.
pub async fn pg_hand(
    client: &mut tokio_postgres::Client,
    table: &str,
    rows: &[Product],
) -> Duration {
    client
        .batch_execute(&format!("TRUNCATE \"{table}\""))
        .await
        .expect("truncate");
    let started = Instant::now();
    let per = rows_per_batch(&Postgres::new());
    let tx = client.transaction().await.expect("tx");
    let mut n = 0;
    for chunk in rows.chunks(per) {
        let sql = hand_sql(table, chunk.len(), Style::Dollar, '"');
        let mut params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> =
            Vec::with_capacity(chunk.len() * COLUMNS);
        for p in chunk {
            params.push(&p.name);
            params.push(&p.price);
            params.push(&p.category);
            params.push(&p.created_at);
            params.push(&p.description);
        }
        n += tx.execute(sql.as_str(), &params).await.expect("insert");
    }
    tx.commit().await.expect("commit");
    let elapsed = started.elapsed();
    assert_eq!(n as usize, rows.len());
    elapsed
}

// ----------------------------------------------------------------- MariaDB

/// A MariaDB connection with the table created, or why not.
pub async fn mysql_connect(table: &str) -> Result<mysql_async::Conn, String> {
    let opts = mysql_async::Opts::from_url(MYSQL_URL).map_err(|e| e.to_string())?;
    let mut conn = tokio::time::timeout(Duration::from_secs(5), mysql_async::Conn::new(opts))
        .await
        .map_err(|_| "connect timed out".to_owned())?
        .map_err(|e| e.to_string())?;
    conn.query_drop(format!("DROP TABLE IF EXISTS `{table}`"))
        .await
        .map_err(|e| e.to_string())?;
    conn.query_drop(format!(
        "CREATE TABLE `{table}` (id BIGINT AUTO_INCREMENT PRIMARY KEY, name TEXT, price DOUBLE, category TEXT, created_at BIGINT, description TEXT)"
    ))
    .await
    .map_err(|e| e.to_string())?;
    Ok(conn)
}

/// Drops the table.
pub async fn mysql_drop(conn: &mut mysql_async::Conn, table: &str) {
    let _ = conn
        .query_drop(format!("DROP TABLE IF EXISTS `{table}`"))
        .await;
}

/// sqlexpr into MariaDB.
pub async fn mysql_sqlexpr(conn: &mut mysql_async::Conn, t: &Table, rows: &[Product]) -> Duration {
    conn.query_drop(format!("TRUNCATE TABLE `{}`", t.name.name))
        .await
        .expect("truncate");
    let started = Instant::now();
    let q = sx_insert(t, rows);
    let d = MySql::mariadb();
    let mut tx = conn
        .start_transaction(mysql_async::TxOpts::default())
        .await
        .expect("tx");
    let mut n = 0;
    for c in q.batches(&d).expect("batches") {
        n += tx.exec_compiled(&c.expect("batch")).await.expect("insert");
    }
    tx.commit().await.expect("commit");
    let elapsed = started.elapsed();
    assert_eq!(n as usize, rows.len());
    elapsed
}

/// Hand-written mysql_async into MariaDB.
pub async fn mysql_hand(conn: &mut mysql_async::Conn, table: &str, rows: &[Product]) -> Duration {
    conn.query_drop(format!("TRUNCATE TABLE `{table}`"))
        .await
        .expect("truncate");
    let started = Instant::now();
    let per = rows_per_batch(&MySql::mariadb());
    let mut tx = conn
        .start_transaction(mysql_async::TxOpts::default())
        .await
        .expect("tx");
    let mut n = 0;
    for chunk in rows.chunks(per) {
        let sql = hand_sql(table, chunk.len(), Style::Question, '`');
        let mut params: Vec<mysql_async::Value> = Vec::with_capacity(chunk.len() * COLUMNS);
        for p in chunk {
            params.push(p.name.as_str().into());
            params.push(p.price.into());
            params.push(p.category.as_str().into());
            params.push(p.created_at.into());
            params.push(p.description.as_str().into());
        }
        let result = tx
            .exec_iter(sql.as_str(), mysql_async::Params::Positional(params))
            .await
            .expect("insert");
        n += result.affected_rows();
        result.drop_result().await.expect("drop result");
    }
    tx.commit().await.expect("commit");
    let elapsed = started.elapsed();
    assert_eq!(n as usize, rows.len());
    elapsed
}
