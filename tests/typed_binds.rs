//! Bound values keep their type on the three engines: each value kind is
//! compared with, and computed against, expressions over a small shop
//! schema created with sqlexpr, and the rows and values read back are the
//! ones PostgreSQL (which types parameters from their context) returns.
//! Before values were bound by type, a decimal was text on SQLite (every
//! number orders before every text, so `(price * 2) < 100.00` held for every
//! row) and a string on MariaDB (so `price - 0.99` was computed in DOUBLE).

mod common;

use std::str::FromStr;

use bigdecimal::BigDecimal;
use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use common::{assert_sql, mariadb, mysql, postgres, servers, sqlite};
use rusqlite::types::ValueRef;
use sqlexpr::expr::func::{current_date, now};
use sqlexpr::expr::{BinaryExpr, BinaryOp};
use sqlexpr::prelude::*;
use sqlexpr::Render;
use sqlexpr_mysql::{MySql, MySqlExt};
use sqlexpr_postgres::{PgExt, Postgres};
use sqlexpr_sqlite::{Sqlite, SqliteExt};

fn dec(s: &str) -> Value {
    Value::Decimal(BigDecimal::from_str(s).unwrap())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(d: NaiveDate, h: u32, mi: u32, s: u32) -> NaiveDateTime {
    d.and_hms_opt(h, mi, s).unwrap()
}

fn uuid(n: u128) -> Value {
    Value::Uuid(uuid::Uuid::from_u128(n))
}

fn doc(id: i32) -> Value {
    Value::Json(serde_json::json!({"id": id, "tags": ["a", id % 2 == 0], "note": "x\"y"}))
}

fn products() -> Table {
    Table::builder("products")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::String(40)).not_null())
        .column(Column::new("price", SqlType::Numeric(10, 2)).not_null())
        .column(Column::new("qty", SqlType::Integer).not_null())
        .column(Column::new("weight", SqlType::Double).not_null())
        .column(Column::new("active", SqlType::Boolean).not_null())
        .column(Column::new("added", SqlType::Date).not_null())
        .column(Column::new("opens", SqlType::Time).not_null())
        .column(Column::new("updated", SqlType::DateTime).not_null())
        .column(Column::new("sold", SqlType::DateTimeTz).not_null())
        .column(Column::new("code", SqlType::Uuid).not_null())
        .column(Column::new("doc", SqlType::Json).not_null())
        .column(Column::new("data", SqlType::Binary).not_null())
        .build()
        .unwrap()
}

/// The rows: (price, qty, weight, active, added, opens, updated, sold at
/// +02:00).
fn inserts(t: &Table) -> Vec<Insert> {
    let rows = [
        ("pen", "10.00", 5, 0.5, true, (2024, 1, 5), 8, 3),
        ("ink", "47.79", 0, 1.25, false, (2024, 1, 31), 9, 4),
        ("pad", "49.99", 3, 2.0, true, (2024, 2, 29), 10, 5),
        ("cap", "50.00", 1, 0.75, false, (2024, 3, 1), 11, 6),
        ("mug", "85.29", 7, 3.5, true, (2024, 12, 31), 12, 7),
        ("lamp", "120.50", 2, 4.0, true, (2025, 1, 1), 13, 8),
    ];
    let tz = FixedOffset::east_opt(2 * 3600).unwrap();
    rows.iter()
        .enumerate()
        .map(|(i, (name, price, qty, weight, active, (y, m, d), h, s))| {
            let id = i as i32 + 1;
            let day = date(*y, *m, *d);
            insert(t).row([
                ("id", Expr::from(Value::I32(id))),
                ("name", Value::Text((*name).into()).into()),
                ("price", dec(price).into()),
                ("qty", Value::I32(*qty).into()),
                ("weight", Value::F64(*weight).into()),
                ("active", Value::Bool(*active).into()),
                ("added", Value::Date(day).into()),
                (
                    "opens",
                    Value::Time(NaiveTime::from_hms_opt(*h, 30, 0).unwrap()).into(),
                ),
                ("updated", Value::DateTime(at(day, *h, 0, *s)).into()),
                (
                    "sold",
                    Value::DateTimeTz(tz.from_local_datetime(&at(day, *h, 15, 0)).unwrap()).into(),
                ),
                ("code", uuid(id as u128).into()),
                ("doc", doc(id).into()),
                ("data", Value::Bytes(vec![0, id as u8, 0xff].into()).into()),
            ])
        })
        .collect()
}

