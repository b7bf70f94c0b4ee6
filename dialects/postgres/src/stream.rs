//! [`RowStream`]: a query's rows read one at a time.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use futures_core::Stream;
use sqlexpr::row::Record;
use sqlexpr::SqlType;
use tokio_postgres::RowStream as DriverRows;

use crate::conn::{log, On};
use crate::typed::typed_record;
use crate::Result;

/// The rows of a query, read as they arrive: made by
/// [`Connection::stream`](crate::Connection::stream) (and the same method
/// of a [`Transaction`](crate::Transaction)). Only the rows not yet taken
/// and what the socket buffers are in memory: tokio-postgres stops reading
/// from the server until a row is taken. The stream borrows its connection
/// until it is dropped; dropping it before the end discards the rest of
/// the result. Its echo event is written when it ends: with the row count
/// when read to the end, with the error when it fails, without a count
/// when dropped before the end.
///
/// ```no_run
/// # async fn demo(conn: &mut sqlexpr_postgres::Connection) -> Result<(), sqlexpr_postgres::Error> {
/// use sqlexpr::prelude::*;
///
/// let mut rows = conn.stream(&raw("SELECT g FROM generate_series(1, 100000) AS g")).await?;
/// let mut sum = 0i64;
/// while let Some(row) = rows.next().await {
///     let row = row?;
///     sum += i64::from(row.read::<i32>("g")?);
/// }
/// assert_eq!(sum, 5_000_050_000);
/// # Ok(()) }
/// ```
///
/// It is also a [`futures_core::Stream`] of `Result<Record>` (without the
/// connection's client-side time limit, which [`next`](RowStream::next)
/// applies).
pub struct RowStream<'a> {
    on: On<'a>,
    rows: Pin<Box<DriverRows>>,
    types: Vec<Option<SqlType>>,
    done: bool,
    read: u64,
    echo: Option<PendingLog>,
}

/// The echo event of a stream, written when it ends or is dropped.
#[derive(Debug)]
pub(crate) struct PendingLog {
    pub(crate) sql: String,
    pub(crate) params: Vec<sqlexpr::Value>,
    pub(crate) started: Instant,
}

impl fmt::Debug for RowStream<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RowStream")
            .field("types", &self.types)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<'a> RowStream<'a> {
    pub(crate) fn new(
        on: On<'a>,
        rows: DriverRows,
        types: Vec<Option<SqlType>>,
        echo: Option<PendingLog>,
    ) -> Self {
        RowStream {
            on,
            rows: Box::pin(rows),
            types,
            done: false,
            read: 0,
            echo,
        }
    }

    /// The number of rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.read
    }

    /// Ends the stream: writes its echo event (the rows read when it ran
    /// to the end, or the error) and returns `r`.
    fn finish<T>(&mut self, r: Result<T>, complete: bool) -> Result<T> {
        self.done = true;
        if let Some(p) = self.echo.take() {
            let outcome = match &r {
                Ok(_) => Ok(complete.then_some(self.read)),
                Err(e) => Err(e),
            };
            log(self.on.state, &p.sql, &p.params, Some(p.started), outcome);
        }
        r
    }

    /// A row read: counted, and typed.
    fn take(&mut self, row: &tokio_postgres::Row) -> Result<Record> {
        self.read += 1;
        match typed_record(row, &self.types) {
            Ok(rec) => Ok(rec),
            Err(e) => self.finish(Err(e), false),
        }
    }

    /// The next row, typed by the statement's column types, or its error;
    /// `None` after the last (the shape of `Iterator::next` and of the
    /// SQLite and MySQL crates' streams). Each wait is bounded by the
    /// connection's reply time limit. After an error, the stream ends.
    pub async fn next(&mut self) -> Option<Result<Record>> {
        self.try_next().await.transpose()
    }

    /// [`RowStream::next`] as a `Result` of an `Option`, for `?`:
    /// `while let Some(row) = rows.try_next().await? { .. }`.
    pub async fn try_next(&mut self) -> Result<Option<Record>> {
        if self.done {
            return Ok(None);
        }
        let rows = &mut self.rows;
        let next = std::future::poll_fn(|cx| match rows.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(row))) => Poll::Ready(Ok(Some(row))),
            Poll::Ready(Some(Err(e))) => Poll::Ready(Err(e)),
            Poll::Ready(None) => Poll::Ready(Ok(None)),
            Poll::Pending => Poll::Pending,
        });
        match self.on.bounded(next).await {
            Ok(Some(row)) => self.take(&row).map(Some),
            Ok(None) => self.finish(Ok(None), true),
            Err(e) => self.finish(Err(e), false),
        }
    }

    /// The number of rows the statement returned, once the stream has
    /// ended (from the server's command tag).
    pub fn rows_affected(&self) -> Option<u64> {
        self.rows.rows_affected()
    }
}

impl Stream for RowStream<'_> {
    type Item = Result<Record>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        match this.rows.as_mut().poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(None) => {
                let _ = this.finish(Ok(()), true);
                Poll::Ready(None)
            }
            Poll::Ready(Some(Err(e))) => {
                let e = this.on.state.classify(e);
                Poll::Ready(Some(this.finish(Err(e), false)))
            }
            Poll::Ready(Some(Ok(row))) => Poll::Ready(Some(this.take(&row))),
        }
    }
}

impl Drop for RowStream<'_> {
    /// Writes the echo event of a stream dropped before its end (without
    /// a row count).
    fn drop(&mut self) {
        if self.echo.is_some() {
            let _ = self.finish(Ok(()), false);
        }
    }
}
