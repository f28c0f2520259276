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

/// Generated Rust files that hold no items and inline modules with an empty body: a feature the
/// generator cannot produce must be a diagnostic, never an empty module. A file that does not
/// parse is reported too.
pub fn empty_modules<'a>(files: impl IntoIterator<Item = (&'a String, &'a String)>) -> Vec<String> {
    let mut empty = Vec::new();
    for (path, text) in files {
        if !path.ends_with(".rs") {
            continue;
        }
        match syn::parse_file(text) {
            Ok(file) if file.items.is_empty() => empty.push(format!("{path}: no items")),
            Ok(file) => empty_inline_modules(path, &file.items, &mut empty),
            Err(e) => empty.push(format!("{path}: does not parse: {e}")),
        }
    }
    empty
}

fn empty_inline_modules(path: &str, items: &[syn::Item], empty: &mut Vec<String>) {
    for item in items {
        if let syn::Item::Mod(module) = item {
            match &module.content {
                Some((_, inner)) if inner.is_empty() => empty.push(format!("{path}: `mod {}` is empty", module.ident)),
                Some((_, inner)) => empty_inline_modules(path, inner, empty),
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod empty_module_tests {
    use super::empty_modules;

    fn check(text: &str) -> Vec<String> {
        let files = [("src/x.rs".to_string(), text.to_string())];
        empty_modules(files.iter().map(|(p, t)| (p, t)))
    }

    #[test]
    fn finds_files_without_items_and_empty_inline_modules_at_any_depth() {
        assert_eq!(check("//! @generated\n#![allow(dead_code)]\n"), ["src/x.rs: no items"]);
        assert_eq!(check("pub mod a { pub mod b {} }"), ["src/x.rs: `mod b` is empty"]);
        assert_eq!(check("mod c;"), Vec::<String>::new());
        assert_eq!(check("const S: &str = \"mod x {}\"; pub mod a { pub struct A; }"), Vec::<String>::new());
        assert!(check("pub mod {")[0].contains("does not parse"));
    }
}