fn bin(l: impl Into<Expr>, op: BinaryOp, r: impl Into<Expr>) -> Expr {
    Expr::Binary(BinaryExpr::new(l, op, r))
}

/// A value as read back, for comparing engines: integers of any width are
/// one kind, and so are the ways a boolean comes back (1 / 0 elsewhere).
#[derive(Debug, Clone, PartialEq)]
enum Got {
    Int(i64),
    Real(f64),
    Decimal(String),
    Other(Value),
}

fn got(v: Value) -> Got {
    match v {
        Value::Bool(b) => Got::Int(i64::from(b)),
        Value::I8(n) => Got::Int(n.into()),
        Value::I16(n) => Got::Int(n.into()),
        Value::I32(n) => Got::Int(n.into()),
        Value::I64(n) => Got::Int(n),
        Value::U8(n) => Got::Int(n.into()),
        Value::U16(n) => Got::Int(n.into()),
        Value::U32(n) => Got::Int(n.into()),
        Value::F32(f) => Got::Real(f.into()),
        Value::F64(f) => Got::Real(f),
        Value::Decimal(d) => Got::Decimal(d.to_string()),
        other => Got::Other(other),
    }
}

fn sqlite_value(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::I64(i),
        ValueRef::Real(f) => Value::F64(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).as_ref().into()),
        ValueRef::Blob(b) => Value::Bytes(b.to_vec().into()),
    }
}

/// The three engines with the shop loaded.
struct Shop {
    sqlite: rusqlite::Connection,
    pg: servers::PgDb,
    my: servers::MyDb,
}

impl Shop {
    async fn open() -> Option<Shop> {
        let t = products();
        let sqlite = rusqlite::Connection::open_in_memory().unwrap();
        let pg = servers::postgres().await?;
        let mut my = servers::mysql().await?;
        sqlite.exec(&create_table(&t)).unwrap();
        pg.client.exec(&create_table(&t)).await.unwrap();
        my.execute(&create_table(&t)).await.unwrap();
        for q in inserts(&t) {
            sqlite.exec(&q).unwrap();
            pg.client.exec(&q).await.unwrap();
            my.execute(&q).await.unwrap();
        }
        Some(Shop { sqlite, pg, my })
    }

    /// `q` on the three engines: SQLite, PostgreSQL, MariaDB.
    async fn rows(&mut self, q: &dyn Render) -> [Vec<Vec<Got>>; 3] {
        let lite = self
            .sqlite
            .fetch_all(q, |row| {
                let n = row.as_ref().column_count();
                (0..n)
                    .map(|i| Ok(got(sqlite_value(row.get_ref(i)?))))
                    .collect()
            })
            .unwrap_or_else(|e| panic!("sqlite: {e}\n{:?}", q.compile(&Sqlite::new())));
        let pg = self
            .pg
            .client
            .fetch_all(q)
            .await
            .unwrap_or_else(|e| panic!("postgresql: {e}\n{:?}", q.compile(&Postgres::new())))
            .iter()
            .map(|r| {
                sqlexpr_postgres::row_values(r)
                    .unwrap()
                    .into_iter()
                    .map(got)
                    .collect()
            })
            .collect();
        let my = self
            .my
            .fetch_all(q)
            .await
            .unwrap_or_else(|e| panic!("mariadb: {e}\n{:?}", q.compile(&MySql::mariadb())))
            .iter()
            .map(|r| {
                sqlexpr_mysql::row_values(r)
                    .unwrap()
                    .into_iter()
                    .map(got)
                    .collect()
            })
            .collect();
        [lite, pg, my]
    }

