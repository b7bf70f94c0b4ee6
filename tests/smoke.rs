mod common;

use common::*;
use sqlexpr::prelude::*;

fn users() -> Table {
    Table::builder("users")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::Text))
        .build()
        .unwrap()
}

#[test]
fn select_where_three_dialects() {
    let users = users();
    let q = select([users.c("id"), users.c("name")]).where_(users.c("id").eq(1));
    assert_sql3(
        &q,
        r#"SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."id" = ?"#,
        r#"SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."id" = $1"#,
        "SELECT `users`.`id`, `users`.`name` FROM `users` WHERE `users`.`id` = ?",
        vec![Value::I32(1)],
    );
    let conn = sqlite_db("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'ann'), (2, 'bob');");
    assert_eq!(sqlite_rows(&conn, &q), vec![vec![int(1), text("ann")]]);
}
