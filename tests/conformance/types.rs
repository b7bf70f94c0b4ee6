//! Types: every [`SqlType`] round-trips (a bound value inserted into a
//! column of the type reads back typed, by the statement's column types,
//! as the value inserted) and takes part in arithmetic or comparison
//! against a computed expression, its results read back typed; custom
//! types (bind and result processors) and `type_coerce`; named parameters
//! filled after compiling bind as values given at build time.
//!
//! Each case works on a table of its own, created and dropped by the case.

use bigdecimal::{BigDecimal, ToPrimitive};
use chrono::{NaiveDate, NaiveTime};
use sqlexpr::expr::func;
use sqlexpr::prelude::*;
use sqlexpr::{type_coerce, CustomType};

use super::harness::*;

fn dec(s: &str) -> Value {
    Value::Decimal(s.parse().expect("decimal"))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn time(h: u32, m: u32, s: u32, us: u32) -> NaiveTime {
    NaiveTime::from_hms_micro_opt(h, m, s, us).expect("time")
}

/// Money as BIGINT cents: the application binds and reads decimals.
pub fn money() -> CustomType {
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
                    .ok_or_else(|| "out of range".to_owned())
            }
            other => Err(format!("a {} value is not money", other.kind())),
        },
        |v| match v {
            Value::I64(c) => Ok(Value::Decimal(BigDecimal::new(c.into(), 2))),
            other => Err(format!("a {} value is not cents", other.kind())),
        },
    )
}

/// A JSON document kept as TEXT: bound as its text, read back as JSON.
pub fn json_text() -> CustomType {
    CustomType::new(
        "json_text",
        SqlType::Text,
        |v| match v {
            Value::Json(j) => Ok(Value::Text(j.to_string().into())),
            other => Err(format!("a {} value is not JSON", other.kind())),
        },
        |v| match v {
            Value::Text(t) => serde_json::from_str(t.as_str())
                .map(Value::Json)
                .map_err(|e| e.to_string()),
            other => Err(format!("a {} value is not JSON text", other.kind())),
        },
    )
}

/// The type as a case names it.
fn ty_name(ty: &SqlType) -> String {
    match ty {
        SqlType::Custom(c) => format!("Custom({})", c.name().as_str()),
        other => format!("{other:?}"),
    }
}

/// `ty_<tag>(id INTEGER PRIMARY KEY, v <ty>)` and its metadata.
fn table(tag: &str, ty: SqlType) -> (Table, MetaData) {
    let t = Table::builder(format!("ty_{tag}"))
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("v", ty))
        .build()
        .expect("table");
    let mut md = MetaData::new();
    md.add(t.clone()).expect("metadata");
    (t, md)
}

/// The round trip of `value` through a column of type `ty`: inserted bound,
/// read back typed as `back`.
fn round_trip(tag: &str, ty: SqlType, value: Value, back: Value) -> Case {
    let (t, md) = table(&format!("{tag}_rt"), ty.clone());
    Case::new("types", format!("{} round-trips", ty_name(&ty)))
        .create_all(md.clone())
        .exec(insert(&t).value("id", 1).value("v", value), 1)
        .typed(
            select([t.c("id"), t.c("v")]).order_by([t.c("id")]),
            vec![vec![Value::I32(1), back]],
        )
        .drop_all(md)
}

/// A case on a table `ty_<tag>_ops` holding `value` in row 1: `f` adds its
/// steps.
fn ops(
    tag: &str,
    ty: SqlType,
    name: &str,
    value: Value,
    f: impl FnOnce(Case, &Table) -> Case,
) -> Case {
    let (t, md) = table(&format!("{tag}_ops"), ty.clone());
    let c = Case::new("types", format!("{}: {name}", ty_name(&ty)))
        .create_all(md.clone())
        .exec(insert(&t).value("id", 1).value("v", value), 1);
    f(c, &t).drop_all(md)
}

