//! The rest of the SELECT language: subqueries (scalar, IN, EXISTS, ANY /
//! ALL, correlated, LATERAL), CTEs (several, recursive, MATERIALIZED), set
//! operations, window functions and frames, FILTER, DISTINCT ON, locking,
//! row values and named parameters.

use sqlexpr::expr::func::*;
use sqlexpr::expr::BinaryOp;
use sqlexpr::expr::FrameBound::*;
use sqlexpr::prelude::*;
use sqlexpr::stmt::Cte;

use super::fixture::Fx;
use super::harness::*;

pub fn cases(fx: &Fx) -> Vec<Case> {
    let mut out = subqueries(fx);
    out.extend(ctes(fx));
    out.extend(set_ops(fx));
    out.extend(windows(fx));
    out.extend(misc(fx));
    out
}

fn subqueries(fx: &Fx) -> Vec<Case> {
    let u = &fx.users;
    let p = &fx.posts;
    let e = &fx.emp;
    let d = &fx.dept;
    let c = |name: &str| Case::new("subquery", name);
    let e2 = e.alias("e2");
    let ops = || select([e.c("salary")]).where_(e.c("dept").eq("ops"));
    let by_id = |cond: Expr| select([e.c("name")]).where_(cond).order_by([e.c("id")]);
    let authors = || select([p.c("user_id")]).where_(p.c("likes").gt(1));
    let count = || select([count_star()]).where_(e.c("dept").eq(d.c("name")));
    let best = select([e.c("name")])
        .where_(e.c("dept").eq(d.c("name")))
        .order_by([e.c("salary").desc()])
        .limit(1)
        .subquery("best");
    vec![
        c("scalar subquery, correlated, in the select list").rows(
            select([
                u.c("name"),
                select([count_star()])
                    .where_(p.c("user_id").eq(u.c("id")))
                    .scalar_subquery(),
            ])
            .order_by([u.c("id")]),
            rows(&[["ann", "2"], ["Bob", "1"], ["cy", "0"], ["dee", "1"]]),
        ),
        c("compared with a scalar subquery").rows(
            by_id(
                e.c("salary")
                    .gt(select([avg(e2.c("salary"))]).scalar_subquery()),
            ),
            column(&["ann", "dan"]),
        ),
        c("IN subquery").rows(
            select([u.c("id")])
                .where_(u.c("id").in_subquery(authors()))
                .order_by([u.c("id")]),
            column(&["1", "4"]),
        ),
        c("NOT IN subquery").rows(
            select([u.c("id")])
                .where_(u.c("id").not_in_subquery(authors()))
                .order_by([u.c("id")]),
            column(&["2", "3"]),
        ),
        c("EXISTS, correlated").rows(
            select([u.c("id")])
                .where_(exists(
                    select([raw("1")]).where_(p.c("user_id").eq(u.c("id"))),
                ))
                .order_by([u.c("id")]),
            column(&["1", "2", "4"]),
        ),
        c("NOT EXISTS").rows(
            select([u.c("id")]).where_(!exists(
                select([raw("1")]).where_(p.c("user_id").eq(u.c("id"))),
            )),
            column(&["3"]),
        ),
        c("= ANY (IN on SQLite)").rows(
            by_id(e.c("salary").cmp_any(BinaryOp::Eq, ops())),
            column(&["cid", "dan"]),
        ),
        c("> ANY (SQLite: an aggregate over the subquery)").rows(
            by_id(e.c("salary").cmp_any(BinaryOp::Gt, ops())),
            column(&["ann", "bob", "dan", "eve"]),
        ),
        c("> ALL (SQLite: an aggregate over the subquery)").rows(
            by_id(e.c("salary").cmp_all(BinaryOp::Gt, ops())),
            column(&["ann"]),
        ),
        c("<> ALL (NOT IN on SQLite)").rows(
            by_id(e.c("salary").cmp_all(BinaryOp::Ne, ops())),
            column(&["ann", "bob", "eve"]),
        ),
        c("automatic correlation").rows(
            select([d.c("name"), count().scalar_subquery()]).order_by([d.c("name")]),
            rows(&[["eng", "3"], ["hr", "0"], ["ops", "2"]]),
        ),
        c("explicit correlate").rows(
            select([d.c("name"), count().correlate([d]).scalar_subquery()]).order_by([d.c("name")]),
            rows(&[["eng", "3"], ["hr", "0"], ["ops", "2"]]),
        ),
        c("correlate_none").rows(
            select([d.c("name"), count().correlate_none().scalar_subquery()])
                .order_by([d.c("name")]),
            rows(&[["eng", "5"], ["hr", "5"], ["ops", "5"]]),
        ),
        c("subquery in a subquery").rows(
            select([u.c("name")]).where_(
                u.c("id").in_subquery(
                    select([p.c("user_id")]).where_(
                        p.c("likes")
                            .eq(select([max(fx.posts.alias("p2").c("likes"))]).scalar_subquery()),
                    ),
                ),
            ),
            column(&["dee"]),
        ),
        c("CROSS JOIN LATERAL")
            .rows(
                select([d.c("name"), best.c("name")])
                    .select_from(d)
                    .cross_join(best.clone().lateral()),
                rows(&[["eng", "ann"], ["ops", "dan"]]),
            )
            .sorted()
            .unsupported(SQLITE, "LATERAL subquery")
            .unsupported(MY, "LATERAL subquery"),
        c("LEFT JOIN LATERAL ON TRUE")
            .rows(
                select([d.c("name"), best.c("name")])
                    .select_from(d)
                    .left_join_on(best.lateral(), Expr::Bool(true)),
                rows(&[["eng", "ann"], ["hr", "NULL"], ["ops", "dan"]]),
            )
            .sorted()
            .unsupported(SQLITE, "LATERAL subquery")
            .unsupported(MY, "LATERAL subquery"),
    ]
}

