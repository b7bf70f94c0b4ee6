//! What the databases would refuse, or silently get wrong, is an error at
//! compile time or is emulated: the DISTINCT ON emulation ordered by an
//! output label, upsert conflict targets that are not a unique key, numbers
//! beyond what each database accepts in LIMIT / OFFSET, window frames and
//! NTILE / LAG / LEAD, and IN / ANY / ALL over a subquery with LIMIT on
//! MySQL / MariaDB. The rows on the real databases are in the conformance
//! suite (tests/conformance/query.rs and dml.rs).
mod common;

use common::*;
use sqlexpr::expr::func::{lag_by, ntile, row_number, sum};
use sqlexpr::expr::BinaryOp;
use sqlexpr::expr::FrameBound::{CurrentRow, Following, Preceding};
use sqlexpr::prelude::*;
use sqlexpr::{Error, Index, Render, Value};

fn emp() -> Table {
    Table::builder("emp")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("name", SqlType::String(20)))
        .column(Column::new("dept", SqlType::String(20)))
        .column(Column::new("salary", SqlType::Integer))
        .build()
        .unwrap()
}

#[test]
fn distinct_on_emulation_resolves_output_labels() {
    let e = emp();
    let q = select([e.c("dept").label("d"), e.c("name")])
        .distinct_on([col("d")])
        .order_by([col("d").asc(), e.c("salary").desc()])
        .limit(5);
    assert_sql(
        &q,
        [
            (
                &postgres(),
                r#"SELECT DISTINCT ON ("d") "emp"."dept" AS "d", "emp"."name" FROM "emp" ORDER BY "d" ASC, "emp"."salary" DESC LIMIT 5"#,
                vec![],
            ),
            (
                &sqlite(),
                r#"SELECT "_d"."d", "_d"."name" FROM (SELECT "emp"."dept" AS "d", "emp"."name", ROW_NUMBER() OVER (PARTITION BY "emp"."dept" ORDER BY "emp"."dept" ASC, "emp"."salary" DESC) AS "_rn", "emp"."dept" AS "_o0", "emp"."salary" AS "_o1" FROM "emp") AS "_d" WHERE "_d"."_rn" = ? ORDER BY "_d"."_o0" ASC, "_d"."_o1" DESC LIMIT 5"#,
                vec![Value::I64(1)],
            ),
            (
                &mariadb(),
                "SELECT `_d`.`d`, `_d`.`name` FROM (SELECT `emp`.`dept` AS `d`, `emp`.`name`, ROW_NUMBER() OVER (PARTITION BY `emp`.`dept` ORDER BY `emp`.`dept` ASC, `emp`.`salary` DESC) AS `_rn`, `emp`.`dept` AS `_o0`, `emp`.`salary` AS `_o1` FROM `emp`) AS `_d` WHERE `_d`.`_rn` = ? ORDER BY `_d`.`_o0` ASC, `_d`.`_o1` DESC LIMIT 5",
                vec![Value::I64(1)],
            ),
        ],
    );
    // A labelled expression given to ORDER BY is that expression.
    let q = select([e.c("dept"), (e.c("salary") + 1).label("s")])
        .distinct_on([e.c("dept")])
        .order_by([e.c("dept").asc(), (e.c("salary") + 1).label("s").desc()]);
    assert_sql(
        &q,
        [(
            &sqlite(),
            r#"SELECT "_d"."dept", "_d"."s" FROM (SELECT "emp"."dept", "emp"."salary" + ? AS "s", ROW_NUMBER() OVER (PARTITION BY "emp"."dept" ORDER BY "emp"."dept" ASC, "emp"."salary" + ? DESC) AS "_rn", "emp"."dept" AS "_o0", "emp"."salary" + ? AS "_o1" FROM "emp") AS "_d" WHERE "_d"."_rn" = ? ORDER BY "_d"."_o0" ASC, "_d"."_o1" DESC"#,
            vec![Value::I32(1), Value::I32(1), Value::I32(1), Value::I64(1)],
        )],
    );
}

