//! JSON for restJson1 bodies: [`JsonWriter`] builds request bodies, [`parse`] reads responses.
//!
//! The parser is strict RFC 8259 (no comments, trailing commas, leading zeros, lone surrogates or
//! invalid UTF-8), never recurses, and stops at [`MAX_DEPTH`] levels of nesting, so a hostile
//! body cannot exhaust the stack. Numbers keep their literal text ([`JsonNumber`]) so big and
//! exact values survive; the typed accessors on [`Json`] convert them and report failures as a
//! [`DeserializeError`] that names the JSON pointer of the offending value.

pub use crate::error::DeserializeError;

mod decode;
mod encode;

pub use decode::JsonDecoder;
pub use encode::{write_document, write_structure, write_value};

/// The deepest nesting of arrays and objects [`parse`] accepts.
pub const MAX_DEPTH: usize = 128;

// ---------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------

#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq)]
enum Frame {
    Object { first: bool, after_key: bool },
    Array { first: bool },
}

/// Builds compact JSON text, inserting commas itself.
///
/// Call [`key`](Self::key) before every value inside an object. Misuse (a value without a key
/// inside an object, a key outside one, unbalanced `end_*` calls) is a bug in the caller: debug
/// builds assert, release builds never panic but may produce invalid JSON.
///
/// Methods chain: `w.begin_object().key("name").string("a").key("size").i64(3).end_object()`
/// writes `{"name":"a","size":3}`.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::default::Default)]
pub struct JsonWriter {
    out: ::std::string::String,
    stack: ::std::vec::Vec<Frame>,
    root_written: bool,
}

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> Self {
        JsonWriter::default()
    }

    /// Start an object (`{`).
    pub fn begin_object(&mut self) -> &mut Self {
        self.before_value();
        self.out.push('{');
        self.stack.push(Frame::Object { first: true, after_key: false });
        self
    }

    /// End the innermost object (`}`).
    pub fn end_object(&mut self) -> &mut Self {
        let frame = self.stack.pop();
        debug_assert!(
            matches!(frame, ::std::option::Option::Some(Frame::Object { after_key: false, .. })),
            "JsonWriter::end_object without an open object, or right after a key"
        );
        self.out.push('}');
        self
    }

    /// Write an object key; the next call must write its value.
    pub fn key(&mut self, key: &str) -> &mut Self {
        match self.stack.last_mut() {
            ::std::option::Option::Some(Frame::Object { first, after_key }) => {
                debug_assert!(!*after_key, "JsonWriter::key called twice without a value in between");
                if !*first {
                    self.out.push(',');
                }
                *first = false;
                *after_key = true;
            }
            _ => debug_assert!(false, "JsonWriter::key outside an object"),
        }
        write_escaped(&mut self.out, key);
        self.out.push(':');
        self
    }

    /// Start an array (`[`).
    pub fn begin_array(&mut self) -> &mut Self {
        self.before_value();
        self.out.push('[');
        self.stack.push(Frame::Array { first: true });
        self
    }

    /// End the innermost array (`]`).
    pub fn end_array(&mut self) -> &mut Self {
        let frame = self.stack.pop();
        debug_assert!(
            matches!(frame, ::std::option::Option::Some(Frame::Array { .. })),
            "JsonWriter::end_array without an open array"
        );
        self.out.push(']');
        self
    }

    /// A string value: `"` and `\` are escaped, control characters become `\u00XX`, everything
    /// else is written as raw UTF-8.
    pub fn string(&mut self, value: &str) -> &mut Self {
        self.before_value();
        write_escaped(&mut self.out, value);
        self
    }

    /// `true` or `false`.
    pub fn bool(&mut self, value: bool) -> &mut Self {
        self.before_value();
        self.out.push_str(if value { "true" } else { "false" });
        self
    }

    /// `null`.
    pub fn null(&mut self) -> &mut Self {
        self.before_value();
        self.out.push_str("null");
        self
    }

    /// A signed integer.
    pub fn i64(&mut self, value: i64) -> &mut Self {
        use ::std::fmt::Write as _;
        self.before_value();
        let _ = write!(self.out, "{value}");
        self
    }

    /// An unsigned integer.
    pub fn u64(&mut self, value: u64) -> &mut Self {
        use ::std::fmt::Write as _;
        self.before_value();
        let _ = write!(self.out, "{value}");
        self
    }

    /// A `double`: finite values as the shortest text that reads back to the same value (`1.0`,
    /// `5.5`, `1e21`, `1.5e-7`); `NaN`, `Infinity` and `-Infinity` as JSON strings, as restJson1
    /// requires.
    pub fn f64(&mut self, value: f64) -> &mut Self {
        self.before_value();
        if value.is_finite() {
            write_finite_f64(&mut self.out, value);
        } else {
            self.out.push('"');
            self.out.push_str(non_finite_name(value.is_nan(), value > 0.0));
            self.out.push('"');
        }
        self
    }

    /// A `float`, formatted with `f32` precision so `1.1f32` is written as `1.1` (converting to
    /// `f64` first would write `1.100000023841858`). Non-finite values as for [`f64`](Self::f64).
    pub fn f32(&mut self, value: f32) -> &mut Self {
        self.before_value();
        if value.is_finite() {
            write_finite_f32(&mut self.out, value);
        } else {
            self.out.push('"');
            self.out.push_str(non_finite_name(value.is_nan(), value > 0.0));
            self.out.push('"');
        }
        self
    }

    /// A number given as decimal text (`bigInteger`, `bigDecimal`, epoch-seconds timestamps).
    ///
    /// Valid JSON numbers are written unchanged. Text that is a decimal number in a form JSON
    /// does not allow (`+1`, `.5`, `5.`, `007`, surrounding spaces) is normalized first; anything
    /// else is a caller bug (debug builds assert) and is written as `null` so the output stays
    /// valid JSON.
    pub fn raw_number(&mut self, text: &str) -> &mut Self {
        self.before_value();
        if is_json_number(text) {
            self.out.push_str(text);
        } else if let ::std::option::Option::Some(normalized) = normalize_number(text) {
            self.out.push_str(&normalized);
        } else {
            debug_assert!(false, "JsonWriter::raw_number given text that is not a decimal number");
            self.out.push_str("null");
        }
        self
    }

    /// A `document` value (see [`write_document`]).
    pub fn document(&mut self, value: &dyn crate::value::Value) -> &mut Self {
        write_document(self, value.view());
        self
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The finished JSON text.
    pub fn into_string(self) -> ::std::string::String {
        debug_assert!(self.stack.is_empty(), "JsonWriter::into_string with unclosed arrays or objects");
        self.out
    }

    fn before_value(&mut self) {
        match self.stack.last_mut() {
            ::std::option::Option::Some(Frame::Array { first }) => {
                if !*first {
                    self.out.push(',');
                }
                *first = false;
            }
            ::std::option::Option::Some(Frame::Object { after_key, .. }) => {
                debug_assert!(*after_key, "JsonWriter: a value inside an object needs a key first");
                *after_key = false;
            }
            ::std::option::Option::None => {
                debug_assert!(!self.root_written, "JsonWriter: more than one top-level value");
                self.root_written = true;
            }
        }
    }
}

