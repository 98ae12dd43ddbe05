// a macro in a type that expands to itself
macro_rules! t { () => { t!() }; }
pub struct R { f: t!() }
pub struct After(u8);
