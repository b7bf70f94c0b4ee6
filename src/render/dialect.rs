//! The [`Dialect`] trait: how a database spells SQL.

use crate::expr::{
    BinaryExpr, BinaryOp, CastExpr, Expr, ExtractExpr, Func, FunctionCall, LikeExpr, OrderBy,
};
use crate::render::{
    cte as rcte, expr as rexpr, literal, lock as rlock, precedence, query as rquery,
    scalar as rscalar, select as rselect, RenderCtx, SqlWriter,
};
use crate::schema::SqlType;
use crate::stmt::{Compound, Lock, Select, With};
use crate::{Result, Value};

use crate::render::{ddl as rddl, dml as rdml};
use crate::schema::Column;
use crate::stmt::{
    AlterTable, CreateIndex, CreateTable, Delete, DropIndex, DropTable, Insert, OnConflict, Update,
};

/// Which kind of identifier is written, for
/// [`Dialect::max_identifier_length`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdentifierKind {
    /// A column, index, constraint, CTE or type name.
    Name,
    /// A table or schema name where the writer places a table (FROM, INSERT
    /// INTO, CREATE TABLE, ...): some databases store it as a file name.
    Table,
    /// An alias: `AS name` of a select-list item, table or subquery.
    Alias,
}

impl IdentifierKind {
    /// The `kind` of [`crate::Error::InvalidName`] for an empty name.
    pub(crate) fn describe_empty(self) -> &'static str {
        match self {
            IdentifierKind::Name | IdentifierKind::Table => "empty identifier",
            IdentifierKind::Alias => "empty alias",
        }
    }

    /// The `kind` of [`crate::Error::InvalidName`] for a name over the
    /// dialect's limit.
    pub(crate) fn describe_too_long(self) -> &'static str {
        match self {
            IdentifierKind::Name | IdentifierKind::Table => {
                "identifier (longer than the dialect's limit)"
            }
            IdentifierKind::Alias => "alias (longer than the dialect's limit)",
        }
    }
}

/// How one database spells SQL. Every method has a default that renders ANSI
/// SQL; a dialect overrides only what differs, and each whole-clause hook has a
/// `*_default` function to fall back to for the cases it does not change.
///
/// Override points, smallest first: quoting and literals; placeholders;
/// capability flags; limits; clause hooks. The core branches on capabilities,
/// never on which dialect is in use.
///
/// The trait is object safe; the renderer works with `&dyn Dialect`.
pub trait Dialect: Send + Sync {
    /// The dialect's name, used in error messages (e.g. `"postgresql"`).
    fn name(&self) -> &'static str;

    // ---- lexical -------------------------------------------------------

    /// Writes `name` as a quoted identifier, escaping the quote character.
    /// Default: `"name"` with `"` doubled.
    fn write_identifier(&self, out: &mut String, name: &str) {
        literal::quote_identifier(out, name, '"', '"');
    }

    /// The quote characters around a *plain* name ([`Ident::is_plain`](crate::Ident::is_plain):
    /// ASCII letters, digits and `_`), when [`Dialect::write_identifier`]
    /// writes such a name as `open`, the name, `close`, and
    /// [`Dialect::identifier_error`] accepts every plain name within
    /// [`Dialect::max_identifier_length`]. The writer
    /// then writes plain names itself, checking only their length against
    /// [`Dialect::max_identifier_length`] (read once per statement), without
    /// calling either method per name. Default: `None`, every name goes
    /// through both (right for any override of them).
    fn plain_identifier_quotes(&self) -> Option<(char, char)> {
        None
    }

    /// Writes the placeholder of the `index`-th parameter (1-based).
    /// Default: `?`.
    fn write_placeholder(&self, out: &mut String, index: usize) {
        let _ = index;
        out.push('?');
    }

    /// Writes the placeholder of a bound `value`, the `index`-th parameter.
    /// Default: [`Dialect::write_placeholder`]; a dialect whose server would
    /// read the value as another type wraps it in a CAST here. A named
    /// parameter is written plain when compiled, and by this method when
    /// [`Compiled::with_params_for`](crate::Compiled::with_params_for) fills
    /// it.
    fn write_value_placeholder(&self, out: &mut String, index: usize, value: &Value) {
        let _ = value;
        self.write_placeholder(out, index);
    }

