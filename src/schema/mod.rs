//! Schema metadata: [`MetaData`], [`Table`], [`Column`], [`SqlType`] and
//! constraints.

pub mod custom;
mod macros;
mod metadata;
pub mod sort;
mod table;
mod types;

pub use custom::{CustomType, TypeProcessor};
pub use metadata::MetaData;
pub use table::{
    CheckConstraint, Column, ColumnDefault, DefaultFn, ForeignKey, Index, ReferentialAction, Table,
    TableAlias, TableBuilder, TableDef, TableName, UniqueConstraint,
};
pub use types::SqlType;
