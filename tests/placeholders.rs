//! Placeholders of repeated expressions: on PostgreSQL an expression of
//! GROUP BY, ORDER BY, DISTINCT ON or HAVING (or a part of a HAVING / ORDER
//! BY item) equal to one of the select list, DISTINCT ON or GROUP BY re-uses
//! its `$n`, so the server sees the same expression (`GROUP BY val % $1`
//! after `SELECT val % $1`); with `?` placeholders every occurrence binds its
//! value. A named parameter takes one slot per occurrence (outside such a
//! repeated expression), so one name may be used where PostgreSQL deduces
//! different types; bulk inserts with a named parameter in every row split
//! into batches. The statements run on SQLite, PostgreSQL and MariaDB with
//! the same rows.
// tests/engines includes tests/common/servers.rs for itself.
#![allow(clippy::duplicate_mod)]

mod common;
mod engines;

use common::{assert_sql, mariadb, postgres, servers, sqlite};
use engines::{engines, Engine, Val};
use sqlexpr::prelude::*;
use sqlexpr::{Dialect, Ident};
use sqlexpr_postgres::{row_values, PgExt, Postgres};

fn nums() -> Table {
    Table::builder("nums")
        .column(Column::new("val", SqlType::Integer))
        .column(Column::new("name", SqlType::Text))
        .build()
        .unwrap()
}

fn i(v: i32) -> Value {
    Value::I32(v)
}

/// Creates `nums` with val 1..=5, names "a".."e", in `engine`.
fn setup(engine: &mut dyn Engine) {
    let t = nums();
    let d = engine.dialect();
    let create = create_table(&t).compile(d).unwrap();
    let rows = insert(&t)
        .rows((1..=5).map(|v: i32| {
            [
                ("val", value(v)),
                ("name", value(((b'a' + v as u8 - 1) as char).to_string())),
            ]
        }))
        .compile(d)
        .unwrap();
    engine.run(&create).unwrap();
    engine.run(&rows).unwrap();
}

/// Runs `stmt` on every engine; each must return `expected`.
fn rows_everywhere(tag: &str, stmt: &dyn Render, expected: &[Vec<Val>]) {
    rows_on(tag, stmt, expected, &[]);
}

/// Runs `stmt` on every engine but those named in `skip`.
fn rows_on(tag: &str, stmt: &dyn Render, expected: &[Vec<Val>], skip: &[&str]) {
    for mut engine in engines(tag) {
        if skip.contains(&engine.name()) {
            continue;
        }
        setup(&mut *engine);
        let c = stmt.compile(engine.dialect()).unwrap();
        let rows = engine
            .run(&c)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", engine.name(), c.sql));
        assert_eq!(rows.rows, expected, "{}: {}", engine.name(), c.sql);
    }
}

fn ints(rows: &[&[i64]]) -> Vec<Vec<Val>> {
    rows.iter()
        .map(|r| r.iter().map(|&v| Val::Int(v)).collect())
        .collect()
}

#[test]
fn group_by_and_order_by_reuse_the_select_list_placeholders() {
    let t = nums();
    let parity = || t.c("val") % 2;
    let q = select([parity().label("parity"), func::count_star()])
        .group_by([parity()])
        .order_by([parity().asc()]);
    assert_sql(
        &q,
        [
            (
                &postgres(),
                r#"SELECT "nums"."val" % $1 AS "parity", COUNT(*) FROM "nums" GROUP BY "nums"."val" % $1 ORDER BY "nums"."val" % $1 ASC"#,
                vec![i(2)],
            ),
            (
                &sqlite(),
                r#"SELECT "nums"."val" % ? AS "parity", COUNT(*) FROM "nums" GROUP BY "nums"."val" % ? ORDER BY "nums"."val" % ? ASC"#,
                vec![i(2), i(2), i(2)],
            ),
            (
                &mariadb(),
                "SELECT `nums`.`val` % ? AS `parity`, COUNT(*) FROM `nums` GROUP BY `nums`.`val` % ? ORDER BY `nums`.`val` % ? ASC",
                vec![i(2), i(2), i(2)],
            ),
        ],
    );
    rows_everywhere("ph_group", &q, &ints(&[&[0, 2], &[1, 3]]));
}

