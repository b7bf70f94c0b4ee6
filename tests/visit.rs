//! The statement tree walked and rewritten with `sqlexpr::visit`: a tenant
//! filter added to every query level that reads a table (subqueries, derived
//! tables, CTEs, UPDATE ... FROM, DELETE), a table renamed everywhere, the
//! tables a statement reads and writes, and the depth bound of the walk.

mod common;

use std::collections::BTreeSet;

use rusqlite::Connection;
use sqlexpr::expr::func::{count_star, sum};
use sqlexpr::prelude::*;
use sqlexpr::render::dml::{delete_tables, update_tables};
use sqlexpr::visit::{
    select_sources, source_key, walk_delete_mut, walk_from_item_mut, walk_select_mut,
    walk_update_mut, SourceKey, TableRole, Visit, Visitor, VisitorMut, DEFAULT_MAX_DEPTH,
};
use sqlexpr::{FromItem, Ident, TableName};
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::{Sqlite, SqliteExt};

fn users() -> Table {
    Table::builder("users")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("tenant_id", SqlType::Integer).not_null())
        .column(Column::new("name", SqlType::Text).not_null())
        .build()
        .unwrap()
}

fn orders() -> Table {
    Table::builder("orders")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .column(Column::new("tenant_id", SqlType::Integer).not_null())
        .column(Column::new("user_id", SqlType::Integer).not_null())
        .column(Column::new("total", SqlType::Integer).not_null())
        .build()
        .unwrap()
}

fn archive() -> Table {
    Table::builder("archive")
        .column(Column::new("user_id", SqlType::Integer))
        .column(Column::new("name", SqlType::Text))
        .build()
        .unwrap()
}

#[track_caller]
fn assert_compiled(stmt: &dyn Render, sql: &str, params: Vec<Value>) {
    common::assert_sql(stmt, [(&Sqlite::new(), sql, params)]);
}

// ---- (a) tenant filter ---------------------------------------------------

/// Adds `<table>.tenant_id = <tenant>` to the WHERE of every query level
/// whose FROM (explicit, or inferred from its columns) holds `table`, and of
/// every UPDATE / DELETE writing or reading it. A table correlated to an
/// enclosing query is filtered there, not again in the subquery.
struct TenantFilter {
    table: TableName,
    tenant: i64,
    /// The FROM names of the enclosing query levels, innermost last.
    scopes: Vec<Vec<SourceKey>>,
}

impl TenantFilter {
    fn new(table: &Table, tenant: i64) -> Self {
        TenantFilter {
            table: table.name.clone(),
            tenant,
            scopes: Vec::new(),
        }
    }

    fn conditions(&self, sources: &[FromItem]) -> Vec<Expr> {
        let mut out = Vec::new();
        for item in sources {
            if let FromItem::Table { table, alias } = item {
                if table.name == self.table {
                    let column = match alias {
                        Some(a) => table.alias(a.clone()).c("tenant_id"),
                        None => table.c("tenant_id"),
                    };
                    out.push(column.eq(self.tenant));
                }
            }
        }
        out
    }

    fn scoped(&mut self, sources: &[FromItem], f: impl FnOnce(&mut Self)) {
        self.scopes.push(sources.iter().map(source_key).collect());
        f(self);
        self.scopes.pop();
    }
}

fn and_where(slot: &mut Option<Expr>, conditions: Vec<Expr>) {
    for c in conditions {
        *slot = Some(match slot.take() {
            Some(prev) => and_([prev, c]),
            None => c,
        });
    }
}

impl VisitorMut for TenantFilter {
    fn visit_select_mut(&mut self, s: &mut Select) {
        // CTE bodies are rendered before this level's FROM is in scope.
        if let Some(with) = &mut s.with {
            self.visit_with_mut(with);
        }
        let sources = select_sources(s, &self.scopes.concat());
        let with = s.with.take();
        self.scoped(&sources, |f| walk_select_mut(f, s));
        s.with = with;
        let conditions = self.conditions(&sources);
        and_where(&mut s.where_, conditions);
    }

