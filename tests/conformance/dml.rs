//! Cases.

use super::fixture::Fx;
use super::harness::*;

pub fn cases(_fx: &Fx) -> Vec<Case> {
    Vec::new()
}
