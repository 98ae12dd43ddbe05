// a repetition without its operator
macro_rules! m {
    ($($x:ident)) => {};
}
