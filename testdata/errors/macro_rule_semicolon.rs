// rules are separated by semicolons
macro_rules! m {
    () => {} x
}
