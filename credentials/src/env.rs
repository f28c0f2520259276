//! The seam between the providers and the process: environment variables and files. Providers
//! take an [`Env`] so tests (and embedders) can describe a machine without touching the real one.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Environment variables and file contents, as the providers see them.
pub trait Env: std::fmt::Debug + Send + Sync {
    /// The variable's value; `None` when it is unset or not valid Unicode.
    fn var(&self, name: &str) -> Option<String>;

    /// The whole file as text.
    ///
    /// # Errors
    ///
    /// When the file cannot be read (`NotFound` when it does not exist).
    fn read_file(&self, path: &Path) -> io::Result<String>;

    /// Replace the file's contents (the SSO token cache, after a refresh).
    ///
    /// # Errors
    ///
    /// When the file cannot be written.
    fn write_file(&self, path: &Path, contents: &str) -> io::Result<()>;
}

/// A shared [`Env`], as the providers hold it.
pub type SharedEnv = Arc<dyn Env>;

/// The variable's value, with an empty value treated as unset (as the AWS SDKs do).
pub(crate) fn non_empty(env: &dyn Env, name: &str) -> Option<String> {
    env.var(name).filter(|value| !value.is_empty())
}

/// The user's home directory per the AWS SDKs' file-location rules: `HOME`, then `USERPROFILE`,
/// then `HOMEDRIVE` + `HOMEPATH`.
pub fn home_dir(env: &dyn Env) -> Option<PathBuf> {
    if let Some(home) = non_empty(env, "HOME").or_else(|| non_empty(env, "USERPROFILE")) {
        return Some(PathBuf::from(home));
    }
    match (non_empty(env, "HOMEDRIVE"), non_empty(env, "HOMEPATH")) {
        (Some(drive), Some(path)) => Some(PathBuf::from(format!("{drive}{path}"))),
        _ => None,
    }
}

/// The real process environment and file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsEnv;

impl Env for OsEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn read_file(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
    }

    /// Written beside the file and renamed over it, so a reader never sees half a token.
    fn write_file(&self, path: &Path, contents: &str) -> io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let partial = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&partial, contents)?;
        std::fs::rename(&partial, path)
    }
}

/// A described machine: the variables and files given, nothing else. Its `Debug` shows names
/// only, since values are often secrets.
#[derive(Clone, Default)]
pub struct FakeEnv {
    vars: BTreeMap<String, String>,
    /// Shared by clones, so a test can read what a provider wrote.
    files: Arc<Mutex<BTreeMap<PathBuf, String>>>,
}

impl FakeEnv {
    /// No variables, no files.
    pub fn new() -> Self {
        FakeEnv::default()
    }

    /// With this variable set.
    pub fn var(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.vars.insert(name.into(), value.into());
        self
    }

    /// With this file present.
    pub fn file(self, path: impl Into<PathBuf>, contents: impl Into<String>) -> Self {
        self.files_mut().insert(path.into(), contents.into());
        self
    }

    /// The file's contents now (after providers wrote to it, say).
    pub fn contents(&self, path: impl AsRef<Path>) -> Option<String> {
        self.files_mut().get(path.as_ref()).cloned()
    }

    fn files_mut(&self) -> std::sync::MutexGuard<'_, BTreeMap<PathBuf, String>> {
        // A test that panicked while holding the lock leaves the map as it was.
        self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Shared, as the providers take it.
    pub fn shared(self) -> SharedEnv {
        Arc::new(self)
    }
}

impl std::fmt::Debug for FakeEnv {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeEnv").field("vars", &self.vars.keys().collect::<Vec<_>>()).field("files", &self.files_mut().keys().cloned().collect::<Vec<_>>()).finish()
    }
}

impl Env for FakeEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).cloned()
    }

    fn read_file(&self, path: &Path) -> io::Result<String> {
        self.files_mut().get(path).cloned().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("{} does not exist", path.display())))
    }

    fn write_file(&self, path: &Path, contents: &str) -> io::Result<()> {
        self.files_mut().insert(path.to_path_buf(), contents.to_string());
        Ok(())
    }
}
