pub struct Wide {
    pub a: u64,
    pub b: u8,
}
pub struct Other(pub [u8; 3]);
