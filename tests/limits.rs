//! Limits: trees nested 100,000 deep are rejected by the renderer with
//! `Error::TooDeep` (also on the compile paths that copy the tree first) and
//! cloned, compared, debug-printed and dropped without overflowing the
//! stack; long is not deep: chains of one operator or set operation are
//! written flat, run on every engine, and past a server's limit are refused
//! with `Error::Unsupported`; an IN list of exactly the parameter limit runs
//! on every engine, one more is `Error::TooManyParams`, and a bulk INSERT past
//! it runs split into batches; an IN list of 100,000 values compiles (or is
//! rejected at the parameter limit); a 10 MB string binds and round-trips on
//! every engine.
//!
//! Tests run on the normal test thread (2 MB stack by default) or on a
//! thread spawned with a 2 MiB stack.

mod engines;

use engines::{engines, Val};
use sqlexpr::prelude::*;
use sqlexpr::{case, func, not_, window, Compiled, Dialect, Error, Expr};
use sqlexpr_mysql::MySql;
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::Sqlite;

const DEEP: usize = 100_000;

fn dialects() -> [Box<dyn Dialect>; 4] {
    [
        Box::new(Sqlite::new()),
        Box::new(Postgres::new()),
        Box::new(MySql::new()),
        Box::new(MySql::mariadb()),
    ]
}

fn a() -> Expr {
    col("a")
}

/// Builds a tree `DEEP` levels deep by applying `wrap` to a leaf.
fn deep(mut wrap: impl FnMut(Expr, usize) -> Expr) -> Expr {
    let mut e = a();
    for i in 0..DEEP {
        e = wrap(e, i);
    }
    e
}

fn shapes() -> Vec<(&'static str, Expr)> {
    vec![
        // A chain of one operator is long, not deep (see below); alternating
        // operators nest.
        (
            "(a + a) * a + ...",
            deep(|e, i| if i % 2 == 0 { e + a() } else { e * a() }),
        ),
        ("a + (a + (...))", deep(|e, _| a() + e)),
        ("NOT NOT ...", deep(|e, _| not_(e))),
        ("unary minus", deep(|e, _| -e)),
        (
            "AND / OR alternating",
            deep(|e, i| {
                if i % 2 == 0 {
                    and_([e, a().eq(1)])
                } else {
                    or_([e, a().eq(2)])
                }
            }),
        ),
        ("function calls", deep(|e, _| func::coalesce([e, a()]))),
        ("named function calls", deep(|e, _| func::call("f", [e]))),
        (
            "CASE",
            deep(|e, _| case().when(a().eq(1), e).else_(a()).end()),
        ),
        (
            "scalar subqueries",
            deep(|e, _| select([e]).scalar_subquery()),
        ),
        (
            "subqueries in WHERE",
            deep(|e, _| select([a()]).where_(e.eq(1)).scalar_subquery()),
        ),
        ("IN subqueries", deep(|e, _| a().in_subquery(select([e])))),
        (
            "EXISTS",
            deep(|e, _| sqlexpr::exists(select([a()]).where_(e))),
        ),
        ("IN lists", deep(|e, _| a().in_([e, a()]))),
        ("BETWEEN", deep(|e, _| e.between(a(), a()))),
        ("LIKE", deep(|e, _| a().like(e))),
        ("CAST", deep(|e, _| e.cast(SqlType::BigInteger))),
        ("labels", deep(|e, _| e.label("x"))),
        ("tuples", deep(|e, _| sqlexpr::tuple([e]))),
        ("IS NULL", deep(|e, _| e.is_null())),
        (
            "windows partitioned by windows",
            deep(|e, _| func::row_number().over(window().partition_by([e]))),
        ),
        (
            "windows ordered by windows",
            deep(|e, _| func::row_number().over(window().order_by([e.asc()]))),
        ),
        (
            "subqueries in named windows",
            deep(|e, _| {
                select([func::row_number().over("w")])
                    .window("w", window().partition_by([e]))
                    .scalar_subquery()
            }),
        ),
    ]
}

