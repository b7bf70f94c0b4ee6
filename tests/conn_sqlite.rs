//! `sqlexpr_sqlite::Connection` on real SQLite: typed rows, transactions
//! and savepoints (read back from a second connection), read-only
//! transactions, create_all / drop_all, streams of 100,000 rows and of an
//! endless query, echo events, the pool, and the faults (busy, interrupted,
//! timed out, unopenable), each followed by the connection working again.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlexpr::conn::{Echo, IsolationLevel, TxOptions};
use sqlexpr::prelude::*;
use sqlexpr_sqlite::{Connection, Error, SqliteManager, TxBehavior};

/// A database file in the temp directory, removed (with its journal) when
/// dropped.
struct TempDb(PathBuf);

impl TempDb {
    fn new() -> TempDb {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let name = format!("sqlexpr-conn-{}-{n}.db", std::process::id());
        let path = std::env::temp_dir().join(name);
        let _ = std::fs::remove_file(&path);
        TempDb(path)
    }

    fn open(&self) -> Connection {
        Connection::open(&self.0).unwrap()
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

fn items() -> Table {
    Table::builder("items")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::Text).not_null())
        .column(Column::new("active", SqlType::Boolean))
        .column(Column::new("price", SqlType::Numeric(10, 2)))
        .build()
        .unwrap()
}

fn add(t: &Table, id: i32, name: &str) -> sqlexpr::stmt::Insert {
    insert(t).value("id", id).value("name", name)
}

/// The ids in `items`, in order, read on `conn`.
fn ids(conn: &mut Connection, t: &Table) -> Vec<i32> {
    conn.fetch_all(&select([t.c("id")]).select_from(t).order_by([t.c("id")]))
        .unwrap()
        .iter()
        .map(|r| r.read::<i32>("id").unwrap())
        .collect()
}

/// `SELECT n FROM nums` for n = 1, 2, ...: up to `upto`, or without end.
fn counter(upto: Option<i64>) -> Select {
    let nums = Cte::new("nums").columns(["n"]);
    let mut next = select([nums.c("n") + 1]).select_from(&nums);
    if let Some(upto) = upto {
        next = next.where_(nums.c("n").lt(upto));
    }
    let nums = nums.as_(select([value(1)]).union_all(next));
    select([nums.c("n")])
        .select_from(&nums)
        .with_recursive(nums)
}

/// A query that runs for minutes: counts a trillion rows.
fn long_query() -> Select {
    let nums = Cte::new("nums").columns(["n"]);
    let next = select([nums.c("n") + 1])
        .select_from(&nums)
        .where_(nums.c("n").lt(1_000_000_000_000i64));
    let nums = nums.as_(select([value(1)]).union_all(next));
    select([func::count(nums.c("n")).label("c")])
        .select_from(&nums)
        .with_recursive(nums)
}

fn one(conn: &mut Connection) -> i64 {
    conn.fetch_one(&select([value(1).label("one")]))
        .unwrap()
        .read::<i64>("one")
        .unwrap()
}

sqlexpr::from_row! {
    #[derive(Debug, PartialEq)]
    struct Item {
        id: i32,
        name: String,
        active: Option<bool>,
    }
}

