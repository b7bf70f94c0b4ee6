//! The three real engines for the `edges` target: in-memory SQLite, and
//! PostgreSQL (127.0.0.1:5432, user `postgres`, database `test`) and MariaDB
//! (127.0.0.1:3306, `root`, database `test`) when they answer. Each server
//! run works in a schema / database of its own, named after the process.
//!
//! With `CI=true` a server that does not answer is a failure (a panic, which
//! the fuzzer reports), so CI never fuzzes one engine while believing it
//! fuzzes three; elsewhere the target prints why it skips that engine.
//!
//! A statement's outcome is one of three: it ran (with its rows), sqlexpr
//! refused it (a compile or bind error: the library said no before sending),
//! or the server rejected it, which is the finding the target looks for.

use std::sync::{Mutex, OnceLock};

use mysql_async::prelude::Queryable;
use rusqlite::types::ValueRef;
use sqlexpr::{Compiled, Dialect, Value};
use sqlexpr_mysql::{MySql, MySqlExt};
use sqlexpr_postgres::{PgExt, Postgres};
use sqlexpr_sqlite::{Sqlite, SqliteExt};
use tokio::runtime::Runtime;

/// What running one statement on one engine gave.
#[derive(Debug)]
pub enum Outcome {
    /// The rows it returned (none for a statement without a result).
    Rows(Vec<Vec<Value>>),
    /// sqlexpr refused it before the server saw it; the reason.
    Refused(String),
    /// The server (or the connection) failed it; the error.
    Rejected(String),
}

/// One engine: its name, its dialect, and a way to run compiled SQL.
pub trait Engine: Send {
    /// `sqlite`, `postgresql` or `mariadb`.
    fn name(&self) -> &'static str;
    /// The dialect that renders for it.
    fn dialect(&self) -> &dyn Dialect;
    /// Runs `c` as a prepared statement with its parameters.
    fn run(&mut self, c: &Compiled) -> Outcome;
    /// Runs SQL text without parameters (for inline literals).
    fn run_text(&mut self, sql: &str) -> Outcome;
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn unreachable(engine: &str, error: &dyn std::fmt::Display) {
    if ci() {
        panic!("{engine} not reachable (CI=true): {error}");
    }
    eprintln!("skipped: {engine} not reachable: {error}");
}

fn runtime() -> &'static Runtime {
    static RT: OnceLock<Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime")
    })
}

/// The engines, connected once per process.
pub fn engines() -> &'static Mutex<Vec<Box<dyn Engine>>> {
    static ENGINES: OnceLock<Mutex<Vec<Box<dyn Engine>>>> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let mut out: Vec<Box<dyn Engine>> = vec![Box::new(SqliteEngine::new())];
        match PgEngine::connect() {
            Ok(e) => out.push(Box::new(e)),
            Err(e) => unreachable("postgresql", &e),
        }
        match MariaEngine::connect() {
            Ok(e) => out.push(Box::new(e)),
            Err(e) => unreachable("mariadb", &e),
        }
        Mutex::new(out)
    })
}

fn run_name() -> String {
    format!("sqlexpr_fuzz_{}", std::process::id())
}

// ---- SQLite ------------------------------------------------------------

struct SqliteEngine {
    conn: rusqlite::Connection,
    dialect: Sqlite,
}

impl SqliteEngine {
    fn new() -> Self {
        SqliteEngine {
            conn: rusqlite::Connection::open_in_memory().expect("in-memory SQLite"),
            dialect: Sqlite::new(),
        }
    }
}

fn sqlite_value(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::I64(i),
        ValueRef::Real(f) => Value::F64(f),
        ValueRef::Text(t) => match std::str::from_utf8(t) {
            Ok(s) => Value::from(s),
            Err(_) => Value::from(t.to_vec()),
        },
        ValueRef::Blob(b) => Value::from(b.to_vec()),
    }
}

fn sqlite_outcome(e: sqlexpr_sqlite::Error) -> Outcome {
    match e {
        sqlexpr_sqlite::Error::Sqlite(rusqlite::Error::SqliteFailure(..))
        | sqlexpr_sqlite::Error::Sqlite(rusqlite::Error::SqlInputError { .. }) => {
            Outcome::Rejected(e.to_string())
        }
        other => Outcome::Refused(other.to_string()),
    }
}

impl Engine for SqliteEngine {
    fn name(&self) -> &'static str {
        "sqlite"
    }

    fn dialect(&self) -> &dyn Dialect {
        &self.dialect
    }

    fn run(&mut self, c: &Compiled) -> Outcome {
        let mut rows = Vec::new();
        let r = self.conn.for_each_compiled(c, &mut |row| {
            let n = row.as_ref().column_count();
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(sqlite_value(row.get_ref(i)?));
            }
            rows.push(out);
            Ok(())
        });
        match r {
            Ok(()) => Outcome::Rows(rows),
            Err(e) => sqlite_outcome(e),
        }
    }

    fn run_text(&mut self, sql: &str) -> Outcome {
        self.run(&Compiled::new(sql, Vec::new()))
    }
}

// ---- PostgreSQL --------------------------------------------------------

struct PgEngine {
    client: tokio_postgres::Client,
    dialect: Postgres,
}

