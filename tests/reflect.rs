//! Reflection on SQLite, PostgreSQL and MariaDB: tables created with raw
//! DDL, reflected, and compared with the exact metadata expected (each
//! database's normalisations spelled out).
mod common;

use common::servers;
use sqlexpr::prelude::*;
use sqlexpr::schema::TableBuilder;

fn col(name: &'static str, ty: SqlType) -> Column {
    Column::new(name, ty)
}

fn build(b: TableBuilder) -> Table {
    b.build().unwrap()
}

#[track_caller]
fn assert_tables(meta: &MetaData, expected: &[Table]) {
    let names: Vec<String> = meta.tables().iter().map(|t| t.name.to_string()).collect();
    let wanted: Vec<String> = expected.iter().map(|t| t.name.to_string()).collect();
    assert_eq!(names, wanted);
    for t in expected {
        assert_eq!(
            meta.table(&t.name.to_string()).unwrap(),
            t,
            "table {}",
            t.name
        );
    }
}

#[test]
fn sqlite() {
    let conn = common::sqlite_db(
        "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE,
             bio TEXT DEFAULT 'none', score REAL);
         CREATE TABLE books (id BIGINT NOT NULL PRIMARY KEY,
             author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
             editor_id INTEGER REFERENCES authors ON UPDATE SET NULL,
             title VARCHAR(200) NOT NULL, price NUMERIC(10, 2), published DATE,
             created DATETIME DEFAULT CURRENT_TIMESTAMP, ok BOOLEAN NOT NULL DEFAULT 0,
             data BLOB, doc JSON, u UUID, UNIQUE (author_id, title));
         CREATE INDEX ix_books_price ON books (price);
         CREATE UNIQUE INDEX ux_books_published ON books (published) WHERE price > 0;
         CREATE INDEX ix_expr ON books (lower(title));",
    );
    let meta = sqlexpr_sqlite::reflect(&conn).unwrap();
    let authors = build(
        Table::builder("authors")
            .column(col("id", SqlType::Integer).primary_key().autoincrement())
            .column(col("name", SqlType::String(50)).not_null().unique())
            .column(col("bio", SqlType::Text).server_default(raw("'none'")))
            .column(col("score", SqlType::Double)),
    );
    let books = build(
        Table::builder("books")
            .column(col("id", SqlType::BigInteger).primary_key())
            .column(col("author_id", SqlType::Integer).not_null())
            .column(col("editor_id", SqlType::Integer))
            .column(col("title", SqlType::String(200)).not_null())
            .column(col("price", SqlType::Numeric(10, 2)))
            .column(col("published", SqlType::Date))
            .column(col("created", SqlType::DateTime).server_default(raw("CURRENT_TIMESTAMP")))
            .column(
                col("ok", SqlType::Boolean)
                    .not_null()
                    .server_default(raw("0")),
            )
            .column(col("data", SqlType::Binary))
            .column(col("doc", SqlType::Json))
            .column(col("u", SqlType::Uuid))
            .unique(["author_id", "title"])
            .foreign_key(
                ForeignKey::new(["author_id"], "authors", ["id"])
                    .on_delete(ReferentialAction::Cascade),
            )
            .foreign_key(
                ForeignKey::new(["editor_id"], "authors", ["id"])
                    .on_update(ReferentialAction::SetNull),
            )
            .index(Index::new("ix_books_price", ["price"]))
            .index(
                Index::new("ux_books_published", ["published"])
                    .unique()
                    .predicate(raw("price > 0")),
            ),
    );
    assert_tables(&meta, &[authors, books]);

    // A type with no SqlType is a clear error.
    let conn = common::sqlite_db("CREATE TABLE m (amount MONEY)");
    let err = sqlexpr_sqlite::reflect(&conn).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"cannot reflect table "m": column "amount": no SqlType for "MONEY""#
    );
}

