//! The [`MySql`] dialect (MySQL 8 and MariaDB flavours): what MySQL spells
//! differently from ANSI SQL.

use std::fmt::Write as _;

use sqlexpr::expr::{BinaryExpr, BinaryOp, CastExpr, Expr};
use sqlexpr::render::expr::{
    render_binary_default, render_cast_default, render_operand, render_untyped_operand,
};
use sqlexpr::render::literal;
use sqlexpr::render::lock::{render_lock_default, render_lock_wait};
use sqlexpr::render::precedence::{binary_precedence_default, level};
use sqlexpr::render::select::{check_limit_offset, render_limit_offset_default};
use sqlexpr::render::IdentifierKind;
use sqlexpr::stmt::{Lock, LockStrength};
use sqlexpr::{Dialect, Error, RenderCtx, Result, SqlType, SqlWriter, Value};

use sqlexpr::expr::{func, ColumnRef, Func, Relation};
use sqlexpr::render::ddl::{render_column_default_default, render_inline, CommentStyle, EnumStyle};
use sqlexpr::render::dml::{
    delete_tables, render_assignments, render_delete_default, render_dml_with,
    render_update_default, render_where, replace_excluded, update_tables, with_scope,
};
use sqlexpr::render::select::render_from_item;
use sqlexpr::schema::Column;
use sqlexpr::stmt::{ConflictAction, Delete, InsertSource, OnConflict, Update};
use sqlexpr::{col, Ident, Insert};

/// Which server family the dialect targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Flavour {
    /// Oracle MySQL 8.0 and later.
    MySql,
    /// MariaDB 10.5 and later.
    MariaDb,
}

/// The MySQL dialect, in its MySQL or MariaDB flavour, targeting a server
/// version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MySql {
    flavour: Flavour,
    version: (u32, u32, u32),
}

impl Default for MySql {
    fn default() -> Self {
        MySql::new()
    }
}

impl MySql {
    /// The DECIMAL(p, s) that holds `d` as it is bound: its digits and its
    /// scale, trailing zeros after the point dropped only when it fits no
    /// other way (as the binding sends it); `None` past the flavour's
    /// DECIMAL (65 digits, 30 after the point on MySQL, 38 on MariaDB).
    fn bound_decimal_type(&self, value: &Value) -> Option<(u64, u64)> {
        let Value::Decimal(d) = value else {
            return None;
        };
        let max_scale = self.decimal_literal_limits().fraction;
        let shape = |digits: u64, scale: i64| {
            let s = u64::try_from(scale).unwrap_or(0);
            let int = if scale >= 0 {
                digits.saturating_sub(s)
            } else {
                digits.saturating_add(scale.unsigned_abs())
            };
            let p = int.saturating_add(s).max(1);
            (p <= 65 && s <= max_scale).then_some((p, s))
        };
        let (_, scale) = d.as_bigint_and_exponent();
        shape(d.digits(), scale).or_else(|| {
            // Trailing zeros only; a huge scale has too many digits for
            // any DECIMAL, whatever its zeros.
            if scale > 1000 || d.digits() > 1000 {
                return None;
            }
            let n = d.normalized();
            let (_, scale) = n.as_bigint_and_exponent();
            shape(n.digits(), scale)
        })
    }

    /// MySQL 8.0.19 or later.
    pub const fn new() -> Self {
        MySql {
            flavour: Flavour::MySql,
            version: (8, 0, 19),
        }
    }

    /// MariaDB 10.5 or later.
    pub const fn mariadb() -> Self {
        MySql {
            flavour: Flavour::MariaDb,
            version: (10, 5, 0),
        }
    }

    /// A dialect for a specific flavour and server version.
    pub const fn with_version(flavour: Flavour, major: u32, minor: u32, patch: u32) -> Self {
        MySql {
            flavour,
            version: (major, minor, patch),
        }
    }

    /// The targeted flavour.
    pub const fn flavour(&self) -> Flavour {
        self.flavour
    }

    /// The targeted version.
    pub const fn version(&self) -> (u32, u32, u32) {
        self.version
    }

    fn mariadb_at_least(&self, version: (u32, u32, u32)) -> bool {
        self.flavour == Flavour::MariaDb && self.version >= version
    }

    /// MySQL 8.0.19+ names the proposed row with `AS new`.
    fn has_row_alias(&self) -> bool {
        self.flavour == Flavour::MySql && self.version >= (8, 0, 19)
    }

    fn is_mysql(&self) -> bool {
        self.flavour == Flavour::MySql
    }

    fn at_least(&self, major: u32, minor: u32, patch: u32) -> bool {
        self.version >= (major, minor, patch)
    }
}

/// The alias of the proposed row in an upsert (MySQL 8.0.19+).
const ROW_ALIAS: &str = "new";

/// The largest LIMIT MySQL accepts: "no limit" for OFFSET without LIMIT.
const NO_LIMIT: u64 = u64::MAX;

/// `left DIV right`.
fn render_div(w: &mut SqlWriter<'_>, e: &BinaryExpr, ctx: RenderCtx) -> Result<()> {
    // Two bound values take no type from each other.
    let operand = if matches!((e.left(), e.right()), (Expr::Value(_), Expr::Value(_))) {
        render_untyped_operand
    } else {
        render_operand
    };
    operand(w, e.left(), level::MULTIPLICATIVE, ctx)?;
    w.push(" DIV ");
    operand(w, e.right(), level::MULTIPLICATIVE + 1, ctx)
}

/// Whether both operands of `e` are of integer types.
#[inline(never)]
fn integer_operands(e: &BinaryExpr) -> bool {
    let integer = |x: &Expr| x.sql_type().is_some_and(|t| t.is_integer());
    integer(e.left()) && integer(e.right())
}

fn flatten_concat<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match e {
            Expr::Binary(b) if b.op == BinaryOp::Concat => {
                stack.push(b.right());
                stack.push(b.left());
            }
            other => out.push(other),
        }
    }
}

