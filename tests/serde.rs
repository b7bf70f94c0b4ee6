//! With the `serde` feature, statements survive a round trip through JSON:
//! the decoded statement equals the original and compiles to the same SQL
//! and params on every dialect.
#![cfg(feature = "serde")]

use std::str::FromStr;

use bigdecimal::BigDecimal;
use chrono::{DateTime, NaiveDate, NaiveTime};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlexpr::expr::func::{count_star, lower, sum};
use sqlexpr::expr::BinaryOp;
use sqlexpr::prelude::*;
use sqlexpr::stmt::Compound;
use sqlexpr::{Error, FrameBound, Ident, TableName};
use sqlexpr_mysql::MySql;
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::Sqlite;

fn users() -> Table {
    Table::builder("app.users")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(Column::new("name", SqlType::String(50)).not_null().unique())
        .column(
            Column::new(
                "role",
                SqlType::Enum("role".into(), vec!["admin".into(), "user".into()]),
            )
            .default("user"),
        )
        .column(Column::new("balance", SqlType::Numeric(10, 2)).server_default(0))
        .column(Column::new("created_at", SqlType::DateTimeTz).index())
        .column(Column::new("profile", SqlType::Json).comment("free-form"))
        .check(col("balance").ge(0))
        .build()
        .unwrap()
}

fn posts() -> Table {
    Table::builder("posts")
        .column(Column::new("id", SqlType::BigInteger).primary_key())
        .column(
            Column::new("user_id", SqlType::Integer)
                .not_null()
                .references("app.users", "id"),
        )
        .column(Column::new("title", SqlType::Text))
        .column(Column::new("score", SqlType::Double))
        .build()
        .unwrap()
}

/// Encodes and decodes `stmt`, checks the copy equals it and compiles to the
/// same SQL and params on SQLite, PostgreSQL, MySQL and MariaDB; `compiles`
/// names the dialects that must compile it (the others must report the same
/// `Error::Unsupported` for both); returns the JSON.
#[track_caller]
fn round_trip<T>(stmt: &T, compiles: &[&str]) -> String
where
    T: Render + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(stmt).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, stmt);
    let dialects: [(&str, &dyn Dialect); 4] = [
        ("sqlite", &Sqlite::new()),
        ("postgres", &Postgres::new()),
        ("mysql", &MySql::new()),
        ("mariadb", &MySql::mariadb()),
    ];
    for (name, d) in dialects {
        let (a, b) = (stmt.compile(d), back.compile(d));
        assert_eq!(a, b, "{name}");
        if compiles.contains(&name) {
            assert!(a.is_ok(), "{name}: {a:?}");
        } else {
            assert!(matches!(a, Err(Error::Unsupported { .. })), "{name}: {a:?}");
        }
    }
    json
}

/// Every dialect.
const ALL: &[&str] = &["sqlite", "postgres", "mysql", "mariadb"];

