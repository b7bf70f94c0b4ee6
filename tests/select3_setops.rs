//! Set operations: UNION, UNION ALL, INTERSECT, EXCEPT, ALL forms, nesting,
//! ORDER BY / LIMIT on the compound and on members.
mod common;
mod select3;

use common::*;
use select3::*;
use sqlexpr::prelude::*;
use sqlexpr_mysql::{Flavour, MySql};

#[test]
fn union_with_order_and_limit_on_the_compound() {
    let e = emp();
    let q = select([e.c("name")])
        .where_(e.c("dept").eq("eng"))
        .union(select([e.c("name")]).where_(e.c("salary").lt(75)))
        .order_by([e.c("name").desc()])
        .limit(2);
    assert_sql3(
        &q,
        r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."dept" = ? UNION SELECT "emp"."name" FROM "emp" WHERE "emp"."salary" < ? ORDER BY "name" DESC LIMIT 2"#,
        r#"SELECT "emp"."name" FROM "emp" WHERE "emp"."dept" = $1 UNION SELECT "emp"."name" FROM "emp" WHERE "emp"."salary" < $2 ORDER BY "name" DESC LIMIT 2"#,
        "SELECT `emp`.`name` FROM `emp` WHERE `emp`.`dept` = ? UNION SELECT `emp`.`name` FROM `emp` WHERE `emp`.`salary` < ? ORDER BY `name` DESC LIMIT 2",
        vec!["eng".into(), Value::I32(75)],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![text("eve")], vec![text("cid")]]
    );
}

#[test]
fn union_all_keeps_duplicates() {
    let e = emp();
    let q = select([e.c("dept")])
        .where_(e.c("id").eq(1))
        .union_all(select([e.c("dept")]).where_(e.c("id").eq(2)));
    assert_sql3(
        &q,
        r#"SELECT "emp"."dept" FROM "emp" WHERE "emp"."id" = ? UNION ALL SELECT "emp"."dept" FROM "emp" WHERE "emp"."id" = ?"#,
        r#"SELECT "emp"."dept" FROM "emp" WHERE "emp"."id" = $1 UNION ALL SELECT "emp"."dept" FROM "emp" WHERE "emp"."id" = $2"#,
        "SELECT `emp`.`dept` FROM `emp` WHERE `emp`.`id` = ? UNION ALL SELECT `emp`.`dept` FROM `emp` WHERE `emp`.`id` = ?",
        vec![Value::I32(1), Value::I32(2)],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![text("eng")], vec![text("eng")]]
    );
}

#[test]
fn intersect_and_except_per_version() {
    let e = emp();
    let d = dept();
    let q = select([d.c("name")]).except(select([e.c("dept")]));
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                r#"SELECT "dept"."name" FROM "dept" EXCEPT SELECT "emp"."dept" FROM "emp""#,
                vec![],
            ),
            (
                &postgres(),
                r#"SELECT "dept"."name" FROM "dept" EXCEPT SELECT "emp"."dept" FROM "emp""#,
                vec![],
            ),
            (
                &mariadb(),
                "SELECT `dept`.`name` FROM `dept` EXCEPT SELECT `emp`.`dept` FROM `emp`",
                vec![],
            ),
            (
                &MySql::with_version(Flavour::MySql, 8, 0, 31),
                "SELECT `dept`.`name` FROM `dept` EXCEPT SELECT `emp`.`dept` FROM `emp`",
                vec![],
            ),
        ],
    );
    assert_unsupported(&q, &mysql(), "EXCEPT");
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![text("hr")]]);

    let q = select([d.c("name")])
        .intersect(select([e.c("dept")]))
        .order_by([d.c("name")]);
    assert_sql(
        &q,
        [(
            &sqlite(),
            r#"SELECT "dept"."name" FROM "dept" INTERSECT SELECT "emp"."dept" FROM "emp" ORDER BY "name""#,
            vec![],
        )],
    );
    assert_unsupported(&q, &mysql(), "INTERSECT");
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![text("eng")], vec![text("ops")]]
    );
}

