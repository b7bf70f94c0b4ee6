//! [`Connection`]: a tokio-postgres client with its dialect, statement
//! cache, echo and time limits; [`Transaction`]s on it.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio_postgres::error::SqlState;
use tokio_postgres::{CancelToken, Client, NoTls, Row, RowStream as DriverRows, Statement};

use sqlexpr::conn::{Echo, IsolationLevel, TxOptions};
use sqlexpr::row::{FromRow, Record};
use sqlexpr::{Compiled, MetaData, Render, SqlType};

use crate::exec::{params, refs};
use crate::stream::RowStream;
use crate::typed::{read_row, typed_record};
use crate::{Error, Postgres, Result, StatementCache};

/// The engine name echo logs give.
pub(crate) const ENGINE: &str = "postgresql";

/// How long connecting may take when the configuration sets no
/// `connect_timeout`.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

mod sealed {
    pub trait Sealed {}
}

/// What a [`Connection`] keeps its tokio-postgres [`Client`] in: the
/// client itself ([`Connection`]), or a pool's object
/// ([`Pooled`](crate::Pooled), for a
/// [`PooledConnection`](crate::PooledConnection)). Sealed.
pub trait ClientHolder: sealed::Sealed + Send + Sync {
    /// The client.
    fn client(&self) -> &Client;
    /// The client, mutably (transactions borrow it so).
    fn client_mut(&mut self) -> &mut Client;
}

impl sealed::Sealed for Client {}

impl ClientHolder for Client {
    fn client(&self) -> &Client {
        self
    }

    fn client_mut(&mut self) -> &mut Client {
        self
    }
}

impl sealed::Sealed for crate::pool::Pooled {}

/// Where a connection's prepared statements are kept.
#[derive(Debug, Clone)]
pub(crate) enum Cache {
    /// The connection's own.
    Own(Arc<StatementCache>),
    /// The pool's object's (it outlives one checkout).
    Pool(Arc<deadpool_postgres::StatementCache>),
}

impl Cache {
    async fn prepare(
        &self,
        client: &Client,
        sql: &str,
    ) -> Result<Statement, tokio_postgres::Error> {
        match self {
            Cache::Own(cache) => {
                if let Some(stmt) = cache.get(sql) {
                    return Ok(stmt);
                }
                let stmt = client.prepare(sql).await?;
                cache.put(sql, &stmt);
                Ok(stmt)
            }
            Cache::Pool(cache) => cache.prepare(client, sql).await,
        }
    }

    fn remove(&self, sql: &str) {
        match self {
            Cache::Own(cache) => cache.remove(sql),
            Cache::Pool(cache) => {
                cache.remove(sql, &[]);
            }
        }
    }
}

/// What a connection and its transactions share: everything but the
/// client.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) dialect: Postgres,
    pub(crate) echo: Echo,
    pub(crate) cache: Cache,
    pub(crate) reply_timeout: Option<Duration>,
    pub(crate) statement_timeout: Option<Duration>,
    /// The bound on sending a cancel request.
    pub(crate) connect_timeout: Duration,
    /// Set when an error showed the connection is gone.
    pub(crate) lost: AtomicBool,
}

impl State {
    pub(crate) fn new(dialect: Postgres, cache: Cache) -> Self {
        State {
            dialect,
            echo: Echo::Off,
            cache,
            reply_timeout: None,
            statement_timeout: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            lost: AtomicBool::new(false),
        }
    }

    /// A driver error as this crate's [`Error`]: a timeout, a lost
    /// connection (remembered), or as [`Error::from`] makes it.
    pub(crate) fn classify(&self, e: tokio_postgres::Error) -> Error {
        match classify(e, self.statement_timeout) {
            Error::ConnectionLost(e) => {
                self.lost.store(true, Ordering::Relaxed);
                Error::ConnectionLost(e)
            }
            other => other,
        }
    }
}

