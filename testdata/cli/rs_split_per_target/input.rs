pub struct A {
  #[cfg(target_arch = "x86_64")] pub x: u64,
  pub y: u8,
}
