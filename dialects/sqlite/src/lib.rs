//! SQLite for sqlexpr: the [`Sqlite`] dialect and, with the default `driver`
//! feature, a [`Connection`] that carries the dialect (transactions,
//! savepoints, streams, echo, timeouts), execution on a bare
//! `rusqlite::Connection` through [`SqliteExt`], and with the default
//! `pool` feature a connection [`Pool`] on `r2d2`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "driver")]
mod conn;
mod dialect;
#[cfg(feature = "driver")]
mod exec;
#[cfg(feature = "driver")]
mod executor;
#[cfg(feature = "pool")]
mod pool;
#[cfg(feature = "driver")]
mod reflect;
#[cfg(feature = "driver")]
mod typed;

#[cfg(feature = "driver")]
pub use conn::{Connection, RowIter, RowStream, Transaction, TxBehavior};
pub use dialect::Sqlite;
#[cfg(feature = "driver")]
pub use exec::{Bind, BindError, Error, Result, SqliteExt};
#[cfg(feature = "driver")]
pub use executor::Executor;
#[cfg(feature = "pool")]
pub use pool::{Pool, PooledConnection, SqliteManager};
#[cfg(feature = "pool")]
pub use r2d2;
#[cfg(feature = "driver")]
pub use reflect::{reflect, reflect_table, sql_type};
#[cfg(feature = "driver")]
pub use rusqlite;
#[cfg(feature = "driver")]
pub use sqlexpr::conn::{Echo, IsolationLevel, TxOptions};
#[cfg(feature = "driver")]
pub use typed::{get_value, read_row, typed_record, typed_row_values};
