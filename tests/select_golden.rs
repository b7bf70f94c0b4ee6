//! Golden tests of SELECT: the exact SQL and params for SQLite, PostgreSQL
//! and MySQL side by side (MariaDB where it differs), and the errors of
//! unknown columns, unsupported joins and ambiguous join inference.
mod common;
mod fixtures;

use common::*;
use fixtures::*;
use sqlexpr::expr::func;
use sqlexpr::prelude::*;
use sqlexpr::Error;

fn i(v: i32) -> Value {
    Value::I32(v)
}

#[test]
fn columns_star_and_labels() {
    let users = users();
    let q = select([
        users.c("id"),
        users.c("name").label("who"),
        (users.c("age") * 2).label("double age"),
    ]);
    assert_sql3(
        &q,
        r#"SELECT "users"."id", "users"."name" AS "who", "users"."age" * ? AS "double age" FROM "users""#,
        r#"SELECT "users"."id", "users"."name" AS "who", "users"."age" * $1 AS "double age" FROM "users""#,
        "SELECT `users`.`id`, `users`.`name` AS `who`, `users`.`age` * ? AS `double age` FROM `users`",
        vec![i(2)],
    );
    assert_sql3(
        &select([users.star()]),
        r#"SELECT "users".* FROM "users""#,
        r#"SELECT "users".* FROM "users""#,
        "SELECT `users`.* FROM `users`",
        vec![],
    );
    assert_sql3(
        &select(users.all_columns()),
        r#"SELECT "users"."id", "users"."name", "users"."email", "users"."age" FROM "users""#,
        r#"SELECT "users"."id", "users"."name", "users"."email", "users"."age" FROM "users""#,
        "SELECT `users`.`id`, `users`.`name`, `users`.`email`, `users`.`age` FROM `users`",
        vec![],
    );
    // Columns added one by one; no FROM when nothing refers to a table.
    let q = Select::new().column(1).columns([raw("2")]);
    assert_sql3(
        &q,
        "SELECT ?, 2",
        "SELECT CAST($1 AS INTEGER), 2",
        "SELECT ?, 2",
        vec![i(1)],
    );
}

#[test]
fn empty_select_list_is_an_error() {
    assert!(matches!(
        Select::new().compile(&sqlite()),
        Err(Error::Invalid {
            construct: "SELECT",
            ..
        })
    ));
}

#[test]
fn select_from_and_implicit_from() {
    let users = users();
    let posts = posts();
    // Explicit FROM with a select list that names no table.
    assert_sql3(
        &select([func::count_star()]).select_from(&users),
        r#"SELECT COUNT(*) FROM "users""#,
        r#"SELECT COUNT(*) FROM "users""#,
        "SELECT COUNT(*) FROM `users`",
        vec![],
    );
    // Implicit FROM: every table referenced, in order of first reference
    // (select list, then WHERE, ...).
    let q = select([users.c("name")]).where_(posts.c("user_id").eq(users.c("id")));
    assert_sql3(
        &q,
        r#"SELECT "users"."name" FROM "users", "posts" WHERE "posts"."user_id" = "users"."id""#,
        r#"SELECT "users"."name" FROM "users", "posts" WHERE "posts"."user_id" = "users"."id""#,
        "SELECT `users`.`name` FROM `users`, `posts` WHERE `posts`.`user_id` = `users`.`id`",
        vec![],
    );
    // Explicit items come first, referenced tables after them.
    let q = select([users.c("name"), posts.c("title")])
        .select_from(&posts)
        .where_(posts.c("user_id").eq(users.c("id")));
    assert_sql3(
        &q,
        r#"SELECT "users"."name", "posts"."title" FROM "posts", "users" WHERE "posts"."user_id" = "users"."id""#,
        r#"SELECT "users"."name", "posts"."title" FROM "posts", "users" WHERE "posts"."user_id" = "users"."id""#,
        "SELECT `users`.`name`, `posts`.`title` FROM `posts`, `users` WHERE `posts`.`user_id` = `users`.`id`",
        vec![],
    );
}