#[test]
fn all_forms_of_intersect_and_except() {
    let e = emp();
    let q = select([e.c("dept")]).except_all(select([e.c("dept")]).where_(e.c("salary").ge(90)));
    assert_sql(
        &q,
        [
            (&postgres(), r#"SELECT "emp"."dept" FROM "emp" EXCEPT ALL SELECT "emp"."dept" FROM "emp" WHERE "emp"."salary" >= $1"#, vec![Value::I32(90)]),
            (&mariadb(), "SELECT `emp`.`dept` FROM `emp` EXCEPT ALL SELECT `emp`.`dept` FROM `emp` WHERE `emp`.`salary` >= ?", vec![Value::I32(90)]),
        ],
    );
    // Without the ALL forms: EXCEPT of rows numbered within equal rows.
    let numbered = |q: char, l: &str, r: &str, op: &str| {
        let (sl, sr) = (
            format!("{q}_l{q}.{q}dept{q}"),
            format!("{q}_r{q}.{q}dept{q}"),
        );
        format!(
            "SELECT {q}_s{q}.{q}dept{q} FROM (SELECT {sl}, ROW_NUMBER() OVER (PARTITION BY {sl} ORDER BY {sl}) AS {q}_rn{q} FROM ({l}) AS {q}_l{q} \
             {op} SELECT {sr}, ROW_NUMBER() OVER (PARTITION BY {sr} ORDER BY {sr}) AS {q}_rn{q} FROM ({r}) AS {q}_r{q}) AS {q}_s{q}"
        )
    };
    assert_sql(
        &q,
        [
            (
                &sqlite(),
                &numbered(
                    '"',
                    r#"SELECT "emp"."dept" FROM "emp""#,
                    r#"SELECT "emp"."dept" FROM "emp" WHERE "emp"."salary" >= ?"#,
                    "EXCEPT",
                ),
                vec![Value::I32(90)],
            ),
            (
                &MySql::with_version(Flavour::MariaDb, 10, 4, 0),
                &numbered(
                    '`',
                    "SELECT `emp`.`dept` FROM `emp`",
                    "SELECT `emp`.`dept` FROM `emp` WHERE `emp`.`salary` >= ?",
                    "EXCEPT",
                ),
                vec![Value::I32(90)],
            ),
        ],
    );
    assert_eq!(
        sqlite_rows(&db(), &q.clone().order_by([e.c("dept")])),
        vec![vec![text("eng")], vec![text("eng")], vec![text("ops")]]
    );
    // MySQL before 8.0.31 has no EXCEPT at all to build on.
    assert_unsupported(&q, &mysql(), "EXCEPT ALL");
    let q = select([e.c("dept")]).intersect_all(select([e.c("dept")]).where_(e.c("salary").le(80)));
    assert_sql(
        &q,
        [(
            &sqlite(),
            &numbered(
                '"',
                r#"SELECT "emp"."dept" FROM "emp""#,
                r#"SELECT "emp"."dept" FROM "emp" WHERE "emp"."salary" <= ?"#,
                "INTERSECT",
            ),
            vec![Value::I32(80)],
        )],
    );
    assert_eq!(
        sqlite_rows(&db(), &q.order_by([e.c("dept")])),
        vec![vec![text("eng")], vec![text("eng")], vec![text("ops")]]
    );
}

#[test]
fn member_with_its_own_order_and_limit() {
    let e = emp();
    // The best paid of each department, in one result.
    let top = |dept: &str| {
        select([e.c("name")])
            .where_(e.c("dept").eq(dept.to_owned()))
            .order_by([e.c("salary").desc()])
            .limit(1)
    };
    let q = top("eng").union_all(top("ops"));
    assert_sql3(
        &q,
        r#"SELECT * FROM (SELECT "emp"."name" FROM "emp" WHERE "emp"."dept" = ? ORDER BY "emp"."salary" DESC LIMIT 1) AS "_set" UNION ALL SELECT * FROM (SELECT "emp"."name" FROM "emp" WHERE "emp"."dept" = ? ORDER BY "emp"."salary" DESC LIMIT 1) AS "_set""#,
        r#"(SELECT "emp"."name" FROM "emp" WHERE "emp"."dept" = $1 ORDER BY "emp"."salary" DESC LIMIT 1) UNION ALL (SELECT "emp"."name" FROM "emp" WHERE "emp"."dept" = $2 ORDER BY "emp"."salary" DESC LIMIT 1)"#,
        "(SELECT `emp`.`name` FROM `emp` WHERE `emp`.`dept` = ? ORDER BY `emp`.`salary` DESC LIMIT 1) UNION ALL (SELECT `emp`.`name` FROM `emp` WHERE `emp`.`dept` = ? ORDER BY `emp`.`salary` DESC LIMIT 1)",
        vec!["eng".into(), "ops".into()],
    );
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![text("ann")], vec![text("dan")]]
    );
}

