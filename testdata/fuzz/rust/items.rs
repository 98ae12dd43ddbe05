//! crate docs
#![allow(dead_code)]
use std::collections::{HashMap, BTreeMap as BM};
use crate::inner::*;

/// A point
#[derive(Debug, Clone)]
#[repr(C)]
pub struct Point { pub x: f64, pub(crate) y: f64 }

pub(crate) struct Pair(u8, pub u32);
struct Unit;

#[repr(u8)]
enum E { A = 1, B(u8) = 2, C { x: u16 } = 3 << 1, #[cfg(windows)] W, }

union U { a: u32, b: f32 }

type Alias<T> = Vec<T>;

const LEN: usize = 4 * 16;
const NAME: &str = "x";

struct Gen<'a, T: ?Sized + 'a, const N: usize, U = u8> where T: Clone, U: ?Sized {
    r: &'a T,
    a: [U; N],
    #[cfg(target_arch = "x86_64")]
    x86: u64,
    f: extern "C" fn(i32) -> i32,
    p: *const u8,
}

impl Point { fn new() -> Self { Point { x: 0.0, y: 0.0 } } }
fn helper<T>(x: T) -> T where T: Copy { x }
trait Tr { type A; fn f(&self); }
macro_rules! m { ($x:ident) => { struct $x; } }
m!(Foo);
static S: u32 = 3;
extern "C" { fn puts(s: *const u8) -> i32; }
mod inner {
    pub struct In { v: super::Point }
    #[cfg(target_arch = "aarch64")]
    pub struct ArmOnly(u8);
}
#[cfg_attr(target_arch = "x86_64", repr(align(64)))]
#[cfg_attr(not(target_arch = "x86_64"), repr(align(128)))]
struct Padded(u64);
struct Tup(#[cfg(feature = "x")] u8, u16);
