//! [`Connection`]: a SQLite connection that carries its dialect, runs
//! sqlexpr statements and reads typed rows, with transactions
//! ([`Transaction`], nested savepoints), streams ([`RowStream`]), statement
//! logging ([`Echo`]) and the faults SQLite has (busy, interrupted,
//! timed out) as distinct [`Error`]s.
//!
//! The API is the one of the PostgreSQL and MySQL crates' connections,
//! without `async`: SQLite runs in the calling thread.

use std::ffi::c_int;
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rusqlite::{CachedStatement, InterruptHandle};
use sqlexpr::conn::{Echo, TxOptions};
use sqlexpr::row::{FromRow, Record};
use sqlexpr::{Compiled, MetaData, Render, SqlType};

use crate::exec::{prepare, Bind};
use crate::{read_row, typed_record, Error, Result, Sqlite};

/// The engine name in echo events.
const ENGINE: &str = "sqlite";

/// How many SQLite virtual-machine instructions run between two looks at
/// the statement deadline (a few microseconds' worth).
const PROGRESS_OPS: c_int = 1000;

/// The savepoint that makes `create_all` / `drop_all` all-or-nothing.
const DDL_SAVEPOINT: &str = "sqlexpr_ddl";

/// When the running statement must stop, and whether it was stopped for
/// that; read by the progress handler.
#[derive(Debug, Default)]
struct Deadline {
    at: Mutex<Option<Instant>>,
    fired: AtomicBool,
}

impl Deadline {
    fn set(&self, at: Option<Instant>) {
        *self.at.lock().unwrap_or_else(PoisonError::into_inner) = at;
    }

    /// Starts the clock of a statement limited to `limit`.
    fn arm(&self, limit: Option<Duration>) {
        self.fired.store(false, Ordering::Relaxed);
        let at = limit.and_then(|l| Instant::now().checked_add(l));
        self.set(at);
    }

    fn disarm(&self) {
        self.set(None);
    }

    /// Whether the deadline has passed (then the statement is stopped).
    fn expired(&self) -> bool {
        let at = *self.at.lock().unwrap_or_else(PoisonError::into_inner);
        let expired = at.is_some_and(|at| Instant::now() >= at);
        if expired {
            self.fired.store(true, Ordering::Relaxed);
        }
        expired
    }

    fn fired(&self) -> bool {
        self.fired.load(Ordering::Relaxed)
    }
}

/// How a SQLite transaction takes its locks (SQLite's `BEGIN DEFERRED`,
/// `IMMEDIATE`, `EXCLUSIVE`), for [`Connection::begin_with_behavior`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TxBehavior {
    /// Locks are taken when first needed: a read takes a shared lock, the
    /// first write the write lock (which can then be [`Error::Busy`]).
    /// What [`Connection::begin`] does.
    #[default]
    Deferred,
    /// The write lock is taken at `BEGIN`: a transaction that will write
    /// waits for it (or is [`Error::Busy`]) before doing any work.
    Immediate,
    /// As `Immediate`; in rollback-journal mode other connections cannot
    /// read either until it ends (in WAL mode, the same as `Immediate`).
    Exclusive,
}

impl TxBehavior {
    fn begin_sql(self) -> &'static str {
        match self {
            TxBehavior::Deferred => "BEGIN DEFERRED",
            TxBehavior::Immediate => "BEGIN IMMEDIATE",
            TxBehavior::Exclusive => "BEGIN EXCLUSIVE",
        }
    }
}

/// A SQLite connection with its dialect: statements compile for it, run
/// with rusqlite's prepared-statement cache and read rows typed by the
/// statement's columns ([`Render::column_types`]).
///
/// ```
/// use sqlexpr::prelude::*;
/// use sqlexpr_sqlite::Connection;
///
/// let mut meta = MetaData::new();
/// let users = meta.add(
///     Table::builder("users")
///         .column(Column::new("id", SqlType::Integer).primary_key())
///         .column(Column::new("name", SqlType::Text).not_null())
///         .build()?,
/// )?;
/// let mut conn = Connection::open_in_memory()?;
/// conn.create_all(&meta)?;
///
/// let mut tx = conn.begin()?;
/// tx.execute(&insert(&users).value("id", 1).value("name", "ada"))?;
/// tx.commit()?;
///
/// let row = conn.fetch_one(&select([users.c("name")]).where_(users.c("id").eq(1)))?;
/// assert_eq!(row.read::<String>("name")?, "ada");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Connection {
    conn: rusqlite::Connection,
    dialect: Sqlite,
    echo: Echo,
    timeout: Option<Duration>,
    deadline: Arc<Deadline>,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("conn", &self.conn)
            .field("dialect", &self.dialect)
            .field("echo", &self.echo)
            .field("statement_timeout", &self.timeout)
            .finish()
    }
}

