//! Client-side constraint validation: the [`Validate`] trait and the [`ValidationError`] it reports.
//!
//! Every builder's `build()` runs these checks so an invalid request never leaves the process.
//! Messages follow the Smithy restJson1 protocol tests word for word, and never echo the value.

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

impl<T: Validate + ?::std::marker::Sized> Validate for ::std::boxed::Box<T> {
    fn validate_into(&self, collector: &mut Collector) {
        (**self).validate_into(collector);
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
        for c in segment.chars() {
            match c {
                '~' => self.path.push_str("~0"),
                '/' => self.path.push_str("~1"),
                c => self.path.push(c),
            }
        }
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
    pub fn missing(&mut self, member: &str) {
        let mark = self.enter(member);
        let message = format!("Value at '{}' failed to satisfy constraint: Member must not be null", self.at());
        self.report(Constraint::Required, message);
        self.leave(mark);
    }

    /// `@length` on a collection or blob of `len` entries or bytes.
    pub fn length(&mut self, len: usize, min: ::std::option::Option<u64>, max: ::std::option::Option<u64>) {
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
    pub fn string_length(&mut self, value: &str, min: ::std::option::Option<u64>, max: ::std::option::Option<u64>) {
        // A string has between len/4 and len characters; skip the count when that settles it.
        let bytes = value.len() as u64;
        if min.is_none_or(|min| bytes / 4 >= min) && max.is_none_or(|max| bytes <= max) {
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
    pub fn range_int(
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
    pub fn range_float(
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
    pub fn range_decimal(&mut self, value: &str, min: ::std::option::Option<&str>, max: ::std::option::Option<&str>) {
        use ::std::cmp::Ordering::{Equal, Greater, Less};
        let below = min.is_some_and(|min| !matches!(decimal_cmp(value, min), ::std::option::Option::Some(Greater | Equal)));
        let above = max.is_some_and(|max| !matches!(decimal_cmp(value, max), ::std::option::Option::Some(Less | Equal)));
        if below || above {
            self.range_message(min, max);
        }
    }

    /// `@pattern`: the string must contain a match (Smithy patterns are not implicitly anchored).
    ///
    /// `matched` is the compiled expression's verdict, so this module needs no regex engine itself.
    pub fn pattern(&mut self, matched: bool, source: &str) {
        if !matched {
            let message = format!(
                "Value at '{}' failed to satisfy constraint: Member must satisfy regular expression pattern: {source}",
                self.at()
            );
            self.report(Constraint::Pattern, message);
        }
    }

    /// A value outside the enum; `allowed` lists the public values as `[a, b]`.
    pub fn enum_value(&mut self, allowed: &str) {
        let message = format!("Value at '{}' failed to satisfy constraint: Member must satisfy enum value set: {allowed}", self.at());
        self.report(Constraint::Enum, message);
    }

    /// `@uniqueItems` on a list whose items can be hashed.
    pub fn unique_hashable<T: ::std::hash::Hash + ::std::cmp::Eq>(&mut self, items: &[T]) {
        let mut seen = ::std::collections::HashSet::with_capacity(items.len());
        if !items.iter().all(|item| seen.insert(item)) {
            self.not_unique();
        }
    }

    /// `@uniqueItems` on a list whose items can only be compared (floats, documents, structures).
    pub fn unique_comparable<T: ::std::cmp::PartialEq>(&mut self, items: &[T]) {
        let duplicate = items.iter().enumerate().any(|(i, a)| items[..i].iter().any(|b| a == b));
        if duplicate {
            self.not_unique();
        }
    }

    fn not_unique(&mut self) {
        let message = format!("Value at '{}' failed to satisfy constraint: Member must have unique values", self.at());
        self.report(Constraint::UniqueItems, message);
    }

    /// A union holding a member this crate does not know cannot be sent.
    pub fn unknown_union_member(&mut self) {
        let message = format!("Value at '{}' failed to satisfy constraint: Member must have exactly one known member set", self.at());
        self.report(Constraint::Union, message);
    }

    /// The keys and values of a map together exceed `max` UTF-8 bytes.
    pub fn total_utf8_bytes(&mut self, total: usize, max: u64) {
        if total as u64 > max {
            let message = format!(
                "Value with {total} UTF-8 bytes at '{}' failed to satisfy constraint: Member must have at most {max} UTF-8 bytes across all keys and values",
                self.at()
            );
            self.report(Constraint::TotalUtf8Bytes, message);
        }
    }
}

/// Exact comparison of two decimal numbers written as text (`-12.50`, `1e3`, `0.1`); `None` when
/// either is not a number.
pub fn decimal_cmp(a: &str, b: &str) -> ::std::option::Option<::std::cmp::Ordering> {
    let a = Decimal::parse(a)?;
    let b = Decimal::parse(b)?;
    ::std::option::Option::Some(a.cmp(&b))
}

/// A decimal as sign, digits without leading/trailing zeros, and the power of ten of the first digit.
#[derive(::std::cmp::PartialEq, ::std::cmp::Eq)]
struct Decimal {
    negative: bool,
    digits: ::std::vec::Vec<u8>,
    exponent: i64,
}

impl Decimal {
    fn parse(text: &str) -> ::std::option::Option<Decimal> {
        let text = text.trim();
        let (negative, rest) = match text.strip_prefix('-') {
            ::std::option::Option::Some(rest) => (true, rest),
            ::std::option::Option::None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            ::std::option::Option::Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().ok()?),
            ::std::option::Option::None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return ::std::option::Option::None;
        }
        let mut digits: ::std::vec::Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        let mut exponent = exp.checked_add(int.len() as i64)?;
        let leading = digits.iter().take_while(|d| **d == 0).count();
        digits.drain(..leading);
        exponent -= leading as i64;
        while digits.last() == ::std::option::Option::Some(&0) {
            digits.pop();
        }
        if digits.is_empty() {
            return ::std::option::Option::Some(Decimal { negative: false, digits, exponent: 0 });
        }
        ::std::option::Option::Some(Decimal { negative, digits, exponent })
    }

    fn cmp_magnitude(&self, other: &Decimal) -> ::std::cmp::Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return ::std::cmp::Ordering::Equal,
            (true, false) => return ::std::cmp::Ordering::Less,
            (false, true) => return ::std::cmp::Ordering::Greater,
            (false, false) => {}
        }
        self.exponent.cmp(&other.exponent).then_with(|| self.digits.cmp(&other.digits))
    }
}

impl ::std::cmp::PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
        ::std::option::Option::Some(self.cmp(other))
    }
}

impl ::std::cmp::Ord for Decimal {
    fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
        match (self.negative, other.negative) {
            (false, true) => ::std::cmp::Ordering::Greater,
            (true, false) => ::std::cmp::Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}
