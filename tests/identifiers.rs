//! Identifiers the database would not take as written are refused when
//! compiling, before any SQL is sent: a name over the dialect's length limit
//! (PostgreSQL 63 bytes, which it would truncate silently; MySQL/MariaDB 64
//! characters, 256 for aliases), the empty name, and characters the engine
//! refuses in names (NUL; on MySQL/MariaDB, characters beyond U+FFFF and a
//! trailing space in a table or column name), in every position. A
//! name exactly at the limit runs. Function names MySQL/MariaDB reserve are
//! refused, those their grammar also takes as calls run on MariaDB.
mod engines;

use engines::{engines, Val};
use sqlexpr::expr::func;
use sqlexpr::prelude::*;
use sqlexpr::{Error, FromItem};
use sqlexpr_mysql::MySql;
use sqlexpr_postgres::Postgres;
use sqlexpr_sqlite::Sqlite;

fn table(name: &str, column: &str) -> Table {
    Table::builder(name.to_string())
        .column(Column::new(column.to_string(), SqlType::Integer))
        .build()
        .unwrap()
}

#[track_caller]
fn assert_invalid_name(r: sqlexpr::Result<impl std::fmt::Debug>, expected: &str) {
    match r {
        Err(Error::InvalidName { name, .. }) => assert_eq!(name, expected),
        other => panic!("expected InvalidName({expected:?}), got {other:?}"),
    }
}

/// The longest names of each engine: (table, column, alias).
fn names_at_the_limit(engine: &str) -> (String, String, String) {
    match engine {
        // 63 bytes: 31 two-byte characters and one more.
        "postgresql" => ("é".repeat(31) + "t", "c".repeat(63), "a".repeat(63)),
        // 64 characters (128 bytes) and an alias of 255 bytes (MariaDB
        // returns a longer one cut to 255 bytes).
        "mariadb" => ("é".repeat(64), "ç".repeat(64), "é".repeat(127) + "a"),
        // No limit.
        _ => ("t".repeat(300), "c".repeat(300), "a".repeat(300)),
    }
}

#[test]
fn names_at_the_limit_create_insert_and_read() {
    for mut engine in engines("ident_limit") {
        let (tname, cname, alias) = names_at_the_limit(engine.name());
        let t = table(&tname, &cname);
        let d = engine.dialect();
        let create = create_table(&t).compile(d).unwrap();
        let ins = insert(&t)
            .rows([[(cname.clone(), value(7))]])
            .compile(d)
            .unwrap();
        let sel = select([t.c(&cname).label(alias.clone())])
            .compile(d)
            .unwrap();
        engine.run(&create).unwrap();
        engine.run(&ins).unwrap();
        let rows = engine.run(&sel).unwrap();
        assert_eq!(rows.rows, vec![vec![Val::Int(7)]], "{}", engine.name());
        assert_eq!(rows.columns, vec![alias.clone()], "{}", engine.name());
    }
}

