//! Execution on mysql_async's own connections (`Conn`, `Transaction`,
//! `Connection`) through [`MySqlExt`], with mysql_async's statement cache
//! and the dialect of the server they are connected to; the crate's
//! [`Error`].

use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

use mysql_async::prelude::Queryable;
use mysql_async::{BinaryProtocol, Params, QueryResult, Row, Value as MyValue};

use sqlexpr::{Compiled, Render};

use crate::bind::{params, BindError};
use crate::{Flavour, MySql};

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
    /// Something did not finish in time: a statement stopped by the
    /// server's statement timeout (MariaDB error 1969, MySQL 3024; the
    /// connection is still usable), a server that did not answer within the
    /// client-side bound (the connection is then closed), or a connect.
    Timeout {
        /// What ran out of time.
        kind: TimeoutKind,
        /// The limit that was reached; `None` for a server-side limit that
        /// was not set through the connection (the server's own setting).
        limit: Option<Duration>,
        /// The server's error, for a server-side timeout.
        source: Option<mysql_async::Error>,
    },
    /// The statement was interrupted by `KILL QUERY` (error 1317); the
    /// connection is still usable.
    Interrupted(mysql_async::Error),
    /// The connection is gone: killed (`KILL`, error 1927), closed by the
    /// server or the network, or closed earlier after a lost connection or a
    /// client-side timeout (`None`). The connection cannot be used again; a
    /// pool does not hand it out again.
    ConnectionLost(Option<mysql_async::Error>),
    /// The pool could not hand out a connection: why (a connect error, a
    /// [`Error::Timeout`] of kind [`TimeoutKind::Connect`], ...).
    Pool(Box<Error>),
}

