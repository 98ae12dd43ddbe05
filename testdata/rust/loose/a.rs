pub struct A {
    b: B,
}
