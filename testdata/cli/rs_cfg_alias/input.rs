// cfg_if! picks a definition per target; an alias split that way is
// reported on its own target only (not as two rows for both targets)
macro_rules! dummy { () => {} }
cfg_if::cfg_if! {
    if #[cfg(target_arch = "x86_64")] {
        pub struct Group(u128);
        pub type Word = u64;
    } else if #[cfg(target_pointer_width = "64")] {
        pub struct Group(u64);
        pub type Word = u32;
    } else {
        pub struct Group(u8);
        pub type Word = u8;
    }
}
pub struct Uses { g: Group, w: Word }
