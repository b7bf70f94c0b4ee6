//! Execution on a `mysql_async::Conn` or `Transaction` (anything
//! `Queryable`), through mysql_async's statement cache.

use std::fmt;
use std::future::Future;
use std::time::Instant;

use mysql_async::prelude::Queryable;
use mysql_async::{BinaryProtocol, Params, QueryResult, Row, Value as MyValue};

use sqlexpr::{Compiled, Render};

use crate::bind::{params, BindError};
use crate::MySql;

/// An error from compiling a statement, from the server, or from converting a
/// value.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The statement did not compile for MySQL.
    Compile(sqlexpr::Error),
    /// MySQL or MariaDB (through mysql_async) returned an error.
    MySql(mysql_async::Error),
    /// A query expected to return a row returned none.
    NoRows,
    /// A parameter's value that MySQL cannot take.
    Bind {
        /// The parameter's number (the first `?` is 1).
        param: usize,
        /// What cannot be sent.
        error: BindError,
    },
    /// A statement that, with its parameters, is larger than the server's
    /// `max_allowed_packet`: the server would drop the connection, so it is
    /// not sent.
    PacketTooLarge {
        /// The statement's size in bytes, as it would be sent.
        bytes: usize,
        /// The server's `max_allowed_packet`.
        max_allowed_packet: usize,
    },
    /// A table that cannot be reflected into sqlexpr metadata.
    Reflect {
        /// The table.
        table: String,
        /// What cannot be represented.
        reason: String,
    },
    /// A column whose value has no [`sqlexpr::Value`].
    Decode {
        /// The column's name.
        column: String,
        /// Its MySQL type.
        ty: String,
        /// Why it cannot be read.
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Compile(e) => write!(f, "{e}"),
            Error::MySql(e) => write!(f, "mysql: {e}"),
            Error::NoRows => f.write_str("the query returned no rows"),
            Error::Bind { param, error } => write!(f, "parameter {param}: {error}"),
            Error::PacketTooLarge {
                bytes,
                max_allowed_packet,
            } => write!(
                f,
                "the statement with its parameters is {bytes} bytes, more than \
                 the server's max_allowed_packet ({max_allowed_packet} bytes); nothing was sent"
            ),
            Error::Reflect { table, reason } => {
                write!(f, "cannot reflect table {table:?}: {reason}")
            }
            Error::Decode { column, ty, reason } => {
                write!(f, "cannot read column {column:?} of type {ty}: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Compile(e) => Some(e),
            Error::MySql(e) => Some(e),
            Error::Bind { error, .. } => Some(error),
            Error::NoRows
            | Error::PacketTooLarge { .. }
            | Error::Decode { .. }
            | Error::Reflect { .. } => None,
        }
    }
}

impl From<sqlexpr::Error> for Error {
    fn from(e: sqlexpr::Error) -> Self {
        Error::Compile(e)
    }
}