    fn visit_from_item_mut(&mut self, item: &mut FromItem) {
        // A derived table does not see the FROM of the queries around it.
        if let FromItem::Subquery { lateral: false, .. } = item {
            let outer = std::mem::take(&mut self.scopes);
            walk_from_item_mut(self, item);
            self.scopes = outer;
        } else {
            walk_from_item_mut(self, item);
        }
    }

    fn visit_update_mut(&mut self, s: &mut Update) {
        let mut sources = vec![FromItem::from(&s.table)];
        sources.extend(update_tables(s));
        self.scoped(&sources, |f| walk_update_mut(f, s));
        let conditions = self.conditions(&sources);
        and_where(&mut s.where_, conditions);
    }

    fn visit_delete_mut(&mut self, s: &mut Delete) {
        let mut sources = vec![FromItem::from(&s.table)];
        sources.extend(delete_tables(s));
        self.scoped(&sources, |f| walk_delete_mut(f, s));
        let conditions = self.conditions(&sources);
        and_where(&mut s.where_, conditions);
    }
}

fn tenant<T: Visit>(mut stmt: T, table: &Table) -> T {
    stmt.accept_mut(&mut TenantFilter::new(table, 7)).unwrap();
    stmt
}

#[test]
fn tenant_filter_on_a_plain_select_with_inferred_from() {
    let u = users();
    let q = tenant(select([u.c("name")]).where_(u.c("id").gt(1)), &u);
    assert_compiled(
        &q,
        r#"SELECT "users"."name" FROM "users" WHERE "users"."id" > ? AND "users"."tenant_id" = ?"#,
        vec![Value::I32(1), Value::I64(7)],
    );
    let q = tenant(select([u.c("name")]), &u);
    assert_compiled(
        &q,
        r#"SELECT "users"."name" FROM "users" WHERE "users"."tenant_id" = ?"#,
        vec![Value::I64(7)],
    );
}

#[test]
fn tenant_filter_reaches_scalar_in_and_exists_subqueries() {
    let (u, o) = (users(), orders());
    let u2 = u.alias("u2");
    let q = select([
        o.c("id"),
        select([count_star()])
            .select_from(&u)
            .scalar_subquery()
            .label("n_users"),
    ])
    .select_from(&o)
    .where_(
        o.c("user_id")
            .in_subquery(select([u.c("id")]).where_(u.c("name").like("a%")))
            & exists(
                select([u2.c("id")])
                    .select_from(&u2)
                    .where_(u2.c("id").eq(o.c("user_id"))),
            ),
    );
    let q = tenant(q, &u);
    assert_compiled(
        &q,
        concat!(
            r#"SELECT "orders"."id", (SELECT COUNT(*) FROM "users" WHERE "users"."tenant_id" = ?) AS "n_users" FROM "orders""#,
            r#" WHERE "orders"."user_id" IN (SELECT "users"."id" FROM "users" WHERE "users"."name" LIKE ? AND "users"."tenant_id" = ?)"#,
            r#" AND EXISTS (SELECT "u2"."id" FROM "users" AS "u2" WHERE "u2"."id" = "orders"."user_id" AND "u2"."tenant_id" = ?)"#,
        ),
        vec![
            Value::I64(7),
            Value::Text("a%".into()),
            Value::I64(7),
            Value::I64(7),
        ],
    );
}