/// A driver error as this crate's [`Error`], SQLSTATE first: 57014
/// (`query_canceled`) is [`Error::Timeout`] with `limit`; 57P01
/// (`admin_shutdown`), 57P02 (`crash_shutdown`), 57P03
/// (`cannot_connect_now`), 57P05 (`idle_session_timeout`), 25P03
/// (`idle_in_transaction_session_timeout`) and class 08 (connection
/// exception), a closed connection or an I/O error are
/// [`Error::ConnectionLost`]; a timed-out connect is [`Error::Timeout`].
pub(crate) fn classify(e: tokio_postgres::Error, limit: Option<Duration>) -> Error {
    if let Some(code) = e.code() {
        if *code == SqlState::QUERY_CANCELED {
            return Error::Timeout {
                limit,
                source: Some(e),
            };
        }
        if *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
            || *code == SqlState::CANNOT_CONNECT_NOW
            || *code == SqlState::IDLE_SESSION_TIMEOUT
            || *code == SqlState::IDLE_IN_TRANSACTION_SESSION_TIMEOUT
            || code.code().starts_with("08")
        {
            return Error::ConnectionLost(e);
        }
        return Error::from(e);
    }
    if e.is_closed() {
        return Error::ConnectionLost(e);
    }
    let io = std::error::Error::source(&e).and_then(|s| s.downcast_ref::<std::io::Error>());
    match io.map(std::io::Error::kind) {
        Some(std::io::ErrorKind::TimedOut) => Error::Timeout {
            limit,
            source: Some(e),
        },
        Some(_) => Error::ConnectionLost(e),
        None => Error::from(e),
    }
}

/// A client and what its statements run with: the executor shared by
/// [`Connection`], [`Transaction`] and [`RowStream`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct On<'a> {
    pub(crate) client: &'a Client,
    pub(crate) state: &'a State,
    /// Inside a transaction (a failed statement aborts it).
    pub(crate) in_tx: bool,
}

/// Runs `fut` within the state's client-side time limit: past it, the
/// statement is canceled on the server through `token` and the result is
/// [`Error::Timeout`]. `token` is `Some` when a limit is set.
async fn bounded<T>(
    state: &State,
    token: Option<CancelToken>,
    fut: impl Future<Output = Result<T, tokio_postgres::Error>>,
) -> Result<T> {
    let (Some(limit), Some(token)) = (state.reply_timeout, token) else {
        return fut.await.map_err(|e| state.classify(e));
    };
    match tokio::time::timeout(limit, fut).await {
        Ok(r) => r.map_err(|e| state.classify(e)),
        Err(_) => {
            // Ask the server to cancel what the connection runs, within
            // the connect timeout; a server that cannot be reached for it
            // leaves the connection lost.
            let sent = tokio::time::timeout(state.connect_timeout, token.cancel_query(NoTls));
            if !matches!(sent.await, Ok(Ok(()))) {
                state.lost.store(true, Ordering::Relaxed);
            }
            Err(Error::Timeout {
                limit: Some(limit),
                source: None,
            })
        }
    }
}

/// The cancel token of `client` when `state` has a client-side limit.
fn token_for(state: &State, client: &Client) -> Option<CancelToken> {
    state.reply_timeout.map(|_| client.cancel_token())
}

/// Logs an execution of `sql` with `params`, ended with `outcome` (the
/// rows it affected or returned, when known).
pub(crate) fn log(
    state: &State,
    sql: &str,
    params: &[sqlexpr::Value],
    started: Option<Instant>,
    outcome: std::result::Result<Option<u64>, &Error>,
) {
    let outcome = outcome.map_err(|e| e as &dyn std::fmt::Display);
    state.echo.log(ENGINE, sql, params, started, outcome);
}

/// Logs a statement of the transaction protocol (BEGIN, COMMIT, ...).
fn log_protocol(state: &State, sql: &str, started: Option<Instant>, r: &Result<impl Sized>) {
    log(state, sql, &[], started, r.as_ref().map(|_| None));
}

impl<'a> On<'a> {
    /// Runs `fut` within the client-side time limit (see [`bounded`]).
    pub(crate) async fn bounded<T>(
        self,
        fut: impl Future<Output = Result<T, tokio_postgres::Error>>,
    ) -> Result<T> {
        bounded(self.state, token_for(self.state, self.client), fut).await
    }

