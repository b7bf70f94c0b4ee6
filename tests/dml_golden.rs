//! Golden SQL of INSERT, upsert, UPDATE and DELETE on the three dialects.
mod common;
mod dml_schema;

use common::*;
use sqlexpr::prelude::*;
use sqlexpr::Error;
use sqlexpr_mysql::{Flavour, MySql};
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::Sqlite;

fn t(name: &str) -> Table {
    dml_schema::blog().table(name).unwrap().clone()
}

fn v(x: impl Into<Value>) -> Value {
    x.into()
}

#[test]
fn insert_one_row_with_client_default() {
    let posts = t("posts");
    let q = insert(&posts).value("user_id", 1).value("title", "hi");
    assert_sql3(
        &q,
        r#"INSERT INTO "posts" ("user_id", "title", "views") VALUES (?, ?, ?)"#,
        r#"INSERT INTO "posts" ("user_id", "title", "views") VALUES ($1, $2, $3)"#,
        "INSERT INTO `posts` (`user_id`, `title`, `views`) VALUES (?, ?, ?)",
        vec![v(1), v("hi"), v(0)],
    );
    assert_eq!(
        q.to_string(),
        r#"INSERT INTO "posts" ("user_id", "title", "views") VALUES (:p1, :p2, :p3)"#
    );
}

#[test]
fn insert_unknown_column_is_an_error() {
    let posts = t("posts");
    let err = insert(&posts)
        .value("titel", "x")
        .compile(&Sqlite::new())
        .unwrap_err();
    assert_eq!(
        err,
        Error::UnknownColumn {
            table: "posts".into(),
            column: "titel".into()
        }
    );
}

#[test]
fn insert_many_rows_in_any_column_order() {
    let tags = t("tags");
    let q = insert(&tags).rows([
        [("name", Expr::from("rust")), ("uses", 3.into())],
        [("uses", 5.into()), ("name", "sql".into())],
    ]);
    assert_sql3(
        &q,
        r#"INSERT INTO "tags" ("name", "uses") VALUES (?, ?), (?, ?)"#,
        r#"INSERT INTO "tags" ("name", "uses") VALUES ($1, $2), ($3, $4)"#,
        "INSERT INTO `tags` (`name`, `uses`) VALUES (?, ?), (?, ?)",
        vec![v("rust"), v(3), v("sql"), v(5)],
    );
}

#[test]
fn insert_rows_with_different_columns_names_the_row() {
    let posts = t("posts");
    let q = insert(&posts)
        .row([("user_id", Expr::from(1)), ("title", "a".into())])
        .row([("user_id", Expr::from(1))]);
    let err = q.compile(&Postgres::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"invalid INSERT: row 1 (0-based) sets other columns than row 0: no value for "title""#
    );
}

#[test]
fn insert_default_values() {
    let users = Table::builder("events")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .build()
        .unwrap();
    let q = insert(&users).default_values();
    assert_sql3(
        &q,
        r#"INSERT INTO "events" DEFAULT VALUES"#,
        r#"INSERT INTO "events" DEFAULT VALUES"#,
        "INSERT INTO `events` () VALUES ()",
        vec![],
    );
}

#[test]
fn insert_from_select() {
    let tags = t("tags");
    let users = t("users");
    let q = insert(&tags).from_select(
        ["name"],
        select([users.c("name")]).where_(users.c("id").gt(10)),
    );
    assert_sql3(
        &q,
        r#"INSERT INTO "tags" ("name") SELECT "users"."name" FROM "users" WHERE "users"."id" > ?"#,
        r#"INSERT INTO "tags" ("name") SELECT "users"."name" FROM "users" WHERE "users"."id" > $1"#,
        "INSERT INTO `tags` (`name`) SELECT `users`.`name` FROM `users` WHERE `users`.`id` > ?",
        vec![v(10)],
    );
}

