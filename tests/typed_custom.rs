//! Custom types (bind and result processors over a base type), type
//! coercion, bound numbers the SQL around them would mistype, and named
//! parameters filled after compiling: the SQL and parameters on the three
//! dialects, and a struct read from a row of custom columns on SQLite (the
//! conformance area "types" runs them on PostgreSQL and MariaDB too).

mod common;

use bigdecimal::{BigDecimal, ToPrimitive};
use common::{assert_sql, assert_sql3, mariadb, mysql, postgres, sqlite};
use sqlexpr::prelude::*;
use sqlexpr::{type_coerce, CustomType, Error};
use sqlexpr_sqlite::{read_row, SqliteExt};

fn dec(s: &str) -> Value {
    Value::Decimal(s.parse().unwrap())
}

fn money() -> CustomType {
    CustomType::new(
        "money",
        SqlType::BigInteger,
        |v| match v {
            Value::Decimal(d) => {
                let cents = d * BigDecimal::from(100);
                if !cents.is_integer() {
                    return Err("not a whole number of cents".to_owned());
                }
                cents
                    .to_i64()
                    .map(Value::I64)
                    .ok_or_else(|| "too big".to_owned())
            }
            other => Err(format!("a {} value is not money", other.kind())),
        },
        |v| match v {
            Value::I64(c) => Ok(Value::Decimal(BigDecimal::new(c.into(), 2))),
            other => Err(format!("a {} value is not cents", other.kind())),
        },
    )
}

fn tags() -> CustomType {
    // A list of tags kept as one comma-separated text.
    CustomType::new(
        "tags",
        SqlType::String(200),
        |v| match v {
            Value::Json(serde_json::Value::Array(items)) => Ok(Value::Text(
                items
                    .iter()
                    .map(|i| i.as_str().unwrap_or_default().to_owned())
                    .collect::<Vec<_>>()
                    .join(",")
                    .into(),
            )),
            other => Err(format!("a {} value is not a list of tags", other.kind())),
        },
        |v| match v {
            Value::Text(t) => Ok(Value::Json(serde_json::Value::Array(
                t.as_str()
                    .split(',')
                    .map(|s| serde_json::Value::String(s.to_owned()))
                    .collect(),
            ))),
            other => Err(format!("a {} value is not tags text", other.kind())),
        },
    )
}

fn items() -> Table {
    Table::builder("items")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("price", SqlType::Custom(money())))
        .column(Column::new("tags", SqlType::Custom(tags())))
        .column(Column::new("qty", SqlType::Integer))
        .build()
        .unwrap()
}

#[test]
fn a_custom_column_is_created_as_its_base_type() {
    let t = items();
    assert_sql(
        &create_table(&t),
        [
            (
                &sqlite(),
                r#"CREATE TABLE "items" ("id" INTEGER NOT NULL, "price" INTEGER, "tags" VARCHAR(200), "qty" INTEGER, PRIMARY KEY ("id"))"#,
                vec![],
            ),
            (
                &postgres(),
                r#"CREATE TABLE "items" ("id" INTEGER NOT NULL, "price" BIGINT, "tags" VARCHAR(200), "qty" INTEGER, PRIMARY KEY ("id"))"#,
                vec![],
            ),
            (
                &mysql(),
                "CREATE TABLE `items` (`id` INTEGER NOT NULL, `price` BIGINT, `tags` VARCHAR(200), `qty` INTEGER, PRIMARY KEY (`id`))",
                vec![],
            ),
        ],
    );
}

