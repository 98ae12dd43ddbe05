//! macro_rules! at item position: repetitions, arms, fragments, scope
#![recursion_limit = "200"]
macro_rules! simple_enum_error {
    ($($name: ident => $description: expr,)+) => {
        /// docs
        #[derive(Debug)]
        pub enum ParseError { $($name,)+ }
        impl fmt::Display for ParseError {
            fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
                match *self { $(ParseError::$name => f.write_str($description),)+ }
            }
        }
    }
}
simple_enum_error! { EmptyHost => "empty host", Overflow => "too big", }
macro_rules! standard_headers {
    ($($(#[$docs:meta])* ($konst:ident, $upcase:ident, $name_bytes:literal);)+) => {
        enum StandardHeader { $($konst,)+ }
        $($(#[$docs])* pub const $upcase: u8 = 0;)+
    }
}
standard_headers! {
    /// Accept
    (Accept, ACCEPT, b"accept");
    /** block */ (Age, AGE, b"age");
}
macro_rules! pick {
    (@unit $n:ident) => { struct $n; };
    ($v:vis $n:ident <$l:lifetime> $($f:ident : $t:ty),* $(,)?) => { $v struct $n<$l> { $($f: $t),* } };
    ($e:expr ; $n:ident) => { const $n: usize = $e * 2; };
    ($n:ident $($rest:tt)*) => { struct $n([u8; 3]); };
}
pick!(@unit U);
pick!(pub W<'a> a: Vec<Option<u8>>, b: &'a [u8], c: [u16; 3], d: fn(u8) -> u8,);
pick!(1 + 2; SIX);
pick!(B extra tokens);
pub struct Arr([u8; SIX]);
macro_rules! consts { () => {}; ($n:ident = $v:expr, $($rest:tt)*) => { pub const $n: usize = $v; consts!($($rest)*); }; }
consts! { A = 1, B2 = A + 1, C = B2 * 2, }
#[macro_use]
mod shown { macro_rules! vis { ($t:ty) => { pub struct Vis($t); }; } }
vis!(Option<Box<u8>>);
mod exp { #[macro_export] macro_rules! Token { [as] => { $crate::As }; } }
pub struct As(u32);
pub struct Cast { pub t: Token![as], pub o: Option<Token![as]> }
#[cfg(target_arch = "x86_64")] pick!(@unit OnlyX86);
#[cfg(any())] pick!(does not match anything at all);
macro_rules! maker { ($name:ident, $t:ty) => { macro_rules! $name { ($s:ident) => { struct $s($t); }; } }; }
maker!(make_u16, u16);
make_u16!(Made);
bitflags! { pub struct Flags: u32 { const A = 1; } }
