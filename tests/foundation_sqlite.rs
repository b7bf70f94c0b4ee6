//! Every expression and SELECT construct executed on in-memory SQLite, with
//! the exact rows asserted (the SQL itself is asserted in the golden tests).
mod common;
mod fixtures;

use common::*;
use fixtures::*;
use rusqlite::types::Value as V;
use rusqlite::Connection;
use sqlexpr::expr::func;
use sqlexpr::lit_null;
use sqlexpr::prelude::*;
use sqlexpr_sqlite::Sqlite;

/// The ids of the users matching `cond`, in id order.
fn user_ids(conn: &Connection, cond: Expr) -> Vec<i64> {
    let users = users();
    ids(&sqlite_rows(
        conn,
        &select([users.c("id")])
            .where_(cond)
            .order_by([users.c("id")]),
    ))
}

/// The ids of the pairs matching `cond`, in id order.
fn pair_ids(conn: &Connection, cond: Expr) -> Vec<i64> {
    let p = pairs();
    ids(&sqlite_rows(
        conn,
        &select([p.c("id")]).where_(cond).order_by([p.c("id")]),
    ))
}

/// The ids of the notes matching `cond`, in id order.
fn note_ids(conn: &Connection, cond: Expr) -> Vec<i64> {
    let n = notes();
    ids(&sqlite_rows(
        conn,
        &select([n.c("id")]).where_(cond).order_by([n.c("id")]),
    ))
}

/// The single value `e` evaluates to.
fn value(conn: &Connection, e: Expr) -> V {
    let mut rows = sqlite_rows(conn, &select([e]));
    assert_eq!(rows.len(), 1);
    rows.remove(0).remove(0)
}

#[test]
fn comparisons() {
    let conn = db();
    let age = users().c("age");
    assert_eq!(user_ids(&conn, age.clone().eq(31)), [1]);
    assert_eq!(user_ids(&conn, age.clone().ne(31)), [2, 4]);
    assert_eq!(user_ids(&conn, age.clone().lt(31)), [2]);
    assert_eq!(user_ids(&conn, age.clone().le(31)), [1, 2]);
    assert_eq!(user_ids(&conn, age.clone().gt(31)), [4]);
    assert_eq!(user_ids(&conn, age.clone().ge(31)), [1, 4]);
    assert_eq!(user_ids(&conn, age.clone().eq(None::<i32>)), [3]);
    assert_eq!(user_ids(&conn, age.ne(None::<i32>)), [1, 2, 4]);
    let email = users().c("email");
    assert_eq!(user_ids(&conn, email.clone().is_null()), [2]);
    assert_eq!(user_ids(&conn, email.is_not_null()), [1, 3, 4]);
}

#[test]
fn null_safe_comparisons() {
    let conn = db();
    let p = pairs();
    let (a, b) = (p.c("a"), p.c("b"));
    assert_eq!(pair_ids(&conn, a.clone().eq(b.clone())), [1]);
    assert_eq!(pair_ids(&conn, a.clone().ne(b.clone())), [2]);
    assert_eq!(
        pair_ids(&conn, a.clone().is_distinct_from(b.clone())),
        [2, 3]
    );
    assert_eq!(
        pair_ids(&conn, a.clone().is_not_distinct_from(b.clone())),
        [1, 4]
    );
    assert_eq!(
        pair_ids(&conn, b.clone().is_not_distinct_from(None::<i32>)),
        [3, 4]
    );
    assert_eq!(pair_ids(&conn, !a.is_distinct_from(b)), [1, 4]);
}

#[test]
fn between() {
    let conn = db();
    let age = users().c("age");
    assert_eq!(user_ids(&conn, age.clone().between(17, 31)), [1, 2]);
    assert_eq!(user_ids(&conn, age.not_between(17, 31)), [4]);
}

#[test]
fn in_lists_including_the_empty_list() {
    let conn = db();
    let b = pairs().c("b");
    assert_eq!(pair_ids(&conn, b.clone().in_([1, 2])), [1, 2]);
    // NOT IN a list: NULL is neither in nor out.
    assert_eq!(pair_ids(&conn, b.clone().not_in([1])), [2]);
    // The empty list: no row is in it, every row (NULL included) is not.
    assert_eq!(
        pair_ids(&conn, b.clone().in_(Vec::<i32>::new())),
        Vec::<i64>::new()
    );
    assert_eq!(
        pair_ids(&conn, b.clone().not_in(Vec::<i32>::new())),
        [1, 2, 3, 4]
    );
    assert_eq!(pair_ids(&conn, !b.in_(Vec::<i32>::new())), [1, 2, 3, 4]);
}

