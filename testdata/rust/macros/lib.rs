// include!("file") reads the file's items where it stands: into module
// `inc`, whose #[macro_use] keeps the file's macro for the crate root.
#[macro_use]
pub mod inc {
    include!("inc_items.rs");
}

file_macro!(FromFileMacro);