#[tokio::test]
async fn postgres() {
    let Some(db) = servers::postgres().await else {
        return;
    };
    db.batch_execute(
        "CREATE TYPE mood AS ENUM ('happy', 'sad');
         CREATE DOMAIN short_text AS VARCHAR(10);
         CREATE TABLE authors (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE,
             bio TEXT DEFAULT 'none', score REAL, m mood, nick short_text);
         COMMENT ON TABLE authors IS 'people';
         COMMENT ON COLUMN authors.name IS 'full name';
         CREATE TABLE books (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
             author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
             editor_id INTEGER REFERENCES authors ON UPDATE SET NULL,
             title VARCHAR(200) NOT NULL, price NUMERIC(10, 2), published DATE,
             created TIMESTAMPTZ DEFAULT now(), at TIMESTAMP(3), t TIME,
             ok BOOLEAN NOT NULL DEFAULT false, data BYTEA, doc JSONB, doc2 JSON, u UUID,
             big DOUBLE PRECISION, small SMALLINT, c CHAR(3),
             UNIQUE (author_id, title));
         CREATE INDEX ix_books_price ON books (price);
         CREATE UNIQUE INDEX ux_books_published ON books (published) WHERE price > 0;
         CREATE INDEX ix_expr ON books (lower(title));",
    )
    .await
    .unwrap();
    let meta = sqlexpr_postgres::reflect(&db.client).await.unwrap();
    let authors = build(
        Table::builder("authors")
            .column(col("id", SqlType::Integer).primary_key().autoincrement())
            .column(
                col("name", SqlType::String(50))
                    .not_null()
                    .unique()
                    .comment("full name"),
            )
            .column(col("bio", SqlType::Text).server_default(raw("'none'::text")))
            .column(col("score", SqlType::Float))
            .column(col(
                "m",
                SqlType::Enum("mood".into(), vec!["happy".into(), "sad".into()]),
            ))
            .column(col("nick", SqlType::String(10)))
            .comment("people"),
    );
    let books = build(
        Table::builder("books")
            .column(col("id", SqlType::BigInteger).primary_key().autoincrement())
            .column(col("author_id", SqlType::Integer).not_null())
            .column(col("editor_id", SqlType::Integer))
            .column(col("title", SqlType::String(200)).not_null())
            .column(col("price", SqlType::Numeric(10, 2)))
            .column(col("published", SqlType::Date))
            .column(col("created", SqlType::DateTimeTz).server_default(raw("now()")))
            .column(col("at", SqlType::DateTime))
            .column(col("t", SqlType::Time))
            .column(
                col("ok", SqlType::Boolean)
                    .not_null()
                    .server_default(raw("false")),
            )
            .column(col("data", SqlType::Binary))
            .column(col("doc", SqlType::Json))
            .column(col("doc2", SqlType::Json))
            .column(col("u", SqlType::Uuid))
            .column(col("big", SqlType::Double))
            .column(col("small", SqlType::SmallInteger))
            .column(col("c", SqlType::String(3)))
            .unique_named("books_author_id_title_key", ["author_id", "title"])
            .foreign_key(
                ForeignKey::new(["author_id"], "authors", ["id"])
                    .name("books_author_id_fkey")
                    .on_delete(ReferentialAction::Cascade),
            )
            .foreign_key(
                ForeignKey::new(["editor_id"], "authors", ["id"])
                    .name("books_editor_id_fkey")
                    .on_update(ReferentialAction::SetNull),
            )
            .index(Index::new("ix_books_price", ["price"]))
            .index(
                Index::new("ux_books_published", ["published"])
                    .unique()
                    .predicate(raw("(price > (0)::numeric)")),
            ),
    );
    assert_tables(&meta, &[authors.clone(), books]);

    // Schema-qualified reflection.
    let qualified = sqlexpr_postgres::reflect_schema(&db.client, &db.schema)
        .await
        .unwrap();
    let t = qualified.table(&format!("{}.books", db.schema)).unwrap();
    assert_eq!(
        t.foreign_keys[0].ref_table.schema.as_deref(),
        Some(db.schema.as_str())
    );

    db.batch_execute("CREATE TABLE odd (a INTEGER[])")
        .await
        .unwrap();
    let err = sqlexpr_postgres::reflect(&db.client).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"cannot reflect table "odd": column "a": no SqlType for integer[]"#
    );
}

