//! Incremental builds: a build whose inputs have not changed since the last one renders
//! nothing and writes nothing.
//!
//! The manifest records a fingerprint of everything the outputs depend on: mokuteki's
//! version, the source's bytes, the terminology lists (the built-in one and `terms.yaml`
//! beside the source), every template by name and content (built in or the user's, so a
//! template added to or removed from the folder counts), and the flags that change the
//! outputs (`--width`, `--encoding`). A build is skipped when its fingerprint is the
//! manifest's, every file the manifest lists still holds what was written, and the mokuteki
//! program is not newer than the manifest (a rebuilt mokuteki of the same version may
//! render differently). The fingerprint names no path and no time, so the manifest stays
//! the same on every machine.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::build::BuildOptions;
use crate::error::Result;
use crate::fs::Links;
use crate::lint;
use crate::output::folder::{Missing, OutputFolder};
use crate::output::manifest::{self, Manifest};
use crate::output::sha256;
use crate::render::mailing::Overrides;
use crate::render::templates::{self, Template};
use crate::source::model::TextEncoding;

/// The SHA-256 digest of a group of inputs (the templates, the terminology lists), which
/// the sources of a federation share and digest once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digest32(pub [u8; 32]);

/// The digest of a set of templates: each one's name and content, in name order.
pub fn templates_digest(templates: &[Template]) -> Digest32 {
    let mut hasher = Sha256::new();
    field(&mut hasher, b"templates", &templates.len().to_le_bytes());
    for template in templates {
        field(&mut hasher, b"name", template.name.as_bytes());
        field(&mut hasher, b"content", template.content.as_bytes());
    }
    Digest32(hasher.finalize().into())
}

/// The digest of the templates a build with the folder `dir` uses (read from disk).
pub fn templates_digest_of(dir: Option<&Path>) -> Result<Digest32> {
    Ok(templates_digest(&templates::load(dir)?))
}

/// The digest of the terminology lists a source at `source` is linted with: the built-in
/// list and `terms.yaml` beside the source, or its absence.
pub fn terms_digest(source: &Path, links: Links) -> Result<Digest32> {
    let mut hasher = Sha256::new();
    field(
        &mut hasher,
        b"built-in terms",
        lint::BUILT_IN_TERMS.as_bytes(),
    );
    let user = source
        .parent()
        .unwrap_or(Path::new(""))
        .join(lint::USER_TERMS_FILE);
    if crate::fs::is_file_with(&user, links) {
        field(&mut hasher, b"terms", &crate::fs::read_with(&user, links)?);
    } else {
        field(&mut hasher, b"no terms", b"");
    }
    Ok(Digest32(hasher.finalize().into()))
}

/// The fingerprint of a build (64 lowercase hex digits), reading its inputs from disk.
pub fn fingerprint(options: &BuildOptions) -> Result<String> {
    let templates = templates_digest_of(options.templates.as_deref())?;
    let terms = terms_digest(&options.source, options.links)?;
    fingerprint_with(options, templates, terms)
}

/// The fingerprint of a build whose templates and terminology lists were digested already.
pub fn fingerprint_with(
    options: &BuildOptions,
    templates: Digest32,
    terms: Digest32,
) -> Result<String> {
    let source = crate::fs::read_with(&options.source, options.links)?;
    let inputs = Inputs {
        version: env!("CARGO_PKG_VERSION"),
        source: &source,
        templates,
        terms,
        mailing: options.mailing,
    };
    Ok(inputs.fingerprint())
}

/// Everything a fingerprint covers.
struct Inputs<'a> {
    version: &'a str,
    source: &'a [u8],
    templates: Digest32,
    terms: Digest32,
    mailing: Overrides,
}

impl Inputs<'_> {
    fn fingerprint(&self) -> String {
        let mut hasher = Sha256::new();
        field(&mut hasher, b"mokuteki", self.version.as_bytes());
        field(&mut hasher, b"source", self.source);
        field(&mut hasher, b"terms", &self.terms.0);
        field(&mut hasher, b"templates", &self.templates.0);
        let width = self.mailing.width.map_or(0, |w| w as u64 + 1);
        field(&mut hasher, b"width", &width.to_le_bytes());
        let encoding: &[u8] = match self.mailing.encoding {
            None => b"",
            Some(TextEncoding::Utf8) => b"utf-8",
            Some(TextEncoding::ShiftJis) => b"shift_jis",
        };
        field(&mut hasher, b"encoding", encoding);
        let digest: [u8; 32] = hasher.finalize().into();
        hex(&digest)
    }
}

