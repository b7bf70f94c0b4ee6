//! Injection corpus: a few hundred hostile strings, generated systematically
//! (every quote kind, backslashes before quotes and at the end, NUL, newlines,
//! comment openers, `;` with a second statement, unicode look-alikes of
//! quotes and backslashes, very long and empty strings), used
//! (a) as bound values, (b) as inline literals (`to_sql_inline`), run through
//!     each server's text protocol, where several statements per string are
//!     accepted, and
//! (c) as table, column and alias names,
//! on SQLite, PostgreSQL and MariaDB. Each round-trips exactly; a name the
//! engine refuses for its own reasons (NUL, length, ...) must fail with the
//! engine's error, never do anything else. A canary table, which injected
//! statements try to drop or insert into, proves that no second statement ran.

mod engines;

use engines::{engines, Engine, Val};
use sqlexpr::{select, Column, Error, SqlType, Table};

/// The hostile atoms.
fn atoms() -> Vec<String> {
    let fixed: &[&str] = &[
        "'",
        "''",
        "\"",
        "\"\"",
        "`",
        "``",
        "\\'",
        "\\\"",
        "\\`",
        "\\",
        "\\\\",
        "\0",
        "\\0",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "--",
        "-- ",
        "/*",
        "*/",
        "/* x */",
        "#",
        ";",
        "'; DROP TABLE canary; --",
        "\"; DROP TABLE canary; --",
        "`; DROP TABLE canary; --",
        "\\'; DROP TABLE canary; --",
        "'); INSERT INTO canary VALUES (2); --",
        "\"); INSERT INTO canary VALUES (2); --",
        "'; INSERT INTO canary VALUES (2); #",
        "' OR '1'='1",
        "\" OR \"1\"=\"1",
        "$$",
        "$1",
        "$tag$",
        "?",
        "??",
        ":name",
        "@var",
        "%s",
        "%",
        "_",
        "E'\\x27'",
        "N'",
        "X'27'",
        "\u{2BC}",  // modifier letter apostrophe
        "\u{FF07}", // fullwidth apostrophe
        "\u{2019}", // right single quotation mark
        "\u{2018}",
        "\u{201C}",
        "\u{FF02}", // fullwidth quotation mark
        "\u{FF40}", // fullwidth grave accent
        "\u{B4}",   // acute accent
        "\u{2B9}",  // modifier letter prime
        "\u{FF3C}", // fullwidth reverse solidus
        "\u{FE68}", // small reverse solidus
        "\u{A5}",   // yen sign (backslash in Shift JIS)
        "\u{FEFF}",
        "\u{200B}",
        "\u{1F4A5}",
        "\u{7F}",
    ];
    fixed.iter().map(|s| s.to_string()).collect()
}

