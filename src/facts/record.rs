//! The record a build keeps beside its outputs of what it published: the catalogue of the
//! published facts and the documents written, as canonical JSON (`purposes.json`).
//!
//! The next build reads it back to judge what it is about to publish (see
//! [`super::guard`]); as open data, it is the purposes in a form a program can read.

use serde::{Deserialize, Serialize};

use super::catalogue::Catalogue;
use crate::render::Output;
use crate::source::Source;

/// The record's file name in the output folder.
pub const FILE_NAME: &str = "purposes.json";

/// The version of the record's layout; a record of another version is not compared.
pub const FORMAT: u32 = 1;

/// What a build published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The record's layout, [`FORMAT`].
    pub format: u32,
    /// The published facts.
    pub catalogue: Catalogue,
    /// The documents written, as paths relative to the output folder, sorted.
    pub documents: Vec<String>,
}

impl Record {
    /// The record of `source` published as `outputs` (the record itself left out).
    pub fn of(source: &Source, outputs: &[Output]) -> Record {
        let mut documents: Vec<String> = outputs
            .iter()
            .map(|o| o.path.clone())
            .filter(|p| p != FILE_NAME)
            .collect();
        documents.sort();
        Record {
            format: FORMAT,
            catalogue: Catalogue::of(source),
            documents,
        }
    }

    /// The record as the output `purposes.json`: pretty-printed JSON, keys in the order of
    /// the types, one final newline, so the same facts give the same bytes.
    pub fn to_output(&self) -> Output {
        let mut content =
            serde_json::to_vec_pretty(self).expect("the record serializes: plain data only");
        content.push(b'\n');
        Output {
            path: FILE_NAME.to_owned(),
            content,
        }
    }

    /// Reads a record back; the reason it cannot be read, if it cannot.
    pub fn parse(bytes: &[u8]) -> Result<Record, String> {
        #[derive(Deserialize)]
        struct Version {
            format: u32,
        }
        let version: Version = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if version.format != FORMAT {
            return Err(format!(
                "format {} (this mokuteki reads format {FORMAT})",
                version.format
            ));
        }
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}