fn non_finite_name(nan: bool, positive: bool) -> &'static str {
    if nan {
        "NaN"
    } else if positive {
        "Infinity"
    } else {
        "-Infinity"
    }
}

fn write_escaped(out: &mut ::std::string::String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(value.len() + 2);
    out.push('"');
    let bytes = value.as_bytes();
    let mut start = 0;
    while let ::std::option::Option::Some(i) = next_to_escape(bytes, start) {
        // Every byte that needs escaping is ASCII, so `i` is on a character boundary.
        out.push_str(&value[start..i]);
        match bytes[i] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0x0f)]));
            }
        }
        start = i + 1;
    }
    out.push_str(&value[start..]);
    out.push('"');
}

fn needs_escape(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// The index of the first byte at or after `from` that JSON needs escaped. Strings are mostly
/// clean, so this steps eight bytes at a time, testing each word for a control character, a
/// quote or a backslash at once (the has-a-byte-less-than bit trick, exact for "any byte"), and
/// looks at single bytes only in the word that has one.
fn next_to_escape(bytes: &[u8], from: usize) -> ::std::option::Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let less_than = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH;
    let mut i = from;
    while let ::std::option::Option::Some(chunk) = bytes[i..].first_chunk::<8>() {
        let word = u64::from_le_bytes(*chunk);
        let hit = less_than(word, 0x20) | less_than(word ^ (ONES * u64::from(b'"')), 1) | less_than(word ^ (ONES * u64::from(b'\\')), 1);
        if hit != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| needs_escape(b)).map(|at| i + at)
}

