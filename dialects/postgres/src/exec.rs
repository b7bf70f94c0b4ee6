//! Execution on a `tokio_postgres::Client` or `Transaction`, optionally
//! through a [`StatementCache`].

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::Mutex;
use std::time::Instant;

use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Client, GenericClient, Portal, Row, RowStream, Statement, Transaction};

use sqlexpr::{Compiled, Render};

use crate::bind::{Bind, BindError};
use crate::Postgres;

/// An error from compiling a statement, from PostgreSQL, or from converting a
/// value.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The statement did not compile for PostgreSQL.
    Compile(sqlexpr::Error),
    /// PostgreSQL (through tokio-postgres) returned an error.
    Postgres(tokio_postgres::Error),
    /// A query expected to return a row returned none.
    NoRows,
    /// A parameter's value that its server-side type cannot take.
    Bind {
        /// The parameter's number (`$1` is 1).
        param: usize,
        /// What does not fit.
        error: BindError,
    },
    /// A table that cannot be reflected into sqlexpr metadata.
    Reflect {
        /// The table.
        table: String,
        /// What cannot be represented.
        reason: String,
    },
    /// A statement ran past its time limit: the server's
    /// `statement_timeout` canceled it (SQLSTATE 57014, `query_canceled`),
    /// or the server did not answer within the connection's client-side
    /// limit (the statement is then canceled through the server's cancel
    /// protocol), or connecting took longer than the connect timeout.
    Timeout {
        /// The limit that was exceeded, when known.
        limit: Option<std::time::Duration>,
        /// The server's error, for a server-side timeout.
        source: Option<tokio_postgres::Error>,
    },
    /// The connection is gone: the server ended the session (SQLSTATE
    /// 57P01 `admin_shutdown`, as `pg_terminate_backend` does, 57P02,
    /// 57P03, 57P05, 25P03, or class 08), the socket closed or failed, or
    /// the server could not be reached. The connection cannot be used
    /// again; a pool replaces it. The driver's error is the `source()`.
    ConnectionLost(tokio_postgres::Error),
    /// The pool could not hand out a connection (it could not connect, or
    /// waited too long, or is closed).
    Pool(deadpool_postgres::PoolError),
    /// Connecting needs a running Tokio runtime (the connection's I/O runs
    /// as a task on it), and there is none.
    NoRuntime,
    /// A column whose value has no [`sqlexpr::Value`].
    Decode {
        /// The column's name.
        column: String,
        /// Its PostgreSQL type.
        ty: String,
        /// Why it cannot be read.
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Compile(e) => write!(f, "{e}"),
            Error::Postgres(e) => write!(f, "postgresql: {}", DriverError(e)),
            Error::NoRows => f.write_str("the query returned no rows"),
            Error::Timeout { limit, source } => {
                f.write_str("postgresql: timed out")?;
                if let Some(limit) = limit {
                    write!(f, " after {limit:?}")?;
                }
                match source {
                    Some(e) => write!(f, ": {}", DriverError(e)),
                    None => Ok(()),
                }
            }
            Error::ConnectionLost(e) => {
                write!(f, "postgresql: connection lost: {}", DriverError(e))
            }
            Error::Pool(e) => write!(f, "postgresql pool: {e}"),
            Error::NoRuntime => f.write_str("postgresql: no Tokio runtime is running"),
            Error::Bind { param, error } => write!(f, "parameter ${param}: {error}"),
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
            Error::Postgres(e) => Some(e),
            Error::Bind { error, .. } => Some(error),
            Error::Timeout { source, .. } => source.as_ref().map(|e| e as _),
            Error::ConnectionLost(e) => Some(e),
            Error::Pool(e) => Some(e),
            Error::NoRows | Error::NoRuntime | Error::Decode { .. } | Error::Reflect { .. } => None,
        }
    }
}

/// A driver error with its source (tokio-postgres's own `Display` says
/// only "db error" for the server's).
struct DriverError<'a>(&'a tokio_postgres::Error);

impl fmt::Display for DriverError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::error::Error::source(self.0) {
            Some(source) => write!(f, "{}: {source}", self.0),
            None => write!(f, "{}", self.0),
        }
    }
}

