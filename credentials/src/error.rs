//! Readable credential errors: aws-credential-types' `Display` names only the kind ("the
//! credential provider was not enabled"); the reason is in its source.

use std::error::Error;

use aws_credential_types::provider::error::CredentialsError;

/// The error's kind and every reason below it, `: `-separated.
pub fn describe(error: &CredentialsError) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Just the reasons (the source chain), or the kind when there is none.
pub(crate) fn reason(error: &CredentialsError) -> String {
    let mut parts = Vec::new();
    let mut source = error.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    if parts.is_empty() { error.to_string() } else { parts.join(": ") }
}

/// The same kind of error, its reason prefixed with `context`.
pub(crate) fn with_context(context: &str, error: &CredentialsError) -> CredentialsError {
    let message = format!("{context}: {}", reason(error));
    match error {
        CredentialsError::CredentialsNotLoaded(_) => CredentialsError::not_loaded(message),
        CredentialsError::ProviderTimedOut(_) => CredentialsError::provider_timed_out(timeout_of(error)),
        CredentialsError::InvalidConfiguration(_) => CredentialsError::invalid_configuration(message),
        CredentialsError::ProviderError(_) => CredentialsError::provider_error(message),
        _ => CredentialsError::unhandled(message),
    }
}

fn timeout_of(error: &CredentialsError) -> std::time::Duration {
    match error {
        CredentialsError::ProviderTimedOut(details) => details.timeout_duration(),
        _ => std::time::Duration::ZERO,
    }
}
