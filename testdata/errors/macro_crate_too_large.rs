// 2^8 expansions of 2^16 tokens each: more than a crate may expand
macro_rules! d16 { ($($t:tt)*) => { const _: () = { $($t)* }; }; }
macro_rules! d15 { ($($t:tt)*) => { d16!{$($t)* $($t)*} }; }
macro_rules! d14 { ($($t:tt)*) => { d15!{$($t)* $($t)*} }; }
macro_rules! d13 { ($($t:tt)*) => { d14!{$($t)* $($t)*} }; }
macro_rules! d12 { ($($t:tt)*) => { d13!{$($t)* $($t)*} }; }
macro_rules! d11 { ($($t:tt)*) => { d12!{$($t)* $($t)*} }; }
macro_rules! d10 { ($($t:tt)*) => { d11!{$($t)* $($t)*} }; }
macro_rules! d9 { ($($t:tt)*) => { d10!{$($t)* $($t)*} }; }
macro_rules! d8 { ($($t:tt)*) => { d9!{$($t)* $($t)*} }; }
macro_rules! d7 { ($($t:tt)*) => { d8!{$($t)* $($t)*} }; }
macro_rules! d6 { ($($t:tt)*) => { d7!{$($t)* $($t)*} }; }
macro_rules! d5 { ($($t:tt)*) => { d6!{$($t)* $($t)*} }; }
macro_rules! d4 { ($($t:tt)*) => { d5!{$($t)* $($t)*} }; }
macro_rules! d3 { ($($t:tt)*) => { d4!{$($t)* $($t)*} }; }
macro_rules! d2 { ($($t:tt)*) => { d3!{$($t)* $($t)*} }; }
macro_rules! d1 { ($($t:tt)*) => { d2!{$($t)* $($t)*} }; }
macro_rules! d0 { ($($t:tt)*) => { d1!{$($t)* $($t)*} }; }
macro_rules! w0 { () => { d0!{x} }; }
macro_rules! w1 { () => { w0!{} w0!{} }; }
macro_rules! w2 { () => { w1!{} w1!{} }; }
macro_rules! w3 { () => { w2!{} w2!{} }; }
macro_rules! w4 { () => { w3!{} w3!{} }; }
macro_rules! w5 { () => { w4!{} w4!{} }; }
macro_rules! w6 { () => { w5!{} w5!{} }; }
macro_rules! w7 { () => { w6!{} w6!{} }; }
macro_rules! w8 { () => { w7!{} w7!{} }; }
w8! {}
