//! The benchmark corpus (statements a–h of BENCH.md), built with sqlexpr and
//! with sea-query from the same inputs.

#![allow(dead_code)]

use std::hint::black_box;

use sea_query::{
    Asterisk, CommonTableExpression, Cond, ExprTrait, Func, Iden, JoinType, Order,
    PostgresQueryBuilder, Query as SQuery, QueryStatementWriter, SelectStatement,
    SqliteQueryBuilder, UnionType, Values, WithClause,
};
use sqlexpr::expr::func;
use sqlexpr::prelude::*;
use sqlexpr::stmt::Cte;
use sqlexpr::Compiled;

/// The products table under `name` (the corpus's, and the bulk insert's
/// target).
pub fn products_table(name: &str) -> Table {
    Table::builder(name.to_owned())
        .column(
            Column::new("id", SqlType::BigInteger)
                .primary_key()
                .autoincrement(),
        )
        .column(Column::new("name", SqlType::Text))
        .column(Column::new("price", SqlType::Double))
        .column(Column::new("category", SqlType::Text))
        .column(Column::new("created_at", SqlType::BigInteger))
        .column(Column::new("description", SqlType::Text))
        .build()
        .expect("products")
}

/// The tables of the corpus, declared once (outside any timed loop).
pub struct Schema {
    pub users: Table,
    pub customers: Table,
    pub orders: Table,
    pub products: Table,
    pub categories: Table,
}

impl Schema {
    pub fn new() -> Self {
        let users = Table::builder("users")
            .column(Column::new("id", SqlType::BigInteger).primary_key())
            .column(Column::new("name", SqlType::Text))
            .column(Column::new("username", SqlType::Text))
            .column(Column::new("email", SqlType::Text))
            .column(Column::new("age", SqlType::Integer))
            .column(Column::new("is_active", SqlType::Boolean))
            .column(Column::new("created_at", SqlType::BigInteger))
            .build()
            .expect("users");
        let customers = Table::builder("customers")
            .column(Column::new("id", SqlType::BigInteger).primary_key())
            .column(Column::new("name", SqlType::Text))
            .column(Column::new("email", SqlType::Text))
            .build()
            .expect("customers");
        let orders = Table::builder("orders")
            .column(Column::new("id", SqlType::BigInteger).primary_key())
            .column(Column::new("customer_id", SqlType::BigInteger))
            .column(Column::new("total_amount", SqlType::Double))
            .column(Column::new("date", SqlType::BigInteger))
            .build()
            .expect("orders");
        let products = products_table("products");
        let categories = Table::builder("categories")
            .column(Column::new("id", SqlType::BigInteger).primary_key())
            .column(Column::new("parent_id", SqlType::BigInteger))
            .build()
            .expect("categories");
        Schema {
            users,
            customers,
            orders,
            products,
            categories,
        }
    }
}

impl Default for Schema {
    fn default() -> Self {
        Schema::new()
    }
}

/// One row of the products INSERT.
#[derive(Clone)]
pub struct Product {
    pub name: String,
    pub price: f64,
    pub category: String,
    pub created_at: i64,
    pub description: String,
}

/// The inputs of the corpus, prepared outside the timed loop.
pub struct Inputs {
    pub id: i64,
    pub min_age: i32,
    pub active: bool,
    pub pattern: String,
    pub min_orders: i64,
    pub product: Product,
    pub products: Vec<Product>,
    pub new_age: i32,
    pub root: i64,
}

impl Inputs {
    pub fn new() -> Self {
        let product = |i: usize| Product {
            name: format!("product {i}"),
            price: 10.0 + i as f64 / 4.0,
            category: format!("category {}", i % 7),
            created_at: 1_700_000_000 + i as i64,
            description: format!("the description of product number {i}"),
        };
        Inputs {
            id: 42,
            min_age: 18,
            active: true,
            pattern: "a%".to_owned(),
            min_orders: 5,
            product: product(0),
            products: (0..100).map(product).collect(),
            new_age: 31,
            root: 1,
        }
    }
}

impl Default for Inputs {
    fn default() -> Self {
        Inputs::new()
    }
}