#[test]
fn select_with_everything_round_trips() {
    let (u, p) = (users(), posts());
    let a = u.alias("a");
    let w = window()
        .partition_by([p.c("user_id")])
        .order_by([p.c("score").desc().nulls_last()])
        .rows(FrameBound::Preceding(2), FrameBound::CurrentRow);
    let top = select([p.c("user_id"), sum(p.c("score")).label("total")])
        .group_by([p.c("user_id")])
        .having(count_star().gt(1))
        .subquery("top");
    let q = select([
        a.c("name"),
        lower(a.c("name")).label("lname"),
        sum(p.c("score")).over(w).label("running"),
        count_star()
            .filter(p.c("title").like("a%"))
            .label("a_posts"),
        case()
            .when(a.c("role").eq("admin"), 1)
            .else_(0)
            .end()
            .label("is_admin"),
        cast(a.c("balance"), SqlType::Text).label("b"),
        sqlexpr::extract(sqlexpr::DateField::Year, a.c("created_at")).label("y"),
        top.c("total"),
    ])
    .select_from(&a)
    .join_on(&p, p.c("user_id").eq(a.c("id")))
    .left_join_on(&top, top.c("user_id").eq(a.c("id")))
    .where_(
        a.c("name").in_(["x", "y"])
            & a.c("id").between(1, 100)
            & a.c("profile").is_not_null()
            & exists(select([p.c("id")]).where_(p.c("score").gt(1.5)))
            & a.c("id").cmp_all(BinaryOp::Ge, select([p.c("user_id")]))
            & a.c("created_at").ne(bind("since"))
            & !a.c("name").ilike("%bot%")
            & raw_with("length(?) > 0", [Value::from("z")]),
    )
    .order_by([a.c("name").asc()])
    .limit(10)
    .offset(20)
    .for_update();
    // SQLite compiles it too: > ALL is emulated, FOR UPDATE left out.
    let json = round_trip(&q, &["sqlite", "postgres", "mysql", "mariadb"]);
    assert!(json.contains(r#""since""#), "{json}");
    let c = q.compile(&Postgres::new()).unwrap();
    assert_eq!(c.param_names(), [&Ident::from("since")]);
}

#[test]
fn compounds_and_recursive_ctes_round_trip() {
    let p = posts();
    let nums = sqlexpr::Cte::new("nums").columns(["n"]);
    let body = select([raw("1")]).union_all(
        select([nums.c("n") + 1])
            .select_from(&nums)
            .where_(nums.c("n").lt(5)),
    );
    let nums = nums.as_(body);
    let q: Compound = select([nums.c("n")])
        .select_from(&nums)
        .union(select([p.c("id")]).where_(p.c("title").is_null()))
        .order_by([col("n").desc()])
        .limit(3)
        .with_recursive(nums);
    round_trip(&q, ALL);
    round_trip(&Query::from(q), ALL);
}

#[test]
fn dml_round_trips() {
    let (u, p) = (users(), posts());
    let archive = Table::builder("archive")
        .column(Column::new("id", SqlType::Integer))
        .column(Column::new("name", SqlType::Text))
        .build()
        .unwrap();
    round_trip(
        &insert(&u)
            .row([
                ("name", Expr::from("ann")),
                ("balance", BigDecimal::from_str("12.50").unwrap().into()),
                (
                    "created_at",
                    DateTime::parse_from_rfc3339("2024-05-06T07:08:09.123+02:00")
                        .unwrap()
                        .into(),
                ),
                (
                    "profile",
                    serde_json::json!({"a": [1, 2, {"b": null}]}).into(),
                ),
            ])
            .on_conflict(["name"])
            .do_update_where(
                [("balance", sqlexpr::excluded("balance"))],
                u.c("balance").lt(sqlexpr::excluded("balance")),
            )
            .returning([u.c("id")]),
        &["sqlite", "postgres"],
    );
    round_trip(
        &insert(&archive).from_select(
            ["id", "name"],
            select([u.c("id"), u.c("name")]).where_(u.c("role").eq("user")),
        ),
        ALL,
    );
    round_trip(
        &update(&p)
            .set("title", u.c("name").concat(" says"))
            .set("score", p.c("score") * 2)
            .from(&u)
            .where_(p.c("user_id").eq(u.c("id")) & u.c("name").ne("x"))
            .returning([p.c("id")]),
        &["sqlite", "postgres"],
    );
    round_trip(
        &delete(&p)
            .using(&u)
            .where_(p.c("user_id").eq(u.c("id")) & u.c("balance").lt(0)),
        ALL,
    );
}

#[test]
fn ddl_round_trips() {
    let (u, p) = (users(), posts());
    round_trip(&create_table(&u), ALL);
    round_trip(&create_table(&p).if_not_exists(), ALL);
    round_trip(&drop_table(&p).if_exists(), ALL);
    round_trip(
        &create_index(&p, Index::new("ix_posts_title", ["title"]).unique()),
        ALL,
    );
    round_trip(&drop_index(&p, "ix_posts_title"), ALL);
    round_trip(
        &alter_table(&p).add_column(Column::new("body", SqlType::Text)),
        ALL,
    );
    round_trip(&alter_table(&p).rename_to("articles"), ALL);
    round_trip(&Ddl::CreateTable(create_table(&u)), ALL);
}

#[test]
fn every_value_round_trips() {
    let values = vec![
        Value::Null,
        Value::Bool(true),
        Value::I8(-8),
        Value::I16(-16),
        Value::I32(-32),
        Value::I64(i64::MIN),
        Value::U8(8),
        Value::U16(16),
        Value::U32(32),
        Value::U64(u64::MAX),
        Value::F32(1.5),
        Value::F64(-0.1),
        Value::Text("it's \"quoted\"\n".into()),
        Value::Bytes(vec![0, 1, 254, 255].into()),
        Value::Decimal(BigDecimal::from_str("-123456789012345678901234567890.000001").unwrap()),
        Value::Uuid(uuid::Uuid::from_u128(
            0x0123_4567_89ab_cdef_0123_4567_89ab_cdef,
        )),
        Value::Date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()),
        Value::Time(NaiveTime::from_hms_micro_opt(23, 59, 58, 123_456).unwrap()),
        Value::DateTime(
            NaiveDate::from_ymd_opt(1999, 12, 31)
                .unwrap()
                .and_hms_opt(1, 2, 3)
                .unwrap(),
        ),
        Value::DateTimeTz(DateTime::parse_from_rfc3339("2024-05-06T07:08:09-05:30").unwrap()),
        Value::Json(serde_json::json!({"k": [true, 1.25, "v"]})),
    ];
    let p = posts();
    // An untyped operand: a typed column would refuse the numbers against
    // text (the type check), which is not what this test is about.
    let q = select([p.c("id")]).where_(sqlexpr::col("title").in_(values.clone()));
    round_trip(&q, ALL);
    let c = q.compile(&Postgres::new()).unwrap();
    assert_eq!(c.params, values);
}

#[test]
fn what_cannot_round_trip_is_an_error() {
    // A client-side default function is code, not data.
    let t = Table::builder("t")
        .column(Column::new("n", SqlType::Integer).default_fn(|| Value::I32(1)))
        .build()
        .unwrap();
    let err = serde_json::to_string(&select([t.c("n")])).unwrap_err();
    assert!(err.to_string().contains("Function"), "{err}");

    // A decoded table is validated like a built one.
    let u = users();
    let json = serde_json::to_string(&create_table(&u)).unwrap();
    let dup = json.replacen(r#""name":"balance""#, r#""name":"id""#, 1);
    assert_ne!(dup, json);
    let err = serde_json::from_str::<sqlexpr::stmt::CreateTable>(&dup).unwrap_err();
    assert!(
        err.to_string().contains(
            &Error::Duplicate {
                kind: "column",
                name: "app.users.id".into()
            }
            .to_string()
        ),
        "{err}"
    );

    // Names keep their text, quoting stays the renderer's business.
    let odd = TableName::qualified("s\"x", "t`]");
    let t = Table::builder(odd)
        .column(Column::new("c'", SqlType::Integer))
        .build()
        .unwrap();
    round_trip(&select([t.c("c'")]).where_(t.c("c'").eq(1)), ALL);
}

/// A decoded statement holds whatever its sender put in it, raw SQL
/// included: decoding alone accepts it, and it renders as written.
/// `NoRawSql<T>` and `trust::refuse_raw_sql` refuse raw SQL wherever it is;
/// everything else in the tree stays data (identifiers quoted, values
/// bound).
#[test]
fn raw_sql_in_a_decoded_statement_can_be_refused() {
    use sqlexpr::trust::{refuse_raw_sql, NoRawSql};
    use sqlexpr::{Delete, Insert, Query, Update};

    let (u, p) = (users(), posts());
    let evil = "1 = 1; DROP TABLE users; --";
    let is_raw = |r: &Result<(), Error>| matches!(r, Err(Error::Invalid { construct: "raw SQL", reason }) if reason.contains("DROP TABLE"));

    // Plain decoding keeps the raw text: the sender is trusted.
    let q: Query = select([u.c("id")]).where_(raw(evil)).into();
    let json = serde_json::to_string(&q).unwrap();
    let back: Query = serde_json::from_str(&json).unwrap();
    assert_eq!(
        back.compile(&Postgres::new()).unwrap().sql,
        r#"SELECT "app"."users"."id" FROM "app"."users" WHERE 1 = 1; DROP TABLE users; --"#
    );
    // The wrapper refuses it at decoding time; the function after.
    let err = serde_json::from_str::<NoRawSql<Query>>(&json).unwrap_err();
    assert!(err.to_string().contains("raw SQL"), "{err}");
    assert!(err.to_string().contains("DROP TABLE"), "{err}");
    assert!(is_raw(&refuse_raw_sql(&back)));

    // Anywhere in the tree: a subquery in a CTE, a derived table, a join
    // condition, ORDER BY, a window, an upsert, RETURNING, an UPDATE's SET,
    // a DELETE's USING subquery.
    let deep = select([u.c("id")]).where_(u.c("id").in_subquery(select([p.c("user_id")]).where_(
        exists(select([p.c("id")]).where_(raw_with(evil, Vec::<Value>::new()))),
    )));
    assert!(is_raw(&refuse_raw_sql(&deep)));
    let ordered = select([u.c("id")]).order_by([raw(evil)]);
    assert!(is_raw(&refuse_raw_sql(&ordered)));
    let w = window().partition_by([raw(evil)]);
    let win = select([count_star().over(w).label("n")]).select_from(&u);
    assert!(is_raw(&refuse_raw_sql(&win)));
    let ins = insert(&u)
        .row([("name", Expr::from("ann"))])
        .on_conflict(["name"])
        .do_update_where([("balance", raw(evil))], u.c("balance").lt(0));
    assert!(is_raw(&refuse_raw_sql(&ins)));
    let json = serde_json::to_string(&ins).unwrap();
    assert!(serde_json::from_str::<NoRawSql<Insert>>(&json).is_err());
    let up = update(&p).set("title", raw(evil));
    assert!(is_raw(&refuse_raw_sql(&up)));
    let json = serde_json::to_string(&up).unwrap();
    assert!(serde_json::from_str::<NoRawSql<Update>>(&json).is_err());
    let del = delete(&p).where_(p.c("id").in_subquery(select([raw(evil)])));
    assert!(is_raw(&refuse_raw_sql(&del)));
    let json = serde_json::to_string(&del).unwrap();
    assert!(serde_json::from_str::<NoRawSql<Delete>>(&json).is_err());
    let e = u.c("id").eq(raw(evil));
    let json = serde_json::to_string(&e).unwrap();
    assert!(serde_json::from_str::<NoRawSql<Expr>>(&json).is_err());

    // The schema of a table the statement names: a server default or a
    // CHECK condition is raw SQL too; so is DDL that carries one.
    let t = Table::builder("t")
        .column(Column::new("n", SqlType::Integer).server_default(raw(evil)))
        .build()
        .unwrap();
    assert!(is_raw(&refuse_raw_sql(&select([t.c("n")]))));
    assert!(is_raw(&refuse_raw_sql(&t)));
    let json = serde_json::to_string(&create_table(&t)).unwrap();
    let err = serde_json::from_str::<NoRawSql<sqlexpr::stmt::CreateTable>>(&json).unwrap_err();
    assert!(err.to_string().contains("raw SQL"), "{err}");
    let json = serde_json::to_string(&t).unwrap();
    assert!(serde_json::from_str::<NoRawSql<Table>>(&json).is_err());
    let c = Table::builder("c")
        .column(Column::new("n", SqlType::Integer))
        .check(raw(evil))
        .build()
        .unwrap();
    assert!(is_raw(&refuse_raw_sql(&delete(&c))));
    let add =
        alter_table(&p).add_column(Column::new("body", SqlType::Text).server_default(raw(evil)));
    assert!(is_raw(&refuse_raw_sql(&add)));
    let idx = create_index(&p, Index::new("ix", ["title"]).predicate(raw(evil)));
    assert!(is_raw(&refuse_raw_sql(&idx)));
    assert!(is_raw(&refuse_raw_sql(&Ddl::CreateIndex(idx))));

    // Without raw SQL, the wrapper decodes to the same statement; the
    // crate's own integer literals (ROUND's digits) are not raw SQL.
    let ok: Query = select([
        sqlexpr::expr::func::round_to(p.c("score"), -2).label("r"),
        raw("7").label("seven"),
    ])
    .where_(p.c("title").eq("x'; DROP TABLE posts; --"))
    .into();
    assert_eq!(refuse_raw_sql(&ok), Ok(()));
    let json = serde_json::to_string(&ok).unwrap();
    let back = serde_json::from_str::<NoRawSql<Query>>(&json).unwrap();
    assert_eq!(back.into_inner(), ok);
    assert_eq!(refuse_raw_sql(&create_table(&u)), Ok(()));
    // Anything beyond a bare integer is raw SQL, even if harmless.
    for text in ["1e5", "7 ", "-", "", "1.5", "0x10"] {
        assert!(
            matches!(
                refuse_raw_sql(&raw(text)),
                Err(Error::Invalid {
                    construct: "raw SQL",
                    ..
                })
            ),
            "{text:?}"
        );
    }
    assert!(refuse_raw_sql(&raw_with("7", [Value::I32(1)])).is_err());
}

/// A tree 100,000 deep (and a 100,000-long UNION chain) goes through JSON
/// and back on a thread with a 2 MiB stack, with serde_json's recursion
/// limit switched off: the impls grow the stack instead of overflowing it.
#[test]
fn deep_trees_round_trip_on_a_small_stack() {
    const DEEP: usize = 100_000;
    fn decode<T: DeserializeOwned>(json: &str) -> T {
        let mut de = serde_json::Deserializer::from_str(json);
        de.disable_recursion_limit();
        T::deserialize(&mut de).expect("decode")
    }
    let run = || {
        let mut e = col("a");
        for _ in 0..DEEP {
            e = sqlexpr::not_(e);
        }
        let json = serde_json::to_string(&e).expect("encode");
        assert_eq!(json.matches("Not").count(), DEEP);
        let back: Expr = decode(&json);
        assert!(back == e);

        let mut q = Query::from(select([col("a")]));
        for _ in 1..DEEP {
            q = q.union_all(select([col("b")])).into();
        }
        let json = serde_json::to_string(&q).expect("encode");
        let back: Query = decode(&json);
        assert!(back == q);
        // The default recursion limit still refuses it, with an error.
        assert!(serde_json::from_str::<Query>(&json).is_err());
    };
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(run)
        .expect("spawn")
        .join()
        .expect("the thread panicked");
}