#[test]
fn having_and_order_by_parts_reuse_the_grouped_expression() {
    let t = nums();
    let parity = || t.c("val") % 2;
    let q = select([parity(), func::count_star()])
        .group_by([parity()])
        .having(parity().eq(1) | func::count_star().gt(5))
        .order_by([(parity() * 10).desc()]);
    assert_sql(
        &q,
        [
            (
                &postgres(),
                r#"SELECT "nums"."val" % $1, COUNT(*) FROM "nums" GROUP BY "nums"."val" % $1 HAVING "nums"."val" % $1 = $2 OR COUNT(*) > $3 ORDER BY "nums"."val" % $1 * $4 DESC"#,
                vec![i(2), i(1), i(5), i(10)],
            ),
            (
                &sqlite(),
                r#"SELECT "nums"."val" % ?, COUNT(*) FROM "nums" GROUP BY "nums"."val" % ? HAVING "nums"."val" % ? = ? OR COUNT(*) > ? ORDER BY "nums"."val" % ? * ? DESC"#,
                vec![i(2), i(2), i(2), i(1), i(5), i(2), i(10)],
            ),
        ],
    );
    // MariaDB's HAVING sees only the select list's columns and aliases
    // (`val % 2 = 1` is "Unknown column" there even written literally).
    rows_on("ph_having", &q, &ints(&[&[1, 3]]), &["mariadb"]);

    // Grouped without the expression in the select list: GROUP BY's
    // placeholders are the ones re-used.
    let q = select([func::count_star()])
        .group_by([parity()])
        .order_by([parity().desc()]);
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"SELECT COUNT(*) FROM "nums" GROUP BY "nums"."val" % $1 ORDER BY "nums"."val" % $1 DESC"#,
            vec![i(2)],
        )],
    );
    rows_everywhere("ph_group_only", &q, &ints(&[&[3], &[2]]));
}

#[test]
fn distinct_on_matches_the_order_by() {
    let t = nums();
    let parity = || t.c("val") % 2;
    let q = select([parity().label("parity"), t.c("val")])
        .distinct_on([parity()])
        .order_by([parity().asc(), t.c("val").desc()]);
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"SELECT DISTINCT ON ("nums"."val" % $1) "nums"."val" % $1 AS "parity", "nums"."val" FROM "nums" ORDER BY "nums"."val" % $1 ASC, "nums"."val" DESC"#,
            vec![i(2)],
        )],
    );
    rows_everywhere("ph_distinct_on", &q, &ints(&[&[0, 4], &[1, 5]]));
}

#[test]
fn different_values_and_expressions_bind_their_own_placeholders() {
    let t = nums();
    // Equal values in different expressions, and different values in equal
    // shapes, are not shared.
    let q = select([(t.c("val") % 2).label("a"), (t.c("val") + 2).label("b")])
        .group_by([t.c("val") % 3, t.c("val") + 2])
        .order_by([(t.c("val") + 2).asc()]);
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"SELECT "nums"."val" % $1 AS "a", "nums"."val" + $2 AS "b" FROM "nums" GROUP BY "nums"."val" % $3, "nums"."val" + $2 ORDER BY "nums"."val" + $2 ASC"#,
            vec![i(2), i(2), i(3)],
        )],
    );
    // A nested query has its own select list: the outer one's expression
    // is not re-used inside it.
    let inner = select([t.c("val") % 2]).limit(1);
    let q = select([(t.c("val") % 2).label("p")])
        .where_(t.c("val").ne(inner.scalar_subquery()))
        .group_by([t.c("val") % 2]);
    let c = q.compile(&Postgres::new()).unwrap();
    assert_eq!(
        c.sql,
        r#"SELECT "nums"."val" % $1 AS "p" FROM "nums" WHERE "nums"."val" <> (SELECT "nums"."val" % $2 FROM "nums" LIMIT 1) GROUP BY "nums"."val" % $1"#
    );
    assert_eq!(c.params, vec![i(2), i(2)]);
    // Inline, values are literals.
    let q = select([(t.c("val") % 2).label("p")]).group_by([t.c("val") % 2]);
    assert_eq!(
        q.to_sql_inline(&Postgres::new()).unwrap(),
        r#"SELECT "nums"."val" % 2 AS "p" FROM "nums" GROUP BY "nums"."val" % 2"#
    );
}

