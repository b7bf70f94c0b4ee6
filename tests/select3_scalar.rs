//! Scalar functions, DISTINCT ON, row values.
mod common;
mod select3;

use common::*;
use select3::*;
use sqlexpr::expr::func::*;
use sqlexpr::prelude::*;
use sqlexpr::{extract, DateField};

#[test]
fn nullif_greatest_least() {
    let e = emp();
    let q = select([
        nullif(e.c("dept"), "eng"),
        greatest([e.c("salary"), value(85)]),
        least([e.c("salary"), e.c("boss_id")]),
    ])
    .order_by([e.c("id")])
    .limit(2);
    assert_sql3(
        &q,
        r#"SELECT NULLIF("emp"."dept", ?), MAX("emp"."salary", ?), MIN("emp"."salary", "emp"."boss_id") FROM "emp" ORDER BY "emp"."id" LIMIT 2"#,
        r#"SELECT NULLIF("emp"."dept", $1), GREATEST("emp"."salary", $2), LEAST("emp"."salary", "emp"."boss_id") FROM "emp" ORDER BY "emp"."id" LIMIT 2"#,
        "SELECT NULLIF(`emp`.`dept`, ?), GREATEST(`emp`.`salary`, ?), LEAST(`emp`.`salary`, `emp`.`boss_id`) FROM `emp` ORDER BY `emp`.`id` LIMIT 2",
        vec!["eng".into(), Value::I32(85)],
    );
    // SQLite's scalar MIN is NULL when an argument is NULL (as on MySQL;
    // PostgreSQL's LEAST would give 100).
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![
            vec![null(), int(100), null()],
            vec![null(), int(85), int(1)]
        ]
    );
    let one = select([greatest([value(3)])]);
    assert_sql(&one, [(&sqlite(), "SELECT ?", vec![Value::I32(3)])]);
}

#[test]
fn string_functions() {
    let q = select([
        substring(value("hello"), 2, 3),
        substring_from(value("hello"), 4),
        trim(value("  a ")),
        trim_chars(value("xxaxx"), "x"),
        replace(value("a-b-c"), "-", "+"),
    ]);
    let p = |v: Vec<Value>| -> Vec<Value> {
        let mut head: Vec<Value> = vec![
            "hello".into(),
            Value::I32(2),
            Value::I32(3),
            "hello".into(),
            Value::I32(4),
            "  a ".into(),
        ];
        head.extend(v);
        head.extend(["a-b-c".into(), "-".into(), "+".into()]);
        head
    };
    assert_sql(
        &q,
        [
            (&sqlite(), "SELECT substr(?, ?, ?), substr(?, ?), TRIM(?), TRIM(?, ?), REPLACE(?, ?, ?)", p(vec!["xxaxx".into(), "x".into()])),
            (&postgres(), "SELECT SUBSTRING($1, CAST($2 AS INTEGER), CAST($3 AS INTEGER)), SUBSTRING($4, CAST($5 AS INTEGER)), TRIM($6), TRIM(BOTH $7 FROM $8), REPLACE($9, $10, $11)", p(vec!["x".into(), "xxaxx".into()])),
            (&mysql(), "SELECT SUBSTRING(?, ?, ?), SUBSTRING(?, ?), TRIM(?), TRIM(BOTH ? FROM ?), REPLACE(?, ?, ?)", p(vec!["x".into(), "xxaxx".into()])),
        ],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![
            text("ell"),
            text("lo"),
            text("a"),
            text("a"),
            text("a+b+c")
        ]]
    );
}

#[test]
fn dates() {
    let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    let q = select([
        extract(DateField::Year, value(day)),
        extract(DateField::Month, value(day)),
        current_date().is_not_null(),
        current_timestamp().is_not_null(),
    ]);
    assert_sql3(
        &q,
        "SELECT CAST(strftime('%Y', ?) AS INTEGER), CAST(strftime('%m', ?) AS INTEGER), CURRENT_DATE IS NOT NULL, CURRENT_TIMESTAMP IS NOT NULL",
        "SELECT EXTRACT(YEAR FROM CAST($1 AS DATE)), EXTRACT(MONTH FROM CAST($2 AS DATE)), CURRENT_DATE IS NOT NULL, CURRENT_TIMESTAMP IS NOT NULL",
        "SELECT EXTRACT(YEAR FROM CAST(? AS DATE)), EXTRACT(MONTH FROM CAST(? AS DATE)), CURRENT_DATE IS NOT NULL, CURRENT_TIMESTAMP IS NOT NULL",
        vec![day.into(), day.into()],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![int(2024), int(3), int(1), int(1)]]
    );
}