/// The reason a database at `target` did not open, when SQLite's own
/// message ("unable to open database file") does not say it.
fn open_hint(target: &str) -> Option<String> {
    let parent = Path::new(target).parent()?;
    if parent.as_os_str().is_empty() || parent.exists() {
        return None;
    }
    Some(format!("the directory {parent:?} does not exist"))
}

fn open_error(target: &str, source: rusqlite::Error) -> Error {
    Error::Open {
        target: target.to_owned(),
        hint: open_hint(target),
        source,
    }
}

/// The dialect of the SQLite library linked in: the version that runs the
/// statements.
fn library_dialect() -> Sqlite {
    let v = u32::try_from(rusqlite::version_number()).unwrap_or(0);
    Sqlite::with_version(v / 1_000_000, v / 1000 % 1000, v % 1000)
}

impl Connection {
    /// Opens (creating it if needed) the database file at `path`. A path
    /// that cannot be opened (its directory missing, no permission) is
    /// [`Error::Open`]. rusqlite's defaults apply: URI file names
    /// (`file:data.db?mode=ro`) are read, the busy timeout is 5 seconds.
    pub fn open(path: impl AsRef<Path>) -> Result<Connection> {
        let path = path.as_ref();
        match rusqlite::Connection::open(path) {
            Ok(conn) => Ok(Connection::from_driver(conn)),
            Err(e) => Err(open_error(&path.to_string_lossy(), e)),
        }
    }

    /// Opens a new, private in-memory database (gone when the connection
    /// closes).
    pub fn open_in_memory() -> Result<Connection> {
        rusqlite::Connection::open_in_memory()
            .map(Connection::from_driver)
            .map_err(|e| open_error(":memory:", e))
    }

    /// Opens the database a URL names: `sqlite::memory:` (a private
    /// in-memory database), `sqlite://relative/path.db`,
    /// `sqlite:///absolute/path.db`; a query string is passed to SQLite as
    /// URI parameters (`sqlite://data.db?mode=ro`). Any other URL is
    /// [`Error::Url`].
    ///
    /// ```
    /// let mut conn = sqlexpr_sqlite::Connection::open_url("sqlite::memory:")?;
    /// # Ok::<(), sqlexpr_sqlite::Error>(())
    /// ```
    pub fn open_url(url: &str) -> Result<Connection> {
        match parse_url(url)? {
            Target::Memory => Connection::open_in_memory(),
            Target::Path(path) => Connection::open(path),
            Target::Uri(uri) => match rusqlite::Connection::open(&uri) {
                Ok(conn) => Ok(Connection::from_driver(conn)),
                Err(e) => Err(open_error(url, e)),
            },
        }
    }

    /// [`open_url`](Connection::open_url), under the name the PostgreSQL
    /// and MySQL crates use for it.
    pub fn connect(url: &str) -> Result<Connection> {
        Connection::open_url(url)
    }

    /// A connection on an open rusqlite connection, with the dialect of
    /// the SQLite library linked in (its version decides the features
    /// used, such as RETURNING).
    pub fn from_driver(conn: rusqlite::Connection) -> Connection {
        Connection::with_dialect(conn, library_dialect())
    }

    /// A connection on an open rusqlite connection that compiles for
    /// `dialect`.
    pub fn with_dialect(conn: rusqlite::Connection, dialect: Sqlite) -> Connection {
        Connection {
            conn,
            dialect,
            echo: Echo::Off,
            timeout: None,
            deadline: Arc::default(),
        }
    }

    /// The dialect statements compile for.
    pub fn dialect(&self) -> &Sqlite {
        &self.dialect
    }

    /// The rusqlite connection (for what this API does not cover; the
    /// [`SqliteExt`](crate::SqliteExt) methods work on it).
    pub fn driver(&self) -> &rusqlite::Connection {
        &self.conn
    }

    /// The rusqlite connection, mutably. Replacing its progress handler
    /// disables the statement timeout.
    pub fn driver_mut(&mut self) -> &mut rusqlite::Connection {
        &mut self.conn
    }