fn write_finite_f64(out: &mut ::std::string::String, value: f64) {
    use ::std::fmt::Write as _;
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude) {
        // `{:e}` is the shortest round-trip text with an exponent: `1e21`, `1.5e-7`.
        let _ = write!(out, "{value:e}");
    } else {
        let start = out.len();
        let _ = write!(out, "{value}");
        if !out[start..].contains('.') {
            out.push_str(".0");
        }
    }
}

fn write_finite_f32(out: &mut ::std::string::String, value: f32) {
    use ::std::fmt::Write as _;
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude) {
        let _ = write!(out, "{value:e}");
    } else {
        let start = out.len();
        let _ = write!(out, "{value}");
        if !out[start..].contains('.') {
            out.push_str(".0");
        }
    }
}

/// Length of the JSON number at the start of `bytes` (RFC 8259 grammar), or `None`.
fn scan_number(bytes: &[u8]) -> ::std::option::Option<usize> {
    let mut i = 0;
    if bytes.first() == ::std::option::Option::Some(&b'-') {
        i += 1;
    }
    match bytes.get(i) {
        ::std::option::Option::Some(b'0') => i += 1,
        ::std::option::Option::Some(b'1'..=b'9') => {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        _ => return ::std::option::Option::None,
    }
    if bytes.get(i) == ::std::option::Option::Some(&b'.') {
        i += 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            return ::std::option::Option::None;
        }
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if matches!(bytes.get(i), ::std::option::Option::Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), ::std::option::Option::Some(b'+' | b'-')) {
            i += 1;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            return ::std::option::Option::None;
        }
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    ::std::option::Option::Some(i)
}

fn is_json_number(text: &str) -> bool {
    scan_number(text.as_bytes()) == ::std::option::Option::Some(text.len())
}