    /// The ids of the products where `cond` holds, the same on the three
    /// engines.
    async fn ids(&mut self, cond: Expr) -> Vec<i64> {
        let t = products();
        let q = select([t.c("id")]).where_(cond).order_by([t.c("id").asc()]);
        let [lite, pg, my] = self.rows(&q).await;
        let ids = |rows: Vec<Vec<Got>>| -> Vec<i64> {
            rows.into_iter()
                .map(|r| match r.as_slice() {
                    [Got::Int(n)] => *n,
                    other => panic!("not an id: {other:?}"),
                })
                .collect()
        };
        let (lite, pg, my) = (ids(lite), ids(pg), ids(my));
        let sql = q.compile(&Postgres::new()).map(|c| c.sql);
        assert_eq!(lite, pg, "sqlite and postgresql differ: {sql:?}");
        assert_eq!(my, pg, "mariadb and postgresql differ: {sql:?}");
        pg
    }
}

macro_rules! shop {
    () => {
        match Shop::open().await {
            Some(s) => s,
            None => return,
        }
    };
}

#[tokio::test]
async fn decimal_compared_with_computed_expressions() {
    let mut s = shop!();
    let t = products();
    let price = || t.c("price");
    // (price * 2) < 100.00: the products under 50.
    assert_eq!(
        s.ids(bin(price(), BinaryOp::Mul, 2).lt(dec("100.00")))
            .await,
        [1, 2, 3]
    );
    assert_eq!(
        s.ids(bin(price(), BinaryOp::Mul, 2).lt(100)).await,
        [1, 2, 3]
    );
    // (price + 0) = 47.79: one product.
    assert_eq!(
        s.ids(bin(price(), BinaryOp::Add, 0).eq(dec("47.79"))).await,
        [2]
    );
    assert_eq!(
        s.ids(bin(price(), BinaryOp::Sub, dec("0.79")).eq(dec("47.00")))
            .await,
        [2]
    );
    // A decimal against a decimal, the column on neither side. (SQLite has
    // no exact decimal arithmetic: it adds doubles, so only sums a double
    // holds exactly are equal there; `0.10 + 0.20 = 0.30` is not.)
    assert_eq!(
        s.ids(bin(dec("0.25"), BinaryOp::Add, dec("0.50")).eq(dec("0.75")))
            .await,
        [1, 2, 3, 4, 5, 6]
    );
    assert_eq!(
        s.ids(bin(dec("1.5"), BinaryOp::Mul, price()).gt(dec("120")))
            .await,
        [5, 6]
    );
    // Against the column itself, as before.
    assert_eq!(s.ids(price().ge(dec("85.29"))).await, [5, 6]);
    assert_eq!(
        s.ids(price().between(dec("47.79"), dec("50"))).await,
        [2, 3, 4]
    );
    // A negative decimal and one past the column's scale.
    assert_eq!(
        s.ids(bin(price(), BinaryOp::Add, dec("-50.005")).gt(dec("0")))
            .await,
        [5, 6]
    );
}

#[tokio::test]
async fn decimal_arithmetic_reads_back_exact() {
    let mut s = shop!();
    let t = products();
    let q = select([
        bin(t.c("price"), BinaryOp::Sub, dec("0.99")),
        bin(t.c("price"), BinaryOp::Mul, dec("1.5")),
    ])
    .where_(t.c("id").eq(5));
    let [lite, pg, my] = s.rows(&q).await;
    let want = vec![vec![
        Got::Decimal("84.30".into()),
        Got::Decimal("127.935".into()),
    ]];
    assert_eq!(pg, want, "postgresql");
    assert_eq!(my, want, "mariadb: DECIMAL arithmetic, not DOUBLE");
    // SQLite has no exact decimal: the arithmetic is REAL, and it is the
    // double nearest to the exact result.
    match lite.as_slice() {
        [row] => match row.as_slice() {
            [Got::Real(a), Got::Real(b)] => {
                assert!((a - 84.30).abs() < 1e-9, "sqlite: {a}");
                assert!((b - 127.935).abs() < 1e-9, "sqlite: {b}");
            }
            other => panic!("sqlite: {other:?}"),
        },
        other => panic!("sqlite: {other:?}"),
    }
}

#[tokio::test]
async fn decimal_selected_alone_keeps_its_value() {
    let mut s = shop!();
    let q = select([
        Expr::from(dec("12.50")),
        bin(dec("12.50"), BinaryOp::Add, 1),
    ]);
    let [lite, pg, my] = s.rows(&q).await;
    assert_eq!(
        pg,
        vec![vec![
            Got::Decimal("12.50".into()),
            Got::Decimal("13.50".into())
        ]]
    );
    assert_eq!(my, pg, "mariadb");
    assert_eq!(lite, vec![vec![Got::Real(12.5), Got::Real(13.5)]], "sqlite");
}

