//! A small engine abstraction for the tests that run SQL on real databases
//! (limits, injection, differential): run SQL with parameters, get rows back.
//!
//! SQLite runs through `SqliteExt`; PostgreSQL and MariaDB through
//! tokio-postgres and mysql_async directly, binding only the value types these
//! tests use (i64, text, bool, NULL, f64). The glue is local to the tests on
//! purpose: it is not the crates' execution layer.
//!
//! Servers, their settings and what happens when one does not answer
//! (`CI=true` fails the test, otherwise it prints `skipped: <why>`) are those
//! of tests/common/servers.rs. Each engine works in its own schema /
//! database, created per run and dropped when the engine is dropped.
#![allow(dead_code)]

#[path = "../common/servers.rs"]
mod servers;

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use sqlexpr::{Compiled, Dialect, Value};
use sqlexpr_mysql::MySql;
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::{Sqlite, SqliteExt};
use tokio::runtime::Runtime;

/// A value as an engine returns it.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// NULL.
    Null,
    /// Any integer type.
    Int(i64),
    /// Any float type.
    Real(f64),
    /// Text (also MySQL DECIMAL results, which come as text).
    Text(String),
    /// A boolean (PostgreSQL only; the others return 1 / 0).
    Bool(bool),
    /// Bytes that are not UTF-8.
    Bytes(Vec<u8>),
}

/// Column names and rows of a result.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// The result's column names.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Val>>,
}

impl Rows {
    /// The single value of a one-row, one-column result.
    pub fn single(&self) -> Option<&Val> {
        match self.rows.as_slice() {
            [row] if row.len() == 1 => row.first(),
            _ => None,
        }
    }
}

/// One database.
pub trait Engine {
    /// `sqlite`, `postgresql`, `mariadb`.
    fn name(&self) -> &'static str;
    /// The dialect that renders for this engine.
    fn dialect(&self) -> &dyn Dialect;
    /// Runs one statement as a prepared statement with bound parameters.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Rows, String>;
    /// Runs SQL text without parameters through the text protocol, where
    /// the server accepts several statements in one string (so an injected
    /// second statement would run); values come back as text.
    fn query_text(&mut self, sql: &str) -> Result<Rows, String>;

    /// Compiles nothing: runs `c` as given.
    fn run(&mut self, c: &Compiled) -> Result<Rows, String> {
        self.query(&c.sql, &c.params)
    }

    /// `name` quoted as an identifier by the dialect.
    fn ident(&self, name: &str) -> String {
        let mut s = String::new();
        self.dialect().write_identifier(&mut s, name);
        s
    }

    /// The placeholder of the `i`-th parameter (1-based).
    fn placeholder(&self, i: usize) -> String {
        let mut s = String::new();
        self.dialect().write_placeholder(&mut s, i);
        s
    }
}

/// A schema / database name for this run, tagged with the test's name.
fn unique_name(tag: &str) -> String {
    format!("{}_{tag}", servers::unique_name())
}

/// SQLite (always) plus PostgreSQL and MariaDB when they answer; `tag` names
/// the per-run schema / database.
pub fn engines(tag: &str) -> Vec<Box<dyn Engine>> {
    let mut out: Vec<Box<dyn Engine>> = vec![Box::new(SqliteEngine::new())];
    match PgEngine::connect(tag) {
        Ok(e) => out.push(Box::new(e)),
        Err(e) => servers::unreachable("postgresql", &e),
    }
    match MariaEngine::connect(tag) {
        Ok(e) => out.push(Box::new(e)),
        Err(e) => servers::unreachable("mariadb", &e),
    }
    out
}

// ---- SQLite ------------------------------------------------------------

/// In-memory SQLite through `SqliteExt`.
pub struct SqliteEngine {
    conn: Connection,
    dialect: Sqlite,
}

