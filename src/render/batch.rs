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
fn count_params(d: &dyn Dialect, row: &[(Ident, Expr)]) -> Result<usize> {
    if row.iter().all(|(_, e)| matches!(e, Expr::Value(_))) {
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
        self.compile_batches_with_limit(dialect, dialect.max_params())
    }

    /// Like [`Insert::compile_batches`] with at most `max_params` bound
    /// parameters per statement (capped at the dialect's limit).
    pub fn compile_batches_with_limit(
        &self,
        dialect: &dyn Dialect,
        max_params: usize,
    ) -> Result<Vec<Compiled>> {
        let limit = max_params.min(dialect.max_params());
        let rows = match &self.source {
            InsertSource::Values(rows) => rows,
            InsertSource::Select { .. } => return Ok(vec![self.compile(dialect)?]),
        };
        if rows_in_order(&self.table, rows) {
            // Rows as given (the common case): each batch renders a window
            // of this statement's rows, nothing is copied but the values.
            let counts = rows
                .iter()
                .map(|r| count_params(dialect, r))
                .collect::<Result<Vec<_>>>()?;
            let compile = |range: Range<usize>| -> Result<Compiled> {
                let mut w = SqlWriter::new(dialect, false);
                w.set_row_window(range);
                self.render(&mut w)?;
                Ok(w.finish())
            };
            return split(&counts, limit, compile);
        }
        // Other rows are resolved (validated, defaults added, ordered) once,
        // and each batch is a copy of its rows.
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
        let compile = |range: Range<usize>| -> Result<Compiled> {
            let batch = Insert {
                with: self.with.clone(),
                table: self.table.clone(),
                source: InsertSource::Values(rows[range].to_vec()),
                on_conflict: self.on_conflict.clone(),
                returning: self.returning.clone(),
            };
            batch.compile(dialect)
        };
        split(&counts, limit, compile)
    }
}

/// Splits rows binding `counts` parameters each into batches within `limit`
/// (counting the parameters outside the rows, found by compiling the first
/// row alone), compiling each with `compile`.
fn split(
    counts: &[usize],
    limit: usize,
    compile: impl Fn(Range<usize>) -> Result<Compiled>,
) -> Result<Vec<Compiled>> {
    // Parameters outside the rows (upsert values, RETURNING, ...).
    let first = compile(0..1.min(counts.len()))?;
    if first.params.len() > limit {
        return Err(Error::TooManyParams {
            count: first.params.len(),
            limit,
        });
    }
    let overhead = first
        .params
        .len()
        .saturating_sub(counts.first().copied().unwrap_or(0));
    if counts.len() <= 1 {
        return Ok(vec![first]);
    }
    let compile = |range: Range<usize>| -> Result<Compiled> {
        let expected = overhead + counts[range.clone()].iter().sum::<usize>();
        let c = compile(range)?;
        if c.params.len() > limit {
            return Err(Error::TooManyParams {
                count: c.params.len(),
                limit,
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
    };
    let mut out = Vec::new();
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
            out.push(compile(start..i)?);
            start = i;
            used = overhead;
        }
        used += n;
    }
    out.push(compile(start..counts.len())?);
    Ok(out)
}