    async fn prepare(self, sql: &str) -> Result<Statement, tokio_postgres::Error> {
        self.state.cache.prepare(self.client, sql).await
    }

    /// Whether `r` failed because the cached statement is stale: its
    /// result type changed since it was prepared (SQLSTATE 0A000, "cached
    /// plan must not change result type", after an ALTER or a re-created
    /// table) or the session no longer has it (26000, after `DISCARD
    /// ALL`). The statement is then forgotten, and outside a transaction
    /// (where the failure aborted nothing) it is prepared and run again.
    fn stale(self, c: &Compiled, r: &Result<impl Sized>) -> bool {
        let Err(Error::Postgres(e)) = r else {
            return false;
        };
        if e.code() == Some(&SqlState::FEATURE_NOT_SUPPORTED)
            || e.code() == Some(&SqlState::INVALID_SQL_STATEMENT_NAME)
        {
            self.state.cache.remove(&c.sql);
            return !self.in_tx;
        }
        false
    }

    pub(crate) async fn execute(self, c: &Compiled) -> Result<u64> {
        let started = self.state.echo.start();
        let params = params(c);
        let params = &params;
        let run = move || async move {
            let stmt = self.prepare(&c.sql).await?;
            self.client.execute(&stmt, &refs(params)).await
        };
        let mut r = self.bounded(run()).await;
        if self.stale(c, &r) {
            r = self.bounded(run()).await;
        }
        log(
            self.state,
            &c.sql,
            &c.params,
            started,
            r.as_ref().map(|n| Some(*n)),
        );
        r
    }

    pub(crate) async fn query(self, c: &Compiled) -> Result<Vec<Row>> {
        let started = self.state.echo.start();
        let params = params(c);
        let params = &params;
        let run = move || async move {
            let stmt = self.prepare(&c.sql).await?;
            self.client.query(&stmt, &refs(params)).await
        };
        let mut r = self.bounded(run()).await;
        if self.stale(c, &r) {
            r = self.bounded(run()).await;
        }
        let rows = r
            .as_ref()
            .map(|rows| Some(u64::try_from(rows.len()).unwrap_or(u64::MAX)));
        log(self.state, &c.sql, &c.params, started, rows);
        r
    }

    pub(crate) async fn records(
        self,
        c: &Compiled,
        types: &[Option<SqlType>],
    ) -> Result<Vec<Record>> {
        let rows = self.query(c).await?;
        rows.iter().map(|r| typed_record(r, types)).collect()
    }

    pub(crate) async fn rows_as<T: FromRow>(
        self,
        c: &Compiled,
        types: &[Option<SqlType>],
    ) -> Result<Vec<T>> {
        let rows = self.query(c).await?;
        rows.iter().map(|r| read_row(r, types)).collect()
    }

    /// Opens the rows of `c`; a failure is logged here, a success by the
    /// stream when it ends (started at the returned instant).
    pub(crate) async fn raw(self, c: &Compiled) -> Result<(DriverRows, Option<Instant>)> {
        let started = self.state.echo.start();
        let params = params(c);
        let params = &params;
        let run = move || async move {
            let stmt = self.prepare(&c.sql).await?;
            self.client.query_raw(&stmt, refs(params)).await
        };
        let mut r = self.bounded(run()).await;
        if self.stale(c, &r) {
            r = self.bounded(run()).await;
        }
        match r {
            Ok(rows) => Ok((rows, started)),
            Err(e) => {
                log(self.state, &c.sql, &c.params, started, Err(&e));
                Err(e)
            }
        }
    }

    pub(crate) async fn stream(
        self,
        c: &Compiled,
        types: Vec<Option<SqlType>>,
    ) -> Result<RowStream<'a>> {
        let (rows, started) = self.raw(c).await?;
        let echo = started.map(|started| crate::stream::PendingLog {
            sql: c.sql.clone(),
            params: c.params.clone(),
            started,
        });
        Ok(RowStream::new(self, rows, types, echo))
    }

    pub(crate) async fn ddl(self, statements: &[sqlexpr::stmt::Ddl]) -> Result<()> {
        for ddl in statements {
            let c = compile(&self.state.dialect, ddl)?;
            self.execute(&c).await?;
        }
        Ok(())
    }
}