#[test]
fn distinct_on_native_or_row_number() {
    let e = emp();
    let q = select([e.c("dept"), e.c("name")])
        .distinct_on([e.c("dept")])
        .order_by([e.c("dept").asc(), e.c("salary").desc()]);
    assert_sql(
        &q,
        [(&sqlite(), r#"SELECT "_d"."dept", "_d"."name" FROM (SELECT "emp"."dept", "emp"."name", ROW_NUMBER() OVER (PARTITION BY "emp"."dept" ORDER BY "emp"."dept" ASC, "emp"."salary" DESC) AS "_rn", "emp"."dept" AS "_o0", "emp"."salary" AS "_o1" FROM "emp") AS "_d" WHERE "_d"."_rn" = ? ORDER BY "_d"."_o0" ASC, "_d"."_o1" DESC"#, vec![Value::I64(1)]),
        (&postgres(), r#"SELECT DISTINCT ON ("emp"."dept") "emp"."dept", "emp"."name" FROM "emp" ORDER BY "emp"."dept" ASC, "emp"."salary" DESC"#, vec![]),
        (&mysql(), "SELECT `_d`.`dept`, `_d`.`name` FROM (SELECT `emp`.`dept`, `emp`.`name`, ROW_NUMBER() OVER (PARTITION BY `emp`.`dept` ORDER BY `emp`.`dept` ASC, `emp`.`salary` DESC) AS `_rn`, `emp`.`dept` AS `_o0`, `emp`.`salary` AS `_o1` FROM `emp`) AS `_d` WHERE `_d`.`_rn` = ? ORDER BY `_d`.`_o0` ASC, `_d`.`_o1` DESC", vec![Value::I64(1)])],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![
            vec![text("eng"), text("ann")],
            vec![text("ops"), text("dan")]
        ]
    );
    let bad = select([e.c("salary") + 1]).distinct_on([e.c("dept")]);
    assert!(bad.compile(&sqlite()).is_err());
    assert!(bad.compile(&postgres()).is_ok());
}

/// SQLite before 3.15: no row values.
fn old_sqlite() -> sqlexpr_sqlite::Sqlite {
    sqlexpr_sqlite::Sqlite::with_version(3, 14, 0)
}

#[test]
fn row_values_native_or_expanded() {
    let e = emp();
    let q = select([e.c("id")])
        .where_(tuple([e.c("salary"), e.c("id")]).gt(tuple([value(80), value(2)])))
        .order_by([e.c("id")]);
    assert_sql3(
        &q,
        r#"SELECT "emp"."id" FROM "emp" WHERE ("emp"."salary", "emp"."id") > (?, ?) ORDER BY "emp"."id""#,
        r#"SELECT "emp"."id" FROM "emp" WHERE ("emp"."salary", "emp"."id") > ($1, $2) ORDER BY "emp"."id""#,
        "SELECT `emp`.`id` FROM `emp` WHERE (`emp`.`salary`, `emp`.`id`) > (?, ?) ORDER BY `emp`.`id`",
        vec![Value::I32(80), Value::I32(2)],
    );
    let rows = vec![vec![int(1)], vec![int(4)], vec![int(5)]];
    assert_eq!(sqlite_rows(&db(), &q), rows);
    let c = q.compile(&old_sqlite()).unwrap();
    assert_eq!(
        c.sql,
        r#"SELECT "emp"."id" FROM "emp" WHERE ("emp"."salary" > ? OR "emp"."salary" = ? AND "emp"."id" > ?) ORDER BY "emp"."id""#
    );
    let conn = db();
    let got: Vec<i64> = conn
        .prepare(&c.sql)
        .unwrap()
        .query_map([80, 80, 2], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(got, [1, 4, 5]);

    let q = select([e.c("id")])
        .where_(tuple([e.c("dept"), e.c("salary")]).in_([
            tuple([value("eng"), value(80)]),
            tuple([value("ops"), value(70)]),
        ]))
        .order_by([e.c("id")]);
    assert_sql(
        &q,
        [
            (
                &postgres(),
                r#"SELECT "emp"."id" FROM "emp" WHERE ("emp"."dept", "emp"."salary") IN (($1, $2), ($3, $4)) ORDER BY "emp"."id""#,
                vec!["eng".into(), Value::I32(80), "ops".into(), Value::I32(70)],
            ),
            (
                &old_sqlite(),
                r#"SELECT "emp"."id" FROM "emp" WHERE ("emp"."dept" = ? AND "emp"."salary" = ? OR "emp"."dept" = ? AND "emp"."salary" = ?) ORDER BY "emp"."id""#,
                vec!["eng".into(), Value::I32(80), "ops".into(), Value::I32(70)],
            ),
        ],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![int(2)], vec![int(3)], vec![int(5)]]
    );
    let sub = select([e.c("id")])
        .where_(tuple([e.c("id"), e.c("id")]).in_subquery(select([value(1), value(1)])));
    assert_unsupported(&sub, &old_sqlite(), "row value IN");
}
