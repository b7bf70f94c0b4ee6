//! Execution on a `rusqlite::Connection` (or a `Transaction`, through deref).

use std::fmt;
use std::time::Instant;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{CachedStatement, Connection, Row, ToSql};
use sqlexpr::{Compiled, Render, Value};

use crate::dialect::{stored_decimal, StoredDecimal, DATE_TIME_UTC};
use crate::Sqlite;

/// An error from compiling a statement or from SQLite.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The statement did not compile for SQLite.
    Compile(sqlexpr::Error),
    /// SQLite (through rusqlite) returned an error.
    Sqlite(rusqlite::Error),
    /// A query expected to return a row returned none.
    NoRows,
    /// A parameter's value that SQLite cannot store as it is.
    Bind {
        /// The parameter's number (the first `?` is 1).
        param: usize,
        /// What cannot be stored.
        error: BindError,
    },
    /// A table that cannot be reflected into sqlexpr metadata.
    Reflect {
        /// The table.
        table: String,
        /// What cannot be represented.
        reason: String,
    },
    /// The database is locked by another connection past the busy timeout
    /// (`SQLITE_BUSY`, or `SQLITE_LOCKED_SHAREDCACHE` between connections
    /// sharing a cache); the error is SQLite's. Retrying later can succeed.
    Busy(rusqlite::Error),
    /// The statement was interrupted (`SQLITE_INTERRUPT`) through an
    /// interrupt handle (see `Connection::interrupt_handle`).
    Interrupted(rusqlite::Error),
    /// The statement ran past the connection's statement timeout and was
    /// stopped (see `Connection::set_statement_timeout`).
    Timeout {
        /// The timeout it ran past.
        limit: std::time::Duration,
    },
    /// The transaction was already rolled back by SQLite itself (as it
    /// does after an interrupted or timed-out write, or a full disk):
    /// nothing more runs in it, and it cannot commit.
    TransactionAborted,
    /// A database could not be opened.
    Open {
        /// The path or URL given.
        target: String,
        /// Why, when SQLite does not say it plainly (a missing directory).
        hint: Option<String>,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// A connection URL this crate does not read.
    Url {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The pool could not hand out a connection (none free within its
    /// connection timeout, or new ones fail to open).
    #[cfg(feature = "pool")]
    Pool(r2d2::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Compile(e) => write!(f, "{e}"),
            Error::Sqlite(e) => write!(f, "sqlite: {e}"),
            Error::NoRows => f.write_str("the query returned no rows"),
            Error::Bind { param, error } => write!(f, "parameter {param}: {error}"),
            Error::Reflect { table, reason } => {
                write!(f, "cannot reflect table {table:?}: {reason}")
            }
            Error::Busy(e) => write!(f, "sqlite: the database is locked: {e}"),
            Error::Interrupted(e) => write!(f, "sqlite: the statement was interrupted: {e}"),
            Error::Timeout { limit } => write!(
                f,
                "sqlite: the statement ran past its timeout of {} ms and was stopped",
                limit.as_millis()
            ),
            Error::Open {
                target,
                hint,
                source,
            } => {
                write!(f, "cannot open the SQLite database {target:?}: {source}")?;
                if let Some(hint) = hint {
                    write!(f, " ({hint})")?;
                }
                Ok(())
            }
            Error::TransactionAborted => f.write_str(
                "sqlite: the transaction was already rolled back by SQLite after an earlier \
                 error; nothing more runs in it",
            ),
            Error::Url { url, reason } => write!(f, "invalid SQLite URL {url:?}: {reason}"),
            #[cfg(feature = "pool")]
            Error::Pool(e) => write!(f, "the pool has no connection to hand out: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Compile(e) => Some(e),
            Error::Sqlite(e) => Some(e),
            Error::Bind { error, .. } => Some(error),
            Error::Busy(e) | Error::Interrupted(e) | Error::Open { source: e, .. } => Some(e),
            #[cfg(feature = "pool")]
            Error::Pool(e) => Some(e),
            Error::NoRows
            | Error::Reflect { .. }
            | Error::Timeout { .. }
            | Error::TransactionAborted
            | Error::Url { .. } => None,
        }
    }
}

impl From<sqlexpr::Error> for Error {
    fn from(e: sqlexpr::Error) -> Self {
        Error::Compile(e)
    }
}

/// SQLite's error, as [`Error::Busy`] and [`Error::Interrupted`] where it
/// is one of those, else [`Error::Sqlite`].
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::{ffi, ErrorCode};
        let shared_cache = e.sqlite_extended_error_code() == Some(ffi::SQLITE_LOCKED_SHAREDCACHE);
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) => Error::Busy(e),
            Some(ErrorCode::DatabaseLocked) if shared_cache => Error::Busy(e),
            Some(ErrorCode::OperationInterrupted) => Error::Interrupted(e),
            _ => Error::Sqlite(e),
        }
    }
}

