//! `Debug` for generated types, from their schemas: `@sensitive` values never reach a log, and
//! containers print through their views, so no `Debug` code is compiled per member type.

use std::fmt;

use crate::schema::Schema;
use crate::value::{Debug, Structure, Value, View};

/// What `Debug` prints instead of a sensitive value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// The catch-all variant of every generated union (a member this crate does not know).
pub const UNKNOWN: &str = "Unknown";

/// `Debug` of a generated type: what its `Debug` impl calls.
///
/// # Errors
///
/// When the formatter does.
pub fn value(value: &dyn Value, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    view(value.view(), f)
}

/// A structure as `Name { field: Some(value), .. }` (the way `#[derive(Debug)]` prints its
/// `Option` fields), with sensitive members (or everything, for a sensitive structure) redacted.
pub fn structure(schema: &Schema, value: &dyn Structure, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if schema.sensitive {
        return f.write_str(REDACTED);
    }
    let mut out = f.debug_struct(name);
    for (index, member) in schema.members.iter().enumerate() {
        if member.sensitive {
            out.field(member.field, &REDACTED);
        } else if let Some(slot) = value.member(index) {
            out.field(member.field, &Optional(slot.get()));
        }
    }
    out.finish()
}

/// `Some(value)` or `None`.
struct Optional<'a>(Option<&'a dyn Value>);

impl fmt::Debug for Optional<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(value) => f.debug_tuple("Some").field(&Debug(value)).finish(),
            None => f.write_str("None"),
        }
    }
}

/// One union variant as `Name(value)`, or `Name` for a variant without a value.
pub fn variant(f: &mut fmt::Formatter<'_>, name: &str, value: Option<&dyn Value>, sensitive: bool) -> fmt::Result {
    match value {
        None => f.write_str(name),
        Some(_) if sensitive => f.debug_tuple(name).field(&REDACTED).finish(),
        Some(value) => f.debug_tuple(name).field(&Debug(value)).finish(),
    }
}

/// Any value by its view, as the standard library prints the type it stands for: lists as
/// `[..]`, maps as `{..}`, strings quoted, numbers plainly; nested generated types print through
/// their own [`Value::debug`].
pub fn view(view: View<'_>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match view {
        View::Null => f.write_str("None"),
        View::Bool(v) => fmt::Debug::fmt(&v, f),
        View::Byte(v) => fmt::Debug::fmt(&v, f),
        View::Short(v) => fmt::Debug::fmt(&v, f),
        View::Integer(v) => fmt::Debug::fmt(&v, f),
        View::Long(v) => fmt::Debug::fmt(&v, f),
        View::Float(v) => fmt::Debug::fmt(&v, f),
        View::Double(v) => fmt::Debug::fmt(&v, f),
        View::BigInteger(v) | View::BigDecimal(v) | View::String(v) => fmt::Debug::fmt(v, f),
        View::Blob(v) => fmt::Debug::fmt(v, f),
        View::Timestamp { secs, nanos } => f.debug_struct("DateTime").field("seconds", &secs).field("subsecond_nanos", &nanos).finish(),
        View::Number(v) => fmt::Debug::fmt(&v, f),
        View::Enum { schema, .. } | View::IntEnum { schema, .. } if schema.sensitive => f.write_str(REDACTED),
        View::Enum { value, schema, .. } => f.debug_tuple(schema.name).field(&value).finish(),
        View::IntEnum { value, schema, .. } => f.debug_tuple(schema.name).field(&value).finish(),
        View::List(list) => {
            let mut out = f.debug_list();
            for index in 0..list.len() {
                if let Some(item) = list.item(index) {
                    out.entry(&Debug(item));
                }
            }
            out.finish()
        }
        View::Map(map) => {
            let mut out = f.debug_map();
            map.each(&mut |key, value| {
                out.entry(&Debug(key), &Debug(value));
            });
            out.finish()
        }
        View::Structure(schema, value) => structure(schema, value, schema.name, f),
        View::Union(schema, value) => match value.variant() {
            Some((index, item)) => {
                let member = &schema.members[index];
                variant(f, member.field, item, schema.sensitive || member.sensitive)
            }
            None => f.write_str(UNKNOWN),
        },
    }
}
