//! [`Pool`]: mysql_async's own pool, handing out [`Connection`]s that carry
//! the pool's dialect (detected once) and its echo setting.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use mysql_async::Opts;
use sqlexpr::conn::Echo;

use crate::conn::{detect, DEFAULT_CONNECT_TIMEOUT};
use crate::exec::TimeoutKind;
use crate::{Connection, Error, MySql, Result};

/// A pool of connections to one server: [`mysql_async::Pool`] (which
/// reuses idle connections, checks that one is still alive before handing
/// it out, and rolls back or resets a connection that comes back), handing
/// out [`Connection`]s. The dialect is detected from the server once, on
/// the first connection, and every connection gets the pool's [`Echo`],
/// statement timeout and reply timeout.
///
/// A connection goes back to the pool when it is dropped; one that was
/// lost or timed out is closed instead, and one with an open transaction
/// (or a statement timeout of its own) is reset first
/// (`COM_RESET_CONNECTION`, which rolls the transaction back). Clones share
/// the connections and the detected dialect.
///
/// ```no_run
/// # async fn demo() -> Result<(), sqlexpr_mysql::Error> {
/// use sqlexpr::conn::Echo;
/// use sqlexpr::prelude::*;
/// use sqlexpr_mysql::Pool;
///
/// let mut pool = Pool::new("mysql://root@127.0.0.1:3306/test?pool_max=8")?;
/// pool.set_echo(Echo::On);
/// let mut conn = pool.get().await?;
/// let row = conn.fetch_one(&select([value(1).label("one")])).await?;
/// assert_eq!(row.read::<i32>("one")?, 1);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Pool {
    inner: mysql_async::Pool,
    dialect: Arc<OnceLock<MySql>>,
    echo: Echo,
    connect_timeout: Duration,
    statement_timeout: Option<Duration>,
    reply_timeout: Option<Duration>,
}

impl fmt::Debug for Pool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pool")
            .field("dialect", &self.dialect.get())
            .field("echo", &self.echo)
            .field("connect_timeout", &self.connect_timeout)
            .field("statement_timeout", &self.statement_timeout)
            .field("reply_timeout", &self.reply_timeout)
            .finish_non_exhaustive()
    }
}

impl Pool {
    /// A pool for `url` (mysql_async's URL and parameters, `pool_min`,
    /// `pool_max`, `reset_connection`, ..., and `connect_timeout=<seconds>`,
    /// which bounds getting a connection). Nothing connects until the first
    /// [`Pool::get`].
    pub fn new(url: &str) -> Result<Pool> {
        let (url, timeout) = crate::conn::split_connect_timeout(url)?;
        let opts = Opts::from_url(&url).map_err(|e| Error::MySql(mysql_async::Error::Url(e)))?;
        let mut pool = Pool::from_driver(mysql_async::Pool::new(opts));
        if let Some(t) = timeout {
            pool.connect_timeout = t;
        }
        Ok(pool)
    }

    /// Wraps a mysql_async pool; the dialect is detected from the server on
    /// the first [`Pool::get`].
    pub fn from_driver(pool: mysql_async::Pool) -> Pool {
        Pool {
            inner: pool,
            dialect: Arc::new(OnceLock::new()),
            echo: Echo::Off,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            statement_timeout: None,
            reply_timeout: None,
        }
    }

    /// Wraps a mysql_async pool with a dialect chosen by hand.
    pub fn with_dialect(pool: mysql_async::Pool, dialect: MySql) -> Pool {
        let p = Pool::from_driver(pool);
        let _ = p.dialect.set(dialect);
        p
    }

    /// A pool for mysql_async's `opts`.
    pub fn from_opts(opts: impl Into<Opts>) -> Pool {
        Pool::from_driver(mysql_async::Pool::new(opts))
    }

    /// The dialect of the pool's connections, once known (after the first
    /// [`Pool::get`], or from [`Pool::with_dialect`]).
    pub fn dialect(&self) -> Option<MySql> {
        self.dialect.get().copied()
    }

    /// mysql_async's pool (the escape hatch: its metrics, its own
    /// `get_conn`).
    pub fn driver(&self) -> &mysql_async::Pool {
        &self.inner
    }

    /// Whether the connections it hands out log their statements; see
    /// [`Echo`]. For this handle and the clones made after.
    pub fn set_echo(&mut self, echo: Echo) {
        self.echo = echo;
    }

    /// The echo setting of the connections it hands out.
    pub fn echo(&self) -> Echo {
        self.echo
    }

    /// How long [`Pool::get`] may take (waiting for a free connection,
    /// connecting, detecting the dialect) before
    /// [`Error::Pool`] with an [`Error::Timeout`] of kind
    /// [`TimeoutKind::Connect`].
    pub fn set_connect_timeout(&mut self, timeout: Duration) {
        self.connect_timeout = timeout;
    }

    /// The statement timeout set on each connection handed out (see
    /// [`Connection::set_statement_timeout`]).
    pub fn set_statement_timeout(&mut self, timeout: Option<Duration>) {
        self.statement_timeout = timeout;
    }

    /// The reply timeout of each connection handed out (see
    /// [`Connection::set_reply_timeout`]).
    pub fn set_reply_timeout(&mut self, timeout: Option<Duration>) {
        self.reply_timeout = timeout;
    }

    /// A connection from the pool: an idle one that is still alive, or a
    /// new one. It goes back to the pool when dropped. Failing to get one
    /// (the server refuses or does not answer within the connect timeout,
    /// every connection stays busy that long) is [`Error::Pool`] with the
    /// reason.
    pub async fn get(&self) -> Result<Connection> {
        let pooled = |e: Error| Error::Pool(Box::new(e));
        let timeout = self.connect_timeout;
        let mut conn = match tokio::time::timeout(timeout, self.inner.get_conn()).await {
            Ok(Ok(conn)) => conn,
            Ok(Err(e)) => return Err(pooled(Error::MySql(e))),
            Err(_) => {
                return Err(pooled(Error::Timeout {
                    kind: TimeoutKind::Connect,
                    limit: Some(timeout),
                    source: None,
                }))
            }
        };
        let dialect = match self.dialect.get() {
            Some(d) => *d,
            None => {
                let d = detect(&mut conn, timeout).await.map_err(pooled)?;
                *self.dialect.get_or_init(|| d)
            }
        };
        let mut conn = Connection::with_dialect(conn, dialect);
        conn.set_echo(self.echo);
        conn.set_reply_timeout(self.reply_timeout);
        if self.statement_timeout.is_some() {
            conn.set_statement_timeout(self.statement_timeout)
                .await
                .map_err(pooled)?;
        }
        Ok(conn)
    }

    /// Closes the pool: waits for its connections to come back, and closes
    /// them.
    pub async fn disconnect(self) -> Result<()> {
        self.inner.disconnect().await.map_err(Error::MySql)
    }
}
