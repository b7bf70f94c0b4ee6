//! SELECT: columns and labels, FROM (explicit, implicit, aliases, derived
//! tables), joins of every kind (explicit and inferred from foreign keys),
//! WHERE, GROUP BY / HAVING, ORDER BY with NULLS FIRST / LAST, LIMIT /
//! OFFSET, DISTINCT.

use sqlexpr::expr::func;
use sqlexpr::prelude::*;

use super::fixture::Fx;
use super::harness::*;

pub fn cases(fx: &Fx) -> Vec<Case> {
    let u = &fx.users;
    let p = &fx.posts;
    let e = &fx.emp;
    let d = &fx.dept;
    let c = |name: &str| Case::new("select", name);
    let join_rows = rows(&[
        ["ann", "Hello"],
        ["ann", "Again"],
        ["Bob", "Bob here"],
        ["dee", "Dee's post"],
    ]);
    let name_title = || select([u.c("name"), p.c("title")]).select_from(u);
    let on = || p.c("user_id").eq(u.c("id"));
    let full = rows(&[
        ["ann", "Again"],
        ["ann", "Hello"],
        ["Bob", "Bob here"],
        ["cy", "NULL"],
        ["dee", "Dee's post"],
        ["NULL", "orphan"],
    ]);
    let (l, r) = (fx.pairs.alias("l"), fx.pairs.alias("r"));
    let l_full_r = || {
        select([func::coalesce([l.c("id"), r.c("id")])])
            .select_from(&l)
            .full_join_on(&r, l.c("a").eq(r.c("b")))
    };
    let fj = select([l.c("id").label("lid"), r.c("id").label("rid")])
        .select_from(&l)
        .full_join_on(&r, l.c("a").eq(r.c("b")))
        .subquery("fj");
    let (ea, ma) = (e.alias("e"), e.alias("m"));
    let (ua, pa) = (u.alias("u"), p.alias("p"));
    let adults = select([u.c("id"), u.c("name")])
        .where_(u.c("age").ge(18))
        .subquery("adults");
    let counts = select([p.c("user_id"), func::count_star().label("n")])
        .group_by([p.c("user_id")])
        .subquery("pc");
    vec![
        c("columns, labels, expressions").rows(
            select([
                u.c("id"),
                u.c("name").label("who"),
                (u.c("age") * 2).label("double age"),
            ])
            .where_(u.c("id").eq(1)),
            rows(&[["1", "ann", "62"]]),
        ),
        c("table.*").rows(
            select([u.star()]).where_(u.c("id").eq(2)),
            rows(&[["2", "Bob", "NULL", "17"]]),
        ),
        c("all columns").rows(
            select(u.all_columns()).where_(u.c("id").eq(3)),
            rows(&[["3", "cy", "cy@example.org", "NULL"]]),
        ),
        c("no FROM").rows(
            Select::new().column(raw("1")).columns([raw("2")]),
            rows(&[["1", "2"]]),
        ),
        c("explicit FROM, COUNT(*)").rows(select([func::count_star()]).select_from(u), one("4")),
        c("implicit FROM of two tables").rows(
            select([u.c("name")])
                .where_(p.c("user_id").eq(u.c("id")) & p.c("likes").gt(4))
                .order_by([u.c("id")]),
            rows(&[["ann"], ["dee"]]),
        ),
        c("explicit and implicit FROM items").rows(
            select([u.c("name"), p.c("title")])
                .select_from(p)
                .where_(p.c("user_id").eq(u.c("id")) & u.c("id").eq(4)),
            rows(&[["dee", "Dee's post"]]),
        ),
        c("self-join under aliases").rows(
            select([ea.c("name"), ma.c("name").label("boss")])
                .select_from(&ea)
                .left_join_on(&ma, ea.c("boss_id").eq(ma.c("id")))
                .order_by([ea.c("id")]),
            rows(&[
                ["ann", "NULL"],
                ["bob", "ann"],
                ["cid", "ann"],
                ["dan", "cid"],
                ["eve", "bob"],
            ]),
        ),
        c("alias inferred into FROM")
            .rows(select([ea.c("name")]).where_(ea.c("id").eq(4)), one("dan")),
        c("INNER JOIN ON").rows(
            name_title().join_on(p, on()).order_by([p.c("id")]),
            join_rows.clone(),
        ),
        c("LEFT JOIN ON").rows(
            name_title()
                .left_join_on(p, on())
                .order_by([u.c("id").asc(), p.c("id").asc()]),
            rows(&[
                ["ann", "Hello"],
                ["ann", "Again"],
                ["Bob", "Bob here"],
                ["cy", "NULL"],
                ["dee", "Dee's post"],
            ]),
        ),
        c("RIGHT JOIN ON").rows(
            name_title().right_join_on(p, on()).order_by([p.c("id")]),
            rows(&[
                ["ann", "Hello"],
                ["ann", "Again"],
                ["Bob", "Bob here"],
                ["dee", "Dee's post"],
                ["NULL", "orphan"],
            ]),
        ),
        c("FULL JOIN ON (MySQL: LEFT JOIN UNION ALL the unmatched right rows)")
            .rows(name_title().full_join_on(p, on()), full.clone())
            .sorted(),
        c("CROSS JOIN").rows(
            select([func::count_star()]).select_from(u).cross_join(d),
            one("12"),
        ),
        c("JOIN ON binds values in order").rows(
            select([u.c("name"), p.c("title")])
                .select_from(u)
                .join_on(p, on() & p.c("likes").gt(3))
                .where_(u.c("age").gt(18))
                .order_by([p.c("id")]),
            rows(&[["ann", "Hello"], ["dee", "Dee's post"]]),
        ),
        c("JOIN inferred from the foreign key").rows(
            name_title().join(p).order_by([p.c("id")]),
            join_rows.clone(),
        ),
        c("LEFT JOIN inferred, referencing side first").rows(
            select([p.c("title"), u.c("name")])
                .left_join(u)
                .order_by([p.c("id")]),
            rows(&[
                ["Hello", "ann"],
                ["Again", "ann"],
                ["Bob here", "Bob"],
                ["Dee's post", "dee"],
                ["orphan", "NULL"],
            ]),
        ),
        c("RIGHT JOIN inferred under aliases").rows(
            select([ua.c("name"), pa.c("title")])
                .select_from(&ua)
                .right_join(&pa)
                .order_by([pa.c("id")]),
            rows(&[
                ["ann", "Hello"],
                ["ann", "Again"],
                ["Bob", "Bob here"],
                ["dee", "Dee's post"],
                ["NULL", "orphan"],
            ]),
        ),
        c("FULL JOIN inferred (MySQL: LEFT JOIN UNION ALL the unmatched right rows)")
            .rows(name_title().full_join(p), full)
            .sorted(),
        c("JOIN inferred from a composite foreign key").rows(
            select([fx.orders.c("customer"), fx.lines.c("item")])
                .select_from(&fx.orders)
                .join(&fx.lines)
                .order_by([fx.lines.c("id")]),
            rows(&[["ann", "pen"], ["bob", "ink"], ["ann", "pad"]]),
        ),
        c("three-way join").rows(
            select([u.c("name"), p.c("title"), ma.c("name")])
                .select_from(u)
                .join(p)
                .join_on(&ma, ma.c("id").eq(u.c("id")))
                .where_(p.c("likes").gt(4))
                .order_by([p.c("id")]),
            rows(&[["ann", "Hello", "ann"], ["dee", "Dee's post", "dan"]]),
        ),
        c("derived table joined").rows(
            select([u.c("name"), counts.c("n")])
                .select_from(u)
                .join_on(&counts, counts.c("user_id").eq(u.c("id")))
                .where_(counts.c("n").gt(1)),
            rows(&[["ann", "2"]]),
        ),
        c("derived table alone")
            .rows(
                select([adults.star()])
                    .select_from(&adults)
                    .where_(adults.c("name").ne("x"))
                    .limit(5),
                rows(&[["1", "ann"], ["4", "dee"]]),
            )
            .sorted(),
        c("derived table beside its own table").rows(
            select([u.c("name"), adults.c("id")])
                .select_from(u)
                .join_on(&adults, adults.c("id").eq(u.c("id")))
                .order_by([u.c("id")]),
            rows(&[["ann", "1"], ["dee", "4"]]),
        ),
        c("WHERE twice, GROUP BY, HAVING twice, ORDER BY, LIMIT, OFFSET").rows(
            select([p.c("user_id"), func::count_star().label("n")])
                .where_(p.c("likes").ge(0))
                .where_(p.c("user_id").is_not_null())
                .group_by([p.c("user_id")])
                .having(func::count_star().ge(1))
                .having(func::sum(p.c("likes")).lt(1000))
                .order_by([func::count_star().desc(), p.c("user_id").asc()])
                .limit(5)
                .offset(1),
            rows(&[["4", "1"]]),
        ),
        c("ORDER BY a label").rows(
            {
                let n = func::count_star().label("n");
                select([e.c("dept"), n.clone()])
                    .group_by([e.c("dept")])
                    .order_by([n.desc()])
            },
            rows(&[["eng", "3"], ["ops", "2"]]),
        ),
        c("GROUP BY a label").rows(
            {
                let len = func::length(p.c("title")).label("len");
                select([len.clone(), func::count_star()])
                    .group_by([len.clone()])
                    .order_by([len])
            },
            rows(&[["5", "2"], ["6", "1"], ["8", "1"], ["10", "1"]]),
        ),
        c("HAVING on an aggregate not selected").rows(
            select([e.c("dept")])
                .group_by([e.c("dept")])
                .having(func::max(e.c("salary")).lt(95)),
            one("ops"),
        ),
        c("GROUP BY two columns").rows(
            select([e.c("dept"), e.c("salary"), func::count_star()])
                .group_by([e.c("dept"), e.c("salary")])
                .having(func::count_star().gt(1)),
            rows(&[["eng", "80", "2"]]),
        ),
        c("ORDER BY ASC NULLS FIRST").rows(
            select([u.c("age")]).order_by([u.c("age").asc().nulls_first()]),
            rows(&[["NULL"], ["17"], ["31"], ["45"]]),
        ),
        c("ORDER BY ASC NULLS LAST").rows(
            select([u.c("age")]).order_by([u.c("age").asc().nulls_last()]),
            rows(&[["17"], ["31"], ["45"], ["NULL"]]),
        ),
        c("ORDER BY DESC NULLS FIRST").rows(
            select([u.c("age")]).order_by([u.c("age").desc().nulls_first()]),
            rows(&[["NULL"], ["45"], ["31"], ["17"]]),
        ),
        c("ORDER BY DESC NULLS LAST").rows(
            select([u.c("age")]).order_by([u.c("age").desc().nulls_last()]),
            rows(&[["45"], ["31"], ["17"], ["NULL"]]),
        ),
        c("ORDER BY an expression, two keys").rows(
            select([e.c("name")]).order_by([(e.c("salary") % 20).asc(), e.c("id").desc()]),
            rows(&[["eve"], ["bob"], ["ann"], ["dan"], ["cid"]]),
        ),
        c("LIMIT").rows(
            select([u.c("id")]).order_by([u.c("id")]).limit(2),
            rows(&[["1"], ["2"]]),
        ),
        c("OFFSET alone").rows(
            select([u.c("id")]).order_by([u.c("id")]).offset(2),
            rows(&[["3"], ["4"]]),
        ),
        c("LIMIT and OFFSET").rows(
            select([u.c("id")]).order_by([u.c("id")]).limit(1).offset(2),
            one("3"),
        ),
        c("LIMIT 0").rows(select([u.c("id")]).limit(0), none()),
        c("DISTINCT").rows(
            select([e.c("dept")]).distinct().order_by([e.c("dept")]),
            rows(&[["eng"], ["ops"]]),
        ),
        c("DISTINCT over two columns")
            .rows(
                select([e.c("dept"), e.c("salary")])
                    .distinct()
                    .where_(e.c("dept").eq("eng")),
                rows(&[["eng", "100"], ["eng", "80"]]),
            )
            .sorted(),
        c("DISTINCT with GROUP BY and LIMIT").rows(
            select([func::count_star()])
                .distinct()
                .select_from(e)
                .group_by([e.c("salary")])
                .order_by([func::count_star()])
                .limit(5),
            rows(&[["1"], ["2"]]),
        ),
        // FULL JOIN with NULL keys and duplicates on both sides (MySQL:
        // LEFT JOIN UNION ALL the right rows no left row matches).
        c("FULL JOIN with NULL keys and duplicates")
            .rows(
                select([l.c("id"), r.c("id")])
                    .select_from(&l)
                    .full_join_on(&r, l.c("a").eq(r.c("b"))),
                rows(&[
                    ["1", "1"],
                    ["2", "1"],
                    ["3", "1"],
                    ["4", "NULL"],
                    ["NULL", "2"],
                    ["NULL", "3"],
                    ["NULL", "4"],
                ]),
            )
            .rows(
                select([l.c("id"), r.c("id")])
                    .select_from(&l)
                    .full_join_on(&r, l.c("a").eq(r.c("a"))),
                rows(&[
                    ["1", "1"],
                    ["1", "2"],
                    ["1", "3"],
                    ["2", "1"],
                    ["2", "2"],
                    ["2", "3"],
                    ["3", "1"],
                    ["3", "2"],
                    ["3", "3"],
                    ["4", "NULL"],
                    ["NULL", "4"],
                ]),
            )
            .sorted(),
        c("FULL JOIN with WHERE on either side").rows(
            select([l.c("id"), r.c("id")])
                .select_from(&l)
                .full_join_on(&r, l.c("a").eq(r.c("b")) & r.c("id").gt(0))
                .where_(l.c("id").is_null() | r.c("id").is_null() | l.c("id").eq(2)),
            rows(&[["2", "1"], ["4", "NULL"], ["NULL", "2"], ["NULL", "3"], ["NULL", "4"]]),
        )
        .sorted(),
        c("FULL JOIN in a derived table, aggregated outside").rows(
            select([func::count_star(), func::count(fj.c("lid")), func::count(fj.c("rid"))])
                .select_from(&fj),
            rows(&[["7", "4", "6"]]),
        ),
        c("FULL JOIN in an IN subquery and a UNION").rows(
            select([d.c("floor")])
                .where_(d.c("floor").in_subquery(l_full_r()))
                .union(select([raw("9")]).select_from(&fj))
                .order_by([d.c("floor")]),
            column(&["1", "2", "3", "9"]),
        ),
        c("FULL JOIN with ORDER BY (MySQL: unsupported, wrap it in a derived table)")
            .rows(
                select([l.c("id").label("lid"), r.c("id").label("rid")])
                    .select_from(&l)
                    .full_join_on(&r, l.c("a").eq(r.c("b")))
                    .where_(l.c("id").is_null())
                    .order_by([r.c("id")]),
                rows(&[["NULL", "2"], ["NULL", "3"], ["NULL", "4"]]),
            )
            .unsupported(MY, "FULL OUTER JOIN (emulated as LEFT JOIN UNION ALL the unmatched right rows) cannot take ORDER BY"),
    ]
}
