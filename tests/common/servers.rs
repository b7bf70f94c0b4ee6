//! Connections to the test servers, each in a fresh schema / database of its
//! own that is dropped when the handle is dropped (even when the test
//! panics), so runs and tests never collide.
//!
//! PostgreSQL: 127.0.0.1:5432, user `postgres`, database `test`; each handle
//! gets its own schema, set as the `search_path`. MariaDB/MySQL:
//! 127.0.0.1:3306, user `root`, empty password; each handle gets its own
//! database. With `CI=true` an unreachable server fails the test; otherwise
//! the helper prints `skipped: <engine> not reachable: <error>` and returns
//! `None`:
//!
//! ```ignore
//! let Some(pg) = servers::postgres().await else { return };
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use mysql_async::prelude::Queryable;

/// PostgreSQL connection settings.
pub const PG_URL: &str = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=5";
/// MariaDB connection settings (the `test` database).
pub const MYSQL_URL: &str = "mysql://root@127.0.0.1:3306/test";

/// A name no other run or test uses: `sqlexpr_<pid>_<time>_<n>`.
pub fn unique_name() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "sqlexpr_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Fails the test (`CI=true`) or prints `skipped: <engine> not reachable:
/// <error>`.
pub fn unreachable(engine: &str, error: &dyn std::fmt::Display) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{engine} not reachable (CI=true): {error}");
    }
    println!("skipped: {engine} not reachable: {error}");
}

/// Runs `f` on a fresh runtime in another thread: for clean-up from `Drop`,
/// where the test's runtime cannot be awaited.
fn block_on_thread<F>(f: F)
where
    F: std::future::Future<Output = ()> + Send + 'static,
{
    let joined = std::thread::spawn(move || {
        match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt.block_on(f),
            Err(e) => eprintln!("clean-up runtime: {e}"),
        }
    })
    .join();
    if joined.is_err() {
        eprintln!("clean-up thread panicked");
    }
}

/// A PostgreSQL client whose `search_path` is a fresh schema.
pub struct PgDb {
    /// The client (derefs to it too).
    pub client: tokio_postgres::Client,
    /// The schema's name.
    pub schema: String,
    pid: i32,
}

impl std::ops::Deref for PgDb {
    type Target = tokio_postgres::Client;
    fn deref(&self) -> &tokio_postgres::Client {
        &self.client
    }
}

impl std::ops::DerefMut for PgDb {
    fn deref_mut(&mut self) -> &mut tokio_postgres::Client {
        &mut self.client
    }
}

async fn pg_connect() -> Result<tokio_postgres::Client, tokio_postgres::Error> {
    let (client, connection) = tokio_postgres::connect(PG_URL, tokio_postgres::NoTls).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}

/// A fresh PostgreSQL schema, or `None` (after printing why) when the server
/// does not answer and `CI` is not `true`.
pub async fn postgres() -> Option<PgDb> {
    let client = match pg_connect().await {
        Ok(c) => c,
        Err(e) => {
            unreachable("postgresql", &e);
            return None;
        }
    };
    let schema = unique_name();
    client
        .batch_execute(&format!(
            "CREATE SCHEMA \"{schema}\"; SET search_path TO \"{schema}\""
        ))
        .await
        .expect("create the test schema");
    let pid = client
        .query_one("SELECT pg_backend_pid()", &[])
        .await
        .expect("backend pid")
        .get(0);
    Some(PgDb {
        client,
        schema,
        pid,
    })
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let schema = self.schema.clone();
        let pid = self.pid;
        block_on_thread(async move {
            match pg_connect().await {
                Ok(c) => {
                    // The test's own session may hold locks (an open
                    // transaction): end it first.
                    let _ = c.execute("SELECT pg_terminate_backend($1)", &[&pid]).await;
                    if let Err(e) = c
                        .batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
                        .await
                    {
                        eprintln!("dropping schema {schema}: {e}");
                    }
                }
                Err(e) => eprintln!("dropping schema {schema}: {e}"),
            }
        });
    }
}

/// A MariaDB/MySQL connection to a fresh database.
pub struct MyDb {
    /// The connection (derefs to it too).
    pub conn: mysql_async::Conn,
    /// The database's name.
    pub database: String,
    id: u32,
}

impl std::ops::Deref for MyDb {
    type Target = mysql_async::Conn;
    fn deref(&self) -> &mysql_async::Conn {
        &self.conn
    }
}

impl std::ops::DerefMut for MyDb {
    fn deref_mut(&mut self) -> &mut mysql_async::Conn {
        &mut self.conn
    }
}

async fn my_connect(database: Option<&str>) -> Result<mysql_async::Conn, mysql_async::Error> {
    let opts = mysql_async::Opts::from_url(MYSQL_URL).map_err(mysql_async::Error::Url)?;
    let opts = mysql_async::OptsBuilder::from_opts(opts).db_name(database.map(str::to_owned));
    mysql_async::Conn::new(opts).await
}

/// A fresh MariaDB/MySQL database, or `None` (after printing why) when the
/// server does not answer and `CI` is not `true`.
pub async fn mysql() -> Option<MyDb> {
    let mut admin = match my_connect(None).await {
        Ok(c) => c,
        Err(e) => {
            unreachable("mariadb", &e);
            return None;
        }
    };
    let database = unique_name();
    admin
        .query_drop(format!(
            "CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
        ))
        .await
        .expect("create the test database");
    let _ = admin.disconnect().await;
    let conn = my_connect(Some(&database))
        .await
        .expect("connect to the test database");
    let id = conn.id();
    Some(MyDb { conn, database, id })
}

impl Drop for MyDb {
    fn drop(&mut self) {
        let database = self.database.clone();
        let id = self.id;
        block_on_thread(async move {
            match my_connect(None).await {
                Ok(mut c) => {
                    let _ = c.query_drop(format!("KILL {id}")).await;
                    if let Err(e) = c
                        .query_drop(format!("DROP DATABASE IF EXISTS `{database}`"))
                        .await
                    {
                        eprintln!("dropping database {database}: {e}");
                    }
                    let _ = c.disconnect().await;
                }
                Err(e) => eprintln!("dropping database {database}: {e}"),
            }
        });
    }
}