    /// The rusqlite connection, taken out (without the statement timeout's
    /// progress handler).
    pub fn into_driver(mut self) -> rusqlite::Connection {
        if self.timeout.is_some() {
            // Removing a handler cannot fail.
            let _ = self.conn.progress_handler(0, None::<fn() -> bool>);
        }
        self.conn
    }

    /// Turns statement logging on or off (see [`Echo`]).
    pub fn set_echo(&mut self, echo: Echo) {
        self.echo = echo;
    }

    /// Whether statements are logged.
    pub fn echo(&self) -> Echo {
        self.echo
    }

    /// Stops any statement that runs longer than `limit` with
    /// [`Error::Timeout`] (`None` or zero: no limit). SQLite has no
    /// server-side timeout: a progress handler looks at the clock every
    /// thousand virtual-machine instructions. The time a statement waits
    /// for another connection's lock is bounded by the busy timeout
    /// instead ([`set_busy_timeout`](Connection::set_busy_timeout)), after
    /// which it is [`Error::Busy`]. A [`RowStream`]'s limit runs from its
    /// start until it is dropped.
    pub fn set_statement_timeout(&mut self, limit: Option<Duration>) -> Result<()> {
        let limit = limit.filter(|l| !l.is_zero());
        match limit {
            Some(_) => {
                let deadline = Arc::clone(&self.deadline);
                self.conn
                    .progress_handler(PROGRESS_OPS, Some(move || deadline.expired()))?;
            }
            None => self.conn.progress_handler(0, None::<fn() -> bool>)?,
        }
        self.timeout = limit;
        Ok(())
    }