impl From<mysql_async::Error> for Error {
    fn from(e: mysql_async::Error) -> Self {
        Error::MySql(e)
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// When an execution starts, if it is to be logged: the clock is read only
/// when a subscriber takes `sqlexpr::mysql` events at DEBUG.
fn start() -> Option<Instant> {
    tracing::enabled!(target: "sqlexpr::mysql", tracing::Level::DEBUG).then(Instant::now)
}

/// Logs an execution begun at [`start`] (nothing when it is not logged).
fn log(c: &Compiled, started: Option<Instant>) {
    if let Some(started) = started {
        tracing::debug!(
            target: "sqlexpr::mysql",
            sql = %c.sql,
            params = ?c.params,
            elapsed_us = started.elapsed().as_micros() as u64,
            "executed"
        );
    }
}

/// The smallest `max_allowed_packet` a MySQL or MariaDB server can have:
/// statements no larger are sent without asking the server for its own.
const MIN_MAX_ALLOWED_PACKET: usize = 1024;

/// The size of the largest packet that running `sql` with `params` sends:
/// `COM_STMT_PREPARE` with the text, or `COM_STMT_EXECUTE` with the
/// parameters (as mysql_common lays it out: header, NULL bitmap, types,
/// values). Parameters that mysql_async sends as long data count too: the
/// server holds each whole, against the same limit.
fn packet_size(sql: &str, params: &Params) -> usize {
    let values: &[MyValue] = match params {
        Params::Positional(v) => v,
        _ => &[],
    };
    let n = values.len();
    let data = values.iter().fold(0usize, |sum, v| {
        sum.saturating_add(usize::try_from(v.bin_len()).unwrap_or(usize::MAX))
    });
    let execute = (10 + n.div_ceil(8) + 1)
        .saturating_add(n.saturating_mul(2))
        .saturating_add(data);
    execute.max(sql.len().saturating_add(1))
}

/// The statement's parameters, after checking that the statement fits the
/// server's `max_allowed_packet` (a larger packet makes the server drop the
/// connection). The server is asked only for statements larger than any
/// server's smallest limit; its answer is per connection (the session value
/// is read-only), but mysql_async keeps it to itself and `Queryable` gives
/// no connection to cache it on, so it is asked once per such statement.
async fn checked_params<Q: Queryable + ?Sized>(q: &mut Q, c: &Compiled) -> Result<Params> {
    let params = params(&c.params)?;
    let bytes = packet_size(&c.sql, &params);
    if bytes > MIN_MAX_ALLOWED_PACKET {
        let max: Option<u64> = q.query_first("SELECT @@max_allowed_packet").await?;
        let max = max
            .and_then(|m| usize::try_from(m).ok())
            .unwrap_or(MIN_MAX_ALLOWED_PACKET);
        if bytes > max {
            return Err(Error::PacketTooLarge {
                bytes,
                max_allowed_packet: max,
            });
        }
    }
    Ok(params)
}

/// Execution of sqlexpr statements on anything mysql_async can query (a
/// `Conn`, a `Transaction`), with mysql_async's prepared-statement cache.
/// Rows are mysql_async's own [`Row`]s; read them with `row.get`, or as
/// [`sqlexpr::Value`]s with [`row_values`](crate::row_values).
///
/// A statement larger, with its parameters, than the server's
/// `max_allowed_packet` is [`Error::PacketTooLarge`] and is not sent (the
/// server would drop the connection).
///
/// Statements compile for MySQL 8 (the SQL MariaDB 10.5+ runs too); to use
/// a flavour's own features, compile with that [`MySql`] dialect and run the
/// `*_compiled` methods.
///
/// ```no_run
/// # async fn demo(mut conn: mysql_async::Conn) -> Result<(), sqlexpr_mysql::Error> {
/// use sqlexpr::prelude::*;
/// use sqlexpr_mysql::MySqlExt;
///
/// let row = conn.fetch_one(&select([raw_with("? + ?", [20, 22])])).await?;
/// assert_eq!(row.get::<i64, _>(0), Some(42));
/// # Ok(()) }
/// ```
pub trait MySqlExt: Queryable {
    /// Compiles `stmt` for MySQL.
    fn compile_stmt(&self, stmt: &dyn Render) -> Result<Compiled> {
        let c = stmt.compile(&MySql::new())?;
        c.ensure_filled()?;
        Ok(c)
    }

    /// Executes a compiled statement; returns the number of rows affected
    /// (for a statement with RETURNING, the rows it returned, which are
    /// read and dropped).
    fn exec_compiled<'a>(
        &'a mut self,
        c: &'a Compiled,
    ) -> impl Future<Output = Result<u64>> + Send + 'a {
        async move {
            let started = start();
            c.ensure_filled()?;
            let params = checked_params(self, c).await?;
            let mut result = self.exec_iter(c.sql.as_str(), params).await?;
            // Before a result set is read, `affected_rows` is not this
            // statement's: count the rows RETURNING gives instead.
            let n = if result.columns().is_some_and(|cols| !cols.is_empty()) {
                result.reduce(0u64, |n, _: Row| n + 1).await?
            } else {
                result.affected_rows()
            };
            result.drop_result().await?;
            log(c, started);
            Ok(n)
        }
    }

    /// Runs a compiled query; returns all its rows.
    fn query_compiled<'a>(
        &'a mut self,
        c: &'a Compiled,
    ) -> impl Future<Output = Result<Vec<Row>>> + Send + 'a {
        async move {
            let started = start();
            c.ensure_filled()?;
            let params = checked_params(self, c).await?;
            let rows = self.exec(c.sql.as_str(), params).await?;
            log(c, started);
            Ok(rows)
        }
    }

    /// Executes a statement (INSERT, UPDATE, DELETE, DDL); returns the
    /// number of rows affected. (Named `execute`: `exec` is mysql_async's
    /// own method.)
    fn execute<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<u64>> + Send + 'a {
        let compiled = self.compile_stmt(stmt);
        async move { self.exec_compiled(&compiled?).await }
    }

    /// Runs a query; returns all its rows.
    fn fetch_all<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Vec<Row>>> + Send + 'a {
        let compiled = self.compile_stmt(stmt);
        async move { self.query_compiled(&compiled?).await }
    }

    /// Runs a query; returns its first row, or [`Error::NoRows`].
    fn fetch_one<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Row>> + Send + 'a {
        let row = self.fetch_optional(stmt);
        async move { row.await?.ok_or(Error::NoRows) }
    }

    /// Runs a query; returns its first row, if any (the rest are read and
    /// dropped).
    fn fetch_optional<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Option<Row>>> + Send + 'a {
        let compiled = self.compile_stmt(stmt);
        async move {
            let c = compiled?;
            let started = start();
            c.ensure_filled()?;
            let params = checked_params(self, &c).await?;
            let row = self.exec_first(c.sql.as_str(), params).await?;
            log(&c, started);
            Ok(row)
        }
    }

    /// Runs a query and returns mysql_async's [`QueryResult`]: read rows one
    /// at a time as they arrive with `result.next().await`.
    fn stream<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<QueryResult<'a, 'static, BinaryProtocol>>> + Send + 'a {
        let compiled = self.compile_stmt(stmt);
        async move {
            let c = compiled?;
            let started = start();
            c.ensure_filled()?;
            let params = checked_params(self, &c).await?;
            let result = self.exec_iter(c.sql.as_str(), params).await?;
            log(&c, started);
            Ok(result)
        }
    }
}

impl<Q: Queryable> MySqlExt for Q {}