#[test]
fn insert_returning_by_dialect_version() {
    let tags = t("tags");
    let q = insert(&tags).value("name", "x").returning([tags.c("id")]);
    assert_sql(
        &q,
        [
            (
                &Sqlite::new(),
                r#"INSERT INTO "tags" ("name", "uses") VALUES (?, ?) RETURNING "id""#,
                vec![v("x"), v(1)],
            ),
            (
                &Postgres::new(),
                r#"INSERT INTO "tags" ("name", "uses") VALUES ($1, $2) RETURNING "id""#,
                vec![v("x"), v(1)],
            ),
            (
                &MySql::mariadb(),
                "INSERT INTO `tags` (`name`, `uses`) VALUES (?, ?) RETURNING `id`",
                vec![v("x"), v(1)],
            ),
        ],
    );
    assert_unsupported(&q, &MySql::new(), "RETURNING on INSERT");
    assert_unsupported(&q, &Sqlite::with_version(3, 34, 0), "RETURNING on INSERT");
    assert_unsupported(
        &q,
        &MySql::with_version(Flavour::MariaDb, 10, 4, 0),
        "RETURNING on INSERT",
    );
}

#[test]
fn upsert_do_update_with_excluded() {
    let tags = t("tags");
    let q = insert(&tags)
        .value("name", "rust")
        .value("uses", 1)
        .on_conflict(["name"])
        .do_update([("uses", tags.c("uses") + excluded("uses"))]);
    assert_sql(
        &q,
        [
            (&Sqlite::new(), r#"INSERT INTO "tags" ("name", "uses") VALUES (?, ?) ON CONFLICT ("name") DO UPDATE SET "uses" = "tags"."uses" + "excluded"."uses""#, vec![v("rust"), v(1)]),
            (&Postgres::new(), r#"INSERT INTO "tags" ("name", "uses") VALUES ($1, $2) ON CONFLICT ("name") DO UPDATE SET "uses" = "tags"."uses" + "excluded"."uses""#, vec![v("rust"), v(1)]),
            (&MySql::new(), "INSERT INTO `tags` (`name`, `uses`) VALUES (?, ?) AS `new` ON DUPLICATE KEY UPDATE `uses` = `tags`.`uses` + `new`.`uses`", vec![v("rust"), v(1)]),
            (&MySql::mariadb(), "INSERT INTO `tags` (`name`, `uses`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `uses` = `tags`.`uses` + VALUES(`uses`)", vec![v("rust"), v(1)]),
            (&MySql::with_version(Flavour::MySql, 8, 0, 18), "INSERT INTO `tags` (`name`, `uses`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `uses` = `tags`.`uses` + VALUES(`uses`)", vec![v("rust"), v(1)]),
        ],
    );
}

#[test]
fn upsert_do_nothing() {
    let tags = t("tags");
    let q = insert(&tags)
        .value("name", "rust")
        .on_conflict(["name"])
        .do_nothing();
    assert_sql3(
        &q,
        r#"INSERT INTO "tags" ("name", "uses") VALUES (?, ?) ON CONFLICT ("name") DO NOTHING"#,
        r#"INSERT INTO "tags" ("name", "uses") VALUES ($1, $2) ON CONFLICT ("name") DO NOTHING"#,
        "INSERT INTO `tags` (`name`, `uses`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = `name`",
        vec![v("rust"), v(1)],
    );
}

#[test]
fn upsert_update_where() {
    let tags = t("tags");
    let q = insert(&tags)
        .value("name", "rust")
        .on_conflict(["name"])
        .do_update_where(
            [("uses", excluded("uses"))],
            tags.c("uses").lt(excluded("uses")),
        );
    assert_sql(
        &q,
        [
            (
                &Sqlite::new(),
                r#"INSERT INTO "tags" ("name", "uses") VALUES (?, ?) ON CONFLICT ("name") DO UPDATE SET "uses" = "excluded"."uses" WHERE "tags"."uses" < "excluded"."uses""#,
                vec![v("rust"), v(1)],
            ),
            (
                &Postgres::new(),
                r#"INSERT INTO "tags" ("name", "uses") VALUES ($1, $2) ON CONFLICT ("name") DO UPDATE SET "uses" = "excluded"."uses" WHERE "tags"."uses" < "excluded"."uses""#,
                vec![v("rust"), v(1)],
            ),
        ],
    );
    assert_unsupported(&q, &MySql::new(), "WHERE on the update of an upsert");
    assert_unsupported(&q, &MySql::mariadb(), "WHERE on the update of an upsert");
}

#[test]
fn upsert_update_without_target() {
    let tags = t("tags");
    let q = insert(&tags)
        .value("name", "x")
        .on_conflict(Vec::<&str>::new())
        .do_update([("uses", excluded("uses"))]);
    assert_unsupported(&q, &Postgres::new(), "without a conflict target");
    assert_eq!(
        q.compile(&Sqlite::new()).unwrap().sql,
        r#"INSERT INTO "tags" ("name", "uses") VALUES (?, ?) ON CONFLICT DO UPDATE SET "uses" = "excluded"."uses""#
    );
}

#[test]
fn upsert_from_select_gets_a_where() {
    let tags = t("tags");
    let users = t("users");
    let q = insert(&tags)
        .from_select(["name"], select([users.c("name")]))
        .on_conflict(["name"])
        .do_nothing();
    assert_eq!(
        q.compile(&Sqlite::new()).unwrap().sql,
        r#"INSERT INTO "tags" ("name") SELECT "users"."name" FROM "users" WHERE TRUE ON CONFLICT ("name") DO NOTHING"#
    );
}

#[test]
fn update_set_values_and_expressions() {
    let posts = t("posts");
    let q = update(&posts)
        .set("title", "new")
        .set("views", posts.c("views") + 1)
        .where_(posts.c("id").eq(5));
    assert_sql3(
        &q,
        r#"UPDATE "posts" SET "title" = ?, "views" = "posts"."views" + ? WHERE "posts"."id" = ?"#,
        r#"UPDATE "posts" SET "title" = $1, "views" = "posts"."views" + $2 WHERE "posts"."id" = $3"#,
        "UPDATE `posts` SET `title` = ?, `views` = `posts`.`views` + ? WHERE `posts`.`id` = ?",
        vec![v("new"), v(1), v(5)],
    );
}

#[test]
fn update_without_set_is_an_error() {
    let posts = t("posts");
    let err = update(&posts)
        .where_(posts.c("id").eq(1))
        .compile(&Sqlite::new())
        .unwrap_err();
    assert_eq!(err.to_string(), "invalid UPDATE: no SET assignments");
    let err = update(&posts)
        .set("nope", 1)
        .compile(&Sqlite::new())
        .unwrap_err();
    assert!(matches!(err, Error::UnknownColumn { .. }));
}

#[test]
fn update_from_other_tables() {
    let posts = t("posts");
    let users = t("users");
    let q = update(&posts)
        .set("title", users.c("name"))
        .where_(posts.c("user_id").eq(users.c("id")) & users.c("role").eq("author"));
    assert_sql3(
        &q,
        r#"UPDATE "posts" SET "title" = "users"."name" FROM "users" WHERE "posts"."user_id" = "users"."id" AND "users"."role" = ?"#,
        r#"UPDATE "posts" SET "title" = "users"."name" FROM "users" WHERE "posts"."user_id" = "users"."id" AND "users"."role" = $1"#,
        "UPDATE `posts` JOIN `users` SET `posts`.`title` = `users`.`name` WHERE `posts`.`user_id` = `users`.`id` AND `users`.`role` = ?",
        vec![v("author")],
    );
    assert_unsupported(&q, &Sqlite::with_version(3, 32, 0), "UPDATE ... FROM");
}

#[test]
fn update_order_by_limit_mysql_only() {
    let posts = t("posts");
    let q = update(&posts)
        .set("views", 0)
        .order_by([posts.c("id").desc()])
        .limit(2);
    assert_eq!(
        q.compile(&MySql::new()).unwrap().sql,
        "UPDATE `posts` SET `views` = ? ORDER BY `posts`.`id` DESC LIMIT 2"
    );
    assert_unsupported(&q, &Sqlite::new(), "UPDATE with ORDER BY / LIMIT");
    assert_unsupported(&q, &Postgres::new(), "UPDATE with ORDER BY / LIMIT");
}

#[test]
fn update_returning() {
    let posts = t("posts");
    let q = update(&posts)
        .set("views", 0)
        .returning([posts.c("id"), posts.c("views")]);
    assert_sql(
        &q,
        [
            (
                &Sqlite::new(),
                r#"UPDATE "posts" SET "views" = ? RETURNING "id", "views""#,
                vec![v(0)],
            ),
            (
                &Postgres::new(),
                r#"UPDATE "posts" SET "views" = $1 RETURNING "id", "views""#,
                vec![v(0)],
            ),
        ],
    );
    assert_unsupported(&q, &MySql::mariadb(), "RETURNING on UPDATE");
    assert_unsupported(&q, &MySql::new(), "RETURNING on UPDATE");
}

#[test]
fn delete_where_and_returning() {
    let posts = t("posts");
    let q = delete(&posts)
        .where_(posts.c("views").lt(10))
        .returning([posts.c("id")]);
    assert_sql(
        &q,
        [
            (
                &Sqlite::new(),
                r#"DELETE FROM "posts" WHERE "posts"."views" < ? RETURNING "id""#,
                vec![v(10)],
            ),
            (
                &Postgres::new(),
                r#"DELETE FROM "posts" WHERE "posts"."views" < $1 RETURNING "id""#,
                vec![v(10)],
            ),
            (
                &MySql::mariadb(),
                "DELETE FROM `posts` WHERE `posts`.`views` < ? RETURNING `id`",
                vec![v(10)],
            ),
        ],
    );
    assert_unsupported(&q, &MySql::new(), "RETURNING on DELETE");
}

#[test]
fn delete_using_other_tables() {
    let posts = t("posts");
    let users = t("users");
    let q = delete(&posts)
        .using(&users)
        .where_(posts.c("user_id").eq(users.c("id")) & users.c("name").eq("spam"));
    assert_sql3(
        &q,
        r#"DELETE FROM "posts" WHERE EXISTS (SELECT 1 FROM "users" WHERE "posts"."user_id" = "users"."id" AND "users"."name" = ?)"#,
        r#"DELETE FROM "posts" USING "users" WHERE "posts"."user_id" = "users"."id" AND "users"."name" = $1"#,
        "DELETE `posts` FROM `posts` JOIN `users` WHERE `posts`.`user_id` = `users`.`id` AND `users`.`name` = ?",
        vec![v("spam")],
    );
}

#[test]
fn delete_order_by_limit_mysql_only() {
    let posts = t("posts");
    let q = delete(&posts).order_by([posts.c("id")]).limit(1);
    assert_eq!(
        q.compile(&MySql::new()).unwrap().sql,
        "DELETE FROM `posts` ORDER BY `posts`.`id` LIMIT 1"
    );
    assert_unsupported(&q, &Postgres::new(), "DELETE with ORDER BY / LIMIT");
}

#[test]
fn too_many_params_in_one_statement() {
    let tags = t("tags");
    let q = select([tags.c("id")]).where_(tags.c("id").in_(0..100_000));
    assert_eq!(
        q.compile(&Sqlite::new()).unwrap_err(),
        Error::TooManyParams {
            count: 100_000,
            limit: 32_766
        }
    );
    for d in [&Postgres::new() as &dyn Dialect, &MySql::new()] {
        assert_eq!(
            q.compile(d).unwrap_err(),
            Error::TooManyParams {
                count: 100_000,
                limit: 65_535
            }
        );
    }
    assert_eq!(
        q.compile(&Postgres::new()).unwrap_err().to_string(),
        "the statement binds 100000 parameters, more than the dialect's limit of 65535"
    );
    // Inline rendering binds nothing.
    assert!(q.to_sql_inline(&Sqlite::new()).is_ok());
    let rows: Vec<_> = (0..20_000)
        .map(|i| [("name", Expr::from(format!("t{i}")))])
        .collect();
    let q = insert(&tags).rows(rows);
    assert_eq!(
        q.compile(&Sqlite::new()).unwrap_err(),
        Error::TooManyParams {
            count: 40_000,
            limit: 32_766
        }
    );
    let batches = q.compile_batches(&Sqlite::new()).unwrap();
    assert_eq!(
        batches.iter().map(|b| b.params.len()).collect::<Vec<_>>(),
        [32_766, 7_234]
    );
}

#[test]
fn batches_with_a_configured_limit() {
    let tags = t("tags");
    let q = insert(&tags)
        .rows((0..5).map(|i| [("name", Expr::from(format!("t{i}")))]))
        .returning([tags.c("id")]);
    let batches = q.compile_batches_with_limit(&Postgres::new(), 4).unwrap();
    let sqls: Vec<&str> = batches.iter().map(|b| b.sql.as_str()).collect();
    assert_eq!(
        sqls,
        [
            r#"INSERT INTO "tags" ("name", "uses") VALUES ($1, $2), ($3, $4) RETURNING "id""#,
            r#"INSERT INTO "tags" ("name", "uses") VALUES ($1, $2), ($3, $4) RETURNING "id""#,
            r#"INSERT INTO "tags" ("name", "uses") VALUES ($1, $2) RETURNING "id""#,
        ]
    );
    assert_eq!(batches[2].params, [v("t4"), v(1)]);
    assert_eq!(
        q.compile_batches_with_limit(&Postgres::new(), 1)
            .unwrap_err(),
        Error::TooManyParams { count: 2, limit: 1 }
    );
}

#[test]
fn batches_compile_one_statement_at_a_time() {
    let tags = t("tags");
    let q = insert(&tags)
        .rows((0..5).map(|i| [("name", Expr::from(format!("t{i}")))]))
        .returning([tags.c("id")]);
    let d = Postgres::new();
    let mut batches = q.batches_with_limit(&d, 4).unwrap();
    // The split is known before the first statement is compiled.
    assert_eq!(batches.len(), 3);
    let first = batches.next().unwrap().unwrap();
    assert_eq!(
        first.sql,
        r#"INSERT INTO "tags" ("name", "uses") VALUES ($1, $2), ($3, $4) RETURNING "id""#
    );
    assert_eq!(first.params, [v("t0"), v(1), v("t1"), v(1)]);
    assert_eq!(batches.len(), 2);
    let rest: Vec<_> = batches.map(Result::unwrap).collect();
    assert_eq!(rest[1].params, [v("t4"), v(1)]);
    assert_eq!(
        [first].into_iter().chain(rest).collect::<Vec<_>>(),
        q.compile_batches_with_limit(&d, 4).unwrap()
    );
    // A row too large for any statement fails before anything is compiled.
    assert_eq!(
        q.batches_with_limit(&d, 1).unwrap_err(),
        Error::TooManyParams { count: 2, limit: 1 }
    );
    // An INSERT ... SELECT is one statement.
    let users = t("users");
    let from_select =
        insert(&tags).from_select(["name", "uses"], select([users.c("name"), users.c("id")]));
    let all: Vec<_> = from_select.batches(&d).unwrap().collect();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].as_ref().unwrap(), &from_select.compile(&d).unwrap());
}

