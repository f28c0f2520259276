//! A read-only view of any generated value, so validation, encoders and `Debug` can walk it by
//! its schema without per-shape code.
//!
//! Generated structures, unions and enums implement these traits through the macros of this
//! crate ([`structure!`](crate::structure), [`union!`](crate::union),
//! [`enumeration!`](crate::enumeration)); the standard types they are made of are implemented here.

use std::collections::HashMap;
use std::fmt;

use crate::decode::{Slot, SlotMut};
use crate::schema::Schema;

/// Anything a generated type is made of.
pub trait Value: Send + Sync {
    /// What this value is, for a walker.
    fn view(&self) -> View<'_>;

    /// `Debug` output, from the view: containers print like the standard library's, so a
    /// structure's members need no `Debug` code of their own. Types with a name to print
    /// (generated types, primitives) override it with their `Debug`.
    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::debug::view(self.view(), f)
    }
}

/// `Debug` for any value, through [`Value::debug`].
pub struct Debug<'a>(pub &'a dyn Value);

impl fmt::Debug for Debug<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.debug(f)
    }
}

/// A number inside a document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DocumentNumber {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// Anything else.
    Float(f64),
}

/// One value, seen by kind.
#[derive(Clone, Copy)]
pub enum View<'a> {
    /// An absent item of a sparse list or map, or a document's `null`.
    Null,
    /// A `boolean`.
    Bool(bool),
    /// A `byte`.
    Byte(i8),
    /// A `short`.
    Short(i16),
    /// An `integer`.
    Integer(i32),
    /// A `long`.
    Long(i64),
    /// A `float`.
    Float(f32),
    /// A `double`.
    Double(f64),
    /// Decimal text.
    BigInteger(&'a str),
    /// Decimal text.
    BigDecimal(&'a str),
    /// A `string`.
    String(&'a str),
    /// A `blob`'s bytes.
    Blob(&'a [u8]),
    /// Seconds since the Unix epoch (floored) and nanoseconds past them.
    Timestamp {
        /// Seconds since the epoch.
        secs: i64,
        /// Nanoseconds past `secs`.
        nanos: u32,
    },
    /// A number inside a document (documents are otherwise lists, maps, strings, booleans and nulls).
    Number(DocumentNumber),
    /// A string enum value; `known` is false for a value this crate's model does not list.
    Enum {
        /// The value as on the wire.
        value: &'a str,
        /// Whether the model lists it.
        known: bool,
        /// The enum's schema.
        schema: &'static Schema,
    },
    /// An integer enum value.
    IntEnum {
        /// The value as on the wire.
        value: i32,
        /// Whether the model lists it.
        known: bool,
        /// The enum's schema.
        schema: &'static Schema,
    },
    /// A list (or a document array).
    List(&'a dyn List),
    /// A map (or a document object).
    Map(&'a dyn Map),
    /// A structure, with its schema.
    Structure(&'static Schema, &'a dyn Structure),
    /// A union, with its schema.
    Union(&'static Schema, &'a dyn Union),
}

/// A generated structure: its members by index (the order of its schema's members; the schema
/// comes with the structure's [`View`]).
pub trait Structure: Sync {
    /// The member at `index` (`None` past the last member).
    fn member(&self, index: usize) -> Option<&dyn Slot>;
}

/// A generated structure being filled in by a decoder.
pub trait StructureMut: Structure {
    /// The member at `index`, to fill in.
    fn member_mut(&mut self, index: usize) -> Option<&mut dyn SlotMut>;
}

/// A generated union (its schema comes with its [`View`]).
pub trait Union: Sync {
    /// The member this holds (its index, and its value unless it targets `smithy.api#Unit`), or
    /// `None` for a member this crate does not know.
    fn variant(&self) -> Option<(usize, Option<&dyn Value>)>;
}

/// A list.
pub trait List: Sync {
    /// The number of items.
    fn len(&self) -> usize;

    /// Whether there are no items.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item at `index`.
    fn item(&self, index: usize) -> Option<&dyn Value>;
}

/// A map with string (or string enum) keys.
pub trait Map: Sync {
    /// The number of entries.
    fn len(&self) -> usize;

    /// Whether there are no entries.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every entry (key, value), in the map's own (unspecified) order. Keys are strings or
    /// string enums.
    fn each<'a>(&'a self, visit: &mut dyn FnMut(&'a dyn Value, &'a dyn Value));

    /// The value under the key with this text.
    fn get(&self, key: &str) -> Option<&dyn Value>;
}

/// The entries of a map sorted by key, for output that must not depend on hash order
/// (query strings, headers).
pub fn sorted_entries(map: &dyn Map) -> Vec<(&str, &dyn Value)> {
    let mut entries = Vec::with_capacity(map.len());
    map.each(&mut |key, value| entries.push((key_text(key), value)));
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries
}

/// The text of a map key (a string or a string enum).
pub fn key_text(key: &dyn Value) -> &str {
    match key.view() {
        View::String(text) | View::Enum { value: text, .. } => text,
        _ => "",
    }
}

/// Map keys: strings, or string enums.
pub trait Key: Value + Eq + std::hash::Hash {
    /// The key from its text.
    fn from_key(key: String) -> Self;
}

impl Key for String {
    fn from_key(key: String) -> Self {
        key
    }
}

macro_rules! scalar_values {
    ($($ty:ty => $variant:ident),* $(,)?) => {
        $(
            impl Value for $ty {
                fn view(&self) -> View<'_> {
                    View::$variant(*self)
                }
            }
        )*
    };
}

scalar_values!(bool => Bool, i8 => Byte, i16 => Short, i32 => Integer, i64 => Long, f32 => Float, f64 => Double);

impl Value for String {
    fn view(&self) -> View<'_> {
        View::String(self)
    }
}

impl<T: Value + ?Sized> Value for Box<T> {
    fn view(&self) -> View<'_> {
        (**self).view()
    }

    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).debug(f)
    }
}

