//! `sqlexpr_mysql::Connection` on the real MariaDB server: the dialect
//! detected from the server, typed rows, transactions with savepoints and
//! drop guards, isolation and read-only, streaming, echo, the pool, and
//! faults (KILL, KILL QUERY, statement timeout, a server that does not
//! answer).
mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::servers;
use mysql_async::prelude::Queryable;
use sqlexpr::conn::{Echo, IsolationLevel, TxOptions};
use sqlexpr::prelude::*;
use sqlexpr::row::Record;
use sqlexpr_mysql::{Connection, Error, Flavour, MySql, MySqlExt, Pool, TimeoutKind};

const SERVER: &str = "mysql://root@127.0.0.1:3306";

/// A fresh database (dropped with the handle) and the URL to reach it.
async fn database() -> Option<(servers::MyDb, String)> {
    let db = servers::mysql().await?;
    let url = format!("{SERVER}/{}", db.database);
    Some((db, url))
}

fn items() -> Table {
    Table::builder("items")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::Text).not_null())
        .column(Column::new("qty", SqlType::BigInteger))
        .column(Column::new("ok", SqlType::Boolean))
        .column(Column::new("price", SqlType::Numeric(10, 2)))
        .build()
        .unwrap()
}

fn metadata() -> MetaData {
    let mut md = MetaData::new();
    md.add(items()).unwrap();
    md
}

fn add(id: i32, name: &str) -> Insert {
    insert(items()).value("id", id).value("name", name)
}

/// The ids in `items`, in order, as `conn` sees them.
async fn ids(conn: &mut Connection) -> Vec<i32> {
    let items = items();
    conn.fetch_all(&select([items.c("id")]).order_by([items.c("id").asc()]))
        .await
        .unwrap()
        .iter()
        .map(|r| r.read::<i32>("id").unwrap())
        .collect()
}

/// Runs `KILL [QUERY] id` from a connection of its own.
async fn kill(what: &str, id: u32) {
    let mut admin = mysql_async::Conn::from_url(format!("{SERVER}/test"))
        .await
        .unwrap();
    admin.query_drop(format!("KILL {what} {id}")).await.unwrap();
    let _ = admin.disconnect().await;
}

/// Runs `KILL [QUERY] id` after `delay`, in the background.
fn kill_later(what: &'static str, id: u32, delay: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        kill(what, id).await;
    })
}

fn sleep_query(secs: u32) -> Select {
    select([raw(format!("SLEEP({secs})")).label("slept")])
}

/// One tracing event of the `sqlexpr::echo` target: its level and fields.
#[derive(Debug, Clone)]
struct Ev {
    level: tracing::Level,
    fields: BTreeMap<String, String>,
}

impl Ev {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }
}

struct Visitor<'a>(&'a mut BTreeMap<String, String>);

impl tracing::field::Visit for Visitor<'_> {
    fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
        self.0.insert(f.name().to_owned(), format!("{v:?}"));
    }
    fn record_str(&mut self, f: &tracing::field::Field, v: &str) {
        self.0.insert(f.name().to_owned(), v.to_owned());
    }
    fn record_u64(&mut self, f: &tracing::field::Field, v: u64) {
        self.0.insert(f.name().to_owned(), v.to_string());
    }
    fn record_i64(&mut self, f: &tracing::field::Field, v: i64) {
        self.0.insert(f.name().to_owned(), v.to_string());
    }
}

/// Collects the echo events of this thread.
struct Capture(Arc<Mutex<Vec<Ev>>>);

impl tracing::Subscriber for Capture {
    fn enabled(&self, m: &tracing::Metadata<'_>) -> bool {
        m.target() == "sqlexpr::echo"
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, e: &tracing::Event<'_>) {
        let mut fields = BTreeMap::new();
        e.record(&mut Visitor(&mut fields));
        self.0.lock().unwrap().push(Ev {
            level: *e.metadata().level(),
            fields,
        });
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// Captures the echo events of this thread until the guard drops.
fn capture() -> (tracing::subscriber::DefaultGuard, Arc<Mutex<Vec<Ev>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let guard = tracing::subscriber::set_default(Capture(events.clone()));
    (guard, events)
}

fn taken(events: &Arc<Mutex<Vec<Ev>>>) -> Vec<Ev> {
    std::mem::take(&mut *events.lock().unwrap())
}

fn sqls(events: &[Ev]) -> Vec<String> {
    events.iter().map(|e| e.get("sql").to_owned()).collect()
}

#[tokio::test]
async fn the_dialect_is_the_servers() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    let d = *conn.dialect();
    assert_eq!(d.flavour(), Flavour::MariaDb);
    // The machine's server is MariaDB 10.11.
    assert_eq!((d.version().0, d.version().1), (10, 11));
    let version: String = conn
        .driver_mut()
        .unwrap()
        .query_first("SELECT VERSION()")
        .await
        .unwrap()
        .unwrap();
    assert!(
        version.starts_with(&format!(
            "{}.{}.{}-MariaDB",
            d.version().0,
            d.version().1,
            d.version().2
        )),
        "{version} vs {d:?}"
    );

    // From a driver connection: the same detection.
    let drv = mysql_async::Conn::from_url(&url).await.unwrap();
    assert_eq!(drv.dialect(), d, "MySqlExt reads the flavour too");
    let from_driver = Connection::from_driver(drv).await.unwrap();
    assert_eq!(*from_driver.dialect(), d);

    // RETURNING: MariaDB 10.5+ has it, MySQL 8 does not.
    conn.create_all(&metadata()).await.unwrap();
    let ins = add(1, "apple").returning([items().c("id"), items().c("name")]);
    assert_eq!(
        ins.compile(&d).unwrap().sql,
        "INSERT INTO `items` (`id`, `name`) VALUES (?, ?) RETURNING `id`, `name`"
    );
    let rows = conn.fetch_all(&ins).await.unwrap();
    assert_eq!(
        rows,
        vec![Record::new(
            vec!["id".into(), "name".into()],
            vec![Value::I32(1), Value::from("apple")]
        )
        .unwrap()]
    );

    // Chosen by hand: MySQL 8 refuses RETURNING before anything is sent.
    let drv = mysql_async::Conn::from_url(&url).await.unwrap();
    let mut mysql8 = Connection::with_dialect(drv, MySql::new());
    assert_eq!(*mysql8.dialect(), MySql::new());
    let e = mysql8
        .fetch_all(&add(2, "pear").returning([items().c("id")]))
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::Compile(sqlexpr::Error::Unsupported { .. })),
        "{e:?}"
    );

    // MySqlExt on a driver connection compiles for MariaDB too: RETURNING runs.
    let mut drv = mysql_async::Conn::from_url(&url).await.unwrap();
    let rows = drv
        .fetch_all(&add(3, "plum").returning([items().c("id")]))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].get::<i32, _>(0), Some(3));
    assert_eq!(ids(&mut conn).await, [1, 3]);

    conn.drop_all(&metadata()).await.unwrap();
    let left: Option<i64> = conn
        .driver_mut()
        .unwrap()
        .exec_first(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()",
            (),
        )
        .await
        .unwrap();
    assert_eq!(left, Some(0));
}

