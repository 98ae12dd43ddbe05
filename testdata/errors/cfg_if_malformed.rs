// cfg_if! takes `if #[cfg(..)] { .. } else ...`; anything else is an error
cfg_if::cfg_if! {
    if #[cfg(unix)] { pub struct A(u8); }
    else if cfg(windows) { pub struct B(u8); }
}
