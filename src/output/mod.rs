//! Writing outputs: atomically, and never over a file mokuteki did not write.

pub mod manifest;
pub mod write;
