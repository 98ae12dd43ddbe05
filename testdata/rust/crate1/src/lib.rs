//! Fixture crate for tests/unit/test_front_rust_scope.c: module files
//! (name.rs, name/mod.rs, #[path]), use imports of every form, cfg'd
//! modules, constants and associated constants.
#![allow(dead_code)]

pub mod ast;
mod util;
#[path = "other_name.rs"]
mod renamed;
#[cfg(windows)]
mod missing_on_linux;

pub use ast::Span;
use std::collections::HashMap as Map;

pub const LEN: usize = 4 * 4;

pub struct Root {
    pub span: Span,
    pub node: ast::Node,
    pub u: util::U,
    pub r: renamed::R,
    pub buf: [u8; LEN],
    pub inline: [u8; Inline::MAX],
    pub map: Map<u32, u32>,
}

pub struct Inline([u8; Inline::MAX], u8);

impl Inline {
    pub const MAX: usize = 15;
    const TWICE: usize = Self::MAX * 2;
    pub fn new() -> Self {
        Inline([0; Inline::MAX], 0)
    }
}
