//! End to end on in-memory SQLite: 10,000 lookups by id in a shuffled order,
//! hand-written rusqlite against statement a built and compiled per lookup,
//! and against statement a compiled once with a named parameter.

#![allow(dead_code)]

use std::hint::black_box;

use rusqlite::{params, Connection};
use sea_query::SqliteQueryBuilder;
use sqlexpr::prelude::*;
use sqlexpr::Compiled;
use sqlexpr_sqlite::{Sqlite, SqliteExt};

use super::corpus::{sq_a, sx_a, Schema};

/// Rows in the table and lookups per run.
pub const ROWS: i64 = 10_000;

/// The hand-written query.
pub const HAND_SQL: &str = "SELECT id, name, email FROM users WHERE id = ?1";

/// A connection with `users` filled, and the lookup order.
pub struct Fixture {
    pub conn: Connection,
    pub ids: Vec<i64>,
    pub schema: Schema,
}

impl Fixture {
    pub fn new() -> Self {
        let conn = Connection::open_in_memory().expect("sqlite");
        conn.execute_batch(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INTEGER)",
        )
        .expect("create");
        {
            let tx = conn.unchecked_transaction().expect("tx");
            {
                let mut st = tx
                    .prepare("INSERT INTO users (id, name, email, age) VALUES (?1, ?2, ?3, ?4)")
                    .expect("prepare");
                for id in 1..=ROWS {
                    st.execute(params![
                        id,
                        format!("user {id}"),
                        format!("user{id}@example.com"),
                        18 + id % 60
                    ])
                    .expect("insert");
                }
            }
            tx.commit().expect("commit");
        }
        // A fixed shuffle (xorshift, Fisher-Yates), the same every run.
        let mut ids: Vec<i64> = (1..=ROWS).collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in (1..ids.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let j = (state % (i as u64 + 1)) as usize;
            ids.swap(i, j);
        }
        Fixture {
            conn,
            ids,
            schema: Schema::new(),
        }
    }

    /// (1) hand-written SQL with `prepare_cached` + `query_row`.
    pub fn run_hand(&self) -> usize {
        let mut total = 0;
        for &id in &self.ids {
            let mut st = self.conn.prepare_cached(HAND_SQL).expect("prepare");
            let (id, name, email): (i64, String, String) = st
                .query_row([black_box(id)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .expect("row");
            total += id as usize + name.len() + email.len();
        }
        total
    }

    /// (2) statement a built and compiled with sqlexpr per lookup, run
    /// through sqlexpr-sqlite.
    pub fn run_sqlexpr(&self) -> usize {
        let mut total = 0;
        for &id in &self.ids {
            let q = sx_a(&self.schema, black_box(id));
            let (id, name, email): (i64, String, String) = self
                .conn
                .fetch_one(&q, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .expect("row");
            total += id as usize + name.len() + email.len();
        }
        total
    }

    /// (2b) statement a compiled once per run with `bind("id")`; each lookup
    /// fills the parameter (`Compiled::with_params`) and runs it through
    /// sqlexpr-sqlite: what an application that repeats a query does.
    pub fn run_sqlexpr_bound(&self) -> usize {
        let u = &self.schema.users;
        let prepared: Compiled = select([u.c("id"), u.c("name"), u.c("email")])
            .where_(u.c("id").eq(bind("id")))
            .compile(&Sqlite::new())
            .expect("compile");
        let mut total = 0;
        for &id in &self.ids {
            let c = prepared
                .with_params([("id", black_box(id))])
                .expect("params");
            let mut row: Option<(i64, String, String)> = None;
            self.conn
                .first_compiled(&c, &mut |r| {
                    row = Some((r.get(0)?, r.get(1)?, r.get(2)?));
                    Ok(())
                })
                .expect("row");
            let (id, name, email) = row.expect("a row");
            total += id as usize + name.len() + email.len();
        }
        total
    }

    /// (3) statement a built with sea-query per lookup, its values converted
    /// to rusqlite's and run with `prepare_cached` + `query_row`.
    pub fn run_sea_query(&self) -> usize {
        let mut total = 0;
        for &id in &self.ids {
            let (sql, values) = sq_a(black_box(id)).build(SqliteQueryBuilder);
            let params: Vec<rusqlite::types::Value> = values.0.into_iter().map(sq_value).collect();
            let mut st = self.conn.prepare_cached(&sql).expect("prepare");
            let (id, name, email): (i64, String, String) = st
                .query_row(rusqlite::params_from_iter(params), |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .expect("row");
            total += id as usize + name.len() + email.len();
        }
        total
    }
}

impl Default for Fixture {
    fn default() -> Self {
        Fixture::new()
    }
}

/// A sea-query value as a rusqlite value (the kinds the corpus uses).
pub fn sq_value(v: sea_query::Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as R;
    use sea_query::Value as S;
    match v {
        S::Bool(Some(b)) => R::Integer(i64::from(b)),
        S::TinyInt(Some(n)) => R::Integer(i64::from(n)),
        S::SmallInt(Some(n)) => R::Integer(i64::from(n)),
        S::Int(Some(n)) => R::Integer(i64::from(n)),
        S::BigInt(Some(n)) => R::Integer(n),
        S::Float(Some(f)) => R::Real(f64::from(f)),
        S::Double(Some(f)) => R::Real(f),
        S::String(Some(s)) => R::Text(s),
        _ => R::Null,
    }
}