#[test]
fn rows_come_back_typed_by_the_statement() {
    let t = items();
    let mut conn = Connection::open_in_memory().unwrap();
    assert_eq!(
        conn.dialect().version().0,
        3,
        "the dialect is the library's"
    );
    conn.execute(&create_table(&t)).unwrap();
    let n = conn
        .execute(&add(&t, 1, "pen").value("active", true).value("price", 12.5))
        .unwrap();
    assert_eq!(n, 1);
    conn.execute(&add(&t, 2, "ink")).unwrap();

    let rows = conn
        .fetch_all(&select([t.c("id"), t.c("name"), t.c("active"), t.c("price")]).select_from(&t))
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].names(), ["id", "name", "active", "price"]);
    assert_eq!(
        rows[0].values(),
        [
            Value::I32(1),
            Value::from("pen"),
            Value::Bool(true),
            Value::Decimal("12.50".parse().unwrap()),
        ]
    );
    assert_eq!(
        rows[1].values(),
        [Value::I32(2), Value::from("ink"), Value::Null, Value::Null]
    );

    let q = select([t.c("id"), t.c("name"), t.c("active")])
        .select_from(&t)
        .order_by([t.c("id")]);
    let all: Vec<Item> = conn.fetch_all_as(&q).unwrap();
    assert_eq!(
        all,
        [
            Item {
                id: 1,
                name: "pen".into(),
                active: Some(true)
            },
            Item {
                id: 2,
                name: "ink".into(),
                active: None
            },
        ]
    );
    let first: Item = conn.fetch_one_as(&q).unwrap();
    assert_eq!(first.id, 1);

    let none = select([t.c("id")]).select_from(&t).where_(t.c("id").eq(99));
    assert_eq!(conn.fetch_optional(&none).unwrap(), None);
    assert!(matches!(conn.fetch_one(&none), Err(Error::NoRows)));

    // RETURNING: typed by the RETURNING list; execute counts its rows.
    let ret = conn
        .fetch_all(&add(&t, 3, "cap").returning([t.c("id"), t.c("active")]))
        .unwrap();
    assert_eq!(ret[0].values(), [Value::I32(3), Value::Null]);
    let n = conn
        .execute(&update(&t).set("active", false).returning([t.c("id")]))
        .unwrap();
    assert_eq!(n, 3);

    // A statement compiled once and bound per call.
    let c = conn
        .compile(
            &select([t.c("name")])
                .select_from(&t)
                .where_(t.c("id").eq(bind("id"))),
        )
        .unwrap();
    let types = [Some(SqlType::Text)];
    let rows = conn
        .fetch_all_compiled(&c.with_params([("id", Value::from(2))]).unwrap(), &types)
        .unwrap();
    assert_eq!(rows[0].values(), [Value::from("ink")]);
    let del = conn
        .compile(&delete(&t).where_(t.c("id").eq(bind("id"))))
        .unwrap();
    assert!(matches!(
        conn.execute_compiled(&del),
        Err(Error::Compile(sqlexpr::Error::MissingParam { .. }))
    ));
    let n = conn
        .execute_compiled(&del.with_params([("id", Value::from(3))]).unwrap())
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(ids(&mut conn, &t), [1, 2]);
}

#[test]
fn commit_persists_rollback_and_drop_roll_back() {
    let db = TempDb::new();
    let t = items();
    let mut conn = db.open();
    let mut other = db.open();
    conn.execute(&create_table(&t)).unwrap();

    let mut tx = conn.begin().unwrap();
    tx.execute(&add(&t, 1, "a")).unwrap();
    assert_eq!(tx.depth(), 0);
    tx.commit().unwrap();
    assert!(!conn.in_transaction());
    assert_eq!(ids(&mut other, &t), [1]);

    let mut tx = conn.begin().unwrap();
    tx.execute(&add(&t, 2, "b")).unwrap();
    tx.rollback().unwrap();
    assert_eq!(ids(&mut other, &t), [1]);

    {
        let mut tx = conn.begin().unwrap();
        tx.execute(&add(&t, 3, "c")).unwrap();
        // The transaction sees its own row, the other connection does not.
        assert_eq!(
            tx.fetch_all(&select([t.c("id")]).select_from(&t))
                .unwrap()
                .len(),
            2
        );
        assert_eq!(ids(&mut other, &t), [1]);
    } // dropped: rolled back
    assert!(!conn.in_transaction());
    assert_eq!(ids(&mut other, &t), [1]);
    assert_eq!(ids(&mut conn, &t), [1]);
}

