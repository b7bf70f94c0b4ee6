//! Window functions, frames, the WINDOW clause, aggregate FILTER.
mod common;
mod select3;

use common::*;
use select3::*;
use sqlexpr::expr::func::*;
use sqlexpr::expr::FrameBound::*;
use sqlexpr::prelude::*;

#[test]
fn ranking_functions_over_partitions() {
    let e = emp();
    let w = || {
        window()
            .partition_by([e.c("dept")])
            .order_by([e.c("salary").desc()])
    };
    let q = select([
        e.c("name"),
        row_number().over(w()).label("rn"),
        rank().over(w()).label("rk"),
        dense_rank().over(w()).label("dr"),
    ])
    .order_by([e.c("id")]);
    assert_sql3(
        &q,
        r#"SELECT "emp"."name", ROW_NUMBER() OVER (PARTITION BY "emp"."dept" ORDER BY "emp"."salary" DESC) AS "rn", RANK() OVER (PARTITION BY "emp"."dept" ORDER BY "emp"."salary" DESC) AS "rk", DENSE_RANK() OVER (PARTITION BY "emp"."dept" ORDER BY "emp"."salary" DESC) AS "dr" FROM "emp" ORDER BY "emp"."id""#,
        r#"SELECT "emp"."name", ROW_NUMBER() OVER (PARTITION BY "emp"."dept" ORDER BY "emp"."salary" DESC) AS "rn", RANK() OVER (PARTITION BY "emp"."dept" ORDER BY "emp"."salary" DESC) AS "rk", DENSE_RANK() OVER (PARTITION BY "emp"."dept" ORDER BY "emp"."salary" DESC) AS "dr" FROM "emp" ORDER BY "emp"."id""#,
        "SELECT `emp`.`name`, ROW_NUMBER() OVER (PARTITION BY `emp`.`dept` ORDER BY `emp`.`salary` DESC) AS `rn`, RANK() OVER (PARTITION BY `emp`.`dept` ORDER BY `emp`.`salary` DESC) AS `rk`, DENSE_RANK() OVER (PARTITION BY `emp`.`dept` ORDER BY `emp`.`salary` DESC) AS `dr` FROM `emp` ORDER BY `emp`.`id`",
        vec![],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![
            vec![text("ann"), int(1), int(1), int(1)],
            vec![text("bob"), int(2), int(2), int(2)],
            vec![text("cid"), int(2), int(2), int(2)],
            vec![text("dan"), int(1), int(1), int(1)],
            vec![text("eve"), int(3), int(2), int(2)],
        ]
    );
}

#[test]
fn percent_rank_ntile_lag_lead_first_last() {
    let e = emp();
    let w = || window().order_by([e.c("id")]);
    let q = select([
        percent_rank().over(w()),
        ntile(2).over(w()),
        lag(e.c("name")).over(w()),
        lead_by(e.c("name"), 2, "none").over(w()),
        first_value(e.c("name")).over(w()),
        last_value(e.c("name")).over(w().rows(UnboundedPreceding, UnboundedFollowing)),
    ])
    .order_by([e.c("id")])
    .limit(2);
    assert_sql3(
        &q,
        r#"SELECT PERCENT_RANK() OVER (ORDER BY "emp"."id"), NTILE(2) OVER (ORDER BY "emp"."id"), LAG("emp"."name") OVER (ORDER BY "emp"."id"), LEAD("emp"."name", 2, ?) OVER (ORDER BY "emp"."id"), FIRST_VALUE("emp"."name") OVER (ORDER BY "emp"."id"), LAST_VALUE("emp"."name") OVER (ORDER BY "emp"."id" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM "emp" ORDER BY "emp"."id" LIMIT 2"#,
        r#"SELECT PERCENT_RANK() OVER (ORDER BY "emp"."id"), NTILE(2) OVER (ORDER BY "emp"."id"), LAG("emp"."name") OVER (ORDER BY "emp"."id"), LEAD("emp"."name", 2, $1) OVER (ORDER BY "emp"."id"), FIRST_VALUE("emp"."name") OVER (ORDER BY "emp"."id"), LAST_VALUE("emp"."name") OVER (ORDER BY "emp"."id" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM "emp" ORDER BY "emp"."id" LIMIT 2"#,
        "SELECT PERCENT_RANK() OVER (ORDER BY `emp`.`id`), NTILE(2) OVER (ORDER BY `emp`.`id`), LAG(`emp`.`name`) OVER (ORDER BY `emp`.`id`), LEAD(`emp`.`name`, 2, ?) OVER (ORDER BY `emp`.`id`), FIRST_VALUE(`emp`.`name`) OVER (ORDER BY `emp`.`id`), LAST_VALUE(`emp`.`name`) OVER (ORDER BY `emp`.`id` ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM `emp` ORDER BY `emp`.`id` LIMIT 2",
        vec!["none".into()],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![
            vec![
                real(0.0),
                int(1),
                null(),
                text("cid"),
                text("ann"),
                text("eve")
            ],
            vec![
                real(0.25),
                int(1),
                text("ann"),
                text("dan"),
                text("ann"),
                text("eve")
            ],
        ]
    );
}

