//! The checks: compiled SQL parses with sqlparser and carries one placeholder
//! per parameter; an inline literal or identifier tokenizes back to exactly
//! the value written.

use sqlexpr::{Compiled, Dialect, Error, Render, Value};
use sqlparser::dialect::Dialect as ParserDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer};

use crate::Target;

/// The tokens of `sql` without whitespace; panics when sqlparser cannot
/// tokenize what sqlexpr wrote.
pub fn tokens(pd: &dyn ParserDialect, sql: &str) -> Vec<Token> {
    let toks = Tokenizer::new(pd, sql)
        .tokenize()
        .unwrap_or_else(|e| panic!("sqlparser cannot tokenize {sql:?}: {e}"));
    toks.into_iter()
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect()
}

/// Checks one compiled statement: placeholders match the parameters (on
/// PostgreSQL a `$n` may repeat, each parameter used), and the
/// SQL parses as exactly one statement. No construct sqlexpr renders has
/// needed an exception for a gap in sqlparser so far; one that does gets a
/// named, narrow skip here, never a weaker check for all SQL.
pub fn check_compiled(target: Target, d: &dyn Dialect, pd: &dyn ParserDialect, c: &Compiled) {
    let toks = tokens(pd, &c.sql);
    let placeholders: Vec<&str> = toks
        .iter()
        .filter_map(|t| match t {
            Token::Placeholder(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    if target == Target::Postgres {
        // `$n` numbered by first appearance, each parameter used; a number
        // may repeat (a repeated expression reuses its placeholders).
        let mut next = 1;
        for p in &placeholders {
            let n: usize = p
                .strip_prefix('$')
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{}: placeholder {p} in {:?}", d.name(), c.sql));
            assert!(n <= next, "{}: {p} before ${next} in {:?}", d.name(), c.sql);
            if n == next {
                next += 1;
            }
        }
        assert_eq!(
            next - 1,
            c.params.len(),
            "{}: placeholders differ from params in {:?}",
            d.name(),
            c.sql
        );
    } else {
        assert_eq!(
            placeholders.len(),
            c.params.len(),
            "{}: placeholder count differs from params in {:?}",
            d.name(),
            c.sql
        );
        assert!(placeholders.iter().all(|p| *p == "?"), "{:?}", c.sql);
    }
    match Parser::parse_sql(pd, &c.sql) {
        Ok(stmts) => assert_eq!(stmts.len(), 1, "{}: {:?}", d.name(), c.sql),
        Err(e) => panic!("{}: sqlparser rejects {:?}: {e}", d.name(), c.sql),
    }
}

/// Compiles `stmt` for every dialect (bound and inline) and checks each
/// result; errors are fine (they are how rendering refuses), panics are not.
pub fn check_statement(stmt: &dyn Render) {
    for (target, d, pd) in crate::dialects() {
        if let Ok(c) = stmt.compile(&*d) {
            check_compiled(target, &*d, &*pd, &c);
        }
        if let Ok(sql) = stmt.to_sql_inline(&*d) {
            let c = Compiled::new(sql, Vec::new());
            check_compiled(target, &*d, &*pd, &c);
        }
    }
}

fn hex_decode(s: &str) -> Vec<u8> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => panic!("not a hex digit: {c}"),
    };
    assert!(s.len().is_multiple_of(2), "odd hex length: {s:?}");
    s.as_bytes()
        .chunks(2)
        .map(|p| digit(p[0]) << 4 | digit(p[1]))
        .collect()
}

fn literal(d: &dyn Dialect, v: &Value) -> Result<String, Error> {
    let mut out = String::new();
    d.write_literal(&mut out, v).map(|()| out)
}

/// A string written as an inline literal reads back as exactly that string.
pub fn check_string(target: Target, d: &dyn Dialect, pd: &dyn ParserDialect, s: &str) {
    let sql = match literal(d, &Value::Text(s.into())) {
        Ok(sql) => sql,
        Err(Error::Literal { .. }) if s.contains('\0') && target == Target::Postgres => return,
        Err(e) => panic!("{}: string {s:?} has no literal: {e}", d.name()),
    };
    let toks = tokens(pd, &sql);
    match toks.as_slice() {
        [Token::SingleQuotedString(v)] => assert_eq!(v, s, "{}: {sql:?}", d.name()),
        // PostgreSQL: text with a backslash is an E'' string, the same
        // whatever standard_conforming_strings says.
        [Token::EscapedStringLiteral(v)] if target == Target::Postgres => {
            assert!(s.contains('\\'), "{sql:?}");
            assert_eq!(v, s, "{}: {sql:?}", d.name());
        }
        // MySQL: text with a backslash or NUL is _utf8mb4 X'..', the same
        // whatever NO_BACKSLASH_ESCAPES says.
        [Token::Word(charset), Token::HexStringLiteral(h)]
            if target == Target::MySql && charset.value.eq_ignore_ascii_case("_utf8mb4") =>
        {
            assert!(s.contains(['\\', '\0']), "{sql:?}");
            assert_eq!(hex_decode(h), s.as_bytes(), "{}: {sql:?}", d.name());
        }
        // SQLite: text with NUL is CAST(X'..' AS TEXT).
        [Token::Word(cast), Token::LParen, Token::HexStringLiteral(h), Token::Word(as_), Token::Word(text), Token::RParen]
            if target == Target::Sqlite
                && cast.value.eq_ignore_ascii_case("CAST")
                && as_.value.eq_ignore_ascii_case("AS")
                && text.value.eq_ignore_ascii_case("TEXT") =>
        {
            assert!(s.contains('\0'));
            assert_eq!(hex_decode(h), s.as_bytes(), "{}: {sql:?}", d.name());
        }
        other => panic!(
            "{}: {s:?} written as {sql:?} reads back as {other:?}",
            d.name()
        ),
    }
}

/// Bytes written as an inline literal read back as exactly those bytes.
pub fn check_bytes(target: Target, d: &dyn Dialect, pd: &dyn ParserDialect, b: &[u8]) {
    let sql = literal(d, &Value::Bytes(b.into()))
        .unwrap_or_else(|e| panic!("{}: bytes have no literal: {e}", d.name()));
    let toks = tokens(pd, &sql);
    match (target, toks.as_slice()) {
        (
            Target::Postgres,
            [Token::SingleQuotedString(v) | Token::EscapedStringLiteral(v), Token::DoubleColon, Token::Word(ty)],
        ) => {
            assert_eq!(ty.value, "bytea");
            let hex = v.strip_prefix("\\x").expect("\\x prefix");
            assert_eq!(hex_decode(hex), b, "{sql:?}");
        }
        (Target::Sqlite | Target::MySql, [Token::HexStringLiteral(h)]) => {
            assert_eq!(hex_decode(h), b, "{}: {sql:?}", d.name());
        }
        (_, other) => panic!(
            "{}: bytes written as {sql:?} read back as {other:?}",
            d.name()
        ),
    }
}

fn same_float(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

/// A float written as an inline literal reads back as the same float.
pub fn check_float(target: Target, d: &dyn Dialect, pd: &dyn ParserDialect, f: f64) {
    let sql = match literal(d, &Value::F64(f)) {
        Ok(sql) => sql,
        Err(Error::Literal { .. }) if !f.is_finite() && target != Target::Postgres => {
            // SQLite has infinity (9e999) but no NaN; MySQL has neither.
            assert!(target == Target::MySql || f.is_nan(), "{}: {f}", d.name());
            return;
        }
        Err(e) => panic!("{}: {f} has no literal: {e}", d.name()),
    };
    let toks = tokens(pd, &sql);
    let read = match (target, toks.as_slice()) {
        (
            Target::Postgres,
            [Token::SingleQuotedString(v) | Token::EscapedStringLiteral(v), Token::DoubleColon, Token::Word(ty)],
        ) => {
            assert_eq!(ty.value, "float8", "{sql:?}");
            match v.as_str() {
                "NaN" => f64::NAN,
                "Infinity" => f64::INFINITY,
                "-Infinity" => f64::NEG_INFINITY,
                v => v.parse::<f64>().unwrap_or_else(|e| panic!("{sql:?}: {e}")),
            }
        }
        (_, [Token::Number(n, false)]) => n.parse::<f64>().expect("number"),
        (_, [Token::Minus, Token::Number(n, false)]) => -n.parse::<f64>().expect("number"),
        (_, other) => panic!(
            "{}: {f} written as {sql:?} reads back as {other:?}",
            d.name()
        ),
    };
    assert!(
        same_float(read, f),
        "{}: {f} written as {sql:?} reads back as {read}",
        d.name()
    );
}

/// A name written as an identifier reads back as one quoted identifier with
/// exactly that name.
pub fn check_identifier(d: &dyn Dialect, pd: &dyn ParserDialect, name: &str) {
    let mut sql = String::new();
    d.write_identifier(&mut sql, name);
    let toks = tokens(pd, &sql);
    match toks.as_slice() {
        [Token::Word(w)] if w.quote_style.is_some() => {
            assert_eq!(w.value, name, "{}: {sql:?}", d.name())
        }
        other => panic!(
            "{}: identifier {name:?} written as {sql:?} reads back as {other:?}",
            d.name()
        ),
    }
}
