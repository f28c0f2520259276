//! Invalid models in, diagnostics out: every problem reported, located and explained, and never a panic.
//!
//! Each case is a tiny model written inline. `invalid_models__diagnostics` snapshots what a user
//! would read for all of them; the other tests pin the behaviour the snapshot cannot show (errors
//! instead of panics, every problem in one run, and the Connect pattern warnings and their suppression).

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};

use codegen::config::Suppression;
use codegen::diagnostics::{Diagnostics, Severity};
use codegen::config::Selection;
use codegen::{Generated, Request};

/// A model document around the given shapes (written without the outer braces).
fn model(shapes: &str) -> String {
    format!(r#"{{"smithy": "2.0", "shapes": {{ {shapes} }}}}"#)
}

/// [`model`], plus an operation `example#Probe` whose input has a member targeting each of the
/// shapes a member can target: the checks cover the shapes a run generates, and this makes the
/// case's shapes part of it.
fn probed(shapes: &str) -> String {
    let text = format!(r#"{{"smithy": "2.0", "shapes": {{ {shapes} }}}}"#);
    let mut document: serde_json::Value = serde_json::from_str(&text).expect("the case is JSON");
    let shapes = document["shapes"].as_object_mut().expect("shapes");
    let members: serde_json::Map<String, serde_json::Value> = shapes
        .iter()
        .filter(|(id, shape)| {
            let kind = shape["type"].as_str().unwrap_or("");
            id.contains('#')
                && !matches!(kind, "operation" | "service" | "resource")
                && shape.pointer("/traits/smithy.api#mixin").is_none()
                && shape.pointer("/traits/smithy.api#error").is_none()
        })
        .enumerate()
        .map(|(i, (id, _))| (format!("probe{i}"), serde_json::json!({ "target": id })))
        .collect();
    if !members.is_empty() {
        shapes.insert("example#Probe".into(), serde_json::json!({ "type": "operation", "input": { "target": "example#ProbeInput" } }));
        shapes.insert("example#ProbeInput".into(), serde_json::json!({ "type": "structure", "members": members }));
    }
    document.to_string()
}

/// An operation `example#Op` whose input is `example#OpInput`; the cases that need lowering (name
/// collisions) reach their shapes through it.
const OP: &str = r#"
    "example#Op": { "type": "operation", "input": { "target": "example#OpInput" }, "output": { "target": "smithy.api#Unit" } }
"#;

/// One invalid model per problem, named for the snapshot.
fn cases() -> Vec<(&'static str, String)> {
    vec![
        (
            "bad_json",
            r#"{"smithy": "2.0", "shapes": { "example#A": { "type": "string" }, }"#.to_string(),
        ),
        (
            "unknown_member_target",
            model(
                r#"
                "example#CustomerName": { "type": "string" },
                "example#Customer": { "type": "structure", "members": { "name": { "target": "example#CustomerNam" } } }
                "#,
            ),
        ),
        (
            "length_min_greater_than_max",
            probed(
                r#""example#Code": { "type": "string", "traits": { "smithy.api#length": { "min": 5, "max": 2 } } }"#,
            ),
        ),
        (
            "length_on_boolean",
            probed(
                r#""example#Flag": { "type": "boolean", "traits": { "smithy.api#length": { "max": 1 } } }"#,
            ),
        ),
        (
            "range_with_string_bound",
            probed(
                r#""example#Count": { "type": "integer", "traits": { "smithy.api#range": { "min": "1" } } }"#,
            ),
        ),
        (
            "member_names_collide",
            model(&format!(
                r#"{OP},
                "example#OpInput": {{ "type": "structure", "members": {{
                    "fooBar": {{ "target": "smithy.api#String" }},
                    "foo_bar": {{ "target": "smithy.api#String" }}
                }} }}"#
            )),
        ),
        (
            "enum_duplicate_values",
            probed(
                r#""example#Size": { "type": "enum", "members": {
                    "SMALL": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "s" } },
                    "TINY": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "s" } }
                } }"#,
            ),
        ),
        (
            "operation_error_without_error_trait",
            model(
                r#""example#Get": { "type": "operation", "errors": [ { "target": "example#Oops" } ] },
                "example#Oops": { "type": "structure", "members": {} }"#,
            ),
        ),
        (
            "unknown_shape_type",
            model(r#""example#Thing": { "type": "struct", "members": {} }"#),
        ),
        (
            "shape_id_without_namespace",
            model(r#""Widget": { "type": "string" }"#),
        ),
        (
            "mixin_cycle",
            model(
                r#""example#A": { "type": "structure", "mixins": [ { "target": "example#B" } ], "members": {}, "traits": { "smithy.api#mixin": {} } },
                "example#B": { "type": "structure", "mixins": [ { "target": "example#A" } ], "members": {}, "traits": { "smithy.api#mixin": {} } }"#,
            ),
        ),
        (
            "mixin_member_redeclared_with_other_target",
            probed(
                r#""example#Base": { "type": "structure", "members": { "name": { "target": "smithy.api#String" } }, "traits": { "smithy.api#mixin": {} } },
                "example#Named": { "type": "structure", "mixins": [ { "target": "example#Base" } ], "members": { "name": { "target": "smithy.api#Integer" } } }"#,
            ),
        ),
    ]
}

