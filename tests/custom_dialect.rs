//! Statements compiled with the SQL Server-like dialect of
//! examples/custom_dialect.rs, written against the public `Dialect` trait
//! only: exact SQL and params.

mod common;

#[path = "../examples/custom_dialect.rs"]
#[allow(dead_code)]
mod custom_dialect;

use custom_dialect::{tables, SqlServer};
use sqlexpr::expr::func::{count_star, length};
use sqlexpr::prelude::*;
use sqlexpr::{Cte, Error};

/// The exact SQL and params for the SQL Server dialect.
#[track_caller]
fn assert_tsql(stmt: &dyn Render, sql: &str, params: Vec<Value>) {
    common::assert_sql(stmt, [(&SqlServer::new(), sql, params)]);
}

/// `Error::Unsupported` from the SQL Server dialect for `feature`.
#[track_caller]
fn assert_unsupported(stmt: &dyn Render, feature: &str) {
    common::assert_unsupported(stmt, &SqlServer::new(), feature);
}

#[test]
fn brackets_and_numbered_placeholders() {
    let (users, posts) = tables();
    let q = select([users.c("id"), users.c("odd]name")]).where_(
        users.c("name").eq("ann")
            & users
                .c("id")
                .in_subquery(select([posts.c("user_id")]).where_(posts.c("title").like("%x%"))),
    );
    assert_tsql(
        &q,
        concat!(
            "SELECT [users].[id], [users].[odd]]name] FROM [users] WHERE [users].[name] = @p1",
            " AND [users].[id] IN (SELECT [posts].[user_id] FROM [posts] WHERE [posts].[title] LIKE @p2)",
        ),
        vec![Value::Text("ann".into()), Value::Text("%x%".into())],
    );
    let t = Table::builder("a]]b")
        .column(Column::new("[c]", SqlType::Integer))
        .build()
        .unwrap();
    assert_tsql(
        &select([t.c("[c]")]),
        "SELECT [a]]]]b].[[c]]] FROM [a]]]]b]",
        vec![],
    );
}

#[test]
fn top_for_a_limit_without_offset() {
    let (users, posts) = tables();
    assert_tsql(
        &select([users.c("name")])
            .order_by([users.c("name").asc()])
            .limit(10),
        "SELECT TOP 10 [users].[name] FROM [users] ORDER BY [users].[name] ASC",
        vec![],
    );
    assert_tsql(
        &select([users.c("name")]).distinct().limit(3),
        "SELECT DISTINCT TOP 3 [users].[name] FROM [users]",
        vec![],
    );
    // In a subquery too, with the placeholders numbered through it.
    let latest = select([posts.c("user_id")])
        .where_(posts.c("title").ne("draft"))
        .order_by([posts.c("id").desc()])
        .limit(1);
    assert_tsql(
        &select([users.c("name")])
            .where_(users.c("id").eq(latest.scalar_subquery()) & users.c("name").ne("x")),
        concat!(
            "SELECT [users].[name] FROM [users] WHERE [users].[id] = (SELECT TOP 1 [posts].[user_id] FROM [posts]",
            " WHERE [posts].[title] <> @p1 ORDER BY [posts].[id] DESC) AND [users].[name] <> @p2",
        ),
        vec![Value::Text("draft".into()), Value::Text("x".into())],
    );
}

#[test]
fn offset_fetch_with_an_order_by_supplied_when_missing() {
    let (users, _) = tables();
    assert_tsql(
        &select([users.c("name")])
            .order_by([users.c("id").asc()])
            .limit(20)
            .offset(40),
        "SELECT [users].[name] FROM [users] ORDER BY [users].[id] ASC OFFSET 40 ROWS FETCH NEXT 20 ROWS ONLY",
        vec![],
    );
    assert_tsql(
        &select([users.c("name")]).limit(20).offset(40),
        "SELECT [users].[name] FROM [users] ORDER BY (SELECT NULL) OFFSET 40 ROWS FETCH NEXT 20 ROWS ONLY",
        vec![],
    );
    assert_tsql(
        &select([users.c("name")]).offset(5),
        "SELECT [users].[name] FROM [users] ORDER BY (SELECT NULL) OFFSET 5 ROWS",
        vec![],
    );
}

#[test]
fn compounds_are_paged_with_offset_fetch() {
    let (users, posts) = tables();
    let u = select([users.c("name")]).where_(users.c("id").gt(1));
    let p = select([posts.c("title")]);
    assert_tsql(
        &u.clone().union_all(p.clone()).limit(5),
        concat!(
            "SELECT [users].[name] FROM [users] WHERE [users].[id] > @p1",
            " UNION ALL SELECT [posts].[title] FROM [posts] ORDER BY 1 OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY",
        ),
        vec![Value::I32(1)],
    );
    assert_tsql(
        &u.clone()
            .union(p.clone())
            .order_by([col("name").desc()])
            .limit(5)
            .offset(10),
        concat!(
            "SELECT [users].[name] FROM [users] WHERE [users].[id] > @p1",
            " UNION SELECT [posts].[title] FROM [posts] ORDER BY [name] DESC OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY",
        ),
        vec![Value::I32(1)],
    );
    // A member with its own TOP is parenthesised.
    assert_tsql(
        &p.clone().limit(1).union(u),
        concat!(
            "(SELECT TOP 1 [posts].[title] FROM [posts])",
            " UNION SELECT [users].[name] FROM [users] WHERE [users].[id] > @p1",
        ),
        vec![Value::I32(1)],
    );
    // INTERSECT ALL is the core's ROW_NUMBER() emulation.
    assert_tsql(
        &p.clone().intersect_all(p),
        concat!(
            "SELECT [_s].[title] FROM (",
            "SELECT [_l].[title], ROW_NUMBER() OVER (PARTITION BY [_l].[title] ORDER BY [_l].[title]) AS [_rn]",
            " FROM (SELECT [posts].[title] FROM [posts]) AS [_l]",
            " INTERSECT SELECT [_r].[title], ROW_NUMBER() OVER (PARTITION BY [_r].[title] ORDER BY [_r].[title]) AS [_rn]",
            " FROM (SELECT [posts].[title] FROM [posts]) AS [_r]) AS [_s]",
        ),
        vec![],
    );
}

