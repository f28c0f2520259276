//! The region, as the SDKs resolve it without IMDS: `AWS_REGION`, `AWS_DEFAULT_REGION`, then
//! the selected profile's `region`.

use crate::env::{non_empty, Env};
use crate::profile::{load, selected_profile, LoadError};

/// The region `env` configures, if any.
///
/// # Errors
///
/// When the region comes down to the profile files and one of them cannot be read or parsed.
pub fn region(env: &dyn Env) -> Result<Option<String>, LoadError> {
    if let Some(region) = non_empty(env, "AWS_REGION").or_else(|| non_empty(env, "AWS_DEFAULT_REGION")) {
        return Ok(Some(region));
    }
    let (name, _) = selected_profile(env);
    let loaded = load(env)?;
    Ok(loaded.set.profile(&name).and_then(|profile| profile.get("region")).filter(|region| !region.is_empty()).map(str::to_string))
}
