//! The endpoint URL the AWS SDKs' shared settings configure for a service ("service-specific
//! endpoints"): environment variables first, then the shared config file's selected profile.

/// The selected profile's endpoint settings (read by a credentials chain such as
/// `smithy-credentials`, which parses the shared config file): they apply below the
/// environment's endpoint variables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileEndpoints {
    /// The profile's `endpoint_url`, for every service.
    pub endpoint_url: Option<String>,
    /// The `endpoint_url`s of the profile's `services` section, by service key: the lowercase
    /// suffix of the service's `AWS_ENDPOINT_URL_<SERVICE>` (`sts`, `sso_oidc`, `connect`).
    pub services: Vec<(String, String)>,
    /// The profile's `ignore_configured_endpoint_urls` is `true`: no configured endpoint applies,
    /// from the environment either (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` says otherwise).
    pub ignore_configured: bool,
}

/// The global endpoint variable.
const GLOBAL_VARIABLE: &str = "AWS_ENDPOINT_URL";

/// Turns configured endpoints off, above the profile's `ignore_configured_endpoint_urls`.
const IGNORE_VARIABLE: &str = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

/// The endpoint URL configured for the service whose variable is `variable`
/// (`AWS_ENDPOINT_URL_STS`; `None` when the service is not known yet), highest precedence first:
/// that variable, `AWS_ENDPOINT_URL`, the profile's `services` entry for the service, the
/// profile's `endpoint_url`. None at all when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`,
/// or is unset and the profile ignores configured endpoints.
///
/// `var` reads an environment variable, `None` when unset or empty.
pub fn configured_endpoint(variable: Option<&str>, var: &dyn Fn(&str) -> Option<String>, profile: Option<&ProfileEndpoints>) -> Option<String> {
    let ignored = match var(IGNORE_VARIABLE) {
        Some(value) => value.eq_ignore_ascii_case("true"),
        None => profile.is_some_and(|profile| profile.ignore_configured),
    };
    if ignored {
        return None;
    }
    let key = variable.and_then(|variable| variable.strip_prefix("AWS_ENDPOINT_URL_"));
    let from_profile = || {
        let profile = profile?;
        let service = key.and_then(|key| profile.services.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)));
        service.map(|(_, url)| url.clone()).or_else(|| profile.endpoint_url.clone())
    };
    variable.and_then(var).or_else(|| var(GLOBAL_VARIABLE)).or_else(from_profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_string())
    }

    fn profile(ignore: bool) -> ProfileEndpoints {
        ProfileEndpoints {
            endpoint_url: Some("http://profile".to_string()),
            services: vec![("sso_oidc".to_string(), "http://profile-oidc".to_string()), ("STS".to_string(), "http://profile-sts".to_string())],
            ignore_configured: ignore,
        }
    }

    #[test]
    fn the_service_variable_then_the_global_one_then_the_profile_service_then_the_profile() {
        let all = env(&[("AWS_ENDPOINT_URL_STS", "http://env-sts"), ("AWS_ENDPOINT_URL", "http://env")]);
        let p = profile(false);
        assert_eq!(configured_endpoint(Some("AWS_ENDPOINT_URL_STS"), &all, Some(&p)).as_deref(), Some("http://env-sts"));
        assert_eq!(configured_endpoint(Some("AWS_ENDPOINT_URL_SSO_OIDC"), &all, Some(&p)).as_deref(), Some("http://env"));
        let none = env(&[]);
        assert_eq!(configured_endpoint(Some("AWS_ENDPOINT_URL_SSO_OIDC"), &none, Some(&p)).as_deref(), Some("http://profile-oidc"));
        // Service keys compare without case.
        assert_eq!(configured_endpoint(Some("AWS_ENDPOINT_URL_STS"), &none, Some(&p)).as_deref(), Some("http://profile-sts"));
        assert_eq!(configured_endpoint(Some("AWS_ENDPOINT_URL_CONNECT"), &none, Some(&p)).as_deref(), Some("http://profile"));
        assert_eq!(configured_endpoint(None, &none, Some(&p)).as_deref(), Some("http://profile"));
        assert_eq!(configured_endpoint(Some("AWS_ENDPOINT_URL_CONNECT"), &none, None), None);
    }

    #[test]
    fn ignoring_is_the_variables_call_before_the_profiles() {
        let p = profile(true);
        let set = env(&[("AWS_ENDPOINT_URL", "http://env")]);
        assert_eq!(configured_endpoint(Some("AWS_ENDPOINT_URL_STS"), &set, Some(&p)), None);
        let not_ignored = env(&[("AWS_ENDPOINT_URL", "http://env"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")]);
        assert_eq!(configured_endpoint(Some("AWS_ENDPOINT_URL_STS"), &not_ignored, Some(&p)).as_deref(), Some("http://env"));
        let ignored = env(&[("AWS_ENDPOINT_URL", "http://env"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE")]);
        assert_eq!(configured_endpoint(Some("AWS_ENDPOINT_URL_STS"), &ignored, Some(&profile(false))), None);
        assert_eq!(configured_endpoint(None, &ignored, None), None);
    }
}
