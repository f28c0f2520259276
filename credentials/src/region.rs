//! The region, as the SDKs resolve it without IMDS: `AWS_REGION`, `AWS_DEFAULT_REGION`, then
//! the selected profile's `region`.

use crate::env::{non_empty, Env};
use crate::profile::{load, selected_profile, LoadError, ProfileSet};

/// The region `env` configures, if any.
///
/// # Errors
///
/// When the region comes down to the profile files and one of them cannot be read or parsed.
pub fn region(env: &dyn Env) -> Result<Option<String>, LoadError> {
    if let Some(region) = from_env(env) {
        return Ok(Some(region));
    }
    let (name, _) = selected_profile(env);
    Ok(in_profile(&load(env)?.set, &name))
}

/// `AWS_REGION`, else `AWS_DEFAULT_REGION`.
fn from_env(env: &dyn Env) -> Option<String> {
    non_empty(env, "AWS_REGION").or_else(|| non_empty(env, "AWS_DEFAULT_REGION"))
}

fn in_profile(set: &ProfileSet, profile: &str) -> Option<String> {
    set.profile(profile).and_then(|profile| profile.get("region")).filter(|region| !region.is_empty()).map(str::to_string)
}

/// [`region`] with the profile files already loaded (`profile` is the selected one).
pub(crate) fn region_in(env: &dyn Env, set: &ProfileSet, profile: &str) -> Option<String> {
    from_env(env).or_else(|| in_profile(set, profile))
}