/// Generate without letting a panic escape: a panic is a test failure with the case named.
fn generate(name: &str, text: &str) -> Result<Generated, Diagnostics> {
    let request = Request::from_model(&format!("{name}.json"), text, Selection::All);
    catch_unwind(AssertUnwindSafe(|| codegen::generate(&request)))
        .unwrap_or_else(|_| panic!("case `{name}`: the generator panicked"))
}

#[test]
fn every_invalid_model_is_an_error_not_a_panic() {
    for (name, text) in cases() {
        match generate(name, &text) {
            Ok(_) => panic!("case `{name}`: generation succeeded on an invalid model"),
            Err(diagnostics) => {
                assert!(
                    diagnostics.has_errors(),
                    "case `{name}`: Err without any error:\n{diagnostics}"
                );
                // `lower_request` is the same pipeline minus emitting; it must agree.
                let request = Request::from_model(&format!("{name}.json"), &text, Selection::All);
                let lowered = catch_unwind(AssertUnwindSafe(|| codegen::lower_request(&request)))
                    .unwrap_or_else(|_| panic!("case `{name}`: lower_request panicked"));
                assert!(
                    lowered.is_err(),
                    "case `{name}`: lower_request accepted an invalid model"
                );
            }
        }
    }
}

#[test]
fn invalid_models_snapshot() {
    let mut out = String::new();
    for (name, text) in cases() {
        let diagnostics = match generate(name, &text) {
            Ok(_) => panic!("case `{name}`: generation succeeded on an invalid model"),
            Err(d) => d,
        };
        let _ = writeln!(out, "## {name}\n{diagnostics}\n");
    }
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("invalid_models__diagnostics", out);
    });
}

fn codes(diagnostics: &Diagnostics) -> Vec<&'static str> {
    let mut codes: Vec<&str> = diagnostics.errors().map(|d| d.code).collect();
    codes.sort_unstable();
    codes
}

/// Several trait problems in one model: one run reports each of them, with its shape.
#[test]
fn every_trait_problem_is_reported_in_one_run() {
    let text = probed(
        r#""example#Code": { "type": "string", "traits": { "smithy.api#length": { "min": 5, "max": 2 } } },
        "example#Flag": { "type": "boolean", "traits": { "smithy.api#length": { "max": 1 } } },
        "example#Count": { "type": "integer", "traits": { "smithy.api#range": { "min": "1" } } },
        "example#Size": { "type": "enum", "members": {
            "SMALL": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "s" } },
            "TINY": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "s" } }
        } },
        "example#Get": { "type": "operation", "errors": [ { "target": "example#Oops" } ] },
        "example#Oops": { "type": "structure", "members": {} }"#,
    );
    let diagnostics = generate("several_trait_problems", &text)
        .err()
        .expect("an invalid model");
    let shapes: Vec<&str> = diagnostics
        .errors()
        .filter_map(|d| d.shape.as_deref())
        .collect();
    for shape in [
        "example#Code",
        "example#Flag",
        "example#Count",
        "example#Size$TINY",
        "example#Get",
    ] {
        assert!(
            shapes.contains(&shape),
            "no error for `{shape}`:\n{diagnostics}"
        );
    }
    assert_eq!(
        codes(&diagnostics),
        [
            "DuplicateEnumValue",
            "InvalidOperation",
            "InvalidTraitValue",
            "InvalidTraitValue",
            "TraitNotApplicable"
        ],
        "{diagnostics}"
    );
}

