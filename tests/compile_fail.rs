//! Compile-fail tests of the typed table declaration (`table!`): misspelt
//! columns, bad declarations, and values of the wrong Rust type in
//! comparisons, INSERT values and UPDATE assignments.

#[test]
fn compile_fail() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
