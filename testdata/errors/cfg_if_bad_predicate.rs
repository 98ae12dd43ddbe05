// a malformed predicate inside cfg_if! is the cfg parser's error
cfg_if! {
    if #[cfg(target_arch = )] { pub struct A(u8); }
}