sqlexpr::from_row! {
    /// A row of `items`.
    #[derive(Debug, PartialEq)]
    struct Item {
        id: i32,
        name: String,
        qty: Option<i64>,
        ok: Option<bool>,
        price: Option<bigdecimal::BigDecimal>,
    }
}

#[tokio::test]
async fn rows_are_typed() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    conn.create_all(&metadata()).await.unwrap();
    let t = items();
    let n = conn
        .execute(
            &insert(&t)
                .row([
                    ("id", Expr::from(1)),
                    ("name", "apple".into()),
                    ("qty", 10i64.into()),
                    ("ok", true.into()),
                    (
                        "price",
                        "2.50".parse::<bigdecimal::BigDecimal>().unwrap().into(),
                    ),
                ])
                .row([
                    ("id", Expr::from(2)),
                    ("name", "pear".into()),
                    ("qty", Expr::from(Value::Null)),
                    ("ok", false.into()),
                    ("price", Expr::from(Value::Null)),
                ]),
        )
        .await
        .unwrap();
    assert_eq!(n, 2);
    let q = select([t.c("id"), t.c("name"), t.c("qty"), t.c("ok"), t.c("price")])
        .order_by([t.c("id").asc()]);
    let rows = conn.fetch_all(&q).await.unwrap();
    assert_eq!(
        rows.iter().map(|r| r.values().to_vec()).collect::<Vec<_>>(),
        vec![
            vec![
                Value::I32(1),
                Value::from("apple"),
                Value::I64(10),
                // A BOOLEAN (TINYINT(1)) reads as a bool, a DECIMAL as one.
                Value::Bool(true),
                Value::Decimal("2.50".parse().unwrap()),
            ],
            vec![
                Value::I32(2),
                Value::from("pear"),
                Value::Null,
                Value::Bool(false),
                Value::Null,
            ],
        ]
    );
    let all: Vec<Item> = conn.fetch_all_as(&q).await.unwrap();
    assert_eq!(
        all[0],
        Item {
            id: 1,
            name: "apple".into(),
            qty: Some(10),
            ok: Some(true),
            price: Some("2.50".parse().unwrap()),
        }
    );
    assert_eq!(all[1].ok, Some(false));
    let one: Item = conn
        .fetch_one_as(&q.clone().where_(t.c("id").eq(2)))
        .await
        .unwrap();
    assert_eq!(one.name, "pear");
    let none = q.clone().where_(t.c("id").eq(99));
    assert!(conn.fetch_optional(&none).await.unwrap().is_none());
    assert!(matches!(conn.fetch_one(&none).await, Err(Error::NoRows)));
    assert!(matches!(
        conn.fetch_one_as::<Item>(&none).await,
        Err(Error::NoRows)
    ));
    // A compiled statement with a named parameter, bound per call.
    let by_id = conn
        .compile(&q.clone().where_(t.c("id").eq(bind("id"))))
        .unwrap_err();
    assert!(matches!(by_id, Error::Compile(_)), "unfilled: {by_id:?}");
    let c = q
        .clone()
        .where_(t.c("id").eq(bind("id")))
        .compile(conn.dialect())
        .unwrap()
        .with_params([("id", Value::I32(1))])
        .unwrap();
    let got = conn
        .fetch_all_compiled(&c, &q.column_types())
        .await
        .unwrap();
    assert!(got[0].read::<bool>("ok").unwrap());
    assert_eq!(conn.execute_compiled(&c).await.unwrap(), 1);

    conn.execute(&raw(
        "CREATE TABLE auto (id INTEGER AUTO_INCREMENT PRIMARY KEY, v INTEGER)",
    ))
    .await
    .unwrap();
    for v in [5, 6] {
        conn.execute(&sqlexpr::raw_with("INSERT INTO auto (v) VALUES (?)", [v]))
            .await
            .unwrap();
    }
    assert_eq!(conn.last_insert_id(), Some(2));
}

