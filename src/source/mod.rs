//! The source document, `purposes.yaml`: its schema, loading and checks.

pub mod document;
pub mod explain;
pub mod folded;
pub mod legal;
pub mod load;
pub mod meaning;
pub mod model;
pub mod normal;
pub mod scan;
pub mod shape;
pub mod shown;
pub mod text;
pub mod tree;
pub mod validate;
pub mod visit;

/// Dates as the source writes them; they are text helpers ([`crate::text::date`]).
pub use crate::text::date::{self, Date};
pub use load::{Loaded, load_bytes, load_file};
pub use model::Source;