#[test]
fn one_over_the_limit_is_an_error() {
    let pg = Postgres::new();
    // 64 bytes, though 32 characters.
    let long = "é".repeat(32);
    assert_invalid_name(create_table(&table(&long, "c")).compile(&pg), &long);
    assert_invalid_name(create_table(&table("t", &long)).compile(&pg), &long);
    let t = table("t", "c");
    assert_invalid_name(select([t.c("c").label(long.clone())]).compile(&pg), &long);
    assert_invalid_name(select([t.alias(long.clone()).c("c")]).compile(&pg), &long);

    for (d, alias_limit) in [
        (MySql::new(), "é".repeat(256)),
        (MySql::mariadb(), "a".repeat(255)),
    ] {
        let long = "é".repeat(65);
        assert_invalid_name(create_table(&table(&long, "c")).compile(&d), &long);
        assert_invalid_name(create_table(&table("t", &long)).compile(&d), &long);
        // But 64 characters of two bytes are fine.
        assert!(create_table(&table(&"é".repeat(64), "c"))
            .compile(&d)
            .is_ok());
        // An alias may be 256 characters on MySQL, 255 bytes on MariaDB.
        let alias = alias_limit.clone();
        assert!(select([t.c("c").label(alias.clone())]).compile(&d).is_ok());
        assert!(select([t.alias(alias.clone()).c("c")]).compile(&d).is_ok());
        let alias = alias_limit + "a";
        assert_invalid_name(select([t.c("c").label(alias.clone())]).compile(&d), &alias);
        assert_invalid_name(select([t.alias(alias.clone()).c("c")]).compile(&d), &alias);
    }
    // Inline rendering and DDL refuse the same names.
    assert_invalid_name(select([table(&long, "c").c("c")]).to_sql_inline(&pg), &long);
    assert_invalid_name(drop_table(&table(&long, "c")).compile(&pg), &long);
    // A PostgreSQL enum column names its type.
    let t = Table::builder("t")
        .column(Column::new(
            "c",
            SqlType::Enum(long.clone().into(), vec!["x".into()]),
        ))
        .build()
        .unwrap();
    assert_invalid_name(create_table(&t).compile(&pg), &long);
    let mut md = MetaData::new();
    md.add(table(&long, "c")).unwrap();
    let ddl = md.create_all(&pg).unwrap();
    assert_invalid_name(ddl[0].compile(&pg), &long);
}

#[test]
fn long_names_differing_in_the_last_byte_do_not_collide_on_postgres() {
    let pg = Postgres::new();
    let base = "n".repeat(63);
    let (a, b) = (format!("{base}a"), format!("{base}b"));
    assert_invalid_name(create_table(&table(&a, "c")).compile(&pg), &a);
    assert_invalid_name(create_table(&table(&b, "c")).compile(&pg), &b);
    // At 63 bytes they are two tables.
    let base = "n".repeat(62);
    let (ta, tb) = (
        table(&format!("{base}a"), "c"),
        table(&format!("{base}b"), "c"),
    );
    for mut engine in engines("ident_collide") {
        if engine.name() != "postgresql" {
            continue;
        }
        let d = Postgres::new();
        let d = &d;
        for (t, v) in [(&ta, 1), (&tb, 2)] {
            let create = create_table(t).if_not_exists().compile(d).unwrap();
            engine.run(&create).unwrap();
            let ins = insert(t).rows([[("c", value(v))]]).compile(d).unwrap();
            engine.run(&ins).unwrap();
        }
        for (t, v) in [(&ta, 1), (&tb, 2)] {
            let sel = select([t.c("c")]).compile(d).unwrap();
            assert_eq!(engine.run(&sel).unwrap().rows, vec![vec![Val::Int(v)]]);
        }
    }
}

#[test]
fn empty_names_are_errors() {
    let dialects: [Box<dyn Dialect>; 4] = [
        Box::new(Sqlite::new()),
        Box::new(Postgres::new()),
        Box::new(MySql::new()),
        Box::new(MySql::mariadb()),
    ];
    let t = table("t", "c");
    for d in &dialects {
        let d = &**d;
        // Table, column, schema.
        assert_invalid_name(create_table(&table("", "c")).compile(d), "");
        assert_invalid_name(create_table(&table("t", "")).compile(d), "");
        assert_invalid_name(select([col("")]).select_from(&t).compile(d), "");
        assert_invalid_name(
            select([func::count_star()])
                .select_from(FromItem::Named("".into()))
                .compile(d),
            "",
        );
        // Alias of a table, of a subquery, label.
        assert_invalid_name(select([t.alias("").c("c")]).compile(d), "");
        assert_invalid_name(
            select([func::count_star()])
                .select_from(select([t.c("c")]).subquery(""))
                .compile(d),
            "",
        );
        assert_invalid_name(select([t.c("c").label("")]).compile(d), "");
        assert_invalid_name(select([t.c("c").label("")]).to_sql_inline(d), "");
    }
}

