//! [`Pool`]: connections handed out by deadpool-postgres.

use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, RecyclingMethod, Runtime, Timeouts};
use sqlexpr::conn::Echo;
use tokio_postgres::{Client, NoTls};

use crate::conn::{Cache, ClientHolder, Connection, State, DEFAULT_CONNECT_TIMEOUT};
use crate::{Error, Postgres, Result};

/// What the pool runs on a connection before handing it out again: it
/// fails on a connection that is gone (which the pool then replaces), and
/// puts back the session settings of the configuration (its `options`),
/// so a `SET` made by one user (a statement timeout, a search path) does
/// not reach the next.
pub const RECYCLE_SQL: &str = "RESET ALL";

/// How long [`Pool::get`] waits for a connection when all are in use, for
/// a pool made by [`Pool::connect`].
pub const DEFAULT_WAIT_TIMEOUT: Duration = Duration::from_secs(30);

/// A connection of a [`Pool`]: a [`Connection`] with exactly its API,
/// whose client goes back to the pool when it is dropped.
pub type PooledConnection = Connection<Pooled>;

/// The pool's object a [`PooledConnection`] holds its client in.
#[derive(Debug)]
pub struct Pooled(deadpool_postgres::Object);

impl Pooled {
    /// The deadpool object (its statement cache, its metrics).
    pub fn object(&self) -> &deadpool_postgres::Object {
        &self.0
    }
}

impl ClientHolder for Pooled {
    fn client(&self) -> &Client {
        &self.0
    }

    fn client_mut(&mut self) -> &mut Client {
        &mut self.0
    }
}

/// A pool of PostgreSQL connections, through deadpool-postgres: each
/// [`get`](Pool::get) hands out a [`PooledConnection`] (the
/// [`Connection`] API, with the pool's echo and client-side time limit),
/// which goes back to the pool when dropped. Cloning a pool gives another
/// handle to the same connections.
///
/// A connection is checked before it is handed out again (with
/// [`RECYCLE_SQL`]): one the server killed, or that broke in the middle of
/// a query, is replaced by a new one. A transaction dropped without commit
/// is rolled back before that check runs.
///
/// ```no_run
/// # async fn demo() -> Result<(), sqlexpr_postgres::Error> {
/// use sqlexpr::prelude::*;
/// use sqlexpr::conn::Echo;
/// use sqlexpr_postgres::Pool;
///
/// let pool = Pool::connect("postgres://postgres@127.0.0.1/test", 8).await?.with_echo(Echo::On);
/// let mut conn = pool.get().await?;
/// let row = conn.fetch_one(&select([raw("1").label("one")])).await?;
/// assert_eq!(row.read::<i32>("one")?, 1);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Pool {
    pool: deadpool_postgres::Pool,
    dialect: Postgres,
    echo: Echo,
    reply_timeout: Option<Duration>,
    connect_timeout: Duration,
    timeouts: Timeouts,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("status", &self.pool.status())
            .field("dialect", &self.dialect)
            .field("echo", &self.echo)
            .field("reply_timeout", &self.reply_timeout)
            .field("timeouts", &self.timeouts)
            .finish_non_exhaustive()
    }
}

impl Pool {
    /// A pool of at most `max_size` connections (0 is taken as 1) to `url` (as
    /// [`Connection::connect`] takes it; put session settings in its
    /// `options`, e.g. `options='-c statement_timeout=5000'`). Connecting
    /// and checking a connection are each bounded by the URL's
    /// `connect_timeout` ([`DEFAULT_CONNECT_TIMEOUT`] when it sets none);
    /// waiting for a free connection by [`DEFAULT_WAIT_TIMEOUT`]
    /// ([`with_wait_timeout`](Pool::with_wait_timeout)). One connection is opened now, so an unreachable server is an error
    /// here; the dialect targets its version.
    pub async fn connect(url: &str, max_size: usize) -> Result<Pool> {
        let mut config: tokio_postgres::Config = url.parse()?;
        let limit = config
            .get_connect_timeout()
            .copied()
            .unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        config.connect_timeout(limit);
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Custom(RECYCLE_SQL.to_owned()),
            },
        );
        let pool = deadpool_postgres::Pool::builder(manager)
            .max_size(max_size.max(1))
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(DEFAULT_WAIT_TIMEOUT))
            .create_timeout(Some(limit))
            .recycle_timeout(Some(limit))
            .build()
            .map_err(|_| Error::Pool(deadpool_postgres::PoolError::NoRuntimeSpecified))?;
        let mut pool = Pool::from_deadpool(pool);
        pool.connect_timeout = limit;
        let conn = pool.get().await?;
        pool.dialect = conn.server_version_dialect_within(limit).await?;
        drop(conn);
        Ok(pool)
    }

    /// A pool on a deadpool-postgres pool built by the caller (its
    /// recycling method decides what is checked before a connection is
    /// handed out again: prefer `RecyclingMethod::Custom` with
    /// [`RECYCLE_SQL`], or `Verified`), compiling with the default
    /// [`Postgres`] dialect.
    pub fn from_deadpool(pool: deadpool_postgres::Pool) -> Pool {
        Pool {
            timeouts: pool.timeouts(),
            pool,
            dialect: Postgres::new(),
            echo: Echo::Off,
            reply_timeout: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
        }
    }

    /// The pool, compiling with `dialect`.
    pub fn with_dialect(mut self, dialect: Postgres) -> Pool {
        self.dialect = dialect;
        self
    }

    /// The pool, its connections logging statements as `echo` says.
    pub fn with_echo(mut self, echo: Echo) -> Pool {
        self.echo = echo;
        self
    }

    /// Sets the echo of the connections this handle hands out from now on.
    pub fn set_echo(&mut self, echo: Echo) {
        self.echo = echo;
    }

    /// The pool, its connections with this client-side limit (see
    /// [`Connection::set_reply_timeout`]).
    pub fn with_reply_timeout(mut self, limit: Option<Duration>) -> Pool {
        self.reply_timeout = limit;
        self
    }

    /// The pool, its [`get`](Pool::get) waiting at most `limit` for a
    /// connection when all are in use (`None`: as long as it takes), then
    /// failing with [`Error::Pool`].
    pub fn with_wait_timeout(mut self, limit: Option<Duration>) -> Pool {
        self.timeouts.wait = limit;
        self
    }

    /// The dialect statements compile with.
    pub fn dialect(&self) -> &Postgres {
        &self.dialect
    }

    /// The deadpool-postgres pool (its status, its configuration).
    pub fn deadpool(&self) -> &deadpool_postgres::Pool {
        &self.pool
    }

    /// How many connections the pool holds and how many are free.
    pub fn status(&self) -> deadpool_postgres::Status {
        self.pool.status()
    }

    /// A connection: a free one (checked first), or a new one while the
    /// pool holds fewer than its maximum, or the next one given back.
    /// [`Error::Pool`] when none can be had.
    pub async fn get(&self) -> Result<PooledConnection> {
        let object = self
            .pool
            .timeout_get(&self.timeouts)
            .await
            .map_err(Error::Pool)?;
        let cache = Cache::Pool(Arc::clone(&object.statement_cache));
        let mut state = State::new(self.dialect, cache);
        state.echo = self.echo;
        state.reply_timeout = self.reply_timeout;
        state.connect_timeout = self.connect_timeout;
        Ok(Connection::from_parts(Pooled(object), state))
    }
}
