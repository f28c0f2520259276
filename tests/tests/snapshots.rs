//! Snapshots of the small single-concern fixture models in `tests/fixtures/`.
//!
//! Each fixture gets two snapshots, named so the snapshot directory reads as a table of contents:
//! - `<fixture>__ir`: a compact summary of the IR (every type, field, Rust type, check, box and
//!   rename note), the warnings, and the compiled patterns;
//! - `<fixture>__code`: the emitted Rust files in path order, without the runtime modules that are
//!   identical in every generated crate.
//!
//! Review a change with `INSTA_UPDATE=always cargo test -p integration-tests --test snapshots` and
//! `git diff tests/tests/snapshots/` (or `cargo insta review` where cargo-insta is installed).
//!
//! `fixtures_compile_warning_free` (ignored by default, it builds seven crates) writes each
//! fixture's crate to `target/fixture-check/<fixture>/` and runs clippy and rustdoc on it with
//! warnings denied:
//! `cargo test -p integration-tests --test snapshots -- --ignored fixtures_compile_warning_free`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diagnostics::Diagnostics;
use codegen::ir::{
    Check, Crate, Docs, ErrorEnum, Fault, Structure, Type, TypeDef, TypeName, TypePath,
};
use codegen::lower::Selection;
use codegen::model::ModelSource;
use codegen::output::FileSet;
use codegen::{Generated, Request};
use integration_tests::workspace_root;

/// Files every generated crate carries verbatim; snapshotting them once per fixture adds nothing.
const RUNTIME_FILES: &[&str] = &["src/validation.rs", "src/primitives.rs", "src/error.rs", "src/json.rs", "src/protocol.rs", "src/http.rs"];

/// Every fixture and the model files it is made of (the first names the fixture).
const FIXTURES: &[(&str, &[&str])] = &[
    ("naming_obstacles", &["naming_obstacles.json"]),
    ("constraints", &["constraints.json"]),
    ("recursion", &["recursion.json"]),
    ("unions_enums", &["unions_enums.json"]),
    ("errors", &["errors.json"]),
    ("hostile_docs", &["hostile_docs.json"]),
    (
        "mixins_apply",
        &["mixins_apply.json", "mixins_apply_more.json"],
    ),
];

fn fixture_dir() -> PathBuf {
    workspace_root().join("tests").join("fixtures")
}

/// A request for every operation of a fixture; sources are named `fixtures/<file>` so messages in
/// snapshots do not depend on the checkout's location.
fn request(fixture: &str) -> Request {
    let (_, files) = FIXTURES
        .iter()
        .find(|(name, _)| *name == fixture)
        .expect("a known fixture");
    let models: Vec<ModelSource> = files
        .iter()
        .map(|file| {
            let path = fixture_dir().join(file);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            ModelSource {
                name: format!("fixtures/{file}"),
                text,
            }
        })
        .collect();
    let mut request = Request::from_model("unused", "", Selection::All);
    request.models = models;
    request
}

fn generate(fixture: &str) -> Generated {
    codegen::generate(&request(fixture))
        .unwrap_or_else(|d| panic!("fixture `{fixture}` failed to generate:\n{d}"))
}

// ---------------------------------------------------------------------------------------------
// The IR summary

fn path_text(path: &TypePath) -> String {
    path.0
        .iter()
        .skip_while(|s| *s == "crate")
        .cloned()
        .collect::<Vec<_>>()
        .join("::")
}

fn type_text(ty: &Type) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Bool => "bool".into(),
        Type::I8 => "i8".into(),
        Type::I16 => "i16".into(),
        Type::I32 => "i32".into(),
        Type::I64 => "i64".into(),
        Type::F32 => "f32".into(),
        Type::F64 => "f64".into(),
        Type::BigInteger => "BigInteger".into(),
        Type::BigDecimal => "BigDecimal".into(),
        Type::Blob => "Blob".into(),
        Type::Timestamp => "DateTime".into(),
        Type::Document => "Document".into(),
        Type::Named { path, boxed, .. } => {
            let path = path_text(path);
            if *boxed { format!("Box<{path}>") } else { path }
        }
        Type::List(item) => format!("Vec<{}>", type_text(item)),
        Type::Map(key, value) => format!("HashMap<{}, {}>", type_text(key), type_text(value)),
    }
}

fn bounds<T: std::fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}..={max}"),
        (Some(min), None) => format!("{min}.."),
        (None, Some(max)) => format!("..={max}"),
        (None, None) => "..".into(),
    }
}

