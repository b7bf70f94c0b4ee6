//! MySQL and MariaDB for sqlexpr: the [`MySql`] dialect (in its MySQL and
//! MariaDB [`Flavour`]s) and, with the default `driver` feature, execution
//! through mysql_async ([`MySqlExt`]), value binding ([`Bind`],
//! [`row_values`]) and reflection ([`reflect`]).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "driver")]
mod bind;
mod dialect;
#[cfg(feature = "driver")]
mod exec;
#[cfg(feature = "driver")]
mod reflect;
#[cfg(feature = "driver")]
mod typed;

#[cfg(feature = "driver")]
pub use bind::{get_value, params, row_values, Bind, BindError};
pub use dialect::{Flavour, MySql};
#[cfg(feature = "driver")]
pub use exec::{Error, MySqlExt, Result};
#[cfg(feature = "driver")]
pub use mysql_async;
#[cfg(feature = "driver")]
pub use reflect::{reflect, sql_type};
#[cfg(feature = "driver")]
pub use typed::{read_row, typed_record, typed_row_values};
