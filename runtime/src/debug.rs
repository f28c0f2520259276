//! `Debug` for generated types, from their schemas: `@sensitive` values never reach a log.

use std::fmt;

use crate::value::Structure;

/// What `Debug` prints instead of a sensitive value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A structure as `Name { field: value, .. }`, with sensitive members (or everything, for a
/// sensitive structure) redacted.
pub fn structure(value: &dyn Structure, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let schema = value.schema();
    if schema.sensitive {
        return f.write_str(REDACTED);
    }
    let mut out = f.debug_struct(name);
    for (index, member) in schema.members.iter().enumerate() {
        if member.sensitive {
            out.field(member.field, &REDACTED);
        } else if let Some(slot) = value.member(index) {
            out.field(member.field, slot);
        }
    }
    out.finish()
}

/// One union variant as `Name(value)`, or `Name` for a variant without a value.
pub fn variant(f: &mut fmt::Formatter<'_>, name: &str, value: Option<&dyn fmt::Debug>, sensitive: bool) -> fmt::Result {
    match value {
        None => f.write_str(name),
        Some(_) if sensitive => f.debug_tuple(name).field(&REDACTED).finish(),
        Some(value) => f.debug_tuple(name).field(value).finish(),
    }
}