#[test]
fn nesting_keeps_grouping() {
    let e = emp();
    let d = dept();
    let names = || select([e.c("dept")]);
    // dept EXCEPT (emp UNION emp WHERE ...): the right member is grouped.
    let q = select([d.c("name")]).except(names().union(select([raw("'ops'")])));
    assert_sql(
        &q,
        [
            (&sqlite(), r#"SELECT "dept"."name" FROM "dept" EXCEPT SELECT * FROM (SELECT "emp"."dept" FROM "emp" UNION SELECT 'ops') AS "_set""#, vec![]),
            (&postgres(), r#"SELECT "dept"."name" FROM "dept" EXCEPT (SELECT "emp"."dept" FROM "emp" UNION SELECT 'ops')"#, vec![]),
            (&mariadb(), "SELECT `dept`.`name` FROM `dept` EXCEPT (SELECT `emp`.`dept` FROM `emp` UNION SELECT 'ops')", vec![]),
        ],
    );
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![text("hr")]]);

    // (a UNION b) INTERSECT c needs grouping on the left; a INTERSECT b
    // UNION c does not.
    let q = names()
        .union(select([raw("'hr'")]))
        .intersect(select([d.c("name")]));
    assert_sql(
        &q,
        [(
            &postgres(),
            r#"(SELECT "emp"."dept" FROM "emp" UNION SELECT 'hr') INTERSECT SELECT "dept"."name" FROM "dept""#,
            vec![],
        )],
    );
    let q2 = names()
        .intersect(select([d.c("name")]))
        .union(select([raw("'x'")]));
    assert_sql(
        &q2,
        [(
            &postgres(),
            r#"SELECT "emp"."dept" FROM "emp" INTERSECT SELECT "dept"."name" FROM "dept" UNION SELECT 'x'"#,
            vec![],
        )],
    );
    let q = q.order_by([col("dept")]);
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![text("eng")], vec![text("hr")], vec![text("ops")]]
    );
}

#[test]
fn compound_as_subquery_and_from_item() {
    let e = emp();
    let d = dept();
    let u = select([e.c("dept").label("n")])
        .union(select([d.c("name")]))
        .subquery("u");
    let q = select([func::count_star()]).select_from(&u);
    assert_sql3(
        &q,
        r#"SELECT COUNT(*) FROM (SELECT "emp"."dept" AS "n" FROM "emp" UNION SELECT "dept"."name" FROM "dept") AS "u""#,
        r#"SELECT COUNT(*) FROM (SELECT "emp"."dept" AS "n" FROM "emp" UNION SELECT "dept"."name" FROM "dept") AS "u""#,
        "SELECT COUNT(*) FROM (SELECT `emp`.`dept` AS `n` FROM `emp` UNION SELECT `dept`.`name` FROM `dept`) AS `u`",
        vec![],
    );
    assert!(u.has_column("n"));
    assert_eq!(sqlite_rows(&db(), &q), vec![vec![int(3)]]);

    let q = select([e.c("name")])
        .where_(
            e.c("dept")
                .in_subquery(select([raw("'ops'")]).union(select([raw("'hr'")]))),
        )
        .order_by([e.c("id")]);
    assert_eq!(
        sqlite_rows(&db(), &q),
        vec![vec![text("cid")], vec![text("dan")]]
    );
}

/// The ROW_NUMBER() emulation for a MariaDB without the ALL forms (10.4)
/// gives, on the MariaDB server, the rows of its native EXCEPT ALL /
/// INTERSECT ALL: duplicates counted, NULLs equal.
#[test]
fn all_forms_emulated_for_old_mariadb_match_the_native_ones() {
    use mysql_async::prelude::Queryable;
    use sqlexpr_mysql::MySqlExt;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let Some(mut db) = common::servers::mysql().await else {
            return;
        };
        db.conn
            .query_drop(
                "CREATE TABLE pairs (id INT PRIMARY KEY, a INT, b INT); \
                 INSERT INTO pairs VALUES (1, 1, 1), (2, 1, 2), (3, 1, NULL), (4, NULL, NULL)",
            )
            .await
            .expect("fixture");
        let t = Table::builder("pairs")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("a", SqlType::Integer))
            .column(Column::new("b", SqlType::Integer))
            .build()
            .unwrap();
        let (a, b) = (|| select([t.c("a")]), || select([t.c("b")]));
        let old = MySql::with_version(Flavour::MariaDb, 10, 4, 0);
        for q in [
            a().except_all(b()),
            b().except_all(a()),
            a().intersect_all(b()),
            select([t.c("a"), t.c("b")]).except_all(select([t.c("b"), t.c("a")])),
        ] {
            let emulated = q.compile(&old).unwrap();
            assert!(emulated.sql.contains("ROW_NUMBER()"), "{}", emulated.sql);
            let native = q.compile(&mariadb()).unwrap();
            assert!(native.sql.contains(" ALL "), "{}", native.sql);
            let mut got = Vec::new();
            for c in [&emulated, &native] {
                let rows = db.conn.query_compiled(c).await.expect("runs");
                let mut values: Vec<Vec<Value>> = rows
                    .iter()
                    .map(|r| sqlexpr_mysql::row_values(r).unwrap())
                    .collect();
                values.sort_by_key(|r| format!("{r:?}"));
                got.push(values);
            }
            assert_eq!(got[0], got[1], "{}", emulated.sql);
            assert!(!got[0].is_empty());
        }
    });
}
