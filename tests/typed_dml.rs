//! Typed INSERT and UPDATE on tables declared with `table!`: the exact SQL
//! and bound params on the three dialects, the dynamic API alongside, and
//! typed handles on a runtime table.

mod common;

use common::*;
use sqlexpr::prelude::*;
use sqlexpr::typed::SetColumn;
use sqlexpr::Ident;

sqlexpr::table! {
    /// Accounts.
    pub struct Accounts = "accounts" {
        id: Integer [primary_key, autoincrement],
        name: String(50) [not_null],
        balance: BigInteger [not_null, default(0)],
        rate: Double,
        active: Boolean [not_null, default(true)],
        note: Text,
        owner_id: Integer [name("ownerId")],
    }
}

#[test]
fn typed_insert_binds_values_of_the_column_types() {
    let a = Accounts::new();
    // `balance` is an i64 column: 100 (an i32 literal) is bound as an i64;
    // `rate` is f64: 1.5f32 widens; `note` is nullable: None binds NULL.
    let q = insert(&a)
        .value(&a.name, "ann")
        .value(&a.balance, 100)
        .value(&a.rate, 1.5f32)
        .value(&a.note, None)
        .value(&a.owner_id, 7);
    assert_sql3(
        &q,
        r#"INSERT INTO "accounts" ("name", "balance", "rate", "note", "ownerId", "active") VALUES (?, ?, ?, ?, ?, ?)"#,
        r#"INSERT INTO "accounts" ("name", "balance", "rate", "note", "ownerId", "active") VALUES ($1, $2, $3, $4, $5, $6)"#,
        "INSERT INTO `accounts` (`name`, `balance`, `rate`, `note`, `ownerId`, `active`) VALUES (?, ?, ?, ?, ?, ?)",
        vec![
            Value::Text("ann".into()),
            Value::I64(100),
            Value::F64(1.5),
            Value::Null,
            Value::I32(7),
            Value::Bool(true),
        ],
    );
}

#[test]
fn typed_multi_row_insert_with_col_to() {
    let a = Accounts::new();
    let name = String::from("cy");
    let q = insert(&a)
        .row([
            a.name.to("bob"),
            a.balance.to(5_000_000_000i64),
            a.active.to(false),
        ])
        .row([a.name.to(&name), a.balance.to(-3), a.active.to(true)])
        .returning([a.id.expr()]);
    assert_sql(
        &q,
        [
            (
                &postgres(),
                r#"INSERT INTO "accounts" ("name", "balance", "active") VALUES ($1, $2, $3), ($4, $5, $6) RETURNING "id""#,
                vec![
                    Value::Text("bob".into()),
                    Value::I64(5_000_000_000),
                    Value::Bool(false),
                    Value::Text("cy".into()),
                    Value::I64(-3),
                    Value::Bool(true),
                ],
            ),
            (
                &sqlite(),
                r#"INSERT INTO "accounts" ("name", "balance", "active") VALUES (?, ?, ?), (?, ?, ?) RETURNING "id""#,
                vec![
                    Value::Text("bob".into()),
                    Value::I64(5_000_000_000),
                    Value::Bool(false),
                    Value::Text("cy".into()),
                    Value::I64(-3),
                    Value::Bool(true),
                ],
            ),
        ],
    );
}

