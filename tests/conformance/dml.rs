//! DML: INSERT (one row, many rows, client defaults, DEFAULT VALUES,
//! INSERT ... SELECT), RETURNING, upserts, UPDATE (expressions, other
//! tables, ORDER BY + LIMIT), DELETE (USING, ORDER BY + LIMIT) and bulk
//! batches; each checked by rows affected and the rows left.

use sqlexpr::expr::func::*;
use sqlexpr::prelude::*;

use super::fixture::Fx;
use super::harness::*;

pub fn cases(fx: &Fx) -> Vec<Case> {
    let t = &fx.tags;
    let e = &fx.emp;
    let p = &fx.posts;
    let u = &fx.users;
    let ev = &fx.events;
    let c = |name: &str| Case::new("dml", name);
    let uses_of = |name: &str| select([t.c("uses")]).where_(t.c("name").eq(name.to_owned()));
    let tag_count = || select([count_star()]).select_from(t);
    let salaries = || select([e.c("salary")]).order_by([e.c("id")]);
    let titles = || select([p.c("title")]).order_by([p.c("id")]);
    let post_ids = || select([p.c("id")]).order_by([p.c("id")]);
    let upsert = |name: &str, uses: i32| {
        insert(t)
            .value("name", name.to_owned())
            .value("uses", uses)
            .on_conflict(["name"])
    };
    vec![
        c("INSERT one row")
            .exec(insert(t).value("name", "go").value("uses", 7), 1)
            .rows(uses_of("go"), one("7")),
        c("INSERT with a client-side default")
            .exec(insert(t).value("name", "zig"), 1)
            .rows(uses_of("zig"), one("1")),
        c("INSERT many rows in any column order")
            .exec(
                insert(t).rows([
                    [("name", Expr::from("a")), ("uses", 3.into())],
                    [("uses", 5.into()), ("name", "b".into())],
                ]),
                2,
            )
            .rows(
                select([t.c("name"), t.c("uses")])
                    .where_(t.c("name").in_(["a", "b"]))
                    .order_by([t.c("name")]),
                rows(&[["a", "3"], ["b", "5"]]),
            ),
        c("INSERT NULL and explicit key")
            .exec(
                insert(u)
                    .value("id", 9)
                    .value("name", "nul")
                    .value("email", None::<String>),
                1,
            )
            .rows(
                select([u.c("email"), u.c("age")]).where_(u.c("id").eq(9)),
                rows(&[["NULL", "NULL"]]),
            ),
        c("INSERT ... SELECT")
            .exec(
                insert(t).from_select(
                    ["name", "uses"],
                    select([e.c("name"), e.c("salary")]).where_(e.c("dept").eq("ops")),
                ),
                2,
            )
            .rows(
                select([func_sum(t)]).where_(t.c("name").in_(["cid", "dan"])),
                one("160"),
            ),
        c("INSERT DEFAULT VALUES")
            .exec(insert(ev).default_values(), 1)
            .rows(select([ev.c("kind")]), one("new")),
        c("INSERT ... RETURNING").rows(
            insert(t)
                .value("name", "ret")
                .returning([t.c("name"), t.c("uses")]),
            rows(&[["ret", "1"]]),
        ),
        c("INSERT many rows RETURNING")
            .rows(
                insert(t)
                    .rows([[("name", Expr::from("r1"))], [("name", Expr::from("r2"))]])
                    .returning([t.c("name")]),
                rows(&[["r1"], ["r2"]]),
            )
            .sorted(),
        c("UPDATE ... RETURNING")
            .rows(
                update(e)
                    .set("salary", e.c("salary") + 5)
                    .where_(e.c("id").eq(3))
                    .returning([e.c("id"), e.c("salary")]),
                rows(&[["3", "75"]]),
            )
            .unsupported(MY, "RETURNING on UPDATE"),
        c("DELETE ... RETURNING")
            .rows(
                delete(p).where_(p.c("likes").lt(1)).returning([p.c("id")]),
                rows(&[["11"]]),
            )
            .rows(select([count_star()]).select_from(p), one("4")),
        c("INSERT ... RETURNING executed: rows affected")
            .exec(
                insert(t)
                    .rows([[("name", Expr::from("x1"))], [("name", Expr::from("x2"))]])
                    .returning([t.c("name")]),
                2,
            )
            .rows(tag_count(), one("4")),
        c("DELETE ... RETURNING executed: rows affected")
            .exec(delete(t).returning([t.c("name")]), 2)
            .rows(tag_count(), one("0")),
        c("upsert DO NOTHING on a conflict")
            .exec(upsert("rust", 1).do_nothing(), 0)
            .rows(uses_of("rust"), one("3")),
        c("upsert DO NOTHING without a conflict")
            .exec(upsert("new", 1).do_nothing(), 1)
            .rows(tag_count(), one("3")),
        c("upsert DO UPDATE with excluded (MySQL counts 2)")
            .exec3(
                upsert("rust", 1).do_update([("uses", t.c("uses") + excluded("uses"))]),
                [1, 1, 2],
            )
            .rows(uses_of("rust"), one("4")),
        c("upsert DO UPDATE inserting")
            .exec(upsert("go", 2).do_update([("uses", excluded("uses"))]), 1)
            .rows(uses_of("go"), one("2")),
        c("upsert DO UPDATE of several rows")
            .exec3(
                insert(t)
                    .rows([
                        [("name", Expr::from("rust")), ("uses", 10.into())],
                        [("name", Expr::from("sql")), ("uses", 20.into())],
                    ])
                    .on_conflict(["name"])
                    .do_update([("uses", excluded("uses"))]),
                [2, 2, 4],
            )
            .rows(
                select([t.c("uses")]).order_by([t.c("name")]),
                rows(&[["10"], ["20"]]),
            ),
        c("upsert DO UPDATE ... WHERE")
            .exec3(
                upsert("rust", 9).do_update_where(
                    [("uses", excluded("uses"))],
                    t.c("uses").lt(excluded("uses")),
                ),
                [1, 1, 0],
            )
            .rows(uses_of("rust"), one("9"))
            .unsupported(
                MY,
                "WHERE on the update of an upsert (ON DUPLICATE KEY UPDATE)",
            ),
        c("upsert DO UPDATE without a conflict target")
            .exec3(
                insert(t)
                    .value("name", "sql")
                    .value("uses", 8)
                    .on_conflict(Vec::<&str>::new())
                    .do_update([("uses", excluded("uses"))]),
                [1, 1, 2],
            )
            .rows(uses_of("sql"), one("8"))
            .unsupported(PG, "ON CONFLICT DO UPDATE without a conflict target"),
        c("upsert from SELECT")
            .exec(
                insert(t)
                    .from_select(["name", "uses"], select([e.c("dept"), raw("1")]).distinct())
                    .on_conflict(["name"])
                    .do_nothing(),
                2,
            )
            .rows(tag_count(), one("4")),
        c("UPDATE SET value and expression")
            .exec(
                update(e)
                    .set("salary", e.c("salary") + 1)
                    .set("boss_id", None::<i32>)
                    .where_(e.c("dept").eq("eng")),
                3,
            )
            .rows(
                select([sum(e.c("salary")), count(e.c("boss_id"))]),
                rows(&[["423", "2"]]),
            ),
        c("UPDATE without WHERE")
            .exec(update(e).set("salary", 1), 5)
            .rows(select([sum(e.c("salary"))]), one("5")),
        c("UPDATE matching nothing").exec(update(e).set("salary", 1).where_(e.c("id").gt(100)), 0),
        c("UPDATE to the same value (MySQL counts changed rows)").exec3(
            update(e)
                .set("salary", e.c("salary"))
                .where_(e.c("dept").eq("ops")),
            [2, 2, 0],
        ),
        c("UPDATE with a scalar subquery")
            .exec(
                update(e)
                    .set(
                        "salary",
                        select([max(fx.emp.alias("e2").c("salary"))]).scalar_subquery(),
                    )
                    .where_(e.c("id").eq(5)),
                1,
            )
            .rows(
                salaries(),
                rows(&[["100"], ["80"], ["70"], ["90"], ["100"]]),
            ),
        c("UPDATE from another table")
            .exec(
                update(p)
                    .set("title", u.c("name"))
                    .where_(p.c("user_id").eq(u.c("id")) & u.c("age").gt(40)),
                1,
            )
            .rows(
                titles(),
                rows(&[["Hello"], ["Again"], ["Bob here"], ["dee"], ["orphan"]]),
            ),
        c("UPDATE ... ORDER BY ... LIMIT")
            .exec(
                update(e)
                    .set("salary", 0)
                    .order_by([e.c("id").desc()])
                    .limit(2),
                2,
            )
            .rows(salaries(), rows(&[["100"], ["80"], ["70"], ["0"], ["0"]]))
            .unsupported(SQLITE, "UPDATE with ORDER BY / LIMIT")
            .unsupported(PG, "UPDATE with ORDER BY / LIMIT"),
        c("DELETE WHERE")
            .exec(delete(p).where_(p.c("likes").is_null()), 1)
            .rows(post_ids(), rows(&[["10"], ["11"], ["13"], ["14"]])),
        c("DELETE with IN subquery")
            .exec(
                delete(p).where_(
                    p.c("user_id")
                        .in_subquery(select([u.c("id")]).where_(u.c("name").eq("ann"))),
                ),
                2,
            )
            .rows(post_ids(), rows(&[["12"], ["13"], ["14"]])),
        c("DELETE USING another table")
            .exec(
                delete(p)
                    .using(u)
                    .where_(p.c("user_id").eq(u.c("id")) & u.c("name").eq("ann")),
                2,
            )
            .rows(post_ids(), rows(&[["12"], ["13"], ["14"]])),
        c("DELETE ... ORDER BY ... LIMIT")
            .exec(delete(p).order_by([p.c("id")]).limit(1), 1)
            .rows(post_ids(), rows(&[["11"], ["12"], ["13"], ["14"]]))
            .unsupported(SQLITE, "DELETE with ORDER BY / LIMIT")
            .unsupported(PG, "DELETE with ORDER BY / LIMIT"),
        c("DELETE all rows")
            .exec(delete(&fx.lines), 3)
            .rows(select([count_star()]).select_from(&fx.lines), one("0")),
        c("bulk insert in batches")
            .batches(
                insert(t).rows((0..10).map(|i| [("name", Expr::from(format!("bulk{i}")))])),
                5,
                10,
            )
            .rows(tag_count(), one("12")),
        c("bulk insert in batches with RETURNING")
            .batch_rows(
                insert(t)
                    .rows((0..7).map(|i| {
                        [
                            ("name", Expr::from(format!("b{i}"))),
                            ("uses", Expr::from(i)),
                        ]
                    }))
                    .returning([t.c("name")]),
                4,
                rows(&[["b0"], ["b1"], ["b2"], ["b3"], ["b4"], ["b5"], ["b6"]]),
            )
            .sorted()
            .rows(
                select([sum(t.c("uses"))]).where_(t.c("name").like("b%")),
                one("21"),
            ),
        c("INSERT then UPDATE then DELETE in one transaction")
            .exec(insert(t).value("name", "tmp"), 1)
            .exec(update(t).set("uses", 2).where_(t.c("name").eq("tmp")), 1)
            .rows(uses_of("tmp"), one("2"))
            .exec(delete(t).where_(t.c("name").eq("tmp")), 1)
            .rows(tag_count(), one("2")),
    ]
}

fn func_sum(t: &Table) -> Expr {
    sum(t.c("uses"))
}