#[test]
fn aggregate_over_frames_and_groups() {
    let e = emp();
    let q = select([
        e.c("id"),
        sum(e.c("salary")).over(
            window()
                .order_by([e.c("id")])
                .rows(Preceding(1), CurrentRow),
        ),
    ])
    .order_by([e.c("id")]);
    assert_sql3(
        &q,
        r#"SELECT "emp"."id", SUM("emp"."salary") OVER (ORDER BY "emp"."id" ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM "emp" ORDER BY "emp"."id""#,
        r#"SELECT "emp"."id", SUM("emp"."salary") OVER (ORDER BY "emp"."id" ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM "emp" ORDER BY "emp"."id""#,
        "SELECT `emp`.`id`, SUM(`emp`.`salary`) OVER (ORDER BY `emp`.`id` ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM `emp` ORDER BY `emp`.`id`",
        vec![],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![
            vec![int(1), int(100)],
            vec![int(2), int(180)],
            vec![int(3), int(150)],
            vec![int(4), int(160)],
            vec![int(5), int(170)],
        ]
    );

    let q = select([
        e.c("id"),
        count_star().over(
            window()
                .order_by([e.c("salary")])
                .groups(CurrentRow, Following(1)),
        ),
    ])
    .order_by([e.c("id")]);
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"SELECT "emp"."id", COUNT(*) OVER (ORDER BY "emp"."salary" GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM "emp" ORDER BY "emp"."id""#,
            vec![],
        )],
    );
    assert_unsupported(&q, &mysql(), "GROUPS");
    assert_unsupported(&q, &mariadb(), "GROUPS");
    // salaries 70 | 80 80 | 90 | 100: the peer group and the next one.
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![
            vec![int(1), int(1)],
            vec![int(2), int(3)],
            vec![int(3), int(3)],
            vec![int(4), int(2)],
            vec![int(5), int(3)],
        ]
    );

    let q = select([sum(e.c("salary")).over(
        window()
            .order_by([e.c("salary")])
            .range(Preceding(10), CurrentRow),
    )])
    .order_by([e.c("id")])
    .limit(1);
    assert_sql(
        &q,
        [(&mysql(), "SELECT SUM(`emp`.`salary`) OVER (ORDER BY `emp`.`salary` RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) FROM `emp` ORDER BY `emp`.`id` LIMIT 1", vec![])],
    );
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![int(190)]]);
}