#[test]
fn in_subquery_with_limit_is_a_derived_table_on_mysql_only() {
    let e = emp();
    let top = || {
        select([e.c("id")])
            .order_by([e.c("salary").desc()])
            .limit(2)
    };
    let q = select([e.c("name")]).where_(e.c("id").in_subquery(top()));
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."id" IN (SELECT "emp"."id" FROM "emp" ORDER BY "emp"."salary" DESC LIMIT 2)"#,
                vec![],
            ),
            (
                &postgres(),
                r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."id" IN (SELECT "emp"."id" FROM "emp" ORDER BY "emp"."salary" DESC LIMIT 2)"#,
                vec![],
            ),
            (
                &mariadb(),
                "SELECT `emp`.`name` FROM `emp` WHERE `emp`.`id` IN (SELECT * FROM (SELECT `emp`.`id` FROM `emp` ORDER BY `emp`.`salary` DESC LIMIT 2) AS `_in`)",
                vec![],
            ),
            (
                &mysql(),
                "SELECT `emp`.`name` FROM `emp` WHERE `emp`.`id` IN (SELECT * FROM (SELECT `emp`.`id` FROM `emp` ORDER BY `emp`.`salary` DESC LIMIT 2) AS `_in`)",
                vec![],
            ),
        ],
    );
    let q = select([e.c("name")]).where_(e.c("salary").cmp_all(BinaryOp::Gt, top().offset(1)));
    assert_sql(
        &q,
        [
            (
                &postgres(),
                r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."salary" > ALL (SELECT "emp"."id" FROM "emp" ORDER BY "emp"."salary" DESC LIMIT 2 OFFSET 1)"#,
                vec![],
            ),
            (
                &mariadb(),
                "SELECT `emp`.`name` FROM `emp` WHERE `emp`.`salary` > ALL (SELECT * FROM (SELECT `emp`.`id` FROM `emp` ORDER BY `emp`.`salary` DESC LIMIT 2 OFFSET 1) AS `_in`)",
                vec![],
            ),
        ],
    );
    // Without LIMIT, MySQL keeps the plain subquery.
    let q = select([e.c("name")]).where_(
        e.c("id")
            .not_in_subquery(select([e.c("id")]).where_(e.c("salary").gt(80))),
    );
    assert_sql(
        &q,
        [(
            &mariadb(),
            "SELECT `emp`.`name` FROM `emp` WHERE `emp`.`id` NOT IN (SELECT `emp`.`id` FROM `emp` WHERE `emp`.`salary` > ?)",
            vec![Value::I32(80)],
        )],
    );
}

#[test]
fn correlated_in_subquery_with_limit_is_unsupported_on_mysql() {
    let e = emp();
    let e2 = e.alias("e2");
    let q = select([e.c("name")]).where_(
        e.c("id").in_subquery(
            select([e2.c("id")])
                .where_(e2.c("dept").eq(e.c("dept")))
                .order_by([e2.c("salary").desc()])
                .limit(1),
        ),
    );
    assert_unsupported(
        &q,
        &mariadb(),
        "a correlated subquery with LIMIT in IN / ANY / ALL",
    );
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."id" IN (SELECT "e2"."id" FROM "emp" AS "e2" WHERE "e2"."dept" = "emp"."dept" ORDER BY "e2"."salary" DESC LIMIT 1)"#,
            vec![],
        )],
    );
}

fn members() -> Table {
    Table::builder("members")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(Column::new("email", SqlType::String(50)).unique())
        .column(Column::new("org", SqlType::Integer))
        .column(Column::new("handle", SqlType::String(20)))
        .column(Column::new("note", SqlType::String(20)))
        .index(Index::new("ux_members_org_handle", ["org", "handle"]).unique())
        .build()
        .unwrap()
}

fn all3() -> [Box<dyn Dialect>; 4] {
    [
        Box::new(sqlite()),
        Box::new(postgres()),
        Box::new(mysql()),
        Box::new(mariadb()),
    ]
}

