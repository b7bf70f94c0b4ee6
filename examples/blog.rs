//! A small blog: users, posts, comments, tags and post_tags declared with
//! `table!`, created with `MetaData::create_all`, filled with typed inserts,
//! and queried the usual ways: posts with their comment counts, posts by tag,
//! tags with post counts, top authors, users who never posted, and
//! pagination. Every result is checked against the expected rows; the
//! example exits non-zero on a mismatch.
//!
//! Runs on a pool of connections (r2d2 on SQLite, deadpool-postgres,
//! mysql_async's pool): every statement takes a connection from the pool,
//! the fill ends with a transaction rolled back and one committed. On
//! in-memory SQLite by default, or on the database of a URL given as the
//! first argument; the output is the same on all three engines:
//!
//! ```text
//! cargo run --example blog
//! cargo run --example blog -- sqlite://blog.db
//! cargo run --example blog -- postgres://postgres@127.0.0.1/test
//! cargo run --example blog -- mysql://root@127.0.0.1:3306/test
//! ```
//!
//! On PostgreSQL the tables live in a fresh schema, on MySQL/MariaDB in a
//! fresh database; both are dropped at the end (after `drop_all`), so reruns
//! start clean.

use std::collections::HashMap;
use std::error::Error;
use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use sqlexpr::prelude::*;

type BoxError = Box<dyn Error>;

sqlexpr::table! {
    /// People who write posts and comments.
    pub struct Users = "users" {
        id: Integer [primary_key, autoincrement],
        name: String(50) [not_null, unique],
        email: String(100) [not_null],
    }
}

sqlexpr::table! {
    /// Blog posts; drafts are unpublished.
    pub struct Posts = "posts" {
        id: Integer [primary_key, autoincrement],
        author_id: Integer [not_null, references(Users.id)],
        title: String(200) [not_null],
        body: Text [not_null],
        published_on: Date [not_null],
        published: Boolean [not_null, default(true)],
    }
    index("ix_posts_published_on", published_on);
}

sqlexpr::table! {
    /// Comments on posts.
    pub struct Comments = "comments" {
        id: Integer [primary_key, autoincrement],
        post_id: Integer [not_null, references(Posts.id)],
        author_id: Integer [not_null, references(Users.id)],
        body: Text [not_null],
    }
}

sqlexpr::table! {
    /// Tags.
    pub struct Tags = "tags" {
        id: Integer [primary_key, autoincrement],
        name: String(30) [not_null, unique],
    }
}

sqlexpr::table! {
    /// Which post carries which tag.
    pub struct PostTags = "post_tags" {
        post_id: Integer [not_null, references(Posts.id)],
        tag_id: Integer [not_null, references(Tags.id)],
    }
    primary_key(post_id, tag_id);
}

/// The five tables, with their handles.
struct Blog {
    users: Users,
    posts: Posts,
    comments: Comments,
    tags: Tags,
    post_tags: PostTags,
}

impl Blog {
    fn new() -> Self {
        Blog {
            users: Users::new(),
            posts: Posts::new(),
            comments: Comments::new(),
            tags: Tags::new(),
            post_tags: PostTags::new(),
        }
    }

    fn metadata(&self) -> Result<MetaData, BoxError> {
        let mut metadata = MetaData::new();
        for table in [
            self.users.table(),
            self.posts.table(),
            self.comments.table(),
            self.tags.table(),
            self.post_tags.table(),
        ] {
            metadata.add(table.clone())?;
        }
        Ok(metadata)
    }
}

/// A pool of connections to one of the three engines: every statement takes
/// a connection from it (each crate's `Connection` carries its dialect, so
/// nothing here names one), and results come back as text, so that the
/// three print (and compare) the same.
enum Db {
    /// r2d2 over one in-memory database (or a file) shared by its
    /// connections.
    Sqlite(sqlexpr_sqlite::Pool),
    /// deadpool-postgres; every connection's `search_path` is the run's
    /// own schema (set in the URL's `options`).
    Postgres {
        pool: sqlexpr_postgres::Pool,
        admin: sqlexpr_postgres::Connection,
        schema: String,
    },
    /// mysql_async's pool on the run's own database; the dialect (MariaDB
    /// or MySQL, and its version) is read from the server.
    MySql {
        pool: sqlexpr_mysql::Pool,
        admin: sqlexpr_mysql::Connection,
        database: String,
    },
}

/// A name no other run uses.
fn fresh_name() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("sqlexpr_blog_{}_{nanos}", std::process::id())
}

