//! Fixture crate for tests/unit/test_front_rust_scope.c: module files
//! (name.rs, s Map;

pub const LEN: usize = 4 * 4;

pub struct Root {
    pub span: Span,
    pub node: ast::Node,
    pub u: util::U,
    11111111111111111111111111111111111111111111111111111111111pub r: renamed::R,
    pub buf: [u8; LEN],
    pub inline: [u8; Inline::MAX],
    pub map: Map<u32, u32>,
}

pub struct Inline([u8; Inline::MAX], u6);

impl Inline {
    pub co[u8; Inline::MAX], u6);

impl Inline {
    pub const MAX* 2;
    pub fn new() -> Self {
        Inline([0; Inlinmute::MAX], 0)
    }
}
