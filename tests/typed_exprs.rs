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

#[test]
fn division_of_integers_is_integer_division_on_mysql_too() {
    let t = people();
    assert_sql(
        &select([t.c("age") / 2, t.c("score") / 2]),
        [
            (
                &sqlite(),
                r#"SELECT "people"."age" / ?, "people"."score" / ? FROM "people""#,
                vec![Value::I32(2), Value::I32(2)],
            ),
            (
                &postgres(),
                r#"SELECT "people"."age" / $1, "people"."score" / $2 FROM "people""#,
                vec![Value::I32(2), Value::I32(2)],
            ),
            (
                &mysql(),
                "SELECT `people`.`age` DIV ?, `people`.`score` / ? FROM `people`",
                vec![Value::I32(2), Value::I32(2)],
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
    // Unary minus on text or a boolean.
    assert_refused(&select([-t.c("name")]), "`-` on VARCHAR(20)");
    assert_refused(&select([-t.c("ok")]), "`-` on BOOLEAN");
    // A number with text: SQLite orders numbers before text.
    assert_refused(
        &select([t.c("id")]).where_(t.c("age").lt("5")),
        "`<` on INTEGER and TEXT",
    );
    // ... in BETWEEN and IN too.
    assert_refused(
        &select([t.c("id")]).where_(t.c("age").between(1, "5")),
        "`>=` on INTEGER and TEXT",
    );
    assert_refused(
        &select([t.c("id")]).where_(t.c("name").in_([Expr::from("a"), Expr::from(1)])),
        "`=` on VARCHAR(20) and INTEGER",
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
            (t.c("id") * -7 / 2).label("d"),
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
                    Val::Null,
                    Val::Int(-3),
                ],
                vec![
                    Val::Text("bob <".into()),
                    Val::Text("> bob/x".into()),
                    Val::Null,
                    Val::Int(-7),
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

// ---- typed results -------------------------------------------------------

fn prices() -> Table {
    Table::builder("prices")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("price", SqlType::Numeric(10, 2)))
        .column(Column::new("ok", SqlType::Boolean))
        .column(Column::new("at", SqlType::DateTime))
        .column(Column::new("name", SqlType::String(20)))
        .build()
        .unwrap()
}

fn dec(s: &str) -> Value {
    Value::Decimal(s.parse().unwrap())
}

fn at(day: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2024, 1, day)
        .unwrap()
        .and_hms_opt(12, 30, 0)
        .unwrap()
}

fn price_rows() -> Vec<Insert> {
    let t = prices();
    [(1, "12.50", true, 30, "ann"), (2, "7.25", false, 31, "bob")]
        .into_iter()
        .map(|(id, price, ok, day, name)| {
            insert(&t)
                .value("id", id)
                .value("price", dec(price))
                .value("ok", ok)
                .value("at", at(day))
                .value("name", name)
        })
        .collect()
}

/// The rows: every column, a concatenation, arithmetic and a comparison.
fn row_query() -> Select {
    let t = prices();
    select([
        t.c("id"),
        t.c("price"),
        t.c("ok"),
        t.c("at"),
        (t.c("name") + "!").label("n"),
        (t.c("id") + 1).label("next"),
        t.c("price").gt(10).label("big"),
    ])
    .order_by([t.c("id").asc()])
}

/// The aggregates: COUNT, SUM of an integer and of a decimal, MAX of a
/// timestamp.
fn aggregate_query() -> Select {
    let t = prices();
    select([
        func::count_star(),
        func::sum(t.c("id")),
        func::sum(t.c("price")),
        func::max(t.c("at")),
    ])
}

fn expected_rows() -> Vec<Vec<Value>> {
    vec![
        vec![
            Value::I32(1),
            dec("12.50"),
            Value::Bool(true),
            Value::DateTime(at(30)),
            text("ann!"),
            Value::I32(2),
            Value::Bool(true),
        ],
        vec![
            Value::I32(2),
            dec("7.25"),
            Value::Bool(false),
            Value::DateTime(at(31)),
            text("bob!"),
            Value::I32(3),
            Value::Bool(false),
        ],
    ]
}

fn expected_aggregates() -> Vec<Vec<Value>> {
    vec![vec![
        Value::I64(2),
        Value::I64(3),
        dec("19.75"),
        Value::DateTime(at(31)),
    ]]
}

sqlexpr::from_row! {
    /// A row of [`row_query`], by column name.
    #[derive(Debug, PartialEq)]
    struct PriceRow {
        id: i32,
        price: bigdecimal::BigDecimal,
        ok: bool,
        at: chrono::NaiveDateTime,
        n: String,
        next: i64,
        big: Option<bool>,
    }
}

fn expected_structs() -> Vec<PriceRow> {
    vec![
        PriceRow {
            id: 1,
            price: "12.50".parse().unwrap(),
            ok: true,
            at: at(30),
            n: "ann!".into(),
            next: 2,
            big: Some(true),
        },
        PriceRow {
            id: 2,
            price: "7.25".parse().unwrap(),
            ok: false,
            at: at(31),
            n: "bob!".into(),
            next: 3,
            big: Some(false),
        },
    ]
}

/// Decimals compare by value: their text shows the scale too.
#[track_caller]
fn assert_rows(engine: &str, got: &[Vec<Value>], expected: &[Vec<Value>]) {
    assert_eq!(got, expected, "{engine}");
    let show = |rows: &[Vec<Value>]| format!("{rows:?}");
    assert_eq!(show(got), show(expected), "{engine}");
}

#[test]
fn column_types_come_from_the_statement() {
    assert_eq!(
        row_query().column_types(),
        [
            Some(SqlType::Integer),
            Some(SqlType::Numeric(10, 2)),
            Some(SqlType::Boolean),
            Some(SqlType::DateTime),
            Some(SqlType::Text),
            Some(SqlType::Integer),
            Some(SqlType::Boolean),
        ]
    );
    assert_eq!(
        aggregate_query().column_types(),
        [
            Some(SqlType::BigInteger),
            Some(SqlType::BigInteger),
            Some(SqlType::Numeric(10, 2)),
            Some(SqlType::DateTime),
        ]
    );
}

#[test]
fn sqlite_reads_typed_rows() {
    use sqlexpr_sqlite::{typed_row_values, SqliteExt};
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.exec(&create_table(&prices())).unwrap();
    for ins in price_rows() {
        conn.exec(&ins).unwrap();
    }
    for (q, expected) in [
        (row_query(), expected_rows()),
        (aggregate_query(), expected_aggregates()),
    ] {
        let types = q.column_types();
        let rows = conn
            .fetch_all(&q, |row| typed_row_values(row, &types))
            .unwrap();
        assert_rows("sqlite", &rows, &expected);
    }
    let q = row_query();
    let types = q.column_types();
    let structs: Vec<PriceRow> = conn
        .fetch_all(&q, |row| sqlexpr_sqlite::read_row(row, &types))
        .unwrap();
    assert_eq!(structs, expected_structs());
    // What SQLite stores, untyped.
    let q = row_query();
    let stored = conn
        .fetch_all(&q, |row| typed_row_values(row, &[]))
        .unwrap();
    assert_eq!(stored[0][1], Value::F64(12.5));
    assert_eq!(stored[0][2], Value::I64(1));
    // A value that is not of the type is an error naming the column.
    let bad = select([raw("'x'").label("x")]);
    let err = conn
        .fetch_all(&bad, |row| typed_row_values(row, &[Some(SqlType::Integer)]))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("a text value does not read as INTEGER"),
        "{err}"
    );
}

#[tokio::test]
async fn postgres_reads_typed_rows() {
    use sqlexpr_postgres::{typed_row_values, PgExt};
    let Some(db) = common::servers::postgres().await else {
        return;
    };
    db.exec(&create_table(&prices())).await.unwrap();
    for ins in price_rows() {
        db.exec(&ins).await.unwrap();
    }
    for (q, expected) in [
        (row_query(), expected_rows()),
        (aggregate_query(), expected_aggregates()),
    ] {
        let types = q.column_types();
        let rows: Vec<Vec<Value>> = db
            .fetch_all(&q)
            .await
            .unwrap()
            .iter()
            .map(|r| typed_row_values(r, &types).unwrap())
            .collect();
        assert_rows("postgresql", &rows, &expected);
    }
    let q = row_query();
    let types = q.column_types();
    let structs: Vec<PriceRow> = db
        .fetch_all(&q)
        .await
        .unwrap()
        .iter()
        .map(|r| sqlexpr_postgres::read_row(r, &types).unwrap())
        .collect();
    assert_eq!(structs, expected_structs());
}

#[tokio::test]
async fn mariadb_reads_typed_rows() {
    use sqlexpr_mysql::{typed_row_values, MySqlExt};
    let Some(mut db) = common::servers::mysql().await else {
        return;
    };
    db.execute(&create_table(&prices())).await.unwrap();
    for ins in price_rows() {
        db.execute(&ins).await.unwrap();
    }
    for (q, expected) in [
        (row_query(), expected_rows()),
        (aggregate_query(), expected_aggregates()),
    ] {
        let types = q.column_types();
        let rows: Vec<Vec<Value>> = db
            .fetch_all(&q)
            .await
            .unwrap()
            .iter()
            .map(|r| typed_row_values(r, &types).unwrap())
            .collect();
        assert_rows("mariadb", &rows, &expected);
    }
    let q = row_query();
    let types = q.column_types();
    let structs: Vec<PriceRow> = db
        .fetch_all(&q)
        .await
        .unwrap()
        .iter()
        .map(|r| sqlexpr_mysql::read_row(r, &types).unwrap())
        .collect();
    assert_eq!(structs, expected_structs());
}
