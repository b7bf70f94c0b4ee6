//! [`SqlWriter`]: the one place that owns the output SQL and the parameters.

use crate::render::{Compiled, Dialect, IdentifierKind};
use crate::schema::TableName;
use crate::{Error, Ident, Result, Value};

/// How many nesting levels one query (SELECT or compound) counts for against
/// [`Dialect::max_depth`]: a query level takes about four times the stack of
/// an expression level.
pub const QUERY_DEPTH: usize = 4;

/// The output of rendering: SQL text and bound parameters, plus the state
/// that rendering needs (nesting depth, enclosing FROM names for
/// correlation). Only the writer turns a value into a placeholder (through
/// [`Dialect::write_placeholder`]) or, in inline mode, into a literal.
pub struct SqlWriter<'d> {
    dialect: &'d dyn Dialect,
    sql: String,
    params: Vec<Value>,
    inline: bool,
    depth: usize,
    /// The dialect's [`Dialect::max_depth`], read once.
    max_depth: usize,
    scopes: Vec<Vec<(Option<Ident>, Ident)>>,
    named: Vec<(usize, Ident)>,
    /// Where each named parameter's placeholder is in `sql`, by slot.
    named_spans: Vec<(usize, std::ops::Range<usize>)>,
    /// The named parameter slots filled through a custom type's bind
    /// processor.
    named_types: Vec<(usize, crate::SqlType)>,
    row_window: Option<std::ops::Range<usize>>,
    /// Expression nodes (by address) whose placeholders re-use the slots
    /// of an equal expression rendered before: [`SqlWriter::mark_reuse`].
    reuse: Vec<(usize, std::ops::Range<usize>)>,
    /// The slots being re-used while a marked node renders.
    replay: Option<std::ops::Range<usize>>,
    /// The first invalid identifier met, reported by [`SqlWriter::finish`].
    error: Option<Error>,
    /// How plain names are written without asking the dialect: read once.
    plain: PlainNames,
}

/// The dialect's [`Dialect::plain_identifier_quotes`] and the shortest of
/// its [`Dialect::max_identifier_length`]s, read once per writer: a plain
/// name no longer than `max_len` is written between `open` and `close`
/// with no check and no call into the dialect.
#[derive(Clone, Copy)]
struct PlainNames {
    /// `None`: every name goes through the dialect.
    quotes: Option<(char, char)>,
    max_len: usize,
}

impl PlainNames {
    fn of(d: &dyn Dialect) -> Self {
        let Some(quotes) = d.plain_identifier_quotes() else {
            return PlainNames {
                quotes: None,
                max_len: 0,
            };
        };
        let max_len = [
            IdentifierKind::Name,
            IdentifierKind::Table,
            IdentifierKind::Alias,
        ]
        .into_iter()
        .filter_map(|k| d.max_identifier_length(k))
        .min()
        .unwrap_or(usize::MAX);
        PlainNames {
            quotes: Some(quotes),
            max_len,
        }
    }
}

impl<'d> SqlWriter<'d> {
    /// A writer for `dialect`; with `inline`, values are written as literals
    /// instead of placeholders.
    pub fn new(dialect: &'d dyn Dialect, inline: bool) -> Self {
        SqlWriter {
            dialect,
            sql: String::with_capacity(384),
            params: Vec::new(),
            inline,
            depth: 0,
            max_depth: dialect.max_depth(),
            scopes: Vec::new(),
            named: Vec::new(),
            named_spans: Vec::new(),
            named_types: Vec::new(),
            row_window: None,
            reuse: Vec::new(),
            replay: None,
            error: None,
            plain: PlainNames::of(dialect),
        }
    }

    /// Reserves room for about `sql` more bytes of SQL and `params` more
    /// parameters (e.g. before the rows of a multi-row INSERT).
    pub fn reserve(&mut self, sql: usize, params: usize) {
        self.sql.reserve(sql);
        if !self.inline {
            self.params.reserve(params);
        }
    }