/// Reserved words (of SQL, MySQL or MariaDB) that the MySQL and MariaDB
/// grammars also take as function calls (`IF(c, a, b)`, `LEFT(s, n)`,
/// `CURRENT_DATE()`, `DEFAULT(col)`, `VALUES(col)` of ON DUPLICATE KEY
/// UPDATE, window functions with OVER, ...),
/// upper case and sorted. Each was run on MariaDB 10.11; the window
/// functions, GROUPING and ROW only MySQL reserves.
const CALLABLE: [&str; 46] = [
    "BINARY",
    "CHAR",
    "CHARACTER",
    "CUME_DIST",
    "CURRENT_DATE",
    "CURRENT_ROLE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "DATABASE",
    "DEFAULT",
    "DENSE_RANK",
    "FIRST_VALUE",
    "GENERAL",
    "GROUPING",
    "IF",
    "IGNORE_SERVER_IDS",
    "INSERT",
    "INTERVAL",
    "LAG",
    "LAST_VALUE",
    "LEAD",
    "LEFT",
    "LOCALTIME",
    "LOCALTIMESTAMP",
    "MASTER_HEARTBEAT_PERIOD",
    "MOD",
    "NOT",
    "NTH_VALUE",
    "NTILE",
    "PERCENT_RANK",
    "RANK",
    "REPEAT",
    "REPLACE",
    "RIGHT",
    "ROW",
    "ROW_NUMBER",
    "SCHEMA",
    "SESSION_USER",
    "SLOW",
    "SYSTEM_USER",
    "USER",
    "UTC_DATE",
    "UTC_TIME",
    "UTC_TIMESTAMP",
    "VALUES",
];

/// MySQL 8's reserved words ("Keywords and Reserved Words", the words
/// marked (R), 8.0 to 8.4), upper case and sorted.
const MYSQL_RESERVED: [&str; 266] = [
    "ACCESSIBLE",
    "ADD",
    "ALL",
    "ALTER",
    "ANALYZE",
    "AND",
    "AS",
    "ASC",
    "ASENSITIVE",
    "BEFORE",
    "BETWEEN",
    "BIGINT",
    "BINARY",
    "BLOB",
    "BOTH",
    "BY",
    "CALL",
    "CASCADE",
    "CASE",
    "CHANGE",
    "CHAR",
    "CHARACTER",
    "CHECK",
    "COLLATE",
    "COLUMN",
    "CONDITION",
    "CONSTRAINT",
    "CONTINUE",
    "CONVERT",
    "CREATE",
    "CROSS",
    "CUBE",
    "CUME_DIST",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "CURSOR",
    "DATABASE",
    "DATABASES",
    "DAY_HOUR",
    "DAY_MICROSECOND",
    "DAY_MINUTE",
    "DAY_SECOND",
    "DEC",
    "DECIMAL",
    "DECLARE",
    "DEFAULT",
    "DELAYED",
    "DELETE",
    "DENSE_RANK",
    "DESC",
    "DESCRIBE",
    "DETERMINISTIC",
    "DISTINCT",
    "DISTINCTROW",
    "DIV",
    "DOUBLE",
    "DROP",
    "DUAL",
    "EACH",
    "ELSE",
    "ELSEIF",
    "EMPTY",
    "ENCLOSED",
    "ESCAPED",
    "EXCEPT",
    "EXISTS",
    "EXIT",
    "EXPLAIN",
    "FALSE",
    "FETCH",
    "FIRST_VALUE",
    "FLOAT",
    "FLOAT4",
    "FLOAT8",
    "FOR",
    "FORCE",
    "FOREIGN",
    "FROM",
    "FULLTEXT",
    "FUNCTION",
    "GENERATED",
    "GET",
    "GRANT",
    "GROUP",
    "GROUPING",
    "GROUPS",
    "HAVING",
    "HIGH_PRIORITY",
    "HOUR_MICROSECOND",
    "HOUR_MINUTE",
    "HOUR_SECOND",
    "IF",
    "IGNORE",
    "IN",
    "INDEX",
    "INFILE",
    "INNER",
    "INOUT",
    "INSENSITIVE",
    "INSERT",
    "INT",
    "INT1",
    "INT2",
    "INT3",
    "INT4",
    "INT8",
    "INTEGER",
    "INTERSECT",
    "INTERVAL",
    "INTO",
    "IO_AFTER_GTIDS",
    "IO_BEFORE_GTIDS",
    "IS",
    "ITERATE",
    "JOIN",
    "JSON_TABLE",
    "KEY",
    "KEYS",
    "KILL",
    "LAG",
    "LAST_VALUE",
    "LATERAL",
    "LEAD",
    "LEADING",
    "LEAVE",
    "LEFT",
    "LIKE",
    "LIMIT",
    "LINEAR",
    "LINES",
    "LOAD",
    "LOCALTIME",
    "LOCALTIMESTAMP",
    "LOCK",
    "LONG",
    "LONGBLOB",
    "LONGTEXT",
    "LOOP",
    "LOW_PRIORITY",
    "MANUAL",
    "MASTER_BIND",
    "MASTER_SSL_VERIFY_SERVER_CERT",
    "MATCH",
    "MAXVALUE",
    "MEDIUMBLOB",
    "MEDIUMINT",
    "MEDIUMTEXT",
    "MIDDLEINT",
    "MINUTE_MICROSECOND",
    "MINUTE_SECOND",
    "MOD",
    "MODIFIES",
    "NATURAL",
    "NOT",
    "NO_WRITE_TO_BINLOG",
    "NTH_VALUE",
    "NTILE",
    "NULL",
    "NUMERIC",
    "OF",
    "ON",
    "OPTIMIZE",
    "OPTIMIZER_COSTS",
    "OPTION",
    "OPTIONALLY",
    "OR",
    "ORDER",
    "OUT",
    "OUTER",
    "OUTFILE",
    "OVER",
    "PARALLEL",
    "PARTITION",
    "PERCENT_RANK",
    "PRECISION",
    "PRIMARY",
    "PROCEDURE",
    "PURGE",
    "QUALIFY",
    "RANGE",
    "RANK",
    "READ",
    "READS",
    "READ_WRITE",
    "REAL",
    "RECURSIVE",
    "REFERENCES",
    "REGEXP",
    "RELEASE",
    "RENAME",
    "REPEAT",
    "REPLACE",
    "REQUIRE",
    "RESIGNAL",
    "RESTRICT",
    "RETURN",
    "REVOKE",
    "RIGHT",
    "RLIKE",
    "ROW",
    "ROWS",
    "ROW_NUMBER",
    "SCHEMA",
    "SCHEMAS",
    "SECOND_MICROSECOND",
    "SELECT",
    "SENSITIVE",
    "SEPARATOR",
    "SET",
    "SHOW",
    "SIGNAL",
    "SMALLINT",
    "SPATIAL",
    "SPECIFIC",
    "SQL",
    "SQLEXCEPTION",
    "SQLSTATE",
    "SQLWARNING",
    "SQL_BIG_RESULT",
    "SQL_CALC_FOUND_ROWS",
    "SQL_SMALL_RESULT",
    "SSL",
    "STARTING",
    "STORED",
    "STRAIGHT_JOIN",
    "SYSTEM",
    "TABLE",
    "TABLESAMPLE",
    "TERMINATED",
    "THEN",
    "TINYBLOB",
    "TINYINT",
    "TINYTEXT",
    "TO",
    "TRAILING",
    "TRIGGER",
    "TRUE",
    "UNDO",
    "UNION",
    "UNIQUE",
    "UNLOCK",
    "UNSIGNED",
    "UPDATE",
    "USAGE",
    "USE",
    "USING",
    "UTC_DATE",
    "UTC_TIME",
    "UTC_TIMESTAMP",
    "VALUES",
    "VARBINARY",
    "VARCHAR",
    "VARCHARACTER",
    "VARYING",
    "VIRTUAL",
    "WHEN",
    "WHERE",
    "WHILE",
    "WINDOW",
    "WITH",
    "WRITE",
    "XOR",
    "YEAR_MONTH",
    "ZEROFILL",
];