#[test]
fn savepoints_nest_and_roll_back_only_their_part() {
    let db = TempDb::new();
    let t = items();
    let mut conn = db.open();
    let mut other = db.open();
    conn.execute(&create_table(&t)).unwrap();

    let mut tx = conn.begin().unwrap();
    tx.execute(&add(&t, 1, "a")).unwrap();
    {
        let mut sp1 = tx.savepoint().unwrap();
        assert_eq!(sp1.depth(), 1);
        sp1.execute(&add(&t, 2, "b")).unwrap();
        {
            let mut sp2 = sp1.savepoint().unwrap();
            sp2.execute(&add(&t, 3, "c")).unwrap();
            let mut sp3 = sp2.savepoint().unwrap();
            assert_eq!(sp3.depth(), 3);
            sp3.execute(&add(&t, 4, "d")).unwrap();
            sp3.commit().unwrap(); // released into sp2
            sp2.rollback().unwrap(); // 3 and 4 gone
        }
        {
            let mut sp2 = sp1.savepoint().unwrap();
            sp2.execute(&add(&t, 5, "e")).unwrap();
            // dropped: rolled back
        }
        let mut sp2 = sp1.savepoint().unwrap();
        sp2.execute(&add(&t, 6, "f")).unwrap();
        sp2.commit().unwrap();
        sp1.commit().unwrap();
    }
    assert_eq!(
        tx.fetch_all(&select([t.c("id")]).select_from(&t).order_by([t.c("id")]))
            .unwrap()
            .len(),
        3
    );
    assert_eq!(ids(&mut other, &t), Vec::<i32>::new(), "not committed yet");
    tx.commit().unwrap();
    assert_eq!(ids(&mut other, &t), [1, 2, 6]);

    // A transaction dropped with savepoints released into it rolls all back.
    {
        let mut tx = conn.begin().unwrap();
        let mut sp = tx.savepoint().unwrap();
        sp.execute(&add(&t, 7, "g")).unwrap();
        sp.commit().unwrap();
    }
    assert_eq!(ids(&mut other, &t), [1, 2, 6]);
}

#[test]
fn isolation_levels_run_serializably_and_read_only_refuses_writes() {
    let t = items();
    let mut conn = Connection::open_in_memory().unwrap();
    conn.execute(&create_table(&t)).unwrap();
    let pragma = |conn: &sqlexpr_sqlite::rusqlite::Connection, name: &str| -> i64 {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    };

    for level in [
        IsolationLevel::ReadUncommitted,
        IsolationLevel::ReadCommitted,
        IsolationLevel::RepeatableRead,
        IsolationLevel::Serializable,
    ] {
        let mut tx = conn.begin_with(TxOptions::new().isolation(level)).unwrap();
        // SQLite reads uncommitted data only with read_uncommitted in a
        // shared cache; it is off: serializable.
        assert_eq!(pragma(tx.driver(), "read_uncommitted"), 0);
        tx.execute(&add(&t, 1, "a")).unwrap();
        tx.rollback().unwrap();
    }

    let mut tx = conn.begin_with(TxOptions::new().read_only(true)).unwrap();
    assert_eq!(pragma(tx.driver(), "query_only"), 1);
    assert_eq!(
        tx.fetch_all(&select([t.c("id")]).select_from(&t))
            .unwrap()
            .len(),
        0
    );
    let err = tx.execute(&add(&t, 1, "a")).unwrap_err();
    assert!(
        err.to_string().contains("readonly") || err.to_string().contains("read-only"),
        "{err}"
    );
    tx.commit().unwrap();
    assert_eq!(pragma(conn.driver(), "query_only"), 0, "restored by commit");
    conn.execute(&add(&t, 1, "a")).unwrap();

    for end in ["rollback", "drop"] {
        let mut tx = conn.begin_with(TxOptions::new().read_only(true)).unwrap();
        assert!(tx.execute(&add(&t, 2, "b")).is_err());
        let mut sp = tx.savepoint().unwrap();
        assert!(
            sp.execute(&add(&t, 2, "b")).is_err(),
            "read-only in savepoints"
        );
        sp.rollback().unwrap();
        if end == "rollback" {
            tx.rollback().unwrap();
        } else {
            drop(tx);
        }
        assert_eq!(pragma(conn.driver(), "query_only"), 0, "restored by {end}");
    }
    conn.execute(&add(&t, 2, "b")).unwrap();
    assert_eq!(ids(&mut conn, &t), [1, 2]);
}

