//! Shared helpers for the integration tests (paths to the workspace, `../shared` lookups).

pub mod alloc;
pub mod loopback;
pub mod sigv4;

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this package's directory).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives inside the workspace")
        .to_path_buf()
}

/// A file under `../shared` (next to the checkout), or `None` with a printed reason when absent,
/// so tests that need the official data skip instead of failing on machines without it.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = workspace_root().join("..").join("shared").join(relative);
    if path.is_file() {
        Some(path)
    } else {
        println!("skipped: {} is absent (the official data lives in ../shared)", path.display());
        None
    }
}