#[test]
fn table_alias_and_self_join() {
    let emp = employees();
    let (e, m) = (emp.alias("e"), emp.alias("m"));
    let q = select([e.c("name"), m.c("name").label("manager")])
        .select_from(&e)
        .left_join_on(&m, e.c("manager_id").eq(m.c("id")))
        .order_by([e.c("id")]);
    assert_sql3(
        &q,
        r#"SELECT "e"."name", "m"."name" AS "manager" FROM "employees" AS "e" LEFT OUTER JOIN "employees" AS "m" ON "e"."manager_id" = "m"."id" ORDER BY "e"."id""#,
        r#"SELECT "e"."name", "m"."name" AS "manager" FROM "employees" AS "e" LEFT OUTER JOIN "employees" AS "m" ON "e"."manager_id" = "m"."id" ORDER BY "e"."id""#,
        "SELECT `e`.`name`, `m`.`name` AS `manager` FROM `employees` AS `e` LEFT OUTER JOIN `employees` AS `m` ON `e`.`manager_id` = `m`.`id` ORDER BY `e`.`id`",
        vec![],
    );
    // The aliased table is inferred into FROM under its alias too.
    assert_sql3(
        &select([e.star()]).where_(e.c("id").eq(1)),
        r#"SELECT "e".* FROM "employees" AS "e" WHERE "e"."id" = ?"#,
        r#"SELECT "e".* FROM "employees" AS "e" WHERE "e"."id" = $1"#,
        "SELECT `e`.* FROM `employees` AS `e` WHERE `e`.`id` = ?",
        vec![i(1)],
    );
}

#[test]
fn join_kinds_with_explicit_on() {
    let users = users();
    let posts = posts();
    let on = posts.c("user_id").eq(users.c("id"));
    let base = select([users.c("name"), posts.c("title")]).select_from(&users);
    let cases = [
        (base.clone().join_on(&posts, on.clone()), "JOIN"),
        (
            base.clone().left_join_on(&posts, on.clone()),
            "LEFT OUTER JOIN",
        ),
        (
            base.clone().right_join_on(&posts, on.clone()),
            "RIGHT OUTER JOIN",
        ),
        (
            base.clone().full_join_on(&posts, on.clone()),
            "FULL OUTER JOIN",
        ),
    ];
    for (q, kw) in cases {
        let ansi = format!(
            r#"SELECT "users"."name", "posts"."title" FROM "users" {kw} "posts" ON "posts"."user_id" = "users"."id""#
        );
        let my = format!(
            "SELECT `users`.`name`, `posts`.`title` FROM `users` {kw} `posts` ON `posts`.`user_id` = `users`.`id`"
        );
        if kw == "FULL OUTER JOIN" {
            assert_sql(
                &q,
                [(&sqlite(), &ansi, vec![]), (&postgres(), &ansi, vec![])],
            );
            // MySQL: the LEFT JOIN, then the right rows no left row matches.
            let my = concat!(
                "SELECT `users`.`name`, `posts`.`title` FROM `users` LEFT OUTER JOIN `posts` ON `posts`.`user_id` = `users`.`id`",
                " UNION ALL SELECT `users`.`name`, `posts`.`title` FROM `users` RIGHT OUTER JOIN `posts` ON FALSE",
                " WHERE NOT EXISTS (SELECT 1 FROM `users` WHERE `posts`.`user_id` = `users`.`id`)",
            );
            assert_sql(&q, [(&mysql(), my, vec![]), (&mariadb(), my, vec![])]);
        } else {
            assert_sql3(&q, &ansi, &ansi, &my, vec![]);
        }
    }
    // SQLite before 3.39 has neither RIGHT nor FULL joins.
    let old = sqlexpr_sqlite::Sqlite::with_version(3, 38, 0);
    assert_unsupported(
        &base.clone().right_join_on(&posts, on.clone()),
        &old,
        "RIGHT OUTER JOIN",
    );
    assert_unsupported(
        &base.clone().full_join_on(&posts, on.clone()),
        &old,
        "FULL OUTER JOIN",
    );
    // CROSS JOIN takes no condition.
    assert_sql3(
        &base.cross_join(&posts),
        r#"SELECT "users"."name", "posts"."title" FROM "users" CROSS JOIN "posts""#,
        r#"SELECT "users"."name", "posts"."title" FROM "users" CROSS JOIN "posts""#,
        "SELECT `users`.`name`, `posts`.`title` FROM `users` CROSS JOIN `posts`",
        vec![],
    );
    // The ON condition binds its values in order.
    let q = select([users.c("name")])
        .select_from(&users)
        .join_on(&posts, on & posts.c("likes").gt(3))
        .where_(users.c("age").gt(18));
    assert_sql3(
        &q,
        r#"SELECT "users"."name" FROM "users" JOIN "posts" ON "posts"."user_id" = "users"."id" AND "posts"."likes" > ? WHERE "users"."age" > ?"#,
        r#"SELECT "users"."name" FROM "users" JOIN "posts" ON "posts"."user_id" = "users"."id" AND "posts"."likes" > $1 WHERE "users"."age" > $2"#,
        "SELECT `users`.`name` FROM `users` JOIN `posts` ON `posts`.`user_id` = `users`.`id` AND `posts`.`likes` > ? WHERE `users`.`age` > ?",
        vec![i(3), i(18)],
    );
}