#[test]
fn typed_update_with_values_columns_and_null() {
    let a = Accounts::new();
    let q = update(&a)
        .set(&a.name, "renamed")
        .set(&a.note, None)
        .set(&a.rate, Some(0.25))
        .set(&a.balance, 42)
        .where_(a.id.eq(3) & a.active.eq(true));
    assert_sql3(
        &q,
        r#"UPDATE "accounts" SET "name" = ?, "note" = ?, "rate" = ?, "balance" = ? WHERE "accounts"."id" = ? AND "accounts"."active" = ?"#,
        r#"UPDATE "accounts" SET "name" = $1, "note" = $2, "rate" = $3, "balance" = $4 WHERE "accounts"."id" = $5 AND "accounts"."active" = $6"#,
        "UPDATE `accounts` SET `name` = ?, `note` = ?, `rate` = ?, `balance` = ? WHERE `accounts`.`id` = ? AND `accounts`.`active` = ?",
        vec![
            Value::Text("renamed".into()),
            Value::Null,
            Value::F64(0.25),
            Value::I64(42),
            Value::I32(3),
            Value::Bool(true),
        ],
    );

    // Another typed column of the same type, and the renamed column.
    let q = update(&a)
        .set(&a.note, &a.name)
        .set(a.owner_id.clone(), a.id.clone())
        .where_(a.note.is_null());
    assert_sql3(
        &q,
        r#"UPDATE "accounts" SET "note" = "accounts"."name", "ownerId" = "accounts"."id" WHERE "accounts"."note" IS NULL"#,
        r#"UPDATE "accounts" SET "note" = "accounts"."name", "ownerId" = "accounts"."id" WHERE "accounts"."note" IS NULL"#,
        "UPDATE `accounts` SET `note` = `accounts`.`name`, `ownerId` = `accounts`.`id` WHERE `accounts`.`note` IS NULL",
        vec![],
    );

    // set_all with typed pairs; a computed value by the column's name.
    let q = update(&a)
        .set_all([a.name.to("x"), a.active.to(false)])
        .set(a.balance.name(), a.balance.expr() + 10)
        .where_(a.id.in_([1, 2]));
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"UPDATE "accounts" SET "name" = $1, "active" = $2, "balance" = "accounts"."balance" + $3 WHERE "accounts"."id" IN ($4, $5)"#,
            vec![
                Value::Text("x".into()),
                Value::Bool(false),
                Value::I32(10),
                Value::I32(1),
                Value::I32(2),
            ],
        )],
    );
}

#[test]
fn dynamic_api_stays_for_runtime_tables() {
    let t = Table::builder("items")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("qty", SqlType::Integer).not_null())
        .build()
        .unwrap();
    let q = insert(&t).value("id", 1).value("qty", "not checked");
    assert_sql(
        &q,
        [(
            &sqlite(),
            r#"INSERT INTO "items" ("id", "qty") VALUES (?, ?)"#,
            vec![Value::I32(1), Value::Text("not checked".into())],
        )],
    );
    let q = update(&t)
        .set("qty", t.c("qty") - 1)
        .set(Ident::from("id"), 2)
        .where_(t.c("id").eq(1));
    assert_sql(
        &q,
        [(
            &sqlite(),
            r#"UPDATE "items" SET "qty" = "items"."qty" - ?, "id" = ? WHERE "items"."id" = ?"#,
            vec![Value::I32(1), Value::I32(2), Value::I32(1)],
        )],
    );

    // A typed view of the runtime table types its assignments too.
    let qty: Col<i32> = Col::from_table(&t, "qty").unwrap();
    let q = update(&t).set(&qty, 9);
    assert_sql(
        &q,
        [(
            &sqlite(),
            r#"UPDATE "items" SET "qty" = ?"#,
            vec![Value::I32(9)],
        )],
    );
    assert_eq!(
        (&qty).into_assignment(3),
        (Ident::from("qty"), Expr::Value(Value::I32(3)))
    );
}

#[test]
fn typed_insert_and_update_run_on_sqlite() {
    use sqlexpr_sqlite::SqliteExt;
    let a = Accounts::new();
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.exec(&create_table(a.table())).unwrap();
    conn.exec(&insert(&a).value(&a.name, "ann").value(&a.balance, 10))
        .unwrap();
    conn.exec(&insert(&a).row([a.name.to("bob"), a.note.to("hi")]))
        .unwrap();
    conn.exec(&update(&a).set(&a.balance, 20).where_(a.name.eq("bob")))
        .unwrap();
    let rows = sqlite_rows(
        &conn,
        &select([
            a.name.expr(),
            a.balance.expr(),
            a.active.expr(),
            a.note.expr(),
        ])
        .order_by([a.id.asc()]),
    );
    assert_eq!(
        rows,
        [
            vec![text("ann"), int(10), int(1), null()],
            vec![text("bob"), int(20), int(1), text("hi")],
        ]
    );
}
