//! DDL: CREATE TABLE (types, defaults, constraints), DROP TABLE, indexes,
//! ALTER TABLE, `create_all` / `drop_all`. Each case works on tables of its
//! own and drops them (MariaDB commits DDL, so a rollback would not).

use sqlexpr::expr::func::*;
use sqlexpr::prelude::*;
use sqlexpr::stmt::ddl::Constraint;

use super::fixture::{int, Fx};
use super::harness::*;

/// `name(id PRIMARY KEY, v VARCHAR(20))`.
fn simple(name: &'static str) -> Table {
    Table::builder(name)
        .column(int("id").primary_key())
        .column(Column::new("v", SqlType::String(20)))
        .build()
        .unwrap()
}

/// `parent(id PRIMARY KEY)` and `child(id, parent_id → parent ON DELETE action)`.
fn parent_child(prefix: &'static str, action: Option<ReferentialAction>) -> (Table, Table) {
    let parent = Table::builder(sqlexpr::TableName::new(format!("{prefix}_parent")))
        .column(int("id").primary_key())
        .build()
        .unwrap();
    let mut fk = ForeignKey::new(
        ["parent_id"],
        sqlexpr::TableName::new(format!("{prefix}_parent")),
        ["id"],
    );
    if let Some(a) = action {
        fk = fk.on_delete(a);
    }
    let child = Table::builder(sqlexpr::TableName::new(format!("{prefix}_child")))
        .column(int("id").primary_key())
        .column(int("parent_id"))
        .foreign_key(fk)
        .build()
        .unwrap();
    (parent, child)
}

fn simple_parent(name: &'static str) -> Table {
    Table::builder(name)
        .column(int("id").primary_key())
        .build()
        .unwrap()
}

fn md(tables: &[&Table]) -> MetaData {
    let mut md = MetaData::new();
    for t in tables {
        md.add((*t).clone()).unwrap();
    }
    md
}

fn blog() -> MetaData {
    let users = Table::builder("b_users")
        .column(int("id").primary_key().autoincrement())
        .column(Column::new("name", SqlType::String(50)).not_null().unique())
        .column(
            Column::new(
                "role",
                SqlType::Enum("b_role".into(), vec!["reader".into(), "author".into()]),
            )
            .not_null()
            .server_default("reader")
            .comment("what the user may do"),
        )
        .column(Column::new("created_at", SqlType::DateTimeTz).server_default(now()))
        .check_named("ck_b_users_name", length(col("name")).gt(0))
        .comment("people")
        .build()
        .unwrap();
    let posts = Table::builder("b_posts")
        .column(int("id").primary_key().autoincrement())
        .column(int("user_id").not_null())
        .column(Column::new("title", SqlType::String(200)).not_null())
        .column(
            Column::new("published", SqlType::Boolean)
                .not_null()
                .server_default(false),
        )
        .column(int("views").not_null().default(0))
        .foreign_key(
            ForeignKey::new(["user_id"], "b_users", ["id"]).on_delete(ReferentialAction::Cascade),
        )
        .index(Index::new(
            "ix_b_posts_user_published",
            ["user_id", "published"],
        ))
        .build()
        .unwrap();
    let tags = Table::builder("b_tags")
        .column(int("id").primary_key())
        .column(Column::new("name", SqlType::String(50)).not_null().unique())
        .build()
        .unwrap();
    let post_tags = Table::builder("b_post_tags")
        .column(int("post_id").references("b_posts", "id"))
        .column(int("tag_id").references("b_tags", "id"))
        .primary_key(["post_id", "tag_id"])
        .build()
        .unwrap();
    md(&[&post_tags, &tags, &posts, &users])
}

fn cyclic() -> MetaData {
    let a = Table::builder("cy_a")
        .column(int("id").primary_key())
        .column(int("b_id").references("cy_b", "id"))
        .build()
        .unwrap();
    let b = Table::builder("cy_b")
        .column(int("id").primary_key())
        .column(int("a_id").references("cy_a", "id"))
        .build()
        .unwrap();
    md(&[&a, &b])
}

