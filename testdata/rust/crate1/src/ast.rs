pub mod detail;

#[derive(Clone, Copy)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

pub struct Node {
    pub span: crate::ast::Span,
    pub d: detail::Detail,
}