    /// Restricts the VALUES rows of the INSERT being rendered to `rows`
    /// (for splitting a bulk insert into batches without copying it).
    pub(crate) fn set_row_window(&mut self, rows: std::ops::Range<usize>) {
        self.row_window = Some(rows);
    }

    /// The VALUES rows to render, when [`Insert::batches`](crate::Insert::batches)
    /// renders one batch as a window of the statement's rows: a dialect that
    /// renders INSERT itself (rather than through
    /// [`render_insert_default`](crate::render::dml::render_insert_default))
    /// renders only `rows.get(range)`, or the batch binds the wrong
    /// parameters and `batches` reports an error.
    pub fn row_window(&self) -> Option<std::ops::Range<usize>> {
        self.row_window.clone()
    }

    /// The dialect being rendered for.
    pub fn dialect(&self) -> &'d dyn Dialect {
        self.dialect
    }

    /// Whether values are written inline as literals.
    pub fn is_inline(&self) -> bool {
        self.inline
    }

    /// The SQL written so far.
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// The parameters bound so far.
    pub fn params(&self) -> &[Value] {
        &self.params
    }

    /// Appends SQL text as is. Only for keywords and punctuation: names go
    /// through [`SqlWriter::push_identifier`] and values through
    /// [`SqlWriter::push_value`].
    pub fn push(&mut self, sql: &str) {
        self.sql.push_str(sql);
    }

    /// Appends one character.
    pub fn push_char(&mut self, c: char) {
        self.sql.push(c);
    }

    /// Appends the dialect's boolean keyword.
    pub fn push_bool(&mut self, value: bool) {
        self.dialect.write_bool(&mut self.sql, value);
    }

    /// The output buffer, for dialect hooks that write type names or literals
    /// through the `write_*` methods of [`Dialect`].
    pub fn buffer_mut(&mut self) -> &mut String {
        &mut self.sql
    }

    /// Appends an unsigned integer.
    pub fn push_u64(&mut self, n: u64) {
        let mut buf = itoa::Buffer::new();
        self.sql.push_str(buf.format(n));
    }

    /// Appends a quoted, escaped identifier (a table, column, index, ...
    /// name). A name the dialect does not accept (empty, longer than its
    /// [`max_identifier_length`](Dialect::max_identifier_length), or refused
    /// by its [`identifier_error`](Dialect::identifier_error)) is
    /// recorded, and [`SqlWriter::finish`] returns it as
    /// [`Error::InvalidName`].
    pub fn push_identifier(&mut self, name: &str) {
        self.write_name(name, crate::ident::is_plain(name), IdentifierKind::Name);
    }

    /// Like [`SqlWriter::push_identifier`] for an [`Ident`], whose
    /// plainness was decided when it was made.
    pub fn push_ident(&mut self, name: &Ident) {
        self.write_name(name, name.is_plain(), IdentifierKind::Name);
    }

    /// Appends a quoted, escaped alias (`AS name` of a column, table or
    /// subquery), checked against the dialect's limit for aliases.
    pub fn push_alias(&mut self, name: &str) {
        self.write_name(name, crate::ident::is_plain(name), IdentifierKind::Alias);
    }

    /// Like [`SqlWriter::push_alias`] for an [`Ident`].
    pub fn push_alias_ident(&mut self, name: &Ident) {
        self.write_name(name, name.is_plain(), IdentifierKind::Alias);
    }

    /// Writes and checks one name: a `plain` one short enough for every
    /// kind is written between the dialect's quotes directly; any other
    /// is checked and quoted by the dialect.
    #[inline]
    fn write_name(&mut self, name: &str, plain: bool, kind: IdentifierKind) {
        if plain && name.len() <= self.plain.max_len {
            if let Some((open, close)) = self.plain.quotes {
                self.sql.reserve(name.len() + 2);
                self.sql.push(open);
                self.sql.push_str(name);
                self.sql.push(close);
                return;
            }
        }
        self.check_identifier(name, kind);
        self.dialect.write_identifier(&mut self.sql, name);
    }

    /// Records the first identifier the dialect does not accept.
    fn check_identifier(&mut self, name: &str, kind: IdentifierKind) {
        if self.error.is_some() {
            return;
        }
        let d = self.dialect;
        let kind = if name.is_empty() {
            kind.describe_empty()
        } else if d
            .max_identifier_length(kind)
            .is_some_and(|max| name.len() > max && d.identifier_length(name, kind) > max)
        {
            kind.describe_too_long()
        } else if let Some(why) = d.identifier_error(name, kind) {
            why
        } else {
            return;
        };
        self.error = Some(Error::InvalidName {
            kind,
            name: name.to_string(),
        });
    }

    /// Appends a possibly schema-qualified table name.
    pub fn push_table_name(&mut self, name: &TableName) {
        if let Some(schema) = &name.schema {
            self.write_name(schema, schema.is_plain(), IdentifierKind::Table);
            self.sql.push('.');
        }
        self.write_name(&name.name, name.name.is_plain(), IdentifierKind::Table);
    }

    /// Appends a string literal, escaped for the dialect.
    pub fn push_string_literal(&mut self, s: &str) -> Result<()> {
        self.dialect.write_string_literal(&mut self.sql, s)
    }

    /// Appends a value: a placeholder with the value bound, or in inline mode
    /// the value as a literal.
    pub fn push_value(&mut self, value: &Value) -> Result<()> {
        if self.inline {
            self.dialect.write_literal(&mut self.sql, value)
        } else if let Some(slot) = self.replay_slot(|p, _| p == value) {
            self.dialect
                .write_value_placeholder(&mut self.sql, slot + 1, value);
            Ok(())
        } else {
            self.params.push(value.clone());
            self.dialect
                .write_value_placeholder(&mut self.sql, self.params.len(), value);
            Ok(())
        }
    }

    /// Like [`SqlWriter::push_value`] for an owned value.
    pub fn push_owned_value(&mut self, value: Value) -> Result<()> {
        if self.inline {
            self.dialect.write_literal(&mut self.sql, &value)
        } else if let Some(slot) = self.replay_slot(|p, _| *p == value) {
            self.dialect
                .write_value_placeholder(&mut self.sql, slot + 1, &value);
            Ok(())
        } else {
            let index = self.params.len() + 1;
            self.dialect
                .write_value_placeholder(&mut self.sql, index, &value);
            self.params.push(value);
            Ok(())
        }
    }

    /// Appends a named parameter: a placeholder whose value is supplied at
    /// execution (its slot holds NULL until then), or `:name` in inline
    /// mode. Each occurrence of a name takes its own slot (the same name
    /// may be used where the database deduces different types), all filled
    /// with the name's value by [`Compiled::with_params`]; only inside an
    /// expression that re-uses the placeholders of an equal one
    /// ([`SqlWriter::mark_reuse`]) does it take that expression's slot. The
    /// name must be ASCII letters, digits and `_`.
    pub fn push_param(&mut self, name: &Ident) -> Result<()> {
        let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(Error::InvalidName {
                kind: "bind parameter",
                name: name.to_string(),
            });
        }
        if self.inline {
            self.sql.push(':');
            self.sql.push_str(name);
            return Ok(());
        }
        let named = std::mem::take(&mut self.named);
        let reused = self.replay_slot(|_, slot| named.iter().any(|(s, n)| *s == slot && n == name));
        self.named = named;
        let start = self.sql.len();
        if let Some(slot) = reused {
            self.dialect.write_placeholder(&mut self.sql, slot + 1);
            self.named_spans.push((slot, start..self.sql.len()));
            return Ok(());
        }
        self.params.push(Value::Null);
        let slot = self.params.len() - 1;
        self.named.push((slot, name.clone()));
        self.dialect.write_placeholder(&mut self.sql, slot + 1);
        self.named_spans.push((slot, start..self.sql.len()));
        Ok(())
    }

    /// Appends a named parameter ([`SqlWriter::push_param`]) whose value
    /// is bound as a value of type `ty`: a value filled for it later
    /// ([`Compiled::with_params`]) goes through the bind processor of a
    /// [`SqlType::Custom`](crate::SqlType::Custom).
    pub fn push_param_as(&mut self, name: &Ident, ty: &crate::SqlType) -> Result<()> {
        self.push_param(name)?;
        if let (false, crate::SqlType::Custom(_), Some(&(slot, _))) =
            (self.inline, ty, self.named_spans.last())
        {
            // Once per slot (a re-used slot is filled once).
            if !self.named_types.iter().any(|(s, _)| *s == slot) {
                self.named_types.push((slot, ty.clone()));
            }
        }
        Ok(())
    }

    /// While a node marked by [`SqlWriter::mark_reuse`] renders: the next
    /// slot to re-use, when `matches` its parameter (value, slot index).
    /// A mismatch ends the re-use, and the value gets a slot of its own.
    fn replay_slot(&mut self, matches: impl FnOnce(&Value, usize) -> bool) -> Option<usize> {
        let range = self.replay.as_mut()?;
        let slot = range.start;
        if slot < range.end && self.params.get(slot).is_some_and(|p| matches(p, slot)) {
            range.start += 1;
            Some(slot)
        } else {
            self.replay = None;
            None
        }
    }

    /// Marks the expression node at address `node` (`e as *const Expr as
    /// usize`, compared, never dereferenced) to re-use the placeholders
    /// `slots` when it renders, instead of binding its values again: an
    /// expression equal to one rendered before in the same query, on a
    /// dialect that [reuses numbered placeholders](Dialect::supports_placeholder_reuse),
    /// so that the database sees the same expression (`GROUP BY`, `ORDER
    /// BY`, `DISTINCT ON` matching the select list). The marks hold until
    /// [`SqlWriter::take_reuse`].
    pub fn mark_reuse(&mut self, node: usize, slots: std::ops::Range<usize>) {
        if !self.inline && self.dialect.supports_placeholder_reuse() {
            self.reuse.push((node, slots));
        }
    }

    /// Takes the marks of [`SqlWriter::mark_reuse`] (a query saves its
    /// enclosing query's marks, and puts them back with
    /// [`SqlWriter::restore_reuse`]).
    pub fn take_reuse(&mut self) -> Vec<(usize, std::ops::Range<usize>)> {
        std::mem::take(&mut self.reuse)
    }

    /// Puts back the marks taken by [`SqlWriter::take_reuse`].
    pub fn restore_reuse(&mut self, marks: Vec<(usize, std::ops::Range<usize>)>) {
        self.reuse = marks;
    }

    /// Called as the node `node` starts to render: whether it starts
    /// re-using the slots it was marked with. Pass the result to
    /// [`SqlWriter::end_reuse`] when the node is rendered.
    pub fn begin_reuse(&mut self, node: usize) -> bool {
        if self.reuse.is_empty() || self.replay.is_some() {
            return false;
        }
        match self.reuse.iter().find(|(n, _)| *n == node) {
            Some((_, slots)) => {
                self.replay = Some(slots.clone());
                true
            }
            None => false,
        }
    }

    /// Ends the re-use that [`SqlWriter::begin_reuse`] started.
    pub fn end_reuse(&mut self, started: bool) {
        if started {
            self.replay = None;
        }
    }

    /// Enters one level of nesting; past the dialect's
    /// [`max_depth`](Dialect::max_depth), [`Error::TooDeep`]. Pair with
    /// [`SqlWriter::leave`].
    pub fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        let limit = self.max_depth;
        if self.depth > limit {
            return Err(Error::TooDeep { limit });
        }
        Ok(())
    }

    /// The nesting depth being rendered, in [`Dialect::max_depth`]'s units.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Leaves one level of nesting.
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Enters a query (SELECT or compound) nested in another: it counts as
    /// [`QUERY_DEPTH`] levels, since rendering a query takes several times the
    /// stack of an expression level. Pair with [`SqlWriter::leave_query`].
    pub fn enter_query(&mut self) -> Result<()> {
        self.depth += QUERY_DEPTH - 1;
        self.enter()
    }

    /// Leaves a query entered with [`SqlWriter::enter_query`].
    pub fn leave_query(&mut self) {
        self.depth = self.depth.saturating_sub(QUERY_DEPTH);
    }

    /// Opens a query scope whose FROM exposes `names` (schema, name) to
    /// nested queries, which then correlate to them instead of adding them to
    /// their own FROM.
    pub fn push_scope(&mut self, names: Vec<(Option<Ident>, Ident)>) {
        self.scopes.push(names);
    }

    /// Closes the innermost scope.
    pub fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    /// Whether an enclosing query exposes this (schema, name).
    pub fn is_correlated(&self, schema: Option<&Ident>, name: &Ident) -> bool {
        self.scopes
            .iter()
            .any(|s| s.iter().any(|(sc, n)| sc.as_ref() == schema && n == name))
    }

    /// Whether an enclosing query exposes any FROM names.
    pub fn has_scopes(&self) -> bool {
        self.scopes.iter().any(|s| !s.is_empty())
    }

    /// An empty writer for rendering a part on the side (to compare two
    /// renderings): the same dialect, mode, depth and named parameters, and
    /// the enclosing FROM names when `scopes`.
    pub(crate) fn scratch(&self, scopes: bool) -> SqlWriter<'d> {
        SqlWriter {
            dialect: self.dialect,
            sql: String::new(),
            params: Vec::new(),
            inline: self.inline,
            depth: self.depth,
            max_depth: self.max_depth,
            scopes: if scopes {
                self.scopes.clone()
            } else {
                Vec::new()
            },
            named: self.named.clone(),
            named_spans: Vec::new(),
            named_types: Vec::new(),
            row_window: None,
            reuse: Vec::new(),
            replay: None,
            error: None,
            plain: self.plain,
        }
    }

    /// Hides the enclosing scopes while rendering a derived table (a FROM
    /// subquery cannot correlate); give the result back to
    /// [`SqlWriter::restore_scopes`].
    pub fn take_scopes(&mut self) -> Vec<Vec<(Option<Ident>, Ident)>> {
        std::mem::take(&mut self.scopes)
    }

    /// Restores scopes taken by [`SqlWriter::take_scopes`].
    pub fn restore_scopes(&mut self, scopes: Vec<Vec<(Option<Ident>, Ident)>>) {
        self.scopes = scopes;
    }

    /// The finished SQL and parameters; [`Error::InvalidName`] when an
    /// identifier written was one the dialect does not accept.
    pub fn finish(self) -> Result<Compiled> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let typed_kinds = if self.named.is_empty() {
            Vec::new()
        } else {
            typed_kinds(self.dialect)
        };
        Ok(Compiled {
            sql: self.sql,
            params: self.params,
            named_params: self.named,
            named_spans: self.named_spans,
            named_types: self.named_types,
            typed_kinds,
            dialect: self.dialect.name(),
        })
    }
}

