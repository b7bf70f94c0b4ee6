//! `sqlexpr_postgres::Connection`, `Transaction`, `Pool` and `RowStream`
//! on a real PostgreSQL: typed rows, transactions and savepoints, isolation
//! and read-only, create_all / drop_all, streaming, echo, and faults (a
//! killed backend, statement and client-side timeouts, servers that refuse
//! or do not answer), each followed by a working connection or pool.
mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::servers::{self, PgDb, PG_URL};
use sqlexpr::conn::{Echo, IsolationLevel, TxOptions};
use sqlexpr::prelude::*;
use sqlexpr::raw_with;
use sqlexpr::row::Record;
use sqlexpr_postgres::{Connection, Error, Pool, Postgres};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Connection settings for the test's own schema.
fn url(db: &PgDb) -> String {
    format!("{PG_URL} options='-c search_path={}'", db.schema)
}

async fn connect(db: &PgDb) -> Connection {
    Connection::connect(&url(db)).await.unwrap()
}

fn items() -> Table {
    Table::builder("items")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::Text).not_null())
        .column(Column::new("qty", SqlType::BigInteger))
        .build()
        .unwrap()
}

fn metadata() -> MetaData {
    let mut md = MetaData::new();
    md.add(items()).unwrap();
    md
}

fn add(id: i32, name: &str) -> Insert {
    insert(items())
        .value("id", id)
        .value("name", name)
        .value("qty", i64::from(id) * 10)
}

/// The names in `items`, by id, read on `conn`.
async fn names<H: sqlexpr_postgres::ClientHolder>(conn: &mut Connection<H>) -> Vec<String> {
    let t = items();
    let q = select([t.c("name")]).order_by([t.c("id").asc()]);
    conn.fetch_all(&q)
        .await
        .unwrap()
        .iter()
        .map(|r| r.read::<String>("name").unwrap())
        .collect()
}

async fn pid<H: sqlexpr_postgres::ClientHolder>(conn: &mut Connection<H>) -> i32 {
    conn.fetch_one(&select([raw("pg_backend_pid()").label("pid")]))
        .await
        .unwrap()
        .read::<i32>("pid")
        .unwrap()
}

async fn show(conn: &mut sqlexpr_postgres::Transaction<'_>, setting: &str) -> String {
    let rec = conn
        .fetch_one(&raw(format!("SHOW {setting}")))
        .await
        .unwrap();
    rec.read::<String>(setting).unwrap()
}

sqlexpr::from_row! {
    /// A row of `items`.
    #[derive(Debug, PartialEq)]
    pub struct Item {
        pub id: i32,
        pub name: String,
        pub qty: Option<i64>,
    }
}

#[tokio::test]
async fn typed_rows_create_all_and_drop_all() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut conn = connect(&db).await;
    assert!(conn.dialect().version() >= (12, 0));
    conn.create_all(&metadata()).await.unwrap();
    assert_eq!(conn.execute(&add(1, "apple")).await.unwrap(), 1);
    assert_eq!(conn.execute(&add(2, "pear")).await.unwrap(), 1);

    let t = items();
    // SUM of a BIGINT is numeric on PostgreSQL; the statement's type reads
    // it as i64.
    let q = select([t.c("id"), t.c("name"), t.c("qty")]).order_by([t.c("id").asc()]);
    let rows = conn.fetch_all(&q).await.unwrap();
    assert_eq!(
        rows.iter().map(Record::values).collect::<Vec<_>>(),
        vec![
            &[Value::I32(1), "apple".into(), Value::I64(10)][..],
            &[Value::I32(2), "pear".into(), Value::I64(20)][..],
        ]
    );
    let sum = conn
        .fetch_one(&select([func::sum(t.c("qty")).label("total")]))
        .await
        .unwrap();
    assert_eq!(sum.get("total"), Some(&Value::I64(30)));

    let items: Vec<Item> = conn.fetch_all_as(&q).await.unwrap();
    assert_eq!(
        items[1],
        Item {
            id: 2,
            name: "pear".into(),
            qty: Some(20)
        }
    );
    let one: Item = conn
        .fetch_one_as(&q.clone().where_(t.c("id").eq(1)))
        .await
        .unwrap();
    assert_eq!(one.name, "apple");
    let none = q.clone().where_(t.c("id").eq(99));
    assert!(conn.fetch_optional(&none).await.unwrap().is_none());
    assert!(matches!(conn.fetch_one(&none).await, Err(Error::NoRows)));

    // RETURNING comes back typed too.
    let ret = conn
        .fetch_one(&add(3, "plum").returning([t.c("id"), t.c("qty")]))
        .await
        .unwrap();
    assert_eq!(ret.values(), &[Value::I32(3), Value::I64(30)]);

    // Compiled once, bound per call.
    let by_id = conn
        .compile(&select([t.c("name")]).where_(t.c("id").eq(sqlexpr::bind("id"))))
        .unwrap();
    assert_eq!(
        by_id.sql,
        r#"SELECT "items"."name" FROM "items" WHERE "items"."id" = $1"#
    );
    for (id, name) in [(1, "apple"), (3, "plum")] {
        let c = by_id.with_params([("id", id)]).unwrap();
        let rows = conn.fetch_all_compiled(&c).await.unwrap();
        assert_eq!(rows[0].get("name"), Some(&Value::from(name)));
    }
    let upd = conn
        .compile(&update(t.clone()).set("qty", 0i64).where_(t.c("id").ge(2)))
        .unwrap();
    assert_eq!(conn.execute_compiled(&upd).await.unwrap(), 2);
    // A statement with an unbound name is refused before it runs.
    assert!(matches!(
        conn.execute_compiled(&by_id).await,
        Err(Error::Compile(_))
    ));

    conn.drop_all(&metadata()).await.unwrap();
    let gone = conn.execute(&add(4, "fig")).await.unwrap_err();
    assert!(gone.to_string().contains("does not exist"), "{gone}");
}