impl SqliteEngine {
    /// A fresh in-memory database.
    pub fn new() -> Self {
        SqliteEngine {
            conn: Connection::open_in_memory().expect("open in-memory SQLite"),
            dialect: Sqlite::new(),
        }
    }
}

fn sqlite_val(v: ValueRef<'_>) -> Val {
    match v {
        ValueRef::Null => Val::Null,
        ValueRef::Integer(i) => Val::Int(i),
        ValueRef::Real(f) => Val::Real(f),
        ValueRef::Text(t) | ValueRef::Blob(t) => match std::str::from_utf8(t) {
            Ok(s) => Val::Text(s.to_owned()),
            Err(_) => Val::Bytes(t.to_vec()),
        },
    }
}

impl Engine for SqliteEngine {
    fn name(&self) -> &'static str {
        "sqlite"
    }

    fn dialect(&self) -> &dyn Dialect {
        &self.dialect
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Rows, String> {
        let c = Compiled::new(sql, params.to_vec());
        let mut columns = Vec::new();
        let mut rows = Vec::new();
        self.conn
            .for_each_compiled(&c, &mut |row| {
                let stmt = row.as_ref();
                if columns.is_empty() {
                    columns = stmt.column_names().map(|s| s.to_string()).collect();
                }
                let n = stmt.column_count();
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    out.push(sqlite_val(row.get_ref(i)?));
                }
                rows.push(out);
                Ok(())
            })
            .map_err(|e| e.to_string())?;
        Ok(Rows { columns, rows })
    }

    /// rusqlite prepares one statement and rejects a string holding more.
    fn query_text(&mut self, sql: &str) -> Result<Rows, String> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| e.to_string())?;
        let columns: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let n = columns.len();
        let mut q = stmt.query([]).map_err(|e| e.to_string())?;
        let mut rows = Vec::new();
        while let Some(row) = q.next().map_err(|e| e.to_string())? {
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(sqlite_val(row.get_ref(i).map_err(|e| e.to_string())?));
            }
            rows.push(out);
        }
        Ok(Rows { columns, rows })
    }
}

// ---- PostgreSQL --------------------------------------------------------

/// PostgreSQL through tokio-postgres, in a schema of its own.
pub struct PgEngine {
    rt: Runtime,
    client: tokio_postgres::Client,
    schema: String,
    dialect: Postgres,
}

fn runtime() -> Result<Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

impl PgEngine {
    /// Connects and creates a fresh schema, first on the search path.
    pub fn connect(tag: &str) -> Result<Self, String> {
        let rt = runtime()?;
        let client = rt.block_on(async {
            let (client, conn) = tokio_postgres::connect(servers::PG_URL, tokio_postgres::NoTls)
                .await
                .map_err(|e| e.to_string())?;
            tokio::spawn(conn);
            Ok::<_, String>(client)
        })?;
        let schema = unique_name(tag);
        let mut e = PgEngine {
            rt,
            client,
            schema: schema.clone(),
            dialect: Postgres::new(),
        };
        let q = e.ident(&schema);
        e.query_text(&format!("CREATE SCHEMA {q}; SET search_path TO {q}"))?;
        Ok(e)
    }
}

impl Drop for PgEngine {
    fn drop(&mut self) {
        let sql = format!("DROP SCHEMA {} CASCADE", self.ident(&self.schema));
        let _ = self.rt.block_on(self.client.simple_query(&sql));
    }
}

fn pg_err(e: tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.code().code(), db.message()),
        None => e.to_string(),
    }
}

