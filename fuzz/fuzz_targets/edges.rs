//! Identifiers, values and parameter counts at the edges of each engine's
//! limits, compiled by sqlexpr and run on SQLite, PostgreSQL and MariaDB:
//! what sqlexpr accepts, the server must run, and read back unchanged (see
//! `sqlexpr_fuzz::edges`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sqlexpr_fuzz::edges::{check, Input};

fuzz_target!(|input: Input| {
    check(&input);
});
