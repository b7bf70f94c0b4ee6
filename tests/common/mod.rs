//! Helpers shared by the integration tests: golden SQL for the three dialects
//! side by side, and execution on in-memory SQLite.
#![allow(dead_code)]

pub mod servers;

use rusqlite::types::Value as SqliteValue;
use rusqlite::Connection;
use sqlexpr::{Dialect, Error, Render, Value};
use sqlexpr_mysql::MySql;
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::{Sqlite, SqliteExt};

/// The three dialects as tests see them.
pub fn sqlite() -> Sqlite {
    Sqlite::new()
}

/// PostgreSQL.
pub fn postgres() -> Postgres {
    Postgres::new()
}

/// MySQL 8.
pub fn mysql() -> MySql {
    MySql::new()
}

/// MariaDB.
pub fn mariadb() -> MySql {
    MySql::mariadb()
}

/// Asserts the exact SQL and params of `stmt` for each dialect given.
#[track_caller]
pub fn assert_sql<const N: usize>(stmt: &dyn Render, cases: [(&dyn Dialect, &str, Vec<Value>); N]) {
    for (dialect, sql, params) in cases {
        let compiled = stmt
            .compile(dialect)
            .unwrap_or_else(|e| panic!("{}: compile failed: {e}", dialect.name()));
        assert_eq!(compiled.sql, sql, "SQL for {}", dialect.name());
        assert_eq!(compiled.params, params, "params for {}", dialect.name());
    }
}

/// Asserts the exact SQL for SQLite, PostgreSQL and MySQL, with the same
/// params for all three.
#[track_caller]
pub fn assert_sql3(
    stmt: &dyn Render,
    sqlite_sql: &str,
    postgres_sql: &str,
    mysql_sql: &str,
    params: Vec<Value>,
) {
    assert_sql(
        stmt,
        [
            (&sqlite(), sqlite_sql, params.clone()),
            (&postgres(), postgres_sql, params.clone()),
            (&mysql(), mysql_sql, params),
        ],
    );
}

/// Asserts that compiling `stmt` for `dialect` is `Error::Unsupported` whose
/// feature contains `feature`.
#[track_caller]
pub fn assert_unsupported(stmt: &dyn Render, dialect: &dyn Dialect, feature: &str) {
    match stmt.compile(dialect) {
        Err(Error::Unsupported {
            dialect: d,
            feature: f,
        }) => {
            assert_eq!(d, dialect.name());
            assert!(
                f.contains(feature),
                "unsupported feature {f:?} does not mention {feature:?}"
            );
        }
        other => panic!(
            "{}: expected Unsupported({feature}), got {other:?}",
            dialect.name()
        ),
    }
}

/// An in-memory SQLite database with the given schema (SQL script).
pub fn sqlite_db(schema: &str) -> Connection {
    let conn = Connection::open_in_memory().expect("open in-memory SQLite");
    conn.execute_batch(schema).expect("create schema");
    conn
}

/// Runs `stmt` on SQLite and returns every row as SQLite values.
#[track_caller]
pub fn sqlite_rows(conn: &Connection, stmt: &dyn Render) -> Vec<Vec<SqliteValue>> {
    conn.fetch_all(stmt, |row| {
        let n = row.as_ref().column_count();
        (0..n).map(|i| row.get::<_, SqliteValue>(i)).collect()
    })
    .unwrap_or_else(|e| panic!("sqlite execution failed: {e}"))
}

/// Shorthand for an SQLite integer.
pub fn int(v: i64) -> SqliteValue {
    SqliteValue::Integer(v)
}

/// Shorthand for SQLite text.
pub fn text(v: &str) -> SqliteValue {
    SqliteValue::Text(v.to_owned())
}

/// Shorthand for SQLite real.
pub fn real(v: f64) -> SqliteValue {
    SqliteValue::Real(v)
}

/// SQLite NULL.
pub fn null() -> SqliteValue {
    SqliteValue::Null
}

/// Bound values where the SQL around them gives no type: a select list of a
/// BIGINT, a string, `? IS NULL`, a CASE whose results are all values and
/// EXTRACT from a date value (7, 'x', false, 10, 2024).
pub fn untyped_values() -> sqlexpr::Select {
    use sqlexpr::prelude::*;
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    select([
        value(7i64).label("n"),
        value("x"),
        value(5).is_null(),
        case()
            .when(value(1).eq(1), value(10))
            .else_(value(20))
            .end(),
        sqlexpr::extract(sqlexpr::DateField::Year, value(day)),
    ])
}

/// A recursive CTE whose anchor is a bound value: `n + 1` takes its type
/// (rows 1, 2, 3).
pub fn untyped_cte_anchor() -> sqlexpr::Select {
    use sqlexpr::prelude::*;
    let nums = sqlexpr::Cte::new("nums").columns(["n"]);
    let body = select([value(1)]).union_all(
        select([nums.c("n") + 1])
            .select_from(&nums)
            .where_(nums.c("n").lt(3)),
    );
    let nums = nums.as_(body);
    select([nums.c("n")])
        .select_from(&nums)
        .with_recursive(nums)
}
