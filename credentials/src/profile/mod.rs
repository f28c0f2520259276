//! The shared config and credentials files: parsing, locating, loading.

mod load;
mod parse;

pub use load::{load, selected_profile, LoadError, Loaded, Locations};
pub use parse::{FileKind, ParseError, ProfileSet, Property, Section};
pub use smithy_rt::named::Named;