fn pg_val(row: &tokio_postgres::Row, i: usize) -> Result<Val, String> {
    use tokio_postgres::types::Type;
    let ty = row.columns()[i].type_().clone();
    let r = match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(i).map(|v| v.map(Val::Int)),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)
            .map(|v| v.map(|v| Val::Int(v.into()))),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)
            .map(|v| v.map(|v| Val::Int(v.into()))),
        Type::BOOL => row.try_get::<_, Option<bool>>(i).map(|v| v.map(Val::Bool)),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i).map(|v| v.map(Val::Real)),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)
            .map(|v| v.map(|v| Val::Real(v.into()))),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => row
            .try_get::<_, Option<String>>(i)
            .map(|v| v.map(Val::Text)),
        other => return Err(format!("the test glue does not decode {other}")),
    };
    Ok(r.map_err(|e| e.to_string())?.unwrap_or(Val::Null))
}

type PgParam = Box<dyn tokio_postgres::types::ToSql + Sync + Send>;

/// The value and its declared type: parameters are prepared with explicit
/// types, so `$1 + $2` is `int8 + int8`, not an unresolvable `unknown`.
fn pg_param(v: &Value) -> Result<(PgParam, tokio_postgres::types::Type), String> {
    use tokio_postgres::types::Type;
    Ok(match v {
        Value::I64(i) => (Box::new(*i), Type::INT8),
        Value::I32(i) => (Box::new(i64::from(*i)), Type::INT8),
        Value::Text(s) => (Box::new(s.to_string()), Type::TEXT),
        Value::Bool(b) => (Box::new(*b), Type::BOOL),
        Value::F64(f) => (Box::new(*f), Type::FLOAT8),
        Value::Null => (Box::new(None::<String>), Type::TEXT),
        other => return Err(format!("the test glue does not bind {}", other.kind())),
    })
}

impl Engine for PgEngine {
    fn name(&self) -> &'static str {
        "postgresql"
    }

    fn dialect(&self) -> &dyn Dialect {
        &self.dialect
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Rows, String> {
        let (values, types): (Vec<PgParam>, Vec<_>) = params
            .iter()
            .map(pg_param)
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .unzip();
        let client = &self.client;
        self.rt.block_on(async {
            let stmt = client.prepare_typed(sql, &types).await.map_err(pg_err)?;
            let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = values
                .iter()
                .map(|b| &**b as &(dyn tokio_postgres::types::ToSql + Sync))
                .collect();
            let rows = client.query(&stmt, &refs).await.map_err(pg_err)?;
            let columns = stmt.columns().iter().map(|c| c.name().to_owned()).collect();
            let rows = rows
                .iter()
                .map(|r| (0..r.len()).map(|i| pg_val(r, i)).collect())
                .collect::<Result<_, _>>()?;
            Ok(Rows { columns, rows })
        })
    }

    fn query_text(&mut self, sql: &str) -> Result<Rows, String> {
        use tokio_postgres::SimpleQueryMessage as M;
        let msgs = self
            .rt
            .block_on(self.client.simple_query(sql))
            .map_err(pg_err)?;
        let mut out = Rows {
            columns: Vec::new(),
            rows: Vec::new(),
        };
        for m in msgs {
            match m {
                M::RowDescription(cols) if out.columns.is_empty() => {
                    out.columns = cols.iter().map(|c| c.name().to_owned()).collect();
                }
                M::Row(r) => {
                    out.rows.push(
                        (0..r.len())
                            .map(|i| r.get(i).map_or(Val::Null, |s| Val::Text(s.to_owned())))
                            .collect(),
                    );
                }
                _ => {}
            }
        }
        Ok(out)
    }
}

// ---- MariaDB -----------------------------------------------------------

/// MariaDB through mysql_async, in a database of its own (utf8mb4, binary
/// collation, so text round-trips byte for byte).
pub struct MariaEngine {
    rt: Runtime,
    conn: Option<mysql_async::Conn>,
    database: String,
    dialect: MySql,
}