/// The corpus: each atom alone, inside text, doubled, and followed by a
/// trailing backslash; then long and empty strings.
fn corpus() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in atoms() {
        for s in [
            a.clone(),
            format!("x{a}"),
            format!("{a}x"),
            format!("x{a}y"),
            format!("{a}{a}"),
            format!("{a}\\"),
        ] {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out.push(String::new());
    out.push(" ".into());
    out.push("x ".into());
    out.push("a".repeat(63));
    out.push("a".repeat(64));
    out.push("a".repeat(65));
    out.push("\u{E9}".repeat(40));
    out.push("'".repeat(10_000));
    out.push("\\".repeat(10_001));
    out.push(format!("{}'; DROP TABLE canary; --", "\\".repeat(999)));
    out.push(format!("{}\n; DROP TABLE canary", "--".repeat(5_000)));
    out
}

fn text_of(v: Option<&Val>) -> Option<&str> {
    match v {
        Some(Val::Text(s)) => Some(s),
        _ => None,
    }
}

fn create_canary(e: &mut dyn Engine) {
    e.query_text("CREATE TABLE canary (n INTEGER)")
        .and_then(|_| e.query_text("INSERT INTO canary (n) VALUES (1)"))
        .unwrap_or_else(|err| panic!("{}: canary: {err}", e.name()));
}

fn assert_canary(e: &mut dyn Engine) {
    let rows = e
        .query_text("SELECT n FROM canary")
        .unwrap_or_else(|err| panic!("{}: the canary table is gone: {err}", e.name()));
    assert_eq!(rows.rows.len(), 1, "{}: a second statement ran", e.name());
}

/// (a) bound values: the string comes back exactly. PostgreSQL text cannot
/// hold NUL: the server refuses the value.
fn bound(e: &mut dyn Engine, s: &str) {
    let c = select([sqlexpr::value(s).label("v")])
        .compile(e.dialect())
        .expect("compile");
    let got = e.run(&c);
    if e.name() == "postgresql" && s.contains('\0') {
        let err = got.expect_err("PostgreSQL accepted NUL in text");
        assert!(err.starts_with("22021"), "postgresql: {err}");
        return;
    }
    let rows = got.unwrap_or_else(|err| panic!("{}: {s:?}: {err}", e.name()));
    assert_eq!(text_of(rows.single()), Some(s), "{}: bound {s:?}", e.name());
}

/// (b) inline literals, run through the text protocol: exact, or
/// `Error::Literal` where the dialect has no literal for the value.
fn inline(e: &mut dyn Engine, s: &str) {
    let sql = match select([sqlexpr::value(s).label("v")]).to_sql_inline(e.dialect()) {
        Ok(sql) => sql,
        Err(Error::Literal { dialect, .. }) => {
            assert_eq!(dialect, "postgresql");
            assert!(s.contains('\0'), "{}: no literal for {s:?}", e.name());
            return;
        }
        Err(err) => panic!("{}: {s:?}: {err}", e.name()),
    };
    let rows = e
        .query_text(&sql)
        .unwrap_or_else(|err| panic!("{}: {sql:?}: {err}", e.name()));
    assert_eq!(
        text_of(rows.single()),
        Some(s),
        "{}: inline {sql:?}",
        e.name()
    );
}

/// Why the engine refuses `name` as a table or column name, if it does.
fn refused(engine: &str, name: &str) -> Option<&'static str> {
    match engine {
        "postgresql" if name.contains('\0') => Some("NUL in the SQL text"),
        "postgresql" if name.is_empty() => Some("zero-length delimited identifier"),
        "mariadb" if name.contains('\0') => Some("NUL in a name"),
        "mariadb" if name.is_empty() => Some("empty name"),
        "mariadb" if name.ends_with(|c: char| c.is_ascii_whitespace()) => {
            Some("a name ending with white space (ERROR 1103)")
        }
        "mariadb" if name.chars().count() > 64 => Some("a name longer than 64 characters"),
        "mariadb" if name.chars().any(|c| c > '\u{FFFF}') => Some("a name outside the BMP"),
        "sqlite" if name.contains('\0') => Some("NUL ends the SQL text"),
        _ => None,
    }
}

/// The name the engine reports for a column labelled `name`: PostgreSQL
/// truncates identifiers to 63 bytes (NAMEDATALEN - 1), without an error;
/// MariaDB strips leading white space (and DEL) from an alias, with a
/// warning.
fn reported(engine: &str, name: &str) -> String {
    if engine == "mariadb" {
        return name
            .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '\u{7F}')
            .to_owned();
    }
    if engine == "postgresql" && name.len() > 63 {
        let mut end = 63;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        return name[..end].to_owned();
    }
    name.to_owned()
}

/// (c) identifiers: a table whose name, column name and alias are all `s`.
fn identifiers(e: &mut dyn Engine, s: &str) {
    let q = e.ident(s);
    let created = e.query_text(&format!("CREATE TABLE {q} ({q} TEXT)"));
    if let Some(why) = refused(e.name(), s) {
        assert!(
            created.is_err(),
            "{}: expected the engine to refuse {s:?} ({why})",
            e.name()
        );
        return;
    }
    created.unwrap_or_else(|err| panic!("{}: CREATE TABLE {s:?}: {err}", e.name()));
    let insert = format!("INSERT INTO {q} ({q}) VALUES ({})", e.placeholder(1));
    e.query(&insert, &["value".into()])
        .unwrap_or_else(|err| panic!("{}: INSERT into {s:?}: {err}", e.name()));

    let table = Table::builder(s.to_owned())
        .column(Column::new(s.to_owned(), SqlType::Text))
        .build()
        .expect("table");
    let stmt = select([table.c(s).label(s.to_owned())]);
    // What the engine would take but misread is refused when compiling:
    // the empty name (SQLite), a name over 63 bytes (PostgreSQL truncates).
    if s.is_empty() || (e.name() == "postgresql" && s.len() > 63) {
        let compiled = stmt.compile(e.dialect());
        assert!(
            matches!(compiled, Err(Error::InvalidName { .. })),
            "{}: {s:?}: {compiled:?}",
            e.name()
        );
        let inline = stmt.to_sql_inline(e.dialect());
        assert!(
            matches!(inline, Err(Error::InvalidName { .. })),
            "{}",
            e.name()
        );
        e.query_text(&format!("DROP TABLE {q}"))
            .unwrap_or_else(|err| panic!("{}: DROP TABLE {s:?}: {err}", e.name()));
        return;
    }
    let c = stmt.compile(e.dialect()).expect("compile");
    let rows = e
        .run(&c)
        .unwrap_or_else(|err| panic!("{}: {:?}: {err}", e.name(), c.sql));
    assert_eq!(
        rows.columns,
        [reported(e.name(), s)],
        "{}: {:?}",
        e.name(),
        c.sql
    );
    assert_eq!(text_of(rows.single()), Some("value"), "{}", e.name());

    let sql = stmt.to_sql_inline(e.dialect()).expect("inline");
    let rows = e
        .query_text(&sql)
        .unwrap_or_else(|err| panic!("{}: {sql:?}: {err}", e.name()));
    assert_eq!(
        rows.columns,
        [reported(e.name(), s)],
        "{}: {sql:?}",
        e.name()
    );
    e.query_text(&format!("DROP TABLE {q}"))
        .unwrap_or_else(|err| panic!("{}: DROP TABLE {s:?}: {err}", e.name()));
}

