//! Executions are logged as `tracing` DEBUG events under the target
//! `sqlexpr::sqlite` (SQL, params, elapsed time) when a subscriber takes
//! them, and cost no clock read when none does.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rusqlite::Connection;
use sqlexpr::prelude::*;
use sqlexpr_sqlite::SqliteExt;
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Counts the events it is given; takes `sqlexpr::sqlite` DEBUG events only
/// when `on`.
struct Counter {
    on: bool,
    events: Arc<AtomicUsize>,
}

impl Subscriber for Counter {
    fn enabled(&self, m: &Metadata<'_>) -> bool {
        self.on && m.target() == "sqlexpr::sqlite" && *m.level() == tracing::Level::DEBUG
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

fn run(on: bool) -> usize {
    let events = Arc::new(AtomicUsize::new(0));
    let sub = Counter {
        on,
        events: events.clone(),
    };
    tracing::subscriber::with_default(sub, || {
        let conn = Connection::open_in_memory().unwrap();
        let t = Table::builder("t")
            .column(Column::new("a", SqlType::Integer))
            .build()
            .unwrap();
        conn.exec(&create_table(&t)).unwrap();
        conn.exec(&insert(&t).value("a", 1)).unwrap();
        let n: i64 = conn.fetch_one(&select([t.c("a")]), |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    });
    events.load(Ordering::SeqCst)
}

#[test]
fn executions_are_logged_when_a_subscriber_takes_them() {
    assert_eq!(run(true), 3);
    assert_eq!(run(false), 0);
}
