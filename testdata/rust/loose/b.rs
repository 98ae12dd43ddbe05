pub struct B(u8, u16);
