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

impl std::error::Error for ConstructionError {}

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

impl<E: std::fmt::Display> std::fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SdkError::Construction(error) => write!(f, "request not sent: {error}"),
            SdkError::Timeout { attempts } => write!(f, "timed out ({attempts} attempt(s))"),
            SdkError::Transport { error, attempts } => write!(f, "{error} ({attempts} attempt(s))"),
            SdkError::Service { error, status, request_id, attempts } => {
                write!(f, "service error (HTTP {status}, {attempts} attempt(s)")?;
                if let Some(id) = request_id {
                    write!(f, ", request id {id}")?;
                }
                write!(f, "): {error}")
            }
            SdkError::Response { error, status, .. } => write!(f, "cannot read the HTTP {status} response: {error}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
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

