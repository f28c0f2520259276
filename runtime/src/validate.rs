//! Client-side constraint validation: the [`Validate`] trait and the [`ValidationError`] it reports.
//!
//! Every builder's `build()` runs these checks so an invalid request never leaves the process.
//! Messages follow the Smithy restJson1 protocol tests word for word, and never echo the value.
//! The checks are read from the values' schemas ([`crate::schema`]) by one walker, [`walk`].

/// The kinds of constraint a value can violate.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
#[non_exhaustive]
pub enum Constraint {
    /// `@required`: the member must be set.
    Required,
    /// `@length`: characters of a string, bytes of a blob, entries of a list or map.
    Length,
    /// `@range`: bounds of a number.
    Range,
    /// `@pattern`: an ECMA-262 regular expression the string must match.
    Pattern,
    /// The value must be one of the enum's known values.
    Enum,
    /// `@uniqueItems`: no two list items may be equal.
    UniqueItems,
    /// A union must hold one of the members this crate knows.
    Union,
    /// A limit on the total UTF-8 bytes of a map's keys and values (from this crate's overlay).
    TotalUtf8Bytes,
}

/// One violated constraint, located by a JSON pointer of member names (`/Attributes/mykey`).
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct Violation {
    path: ::std::string::String,
    constraint: Constraint,
    message: ::std::string::String,
}

impl Violation {
    /// The JSON pointer of the offending value (`/InstanceId`, `/list/0`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Which constraint was violated.
    pub fn constraint(&self) -> Constraint {
        self.constraint
    }

    /// The message, in the Smithy protocol tests' wording.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for Violation {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every constraint a value violates (never empty).
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct ValidationError {
    violations: ::std::vec::Vec<Violation>,
}

impl ValidationError {
    /// The violations, ordered by path so the message is the same on every run.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl ::std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let count = self.violations.len();
        let noun = if count == 1 { "error" } else { "errors" };
        write!(f, "{count} validation {noun} detected. ")?;
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&violation.message)?;
        }
        Ok(())
    }
}

impl ::std::error::Error for ValidationError {}

/// Checks a value against the constraints of its model.
///
/// Builders call this from `build()`. Call it yourself for values built another way, such as
/// with `build_unvalidated()` or by changing public fields.
pub trait Validate {
    /// Check every constraint, collecting all violations.
    fn validate(&self) -> ::std::result::Result<(), ValidationError> {
        let mut collector = Collector::default();
        self.validate_into(&mut collector);
        collector.finish()
    }

    /// Check this value at the collector's current path (used by containing values).
    fn validate_into(&self, collector: &mut Collector);
}

/// Every generated value validates by its schema.
impl<T: crate::value::Value + ?::std::marker::Sized> Validate for T {
    fn validate(&self) -> ::std::result::Result<(), ValidationError> {
        walk::validate(self.view())
    }

    fn validate_into(&self, collector: &mut Collector) {
        walk::root(self.view(), collector);
    }
}

/// Walks a value, tracking the JSON pointer of the current position and collecting violations.
#[derive(::std::fmt::Debug, ::std::default::Default)]
pub struct Collector {
    path: ::std::string::String,
    violations: ::std::vec::Vec<Violation>,
}

/// A position to return to after visiting a child (see [`Collector::enter`]).
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy)]
pub struct Mark(usize);

impl Collector {
    /// Descend into a member or map key; returns the mark to [`leave`](Self::leave) with.
    pub fn enter(&mut self, segment: &str) -> Mark {
        let mark = Mark(self.path.len());
        self.path.push('/');
        // JSON pointer escaping (RFC 6901) keeps `/` inside a map key from faking a level.
        let mut rest = segment;
        while let ::std::option::Option::Some(at) = rest.bytes().position(|b| b == b'~' || b == b'/') {
            self.path.push_str(&rest[..at]);
            self.path.push_str(if rest.as_bytes()[at] == b'~' { "~0" } else { "~1" });
            rest = &rest[at + 1..];
        }
        self.path.push_str(rest);
        mark
    }

