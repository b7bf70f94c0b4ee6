//! Rendering: identifier quoting and escaping, `Display` in the generic
//! dialect, and inline literals (`to_sql_inline`) escaped for each dialect,
//! with the SQLite forms executed to show SQLite reads them back exactly.
mod common;
mod fixtures;

use bigdecimal::BigDecimal;
use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};
use common::*;
use fixtures::*;
use sqlexpr::prelude::*;
use sqlexpr::{Error, GenericDialect};
use std::str::FromStr;

/// The inline literal of `v` for SQLite, PostgreSQL, MySQL and MariaDB.
fn inline(v: impl Into<Value>) -> [Result<String, Error>; 4] {
    let e = sqlexpr::value(v);
    [
        e.to_sql_inline(&sqlite()),
        e.to_sql_inline(&postgres()),
        e.to_sql_inline(&mysql()),
        e.to_sql_inline(&mariadb()),
    ]
}

#[track_caller]
fn assert_inline(v: impl Into<Value>, lite: &str, pg: &str, my: &str) {
    let [a, b, c, d] = inline(v);
    assert_eq!(a.as_deref(), Ok(lite), "sqlite");
    assert_eq!(b.as_deref(), Ok(pg), "postgresql");
    assert_eq!(c.as_deref(), Ok(my), "mysql");
    assert_eq!(d.as_deref(), Ok(my), "mariadb");
}

fn literal_error(dialect: &str) -> impl Fn(&Result<String, Error>) -> bool + '_ {
    move |r| matches!(r, Err(Error::Literal { dialect: d, .. }) if d == dialect)
}

// ---- identifiers ------------------------------------------------------------------

