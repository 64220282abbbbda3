//! The JSON Schema of `purposes.yaml`, generated from the Rust types of the source model so
//! that it cannot drift from what the loader accepts.

use crate::source::Source;

/// The schema as pretty-printed JSON, with a final newline.
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(Source);
    schema.insert(
        "title".to_owned(),
        "purposes.yaml (mokuteki): 個人情報の利用目的".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