/// The kinds of value (see [`Value::kind`]) whose placeholder `dialect`
/// writes otherwise than its plain one ([`Dialect::write_value_placeholder`]
/// differs from [`Dialect::write_placeholder`]): a named parameter filled
/// with one after rendering needs its placeholder written again.
fn typed_kinds(dialect: &dyn Dialect) -> Vec<&'static str> {
    use chrono::{NaiveDate, NaiveTime};
    let day = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let at = day.and_time(NaiveTime::MIN);
    let samples = [
        Value::Bool(true),
        Value::I32(1),
        Value::I64(1),
        Value::U64(1),
        Value::F64(1.5),
        Value::Decimal(bigdecimal::BigDecimal::new(15.into(), 1)),
        Value::Text("x".into()),
        Value::Bytes(vec![1u8].into()),
        Value::Uuid(uuid::Uuid::nil()),
        Value::Date(day),
        Value::Time(NaiveTime::MIN),
        Value::DateTime(at),
        Value::DateTimeTz(at.and_utc().fixed_offset()),
        Value::Json(serde_json::Value::Null),
    ];
    let mut plain = String::new();
    dialect.write_placeholder(&mut plain, 1);
    let mut out = Vec::new();
    let mut typed = String::new();
    for v in &samples {
        typed.clear();
        dialect.write_value_placeholder(&mut typed, 1, v);
        if typed != plain {
            out.push(v.kind());
        }
    }
    out
}
