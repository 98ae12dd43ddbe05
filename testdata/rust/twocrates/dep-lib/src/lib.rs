pub mod inner;
pub use crate::inner::Wide;
pub mod other {
    pub struct Wide(pub u16); // same name: only paths tell them apart
}
