//! [`Connection`]: a mysql_async connection that carries its [`MySql`]
//! dialect (MariaDB or MySQL, detected from the server), runs statements
//! into typed [`Record`]s, logs them ([`Echo`]), and opens [`Transaction`]s
//! with nested savepoints.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use mysql_async::prelude::Queryable;
use mysql_async::{Conn, Opts, Params, Row};

use sqlexpr::conn::{Echo, TxOptions};
use sqlexpr::row::{FromRow, Record};
use sqlexpr::schema::MetaData;
use sqlexpr::{Compiled, Render, SqlType};

use crate::bind::params;
use crate::exec::{
    check_fits, dialect_of_version, oversize, packet_limit, TimeoutKind, MAX_ALLOWED_PACKET_SQL,
};
use crate::stream::RowStream;
use crate::{read_row, typed_record, Error, Flavour, MySql, Result};

/// How long [`Connection::connect`] waits for the server when the URL sets
/// no `connect_timeout`.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How much longer than the statement timeout the client waits for the
/// server's answer (when no reply timeout is set), so that the server's own
/// timeout error, which leaves the connection usable, comes first.
pub const REPLY_GRACE: Duration = Duration::from_secs(2);

/// How long a connection given up on (lost, or timed out on the client
/// side) may take to close in the background.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(1);

/// A failure of one exchange with the server: the driver's error, or no
/// answer within the client-side bound.
pub(crate) enum Fault {
    Driver(mysql_async::Error),
    NoReply(Duration),
}

/// `fut` bounded by `limit` (unbounded for `None`).
pub(crate) async fn within<T, F>(limit: Option<Duration>, fut: F) -> std::result::Result<T, Fault>
where
    F: Future<Output = std::result::Result<T, mysql_async::Error>>,
{
    match limit {
        None => fut.await.map_err(Fault::Driver),
        Some(d) => match tokio::time::timeout(d, fut).await {
            Ok(r) => r.map_err(Fault::Driver),
            Err(_) => Err(Fault::NoReply(d)),
        },
    }
}

/// What a [`Fault`] is for the user, on a server of `flavour` whose
/// statement timeout is `limit`.
pub(crate) fn fault_error(f: Fault, flavour: Flavour, limit: Option<Duration>) -> Error {
    match f {
        Fault::Driver(e) => Error::classify(e, flavour, limit),
        Fault::NoReply(d) => Error::Timeout {
            kind: TimeoutKind::Reply,
            limit: Some(d),
            source: None,
        },
    }
}

/// The engine name echo logs for `dialect`.
pub(crate) fn engine(dialect: &MySql) -> &'static str {
    match dialect.flavour() {
        Flavour::MariaDb => "mariadb",
        _ => "mysql",
    }
}

/// Closes `conn` without waiting: a connection that was lost or that did
/// not answer. Once closed, a pool discards it rather than hand it out.
fn close_in_background(conn: Conn) {
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        rt.spawn(async move {
            let _ = tokio::time::timeout(CLOSE_TIMEOUT, conn.disconnect()).await;
        });
    }
}

/// The dialect a server's `VERSION()` names: MariaDB when it says so
/// (`10.11.6-MariaDB-0+deb12u1`, or `5.5.5-10.11.6-MariaDB` as older
/// MariaDB servers put it), MySQL otherwise (`8.0.36`); `None` when it
/// starts with no version number.
pub(crate) fn dialect_of_version_string(v: &str) -> Option<MySql> {
    let mariadb = v.to_ascii_lowercase().contains("mariadb");
    let v = if mariadb {
        v.strip_prefix("5.5.5-").unwrap_or(v)
    } else {
        v
    };
    let mut parts = v
        .split(|c: char| !c.is_ascii_digit())
        .take(3)
        .map(|p| p.parse::<u32>().ok());
    let major = parts.next().flatten()?;
    let minor = parts.next().flatten().unwrap_or(0);
    let patch = parts.next().flatten().unwrap_or(0);
    let flavour = if mariadb {
        Flavour::MariaDb
    } else {
        Flavour::MySql
    };
    Some(MySql::with_version(flavour, major, minor, patch))
}

/// The dialect of the server `conn` is connected to, from its `VERSION()`
/// (the handshake's version when that does not parse), within `limit`.
pub(crate) async fn detect(conn: &mut Conn, limit: Duration) -> Result<MySql> {
    let flavour = dialect_of_version(conn.server_version()).flavour();
    let version: Option<String> = within(Some(limit), conn.query_first("SELECT VERSION()"))
        .await
        .map_err(|f| fault_error(f, flavour, None))?;
    Ok(version
        .as_deref()
        .and_then(dialect_of_version_string)
        .unwrap_or_else(|| dialect_of_version(conn.server_version())))
}