/// `length 1..=10, pattern NAME, items{...}`; `-` when nothing is checked.
fn check_text(check: &Check) -> String {
    let mut parts = Vec::new();
    if let Some(l) = &check.length {
        parts.push(format!("length {}", bounds(&l.min, &l.max)));
    }
    if let Some(r) = &check.range {
        parts.push(format!("range {}", bounds(&r.min, &r.max)));
    }
    if let Some(p) = &check.pattern {
        parts.push(format!("pattern {}", p.static_name));
    }
    if check.unique_items {
        parts.push("unique".into());
    }
    if let Some(p) = &check.key_pattern {
        parts.push(format!("key_pattern {}", p.static_name));
    }
    if let Some(max) = check.max_total_utf8_bytes {
        parts.push(format!("max_total_utf8_bytes {max}"));
    }
    for (label, nested) in [
        ("items", &check.items),
        ("keys", &check.keys),
        ("values", &check.values),
    ] {
        if let Some(nested) = nested {
            parts.push(format!("{label}{{{}}}", check_text(nested)));
        }
    }
    if check.nested {
        parts.push("nested".into());
    }
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

fn notes(out: &mut String, indent: &str, docs: &Docs) {
    for note in &docs.notes {
        let _ = writeln!(
            out,
            "{indent}note: {}",
            note.replace('\n', &format!("\n{indent}      "))
        );
    }
}

fn name_text(name: &TypeName) -> String {
    format!(
        "{} (module {}, builder {})",
        path_text(&name.path()),
        name.module,
        name.builder
    )
}

fn structure(out: &mut String, indent: &str, label: &str, s: &Structure) {
    let mut flags = Vec::new();
    if s.sensitive {
        flags.push("sensitive".to_string());
    }
    if let Some(d) = &s.deprecated {
        flags.push(format!("deprecated: {d}"));
    }
    if let Some(e) = &s.error {
        let fault = match e.fault {
            Fault::Client => "client",
            Fault::Server => "server",
        };
        let mut error = format!("error {fault}, code {}", e.code);
        if let Some(status) = e.http_status {
            let _ = write!(error, ", http {status}");
        }
        match e.message_field {
            Some(i) => {
                let _ = write!(error, ", message in `{}`", s.fields[i].ident.name);
            }
            None => error.push_str(", no message field"),
        }
        if e.retryable {
            error.push_str(", retryable");
        }
        flags.push(error);
    }
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!(" [{}]", flags.join("; "))
    };
    let _ = writeln!(
        out,
        "{indent}{label}struct {} <- {}{flags}",
        name_text(&s.name),
        s.shape_id
    );
    notes(out, &format!("{indent}  "), &s.docs);
    for f in &s.fields {
        let ident = if f.ident.raw {
            format!("r#{}", f.ident.name)
        } else {
            f.ident.name.clone()
        };
        let mut flags = Vec::new();
        if f.required {
            flags.push("required".to_string());
        }
        if f.sensitive {
            flags.push("sensitive".to_string());
        }
        if let Some(d) = &f.deprecated {
            flags.push(format!("deprecated: {d}"));
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", flags.join(", "))
        };
        let _ = writeln!(
            out,
            "{indent}  {ident}: {} <- `{}`{flags}; check: {}",
            type_text(&f.ty),
            f.member,
            check_text(&f.check)
        );
        notes(out, &format!("{indent}    "), &f.docs);
    }
}

fn error_enum(out: &mut String, indent: &str, e: &ErrorEnum) {
    let _ = writeln!(out, "{indent}error enum {}", e.ident);
    for v in &e.variants {
        let message = v
            .message_getter
            .as_ref()
            .map(|g| format!(", message via `{}()`", g.name))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{indent}  {}({}) code {}, is_{}{message}",
            v.ident,
            path_text(&v.path),
            v.code,
            v.snake
        );
    }
}

