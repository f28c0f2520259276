//! Where the profile files are and which profile is selected, per the AWS SDKs' file-location
//! rules, read through an [`Env`].

use std::io;
use std::path::{Path, PathBuf};

use super::parse::{FileKind, ParseError, ProfileSet};
use crate::env::{home_dir, non_empty, Env};

/// The two files' paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locations {
    /// `AWS_CONFIG_FILE`, else `~/.aws/config`; `None` without a home directory.
    pub config: Option<PathBuf>,
    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`; `None` without a home directory.
    pub credentials: Option<PathBuf>,
}

impl Locations {
    /// The locations `env` gives.
    pub fn from_env(env: &dyn Env) -> Locations {
        let home = home_dir(env);
        let locate = |var: &str, default: &str| match non_empty(env, var) {
            Some(path) => Some(expand_home(&path, home.as_deref())),
            None => home.as_ref().map(|home| home.join(".aws").join(default)),
        };
        Locations { config: locate("AWS_CONFIG_FILE", "config"), credentials: locate("AWS_SHARED_CREDENTIALS_FILE", "credentials") }
    }
}

/// `~` at the start of an overriding path means the home directory, as in the SDKs.
fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\")), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if path == "~" => home.map_or_else(|| PathBuf::from(path), Path::to_path_buf),
        _ => PathBuf::from(path),
    }
}

/// The profile selected: `AWS_PROFILE`, else `default`.
pub fn selected_profile(env: &dyn Env) -> (String, bool) {
    match non_empty(env, "AWS_PROFILE") {
        Some(name) => (name, true),
        None => ("default".to_string(), false),
    }
}

/// Why the profile files could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A file exists but could not be read.
    Read {
        /// Its path.
        path: PathBuf,
        /// Why.
        error: io::Error,
    },
    /// A file is malformed.
    Parse {
        /// Its path.
        path: PathBuf,
        /// The line and what is wrong.
        error: ParseError,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Read { path, error } => write!(f, "could not read {}: {error}", path.display()),
            LoadError::Parse { path, error } => write!(f, "{} is malformed: line {}: {}", path.display(), error.line, error.message),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Read { error, .. } => Some(error),
            LoadError::Parse { error, .. } => Some(error),
        }
    }
}

/// The loaded files.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Their sections, merged.
    pub set: ProfileSet,
    /// Which files existed, for messages.
    pub found: Vec<PathBuf>,
}

/// Read and merge the config and credentials files; a file that does not exist counts as empty,
/// as in the SDKs.
///
/// # Errors
///
/// A file that exists but cannot be read, or is malformed.
pub fn load(env: &dyn Env) -> Result<Loaded, LoadError> {
    let locations = Locations::from_env(env);
    let mut loaded = Loaded::default();
    for (path, kind) in [(locations.config, FileKind::Config), (locations.credentials, FileKind::Credentials)] {
        let Some(path) = path else { continue };
        let text = match env.read_file(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(LoadError::Read { path, error }),
        };
        if let Err(error) = loaded.set.add_file(&text, kind) {
            return Err(LoadError::Parse { path, error });
        }
        loaded.found.push(path);
    }
    Ok(loaded)
}
