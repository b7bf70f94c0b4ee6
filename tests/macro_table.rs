//! The `table!` macro: the same `Table` as the runtime builder, typed
//! comparisons rendered for three dialects, and execution on SQLite.

mod common;

use common::*;
use sqlexpr::prelude::*;
use sqlexpr::{Error, Ident};

sqlexpr::table! {
    /// Teams, in their own schema.
    pub struct Teams = "auth"."teams" {
        id: Integer [primary_key, autoincrement],
        season: SmallInteger [primary_key],
        name: String(100) [not_null, unique],
    }
}

sqlexpr::table! {
    /// Users.
    pub struct Users = "users" {
        id: Integer [primary_key, autoincrement],
        user_name: String(50) [not_null, unique, name("userName")],
        email: Text [comment("contact address")],
        age: BigInteger [index],
        score: Double [not_null, default(0.0)],
        balance: Numeric(10, 2),
        is_active: Boolean [not_null, default(true)],
        mood: Enum("mood", ["happy", "sad"]) [nullable],
        r#type: Text [not_null, server_default("member")],
        avatar: Binary,
        created_at: DateTime [server_default(func::now())],
        team_id: Integer,
        team_season: SmallInteger,
        manager_id: Integer [references(Users.id)],
    }
    foreign_key(team_id, team_season) references Teams(id, season)
        on_delete(Cascade) on_update(SetNull) name("fk_users_team");
    unique_named("uq_users_email_team", email, team_id);
    check(age.ge(0));
    check_named("ck_score", score.between(0.0, 100.0));
    unique_index("ix_users_lower_email", email, user_name);
    comment("people who log in");
    with_builder(|b: sqlexpr::schema::TableBuilder| b.index(Index::new("ix_active", ["id"]).predicate(col("is_active").eq(true))));
}

sqlexpr::table! {
    pub struct Memberships = "memberships" {
        user_id: Integer [not_null],
        team_id: Integer [not_null],
        role: Text [nullable, default("member")],
        joined: Date [references("calendar", "day")],
    }
    primary_key(user_id, team_id);
    foreign_key(user_id) references "users"("id") on_delete(Restrict);
    unique(role, joined);
    index("ix_memberships_joined", joined);
}

fn users_built() -> Table {
    Table::builder("users")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(
            Column::new("userName", SqlType::String(50))
                .not_null()
                .unique(),
        )
        .column(Column::new("email", SqlType::Text).comment("contact address"))
        .column(Column::new("age", SqlType::BigInteger).index())
        .column(
            Column::new("score", SqlType::Double)
                .not_null()
                .default(0.0),
        )
        .column(Column::new("balance", SqlType::Numeric(10, 2)))
        .column(
            Column::new("is_active", SqlType::Boolean)
                .not_null()
                .default(true),
        )
        .column(
            Column::new(
                "mood",
                SqlType::Enum(Ident::from("mood"), vec!["happy".into(), "sad".into()]),
            )
            .nullable(true),
        )
        .column(
            Column::new("type", SqlType::Text)
                .not_null()
                .server_default("member"),
        )
        .column(Column::new("avatar", SqlType::Binary))
        .column(Column::new("created_at", SqlType::DateTime).server_default(func::now()))
        .column(Column::new("team_id", SqlType::Integer))
        .column(Column::new("team_season", SqlType::SmallInteger))
        .column(Column::new("manager_id", SqlType::Integer).references("users", "id"))
        .foreign_key(
            ForeignKey::new(["team_id", "team_season"], "auth.teams", ["id", "season"])
                .on_delete(ReferentialAction::Cascade)
                .on_update(ReferentialAction::SetNull)
                .name("fk_users_team"),
        )
        .unique_named("uq_users_email_team", ["email", "team_id"])
        .check(col("age").ge(0i64))
        .check_named("ck_score", col("score").between(0.0, 100.0))
        .index(Index::new("ix_users_lower_email", ["email", "userName"]).unique())
        .comment("people who log in")
        .index(Index::new("ix_active", ["id"]).predicate(col("is_active").eq(true)))
        .build()
        .unwrap()
}

