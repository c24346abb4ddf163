pub use access_key_derive::*;