fn ir_summary(krate: &Crate, warnings: &Diagnostics) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "crate {} {} (lib {})",
        krate.package, krate.version, krate.lib_name
    );
    let _ = writeln!(out, "  description: {}", krate.description);
    let _ = writeln!(
        out,
        "  service: {}",
        krate.service_id.as_deref().unwrap_or("-")
    );
    for op in &krate.operations {
        let _ = writeln!(
            out,
            "\noperation {} <- {} (module operation::{})",
            op.name, op.shape_id, op.module
        );
        notes(&mut out, "  ", &op.docs);
        structure(&mut out, "  ", "input ", &op.input);
        structure(&mut out, "  ", "output ", &op.output);
        error_enum(&mut out, "  ", &op.error);
    }
    for def in &krate.types {
        out.push('\n');
        match def {
            TypeDef::Structure(s) => structure(&mut out, "", "", s),
            TypeDef::Enum(e) => {
                let kind = if e.int_enum { "int enum" } else { "enum" };
                let sensitive = if e.sensitive { " [sensitive]" } else { "" };
                let _ = writeln!(
                    out,
                    "{kind} {} <- {}{sensitive}; catch-all {}",
                    name_text(&e.name),
                    e.shape_id,
                    e.unknown_variant
                );
                for v in &e.variants {
                    let mut flags = Vec::new();
                    if v.internal {
                        flags.push("internal");
                    }
                    if v.deprecated.is_some() {
                        flags.push("deprecated");
                    }
                    let flags = if flags.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", flags.join(", "))
                    };
                    let _ = writeln!(out, "  {} = {:?}{flags}", v.ident, v.value);
                    notes(&mut out, "    ", &v.docs);
                }
            }
            TypeDef::Union(u) => {
                let sensitive = if u.sensitive { " [sensitive]" } else { "" };
                let _ = writeln!(
                    out,
                    "union {} <- {}{sensitive}; catch-all {}",
                    name_text(&u.name),
                    u.shape_id,
                    u.unknown_variant
                );
                for v in &u.variants {
                    let ty =
                        v.ty.as_ref()
                            .map(|t| format!("({})", type_text(t)))
                            .unwrap_or_default();
                    let sensitive = if v.sensitive { " [sensitive]" } else { "" };
                    let _ = writeln!(
                        out,
                        "  {}{ty} <- `{}`{sensitive}; is_{}; check: {}",
                        v.ident,
                        v.member,
                        v.snake,
                        check_text(&v.check)
                    );
                    notes(&mut out, "    ", &v.docs);
                }
            }
        }
    }
    if !krate.patterns.is_empty() {
        out.push_str("\npatterns\n");
        for p in &krate.patterns {
            let _ = writeln!(
                out,
                "  {}: {} => regex {}",
                p.static_name, p.source, p.regex
            );
        }
    }
    if !warnings.is_empty() {
        let _ = write!(out, "\nwarnings\n{warnings}\n");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The emitted code

fn code(files: &FileSet) -> String {
    let mut out = String::new();
    for (path, contents) in files {
        if RUNTIME_FILES.contains(&path.as_str()) {
            continue;
        }
        let _ = writeln!(out, "// ==== {path} ====");
        out.push_str(contents);
        if !contents.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

fn snapshot(fixture: &str) {
    let generated = generate(fixture);
    let again = generate(fixture);
    assert!(
        generated.files == again.files,
        "fixture `{fixture}`: two runs produced different files"
    );
    assert_eq!(
        generated.krate, again.krate,
        "fixture `{fixture}`: two runs produced different IR"
    );
    for runtime in RUNTIME_FILES {
        assert!(
            generated.files.contains_key(*runtime),
            "fixture `{fixture}`: the crate lacks {runtime}"
        );
    }
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(format!("{fixture}__ir"), ir_summary(&generated.krate, &generated.warnings));
        insta::assert_snapshot!(format!("{fixture}__code"), code(&generated.files));
    });
}

#[test]
fn naming_obstacles() {
    snapshot("naming_obstacles");
}

#[test]
fn constraints() {
    snapshot("constraints");
}

#[test]
fn recursion() {
    snapshot("recursion");
}

#[test]
fn unions_enums() {
    snapshot("unions_enums");
}

#[test]
fn errors() {
    snapshot("errors");
}

#[test]
fn hostile_docs() {
    snapshot("hostile_docs");
}

#[test]
fn mixins_apply() {
    snapshot("mixins_apply");
}

/// The IR `lower_request` gives is the one `generate` emits from.
#[test]
fn lower_request_matches_generate() {
    for (fixture, _) in FIXTURES {
        let request = request(fixture);
        let (krate, warnings) =
            codegen::lower_request(&request).unwrap_or_else(|d| panic!("{fixture}:\n{d}"));
        let generated = generate(fixture);
        assert_eq!(krate, generated.krate, "{fixture}");
        assert_eq!(warnings, generated.warnings, "{fixture}");
    }
}

// ---------------------------------------------------------------------------------------------
// Compile check (ignored by default)

fn run(dir: &Path, target: &Path, args: &[&str], rustdocflags: Option<&str>) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut command = Command::new(cargo);
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target);
    // Lints must not depend on flags the outer build happens to use.
    command
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    match rustdocflags {
        Some(flags) => command.env("RUSTDOCFLAGS", flags),
        None => command.env_remove("RUSTDOCFLAGS"),
    };
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed in {}:\n{}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Write a fixture's crate as a standalone package (empty `[workspace]`, the workspace's lock file
/// so no new versions are resolved) and build it with clippy and rustdoc, warnings denied.
fn compile_check(fixture: &str) -> Result<(), String> {
    let mut request = request(fixture);
    request.package = format!("fixture-{}", fixture.replace('_', "-"));
    let generated = codegen::generate(&request).map_err(|d| d.to_string())?;
    let root = workspace_root().join("target").join("fixture-check");
    let dir = root.join(fixture);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
    }
    for (path, contents) in &generated.files {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("files live in a directory"))
            .map_err(|e| e.to_string())?;
        let contents = if path == "Cargo.toml" {
            format!("{contents}\n[workspace]\n")
        } else {
            contents.clone()
        };
        std::fs::write(&file, contents).map_err(|e| e.to_string())?;
    }
    let lock = workspace_root().join("Cargo.lock");
    if lock.is_file() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    }
    let target = root.join("target");
    run(
        &dir,
        &target,
        &[
            "clippy",
            "--offline",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        None,
    )?;
    run(
        &dir,
        &target,
        &["doc", "--offline", "--no-deps"],
        Some("-Dwarnings"),
    )?;
    Ok(())
}

#[test]
#[ignore = "builds every fixture crate with clippy and rustdoc; run with `cargo test -p integration-tests --test snapshots -- --ignored`"]
fn fixtures_compile_warning_free() {
    let failures: Vec<String> = FIXTURES
        .iter()
        .filter_map(|(fixture, _)| {
            compile_check(fixture)
                .err()
                .map(|e| format!("==== {fixture} ====\n{e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} fixture crate(s) do not build cleanly:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