#[test]
fn macro_table_equals_runtime_table() {
    assert_eq!(*Users::new().table(), users_built());

    let teams = Table::builder("teams")
        .schema("auth")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(Column::new("season", SqlType::SmallInteger).primary_key())
        .column(
            Column::new("name", SqlType::String(100))
                .not_null()
                .unique(),
        )
        .build()
        .unwrap();
    assert_eq!(*Teams::new().table(), teams);
    assert_eq!(
        Teams::TABLE_NAME,
        sqlexpr::TableName::qualified("auth", "teams")
    );

    let memberships = Table::builder("memberships")
        .column(Column::new("user_id", SqlType::Integer).not_null())
        .column(Column::new("team_id", SqlType::Integer).not_null())
        .column(
            Column::new("role", SqlType::Text)
                .nullable(true)
                .default("member"),
        )
        .column(Column::new("joined", SqlType::Date).references("calendar", "day"))
        .primary_key(["user_id", "team_id"])
        .foreign_key(
            ForeignKey::new(["user_id"], "users", ["id"]).on_delete(ReferentialAction::Restrict),
        )
        .unique(["role", "joined"])
        .index(Index::new("ix_memberships_joined", ["joined"]))
        .build()
        .unwrap();
    let m = Memberships::new();
    assert_eq!(*m.table(), memberships);
    assert_eq!(m.table().primary_key, ["user_id", "team_id"]);
}