    /// The statement timeout, if any.
    pub fn statement_timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// How long a statement waits for a lock another connection holds
    /// before it is [`Error::Busy`] (rusqlite's default: 5 seconds).
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        self.conn.busy_timeout(timeout)?;
        Ok(())
    }

    /// A handle that stops the statement running on this connection from
    /// another thread: it ends with [`Error::Interrupted`], and the
    /// connection stays usable. It does nothing when no statement runs.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Whether a transaction is open (begun and not yet ended).
    pub fn in_transaction(&self) -> bool {
        !self.conn.is_autocommit()
    }

    /// Compiles `stmt` for the connection's dialect. Its named parameters
    /// ([`sqlexpr::bind`]) are filled by [`Compiled::with_params`]; running
    /// it with one unfilled is an error.
    pub fn compile(&self, stmt: &dyn Render) -> Result<Compiled> {
        Ok(stmt.compile(&self.dialect)?)
    }

    /// Executes a statement (INSERT, UPDATE, DELETE, DDL, ...); returns the
    /// number of rows it changed (for a statement with RETURNING, the
    /// number of rows it returned).
    pub fn execute(&mut self, stmt: &dyn Render) -> Result<u64> {
        let c = self.compile(stmt)?;
        self.execute_compiled(&c)
    }

    /// Executes a compiled statement (compiled once, bound per call with
    /// [`Compiled::with_params`]); as [`execute`](Connection::execute).
    pub fn execute_compiled(&mut self, c: &Compiled) -> Result<u64> {
        let started = self.echo.start();
        let out = self.guarded(|| {
            let mut stmt = prepare(&self.conn, c)?;
            let params = rusqlite::params_from_iter(c.params.iter().map(Bind));
            if stmt.column_count() > 0 {
                // RETURNING: the rows returned are the rows changed
                // (rusqlite's `execute` refuses statements that return rows).
                let mut rows = stmt.query(params)?;
                let mut n = 0u64;
                while rows.next()?.is_some() {
                    n += 1;
                }
                Ok(n)
            } else {
                Ok(u64::try_from(stmt.execute(params)?).unwrap_or(u64::MAX))
            }
        });
        self.log(c, started, out.as_ref().copied());
        out
    }

    /// Runs a query (or a statement with RETURNING) and returns its rows,
    /// typed by the statement's column types.
    pub fn fetch_all(&mut self, stmt: &dyn Render) -> Result<Vec<Record>> {
        let c = self.compile(stmt)?;
        self.fetch_all_compiled(&c, &stmt.column_types())
    }

    /// Runs a compiled query and returns its rows, typed by `types` (one
    /// per column, from [`Render::column_types`]; a column without a type
    /// reads as SQLite stores it).
    pub fn fetch_all_compiled(
        &mut self,
        c: &Compiled,
        types: &[Option<SqlType>],
    ) -> Result<Vec<Record>> {
        let mut out = Vec::new();
        self.query(c, types, None, &mut |row| {
            out.push(row);
            Ok(())
        })?;
        Ok(out)
    }

    /// Runs a query and returns its first row; none is [`Error::NoRows`].
    pub fn fetch_one(&mut self, stmt: &dyn Render) -> Result<Record> {
        self.fetch_optional(stmt)?.ok_or(Error::NoRows)
    }

    /// Runs a query and returns its first row, if any (the others are not
    /// read).
    pub fn fetch_optional(&mut self, stmt: &dyn Render) -> Result<Option<Record>> {
        let c = self.compile(stmt)?;
        let mut out = None;
        self.query(&c, &stmt.column_types(), Some(1), &mut |row| {
            out = Some(row);
            Ok(())
        })?;
        Ok(out)
    }

    /// Runs a query and reads each row as a `T` by column name (see
    /// [`sqlexpr::from_row!`]).
    pub fn fetch_all_as<T: FromRow>(&mut self, stmt: &dyn Render) -> Result<Vec<T>> {
        let c = self.compile(stmt)?;
        let types = stmt.column_types();
        let started = self.echo.start();
        let out = self.guarded(|| {
            let mut st = prepare(&self.conn, &c)?;
            let mut rows = st.query(rusqlite::params_from_iter(c.params.iter().map(Bind)))?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(read_row::<T>(row, &types)?);
            }
            Ok(out)
        });
        self.log(&c, started, out.as_ref().map(|v| v.len() as u64));
        out
    }

    /// Runs a query and reads its first row as a `T` by column name; none
    /// is [`Error::NoRows`].
    pub fn fetch_one_as<T: FromRow>(&mut self, stmt: &dyn Render) -> Result<T> {
        let rec = self.fetch_one(stmt)?;
        T::from_row(&rec).map_err(|e| {
            Error::Sqlite(rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Null,
                Box::new(e),
            ))
        })
    }

    /// Runs a query and calls `f` on each row as it is read, without
    /// collecting them; an error from `f` stops the query and is returned.
    /// Returns the number of rows read.
    pub fn for_each(
        &mut self,
        stmt: &dyn Render,
        mut f: impl FnMut(Record) -> Result<()>,
    ) -> Result<u64> {
        let c = self.compile(stmt)?;
        self.query(&c, &stmt.column_types(), None, &mut f)
    }

    /// Prepares and binds a query whose rows are then read one at a time
    /// from the returned [`RowStream`], without loading the result whole:
    ///
    /// ```
    /// use sqlexpr::{select, stmt::Cte, value};
    /// use sqlexpr_sqlite::Connection;
    ///
    /// // 1, 2, ... 1000
    /// let nums = Cte::new("nums").columns(["n"]);
    /// let next = select([nums.c("n") + 1]).select_from(&nums).where_(nums.c("n").lt(1000));
    /// let nums = nums.as_(select([value(1)]).union_all(next));
    /// let q = select([nums.c("n")]).select_from(&nums).with_recursive(nums);
    ///
    /// let mut conn = Connection::open_in_memory()?;
    /// let mut rows = conn.stream(&q)?;
    /// let mut sum = 0i64;
    /// for row in &mut rows {
    ///     sum += row?.read::<i64>("n")?;
    /// }
    /// assert_eq!(sum, 500_500);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stream(&mut self, stmt: &dyn Render) -> Result<RowStream<'_>> {
        let c = self.compile(stmt)?;
        let types = stmt.column_types();
        self.stream_compiled(c, types)
    }

    /// [`stream`](Connection::stream) for a compiled query, its rows typed
    /// by `types`.
    pub fn stream_compiled(
        &mut self,
        c: Compiled,
        types: Vec<Option<SqlType>>,
    ) -> Result<RowStream<'_>> {
        let this: &Connection = self;
        let started = this.echo.start();
        this.deadline.arm(this.timeout);
        let bound = (|| {
            let mut stmt = prepare(&this.conn, &c)?;
            for (i, v) in c.params.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, Bind(v))?;
            }
            Ok(stmt)
        })();
        match bound {
            Ok(stmt) => Ok(RowStream {
                stmt,
                state: StreamState {
                    conn: this,
                    compiled: c,
                    types,
                    started,
                    rows: 0,
                    read: false,
                    logged: false,
                },
            }),
            Err(e) => {
                this.deadline.disarm();
                let e = this.classify(e);
                this.echo.log(
                    ENGINE,
                    &c.sql,
                    &c.params,
                    started,
                    Err(&e as &dyn fmt::Display),
                );
                Err(e)
            }
        }
    }

    /// Creates every table of `meta` (with its indexes), in dependency
    /// order, all or nothing: in a savepoint that is rolled back if one
    /// statement fails.
    pub fn create_all(&mut self, meta: &MetaData) -> Result<()> {
        let ddl = meta.create_all(&self.dialect)?;
        self.all_or_nothing(&ddl)
    }

    /// Drops every table of `meta`, in reverse dependency order, all or
    /// nothing.
    pub fn drop_all(&mut self, meta: &MetaData) -> Result<()> {
        let ddl = meta.drop_all(&self.dialect)?;
        self.all_or_nothing(&ddl)
    }

    /// Begins a transaction (`BEGIN DEFERRED`).
    pub fn begin(&mut self) -> Result<Transaction<'_>> {
        self.begin_with_behavior(TxBehavior::Deferred, TxOptions::new())
    }

    /// Begins a transaction with `opts`. SQLite runs every transaction
    /// serializably, whatever isolation level is asked (the standard
    /// allows a stricter level than asked). A read-only transaction turns
    /// on `PRAGMA query_only` until it ends: a write in it fails.
    pub fn begin_with(&mut self, opts: TxOptions) -> Result<Transaction<'_>> {
        self.begin_with_behavior(TxBehavior::Deferred, opts)
    }

    /// Begins a transaction that takes its locks as `behavior` says
    /// (SQLite's `BEGIN IMMEDIATE` and `BEGIN EXCLUSIVE`), with `opts` as
    /// in [`begin_with`](Connection::begin_with).
    pub fn begin_with_behavior(
        &mut self,
        behavior: TxBehavior,
        opts: TxOptions,
    ) -> Result<Transaction<'_>> {
        let query_only = if opts.read_only {
            Some(self.conn.query_row("PRAGMA query_only", [], |r| r.get(0))?)
        } else {
            None
        };
        self.control(behavior.begin_sql())?;
        if opts.read_only {
            if let Err(e) = self.control("PRAGMA query_only = ON") {
                let _ = self.control("ROLLBACK");
                return Err(e);
            }
        }
        Ok(Transaction {
            conn: self,
            savepoint: None,
            depth: 0,
            query_only,
            done: false,
        })
    }

    /// Runs `f` with the statement deadline armed; a statement stopped by
    /// the deadline is [`Error::Timeout`].
    fn guarded<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        self.deadline.arm(self.timeout);
        let out = f();
        self.deadline.disarm();
        out.map_err(|e| self.classify(e))
    }

    /// An interrupt caused by the deadline as [`Error::Timeout`].
    fn classify(&self, e: Error) -> Error {
        match (e, self.timeout) {
            (Error::Interrupted(_), Some(limit)) if self.deadline.fired() => {
                Error::Timeout { limit }
            }
            (e, _) => e,
        }
    }

    fn log(&self, c: &Compiled, started: Option<Instant>, out: Result<u64, &Error>) {
        let out = match out {
            Ok(n) => Ok(Some(n)),
            Err(e) => Err(e as &dyn fmt::Display),
        };
        self.echo.log(ENGINE, &c.sql, &c.params, started, out);
    }

    /// Runs `c`, calling `f` on each row (at most `limit` rows); returns
    /// the number of rows read.
    fn query(
        &mut self,
        c: &Compiled,
        types: &[Option<SqlType>],
        limit: Option<u64>,
        f: &mut dyn FnMut(Record) -> Result<()>,
    ) -> Result<u64> {
        let started = self.echo.start();
        let out = self.guarded(|| {
            let mut stmt = prepare(&self.conn, c)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(c.params.iter().map(Bind)))?;
            let mut n = 0u64;
            while limit.map_or(true, |l| n < l) {
                let Some(row) = rows.next()? else { break };
                n += 1;
                f(typed_record(row, types)?)?;
            }
            Ok(n)
        });
        self.log(c, started, out.as_ref().copied());
        out
    }

    /// Runs a statement of transaction control (BEGIN, COMMIT, SAVEPOINT,
    /// PRAGMA), logged, without the statement deadline (a rollback is
    /// never stopped half-way).
    fn control(&self, sql: &str) -> Result<()> {
        let started = self.echo.start();
        let out = self.conn.execute_batch(sql).map_err(Error::from);
        self.echo.log(
            ENGINE,
            sql,
            &[],
            started,
            match &out {
                Ok(()) => Ok(Some(0)),
                Err(e) => Err(e),
            },
        );
        out
    }

    /// Runs `ddl` in a savepoint: all of it or, on the first error, none.
    fn all_or_nothing(&mut self, ddl: &[sqlexpr::stmt::Ddl]) -> Result<()> {
        self.control(&format!("SAVEPOINT {DDL_SAVEPOINT}"))?;
        for stmt in ddl {
            if let Err(e) = self.execute(stmt) {
                if self.in_transaction() {
                    let _ = self.control(&format!(
                        "ROLLBACK TO {DDL_SAVEPOINT}; RELEASE {DDL_SAVEPOINT}"
                    ));
                }
                return Err(e);
            }
        }
        self.control(&format!("RELEASE {DDL_SAVEPOINT}"))
    }
}

