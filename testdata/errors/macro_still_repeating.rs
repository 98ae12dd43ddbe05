// $x repeats in the matcher but not in the transcriber
macro_rules! m {
    ($($x:ident)*) => {
        struct S($x);
    };
}

m!(a b);