#[tokio::test]
async fn commit_rollback_and_the_drop_guard() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    let mut other = Connection::connect(&url).await.unwrap();
    conn.create_all(&metadata()).await.unwrap();

    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(1, "kept")).await.unwrap();
    assert_eq!(tx.depth(), 1);
    assert_eq!(
        ids(&mut other).await,
        Vec::<i32>::new(),
        "not yet committed"
    );
    tx.commit().await.unwrap();
    assert_eq!(ids(&mut other).await, [1]);

    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(2, "rolled back")).await.unwrap();
    assert_eq!(
        tx.fetch_all(&select([items().c("id")]))
            .await
            .unwrap()
            .len(),
        2
    );
    tx.rollback().await.unwrap();
    assert_eq!(ids(&mut conn).await, [1]);
    assert!(!conn.in_transaction());

    // Dropped without commit: the rollback runs before the next statement.
    let (_guard, events) = capture();
    conn.set_echo(Echo::On);
    {
        let mut tx = conn.begin().await.unwrap();
        tx.execute(&add(3, "dropped")).await.unwrap();
    }
    assert!(conn.in_transaction(), "the rollback is pending");
    assert_eq!(ids(&mut other).await, [1]);
    taken(&events);
    assert_eq!(ids(&mut conn).await, [1]);
    assert!(!conn.in_transaction());
    assert_eq!(
        sqls(&taken(&events)),
        [
            "ROLLBACK",
            "SELECT `items`.`id` FROM `items` ORDER BY `items`.`id` ASC"
        ]
    );
    // The connection goes on: a new transaction commits.
    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(4, "after")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(ids(&mut other).await, [1, 4]);

    // A guard leaked with mem::forget: the next begin rolls its
    // transaction back rather than let START TRANSACTION commit it.
    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(5, "leaked")).await.unwrap();
    std::mem::forget(tx);
    assert!(conn.in_transaction());
    taken(&events);
    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(6, "next")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        sqls(&taken(&events))[..2],
        ["ROLLBACK".to_owned(), "START TRANSACTION".to_owned()]
    );
    assert_eq!(ids(&mut other).await, [1, 4, 6]);
}

/// The session's count of `name` (`SHOW SESSION STATUS`).
async fn session_status(conn: &mut Connection, name: &str) -> i64 {
    let row = conn
        .fetch_one(&raw(format!("SHOW SESSION STATUS LIKE '{name}'")))
        .await
        .unwrap();
    row.read::<String>("Value").unwrap().parse().unwrap()
}

#[tokio::test]
async fn max_allowed_packet_is_asked_once() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    conn.create_all(&metadata()).await.unwrap();
    let long = "x".repeat(4000);
    let before = session_status(&mut conn, "Com_select").await;
    for id in 1..=3 {
        conn.execute(&add(id, &long)).await.unwrap();
    }
    // One SELECT @@max_allowed_packet for the three statements over 1 KiB.
    assert_eq!(session_status(&mut conn, "Com_select").await - before, 1);
    let max: i64 = conn
        .fetch_one(&raw("SELECT @@max_allowed_packet AS m"))
        .await
        .unwrap()
        .read("m")
        .unwrap();
    // Larger than the server takes: refused before it is sent, and the
    // connection goes on.
    let huge = "y".repeat(usize::try_from(max).unwrap() + 10);
    let e = conn.execute(&add(9, &huge)).await.unwrap_err();
    assert!(
        matches!(e, Error::PacketTooLarge { max_allowed_packet, .. } if max_allowed_packet == usize::try_from(max).unwrap()),
        "{e:?}"
    );
    assert_eq!(ids(&mut conn).await, [1, 2, 3]);
}