/// Several structural problems in one model (found while loading): all reported together.
#[test]
fn every_loading_problem_is_reported_in_one_run() {
    let text = model(
        r#""example#CustomerName": { "type": "string" },
        "example#Customer": { "type": "structure", "members": { "name": { "target": "example#CustomerNam" } } },
        "example#Thing": { "type": "struct", "members": {} },
        "Widget": { "type": "string" },
        "example#A": { "type": "structure", "mixins": [ { "target": "example#B" } ], "members": {}, "traits": { "smithy.api#mixin": {} } },
        "example#B": { "type": "structure", "mixins": [ { "target": "example#A" } ], "members": {}, "traits": { "smithy.api#mixin": {} } }"#,
    );
    let diagnostics = generate("several_loading_problems", &text)
        .err()
        .expect("an invalid model");
    let found = codes(&diagnostics);
    for code in [
        "UnknownTarget",
        "UnknownShapeType",
        "InvalidShapeId",
        "MixinCycle",
    ] {
        assert!(found.contains(&code), "no `{code}` error:\n{diagnostics}");
    }
}

/// Two name collisions in different structures: both reported, not just the first.
#[test]
fn every_name_collision_is_reported_in_one_run() {
    let text = model(&format!(
        r#"{OP},
        "example#OpInput": {{ "type": "structure", "members": {{
            "fooBar": {{ "target": "smithy.api#String" }},
            "foo_bar": {{ "target": "smithy.api#String" }},
            "other": {{ "target": "example#Other" }}
        }} }},
        "example#Other": {{ "type": "structure", "members": {{
            "ID": {{ "target": "smithy.api#String" }},
            "id": {{ "target": "smithy.api#String" }}
        }} }}"#
    ));
    let diagnostics = generate("several_collisions", &text)
        .err()
        .expect("an invalid model");
    let shapes: Vec<&str> = diagnostics
        .errors()
        .filter(|d| d.code == "NameCollision")
        .filter_map(|d| d.shape.as_deref())
        .collect();
    assert!(
        shapes.contains(&"example#OpInput") && shapes.contains(&"example#Other"),
        "{diagnostics}"
    );
}

// ---------------------------------------------------------------------------------------------
// The two pattern bugs of the Amazon Connect model, and how a suppression silences them.

/// `PhoneNumber` is escaped twice (`\\+` and `\\d` in the pattern text), `Password` is a JavaScript
/// regex literal wrapped in `^/.../$` and can never match.
fn connect_like_model() -> String {
    model(
        r#""example#PutUser": { "type": "operation", "input": { "target": "example#PutUserInput" }, "output": { "target": "smithy.api#Unit" } },
        "example#PutUserInput": { "type": "structure", "members": {
            "phone": { "target": "example#PhoneNumber" },
            "password": { "target": "example#Password" }
        } },
        "example#PhoneNumber": { "type": "string", "traits": { "smithy.api#pattern": "^\\\\+[1-9]\\\\d{1,14}$" } },
        "example#Password": { "type": "string", "traits": { "smithy.api#pattern": "^/^a$/$", "smithy.api#sensitive": {} } }"#,
    )
}

fn pattern_warnings(diagnostics: &Diagnostics) -> Vec<(&'static str, Option<&str>)> {
    diagnostics
        .0
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.code.starts_with("Pattern"))
        .map(|d| (d.code, d.shape.as_deref()))
        .collect()
}