    /// Writes a string literal. Default: `'...'` with `'` doubled; a NUL
    /// character is an error.
    fn write_string_literal(&self, out: &mut String, s: &str) -> Result<()> {
        literal::write_string_literal_default(self.name(), out, s)
    }

    /// Writes a value as an inline literal (for `to_sql_inline` and the few
    /// places SQL requires a literal).
    fn write_literal(&self, out: &mut String, value: &Value) -> Result<()> {
        literal::write_literal_default(self, out, value)
    }

    /// Writes a non-finite float (NaN, ±infinity) as a literal, or errors.
    /// Default: error.
    fn write_non_finite_float(&self, out: &mut String, value: f64) -> Result<()> {
        let _ = out;
        Err(crate::Error::Literal {
            dialect: self.name().into(),
            reason: format!("{value} has no literal form"),
        })
    }

    /// The digits an exact decimal literal may have. Default: NUMERIC's.
    fn decimal_literal_limits(&self) -> literal::DecimalLimits {
        literal::DecimalLimits::NUMERIC
    }

    /// The first and last date a date / timestamp literal may hold.
    /// Default: years 1 to 9999 (SQL's range).
    fn date_literal_range(&self) -> literal::DateRange {
        literal::date_range((1, 1, 1), (9999, 12, 31))
    }

    /// Writes the boolean keywords. Default: `TRUE` / `FALSE`.
    fn write_bool(&self, out: &mut String, value: bool) {
        out.push_str(if value { "TRUE" } else { "FALSE" });
    }

    // ---- capabilities --------------------------------------------------

    /// `FULL OUTER JOIN` is available (else a SELECT of one FULL JOIN is
    /// emulated with `LEFT JOIN ... UNION ALL` the unmatched right rows).
    fn supports_full_join(&self) -> bool {
        true
    }

    /// `RIGHT OUTER JOIN` is available.
    fn supports_right_join(&self) -> bool {
        true
    }

    /// `NULLS FIRST` / `NULLS LAST` in ORDER BY (else emulated with an
    /// `x IS NULL` sort key).
    fn supports_nulls_ordering(&self) -> bool {
        true
    }

    /// `ILIKE` exists (else emulated as `LOWER(x) LIKE LOWER(pattern)`).
    fn supports_ilike(&self) -> bool {
        false
    }

    /// `OFFSET` may appear without `LIMIT`.
    fn supports_offset_without_limit(&self) -> bool {
        true
    }

    /// `LATERAL` subqueries in FROM.
    fn supports_lateral(&self) -> bool {
        true
    }

    /// `AS MATERIALIZED` / `AS NOT MATERIALIZED` on a CTE.
    fn supports_cte_materialized(&self) -> bool {
        true
    }

    /// Without `AS [NOT] MATERIALIZED`, the hint is left out rather than
    /// [`Error::Unsupported`](crate::Error::Unsupported): it changes how the
    /// CTE is evaluated, never its rows (PostgreSQL never inlines a CTE with
    /// volatile functions, so MATERIALIZED guarantees nothing more there).
    fn drops_cte_materialized_hint(&self) -> bool {
        false
    }

    /// `INTERSECT` and `EXCEPT`.
    fn supports_intersect_except(&self) -> bool {
        true
    }

    /// `INTERSECT ALL` and `EXCEPT ALL` (else emulated as `INTERSECT` /
    /// `EXCEPT` of rows numbered with `ROW_NUMBER()`).
    fn supports_intersect_except_all(&self) -> bool {
        true
    }

    /// A member of a set operation may be parenthesised
    /// (`(SELECT ... LIMIT 1) UNION ...`); else it is wrapped as
    /// `SELECT * FROM (...)`.
    fn supports_parenthesized_set_operands(&self) -> bool {
        true
    }

    /// `GROUPS` window frames.
    fn supports_window_groups(&self) -> bool {
        true
    }

    /// `aggregate FILTER (WHERE ...)` (else emulated with CASE inside the
    /// aggregate).
    fn supports_aggregate_filter(&self) -> bool {
        true
    }