#[test]
fn deep_trees_are_too_deep_and_drop_without_overflow() {
    for (shape, e) in shapes() {
        let stmt = select([e]);
        for d in dialects() {
            match stmt.compile(&*d) {
                Err(Error::TooDeep { limit }) => assert_eq!(limit, d.max_depth()),
                other => panic!("{shape} on {}: expected TooDeep, got {other:?}", d.name()),
            }
            match stmt.to_sql_inline(&*d) {
                Err(Error::TooDeep { .. }) => {}
                other => panic!(
                    "{shape} inline on {}: expected TooDeep, got {other:?}",
                    d.name()
                ),
            }
        }
        // Display goes through the same renderer.
        assert!(stmt.to_string().contains("nested deeper"), "{shape}");
        drop(stmt);
    }
}

/// A left-deep chain of 100,000 `+` is written flat: every dialect's server
/// limits how long a chain it parses, so each refuses it (naming the
/// dialect), never with TooDeep nor an overflow; the generic dialect writes it.
#[test]
fn a_sum_of_100_000_terms_is_past_every_server_limit() {
    let stmt = select([deep(|e, _| e + a())]);
    for d in dialects() {
        match stmt.compile(&*d) {
            Err(Error::Unsupported { dialect, feature }) => {
                assert_eq!(dialect, d.name());
                assert!(feature.contains("100000 `+`"), "{feature}");
            }
            other => panic!("{}: {other:?}", d.name()),
        }
    }
    let sql = stmt.to_string();
    assert!(sql.starts_with(r#"SELECT "a" + "a" + "a""#));
    assert_eq!(sql.matches('+').count(), DEEP);
}

/// Derived tables nest through `Select` itself, not through `Expr`.
#[test]
fn deep_derived_tables_drop_without_overflow() {
    let mut q = select([a()]);
    for i in 0..DEEP {
        q = select([a()]).select_from(q.subquery(if i % 2 == 0 { "s" } else { "t" }));
    }
    for d in dialects() {
        assert!(matches!(q.compile(&*d), Err(Error::TooDeep { .. })));
    }
    drop(q);
}

/// A query nested in the `correlate` list of another (never rendered, but
/// owned by the tree) is dropped without overflow too.
#[test]
fn deep_correlate_lists_drop_without_overflow() {
    let mut q = select([a()]);
    for _ in 0..DEEP {
        q = select([a()]).correlate([q.subquery("s")]);
    }
    drop(q);
}

/// Just under the limit still renders on a 2 MB stack.
#[test]
fn nesting_just_under_the_limit_renders() {
    for d in dialects() {
        let levels = d.max_depth() - sqlexpr::render::QUERY_DEPTH - 1;
        let mut e = a();
        for i in 0..levels {
            // One level each: the statement and its select list take the rest.
            e = match i % 4 {
                0 => func::coalesce([e, a()]),
                1 => e + a(),
                2 => case().when(a(), e).end(),
                // Not NOT: a boolean plus a column is refused.
                _ => -e,
            };
        }
        let c = select([e])
            .compile(&*d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.name()));
        assert!(c.sql.starts_with("SELECT "));
    }
}

/// Derived tables nested just under the limit render on a 2 MB stack.
#[test]
fn derived_tables_just_under_the_limit_render() {
    for d in dialects() {
        // Each query counts QUERY_DEPTH levels, its select list one more.
        let levels = d.max_depth() / sqlexpr::render::QUERY_DEPTH - 2;
        let t = Table::builder("t")
            .column(Column::new("a", SqlType::Integer))
            .build()
            .unwrap();
        let mut q = select([a()]).select_from(&t);
        for i in 0..levels {
            q = select([a()]).select_from(q.subquery(format!("s{i}")));
        }
        let c = q
            .compile(&*d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.name()));
        assert!(c.sql.starts_with("SELECT "));
        let one_more = select([a()]).select_from(q.subquery("top"));
        assert!(matches!(one_more.compile(&*d), Err(Error::TooDeep { .. })));
    }
}