#[test]
fn in_subquery() {
    let conn = db();
    let users = users();
    let posts = posts();
    let liked = select([posts.c("user_id")]).where_(posts.c("likes").gt(1));
    assert_eq!(user_ids(&conn, users.c("id").in_subquery(liked)), [1, 4]);
    // posts.user_id holds a NULL: NOT IN is never true.
    let authors = select([posts.c("user_id")]);
    assert_eq!(
        user_ids(&conn, users.c("id").not_in_subquery(authors.clone())),
        Vec::<i64>::new()
    );
    let authors = authors.where_(posts.c("user_id").is_not_null());
    assert_eq!(user_ids(&conn, users.c("id").not_in_subquery(authors)), [3]);
}

#[test]
fn like_ilike_and_escape() {
    let conn = db();
    let users = users();
    let name = users.c("name");
    assert_eq!(user_ids(&conn, name.clone().like("%e%")), [4]);
    assert_eq!(user_ids(&conn, name.clone().not_like("a%")), [2, 3, 4]);
    assert_eq!(user_ids(&conn, name.clone().ilike("B%")), [2]);
    assert_eq!(user_ids(&conn, name.not_ilike("B%")), [1, 3, 4]);
    assert_eq!(
        user_ids(&conn, users.c("email").ilike("dee@%")),
        [4],
        "LOWER() on both sides"
    );
    let body = notes().c("body");
    assert_eq!(note_ids(&conn, body.clone().like("100!%").escape('!')), [1]);
    assert_eq!(note_ids(&conn, body.clone().like("100%")), [1, 2]);
    assert_eq!(
        note_ids(&conn, body.clone().not_like("a%b").escape('/')),
        [1, 2, 7]
    );
    assert_eq!(note_ids(&conn, body.ilike("A/_B").escape('/')), [3]);
}

#[test]
fn contains_startswith_endswith_match_literally() {
    let conn = db();
    let body = notes().c("body");
    // Unescaped, `_` matches any character:
    assert_eq!(note_ids(&conn, body.clone().like("a_b")), [3, 4, 5]);
    assert_eq!(note_ids(&conn, body.clone().contains("%")), [1, 7]);
    assert_eq!(note_ids(&conn, body.clone().contains("_")), [3, 7]);
    assert_eq!(note_ids(&conn, body.clone().contains("/")), [5, 6, 7]);
    assert_eq!(note_ids(&conn, body.clone().contains("//")), [6]);
    assert_eq!(note_ids(&conn, body.clone().contains("0%_")), [7]);
    assert_eq!(note_ids(&conn, body.clone().startswith("a_")), [3]);
    assert_eq!(note_ids(&conn, body.clone().startswith("100%")), [1]);
    assert_eq!(note_ids(&conn, body.clone().endswith("/")), [7]);
    assert_eq!(note_ids(&conn, body.clone().endswith("%")), [1]);
    assert_eq!(note_ids(&conn, body.contains("")), [1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn arithmetic_and_precedence() {
    let conn = db();
    let p = pairs();
    let (a, b, id) = (p.c("a"), p.c("b"), p.c("id"));
    let q = select([
        a.clone() + b.clone(),
        a.clone() - b.clone(),
        a.clone() * b.clone(),
        a.clone() / b.clone(),
        (a.clone() + 4) % b.clone(),
        -a.clone(),
        -sqlexpr::value(5),
        a.clone() - (b.clone() - id.clone()),
        a.clone() - b.clone() - id.clone(),
        (a.clone() + b.clone()) * id.clone(),
        a.clone() + b.clone() * id.clone(),
        -(a.clone() - b.clone()),
    ])
    .where_(id.clone().eq(2));
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![
            int(3),
            int(-1),
            int(2),
            int(0),
            int(1),
            int(-1),
            int(-5),
            int(1),
            int(-3),
            int(6),
            int(5),
            int(1)
        ]]
    );
    // NOT (a AND b); OR inside AND; AND inside OR.
    assert_eq!(pair_ids(&conn, !(a.clone().eq(1) & b.clone().eq(1))), [2]);
    assert_eq!(
        pair_ids(
            &conn,
            id.clone().gt(1) & (a.clone().eq(1) | b.clone().eq(1))
        ),
        [2, 3]
    );
    assert_eq!(
        pair_ids(
            &conn,
            (id.clone().gt(1) & a.clone().eq(1)) | b.clone().eq(1)
        ),
        [1, 2, 3]
    );
    // A comparison compared.
    assert_eq!(pair_ids(&conn, a.eq(b).eq(false)), [2]);
}

#[test]
fn concatenation() {
    let conn = db();
    let users = users();
    let q = select([users
        .c("name")
        .concat(" <")
        .concat(users.c("email"))
        .concat(">")])
    .where_(users.c("id").in_([1, 2]))
    .order_by([users.c("id")]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![text("ann <ann@example.org>")], vec![null()]]
    );
    let q = select([users.c("name").concat(users.c("age") + 1)]).where_(users.c("id").eq(1));
    assert_eq!(sqlite_rows(&conn, &q), vec![vec![text("ann32")]]);
}