/// `url` without its `connect_timeout` parameter (which mysql_async does not
/// know), and that parameter's value in seconds.
pub(crate) fn split_connect_timeout(url: &str) -> Result<(String, Option<Duration>)> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_owned(), None));
    };
    let mut timeout = None;
    let mut rest = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("connect_timeout", v)) => {
                let invalid = || {
                    Error::MySql(mysql_async::Error::Url(
                        mysql_async::UrlError::InvalidParamValue {
                            param: "connect_timeout".to_owned(),
                            value: v.to_owned(),
                        },
                    ))
                };
                let secs: f64 = v.parse().map_err(|_| invalid())?;
                let d = Duration::try_from_secs_f64(secs).map_err(|_| invalid())?;
                if d.is_zero() {
                    return Err(invalid());
                }
                timeout = Some(d);
            }
            _ => rest.push(pair),
        }
    }
    let url = if rest.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok((url, timeout))
}

/// Opens a mysql_async connection with `opts`, in at most `timeout`.
pub(crate) async fn open_driver(opts: Opts, timeout: Duration) -> Result<Conn> {
    match tokio::time::timeout(timeout, Conn::new(opts)).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(Error::MySql(e)),
        Err(_) => Err(Error::Timeout {
            kind: TimeoutKind::Connect,
            limit: Some(timeout),
            source: None,
        }),
    }
}

/// A connection to MySQL or MariaDB that carries its dialect: every
/// statement compiles for this server's flavour and version (MariaDB's
/// RETURNING, MySQL's `AS new` upsert row, ...), and there is no way to
/// pass a second dialect.
///
/// Rows come back as [`Record`]s typed by the statement's column types
/// ([`Render::column_types`]): a `BOOLEAN` column reads as `bool`, a
/// `NUMERIC` one as a `BigDecimal`, MariaDB's JSON as JSON. Each execution
/// is logged when [`Echo`] is on. Transactions ([`Connection::begin`])
/// nest through savepoints and roll back when their guard is dropped.
///
/// Faults are [`Error`]s, never a hang: the server's statement timeout
/// ([`Connection::set_statement_timeout`]) and `KILL QUERY` leave the
/// connection usable; a killed or closed connection, or one whose server
/// did not answer within the client-side bound
/// ([`Connection::set_reply_timeout`]), is [`Error::ConnectionLost`] /
/// [`Error::Timeout`] and is closed (a pool does not hand it out again).
///
/// ```no_run
/// # async fn demo() -> Result<(), sqlexpr_mysql::Error> {
/// use sqlexpr::prelude::*;
/// use sqlexpr_mysql::Connection;
///
/// let mut conn = Connection::connect("mysql://root@127.0.0.1:3306/test").await?;
/// let row = conn.fetch_one(&select([raw_with("? + ?", [20, 22]).label("n")])).await?;
/// assert_eq!(row.read::<i64>("n")?, 42);
/// # Ok(()) }
/// ```
pub struct Connection {
    /// `None` once the connection was given up on.
    driver: Option<Conn>,
    dialect: MySql,
    echo: Echo,
    /// The statement timeout this connection set on the server.
    statement_timeout: Option<Duration>,
    /// The client-side bound set by hand.
    reply_timeout: Option<Duration>,
    /// The session's `max_allowed_packet`, once asked.
    max_allowed_packet: Option<usize>,
    /// The open transaction levels: 1 for a transaction, one more per
    /// savepoint.
    depth: u32,
    /// The outermost level whose guard was dropped without commit or
    /// rollback: rolled back before anything else runs.
    pending: Option<u32>,
    /// The connection failed (lost, or no answer in time) while a borrow of
    /// it was out: it is given up on at its next use.
    pub(crate) poisoned: bool,
    /// The session differs from a fresh one (a statement timeout): a pool
    /// resets it when it comes back.
    session_changed: bool,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("id", &self.id())
            .field("dialect", &self.dialect)
            .field("echo", &self.echo)
            .field("statement_timeout", &self.statement_timeout)
            .field("reply_timeout", &self.reply_timeout)
            .field("transaction_depth", &self.depth)
            .finish_non_exhaustive()
    }
}

