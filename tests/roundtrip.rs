//! Every kind of `Value` inserted as a bound parameter and read back, on
//! SQLite, PostgreSQL and MariaDB.
//!
//! Each case names the column type per database and what each database gives
//! back: the value itself where the database has the type, or its
//! documented stored form (SQLite keeps dates, decimals, uuids and JSON as
//! text and booleans as integers; MariaDB keeps booleans as TINYINT(1),
//! uuids as CHAR(36), JSON as LONGTEXT, and date-times with a zone in UTC),
//! or an error where the database cannot store the value.
mod common;

use std::str::FromStr;

use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use common::servers;
use rusqlite::types::ValueRef;
use sqlexpr::prelude::*;
use sqlexpr::raw_with;
use sqlexpr_mysql::MySqlExt;
use sqlexpr_postgres::PgExt;
use sqlexpr_sqlite::SqliteExt;

/// What a database gives back.
#[derive(Debug, Clone)]
enum Back {
    /// The value inserted.
    Same,
    /// Another value (a documented normalisation).
    Is(Value),
    /// An error on insert (the database cannot store the value).
    Error,
}

struct Case {
    name: &'static str,
    value: Value,
    sqlite: (&'static str, Back),
    pg: (&'static str, Back),
    my: (&'static str, Back),
}

fn case(name: &'static str, value: impl Into<Value>, ty: &'static str) -> Case {
    Case {
        name,
        value: value.into(),
        sqlite: (ty, Back::Same),
        pg: (ty, Back::Same),
        my: (ty, Back::Same),
    }
}

impl Case {
    fn sqlite(mut self, ty: &'static str, back: Back) -> Self {
        self.sqlite = (ty, back);
        self
    }
    fn pg(mut self, ty: &'static str, back: Back) -> Self {
        self.pg = (ty, back);
        self
    }
    fn my(mut self, ty: &'static str, back: Back) -> Self {
        self.my = (ty, back);
        self
    }
    /// The same type everywhere, stored as text on SQLite.
    fn sqlite_text(self) -> Self {
        let text = stored_text(&self.value);
        self.sqlite("TEXT", Back::Is(Value::Text(text.into())))
    }
}

/// How SQLite's binding stores a value as text.
fn stored_text(v: &Value) -> String {
    match v {
        Value::Decimal(d) => d.to_string(),
        Value::Uuid(u) => u.hyphenated().to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Time(t) => t.format("%H:%M:%S%.f").to_string(),
        Value::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S%.f").to_string(),
        // In UTC, so that text order is time order.
        Value::DateTimeTz(t) => t
            .naive_utc()
            .format("%Y-%m-%d %H:%M:%S%.f+00:00")
            .to_string(),
        Value::Json(j) => j.to_string(),
        other => panic!("no text form for {other:?}"),
    }
}

fn dec(s: &str) -> Value {
    Value::Decimal(BigDecimal::from_str(s).unwrap())
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn time(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M:%S%.f").unwrap()
}

fn datetime(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap()
}

fn cases() -> Vec<Case> {
    let long = "long text ✓ ".repeat(100_000);
    let uuid = uuid::Uuid::parse_str("67e55044-10b1-426f-9247-bb680e5fe0c8").unwrap();
    let json = serde_json::json!({
        "a": [1, 2, {"b": null, "c": [true, false]}],
        "s": "ü \"q\" \\",
        "n": -1.5e10,
        "o": {"deep": {"deeper": {"deepest": []}}}
    });
    let tz1 = DateTime::parse_from_rfc3339("2024-06-01T12:34:56.789+05:30").unwrap();
    let tz2 = DateTime::parse_from_rfc3339("1970-01-01T00:00:00-08:00").unwrap();
    vec![
        case("null", Value::Null, "BIGINT"),
        case("true", true, "BOOLEAN")
            .sqlite("INTEGER", Back::Is(Value::I64(1)))
            .my("TINYINT(1)", Back::Is(Value::I8(1))),
        case("false", false, "BOOLEAN")
            .sqlite("INTEGER", Back::Is(Value::I64(0)))
            .my("TINYINT(1)", Back::Is(Value::I8(0))),
        case("i8 min", i8::MIN, "SMALLINT")
            .sqlite("INTEGER", Back::Is(Value::I64(-128)))
            .pg("SMALLINT", Back::Is(Value::I16(-128)))
            .my("TINYINT", Back::Same),
        case("i16 min", i16::MIN, "SMALLINT")
            .sqlite("INTEGER", Back::Is(Value::I64(i16::MIN.into()))),
        case("i32 min", i32::MIN, "INTEGER")
            .sqlite("INTEGER", Back::Is(Value::I64(i32::MIN.into()))),
        case("i32 max", i32::MAX, "INTEGER")
            .sqlite("INTEGER", Back::Is(Value::I64(i32::MAX.into()))),
        case("i64 min", i64::MIN, "BIGINT"),
        case("i64 max", i64::MAX, "BIGINT"),
        case("u8 max", u8::MAX, "SMALLINT")
            .sqlite("INTEGER", Back::Is(Value::I64(255)))
            .pg("SMALLINT", Back::Is(Value::I16(255)))
            .my("TINYINT UNSIGNED", Back::Same),
        case("u16 max", u16::MAX, "INTEGER")
            .sqlite("INTEGER", Back::Is(Value::I64(65535)))
            .pg("INTEGER", Back::Is(Value::I32(65535)))
            .my("SMALLINT UNSIGNED", Back::Same),
        case("u32 max", u32::MAX, "BIGINT")
            .sqlite("INTEGER", Back::Is(Value::I64(u32::MAX.into())))
            .pg("BIGINT", Back::Is(Value::I64(u32::MAX.into())))
            .my("INT UNSIGNED", Back::Same),
        case("u64 max", u64::MAX, "BIGINT")
            .sqlite("INTEGER", Back::Error)
            .pg("NUMERIC(20, 0)", Back::Is(dec("18446744073709551615")))
            .my("BIGINT UNSIGNED", Back::Same),
        case("f32", 3.5f32, "REAL")
            .sqlite("REAL", Back::Is(Value::F64(3.5)))
            .my("FLOAT", Back::Same),
        case("f32 max", f32::MAX, "REAL")
            .sqlite("REAL", Back::Is(Value::F64(f32::MAX.into())))
            .my("FLOAT", Back::Same),
        case("f32 min positive", f32::MIN_POSITIVE, "REAL")
            .sqlite("REAL", Back::Is(Value::F64(f32::MIN_POSITIVE.into())))
            .my("FLOAT", Back::Same),
        case("f64 max", f64::MAX, "DOUBLE PRECISION").sqlite("REAL", Back::Same),
        case("f64 min", f64::MIN, "DOUBLE PRECISION").sqlite("REAL", Back::Same),
        case("f64 min positive", f64::MIN_POSITIVE, "DOUBLE PRECISION").sqlite("REAL", Back::Same),
        case("f64 pi", std::f64::consts::PI, "DOUBLE PRECISION").sqlite("REAL", Back::Same),
        case("f64 NaN", f64::NAN, "DOUBLE PRECISION")
            .sqlite("REAL", Back::Error)
            .my("DOUBLE", Back::Error),
        case("f64 infinity", f64::INFINITY, "DOUBLE PRECISION")
            .sqlite("REAL", Back::Same)
            .my("DOUBLE", Back::Error),
        case("f64 -infinity", f64::NEG_INFINITY, "DOUBLE PRECISION")
            .sqlite("REAL", Back::Same)
            .my("DOUBLE", Back::Error),
        case("empty text", "", "TEXT").my("LONGTEXT", Back::Same),
        case("long text", long.as_str(), "TEXT").my("LONGTEXT", Back::Same),
        case(
            "unicode",
            "héllo wörld ✓ 日本語 🦀 'quoted' \"double\" \\ back",
            "TEXT",
        )
        .my("LONGTEXT", Back::Same),
        case(
            "bytes with NUL",
            vec![0u8, 1, 0, 255, b'\\', b'\'', 0],
            "BYTEA",
        )
        .sqlite("BLOB", Back::Same)
        .my("LONGBLOB", Back::Same),
        case("empty bytes", Vec::<u8>::new(), "BYTEA")
            .sqlite("BLOB", Back::Same)
            .my("LONGBLOB", Back::Same),
        case(
            "decimal 38 digits",
            dec("12345678901234567890123456789012345678"),
            "NUMERIC(38, 0)",
        )
        .sqlite_text()
        .my("DECIMAL(38, 0)", Back::Same),
        case(
            "decimal 38 nines",
            dec("-99999999999999999999999999999999999999"),
            "NUMERIC(38, 0)",
        )
        .sqlite_text()
        .my("DECIMAL(38, 0)", Back::Same),
        case(
            "decimal fraction",
            dec("-0.1234567890123456789012345678901234567"),
            "NUMERIC(38, 37)",
        )
        .sqlite_text()
        .my("DECIMAL(38, 37)", Back::Same),
        // SQLite has no exact decimal: one a double holds binds as REAL
        // (so it computes and compares as a number), and its scale is not
        // kept; one a double does not hold stays text (above).
        case("decimal scale", dec("1.50"), "NUMERIC(10, 2)")
            .sqlite("NUMERIC(10, 2)", Back::Is(Value::F64(1.5)))
            .my("DECIMAL(10, 2)", Back::Same),
        case("decimal in a text column", dec("1.50"), "NUMERIC(10, 2)")
            .sqlite("TEXT", Back::Is(Value::Text("1.5".into())))
            .my("DECIMAL(10, 2)", Back::Same),
        case("whole decimal", dec("12.00"), "NUMERIC(10, 2)")
            .sqlite("NUMERIC(10, 2)", Back::Is(Value::I64(12)))
            .my("DECIMAL(10, 2)", Back::Same),
        case("uuid", uuid, "UUID").sqlite_text().my(
            "CHAR(36)",
            Back::Is(Value::Text(uuid.hyphenated().to_string().into())),
        ),
        case("date min", date("0001-01-01"), "DATE").sqlite_text(),
        case("date max", date("9999-12-31"), "DATE").sqlite_text(),
        case("leap day", date("2024-02-29"), "DATE").sqlite_text(),
        case("midnight", time("00:00:00"), "TIME")
            .sqlite_text()
            .my("TIME(6)", Back::Same),
        case("time max", time("23:59:59.999999"), "TIME")
            .sqlite_text()
            .my("TIME(6)", Back::Same),
        case("datetime min", datetime("0001-01-01 00:00:00"), "TIMESTAMP")
            .sqlite_text()
            .my("DATETIME(6)", Back::Same),
        case(
            "datetime max",
            datetime("9999-12-31 23:59:59.999999"),
            "TIMESTAMP",
        )
        .sqlite_text()
        .my("DATETIME(6)", Back::Same),
        case("datetime +05:30", tz1, "TIMESTAMPTZ")
            .sqlite_text()
            .my(
                "DATETIME(6)",
                Back::Is(Value::DateTime(datetime("2024-06-01 07:04:56.789"))),
            ),
        case("datetime -08:00", tz2, "TIMESTAMPTZ")
            .sqlite_text()
            .my(
                "DATETIME(6)",
                Back::Is(Value::DateTime(datetime("1970-01-01 08:00:00"))),
            ),
        case("json", json.clone(), "JSONB")
            .sqlite_text()
            .my("JSON", Back::Is(Value::Text(json.to_string().into()))),
        case("json (not jsonb)", json.clone(), "JSON")
            .sqlite_text()
            .my("JSON", Back::Is(Value::Text(json.to_string().into()))),
    ]
}

/// Equality where NaN equals NaN and floats compare bit for bit.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::F64(x), Value::F64(y)) => x.to_bits() == y.to_bits(),
        (Value::F32(x), Value::F32(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

fn check(engine: &str, case: &Case, back: &Back, got: Result<Value, String>) -> Option<String> {
    let expected = match back {
        Back::Same => case.value.clone(),
        Back::Is(v) => v.clone(),
        Back::Error => {
            return match got {
                Err(_) => None,
                Ok(v) => Some(format!(
                    "{engine} {}: expected an error, got {v:?}",
                    case.name
                )),
            }
        }
    };
    match got {
        Ok(v) if same(&v, &expected) => None,
        Ok(v) => Some(format!(
            "{engine} {}: expected {expected:?}, got {v:?}",
            case.name
        )),
        Err(e) => Some(format!("{engine} {}: {e}", case.name)),
    }
}

fn insert(table: &str) -> String {
    format!("INSERT INTO {table} (v) VALUES (?)")
}

fn sqlite_value(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::I64(i),
        ValueRef::Real(f) => Value::F64(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8(t.to_vec()).unwrap().into()),
        ValueRef::Blob(b) => Value::Bytes(b.into()),
    }
}

#[test]
fn sqlite_round_trips() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let mut failures = Vec::new();
    for (i, case) in cases().iter().enumerate() {
        let table = format!("t{i}");
        let (ty, back) = &case.sqlite;
        conn.execute_batch(&format!("CREATE TABLE {table} (v {ty})"))
            .unwrap();
        let got = conn
            .exec(&raw_with(insert(&table), [case.value.clone()]))
            .map_err(|e| e.to_string())
            .and_then(|_| {
                conn.fetch_one(&raw(format!("SELECT v FROM {table}")), |r| {
                    Ok(sqlite_value(r.get_ref(0)?))
                })
                .map_err(|e| e.to_string())
            });
        failures.extend(check("sqlite", case, back, got));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn postgres_round_trips() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    let mut failures = Vec::new();
    for (i, case) in cases().iter().enumerate() {
        let table = format!("t{i}");
        let (ty, back) = &case.pg;
        db.batch_execute(&format!("CREATE TABLE {table} (v {ty})"))
            .await
            .unwrap();
        let got = match db
            .exec(&raw_with(insert(&table), [case.value.clone()]))
            .await
        {
            Ok(_) => match db.fetch_one(&raw(format!("SELECT v FROM {table}"))).await {
                Ok(row) => sqlexpr_postgres::get_value(&row, 0).map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            },
            Err(e) => Err(e.to_string()),
        };
        failures.extend(check("postgresql", case, back, got));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn mariadb_round_trips() {
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    let mut failures = Vec::new();
    for (i, case) in cases().iter().enumerate() {
        let table = format!("t{i}");
        let (ty, back) = &case.my;
        db.execute(&raw(format!("CREATE TABLE {table} (v {ty})")))
            .await
            .unwrap();
        let got = match db
            .execute(&raw_with(insert(&table), [case.value.clone()]))
            .await
        {
            Ok(_) => match db.fetch_one(&raw(format!("SELECT v FROM {table}"))).await {
                Ok(row) => sqlexpr_mysql::get_value(&row, 0).map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            },
            Err(e) => Err(e.to_string()),
        };
        failures.extend(check("mariadb", case, back, got));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Values the parameter's type cannot take are clear errors on PostgreSQL,
/// raised before anything is sent.
#[tokio::test]
async fn postgres_conversions() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    db.batch_execute(
        "CREATE TABLE c (i2 SMALLINT, i4 INTEGER, f4 REAL, n NUMERIC(30, 10), u UUID, j JSONB, ts TIMESTAMPTZ, t TEXT)",
    )
    .await
    .unwrap();
    let ins = |col: &str, v: Value| raw_with(format!("INSERT INTO c ({col}) VALUES (?)"), [v]);
    // Lossless conversions are made.
    for (col, v) in [
        ("i2", Value::I64(-32768)),
        ("i4", dec("42")),
        ("f4", Value::F64(0.5)),
        ("f4", Value::I64(16_777_216)),
        ("n", Value::I64(i64::MIN)),
        ("n", Value::F64(0.1)),
        ("n", Value::Text("123.456".into())),
        (
            "u",
            Value::Text("67e55044-10b1-426f-9247-bb680e5fe0c8".into()),
        ),
        ("j", Value::Text("{\"a\": 1}".into())),
        ("t", Value::Json(serde_json::json!([1]))),
    ] {
        db.exec(&ins(col, v.clone()))
            .await
            .unwrap_or_else(|e| panic!("{col} <- {v:?}: {e}"));
    }
    let n = db
        .fetch_all(&raw("SELECT n::text FROM c WHERE n IS NOT NULL ORDER BY n"))
        .await
        .unwrap();
    let n: Vec<String> = n.iter().map(|r| r.get(0)).collect();
    assert_eq!(
        n,
        [
            "-9223372036854775808.0000000000",
            "0.1000000000",
            "123.4560000000"
        ]
    );
    // Lossy or ambiguous ones are errors naming the parameter and types.
    for (col, v, reason) in [
        ("i2", Value::I32(40_000), "40000 is out of range"),
        ("i4", dec("1.5"), "no lossless conversion"),
        ("f4", Value::F64(0.1), "no lossless conversion"),
        ("f4", Value::I64(16_777_217), "no lossless conversion"),
        ("n", Value::F64(f64::NAN), "no lossless conversion"),
        ("u", Value::Text("not a uuid".into()), "invalid character"),
        (
            "ts",
            Value::DateTime(datetime("2024-01-01 00:00:00")),
            "no lossless conversion",
        ),
        ("t", Value::I32(1), "no lossless conversion"),
    ] {
        match db.exec(&ins(col, v.clone())).await {
            Err(sqlexpr_postgres::Error::Bind { param: 1, error }) => {
                assert!(error.reason.contains(reason), "{col} <- {v:?}: {error}")
            }
            other => panic!("{col} <- {v:?}: expected a bind error, got {other:?}"),
        }
    }
}