/// Items of sparse lists and maps.
impl<T: Value> Value for Option<T> {
    fn view(&self) -> View<'_> {
        match self {
            Some(value) => value.view(),
            None => View::Null,
        }
    }

    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(value) => f.debug_tuple("Some").field(&Debug(value)).finish(),
            None => f.write_str("None"),
        }
    }
}

impl<T: Value> Value for Vec<T> {
    fn view(&self) -> View<'_> {
        View::List(self)
    }
}

impl<T: Value> List for Vec<T> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }

    fn item(&self, index: usize) -> Option<&dyn Value> {
        self.get(index).map(|item| item as &dyn Value)
    }
}

impl<K: Key, V: Value, S: std::hash::BuildHasher + Send + Sync> Value for HashMap<K, V, S> {
    fn view(&self) -> View<'_> {
        View::Map(self)
    }
}

impl<K: Key, V: Value, S: std::hash::BuildHasher + Send + Sync> Map for HashMap<K, V, S> {
    fn len(&self) -> usize {
        HashMap::len(self)
    }

    fn each<'a>(&'a self, visit: &mut dyn FnMut(&'a dyn Value, &'a dyn Value)) {
        for (key, value) in self {
            visit(key, value);
        }
    }

    fn get(&self, key: &str) -> Option<&dyn Value> {
        HashMap::get(self, &K::from_key(key.to_string())).map(|value| value as &dyn Value)
    }
}

/// Structural equality of two values, which is what generated types' `PartialEq` is: the same
/// kind and schema, equal scalars (floats by `==`, so NaN is unequal to itself), lists item by
/// item, maps entry by entry, structures member by member, unions by member.
pub fn equal(a: View<'_>, b: View<'_>) -> bool {
    fn both(a: Option<&dyn Value>, b: Option<&dyn Value>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => equal(a.view(), b.view()),
            (None, None) => true,
            _ => false,
        }
    }
    match (a, b) {
        (View::Null, View::Null) => true,
        (View::Bool(x), View::Bool(y)) => x == y,
        (View::Byte(x), View::Byte(y)) => x == y,
        (View::Short(x), View::Short(y)) => x == y,
        (View::Integer(x), View::Integer(y)) => x == y,
        (View::Long(x), View::Long(y)) => x == y,
        (View::Float(x), View::Float(y)) => x == y,
        (View::Double(x), View::Double(y)) => x == y,
        (View::Number(x), View::Number(y)) => x == y,
        (View::BigInteger(x), View::BigInteger(y)) | (View::BigDecimal(x), View::BigDecimal(y)) | (View::String(x), View::String(y)) => x == y,
        (View::Enum { value: x, .. }, View::Enum { value: y, .. }) => x == y,
        (View::IntEnum { value: x, .. }, View::IntEnum { value: y, .. }) => x == y,
        (View::Blob(x), View::Blob(y)) => x == y,
        (View::Timestamp { secs: s1, nanos: n1 }, View::Timestamp { secs: s2, nanos: n2 }) => s1 == s2 && n1 == n2,
        (View::List(x), View::List(y)) => x.len() == y.len() && (0..x.len()).all(|i| both(x.item(i), y.item(i))),
        (View::Map(x), View::Map(y)) => {
            let mut all = x.len() == y.len();
            x.each(&mut |key, value| all = all && both(Some(value), y.get(key_text(key))));
            all
        }
        (View::Structure(schema, x), View::Structure(other, y)) => {
            std::ptr::eq(schema, other)
                && (0..schema.members.len()).all(|i| both(x.member(i).and_then(|s| s.get()), y.member(i).and_then(|s| s.get())))
        }
        (View::Union(schema, x), View::Union(other, y)) => {
            std::ptr::eq(schema, other)
                && match (x.variant(), y.variant()) {
                    (Some((i, a)), Some((j, b))) => i == j && both(a, b),
                    (None, None) => true,
                    _ => false,
                }
        }
        _ => false,
    }
}
