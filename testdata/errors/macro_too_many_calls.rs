// 2^20 invocations: more than a crate may expand
macro_rules! m0 { () => { const _: () = (); }; }
macro_rules! m1 { () => { m0!{} m0!{} }; }
macro_rules! m2 { () => { m1!{} m1!{} }; }
macro_rules! m3 { () => { m2!{} m2!{} }; }
macro_rules! m4 { () => { m3!{} m3!{} }; }
macro_rules! m5 { () => { m4!{} m4!{} }; }
macro_rules! m6 { () => { m5!{} m5!{} }; }
macro_rules! m7 { () => { m6!{} m6!{} }; }
macro_rules! m8 { () => { m7!{} m7!{} }; }
macro_rules! m9 { () => { m8!{} m8!{} }; }
macro_rules! m10 { () => { m9!{} m9!{} }; }
macro_rules! m11 { () => { m10!{} m10!{} }; }
macro_rules! m12 { () => { m11!{} m11!{} }; }
macro_rules! m13 { () => { m12!{} m12!{} }; }
macro_rules! m14 { () => { m13!{} m13!{} }; }
macro_rules! m15 { () => { m14!{} m14!{} }; }
macro_rules! m16 { () => { m15!{} m15!{} }; }
macro_rules! m17 { () => { m16!{} m16!{} }; }
macro_rules! m18 { () => { m17!{} m17!{} }; }
macro_rules! m19 { () => { m18!{} m18!{} }; }
macro_rules! m20 { () => { m19!{} m19!{} }; }
m20! {}