impl From<sqlexpr::Error> for Error {
    fn from(e: sqlexpr::Error) -> Self {
        Error::Compile(e)
    }
}

impl From<tokio_postgres::Error> for Error {
    fn from(e: tokio_postgres::Error) -> Self {
        // A value our `Bind` refused: report which parameter and why.
        if let Some(indexed) =
            std::error::Error::source(&e).and_then(|s| s.downcast_ref::<IndexedError>())
        {
            return Error::Bind {
                param: indexed.param,
                error: indexed.error.clone(),
            };
        }
        Error::Postgres(e)
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A [`BindError`] and the parameter it concerns.
#[derive(Debug)]
struct IndexedError {
    param: usize,
    error: BindError,
}

impl fmt::Display for IndexedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "parameter ${}: {}", self.param, self.error)
    }
}

impl std::error::Error for IndexedError {}

/// [`Bind`] that knows its parameter number, for the error.
#[derive(Debug)]
pub(crate) struct Param<'a> {
    number: usize,
    bind: Bind<'a>,
}

impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut tokio_postgres::types::private::BytesMut,
    ) -> std::result::Result<tokio_postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        self.bind
            .to_sql(ty, out)
            .map_err(|e| match e.downcast::<BindError>() {
                Ok(error) => Box::new(IndexedError {
                    param: self.number,
                    error: *error,
                }) as Box<dyn std::error::Error + Sync + Send>,
                Err(other) => other,
            })
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    tokio_postgres::types::to_sql_checked!();
}

pub(crate) fn params(c: &Compiled) -> Vec<Param<'_>> {
    c.params
        .iter()
        .enumerate()
        .map(|(i, v)| Param {
            number: i + 1,
            bind: Bind(v),
        })
        .collect()
}

pub(crate) fn refs<'a>(params: &'a [Param<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

/// When an execution starts, if it is to be logged: the clock is read only
/// when a subscriber takes `sqlexpr::postgres` events at DEBUG.
fn start() -> Option<Instant> {
    tracing::enabled!(target: "sqlexpr::postgres", tracing::Level::DEBUG).then(Instant::now)
}

/// Logs an execution begun at [`start`] (nothing when it is not logged).
fn log(c: &Compiled, started: Option<Instant>) {
    if let Some(started) = started {
        tracing::debug!(
            target: "sqlexpr::postgres",
            sql = %c.sql,
            params = ?c.params,
            elapsed_us = started.elapsed().as_micros() as u64,
            "executed"
        );
    }
}

/// Prepared statements of one connection, keyed by SQL text.
///
/// tokio-postgres has no statement cache of its own: without one, every
/// execution prepares its statement again (one more round trip). Keep one
/// cache per connection (a statement belongs to the connection that
/// prepared it) and execute through [`StatementCache::on`]. When the cache
/// holds `capacity` statements, it is emptied before the next one is added.
#[derive(Debug)]
pub struct StatementCache {
    capacity: usize,
    statements: Mutex<HashMap<String, Statement>>,
}

impl Default for StatementCache {
    fn default() -> Self {
        StatementCache::new(256)
    }
}

impl StatementCache {
    /// A cache of at most `capacity` statements.
    pub fn new(capacity: usize) -> Self {
        StatementCache {
            capacity,
            statements: Mutex::new(HashMap::new()),
        }
    }

    /// The client (or transaction) `client`, executing through this cache.
    pub fn on<'c, C: GenericClient + Sync>(&'c self, client: &'c C) -> Cached<'c, C> {
        Cached {
            client,
            cache: self,
        }
    }

    /// How many statements are cached.
    pub fn len(&self) -> usize {
        self.statements.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// Whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn get(&self, sql: &str) -> Option<Statement> {
        self.statements.lock().ok()?.get(sql).cloned()
    }

    /// Forgets the statement of `sql` (after it failed: a table it reads
    /// may have changed, and the server would refuse it again).
    pub(crate) fn remove(&self, sql: &str) {
        if let Ok(mut map) = self.statements.lock() {
            map.remove(sql);
        }
    }

    pub(crate) fn put(&self, sql: &str, stmt: &Statement) {
        if let Ok(mut map) = self.statements.lock() {
            if map.len() >= self.capacity {
                map.clear();
            }
            if self.capacity > 0 {
                map.insert(sql.to_owned(), stmt.clone());
            }
        }
    }
}

/// A client or transaction executing through a [`StatementCache`]; made by
/// [`StatementCache::on`].
#[derive(Debug, Clone, Copy)]
pub struct Cached<'c, C> {
    client: &'c C,
    cache: &'c StatementCache,
}