#[cfg(feature = "pool")]
impl From<r2d2::Error> for Error {
    fn from(e: r2d2::Error) -> Self {
        Error::Pool(e)
    }
}

/// A value that SQLite cannot store as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindError {
    /// The kind of value (see [`Value::kind`]).
    pub value: &'static str,
    /// Why it cannot be stored.
    pub reason: String,
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot bind a {} value: {}", self.value, self.reason)
    }
}

impl std::error::Error for BindError {}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A [`Value`] bound to a rusqlite statement. Text and bytes are borrowed,
/// not copied.
///
/// SQLite has five storage classes; the rest is stored as: booleans as 0/1,
/// uuids (hyphenated), dates and times, and JSON as text (dates in ISO
/// 8601, `YYYY-MM-DD HH:MM:SS[.ffffff]`, the form of SQLite's own
/// `datetime()`; a zoned timestamp in UTC with `+00:00`, so that text
/// order is time order). A decimal is an INTEGER when it is a whole number
/// within `i64`, a REAL when the double nearest to it prints back as the
/// same number (`47.79`), and text otherwise (SQLite has no exact decimal:
/// such a value keeps its digits, and compares as a number only with a
/// numeric column). Infinities are REAL. A `u64` above
/// `i64::MAX` does not fit SQLite's INTEGER, and SQLite would store a NaN as
/// NULL: both are a [`BindError`] (from the executor, [`Error::Bind`]).
#[derive(Debug, Clone, Copy)]
pub struct Bind<'a>(pub &'a Value);

impl Bind<'_> {
    /// Why SQLite cannot store the value as it is, if it cannot.
    #[inline]
    fn check(&self) -> std::result::Result<(), BindError> {
        let reason = match self.0 {
            Value::U64(v) if i64::try_from(*v).is_err() => {
                format!("{v} is above SQLite's INTEGER range (at most {})", i64::MAX)
            }
            Value::F32(v) if v.is_nan() => "SQLite stores NaN as NULL".to_owned(),
            Value::F64(v) if v.is_nan() => "SQLite stores NaN as NULL".to_owned(),
            _ => return Ok(()),
        };
        Err(BindError {
            value: self.0.kind(),
            reason,
        })
    }
}

/// Checks every parameter before any is bound ([`Error::Bind`], numbered
/// from 1).
pub(crate) fn check_params(values: &[Value]) -> Result<()> {
    for (i, v) in values.iter().enumerate() {
        Bind(v).check().map_err(|error| Error::Bind {
            param: i + 1,
            error,
        })?;
    }
    Ok(())
}