/// `s` as `'...'`, or as `_utf8mb4 X'..'` when it holds a backslash or
/// NUL (the two characters whose reading depends on NO_BACKSLASH_ESCAPES).
fn write_text(d: &MySql, out: &mut String, s: &str) -> Result<()> {
    if s.contains(['\\', '\0']) {
        out.reserve(s.len() * 2 + 12);
        out.push_str("_utf8mb4 X'");
        literal::write_hex(out, s.as_bytes());
        out.push('\'');
        return Ok(());
    }
    d.write_string_literal(out, s)
}

/// MariaDB's reserved words ("Reserved Words", 10.11), upper case and
/// sorted.
const MARIADB_RESERVED: [&str; 251] = [
    "ACCESSIBLE",
    "ADD",
    "ALL",
    "ALTER",
    "ANALYZE",
    "AND",
    "AS",
    "ASC",
    "ASENSITIVE",
    "BEFORE",
    "BETWEEN",
    "BIGINT",
    "BINARY",
    "BLOB",
    "BOTH",
    "BY",
    "CALL",
    "CASCADE",
    "CASE",
    "CHANGE",
    "CHAR",
    "CHARACTER",
    "CHECK",
    "COLLATE",
    "COLUMN",
    "CONDITION",
    "CONSTRAINT",
    "CONTINUE",
    "CONVERT",
    "CREATE",
    "CROSS",
    "CURRENT_DATE",
    "CURRENT_ROLE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "CURRENT_USER",
    "CURSOR",
    "DATABASE",
    "DATABASES",
    "DAY_HOUR",
    "DAY_MICROSECOND",
    "DAY_MINUTE",
    "DAY_SECOND",
    "DEC",
    "DECIMAL",
    "DECLARE",
    "DEFAULT",
    "DELAYED",
    "DELETE",
    "DELETE_DOMAIN_ID",
    "DESC",
    "DESCRIBE",
    "DETERMINISTIC",
    "DISTINCT",
    "DISTINCTROW",
    "DIV",
    "DOUBLE",
    "DO_DOMAIN_IDS",
    "DROP",
    "DUAL",
    "EACH",
    "ELSE",
    "ELSEIF",
    "ENCLOSED",
    "ESCAPED",
    "EXCEPT",
    "EXISTS",
    "EXIT",
    "EXPLAIN",
    "FALSE",
    "FETCH",
    "FLOAT",
    "FLOAT4",
    "FLOAT8",
    "FOR",
    "FORCE",
    "FOREIGN",
    "FROM",
    "FULLTEXT",
    "GENERAL",
    "GRANT",
    "GROUP",
    "HAVING",
    "HIGH_PRIORITY",
    "HOUR_MICROSECOND",
    "HOUR_MINUTE",
    "HOUR_SECOND",
    "IF",
    "IGNORE",
    "IGNORE_DOMAIN_IDS",
    "IGNORE_SERVER_IDS",
    "IN",
    "INDEX",
    "INFILE",
    "INNER",
    "INOUT",
    "INSENSITIVE",
    "INSERT",
    "INT",
    "INT1",
    "INT2",
    "INT3",
    "INT4",
    "INT8",
    "INTEGER",
    "INTERSECT",
    "INTERVAL",
    "INTO",
    "IS",
    "ITERATE",
    "JOIN",
    "KEY",
    "KEYS",
    "KILL",
    "LEADING",
    "LEAVE",
    "LEFT",
    "LIKE",
    "LIMIT",
    "LINEAR",
    "LINES",
    "LOAD",
    "LOCALTIME",
    "LOCALTIMESTAMP",
    "LOCK",
    "LONG",
    "LONGBLOB",
    "LONGTEXT",
    "LOOP",
    "LOW_PRIORITY",
    "MASTER_HEARTBEAT_PERIOD",
    "MASTER_SSL_VERIFY_SERVER_CERT",
    "MATCH",
    "MAXVALUE",
    "MEDIUMBLOB",
    "MEDIUMINT",
    "MEDIUMTEXT",
    "MIDDLEINT",
    "MINUTE_MICROSECOND",
    "MINUTE_SECOND",
    "MOD",
    "MODIFIES",
    "NATURAL",
    "NOT",
    "NO_WRITE_TO_BINLOG",
    "NULL",
    "NUMERIC",
    "OFFSET",
    "ON",
    "OPTIMIZE",
    "OPTION",
    "OPTIONALLY",
    "OR",
    "ORDER",
    "OUT",
    "OUTER",
    "OUTFILE",
    "OVER",
    "PAGE_CHECKSUM",
    "PARSE_VCOL_EXPR",
    "PARTITION",
    "POSITION",
    "PRECISION",
    "PRIMARY",
    "PROCEDURE",
    "PURGE",
    "RANGE",
    "READ",
    "READS",
    "READ_WRITE",
    "REAL",
    "RECURSIVE",
    "REFERENCES",
    "REF_SYSTEM_ID",
    "REGEXP",
    "RELEASE",
    "RENAME",
    "REPEAT",
    "REPLACE",
    "REQUIRE",
    "RESIGNAL",
    "RESTRICT",
    "RETURN",
    "RETURNING",
    "REVOKE",
    "RIGHT",
    "RLIKE",
    "ROWS",
    "ROW_NUMBER",
    "SCHEMA",
    "SCHEMAS",
    "SECOND_MICROSECOND",
    "SELECT",
    "SENSITIVE",
    "SEPARATOR",
    "SET",
    "SHOW",
    "SIGNAL",
    "SLOW",
    "SMALLINT",
    "SPATIAL",
    "SPECIFIC",
    "SQL",
    "SQLEXCEPTION",
    "SQLSTATE",
    "SQLWARNING",
    "SQL_BIG_RESULT",
    "SQL_CALC_FOUND_ROWS",
    "SQL_SMALL_RESULT",
    "SSL",
    "STARTING",
    "STATS_AUTO_RECALC",
    "STATS_PERSISTENT",
    "STATS_SAMPLE_PAGES",
    "STRAIGHT_JOIN",
    "TABLE",
    "TERMINATED",
    "THEN",
    "TINYBLOB",
    "TINYINT",
    "TINYTEXT",
    "TO",
    "TRAILING",
    "TRIGGER",
    "TRUE",
    "UNDO",
    "UNION",
    "UNIQUE",
    "UNLOCK",
    "UNSIGNED",
    "UPDATE",
    "USAGE",
    "USE",
    "USING",
    "UTC_DATE",
    "UTC_TIME",
    "UTC_TIMESTAMP",
    "VALUES",
    "VARBINARY",
    "VARCHAR",
    "VARCHARACTER",
    "VARYING",
    "WHEN",
    "WHERE",
    "WHILE",
    "WINDOW",
    "WITH",
    "WRITE",
    "XOR",
    "YEAR_MONTH",
    "ZEROFILL",
];