#[test]
fn and_or_not() {
    let conn = db();
    let p = pairs();
    let none: [Expr; 0] = [];
    assert_eq!(pair_ids(&conn, and_(none.clone())), [1, 2, 3, 4]);
    assert_eq!(pair_ids(&conn, or_(none)), Vec::<i64>::new());
    assert_eq!(pair_ids(&conn, and_([p.c("b").eq(2)])), [2]);
    assert_eq!(
        pair_ids(
            &conn,
            and_([p.c("a").eq(1), p.c("b").is_not_null(), p.c("id").gt(1)])
        ),
        [2]
    );
    assert_eq!(
        pair_ids(
            &conn,
            or_([p.c("b").eq(2), p.c("a").is_null(), p.c("id").eq(1)])
        ),
        [1, 2, 4]
    );
    assert_eq!(pair_ids(&conn, not_(p.c("a").is_null())), [1, 2, 3]);
}

#[test]
fn functions() {
    let conn = db();
    let posts = posts();
    let likes = posts.c("likes");
    let q = select([
        func::count_star(),
        func::count(likes.clone()),
        func::count_distinct(posts.c("user_id")),
        func::sum(likes.clone()),
        func::avg(likes.clone()),
        func::min(likes.clone()),
        func::max(likes.clone()),
    ]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![
            int(5),
            int(4),
            int(3),
            int(18),
            real(4.5),
            int(0),
            int(12)
        ]]
    );
    let q = select([func::coalesce([likes.clone(), sqlexpr::value(-1)])]).order_by([posts.c("id")]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![int(5)],
            vec![int(0)],
            vec![int(-1)],
            vec![int(12)],
            vec![int(1)]
        ]
    );
    let users = users();
    let q = select([
        func::lower(users.c("name")),
        func::upper(users.c("name")),
        func::length(users.c("email")),
        func::call("instr", [users.c("name"), "o".into()]),
    ])
    .where_(users.c("id").eq(2));
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![text("bob"), text("BOB"), null(), int(2)]]
    );
    assert_eq!(
        value(&conn, func::length(sqlexpr::value("héllo"))),
        int(5),
        "characters"
    );
    assert_eq!(value(&conn, func::abs(sqlexpr::value(-3))), int(3));
    assert_eq!(value(&conn, func::round(sqlexpr::value(2.5))), real(3.0));
    assert_eq!(
        value(&conn, func::round_to(sqlexpr::value(2.0) / 3.0, 2)),
        real(0.67)
    );
    for e in [func::now(), func::current_timestamp()] {
        match value(&conn, e) {
            V::Text(s) => assert!(s.starts_with("20") && s.len() == 19, "{s}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn cast() {
    let conn = db();
    let users = users();
    let q = select([
        sqlexpr::cast(sqlexpr::value("42"), SqlType::Integer),
        sqlexpr::cast(sqlexpr::value(3.7), SqlType::BigInteger),
        sqlexpr::cast(users.c("age"), SqlType::Text),
        sqlexpr::cast(users.c("age"), SqlType::String(10)),
        users.c("age").cast(SqlType::Double),
        sqlexpr::cast(sqlexpr::value("1.50"), SqlType::Numeric(10, 2)),
        sqlexpr::cast(sqlexpr::value("ab"), SqlType::Binary),
        sqlexpr::cast(sqlexpr::value(1), SqlType::Boolean),
    ])
    .where_(users.c("id").eq(1));
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![
            int(42),
            int(3),
            text("31"),
            text("31"),
            real(31.0),
            real(1.5),
            V::Blob(b"ab".to_vec()),
            int(1)
        ]]
    );
}