/// A URL's target, for [`Connection::open_url`] and the pool.
pub(crate) enum Target {
    Memory,
    Path(String),
    Uri(String),
}

pub(crate) fn parse_url(url: &str) -> Result<Target> {
    let bad = |reason| Error::Url {
        url: url.to_owned(),
        reason,
    };
    if url == "sqlite::memory:" {
        return Ok(Target::Memory);
    }
    let Some(rest) = url.strip_prefix("sqlite://") else {
        return Err(bad(
            "expected sqlite::memory:, sqlite://relative/path or sqlite:///absolute/path",
        ));
    };
    if rest.is_empty() || rest.starts_with('?') {
        return Err(bad("the URL names no database file"));
    }
    if rest.contains('?') {
        Ok(Target::Uri(format!("file:{rest}")))
    } else {
        Ok(Target::Path(rest.to_owned()))
    }
}

/// An open transaction, or a savepoint within one: the execution methods
/// of [`Connection`], [`savepoint`](Transaction::savepoint) to nest,
/// [`commit`](Transaction::commit) or [`rollback`](Transaction::rollback)
/// to end it. Dropped without either, it rolls back (a savepoint: back to
/// where it began), before the connection can run anything else.
///
/// ```
/// use sqlexpr::prelude::*;
/// use sqlexpr_sqlite::Connection;
///
/// let t = Table::builder("t").column(Column::new("n", SqlType::Integer)).build()?;
/// let mut conn = Connection::open_in_memory()?;
/// conn.execute(&create_table(&t))?;
/// let mut tx = conn.begin()?;
/// tx.execute(&insert(&t).value("n", 1))?;
/// {
///     let mut sp = tx.savepoint()?;
///     sp.execute(&insert(&t).value("n", 2))?;
///     // dropped: rolled back to the savepoint
/// }
/// tx.commit()?;
/// assert_eq!(conn.fetch_all(&select([t.c("n")]).select_from(&t))?.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Transaction<'c> {
    conn: &'c mut Connection,
    /// The savepoint's name; `None` for the transaction itself.
    savepoint: Option<String>,
    depth: usize,
    /// `PRAGMA query_only` as it was before a read-only transaction.
    query_only: Option<bool>,
    done: bool,
}