#[tokio::test]
async fn savepoints_nest_and_roll_back_their_part() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    let mut other = Connection::connect(&url).await.unwrap();
    conn.create_all(&metadata()).await.unwrap();
    let (_guard, events) = capture();
    conn.set_echo(Echo::On);

    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(1, "tx")).await.unwrap();
    {
        let mut sp = tx.savepoint().await.unwrap();
        assert_eq!(sp.depth(), 2);
        sp.execute(&add(2, "sp")).await.unwrap();
        {
            let mut inner = sp.savepoint().await.unwrap();
            assert_eq!(inner.depth(), 3);
            inner.execute(&add(3, "inner")).await.unwrap();
            inner.rollback().await.unwrap();
        }
        {
            let mut inner = sp.savepoint().await.unwrap();
            inner.execute(&add(4, "inner, kept")).await.unwrap();
            inner.commit().await.unwrap();
        }
        sp.commit().await.unwrap();
    }
    {
        let mut sp = tx.savepoint().await.unwrap();
        sp.execute(&add(5, "dropped")).await.unwrap();
        let mut inner = sp.savepoint().await.unwrap();
        inner.execute(&add(6, "dropped too")).await.unwrap();
        // Both dropped: back to where the outer savepoint began.
    }
    tx.execute(&add(7, "tx again")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(ids(&mut other).await, [1, 2, 4, 7]);
    let control: Vec<String> = sqls(&taken(&events))
        .into_iter()
        .filter(|s| !s.starts_with("INSERT") && !s.starts_with("SELECT"))
        .collect();
    assert_eq!(
        control,
        [
            "START TRANSACTION",
            "SAVEPOINT sqlexpr_sp_2",
            "SAVEPOINT sqlexpr_sp_3",
            "ROLLBACK TO SAVEPOINT sqlexpr_sp_3",
            "RELEASE SAVEPOINT sqlexpr_sp_3",
            "SAVEPOINT sqlexpr_sp_3",
            "RELEASE SAVEPOINT sqlexpr_sp_3",
            "RELEASE SAVEPOINT sqlexpr_sp_2",
            "SAVEPOINT sqlexpr_sp_2",
            "SAVEPOINT sqlexpr_sp_3",
            // The drops, settled before the next statement.
            "ROLLBACK TO SAVEPOINT sqlexpr_sp_2",
            "RELEASE SAVEPOINT sqlexpr_sp_2",
            "COMMIT",
        ]
    );

    // A savepoint the server dropped (DDL commits the transaction): its
    // rollback fails once, with the server's error, and the connection
    // goes on.
    let mut tx = conn.begin().await.unwrap();
    {
        let mut sp = tx.savepoint().await.unwrap();
        sp.execute(&raw("CREATE TABLE other (id INTEGER)"))
            .await
            .unwrap();
    }
    let e = tx.execute(&add(8, "refused once")).await.unwrap_err();
    match &e {
        Error::MySql(mysql_async::Error::Server(s)) => assert_eq!(s.code, 1305, "{s}"),
        other => panic!("expected error 1305, got {other:?}"),
    }
    tx.execute(&add(8, "then run")).await.unwrap();
    tx.commit().await.unwrap();
    assert!(!conn.in_transaction());
    assert_eq!(ids(&mut other).await, [1, 2, 4, 7, 8]);
}

/// The isolation level of this connection's running InnoDB transaction.
async fn running_isolation(tx: &mut sqlexpr_mysql::Transaction<'_>) -> String {
    tx.fetch_one(&raw(
        "SELECT trx_isolation_level AS level FROM information_schema.innodb_trx \
         WHERE trx_mysql_thread_id = CONNECTION_ID()",
    ))
    .await
    .unwrap()
    .read::<String>("level")
    .unwrap()
}

#[tokio::test]
async fn isolation_level_and_read_only() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    conn.create_all(&metadata()).await.unwrap();
    // MariaDB names the variable tx_isolation before 11.1.
    let var = if conn.dialect().version() >= (11, 1, 0) {
        "@@transaction_isolation"
    } else {
        "@@tx_isolation"
    };
    let session = |var: &str| raw(format!("SELECT {var} AS level"));
    for (level, server) in [
        (IsolationLevel::Serializable, "SERIALIZABLE"),
        (IsolationLevel::ReadCommitted, "READ COMMITTED"),
        (IsolationLevel::ReadUncommitted, "READ UNCOMMITTED"),
    ] {
        let mut tx = conn
            .begin_with(TxOptions::new().isolation(level))
            .await
            .unwrap();
        // The transaction starts in InnoDB at its first read; the server
        // refreshes information_schema.innodb_trx every 0.1 s at most.
        tx.fetch_all(&select([items().c("id")])).await.unwrap();
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert_eq!(running_isolation(&mut tx).await, server);
        // SET TRANSACTION sets the next transaction's level only: the
        // session's stays the server default.
        let s = tx.fetch_one(&session(var)).await.unwrap();
        assert_eq!(s.read::<String>("level").unwrap(), "REPEATABLE-READ");
        tx.commit().await.unwrap();
    }
    // The next transaction has the session's level again.
    let mut tx = conn.begin().await.unwrap();
    tx.fetch_all(&select([items().c("id")])).await.unwrap();
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(running_isolation(&mut tx).await, "REPEATABLE READ");
    tx.commit().await.unwrap();

    // Read-only: the server refuses a write, the connection goes on.
    let mut tx = conn
        .begin_with(TxOptions::new().read_only(true))
        .await
        .unwrap();
    let ro = tx
        .fetch_one(&raw("SELECT @@in_transaction AS t, @@tx_read_only AS ro"))
        .await
        .unwrap();
    assert_eq!(ro.values(), [Value::U64(1), Value::I64(0)]);
    let e = tx.execute(&add(1, "refused")).await.unwrap_err();
    match &e {
        Error::MySql(mysql_async::Error::Server(s)) => assert_eq!(s.code, 1792, "{s}"),
        other => panic!("expected error 1792, got {other:?}"),
    }
    tx.rollback().await.unwrap();
    conn.execute(&add(1, "allowed")).await.unwrap();
    assert_eq!(ids(&mut conn).await, [1]);
}