    /// Descend into a list item.
    pub fn enter_index(&mut self, index: usize) -> Mark {
        let mark = Mark(self.path.len());
        use ::std::fmt::Write as _;
        let _ = write!(self.path, "/{index}");
        mark
    }

    /// Return to the position before the matching `enter`.
    pub fn leave(&mut self, mark: Mark) {
        self.path.truncate(mark.0);
    }

    /// The current JSON pointer.
    pub fn path(&self) -> &str {
        &self.path
    }

    fn report(&mut self, constraint: Constraint, message: ::std::string::String) {
        self.violations.push(Violation { path: self.path.clone(), constraint, message });
    }

    fn at(&self) -> &str {
        // The root value itself is reported as `/`.
        if self.path.is_empty() { "/" } else { &self.path }
    }

    /// Finish: `Err` with every violation, ordered by path, if there were any.
    pub fn finish(mut self) -> ::std::result::Result<(), ValidationError> {
        if self.violations.is_empty() {
            return ::std::result::Result::Ok(());
        }
        self.violations.sort_by(|a, b| a.path.cmp(&b.path));
        ::std::result::Result::Err(ValidationError { violations: self.violations })
    }

    /// A required member is missing; `member` is its name in the model.
    pub(crate) fn missing(&mut self, member: &str) {
        let mark = self.enter(member);
        let message = format!("Value at '{}' failed to satisfy constraint: Member must not be null", self.at());
        self.report(Constraint::Required, message);
        self.leave(mark);
    }

    /// `@length` on a collection or blob of `len` entries or bytes.
    pub(crate) fn length(&mut self, len: usize, min: ::std::option::Option<u64>, max: ::std::option::Option<u64>) {
        let len64 = len as u64;
        let too_short = min.is_some_and(|min| len64 < min);
        let too_long = max.is_some_and(|max| len64 > max);
        if !(too_short || too_long) {
            return;
        }
        let rule = match (min, max) {
            (::std::option::Option::Some(min), ::std::option::Option::Some(max)) => {
                format!("Member must have length between {min} and {max}, inclusive")
            }
            (::std::option::Option::Some(min), ::std::option::Option::None) => {
                format!("Member must have length greater than or equal to {min}")
            }
            (_, ::std::option::Option::Some(max)) => format!("Member must have length less than or equal to {max}"),
            (::std::option::Option::None, ::std::option::Option::None) => return,
        };
        let message = format!("Value with length {len} at '{}' failed to satisfy constraint: {rule}", self.at());
        self.report(Constraint::Length, message);
    }

    /// `@length` on a string, counted in Unicode scalar values (`"👍"` has length 1).
    pub(crate) fn string_length(&mut self, value: &str, min: ::std::option::Option<u64>, max: ::std::option::Option<u64>) {
        // A string of n bytes has between ceil(n/4) and n characters; skip the count when that
        // settles it.
        let bytes = value.len() as u64;
        if min.is_none_or(|min| bytes.div_ceil(4) >= min) && max.is_none_or(|max| bytes <= max) {
            return;
        }
        self.length(value.chars().count(), min, max);
    }

    fn range_message(&mut self, min: ::std::option::Option<&str>, max: ::std::option::Option<&str>) {
        let rule = match (min, max) {
            (::std::option::Option::Some(min), ::std::option::Option::Some(max)) => {
                format!("Member must be between {min} and {max}, inclusive")
            }
            (::std::option::Option::Some(min), ::std::option::Option::None) => {
                format!("Member must be greater than or equal to {min}")
            }
            (_, ::std::option::Option::Some(max)) => format!("Member must be less than or equal to {max}"),
            (::std::option::Option::None, ::std::option::Option::None) => return,
        };
        let message = format!("Value at '{}' failed to satisfy constraint: {rule}", self.at());
        self.report(Constraint::Range, message);
    }

