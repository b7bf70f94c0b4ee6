//! CTEs (WITH, several, RECURSIVE, MATERIALIZED) and subqueries (ANY / ALL,
//! explicit correlation, LATERAL).
mod common;
mod select3;

use common::*;
use select3::*;
use sqlexpr::expr::BinaryOp;
use sqlexpr::prelude::*;
use sqlexpr::stmt::Cte;
use sqlexpr_mysql::{Flavour, MySql};

#[test]
fn several_ctes_used_in_a_join() {
    let e = emp();
    let d = dept();
    let rich = select([e.c("name"), e.c("dept")])
        .where_(e.c("salary").ge(90))
        .cte("rich");
    let high = select([d.c("name").label("dname")])
        .where_(d.c("floor").ge(2))
        .cte("high");
    let q = select([rich.c("name")])
        .select_from(&rich)
        .join_on(&high, high.c("dname").eq(rich.c("dept")))
        .with(rich)
        .with(high);
    assert_sql3(
        &q,
        r#"WITH "rich" AS (SELECT "emp"."name", "emp"."dept" FROM "emp" WHERE "emp"."salary" >= ?), "high" AS (SELECT "dept"."name" AS "dname" FROM "dept" WHERE "dept"."floor" >= ?) SELECT "rich"."name" FROM "rich" JOIN "high" ON "high"."dname" = "rich"."dept""#,
        r#"WITH "rich" AS (SELECT "emp"."name", "emp"."dept" FROM "emp" WHERE "emp"."salary" >= $1), "high" AS (SELECT "dept"."name" AS "dname" FROM "dept" WHERE "dept"."floor" >= $2) SELECT "rich"."name" FROM "rich" JOIN "high" ON "high"."dname" = "rich"."dept""#,
        "WITH `rich` AS (SELECT `emp`.`name`, `emp`.`dept` FROM `emp` WHERE `emp`.`salary` >= ?), `high` AS (SELECT `dept`.`name` AS `dname` FROM `dept` WHERE `dept`.`floor` >= ?) SELECT `rich`.`name` FROM `rich` JOIN `high` ON `high`.`dname` = `rich`.`dept`",
        vec![Value::I32(90), Value::I32(2)],
    );
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![text("dan")]]);
}

#[test]
fn recursive_cte_with_column_list() {
    let e = emp();
    // The chain of command under ann.
    let chain = Cte::new("chain").columns(["id", "depth"]);
    let body = select([e.c("id"), value(0)])
        .where_(e.c("boss_id").is_null())
        .union_all(
            select([e.c("id"), chain.c("depth") + 1])
                .select_from(&chain)
                .join_on(&e, e.c("boss_id").eq(chain.c("id"))),
        );
    let chain = chain.as_(body);
    let q = select([chain.c("id"), chain.c("depth")])
        .select_from(&chain)
        .order_by([chain.c("id")])
        .with_recursive(chain);
    assert_sql3(
        &q,
        r#"WITH RECURSIVE "chain" ("id", "depth") AS (SELECT "emp"."id", ? FROM "emp" WHERE "emp"."boss_id" IS NULL UNION ALL SELECT "emp"."id", "chain"."depth" + ? FROM "chain" JOIN "emp" ON "emp"."boss_id" = "chain"."id") SELECT "chain"."id", "chain"."depth" FROM "chain" ORDER BY "chain"."id""#,
        r#"WITH RECURSIVE "chain" ("id", "depth") AS (SELECT "emp"."id", CAST($1 AS INTEGER) FROM "emp" WHERE "emp"."boss_id" IS NULL UNION ALL SELECT "emp"."id", "chain"."depth" + $2 FROM "chain" JOIN "emp" ON "emp"."boss_id" = "chain"."id") SELECT "chain"."id", "chain"."depth" FROM "chain" ORDER BY "chain"."id""#,
        "WITH RECURSIVE `chain` (`id`, `depth`) AS (SELECT `emp`.`id`, ? FROM `emp` WHERE `emp`.`boss_id` IS NULL UNION ALL SELECT `emp`.`id`, `chain`.`depth` + ? FROM `chain` JOIN `emp` ON `emp`.`boss_id` = `chain`.`id`) SELECT `chain`.`id`, `chain`.`depth` FROM `chain` ORDER BY `chain`.`id`",
        vec![Value::I32(0), Value::I32(1)],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![
            vec![int(1), int(0)],
            vec![int(2), int(1)],
            vec![int(3), int(1)],
            vec![int(4), int(2)],
            vec![int(5), int(2)],
        ]
    );
}

