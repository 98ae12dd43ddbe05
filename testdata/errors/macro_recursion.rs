// a macro that invokes itself for ever
macro_rules! again {
    () => {
        again! {}
    };
}

again! {}
