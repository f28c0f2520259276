//! Smithy 2.0 JSON AST in, a small validated Rust client crate out.
//!
//! One direction of flow: [`model`] loads and assembles the JSON AST -> [`overlay`] extends it ->
//! [`check`] validates it and parses every trait once -> [`lower`] decides everything (names via
//! [`naming`]) into the typed [`ir`] -> [`emit`] writes tokens per concern -> [`render`] formats
//! -> [`output`] writes only what changed. The generated crate depends on the runtime crate
//! (`runtime/`, package `smithy-rt`), which does everything that is the same for every shape.

#![allow(
    clippy::result_large_err,
    reason = "diagnostics are built only on the error path and carry their location; boxing them buys nothing"
)]

pub mod check;
pub mod config;
pub mod customize;
pub mod diagnostics;
pub mod docs;
pub mod emit;
pub mod graph;
pub mod ir;
pub mod lower;
pub mod model;
pub mod naming;
pub mod node;
pub mod output;
pub mod overlay;
pub mod pattern;
pub mod render;
pub mod select;
pub mod traits;

use std::path::{Path, PathBuf};

use config::Settings;
use diagnostics::{Diagnostic, Diagnostics};
use model::ModelSource;

/// Everything one generation run needs, with inputs already read into memory.
pub struct Request {
    pub models: Vec<ModelSource>,
    pub overlays: Vec<ModelSource>,
    pub settings: Settings,
}

impl Request {
    /// A request for fixtures and tests: one model text, default settings for package `generated`.
    pub fn from_model(name: &str, text: &str, selection: config::Selection) -> Request {
        let mut settings = Settings::new("generated");
        settings.selection = selection;
        Request { models: vec![ModelSource { name: name.to_string(), text: text.to_string() }], overlays: Vec::new(), settings }
    }

    /// Read the files a config names (diagnostics for unreadable ones).
    pub fn from_config(config: &config::Config) -> Result<Request, Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        let mut read = |paths: &[PathBuf]| -> Vec<ModelSource> {
            paths
                .iter()
                .filter_map(|path| match std::fs::read_to_string(path) {
                    Ok(text) => Some(ModelSource { name: path.display().to_string(), text }),
                    Err(err) => {
                        diagnostics.push(Diagnostic::error("ModelUnreadable", format!("cannot read: {err}")).file(path.display().to_string()));
                        None
                    }
                })
                .collect()
        };
        let models = read(&config.models);
        let overlays = read(&config.overlays);
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(Request { models, overlays, settings: config.settings.clone() })
    }
}

/// The runtime crate of this repository.
pub fn runtime_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("runtime")
}

/// The `path` a crate generated into `output` uses for `smithy-credentials`: the repository's
/// `credentials/` relative to it when the runtime is the repository's too; `None` when the
/// runtime is copied beside the crate (the credentials crate and its clients are not).
pub fn credentials_path_from(output: &Path) -> Option<String> {
    let runtime = runtime_path_from(output);
    (runtime != RUNTIME_COPY_DIR).then(|| match runtime.strip_suffix("runtime") {
        Some(prefix) => format!("{prefix}credentials"),
        None => format!("{runtime}/../credentials"),
    })
}