/// `url` with `param` added to its query string.
fn with_param(url: &str, param: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{param}")
}

/// A `mysql://` URL with its database replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let rest = &base["mysql://".len()..];
    let server = rest.split_once('/').map_or(rest, |(server, _)| server);
    match query {
        Some(q) => format!("mysql://{server}/{database}?{q}"),
        None => format!("mysql://{server}/{database}"),
    }
}

impl Db {
    /// A pool on in-memory SQLite without a URL (or on the SQLite database
    /// of a `sqlite:` URL); else on a fresh schema (PostgreSQL) or database
    /// (MySQL/MariaDB) of the server of the URL.
    async fn open(url: Option<&str>) -> Result<Db, BoxError> {
        let Some(url) = url else {
            return Ok(Db::Sqlite(sqlexpr_sqlite::SqliteManager::memory()?.pool()?));
        };
        if url.starts_with("sqlite:") {
            Ok(Db::Sqlite(sqlexpr_sqlite::SqliteManager::url(url)?.pool()?))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut admin = sqlexpr_postgres::Connection::connect(url).await?;
            let schema = fresh_name();
            admin
                .execute(&raw(format!("CREATE SCHEMA \"{schema}\"")))
                .await?;
            let pooled = with_param(url, &format!("options=-csearch_path%3D{schema}"));
            let pool = sqlexpr_postgres::Pool::connect(&pooled, 4).await?;
            Ok(Db::Postgres {
                pool,
                admin,
                schema,
            })
        } else if url.starts_with("mysql://") {
            let mut admin = sqlexpr_mysql::Connection::connect(url).await?;
            let database = fresh_name();
            admin
                .execute(&raw(format!(
                    "CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                )))
                .await?;
            let pool = sqlexpr_mysql::Pool::new(&with_database(url, &database))?;
            Ok(Db::MySql {
                pool,
                admin,
                database,
            })
        } else {
            Err(format!(
                "unsupported URL {url:?}: expected sqlite:..., postgres://... or mysql://..."
            )
            .into())
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "SQLite",
            Db::Postgres { .. } => "PostgreSQL",
            Db::MySql { .. } => "MySQL/MariaDB",
        }
    }

    /// Runs `stmts` in one transaction on one connection of the pool:
    /// committed when `commit`, else rolled back. Returns the rows each
    /// affected.
    async fn transaction(&self, stmts: &[&dyn Render], commit: bool) -> Result<Vec<u64>, BoxError> {
        let mut counts = Vec::new();
        match self {
            Db::Sqlite(pool) => {
                let mut conn = pool.get()?;
                let mut tx = conn.begin()?;
                for stmt in stmts {
                    counts.push(tx.execute(*stmt)?);
                }
                if commit {
                    tx.commit()?;
                } // else dropped: rolled back
            }
            Db::Postgres { pool, .. } => {
                let mut conn = pool.get().await?;
                let mut tx = conn.begin().await?;
                for stmt in stmts {
                    counts.push(tx.execute(*stmt).await?);
                }
                if commit {
                    tx.commit().await?;
                }
            }
            Db::MySql { pool, .. } => {
                let mut conn = pool.get().await?;
                let mut tx = conn.begin().await?;
                for stmt in stmts {
                    counts.push(tx.execute(*stmt).await?);
                }
                if commit {
                    tx.commit().await?;
                }
            }
        }
        Ok(counts)
    }

    /// Executes a statement on a connection of the pool; returns the number
    /// of rows affected.
    async fn exec(&self, stmt: &dyn Render) -> Result<u64, BoxError> {
        Ok(self.transaction(&[stmt], true).await?[0])
    }

    /// Creates (or drops) the tables of `metadata`, in foreign-key order.
    async fn schema(&self, metadata: &MetaData, create: bool) -> Result<(), BoxError> {
        match self {
            Db::Sqlite(pool) => {
                let mut conn = pool.get()?;
                if create {
                    conn.create_all(metadata)?
                } else {
                    conn.drop_all(metadata)?
                }
            }
            Db::Postgres { pool, .. } => {
                let mut conn = pool.get().await?;
                if create {
                    conn.create_all(metadata).await?
                } else {
                    conn.drop_all(metadata).await?
                }
            }
            Db::MySql { pool, .. } => {
                let mut conn = pool.get().await?;
                if create {
                    conn.create_all(metadata).await?
                } else {
                    conn.drop_all(metadata).await?
                }
            }
        }
        Ok(())
    }

    /// Runs a query on a connection of the pool; returns its rows (typed
    /// by the query's columns), each value as text.
    async fn rows(&self, stmt: &dyn Render) -> Result<Vec<Vec<String>>, BoxError> {
        let records = match self {
            Db::Sqlite(pool) => pool.get()?.fetch_all(stmt)?,
            Db::Postgres { pool, .. } => pool.get().await?.fetch_all(stmt).await?,
            Db::MySql { pool, .. } => pool.get().await?.fetch_all(stmt).await?,
        };
        Ok(records
            .iter()
            .map(|r| r.values().iter().map(text).collect())
            .collect())
    }

    /// Drops the schema or database the run used.
    async fn close(self) -> Result<(), BoxError> {
        match self {
            Db::Sqlite(_) => {}
            Db::Postgres {
                pool,
                mut admin,
                schema,
            } => {
                drop(pool);
                admin
                    .execute(&raw(format!("DROP SCHEMA \"{schema}\" CASCADE")))
                    .await?;
            }
            Db::MySql {
                pool,
                mut admin,
                database,
            } => {
                pool.disconnect().await?;
                admin
                    .execute(&raw(format!("DROP DATABASE `{database}`")))
                    .await?;
                admin.close().await?;
            }
        }
        Ok(())
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => "NULL".to_owned(),
        Value::I8(i) => i.to_string(),
        Value::I16(i) => i.to_string(),
        Value::I32(i) => i.to_string(),
        Value::I64(i) => i.to_string(),
        Value::U8(i) => i.to_string(),
        Value::U16(i) => i.to_string(),
        Value::U32(i) => i.to_string(),
        Value::U64(i) => i.to_string(),
        Value::Text(s) => s.to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Decimal(d) => d.to_string(),
        other => format!("{other:?}"),
    }
}

/// Writes a result under `title` to `out` and checks it is `expected`.
fn report(
    out: &mut String,
    title: &str,
    rows: &[Vec<String>],
    expected: &[&[&str]],
) -> Result<(), BoxError> {
    writeln!(out, "{title}:")?;
    for row in rows {
        writeln!(out, "  {}", row.join(" | "))?;
    }
    writeln!(out)?;
    if rows != expected {
        return Err(format!("{title}: expected {expected:?}, got {rows:?}").into());
    }
    Ok(())
}

/// `name -> id` from a query of `(id, name)` rows.
async fn ids(db: &Db, query: &Select) -> Result<HashMap<String, i32>, BoxError> {
    db.rows(query)
        .await?
        .into_iter()
        .map(|row| match row.as_slice() {
            [id, name] => Ok((name.clone(), id.parse()?)),
            _ => Err(format!("expected (id, name), got {row:?}").into()),
        })
        .collect()
}

fn lookup(ids: &HashMap<String, i32>, name: &str) -> Result<i32, BoxError> {
    ids.get(name)
        .copied()
        .ok_or_else(|| format!("no id for {name:?}").into())
}

const USERS: [(&str, &str); 4] = [
    ("ann", "ann@example.com"),
    ("bob", "bob@example.com"),
    ("cy", "cy@example.com"),
    ("dee", "dee@example.com"),
];

/// `(author, title, published on, published)`.
const POSTS: [(&str, &str, &str, bool); 7] = [
    ("ann", "Hello, world", "2024-01-05", true),
    ("ann", "Typed SQL in Rust", "2024-02-10", true),
    ("bob", "Joins explained", "2024-02-20", true),
    ("ann", "Window functions", "2024-03-01", true),
    ("cy", "Gardening in March", "2024-03-15", true),
    ("bob", "Indexes 101", "2024-04-02", true),
    ("cy", "Draft notes", "2024-04-20", false),
];

const TAGS: [&str; 3] = ["life", "rust", "sql"];

/// `(post, tag)`.
const POST_TAGS: [(&str, &str); 8] = [
    ("Hello, world", "life"),
    ("Typed SQL in Rust", "rust"),
    ("Typed SQL in Rust", "sql"),
    ("Joins explained", "sql"),
    ("Window functions", "sql"),
    ("Gardening in March", "life"),
    ("Indexes 101", "sql"),
    ("Draft notes", "rust"),
];

/// `(post, commenter, text)`.
const COMMENTS: [(&str, &str, &str); 7] = [
    ("Typed SQL in Rust", "bob", "Nice!"),
    ("Typed SQL in Rust", "cy", "Does it work with MySQL?"),
    ("Typed SQL in Rust", "dee", "Bookmarked."),
    ("Joins explained", "ann", "Great diagrams."),
    ("Joins explained", "dee", "What about LATERAL?"),
    ("Hello, world", "bob", "Welcome!"),
    ("Window functions", "cy", "Finally I get RANK()."),
];

/// Creates the tables, fills them with typed inserts.
async fn fill(db: &Db, b: &Blog) -> Result<(), BoxError> {
    let (users, posts, comments, tags, post_tags) =
        (&b.users, &b.posts, &b.comments, &b.tags, &b.post_tags);

    // Users: one multi-row insert of typed `(column, value)` pairs.
    db.exec(
        &insert(users).rows(
            USERS
                .iter()
                .map(|&(name, email)| [users.name.to(name), users.email.to(email)]),
        ),
    )
    .await?;
    let user_ids = ids(db, &select([users.id.expr(), users.name.expr()])).await?;

    let mut rows = Vec::new();
    for (author, title, on, published) in POSTS {
        rows.push([
            posts.author_id.to(lookup(&user_ids, author)?),
            posts.title.to(title),
            posts.body.to(format!("The text of {title:?}.")),
            posts
                .published_on
                .to(NaiveDate::parse_from_str(on, "%Y-%m-%d")?),
            posts.published.to(published),
        ]);
    }
    db.exec(&insert(posts).rows(rows)).await?;
    let post_ids = ids(db, &select([posts.id.expr(), posts.title.expr()])).await?;

    // Tags and comments: one row at a time, value by value.
    for name in TAGS {
        db.exec(&insert(tags).value(&tags.name, name)).await?;
    }
    let tag_ids = ids(db, &select([tags.id.expr(), tags.name.expr()])).await?;
    for (post, tag) in POST_TAGS {
        db.exec(
            &insert(post_tags)
                .value(&post_tags.post_id, lookup(&post_ids, post)?)
                .value(&post_tags.tag_id, lookup(&tag_ids, tag)?),
        )
        .await?;
    }
    for (post, commenter, body) in COMMENTS {
        db.exec(
            &insert(comments)
                .value(&comments.post_id, lookup(&post_ids, post)?)
                .value(&comments.author_id, lookup(&user_ids, commenter)?)
                .value(&comments.body, body),
        )
        .await?;
    }

    // A transaction that is rolled back: deleting every comment and tag
    // link leaves nothing behind once it is dropped without commit.
    let undone = db
        .transaction(&[&delete(comments), &delete(post_tags)], false)
        .await?;
    if undone != [7, 8] {
        return Err(format!("the rolled-back deletes affected {undone:?}, expected [7, 8]").into());
    }

    // A typed update in a transaction that commits: the draft gets a
    // better title.
    let changed = db
        .transaction(
            &[&update(posts)
                .set(&posts.title, "Draft: notes on sqlexpr")
                .where_(posts.published.eq(false))],
            true,
        )
        .await?;
    if changed != [1] {
        return Err(format!("the draft update changed {changed:?} rows, expected [1]").into());
    }
    Ok(())
}

/// The queries, each written to `out` and checked.
async fn queries(db: &Db, b: &Blog, out: &mut String) -> Result<(), BoxError> {
    let (users, posts, comments, tags, post_tags) =
        (&b.users, &b.posts, &b.comments, &b.tags, &b.post_tags);

    // Published posts with their author and number of comments.
    let comment_count = func::count(comments.id.expr());
    let q = select([
        posts.title.expr(),
        users.name.label("author"),
        comment_count.label("comment_count"),
    ])
    .select_from(posts)
    .join_on(users, users.id.eq(&posts.author_id))
    .left_join_on(comments, comments.post_id.eq(&posts.id))
    .where_(posts.published.eq(true))
    .group_by([posts.id.expr(), posts.title.expr(), users.name.expr()])
    .order_by([col("comment_count").desc(), posts.id.asc()]);
    report(
        out,
        "Posts with comment counts",
        &db.rows(&q).await?,
        &[
            &["Typed SQL in Rust", "ann", "3"],
            &["Joins explained", "bob", "2"],
            &["Hello, world", "ann", "1"],
            &["Window functions", "ann", "1"],
            &["Gardening in March", "cy", "0"],
            &["Indexes 101", "bob", "0"],
        ],
    )?;

    // Published posts tagged "sql", oldest first.
    let q = select([posts.published_on.expr(), posts.title.expr()])
        .select_from(posts)
        .join_on(post_tags, post_tags.post_id.eq(&posts.id))
        .join_on(tags, tags.id.eq(&post_tags.tag_id))
        .where_(tags.name.eq("sql") & posts.published.eq(true))
        .order_by([posts.published_on.asc()]);
    report(
        out,
        "Posts tagged \"sql\"",
        &db.rows(&q).await?,
        &[
            &["2024-02-10", "Typed SQL in Rust"],
            &["2024-02-20", "Joins explained"],
            &["2024-03-01", "Window functions"],
            &["2024-04-02", "Indexes 101"],
        ],
    )?;

    // Every tag with the number of posts carrying it (drafts included).
    let q = select([
        tags.name.expr(),
        func::count(post_tags.post_id.expr()).label("post_count"),
    ])
    .select_from(tags)
    .left_join_on(post_tags, post_tags.tag_id.eq(&tags.id))
    .group_by([tags.id.expr(), tags.name.expr()])
    .order_by([col("post_count").desc(), tags.name.asc()]);
    report(
        out,
        "Tags",
        &db.rows(&q).await?,
        &[&["sql", "4"], &["life", "2"], &["rust", "2"]],
    )?;

    // The three authors with the most published posts, then the most
    // comments received.
    let q = select([
        users.name.expr(),
        func::count_distinct(posts.id.expr()).label("post_count"),
        func::count(comments.id.expr()).label("comment_count"),
    ])
    .select_from(users)
    .join_on(posts, posts.author_id.eq(&users.id))
    .left_join_on(comments, comments.post_id.eq(&posts.id))
    .where_(posts.published.eq(true))
    .group_by([users.id.expr(), users.name.expr()])
    .order_by([
        col("post_count").desc(),
        col("comment_count").desc(),
        users.name.asc(),
    ])
    .limit(3);
    report(
        out,
        "Top authors",
        &db.rows(&q).await?,
        &[&["ann", "3", "5"], &["bob", "2", "2"], &["cy", "1", "0"]],
    )?;

    // Users who have not written a post.
    let q = select([users.name.expr()])
        .where_(users.id.not_in_subquery(select([posts.author_id.expr()])))
        .order_by([users.name.asc()]);
    report(out, "Users without posts", &db.rows(&q).await?, &[&["dee"]])?;

    // Drafts.
    let q = select([posts.title.expr()])
        .where_(posts.published.eq(false))
        .order_by([posts.id.asc()]);
    report(
        out,
        "Drafts",
        &db.rows(&q).await?,
        &[&["Draft: notes on sqlexpr"]],
    )?;

    // Published posts, newest first, two per page, until a page is empty.
    let expected: [&[&[&str]]; 4] = [
        &[
            &["2024-04-02", "Indexes 101"],
            &["2024-03-15", "Gardening in March"],
        ],
        &[
            &["2024-03-01", "Window functions"],
            &["2024-02-20", "Joins explained"],
        ],
        &[
            &["2024-02-10", "Typed SQL in Rust"],
            &["2024-01-05", "Hello, world"],
        ],
        &[],
    ];
    const PAGE_SIZE: u64 = 2;
    for (page, expected) in (0u64..).zip(expected) {
        let q = select([posts.published_on.expr(), posts.title.expr()])
            .where_(posts.published.eq(true))
            .order_by([posts.published_on.desc(), posts.id.desc()])
            .limit(PAGE_SIZE)
            .offset(page * PAGE_SIZE);
        let rows = db.rows(&q).await?;
        report(out, &format!("Page {}", page + 1), &rows, expected)?;
        if rows.is_empty() {
            break;
        }
    }
    Ok(())
}

async fn run(db: &Db, out: &mut String) -> Result<(), BoxError> {
    let blog = Blog::new();
    let metadata = blog.metadata()?;
    db.schema(&metadata, true).await?;
    fill(db, &blog).await?;
    queries(db, &blog, out).await?;
    db.schema(&metadata, false).await?;
    writeln!(out, "All results as expected.")?;
    Ok(())
}

/// Runs the blog on in-memory SQLite (no URL) or on the database of `url`;
/// returns what it prints.
pub async fn run_blog(url: Option<&str>) -> Result<String, BoxError> {
    let db = Db::open(url).await?;
    eprintln!("blog on {}", db.name());
    let mut out = String::new();
    let result = run(&db, &mut out).await;
    let closed = db.close().await;
    result?;
    closed?;
    Ok(out)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let url = std::env::args().nth(1);
    match run_blog(url.as_deref()).await {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("blog: {e}");
            ExitCode::FAILURE
        }
    }
}
