//! Bulk inserts past the parameter limit: [`Insert::compile_batches`].

use crate::expr::Expr;
use crate::render::dml::{resolve_rows, rows_in_order};
use crate::render::expr::render_list;
use crate::render::{Compiled, Dialect, RenderCtx, SqlWriter};
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
        // Rows as given (the common case) are split without copying them
        // first; others are resolved (validated, defaults added, ordered).
        let resolved;
        let rows: std::borrow::Cow<'_, [Vec<(Ident, Expr)>]> = if rows_in_order(&self.table, rows) {
            std::borrow::Cow::Borrowed(rows)
        } else {
            resolved = resolve_rows(&self.table, rows)?;
            std::borrow::Cow::Owned(
                resolved
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
                    .collect(),
            )
        };
        let counts = rows
            .iter()
            .map(|r| count_params(dialect, r))
            .collect::<Result<Vec<_>>>()?;
        let batch = |range: std::ops::Range<usize>| -> Insert {
            Insert {
                table: self.table.clone(),
                source: InsertSource::Values(rows[range].to_vec()),
                on_conflict: self.on_conflict.clone(),
                returning: self.returning.clone(),
            }
        };
        // Parameters outside the rows (upsert values, RETURNING, ...).
        let first = batch(0..1.min(rows.len())).compile(dialect);
        let overhead = match first {
            Ok(c) => c
                .params
                .len()
                .saturating_sub(counts.first().copied().unwrap_or(0)),
            Err(Error::TooManyParams { count, limit }) => {
                return Err(Error::TooManyParams { count, limit })
            }
            Err(e) => return Err(e),
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
                out.push(batch(start..i).compile(dialect)?);
                start = i;
                used = overhead;
            }
            used += n;
        }
        out.push(batch(start..rows.len()).compile(dialect)?);
        Ok(out)
    }
}