    /// `SELECT DISTINCT ON (...)` (else emulated with `ROW_NUMBER()`).
    fn supports_distinct_on(&self) -> bool {
        false
    }

    /// `x op ANY (subquery)` / `x op ALL (subquery)` (else `= ANY` is `IN`,
    /// `<> ALL` is `NOT IN`, and the rest an aggregate over the subquery).
    fn supports_quantified_subquery(&self) -> bool {
        true
    }

    /// Row-value comparisons and `(a, b) IN (...)` (else expanded into
    /// scalar comparisons).
    fn supports_row_values(&self) -> bool {
        true
    }

    /// A numbered placeholder (`$1`) may appear several times for one value.
    /// Where it may, an expression of GROUP BY, ORDER BY, DISTINCT ON or
    /// HAVING (or a part of a HAVING / ORDER BY item) equal to one rendered
    /// before in the select list, DISTINCT ON or GROUP BY of the same
    /// SELECT re-uses that expression's placeholders, so that the database
    /// sees the same expression (`GROUP BY val % $1` after `SELECT val %
    /// $1`); with `?` placeholders each occurrence binds its value again.
    fn supports_placeholder_reuse(&self) -> bool {
        false
    }

    /// Whether a bound value's SQL is its placeholder whatever the value
    /// (this dialect neither overrides [`Dialect::write_value_placeholder`]
    /// to look at the value nor renders values in [`Dialect::render_expr`]
    /// or the INSERT hooks otherwise). Then the batches of a bulk insert
    /// ([`Insert::batches`](crate::Insert::batches)) with the same number
    /// of rows of bound values share one SQL text, rendered once, and each
    /// further batch only collects its values. Default: `false`.
    fn value_sql_is_uniform(&self) -> bool {
        false
    }

    /// `LAG` / `LEAD` take a third, default-value argument.
    fn supports_lag_lead_default(&self) -> bool {
        true
    }

    /// IN / NOT IN / ANY / ALL may take a subquery with LIMIT (else it is
    /// wrapped in a derived table: `IN (SELECT * FROM (... LIMIT n) AS t)`).
    fn supports_limit_in_in_subquery(&self) -> bool {
        true
    }

    /// Row locking (`FOR UPDATE` ...) exists at all.
    fn supports_row_locking(&self) -> bool {
        true
    }

    /// Without row locking, a locking clause without NOWAIT / SKIP LOCKED
    /// renders as nothing (rather than
    /// [`Error::Unsupported`](crate::Error::Unsupported)), because
    /// transactions are serializable under a database-wide write lock.
    fn drops_row_locking(&self) -> bool {
        false
    }

    /// `FOR SHARE` is spelt so (else the dialect's `render_lock` spells it).
    fn supports_for_share(&self) -> bool {
        true
    }

    /// `FOR NO KEY UPDATE` and `FOR KEY SHARE`.
    fn supports_lock_key_strength(&self) -> bool {
        true
    }

    /// `FOR UPDATE OF tables`.
    fn supports_lock_of(&self) -> bool {
        true
    }

    /// `NOWAIT`.
    fn supports_lock_nowait(&self) -> bool {
        true
    }

    /// `SKIP LOCKED`.
    fn supports_lock_skip_locked(&self) -> bool {
        true
    }

    // ---- limits --------------------------------------------------------

    /// The longest identifier of `kind` the database accepts, as counted by
    /// [`Dialect::identifier_length`]; `None`: no limit. Default: none.
    fn max_identifier_length(&self, kind: IdentifierKind) -> Option<usize> {
        let _ = kind;
        None
    }

    /// The length of `name`, an identifier of `kind`, as the database
    /// counts it against [`Dialect::max_identifier_length`]. Default: bytes
    /// of UTF-8.
    fn identifier_length(&self, name: &str, kind: IdentifierKind) -> usize {
        let _ = kind;
        name.len()
    }

