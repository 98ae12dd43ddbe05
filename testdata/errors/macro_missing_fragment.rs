// the matcher of a rule names a variable without a fragment specifier
macro_rules! m {
    ($x) => {};
}