pub(crate) fn compile(dialect: &Postgres, stmt: &dyn Render) -> Result<Compiled> {
    let c = stmt.compile(dialect)?;
    c.ensure_filled()?;
    Ok(c)
}

fn pg_isolation(level: IsolationLevel) -> tokio_postgres::IsolationLevel {
    use tokio_postgres::IsolationLevel as Pg;
    match level {
        IsolationLevel::ReadUncommitted => Pg::ReadUncommitted,
        IsolationLevel::ReadCommitted => Pg::ReadCommitted,
        IsolationLevel::RepeatableRead => Pg::RepeatableRead,
        // The strictest level: a level added later runs at least as
        // strictly as asked.
        _ => Pg::Serializable,
    }
}

/// The BEGIN that tokio-postgres sends for `opts`, as echo shows it.
fn begin_sql(opts: &TxOptions) -> String {
    let mut sql = String::from("BEGIN");
    if let Some(level) = opts.isolation {
        sql.push_str(" ISOLATION LEVEL ");
        sql.push_str(level.as_sql());
    }
    if opts.read_only {
        sql.push_str(" READ ONLY");
    }
    sql
}

/// The execution methods, the same on [`Connection`] and [`Transaction`]
/// (each has `fn on(&self) -> On<'_>`).
macro_rules! execution_methods {
    () => {
        /// Compiles `stmt` with the connection's dialect, as every
        /// execution method does (named parameters may stay unfilled, for
        /// [`Compiled::with_params`]).
        pub fn compile(&self, stmt: &dyn Render) -> Result<Compiled> {
            Ok(stmt.compile(&self.on().state.dialect)?)
        }

        /// Executes a statement (INSERT, UPDATE, DELETE, DDL); returns the
        /// number of rows it affected.
        pub fn execute<'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<u64>> + Send + 'a {
            let compiled = compile(&self.on().state.dialect, stmt);
            let on = self.on();
            async move { on.execute(&compiled?).await }
        }

        /// Executes an already compiled statement (for example one
        /// compiled once and bound per call with
        /// [`Compiled::with_params`]).
        pub fn execute_compiled<'a>(
            &'a mut self,
            compiled: &'a Compiled,
        ) -> impl Future<Output = Result<u64>> + Send + 'a {
            let on = self.on();
            async move {
                compiled.ensure_filled()?;
                on.execute(compiled).await
            }
        }

        /// Runs a query (or DML with RETURNING); returns all its rows as
        /// [`Record`]s typed by the statement's
        /// [`column_types`](Render::column_types).
        pub fn fetch_all<'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<Vec<Record>>> + Send + 'a {
            let compiled = compile(&self.on().state.dialect, stmt);
            let types = stmt.column_types();
            let on = self.on();
            async move { on.records(&compiled?, &types).await }
        }

        /// Runs an already compiled query; its rows are [`Record`]s of
        /// the values PostgreSQL's column types give
        /// ([`get_value`](crate::get_value)).
        pub fn fetch_all_compiled<'a>(
            &'a mut self,
            compiled: &'a Compiled,
        ) -> impl Future<Output = Result<Vec<Record>>> + Send + 'a {
            let on = self.on();
            async move {
                compiled.ensure_filled()?;
                on.records(compiled, &[]).await
            }
        }

        /// Runs a query; returns its first row, or [`Error::NoRows`].
        pub fn fetch_one<'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<Record>> + Send + 'a {
            let rows = self.fetch_all(stmt);
            async move { rows.await?.into_iter().next().ok_or(Error::NoRows) }
        }

        /// Runs a query; returns its first row, if any.
        pub fn fetch_optional<'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<Option<Record>>> + Send + 'a {
            let rows = self.fetch_all(stmt);
            async move { Ok(rows.await?.into_iter().next()) }
        }

        /// Runs a query; returns its rows as `T`s, read by column name
        /// ([`sqlexpr::from_row!`]).
        pub fn fetch_all_as<'a, T: FromRow + Send + 'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<Vec<T>>> + Send + 'a {
            let compiled = compile(&self.on().state.dialect, stmt);
            let types = stmt.column_types();
            let on = self.on();
            async move { on.rows_as::<T>(&compiled?, &types).await }
        }

        /// Runs a query; returns its first row as a `T`, or
        /// [`Error::NoRows`].
        pub fn fetch_one_as<'a, T: FromRow + Send + 'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<T>> + Send + 'a {
            let rows = self.fetch_all_as::<T>(stmt);
            async move { rows.await?.into_iter().next().ok_or(Error::NoRows) }
        }

        /// Runs a query and reads its rows one at a time as they arrive
        /// ([`RowStream::next`]), never holding the whole result: the
        /// driver stops reading from the socket until a row is taken. The
        /// stream borrows the connection until it is dropped.
        pub fn stream<'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<RowStream<'a>>> + Send + 'a {
            let compiled = compile(&self.on().state.dialect, stmt);
            let types = stmt.column_types();
            let on = self.on();
            async move { on.stream(&compiled?, types).await }
        }

        /// [`stream`](Self::stream) of an already compiled query (its
        /// rows typed as [`fetch_all_compiled`](Self::fetch_all_compiled)
        /// types them).
        pub fn stream_compiled<'a>(
            &'a mut self,
            compiled: &'a Compiled,
        ) -> impl Future<Output = Result<RowStream<'a>>> + Send + 'a {
            let on = self.on();
            async move {
                compiled.ensure_filled()?;
                on.stream(compiled, Vec::new()).await
            }
        }
    };
}

