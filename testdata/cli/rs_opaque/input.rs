pub struct Tok { pub span: proc_macro2::Span, pub kind: u8 }
