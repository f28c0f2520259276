//! The trait implementations every generated type of a kind has, written once as macros (the way
//! a derive would): generated code lists a type's members, these macros implement the schema
//! accessors, `Value`, `Decode` and `Debug` over them.

/// A generated structure and its builder:
///
/// ```text
/// structure! {
///     Type, SCHEMA, TypeBuilder[];      // `TypeBuilder[C]` for a builder generic over a client
///     /// Summary of the member.
///     0 "MemberName" field / set_field / get_field: string;
///     1 "Other" other / set_other / get_other: list(crate::types::Item);
/// }
/// ```
///
/// Each member gives its index in the schema, its model name, the field (its getter and chain
/// setter share the name), the `set_`/`get_` builder methods and its kind: `string`, `copy(T)`
/// (read by value), `value(T)`, `boxed(T)` (a `Box<T>` field set from a `T`), `list(T)` (the chain
/// setter appends) or `map(K, V)` (the chain setter inserts).
///
/// Implements [`Structure`](crate::value::Structure), [`Value`](crate::value::Value) and a
/// redacting `Debug` for the type and for its builder (a struct holding the value as `inner`),
/// `Type::builder()`, the getters, the builder's setters, `build()` (validating) and
/// `build_unvalidated()`. With `decode` before the type (structures a response can carry), also
/// [`StructureMut`](crate::value::StructureMut) and [`Decode`](crate::decode::Decode).
#[macro_export]
macro_rules! structure {
    (
        decode $ty:ident, $schema:path, $builder:ident $generics:tt;
        $( $(#[$doc:meta])* $index:literal $member:literal $field:ident / $set:ident : $kind:ident $( ( $($t:ty),* ) )? ; )*
    ) => {
        impl $crate::value::StructureMut for $ty {
            #[inline]
            fn member_mut(&mut self, index: usize) -> ::core::option::Option<&mut dyn $crate::decode::SlotMut> {
                match index {
                    $($index => ::core::option::Option::Some(&mut self.$field),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl $crate::decode::Decode for $ty {
            #[inline]
            fn decode(decoder: &mut dyn $crate::decode::Decoder) -> $crate::decode::Result<Self> {
                $crate::decode::structure(decoder, &$schema)
            }
        }

        $crate::structure! {
            $ty, $schema, $builder $generics;
            $( $(#[$doc])* $index $member $field / $set : $kind $( ( $($t),* ) )? ; )*
        }
    };
    (
        $ty:ident, $schema:path, $builder:ident $generics:tt;
        $( $(#[$doc:meta])* $index:literal $member:literal $field:ident / $set:ident : $kind:ident $( ( $($t:ty),* ) )? ; )*
    ) => {
        impl $crate::value::Structure for $ty {
            #[inline]
            fn member(&self, index: usize) -> ::core::option::Option<&dyn $crate::decode::Slot> {
                match index {
                    $($index => ::core::option::Option::Some(&self.$field),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl $crate::value::Value for $ty {
            #[inline]
            fn view(&self) -> $crate::value::View<'_> {
                $crate::value::View::Structure(&$schema, self)
            }

        }

        impl ::core::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::debug::value(self, f)
            }
        }

        impl ::core::cmp::PartialEq for $ty {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::value::equal($crate::value::View::Structure(&$schema, self), $crate::value::View::Structure(&$schema, other))
            }
        }

        impl $ty {
            /// Start building a value; `build()` checks every constraint of the model.
            #[inline]
            pub fn builder() -> $builder {
                <$builder as ::core::default::Default>::default()
            }

            $( $crate::__getter!(@$kind [$($($t),*)?] [$(#[$doc])*] $field); )*
        }

        $crate::__generic_impl!(@debug $generics $builder $schema);

        $crate::__generic_impl!($generics $builder {
            /// Build the value, checking every constraint of the model first.
            ///
            /// # Errors
            ///
            /// A `ValidationError` listing every violated constraint, with its path and message.
            #[inline]
            pub fn build(self) -> ::core::result::Result<$ty, $crate::validate::ValidationError> {
                $crate::validate::build(self.inner, &$schema)
            }

            /// Build the value without checking constraints: the escape hatch for when the service
            /// has relaxed a limit this crate still enforces (the service remains the final judge).
            #[inline]
            pub fn build_unvalidated(self) -> $ty {
                self.inner
            }

            $( $crate::__setters!(@$kind [$($($t),*)?] [$(#[$doc])*] $member $field $set); )*
        });

        $crate::__generic_impl!(@as_ref $generics $builder $ty);
    };
}

/// `impl<C> Builder<C> { .. }`, `impl<C> Trait for Builder<C> { .. }`, or the same without `C`
/// for a builder that takes no client (see [`structure!`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __generic_impl {
    (@as_ref [$($c:ident)?] $builder:ident $ty:ident) => {
        /// The value as set so far, not yet validated: read it with its getters.
        impl$(<$c>)? ::core::convert::AsRef<$ty> for $builder$(<$c>)? {
            #[inline]
            fn as_ref(&self) -> &$ty {
                &self.inner
            }
        }
    };
    (@debug [$($c:ident)?] $builder:ident $schema:path) => {
        impl$(<$c>)? ::core::fmt::Debug for $builder$(<$c>)? {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::debug::structure(&$schema, &self.inner, ::core::stringify!($builder), f)
            }
        }
    };
    ([] $builder:ident { $($body:tt)* }) => {
        impl $builder { $($body)* }
    };
    ([$c:ident] $builder:ident { $($body:tt)* }) => {
        impl<$c> $builder<$c> { $($body)* }
    };
}

/// The getter of one member (see [`structure!`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __getter {
    (@string [] [$(#[$doc:meta])*] $field:ident) => {
        $(#[$doc])*
        #[inline]
        pub fn $field(&self) -> ::core::option::Option<&str> {
            self.$field.as_deref()
        }
    };
    (@copy [$t:ty] [$(#[$doc:meta])*] $field:ident) => {
        $(#[$doc])*
        #[inline]
        pub fn $field(&self) -> ::core::option::Option<$t> {
            self.$field
        }
    };
    (@value [$t:ty] [$(#[$doc:meta])*] $field:ident) => {
        $(#[$doc])*
        #[inline]
        pub fn $field(&self) -> ::core::option::Option<&$t> {
            self.$field.as_ref()
        }
    };
    (@boxed [$t:ty] [$(#[$doc:meta])*] $field:ident) => {
        $(#[$doc])*
        #[inline]
        pub fn $field(&self) -> ::core::option::Option<&$t> {
            self.$field.as_deref()
        }
    };
    (@list [$t:ty] [$(#[$doc:meta])*] $field:ident) => {
        $(#[$doc])*
        ///
        /// An unset list reads as empty; check the field itself to tell the two apart.
        #[inline]
        pub fn $field(&self) -> &[$t] {
            self.$field.as_deref().unwrap_or_default()
        }
    };
    (@map [$k:ty, $v:ty] [$(#[$doc:meta])*] $field:ident) => {
        $(#[$doc])*
        #[inline]
        pub fn $field(&self) -> ::core::option::Option<&::std::collections::HashMap<$k, $v>> {
            self.$field.as_ref()
        }
    };
}

/// The chain setter, `set_` and `get_` of one member on its builder (see [`structure!`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __setters {
    (@string [] [$(#[$doc:meta])*] $member:literal $field:ident $set:ident) => {
        $(#[$doc])*
        #[inline]
        pub fn $field(mut self, input: impl ::core::convert::Into<::std::string::String>) -> Self {
            self.inner.$field = ::core::option::Option::Some(input.into());
            self
        }

        $crate::__setters!(@set_get ::std::string::String, $member $field $set);
    };
    (@boxed [$t:ty] [$(#[$doc:meta])*] $member:literal $field:ident $set:ident) => {
        $(#[$doc])*
        #[inline]
        pub fn $field(mut self, input: impl ::core::convert::Into<$t>) -> Self {
            self.inner.$field = ::core::option::Option::Some(::std::boxed::Box::new(input.into()));
            self
        }

        $crate::__setters!(@set_get ::std::boxed::Box<$t>, $member $field $set);
    };
    (@list [$t:ty] [$(#[$doc:meta])*] $member:literal $field:ident $set:ident) => {
        #[doc = ::core::concat!("Append one item to `", $member, "`.")]
        #[inline]
        pub fn $field(mut self, item: impl ::core::convert::Into<$t>) -> Self {
            self.inner.$field.get_or_insert_with(::std::vec::Vec::new).push(item.into());
            self
        }

        $crate::__setters!(@set_get ::std::vec::Vec<$t>, $member $field $set);
    };
    (@map [$k:ty, $v:ty] [$(#[$doc:meta])*] $member:literal $field:ident $set:ident) => {
        #[doc = ::core::concat!("Insert one entry into `", $member, "`.")]
        #[inline]
        pub fn $field(mut self, key: impl ::core::convert::Into<$k>, value: impl ::core::convert::Into<$v>) -> Self {
            self.inner.$field.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), value.into());
            self
        }

        $crate::__setters!(@set_get ::std::collections::HashMap<$k, $v>, $member $field $set);
    };
    (@set_get $t:ty, $member:literal $field:ident $set:ident) => {
        #[doc = ::core::concat!("Set or clear `", $member, "`.")]
        #[inline]
        pub fn $set(mut self, input: ::core::option::Option<$t>) -> Self {
            self.inner.$field = input;
            self
        }

    };
    (@$kind:ident [$t:ty] [$(#[$doc:meta])*] $member:literal $field:ident $set:ident) => {
        $(#[$doc])*
        #[inline]
        pub fn $field(mut self, input: impl ::core::convert::Into<$t>) -> Self {
            self.inner.$field = ::core::option::Option::Some(input.into());
            self
        }

        $crate::__setters!(@set_get $t, $member $field $set);
    };
}

/// A generated `@error` structure (after [`structure!`]): `Display` as `Code: message`, and
/// `std::error::Error`.
#[macro_export]
macro_rules! error_structure {
    ($ty:ident) => {
        impl ::core::fmt::Display for $ty {
            #[inline]
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
            #[inline]
            fn view(&self) -> $crate::value::View<'_> {
                $crate::value::View::Enum { value: self.as_str(), known: !::core::matches!(self, Self::$unknown(_)), schema: &$schema }
            }

        }

        impl $crate::decode::Decode for $ty {
            #[inline]
            fn decode(decoder: &mut dyn $crate::decode::Decoder) -> $crate::decode::Result<Self> {
                decoder.string().map(|value| Self::from(value.as_str()))
            }
        }

        impl $crate::value::Key for $ty {
            #[inline]
            fn from_key(key: ::std::string::String) -> Self {
                Self::from(key.as_str())
            }
        }

        impl ::core::convert::From<::std::string::String> for $ty {
            #[inline]
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = ::core::convert::Infallible;

            #[inline]
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::core::convert::AsRef<str> for $ty {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::debug::value(self, f)
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
            #[inline]
            fn view(&self) -> $crate::value::View<'_> {
                $crate::value::View::IntEnum { value: self.as_i32(), known: !::core::matches!(self, Self::$unknown(_)), schema: &$schema }
            }

        }

        impl $crate::decode::Decode for $ty {
            #[inline]
            fn decode(decoder: &mut dyn $crate::decode::Decoder) -> $crate::decode::Result<Self> {
                decoder.integer().map(Self::from)
            }
        }

        impl ::core::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::debug::value(self, f)
            }
        }
    };
}

/// A generated union: `union!(Type, SCHEMA, Unknown, [0 => A(value), 1 => B])`, a variant with
/// `(value)` holding a value and one without targeting `smithy.api#Unit`. Implements
/// [`Union`](crate::value::Union), `Value` and a redacting `Debug`; with `decode` before the
/// type (unions a response can carry), also `Decode`.
#[macro_export]
macro_rules! union {
    (decode $ty:ident, $schema:path, $unknown:ident, [$($index:literal => $variant:ident $(($value:ident))?),* $(,)?]) => {
        impl $crate::decode::Decode for $ty {
            #[inline]
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

        $crate::union!($ty, $schema, $unknown, [$($index => $variant $(($value))?),*]);
    };
    ($ty:ident, $schema:path, $unknown:ident, [$($index:literal => $variant:ident $(($value:ident))?),* $(,)?]) => {
        impl $crate::value::Union for $ty {
            #[inline]
            fn variant(&self) -> ::core::option::Option<(usize, ::core::option::Option<&dyn $crate::value::Value>)> {
                match self {
                    $(Self::$variant $(($value))? => ::core::option::Option::Some(($index, $crate::__union_value!($($value)?))),)*
                    Self::$unknown => ::core::option::Option::None,
                }
            }
        }

        impl $crate::value::Value for $ty {
            #[inline]
            fn view(&self) -> $crate::value::View<'_> {
                $crate::value::View::Union(&$schema, self)
            }

        }

        impl ::core::cmp::PartialEq for $ty {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::value::equal($crate::value::View::Union(&$schema, self), $crate::value::View::Union(&$schema, other))
            }
        }

        impl ::core::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::debug::value(self, f)
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

/// A generated operation error enum:
/// `operation_error!(Type, "Service.Operation", [0 => Variant(path::ToError) is_variant, ...], is_unhandled)` with the
/// catch-all variant `Unhandled(Unhandled)`. Implements
/// [`OperationError`](crate::error::OperationError), `code()`, `message()` and the `is_*`
/// predicates, `Display`, `Debug`, `PartialEq` and `std::error::Error` (the variant's error is
/// the source), all through one match ([`OperationError::error`](crate::error::OperationError::error)).
#[macro_export]
macro_rules! operation_error {
    ($ty:ident, $operation:literal, [$($index:literal => $variant:ident($error:path) $is:ident),* $(,)?], $is_unhandled:ident) => {
        impl $crate::error::OperationError for $ty {
            const OPERATION: &'static str = $operation;

            #[inline]
            fn modelled(index: usize, decoder: &mut dyn $crate::decode::Decoder) -> ::core::result::Result<Self, $crate::error::DeserializeError> {
                match index {
                    $($index => $crate::decode::Decode::decode(decoder).map(Self::$variant),)*
                    _ => ::core::result::Result::Err(decoder.error("not an error of this operation")),
                }
            }

            #[inline]
            fn unhandled(error: $crate::error::Unhandled) -> Self {
                Self::Unhandled(error)
            }

            #[inline]
            fn error(&self) -> $crate::error::ErrorRef<'_> {
                match self {
                    $(Self::$variant(error) => $crate::error::ErrorRef::Modelled(::core::stringify!($variant), error),)*
                    Self::Unhandled(error) => $crate::error::ErrorRef::Unhandled(error),
                }
            }
        }

        impl $ty {
            /// The error code (the error shape's name), as the service sent it.
            #[inline]
            pub fn code(&self) -> ::core::option::Option<&str> {
                $crate::error::OperationError::error(self).code()
            }

            /// The human-readable message, if the service sent one.
            #[inline]
            pub fn message(&self) -> ::core::option::Option<&str> {
                $crate::error::OperationError::error(self).message()
            }

            $(
                #[doc = ::core::concat!("Whether this is [`", ::core::stringify!($variant), "`](Self::", ::core::stringify!($variant), ").")]
                #[inline]
                pub fn $is(&self) -> bool {
                    ::core::matches!(self, Self::$variant(_))
                }
            )*

            /// Whether this is an error the model does not describe.
            #[inline]
            pub fn $is_unhandled(&self) -> bool {
                ::core::matches!(self, Self::Unhandled(_))
            }
        }

        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::error::OperationError::error(self).display(f)
            }
        }

        impl ::core::fmt::Debug for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::error::OperationError::error(self).debug(f)
            }
        }

        impl ::core::cmp::PartialEq for $ty {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $crate::error::OperationError::error(self).equal($crate::error::OperationError::error(other))
            }
        }

        impl ::std::error::Error for $ty {
            #[inline]
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                ::core::option::Option::Some($crate::error::OperationError::error(self).source())
            }
        }
    };
}

/// A generated operation's marker struct gets its name, shape id and the sans-IO wire functions:
/// `operation!(Marker, "Name", "ns#Name", OPERATION, Input, Output, Error)`, with `OPERATION` the
/// operation's [`Operation`](crate::schema::Operation) schema. With a trailing `ParamsBuilder`
/// (the crate's endpoint parameters builder, which has a `bind` taking what
/// [`crate::endpoint::bind`] returns), also `endpoint_params`.
#[macro_export]
macro_rules! operation {
    ($marker:ident, $name:literal, $id:literal, $operation:path, $input:ty, $output:ty, $error:ty, $params:ty) => {
        $crate::operation!($marker, $name, $id, $operation, $input, $output, $error);

        impl $marker {
            /// The endpoint rule-set parameters of a call with `input`: `params` (the client's
            /// settings, such as the region) with what this operation binds from `input` on top
            /// (its `smithy.rules#operationContextParams`, `contextParam` members and
            /// `staticContextParams`, which take precedence). Resolve them with
            /// `crate::endpoint::resolve` before `serialize_request`.
            ///
            /// # Errors
            ///
            /// When a required member the endpoint rules read is unset, empty or only whitespace.
            #[inline]
            pub fn endpoint_params(input: &$input, params: $params) -> ::core::result::Result<$params, $crate::endpoint::ResolveError> {
                $crate::endpoint::bind(&$operation, input).map(|bound| params.bind(&bound))
            }
        }
    };
    ($marker:ident, $name:literal, $id:literal, $operation:path, $input:ty, $output:ty, $error:ty) => {
        impl $marker {
            /// The operation's name in the model.
            pub const NAME: &'static str = $name;

            /// The operation's absolute shape id.
            pub const SHAPE_ID: &'static str = $id;

            /// The HTTP request for `input` sent to `endpoint`, every constraint checked first.
            ///
            /// # Errors
            ///
            /// A `RequestError`: every violated constraint, or why the request cannot be formed.
            #[inline]
            pub fn serialize_request(
                input: &$input,
                endpoint: &str,
            ) -> ::core::result::Result<$crate::__http::Request<::std::vec::Vec<u8>>, $crate::http::RequestError> {
                $crate::protocol::serialize_request(&$operation, input, endpoint)
            }

            /// The HTTP request for `input` without checking constraints (see `build_unvalidated`).
            ///
            /// # Errors
            ///
            /// A `RequestError` when the request cannot be formed.
            #[inline]
            pub fn serialize_request_unvalidated(
                input: &$input,
                endpoint: &str,
            ) -> ::core::result::Result<$crate::__http::Request<::std::vec::Vec<u8>>, $crate::http::RequestError> {
                $crate::protocol::serialize_request_unvalidated(&$operation, input, endpoint)
            }

            /// The output an HTTP response carries, or the operation's error.
            ///
            /// # Errors
            ///
            /// A `ResponseError`: the error the service returned, or why the response cannot be read.
            #[inline]
            pub fn parse_response<B: ::core::convert::AsRef<[u8]>>(
                response: &$crate::__http::Response<B>,
            ) -> ::core::result::Result<$output, $crate::http::ResponseError<$error>> {
                $crate::protocol::parse_response(&$operation, response.status().as_u16(), response.headers(), response.body().as_ref())
            }
        }
    };
}
