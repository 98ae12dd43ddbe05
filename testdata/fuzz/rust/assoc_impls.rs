#![allow(dead_code)]
use std::iter::*;
pub struct M<I: Iterator> { it: I, cur: Option<I::Item> }
pub struct It(u32);
impl Iterator for It { type Item = u64; fn next(&mut self) -> Option<u64> { None } }
pub struct UsesM(M<It>);
mod map {
    pub struct Map { v: Vec<(String, u8)> }
    pub struct IntoIter { it: std::vec::IntoIter<(String, u8)> }
    impl Iterator for IntoIter { type Item = (String, u8); fn next(&mut self) -> Option<(String, u8)> { None } }
    impl IntoIterator for Map { type Item = (String, u8); type IntoIter = IntoIter; fn into_iter(self) -> IntoIter { todo!() } }
    impl<'a> IntoIterator for &'a Map { type Item = &'a (String, u8); type IntoIter = std::slice::Iter<'a, (String, u8)>; fn into_iter(self) -> Self::IntoIter { todo!() } }
}
pub struct Q<'a> { a: <map::Map as IntoIterator>::IntoIter, b: <&'a map::Map as IntoIterator>::IntoIter, x: u8 }
pub struct W<T: Iterator>(M<T>, Box<W<T>>);
pub struct UsesW(W<It>);
pub struct P(Peekable<std::vec::IntoIter<char>>);
fn main() {
    println!("UsesM {}", std::mem::size_of::<UsesM>());
    println!("Q {}", std::mem::size_of::<Q>());
    println!("UsesW {}", std::mem::size_of::<UsesW>());
    println!("P {}", std::mem::size_of::<P>());
}