#[test]
fn join_condition_inferred_from_the_foreign_key() {
    let users = users();
    let posts = posts();
    // From the referenced side and from the referencing side.
    let q = select([users.c("name"), posts.c("title")])
        .select_from(&users)
        .join(&posts);
    assert_sql3(
        &q,
        r#"SELECT "users"."name", "posts"."title" FROM "users" JOIN "posts" ON "posts"."user_id" = "users"."id""#,
        r#"SELECT "users"."name", "posts"."title" FROM "users" JOIN "posts" ON "posts"."user_id" = "users"."id""#,
        "SELECT `users`.`name`, `posts`.`title` FROM `users` JOIN `posts` ON `posts`.`user_id` = `users`.`id`",
        vec![],
    );
    let q = select([posts.c("title"), users.c("name")]).left_join(&users);
    assert_sql3(
        &q,
        r#"SELECT "posts"."title", "users"."name" FROM "posts" LEFT OUTER JOIN "users" ON "posts"."user_id" = "users"."id""#,
        r#"SELECT "posts"."title", "users"."name" FROM "posts" LEFT OUTER JOIN "users" ON "posts"."user_id" = "users"."id""#,
        "SELECT `posts`.`title`, `users`.`name` FROM `posts` LEFT OUTER JOIN `users` ON `posts`.`user_id` = `users`.`id`",
        vec![],
    );
    // Under aliases.
    let (u, p) = (users.alias("u"), posts.alias("p"));
    let q = select([u.c("name"), p.c("title")])
        .select_from(&u)
        .right_join(&p);
    assert_sql3(
        &q,
        r#"SELECT "u"."name", "p"."title" FROM "users" AS "u" RIGHT OUTER JOIN "posts" AS "p" ON "p"."user_id" = "u"."id""#,
        r#"SELECT "u"."name", "p"."title" FROM "users" AS "u" RIGHT OUTER JOIN "posts" AS "p" ON "p"."user_id" = "u"."id""#,
        "SELECT `u`.`name`, `p`.`title` FROM `users` AS `u` RIGHT OUTER JOIN `posts` AS `p` ON `p`.`user_id` = `u`.`id`",
        vec![],
    );
    let q = select([users.c("name"), posts.c("title")])
        .select_from(&users)
        .full_join(&posts);
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"SELECT "users"."name", "posts"."title" FROM "users" FULL OUTER JOIN "posts" ON "posts"."user_id" = "users"."id""#,
            vec![],
        )],
    );
    assert_sql(
        &q,
        [(
            &mysql(),
            concat!(
                "SELECT `users`.`name`, `posts`.`title` FROM `users` LEFT OUTER JOIN `posts` ON `posts`.`user_id` = `users`.`id`",
                " UNION ALL SELECT `users`.`name`, `posts`.`title` FROM `users` RIGHT OUTER JOIN `posts` ON FALSE",
                " WHERE NOT EXISTS (SELECT 1 FROM `users` WHERE `posts`.`user_id` = `users`.`id`)",
            ),
            vec![],
        )],
    );
}