#[test]
fn materialized_hint() {
    let e = emp();
    let c = select([e.c("id")]).cte("c").materialized();
    let q = select([c.c("id")])
        .select_from(&c)
        .order_by([c.c("id")])
        .limit(1)
        .with(c);
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"WITH "c" AS MATERIALIZED (SELECT "emp"."id" FROM "emp") SELECT "c"."id" FROM "c" ORDER BY "c"."id" LIMIT 1"#,
                vec![],
            ),
            (
                &postgres(),
                r#"WITH "c" AS MATERIALIZED (SELECT "emp"."id" FROM "emp") SELECT "c"."id" FROM "c" ORDER BY "c"."id" LIMIT 1"#,
                vec![],
            ),
        ],
    );
    // MySQL and MariaDB have no hint: it is left out, which changes no rows.
    let my = "WITH `c` AS (SELECT `emp`.`id` FROM `emp`) SELECT `c`.`id` FROM `c` ORDER BY `c`.`id` LIMIT 1";
    assert_sql(&q, [(&mysql(), my, vec![]), (&mariadb(), my, vec![])]);
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![int(1)]]);
    let n = select([value(1).label("x")]).cte("n").not_materialized();
    let q = select([n.c("x")]).select_from(&n).with(n);
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"WITH "n" AS NOT MATERIALIZED (SELECT CAST($1 AS INTEGER) AS "x") SELECT "n"."x" FROM "n""#,
            vec![Value::I32(1)],
        )],
    );
}

#[test]
fn cte_inside_a_subquery_and_missing_body() {
    let e = emp();
    let d = dept();
    let eng = select([e.c("dept")])
        .where_(e.c("salary").gt(95))
        .cte("top");
    let sub = select([eng.c("dept")]).select_from(&eng).with(eng);
    let q = select([d.c("floor")]).where_(d.c("name").in_subquery(sub));
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"SELECT "dept"."floor" FROM "dept" WHERE "dept"."name" IN (WITH "top" AS (SELECT "emp"."dept" FROM "emp" WHERE "emp"."salary" > $1) SELECT "top"."dept" FROM "top")"#,
            vec![Value::I32(95)],
        )],
    );
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![int(1)]]);

    let empty = Cte::new("nothing");
    let q = select([empty.c("x")]).select_from(&empty).with(empty);
    assert!(matches!(
        q.compile(&sqlite()),
        Err(sqlexpr::Error::Invalid {
            construct: "CTE",
            ..
        })
    ));
}

