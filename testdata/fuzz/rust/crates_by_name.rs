extern crate dep_lib as dl;
use dep_lib::Wide;
pub struct Uses {
    pub w: Wide,
    pub o: dl::inner::Other,
    pub x: dep_lib::other::Wide,
}
pub mod dl_alias {
    pub use ::dep_lib::Wide as W;
}
pub struct Uses2(pub dl_alias::W, pub Option<Box<dep_lib::Wide>>);