#[test]
fn in_list_of_100_000_values() {
    let list: Vec<i64> = (0..100_000).collect();
    let q = select([a()]).where_(a().in_(list));
    for d in dialects() {
        match q.compile(&*d) {
            Ok(c) => {
                assert_eq!(c.params.len(), 100_000);
                println!("{}: IN list of 100000 values compiled", d.name());
            }
            Err(e) => {
                let msg = e.to_string().replace(['_', ','], "");
                assert!(
                    msg.contains("100000") && msg.contains(&d.max_params().to_string()),
                    "{}: the error must name the count and the limit: {msg}",
                    d.name()
                );
                println!("{}: IN list of 100000 values rejected: {e}", d.name());
            }
        }
        // Inline, no parameters are involved.
        let sql = q.to_sql_inline(&*d).expect("inline");
        assert!(sql.ends_with(", 99998, 99999)"), "{}", d.name());
    }
}

#[test]
fn ten_megabyte_string_binds_and_round_trips() {
    let big: String = "0123456789abcdef'\"\\"
        .chars()
        .cycle()
        .take(10 * 1024 * 1024)
        .collect();
    for mut engine in engines("limits") {
        let c = select([sqlexpr::value(big.clone()).label("v")])
            .compile(engine.dialect())
            .expect("compile");
        let rows = engine
            .run(&c)
            .unwrap_or_else(|e| panic!("{}: {e}", engine.name()));
        match rows.single() {
            Some(Val::Text(s)) => assert!(s == &big, "{}: the string changed", engine.name()),
            other => panic!("{}: got {:?}", engine.name(), other.map(|_| "non-text")),
        }
    }
}

// ---- trees too deep for the stack, on a 2 MiB thread ---------------------

/// The stack of the threads below: 2 MiB, the default of a spawned thread.
const SMALL_STACK: usize = 2 << 20;

/// Runs `f` on a thread with a 2 MiB stack; a stack overflow would abort
/// the whole test binary.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the thread panicked")
}

/// `NOT NOT ... a`, `levels` deep.
fn nots(levels: usize) -> Expr {
    let mut e = a();
    for _ in 0..levels {
        e = not_(e);
    }
    e
}

fn table_t() -> Table {
    Table::builder("t")
        .column(Column::new("a", SqlType::Integer).primary_key())
        .column(Column::new("b", SqlType::Integer).default(7))
        .build()
        .unwrap()
}

fn table_u() -> Table {
    Table::builder("u")
        .column(Column::new("x", SqlType::Integer))
        .build()
        .unwrap()
}

/// What compiling each statement whose compilation copies (part of) the
/// tree before measuring its depth returns, with a tree `levels` deep, on
/// the dialect that takes that path.
fn copying_paths(levels: usize) -> Vec<(String, Result<Compiled, Error>)> {
    let t = table_t();
    let u = table_u();
    let deep = || nots(levels);
    let mut out = Vec::new();
    let mut run = |what: &str, d: &dyn Dialect, r: Result<Compiled, Error>| {
        out.push((format!("{what} on {}", d.name()), r));
    };
    for d in dialects() {
        let stmt = insert(&t)
            .from_select(["a"], select([deep()]))
            .on_conflict(["a"])
            .do_nothing();
        run("INSERT ... SELECT ... ON CONFLICT", &*d, stmt.compile(&*d));
    }
    let mysql = MySql::new();
    let stmt = insert(&t)
        .value("a", 1)
        .on_conflict(["a"])
        .do_update([("b", deep())]);
    run("upsert rewrite of excluded()", &mysql, stmt.compile(&mysql));
    let stmt = insert(&t)
        .with(select([a()]).cte("c"))
        .from_select(["a"], select([deep()]));
    run(
        "WITH moved into INSERT ... SELECT",
        &mysql,
        stmt.compile(&mysql),
    );
    let stmt = insert(&t).value("a", deep());
    run("rows with client defaults", &mysql, stmt.compile(&mysql));
    let stmt = insert(&t).value("b", 1).value("a", deep());
    run("rows with reordered columns", &mysql, stmt.compile(&mysql));
    let sqlite = Sqlite::new();
    let stmt = sqlexpr::delete(&t).where_(and_([u.c("x").eq(1), deep()]));
    run(
        "DELETE emulated with WHERE EXISTS",
        &sqlite,
        stmt.compile(&sqlite),
    );
    let stmt = select([deep().label("x")])
        .distinct_on([a()])
        .select_from(&t);
    run("DISTINCT ON emulation", &sqlite, stmt.compile(&sqlite));
    let stmt = select([func::count(a()).filter(deep())]);
    run("FILTER emulation", &mysql, stmt.compile(&mysql));
    out
}

