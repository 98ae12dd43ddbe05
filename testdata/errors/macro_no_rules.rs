// a macro must have a rule
macro_rules! m {}