#[tokio::test]
async fn a_stream_reads_rows_one_at_a_time() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    // MariaDB's sequence engine: the numbers 1 to 100000, never stored.
    let seq = Table::builder("seq_1_to_100000")
        .column(Column::new("seq", SqlType::BigInteger))
        .build()
        .unwrap();
    let q = select([seq.c("seq"), (seq.c("seq") % 2).eq(0).label("even")]);
    let mut rows = conn.stream(&q).await.unwrap();
    let (mut n, mut sum, mut evens) = (0u64, 0i64, 0u64);
    while let Some(row) = rows.next().await {
        let row = row.unwrap();
        n += 1;
        sum += row.read::<i64>("seq").unwrap();
        // Typed: the comparison reads as a bool.
        if row.read::<bool>("even").unwrap() {
            evens += 1;
        }
    }
    assert!(rows.next().await.is_none());
    drop(rows);
    assert_eq!((n, sum, evens), (100_000, 5_000_050_000, 50_000));

    // Dropped early: the rest is skipped, the connection goes on.
    let mut rows = conn.stream(&q).await.unwrap();
    for want in 1..=3 {
        let row = rows.next().await.unwrap().unwrap();
        assert_eq!(row.read::<i64>("seq").unwrap(), want);
    }
    drop(rows);
    let one = conn
        .fetch_one(&select([value(1).label("one")]))
        .await
        .unwrap();
    assert_eq!(one.read::<i32>("one").unwrap(), 1);

    // In a transaction.
    conn.create_all(&metadata()).await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    tx.execute(&add(1, "a")).await.unwrap();
    tx.execute(&add(2, "b")).await.unwrap();
    let mut rows = tx
        .stream(&select([items().c("name")]).order_by([items().c("id").asc()]))
        .await
        .unwrap();
    let mut names = Vec::new();
    while let Some(row) = rows.next().await {
        names.push(row.unwrap().read::<String>("name").unwrap());
    }
    drop(rows);
    assert_eq!(names, ["a", "b"]);
    tx.rollback().await.unwrap();
}

#[tokio::test]
async fn echo_logs_statements() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    conn.create_all(&metadata()).await.unwrap();
    let (_guard, events) = capture();

    conn.execute(&add(1, "quiet")).await.unwrap();
    assert!(taken(&events).is_empty(), "echo is off by default");

    conn.set_echo(Echo::On);
    assert_eq!(conn.echo(), Echo::On);
    conn.execute(&add(2, "secret")).await.unwrap();
    let got = conn
        .fetch_all(&select([items().c("id")]).where_(items().c("id").ge(1)))
        .await
        .unwrap();
    assert_eq!(got.len(), 2);
    let ev = taken(&events);
    assert_eq!(ev.len(), 2, "{ev:?}");
    assert_eq!(ev[0].level, tracing::Level::INFO);
    assert_eq!(ev[0].get("engine"), "mariadb");
    assert_eq!(
        ev[0].get("sql"),
        "INSERT INTO `items` (`id`, `name`) VALUES (?, ?)"
    );
    assert_eq!(ev[0].get("params"), r#"[2, "secret"]"#);
    assert_eq!(ev[0].get("rows"), "1");
    assert!(ev[0].fields.contains_key("elapsed_us"));
    assert_eq!(ev[1].get("params"), "[1]");
    assert_eq!(ev[1].get("rows"), "2");

    conn.set_echo(Echo::Redacted);
    conn.execute(&add(3, "secret")).await.unwrap();
    let ev = taken(&events);
    assert_eq!(ev[0].get("params"), "[i32, text]");
    assert!(!format!("{ev:?}").contains("secret"));

    // A failure is a WARN with the error.
    conn.set_echo(Echo::On);
    let e = conn.execute(&add(3, "duplicate")).await.unwrap_err();
    let ev = taken(&events);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].level, tracing::Level::WARN);
    assert_eq!(ev[0].get("error"), e.to_string());
    assert!(ev[0].get("error").contains("Duplicate entry"), "{ev:?}");

    // A stream is logged when it starts, without a row count.
    let mut rows = conn.stream(&select([items().c("id")])).await.unwrap();
    while rows.next().await.is_some() {}
    drop(rows);
    let ev = taken(&events);
    assert_eq!(sqls(&ev), ["SELECT `items`.`id` FROM `items`"]);
    assert!(!ev[0].fields.contains_key("rows"));

    // A pool's echo is every connection's.
    let mut pool = Pool::new(&url).unwrap();
    pool.set_echo(Echo::Redacted);
    let mut pooled = pool.get().await.unwrap();
    assert_eq!(pooled.echo(), Echo::Redacted);
    pooled
        .fetch_one(&select([value("x").label("x")]))
        .await
        .unwrap();
    let ev = taken(&events);
    assert_eq!(sqls(&ev), ["SELECT ? AS `x`"]);
    assert_eq!(ev[0].get("params"), "[text]");
    assert_eq!(ev[0].get("engine"), "mariadb");
    drop(pooled);
    pool.disconnect().await.unwrap();
}

#[tokio::test]
async fn the_pool_hands_out_reuses_and_recovers() {
    let Some((_db, url)) = database().await else {
        return;
    };
    // One connection at most, so that a `get` waits for the one that came
    // back (rather than open another while that one is reset).
    let pool = Pool::new(&format!("{url}?pool_min=1&pool_max=1")).unwrap();
    assert_eq!(pool.dialect(), None);
    let mut c = pool.get().await.unwrap();
    let d = pool.dialect().unwrap();
    assert_eq!(d.flavour(), Flavour::MariaDb);
    assert_eq!(*c.dialect(), d);
    c.create_all(&metadata()).await.unwrap();
    c.execute(&add(1, "pooled")).await.unwrap();
    let first = c.id().unwrap();
    drop(c);

    // Reused.
    let mut c = pool.get().await.unwrap();
    assert_eq!(c.id(), Some(first));
    assert_eq!(ids(&mut c).await, [1]);
    drop(c);

    // Killed while idle in the pool: not handed out again.
    kill("", first).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut c = pool.get().await.unwrap();
    let second = c.id().unwrap();
    assert_ne!(second, first);
    assert_eq!(ids(&mut c).await, [1]);

    // Killed mid-query: ConnectionLost, and the pool hands out another.
    let killer = kill_later("", second, Duration::from_millis(300));
    let e = c.fetch_one(&sleep_query(10)).await.unwrap_err();
    killer.await.unwrap();
    assert!(e.is_connection_lost(), "{e:?}");
    drop(c);
    let mut c = pool.get().await.unwrap();
    assert_ne!(c.id(), Some(second));
    assert_eq!(ids(&mut c).await, [1]);
    drop(c);

    // The futures are Send: a pooled connection works in a task of its own.
    let p = pool.clone();
    let task = tokio::spawn(async move {
        let mut c = p.get().await?;
        let mut tx = c.begin().await?;
        tx.execute(&add(2, "from a task")).await?;
        let mut sp = tx.savepoint().await?;
        sp.execute(&add(3, "rolled back")).await?;
        sp.rollback().await?;
        let mut rows = tx.stream(&select([items().c("id")])).await?;
        let mut n = 0;
        while let Some(row) = rows.next().await {
            row?;
            n += 1;
        }
        drop(rows);
        tx.commit().await?;
        Ok::<_, Error>(n)
    });
    assert_eq!(task.await.unwrap().unwrap(), 2);
    let mut c = pool.get().await.unwrap();
    assert_eq!(ids(&mut c).await, [1, 2]);
    drop(c);
    pool.disconnect().await.unwrap();
}

