#![recursion_limit = "100000"]
macro_rules! deep { () => {}; (x $($r:tt)*) => { deep!{$($r)*} const _: () = (); }; }
deep!{ x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x }
include!("nope.rs");
include!(concat!(env!("OUT_DIR"), "/gen.rs"));
macro_rules! nest { () => { nest!{} struct X; }; }
nest!{}