#[test]
fn case_and_label() {
    let conn = db();
    let users = users();
    let age = users.c("age");
    let kind = case()
        .when(age.clone().lt(18), "minor")
        .when(age.clone().is_null(), "unknown")
        .else_("adult")
        .end()
        .label("kind");
    let code = case_on(users.c("name"))
        .when("ann", 1)
        .when("Bob", 2)
        .end()
        .label("code");
    let q = select([users.c("id"), kind, code]).order_by([users.c("id")]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![int(1), text("adult"), int(1)],
            vec![int(2), text("minor"), int(2)],
            vec![int(3), text("unknown"), null()],
            vec![int(4), text("adult"), null()],
        ]
    );
    // ORDER BY a label.
    let next = (age + 1).label("next");
    let q = select([users.c("id"), next.clone()])
        .where_(next.clone().gt(20))
        .order_by([next.desc()]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![int(4), int(46)], vec![int(1), int(32)]]
    );
}

#[test]
fn exists_scalar_subquery_and_correlation() {
    let conn = db();
    let users = users();
    let posts = posts();
    let has_posts = exists(select([posts.c("id")]).where_(posts.c("user_id").eq(users.c("id"))));
    assert_eq!(user_ids(&conn, has_posts.clone()), [1, 2, 4]);
    assert_eq!(user_ids(&conn, !has_posts), [3]);
    let n = select([func::count_star()])
        .select_from(&posts)
        .where_(posts.c("user_id").eq(users.c("id")))
        .scalar_subquery()
        .label("n");
    let q = select([users.c("id"), n]).order_by([users.c("id")]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![int(1), int(2)],
            vec![int(2), int(1)],
            vec![int(3), int(0)],
            vec![int(4), int(1)],
        ]
    );
    // Uncorrelated: older than the average (31 of 31, 17, 45).
    let avg_age = select([func::avg(users.c("age"))]).scalar_subquery();
    assert_eq!(user_ids(&conn, users.c("age").gt(avg_age)), [4]);
    let max_likes = select([func::max(posts.c("likes"))]).scalar_subquery();
    let q = select([posts.c("id")]).where_(posts.c("likes").eq(max_likes));
    assert_eq!(ids(&sqlite_rows(&conn, &q)), [13]);
}

#[test]
fn tuples() {
    let conn = db();
    let (orders, lines) = (orders(), order_lines());
    let key = tuple([lines.c("region"), lines.c("num")]);
    let q = |cond: Expr| {
        select([lines.c("id")])
            .where_(cond)
            .order_by([lines.c("id")])
    };
    assert_eq!(
        ids(&sqlite_rows(
            &conn,
            &q(key.clone().in_([tuple(["eu".into(), sqlexpr::value(1)])]))
        )),
        [1, 3]
    );
    assert_eq!(
        ids(&sqlite_rows(
            &conn,
            &q(key
                .clone()
                .not_in([tuple(["eu".into(), sqlexpr::value(1)])]))
        )),
        [2]
    );
    let bobs = select([orders.c("region"), orders.c("num")]).where_(orders.c("customer").eq("bob"));
    assert_eq!(
        ids(&sqlite_rows(&conn, &q(key.clone().in_subquery(bobs)))),
        [2]
    );
    assert_eq!(
        ids(&sqlite_rows(
            &conn,
            &q(key.eq(tuple(["us".into(), sqlexpr::value(1)])))
        )),
        [2]
    );
}