#[tokio::test]
async fn a_pooled_connection_comes_back_without_its_transaction() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut setup = Connection::connect(&url).await.unwrap();
    setup.create_all(&metadata()).await.unwrap();

    // What mysql_async alone does with a transaction it did not start,
    // with reset_connection off: the connection comes back still in it.
    let raw_pool = mysql_async::Pool::new(
        format!("{url}?pool_min=1&pool_max=1&reset_connection=false").as_str(),
    );
    let mut drv = raw_pool.get_conn().await.unwrap();
    let raw_id = drv.id();
    drv.query_drop("START TRANSACTION").await.unwrap();
    drop(drv);
    let mut drv = raw_pool.get_conn().await.unwrap();
    assert_eq!(drv.id(), raw_id);
    let open: Option<i64> = drv.query_first("SELECT @@in_transaction").await.unwrap();
    assert_eq!(open, Some(1), "mysql_async keeps the connection as it was");
    drv.query_drop("ROLLBACK").await.unwrap();
    drop(drv);
    raw_pool.disconnect().await.unwrap();

    // sqlexpr's connections are reset when they come back in a transaction.
    let pool = Pool::new(&format!(
        "{url}?pool_min=1&pool_max=1&reset_connection=false"
    ))
    .unwrap();
    let mut c = pool.get().await.unwrap();
    let id = c.id().unwrap();
    let mut tx = c.begin().await.unwrap();
    tx.execute(&add(1, "dropped with the guard")).await.unwrap();
    drop(tx);
    drop(c);
    let mut c = pool.get().await.unwrap();
    assert_eq!(c.id(), Some(id), "the same connection");
    let open = c
        .fetch_one(&raw("SELECT @@in_transaction AS t"))
        .await
        .unwrap();
    assert_eq!(open.read::<i64>("t").unwrap(), 0);
    assert_eq!(ids(&mut c).await, Vec::<i32>::new());

    // A guard leaked with mem::forget: still rolled back.
    let mut tx = c.begin().await.unwrap();
    tx.execute(&add(2, "leaked")).await.unwrap();
    std::mem::forget(tx);
    drop(c);
    let mut c = pool.get().await.unwrap();
    assert_eq!(c.id(), Some(id));
    let open = c
        .fetch_one(&raw("SELECT @@in_transaction AS t"))
        .await
        .unwrap();
    assert_eq!(open.read::<i64>("t").unwrap(), 0);
    assert_eq!(ids(&mut c).await, Vec::<i32>::new());
    drop(c);
    pool.disconnect().await.unwrap();
    assert_eq!(ids(&mut setup).await, Vec::<i32>::new());
}

#[tokio::test]
async fn a_killed_connection_is_lost_without_a_hang() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    conn.set_echo(Echo::On);
    let (_guard, events) = capture();
    let id = conn.id().unwrap();
    let started = Instant::now();
    let killer = kill_later("", id, Duration::from_millis(300));
    let e = conn.fetch_one(&sleep_query(10)).await.unwrap_err();
    killer.await.unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    match &e {
        Error::ConnectionLost(Some(source)) => {
            assert!(std::error::Error::source(&e).is_some(), "{source}");
        }
        other => panic!("expected ConnectionLost, got {other:?}"),
    }
    let ev = taken(&events);
    assert_eq!(ev.last().unwrap().level, tracing::Level::WARN);
    // The connection is closed: every use says so at once.
    assert!(conn.driver().is_none());
    assert!(matches!(
        conn.execute(&raw("SELECT 1")).await,
        Err(Error::ConnectionLost(None))
    ));
    assert!(matches!(
        conn.begin().await,
        Err(Error::ConnectionLost(None))
    ));
    // A new connection works.
    let mut conn = Connection::connect(&url).await.unwrap();
    let one = conn
        .fetch_one(&select([value(1).label("one")]))
        .await
        .unwrap();
    assert_eq!(one.read::<i32>("one").unwrap(), 1);
}

