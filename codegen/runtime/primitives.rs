//! Value types for Smithy's blob, timestamp, document and arbitrary-precision number shapes.

/// Binary data (`blob` shapes). Lengths are counted in bytes.
#[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::default::Default)]
pub struct Blob {
    inner: ::std::vec::Vec<u8>,
}

impl Blob {
    /// Wrap bytes.
    pub fn new(bytes: impl ::std::convert::Into<::std::vec::Vec<u8>>) -> Self {
        Blob { inner: bytes.into() }
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.inner
    }

    /// Take the bytes back.
    pub fn into_inner(self) -> ::std::vec::Vec<u8> {
        self.inner
    }
}

impl ::std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        // Binary payloads can be large and unprintable; show the size only.
        write!(f, "Blob({} bytes)", self.inner.len())
    }
}

impl ::std::convert::AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.inner
    }
}

impl ::std::convert::From<::std::vec::Vec<u8>> for Blob {
    fn from(bytes: ::std::vec::Vec<u8>) -> Self {
        Blob::new(bytes)
    }
}

impl ::std::convert::From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob::new(bytes.to_vec())
    }
}

/// An instant in time (`timestamp` shapes): seconds since the Unix epoch plus nanoseconds.
#[derive(
    ::std::fmt::Debug,
    ::std::clone::Clone,
    ::std::marker::Copy,
    ::std::cmp::PartialEq,
    ::std::cmp::Eq,
    ::std::cmp::PartialOrd,
    ::std::cmp::Ord,
    ::std::hash::Hash,
)]
pub struct DateTime {
    seconds: i64,
    subsec_nanos: u32,
}

impl DateTime {
    /// From whole seconds since the Unix epoch.
    pub fn from_secs(seconds: i64) -> Self {
        DateTime { seconds, subsec_nanos: 0 }
    }

    /// From seconds and nanoseconds; nanoseconds past one second carry into the seconds.
    pub fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        DateTime {
            seconds: seconds.saturating_add(i64::from(nanos / 1_000_000_000)),
            subsec_nanos: nanos % 1_000_000_000,
        }
    }

    /// Whole seconds since the Unix epoch (rounded toward negative infinity).
    pub fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds past [`secs`](Self::secs).
    pub fn subsec_nanos(&self) -> u32 {
        self.subsec_nanos
    }
}

impl ::std::convert::From<::std::time::SystemTime> for DateTime {
    fn from(time: ::std::time::SystemTime) -> Self {
        match time.duration_since(::std::time::UNIX_EPOCH) {
            ::std::result::Result::Ok(after) => {
                DateTime::from_secs_and_nanos(i64::try_from(after.as_secs()).unwrap_or(i64::MAX), after.subsec_nanos())
            }
            ::std::result::Result::Err(before) => {
                let before = before.duration();
                let secs = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                if before.subsec_nanos() == 0 {
                    DateTime::from_secs(-secs)
                } else {
                    DateTime::from_secs_and_nanos(-secs - 1, 1_000_000_000 - before.subsec_nanos())
                }
            }
        }
    }
}

/// Untyped JSON-like data (`document` shapes).
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
pub enum Document {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(::std::string::String),
    /// An array.
    Array(::std::vec::Vec<Document>),
    /// An object; keys keep their order.
    Object(::std::vec::Vec<(::std::string::String, Document)>),
}

/// A document number, keeping integers exact.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// Anything else.
    Float(f64),
}

/// An arbitrary-precision integer (`bigInteger` shapes), kept as its decimal text.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
pub struct BigInteger(::std::string::String);

/// An arbitrary-precision decimal (`bigDecimal` shapes), kept as its decimal text.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
pub struct BigDecimal(::std::string::String);

/// The text given to [`BigInteger`] or [`BigDecimal`] is not a number of that kind.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct InvalidNumber {
    kind: &'static str,
}

impl ::std::fmt::Display for InvalidNumber {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "not a valid {}", self.kind)
    }
}

impl ::std::error::Error for InvalidNumber {}

impl ::std::str::FromStr for BigInteger {
    type Err = InvalidNumber;

    fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            ::std::result::Result::Ok(BigInteger(text.to_string()))
        } else {
            ::std::result::Result::Err(InvalidNumber { kind: "integer" })
        }
    }
}

impl ::std::str::FromStr for BigDecimal {
    type Err = InvalidNumber;

    fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
        if crate::validation::decimal_cmp(text, "0").is_some() {
            ::std::result::Result::Ok(BigDecimal(text.to_string()))
        } else {
            ::std::result::Result::Err(InvalidNumber { kind: "decimal number" })
        }
    }
}

impl BigInteger {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl BigDecimal {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A value the service sent that this crate's model does not list (a newer enum value).
#[derive(
    ::std::fmt::Debug,
    ::std::clone::Clone,
    ::std::cmp::PartialEq,
    ::std::cmp::Eq,
    ::std::cmp::PartialOrd,
    ::std::cmp::Ord,
    ::std::hash::Hash,
)]
pub struct UnknownVariantValue(pub(crate) ::std::string::String);

impl UnknownVariantValue {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
