// two variables of one repetition repeat a different number of times
macro_rules! m {
    ($($x:ident)* ; $($y:ident)*) => {
        $(struct $x($y);)*
    };
}

m!(a b ; c);
