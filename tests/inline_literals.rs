//! Inline literals read back as the bound value does: every `Value` variant
//! (and the edges of each: extreme integers, decimals in every notation,
//! dates before year 1 and after 9999), on SQLite, PostgreSQL and MariaDB,
//!
//! (a) stored in a column of its type, bound in one row and inline in
//!     another, then read back: the two rows hold the same value;
//! (b) selected where no column gives it a type (`SELECT <value> AS v`),
//!     compiled bound and with `to_sql_inline`: the two results are the
//!     same value of the same type (decoded by the crates' `row_values` on
//!     PostgreSQL and MariaDB; SQLite's storage class and value).
//!
//! A value the engine cannot read as itself must be `Error::Literal`
//! naming the dialect and the value, never SQL that the server rejects or
//! reads as something else.
mod common;

use std::str::FromStr;

use bigdecimal::BigDecimal;
use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};
use common::servers;
use mysql_async::prelude::Queryable;
use rusqlite::types::Value as SqliteValue;
use rusqlite::Connection;
use sqlexpr::{select, Compiled, Dialect, Error, SqlType, Value};
use sqlexpr_mysql::{MySql, MySqlExt};
use sqlexpr_postgres::{PgExt, Postgres};
use sqlexpr_sqlite::{Sqlite, SqliteExt};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec(s: &str) -> Value {
    Value::Decimal(BigDecimal::from_str(s).unwrap())
}

/// The cases: a value and the column type it is stored in.
fn cases() -> Vec<(Value, SqlType)> {
    let time = NaiveTime::from_hms_micro_opt(13, 45, 30, 250_000).unwrap();
    let plus2 = FixedOffset::east_opt(2 * 3600).unwrap();
    vec![
        (Value::Null, SqlType::Text),
        (Value::Bool(true), SqlType::Boolean),
        (Value::Bool(false), SqlType::Boolean),
        (Value::I8(i8::MIN), SqlType::SmallInteger),
        (Value::I16(i16::MIN), SqlType::SmallInteger),
        (Value::I32(i32::MIN), SqlType::Integer),
        (Value::I64(i64::MIN), SqlType::BigInteger),
        (Value::I64(5), SqlType::BigInteger),
        (Value::U8(u8::MAX), SqlType::SmallInteger),
        (Value::U16(u16::MAX), SqlType::Integer),
        (Value::U32(u32::MAX), SqlType::BigInteger),
        (Value::U64(7), SqlType::Numeric(20, 0)),
        (Value::U64(i64::MAX as u64), SqlType::Numeric(20, 0)),
        (Value::U64(u64::MAX), SqlType::Numeric(20, 0)),
        (Value::F32(0.1), SqlType::Float),
        (Value::F32(-3.25e38), SqlType::Float),
        (Value::F64(0.1), SqlType::Double),
        (Value::F64(-2.5e300), SqlType::Double),
        (Value::F64(5.0), SqlType::Double),
        (Value::Text("it's \\ \"x\" \u{e9}".into()), SqlType::Text),
        (Value::Text("".into()), SqlType::Text),
        (
            Value::Bytes(vec![0u8, 1, 0x5c, 0x27, 255].into()),
            SqlType::Binary,
        ),
        (dec("12.50"), SqlType::Numeric(10, 2)),
        (dec("-0.000123"), SqlType::Numeric(12, 6)),
        (dec("1E+3"), SqlType::Numeric(10, 0)),
        (dec("5"), SqlType::Numeric(10, 0)),
        (dec("1.5E-7"), SqlType::Numeric(12, 8)),
        (
            dec("12345678901234567890123456789.123456789"),
            SqlType::Numeric(38, 9),
        ),
        (
            Value::Uuid(uuid::Uuid::parse_str("67e55044-10b1-426f-9247-bb680e5fe0c8").unwrap()),
            SqlType::Uuid,
        ),
        (Value::Date(date(2024, 2, 29)), SqlType::Date),
        (Value::Date(date(1, 1, 1)), SqlType::Date),
        (Value::Date(date(9999, 12, 31)), SqlType::Date),
        (Value::Date(date(0, 3, 1)), SqlType::Date),
        (Value::Date(date(-43, 3, 15)), SqlType::Date),
        (Value::Date(date(10000, 1, 1)), SqlType::Date),
        (Value::Time(time), SqlType::Time),
        (Value::Time(NaiveTime::MIN), SqlType::Time),
        (
            Value::DateTime(date(2024, 2, 29).and_time(time)),
            SqlType::DateTime,
        ),
        (
            Value::DateTime(date(-43, 3, 15).and_time(time)),
            SqlType::DateTime,
        ),
        (
            Value::DateTimeTz(
                plus2
                    .from_local_datetime(&date(2024, 2, 29).and_time(time))
                    .unwrap(),
            ),
            SqlType::DateTimeTz,
        ),
        (
            Value::DateTimeTz(
                plus2
                    .from_local_datetime(&date(-43, 3, 15).and_time(time))
                    .unwrap(),
            ),
            SqlType::DateTimeTz,
        ),
        (
            Value::Json(serde_json::json!({"a": "x\\y", "n": [1, null, 2.5]})),
            SqlType::Json,
        ),
    ]
}

