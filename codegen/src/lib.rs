//! Smithy 2.0 JSON AST in, a small validated Rust client crate out.
//!
//! One direction of flow: [`model`] loads and assembles the JSON AST -> [`check`] and [`overlay`]
//! validate and extend it -> [`lower`] decides everything (names via [`naming`]) into the [`ir`] ->
//! [`emit`] writes tokens per concern -> [`render`] formats -> [`output`] writes only what changed.

#![allow(
    clippy::result_large_err,
    reason = "diagnostics are built only on the error path and carry their location; boxing them buys nothing"
)]

pub mod bindings;
pub mod check;
pub mod config;
pub mod diagnostics;
pub mod docs;
pub mod emit;
pub mod ir;
pub mod lower;
pub mod model;
pub mod naming;
pub mod output;
pub mod overlay;
pub mod pattern;
pub mod render;
pub mod traits;

use diagnostics::{Diagnostic, Diagnostics};
use lower::Selection;
use model::ModelSource;

/// Everything one generation run needs, with inputs already read into memory.
pub struct Request {
    pub models: Vec<ModelSource>,
    pub overlays: Vec<ModelSource>,
    pub service: Option<String>,
    pub selection: Selection,
    pub package: String,
    pub version: String,
    pub description: Option<String>,
    pub suppressions: Vec<config::Suppression>,
    /// Which Smithy protocol compliance cases become tests (`requests`, `responses`, `malformed_requests`).
    pub protocol_tests: Vec<String>,
    /// Generate the callable client (config, signing, retries, transport).
    pub client: bool,
    /// Compliance cases that do not run, by id, with the reason.
    pub protocol_test_skips: std::collections::BTreeMap<String, String>,
}

impl Request {
    /// A request for fixtures and tests: one model text, default crate settings.
    pub fn from_model(name: &str, text: &str, selection: Selection) -> Request {
        Request {
            models: vec![ModelSource { name: name.to_string(), text: text.to_string() }],
            overlays: Vec::new(),
            service: None,
            selection,
            package: "generated".to_string(),
            version: "0.1.0".to_string(),
            description: None,
            suppressions: Vec::new(),
            protocol_tests: Vec::new(),
            client: false,
            protocol_test_skips: Default::default(),
        }
    }

    /// Read the files a config names (diagnostics for unreadable ones).
    pub fn from_config(config: &config::Config, selection: Option<Selection>) -> Result<Request, Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        let mut read = |paths: &[std::path::PathBuf]| -> Vec<ModelSource> {
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
        Ok(Request {
            models,
            overlays,
            service: config.service.clone(),
            selection: selection.unwrap_or_else(|| {
                if config.all_operations { Selection::All } else { Selection::Named(config.operations.clone()) }
            }),
            package: config.crate_name.clone(),
            version: config.crate_version.clone(),
            description: config.crate_description.clone(),
            suppressions: config.suppressions.clone(),
            protocol_tests: config.protocol_tests.clone(),
            client: config.client,
            protocol_test_skips: config.protocol_test_skips.clone(),
        })
    }
}

/// Every crate this repository generates: the main client, then generated test crates.
/// Paths are relative to the workspace root.
pub const CONFIGS: &[&str] = &[
    "codegen.json",
    "tests/crates/constraints/codegen.json",
    "tests/crates/restjson/codegen.json",
    "tests/crates/restjson-validation/codegen.json",
];

/// Load a config file and run the whole pipeline for it. `Ok(None)` (with the reason printed)
/// when the config's models are optional data that is absent here, such as `../shared`.
pub fn generate_from_config(path: &std::path::Path, selection: Option<Selection>) -> Result<Option<(config::Config, Generated)>, Diagnostics> {
    let config = config::Config::load(path)?;
    if config.models_optional {
        if let Some(missing) = config.models.iter().find(|m| !m.is_file()) {
            println!("skipped {}: its model {} is absent", path.display(), missing.display());
            return Ok(None);
        }
    }
    let request = Request::from_config(&config, selection)?;
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
    let krate = lower_request(request)?;
    let (krate, warnings) = krate;
    // Every translated expression of `krate.patterns` was compiled by `pattern::analyze`, with
    // the builder settings of the generated crate: no second compilation here.
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(emit::endpoint_diagnostics(&krate));
    let mut files = output::FileSet::new();
    for (path, rendered) in render::render_crate(&krate) {
        match rendered {
            Ok(text) => {
                files.insert(path, text);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if diagnostics.has_errors() {
        diagnostics.extend(warnings);
        return Err(diagnostics);
    }
    Ok(Generated { files, warnings, krate })
}

/// Load, check and lower: the IR and the warnings, or every error found.
pub fn lower_request(request: &Request) -> Result<(ir::Crate, Diagnostics), Diagnostics> {
    // Keep going after load errors so the checks below report their problems in the same run.
    let (mut model, mut diagnostics) = model::assemble(&request.models);
    let mut notes = overlay::OverlayNotes::new();
    for source in &request.overlays {
        diagnostics.extend(overlay::apply(&mut model, &source.name, &source.text, &mut notes));
    }
    diagnostics.extend(check::check_model(&model));
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let lower_with = |analyze: lower::Analyzer<'_>| {
        lower::lower(&lower::LowerRequest {
            model: &model,
            analyze,
            service: request.service.as_deref(),
            selection: &request.selection,
            package: &request.package,
            version: &request.version,
            description: request.description.as_deref(),
            suppressions: &request.suppressions,
            overlay_notes: &notes,
            protocol_tests: &request.protocol_tests,
            client: request.client,
            protocol_test_skips: &request.protocol_test_skips,
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
        let request = Request::from_model("m.json", model, Selection::All);
        let (model, _) = model::load_sources(&request.models).expect("loads");
        lower::lower(&lower::LowerRequest {
            model: &model,
            analyze,
            service: None,
            selection: &request.selection,
            package: &request.package,
            version: &request.version,
            description: None,
            suppressions: &[],
            overlay_notes: &overlay::OverlayNotes::new(),
            protocol_tests: &[],
            client: false,
            protocol_test_skips: &Default::default(),
        })
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
        let request = Request::from_model("m.json", MODEL, Selection::All);
        let (krate, warnings) = lower_request(&request).expect("lowers");
        let not_enforced: Vec<&str> = warnings.0.iter().filter(|d| d.code == "PatternNotEnforced").map(|d| d.message.as_str()).collect();
        assert!(matches!(not_enforced[..], [message] if message.contains("size limit")), "{not_enforced:?}");
        let sources: Vec<&str> = krate.patterns.iter().map(|p| p.source.as_str()).collect();
        assert_eq!(sources, ["^(?!aws:)[a-z:]*$", "^[a-z]+$"]);
    }
}
