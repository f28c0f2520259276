//! Credentials from the selected profile, as the AWS SDKs resolve a profile chain: a profile
//! with `role_arn` assumes that role through STS with the credentials of its `source_profile`
//! (itself a chain, followed until a profile with static keys or no role) or of its
//! `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`); `role_arn` with
//! `web_identity_token_file` assumes the role with that token; otherwise the profile's SSO
//! settings, static keys, or `credential_process`, in that order.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use smithy_rt::client::HttpTransport;

use smithy_rt::client::{Clock, SystemClock};
use crate::clients::ServiceSettings;
use crate::container::ContainerCredentials;
use crate::env::SharedEnv;
use crate::environment::EnvironmentCredentials;
use crate::error::with_context;
use crate::imds::ImdsCredentials;
use crate::process::{CredentialProcess, DEFAULT_PROCESS_TIMEOUT};
use crate::profile::{load, selected_profile, ProfileSet, Section};
use crate::sso::{SsoCredentials, SsoProfile};
use crate::sts::{AssumeRoleCredentials, Role, WebIdentityCredentials};

/// Reads the profile files each time it is asked (wrap it in a cache), so edits are picked up.
#[derive(Debug, Clone)]
pub struct ProfileCredentials {
    env: SharedEnv,
    profile: Option<String>,
    process_timeout: Duration,
    transport: Option<Arc<dyn HttpTransport>>,
    region: Option<String>,
    clock: Arc<dyn Clock>,
}

/// Where the chain starts: credentials of its own, or another provider's.
enum Base {
    Static(Credentials),
    Provider(String, SharedCredentialsProvider),
}

/// A resolved profile chain: the base credentials, then each role to assume with the last,
/// and how STS is reached for them.
struct Plan {
    base: Base,
    roles: Vec<(String, Role)>,
    settings: ServiceSettings,
}

impl ProfileCredentials {
    /// The profile `AWS_PROFILE` names (else `default`), from the files `env` locates.
    pub fn new(env: SharedEnv) -> Self {
        ProfileCredentials { env, profile: None, process_timeout: DEFAULT_PROCESS_TIMEOUT, transport: None, region: None, clock: Arc::new(SystemClock) }
    }