/// Rewrite a decimal number in a relaxed form (`+1`, `.5`, `5.`, `007`, spaces) as a JSON number.
fn normalize_number(text: &str) -> ::std::option::Option<::std::string::String> {
    let text = text.trim();
    let (negative, rest) = match text.strip_prefix('-') {
        ::std::option::Option::Some(rest) => (true, rest),
        ::std::option::Option::None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        ::std::option::Option::Some(i) => (&rest[..i], ::std::option::Option::Some(&rest[i + 1..])),
        ::std::option::Option::None => (rest, ::std::option::Option::None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return ::std::option::Option::None;
    }
    let int = int.trim_start_matches('0');
    let mut out = ::std::string::String::with_capacity(text.len() + 2);
    if negative {
        out.push('-');
    }
    out.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if let ::std::option::Option::Some(exponent) = exponent {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return ::std::option::Option::None;
        }
        out.push('e');
        out.push_str(exponent);
    }
    if is_json_number(&out) { ::std::option::Option::Some(out) } else { ::std::option::Option::None }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// A JSON number, kept as its literal text so no precision is lost before a typed conversion.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
pub struct JsonNumber(::std::string::String);

impl JsonNumber {
    /// The number if `text` is a valid JSON number literal (`-1.5e3`; no `+`, no leading zeros).
    pub fn new(text: &str) -> ::std::option::Option<JsonNumber> {
        if is_json_number(text) {
            ::std::option::Option::Some(JsonNumber(text.to_owned()))
        } else {
            ::std::option::Option::None
        }
    }

    /// The literal text, exactly as it appeared in the input.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the literal is written as an integer (no fraction, no exponent).
    pub fn is_integer_literal(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }
}

impl ::std::fmt::Display for JsonNumber {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A parsed JSON value.
///
/// Objects keep every entry in document order, duplicates included. Lookups with
/// [`get`](Self::get) take the **last** entry with the key (the choice of most JSON libraries,
/// including the ones AWS SDKs use), and so does [`to_document`](Self::to_document).
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as its literal text.
    Number(JsonNumber),
    /// A string, unescaped.
    String(::std::string::String),
    /// An array.
    Array(::std::vec::Vec<Json>),
    /// An object: entries in document order, duplicates kept.
    Object(::std::vec::Vec<(::std::string::String, Json)>),
}

impl Json {
    /// The kind of value with its article, for messages: `"a string"`, `"an object"`, `"null"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Whether this is `null`. restJson1 treats a `null` member like an absent one.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The value of `key` if this is an object; the last entry wins when the key repeats.
    pub fn get(&self, key: &str) -> ::std::option::Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => ::std::option::Option::None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> ::std::option::Option<&str> {
        match self {
            Json::String(s) => ::std::option::Option::Some(s),
            _ => ::std::option::Option::None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> ::std::option::Option<bool> {
        match self {
            Json::Bool(b) => ::std::option::Option::Some(*b),
            _ => ::std::option::Option::None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> ::std::option::Option<&JsonNumber> {
        match self {
            Json::Number(n) => ::std::option::Option::Some(n),
            _ => ::std::option::Option::None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> ::std::option::Option<&[Json]> {
        match self {
            Json::Array(items) => ::std::option::Option::Some(items),
            _ => ::std::option::Option::None,
        }
    }

    /// The entries in document order (duplicates included), if this is an object.
    pub fn as_object(&self) -> ::std::option::Option<&[(::std::string::String, Json)]> {
        match self {
            Json::Object(entries) => ::std::option::Option::Some(entries),
            _ => ::std::option::Option::None,
        }
    }

    fn mismatch(&self, path: &str, expected: &str) -> DeserializeError {
        DeserializeError::new(path, format!("expected {expected}, found {}", self.kind()))
    }

    /// The string, or an error at `path` naming what was found instead.
    pub fn expect_string(&self, path: &str) -> ::std::result::Result<&str, DeserializeError> {
        self.as_str().ok_or_else(|| self.mismatch(path, "a string"))
    }

    /// The boolean, or an error at `path`. Strings such as `"true"` are not accepted.
    pub fn expect_bool(&self, path: &str) -> ::std::result::Result<bool, DeserializeError> {
        self.as_bool().ok_or_else(|| self.mismatch(path, "a boolean"))
    }

    /// The number, or an error at `path`.
    pub fn expect_number(&self, path: &str) -> ::std::result::Result<&JsonNumber, DeserializeError> {
        self.as_number().ok_or_else(|| self.mismatch(path, "a number"))
    }

    /// The items, or an error at `path`.
    pub fn expect_array(&self, path: &str) -> ::std::result::Result<&[Json], DeserializeError> {
        self.as_array().ok_or_else(|| self.mismatch(path, "an array"))
    }

    /// The entries, or an error at `path`. Iterate them in order and let later entries overwrite
    /// earlier ones to get the same last-wins rule as [`get`](Self::get).
    pub fn expect_object(
        &self,
        path: &str,
    ) -> ::std::result::Result<&[(::std::string::String, Json)], DeserializeError> {
        self.as_object().ok_or_else(|| self.mismatch(path, "an object"))
    }

    fn to_integer(
        &self,
        path: &str,
        kind: &str,
        min: i128,
        max: i128,
    ) -> ::std::result::Result<i128, DeserializeError> {
        let number = self.as_number().ok_or_else(|| self.mismatch(path, "a number"))?;
        match exact_integer(number.as_str(), 38) {
            ::std::result::Result::Ok(value) if (min..=max).contains(&value) => ::std::result::Result::Ok(value),
            ::std::result::Result::Err(IntegerError::Fractional) => ::std::result::Result::Err(DeserializeError::new(
                path,
                format!("expected {kind}, found a number with a fractional part"),
            )),
            _ => ::std::result::Result::Err(DeserializeError::new(
                path,
                format!("number is out of range for {kind} ({min} to {max})"),
            )),
        }
    }

    /// A `byte`. Integer literals and exactly integral forms (`1.0`, `1e2`) are accepted; a
    /// fractional part (`1.5`) or a value outside the range is an error, never a wrap.
    pub fn to_i8(&self, path: &str) -> ::std::result::Result<i8, DeserializeError> {
        let v = self.to_integer(path, "a byte", i128::from(i8::MIN), i128::from(i8::MAX))?;
        ::std::result::Result::Ok(i8::try_from(v).unwrap_or_default())
    }

    /// A `short`; see [`to_i8`](Self::to_i8) for the accepted forms.
    pub fn to_i16(&self, path: &str) -> ::std::result::Result<i16, DeserializeError> {
        let v = self.to_integer(path, "a short", i128::from(i16::MIN), i128::from(i16::MAX))?;
        ::std::result::Result::Ok(i16::try_from(v).unwrap_or_default())
    }

    /// An `integer`; see [`to_i8`](Self::to_i8) for the accepted forms.
    pub fn to_i32(&self, path: &str) -> ::std::result::Result<i32, DeserializeError> {
        let v = self.to_integer(path, "an integer", i128::from(i32::MIN), i128::from(i32::MAX))?;
        ::std::result::Result::Ok(i32::try_from(v).unwrap_or_default())
    }

    /// A `long`; see [`to_i8`](Self::to_i8) for the accepted forms.
    pub fn to_i64(&self, path: &str) -> ::std::result::Result<i64, DeserializeError> {
        let v = self.to_integer(path, "a long", i128::from(i64::MIN), i128::from(i64::MAX))?;
        ::std::result::Result::Ok(i64::try_from(v).unwrap_or_default())
    }

    /// A `double`: a number (rounded to nearest), or one of the strings `"NaN"`, `"Infinity"`,
    /// `"-Infinity"`. A finite literal too large for an `f64` (`1e400`) is an error.
    pub fn to_f64(&self, path: &str) -> ::std::result::Result<f64, DeserializeError> {
        match self {
            Json::Number(n) => match n.as_str().parse::<f64>() {
                ::std::result::Result::Ok(v) if v.is_finite() => ::std::result::Result::Ok(v),
                _ => ::std::result::Result::Err(DeserializeError::new(path, "number is out of range for a double")),
            },
            Json::String(s) => match non_finite(s) {
                ::std::option::Option::Some(v) => ::std::result::Result::Ok(v),
                ::std::option::Option::None => ::std::result::Result::Err(DeserializeError::new(
                    path,
                    "expected a number, found a string other than \"NaN\", \"Infinity\" or \"-Infinity\"",
                )),
            },
            _ => ::std::result::Result::Err(self.mismatch(path, "a number")),
        }
    }

    /// A `float`, rounded directly from the literal to `f32`; otherwise as [`to_f64`](Self::to_f64).
    pub fn to_f32(&self, path: &str) -> ::std::result::Result<f32, DeserializeError> {
        match self {
            Json::Number(n) => match n.as_str().parse::<f32>() {
                ::std::result::Result::Ok(v) if v.is_finite() => ::std::result::Result::Ok(v),
                _ => ::std::result::Result::Err(DeserializeError::new(path, "number is out of range for a float")),
            },
            // Narrowing NaN and the infinities is exact.
            Json::String(_) => self.to_f64(path).map(|v| v as f32),
            _ => ::std::result::Result::Err(self.mismatch(path, "a number")),
        }
    }

    /// A `bigInteger` as decimal text (`-?[0-9]+`, no leading zeros). Exactly integral forms are
    /// expanded (`1.5e3` gives `1500`) as long as the result has at most 64 more digits than the
    /// literal has characters, so a tiny `1e999999` cannot balloon into megabytes.
    pub fn to_big_integer_text(&self, path: &str) -> ::std::result::Result<::std::string::String, DeserializeError> {
        let number = self.as_number().ok_or_else(|| self.mismatch(path, "a number"))?;
        let text = number.as_str();
        match integer_text(text, text.len() + 64) {
            ::std::result::Result::Ok(digits) => ::std::result::Result::Ok(digits),
            ::std::result::Result::Err(IntegerError::Fractional) => ::std::result::Result::Err(DeserializeError::new(
                path,
                "expected a big integer, found a number with a fractional part",
            )),
            ::std::result::Result::Err(IntegerError::TooLarge) => ::std::result::Result::Err(DeserializeError::new(
                path,
                "number is too large to expand into big integer digits",
            )),
        }
    }

    /// A `bigDecimal` as the literal text of the number (any JSON number is a valid decimal).
    pub fn to_big_decimal_text(&self, path: &str) -> ::std::result::Result<&str, DeserializeError> {
        self.expect_number(path).map(JsonNumber::as_str)
    }

    /// A `document` value. Integer literals become `PosInt`/`NegInt` when they fit (`-0` is
    /// `PosInt(0)`); every other number becomes `Float` (the nearest `f64`; literals beyond its
    /// range become infinite). A repeated object key keeps the value of its last entry.
    ///
    /// Recursive: depth is bounded by [`MAX_DEPTH`] for values that came from [`parse`].
    pub fn to_document(&self) -> crate::primitives::Document {
        use crate::primitives::Document;
        match self {
            Json::Null => Document::Null,
            Json::Bool(b) => Document::Bool(*b),
            Json::Number(n) => Document::Number(crate::primitives::Number::from_text(n.as_str())),
            Json::String(s) => Document::String(s.clone()),
            Json::Array(items) => Document::Array(items.iter().map(Json::to_document).collect()),
            // Later entries overwrite earlier ones: the last value of a repeated key wins.
            Json::Object(entries) => Document::Object(entries.iter().map(|(key, value)| (key.clone(), value.to_document())).collect()),
        }
    }
}

fn non_finite(text: &str) -> ::std::option::Option<f64> {
    match text {
        "NaN" => ::std::option::Option::Some(f64::NAN),
        "Infinity" => ::std::option::Option::Some(f64::INFINITY),
        "-Infinity" => ::std::option::Option::Some(f64::NEG_INFINITY),
        _ => ::std::option::Option::None,
    }
}


#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq)]
enum IntegerError {
    Fractional,
    TooLarge,
}

/// The exact integer value of a JSON number literal as `-?digits` text without leading zeros,
/// if it is integral and has at most `max_digits` digits.
fn integer_text(text: &str, max_digits: usize) -> ::std::result::Result<::std::string::String, IntegerError> {
    let (negative, rest) = match text.strip_prefix('-') {
        ::std::option::Option::Some(rest) => (true, rest),
        ::std::option::Option::None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        ::std::option::Option::Some(i) => (&rest[..i], saturating_exponent(&rest[i + 1..])),
        ::std::option::Option::None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The value is 0.DIGITS x 10^point once leading zeros are gone.
    let all = int.as_bytes().iter().chain(frac.as_bytes()).copied();
    let leading = all.clone().take_while(|&b| b == b'0').count();
    let total = int.len() + frac.len();
    if leading == total {
        return ::std::result::Result::Ok("0".to_owned());
    }
    let digits: ::std::vec::Vec<u8> = all.skip(leading).collect();
    let significant = digits.len() - digits.iter().rev().take_while(|&&b| b == b'0').count();
    let point = (int.len() as i64).saturating_add(exponent).saturating_sub(leading as i64);
    if point < significant as i64 {
        return ::std::result::Result::Err(IntegerError::Fractional);
    }
    if point > max_digits as i64 {
        return ::std::result::Result::Err(IntegerError::TooLarge);
    }
    let point = point as usize;
    let mut out = ::std::string::String::with_capacity(point + 1);
    if negative {
        out.push('-');
    }
    for i in 0..point {
        out.push(char::from(digits.get(i).copied().unwrap_or(b'0')));
    }
    ::std::result::Result::Ok(out)
}

/// The exact value of an integral JSON number literal that has at most `max_digits` digits.
fn exact_integer(text: &str, max_digits: usize) -> ::std::result::Result<i128, IntegerError> {
    let digits = integer_text(text, max_digits)?;
    digits.parse::<i128>().map_err(|_| IntegerError::TooLarge)
}

/// An exponent's value, saturated far outside any range that matters (and without overflow).
fn saturating_exponent(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        ::std::option::Option::Some(b'-') => (true, &text[1..]),
        ::std::option::Option::Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let mut value: i64 = 0;
    for b in digits.bytes() {
        value = value.saturating_mul(10).saturating_add(i64::from(b - b'0')).min(1 << 40);
    }
    if negative { -value } else { value }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// The input is not valid JSON.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct JsonError {
    offset: usize,
    message: &'static str,
}

impl JsonError {
    /// The byte offset in the input where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What is wrong, without the input's contents.
    pub fn message(&self) -> &str {
        self.message
    }
}

impl ::std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "invalid JSON at byte {}: {}", self.offset, self.message)
    }
}

impl ::std::error::Error for JsonError {}

/// The JSON pointer of member `key` below `parent` (RFC 6901: `~` becomes `~0`, `/` becomes `~1`).
pub fn child_path(parent: &str, key: &str) -> ::std::string::String {
    let mut path = ::std::string::String::with_capacity(parent.len() + key.len() + 1);
    path.push_str(parent);
    path.push('/');
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
    path
}

/// The JSON pointer of item `index` below `parent`.
pub fn index_path(parent: &str, index: usize) -> ::std::string::String {
    format!("{parent}/{index}")
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

/// Whether a body is empty or only JSON whitespace. restJson1 treats such a body like `{}`;
/// [`parse`] itself rejects it, so check first where an empty body is allowed.
pub fn is_empty_body(input: &[u8]) -> bool {
    input.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// Parse one JSON value (surrounded by optional whitespace) from `input`.
///
/// Strict RFC 8259: the input must be UTF-8 (no byte-order mark), and comments, trailing
/// commas, single quotes, leading zeros, unescaped control characters, invalid escapes and lone
/// surrogates are errors, as is an empty input (see [`is_empty_body`]). Nesting deeper than
/// [`MAX_DEPTH`] is an error. Runs in linear time with an explicit stack, never recursion.
pub fn parse(input: &[u8]) -> ::std::result::Result<Json, JsonError> {
    let text = match ::std::str::from_utf8(input) {
        ::std::result::Result::Ok(text) => text,
        ::std::result::Result::Err(e) => {
            return ::std::result::Result::Err(JsonError { offset: e.valid_up_to(), message: "invalid UTF-8" });
        }
    };
    Parser { text, bytes: text.as_bytes(), pos: 0 }.document()
}

enum Partial {
    Array(::std::vec::Vec<Json>),
    Object(::std::vec::Vec<(::std::string::String, Json)>, ::std::string::String),
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error<T>(&self, message: &'static str) -> ::std::result::Result<T, JsonError> {
        ::std::result::Result::Err(JsonError { offset: self.pos, message })
    }

    fn peek(&self) -> ::std::option::Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), ::std::option::Option::Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn document(mut self) -> ::std::result::Result<Json, JsonError> {
        self.skip_whitespace();
        if self.pos == self.bytes.len() {
            return self.error("empty input");
        }
        let mut stack: ::std::vec::Vec<Partial> = ::std::vec::Vec::new();
        'value: loop {
            self.skip_whitespace();
            let mut value = match self.peek() {
                ::std::option::Option::None => return self.error("unexpected end of input, expected a value"),
                ::std::option::Option::Some(open @ (b'{' | b'[')) => {
                    if stack.len() >= MAX_DEPTH {
                        return self.error("arrays and objects are nested too deeply");
                    }
                    self.pos += 1;
                    self.skip_whitespace();
                    if open == b'{' {
                        if self.peek() == ::std::option::Option::Some(b'}') {
                            self.pos += 1;
                            Json::Object(::std::vec::Vec::new())
                        } else {
                            let key = self.key()?;
                            stack.push(Partial::Object(::std::vec::Vec::new(), key));
                            continue 'value;
                        }
                    } else if self.peek() == ::std::option::Option::Some(b']') {
                        self.pos += 1;
                        Json::Array(::std::vec::Vec::new())
                    } else {
                        stack.push(Partial::Array(::std::vec::Vec::new()));
                        continue 'value;
                    }
                }
                ::std::option::Option::Some(b'"') => Json::String(self.string()?),
                ::std::option::Option::Some(b't') => {
                    self.literal("true")?;
                    Json::Bool(true)
                }
                ::std::option::Option::Some(b'f') => {
                    self.literal("false")?;
                    Json::Bool(false)
                }
                ::std::option::Option::Some(b'n') => {
                    self.literal("null")?;
                    Json::Null
                }
                ::std::option::Option::Some(b'-' | b'0'..=b'9') => Json::Number(self.number()?),
                ::std::option::Option::Some(_) => return self.error("expected a value"),
            };
            // Attach the finished value to its parent, closing parents that end here.
            loop {
                let closed = match stack.last_mut() {
                    ::std::option::Option::None => {
                        self.skip_whitespace();
                        if self.pos != self.bytes.len() {
                            return self.error("unexpected data after the JSON value");
                        }
                        return ::std::result::Result::Ok(value);
                    }
                    ::std::option::Option::Some(Partial::Array(items)) => {
                        items.push(value);
                        self.skip_whitespace();
                        match self.peek() {
                            ::std::option::Option::Some(b',') => {
                                self.pos += 1;
                                continue 'value;
                            }
                            ::std::option::Option::Some(b']') => self.pos += 1,
                            ::std::option::Option::None => return self.error("unexpected end of input in an array"),
                            ::std::option::Option::Some(_) => return self.error("expected ',' or ']'"),
                        }
                        stack.pop()
                    }
                    ::std::option::Option::Some(Partial::Object(entries, key)) => {
                        entries.push((::std::mem::take(key), value));
                        self.skip_whitespace();
                        match self.peek() {
                            ::std::option::Option::Some(b',') => {
                                self.pos += 1;
                                self.skip_whitespace();
                                *key = self.key()?;
                                continue 'value;
                            }
                            ::std::option::Option::Some(b'}') => self.pos += 1,
                            ::std::option::Option::None => return self.error("unexpected end of input in an object"),
                            ::std::option::Option::Some(_) => return self.error("expected ',' or '}'"),
                        }
                        stack.pop()
                    }
                };
                value = match closed {
                    ::std::option::Option::Some(Partial::Array(items)) => Json::Array(items),
                    ::std::option::Option::Some(Partial::Object(entries, _)) => Json::Object(entries),
                    ::std::option::Option::None => return self.error("internal error: unbalanced parser stack"),
                };
            }
        }
    }

    /// An object key and the `:` after it.
    fn key(&mut self) -> ::std::result::Result<::std::string::String, JsonError> {
        match self.peek() {
            ::std::option::Option::Some(b'"') => {}
            ::std::option::Option::None => return self.error("unexpected end of input, expected an object key"),
            ::std::option::Option::Some(_) => return self.error("expected a double-quoted object key"),
        }
        let key = self.string()?;
        self.skip_whitespace();
        match self.peek() {
            ::std::option::Option::Some(b':') => {
                self.pos += 1;
                ::std::result::Result::Ok(key)
            }
            ::std::option::Option::None => self.error("unexpected end of input, expected ':'"),
            ::std::option::Option::Some(_) => self.error("expected ':' after an object key"),
        }
    }

    fn literal(&mut self, word: &'static str) -> ::std::result::Result<(), JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            ::std::result::Result::Ok(())
        } else {
            self.error("expected a value (literals are lowercase true, false and null)")
        }
    }

    fn number(&mut self) -> ::std::result::Result<JsonNumber, JsonError> {
        let rest = &self.bytes[self.pos..];
        match scan_number(rest) {
            ::std::option::Option::Some(len) => {
                // `0` followed by a digit is a leading zero, which the grammar forbids.
                let digits_start = usize::from(rest[0] == b'-');
                if rest.get(digits_start) == ::std::option::Option::Some(&b'0')
                    && rest.get(digits_start + 1).is_some_and(u8::is_ascii_digit)
                {
                    self.pos += digits_start + 1;
                    return self.error("leading zeros are not allowed in numbers");
                }
                let number = JsonNumber(self.text[self.pos..self.pos + len].to_owned());
                self.pos += len;
                ::std::result::Result::Ok(number)
            }
            ::std::option::Option::None => self.error("invalid number"),
        }
    }

    fn hex4(&mut self) -> ::std::result::Result<u32, JsonError> {
        let mut value = 0u32;
        for _ in 0..4 {
            let digit = match self.peek() {
                ::std::option::Option::Some(b) => char::from(b).to_digit(16),
                ::std::option::Option::None => return self.error("unexpected end of input in a \\u escape"),
            };
            match digit {
                ::std::option::Option::Some(d) => value = value * 16 + d,
                ::std::option::Option::None => return self.error("expected four hex digits after \\u"),
            }
            self.pos += 1;
        }
        ::std::result::Result::Ok(value)
    }

    /// A string starting at the opening quote; leaves `pos` after the closing quote.
    fn string(&mut self) -> ::std::result::Result<::std::string::String, JsonError> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes.
        while let ::std::option::Option::Some(b) = self.peek() {
            match b {
                b'"' => {
                    let s = self.text[start..self.pos].to_owned();
                    self.pos += 1;
                    return ::std::result::Result::Ok(s);
                }
                b'\\' => break,
                0x00..=0x1f => return self.error("unescaped control character in a string"),
                _ => self.pos += 1,
            }
        }
        let mut out = ::std::string::String::from(&self.text[start..self.pos]);
        loop {
            let run = self.pos;
            while let ::std::option::Option::Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run..self.pos]);
            match self.peek() {
                ::std::option::Option::None => return self.error("unterminated string"),
                ::std::option::Option::Some(b'"') => {
                    self.pos += 1;
                    return ::std::result::Result::Ok(out);
                }
                ::std::option::Option::Some(b'\\') => {
                    self.pos += 1;
                    let escape = match self.peek() {
                        ::std::option::Option::Some(e) => e,
                        ::std::option::Option::None => return self.error("unterminated string"),
                    };
                    self.pos += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let escape_start = self.pos - 2;
                            let unit = self.hex4()?;
                            let code = match unit {
                                0xD800..=0xDBFF => {
                                    if !self.bytes[self.pos..].starts_with(b"\\u") {
                                        self.pos = escape_start;
                                        return self.error("lone high surrogate in a \\u escape");
                                    }
                                    self.pos += 2;
                                    let low = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&low) {
                                        self.pos = escape_start;
                                        return self.error("high surrogate not followed by a low surrogate");
                                    }
                                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                                }
                                0xDC00..=0xDFFF => {
                                    self.pos = escape_start;
                                    return self.error("lone low surrogate in a \\u escape");
                                }
                                other => other,
                            };
                            match char::from_u32(code) {
                                ::std::option::Option::Some(c) => out.push(c),
                                ::std::option::Option::None => return self.error("invalid \\u escape"),
                            }
                        }
                        _ => {
                            self.pos -= 1;
                            return self.error("invalid escape sequence");
                        }
                    }
                }
                ::std::option::Option::Some(_) => return self.error("unescaped control character in a string"),
            }
        }
    }
}
