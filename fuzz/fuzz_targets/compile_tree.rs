//! Arbitrary statement trees compile for every dialect without panicking;
//! what compiles has one placeholder per parameter and parses with
//! sqlparser's matching dialect.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sqlexpr_fuzz::ast::{FSelect, Schema};
use sqlexpr_fuzz::check::check_statement;

fuzz_target!(|input: FSelect| {
    let schema = Schema::new();
    let stmt = schema.select(&input);
    check_statement(&stmt);
});
