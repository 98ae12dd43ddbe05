struct A { x: <u8 as X>::Y }
enum B { X = 1 +, }
#[cfg(all(unix, any(target_arch = "x86_64", not(windows))))]
struct C(#[cfg(target_arch = "aarch64")] u64, u8);
/* unterminated