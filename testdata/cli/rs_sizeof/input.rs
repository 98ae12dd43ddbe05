// Array lengths that use size_of/align_of, evaluated per target
// (semver 1.0.14's Identifier; numbers checked with rustc 1.95).
use core::mem::{self, size_of};
use core::ptr::NonNull;

const PTR_BYTES: usize = mem::size_of::<NonNull<u8>>();
const TAIL_BYTES: usize = 8 * (PTR_BYTES < 8) as usize - PTR_BYTES * (PTR_BYTES < 8) as usize;

#[repr(C, align(8))]
pub struct Identifier {
    head: NonNull<u8>,
    tail: [u8; TAIL_BYTES],
}

pub struct Inline {
    len: u8,
    bytes: [u8; 2 * size_of::<usize>() - 1],
}

pub struct Words([u16; 16 / size_of::<usize>()], [u8; (size_of::<Option<&u8>>() == 8) as usize]);