#[test]
fn any_and_all() {
    let e = emp();
    let ops = || select([e.c("salary")]).where_(e.c("dept").eq("ops"));
    let q = select([e.c("name")])
        .where_(e.c("salary").cmp_all(BinaryOp::Gt, ops()))
        .order_by([e.c("id")]);
    assert_sql(
        &q,
        [
            (&postgres(), r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."salary" > ALL (SELECT "emp"."salary" FROM "emp" WHERE "emp"."dept" = $1) ORDER BY "emp"."id""#, vec!["ops".into()]),
            (&mysql(), "SELECT `emp`.`name` FROM `emp` WHERE `emp`.`salary` > ALL (SELECT `emp`.`salary` FROM `emp` WHERE `emp`.`dept` = ?) ORDER BY `emp`.`id`", vec!["ops".into()]),
        ],
    );
    // SQLite: the largest of a code per subquery row (FALSE 2, NULL 1, TRUE 0).
    assert_sql(
        &q,
        [(
            &sqlite(),
            concat!(
                r#"SELECT "emp"."name" FROM "emp" WHERE (SELECT CASE MAX(CASE WHEN "emp"."salary" > "_q"."salary" THEN 0"#,
                r#" WHEN NOT ("emp"."salary" > "_q"."salary") THEN 2 ELSE 1 END) WHEN 2 THEN FALSE WHEN 1 THEN NULL ELSE TRUE END"#,
                r#" FROM (SELECT "emp"."salary" FROM "emp" WHERE "emp"."dept" = ?) AS "_q") ORDER BY "emp"."id""#,
            ),
            vec!["ops".into()],
        )],
    );
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![text("ann")]]);
    // `= ANY` is IN and `<> ALL` is NOT IN where ANY / ALL do not exist.
    let q = select([e.c("name")])
        .where_(e.c("salary").cmp_any(BinaryOp::Eq, ops()))
        .order_by([e.c("id")]);
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."salary" IN (SELECT "emp"."salary" FROM "emp" WHERE "emp"."dept" = ?) ORDER BY "emp"."id""#,
                vec!["ops".into()],
            ),
            (
                &postgres(),
                r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."salary" = ANY (SELECT "emp"."salary" FROM "emp" WHERE "emp"."dept" = $1) ORDER BY "emp"."id""#,
                vec!["ops".into()],
            ),
        ],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![text("cid")], vec![text("dan")]]
    );
    let q = select([e.c("name")])
        .where_(e.c("salary").cmp_all(BinaryOp::Ne, ops()))
        .order_by([e.c("id")]);
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![text("ann")], vec![text("bob")], vec![text("eve")]]
    );
}

#[test]
fn automatic_and_explicit_correlation() {
    let e = emp();
    let d = dept();
    let count = || select([func::count_star()]).where_(e.c("dept").eq(d.c("name")));
    // Automatic: dept comes from the enclosing query.
    let q = select([d.c("name"), count().scalar_subquery().label("n")]).order_by([d.c("name")]);
    assert_sql(
        &q,
        [(
            &sqlite(),
            r#"SELECT "dept"."name", (SELECT COUNT(*) FROM "emp" WHERE "emp"."dept" = "dept"."name") AS "n" FROM "dept" ORDER BY "dept"."name""#,
            vec![],
        )],
    );
    let rows = vec![
        vec![text("eng"), int(3)],
        vec![text("hr"), int(0)],
        vec![text("ops"), int(2)],
    ];
    assert_eq!(sqlite_rows(&db(), &q), rows);
    // Explicit: the same, named.
    let q2 = select([
        d.c("name"),
        count().correlate([&d]).scalar_subquery().label("n"),
    ])
    .order_by([d.c("name")]);
    assert_eq!(
        q2.compile(&sqlite()).unwrap().sql,
        q.compile(&sqlite()).unwrap().sql
    );
    // None: the subquery gets its own FROM dept (an uncorrelated count).
    let q3 = select([
        d.c("name"),
        count().correlate_none().scalar_subquery().label("n"),
    ])
    .order_by([d.c("name")]);
    assert_sql(
        &q3,
        [(
            &postgres(),
            r#"SELECT "dept"."name", (SELECT COUNT(*) FROM "emp", "dept" WHERE "emp"."dept" = "dept"."name") AS "n" FROM "dept" ORDER BY "dept"."name""#,
            vec![],
        )],
    );
    assert_eq!(
        sqlite_rows(&db(), &q3),
        vec![
            vec![text("eng"), int(5)],
            vec![text("hr"), int(5)],
            vec![text("ops"), int(5)]
        ]
    );
}

