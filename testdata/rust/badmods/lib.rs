mod nofile;
mod both;
pub struct Ok1;