fn odd_table() -> Table {
    Table::builder(r#"a"b"#)
        .column(Column::new("c`d", SqlType::Integer))
        .column(Column::new("x'y", SqlType::Text))
        .build()
        .unwrap()
}

#[test]
fn identifiers_are_quoted_and_escaped() {
    let t = odd_table();
    let q = select([t.c("c`d"), t.c("x'y").label(r#"l"a`b"#)]).where_(t.c("c`d").gt(1));
    assert_sql3(
        &q,
        r#"SELECT "a""b"."c`d", "a""b"."x'y" AS "l""a`b" FROM "a""b" WHERE "a""b"."c`d" > ?"#,
        r#"SELECT "a""b"."c`d", "a""b"."x'y" AS "l""a`b" FROM "a""b" WHERE "a""b"."c`d" > $1"#,
        r#"SELECT `a"b`.`c``d`, `a"b`.`x'y` AS `l"a``b` FROM `a"b` WHERE `a"b`.`c``d` > ?"#,
        vec![Value::I32(1)],
    );
    // Aliases and subquery names go through the same quoting.
    let a = t.alias("t\"1");
    assert_sql3(
        &select([a.c("c`d")]),
        r#"SELECT "t""1"."c`d" FROM "a""b" AS "t""1""#,
        r#"SELECT "t""1"."c`d" FROM "a""b" AS "t""1""#,
        r#"SELECT `t"1`.`c``d` FROM `a"b` AS `t"1`"#,
        vec![],
    );
    // The quoted names are the names SQLite knows.
    let conn = sqlite_db(
        r#"CREATE TABLE "a""b" ("c`d" INTEGER, "x'y" TEXT);
           INSERT INTO "a""b" VALUES (1, 'one'), (2, 'two');"#,
    );
    assert_eq!(sqlite_rows(&conn, &q), vec![vec![int(2), text("two")]]);
}

#[test]
fn a_name_cannot_break_out_of_its_quotes() {
    let t = Table::builder(r#"users" WHERE 1=1; --"#)
        .column(Column::new("id`; DROP TABLE x; --", SqlType::Integer))
        .build()
        .unwrap();
    let q = select([t.c("id`; DROP TABLE x; --")]);
    assert_sql3(
        &q,
        r#"SELECT "users"" WHERE 1=1; --"."id`; DROP TABLE x; --" FROM "users"" WHERE 1=1; --""#,
        r#"SELECT "users"" WHERE 1=1; --"."id`; DROP TABLE x; --" FROM "users"" WHERE 1=1; --""#,
        r#"SELECT `users" WHERE 1=1; --`.`id``; DROP TABLE x; --` FROM `users" WHERE 1=1; --`"#,
        vec![],
    );
}

// ---- Display -----------------------------------------------------------------------

#[test]
fn display_is_generic_sql_with_named_placeholders() {
    let users = users();
    let posts = posts();
    let q = select([
        users.c("name"),
        sqlexpr::expr::func::count(posts.c("id")).label("n"),
    ])
    .select_from(&users)
    .left_join(&posts)
    .where_(users.c("name").ne("x") & posts.c("likes").between(1, 9))
    .group_by([users.c("name")])
    .order_by([users.c("name").asc().nulls_last()])
    .limit(5);
    let expected = r#"SELECT "users"."name", COUNT("posts"."id") AS "n" FROM "users" LEFT OUTER JOIN "posts" ON "posts"."user_id" = "users"."id" WHERE "users"."name" <> :p1 AND "posts"."likes" BETWEEN :p2 AND :p3 GROUP BY "users"."name" ORDER BY "users"."name" ASC NULLS LAST LIMIT 5"#;
    assert_eq!(q.to_string(), expected);
    assert_eq!(format!("{q}"), q.compile(&GenericDialect).unwrap().sql);
    assert_eq!(
        q.compile(&GenericDialect).unwrap().params,
        vec![Value::Text("x".into()), Value::I32(1), Value::I32(9)]
    );
    // Expressions display too; a FULL JOIN, unsupported only on MySQL,
    // displays.
    assert_eq!(
        (users.c("age") + 1).label("a").to_string(),
        r#""users"."age" + :p1 AS "a""#
    );
    let full = select([users.c("id")])
        .select_from(&users)
        .full_join(&posts);
    assert!(full.to_string().contains("FULL OUTER JOIN"));
}

// ---- inline literals -----------------------------------------------------------------

#[test]
fn inline_scalars() {
    assert_inline(Value::Null, "NULL", "NULL", "NULL");
    assert_inline(true, "TRUE", "TRUE", "TRUE");
    assert_inline(false, "FALSE", "FALSE", "FALSE");
    // PostgreSQL: a bare integer is `integer` (or `numeric` past bigint);
    // where nothing gives it a type, the literal is cast as the bound
    // value is.
    assert_inline(
        i64::MIN,
        "-9223372036854775808",
        "CAST(-9223372036854775808 AS BIGINT)",
        "-9223372036854775808",
    );
    assert_inline(7u8, "7", "CAST(7 AS SMALLINT)", "7");
    assert_inline(7i32, "7", "7", "7");
    // SQLite integers are signed 64-bit: a larger u64 has no literal (a
    // bare one is read as a REAL).
    let [lite, pg, my, maria] = inline(u64::MAX);
    assert!(literal_error("sqlite")(&lite), "{lite:?}");
    assert!(lite
        .unwrap_err()
        .to_string()
        .contains("18446744073709551615"));
    assert_eq!(pg.as_deref(), Ok("CAST(18446744073709551615 AS NUMERIC)"));
    assert_eq!(my.as_deref(), Ok("18446744073709551615"));
    assert_eq!(maria.as_deref(), Ok("18446744073709551615"));
    let max = i64::MAX as u64;
    assert_inline(
        max,
        "9223372036854775807",
        "CAST(9223372036854775807 AS NUMERIC)",
        "9223372036854775807",
    );
    // SQLite before 3.23 has no TRUE / FALSE keywords.
    let old = sqlexpr_sqlite::Sqlite::with_version(3, 22, 0);
    assert_eq!(sqlexpr::value(true).to_sql_inline(&old).unwrap(), "1");
    assert_eq!(sqlexpr::value(false).to_sql_inline(&old).unwrap(), "0");
}

#[test]
fn inline_strings() {
    assert_inline("plain", "'plain'", "'plain'", "'plain'");
    assert_inline("it's", "'it''s'", "'it''s'", "'it''s'");
    // SQLite takes a backslash literally. PostgreSQL reads it so in a
    // standard string only when standard_conforming_strings is on: a string
    // with one is an escape string, the same under either setting. MySQL
    // reads it as an escape unless NO_BACKSLASH_ESCAPES: a hex literal is
    // the same under either mode.
    assert_inline(r"a\b", r"'a\b'", r"E'a\\b'", "_utf8mb4 X'615c62'");
    assert_inline(r"\'", r"'\'''", r"E'\\'''", "_utf8mb4 X'5c27'");
    assert_inline("é ☃ \n", "'é ☃ \n'", "'é ☃ \n'", "'é ☃ \n'");
    assert_inline("", "''", "''", "''");
}

#[test]
fn inline_strings_with_nul() {
    let [lite, pg, my, maria] = inline("a\0b'");
    assert_eq!(lite.as_deref(), Ok("CAST(X'61006227' AS TEXT)"));
    assert!(literal_error("postgresql")(&pg), "{pg:?}");
    assert_eq!(my.as_deref(), Ok("_utf8mb4 X'61006227'"));
    assert_eq!(maria.as_deref(), Ok("_utf8mb4 X'61006227'"));
    let msg = pg.unwrap_err().to_string();
    assert!(msg.contains("NUL"), "{msg}");
    // SQLite reads the hex form back as the same text.
    let conn = sqlite_db("");
    assert_eq!(
        fixtures::raw_rows(&conn, &format!("SELECT {}", lite.unwrap())),
        vec![vec![text("a\0b'")]]
    );
}

#[test]
fn inline_bytes() {
    assert_inline(
        vec![0xdeu8, 0xad, 0xbe, 0xef, 0x00],
        "X'deadbeef00'",
        r"E'\\xdeadbeef00'::bytea",
        "X'deadbeef00'",
    );
    assert_inline(Vec::<u8>::new(), "X''", r"E'\\x'::bytea", "X''");
}

#[test]
fn inline_floats() {
    assert_inline(1.5f64, "1.5e0", "'1.5e0'::float8", "1.5e0");
    assert_inline(0.1f64, "1e-1", "'1e-1'::float8", "1e-1");
    assert_inline(-2.5e300f64, "-2.5e300", "'-2.5e300'::float8", "-2.5e300");
    // An f32 is the double it binds as on SQLite; a FLOAT on MySQL.
    assert_inline(
        0.25f32,
        "2.5e-1",
        "'2.5e-1'::float4",
        "CAST(2.5e-1 AS FLOAT)",
    );
    assert_inline(
        0.1f32,
        "1.0000000149011612e-1",
        "'1e-1'::float4",
        "CAST(1e-1 AS FLOAT)",
    );
    assert_inline(
        f64::MIN_POSITIVE,
        "2.2250738585072014e-308",
        "'2.2250738585072014e-308'::float8",
        "2.2250738585072014e-308",
    );
}

#[test]
fn inline_non_finite_floats() {
    // NaN: PostgreSQL only.
    let [lite, pg, my, maria] = inline(f64::NAN);
    assert!(literal_error("sqlite")(&lite), "{lite:?}");
    assert_eq!(pg.as_deref(), Ok("'NaN'::float8"));
    assert!(literal_error("mysql")(&my), "{my:?}");
    assert!(literal_error("mariadb")(&maria), "{maria:?}");
    // ±infinity: SQLite reads an out-of-range literal as infinity.
    let [lite, pg, my, _] = inline(f64::INFINITY);
    assert_eq!(lite.as_deref(), Ok("9e999"));
    assert_eq!(pg.as_deref(), Ok("'Infinity'::float8"));
    assert!(literal_error("mysql")(&my), "{my:?}");
    let [lite, pg, my, _] = inline(f32::NEG_INFINITY);
    assert_eq!(lite.as_deref(), Ok("-9e999"));
    assert_eq!(pg.as_deref(), Ok("'-Infinity'::float8"));
    assert!(literal_error("mysql")(&my), "{my:?}");
    let conn = sqlite_db("");
    assert_eq!(
        fixtures::raw_rows(&conn, "SELECT 9e999, -9e999, 1.5e0, 1e-1"),
        vec![vec![
            real(f64::INFINITY),
            real(f64::NEG_INFINITY),
            real(1.5),
            real(0.1)
        ]]
    );
}

#[test]
fn inline_decimals_and_uuids() {
    let d = BigDecimal::from_str("12.50").unwrap();
    // SQLite has no exact decimal: one a double holds is a bare number
    // (a REAL), as it binds; one with more digits is text.
    assert_inline(d, "12.50", "12.50", "12.50");
    let d = BigDecimal::from_str("0.12345678901234567890").unwrap();
    let [lite, ..] = inline(d);
    assert_eq!(lite.as_deref(), Ok("'0.12345678901234567890'"));
    let d = BigDecimal::from_str("-0.000123").unwrap();
    let [lite, pg, my, _] = inline(d);
    assert_eq!(lite.as_deref(), Ok("-0.000123"));
    assert_eq!(pg.as_deref(), Ok("-0.000123"));
    assert_eq!(my.as_deref(), Ok("-0.000123"));
    let u = uuid::Uuid::parse_str("67e55044-10b1-426f-9247-bb680e5fe0c8").unwrap();
    assert_inline(
        u,
        "'67e55044-10b1-426f-9247-bb680e5fe0c8'",
        "'67e55044-10b1-426f-9247-bb680e5fe0c8'::uuid",
        "'67e55044-10b1-426f-9247-bb680e5fe0c8'",
    );
}

#[test]
fn inline_dates_and_times() {
    let date = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    assert_inline(
        date,
        "'2024-02-29'",
        "DATE '2024-02-29'",
        "DATE '2024-02-29'",
    );
    let time = NaiveTime::from_hms_milli_opt(13, 45, 30, 250).unwrap();
    assert_inline(
        time,
        "'13:45:30.250'",
        "TIME '13:45:30.250'",
        "TIME '13:45:30.250'",
    );
    let dt = date.and_hms_opt(13, 45, 30).unwrap();
    assert_inline(
        dt,
        "'2024-02-29 13:45:30'",
        "TIMESTAMP '2024-02-29 13:45:30'",
        "TIMESTAMP '2024-02-29 13:45:30'",
    );
    // With a zone: kept on PostgreSQL; converted to UTC on MySQL, whose
    // DATETIME has none, and on SQLite, where text order is then time order.
    let tz = FixedOffset::east_opt(2 * 3600)
        .unwrap()
        .from_local_datetime(&date.and_hms_micro_opt(1, 5, 0, 123_456).unwrap())
        .unwrap();
    assert_inline(
        tz,
        "'2024-02-28 23:05:00.123456+00:00'",
        "TIMESTAMP WITH TIME ZONE '2024-02-29 01:05:00.123456+02:00'",
        "TIMESTAMP '2024-02-28 23:05:00.123456'",
    );
    let west = FixedOffset::west_opt(5 * 3600 + 30 * 60)
        .unwrap()
        .from_local_datetime(&dt)
        .unwrap();
    assert_inline(
        west,
        "'2024-02-29 19:15:30+00:00'",
        "TIMESTAMP WITH TIME ZONE '2024-02-29 13:45:30-05:30'",
        "TIMESTAMP '2024-02-29 19:15:30'",
    );
}

#[test]
fn inline_json() {
    let j = serde_json::json!({"a": "it's \"q\" \\", "n": [1, null]});
    assert_inline(
        j,
        r#"'{"a":"it''s \"q\" \\","n":[1,null]}'"#,
        r#"CAST(E'{"a":"it''s \\"q\\" \\\\","n":[1,null]}' AS JSONB)"#,
        "_utf8mb4 X'7b2261223a2269742773205c22715c22205c5c222c226e223a5b312c6e756c6c5d7d'",
    );
}

#[test]
fn inline_statement() {
    let users = users();
    let q = select([users.c("name")])
        .where_(
            users.c("name").ne("O'Brien\\")
                & users.c("age").gt(-5)
                & (users.c("age") - sqlexpr::value(-5)).gt(-sqlexpr::value(1)),
        )
        .order_by([users.c("id")]);
    assert_eq!(
        q.to_sql_inline(&sqlite()).unwrap(),
        r#"SELECT "users"."name" FROM "users" WHERE "users"."name" <> 'O''Brien\' AND "users"."age" > -5 AND "users"."age" - -5 > -(1) ORDER BY "users"."id""#
    );
    assert_eq!(
        q.to_sql_inline(&postgres()).unwrap(),
        r#"SELECT "users"."name" FROM "users" WHERE "users"."name" <> E'O''Brien\\' AND "users"."age" > -5 AND "users"."age" - -5 > -(1) ORDER BY "users"."id""#
    );
    assert_eq!(
        q.to_sql_inline(&mysql()).unwrap(),
        r"SELECT `users`.`name` FROM `users` WHERE `users`.`name` <> _utf8mb4 X'4f27427269656e5c' AND `users`.`age` > -5 AND `users`.`age` - -5 > -(1) ORDER BY `users`.`id`"
    );
    // No `--` comment can be formed from negative values.
    for d in [&sqlite() as &dyn Dialect, &postgres(), &mysql()] {
        assert!(!q.to_sql_inline(d).unwrap().contains("--"));
    }
    // The inline form returns what the bound form returns on SQLite.
    let conn = db();
    let sql = q.to_sql_inline(&sqlite()).unwrap();
    assert_eq!(fixtures::raw_rows(&conn, &sql), sqlite_rows(&conn, &q));
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![text("ann")], vec![text("Bob")], vec![text("dee")]]
    );
    // An error in a literal is an error of the whole statement.
    let q = select([users.c("id")]).where_(users.c("name").eq("a\0"));
    assert!(matches!(
        q.to_sql_inline(&postgres()),
        Err(Error::Literal { .. })
    ));
    assert!(
        q.compile(&postgres()).is_ok(),
        "bound, the value needs no literal"
    );
}