fn ctes(fx: &Fx) -> Vec<Case> {
    let e = &fx.emp;
    let d = &fx.dept;
    let c = |name: &str| Case::new("cte", name);
    let rich = || {
        select([e.c("name"), e.c("dept")])
            .where_(e.c("salary").ge(90))
            .cte("rich")
    };
    let high = select([d.c("name").label("dname")])
        .where_(d.c("floor").ge(2))
        .cte("high");
    let r = rich();
    let several = select([r.c("name")])
        .select_from(&r)
        .join_on(&high, high.c("dname").eq(r.c("dept")))
        .with(r.clone())
        .with(high);
    let chain = Cte::new("chain").columns(["id", "depth"]);
    let body = select([e.c("id"), cast(value(0), SqlType::Integer)])
        .where_(e.c("boss_id").is_null())
        .union_all(
            select([e.c("id"), chain.c("depth") + 1])
                .select_from(&chain)
                .join_on(e, e.c("boss_id").eq(chain.c("id"))),
        );
    let chain = chain.as_(body);
    let recursive = select([chain.c("id"), chain.c("depth")])
        .select_from(&chain)
        .order_by([chain.c("id")])
        .with_recursive(chain);
    let counter = Cte::new("n").columns(["x"]);
    let counter = counter.clone().as_(
        select([raw("1")]).union_all(
            select([counter.c("x") + 1])
                .select_from(&counter)
                .where_(counter.c("x").lt(5)),
        ),
    );
    let count_to_5 = select([sum(counter.c("x"))])
        .select_from(&counter)
        .with_recursive(counter);
    let m = select([e.c("id")]).cte("m").materialized();
    let materialized = select([m.c("id")])
        .select_from(&m)
        .order_by([m.c("id")])
        .limit(1)
        .with(m);
    let nm = select([e.c("id")]).cte("nm").not_materialized();
    let not_materialized = select([count_star()]).select_from(&nm).with(nm);
    let top = select([e.c("dept")])
        .where_(e.c("salary").gt(95))
        .cte("top");
    let in_sub = select([d.c("floor")]).where_(
        d.c("name")
            .in_subquery(select([top.c("dept")]).select_from(&top).with(top.clone())),
    );
    let r = rich();
    let simple = select([r.c("name")])
        .select_from(&r)
        .order_by([r.c("name")])
        .with(r.clone());
    let ops = select([e.c("name")]).where_(e.c("dept").eq("ops")).cte("o");
    let insert_cte = insert(&fx.tags).from_select(
        ["name", "uses"],
        select([ops.c("name"), raw("1")])
            .select_from(&ops)
            .with(ops.clone()),
    );
    let ann = select([fx.users.c("id")])
        .where_(fx.users.c("name").eq("ann"))
        .cte("ann");
    let p = &fx.posts;
    let delete_cte = delete(p).where_(
        p.c("user_id")
            .in_subquery(select([ann.c("id")]).select_from(&ann).with(ann.clone())),
    );
    let update_cte = update(p).set("likes", 0).where_(
        p.c("user_id")
            .in_subquery(select([ann.c("id")]).select_from(&ann).with(ann.clone())),
    );
    let delete_with = delete(p).with(ann.clone()).where_(
        p.c("user_id")
            .in_subquery(select([ann.c("id")]).select_from(&ann)),
    );
    let update_with = update(p).with(ann.clone()).set("likes", 0).where_(
        p.c("user_id")
            .in_subquery(select([ann.c("id")]).select_from(&ann)),
    );
    let insert_select_with = insert(&fx.tags).with(ops.clone()).from_select(
        ["name", "uses"],
        select([ops.c("name"), raw("1")]).select_from(&ops),
    );
    let first_op = select([ops.c("name")])
        .select_from(&ops)
        .order_by([ops.c("name")])
        .limit(1);
    let insert_values_with = insert(&fx.tags)
        .with(ops.clone())
        .value("name", first_op.scalar_subquery())
        .value("uses", 7);
    vec![
        c("WITH").rows(simple, column(&["ann", "dan"])),
        c("several CTEs in a join").rows(several, column(&["dan"])),
        c("WITH RECURSIVE with a column list (typed anchor)").rows(
            recursive,
            rows(&[["1", "0"], ["2", "1"], ["3", "1"], ["4", "2"], ["5", "2"]]),
        ),
        c("WITH RECURSIVE counter").rows(count_to_5, one("15")),
        c("MATERIALIZED (MySQL: the hint is left out)").rows(materialized, one("1")),
        c("NOT MATERIALIZED (MySQL: the hint is left out)").rows(not_materialized, one("5")),
        c("CTE inside a subquery").rows(in_sub, one("1")),
        c("CTE in a DELETE's subquery")
            .exec(delete_cte, 2)
            .rows(select([count_star()]).select_from(p), one("3")),
        c("CTE in an UPDATE's subquery (MySQL counts changed rows)")
            .exec3(update_cte, [2, 2, 1])
            .rows(select([sum(p.c("likes"))]), one("13")),
        c("WITH on DELETE (MariaDB before 12.3: unsupported)")
            .exec(delete_with, 2)
            .rows(select([count_star()]).select_from(p), one("3"))
            .unsupported(MY, "WITH clause on DELETE"),
        c("WITH on UPDATE (MariaDB before 12.3: unsupported)")
            .exec(update_with, 2)
            .rows(select([sum(p.c("likes"))]), one("13"))
            .unsupported(MY, "WITH clause on UPDATE"),
        c("WITH on INSERT ... SELECT (MySQL: before the SELECT)")
            .exec(insert_select_with, 2)
            .rows(select([count_star()]).select_from(&fx.tags), one("4")),
        c("WITH on INSERT ... VALUES (MySQL: unsupported)")
            .exec(insert_values_with, 1)
            .rows(
                select([fx.tags.c("uses")]).where_(fx.tags.c("uses").eq(7)),
                one("7"),
            )
            .unsupported(MY, "WITH clause on INSERT ... VALUES"),
        c("CTE in INSERT ... SELECT")
            .exec(insert_cte, 2)
            .rows(select([count_star()]).select_from(&fx.tags), one("4")),
    ]
}

