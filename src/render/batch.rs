//! Bulk inserts past the parameter limit: [`Insert::compile_batches`].

use crate::expr::Expr;
use crate::render::dml::{resolve_rows, rows_in_order};
use crate::render::expr::render_list;
use std::ops::Range;

use crate::render::{Compiled, Dialect, Render, RenderCtx, SqlWriter};
use crate::stmt::{Insert, InsertSource};
use crate::{Error, Ident, Result};

/// How many parameters a row binds: one per plain value, else as many as
/// rendering it binds.
/// Whether every item of `row` is a bound value.
fn is_plain_row(row: &[(Ident, Expr)]) -> bool {
    row.iter().all(|(_, e)| matches!(e, Expr::Value(_)))
}

fn count_params(d: &dyn Dialect, row: &[(Ident, Expr)]) -> Result<usize> {
    if is_plain_row(row) {
        return Ok(row.len());
    }
    let mut w = SqlWriter::new(d, false);
    for (_, e) in row {
        render_list(&mut w, std::slice::from_ref(e), RenderCtx::top())?;
    }
    Ok(w.params().len())
}

impl Insert {
    /// Compiles a multi-row INSERT into as many statements as needed for
    /// each to bind at most the dialect's
    /// [`max_params`](Dialect::max_params). Client-side defaults are
    /// produced once per row. An INSERT ... SELECT is one statement.
    pub fn compile_batches(&self, dialect: &dyn Dialect) -> Result<Vec<Compiled>> {
        self.batches(dialect)?.collect()
    }

    /// Like [`Insert::compile_batches`] with at most `max_params` bound
    /// parameters per statement (capped at the dialect's limit).
    pub fn compile_batches_with_limit(
        &self,
        dialect: &dyn Dialect,
        max_params: usize,
    ) -> Result<Vec<Compiled>> {
        self.batches_with_limit(dialect, max_params)?.collect()
    }

    /// The statements of [`Insert::compile_batches`], compiled one at a time
    /// as the iterator is advanced: a bulk insert holds the parameters of one
    /// batch, not of all of them. How the rows split, and whether any row is
    /// too large for a statement, is decided before the first is returned.
    ///
    /// ```
    /// use sqlexpr::{insert, value, Column, SqlType, Table};
    /// use sqlexpr_sqlite::Sqlite;
    ///
    /// let t = Table::builder("t")
    ///     .column(Column::new("a", SqlType::Integer))
    ///     .build()
    ///     .unwrap();
    /// let q = insert(&t).rows((0..5).map(|i| [("a", value(i))]));
    /// let sizes: Vec<usize> = q
    ///     .batches_with_limit(&Sqlite::new(), 2)
    ///     .unwrap()
    ///     .map(|c| c.unwrap().params.len())
    ///     .collect();
    /// assert_eq!(sizes, [2, 2, 1]);
    /// ```
    pub fn batches<'a>(&'a self, dialect: &'a dyn Dialect) -> Result<Batches<'a>> {
        self.batches_with_limit(dialect, dialect.max_params())
    }

    /// Like [`Insert::batches`] with at most `max_params` bound parameters
    /// per statement (capped at the dialect's limit).
    pub fn batches_with_limit<'a>(
        &'a self,
        dialect: &'a dyn Dialect,
        max_params: usize,
    ) -> Result<Batches<'a>> {
        let limit = max_params.min(dialect.max_params());
        let mut batches = Batches {
            insert: self,
            dialect,
            resolved: None,
            first: None,
            ranges: Vec::new().into_iter(),
            expected: Vec::new().into_iter(),
            limit,
            uniform: false,
            shared: None,
        };
        let rows = match &self.source {
            InsertSource::Values(rows) => rows,
            InsertSource::Select { .. } => {
                batches.first = Some(self.compile(dialect)?);
                return Ok(batches);
            }
        };
        let counts = if rows_in_order(&self.table, rows) {
            // Rows as given (the common case): each batch renders a window
            // of this statement's rows, nothing is copied but the values.
            rows.iter()
                .map(|r| count_params(dialect, r))
                .collect::<Result<Vec<_>>>()?
        } else {
            // Other rows are resolved (validated, defaults added, ordered)
            // once, and each batch is a copy of its rows.
            let resolved = resolve_rows(&self.table, rows)?;
            let rows: Vec<Vec<(Ident, Expr)>> = resolved
                .rows
                .iter()
                .map(|r| {
                    resolved
                        .columns
                        .iter()
                        .cloned()
                        .zip(r.iter().cloned())
                        .collect()
                })
                .collect();
            let counts = rows
                .iter()
                .map(|r| count_params(dialect, r))
                .collect::<Result<Vec<_>>>()?;
            batches.resolved = Some(rows);
            counts
        };
        // Parameters outside the rows (upsert values, RETURNING, ...), found
        // by compiling the first row alone.
        let first = batches.compile(0..1.min(counts.len()))?;
        if first.params.len() > limit {
            return Err(Error::TooManyParams {
                count: first.params.len(),
                limit,
            });
        }
        if counts.len() <= 1 {
            batches.first = Some(first);
            return Ok(batches);
        }
        let overhead = first
            .params
            .len()
            .saturating_sub(counts.first().copied().unwrap_or(0));
        // Batches of bound values only, with no parameter outside the
        // rows, on a dialect whose values all render alike: a batch of as
        // many rows as the one before has the same SQL.
        batches.uniform = overhead == 0
            && batches.resolved.is_none()
            && dialect.value_sql_is_uniform()
            && self.with.is_none()
            && rows.iter().all(|r| is_plain_row(r));
        let (ranges, expected) = split(&counts, overhead, limit)?;
        batches.ranges = ranges.into_iter();
        batches.expected = expected.into_iter();
        Ok(batches)
    }
}

