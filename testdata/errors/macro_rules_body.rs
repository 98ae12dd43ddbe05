// the name of a macro_rules! definition must be followed by its rules
macro_rules! m;
