// Types made by the crate's own macro_rules! macros (url's
// simple_enum_error!, http's standard_headers!), laid out like any other.
use std::fmt;

macro_rules! simple_enum_error {
    ($($name: ident => $description: expr,)+) => {
        /// Errors that can occur during parsing.
        #[derive(PartialEq, Eq, Clone, Copy, Debug)]
        pub enum ParseError {
            $(
                $name,
            )+
        }

        impl fmt::Display for ParseError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match *self {
                    $(ParseError::$name => f.write_str($description),)+
                }
            }
        }
    }
}

simple_enum_error! {
    EmptyHost => "empty host",
    IdnaError => "invalid international domain name",
    InvalidPort => "invalid port number",
}

macro_rules! record {
    ($(#[$m:meta])* $name:ident { $($field:ident: $t:ty),* $(,)? }) => {
        $(#[$m])*
        pub struct $name {
            $(pub $field: $t,)*
        }
    };
}

record! {
    /// A parse error and where it happened.
    #[repr(C)]
    Located { error: ParseError, line: u32, context: Option<Box<str>> }
}

pub type ParseResult<T> = Result<T, ParseError>;
pub struct Parsed(ParseResult<u16>);