/// Execution of sqlexpr statements on tokio-postgres: implemented for
/// [`Client`], [`Transaction`] and [`Cached`]. Rows are tokio-postgres's own
/// [`Row`]s; read them with `row.get`, or as [`sqlexpr::Value`]s with
/// [`row_values`](crate::row_values).
///
/// ```no_run
/// # async fn demo(client: tokio_postgres::Client) -> Result<(), sqlexpr_postgres::Error> {
/// use sqlexpr::prelude::*;
/// use sqlexpr_postgres::PgExt;
///
/// let row = client.fetch_one(&select([raw_with("? + ?", [20, 22])])).await?;
/// assert_eq!(row.get::<_, i32>(0), 42);
/// # Ok(()) }
/// ```
pub trait PgExt: Sync {
    /// The client or transaction statements run on.
    type Client: GenericClient + Sync;

    /// The client or transaction statements run on.
    fn client(&self) -> &Self::Client;

    /// Prepares `sql` (or takes it from the cache).
    fn prepare_sql<'a>(
        &'a self,
        sql: &'a str,
    ) -> impl Future<Output = Result<Statement>> + Send + 'a;

    /// Compiles `stmt` for PostgreSQL.
    fn compile_stmt(&self, stmt: &dyn Render) -> Result<Compiled> {
        let c = stmt.compile(&Postgres::new())?;
        c.ensure_filled()?;
        Ok(c)
    }

    /// Executes a compiled statement; returns the number of rows affected.
    fn exec_compiled<'a>(
        &'a self,
        c: &'a Compiled,
    ) -> impl Future<Output = Result<u64>> + Send + 'a {
        async move {
            let started = start();
            let stmt = self.prepare_sql(&c.sql).await?;
            c.ensure_filled()?;
            let params = params(c);
            let n = self.client().execute(&stmt, &refs(&params)).await?;
            log(c, started);
            Ok(n)
        }
    }

    /// Runs a compiled query; returns all its rows.
    fn query_compiled<'a>(
        &'a self,
        c: &'a Compiled,
    ) -> impl Future<Output = Result<Vec<Row>>> + Send + 'a {
        async move {
            let started = start();
            let stmt = self.prepare_sql(&c.sql).await?;
            c.ensure_filled()?;
            let params = params(c);
            let rows = self.client().query(&stmt, &refs(&params)).await?;
            log(c, started);
            Ok(rows)
        }
    }

    /// Executes a statement (INSERT, UPDATE, DELETE, DDL); returns the
    /// number of rows affected.
    ///
    /// (Named `exec`: `execute` is tokio-postgres's own method.)
    fn exec<'a>(&'a self, stmt: &dyn Render) -> impl Future<Output = Result<u64>> + Send + 'a {
        let compiled = self.compile_stmt(stmt);
        async move { self.exec_compiled(&compiled?).await }
    }

    /// Runs a query; returns all its rows.
    fn fetch_all<'a>(
        &'a self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Vec<Row>>> + Send + 'a {
        let compiled = self.compile_stmt(stmt);
        async move { self.query_compiled(&compiled?).await }
    }

    /// Runs a query; returns its first row, or [`Error::NoRows`].
    fn fetch_one<'a>(&'a self, stmt: &dyn Render) -> impl Future<Output = Result<Row>> + Send + 'a {
        let rows = self.fetch_optional(stmt);
        async move { rows.await?.ok_or(Error::NoRows) }
    }

    /// Runs a query; returns its first row, if any.
    fn fetch_optional<'a>(
        &'a self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Option<Row>>> + Send + 'a {
        let rows = self.fetch_all(stmt);
        async move { Ok(rows.await?.into_iter().next()) }
    }

    /// Runs a query and returns tokio-postgres's [`RowStream`] (a
    /// `futures::Stream` of rows, read as they arrive; consume it with
    /// `futures::TryStreamExt`). Inside a transaction,
    /// [`PgTransactionExt::cursor`] reads in batches without a `Stream`.
    fn stream<'a>(
        &'a self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<RowStream>> + Send + 'a {
        let compiled = self.compile_stmt(stmt);
        async move {
            let c = compiled?;
            let started = start();
            let statement = self.prepare_sql(&c.sql).await?;
            let params = params(&c);
            let stream = self.client().query_raw(&statement, refs(&params)).await?;
            log(&c, started);
            Ok(stream)
        }
    }
}