impl Connection {
    /// Connects to the server at `url` (`mysql://user:password@host:port/db`,
    /// with mysql_async's parameters and `connect_timeout=<seconds>`,
    /// [`DEFAULT_CONNECT_TIMEOUT`] when absent) and detects its dialect
    /// (see [`Connection::from_driver`]). A server that does not answer is
    /// [`Error::Timeout`] of kind [`TimeoutKind::Connect`] within the
    /// connect timeout; a refused connection is [`Error::MySql`].
    pub async fn connect(url: &str) -> Result<Connection> {
        let (url, timeout) = split_connect_timeout(url)?;
        let opts = Opts::from_url(&url).map_err(|e| Error::MySql(mysql_async::Error::Url(e)))?;
        Connection::connect_with(opts, timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT)).await
    }

    /// Connects with mysql_async's `opts` in at most `timeout` (the
    /// connect and the dialect's detection), and detects the dialect.
    pub async fn connect_with(opts: impl Into<Opts>, timeout: Duration) -> Result<Connection> {
        let mut conn = open_driver(opts.into(), timeout).await?;
        let dialect = detect(&mut conn, timeout).await?;
        Ok(Connection::with_dialect(conn, dialect))
    }

    /// Wraps a mysql_async connection, detecting its dialect from the
    /// server: MariaDB or MySQL, and its version, from `SELECT VERSION()`
    /// (`10.11.6-MariaDB` is [`Flavour::MariaDb`] 10.11.6).
    pub async fn from_driver(mut conn: Conn) -> Result<Connection> {
        let dialect = detect(&mut conn, DEFAULT_CONNECT_TIMEOUT).await?;
        Ok(Connection::with_dialect(conn, dialect))
    }

    /// Wraps a mysql_async connection with a dialect chosen by hand.
    pub fn with_dialect(conn: Conn, dialect: MySql) -> Connection {
        Connection {
            driver: Some(conn),
            dialect,
            echo: Echo::Off,
            statement_timeout: None,
            reply_timeout: None,
            max_allowed_packet: None,
            depth: 0,
            pending: None,
            poisoned: false,
            session_changed: false,
        }
    }

    /// The dialect every statement compiles with.
    pub fn dialect(&self) -> &MySql {
        &self.dialect
    }

    /// The mysql_async connection (the escape hatch); `None` once the
    /// connection was lost or timed out (it is then closed).
    pub fn driver(&self) -> Option<&Conn> {
        self.driver.as_ref().filter(|_| !self.poisoned)
    }

    /// The mysql_async connection, mutably; `None` once the connection was
    /// lost or timed out. Statements run on it directly bypass this
    /// connection's transaction bookkeeping and echo.
    pub fn driver_mut(&mut self) -> Option<&mut Conn> {
        if self.poisoned {
            return None;
        }
        self.driver.as_mut()
    }

    /// The server's id of this connection (what `KILL` takes), while it is
    /// open.
    pub fn id(&self) -> Option<u32> {
        self.driver().map(Conn::id)
    }

    /// The AUTO_INCREMENT value the last statement generated, if any.
    pub fn last_insert_id(&self) -> Option<u64> {
        self.driver().and_then(Conn::last_insert_id)
    }

    /// Whether a transaction is open (or a dropped one's rollback is
    /// still to run).
    pub fn in_transaction(&self) -> bool {
        self.depth > 0 || self.pending.is_some()
    }

    /// Turns statement logging on or off (see [`Echo`]).
    pub fn set_echo(&mut self, echo: Echo) {
        self.echo = echo;
    }

    /// Whether statements are logged.
    pub fn echo(&self) -> Echo {
        self.echo
    }

    /// The statement timeout set by [`Connection::set_statement_timeout`].
    pub fn statement_timeout(&self) -> Option<Duration> {
        self.statement_timeout
    }

    /// Sets the server's statement timeout for this session (`None`: no
    /// limit): MariaDB's `max_statement_time` (seconds, every statement),
    /// MySQL's `max_execution_time` (milliseconds, SELECT only). A
    /// statement stopped by it is [`Error::Timeout`] of kind
    /// [`TimeoutKind::Statement`] and the connection stays usable. Unless a
    /// reply timeout is set, the client also waits at most the timeout plus
    /// [`REPLY_GRACE`] for an answer (see [`Connection::set_reply_timeout`]).
    pub async fn set_statement_timeout(&mut self, timeout: Option<Duration>) -> Result<()> {
        let sql = match self.dialect.flavour() {
            Flavour::MariaDb => {
                let secs = timeout.map_or(0.0, |d| d.as_secs_f64());
                format!("SET SESSION max_statement_time = {secs}")
            }
            _ => {
                // 0 is no limit: a timeout below a millisecond is one.
                let ms = timeout.map_or(0, |d| d.as_millis().clamp(1, u128::from(u32::MAX)));
                format!("SET SESSION max_execution_time = {ms}")
            }
        };
        self.settle().await?;
        self.raw(&sql).await?;
        self.statement_timeout = timeout;
        self.session_changed = true;
        Ok(())
    }

    /// The client-side bound set by [`Connection::set_reply_timeout`].
    pub fn reply_timeout(&self) -> Option<Duration> {
        self.reply_timeout
    }

    /// Sets how long the client waits for each answer of the server (a
    /// statement's result, each row of a stream) before giving up with
    /// [`Error::Timeout`] of kind [`TimeoutKind::Reply`]; the connection is
    /// then closed, since the server may still answer later. `None` (the
    /// default) waits the statement timeout plus [`REPLY_GRACE`] when one
    /// is set, and without bound otherwise.
    pub fn set_reply_timeout(&mut self, timeout: Option<Duration>) {
        self.reply_timeout = timeout;
    }

    /// The client-side bound in force.
    pub(crate) fn reply_limit(&self) -> Option<Duration> {
        self.reply_timeout.or_else(|| {
            self.statement_timeout
                .map(|d| d.saturating_add(REPLY_GRACE))
        })
    }

    /// Closes the connection (`COM_QUIT`), within the reply timeout (one
    /// second when none is set). An open transaction is rolled back by the
    /// server.
    pub async fn close(mut self) -> Result<()> {
        let limit = self.reply_limit().unwrap_or(CLOSE_TIMEOUT);
        let flavour = self.dialect.flavour();
        match self.driver.take() {
            Some(conn) if !self.poisoned => within(Some(limit), conn.disconnect())
                .await
                .map_err(|f| fault_error(f, flavour, None)),
            Some(conn) => {
                close_in_background(conn);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Compiles `stmt` with the connection's dialect.
    pub fn compile(&self, stmt: &dyn Render) -> Result<Compiled> {
        let c = stmt.compile(&self.dialect)?;
        c.ensure_filled()?;
        Ok(c)
    }

    /// The open driver connection, or [`Error::ConnectionLost`] (closing it
    /// first when it failed while borrowed).
    fn live(&mut self) -> Result<&mut Conn> {
        if self.poisoned {
            self.abandon();
        }
        self.driver.as_mut().ok_or(Error::ConnectionLost(None))
    }

    /// Gives the connection up: it is closed in the background and every
    /// later use is [`Error::ConnectionLost`].
    fn abandon(&mut self) {
        if let Some(conn) = self.driver.take() {
            close_in_background(conn);
        }
        self.poisoned = false;
        self.depth = 0;
        self.pending = None;
    }

    /// The user's error for `f`; a connection that is gone is given up on.
    fn fail(&mut self, f: Fault) -> Error {
        let e = fault_error(f, self.dialect.flavour(), self.statement_timeout);
        if e.is_connection_lost() {
            self.abandon();
        }
        e
    }

    /// Logs an execution of `sql` (see [`Echo::log`]).
    fn log<T>(
        &self,
        sql: &str,
        params: &[sqlexpr::Value],
        started: Option<std::time::Instant>,
        r: &Result<T>,
        rows: impl FnOnce(&T) -> Option<u64>,
    ) {
        self.log_outcome(sql, params, started, r.as_ref().map(rows));
    }

    /// Logs an execution of `sql` that returned `outcome`.
    fn log_outcome(
        &self,
        sql: &str,
        params: &[sqlexpr::Value],
        started: Option<std::time::Instant>,
        outcome: std::result::Result<Option<u64>, &Error>,
    ) {
        let outcome = outcome.map_err(|e| e as &dyn fmt::Display);
        self.echo
            .log(engine(&self.dialect), sql, params, started, outcome);
    }

    /// Runs `sql` as it is (transaction control, session settings), logged.
    async fn raw(&mut self, sql: &str) -> Result<()> {
        let started = self.echo.start();
        let limit = self.reply_limit();
        let r = match self.live() {
            Ok(conn) => within(limit, conn.query_drop(sql)).await,
            Err(e) => {
                self.log_outcome(sql, &[], started, Err(&e));
                return Err(e);
            }
        };
        let r = r.map_err(|f| self.fail(f));
        self.log(sql, &[], started, &r, |_| None);
        r
    }

    /// Runs the rollback that a dropped transaction guard left to run, if
    /// any. When the server refuses it (a savepoint that is gone: the
    /// server rolled the whole transaction back after a deadlock, or a DDL
    /// statement committed it), the whole transaction is rolled back and
    /// the error is returned, once: the connection is not stuck on it.
    async fn settle(&mut self) -> Result<()> {
        let Some(level) = self.pending else {
            return Ok(());
        };
        match self.undo(level).await {
            Ok(()) => {
                self.pending = None;
                self.depth = level.saturating_sub(1);
                Ok(())
            }
            Err(e) if e.is_connection_lost() => Err(e),
            Err(e) => {
                if level > 1 {
                    let _ = self.raw("ROLLBACK").await;
                }
                self.pending = None;
                self.depth = 0;
                Err(e)
            }
        }
    }

    /// Rolls back transaction level `level`: the transaction (1) or a
    /// savepoint.
    async fn undo(&mut self, level: u32) -> Result<()> {
        if level <= 1 {
            self.raw("ROLLBACK").await
        } else {
            let name = savepoint_name(level);
            self.raw(&format!("ROLLBACK TO SAVEPOINT {name}")).await?;
            self.raw(&format!("RELEASE SAVEPOINT {name}")).await
        }
    }

    /// The statement's parameters, checked against the server's
    /// `max_allowed_packet` (asked once per connection, and only for a
    /// statement larger than any server's smallest limit), after the
    /// pending rollback, if any.
    async fn prepare(&mut self, c: &Compiled) -> Result<Params> {
        self.settle().await?;
        c.ensure_filled()?;
        let params = params(&c.params)?;
        if let Some(bytes) = oversize(&c.sql, &params) {
            let max = match self.max_allowed_packet {
                Some(max) => max,
                None => {
                    let limit = self.reply_limit();
                    let conn = self.live()?;
                    let answer: Option<u64> =
                        within(limit, conn.query_first(MAX_ALLOWED_PACKET_SQL))
                            .await
                            .map_err(|f| self.fail(f))?;
                    let max = packet_limit(answer);
                    self.max_allowed_packet = Some(max);
                    max
                }
            };
            check_fits(bytes, max)?;
        }
        Ok(params)
    }

    /// Executes a statement (INSERT, UPDATE, DELETE, DDL); returns the
    /// number of rows affected (for a statement with RETURNING, the rows it
    /// returned, which are read and dropped).
    pub fn execute<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<u64>> + Send + 'a {
        // Compiled before the future: it holds no `&dyn Render` (which is
        // not `Sync`), so it can be sent to another task.
        let c = self.compile(stmt);
        async move { self.execute_compiled(&c?).await }
    }

    /// [`Connection::execute`] for a statement compiled already (with
    /// [`Connection::compile`], its named parameters filled by
    /// [`Compiled::with_params`]).
    pub async fn execute_compiled(&mut self, c: &Compiled) -> Result<u64> {
        let started = self.echo.start();
        let r = self.execute_inner(c).await;
        self.log(&c.sql, &c.params, started, &r, |n| Some(*n));
        r
    }

    async fn execute_inner(&mut self, c: &Compiled) -> Result<u64> {
        let params = self.prepare(c).await?;
        let limit = self.reply_limit();
        let conn = self.live()?;
        within(limit, async move {
            let mut result = conn.exec_iter(c.sql.as_str(), params).await?;
            // Before a result set is read, `affected_rows` is not this
            // statement's: count the rows RETURNING gives instead.
            let n = if result.columns().is_some_and(|cols| !cols.is_empty()) {
                result.reduce(0u64, |n, _: Row| n + 1).await?
            } else {
                result.affected_rows()
            };
            result.drop_result().await?;
            Ok(n)
        })
        .await
        .map_err(|f| self.fail(f))
    }

    /// Runs a query; returns all its rows, typed by the statement's column
    /// types.
    pub fn fetch_all<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Vec<Record>>> + Send + 'a {
        let c = self.compile(stmt);
        let types = stmt.column_types();
        async move { self.fetch_all_compiled(&c?, &types).await }
    }

    /// [`Connection::fetch_all`] for a statement compiled already, its
    /// columns typed by `types` (from [`Render::column_types`]; a column
    /// without a type reads as [`get_value`](crate::get_value) reads it).
    pub async fn fetch_all_compiled(
        &mut self,
        c: &Compiled,
        types: &[Option<SqlType>],
    ) -> Result<Vec<Record>> {
        let started = self.echo.start();
        let r = self.fetch_rows(c).await.and_then(|rows| {
            rows.iter()
                .map(|row| typed_record(row, types))
                .collect::<Result<Vec<_>>>()
        });
        self.log(&c.sql, &c.params, started, &r, |rows| {
            u64::try_from(rows.len()).ok()
        });
        r
    }

    async fn fetch_rows(&mut self, c: &Compiled) -> Result<Vec<Row>> {
        let params = self.prepare(c).await?;
        let limit = self.reply_limit();
        let conn = self.live()?;
        within(limit, conn.exec(c.sql.as_str(), params))
            .await
            .map_err(|f| self.fail(f))
    }

    /// Runs a query; returns its first row, or [`Error::NoRows`].
    pub fn fetch_one<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Record>> + Send + 'a {
        let row = self.fetch_optional(stmt);
        async move { row.await?.ok_or(Error::NoRows) }
    }

    /// Runs a query; returns its first row, if any (the rest are read and
    /// dropped).
    pub fn fetch_optional<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Option<Record>>> + Send + 'a {
        let c = self.compile(stmt);
        let types = stmt.column_types();
        async move { self.fetch_optional_compiled(&c?, &types).await }
    }

    /// [`Connection::fetch_optional`] for a statement compiled already, its
    /// columns typed by `types`.
    pub async fn fetch_optional_compiled(
        &mut self,
        c: &Compiled,
        types: &[Option<SqlType>],
    ) -> Result<Option<Record>> {
        let started = self.echo.start();
        let r = self
            .fetch_first(c)
            .await
            .and_then(|row| row.map(|row| typed_record(&row, types)).transpose());
        self.log(&c.sql, &c.params, started, &r, |row| {
            Some(u64::from(row.is_some()))
        });
        r
    }

    async fn fetch_first(&mut self, c: &Compiled) -> Result<Option<Row>> {
        let params = self.prepare(c).await?;
        let limit = self.reply_limit();
        let conn = self.live()?;
        within(limit, conn.exec_first(c.sql.as_str(), params))
            .await
            .map_err(|f| self.fail(f))
    }

    /// Runs a query; returns its rows as `T`s, read by column name (see
    /// [`sqlexpr::from_row!`]).
    pub fn fetch_all_as<'a, T: FromRow + Send + 'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Vec<T>>> + Send + 'a {
        let c = self.compile(stmt);
        let types = stmt.column_types();
        async move { self.fetch_all_as_compiled(&c?, &types).await }
    }

    /// [`Connection::fetch_all_as`] for a statement compiled already, its
    /// columns typed by `types`.
    pub async fn fetch_all_as_compiled<T: FromRow>(
        &mut self,
        c: &Compiled,
        types: &[Option<SqlType>],
    ) -> Result<Vec<T>> {
        let started = self.echo.start();
        let r = self
            .fetch_rows(c)
            .await
            .and_then(|rows| rows.iter().map(|row| read_row(row, types)).collect());
        self.log(&c.sql, &c.params, started, &r, |rows: &Vec<T>| {
            u64::try_from(rows.len()).ok()
        });
        r
    }

    /// Runs a query; returns its first row as a `T`, or [`Error::NoRows`].
    pub fn fetch_one_as<'a, T: FromRow + Send + 'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<T>> + Send + 'a {
        let c = self.compile(stmt);
        let types = stmt.column_types();
        async move { self.fetch_one_as_compiled(&c?, &types).await }
    }

    /// [`Connection::fetch_one_as`] for a statement compiled already, its
    /// columns typed by `types`.
    pub async fn fetch_one_as_compiled<T: FromRow>(
        &mut self,
        c: &Compiled,
        types: &[Option<SqlType>],
    ) -> Result<T> {
        let started = self.echo.start();
        let r = self.fetch_first(c).await.and_then(|row| match row {
            Some(row) => read_row(&row, types),
            None => Err(Error::NoRows),
        });
        self.log(&c.sql, &c.params, started, &r, |_| Some(1));
        r
    }

    /// Runs a query and returns its rows as a [`RowStream`], read one at a
    /// time as the server sends them (never loaded whole): `while let
    /// Some(row) = stream.next().await { .. }`, or through
    /// `futures::Stream`.
    pub fn stream<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<RowStream<'a>>> + Send + 'a {
        let c = self.compile(stmt);
        let types = stmt.column_types();
        async move { self.stream_compiled(&c?, types).await }
    }

    /// [`Connection::stream`] for a statement compiled already, its columns
    /// typed by `types`.
    pub async fn stream_compiled(
        &mut self,
        c: &Compiled,
        types: Vec<Option<SqlType>>,
    ) -> Result<RowStream<'_>> {
        let started = self.echo.start();
        let params = match self.prepare(c).await {
            Ok(p) => p,
            Err(e) => {
                self.log_outcome(&c.sql, &c.params, started, Err(&e));
                return Err(e);
            }
        };
        if let Err(e) = self.live() {
            self.log_outcome(&c.sql, &c.params, started, Err(&e));
            return Err(e);
        }
        let limit = self.reply_limit();
        let echo = self.echo;
        let dialect = self.dialect;
        let statement_timeout = self.statement_timeout;
        // The stream borrows the driver connection; a failure marks the
        // connection (`poisoned`) rather than close it here.
        let Connection {
            driver, poisoned, ..
        } = self;
        let Some(conn) = driver.as_mut() else {
            return Err(Error::ConnectionLost(None));
        };
        let opened = within(limit, async move {
            let result = conn.exec_iter(c.sql.as_str(), params).await?;
            result.stream_and_drop::<Row>().await
        })
        .await;
        let log = |r: std::result::Result<(), &Error>| {
            echo.log(
                engine(&dialect),
                &c.sql,
                &c.params,
                started,
                r.map(|()| None).map_err(|e| e as &dyn fmt::Display),
            );
        };
        match opened {
            Ok(inner) => {
                log(Ok(()));
                Ok(RowStream::new(
                    inner,
                    types,
                    limit,
                    poisoned,
                    dialect.flavour(),
                    statement_timeout,
                ))
            }
            Err(f) => {
                let e = fault_error(f, dialect.flavour(), statement_timeout);
                if e.is_connection_lost() {
                    *poisoned = true;
                }
                log(Err(&e));
                Err(e)
            }
        }
    }

    /// Creates every table of `metadata` (CREATE TABLE, CREATE INDEX, ... in
    /// dependency order), compiled with the connection's dialect. (MySQL
    /// commits the open transaction before each DDL statement.)
    pub fn create_all<'a>(
        &'a mut self,
        metadata: &MetaData,
    ) -> impl Future<Output = Result<()>> + Send + 'a {
        let ddl = metadata.create_all(&self.dialect);
        let compiled = self.compile_all(ddl);
        self.run_all(compiled)
    }

    /// Each statement of `ddl`, compiled.
    fn compile_all(&self, ddl: sqlexpr::Result<Vec<sqlexpr::stmt::Ddl>>) -> Result<Vec<Compiled>> {
        ddl?.iter().map(|d| self.compile(d)).collect()
    }

    /// Executes each statement of `compiled` in turn.
    async fn run_all(&mut self, compiled: Result<Vec<Compiled>>) -> Result<()> {
        for c in compiled? {
            self.execute_compiled(&c).await?;
        }
        Ok(())
    }

    /// Drops every table of `metadata`, in reverse dependency order.
    pub fn drop_all<'a>(
        &'a mut self,
        metadata: &MetaData,
    ) -> impl Future<Output = Result<()>> + Send + 'a {
        let ddl = metadata.drop_all(&self.dialect);
        let compiled = self.compile_all(ddl);
        self.run_all(compiled)
    }

    /// Begins a transaction with the server's defaults; see
    /// [`Connection::begin_with`].
    pub async fn begin(&mut self) -> Result<Transaction<'_>> {
        self.begin_with(TxOptions::new()).await
    }

    /// Begins a transaction (`SET TRANSACTION ISOLATION LEVEL ..` for the
    /// next transaction, then `START TRANSACTION [READ ONLY]`). The
    /// [`Transaction`] guard commits with [`Transaction::commit`]; dropped
    /// without it, the transaction is rolled back before anything else
    /// runs on the connection (or by the server / the pool's reset when the
    /// connection is dropped too).
    pub async fn begin_with(&mut self, opts: TxOptions) -> Result<Transaction<'_>> {
        self.settle().await?;
        if self.depth > 0 {
            // A guard that was leaked: its transaction ends here, rolled
            // back, rather than be committed by START TRANSACTION.
            self.undo(1).await?;
            self.depth = 0;
        }
        if let Some(level) = opts.isolation {
            self.raw(&format!(
                "SET TRANSACTION ISOLATION LEVEL {}",
                level.as_sql()
            ))
            .await?;
        }
        let start = if opts.read_only {
            "START TRANSACTION READ ONLY"
        } else {
            "START TRANSACTION"
        };
        self.raw(start).await?;
        self.depth = 1;
        Ok(Transaction {
            conn: self,
            level: 1,
            done: false,
        })
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if self.poisoned {
            self.abandon();
            return;
        }
        if self.depth > 0 || self.pending.is_some() || self.session_changed {
            // A connection from a pool goes back with an open transaction
            // or settings of its own: have the pool reset it
            // (COM_RESET_CONNECTION rolls the transaction back) whatever its
            // `reset_connection` option. One of its own is closed, and the
            // server rolls back.
            if let Some(conn) = self.driver.as_mut() {
                conn.reset_connection(true);
            }
        }
    }
}

