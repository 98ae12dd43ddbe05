pub struct Included(u32);

macro_rules! file_macro {
    ($name:ident) => {
        pub struct $name(u8);
    };
}