fn input_field<'a>(generated: &'a Generated, member: &str) -> &'a codegen::ir::Field {
    let op = &generated.krate.operations[0];
    let input = generated.krate.structure(op.input).expect("the input structure");
    input.fields.iter().find(|f| f.member == member).expect("the member exists")
}

fn member_notes<'a>(generated: &'a Generated, member: &str) -> Vec<&'a str> {
    input_field(generated, member).docs.notes.iter().map(String::as_str).collect()
}

#[test]
fn connect_pattern_bugs_are_reported_as_warnings() {
    let generated =
        generate("connect_like", &connect_like_model()).unwrap_or_else(|d| panic!("{d}"));
    let warnings = pattern_warnings(&generated.warnings);
    assert!(
        warnings.contains(&("PatternDoubleEscaped", Some("example#PhoneNumber"))),
        "{}",
        generated.warnings
    );
    assert!(
        warnings.contains(&("PatternUnmatchable", Some("example#Password"))),
        "{}",
        generated.warnings
    );
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("connect_pattern_bugs__warnings", generated.warnings.to_string());
    });
}

#[test]
fn suppressions_silence_the_connect_pattern_bugs_and_document_it() {
    let mut request =
        Request::from_model("connect_like.json", &connect_like_model(), Selection::All);
    request.settings.suppressions = vec![
        Suppression {
            shape: "example#PhoneNumber".into(),
            constraint: "smithy.api#pattern".into(),
            reason: "The model escapes the pattern twice; the service accepts real E.164 numbers."
                .into(),
        },
        Suppression {
            shape: "example#Password".into(),
            constraint: "smithy.api#pattern".into(),
            reason: "The pattern is a JavaScript literal and matches nothing.".into(),
        },
    ];
    let generated = codegen::generate(&request).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        pattern_warnings(&generated.warnings),
        [],
        "{}",
        generated.warnings
    );
    for (member, reason) in [
        ("phone", "escapes the pattern twice"),
        ("password", "JavaScript literal"),
    ] {
        let notes = member_notes(&generated, member);
        let note = notes
            .iter()
            .find(|n| n.contains("Not checked by this crate"))
            .unwrap_or_else(|| panic!("`{member}` lacks the suppression note: {notes:?}"));
        assert!(
            note.contains("pattern") && note.contains(reason),
            "`{member}`: {note}"
        );
        let field = input_field(&generated, member);
        assert_eq!(field.schema.constraints, None, "`{member}` is still checked");
    }
    // The note reaches the emitted docs, and no pattern is compiled for the suppressed ones.
    let input = generated
        .files
        .iter()
        .find(|(path, _)| path.ends_with("_put_user_input.rs"))
        .map(|(_, text)| text.as_str())
        .expect("the input file");
    for member in ["phone", "password"] {
        let field = input
            .find(&format!("pub {member}: "))
            .unwrap_or_else(|| panic!("no field `{member}`:\n{input}"));
        let docs: Vec<&str> = input[..field]
            .lines()
            .rev()
            .skip(1)
            .take_while(|l| l.trim_start().starts_with("///"))
            .collect();
        assert!(
            docs.iter().any(|l| l.contains("Not checked by this crate")),
            "`{member}` field docs lack the note:\n{input}"
        );
    }
    assert!(generated.krate.patterns.is_empty(), "suppressed patterns are still compiled");
}