impl Transaction<'_> {
    /// The connection, while the transaction is open: after SQLite has
    /// rolled it back by itself, [`Error::TransactionAborted`] (rather than
    /// running the statement outside any transaction).
    fn live(&mut self) -> Result<&mut Connection> {
        if self.conn.in_transaction() {
            Ok(self.conn)
        } else {
            Err(Error::TransactionAborted)
        }
    }

    /// How deep the transaction is nested: 0 for a transaction, 1 for its
    /// first savepoint, ...
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The dialect statements compile for.
    pub fn dialect(&self) -> &Sqlite {
        self.conn.dialect()
    }

    /// Whether statements are logged.
    pub fn echo(&self) -> Echo {
        self.conn.echo()
    }

    /// The rusqlite connection (for what this API does not cover).
    pub fn driver(&self) -> &rusqlite::Connection {
        self.conn.driver()
    }

    /// Compiles `stmt` for the connection's dialect.
    pub fn compile(&self, stmt: &dyn Render) -> Result<Compiled> {
        self.conn.compile(stmt)
    }

    /// As [`Connection::execute`].
    pub fn execute(&mut self, stmt: &dyn Render) -> Result<u64> {
        self.live()?.execute(stmt)
    }

    /// As [`Connection::execute_compiled`].
    pub fn execute_compiled(&mut self, c: &Compiled) -> Result<u64> {
        self.live()?.execute_compiled(c)
    }

    /// As [`Connection::fetch_all`].
    pub fn fetch_all(&mut self, stmt: &dyn Render) -> Result<Vec<Record>> {
        self.live()?.fetch_all(stmt)
    }

    /// As [`Connection::fetch_all_compiled`].
    pub fn fetch_all_compiled(
        &mut self,
        c: &Compiled,
        types: &[Option<SqlType>],
    ) -> Result<Vec<Record>> {
        self.live()?.fetch_all_compiled(c, types)
    }

    /// As [`Connection::fetch_one`].
    pub fn fetch_one(&mut self, stmt: &dyn Render) -> Result<Record> {
        self.live()?.fetch_one(stmt)
    }

    /// As [`Connection::fetch_optional`].
    pub fn fetch_optional(&mut self, stmt: &dyn Render) -> Result<Option<Record>> {
        self.live()?.fetch_optional(stmt)
    }

    /// As [`Connection::fetch_all_as`].
    pub fn fetch_all_as<T: FromRow>(&mut self, stmt: &dyn Render) -> Result<Vec<T>> {
        self.live()?.fetch_all_as(stmt)
    }

    /// As [`Connection::fetch_one_as`].
    pub fn fetch_one_as<T: FromRow>(&mut self, stmt: &dyn Render) -> Result<T> {
        self.live()?.fetch_one_as(stmt)
    }

    /// As [`Connection::for_each`].
    pub fn for_each(
        &mut self,
        stmt: &dyn Render,
        f: impl FnMut(Record) -> Result<()>,
    ) -> Result<u64> {
        self.live()?.for_each(stmt, f)
    }

    /// As [`Connection::stream`].
    pub fn stream(&mut self, stmt: &dyn Render) -> Result<RowStream<'_>> {
        self.live()?.stream(stmt)
    }

    /// As [`Connection::stream_compiled`].
    pub fn stream_compiled(
        &mut self,
        c: Compiled,
        types: Vec<Option<SqlType>>,
    ) -> Result<RowStream<'_>> {
        self.live()?.stream_compiled(c, types)
    }

    /// As [`Connection::create_all`] (in a savepoint of this transaction).
    pub fn create_all(&mut self, meta: &MetaData) -> Result<()> {
        self.live()?.create_all(meta)
    }

    /// As [`Connection::drop_all`] (in a savepoint of this transaction).
    pub fn drop_all(&mut self, meta: &MetaData) -> Result<()> {
        self.live()?.drop_all(meta)
    }

    /// Begins a savepoint within this transaction (`SAVEPOINT`): a nested
    /// transaction with the same guard, committed by `RELEASE`, rolled
    /// back by `ROLLBACK TO` (only what was done since it began).
    pub fn savepoint(&mut self) -> Result<Transaction<'_>> {
        let depth = self.depth + 1;
        let name = format!("sqlexpr_sp_{depth}");
        self.live()?.control(&format!("SAVEPOINT {name}"))?;
        Ok(Transaction {
            conn: &mut *self.conn,
            savepoint: Some(name),
            depth,
            query_only: None,
            done: false,
        })
    }

    /// Commits (a savepoint: releases it into the enclosing transaction).
    /// A commit that fails (another connection's lock past the busy
    /// timeout, say) rolls back, so that the connection is left with no
    /// open transaction; one that SQLite has already rolled back is
    /// [`Error::TransactionAborted`].
    pub fn commit(mut self) -> Result<()> {
        self.finish(true)
    }

    /// Rolls back (a savepoint: to where it began, then releases it).
    pub fn rollback(mut self) -> Result<()> {
        self.finish(false)
    }

    fn finish(&mut self, commit: bool) -> Result<()> {
        self.done = true;
        let conn = &*self.conn;
        // SQLite rolls a whole transaction back by itself after some
        // errors (an interrupted write, a full disk): then there is
        // nothing left to roll back.
        let open = conn.in_transaction();
        let out = match (&self.savepoint, commit) {
            (_, true) if !open => Err(Error::TransactionAborted),
            (None, true) => conn.control("COMMIT"),
            (None, false) if open => conn.control("ROLLBACK"),
            (Some(name), true) => conn.control(&format!("RELEASE {name}")),
            (Some(name), false) if open => {
                conn.control(&format!("ROLLBACK TO {name}; RELEASE {name}"))
            }
            (_, false) => Ok(()),
        };
        if out.is_err() && commit && conn.in_transaction() {
            let _ = match &self.savepoint {
                None => conn.control("ROLLBACK"),
                Some(name) => conn.control(&format!("ROLLBACK TO {name}; RELEASE {name}")),
            };
        }
        if let Some(before) = self.query_only {
            let restored = conn.control(if before {
                "PRAGMA query_only = ON"
            } else {
                "PRAGMA query_only = OFF"
            });
            return out.and(restored);
        }
        out
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            // Nothing to report the error to; a connection left in a
            // transaction is refused by the pool (`has_broken`).
            let _ = self.finish(false);
        }
    }
}