fn set_ops(fx: &Fx) -> Vec<Case> {
    let e = &fx.emp;
    let d = &fx.dept;
    let c = |name: &str| Case::new("set operation", name);
    let names_of = || select([e.c("dept")]);
    let top = |dept: &str| {
        select([e.c("name")])
            .where_(e.c("dept").eq(dept.to_owned()))
            .order_by([e.c("salary").desc()])
            .limit(1)
    };
    let u = select([e.c("dept").label("n")])
        .union(select([d.c("name")]))
        .subquery("u");
    vec![
        c("UNION with ORDER BY and LIMIT").rows(
            select([e.c("name")])
                .where_(e.c("dept").eq("eng"))
                .union(select([e.c("name")]).where_(e.c("salary").lt(75)))
                .order_by([e.c("name").desc()])
                .limit(2),
            column(&["eve", "cid"]),
        ),
        c("UNION removes duplicates").rows(
            names_of().union(names_of()).order_by([e.c("dept")]),
            column(&["eng", "ops"]),
        ),
        c("UNION ALL keeps duplicates").rows(
            select([e.c("dept")])
                .where_(e.c("id").eq(1))
                .union_all(select([e.c("dept")]).where_(e.c("id").eq(2))),
            column(&["eng", "eng"]),
        ),
        c("UNION with OFFSET").rows(
            select([e.c("id")])
                .union(select([d.c("floor")]))
                .order_by([e.c("id")])
                .limit(2)
                .offset(3),
            column(&["4", "5"]),
        ),
        c("INTERSECT").rows(
            select([d.c("name")])
                .intersect(names_of())
                .order_by([d.c("name")]),
            column(&["eng", "ops"]),
        ),
        c("EXCEPT").rows(select([d.c("name")]).except(names_of()), column(&["hr"])),
        c("EXCEPT ALL (SQLite: ROW_NUMBER emulation)").rows(
            names_of()
                .except_all(select([e.c("dept")]).where_(e.c("salary").ge(90)))
                .order_by([e.c("dept")]),
            column(&["eng", "eng", "ops"]),
        ),
        c("INTERSECT ALL (SQLite: ROW_NUMBER emulation)").rows(
            names_of()
                .intersect_all(select([e.c("dept")]).where_(e.c("salary").le(80)))
                .order_by([e.c("dept")]),
            column(&["eng", "eng", "ops"]),
        ),
        c("members with their own ORDER BY and LIMIT")
            .rows(top("eng").union_all(top("ops")), column(&["ann", "dan"]))
            .sorted(),
        c("nested: a EXCEPT (b UNION c)").rows(
            select([d.c("name")]).except(names_of().union(select([raw("'ops'")]))),
            column(&["hr"]),
        ),
        c("nested: (a UNION b) INTERSECT c").rows(
            names_of()
                .union(select([raw("'hr'")]))
                .intersect(select([d.c("name")]))
                .order_by([col("dept")]),
            column(&["eng", "hr", "ops"]),
        ),
        c("nested: a INTERSECT b UNION c").rows(
            names_of()
                .intersect(select([d.c("name")]))
                .union(select([raw("'x'")]))
                .order_by([col("dept")]),
            column(&["eng", "ops", "x"]),
        ),
        c("compound as a derived table").rows(select([count_star()]).select_from(&u), one("3")),
        c("compound in IN").rows(
            select([e.c("name")])
                .where_(
                    e.c("dept")
                        .in_subquery(select([raw("'ops'")]).union(select([raw("'hr'")]))),
                )
                .order_by([e.c("id")]),
            column(&["cid", "dan"]),
        ),
    ]
}

