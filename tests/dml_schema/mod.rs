//! The blog schema shared by the DML and DDL tests.
#![allow(dead_code)]

use sqlexpr::prelude::*;

/// users, posts, comments, tags, post_tags, added in an order that is not
/// the dependency order.
pub fn blog() -> MetaData {
    let users = Table::builder("users")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(Column::new("name", SqlType::String(50)).not_null().unique())
        .column(
            Column::new(
                "role",
                SqlType::Enum("user_role".into(), vec!["reader".into(), "author".into()]),
            )
            .not_null()
            .server_default("reader")
            .comment("what the user may do"),
        )
        .column(Column::new("created_at", SqlType::DateTimeTz).server_default(func::now()))
        .check_named("ck_users_name", func::length(col("name")).gt(0))
        .comment("people")
        .build()
        .unwrap();
    let posts = Table::builder("posts")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(Column::new("user_id", SqlType::Integer).not_null())
        .column(Column::new("title", SqlType::String(200)).not_null())
        .column(
            Column::new("published", SqlType::Boolean)
                .not_null()
                .server_default(false),
        )
        .column(Column::new("views", SqlType::Integer).not_null().default(0))
        .foreign_key(
            ForeignKey::new(["user_id"], "users", ["id"]).on_delete(ReferentialAction::Cascade),
        )
        .index(Index::new(
            "ix_posts_user_published",
            ["user_id", "published"],
        ))
        .build()
        .unwrap();
    let comments = Table::builder("comments")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(Column::new("post_id", SqlType::Integer).not_null())
        .column(Column::new("user_id", SqlType::Integer).references("users", "id"))
        .column(Column::new("body", SqlType::Text).not_null())
        .foreign_key(
            ForeignKey::new(["post_id"], "posts", ["id"]).on_delete(ReferentialAction::Cascade),
        )
        .build()
        .unwrap();
    let tags = Table::builder("tags")
        .column(
            Column::new("id", SqlType::Integer)
                .primary_key()
                .autoincrement(),
        )
        .column(Column::new("name", SqlType::String(50)).not_null().unique())
        .column(Column::new("uses", SqlType::Integer).not_null().default(1))
        .build()
        .unwrap();
    let post_tags = Table::builder("post_tags")
        .column(Column::new("post_id", SqlType::Integer).references("posts", "id"))
        .column(Column::new("tag_id", SqlType::Integer).references("tags", "id"))
        .primary_key(["post_id", "tag_id"])
        .build()
        .unwrap();
    let mut md = MetaData::new();
    for t in [post_tags, comments, posts, tags, users] {
        md.add(t).unwrap();
    }
    md
}
