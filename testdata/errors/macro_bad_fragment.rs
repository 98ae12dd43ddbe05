// `type` is not a fragment specifier (`ty` is)
macro_rules! m {
    ($x:type) => {};
}