#[tokio::test]
async fn numbers_and_booleans_in_computed_expressions() {
    let mut s = shop!();
    let t = products();
    assert_eq!(
        s.ids(bin(t.c("qty"), BinaryOp::Mul, Value::I64(2)).gt(Value::I16(5)))
            .await,
        [1, 3, 5]
    );
    assert_eq!(
        s.ids(bin(t.c("qty"), BinaryOp::Add, Value::U8(1)).eq(Value::U64(4)))
            .await,
        [3]
    );
    assert_eq!(
        s.ids(bin(t.c("weight"), BinaryOp::Mul, Value::F64(2.0)).lt(Value::F32(2.5)))
            .await,
        [1, 4]
    );
    assert_eq!(
        s.ids(bin(t.c("weight"), BinaryOp::Add, Value::I32(0)).eq(Value::F64(1.25)))
            .await,
        [2]
    );
    // A boolean against a computed condition and against the column.
    assert_eq!(
        s.ids(t.c("qty").gt(2).eq(Value::Bool(true))).await,
        [1, 3, 5]
    );
    assert_eq!(s.ids(t.c("active").eq(Value::Bool(false))).await, [2, 4]);
}

#[tokio::test]
async fn text_uuid_json_and_bytes_against_stored_and_computed_values() {
    use sqlexpr::expr::func::coalesce;
    let mut s = shop!();
    let t = products();
    assert_eq!(s.ids(t.c("code").eq(uuid(3))).await, [3]);
    assert_eq!(
        s.ids(t.c("code").in_([uuid(2), uuid(6), uuid(99)])).await,
        [2, 6]
    );
    assert_eq!(
        s.ids(t.c("name").concat("!").eq(Value::Text("mug!".into())))
            .await,
        [5]
    );
    assert_eq!(s.ids(t.c("name").lt(Value::Text("ink".into()))).await, [4]);
    // JSON as stored, and bytes (with a NUL and a byte past ASCII).
    assert_eq!(s.ids(t.c("doc").eq(doc(4))).await, [4]);
    assert_eq!(s.ids(t.c("doc").ne(doc(4))).await, [1, 2, 3, 5, 6]);
    let bytes = |b: &[u8]| Value::Bytes(b.to_vec().into());
    assert_eq!(s.ids(t.c("data").eq(bytes(&[0, 2, 0xff]))).await, [2]);
    assert_eq!(s.ids(t.c("data").lt(bytes(&[0, 3]))).await, [1, 2]);
    assert_eq!(
        s.ids(coalesce([t.c("data"), Expr::from(bytes(&[1]))]).eq(bytes(&[0, 5, 0xff])))
            .await,
        [5]
    );
}