/// The statement ids, in order.
pub const IDS: [&str; 8] = ["a", "b", "c", "d", "e", "f", "g", "h"];

/// The two dialects measured.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Postgres,
    Sqlite,
}

impl Target {
    pub const ALL: [Target; 2] = [Target::Postgres, Target::Sqlite];

    pub fn name(self) -> &'static str {
        match self {
            Target::Postgres => "pg",
            Target::Sqlite => "sqlite",
        }
    }
}

/// The sqlexpr dialects, created once.
pub struct Dialects {
    pub pg: sqlexpr_postgres::Postgres,
    pub sqlite: sqlexpr_sqlite::Sqlite,
}

impl Dialects {
    pub fn new() -> Self {
        Dialects {
            pg: sqlexpr_postgres::Postgres::new(),
            sqlite: sqlexpr_sqlite::Sqlite::new(),
        }
    }

    pub fn get(&self, t: Target) -> &dyn Dialect {
        match t {
            Target::Postgres => &self.pg,
            Target::Sqlite => &self.sqlite,
        }
    }
}

impl Default for Dialects {
    fn default() -> Self {
        Dialects::new()
    }
}

// ---------------------------------------------------------------- sqlexpr

/// a: `SELECT id, name, email FROM users WHERE id = ?`
pub fn sx_a(s: &Schema, id: i64) -> Select {
    let u = &s.users;
    select([u.c("id"), u.c("name"), u.c("email")]).where_(u.c("id").eq(id))
}

/// b: filters, ORDER BY, LIMIT/OFFSET.
pub fn sx_b(s: &Schema, i: &Inputs) -> Select {
    let u = &s.users;
    select([
        u.c("id"),
        u.c("username"),
        u.c("email"),
        u.c("age"),
        u.c("is_active"),
        u.c("created_at"),
    ])
    .where_(
        (u.c("age").gt(i.min_age) & u.c("is_active").eq(i.active))
            | u.c("username").like(i.pattern.as_str()),
    )
    .order_by([u.c("created_at").desc()])
    .limit(10)
    .offset(20)
}

/// c: join, aggregates, GROUP BY, HAVING.
pub fn sx_c(s: &Schema, i: &Inputs) -> Select {
    let (cu, o) = (&s.customers, &s.orders);
    select([
        cu.c("name"),
        func::count(o.c("id")).label("total_orders"),
        func::sum(o.c("total_amount")).label("total_value"),
    ])
    .select_from(cu)
    .join_on(o, o.c("customer_id").eq(cu.c("id")))
    .group_by([cu.c("id"), cu.c("name")])
    .having(func::count(o.c("id")).gt(i.min_orders))
}

/// d: DISTINCT, `customers.*`, a scalar subquery.
pub fn sx_d(s: &Schema) -> Select {
    let (cu, o) = (&s.customers, &s.orders);
    select([cu.star()])
        .distinct()
        .select_from(cu)
        .join_on(o, o.c("customer_id").eq(cu.c("id")))
        .where_(
            o.c("total_amount")
                .gt(select([func::avg(o.c("total_amount"))]).scalar_subquery()),
        )
}

