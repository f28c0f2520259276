//! Errors shared by every operation.

pub use crate::validation::ValidationError;

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
