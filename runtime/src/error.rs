//! Errors shared by every operation: what the service returned that the model does not describe
//! ([`Unhandled`]), responses that cannot be read ([`DeserializeError`]), and the trait every
//! operation's error enum implements ([`OperationError`]).

use crate::decode::Decoder;
use crate::value::{Value, View};

/// A response does not have the shape the model expects (a garbled, truncated or mistyped
/// body, or a bad header), located by a JSON pointer or the header's name.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct DeserializeError {
    path: ::std::string::String,
    message: ::std::string::String,
}

impl DeserializeError {
    /// An error at the JSON pointer `path` (`""` for the whole document, `/a/0/b` below it).
    pub fn new(
        path: impl ::std::convert::Into<::std::string::String>,
        message: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        DeserializeError { path: path.into(), message: message.into() }
    }

    /// The JSON pointer of the offending value.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, without the value itself.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "at the document root: {}", self.message)
        } else {
            write!(f, "at '{}': {}", self.path, self.message)
        }
    }
}

impl ::std::error::Error for DeserializeError {}


/// An error the service returned that the operation's model does not describe.
///
/// Kept whole so callers can still branch on the code or log the message.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::default::Default)]
pub struct Unhandled {
    code: ::std::option::Option<::std::string::String>,
    message: ::std::option::Option<::std::string::String>,
    status: ::std::option::Option<u16>,
    request_id: ::std::option::Option<::std::string::String>,
}

impl Unhandled {
    /// An unhandled error with the given code and message.
    pub fn new(
        code: ::std::option::Option<::std::string::String>,
        message: ::std::option::Option<::std::string::String>,
    ) -> Self {
        Unhandled { code, message, status: ::std::option::Option::None, request_id: ::std::option::Option::None }
    }

    /// Record the HTTP status the error came with.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = ::std::option::Option::Some(status);
        self
    }

    /// Record the request id the error came with.
    pub fn with_request_id(mut self, request_id: ::std::option::Option<::std::string::String>) -> Self {
        self.request_id = request_id;
        self
    }

    /// The HTTP status code, when the error came from a response.
    pub fn status(&self) -> ::std::option::Option<u16> {
        self.status
    }

    /// The request id (`x-amzn-requestid`), when the service sent one.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        self.request_id.as_deref()
    }

    /// The error code the service sent, if any.
    pub fn code(&self) -> ::std::option::Option<&str> {
        self.code.as_deref()
    }

    /// The message the service sent, if any.
    pub fn message(&self) -> ::std::option::Option<&str> {
        self.message.as_deref()
    }
}

impl ::std::fmt::Display for Unhandled {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unhandled error"))?;
        if let ::std::option::Option::Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        ::std::result::Result::Ok(())
    }
}

impl ::std::error::Error for Unhandled {}

/// An `@error` structure, seen by the operation error enums that hold it.
pub trait ModelledError: Value + std::error::Error + Send + Sync + 'static {
    /// The error as a value (its code and message, equality, `Debug`).
    fn as_value(&self) -> &dyn Value;

    /// The error as the source of an operation's error.
    fn as_error(&self) -> &(dyn std::error::Error + 'static);
}

impl<T: Value + std::error::Error + Send + Sync + 'static> ModelledError for T {
    fn as_value(&self) -> &dyn Value {
        self
    }

    fn as_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

/// What an operation's error enum holds.
#[derive(Clone, Copy)]
pub enum ErrorRef<'a> {
    /// One of the operation's modelled errors, with the name of its variant.
    Modelled(&'static str, &'a dyn ModelledError),
    /// An error the model does not describe.
    Unhandled(&'a Unhandled),
}

impl<'a> ErrorRef<'a> {
    /// The error code (the error shape's name), as the service sent it.
    pub fn code(self) -> Option<&'a str> {
        match self {
            ErrorRef::Modelled(_, error) => Some(code(error.as_value().view())),
            ErrorRef::Unhandled(error) => error.code(),
        }
    }

    /// The human-readable message, if the service sent one.
    pub fn message(self) -> Option<&'a str> {
        match self {
            ErrorRef::Modelled(_, error) => message(error.as_value().view()),
            ErrorRef::Unhandled(error) => error.message(),
        }
    }

    /// The error held, as `std::error::Error::source` of the enum.
    pub fn source(self) -> &'a (dyn std::error::Error + 'static) {
        match self {
            ErrorRef::Modelled(_, error) => error.as_error(),
            ErrorRef::Unhandled(error) => error,
        }
    }

    /// `Display` of the enum: the held error's.
    ///
    /// # Errors
    ///
    /// When the formatter does.
    pub fn display(self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.source(), f)
    }

    /// `Debug` of the enum: `Variant(error)`.
    ///
    /// # Errors
    ///
    /// When the formatter does.
    pub fn debug(self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ErrorRef::Modelled(variant, error) => f.debug_tuple(variant).field(&crate::value::Debug(error.as_value())).finish(),
            ErrorRef::Unhandled(error) => f.debug_tuple("Unhandled").field(error).finish(),
        }
    }

    /// `PartialEq` of the enum: the same variant holding equal errors.
    pub fn equal(self, other: ErrorRef<'_>) -> bool {
        match (self, other) {
            (ErrorRef::Modelled(a, x), ErrorRef::Modelled(b, y)) => a == b && crate::value::equal(x.as_value().view(), y.as_value().view()),
            (ErrorRef::Unhandled(x), ErrorRef::Unhandled(y)) => x == y,
            _ => false,
        }
    }
}

/// Implemented by every operation's error enum (through [`operation_error!`](crate::operation_error)).
pub trait OperationError: Sized + std::error::Error + Send + Sync + 'static {
    /// The operation these are the errors of, as errors name it: `Connect.UpdateContactAttributes`.
    const OPERATION: &'static str;

    /// The error at `index` of the operation's errors ([`crate::schema::Operation::errors`]),
    /// read from `decoder`.
    ///
    /// # Errors
    ///
    /// When the error's body does not have the shape of its model.
    fn modelled(index: usize, decoder: &mut dyn Decoder) -> Result<Self, DeserializeError>;

    /// An error the model does not describe.
    fn unhandled(error: Unhandled) -> Self;

    /// The error this holds.
    fn error(&self) -> ErrorRef<'_>;
}

/// The message member of an `@error` structure, if it has one and it is set.
pub fn message(error: View<'_>) -> Option<&str> {
    let View::Structure(schema, error) = error else { return None };
    let index = schema.error?.message?;
    match error.member(index)?.get()?.view() {
        View::String(message) => Some(message),
        _ => None,
    }
}

/// The code of an `@error` structure (its shape's name).
pub fn code(error: View<'_>) -> &'static str {
    let View::Structure(schema, _) = error else { return "" };
    match schema.error {
        Some(info) => info.code,
        None => schema.id,
    }
}

/// `Code: message`, or `Code` alone: how an `@error` structure displays.
///
/// # Errors
///
/// When the formatter does.
pub fn display(error: &dyn Value, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    f.write_str(code(error.view()))?;
    if let Some(message) = message(error.view()) {
        write!(f, ": {message}")?;
    }
    Ok(())
}