#[test]
fn mysql_reserved_function_names_are_refused() {
    for d in [MySql::new(), MySql::mariadb()] {
        for name in ["key", "index", "match", "KEYS", "convert", "exists", "from"] {
            match select([func::call(name, [value(1)])]).compile(&d) {
                Err(Error::InvalidName {
                    kind: "function",
                    name: n,
                }) => assert_eq!(n, name),
                other => panic!("{}: {name}: {other:?}", d.name()),
            }
        }
    }
    assert!(select([func::call("position", [value(1)])])
        .compile(&MySql::mariadb())
        .is_err());
    // MySQL's own reserved words: MariaDB does not reserve them.
    for name in [
        "json_table",
        "io_after_gtids",
        "master_bind",
        "optimizer_costs",
    ] {
        assert!(select([func::call(name, [value(1)])])
            .compile(&MySql::new())
            .is_err());
        assert!(select([func::call(name, [value(1)])])
            .compile(&MySql::mariadb())
            .is_ok());
    }
    // Elsewhere these are ordinary names.
    assert!(select([func::call("key", [value(1)])])
        .compile(&Postgres::new())
        .is_ok());
}

#[test]
fn reserved_words_the_grammar_calls_run_on_mariadb() {
    let calls: Vec<(Expr, Val)> = vec![
        (
            func::call("if", [value(1), value(2), value(3)]),
            Val::Int(2),
        ),
        (
            func::call("left", [value("abc"), value(2)]),
            Val::Text("ab".into()),
        ),
        (
            func::call("right", [value("abc"), value(2)]),
            Val::Text("bc".into()),
        ),
        (
            func::call("replace", [value("abc"), value("b"), value("x")]),
            Val::Text("axc".into()),
        ),
        (
            func::call("insert", [value("abc"), value(1), value(1), value("z")]),
            Val::Text("zbc".into()),
        ),
        (
            func::call("repeat", [value("ab"), value(2)]),
            Val::Text("abab".into()),
        ),
        (func::call("mod", [value(7), value(3)]), Val::Int(1)),
        (
            func::call("interval", [value(5), value(1), value(10)]),
            Val::Int(1),
        ),
        (
            func::call("length", [func::call("char", [value(65)])]),
            Val::Int(1),
        ),
        (
            func::call("isnull", [func::call("database", Vec::<Expr>::new())]),
            Val::Int(0),
        ),
        (
            func::call("isnull", [func::call("schema", Vec::<Expr>::new())]),
            Val::Int(0),
        ),
        (
            func::call("isnull", [func::call("current_date", Vec::<Expr>::new())]),
            Val::Int(0),
        ),
        (
            func::call("isnull", [func::call("utc_timestamp", Vec::<Expr>::new())]),
            Val::Int(0),
        ),
        (
            func::call("isnull", [func::call("current_role", Vec::<Expr>::new())]),
            Val::Int(1),
        ),
    ];
    for mut engine in engines("ident_funcs") {
        if engine.name() != "mariadb" {
            continue;
        }
        for (e, expected) in &calls {
            let c = select([e.clone()]).compile(engine.dialect()).unwrap();
            let rows = engine
                .run(&c)
                .unwrap_or_else(|err| panic!("{}: {err}", c.sql));
            assert_eq!(rows.single(), Some(expected), "{}", c.sql);
        }
    }
}