#[tokio::test]
async fn dates_and_times_against_stored_and_computed_values() {
    let mut s = shop!();
    let t = products();
    let d = |y, m, dd| Value::Date(date(y, m, dd));
    assert_eq!(s.ids(t.c("added").eq(d(2024, 2, 29))).await, [3]);
    assert_eq!(s.ids(t.c("added").lt(d(2024, 3, 1))).await, [1, 2, 3]);
    assert_eq!(
        s.ids(t.c("added").between(d(2024, 1, 31), d(2024, 12, 31)))
            .await,
        [2, 3, 4, 5]
    );
    // Against today: every product was added before it.
    assert_eq!(
        s.ids(t.c("added").lt(current_date())).await,
        [1, 2, 3, 4, 5, 6]
    );
    assert_eq!(
        s.ids(Expr::from(d(2024, 1, 5)).lt(current_date())).await,
        [1, 2, 3, 4, 5, 6]
    );
    let time = |h, m| Value::Time(NaiveTime::from_hms_opt(h, m, 0).unwrap());
    assert_eq!(s.ids(t.c("opens").ge(time(11, 30))).await, [4, 5, 6]);
    assert_eq!(s.ids(t.c("opens").eq(time(9, 30))).await, [2]);
    let ts = |y, m, dd, h, mi, sec| Value::DateTime(at(date(y, m, dd), h, mi, sec));
    assert_eq!(
        s.ids(t.c("updated").eq(ts(2024, 2, 29, 10, 0, 5))).await,
        [3]
    );
    assert_eq!(
        s.ids(t.c("updated").gt(ts(2024, 3, 1, 11, 0, 6))).await,
        [5, 6]
    );
    // The same instants at other offsets: UTC, and -05:00.
    let utc = FixedOffset::east_opt(0).unwrap();
    let west = FixedOffset::west_opt(5 * 3600).unwrap();
    let tz = |o: FixedOffset, y, m, dd, h, mi| {
        Value::DateTimeTz(
            o.from_local_datetime(&at(date(y, m, dd), h, mi, 0))
                .unwrap(),
        )
    };
    assert_eq!(
        s.ids(t.c("sold").eq(tz(utc, 2024, 2, 29, 8, 15))).await,
        [3]
    );
    assert_eq!(
        s.ids(t.c("sold").eq(tz(west, 2024, 2, 29, 3, 15))).await,
        [3]
    );
    assert_eq!(
        s.ids(t.c("sold").lt(tz(west, 2024, 2, 29, 3, 16))).await,
        [1, 2, 3]
    );
    assert_eq!(s.ids(t.c("sold").lt(now())).await, [1, 2, 3, 4, 5, 6]);
}

#[test]
fn a_bound_decimal_is_cast_on_mysql_with_its_own_digits_and_scale() {
    let t = products();
    let q = select([bin(t.c("price"), BinaryOp::Sub, dec("0.99"))])
        .where_(bin(t.c("price"), BinaryOp::Mul, 2).lt(dec("100.00")));
    let params = || vec![dec("0.99"), Value::I32(2), dec("100.00")];
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"SELECT "products"."price" - ? FROM "products" WHERE "products"."price" * ? < ?"#,
                params(),
            ),
            (
                &postgres(),
                r#"SELECT "products"."price" - $1 FROM "products" WHERE "products"."price" * $2 < $3"#,
                params(),
            ),
            (
                &mysql(),
                "SELECT `products`.`price` - CAST(? AS DECIMAL(2, 2)) FROM `products` \
                 WHERE `products`.`price` * ? < CAST(? AS DECIMAL(5, 2))",
                params(),
            ),
        ],
    );
    // The type of each decimal, as MySQL and MariaDB get it.
    let cast = |d: &dyn Dialect, v: &str| Expr::from(dec(v)).compile(d).map(|c| c.sql).unwrap();
    for d in [&mysql() as &dyn Dialect, &mariadb()] {
        assert_eq!(cast(d, "0"), "CAST(? AS DECIMAL(1, 0))");
        assert_eq!(cast(d, "0.00"), "CAST(? AS DECIMAL(2, 2))");
        assert_eq!(cast(d, "-0.05"), "CAST(? AS DECIMAL(2, 2))");
        assert_eq!(cast(d, "1E+3"), "CAST(? AS DECIMAL(4, 0))");
        assert_eq!(cast(d, "-123.4500"), "CAST(? AS DECIMAL(7, 4))");
        // 65 digits in all is the most; trailing zeros after the point go
        // where only that fits (as the value binds).
        let whole = "9".repeat(65);
        assert_eq!(cast(d, &whole), "CAST(? AS DECIMAL(65, 0))");
        assert_eq!(
            cast(d, &format!("{whole}.000")),
            "CAST(? AS DECIMAL(65, 0))"
        );
        // Past any DECIMAL: bound as it was, and the binding refuses it.
        assert_eq!(cast(d, &format!("{whole}9")), "?");
        assert_eq!(cast(d, "1E+1000000000"), "?");
        assert_eq!(cast(d, "1E-1000000000"), "?");
    }
    // 31 digits after the point: MariaDB's DECIMAL takes 38, MySQL's 30.
    let fine = format!("0.{}1", "0".repeat(30));
    assert_eq!(cast(&mariadb(), &fine), "CAST(? AS DECIMAL(31, 31))");
    assert_eq!(cast(&mysql(), &fine), "?");
    // A date is a DATE (the protocol sends a DATETIME); other kinds bind
    // as they are.
    let day = Expr::from(Value::Date(date(2024, 2, 29)));
    for d in [&mysql() as &dyn Dialect, &mariadb()] {
        assert_eq!(day.compile(d).unwrap().sql, "CAST(? AS DATE)");
        for v in [
            Value::I64(1),
            Value::Text("a".into()),
            Value::Bool(true),
            Value::F64(0.5),
            Value::DateTime(at(date(2024, 2, 29), 1, 2, 3)),
            uuid(1),
        ] {
            assert_eq!(Expr::from(v).compile(d).unwrap().sql, "?");
        }
    }
    assert_eq!(day.compile(&sqlite()).unwrap().sql, "?");
    assert_eq!(Expr::from(dec("1.5")).compile(&sqlite()).unwrap().sql, "?");
    // Where the value is re-used (a repeated expression), so is its cast.
    let e = bin(dec("1.5"), BinaryOp::Add, t.c("price"));
    let q = select([e.clone()]).where_(e.gt(dec("1.5")));
    let c = q.compile(&mysql()).unwrap();
    assert_eq!(
        c.sql.matches("CAST(? AS DECIMAL(2, 1))").count(),
        3,
        "{}",
        c.sql
    );
}

