//! Writing outputs: atomically, and never over a file mokuteki did not write.

pub mod changes;
pub mod create;
pub mod diff;
pub mod folder;
pub mod guard;
pub mod lock;
pub mod manifest;
pub mod plan;
pub mod sha256;
pub mod write;
