// a repetition in a transcriber needs a variable that repeats
macro_rules! m {
    ($x:ident) => {
        $(struct $x;)*
    };
}

m!(a);
