// size_of/align_of, comparisons and bool in array lengths and constants
use core::mem::{self, align_of, size_of};
use core::ptr::NonNull;
const PTR_BYTES: usize = mem::size_of::<NonNull<u8>>();
const TAIL_BYTES: usize = 8 * (PTR_BYTES < 8) as usize - PTR_BYTES * (PTR_BYTES < 8) as usize;
const SMALL: bool = size_of::<usize>() < 8 && !(align_of::<u64>() != 8) || false;
#[repr(C, align(8))]
pub struct Identifier { head: NonNull<u8>, tail: [u8; TAIL_BYTES] }
pub struct A([u8; std::mem::size_of::<Option<Identifier>>()], [u16; SMALL as usize]);
pub struct K<const N: usize>([u8; N]);
pub struct B(K<{ ::core::mem::align_of::<(u8, u64)>() * 2 }>, [u8; (1 <= 2) as usize]);
pub struct Q { a: u64 }
impl Q { const N: usize = size_of::<Self>(); }
pub struct C([u8; Q::N]);
pub struct Cyc([u8; size_of::<Cyc>()]);
pub struct D([u8; size_of::<str>()], [u8; size_of::<u8>() - 2]);