#[test]
fn immediate_transactions_take_the_write_lock_and_busy_is_an_error() {
    let db = TempDb::new();
    let t = items();
    let mut a = db.open();
    let mut b = db.open();
    a.execute(&create_table(&t)).unwrap();
    b.set_busy_timeout(Duration::from_millis(150)).unwrap();

    let mut tx = a
        .begin_with_behavior(TxBehavior::Immediate, TxOptions::new())
        .unwrap();
    let started = Instant::now();
    let err = b.execute(&add(&t, 1, "b")).unwrap_err();
    let waited = started.elapsed();
    assert!(matches!(err, Error::Busy(_)), "{err:?}");
    assert!(err.to_string().contains("locked"), "{err}");
    assert!(waited >= Duration::from_millis(140), "waited {waited:?}");
    assert!(waited < Duration::from_secs(4), "waited {waited:?}");
    // Reading is still allowed while `a` only holds the write lock.
    assert_eq!(ids(&mut b, &t), Vec::<i32>::new());
    let err = b
        .begin_with_behavior(TxBehavior::Exclusive, TxOptions::new())
        .unwrap_err();
    assert!(matches!(err, Error::Busy(_)), "{err:?}");
    assert!(!b.in_transaction());

    tx.execute(&add(&t, 1, "a")).unwrap();
    tx.commit().unwrap();
    // The lock is gone: `b` works again.
    b.execute(&add(&t, 2, "b")).unwrap();
    assert_eq!(ids(&mut a, &t), [1, 2]);
}

#[test]
fn create_all_and_drop_all_run_on_the_connection_all_or_nothing() {
    let mut meta = MetaData::new();
    let _users = meta
        .add(
            Table::builder("users")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .build()
                .unwrap(),
        )
        .unwrap();
    meta.add(
        Table::builder("posts")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("user_id", SqlType::Integer).references("users", "id"))
            .build()
            .unwrap(),
    )
    .unwrap();
    let tables = |conn: &sqlexpr_sqlite::rusqlite::Connection| -> Vec<String> {
        let mut st = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };

    let mut conn = Connection::open_in_memory().unwrap();
    conn.create_all(&meta).unwrap();
    assert_eq!(tables(conn.driver()), ["posts", "users"]);
    conn.drop_all(&meta).unwrap();
    assert_eq!(tables(conn.driver()), Vec::<String>::new());

    // posts exists already: users is created first, then posts fails, and
    // users is rolled back with it.
    conn.driver()
        .execute_batch("CREATE TABLE posts (x INTEGER)")
        .unwrap();
    let err = conn.create_all(&meta).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(tables(conn.driver()), ["posts"]);
    assert!(!conn.in_transaction());
    conn.driver().execute_batch("DROP TABLE posts").unwrap();

    // In a transaction: rolled back with it.
    let mut tx = conn.begin().unwrap();
    tx.create_all(&meta).unwrap();
    assert_eq!(tables(tx.driver()), ["posts", "users"]);
    tx.rollback().unwrap();
    assert_eq!(tables(conn.driver()), Vec::<String>::new());
}

#[test]
fn a_stream_reads_100000_rows_one_at_a_time() {
    let t = Table::builder("big")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("even", SqlType::Boolean).not_null())
        .build()
        .unwrap();
    let mut conn = Connection::open_in_memory().unwrap();
    conn.execute(&create_table(&t)).unwrap();
    conn.driver()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
             INSERT INTO big SELECT i, i % 2 = 0 FROM n",
        )
        .unwrap();
    let q = select([t.c("id"), t.c("even")])
        .select_from(&t)
        .order_by([t.c("id")]);

    // As an iterator.
    let mut stream = conn.stream(&q).unwrap();
    let (mut count, mut sum, mut evens) = (0u64, 0i64, 0u64);
    for row in &mut stream {
        let row = row.unwrap();
        count += 1;
        sum += i64::from(row.read::<i32>("id").unwrap());
        if row.read::<bool>("even").unwrap() {
            evens += 1;
        }
    }
    assert_eq!((count, sum, evens), (100_000, 5_000_050_000, 50_000));
    assert_eq!(stream.rows_read(), 100_000);
    assert_eq!(stream.iter().count(), 0, "the rows are read once");
    drop(stream);

    // With a callback, on the stream and on the connection.
    let mut last = 0;
    let n = conn
        .stream(&q)
        .unwrap()
        .for_each(|row| {
            let id = row.read::<i32>("id").unwrap();
            assert_eq!(id, last + 1);
            last = id;
            Ok(())
        })
        .unwrap();
    assert_eq!((n, last), (100_000, 100_000));
    let mut seen = 0;
    let err = conn
        .for_each(&q, |_| {
            seen += 1;
            if seen == 10 {
                Err(Error::NoRows)
            } else {
                Ok(())
            }
        })
        .unwrap_err();
    assert!(matches!(err, Error::NoRows));
    assert_eq!(seen, 10);

    // In a transaction.
    let mut tx = conn.begin().unwrap();
    let n = tx.stream(&q).unwrap().for_each(|_| Ok(())).unwrap();
    assert_eq!(n, 100_000);
    tx.commit().unwrap();
}

