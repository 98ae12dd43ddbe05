// include! needs a file, not a directory
include!(".");
