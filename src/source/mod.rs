//! The source document, `purposes.yaml`: its schema, loading and checks.

pub mod date;
pub mod document;
pub mod explain;
pub mod legal;
pub mod load;
pub mod model;
pub mod normal;
pub mod scan;
pub mod shape;
pub mod tree;
pub mod validate;
pub mod visit;

pub use date::Date;
pub use load::{Loaded, load_bytes, load_file};
pub use model::Source;