#[test]
fn order_by_nulls_native_and_emulated() {
    let conn = db();
    let users = users();
    let age = users.c("age");
    let old = Sqlite::with_version(3, 29, 0);
    let cases = [
        (age.clone().asc(), vec![3, 2, 1, 4]),
        (age.clone().desc(), vec![4, 1, 2, 3]),
        (age.clone().asc().nulls_first(), vec![3, 2, 1, 4]),
        (age.clone().asc().nulls_last(), vec![2, 1, 4, 3]),
        (age.clone().desc().nulls_first(), vec![3, 4, 1, 2]),
        (age.clone().desc().nulls_last(), vec![4, 1, 2, 3]),
    ];
    for (item, expected) in cases {
        let q = select([users.c("id")]).order_by([item.clone()]);
        assert_eq!(ids(&sqlite_rows(&conn, &q)), expected, "native {item:?}");
        assert_eq!(
            ids(&rows_with(&conn, &old, &q)),
            expected,
            "emulated {item:?}"
        );
    }
    let emulated = select([users.c("id")])
        .order_by([age.asc().nulls_last()])
        .compile(&old)
        .unwrap()
        .sql;
    assert!(emulated.ends_with(r#"ORDER BY "users"."age" IS NULL, "users"."age" ASC"#));
}

#[test]
fn select_columns_star_distinct_and_implicit_from() {
    let conn = db();
    let users = users();
    let posts = posts();
    let q = select([users.star()]).where_(users.c("id").eq(2));
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![int(2), text("Bob"), null(), int(17)]]
    );
    let q = select([posts.c("user_id")])
        .distinct()
        .where_(posts.c("user_id").is_not_null())
        .order_by([posts.c("user_id")]);
    assert_eq!(ids(&sqlite_rows(&conn, &q)), [1, 2, 4]);
    // Implicit FROM of two tables joined in WHERE.
    let q = select([users.c("name"), posts.c("title")])
        .where_(posts.c("user_id").eq(users.c("id")) & posts.c("likes").gt(4))
        .order_by([posts.c("id")]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![text("ann"), text("Hello")],
            vec![text("dee"), text("Dee's post")]
        ]
    );
    let q = select([func::count_star()]).select_from(&users);
    assert_eq!(sqlite_rows(&conn, &q), vec![vec![int(4)]]);
}

#[test]
fn joins() {
    let conn = db();
    let users = users();
    let posts = posts();
    let cols = [users.c("id"), posts.c("id")];
    let order = [
        users.c("id").asc().nulls_last(),
        posts.c("id").asc().nulls_last(),
    ];
    let base = select(cols).select_from(&users).order_by(order);
    let pairs_of = |q: &Select| -> Vec<(V, V)> {
        sqlite_rows(&conn, q)
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect()
    };
    let inner = vec![
        (int(1), int(10)),
        (int(1), int(11)),
        (int(2), int(12)),
        (int(4), int(13)),
    ];
    assert_eq!(pairs_of(&base.clone().join(&posts)), inner);
    let on = posts.c("user_id").eq(users.c("id"));
    assert_eq!(pairs_of(&base.clone().join_on(&posts, on.clone())), inner);
    let mut left = inner.clone();
    left.insert(3, (int(3), null()));
    assert_eq!(pairs_of(&base.clone().left_join(&posts)), left);
    let mut right = inner.clone();
    right.push((null(), int(14)));
    assert_eq!(
        pairs_of(&base.clone().right_join_on(&posts, on.clone())),
        right
    );
    let mut full = left.clone();
    full.push((null(), int(14)));
    assert_eq!(pairs_of(&base.clone().full_join(&posts)), full);
    let cross = select([func::count_star()])
        .select_from(&users)
        .cross_join(&posts);
    assert_eq!(sqlite_rows(&conn, &cross), vec![vec![int(20)]]);
    // Joined from the referencing side, with implicit FROM.
    let q = select([posts.c("title"), users.c("name")])
        .join(&users)
        .where_(users.c("id").eq(4));
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![text("Dee's post"), text("dee")]]
    );
}

#[test]
fn join_on_a_composite_foreign_key() {
    let conn = db();
    let (orders, lines) = (orders(), order_lines());
    let q = select([orders.c("customer"), lines.c("item")])
        .select_from(&orders)
        .join(&lines)
        .order_by([lines.c("id")]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![text("ann"), text("pen")],
            vec![text("bob"), text("ink")],
            vec![text("ann"), text("pad")],
        ]
    );
}