pub fn cases(_fx: &Fx) -> Vec<Case> {
    let c = |name: &str| Case::new("ddl", name);
    let count = |t: &Table| select([count_star()]).select_from(t);
    let kinds = Table::builder("d_kinds")
        .column(int("id").primary_key())
        .column(Column::new("u", SqlType::Uuid))
        .column(Column::new("b", SqlType::Boolean))
        .column(Column::new("j", SqlType::Json))
        .column(Column::new("n", SqlType::Numeric(10, 2)))
        .column(Column::new("bin", SqlType::Binary))
        .column(Column::new("d", SqlType::Date))
        .column(Column::new("big", SqlType::BigInteger))
        .column(Column::new("small", SqlType::SmallInteger))
        .column(Column::new("f", SqlType::Double))
        .column(Column::new("t", SqlType::Text))
        .column(Column::new("tm", SqlType::Time))
        .column(Column::new("dt", SqlType::DateTime))
        .column(Column::new("fl", SqlType::Float))
        .build()
        .unwrap();
    let uuid: uuid::Uuid = "67e55044-10b1-426f-9247-bb680e5fe0c8".parse().unwrap();
    let defaults = Table::builder("d_defaults")
        .column(int("id").primary_key())
        .column(Column::new("s", SqlType::String(10)).server_default("it's"))
        .column(int("n").server_default(raw("1 + 2")))
        .column(Column::new("f", SqlType::Double).server_default(1.5))
        .column(Column::new("b", SqlType::Boolean).server_default(true))
        .build()
        .unwrap();
    let generated = Table::builder("d_generated")
        .column(int("id").primary_key())
        .column(
            Column::new("n", SqlType::BigInteger)
                .not_null()
                .default_fn(|| Value::I64(42)),
        )
        .build()
        .unwrap();
    let cons = Table::builder("d_cons")
        .column(int("a").not_null())
        .column(int("b"))
        .column(int("p"))
        .unique_named("uq_d_cons_ab", ["a", "b"])
        .check(col("a").gt(0))
        .foreign_key(
            ForeignKey::new(["p"], "d_cons_parent", ["id"])
                .name("fk_d_cons_p")
                .on_delete(ReferentialAction::SetNull)
                .on_update(ReferentialAction::Cascade),
        )
        .build()
        .unwrap();
    let cons_parent = simple("d_cons_parent");
    let composite = Table::builder("d_composite")
        .column(Column::new("k1", SqlType::String(10)))
        .column(int("k2"))
        .column(int("v"))
        .primary_key(["k1", "k2"])
        .build()
        .unwrap();
    let idx = Table::builder("d_idx")
        .column(int("id").primary_key())
        .column(int("a"))
        .column(int("b"))
        .build()
        .unwrap();
    let renamed = Table::builder("d_renamed")
        .column(int("id").primary_key())
        .column(Column::new("v", SqlType::String(20)))
        .build()
        .unwrap();
    let with_w = Table::builder("d_alter_rename_col")
        .column(int("id").primary_key())
        .column(Column::new("w", SqlType::String(20)))
        .build()
        .unwrap();
    let blog = blog();
    let b_users = blog.table("b_users").unwrap().clone();
    let b_posts = blog.table("b_posts").unwrap().clone();
    let (cp, cc) = parent_child("d_casc", Some(ReferentialAction::Cascade));
    let (dp, dc) = parent_child("d_dropc", None);
    let ap = simple_parent("d_fk_parent");
    let ac_plain = Table::builder("d_fk_child")
        .column(int("id").primary_key())
        .column(int("parent_id"))
        .build()
        .unwrap();
    // d_addref once ALTER TABLE has added its column.
    let addref = Table::builder("d_addref")
        .column(int("id").primary_key())
        .column(Column::new("v", SqlType::String(20)))
        .column(int("p_id"))
        .build()
        .unwrap();
    let fk_add = alter_table(&ac_plain)
        .add_constraint(ForeignKey::new(["parent_id"], "d_fk_parent", ["id"]).name("fk_d_fk"));
    let ins_simple =
        |t: &Table, id: i32, v: &str| insert(t).value("id", id).value("v", v.to_owned());
    vec![
        c("CREATE TABLE, INSERT, SELECT, DROP TABLE")
            .run(create_table(&simple("d_t1")))
            .exec(ins_simple(&simple("d_t1"), 1, "x"), 1)
            .rows(select([simple("d_t1").c("v")]), one("x"))
            .run(drop_table(&simple("d_t1"))),
        c("CREATE TABLE IF NOT EXISTS twice")
            .run(create_table(&simple("d_t2")).if_not_exists())
            .run(create_table(&simple("d_t2")).if_not_exists())
            .rows(count(&simple("d_t2")), one("0"))
            .run(drop_table(&simple("d_t2"))),
        c("DROP TABLE IF EXISTS of a missing table")
            .run(drop_table(&simple("d_missing")).if_exists())
            .rows(select([raw("1")]), one("1")),
        c("DROP TABLE ... CASCADE")
            .run(create_table(&dp))
            .run(create_table(&dc))
            .run(drop_table(&dp).cascade())
            .exec(insert(&dc).value("id", 1).value("parent_id", 99), 1)
            .run(drop_table(&dc))
            .unsupported(SQLITE, "DROP TABLE ... CASCADE")
            .unsupported(MY, "DROP TABLE ... CASCADE"),
        c("column types round trip")
            .run(create_table(&kinds))
            .exec(
                insert(&kinds)
                    .value("id", 1)
                    .value("u", uuid)
                    .value("b", true)
                    .value("j", serde_json::json!({"a": [1, 2]}))
                    .value("n", Value::Decimal("12.50".parse().unwrap()))
                    .value("bin", vec![0u8, 1, 255])
                    .value(
                        "d",
                        Value::Date(chrono::NaiveDate::from_ymd_opt(1999, 12, 31).unwrap()),
                    )
                    .value("big", i64::MAX)
                    .value("small", -7i16)
                    .value("f", 0.25f64)
                    .value("t", "żółw")
                    .value(
                        "tm",
                        Value::Time(chrono::NaiveTime::from_hms_opt(23, 59, 58).unwrap()),
                    )
                    .value(
                        "dt",
                        Value::DateTime(
                            chrono::NaiveDate::from_ymd_opt(2000, 1, 2)
                                .unwrap()
                                .and_hms_opt(3, 4, 5)
                                .unwrap(),
                        ),
                    )
                    .value("fl", 0.5f32),
                1,
            )
            .rows(
                select(kinds.all_columns()),
                rows(&[[
                    "1",
                    "67e55044-10b1-426f-9247-bb680e5fe0c8",
                    "1",
                    r#"{"a":[1,2]}"#,
                    "12.5",
                    "x'0001ff'",
                    "1999-12-31",
                    "9223372036854775807",
                    "-7",
                    "0.25",
                    "żółw",
                    "23:59:58",
                    "2000-01-02 03:04:05",
                    "0.5",
                ]]),
            )
            .run(drop_table(&kinds)),
        c("client-side default from a function")
            .run(create_table(&generated))
            .exec(insert(&generated).value("id", 1), 1)
            .exec(insert(&generated).value("id", 2).value("n", 7), 1)
            .rows(
                select([generated.c("n")]).order_by([generated.c("id")]),
                rows(&[["42"], ["7"]]),
            )
            .run(drop_table(&generated)),
        c("server defaults: text, expression, float, boolean")
            .run(create_table(&defaults))
            .exec(insert(&defaults).value("id", 1), 1)
            .rows(
                select(defaults.all_columns()),
                rows(&[["1", "it's", "3", "1.5", "1"]]),
            )
            .run(drop_table(&defaults)),
        c("UNIQUE, CHECK, FOREIGN KEY ON DELETE SET NULL ON UPDATE CASCADE")
            .run(create_table(&cons_parent))
            .run(create_table(&cons))
            .exec(ins_simple(&cons_parent, 1, "p"), 1)
            .exec(insert(&cons).value("a", 1).value("b", 2).value("p", 1), 1)
            // UNIQUE (a, b), CHECK (a > 0), the foreign key: each enforced.
            .rejects(insert(&cons).value("a", 1).value("b", 2))
            .rejects(insert(&cons).value("a", 0).value("b", 3))
            .rejects(insert(&cons).value("a", 2).value("b", 2).value("p", 99))
            .rows(count(&cons), one("1"))
            .exec(update(&cons_parent).set("id", 5), 1)
            .rows(select([cons.c("p")]), one("5"))
            .exec(delete(&cons_parent), 1)
            .rows(select([cons.c("p")]), one("NULL"))
            .run(drop_table(&cons))
            .run(drop_table(&cons_parent)),
        c("composite primary key")
            .run(create_table(&composite))
            .exec(
                insert(&composite).rows([
                    [("k1", Expr::from("a")), ("k2", 1.into()), ("v", 1.into())],
                    [("k1", Expr::from("a")), ("k2", 2.into()), ("v", 2.into())],
                ]),
                2,
            )
            .rejects(
                insert(&composite)
                    .value("k1", "a")
                    .value("k2", 2)
                    .value("v", 3),
            )
            .exec3(
                insert(&composite)
                    .value("k1", "a")
                    .value("k2", 1)
                    .value("v", 10)
                    .on_conflict(["k1", "k2"])
                    .do_update([("v", excluded("v"))]),
                [1, 1, 2],
            )
            .rows(
                select([composite.c("v")]).order_by([composite.c("k2")]),
                rows(&[["10"], ["2"]]),
            )
            .run(drop_table(&composite)),
        c("FOREIGN KEY ON DELETE CASCADE")
            .run(create_table(&cp))
            .run(create_table(&cc))
            .exec(insert(&cp).value("id", 1), 1)
            .exec(insert(&cc).value("id", 1).value("parent_id", 1), 1)
            .exec(delete(&cp), 1)
            .rows(count(&cc), one("0"))
            .run(drop_table(&cc))
            .run(drop_table(&cp)),
        c("CREATE INDEX, CREATE UNIQUE INDEX")
            .run(create_table(&idx))
            .run(create_index(&idx, Index::new("ix_d_idx_a", ["a"])))
            .run(create_index(
                &idx,
                Index::new("ux_d_idx_ab", ["a", "b"]).unique(),
            ))
            .exec(insert(&idx).value("id", 1).value("a", 1).value("b", 1), 1)
            .rejects(insert(&idx).value("id", 3).value("a", 1).value("b", 1))
            .rows(count(&idx), one("1"))
            .run(drop_index(&idx, "ux_d_idx_ab"))
            .run(drop_index(&idx, "ix_d_idx_a"))
            .exec(insert(&idx).value("id", 2).value("a", 1).value("b", 1), 1)
            .run(drop_table(&idx)),
        c("partial index")
            .run(create_table(&simple("d_partial")))
            .run(create_index(
                &simple("d_partial"),
                Index::new("ux_d_partial", ["v"])
                    .unique()
                    .predicate(col("id").gt(10)),
            ))
            .exec(
                insert(simple("d_partial")).rows([
                    [("id", Expr::from(1)), ("v", "x".into())],
                    [("id", Expr::from(2)), ("v", "x".into())],
                ]),
                2,
            )
            // Unique only where id > 10.
            .exec(ins_simple(&simple("d_partial"), 11, "x"), 1)
            .rejects(ins_simple(&simple("d_partial"), 12, "x"))
            .rows(count(&simple("d_partial")), one("3"))
            .run(drop_table(&simple("d_partial")))
            .unsupported(MY, "partial index (CREATE INDEX ... WHERE)"),
        c("CREATE INDEX IF NOT EXISTS, DROP INDEX IF EXISTS")
            .run(create_table(&simple("d_ine")))
            .run(create_index(&simple("d_ine"), Index::new("ix_d_ine", ["v"])).if_not_exists())
            .run(create_index(&simple("d_ine"), Index::new("ix_d_ine", ["v"])).if_not_exists())
            .run(drop_index(&simple("d_ine"), "ix_d_ine").if_exists())
            .run(drop_index(&simple("d_ine"), "ix_d_ine").if_exists())
            .rows(count(&simple("d_ine")), one("0"))
            .run(drop_table(&simple("d_ine"))),
        c("ALTER TABLE ADD COLUMN NOT NULL DEFAULT")
            .run(create_table(&simple("d_add")))
            .exec(ins_simple(&simple("d_add"), 1, "x"), 1)
            .run(
                alter_table(&simple("d_add")).add_column(
                    Column::new("summary", SqlType::String(100))
                        .not_null()
                        .server_default("none"),
                ),
            )
            .rows(
                select([col("summary")]).select_from(simple("d_add")),
                one("none"),
            )
            .run(drop_table(&simple("d_add"))),
        c("ALTER TABLE ADD COLUMN ... REFERENCES")
            .run(create_table(&simple("d_addref_p")))
            .run(create_table(&simple("d_addref")))
            .run(
                alter_table(&simple("d_addref"))
                    .add_column(int("p_id").references("d_addref_p", "id")),
            )
            .exec(ins_simple(&simple("d_addref_p"), 1, "p"), 1)
            .exec(insert(&addref).value("id", 1).value("p_id", 1), 1)
            .rejects(insert(&addref).value("id", 2).value("p_id", 99))
            .rows(count(&simple("d_addref")), one("1"))
            .run(drop_table(&simple("d_addref")))
            .run(drop_table(&simple("d_addref_p")))
            .unsupported(
                MY,
                "REFERENCES in ADD COLUMN (add the foreign key with ADD CONSTRAINT)",
            ),
        c("ALTER TABLE DROP COLUMN")
            .run(create_table(&simple("d_dropcol")))
            .exec(ins_simple(&simple("d_dropcol"), 1, "x"), 1)
            .run(alter_table(&simple("d_dropcol")).drop_column("v"))
            .rows(
                select([raw("*")]).select_from(simple("d_dropcol")),
                one("1"),
            )
            .run(drop_table(&simple("d_dropcol"))),
        c("ALTER TABLE ADD CONSTRAINT FOREIGN KEY, DROP FOREIGN KEY")
            .run(create_table(&ap))
            .run(create_table(&ac_plain))
            .run(fk_add)
            .exec(insert(&ap).value("id", 1), 1)
            .exec(insert(&ac_plain).value("id", 1).value("parent_id", 1), 1)
            .rejects(insert(&ac_plain).value("id", 3).value("parent_id", 99))
            .run(alter_table(&ac_plain).drop_foreign_key("fk_d_fk"))
            .exec(insert(&ac_plain).value("id", 2).value("parent_id", 99), 1)
            .rows(count(&ac_plain), one("2"))
            .run(drop_table(&ac_plain))
            .run(drop_table(&ap))
            .unsupported(SQLITE, "ALTER TABLE ADD / DROP CONSTRAINT"),
        c("ALTER TABLE ADD CONSTRAINT CHECK")
            .run(create_table(&simple("d_chk")))
            .run(
                alter_table(&simple("d_chk"))
                    .add_constraint(Constraint::check(Some("ck_d_chk".into()), col("id").gt(0))),
            )
            .exec(ins_simple(&simple("d_chk"), 1, "x"), 1)
            .rejects(ins_simple(&simple("d_chk"), -1, "y"))
            .rows(count(&simple("d_chk")), one("1"))
            .run(drop_table(&simple("d_chk")))
            .unsupported(SQLITE, "ALTER TABLE ADD / DROP CONSTRAINT"),
        c("ALTER TABLE RENAME TO")
            .run(create_table(&simple("d_torename")))
            .exec(ins_simple(&simple("d_torename"), 1, "x"), 1)
            .run(alter_table(&simple("d_torename")).rename_to("d_renamed"))
            .rows(select([renamed.c("v")]), one("x"))
            .run(drop_table(&renamed)),
        c("ALTER TABLE RENAME COLUMN")
            .run(create_table(&simple("d_alter_rename_col")))
            .exec(ins_simple(&simple("d_alter_rename_col"), 1, "x"), 1)
            .run(alter_table(&simple("d_alter_rename_col")).rename_column("v", "w"))
            .rows(select([with_w.c("w")]), one("x"))
            .run(drop_table(&with_w)),
        c("create_all / drop_all: enum, autoincrement, defaults, FKs, index, comments")
            .create_all(blog.clone())
            .exec(insert(&b_users).value("name", "ann"), 1)
            .exec(
                insert(&b_users)
                    .value("name", "bob")
                    .value("role", "author"),
                1,
            )
            .exec(
                insert(&b_posts).from_select(
                    ["user_id", "title", "views"],
                    select([
                        b_users.c("id"),
                        b_users.c("name").concat("'s post"),
                        raw("0"),
                    ])
                    .where_(b_users.c("role").eq("author")),
                ),
                1,
            )
            .rows(
                select([
                    b_users.c("name"),
                    b_users.c("role"),
                    b_users.c("created_at").is_not_null(),
                    b_posts.c("title"),
                    b_posts.c("published"),
                    b_posts.c("views"),
                ])
                .select_from(&b_users)
                .left_join(&b_posts)
                .order_by([b_users.c("name")]),
                rows(&[
                    ["ann", "reader", "1", "NULL", "NULL", "NULL"],
                    ["bob", "author", "1", "bob's post", "0", "0"],
                ]),
            )
            .exec(delete(&b_users).where_(b_users.c("name").eq("bob")), 1)
            .rows(count(&b_posts), one("0"))
            .drop_all(blog),
        c("create_all / drop_all with a foreign-key cycle")
            .create_all(cyclic())
            .run(insert(cyclic().table("cy_a").unwrap()).value("id", 1))
            .rows(count(cyclic().table("cy_a").unwrap()), one("1"))
            .drop_all(cyclic()),
    ]
}