#[tokio::test]
async fn values_read_back_through_computed_expressions() {
    use sqlexpr::expr::func::{coalesce, greatest};
    let mut s = shop!();
    let t = products();
    let later = date(2030, 1, 2);
    let time = NaiveTime::from_hms_micro_opt(23, 1, 2, 500_000).unwrap();
    let stamp = at(later, 3, 4, 5);
    // Each value with the column of its type: GREATEST returns the value
    // (later than every row), COALESCE the first product's column.
    let cases = [
        (
            "added",
            Value::Date(later),
            Value::Date(date(2024, 1, 5)),
            "2024-01-05",
        ),
        (
            "opens",
            Value::Time(time),
            Value::Time(NaiveTime::from_hms_opt(8, 30, 0).unwrap()),
            "08:30:00",
        ),
        (
            "updated",
            Value::DateTime(stamp),
            Value::DateTime(at(date(2024, 1, 5), 8, 0, 3)),
            "2024-01-05 08:00:03",
        ),
    ];
    for (c, v, first, first_text) in cases {
        let q = select([
            greatest([t.c(c), Expr::from(v.clone())]),
            coalesce([t.c(c), Expr::from(v.clone())]),
        ])
        .where_(t.c("id").eq(1));
        let [lite, pg, my] = s.rows(&q).await;
        let want = vec![vec![Got::Other(v.clone()), Got::Other(first)]];
        assert_eq!(pg, want, "postgresql {c}");
        assert_eq!(my, want, "mariadb {c}");
        // SQLite returns the text the value is bound and stored as.
        let text = |v: &Value| match v {
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Time(t) => t.format("%H:%M:%S%.f").to_string(),
            Value::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S%.f").to_string(),
            other => panic!("{other:?}"),
        };
        let want = vec![vec![
            Got::Other(Value::Text(text(&v).as_str().into())),
            Got::Other(Value::Text(first_text.into())),
        ]];
        assert_eq!(lite, want, "sqlite {c}");
    }
    // A zoned timestamp comes back as the same instant: UTC on PostgreSQL,
    // a UTC DATETIME on MariaDB, UTC text on SQLite.
    let east = FixedOffset::east_opt(3600).unwrap();
    let v = east.from_local_datetime(&stamp).unwrap();
    let q =
        select([greatest([t.c("sold"), Expr::from(Value::DateTimeTz(v))])]).where_(t.c("id").eq(1));
    let [lite, pg, my] = s.rows(&q).await;
    let utc = FixedOffset::east_opt(0).unwrap();
    let instant = at(later, 2, 4, 5);
    assert_eq!(
        pg,
        vec![vec![Got::Other(Value::DateTimeTz(
            utc.from_utc_datetime(&instant)
        ))]]
    );
    assert_eq!(my, vec![vec![Got::Other(Value::DateTime(instant))]]);
    assert_eq!(
        lite,
        vec![vec![Got::Other(Value::Text(
            "2030-01-02 02:04:05+00:00".into()
        ))]]
    );
}