#[test]
fn expressions_in_tsql_spelling() {
    let (users, _) = tables();
    assert_tsql(
        &select([
            users.c("name").concat("!").label("shout"),
            length(users.c("name")).label("len"),
        ])
        .where_(or_([
            users.c("name").eq("a"),
            users.c("id").in_(Vec::<i32>::new()),
        ])),
        concat!(
            "SELECT CONCAT([users].[name], @p1) AS [shout], LEN([users].[name]) AS [len] FROM [users]",
            " WHERE [users].[name] = @p2 OR (1 = 0)",
        ),
        vec![Value::Text("!".into()), Value::Text("a".into())],
    );
    assert_tsql(
        &select([users.c("id")]).where_(and_(Vec::<Expr>::new())),
        "SELECT [users].[id] FROM [users] WHERE (1 = 1)",
        vec![],
    );
    assert_tsql(
        &select([users.c("name")]).order_by([users.c("name").desc().nulls_first()]),
        "SELECT [users].[name] FROM [users] ORDER BY CASE WHEN [users].[name] IS NULL THEN 0 ELSE 1 END, [users].[name] DESC",
        vec![],
    );
    let inline = select([users.c("id")])
        .where_(users.c("odd]name").eq(true) & users.c("name").eq("it's"))
        .to_sql_inline(&SqlServer::new())
        .unwrap();
    assert_eq!(
        inline,
        "SELECT [users].[id] FROM [users] WHERE [users].[odd]]name] = 1 AND [users].[name] = 'it''s'"
    );
}

#[test]
fn recursive_ctes_use_plain_with() {
    let nums = Cte::new("nums").columns(["n"]);
    let body = select([raw("1")]).union_all(
        select([nums.c("n") + 1])
            .select_from(&nums)
            .where_(nums.c("n").lt(5)),
    );
    let nums = nums.as_(body);
    let q = select([nums.c("n")])
        .select_from(&nums)
        .with_recursive(nums);
    assert_tsql(
        &q,
        concat!(
            "WITH [nums] ([n]) AS (SELECT 1 UNION ALL SELECT [nums].[n] + @p1 FROM [nums] WHERE [nums].[n] < @p2)",
            " SELECT [nums].[n] FROM [nums]",
        ),
        vec![Value::I32(1), Value::I32(5)],
    );
}

#[test]
fn dml() {
    let (users, posts) = tables();
    assert_tsql(
        &insert(&users).row([("name", Expr::from("ann")), ("odd]name", true.into())]),
        "INSERT INTO [users] ([name], [odd]]name]) VALUES (@p1, @p2)",
        vec![Value::Text("ann".into()), Value::Bool(true)],
    );
    assert_tsql(
        &update(&users)
            .set("name", "bob")
            .where_(users.c("id").eq(2)),
        "UPDATE [users] SET [name] = @p1 WHERE [users].[id] = @p2",
        vec![Value::Text("bob".into()), Value::I32(2)],
    );
    assert_tsql(
        &delete(&posts)
            .using(&users)
            .where_(posts.c("user_id").eq(users.c("id")) & users.c("name").eq("bob")),
        concat!(
            "DELETE FROM [posts] WHERE EXISTS (SELECT 1 FROM [users]",
            " WHERE [posts].[user_id] = [users].[id] AND [users].[name] = @p1)",
        ),
        vec![Value::Text("bob".into())],
    );
    assert_tsql(
        &create_table(&posts),
        concat!(
            "CREATE TABLE [posts] ([id] INTEGER NOT NULL IDENTITY(1,1), [user_id] INTEGER NOT NULL,",
            " [title] NVARCHAR(MAX) NOT NULL, PRIMARY KEY ([id]),",
            " FOREIGN KEY ([user_id]) REFERENCES [users] ([id]))",
        ),
        vec![],
    );
}

#[test]
fn what_it_cannot_express_is_unsupported() {
    let (users, posts) = tables();
    assert_unsupported(
        &insert(&users)
            .value("name", "cy")
            .returning([users.c("id")]),
        "RETURNING on INSERT",
    );
    assert_unsupported(
        &update(&users).set("name", "cy").returning([users.c("id")]),
        "RETURNING on UPDATE",
    );
    assert_unsupported(
        &delete(&users).returning([users.c("id")]),
        "RETURNING on DELETE",
    );
    assert_unsupported(
        &insert(&users)
            .value("name", "cy")
            .on_conflict(["name"])
            .do_nothing(),
        "upsert (ON CONFLICT)",
    );
    assert_unsupported(
        &select([users.c("id")]).for_update(),
        "row locking (FOR UPDATE / FOR SHARE)",
    );
    let last = select([count_star()])
        .where_(posts.c("user_id").eq(users.c("id")))
        .subquery("n")
        .lateral();
    assert_unsupported(
        &select([users.c("id")])
            .select_from(&users)
            .join_on(last, raw("1 = 1")),
        "LATERAL subquery",
    );
    let many = select([users.c("id")]).where_(users.c("id").in_((0..2101).collect::<Vec<i32>>()));
    assert_eq!(
        many.compile(&SqlServer::new()).unwrap_err(),
        Error::TooManyParams {
            count: 2101,
            limit: 2100
        }
    );
}