fn windows(fx: &Fx) -> Vec<Case> {
    let e = &fx.emp;
    let c = |name: &str| Case::new("window", name);
    let part = || {
        window()
            .partition_by([e.c("dept")])
            .order_by([e.c("salary").desc()])
    };
    let by_id = || window().order_by([e.c("id")]);
    vec![
        c("ROW_NUMBER RANK DENSE_RANK over partitions").rows(
            select([
                e.c("name"),
                row_number().over(
                    window()
                        .partition_by([e.c("dept")])
                        .order_by([e.c("salary").desc(), e.c("id").asc()]),
                ),
                rank().over(part()),
                dense_rank().over(part()),
            ])
            .order_by([e.c("id")]),
            rows(&[
                ["ann", "1", "1", "1"],
                ["bob", "2", "2", "2"],
                ["cid", "2", "2", "2"],
                ["dan", "1", "1", "1"],
                ["eve", "3", "2", "2"],
            ]),
        ),
        c("PERCENT_RANK CUME_DIST NTILE").rows(
            select([
                percent_rank().over(by_id()),
                cume_dist().over(by_id()),
                ntile(2).over(by_id()),
            ])
            .order_by([e.c("id")])
            .limit(2),
            rows(&[["0.0", "0.2", "1"], ["0.25", "0.4", "1"]]),
        ),
        c("LAG LEAD").rows(
            select([
                lag(e.c("name")).over(by_id()),
                lead(e.c("name")).over(by_id()),
            ])
            .order_by([e.c("id")])
            .limit(2),
            rows(&[["NULL", "bob"], ["ann", "cid"]]),
        ),
        c("LAG LEAD with offset and default")
            .rows(
                select([
                    lag_by(e.c("name"), 2, "none").over(by_id()),
                    lead_by(e.c("name"), 2, "none").over(by_id()),
                ])
                .order_by([e.c("id")])
                .limit(2),
                rows(&[["none", "cid"], ["none", "dan"]]),
            )
            .unsupported(MY, "LAG / LEAD with a default value"),
        c("FIRST_VALUE LAST_VALUE over a whole frame").rows(
            select([
                first_value(e.c("name")).over(by_id()),
                last_value(e.c("name")).over(by_id().rows(UnboundedPreceding, UnboundedFollowing)),
            ])
            .order_by([e.c("id")])
            .limit(1),
            rows(&[["ann", "eve"]]),
        ),
        c("aggregate over an empty window").rows(
            select([e.c("id"), sum(e.c("salary")).over(window())])
                .order_by([e.c("id")])
                .limit(2),
            rows(&[["1", "420"], ["2", "420"]]),
        ),
        c("running total (default frame)").rows(
            select([sum(e.c("salary")).over(by_id())]).order_by([e.c("id")]),
            column(&["100", "180", "250", "340", "420"]),
        ),
        c("ROWS BETWEEN 1 PRECEDING AND CURRENT ROW").rows(
            select([
                e.c("id"),
                sum(e.c("salary")).over(by_id().rows(Preceding(1), CurrentRow)),
            ])
            .order_by([e.c("id")]),
            rows(&[
                ["1", "100"],
                ["2", "180"],
                ["3", "150"],
                ["4", "160"],
                ["5", "170"],
            ]),
        ),
        c("ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING").rows(
            select([max(e.c("salary")).over(by_id().rows(CurrentRow, Following(1)))])
                .order_by([e.c("id")]),
            column(&["100", "80", "90", "90", "80"]),
        ),
        c("RANGE BETWEEN 10 PRECEDING AND CURRENT ROW").rows(
            select([sum(e.c("salary")).over(
                window()
                    .order_by([e.c("salary")])
                    .range(Preceding(10), CurrentRow),
            )])
            .order_by([e.c("id")]),
            column(&["190", "230", "70", "250", "230"]),
        ),
        c("GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING")
            .rows(
                select([count_star().over(
                    window()
                        .order_by([e.c("salary")])
                        .groups(CurrentRow, Following(1)),
                )])
                .order_by([e.c("id")]),
                column(&["1", "3", "3", "2", "3"]),
            )
            .unsupported(MY, "GROUPS window frame"),
        c("named WINDOW and a window based on it").rows3(
            select([
                e.c("name"),
                row_number().over("w"),
                avg(e.c("salary")).over(window().base("w")),
            ])
            .window(
                "w",
                window().partition_by([e.c("dept")]).order_by([e.c("id")]),
            )
            .order_by([e.c("id")])
            .limit(3),
            // AVG of integers: a REAL on SQLite, a NUMERIC elsewhere.
            [
                rows(&[
                    ["ann", "1", "100.0"],
                    ["bob", "2", "90.0"],
                    ["cid", "1", "70.0"],
                ]),
                rows(&[["ann", "1", "100"], ["bob", "2", "90"], ["cid", "1", "70"]]),
                rows(&[["ann", "1", "100"], ["bob", "2", "90"], ["cid", "1", "70"]]),
            ],
        ),
        c("aggregate FILTER (CASE where not native)").rows(
            select([
                e.c("dept"),
                count_star().filter(e.c("salary").ge(80)),
                sum(e.c("salary")).filter(e.c("boss_id").is_not_null()),
            ])
            .group_by([e.c("dept")])
            .order_by([e.c("dept")]),
            rows(&[["eng", "3", "160"], ["ops", "1", "160"]]),
        ),
        c("FILTER inside a window call").rows(
            select([count_star().filter(e.c("dept").eq("eng")).over(window())]).limit(1),
            one("3"),
        ),
        c("window in a derived table, filtered outside").rows(
            {
                let ranked =
                    select([e.c("name"), row_number().over(part()).label("rn")]).subquery("ranked");
                select([ranked.c("name")])
                    .select_from(&ranked)
                    .where_(ranked.c("rn").eq(1))
                    .order_by([ranked.c("name")])
            },
            column(&["ann", "dan"]),
        ),
    ]
}