/// Whether `engine` has no literal for `v`, and so must refuse it.
fn refused(engine: &str, v: &Value) -> bool {
    let year = match v {
        Value::Date(d) => Some(chrono::Datelike::year(d)),
        Value::DateTime(t) => Some(chrono::Datelike::year(t)),
        Value::DateTimeTz(t) => Some(chrono::Datelike::year(t)),
        _ => None,
    };
    match engine {
        // SQLite integers are signed 64-bit.
        "sqlite" if matches!(v, Value::U64(u) if *u > i64::MAX as u64) => true,
        // SQLite's date functions and MariaDB's DATE: years 0000 to 9999.
        "sqlite" | "mariadb" => year.is_some_and(|y| !(0..=9999).contains(&y)),
        // PostgreSQL: 4714-11-24 BC on.
        _ => false,
    }
}

/// `v` inline for `d`; checks the refusal when the engine has no literal.
fn literal(d: &dyn Dialect, v: &Value) -> Option<String> {
    let mut out = String::new();
    match d.write_literal(&mut out, v) {
        Ok(()) => {
            assert!(!refused(d.name(), v), "{}: {v:?} wrote {out}", d.name());
            Some(out)
        }
        Err(Error::Literal { dialect, reason }) => {
            assert_eq!(dialect, d.name());
            assert!(refused(d.name(), v), "{}: {v:?}: {reason}", d.name());
            None
        }
        Err(e) => panic!("{}: {v:?}: {e}", d.name()),
    }
}

fn type_name(d: &dyn Dialect, ty: &SqlType) -> String {
    let mut out = String::new();
    d.write_type(&mut out, ty).expect("type");
    out
}

// ---- SQLite ------------------------------------------------------------

fn sqlite_rows(conn: &Connection, c: &Compiled) -> Vec<Vec<SqliteValue>> {
    let mut rows = Vec::new();
    conn.for_each_compiled(c, &mut |row| {
        let n = row.as_ref().column_count();
        let mut out = Vec::new();
        for i in 0..n {
            out.push(row.get::<_, SqliteValue>(i)?);
        }
        rows.push(out);
        Ok(())
    })
    .unwrap_or_else(|e| panic!("sqlite: {}: {e}", c.sql));
    rows
}

/// The decimal a one-value text result holds.
fn as_decimal(rows: &[Vec<SqliteValue>]) -> Option<BigDecimal> {
    match rows {
        [row] => match row.as_slice() {
            [SqliteValue::Text(s)] => BigDecimal::from_str(s).ok(),
            _ => None,
        },
        _ => None,
    }
}