#[test]
fn tenant_filter_on_derived_tables_ctes_and_compounds() {
    let (u, o) = (users(), orders());
    let big = select([o.c("user_id"), sum(o.c("total")).label("spent")])
        .group_by([o.c("user_id")])
        .subquery("big");
    let named = select([u.c("id"), u.c("name")]).cte("named");
    let q = select([named.c("name"), big.c("spent")])
        .select_from(&named)
        .join_on(&big, big.c("user_id").eq(named.c("id")))
        .union(select([u.c("name"), u.c("id")]).select_from(&u))
        .with(named.clone());
    // Filter on both tables, one after the other.
    let q = tenant(tenant(q, &u), &o);
    assert_compiled(
        &q,
        concat!(
            r#"WITH "named" AS (SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."tenant_id" = ?)"#,
            r#" SELECT "named"."name", "big"."spent" FROM "named""#,
            r#" JOIN (SELECT "orders"."user_id", SUM("orders"."total") AS "spent" FROM "orders" WHERE "orders"."tenant_id" = ? GROUP BY "orders"."user_id") AS "big""#,
            r#" ON "big"."user_id" = "named"."id""#,
            r#" UNION SELECT "users"."name", "users"."id" FROM "users" WHERE "users"."tenant_id" = ?"#,
        ),
        vec![Value::I64(7), Value::I64(7), Value::I64(7)],
    );
}

#[test]
fn tenant_filter_leaves_correlated_references_to_the_outer_query() {
    let (u, o) = (users(), orders());
    let q = select([
        u.c("name"),
        select([count_star()])
            .where_(o.c("user_id").eq(u.c("id")))
            .scalar_subquery()
            .label("n"),
    ]);
    let q = tenant(tenant(q, &u), &o);
    assert_compiled(
        &q,
        concat!(
            r#"SELECT "users"."name", (SELECT COUNT(*) FROM "orders" WHERE "orders"."user_id" = "users"."id" AND "orders"."tenant_id" = ?) AS "n""#,
            r#" FROM "users" WHERE "users"."tenant_id" = ?"#,
        ),
        vec![Value::I64(7), Value::I64(7)],
    );
}

#[test]
fn tenant_filter_on_update_delete_and_insert_select() {
    let (u, o, a) = (users(), orders(), archive());
    let up = tenant(update(&u).set("name", "x").where_(u.c("id").eq(1)), &u);
    assert_compiled(
        &up,
        r#"UPDATE "users" SET "name" = ? WHERE "users"."id" = ? AND "users"."tenant_id" = ?"#,
        vec![Value::Text("x".into()), Value::I32(1), Value::I64(7)],
    );
    // UPDATE ... FROM: the table read in FROM is filtered, the target is not
    // the filtered table.
    let up = tenant(
        update(&o)
            .set("total", 0)
            .from(&u)
            .where_(o.c("user_id").eq(u.c("id")) & u.c("name").eq("ann")),
        &u,
    );
    assert_compiled(
        &up,
        concat!(
            r#"UPDATE "orders" SET "total" = ? FROM "users""#,
            r#" WHERE "orders"."user_id" = "users"."id" AND "users"."name" = ? AND "users"."tenant_id" = ?"#,
        ),
        vec![Value::I32(0), Value::Text("ann".into()), Value::I64(7)],
    );
    let del = tenant(
        delete(&o).where_(
            o.c("user_id")
                .in_subquery(select([u.c("id")]).where_(u.c("name").eq("bob"))),
        ),
        &u,
    );
    assert_compiled(
        &del,
        concat!(
            r#"DELETE FROM "orders" WHERE "orders"."user_id" IN"#,
            r#" (SELECT "users"."id" FROM "users" WHERE "users"."name" = ? AND "users"."tenant_id" = ?)"#,
        ),
        vec![Value::Text("bob".into()), Value::I64(7)],
    );
    let del = tenant(delete(&u).where_(u.c("name").eq("bob")), &u);
    assert_compiled(
        &del,
        r#"DELETE FROM "users" WHERE "users"."name" = ? AND "users"."tenant_id" = ?"#,
        vec![Value::Text("bob".into()), Value::I64(7)],
    );
    let ins = tenant(
        insert(&a).from_select(["user_id", "name"], select([u.c("id"), u.c("name")])),
        &u,
    );
    assert_compiled(
        &ins,
        concat!(
            r#"INSERT INTO "archive" ("user_id", "name")"#,
            r#" SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."tenant_id" = ?"#,
        ),
        vec![Value::I64(7)],
    );
    // Numbered placeholders follow the rewritten tree.
    let c = del.compile(&Postgres::new()).unwrap();
    assert_eq!(
        c.sql,
        r#"DELETE FROM "users" WHERE "users"."name" = $1 AND "users"."tenant_id" = $2"#
    );
}