fn misc(fx: &Fx) -> Vec<Case> {
    let e = &fx.emp;
    let d = &fx.dept;
    let lock_base =
        || select([e.c("id"), d.c("floor")]).where_(e.c("dept").eq(d.c("name")) & e.c("id").eq(1));
    let c = |area: &'static str, name: &str| Case::new(area, name);
    let pr = &fx.pairs;
    let p2 = pr.alias("p2");
    let p2_b = || select([p2.c("b")]);
    let e2 = e.alias("e2");
    let pairs_a = || select([pr.c("a")]);
    let pairs_b = || select([pr.c("b")]);
    let twice = select([e.c("id")]).cte("twice").materialized();
    // Each occurrence of a name is its own placeholder: `$2 + $3` of two
    // parameters has no type on PostgreSQL without the cast.
    let salary_between = select([e.c("name")])
        .where_(
            e.c("salary").ge(bind("min"))
                & e.c("salary")
                    .le(cast(bind("min"), SqlType::Integer) + bind("span")),
        )
        .order_by([e.c("id")]);
    vec![
        c("distinct on", "DISTINCT ON (ROW_NUMBER emulation)").rows(
            select([e.c("dept"), e.c("name")])
                .distinct_on([e.c("dept")])
                .order_by([e.c("dept").asc(), e.c("salary").desc()]),
            rows(&[["eng", "ann"], ["ops", "dan"]]),
        ),
        c("distinct on", "DISTINCT ON two columns").rows(
            select([e.c("dept"), e.c("salary"), e.c("name")])
                .distinct_on([e.c("dept"), e.c("salary")])
                .where_(e.c("dept").eq("eng"))
                .order_by([e.c("dept").asc(), e.c("salary").asc(), e.c("id").desc()]),
            rows(&[["eng", "80", "eve"], ["eng", "100", "ann"]]),
        ),
        c(
            "locking",
            "FOR UPDATE (SQLite: left out, transactions are serializable)",
        )
        .rows(
            select([e.c("id")]).where_(e.c("id").eq(1)).for_update(),
            one("1"),
        ),
        c(
            "locking",
            "FOR SHARE (SQLite: left out, transactions are serializable)",
        )
        .rows(
            select([e.c("id")])
                .order_by([e.c("id")])
                .limit(1)
                .for_share(),
            one("1"),
        ),
        c(
            "locking",
            "FOR UPDATE OF table SKIP LOCKED (SQLite: no row locks, SKIP LOCKED cannot be kept)",
        )
        .rows(
            lock_base().lock(Lock::update().of([e]).skip_locked()),
            rows(&[["1", "1"]]),
        )
        .unsupported(SQLITE, "SKIP LOCKED without row locks")
        .unsupported(MY, "FOR UPDATE OF"),
        c(
            "locking",
            "FOR UPDATE NOWAIT (SQLite: no row locks, NOWAIT cannot be kept)",
        )
        .rows(
            lock_base().lock(Lock::update().nowait()),
            rows(&[["1", "1"]]),
        )
        .unsupported(SQLITE, "NOWAIT without row locks"),
        c(
            "locking",
            "FOR UPDATE SKIP LOCKED (SQLite: no row locks, SKIP LOCKED cannot be kept)",
        )
        .rows(
            lock_base().lock(Lock::update().skip_locked()),
            rows(&[["1", "1"]]),
        )
        .unsupported(SQLITE, "SKIP LOCKED without row locks")
        .unsupported(MY, "SKIP LOCKED"),
        c(
            "locking",
            "FOR NO KEY UPDATE NOWAIT (SQLite: no row locks, NOWAIT cannot be kept)",
        )
        .rows(
            lock_base().lock(Lock::no_key_update().nowait()),
            rows(&[["1", "1"]]),
        )
        .unsupported(SQLITE, "NOWAIT without row locks")
        .unsupported(MY, "FOR NO KEY UPDATE"),
        c("locking", "FOR KEY SHARE")
            .rows(lock_base().lock(Lock::key_share()), rows(&[["1", "1"]]))
            .unsupported(MY, "FOR KEY SHARE"),
        c(
            "locking",
            "FOR SHARE NOWAIT (SQLite: no row locks, NOWAIT cannot be kept)",
        )
        .rows(
            lock_base().lock(Lock::share().nowait()),
            rows(&[["1", "1"]]),
        )
        .unsupported(SQLITE, "NOWAIT without row locks"),
        c("row values", "(a, b) > (x, y)").rows(
            select([e.c("id")])
                .where_(tuple([e.c("salary"), e.c("id")]).gt(tuple([value(80), value(2)])))
                .order_by([e.c("id")]),
            column(&["1", "4", "5"]),
        ),
        c("row values", "(a, b) = (x, y)").rows(
            select([e.c("id")])
                .where_(tuple([e.c("dept"), e.c("salary")]).eq(tuple([value("eng"), value(80)])))
                .order_by([e.c("id")]),
            column(&["2", "5"]),
        ),
        c("row values", "tuple IN list").rows(
            select([e.c("id")])
                .where_(tuple([e.c("dept"), e.c("salary")]).in_([
                    tuple([value("eng"), value(80)]),
                    tuple([value("ops"), value(70)]),
                ]))
                .order_by([e.c("id")]),
            column(&["2", "3", "5"]),
        ),
        c("row values", "tuple IN subquery").rows(
            select([e.c("id")])
                .where_(
                    tuple([e.c("dept"), e.c("salary")]).in_subquery(
                        select([e.c("dept"), max(e.c("salary"))]).group_by([e.c("dept")]),
                    ),
                )
                .order_by([e.c("id")]),
            column(&["1", "4"]),
        ),
        c(
            "named parameters",
            "compiled once, run with two sets of values",
        )
        .named(
            salary_between.clone(),
            vec![("min", Value::I32(80)), ("span", Value::I32(10))],
            column(&["bob", "dan", "eve"]),
        )
        .named(
            salary_between,
            vec![("span", Value::I32(10)), ("min", Value::I32(90))],
            column(&["ann", "dan"]),
        ),
        c("named parameters", "named and positional mixed").named(
            select([e.c("name")])
                .where_(e.c("dept").eq(bind("dept")) & e.c("salary").gt(75))
                .order_by([e.c("id")]),
            vec![("dept", Value::from("eng"))],
            column(&["ann", "bob", "eve"]),
        ),
        // ANY / ALL with NULLs, a NULL left operand and an empty subquery:
        // PostgreSQL's three-valued answers (SQLite emulates them).
        c("subquery", "ANY / ALL over a subquery with NULLs").rows(
            select([
                pr.c("id"),
                pr.c("b").cmp_all(BinaryOp::Ge, p2_b()),
                pr.c("b").cmp_any(BinaryOp::Lt, p2_b()),
            ])
            .order_by([pr.c("id")]),
            rows(&[
                ["1", "0", "1"],
                ["2", "NULL", "NULL"],
                ["3", "NULL", "NULL"],
                ["4", "NULL", "NULL"],
            ]),
        ),
        c("subquery", "ANY / ALL without NULLs, the tested value NULL").rows(
            select([
                pr.c("id"),
                pr.c("b")
                    .cmp_all(BinaryOp::Ge, p2_b().where_(p2.c("b").is_not_null())),
                pr.c("b")
                    .cmp_any(BinaryOp::Gt, p2_b().where_(p2.c("b").is_not_null())),
            ])
            .order_by([pr.c("id")]),
            rows(&[
                ["1", "0", "0"],
                ["2", "1", "1"],
                ["3", "NULL", "NULL"],
                ["4", "NULL", "NULL"],
            ]),
        ),
        c(
            "subquery",
            "ANY / ALL over an empty subquery (ALL is TRUE, ANY FALSE, x NULL or not)",
        )
        .rows(
            select([
                pr.c("id"),
                pr.c("b")
                    .cmp_all(BinaryOp::Gt, p2_b().where_(p2.c("id").gt(100))),
                pr.c("b")
                    .cmp_any(BinaryOp::Gt, p2_b().where_(p2.c("id").gt(100))),
            ])
            .order_by([pr.c("id")]),
            rows(&[
                ["1", "1", "0"],
                ["2", "1", "0"],
                ["3", "1", "0"],
                ["4", "1", "0"],
            ]),
        ),
        c("subquery", "correlated >= ALL in WHERE").rows(
            select([e.c("name")])
                .where_(e.c("salary").cmp_all(
                    BinaryOp::Ge,
                    select([e2.c("salary")]).where_(e2.c("dept").eq(e.c("dept"))),
                ))
                .order_by([e.c("id")]),
            column(&["ann", "dan"]),
        ),
        c("subquery", "<= ANY of an unnamed column, under NOT").rows(
            select([
                pr.c("id"),
                pr.c("b").cmp_any(BinaryOp::Le, select([max(p2.c("b"))])),
            ])
            .where_(
                pr.c("id").lt(4)
                    & !pr
                        .c("b")
                        .cmp_all(BinaryOp::Gt, p2_b().where_(p2.c("b").is_not_null())),
            )
            .order_by([pr.c("id")]),
            rows(&[["1", "1"], ["2", "1"]]),
        ),
        c(
            "subquery",
            "ANY of an aggregate (SQLite: unsupported, it would run inside the subquery)",
        )
        .rows(
            select([e.c("dept")])
                .group_by([e.c("dept")])
                .having(max(e.c("salary")).cmp_any(
                    BinaryOp::Gt,
                    select([e2.c("salary")]).where_(e2.c("dept").eq("ops")),
                ))
                .order_by([e.c("dept")]),
            column(&["eng", "ops"]),
        )
        .unsupported(
            SQLITE,
            "comparison with ANY / ALL (subquery) of an aggregate",
        ),
        // INTERSECT ALL / EXCEPT ALL as multisets, NULLs equal to each other:
        // a is 1, 1, 1, NULL and b is 1, 2, NULL, NULL.
        c("set operation", "EXCEPT ALL with duplicates and NULLs")
            .rows(pairs_a().except_all(pairs_b()), column(&["1", "1"]))
            .rows(pairs_b().except_all(pairs_a()), column(&["2", "NULL"]))
            .sorted(),
        c("set operation", "INTERSECT ALL with duplicates and NULLs")
            .rows(pairs_a().intersect_all(pairs_b()), column(&["1", "NULL"]))
            .sorted(),
        c(
            "set operation",
            "INTERSECT ALL and EXCEPT ALL of two columns",
        )
        .rows(
            select([pr.c("a"), pr.c("b")]).intersect_all(select([pr.c("b"), pr.c("a")])),
            rows(&[["1", "1"], ["NULL", "NULL"]]),
        )
        .rows(
            select([pr.c("a"), pr.c("b")]).except_all(select([pr.c("b"), pr.c("a")])),
            rows(&[["1", "2"], ["1", "NULL"]]),
        )
        .sorted(),
        c("set operation", "EXCEPT ALL with ORDER BY and LIMIT").rows(
            pairs_a()
                .except_all(pairs_b())
                .order_by([pr.c("a")])
                .limit(1),
            column(&["1"]),
        ),
        c("set operation", "EXCEPT ALL inside UNION ALL")
            .rows(
                pairs_a()
                    .except_all(pairs_b())
                    .union_all(select([pr.c("id")]).where_(pr.c("id").eq(4))),
                column(&["1", "1", "4"]),
            )
            .sorted(),
        c("set operation", "INTERSECT ALL in an IN subquery").rows(
            select([pr.c("id")])
                .where_(pr.c("b").in_subquery(pairs_a().intersect_all(pairs_b())))
                .order_by([pr.c("id")]),
            column(&["1"]),
        ),
        // The MATERIALIZED hint changes no rows: a CTE read twice.
        c(
            "cte",
            "MATERIALIZED CTE read twice (MySQL: the hint is left out)",
        )
        .rows(
            select([count_star()])
                .select_from(&twice)
                .where_(
                    twice
                        .c("id")
                        .in_subquery(select([twice.c("id")]).select_from(&twice)),
                )
                .with(twice.clone()),
            one("5"),
        ),
        // No row locks on SQLite: the lock is left out inside a transaction
        // that then writes the row.
        c(
            "locking",
            "FOR UPDATE, then UPDATE of the row (SQLite: left out)",
        )
        .rows(
            select([e.c("salary")]).where_(e.c("id").eq(3)).for_update(),
            one("70"),
        )
        .exec(update(e).set("salary", 75).where_(e.c("id").eq(3)), 1)
        .rows(select([e.c("salary")]).where_(e.c("id").eq(3)), one("75")),
    ]
}

