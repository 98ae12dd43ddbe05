// a rule without its arrow
macro_rules! m {
    () {}
}
