use super::Span;
use super::super::LEN as L;

pub struct Detail {
    s: Span,
    k: self::Kind,
    w: [u16; L],
}

pub enum Kind {
    A,
    B,
}