fn copying_paths_are_too_deep(levels: usize) {
    let results = on_small_stack(move || copying_paths(levels));
    assert_eq!(results.len(), 11);
    for (what, r) in results {
        assert!(
            matches!(r, Err(Error::TooDeep { .. })),
            "{what}, {levels} levels: {r:?}"
        );
    }
}

#[test]
fn copying_compile_paths_refuse_3_000_levels() {
    copying_paths_are_too_deep(3_000);
}

#[test]
fn copying_compile_paths_refuse_100_000_levels() {
    copying_paths_are_too_deep(DEEP);
}

/// `a UNION ALL a UNION ALL ...`, `members` long: a left-deep chain.
fn union_chain(members: usize) -> sqlexpr::stmt::Query {
    let mut q = sqlexpr::stmt::Query::from(select([a()]));
    for _ in 1..members {
        q = q.union_all(select([a()])).into();
    }
    q
}

#[test]
fn deep_expr_clones_compares_prints_and_drops_on_a_small_stack() {
    on_small_stack(|| {
        let e = nots(DEEP);
        let copy = e.clone();
        assert!(copy == e);
        assert!(copy != nots(DEEP - 1));
        let printed = format!("{e:?}");
        assert!(printed.starts_with("Unary(UnaryExpr { op: Not, expr: Unary("));
        assert_eq!(printed.matches("Not").count(), DEEP);
        // `{:#?}` indents the first levels, then prints compactly.
        let pretty = format!("{e:#?}");
        assert_eq!(pretty.matches("Not").count(), DEEP);
        assert!(pretty.starts_with("Unary(\n    UnaryExpr {\n        op: Not,\n"));
        drop(copy);
        drop(e);
    });
}

#[test]
fn long_union_chain_clones_compares_prints_and_drops_on_a_small_stack() {
    on_small_stack(|| {
        let q = union_chain(DEEP);
        let copy = q.clone();
        assert!(copy == q);
        assert!(copy != union_chain(DEEP - 1));
        let printed = format!("{q:?}");
        assert_eq!(printed.matches("UnionAll").count(), DEEP - 1);
        drop(copy);
        drop(q);
        // A compound on its own, not inside a query.
        let c = select([a()]).union_all(union_chain(DEEP));
        drop(c);
    });
}

// ---- long is not deep ----------------------------------------------------

/// `v(0) + v(1) + ...`, `terms` long, left-deep as `+` builds it.
fn sum_of(terms: i64) -> Expr {
    let mut e = sqlexpr::value(0i64);
    for i in 1..terms {
        e = e + sqlexpr::value(i);
    }
    e
}

/// `SELECT 0 AS v UNION ALL SELECT 1 ...`, `members` (at least 2) long.
fn union_of(members: i64) -> sqlexpr::stmt::Compound {
    let member = |i: i64| select([sqlexpr::value(i).label("v")]);
    let mut q = member(0).union_all(member(1));
    for i in 2..members {
        q = q.union_all(member(i));
    }
    q
}