#[test]
fn lateral_join() {
    let e = emp();
    let d = dept();
    let best = select([e.c("name")])
        .where_(e.c("dept").eq(d.c("name")))
        .order_by([e.c("salary").desc()])
        .limit(1)
        .subquery("best");
    let q = select([d.c("name"), best.c("name")])
        .select_from(&d)
        .cross_join(best.clone().lateral());
    assert_sql(
        &q,
        [
            (&postgres(), r#"SELECT "dept"."name", "best"."name" FROM "dept" CROSS JOIN LATERAL (SELECT "emp"."name" FROM "emp" WHERE "emp"."dept" = "dept"."name" ORDER BY "emp"."salary" DESC LIMIT 1) AS "best""#, vec![]),
            (&mysql(), "SELECT `dept`.`name`, `best`.`name` FROM `dept` CROSS JOIN LATERAL (SELECT `emp`.`name` FROM `emp` WHERE `emp`.`dept` = `dept`.`name` ORDER BY `emp`.`salary` DESC LIMIT 1) AS `best`", vec![]),
        ],
    );
    assert_unsupported(&q, &sqlite(), "LATERAL");
    assert_unsupported(&q, &mariadb(), "LATERAL");
    assert_unsupported(
        &q,
        &MySql::with_version(Flavour::MySql, 8, 0, 13),
        "LATERAL",
    );
    let q = select([d.c("name"), best.c("name")])
        .select_from(&d)
        .left_join_on(best.lateral(), sqlexpr::Expr::Bool(true));
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"SELECT "dept"."name", "best"."name" FROM "dept" LEFT OUTER JOIN LATERAL (SELECT "emp"."name" FROM "emp" WHERE "emp"."dept" = "dept"."name" ORDER BY "emp"."salary" DESC LIMIT 1) AS "best" ON TRUE"#,
            vec![],
        )],
    );
}

#[test]
fn any_and_all_emulation_on_sqlite() {
    let e = emp();
    let e2 = e.alias("e2");
    // An unnamed subquery column is labelled to be read.
    let q = select([
        e.c("id"),
        e.c("salary").cmp_any(
            BinaryOp::Lt,
            select([sqlexpr::expr::func::max(e2.c("salary")) - 15]),
        ),
    ])
    .order_by([e.c("id")]);
    assert_sql(
        &q,
        [(
            &sqlite(),
            concat!(
                r#"SELECT "emp"."id", (SELECT CASE MAX(CASE WHEN "emp"."salary" < "_q"."_c" THEN 2"#,
                r#" WHEN NOT ("emp"."salary" < "_q"."_c") THEN 0 ELSE 1 END) WHEN 2 THEN TRUE WHEN 1 THEN NULL ELSE FALSE END"#,
                r#" FROM (SELECT MAX("e2"."salary") - ? AS "_c" FROM "emp" AS "e2") AS "_q") FROM "emp" ORDER BY "emp"."id""#,
            ),
            vec![Value::I32(15)],
        )],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![
            vec![int(1), int(0)],
            vec![int(2), int(1)],
            vec![int(3), int(1)],
            vec![int(4), int(0)],
            vec![int(5), int(1)],
        ]
    );
    // An empty subquery: ALL is TRUE and ANY FALSE, even for a NULL.
    let empty = || select([e2.c("salary")]).where_(e2.c("id").gt(100));
    let q = select([
        Expr::Null.cmp_all(BinaryOp::Gt, empty()),
        Expr::Null.cmp_any(BinaryOp::Gt, empty()),
        Expr::Null.cmp_all(BinaryOp::Gt, select([e2.c("salary")])),
    ]);
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![int(1), int(0), null()]]);
    // The enclosing query's aggregate cannot go inside the subquery.
    let q = select([e.c("dept")]).group_by([e.c("dept")]).having(
        sqlexpr::expr::func::max(e.c("salary")).cmp_all(BinaryOp::Gt, select([e2.c("salary")])),
    );
    assert_unsupported(&q, &sqlite(), "of an aggregate");
    let q = select([e.c("id")]).where_(
        e.c("id")
            .cmp_all(BinaryOp::Gt, select([e2.c("id"), e2.c("salary")])),
    );
    assert!(matches!(
        q.compile(&sqlite()),
        Err(sqlexpr::Error::Invalid { .. })
    ));
    let q = select([e.c("id")]).where_(
        tuple([e.c("id"), e.c("salary")])
            .cmp_all(BinaryOp::Gt, select([e2.c("id"), e2.c("salary")])),
    );
    assert_unsupported(&q, &sqlite(), "row value with ANY / ALL");
}