/// A PostgreSQL connection: a tokio-postgres [`Client`] (or, for a
/// [`PooledConnection`](crate::PooledConnection), a pool's object holding
/// one) with its [`Postgres`] dialect, a prepared-statement cache, the
/// [`Echo`] switch and time limits. Every statement compiles with the
/// connection's dialect.
///
/// ```no_run
/// # async fn demo() -> Result<(), sqlexpr_postgres::Error> {
/// use sqlexpr::prelude::*;
/// use sqlexpr::conn::Echo;
/// use sqlexpr_postgres::Connection;
///
/// let mut conn = Connection::connect("postgres://postgres@127.0.0.1/test").await?;
/// conn.set_echo(Echo::On);
/// let row = conn.fetch_one(&select([raw_with("?::int4 + ?::int4", [20, 22]).label("n")])).await?;
/// assert_eq!(row.read::<i32>("n")?, 42);
///
/// let mut tx = conn.begin().await?;
/// tx.execute(&raw("CREATE TABLE t (id INT)")).await?;
/// tx.commit().await?;
/// # Ok(()) }
/// ```
pub struct Connection<H: ClientHolder = Client> {
    holder: H,
    state: State,
}

impl<H: ClientHolder> std::fmt::Debug for Connection<H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("dialect", &self.state.dialect)
            .field("echo", &self.state.echo)
            .field("closed", &self.is_closed())
            .finish_non_exhaustive()
    }
}

impl Connection<Client> {
    /// Connects to `url` (a `postgres://` URL or a tokio-postgres
    /// `key=value` string), without TLS, and runs the connection's I/O as
    /// a task on the current Tokio runtime. Connecting, handshake
    /// included, is bounded by the configuration's `connect_timeout`
    /// ([`DEFAULT_CONNECT_TIMEOUT`] when it sets none): a server that does
    /// not answer is [`Error::Timeout`], one that refuses is
    /// [`Error::ConnectionLost`]. The dialect targets the server's version.
    pub async fn connect(url: &str) -> Result<Self> {
        let config: tokio_postgres::Config = url.parse()?;
        Connection::connect_with(&config).await
    }

