// an invocation of a macro of this crate that no rule matches
macro_rules! make {
    ($name:ident) => {
        pub struct $name(u8);
    };
}

make!(1);