#[test]
fn sqlite_inline_reads_back_as_bound() {
    let d = Sqlite::new();
    let conn = Connection::open_in_memory().unwrap();
    let mut checked = 0;
    for (i, (v, ty)) in cases().into_iter().enumerate() {
        let Some(lit) = literal(&d, &v) else { continue };
        // (a) in a column of its type.
        let t = format!("t{i}");
        conn.execute_batch(&format!(
            "CREATE TABLE {t} (id INTEGER, c {})",
            type_name(&d, &ty)
        ))
        .unwrap();
        let bound = Compiled::new(format!("INSERT INTO {t} VALUES (1, ?)"), vec![v.clone()]);
        sqlite_rows(&conn, &bound);
        let inline = Compiled::new(format!("INSERT INTO {t} VALUES (2, {lit})"), vec![]);
        sqlite_rows(&conn, &inline);
        let rows = sqlite_rows(
            &conn,
            &Compiled::new(format!("SELECT c FROM {t} ORDER BY id"), vec![]),
        );
        assert_eq!(rows[0], rows[1], "sqlite: {v:?} stored as {ty:?}: {lit}");
        // (b) untyped.
        let q = select([sqlexpr::value(v.clone()).label("v")]);
        let bound = sqlite_rows(&conn, &q.compile(&d).unwrap());
        let sql = q.to_sql_inline(&d).unwrap();
        let inline = sqlite_rows(&conn, &Compiled::new(sql.clone(), vec![]));
        if let Value::Decimal(_) = v {
            // A decimal binds as text in its Display form, which may be
            // the exponent form (`1.5E-7`); the literal is positional.
            assert_eq!(as_decimal(&bound), as_decimal(&inline), "sqlite: {sql}");
            assert!(!lit.contains('E'), "{lit}");
        } else {
            assert_eq!(bound, inline, "sqlite: {v:?}: {sql}");
        }
        checked += 1;
    }
    let expected = cases()
        .iter()
        .filter(|(v, _)| !refused("sqlite", v))
        .count();
    assert_eq!(checked, expected);
}

// ---- PostgreSQL --------------------------------------------------------

fn pg_values(rows: &[tokio_postgres::Row]) -> Vec<Vec<Value>> {
    rows.iter()
        .map(|r| sqlexpr_postgres::row_values(r).expect("decode"))
        .collect()
}

#[tokio::test]
async fn postgres_inline_reads_back_as_bound() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let d = Postgres::new();
    // A fixed zone, so a zoned timestamp reads back the same in both rows.
    db.batch_execute("SET TimeZone = 'UTC'").await.unwrap();
    let mut checked = 0;
    for (i, (v, ty)) in cases().into_iter().enumerate() {
        let Some(lit) = literal(&d, &v) else { continue };
        let t = format!("t{i}");
        db.batch_execute(&format!(
            "CREATE TABLE {t} (id INTEGER, c {})",
            type_name(&d, &ty)
        ))
        .await
        .unwrap_or_else(|e| panic!("{ty:?}: {e}"));
        let bound = Compiled::new(format!("INSERT INTO {t} VALUES (1, $1)"), vec![v.clone()]);
        db.exec_compiled(&bound)
            .await
            .unwrap_or_else(|e| panic!("postgresql: bound {v:?}: {e}"));
        // The simple-query protocol: what a script or psql would run.
        let sql = format!("INSERT INTO {t} VALUES (2, {lit})");
        db.batch_execute(&sql)
            .await
            .unwrap_or_else(|e| panic!("postgresql: {sql}: {e}"));
        let rows = db
            .query(&format!("SELECT c FROM {t} ORDER BY id"), &[])
            .await
            .unwrap();
        let rows = pg_values(&rows);
        assert_eq!(
            rows[0], rows[1],
            "postgresql: {v:?} stored as {ty:?}: {lit}"
        );
        // (b) untyped.
        let q = select([sqlexpr::value(v.clone()).label("v")]);
        let bound = db.query_compiled(&q.compile(&d).unwrap()).await.unwrap();
        let sql = q.to_sql_inline(&d).unwrap();
        let inline = db
            .query_compiled(&Compiled::new(sql.clone(), vec![]))
            .await
            .unwrap_or_else(|e| panic!("postgresql: {sql}: {e}"));
        assert_eq!(
            bound[0].columns()[0].type_(),
            inline[0].columns()[0].type_(),
            "postgresql: {v:?}: {sql}"
        );
        assert_eq!(
            pg_values(&bound),
            pg_values(&inline),
            "postgresql: {v:?}: {sql}"
        );
        checked += 1;
    }
    assert_eq!(checked, cases().len());
}

// ---- MariaDB -----------------------------------------------------------