#[test]
fn long_chains_are_written_flat() {
    let sql = |e: Expr| select([e]).to_sql_inline(&Postgres::new()).unwrap();
    // Two untyped i64 values are cast to BIGINT where nothing else types them.
    assert_eq!(
        sql(sum_of(4)),
        "SELECT CAST(0 AS BIGINT) + CAST(1 AS BIGINT) + 2 + 3"
    );
    assert_eq!(sql(a() - a() - a()), r#"SELECT "a" - "a" - "a""#);
    assert_eq!(sql(a() - (a() - a())), r#"SELECT "a" - ("a" - "a")"#);
    assert_eq!(
        sql((a() + a()) * a() * a()),
        r#"SELECT ("a" + "a") * "a" * "a""#
    );
    let c = union_of(3).compile(&Sqlite::new()).unwrap();
    assert_eq!(
        c.sql,
        r#"SELECT ? AS "v" UNION ALL SELECT ? AS "v" UNION ALL SELECT ? AS "v""#
    );
    assert_eq!(c.params, [0i64.into(), 1i64.into(), 2i64.into()]);
    // Length counts one level: far past max_depth, still no TooDeep.
    for d in dialects() {
        assert!(select([a()])
            .where_(a().gt(sum_of(300)))
            .compile(&*d)
            .is_ok());
        assert!(union_of(100).compile(&*d).is_ok(), "{}", d.name());
    }
}

/// An AND too long for the server to parse flat (SQLite) is grouped in
/// parentheses, which keeps its meaning; shorter ones, and on servers without
/// that limit, are flat.
#[test]
fn long_junctions_are_grouped_where_the_server_limits_depth() {
    let terms = |n: usize| -> Vec<Expr> { (0..n).map(|i| col(format!("c{i}")).eq(1)).collect() };
    let sql = |n: usize, d: &dyn Dialect| {
        select([a()])
            .where_(and_(terms(n)))
            .to_sql_inline(d)
            .unwrap()
    };
    let grouped = sql(1_000, &Sqlite::new());
    // 32 groups of 32 terms (the last shorter).
    assert!(
        grouped.starts_with(r#"SELECT "a" WHERE ("c0" = 1 AND "c1" = 1 AND "#),
        "{grouped}"
    );
    assert!(
        grouped.contains(r#""c31" = 1) AND ("c32" = 1 AND "#),
        "{grouped}"
    );
    assert!(grouped.ends_with(r#" AND "c999" = 1)"#), "{grouped}");
    assert_eq!(grouped.matches('(').count(), 32);
    assert!(!sql(900, &Sqlite::new()).contains('('));
    assert!(!sql(1_000, &Postgres::new()).contains('('));
}

#[test]
fn long_chains_run_on_every_engine() {
    for mut engine in engines("chains") {
        let name = engine.name();
        let q = union_of(100).order_by([col("v")]);
        let c = q.compile(engine.dialect()).expect("compile");
        let rows = engine.run(&c).unwrap_or_else(|e| panic!("{name}: {e}"));
        let want: Vec<Vec<Val>> = (0..100).map(|i| vec![Val::Int(i)]).collect();
        assert_eq!(rows.rows, want, "{name}: UNION ALL of 100 SELECTs");

        let c = select([sum_of(300).label("s")])
            .compile(engine.dialect())
            .expect("compile");
        let rows = engine.run(&c).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows.single(), Some(&Val::Int(299 * 300 / 2)), "{name}: sum");

        for (false_at, want) in [(None, 1), (Some(999), 0), (Some(0), 0), (Some(500), 0)] {
            let terms: Vec<Expr> = (0..1000i64)
                .map(|i| {
                    let v = sqlexpr::value(i).cast(SqlType::BigInteger);
                    if Some(i) == false_at {
                        v.lt(0)
                    } else {
                        v.ge(0)
                    }
                })
                .collect();
            let c = select([sqlexpr::value(1i64).label("x")])
                .where_(and_(terms.clone()))
                .compile(engine.dialect())
                .expect("compile");
            let rows = engine.run(&c).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                rows.rows.len(),
                want,
                "{name}: AND of 1000, false at {false_at:?}"
            );
            // The same terms OR-ed, negated: true unless every term is.
            let c = select([sqlexpr::value(1i64).label("x")])
                .where_(not_(or_(terms.into_iter().map(not_))))
                .compile(engine.dialect())
                .expect("compile");
            let rows = engine.run(&c).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                rows.rows.len(),
                want,
                "{name}: OR of 1000, false at {false_at:?}"
            );
        }
    }
}

/// The longest chain a dialect accepts runs on its server; one more is
/// refused with an error that names the dialect and the limit, never sent.
#[test]
fn chains_past_the_server_limits_are_refused() {
    for mut engine in engines("chain_limits") {
        let name = engine.name();
        let (expr_limit, compound_limit) = {
            let d = engine.dialect();
            (d.max_expr_depth(), d.max_compound_members())
        };
        let dialect_name = engine.dialect().name();
        let refused = |r: Result<Compiled, Error>, limit: usize| match r {
            Err(Error::Unsupported { dialect, feature }) => {
                assert_eq!(dialect, dialect_name);
                assert!(feature.contains(&format!("{limit}")), "{feature}");
            }
            other => panic!("{name}: {other:?}"),
        };
        if let Some(limit) = expr_limit {
            // Nested in the select list and a label, a few levels below the
            // limit are left for the chain.
            let d = engine.dialect();
            let n = (1..=limit as i64)
                .rev()
                .find(|&n| select([sum_of(n).label("s")]).compile(d).is_ok())
                .expect("some chain compiles");
            assert!(n as usize > limit - 10, "{name}: {n} of {limit}");
            let c = select([sum_of(n).label("s")]).compile(d).unwrap();
            refused(select([sum_of(n + 1).label("s")]).compile(d), limit);
            let rows = engine
                .run(&c)
                .unwrap_or_else(|e| panic!("{name}, {n} terms: {e}"));
            assert_eq!(rows.single(), Some(&Val::Int(n * (n - 1) / 2)), "{name}");
        }
        if let Some(limit) = compound_limit {
            let d = engine.dialect();
            let c = union_of(limit as i64).compile(d).expect("at the limit");
            refused(union_of(limit as i64 + 1).compile(d), limit);
            let rows = engine.run(&c).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(rows.rows.len(), limit, "{name}");
        }
    }
}

/// Parameter limits on the real engines: an IN list of exactly the
/// dialect's limit runs, one more is `Error::TooManyParams` before anything
/// is sent; a multi-row INSERT past the limit is refused as one statement
/// and split by `compile_batches` into statements that all run, every row
/// stored.
#[test]
fn parameter_limits_on_every_engine() {
    for mut engine in engines("param_limits") {
        let d = engine.dialect();
        let limit = d.max_params();
        let t = Table::builder("param_limit")
            .column(Column::new("a", SqlType::BigInteger))
            .column(Column::new("b", SqlType::BigInteger))
            .build()
            .unwrap();
        engine
            .run(&create_table(&t).compile(d).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", engine.name()));
        let d = engine.dialect();
        let seed = insert(&t).rows((0..3i64).map(|i| [("a", value(i)), ("b", value(i))]));
        let seed = seed.compile(d).unwrap();
        engine.run(&seed).unwrap();

        let d = engine.dialect();
        let list = |n: usize| (0..n as i64).map(value);
        let at = select([t.c("a")])
            .where_(t.c("a").in_(list(limit)))
            .order_by([t.c("a")]);
        let c = at.compile(d).unwrap();
        assert_eq!(c.params.len(), limit);
        let rows = engine
            .run(&c)
            .unwrap_or_else(|e| panic!("{}: IN of {limit}: {e}", engine.name()));
        assert_eq!(
            rows.rows,
            vec![vec![Val::Int(0)], vec![Val::Int(1)], vec![Val::Int(2)]],
            "{}",
            engine.name()
        );
        let d = engine.dialect();
        let over = select([t.c("a")]).where_(t.c("a").in_(list(limit + 1)));
        assert!(
            matches!(over.compile(d), Err(Error::TooManyParams { count, limit: l }) if count == limit + 1 && l == limit),
            "{}",
            engine.name()
        );

        // limit / 2 + 1 rows of two columns: one parameter too many.
        let n = limit / 2 + 1;
        let bulk = insert(&t).rows((0..n as i64).map(|i| [("a", value(i)), ("b", value(-i))]));
        assert!(
            matches!(bulk.compile(d), Err(Error::TooManyParams { .. })),
            "{}",
            engine.name()
        );
        let batches = bulk.compile_batches(d).unwrap();
        assert!(batches.len() >= 2, "{}", engine.name());
        for b in &batches {
            assert!(b.params.len() <= limit);
            engine
                .run(b)
                .unwrap_or_else(|e| panic!("{}: batch: {e}", engine.name()));
        }
        let d = engine.dialect();
        let count = select([func::count_star()])
            .select_from(&t)
            .compile(d)
            .unwrap();
        let rows = engine.run(&count).unwrap();
        assert_eq!(
            rows.single(),
            Some(&Val::Int(n as i64 + 3)),
            "{}",
            engine.name()
        );
    }
}
