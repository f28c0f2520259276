//! Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials};
use aws_credential_types::Credentials;

use crate::env::{non_empty, SharedEnv};

/// Reads the variables each time it is asked, so a rotated environment is picked up.
#[derive(Debug, Clone)]
pub struct EnvironmentCredentials {
    env: SharedEnv,
}

impl EnvironmentCredentials {
    /// Reading `env`.
    pub fn new(env: SharedEnv) -> Self {
        EnvironmentCredentials { env }
    }

    fn read(&self) -> provider::Result {
        let env = &*self.env;
        let Some(id) = non_empty(env, "AWS_ACCESS_KEY_ID") else {
            return Err(CredentialsError::not_loaded("AWS_ACCESS_KEY_ID is not set"));
        };
        let Some(secret) = non_empty(env, "AWS_SECRET_ACCESS_KEY") else {
            return Err(CredentialsError::invalid_configuration("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"));
        };
        Ok(Credentials::new(id, secret, non_empty(env, "AWS_SESSION_TOKEN"), None, "Environment"))
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(self.read())
    }
}
