//! The published facts of a source: one catalogue of everything the documents say
//! ([`catalogue`]), the record a build keeps of what it published ([`record`]), and the
//! guard that stops a build publishing changed purposes without their revision
//! ([`guard`]).

pub mod catalogue;