#[test]
fn join_condition_inferred_from_a_composite_foreign_key() {
    let orders = orders();
    let lines = order_lines();
    let q = select([orders.c("customer"), lines.c("item")])
        .select_from(&orders)
        .join(&lines);
    assert_sql3(
        &q,
        r#"SELECT "orders"."customer", "order_lines"."item" FROM "orders" JOIN "order_lines" ON "order_lines"."region" = "orders"."region" AND "order_lines"."num" = "orders"."num""#,
        r#"SELECT "orders"."customer", "order_lines"."item" FROM "orders" JOIN "order_lines" ON "order_lines"."region" = "orders"."region" AND "order_lines"."num" = "orders"."num""#,
        "SELECT `orders`.`customer`, `order_lines`.`item` FROM `orders` JOIN `order_lines` ON `order_lines`.`region` = `orders`.`region` AND `order_lines`.`num` = `orders`.`num`",
        vec![],
    );
}

#[test]
fn join_inference_errors() {
    let users = users();
    let notes = notes();
    let messages = messages();
    let emp = employees();
    // No foreign key at all.
    let q = select([users.c("name")]).select_from(&users).join(&notes);
    assert_eq!(
        q.compile(&sqlite()),
        Err(Error::JoinInference {
            left: "users".into(),
            right: "notes".into(),
            candidates: 0
        })
    );
    // Two foreign keys to the same table.
    let q = select([users.c("name")])
        .select_from(&users)
        .join(&messages);
    for d in [&sqlite() as &dyn Dialect, &postgres(), &mysql()] {
        assert_eq!(
            q.compile(d),
            Err(Error::JoinInference {
                left: "users".into(),
                right: "messages".into(),
                candidates: 2
            })
        );
    }
    // A self-reference between two aliases: either direction fits.
    let (e, m) = (emp.alias("e"), emp.alias("m"));
    let q = select([e.c("name")]).select_from(&e).join(&m);
    assert_eq!(
        q.compile(&postgres()),
        Err(Error::JoinInference {
            left: "employees AS e".into(),
            right: "employees AS m".into(),
            candidates: 2
        })
    );
    // A subquery joined without ON: nothing to infer from.
    let sub = select([users.c("id")]).subquery("ids");
    let q = select([users.c("name")]).select_from(&users).join(&sub);
    assert_eq!(
        q.compile(&mysql()),
        Err(Error::JoinInference {
            left: "users".into(),
            right: "ids".into(),
            candidates: 0
        })
    );
    let msg = q.compile(&mysql()).unwrap_err().to_string();
    assert!(msg.contains("give an ON clause"), "{msg}");
    // A join with nothing to join to, and a CROSS JOIN with a condition.
    let q = select([raw("1")]).join(&users);
    assert!(matches!(
        q.compile(&sqlite()),
        Err(Error::Invalid {
            construct: "JOIN",
            ..
        })
    ));
}

