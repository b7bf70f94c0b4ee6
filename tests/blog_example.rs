//! The blog example (examples/blog.rs) on the three engines: in-memory
//! SQLite, PostgreSQL and MariaDB/MySQL. Each run must print exactly the
//! same text (the example also checks every result itself). With `CI=true`
//! a server that does not answer fails the test; otherwise it is skipped.

mod common;

#[allow(dead_code)]
#[path = "../examples/blog.rs"]
mod blog;

use common::servers;

/// What the example prints, on every engine.
const EXPECTED: &str = r#"Posts with comment counts:
  Typed SQL in Rust | ann | 3
  Joins explained | bob | 2
  Hello, world | ann | 1
  Window functions | ann | 1
  Gardening in March | cy | 0
  Indexes 101 | bob | 0

Posts tagged "sql":
  2024-02-10 | Typed SQL in Rust
  2024-02-20 | Joins explained
  2024-03-01 | Window functions
  2024-04-02 | Indexes 101

Tags:
  sql | 4
  life | 2
  rust | 2

Top authors:
  ann | 3 | 5
  bob | 2 | 2
  cy | 1 | 0

Users without posts:
  dee

Drafts:
  Draft: notes on sqlexpr

Page 1:
  2024-04-02 | Indexes 101
  2024-03-15 | Gardening in March

Page 2:
  2024-03-01 | Window functions
  2024-02-20 | Joins explained

Page 3:
  2024-02-10 | Typed SQL in Rust
  2024-01-05 | Hello, world

Page 4:

All results as expected.
"#;

/// The PostgreSQL server of tests/common/servers.rs, as a URL.
const PG_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

async fn run(url: Option<&str>) -> String {
    blog::run_blog(url)
        .await
        .unwrap_or_else(|e| panic!("blog on {url:?}: {e}"))
}

#[tokio::test]
async fn blog_on_sqlite() {
    assert_eq!(run(None).await, EXPECTED);
}

#[tokio::test]
async fn blog_on_postgres() {
    // Reachability (and the CI rule) as for every server test; the example
    // makes its own schema.
    let Some(probe) = servers::postgres().await else {
        return;
    };
    drop(probe);
    assert_eq!(run(Some(PG_URL)).await, EXPECTED);
}

#[tokio::test]
async fn blog_on_mysql() {
    let Some(probe) = servers::mysql().await else {
        return;
    };
    drop(probe);
    assert_eq!(run(Some(servers::MYSQL_URL)).await, EXPECTED);
}

#[tokio::test]
async fn blog_rejects_other_urls() {
    let err = blog::run_blog(Some("oracle://db"))
        .await
        .expect_err("an unsupported URL is an error");
    assert_eq!(
        err.to_string(),
        r#"unsupported URL "oracle://db": expected sqlite:..., postgres://... or mysql://..."#
    );
}