pub fn cases() -> Vec<Case> {
    let v = |t: &Table| t.c("v");
    let where_v = |_: &Table, x: Expr, cond: Expr| select([x]).where_(cond);
    let uuid = uuid::Uuid::parse_str("67e55044-10b1-426f-9247-bb680e5fe0c8").expect("uuid");
    let at = day(2024, 2, 29).and_time(time(13, 45, 30, 250_000));
    let zoned = chrono::DateTime::parse_from_rfc3339("2024-02-29T13:45:30.25+02:00").expect("tz");
    let utc = zoned.with_timezone(&chrono::FixedOffset::east_opt(0).expect("utc"));
    let doc = serde_json::json!({"a": [1, 2], "b": "x"});
    let mood = SqlType::Enum(
        "ty_mood".into(),
        vec!["sad".into(), "ok".into(), "happy".into()],
    );
    let mood2 = SqlType::Enum(
        "ty_mood2".into(),
        vec!["sad".into(), "ok".into(), "happy".into()],
    );
    let mut all = vec![
        // ---- round trips
        round_trip(
            "smallint",
            SqlType::SmallInteger,
            Value::I16(-300),
            Value::I16(-300),
        ),
        round_trip(
            "int",
            SqlType::Integer,
            Value::I32(70_000),
            Value::I32(70_000),
        ),
        round_trip(
            "bigint",
            SqlType::BigInteger,
            Value::I64(9_007_199_254_740_993),
            Value::I64(9_007_199_254_740_993),
        ),
        round_trip("float", SqlType::Float, Value::F32(1.5), Value::F32(1.5)),
        round_trip("double", SqlType::Double, Value::F64(0.1), Value::F64(0.1)),
        round_trip(
            "numeric",
            SqlType::Numeric(10, 2),
            dec("47.79"),
            dec("47.79"),
        ),
        round_trip(
            "varchar",
            SqlType::String(20),
            Value::Text("ann é".into()),
            Value::Text("ann é".into()),
        ),
        round_trip(
            "text",
            SqlType::Text,
            Value::Text("a\nb'c".into()),
            Value::Text("a\nb'c".into()),
        ),
        round_trip(
            "bool",
            SqlType::Boolean,
            Value::Bool(true),
            Value::Bool(true),
        ),
        round_trip(
            "date",
            SqlType::Date,
            Value::Date(day(2024, 2, 29)),
            Value::Date(day(2024, 2, 29)),
        ),
        round_trip(
            "time",
            SqlType::Time,
            Value::Time(time(13, 45, 30, 250_000)),
            Value::Time(time(13, 45, 30, 250_000)),
        ),
        round_trip(
            "datetime",
            SqlType::DateTime,
            Value::DateTime(at),
            Value::DateTime(at),
        ),
        round_trip(
            "datetimetz",
            SqlType::DateTimeTz,
            Value::DateTimeTz(zoned),
            Value::DateTimeTz(utc),
        ),
        round_trip(
            "binary",
            SqlType::Binary,
            Value::Bytes(vec![0u8, 1, 255, 39].into()),
            Value::Bytes(vec![0u8, 1, 255, 39].into()),
        ),
        round_trip("uuid", SqlType::Uuid, Value::Uuid(uuid), Value::Uuid(uuid)),
        round_trip(
            "json",
            SqlType::Json,
            Value::Json(doc.clone()),
            Value::Json(doc.clone()),
        ),
        round_trip(
            "enum",
            mood.clone(),
            Value::Text("happy".into()),
            Value::Text("happy".into()),
        ),
        round_trip(
            "money",
            SqlType::Custom(money()),
            dec("12.50"),
            dec("12.50"),
        ),
        round_trip(
            "jsontext",
            SqlType::Custom(json_text()),
            Value::Json(doc.clone()),
            Value::Json(doc.clone()),
        ),
    ];

    // ---- arithmetic and comparison against computed expressions
    for (tag, ty, x) in [
        ("smallint", SqlType::SmallInteger, Value::I16(7)),
        ("int", SqlType::Integer, Value::I32(7)),
        ("bigint", SqlType::BigInteger, Value::I64(7)),
    ] {
        let back = x.clone();
        all.push(ops(
            tag,
            ty.clone(),
            "(v + 0) = value, v * 2 < value",
            x,
            |c, t| {
                c.typed(where_v(t, v(t), (v(t) + 0).eq(7)), vec![vec![back]])
                    .typed(
                        where_v(t, (v(t) * 2).label("x"), (v(t) * 2).lt(15)),
                        vec![vec![match ty {
                            SqlType::BigInteger => Value::I64(14),
                            _ => Value::I32(14),
                        }]],
                    )
                    // A decimal times the integer column is a decimal.
                    .typed(
                        where_v(
                            t,
                            (value(dec("12.50")) * v(t)).label("x"),
                            (v(t) * dec("0.5")).gt(dec("3.49")),
                        ),
                        vec![vec![dec("87.50")]],
                    )
                    // A float times the integer column is a double.
                    .typed(
                        where_v(t, (v(t) * 1.5f64).label("x"), (v(t) + 0.25f64).eq(7.25f64)),
                        vec![vec![Value::F64(10.5)]],
                    )
                    // Integer division is an integer everywhere.
                    .typed(
                        where_v(t, (v(t) / 2).label("x"), v(t).eq(7)),
                        vec![vec![match ty {
                            SqlType::BigInteger => Value::I64(3),
                            _ => Value::I32(3),
                        }]],
                    )
            },
        ));
    }
    all.push(ops(
        "float",
        SqlType::Float,
        "(v + 0) = value, v * 2 < value",
        Value::F32(1.5),
        |c, t| {
            c.typed(
                where_v(t, v(t), (v(t) + 0).eq(1.5f32)),
                vec![vec![Value::F32(1.5)]],
            )
            .typed(
                where_v(t, (v(t) * 2).label("x"), (v(t) * 2).lt(3.25f64)),
                vec![vec![Value::F64(3.0)]],
            )
        },
    ));
    all.push(ops(
        "double",
        SqlType::Double,
        "(v + 0) = value, v * 2 < value",
        Value::F64(2.25),
        |c, t| {
            c.typed(
                where_v(t, v(t), (v(t) + 0).eq(2.25f64)),
                vec![vec![Value::F64(2.25)]],
            )
            .typed(
                where_v(t, (v(t) * 2).label("x"), (v(t) * 2).lt(dec("4.75"))),
                vec![vec![Value::F64(4.5)]],
            )
        },
    ));
    all.push(ops(
        "numeric",
        SqlType::Numeric(10, 2),
        "(v + 0) = value, v * 2 < value, v - 0.99",
        dec("47.79"),
        |c, t| {
            c.typed(
                where_v(t, v(t), (v(t) + 0).eq(dec("47.79"))),
                vec![vec![dec("47.79")]],
            )
            .typed(
                where_v(t, (v(t) * 2).label("x"), (v(t) * 2).lt(dec("100.00"))),
                vec![vec![dec("95.58")]],
            )
            .typed(
                where_v(t, (v(t) - dec("0.99")).label("x"), (v(t) * 3).gt(100)),
                vec![vec![dec("46.80")]],
            )
            // Compared with a decimal computed from an integer.
            .typed(
                where_v(t, v(t), (v(t) * 1).lt(value(2) * dec("25.00"))),
                vec![vec![dec("47.79")]],
            )
        },
    ));
    for (tag, ty) in [("varchar", SqlType::String(20)), ("text", SqlType::Text)] {
        all.push(ops(
            tag,
            ty,
            "v + text = value (concatenation)",
            Value::Text("ann".into()),
            |c, t| {
                c.typed(
                    where_v(t, (v(t) + " <").label("x"), (v(t) + " <").eq("ann <")),
                    vec![vec![Value::Text("ann <".into())]],
                )
                .typed(
                    where_v(
                        t,
                        func::upper(v(t)).label("x"),
                        func::lower(v(t) + "X").eq("annx"),
                    ),
                    vec![vec![Value::Text("ANN".into())]],
                )
            },
        ));
    }
    all.push(ops(
        "bool",
        SqlType::Boolean,
        "NOT v = value",
        Value::Bool(true),
        |c, t| {
            c.typed(
                where_v(t, (!v(t)).label("x"), (!v(t)).eq(false)),
                vec![vec![Value::Bool(false)]],
            )
            .typed(
                where_v(t, v(t).eq(true).label("x"), v(t) & t.c("id").gt(0)),
                vec![vec![Value::Bool(true)]],
            )
        },
    ));
    let date_ops = |tag: &'static str, ty: SqlType, x: Value, later: Value| {
        let back = x.clone();
        ops(
            tag,
            ty,
            "COALESCE(v, value) = value, v < value",
            x.clone(),
            move |c, t| {
                c.typed(
                    where_v(
                        t,
                        func::coalesce([v(t), value(later.clone())]).label("x"),
                        func::coalesce([v(t), value(later.clone())]).eq(x.clone()),
                    ),
                    vec![vec![back.clone()]],
                )
                .typed(
                    where_v(t, func::max(v(t)).label("x"), v(t).lt(later.clone())),
                    vec![vec![back]],
                )
            },
        )
    };
    all.push(date_ops(
        "date",
        SqlType::Date,
        Value::Date(day(2024, 2, 29)),
        Value::Date(day(2024, 3, 1)),
    ));
    all.push(date_ops(
        "time",
        SqlType::Time,
        Value::Time(time(13, 45, 30, 0)),
        Value::Time(time(14, 0, 0, 0)),
    ));
    all.push(date_ops(
        "datetime",
        SqlType::DateTime,
        Value::DateTime(at),
        Value::DateTime(day(2024, 3, 1).and_time(time(0, 0, 0, 0))),
    ));
    all.push(ops(
        "datetimetz",
        SqlType::DateTimeTz,
        "COALESCE(v, value) = value, v < value",
        Value::DateTimeTz(zoned),
        |c, t| {
            let later =
                chrono::DateTime::parse_from_rfc3339("2024-02-29T12:00:00-05:00").expect("tz");
            c.typed(
                where_v(
                    t,
                    func::coalesce([v(t), value(Value::DateTimeTz(later))]).label("x"),
                    func::coalesce([v(t), value(Value::DateTimeTz(later))])
                        .eq(Value::DateTimeTz(zoned)),
                ),
                vec![vec![Value::DateTimeTz(utc)]],
            )
            .typed(
                where_v(t, v(t), v(t).lt(Value::DateTimeTz(later))),
                vec![vec![Value::DateTimeTz(utc)]],
            )
        },
    ));
    // Arithmetic whose meaning differs between engines (dates, booleans,
    // text, bytes, UUIDs, JSON): refused at compile time, on every engine.
    for (tag, ty, says) in [
        ("date", SqlType::Date, "`+` on DATE and INTEGER"),
        ("time", SqlType::Time, "`+` on TIME and INTEGER"),
        (
            "datetime",
            SqlType::DateTime,
            "`+` on TIMESTAMP and INTEGER",
        ),
        (
            "datetimetz",
            SqlType::DateTimeTz,
            "`+` on TIMESTAMP WITH TIME ZONE and INTEGER",
        ),
        ("bool", SqlType::Boolean, "`+` on BOOLEAN and INTEGER"),
        ("text", SqlType::Text, "`+` on TEXT and INTEGER"),
        ("binary", SqlType::Binary, "`+` on BLOB and INTEGER"),
        ("uuid", SqlType::Uuid, "`+` on UUID and INTEGER"),
        ("json", SqlType::Json, "`+` on JSON and INTEGER"),
    ] {
        let (t, _) = table(&format!("{tag}_arith"), ty.clone());
        all.push(
            Case::new(
                "types",
                format!("{}: v + 1 is refused (no portable meaning)", ty_name(&ty)),
            )
            .typed(select([t.c("v") + 1]), vec![])
            .unsupported(SQLITE, says)
            .unsupported(PG, says)
            .unsupported(MY, says),
        );
    }
    all.push(ops(
        "binary",
        SqlType::Binary,
        "COALESCE(v, value) = value",
        Value::Bytes(vec![0u8, 7].into()),
        |c, t| {
            c.typed(
                where_v(
                    t,
                    func::coalesce([v(t), value(Value::Bytes(vec![9u8].into()))]).label("x"),
                    func::coalesce([v(t), value(Value::Bytes(vec![9u8].into()))])
                        .eq(Value::Bytes(vec![0u8, 7].into())),
                ),
                vec![vec![Value::Bytes(vec![0u8, 7].into())]],
            )
        },
    ));
    all.push(ops(
        "uuid",
        SqlType::Uuid,
        "COALESCE(v, value) = value",
        Value::Uuid(uuid),
        |c, t| {
            c.typed(
                where_v(
                    t,
                    func::coalesce([v(t), value(Value::Uuid(uuid::Uuid::nil()))]).label("x"),
                    func::coalesce([v(t), value(Value::Uuid(uuid::Uuid::nil()))])
                        .eq(Value::Uuid(uuid)),
                ),
                vec![vec![Value::Uuid(uuid)]],
            )
        },
    ));
    let doc2 = doc.clone();
    all.push(ops(
        "json",
        SqlType::Json,
        "v = value (JSON equality)",
        Value::Json(doc.clone()),
        move |c, t| {
            c.typed(
                where_v(t, v(t), v(t).eq(Value::Json(doc2.clone()))),
                vec![vec![Value::Json(doc2.clone())]],
            )
        },
    ));
    let (jt, _) = table("json_lt", SqlType::Json);
    all.push(
        Case::new("types", "Json: v < value is refused (no portable ordering)")
            .typed(
                select([jt.c("id")]).where_(jt.c("v").lt(Value::Json(doc.clone()))),
                vec![],
            )
            .unsupported(SQLITE, "`<` on JSON")
            .unsupported(PG, "`<` on JSON")
            .unsupported(MY, "`<` on JSON"),
    );
    all.push(ops(
        "enum",
        mood2,
        "COALESCE(v, value) = value, v || text",
        Value::Text("ok".into()),
        |c, t| {
            c.typed(
                where_v(
                    t,
                    func::coalesce([v(t), value("sad")]).label("x"),
                    func::coalesce([v(t), value("sad")]).eq("ok"),
                ),
                vec![vec![Value::Text("ok".into())]],
            )
            .typed(
                where_v(t, (v(t) + "!").label("x"), v(t).in_(["ok", "happy"])),
                vec![vec![Value::Text("ok!".into())]],
            )
        },
    ));

    // ---- custom types and type_coerce
    all.push(ops(
        "money",
        SqlType::Custom(money()),
        "bound through the processor, compared and summed",
        dec("12.50"),
        |c, t| {
            c.exec(insert(t).value("id", 2).value("v", dec("0.75")), 1)
                .exec(update(t).set("v", dec("1.25")).where_(t.c("id").eq(2)), 1)
                // A named parameter compared with the column is filled
                // through the processor too.
                .named(
                    select([t.c("id")]).where_(v(t).lt(bind("max"))),
                    vec![("max", dec("5.00"))],
                    one("2"),
                )
                .typed(
                    select([t.c("id"), v(t)])
                        .where_(v(t).lt(dec("20.00")) & v(t).between(dec("1.00"), dec("12.50")))
                        .order_by([t.c("id")]),
                    vec![
                        vec![Value::I32(1), dec("12.50")],
                        vec![Value::I32(2), dec("1.25")],
                    ],
                )
                .typed(
                    select([
                        func::sum(v(t)).label("s"),
                        func::max(v(t)).label("m"),
                        type_coerce(func::max(v(t)) * 2, SqlType::Custom(money())).label("d"),
                    ])
                    .where_(v(t).in_([dec("12.50"), dec("3.00")])),
                    vec![vec![dec("12.50"), dec("12.50"), dec("25.00")]],
                )
                // The stored form, read without the processor.
                .typed(
                    select([cast(v(t), SqlType::BigInteger)]).where_(t.c("id").eq(1)),
                    vec![vec![Value::I64(1250)]],
                )
        },
    ));
    all.push(
        Case::new("types", "Custom(money): a value the bind processor refuses")
            .typed(
                {
                    let (t, _) = table("money_bad", SqlType::Custom(money()));
                    select([t.c("id")]).where_(t.c("v").eq(dec("0.001")))
                },
                vec![],
            )
            .compile_error_everywhere("not a whole number of cents"),
    );
    all.push(ops(
        "jsontext",
        SqlType::Custom(json_text()),
        "stored as text, compared as its text",
        Value::Json(doc.clone()),
        {
            let doc = doc.clone();
            move |c, t| {
                c.typed(
                    select([v(t), type_coerce(v(t), SqlType::Text).label("raw")])
                        .where_(v(t).eq(Value::Json(doc.clone()))),
                    vec![vec![
                        Value::Json(doc.clone()),
                        Value::Text(doc.to_string().into()),
                    ]],
                )
            }
        },
    ));
    // type_coerce: no CAST, but the type: `+` on a coerced text is
    // concatenation, and the column reads as the coerced type.
    all.push(ops(
        "coerce",
        SqlType::Text,
        "type_coerce(v, Json), type_coerce(v, Text) + text",
        Value::Text("[1,2]".into()),
        |c, t| {
            c.typed(
                select([
                    type_coerce(v(t), SqlType::Json).label("j"),
                    (type_coerce(v(t), SqlType::Text) + "!").label("s"),
                ]),
                vec![vec![
                    Value::Json(serde_json::json!([1, 2])),
                    Value::Text("[1,2]!".into()),
                ]],
            )
        },
    ));

    // ---- named parameters bind as values given at build time
    let (nt, nmd) = table("named", SqlType::Numeric(10, 2));
    all.push(
        Case::new("types", "named decimal filled after compiling")
            .create_all(nmd.clone())
            .exec(insert(&nt).value("id", 1).value("v", dec("84.29")), 1)
            // SQLite computes decimals in REAL; MariaDB would too, with a
            // string parameter, but the placeholder written for the value
            // makes it a DECIMAL.
            .named3(
                select([(nt.c("v") + bind("off")).label("x")])
                    .where_((nt.c("v") * 2).lt(bind("max"))),
                vec![("off", dec("0.01")), ("max", dec("200.00"))],
                [one("84.30000000000001"), one("84.3"), one("84.3")],
            )
            // A decimal filled by name is a number against a computed
            // expression on SQLite too (as text, every number would order
            // before it and the row would be kept).
            .named(
                select([nt.c("id")]).where_((nt.c("v") * 2).lt(bind("max"))),
                vec![("max", dec("100.00"))],
                none(),
            )
            .drop_all(nmd),
    );
    let (dt, dmd) = table("named_date", SqlType::Date);
    all.push(
        Case::new("types", "named date filled after compiling")
            .create_all(dmd.clone())
            .exec(insert(&dt).value("id", 1).value("v", None::<i32>), 1)
            .named(
                select([func::coalesce([bind("d"), dt.c("v")]).label("d")]),
                vec![("d", Value::Date(day(2024, 2, 29)))],
                one("2024-02-29"),
            )
            .drop_all(dmd),
    );
    all
}