#[test]
fn subquery_in_from() {
    let users = users();
    let posts = posts();
    let counts = select([posts.c("user_id"), func::count_star().label("n")])
        .group_by([posts.c("user_id")])
        .subquery("pc");
    let q = select([users.c("name"), counts.c("n")])
        .select_from(&users)
        .join_on(&counts, counts.c("user_id").eq(users.c("id")))
        .where_(counts.c("n").gt(1));
    assert_sql3(
        &q,
        r#"SELECT "users"."name", "pc"."n" FROM "users" JOIN (SELECT "posts"."user_id", COUNT(*) AS "n" FROM "posts" GROUP BY "posts"."user_id") AS "pc" ON "pc"."user_id" = "users"."id" WHERE "pc"."n" > ?"#,
        r#"SELECT "users"."name", "pc"."n" FROM "users" JOIN (SELECT "posts"."user_id", COUNT(*) AS "n" FROM "posts" GROUP BY "posts"."user_id") AS "pc" ON "pc"."user_id" = "users"."id" WHERE "pc"."n" > $1"#,
        "SELECT `users`.`name`, `pc`.`n` FROM `users` JOIN (SELECT `posts`.`user_id`, COUNT(*) AS `n` FROM `posts` GROUP BY `posts`.`user_id`) AS `pc` ON `pc`.`user_id` = `users`.`id` WHERE `pc`.`n` > ?",
        vec![i(1)],
    );
    // A subquery as the only FROM item, with its params numbered first.
    let adults = select([users.c("id"), users.c("name")])
        .where_(users.c("age").ge(18))
        .subquery("adults");
    let q = select([adults.star()])
        .select_from(&adults)
        .where_(adults.c("name").ne("x"))
        .limit(5);
    assert_sql3(
        &q,
        r#"SELECT "adults".* FROM (SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."age" >= ?) AS "adults" WHERE "adults"."name" <> ? LIMIT 5"#,
        r#"SELECT "adults".* FROM (SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."age" >= $1) AS "adults" WHERE "adults"."name" <> $2 LIMIT 5"#,
        "SELECT `adults`.* FROM (SELECT `users`.`id`, `users`.`name` FROM `users` WHERE `users`.`age` >= ?) AS `adults` WHERE `adults`.`name` <> ? LIMIT 5",
        vec![i(18), Value::Text("x".into())],
    );
    // A derived table names its own FROM even when the outer query has the
    // same table (it cannot correlate).
    let q = select([users.c("name"), adults.c("id")])
        .select_from(&users)
        .join_on(&adults, adults.c("id").eq(users.c("id")));
    assert_sql(
        &q,
        [(
            &sqlite(),
            r#"SELECT "users"."name", "adults"."id" FROM "users" JOIN (SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."age" >= ?) AS "adults" ON "adults"."id" = "users"."id""#,
            vec![i(18)],
        )],
    );
}

#[test]
fn where_group_by_having_order_by_limit_offset_distinct() {
    let posts = posts();
    let n = func::count_star().label("n");
    let q = select([posts.c("user_id"), n.clone()])
        .distinct()
        .where_(posts.c("likes").ge(0))
        .where_(posts.c("title").ne("spam") | posts.c("likes").gt(100))
        .group_by([posts.c("user_id")])
        .having(func::count_star().gt(1))
        .having(func::sum(posts.c("likes")).lt(1000))
        .order_by([n.desc(), posts.c("user_id").asc()])
        .limit(10)
        .offset(20);
    assert_sql3(
        &q,
        r#"SELECT DISTINCT "posts"."user_id", COUNT(*) AS "n" FROM "posts" WHERE "posts"."likes" >= ? AND ("posts"."title" <> ? OR "posts"."likes" > ?) GROUP BY "posts"."user_id" HAVING COUNT(*) > ? AND SUM("posts"."likes") < ? ORDER BY "n" DESC, "posts"."user_id" ASC LIMIT 10 OFFSET 20"#,
        r#"SELECT DISTINCT "posts"."user_id", COUNT(*) AS "n" FROM "posts" WHERE "posts"."likes" >= $1 AND ("posts"."title" <> $2 OR "posts"."likes" > $3) GROUP BY "posts"."user_id" HAVING COUNT(*) > $4 AND SUM("posts"."likes") < $5 ORDER BY "n" DESC, "posts"."user_id" ASC LIMIT 10 OFFSET 20"#,
        "SELECT DISTINCT `posts`.`user_id`, COUNT(*) AS `n` FROM `posts` WHERE `posts`.`likes` >= ? AND (`posts`.`title` <> ? OR `posts`.`likes` > ?) GROUP BY `posts`.`user_id` HAVING COUNT(*) > ? AND SUM(`posts`.`likes`) < ? ORDER BY `n` DESC, `posts`.`user_id` ASC LIMIT 10 OFFSET 20",
        vec![i(0), Value::Text("spam".into()), i(100), i(1), i(1000)],
    );
    // GROUP BY a label groups by its expression.
    let len = func::length(posts.c("title")).label("len");
    let q = select([len.clone(), func::count_star()]).group_by([len]);
    assert_sql3(
        &q,
        r#"SELECT length("posts"."title") AS "len", COUNT(*) FROM "posts" GROUP BY length("posts"."title")"#,
        r#"SELECT CHAR_LENGTH("posts"."title") AS "len", COUNT(*) FROM "posts" GROUP BY CHAR_LENGTH("posts"."title")"#,
        "SELECT CHAR_LENGTH(`posts`.`title`) AS `len`, COUNT(*) FROM `posts` GROUP BY CHAR_LENGTH(`posts`.`title`)",
        vec![],
    );
}