/// The `path` a crate generated into `output` uses for the runtime dependency: the repository's
/// `runtime/` relative to it when both are inside this repository, else the copy of the runtime
/// written beside the crate ([`RUNTIME_COPY_DIR`], see [`runtime_files`]).
pub fn runtime_path_from(output: &Path) -> String {
    let absolute = |p: &Path| -> Option<PathBuf> {
        let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().ok()?.join(p) };
        Some(normalize(&p))
    };
    let (Some(runtime), Some(output)) = (absolute(&runtime_dir()), absolute(output)) else {
        return RUNTIME_COPY_DIR.to_string();
    };
    let Some(repo) = runtime.parent() else { return RUNTIME_COPY_DIR.to_string() };
    if !output.starts_with(repo) {
        return RUNTIME_COPY_DIR.to_string();
    }
    let out: Vec<_> = output.components().collect();
    let run: Vec<_> = runtime.components().collect();
    let common = out.iter().zip(&run).take_while(|(a, b)| a == b).count();
    let mut relative: Vec<String> = std::iter::repeat_n("..".to_string(), out.len() - common).collect();
    relative.extend(run[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    relative.join("/")
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Where a crate generated outside this repository finds the runtime: a copy written into this
/// directory inside the crate.
pub const RUNTIME_COPY_DIR: &str = "smithy-rt";

/// Every crate this repository generates: the main client, the generated test crates, and the
/// fixture snapshots (each fixture's code, committed as a crate the workspace builds).
/// Paths are relative to the workspace root.
pub const CONFIGS: &[&str] = &[
    "codegen.json",
    "credentials/clients/sts/codegen.json",
    "credentials/clients/sso/codegen.json",
    "credentials/clients/sso-oidc/codegen.json",
    "tests/crates/constraints/codegen.json",
    "tests/crates/restjson/codegen.json",
    "tests/crates/restjson-validation/codegen.json",
    "tests/crates/json10/codegen.json",
    "tests/crates/json10-query-compatible/codegen.json",
    "tests/crates/json11/codegen.json",
    "tests/crates/query/codegen.json",
    "tests/crates/ec2/codegen.json",
    "tests/crates/restxml/codegen.json",
    "tests/crates/restxml-xmlns/codegen.json",
    "tests/crates/s3/codegen.json",
    "tests/crates/machinelearning/codegen.json",
    "tests/crates/sts/codegen.json",
    "tests/crates/dynamodb/codegen.json",
    "tests/crates/sqs/codegen.json",
    "tests/crates/route53/codegen.json",
    "tests/snapshots/naming_obstacles/codegen.json",
    "tests/snapshots/constraints/codegen.json",
    "tests/snapshots/recursion/codegen.json",
    "tests/snapshots/unions_enums/codegen.json",
    "tests/snapshots/errors/codegen.json",
    "tests/snapshots/hostile_docs/codegen.json",
    "tests/snapshots/mixins_apply/codegen.json",
    "tests/snapshots/glacier_customizations/codegen.json",
    "tests/snapshots/waiters/codegen.json",
    "tests/snapshots/paginators/codegen.json",
];

/// Load a config file and run the whole pipeline for it. `Ok(None)` (with the reason printed)
/// when the config's models are optional data that is absent here, such as `../shared`.
pub fn generate_from_config(path: &Path) -> Result<Option<(config::Config, Generated)>, Diagnostics> {
    let config = config::Config::load(path)?;
    if config.models_optional {
        if let Some(missing) = config.models.iter().find(|m| !m.is_file()) {
            println!("skipped {}: its model {} is absent", path.display(), missing.display());
            return Ok(None);
        }
    }
    let request = Request::from_config(&config)?;
    let generated = generate(&request)?;
    Ok(Some((config, generated)))
}

/// The result of a successful run: the files and any warnings.
pub struct Generated {
    pub files: output::FileSet,
    pub warnings: Diagnostics,
    pub krate: ir::Crate,
}

/// Run the whole pipeline in memory. Nothing touches the disk, so a failed run writes nothing.
pub fn generate(request: &Request) -> Result<Generated, Diagnostics> {
    let (krate, warnings) = lower_request(request)?;
    let mut diagnostics = Diagnostics::default();
    let mut files = output::FileSet::new();
    for (path, rendered) in render::render_crate(&krate) {
        match rendered {
            Ok(text) => {
                files.insert(path, text);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if krate.runtime.path == RUNTIME_COPY_DIR {
        for (path, text) in runtime_files() {
            files.insert(format!("{RUNTIME_COPY_DIR}/{path}"), text.to_string());
        }
    }
    if diagnostics.has_errors() {
        diagnostics.extend(warnings);
        return Err(diagnostics);
    }
    Ok(Generated { files, warnings, krate })
}

/// The runtime crate's sources, for crates generated outside this repository: `Cargo.toml`
/// (standalone, with the workspace settings filled in) and every file under `src/`.
pub fn runtime_files() -> Vec<(&'static str, String)> {
    let manifest = include_str!("../../runtime/Cargo.toml")
        .replace("edition.workspace = true", "edition = \"2024\"")
        .replace("rust-version.workspace = true", "rust-version = \"1.85\"")
        .replace("license.workspace = true", "license = \"Apache-2.0\"")
        .replace("publish.workspace = true", "publish = false")
        .replace("serde_json.workspace = true", "serde_json = \"1\"");
    // The copy has the sources, not the runtime's own tests: drop their `[[test]]` targets.
    let mut in_test = false;
    let manifest: String = manifest
        .lines()
        .filter(|line| {
            if line.starts_with('[') {
                in_test = line.trim() == "[[test]]";
            }
            !in_test
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let mut files = vec![("Cargo.toml", manifest)];
    files.extend(RUNTIME_SOURCES.iter().map(|(path, text)| (*path, (*text).to_string())));
    files
}

macro_rules! runtime_sources {
    ($($path:literal),* $(,)?) => {
        /// Every source file of the runtime crate (a test checks the list is complete).
        pub const RUNTIME_SOURCES: &[(&str, &str)] = &[$(($path, include_str!(concat!("../../runtime/", $path)))),*];
    };
}

runtime_sources!(
    "src/lib.rs",
    "src/macros.rs",
    "src/schema.rs",
    "src/debug.rs",
    "src/decode.rs",
    "src/error.rs",
    "src/primitives.rs",
    "src/text.rs",
    "src/value.rs",
    "src/named.rs",
    "src/smithy_types.rs",
    "src/validate.rs",
    "src/pattern.rs",
    "src/json/mod.rs",
    "src/json/encode.rs",
    "src/json/decode.rs",
    "src/xml/mod.rs",
    "src/xml/parse.rs",
    "src/xml/write.rs",
    "src/xml/decode.rs",
    "src/xml/encode.rs",
    "src/http.rs",
    "src/protocol/mod.rs",
    "src/protocol/http_bindings.rs",
    "src/protocol/rest_json.rs",
    "src/protocol/aws_json.rs",
    "src/protocol/query/mod.rs",
    "src/protocol/query/form.rs",
    "src/protocol/query/response.rs",
    "src/protocol/rest_xml.rs",
    "src/endpoint.rs",
    "src/client/mod.rs",
    "src/client/cache.rs",
    "src/client/config.rs",
    "src/client/configured_endpoint.rs",
    "src/client/error.rs",
    "src/client/paginate.rs",
    "src/client/retry.rs",
    "src/client/sdk_config.rs",
    "src/client/sign.rs",
    "src/client/transport.rs",
    "src/client/waiter/mod.rs",
    "src/client/waiter/expr.rs",
    "src/client/waiter/tests.rs",
    "src/transport.rs",
    "src/testing.rs",
);

/// Load, check and lower: the IR and the warnings, or every error found.
pub fn lower_request(request: &Request) -> Result<(ir::Crate, Diagnostics), Diagnostics> {
    // Keep going after load errors so the checks below report their problems in the same run.
    let (mut model, mut diagnostics) = model::assemble(&request.models);
    let mut notes = overlay::OverlayNotes::new();
    for source in &request.overlays {
        diagnostics.extend(overlay::apply(&mut model, &source.name, &source.text, &mut notes));
    }
    let scope = match select::select(&model, &request.settings) {
        Ok(scope) => scope,
        Err(unselectable) => {
            diagnostics.extend(unselectable);
            return Err(diagnostics);
        }
    };
    let (traits, checked) = check::check_model(&model, &scope);
    diagnostics.extend(checked);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let lower_with = |analyze: lower::Analyzer<'_>| {
        lower::lower(&lower::LowerRequest {
            model: &model,
            scope: &scope,
            traits: &traits,
            analyze,
            settings: &request.settings,
            overlay_notes: &notes,
        })
    };
    let (krate, lowered) = lower_compiling_patterns_alongside(&lower_with).unwrap_or_else(|| lower_with(&pattern::analyze));
    diagnostics.extend(lowered);
    match krate {
        Some(krate) if !diagnostics.has_errors() => Ok((krate, diagnostics)),
        _ => Err(diagnostics),
    }
}

/// Run `lower_with` with [`pattern::analyze_unverified`] while a second thread compiles every
/// translated expression it produces: proving that translations compile (tens of milliseconds
/// for big repeats of Unicode classes) then costs lowering nothing. When they all compile, the
/// result is exactly that of lowering with [`pattern::analyze`]; `None` when one does not, and
/// the caller lowers again with [`pattern::analyze`], which reports why.
fn lower_compiling_patterns_alongside<T>(lower_with: &dyn Fn(lower::Analyzer<'_>) -> T) -> Option<T> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::channel::<String>();
        let compiler = scope.spawn(move || receiver.iter().all(|regex| pattern::compile(&regex).is_ok()));
        let lowered = {
            let analyze = move |text: &str| {
                let analysis = pattern::analyze_unverified(text);
                for regex in analysis.iter().flat_map(pattern::Analysis::expressions) {
                    // The compiler thread stops listening at the first failure; that is all it has to say.
                    let _ = sender.send(regex.clone());
                }
                analysis
            };
            lower_with(&analyze)
            // `analyze` and the sender go here, so the compiler thread ends with its queue.
        };
        let compiled = compiler.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        compiled.then_some(lowered)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One operation whose input has a small pattern, a pattern over the regex size limit, and
    /// a pattern with a leading lookahead.
    const MODEL: &str = r#"{
        "smithy": "2.0",
        "shapes": {
            "ex#Service": {"type": "service", "operations": [{"target": "ex#Put"}]},
            "ex#Put": {"type": "operation", "input": {"target": "ex#PutInput"}, "output": {"target": "smithy.api#Unit"}},
            "ex#PutInput": {"type": "structure", "members": {
                "small": {"target": "ex#Small"},
                "huge": {"target": "ex#Huge"},
                "look": {"target": "ex#Look"}
            }},
            "ex#Small": {"type": "string", "traits": {"smithy.api#pattern": "^[a-z]+$"}},
            "ex#Huge": {"type": "string", "traits": {"smithy.api#pattern": "^(?:\\w{1000}){1000}$"}},
            "ex#Look": {"type": "string", "traits": {"smithy.api#pattern": "^(?!aws:)[a-z:]*$"}}
        }
    }"#;

    fn lowered(model: &str, analyze: lower::Analyzer<'_>) -> (Option<ir::Crate>, Diagnostics) {
        let request = Request::from_model("m.json", model, config::Selection::All);
        let (model, _) = model::load_sources(&request.models).expect("loads");
        let scope = select::select(&model, &request.settings).expect("one service");
        let (traits, _) = check::check_model(&model, &scope);
        let notes = overlay::OverlayNotes::new();
        lower::lower(&lower::LowerRequest { model: &model, scope: &scope, traits: &traits, analyze, settings: &request.settings, overlay_notes: &notes })
    }

    #[test]
    fn patterns_compiled_alongside_lowering_change_nothing() {
        let small = MODEL.replace(r#""huge": {"target": "ex#Huge"},"#, "");
        for model in [MODEL, small.as_str()] {
            let verified = lowered(model, &pattern::analyze);
            let alongside = lower_compiling_patterns_alongside(&|analyze| lowered(model, analyze));
            // Over the size limit: the second thread reports it and the caller lowers again.
            assert_eq!(alongside.is_none(), model == MODEL);
            let alongside = alongside.unwrap_or_else(|| lowered(model, &pattern::analyze));
            assert_eq!(format!("{:?}", alongside.0), format!("{:?}", verified.0));
            assert_eq!(alongside.1, verified.1);
        }
        let request = Request::from_model("m.json", MODEL, config::Selection::All);
        let (krate, warnings) = lower_request(&request).expect("lowers");
        let not_enforced: Vec<&str> = warnings.0.iter().filter(|d| d.code == "PatternNotEnforced").map(|d| d.message.as_str()).collect();
        assert!(matches!(not_enforced[..], [message] if message.contains("size limit")), "{not_enforced:?}");
        let mut sources: Vec<&str> = krate.patterns.iter().map(|p| p.source.as_str()).collect();
        sources.sort();
        assert_eq!(sources, ["^(?!aws:)[a-z:]*$", "^[a-z]+$"]);
    }

    #[test]
    fn the_runtime_source_list_is_complete() {
        let mut on_disk = Vec::new();
        let mut stack = vec![runtime_dir().join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("runtime/src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(relative) = path.strip_prefix(runtime_dir()) {
                    on_disk.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        on_disk.sort();
        let mut listed: Vec<String> = RUNTIME_SOURCES.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(listed, on_disk, "update `runtime_sources!` in codegen/src/lib.rs");
    }

    #[test]
    fn the_copied_runtime_manifest_names_no_test_targets_it_lacks() {
        let files = runtime_files();
        let manifest = &files.iter().find(|(path, _)| *path == "Cargo.toml").expect("a manifest").1;
        assert!(!manifest.contains("[[test]]") && !manifest.contains("required-features"), "{manifest}");
        assert!(manifest.contains("[features]") && manifest.contains("[package.metadata.docs.rs]"), "{manifest}");
        assert!(!manifest.contains(".workspace = true"), "{manifest}");
    }
}