/// The name of the savepoint of transaction level `level` (2 and up).
fn savepoint_name(level: u32) -> String {
    format!("sqlexpr_sp_{level}")
}

/// An open transaction, or a savepoint inside one
/// ([`Transaction::savepoint`]): the statements of a [`Connection`] run in
/// it. [`Transaction::commit`] commits (a savepoint: releases it);
/// [`Transaction::rollback`] rolls back. Dropped without either, it is
/// rolled back (a savepoint: back to where it began) before anything else
/// runs on the connection, since a drop cannot wait for the server.
///
/// ```no_run
/// # async fn demo(conn: &mut sqlexpr_mysql::Connection) -> Result<(), sqlexpr_mysql::Error> {
/// use sqlexpr::conn::{IsolationLevel, TxOptions};
///
/// let mut tx = conn.begin_with(TxOptions::new().isolation(IsolationLevel::Serializable)).await?;
/// // tx.execute(&insert(..)).await?;
/// {
///     let sp = tx.savepoint().await?;
///     // sp.execute(..).await?; dropped: rolled back to the savepoint
///     drop(sp);
/// }
/// tx.commit().await?;
/// # Ok(()) }
/// ```
pub struct Transaction<'c> {
    conn: &'c mut Connection,
    /// 1 for the transaction, 2 and up for savepoints.
    level: u32,
    /// Committed or rolled back.
    done: bool,
}