#[test]
fn a_stream_of_an_endless_query_stops_when_dropped() {
    // Collecting this result would never end: the stream reads only the
    // rows asked for.
    let mut conn = Connection::open_in_memory().unwrap();
    let mut stream = conn.stream(&counter(None)).unwrap();
    let firsts: Vec<i64> = stream
        .iter()
        .take(100_000)
        .map(|r| r.unwrap().read::<i64>("n").unwrap())
        .collect();
    assert_eq!(firsts.len(), 100_000);
    assert_eq!(firsts.last(), Some(&100_000));
    drop(stream);
    assert_eq!(one(&mut conn), 1);
}

/// The events of target `sqlexpr::echo`, each as its fields and level.
#[derive(Clone, Default)]
struct Events(Arc<Mutex<Vec<BTreeMap<String, String>>>>);

impl Events {
    fn take(&self) -> Vec<BTreeMap<String, String>> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl tracing::Subscriber for Events {
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
        fields.insert("level".to_owned(), e.metadata().level().to_string());
        e.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(fields);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

fn field<'a>(e: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    e.get(name).map(String::as_str).unwrap_or("<missing>")
}

#[test]
fn echo_logs_every_statement_with_sql_params_and_redaction() {
    let events = Events::default();
    let _guard = tracing::subscriber::set_default(events.clone());
    let t = items();
    let mut conn = Connection::open_in_memory().unwrap();
    conn.execute(&create_table(&t)).unwrap();
    assert!(events.take().is_empty(), "echo is off by default");

    conn.set_echo(Echo::On);
    assert_eq!(conn.echo(), Echo::On);
    conn.execute(&add(&t, 1, "secret")).unwrap();
    let e = events.take();
    assert_eq!(e.len(), 1);
    assert_eq!(field(&e[0], "level"), "INFO");
    assert_eq!(field(&e[0], "engine"), "sqlite");
    assert_eq!(
        field(&e[0], "sql"),
        r#"INSERT INTO "items" ("id", "name") VALUES (?, ?)"#
    );
    assert_eq!(field(&e[0], "params"), r#"[1, "secret"]"#);
    assert_eq!(field(&e[0], "rows"), "1");
    assert!(field(&e[0], "elapsed_us").parse::<u64>().is_ok());

    conn.set_echo(Echo::Redacted);
    let q = select([t.c("name")])
        .select_from(&t)
        .where_(t.c("name").eq("secret"));
    conn.fetch_all(&q).unwrap();
    let e = events.take();
    assert_eq!(field(&e[0], "params"), "[text]");
    assert_eq!(field(&e[0], "rows"), "1");
    assert!(!format!("{e:?}").contains("secret\""), "{e:?}");

    // A failure is a WARN event with the error.
    conn.set_echo(Echo::On);
    assert!(conn.execute(&add(&t, 1, "dup")).is_err());
    let e = events.take();
    assert_eq!(field(&e[0], "level"), "WARN");
    assert!(field(&e[0], "error").contains("UNIQUE"), "{e:?}");

    // Transactions, savepoints and streams too.
    let mut tx = conn.begin().unwrap();
    let mut sp = tx.savepoint().unwrap();
    sp.stream(&q).unwrap().for_each(|_| Ok(())).unwrap();
    drop(sp);
    tx.commit().unwrap();
    let e = events.take();
    assert_eq!(field(&e[2], "rows"), "1", "a stream read to its end: {e:?}");
    let sqls: Vec<String> = e.iter().map(|e| field(e, "sql").to_owned()).collect();
    assert_eq!(
        sqls,
        [
            "BEGIN DEFERRED",
            "SAVEPOINT sqlexpr_sp_1",
            r#"SELECT "items"."name" FROM "items" WHERE "items"."name" = ?"#,
            "ROLLBACK TO sqlexpr_sp_1; RELEASE sqlexpr_sp_1",
            "COMMIT",
        ]
    );

    // A stream dropped before its end: logged when dropped, rows unknown.
    conn.execute(&add(&t, 2, "b")).unwrap();
    events.take();
    let mut stream = conn.stream(&select([t.c("id")]).select_from(&t)).unwrap();
    assert!(stream.iter().next().is_some());
    assert!(events.take().is_empty(), "not before it ends");
    drop(stream);
    let e = events.take();
    assert_eq!(e.len(), 1);
    assert_eq!(field(&e[0], "rows"), "<missing>");
    assert_eq!(field(&e[0], "sql"), r#"SELECT "items"."id" FROM "items""#);

    conn.set_echo(Echo::Off);
    conn.execute(&add(&t, 3, "c")).unwrap();
    assert!(events.take().is_empty());
}

#[test]
fn interrupted_from_another_thread_then_usable() {
    let mut conn = Connection::open_in_memory().unwrap();
    let handle = conn.interrupt_handle();
    let done = Arc::new(AtomicBool::new(false));
    let stopper = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            // Interrupting before the query starts does nothing: repeat.
            while !done.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(50));
                handle.interrupt();
            }
        })
    };
    let started = Instant::now();
    let err = conn.fetch_one(&long_query()).unwrap_err();
    done.store(true, Ordering::SeqCst);
    stopper.join().unwrap();
    assert!(matches!(err, Error::Interrupted(_)), "{err:?}");
    assert!(err.to_string().contains("interrupted"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(one(&mut conn), 1);
}

#[test]
fn statement_timeout_stops_a_long_query_then_usable() {
    let mut conn = Connection::open_in_memory().unwrap();
    let limit = Duration::from_millis(200);
    conn.set_statement_timeout(Some(limit)).unwrap();
    assert_eq!(conn.statement_timeout(), Some(limit));

    let started = Instant::now();
    let err = conn.fetch_one(&long_query()).unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(err, Error::Timeout { limit: l } if l == limit),
        "{err:?}"
    );
    assert!(err.to_string().contains("200 ms"), "{err}");
    assert!(took >= limit && took < Duration::from_secs(5), "{took:?}");

    // Short statements run under the limit; a stream is stopped too.
    assert_eq!(one(&mut conn), 1);
    let mut stream = conn.stream(&counter(None)).unwrap();
    let last = stream.iter().find_map(Result::err);
    assert!(matches!(last, Some(Error::Timeout { .. })), "{last:?}");
    drop(stream);
    assert_eq!(one(&mut conn), 1);

    // In a transaction: the transaction ends cleanly after it.
    let mut tx = conn.begin().unwrap();
    assert!(matches!(
        tx.fetch_one(&long_query()),
        Err(Error::Timeout { .. })
    ));
    tx.rollback().unwrap();
    assert!(!conn.in_transaction());

    conn.set_statement_timeout(None).unwrap();
    assert_eq!(conn.statement_timeout(), None);
    let n = conn.for_each(&counter(Some(300_000)), |_| Ok(())).unwrap();
    assert_eq!(n, 300_000);
}