#[tokio::test]
async fn kill_query_interrupts_and_the_connection_goes_on() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    let id = conn.id().unwrap();
    let started = Instant::now();
    let killer = kill_later("QUERY", id, Duration::from_millis(300));
    let e = conn.fetch_one(&sleep_query(10)).await.unwrap_err();
    killer.await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(matches!(e, Error::Interrupted(_)), "{e:?}");
    assert!(e.to_string().contains("interrupted"), "{e}");
    let one = conn
        .fetch_one(&select([value(1).label("one")]))
        .await
        .unwrap();
    assert_eq!(one.read::<i32>("one").unwrap(), 1);
    assert_eq!(conn.id(), Some(id));
}

#[tokio::test]
async fn the_statement_timeout_stops_a_statement() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
    conn.set_statement_timeout(Some(Duration::from_millis(500)))
        .await
        .unwrap();
    assert_eq!(conn.statement_timeout(), Some(Duration::from_millis(500)));
    let started = Instant::now();
    let e = conn.fetch_one(&sleep_query(5)).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    match &e {
        Error::Timeout {
            kind: TimeoutKind::Statement,
            limit: Some(limit),
            source: Some(mysql_async::Error::Server(s)),
        } => {
            assert_eq!(*limit, Duration::from_millis(500));
            assert_eq!(s.code, 1969);
        }
        other => panic!("expected a statement timeout, got {other:?}"),
    }
    // The connection is still good, and the limit can be lifted.
    let one = conn
        .fetch_one(&select([value(1).label("one")]))
        .await
        .unwrap();
    assert_eq!(one.read::<i32>("one").unwrap(), 1);
    conn.set_statement_timeout(None).await.unwrap();
    let limit = conn
        .fetch_one(&raw("SELECT @@max_statement_time AS t"))
        .await
        .unwrap();
    assert_eq!(limit.read::<f64>("t").unwrap(), 0.0);
    let slept = conn.fetch_one(&sleep_query(1)).await.unwrap();
    assert_eq!(slept.values(), [Value::I32(0)]);

    // A pool sets it on each connection it hands out.
    let mut pool = Pool::new(&url).unwrap();
    pool.set_statement_timeout(Some(Duration::from_millis(300)));
    let mut c = pool.get().await.unwrap();
    let e = c.fetch_one(&sleep_query(5)).await.unwrap_err();
    assert!(
        matches!(
            e,
            Error::Timeout {
                kind: TimeoutKind::Statement,
                ..
            }
        ),
        "{e:?}"
    );
    drop(c);
    pool.disconnect().await.unwrap();
}

/// A TCP proxy to the server that can stop forwarding (a server that stops
/// answering).
struct Proxy {
    port: u16,
    frozen: Arc<AtomicBool>,
}

fn pipe(mut from: TcpStream, mut to: TcpStream, frozen: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        loop {
            match from.read(&mut buf) {
                Ok(0) | Err(_) => {
                    let _ = to.shutdown(std::net::Shutdown::Both);
                    break;
                }
                Ok(n) => {
                    while frozen.load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    if to.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            }
        }
    });
}

fn proxy() -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let frozen = Arc::new(AtomicBool::new(false));
    let f = frozen.clone();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { break };
            let Ok(server) = TcpStream::connect("127.0.0.1:3306") else {
                continue;
            };
            let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) else {
                continue;
            };
            pipe(client, server, f.clone());
            pipe(s2, c2, f.clone());
        }
    });
    Proxy { port, frozen }
}

#[tokio::test]
async fn a_server_that_does_not_answer_is_a_timeout() {
    let Some((_db, url)) = database().await else {
        return;
    };
    // A closed port: refused at once.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let started = Instant::now();
    let e = Connection::connect(&format!(
        "mysql://root@127.0.0.1:{port}/test?connect_timeout=2"
    ))
    .await
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        matches!(e, Error::MySql(mysql_async::Error::Io(_))),
        "{e:?}"
    );
    assert!(e.to_string().contains("refused"), "{e}");

    // A listener that never replies: the connect timeout.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = std::thread::spawn(move || {
        let (sock, _) = silent.accept().unwrap();
        std::thread::sleep(Duration::from_secs(3));
        drop(sock);
    });
    let started = Instant::now();
    let e = Connection::connect(&format!(
        "mysql://root@127.0.0.1:{port}/test?connect_timeout=1"
    ))
    .await
    .unwrap_err();
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(3),
        "{took:?}"
    );
    assert!(
        matches!(
            e,
            Error::Timeout { kind: TimeoutKind::Connect, limit: Some(l), source: None }
                if l == Duration::from_secs(1)
        ),
        "{e:?}"
    );
    held.join().unwrap();

    // A server that stops answering mid-session: the reply timeout.
    let p = proxy();
    let db = url.rsplit('/').next().unwrap().to_owned();
    // Over TCP: mysql_async would otherwise switch to the server's socket.
    let via = format!("mysql://root@127.0.0.1:{}/{db}?prefer_socket=false", p.port);
    let mut conn = Connection::connect(&via).await.unwrap();
    conn.set_reply_timeout(Some(Duration::from_millis(500)));
    let one = conn
        .fetch_one(&select([value(1).label("one")]))
        .await
        .unwrap();
    assert_eq!(one.read::<i32>("one").unwrap(), 1);
    p.frozen.store(true, Ordering::SeqCst);
    let started = Instant::now();
    let e = conn
        .fetch_one(&select([value(2).label("two")]))
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "{took:?}");
    assert!(
        matches!(e, Error::Timeout { kind: TimeoutKind::Reply, limit: Some(l), .. } if l == Duration::from_millis(500)),
        "{e:?}"
    );
    assert!(e.is_connection_lost());
    assert!(matches!(
        conn.execute(&raw("SELECT 1")).await,
        Err(Error::ConnectionLost(None))
    ));

    // Through a pool: the connection that timed out is not handed out again.
    p.frozen.store(false, Ordering::SeqCst);
    let mut pool = Pool::new(&format!("{via}&pool_min=1&pool_max=1")).unwrap();
    pool.set_reply_timeout(Some(Duration::from_millis(500)));
    let mut c = pool.get().await.unwrap();
    let first = c.id().unwrap();
    p.frozen.store(true, Ordering::SeqCst);
    let e = c
        .fetch_one(&select([value(3).label("three")]))
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Timeout {
                kind: TimeoutKind::Reply,
                ..
            }
        ),
        "{e:?}"
    );
    drop(c);
    // While the server does not answer, getting a connection times out.
    pool.set_connect_timeout(Duration::from_millis(700));
    let started = Instant::now();
    let e = pool.get().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(
        matches!(&e, Error::Pool(inner) if matches!(**inner, Error::Timeout { kind: TimeoutKind::Connect, .. })),
        "{e:?}"
    );
    p.frozen.store(false, Ordering::SeqCst);
    pool.set_connect_timeout(Duration::from_secs(5));
    let mut c = pool.get().await.unwrap();
    assert_ne!(c.id(), Some(first));
    let four = c
        .fetch_one(&select([value(4).label("four")]))
        .await
        .unwrap();
    assert_eq!(four.read::<i32>("four").unwrap(), 4);
}