impl ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        use rusqlite::types::Value as V;
        // Only these variants can be refused (see `check`).
        if matches!(self.0, Value::U64(_) | Value::F32(_) | Value::F64(_)) {
            self.check()
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        }
        Ok(match self.0 {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Bool(b) => ToSqlOutput::Owned(V::Integer(i64::from(*b))),
            Value::I8(v) => ToSqlOutput::Owned(V::Integer(i64::from(*v))),
            Value::I16(v) => ToSqlOutput::Owned(V::Integer(i64::from(*v))),
            Value::I32(v) => ToSqlOutput::Owned(V::Integer(i64::from(*v))),
            Value::I64(v) => ToSqlOutput::Owned(V::Integer(*v)),
            Value::U8(v) => ToSqlOutput::Owned(V::Integer(i64::from(*v))),
            Value::U16(v) => ToSqlOutput::Owned(V::Integer(i64::from(*v))),
            Value::U32(v) => ToSqlOutput::Owned(V::Integer(i64::from(*v))),
            Value::U64(v) => match i64::try_from(*v) {
                Ok(v) => ToSqlOutput::Owned(V::Integer(v)),
                Err(e) => return Err(rusqlite::Error::ToSqlConversionFailure(Box::new(e))),
            },
            Value::F32(v) => ToSqlOutput::Owned(V::Real(f64::from(*v))),
            Value::F64(v) => ToSqlOutput::Owned(V::Real(*v)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
            Value::Decimal(d) => ToSqlOutput::Owned(match stored_decimal(d) {
                StoredDecimal::Integer(n) => V::Integer(n),
                StoredDecimal::Real(f) => V::Real(f),
                StoredDecimal::Text => V::Text(d.to_string()),
            }),
            Value::Uuid(u) => ToSqlOutput::Owned(V::Text(u.hyphenated().to_string())),
            Value::Date(d) => ToSqlOutput::Owned(V::Text(d.format("%Y-%m-%d").to_string())),
            Value::Time(t) => ToSqlOutput::Owned(V::Text(t.format("%H:%M:%S%.f").to_string())),
            Value::DateTime(t) => {
                ToSqlOutput::Owned(V::Text(t.format("%Y-%m-%d %H:%M:%S%.f").to_string()))
            }
            Value::DateTimeTz(t) => {
                ToSqlOutput::Owned(V::Text(t.naive_utc().format(DATE_TIME_UTC).to_string()))
            }
            Value::Json(j) => ToSqlOutput::Owned(V::Text(j.to_string())),
            other => {
                return Err(rusqlite::Error::ToSqlConversionFailure(
                    format!("no SQLite binding for a {} value", other.kind()).into(),
                ))
            }
        })
    }
}

pub(crate) fn prepare<'c>(conn: &'c Connection, c: &Compiled) -> Result<CachedStatement<'c>> {
    c.ensure_filled()?;
    check_params(&c.params)?;
    let stmt = conn.prepare_cached(&c.sql)?;
    Ok(stmt)
}

/// When an execution starts, if it is to be logged: the clock is read only
/// when a subscriber takes `sqlexpr::sqlite` events at DEBUG.
fn start() -> Option<Instant> {
    tracing::enabled!(target: "sqlexpr::sqlite", tracing::Level::DEBUG).then(Instant::now)
}

/// Logs an execution begun at [`start`] (nothing when it is not logged).
fn log(c: &Compiled, started: Option<Instant>) {
    if let Some(started) = started {
        tracing::debug!(
            target: "sqlexpr::sqlite",
            sql = %c.sql,
            params = ?c.params,
            elapsed_us = started.elapsed().as_micros() as u64,
            "executed"
        );
    }
}

/// Execution of sqlexpr statements on a rusqlite [`Connection`] (and, through
/// deref, a `Transaction`), with rusqlite's prepared-statement cache. The rows
/// are rusqlite's own [`Row`]s, read by the closure given.
///
/// ```
/// use rusqlite::Connection;
/// use sqlexpr::prelude::*;
/// use sqlexpr_sqlite::SqliteExt;
///
/// let conn = Connection::open_in_memory().unwrap();
/// let n: i64 = conn.fetch_one(&select([raw_with("? + ?", [20, 22])]), |r| r.get(0)).unwrap();
/// assert_eq!(n, 42);
/// ```
pub trait SqliteExt {
    /// Compiles `stmt` for SQLite.
    fn compile_stmt(&self, stmt: &dyn Render) -> Result<Compiled> {
        let c = stmt.compile(&Sqlite::new())?;
        c.ensure_filled()?;
        Ok(c)
    }

