// a rule must end with a delimited transcriber
macro_rules! m {
    () => x
}
