//! Row locking per dialect; reusable statements with named parameters.
mod common;
mod select3;

use common::*;
use select3::*;
use sqlexpr::prelude::*;
use sqlexpr::Error;
use sqlexpr_mysql::{Flavour, MySql};
use sqlexpr_sqlite::SqliteExt;

#[test]
fn for_update_and_share() {
    let e = emp();
    let q = select([e.c("id")]).where_(e.c("id").eq(1)).for_update();
    assert_sql(
        &q,
        [
            (
                &postgres(),
                r#"SELECT "emp"."id" FROM "emp" WHERE "emp"."id" = $1 FOR UPDATE"#,
                vec![Value::I32(1)],
            ),
            (
                &mysql(),
                "SELECT `emp`.`id` FROM `emp` WHERE `emp`.`id` = ? FOR UPDATE",
                vec![Value::I32(1)],
            ),
            (
                &mariadb(),
                "SELECT `emp`.`id` FROM `emp` WHERE `emp`.`id` = ? FOR UPDATE",
                vec![Value::I32(1)],
            ),
        ],
    );
    // SQLite has no row locks; its transactions are serializable: the
    // clause is left out.
    assert_sql(
        &q,
        [(
            &sqlite(),
            r#"SELECT "emp"."id" FROM "emp" WHERE "emp"."id" = ?"#,
            vec![Value::I32(1)],
        )],
    );

    let q = select([e.c("id")]).limit(1).for_share();
    assert_sql(
        &q,
        [
            (
                &postgres(),
                r#"SELECT "emp"."id" FROM "emp" LIMIT 1 FOR SHARE"#,
                vec![],
            ),
            (
                &mysql(),
                "SELECT `emp`.`id` FROM `emp` LIMIT 1 FOR SHARE",
                vec![],
            ),
            (
                &mariadb(),
                "SELECT `emp`.`id` FROM `emp` LIMIT 1 LOCK IN SHARE MODE",
                vec![],
            ),
        ],
    );
}

#[test]
fn lock_options_per_dialect() {
    let e = emp();
    let d = dept();
    let base = || select([e.c("id"), d.c("floor")]).where_(e.c("dept").eq(d.c("name")));
    let q = base().lock(Lock::update().of([&e]).skip_locked());
    assert_sql(
        &q,
        [
            (&postgres(), r#"SELECT "emp"."id", "dept"."floor" FROM "emp", "dept" WHERE "emp"."dept" = "dept"."name" FOR UPDATE OF "emp" SKIP LOCKED"#, vec![]),
            (&mysql(), "SELECT `emp`.`id`, `dept`.`floor` FROM `emp`, `dept` WHERE `emp`.`dept` = `dept`.`name` FOR UPDATE OF `emp` SKIP LOCKED", vec![]),
        ],
    );
    assert_unsupported(&q, &mariadb(), "FOR UPDATE OF");

    let q = base().lock(Lock::no_key_update().nowait());
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"SELECT "emp"."id", "dept"."floor" FROM "emp", "dept" WHERE "emp"."dept" = "dept"."name" FOR NO KEY UPDATE NOWAIT"#,
            vec![],
        )],
    );
    assert_unsupported(&q, &mysql(), "FOR NO KEY UPDATE");
    assert_unsupported(&base().lock(Lock::key_share()), &mariadb(), "FOR KEY SHARE");

    let q = base().lock(Lock::update().skip_locked());
    assert_unsupported(&q, &mariadb(), "SKIP LOCKED");
    let maria_10_6 = MySql::with_version(Flavour::MariaDb, 10, 6, 0);
    assert_sql(
        &q,
        [(&maria_10_6, "SELECT `emp`.`id`, `dept`.`floor` FROM `emp`, `dept` WHERE `emp`.`dept` = `dept`.`name` FOR UPDATE SKIP LOCKED", vec![])],
    );
    let q = base().lock(Lock::share().nowait());
    assert_sql(
        &q,
        [(&mariadb(), "SELECT `emp`.`id`, `dept`.`floor` FROM `emp`, `dept` WHERE `emp`.`dept` = `dept`.`name` LOCK IN SHARE MODE NOWAIT", vec![])],
    );
}

