//! [`RowStream`]: a query's rows read one at a time, as typed [`Record`]s.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use mysql_async::{BinaryProtocol, ResultSetStream, Row};
use sqlexpr::row::Record;
use sqlexpr::SqlType;

use crate::conn::{fault_error, Fault};
use crate::{typed_record, Flavour, Result};

type Inner<'c> = ResultSetStream<'c, 'c, 'static, Row, BinaryProtocol>;

/// The rows of a query ([`Connection::stream`](crate::Connection::stream)),
/// read from the server one at a time as they arrive, never loaded whole,
/// each a [`Record`] typed by the statement's column types. Read them with
/// [`RowStream::next`] or as a `futures::Stream`. The stream borrows the
/// connection; dropping it before the end is fine (the rest of the result
/// is skipped before the next statement).
///
/// Each row is awaited at most the connection's reply timeout: past it the
/// stream ends with [`Error::Timeout`](crate::Error::Timeout) and the
/// connection is closed.
///
/// ```no_run
/// # async fn demo(conn: &mut sqlexpr_mysql::Connection) -> Result<(), sqlexpr_mysql::Error> {
/// use sqlexpr::prelude::*;
///
/// // MariaDB's sequence engine: a table of the numbers 1 to 100000.
/// let seq = Table::builder("seq_1_to_100000")
///     .column(Column::new("seq", SqlType::BigInteger))
///     .build()?;
/// let mut rows = conn.stream(&select([seq.c("seq")])).await?;
/// let mut sum = 0i64;
/// while let Some(row) = rows.next().await {
///     sum += row?.read::<i64>("seq")?;
/// }
/// # Ok(()) }
/// ```
pub struct RowStream<'c> {
    inner: Option<Inner<'c>>,
    types: Vec<Option<SqlType>>,
    limit: Option<Duration>,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    poisoned: &'c mut bool,
    flavour: Flavour,
    statement_timeout: Option<Duration>,
}

impl fmt::Debug for RowStream<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RowStream")
            .field("done", &self.inner.is_none())
            .field("types", &self.types)
            .finish_non_exhaustive()
    }
}

impl<'c> RowStream<'c> {
    pub(crate) fn new(
        inner: Option<Inner<'c>>,
        types: Vec<Option<SqlType>>,
        limit: Option<Duration>,
        poisoned: &'c mut bool,
        flavour: Flavour,
        statement_timeout: Option<Duration>,
    ) -> Self {
        RowStream {
            inner,
            types,
            limit,
            sleep: None,
            poisoned,
            flavour,
            statement_timeout,
        }
    }

    /// The next row, `None` after the last (or after an error).
    pub async fn next(&mut self) -> Option<Result<Record>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// [`RowStream::next`] as a `Result` of an `Option`, for `?`:
    /// `while let Some(row) = rows.try_next().await? { .. }`.
    pub async fn try_next(&mut self) -> Result<Option<Record>> {
        self.next().await.transpose()
    }

    /// The stream's item for what the driver gave.
    fn item(&mut self, got: Option<mysql_async::Result<Row>>) -> Option<Result<Record>> {
        match got {
            None => {
                self.inner = None;
                None
            }
            Some(Ok(row)) => Some(typed_record(&row, &self.types)),
            Some(Err(e)) => Some(Err(self.failed(Fault::Driver(e)))),
        }
    }

    /// Ends the stream with the error for `f`, marking the connection when
    /// it is gone.
    fn failed(&mut self, f: Fault) -> crate::Error {
        self.inner = None;
        let e = fault_error(f, self.flavour, self.statement_timeout);
        if e.is_connection_lost() {
            *self.poisoned = true;
        }
        e
    }
}

impl Stream for RowStream<'_> {
    type Item = Result<Record>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let Some(inner) = this.inner.as_mut() else {
            return Poll::Ready(None);
        };
        match Pin::new(inner).poll_next(cx) {
            Poll::Ready(got) => {
                this.sleep = None;
                Poll::Ready(this.item(got))
            }
            Poll::Pending => {
                if let Some(limit) = this.limit {
                    let sleep = this
                        .sleep
                        .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
                    if sleep.as_mut().poll(cx).is_ready() {
                        this.sleep = None;
                        return Poll::Ready(Some(Err(this.failed(Fault::NoReply(limit)))));
                    }
                }
                Poll::Pending
            }
        }
    }
}