    /// [`connect`](Connection::connect) with a parsed configuration.
    pub async fn connect_with(config: &tokio_postgres::Config) -> Result<Self> {
        let runtime = tokio::runtime::Handle::try_current().map_err(|_| Error::NoRuntime)?;
        let limit = config
            .get_connect_timeout()
            .copied()
            .unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let mut config = config.clone();
        config.connect_timeout(limit);
        let (client, connection) = match tokio::time::timeout(limit, config.connect(NoTls)).await {
            Ok(r) => r.map_err(|e| classify(e, Some(limit)))?,
            Err(_) => {
                return Err(Error::Timeout {
                    limit: Some(limit),
                    source: None,
                })
            }
        };
        runtime.spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(target: "sqlexpr::postgres", error = %e, "connection ended");
            }
        });
        let mut conn = Connection::from_driver(client);
        conn.state.connect_timeout = limit;
        conn.state.dialect = conn.server_version_dialect_within(limit).await?;
        Ok(conn)
    }

    /// A connection on a client connected by the caller, with the default
    /// [`Postgres`] dialect.
    pub fn from_driver(client: Client) -> Self {
        Connection::with_dialect(client, Postgres::new())
    }

    /// A connection on a client connected by the caller, compiling with
    /// `dialect`.
    pub fn with_dialect(client: Client, dialect: Postgres) -> Self {
        let cache = Cache::Own(Arc::new(StatementCache::default()));
        Connection {
            holder: client,
            state: State::new(dialect, cache),
        }
    }

    /// The client back.
    pub fn into_driver(self) -> Client {
        self.holder
    }
}

impl<H: ClientHolder> Connection<H> {
    pub(crate) fn from_parts(holder: H, state: State) -> Self {
        Connection { holder, state }
    }