/// The outputs listed in the manifest of `options`' output folder when a build with
/// `fingerprint` can be skipped: the manifest records that fingerprint, every listed file
/// still holds what was written, and the mokuteki program is not newer than the manifest.
/// `None` when the build must run (including when anything cannot be read, or the manifest
/// could have been written by someone else: the build then says why, or restores what it
/// finds edited). Everything is read as the build reads it: through the open output folder,
/// never through a link.
pub fn up_to_date(options: &BuildOptions, fingerprint: &str) -> Option<Vec<String>> {
    let (named, below) = options.out_location();
    let mut folder = OutputFolder::open(named, below, Missing::Absent).ok()??;
    let file = folder.root().open_regular(manifest::FILE_NAME).ok()??;
    let meta = file.metadata().ok()?;
    if !manifest::vouches(&meta) {
        return None;
    }
    let written_at = meta.modified().ok()?;
    let bytes =
        std::io::read_to_string(std::io::Read::take(file, crate::fs::MAX_FILE_BYTES)).ok()?;
    let manifest = Manifest::parse(&bytes).ok()?;
    if manifest.fingerprint.as_deref() != Some(fingerprint)
        || manifest::program_is_newer(written_at)
    {
        return None;
    }
    let mut files = Vec::with_capacity(manifest.files.len());
    for (relative, hash) in manifest.files {
        let content = folder.read(&relative).ok()??;
        if hash.as_deref() != Some(sha256::hex(&content).as_str()) {
            return None;
        }
        files.push(relative);
    }
    Some(files)
}

/// Feeds one named field to the hasher, each part prefixed with its length, so that no two
/// different sets of inputs give the same stream of bytes.
fn field(hasher: &mut Sha256, name: &[u8], value: &[u8]) {
    hasher.update((name.len() as u64).to_le_bytes());
    hasher.update(name);
    hasher.update((value.len() as u64).to_le_bytes());
    hasher.update(value);
}

fn hex(digest: &[u8; 32]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(64);
    for byte in digest {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 15)] as char);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> Inputs<'static> {
        Inputs {
            version: "1.0.0",
            source: b"organization: {}\n",
            templates: Digest32([1; 32]),
            terms: Digest32([2; 32]),
            mailing: Overrides::default(),
        }
    }

    #[test]
    fn every_input_changes_the_fingerprint() {
        let base = inputs().fingerprint();
        assert_eq!(base, inputs().fingerprint());
        assert_eq!(base.len(), 64);
        let changed = [
            Inputs {
                version: "1.0.1",
                ..inputs()
            },
            Inputs {
                source: b"organization: {}\n\n",
                ..inputs()
            },
            Inputs {
                templates: Digest32([3; 32]),
                ..inputs()
            },
            Inputs {
                terms: Digest32([3; 32]),
                ..inputs()
            },
            Inputs {
                mailing: Overrides {
                    width: Some(30),
                    encoding: None,
                },
                ..inputs()
            },
            Inputs {
                mailing: Overrides {
                    width: None,
                    encoding: Some(TextEncoding::ShiftJis),
                },
                ..inputs()
            },
            Inputs {
                mailing: Overrides {
                    width: None,
                    encoding: Some(TextEncoding::Utf8),
                },
                ..inputs()
            },
        ];
        for (index, inputs) in changed.iter().enumerate() {
            assert_ne!(inputs.fingerprint(), base, "input {index}");
        }
    }

    #[test]
    fn a_template_added_removed_renamed_or_edited_changes_the_digest() {
        let template = |name: &str, content: &str| Template {
            name: name.to_owned(),
            content: content.to_owned(),
            origin: templates::Origin::BuiltIn,
        };
        let base = templates_digest(&[template("a.tera", "x"), template("b.tera", "y")]);
        for other in [
            vec![template("a.tera", "x")],
            vec![
                template("a.tera", "x"),
                template("b.tera", "y"),
                template("c.tera", ""),
            ],
            vec![template("a.tera", "x"), template("c.tera", "y")],
            vec![template("a.tera", "x"), template("b.tera", "y ")],
            vec![template("a.tera", "xb.tera"), template("", "y")],
        ] {
            assert_ne!(templates_digest(&other), base, "{other:?}");
        }
    }
}