    /// `@range` on an integer type; the texts are the bounds as the model wrote them.
    pub(crate) fn range_int(
        &mut self,
        value: i64,
        min: ::std::option::Option<(i64, &str)>,
        max: ::std::option::Option<(i64, &str)>,
    ) {
        if min.is_some_and(|(min, _)| value < min) || max.is_some_and(|(max, _)| value > max) {
            self.range_message(min.map(|m| m.1), max.map(|m| m.1));
        }
    }

    /// `@range` on a float type. NaN satisfies no bound.
    pub(crate) fn range_float(
        &mut self,
        value: f64,
        min: ::std::option::Option<(f64, &str)>,
        max: ::std::option::Option<(f64, &str)>,
    ) {
        use ::std::cmp::Ordering::{Greater, Less};
        // `partial_cmp` is `None` for NaN, which must fail too.
        let below = min.is_some_and(|(min, _)| matches!(value.partial_cmp(&min), ::std::option::Option::Some(Less) | ::std::option::Option::None));
        let above = max.is_some_and(|(max, _)| matches!(value.partial_cmp(&max), ::std::option::Option::Some(Greater) | ::std::option::Option::None));
        if below || above {
            self.range_message(min.map(|m| m.1), max.map(|m| m.1));
        }
    }

    /// `@range` on a big number, compared exactly as decimal text. Text that is not a decimal number
    /// satisfies no bound.
    pub(crate) fn range_decimal(&mut self, value: &str, min: ::std::option::Option<&str>, max: ::std::option::Option<&str>) {
        use ::std::cmp::Ordering::{Equal, Greater, Less};
        let below = min.is_some_and(|min| !matches!(crate::text::decimal_cmp(value, min), ::std::option::Option::Some(Greater | Equal)));
        let above = max.is_some_and(|max| !matches!(crate::text::decimal_cmp(value, max), ::std::option::Option::Some(Less | Equal)));
        if below || above {
            self.range_message(min, max);
        }
    }

    /// `@pattern`: the string must contain a match (Smithy patterns are not implicitly anchored).
    ///
    /// `matched` is the compiled expression's verdict, so this module needs no regex engine itself.
    #[cfg(feature = "pattern")]
    pub(crate) fn pattern(&mut self, matched: bool, source: &str) {
        if !matched {
            let message = format!(
                "Value at '{}' failed to satisfy constraint: Member must satisfy regular expression pattern: {source}",
                self.at()
            );
            self.report(Constraint::Pattern, message);
        }
    }

    /// A value outside the enum; `allowed` lists the public values as `[a, b]`.
    pub(crate) fn enum_value(&mut self, allowed: &str) {
        let message = format!("Value at '{}' failed to satisfy constraint: Member must satisfy enum value set: {allowed}", self.at());
        self.report(Constraint::Enum, message);
    }

    pub(crate) fn not_unique(&mut self) {
        let message = format!("Value at '{}' failed to satisfy constraint: Member must have unique values", self.at());
        self.report(Constraint::UniqueItems, message);
    }

    /// A union holding a member this crate does not know cannot be sent.
    pub(crate) fn unknown_union_member(&mut self) {
        let message = format!("Value at '{}' failed to satisfy constraint: Member must have exactly one known member set", self.at());
        self.report(Constraint::Union, message);
    }

    /// The keys and values of a map together exceed `max` UTF-8 bytes.
    pub(crate) fn total_utf8_bytes(&mut self, total: usize, max: u64) {
        if total as u64 > max {
            let message = format!(
                "Value with {total} UTF-8 bytes at '{}' failed to satisfy constraint: Member must have at most {max} UTF-8 bytes across all keys and values",
                self.at()
            );
            self.report(Constraint::TotalUtf8Bytes, message);
        }
    }
}


/// Check a structure: what every generated builder's `build()` does before returning it (not
/// generic, so it is compiled once).
///
/// # Errors
///
/// Every violated constraint.
pub fn structure(schema: &'static crate::schema::Schema, value: &dyn crate::value::Structure) -> ::std::result::Result<(), ValidationError> {
    walk::validate(crate::value::View::Structure(schema, value))
}

