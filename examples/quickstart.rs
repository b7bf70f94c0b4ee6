//! Quickstart: declare two tables, create them on in-memory SQLite, insert
//! rows, run a filtered join with an aggregate, and print the SQL that the
//! same query compiles to on SQLite, PostgreSQL and MySQL.
//!
//! Run with `cargo run --example quickstart`.

use sqlexpr::prelude::*;
use sqlexpr::{insert, stmt::Insert};
use sqlexpr_mysql::MySql;
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::rusqlite::Connection;
use sqlexpr_sqlite::{Sqlite, SqliteExt};

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

    // Create the schema on embedded SQLite, in foreign-key order.
    let conn = Connection::open_in_memory()?;
    for stmt in metadata.create_all(&Sqlite::new())? {
        println!("{stmt};");
        conn.exec(&stmt)?;
    }

    conn.exec(&add_user("ann", "ann@example.com", 34, true))?;
    conn.exec(&add_user("bob", "bob@example.com", 17, true))?;
    conn.exec(&add_user("cy", "cy@example.com", 52, false))?;
    conn.exec(&add_user("dee", "dee@example.com", 28, true))?;
    let titles = [
        (1, "Hello"),
        (1, "SQL in Rust"),
        (2, "First post"),
        (3, "Gardening"),
        (4, "Joins"),
    ];
    conn.exec(
        &insert(posts.table()).rows(
            titles
                .iter()
                .map(|&(user, title)| [("user_id", Expr::from(user)), ("title", title.into())]),
        ),
    )?;

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

    println!("\nRows:");
    let rows = conn.fetch_all(&query, |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })?;
    for (username, count) in &rows {
        println!("  {username:<5} {count}");
    }
    assert_eq!(rows, [("ann".to_owned(), 2), ("dee".to_owned(), 1)]);
    Ok(())
}