/// Characters a database does not take in names: NUL nowhere; on
/// MySQL/MariaDB (utf8mb3 names) nothing beyond U+FFFF, and no table or
/// column name ending with a space (an alias may). Refused when compiling
/// where the engine would refuse them; where it takes them, they run.
#[test]
fn characters_an_engine_refuses_in_names_are_errors() {
    for mut engine in engines("ident_chars") {
        let mysql = engine.name() == "mariadb";
        for (name, refused_by_mysql) in [
            ("a\0b", true),
            ("t😀", true),
            ("t ", true),
            ("t\n", true),
            ("#mysql50#t", true),
            (" t", false),
            ("a\nb", false),
        ] {
            let refused = name.contains('\0') || (mysql && refused_by_mysql);
            let t = table(name, name);
            let create = create_table(&t).compile(engine.dialect());
            if refused {
                assert_invalid_name(create, name);
                assert_invalid_name(select([t.c(name)]).compile(engine.dialect()), name);
                continue;
            }
            engine.run(&create.unwrap()).unwrap();
            let ins = insert(&t).rows([[(name, value(3))]]);
            engine.run(&ins.compile(engine.dialect()).unwrap()).unwrap();
            let rows = engine
                .run(&select([t.c(name)]).compile(engine.dialect()).unwrap())
                .unwrap();
            assert_eq!(
                rows.rows,
                vec![vec![Val::Int(3)]],
                "{}: {name:?}",
                engine.name()
            );
            let drop = drop_table(&t).compile(engine.dialect()).unwrap();
            engine.run(&drop).unwrap();
        }
        // An alias ending with a space is fine on every engine; an emoji
        // alias is not on MySQL/MariaDB.
        let q = select([value(1).label("n ")]);
        let rows = engine.run(&q.compile(engine.dialect()).unwrap()).unwrap();
        assert_eq!(rows.columns, vec!["n ".to_string()], "{}", engine.name());
        let q = select([value(1).label("😀")]).compile(engine.dialect());
        if mysql {
            assert_invalid_name(q, "😀");
        } else {
            let rows = engine.run(&q.unwrap()).unwrap();
            assert_eq!(rows.columns, vec!["😀".to_string()], "{}", engine.name());
        }
    }
}

/// MariaDB stores a table as a file named after it, each character that is
/// not an ASCII letter, digit or `_` written as `@XXXX`: 50 quotes fit the
/// 255-byte file name, 51 do not and are refused when compiling. A column
/// name is no file name: 60 quotes run.
#[test]
fn mariadb_table_names_fit_their_file_names() {
    for mut engine in engines("ident_files") {
        let refuses = engine.name() == "mariadb";
        for (n, fits) in [(50, true), (51, !refuses)] {
            let name = "\"".repeat(n);
            let t = table(&name, &"\"".repeat(60));
            let create = create_table(&t).compile(engine.dialect());
            if !fits {
                assert_invalid_name(create, &name);
                continue;
            }
            engine.run(&create.unwrap()).unwrap();
            let drop = drop_table(&t).compile(engine.dialect()).unwrap();
            engine.run(&drop).unwrap();
        }
    }
}

/// SQLite keeps `sqlite_` names (any case) for its own tables and indexes:
/// creating one is refused when compiling (found by the edges fuzz
/// target); reading `sqlite_master` still works, and the other engines
/// create such a table.
#[test]
fn sqlite_reserves_the_sqlite_prefix_for_its_own_objects() {
    for mut engine in engines("ident_sqlite_prefix") {
        let is_sqlite = engine.name() == "sqlite";
        let t = table("SQLite_mine", "c");
        let create = create_table(&t).compile(engine.dialect());
        if is_sqlite {
            assert_invalid_name(create, "SQLite_mine");
            let idx = create_index(&table("t", "c"), Index::new("sqlite_idx", ["c"]));
            assert_invalid_name(idx.compile(engine.dialect()), "sqlite_idx");
            let master = Table::builder("sqlite_master")
                .column(Column::new("name", SqlType::Text))
                .build()
                .unwrap();
            let q = select([master.c("name")])
                .compile(engine.dialect())
                .unwrap();
            engine.run(&q).unwrap();
        } else {
            engine.run(&create.unwrap()).unwrap();
            let drop = drop_table(&t).compile(engine.dialect()).unwrap();
            engine.run(&drop).unwrap();
        }
    }
}