#[test]
fn limit_and_offset() {
    let users = users();
    let q = select([users.c("id")]);
    assert_sql3(
        &q.clone().limit(3),
        r#"SELECT "users"."id" FROM "users" LIMIT 3"#,
        r#"SELECT "users"."id" FROM "users" LIMIT 3"#,
        "SELECT `users`.`id` FROM `users` LIMIT 3",
        vec![],
    );
    // OFFSET alone: SQLite and MySQL need a LIMIT.
    let q = q.offset(2);
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"SELECT "users"."id" FROM "users" LIMIT -1 OFFSET 2"#,
                vec![],
            ),
            (
                &postgres(),
                r#"SELECT "users"."id" FROM "users" OFFSET 2"#,
                vec![],
            ),
            (
                &mysql(),
                "SELECT `users`.`id` FROM `users` LIMIT 18446744073709551615 OFFSET 2",
                vec![],
            ),
            (
                &mariadb(),
                "SELECT `users`.`id` FROM `users` LIMIT 18446744073709551615 OFFSET 2",
                vec![],
            ),
        ],
    );
    // The generic dialect (Display) keeps plain OFFSET.
    assert_eq!(
        q.to_string(),
        r#"SELECT "users"."id" FROM "users" OFFSET 2"#
    );
}

#[test]
fn unknown_columns_name_table_and_column() {
    let users = users();
    assert_eq!(
        users.col("nope"),
        Err(Error::UnknownColumn {
            table: "users".into(),
            column: "nope".into()
        })
    );
    assert_eq!(
        users.alias("u").col("nope"),
        Err(Error::UnknownColumn {
            table: "users (as u)".into(),
            column: "nope".into()
        })
    );
    let sub = select([users.c("id"), users.c("name").label("who")]).subquery("s");
    assert!(sub.col("who").is_ok());
    assert!(sub.col("id").is_ok());
    assert_eq!(
        sub.col("name"),
        Err(Error::UnknownColumn {
            table: "subquery s".into(),
            column: "name".into()
        })
    );
    let msg = users.col("nope").unwrap_err().to_string();
    assert_eq!(msg, r#"table "users" has no column "nope""#);
    // The panicking shorthands say the same.
    let panic =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| users.c("nope"))).unwrap_err();
    assert_eq!(
        panic.downcast_ref::<String>().map(String::as_str),
        Some(r#"table "users" has no column "nope""#)
    );
}