#[test]
fn upsert_target_must_be_a_unique_key_of_the_metadata() {
    let m = members();
    let q = insert(&m)
        .value("email", "a@x")
        .value("note", "n")
        .on_conflict(["note"])
        .do_nothing();
    for d in all3() {
        assert_eq!(
            q.compile(d.as_ref()).unwrap_err(),
            Error::invalid(
                "ON CONFLICT",
                "the conflict target (note) is not the primary key, a unique constraint or a unique index of table members"
            ),
            "{}",
            d.name()
        );
    }
    // A multi-column unique index is a target in any order.
    let q = insert(&m)
        .value("org", 1)
        .value("handle", "h")
        .value("note", "n")
        .on_conflict(["handle", "org"])
        .do_update([("note", excluded("note"))]);
    assert_sql(
        &q,
        [
            (
                &postgres(),
                r#"INSERT INTO "members" ("org", "handle", "note") VALUES ($1, $2, $3) ON CONFLICT ("handle", "org") DO UPDATE SET "note" = "excluded"."note""#,
                vec![Value::I32(1), Value::from("h"), Value::from("n")],
            ),
            (
                &mariadb(),
                "INSERT INTO `members` (`org`, `handle`, `note`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `note` = VALUES(`note`)",
                vec![Value::I32(1), Value::from("h"), Value::from("n")],
            ),
        ],
    );
    // A part of a key is not a key.
    let q = insert(&m).value("org", 1).on_conflict(["org"]).do_nothing();
    assert!(matches!(
        q.compile(&sqlite()),
        Err(Error::Invalid {
            construct: "ON CONFLICT",
            ..
        })
    ));
    // No target: any conflict, unchecked.
    let q = insert(&m)
        .value("email", "a@x")
        .on_conflict(Vec::<&str>::new())
        .do_nothing();
    assert_sql(
        &q,
        [(
            &sqlite(),
            r#"INSERT INTO "members" ("email") VALUES (?) ON CONFLICT DO NOTHING"#,
            vec![Value::from("a@x")],
        )],
    );
}

#[test]
fn upsert_target_on_a_table_whose_metadata_lists_no_key_is_an_error() {
    let log = Table::builder("log")
        .column(Column::new("k", SqlType::Integer))
        .column(Column::new("v", SqlType::Integer))
        .build()
        .unwrap();
    let q = insert(&log)
        .value("k", 1)
        .value("v", 2)
        .on_conflict(["k"])
        .do_nothing();
    for d in all3() {
        let err = q.compile(d.as_ref()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid ON CONFLICT: the conflict target (k) is not a unique key of table log: its metadata lists no primary key, unique constraint or unique index",
            "{}",
            d.name()
        );
    }
}

#[test]
fn mysql_upsert_that_also_sets_another_unique_key_is_unsupported() {
    let m = members();
    // email and the (org, handle) index both could conflict.
    let q = insert(&m)
        .value("email", "a@x")
        .value("org", 1)
        .value("handle", "h")
        .on_conflict(["email"])
        .do_update([("note", excluded("note"))]);
    for d in [mysql(), mariadb()] {
        assert_unsupported(
            &q,
            &d,
            "an upsert on (email) of table members that also sets the unique key (handle, org)",
        );
    }
    assert!(q.compile(&postgres()).is_ok());
    assert!(q.compile(&sqlite()).is_ok());
    // The primary key is not set (autoincrement), the index only in part:
    // only email can conflict.
    let q = insert(&m)
        .value("email", "a@x")
        .value("org", 1)
        .on_conflict(["email"])
        .do_nothing();
    assert_sql(
        &q,
        [(
            &mariadb(),
            "INSERT INTO `members` (`email`, `org`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `email` = `email`",
            vec![Value::from("a@x"), Value::I32(1)],
        )],
    );
    // Setting the primary key as well: either could fire.
    let q = insert(&m)
        .value("id", 7)
        .value("email", "a@x")
        .on_conflict(["email"])
        .do_nothing();
    assert_unsupported(&q, &mariadb(), "also sets the unique key (id)");
}

#[track_caller]
fn assert_out_of_range(
    q: &dyn Render,
    d: &dyn Dialect,
    construct: &'static str,
    value: u64,
    max: u64,
) {
    assert_eq!(
        q.compile(d).unwrap_err(),
        Error::OutOfRange {
            construct,
            value,
            max,
            dialect: d.name().into(),
        },
        "{}",
        d.name()
    );
}

const I64: u64 = i64::MAX as u64;