/// What ran out of time in an [`Error::Timeout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// The server stopped the statement: its statement timeout
    /// (`max_statement_time` on MariaDB, `max_execution_time` on MySQL).
    Statement,
    /// The server did not answer within the client-side bound.
    Reply,
    /// Connecting to the server, or getting a connection from a pool, took
    /// longer than the connect timeout.
    Connect,
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutKind::Statement => {
                "the statement ran longer than the server's statement timeout"
            }
            TimeoutKind::Reply => "the server did not answer in time",
            TimeoutKind::Connect => "connecting to the server took too long",
        })
    }
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
            Error::Timeout {
                kind,
                limit,
                source,
            } => {
                write!(f, "timeout: {kind}")?;
                if let Some(limit) = limit {
                    write!(f, " ({limit:?})")?;
                }
                match (kind, source) {
                    (_, Some(e)) => write!(f, ": {e}"),
                    (TimeoutKind::Reply, None) => f.write_str("; the connection is closed"),
                    _ => Ok(()),
                }
            }
            Error::Interrupted(e) => write!(f, "the statement was interrupted: {e}"),
            Error::ConnectionLost(Some(e)) => {
                write!(f, "the connection to the server was lost: {e}")
            }
            Error::ConnectionLost(None) => f.write_str(
                "the connection is closed (it was lost or timed out earlier); open a new one",
            ),
            Error::Pool(e) => write!(f, "the pool could not hand out a connection: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Compile(e) => Some(e),
            Error::MySql(e) | Error::Interrupted(e) | Error::ConnectionLost(Some(e)) => Some(e),
            Error::Timeout {
                source: Some(e), ..
            } => Some(e),
            Error::Bind { error, .. } => Some(error),
            Error::Pool(e) => Some(e.as_ref()),
            Error::NoRows
            | Error::PacketTooLarge { .. }
            | Error::Decode { .. }
            | Error::Reflect { .. }
            | Error::Timeout { source: None, .. }
            | Error::ConnectionLost(None) => None,
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

/// The size of the statement `sql` with `params` when it is larger than any
/// server's smallest `max_allowed_packet` (so the server's own must be
/// known to send it); `None` when it fits every server.
pub(crate) fn oversize(sql: &str, params: &Params) -> Option<usize> {
    let bytes = packet_size(sql, params);
    (bytes > MIN_MAX_ALLOWED_PACKET).then_some(bytes)
}

/// [`Error::PacketTooLarge`] when a statement of `bytes` is larger than
/// `max_allowed_packet`.
pub(crate) fn check_fits(bytes: usize, max_allowed_packet: usize) -> Result<()> {
    if bytes > max_allowed_packet {
        return Err(Error::PacketTooLarge {
            bytes,
            max_allowed_packet,
        });
    }
    Ok(())
}

/// The query that reads the session's `max_allowed_packet`.
pub(crate) const MAX_ALLOWED_PACKET_SQL: &str = "SELECT @@max_allowed_packet";

/// The server's answer to [`MAX_ALLOWED_PACKET_SQL`] as a size (the smallest
/// limit when it gives none).
pub(crate) fn packet_limit(answer: Option<u64>) -> usize {
    answer
        .and_then(|m| usize::try_from(m).ok())
        .unwrap_or(MIN_MAX_ALLOWED_PACKET)
}

/// The statement's parameters, after checking that the statement fits the
/// server's `max_allowed_packet` (a larger packet makes the server drop the
/// connection). The server is asked only for statements larger than any
/// server's smallest limit; its answer is per connection (the session value
/// is read-only), but mysql_async keeps it to itself and `Queryable` gives
/// no connection to cache it on, so it is asked once per such statement
/// (a [`Connection`](crate::Connection) asks once).
async fn checked_params<Q: Queryable + ?Sized>(q: &mut Q, c: &Compiled) -> Result<Params> {
    let params = params(&c.params)?;
    if let Some(bytes) = oversize(&c.sql, &params) {
        let max: Option<u64> = q.query_first(MAX_ALLOWED_PACKET_SQL).await?;
        check_fits(bytes, packet_limit(max))?;
    }
    Ok(params)
}

/// The dialect of a server that mysql_async reports at `version` (the
/// version it read from the server's handshake, MariaDB's own for a
/// MariaDB server): MariaDB for versions 10 and above (MariaDB's numbering
/// went from 5.5 to 10.0; MySQL's are 8.x and 9.x), MySQL below, MySQL 8
/// ([`MySql::new`]) when the version is unknown (`0.0.0`).
pub(crate) fn dialect_of_version((major, minor, patch): (u16, u16, u16)) -> MySql {
    if (major, minor, patch) == (0, 0, 0) {
        return MySql::new();
    }
    let flavour = if major >= 10 {
        Flavour::MariaDb
    } else {
        Flavour::MySql
    };
    MySql::with_version(flavour, major.into(), minor.into(), patch.into())
}

impl Error {
    /// mysql_async's error `e` from a server of `flavour`, sorted into
    /// [`Error::Timeout`] (the server's statement timeout, reached at
    /// `limit` when the connection set it), [`Error::Interrupted`] (`KILL
    /// QUERY`), [`Error::ConnectionLost`] (killed, closed, gone) or, for
    /// anything else, [`Error::MySql`].
    pub(crate) fn classify(
        e: mysql_async::Error,
        flavour: Flavour,
        limit: Option<Duration>,
    ) -> Error {
        use mysql_async::{DriverError, Error as E};
        match &e {
            E::Server(s) => match (s.code, flavour) {
                // ER_STATEMENT_TIMEOUT (MariaDB), ER_QUERY_TIMEOUT (MySQL;
                // unused by MariaDB).
                (1969, _) | (3024, _) => Error::Timeout {
                    kind: TimeoutKind::Statement,
                    limit,
                    source: Some(e),
                },
                // ER_QUERY_INTERRUPTED: KILL QUERY.
                (1317, _) => Error::Interrupted(e),
                // ER_SERVER_SHUTDOWN, ER_CONNECTION_KILLED (MariaDB), and the
                // client library's CR_SERVER_GONE_ERROR / CR_SERVER_LOST
                // should a proxy pass them on; ER_CLIENT_INTERACTION_TIMEOUT
                // on MySQL (4031 is another error on MariaDB).
                (1053 | 1927 | 2006 | 2013, _) | (4031, Flavour::MySql) => {
                    Error::ConnectionLost(Some(e))
                }
                _ => Error::MySql(e),
            },
            E::Io(_) | E::Driver(DriverError::ConnectionClosed) => Error::ConnectionLost(Some(e)),
            _ => Error::MySql(e),
        }
    }

    /// Whether the error means the connection is gone
    /// ([`Error::ConnectionLost`], or an [`Error::Timeout`] of kind
    /// [`TimeoutKind::Reply`], after which the connection is closed).
    pub fn is_connection_lost(&self) -> bool {
        matches!(
            self,
            Error::ConnectionLost(_)
                | Error::Timeout {
                    kind: TimeoutKind::Reply,
                    ..
                }
        )
    }
}

/// Execution of sqlexpr statements on mysql_async's connections (a `Conn`,
/// a `Transaction`, a `Connection`), with mysql_async's prepared-statement
/// cache.
/// Rows are mysql_async's own [`Row`]s; read them with `row.get`, or as
/// [`sqlexpr::Value`]s with [`row_values`](crate::row_values).
///
/// A statement larger, with its parameters, than the server's
/// `max_allowed_packet` is [`Error::PacketTooLarge`] and is not sent (the
/// server would drop the connection).
///
/// Statements compile for the server the connection is to
/// ([`MySqlExt::dialect`]): MariaDB SQL on MariaDB, MySQL SQL on MySQL,
/// for the server's version. For a dialect chosen by hand, compile with it
/// and run the `*_compiled` methods; for a connection that carries its
/// dialect, transactions and typed rows, see [`Connection`](crate::Connection).
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
    /// The dialect statements compile with: the server's flavour and
    /// version, from the version mysql_async read when it connected
    /// (MariaDB's versions are 10 and above, MySQL's below; MySQL 8 when
    /// the version is unknown).
    fn dialect(&self) -> MySql;

    /// Compiles `stmt` for the connection's server ([`MySqlExt::dialect`]).
    fn compile_stmt(&self, stmt: &dyn Render) -> Result<Compiled> {
        let c = stmt.compile(&self.dialect())?;
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

impl MySqlExt for mysql_async::Conn {
    fn dialect(&self) -> MySql {
        dialect_of_version(self.server_version())
    }
}

impl MySqlExt for mysql_async::Transaction<'_> {
    fn dialect(&self) -> MySql {
        dialect_of_version(self.server_version())
    }
}

impl MySqlExt for mysql_async::Connection<'_, '_> {
    fn dialect(&self) -> MySql {
        dialect_of_version(self.server_version())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_name_their_flavour() {
        assert_eq!(
            dialect_of_version((10, 11, 6)),
            MySql::with_version(Flavour::MariaDb, 10, 11, 6)
        );
        assert_eq!(dialect_of_version((11, 4, 2)).flavour(), Flavour::MariaDb);
        assert_eq!(
            dialect_of_version((8, 0, 36)),
            MySql::with_version(Flavour::MySql, 8, 0, 36)
        );
        assert_eq!(dialect_of_version((9, 1, 0)).flavour(), Flavour::MySql);
        assert_eq!(dialect_of_version((0, 0, 0)), MySql::new());
    }

    fn server(code: u16) -> mysql_async::Error {
        mysql_async::Error::Server(mysql_async::ServerError {
            code,
            message: String::new(),
            state: "HY000".to_owned(),
        })
    }

    #[test]
    fn server_errors_are_classified() {
        let limit = Some(Duration::from_secs(1));
        for code in [1969, 3024] {
            assert!(matches!(
                Error::classify(server(code), Flavour::MariaDb, limit),
                Error::Timeout { kind: TimeoutKind::Statement, limit: Some(d), source: Some(_) }
                    if d == Duration::from_secs(1)
            ));
        }
        assert!(matches!(
            Error::classify(server(1317), Flavour::MariaDb, None),
            Error::Interrupted(_)
        ));
        for code in [1053, 1927, 2006, 2013] {
            let e = Error::classify(server(code), Flavour::MariaDb, None);
            assert!(e.is_connection_lost(), "{code}: {e:?}");
        }
        assert!(Error::classify(server(4031), Flavour::MySql, None).is_connection_lost());
        assert!(matches!(
            Error::classify(server(4031), Flavour::MariaDb, None),
            Error::MySql(_)
        ));
        assert!(matches!(
            Error::classify(server(1146), Flavour::MariaDb, None),
            Error::MySql(_)
        ));
        let closed = mysql_async::Error::Driver(mysql_async::DriverError::ConnectionClosed);
        assert!(Error::classify(closed, Flavour::MySql, None).is_connection_lost());
    }
}