#[tokio::test]
async fn commit_rollback_and_the_drop_guard() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut conn = connect(&db).await;
    let mut other = connect(&db).await;
    conn.create_all(&metadata()).await.unwrap();

    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(1, "kept")).await.unwrap();
    assert_eq!(names(&mut other).await, Vec::<String>::new());
    tx.commit().await.unwrap();
    assert_eq!(names(&mut other).await, ["kept"]);

    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(2, "rolled back")).await.unwrap();
    tx.rollback().await.unwrap();

    {
        let mut tx = conn.begin().await.unwrap();
        tx.execute(&add(3, "dropped")).await.unwrap();
        // Dropped without commit.
    }
    // The next statement runs after the ROLLBACK, outside any transaction:
    // the other connection sees it at once.
    conn.execute(&add(4, "after")).await.unwrap();
    assert_eq!(names(&mut other).await, ["kept", "after"]);
    assert_eq!(names(&mut conn).await, ["kept", "after"]);

    // DDL is transactional: create_all in a rolled-back transaction leaves
    // nothing.
    let mut md = MetaData::new();
    md.add(
        Table::builder("other_table")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .build()
            .unwrap(),
    )
    .unwrap();
    let mut tx = conn.begin().await.unwrap();
    tx.create_all(&md).await.unwrap();
    tx.execute(&raw("INSERT INTO other_table VALUES (1)"))
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    let err = conn
        .execute(&raw("INSERT INTO other_table VALUES (1)"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[tokio::test]
async fn nested_savepoints_roll_back_only_their_part() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut conn = connect(&db).await;
    let mut other = connect(&db).await;
    conn.create_all(&metadata()).await.unwrap();

    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(1, "outer")).await.unwrap();
    {
        let mut sp1 = tx.savepoint().await.unwrap();
        sp1.execute(&add(2, "sp1")).await.unwrap();
        {
            let mut sp2 = sp1.savepoint().await.unwrap();
            sp2.execute(&add(3, "sp2")).await.unwrap();
            let mut sp3 = sp2.savepoint().await.unwrap();
            assert_eq!(sp3.depth(), 3);
            sp3.execute(&add(4, "sp3")).await.unwrap();
            sp3.commit().await.unwrap();
            sp2.rollback().await.unwrap();
        }
        // A failed statement inside a savepoint: rolling back to it
        // recovers the transaction.
        let mut sp4 = sp1.savepoint().await.unwrap();
        assert!(sp4.execute(&add(1, "duplicate")).await.is_err());
        drop(sp4);
        sp1.execute(&add(5, "sp1 after")).await.unwrap();
        sp1.commit().await.unwrap();
    }
    {
        let mut dropped = tx.savepoint().await.unwrap();
        dropped.execute(&add(6, "dropped savepoint")).await.unwrap();
    }
    assert_eq!(names(&mut other).await, Vec::<String>::new());
    tx.commit().await.unwrap();
    assert_eq!(names(&mut other).await, ["outer", "sp1", "sp1 after"]);
}

