cfg_if::cfg_if! {
    if #[cfg(target_arch = "x86_64")] {
        pub struct Group(u128);
    } else if #[cfg(target_pointer_width = "64")] {
        pub struct Group(u64);
        pub struct OnlyArm(u8);
    } else {
        pub struct Group(u8);
    }
}
cfg_if! { if #[cfg(feature = "off")] { pub struct Feat(u8); } }
pub struct Uses(Group);
