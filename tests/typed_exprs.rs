//! Operators that take their meaning from their operands' types: `+` on a
//! string column is concatenation on every dialect (`||`, `CONCAT()` on
//! MySQL), not arithmetic (0 on SQLite, 0.0 on MariaDB, an error on
//! PostgreSQL); operators whose meaning differs between engines for the
//! operands' types (date arithmetic, text or booleans in arithmetic, `%` of
//! floats, a number compared with text) are errors naming the operator, the
//! types and the dialect. The same rows come back from the three engines.
// Both helper modules include tests/common/servers.rs.
#![allow(clippy::duplicate_mod)]

mod common;
mod engines;

use common::{assert_sql, mariadb, mysql, postgres, sqlite};
use engines::{engines, Val};
use sqlexpr::expr::func;
use sqlexpr::prelude::*;
use sqlexpr::{Dialect, Error};

fn people() -> Table {
    Table::builder("people")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::String(20)))
        .column(Column::new("bio", SqlType::Text))
        .column(Column::new("age", SqlType::Integer))
        .column(Column::new("score", SqlType::Double))
        .column(Column::new("born", SqlType::Date))
        .column(Column::new("ok", SqlType::Boolean))
        .build()
        .unwrap()
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

#[test]
fn plus_on_a_string_column_is_concatenation() {
    let t = people();
    let q = select([(t.c("name") + " <").label("n")]);
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"SELECT "people"."name" || ? AS "n" FROM "people""#,
                vec![text(" <")],
            ),
            (
                &postgres(),
                r#"SELECT "people"."name" || $1 AS "n" FROM "people""#,
                vec![text(" <")],
            ),
            (
                &mysql(),
                "SELECT CONCAT(`people`.`name`, ?) AS `n` FROM `people`",
                vec![text(" <")],
            ),
        ],
    );
}

#[test]
fn a_chain_of_plus_on_strings_is_one_concatenation() {
    let t = people();
    let q = select([("<".into_expr() + t.c("name") + "|" + t.c("bio")).label("n")]);
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"SELECT ? || "people"."name" || ? || "people"."bio" AS "n" FROM "people""#,
                vec![text("<"), text("|")],
            ),
            (
                &postgres(),
                r#"SELECT $1 || "people"."name" || $2 || "people"."bio" AS "n" FROM "people""#,
                vec![text("<"), text("|")],
            ),
            (
                &mysql(),
                "SELECT CONCAT(?, `people`.`name`, ?, `people`.`bio`) AS `n` FROM `people`",
                vec![text("<"), text("|")],
            ),
        ],
    );
}

trait IntoExpr {
    fn into_expr(self) -> Expr;
}

impl IntoExpr for &str {
    fn into_expr(self) -> Expr {
        Expr::from(self)
    }
}

#[test]
fn plus_on_numbers_stays_arithmetic() {
    let t = people();
    let q = select([t.c("age") + 1]);
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"SELECT "people"."age" + ? FROM "people""#,
                vec![Value::I32(1)],
            ),
            (
                &postgres(),
                r#"SELECT "people"."age" + $1 FROM "people""#,
                vec![Value::I32(1)],
            ),
            (
                &mysql(),
                "SELECT `people`.`age` + ? FROM `people`",
                vec![Value::I32(1)],
            ),
        ],
    );
}

/// Compiling `q` is `Error::Unsupported` for every dialect, naming it and
/// saying `says`.
#[track_caller]
fn assert_refused(q: &Select, says: &str) {
    let dialects: [&dyn Dialect; 4] = [&sqlite(), &postgres(), &mysql(), &mariadb()];
    for d in dialects {
        match q.compile(d) {
            Err(Error::Unsupported { dialect, feature }) => {
                assert_eq!(dialect, d.name());
                assert!(feature.contains(says), "{}: {feature}", d.name());
            }
            other => panic!(
                "{}: expected Unsupported({says:?}), got {other:?}",
                d.name()
            ),
        }
    }
}

#[test]
fn operators_whose_meaning_differs_between_engines_are_errors() {
    let t = people();
    // A string plus a number: neither concatenation nor arithmetic is what
    // all three would do.
    assert_refused(&select([t.c("name") + 1]), "`+` on VARCHAR(20) and INTEGER");
    assert_refused(&select([t.c("name") - "x"]), "`-` on VARCHAR(20) and TEXT");
    assert_refused(&select([t.c("bio") * 2]), "`*` on TEXT and INTEGER");
    // Dates: days on PostgreSQL, digits on MySQL, the year on SQLite.
    assert_refused(&select([t.c("born") + 1]), "`+` on DATE and INTEGER");
    assert_refused(&select([t.c("born") - t.c("born")]), "`-` on DATE and DATE");
    // Booleans are 0 / 1 on SQLite and MySQL, refused by PostgreSQL.
    assert_refused(&select([t.c("ok") + 1]), "`+` on BOOLEAN and INTEGER");
    // `%` of floats: SQLite truncates to integers, PostgreSQL has none.
    assert_refused(
        &select([t.c("score") % 2]),
        "`%` on DOUBLE PRECISION and INTEGER",
    );
    // A number with text: SQLite orders numbers before text.
    assert_refused(
        &select([t.c("id")]).where_(t.c("age").lt("5")),
        "`<` on INTEGER and TEXT",
    );
    // Inside a chain, past its first link.
    assert_refused(
        &select([t.c("age") + 1 + t.c("born") + 2]),
        "`+` on INTEGER and DATE",
    );
    // Deep inside an expression.
    assert_refused(
        &select([func::coalesce([t.c("age"), t.c("born") + 1])]),
        "`+` on DATE and INTEGER",
    );
}

#[test]
fn the_engines_concatenate_with_plus() {
    let t = people();
    for mut engine in engines("typed_plus") {
        let d = engine.dialect();
        let mut setup = vec![create_table(&t).compile(d).unwrap()];
        for (id, name) in [(1, "ann"), (2, "bob")] {
            let ins = insert(&t)
                .value("id", id)
                .value("name", name)
                .value("bio", "x")
                .compile(d)
                .unwrap();
            setup.push(ins);
        }
        let q = select([
            (t.c("name") + " <").label("a"),
            ("> ".into_expr() + t.c("name") + "/" + t.c("bio")).label("b"),
            (t.c("age") + 1).label("c"),
        ])
        .order_by([t.c("id").asc()])
        .compile(d)
        .unwrap();
        // The same concatenation in WHERE.
        let q2 = select([t.c("id")])
            .where_((t.c("name") + "!").eq("bob!"))
            .compile(d)
            .unwrap();
        for c in &setup {
            engine.run(c).unwrap();
        }
        let rows = engine.run(&q).unwrap();
        assert_eq!(
            rows.rows,
            vec![
                vec![
                    Val::Text("ann <".into()),
                    Val::Text("> ann/x".into()),
                    Val::Null
                ],
                vec![
                    Val::Text("bob <".into()),
                    Val::Text("> bob/x".into()),
                    Val::Null
                ],
            ],
            "{}",
            engine.name()
        );
        assert_eq!(
            engine.run(&q2).unwrap().rows,
            vec![vec![Val::Int(2)]],
            "{}",
            engine.name()
        );
    }
}