/// The longest file name a table's name may encode to: the server stores
/// a table as `name.frm` / `name.ibd`, file names of at most 255 bytes.
const MAX_FILENAME_LENGTH: usize = 250;

/// The length of `name` in the server's file-name encoding
/// (`tablename_to_filename`): ASCII letters, digits and `_` stay as they
/// are; letters of the ranges with a short code (Latin-1 to Hebrew,
/// Latin Extended Additional and Greek Extended, Roman numerals, circled
/// and full-width letters) take 3 bytes (`@0p`); anything else 5
/// (`@0022`).
fn filename_length(name: &str) -> usize {
    name.chars()
        .map(|c| match u32::from(c) {
            _ if c.is_ascii_alphanumeric() || c == '_' => 1,
            0x00C0..=0x05FF
            | 0x1E00..=0x1FFF
            | 0x2160..=0x217F
            | 0x24B0..=0x24EF
            | 0xFF20..=0xFF5F => 3,
            _ => 5,
        })
        .sum()
}

/// Whether `word` is in `list` (upper case, sorted), ignoring ASCII case.
fn in_word_list(list: &[&str], word: &str) -> bool {
    list.binary_search_by(|r| r.bytes().cmp(word.bytes().map(|b| b.to_ascii_uppercase())))
        .is_ok()
}