#[test]
fn values_for_custom_columns_go_through_the_bind_processor() {
    let t = items();
    let tags = serde_json::json!(["a", "b"]);
    assert_sql3(
        &insert(&t)
            .value("id", 1)
            .value("price", dec("12.50"))
            .value("tags", Value::Json(tags.clone())),
        r#"INSERT INTO "items" ("id", "price", "tags") VALUES (?, ?, ?)"#,
        r#"INSERT INTO "items" ("id", "price", "tags") VALUES ($1, $2, $3)"#,
        "INSERT INTO `items` (`id`, `price`, `tags`) VALUES (?, ?, ?)",
        vec![Value::I32(1), Value::I64(1250), Value::Text("a,b".into())],
    );
    // UPDATE SET, comparisons, IN and BETWEEN.
    assert_sql3(
        &update(&t)
            .set("price", dec("1.25"))
            .where_(
                t.c("price").lt(dec("20.00"))
                    & t.c("price").in_([dec("1.00"), dec("2.00")])
                    & t.c("price").between(dec("0.01"), dec("0.10")),
            ),
        r#"UPDATE "items" SET "price" = ? WHERE "items"."price" < ? AND "items"."price" IN (?, ?) AND "items"."price" BETWEEN ? AND ?"#,
        r#"UPDATE "items" SET "price" = $1 WHERE "items"."price" < $2 AND "items"."price" IN ($3, $4) AND "items"."price" BETWEEN $5 AND $6"#,
        "UPDATE `items` SET `price` = ? WHERE `items`.`price` < ? AND `items`.`price` IN (?, ?) AND `items`.`price` BETWEEN ? AND ?",
        [125, 2000, 100, 200, 1, 10].map(Value::I64).to_vec(),
    );
    // In arithmetic the value is a number, not money: bound as it is.
    assert_sql3(
        &select([(t.c("price") * 2).label("p")]),
        r#"SELECT "items"."price" * ? AS "p" FROM "items""#,
        r#"SELECT "items"."price" * $1 AS "p" FROM "items""#,
        "SELECT `items`.`price` * ? AS `p` FROM `items`",
        vec![Value::I32(2)],
    );
}