/// `value` if it passes [`structure`]: what every generated builder's `build()` returns.
///
/// # Errors
///
/// Every violated constraint.
#[inline]
pub fn build<T: crate::value::Structure>(value: T, schema: &'static crate::schema::Schema) -> ::std::result::Result<T, ValidationError> {
    structure(schema, &value)?;
    ::std::result::Result::Ok(value)
}

pub mod walk {
    //! The schema-driven checks: for each member, `@required`, then the constraints of its
    //! position in the order length, range, pattern, unique items, key pattern, total bytes, then
    //! list items, map keys, map values, and nested values (structure members, union members,
    //! enum values). Violations are sorted by path when the collector finishes, so the order is
    //! the same on every run.

    use super::Collector;
    use crate::schema::{Bound, Kind, Member, Schema};
    use crate::value::{List, Map, Structure, Union, View};

    /// Check a value that is not inside any member (what `Validate::validate_into` does).
    pub fn root(view: View<'_>, c: &mut Collector) {
        nested(view, c);
    }

    /// Check a value, collecting every violation (what `Validate::validate` does).
    ///
    /// # Errors
    ///
    /// Every violation, ordered by path.
    pub fn validate(view: View<'_>) -> ::std::result::Result<(), super::ValidationError> {
        let mut collector = Collector::default();
        nested(view, &mut collector);
        collector.finish()
    }

    /// The members of a structure.
    pub fn structure(schema: &Schema, value: &dyn Structure, c: &mut Collector) {
        for (index, member) in schema.members.iter().enumerate() {
            match value.member(index).and_then(|slot| slot.get()) {
                ::std::option::Option::None => {
                    if member.required {
                        c.missing(member.name);
                    }
                }
                ::std::option::Option::Some(v) => {
                    if member.checks {
                        let mark = c.enter(member.name);
                        position(v.view(), member, c);
                        c.leave(mark);
                    }
                }
            }
        }
    }

    /// The member a union holds; an unknown member cannot be sent.
    pub fn union(schema: &Schema, value: &dyn Union, c: &mut Collector) {
        match value.variant() {
            ::std::option::Option::None => c.unknown_union_member(),
            ::std::option::Option::Some((index, ::std::option::Option::Some(v))) => {
                if let ::std::option::Option::Some(member) = schema.members.get(index).filter(|m| m.checks) {
                    let mark = c.enter(member.name);
                    position(v.view(), member, c);
                    c.leave(mark);
                }
            }
            ::std::option::Option::Some((_, ::std::option::Option::None)) => {}
        }
    }

