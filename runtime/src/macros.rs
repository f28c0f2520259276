//! The trait implementations every generated type of a kind has, written once as macros (the way
//! a derive would): generated code lists a type's members, these macros implement the schema
//! accessors, `Value`, `Decode` and `Debug` over them.

/// A generated structure: `structure!(Type, SCHEMA, [0 => field, 1 => other], builder: TypeBuilder)`.
///
/// Implements [`Structure`](crate::value::Structure), [`StructureMut`](crate::value::StructureMut),
/// [`Value`](crate::value::Value), [`Decode`](crate::decode::Decode) and a redacting `Debug` for
/// the type and for its builder (a struct holding the value as `inner`; `TypeBuilder<C>` for a
/// builder generic over its client handle).
#[macro_export]
macro_rules! structure {
    ($ty:ident, $schema:path, [$($index:literal => $field:ident),* $(,)?], builder: $builder:ident $(<$client:ident>)?) => {
        impl $crate::value::Structure for $ty {
            fn schema(&self) -> &'static $crate::schema::Schema {
                &$schema
            }

            fn member(&self, index: usize) -> ::core::option::Option<&dyn $crate::decode::Slot> {
                match index {
                    $($index => ::core::option::Option::Some(&self.$field),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl $crate::value::StructureMut for $ty {
            fn member_mut(&mut self, index: usize) -> ::core::option::Option<&mut dyn $crate::decode::Slot> {
                match index {
                    $($index => ::core::option::Option::Some(&mut self.$field),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl $crate::value::Value for $ty {
            fn view(&self) -> $crate::value::View<'_> {
                $crate::value::View::Structure(self)
            }
        }

        impl $crate::decode::Decode for $ty {
            fn decode(decoder: &mut dyn $crate::decode::Decoder) -> $crate::decode::Result<Self> {
                $crate::decode::structure(decoder)
            }
        }

        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::debug::structure(self, ::core::stringify!($ty), f)
            }
        }

        impl$(<$client>)? ::core::fmt::Debug for $builder$(<$client>)? {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::debug::structure(&self.inner, ::core::stringify!($builder), f)
            }
        }
    };
}

/// A generated `@error` structure (after [`structure!`]): `Display` as `Code: message`, and
/// `std::error::Error`.
#[macro_export]
macro_rules! error_structure {
    ($ty:ident) => {
        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::error::display(self, f)
            }
        }

        impl ::std::error::Error for $ty {}
    };
}

/// A generated string enum with `as_str()`, `From<&str>` and the catch-all variant `$unknown`:
/// implements `Value`, `Decode`, map-key use, `From<String>`, `FromStr`, `AsRef<str>`, `Display`
/// and `Debug` (redacted when the schema is sensitive).
#[macro_export]
macro_rules! enumeration {
    ($ty:ident, $schema:path, $unknown:ident) => {
        impl $crate::value::Value for $ty {
            fn view(&self) -> $crate::value::View<'_> {
                $crate::value::View::Enum { value: self.as_str(), known: !::core::matches!(self, Self::$unknown(_)), schema: &$schema }
            }
        }

        impl $crate::decode::Decode for $ty {
            fn decode(decoder: &mut dyn $crate::decode::Decoder) -> $crate::decode::Result<Self> {
                decoder.string().map(|value| Self::from(value.as_str()))
            }
        }

        impl $crate::value::Key for $ty {
            fn from_key(key: ::std::string::String) -> Self {
                Self::from(key.as_str())
            }
        }

        impl ::core::convert::From<::std::string::String> for $ty {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::core::convert::AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                if $schema.sensitive {
                    f.write_str($crate::debug::REDACTED)
                } else {
                    f.debug_tuple(::core::stringify!($ty)).field(&self.as_str()).finish()
                }
            }
        }
    };
}

/// A generated integer enum with `as_i32()`, `From<i32>` and the catch-all variant `$unknown`:
/// implements `Value`, `Decode` and `Debug`.
#[macro_export]
macro_rules! int_enumeration {
    ($ty:ident, $schema:path, $unknown:ident) => {
        impl $crate::value::Value for $ty {
            fn view(&self) -> $crate::value::View<'_> {
                $crate::value::View::IntEnum { value: self.as_i32(), known: !::core::matches!(self, Self::$unknown(_)), schema: &$schema }
            }
        }

        impl $crate::decode::Decode for $ty {
            fn decode(decoder: &mut dyn $crate::decode::Decoder) -> $crate::decode::Result<Self> {
                decoder.integer().map(Self::from)
            }
        }

        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                if $schema.sensitive {
                    f.write_str($crate::debug::REDACTED)
                } else {
                    f.debug_tuple(::core::stringify!($ty)).field(&self.as_i32()).finish()
                }
            }
        }
    };
}

