//! Writing the generated tree: only changed files are rewritten, each atomically, stale files are
//! removed, and `--check` reports what differs without touching anything.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Relative path (with `/`) -> file contents.
pub type FileSet = BTreeMap<String, String>;

/// How the tree on disk differs from what the model produces.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Drift {
    pub stale: Vec<String>,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
}

impl Drift {
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (label, files) in [("stale", &self.stale), ("missing", &self.missing), ("extra", &self.extra)] {
            for file in files {
                writeln!(f, "  {label}: {file}")?;
            }
        }
        Ok(())
    }
}

/// Generated files on disk: everything under `src/`, `tests/` and a runtime copy, plus `Cargo.toml`. Other files in
/// the output directory (a README, say) are not ours and are left alone.
fn existing(out: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    if out.join("Cargo.toml").is_file() {
        found.push("Cargo.toml".to_string());
    }
    for dir in ["src", "tests", crate::RUNTIME_COPY_DIR] {
        let dir = out.join(dir);
        if !dir.is_dir() {
            continue;
        }
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(relative) = path.strip_prefix(out) {
                    found.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

pub fn check(out: &Path, files: &FileSet) -> io::Result<Drift> {
    let mut drift = Drift::default();
    for (path, contents) in files {
        match fs::read(out.join(path)) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => drift.stale.push(path.clone()),
            Err(err) if err.kind() == io::ErrorKind::NotFound => drift.missing.push(path.clone()),
            Err(err) => return Err(err),
        }
    }
    drift.extra = existing(out)?.into_iter().filter(|p| !files.contains_key(p)).collect();
    Ok(drift)
}

/// What a write changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
}

/// Bring `out` in line with `files`. Each file goes to a temporary sibling first and is renamed into
/// place, so an interrupted run never leaves a half-written file.
pub fn write(out: &Path, files: &FileSet) -> io::Result<WriteReport> {
    let drift = check(out, files)?;
    let mut report = WriteReport::default();
    for path in drift.stale.iter().chain(&drift.missing) {
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let temp = temp_path(&target);
        fs::write(&temp, &files[path])?;
        fs::rename(&temp, &target)?;
        report.written.push(path.clone());
    }
    for path in &drift.extra {
        fs::remove_file(out.join(path))?;
        report.removed.push(path.clone());
    }
    for dir in ["src", "tests", crate::RUNTIME_COPY_DIR] {
        remove_empty_dirs(&out.join(dir))?;
    }
    report.written.sort();
    report.unchanged = files.len() - report.written.len();
    Ok(report)
}

fn temp_path(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.codegen-tmp"))
}

fn remove_empty_dirs(dir: &Path) -> io::Result<bool> {
    if !dir.is_dir() {
        return Ok(false);
    }
    let mut empty = true;
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if !(path.is_dir() && remove_empty_dirs(&path)?) {
            empty = false;
        }
    }
    if empty {
        fs::remove_dir(dir)?;
    }
    Ok(empty)
}