    fn allowed(schema: &Schema) -> &'static str {
        match schema.kind {
            Kind::Enum(allowed) | Kind::IntEnum(allowed) => allowed,
            _ => "[]",
        }
    }

    /// Checks a value carries itself: structure members, union members, enum membership.
    fn nested(view: View<'_>, c: &mut Collector) {
        match view {
            View::Structure(schema, s) => structure(schema, s, c),
            View::Union(schema, u) => union(schema, u, c),
            View::Enum { known: false, schema, .. } | View::IntEnum { known: false, schema, .. } => c.enum_value(allowed(schema)),
            _ => {}
        }
    }

    fn text(view: View<'_>) -> ::std::option::Option<&str> {
        match view {
            View::String(s) => ::std::option::Option::Some(s),
            // Smithy 2.0 enums are strings: `@length` and `@pattern` apply to their values.
            View::Enum { value, .. } => ::std::option::Option::Some(value),
            _ => ::std::option::Option::None,
        }
    }

    /// Every check of a value at the position `member` describes.
    pub fn position(view: View<'_>, member: &Member, c: &mut Collector) {
        let k = member.constraints;
        if let ::std::option::Option::Some((min, max)) = k.length {
            match view {
                View::String(_) | View::Enum { .. } => c.string_length(text(view).unwrap_or_default(), min, max),
                View::Blob(bytes) => c.length(bytes.len(), min, max),
                View::List(list) => c.length(list.len(), min, max),
                View::Map(map) => c.length(map.len(), min, max),
                _ => {}
            }
        }
        if let ::std::option::Option::Some((min, max)) = &k.range {
            range(view, min.as_ref(), max.as_ref(), c);
        }
        #[cfg(feature = "pattern")]
        if let (::std::option::Option::Some(pattern), ::std::option::Option::Some(value)) = (k.pattern, text(view)) {
            c.pattern(pattern.is_match(value), pattern.source);
        }
        if let (true, View::List(list)) = (k.unique_items, view) {
            if super::unique::has_duplicates(list) {
                c.not_unique();
            }
        }
        match view {
            View::List(list) => items(list, member.target, c),
            View::Map(map) => entries(map, member, c),
            other => nested(other, c),
        }
    }

    fn items(list: &dyn List, schema: &Schema, c: &mut Collector) {
        let item = schema.item();
        if !item.checks {
            return;
        }
        for index in 0..list.len() {
            if let ::std::option::Option::Some(value) = list.item(index) {
                let view = value.view();
                if matches!(view, View::Null) {
                    continue;
                }
                let mark = c.enter_index(index);
                position(view, item, c);
                c.leave(mark);
            }
        }
    }

    /// A map's key pattern and total size, then its entries. One pass over the entries serves
    /// the map-wide checks and the values (their violations have paths of their own, and
    /// violations are sorted by path); the keys' own checks follow, as they report at the map
    /// itself, after its map-wide checks.
    fn entries(map: &dyn Map, member: &Member, c: &mut Collector) {
        let k = member.constraints;
        let (::std::option::Option::Some(key), ::std::option::Option::Some(value)) = (member.target.members.first(), member.target.members.get(1)) else {
            return;
        };
        #[cfg(feature = "pattern")]
        let key_pattern = k.key_pattern;
        #[cfg(feature = "pattern")]
        let mut keys_match = true;
        let mut total = 0usize;
        let mut strings = true;
        map.each(&mut |entry_key, entry_value| {
            let key_text = text(entry_key.view());
            let view = entry_value.view();
            #[cfg(feature = "pattern")]
            if let ::std::option::Option::Some(pattern) = key_pattern {
                keys_match = keys_match && key_text.is_some_and(|key| pattern.is_match(key));
            }
            if k.max_total_utf8_bytes.is_some() {
                match (key_text, view) {
                    (::std::option::Option::Some(key), View::String(value)) => total += key.len() + value.len(),
                    _ => strings = false,
                }
            }
            if value.checks && !matches!(view, View::Null) {
                let mark = c.enter(key_text.unwrap_or_default());
                position(view, value, c);
                c.leave(mark);
            }
        });
        #[cfg(feature = "pattern")]
        if let ::std::option::Option::Some(pattern) = key_pattern {
            c.pattern(keys_match, pattern.source);
        }
        if let (::std::option::Option::Some(max), true) = (k.max_total_utf8_bytes, strings) {
            c.total_utf8_bytes(total, max);
        }
        if key.checks {
            // Smithy reports a bad key at the map itself, not at the key.
            map.each(&mut |entry_key, _| position(entry_key.view(), key, c));
        }
    }

    fn int_bounds(min: ::std::option::Option<&Bound>, max: ::std::option::Option<&Bound>) -> bool {
        min.is_none_or(|b| b.int.is_some()) && max.is_none_or(|b| b.int.is_some())
    }

    fn range(view: View<'_>, min: ::std::option::Option<&Bound>, max: ::std::option::Option<&Bound>, c: &mut Collector) {
        let int = |b: ::std::option::Option<&Bound>| b.and_then(|b| ::std::option::Option::Some((b.int?, b.text)));
        let double = |b: ::std::option::Option<&Bound>| b.map(|b| (b.double, b.text));
        let integer = match view {
            View::Byte(v) => ::std::option::Option::Some(i64::from(v)),
            View::Short(v) => ::std::option::Option::Some(i64::from(v)),
            View::Integer(v) => ::std::option::Option::Some(i64::from(v)),
            View::Long(v) => ::std::option::Option::Some(v),
            _ => ::std::option::Option::None,
        };
        if let ::std::option::Option::Some(v) = integer {
            if int_bounds(min, max) {
                c.range_int(v, int(min), int(max));
            } else {
                // A fractional bound on an integer: the nearest double is what the service compares too.
                c.range_float(v as f64, double(min), double(max));
            }
            return;
        }
        match view {
            // A float's bound is rounded to f32 first, so the f32 nearest the written bound (8.8f32
            // for `8.8`) is within range rather than a hair outside it.
            View::Float(v) => c.range_float(f64::from(v), min.map(|b| (f64::from(b.single), b.text)), max.map(|b| (f64::from(b.single), b.text))),
            View::Double(v) => c.range_float(v, double(min), double(max)),
            View::BigInteger(v) | View::BigDecimal(v) => c.range_decimal(v, min.map(|b| b.text), max.map(|b| b.text)),
            _ => {}
        }
    }
}