#[test]
fn named_window_clause_before_order_by() {
    let e = emp();
    let q = select([
        e.c("name"),
        row_number().over("w"),
        avg(e.c("salary")).over(window().base("w")),
    ])
    .window(
        "w",
        window().partition_by([e.c("dept")]).order_by([e.c("id")]),
    )
    .order_by([e.c("id")])
    .limit(3);
    assert_sql3(
        &q,
        r#"SELECT "emp"."name", ROW_NUMBER() OVER "w", AVG("emp"."salary") OVER ("w") FROM "emp" WINDOW "w" AS (PARTITION BY "emp"."dept" ORDER BY "emp"."id") ORDER BY "emp"."id" LIMIT 3"#,
        r#"SELECT "emp"."name", ROW_NUMBER() OVER "w", AVG("emp"."salary") OVER ("w") FROM "emp" WINDOW "w" AS (PARTITION BY "emp"."dept" ORDER BY "emp"."id") ORDER BY "emp"."id" LIMIT 3"#,
        "SELECT `emp`.`name`, ROW_NUMBER() OVER `w`, AVG(`emp`.`salary`) OVER (`w`) FROM `emp` WINDOW `w` AS (PARTITION BY `emp`.`dept` ORDER BY `emp`.`id`) ORDER BY `emp`.`id` LIMIT 3",
        vec![],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![
            vec![text("ann"), int(1), real(100.0)],
            vec![text("bob"), int(2), real(90.0)],
            vec![text("cid"), int(1), real(70.0)],
        ]
    );
}

#[test]
fn aggregate_filter_native_or_case() {
    let e = emp();
    let q = select([
        e.c("dept"),
        count_star().filter(e.c("salary").ge(80)).label("n"),
        sum(e.c("salary"))
            .filter(e.c("boss_id").is_not_null())
            .label("s"),
    ])
    .group_by([e.c("dept")])
    .order_by([e.c("dept")]);
    assert_sql3(
        &q,
        r#"SELECT "emp"."dept", COUNT(*) FILTER (WHERE "emp"."salary" >= ?) AS "n", SUM("emp"."salary") FILTER (WHERE "emp"."boss_id" IS NOT NULL) AS "s" FROM "emp" GROUP BY "emp"."dept" ORDER BY "emp"."dept""#,
        r#"SELECT "emp"."dept", COUNT(*) FILTER (WHERE "emp"."salary" >= $1) AS "n", SUM("emp"."salary") FILTER (WHERE "emp"."boss_id" IS NOT NULL) AS "s" FROM "emp" GROUP BY "emp"."dept" ORDER BY "emp"."dept""#,
        "SELECT `emp`.`dept`, COUNT(CASE WHEN `emp`.`salary` >= ? THEN 1 END) AS `n`, SUM(CASE WHEN `emp`.`boss_id` IS NOT NULL THEN `emp`.`salary` END) AS `s` FROM `emp` GROUP BY `emp`.`dept` ORDER BY `emp`.`dept`",
        vec![Value::I32(80)],
    );
    let rows = vec![
        vec![text("eng"), int(3), int(160)],
        vec![text("ops"), int(1), int(160)],
    ];
    assert_eq!(sqlite_rows(&db(), &q), rows);
    // The CASE emulation gives the same rows (SQLite before 3.30 has no
    // FILTER).
    let old = sqlexpr_sqlite::Sqlite::with_version(3, 29, 0);
    let c = q.compile(&old).unwrap();
    assert!(c.sql.contains("COUNT(CASE WHEN"), "{}", c.sql);
    let conn = db();
    let mut st = conn.prepare(&c.sql).unwrap();
    let got: Vec<(String, i64, i64)> = st
        .query_map([80], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(got, [("eng".into(), 3, 160), ("ops".into(), 1, 160)]);

    // FILTER inside a window call.
    let q = select([count_star().filter(e.c("dept").eq("eng")).over(window())]).limit(1);
    assert_sql(
        &q,
        [(
            &mariadb(),
            "SELECT COUNT(CASE WHEN `emp`.`dept` = ? THEN 1 END) OVER () FROM `emp` LIMIT 1",
            vec!["eng".into()],
        )],
    );
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![int(3)]]);
}