#[test]
fn limit_and_offset_beyond_the_dialects_maximum_are_out_of_range() {
    let e = emp();
    let q = |limit: Option<u64>, offset: Option<u64>| {
        let mut s = select([e.c("id")]);
        if let Some(n) = limit {
            s = s.limit(n);
        }
        if let Some(n) = offset {
            s = s.offset(n);
        }
        s
    };
    assert_sql(
        &q(Some(I64), Some(I64)),
        [
            (
                &sqlite(),
                r#"SELECT "emp"."id" FROM "emp" LIMIT 9223372036854775807 OFFSET 9223372036854775807"#,
                vec![],
            ),
            (
                &postgres(),
                r#"SELECT "emp"."id" FROM "emp" LIMIT 9223372036854775807 OFFSET 9223372036854775807"#,
                vec![],
            ),
        ],
    );
    assert_sql(
        &q(Some(u64::MAX), Some(u64::MAX)),
        [(
            &mariadb(),
            "SELECT `emp`.`id` FROM `emp` LIMIT 18446744073709551615 OFFSET 18446744073709551615",
            vec![],
        )],
    );
    for d in [&sqlite() as &dyn Dialect, &postgres()] {
        assert_out_of_range(&q(Some(I64 + 1), None), d, "LIMIT", I64 + 1, I64);
        assert_out_of_range(&q(Some(1), Some(I64 + 1)), d, "OFFSET", I64 + 1, I64);
        assert_out_of_range(&q(None, Some(u64::MAX)), d, "OFFSET", u64::MAX, I64);
    }
    let err = q(Some(u64::MAX), None).compile(&postgres()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "LIMIT 18446744073709551615 is beyond the postgresql dialect's maximum of 9223372036854775807"
    );
    // Also on UPDATE ... LIMIT and compounds.
    let u = update(&e).set("salary", 1).limit(u64::MAX);
    assert!(u.compile(&mariadb()).is_ok());
    let c = select([e.c("id")])
        .union(select([e.c("id")]))
        .limit(I64 + 1);
    assert_out_of_range(&c, &sqlite(), "LIMIT", I64 + 1, I64);
}

#[test]
fn window_numbers_beyond_the_dialects_maximum_are_out_of_range() {
    let e = emp();
    let by_id = || window().order_by([e.c("id")]);
    let frame = |n: u64| select([sum(e.c("salary")).over(by_id().rows(Preceding(n), CurrentRow))]);
    let all: [&dyn Dialect; 3] = [&sqlite(), &postgres(), &mariadb()];
    for d in all {
        assert!(frame(I64).compile(d).is_ok(), "{}", d.name());
        assert_out_of_range(&frame(I64 + 1), d, "window frame offset", I64 + 1, I64);
        let following =
            select([sum(e.c("salary")).over(by_id().rows(CurrentRow, Following(u64::MAX)))]);
        assert_out_of_range(&following, d, "window frame offset", u64::MAX, I64);
    }
    let tile = |n: u64| select([ntile(n).over(by_id())]);
    let lag = |n: u64| select([lag_by(e.c("salary"), n, 0).over(by_id())]);
    let i32max = i32::MAX as u64;
    assert_sql(
        &tile(i32max),
        [(
            &postgres(),
            r#"SELECT NTILE(2147483647) OVER (ORDER BY "emp"."id") FROM "emp""#,
            vec![],
        )],
    );
    assert_out_of_range(
        &tile(i32max + 1),
        &postgres(),
        "NTILE bucket count",
        i32max + 1,
        i32max,
    );
    assert_out_of_range(
        &lag(i32max + 1),
        &postgres(),
        "LAG offset",
        i32max + 1,
        i32max,
    );
    assert!(lag(i32max).compile(&postgres()).is_ok());
    for d in [&sqlite() as &dyn Dialect, &mariadb()] {
        assert!(tile(I64).compile(d).is_ok());
        assert_out_of_range(&tile(I64 + 1), d, "NTILE bucket count", I64 + 1, I64);
    }
    assert_out_of_range(&lag(I64 + 1), &sqlite(), "LAG offset", I64 + 1, I64);
    assert_eq!(
        tile(0).compile(&sqlite()).unwrap_err(),
        Error::invalid("NTILE", "the bucket count must be at least 1")
    );
    // Other window functions are not looked at.
    assert!(select([row_number().over(by_id())])
        .compile(&postgres())
        .is_ok());
}

#[test]
fn the_new_errors_keep_error_small() {
    // Every rendering frame holds a `Result`: the type error is boxed.
    assert!(
        std::mem::size_of::<Error>() <= 64,
        "{}",
        std::mem::size_of::<Error>()
    );
    let e = Error::invalid_type("VARCHAR(0)", "sqlite", "the length must be at least 1");
    assert_eq!(
        e.clone().with_column("c").with_column("d").to_string(),
        r#"invalid column type VARCHAR(0) for the sqlite dialect (column "c"): the length must be at least 1"#
    );
    assert_eq!(
        e.to_string(),
        "invalid column type VARCHAR(0) for the sqlite dialect: the length must be at least 1"
    );
}