#[test]
fn opening_what_cannot_be_opened_is_a_clear_error() {
    let missing = std::env::temp_dir().join("sqlexpr-no-such-dir-4b1f/sub/db.sqlite");
    let err = Connection::open(&missing).unwrap_err();
    assert!(matches!(err, Error::Open { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("sqlexpr-no-such-dir-4b1f"), "{msg}");
    assert!(msg.contains("does not exist"), "{msg}");
    assert!(std::error::Error::source(&err).is_some());

    for url in ["postgres://x", "sqlite:", "sqlite://", "sqlite://?mode=ro"] {
        let err = Connection::open_url(url).unwrap_err();
        assert!(matches!(err, Error::Url { .. }), "{url}: {err:?}");
    }
    let err = Connection::open_url(&format!("sqlite://{}", missing.display())).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    // A pool on it fails at once with the same error, not after r2d2's
    // 30 seconds of retries.
    let started = std::time::Instant::now();
    let err = sqlexpr_sqlite::SqliteManager::file(&missing)
        .pool()
        .unwrap_err();
    assert!(matches!(err, Error::Open { .. }), "{err:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));

    // What can be opened opens.
    assert_eq!(
        one(&mut Connection::open_url("sqlite::memory:").unwrap()),
        1
    );
    let db = TempDb::new();
    let abs = format!("sqlite://{}", db.0.display());
    assert!(abs.starts_with("sqlite:///"));
    let t = items();
    let mut conn = Connection::connect(&abs).unwrap();
    conn.execute(&create_table(&t)).unwrap();
    conn.execute(&add(&t, 1, "a")).unwrap();
    assert_eq!(ids(&mut db.open(), &t), [1]);
    // A query string is read as URI parameters: read-only here.
    let mut ro = Connection::open_url(&format!("{abs}?mode=ro")).unwrap();
    assert_eq!(ids(&mut ro, &t), [1]);
    assert!(ro.execute(&add(&t, 2, "b")).is_err());

    // A relative path is relative to the working directory.
    let rel = format!("target/sqlexpr-conn-{}.db", std::process::id());
    let _cleanup = TempDb(PathBuf::from(&rel));
    let mut conn = Connection::open_url(&format!("sqlite://{rel}")).unwrap();
    conn.execute(&create_table(&t)).unwrap();
    assert!(std::path::Path::new(&rel).exists());
}

#[test]
fn the_pool_shares_an_in_memory_database_and_reuses_connections() {
    let t = items();
    let pool = sqlexpr_sqlite::r2d2::Pool::builder()
        .max_size(2)
        .build(SqliteManager::memory().unwrap())
        .unwrap();
    let mut a = pool.get().unwrap();
    let mut b = pool.get().unwrap();
    a.execute(&create_table(&t)).unwrap();
    a.execute(&add(&t, 1, "a")).unwrap();
    assert_eq!(ids(&mut b, &t), [1], "one database for the pool");
    drop((a, b));

    // Another pool's memory database is another database.
    let other = SqliteManager::memory().unwrap().pool().unwrap();
    assert!(other
        .get()
        .unwrap()
        .fetch_all(&select([t.c("id")]).select_from(&t))
        .is_err());

    // One connection: the next user gets the same one back.
    let pool = sqlexpr_sqlite::r2d2::Pool::builder()
        .max_size(1)
        .connection_timeout(Duration::from_millis(200))
        .build(SqliteManager::memory().unwrap())
        .unwrap();
    let mut c = pool.get().unwrap();
    c.driver()
        .execute_batch("CREATE TEMP TABLE mark (x INTEGER)")
        .unwrap();
    c.execute(&create_table(&t)).unwrap();
    // While it is out, the pool has none to hand out.
    let err = Error::from(pool.get().unwrap_err());
    assert!(matches!(err, Error::Pool(_)), "{err:?}");
    drop(c);
    let mut c = pool.get().unwrap();
    assert!(
        c.driver().prepare("SELECT x FROM temp.mark").is_ok(),
        "the same connection, reused"
    );

    // A transaction dropped on a pooled connection has rolled back before
    // the next user.
    {
        let mut tx = c.begin().unwrap();
        tx.execute(&add(&t, 1, "a")).unwrap();
    }
    drop(c);
    let mut c = pool.get().unwrap();
    assert!(!c.in_transaction());
    assert!(
        c.driver().prepare("SELECT x FROM temp.mark").is_ok(),
        "the same connection: the guard rolled back, the pool had nothing to discard"
    );
    assert_eq!(ids(&mut c, &t), Vec::<i32>::new());

    // One left in a transaction begun by hand is broken: closed, and the
    // next user gets a new connection (no temp table) with no transaction.
    c.driver().execute_batch("BEGIN").unwrap();
    c.execute(&add(&t, 2, "b")).unwrap();
    drop(c);
    let mut c = pool.get().unwrap();
    assert!(!c.in_transaction());
    assert!(c.driver().prepare("SELECT x FROM temp.mark").is_err());
    assert_eq!(ids(&mut c, &t), Vec::<i32>::new());
}

#[test]
fn pool_echo_timeouts_and_recovery() {
    let db = TempDb::new();
    let t = items();
    let events = Events::default();
    let _guard = tracing::subscriber::set_default(events.clone());
    let pool = sqlexpr_sqlite::r2d2::Pool::builder()
        .max_size(2)
        .build(
            SqliteManager::url(&format!("sqlite://{}", db.0.display()))
                .unwrap()
                .echo(Echo::Redacted)
                .busy_timeout(Duration::from_millis(100))
                .statement_timeout(Some(Duration::from_millis(150))),
        )
        .unwrap();
    let mut c = pool.get().unwrap();
    assert_eq!(c.echo(), Echo::Redacted);
    assert_eq!(c.statement_timeout(), Some(Duration::from_millis(150)));
    c.execute(&create_table(&t)).unwrap();
    c.execute(&add(&t, 1, "a")).unwrap();
    let e = events.take();
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!(field(&e[1], "params"), "[i32, text]");

    // A statement stopped by the timeout; the connection goes back and is
    // handed out again, working.
    assert!(matches!(
        c.fetch_one(&long_query()),
        Err(Error::Timeout { .. })
    ));
    drop(c);
    let mut c = pool.get().unwrap();
    assert_eq!(ids(&mut c, &t), [1]);

    // Busy between two pooled connections, then both work.
    let mut d = pool.get().unwrap();
    let tx = c
        .begin_with_behavior(TxBehavior::Immediate, TxOptions::new())
        .unwrap();
    assert!(matches!(d.execute(&add(&t, 2, "b")), Err(Error::Busy(_))));
    tx.commit().unwrap();
    d.execute(&add(&t, 2, "b")).unwrap();
    assert_eq!(ids(&mut c, &t), [1, 2]);
}

#[test]
fn a_commit_that_fails_rolls_back_and_leaves_no_transaction() {
    let db = TempDb::new();
    let t = items();
    let mut a = db.open();
    let mut b = db.open();
    a.execute(&create_table(&t)).unwrap();
    a.execute(&add(&t, 1, "a")).unwrap();
    a.set_busy_timeout(Duration::from_millis(100)).unwrap();

    let mut tx = a.begin().unwrap();
    tx.execute(&add(&t, 2, "b")).unwrap();
    // `b` holds a read lock while its stream is open: the commit cannot
    // take the exclusive lock it needs.
    let mut reading = b.stream(&select([t.c("id")]).select_from(&t)).unwrap();
    let mut rows = reading.iter();
    assert!(rows.next().is_some());
    let err = tx.commit().unwrap_err();
    assert!(matches!(err, Error::Busy(_)), "{err:?}");
    assert!(!a.in_transaction(), "rolled back");
    drop(rows);
    drop(reading);
    assert_eq!(ids(&mut b, &t), [1]);
    a.execute(&add(&t, 3, "c")).unwrap();
    assert_eq!(ids(&mut b, &t), [1, 3]);
}

#[test]
fn a_write_stopped_by_the_timeout_in_a_transaction_ends_it_cleanly() {
    let t = Table::builder("nums")
        .column(Column::new("n", SqlType::BigInteger))
        .build()
        .unwrap();
    let mut conn = Connection::open_in_memory().unwrap();
    conn.execute(&create_table(&t)).unwrap();
    conn.set_statement_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let endless = insert(&t).from_select(["n"], counter(None));

    let mut tx = conn.begin().unwrap();
    tx.execute(&insert(&t).value("n", 1)).unwrap();
    let err = tx.execute(&endless).unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    // SQLite has rolled the whole transaction back by itself: nothing more
    // runs in it (not outside it either), and it cannot commit.
    assert!(matches!(
        tx.execute(&insert(&t).value("n", 3)),
        Err(Error::TransactionAborted)
    ));
    assert!(matches!(tx.savepoint(), Err(Error::TransactionAborted)));
    let err = tx.commit().unwrap_err();
    assert!(matches!(err, Error::TransactionAborted), "{err:?}");
    assert!(err.to_string().contains("already rolled back"), "{err}");
    assert!(!conn.in_transaction());
    let mut tx = conn.begin().unwrap();
    assert!(matches!(tx.execute(&endless), Err(Error::Timeout { .. })));
    drop(tx);
    assert!(!conn.in_transaction());
    let n = conn
        .fetch_one(&select([func::count(t.c("n")).label("c")]).select_from(&t))
        .unwrap();
    assert_eq!(n.read::<i64>("c").unwrap(), 0, "the first insert is gone");
    conn.execute(&insert(&t).value("n", 2)).unwrap();
}