    /// Why the database refuses `name` as an identifier of `kind` whatever
    /// its length (a character it does not take in names, ...), as the
    /// `kind` of [`crate::Error::InvalidName`]; `None`: accepted. Default: a
    /// name with a NUL character is refused, as every database refuses it.
    fn identifier_error(&self, name: &str, kind: IdentifierKind) -> Option<&'static str> {
        if name.contains('\0') {
            return Some(match kind {
                IdentifierKind::Alias => "alias (with a NUL character)",
                _ => "identifier (with a NUL character)",
            });
        }
        None
    }

    /// The most bound parameters one statement may carry.
    fn max_params(&self) -> usize {
        65_535
    }

    /// The largest LIMIT / OFFSET value the database accepts (default: a
    /// signed 64-bit integer's maximum).
    fn max_limit(&self) -> u64 {
        i64::MAX as u64
    }

    /// The largest window frame offset (`ROWS n PRECEDING`) the database accepts.
    fn max_frame_offset(&self) -> u64 {
        i64::MAX as u64
    }

    /// The largest NTILE bucket count / LAG and LEAD offset the database accepts.
    fn max_window_function_argument(&self) -> u64 {
        i64::MAX as u64
    }

    /// The longest `VARCHAR(n)` the database accepts, in characters (default: no limit).
    fn max_varchar_length(&self) -> u32 {
        u32::MAX
    }

    /// The largest precision of `NUMERIC(p, s)` the database accepts (default: no limit).
    fn max_numeric_precision(&self) -> u32 {
        u32::MAX
    }

    /// The largest scale of `NUMERIC(p, s)` the database accepts (default: no limit).
    fn max_numeric_scale(&self) -> u32 {
        u32::MAX
    }

    /// The deepest expression / query nesting the renderer accepts before
    /// returning [`crate::Error::TooDeep`]. An expression counts one level, a
    /// query (SELECT or compound, also as a subquery or derived table)
    /// [`QUERY_DEPTH`](crate::render::QUERY_DEPTH) levels. Length is not
    /// nesting: a left-deep chain of one operator (`a + b + c + ...`, as
    /// `+` builds it) and a chain of one set operation (`q1 UNION ALL q2
    /// UNION ALL ...`) are written flat and count one level, as an AND / OR
    /// of many terms does. Default 256: rendering takes up to ~4.5 KB of
    /// stack per level in debug builds (~0.5 KB in release), so the limit
    /// is reached well within a 2 MB thread stack.
    fn max_depth(&self) -> usize {
        256
    }

    /// The server's limit on one expression's parse depth, n levels for a chain of n operators.
    fn max_expr_depth(&self) -> Option<usize> {
        None
    }

    /// The most SELECTs the server takes in one chain of set operations.
    fn max_compound_members(&self) -> Option<usize> {
        None
    }

    // ---- clause hooks --------------------------------------------------

    /// The precedence level of a binary operator as this dialect renders it
    /// (see [`precedence::level`]).
    fn binary_precedence(&self, op: BinaryOp) -> u8 {
        precedence::binary_precedence_default(op)
    }

    /// Renders any expression. Default: [`rexpr::render_expr_default`], which
    /// dispatches to the node hooks below.
    fn render_expr(&self, w: &mut SqlWriter<'_>, e: &Expr, ctx: RenderCtx) -> Result<()> {
        rexpr::render_expr_default(w, e, ctx)
    }

    /// Renders a binary operation. Default: [`rexpr::render_binary_default`],
    /// which writes a left-deep chain of the operator flat: the nodes below
    /// the top of the chain do not come back through this hook.
    fn render_binary(&self, w: &mut SqlWriter<'_>, e: &BinaryExpr, ctx: RenderCtx) -> Result<()> {
        rexpr::render_binary_default(w, e, ctx)
    }

    /// Checks a binary operator on operands of these inferred types (`None`:
    /// unknown) before rendering it. Default:
    /// [`check_binary_types`](crate::expr::types::check_binary_types).
    fn check_binary_types(
        &self,
        op: BinaryOp,
        left: Option<&SqlType>,
        right: Option<&SqlType>,
    ) -> Result<()> {
        crate::expr::types::check_binary_types(self.name(), op, left, right)
    }

    /// Renders LIKE / ILIKE. Default: [`rexpr::render_like_default`].
    fn render_like(&self, w: &mut SqlWriter<'_>, e: &LikeExpr, ctx: RenderCtx) -> Result<()> {
        rexpr::render_like_default(w, e, ctx)
    }

    /// Whether `word` (one part of a [`Func::Named`] name, any case) is a
    /// reserved word that cannot be called as `word(...)`: such a name is
    /// [`Error::InvalidName`](crate::Error::InvalidName). Default:
    /// [`rexpr::is_reserved_word`].
    fn is_reserved_function_name(&self, word: &str) -> bool {
        rexpr::is_reserved_word(word)
    }

    /// The name of a known function ([`Func::Named`] is written as given).
    fn function_name(&self, func: &Func) -> &'static str {
        match func {
            Func::Named(_) => "",
            other => rexpr::known_function_name(other),
        }
    }

    /// Renders a function call. Default: [`rexpr::render_function_default`].
    fn render_function(
        &self,
        w: &mut SqlWriter<'_>,
        f: &FunctionCall,
        ctx: RenderCtx,
    ) -> Result<()> {
        rexpr::render_function_default(w, f, ctx)
    }

    /// Renders CAST. Default: [`rexpr::render_cast_default`].
    fn render_cast(&self, w: &mut SqlWriter<'_>, e: &CastExpr, ctx: RenderCtx) -> Result<()> {
        rexpr::render_cast_default(w, e, ctx)
    }

    /// Renders a bound value where the SQL around it gives it no type: a
    /// select-list item, the operand of IS NULL, a CASE result, the source
    /// of EXTRACT. Default: the value as anywhere else. A dialect whose
    /// server types parameters from their context casts it here.
    fn render_untyped_value(&self, w: &mut SqlWriter<'_>, v: &Value) -> Result<()> {
        w.push_value(v)
    }

    /// Writes the type name used as a CAST target. Default: the column type
    /// name ([`Dialect::write_type`]).
    fn write_cast_type(&self, out: &mut String, ty: &SqlType) -> Result<()> {
        self.write_type(out, ty)
    }

    /// Writes a column type name. Default: [`literal::write_type_default`].
    fn write_type(&self, out: &mut String, ty: &SqlType) -> Result<()> {
        literal::write_type_default(self, out, ty)
    }

    /// Renders one ORDER BY item. Default:
    /// [`rselect::render_order_by_default`].
    fn render_order_by(&self, w: &mut SqlWriter<'_>, item: &OrderBy, ctx: RenderCtx) -> Result<()> {
        rselect::render_order_by_default(w, item, ctx)
    }

    /// Renders the LIMIT / OFFSET clause (with its leading space). Default:
    /// [`rselect::render_limit_offset_default`].
    fn render_limit_offset(
        &self,
        w: &mut SqlWriter<'_>,
        limit: Option<u64>,
        offset: Option<u64>,
    ) -> Result<()> {
        rselect::render_limit_offset_default(w, limit, offset)
    }

    /// Renders `EXTRACT(field FROM x)`. Default:
    /// [`rscalar::render_extract_default`].
    fn render_extract(&self, w: &mut SqlWriter<'_>, e: &ExtractExpr, ctx: RenderCtx) -> Result<()> {
        rscalar::render_extract_default(w, e, ctx)
    }

    /// Renders a WITH clause (with its trailing space). Default:
    /// [`rcte::render_with_default`].
    fn render_with(&self, w: &mut SqlWriter<'_>, with: &With) -> Result<()> {
        rcte::render_with_default(w, with)
    }

    /// Renders a set operation. Default: [`rquery::render_compound_default`],
    /// which writes a chain of the operator flat: the compounds below the
    /// top of the chain do not come back through this hook.
    fn render_compound(&self, w: &mut SqlWriter<'_>, c: &Compound, ctx: RenderCtx) -> Result<()> {
        rquery::render_compound_default(w, c, ctx)
    }

    /// Renders the locking clause (with its leading space). Default:
    /// [`rlock::render_lock_default`].
    fn render_lock(&self, w: &mut SqlWriter<'_>, lock: &Lock) -> Result<()> {
        rlock::render_lock_default(w, lock)
    }

    /// Writes what comes between `SELECT [DISTINCT] ` and the select list
    /// (with its trailing space), such as `TOP n `, and says whether that
    /// expressed the SELECT's LIMIT: when it returns `true`, the LIMIT is not
    /// passed on to [`Dialect::render_limit_offset`] (the OFFSET still is).
    /// Default: writes nothing and returns `false`.
    fn render_select_prefix(&self, w: &mut SqlWriter<'_>, s: &Select) -> Result<bool> {
        let _ = (w, s);
        Ok(false)
    }

    /// Renders a whole SELECT. Default: [`rselect::render_select_default`].
    fn render_select(&self, w: &mut SqlWriter<'_>, s: &Select, ctx: RenderCtx) -> Result<()> {
        rselect::render_select_default(w, s, ctx)
    }

    // ---- DML and DDL capabilities --------------------------------------

    /// `INSERT ... RETURNING` is available.
    fn supports_insert_returning(&self) -> bool {
        true
    }

    /// `UPDATE ... RETURNING` is available.
    fn supports_update_returning(&self) -> bool {
        true
    }

    /// `DELETE ... RETURNING` is available.
    fn supports_delete_returning(&self) -> bool {
        true
    }

    /// `INSERT INTO t DEFAULT VALUES` (else `INSERT INTO t () VALUES ()`).
    fn supports_default_values(&self) -> bool {
        true
    }

    /// An upsert's conflict target restricts it to that one unique key (else a
    /// conflict on any unique key of the table fires it: MySQL's ON DUPLICATE KEY).
    fn upsert_target_restricts_conflict(&self) -> bool {
        true
    }

    /// `ON CONFLICT DO UPDATE` may omit the conflict target.
    fn supports_upsert_update_without_target(&self) -> bool {
        false
    }

    /// `UPDATE t SET ... FROM other` is available.
    fn supports_update_from(&self) -> bool {
        true
    }

    /// `DELETE FROM t USING other` (else emulated with `WHERE EXISTS`).
    fn supports_delete_using(&self) -> bool {
        true
    }

    /// A WITH clause before UPDATE and DELETE.
    fn supports_with_on_update_delete(&self) -> bool {
        true
    }

    /// The WITH clause of `INSERT ... SELECT` goes before the SELECT
    /// (`INSERT INTO t WITH c AS (...) SELECT ...`) rather than before
    /// INSERT; an `INSERT ... VALUES` then takes none.
    fn insert_with_before_select(&self) -> bool {
        false
    }

    /// `UPDATE ... ORDER BY ... LIMIT n` is available.
    fn supports_update_order_limit(&self) -> bool {
        false
    }

    /// `DELETE ... ORDER BY ... LIMIT n` is available.
    fn supports_delete_order_limit(&self) -> bool {
        false
    }

    /// How an enum column is declared (named type, inline ENUM, or CHECK).
    fn enum_style(&self) -> rddl::EnumStyle {
        rddl::EnumStyle::Check
    }

    /// How table and column comments are stored (inline, COMMENT ON, none).
    fn comment_style(&self) -> rddl::CommentStyle {
        rddl::CommentStyle::None
    }

    /// An autoincrement key must be declared `INTEGER PRIMARY KEY` inline.
    fn autoincrement_inline_primary_key(&self) -> bool {
        false
    }

    /// A foreign key may name a table that does not exist yet.
    fn supports_forward_foreign_keys(&self) -> bool {
        false
    }

    /// `ON DELETE / ON UPDATE SET DEFAULT` is accepted.
    fn supports_fk_set_default(&self) -> bool {
        true
    }

    /// `REFERENCES t (c)` in a column definition creates a foreign key.
    fn supports_inline_references(&self) -> bool {
        true
    }

    /// `DROP TABLE ... CASCADE` is available.
    fn supports_drop_cascade(&self) -> bool {
        true
    }

    /// `CREATE INDEX IF NOT EXISTS` is available.
    fn supports_create_index_if_not_exists(&self) -> bool {
        true
    }

    /// Partial indexes (`CREATE INDEX ... WHERE`) are available.
    fn supports_partial_index(&self) -> bool {
        true
    }

    /// `DROP INDEX IF EXISTS` is available.
    fn supports_drop_index_if_exists(&self) -> bool {
        true
    }

    /// `DROP INDEX name ON table` (the index is named within its table).
    fn drop_index_needs_table(&self) -> bool {
        false
    }

    /// `ALTER TABLE ... ADD CONSTRAINT` / `DROP CONSTRAINT` are available.
    fn supports_alter_constraints(&self) -> bool {
        true
    }

    /// `ALTER TABLE ... DROP COLUMN` is available.
    fn supports_drop_column(&self) -> bool {
        true
    }

    /// The words that drop a foreign key in ALTER TABLE.
    /// Default: `DROP CONSTRAINT`.
    fn drop_foreign_key_keyword(&self) -> &'static str {
        "DROP CONSTRAINT"
    }

    /// Writes the autoincrement clause of a column definition (with its
    /// leading space). Default: ` GENERATED BY DEFAULT AS IDENTITY`.
    fn write_autoincrement(&self, out: &mut String) {
        out.push_str(" GENERATED BY DEFAULT AS IDENTITY");
    }

    // ---- DML and DDL hooks ---------------------------------------------

    /// Renders a whole INSERT. Default: [`rdml::render_insert_default`].
    /// An override renders only the VALUES rows of
    /// [`SqlWriter::row_window`] when it is set (a batch of a bulk insert).
    fn render_insert(&self, w: &mut SqlWriter<'_>, s: &Insert, ctx: RenderCtx) -> Result<()> {
        rdml::render_insert_default(w, s, ctx)
    }

    /// Renders the upsert clause of an INSERT (with its leading space).
    /// Default: [`rdml::render_upsert_default`] (`ON CONFLICT ...`).
    fn render_upsert(
        &self,
        w: &mut SqlWriter<'_>,
        s: &Insert,
        on_conflict: &OnConflict,
        ctx: RenderCtx,
    ) -> Result<()> {
        rdml::render_upsert_default(w, s, on_conflict, ctx)
    }

    /// Renders a whole UPDATE. Default: [`rdml::render_update_default`].
    fn render_update(&self, w: &mut SqlWriter<'_>, s: &Update, ctx: RenderCtx) -> Result<()> {
        rdml::render_update_default(w, s, ctx)
    }

    /// Renders a whole DELETE. Default: [`rdml::render_delete_default`].
    fn render_delete(&self, w: &mut SqlWriter<'_>, s: &Delete, ctx: RenderCtx) -> Result<()> {
        rdml::render_delete_default(w, s, ctx)
    }

    /// Renders the expression after `DEFAULT` in a column definition, as
    /// inline literals. Default: [`rddl::render_column_default_default`].
    fn render_column_default(
        &self,
        w: &mut SqlWriter<'_>,
        column: &Column,
        expr: &Expr,
    ) -> Result<()> {
        rddl::render_column_default_default(w, column, expr)
    }

    /// Renders CREATE TABLE. Default: [`rddl::render_create_table_default`].
    fn render_create_table(&self, w: &mut SqlWriter<'_>, s: &CreateTable) -> Result<()> {
        rddl::render_create_table_default(w, s)
    }

    /// Renders DROP TABLE. Default: [`rddl::render_drop_table_default`].
    fn render_drop_table(&self, w: &mut SqlWriter<'_>, s: &DropTable) -> Result<()> {
        rddl::render_drop_table_default(w, s)
    }

    /// Renders CREATE INDEX. Default: [`rddl::render_create_index_default`].
    fn render_create_index(&self, w: &mut SqlWriter<'_>, s: &CreateIndex) -> Result<()> {
        rddl::render_create_index_default(w, s)
    }

    /// Renders DROP INDEX. Default: [`rddl::render_drop_index_default`].
    fn render_drop_index(&self, w: &mut SqlWriter<'_>, s: &DropIndex) -> Result<()> {
        rddl::render_drop_index_default(w, s)
    }

    /// Renders ALTER TABLE. Default: [`rddl::render_alter_table_default`].
    fn render_alter_table(&self, w: &mut SqlWriter<'_>, s: &AlterTable) -> Result<()> {
        rddl::render_alter_table_default(w, s)
    }
}
