// macro errors: each is reported and the rest of the file still read
macro_rules! m { ($x:ident) => { struct $x; }; }
m!(1);
macro_rules! bad1 { ($x) => {}; }
macro_rules! bad2 { ($x:type) => {}; }
macro_rules! bad3 { ($($x:ident)) => {}; }
macro_rules! bad4 {}
macro_rules! bad5 { () {} }
macro_rules! bad6 { () => {} x }
macro_rules! rep { ($($x:ident)*) => { struct S($x); }; }
rep!(a b);
macro_rules! norep { ($x:ident) => { $(struct $x;)* }; }
norep!(a);
macro_rules! mism { ($($x:ident)* ; $($y:ident)*) => { $(struct $x($y);)* }; }
mism!(a b ; c);
macro_rules! body { ($t:tt) => { struct Q { x: $t } }; }
body!(7);
pub struct T { f: other::ty!() }
macro_rules! dbl { ($($t:tt)*) => { dbl! { $($t)* $($t)* } }; }
dbl! { x }
pub struct Kept(u8);
macro_rules! again { () => { again! {} }; }
again! {}