#[tokio::test]
async fn isolation_level_and_read_only() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut conn = connect(&db).await;
    conn.create_all(&metadata()).await.unwrap();
    for (level, shown) in [
        (IsolationLevel::Serializable, "serializable"),
        (IsolationLevel::RepeatableRead, "repeatable read"),
        (IsolationLevel::ReadCommitted, "read committed"),
        // PostgreSQL runs READ UNCOMMITTED as READ COMMITTED but reports
        // the level asked.
        (IsolationLevel::ReadUncommitted, "read uncommitted"),
    ] {
        let mut tx = conn
            .begin_with(TxOptions::new().isolation(level))
            .await
            .unwrap();
        assert_eq!(show(&mut tx, "transaction_isolation").await, shown);
        assert_eq!(show(&mut tx, "transaction_read_only").await, "off");
        tx.commit().await.unwrap();
    }
    let mut tx = conn.begin().await.unwrap();
    assert_eq!(
        show(&mut tx, "transaction_isolation").await,
        "read committed"
    );
    drop(tx);

    let mut tx = conn
        .begin_with(TxOptions::new().read_only(true))
        .await
        .unwrap();
    assert_eq!(show(&mut tx, "transaction_read_only").await, "on");
    let err = tx.execute(&add(1, "refused")).await.unwrap_err();
    match &err {
        Error::Postgres(e) => assert_eq!(
            e.code(),
            Some(&tokio_postgres::error::SqlState::READ_ONLY_SQL_TRANSACTION)
        ),
        other => panic!("expected a read-only error, got {other:?}"),
    }
    tx.rollback().await.unwrap();
    assert_eq!(conn.execute(&add(1, "written")).await.unwrap(), 1);
}

/// The resident memory of this process, in kB.
fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::test]
async fn stream_of_100000_rows_without_collecting() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut conn = connect(&db).await;
    // 100,000 rows of ~1 kB: about 100 MB if they were held at once.
    let stmt = raw("SELECT g, repeat('x', 1000) AS pad FROM generate_series(1, 100000) AS g");
    let before = rss_kb();
    let mut peak = 0;
    let mut stream = conn.stream(&stmt).await.unwrap();
    let (mut n, mut sum) = (0u64, 0i64);
    while let Some(rec) = stream.try_next().await.unwrap() {
        n += 1;
        sum += i64::from(rec.read::<i32>("g").unwrap());
        assert_eq!(rec.read::<String>("pad").unwrap().len(), 1000);
        if n % 10_000 == 0 {
            peak = peak.max(rss_kb().unwrap_or(0));
        }
    }
    assert!(stream.try_next().await.unwrap().is_none());
    assert_eq!(stream.rows_affected(), Some(100_000));
    drop(stream);
    assert_eq!((n, sum), (100_000, 100_000 * 100_001 / 2));
    if let Some(before) = before {
        // Other tests run in this process too; 100 MB held would show.
        assert!(
            peak.saturating_sub(before) < 60_000,
            "resident memory grew by {} kB",
            peak.saturating_sub(before)
        );
    }

    // Typed by the statement: an untyped raw column reads as PostgreSQL
    // gives it; a labelled typed one by its type. In a transaction too.
    let mut tx = conn.begin().await.unwrap();
    tx.create_all(&metadata()).await.unwrap();
    for id in 1..=3 {
        tx.execute(&add(id, "n")).await.unwrap();
    }
    let t = items();
    let typed = select([func::sum(t.c("qty")).label("total")]).group_by([t.c("id")]);
    let mut s = tx.stream(&typed.order_by([t.c("id").asc()])).await.unwrap();
    let mut got = Vec::new();
    while let Some(rec) = s.try_next().await.unwrap() {
        got.push(rec.get("total").cloned().unwrap());
    }
    drop(s);
    tx.commit().await.unwrap();
    // SUM of a BIGINT is numeric on PostgreSQL; the statement reads i64.
    assert_eq!(got, [Value::I64(10), Value::I64(20), Value::I64(30)]);

    // An error in the middle of the stream ends it with the error; the
    // connection works after.
    let mut s = conn
        .stream(&raw(
            "SELECT 10 / (5000 - g) AS q FROM generate_series(1, 10000) AS g",
        ))
        .await
        .unwrap();
    let mut ok = 0;
    let err = loop {
        match s.try_next().await {
            Ok(Some(_)) => ok += 1,
            Ok(None) => panic!("the stream ended without the error"),
            Err(e) => break e,
        }
    };
    assert!(ok < 5000);
    assert!(err.to_string().contains("division by zero"), "{err}");
    assert!(s.try_next().await.unwrap().is_none());
    drop(s);
    assert_eq!(pid(&mut conn).await, pid(&mut conn).await);
}

