//! SQLite for sqlexpr: the [`Sqlite`] dialect and, with the default `driver`
//! feature, execution on a `rusqlite::Connection` through [`SqliteExt`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod dialect;
#[cfg(feature = "driver")]
mod exec;
#[cfg(feature = "driver")]
mod reflect;
#[cfg(feature = "driver")]
mod typed;

pub use dialect::Sqlite;
#[cfg(feature = "driver")]
pub use exec::{Bind, BindError, Error, Result, SqliteExt};
#[cfg(feature = "driver")]
pub use reflect::{reflect, reflect_table, sql_type};
#[cfg(feature = "driver")]
pub use rusqlite;
#[cfg(feature = "driver")]
pub use typed::{get_value, read_row, typed_record, typed_row_values};
