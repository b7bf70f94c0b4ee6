//! The blog schema created with create_all on in-memory SQLite, and DML run
//! on it: rows, rows affected, RETURNING rows, upserts, UPDATE ... FROM,
//! DELETE with other tables, batches.
mod common;
mod dml_schema;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use common::*;
use rusqlite::Connection;
use sqlexpr::prelude::*;
use sqlexpr_sqlite::{Sqlite, SqliteExt};

struct Blog {
    conn: Connection,
    md: MetaData,
}

impl Blog {
    fn t(&self, name: &str) -> Table {
        self.md.table(name).unwrap().clone()
    }
}

fn blog() -> Blog {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let md = dml_schema::blog();
    let stmts = md.create_all(&Sqlite::new()).unwrap();
    assert_eq!(stmts.len(), 6);
    for s in &stmts {
        conn.exec(s).unwrap();
    }
    let users = md.table("users").unwrap();
    let posts = md.table("posts").unwrap();
    conn.exec(
        &insert(users)
            .row([("name", "ann")])
            .row([("name", "bob")])
            .row([("name", "cy")]),
    )
    .unwrap();
    conn.exec(
        &insert(posts)
            .row([("user_id", Expr::from(1)), ("title", "a1".into())])
            .row([("user_id", Expr::from(1)), ("title", "a2".into())])
            .row([("user_id", Expr::from(2)), ("title", "b1".into())]),
    )
    .unwrap();
    Blog { conn, md }
}

#[test]
fn create_all_then_insert_applies_server_and_client_defaults() {
    let b = blog();
    let users = b.t("users");
    let posts = b.t("posts");
    assert_eq!(
        sqlite_rows(
            &b.conn,
            &select([users.c("id"), users.c("name"), users.c("role")]).order_by([users.c("id")])
        ),
        vec![
            vec![int(1), text("ann"), text("reader")],
            vec![int(2), text("bob"), text("reader")],
            vec![int(3), text("cy"), text("reader")],
        ]
    );
    assert_eq!(
        sqlite_rows(
            &b.conn,
            &select([posts.c("title"), posts.c("published"), posts.c("views")])
                .order_by([posts.c("id")])
        ),
        vec![
            vec![text("a1"), int(0), int(0)],
            vec![text("a2"), int(0), int(0)],
            vec![text("b1"), int(0), int(0)],
        ]
    );
    // The enum CHECK and the named CHECK hold.
    assert!(b
        .conn
        .exec(&insert(&users).value("name", "x").value("role", "king"))
        .is_err());
    assert!(b.conn.exec(&insert(&users).value("name", "")).is_err());
    // drop_all runs in reverse dependency order.
    for s in b.md.drop_all(&Sqlite::new()).unwrap() {
        b.conn.exec(&s).unwrap();
    }
}

#[test]
fn default_fn_is_called_per_row() {
    let counter = Arc::new(AtomicI64::new(100));
    let c2 = counter.clone();
    let t = Table::builder("seq")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(
            Column::new("n", SqlType::Integer)
                .default_fn(move || Value::I64(c2.fetch_add(1, Ordering::SeqCst))),
        )
        .column(Column::new("label", SqlType::Text))
        .build()
        .unwrap();
    let conn = Connection::open_in_memory().unwrap();
    conn.exec(&create_table(&t)).unwrap();
    let n = conn
        .exec(
            &insert(&t)
                .row([("label", "a")])
                .row([("label", "b")])
                .row([("label", Expr::from("c")), ("n", Expr::from(7))]),
        )
        .unwrap();
    assert_eq!(n, 3);
    conn.exec(&insert(&t).default_values()).unwrap();
    assert_eq!(
        sqlite_rows(
            &conn,
            &select([t.c("n"), t.c("label")]).order_by([t.c("id")])
        ),
        vec![
            vec![int(100), text("a")],
            vec![int(101), text("b")],
            vec![int(7), text("c")],
            vec![int(102), null()],
        ]
    );
}

#[test]
fn insert_returning_rows() {
    let b = blog();
    let tags = b.t("tags");
    let rows = sqlite_rows(
        &b.conn,
        &insert(&tags)
            .row([("name", "rust")])
            .row([("name", "sql")])
            .returning([tags.c("id"), tags.c("name")]),
    );
    assert_eq!(
        rows,
        vec![vec![int(1), text("rust")], vec![int(2), text("sql")]]
    );
}

#[test]
fn execute_counts_the_rows_of_returning() {
    let b = blog();
    let tags = b.t("tags");
    let ins = insert(&tags)
        .row([("name", "rust")])
        .row([("name", "sql")])
        .returning([tags.c("id")]);
    assert_eq!(b.conn.exec(&ins).unwrap(), 2);
    let del = delete(&tags)
        .where_(tags.c("name").eq("sql"))
        .returning([tags.c("name")]);
    assert_eq!(b.conn.exec(&del).unwrap(), 1);
    let left = sqlite_rows(&b.conn, &select([tags.c("name")]));
    assert_eq!(left, vec![vec![text("rust")]]);
}