fn tenant_db() -> Connection {
    common::sqlite_db(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, name TEXT NOT NULL);
         CREATE TABLE orders (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, user_id INTEGER NOT NULL, total INTEGER NOT NULL);
         INSERT INTO users VALUES (1, 7, 'ann'), (2, 8, 'bob'), (3, 7, 'cy'), (4, 8, 'dee');
         INSERT INTO orders VALUES (1, 7, 1, 10), (2, 7, 1, 5), (3, 8, 2, 40), (4, 7, 3, 1), (5, 8, 4, 2);",
    )
}

#[test]
fn tenant_filter_runs_on_sqlite() {
    let conn = tenant_db();
    let (u, o) = (users(), orders());
    let spent = select([sum(o.c("total"))])
        .where_(o.c("user_id").eq(u.c("id")))
        .scalar_subquery()
        .label("spent");
    let q = select([u.c("name"), spent])
        .where_(
            u.c("id")
                .in_subquery(select([o.c("user_id")]).where_(o.c("total").ge(2))),
        )
        .order_by([u.c("id").asc()]);
    let fetch = |q: &Select| {
        conn.fetch_all(q, |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .unwrap()
    };
    assert_eq!(
        fetch(&q),
        [
            ("ann".to_owned(), 15),
            ("bob".to_owned(), 40),
            ("dee".to_owned(), 2)
        ]
    );
    let filtered = tenant(tenant(q, &u), &o);
    assert_eq!(fetch(&filtered), [("ann".to_owned(), 15)]);

    let del = tenant(delete(&o).where_(o.c("total").lt(6)), &o);
    assert_eq!(conn.exec(&del).unwrap(), 2);
    let left = conn
        .fetch_all(&select([o.c("id")]).order_by([o.c("id").asc()]), |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    assert_eq!(left, [1, 3, 5]);
}

// ---- (b) rename ----------------------------------------------------------

/// Replaces every use of the table named `from` with a copy named `to`.
struct Rename {
    from: TableName,
    to: Table,
}

impl Rename {
    fn new(table: &Table, to: &'static str) -> Self {
        let mut def = table.def().clone();
        def.name = TableName::new(to);
        Rename {
            from: table.name.clone(),
            to: Table::from_def(def).unwrap(),
        }
    }
}

impl VisitorMut for Rename {
    fn visit_table_mut(&mut self, table: &mut Table, _: Option<&mut Ident>, _: TableRole) {
        if table.name == self.from {
            *table = self.to.clone();
        }
    }
}

#[test]
fn rename_a_table_everywhere() {
    let (u, o) = (users(), orders());
    let mut q = select([u.c("name"), count_star().label("n")])
        .select_from(&u)
        .left_join_on(&o, o.c("user_id").eq(u.c("id")))
        .where_(
            u.c("id")
                .in_subquery(select([u.c("id")]).where_(u.c("name").like("a%"))),
        )
        .group_by([u.c("name")])
        .order_by([u.c("name").asc()]);
    q.accept_mut(&mut Rename::new(&u, "accounts")).unwrap();
    assert_compiled(
        &q,
        concat!(
            r#"SELECT "accounts"."name", COUNT(*) AS "n" FROM "accounts""#,
            r#" LEFT OUTER JOIN "orders" ON "orders"."user_id" = "accounts"."id""#,
            r#" WHERE "accounts"."id" IN (SELECT "accounts"."id" FROM "accounts" WHERE "accounts"."name" LIKE ?)"#,
            r#" GROUP BY "accounts"."name" ORDER BY "accounts"."name" ASC"#,
        ),
        vec![Value::Text("a%".into())],
    );

    let a = u.alias("a");
    let mut up = update(&u)
        .set("name", o.c("id"))
        .from(&o)
        .where_(o.c("user_id").eq(u.c("id")) & exists(select([a.c("id")]).select_from(&a)));
    up.accept_mut(&mut Rename::new(&u, "accounts")).unwrap();
    assert_compiled(
        &up,
        concat!(
            r#"UPDATE "accounts" SET "name" = "orders"."id" FROM "orders""#,
            r#" WHERE "orders"."user_id" = "accounts"."id" AND EXISTS (SELECT "a"."id" FROM "accounts" AS "a")"#,
        ),
        vec![],
    );
}

// ---- (c) tables read and written ---------------------------------------

/// The tables a statement writes (its target) and reads (FROM items, and
/// tables referenced by columns other than the target's).
#[derive(Default)]
struct Usage {
    reads: BTreeSet<String>,
    writes: BTreeSet<String>,
    columns: BTreeSet<String>,
}

impl Visitor for Usage {
    fn visit_table(&mut self, table: &Table, _: Option<&Ident>, role: TableRole) {
        let name = table.name.to_string();
        match role {
            TableRole::Target => self.writes.insert(name),
            TableRole::From | TableRole::Correlate => self.reads.insert(name),
            _ => self.columns.insert(name),
        };
    }
}

fn usage<T: Visit>(stmt: &T) -> (Vec<String>, Vec<String>) {
    let mut u = Usage::default();
    stmt.accept(&mut u).unwrap();
    let reads = u
        .reads
        .iter()
        .chain(u.columns.difference(&u.writes))
        .cloned()
        .collect::<BTreeSet<_>>();
    (reads.into_iter().collect(), u.writes.into_iter().collect())
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn tables_read_and_written() {
    let (u, o, a) = (users(), orders(), archive());
    let recent = select([o.c("user_id")])
        .where_(o.c("total").gt(3))
        .cte("recent");
    let ins = insert(&a).from_select(
        ["user_id", "name"],
        select([u.c("id"), u.c("name")])
            .with(recent.clone())
            .where_(
                u.c("id")
                    .in_subquery(select([recent.c("user_id")]).select_from(&recent)),
            ),
    );
    assert_eq!(
        usage(&ins),
        (names(&["orders", "users"]), names(&["archive"]))
    );

    let up = update(&o)
        .set("total", 0)
        .from(&u)
        .where_(o.c("user_id").eq(u.c("id")));
    assert_eq!(usage(&up), (names(&["users"]), names(&["orders"])));

    let del = delete(&u)
        .using(&o)
        .where_(o.c("user_id").eq(u.c("id")) & o.c("total").eq(0));
    assert_eq!(usage(&del), (names(&["orders"]), names(&["users"])));

    // Without USING: `orders` is still read (through the WHERE).
    let del = delete(&u).where_(exists(
        select([o.c("id")]).where_(o.c("user_id").eq(u.c("id"))),
    ));
    assert_eq!(usage(&del), (names(&["orders"]), names(&["users"])));

    let q = select([a.c("name")]).union(select([u.c("name")]).select_from(&u));
    assert_eq!(usage(&q), (names(&["archive", "users"]), names(&[])));
}

// ---- coverage and depth ----------------------------------------------------

/// Counts bound values and subqueries.
#[derive(Default)]
struct Count {
    values: usize,
    queries: usize,
}

impl Visitor for Count {
    fn visit_expr(&mut self, e: &Expr) {
        if let Expr::Value(_) = e {
            self.values += 1;
        }
        sqlexpr::visit::walk_expr(self, e);
    }

    fn visit_query(&mut self, q: &sqlexpr::Query) {
        self.queries += 1;
        sqlexpr::visit::walk_query(self, q);
    }
}

#[test]
fn the_walk_reaches_every_bound_value() {
    let (u, o) = (users(), orders());
    let w = window()
        .partition_by([u.c("tenant_id") + 1])
        .order_by([(u.c("id") * 2).desc()]);
    let q = select([
        u.c("name"),
        sum(o.c("total") + 3).over(w).label("running"),
        count_star().filter(o.c("total").gt(4)).label("big"),
        case()
            .when(u.c("id").eq(5), "five")
            .else_("other")
            .end()
            .label("c"),
    ])
    .with(select([u.c("id")]).where_(u.c("id").ne(6)).cte("c1"))
    .select_from(&u)
    .join_on(
        &o,
        o.c("user_id").eq(u.c("id")) & o.c("total").between(7, 8),
    )
    .join_on(
        select([o.c("id")]).where_(o.c("id").eq(9)).subquery("d"),
        raw("1 = 1"),
    )
    .where_(
        u.c("name").in_(["x", "y"])
            & exists(select([o.c("id")]).where_(o.c("total").eq(10)))
            & u.c("id").cmp_any(
                sqlexpr::expr::BinaryOp::Eq,
                select([o.c("user_id")]).where_(o.c("id").eq(11)),
            ),
    )
    .group_by([u.c("name"), o.c("total")])
    .having(count_star().gt(12))
    .order_by([(u.c("id") + 13).asc()]);
    let mut count = Count::default();
    q.accept(&mut count).unwrap();
    let compiled = q.compile(&Postgres::new()).unwrap();
    assert_eq!(count.values, compiled.params.len());
    assert_eq!(count.values, 17);
    assert_eq!(count.queries, 4);
}

#[test]
fn depth_is_measured_without_recursion_and_bounds_the_walk() {
    let u = users();
    // Alternating operators nest: one level each.
    let nest = |n: usize| {
        let mut e = u.c("id");
        for i in 0..n {
            e = if i % 2 == 0 { e + 1 } else { e * 1 };
        }
        e
    };
    let mut e = nest(100_000);
    assert_eq!(e.depth(), 100_001);
    let mut count = Count::default();
    assert!(matches!(
        e.accept(&mut count),
        Err(sqlexpr::Error::TooDeep {
            limit: DEFAULT_MAX_DEPTH
        })
    ));
    assert_eq!(count.values, 0);
    assert!(matches!(
        e.accept_mut(&mut Rename::new(&u, "accounts")),
        Err(sqlexpr::Error::TooDeep { .. })
    ));

    // 100,000 nested subqueries: measured, refused, and dropped, all
    // without overflowing the stack.
    let mut q = select([u.c("id")]);
    for _ in 0..100_000 {
        q = select([q.scalar_subquery()]);
    }
    // Per level: a query (4) and the scalar subquery expression (1).
    assert_eq!(q.depth(), 5 * 100_000 + 4 + 1);
    assert!(q.accept(&mut count).is_err());

    // As deep as the renderer accepts: walked.
    let e = nest(200);
    let sql = select([e.clone()]).compile(&Sqlite::new()).unwrap();
    assert_eq!(sql.params.len(), 200);
    e.accept(&mut count).unwrap();
    assert_eq!(count.values, 200);
    assert!(e.accept_within(&mut count, 100).is_err());

    // A chain of one operator is one level however long, as the renderer
    // counts it, and is walked (the walk grows its stack as it goes).
    let mut chain = u.c("id");
    for _ in 0..100_000 {
        chain = chain + 1;
    }
    assert_eq!(chain.depth(), 2);
    let mut count = Count::default();
    chain.accept(&mut count).unwrap();
    assert_eq!(count.values, 100_000);
    chain.accept_mut(&mut Rename::new(&u, "accounts")).unwrap();
    let mut union = select([u.c("id")]).union_all(select([u.c("id")]));
    for _ in 0..10_000 {
        union = union.union_all(select([u.c("id")]));
    }
    assert_eq!(union.depth(), 2 * sqlexpr::render::QUERY_DEPTH + 1);
    union.accept(&mut Count::default()).unwrap();
}