    fn on(&self) -> On<'_> {
        On {
            client: self.holder.client(),
            state: &self.state,
            in_tx: false,
        }
    }

    /// The dialect of the server's version, asked within `limit`.
    pub(crate) async fn server_version_dialect_within(&self, limit: Duration) -> Result<Postgres> {
        match tokio::time::timeout(limit, self.server_version_dialect()).await {
            Ok(r) => r,
            Err(_) => Err(Error::Timeout {
                limit: Some(limit),
                source: None,
            }),
        }
    }

    async fn server_version_dialect(&self) -> Result<Postgres> {
        let on = self.on();
        let rows = on
            .bounded(on.client.simple_query("SHOW server_version_num"))
            .await?;
        let num = rows.iter().find_map(|m| match m {
            tokio_postgres::SimpleQueryMessage::Row(r) => {
                r.get(0).and_then(|v| v.parse::<u32>().ok())
            }
            _ => None,
        });
        Ok(match num {
            Some(n) if n >= 100_000u32 => Postgres::with_version(n / 10_000, n % 10_000),
            Some(n) => Postgres::with_version(n / 10_000, n / 100 % 100),
            None => self.state.dialect,
        })
    }

    /// The dialect statements compile with.
    pub fn dialect(&self) -> &Postgres {
        &self.state.dialect
    }

    /// The tokio-postgres client (an escape hatch: statements run on it
    /// directly are not echoed).
    pub fn driver(&self) -> &Client {
        self.holder.client()
    }

    /// The tokio-postgres client, mutably.
    pub fn driver_mut(&mut self) -> &mut Client {
        self.holder.client_mut()
    }

    /// Turns statement logging on or off (see [`Echo`]).
    pub fn set_echo(&mut self, echo: Echo) {
        self.state.echo = echo;
    }

    /// Whether statements are logged.
    pub fn echo(&self) -> Echo {
        self.state.echo
    }

    /// Whether the connection is gone (the server ended it, the socket
    /// closed, or a canceled statement's server could not be reached):
    /// nothing more can run on it.
    pub fn is_closed(&self) -> bool {
        self.holder.client().is_closed() || self.state.lost.load(Ordering::Relaxed)
    }

    /// Sets the server's `statement_timeout` for this session (`None`: no
    /// limit): a statement running longer is canceled by the server and
    /// gives [`Error::Timeout`] with this limit; the connection stays
    /// usable. A limit under a millisecond is one millisecond. On a pooled
    /// connection the setting lasts until it goes back to the pool.
    pub async fn set_statement_timeout(&mut self, limit: Option<Duration>) -> Result<()> {
        let ms = limit.map_or(0, |d| d.as_millis().clamp(1, i32::MAX as u128));
        let sql = format!("SET statement_timeout = {ms}");
        let on = self.on();
        let started = self.state.echo.start();
        let r = on.bounded(on.client.batch_execute(&sql)).await;
        log_protocol(&self.state, &sql, started, &r);
        r?;
        self.state.statement_timeout = limit;
        Ok(())
    }

    /// The server-side limit set by
    /// [`set_statement_timeout`](Connection::set_statement_timeout).
    pub fn statement_timeout(&self) -> Option<Duration> {
        self.state.statement_timeout
    }

    /// Sets the client-side limit on each round trip (`None`, the
    /// default: no limit). Past it, the statement is canceled through the
    /// server's cancel protocol and the result is [`Error::Timeout`]; a
    /// server that stops answering gives this error instead of a hang.
    /// When the cancel request cannot reach the server either, the
    /// connection [`is_closed`](Connection::is_closed).
    pub fn set_reply_timeout(&mut self, limit: Option<Duration>) {
        self.state.reply_timeout = limit;
    }

    /// The client-side limit.
    pub fn reply_timeout(&self) -> Option<Duration> {
        self.state.reply_timeout
    }

    execution_methods!();

    /// Creates every table of `metadata` (in dependency order, with their
    /// indexes and types) in one transaction: all or none.
    pub async fn create_all(&mut self, metadata: &MetaData) -> Result<()> {
        let ddl = metadata.create_all(&self.state.dialect)?;
        let tx = self.begin().await?;
        tx.on().ddl(&ddl).await?;
        tx.commit().await
    }

    /// Drops every table of `metadata` (in reverse dependency order) in
    /// one transaction.
    pub async fn drop_all(&mut self, metadata: &MetaData) -> Result<()> {
        let ddl = metadata.drop_all(&self.state.dialect)?;
        let tx = self.begin().await?;
        tx.on().ddl(&ddl).await?;
        tx.commit().await
    }

    /// Begins a transaction with the server's defaults.
    pub async fn begin(&mut self) -> Result<Transaction<'_>> {
        self.begin_with(TxOptions::new()).await
    }

    /// Begins a transaction at `opts`' isolation level (an unknown level
    /// runs as SERIALIZABLE), read-only if asked. The [`Transaction`]
    /// rolls back when dropped without [`commit`](Transaction::commit).
    pub async fn begin_with(&mut self, opts: TxOptions) -> Result<Transaction<'_>> {
        let state = &self.state;
        let client = self.holder.client_mut();
        let token = token_for(state, client);
        let started = state.echo.start();
        let mut builder = client.build_transaction().read_only(opts.read_only);
        if let Some(level) = opts.isolation {
            builder = builder.isolation_level(pg_isolation(level));
        }
        let r = bounded(state, token, builder.start()).await;
        log_protocol(state, &begin_sql(&opts), started, &r);
        Ok(Transaction {
            tx: r?,
            state,
            depth: 0,
            guard: DropLog::new(state, "ROLLBACK"),
        })
    }
}

/// Logs, when echo is on, the rollback tokio-postgres queues for a
/// transaction dropped without commit or rollback (unless disarmed).
struct DropLog<'c> {
    state: &'c State,
    sql: Option<String>,
}

impl<'c> DropLog<'c> {
    fn new(state: &'c State, rollback: &str) -> Self {
        DropLog {
            state,
            sql: state.echo.is_on().then(|| format!("{rollback} (dropped)")),
        }
    }

    fn disarm(&mut self) {
        self.sql = None;
    }
}

impl Drop for DropLog<'_> {
    fn drop(&mut self) {
        if let Some(sql) = self.sql.take() {
            let started = self.state.echo.start();
            log(self.state, &sql, &[], started, Ok(None));
        }
    }
}

