//! The conformance suite: every construct of the expression language, SELECT,
//! DML and DDL executed on SQLite (in memory), PostgreSQL and MariaDB, each
//! with one expectation per database: the rows returned, the rows affected,
//! the statements the database must refuse (constraint violations), or
//! `Error::Unsupported` at compile time for a named feature (so an
//! unsupported set-up step cannot stand in for the construct under test).
//!
//! Each run works in a PostgreSQL schema and a MariaDB database of its own
//! (dropped at the end); the fixture is created with `create_all` and filled
//! with `insert`; each case runs inside a transaction that is rolled back
//! (DDL cases use tables of their own and drop them, as MariaDB commits DDL).
//!
//! It prints one summary line, writes the case × database matrix to
//! `<target>/conformance.md`, and fails when any expectation is not met. With
//! `CI=true` a server that does not answer fails the suite; otherwise the
//! database is reported as skipped.
mod common;

#[path = "conformance/ddl.rs"]
mod ddl;
#[path = "conformance/dml.rs"]
mod dml;
#[path = "conformance/expr.rs"]
mod expr;
#[path = "conformance/fixture.rs"]
mod fixture;
#[path = "conformance/foundation.rs"]
mod foundation;
#[path = "conformance/harness.rs"]
mod harness;
#[path = "conformance/query.rs"]
mod query;
#[path = "conformance/select.rs"]
mod select;
#[path = "conformance/types.rs"]
mod types;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use common::servers;
use harness::{run_case, Case, Db, Grade, DBS};

fn cases(fx: &fixture::Fx) -> Vec<Case> {
    let mut all = Vec::new();
    all.extend(foundation::cases(fx));
    all.extend(expr::cases(fx));
    all.extend(select::cases(fx));
    all.extend(query::cases(fx));
    all.extend(dml::cases(fx));
    all.extend(ddl::cases(fx));
    all.extend(query::emulations_and_limits(fx));
    all.extend(ddl::keys_and_type_limits(fx));
    all.extend(types::cases());
    all
}

/// Creates and fills the fixture on `db`.
async fn setup(db: &mut Db, fx: &fixture::Fx) -> Result<(), String> {
    let d = db.dialect();
    for stmt in fx.md.create_all(d.as_ref()).map_err(|e| e.to_string())? {
        let c = sqlexpr::Render::compile(&stmt, d.as_ref()).map_err(|e| e.to_string())?;
        db.exec(&c).await.map_err(|e| format!("{e}: {}", c.sql))?;
    }
    for ins in fx.data() {
        let c = sqlexpr::Render::compile(&ins, d.as_ref()).map_err(|e| e.to_string())?;
        db.exec(&c).await.map_err(|e| format!("{e}: {}", c.sql))?;
    }
    Ok(())
}

/// In-memory SQLite, enforcing foreign keys like the servers do.
fn sqlite() -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_in_memory().expect("in-memory SQLite");
    conn.execute_batch("PRAGMA foreign_keys = ON")
        .expect("enable foreign keys");
    conn
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
    }
}

fn cell(g: &Grade) -> &'static str {
    match g {
        Grade::Pass => "pass",
        Grade::Unsupported => "unsupported",
        Grade::Fail(_) => "**FAIL**",
        Grade::Skipped => "skipped",
    }
}

fn matrix(cases: &[Case], grades: &[[Grade; 3]]) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "| area | case | sqlite | postgres | mysql (MariaDB) |");
    let _ = writeln!(md, "|---|---|---|---|---|");
    for (c, g) in cases.iter().zip(grades) {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            c.area,
            c.name.replace('|', "\\|"),
            cell(&g[0]),
            cell(&g[1]),
            cell(&g[2])
        );
    }
    md
}

