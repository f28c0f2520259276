//! Errors shared by every operation.

pub use crate::validation::ValidationError;

/// An error the service returned that the operation's model does not describe.
///
/// Kept whole so callers can still branch on the code or log the message.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::default::Default)]
pub struct Unhandled {
    code: ::std::option::Option<::std::string::String>,
    message: ::std::option::Option<::std::string::String>,
}

impl Unhandled {
    /// An unhandled error with the given code and message.
    pub fn new(
        code: ::std::option::Option<::std::string::String>,
        message: ::std::option::Option<::std::string::String>,
    ) -> Self {
        Unhandled { code, message }
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