/// Upserts against unique keys the metadata declares, and column types at
/// (and past) each database's limits.
pub fn keys_and_type_limits(_fx: &Fx) -> Vec<Case> {
    let c = |name: &str| Case::new("ddl", name);
    let count = |t: &Table| select([count_star()]).select_from(t);
    let ux = || Index::new("ux_d_ux_ab", ["a", "b"]).unique();
    let keyed = Table::builder("d_ux")
        .column(int("id").primary_key().autoincrement())
        .column(int("a"))
        .column(int("b"))
        .column(int("v"))
        .index(ux())
        .build()
        .unwrap();
    let upsert = |v: i32| {
        insert(&keyed)
            .value("a", 1)
            .value("b", 1)
            .value("v", v)
            .on_conflict(["b", "a"])
    };
    let typed = |name: &'static str, ty: SqlType| {
        Table::builder(name)
            .column(Column::new("c", ty))
            .build()
            .unwrap()
    };
    let type_case = |name: &str, t: Table, value: Expr, out: &str| {
        c(name)
            .run(create_table(&t))
            .exec(insert(&t).value("c", value), 1)
            .rows(select([t.c("c")]), one(out))
            .run(drop_table(&t))
    };
    let long = |n: usize| Expr::from("x".repeat(n));
    vec![
        c("upsert against a unique index declared in the metadata")
            .run(create_table(&keyed))
            .run(create_index(&keyed, ux()))
            .exec(insert(&keyed).value("a", 1).value("b", 1).value("v", 1), 1)
            .rejects(insert(&keyed).value("a", 1).value("b", 1).value("v", 2))
            .exec(upsert(3).do_nothing(), 0)
            .exec3(upsert(4).do_update([("v", excluded("v"))]), [1, 1, 2])
            .rows(select([keyed.c("a"), keyed.c("b"), keyed.c("v")]), rows(&[["1", "1", "4"]]))
            .run(drop_index(&keyed, "ux_d_ux_ab"))
            .run(drop_table(&keyed)),
        c("upsert on a column that is not a unique key")
            .run(
                insert(&keyed)
                    .value("a", 1)
                    .value("v", 1)
                    .on_conflict(["v"])
                    .do_nothing(),
            )
            .compile_error_everywhere("the conflict target (v) is not the primary key, a unique constraint or a unique index of table d_ux"),
        c("upsert that sets two unique keys")
            .run(create_table(&keyed))
            .run(create_index(&keyed, ux()))
            .exec(insert(&keyed).value("id", 1).value("a", 1).value("b", 1).value("v", 1), 1)
            .exec(
                insert(&keyed)
                    .value("id", 2)
                    .value("a", 1)
                    .value("b", 1)
                    .value("v", 2)
                    .on_conflict(["a", "b"])
                    .do_nothing(),
                0,
            )
            .rows(count(&keyed), one("1"))
            .run(drop_index(&keyed, "ux_d_ux_ab"))
            .run(drop_table(&keyed))
            .unsupported(MY, "also sets the unique key (id)"),
        type_case("VARCHAR(1)", typed("d_v1", SqlType::String(1)), long(1), "x"),
        type_case(
            "VARCHAR at the database's maximum",
            typed("d_vmax", SqlType::String(10_485_760)),
            long(3),
            "xxx",
        )
        .compile_error(MY, "VARCHAR(10485760)"),
        type_case(
            "VARCHAR(16383), MySQL's maximum",
            typed("d_v16k", SqlType::String(16_383)),
            long(16_383),
            &"x".repeat(16_383),
        ),
        c("VARCHAR(0)")
            .run(create_table(&typed("d_v0", SqlType::String(0))))
            .compile_error_everywhere("VARCHAR(0)"),
        c("VARCHAR past the database's maximum")
            .run(create_table(&typed("d_vpast", SqlType::String(10_485_761))))
            .run(drop_table(&typed("d_vpast", SqlType::String(10_485_761))))
            .compile_error(PG, "the length is beyond the maximum of 10485760")
            .compile_error(MY, "the length is beyond the maximum of 16383"),
        type_case(
            "DECIMAL(65, 30), MySQL's maximum",
            typed("d_d65", SqlType::Numeric(65, 30)),
            Expr::from(Value::Decimal("1.5".parse().unwrap())),
            "1.5",
        ),
        type_case(
            "NUMERIC(1000, 2), PostgreSQL's maximum precision",
            typed("d_d1000", SqlType::Numeric(1000, 2)),
            Expr::from(Value::Decimal("1.5".parse().unwrap())),
            "1.5",
        )
        .compile_error(MY, "the precision is beyond the maximum of 65"),
        c("DECIMAL(70, 2)")
            .run(create_table(&typed("d_d70", SqlType::Numeric(70, 2))))
            .run(drop_table(&typed("d_d70", SqlType::Numeric(70, 2))))
            .compile_error(MY, "NUMERIC(70, 2)"),
        c("DECIMAL(5, 10)")
            .run(create_table(&typed("d_d510", SqlType::Numeric(5, 10))))
            .compile_error_everywhere("the scale is greater than the precision"),
        c("ENUM with no variants")
            .create_all({
                let mut md = MetaData::new();
                md.add(typed("d_e0", SqlType::Enum("d_e0_kind".into(), vec![])))
                    .unwrap();
                md
            })
            .compile_error_everywhere("it has no variants"),
        c("ENUM with a variant twice")
            .run(create_table(&typed(
                "d_e2",
                SqlType::Enum("d_e2_kind".into(), vec!["a".into(), "a".into()]),
            )))
            .compile_error_everywhere(r#"the variant "a" is listed twice"#),
    ]
}
