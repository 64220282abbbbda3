//! mokuteki (目的) keeps a Japanese health insurance society's purposes of use of personal
//! information (個人情報の利用目的) in one file, `purposes.yaml`, and generates every document
//! that must show them: the public notice (HTML and Markdown), the 別表2 table of the
//! regulation (HTML and Markdown) and the mailing text, through Tera templates.
//!
//! To use it as a library, start from [`Project`]: a source from a path or a string,
//! checked, rendered in memory, or published. The pipeline behind it:
//! [`source::load`](mod@source::load) reads and checks the source and turns it into the one
//! form of the facts ([`source::normal`]), [`check`] lints it and renders every template in
//! memory ([`render::Renderer`]), [`build::publish`] writes the results atomically.

#![warn(missing_docs)]

pub mod build;
pub mod check;
pub mod cli;
pub mod compare;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod facts;
pub mod federation;
pub mod fs;
pub mod incremental;
pub mod init;
pub mod law;
pub mod lint;
pub mod output;
pub mod parallel;
pub mod project;
pub mod render;
pub mod schema;
pub mod serve;
pub mod source;
pub mod text;

pub use error::{Diagnostic, Error, Result};
pub use project::Project;