#[test]
fn self_join_under_aliases() {
    let conn = db();
    let emp = employees();
    let (e, m) = (emp.alias("e"), emp.alias("m"));
    let q = select([e.c("name"), m.c("name").label("manager")])
        .select_from(&e)
        .left_join_on(&m, e.c("manager_id").eq(m.c("id")))
        .order_by([e.c("id")]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![text("boss"), null()],
            vec![text("mid"), text("boss")],
            vec![text("low"), text("mid")],
        ]
    );
}

#[test]
fn subquery_in_from() {
    let conn = db();
    let users = users();
    let posts = posts();
    let counts = select([posts.c("user_id"), func::count_star().label("n")])
        .group_by([posts.c("user_id")])
        .subquery("pc");
    let q = select([users.c("name"), counts.c("n")])
        .select_from(&users)
        .join_on(&counts, counts.c("user_id").eq(users.c("id")))
        .order_by([counts.c("n").desc(), users.c("name").asc()]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![text("ann"), int(2)],
            vec![text("Bob"), int(1)],
            vec![text("dee"), int(1)]
        ]
    );
    let q = select([counts.star()])
        .select_from(&counts)
        .where_(counts.c("n").gt(1));
    assert_eq!(sqlite_rows(&conn, &q), vec![vec![int(1), int(2)]]);
}

#[test]
fn where_group_by_having_order_limit_offset() {
    let conn = db();
    let posts = posts();
    let n = func::count_star().label("n");
    let base = select([
        posts.c("user_id"),
        n.clone(),
        func::sum(posts.c("likes")).label("s"),
    ])
    .where_(posts.c("user_id").is_not_null())
    .where_(posts.c("title").ne("nothing"))
    .group_by([posts.c("user_id")]);
    let q = base
        .clone()
        .having(func::count_star().ge(1))
        .having(func::coalesce([func::sum(posts.c("likes")), sqlexpr::value(0)]).lt(100))
        .order_by([n.desc(), posts.c("user_id").desc()]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![int(1), int(2), int(5)],
            vec![int(4), int(1), int(12)],
            vec![int(2), int(1), null()],
        ]
    );
    let users = users();
    let all = select([users.c("id")]).order_by([users.c("id")]);
    assert_eq!(ids(&sqlite_rows(&conn, &all.clone().limit(2))), [1, 2]);
    assert_eq!(
        ids(&sqlite_rows(&conn, &all.clone().limit(2).offset(1))),
        [2, 3]
    );
    assert_eq!(ids(&sqlite_rows(&conn, &all.clone().offset(3))), [4]);
    assert_eq!(ids(&sqlite_rows(&conn, &all.limit(0))), Vec::<i64>::new());
}

#[test]
fn raw_fragments_and_values() {
    let conn = db();
    let users = users();
    let q = select([users.c("id"), raw_with("? || name", [">"]), lit_null()])
        .where_(raw_with("age > ? AND age < ?", [20, 40]));
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![int(1), text(">ann"), null()]]
    );
    let q = select([
        sqlexpr::value("it's"),
        sqlexpr::value(2.5),
        sqlexpr::value(Vec::<u8>::from([0u8, 1])),
        sqlexpr::value(true),
    ]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![text("it's"), real(2.5), V::Blob(vec![0, 1]), int(1)]]
    );
}

#[test]
fn nested_correlation() {
    let conn = db();
    let users = users();
    let posts = posts();
    let u2 = users.alias("u2");
    // Users nobody is older than (NULL ages compare to nothing).
    let oldest = !exists(select([u2.c("id")]).where_(u2.c("age").gt(users.c("age"))));
    assert_eq!(user_ids(&conn, oldest), [3, 4]);
    // Two levels: for each user, the number of posts for which the user has
    // some post with more likes.
    let inner = select([posts.c("id")])
        .select_from(&posts)
        .where_(posts.c("user_id").eq(users.c("id")));
    let p2 = posts.alias("p2");
    let middle = select([func::count_star()])
        .select_from(&p2)
        .where_(exists(inner.where_(posts.c("likes").gt(p2.c("likes")))));
    let q = select([users.c("id"), middle.scalar_subquery()]).order_by([users.c("id")]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![int(1), int(2)],
            vec![int(2), int(0)],
            vec![int(3), int(0)],
            vec![int(4), int(3)],
        ]
    );
}