#[test]
fn correlated_subqueries() {
    let users = users();
    let posts = posts();
    // The inner query refers to the outer table: it is not repeated there.
    let n_posts = select([func::count_star()])
        .select_from(&posts)
        .where_(posts.c("user_id").eq(users.c("id")))
        .scalar_subquery()
        .label("n");
    let q = select([users.c("name"), n_posts])
        .where_(exists(select([posts.c("id")]).where_(
            posts.c("user_id").eq(users.c("id")) & posts.c("likes").gt(3),
        )));
    assert_sql3(
        &q,
        r#"SELECT "users"."name", (SELECT COUNT(*) FROM "posts" WHERE "posts"."user_id" = "users"."id") AS "n" FROM "users" WHERE EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."user_id" = "users"."id" AND "posts"."likes" > ?)"#,
        r#"SELECT "users"."name", (SELECT COUNT(*) FROM "posts" WHERE "posts"."user_id" = "users"."id") AS "n" FROM "users" WHERE EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."user_id" = "users"."id" AND "posts"."likes" > $1)"#,
        "SELECT `users`.`name`, (SELECT COUNT(*) FROM `posts` WHERE `posts`.`user_id` = `users`.`id`) AS `n` FROM `users` WHERE EXISTS (SELECT `posts`.`id` FROM `posts` WHERE `posts`.`user_id` = `users`.`id` AND `posts`.`likes` > ?)",
        vec![i(3)],
    );
    // Correlation to an alias of the outer query.
    let u = users.alias("u");
    let q = select([u.c("name")]).where_(!exists(
        select([posts.c("id")]).where_(posts.c("user_id").eq(u.c("id"))),
    ));
    assert_sql3(
        &q,
        r#"SELECT "u"."name" FROM "users" AS "u" WHERE NOT EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."user_id" = "u"."id")"#,
        r#"SELECT "u"."name" FROM "users" AS "u" WHERE NOT EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."user_id" = "u"."id")"#,
        "SELECT `u`.`name` FROM `users` AS `u` WHERE NOT EXISTS (SELECT `posts`.`id` FROM `posts` WHERE `posts`.`user_id` = `u`.`id`)",
        vec![],
    );
}

#[test]
fn subquery_on_the_outer_table_alone_keeps_its_from() {
    // Correlating every table away would leave the inner query without a
    // FROM (and compute the average of one row): it keeps its FROM.
    let users = users();
    let avg_age = select([func::avg(users.c("age"))]).scalar_subquery();
    let q = select([users.c("name")]).where_(users.c("age").gt(avg_age));
    assert_sql3(
        &q,
        r#"SELECT "users"."name" FROM "users" WHERE "users"."age" > (SELECT AVG("users"."age") FROM "users")"#,
        r#"SELECT "users"."name" FROM "users" WHERE "users"."age" > (SELECT AVG("users"."age") FROM "users")"#,
        "SELECT `users`.`name` FROM `users` WHERE `users`.`age` > (SELECT AVG(`users`.`age`) FROM `users`)",
        vec![],
    );
}