/// A pattern that is not ECMA-262 as written is a warning naming the shape and the pattern, and
/// is not enforced: a real model is never refused for a constraint the client cannot check.
#[test]
fn patterns_that_are_not_ecma_262_are_warnings_and_unenforced() {
    let text = model(
        r#""example#Put": { "type": "operation", "input": { "target": "example#PutInput" }, "output": { "target": "smithy.api#Unit" } },
        "example#PutInput": { "type": "structure", "members": {
            "word": { "target": "example#Word" },
            "flags": { "target": "example#Flags" },
            "range": { "target": "example#ClassRange" },
            "dollar": { "target": "example#Dollar" }
        } },
        "example#Word": { "type": "string", "traits": { "smithy.api#pattern": "^[a-z" } },
        "example#Flags": { "type": "string", "traits": { "smithy.api#pattern": "(?i)^[a-z]+$" } },
        "example#ClassRange": { "type": "string", "traits": { "smithy.api#pattern": "^[\\p{L}\\p{Z}-_]+$" } },
        "example#Dollar": { "type": "string", "traits": { "smithy.api#pattern": "^[a-z]*${2,64}$" } }"#,
    );
    let generated = generate("not_ecma", &text).unwrap_or_else(|d| panic!("{d}"));
    let warned: Vec<&str> = generated.warnings.warnings().filter(|d| d.code == "PatternNotEcma262").filter_map(|d| d.shape.as_deref()).collect();
    for shape in ["example#Word", "example#Flags"] {
        assert!(warned.contains(&shape), "no warning for {shape}:\n{}", generated.warnings);
    }
    for member in ["word", "flags"] {
        assert_eq!(input_field(&generated, member).schema.constraints, None, "`{member}` is enforced");
    }
    // Every warning names its pattern.
    for warning in generated.warnings.warnings().filter(|d| d.code == "PatternNotEcma262") {
        assert!(warning.message.contains("pattern `"), "{warning}");
    }
}

/// The checks cover the shapes a run generates: a broken shape only another operation reaches
/// does not stop the chosen one, and is reported as soon as its operation is chosen too.
#[test]
fn a_problem_outside_the_chosen_operations_does_not_block_them() {
    let text = model(
        r#""example#Service": { "type": "service", "version": "1", "operations": [ { "target": "example#Good" }, { "target": "example#Bad" } ] },
        "example#Good": { "type": "operation", "input": { "target": "example#GoodInput" } },
        "example#GoodInput": { "type": "structure", "members": { "name": { "target": "smithy.api#String" } } },
        "example#Bad": { "type": "operation", "input": { "target": "example#BadInput" } },
        "example#BadInput": { "type": "structure", "members": { "code": { "target": "example#Code" } } },
        "example#Code": { "type": "string", "traits": { "smithy.api#length": { "min": 5, "max": 2 } } }"#,
    );
    let only_good = Request::from_model("scoped.json", &text, Selection::Named(vec!["Good".into()]));
    let generated = codegen::generate(&only_good).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(generated.krate.operations.len(), 1);
    for selection in [Selection::Named(vec!["Good".into(), "Bad".into()]), Selection::All] {
        let request = Request::from_model("scoped.json", &text, selection);
        let diagnostics = codegen::generate(&request).err().expect("the broken shape is generated");
        let shapes: Vec<&str> = diagnostics.errors().filter_map(|d| d.shape.as_deref()).collect();
        assert_eq!(shapes, ["example#Code"], "{diagnostics}");
    }
}