#[tokio::test]
async fn mariadb() {
    let Some(mut db) = servers::mysql().await else {
        return;
    };
    use mysql_async::prelude::Queryable;
    db.query_drop(
        "CREATE TABLE authors (id INT AUTO_INCREMENT PRIMARY KEY,
             name VARCHAR(50) NOT NULL UNIQUE COMMENT 'full name',
             bio TEXT DEFAULT 'none', score FLOAT, m ENUM('happy', 'it''s') NOT NULL,
             big BIGINT UNSIGNED, u CHAR(36), t TIME(6)) COMMENT 'people';
         CREATE TABLE books (id BIGINT NOT NULL PRIMARY KEY, author_id INT NOT NULL,
             editor_id INT, title VARCHAR(200) NOT NULL, price DECIMAL(10, 2),
             published DATE, created DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6),
             ok TINYINT(1) NOT NULL DEFAULT 0, data LONGBLOB, doc JSON, small SMALLINT,
             d DOUBLE,
             UNIQUE KEY uq_author_title (author_id, title), KEY ix_books_price (price),
             CONSTRAINT fk_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE,
             FOREIGN KEY (editor_id) REFERENCES authors (id) ON UPDATE SET NULL);",
    )
    .await
    .unwrap();
    let meta = sqlexpr_mysql::reflect(&mut db.conn).await.unwrap();
    let authors = build(
        Table::builder("authors")
            .column(col("id", SqlType::Integer).primary_key().autoincrement())
            .column(
                col("name", SqlType::String(50))
                    .not_null()
                    .unique()
                    .comment("full name"),
            )
            .column(col("bio", SqlType::Text).server_default(raw("'none'")))
            .column(col("score", SqlType::Float))
            .column(
                col(
                    "m",
                    SqlType::Enum("m".into(), vec!["happy".into(), "it's".into()]),
                )
                .not_null(),
            )
            .column(col("big", SqlType::BigInteger))
            .column(col("u", SqlType::String(36)))
            .column(col("t", SqlType::Time))
            .comment("people"),
    );
    let books = build(
        Table::builder("books")
            .column(col("id", SqlType::BigInteger).primary_key())
            .column(col("author_id", SqlType::Integer).not_null())
            .column(col("editor_id", SqlType::Integer))
            .column(col("title", SqlType::String(200)).not_null())
            .column(col("price", SqlType::Numeric(10, 2)))
            .column(col("published", SqlType::Date))
            .column(col("created", SqlType::DateTime).server_default(raw("current_timestamp(6)")))
            .column(
                col("ok", SqlType::Boolean)
                    .not_null()
                    .server_default(raw("0")),
            )
            .column(col("data", SqlType::Binary))
            .column(col("doc", SqlType::Json))
            .column(col("small", SqlType::SmallInteger))
            .column(col("d", SqlType::Double))
            .unique_named("uq_author_title", ["author_id", "title"])
            .foreign_key(
                ForeignKey::new(["editor_id"], "authors", ["id"])
                    .name("books_ibfk_1")
                    .on_update(ReferentialAction::SetNull),
            )
            .foreign_key(
                ForeignKey::new(["author_id"], "authors", ["id"])
                    .name("fk_author")
                    .on_delete(ReferentialAction::Cascade),
            )
            .index(Index::new("ix_books_price", ["price"])),
    );
    assert_tables(&meta, &[authors, books]);

    db.query_drop("CREATE TABLE odd (s SET('a', 'b'))")
        .await
        .unwrap();
    let err = sqlexpr_mysql::reflect(&mut db.conn).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"cannot reflect table "odd": column "s": no SqlType for set('a','b')"#
    );
}