    /// This profile instead of `AWS_PROFILE`'s.
    pub fn profile_name(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The limit on a `credential_process` command ([`DEFAULT_PROCESS_TIMEOUT`] unless set).
    pub fn process_timeout(mut self, timeout: Duration) -> Self {
        self.process_timeout = timeout;
        self
    }

    /// Send STS, SSO, container and IMDS requests through this transport.
    pub fn transport(mut self, transport: Arc<dyn HttpTransport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Call STS in this region (else the environment's or the profile's, else `us-east-1`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Judge SSO token expiry by this clock.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// How the chain's calls go out; the region and endpoints from the files `resolve` loaded,
    /// not a second read.
    fn settings(&self, set: &ProfileSet, profile: &str) -> ServiceSettings {
        let mut settings = ServiceSettings::new(self.env.clone());
        if let Some(region) = self.region.clone().or_else(|| crate::region::region_in(&*self.env, set, profile)) {
            settings = settings.region(region);
        }
        if let Some(transport) = &self.transport {
            settings = settings.transport(transport.clone());
        }
        settings.profile_endpoints(crate::clients::profile_endpoints(set, profile))
    }

    /// Follow the chain from the selected profile.
    fn resolve(&self) -> Result<Plan, CredentialsError> {
        let (name, explicit) = match &self.profile {
            Some(name) => (name.clone(), true),
            None => selected_profile(&*self.env),
        };
        let loaded = load(&*self.env).map_err(|error| CredentialsError::invalid_configuration(error.to_string()))?;
        let set = &loaded.set;
        if set.profile(&name).is_none() {
            let message = match loaded.found.as_slice() {
                [] => format!("profile `{name}` is not defined: there are no profile files"),
                files => format!("profile `{name}` is not defined in {}", files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(" or ")),
            };
            // A profile asked for by name must exist; the implicit `default` may not.
            return Err(if explicit { CredentialsError::invalid_configuration(message) } else { CredentialsError::not_loaded(message) });
        }
        let invalid = |message: String| CredentialsError::invalid_configuration(message);
        let settings = self.settings(set, &name);
        let mut roles = Vec::new();
        let mut visited = BTreeSet::new();
        let mut current = name;
        loop {
            let Some(profile) = set.profile(&current) else {
                return Err(invalid(format!("profile `{}` names `source_profile = {current}`, which is not defined", roles.last().map(|(n, _): &(String, Role)| n.as_str()).unwrap_or(""))));
            };
            if !visited.insert(current.clone()) {
                let chain: Vec<&str> = roles.iter().map(|(n, _)| n.as_str()).collect();
                return Err(invalid(format!("profiles form a `source_profile` cycle: {} -> {current}", chain.join(" -> "))));
            }
            // A source profile with keys of its own ends the chain, even if it names a role too.
            if visited.len() > 1 {
                if let Some(credentials) = static_keys(&current, profile)? {
                    return Ok(Plan { base: Base::Static(credentials), roles, settings });
                }
            }
            let Some(arn) = get(profile, "role_arn") else {
                let base = self.leaf(&current, profile, set, &settings)?;
                return Ok(Plan { base, roles, settings });
            };
            if get(profile, "mfa_serial").is_some() {
                // Without the token code STS refuses the call; say why up front instead.
                return Err(invalid(format!("profile `{current}` has `mfa_serial`: assuming a role with an MFA token code is not supported")));
            }
            let role = Role {
                arn: arn.to_string(),
                session_name: get(profile, "role_session_name").map(str::to_string),
                external_id: get(profile, "external_id").map(str::to_string),
                duration: match get(profile, "duration_seconds") {
                    None => None,
                    Some(text) => Some(Duration::from_secs(
                        text.parse().map_err(|_| invalid(format!("profile `{current}` has `duration_seconds = {text}`, which is not a number of seconds")))?,
                    )),
                },
            };
            if let Some(file) = get(profile, "web_identity_token_file") {
                let provider = WebIdentityCredentials::new(file, role, settings.clone());
                return Ok(Plan { base: Base::Provider(format!("profile `{current}` (web identity)"), SharedCredentialsProvider::new(provider)), roles, settings });
            }
            match (get(profile, "source_profile"), get(profile, "credential_source")) {
                (Some(_), Some(_)) => return Err(invalid(format!("profile `{current}` has both `source_profile` and `credential_source`; keep one"))),
                (Some(source), None) if source == current => {
                    let credentials = static_keys(&current, profile)?
                        .ok_or_else(|| invalid(format!("profile `{current}` is its own `source_profile` but has no `aws_access_key_id`")))?;
                    roles.push((current, role));
                    return Ok(Plan { base: Base::Static(credentials), roles, settings });
                }
                (Some(source), None) => {
                    let source = source.to_string();
                    roles.push((current, role));
                    current = source;
                }
                (None, Some(source)) => {
                    let base = self.credential_source(&current, source)?;
                    roles.push((current, role));
                    return Ok(Plan { base, roles, settings });
                }
                (None, None) => {
                    return Err(invalid(format!("profile `{current}` has `role_arn` but neither `source_profile`, `credential_source` nor `web_identity_token_file`")));
                }
            }
        }
    }

    /// The credentials of a profile without a role: SSO, static keys, or `credential_process`.
    fn leaf(&self, name: &str, profile: &Section, set: &ProfileSet, settings: &ServiceSettings) -> Result<Base, CredentialsError> {
        if let Some(sso) = sso_profile(name, profile, set)? {
            let provider = SsoCredentials::new(sso, settings.clone()).clock(self.clock.clone());
            return Ok(Base::Provider(format!("profile `{name}` (SSO)"), SharedCredentialsProvider::new(provider)));
        }
        if let Some(credentials) = static_keys(name, profile)? {
            return Ok(Base::Static(credentials));
        }
        if let Some(command) = get(profile, "credential_process") {
            let process = CredentialProcess::new(command).timeout(self.process_timeout);
            return Ok(Base::Provider(format!("profile `{name}`"), SharedCredentialsProvider::new(process)));
        }
        Err(CredentialsError::not_loaded(format!("profile `{name}` has neither `aws_access_key_id`, `credential_process`, SSO settings nor `role_arn`")))
    }

    fn credential_source(&self, name: &str, source: &str) -> Result<Base, CredentialsError> {
        let described = format!("profile `{name}` (credential_source {source})");
        let provider = match source {
            "Environment" => SharedCredentialsProvider::new(EnvironmentCredentials::new(self.env.clone())),
            "Ec2InstanceMetadata" => {
                let mut imds = ImdsCredentials::new(self.env.clone());
                if let Some(transport) = &self.transport {
                    imds = imds.transport(transport.clone());
                }
                SharedCredentialsProvider::new(imds)
            }
            "EcsContainer" => {
                let mut container = ContainerCredentials::new(self.env.clone());
                if let Some(transport) = &self.transport {
                    container = container.transport(transport.clone());
                }
                SharedCredentialsProvider::new(container)
            }
            other => {
                return Err(CredentialsError::invalid_configuration(format!(
                    "profile `{name}` has `credential_source = {other}`; the sources are Environment, Ec2InstanceMetadata and EcsContainer"
                )));
            }
        };
        Ok(Base::Provider(described, provider))
    }

    async fn provide(&self) -> provider::Result {
        let plan = self.resolve()?;
        let mut credentials = match plan.base {
            Base::Static(credentials) => credentials,
            Base::Provider(name, provider) => provider.provide_credentials().await.map_err(|error| with_context(&name, &error))?,
        };
        for (name, role) in plan.roles.into_iter().rev() {
            let assume = AssumeRoleCredentials::new(role, credentials, plan.settings.clone());
            credentials = assume.provide_credentials().await.map_err(|error| with_context(&format!("profile `{name}`"), &error))?;
        }
        Ok(credentials)
    }
}

fn get<'p>(profile: &'p Section, name: &str) -> Option<&'p str> {
    profile.get(name).filter(|v| !v.is_empty())
}

fn static_keys(name: &str, profile: &Section) -> Result<Option<Credentials>, CredentialsError> {
    let Some(id) = get(profile, "aws_access_key_id") else { return Ok(None) };
    let Some(secret) = get(profile, "aws_secret_access_key") else {
        return Err(CredentialsError::invalid_configuration(format!("profile `{name}` has `aws_access_key_id` but no `aws_secret_access_key`")));
    };
    let token = get(profile, "aws_session_token").map(str::to_string);
    Ok(Some(Credentials::new(id, secret, token, None, "ProfileFile")))
}

/// The profile's SSO settings: from its `[sso-session]` when it names one (the session's
/// values must agree with any the profile repeats), else the legacy ones in the profile.
fn sso_profile(name: &str, profile: &Section, set: &ProfileSet) -> Result<Option<SsoProfile>, CredentialsError> {
    let invalid = |message: String| CredentialsError::invalid_configuration(message);
    let session = get(profile, "sso_session");
    if session.is_none() && get(profile, "sso_start_url").is_none() {
        return Ok(None);
    }
    let need = |property: &str| get(profile, property).map(str::to_string).ok_or_else(|| invalid(format!("profile `{name}` uses SSO but has no `{property}`")));
    let (start_url, region) = match session {
        Some(session) => {
            let section = set.sso_sessions().get(session).ok_or_else(|| invalid(format!("profile `{name}` names `sso_session = {session}`, but there is no `[sso-session {session}]`")))?;
            let from_session = |property: &str| {
                get(section, property).map(str::to_string).ok_or_else(|| invalid(format!("`[sso-session {session}]` has no `{property}`")))
            };
            let (start_url, region) = (from_session("sso_start_url")?, from_session("sso_region")?);
            for (property, value) in [("sso_start_url", &start_url), ("sso_region", &region)] {
                if let Some(own) = get(profile, property).filter(|own| own != value) {
                    return Err(invalid(format!("profile `{name}` has `{property} = {own}`, but its `[sso-session {session}]` says `{value}`")));
                }
            }
            (start_url, region)
        }
        None => (need("sso_start_url")?, need("sso_region")?),
    };
    Ok(Some(SsoProfile { session: session.map(str::to_string), start_url, region, account_id: need("sso_account_id")?, role_name: need("sso_role_name")? }))
}

impl ProvideCredentials for ProfileCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.provide())
    }
}