fn my_values(rows: &[mysql_async::Row]) -> Vec<Vec<Value>> {
    rows.iter()
        .map(|r| sqlexpr_mysql::row_values(r).expect("decode"))
        .collect()
}

/// MySQL types an integer literal by its size (`5` is INT, a bound i64
/// BIGINT): integers compare by value. A decimal binds as a string (and
/// comes back as text) where its literal is a DECIMAL: decimals compare by
/// their digits.
fn widened(rows: Vec<Vec<Value>>) -> Vec<Vec<Value>> {
    let int = |v: &Value| -> Option<i128> {
        Some(match v {
            Value::I8(x) => (*x).into(),
            Value::I16(x) => (*x).into(),
            Value::I32(x) => (*x).into(),
            Value::I64(x) => (*x).into(),
            Value::U8(x) => (*x).into(),
            Value::U16(x) => (*x).into(),
            Value::U32(x) => (*x).into(),
            Value::U64(x) => (*x).into(),
            _ => return None,
        })
    };
    rows.into_iter()
        .map(|r| {
            r.into_iter()
                .map(|v| match (int(&v), v) {
                    (Some(i), _) => Value::Text(i.to_string().into()),
                    (None, Value::Decimal(d)) => Value::Text(d.to_plain_string().into()),
                    (None, v) => v,
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn mariadb_inline_reads_back_as_bound() {
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    let d = MySql::mariadb();
    let mut checked = 0;
    for mode in ["DEFAULT", "CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')"] {
        db.query_drop(format!("SET SESSION sql_mode = {mode}"))
            .await
            .unwrap();
        for (i, (v, ty)) in cases().into_iter().enumerate() {
            let Some(lit) = literal(&d, &v) else { continue };
            let t = format!("t{checked}_{i}");
            db.query_drop(format!(
                "CREATE TABLE {t} (id INTEGER, c {})",
                type_name(&d, &ty)
            ))
            .await
            .unwrap_or_else(|e| panic!("{ty:?}: {e}"));
            let bound = Compiled::new(format!("INSERT INTO {t} VALUES (1, ?)"), vec![v.clone()]);
            db.exec_compiled(&bound)
                .await
                .unwrap_or_else(|e| panic!("mariadb: bound {v:?}: {e}"));
            // The text protocol: what a script or the mysql client would run.
            let sql = format!("INSERT INTO {t} VALUES (2, {lit})");
            db.query_drop(&sql)
                .await
                .unwrap_or_else(|e| panic!("mariadb: {sql}: {e}"));
            let rows: Vec<mysql_async::Row> = db
                .exec(format!("SELECT c FROM {t} ORDER BY id"), ())
                .await
                .unwrap();
            let rows = my_values(&rows);
            assert_eq!(
                rows[0], rows[1],
                "mariadb ({mode}): {v:?} stored as {ty:?}: {lit}"
            );
            // (b) untyped.
            let q = select([sqlexpr::value(v.clone()).label("v")]);
            let bound = db.query_compiled(&q.compile(&d).unwrap()).await.unwrap();
            let sql = q.to_sql_inline(&d).unwrap();
            let inline = db
                .query_compiled(&Compiled::new(sql.clone(), vec![]))
                .await
                .unwrap_or_else(|e| panic!("mariadb: {sql}: {e}"));
            let raw = |rows: &[mysql_async::Row]| -> Vec<Vec<mysql_async::Value>> {
                rows.iter().map(|r| r.clone().unwrap()).collect()
            };
            assert_eq!(raw(&bound), raw(&inline), "mariadb ({mode}): {v:?}: {sql}");
            // Decoded too, where the bound form decodes as its value: a
            // VARBINARY select-list item is read as text, and a date binds
            // as a DATETIME at midnight (the literal is a DATE).
            if !matches!(v, Value::Bytes(_) | Value::Date(_)) {
                assert_eq!(
                    widened(my_values(&bound)),
                    widened(my_values(&inline)),
                    "mariadb ({mode}): {v:?}: {sql}"
                );
            }
            checked += 1;
        }
    }
    let expected = cases()
        .iter()
        .filter(|(v, _)| !refused("mariadb", v))
        .count();
    assert_eq!(checked, 2 * expected);
}

// ---- the SQL itself -----------------------------------------------------

fn inline4(v: &Value) -> [Result<String, Error>; 4] {
    let mut out = [const { Ok(String::new()) }; 4];
    let dialects: [&dyn Dialect; 4] = [
        &Sqlite::new(),
        &Postgres::new(),
        &MySql::new(),
        &MySql::mariadb(),
    ];
    for (slot, d) in out.iter_mut().zip(dialects) {
        let mut s = String::new();
        *slot = d.write_literal(&mut s, v).map(|()| s);
    }
    out
}

fn literal_error(r: &Result<String, Error>, dialect: &str, needle: &str) {
    match r {
        Err(e @ Error::Literal { dialect: d, .. }) if d == dialect => {
            let msg = e.to_string();
            assert!(msg.contains(needle), "{dialect}: {msg}");
        }
        other => panic!("{dialect}: expected Error::Literal naming {needle:?}, got {other:?}"),
    }
}

#[test]
fn decimals_are_positional_and_bounded() {
    // Display would write 1.5E-7 and 1E+3: SQL reads those as floats.
    let [lite, pg, my, maria] = inline4(&dec("1.5E-7"));
    assert_eq!(lite.as_deref(), Ok("0.00000015"));
    assert_eq!(pg.as_deref(), Ok("0.00000015"));
    assert_eq!(my.as_deref(), Ok("0.00000015"));
    assert_eq!(maria.as_deref(), Ok("0.00000015"));
    let [lite, pg, my, _] = inline4(&dec("1E+3"));
    assert_eq!(lite.as_deref(), Ok("1000"));
    assert_eq!(pg.as_deref(), Ok("CAST(1000 AS NUMERIC)"));
    assert_eq!(my.as_deref(), Ok("CAST(1000 AS DECIMAL(4, 0))"));
    let [_, pg, my, _] = inline4(&dec("-5"));
    assert_eq!(pg.as_deref(), Ok("CAST(-5 AS NUMERIC)"));
    assert_eq!(my.as_deref(), Ok("CAST(-5 AS DECIMAL(1, 0))"));
    // A huge exponent is refused before anything is allocated.
    for huge in ["1E+1000000000", "1E-1000000000", "1E+9223372036854775807"] {
        let [lite, pg, my, maria] = inline4(&dec(huge));
        literal_error(&lite, "sqlite", "outside");
        literal_error(&pg, "postgresql", "outside");
        literal_error(&my, "mysql", "outside");
        literal_error(&maria, "mariadb", "outside");
    }
    // PostgreSQL: 131072 digits before the point, 16383 after.
    let [_, pg, _, _] = inline4(&dec("1E+131071"));
    assert_eq!(pg.map(|s| s.len()), Ok("CAST( AS NUMERIC)".len() + 131_072));
    let [_, pg, _, _] = inline4(&dec("1E+131072"));
    literal_error(&pg, "postgresql", "131073 digits before the point");
    let [_, pg, _, _] = inline4(&dec("1E-16383"));
    assert!(pg.is_ok());
    let [_, pg, _, _] = inline4(&dec("1E-16384"));
    literal_error(&pg, "postgresql", "16384 after");
    // MySQL: 65 digits in all, 30 after the point (MariaDB 38).
    let d65 = "9".repeat(65);
    let [_, _, my, _] = inline4(&dec(&d65));
    assert_eq!(my, Ok(format!("CAST({d65} AS DECIMAL(65, 0))")));
    let [_, _, my, maria] = inline4(&dec(&format!("{d65}9")));
    literal_error(&my, "mysql", "66 digits before the point");
    literal_error(&maria, "mariadb", "66 digits before the point");
    let f31 = format!("0.{}", "1".repeat(31));
    let [_, _, my, maria] = inline4(&dec(&f31));
    literal_error(&my, "mysql", "31 after");
    assert_eq!(maria, Ok(f31));
}

#[test]
fn dates_outside_each_engines_years_are_refused() {
    let caesar = Value::Date(date(-43, 3, 15));
    let [lite, pg, my, maria] = inline4(&caesar);
    literal_error(&lite, "sqlite", "-0043-03-15");
    assert_eq!(pg.as_deref(), Ok("DATE '0044-03-15 BC'"));
    literal_error(&my, "mysql", "-0043-03-15");
    literal_error(&maria, "mariadb", "-0043-03-15");
    let far = Value::Date(date(10000, 1, 1));
    let [lite, pg, my, _] = inline4(&far);
    literal_error(&lite, "sqlite", "+10000-01-01");
    assert_eq!(pg.as_deref(), Ok("DATE '10000-01-01'"));
    literal_error(&my, "mysql", "+10000-01-01");
    // Year 0 is 1 BC; SQLite and MySQL write it as 0000.
    let zero = Value::Date(date(0, 3, 1));
    let [lite, pg, my, _] = inline4(&zero);
    assert_eq!(lite.as_deref(), Ok("'0000-03-01'"));
    assert_eq!(pg.as_deref(), Ok("DATE '0001-03-01 BC'"));
    assert_eq!(my.as_deref(), Ok("DATE '0000-03-01'"));
    // PostgreSQL's first day is 4714-11-24 BC.
    let [_, pg, _, _] = inline4(&Value::Date(date(-4713, 11, 24)));
    assert_eq!(pg.as_deref(), Ok("DATE '4714-11-24 BC'"));
    let [_, pg, _, _] = inline4(&Value::Date(date(-4713, 11, 23)));
    literal_error(&pg, "postgresql", "-4713-11-23");
    // Timestamps: the same ranges; BC after the time and zone.
    let t = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
    let [lite, pg, _, _] = inline4(&Value::DateTime(date(-43, 3, 15).and_time(t)));
    literal_error(&lite, "sqlite", "-0043-03-15 12:00:00");
    assert_eq!(pg.as_deref(), Ok("TIMESTAMP '0044-03-15 12:00:00 BC'"));
    let tz = FixedOffset::east_opt(2 * 3600)
        .unwrap()
        .from_local_datetime(&date(-43, 3, 15).and_time(t))
        .unwrap();
    let [_, pg, my, _] = inline4(&Value::DateTimeTz(tz));
    assert_eq!(
        pg.as_deref(),
        Ok("TIMESTAMP WITH TIME ZONE '0044-03-15 12:00:00+02:00 BC'")
    );
    literal_error(&my, "mysql", "-0043-03-15");
    // A zoned timestamp whose UTC date is past the range: MySQL writes UTC.
    let late = FixedOffset::west_opt(3600)
        .unwrap()
        .from_local_datetime(&date(9999, 12, 31).and_hms_opt(23, 30, 0).unwrap())
        .unwrap();
    let [lite, _, my, _] = inline4(&Value::DateTimeTz(late));
    literal_error(&lite, "sqlite", "9999-12-31");
    literal_error(&my, "mysql", "9999-12-31");
    // A leap second reads back as another time, or not at all.
    let leap = NaiveTime::from_hms_milli_opt(23, 59, 59, 1_500).unwrap();
    for r in inline4(&Value::Time(leap)) {
        assert!(
            matches!(&r, Err(Error::Literal { reason, .. }) if reason.contains("leap second")),
            "{r:?}"
        );
    }
}

/// The refused values are refused by the servers too (else the range would
/// be too narrow), and the accepted edges are accepted: PostgreSQL reads
/// 4714-11-24 BC but not the day before; MariaDB reads 0000-01-01 and not
/// year 10000.
#[tokio::test]
async fn the_edges_are_the_servers_edges() {
    if let Some(db) = servers::postgres().await {
        let ok = db
            .simple_query("SELECT DATE '4714-11-24 BC', DATE '262142-12-31'")
            .await;
        assert!(ok.is_ok(), "{ok:?}");
        let err = db.simple_query("SELECT DATE '4714-11-23 BC'").await;
        assert!(err.is_err());
    }
    if let Some(mut db) = servers::mysql().await {
        let ok: Result<Vec<mysql_async::Row>, _> = db
            .query("SELECT DATE '0000-01-01', DATE '9999-12-31'")
            .await;
        assert!(ok.is_ok(), "{ok:?}");
        let err: Result<Vec<mysql_async::Row>, _> = db.query("SELECT DATE '10000-01-01'").await;
        assert!(err.is_err());
    }
}
