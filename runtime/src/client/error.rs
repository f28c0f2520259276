//! What can go wrong calling an operation.

use super::transport::TransportError;
use aws_credential_types::provider::error::CredentialsError;

/// Why a request was not sent at all.
#[derive(std::fmt::Debug)]
#[non_exhaustive]
pub enum ConstructionError {
    /// The input violates constraints of the model.
    Validation(crate::validate::ValidationError),
    /// The request could not be formed.
    Request(crate::http::RequestError),
    /// No endpoint: no region and no endpoint override, or the rule set refused the settings.
    Endpoint(String),
    /// No credentials provider, or it failed.
    Credentials(CredentialsError),
    /// Signing failed.
    Signing(String),
    /// The endpoint's `authSchemes` lists only schemes this client cannot sign with (their names).
    AuthSchemes(Vec<String>),
    /// The config lacks a transport or timer (enable `default-https-client` or set them).
    MissingComponent(&'static str),
}

impl std::fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConstructionError::Validation(error) => std::fmt::Display::fmt(error, f),
            ConstructionError::Request(error) => std::fmt::Display::fmt(error, f),
            ConstructionError::Endpoint(message) => write!(f, "cannot resolve the endpoint: {message}"),
            ConstructionError::Credentials(error) => write!(f, "no credentials: {error}"),
            ConstructionError::Signing(message) => write!(f, "cannot sign the request: {message}"),
            ConstructionError::AuthSchemes(names) => {
                write!(f, "the endpoint accepts only auth schemes this client cannot sign with: {}", names.join(", "))?;
                if !cfg!(feature = "sigv4a") && names.iter().any(|name| name == "sigv4a") {
                    f.write_str(" (sigv4a needs the `sigv4a` feature)")?;
                }
                Ok(())
            }
            ConstructionError::MissingComponent(what) => {
                write!(f, "the client config has no {what}; enable the `default-https-client` feature or set one")
            }
        }
    }
}

impl std::error::Error for ConstructionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConstructionError::Validation(error) => Some(error),
            ConstructionError::Request(error) => Some(error),
            ConstructionError::Credentials(error) => Some(error),
            _ => None,
        }
    }
}

/// Everything that can go wrong calling an operation, with what was learned on the way.
#[derive(std::fmt::Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// Nothing was sent: invalid input, no endpoint, no credentials, signing failed.
    Construction(ConstructionError),
    /// Every attempt hit the timeout.
    Timeout {
        /// Attempts made.
        attempts: u32,
    },
    /// The transport failed on the last attempt.
    Transport {
        /// The transport's error.
        error: TransportError,
        /// Attempts made.
        attempts: u32,
    },
    /// The service returned an error (the operation's typed error).
    Service {
        /// The operation's error.
        error: E,
        /// The HTTP status.
        status: u16,
        /// The request id (`x-amzn-requestid`).
        request_id: Option<String>,
        /// Attempts made.
        attempts: u32,
    },
    /// The response could not be understood.
    Response {
        /// What was wrong, and where.
        error: crate::error::DeserializeError,
        /// The HTTP status.
        status: u16,
        /// The request id (`x-amzn-requestid`).
        request_id: Option<String>,
        /// Attempts made.
        attempts: u32,
    },
}

impl SdkError<std::convert::Infallible> {
    /// The same error as one of an operation with errors of type `E` (it holds none).
    pub fn cast<E>(self) -> SdkError<E> {
        match self {
            SdkError::Construction(error) => SdkError::Construction(error),
            SdkError::Timeout { attempts } => SdkError::Timeout { attempts },
            SdkError::Transport { error, attempts } => SdkError::Transport { error, attempts },
            SdkError::Service { error, .. } => match error {},
            SdkError::Response { error, status, request_id, attempts } => SdkError::Response { error, status, request_id, attempts },
        }
    }
}

