//! Values at the edges of each engine's range, bound on the real databases
//! (SQLite in memory, PostgreSQL, MariaDB): boundary values read back
//! exactly; values past the range are a clear error before anything is sent
//! (never a panic, a NULL or a different stored value, or a killed
//! connection), and the connection still works afterwards.
mod common;

use std::str::FromStr;

use bigdecimal::num_bigint::BigInt;
use bigdecimal::BigDecimal;
use common::servers;
use mysql_async::prelude::Queryable;
use rusqlite::Connection;
use sqlexpr::prelude::*;
use sqlexpr::raw_with;

fn dec(s: &str) -> BigDecimal {
    BigDecimal::from_str(s).unwrap()
}

/// `mantissa * 10^exponent`.
fn dec_exp(mantissa: i64, exponent: i64) -> BigDecimal {
    BigDecimal::new(BigInt::from(mantissa), -exponent)
}

/// `mantissa * 10^-scale` (BigDecimal's own form: any `i64` scale).
fn scaled(mantissa: i64, scale: i64) -> BigDecimal {
    BigDecimal::new(BigInt::from(mantissa), scale)
}

/// A decimal of `digits` nines before the point and `frac` nines after.
fn nines(digits: usize, frac: usize) -> BigDecimal {
    let mut s = "9".repeat(digits.max(1));
    if frac > 0 {
        s.push('.');
        s.push_str(&"9".repeat(frac));
    }
    dec(&s)
}

// ---------------------------------------------------------------- SQLite

fn sqlite_real_table() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE f (id INTEGER PRIMARY KEY, x REAL)")
        .unwrap();
    conn
}

fn sqlite_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM f", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn sqlite_nan_is_an_error_not_null() {
    use sqlexpr_sqlite::{Error, SqliteExt};
    let conn = sqlite_real_table();
    for (param, nan) in [(Value::F64(f64::NAN), "f64"), (Value::F32(f32::NAN), "f32")] {
        let err = conn
            .exec(&raw_with(
                "INSERT INTO f (id, x) VALUES (?, ?)",
                [Value::I32(1), param],
            ))
            .unwrap_err();
        assert!(
            matches!(err, Error::Bind { param: 2, .. }),
            "{nan}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("parameter 2: cannot bind a {nan} value: SQLite stores NaN as NULL")
        );
    }
    // Nothing was stored, and the connection goes on.
    assert_eq!(sqlite_count(&conn), 0);
    conn.exec(&raw_with(
        "INSERT INTO f (id, x) VALUES (?, ?)",
        [Value::I32(1), Value::F64(1.5)],
    ))
    .unwrap();
    assert_eq!(sqlite_count(&conn), 1);
}