fn sx_product_row(p: &Product) -> [(&'static str, Expr); 5] {
    [
        ("name", value(p.name.as_str())),
        ("price", value(p.price)),
        ("category", value(p.category.as_str())),
        ("created_at", value(p.created_at)),
        ("description", value(p.description.as_str())),
    ]
}

/// e: one-row INSERT ... RETURNING id.
pub fn sx_e(s: &Schema, p: &Product) -> Insert {
    insert(&s.products)
        .row(sx_product_row(p))
        .returning([s.products.c("id")])
}

/// f: the INSERT with many rows.
pub fn sx_f(s: &Schema, ps: &[Product]) -> Insert {
    insert(&s.products)
        .rows(ps.iter().map(sx_product_row))
        .returning([s.products.c("id")])
}

/// g: UPDATE ... RETURNING id.
pub fn sx_g(s: &Schema, i: &Inputs) -> Update {
    let u = &s.users;
    update(u)
        .set("age", i.new_age)
        .set("is_active", i.active)
        .where_(u.c("id").eq(i.id))
        .returning([u.c("id")])
}

/// h: a recursive CTE walking the category tree.
pub fn sx_h(s: &Schema, root: i64) -> Select {
    let cat = &s.categories;
    let c = cat.alias("c");
    let tree = Cte::new("tree");
    let body = select([cat.c("id"), cat.c("parent_id")])
        .where_(cat.c("id").eq(root))
        .union_all(
            select([c.c("id"), c.c("parent_id")])
                .select_from(&c)
                .join_on(&tree, c.c("parent_id").eq(tree.c("id"))),
        );
    let tree = tree.as_(body);
    select([tree.star()])
        .select_from(&tree)
        .with_recursive(tree)
}

/// Builds statement `id` with sqlexpr and compiles it for `d`.
pub fn sx_build(id: &str, s: &Schema, i: &Inputs, d: &dyn Dialect) -> Compiled {
    let r = match id {
        "a" => sx_a(s, black_box(i.id)).compile(d),
        "b" => sx_b(s, black_box(i)).compile(d),
        "c" => sx_c(s, black_box(i)).compile(d),
        "d" => sx_d(s).compile(d),
        "e" => sx_e(s, black_box(&i.product)).compile(d),
        "f" => sx_f(s, black_box(&i.products)).compile(d),
        "g" => sx_g(s, black_box(i)).compile(d),
        "h" => sx_h(s, black_box(i.root)).compile(d),
        other => panic!("no statement {other}"),
    };
    r.expect("compiles")
}

// ---------------------------------------------------------------- sea-query

#[derive(Iden, Clone, Copy)]
pub enum Users {
    Table,
    Id,
    Name,
    Username,
    Email,
    Age,
    IsActive,
    CreatedAt,
}

#[derive(Iden, Clone, Copy)]
pub enum Customers {
    Table,
    Id,
    Name,
}

#[derive(Iden, Clone, Copy)]
pub enum Orders {
    Table,
    Id,
    CustomerId,
    TotalAmount,
}

#[derive(Iden, Clone, Copy)]
pub enum Products {
    Table,
    Id,
    Name,
    Price,
    Category,
    CreatedAt,
    Description,
}

#[derive(Iden, Clone, Copy)]
pub enum Categories {
    Table,
    Id,
    ParentId,
}

#[derive(Iden, Clone, Copy)]
pub enum Tree {
    Table,
}

#[derive(Iden, Clone, Copy)]
pub enum C {
    Table,
}

use sea_query::Expr as SExpr;

/// a with sea-query.
pub fn sq_a(id: i64) -> SelectStatement {
    SQuery::select()
        .columns([Users::Id, Users::Name, Users::Email])
        .from(Users::Table)
        .and_where(SExpr::col(Users::Id).eq(id))
        .take()
}

/// b with sea-query.
pub fn sq_b(i: &Inputs) -> SelectStatement {
    SQuery::select()
        .columns([
            Users::Id,
            Users::Username,
            Users::Email,
            Users::Age,
            Users::IsActive,
            Users::CreatedAt,
        ])
        .from(Users::Table)
        .cond_where(
            Cond::any()
                .add(
                    Cond::all()
                        .add(SExpr::col(Users::Age).gt(i.min_age))
                        .add(SExpr::col(Users::IsActive).eq(i.active)),
                )
                .add(SExpr::col(Users::Username).like(i.pattern.as_str())),
        )
        .order_by(Users::CreatedAt, Order::Desc)
        .limit(10)
        .offset(20)
        .take()
}

/// c with sea-query.
pub fn sq_c(i: &Inputs) -> SelectStatement {
    SQuery::select()
        .column((Customers::Table, Customers::Name))
        .expr_as(
            Func::count(SExpr::col((Orders::Table, Orders::Id))),
            "total_orders",
        )
        .expr_as(
            Func::sum(SExpr::col((Orders::Table, Orders::TotalAmount))),
            "total_value",
        )
        .from(Customers::Table)
        .join(
            JoinType::Join,
            Orders::Table,
            SExpr::col((Orders::Table, Orders::CustomerId))
                .equals((Customers::Table, Customers::Id)),
        )
        .group_by_columns([
            (Customers::Table, Customers::Id),
            (Customers::Table, Customers::Name),
        ])
        .and_having(
            SExpr::expr(Func::count(SExpr::col((Orders::Table, Orders::Id)))).gt(i.min_orders),
        )
        .take()
}

/// d with sea-query.
pub fn sq_d() -> SelectStatement {
    SQuery::select()
        .distinct()
        .column((Customers::Table, Asterisk))
        .from(Customers::Table)
        .join(
            JoinType::Join,
            Orders::Table,
            SExpr::col((Orders::Table, Orders::CustomerId))
                .equals((Customers::Table, Customers::Id)),
        )
        .and_where(
            SExpr::col((Orders::Table, Orders::TotalAmount)).gt(SQuery::select()
                .expr(Func::avg(SExpr::col(Orders::TotalAmount)))
                .from(Orders::Table)
                .take()),
        )
        .take()
}

fn sq_product_values(p: &Product) -> [SExpr; 5] {
    [
        p.name.as_str().into(),
        p.price.into(),
        p.category.as_str().into(),
        p.created_at.into(),
        p.description.as_str().into(),
    ]
}

fn sq_insert() -> sea_query::InsertStatement {
    SQuery::insert()
        .into_table(Products::Table)
        .columns([
            Products::Name,
            Products::Price,
            Products::Category,
            Products::CreatedAt,
            Products::Description,
        ])
        .take()
}

/// e with sea-query.
pub fn sq_e(p: &Product) -> sea_query::InsertStatement {
    sq_insert()
        .values_panic(sq_product_values(p))
        .returning_col(Products::Id)
        .take()
}

/// f with sea-query.
pub fn sq_f(ps: &[Product]) -> sea_query::InsertStatement {
    let mut q = sq_insert();
    for p in ps {
        q.values_panic(sq_product_values(p));
    }
    q.returning_col(Products::Id);
    q
}

/// g with sea-query.
pub fn sq_g(i: &Inputs) -> sea_query::UpdateStatement {
    SQuery::update()
        .table(Users::Table)
        .values([
            (Users::Age, i.new_age.into()),
            (Users::IsActive, i.active.into()),
        ])
        .and_where(SExpr::col(Users::Id).eq(i.id))
        .returning_col(Users::Id)
        .take()
}

/// h with sea-query.
pub fn sq_h(root: i64) -> sea_query::WithQuery {
    let mut body = SQuery::select()
        .columns([Categories::Id, Categories::ParentId])
        .from(Categories::Table)
        .and_where(SExpr::col(Categories::Id).eq(root))
        .take();
    let step = SQuery::select()
        .columns([(C::Table, Categories::Id), (C::Table, Categories::ParentId)])
        .from_as(Categories::Table, C::Table)
        .join(
            JoinType::Join,
            Tree::Table,
            SExpr::col((C::Table, Categories::ParentId)).equals((Tree::Table, Categories::Id)),
        )
        .take();
    body.union(UnionType::All, step);
    let mut cte = CommonTableExpression::new();
    cte.query(body).table_name(Tree::Table);
    let mut with = WithClause::new();
    with.recursive(true).cte(cte);
    SQuery::select()
        .column(Asterisk)
        .from(Tree::Table)
        .take()
        .with(with)
}

fn sq_compile<Q: QueryStatementWriter>(q: Q, t: Target) -> (String, Values) {
    match t {
        Target::Postgres => q.build(PostgresQueryBuilder),
        Target::Sqlite => q.build(SqliteQueryBuilder),
    }
}

/// Builds statement `id` with sea-query and compiles it for `t`.
pub fn sq_build(id: &str, i: &Inputs, t: Target) -> (String, Values) {
    match id {
        "a" => sq_compile(sq_a(black_box(i.id)), t),
        "b" => sq_compile(sq_b(black_box(i)), t),
        "c" => sq_compile(sq_c(black_box(i)), t),
        "d" => sq_compile(sq_d(), t),
        "e" => sq_compile(sq_e(black_box(&i.product)), t),
        "f" => sq_compile(sq_f(black_box(&i.products)), t),
        "g" => sq_compile(sq_g(black_box(i)), t),
        "h" => sq_compile(sq_h(black_box(i.root)), t),
        other => panic!("no statement {other}"),
    }
}