/// What a [`RowStream`] keeps beside its statement.
struct StreamState<'c> {
    conn: &'c Connection,
    compiled: Compiled,
    types: Vec<Option<SqlType>>,
    started: Option<Instant>,
    rows: u64,
    /// Whether the rows have been read (they are read once).
    read: bool,
    logged: bool,
}

impl StreamState<'_> {
    fn log(&mut self, outcome: Result<Option<u64>, &dyn fmt::Display>) {
        if !self.logged {
            self.logged = true;
            let c = &self.compiled;
            self.conn
                .echo
                .log(ENGINE, &c.sql, &c.params, self.started, outcome);
        }
    }
}

impl Drop for StreamState<'_> {
    fn drop(&mut self) {
        self.conn.deadline.disarm();
        self.log(Ok(None));
    }
}

/// A prepared, bound query whose rows are read one at a time, from
/// [`Connection::stream`]: iterate over `&mut stream` (or
/// [`iter`](RowStream::iter)), or call [`for_each`](RowStream::for_each).
/// The connection is borrowed until the stream is dropped. The rows are
/// read once: a second iteration yields none. The statement timeout runs
/// from the stream's start until it is dropped; its echo event is written
/// when the last row is read (with the row count) or when it is dropped.
pub struct RowStream<'c> {
    stmt: CachedStatement<'c>,
    state: StreamState<'c>,
}

