//! The published facts of a source: one catalogue of everything the documents say
//! ([`catalogue`]) and the record a build keeps of what it published ([`record`]), which
//! `compare`'s publish guard reads back.

pub mod catalogue;
pub mod record;
