//! mokuteki's integration tests: one binary, a module per feature.
//! Fixtures live in `tests/fixtures/`; expected outputs are kept as snapshot files there.
//! Run with `MOKUTEKI_BLESS=1` to rewrite the snapshots after an intended change.

mod support;

mod bounds;
mod broken;
mod check;
mod cli;
mod compare;
mod determinism;
mod documents;
mod escaping;
mod facts;
mod faults;
mod federation;
mod fuzzing;
mod hardening;
mod incremental;
mod init;
mod large;
mod law;
mod layout;
mod library;
mod linked_folders;
mod mailing;
mod markdown_roundtrip;
mod messages;
mod nesting;
mod overrides;
mod pages;
mod publish_guard;
mod publishing;
mod schema;
mod seeds;
mod serve;
mod shapes;
mod snapshots;
mod untrusted;
mod writing;