impl fmt::Debug for RowStream<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RowStream")
            .field("sql", &self.state.compiled.sql)
            .field("rows_read", &self.state.rows)
            .finish()
    }
}

impl<'c> RowStream<'c> {
    /// The number of rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.state.rows
    }

    /// An iterator over the rows, each read as it is asked for.
    pub fn iter(&mut self) -> RowIter<'_, 'c> {
        let rows = (!self.state.read).then(|| self.stmt.raw_query());
        self.state.read = true;
        RowIter {
            rows,
            state: &mut self.state,
        }
    }

    /// Calls `f` on each row as it is read; an error (from SQLite or from
    /// `f`) stops the query and is returned. Returns the number of rows.
    pub fn for_each(mut self, mut f: impl FnMut(Record) -> Result<()>) -> Result<u64> {
        for row in self.iter() {
            f(row?)?;
        }
        Ok(self.state.rows)
    }
}

impl<'s, 'c> IntoIterator for &'s mut RowStream<'c> {
    type Item = Result<Record>;
    type IntoIter = RowIter<'s, 'c>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The rows of a [`RowStream`], read one at a time; after an error from
/// SQLite it yields nothing more.
pub struct RowIter<'s, 'c> {
    rows: Option<rusqlite::Rows<'s>>,
    state: &'s mut StreamState<'c>,
}

impl fmt::Debug for RowIter<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RowIter")
            .field("rows_read", &self.state.rows)
            .field("done", &self.rows.is_none())
            .finish()
    }
}

impl Iterator for RowIter<'_, '_> {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        let rows = self.rows.as_mut()?;
        match rows.next() {
            Ok(Some(row)) => {
                self.state.rows += 1;
                Some(typed_record(row, &self.state.types).map_err(Error::from))
            }
            Ok(None) => {
                self.rows = None;
                self.state.conn.deadline.disarm();
                let n = self.state.rows;
                self.state.log(Ok(Some(n)));
                None
            }
            Err(e) => {
                self.rows = None;
                self.state.conn.deadline.disarm();
                let e = self.state.conn.classify(Error::from(e));
                self.state.log(Err(&e));
                Some(Err(e))
            }
        }
    }
}