impl fmt::Debug for Transaction<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transaction")
            .field("level", &self.level)
            .field("connection", &self.conn)
            .finish()
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            let level = self.level;
            self.conn.pending = Some(self.conn.pending.map_or(level, |p| p.min(level)));
            self.conn.depth = level.saturating_sub(1);
        }
    }
}

impl Transaction<'_> {
    /// The connection's dialect.
    pub fn dialect(&self) -> &MySql {
        &self.conn.dialect
    }

    /// How deep this transaction is: 1 for the transaction, 2 for its
    /// first savepoint, ...
    pub fn depth(&self) -> u32 {
        self.level
    }

    /// Opens a savepoint inside this transaction (`SAVEPOINT`), nested to
    /// any depth, with the same guard: [`Transaction::commit`] releases it,
    /// [`Transaction::rollback`] or a drop rolls back to it.
    pub async fn savepoint(&mut self) -> Result<Transaction<'_>> {
        self.conn.settle().await?;
        let level = self.level.saturating_add(1);
        self.conn
            .raw(&format!("SAVEPOINT {}", savepoint_name(level)))
            .await?;
        self.conn.depth = level;
        Ok(Transaction {
            conn: &mut *self.conn,
            level,
            done: false,
        })
    }

    /// Commits the transaction (`COMMIT`), or releases the savepoint
    /// (`RELEASE SAVEPOINT`). When it fails, the transaction is rolled back
    /// as a dropped one is.
    pub async fn commit(mut self) -> Result<()> {
        self.conn.settle().await?;
        if self.level <= 1 {
            self.conn.raw("COMMIT").await?;
        } else {
            let name = savepoint_name(self.level);
            self.conn.raw(&format!("RELEASE SAVEPOINT {name}")).await?;
        }
        self.done = true;
        self.conn.depth = self.level.saturating_sub(1);
        Ok(())
    }

    /// Rolls the transaction back (`ROLLBACK`), or rolls back to the
    /// savepoint and releases it.
    pub async fn rollback(mut self) -> Result<()> {
        self.conn.settle().await?;
        self.conn.undo(self.level).await?;
        self.done = true;
        self.conn.depth = self.level.saturating_sub(1);
        Ok(())
    }

    /// [`Connection::execute`] in the transaction.
    pub fn execute<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<u64>> + Send + 'a {
        self.conn.execute(stmt)
    }

    /// [`Connection::execute_compiled`] in the transaction.
    pub async fn execute_compiled(&mut self, c: &Compiled) -> Result<u64> {
        self.conn.execute_compiled(c).await
    }

    /// [`Connection::fetch_all`] in the transaction.
    pub fn fetch_all<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Vec<Record>>> + Send + 'a {
        self.conn.fetch_all(stmt)
    }

    /// [`Connection::fetch_all_compiled`] in the transaction.
    pub async fn fetch_all_compiled(
        &mut self,
        c: &Compiled,
        types: &[Option<SqlType>],
    ) -> Result<Vec<Record>> {
        self.conn.fetch_all_compiled(c, types).await
    }

    /// [`Connection::fetch_one`] in the transaction.
    pub fn fetch_one<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Record>> + Send + 'a {
        self.conn.fetch_one(stmt)
    }

    /// [`Connection::fetch_optional`] in the transaction.
    pub fn fetch_optional<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Option<Record>>> + Send + 'a {
        self.conn.fetch_optional(stmt)
    }

    /// [`Connection::fetch_all_as`] in the transaction.
    pub fn fetch_all_as<'a, T: FromRow + Send + 'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Vec<T>>> + Send + 'a {
        self.conn.fetch_all_as(stmt)
    }

    /// [`Connection::fetch_one_as`] in the transaction.
    pub fn fetch_one_as<'a, T: FromRow + Send + 'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<T>> + Send + 'a {
        self.conn.fetch_one_as(stmt)
    }

    /// [`Connection::stream`] in the transaction.
    pub fn stream<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<RowStream<'a>>> + Send + 'a {
        self.conn.stream(stmt)
    }

    /// [`Connection::create_all`] in the transaction (MySQL commits it
    /// before each DDL statement).
    pub fn create_all<'a>(
        &'a mut self,
        metadata: &MetaData,
    ) -> impl Future<Output = Result<()>> + Send + 'a {
        self.conn.create_all(metadata)
    }

    /// [`Connection::drop_all`] in the transaction (MySQL commits it before
    /// each DDL statement).
    pub fn drop_all<'a>(
        &'a mut self,
        metadata: &MetaData,
    ) -> impl Future<Output = Result<()>> + Send + 'a {
        self.conn.drop_all(metadata)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_strings_name_their_dialect() {
        assert_eq!(
            dialect_of_version_string("10.11.6-MariaDB-0+deb12u1"),
            Some(MySql::with_version(Flavour::MariaDb, 10, 11, 6))
        );
        assert_eq!(
            dialect_of_version_string("5.5.5-10.5.23-MariaDB"),
            Some(MySql::with_version(Flavour::MariaDb, 10, 5, 23))
        );
        assert_eq!(
            dialect_of_version_string("8.0.36"),
            Some(MySql::with_version(Flavour::MySql, 8, 0, 36))
        );
        assert_eq!(
            dialect_of_version_string("9.1.0-commercial"),
            Some(MySql::with_version(Flavour::MySql, 9, 1, 0))
        );
        assert_eq!(dialect_of_version_string("unknown"), None);
        assert_eq!(dialect_of_version_string(""), None);
    }

    #[test]
    fn connect_timeout_is_taken_from_the_url() {
        let (url, t) = split_connect_timeout("mysql://root@h:1/db?connect_timeout=2").unwrap();
        assert_eq!(
            (url.as_str(), t),
            ("mysql://root@h:1/db", Some(Duration::from_secs(2)))
        );
        let (url, t) = split_connect_timeout(
            "mysql://h/db?pool_max=3&connect_timeout=0.5&prefer_socket=false",
        )
        .unwrap();
        assert_eq!(url, "mysql://h/db?pool_max=3&prefer_socket=false");
        assert_eq!(t, Some(Duration::from_millis(500)));
        let (url, t) = split_connect_timeout("mysql://h/db").unwrap();
        assert_eq!((url.as_str(), t), ("mysql://h/db", None));
        for bad in ["x", "-1", "0", "inf", "NaN", "1e400"] {
            let e = split_connect_timeout(&format!("mysql://h/db?connect_timeout={bad}"));
            assert!(matches!(e, Err(Error::MySql(_))), "{bad}: {e:?}");
        }
    }

    #[test]
    fn savepoints_are_named_by_level() {
        assert_eq!(savepoint_name(2), "sqlexpr_sp_2");
    }
}
