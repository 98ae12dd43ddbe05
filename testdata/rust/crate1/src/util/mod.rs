use crate::ast::{self, Span as S};
use crate::renamed::*;

pub struct U {
    a: S,
    n: ast::Node,
    r: R,
}