fn by_area(cases: &[Case], grades: &[[Grade; 3]]) -> String {
    let mut areas: Vec<&str> = Vec::new();
    for c in cases {
        if !areas.contains(&c.area) {
            areas.push(c.area);
        }
    }
    let mut md = String::new();
    let _ = writeln!(md, "| area | cases | sqlite | postgres | mysql (MariaDB) |");
    let _ = writeln!(md, "|---|---|---|---|---|");
    for a in areas {
        let rows: Vec<&[Grade; 3]> = cases
            .iter()
            .zip(grades)
            .filter(|(c, _)| c.area == a)
            .map(|(_, g)| g)
            .collect();
        let mut cols = Vec::new();
        for db in 0..3 {
            let count = |f: fn(&Grade) -> bool| rows.iter().filter(|g| f(&g[db])).count();
            let p = count(|g| *g == Grade::Pass);
            let u = count(|g| *g == Grade::Unsupported);
            let f = count(|g| matches!(g, Grade::Fail(_)));
            let mut s = format!("{p} pass");
            if u > 0 {
                let _ = write!(s, ", {u} unsupported");
            }
            if f > 0 {
                let _ = write!(s, ", **{f} fail**");
            }
            cols.push(s);
        }
        let _ = writeln!(
            md,
            "| {a} | {} | {} | {} | {} |",
            rows.len(),
            cols[0],
            cols[1],
            cols[2]
        );
    }
    md
}

#[test]
fn conformance() {
    let started = Instant::now();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let fx = fixture::Fx::new();
    let cases = cases(&fx);
    let mut grades: Vec<[Grade; 3]> = cases
        .iter()
        .map(|_| [Grade::Skipped, Grade::Skipped, Grade::Skipped])
        .collect();

    rt.block_on(async {
        let mut dbs: Vec<Option<Db>> = vec![
            Some(Db::Sqlite(sqlite())),
            servers::postgres().await.map(Db::Pg),
            servers::mysql().await.map(Db::My),
        ];
        for (k, slot) in dbs.iter_mut().enumerate() {
            let Some(db) = slot else { continue };
            if let Err(e) = setup(db, &fx).await {
                panic!("{}: creating the fixture failed: {e}", DBS[k]);
            }
            for (i, case) in cases.iter().enumerate() {
                grades[i][k] = run_case(db, case).await;
            }
        }
    });

    let mut summary = format!("conformance: {} cases", cases.len());
    let mut failures = String::new();
    let mut fails = 0;
    for (k, name) in DBS.iter().enumerate() {
        let count = |f: &dyn Fn(&Grade) -> bool| grades.iter().filter(|g| f(&g[k])).count();
        let p = count(&|g| *g == Grade::Pass);
        let u = count(&|g| *g == Grade::Unsupported);
        let f = count(&|g| matches!(g, Grade::Fail(_)));
        fails += f;
        let _ = write!(summary, "; {name} {p} pass, {u} unsupported, {f} fail");
        for (c, g) in cases.iter().zip(&grades) {
            if let Grade::Fail(why) = &g[k] {
                let _ = writeln!(failures, "FAIL {name}: {} / {}: {why}", c.area, c.name);
            }
        }
    }

    let mut md = String::from("# Conformance matrix\n\n");
    let _ = writeln!(md, "{summary}\n");
    md.push_str(&by_area(&cases, &grades));
    md.push('\n');
    md.push_str(&matrix(&cases, &grades));
    let dir = target_dir();
    let path = dir.join("conformance.md");
    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, md)) {
        eprintln!("writing {}: {e}", path.display());
    }
    eprint!("{failures}");
    eprintln!(
        "matrix: {} ({:.1} s)",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    println!("{summary}");
    assert_eq!(fails, 0, "{fails} expectations not met:\n{failures}");
}