/// The echo events (`sqlexpr::echo`) logged while a test runs.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<Event>>>);

/// An event's level and its fields, as text.
type Event = (tracing::Level, Vec<(String, String)>);

impl Captured {
    fn events(&self) -> Vec<Event> {
        self.0.lock().unwrap().clone()
    }
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl tracing::field::Visit for Fields<'_> {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Captured {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() != "sqlexpr::echo" {
            return;
        }
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.0
            .lock()
            .unwrap()
            .push((*event.metadata().level(), fields));
    }
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn echo_logs_sql_params_rows_and_failures() {
    use tracing_subscriber::layer::SubscriberExt;
    let Some(db) = servers::postgres().await else {
        return;
    };
    let captured = Captured::default();
    let subscriber = tracing_subscriber::registry().with(captured.clone());
    let _guard = tracing::subscriber::set_default(subscriber);

    let mut conn = connect(&db).await;
    conn.create_all(&metadata()).await.unwrap();
    assert!(captured.events().is_empty(), "echo is off by default");

    conn.set_echo(Echo::On);
    assert_eq!(conn.echo(), Echo::On);
    conn.execute(&add(1, "secret")).await.unwrap();
    let t = items();
    conn.fetch_all(&select([t.c("name")]).where_(t.c("id").ge(1)))
        .await
        .unwrap();
    conn.set_echo(Echo::Redacted);
    conn.execute(&add(2, "hidden")).await.unwrap();
    let err = conn.execute(&add(2, "duplicate")).await.unwrap_err();
    conn.set_echo(Echo::Off);
    conn.execute(&add(3, "unlogged")).await.unwrap();

    let events = captured.events();
    assert_eq!(events.len(), 4, "{events:?}");
    let insert_sql = r#"INSERT INTO "items" ("id", "name", "qty") VALUES ($1, $2, $3)"#;
    let (level, f) = &events[0];
    assert_eq!(*level, tracing::Level::INFO);
    assert_eq!(field(f, "engine"), Some("postgresql"));
    assert_eq!(field(f, "sql"), Some(insert_sql));
    assert_eq!(field(f, "params"), Some(r#"[1, "secret", 10]"#));
    assert_eq!(field(f, "rows"), Some("1"));
    assert!(field(f, "elapsed_us").is_some());

    let (_, f) = &events[1];
    assert_eq!(
        field(f, "sql"),
        Some(r#"SELECT "items"."name" FROM "items" WHERE "items"."id" >= $1"#)
    );
    assert_eq!(field(f, "params"), Some("[1]"));
    assert_eq!(field(f, "rows"), Some("1"));

    let (_, f) = &events[2];
    assert_eq!(field(f, "params"), Some("[i32, text, i64]"));
    assert!(!format!("{f:?}").contains("hidden"));

    let (level, f) = &events[3];
    assert_eq!(*level, tracing::Level::WARN);
    assert_eq!(field(f, "sql"), Some(insert_sql));
    assert_eq!(field(f, "error"), Some(err.to_string().as_str()));
    assert!(err.to_string().contains("duplicate key"), "{err}");
    assert!(field(f, "elapsed_us").is_some());

    // A pool's echo reaches every connection it hands out, transactions
    // included.
    let pool = Pool::connect(&url(&db), 2)
        .await
        .unwrap()
        .with_echo(Echo::On);
    let mut pooled = pool.get().await.unwrap();
    assert_eq!(pooled.echo(), Echo::On);
    let mut tx = pooled.begin().await.unwrap();
    tx.execute(&add(4, "pooled")).await.unwrap();
    let sp1 = tx.savepoint().await.unwrap();
    sp1.commit().await.unwrap();
    let mut sp1 = tx.savepoint().await.unwrap();
    let sp2 = sp1.savepoint().await.unwrap();
    sp2.rollback().await.unwrap();
    drop(sp1);
    tx.commit().await.unwrap();
    drop(pooled.begin().await.unwrap());
    let events = captured.events();
    let sqls: Vec<&str> = events[4..]
        .iter()
        .filter_map(|(_, f)| field(f, "sql"))
        .collect();
    assert_eq!(
        sqls,
        [
            "BEGIN",
            insert_sql,
            "SAVEPOINT sp_1",
            "RELEASE sp_1",
            "SAVEPOINT sp_1",
            "SAVEPOINT sp_2",
            "ROLLBACK TO sp_2",
            "ROLLBACK TO sp_1 (dropped)",
            "COMMIT",
            "BEGIN",
            "ROLLBACK (dropped)",
        ]
    );
    // What echo logged is what ran: the row of the committed transaction
    // is there.
    assert_eq!(
        names(&mut pooled).await,
        ["secret", "hidden", "unlogged", "pooled"]
    );

    // A stream's event is written when it ends: with its row count when
    // read to the end, without one when dropped before.
    let series = raw("SELECT g FROM generate_series(1, 5) AS g");
    let mut rows = pooled.stream(&series).await.unwrap();
    while rows.try_next().await.unwrap().is_some() {}
    assert_eq!(rows.rows_read(), 5);
    drop(rows);
    let mut rows = pooled.stream(&series).await.unwrap();
    rows.try_next().await.unwrap();
    drop(rows);
    let events = captured.events();
    let streams: Vec<_> = events
        .iter()
        .filter(|(_, f)| field(f, "sql") == Some("SELECT g FROM generate_series(1, 5) AS g"))
        .map(|(level, f)| (*level, field(f, "rows")))
        .collect();
    assert_eq!(
        streams,
        [
            (tracing::Level::INFO, Some("5")),
            (tracing::Level::INFO, None)
        ]
    );
}

#[tokio::test]
async fn killed_backend_is_connection_lost_and_the_pool_recovers() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut admin = connect(&db).await;
    let mut conn = connect(&db).await;
    let victim = pid(&mut conn).await;

    let started = Instant::now();
    let sleep = raw("SELECT pg_sleep(10)");
    let kill = raw_with("SELECT pg_terminate_backend(?)", [victim]);
    let (slept, killed) = tokio::join!(conn.execute(&sleep), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        admin.fetch_one(&kill).await
    });
    assert_eq!(killed.unwrap().values(), &[Value::Bool(true)]);
    let err = slept.unwrap_err();
    assert!(matches!(err, Error::ConnectionLost(_)), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(conn.is_closed());
    let again = conn.execute(&raw("SELECT 1")).await.unwrap_err();
    assert!(matches!(again, Error::ConnectionLost(_)), "{again:?}");

    // A pool: a connection killed mid-query is not handed out again.
    let pool = Pool::connect(&url(&db), 1).await.unwrap();
    let mut pooled = pool.get().await.unwrap();
    let first = pid(&mut pooled).await;
    let kill = raw_with("SELECT pg_terminate_backend(?)", [first]);
    let (slept, killed) = tokio::join!(pooled.execute(&sleep), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        admin.fetch_one(&kill).await
    });
    killed.unwrap();
    assert!(matches!(slept, Err(Error::ConnectionLost(_))));
    drop(pooled);
    let mut pooled = pool.get().await.unwrap();
    let second = pid(&mut pooled).await;
    assert_ne!(first, second);
    drop(pooled);

    // Killed while idle in the pool: replaced too.
    admin
        .fetch_one(&raw_with("SELECT pg_terminate_backend(?)", [second]))
        .await
        .unwrap();
    let mut pooled = pool.get().await.unwrap();
    let third = pid(&mut pooled).await;
    assert_ne!(third, second);
    assert_eq!(pool.status().size, 1);
}

#[tokio::test]
async fn statement_timeout_is_timeout_and_the_connection_works_after() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut conn = connect(&db).await;
    conn.set_statement_timeout(Some(Duration::from_millis(200)))
        .await
        .unwrap();
    assert_eq!(conn.statement_timeout(), Some(Duration::from_millis(200)));
    let started = Instant::now();
    let err = conn.execute(&raw("SELECT pg_sleep(5)")).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    match &err {
        Error::Timeout { limit, source } => {
            assert_eq!(*limit, Some(Duration::from_millis(200)));
            assert_eq!(
                source.as_ref().and_then(|e| e.code()),
                Some(&tokio_postgres::error::SqlState::QUERY_CANCELED)
            );
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(err.to_string().contains("timed out after 200ms"), "{err}");
    assert!(!conn.is_closed());
    assert_eq!(pid(&mut conn).await, pid(&mut conn).await);

    // In a transaction: the timeout aborts it; rolled back, the
    // connection goes on.
    let mut tx = conn.begin().await.unwrap();
    assert!(matches!(
        tx.execute(&raw("SELECT pg_sleep(5)")).await,
        Err(Error::Timeout { .. })
    ));
    tx.rollback().await.unwrap();

    conn.set_statement_timeout(None).await.unwrap();
    conn.execute(&raw("SELECT pg_sleep(0.3)")).await.unwrap();
}

#[tokio::test]
async fn client_side_timeout_cancels_the_statement() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut conn = connect(&db).await;
    conn.set_reply_timeout(Some(Duration::from_millis(300)));
    let started = Instant::now();
    let err = conn.execute(&raw("SELECT pg_sleep(10)")).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                limit: Some(l),
                source: None
            } if l == Duration::from_millis(300)
        ),
        "{err:?}"
    );
    // The server canceled the sleep: the next statement does not wait
    // for it.
    conn.execute(&raw("SELECT 1")).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(!conn.is_closed());
}

