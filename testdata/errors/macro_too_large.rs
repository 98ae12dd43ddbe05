// each expansion doubles the tokens it is given
macro_rules! double {
    ($($t:tt)*) => {
        double! { $($t)* $($t)* }
    };
}

double! { x }