#[test]
fn named_parameters_in_a_grouped_expression() {
    let t = nums();
    let q = select([(t.c("val") % bind("n")).label("r"), func::count_star()])
        .group_by([t.c("val") % bind("n")])
        .order_by([(t.c("val") % bind("n")).asc()]);
    let pg = q.compile(&postgres()).unwrap();
    assert_eq!(
        pg.sql,
        r#"SELECT "nums"."val" % $1 AS "r", COUNT(*) FROM "nums" GROUP BY "nums"."val" % $1 ORDER BY "nums"."val" % $1 ASC"#
    );
    assert_eq!(pg.named_params, vec![(0, Ident::from("n"))]);
    let lite = q.compile(&sqlite()).unwrap();
    assert_eq!(
        lite.named_params,
        vec![
            (0, Ident::from("n")),
            (1, Ident::from("n")),
            (2, Ident::from("n"))
        ]
    );
    for mut engine in engines("ph_named") {
        setup(&mut *engine);
        let c = q
            .compile(engine.dialect())
            .unwrap()
            .with_params([("n", 3)])
            .unwrap();
        let rows = engine.run(&c).unwrap();
        assert_eq!(
            rows.rows,
            ints(&[&[0, 1], &[1, 2], &[2, 2]]),
            "{}",
            engine.name()
        );
    }
}

#[test]
fn one_name_in_two_contexts_takes_two_slots() {
    let t = nums();
    let q = select([t.c("val")])
        .where_(t.c("name").eq(bind("x")) | t.c("val").gt(bind("x")))
        .order_by([t.c("val").asc()]);
    let d: &dyn Dialect = &postgres();
    let c = q.compile(d).unwrap();
    assert_eq!(
        c.sql,
        r#"SELECT "nums"."val" FROM "nums" WHERE "nums"."name" = $1 OR "nums"."val" > $2 ORDER BY "nums"."val" ASC"#
    );
    assert_eq!(
        c.named_params,
        vec![(0, Ident::from("x")), (1, Ident::from("x"))]
    );
    let filled = c.with_params([("x", 4)]).unwrap();
    assert_eq!(filled.params, vec![Value::I32(4), Value::I32(4)]);
}

/// PostgreSQL deduces each placeholder's type from where it stands (the
/// executor prepares without types): one `$1` in a text and a numeric
/// context is rejected, one slot each runs.
#[tokio::test]
async fn one_name_in_text_and_numeric_contexts_runs_on_postgres() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    db.batch_execute(
        "CREATE TABLE prices (name TEXT, amount NUMERIC(10, 2)); \
         INSERT INTO prices VALUES ('2.50', 1.00), ('x', 3.00), ('y', 2.00)",
    )
    .await
    .unwrap();
    let t = Table::builder("prices")
        .column(Column::new("name", SqlType::Text))
        .column(Column::new("amount", SqlType::Numeric(10, 2)))
        .build()
        .unwrap();
    let q = select([t.c("name")])
        .where_(t.c("name").eq(bind("x")) | t.c("amount").gt(bind("x")))
        .order_by([t.c("name").asc()]);
    let c = q
        .compile(&Postgres::new())
        .unwrap()
        .with_params([("x", "2.50")])
        .unwrap();
    let rows = db.query_compiled(&c).await.unwrap();
    let values: Vec<Vec<Value>> = rows.iter().map(|r| row_values(r).unwrap()).collect();
    assert_eq!(
        values,
        vec![vec![Value::from("2.50")], vec![Value::from("x")]]
    );
}

#[test]
fn batches_with_a_named_parameter_in_every_row() {
    let t = nums();
    let q = insert(&t).rows((1..=5).map(|v: i32| [("val", value(v)), ("name", bind("who"))]));
    let all = q.compile_batches(&postgres()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0].sql,
        r#"INSERT INTO "nums" ("val", "name") VALUES ($1, $2), ($3, $4), ($5, $6), ($7, $8), ($9, $10)"#
    );
    assert_eq!(all[0].named_params.len(), 5);
    let split = q
        .compile_batches_with_limit(&postgres(), 4)
        .unwrap()
        .iter()
        .map(|c| (c.params.len(), c.named_params.len()))
        .collect::<Vec<_>>();
    assert_eq!(split, [(4, 2), (4, 2), (2, 1)]);
    for mut engine in engines("ph_batches") {
        let d = engine.dialect();
        let create = create_table(&t).compile(d).unwrap();
        let batches = q.compile_batches_with_limit(d, 4).unwrap();
        engine.run(&create).unwrap();
        for b in &batches {
            let filled = b.with_params([("who", "w")]).unwrap();
            engine.run(&filled).unwrap();
        }
        let check = select([t.c("val"), t.c("name")]).order_by([t.c("val").asc()]);
        let c = check.compile(engine.dialect()).unwrap();
        let rows = engine.run(&c).unwrap();
        let expected: Vec<Vec<Val>> = (1..=5)
            .map(|v| vec![Val::Int(v), Val::Text("w".into())])
            .collect();
        assert_eq!(rows.rows, expected, "{}", engine.name());
    }
}