    /// Executes a compiled statement; returns the number of rows changed
    /// (for a statement with RETURNING, the number of rows it returned).
    fn exec_compiled(&self, compiled: &Compiled) -> Result<usize>;

    /// Runs a compiled query, calling `f` on each row.
    fn for_each_compiled(
        &self,
        compiled: &Compiled,
        f: &mut dyn FnMut(&Row<'_>) -> rusqlite::Result<()>,
    ) -> Result<()>;

    /// Runs a compiled query, calling `f` on its first row only; returns
    /// whether there was one.
    fn first_compiled(
        &self,
        compiled: &Compiled,
        f: &mut dyn FnMut(&Row<'_>) -> rusqlite::Result<()>,
    ) -> Result<bool> {
        let mut seen = false;
        self.for_each_compiled(compiled, &mut |row| {
            if !seen {
                seen = true;
                f(row)?;
            }
            Ok(())
        })?;
        Ok(seen)
    }

    /// Executes a statement (INSERT, UPDATE, DELETE, DDL); returns the number
    /// of rows changed.
    fn exec(&self, stmt: &dyn Render) -> Result<usize> {
        let c = self.compile_stmt(stmt)?;
        self.exec_compiled(&c)
    }

    /// Runs a query and maps every row with `f`.
    fn fetch_all<T, F>(&self, stmt: &dyn Render, mut f: F) -> Result<Vec<T>>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
    {
        let c = self.compile_stmt(stmt)?;
        let mut out = Vec::new();
        self.for_each_compiled(&c, &mut |row| {
            out.push(f(row)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Runs a query and maps its first row; no row is [`Error::NoRows`].
    fn fetch_one<T, F>(&self, stmt: &dyn Render, f: F) -> Result<T>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.fetch_optional(stmt, f)?.ok_or(Error::NoRows)
    }

    /// Runs a query and maps its first row, if any.
    fn fetch_optional<T, F>(&self, stmt: &dyn Render, mut f: F) -> Result<Option<T>>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
    {
        let c = self.compile_stmt(stmt)?;
        let mut out = None;
        self.first_compiled(&c, &mut |row| {
            out = Some(f(row)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// Runs a query, calling `f` on each row as it is read (streaming: rows
    /// are not collected).
    fn for_each_row<F>(&self, stmt: &dyn Render, mut f: F) -> Result<()>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<()>,
    {
        let c = self.compile_stmt(stmt)?;
        self.for_each_compiled(&c, &mut f)
    }
}

impl SqliteExt for Connection {
    fn exec_compiled(&self, c: &Compiled) -> Result<usize> {
        let started = start();
        let mut stmt = prepare(self, c)?;
        let params = rusqlite::params_from_iter(c.params.iter().map(Bind));
        let n = if stmt.column_count() > 0 {
            // A statement with RETURNING: the rows it returns are the rows
            // it affected (rusqlite's `execute` refuses statements that
            // return rows).
            let mut rows = stmt.query(params)?;
            let mut n = 0;
            while rows.next()?.is_some() {
                n += 1;
            }
            n
        } else {
            stmt.execute(params)?
        };
        log(c, started);
        Ok(n)
    }

    fn for_each_compiled(
        &self,
        c: &Compiled,
        f: &mut dyn FnMut(&Row<'_>) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let started = start();
        let mut stmt = prepare(self, c)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(c.params.iter().map(Bind)))?;
        while let Some(row) = rows.next()? {
            f(row)?;
        }
        log(c, started);
        Ok(())
    }

    fn first_compiled(
        &self,
        c: &Compiled,
        f: &mut dyn FnMut(&Row<'_>) -> rusqlite::Result<()>,
    ) -> Result<bool> {
        let started = start();
        let mut stmt = prepare(self, c)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(c.params.iter().map(Bind)))?;
        let seen = match rows.next()? {
            Some(row) => {
                f(row)?;
                true
            }
            None => false,
        };
        log(c, started);
        Ok(seen)
    }
}