#[test]
fn display_uses_the_generic_dialect() {
    let users = users();
    let q = select([users.c("id")])
        .where_(users.c("name").ilike("a%") & users.c("age").in_([1, 2]))
        .offset(1);
    assert_eq!(
        q.to_string(),
        r#"SELECT "users"."id" FROM "users" WHERE "users"."name" ILIKE :p1 AND "users"."age" IN (:p2, :p3) OFFSET 1"#
    );
    assert_eq!(users.c("age").eq(1).to_string(), r#""users"."age" = :p1"#);
    // A statement that does not render says why, instead of panicking.
    let bad = select([case().end()]);
    assert_eq!(
        bad.to_string(),
        "/* cannot render: invalid CASE: a CASE needs at least one WHEN */"
    );
}

#[test]
fn nested_correlation_and_its_ambiguity() {
    let users = users();
    let posts = posts();
    // Innermost query references posts (of the middle query) and users (of
    // the outer one): which to correlate is ambiguous, so it is an error...
    let inner = select([posts.c("id")]).where_(posts.c("user_id").eq(users.c("id")));
    let middle = select([func::count_star()])
        .select_from(&posts)
        .where_(exists(inner.clone()));
    let q = select([users.c("id"), middle.scalar_subquery()]);
    for d in [&sqlite() as &dyn Dialect, &postgres(), &mysql()] {
        match q.compile(d) {
            Err(Error::Invalid { construct, reason }) => {
                assert_eq!(construct, "subquery");
                assert!(reason.contains("select_from"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
    // ...and naming its own table settles it: posts is scanned, users
    // correlates to the outer query through the middle one.
    let middle = select([func::count_star()])
        .select_from(&posts)
        .where_(exists(inner.select_from(&posts)));
    let q = select([users.c("id"), middle.scalar_subquery().label("n")]);
    assert_sql3(
        &q,
        r#"SELECT "users"."id", (SELECT COUNT(*) FROM "posts" WHERE EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."user_id" = "users"."id")) AS "n" FROM "users""#,
        r#"SELECT "users"."id", (SELECT COUNT(*) FROM "posts" WHERE EXISTS (SELECT "posts"."id" FROM "posts" WHERE "posts"."user_id" = "users"."id")) AS "n" FROM "users""#,
        "SELECT `users`.`id`, (SELECT COUNT(*) FROM `posts` WHERE EXISTS (SELECT `posts`.`id` FROM `posts` WHERE `posts`.`user_id` = `users`.`id`)) AS `n` FROM `users`",
        vec![],
    );
    // The same ambiguity at one level: the outer query has both tables.
    let q = select([users.c("name")])
        .select_from(&users)
        .join(&posts)
        .where_(exists(
            select([posts.c("id")]).where_(posts.c("user_id").eq(users.c("id"))),
        ));
    assert!(matches!(
        q.compile(&postgres()),
        Err(Error::Invalid {
            construct: "subquery",
            ..
        })
    ));
}

#[test]
fn full_join_emulation_shapes() {
    let users = users();
    let posts = posts();
    let base = || {
        select([users.c("name"), posts.c("title")])
            .select_from(&users)
            .full_join(&posts)
    };
    let why = "FULL OUTER JOIN (emulated as LEFT JOIN UNION ALL the unmatched right rows)";
    for q in [
        base().order_by([users.c("name")]),
        base().limit(1),
        base().distinct(),
        base().group_by([users.c("name"), posts.c("title")]),
        select([sqlexpr::expr::func::count_star()])
            .select_from(&users)
            .full_join(&posts),
        base().join_on(posts.alias("p2"), Expr::Bool(true)),
    ] {
        assert_unsupported(&q, &mysql(), why);
    }
    // WHERE applies to both halves; a WITH goes before the whole.
    let q = base().where_(users.c("name").ne("x"));
    assert_sql(
        &q,
        [(
            &mariadb(),
            concat!(
                "SELECT `users`.`name`, `posts`.`title` FROM `users` LEFT OUTER JOIN `posts` ON `posts`.`user_id` = `users`.`id` WHERE `users`.`name` <> ?",
                " UNION ALL SELECT `users`.`name`, `posts`.`title` FROM `users` RIGHT OUTER JOIN `posts` ON FALSE",
                " WHERE NOT EXISTS (SELECT 1 FROM `users` WHERE `posts`.`user_id` = `users`.`id`) AND `users`.`name` <> ?",
            ),
            vec!["x".into(), "x".into()],
        )],
    );
    // Wrapped in a derived table, it takes what the outer query does, and
    // as a member of a set operation it is parenthesised.
    let fj = base().subquery("fj");
    let q = select([sqlexpr::expr::func::count_star()]).select_from(&fj);
    assert_sql(
        &q,
        [(
            &mariadb(),
            concat!(
                "SELECT COUNT(*) FROM (SELECT `users`.`name`, `posts`.`title` FROM `users` LEFT OUTER JOIN `posts` ON `posts`.`user_id` = `users`.`id`",
                " UNION ALL SELECT `users`.`name`, `posts`.`title` FROM `users` RIGHT OUTER JOIN `posts` ON FALSE",
                " WHERE NOT EXISTS (SELECT 1 FROM `users` WHERE `posts`.`user_id` = `users`.`id`)) AS `fj`",
            ),
            vec![],
        )],
    );
    let q = select([users.c("name"), users.c("email")]).intersect(base());
    assert_sql(
        &q,
        [(
            &mariadb(),
            concat!(
                "SELECT `users`.`name`, `users`.`email` FROM `users` INTERSECT (",
                "SELECT `users`.`name`, `posts`.`title` FROM `users` LEFT OUTER JOIN `posts` ON `posts`.`user_id` = `users`.`id`",
                " UNION ALL SELECT `users`.`name`, `posts`.`title` FROM `users` RIGHT OUTER JOIN `posts` ON FALSE",
                " WHERE NOT EXISTS (SELECT 1 FROM `users` WHERE `posts`.`user_id` = `users`.`id`))",
            ),
            vec![],
        )],
    );
}
