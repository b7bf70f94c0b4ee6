//! MySQL and MariaDB for sqlexpr: the [`MySql`] dialect (in its MySQL and
//! MariaDB [`Flavour`]s) and, with the default `driver` feature, execution
//! through mysql_async: a [`Connection`] that carries its dialect (MariaDB
//! detected from the server), with [`Transaction`]s, streamed rows
//! ([`RowStream`]) and a [`Pool`]; the [`MySqlExt`] methods on mysql_async's
//! own connections; value binding ([`Bind`], [`row_values`]) and
//! reflection ([`reflect`]).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "driver")]
mod bind;
#[cfg(feature = "driver")]
mod conn;
mod dialect;
#[cfg(feature = "driver")]
mod exec;
#[cfg(feature = "driver")]
mod executor;
#[cfg(feature = "driver")]
mod pool;
#[cfg(feature = "driver")]
mod reflect;
#[cfg(feature = "driver")]
mod stream;
#[cfg(feature = "driver")]
mod typed;

#[cfg(feature = "driver")]
pub use bind::{get_value, params, row_values, Bind, BindError};
#[cfg(feature = "driver")]
pub use conn::{Connection, Transaction, DEFAULT_CONNECT_TIMEOUT, REPLY_GRACE};
pub use dialect::{Flavour, MySql};
#[cfg(feature = "driver")]
pub use exec::{Error, MySqlExt, Result, TimeoutKind};
#[cfg(feature = "driver")]
pub use executor::Executor;
#[cfg(feature = "driver")]
pub use mysql_async;
#[cfg(feature = "driver")]
pub use pool::Pool;
#[cfg(feature = "driver")]
pub use reflect::{reflect, sql_type};
#[cfg(feature = "driver")]
pub use stream::RowStream;
#[cfg(feature = "driver")]
pub use typed::{read_row, typed_record, typed_row_values};