/// A generated union: `union!(Type, SCHEMA, Unknown, [0 => A(value), 1 => B])`, a variant with
/// `(value)` holding a value and one without targeting `smithy.api#Unit`. Implements
/// [`Union`](crate::value::Union), `Value`, `Decode` and a redacting `Debug`.
#[macro_export]
macro_rules! union {
    ($ty:ident, $schema:path, $unknown:ident, [$($index:literal => $variant:ident $(($value:ident))?),* $(,)?]) => {
        impl $crate::value::Union for $ty {
            fn schema(&self) -> &'static $crate::schema::Schema {
                &$schema
            }

            fn variant(&self) -> ::core::option::Option<(usize, ::core::option::Option<&dyn $crate::value::Value>)> {
                match self {
                    $(Self::$variant $(($value))? => ::core::option::Option::Some(($index, $crate::__union_value!($($value)?))),)*
                    Self::$unknown => ::core::option::Option::None,
                }
            }
        }

        impl $crate::value::Value for $ty {
            fn view(&self) -> $crate::value::View<'_> {
                $crate::value::View::Union(self)
            }
        }

        impl $crate::decode::Decode for $ty {
            fn decode(decoder: &mut dyn $crate::decode::Decoder) -> $crate::decode::Result<Self> {
                let mut out = ::core::option::Option::None;
                decoder.union(&$schema, &mut |index, d| {
                    let _ = &d;
                    out = ::core::option::Option::Some(match index {
                        $(::core::option::Option::Some($index) => Self::$variant $(({ let _ = ::core::stringify!($value); $crate::decode::Decode::decode(d)? }))?,)*
                        _ => Self::$unknown,
                    });
                    ::core::result::Result::Ok(())
                })?;
                ::core::result::Result::Ok(out.unwrap_or(Self::$unknown))
            }
        }

        impl ::core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $(Self::$variant $(($value))? => $crate::debug::variant(
                        f,
                        ::core::stringify!($variant),
                        $crate::__union_debug!($($value)?),
                        $schema.sensitive || $schema.members[$index].sensitive,
                    ),)*
                    Self::$unknown => f.write_str(::core::stringify!($unknown)),
                }
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __union_value {
    () => {
        ::core::option::Option::None
    };
    ($value:ident) => {
        ::core::option::Option::Some($value as &dyn $crate::value::Value)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __union_debug {
    () => {
        ::core::option::Option::None
    };
    ($value:ident) => {
        ::core::option::Option::Some($value as &dyn ::core::fmt::Debug)
    };
}

/// A generated operation error enum: `operation_error!(Type, [0 => Variant(path::ToError), ...])`
/// with the catch-all variant `Unhandled(Unhandled)`. Implements
/// [`OperationError`](crate::error::OperationError), `code()` and `message()`, `Display`,
/// `std::error::Error` (the variant's error is the source) and `From` each error structure.
#[macro_export]
macro_rules! operation_error {
    ($ty:ident, [$($index:literal => $variant:ident($error:path)),* $(,)?]) => {
        impl $crate::error::OperationError for $ty {
            fn modelled(index: usize, decoder: &mut dyn $crate::decode::Decoder) -> ::core::result::Result<Self, $crate::error::DeserializeError> {
                match index {
                    $($index => $crate::decode::Decode::decode(decoder).map(Self::$variant),)*
                    _ => ::core::result::Result::Err(decoder.error("not an error of this operation")),
                }
            }

            fn unhandled(error: $crate::error::Unhandled) -> Self {
                Self::Unhandled(error)
            }

            fn code(&self) -> ::core::option::Option<&str> {
                match self {
                    $(Self::$variant(error) => ::core::option::Option::Some($crate::error::code(error)),)*
                    Self::Unhandled(error) => error.code(),
                }
            }

            fn message(&self) -> ::core::option::Option<&str> {
                match self {
                    $(Self::$variant(error) => $crate::error::message(error),)*
                    Self::Unhandled(error) => error.message(),
                }
            }
        }

        impl $ty {
            /// The error code (the error shape's name), as the service sent it.
            pub fn code(&self) -> ::core::option::Option<&str> {
                $crate::error::OperationError::code(self)
            }

            /// The human-readable message, if the service sent one.
            pub fn message(&self) -> ::core::option::Option<&str> {
                $crate::error::OperationError::message(self)
            }
        }

        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $(Self::$variant(error) => ::core::fmt::Display::fmt(error, f),)*
                    Self::Unhandled(error) => ::core::fmt::Display::fmt(error, f),
                }
            }
        }

        impl ::std::error::Error for $ty {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    $(Self::$variant(error) => ::core::option::Option::Some(error),)*
                    Self::Unhandled(error) => ::core::option::Option::Some(error),
                }
            }
        }

        $(
            impl ::core::convert::From<$error> for $ty {
                fn from(error: $error) -> Self {
                    Self::$variant(error)
                }
            }
        )*
    };
}
