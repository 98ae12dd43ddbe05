mod a { pub mod b { pub struct Foo<T: ?Sized>(Box<T>, [u8; super::N]); } pub const N: usize = 3; }
use a::b::{self, Foo as F};
struct G(F<str>, b::Foo<[u8]>);
#[repr(u8)] enum E { A = 255, B(u16) = 3 }
