//! Statements: [`Select`] with its FROM items and joins, compound queries
//! ([`Query`], [`Compound`]), CTEs ([`With`], [`Cte`]) and locking
//! ([`Lock`]); [`Insert`], [`Update`], [`Delete`]; DDL.

mod cte;
pub mod ddl;
mod delete;
mod from;
mod insert;
mod lock;
mod query;
mod select;
mod update;

pub use cte::{Cte, With};
pub use ddl::{
    alter_table, create_index, create_table, drop_index, drop_table, AlterAction, AlterTable,
    CreateIndex, CreateTable, Ddl, DropIndex, DropTable,
};
pub use delete::{delete, Delete};
pub use from::{FromItem, Join, JoinKind, Subquery};
pub use insert::{
    excluded, insert, ConflictAction, Insert, InsertSource, OnConflict, OnConflictBuilder, EXCLUDED,
};
pub use lock::{Lock, LockStrength, LockWait};
pub use query::{Compound, Query, SetOp};
pub use select::{select, Select};
pub use update::{update, Update};