impl PgExt for Client {
    type Client = Client;

    fn client(&self) -> &Client {
        self
    }

    async fn prepare_sql<'a>(&'a self, sql: &'a str) -> Result<Statement> {
        Ok(self.prepare(sql).await?)
    }
}

impl<'t> PgExt for Transaction<'t> {
    type Client = Transaction<'t>;

    fn client(&self) -> &Transaction<'t> {
        self
    }

    async fn prepare_sql<'a>(&'a self, sql: &'a str) -> Result<Statement> {
        Ok(self.prepare(sql).await?)
    }
}

impl<C: GenericClient + Sync> PgExt for Cached<'_, C> {
    type Client = C;

    fn client(&self) -> &C {
        self.client
    }

    async fn prepare_sql<'a>(&'a self, sql: &'a str) -> Result<Statement> {
        if let Some(stmt) = self.cache.get(sql) {
            return Ok(stmt);
        }
        let stmt = self.client.prepare(sql).await?;
        self.cache.put(sql, &stmt);
        Ok(stmt)
    }
}

/// Reads a query's rows in batches through a server-side portal, inside a
/// transaction: memory stays bounded whatever the result size. Made by
/// [`PgTransactionExt::cursor`].
pub struct Cursor<'a, 't> {
    tx: &'a Transaction<'t>,
    portal: Portal,
    batch: i32,
    buffer: std::collections::VecDeque<Row>,
    done: bool,
}

impl fmt::Debug for Cursor<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cursor")
            .field("batch", &self.batch)
            .field("buffered", &self.buffer.len())
            .field("done", &self.done)
            .finish()
    }
}

impl Cursor<'_, '_> {
    /// The next row, fetching the next batch when the buffer is empty.
    pub async fn next(&mut self) -> Result<Option<Row>> {
        if self.buffer.is_empty() && !self.done {
            let rows = self.tx.query_portal(&self.portal, self.batch).await?;
            if rows.len() < usize::try_from(self.batch).unwrap_or(usize::MAX) {
                self.done = true;
            }
            self.buffer.extend(rows);
        }
        Ok(self.buffer.pop_front())
    }
}

/// Streaming by batches inside a [`Transaction`].
pub trait PgTransactionExt<'t> {
    /// Opens a cursor on `stmt` that reads `batch` rows per round trip (at
    /// least 1).
    fn cursor<'a>(
        &'a self,
        stmt: &dyn Render,
        batch: u32,
    ) -> impl Future<Output = Result<Cursor<'a, 't>>> + Send + 'a
    where
        't: 'a;
}

impl<'t> PgTransactionExt<'t> for Transaction<'t> {
    fn cursor<'a>(
        &'a self,
        stmt: &dyn Render,
        batch: u32,
    ) -> impl Future<Output = Result<Cursor<'a, 't>>> + Send + 'a
    where
        't: 'a,
    {
        let compiled = self.compile_stmt(stmt);
        async move {
            let c = compiled?;
            let started = start();
            let statement = self.prepare(&c.sql).await?;
            let params = params(&c);
            let portal = self.bind(&statement, &refs(&params)).await?;
            log(&c, started);
            Ok(Cursor {
                tx: self,
                portal,
                batch: i32::try_from(batch.max(1)).unwrap_or(i32::MAX),
                buffer: Default::default(),
                done: false,
            })
        }
    }
}
