// a rule must start with a delimited matcher
macro_rules! m {
    x => {}
}
