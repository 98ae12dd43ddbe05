// size_of errors found while loading and resolving
use core::mem::size_of;
pub enum E { X = size_of::<u8>() as isize }
const F: usize = f(1) + size_of();
pub struct UsesF([u8; F]);
pub struct G<T>([u8; size_of::<T>()], T);
pub struct H([u8; 1 < 2 < 3]);