/// A TCP proxy to PostgreSQL that forwards until `frozen` is set, then
/// stops (keeping the sockets open): a server that stops answering.
async fn freezing_proxy(frozen: Arc<AtomicBool>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let Ok(server) = TcpStream::connect("127.0.0.1:5432").await else {
                continue;
            };
            let (cr, cw) = client.into_split();
            let (sr, sw) = server.into_split();
            tokio::spawn(pump(cr, sw, frozen.clone()));
            tokio::spawn(pump(sr, cw, frozen.clone()));
        }
    });
    port
}

async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    frozen: Arc<AtomicBool>,
) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let Ok(n) = from.read(&mut buf).await else {
            return;
        };
        if n == 0 {
            return;
        }
        if frozen.load(Ordering::SeqCst) {
            // Hold both sockets, forward nothing.
            std::future::pending::<()>().await;
        }
        if to.write_all(&buf[..n]).await.is_err() {
            return;
        }
    }
}

#[tokio::test]
async fn a_server_that_stops_answering_is_a_timeout() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let frozen = Arc::new(AtomicBool::new(false));
    let port = freezing_proxy(frozen.clone()).await;
    let proxied = format!(
        "host=127.0.0.1 port={port} user=postgres dbname=test connect_timeout=2 options='-c search_path={}'",
        db.schema
    );
    let mut conn = Connection::connect(&proxied).await.unwrap();
    conn.set_reply_timeout(Some(Duration::from_millis(500)));
    assert_eq!(
        conn.fetch_one(&select([raw("1").label("one")]))
            .await
            .unwrap()
            .read::<i32>("one")
            .unwrap(),
        1
    );
    frozen.store(true, Ordering::SeqCst);
    let started = Instant::now();
    let err = conn.execute(&raw("SELECT 1")).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(4));

    // A pool through the same proxy: its connection times out too, and
    // the pool hands out a new one once the server answers again.
    frozen.store(false, Ordering::SeqCst);
    let pool = Pool::connect(&proxied, 1)
        .await
        .unwrap()
        .with_reply_timeout(Some(Duration::from_millis(500)));
    let mut pooled = pool.get().await.unwrap();
    let before = pid(&mut pooled).await;
    frozen.store(true, Ordering::SeqCst);
    assert!(matches!(
        pooled.execute(&raw("SELECT 1")).await,
        Err(Error::Timeout { .. })
    ));
    drop(pooled);
    let started = Instant::now();
    // The check before handing it out again cannot finish: an error in
    // bounded time, not a hang.
    let err = pool.get().await.unwrap_err();
    assert!(matches!(err, Error::Pool(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(6));
    frozen.store(false, Ordering::SeqCst);
    let mut pooled = pool.get().await.unwrap();
    assert_ne!(pid(&mut pooled).await, before);

    // The server itself answers a direct connection.
    let mut direct = connect(&db).await;
    assert!(pid(&mut direct).await > 0);
}

#[tokio::test]
async fn connecting_to_a_closed_port_or_a_silent_listener_fails_in_bounded_time() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    // A port nothing listens on.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let started = Instant::now();
    let err = Connection::connect(&format!(
        "host=127.0.0.1 port={port} user=postgres connect_timeout=2"
    ))
    .await
    .unwrap_err();
    assert!(matches!(err, Error::ConnectionLost(_)), "{err:?}");
    assert!(err.to_string().contains("connection lost"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));

    // A listener that accepts and never answers the startup message.
    let silent = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = Arc::new(Mutex::new(Vec::new()));
    let keep = held.clone();
    tokio::spawn(async move {
        while let Ok((s, _)) = silent.accept().await {
            keep.lock().unwrap().push(s);
        }
    });
    let url = format!("host=127.0.0.1 port={port} user=postgres connect_timeout=1");
    let started = Instant::now();
    let err = Connection::connect(&url).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { limit: Some(l), .. } if l == Duration::from_secs(1)),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    let started = Instant::now();
    let err = Pool::connect(&url, 2).await.unwrap_err();
    assert!(matches!(err, Error::Pool(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(3));

    // The real server still answers.
    let mut conn = connect(&db).await;
    assert!(pid(&mut conn).await > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pool_hands_out_reuses_and_never_leaks_a_transaction() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let pool = Pool::connect(&url(&db), 1).await.unwrap();
    assert!(pool.dialect().version() >= (12, 0));
    let mut conn = pool.get().await.unwrap();
    conn.create_all(&metadata()).await.unwrap();
    let first = pid(&mut conn).await;
    drop(conn);

    // Reused: the same backend.
    let mut conn = pool.get().await.unwrap();
    assert_eq!(pid(&mut conn).await, first);

    // A transaction dropped without commit, then the connection given
    // back: the next user is outside any transaction, without its rows.
    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(1, "dropped")).await.unwrap();
    drop(tx);
    drop(conn);
    let mut conn = pool.get().await.unwrap();
    assert_eq!(pid(&mut conn).await, first);
    conn.execute(&add(2, "visible")).await.unwrap();
    let mut other = connect(&db).await;
    assert_eq!(names(&mut other).await, ["visible"]);

    // Session settings do not reach the next user.
    conn.set_statement_timeout(Some(Duration::from_millis(50)))
        .await
        .unwrap();
    drop(conn);
    let mut conn = pool.get().await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    let timeout = tx.fetch_one(&raw("SHOW statement_timeout")).await.unwrap();
    assert_eq!(timeout.read::<String>("statement_timeout").unwrap(), "0");
    tx.commit().await.unwrap();
    // The URL's options stay: the search path still finds the table.
    assert_eq!(names(&mut conn).await, ["visible"]);

    // All in use: get waits, then fails in bounded time.
    let pool1 = pool
        .clone()
        .with_wait_timeout(Some(Duration::from_millis(200)));
    let started = Instant::now();
    let err = pool1.get().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Pool(sqlexpr_postgres::deadpool_postgres::PoolError::Timeout(_))
        ),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(conn);
    let mut again = pool1.get().await.unwrap();
    assert_eq!(pid(&mut again).await, first);
    drop(again);

    // Two at once on a pool of two.
    let pool = Pool::connect(&url(&db), 2).await.unwrap();
    let mut a = pool.get().await.unwrap();
    let mut b = pool.get().await.unwrap();
    assert_ne!(pid(&mut a).await, pid(&mut b).await);
    assert_eq!(pool.status().size, 2);

    drop((a, b));

    // Tasks on other threads share the pool: connections, transactions and
    // streams are Send.
    let mut tasks = Vec::new();
    for id in 10..18 {
        let pool = pool.clone();
        tasks.push(tokio::spawn(async move {
            let mut conn = pool.get().await?;
            let mut tx = conn.begin().await?;
            tx.execute(&add(id, "task")).await?;
            let mut rows = tx.stream(&select([raw("1").label("one")])).await?;
            while rows.try_next().await?.is_some() {}
            drop(rows);
            tx.commit().await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(names(&mut other).await.len(), 9);
    assert!(pool.status().size <= 2);

    // A caller's own deadpool pool.
    let mut config = deadpool_config();
    config.dbname = Some("test".into());
    config.options = Some(format!("-c search_path={}", db.schema));
    let dp = config
        .create_pool(
            Some(sqlexpr_postgres::deadpool_postgres::Runtime::Tokio1),
            tokio_postgres::NoTls,
        )
        .unwrap();
    let pool = Pool::from_deadpool(dp).with_dialect(Postgres::with_version(15, 0));
    let mut c = pool.get().await.unwrap();
    assert_eq!(c.dialect().version(), (15, 0));
    assert_eq!(names(&mut c).await[..2], ["visible", "task"]);
}

fn deadpool_config() -> sqlexpr_postgres::deadpool_postgres::Config {
    let mut c = sqlexpr_postgres::deadpool_postgres::Config::new();
    c.host = Some("127.0.0.1".into());
    c.port = Some(5432);
    c.user = Some("postgres".into());
    c
}

#[tokio::test]
async fn from_driver_uses_the_callers_client() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let (client, connection) = tokio_postgres::connect(&url(&db), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let mut conn = Connection::with_dialect(client, Postgres::with_version(14, 0));
    assert_eq!(conn.dialect().version(), (14, 0));
    let rec = conn
        .fetch_one(&select(
            [raw_with("?::int4 + ?::int4", [20, 22]).label("n")],
        ))
        .await
        .unwrap();
    assert_eq!(rec.read::<i32>("n").unwrap(), 42);
    // The escape hatch: the driver's own client.
    let row = conn
        .driver()
        .query_one("SELECT 1::int4", &[])
        .await
        .unwrap();
    assert_eq!(row.get::<_, i32>(0), 1);
    let client = conn.into_driver();
    assert!(!client.is_closed());
    let conn = Connection::from_driver(client);
    assert_eq!(*conn.dialect(), Postgres::new());
}

#[tokio::test]
async fn a_changed_table_prepares_its_cached_statement_again() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut conn = connect(&db).await;
    conn.create_all(&metadata()).await.unwrap();
    conn.execute(&add(1, "a")).await.unwrap();
    let q = raw("SELECT qty FROM items");
    let rec = conn.fetch_one(&q).await.unwrap();
    assert_eq!(rec.get("qty"), Some(&Value::I64(10)));
    conn.execute(&raw("ALTER TABLE items ALTER COLUMN qty TYPE text"))
        .await
        .unwrap();
    // The cached statement's result type changed: prepared again.
    let rec = conn.fetch_one(&q).await.unwrap();
    assert_eq!(rec.get("qty"), Some(&Value::from("10")));

    // Inside a transaction the failure aborts it, so it is reported; the
    // statement is prepared again after.
    conn.execute(&raw(
        "ALTER TABLE items ALTER COLUMN qty TYPE bigint USING qty::bigint",
    ))
    .await
    .unwrap();
    let mut tx = conn.begin().await.unwrap();
    let err = tx.fetch_one(&q).await.unwrap_err();
    assert!(err.to_string().contains("cached plan"), "{err}");
    tx.rollback().await.unwrap();
    let rec = conn.fetch_one(&q).await.unwrap();
    assert_eq!(rec.get("qty"), Some(&Value::I64(10)));
}

/// Inserts a row and counts `items` through any executor.
async fn add_and_count(db: &mut impl sqlexpr_postgres::Executor, id: i32) -> i64 {
    assert_eq!(db.execute(&add(id, "x")).await.unwrap(), 1);
    let t = items();
    let n = db
        .fetch_one(&select([func::count_star().label("n")]).select_from(&t))
        .await
        .unwrap()
        .read::<i64>("n")
        .unwrap();
    let names: Vec<String> = db
        .fetch_all(&select([t.c("name")]).where_(t.c("id").eq(id)))
        .await
        .unwrap()
        .iter()
        .map(|r| r.read::<String>("name").unwrap())
        .collect();
    assert_eq!(names, ["x"]);
    assert!(db
        .fetch_optional(&select([t.c("id")]).where_(t.c("id").eq(-1)))
        .await
        .unwrap()
        .is_none());
    n
}

#[tokio::test]
async fn one_function_runs_on_a_connection_a_transaction_a_savepoint_and_a_pool() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut conn = connect(&db).await;
    conn.create_all(&metadata()).await.unwrap();
    assert_eq!(add_and_count(&mut conn, 1).await, 1);
    {
        let mut tx = conn.begin().await.unwrap();
        assert_eq!(add_and_count(&mut tx, 2).await, 2);
        {
            let mut sp = tx.savepoint().await.unwrap();
            assert_eq!(add_and_count(&mut sp, 3).await, 3);
        } // rolled back to the savepoint
        tx.commit().await.unwrap();
    }
    let pool = Pool::connect(&url(&db), 1).await.unwrap();
    let mut pooled = pool.get().await.unwrap();
    assert_eq!(add_and_count(&mut pooled, 4).await, 3);
    assert_eq!(names(&mut conn).await, ["x", "x", "x"]);
}