fn my_val(v: mysql_async::Value) -> Val {
    use mysql_async::Value as V;
    match v {
        V::NULL => Val::Null,
        V::Int(i) => Val::Int(i),
        V::UInt(u) => i64::try_from(u).map_or(Val::Text(u.to_string()), Val::Int),
        V::Float(f) => Val::Real(f.into()),
        V::Double(f) => Val::Real(f),
        V::Bytes(b) => match String::from_utf8(b) {
            Ok(s) => Val::Text(s),
            Err(e) => Val::Bytes(e.into_bytes()),
        },
        other => Val::Text(format!("{other:?}")),
    }
}

fn my_param(v: &Value) -> Result<mysql_async::Value, String> {
    use mysql_async::Value as V;
    Ok(match v {
        Value::I64(i) => V::Int(*i),
        Value::I32(i) => V::Int((*i).into()),
        Value::Text(s) => V::Bytes(s.as_bytes().to_vec()),
        Value::Bool(b) => V::Int((*b).into()),
        Value::F64(f) => V::Double(*f),
        Value::Null => V::NULL,
        other => return Err(format!("the test glue does not bind {}", other.kind())),
    })
}

fn my_rows(rows: Vec<mysql_async::Row>) -> Rows {
    let columns = rows
        .first()
        .map(|r| {
            r.columns_ref()
                .iter()
                .map(|c| c.name_str().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let rows = rows
        .into_iter()
        .map(|r| r.unwrap().into_iter().map(my_val).collect())
        .collect();
    Rows { columns, rows }
}

impl MariaEngine {
    /// Connects and creates a fresh database.
    pub fn connect(tag: &str) -> Result<Self, String> {
        use mysql_async::prelude::Queryable;
        let rt = runtime()?;
        let database = unique_name(tag);
        let conn = rt.block_on(async {
            let opts =
                mysql_async::Opts::from_url(servers::MYSQL_URL).map_err(|e| e.to_string())?;
            let mut conn = mysql_async::Conn::new(opts)
                .await
                .map_err(|e| e.to_string())?;
            let q = format!("`{database}`");
            conn.query_drop(format!(
                "CREATE DATABASE {q} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
            ))
            .await
            .map_err(|e| e.to_string())?;
            conn.query_drop(format!("USE {q}"))
                .await
                .map_err(|e| e.to_string())?;
            conn.query_drop("SET NAMES utf8mb4 COLLATE utf8mb4_bin")
                .await
                .map_err(|e| e.to_string())?;
            Ok::<_, String>(conn)
        })?;
        Ok(MariaEngine {
            rt,
            conn: Some(conn),
            database,
            dialect: MySql::mariadb(),
        })
    }
}

impl Drop for MariaEngine {
    fn drop(&mut self) {
        use mysql_async::prelude::Queryable;
        if let Some(mut conn) = self.conn.take() {
            let sql = format!("DROP DATABASE `{}`", self.database);
            self.rt.block_on(async {
                let _ = conn.query_drop(sql).await;
                let _ = conn.disconnect().await;
            });
        }
    }
}

impl Engine for MariaEngine {
    fn name(&self) -> &'static str {
        "mariadb"
    }

    fn dialect(&self) -> &dyn Dialect {
        &self.dialect
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Rows, String> {
        use mysql_async::prelude::Queryable;
        let params = params.iter().map(my_param).collect::<Result<Vec<_>, _>>()?;
        let conn = self.conn.as_mut().ok_or("closed")?;
        let params = if params.is_empty() {
            mysql_async::Params::Empty
        } else {
            mysql_async::Params::Positional(params)
        };
        let rows: Vec<mysql_async::Row> = self
            .rt
            .block_on(conn.exec(sql, params))
            .map_err(|e| e.to_string())?;
        Ok(my_rows(rows))
    }

    fn query_text(&mut self, sql: &str) -> Result<Rows, String> {
        use mysql_async::prelude::Queryable;
        let conn = self.conn.as_mut().ok_or("closed")?;
        let rows: Vec<mysql_async::Row> = self
            .rt
            .block_on(conn.query(sql))
            .map_err(|e| e.to_string())?;
        Ok(my_rows(rows))
    }
}
