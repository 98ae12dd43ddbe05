pub struct R(pub u64);
