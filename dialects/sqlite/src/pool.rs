//! A pool of [`Connection`]s on [`r2d2`]: [`SqliteManager`] opens them,
//! [`Pool`] hands them out; a [`PooledConnection`] derefs to a
//! [`Connection`], so it has the whole connection API.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use sqlexpr::conn::Echo;

use crate::conn::{parse_url, Target};
use crate::{Connection, Error, Result};

/// A pool of SQLite connections (`r2d2::Pool`).
pub type Pool = r2d2::Pool<SqliteManager>;

/// A connection from a [`Pool`]; derefs to [`Connection`] and goes back to
/// the pool when dropped.
pub type PooledConnection = r2d2::PooledConnection<SqliteManager>;

/// Opens the connections of a [`Pool`], all to one database, each with the
/// same echo and timeouts, and checks them: one is valid when `SELECT 1`
/// runs on it (r2d2 checks at checkout), broken when it is still in a
/// transaction when it comes back (it is then closed, not handed out
/// again; a [`Transaction`](crate::Transaction) dropped without commit has
/// already rolled back, so this is a transaction begun by hand).
///
/// ```
/// use sqlexpr::prelude::*;
/// use sqlexpr_sqlite::SqliteManager;
///
/// let pool = sqlexpr_sqlite::r2d2::Pool::builder()
///     .max_size(4)
///     .build(SqliteManager::memory()?)?;
/// let t = Table::builder("t").column(Column::new("n", SqlType::Integer)).build()?;
/// pool.get()?.execute(&create_table(&t))?;
/// pool.get()?.execute(&insert(&t).value("n", 1))?;
/// assert_eq!(pool.get()?.fetch_all(&select([t.c("n")]).select_from(&t))?.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct SqliteManager {
    target: PoolTarget,
    echo: Echo,
    busy_timeout: Option<Duration>,
    statement_timeout: Option<Duration>,
}

#[derive(Debug)]
enum PoolTarget {
    Path(PathBuf),
    Uri(String),
    /// A database of SQLite's `memdb` VFS, which connections of one process
    /// share by name; `_anchor` keeps it alive while the manager lives
    /// (SQLite frees it with its last connection).
    Memory {
        uri: String,
        _anchor: Mutex<rusqlite::Connection>,
    },
}

impl SqliteManager {
    /// Connections to the database file at `path` (created if needed).
    pub fn file(path: impl AsRef<Path>) -> SqliteManager {
        SqliteManager::with_target(PoolTarget::Path(path.as_ref().to_owned()))
    }

    /// Connections to a new in-memory database that they all share (one
    /// database per manager, alive as long as the manager). It lives in
    /// SQLite's `memdb` VFS: the connections lock it as they would a file
    /// (a writer waits for another within the busy timeout), without the
    /// table locks of a shared cache.
    pub fn memory() -> Result<SqliteManager> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let uri = format!("file:/sqlexpr-pool-{}-{n}?vfs=memdb", std::process::id());
        let anchor = rusqlite::Connection::open(&uri).map_err(|source| Error::Open {
            target: uri.clone(),
            hint: None,
            source,
        })?;
        Ok(SqliteManager::with_target(PoolTarget::Memory {
            uri,
            _anchor: Mutex::new(anchor),
        }))
    }

    /// Connections to the database a URL names, as
    /// [`Connection::open_url`] reads it; `sqlite::memory:` is a shared
    /// in-memory database ([`SqliteManager::memory`]).
    pub fn url(url: &str) -> Result<SqliteManager> {
        Ok(match parse_url(url)? {
            Target::Memory => SqliteManager::memory()?,
            Target::Path(p) => SqliteManager::file(p),
            Target::Uri(u) => SqliteManager::with_target(PoolTarget::Uri(u)),
        })
    }

    fn with_target(target: PoolTarget) -> SqliteManager {
        SqliteManager {
            target,
            echo: Echo::Off,
            busy_timeout: None,
            statement_timeout: None,
        }
    }

    /// Every connection logs its statements (see [`Echo`]).
    pub fn echo(mut self, echo: Echo) -> SqliteManager {
        self.echo = echo;
        self
    }

    /// Every connection waits up to `timeout` for another's lock (see
    /// [`Connection::set_busy_timeout`]).
    pub fn busy_timeout(mut self, timeout: Duration) -> SqliteManager {
        self.busy_timeout = Some(timeout);
        self
    }

    /// Every connection stops statements that run past `limit` (see
    /// [`Connection::set_statement_timeout`]).
    pub fn statement_timeout(mut self, limit: Option<Duration>) -> SqliteManager {
        self.statement_timeout = limit;
        self
    }

    /// A pool with r2d2's defaults (up to 10 connections, 30 seconds to
    /// wait for one); `r2d2::Pool::builder()` sets others. One connection
    /// is opened first, so that a database that cannot be opened is its
    /// own error at once (r2d2 alone would retry it for 30 seconds).
    pub fn pool(self) -> Result<Pool> {
        drop(r2d2::ManageConnection::connect(&self)?);
        Ok(r2d2::Pool::new(self)?)
    }
}

impl r2d2::ManageConnection for SqliteManager {
    type Connection = Connection;
    type Error = Error;

    fn connect(&self) -> Result<Connection> {
        let mut conn = match &self.target {
            PoolTarget::Path(p) => Connection::open(p)?,
            PoolTarget::Uri(uri) | PoolTarget::Memory { uri, .. } => {
                match rusqlite::Connection::open(uri) {
                    Ok(c) => Connection::from_driver(c),
                    Err(source) => {
                        return Err(Error::Open {
                            target: uri.clone(),
                            hint: None,
                            source,
                        })
                    }
                }
            }
        };
        conn.set_echo(self.echo);
        if let Some(t) = self.busy_timeout {
            conn.set_busy_timeout(t)?;
        }
        conn.set_statement_timeout(self.statement_timeout)?;
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut Connection) -> Result<()> {
        conn.driver().query_row("SELECT 1", [], |_| Ok(()))?;
        Ok(())
    }

    fn has_broken(&self, conn: &mut Connection) -> bool {
        conn.in_transaction()
    }
}
