//! [`Executor`]: what runs statements, for code generic over a
//! [`Connection`], a pooled connection, a [`Transaction`] and its
//! savepoints.

use sqlexpr::row::{FromRow, Record};
use sqlexpr::Render;

use crate::{Connection, Result, Sqlite, Transaction};

/// What runs statements with its own dialect: a [`Connection`], a
/// [`Transaction`] or a savepoint (and a pooled connection, through
/// `&mut *pooled`). Write a function once against it and call it with any
/// of them:
///
/// ```
/// use sqlexpr::prelude::*;
/// use sqlexpr_sqlite::{Connection, Executor};
///
/// fn count(db: &mut impl Executor) -> sqlexpr_sqlite::Result<i64> {
///     Ok(db.fetch_one(&select([func::count_star().label("n")]))?.read::<i64>("n")?)
/// }
///
/// let mut conn = Connection::open_in_memory()?;
/// assert_eq!(count(&mut conn)?, 1);
/// let mut tx = conn.begin()?;
/// assert_eq!(count(&mut tx)?, 1);
/// tx.commit()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Executor {
    /// The dialect statements compile for.
    fn dialect(&self) -> &Sqlite;

    /// Executes a statement; returns the number of rows it affected.
    fn execute(&mut self, stmt: &dyn Render) -> Result<u64>;

    /// Runs a query; returns its rows, typed by its columns.
    fn fetch_all(&mut self, stmt: &dyn Render) -> Result<Vec<Record>>;

    /// Runs a query; returns its first row, or
    /// [`Error::NoRows`](crate::Error::NoRows).
    fn fetch_one(&mut self, stmt: &dyn Render) -> Result<Record>;

    /// Runs a query; returns its first row, if any.
    fn fetch_optional(&mut self, stmt: &dyn Render) -> Result<Option<Record>>;

    /// Runs a query; returns its rows as `T`s, read by column name.
    fn fetch_all_as<T: FromRow>(&mut self, stmt: &dyn Render) -> Result<Vec<T>>
    where
        Self: Sized;

    /// Runs a query; returns its first row as a `T`, or
    /// [`Error::NoRows`](crate::Error::NoRows).
    fn fetch_one_as<T: FromRow>(&mut self, stmt: &dyn Render) -> Result<T>
    where
        Self: Sized;
}

macro_rules! delegate {
    ($ty:ty) => {
        fn dialect(&self) -> &Sqlite {
            <$ty>::dialect(self)
        }

        fn execute(&mut self, stmt: &dyn Render) -> Result<u64> {
            <$ty>::execute(self, stmt)
        }

        fn fetch_all(&mut self, stmt: &dyn Render) -> Result<Vec<Record>> {
            <$ty>::fetch_all(self, stmt)
        }

        fn fetch_one(&mut self, stmt: &dyn Render) -> Result<Record> {
            <$ty>::fetch_one(self, stmt)
        }

        fn fetch_optional(&mut self, stmt: &dyn Render) -> Result<Option<Record>> {
            <$ty>::fetch_optional(self, stmt)
        }

        fn fetch_all_as<T: FromRow>(&mut self, stmt: &dyn Render) -> Result<Vec<T>> {
            <$ty>::fetch_all_as(self, stmt)
        }

        fn fetch_one_as<T: FromRow>(&mut self, stmt: &dyn Render) -> Result<T> {
            <$ty>::fetch_one_as(self, stmt)
        }
    };
}

impl Executor for Connection {
    delegate!(Connection);
}

impl Executor for Transaction<'_> {
    delegate!(Transaction<'_>);
}
