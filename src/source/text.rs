//! The text of a field, with its place in the file.

use serde_saphyr::Spanned;

/// A text from the source, with the place in `purposes.yaml` it was read from.
pub type Text = Spanned<String>;