impl<E> SdkError<E> {
    /// The operation's error, when the service returned one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Take the operation's error.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            SdkError::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The request id of the last response, if any.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            SdkError::Service { request_id, .. } | SdkError::Response { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// Attempts made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            SdkError::Construction(_) => 0,
            SdkError::Timeout { attempts }
            | SdkError::Transport { attempts, .. }
            | SdkError::Service { attempts, .. }
            | SdkError::Response { attempts, .. } => *attempts,
        }
    }
}

impl<E: crate::error::OperationError> SdkError<E> {
    /// The operation that failed, as errors name it: `Connect.UpdateContactAttributes`.
    pub fn operation(&self) -> &'static str {
        E::OPERATION
    }

    /// The error code the service sent (`InvalidRequestException`), when it returned an error.
    pub fn code(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.error().code())
    }

    /// The service's message, when it returned an error with one.
    pub fn message(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.error().message())
    }

    /// The HTTP status of the last response, if one came.
    pub fn status(&self) -> Option<u16> {
        match self {
            SdkError::Service { status, .. } | SdkError::Response { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// Says what failed and why, in one line: the operation, then the service's code and message
/// with the HTTP status, request id and attempts, or why no answer came.
impl<E: crate::error::OperationError> std::fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let error = match self {
            SdkError::Construction(error) => Described::Construction(error),
            SdkError::Timeout { attempts } => Described::Timeout(*attempts),
            SdkError::Transport { error, attempts } => Described::Transport(error, *attempts),
            SdkError::Service { error, status, request_id, attempts } => Described::Service(error.error(), *status, request_id.as_deref(), *attempts),
            SdkError::Response { error, status, request_id, .. } => Described::Response(error, *status, request_id.as_deref()),
        };
        describe(f, E::OPERATION, error)
    }
}

/// An [`SdkError`] without its error type, so that its message is written by code compiled once
/// rather than once per operation.
enum Described<'a> {
    Construction(&'a ConstructionError),
    Timeout(u32),
    Transport(&'a TransportError, u32),
    Service(crate::error::ErrorRef<'a>, u16, Option<&'a str>, u32),
    Response(&'a crate::error::DeserializeError, u16, Option<&'a str>),
}

fn describe(f: &mut std::fmt::Formatter<'_>, operation: &str, error: Described<'_>) -> std::fmt::Result {
    let attempts = |f: &mut std::fmt::Formatter<'_>, n: u32| write!(f, "{n} attempt{}", if n == 1 { "" } else { "s" });
    match error {
        Described::Construction(error) => write!(f, "{operation} was not sent: {error}"),
        Described::Timeout(n) => {
            write!(f, "{operation} timed out (")?;
            attempts(f, n)?;
            f.write_str(")")
        }
        Described::Transport(error, n) => {
            write!(f, "{operation} got no response: {error} (")?;
            attempts(f, n)?;
            f.write_str(")")
        }
        Described::Service(view, status, request_id, n) => {
            write!(f, "{operation} failed: {}", view.code().unwrap_or("an error without a code"))?;
            if let Some(message) = view.message() {
                write!(f, ": {message}")?;
            }
            write!(f, " (HTTP {status}")?;
            if let Some(id) = request_id {
                write!(f, ", request id {id}")?;
            }
            f.write_str(", ")?;
            attempts(f, n)?;
            f.write_str(")")
        }
        Described::Response(error, status, request_id) => {
            write!(f, "{operation} got an HTTP {status} response it cannot read: {error}")?;
            if let Some(id) = request_id {
                write!(f, " (request id {id})")?;
            }
            Ok(())
        }
    }
}

impl<E: crate::error::OperationError> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SdkError::Construction(error) => Some(error),
            SdkError::Timeout { .. } => None,
            SdkError::Transport { error, .. } => Some(error),
            SdkError::Service { error, .. } => Some(error),
            SdkError::Response { error, .. } => Some(error),
        }
    }
}

