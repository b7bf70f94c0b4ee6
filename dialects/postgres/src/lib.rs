//! PostgreSQL for sqlexpr: the [`Postgres`] dialect and, with the default
//! `driver` feature, connections through tokio-postgres ([`Connection`],
//! [`Transaction`], [`RowStream`]), pools through deadpool-postgres
//! ([`Pool`]), execution on a caller's own client ([`PgExt`]), value
//! binding ([`Bind`], [`row_values`]) and reflection ([`reflect`]).
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
mod numeric;
#[cfg(feature = "driver")]
mod pool;
#[cfg(feature = "driver")]
mod reflect;
#[cfg(feature = "driver")]
mod stream;
#[cfg(feature = "driver")]
mod typed;

#[cfg(feature = "driver")]
pub use bind::{get_value, row_values, Bind, BindError};
#[cfg(feature = "driver")]
pub use conn::{ClientHolder, Connection, Transaction, DEFAULT_CONNECT_TIMEOUT};
#[cfg(feature = "driver")]
pub use deadpool_postgres;
pub use dialect::Postgres;
#[cfg(feature = "driver")]
pub use exec::{Cached, Cursor, Error, PgExt, PgTransactionExt, Result, StatementCache};
#[cfg(feature = "driver")]
pub use executor::Executor;
#[cfg(feature = "driver")]
pub use pool::{Pool, Pooled, PooledConnection, DEFAULT_WAIT_TIMEOUT, RECYCLE_SQL};
#[cfg(feature = "driver")]
pub use reflect::{reflect, reflect_schema, sql_type};
#[cfg(feature = "driver")]
pub use stream::RowStream;
#[cfg(feature = "driver")]
pub use tokio_postgres;
#[cfg(feature = "driver")]
pub use typed::{read_row, typed_record, typed_row_values};
