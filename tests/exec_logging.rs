//! Each executor logs an execution as a `tracing` DEBUG event under its
//! target (`sqlexpr::sqlite`, `sqlexpr::postgres`, `sqlexpr::mysql`) with
//! the SQL, the params and the elapsed time when a subscriber takes them,
//! and logs nothing (reading no clock) when none does.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::servers;
use sqlexpr::prelude::*;
use sqlexpr_mysql::MySqlExt;
use sqlexpr_postgres::PgExt;
use sqlexpr_sqlite::SqliteExt;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Counts the events of `target`; takes them at DEBUG only when `on`.
struct Counter {
    target: &'static str,
    on: bool,
    events: Arc<AtomicUsize>,
}

impl Subscriber for Counter {
    fn enabled(&self, m: &Metadata<'_>) -> bool {
        self.on && m.target() == self.target && *m.level() == tracing::Level::DEBUG
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, e: &Event<'_>) {
        let names: Vec<&str> = e.fields().map(|f| f.name()).collect();
        assert_eq!(names, ["message", "sql", "params", "elapsed_us"]);
        self.events.fetch_add(1, Ordering::SeqCst);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// A subscriber for `target` (on this thread until the guard drops) and its
/// event count.
fn counting(
    target: &'static str,
    on: bool,
) -> (tracing::subscriber::DefaultGuard, Arc<AtomicUsize>) {
    let events = Arc::new(AtomicUsize::new(0));
    let sub = Counter {
        target,
        on,
        events: events.clone(),
    };
    (tracing::subscriber::set_default(sub), events)
}

fn query() -> Select {
    select([value(1).label("one")])
}

#[test]
fn sqlite_executions_are_logged() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    for (on, want) in [(true, 2), (false, 0)] {
        let (_guard, events) = counting("sqlexpr::sqlite", on);
        conn.exec(&query()).unwrap();
        let n: i64 = conn.fetch_one(&query(), |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        assert_eq!(events.load(Ordering::SeqCst), want, "on: {on}");
    }
}

#[tokio::test]
async fn postgres_executions_are_logged() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    for (on, want) in [(true, 2), (false, 0)] {
        let (_guard, events) = counting("sqlexpr::postgres", on);
        db.client.exec(&query()).await.unwrap();
        db.client.fetch_one(&query()).await.unwrap();
        assert_eq!(events.load(Ordering::SeqCst), want, "on: {on}");
    }
}

#[tokio::test]
async fn mysql_executions_are_logged() {
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    for (on, want) in [(true, 2), (false, 0)] {
        let (_guard, events) = counting("sqlexpr::mysql", on);
        db.conn.execute(&query()).await.unwrap();
        db.conn.fetch_one(&query()).await.unwrap();
        assert_eq!(events.load(Ordering::SeqCst), want, "on: {on}");
    }
}