/// The DISTINCT ON emulation against PostgreSQL's native DISTINCT ON (the
/// rows expected are PostgreSQL's), IN / ANY / ALL over a subquery with
/// LIMIT (a derived table on MariaDB), and the largest LIMIT / OFFSET,
/// frame offset and NTILE / LAG argument each database accepts.
pub fn emulations_and_limits(fx: &Fx) -> Vec<Case> {
    let e = &fx.emp;
    let c = |area: &'static str, name: &str| Case::new(area, name);
    let by_id = || window().order_by([e.c("id")]);
    let ids = || select([e.c("id")]).order_by([e.c("id")]);
    let names_where = |cond: Expr| select([e.c("name")]).where_(cond).order_by([e.c("id")]);
    let top_paid = || {
        select([e.c("id")])
            .order_by([e.c("salary").desc(), e.c("id").asc()])
            .limit(2)
    };
    let boss_first = || {
        select([e.c("boss_id"), e.c("name")])
            .distinct_on([e.c("boss_id")])
            .order_by([e.c("boss_id").asc().nulls_first(), e.c("salary").desc()])
    };
    const I64: u64 = i64::MAX as u64;
    const I32: u64 = i32::MAX as u64;
    let past_i64 = "9223372036854775808 is beyond";
    vec![
        c("distinct on", "DISTINCT ON, ORDER BY an output label").rows(
            select([e.c("dept").label("d"), e.c("name")])
                .distinct_on([e.c("dept")])
                .order_by([col("d").asc(), e.c("salary").desc()]),
            rows(&[["eng", "ann"], ["ops", "dan"]]),
        ),
        c("distinct on", "DISTINCT ON an output label").rows(
            select([e.c("dept").label("d"), e.c("name")])
                .distinct_on([col("d")])
                .order_by([col("d").desc(), e.c("salary").asc(), e.c("id").asc()]),
            rows(&[["ops", "cid"], ["eng", "bob"]]),
        ),
        c(
            "distinct on",
            "DISTINCT ON, ORDER BY a label that shadows a column",
        )
        .rows(
            select([
                e.c("dept"),
                e.c("name"),
                (value(0) - e.c("salary")).label("salary"),
            ])
            .distinct_on([e.c("dept")])
            .order_by([e.c("dept").asc(), col("salary").asc()]),
            rows(&[["eng", "ann", "-100"], ["ops", "dan", "-90"]]),
        ),
        c("distinct on", "DISTINCT ON, ORDER BY an expression").rows(
            select([e.c("dept"), e.c("name")])
                .distinct_on([e.c("dept")])
                .order_by([e.c("dept").asc(), (e.c("salary") + e.c("id")).asc()]),
            rows(&[["eng", "bob"], ["ops", "cid"]]),
        ),
        c("distinct on", "DISTINCT ON, DESC on the key").rows(
            select([e.c("dept"), e.c("name")])
                .distinct_on([e.c("dept")])
                .order_by([e.c("dept").desc(), e.c("salary").asc(), e.c("id").asc()]),
            rows(&[["ops", "cid"], ["eng", "bob"]]),
        ),
        c("distinct on", "DISTINCT ON a nullable key, NULLS FIRST").rows(
            boss_first(),
            rows(&[["NULL", "ann"], ["1", "bob"], ["2", "eve"], ["3", "dan"]]),
        ),
        c("distinct on", "DISTINCT ON, DESC NULLS LAST").rows(
            select([e.c("boss_id"), e.c("name")])
                .distinct_on([e.c("boss_id")])
                .order_by([e.c("boss_id").desc().nulls_last(), e.c("salary").asc()]),
            rows(&[["3", "dan"], ["2", "eve"], ["1", "cid"], ["NULL", "ann"]]),
        ),
        c("distinct on", "DISTINCT ON with LIMIT / OFFSET").rows(
            boss_first().limit(2).offset(1),
            rows(&[["1", "bob"], ["2", "eve"]]),
        ),
        c("subquery", "IN (subquery with LIMIT)").rows(
            names_where(e.c("id").in_subquery(top_paid())),
            column(&["ann", "dan"]),
        ),
        c("subquery", "NOT IN (subquery with LIMIT / OFFSET)").rows(
            names_where(e.c("id").not_in_subquery(top_paid().offset(1))),
            column(&["ann", "cid", "eve"]),
        ),
        c("subquery", "= ANY (subquery with LIMIT)").rows(
            names_where(e.c("id").cmp_any(BinaryOp::Eq, top_paid())),
            column(&["ann", "dan"]),
        ),
        c("subquery", "> ALL (subquery with LIMIT)").rows(
            names_where(
                e.c("salary").cmp_all(
                    BinaryOp::Gt,
                    select([e.c("salary")])
                        .where_(e.c("dept").eq("ops"))
                        .order_by([e.c("salary")])
                        .limit(1),
                ),
            ),
            column(&["ann", "bob", "dan", "eve"]),
        ),
        c("subquery", "IN (set operation with LIMIT)").rows(
            names_where(
                e.c("id").in_subquery(
                    select([e.c("id")])
                        .where_(e.c("dept").eq("ops"))
                        .union(select([e.c("id")]).where_(e.c("salary").eq(100)))
                        .order_by([col("id").desc()])
                        .limit(2),
                ),
            ),
            column(&["cid", "dan"]),
        ),
        {
            let e2 = e.alias("e2");
            c("subquery", "IN (correlated subquery with LIMIT)")
                .rows(
                    names_where(
                        e.c("id").in_subquery(
                            select([e2.c("id")])
                                .where_(e2.c("dept").eq(e.c("dept")))
                                .order_by([e2.c("salary").desc()])
                                .limit(1),
                        ),
                    ),
                    column(&["ann", "dan"]),
                )
                .unsupported(MY, "a correlated subquery with LIMIT in IN / ANY / ALL")
        },
        c("limits", "LIMIT and OFFSET at 2^63 - 1")
            .rows(ids().limit(I64), column(&["1", "2", "3", "4", "5"]))
            .rows(ids().limit(1).offset(I64), none()),
        c("limits", "LIMIT and OFFSET at 2^64 - 1")
            .rows(ids().limit(u64::MAX), column(&["1", "2", "3", "4", "5"]))
            .rows(ids().offset(u64::MAX), none())
            .compile_error(SQLITE, "LIMIT 18446744073709551615 is beyond")
            .compile_error(PG, "LIMIT 18446744073709551615 is beyond"),
        c("limits", "LIMIT past 2^63 - 1")
            .rows(ids().limit(I64 + 1), column(&["1", "2", "3", "4", "5"]))
            .compile_error(SQLITE, past_i64)
            .compile_error(PG, past_i64),
        c("limits", "ROWS 2^63 - 1 PRECEDING").rows(
            select([sum(e.c("salary")).over(by_id().rows(Preceding(I64), CurrentRow))])
                .order_by([e.c("id")]),
            column(&["100", "180", "250", "340", "420"]),
        ),
        c("limits", "ROWS past 2^63 - 1 PRECEDING")
            .rows(
                select([sum(e.c("salary")).over(by_id().rows(Preceding(I64 + 1), CurrentRow))]),
                none(),
            )
            .compile_error_everywhere(past_i64),
        c("limits", "NTILE(2^31 - 1)").rows(
            select([ntile(I32).over(by_id())]).order_by([e.c("id")]),
            column(&["1", "2", "3", "4", "5"]),
        ),
        c("limits", "NTILE(2^63 - 1)")
            .rows(
                select([ntile(I64).over(by_id())]).order_by([e.c("id")]),
                column(&["1", "2", "3", "4", "5"]),
            )
            .compile_error(PG, "NTILE bucket count 9223372036854775807 is beyond"),
        c("limits", "NTILE past 2^63 - 1")
            .rows(select([ntile(I64 + 1).over(by_id())]), none())
            .compile_error_everywhere(past_i64),
        c("limits", "LAG by 2^31 - 1")
            .rows(
                select([lag_by(e.c("salary"), I32, 0).over(by_id())]).order_by([e.c("id")]),
                column(&["0", "0", "0", "0", "0"]),
            )
            .unsupported(MY, "LAG / LEAD with a default value"),
        c("limits", "LAG by 2^63 - 1")
            .rows(
                select([lag_by(e.c("salary"), I64, 0).over(by_id())]).order_by([e.c("id")]),
                column(&["0", "0", "0", "0", "0"]),
            )
            .compile_error(PG, "LAG offset 9223372036854775807 is beyond")
            .unsupported(MY, "LAG / LEAD with a default value"),
    ]
}