/// A query whose rows come one every `secs` seconds (each larger than the
/// server's network buffer, so that it is sent as soon as it is made).
fn slow_rows(secs: &str) -> Select {
    let seq = Table::builder("seq_1_to_100")
        .column(Column::new("seq", SqlType::BigInteger))
        .build()
        .unwrap();
    // The first row comes at once (OR stops at `seq = 1`).
    select([seq.c("seq"), raw("REPEAT('x', 40000)").label("pad")])
        .select_from(&seq)
        .where_(or_([seq.c("seq").eq(1), raw(format!("SLEEP({secs}) = 0"))]))
}

#[tokio::test]
async fn a_stream_ends_with_the_fault() {
    let Some((_db, url)) = database().await else {
        return;
    };
    // Killed mid-stream: the stream ends with ConnectionLost, and so does
    // every later use of the connection.
    let mut conn = Connection::connect(&url).await.unwrap();
    let id = conn.id().unwrap();
    let mut rows = conn.stream(&slow_rows("0.05")).await.unwrap();
    let first = rows.next().await.unwrap().unwrap();
    assert_eq!(first.read::<i64>("seq").unwrap(), 1);
    let killer = kill_later("", id, Duration::from_millis(200));
    let started = Instant::now();
    let mut got = 1;
    let e = loop {
        match rows.next().await {
            Some(Ok(_)) => got += 1,
            Some(Err(e)) => break e,
            None => panic!("the stream ended without an error after {got} rows"),
        }
    };
    killer.await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(got < 100, "{got}");
    assert!(e.is_connection_lost(), "{e:?}");
    assert!(rows.next().await.is_none(), "the stream is over");
    drop(rows);
    assert!(matches!(
        conn.fetch_all(&select([value(1).label("one")])).await,
        Err(Error::ConnectionLost(None))
    ));
    assert!(conn.driver().is_none());

    // A row that takes longer than the reply timeout: a timeout, and the
    // connection is closed.
    let mut conn = Connection::connect(&url).await.unwrap();
    conn.set_reply_timeout(Some(Duration::from_millis(300)));
    let started = Instant::now();
    let mut rows = conn.stream(&slow_rows("1")).await.unwrap();
    let first = rows.next().await.unwrap().unwrap();
    assert_eq!(first.read::<i64>("seq").unwrap(), 1);
    let e = rows.next().await.unwrap().unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(e, Error::Timeout { kind: TimeoutKind::Reply, limit: Some(l), .. } if l == Duration::from_millis(300)),
        "{e:?}"
    );
    drop(rows);
    assert!(matches!(
        conn.execute(&raw("SELECT 1")).await,
        Err(Error::ConnectionLost(None))
    ));
}

/// Inserts a row and counts `items` through any executor.
async fn add_and_count(db: &mut impl sqlexpr_mysql::Executor, id: i32) -> i64 {
    assert_eq!(db.dialect().flavour(), Flavour::MariaDb);
    assert_eq!(db.execute(&add(id, "x")).await.unwrap(), 1);
    let t = items();
    let n = db
        .fetch_one(&select([func::count_star().label("n")]).select_from(&t))
        .await
        .unwrap()
        .read::<i64>("n")
        .unwrap();
    assert!(db
        .fetch_optional(&select([t.c("id")]).where_(t.c("id").eq(-1)))
        .await
        .unwrap()
        .is_none());
    n
}

#[tokio::test]
async fn one_function_runs_on_a_connection_a_transaction_a_savepoint_and_a_pool() {
    let Some((_db, url)) = database().await else {
        return;
    };
    let mut conn = Connection::connect(&url).await.unwrap();
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
    let pool = Pool::new(&url).unwrap();
    let mut pooled = pool.get().await.unwrap();
    assert_eq!(add_and_count(&mut pooled, 4).await, 3);
    drop(pooled);
    pool.disconnect().await.unwrap();
    assert_eq!(ids(&mut conn).await, [1, 2, 4]);
}