/// A transaction on a [`Connection`] (or a savepoint in one): the same
/// execution methods, then [`commit`](Transaction::commit) or
/// [`rollback`](Transaction::rollback).
///
/// Dropped without either, it rolls back: tokio-postgres queues the
/// ROLLBACK (or ROLLBACK TO SAVEPOINT) on the connection when the
/// transaction is dropped, before anything the connection runs next, so
/// a pooled connection never goes back to the pool inside it.
pub struct Transaction<'c> {
    // Dropped first: its rollback is queued before the guard logs it.
    tx: tokio_postgres::Transaction<'c>,
    state: &'c State,
    /// 0 for the transaction, n for the n-th nested savepoint (named
    /// `sp_n` by tokio-postgres).
    depth: u32,
    guard: DropLog<'c>,
}

impl std::fmt::Debug for Transaction<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction").finish_non_exhaustive()
    }
}

impl<'c> Transaction<'c> {
    fn on(&self) -> On<'_> {
        On {
            client: self.tx.client(),
            state: self.state,
            in_tx: true,
        }
    }

    /// The dialect statements compile with.
    pub fn dialect(&self) -> &Postgres {
        &self.state.dialect
    }

    /// How deep the transaction is nested: 0 for a transaction, 1 for its
    /// first savepoint, ...
    pub fn depth(&self) -> usize {
        usize::try_from(self.depth).unwrap_or(usize::MAX)
    }

    /// Whether statements are logged.
    pub fn echo(&self) -> Echo {
        self.state.echo
    }

    /// The tokio-postgres transaction (an escape hatch).
    pub fn driver(&self) -> &tokio_postgres::Transaction<'c> {
        &self.tx
    }

    execution_methods!();

    /// Creates every table of `metadata` in this transaction.
    pub async fn create_all(&mut self, metadata: &MetaData) -> Result<()> {
        let ddl = metadata.create_all(&self.state.dialect)?;
        self.on().ddl(&ddl).await
    }

    /// Drops every table of `metadata` in this transaction.
    pub async fn drop_all(&mut self, metadata: &MetaData) -> Result<()> {
        let ddl = metadata.drop_all(&self.state.dialect)?;
        self.on().ddl(&ddl).await
    }

    /// Begins a nested transaction: a SAVEPOINT, released by its
    /// [`commit`](Transaction::commit), rolled back to by its
    /// [`rollback`](Transaction::rollback) or when dropped; any depth.
    pub async fn savepoint(&mut self) -> Result<Transaction<'_>> {
        let state = self.state;
        let token = token_for(state, self.tx.client());
        let started = state.echo.start();
        let depth = self.depth + 1;
        let r = bounded(state, token, self.tx.transaction()).await;
        log_protocol(state, &format!("SAVEPOINT sp_{depth}"), started, &r);
        Ok(Transaction {
            tx: r?,
            state,
            depth,
            guard: DropLog::new(state, &format!("ROLLBACK TO sp_{depth}")),
        })
    }

    /// Commits (or releases the savepoint).
    pub async fn commit(mut self) -> Result<()> {
        self.guard.disarm();
        let sql = match self.depth {
            0 => "COMMIT".to_owned(),
            n => format!("RELEASE sp_{n}"),
        };
        let state = self.state;
        let token = token_for(state, self.tx.client());
        let started = state.echo.start();
        let r = bounded(state, token, self.tx.commit()).await;
        log_protocol(state, &sql, started, &r);
        r
    }

    /// Rolls back (to the savepoint, for a nested one).
    pub async fn rollback(mut self) -> Result<()> {
        self.guard.disarm();
        let sql = match self.depth {
            0 => "ROLLBACK".to_owned(),
            n => format!("ROLLBACK TO sp_{n}"),
        };
        let state = self.state;
        let token = token_for(state, self.tx.client());
        let started = state.echo.start();
        let r = bounded(state, token, self.tx.rollback()).await;
        log_protocol(state, &sql, started, &r);
        r
    }
}