#[test]
fn a_value_the_bind_processor_refuses_is_an_error() {
    let t = items();
    for e in [
        select([t.c("id")]).where_(t.c("price").eq(dec("0.001"))),
        select([t.c("id")]).where_(t.c("price").eq("ten")),
    ] {
        match e.compile(&sqlite()) {
            Err(Error::Invalid { reason, .. }) => {
                assert!(reason.contains("custom type \"money\""), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
    match insert(&t).value("price", 5).compile(&postgres()) {
        Err(e) => assert!(e.to_string().contains("a i32 value is not money"), "{e}"),
        Ok(c) => panic!("{c:?}"),
    }
}

#[test]
fn custom_types_read_through_the_result_processor() {
    let t = items();
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.exec(&create_table(&t)).unwrap();
    conn.exec(
        &insert(&t)
            .value("id", 1)
            .value("price", dec("12.50"))
            .value("tags", Value::Json(serde_json::json!(["new", "sale"])))
            .value("qty", 3),
    )
    .unwrap();
    sqlexpr::from_row! {
        #[derive(Debug, PartialEq)]
        struct Item {
            price: BigDecimal,
            tags: serde_json::Value,
            total: BigDecimal,
            cents: i64,
        }
    }
    let q = select([
        t.c("price"),
        t.c("tags"),
        // Arithmetic computes on the stored cents; coerced back to money.
        type_coerce(t.c("price") * t.c("qty"), SqlType::Custom(money())).label("total"),
        cast(t.c("price"), SqlType::BigInteger).label("cents"),
    ])
    .where_(t.c("price").ge(dec("12.50")));
    let types = q.column_types();
    assert_eq!(types[0], Some(SqlType::Custom(money())));
    let rows: Vec<Item> = conn.fetch_all(&q, |row| read_row(row, &types)).unwrap();
    assert_eq!(
        rows,
        [Item {
            price: "12.50".parse().unwrap(),
            tags: serde_json::json!(["new", "sale"]),
            total: "37.50".parse().unwrap(),
            cents: 1250,
        }]
    );
}

#[test]
fn type_coerce_writes_no_cast() {
    let t = items();
    let q = select([
        type_coerce(t.c("qty"), SqlType::Text).label("q"),
        (type_coerce(t.c("id"), SqlType::Text) + "!").label("s"),
    ])
    .where_(type_coerce(t.c("price"), SqlType::Custom(money())).eq(dec("1.00")));
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"SELECT "items"."qty" AS "q", "items"."id" || ? AS "s" FROM "items" WHERE "items"."price" = ?"#,
                vec![Value::Text("!".into()), Value::I64(100)],
            ),
            (
                &mysql(),
                "SELECT `items`.`qty` AS `q`, CONCAT(`items`.`id`, ?) AS `s` FROM `items` WHERE `items`.`price` = ?",
                vec![Value::Text("!".into()), Value::I64(100)],
            ),
        ],
    );
    assert_eq!(
        q.column_types()[..2],
        [Some(SqlType::Text), Some(SqlType::Text)]
    );
    // A coerced value goes through the type's bind processor.
    assert_sql3(
        &select([t.c("id")]).where_(
            t.c("id")
                .eq(type_coerce(dec("0.07"), SqlType::Custom(money()))),
        ),
        r#"SELECT "items"."id" FROM "items" WHERE "items"."id" = ?"#,
        r#"SELECT "items"."id" FROM "items" WHERE "items"."id" = $1"#,
        "SELECT `items`.`id` FROM `items` WHERE `items`.`id` = ?",
        vec![Value::I64(7)],
    );
}

#[test]
fn numbers_the_context_would_mistype_are_cast_on_postgres() {
    let t = items();
    // PostgreSQL types `$1 * qty` as an integer: the decimal is cast.
    assert_sql(
        &select([(value(dec("12.50")) * t.c("qty")).label("x")])
            .where_(t.c("qty").in_([value(1.5f64), value(2)]) & t.c("qty").gt(dec("0.5"))),
        [
            (
                &sqlite(),
                r#"SELECT ? * "items"."qty" AS "x" FROM "items" WHERE "items"."qty" IN (?, ?) AND "items"."qty" > ?"#,
                vec![dec("12.50"), Value::F64(1.5), Value::I32(2), dec("0.5")],
            ),
            (
                &postgres(),
                r#"SELECT CAST($1 AS NUMERIC) * "items"."qty" AS "x" FROM "items" WHERE "items"."qty" IN (CAST($2 AS DOUBLE PRECISION), $3) AND "items"."qty" > CAST($4 AS NUMERIC)"#,
                vec![dec("12.50"), Value::F64(1.5), Value::I32(2), dec("0.5")],
            ),
            (
                &mariadb(),
                "SELECT CAST(? AS DECIMAL(4, 2)) * `items`.`qty` AS `x` FROM `items` WHERE `items`.`qty` IN (?, ?) AND `items`.`qty` > CAST(? AS DECIMAL(1, 1))",
                vec![dec("12.50"), Value::F64(1.5), Value::I32(2), dec("0.5")],
            ),
        ],
    );
    // An integer with an integer, a decimal with a decimal: as they were.
    assert_sql(
        &select([t.c("id")]).where_(t.c("qty").gt(2) & (t.c("qty") * dec("1.5")).lt(dec("3.0"))),
        [(
            &postgres(),
            r#"SELECT "items"."id" FROM "items" WHERE "items"."qty" > $1 AND "items"."qty" * CAST($2 AS NUMERIC) < $3"#,
            vec![Value::I32(2), dec("1.5"), dec("3.0")],
        )],
    );
}

#[test]
fn named_parameters_bind_as_values_given_at_build_time() {
    let t = items();
    let q =
        select([t.c("id")]).where_((t.c("qty") * 1).lt(bind("max")) & t.c("qty").ne(bind("not")));
    let values = || [("max", dec("2.50")), ("not", Value::I32(0))];
    // MariaDB writes a decimal's placeholder by its digits: with_params
    // cannot, with_params_for does.
    let d = mariadb();
    let c = q.compile(&d).unwrap();
    match c.with_params(values()) {
        Err(Error::Unsupported { dialect, feature }) => {
            assert_eq!(dialect, "mariadb");
            assert!(
                feature.contains("a decimal value filled by name into :max"),
                "{feature}"
            );
        }
        other => panic!("{other:?}"),
    }
    let run = c.with_params_for(&d, values()).unwrap();
    assert_eq!(
        run.sql,
        "SELECT `items`.`id` FROM `items` WHERE `items`.`qty` * ? < CAST(? AS DECIMAL(3, 2)) AND `items`.`qty` <> ?"
    );
    assert_eq!(run.params, [Value::I32(1), dec("2.50"), Value::I32(0)]);
    assert!(run.named_params.is_empty());
    // A value whose placeholder is plain fills either way; so do SQLite's
    // and PostgreSQL's.
    let ints = [("max", Value::I32(3)), ("not", Value::I32(0))];
    assert_eq!(
        c.with_params(ints.clone()).unwrap(),
        c.with_params_for(&d, ints).unwrap()
    );
    for d in [&sqlite() as &dyn Dialect, &postgres()] {
        let c = q.compile(d).unwrap();
        assert_eq!(
            c.with_params(values()).unwrap(),
            c.with_params_for(d, values()).unwrap()
        );
    }
    // Missing and unknown names are still errors.
    assert!(matches!(
        c.with_params_for(&d, [("max", dec("1"))]),
        Err(Error::MissingParam { .. })
    ));
}

#[test]
fn named_parameters_of_custom_types_go_through_the_bind_processor() {
    let t = items();
    let q = select([t.c("id")]).where_(
        t.c("price").lt(bind("max"))
            & t.c("price").in_([bind("a"), Expr::from(dec("1.00"))])
            & t.c("price").between(bind("lo"), bind("hi"))
            // In arithmetic the value is a number.
            & (t.c("price") * bind("k")).gt(0),
    );
    let values = [
        ("max", dec("20.00")),
        ("a", dec("0.50")),
        ("lo", dec("0.01")),
        ("hi", dec("9.99")),
        ("k", Value::I32(2)),
    ];
    for d in [&sqlite() as &dyn Dialect, &postgres(), &mariadb()] {
        let c = q.compile(d).unwrap();
        assert_eq!(
            c.with_params_for(d, values.clone()).unwrap().params,
            [
                Value::I64(2000),
                Value::I64(50),
                Value::I64(100),
                Value::I64(1),
                Value::I64(999),
                Value::I32(2),
                Value::I32(0)
            ],
            "{}",
            d.name()
        );
    }
    // INSERT and SET values by name, and a refused one.
    let ins = insert(&t)
        .value("id", 1)
        .value("price", bind("p"))
        .compile(&sqlite())
        .unwrap();
    assert_eq!(
        ins.with_params([("p", dec("3.00"))]).unwrap().params,
        [Value::I32(1), Value::I64(300)]
    );
    let up = update(&t)
        .set("price", bind("p"))
        .compile(&postgres())
        .unwrap();
    assert_eq!(
        up.with_params([("p", dec("3.00"))]).unwrap().params,
        [Value::I64(300)]
    );
    assert!(matches!(
        up.with_params([("p", dec("0.001"))]),
        Err(Error::Invalid { .. })
    ));
}

#[cfg(feature = "serde")]
#[test]
fn a_custom_type_is_not_serialized() {
    let t = items();
    let err = serde_json::to_string(&select([t.c("price")])).unwrap_err();
    assert!(err.to_string().contains("Custom"), "{err}");
}

/// The example of the README's "Types" section.
#[test]
fn readme_example() -> Result<(), Box<dyn std::error::Error>> {
    // Money as BIGINT cents; the application speaks decimals.
    let money = CustomType::new(
        "money",
        SqlType::BigInteger,
        |v| match v {
            Value::Decimal(d) => (d * BigDecimal::from(100))
                .to_i64()
                .map(Value::I64)
                .ok_or_else(|| "not cents".to_owned()),
            other => Err(format!("a {} value is not money", other.kind())),
        },
        |v| match v {
            Value::I64(c) => Ok(Value::Decimal(BigDecimal::new(c.into(), 2))),
            other => Err(format!("a {} value is not cents", other.kind())),
        },
    );
    let items = Table::builder("items")
        .column(Column::new("price", SqlType::Custom(money.clone())))
        .column(Column::new("qty", SqlType::Integer))
        .build()?;

    sqlexpr::from_row! {
        struct Line { price: BigDecimal, total: BigDecimal }
    }

    let conn = rusqlite::Connection::open_in_memory()?;
    conn.exec(&create_table(&items))?;
    // Bound as 1250.
    conn.exec(
        &insert(&items)
            .value("price", "12.50".parse::<BigDecimal>()?)
            .value("qty", 3),
    )?;
    let q = select([
        items.c("price"),
        // Computed on cents, read as money.
        type_coerce(items.c("price") * items.c("qty"), SqlType::Custom(money)).label("total"),
    ])
    .where_(items.c("price").lt("20.00".parse::<BigDecimal>()?)); // bound as 2000
    let types = q.column_types();
    let lines: Vec<Line> = conn.fetch_all(&q, |row| read_row(row, &types))?;
    assert_eq!(lines[0].total, "37.50".parse::<BigDecimal>()?);
    Ok(())
}