#[test]
fn insert_from_select_rows_affected() {
    let b = blog();
    let tags = b.t("tags");
    let users = b.t("users");
    let n = b
        .conn
        .exec(&insert(&tags).from_select(
            ["name", "uses"],
            select([users.c("name"), users.c("id")]).where_(users.c("id").ge(2)),
        ))
        .unwrap();
    assert_eq!(n, 2);
    assert_eq!(
        sqlite_rows(
            &b.conn,
            &select([tags.c("name"), tags.c("uses")]).order_by([tags.c("name")])
        ),
        vec![vec![text("bob"), int(2)], vec![text("cy"), int(3)]]
    );
}

#[test]
fn upsert_do_nothing_and_do_update() {
    let b = blog();
    let tags = b.t("tags");
    let add = |name: &str, uses: i64| {
        insert(&tags)
            .value("name", name.to_owned())
            .value("uses", uses)
    };
    assert_eq!(
        b.conn
            .exec(&add("rust", 1).on_conflict(["name"]).do_nothing())
            .unwrap(),
        1
    );
    assert_eq!(
        b.conn
            .exec(&add("rust", 9).on_conflict(["name"]).do_nothing())
            .unwrap(),
        0
    );
    assert_eq!(
        sqlite_rows(&b.conn, &select([tags.c("uses")])),
        vec![vec![int(1)]]
    );
    let bump = add("rust", 4)
        .on_conflict(["name"])
        .do_update([("uses", tags.c("uses") + excluded("uses"))]);
    assert_eq!(b.conn.exec(&bump).unwrap(), 1);
    assert_eq!(
        sqlite_rows(&b.conn, &select([tags.c("uses")])),
        vec![vec![int(5)]]
    );
    // The WHERE on the update: only raise, never lower.
    let raise = |uses: i64| {
        add("rust", uses)
            .on_conflict(["name"])
            .do_update_where(
                [("uses", excluded("uses"))],
                tags.c("uses").lt(excluded("uses")),
            )
            .returning([tags.c("uses")])
    };
    assert_eq!(sqlite_rows(&b.conn, &raise(3)), Vec::<Vec<_>>::new());
    assert_eq!(sqlite_rows(&b.conn, &raise(8)), vec![vec![int(8)]]);
}

#[test]
fn update_with_expression_and_returning() {
    let b = blog();
    let posts = b.t("posts");
    let n = b
        .conn
        .exec(
            &update(&posts)
                .set("views", posts.c("views") + 10)
                .where_(posts.c("user_id").eq(1)),
        )
        .unwrap();
    assert_eq!(n, 2);
    let rows = sqlite_rows(
        &b.conn,
        &update(&posts)
            .set("views", posts.c("views") - 1)
            .set("published", true)
            .where_(posts.c("title").eq("a2"))
            .returning([posts.c("id"), posts.c("views"), posts.c("published")]),
    );
    assert_eq!(rows, vec![vec![int(2), int(9), int(1)]]);
}

#[test]
fn update_from_another_table() {
    let b = blog();
    let posts = b.t("posts");
    let users = b.t("users");
    let q = update(&posts)
        .set("title", users.c("name").concat(posts.c("title")))
        .where_(posts.c("user_id").eq(users.c("id")) & users.c("name").eq("bob"));
    assert_eq!(b.conn.exec(&q).unwrap(), 1);
    assert_eq!(
        sqlite_rows(
            &b.conn,
            &select([posts.c("title")]).order_by([posts.c("id")])
        ),
        vec![vec![text("a1")], vec![text("a2")], vec![text("bobb1")]]
    );
}

#[test]
fn delete_with_other_tables_and_returning() {
    let b = blog();
    let posts = b.t("posts");
    let users = b.t("users");
    let q = delete(&posts)
        .using(&users)
        .where_(posts.c("user_id").eq(users.c("id")) & users.c("name").eq("ann"))
        .returning([posts.c("title")]);
    let mut rows = sqlite_rows(&b.conn, &q);
    rows.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(rows, vec![vec![text("a1")], vec![text("a2")]]);
    // ON DELETE CASCADE from the DDL.
    assert_eq!(
        b.conn
            .exec(&delete(&users).where_(users.c("name").eq("bob")))
            .unwrap(),
        1
    );
    assert_eq!(
        sqlite_rows(&b.conn, &select([func::count_star()]).select_from(&posts)),
        vec![vec![int(0)]]
    );
}

#[test]
fn bulk_insert_in_batches_with_a_small_limit() {
    let b = blog();
    let tags = b.t("tags");
    let q = insert(&tags).rows((0..25).map(|i| {
        [
            ("name", Expr::from(format!("tag{i:02}"))),
            ("uses", Expr::from(i)),
        ]
    }));
    let batches = q.compile_batches_with_limit(&Sqlite::new(), 10).unwrap();
    assert_eq!(batches.len(), 5);
    assert!(batches.iter().all(|c| c.params.len() <= 10));
    let mut total = 0;
    for c in &batches {
        total += b.conn.exec_compiled(c).unwrap();
    }
    assert_eq!(total, 25);
    assert_eq!(
        sqlite_rows(
            &b.conn,
            &select([func::count_star(), func::sum(tags.c("uses"))]).select_from(&tags)
        ),
        vec![vec![int(25), int(300)]]
    );
}