#[test]
fn mysql_upsert_after_select_qualifies_columns() {
    let tags = t("tags");
    let users = t("users");
    let base =
        insert(&tags).from_select(["name", "uses"], select([users.c("name"), users.c("id")]));
    assert_eq!(
        base.clone().on_conflict(["name"]).do_nothing().compile(&MySql::mariadb()).unwrap().sql,
        "INSERT INTO `tags` (`name`, `uses`) SELECT `users`.`name`, `users`.`id` FROM `users` WHERE TRUE ON DUPLICATE KEY UPDATE `tags`.`name` = `tags`.`name`"
    );
    assert_eq!(
        base.on_conflict(["name"]).do_update([("uses", excluded("uses"))]).compile(&MySql::new()).unwrap().sql,
        "INSERT INTO `tags` (`name`, `uses`) SELECT `users`.`name`, `users`.`id` FROM `users` WHERE TRUE ON DUPLICATE KEY UPDATE `tags`.`uses` = VALUES(`uses`)"
    );
}

#[test]
fn with_clause_on_update_and_delete() {
    let posts = t("posts");
    let users = t("users");
    let ann = select([users.c("id")])
        .where_(users.c("name").eq("ann"))
        .cte("ann");
    let by_ann = || {
        posts
            .c("user_id")
            .in_subquery(select([ann.c("id")]).select_from(&ann))
    };
    let u = update(&posts)
        .with(ann.clone())
        .set("views", 0)
        .where_(by_ann());
    assert_sql3(
        &u,
        r#"WITH "ann" AS (SELECT "users"."id" FROM "users" WHERE "users"."name" = ?) UPDATE "posts" SET "views" = ? WHERE "posts"."user_id" IN (SELECT "ann"."id" FROM "ann")"#,
        r#"WITH "ann" AS (SELECT "users"."id" FROM "users" WHERE "users"."name" = $1) UPDATE "posts" SET "views" = $2 WHERE "posts"."user_id" IN (SELECT "ann"."id" FROM "ann")"#,
        "WITH `ann` AS (SELECT `users`.`id` FROM `users` WHERE `users`.`name` = ?) UPDATE `posts` SET `views` = ? WHERE `posts`.`user_id` IN (SELECT `ann`.`id` FROM `ann`)",
        vec![v("ann"), v(0)],
    );
    let d = delete(&posts).with(ann.clone()).where_(by_ann());
    assert_sql3(
        &d,
        r#"WITH "ann" AS (SELECT "users"."id" FROM "users" WHERE "users"."name" = ?) DELETE FROM "posts" WHERE "posts"."user_id" IN (SELECT "ann"."id" FROM "ann")"#,
        r#"WITH "ann" AS (SELECT "users"."id" FROM "users" WHERE "users"."name" = $1) DELETE FROM "posts" WHERE "posts"."user_id" IN (SELECT "ann"."id" FROM "ann")"#,
        "WITH `ann` AS (SELECT `users`.`id` FROM `users` WHERE `users`.`name` = ?) DELETE FROM `posts` WHERE `posts`.`user_id` IN (SELECT `ann`.`id` FROM `ann`)",
        vec![v("ann")],
    );
    // MariaDB takes WITH on UPDATE / DELETE from 12.3.
    for q in [&u as &dyn Render, &d] {
        assert_unsupported(q, &MySql::mariadb(), "WITH clause on");
        assert!(q
            .compile(&MySql::with_version(Flavour::MariaDb, 12, 3, 0))
            .unwrap()
            .sql
            .starts_with("WITH `ann` AS ("));
    }
    // The multi-table forms carry it too.
    let joined = delete(&posts)
        .with(ann.clone())
        .using(&ann)
        .where_(posts.c("user_id").eq(ann.c("id")));
    assert_eq!(
        joined.compile(&MySql::new()).unwrap().sql,
        "WITH `ann` AS (SELECT `users`.`id` FROM `users` WHERE `users`.`name` = ?) DELETE `posts` FROM `posts` JOIN `ann` WHERE `posts`.`user_id` = `ann`.`id`"
    );
    // SQLite has no DELETE ... USING: the join becomes EXISTS, after the WITH.
    assert_eq!(
        joined.compile(&Sqlite::new()).unwrap().sql,
        r#"WITH "ann" AS (SELECT "users"."id" FROM "users" WHERE "users"."name" = ?) DELETE FROM "posts" WHERE EXISTS (SELECT 1 FROM "ann" WHERE "posts"."user_id" = "ann"."id")"#
    );
    assert_unsupported(&joined, &MySql::mariadb(), "WITH clause on DELETE");
    assert_eq!(
        joined.compile(&Postgres::new()).unwrap().sql,
        r#"WITH "ann" AS (SELECT "users"."id" FROM "users" WHERE "users"."name" = $1) DELETE FROM "posts" USING "ann" WHERE "posts"."user_id" = "ann"."id""#
    );
}

