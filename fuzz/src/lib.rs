//! Fuzzing support for sqlexpr: an arbitrary statement tree that maps onto
//! sqlexpr's builders, the dialects under test paired with sqlparser's, and
//! the checks the targets share, and the live engines of the `edges` target.

pub mod ast;
pub mod check;
pub mod edges;
pub mod live;

use sqlexpr::Dialect;
use sqlexpr_mysql::MySql;
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::Sqlite;
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};

/// Which database a dialect renders for, for the few checks that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
    /// MySQL or MariaDB.
    MySql,
}

/// A dialect under test: its target, sqlexpr's dialect and sqlparser's.
pub type DialectPair = (
    Target,
    Box<dyn Dialect>,
    Box<dyn sqlparser::dialect::Dialect>,
);

/// Every dialect, with the sqlparser dialect that parses its output.
pub fn dialects() -> Vec<DialectPair> {
    vec![
        (
            Target::Sqlite,
            Box::new(Sqlite::new()),
            Box::new(SQLiteDialect {}),
        ),
        (
            Target::Postgres,
            Box::new(Postgres::new()),
            Box::new(PostgreSqlDialect {}),
        ),
        (
            Target::MySql,
            Box::new(MySql::new()),
            Box::new(MySqlDialect {}),
        ),
        (
            Target::MySql,
            Box::new(MySql::mariadb()),
            Box::new(MySqlDialect {}),
        ),
    ]
}
