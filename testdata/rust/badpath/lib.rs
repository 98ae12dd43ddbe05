#[path = "nope.rs"]
mod x;
