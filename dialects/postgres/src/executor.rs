//! [`Executor`]: what runs statements, for code generic over a
//! [`Connection`], a pooled connection, a [`Transaction`] and its savepoints.

use std::future::Future;

use sqlexpr::row::{FromRow, Record};
use sqlexpr::Render;

use crate::{ClientHolder, Connection, Postgres, Result, Transaction};

/// What runs statements with its own dialect: a [`Connection`] (a pooled one too: it is a `Connection`), a [`Transaction`] or a savepoint. Write a function
/// once against it and call it with any of them:
///
/// ```no_run
/// # async fn demo(mut conn: sqlexpr_postgres::Connection) -> sqlexpr_postgres::Result<()> {
/// use sqlexpr::prelude::*;
/// use sqlexpr_postgres::Executor;
///
/// async fn count(db: &mut impl Executor) -> sqlexpr_postgres::Result<i64> {
///     db.fetch_one(&select([func::count_star().label("n")]))
///         .await?
///         .read::<i64>("n")
///         .map_err(Into::into)
/// }
///
/// let n = count(&mut conn).await?;
/// let mut tx = conn.begin().await?;
/// assert_eq!(count(&mut tx).await?, n);
/// tx.commit().await?;
/// # Ok(()) }
/// ```
pub trait Executor: Send {
    /// The dialect statements compile for.
    fn dialect(&self) -> &Postgres;

    /// Executes a statement; returns the number of rows it affected.
    fn execute<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<u64>> + Send + 'a;

    /// Runs a query; returns its rows, typed by its columns.
    fn fetch_all<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Vec<Record>>> + Send + 'a;

    /// Runs a query; returns its first row, or [`Error::NoRows`](crate::Error::NoRows).
    fn fetch_one<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Record>> + Send + 'a;

    /// Runs a query; returns its first row, if any.
    fn fetch_optional<'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Option<Record>>> + Send + 'a;

    /// Runs a query; returns its rows as `T`s, read by column name.
    fn fetch_all_as<'a, T: FromRow + Send + 'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<Vec<T>>> + Send + 'a;

    /// Runs a query; returns its first row as a `T`, or
    /// [`Error::NoRows`](crate::Error::NoRows).
    fn fetch_one_as<'a, T: FromRow + Send + 'a>(
        &'a mut self,
        stmt: &dyn Render,
    ) -> impl Future<Output = Result<T>> + Send + 'a;
}

macro_rules! delegate {
    ($ty:ty) => {
        fn dialect(&self) -> &Postgres {
            <$ty>::dialect(self)
        }

        fn execute<'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<u64>> + Send + 'a {
            <$ty>::execute(self, stmt)
        }

        fn fetch_all<'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<Vec<Record>>> + Send + 'a {
            <$ty>::fetch_all(self, stmt)
        }

        fn fetch_one<'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<Record>> + Send + 'a {
            <$ty>::fetch_one(self, stmt)
        }

        fn fetch_optional<'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<Option<Record>>> + Send + 'a {
            <$ty>::fetch_optional(self, stmt)
        }

        fn fetch_all_as<'a, T: FromRow + Send + 'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<Vec<T>>> + Send + 'a {
            <$ty>::fetch_all_as(self, stmt)
        }

        fn fetch_one_as<'a, T: FromRow + Send + 'a>(
            &'a mut self,
            stmt: &dyn Render,
        ) -> impl Future<Output = Result<T>> + Send + 'a {
            <$ty>::fetch_one_as(self, stmt)
        }
    };
}

impl<H: ClientHolder> Executor for Connection<H> {
    delegate!(Connection<H>);
}

impl Executor for Transaction<'_> {
    delegate!(Transaction<'_>);
}