/// The statements of a bulk insert, compiled one at a time:
/// [`Insert::batches`].
pub struct Batches<'a> {
    insert: &'a Insert,
    dialect: &'a dyn Dialect,
    /// The rows resolved and copied, when they could not be rendered as
    /// given.
    resolved: Option<Vec<Vec<(Ident, Expr)>>>,
    /// A statement compiled already: the only one.
    first: Option<Compiled>,
    /// The rows of each statement still to compile ...
    ranges: std::vec::IntoIter<Range<usize>>,
    /// ... and how many parameters each binds.
    expected: std::vec::IntoIter<usize>,
    limit: usize,
    /// Whether batches of the same number of rows share their SQL (see
    /// [`Dialect::value_sql_is_uniform`]).
    uniform: bool,
    /// The number of rows and SQL of the last batch rendered, when uniform.
    shared: Option<(usize, String)>,
}

impl Batches<'_> {
    fn compile(&self, range: Range<usize>) -> Result<Compiled> {
        let insert = self.insert;
        match &self.resolved {
            None => {
                let mut w = SqlWriter::new(self.dialect, false);
                w.set_row_window(range);
                insert.render(&mut w)?;
                w.finish()
            }
            Some(rows) => {
                let batch = Insert {
                    with: insert.with.clone(),
                    table: insert.table.clone(),
                    source: InsertSource::Values(rows.get(range).unwrap_or_default().to_vec()),
                    on_conflict: insert.on_conflict.clone(),
                    returning: insert.returning.clone(),
                };
                batch.compile(self.dialect)
            }
        }
    }

    /// A batch of a uniform insert whose SQL was rendered for an earlier
    /// batch of as many rows: that SQL and the window's values.
    fn reuse_shared(&self, range: &Range<usize>) -> Option<Compiled> {
        let (n, sql) = self.shared.as_ref()?;
        if *n != range.len() {
            return None;
        }
        let InsertSource::Values(rows) = &self.insert.source else {
            return None;
        };
        let window = rows.get(range.clone())?;
        let mut params = Vec::with_capacity(window.iter().map(Vec::len).sum());
        for row in window {
            for (_, e) in row {
                let Expr::Value(v) = e else {
                    return None;
                };
                params.push(v.clone());
            }
        }
        Some(Compiled::new(sql.clone(), params))
    }

    fn compile_checked(&mut self, range: Range<usize>, expected: usize) -> Result<Compiled> {
        let rows = range.len();
        let c = match self.reuse_shared(&range) {
            Some(c) => c,
            None => {
                let c = self.compile(range)?;
                if self.uniform {
                    self.shared = Some((rows, c.sql.clone()));
                }
                c
            }
        };
        if c.params.len() > self.limit {
            return Err(Error::TooManyParams {
                count: c.params.len(),
                limit: self.limit,
            });
        }
        if c.params.len() != expected {
            return Err(Error::invalid(
                "INSERT",
                format!(
                    "a batch bound {} parameters where {expected} were expected",
                    c.params.len()
                ),
            ));
        }
        Ok(c)
    }
}

impl Iterator for Batches<'_> {
    type Item = Result<Compiled>;

    fn next(&mut self) -> Option<Result<Compiled>> {
        if let Some(first) = self.first.take() {
            return Some(Ok(first));
        }
        let range = self.ranges.next()?;
        let expected = self.expected.next().unwrap_or_default();
        Some(self.compile_checked(range, expected))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.ranges.len() + usize::from(self.first.is_some());
        (n, Some(n))
    }
}

impl ExactSizeIterator for Batches<'_> {}

impl std::fmt::Debug for Batches<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batches")
            .field("remaining", &self.len())
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

/// Splits rows binding `counts` parameters each (plus `overhead` outside the
/// rows per statement) into ranges within `limit`, with the number of
/// parameters each statement binds.
fn split(
    counts: &[usize],
    overhead: usize,
    limit: usize,
) -> Result<(Vec<Range<usize>>, Vec<usize>)> {
    let mut ranges = Vec::new();
    let mut expected = Vec::new();
    let mut start = 0;
    let mut used = overhead;
    for (i, n) in counts.iter().enumerate() {
        if overhead + n > limit {
            return Err(Error::TooManyParams {
                count: overhead + n,
                limit,
            });
        }
        if used + n > limit {
            ranges.push(start..i);
            expected.push(used);
            start = i;
            used = overhead;
        }
        used += n;
    }
    ranges.push(start..counts.len());
    expected.push(used);
    Ok((ranges, expected))
}