#[test]
fn with_clause_on_insert() {
    let tags = t("tags");
    let users = t("users");
    let old = select([users.c("name")])
        .where_(users.c("id").lt(10))
        .cte("old");
    let q = insert(&tags)
        .with(old.clone())
        .from_select(["name"], select([old.c("name")]).select_from(&old));
    assert_sql3(
        &q,
        r#"WITH "old" AS (SELECT "users"."name" FROM "users" WHERE "users"."id" < ?) INSERT INTO "tags" ("name") SELECT "old"."name" FROM "old""#,
        r#"WITH "old" AS (SELECT "users"."name" FROM "users" WHERE "users"."id" < $1) INSERT INTO "tags" ("name") SELECT "old"."name" FROM "old""#,
        // MySQL and MariaDB take the WITH clause before the SELECT.
        "INSERT INTO `tags` (`name`) WITH `old` AS (SELECT `users`.`name` FROM `users` WHERE `users`.`id` < ?) SELECT `old`.`name` FROM `old`",
        vec![v(10)],
    );
    // The statement's CTEs come before the SELECT's own.
    let young = select([users.c("name")])
        .where_(users.c("id").ge(10))
        .cte("young");
    let both = insert(&tags).with(old.clone()).from_select(
        ["name"],
        select([young.c("name")])
            .select_from(&young)
            .with(young.clone()),
    );
    // PostgreSQL and SQLite keep each WITH where it was given.
    assert_eq!(
        both.compile(&Postgres::new()).unwrap().sql,
        r#"WITH "old" AS (SELECT "users"."name" FROM "users" WHERE "users"."id" < $1) INSERT INTO "tags" ("name") WITH "young" AS (SELECT "users"."name" FROM "users" WHERE "users"."id" >= $2) SELECT "young"."name" FROM "young""#
    );
    assert_eq!(
        both.compile(&Sqlite::new()).unwrap().sql,
        r#"WITH "old" AS (SELECT "users"."name" FROM "users" WHERE "users"."id" < ?) INSERT INTO "tags" ("name") WITH "young" AS (SELECT "users"."name" FROM "users" WHERE "users"."id" >= ?) SELECT "young"."name" FROM "young""#
    );
    assert_eq!(
        both.compile(&MySql::mariadb()).unwrap().sql,
        "INSERT INTO `tags` (`name`) WITH `old` AS (SELECT `users`.`name` FROM `users` WHERE `users`.`id` < ?), `young` AS (SELECT `users`.`name` FROM `users` WHERE `users`.`id` >= ?) SELECT `young`.`name` FROM `young`"
    );
    let values = insert(&tags).with(old.clone()).value(
        "name",
        select([old.c("name")])
            .select_from(&old)
            .limit(1)
            .scalar_subquery(),
    );
    assert_eq!(
        values.compile(&Sqlite::new()).unwrap().sql,
        r#"WITH "old" AS (SELECT "users"."name" FROM "users" WHERE "users"."id" < ?) INSERT INTO "tags" ("name", "uses") VALUES ((SELECT "old"."name" FROM "old" LIMIT 1), ?)"#
    );
    assert_eq!(
        values.compile(&Postgres::new()).unwrap().sql,
        r#"WITH "old" AS (SELECT "users"."name" FROM "users" WHERE "users"."id" < $1) INSERT INTO "tags" ("name", "uses") VALUES ((SELECT "old"."name" FROM "old" LIMIT 1), $2)"#
    );
    assert_unsupported(&values, &MySql::new(), "WITH clause on INSERT ... VALUES");
    assert_unsupported(
        &values,
        &MySql::mariadb(),
        "WITH clause on INSERT ... VALUES",
    );
}