/// The session settings that change how the server reads a string literal:
/// PostgreSQL with `standard_conforming_strings` on (the default) and off
/// (backslash is an escape character in `'...'`); MariaDB in its default
/// sql_mode and with NO_BACKSLASH_ESCAPES (backslash is an ordinary
/// character). Rendering does not know the setting: the same SQL must be
/// exact under each.
fn settings(engine: &str) -> &'static [&'static str] {
    match engine {
        "postgresql" => &[
            "SET standard_conforming_strings = on",
            "SET standard_conforming_strings = off",
        ],
        "mariadb" => &[
            "SET SESSION sql_mode = DEFAULT",
            "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')",
        ],
        _ => &[""],
    }
}

#[test]
fn hostile_strings_round_trip_on_every_engine() {
    let corpus = corpus();
    assert!(corpus.len() >= 200, "corpus of {}", corpus.len());
    for mut engine in engines("injection") {
        let e = &mut *engine;
        create_canary(e);
        for setting in settings(e.name()) {
            if !setting.is_empty() {
                e.query_text(setting)
                    .unwrap_or_else(|err| panic!("{}: {setting}: {err}", e.name()));
            }
            for s in &corpus {
                bound(e, s);
                inline(e, s);
                identifiers(e, s);
            }
            assert_canary(e);
            println!(
                "{}: {} hostile strings round-tripped ({setting})",
                e.name(),
                corpus.len()
            );
        }
    }
}

/// The drop-the-table string, inline under `standard_conforming_strings =
/// off`: one statement, the string back exactly, the canary still there.
#[test]
fn postgres_inline_is_safe_without_standard_conforming_strings() {
    for mut engine in engines("injection_scs") {
        let e = &mut *engine;
        if e.name() != "postgresql" {
            continue;
        }
        create_canary(e);
        e.query_text("SET standard_conforming_strings = off")
            .expect("set");
        let s = "\\'; DROP TABLE canary; --";
        let sql = select([sqlexpr::value(s).label("v")])
            .to_sql_inline(e.dialect())
            .expect("inline");
        assert_eq!(sql, r#"SELECT E'\\''; DROP TABLE canary; --' AS "v""#);
        let rows = e.query_text(&sql).expect("run");
        assert_eq!(text_of(rows.single()), Some(s));
        assert_canary(e);
    }
}

/// MariaDB: a string with a backslash is a hex literal, exact under both
/// sql modes, and compared with a column it takes the column's collation
/// (here case-insensitive), as a quoted literal does.
#[test]
fn mariadb_backslash_literal_is_exact_and_takes_the_column_collation() {
    for mut engine in engines("injection_nbe") {
        let e = &mut *engine;
        if e.name() != "mariadb" {
            continue;
        }
        e.query_text("CREATE TABLE t (s VARCHAR(20) COLLATE utf8mb4_general_ci)")
            .expect("create");
        e.query("INSERT INTO t (s) VALUES (?)", &["A\\b'".into()])
            .expect("insert");
        let t = Table::builder("t")
            .column(Column::new("s", SqlType::String(20)))
            .build()
            .expect("table");
        let stmt = select([t.c("s")]).where_(t.c("s").eq(sqlexpr::value("a\\B'")));
        let sql = stmt.to_sql_inline(e.dialect()).expect("inline");
        assert_eq!(
            sql,
            "SELECT `t`.`s` FROM `t` WHERE `t`.`s` = _utf8mb4 X'615c4227'"
        );
        for setting in settings("mariadb") {
            e.query_text(setting).expect("sql_mode");
            let rows = e.query_text(&sql).expect("run");
            assert_eq!(text_of(rows.single()), Some("A\\b'"), "{setting}");
            let rows = e
                .query_text(
                    &select([sqlexpr::value("\\").label("v")])
                        .to_sql_inline(e.dialect())
                        .expect("inline"),
                )
                .expect("run");
            assert_eq!(text_of(rows.single()), Some("\\"), "{setting}");
        }
    }
}