impl PgEngine {
    fn connect() -> Result<Self, String> {
        let url = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=5";
        runtime().block_on(async {
            let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
                .await
                .map_err(|e| e.to_string())?;
            tokio::spawn(async move {
                let _ = conn.await;
            });
            let schema = run_name();
            client
                .batch_execute(&format!(
                    "DROP SCHEMA IF EXISTS \"{schema}\" CASCADE; CREATE SCHEMA \"{schema}\"; \
                     SET search_path TO \"{schema}\""
                ))
                .await
                .map_err(|e| e.to_string())?;
            Ok(PgEngine {
                client,
                dialect: Postgres::new(),
            })
        })
    }
}

fn pg_outcome(e: sqlexpr_postgres::Error) -> Outcome {
    match &e {
        sqlexpr_postgres::Error::Postgres(pe) if pe.as_db_error().is_some() || pe.is_closed() => {
            Outcome::Rejected(e.to_string())
        }
        _ => Outcome::Refused(e.to_string()),
    }
}

impl Engine for PgEngine {
    fn name(&self) -> &'static str {
        "postgresql"
    }

    fn dialect(&self) -> &dyn Dialect {
        &self.dialect
    }

    fn run(&mut self, c: &Compiled) -> Outcome {
        let client = &self.client;
        runtime().block_on(async {
            match client.query_compiled(c).await {
                Ok(rows) => {
                    let mut out = Vec::with_capacity(rows.len());
                    for row in &rows {
                        match sqlexpr_postgres::row_values(row) {
                            Ok(v) => out.push(v),
                            Err(e) => return Outcome::Refused(format!("decode: {e}")),
                        }
                    }
                    Outcome::Rows(out)
                }
                Err(e) => pg_outcome(e),
            }
        })
    }

    fn run_text(&mut self, sql: &str) -> Outcome {
        let client = &self.client;
        runtime().block_on(async {
            match client.simple_query(sql).await {
                Ok(msgs) => {
                    let mut out = Vec::new();
                    for m in msgs {
                        if let tokio_postgres::SimpleQueryMessage::Row(r) = m {
                            let row = (0..r.len())
                                .map(|i| r.get(i).map_or(Value::Null, Value::from))
                                .collect();
                            out.push(row);
                        }
                    }
                    Outcome::Rows(out)
                }
                Err(e) if e.as_db_error().is_some() || e.is_closed() => {
                    Outcome::Rejected(e.to_string())
                }
                Err(e) => Outcome::Refused(e.to_string()),
            }
        })
    }
}

// ---- MariaDB -----------------------------------------------------------

struct MariaEngine {
    conn: mysql_async::Conn,
    dialect: MySql,
}

impl MariaEngine {
    fn connect() -> Result<Self, String> {
        runtime().block_on(async {
            let opts = mysql_async::Opts::from_url("mysql://root@127.0.0.1:3306/test")
                .map_err(|e| e.to_string())?;
            let mut conn = mysql_async::Conn::new(opts)
                .await
                .map_err(|e| e.to_string())?;
            let db = run_name();
            conn.query_drop(format!(
                "DROP DATABASE IF EXISTS `{db}`; CREATE DATABASE `{db}`; USE `{db}`"
            ))
            .await
            .map_err(|e| e.to_string())?;
            Ok(MariaEngine {
                conn,
                dialect: MySql::mariadb(),
            })
        })
    }
}

fn my_rejected(e: &mysql_async::Error) -> bool {
    matches!(
        e,
        mysql_async::Error::Server(_) | mysql_async::Error::Io(_) | mysql_async::Error::Driver(_)
    )
}

fn my_row(row: &mysql_async::Row) -> Result<Vec<Value>, String> {
    sqlexpr_mysql::row_values(row).map_err(|e| format!("decode: {e}"))
}

impl Engine for MariaEngine {
    fn name(&self) -> &'static str {
        "mariadb"
    }

    fn dialect(&self) -> &dyn Dialect {
        &self.dialect
    }

    fn run(&mut self, c: &Compiled) -> Outcome {
        let conn = &mut self.conn;
        runtime().block_on(async {
            match conn.query_compiled(c).await {
                Ok(rows) => rows
                    .iter()
                    .map(my_row)
                    .collect::<Result<Vec<_>, _>>()
                    .map_or_else(Outcome::Refused, Outcome::Rows),
                Err(sqlexpr_mysql::Error::MySql(e)) if my_rejected(&e) => {
                    Outcome::Rejected(e.to_string())
                }
                Err(e) => Outcome::Refused(e.to_string()),
            }
        })
    }

    fn run_text(&mut self, sql: &str) -> Outcome {
        let conn = &mut self.conn;
        runtime().block_on(async {
            match conn.query::<mysql_async::Row, _>(sql).await {
                Ok(rows) => rows
                    .iter()
                    .map(my_row)
                    .collect::<Result<Vec<_>, _>>()
                    .map_or_else(Outcome::Refused, Outcome::Rows),
                Err(e) if my_rejected(&e) => Outcome::Rejected(e.to_string()),
                Err(e) => Outcome::Refused(e.to_string()),
            }
        })
    }
}