mod unique {
    //! `@uniqueItems` by structural equality of values (floats compare as numbers, so NaN is
    //! never a duplicate, and -0.0 equals 0.0).

    use std::hash::{Hash, Hasher};

    use crate::value::{equal, List, Value, View};

    pub(super) fn has_duplicates(list: &dyn List) -> bool {
        let items: Vec<&dyn Value> = (0..list.len()).filter_map(|i| list.item(i)).collect();
        if items.len() <= 16 {
            return items.iter().enumerate().any(|(i, a)| items[..i].iter().any(|b| equal(a.view(), b.view())));
        }
        let mut buckets: std::collections::HashMap<u64, Vec<&dyn Value>> = std::collections::HashMap::with_capacity(items.len());
        for item in items {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            hash(item.view(), &mut hasher);
            let bucket = buckets.entry(hasher.finish()).or_default();
            if bucket.iter().any(|other| equal(item.view(), other.view())) {
                return true;
            }
            bucket.push(item);
        }
        false
    }

    fn float_bits(v: f64) -> u64 {
        if v == 0.0 { 0 } else { v.to_bits() }
    }

    fn hash(view: View<'_>, h: &mut impl Hasher) {
        std::mem::discriminant(&view).hash(h);
        match view {
            View::Bool(v) => v.hash(h),
            View::Byte(v) => v.hash(h),
            View::Short(v) => v.hash(h),
            View::Integer(v) => v.hash(h),
            View::Long(v) => v.hash(h),
            View::Float(v) => float_bits(f64::from(v)).hash(h),
            View::Double(v) => float_bits(v).hash(h),
            View::BigInteger(v) | View::BigDecimal(v) | View::String(v) => v.hash(h),
            View::Enum { value, .. } => value.hash(h),
            View::IntEnum { value, .. } => value.hash(h),
            View::Blob(v) => v.hash(h),
            View::Timestamp { secs, nanos } => (secs, nanos).hash(h),
            View::List(list) => {
                list.len().hash(h);
                for i in 0..list.len() {
                    if let Some(item) = list.item(i) {
                        hash(item.view(), h);
                    }
                }
            }
            // Entry order is unspecified: the size alone keeps equal maps in one bucket.
            View::Map(map) => map.len().hash(h),
            View::Structure(schema, _) => schema.id.hash(h),
            View::Union(_, u) => u.variant().map(|(i, _)| i).hash(h),
            View::Number(_) | View::Null => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Collector;

    #[test]
    fn segments_are_escaped_as_json_pointers_and_leave_restores_the_path() {
        let mut c = Collector::default();
        let outer = c.enter("Attributes");
        let inner = c.enter("a/b~c/");
        assert_eq!(c.path(), "/Attributes/a~1b~0c~1");
        c.leave(inner);
        let plain = c.enter("plain");
        assert_eq!(c.path(), "/Attributes/plain");
        c.leave(plain);
        c.leave(outer);
        let index = c.enter_index(7);
        assert_eq!(c.path(), "/7");
        c.leave(index);
        assert_eq!(c.path(), "");
    }
}
