//! Quickstart: declare two tables, open an in-memory SQLite connection with
//! echo on (every statement it runs is logged with its parameters and
//! time), create the tables, insert rows in a transaction, run a filtered
//! join with an aggregate and read its rows typed, and print the SQL that
//! the same query compiles to on SQLite, PostgreSQL and MySQL.
//!
//! Run with `cargo run --example quickstart`.

use sqlexpr::prelude::*;
use sqlexpr::{insert, stmt::Insert};
use sqlexpr_mysql::MySql;
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::{Connection, Echo, Sqlite};

sqlexpr::table! {
    /// People who write posts.
    pub struct Users = "users" {
        id: Integer [primary_key, autoincrement],
        username: String(50) [not_null, unique],
        email: String(100) [not_null],
        age: Integer,
        is_active: Boolean [not_null, default(true)],
        created_at: DateTime [not_null, server_default(func::now())],
    }
}

sqlexpr::table! {
    /// What they write.
    pub struct Posts = "posts" {
        id: Integer [primary_key, autoincrement],
        user_id: Integer [not_null, references(Users.id)],
        title: String(200) [not_null],
    }
}

fn add_user(username: &str, email: &str, age: i32, active: bool) -> Insert {
    insert(Users::new().table()).row([
        ("username", Expr::from(username)),
        ("email", email.into()),
        ("age", age.into()),
        ("is_active", active.into()),
    ])
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let users = Users::new();
    let posts = Posts::new();
    let mut metadata = MetaData::new();
    metadata.add(users.table().clone())?;
    metadata.add(posts.table().clone())?;

    // Echo: the statements the connection runs are logged through
    // `tracing`; this subscriber prints them on stderr.
    tracing_subscriber::fmt()
        .with_target(false)
        .with_writer(std::io::stderr)
        .init();

    // The connection carries its dialect: statements compile for it.
    let mut conn = Connection::open_url("sqlite::memory:")?;
    conn.set_echo(Echo::On);
    // The schema, in foreign-key order.
    conn.create_all(&metadata)?;

    // A transaction commits, or rolls back if dropped before `commit`.
    let mut tx = conn.begin()?;
    tx.execute(&add_user("ann", "ann@example.com", 34, true))?;
    tx.execute(&add_user("bob", "bob@example.com", 17, true))?;
    tx.execute(&add_user("cy", "cy@example.com", 52, false))?;
    tx.execute(&add_user("dee", "dee@example.com", 28, true))?;
    let titles = [
        (1, "Hello"),
        (1, "SQL in Rust"),
        (2, "First post"),
        (3, "Gardening"),
        (4, "Joins"),
    ];
    tx.execute(
        &insert(posts.table()).rows(
            titles
                .iter()
                .map(|&(user, title)| [("user_id", Expr::from(user)), ("title", title.into())]),
        ),
    )?;
    tx.commit()?;

    // Active adults and how many posts each wrote; the join condition comes
    // from the foreign key posts.user_id -> users.id.
    let post_count = func::count(posts.id.expr());
    let query = select([
        users.username.expr(),
        post_count.clone().label("post_count"),
    ])
    .select_from(&users)
    .join(&posts)
    .where_(users.is_active.eq(true) & users.age.ge(18))
    .group_by([users.id.expr(), users.username.expr()])
    .having(post_count.ge(1))
    .order_by([col("post_count").desc(), users.username.asc()]);

    println!();
    for (name, dialect) in [
        ("SQLite", &Sqlite::new() as &dyn Dialect),
        ("PostgreSQL", &Postgres::new()),
        ("MySQL", &MySql::new()),
    ] {
        let compiled = query.compile(dialect)?;
        println!(
            "{name}:\n  {}\n  params: {:?}",
            compiled.sql, compiled.params
        );
    }
    println!(
        "\nWith literals inlined (SQLite):\n  {}",
        query.to_sql_inline(&Sqlite::new())?
    );

    // Rows come back typed from the query's columns, read by name.
    println!("\nRows:");
    let mut rows = Vec::new();
    for row in conn.fetch_all(&query)? {
        let username: String = row.read("username")?;
        let count: i64 = row.read("post_count")?;
        println!("  {username:<5} {count}");
        rows.push((username, count));
    }
    assert_eq!(rows, [("ann".to_owned(), 2), ("dee".to_owned(), 1)]);
    Ok(())
}