#[test]
fn named_parameters_compile_once_run_many() {
    let e = emp();
    let q = select([e.c("name")])
        .where_(e.c("salary").ge(bind("min")) & e.c("salary").le(bind("min") + bind("span")))
        .order_by([e.c("id")]);
    let pg = q.compile(&postgres()).unwrap();
    assert_eq!(
        pg.sql,
        r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."salary" >= $1 AND "emp"."salary" <= $2 + $3 ORDER BY "emp"."id""#
    );
    assert_eq!(pg.param_names(), ["min", "span"]);
    assert_eq!(
        pg.params_with([("span", 10), ("min", 80)]).unwrap(),
        [Value::I32(80), Value::I32(80), Value::I32(10)]
    );

    let lite = q.compile(&sqlite()).unwrap();
    assert_eq!(
        lite.sql,
        r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."salary" >= ? AND "emp"."salary" <= ? + ? ORDER BY "emp"."id""#
    );
    assert_eq!(
        lite.params_with([("min", 80), ("span", 10)]).unwrap(),
        [Value::I32(80), Value::I32(80), Value::I32(10)]
    );
    let my = q.compile(&mysql()).unwrap();
    assert_eq!(
        my.sql,
        "SELECT `emp`.`name` FROM `emp` WHERE `emp`.`salary` >= ? AND `emp`.`salary` <= ? + ? ORDER BY `emp`.`id`"
    );

    // Missing and extra names are errors naming them.
    assert_eq!(
        lite.params_with([("min", 80)]),
        Err(Error::MissingParam {
            name: "span".into()
        })
    );
    assert_eq!(
        lite.params_with([("min", 80), ("span", 1), ("max", 3)]),
        Err(Error::UnknownParam { name: "max".into() })
    );
    assert_eq!(
        lite.params_with([("min", 80), ("min", 1), ("span", 3)]),
        Err(Error::UnknownParam { name: "min".into() })
    );

    // One compiled statement, executed with different values.
    let conn = db();
    let run = |min: i32, span: i32| -> Vec<String> {
        let c = lite.with_params([("min", min), ("span", span)]).unwrap();
        let mut out = Vec::new();
        conn.for_each_compiled(&c, &mut |r| {
            out.push(r.get(0)?);
            Ok(())
        })
        .unwrap();
        out
    };
    assert_eq!(run(80, 10), ["bob", "dan", "eve"]);
    assert_eq!(run(95, 100), ["ann"]);
    assert_eq!(run(0, 75), ["cid"]);

    // Inline rendering shows the names; a name that is not a plain word is
    // rejected.
    assert!(q
        .to_sql_inline(&postgres())
        .unwrap()
        .contains(">= :min AND"));
    let bad = select([bind("x; DROP TABLE emp")]);
    assert!(matches!(
        bad.compile(&postgres()),
        Err(Error::InvalidName { .. })
    ));
}

#[test]
fn value_is_a_bound_value() {
    let q = select([value(5).label("five")]);
    assert_sql3(
        &q,
        r#"SELECT ? AS "five""#,
        r#"SELECT CAST($1 AS INTEGER) AS "five""#,
        "SELECT ? AS `five`",
        vec![Value::I32(5)],
    );
    assert!(q.compile(&sqlite()).unwrap().named_params.is_empty());
}

/// Past 64 placeholders of named parameters the filled set is a vector: the
/// same answers (every name filled, one missing, one given twice).
#[test]
fn many_named_parameters() {
    let names: Vec<String> = (0..70).map(|i| format!("p{i}")).collect();
    let q = select([func::count_star()])
        .where_(tuple(names.iter().map(|n| bind(n.clone()))).in_([tuple((0..70).map(value))]));
    let lite = q.compile(&sqlite()).unwrap();
    assert_eq!(lite.param_names().len(), 70);
    let all: Vec<(String, i32)> = names.iter().cloned().zip(100..).collect();
    let params = lite.params_with(all.clone()).unwrap();
    assert_eq!(params.len(), 140);
    assert_eq!(params[69], Value::I32(169));
    assert_eq!(
        lite.params_with(all[..69].to_vec()),
        Err(Error::MissingParam { name: "p69".into() })
    );
    let mut twice = all.clone();
    twice.push(("p68".into(), 1));
    assert_eq!(
        lite.params_with(twice),
        Err(Error::UnknownParam { name: "p68".into() })
    );
}

#[test]
fn sqlite_leaves_plain_locks_out_and_refuses_nowait_and_skip_locked() {
    let e = emp();
    let q = select([e.c("id")]).where_(e.c("id").eq(1));
    for lock in [
        Lock::share(),
        Lock::no_key_update(),
        Lock::key_share(),
        Lock::update().of([&e]),
    ] {
        assert_sql(
            &q.clone().lock(lock),
            [(
                &sqlite(),
                r#"SELECT "emp"."id" FROM "emp" WHERE "emp"."id" = ?"#,
                vec![Value::I32(1)],
            )],
        );
    }
    assert_eq!(
        sqlite_rows(&db(), &q.clone().for_update()),
        vec![vec![int(1)]]
    );
    assert_unsupported(
        &q.clone().lock(Lock::update().nowait()),
        &sqlite(),
        "NOWAIT without row locks",
    );
    assert_unsupported(
        &q.lock(Lock::share().skip_locked()),
        &sqlite(),
        "SKIP LOCKED without row locks",
    );
}
