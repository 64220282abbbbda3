//! The manifest: which files in the output folder mokuteki wrote.
//!
//! mokuteki overwrites a file only if the manifest lists it, so it never replaces a file
//! that a person put into the output folder.

use std::collections::BTreeSet;
use std::path::Path;

use crate::error::{Error, Result};

/// The manifest's file name in the output folder.
pub const FILE_NAME: &str = ".mokuteki-manifest";

const HEADER: &str = "# Files written by mokuteki. It replaces only these; do not edit.\n";

/// The set of `/`-separated paths, relative to the output folder, that mokuteki wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The paths, sorted.
    pub paths: BTreeSet<String>,
}

impl Manifest {
    /// Reads the manifest of `out_dir`; an empty one if there is none.
    pub fn read(out_dir: &Path) -> Result<Manifest> {
        let path = out_dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Manifest::default());
            }
            Err(source) => return Err(Error::Read { path, source }),
        };
        let paths = text
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(str::to_owned)
            .collect();
        Ok(Manifest { paths })
    }

    /// The manifest as file content, in a stable order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = String::from(HEADER);
        for path in &self.paths {
            text.push_str(path);
            text.push('\n');
        }
        text.into_bytes()
    }
}