#[test]
fn sqlite_infinities_and_extremes_round_trip_as_real() {
    use sqlexpr_sqlite::SqliteExt;
    let conn = sqlite_real_table();
    let values = [
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        5e-324,
    ];
    for (i, v) in values.iter().enumerate() {
        conn.exec(&raw_with(
            "INSERT INTO f (id, x) VALUES (?, ?)",
            [Value::I64(i as i64), Value::F64(*v)],
        ))
        .unwrap();
    }
    conn.exec(&raw_with(
        "INSERT INTO f (id, x) VALUES (?, ?)",
        [Value::I64(100), Value::F32(f32::INFINITY)],
    ))
    .unwrap();
    let mut stmt = conn
        .prepare("SELECT x, typeof(x) FROM f ORDER BY id")
        .unwrap();
    let rows: Vec<(f64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut expected: Vec<f64> = values.to_vec();
    expected.push(f64::INFINITY);
    assert_eq!(rows.len(), expected.len());
    for ((got, ty), want) in rows.iter().zip(&expected) {
        assert_eq!(got.to_bits(), want.to_bits(), "{want}");
        assert_eq!(ty, "real", "{want}");
    }
}

#[test]
fn sqlite_u64_beyond_i64_is_an_error() {
    use sqlexpr_sqlite::{Error, SqliteExt};
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE n (x INTEGER)").unwrap();
    conn.exec(&raw_with(
        "INSERT INTO n VALUES (?)",
        [Value::U64(i64::MAX as u64)],
    ))
    .unwrap();
    let err = conn
        .exec(&raw_with(
            "INSERT INTO n VALUES (?)",
            [Value::U64(i64::MAX as u64 + 1)],
        ))
        .unwrap_err();
    assert!(matches!(err, Error::Bind { param: 1, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "parameter 1: cannot bind a u64 value: 9223372036854775808 is above SQLite's \
         INTEGER range (at most 9223372036854775807)"
    );
    let back: Vec<i64> = conn
        .fetch_all(&raw("SELECT x FROM n"), |r| r.get(0))
        .unwrap();
    assert_eq!(back, [i64::MAX]);
}

#[test]
fn sqlite_decimal_with_a_huge_exponent_is_text_not_a_panic() {
    use sqlexpr_sqlite::SqliteExt;
    let conn = Connection::open_in_memory().unwrap();
    for d in [
        scaled(1, i64::MIN),
        scaled(-7, i64::MAX),
        scaled(1, -1_000_000_000_000),
    ] {
        let text: String = conn
            .fetch_one(&raw_with("SELECT ?", [Value::Decimal(d.clone())]), |r| {
                r.get(0)
            })
            .unwrap();
        // The stored text is the same decimal, however large its exponent.
        assert_eq!(dec(&text), d);
        assert!(text.len() < 40, "{text}");
    }
}

// ------------------------------------------------------------ PostgreSQL

async fn pg_numeric_table(db: &tokio_postgres::Client) {
    db.batch_execute("CREATE TABLE n (id int PRIMARY KEY, x numeric)")
        .await
        .unwrap();
}

async fn pg_still_works(db: &tokio_postgres::Client) {
    use sqlexpr_postgres::PgExt;
    let row = db
        .fetch_one(&raw_with("SELECT ? + 1", [Value::I32(41)]))
        .await
        .unwrap();
    assert_eq!(row.get::<_, i32>(0), 42);
}

#[tokio::test]
async fn pg_numeric_boundaries_round_trip() {
    use sqlexpr_postgres::{row_values, PgExt};
    let Some(db) = servers::postgres().await else {
        return;
    };
    pg_numeric_table(&db).await;
    let max_scale = dec_exp(1, -16383);
    let values = [
        // 131072 digits before the point, the most PostgreSQL takes.
        dec_exp(1, 131_071),
        -nines(131_072, 0),
        // 16383 digits after it.
        max_scale.clone(),
        -nines(1, 16_383),
        nines(131_072, 16_383),
        dec("0"),
        dec("-0.000"),
        dec_exp(0, 1_000_000),
        dec("123456789012345678901234567890.123456789"),
    ];
    for (i, d) in values.iter().enumerate() {
        db.exec(&raw_with(
            "INSERT INTO n VALUES (?, ?)",
            [Value::I64(i as i64), Value::Decimal(d.clone())],
        ))
        .await
        .unwrap_or_else(|e| panic!("{i}: {e}"));
    }
    let rows = db
        .fetch_all(&raw("SELECT x FROM n ORDER BY id"))
        .await
        .unwrap();
    assert_eq!(rows.len(), values.len());
    for (row, want) in rows.iter().zip(&values) {
        let got = match row_values(row).unwrap().pop() {
            Some(Value::Decimal(d)) => d,
            other => panic!("{other:?}"),
        };
        assert_eq!(&got, want);
        assert_eq!(
            got.as_bigint_and_exponent().1,
            want.as_bigint_and_exponent().1.max(0)
        );
    }
    // The server's own reading of the extremes.
    let len: i32 = db
        .query_one("SELECT length(x::text) FROM n WHERE id = 0", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(len, 131_072);
    let scale: i32 = db
        .query_one("SELECT scale(x) FROM n WHERE id = 2", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(scale, 16_383);
}

#[tokio::test]
async fn pg_numeric_out_of_range_is_a_bind_error() {
    use sqlexpr_postgres::{Error, PgExt};
    let Some(db) = servers::postgres().await else {
        return;
    };
    pg_numeric_table(&db).await;
    let cases = [
        (
            scaled(1, -131_072),
            "131073 digits before the decimal point (PostgreSQL numeric takes at most 131072)",
        ),
        (
            scaled(1, 16_384),
            "16384 digits after the decimal point (PostgreSQL numeric takes at most 16383)",
        ),
        (
            scaled(-1, i64::MIN + 1),
            "9223372036854775808 digits before the decimal point (PostgreSQL numeric takes at most 131072)",
        ),
        (
            scaled(1, i64::MAX),
            "9223372036854775807 digits after the decimal point (PostgreSQL numeric takes at most 16383)",
        ),
        (
            scaled(5, i64::MIN),
            "9223372036854775809 digits before the decimal point (PostgreSQL numeric takes at most 131072)",
        ),
        (
            scaled(12345, -(i64::MAX - 2)),
            "9223372036854775810 digits before the decimal point (PostgreSQL numeric takes at most 131072)",
        ),
    ];
    for (d, reason) in cases {
        let err = db
            .exec(&raw_with(
                "INSERT INTO n VALUES (?, ?)",
                [Value::I32(1), Value::Decimal(d.clone())],
            ))
            .await
            .unwrap_err();
        match &err {
            Error::Bind { param: 2, error } => {
                assert_eq!(error.value, "decimal");
                assert_eq!(error.ty, "numeric");
                assert_eq!(error.reason, format!("the decimal has {reason}"), "{d:?}");
            }
            other => panic!("{other:?}"),
        }
    }
    let n: i64 = db
        .query_one("SELECT count(*) FROM n", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    pg_still_works(&db).await;
}

#[tokio::test]
async fn pg_numeric_nan_and_infinity_are_decode_errors() {
    use sqlexpr_postgres::{row_values, Error, PgExt};
    let Some(db) = servers::postgres().await else {
        return;
    };
    for (sql, what) in [
        ("SELECT 'NaN'::numeric AS x", "NaN"),
        ("SELECT 'Infinity'::numeric AS x", "Infinity"),
        ("SELECT '-Infinity'::numeric AS x", "-Infinity"),
    ] {
        let row = db.fetch_one(&raw(sql)).await.unwrap();
        match row_values(&row) {
            Err(Error::Decode { column, ty, reason }) => {
                assert_eq!(column, "x");
                assert_eq!(ty, "numeric");
                assert_eq!(
                    reason,
                    format!("PostgreSQL numeric {what} has no decimal value")
                );
            }
            other => panic!("{sql}: {other:?}"),
        }
    }
    pg_still_works(&db).await;
}

#[tokio::test]
async fn pg_floats_keep_nan_and_infinities() {
    use sqlexpr_postgres::{row_values, PgExt};
    let Some(db) = servers::postgres().await else {
        return;
    };
    db.batch_execute("CREATE TABLE f (id int PRIMARY KEY, a float4, b float8)")
        .await
        .unwrap();
    let f32s = [
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::MAX,
        f32::MIN_POSITIVE,
    ];
    let f64s = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, 5e-324];
    for (i, (a, b)) in f32s.iter().zip(&f64s).enumerate() {
        db.exec(&raw_with(
            "INSERT INTO f VALUES (?, ?, ?)",
            [Value::I64(i as i64), Value::F32(*a), Value::F64(*b)],
        ))
        .await
        .unwrap();
    }
    let rows = db
        .fetch_all(&raw("SELECT a, b FROM f ORDER BY id"))
        .await
        .unwrap();
    assert_eq!(rows.len(), f32s.len());
    for ((row, a), b) in rows.iter().zip(&f32s).zip(&f64s) {
        match row_values(row).unwrap().as_slice() {
            [Value::F32(x), Value::F64(y)] => {
                assert!(
                    x.to_bits() == a.to_bits() || (x.is_nan() && a.is_nan()),
                    "{x} {a}"
                );
                assert!(
                    y.to_bits() == b.to_bits() || (y.is_nan() && b.is_nan()),
                    "{y} {b}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
    let nans: i64 = db
        .query_one("SELECT count(*) FROM f WHERE a = 'NaN' AND b = 'NaN'", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(nans, 1);
}

#[tokio::test]
async fn pg_nul_in_text_is_a_bind_error() {
    use sqlexpr_postgres::{row_values, Error, PgExt};
    let Some(db) = servers::postgres().await else {
        return;
    };
    db.batch_execute("CREATE TABLE t (id int PRIMARY KEY, s text, b bytea, j jsonb)")
        .await
        .unwrap();
    let err = db
        .exec(&raw_with(
            "INSERT INTO t (id, s) VALUES (?, ?)",
            [Value::I32(1), Value::from("a\0b")],
        ))
        .await
        .unwrap_err();
    match &err {
        Error::Bind { param: 2, error } => {
            assert_eq!(error.value, "text");
            assert_eq!(error.ty, "text");
            assert_eq!(
                error.reason,
                "the text has a NUL byte at offset 1, which PostgreSQL text cannot store \
                 (bind bytes for bytea instead)"
            );
        }
        other => panic!("{other:?}"),
    }
    // Text bound to jsonb is checked too.
    let err = db
        .exec(&raw_with(
            "INSERT INTO t (id, j) VALUES (?, ?)",
            [Value::I32(1), Value::from("\"\0\"")],
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Bind { param: 2, .. }), "{err:?}");
    // Bytes with NUL go to bytea unchanged; the text next to them is kept.
    db.exec(&raw_with(
        "INSERT INTO t (id, s, b) VALUES (?, ?, ?)",
        [
            Value::I32(2),
            Value::from("é\u{7f}"),
            Value::Bytes(vec![0, 1, 0, 255].into()),
        ],
    ))
    .await
    .unwrap();
    let row = db.fetch_one(&raw("SELECT id, s, b FROM t")).await.unwrap();
    assert_eq!(
        row_values(&row).unwrap(),
        vec![
            Value::I32(2),
            Value::from("é\u{7f}"),
            Value::Bytes(vec![0, 1, 0, 255].into())
        ]
    );
    pg_still_works(&db).await;
}

#[tokio::test]
async fn pg_u64_beyond_bigint_is_a_bind_error() {
    use sqlexpr_postgres::{row_values, Error, PgExt};
    let Some(db) = servers::postgres().await else {
        return;
    };
    db.batch_execute("CREATE TABLE n (id int PRIMARY KEY, x bigint, d numeric)")
        .await
        .unwrap();
    db.exec(&raw_with(
        "INSERT INTO n VALUES (?, ?, ?)",
        [
            Value::I32(1),
            Value::U64(i64::MAX as u64),
            Value::U64(u64::MAX),
        ],
    ))
    .await
    .unwrap();
    let err = db
        .exec(&raw_with(
            "INSERT INTO n VALUES (?, ?, ?)",
            [Value::I32(2), Value::U64(i64::MAX as u64 + 1), Value::Null],
        ))
        .await
        .unwrap_err();
    match &err {
        Error::Bind { param: 2, error } => {
            assert_eq!(error.value, "u64");
            assert_eq!(error.ty, "int8");
            assert_eq!(error.reason, "9223372036854775808 is out of range");
        }
        other => panic!("{other:?}"),
    }
    let rows = db.fetch_all(&raw("SELECT x, d FROM n")).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        row_values(&rows[0]).unwrap(),
        vec![
            Value::I64(i64::MAX),
            Value::Decimal(BigDecimal::from(u64::MAX))
        ]
    );
}

// --------------------------------------------------------------- MariaDB

async fn my_still_works(db: &mut mysql_async::Conn) {
    use sqlexpr_mysql::MySqlExt;
    let row = db
        .fetch_one(&raw_with("SELECT ? + 1", [Value::I32(41)]))
        .await
        .unwrap();
    assert_eq!(row.get::<i64, _>(0), Some(42));
}

#[tokio::test]
async fn mysql_decimal_boundaries_round_trip() {
    use sqlexpr_mysql::{row_values, MySqlExt};
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    // MariaDB's DECIMAL takes 38 digits after the point (MySQL 8's, 30).
    db.query_drop("CREATE TABLE d (id INT PRIMARY KEY, a DECIMAL(65, 38), b DECIMAL(65, 0))")
        .await
        .unwrap();
    let cases = [
        (nines(27, 38), nines(65, 0)),
        (-nines(27, 38), -nines(65, 0)),
        (dec_exp(1, -38), dec_exp(1, 64)),
        (
            dec("1.00000000000000000000000000000000000000000000000000"),
            dec_exp(-5, 10),
        ),
        (dec("0"), dec("0")),
    ];
    for (i, (a, b)) in cases.iter().enumerate() {
        db.execute(&raw_with(
            "INSERT INTO d VALUES (?, ?, ?)",
            [
                Value::I64(i as i64),
                Value::Decimal(a.clone()),
                Value::Decimal(b.clone()),
            ],
        ))
        .await
        .unwrap_or_else(|e| panic!("{i}: {e}"));
    }
    let rows = db
        .fetch_all(&raw("SELECT a, b FROM d ORDER BY id"))
        .await
        .unwrap();
    assert_eq!(rows.len(), cases.len());
    for (row, (a, b)) in rows.iter().zip(&cases) {
        assert_eq!(
            row_values(row).unwrap(),
            vec![Value::Decimal(a.clone()), Value::Decimal(b.clone())]
        );
    }
}

#[tokio::test]
async fn mysql_decimal_out_of_range_is_a_bind_error() {
    use sqlexpr_mysql::{Error, MySqlExt};
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    db.query_drop("CREATE TABLE d (id INT PRIMARY KEY, a DECIMAL(65, 38))")
        .await
        .unwrap();
    let cases = [
        (
            scaled(1, -65),
            "66 digits before the decimal point (MySQL DECIMAL takes at most 65)",
        ),
        (
            scaled(1, 39),
            "39 digits after the decimal point (MySQL DECIMAL takes at most 38)",
        ),
        (nines(28, 38), "66 digits (MySQL DECIMAL takes at most 65)"),
        (
            scaled(1, i64::MIN + 1),
            "9223372036854775808 digits before the decimal point (MySQL DECIMAL takes at most 65)",
        ),
        (
            scaled(-3, i64::MAX),
            "9223372036854775807 digits after the decimal point (MySQL DECIMAL takes at most 38)",
        ),
        (
            scaled(3, i64::MIN),
            "9223372036854775809 digits before the decimal point (MySQL DECIMAL takes at most 65)",
        ),
    ];
    for (d, reason) in cases {
        let err = db
            .execute(&raw_with(
                "INSERT INTO d VALUES (?, ?)",
                [Value::I32(1), Value::Decimal(d.clone())],
            ))
            .await
            .unwrap_err();
        match &err {
            Error::Bind { param: 2, error } => {
                assert_eq!(error.value, "decimal");
                assert_eq!(error.reason, format!("the decimal has {reason}"), "{d:?}");
            }
            other => panic!("{other:?}"),
        }
    }
    let n: Option<i64> = db.query_first("SELECT count(*) FROM d").await.unwrap();
    assert_eq!(n, Some(0));
    my_still_works(&mut db).await;
}

#[tokio::test]
async fn mysql_floats_and_unsigned() {
    use sqlexpr_mysql::{row_values, Error, MySqlExt};
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    db.query_drop("CREATE TABLE f (id INT PRIMARY KEY, a FLOAT, b DOUBLE, u BIGINT UNSIGNED)")
        .await
        .unwrap();
    for (param, what) in [
        (Value::F64(f64::NAN), "f64 value: MySQL cannot store NaN"),
        (
            Value::F64(f64::INFINITY),
            "f64 value: MySQL cannot store inf",
        ),
        (
            Value::F32(f32::NEG_INFINITY),
            "f32 value: MySQL cannot store -inf",
        ),
    ] {
        let err = db
            .execute(&raw_with(
                "INSERT INTO f (id, b) VALUES (?, ?)",
                [Value::I32(1), param],
            ))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Bind { param: 2, .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!("parameter 2: cannot bind a {what}")
        );
    }
    db.execute(&raw_with(
        "INSERT INTO f VALUES (?, ?, ?, ?)",
        [
            Value::I32(1),
            Value::F32(f32::MAX),
            Value::F64(f64::MAX),
            Value::U64(u64::MAX),
        ],
    ))
    .await
    .unwrap();
    db.execute(&raw_with(
        "INSERT INTO f VALUES (?, ?, ?, ?)",
        [
            Value::I32(2),
            Value::F32(-f32::MAX),
            Value::F64(f64::MIN_POSITIVE),
            Value::U64(i64::MAX as u64 + 1),
        ],
    ))
    .await
    .unwrap();
    let rows = db
        .fetch_all(&raw("SELECT a, b, u FROM f ORDER BY id"))
        .await
        .unwrap();
    let values: Vec<Vec<Value>> = rows.iter().map(|r| row_values(r).unwrap()).collect();
    assert_eq!(
        values,
        vec![
            vec![
                Value::F32(f32::MAX),
                Value::F64(f64::MAX),
                Value::U64(u64::MAX)
            ],
            vec![
                Value::F32(-f32::MAX),
                Value::F64(f64::MIN_POSITIVE),
                Value::U64(i64::MAX as u64 + 1)
            ],
        ]
    );
}

#[tokio::test]
async fn mysql_statement_over_max_allowed_packet_is_an_error() {
    use sqlexpr_mysql::{Error, MySqlExt};
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    let max: Option<u64> = db.query_first("SELECT @@max_allowed_packet").await.unwrap();
    let max = usize::try_from(max.unwrap()).unwrap();
    db.query_drop("CREATE TABLE b (id INT PRIMARY KEY, x LONGBLOB)")
        .await
        .unwrap();

    // A blob that just fits is stored whole.
    let fits: Vec<u8> = (0..max - 1024).map(|i| (i % 251) as u8).collect();
    let n = db
        .execute(&raw_with(
            "INSERT INTO b VALUES (?, ?)",
            [Value::I32(1), Value::Bytes(fits.clone().into())],
        ))
        .await
        .unwrap();
    assert_eq!(n, 1);
    let back: Option<Vec<u8>> = db
        .query_first("SELECT x FROM b WHERE id = 1")
        .await
        .unwrap();
    assert!(
        back.as_deref() == Some(fits.as_slice()),
        "the blob came back changed"
    );
    drop(fits);

    // One a byte past max_allowed_packet is refused before it is sent.
    for param in [
        Value::Bytes(vec![7u8; max + 1].into()),
        Value::from("x".repeat(max + 1).as_str()),
    ] {
        let err = db
            .execute(&raw_with(
                "INSERT INTO b VALUES (?, ?)",
                [Value::I32(2), param],
            ))
            .await
            .unwrap_err();
        match &err {
            Error::PacketTooLarge {
                bytes,
                max_allowed_packet,
            } => {
                assert!(*bytes > max, "{bytes}");
                assert_eq!(*max_allowed_packet, max);
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().ends_with(&format!(
            "the server's max_allowed_packet ({max} bytes); nothing was sent"
        )));
    }
    // So is SQL text that long.
    let long_sql = format!("SELECT 1 /* {} */", "y".repeat(max));
    let err = db.execute(&raw(&long_sql)).await.unwrap_err();
    assert!(matches!(err, Error::PacketTooLarge { .. }), "{err:?}");

    // The connection still works, with the first row and only it.
    let ids: Vec<i32> = db.query("SELECT id FROM b").await.unwrap();
    assert_eq!(ids, [1]);
    my_still_works(&mut db).await;
}

/// PostgreSQL's dates and timestamps start at 4714-11-24 BC: that day binds
/// and reads back, the day before is a BindError (the server's "date out of
/// range"), for DATE, TIMESTAMP and TIMESTAMPTZ (found by the edges fuzz
/// target).
#[tokio::test]
async fn pg_dates_before_4714_bc_are_a_bind_error() {
    use chrono::NaiveDate;
    use sqlexpr_postgres::{row_values, Error, PgExt};
    let Some(db) = servers::postgres().await else {
        return;
    };
    let first = NaiveDate::from_ymd_opt(-4713, 11, 24).unwrap();
    let before = first.pred_opt().unwrap();
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap();
    let utc = |d: NaiveDate| midnight(d).and_utc().fixed_offset();
    for (ok, bad) in [
        (Value::Date(first), Value::Date(before)),
        (
            Value::DateTime(midnight(first)),
            Value::DateTime(midnight(before)),
        ),
        (
            Value::DateTimeTz(utc(first)),
            Value::DateTimeTz(utc(before)),
        ),
    ] {
        let row = db
            .fetch_one(&select([value(ok.clone()).label("v")]))
            .await
            .unwrap_or_else(|e| panic!("{ok:?}: {e}"));
        assert_eq!(row_values(&row).unwrap(), vec![ok.clone()]);
        match db.fetch_one(&select([value(bad.clone()).label("v")])).await {
            Err(Error::Bind { param: 1, error }) => {
                assert!(error.reason.contains("4714-11-24 BC"), "{}", error.reason)
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
}