#[test]
fn handles_know_their_names_and_table() {
    let users = Users::new();
    assert_eq!(users.user_name.name(), "userName");
    assert_eq!(users.r#type.name(), "type");
    let id: Expr = users.id.clone().into();
    assert_eq!(id, users.table().c("id"));
    assert_eq!(Expr::from(&users.user_name), users.table().c("userName"));
}

#[test]
fn default_fn_is_kept() {
    sqlexpr::table! {
        struct Tokens = "tokens" {
            id: Integer [primary_key],
            issued: BigInteger [not_null, default_fn(|| Value::I64(42))],
        }
    }
    let t = Tokens::new();
    let default = t.table().column("issued").unwrap().default.clone().unwrap();
    assert_eq!(default.produce(), Value::I64(42));
}

#[test]
fn typed_comparisons_render_for_three_dialects() {
    let users = Users::new();
    let q = select([users.id.expr(), users.user_name.expr()]).where_(
        users.id.eq(5)
            & users.age.gt(18)
            & users.user_name.ne("bob")
            & users.score.between(1.5, 2.5f32)
            & users.email.is_not_null()
            & users.team_id.in_([1, 2]),
    );
    assert_sql3(
        &q,
        r#"SELECT "users"."id", "users"."userName" FROM "users" WHERE "users"."id" = ? AND "users"."age" > ? AND "users"."userName" <> ? AND "users"."score" BETWEEN ? AND ? AND "users"."email" IS NOT NULL AND "users"."team_id" IN (?, ?)"#,
        r#"SELECT "users"."id", "users"."userName" FROM "users" WHERE "users"."id" = $1 AND "users"."age" > $2 AND "users"."userName" <> $3 AND "users"."score" BETWEEN $4 AND $5 AND "users"."email" IS NOT NULL AND "users"."team_id" IN ($6, $7)"#,
        "SELECT `users`.`id`, `users`.`userName` FROM `users` WHERE `users`.`id` = ? AND `users`.`age` > ? AND `users`.`userName` <> ? AND `users`.`score` BETWEEN ? AND ? AND `users`.`email` IS NOT NULL AND `users`.`team_id` IN (?, ?)",
        vec![
            Value::I32(5),
            Value::I64(18),
            Value::Text("bob".into()),
            Value::F64(1.5),
            Value::F64(2.5),
            Value::I32(1),
            Value::I32(2),
        ],
    );
}

#[test]
fn nullable_handles_take_options_and_none() {
    let users = Users::new();
    let some: Option<i64> = Some(30);
    let q = select([users.id.expr()]).where_(
        users.age.eq(None) | users.age.le(some) | users.email.eq("a@x") | users.mood.ne(None),
    );
    assert_sql3(
        &q,
        r#"SELECT "users"."id" FROM "users" WHERE "users"."age" IS NULL OR "users"."age" <= ? OR "users"."email" = ? OR "users"."mood" IS NOT NULL"#,
        r#"SELECT "users"."id" FROM "users" WHERE "users"."age" IS NULL OR "users"."age" <= $1 OR "users"."email" = $2 OR "users"."mood" IS NOT NULL"#,
        "SELECT `users`.`id` FROM `users` WHERE `users`.`age` IS NULL OR `users`.`age` <= ? OR `users`.`email` = ? OR `users`.`mood` IS NOT NULL",
        vec![Value::I64(30), Value::Text("a@x".into())],
    );
}

#[test]
fn typed_column_against_typed_column_and_patterns() {
    let users = Users::new();
    let teams = Teams::new();
    let boss = users.id.aliased("boss");
    let q = select([users.user_name.expr(), teams.name.label("team")])
        .join_on(
            &teams,
            users.team_id.eq(&teams.id) & teams.season.eq(&users.team_season),
        )
        .join_on(users.table().alias("boss"), users.manager_id.eq(&boss))
        .where_(
            users.user_name.contains("50%")
                & teams.name.like("A%")
                & users.team_season.not_between(1, 3)
                & users.id.not_in([7])
                & users.id.is_distinct_from(&boss),
        )
        .order_by([users.user_name.desc()]);
    assert_sql3(
        &q,
        r#"SELECT "users"."userName", "auth"."teams"."name" AS "team" FROM "users" JOIN "auth"."teams" ON "users"."team_id" = "auth"."teams"."id" AND "auth"."teams"."season" = "users"."team_season" JOIN "users" AS "boss" ON "users"."manager_id" = "boss"."id" WHERE "users"."userName" LIKE ? ESCAPE '/' AND "auth"."teams"."name" LIKE ? AND "users"."team_season" NOT BETWEEN ? AND ? AND "users"."id" NOT IN (?) AND "users"."id" IS NOT "boss"."id" ORDER BY "users"."userName" DESC"#,
        r#"SELECT "users"."userName", "auth"."teams"."name" AS "team" FROM "users" JOIN "auth"."teams" ON "users"."team_id" = "auth"."teams"."id" AND "auth"."teams"."season" = "users"."team_season" JOIN "users" AS "boss" ON "users"."manager_id" = "boss"."id" WHERE "users"."userName" LIKE $1 ESCAPE '/' AND "auth"."teams"."name" LIKE $2 AND "users"."team_season" NOT BETWEEN $3 AND $4 AND "users"."id" NOT IN ($5) AND "users"."id" IS DISTINCT FROM "boss"."id" ORDER BY "users"."userName" DESC"#,
        "SELECT `users`.`userName`, `auth`.`teams`.`name` AS `team` FROM `users` JOIN `auth`.`teams` ON `users`.`team_id` = `auth`.`teams`.`id` AND `auth`.`teams`.`season` = `users`.`team_season` JOIN `users` AS `boss` ON `users`.`manager_id` = `boss`.`id` WHERE `users`.`userName` LIKE ? ESCAPE '/' AND `auth`.`teams`.`name` LIKE ? AND `users`.`team_season` NOT BETWEEN ? AND ? AND `users`.`id` NOT IN (?) AND NOT (`users`.`id` <=> `boss`.`id`) ORDER BY `users`.`userName` DESC",
        vec![
            Value::Text("%50/%%".into()),
            Value::Text("A%".into()),
            Value::I16(1),
            Value::I16(3),
            Value::I32(7),
        ],
    );
}

#[test]
fn from_table_gives_typed_handles_on_a_runtime_table() {
    let runtime = users_built();
    let users = Users::from_table(&runtime).unwrap();
    assert_eq!(*users.table(), runtime);

    let id: Col<i32> = Col::from_table(&runtime, "id").unwrap();
    assert_eq!(id, users.id);
    let email: Col<Option<String>> = Col::from_table(&runtime, "email").unwrap();
    assert_eq!(email, users.email);

    assert_eq!(
        Col::<i32>::from_table(&runtime, "nope").unwrap_err(),
        Error::UnknownColumn {
            table: "users".into(),
            column: "nope".into()
        }
    );
    assert!(matches!(
        Col::<String>::from_table(&runtime, "id"),
        Err(Error::Invalid { .. })
    ));
    // A nullable column needs an Option handle.
    assert!(matches!(
        Col::<String>::from_table(&runtime, "email"),
        Err(Error::Invalid { .. })
    ));
    // A table lacking a declared column is refused.
    let teams = Table::builder("auth.teams")
        .column(Column::new("id", SqlType::Integer).primary_key())
        .build()
        .unwrap();
    assert!(matches!(
        Teams::from_table(&teams),
        Err(Error::UnknownColumn { .. })
    ));
}

#[test]
fn a_declaration_the_builder_rejects_is_an_error() {
    sqlexpr::table! {
        struct Clash = "clash" {
            a: Integer [name("x")],
            b: Integer [name("x")],
        }
    }
    assert_eq!(
        Clash::try_new().unwrap_err(),
        Error::Duplicate {
            kind: "column",
            name: "clash.x".into()
        }
    );
}

sqlexpr::table! {
    struct People = "people" {
        id: Integer [primary_key],
        name: Text [not_null],
        age: BigInteger,
        team: Integer [references(Groups.id)],
    }
}

sqlexpr::table! {
    struct Groups = "groups" {
        id: Integer [primary_key],
        title: String(20) [not_null],
    }
}

#[test]
fn typed_queries_run_on_sqlite() {
    let people = People::new();
    let groups = Groups::new();
    let conn = sqlite_db(
        "CREATE TABLE groups (id INTEGER PRIMARY KEY, title VARCHAR(20) NOT NULL);
         CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age BIGINT, team INTEGER REFERENCES groups(id));
         INSERT INTO groups VALUES (1, 'red'), (2, 'blue');
         INSERT INTO people VALUES (1, 'ann', 31, 1), (2, 'bob', 17, 2), (3, 'cid', NULL, 1), (4, 'dee', 45, 2);",
    );

    let q = select([people.name.expr(), groups.title.expr()])
        .join(&groups)
        .where_(people.age.ge(18) & groups.title.ne("green"))
        .order_by([people.id.asc()]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![
            vec![text("ann"), text("red")],
            vec![text("dee"), text("blue")]
        ]
    );

    let q = select([people.id.expr()])
        .select_from(&people)
        .where_(people.age.eq(None) | people.name.in_(["bob", "dee"]))
        .order_by([people.id.desc()]);
    assert_eq!(
        sqlite_rows(&conn, &q),
        vec![vec![int(4)], vec![int(3)], vec![int(2)]]
    );

    let q = select([people.name.expr()])
        .select_from(&people)
        .join_on(&groups, people.team.eq(&groups.id))
        .where_(groups.title.eq("red") & (people.age.not_between(30, 40) | people.age.is_null()));
    assert_eq!(sqlite_rows(&conn, &q), vec![vec![text("cid")]]);
}

mod schema {
    sqlexpr::table! {
        /// Declared in a module, used from outside it.
        pub(crate) struct Tags = "tags" {
            id: BigInteger [primary_key],
            label: String(30) [not_null],
            post_id: Integer [not_null],
        }
        foreign_key(post_id) references "posts"("id") on_delete(Cascade);
    }
}

#[test]
fn a_table_from_another_module() {
    let tags = schema::Tags::new();
    let q = select([tags.label.expr()]).where_(tags.id.eq(3) & tags.label.eq(String::from("x")));
    assert_sql3(
        &q,
        r#"SELECT "tags"."label" FROM "tags" WHERE "tags"."id" = ? AND "tags"."label" = ?"#,
        r#"SELECT "tags"."label" FROM "tags" WHERE "tags"."id" = $1 AND "tags"."label" = $2"#,
        "SELECT `tags`.`label` FROM `tags` WHERE `tags`.`id` = ? AND `tags`.`label` = ?",
        vec![Value::I64(3), Value::Text("x".into())],
    );
    let fk = &tags.table().foreign_keys[0];
    assert_eq!(fk.on_delete, Some(ReferentialAction::Cascade));
    assert_eq!(fk.ref_columns, ["id"]);
}