impl Dialect for MySql {
    fn name(&self) -> &'static str {
        match self.flavour {
            Flavour::MySql => "mysql",
            Flavour::MariaDb => "mariadb",
        }
    }

    /// Plain names are written `` `name` ``; none within the length limits
    /// is refused.
    fn plain_identifier_quotes(&self) -> Option<(char, char)> {
        Some(('`', '`'))
    }

    /// A bound decimal is `CAST(? AS DECIMAL(p, s))` with the value's own
    /// digits and scale: the binding sends it as a string, which the server
    /// would compute with in DOUBLE (`price - ?` would be 84.30000000000001).
    /// A decimal no DECIMAL of the flavour holds stays a plain `?`. A date
    /// is `CAST(? AS DATE)`: the protocol sends it as a DATETIME, which
    /// `GREATEST(added, ?)` or `COALESCE(added, ?)` would return.
    fn write_value_placeholder(&self, out: &mut String, index: usize, value: &Value) {
        match value {
            Value::Date(_) => out.push_str("CAST(? AS DATE)"),
            Value::Decimal(_) => match self.bound_decimal_type(value) {
                Some((p, s)) => {
                    out.push_str("CAST(?");
                    let _ = write!(out, " AS DECIMAL({p}, {s}))");
                }
                None => self.write_placeholder(out, index),
            },
            _ => self.write_placeholder(out, index),
        }
    }

    /// SQL's reserved words and the flavour's own (`KEY`, `INDEX`,
    /// `MATCH`, ...), but for those the grammar also takes as function
    /// calls (`IF`, `LEFT`, `CURRENT_DATE`, `DEFAULT`, ...).
    fn is_reserved_function_name(&self, word: &str) -> bool {
        let own = match self.flavour {
            Flavour::MySql => &MYSQL_RESERVED[..],
            Flavour::MariaDb => &MARIADB_RESERVED[..],
        };
        (sqlexpr::render::expr::is_reserved_word(word) || in_word_list(own, word))
            && !in_word_list(&CALLABLE, word)
    }

    /// 64 characters for tables, columns, indexes, constraints and
    /// databases; 256 for aliases (MySQL's "Identifier Length Limits").
    /// MariaDB returns a longer select-list alias cut to 255 bytes, so
    /// there an alias may have 255 bytes.
    fn max_identifier_length(&self, kind: IdentifierKind) -> Option<usize> {
        match (kind, self.flavour) {
            (IdentifierKind::Alias, Flavour::MySql) => Some(256),
            (IdentifierKind::Alias, Flavour::MariaDb) => Some(255),
            _ => Some(64),
        }
    }

    /// Characters, but bytes for a MariaDB alias.
    fn identifier_length(&self, name: &str, kind: IdentifierKind) -> usize {
        match (kind, self.flavour) {
            (IdentifierKind::Alias, Flavour::MariaDb) => name.len(),
            _ => name.chars().count(),
        }
    }

    /// Besides NUL: identifiers are utf8mb3, so no character beyond U+FFFF
    /// (an emoji); a database, table or column name cannot end with white
    /// space (an alias can) nor start with `#mysql50#`, and a table name
    /// must fit the file name the server stores it in.
    fn identifier_error(&self, name: &str, kind: IdentifierKind) -> Option<&'static str> {
        let alias = kind == IdentifierKind::Alias;
        if name.contains('\0') {
            return Some(if alias {
                "alias (with a NUL character)"
            } else {
                "identifier (with a NUL character)"
            });
        }
        if name.chars().any(|c| u32::from(c) > 0xFFFF) {
            return Some(if alias {
                "alias (with a character beyond U+FFFF, which MySQL names cannot hold)"
            } else {
                "identifier (with a character beyond U+FFFF, which MySQL names cannot hold)"
            });
        }
        if !alias && name.ends_with([' ', '\t', '\n', '\u{b}', '\u{c}', '\r']) {
            return Some("identifier (ending with white space, which MySQL refuses)");
        }
        if kind == IdentifierKind::Table && filename_length(name) > MAX_FILENAME_LENGTH {
            return Some("table name (longer than the file name the server stores it in allows)");
        }
        if !alias && name.starts_with("#mysql50#") {
            return Some(
                "identifier (with the #mysql50# prefix MySQL reserves for old file names)",
            );
        }
        None
    }

    /// `` `name` `` with backticks doubled.
    fn write_identifier(&self, out: &mut String, name: &str) {
        literal::quote_identifier(out, name, '`', '`');
    }

    /// `'...'` with `'` doubled and `\` escaped (`\\`, NUL as `\0`): one
    /// string token whether or not NO_BACKSLASH_ESCAPES is set (no quote is
    /// ever left behind a lone backslash), exact when it is not (the
    /// default). This form is for the places MySQL's grammar takes a plain
    /// text token (COMMENT, ENUM labels, LIKE ... ESCAPE); values are
    /// written by [`Dialect::write_literal`], exact under both modes.
    fn write_string_literal(&self, out: &mut String, s: &str) -> Result<()> {
        out.reserve(s.len() + 2);
        out.push('\'');
        for ch in s.chars() {
            match ch {
                '\'' => out.push_str("''"),
                '\\' => out.push_str("\\\\"),
                '\0' => out.push_str("\\0"),
                c => out.push(c),
            }
        }
        out.push('\'');
        Ok(())
    }

    /// A time-zoned timestamp is written in UTC (DATETIME has no zone).
    /// An `f32` is `CAST(2.5e-1 AS FLOAT)`, as it binds (a bare float
    /// literal is a DOUBLE); a decimal without a fractional part is
    /// `CAST(1000 AS DECIMAL(4, 0))` (a bare `1000` is an integer). Text (and JSON text) holding a backslash or NUL is a hex literal with
    /// a character set introducer, `_utf8mb4 X'5c'`: the server reads a
    /// backslash in `'...'` as an escape by default and as itself under
    /// NO_BACKSLASH_ESCAPES, a hex literal the same under both. It is a
    /// coercible utf8mb4 string like a quoted one: compared with a column it
    /// takes the column's collation.
    fn write_literal(&self, out: &mut String, value: &Value) -> Result<()> {
        match value {
            Value::F32(v) if v.is_finite() => {
                out.push_str("CAST(");
                literal::write_f32(out, *v);
                out.push_str(" AS FLOAT)");
                Ok(())
            }
            Value::Decimal(d) if d.fractional_digit_count() <= 0 => {
                let mut digits = String::new();
                literal::write_decimal(self.name(), self.decimal_literal_limits(), &mut digits, d)?;
                let n = digits.trim_start_matches('-').len().max(1);
                let _ = write!(out, "CAST({digits} AS DECIMAL({n}, 0))");
                Ok(())
            }
            Value::Text(s) => write_text(self, out, s),
            Value::Json(v) => write_text(self, out, &v.to_string()),
            Value::DateTimeTz(v) => {
                literal::check_date_time(self, value)?;
                let _ = write!(
                    out,
                    "TIMESTAMP '{}'",
                    v.naive_utc().format("%Y-%m-%d %H:%M:%S%.f")
                );
                Ok(())
            }
            other => literal::write_literal_default(self, out, other),
        }
    }

    /// DECIMAL: 65 digits, 30 of them (MariaDB: 38) after the point; a
    /// longer literal is a DOUBLE.
    fn decimal_literal_limits(&self) -> literal::DecimalLimits {
        let fraction = match self.flavour {
            Flavour::MySql => 30,
            Flavour::MariaDb => 38,
        };
        literal::DecimalLimits {
            integer: 65,
            fraction,
            total: 65,
        }
    }

    /// Years 0000 to 9999: what DATE and DATETIME hold (1000 is the
    /// documented start; earlier years work).
    fn date_literal_range(&self) -> literal::DateRange {
        literal::date_range((0, 1, 1), (9999, 12, 31))
    }

    /// No FULL OUTER JOIN in MySQL or MariaDB: emulated with LEFT JOIN ...
    /// UNION ALL.
    fn supports_full_join(&self) -> bool {
        false
    }

    /// No NULLS FIRST / LAST: emulated with an `x IS NULL` key.
    fn supports_nulls_ordering(&self) -> bool {
        false
    }

    /// OFFSET needs a LIMIT.
    fn supports_offset_without_limit(&self) -> bool {
        false
    }

    /// MySQL from 8.0.14; not MariaDB.
    fn supports_lateral(&self) -> bool {
        self.is_mysql() && self.at_least(8, 0, 14)
    }

    /// No MATERIALIZED hint on CTEs.
    fn supports_cte_materialized(&self) -> bool {
        false
    }

    /// `[NOT] MATERIALIZED` is left out: the server chooses how to evaluate
    /// the CTE, which changes no rows.
    fn drops_cte_materialized_hint(&self) -> bool {
        true
    }

    /// MySQL from 8.0.31; MariaDB from 10.3.
    fn supports_intersect_except(&self) -> bool {
        !self.is_mysql() || self.at_least(8, 0, 31)
    }

    /// MySQL from 8.0.31; MariaDB from 10.5.
    fn supports_intersect_except_all(&self) -> bool {
        if self.is_mysql() {
            self.at_least(8, 0, 31)
        } else {
            self.at_least(10, 5, 0)
        }
    }

    /// No GROUPS frames.
    fn supports_window_groups(&self) -> bool {
        false
    }

    /// No FILTER: emulated with CASE.
    fn supports_aggregate_filter(&self) -> bool {
        false
    }

    /// About 600 operators exhaust MariaDB's default 292 KB `thread_stack`.
    fn max_expr_depth(&self) -> Option<usize> {
        Some(400)
    }

    /// MariaDB's LAG / LEAD take no default value.
    fn supports_lag_lead_default(&self) -> bool {
        self.is_mysql()
    }

    /// MariaDB spells it `LOCK IN SHARE MODE`.
    fn supports_for_share(&self) -> bool {
        self.is_mysql()
    }

    /// No `FOR NO KEY UPDATE` / `FOR KEY SHARE`.
    fn supports_lock_key_strength(&self) -> bool {
        false
    }

    /// MySQL only.
    fn supports_lock_of(&self) -> bool {
        self.is_mysql()
    }

    /// MariaDB from 10.6.
    fn supports_lock_skip_locked(&self) -> bool {
        self.is_mysql() || self.at_least(10, 6, 0)
    }

    /// `IN (subquery with LIMIT)` is error 1235: the subquery goes into a
    /// derived table.
    fn supports_limit_in_in_subquery(&self) -> bool {
        false
    }

    /// LIMIT and OFFSET are unsigned 64-bit.
    fn max_limit(&self) -> u64 {
        u64::MAX
    }

    /// VARCHAR is at most 65,535 bytes: 16,383 four-byte (utf8mb4) characters.
    fn max_varchar_length(&self) -> u32 {
        16_383
    }

    /// DECIMAL precision is at most 65.
    fn max_numeric_precision(&self) -> u32 {
        65
    }

    /// DECIMAL scale is at most 30.
    fn max_numeric_scale(&self) -> u32 {
        30
    }

    /// MariaDB's shared lock is `LOCK IN SHARE MODE`.
    fn render_lock(&self, w: &mut SqlWriter<'_>, lock: &Lock) -> Result<()> {
        if lock.strength == LockStrength::Share && !self.is_mysql() {
            if !lock.of.is_empty() {
                return Err(Error::unsupported(self.name(), "FOR UPDATE OF"));
            }
            w.push(" LOCK IN SHARE MODE");
            return render_lock_wait(w, lock.wait);
        }
        render_lock_default(w, lock)
    }

    /// `CONCAT()` is a call; `NOT (a <=> b)` is a NOT.
    fn binary_precedence(&self, op: BinaryOp) -> u8 {
        match op {
            BinaryOp::Concat => level::ATOM,
            BinaryOp::IsDistinctFrom => level::NOT,
            other => binary_precedence_default(other),
        }
    }

    /// `||` is OR in MySQL: concatenation is `CONCAT(a, b, ...)`. NULL-safe
    /// comparison is `<=>`. `/` of integers is `DIV`.
    fn render_binary(&self, w: &mut SqlWriter<'_>, e: &BinaryExpr, ctx: RenderCtx) -> Result<()> {
        match e.op {
            BinaryOp::Concat => {
                let mut parts = Vec::new();
                flatten_concat(e.left(), &mut parts);
                flatten_concat(e.right(), &mut parts);
                w.push("CONCAT(");
                for (i, part) in parts.into_iter().enumerate() {
                    if i > 0 {
                        w.push(", ");
                    }
                    render_operand(w, part, level::ANY, ctx)?;
                }
                w.push_char(')');
                Ok(())
            }
            BinaryOp::IsNotDistinctFrom | BinaryOp::IsDistinctFrom => {
                let negated = e.op == BinaryOp::IsDistinctFrom;
                if negated {
                    w.push("NOT (");
                }
                render_operand(w, e.left(), level::PREDICATE + 1, ctx)?;
                w.push(" <=> ");
                render_operand(w, e.right(), level::PREDICATE + 1, ctx)?;
                if negated {
                    w.push_char(')');
                }
                Ok(())
            }
            // `/` of integers is a DECIMAL on MySQL (`7 / 2` is 3.5000),
            // integer division elsewhere: `DIV` truncates as they do.
            BinaryOp::Div if integer_operands(e) => render_div(w, e, ctx),
            _ => render_binary_default(w, e, ctx),
        }
    }

    /// CAST to a boolean has no MySQL form that keeps its meaning.
    fn render_cast(&self, w: &mut SqlWriter<'_>, e: &CastExpr, ctx: RenderCtx) -> Result<()> {
        if e.ty == SqlType::Boolean {
            return Err(Error::unsupported(self.name(), "CAST to BOOLEAN"));
        }
        render_cast_default(w, e, ctx)
    }

    /// MySQL's CAST targets: SIGNED, DOUBLE, DECIMAL, CHAR, DATE, ...
    fn write_cast_type(&self, out: &mut String, ty: &SqlType) -> Result<()> {
        match ty {
            SqlType::SmallInteger | SqlType::Integer | SqlType::BigInteger => {
                out.push_str("SIGNED")
            }
            SqlType::Float => out.push_str("FLOAT"),
            SqlType::Double => out.push_str("DOUBLE"),
            SqlType::Numeric(p, s) => {
                let _ = write!(out, "DECIMAL({p}, {s})");
            }
            SqlType::String(n) => {
                let _ = write!(out, "CHAR({n})");
            }
            SqlType::Uuid => out.push_str("CHAR(36)"),
            SqlType::Json if self.flavour == Flavour::MySql => out.push_str("JSON"),
            SqlType::Text | SqlType::Json | SqlType::Enum(..) => out.push_str("CHAR"),
            SqlType::Date => out.push_str("DATE"),
            SqlType::Time => out.push_str("TIME(6)"),
            SqlType::DateTime | SqlType::DateTimeTz => out.push_str("DATETIME(6)"),
            SqlType::Binary => out.push_str("BINARY"),
            SqlType::Boolean => return Err(Error::unsupported(self.name(), "CAST to BOOLEAN")),
            other => {
                return Err(Error::unsupported(
                    self.name(),
                    format!("CAST to {other:?}"),
                ))
            }
        }
        Ok(())
    }

    /// MySQL's column types.
    fn write_type(&self, out: &mut String, ty: &SqlType) -> Result<()> {
        literal::check_type(self, ty)?;
        match ty {
            SqlType::Float => out.push_str("FLOAT"),
            SqlType::Double => out.push_str("DOUBLE"),
            SqlType::Numeric(p, s) => {
                let _ = write!(out, "DECIMAL({p}, {s})");
            }
            SqlType::Text => out.push_str("LONGTEXT"),
            SqlType::Boolean => out.push_str("TINYINT(1)"),
            SqlType::Time => out.push_str("TIME(6)"),
            SqlType::DateTime | SqlType::DateTimeTz => out.push_str("DATETIME(6)"),
            SqlType::Binary => out.push_str("LONGBLOB"),
            SqlType::Uuid => out.push_str("CHAR(36)"),
            SqlType::Json => out.push_str("JSON"),
            SqlType::Enum(_, variants) => {
                out.push_str("ENUM(");
                for (i, v) in variants.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_string_literal(out, v)?;
                }
                out.push(')');
            }
            other => return literal::write_type_default(self, out, other),
        }
        Ok(())
    }

    fn render_limit_offset(
        &self,
        w: &mut SqlWriter<'_>,
        limit: Option<u64>,
        offset: Option<u64>,
    ) -> Result<()> {
        check_limit_offset(self, limit, offset)?;
        if let (None, Some(n)) = (limit, offset) {
            w.push(" LIMIT ");
            w.push_u64(NO_LIMIT);
            w.push(" OFFSET ");
            w.push_u64(n);
            return Ok(());
        }
        render_limit_offset_default(w, limit, offset)
    }

    /// RETURNING on INSERT in MariaDB 10.5+; not in MySQL.
    fn supports_insert_returning(&self) -> bool {
        self.mariadb_at_least((10, 5, 0))
    }

    /// No RETURNING on UPDATE in MySQL or MariaDB.
    fn supports_update_returning(&self) -> bool {
        false
    }

    /// RETURNING on DELETE in MariaDB 10.0+; not in MySQL.
    fn supports_delete_returning(&self) -> bool {
        self.mariadb_at_least((10, 0, 5))
    }

    /// `() VALUES ()` instead of DEFAULT VALUES.
    fn supports_default_values(&self) -> bool {
        false
    }

    /// ON DUPLICATE KEY UPDATE fires on a conflict with any unique key.
    fn upsert_target_restricts_conflict(&self) -> bool {
        false
    }

    /// Other tables join the target: `UPDATE t JOIN o SET ...`.
    fn supports_update_from(&self) -> bool {
        false
    }

    /// Other tables join the target: `DELETE t FROM t JOIN o ...`.
    fn supports_delete_using(&self) -> bool {
        false
    }

    /// MySQL 8.0; MariaDB from 12.3.
    fn supports_with_on_update_delete(&self) -> bool {
        self.flavour == Flavour::MySql || self.mariadb_at_least((12, 3, 0))
    }

    /// `INSERT INTO t WITH c AS (...) SELECT ...`: neither flavour takes a
    /// WITH clause before INSERT.
    fn insert_with_before_select(&self) -> bool {
        true
    }

    /// Single-table UPDATE takes ORDER BY and LIMIT.
    fn supports_update_order_limit(&self) -> bool {
        true
    }

    /// Single-table DELETE takes ORDER BY and LIMIT.
    fn supports_delete_order_limit(&self) -> bool {
        true
    }

    /// `ENUM('a', 'b')` column types.
    fn enum_style(&self) -> EnumStyle {
        EnumStyle::Inline
    }

    /// `COMMENT '...'` in column definitions and table options.
    fn comment_style(&self) -> CommentStyle {
        CommentStyle::Inline
    }

    /// InnoDB rejects SET DEFAULT actions.
    fn supports_fk_set_default(&self) -> bool {
        false
    }

    /// An inline REFERENCES is parsed and ignored.
    fn supports_inline_references(&self) -> bool {
        false
    }

    /// CASCADE on DROP TABLE is accepted and ignored.
    fn supports_drop_cascade(&self) -> bool {
        false
    }

    /// CREATE INDEX IF NOT EXISTS in MariaDB only.
    fn supports_create_index_if_not_exists(&self) -> bool {
        self.flavour == Flavour::MariaDb
    }

    /// No partial indexes.
    fn supports_partial_index(&self) -> bool {
        false
    }

    /// DROP INDEX IF EXISTS in MariaDB only.
    fn supports_drop_index_if_exists(&self) -> bool {
        self.flavour == Flavour::MariaDb
    }

    /// `DROP INDEX name ON table`.
    fn drop_index_needs_table(&self) -> bool {
        true
    }

    /// `DROP FOREIGN KEY name`.
    fn drop_foreign_key_keyword(&self) -> &'static str {
        "DROP FOREIGN KEY"
    }

    /// ` AUTO_INCREMENT`.
    fn write_autoincrement(&self, out: &mut String) {
        out.push_str(" AUTO_INCREMENT");
    }

    /// `CURRENT_TIMESTAMP(6)` for the microsecond DATETIME(6) columns; a
    /// literal default of a TEXT, BLOB or JSON column in parentheses (an
    /// expression default: a bare literal is rejected there).
    fn render_column_default(
        &self,
        w: &mut SqlWriter<'_>,
        column: &Column,
        expr: &Expr,
    ) -> Result<()> {
        match (&column.ty, expr) {
            (SqlType::DateTime | SqlType::DateTimeTz, Expr::Function(f))
                if matches!(f.func, Func::Now | Func::CurrentTimestamp) && f.args.is_empty() =>
            {
                w.push("CURRENT_TIMESTAMP(6)");
                Ok(())
            }
            (SqlType::Text | SqlType::Binary | SqlType::Json, Expr::Value(_) | Expr::Bool(_)) => {
                w.push_char('(');
                render_inline(w, expr, level::ANY)?;
                w.push_char(')');
                Ok(())
            }
            _ => render_column_default_default(w, column, expr),
        }
    }

    /// `ON DUPLICATE KEY UPDATE`: it fires on a conflict with any unique
    /// key (the target cannot be named); the proposed row is `new.c` (MySQL
    /// 8.0.19+, VALUES rows) or `VALUES(c)`; DO NOTHING is the no-op update
    /// `k = k` (INSERT IGNORE would also ignore other errors); a WHERE on
    /// the update is unsupported.
    fn render_upsert(
        &self,
        w: &mut SqlWriter<'_>,
        s: &Insert,
        oc: &OnConflict,
        ctx: RenderCtx,
    ) -> Result<()> {
        match &oc.action {
            ConflictAction::DoNothing => {
                let first_inserted = match &s.source {
                    InsertSource::Values(rows) => {
                        rows.first().and_then(|r| r.first()).map(|p| &p.0)
                    }
                    InsertSource::Select { columns, .. } => columns.first(),
                    _ => None,
                };
                let key = oc
                    .target
                    .first()
                    .or(s.table.primary_key.first())
                    .or(first_inserted)
                    .or(s.table.columns.first().map(|c| &c.name));
                let Some(key) = key else {
                    return Err(Error::invalid(
                        "ON DUPLICATE KEY UPDATE",
                        "no column to update",
                    ));
                };
                // After a SELECT, a bare name could be one of its columns.
                let qualify = matches!(s.source, InsertSource::Select { .. });
                w.push(" ON DUPLICATE KEY UPDATE ");
                for i in 0..2 {
                    if i > 0 {
                        w.push(" = ");
                    }
                    if qualify {
                        w.push_table_name(&s.table.name);
                        w.push_char('.');
                    }
                    w.push_identifier(key);
                }
                Ok(())
            }
            ConflictAction::DoUpdate { set, where_ } => {
                if where_.is_some() {
                    return Err(Error::unsupported(
                        self.name(),
                        "WHERE on the update of an upsert (ON DUPLICATE KEY UPDATE)",
                    ));
                }
                if set.is_empty() {
                    return Err(Error::invalid(
                        "ON DUPLICATE KEY UPDATE",
                        "no SET assignments",
                    ));
                }
                let alias = self.has_row_alias() && matches!(s.source, InsertSource::Values(_));
                let proposed = |c: &Ident| -> Expr {
                    if alias {
                        Expr::Column(ColumnRef::new(
                            Some(Relation::Named(Ident::from_static(ROW_ALIAS))),
                            c.clone(),
                        ))
                    } else {
                        func::call("VALUES", [col(c.clone())])
                    }
                };
                let set = set
                    .iter()
                    .map(|(c, e)| Ok((c.clone(), replace_excluded(e, &proposed)?)))
                    .collect::<Result<Vec<_>>>()?;
                if alias {
                    w.push(" AS ");
                    w.push_identifier(ROW_ALIAS);
                }
                w.push(" ON DUPLICATE KEY UPDATE ");
                let qualify = matches!(s.source, InsertSource::Select { .. });
                render_assignments(w, &s.table, &set, qualify, ctx)
            }
            _ => Err(Error::unsupported(self.name(), "this upsert action")),
        }
    }

    /// With other tables: `UPDATE t JOIN o SET t.c = ... WHERE ...`.
    fn render_update(&self, w: &mut SqlWriter<'_>, s: &Update, ctx: RenderCtx) -> Result<()> {
        let extra = update_tables(s);
        if extra.is_empty() || s.set.is_empty() {
            return render_update_default(w, s, ctx);
        }
        if !s.order_by.is_empty() || s.limit.is_some() {
            return Err(Error::unsupported(
                self.name(),
                "multi-table UPDATE with ORDER BY / LIMIT",
            ));
        }
        if !s.returning.is_empty() {
            return Err(Error::unsupported(self.name(), "RETURNING on UPDATE"));
        }
        with_scope(w, &s.table, &extra, |w| {
            render_dml_with(w, s.with.as_ref(), "UPDATE")?;
            w.push("UPDATE ");
            w.push_table_name(&s.table.name);
            for item in &extra {
                w.push(" JOIN ");
                render_from_item(w, item)?;
            }
            w.push(" SET ");
            render_assignments(w, &s.table, &s.set, true, ctx)?;
            render_where(w, s.where_.as_ref(), ctx)
        })
    }

    /// With other tables: `DELETE t FROM t JOIN o WHERE ...`.
    fn render_delete(&self, w: &mut SqlWriter<'_>, s: &Delete, ctx: RenderCtx) -> Result<()> {
        let extra = delete_tables(s);
        if extra.is_empty() {
            return render_delete_default(w, s, ctx);
        }
        if !s.order_by.is_empty() || s.limit.is_some() {
            return Err(Error::unsupported(
                self.name(),
                "multi-table DELETE with ORDER BY / LIMIT",
            ));
        }
        if !s.returning.is_empty() {
            return Err(Error::unsupported(
                self.name(),
                "RETURNING on a multi-table DELETE",
            ));
        }
        with_scope(w, &s.table, &extra, |w| {
            render_dml_with(w, s.with.as_ref(), "DELETE")?;
            w.push("DELETE ");
            w.push_table_name(&s.table.name);
            w.push(" FROM ");
            w.push_table_name(&s.table.name);
            for item in &extra {
                w.push(" JOIN ");
                render_from_item(w, item)?;
            }
            render_where(w, s.where_.as_ref(), ctx)
        })
    }
}

#[cfg(test)]
mod word_list_tests {
    use super::{CALLABLE, MARIADB_RESERVED, MYSQL_RESERVED};

    /// The lists are searched by bisection: each must be sorted, upper case.
    #[test]
    fn word_lists_are_sorted_and_upper_case() {
        for list in [&CALLABLE[..], &MYSQL_RESERVED[..], &MARIADB_RESERVED[..]] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(list
                .iter()
                .all(|w| w.bytes().all(|b| !b.is_ascii_lowercase())));
        }
    }
}