/// The grading itself: every way an expectation can be missed is a failure.
#[test]
fn unmet_expectations_are_failures() {
    use harness::{one, Expect, SQLITE};
    use sqlexpr::prelude::*;

    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let fx = fixture::Fx::new();
    let e = &fx.emp;
    let mut db = Db::Sqlite(sqlite());
    rt.block_on(async {
        setup(&mut db, &fx).await.expect("fixture");
        let count = || select([func::count_star()]).select_from(e);
        let grade = |case: Case| {
            let mut db = Db::Sqlite(sqlite());
            let fx = fixture::Fx::new();
            async move {
                setup(&mut db, &fx).await.expect("fixture");
                run_case(&mut db, &case).await
            }
        };
        assert_eq!(
            grade(Case::new("t", "right rows").rows(count(), one("5"))).await,
            Grade::Pass
        );
        let wrong = grade(Case::new("t", "wrong rows").rows(count(), one("6"))).await;
        assert!(matches!(wrong, Grade::Fail(_)), "{wrong:?}");
        let affected = grade(Case::new("t", "affected").exec(delete(e), 4)).await;
        assert!(matches!(affected, Grade::Fail(_)), "{affected:?}");
        let rejected = grade(Case::new("t", "rejected").rows(raw("SELECT nope"), one("1"))).await;
        assert!(matches!(rejected, Grade::Fail(_)), "{rejected:?}");
        let mut rows_not_unsupported = Case::new("t", "rows").rows(count(), one("5"));
        rows_not_unsupported.expect[SQLITE] = Expect::Unsupported("NOWAIT");
        let g = grade(rows_not_unsupported).await;
        assert!(matches!(g, Grade::Fail(_)), "{g:?}");
        let unsupported = Case::new("t", "lock").rows(
            count().lock(sqlexpr::stmt::Lock::update().nowait()),
            one("5"),
        );
        let g = grade(unsupported).await;
        assert!(matches!(g, Grade::Fail(_)), "{g:?}");
        let g = grade(
            Case::new("t", "lock")
                .rows(
                    count().lock(sqlexpr::stmt::Lock::update().nowait()),
                    one("5"),
                )
                .unsupported(SQLITE, "NOWAIT"),
        )
        .await;
        assert_eq!(g, Grade::Unsupported);
        // Unsupported for another feature than the one expected.
        let g = grade(
            Case::new("t", "lock")
                .rows(
                    count().lock(sqlexpr::stmt::Lock::update().nowait()),
                    one("5"),
                )
                .unsupported(SQLITE, "LATERAL"),
        )
        .await;
        assert!(matches!(g, Grade::Fail(_)), "{g:?}");
        // An integral float is not an integer.
        let float = || select([value(62.0f64)]);
        let g = grade(Case::new("t", "float").rows(float(), one("62"))).await;
        assert!(matches!(g, Grade::Fail(_)), "{g:?}");
        let g = grade(Case::new("t", "float").rows(float(), one("62.0"))).await;
        assert_eq!(g, Grade::Pass);
        let g = grade(Case::new("t", "int").rows(select([value(62)]), one("62"))).await;
        assert_eq!(g, Grade::Pass);
        // A statement that must be refused: a violation passes, an accepted
        // statement fails the case, and the case goes on after a refusal.
        let g = grade(
            Case::new("t", "rejects")
                .rejects(insert(e).value("id", 1).value("name", "dup"))
                .rows(count(), one("5")),
        )
        .await;
        assert_eq!(g, Grade::Pass);
        let g = grade(Case::new("t", "accepted").rejects(delete(e))).await;
        assert!(matches!(g, Grade::Fail(_)), "{g:?}");
        // A case's changes are rolled back.
        let g = grade(
            Case::new("t", "rolled back")
                .exec(delete(e), 5)
                .rows(count(), one("0")),
        )
        .await;
        assert_eq!(g, Grade::Pass);
        assert_eq!(
            run_case(
                &mut db,
                &Case::new("t", "still there").rows(count(), one("5"))
            )
            .await,
            Grade::Pass
        );
        assert_eq!(
            run_case(&mut db, &Case::new("t", "delete").exec(delete(e), 5)).await,
            Grade::Pass
        );
        assert_eq!(
            run_case(&mut db, &Case::new("t", "after").rows(count(), one("5"))).await,
            Grade::Pass
        );
    });
}
