// a macro of another crate in a type: its expansion is unknown
pub struct S {
    pub f: other_crate::ty!(),
}
