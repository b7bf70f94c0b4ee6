//! Arbitrary strings, bytes and floats written as inline literals, and
//! strings written as identifiers, read back (sqlparser's tokenizer) as
//! exactly one literal or identifier equal to the input.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sqlexpr_fuzz::check::{check_bytes, check_float, check_identifier, check_string};

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    bytes: Vec<u8>,
    float: f64,
    ident: String,
}

fuzz_target!(|input: Input| {
    for (target, d, pd) in sqlexpr_fuzz::dialects() {
        check_string(target, &*d, &*pd, &input.text);
        check_bytes(target, &*d, &*pd, &input.bytes);
        check_float(target, &*d, &*pd, input.float);
        check_identifier(&*d, &*pd, &input.ident);
        check_identifier(&*d, &*pd, &input.text);
    }
});