/// A list that holds itself, and a list and a map that hold each other, have no finite value:
/// an error naming the shape, not a stack overflow in lowering (found by the fuzz driver).
#[test]
fn collections_that_contain_themselves_are_refused() {
    let cases = [
        r#""example#List": { "type": "list", "member": { "target": "example#List" } }"#,
        r#""example#List": { "type": "list", "member": { "target": "example#Map" } },
           "example#Map": { "type": "map", "key": { "target": "smithy.api#String" }, "value": { "target": "example#List" } }"#,
    ];
    for shapes in cases {
        let text = probed(shapes);
        let diagnostics = generate("recursive_collection", &text).err().expect("refused");
        let text = diagnostics.to_string();
        assert!(text.contains("RecursiveCollection") && text.contains("example#List"), "{text}");
    }
    // Recursion through a structure stays valid.
    let through_structure = probed(
        r#""example#List": { "type": "list", "member": { "target": "example#Node" } },
           "example#Node": { "type": "structure", "members": { "children": { "target": "example#List" } } }"#,
    );
    generate("recursive_through_structure", &through_structure).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn range_bounds_past_a_float_type_are_its_infinity() {
    // The fuzz driver found the emitter panicking on these (a float literal must be finite).
    for (kind, max) in [("float", "1e400"), ("double", "1e309"), ("float", "3.5e38"), ("integer", "1e39")] {
        let text = probed(&format!(r#""example#Bounded": {{ "type": "{kind}", "traits": {{ "smithy.api#range": {{ "min": -{max}, "max": {max} }} }} }}"#));
        let generated = generate("range_past_float", &text).unwrap_or_else(|d| panic!("{kind} {max}: {d}"));
        let schemas = generated.files.get("src/schemas.rs").expect("src/schemas.rs");
        assert!(schemas.contains("::core::primitive::f32::INFINITY") && schemas.contains("::core::primitive::f32::NEG_INFINITY"), "{kind} {max}:\n{schemas}");
    }
}

#[test]
fn long_mixin_chains_are_refused_before_they_exhaust_memory() {
    // Each link copies every member below it: n links make n²/2 members (the fuzz driver found
    // 2,000 links taking 9.5 s and 890 MB). 700 links pass the loader's limit of 200,000.
    let links = 700;
    let shapes: Vec<String> = (0..links)
        .map(|k| {
            let mixins = if k + 1 < links { format!(r#""mixins": [{{ "target": "example#M{}" }}],"#, k + 1) } else { String::new() };
            format!(r#""example#M{k}": {{ "type": "structure", {mixins} "members": {{ "m{k}": {{ "target": "smithy.api#String" }} }}, "traits": {{ "smithy.api#mixin": {{}} }} }}"#)
        })
        .collect();
    let text = model(&shapes.join(",\n"));
    let text = generate("long_mixin_chain", &text).err().expect("refused").to_string();
    assert!(text.contains("ModelTooLarge") && text.contains("200000 members"), "{text}");
    assert_eq!(text.matches("ModelTooLarge").count(), 1, "reported once:\n{text}");
}

#[test]
fn collections_nested_past_the_limit_are_refused() {
    // 5,000 nested lists overflowed the stack in lowering (found by hand after the fuzz driver's
    // findings); the limit is 32 levels.
    let nested = |levels: usize| {
        let shapes: Vec<String> = (0..levels)
            .map(|k| {
                let target = if k + 1 < levels { format!("example#L{}", k + 1) } else { "smithy.api#String".to_string() };
                format!(r#""example#L{k}": {{ "type": "list", "member": {{ "target": "{target}" }} }}"#)
            })
            .collect();
        format!(r#"{{"smithy": "2.0", "shapes": {{ "example#Op": {{ "type": "operation", "input": {{ "target": "example#In" }} }}, "example#In": {{ "type": "structure", "members": {{ "l": {{ "target": "example#L0" }} }} }}, {} }}}}"#, shapes.join(","))
    };
    generate("nested_32", &nested(32)).unwrap_or_else(|d| panic!("{d}"));
    for levels in [33, 5_000] {
        let text = generate("nested", &nested(levels)).err().expect("refused").to_string();
        assert!(text.contains("CollectionNestingTooDeep") && text.contains("33 deep"), "{text}");
        assert_eq!(text.matches("CollectionNestingTooDeep").count(), 1, "{text}");
    }
}

#[test]
fn mixins_copying_large_traits_are_refused() {
    // 200 mixins over one 1 MiB `@documentation`: every shape in the chain held a copy (218 MB,
    // found by the fuzz driver) within the member limit.
    let doc = "x".repeat(1 << 20);
    let links = 200;
    let shapes: Vec<String> = (0..links)
        .map(|k| {
            let mixins = if k + 1 < links { format!(r#""mixins": [{{ "target": "example#M{}" }}],"#, k + 1) } else { String::new() };
            let docs = if k + 1 == links { format!(r#", "smithy.api#documentation": "{doc}""#) } else { String::new() };
            format!(r#""example#M{k}": {{ "type": "structure", {mixins} "members": {{}}, "traits": {{ "smithy.api#mixin": {{}}{docs} }} }}"#)
        })
        .collect();
    let text = generate("mixin_trait_copies", &model(&shapes.join(",\n"))).err().expect("refused").to_string();
    assert!(text.contains("ModelTooLarge") && text.contains("32 MiB"), "{text}");
}
